/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer glvideoconvolve: videoconvolve's convolution on GL memory
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-glvideoconvolve
 * @title: glvideoconvolve
 *
 * videoconvolve on RGBA GL memory: the same properties (names, ranges,
 * defaults, errors; n-threads is kept and changes nothing), computed by a
 * fragment shader generated from the settings, with results within 1 of
 * videoconvolve on the same frames (the rounding rule is the README's). R, G
 * and B are convolved; alpha is the input alpha under the kernel's centre tap,
 * clamped into the frame, as videoconvolve does for RGBA (channels has no
 * effect on RGBA). Stride and padding change the output size and the pixel
 * aspect ratio as in videoconvolve (gstvideoconvolve-settings.c); the identity
 * passes frames through, untouched. With regions or roi-meta the frame is the
 * input but inside the rectangles (the input drawn, then the convolution in a
 * scissor box per rectangle); glupload does not carry ROI metas, so add them
 * after it.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 videotestsrc ! glupload ! glvideoconvolve preset=sobel ! \
 *     glimagesink
 * ]|
 */

/* Settings: as in videoconvolve ("Settings lifecycle" in
 * gstvideoconvolve.c), with the shared property table and settings:
 * set_property () edits `proposed`; the streaming thread adopts it as
 * `active` before each buffer, renegotiating when the output caps change;
 * transform_internal_caps () and set_caps () read `active`. The GL thread
 * builds the shader for `active` in filter_texture (), while the streaming
 * thread waits for it, so each frame is made with one snapshot. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstglvideoconvolve.h"

#include "gstglvideoconvolve-shader.h"
#include "gstvideoconvolve-properties.h"
#include "gstvideoconvolve-regions.h"
#include "gstvideoconvolve-settings.h"
#include "gstvideoconvolve-types.h"

GST_DEBUG_CATEGORY_STATIC (gst_gl_video_convolve_debug);
#define GST_CAT_DEFAULT gst_gl_video_convolve_debug

/* The rows of the shared property table this element implements; rows
 * added to the table later stay out until they are implemented here.
 * n-threads is kept, read back and saved in presets, so that a pipeline
 * or preset written for videoconvolve works here, but the shader runs on
 * the GPU, whose threads are not ours to count. frames-dropped follows
 * the table. */
static const gchar *const implemented_properties[] = {
  "kernel", "preset", "sigma", "stride-x", "stride-y", "dilation-x",
  "dilation-y", "padding-x", "padding-y", "border", "border-value",
  "divisor", "bias", "absolute", "channels", "n-threads", "regions",
  "roi-meta", NULL
};

static guint prop_frames_dropped;

#define gst_gl_video_convolve_parent_class parent_class
/* GstPreset as videoconvolve has it (GStreamer's implementation, in
 * $XDG_DATA_HOME/gstreamer-1.0/presets/GstGLVideoConvolve.prs): the rows
 * above, in the table's order. */
G_DEFINE_TYPE_WITH_CODE (GstGLVideoConvolve, gst_gl_video_convolve,
    GST_TYPE_GL_FILTER, G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET,
        gst_video_convolve_properties_preset_init));
GST_ELEMENT_REGISTER_DEFINE (glvideoconvolve, "glvideoconvolve",
    GST_RANK_NONE, GST_TYPE_GL_VIDEO_CONVOLVE);

/* ------------------------------------------------------------------ */
/* The streaming thread's side */

/* Passes frames through where the active settings are the identity (as
 * videoconvolve: gst_video_convolve_settings_passthrough ()); TRUE when
 * that changed. */
static gboolean
set_passthrough (GstGLVideoConvolve * self)
{
  GstBaseTransform *trans = GST_BASE_TRANSFORM (self);
  gboolean passthrough = gst_video_convolve_settings_passthrough
      (self->active, &GST_GL_FILTER (self)->in_info);

  if (passthrough == gst_base_transform_is_passthrough (trans))
    return FALSE;
  gst_base_transform_set_passthrough (trans, passthrough);
  return TRUE;
}

/* New settings or caps (streaming thread only): the shaders are built
 * again at the next frame, and the refusal, of the caps or of a shader
 * that did not build, is made again for what is now active; none when
 * `check` is FALSE, as new caps are on their way (set_caps () checks). */
static void
renew (GstGLVideoConvolve * self, gboolean check)
{
  GstGLFilter *filter = GST_GL_FILTER (self);
  gchar *error = NULL;

  self->shader_stale = TRUE;
  g_clear_pointer (&self->refusal, g_free);
  if (check && !gst_video_convolve_settings_check_output (self->active,
          &filter->in_info, &filter->out_info, &error))
    self->refusal = error;
}

/* At a frame boundary: makes the proposed settings the active ones; asks
 * for new caps when the output size or PAR changes, or for the
 * allocation again when passthrough changes. */
