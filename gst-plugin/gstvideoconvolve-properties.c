/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the properties that are settings, as one table
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Every property that is a setting is one row of `properties` below: its
 * param spec, its default, its set and get, its place in GstPreset and in
 * the settings comparison all come from that row. A plain numeric property
 * is one row, plus its field in GstVideoConvolveSettings and its meaning
 * (gst_video_convolve_settings_to_config ()); hooks are only for the
 * special ones (the kernel, the preset, border=edge). */

#include "gstvideoconvolve-properties.h"

#include "gstvideoconvolve-regions.h"
#include "gstvideoconvolve-types.h"

/* Shared by videoconvolve and glvideoconvolve: a category of its own. */
GST_DEBUG_CATEGORY_STATIC (gst_video_convolve_properties_debug);
#define GST_CAT_DEFAULT gst_video_convolve_properties_debug

#define NUMERIC_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | \
    GST_PARAM_CONTROLLABLE | GST_PARAM_MUTABLE_PLAYING)
#define PLAIN_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | \
    GST_PARAM_MUTABLE_PLAYING)
/* divisor and bias: far beyond any sample range (a larger bias only
 * clamps), small enough to read in gst-inspect. */
#define MAX_DIVISOR_BIAS 1e6
/* The row has no field of its own (its hooks handle it). */
#define NO_FIELD (-1)
#define FIELD(f) G_STRUCT_OFFSET (GstVideoConvolveSettings, f)
/* A plain field: no spec, set or get hook. */
#define NO_HOOKS NULL, NULL, NULL

typedef GType (*GetTypeFunc) (void);
typedef struct _Property Property;
struct _Property
{
  const gchar *name, *nick, *blurb;
  /* G_TYPE_INT, _UINT, _DOUBLE, _BOOLEAN or _ENUM (of enum_type ()); the
   * kernel, G_TYPE_NONE, has hooks for all */
  GType type;
  GetTypeFunc enum_type;
  gdouble min, max, def;
  glong offset;                 /* of the field, or NO_FIELD */
  GParamFlags flags;
  /* Hooks, NULL for a plain field. */
  GParamSpec *(*spec) (const Property * p);
  void (*set) (GObject * object, GstVideoConvolveSettings * s,
      const GValue * value);
  void (*get) (const GstVideoConvolveSettings * s, GValue * value);
};

static GParamSpec *
kernel_spec (const Property * p)
{
  /* No element spec: with one, GStreamer 1.22's deserializer crashes on
   * deeper nesting (kernel="<<<1>>>") before the element sees the value;
   * without, any nesting reaches the kernel setter, which says what it
   * cannot use. The regions' spec is the same, for the same reason. */
  return gst_param_spec_array (p->name, p->nick, p->blurb, NULL, p->flags);
}

static void
kernel_set (GObject * object, GstVideoConvolveSettings * s,
    const GValue * value)
{
  gchar *error = NULL;
  gint kh, kw;
  gdouble *k = gst_video_convolve_kernel_from_value (value, &kh, &kw, &error);

  if (k) {
    gst_video_convolve_settings_take_kernel (s, k, kh, kw);
  } else {
    GST_WARNING_OBJECT (object, "%s", error);
    g_free (s->kernel_error);
    s->kernel_error = error;
  }
}

static void
kernel_get (const GstVideoConvolveSettings * s, GValue * value)
{
  gst_video_convolve_kernel_to_value (s->kernel, s->kernel_height,
      s->kernel_width, value);
}

static void
preset_set (GObject * object, GstVideoConvolveSettings * s,
    const GValue * value)
{
  gst_video_convolve_settings_apply_preset (s, g_value_get_enum (value));
}

static void
sigma_set (GObject * object, GstVideoConvolveSettings * s, const GValue * value)
{
  gst_video_convolve_settings_set_sigma (s, g_value_get_double (value));
}

static void
border_set (GObject * object, GstVideoConvolveSettings * s,
    const GValue * value)
{
  s->border = g_value_get_enum (value);
  if (s->border == GST_VIDEO_CONVOLVE_BORDER_EDGE)
    s->border = VC_BORDER_REPLICATE;
}

