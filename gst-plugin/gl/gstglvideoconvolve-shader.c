/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer glvideoconvolve: fragment shaders generated from the settings
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Fragment shaders made for a settings snapshot and an input size, with
 * every number a constant (but for the coefficients of a kernel in parts,
 * below): the taps (coefficient and offset, dilation included), the
 * stride, the padding, the border, the divisor and the bias. The
 * fragment of output pixel (i, j) computes, as the core does
 * (videoconvolve/convolve.h):
 *
 *   acc = sum over the taps of K[m][n] * P[i*sy + m*dy][j*sx + n*dx]
 *   out = clamp (round_half_away (acc / divisor (|.|) + bias), 0, 255)
 *
 * Exactness. A texel of an RGBA8 texture reads as c / 255 in float;
 * floor (c / 255 * 255 + 0.5) is c again, an integer, so the sums are on
 * the 0..255 scale. In highp float (24-bit significand) integer
 * coefficients times such samples sum exactly below 2^24 (while the
 * coefficients' absolute values sum to at most 65793), so the sum equals
 * the core's; larger sums (preset=gaussian above sigma 3) round in float;
 * the division, a fractional kernel or the square root of a gradient
 * magnitude round in float where the core rounds in double, which may
 * move a value that lies within 2^-16 or so of a half to the other side:
 * at most 1 apart. Texel coordinates are integers computed in float
 * (exact below 2^24) and read at the texel's centre with GL_NEAREST;
 * the output pixel's indices come from the highp varying v_texcoord, not
 * gl_FragCoord (mediump in GLSL ES 1.00). A kernel of more taps than one
 * shader unrolls is summed in parts of its rows by two looping shaders,
 * one drawn for each part: the coefficients come from float uniforms
 * (each the float the one pass' constant is), the sums between parts go
 * through RGBA32F textures, which hold each as the float it is, and the
 * taps are added in the one pass' order, so none of the above changes.
 *
 * Borders are numpy.pad's, as in core/vc-border.c: index i of a side of n
 * samples maps to i (inside), constant (the border value, rounded and
 * clamped to a sample), clamp (replicate), a mirror of period 2n - 2
 * (reflect; 0 when n = 1), 2n (symmetric) or n (wrap). The period's
 * quotient is floor ((i + 0.5) / p): the half keeps it off an integer, so
 * a float division a few ulps off gives the same floor for |i| < 2^21.
 */

#include "gstglvideoconvolve-shader.h"

#include <math.h>
#include <string.h>

#include "gstvideoconvolve-types.h"

/* A float literal GLSL ES 1.00 takes (it has no int to float conversion):
 * always a '.' or an exponent. */
static void
append_float (GString * str, gdouble v)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof (buf), "%.9g", v);
  g_string_append (str, buf);
  if (strpbrk (buf, ".e") == NULL)
    g_string_append (str, ".0");
}

/* GLSL of map_x () or map_y (): a padded index to a texel index of a side
 * of n texels (constant: unchanged, the tap tests it). */
static void
append_border_map (GString * str, const gchar * name, gint n, gint border)
{
  g_string_append_printf (str, "float %s (float i)\n{\n", name);
  switch (border) {
    case VC_BORDER_REPLICATE:
      g_string_append_printf (str, "  return clamp (i, 0.0, %d.0);\n", n - 1);
      break;
    case VC_BORDER_REFLECT:
      if (n == 1) {
        g_string_append (str, "  return 0.0;\n");
        break;
      }
      g_string_append_printf (str, "  float r = i - %d.0 * floor ((i + 0.5) "
          "/ %d.0);\n  return r < %d.0 ? r : %d.0 - r;\n", 2 * n - 2,
          2 * n - 2, n, 2 * n - 2);
      break;
    case VC_BORDER_SYMMETRIC:
      g_string_append_printf (str, "  float r = i - %d.0 * floor ((i + 0.5) "
          "/ %d.0);\n  return r < %d.0 ? r : %d.0 - r;\n", 2 * n, 2 * n, n,
          2 * n - 1);
      break;
    case VC_BORDER_WRAP:
      g_string_append_printf (str, "  return i - %d.0 * floor ((i + 0.5) / "
          "%d.0);\n", n, n);
      break;
    default:                   /* constant */
      g_string_append (str, "  return i;\n");
      break;
  }
  g_string_append (str, "}\n\n");
}