static void
adopt_settings (GstGLVideoConvolve * self)
{
  GstGLFilter *filter = GST_GL_FILTER (self);
  GstVideoConvolveSettings *s;
  gboolean caps_ok;

  GST_OBJECT_LOCK (self);
  if (!gst_video_convolve_settings_adopt (&self->active, self->proposed)) {
    GST_OBJECT_UNLOCK (self);
    return;
  }
  s = self->active;
  GST_OBJECT_UNLOCK (self);

  if (!self->negotiated) {
    self->shader_stale = TRUE;  /* and set_caps () checks */
    return;
  }
  /* A size the settings cannot make maps to the input caps: when those
   * are the output caps already, set_caps () is not called again, so the
   * frames are refused here (as videoconvolve's adopt_settings ()). */
  caps_ok = gst_video_convolve_settings_give_caps (s, &filter->in_info,
      &filter->out_info);
  renew (self, caps_ok || gst_video_info_is_equal (&filter->in_info,
          &filter->out_info));
  /* Passing through, the element has no output pool: when that changes,
   * as when the output caps do, the allocation is asked for again. */
  if (set_passthrough (self) || !caps_ok) {
    GST_DEBUG_OBJECT (self, "reconfiguring");
    gst_base_transform_reconfigure_src (GST_BASE_TRANSFORM (self));
  }
}

/* Lets a GstController animate the numeric properties, adopts what the
 * properties say for this buffer, and takes the rectangles of its
 * regions and ROI metas. */
static void
gst_gl_video_convolve_before_transform (GstBaseTransform * trans,
    GstBuffer * buffer)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (trans);
  /* The streaming thread's own: no other thread writes it. */
  const GstVideoConvolveSettings *s;
  GstClockTime time = gst_segment_to_stream_time (&trans->segment,
      GST_FORMAT_TIME, GST_BUFFER_TIMESTAMP (buffer));

  if (GST_CLOCK_TIME_IS_VALID (time))
    gst_object_sync_values (GST_OBJECT (trans), time);
  adopt_settings (self);
  s = self->active;
  g_clear_pointer (&self->rects, g_array_unref);
  if (gst_video_convolve_settings_has_regions (s) &&
      !gst_base_transform_is_passthrough (trans))
    self->rects = gst_video_convolve_regions_for_frame (s->regions,
        s->n_regions, s->roi_meta, buffer,
        GST_VIDEO_INFO_WIDTH (&GST_GL_FILTER (self)->in_info),
        GST_VIDEO_INFO_HEIGHT (&GST_GL_FILTER (self)->in_info));
}

/* Counts the frames GstBaseTransform drops because they are late (QoS). */
static GstFlowReturn
gst_gl_video_convolve_submit_input_buffer (GstBaseTransform * trans,
    gboolean is_discont, GstBuffer * input)
{
  return gst_video_convolve_properties_submit_counted
      (GST_BASE_TRANSFORM_CLASS (parent_class), trans, is_discont, input,
      &GST_GL_VIDEO_CONVOLVE (trans)->frames_dropped);
}

static gboolean
gst_gl_video_convolve_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS)
    adopt_settings (GST_GL_VIDEO_CONVOLVE (trans));
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

/* A copy of the active settings, from any thread. */
static GstVideoConvolveSettings *
snapshot (GstGLVideoConvolve * self)
{
  GstVideoConvolveSettings *s;

  GST_OBJECT_LOCK (self);
  s = gst_video_convolve_settings_copy (self->active);
  GST_OBJECT_UNLOCK (self);
  return s;
}

static GstCaps *
gst_gl_video_convolve_transform_internal_caps (GstGLFilter * filter,
    GstPadDirection direction, GstCaps * caps, GstCaps * filter_caps)
{
  GstVideoConvolveSettings *s = snapshot (GST_GL_VIDEO_CONVOLVE (filter));
  GstCaps *ret = gst_video_convolve_settings_transform_caps (s, direction,
      caps, filter_caps);

  gst_video_convolve_settings_free (s);
  return ret;
}

static GstCaps *
gst_gl_video_convolve_fixate_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * othercaps)
{
  return gst_video_convolve_settings_fixate_caps (othercaps);
}

/* Caps the settings give no frame for are accepted and their frames
 * refused with the reason, from the data flow, as videoconvolve does. */
