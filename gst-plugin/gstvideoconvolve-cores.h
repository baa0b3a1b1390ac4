/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: how many cores n-threads=0 means
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

#ifndef __GST_VIDEO_CONVOLVE_CORES_H__
#define __GST_VIDEO_CONVOLVE_CORES_H__

#include <glib.h>

G_BEGIN_DECLS

/* The cores the calling thread gets: the online ones, but no more than
 * its affinity mask names, nor than its cgroup's CPU quota allows
 * (rounded up); at least 1. */
guint gst_video_convolve_usable_cores (void);

/* The cores the CPU quota of this process's cgroup allows, rounded up,
 * the smallest over the cgroup and its parents (cgroup v2's cpu.max, v1's
 * cpu.cfs_quota_us and cpu.cfs_period_us); 0 where none is set or none
 * can be read. root goes before /proc/self/cgroup and /sys/fs/cgroup:
 * "" on a running system, a folder with a fake tree in tests. */
guint gst_video_convolve_quota_cores (const gchar * root);

G_END_DECLS

#endif /* __GST_VIDEO_CONVOLVE_CORES_H__ */
