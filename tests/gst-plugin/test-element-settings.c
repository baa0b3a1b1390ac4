/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Settings that mean the same must give the same frames.
 *
 * The identity: on every format of the pad template, a 1x1 kernel (which
 * may pass frames through) and the centred 3x3 identity (which never
 * does) give the same output under absolute, channels, bias and divisor
 * variants, and both give what the documented rule says: Y, RGB and GRAY
 * plus the bias; U and V around their neutral value, folded by absolute;
 * alpha and channels=luma chroma carried.
 *
 * A kernel after a preset: preset=X kernel=K is kernel=K alone (the
 * preset's divisor, bias, absolute and second kernel go with its kernel),
 * while values set after the preset stay; also when the kernel is set
 * while frames flow.
 *
 * preset=gaussian with sigma: the frame of the core's kernel for sigma set
 * explicitly, whether sigma is set before or after the preset (or while
 * frames flow), read back as that kernel; sigma kept under another preset
 * and a custom kernel.
 *
 * numpy.pad's names for the border modes: border=edge is replicate, and
 * reads back as replicate.
 *
 * n-threads=0: one band per core the thread may run on, also where
 * taskset allows fewer cores than the machine has (the element's debug
 * line names the bands); an explicit n-threads stays.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include <sched.h>
#endif
#include <gst/check/gstcheck.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "element-test-util.h"
#include "videoconvolve/presets.h"

#define WIDTH 19
#define HEIGHT 9

static GPtrArray *formats;

/* ------------------------------------------------------------------ */
/* The identity rule */

/* Kernels that map a sample to itself: a 1x1 form and the centred 3x3
 * form, with the divisor that makes them 1. */
typedef struct
{
  const gchar *one, *three;
} Identity;

static const Identity identities[] = {
  {"kernel=<<1>>", "kernel=<<0,0,0>,<0,1,0>,<0,0,0>>"},
  {"kernel=<<2>> divisor=2", "kernel=<<0,0,0>,<0,2,0>,<0,0,0>> divisor=2"},
  {"kernel=<<0.5>> divisor=0.5",
      "kernel=<<0,0,0>,<0,0.5,0>,<0,0,0>> divisor=0.5"},
  {"kernel=<<-1>> divisor=-1", "kernel=<<0,0,0>,<0,-1,0>,<0,0,0>> divisor=-1"},
  {"preset=identity", "kernel=<<0,0,0>,<0,1,0>,<0,0,0>>"},
};

static const gchar *const channels[] = { "all", "luma", "auto" };

static const gdouble biases[] = { 0.0, 0.0001 };

/* What the documented rule makes of one sample under an identity kernel:
 * Y, RGB and GRAY get the bias; U and V (when convolved) are taken
 * around their neutral value, folded by absolute, without the bias. */
static guint
rule (guint word, gboolean chroma, gboolean carried, gboolean absolute,
    gdouble bias, guint depth, guint shift)
{
  gdouble max = (1 << depth) - 1, neutral = 1 << (depth - 1);
  gdouble v = word >> shift;

  if (carried)
    return word;
  if (chroma)
    v = (absolute ? fabs (v - neutral) : v - neutral) + neutral;
  else
    v = round (v + bias);
  return (guint) CLAMP (v, 0, max) << shift;
}

/* The input under the rule; counts in *changed the samples it changes. */
static GstBuffer *
expected_frame (const GstVideoInfo * info, GstBuffer * in, gboolean absolute,
    gboolean luma, gdouble bias, guint * changed)
{
  GstBuffer *out = gst_buffer_copy_deep (in);
  const GstVideoFormatInfo *finfo = info->finfo;
  GstVideoFrame frame;

  *changed = 0;
  fail_unless (gst_video_frame_map (&frame, info, out, GST_MAP_READWRITE));
  for (guint c = 0; c < GST_VIDEO_INFO_N_COMPONENTS (info); c++) {
    gboolean chroma = GST_VIDEO_INFO_IS_YUV (info) &&
        (c == GST_VIDEO_COMP_U || c == GST_VIDEO_COMP_V);
    gboolean carried = (GST_VIDEO_INFO_HAS_ALPHA (info) &&
        c == GST_VIDEO_COMP_A) || (chroma && luma);

    for (gint y = 0; y < GST_VIDEO_INFO_COMP_HEIGHT (info, c); y++) {
      for (gint x = 0; x < GST_VIDEO_INFO_COMP_WIDTH (info, c); x++) {
        guint word = vct_read_sample (&frame, c, x, y);
        guint v = rule (word, chroma, carried, absolute, bias,
            GST_VIDEO_FORMAT_INFO_DEPTH (finfo, c),
            GST_VIDEO_FORMAT_INFO_SHIFT (finfo, c));

        *changed += v != word;
        vct_write_sample (&frame, c, x, y, v);
      }
    }
  }
  gst_video_frame_unmap (&frame);
  return out;
}

/* The output of videoconvolve `props` for `in`; *passthrough says whether
 * the element passed the very buffer through. */
static GstBuffer *
convolve (const gchar * props, const GstVideoInfo * info, GstBuffer * in,
    gboolean * passthrough)
{
  GstHarness *h = vct_harness_new (props);
  GstBuffer *out;

  gst_harness_set_src_caps (h, gst_video_info_to_caps (info));
  /* A second reference: not writable, so never convolved in place. */
  out = vct_push_pull (h, gst_buffer_ref (in));
  fail_unless (out != NULL, "%s: no output", props);
  *passthrough = out == in;
  fail_unless_equals_int (*passthrough, gst_base_transform_is_passthrough
      (GST_BASE_TRANSFORM (h->element)));
  gst_harness_teardown (h);
  return out;
}

/* Checks `props` on `in`: the output equals `expected`; returns whether
 * the element passed the frame through. */
static gboolean
check_output (const gchar * props, const GstVideoInfo * info, GstBuffer * in,
    GstBuffer * expected)
{
  gboolean passthrough;
  GstBuffer *out = convolve (props, info, in, &passthrough);
  gchar *diff = NULL;

  fail_unless (vct_frames_equal (info, out, expected, &diff),
      "videoconvolve %s on %s%s: not as the documented rule says: %s",
      props, GST_VIDEO_INFO_NAME (info),
      passthrough ? " (passed through)" : "", diff);
  gst_buffer_unref (out);
  return passthrough;
}

/* One format: every identity under every setting. Returns how many of
 * the 1x1 runs passed through. */
static guint
check_identity_format (const GstVideoInfo * info, GstBuffer * in)
{
  gboolean yuv = GST_VIDEO_INFO_IS_YUV (info);
  guint n_passthrough = 0;

  for (guint a = 0; a < 2; a++) {
    for (guint ch = 0; ch < G_N_ELEMENTS (channels); ch++) {
      for (guint b = 0; b < G_N_ELEMENTS (biases); b++) {
        gboolean luma = strcmp (channels[ch], "luma") == 0;
        gchar *settings = g_strdup_printf ("absolute=%s channels=%s bias=%g",
            a ? "true" : "false", channels[ch], biases[b]);
        guint changed;
        GstBuffer *expected = expected_frame (info, in, a, luma, biases[b],
            &changed);

        /* The frame has chroma far from neutral: the fold shows. */
        fail_unless (!(yuv && a && !luma) || changed > 0,
            "%s %s: the test frame does not show the chroma rule",
            GST_VIDEO_INFO_NAME (info), settings);
        for (guint k = 0; k < G_N_ELEMENTS (identities); k++) {
          gchar *one = g_strdup_printf ("%s %s", identities[k].one, settings);
          gchar *three = g_strdup_printf ("%s %s", identities[k].three,
              settings);
          gboolean passed = check_output (one, info, in, expected);

          fail_if (check_output (three, info, in, expected),
              "a 3x3 kernel passed the frame through");
          /* The shortcut is still taken where the rule allows it. */
          if (biases[b] == 0.0 && !(yuv && a && !luma))
            fail_unless (passed, "videoconvolve %s on %s: the identity did "
                "not pass the frame through", one, GST_VIDEO_INFO_NAME (info));
          n_passthrough += passed;
          g_free (one);
          g_free (three);
        }
        gst_buffer_unref (expected);
        g_free (settings);
      }
    }
  }
  return n_passthrough;
}

GST_START_TEST (test_identity_rule)
{
  const gchar *name = g_ptr_array_index (formats, __i__);
  GstVideoInfo info;
  GstBuffer *in;
  guint n_passthrough;

  fail_unless (gst_video_info_set_format (&info,
          gst_video_format_from_string (name), WIDTH, HEIGHT));
  in = vct_make_frame (&info, __i__ + 1);
  n_passthrough = check_identity_format (&info, in);
  g_print ("%-9s the 1x1 and 3x3 identities agree with the rule in %u "
      "settings; %u of the 1x1 runs passed through\n", name,
      (guint) (2 * G_N_ELEMENTS (channels) * G_N_ELEMENTS (biases) *
          G_N_ELEMENTS (identities)), n_passthrough);
  gst_buffer_unref (in);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* A kernel after a preset */

#define KERNEL "kernel=<<1,2,1>,<2,4,2>,<1,2,1>>"

/* Whether `a` and `b` make the same frame of `info` from `in`; if not,
 * *diff says where (when diff is not NULL). */
static gboolean
same_output (const gchar * a, const gchar * b, const GstVideoInfo * info,
    GstBuffer * in, gchar ** diff)
{
  gboolean passthrough, same;
  GstBuffer *out_a = convolve (a, info, in, &passthrough);
  GstBuffer *out_b = convolve (b, info, in, &passthrough);

  same = vct_frames_equal (info, out_a, out_b, diff);
  gst_buffer_unref (out_a);
  gst_buffer_unref (out_b);
  return same;
}

static void
check_same (const gchar * a, const gchar * b, const GstVideoInfo * info,
    GstBuffer * in)
{
  gchar *diff = NULL;

  fail_unless (same_output (a, b, info, in, &diff),
      "videoconvolve %s and videoconvolve %s differ on %s: %s", a, b,
      GST_VIDEO_INFO_NAME (info), diff);
}

/* The preset's values are gone once its kernel is: read back. */
static void
check_read_back (const gchar * nick)
{
  gchar *props = g_strdup_printf ("preset=%s " KERNEL, nick);
  GstHarness *h = vct_harness_new (props);
  gdouble divisor, bias;
  gboolean absolute;
  gint preset;

  g_object_get (h->element, "preset", &preset, "divisor", &divisor, "bias",
      &bias, "absolute", &absolute, NULL);
  fail_unless (preset == 0 && divisor == 0.0 && bias == 0.0 && !absolute,
      "videoconvolve %s: preset %d, divisor %g, bias %g, absolute %d; "
      "expected custom (0), auto (0), 0, FALSE", props, preset, divisor,
      bias, absolute);
  gst_harness_teardown (h);
  g_free (props);
}

GST_START_TEST (test_kernel_after_preset)
{
  GstElement *element = gst_element_factory_make ("videoconvolve", NULL);
  GEnumClass *presets;
  GstVideoInfo info;
  GstBuffer *in;

  fail_unless (element != NULL);
  presets = g_type_class_ref (G_PARAM_SPEC_VALUE_TYPE
      (g_object_class_find_property (G_OBJECT_GET_CLASS (element), "preset")));
  gst_object_unref (element);
  fail_unless (gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420,
          WIDTH, HEIGHT));
  in = vct_make_frame (&info, 7);
  for (guint i = 0; i < presets->n_values; i++) {
    const gchar *nick = presets->values[i].value_nick;
    gchar *after = g_strdup_printf ("preset=%s " KERNEL, nick);
    gchar *divisor = g_strdup_printf ("preset=%s " KERNEL " divisor=3", nick);
    gchar *bias = g_strdup_printf ("preset=%s bias=7 " KERNEL, nick);

    check_same (after, KERNEL, &info, in);
    check_same (divisor, KERNEL " divisor=3", &info, in);
    check_same (bias, KERNEL " bias=7", &info, in);
    check_read_back (nick);
    g_free (after);
    g_free (divisor);
    g_free (bias);
  }
  g_print ("%u presets: preset=X " KERNEL " equals the kernel alone, read "
      "back as custom with the defaults; divisor and bias set after the "
      "preset stay\n", presets->n_values);
  gst_buffer_unref (in);
  g_type_class_unref (presets);
}

GST_END_TEST;

/* Set while frames flow: the next frame is the kernel's alone. */
GST_START_TEST (test_kernel_after_preset_live)
{
  static const gchar *const nicks[] = { "sharpen", "sobel", "laplacian" };
  GstVideoInfo info;
  GstBuffer *in;

  fail_unless (gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8,
          WIDTH, HEIGHT));
  in = vct_make_frame (&info, 11);
  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++) {
    gchar *props = g_strdup_printf ("preset=%s", nicks[i]);
    GstHarness *h = vct_harness_new (props);
    gboolean passthrough;
    GstBuffer *alone = convolve (KERNEL, &info, in, &passthrough);
    GstBuffer *out;
    gchar *diff = NULL;

    gst_harness_set_src_caps (h, gst_video_info_to_caps (&info));
    gst_buffer_unref (vct_push_pull (h, gst_buffer_ref (in)));
    vct_set_props (h->element, KERNEL);
    out = vct_push_pull (h, gst_buffer_ref (in));
    fail_unless (vct_frames_equal (&info, out, alone, &diff),
        "%s, then " KERNEL " while playing: not the kernel alone: %s", props,
        diff);
    gst_buffer_unref (out);
    gst_buffer_unref (alone);
    gst_harness_teardown (h);
    g_free (props);
  }
  gst_buffer_unref (in);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* preset=gaussian and sigma */

