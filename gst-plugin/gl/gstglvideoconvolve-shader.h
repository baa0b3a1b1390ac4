/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer glvideoconvolve: fragment shaders generated from the settings
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_GL_VIDEO_CONVOLVE_SHADER_H__
#define __GST_GL_VIDEO_CONVOLVE_SHADER_H__

#include <gst/gst.h>

#include "gstvideoconvolve-settings.h"

G_BEGIN_DECLS

/* The most kernel taps (non-zero coefficients, both kernels of a gradient
 * magnitude counted) one shader unrolls: a shader of more lines takes
 * seconds to compile on a software rasteriser and may exceed a driver's
 * limits. A kernel of more is summed in parts of whole rows. */
#define GST_GL_VIDEO_CONVOLVE_MAX_TAPS 1024

/* The bodies of the fragment shaders (GLSL ES 1.00 style, which GstGL
 * turns into the GLSL version of the context) that convolve an in_w x
 * in_h RGBA texture `tex` with the settings `s` into the output frame, as
 * a NULL-terminated array: one shader where the kernel has at most
 * GST_GL_VIDEO_CONVOLVE_MAX_TAPS taps; else parts of whole kernel rows,
 * each of at most that many, in order: each but the last writes the sums
 * so far into a float texture of the output's size, each but the first
 * reads them as `part` and adds its own, and the last one finishes.
 * NULL with *error (a sentence naming the kernel and the numbers) when it
 * cannot. */
gchar **gst_gl_video_convolve_shader_sources (const GstVideoConvolveSettings
    * s, gint in_w, gint in_h, gchar ** error);

/* For a kernel that is exactly a column times a row (both sides > 1, not
 * a gradient magnitude): TRUE with the two shaders of the two passes, the
 * row pass (the input texture `tex` into a float texture of W_out x H:
 * the row taps, unrounded, and alpha) and the column pass (that texture,
 * as `tex`, into the output: the column taps and the finish). Each has
 * at most 255 taps. FALSE for other kernels. */
gboolean gst_gl_video_convolve_shader_separable (const
    GstVideoConvolveSettings * s, gint in_w, gint in_h, gchar ** rows,
    gchar ** columns);

G_END_DECLS
#endif /* __GST_GL_VIDEO_CONVOLVE_SHADER_H__ */