/* GLSL of tap (): the three colour samples of texel (x, y), on 0..255. */
static void
append_tap (GString * str, const VcConfig * cfg, gint in_w, gint in_h)
{
  g_string_append (str, "vec3 tap (float x, float y)\n{\n");
  if (cfg->border == VC_BORDER_CONSTANT) {
    /* The core rounds and clamps the border value to a sample. */
    gdouble bv = CLAMP (floor (cfg->border_value + 0.5), 0.0, 255.0);

    g_string_append_printf (str, "  if (x < 0.0 || y < 0.0 || x >= %d.0 || "
        "y >= %d.0)\n    return vec3 (", in_w, in_h);
    append_float (str, bv);
    g_string_append (str, ");\n");
  }
  g_string_append (str, "  return floor (texture2D (tex, (vec2 (x, y) + "
      "0.5) / IN_SIZE).rgb * 255.0 + 0.5);\n}\n\n");
}

/* Rows m0 to m1 - 1 of a kernel of kw columns, added to `acc`: a line
 * per non-zero coefficient. */
static guint
append_taps (GString * str, const gchar * acc, const gdouble * k, gint m0,
    gint m1, gint kw)
{
  guint taps = 0;

  for (gint m = m0; m < m1; m++) {
    for (gint n = 0; n < kw; n++) {
      if (k[m * kw + n] == 0.0)
        continue;
      g_string_append_printf (str, "  %s += ", acc);
      append_float (str, k[m * kw + n]);
      g_string_append_printf (str, " * tap (c%d, r%d);\n", n, m);
      taps++;
    }
  }
  return taps;
}

/* The kernels' non-zero taps. */
static guint
count_taps (const VcConfig * cfg)
{
  guint taps = 0;

  for (gint i = 0; i < cfg->kernel_height * cfg->kernel_width; i++)
    taps += (cfg->kernel[i] != 0.0) + (cfg->kernel2 && cfg->kernel2[i] != 0.0);
  return taps;
}

/* The divisor the core uses: 0 is the first kernel's sum, or 1. */
static gdouble
resolve_divisor (const VcConfig * cfg)
{
  gdouble sum = 0.0;

  if (cfg->divisor != 0.0)
    return cfg->divisor;
  for (gint i = 0; i < cfg->kernel_height * cfg->kernel_width; i++)
    sum += cfg->kernel[i];
  return sum != 0.0 ? sum : 1.0;
}

/* The finish, from the sums `a` to gl_FragColor (with `alpha`). */
static void
append_finish (GString * str, const VcConfig * cfg)
{
  g_string_append (str, "  vec3 v = a / ");
  append_float (str, resolve_divisor (cfg));
  g_string_append (str, ";\n");
  if (cfg->absolute)
    g_string_append (str, "  v = abs (v);\n");
  g_string_append (str, "  v += ");
  append_float (str, cfg->bias);
  g_string_append (str, ";\n"
      "  v = clamp (sign (v) * floor (abs (v) + 0.5), 0.0, 255.0);\n"
      "  gl_FragColor = vec4 (v / 255.0, alpha);\n}\n");
}