static void
regions_set (GObject * object, GstVideoConvolveSettings * s,
    const GValue * value)
{
  gchar *error = NULL;
  guint n;
  gint *r = gst_video_convolve_regions_from_value (value, &n, &error);

  g_clear_pointer (&s->regions_error, g_free);
  if (error) {
    GST_WARNING_OBJECT (object, "%s", error);
    s->regions_error = error;
    return;
  }
  g_free (s->regions);
  s->regions = r;
  s->n_regions = n;
}

static void
regions_get (const GstVideoConvolveSettings * s, GValue * value)
{
  gst_video_convolve_regions_to_value (s->regions, s->n_regions, value);
}

static GParamSpec *
roi_meta_spec (const Property * p)
{
  return g_param_spec_string (p->name, p->nick, p->blurb, "", p->flags);
}

static void
roi_meta_set (GObject * object, GstVideoConvolveSettings * s,
    const GValue * value)
{
  const gchar *v = g_value_get_string (value);

  /* NULL as "": none, and a string GstPreset saves (it leaves out a
   * NULL one, so a preset would then keep the loading element's). */
  g_free (s->roi_meta);
  s->roi_meta = g_strdup (v ? v : "");
}

static void
roi_meta_get (const GstVideoConvolveSettings * s, GValue * value)
{
  g_value_set_string (value, s->roi_meta);
}

/* In the order of their ids (1, 2, ...), which gst-inspect follows, and
 * the order GstPreset saves and loads them in: the kernel before `preset`
 * (a kernel set after a preset would make it custom, without the preset's
 * divisor, bias and absolute), and divisor, bias and absolute after it
 * (they refine a preset). */
