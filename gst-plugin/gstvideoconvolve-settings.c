/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: settings and their caps arithmetic
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* One snapshot of the element's settings, and everything that follows from
 * it: the core configuration of a plane, whether frames of a format may
 * pass through, and the caps in both directions.
 *
 * Geometry along one axis (kw = 3, dilation 2, stride 2, padding 1):
 *
 *   padded input   p | 0 1 2 3 4 5 6 | p
 *   output 0        x . x . x               taps at padded 0, 2, 4
 *   output 1            x . x . x           taps at padded 2, 4, 6
 *   output 2                x . x . x       taps at padded 4, 6, 8
 *
 *   out = floor ((in + 2 * padding - dilation * (k - 1) - 1) / stride) + 1
 *
 * "same" padding (-1) is dilation * (k - 1) in all, so stride 1 keeps the
 * size and stride s gives ceil (in / s). Going downstream the formula maps
 * one size to one size; going upstream one output size comes from a range
 * of input sizes (stride > 1), which transform_caps returns as a range.
 * The pixel aspect ratio follows the strides: PAR_out = PAR_in * sx / sy.
 */

#include "gstvideoconvolve-settings.h"

#include <string.h>

#include "gstvideoconvolve-properties.h"
#include "gstvideoconvolve-regions.h"
#include "gstvideoconvolve-types.h"

GstVideoConvolveSettings *
gst_video_convolve_settings_new (void)
{
  GstVideoConvolveSettings *s = g_new0 (GstVideoConvolveSettings, 1);

  s->kernel = g_new (gdouble, 1);
  s->kernel[0] = 1.0;
  s->kernel_height = s->kernel_width = 1;
  s->roi_meta = g_strdup ("");
  gst_video_convolve_properties_defaults (s);
  return s;
}

static gsize
kernel_bytes (const GstVideoConvolveSettings * s)
{
  return sizeof (gdouble) * s->kernel_height * s->kernel_width;
}

GstVideoConvolveSettings *
gst_video_convolve_settings_copy (const GstVideoConvolveSettings * s)
{
  GstVideoConvolveSettings *copy = g_memdup2 (s, sizeof (*s));

  copy->kernel = g_memdup2 (s->kernel, kernel_bytes (s));
  copy->kernel_error = g_strdup (s->kernel_error);
  copy->regions = g_memdup2 (s->regions, sizeof (gint) * 4 * s->n_regions);
  copy->regions_error = g_strdup (s->regions_error);
  copy->roi_meta = g_strdup (s->roi_meta);
  return copy;
}

void
gst_video_convolve_settings_free (GstVideoConvolveSettings * s)
{
  if (s == NULL)
    return;
  g_free (s->kernel);
  g_free (s->kernel_error);
  g_free (s->regions);
  g_free (s->regions_error);
  g_free (s->roi_meta);
  g_free (s);
}

gboolean
gst_video_convolve_settings_equal (const GstVideoConvolveSettings * a,
    const GstVideoConvolveSettings * b)
{
  return a->kernel_height == b->kernel_height &&
      a->kernel_width == b->kernel_width &&
      memcmp (a->kernel, b->kernel, kernel_bytes (a)) == 0 &&
      gst_video_convolve_properties_equal (a, b) &&
      g_strcmp0 (a->kernel_error, b->kernel_error) == 0 &&
      a->n_regions == b->n_regions && (a->n_regions == 0 ||
      memcmp (a->regions, b->regions, sizeof (gint) * 4 *
          a->n_regions) == 0) &&
      g_strcmp0 (a->regions_error, b->regions_error) == 0 &&
      g_strcmp0 (a->roi_meta, b->roi_meta) == 0;
}

gboolean
gst_video_convolve_settings_adopt (GstVideoConvolveSettings ** active,
    const GstVideoConvolveSettings * proposed)
{
  if (gst_video_convolve_settings_equal (proposed, *active))
    return FALSE;
  gst_video_convolve_settings_free (*active);
  *active = gst_video_convolve_settings_copy (proposed);
  return TRUE;
}

gboolean
gst_video_convolve_settings_has_regions (const GstVideoConvolveSettings * s)
{
  return s->n_regions > 0 || (s->roi_meta && s->roi_meta[0]);
}

