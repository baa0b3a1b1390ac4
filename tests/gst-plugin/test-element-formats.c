/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every format of the pad template, at odd and tiny sizes, under a set of
 * configurations: the element's output (all components, alpha and chroma
 * included) must equal the per-component reference of element-test-util.c
 * exactly, and its source caps must have the size of the formula.
 *
 * VCT_QUICK=1 in the environment leaves out the large frame size (for
 * valgrind runs).
 */
#include <gst/check/gstcheck.h>
#include <sys/mman.h>
#include <unistd.h>

#include "element-test-util.h"
#include "videoconvolve/convolve.h"

/* The first entry must be the identity (checked for passthrough). */
static const VctConfig configs[] = {
  {"identity (defaults)", ""},
  {"gaussian3", "preset=gaussian3"},
  {"gaussian5", "preset=gaussian5"},
  {"box3", "preset=box3"},
  {"sobel", "preset=sobel"},
  {"laplacian absolute", "preset=laplacian absolute=true"},
  {"emboss bias 128", "preset=emboss bias=128"},
  {"explicit doubles",
      "kernel=\"<<0.3,-0.7,1.1>,<0.25,1.5,-0.45>,<0.1,0.2,-0.05>>\""},
  {"stride 2x3", "preset=gaussian3 stride-x=2 stride-y=3"},
  {"dilation 2x1", "preset=box3 dilation-x=2 dilation-y=1"},
  {"constant padding 2/1",
      "preset=gaussian3 padding-x=2 padding-y=1 border=constant "
        "border-value=50"},
  {"constant border-value 300 (255 in 8 bits)",
      "preset=box3 border=constant border-value=300 padding-x=1 "
        "padding-y=2"},
  {"valid 5x5 (no padding)", "preset=gaussian5 padding-x=0 padding-y=0"},
  {"1x1 gain 2", "kernel=\"<<2>>\" divisor=1"},
  {"1x1 identity padded 1/2 wrap",
      "kernel=\"<<1>>\" padding-x=1 padding-y=2 border=wrap"},
  {"1x1 identity stride 2x2", "stride-x=2 stride-y=2"},
  {"even 2x4", "kernel=\"<<1,2,3,4>,<4,3,2,1>>\""},
  {"1x5 dilation-x 3", "kernel=\"<<1,2,3,2,1>>\" dilation-x=3"},
  {"reflect padding 9/7",
      "preset=gaussian3 border=reflect padding-x=9 padding-y=7"},
  {"symmetric padding 9/7",
      "kernel=\"<<1,0,2>,<0,3,0>,<4,0,1>>\" border=symmetric padding-x=9 "
        "padding-y=7"},
  {"wrap padding 9/7 stride 2",
      "kernel=\"<<1,0,2>,<0,3,0>,<4,0,1>>\" border=wrap padding-x=9 "
        "padding-y=7 stride-x=2 stride-y=2"},
  {"replicate padding 3/4", "preset=box5 border=replicate padding-x=3 "
        "padding-y=4"},
  {"channels luma", "preset=gaussian5 channels=luma"},
  {"channels luma stride 3x2",
      "preset=emboss channels=luma stride-x=3 stride-y=2 padding-x=1 "
        "padding-y=0"},
  {"divisor 10 bias -20",
      "kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\" divisor=10 bias=-20"},
  {"negative divisor bias 300",
      "preset=sharpen divisor=-2 bias=300 absolute=false"},
  {"n-threads 1", "preset=gaussian5 n-threads=1"},
  {"n-threads 3", "preset=sharpen n-threads=3"},
  {"n-threads 3 stride 1x2", "preset=scharr n-threads=3 stride-y=2"},
  /* Box cascades; interleaved 8-bit components one job each. */
  {"gaussian sigma 3, 2 threads", "preset=gaussian sigma=3 n-threads=2"},
};

typedef struct
{
  gint width, height;
  /* Input rows and planes with room around them (larger strides and
   * offsets, carried by a GstVideoMeta) instead of the default layout. */
  gboolean padded;
} Size;

