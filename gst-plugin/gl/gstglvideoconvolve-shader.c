/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer glvideoconvolve: fragment shaders generated from the settings
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* One fragment shader per settings snapshot and input size, with every
 * number a constant: the taps (coefficient and offset, dilation included),
 * the stride, the padding, the border, the divisor and the bias. The
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
 * shader takes is summed in parts of its rows, a shader each: the sums
 * between them go through RGBA32F textures, which hold each as the float
 * it is, so none of the above changes.
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

/* The declarations every shader starts with; with `part`, the sampler of
 * the sums so far (a float texture of the output's size). */
static GString *
shader_head (gint in_w, gint in_h, gint64 out_w, gint64 out_h, gboolean part)
{
  /* GLSL ES gives samplers lowp by default, and Mesa then reads textures
   * in 16-bit floats: exact for 8-bit texels, not for the row pass' sums
   * above 2048. */
  GString *str = g_string_new ("#if defined (GL_ES) && "
      "defined (GL_FRAGMENT_PRECISION_HIGH)\nprecision highp sampler2D;\n"
      "#endif\nvarying vec2 v_texcoord;\nuniform sampler2D tex;\n");
  if (part)
    g_string_append (str, "uniform sampler2D part;\n");

  g_string_append_printf (str, "const vec2 IN_SIZE = vec2 (%d.0, %d.0);\n"
      "const vec2 OUT_SIZE = vec2 (%" G_GINT64_FORMAT ".0, %" G_GINT64_FORMAT
      ".0);\n\n", in_w, in_h, out_w, out_h);
  return str;
}

/* main () of a shader of kernel rows m0 to m1 - 1 (all of them: the one
 * pass): the taps' columns and rows through the border, their sums added
 * to those of the rows before (from `part`), and then either those sums
 * into a float texture or, on the last rows, the finish and the alpha
 * under the centre tap, clamped into the frame. */
static void
append_main (GString * str, const VcConfig * cfg, gint top, gint left,
    gint in_w, gint in_h, gint m0, gint m1)
{
  gint kh = cfg->kernel_height, kw = cfg->kernel_width;

  g_string_append_printf (str, "void main ()\n{\n"
      "  vec2 o = floor (v_texcoord * OUT_SIZE);\n"
      "  float x = o.x * %d.0 - %d.0;\n  float y = o.y * %d.0 - %d.0;\n",
      cfg->stride_x, left, cfg->stride_y, top);
  for (gint n = 0; n < kw; n++)
    g_string_append_printf (str, "  float c%d = map_x (x + %d.0);\n", n,
        n * cfg->dilation_x);
  for (gint m = m0; m < m1; m++)
    g_string_append_printf (str, "  float r%d = map_y (y + %d.0);\n", m,
        m * cfg->dilation_y);
  if (m0 == 0)
    g_string_append (str, "  vec3 a = vec3 (0.0);\n");
  else
    g_string_append (str, "  vec3 a = texture2D (part, (o + 0.5) / "
        "OUT_SIZE).rgb;\n");
  append_taps (str, "a", cfg->kernel, m0, m1, kw);
  if (cfg->kernel2) {
    g_string_append (str, "  vec3 b = vec3 (0.0);\n");
    append_taps (str, "b", cfg->kernel2, m0, m1, kw);
    g_string_append (str, "  a = sqrt (a * a + b * b);\n");
  }
  if (m1 < kh) {
    g_string_append (str, "  gl_FragColor = vec4 (a, 1.0);\n}\n");
    return;
  }
  g_string_append_printf (str, "  vec2 centre = clamp (vec2 (x + %d.0, "
      "y + %d.0), vec2 (0.0), vec2 (%d.0, %d.0));\n"
      "  float alpha = texture2D (tex, (centre + 0.5) / IN_SIZE).a;\n",
      (kw / 2) * cfg->dilation_x, (kh / 2) * cfg->dilation_y, in_w - 1,
      in_h - 1);
  append_finish (str, cfg);
}