/* "kernel=<<...>>" of the core's Gaussian for sigma. */
static gchar *
gaussian_kernel_props (gdouble sigma)
{
  gint side = vc_gaussian_kernel (sigma, NULL);
  gdouble *k = g_new (gdouble, side * side);
  GString *str = g_string_new ("kernel=<");

  vc_gaussian_kernel (sigma, k);
  for (gint m = 0; m < side; m++) {
    g_string_append (str, m ? ",<" : "<");
    for (gint n = 0; n < side; n++)
      g_string_append_printf (str, n ? ",%.0f" : "%.0f", k[m * side + n]);
    g_string_append (str, ">");
  }
  g_string_append (str, ">");
  g_free (k);
  return g_string_free (str, FALSE);
}

/* The kernel property read back is the core's kernel for sigma. */
static void
check_gaussian_read_back (GstElement * element, gdouble sigma)
{
  gint side = vc_gaussian_kernel (sigma, NULL);
  gdouble *k = g_new (gdouble, side * side);
  GValue v = G_VALUE_INIT;
  guint rows;

  vc_gaussian_kernel (sigma, k);
  g_value_init (&v, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (element), "kernel", &v);
  rows = gst_value_array_get_size (&v);
  fail_unless (rows == (guint) side, "sigma %g: kernel of %u rows read back, "
      "expected %d", sigma, rows, side);
  for (gint m = 0; m < side; m++) {
    const GValue *row = gst_value_array_get_value (&v, m);

    fail_unless (gst_value_array_get_size (row) == (guint) side);
    for (gint n = 0; n < side; n++)
      fail_unless (g_value_get_double (gst_value_array_get_value (row,
                  n)) == k[m * side + n], "sigma %g: kernel[%d][%d] read "
          "back differs", sigma, m, n);
  }
  g_value_unset (&v);
  g_free (k);
}

