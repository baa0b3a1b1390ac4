/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: settings and their caps arithmetic
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_VIDEO_CONVOLVE_SETTINGS_H__
#define __GST_VIDEO_CONVOLVE_SETTINGS_H__

#include <gst/gst.h>
#include <gst/video/video.h>

#include "videoconvolve/convolve.h"

G_BEGIN_DECLS

/* The largest output frame the element makes: each side, and bytes (for
 * the negotiated format). Larger ones are refused with an error naming the
 * settings and the size, before anything is allocated. */
#define GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE 32768
#define GST_VIDEO_CONVOLVE_MAX_OUTPUT_BYTES (G_GUINT64_CONSTANT (1) << 30)

/* The most worker threads (row bands) per frame: the n-threads maximum. */
#define GST_VIDEO_CONVOLVE_MAX_THREADS 64

/* Everything the properties set, as plain values: one snapshot. Each field
 * but the kernel's is a row of the property table
 * (gstvideoconvolve-properties.c), which gives its default and compares
 * it. */
typedef struct _GstVideoConvolveSettings GstVideoConvolveSettings;
struct _GstVideoConvolveSettings
{
  gdouble *kernel;              /* kernel_height x kernel_width, row-major */
  gint kernel_height, kernel_width;
  gint preset;                  /* GST_TYPE_VIDEO_CONVOLVE_PRESET value */
  gdouble sigma;                /* preset=gaussian's standard deviation */
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
  /* Why the last kernel set was refused (the kernel above is the previous
   * one), or NULL. Frames are refused while it is set. */
  gchar *kernel_error;
  /* The regions property: n_regions rectangles <x, y, width, height> in
   * input pixels, 4 ints each (NULL when none), and why the last value
   * set was refused (the regions above are the previous ones), or NULL:
   * frames are refused while it is set. */
  gint *regions;
  guint n_regions;
  gchar *regions_error;
  /* The roi-meta property: NULL or "" off, "*" every
   * GstVideoRegionOfInterestMeta, else a comma list of ROI types. */
  gchar *roi_meta;
};

/* The property defaults: the 1x1 identity kernel, "same" padding. */
GstVideoConvolveSettings *gst_video_convolve_settings_new (void);
GstVideoConvolveSettings *gst_video_convolve_settings_copy (const
    GstVideoConvolveSettings * s);

/* Makes *active a copy of proposed (freeing the old one), unless the two
 * are equal already; whether it did. */
gboolean gst_video_convolve_settings_adopt (GstVideoConvolveSettings **
    active, const GstVideoConvolveSettings * proposed);
void gst_video_convolve_settings_free (GstVideoConvolveSettings * s);
gboolean gst_video_convolve_settings_equal (const GstVideoConvolveSettings *
    a, const GstVideoConvolveSettings * b);

/* Takes ownership of `kernel` (kh x kw, from g_malloc); clears kernel_error
 * and the preset (custom), and puts back the defaults of the divisor, bias
 * and absolute that still hold the preset's values. */
void gst_video_convolve_settings_take_kernel (GstVideoConvolveSettings * s,
    gdouble * kernel, gint kh, gint kw);
/* Sets kernel, divisor, bias and absolute from a preset (custom keeps
 * them). */
void gst_video_convolve_settings_apply_preset (GstVideoConvolveSettings * s,
    gint preset);

/* Sets sigma; with preset=gaussian, the kernel becomes sigma's (the
 * divisor, bias and absolute stay as they are). */
void gst_video_convolve_settings_set_sigma (GstVideoConvolveSettings * s,
    gdouble sigma);

/* Whether the output is the convolution only inside rectangles (the
 * regions or roi-meta property is set). */
gboolean gst_video_convolve_settings_has_regions (const
    GstVideoConvolveSettings * s);

/* FALSE, with the reason in *error, when the regions or roi-meta property
 * is set but the settings change the frame's size (regions need the
 * output the size of the input). Caps are not needed: in_info, when not
 * NULL, only adds the sizes to the message. */
gboolean gst_video_convolve_settings_check_regions (const
    GstVideoConvolveSettings * s, const GstVideoInfo * in_info, gchar ** error);

/* Why frames are refused with `s` whatever the caps, newly allocated, or
 * NULL: the refused kernel's or regions' error, or regions on settings
 * that change the size (_check_regions ()). The elements ask at start,
 * to refuse before the first frame. */
gchar *gst_video_convolve_settings_refusal (const GstVideoConvolveSettings *
    s);

/* Whether frames of `info` may pass through: the output would equal the
 * input (the identity rule, stated at the definition). */
gboolean gst_video_convolve_settings_passthrough (const
    GstVideoConvolveSettings * s, const GstVideoInfo * info);

/* The output size along one axis for an input size (may be < 1). */
gint64 gst_video_convolve_settings_output_size (const
    GstVideoConvolveSettings * s, gboolean horizontal, gint64 size);

/* A core configuration for one plane whose subsampling shifts are sub_x,
 * sub_y. kernel2 must hold kernel_width x kernel_height doubles (used by
 * the gradient-magnitude presets). */
void gst_video_convolve_settings_to_config (const GstVideoConvolveSettings *
    s, gint sub_x, gint sub_y, VcConfig * cfg, gdouble * kernel2);

/* Whether `s` turns caps `in` into caps `out` (size and PAR). */
gboolean gst_video_convolve_settings_give_caps (const
    GstVideoConvolveSettings * s, const GstVideoInfo * in,
    const GstVideoInfo * out);

/* Whether `s` gives `out` for `in`, and an output frame within the limits
 * above; if not, *error says why, naming the settings and the sizes. */
gboolean gst_video_convolve_settings_check_output (const
    GstVideoConvolveSettings * s, const GstVideoInfo * in,
    const GstVideoInfo * out, gchar ** error);

/* GstBaseTransform::transform_caps with the settings `s`. */
GstCaps *gst_video_convolve_settings_transform_caps (const
    GstVideoConvolveSettings * s, GstPadDirection direction, GstCaps * caps,
    GstCaps * filter);

/* GstBaseTransform::fixate_caps for caps from the transform above. */
GstCaps *gst_video_convolve_settings_fixate_caps (GstCaps * othercaps);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_SETTINGS_H__ */
