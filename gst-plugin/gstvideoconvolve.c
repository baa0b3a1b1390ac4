/* GStreamer videoconvolve: generalized 2D convolution of video frames
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-videoconvolve
 * @title: videoconvolve
 *
 * Convolves every frame with a kernel of any size, with stride, padding and
 * dilation adjustable on both axes, and a choice of border modes. Each
 * colour component is convolved on its own plane grid (subsampled chroma
 * included); alpha is carried from the input sample under the kernel's
 * centre tap. The output size follows from the settings:
 *
 *   W_out = floor ((W + 2 * padding-x - dilation-x * (kw - 1) - 1) / stride-x) + 1
 *
 * and likewise for the height; padding -1 ("same") keeps the size with
 * stride 1.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 videotestsrc ! videoconvolve preset=gaussian5 ! autovideosink
 * gst-launch-1.0 videotestsrc ! videoconvert ! videoconvolve \
 *     kernel="<<1,2,1>,<2,4,2>,<1,2,1>>" stride-x=2 stride-y=2 ! \
 *     videoconvert ! autovideosink
 * ]|
 *
 * Geometry along one axis (kw = 3, dilation 2, stride 2, padding 1):
 *
 *   padded input   p | 0 1 2 3 4 5 6 | p
 *   output 0        x . x . x               taps at padded 0, 2, 4
 *   output 1            x . x . x           taps at padded 2, 4, 6
 *   output 2                x . x . x       taps at padded 4, 6, 8
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstvideoconvolve.h"

#include <math.h>
#include <string.h>

#include "videoconvolve/convolve.h"
#include "videoconvolve/presets.h"

GST_DEBUG_CATEGORY_STATIC (gst_video_convolve_debug);
#define GST_CAT_DEFAULT gst_video_convolve_debug

enum
{
  PROP_0,
  PROP_KERNEL,
  PROP_PRESET,
  PROP_STRIDE_X,
  PROP_STRIDE_Y,
  PROP_DILATION_X,
  PROP_DILATION_Y,
  PROP_PADDING_X,
  PROP_PADDING_Y,
  PROP_BORDER,
  PROP_BORDER_VALUE,
  PROP_DIVISOR,
  PROP_BIAS,
  PROP_ABSOLUTE,
  PROP_CHANNELS,
  PROP_N_THREADS,
};

#define DEFAULT_PRESET 0        /* custom */
#define DEFAULT_STRIDE 1
#define DEFAULT_DILATION 1
#define DEFAULT_PADDING -1      /* "same" */
#define DEFAULT_BORDER VC_BORDER_REPLICATE
#define DEFAULT_BORDER_VALUE 0.0
#define DEFAULT_DIVISOR 0.0
#define DEFAULT_BIAS 0.0
#define DEFAULT_ABSOLUTE FALSE
#define DEFAULT_CHANNELS GST_VIDEO_CONVOLVE_CHANNELS_ALL
#define DEFAULT_N_THREADS 0

typedef enum
{
  GST_VIDEO_CONVOLVE_CHANNELS_ALL,
  GST_VIDEO_CONVOLVE_CHANNELS_LUMA,
} GstVideoConvolveChannels;

/* A band must hold at least this many output rows and the frame this many
 * output samples before a second thread is worth waking. */
#define MIN_ROWS_PER_THREAD 16
#define MIN_SAMPLES_FOR_THREADS (64 * 64)

#define VIDEO_CONVOLVE_FORMATS "{ GRAY8, GRAY16_LE, RGB, BGR, RGBx, BGRx, " \
    "xRGB, xBGR, RGBA, BGRA, ARGB, ABGR, AYUV, I420, YV12, Y42B, Y444, " \
    "NV12, NV21 }"
#define VIDEO_CONVOLVE_CAPS GST_VIDEO_CAPS_MAKE (VIDEO_CONVOLVE_FORMATS)

static GstStaticPadTemplate gst_video_convolve_src_template =
GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS,
    GST_STATIC_CAPS (VIDEO_CONVOLVE_CAPS));

static GstStaticPadTemplate gst_video_convolve_sink_template =
GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
    GST_STATIC_CAPS (VIDEO_CONVOLVE_CAPS));