static gboolean
gst_gl_video_convolve_set_caps (GstGLFilter * filter, GstCaps * incaps,
    GstCaps * outcaps)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (filter);

  self->negotiated = TRUE;
  renew (self, TRUE);
  set_passthrough (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The GL thread's side */

/* GstGL's default vertex stage, after a #version line. */
static const gchar vertex_in_out[] =
    "in vec4 a_position;\nin vec2 a_texcoord;\nout vec2 v_texcoord;\n"
    "void main ()\n{\n  gl_Position = a_position;\n"
    "  v_texcoord = a_texcoord;\n}\n";

/* The #version line (with version and profile) of a GLSL whose fragment
 * output can be declared highp: ES 3.00 on GLES 3, 3.30 on desktop GL
 * 3.3; NULL where the context has neither. */
static const gchar *
highp_out_version (GstGLContext * context, GstGLSLVersion * version,
    GstGLSLProfile * profile)
{
  if (gst_gl_context_check_gl_version (context, GST_GL_API_GLES2, 3, 0)) {
    *version = GST_GLSL_VERSION_300;
    *profile = GST_GLSL_PROFILE_ES;
    return "#version 300 es\n";
  }
  if (gst_gl_context_check_gl_version (context, GST_GL_API_OPENGL |
          GST_GL_API_OPENGL3, 3, 3)) {
    *version = GST_GLSL_VERSION_330;
    *profile = GST_GLSL_PROFILE_CORE;
    return "#version 330\n";
  }
  return NULL;
}

/* A GLSL ES 1.00 fragment body in the GLSL of `head` (a #version line):
 * texture (), in, and its output declared highp. */
static gchar *
fragment_in_out (const gchar * head, const gchar * body)
{
  GString *str = g_string_new (head);

  g_string_append (str, "precision highp float;\n"
      "out highp vec4 frag_color;\n");
  g_string_append (str, body);
  g_string_replace (str, "texture2D (", "texture (", 0);
  g_string_replace (str, "varying ", "in ", 0);
  g_string_replace (str, "gl_FragColor", "frag_color", 0);
  return g_string_free (str, FALSE);
}

/* A shader of GstGL's default vertex stage and the fragment body `body`,
 * or NULL with *error. The sources are GLSL ES 1.00 (texture2D, varying,
 * gl_FragColor) asked for as GStreamer's own GL filters ask (no version,
 * ES or compatibility profile): GstGLSLStage compiles them as they are on
 * GLES 2 and 3, and with a "#version 100" header on desktop GL 3, which
 * needs ARB_ES2_compatibility there (core since GL 4.1, and in Mesa), as
 * those filters do; highp float and samplers where the context has them.
 * But a shader whose output is sums for a float texture (`sums`) is
 * compiled as GLSL ES 3.00 or 3.30 where the context has it, its output
 * declared highp: GLSL ES 1.00 makes gl_FragColor mediump, and llvmpipe
 * has written such sums as 16-bit floats, on desktop GL too. */
static GstGLShader *
link_shader (GstGLVideoConvolve * self, const gchar * body, gboolean sums,
    gchar ** error)
{
  GstGLContext *context = GST_GL_BASE_FILTER (self)->context;
  GstGLSLProfile profile = GST_GLSL_PROFILE_ES | GST_GLSL_PROFILE_COMPATIBILITY;
  GstGLSLVersion version = GST_GLSL_VERSION_NONE;
  const gchar *head = sums ? highp_out_version (context, &version, &profile)
      : NULL;
  gchar *source = NULL, *vertex = NULL;
  const gchar *strings[2];
  GstGLSLStage *frag, *vert;
  GstGLShader *shader;
  GError *gerror = NULL;

  if (head) {
    strings[0] = "";
    strings[1] = source = fragment_in_out (head, body);
    vertex = g_strconcat (head, vertex_in_out, NULL);
    vert = gst_glsl_stage_new_with_string (context, GL_VERTEX_SHADER,
        version, profile, vertex);
  } else {
    strings[0] = gst_gl_shader_string_get_highest_precision (context,
        version, profile);
    strings[1] = body;
    vert = gst_glsl_stage_new_default_vertex (context);
  }
  if (!gst_gl_context_supports_precision_highp (context, version, profile))
    GST_WARNING_OBJECT (self, "no highp float in fragment shaders: results "
        "may differ from videoconvolve by more than 1");
  GST_LOG_OBJECT (self, "fragment shader:\n%s", strings[1]);
  frag = gst_glsl_stage_new_with_strings (context, GL_FRAGMENT_SHADER,
      version, profile, 2, strings);
  shader = gst_gl_shader_new_link_with_stages (context, &gerror, vert, frag,
      NULL);
  g_free (source);
  g_free (vertex);
  if (shader)
    GST_INFO_OBJECT (self, "fragment shader linked (%s)", head ?
        "GLSL 3, its output highp" : "GLSL ES 1.00");
  if (shader == NULL) {
    *error = g_strdup_printf ("the convolution shader does not compile: %s",
        gerror ? gerror->message : "no reason given");
    g_clear_error (&gerror);
  }
  return shader;
}

/* Whether the context renders into RGBA32F textures (the row pass):
 * desktop GL 3, GLES 3.2, or GLES 3 with EXT_color_buffer_float. */
static gboolean
float_targets (GstGLContext * context)
{
  return gst_gl_context_check_gl_version (context,
      GST_GL_API_OPENGL | GST_GL_API_OPENGL3, 3, 0) ||
      gst_gl_context_check_gl_version (context, GST_GL_API_GLES2, 3, 2) ||
      (gst_gl_context_check_gl_version (context, GST_GL_API_GLES2, 3, 0) &&
      gst_gl_context_check_feature (context, "GL_EXT_color_buffer_float"));
}

/* The two passes of a separable kernel where the context can: TRUE with
 * rows_shader and columns_shader. */
static gboolean
build_passes (GstGLVideoConvolve * self)
{
  GstGLFilter *filter = GST_GL_FILTER (self);
  gchar *rows = NULL, *columns = NULL, *error = NULL;

  if (self->no_float_target ||
      !float_targets (GST_GL_BASE_FILTER (self)->context) ||
      !gst_gl_video_convolve_shader_separable (self->active,
          GST_VIDEO_INFO_WIDTH (&filter->in_info),
          GST_VIDEO_INFO_HEIGHT (&filter->in_info), &rows, &columns))
    return FALSE;
  self->rows_shader = link_shader (self, rows, TRUE, &error);
  if (self->rows_shader)
    self->columns_shader = link_shader (self, columns, FALSE, &error);
  g_free (rows);
  g_free (columns);
  if (self->columns_shader) {
    GST_INFO_OBJECT (self, "two passes for a separable %dx%d kernel",
        self->active->kernel_height, self->active->kernel_width);
    return TRUE;
  }
  GST_WARNING_OBJECT (self, "two passes failed, one pass instead: %s", error);
  g_free (error);
  gst_clear_object (&self->rows_shader);
  return FALSE;
}

/* Drops the shaders and the parts' coefficients. */
static void
clear_shaders (GstGLVideoConvolve * self)
{
  gst_clear_object (&self->shader);
  gst_clear_object (&self->sums_shader);
  gst_clear_object (&self->rows_shader);
  gst_clear_object (&self->columns_shader);
  g_clear_pointer (&self->coefs, g_free);
  self->parts = 1;
}

#ifndef GL_MAX_FRAGMENT_UNIFORM_VECTORS
#define GL_MAX_FRAGMENT_UNIFORM_VECTORS 0x8DFD
#endif

/* The uniform vectors a fragment shader may have: GLES 2's and GL 4.1's
 * query (ARB_ES2_compatibility, which the shaders need on desktop GL
 * anyway), else the least GLES 3 gives. */
static gint
uniform_vectors (GstGLContext * context)
{
  const GstGLFuncs *gl = context->gl_vtable;
  GLint n = 0;

  gl->GetIntegerv (GL_MAX_FRAGMENT_UNIFORM_VECTORS, &n);
  /* The error of a context without the query, not left for GstGL's own
   * checks to find. */
  if (n <= 0)
    gl->GetError ();
  return n > 0 ? n : 224;
}

/* The shaders for the active settings and the caps: two passes, one, or
 * parts of the kernel's rows (two shaders, and the coefficients);
 * FALSE with *error when none can be made. */
static gboolean
build_shaders (GstGLVideoConvolve * self, gchar ** error)
{
  GstGLFilter *filter = GST_GL_FILTER (self);
  GstGLContext *context = GST_GL_BASE_FILTER (self)->context;
  const GstVideoConvolveSettings *s = self->active;
  gint rows, vectors;
  gchar **bodies;

  clear_shaders (self);
  if (build_passes (self))
    return TRUE;
  vectors = uniform_vectors (context);
  bodies = gst_gl_video_convolve_shader_sources (s,
      GST_VIDEO_INFO_WIDTH (&filter->in_info),
      GST_VIDEO_INFO_HEIGHT (&filter->in_info), vectors, &rows, error);
  if (bodies == NULL)
    return FALSE;
  if (rows) {
    self->parts = (s->kernel_height + rows - 1) / rows;
    self->part_rows = rows;
    if (self->no_float_target || !float_targets (context))
      goto no_float_target;
  }
  self->shader = link_shader (self, bodies[rows ? 1 : 0], FALSE, error);
  if (self->shader && rows)
    self->sums_shader = link_shader (self, bodies[0], TRUE, error);
  g_strfreev (bodies);
  if (self->sums_shader)
    self->coefs = gst_gl_video_convolve_shader_coefficients (s, rows);
  if (self->parts == 1)
    GST_INFO_OBJECT (self, "one pass for a %dx%d kernel", s->kernel_height,
        s->kernel_width);
  else
    GST_INFO_OBJECT (self, "%u passes for a %dx%d kernel, in parts of its "
        "rows (%d a part, %d uniform vectors)", self->parts, s->kernel_height,
        s->kernel_width, rows, vectors);
  if (rows && self->sums_shader == NULL)
    gst_clear_object (&self->shader);
  return self->shader != NULL;

no_float_target:
  *error = g_strdup_printf ("kernel %dx%d has more than %d non-zero taps, "
      "which glvideoconvolve sums in %u passes through float textures, "
      "and this GL context cannot render into one: use videoconvolve for "
      "this kernel, or a smaller kernel with dilation",
      s->kernel_height, s->kernel_width, GST_GL_VIDEO_CONVOLVE_MAX_TAPS,
      self->parts);
  g_strfreev (bodies);
  return FALSE;
}

/* Sets how `tex` is sampled: texel centres are read exactly with NEAREST;
 * LINEAR is what other users of the texture expect back. */
static void
set_sampling (GstGLContext * context, GstGLMemory * tex, GLint filtering)
{
  const GstGLFuncs *gl = context->gl_vtable;

  gl->BindTexture (GL_TEXTURE_2D, gst_gl_memory_get_texture_id (tex));
  gl->TexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filtering);
  gl->TexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filtering);
  gl->BindTexture (GL_TEXTURE_2D, 0);
}