/* With stride 1, an axis's output differs from its input by a constant
 * (2 padding - dilation (side - 1), or 0 for padding -1), so whether it
 * keeps the size needs no caps. A stride above 1 is refused whatever the
 * caps: with padding -1 its output is smaller for every input above 1
 * sample, and a padding that makes up for it does so for at most a few
 * input sizes. So the refusal can come at start, before any frame. */
gboolean
gst_video_convolve_settings_check_regions (const GstVideoConvolveSettings *
    s, const GstVideoInfo * in_info, gchar ** error)
{
  const gint64 n = 1 << 16;
  gchar *regions, *sizes = NULL;

  if (!gst_video_convolve_settings_has_regions (s) ||
      (s->stride_x == 1 && s->stride_y == 1 &&
          gst_video_convolve_settings_output_size (s, TRUE, n) == n &&
          gst_video_convolve_settings_output_size (s, FALSE, n) == n))
    return TRUE;
  if (in_info) {
    gint w = GST_VIDEO_INFO_WIDTH (in_info), h =
        GST_VIDEO_INFO_HEIGHT (in_info);

    sizes = g_strdup_printf (" (%" G_GINT64_FORMAT "x%" G_GINT64_FORMAT
        " for %dx%d input)", gst_video_convolve_settings_output_size (s, TRUE,
            w), gst_video_convolve_settings_output_size (s, FALSE, h), w, h);
  }
  regions = gst_video_convolve_regions_to_string (s->regions, s->n_regions);
  *error = g_strdup_printf ("regions=%s and roi-meta=\"%s\" need an output "
      "the size of the input, but stride-x %d, stride-y %d, padding-x %d, "
      "padding-y %d change the size%s: use stride 1 and padding -1 "
      "(\"same\"), or unset regions and roi-meta", regions,
      s->roi_meta ? s->roi_meta : "", s->stride_x, s->stride_y, s->padding_x,
      s->padding_y, sizes ? sizes : "");
  g_free (regions);
  g_free (sizes);
  return FALSE;
}

gchar *
gst_video_convolve_settings_refusal (const GstVideoConvolveSettings * s)
{
  gchar *error = NULL;

  if (s->kernel_error || s->regions_error)
    return g_strdup (s->kernel_error ? s->kernel_error : s->regions_error);
  gst_video_convolve_settings_check_regions (s, NULL, &error);
  return error;
}

/* A kernel replacing a preset's: the divisor, bias and absolute the preset
 * set go with its kernel, back to their defaults, so that preset=X
 * kernel=K is kernel=K alone. A value changed since the preset stays. */
static void
drop_preset_values (GstVideoConvolveSettings * s)
{
  const VcPreset *p = gst_video_convolve_preset_get (s->preset);
  GstVideoConvolveSettings d = { 0 };

  if (p == NULL)
    return;
  gst_video_convolve_properties_defaults (&d);
  if (s->divisor == p->divisor)
    s->divisor = d.divisor;
  if (s->bias == p->bias)
    s->bias = d.bias;
  if (s->absolute == p->absolute)
    s->absolute = d.absolute;
}

void
gst_video_convolve_settings_take_kernel (GstVideoConvolveSettings * s,
    gdouble * kernel, gint kh, gint kw)
{
  drop_preset_values (s);
  g_free (s->kernel);
  s->kernel = kernel;
  s->kernel_height = kh;
  s->kernel_width = kw;
  s->preset = GST_VIDEO_CONVOLVE_PRESET_CUSTOM;
  g_clear_pointer (&s->kernel_error, g_free);
}

/* Whether `p` is preset=gaussian, whose kernel follows sigma. */
static gboolean
preset_is_gaussian (const VcPreset * p)
{
  return p != NULL && p == vc_preset_lookup ("gaussian");
}

/* The kernel of preset=gaussian at s->sigma, made by the core. */
static void
take_gaussian (GstVideoConvolveSettings * s)
{
  gint side = vc_gaussian_kernel (s->sigma, NULL);
  gdouble *k = g_new (gdouble, side * side);

  vc_gaussian_kernel (s->sigma, k);
  gst_video_convolve_settings_take_kernel (s, k, side, side);
}

