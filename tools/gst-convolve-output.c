/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-convolve's output file: never the input itself, an existing file
 * only with -y; written to a .part file beside it and renamed over it only
 * when the run succeeds. */
#include "gst-convolve.h"

#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file INPUT names (a path or a file:// URI), or NULL. */
static gchar *
input_file (const gchar * input)
{
  if (gst_uri_is_valid (input))
    return g_filename_from_uri (input, NULL, NULL);
  return g_strdup (input);
}

/* A new output: its folder must exist. Returns an exit status. */
static gint
check_new_output (App * app, const gchar * output)
{
  gchar *dir = g_path_get_dirname (output);
  gboolean ok = g_file_test (dir, G_FILE_TEST_IS_DIR);

  if (!ok)
    fprintf (stderr, "gst-convolve: no folder %s for %s: create it first\n",
        dir, output);
  g_free (dir);
  app->target = g_strdup (output);
  return ok ? 0 : 1;
}

/* Whether `a` and `b` are one file (device and inode: through symlinks
 * and hard links too). */
static gboolean
same_file (const gchar * a, const GStatBuf * b)
{
  GStatBuf sa;

  return a && g_stat (a, &sa) == 0 && sa.st_dev == b->st_dev &&
      sa.st_ino == b->st_ino;
}

/* Where the output goes (app->target): never the input itself, an
 * existing file only with -y, in a folder that exists. Sets *mode to the
 * replaced file's. Returns an exit status, 0 when it may be written. */
gint
check_output (App * app, const gchar * input, const gchar * output,
    gboolean overwrite, mode_t * mode)
{
  GStatBuf out;
  gchar *in = input_file (input);
  gboolean same;

  if (g_stat (output, &out) != 0) {
    g_free (in);
    if (errno == ENOENT)
      return check_new_output (app, output);
    fprintf (stderr, "gst-convolve: cannot write %s: %s\n", output,
        g_strerror (errno));
    return 1;
  }
  same = same_file (in, &out);
  g_free (in);
  if (same)
    fprintf (stderr, "gst-convolve: %s and %s are the same file: writing "
        "would destroy the input; choose another output\n", input, output);
  else if (S_ISDIR (out.st_mode))
    fprintf (stderr, "gst-convolve: %s is a folder: give a file name\n",
        output);
  else if (!overwrite)
    fprintf (stderr, "gst-convolve: %s exists: add -y (--overwrite) to "
        "replace it\n", output);
  else
    app->target = realpath (output, NULL);
  if (app->target == NULL)
    return 2;
  *mode = out.st_mode & 07777;
  return 0;
}

/* Creates the file the pipeline writes: ".NAME.XXXXXX.part" beside the
 * target, so that the final rename stays in one file system, with the
 * replaced file's mode (0: a new file's, from the umask). */
gboolean
make_part (App * app, mode_t mode)
{
  gchar *dir = g_path_get_dirname (app->target);
  gchar *base = g_path_get_basename (app->target);
  gchar *name = g_strdup_printf (".%s.XXXXXX.part", base);
  gint fd;

  app->part = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (app->part, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) {
    fprintf (stderr, "gst-convolve: cannot write in %s: %s\n", dir,
        g_strerror (errno));
    g_clear_pointer (&app->part, g_free);
  } else {
    if (mode)
      fchmod (fd, mode);
    close (fd);
  }
  g_free (name);
  g_free (base);
  g_free (dir);
  return app->part != NULL;
}

/* Once the pipeline is stopped: the finished file replaces the target
 * (synced first, so the rename never shows an empty file); any other end
 * removes it and leaves the target as it was. */
void
finish_output (App * app)
{
  gint fd;

  if (app->part == NULL)
    return;
  if (app->exit_code == 0) {
    fd = open (app->part, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      fsync (fd);
      close (fd);
    }
    if (g_rename (app->part, app->target) != 0) {
      fprintf (stderr, "gst-convolve: cannot rename %s to %s: %s\n",
          app->part, app->target, g_strerror (errno));
      app->exit_code = 1;
    }
  }
  if (app->exit_code != 0)
    g_unlink (app->part);
}
