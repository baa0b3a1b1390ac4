/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer glvideoconvolve: videoconvolve's convolution on GL memory
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_GL_VIDEO_CONVOLVE_H__
#define __GST_GL_VIDEO_CONVOLVE_H__

#include <gst/gst.h>
#include <gst/gl/gl.h>
#include <gst/gl/gstglfuncs.h>

G_BEGIN_DECLS

#define GST_TYPE_GL_VIDEO_CONVOLVE (gst_gl_video_convolve_get_type ())
G_DECLARE_FINAL_TYPE (GstGLVideoConvolve, gst_gl_video_convolve, GST,
    GL_VIDEO_CONVOLVE, GstGLFilter)

typedef struct _GstVideoConvolveSettings GstVideoConvolveSettings;

/* A float texture the passes render into, and its framebuffer. */
typedef struct
{
  GLuint tex, fbo;
  gint width, height;
} GstGLVideoConvolveTarget;

struct _GstGLVideoConvolve
{
  GstGLFilter parent;

  /*< private > */
  /* Under the object lock, as in videoconvolve ("Settings lifecycle" in
   * gstvideoconvolve.c): */
  GstVideoConvolveSettings *proposed;   /* what the properties say */
  GstVideoConvolveSettings *active;     /* what frames and caps use */
  gboolean streaming;           /* between start () and stop () */
  guint64 frames_dropped;       /* late frames QoS dropped, from start () */

  /* The streaming thread's own (the GL thread runs filter_texture () while
   * the streaming thread waits for it): */
  gboolean negotiated;
  gchar *refusal;               /* why frames are refused */
  GstGLShader *shader;          /* one pass, for `active` and the caps */
  gboolean shader_stale;        /* `active` or the caps changed since */
  /* Or two passes (a separable kernel): the rows into a float texture of
   * W_out x H (mid[0]), then the columns. */
  GstGLShader *rows_shader, *columns_shader;
  /* Or, for a kernel of more taps than a shader unrolls, `parts` parts of
   * part_rows kernel rows, each drawn with its rows of `coefs` as
   * uniforms: sums_shader sums those before the last into mid[0] and
   * mid[1] in turn (W_out x H_out), each adding the sums before; `shader`
   * adds the last and finishes. parts 1, coefs NULL: the one pass. */
  guint parts;
  gint part_rows;
  gfloat *coefs;
  GstGLShader *sums_shader;
  GstGLVideoConvolveTarget mid[2];
  GLuint quad_vao, quad_vbo;    /* the full-frame quad of the passes */
  /* With regions or roi-meta: this frame's rectangles (set before the
   * frame by the streaming thread), the input copied by copy_shader and
   * the passes drawn only inside them. NULL: the whole frame. */
  GArray *rects;
  GstGLShader *copy_shader;
  gboolean no_float_target;     /* the float texture was refused: one pass */
};

GST_ELEMENT_REGISTER_DECLARE (glvideoconvolve);

G_END_DECLS
#endif /* __GST_GL_VIDEO_CONVOLVE_H__ */