void
gst_video_convolve_settings_apply_preset (GstVideoConvolveSettings * s,
    gint preset)
{
  const VcPreset *p = gst_video_convolve_preset_get (preset);

  if (p == NULL) {
    s->preset = GST_VIDEO_CONVOLVE_PRESET_CUSTOM;
    return;                     /* custom: keep the kernel as it is */
  }
  if (preset_is_gaussian (p))
    take_gaussian (s);
  else
    gst_video_convolve_settings_take_kernel (s, g_memdup2 (p->kernel,
            sizeof (gdouble) * p->kernel_height * p->kernel_width),
        p->kernel_height, p->kernel_width);
  s->preset = preset;
  s->divisor = p->divisor;
  s->bias = p->bias;
  s->absolute = p->absolute;
}

void
gst_video_convolve_settings_set_sigma (GstVideoConvolveSettings * s,
    gdouble sigma)
{
  gint preset = s->preset;
  gdouble divisor = s->divisor, bias = s->bias;
  gboolean absolute = s->absolute;

  s->sigma = sigma;
  if (!preset_is_gaussian (gst_video_convolve_preset_get (preset)))
    return;
  take_gaussian (s);
  s->preset = preset;
  s->divisor = divisor;
  s->bias = bias;
  s->absolute = absolute;
}

static gboolean
settings_magnitude (const GstVideoConvolveSettings * s)
{
  const VcPreset *p = gst_video_convolve_preset_get (s->preset);

  return p != NULL && p->magnitude;
}

/* The identity rule: frames pass through only where the output would equal
 * the input sample for sample. So the kernel is 1x1 and equal to 1 after
 * the divisor, with no bias, stride 1 and no padding (border and dilation
 * then play no part), never a magnitude preset, and no absolute on YUV
 * chroma that is convolved (channels other than luma): chroma is taken
 * around its neutral value, which absolute folds (|U - 128| + 128). RGB,
 * GRAY and Y samples are >= 0, so absolute changes nothing there, and the
 * 10-bit clamp changes no sample in range (words out of range are not
 * valid video: they pass through as they are). */
gboolean
gst_video_convolve_settings_passthrough (const GstVideoConvolveSettings * s,
    const GstVideoInfo * info)
{
  gdouble k = s->kernel[0];
  gdouble divisor = s->divisor != 0.0 ? s->divisor : (k != 0.0 ? k : 1.0);
  gboolean folds_chroma = s->absolute && GST_VIDEO_INFO_IS_YUV (info) &&
      s->channels != GST_VIDEO_CONVOLVE_CHANNELS_LUMA;

  return s->kernel_error == NULL && s->regions_error == NULL &&
      s->kernel_height == 1 && s->kernel_width == 1 &&
      !settings_magnitude (s) &&
      k / divisor == 1.0 && s->bias == 0.0 && s->stride_x == 1 &&
      s->stride_y == 1 && s->padding_x <= 0 && s->padding_y <= 0 &&
      !folds_chroma;
}

gint64
gst_video_convolve_settings_output_size (const GstVideoConvolveSettings * s,
    gboolean horizontal, gint64 size)
{
  if (horizontal)
    return vc_axis_output_size (size, s->kernel_width, s->stride_x,
        s->dilation_x, s->padding_x, s->padding_x);
  return vc_axis_output_size (size, s->kernel_height, s->stride_y,
      s->dilation_y, s->padding_y, s->padding_y);
}

void
gst_video_convolve_settings_to_config (const GstVideoConvolveSettings * s,
    gint sub_x, gint sub_y, VcConfig * cfg, gdouble * kernel2)
{
  vc_config_init (cfg);
  cfg->kernel = s->kernel;
  cfg->kernel_height = s->kernel_height;
  cfg->kernel_width = s->kernel_width;
  if (settings_magnitude (s)) {
    vc_kernel_transpose (s->kernel, s->kernel_height, s->kernel_width, kernel2);
    cfg->kernel2 = kernel2;
  }
  cfg->stride_x = s->stride_x;
  cfg->stride_y = s->stride_y;
  cfg->dilation_x = s->dilation_x;
  cfg->dilation_y = s->dilation_y;
  /* Explicit padding is in luma samples: scaled to the plane's grid. */
  cfg->pad_left = cfg->pad_right =
      s->padding_x < 0 ? VC_PAD_SAME : s->padding_x >> sub_x;
  cfg->pad_top = cfg->pad_bottom =
      s->padding_y < 0 ? VC_PAD_SAME : s->padding_y >> sub_y;
  cfg->border = s->border;
  cfg->border_value = s->border_value;
  cfg->divisor = s->divisor;
  cfg->bias = s->bias;
  cfg->absolute = s->absolute;
}

