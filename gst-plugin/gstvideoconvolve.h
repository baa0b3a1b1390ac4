/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: generalized 2D convolution of video frames
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_VIDEO_CONVOLVE_H__
#define __GST_VIDEO_CONVOLVE_H__

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

G_BEGIN_DECLS

#define GST_TYPE_VIDEO_CONVOLVE (gst_video_convolve_get_type ())
G_DECLARE_FINAL_TYPE (GstVideoConvolve, gst_video_convolve, GST, VIDEO_CONVOLVE,
    GstVideoFilter)

typedef struct _GstVideoConvolveSettings GstVideoConvolveSettings;
typedef struct _GstVideoConvolveProgram GstVideoConvolveProgram;

struct _GstVideoConvolve
{
  GstVideoFilter parent;

  /*< private > */
  /* Who writes what: "Settings lifecycle" in gstvideoconvolve.c.
   * Under the object lock: */
  GstVideoConvolveSettings *proposed;   /* what the properties say */
  GstVideoConvolveSettings *active;     /* what frames and caps use */
  gboolean streaming;           /* between start () and stop () */

  /* The streaming thread's own: */
  GstVideoConvolveProgram *program;     /* for `active` and the caps */
  GstVideoInfo in_info, out_info;
  gboolean negotiated;
  gchar *refusal;               /* why frames are refused: no program */
  GstTaskPool *pool;            /* the row bands' threads */
  /* Overload: on a live stream, the cost of a frame against its duration;
   * the warning is posted once. */
  gboolean live;
  gint64 frame_duration_us;     /* 0: no framerate */
  gdouble cost_us;              /* running average */
  guint cost_frames;
  gboolean warned_overload;

  guint64 frames_dropped;       /* late frames QoS dropped; object lock */
};

GST_ELEMENT_REGISTER_DECLARE (videoconvolve);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_H__ */