GST_START_TEST (test_gaussian_sigma)
{
  static const gdouble sigmas[] = { 0.3, 0.8, 2.0, 2.6, 5.5 };
  GstVideoInfo info;
  GstBuffer *in;

  fail_unless (gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8,
          WIDTH, HEIGHT));
  in = vct_make_frame (&info, 5);
  for (guint i = 0; i < G_N_ELEMENTS (sigmas); i++) {
    gchar *kernel = gaussian_kernel_props (sigmas[i]);
    gchar *after = g_strdup_printf ("preset=gaussian sigma=%g", sigmas[i]);
    gchar *before = g_strdup_printf ("sigma=%g preset=gaussian", sigmas[i]);
    gchar *other = g_strdup_printf ("preset=sobel sigma=%g preset=gaussian",
        sigmas[i]);
    gchar *bias = g_strdup_printf ("preset=gaussian bias=7 sigma=%g",
        sigmas[i]);
    gchar *kernel_bias = g_strdup_printf ("%s bias=7", kernel);
    GstHarness *h = vct_harness_new (after);
    gdouble sigma;
    gint preset;

    check_same (after, kernel, &info, in);
    check_same (before, kernel, &info, in);
    check_same (other, kernel, &info, in);
    check_same (bias, kernel_bias, &info, in);
    check_gaussian_read_back (h->element, sigmas[i]);
    /* A custom kernel keeps sigma; preset=gaussian takes it again. */
    vct_set_props (h->element, KERNEL);
    g_object_get (h->element, "sigma", &sigma, "preset", &preset, NULL);
    fail_unless (sigma == sigmas[i] && preset == 0, "after a kernel: sigma "
        "%g, preset %d", sigma, preset);
    vct_set_props (h->element, "preset=gaussian");
    check_gaussian_read_back (h->element, sigmas[i]);
    gst_harness_teardown (h);
    g_free (kernel);
    g_free (after);
    g_free (before);
    g_free (other);
    g_free (bias);
    g_free (kernel_bias);
  }
  gst_buffer_unref (in);
}