gboolean
gst_video_convolve_settings_give_caps (const GstVideoConvolveSettings * s,
    const GstVideoInfo * in, const GstVideoInfo * out)
{
  gint par_n, par_d;

  if (gst_video_convolve_settings_output_size (s, TRUE,
          GST_VIDEO_INFO_WIDTH (in)) != GST_VIDEO_INFO_WIDTH (out)
      || gst_video_convolve_settings_output_size (s, FALSE,
          GST_VIDEO_INFO_HEIGHT (in)) != GST_VIDEO_INFO_HEIGHT (out))
    return FALSE;
  if (!gst_util_fraction_multiply (GST_VIDEO_INFO_PAR_N (in),
          GST_VIDEO_INFO_PAR_D (in), s->stride_x, s->stride_y, &par_n, &par_d))
    return FALSE;
  return par_n == GST_VIDEO_INFO_PAR_N (out) &&
      par_d == GST_VIDEO_INFO_PAR_D (out);
}

/* Whether a w x h output is one the element makes: at least 1, at most
 * GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE on each side. */
static gboolean
output_side_ok (gint64 w, gint64 h)
{
  return w >= 1 && h >= 1 && w <= GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE &&
      h <= GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE;
}

/* Bytes for a message: "4.0 GiB" (g_format_size () puts a non-breaking
 * space in, which a user's grep would not match). */
static gchar *
format_bytes (guint64 bytes)
{
  static const gchar *units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
  gdouble v = bytes;
  guint u = 0;

  while (v >= 1024.0 && u + 1 < G_N_ELEMENTS (units)) {
    v /= 1024.0;
    u++;
  }
  return u == 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", bytes) :
      g_strdup_printf ("%.1f %s", v, units[u]);
}

/* The geometry settings and the input size, for error messages. */
static gchar *
describe_geometry (const GstVideoConvolveSettings * s, gint in_w, gint in_h)
{
  return g_strdup_printf ("input %dx%d, kernel %dx%d (rows x columns), "
      "stride-x %d, stride-y %d, dilation-x %d, dilation-y %d, padding-x %d, "
      "padding-y %d", in_w, in_h, s->kernel_height, s->kernel_width,
      s->stride_x, s->stride_y, s->dilation_x, s->dilation_y, s->padding_x,
      s->padding_y);
}

gboolean
gst_video_convolve_settings_check_output (const GstVideoConvolveSettings *
    s, const GstVideoInfo * in_info, const GstVideoInfo * out_info,
    gchar ** error)
{
  gint in_w = GST_VIDEO_INFO_WIDTH (in_info);
  gint in_h = GST_VIDEO_INFO_HEIGHT (in_info);
  gint64 w = gst_video_convolve_settings_output_size (s, TRUE, in_w);
  gint64 h = gst_video_convolve_settings_output_size (s, FALSE, in_h);
  /* Bytes of a w x h frame of the format, in 64 bits (at most 4 bytes a
   * sample and 4 samples a pixel, so no overflow); 0 when w or h < 1. */
  guint64 bytes = (guint64) MAX (w, 0) * MAX (h, 0) *
      GST_VIDEO_INFO_COMP_PSTRIDE (in_info, 0) *
      GST_VIDEO_INFO_N_PLANES (in_info);
  VcConfig cfg;
  VcError err;
  gdouble *kernel2;
  gchar *geometry, *size, *limit;

  if (w >= 1 && h >= 1 && (w > GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE ||
          h > GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE ||
          (guint64) GST_VIDEO_INFO_SIZE (out_info) >
          GST_VIDEO_CONVOLVE_MAX_OUTPUT_BYTES ||
          bytes > GST_VIDEO_CONVOLVE_MAX_OUTPUT_BYTES))
    goto too_large;
  if (w == GST_VIDEO_INFO_WIDTH (out_info) &&
      h == GST_VIDEO_INFO_HEIGHT (out_info))
    return TRUE;
  if (w >= 1 && h >= 1) {
    *error = g_strdup_printf ("output caps are %dx%d but the settings give "
        "%" G_GINT64_FORMAT "x%" G_GINT64_FORMAT " for %dx%d input",
        GST_VIDEO_INFO_WIDTH (out_info), GST_VIDEO_INFO_HEIGHT (out_info),
        w, h, in_w, in_h);
    return FALSE;
  }

  /* No output size at all: let the core say why, with the numbers. */
  kernel2 = g_new (gdouble, s->kernel_height * s->kernel_width);
  gst_video_convolve_settings_to_config (s, 0, 0, &cfg, kernel2);
  cfg.width = in_w;
  cfg.height = in_h;
  if (vc_output_size (&cfg, NULL, NULL, &err) == VC_OK)
    g_snprintf (err.message, sizeof (err.message), "no output size");
  g_free (kernel2);
  geometry = describe_geometry (s, in_w, in_h);
  *error = g_strdup_printf ("%s (%s): use a smaller kernel, dilation or "
      "stride, more padding, or larger frames", err.message, geometry);
  g_free (geometry);
  return FALSE;

too_large:
  /* The frame the settings would make, counted as the format would lay it
   * out, or at least its first plane's bytes. */
  {
    GstVideoInfo big;

    if (output_side_ok (w, h) && gst_video_info_set_format (&big,
            GST_VIDEO_INFO_FORMAT (in_info), (guint) w, (guint) h))
      bytes = MAX (bytes, GST_VIDEO_INFO_SIZE (&big));
  }
  geometry = describe_geometry (s, in_w, in_h);
  size = format_bytes (bytes);
  limit = format_bytes (GST_VIDEO_CONVOLVE_MAX_OUTPUT_BYTES);
  *error = g_strdup_printf ("the settings make a %" G_GINT64_FORMAT "x%"
      G_GINT64_FORMAT " %s output frame (%s) (%s); the limit is %d pixels "
      "a side and %s a frame: use less padding or dilation, or a stride",
      w, h, GST_VIDEO_INFO_NAME (in_info), size, geometry,
      GST_VIDEO_CONVOLVE_MAX_OUTPUT_SIDE, limit);
  g_free (geometry);
  g_free (size);
  g_free (limit);
  return FALSE;
}

