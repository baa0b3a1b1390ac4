/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the rectangles the regions and roi-meta
 * properties select
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_VIDEO_CONVOLVE_REGIONS_H__
#define __GST_VIDEO_CONVOLVE_REGIONS_H__

#include <gst/gst.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

/* The regions property's value (a GstValueArray of <x, y, width, height>
 * arrays of ints, or one such array alone) as 4 * *n ints, or NULL (and
 * *n 0) for an empty array. NULL with *error when an entry is not 4 ints
 * or has a negative size. */
gint *gst_video_convolve_regions_from_value (const GValue * value, guint * n,
    gchar ** error);
void gst_video_convolve_regions_to_value (const gint * regions, guint n,
    GValue * value);
/* "<<x,y,w,h>,...>", as gst-launch takes it. */
gchar *gst_video_convolve_regions_to_string (const gint * regions, guint n);

/* The rectangles of one frame of width x height: the regions, and the
 * buffer's GstVideoRegionOfInterestMeta whose type roi_meta selects ("*":
 * all, else a comma list of types; NULL or "": none), clipped to the
 * frame, without the empty ones, and cut into rectangles that do not
 * overlap and cover the same pixels. */
GArray *gst_video_convolve_regions_for_frame (const gint * regions, guint n,
    const gchar * roi_meta, GstBuffer * buffer, gint width, gint height);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_REGIONS_H__ */
