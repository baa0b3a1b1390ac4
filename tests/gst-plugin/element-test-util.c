/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared helpers of the element tests: harness set-up, test frames, the
 * per-component reference through the core's scalar implementation, and
 * frame comparison. See element-test-util.h. */
#include "element-test-util.h"

#include <gst/check/gstcheck.h>
#include <string.h>

#include "videoconvolve/convolve.h"
#include "vc-oracle.h"
#include "videoconvolve/presets.h"

void
vct_set_props (GstElement * element, const gchar * props)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (element);
  GError *error = NULL;
  gchar **argv = NULL;
  gint argc = 0;

  if (props == NULL || props[strspn (props, " \t\n")] == '\0')
    return;
  fail_unless (g_shell_parse_argv (props, &argc, &argv, &error),
      "cannot parse properties '%s': %s", props, error ? error->message : "?");

  for (gint i = 0; i < argc; i++) {
    gchar *eq = strchr (argv[i], '=');
    GParamSpec *pspec;
    GValue v = G_VALUE_INIT;

    fail_unless (eq != NULL, "'%s' in '%s' is not name=value", argv[i], props);
    *eq = '\0';
    pspec = g_object_class_find_property (klass, argv[i]);
    fail_unless (pspec != NULL, "%s has no property '%s'",
        GST_ELEMENT_NAME (element), argv[i]);
    g_value_init (&v, G_PARAM_SPEC_VALUE_TYPE (pspec));
    fail_unless (gst_value_deserialize_with_pspec (&v, eq + 1, pspec),
        "cannot read '%s' as a value of property '%s'", eq + 1, argv[i]);
    g_object_set_property (G_OBJECT (element), argv[i], &v);
    g_value_unset (&v);
  }
  g_strfreev (argv);
}

GstHarness *
vct_harness_new (const gchar * props)
{
  GstElementFactory *factory = gst_element_factory_find ("videoconvolve");
  GstHarness *h;

  /* gst_harness_new () would abort with a bare assertion. */
  fail_unless (factory != NULL, "no videoconvolve element: the plugin in "
      "GST_PLUGIN_PATH did not load (see GST_DEBUG=GST_PLUGIN_LOADING:4)");
  gst_object_unref (factory);
  h = gst_harness_new ("videoconvolve");
  vct_set_props (h->element, props);
  return h;
}

GstBuffer *
vct_push_pull (GstHarness * h, GstBuffer * in)
{
  GstFlowReturn ret = gst_harness_push (h, in);

  fail_unless (ret == GST_FLOW_OK, "videoconvolve returned %s for a frame",
      gst_flow_get_name (ret));
  return gst_harness_pull (h);
}

GPtrArray *
vct_template_formats (GstPadDirection direction)
{
  GstElementFactory *factory = gst_element_factory_find ("videoconvolve");
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_free);
  const GList *l;

  /* Runs before the tests, outside check's messaging: plain asserts. */
  g_assert (factory != NULL);
  for (l = gst_element_factory_get_static_pad_templates (factory); l;
      l = l->next) {
    GstStaticPadTemplate *t = l->data;
    GstCaps *caps;
    const GValue *list;

    if (t->direction != direction)
      continue;
    caps = gst_static_caps_get (&t->static_caps);
    list = gst_structure_get_value (gst_caps_get_structure (caps, 0), "format");
    for (guint i = 0; i < gst_value_list_get_size (list); i++)
      g_ptr_array_add (ret,
          g_value_dup_string (gst_value_list_get_value (list, i)));
    gst_caps_unref (caps);
  }
  gst_object_unref (factory);
  return ret;
}