static const Property properties[] = {
  {"kernel", "Kernel",
        "Convolution kernel, one inner array per row, any size from 1x1 "
        "to 255x255, e.g. kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\" (integers "
        "and decimals); one row alone may be written kernel=\"<1,2,1>\". "
        "Setting it switches preset back to custom",
        G_TYPE_NONE, NULL, 0, 0, 0, NO_FIELD, PLAIN_FLAGS,
      kernel_spec, kernel_set, kernel_get},
  {"preset", "Preset",
        "A named filter: sets kernel, divisor, bias and absolute. sobel, "
        "prewitt and scharr output the gradient magnitude "
        "sqrt(gx^2 + gy^2) of the x kernel and its transpose; e.g. "
        "preset=gaussian5",
        G_TYPE_ENUM, gst_video_convolve_preset_get_type, 0, 0,
        GST_VIDEO_CONVOLVE_PRESET_CUSTOM, FIELD (preset), PLAIN_FLAGS,
      NULL, preset_set, NULL},
  {"sigma", "Sigma",
        "Standard deviation of preset=gaussian, in samples: its kernel is "
        "sigma's, a sampled integer Gaussian up to 2 and three boxes "
        "above (at most 237x237); with another preset it is kept for "
        "preset=gaussian; e.g. preset=gaussian sigma=8",
        G_TYPE_DOUBLE, NULL, VC_GAUSSIAN_SIGMA_MIN, VC_GAUSSIAN_SIGMA_MAX,
        VC_GAUSSIAN_SIGMA_DEFAULT, FIELD (sigma), NUMERIC_FLAGS,
      NULL, sigma_set, NULL},
  {"stride-x", "Stride X",
        "Step between output columns, in input samples, e.g. stride-x=2 "
        "halves the width",
        G_TYPE_INT, NULL, 1, VC_MAX_DIMENSION, 1, FIELD (stride_x),
      NUMERIC_FLAGS, NO_HOOKS},
  {"stride-y", "Stride Y",
        "Step between output rows, in input samples, e.g. stride-y=2 halves "
        "the height",
        G_TYPE_INT, NULL, 1, VC_MAX_DIMENSION, 1, FIELD (stride_y),
      NUMERIC_FLAGS, NO_HOOKS},
  {"dilation-x", "Dilation X",
        "Gap between kernel columns, in input samples (1: adjacent taps), "
        "e.g. dilation-x=2 takes every other sample",
        G_TYPE_INT, NULL, 1, VC_MAX_DIMENSION, 1, FIELD (dilation_x),
      NUMERIC_FLAGS, NO_HOOKS},
  {"dilation-y", "Dilation Y",
        "Gap between kernel rows, in input samples (1: adjacent taps), e.g. "
        "dilation-y=2 takes every other row",
        G_TYPE_INT, NULL, 1, VC_MAX_DIMENSION, 1, FIELD (dilation_y),
      NUMERIC_FLAGS, NO_HOOKS},
  {"padding-x", "Padding X",
        "Samples added on the left and on the right, filled by the border "
        "mode; -1 is \"same\": dilation-x * (kernel width - 1) in all, so "
        "that stride 1 keeps the width; e.g. padding-x=0 for a \"valid\" "
        "convolution",
        G_TYPE_INT, NULL, -1, VC_MAX_DIMENSION, -1, FIELD (padding_x),
      NUMERIC_FLAGS, NO_HOOKS},
  {"padding-y", "Padding Y",
        "Samples added at the top and at the bottom, filled by the border "
        "mode; -1 is \"same\": dilation-y * (kernel height - 1) in all, so "
        "that stride 1 keeps the height; e.g. padding-y=0 for a \"valid\" "
        "convolution",
        G_TYPE_INT, NULL, -1, VC_MAX_DIMENSION, -1, FIELD (padding_y),
      NUMERIC_FLAGS, NO_HOOKS},
  {"border", "Border",
        "How the padding is filled, as numpy.pad's modes: constant, "
        "replicate (numpy's edge; border=edge is accepted and reads back "
        "as replicate), reflect, symmetric, wrap; e.g. border=reflect",
        G_TYPE_ENUM, gst_video_convolve_border_get_type, 0, 0,
        VC_BORDER_REPLICATE, FIELD (border), NUMERIC_FLAGS,
      NULL, border_set, NULL},
  {"border-value", "Border value",
        "Padding sample value for border=constant, in sample units "
        "(0..255 for 8-bit formats, 0..1023 for 10-bit, 0..65535 for "
        "16-bit; larger values clamp), e.g. border-value=128",
        G_TYPE_DOUBLE, NULL, 0, 65535, 0.0, FIELD (border_value), NUMERIC_FLAGS,
      NO_HOOKS},
  {"divisor", "Divisor",
        "The weighted sum is divided by it; 0 is auto: the sum of the "
        "kernel's coefficients, or 1 when that sum is 0 (e.g. 16 for "
        "<<1,2,1>,<2,4,2>,<1,2,1>>), e.g. divisor=10",
        G_TYPE_DOUBLE, NULL, -MAX_DIVISOR_BIAS, MAX_DIVISOR_BIAS, 0.0,
      FIELD (divisor), NUMERIC_FLAGS, NO_HOOKS},
  {"bias", "Bias",
        "Added after the division (and the absolute value), in sample "
        "units, e.g. bias=128 to centre a signed edge map",
        G_TYPE_DOUBLE, NULL, -MAX_DIVISOR_BIAS, MAX_DIVISOR_BIAS, 0.0,
      FIELD (bias), NUMERIC_FLAGS, NO_HOOKS},
  {"absolute", "Absolute",
        "Take the absolute value before the bias (edge maps), e.g. "
        "absolute=true",
        G_TYPE_BOOLEAN, NULL, 0, 1, FALSE, FIELD (absolute), NUMERIC_FLAGS,
      NO_HOOKS},
  {"channels", "Channels",
        "Which components are convolved and how; alpha is never "
        "convolved. On YUV, U and V are signed differences around a "
        "neutral value (128 for 8 bits, 512 for 10): they are convolved "
        "relative to it, without the bias, with the neutral value as the "
        "constant border; auto sets them to neutral for kernels that sum "
        "to 0; e.g. channels=luma",
        G_TYPE_ENUM, gst_video_convolve_channels_get_type, 0, 0,
        GST_VIDEO_CONVOLVE_CHANNELS_AUTO, FIELD (channels), NUMERIC_FLAGS,
      NO_HOOKS},
  {"n-threads", "Threads",
        "Worker threads per frame; 0 is one per core it may run on, within "
        "its CPU quota (small frames use fewer); glvideoconvolve keeps the "
        "value but runs on the GPU, e.g. n-threads=2",
        G_TYPE_UINT, NULL, 0, GST_VIDEO_CONVOLVE_MAX_THREADS, 0,
      FIELD (n_threads), NUMERIC_FLAGS, NO_HOOKS},
  {"regions", "Regions",
        "Rectangles <x,y,width,height> in input pixels: only inside them "
        "is the frame convolved (as the whole frame would be), elsewhere "
        "it is the input; parts outside the frame are clipped, empty ones "
        "ignored. Chroma of subsampled formats: every sample with a luma "
        "pixel inside. Needs stride 1 and padding that keeps the size; "
        "e.g. regions=\"<<10,20,100,60>,<200,150,90,70>>\"",
        G_TYPE_NONE, NULL, 0, 0, 0, NO_FIELD, PLAIN_FLAGS,
      kernel_spec, regions_set, regions_get},
  {"roi-meta", "ROI meta",
        "Also convolve inside the buffers' GstVideoRegionOfInterestMeta "
        "rectangles (as regions): \"*\" takes every one, else a comma "
        "list of ROI types, e.g. roi-meta=face; empty: none",
        G_TYPE_NONE, NULL, 0, 0, 0, NO_FIELD, PLAIN_FLAGS,
      roi_meta_spec, roi_meta_set, roi_meta_get},
};