/* Maps one width or height value (int, range or list) through the
 * output-size formula (direction GST_PAD_SINK) or its inverse. Returns
 * FALSE when no size is left. */
static gboolean
transform_dimension (const GstVideoConvolveSettings * s, gboolean horizontal,
    GstPadDirection direction, const GValue * in, GValue * out)
{
  gint k = horizontal ? s->kernel_width : s->kernel_height;
  gint stride = horizontal ? s->stride_x : s->stride_y;
  gint dilation = horizontal ? s->dilation_x : s->dilation_y;
  gint pad = horizontal ? s->padding_x : s->padding_y;
  gint64 lo, hi, unused;

  if (GST_VALUE_HOLDS_LIST (in)) {
    g_value_init (out, GST_TYPE_LIST);
    for (guint i = 0; i < gst_value_list_get_size (in); i++) {
      GValue v = G_VALUE_INIT;

      if (transform_dimension (s, horizontal, direction,
              gst_value_list_get_value (in, i), &v))
        gst_value_list_append_and_take_value (out, &v);
    }
    if (gst_value_list_get_size (out) > 0)
      return TRUE;
    g_value_unset (out);
    return FALSE;
  }

  if (G_VALUE_HOLDS_INT (in)) {
    lo = hi = g_value_get_int (in);
  } else if (GST_VALUE_HOLDS_INT_RANGE (in)) {
    lo = gst_value_get_int_range_min (in);
    hi = gst_value_get_int_range_max (in);
  } else {
    return FALSE;
  }

  /* Ranges are mapped whole, outputs over the size limit included: a fixed
   * size over it maps to itself (see the caller) and gets its error in
   * set_info (); dropping it here would fail the link with no word. */
  if (direction == GST_PAD_SINK) {
    /* Input sizes -> output sizes; the formula is non-decreasing. */
    lo = MAX (1, gst_video_convolve_settings_output_size (s, horizontal, lo));
    hi = gst_video_convolve_settings_output_size (s, horizontal, hi);
  } else {
    /* Output sizes -> every input size that gives one of them. Inputs too
     * small for any output are kept in when the output may be 1, so that
     * such a size reaches set_caps and gets a clear error. */
    if (hi < 1)
      return FALSE;
    if (lo <= 1)
      lo = 1;
    else
      vc_axis_input_range (lo, k, stride, dilation, pad, pad, &lo, &unused);
    vc_axis_input_range (hi, k, stride, dilation, pad, pad, &unused, &hi);
  }
  hi = MIN (hi, G_MAXINT);
  if (hi < lo)
    return FALSE;

  if (lo == hi) {
    g_value_init (out, G_TYPE_INT);
    g_value_set_int (out, (gint) lo);
  } else {
    g_value_init (out, GST_TYPE_INT_RANGE);
    gst_value_set_int_range (out, (gint) lo, (gint) hi);
  }
  return TRUE;
}