GST_END_TEST;

/* Set while frames flow: the next frame is the new sigma's. */
GST_START_TEST (test_gaussian_sigma_live)
{
  GstVideoInfo info;
  GstBuffer *in, *out, *want;
  GstHarness *h = vct_harness_new ("preset=gaussian sigma=0.8");
  gchar *kernel = gaussian_kernel_props (3.1);
  gboolean passthrough;
  gchar *diff = NULL;

  fail_unless (gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8,
          WIDTH, HEIGHT));
  in = vct_make_frame (&info, 6);
  want = convolve (kernel, &info, in, &passthrough);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (&info));
  gst_buffer_unref (vct_push_pull (h, gst_buffer_ref (in)));
  vct_set_props (h->element, "sigma=3.1");
  out = vct_push_pull (h, gst_buffer_ref (in));
  fail_unless (vct_frames_equal (&info, out, want, &diff),
      "preset=gaussian sigma=0.8, then sigma=3.1 while playing: not the "
      "kernel of sigma 3.1: %s", diff);
  gst_buffer_unref (out);
  gst_buffer_unref (want);
  gst_buffer_unref (in);
  gst_harness_teardown (h);
  g_free (kernel);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* numpy.pad's border names */

/* The nick the border property reads back as, through GstValue. */
static gchar *
border_read_back (GstElement * element)
{
  GValue v = G_VALUE_INIT;
  gchar *nick;

  g_value_init (&v, G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property
          (G_OBJECT_GET_CLASS (element), "border")));
  g_object_get_property (G_OBJECT (element), "border", &v);
  nick = gst_value_serialize (&v);
  g_value_unset (&v);
  return nick;
}