/* xorshift32: a fixed sequence for a seed on every platform. */
static guint32
next_random (guint32 * state)
{
  guint32 x = *state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

GstBuffer *
vct_make_frame (const GstVideoInfo * info, guint32 seed)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info),
      NULL);
  guint32 state = seed * 2654435761u + 0x9e3779b9u;
  GstMapInfo map;

  if (state == 0)
    state = 1;
  fail_unless (gst_buffer_map (buf, &map, GST_MAP_WRITE));
  for (gsize i = 0; i < map.size; i++)
    map.data[i] = (guint8) (next_random (&state) >> 24);
  /* 10-bit formats: valid samples, as sources make them (no bits outside
   * the sample's own). */
  if (GST_VIDEO_INFO_COMP_DEPTH (info, 0) % 8) {
    guint depth = GST_VIDEO_INFO_COMP_DEPTH (info, 0);
    guint shift = GST_VIDEO_FORMAT_INFO_SHIFT (info->finfo, 0);

    for (gsize i = 0; i + 1 < map.size; i += 2) {
      guint16 *w = (guint16 *) (map.data + i);

      *w = (guint16) ((*w & ((1u << depth) - 1)) << shift);
    }
  }
  gst_buffer_unmap (buf, &map);

  /* The layout travels with the buffer, so that strides larger than the
   * default ones for the caps reach the element. */
  gst_buffer_add_video_meta_full (buf, GST_VIDEO_FRAME_FLAG_NONE,
      GST_VIDEO_INFO_FORMAT (info), GST_VIDEO_INFO_WIDTH (info),
      GST_VIDEO_INFO_HEIGHT (info), GST_VIDEO_INFO_N_PLANES (info),
      (gsize *) info->offset, (gint *) info->stride);
  return buf;
}

static gint
sample_bytes (const GstVideoFormatInfo * finfo)
{
  return GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 0) > 8 ? 2 : 1;
}

/* Bytes from a pixel's start to component c. GStreamer 1.22's table puts
 * P010_10LE's V at poffset 1; its pack/unpack functions (and every P010
 * producer) put it at byte 2, the second 16-bit word of the pair. */
gint
vct_component_offset (const GstVideoFormatInfo * finfo, guint c)
{
  gint poffset = GST_VIDEO_FORMAT_INFO_POFFSET (finfo, c);
  gint bytes = sample_bytes (finfo);

  return poffset % bytes ? poffset * bytes : poffset;
}

/* The element's settings, read back through its properties. */
typedef struct
{
  gdouble *kernel, *kernel2;
  gint kh, kw;
  gint stride_x, stride_y, dilation_x, dilation_y, padding_x, padding_y;
  gint border;
  gdouble border_value, divisor, bias;
  gboolean absolute, luma, auto_channels;
} Settings;

static const gchar *
enum_nick (GstElement * element, const gchar * name)
{
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (element), name);
  GEnumClass *klass = g_type_class_peek (G_PARAM_SPEC_VALUE_TYPE (pspec));
  GEnumValue *ev;
  gint value;

  g_object_get (element, name, &value, NULL);
  ev = g_enum_get_value (klass, value);
  fail_unless (ev != NULL, "%s = %d is not a known value", name, value);
  return ev->value_nick;
}

static gdouble
value_to_double (const GValue * v)
{
  GValue d = G_VALUE_INIT;
  gdouble ret;

  g_value_init (&d, G_TYPE_DOUBLE);
  fail_unless (g_value_transform (v, &d), "kernel value is a %s",
      G_VALUE_TYPE_NAME (v));
  ret = g_value_get_double (&d);
  g_value_unset (&d);
  return ret;
}

static void
settings_read (GstElement * element, Settings * s)
{
  GValue kernel = G_VALUE_INIT;
  const VcPreset *preset;

  memset (s, 0, sizeof (*s));
  g_value_init (&kernel, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (element), "kernel", &kernel);
  s->kh = gst_value_array_get_size (&kernel);
  fail_unless (s->kh > 0, "the kernel property has no rows");
  s->kw = gst_value_array_get_size (gst_value_array_get_value (&kernel, 0));
  s->kernel = g_new (gdouble, s->kh * s->kw);
  for (gint m = 0; m < s->kh; m++) {
    const GValue *row = gst_value_array_get_value (&kernel, m);

    fail_unless_equals_int (gst_value_array_get_size (row), s->kw);
    for (gint n = 0; n < s->kw; n++)
      s->kernel[m * s->kw + n] =
          value_to_double (gst_value_array_get_value (row, n));
  }
  g_value_unset (&kernel);

  /* A gradient-magnitude preset (the core says which) has a second
   * kernel, the transpose of the first; custom is no preset there. */
  preset = vc_preset_lookup (enum_nick (element, "preset"));
  if (preset && preset->magnitude) {
    s->kernel2 = g_new (gdouble, s->kh * s->kw);
    vc_kernel_transpose (s->kernel, s->kh, s->kw, s->kernel2);
  }

  g_object_get (element, "stride-x", &s->stride_x, "stride-y", &s->stride_y,
      "dilation-x", &s->dilation_x, "dilation-y", &s->dilation_y,
      "padding-x", &s->padding_x, "padding-y", &s->padding_y,
      "border", &s->border, "border-value", &s->border_value,
      "divisor", &s->divisor, "bias", &s->bias, "absolute", &s->absolute, NULL);
  s->luma = strcmp (enum_nick (element, "channels"), "luma") == 0;
  s->auto_channels = strcmp (enum_nick (element, "channels"), "auto") == 0;
}