/* The last entry is the large one that VCT_QUICK leaves out. */
static const Size sizes[] = {
  {1, 1, FALSE}, {2, 2, FALSE}, {7, 5, FALSE}, {7, 5, TRUE},
  {385, 289, FALSE},
};

static const gchar *const expected_formats[] = {
  "GRAY8", "GRAY16_LE", "RGB", "BGR", "RGBx", "BGRx", "xRGB", "xBGR",
  "RGBA", "BGRA", "ARGB", "ABGR", "AYUV", "I420", "YV12", "Y42B", "Y444",
  "NV12", "NV21", "YUY2", "UYVY", "YVYU", "I420_10LE", "I422_10LE",
  "Y444_10LE", "P010_10LE",
};

#define MAX_FORMATS 64

/* Per-format counts, in memory shared with the forked test processes so
 * that the parent can print the summary. */
typedef struct
{
  gint ran, skipped;
} Counts;

static Counts *counts;
static GPtrArray *formats;
static pid_t main_pid;

static const gchar *
padded_note (const Size * size)
{
  return size->padded ? " (padded strides)" : "";
}

static gint64
expected_output_size (GstElement * element, gboolean horizontal, gint size)
{
  GValue kernel = G_VALUE_INIT;
  gint k, stride, dilation, padding;

  g_value_init (&kernel, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (element), "kernel", &kernel);
  k = horizontal ?
      gst_value_array_get_size (gst_value_array_get_value (&kernel, 0)) :
      gst_value_array_get_size (&kernel);
  g_value_unset (&kernel);
  g_object_get (element,
      horizontal ? "stride-x" : "stride-y", &stride,
      horizontal ? "dilation-x" : "dilation-y", &dilation,
      horizontal ? "padding-x" : "padding-y", &padding, NULL);
  return vc_axis_output_size (size, k, stride, dilation, padding, padding);
}

/* The input layout of `size`: the default one, or with padded planes. */
static void
input_info (GstVideoFormat format, const Size * size, GstVideoInfo * info)
{
  GstVideoAlignment align;

  gst_video_info_set_format (info, format, size->width, size->height);
  if (!size->padded)
    return;
  gst_video_alignment_reset (&align);
  align.padding_top = 2;
  align.padding_left = 4;
  align.padding_right = 6;
  align.padding_bottom = 2;
  fail_unless (gst_video_info_align (info, &align));
}

/* Runs one combination; FALSE if it has no output size (skipped). */
static gboolean
check_one (GstVideoFormat format, const Size * size, guint ci, guint32 seed)
{
  const VctConfig *cfg = &configs[ci];
  GstHarness *h = vct_harness_new (cfg->props);
  gint64 out_w = expected_output_size (h->element, TRUE, size->width);
  gint64 out_h = expected_output_size (h->element, FALSE, size->height);
  GstVideoInfo in_info, out_info;
  GstBuffer *in, *out, *ref;
  GstCaps *caps;
  gchar *what, *diff = NULL;

  if (out_w < 1 || out_h < 1) {
    gst_harness_teardown (h);
    return FALSE;
  }
  what = g_strdup_printf ("%s %dx%d%s -> %" G_GINT64_FORMAT "x%"
      G_GINT64_FORMAT " [%s: %s]", gst_video_format_to_string (format),
      size->width, size->height, padded_note (size), out_w, out_h, cfg->name,
      cfg->props);

  input_info (format, size, &in_info);
  in = vct_make_frame (&in_info, seed);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (&in_info));
  out = vct_push_pull (h, gst_buffer_ref (in));
  fail_unless (out != NULL, "%s: no output", what);

  caps = gst_pad_get_current_caps (h->sinkpad);
  fail_unless (gst_video_info_from_caps (&out_info, caps));
  fail_unless (GST_VIDEO_INFO_FORMAT (&out_info) == format &&
      GST_VIDEO_INFO_WIDTH (&out_info) == out_w &&
      GST_VIDEO_INFO_HEIGHT (&out_info) == out_h,
      "%s: output caps %" GST_PTR_FORMAT, what, caps);
  gst_caps_unref (caps);

  if (ci == 0)
    fail_unless (out == in && gst_base_transform_is_passthrough
        (GST_BASE_TRANSFORM (h->element)), "%s: the identity did not pass "
        "the input buffer through", what);

  ref = vct_reference (h->element, &in_info, in, &out_info);
  fail_unless (vct_frames_equal (&out_info, out, ref, &diff),
      "%s differs from the reference: %s", what, diff);

  gst_buffer_unref (ref);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_harness_teardown (h);
  g_free (what);
  return TRUE;
}

