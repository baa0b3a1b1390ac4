/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: how many cores n-threads=0 means
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* GLib 2.74's g_get_num_processors () counts every online core. A
 * process may get less: an affinity mask (taskset, a cpuset) names the
 * cores it may run on, and a CPU quota of its cgroup (docker --cpus,
 * Kubernetes CPU limits) the share of them it gets per period. Bands
 * beyond either only take turns, each reading the rows above its first
 * again. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifdef HAVE_SCHED_GETAFFINITY
#define _GNU_SOURCE
#include <sched.h>
#endif

#include "gstvideoconvolve-cores.h"

#include <errno.h>
#include <string.h>

/* The first line of root + path, or NULL. */
static gchar *
read_line (const gchar * root, const gchar * path)
{
  gchar *name = g_strconcat (root, path, NULL);
  gchar *text = NULL;

  if (g_file_get_contents (name, &text, NULL, NULL))
    text[strcspn (text, "\n")] = '\0';
  g_free (name);
  return text;
}

/* A non-negative integer that is the whole of s, or -1. */
static gint64
parse_count (const gchar * s)
{
  gchar *end;
  gint64 v;

  if (s == NULL || !g_ascii_isdigit (*s))
    return -1;
  errno = 0;
  v = g_ascii_strtoll (s, &end, 10);
  return errno == 0 && *end == '\0' ? v : -1;
}

/* The cores quota / period allows, rounded up; 0 for no quota. */
static guint
cores_of (gint64 quota, gint64 period)
{
  if (quota <= 0 || period <= 0)
    return 0;
  return (guint) MIN ((quota + period - 1) / period, G_MAXUINT);
}

/* The quota in dir (a cgroup's folder under root): cgroup v2's cpu.max
 * ("max PERIOD" or "QUOTA PERIOD"), else v1's cpu.cfs_quota_us (-1 for
 * none) and cpu.cfs_period_us. */
static guint
dir_quota (const gchar * root, const gchar * dir)
{
  gchar *path = g_build_filename (dir, "cpu.max", NULL);
  gchar *line = read_line (root, path);
  guint cores = 0;

  g_free (path);
  if (line != NULL) {
    gchar **f = g_strsplit (line, " ", 3);

    if (g_strv_length (f) == 2)
      cores = cores_of (parse_count (f[0]), parse_count (f[1]));
    g_strfreev (f);
  } else {
    gchar *qp = g_build_filename (dir, "cpu.cfs_quota_us", NULL);
    gchar *pp = g_build_filename (dir, "cpu.cfs_period_us", NULL);
    gchar *q = read_line (root, qp), *p = read_line (root, pp);

    cores = cores_of (parse_count (q), parse_count (p));
    g_free (qp);
    g_free (pp);
    g_free (q);
    g_free (p);
  }
  g_free (line);
  return cores;
}

/* The smallest quota from mount + cgroup up to mount (a cgroup's limit
 * also holds for its children), 0 for none. */
static guint
path_quota (const gchar * root, const gchar * mount, const gchar * cgroup)
{
  gchar *dir = g_build_filename (mount, cgroup, NULL);
  guint least = 0;

  for (;;) {
    guint cores = dir_quota (root, dir);
    gchar *up;

    if (cores > 0 && (least == 0 || cores < least))
      least = cores;
    if (strlen (dir) <= strlen (mount))
      break;
    up = g_path_get_dirname (dir);
    g_free (dir);
    dir = up;
  }
  g_free (dir);
  return least;
}

/* Whether the comma list of controllers names "cpu". */
static gboolean
names_cpu (const gchar * controllers)
{
  gchar **c = g_strsplit (controllers, ",", -1);
  gboolean found = g_strv_contains ((const gchar * const *) c, "cpu");

  g_strfreev (c);
  return found;
}

guint
gst_video_convolve_quota_cores (const gchar * root)
{
  /* Where v1's cpu controller is mounted, by the common names. */
  static const gchar *const v1_mounts[] = {
    "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct,cpu",
    "/sys/fs/cgroup/cpu"
  };
  gchar *name = g_strconcat (root, "/proc/self/cgroup", NULL);
  gchar *text = NULL;
  gchar **lines;
  guint least = 0;

  if (!g_file_get_contents (name, &text, NULL, NULL)) {
    g_free (name);
    return 0;
  }
  g_free (name);
  lines = g_strsplit (text, "\n", -1);
  for (gchar ** l = lines; *l != NULL; l++) {
    /* "ID:CONTROLLERS:PATH"; v2's is "0::PATH". */
    gchar **f = g_strsplit (*l, ":", 3);
    guint cores = 0;

    if (g_strv_length (f) == 3 && f[2][0] == '/') {
      if (f[1][0] == '\0') {
        cores = path_quota (root, "/sys/fs/cgroup", f[2]);
      } else if (names_cpu (f[1])) {
        for (gsize m = 0; m < G_N_ELEMENTS (v1_mounts) && cores == 0; m++)
          cores = path_quota (root, v1_mounts[m], f[2]);
      }
    }
    if (cores > 0 && (least == 0 || cores < least))
      least = cores;
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (text);
  return least;
}

guint
gst_video_convolve_usable_cores (void)
{
  guint n = g_get_num_processors ();
  guint quota = gst_video_convolve_quota_cores ("");
#ifdef HAVE_SCHED_GETAFFINITY
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof (set), &set) == 0 && CPU_COUNT (&set) > 0)
    n = MIN (n, (guint) CPU_COUNT (&set));
#endif
  if (quota > 0)
    n = MIN (n, quota);
  return MAX (n, 1);
}