/* A pass: `shader` reading `tex` as its `tex` and, unless 0, `part` as
 * its `part`; a part of a kernel's rows with its first kernel row `first`
 * and its `vec4s` coefficients `k` (else NULL). draw_output ()
 * and draw_into () read tex 0 as the input frame. */
typedef struct
{
  GstGLShader *shader;
  GLuint tex, part;
  const gfloat *k;
  gint vec4s, first;
} Pass;

/* Binds `tex` to texture unit `unit` and names the unit in the shader's
 * sampler `name`; tex 0 only unbinds. */
static void
bind_sampler (const GstGLFuncs * gl, GstGLShader * shader, const gchar * name,
    guint unit, GLuint tex)
{
  gl->ActiveTexture (GL_TEXTURE0 + unit);
  gl->BindTexture (GL_TEXTURE_2D, tex);
  if (tex && shader)
    gst_gl_shader_set_uniform_1i (shader, name, unit);
}

/* Draws the full frame with `pass` into the bound framebuffer (a quad of
 * our own: GstGLFilter's draws with its own shader's attributes). */
static gboolean
draw_quad (GstGLVideoConvolve * self, const Pass * pass)
{
  GstGLShader *shader = pass->shader;
  static const GLfloat quad[] = {
    -1.0f, -1.0f, 0.0f, 0.0f, 0.0f, 1.0f, -1.0f, 0.0f, 1.0f, 0.0f,
    -1.0f, 1.0f, 0.0f, 0.0f, 1.0f, 1.0f, 1.0f, 0.0f, 1.0f, 1.0f,
  };
  const GstGLFuncs *gl = GST_GL_BASE_FILTER (self)->context->gl_vtable;
  gint pos = gst_gl_shader_get_attribute_location (shader, "a_position");
  gint uv = gst_gl_shader_get_attribute_location (shader, "a_texcoord");

  if (self->quad_vbo == 0) {
    if (gl->GenVertexArrays)
      gl->GenVertexArrays (1, &self->quad_vao);
    gl->GenBuffers (1, &self->quad_vbo);
    gl->BindBuffer (GL_ARRAY_BUFFER, self->quad_vbo);
    gl->BufferData (GL_ARRAY_BUFFER, sizeof (quad), quad, GL_STATIC_DRAW);
  }
  gst_gl_shader_use (shader);
  if (pass->part)
    bind_sampler (gl, shader, "part", 1, pass->part);
  if (pass->k) {
    gst_gl_shader_set_uniform_4fv (shader, "k", pass->vec4s, pass->k);
    gst_gl_shader_set_uniform_1f (shader, "first", pass->first);
  }
  bind_sampler (gl, shader, "tex", 0, pass->tex);
  if (gl->GenVertexArrays)
    gl->BindVertexArray (self->quad_vao);
  gl->BindBuffer (GL_ARRAY_BUFFER, self->quad_vbo);
  gl->VertexAttribPointer (pos, 3, GL_FLOAT, GL_FALSE, 5 * sizeof (GLfloat),
      (void *) 0);
  gl->VertexAttribPointer (uv, 2, GL_FLOAT, GL_FALSE, 5 * sizeof (GLfloat),
      (void *) (3 * sizeof (GLfloat)));
  gl->EnableVertexAttribArray (pos);
  gl->EnableVertexAttribArray (uv);
  gl->DrawArrays (GL_TRIANGLE_STRIP, 0, 4);
  gl->DisableVertexAttribArray (pos);
  gl->DisableVertexAttribArray (uv);
  gl->BindBuffer (GL_ARRAY_BUFFER, 0);
  if (gl->GenVertexArrays)
    gl->BindVertexArray (0);
  gl->BindTexture (GL_TEXTURE_2D, 0);
  if (pass->part)
    bind_sampler (gl, NULL, NULL, 1, 0);
  gl->ActiveTexture (GL_TEXTURE0);
  return TRUE;
}

