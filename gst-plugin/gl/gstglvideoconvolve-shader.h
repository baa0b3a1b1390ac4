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
 * limits. A kernel of more is summed in parts of whole rows, at most this
 * many taps (zeros counted) a part. */
#define GST_GL_VIDEO_CONVOLVE_MAX_TAPS 1024

/* The bodies of the fragment shaders (GLSL ES 1.00 style, which GstGL
 * turns into the GLSL version of the context) that convolve an in_w x
 * in_h RGBA texture `tex` with the settings `s` into the output frame, as
 * a NULL-terminated array. With *part_rows 0: one, the one pass, a line
 * for each non-zero tap (at most GST_GL_VIDEO_CONVOLVE_MAX_TAPS). Else
 * two, for the parts of *part_rows kernel rows each (as many as fit in
 * max_vec4s uniform vectors, the context's limit): the first shader for
 * every part but the last, the second for the last, each drawn with the
 * uniform float `first` (the part's first kernel row) and the uniform
 * vec4 array `k` (its rows of gst_gl_video_convolve_shader_coefficients
 * ()). Each part but the last writes the sums so far into a float texture
 * of the output's size, each but the first reads them as `part` and adds
 * its own, and the last one finishes. NULL with *error (a sentence naming
 * the kernel and the numbers) when it cannot. */
gchar **gst_gl_video_convolve_shader_sources (const GstVideoConvolveSettings
    * s, gint in_w, gint in_h, gint max_vec4s, gint * part_rows,
    gchar ** error);

/* The vec4s of uniforms a kernel row of kernel_width coefficients takes
 * in the parts' shaders (4 a vector, the last padded with zeros). */
static inline gint
gst_gl_video_convolve_shader_row_vec4s (gint kernel_width)
{
  return (kernel_width + 3) / 4;
}

/* The kernel of `s` as vec4s: gst_gl_video_convolve_shader_row_vec4s ()
 * a row, the row's coefficients in order, zeros after them, and rows of
 * zeros to a whole number of parts of part_rows rows; g_free () it. */
gfloat *gst_gl_video_convolve_shader_coefficients (const
    GstVideoConvolveSettings * s, gint part_rows);

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
