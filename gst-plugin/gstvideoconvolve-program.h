/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the frame program
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_VIDEO_CONVOLVE_PROGRAM_H__
#define __GST_VIDEO_CONVOLVE_PROGRAM_H__

#include <gst/gst.h>
#include <gst/video/video.h>

#include "gstvideoconvolve-settings.h"

G_BEGIN_DECLS

/* What to do to each plane of a frame for one settings snapshot and one
 * pair of caps: the core's plans, the row bands and their scratch. Built
 * once (never per frame) and not changed after. */
typedef struct _GstVideoConvolveProgram GstVideoConvolveProgram;

/* NULL with *error (a sentence with the numbers) when the core refuses
 * the configuration of a plane. */
GstVideoConvolveProgram *gst_video_convolve_program_new (const
    GstVideoConvolveSettings * s, const GstVideoInfo * in_info,
    const GstVideoInfo * out_info, gchar ** error);
void gst_video_convolve_program_free (GstVideoConvolveProgram * program);

/* Whether the program can convolve a frame in place (then
 * gst_video_convolve_program_run () takes one frame as both). */
gboolean gst_video_convolve_program_in_place (const GstVideoConvolveProgram *
    program);

/* Whether the program convolves only inside rectangles (the settings'
 * regions or roi-meta); then frames go through
 * gst_video_convolve_program_run_rects (), in place. */
gboolean gst_video_convolve_program_regions (const GstVideoConvolveProgram *
    program);

/* Convolves `frame` in place inside `rects` (GstVideoRectangle in luma
 * pixels, within the frame, not overlapping; see
 * gst_video_convolve_regions_for_frame ()): there it becomes the whole
 * frame's result, elsewhere it stays as it is. Each plane takes the
 * rectangle in its own grid, rounded outward. The rectangles are shared
 * among the program's threads, on `pool`, as the bands are. FALSE with
 * *error when the core fails. */
gboolean gst_video_convolve_program_run_rects (GstVideoConvolveProgram *
    program, GstTaskPool * pool, GstVideoFrame * frame, const GArray * rects,
    gchar ** error);

/* A line for the debug log: bands and the core's path of each plane. */
gchar *gst_video_convolve_program_describe (const GstVideoConvolveProgram *
    program);

/* A thread pool for gst_video_convolve_program_run () (prepared). */
GstTaskPool *gst_video_convolve_program_pool_new (void);

/* Convolves in_frame into out_frame: band 0 on the calling thread, the
 * other bands on `pool` (or inline where the pool refuses one); in place
 * when they are the same frame (only for an in-place program). Returns
 * FALSE with *error when the core fails. Only one frame at a time per
 * program: the scratch belongs to it. */
gboolean gst_video_convolve_program_run (GstVideoConvolveProgram * program,
    GstTaskPool * pool, GstVideoFrame * in_frame, GstVideoFrame * out_frame,
    gchar ** error);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_PROGRAM_H__ */