/* The declarations every shader starts with. */
static GString *
shader_head (gint in_w, gint in_h, gint64 out_w, gint64 out_h)
{
  /* GLSL ES gives samplers lowp by default, and Mesa then reads textures
   * in 16-bit floats: exact for 8-bit texels, not for the row pass' sums
   * above 2048. */
  GString *str = g_string_new ("#if defined (GL_ES) && "
      "defined (GL_FRAGMENT_PRECISION_HIGH)\nprecision highp sampler2D;\n"
      "#endif\nvarying vec2 v_texcoord;\nuniform sampler2D tex;\n");

  g_string_append_printf (str, "const vec2 IN_SIZE = vec2 (%d.0, %d.0);\n"
      "const vec2 OUT_SIZE = vec2 (%" G_GINT64_FORMAT ".0, %" G_GINT64_FORMAT
      ".0);\n\n", in_w, in_h, out_w, out_h);
  return str;
}

/* map_x (), map_y () and tap (), then the start of main (): the output
 * pixel `o`, (x, y) where its first tap lies in the padded input, and
 * the texel column of each kernel column (c0, c1, ...). */
static void
append_main_head (GString * str, const VcConfig * cfg, gint top, gint left)
{
  append_border_map (str, "map_x", cfg->width, cfg->border);
  append_border_map (str, "map_y", cfg->height, cfg->border);
  append_tap (str, cfg, cfg->width, cfg->height);
  g_string_append_printf (str, "void main ()\n{\n"
      "  vec2 o = floor (v_texcoord * OUT_SIZE);\n"
      "  float x = o.x * %d.0 - %d.0;\n  float y = o.y * %d.0 - %d.0;\n",
      cfg->stride_x, left, cfg->stride_y, top);
  for (gint n = 0; n < cfg->kernel_width; n++)
    g_string_append_printf (str, "  float c%d = map_x (x + %d.0);\n", n,
        n * cfg->dilation_x);
}

/* The end of main (): the alpha under the centre tap, clamped into the
 * frame, and the finish of the sums `a`. */
static void
append_main_finish (GString * str, const VcConfig * cfg)
{
  g_string_append_printf (str, "  vec2 centre = clamp (vec2 (x + %d.0, "
      "y + %d.0), vec2 (0.0), vec2 (%d.0, %d.0));\n"
      "  float alpha = texture2D (tex, (centre + 0.5) / IN_SIZE).a;\n",
      (cfg->kernel_width / 2) * cfg->dilation_x,
      (cfg->kernel_height / 2) * cfg->dilation_y, cfg->width - 1,
      cfg->height - 1);
  append_finish (str, cfg);
}

/* The source of the one pass: every tap a line of its own, the taps'
 * columns and rows mapped through the border once. */
static gchar *
one_pass_source (const VcConfig * cfg, gint top, gint left, gint64 out_w,
    gint64 out_h)
{
  GString *str = shader_head (cfg->width, cfg->height, out_w, out_h);
  gint kh = cfg->kernel_height, kw = cfg->kernel_width;

  append_main_head (str, cfg, top, left);
  for (gint m = 0; m < kh; m++)
    g_string_append_printf (str, "  float r%d = map_y (y + %d.0);\n", m,
        m * cfg->dilation_y);
  g_string_append (str, "  vec3 a = vec3 (0.0);\n");
  append_taps (str, "a", cfg->kernel, 0, kh, kw);
  if (cfg->kernel2) {
    g_string_append (str, "  vec3 b = vec3 (0.0);\n");
    append_taps (str, "b", cfg->kernel2, 0, kh, kw);
    g_string_append (str, "  a = sqrt (a * a + b * b);\n");
  }
  append_main_finish (str, cfg);
  return g_string_free (str, FALSE);
}

/* The source of a shader of the parts, the same for every part but the
 * last (`last` FALSE) or the last: a loop over kernel rows `first` (a
 * uniform) to first + rows - 1 (those the kernel has), a line a column in
 * it, each tap's coefficient read from the uniform vec4s `k` (the part's
 * rows, each padded to a multiple of 4 with zeros), added in the one
 * pass' order (a zero adds nothing) to the sums of the rows before, read
 * from `part` from the second part on; then the sums written out, or (the
 * last) the finish. Uniforms, not constants, and a loop: two shaders
 * compile, whatever the number of parts. Two, not one that branches on
 * `first`: the sums are written into a float texture through
 * gl_FragColor, which GLSL ES 1.00 makes mediump, and with the finish in
 * the same shader llvmpipe wrote them in 16-bit floats (sums of 2048 and
 * more rounded). The element also compiles the shaders that write sums
 * with a highp output where the context allows (GLSL 3). */
