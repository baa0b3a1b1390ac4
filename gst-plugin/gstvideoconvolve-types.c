/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: property types
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The types behind the properties: the border, channels and preset enums,
 * and the kernel, a GstValueArray of rows with its own element spec, read
 * into (and written from) a plain array of doubles. */

#include "gstvideoconvolve-types.h"

#include "videoconvolve/convolve.h"

/* The enum `name`, registered with `values` unless a plugin loaded before
 * did so: videoconvolve and glvideoconvolve each link these types in, and
 * a process that loads both has one type of each name (the first plugin's,
 * with the same values: plugins are never unloaded). */
static GType
register_enum (const gchar * name, const GEnumValue * values)
{
  GType t = g_type_from_name (name);

  return t != 0 ? t : g_enum_register_static (name, values);
}

GType
gst_video_convolve_border_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {VC_BORDER_CONSTANT, "Pad with border-value", "constant"},
    {VC_BORDER_REPLICATE, "Repeat the edge sample: a a | a b c", "replicate"},
    {VC_BORDER_REFLECT, "Mirror without the edge: c b | a b c", "reflect"},
    {VC_BORDER_SYMMETRIC, "Mirror with the edge: b a | a b c", "symmetric"},
    {VC_BORDER_WRAP, "Periodic: b c | a b c", "wrap"},
    /* A value of its own, not VC_BORDER_REPLICATE's: GLib names a value by
     * its first entry and gst-inspect by its last, so a shared value would
     * read back as one name and show as the other. */
    {GST_VIDEO_CONVOLVE_BORDER_EDGE, "Same as replicate (numpy.pad's name)",
        "edge"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type)) {
    GType t = register_enum ("GstVideoConvolveBorder", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

GType
gst_video_convolve_channels_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_VIDEO_CONVOLVE_CHANNELS_ALL, "Convolve every colour component; "
          "U and V of YUV as signed differences around their neutral value",
        "all"},
    {GST_VIDEO_CONVOLVE_CHANNELS_LUMA,
        "Convolve only Y of YUV formats; chroma is carried like alpha "
          "(same as all on RGB and GRAY)", "luma"},
    {GST_VIDEO_CONVOLVE_CHANNELS_AUTO,
          "As all, but a kernel that sums to 0 (an edge filter) on YUV "
          "convolves Y and sets U and V to neutral: a grey edge map",
        "auto"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type)) {
    GType t = register_enum ("GstVideoConvolveChannels", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

GType
gst_video_convolve_preset_get_type (void)
{
  static GType type = 0;

  if (g_once_init_enter (&type)) {
    GType t = g_type_from_name ("GstVideoConvolvePreset");

    /* The value table is made only when this plugin registers the type
     * (a registered enum keeps it for the process' life); the other
     * plugin's registration, where there is one, is taken as it is. */
    if (t == 0) {
      int n;
      const VcPreset *presets = vc_presets (&n);
      GEnumValue *values = g_new0 (GEnumValue, n + 2);

      values[0].value = GST_VIDEO_CONVOLVE_PRESET_CUSTOM;
      values[0].value_name = "The kernel property as set";
      values[0].value_nick = "custom";
      for (int i = 0; i < n; i++) {
        values[i + 1].value = i + 1;
        values[i + 1].value_name = presets[i].description;
        values[i + 1].value_nick = presets[i].nick;
      }
      t = register_enum ("GstVideoConvolvePreset", values);
    }
    g_once_init_leave (&type, t);
  }
  return type;
}

const VcPreset *
gst_video_convolve_preset_get (gint preset)
{
  int n;
  const VcPreset *presets = vc_presets (&n);

  return preset > 0 && preset <= n ? &presets[preset - 1] : NULL;
}

/* ------------------------------------------------------------------ */
/* The kernel property: a GstValueArray of rows, each a GstValueArray of
 * numbers. Returns NULL and sets *error (a sentence naming `kernel` and the
 * shape) when the value is not a usable kernel. */

/* The kernel syntax, appended to the errors of a kernel that is not two
 * levels of numbers. */
#define SYNTAX "; write one <...> of numbers per row, e.g. " \
  "kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\", or one row alone, " \
  "kernel=\"<1,2,1>\""

gdouble *
gst_video_convolve_kernel_from_value (const GValue * value, gint * kh,
    gint * kw, gchar ** error)
{
  gboolean one_row = TRUE;
  guint rows, cols = 0;
  gdouble *k = NULL;
  VcError err;

  if (!GST_VALUE_HOLDS_ARRAY (value) ||
      (rows = gst_value_array_get_size (value)) == 0) {
    *error = g_strdup ("kernel is empty: it needs at least one row with "
        "one value, e.g. kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\"");
    return NULL;
  }

  /* One row written as one array of numbers, kernel="<1,2,1>". */
  for (guint m = 0; m < rows; m++)
    one_row &= !GST_VALUE_HOLDS_ARRAY (gst_value_array_get_value (value, m));
  if (one_row) {
    cols = rows;
    rows = 1;
  }

  for (guint m = 0; m < rows; m++) {
    const GValue *row = one_row ? value : gst_value_array_get_value (value,
        m);
    guint n_cols = GST_VALUE_HOLDS_ARRAY (row) ?
        gst_value_array_get_size (row) : 0;

    if (n_cols == 0) {
      *error = g_strdup_printf ("kernel row %u of %u is empty or not an "
          "array: each row must be <v1,v2,...>" SYNTAX, m + 1, rows);
      goto fail;
    }
    if (m == 0) {
      cols = n_cols;
      if ((guint64) rows * cols > (guint64) VC_KERNEL_MAX_SIDE * 2 * 1024)
        break;                  /* far too large: let the check below say so */
      k = g_new (gdouble, rows * cols);
    } else if (n_cols != cols) {
      *error = g_strdup_printf ("kernel is ragged: row %u has %u values but "
          "row 1 has %u; every row needs the same number of values",
          m + 1, n_cols, cols);
      goto fail;
    }
    for (guint n = 0; n < cols; n++) {
      const GValue *v = gst_value_array_get_value (row, n);
      GValue d = G_VALUE_INIT;

      g_value_init (&d, G_TYPE_DOUBLE);
      if (!g_value_type_transformable (G_VALUE_TYPE (v), G_TYPE_DOUBLE) ||
          !g_value_transform (v, &d)) {
        *error = g_strdup_printf ("kernel[%u][%u] is a %s, not a number"
            SYNTAX, m, n, G_VALUE_TYPE_NAME (v));
        goto fail;
      }
      k[m * cols + n] = g_value_get_double (&d);
    }
  }

  if (k == NULL || vc_kernel_check ("kernel", k, (int) MIN (rows, G_MAXINT),
          (int) MIN (cols, G_MAXINT), &err) != VC_OK) {
    *error = k ? g_strdup (err.message) :
        g_strdup_printf ("kernel is %ux%u (rows x columns): each side must "
        "be between 1 and %d", rows, cols, VC_KERNEL_MAX_SIDE);
    goto fail;
  }
  *kh = rows;
  *kw = cols;
  return k;

fail:
  g_free (k);
  return NULL;
}

void
gst_video_convolve_kernel_to_value (const gdouble * kernel, gint kh, gint kw,
    GValue * value)
{
  for (gint m = 0; m < kh; m++) {
    GValue row = G_VALUE_INIT;

    gst_value_array_init (&row, kw);
    for (gint n = 0; n < kw; n++) {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, kernel[m * kw + n]);
      gst_value_array_append_and_take_value (&row, &v);
    }
    gst_value_array_append_and_take_value (value, &row);
  }
}