static gint
compare_x (gconstpointer a, gconstpointer b)
{
  return ((const GstVideoRectangle *) a)->x -
      ((const GstVideoRectangle *) b)->x;
}

/* The column ranges rects cover, each once (x and w set, ascending). */
static GArray *
column_spans (GArray * rects)
{
  GArray *spans = g_array_sized_new (FALSE, FALSE,
      sizeof (GstVideoRectangle), rects->len);

  g_array_append_vals (spans, rects->data, rects->len);
  g_array_sort (spans, compare_x);
  for (guint i = 1; i < spans->len;) {
    GstVideoRectangle *a = &g_array_index (spans, GstVideoRectangle, i - 1);
    GstVideoRectangle *b = &g_array_index (spans, GstVideoRectangle, i);

    if (b->x > a->x + a->w) {
      i++;
      continue;
    }
    a->w = MAX (a->w, b->x + b->w - a->x);
    g_array_remove_index (spans, i);
  }
  return spans;
}

/* Draws `pass` as draw_quad () does, or with rects only inside them:
 * the whole rectangles, or (columns) each column range the rectangles
 * cover over the target's full height of `height` rows. */
static void
draw_in_rects (GstGLVideoConvolve * self, const Pass * pass,
    gboolean columns, gint height)
{
  const GstGLFuncs *gl = GST_GL_BASE_FILTER (self)->context->gl_vtable;
  GArray *spans;

  if (self->rects == NULL) {
    draw_quad (self, pass);
    return;
  }
  spans = columns ? column_spans (self->rects) : g_array_ref (self->rects);
  gl->Enable (GL_SCISSOR_TEST);
  for (guint i = 0; i < spans->len; i++) {
    const GstVideoRectangle *r = &g_array_index (spans, GstVideoRectangle, i);

    gl->Scissor (r->x, columns ? 0 : r->y, r->w, columns ? height : r->h);
    draw_quad (self, pass);
  }
  gl->Disable (GL_SCISSOR_TEST);
  g_array_unref (spans);
}