static gchar *
parts_source (const VcConfig * cfg, gint top, gint left, gint64 out_w,
    gint64 out_h, gint rows, gboolean last)
{
  GString *str = shader_head (cfg->width, cfg->height, out_w, out_h);
  gint kw = cfg->kernel_width;
  gint kw4 = gst_gl_video_convolve_shader_row_vec4s (kw);

  g_string_append_printf (str, "uniform sampler2D part;\n"
      "uniform vec4 k[%d];\nuniform float first;\n\n", rows * kw4);
  append_main_head (str, cfg, top, left);
  /* The first part (never the last) has no sums before it. */
  g_string_append_printf (str, "  vec3 a = vec3 (0.0);\n%s"
      "  a = texture2D (part, (o + 0.5) / OUT_SIZE).rgb;\n"
      "  for (int i = 0; i < %d; i++) {\n"
      "    float m = first + float (i);\n"
      "    if (m >= %d.0)\n"
      "      break;\n"
      "    float r = map_y (y + m * %d.0);\n", last ? "" :
      "  if (first > 0.0)\n  ", rows, cfg->kernel_height, cfg->dilation_y);
  for (gint n = 0; n < kw; n++)
    g_string_append_printf (str, "    a += k[i * %d + %d].%c * tap (c%d, "
        "r);\n", kw4, n / 4, "xyzw"[n % 4], n);
  g_string_append (str, "  }\n");
  if (last)
    append_main_finish (str, cfg);
  else
    g_string_append (str, "  gl_FragColor = vec4 (a, 1.0);\n}\n");
  return g_string_free (str, FALSE);
}

gchar **
gst_gl_video_convolve_shader_sources (const GstVideoConvolveSettings * s,
    gint in_w, gint in_h, gint max_vec4s, gint * part_rows, gchar ** error)
{
  gdouble *kernel2 = g_new (gdouble, s->kernel_height * s->kernel_width);
  gchar **sources = g_new0 (gchar *, 3);
  gint top, bottom, left, right;
  gint64 out_w, out_h;
  VcConfig cfg;
  VcError err;

  gst_video_convolve_settings_to_config (s, 0, 0, &cfg, kernel2);
  cfg.width = in_w;
  cfg.height = in_h;
  *part_rows = 0;
  if (vc_resolve_padding (&cfg, &top, &bottom, &left, &right, &err) != VC_OK) {
    *error = g_strdup (err.message);
    goto done;
  }
  out_w = gst_video_convolve_settings_output_size (s, TRUE, in_w);
  out_h = gst_video_convolve_settings_output_size (s, FALSE, in_h);
  if (count_taps (&cfg) <= GST_GL_VIDEO_CONVOLVE_MAX_TAPS) {
    sources[0] = one_pass_source (&cfg, top, left, out_w, out_h);
  } else if (cfg.kernel2) {
    /* A gradient magnitude needs both sums whole (3x3 presets only). */
    *error = g_strdup_printf ("kernel has %u non-zero taps (%dx%d, rows x "
        "columns, two kernels); glvideoconvolve compiles at most %d into "
        "the shader of a gradient magnitude: use videoconvolve for this "
        "kernel", count_taps (&cfg), s->kernel_height, s->kernel_width,
        GST_GL_VIDEO_CONVOLVE_MAX_TAPS);
  } else {
    /* Whole rows to a part (a row has at most 255 taps), as many as the
     * taps and the uniforms allow (a few of these kept for the others). */
    gint kw4 = gst_gl_video_convolve_shader_row_vec4s (cfg.kernel_width);

    *part_rows = MAX (1, MIN (GST_GL_VIDEO_CONVOLVE_MAX_TAPS /
            cfg.kernel_width, (max_vec4s - 8) / kw4));
    sources[0] = parts_source (&cfg, top, left, out_w, out_h, *part_rows,
        FALSE);
    sources[1] = parts_source (&cfg, top, left, out_w, out_h, *part_rows, TRUE);
  }
done:
  g_free (kernel2);
  if (sources[0] == NULL)
    g_clear_pointer (&sources, g_free);
  return sources;
}