static void
settings_clear (Settings * s)
{
  g_free (s->kernel);
  g_free (s->kernel2);
}

static int
scaled_padding (gint padding, guint shift)
{
  return padding < 0 ? VC_PAD_SAME : padding >> shift;
}

/* One component of a mapped frame as a core plane descriptor. */
static void
component_plane (GstVideoFrame * frame, gint c, gint width, gint height,
    VcPlane * plane)
{
  const GstVideoFormatInfo *finfo = frame->info.finfo;
  gint bytes = sample_bytes (finfo);
  gint p = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);

  plane->data = GST_VIDEO_FRAME_PLANE_DATA (frame, p);
  plane->row_stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, p);
  plane->width = width;
  plane->height = height;
  plane->pixel_stride = GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c) / bytes;
  plane->offset = vct_component_offset (finfo, c) / bytes;
  plane->components = 1;
}

/* Where sample (x, y) of component c of a mapped frame is. */
static guint8 *
sample_at (GstVideoFrame * frame, gint c, gint x, gint y)
{
  const GstVideoFormatInfo *finfo = frame->info.finfo;
  gint p = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);
  guint8 *row = (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (frame, p) +
      (gsize) y * GST_VIDEO_FRAME_PLANE_STRIDE (frame, p);

  return row + x * GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c) +
      vct_component_offset (finfo, c);
}

guint
vct_read_sample (GstVideoFrame * frame, gint c, gint x, gint y)
{
  const guint8 *sample = sample_at (frame, c, x, y);

  if (sample_bytes (frame->info.finfo) == 2)
    return *(const guint16 *) sample;
  return *sample;
}

void
vct_write_sample (GstVideoFrame * frame, gint c, gint x, gint y, guint value)
{
  guint8 *sample = sample_at (frame, c, x, y);

  if (sample_bytes (frame->info.finfo) == 2)
    *(guint16 *) sample = (guint16) value;
  else
    *sample = (guint8) value;
}

/* Sets every sample of component c of a frame to value. */
static void
fill_component (GstVideoFrame * frame, gint c, guint value)
{
  for (gint y = 0; y < GST_VIDEO_INFO_COMP_HEIGHT (&frame->info, c); y++)
    for (gint x = 0; x < GST_VIDEO_INFO_COMP_WIDTH (&frame->info, c); x++)
      vct_write_sample (frame, c, x, y, value);
}

static GQuark
tolerance_quark (void)
{
  return g_quark_from_static_string ("vct-tolerance");
}