GST_START_TEST (test_border_numpy_names)
{
  /* numpy.pad's mode, and ours of the same meaning. */
  static const gchar *const names[][2] = {
    {"constant", "constant"}, {"edge", "replicate"}, {"reflect", "reflect"},
    {"symmetric", "symmetric"}, {"wrap", "wrap"},
  };
  GstVideoInfo info;
  GstBuffer *in;

  fail_unless (gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420,
          WIDTH, HEIGHT));
  in = vct_make_frame (&info, 13);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    gchar *numpy = g_strdup_printf ("preset=box5 padding-x=3 padding-y=2 "
        "border=%s", names[i][0]);
    gchar *ours = g_strdup_printf ("preset=box5 padding-x=3 padding-y=2 "
        "border=%s", names[i][1]);
    GstHarness *h = vct_harness_new (numpy);
    gchar *nick = border_read_back (h->element);

    fail_unless_equals_string (nick, names[i][1]);
    g_free (nick);
    gst_util_set_object_arg (G_OBJECT (h->element), "border", names[i][0]);
    nick = border_read_back (h->element);
    fail_unless_equals_string (nick, names[i][1]);
    check_same (numpy, ours, &info, in);
    if (i > 0)                  /* the border shows in this frame */
      fail_if (same_output (numpy, "preset=box5 padding-x=3 padding-y=2 "
              "border=constant", &info, in, NULL), "%s is border=constant",
          numpy);
    g_free (nick);
    gst_harness_teardown (h);
    g_free (numpy);
    g_free (ours);
  }
  gst_buffer_unref (in);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* n-threads=0 and the cores the thread may run on */

