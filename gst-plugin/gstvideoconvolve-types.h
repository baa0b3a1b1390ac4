/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: property types
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_VIDEO_CONVOLVE_TYPES_H__
#define __GST_VIDEO_CONVOLVE_TYPES_H__

#include <gst/gst.h>

#include "videoconvolve/presets.h"

G_BEGIN_DECLS

typedef enum
{
  GST_VIDEO_CONVOLVE_CHANNELS_ALL,
  GST_VIDEO_CONVOLVE_CHANNELS_LUMA,
  GST_VIDEO_CONVOLVE_CHANNELS_AUTO,
} GstVideoConvolveChannels;

/* VcBorder as a GEnum: constant, replicate, reflect, symmetric, wrap, and
 * edge, numpy.pad's name for replicate, accepted when set and stored as
 * replicate (so read back as replicate). */
#define GST_VIDEO_CONVOLVE_BORDER_EDGE 5        /* after VcBorder's values */
#define GST_TYPE_VIDEO_CONVOLVE_BORDER (gst_video_convolve_border_get_type ())
GType gst_video_convolve_border_get_type (void);

#define GST_TYPE_VIDEO_CONVOLVE_CHANNELS \
    (gst_video_convolve_channels_get_type ())
GType gst_video_convolve_channels_get_type (void);

/* Value 0 is "custom"; value i > 0 is vc_presets ()[i - 1]. */
#define GST_VIDEO_CONVOLVE_PRESET_CUSTOM 0
#define GST_TYPE_VIDEO_CONVOLVE_PRESET (gst_video_convolve_preset_get_type ())
GType gst_video_convolve_preset_get_type (void);
/* The preset of enum value `preset`, or NULL for custom. */
const VcPreset *gst_video_convolve_preset_get (gint preset);

/* The kernel property's value (a GstValueArray of rows) as a newly
 * allocated kh x kw row-major array; NULL with *error (a sentence naming
 * `kernel` and the shape) when it is not a usable kernel. */
gdouble *gst_video_convolve_kernel_from_value (const GValue * value,
    gint * kh, gint * kw, gchar ** error);
/* Appends the rows of a kh x kw kernel to `value`, a GstValueArray. */
void gst_video_convolve_kernel_to_value (const gdouble * kernel, gint kh,
    gint kw, GValue * value);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_TYPES_H__ */