/* The non-zero taps of the kernels' row m. */
static guint
row_taps (const VcConfig * cfg, gint m)
{
  guint taps = 0;

  for (gint n = 0; n < cfg->kernel_width; n++) {
    gint i = m * cfg->kernel_width + n;

    taps += (cfg->kernel[i] != 0.0) + (cfg->kernel2 && cfg->kernel2[i] != 0.0);
  }
  return taps;
}

/* The source of the shader of kernel rows m0 to m1 - 1. */
static gchar *
part_source (const VcConfig * cfg, gint top, gint left, gint64 out_w,
    gint64 out_h, gint m0, gint m1)
{
  GString *str = shader_head (cfg->width, cfg->height, out_w, out_h, m0 > 0);

  append_border_map (str, "map_x", cfg->width, cfg->border);
  append_border_map (str, "map_y", cfg->height, cfg->border);
  append_tap (str, cfg, cfg->width, cfg->height);
  append_main (str, cfg, top, left, cfg->width, cfg->height, m0, m1);
  return g_string_free (str, FALSE);
}

gchar **
gst_gl_video_convolve_shader_sources (const GstVideoConvolveSettings * s,
    gint in_w, gint in_h, gchar ** error)
{
  gdouble *kernel2 = g_new (gdouble, s->kernel_height * s->kernel_width);
  GPtrArray *parts = g_ptr_array_new ();
  gint top, bottom, left, right, m0 = 0;
  gint64 out_w, out_h;
  VcConfig cfg;
  VcError err;
  guint taps = 0;

  gst_video_convolve_settings_to_config (s, 0, 0, &cfg, kernel2);
  cfg.width = in_w;
  cfg.height = in_h;
  if (vc_resolve_padding (&cfg, &top, &bottom, &left, &right, &err) != VC_OK)
    goto refused;
  /* A gradient magnitude needs both sums whole (3x3 presets only). */
  if (cfg.kernel2 && count_taps (&cfg) > GST_GL_VIDEO_CONVOLVE_MAX_TAPS)
    goto too_many_taps;
  out_w = gst_video_convolve_settings_output_size (s, TRUE, in_w);
  out_h = gst_video_convolve_settings_output_size (s, FALSE, in_h);
  /* Whole rows to a part (a row has at most 255 taps). */
  for (gint m = 0; m < cfg.kernel_height; m++) {
    guint row = row_taps (&cfg, m);

    if (taps + row > GST_GL_VIDEO_CONVOLVE_MAX_TAPS) {
      g_ptr_array_add (parts, part_source (&cfg, top, left, out_w, out_h, m0,
              m));
      m0 = m;
      taps = 0;
    }
    taps += row;
  }
  g_ptr_array_add (parts, part_source (&cfg, top, left, out_w, out_h, m0,
          cfg.kernel_height));
  g_ptr_array_add (parts, NULL);
  g_free (kernel2);
  return (gchar **) g_ptr_array_free (parts, FALSE);

refused:
  *error = g_strdup (err.message);
  g_free (kernel2);
  g_ptr_array_free (parts, TRUE);
  return NULL;

too_many_taps:
  *error = g_strdup_printf ("kernel has %u non-zero taps (%dx%d, rows x "
      "columns, two kernels); glvideoconvolve compiles at most %d into "
      "the shader of a gradient magnitude: use videoconvolve for this "
      "kernel", count_taps (&cfg), s->kernel_height, s->kernel_width,
      GST_GL_VIDEO_CONVOLVE_MAX_TAPS);
  g_free (kernel2);
  g_ptr_array_free (parts, TRUE);
  return NULL;
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
  GString *str = shader_head (in_w, in_h, out_w, in_h, FALSE);
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
  GString *str = shader_head (out_w, in_h, out_w, out_h, FALSE);
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