#define gst_video_convolve_parent_class parent_class
G_DEFINE_TYPE (GstVideoConvolve, gst_video_convolve, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (videoconvolve, "videoconvolve", GST_RANK_NONE,
    GST_TYPE_VIDEO_CONVOLVE);

/* ------------------------------------------------------------------ */
/* Enums */

#define GST_TYPE_VIDEO_CONVOLVE_BORDER (gst_video_convolve_border_get_type ())
static GType
gst_video_convolve_border_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {VC_BORDER_CONSTANT, "Pad with border-value", "constant"},
    {VC_BORDER_REPLICATE, "Repeat the edge sample: a a | a b c", "replicate"},
    {VC_BORDER_REFLECT, "Mirror without the edge: c b | a b c", "reflect"},
    {VC_BORDER_SYMMETRIC, "Mirror with the edge: b a | a b c", "symmetric"},
    {VC_BORDER_WRAP, "Periodic: b c | a b c", "wrap"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstVideoConvolveBorder", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

#define GST_TYPE_VIDEO_CONVOLVE_CHANNELS \
    (gst_video_convolve_channels_get_type ())
static GType
gst_video_convolve_channels_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_VIDEO_CONVOLVE_CHANNELS_ALL, "Convolve every colour component",
        "all"},
    {GST_VIDEO_CONVOLVE_CHANNELS_LUMA,
        "Convolve only Y of YUV formats; chroma is carried like alpha "
          "(same as all on RGB and GRAY)", "luma"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstVideoConvolveChannels", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

/* Value 0 is "custom"; value i > 0 is vc_presets ()[i - 1]. */
#define GST_TYPE_VIDEO_CONVOLVE_PRESET (gst_video_convolve_preset_get_type ())
static GType
gst_video_convolve_preset_get_type (void)
{
  static GType type = 0;

  if (g_once_init_enter (&type)) {
    int n;
    const VcPreset *presets = vc_presets (&n);
    /* Registered enums keep their value table for the process' life. */
    GEnumValue *values = g_new0 (GEnumValue, n + 2);
    GType t;

    values[0].value = 0;
    values[0].value_name = "The kernel property as set";
    values[0].value_nick = "custom";
    for (int i = 0; i < n; i++) {
      values[i + 1].value = i + 1;
      values[i + 1].value_name = presets[i].description;
      values[i + 1].value_nick = presets[i].nick;
    }
    t = g_enum_register_static ("GstVideoConvolvePreset", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

/* A kernel row: a GstParamSpecArray of doubles whose validation turns any
 * number (int, uint, int64, float...) into a double in place and accepts
 * every double, NaN and infinities included. The stock array spec would
 * replace ints with 0 and NaN with a GLib warning, so that
 * Gst.ValueArray([1, 2, 1]) from Python or a NaN on gst-launch would never
 * reach the kernel setter, which reports what it cannot use. */
static gboolean
kernel_row_validate (GParamSpec * pspec, GValue * value)
{
  for (guint i = 0; i < gst_value_array_get_size (value); i++) {
    GValue *v = (GValue *) gst_value_array_get_value (value, i);
    GValue d = G_VALUE_INIT;

    if (G_VALUE_HOLDS_DOUBLE (v) ||
        !g_value_type_transformable (G_VALUE_TYPE (v), G_TYPE_DOUBLE))
      continue;
    g_value_init (&d, G_TYPE_DOUBLE);
    if (g_value_transform (v, &d)) {
      g_value_unset (v);
      *v = d;                   /* a double holds no pointer: moving is fine */
    }
  }
  return FALSE;                 /* the values are kept, just typed */
}

static void
kernel_row_class_init (GParamSpecClass * klass, gpointer data)
{
  klass->value_validate = kernel_row_validate;
}

static GParamSpec *
kernel_row_param_spec_new (void)
{
  static GType type = 0;
  GParamSpec *row;

  if (g_once_init_enter (&type)) {
    const GTypeInfo info = {
      sizeof (GParamSpecClass), NULL, NULL,
      (GClassInitFunc) kernel_row_class_init, NULL, NULL,
      sizeof (GstParamSpecArray), 0, NULL, NULL
    };
    GType t = g_type_register_static (GST_TYPE_PARAM_ARRAY_LIST,
        "GstVideoConvolveKernelRow", &info, 0);
    g_once_init_leave (&type, t);
  }
  row = g_param_spec_internal (type, "row", "Row", "One kernel row",
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  GST_PARAM_SPEC_ARRAY_LIST (row)->element_spec =
      g_param_spec_ref_sink (g_param_spec_double ("coefficient",
          "Coefficient", "One kernel coefficient", -G_MAXDOUBLE, G_MAXDOUBLE,
          0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  return row;
}

static const VcPreset *
preset_get (gint preset)
{
  int n;
  const VcPreset *presets = vc_presets (&n);

  return preset > 0 && preset <= n ? &presets[preset - 1] : NULL;
}

/* ------------------------------------------------------------------ */
/* Settings */

static void
settings_set_kernel (GstVideoConvolveSettings * s, const gdouble * k,
    gint kh, gint kw)
{
  g_free (s->kernel);
  s->kernel = g_memdup2 (k, sizeof (gdouble) * kh * kw);
  s->kernel_height = kh;
  s->kernel_width = kw;
}

static void
settings_copy (GstVideoConvolveSettings * dst,
    const GstVideoConvolveSettings * src)
{
  *dst = *src;
  dst->kernel = g_memdup2 (src->kernel,
      sizeof (gdouble) * src->kernel_height * src->kernel_width);
}

static void
settings_clear (GstVideoConvolveSettings * s)
{
  g_clear_pointer (&s->kernel, g_free);
}

static gboolean
settings_magnitude (const GstVideoConvolveSettings * s)
{
  const VcPreset *p = preset_get (s->preset);

  return p != NULL && p->magnitude;
}

static void
settings_apply_preset (GstVideoConvolveSettings * s, gint preset)
{
  const VcPreset *p = preset_get (preset);

  s->preset = preset;
  if (p == NULL)
    return;                     /* custom: keep the kernel as it is */
  settings_set_kernel (s, p->kernel, p->kernel_height, p->kernel_width);
  s->divisor = p->divisor;
  s->bias = p->bias;
  s->absolute = p->absolute;
}

/* Fills a core configuration from the settings for one plane: `sub_x` and
 * `sub_y` are the plane's subsampling shifts (explicit padding is scaled
 * to its grid). kernel2 must hold kernel_width x kernel_height doubles. */
static void
settings_to_config (const GstVideoConvolveSettings * s, gint sub_x,
    gint sub_y, VcConfig * cfg, gdouble * kernel2)
{
  vc_config_init (cfg);
  cfg->kernel = s->kernel;
  cfg->kernel_height = s->kernel_height;
  cfg->kernel_width = s->kernel_width;
  if (settings_magnitude (s)) {
    vc_kernel_transpose (s->kernel, s->kernel_height, s->kernel_width,
        kernel2);
    cfg->kernel2 = kernel2;
  }
  cfg->stride_x = s->stride_x;
  cfg->stride_y = s->stride_y;
  cfg->dilation_x = s->dilation_x;
  cfg->dilation_y = s->dilation_y;
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

/* The identity: a 1x1 kernel equal to 1 after the divisor, no bias,
 * stride 1 and no padding. */
static gboolean
settings_is_identity (const GstVideoConvolveSettings * s)
{
  gdouble k = s->kernel[0];
  gdouble divisor = s->divisor != 0.0 ? s->divisor : (k != 0.0 ? k : 1.0);

  return s->kernel_height == 1 && s->kernel_width == 1 &&
      !settings_magnitude (s) && k / divisor == 1.0 && s->bias == 0.0 &&
      s->stride_x == 1 && s->stride_y == 1 && s->padding_x <= 0 &&
      s->padding_y <= 0;
}

static gint64
settings_out_size (const GstVideoConvolveSettings * s, gboolean horizontal,
    gint64 size)
{
  if (horizontal)
    return vc_axis_output_size (size, s->kernel_width, s->stride_x,
        s->dilation_x, s->padding_x, s->padding_x);
  return vc_axis_output_size (size, s->kernel_height, s->stride_y,
      s->dilation_y, s->padding_y, s->padding_y);
}

/* ------------------------------------------------------------------ */
/* The kernel property: a GstValueArray of rows, each a GstValueArray of
 * numbers. Returns NULL and sets *error (a sentence naming `kernel` and the
 * shape) when the value is not a usable kernel. */

static gdouble *
kernel_from_value (const GValue * value, gint * kh, gint * kw,
    gchar ** error)
{
  guint rows, cols = 0;
  gdouble *k = NULL;
  VcError err;

  if (!GST_VALUE_HOLDS_ARRAY (value) ||
      (rows = gst_value_array_get_size (value)) == 0) {
    *error = g_strdup ("kernel is empty: it needs at least one row with "
        "one value, e.g. kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\"");
    return NULL;
  }

  for (guint m = 0; m < rows; m++) {
    const GValue *row = gst_value_array_get_value (value, m);
    guint n_cols = GST_VALUE_HOLDS_ARRAY (row) ?
        gst_value_array_get_size (row) : 0;

    if (n_cols == 0) {
      *error = g_strdup_printf ("kernel row %u of %u is empty or not an "
          "array: each row must be <v1,v2,...>", m + 1, rows);
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
        *error = g_strdup_printf ("kernel[%u][%u] is a %s, not a number",
            m, n, G_VALUE_TYPE_NAME (v));
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

static void
kernel_to_value (const GstVideoConvolveSettings * s, GValue * value)
{
  for (gint m = 0; m < s->kernel_height; m++) {
    GValue row = G_VALUE_INIT;

    gst_value_array_init (&row, s->kernel_width);
    for (gint n = 0; n < s->kernel_width; n++) {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, s->kernel[m * s->kernel_width + n]);
      gst_value_array_append_and_take_value (&row, &v);
    }
    gst_value_array_append_and_take_value (value, &row);
  }
}

/* ------------------------------------------------------------------ */
/* The frame program: what to do with each group of adjacent components,
 * with the plans for the negotiated sizes. Immutable once built; a frame
 * holds a reference for as long as it is processed. */

typedef struct
{
  gboolean carry;               /* copy the centre tap instead of convolving */
  gint plane;
  gint offset, components, pixel_stride;        /* samples */
  gint in_w, in_h, out_w, out_h;
  VcPlan *plan;
} Job;

struct _GstVideoConvolveProgram
{
  gint refcount;
  guint n_jobs;
  Job jobs[GST_VIDEO_MAX_COMPONENTS];
  guint n_threads;
  gsize scratch_size;           /* per thread, a multiple of 64 */
  guint8 *scratch;              /* n_threads * scratch_size */
};

static void
program_unref (GstVideoConvolveProgram * p)
{
  if (p == NULL || !g_atomic_int_dec_and_test (&p->refcount))
    return;
  for (guint i = 0; i < p->n_jobs; i++)
    vc_plan_free (p->jobs[i].plan);
  g_free (p->scratch);
  g_free (p);
}

static GstVideoConvolveProgram *
program_ref (GstVideoConvolveProgram * p)
{
  if (p)
    g_atomic_int_inc (&p->refcount);
  return p;
}

typedef struct
{
  gint comp, plane, offset, pixel_stride;
  gboolean carry;
} Component;

static gint
component_compare (gconstpointer a, gconstpointer b)
{
  const Component *ca = a, *cb = b;

  if (ca->plane != cb->plane)
    return ca->plane - cb->plane;
  return ca->offset - cb->offset;
}

static guint
effective_threads (const GstVideoConvolveSettings * s,
    const GstVideoInfo * out_info)
{
  guint n = s->n_threads ? s->n_threads : g_get_num_processors ();
  guint by_rows = MAX (1, GST_VIDEO_INFO_HEIGHT (out_info) /
      MIN_ROWS_PER_THREAD);

  if ((gint64) GST_VIDEO_INFO_WIDTH (out_info) *
      GST_VIDEO_INFO_HEIGHT (out_info) < MIN_SAMPLES_FOR_THREADS)
    return 1;
  return MAX (1, MIN (n, by_rows));
}

/* Builds the program for settings s and the given caps; NULL with *error
 * set on failure. */
static GstVideoConvolveProgram *
program_new (const GstVideoConvolveSettings * s, const GstVideoInfo * in_info,
    const GstVideoInfo * out_info, gchar ** error)
{
  const GstVideoFormatInfo *finfo = in_info->finfo;
  gboolean luma_only = s->channels == GST_VIDEO_CONVOLVE_CHANNELS_LUMA &&
      GST_VIDEO_FORMAT_INFO_IS_YUV (finfo);
  gint sample_bytes = GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 0) > 8 ? 2 : 1;
  GstVideoConvolveProgram *p = g_new0 (GstVideoConvolveProgram, 1);
  Component comps[GST_VIDEO_MAX_COMPONENTS];
  guint n_comps = GST_VIDEO_FORMAT_INFO_N_COMPONENTS (finfo);
  gdouble *kernel2 = g_new (gdouble, s->kernel_height * s->kernel_width);
  gsize scratch = 0;

  p->refcount = 1;
  for (guint c = 0; c < n_comps; c++) {
    comps[c].comp = c;
    comps[c].plane = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);
    comps[c].offset = GST_VIDEO_FORMAT_INFO_POFFSET (finfo, c) / sample_bytes;
    comps[c].pixel_stride = GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c) /
        sample_bytes;
    comps[c].carry = (GST_VIDEO_FORMAT_INFO_HAS_ALPHA (finfo) &&
        c == GST_VIDEO_COMP_A) || (luma_only && c != GST_VIDEO_COMP_Y);
  }
  /* Group components that sit next to each other in a pixel and get the
   * same treatment, so that R, G and B of RGBx are one sweep. */
  qsort (comps, n_comps, sizeof (Component), component_compare);

  for (guint c = 0; c < n_comps; c++) {
    Job *prev = p->n_jobs ? &p->jobs[p->n_jobs - 1] : NULL;
    Job *job;
    VcConfig cfg;
    VcError err;

    if (prev && prev->plane == comps[c].plane &&
        prev->carry == comps[c].carry &&
        prev->offset + prev->components == comps[c].offset) {
      prev->components++;
      continue;
    }
    job = &p->jobs[p->n_jobs++];
    job->carry = comps[c].carry;
    job->plane = comps[c].plane;
    job->offset = comps[c].offset;
    job->components = 1;
    job->pixel_stride = comps[c].pixel_stride;
    job->in_w = GST_VIDEO_INFO_COMP_WIDTH (in_info, comps[c].comp);
    job->in_h = GST_VIDEO_INFO_COMP_HEIGHT (in_info, comps[c].comp);
    job->out_w = GST_VIDEO_INFO_COMP_WIDTH (out_info, comps[c].comp);
    job->out_h = GST_VIDEO_INFO_COMP_HEIGHT (out_info, comps[c].comp);

    settings_to_config (s, GST_VIDEO_FORMAT_INFO_W_SUB (finfo, comps[c].comp),
        GST_VIDEO_FORMAT_INFO_H_SUB (finfo, comps[c].comp), &cfg, kernel2);
    cfg.sample_type = sample_bytes == 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
    cfg.width = job->in_w;
    cfg.height = job->in_h;
    cfg.out_width = job->out_w;
    cfg.out_height = job->out_h;
    job->plan = vc_plan_new (&cfg, &err);
    if (job->plan == NULL) {
      *error = g_strdup_printf ("%s (plane %d, %dx%d -> %dx%d)", err.message,
          job->plane, job->in_w, job->in_h, job->out_w, job->out_h);
      goto fail;
    }
    scratch = MAX (scratch, vc_plan_scratch_size (job->plan));
  }

  p->n_threads = effective_threads (s, out_info);
  p->scratch_size = (scratch + 63) & ~(gsize) 63;
  /* g_malloc aligns to 16 on the platforms GStreamer supports. */
  p->scratch = g_malloc (p->n_threads * p->scratch_size + 1);
  g_free (kernel2);
  return p;

fail:
  g_free (kernel2);
  program_unref (p);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Per-frame work */

/* One frame in flight: the plane descriptors every band shares, and how
 * the bands wait for each other (`pending`). */
typedef struct
{
  GstVideoConvolveProgram *program;
  VcPlane src[GST_VIDEO_MAX_COMPONENTS];
  VcPlane dst[GST_VIDEO_MAX_COMPONENTS];
  guint n_bands;
  GMutex lock;
  GCond done;
  guint pending;
} Frame;

typedef struct
{
  Frame *frame;
  guint band;
  VcError error;
  gboolean failed;
} Band;

static void
band_run (gpointer data)
{
  Band *b = data;
  const Frame *f = b->frame;
  GstVideoConvolveProgram *p = f->program;
  void *scratch = p->scratch + b->band * p->scratch_size;

  for (guint i = 0; i < p->n_jobs && !b->failed; i++) {
    const Job *job = &p->jobs[i];
    gint y0 = (gint) ((gint64) job->out_h * b->band / f->n_bands);
    gint y1 = (gint) ((gint64) job->out_h * (b->band + 1) / f->n_bands);
    VcStatus s;

    if (job->carry)
      s = vc_plan_execute_carry (job->plan, &f->src[i], &f->dst[i], y0, y1,
          &b->error);
    else
      s = vc_plan_execute (job->plan, &f->src[i], &f->dst[i], y0, y1,
          scratch, &b->error);
    b->failed = s != VC_OK;
  }
}

/* band_run () on a pool thread, then tells the frame it is done. */
static void
band_run_pooled (gpointer data)
{
  Band *b = data;
  Frame *f = b->frame;

  band_run (b);
  g_mutex_lock (&f->lock);
  if (--f->pending == 0)
    g_cond_signal (&f->done);
  g_mutex_unlock (&f->lock);
}

static void
describe_plane (const Job * job, GstVideoFrame * frame, gboolean out,
    VcPlane * plane)
{
  plane->data = GST_VIDEO_FRAME_PLANE_DATA (frame, job->plane);
  plane->row_stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, job->plane);
  plane->width = out ? job->out_w : job->in_w;
  plane->height = out ? job->out_h : job->in_h;
  plane->pixel_stride = job->pixel_stride;
  plane->offset = job->offset;
  plane->components = job->components;
}

static GstFlowReturn
gst_video_convolve_transform_frame (GstVideoFilter * filter,
    GstVideoFrame * in_frame, GstVideoFrame * out_frame)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (filter);
  GstVideoConvolveProgram *program;
  gchar *kernel_error;
  Band bands[64];
  Band *failed = NULL;
  Frame frame;

  GST_OBJECT_LOCK (self);
  program = program_ref (self->program);
  kernel_error = g_strdup (self->kernel_error);
  GST_OBJECT_UNLOCK (self);

  if (kernel_error)
    goto invalid_kernel;
  if (program == NULL)
    goto no_program;

  frame.program = program;
  frame.n_bands = MIN (program->n_threads, G_N_ELEMENTS (bands));
  for (guint i = 0; i < program->n_jobs; i++) {
    describe_plane (&program->jobs[i], in_frame, FALSE, &frame.src[i]);
    describe_plane (&program->jobs[i], out_frame, TRUE, &frame.dst[i]);
  }
  for (guint t = 0; t < frame.n_bands; t++) {
    bands[t].frame = &frame;
    bands[t].band = t;
    bands[t].failed = FALSE;
  }

  /* Bands 1.. go to the pool; the calling thread does band 0 itself, and
   * any band the pool refuses. */
  g_mutex_init (&frame.lock);
  g_cond_init (&frame.done);
  frame.pending = frame.n_bands - 1;
  for (guint t = 1; t < frame.n_bands; t++) {
    GError *err = NULL;
    gpointer handle = NULL;

    if (self->pool)
      handle = gst_task_pool_push (self->pool, band_run_pooled, &bands[t],
          &err);
    else
      g_set_error (&err, GST_CORE_ERROR, GST_CORE_ERROR_FAILED, "no pool");
    if (err) {
      GST_DEBUG_OBJECT (self, "band %u runs inline: %s", t, err->message);
      g_clear_error (&err);
      band_run_pooled (&bands[t]);
    } else if (handle) {
      gst_task_pool_dispose_handle (self->pool, handle);
    }
  }
  band_run (&bands[0]);
  g_mutex_lock (&frame.lock);
  while (frame.pending > 0)
    g_cond_wait (&frame.done, &frame.lock);
  g_mutex_unlock (&frame.lock);
  g_mutex_clear (&frame.lock);
  g_cond_clear (&frame.done);

  for (guint t = 0; t < frame.n_bands && failed == NULL; t++)
    if (bands[t].failed)
      failed = &bands[t];
  if (failed)
    goto execute_failed;
  program_unref (program);
  return GST_FLOW_OK;

invalid_kernel:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s", kernel_error),
      ("the kernel property was refused; the previous kernel stays until a "
          "valid one is set"));
  g_free (kernel_error);
  program_unref (program);
  return GST_FLOW_ERROR;

no_program:
  GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
      ("no valid configuration for the negotiated caps"));
  return GST_FLOW_NOT_NEGOTIATED;

execute_failed:
  GST_ELEMENT_ERROR (self, STREAM, FAILED, ("%s", failed->error.message),
      ("convolution failed"));
  program_unref (program);
  return GST_FLOW_ERROR;
}

/* ------------------------------------------------------------------ */
/* Caps: the output size, both ways, and the pixel aspect ratio */

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

  if (direction == GST_PAD_SINK) {
    /* Input sizes -> output sizes; the formula is non-decreasing. */
    lo = MAX (1, settings_out_size (s, horizontal, lo));
    hi = settings_out_size (s, horizontal, hi);
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
    gst_structure_set (st, "pixel-aspect-ratio", GST_TYPE_FRACTION, n, d,
        NULL);
  else
    gst_structure_remove_field (st, "pixel-aspect-ratio");
}

static GstCaps *
gst_video_convolve_transform_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * filter)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (trans);
  GstVideoConvolveSettings s;
  GstCaps *ret = gst_caps_new_empty ();

  GST_OBJECT_LOCK (self);
  settings_copy (&s, &self->settings);
  /* Remember what the output caps are computed from: a property may
   * change before set_info () sees them (see there). */
  if (direction == GST_PAD_SINK) {
    GstVideoConvolveSettings *slot =
        &self->snapshots[self->next_snapshot++ % N_SNAPSHOTS];

    settings_clear (slot);
    settings_copy (slot, &s);
  }
  GST_OBJECT_UNLOCK (self);

  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    GstStructure *st = gst_structure_copy (gst_caps_get_structure (caps, i));
    GstCapsFeatures *f = gst_caps_get_features (caps, i);
    const GValue *w = gst_structure_get_value (st, "width");
    const GValue *h = gst_structure_get_value (st, "height");
    GValue nw = G_VALUE_INIT, nh = G_VALUE_INIT;

    /* Input sizes with no output size map to themselves, both ways, so
     * that such a size reaches set_info () and gets an error naming the
     * numbers (an empty result would fail with no explanation). */
    if (w && h && G_VALUE_HOLDS_INT (w) && G_VALUE_HOLDS_INT (h) &&
        (settings_out_size (&s, TRUE, g_value_get_int (w)) < 1 ||
            settings_out_size (&s, FALSE, g_value_get_int (h)) < 1)) {
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
      if (!transform_dimension (&s, TRUE, direction, w, &nw) ||
          !transform_dimension (&s, FALSE, direction, h, &nh)) {
        if (G_IS_VALUE (&nw))
          g_value_unset (&nw);
        gst_structure_free (st);
        continue;
      }
      gst_structure_take_value (st, "width", &nw);
      gst_structure_take_value (st, "height", &nh);
    }
    transform_par (&s, direction, st);
    ret = gst_caps_merge_structure_full (ret, st,
        f ? gst_caps_features_copy (f) : NULL);
  }
  settings_clear (&s);

  if (filter) {
    GstCaps *tmp = gst_caps_intersect_full (filter, ret,
        GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref (ret);
    ret = tmp;
  }
  GST_DEBUG_OBJECT (self, "%s %" GST_PTR_FORMAT " -> %" GST_PTR_FORMAT,
      direction == GST_PAD_SINK ? "sink->src" : "src->sink", caps, ret);
  return ret;
}

/* transform_caps () already maps fixed input caps to a fixed output size
 * (from the settings snapshot it recorded), so the only choice left here
 * is a PAR that downstream left open. */
static GstCaps *
gst_video_convolve_fixate_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * othercaps)
{
  GstStructure *out;

  othercaps = gst_caps_make_writable (gst_caps_truncate (othercaps));
  out = gst_caps_get_structure (othercaps, 0);
  if (gst_structure_has_field (out, "pixel-aspect-ratio"))
    gst_structure_fixate_field_nearest_fraction (out, "pixel-aspect-ratio",
        1, 1);
  return gst_caps_fixate (othercaps);
}

/* ------------------------------------------------------------------ */
/* Configuration changes */

/* Whether settings s turn caps `in` into caps `out` (size and PAR). */
static gboolean
settings_give_caps (const GstVideoConvolveSettings * s,
    const GstVideoInfo * in, const GstVideoInfo * out)
{
  gint par_n, par_d;

  if (settings_out_size (s, TRUE, GST_VIDEO_INFO_WIDTH (in)) !=
      GST_VIDEO_INFO_WIDTH (out) ||
      settings_out_size (s, FALSE, GST_VIDEO_INFO_HEIGHT (in)) !=
      GST_VIDEO_INFO_HEIGHT (out))
    return FALSE;
  if (!gst_util_fraction_multiply (GST_VIDEO_INFO_PAR_N (in),
          GST_VIDEO_INFO_PAR_D (in), s->stride_x, s->stride_y, &par_n,
          &par_d))
    return FALSE;
  return par_n == GST_VIDEO_INFO_PAR_N (out) &&
      par_d == GST_VIDEO_INFO_PAR_D (out);
}

/* With the object lock held, after any property change: rebuilds the
 * program when the caps stay, else asks for renegotiation (returns TRUE).
 * *passthrough tells whether the element may pass buffers through. */
static gboolean
settings_changed_locked (GstVideoConvolve * self, gboolean * passthrough)
{
  GstVideoConvolveProgram *program;
  gchar *error = NULL;

  *passthrough = self->kernel_error == NULL &&
      settings_is_identity (&self->settings);
  if (!self->negotiated)
    return FALSE;
  if (!settings_give_caps (&self->settings, &self->in_info, &self->out_info))
    return TRUE;

  program = program_new (&self->settings, &self->in_info, &self->out_info,
      &error);
  if (program == NULL) {
    /* Cannot happen for caps that keep their size; renegotiate to report. */
    GST_WARNING_OBJECT (self, "rebuilding plans failed: %s", error);
    g_free (error);
    return TRUE;
  }
  program_unref (self->program);
  self->program = program;
  return FALSE;
}

static void
gst_video_convolve_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (object);
  GstVideoConvolveSettings *s = &self->settings;
  gboolean reconfigure, passthrough;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_KERNEL:{
      gchar *error = NULL;
      gint kh, kw;
      gdouble *k = kernel_from_value (value, &kh, &kw, &error);

      g_free (self->kernel_error);
      self->kernel_error = error;
      if (k) {
        g_free (s->kernel);
        s->kernel = k;
        s->kernel_height = kh;
        s->kernel_width = kw;
        s->preset = 0;
      } else {
        GST_WARNING_OBJECT (self, "%s", error);
      }
      break;
    }
    case PROP_PRESET:
      settings_apply_preset (s, g_value_get_enum (value));
      if (s->preset != 0)       /* a preset is a valid kernel */
        g_clear_pointer (&self->kernel_error, g_free);
      break;
    case PROP_STRIDE_X:
      s->stride_x = g_value_get_int (value);
      break;
    case PROP_STRIDE_Y:
      s->stride_y = g_value_get_int (value);
      break;
    case PROP_DILATION_X:
      s->dilation_x = g_value_get_int (value);
      break;
    case PROP_DILATION_Y:
      s->dilation_y = g_value_get_int (value);
      break;
    case PROP_PADDING_X:
      s->padding_x = g_value_get_int (value);
      break;
    case PROP_PADDING_Y:
      s->padding_y = g_value_get_int (value);
      break;
    case PROP_BORDER:
      s->border = g_value_get_enum (value);
      break;
    case PROP_BORDER_VALUE:
      s->border_value = g_value_get_double (value);
      break;
    case PROP_DIVISOR:
      s->divisor = g_value_get_double (value);
      break;
    case PROP_BIAS:
      s->bias = g_value_get_double (value);
      break;
    case PROP_ABSOLUTE:
      s->absolute = g_value_get_boolean (value);
      break;
    case PROP_CHANNELS:
      s->channels = g_value_get_enum (value);
      break;
    case PROP_N_THREADS:
      s->n_threads = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  reconfigure = settings_changed_locked (self, &passthrough);
  GST_OBJECT_UNLOCK (self);

  /* When the caps change, set_info () decides about passthrough: a buffer
   * already on its way must not pass through under the old caps. */
  if (reconfigure)
    gst_base_transform_reconfigure_src (GST_BASE_TRANSFORM (self));
  else
    gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self),
        passthrough);
}

