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

/* Everything the properties set, as plain values. */
struct _GstVideoConvolveSettings
{
  gdouble *kernel;              /* kernel_height x kernel_width, row-major */
  gint kernel_height, kernel_width;
  gint preset;                  /* 0: custom, else 1 + index in vc_presets () */
  gint stride_x, stride_y;
  gint dilation_x, dilation_y;
  gint padding_x, padding_y;    /* -1: "same" */
  gint border;                  /* VcBorder */
  gdouble border_value;
  gdouble divisor;
  gdouble bias;
  gboolean absolute;
  gint channels;                /* GstVideoConvolveChannels */
  guint n_threads;              /* 0: one per core */
};

struct _GstVideoConvolve
{
  GstVideoFilter parent;

  /*< private > */
  /* All below is protected by the object lock. */
  GstVideoConvolveSettings settings;
  /* Why the last kernel set was refused, posted as an element error when
   * the element starts or processes the next frame; NULL when fine. */
  gchar *kernel_error;
  /* The plans for the negotiated caps, rebuilt by the setters (when the
   * output caps stay the same) and by set_info; never per frame. */
  GstVideoConvolveProgram *program;
  gboolean negotiated;
  GstVideoInfo in_info, out_info;
  /* The last settings that transform_caps () computed output caps from. */
#define N_SNAPSHOTS 4
  GstVideoConvolveSettings snapshots[N_SNAPSHOTS];
  guint next_snapshot;
  /* The last negotiation error posted, so that it is posted once. */
  gchar *posted_error;

  GstTaskPool *pool;
};

GST_ELEMENT_REGISTER_DECLARE (videoconvolve);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_H__ */