gfloat *
gst_gl_video_convolve_shader_coefficients (const GstVideoConvolveSettings
    * s, gint part_rows)
{
  gint kw = s->kernel_width;
  gint kw4 = gst_gl_video_convolve_shader_row_vec4s (kw);
  gint parts = (s->kernel_height + part_rows - 1) / part_rows;
  gfloat *k = g_new0 (gfloat, (gsize) parts * part_rows * kw4 * 4);

  for (gint m = 0; m < s->kernel_height; m++) {
    for (gint n = 0; n < kw; n++)
      k[m * kw4 * 4 + n] = (gfloat) s->kernel[m * kw + n];
  }
  return k;
}

/* ------------------------------------------------------------------ */
/* Separable kernels in two passes */

/* Whether the kernel is col x row with col[m] * row[n] == K[m][n] exactly
 * (in double); an integer kernel gets its row divided by the gcd of its
 * entries, so the usual factors (box, Gaussian) come out as integers and
 * both passes sum integers. */
static gboolean
factor (const gdouble * k, gint kh, gint kw, gdouble * col, gdouble * row)
{
  gint p = 0, q = 0, i;
  gboolean integer = TRUE;
  gint64 g = 0;

  for (i = 0; i < kh * kw; i++) {
    if (fabs (k[i]) > fabs (k[p * kw + q])) {
      p = i / kw;
      q = i % kw;
    }
    integer &= k[i] == floor (k[i]) && fabs (k[i]) < 1e9;
  }
  if (k[p * kw + q] == 0.0)
    return FALSE;
  for (gint n = 0; n < kw; n++) {
    row[n] = k[p * kw + n];
    if (integer && row[n] != 0.0) {
      gint64 a = (gint64) fabs (row[n]), b = g;

      while (b != 0) {
        gint64 t = a % b;

        a = b;
        b = t;
      }
      g = a;
    }
  }
  for (gint n = 0; integer && g > 1 && n < kw; n++)
    row[n] /= g;
  for (gint m = 0; m < kh; m++)
    col[m] = k[m * kw + q] / row[q];
  for (i = 0; i < kh * kw; i++) {
    if (col[i / kw] * row[i % kw] != k[i])
      return FALSE;
  }
  return TRUE;
}

/* The row pass: for each output column and input row, the row taps
 * through the horizontal border, unrounded, and the alpha under the
 * centre column (clamped), into a float texture of W_out x H. */
static gchar *
rows_source (const VcConfig * cfg, const gdouble * row, gint left,
    gint in_w, gint in_h, gint64 out_w)
{
  GString *str = shader_head (in_w, in_h, out_w, in_h);
  gint kw = cfg->kernel_width;

  append_border_map (str, "map_x", in_w, cfg->border);
  append_tap (str, cfg, in_w, in_h);
  g_string_append_printf (str, "void main ()\n{\n"
      "  vec2 o = floor (v_texcoord * OUT_SIZE);\n"
      "  float x = o.x * %d.0 - %d.0;\n  float r0 = o.y;\n", cfg->stride_x,
      left);
  for (gint n = 0; n < kw; n++)
    g_string_append_printf (str, "  float c%d = map_x (x + %d.0);\n", n,
        n * cfg->dilation_x);
  g_string_append (str, "  vec3 a = vec3 (0.0);\n");
  append_taps (str, "a", row, 0, 1, kw);
  g_string_append_printf (str, "  float alpha = texture2D (tex, (vec2 "
      "(clamp (x + %d.0, 0.0, %d.0), r0) + 0.5) / IN_SIZE).a;\n"
      "  gl_FragColor = vec4 (a, alpha);\n}\n", (kw / 2) * cfg->dilation_x,
      in_w - 1);
  return g_string_free (str, FALSE);
}