static void
gst_video_convolve_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (object);
  GstVideoConvolveSettings *s = &self->settings;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_KERNEL:
      kernel_to_value (s, value);
      break;
    case PROP_PRESET:
      g_value_set_enum (value, s->preset);
      break;
    case PROP_STRIDE_X:
      g_value_set_int (value, s->stride_x);
      break;
    case PROP_STRIDE_Y:
      g_value_set_int (value, s->stride_y);
      break;
    case PROP_DILATION_X:
      g_value_set_int (value, s->dilation_x);
      break;
    case PROP_DILATION_Y:
      g_value_set_int (value, s->dilation_y);
      break;
    case PROP_PADDING_X:
      g_value_set_int (value, s->padding_x);
      break;
    case PROP_PADDING_Y:
      g_value_set_int (value, s->padding_y);
      break;
    case PROP_BORDER:
      g_value_set_enum (value, s->border);
      break;
    case PROP_BORDER_VALUE:
      g_value_set_double (value, s->border_value);
      break;
    case PROP_DIVISOR:
      g_value_set_double (value, s->divisor);
      break;
    case PROP_BIAS:
      g_value_set_double (value, s->bias);
      break;
    case PROP_ABSOLUTE:
      g_value_set_boolean (value, s->absolute);
      break;
    case PROP_CHANNELS:
      g_value_set_enum (value, s->channels);
      break;
    case PROP_N_THREADS:
      g_value_set_uint (value, s->n_threads);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* ------------------------------------------------------------------ */