#define N_PROPERTIES G_N_ELEMENTS (properties)

static GParamSpec *
make_spec (const Property * p)
{
  if (p->spec)
    return p->spec (p);
  switch (p->type) {
    case G_TYPE_INT:
      return g_param_spec_int (p->name, p->nick, p->blurb, p->min, p->max,
          p->def, p->flags);
    case G_TYPE_UINT:
      return g_param_spec_uint (p->name, p->nick, p->blurb, p->min, p->max,
          p->def, p->flags);
    case G_TYPE_DOUBLE:
      return g_param_spec_double (p->name, p->nick, p->blurb, p->min,
          p->max, p->def, p->flags);
    case G_TYPE_BOOLEAN:
      return g_param_spec_boolean (p->name, p->nick, p->blurb, p->def != 0,
          p->flags);
    default:
      return g_param_spec_enum (p->name, p->nick, p->blurb, p->enum_type (),
          p->def, p->flags);
  }
}

/* Whether the row `p` is one of `only` (NULL: every row is). */
static gboolean
implemented (const Property * p, const gchar * const *only)
{
  return only == NULL || g_strv_contains (only, p->name);
}

/* The rows an element type installed (_install ()'s `only`, all_rows for
 * NULL), kept on its type for its GstPreset property names. */
static const gchar *const all_rows[] = { NULL };

static GQuark
rows_quark (void)
{
  return g_quark_from_static_string ("gst-video-convolve-rows");
}

guint
gst_video_convolve_properties_install (GObjectClass * klass,
    const gchar * const *only)
{
  guint i;

  GST_DEBUG_CATEGORY_INIT (gst_video_convolve_properties_debug,
      "videoconvolve-properties", 0, "videoconvolve's property table");
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), rows_quark (),
      (gpointer) (only ? only : all_rows));
  for (i = 0; i < N_PROPERTIES; i++) {
    if (implemented (&properties[i], only))
      g_object_class_install_property (klass, i + 1,
          make_spec (&properties[i]));
  }
  return N_PROPERTIES;
}