/* Output PAR = input PAR * stride-x / stride-y. Going downstream a missing
 * PAR counts as 1/1 (as GstVideoInfo reads it); going upstream a missing
 * PAR means any and stays missing, like ranges and lists. */
static void
transform_par (const GstVideoConvolveSettings * s, GstPadDirection direction,
    GstStructure * st)
{
  const GValue *par = gst_structure_get_value (st, "pixel-aspect-ratio");
  gint mul_n = direction == GST_PAD_SINK ? s->stride_x : s->stride_y;
  gint mul_d = direction == GST_PAD_SINK ? s->stride_y : s->stride_x;
  gint n = 1, d = 1;

  if (mul_n == mul_d || (par == NULL && direction == GST_PAD_SRC) ||
      (par != NULL && !GST_VALUE_HOLDS_FRACTION (par)))
    return;
  if (par != NULL) {
    n = gst_value_get_fraction_numerator (par);
    d = gst_value_get_fraction_denominator (par);
  }
  if (gst_util_fraction_multiply (n, d, mul_n, mul_d, &n, &d))
    gst_structure_set (st, "pixel-aspect-ratio", GST_TYPE_FRACTION, n, d, NULL);
  else
    gst_structure_remove_field (st, "pixel-aspect-ratio");
}

GstCaps *
gst_video_convolve_settings_transform_caps (const GstVideoConvolveSettings *
    s, GstPadDirection direction, GstCaps * caps, GstCaps * filter)
{
  GstCaps *ret = gst_caps_new_empty ();

  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    GstStructure *st = gst_structure_copy (gst_caps_get_structure (caps, i));
    GstCapsFeatures *f = gst_caps_get_features (caps, i);
    const GValue *w = gst_structure_get_value (st, "width");
    const GValue *h = gst_structure_get_value (st, "height");
    GValue nw = G_VALUE_INIT, nh = G_VALUE_INIT;

    /* Input sizes with no output size, or one over the limit, map to
     * themselves, both ways, so that such a size reaches set_info () and
     * gets an error naming the numbers (an empty result would fail with no
     * explanation). */
    if (w && h && G_VALUE_HOLDS_INT (w) && G_VALUE_HOLDS_INT (h) &&
        !output_side_ok (gst_video_convolve_settings_output_size (s, TRUE,
                g_value_get_int (w)),
            gst_video_convolve_settings_output_size (s, FALSE,
                g_value_get_int (h)))) {
      if (direction == GST_PAD_SRC)
        ret = gst_caps_merge_structure_full (ret, gst_structure_copy (st),
            f ? gst_caps_features_copy (f) : NULL);
      else {
        ret = gst_caps_merge_structure_full (ret, st,
            f ? gst_caps_features_copy (f) : NULL);
        continue;
      }
    }
    if (w && h) {
      if (!transform_dimension (s, TRUE, direction, w, &nw) ||
          !transform_dimension (s, FALSE, direction, h, &nh)) {
        if (G_IS_VALUE (&nw))
          g_value_unset (&nw);
        gst_structure_free (st);
        continue;
      }
      gst_structure_take_value (st, "width", &nw);
      gst_structure_take_value (st, "height", &nh);
    }
    transform_par (s, direction, st);
    ret = gst_caps_merge_structure_full (ret, st,
        f ? gst_caps_features_copy (f) : NULL);
  }

  if (filter) {
    GstCaps *tmp = gst_caps_intersect_full (filter, ret,
        GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref (ret);
    ret = tmp;
  }
  return ret;
}

/* transform_caps () already maps fixed input caps to a fixed output size,
 * so the only choice left here is a PAR that downstream left open. */
GstCaps *
gst_video_convolve_settings_fixate_caps (GstCaps * othercaps)
{
  GstStructure *out;

  othercaps = gst_caps_make_writable (gst_caps_truncate (othercaps));
  out = gst_caps_get_structure (othercaps, 0);
  if (gst_structure_has_field (out, "pixel-aspect-ratio"))
    gst_structure_fixate_field_nearest_fraction (out, "pixel-aspect-ratio",
        1, 1);
  return gst_caps_fixate (othercaps);
}