/* The pass into the output (`data`, a Pass): with rects, the input as it
 * is (copy_shader), then the pass inside them; else the pass alone. */
static gboolean
draw_output (GstGLFilter * filter, GstGLMemory * in_tex, gpointer data)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (filter);
  Pass p = *(const Pass *) data;
  GLuint input = gst_gl_memory_get_texture_id (in_tex);
  Pass copy = { self->copy_shader, input, 0, NULL, 0, 0 };

  if (self->rects)
    draw_quad (self, &copy);
  if (p.tex == 0)
    p.tex = input;
  draw_in_rects (self, &p, FALSE, 0);
  return TRUE;
}

static void
free_target (GstGLVideoConvolve * self, GstGLVideoConvolveTarget * t)
{
  const GstGLFuncs *gl = GST_GL_BASE_FILTER (self)->context->gl_vtable;

  if (t->fbo)
    gl->DeleteFramebuffers (1, &t->fbo);
  if (t->tex)
    gl->DeleteTextures (1, &t->tex);
  t->fbo = t->tex = 0;
  t->width = t->height = 0;
}

#ifndef GL_RGBA32F
#define GL_RGBA32F 0x8814
#endif

/* A float texture of w x h in `t`, and its framebuffer. */
static gboolean
ensure_target (GstGLVideoConvolve * self, GstGLVideoConvolveTarget * t,
    gint w, gint h)
{
  const GstGLFuncs *gl = GST_GL_BASE_FILTER (self)->context->gl_vtable;
  GLenum status;

  if (t->tex && t->width == w && t->height == h)
    return TRUE;
  free_target (self, t);
  gl->GenTextures (1, &t->tex);
  gl->BindTexture (GL_TEXTURE_2D, t->tex);
  gl->TexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  gl->TexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  gl->TexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  gl->TexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  gl->TexImage2D (GL_TEXTURE_2D, 0, GL_RGBA32F, w, h, 0, GL_RGBA, GL_FLOAT,
      NULL);
  gl->BindTexture (GL_TEXTURE_2D, 0);
  gl->GenFramebuffers (1, &t->fbo);
  gl->BindFramebuffer (GL_FRAMEBUFFER, t->fbo);
  gl->FramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
      GL_TEXTURE_2D, t->tex, 0);
  status = gl->CheckFramebufferStatus (GL_FRAMEBUFFER);
  gl->BindFramebuffer (GL_FRAMEBUFFER, 0);
  t->width = w;
  t->height = h;
  return status == GL_FRAMEBUFFER_COMPLETE;
}

/* `pass` on the input into the float texture `t` of w x h: inside rects,
 * or (columns) over the whole height of the column ranges they cover. */
static gboolean
draw_into (GstGLVideoConvolve * self, GstGLVideoConvolveTarget * t, gint w,
    gint h, const Pass * pass, GstGLMemory * input, gboolean columns)
{
  const GstGLFuncs *gl = GST_GL_BASE_FILTER (self)->context->gl_vtable;
  Pass p = *pass;
  GLint viewport[4];

  if (!ensure_target (self, t, w, h))
    return FALSE;
  gl->GetIntegerv (GL_VIEWPORT, viewport);
  gl->BindFramebuffer (GL_FRAMEBUFFER, t->fbo);
  gl->Viewport (0, 0, w, h);
  p.tex = gst_gl_memory_get_texture_id (input);
  draw_in_rects (self, &p, columns, h);
  gl->BindFramebuffer (GL_FRAMEBUFFER, 0);
  gl->Viewport (viewport[0], viewport[1], viewport[2], viewport[3]);
  return TRUE;
}

/* The rows into the float texture (over the rectangles' columns: the
 * column pass reads their rows above and below), then the columns into
 * `output`. */
static gboolean
run_passes (GstGLVideoConvolve * self, GstGLMemory * input,
    GstGLMemory * output)
{
  GstGLFilter *filter = GST_GL_FILTER (self);
  Pass rows = { self->rows_shader, 0, 0, NULL, 0, 0 };
  Pass columns = { self->columns_shader, 0, 0, NULL, 0, 0 };

  if (!draw_into (self, &self->mid[0], GST_VIDEO_INFO_WIDTH
          (&filter->out_info), GST_VIDEO_INFO_HEIGHT (&filter->in_info),
          &rows, input, TRUE))
    return FALSE;
  columns.tex = self->mid[0].tex;
  return gst_gl_filter_render_to_target (filter, input, output,
      draw_output, &columns);
}