/* The column pass over the row pass' W_out x H texture: the column taps
 * through the vertical border (a constant row is the border value times
 * the row's sum), the finish, the alpha of the centre row (clamped). */
static gchar *
columns_source (const VcConfig * cfg, const gdouble * col, gdouble row_sum,
    gint top, gint in_h, gint64 out_w, gint64 out_h)
{
  GString *str = shader_head (out_w, in_h, out_w, out_h);
  gint kh = cfg->kernel_height;

  append_border_map (str, "map_y", in_h, cfg->border);
  g_string_append (str, "vec3 tap (float x, float y)\n{\n");
  if (cfg->border == VC_BORDER_CONSTANT) {
    gdouble bv = CLAMP (floor (cfg->border_value + 0.5), 0.0, 255.0);

    g_string_append_printf (str, "  if (y < 0.0 || y >= %d.0)\n"
        "    return vec3 (", in_h);
    append_float (str, bv * row_sum);
    g_string_append (str, ");\n");
  }
  g_string_append_printf (str, "  return texture2D (tex, (vec2 (x, y) + "
      "0.5) / IN_SIZE).rgb;\n}\n\nvoid main ()\n{\n"
      "  vec2 o = floor (v_texcoord * OUT_SIZE);\n"
      "  float y = o.y * %d.0 - %d.0;\n  float c0 = o.x;\n", cfg->stride_y,
      top);
  for (gint m = 0; m < kh; m++)
    g_string_append_printf (str, "  float r%d = map_y (y + %d.0);\n", m,
        m * cfg->dilation_y);
  g_string_append (str, "  vec3 a = vec3 (0.0);\n");
  append_taps (str, "a", col, 0, kh, 1);
  g_string_append_printf (str, "  float alpha = texture2D (tex, (vec2 (o.x, "
      "clamp (y + %d.0, 0.0, %d.0)) + 0.5) / IN_SIZE).a;\n",
      (kh / 2) * cfg->dilation_y, in_h - 1);
  append_finish (str, cfg);
  return g_string_free (str, FALSE);
}

gboolean
gst_gl_video_convolve_shader_separable (const GstVideoConvolveSettings * s,
    gint in_w, gint in_h, gchar ** rows, gchar ** columns)
{
  gint kh = s->kernel_height, kw = s->kernel_width;
  gdouble *col = g_new (gdouble, kh), *row = g_new (gdouble, kw);
  gdouble *kernel2 = g_new (gdouble, kh * kw), row_sum = 0.0;
  gint top, bottom, left, right;
  gboolean ok = FALSE;
  VcConfig cfg;

  gst_video_convolve_settings_to_config (s, 0, 0, &cfg, kernel2);
  cfg.width = in_w;
  cfg.height = in_h;
  if (cfg.kernel2 == NULL && kh > 1 && kw > 1 &&
      factor (s->kernel, kh, kw, col, row) &&
      vc_resolve_padding (&cfg, &top, &bottom, &left, &right, NULL) == VC_OK) {
    for (gint n = 0; n < kw; n++)
      row_sum += row[n];
    *rows = rows_source (&cfg, row, left, in_w, in_h,
        gst_video_convolve_settings_output_size (s, TRUE, in_w));
    *columns = columns_source (&cfg, col, row_sum, top, in_h,
        gst_video_convolve_settings_output_size (s, TRUE, in_w),
        gst_video_convolve_settings_output_size (s, FALSE, in_h));
    ok = TRUE;
  }
  g_free (col);
  g_free (row);
  g_free (kernel2);
  return ok;
}