GST_START_TEST (test_template_formats)
{
  GPtrArray *src_formats = vct_template_formats (GST_PAD_SRC);

  fail_unless_equals_int (formats->len, G_N_ELEMENTS (expected_formats));
  fail_unless_equals_int (src_formats->len, formats->len);
  for (guint i = 0; i < formats->len; i++) {
    fail_unless_equals_string (g_ptr_array_index (formats, i),
        expected_formats[i]);
    fail_unless_equals_string (g_ptr_array_index (src_formats, i),
        expected_formats[i]);
  }
  g_ptr_array_unref (src_formats);
}

GST_END_TEST;

GST_START_TEST (test_format)
{
  const gchar *name = g_ptr_array_index (formats, __i__);
  GstVideoFormat format = gst_video_format_from_string (name);
  guint n_sizes = G_N_ELEMENTS (sizes);
  GString *skipped = g_string_new (NULL);
  Counts *c = &counts[__i__];

  fail_unless (format != GST_VIDEO_FORMAT_UNKNOWN, "unknown format %s", name);
  if (g_getenv ("VCT_QUICK"))
    n_sizes--;

  c->ran = c->skipped = 0;
  for (guint si = 0; si < n_sizes; si++) {
    for (guint ci = 0; ci < G_N_ELEMENTS (configs); ci++) {
      guint32 seed = (guint32) (__i__ * 1000 + si * 100 + ci + 1);

      if (check_one (format, &sizes[si], ci, seed)) {
        c->ran++;
      } else {
        c->skipped++;
        g_string_append_printf (skipped, "%s%s at %dx%d%s",
            skipped->len ? ", " : "", configs[ci].name, sizes[si].width,
            sizes[si].height, padded_note (&sizes[si]));
      }
    }
  }
  g_print ("%-9s %4d combinations checked, %d skipped (no output size)%s%s\n",
      name, c->ran, c->skipped, skipped->len ? ": " : "", skipped->str);
  g_string_free (skipped, TRUE);
}

GST_END_TEST;

static void
print_summary (void)
{
  gint ran = 0, skipped = 0;

  if (getpid () != main_pid || counts == NULL)
    return;
  g_print ("\nformat     checked skipped\n");
  for (guint i = 0; i < formats->len; i++) {
    g_print ("%-9s  %7d %7d\n", (gchar *) g_ptr_array_index (formats, i),
        counts[i].ran, counts[i].skipped);
    ran += counts[i].ran;
    skipped += counts[i].skipped;
  }
  g_print ("total      %7d %7d (%u configurations x %u sizes x %u "
      "formats)\n", ran, skipped, (guint) G_N_ELEMENTS (configs),
      (guint) G_N_ELEMENTS (sizes) - (g_getenv ("VCT_QUICK") ? 1 : 0),
      formats->len);
}

static Suite *
element_formats_suite (void)
{
  Suite *s = suite_create ("element-formats");
  TCase *tc = tcase_create ("formats");

  formats = vct_template_formats (GST_PAD_SINK);
  g_assert (formats->len > 0 && formats->len <= MAX_FORMATS);
  counts = mmap (NULL, sizeof (Counts) * MAX_FORMATS, PROT_READ | PROT_WRITE,
      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  g_assert (counts != MAP_FAILED);
  memset (counts, 0, sizeof (Counts) * MAX_FORMATS);
  main_pid = getpid ();
  atexit (print_summary);

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_template_formats);
  tcase_add_loop_test (tc, test_format, 0, formats->len);
  return s;
}

GST_CHECK_MAIN (element_formats);