/* GstBaseTransform / GstVideoFilter */

/* Whether the negotiated output size is the one the settings give for the
 * input size; if not, *error says why (naming the numbers). */
static gboolean
output_size_matches (const GstVideoConvolveSettings * s,
    const GstVideoInfo * in_info, const GstVideoInfo * out_info,
    gchar ** error)
{
  gint in_w = GST_VIDEO_INFO_WIDTH (in_info);
  gint in_h = GST_VIDEO_INFO_HEIGHT (in_info);
  gint64 w = settings_out_size (s, TRUE, in_w);
  gint64 h = settings_out_size (s, FALSE, in_h);
  VcConfig cfg;
  VcError err;
  gdouble *kernel2;

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
  settings_to_config (s, 0, 0, &cfg, kernel2);
  cfg.width = in_w;
  cfg.height = in_h;
  if (vc_output_size (&cfg, NULL, NULL, &err) == VC_OK)
    g_snprintf (err.message, sizeof (err.message), "no output size");
  *error = g_strdup_printf ("%s (input %dx%d, kernel %dx%d (rows x "
      "columns), stride-x %d, stride-y %d, dilation-x %d, dilation-y %d, "
      "padding-x %d, padding-y %d): use a smaller kernel, dilation or "
      "stride, more padding, or larger frames", err.message, in_w, in_h,
      s->kernel_height, s->kernel_width, s->stride_x, s->stride_y, s->dilation_x,
      s->dilation_y, s->padding_x, s->padding_y);
  g_free (kernel2);
  return FALSE;
}

