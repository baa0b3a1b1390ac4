/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Runs a fuzz target over files and folders without libFuzzer: how the
 * committed corpus (seeds and every finding) runs in the ordinary test
 * suite, with gcc and under the sanitizer and valgrind legs of CI.
 * Usage: fuzz-TARGET-corpus PATH... (a folder: every file in it). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static int
run_file (const char *path)
{
  FILE *f = fopen (path, "rb");
  uint8_t *data;
  long size;

  if (f == NULL || fseek (f, 0, SEEK_END) != 0 || (size = ftell (f)) < 0 ||
      fseek (f, 0, SEEK_SET) != 0) {
    fprintf (stderr, "cannot read %s\n", path);
    exit (2);
  }
  data = malloc (size ? (size_t) size : 1);
  if (data == NULL || fread (data, 1, (size_t) size, f) != (size_t) size) {
    fprintf (stderr, "cannot read %s\n", path);
    exit (2);
  }
  fclose (f);
  LLVMFuzzerTestOneInput (data, (size_t) size);
  free (data);
  return 1;
}

static int
run_path (const char *path)
{
  struct stat st;
  struct dirent **names;
  int n, count = 0;

  if (stat (path, &st) != 0) {
    fprintf (stderr, "no such file or folder: %s\n", path);
    exit (2);
  }
  if (!S_ISDIR (st.st_mode))
    return run_file (path);
  n = scandir (path, &names, NULL, alphasort);
  for (int i = 0; i < n; i++) {
    if (names[i]->d_name[0] != '.') {
      char *full = malloc (strlen (path) + strlen (names[i]->d_name) + 2);

      sprintf (full, "%s/%s", path, names[i]->d_name);
      count += run_path (full);
      free (full);
    }
    free (names[i]);
  }
  free (names);
  return count;
}

int
main (int argc, char **argv)
{
  int count = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    count += run_path (argv[i]);
  printf ("%d inputs ran, no finding\n", count);
  return count > 0 ? 0 : 1;
}