/* Part i of the kernel's rows in `pass`: its first row and its rows'
 * coefficients. */
static void
set_part (GstGLVideoConvolve * self, Pass * pass, guint i)
{
  gint kw4 =
      gst_gl_video_convolve_shader_row_vec4s (self->active->kernel_width);

  pass->first = i * self->part_rows;
  pass->vec4s = self->part_rows * kw4;
  pass->k = self->coefs + i * (gsize) pass->vec4s * 4;
}

/* The one pass, or the parts of a kernel's rows: those before the last
 * each into mid[0] or mid[1] in turn (inside the rectangles: each part
 * reads the sums at its own pixel), then the last into `output`. */
static gboolean
run_parts (GstGLVideoConvolve * self, GstGLMemory * input, GstGLMemory * output)
{
  GstGLFilter *filter = GST_GL_FILTER (self);
  Pass pass = { self->sums_shader, 0, 0, NULL, 0, 0 };

  for (guint i = 0; i + 1 < self->parts; i++) {
    GstGLVideoConvolveTarget *t = &self->mid[i % 2];

    set_part (self, &pass, i);
    if (!draw_into (self, t, GST_VIDEO_INFO_WIDTH (&filter->out_info),
            GST_VIDEO_INFO_HEIGHT (&filter->out_info), &pass, input, FALSE))
      return FALSE;
    pass.part = t->tex;
  }
  if (self->coefs)
    set_part (self, &pass, self->parts - 1);
  pass.shader = self->shader;
  return gst_gl_filter_render_to_target (filter, input, output,
      draw_output, &pass);
}

static gboolean
gst_gl_video_convolve_filter_texture (GstGLFilter * filter,
    GstGLMemory * input, GstGLMemory * output)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (filter);
  GstGLContext *context = GST_GL_BASE_FILTER (self)->context;
  gchar *error = NULL;
  gboolean ok = TRUE;

  if (self->active->kernel_error)
    goto invalid_kernel;
  if (self->active->regions_error)
    goto invalid_regions;
  if (self->refusal)
    goto refused;
  /* Regions set while playing, on settings that change the size. */
  if (!gst_video_convolve_settings_check_regions (self->active,
          &filter->in_info, &error))
    goto no_regions;
  if (self->shader_stale) {
    self->shader_stale = FALSE;
    if (!build_shaders (self, &error)) {
      self->refusal = error;
      goto refused;
    }
  }
  if (self->rects && self->copy_shader == NULL &&
      !(self->copy_shader = gst_gl_shader_new_default (context, NULL))) {
    error = g_strdup ("the shader that copies the frame outside the "
        "regions does not compile");
    goto no_regions;
  }
  set_sampling (context, input, GL_NEAREST);
  if (self->rows_shader)
    ok = run_passes (self, input, output);
  else if (self->shader)
    ok = run_parts (self, input, output);
  set_sampling (context, input, GL_LINEAR);
  if (ok)
    return TRUE;
  /* No float texture after all: one pass, or the parts' refusal, next. */
  GST_WARNING_OBJECT (self, "no float texture for the %s",
      self->rows_shader ? "two passes: one pass" : "parts' sums");
  gst_clear_object (&self->rows_shader);
  gst_clear_object (&self->columns_shader);
  self->no_float_target = TRUE;
  self->shader_stale = TRUE;
  return gst_gl_video_convolve_filter_texture (filter, input, output);

invalid_kernel:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s",
          self->active->kernel_error), ("the kernel property was refused; "
          "the previous kernel stays until a valid one is set"));
  return FALSE;

invalid_regions:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s",
          self->active->regions_error), ("the regions property was "
          "refused; the previous regions stay until valid ones are set"));
  return FALSE;

refused:
  GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("%s", self->refusal),
      ("no frame for the settings and the caps"));
  return FALSE;

no_regions:
  GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("%s", error),
      ("no frame for the settings and the caps"));
  g_free (error);
  return FALSE;
}

static void
gst_gl_video_convolve_gl_stop (GstGLBaseFilter * base)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (base);

  const GstGLFuncs *gl = base->context->gl_vtable;

  clear_shaders (self);
  gst_clear_object (&self->copy_shader);
  free_target (self, &self->mid[0]);
  free_target (self, &self->mid[1]);
  if (self->quad_vbo)
    gl->DeleteBuffers (1, &self->quad_vbo);
  if (self->quad_vao)
    gl->DeleteVertexArrays (1, &self->quad_vao);
  self->quad_vbo = self->quad_vao = 0;
  self->no_float_target = FALSE;
  self->shader_stale = TRUE;
  GST_GL_BASE_FILTER_CLASS (parent_class)->gl_stop (base);
}