static gboolean
gst_video_convolve_set_info (GstVideoFilter * filter, GstCaps * incaps,
    GstVideoInfo * in_info, GstCaps * outcaps, GstVideoInfo * out_info)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (filter);
  const GstVideoConvolveSettings *settings;
  GstVideoConvolveProgram *program;
  gboolean passthrough, stale = FALSE;
  gchar *error = NULL;

  if (G_BYTE_ORDER != G_LITTLE_ENDIAN &&
      GST_VIDEO_FORMAT_INFO_DEPTH (in_info->finfo, 0) > 8)
    goto big_endian;

  GST_OBJECT_LOCK (self);
  /* The caps were computed from a snapshot of the settings; a property set
   * since (from another thread) may give other caps. Then the frames of
   * these caps use the snapshot they were negotiated with, whole, and the
   * new settings renegotiate right after. */
  settings = &self->settings;
  for (guint i = 0; i < N_SNAPSHOTS &&
      !settings_give_caps (settings, in_info, out_info); i++) {
    const GstVideoConvolveSettings *snap =
        &self->snapshots[(self->next_snapshot - 1 - i) % N_SNAPSHOTS];

    if (snap->kernel && settings_give_caps (snap, in_info, out_info)) {
      settings = snap;
      stale = TRUE;
    }
  }
  if (!output_size_matches (settings, in_info, out_info, &error) ||
      !(program = program_new (settings, in_info, out_info, &error))) {
    GST_OBJECT_UNLOCK (self);
    goto no_plan;
  }
  program_unref (self->program);
  self->program = program;
  self->in_info = *in_info;
  self->out_info = *out_info;
  self->negotiated = TRUE;
  passthrough = self->kernel_error == NULL && settings_is_identity (settings);
  GST_DEBUG_OBJECT (self, "%d jobs, %u threads, path %s%s", program->n_jobs,
      program->n_threads, vc_plan_path_name (program->jobs[0].plan),
      stale ? ", settings changed during negotiation" : "");
  GST_OBJECT_UNLOCK (self);

  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), passthrough);
  if (stale)
    gst_base_transform_reconfigure_src (GST_BASE_TRANSFORM (self));
  return TRUE;