#ifdef __linux__
static gint logged_bands;

/* Catches the element's debug line "program: N band(s), ...". */
static void
bands_log (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  const gchar *text;

  if (g_strcmp0 (gst_debug_category_get_name (category), "videoconvolve"))
    return;
  text = gst_debug_message_get (message);
  if (text != NULL && g_str_has_prefix (text, "program: "))
    logged_bands = atoi (text + strlen ("program: "));
}

/* The bands of a 320x240 GRAY8 frame (at most 15 of the 16 rows each
 * needs) under props, the calling thread allowed `cores`. */
static gint
bands_on (const cpu_set_t * cores, const gchar * props)
{
  GstVideoInfo info;
  GstHarness *h;

  fail_unless (sched_setaffinity (0, sizeof (*cores), cores) == 0);
  fail_unless (gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 320,
          240));
  logged_bands = 0;
  h = vct_harness_new (props);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (&info));
  gst_buffer_unref (vct_push_pull (h, vct_make_frame (&info, 3)));
  gst_harness_teardown (h);
  return logged_bands;
}

GST_START_TEST (test_threads_follow_affinity)
{
  cpu_set_t all, one;
  int cpu = 0;
  gint cores;

  fail_unless (sched_getaffinity (0, sizeof (all), &all) == 0);
  while (!CPU_ISSET (cpu, &all))
    cpu++;
  CPU_ZERO (&one);
  CPU_SET (cpu, &one);
  cores = MIN (CPU_COUNT (&all), (gint) g_get_num_processors ());
  gst_debug_set_active (TRUE);
  gst_debug_set_threshold_for_name ("videoconvolve", GST_LEVEL_DEBUG);
  gst_debug_remove_log_function (gst_debug_log_default);
  gst_debug_add_log_function (bands_log, NULL, NULL);

  fail_unless_equals_int (bands_on (&one, "preset=gaussian5"), 1);
  fail_unless_equals_int (bands_on (&one, "preset=gaussian5 n-threads=3"), 3);
  fail_unless_equals_int (bands_on (&all, "preset=gaussian5"), MIN (cores, 15));
  fail_unless_equals_int (bands_on (&all, "preset=gaussian5 n-threads=1"), 1);

  gst_debug_remove_log_function (bands_log);
  gst_debug_add_log_function (gst_debug_log_default, NULL, NULL);
  gst_debug_unset_threshold_for_name ("videoconvolve");
}

GST_END_TEST;
#endif

static Suite *
element_settings_suite (void)
{
  Suite *s = suite_create ("element-settings");
  TCase *tc = tcase_create ("settings");

  formats = vct_template_formats (GST_PAD_SINK);
  g_assert (formats->len > 0);
  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_identity_rule, 0, formats->len);
  tcase_add_test (tc, test_kernel_after_preset);
  tcase_add_test (tc, test_kernel_after_preset_live);
  tcase_add_test (tc, test_gaussian_sigma);
  tcase_add_test (tc, test_gaussian_sigma_live);
  tcase_add_test (tc, test_border_numpy_names);
#ifdef __linux__
  tcase_add_test (tc, test_threads_follow_affinity);
#endif
  return s;
}

GST_CHECK_MAIN (element_settings);