GstBuffer *
vct_reference (GstElement * element, const GstVideoInfo * in_info,
    GstBuffer * in, const GstVideoInfo * out_info)
{
  const GstVideoFormatInfo *finfo = in_info->finfo;
  GstBuffer *out = gst_buffer_new_allocate (NULL,
      GST_VIDEO_INFO_SIZE (out_info), NULL);
  GstVideoFrame in_frame, out_frame;
  Settings s;

  fail_unless_equals_int (GST_VIDEO_INFO_FORMAT (in_info),
      GST_VIDEO_INFO_FORMAT (out_info));
  gst_buffer_memset (out, 0, 0, GST_VIDEO_INFO_SIZE (out_info));
  settings_read (element, &s);
  fail_unless (gst_video_frame_map (&in_frame, in_info, in, GST_MAP_READ));
  fail_unless (gst_video_frame_map (&out_frame, out_info, out, GST_MAP_WRITE));

  for (guint c = 0; c < GST_VIDEO_FORMAT_INFO_N_COMPONENTS (finfo); c++) {
    gboolean carry = (GST_VIDEO_FORMAT_INFO_HAS_ALPHA (finfo) &&
        c == GST_VIDEO_COMP_A) || (s.luma &&
        GST_VIDEO_FORMAT_INFO_IS_YUV (finfo) && c != GST_VIDEO_COMP_Y);
    /* The chroma rule (README, "Formats and channels"): U and V relative
     * to their neutral value, without the bias, neutral as the constant
     * border; all neutral for a zero-sum kernel with channels=auto. */
    gboolean chroma = !carry && GST_VIDEO_FORMAT_INFO_IS_YUV (finfo) &&
        (c == GST_VIDEO_COMP_U || c == GST_VIDEO_COMP_V);
    gint neutral = 1 << (GST_VIDEO_FORMAT_INFO_DEPTH (finfo, c) - 1);
    gdouble sum = 0.0;
    VcConfig cfg;
    VcPlane src, dst;
    VcError err;
    VcPlan *plan;
    VcStatus status;

    for (gint i = 0; i < s.kh * s.kw; i++)
      sum += s.kernel[i];
    if (chroma && s.auto_channels && sum == 0.0) {
      fill_component (&out_frame, c,
          neutral << GST_VIDEO_FORMAT_INFO_SHIFT (finfo, c));
      continue;
    }

    vc_config_init (&cfg);
    cfg.kernel = s.kernel;
    cfg.kernel_height = s.kh;
    cfg.kernel_width = s.kw;
    cfg.kernel2 = s.kernel2;
    cfg.stride_x = s.stride_x;
    cfg.stride_y = s.stride_y;
    cfg.dilation_x = s.dilation_x;
    cfg.dilation_y = s.dilation_y;
    cfg.pad_left = cfg.pad_right = scaled_padding (s.padding_x,
        GST_VIDEO_FORMAT_INFO_W_SUB (finfo, c));
    cfg.pad_top = cfg.pad_bottom = scaled_padding (s.padding_y,
        GST_VIDEO_FORMAT_INFO_H_SUB (finfo, c));
    cfg.border = (VcBorder) s.border;
    cfg.border_value = s.border_value;
    cfg.divisor = s.divisor;
    cfg.bias = s.bias;
    cfg.absolute = s.absolute;
    cfg.sample_type = sample_bytes (finfo) == 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
    cfg.sample_bits = GST_VIDEO_FORMAT_INFO_DEPTH (finfo, c);
    cfg.sample_shift = GST_VIDEO_FORMAT_INFO_SHIFT (finfo, c);
    if (chroma) {
      cfg.center = neutral;
      cfg.bias = 0;
      cfg.border_value = neutral;
    }
    cfg.width = GST_VIDEO_INFO_COMP_WIDTH (in_info, c);
    cfg.height = GST_VIDEO_INFO_COMP_HEIGHT (in_info, c);
    cfg.out_width = GST_VIDEO_INFO_COMP_WIDTH (out_info, c);
    cfg.out_height = GST_VIDEO_INFO_COMP_HEIGHT (out_info, c);

    plan = vc_plan_new (&cfg, &err);
    fail_unless (plan != NULL, "reference plan for %s component %u "
        "(%dx%d -> %dx%d): %s", GST_VIDEO_INFO_NAME (in_info), c, cfg.width,
        cfg.height, cfg.out_width, cfg.out_height, err.message);
    /* The element may take the "-float" fast path for this kernel, which
     * the core documents as within 1 of the reference. */
    if (!carry && strstr (vc_plan_path_name (plan), "-float"))
      gst_mini_object_set_qdata (GST_MINI_OBJECT (out), tolerance_quark (),
          GINT_TO_POINTER (1), NULL);
    component_plane (&in_frame, c, cfg.width, cfg.height, &src);
    component_plane (&out_frame, c, cfg.out_width, cfg.out_height, &dst);
    if (carry)
      status = vc_plan_execute_carry (plan, &src, &dst, 0, cfg.out_height,
          &err);
    else
      status = vc_plan_execute_reference (plan, &src, &dst, 0,
          cfg.out_height, NULL, &err);
    fail_unless (status == VC_OK, "reference execution for %s component "
        "%u: %s", GST_VIDEO_INFO_NAME (in_info), c, err.message);
    vc_plan_free (plan);
  }

  gst_video_frame_unmap (&out_frame);
  gst_video_frame_unmap (&in_frame);
  settings_clear (&s);
  return out;
}