big_endian:
  GST_ELEMENT_ERROR (self, CORE, NEGOTIATION,
      ("%s needs a little-endian host",
          GST_VIDEO_INFO_NAME (in_info)), (NULL));
  return FALSE;

no_plan:
  /* Negotiation may try several formats with the same sizes: say it once. */
  GST_OBJECT_LOCK (self);
  if (g_strcmp0 (error, self->posted_error) != 0) {
    g_free (self->posted_error);
    self->posted_error = g_strdup (error);
    GST_OBJECT_UNLOCK (self);
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("%s", error),
        ("caps %" GST_PTR_FORMAT " -> %" GST_PTR_FORMAT, incaps, outcaps));
  } else {
    GST_OBJECT_UNLOCK (self);
  }
  g_free (error);
  return FALSE;
}

static gboolean
gst_video_convolve_start (GstBaseTransform * trans)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (trans);
  GstTaskPool *pool;
  gchar *kernel_error;

  GST_OBJECT_LOCK (self);
  kernel_error = g_strdup (self->kernel_error);
  GST_OBJECT_UNLOCK (self);
  if (kernel_error)
    goto invalid_kernel;

  /* Threads are made on demand, never more than the n-threads maximum. */
  pool = gst_shared_task_pool_new ();
  gst_shared_task_pool_set_max_threads (GST_SHARED_TASK_POOL (pool), 64);
  gst_task_pool_prepare (pool, NULL);
  GST_OBJECT_LOCK (self);
  self->pool = pool;
  GST_OBJECT_UNLOCK (self);
  return TRUE;