void
gst_video_convolve_properties_install_frames_dropped (GObjectClass * klass,
    guint prop_id)
{
  g_object_class_install_property (klass, prop_id,
      g_param_spec_uint64 ("frames-dropped", "Frames dropped",
          "Frames dropped since the element started because downstream "
          "reported them late (QoS, see the qos property); read-only", 0,
          G_MAXUINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

GstFlowReturn
gst_video_convolve_properties_submit_counted (GstBaseTransformClass * parent,
    GstBaseTransform * trans, gboolean is_discont, GstBuffer * input,
    guint64 * dropped)
{
  GstFlowReturn ret = parent->submit_input_buffer (trans, is_discont, input);

  if (ret == GST_BASE_TRANSFORM_FLOW_DROPPED) {
    GST_OBJECT_LOCK (trans);
    (*dropped)++;
    GST_OBJECT_UNLOCK (trans);
  }
  return ret;
}

/* The row of property `prop_id`, or NULL. */
static const Property *
lookup (guint prop_id)
{
  return prop_id >= 1 && prop_id <= N_PROPERTIES ?
      &properties[prop_id - 1] : NULL;
}

/* The field of row `p` in settings `s`, as a `type`. */
#define FIELD_AT(s, p, type) \
    (*(type *) G_STRUCT_MEMBER_P ((s), (p)->offset))

gboolean
gst_video_convolve_properties_set (GObject * object,
    GstVideoConvolveSettings * s, guint prop_id, const GValue * value)
{
  const Property *p = lookup (prop_id);

  if (p == NULL)
    return FALSE;
  if (p->set)
    p->set (object, s, value);
  else if (p->type == G_TYPE_UINT)
    FIELD_AT (s, p, guint) = g_value_get_uint (value);
  else if (p->type == G_TYPE_DOUBLE)
    FIELD_AT (s, p, gdouble) = g_value_get_double (value);
  else if (p->type == G_TYPE_ENUM)
    FIELD_AT (s, p, gint) = g_value_get_enum (value);
  else if (p->type == G_TYPE_BOOLEAN)
    FIELD_AT (s, p, gboolean) = g_value_get_boolean (value);
  else
    FIELD_AT (s, p, gint) = g_value_get_int (value);
  return TRUE;
}

gboolean
gst_video_convolve_properties_get (const GstVideoConvolveSettings * s,
    guint prop_id, GValue * value)
{
  const Property *p = lookup (prop_id);

  if (p == NULL)
    return FALSE;
  if (p->get)
    p->get (s, value);
  else if (p->type == G_TYPE_UINT)
    g_value_set_uint (value, FIELD_AT (s, p, const guint));
  else if (p->type == G_TYPE_DOUBLE)
    g_value_set_double (value, FIELD_AT (s, p, const gdouble));
  else if (p->type == G_TYPE_ENUM)
    g_value_set_enum (value, FIELD_AT (s, p, const gint));
  else if (p->type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, FIELD_AT (s, p, const gboolean));
  else
    g_value_set_int (value, FIELD_AT (s, p, const gint));
  return TRUE;
}

static gchar **
property_names (const gchar * const *only)
{
  gchar **names = g_new0 (gchar *, N_PROPERTIES + 1);
  guint i, n = 0;

  for (i = 0; i < N_PROPERTIES; i++) {
    if (implemented (&properties[i], only))
      names[n++] = g_strdup (properties[i].name);
  }
  return names;
}

/* GstPreset's property names: the rows the instance's type (or the
 * nearest ancestor that installed the table) implements. */
static gchar **
preset_property_names (GstPreset * preset)
{
  const gchar *const *only = NULL;
  GType t;

  for (t = G_OBJECT_TYPE (preset); t && !only; t = g_type_parent (t))
    only = g_type_get_qdata (t, rows_quark ());
  return property_names (only == all_rows ? NULL : only);
}

void
gst_video_convolve_properties_preset_init (GstPresetInterface * iface)
{
  iface->get_property_names = preset_property_names;
}

void
gst_video_convolve_properties_defaults (GstVideoConvolveSettings * s)
{
  guint i;

  for (i = 0; i < N_PROPERTIES; i++) {
    const Property *p = &properties[i];

    if (p->offset == NO_FIELD)
      continue;
    if (p->type == G_TYPE_UINT)
      FIELD_AT (s, p, guint) = p->def;
    else if (p->type == G_TYPE_DOUBLE)
      FIELD_AT (s, p, gdouble) = p->def;
    else
      FIELD_AT (s, p, gint) = p->def;   /* int, enum, gboolean */
  }
}

static gboolean
field_equal (const Property * p, const GstVideoConvolveSettings * a,
    const GstVideoConvolveSettings * b)
{
  switch (p->type) {
    case G_TYPE_UINT:
      return FIELD_AT (a, p, const guint) == FIELD_AT (b, p, const guint);
    case G_TYPE_DOUBLE:
      return FIELD_AT (a, p, const gdouble) == FIELD_AT (b, p, const gdouble);
    default:                   /* int, enum, gboolean */
      return FIELD_AT (a, p, const gint) == FIELD_AT (b, p, const gint);
  }
}

gboolean
gst_video_convolve_properties_equal (const GstVideoConvolveSettings * a,
    const GstVideoConvolveSettings * b)
{
  guint i;

  for (i = 0; i < N_PROPERTIES; i++) {
    if (properties[i].offset != NO_FIELD && !field_equal (&properties[i], a, b))
      return FALSE;
  }
  return TRUE;
}