static gboolean
gst_gl_video_convolve_start (GstBaseTransform * trans)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (trans);
  gchar *kernel_error;

  GST_OBJECT_LOCK (self);
  self->streaming = TRUE;
  self->frames_dropped = 0;
  /* Refused here rather than at the first frame, as videoconvolve does
   * (gst_video_convolve_start ()). */
  kernel_error = gst_video_convolve_settings_refusal (self->active);
  GST_OBJECT_UNLOCK (self);
  if (kernel_error)
    goto invalid_kernel;
  return GST_BASE_TRANSFORM_CLASS (parent_class)->start (trans);

invalid_kernel:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s", kernel_error),
      ("the kernel, regions or roi-meta property was refused"));
  g_free (kernel_error);
  return FALSE;
}

static gboolean
gst_gl_video_convolve_stop (GstBaseTransform * trans)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (trans);

  self->negotiated = FALSE;
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->rects, g_array_unref);
  GST_OBJECT_LOCK (self);
  self->streaming = FALSE;
  GST_OBJECT_UNLOCK (self);
  return GST_BASE_TRANSFORM_CLASS (parent_class)->stop (trans);
}

/* ------------------------------------------------------------------ */
/* Properties: any thread, any time; they only edit `proposed` */

static void
gst_gl_video_convolve_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (object);

  GST_OBJECT_LOCK (self);
  if (!gst_video_convolve_properties_set (object, self->proposed, prop_id,
          value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  if (!self->streaming)         /* no streaming thread to adopt them */
    gst_video_convolve_settings_adopt (&self->active, self->proposed);
  GST_OBJECT_UNLOCK (self);
}

static void
gst_gl_video_convolve_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (object);

  GST_OBJECT_LOCK (self);
  if (prop_id == prop_frames_dropped)
    g_value_set_uint64 (value, self->frames_dropped);
  else if (!gst_video_convolve_properties_get (self->proposed, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  GST_OBJECT_UNLOCK (self);
}

static void
gst_gl_video_convolve_finalize (GObject * object)
{
  GstGLVideoConvolve *self = GST_GL_VIDEO_CONVOLVE (object);

  gst_video_convolve_settings_free (self->proposed);
  gst_video_convolve_settings_free (self->active);
  g_free (self->refusal);
  if (self->rects)
    g_array_unref (self->rects);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_gl_video_convolve_class_init (GstGLVideoConvolveClass * klass)
{
  GObjectClass *gobject_class = (GObjectClass *) klass;
  GstElementClass *element_class = (GstElementClass *) klass;
  GstBaseTransformClass *trans_class = (GstBaseTransformClass *) klass;
  GstGLBaseFilterClass *base_class = (GstGLBaseFilterClass *) klass;
  GstGLFilterClass *filter_class = (GstGLFilterClass *) klass;

  GST_DEBUG_CATEGORY_INIT (gst_gl_video_convolve_debug, "glvideoconvolve", 0,
      "glvideoconvolve element");

  gobject_class->set_property = gst_gl_video_convolve_set_property;
  gobject_class->get_property = gst_gl_video_convolve_get_property;
  gobject_class->finalize = gst_gl_video_convolve_finalize;
  prop_frames_dropped = gst_video_convolve_properties_install (gobject_class,
      implemented_properties) + 1;
  gst_video_convolve_properties_install_frames_dropped (gobject_class,
      prop_frames_dropped);

  gst_element_class_set_static_metadata (element_class,
      "GL video convolution", "Filter/Effect/Video",
      "Convolves RGBA video in GL memory with any kernel, with stride, "
      "padding and dilation on both axes", "The videoconvolve authors");
  gst_gl_filter_add_rgba_pad_templates (filter_class);

  trans_class->before_transform =
      GST_DEBUG_FUNCPTR (gst_gl_video_convolve_before_transform);
  trans_class->sink_event =
      GST_DEBUG_FUNCPTR (gst_gl_video_convolve_sink_event);
  trans_class->submit_input_buffer =
      GST_DEBUG_FUNCPTR (gst_gl_video_convolve_submit_input_buffer);
  trans_class->fixate_caps =
      GST_DEBUG_FUNCPTR (gst_gl_video_convolve_fixate_caps);
  trans_class->start = GST_DEBUG_FUNCPTR (gst_gl_video_convolve_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_gl_video_convolve_stop);
  base_class->supported_gl_api =
      GST_GL_API_OPENGL | GST_GL_API_OPENGL3 | GST_GL_API_GLES2;
  base_class->gl_stop = GST_DEBUG_FUNCPTR (gst_gl_video_convolve_gl_stop);
  filter_class->set_caps = GST_DEBUG_FUNCPTR (gst_gl_video_convolve_set_caps);
  filter_class->transform_internal_caps =
      GST_DEBUG_FUNCPTR (gst_gl_video_convolve_transform_internal_caps);
  filter_class->filter_texture =
      GST_DEBUG_FUNCPTR (gst_gl_video_convolve_filter_texture);

  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_BORDER, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_CHANNELS, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_PRESET, 0);
}

static void
gst_gl_video_convolve_init (GstGLVideoConvolve * self)
{
  self->proposed = gst_video_convolve_settings_new ();
  self->active = gst_video_convolve_settings_new ();
  self->parts = 1;
}