invalid_kernel:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s", kernel_error),
      ("the kernel property was refused"));
  g_free (kernel_error);
  return FALSE;
}

static gboolean
gst_video_convolve_stop (GstBaseTransform * trans)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (trans);
  GstTaskPool *pool;

  GST_OBJECT_LOCK (self);
  pool = self->pool;
  self->pool = NULL;
  program_unref (self->program);
  self->program = NULL;
  self->negotiated = FALSE;
  g_clear_pointer (&self->posted_error, g_free);
  GST_OBJECT_UNLOCK (self);

  if (pool) {
    gst_task_pool_cleanup (pool);
    gst_object_unref (pool);
  }
  return TRUE;
}

/* Lets a GstController animate the numeric properties. */
static void
gst_video_convolve_before_transform (GstBaseTransform * trans,
    GstBuffer * buffer)
{
  GstClockTime time = gst_segment_to_stream_time (&trans->segment,
      GST_FORMAT_TIME, GST_BUFFER_TIMESTAMP (buffer));

  if (GST_CLOCK_TIME_IS_VALID (time))
    gst_object_sync_values (GST_OBJECT (trans), time);
}

static void
gst_video_convolve_finalize (GObject * object)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (object);

  program_unref (self->program);
  if (self->pool) {
    gst_task_pool_cleanup (self->pool);
    gst_object_unref (self->pool);
  }
  settings_clear (&self->settings);
  for (guint i = 0; i < N_SNAPSHOTS; i++)
    settings_clear (&self->snapshots[i]);
  g_free (self->kernel_error);
  g_free (self->posted_error);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

#define NUMERIC_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | \
    GST_PARAM_CONTROLLABLE | GST_PARAM_MUTABLE_PLAYING)
#define PLAIN_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | \
    GST_PARAM_MUTABLE_PLAYING)

static void
install_int (GObjectClass * gobject_class, guint id, const gchar * name,
    const gchar * nick, const gchar * blurb, gint min, gint def)
{
  g_object_class_install_property (gobject_class, id,
      g_param_spec_int (name, nick, blurb, min, VC_MAX_DIMENSION, def,
          NUMERIC_FLAGS));
}