gboolean
vct_frames_equal (const GstVideoInfo * info, GstBuffer * a, GstBuffer * b,
    gchar ** diff)
{
  GstVideoFrame fa, fb;
  gboolean equal = TRUE;
  guint64 differing = 0;
  gchar *first = NULL;
  /* A reference made for a "-float" path allows a difference of 1. */
  guint tolerance = GPOINTER_TO_INT (gst_mini_object_get_qdata
      (GST_MINI_OBJECT (b), tolerance_quark ()));

  fail_unless (gst_video_frame_map (&fa, info, a, GST_MAP_READ));
  fail_unless (gst_video_frame_map (&fb, info, b, GST_MAP_READ));

  for (guint c = 0; c < GST_VIDEO_INFO_N_COMPONENTS (info); c++) {
    gint w = GST_VIDEO_INFO_COMP_WIDTH (info, c);
    gint h = GST_VIDEO_INFO_COMP_HEIGHT (info, c);
    /* 1 of the sample, which P010 stores << 6. */
    guint tol = tolerance << GST_VIDEO_FORMAT_INFO_SHIFT (info->finfo, c);

    for (gint y = 0; y < h; y++) {
      for (gint x = 0; x < w; x++) {
        guint va = vct_read_sample (&fa, c, x, y);
        guint vb = vct_read_sample (&fb, c, x, y);

        if (va == vb || (va > vb ? va - vb : vb - va) <= tol)
          continue;
        if (equal && diff)
          first = g_strdup_printf ("%s %dx%d: plane %d, component %u, "
              "x %d, y %d (component grid %dx%d): %u != %u",
              GST_VIDEO_INFO_NAME (info), GST_VIDEO_INFO_WIDTH (info),
              GST_VIDEO_INFO_HEIGHT (info),
              GST_VIDEO_INFO_COMP_PLANE (info, c), c, x, y, w, h, va, vb);
        equal = FALSE;
        differing++;
      }
    }
  }

  gst_video_frame_unmap (&fb);
  gst_video_frame_unmap (&fa);
  if (diff)
    *diff = equal ? NULL : g_strdup_printf ("%s; %" G_GUINT64_FORMAT
        " differing samples in all", first, differing);
  g_free (first);
  return equal;
}

void
vct_mark_rect (guint8 * mask, gint width, gint height, const gint r[4])
{
  for (gint y = MAX (r[1], 0); y < MIN (r[1] + r[3], height); y++)
    for (gint x = MAX (r[0], 0); x < MIN (r[0] + r[2], width); x++)
      mask[(gsize) y * width + x] = 1;
}

gboolean
vct_marked (const guint8 * mask, const GstVideoInfo * info, guint c, gint x,
    gint y)
{
  gint ws = GST_VIDEO_FORMAT_INFO_W_SUB (info->finfo, c);
  gint hs = GST_VIDEO_FORMAT_INFO_H_SUB (info->finfo, c);
  gint width = GST_VIDEO_INFO_WIDTH (info), height =
      GST_VIDEO_INFO_HEIGHT (info);

  for (gint ly = y << hs; ly < MIN ((y + 1) << hs, height); ly++)
    for (gint lx = x << ws; lx < MIN ((x + 1) << ws, width); lx++)
      if (mask[(gsize) ly * width + lx])
        return TRUE;
  return FALSE;
}

void
vct_add_rois (GstBuffer * buf, const VctRois * rois)
{
  gst_buffer_add_video_region_of_interest_meta (buf, "face", rois->face[0],
      rois->face[1], rois->face[2], rois->face[3]);
  gst_buffer_add_video_region_of_interest_meta (buf, "hand", rois->hand[0],
      rois->hand[1], rois->hand[2], rois->hand[3]);
}

GstPadProbeReturn
vct_add_rois_probe (GstPad * pad, GstPadProbeInfo * info, gpointer rois)
{
  GstBuffer *buf = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));

  vct_add_rois (buf, rois);
  GST_PAD_PROBE_INFO_DATA (info) = buf;
  return GST_PAD_PROBE_OK;
}
