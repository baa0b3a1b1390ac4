/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* How many cores n-threads=0 means under a cgroup CPU quota: white-box,
 * gst_video_convolve_quota_cores () on fake trees of /proc/self/cgroup
 * and /sys/fs/cgroup in a temporary folder (cgroup v2 and v1, a limit on
 * a parent, a container's namespaced root, no quota, unreadable
 * values), and gst_video_convolve_usable_cores () on this machine. The
 * affinity mask's part is element-settings' (through the element). */
#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>

#include "gstvideoconvolve-cores.h"

static gchar *root;

/* Writes text to root + path, making its folders. */
static void
put (const gchar * path, const gchar * text)
{
  gchar *name = g_strconcat (root, path, NULL);
  gchar *dir = g_path_get_dirname (name);

  fail_unless (g_mkdir_with_parents (dir, 0755) == 0);
  fail_unless (g_file_set_contents (name, text, -1, NULL));
  g_free (dir);
  g_free (name);
}

/* A cgroup v1 quota in dir (under /sys/fs/cgroup). */
static void
put_v1 (const gchar * dir, const gchar * quota, const gchar * period)
{
  gchar *q = g_strconcat ("/sys/fs/cgroup/", dir, "/cpu.cfs_quota_us", NULL);
  gchar *p = g_strconcat ("/sys/fs/cgroup/", dir, "/cpu.cfs_period_us", NULL);

  put (q, quota);
  put (p, period);
  g_free (q);
  g_free (p);
}

static void
rm_tree (const gchar * path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const gchar *e;

  while (d && (e = g_dir_read_name (d)) != NULL) {
    gchar *child = g_build_filename (path, e, NULL);

    if (g_file_test (child, G_FILE_TEST_IS_DIR))
      rm_tree (child);
    else
      g_unlink (child);
    g_free (child);
  }
  if (d)
    g_dir_close (d);
  g_rmdir (path);
}

static void
setup (void)
{
  root = g_dir_make_tmp ("vc-cores-XXXXXX", NULL);
  fail_unless (root != NULL);
}

static void
teardown (void)
{
  rm_tree (root);
  g_free (root);
}

GST_START_TEST (test_no_cgroup_file)
{
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 0);
}

GST_END_TEST;

/* cgroup v2: the smallest quota on the way up, rounded up. */
GST_START_TEST (test_v2)
{
  put ("/proc/self/cgroup", "0::/a/b\n");
  put ("/sys/fs/cgroup/a/b/cpu.max", "max 100000\n");
  put ("/sys/fs/cgroup/a/cpu.max", "150000 100000\n");
  put ("/sys/fs/cgroup/cpu.max", "max 100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 2);
  put ("/sys/fs/cgroup/a/b/cpu.max", "50000 100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 1);
  put ("/sys/fs/cgroup/a/b/cpu.max", "max 100000\n");
  put ("/sys/fs/cgroup/a/cpu.max", "max 100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 0);
}

GST_END_TEST;

/* A container's namespaced cgroup: "/", its limit at the mount's top. */
GST_START_TEST (test_v2_container)
{
  put ("/proc/self/cgroup", "0::/\n");
  put ("/sys/fs/cgroup/cpu.max", "300000 100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 3);
}

GST_END_TEST;

/* cgroup v1, cpu with cpuacct or alone; -1 is no quota; a path that is
 * not under the mount (another namespace's) falls back to the mount's
 * top. */
GST_START_TEST (test_v1)
{
  put ("/proc/self/cgroup", "9:memory:/x\n4:cpu,cpuacct:/docker/c1\n0::/\n");
  put_v1 ("cpu,cpuacct/docker/c1", "250000\n", "100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 3);
  put_v1 ("cpu,cpuacct/docker/c1", "-1\n", "100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 0);

  put ("/proc/self/cgroup", "1:cpu:/docker/elsewhere\n");
  put_v1 ("cpu", "100000\n", "100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 1);
}

GST_END_TEST;

/* Values that are not a quota count as none. */
GST_START_TEST (test_unreadable)
{
  static const gchar *const bad[] = {
    "max", "abc 100000", "0 100000", "100000 0", "100000 abc", "-5 100000",
    "", "100000 100000 7"
  };

  put ("/proc/self/cgroup", "0::/a\n");
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    put ("/sys/fs/cgroup/a/cpu.max", bad[i]);
    fail_unless_equals_int (gst_video_convolve_quota_cores (root), 0);
  }
  put ("/proc/self/cgroup", "garbage\n::\n1:cpu:relative\n");
  put_v1 ("cpu", "100000\n", "100000\n");
  fail_unless_equals_int (gst_video_convolve_quota_cores (root), 0);
}

GST_END_TEST;

/* On this machine: at least one core, at most the online ones and the
 * quota's. */
GST_START_TEST (test_usable)
{
  guint n = gst_video_convolve_usable_cores ();
  guint quota = gst_video_convolve_quota_cores ("");

  fail_unless (n >= 1);
  fail_unless (n <= g_get_num_processors ());
  fail_unless (quota == 0 || n <= quota);
}

GST_END_TEST;

static Suite *
element_cores_suite (void)
{
  Suite *s = suite_create ("element-cores");
  TCase *tc = tcase_create ("cores");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_no_cgroup_file);
  tcase_add_test (tc, test_v2);
  tcase_add_test (tc, test_v2_container);
  tcase_add_test (tc, test_v1);
  tcase_add_test (tc, test_unreadable);
  tcase_add_test (tc, test_usable);
  return s;
}

GST_CHECK_MAIN (element_cores);