static void
gst_video_convolve_class_init (GstVideoConvolveClass * klass)
{
  GObjectClass *gobject_class = (GObjectClass *) klass;
  GstElementClass *element_class = (GstElementClass *) klass;
  GstBaseTransformClass *trans_class = (GstBaseTransformClass *) klass;
  GstVideoFilterClass *filter_class = (GstVideoFilterClass *) klass;

  GST_DEBUG_CATEGORY_INIT (gst_video_convolve_debug, "videoconvolve", 0,
      "videoconvolve element");

  gobject_class->set_property = gst_video_convolve_set_property;
  gobject_class->get_property = gst_video_convolve_get_property;
  gobject_class->finalize = gst_video_convolve_finalize;

  g_object_class_install_property (gobject_class, PROP_KERNEL,
      gst_param_spec_array ("kernel", "Kernel",
          "Convolution kernel, one inner array per row, any size from 1x1 "
          "to 255x255, e.g. kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\" (integers "
          "and decimals). Setting it switches preset back to custom",
          kernel_row_param_spec_new (), PLAIN_FLAGS));
  g_object_class_install_property (gobject_class, PROP_PRESET,
      g_param_spec_enum ("preset", "Preset",
          "A named filter: sets kernel, divisor, bias and absolute. sobel, "
          "prewitt and scharr output the gradient magnitude "
          "sqrt(gx^2 + gy^2) of the x kernel and its transpose",
          GST_TYPE_VIDEO_CONVOLVE_PRESET, DEFAULT_PRESET, PLAIN_FLAGS));
  install_int (gobject_class, PROP_STRIDE_X, "stride-x", "Stride X",
      "Step between output columns, in input samples (2 halves the width)",
      1, DEFAULT_STRIDE);
  install_int (gobject_class, PROP_STRIDE_Y, "stride-y", "Stride Y",
      "Step between output rows, in input samples (2 halves the height)",
      1, DEFAULT_STRIDE);
  install_int (gobject_class, PROP_DILATION_X, "dilation-x", "Dilation X",
      "Gap between kernel columns, in input samples (1: adjacent taps; 2: "
      "every other sample)", 1, DEFAULT_DILATION);
  install_int (gobject_class, PROP_DILATION_Y, "dilation-y", "Dilation Y",
      "Gap between kernel rows, in input samples (1: adjacent taps; 2: "
      "every other sample)", 1, DEFAULT_DILATION);
  install_int (gobject_class, PROP_PADDING_X, "padding-x", "Padding X",
      "Samples added on the left and on the right, filled by the border "
      "mode; -1 is \"same\": dilation-x * (kernel width - 1) in all, so "
      "that stride 1 keeps the width", -1, DEFAULT_PADDING);
  install_int (gobject_class, PROP_PADDING_Y, "padding-y", "Padding Y",
      "Samples added at the top and at the bottom, filled by the border "
      "mode; -1 is \"same\": dilation-y * (kernel height - 1) in all, so "
      "that stride 1 keeps the height", -1, DEFAULT_PADDING);
  g_object_class_install_property (gobject_class, PROP_BORDER,
      g_param_spec_enum ("border", "Border",
          "How the padding is filled (numpy.pad modes: constant, edge, "
          "reflect, symmetric, wrap)", GST_TYPE_VIDEO_CONVOLVE_BORDER,
          DEFAULT_BORDER, NUMERIC_FLAGS));
  g_object_class_install_property (gobject_class, PROP_BORDER_VALUE,
      g_param_spec_double ("border-value", "Border value",
          "Padding sample value for border=constant, in sample units "
          "(0..255 for 8-bit formats, 0..65535 for 16-bit; larger values "
          "clamp)", 0, 65535, DEFAULT_BORDER_VALUE, NUMERIC_FLAGS));
  g_object_class_install_property (gobject_class, PROP_DIVISOR,
      g_param_spec_double ("divisor", "Divisor",
          "The weighted sum is divided by it; 0 is auto: the sum of the "
          "kernel's coefficients, or 1 when that sum is 0 (e.g. 16 for "
          "<<1,2,1>,<2,4,2>,<1,2,1>>)", -G_MAXDOUBLE, G_MAXDOUBLE,
          DEFAULT_DIVISOR, NUMERIC_FLAGS));
  g_object_class_install_property (gobject_class, PROP_BIAS,
      g_param_spec_double ("bias", "Bias",
          "Added after the division (and the absolute value), in sample "
          "units, e.g. 128 to centre a signed edge map", -G_MAXDOUBLE,
          G_MAXDOUBLE, DEFAULT_BIAS, NUMERIC_FLAGS));
  g_object_class_install_property (gobject_class, PROP_ABSOLUTE,
      g_param_spec_boolean ("absolute", "Absolute",
          "Take the absolute value before the bias (edge maps)",
          DEFAULT_ABSOLUTE, NUMERIC_FLAGS));
  g_object_class_install_property (gobject_class, PROP_CHANNELS,
      g_param_spec_enum ("channels", "Channels",
          "Which components are convolved; alpha is never convolved",
          GST_TYPE_VIDEO_CONVOLVE_CHANNELS, DEFAULT_CHANNELS, NUMERIC_FLAGS));
  g_object_class_install_property (gobject_class, PROP_N_THREADS,
      g_param_spec_uint ("n-threads", "Threads",
          "Worker threads per frame; 0 is one per core (small frames use "
          "fewer)", 0, 64, DEFAULT_N_THREADS, NUMERIC_FLAGS));

  gst_element_class_set_static_metadata (element_class,
      "Video convolution", "Filter/Effect/Video",
      "Convolves video with any kernel, with stride, padding and dilation "
      "on both axes", "The videoconvolve authors");
  gst_element_class_add_static_pad_template (element_class,
      &gst_video_convolve_sink_template);
  gst_element_class_add_static_pad_template (element_class,
      &gst_video_convolve_src_template);

  trans_class->transform_caps =
      GST_DEBUG_FUNCPTR (gst_video_convolve_transform_caps);
  trans_class->fixate_caps = GST_DEBUG_FUNCPTR (gst_video_convolve_fixate_caps);
  trans_class->before_transform =
      GST_DEBUG_FUNCPTR (gst_video_convolve_before_transform);
  trans_class->start = GST_DEBUG_FUNCPTR (gst_video_convolve_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_video_convolve_stop);
  filter_class->set_info = GST_DEBUG_FUNCPTR (gst_video_convolve_set_info);
  filter_class->transform_frame =
      GST_DEBUG_FUNCPTR (gst_video_convolve_transform_frame);

  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_BORDER, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_CHANNELS, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_PRESET, 0);
}

static void
gst_video_convolve_init (GstVideoConvolve * self)
{
  static const gdouble identity[] = { 1.0 };
  GstVideoConvolveSettings *s = &self->settings;

  settings_set_kernel (s, identity, 1, 1);
  s->preset = DEFAULT_PRESET;
  s->stride_x = s->stride_y = DEFAULT_STRIDE;
  s->dilation_x = s->dilation_y = DEFAULT_DILATION;
  s->padding_x = s->padding_y = DEFAULT_PADDING;
  s->border = DEFAULT_BORDER;
  s->border_value = DEFAULT_BORDER_VALUE;
  s->divisor = DEFAULT_DIVISOR;
  s->bias = DEFAULT_BIAS;
  s->absolute = DEFAULT_ABSOLUTE;
  s->channels = DEFAULT_CHANNELS;
  s->n_threads = DEFAULT_N_THREADS;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
