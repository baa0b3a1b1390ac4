/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Caps negotiation of videoconvolve: a table of input caps and settings with
 * the output size and pixel aspect ratio worked out by hand, the reverse
 * direction (the input sizes a fixed output size accepts), and the errors
 * an impossible configuration or a bad kernel posts on the bus.
 *
 * Every expected number below is a literal computed by hand from the
 * formula of core/include/videoconvolve/convolve.h, per axis:
 *
 *   explicit padding p:  out = floor ((size + 2p - d * (k - 1) - 1) / s) + 1
 *   "same" (-1):         out = floor ((size - 1) / s) + 1 = ceil (size / s)
 *   PAR:                 out PAR = in PAR * stride-x / stride-y
 *
 * The derivation of each row is in its `how` field, which is printed as
 * the row passes.
 */
#include <gst/check/gstcheck.h>

#include "element-test-util.h"

typedef struct
{
  const gchar *format;
  gint width, height, par_n, par_d;
  const gchar *props;
  gint out_width, out_height, out_par_n, out_par_d;
  gboolean passthrough;
  const gchar *how;
} NegotiationRow;

static const NegotiationRow negotiation_rows[] = {
  /* The identity in its forms: same caps and the very same buffer. */
  {"GRAY8", 64, 48, 1, 1, "", 64, 48, 1, 1, TRUE,
      "defaults: kernel <<1>>, same padding, stride 1"},
  {"GRAY8", 64, 48, 1, 1, "preset=identity padding-x=0 padding-y=0",
      64, 48, 1, 1, TRUE, "k 1, p 0: 64 + 0 - 0 - 1 + 1 = 64"},
  {"GRAY8", 64, 48, 1, 1, "kernel=\"<<2>>\"", 64, 48, 1, 1, TRUE,
      "2 / auto divisor 2 = 1"},
  {"GRAY8", 64, 48, 1, 1, "bias=1", 64, 48, 1, 1, FALSE,
      "1x1 but bias 1: same size, not passthrough"},
  /* "same" padding, odd and even kernels, with dilation. */
  {"GRAY8", 64, 48, 1, 1, "preset=gaussian3", 64, 48, 1, 1, FALSE,
      "3x3 same: pad 1+1, ceil (64/1), ceil (48/1)"},
  {"GRAY8", 64, 48, 1, 1, "kernel=\"<<1,1,1,1>,<1,1,1,1>>\"",
      64, 48, 1, 1, FALSE, "2x4 same: x pad 1+2, y pad 0+1"},
  {"GRAY8", 385, 289, 1, 1, "kernel=\"<<1,2>,<3,4>>\"", 385, 289, 1, 1,
      FALSE, "2x2 same on odd sizes: pad 0+1 per axis"},
  {"GRAY8", 64, 48, 1, 1, "preset=box3 dilation-x=4 dilation-y=3",
      64, 48, 1, 1, FALSE, "3x3 same, dilation 4x3: pad 4+4, 3+3"},
  /* Stride with "same" padding: ceil (size / stride), PAR scaled. */
  {"GRAY8", 64, 48, 1, 1, "stride-x=2", 32, 48, 2, 1, FALSE,
      "ceil (64/2) = 32; PAR 1/1 * 2/1"},
  {"GRAY8", 64, 48, 1, 1, "preset=box3 stride-x=3", 22, 48, 3, 1, FALSE,
      "ceil (64/3) = 22; PAR 1/1 * 3/1"},
  {"GRAY8", 64, 48, 4, 3, "stride-y=2", 64, 24, 2, 3, FALSE,
      "ceil (48/2) = 24; PAR 4/3 * 1/2 = 2/3"},
  {"GRAY8", 385, 289, 1, 1, "preset=gaussian3 stride-y=3", 385, 97, 1, 3,
      FALSE, "ceil (289/3) = 97; PAR 1/1 * 1/3"},
  {"GRAY8", 385, 289, 1, 1, "preset=gaussian3 stride-x=2 stride-y=2",
      193, 145, 1, 1, FALSE, "ceil (385/2) = 193, ceil (289/2) = 145"},
  {"GRAY8", 385, 289, 16, 15, "preset=box3 stride-x=3 stride-y=2",
        129, 145, 8, 5, FALSE,
      "ceil (385/3) = 129, ceil (289/2) = 145; PAR 16/15 * 3/2 = 8/5"},
  /* Explicit padding, with dilation and stride. */
  {"GRAY8", 64, 48, 1, 1,
        "kernel=\"<<1,1,1,1,1,1,1>>\" dilation-x=3 padding-x=0",
      46, 48, 1, 1, FALSE, "64 + 0 - 3*6 - 1 + 1 = 46; kh 1: 48"},
  {"GRAY8", 64, 48, 1, 1, "preset=gaussian3 padding-x=0 padding-y=0",
      62, 46, 1, 1, FALSE, "64 - 2 - 1 + 1 = 62, 48 - 2 = 46"},
  {"GRAY8", 64, 48, 1, 1, "preset=box5 dilation-x=2 dilation-y=2 "
        "padding-x=0 padding-y=0", 56, 40, 1, 1, FALSE,
      "64 - 2*4 = 56, 48 - 2*4 = 40"},
  {"GRAY8", 64, 48, 1, 1, "preset=gaussian3 padding-x=5 padding-y=4",
      72, 54, 1, 1, FALSE, "padding > kernel: 64 + 10 - 2 = 72, 48 + 8 - 2"},
  {"GRAY8", 64, 48, 1, 1, "kernel=\"<<1>>\" padding-x=10 padding-y=0",
      84, 48, 1, 1, FALSE, "1x1 padded: 64 + 20 = 84, not passthrough"},
  {"GRAY8", 64, 48, 1, 1, "preset=gaussian3 padding-x=6 padding-y=6 "
        "stride-x=2 stride-y=2", 37, 29, 1, 1, FALSE,
      "floor (73/2) + 1 = 37, floor (57/2) + 1 = 29"},
  {"GRAY8", 64, 48, 1, 1, "preset=gaussian3 dilation-x=2 dilation-y=2 "
        "padding-x=0 padding-y=0 stride-x=2 stride-y=2", 30, 22, 1, 1, FALSE,
      "floor ((64-4-1)/2) + 1 = 30, floor ((48-4-1)/2) + 1 = 22"},
  /* 1x1 input. */
  {"GRAY8", 1, 1, 1, 1, "preset=gaussian5", 1, 1, 1, 1, FALSE,
      "5x5 same on 1x1: pad 2+2, ceil (1/1)"},
  {"GRAY8", 1, 1, 1, 1, "preset=box3 stride-x=2 stride-y=2", 1, 1, 1, 1,
      FALSE, "ceil (1/2) = 1; PAR 1/1 * 2/2"},
  {"GRAY8", 1, 1, 1, 1, "kernel=\"<<1>>\" padding-x=2 padding-y=1",
      5, 3, 1, 1, FALSE, "1 + 4 = 5, 1 + 2 = 3"},
  /* Other sample sizes and layouts. */
  {"GRAY16_LE", 65, 33, 1, 1, "kernel=\"<<1,2,1>>\" stride-y=2",
      65, 17, 1, 2, FALSE, "ceil (33/2) = 17; PAR 1/1 * 1/2"},
  {"RGBx", 33, 17, 1, 1, "preset=gaussian5 padding-x=1 padding-y=0",
      31, 13, 1, 1, FALSE, "33 + 2 - 4 = 31, 17 - 4 = 13"},
  {"AYUV", 31, 31, 1, 1, "preset=sharpen stride-x=2 padding-y=2",
      16, 33, 2, 1, FALSE, "ceil (31/2) = 16, 31 + 4 - 2 = 33"},
  /* Subsampled formats at odd sizes: the luma size decides. */
  {"I420", 385, 289, 1, 1, "preset=gaussian3", 385, 289, 1, 1, FALSE,
      "same, stride 1"},
  {"I420", 385, 289, 1, 1, "preset=gaussian3 stride-x=2 stride-y=2",
      193, 145, 1, 1, FALSE, "ceil (385/2) = 193, ceil (289/2) = 145"},
  {"I420", 385, 289, 1, 1, "preset=box5 padding-x=0 padding-y=0",
      381, 285, 1, 1, FALSE, "385 - 4 = 381, 289 - 4 = 285"},
  {"I420", 385, 289, 1, 1, "preset=box3 stride-x=3 padding-x=0",
      128, 289, 3, 1, FALSE, "floor (382/3) + 1 = 128; PAR 3/1"},
  {"I420", 63, 47, 1, 1, "preset=box3 padding-x=3 padding-y=1",
      67, 47, 1, 1, FALSE, "63 + 6 - 2 = 67, 47 + 2 - 2 = 47"},
  {"NV12", 385, 289, 1, 1, "preset=box3 stride-x=3 stride-y=3",
      129, 97, 1, 1, FALSE, "ceil (385/3) = 129, ceil (289/3) = 97"},
};

/* The reverse direction: downstream accepts only `downstream`; the
 * element's sink pad must then accept exactly these input sizes. */
typedef struct
{
  const gchar *props;
  const gchar *downstream;      /* fields after video/x-raw,format=GRAY8 */
  gint min_width, max_width, min_height, max_height;
  gint par_n, par_d;            /* expected input PAR; 0: not checked */
  const gchar *how;
} ReverseRow;

static const ReverseRow reverse_rows[] = {
  {"stride-x=2", "width=32,height=48,pixel-aspect-ratio=2/1",
      63, 64, 48, 48, 1, 1, "ceil (W/2) = 32 for W in [63, 64]; PAR 2/1 / 2"},
  {"preset=box3 stride-x=3", "width=22,height=48", 64, 66, 48, 48, 0, 0,
      "ceil (W/3) = 22 for W in [64, 66]"},
  {"stride-y=2", "width=64,height=24,pixel-aspect-ratio=2/3",
      64, 64, 47, 48, 4, 3, "ceil (H/2) = 24 for H in [47, 48]; PAR 2/3 * 2"},
  {"stride-x=2", "width=[32,64],height=48", 63, 128, 48, 48, 0, 0,
      "ceil (W/2) in [32, 64] for W in [63, 128]"},
  {"kernel=\"<<1,1,1,1,1,1,1>>\" dilation-x=3 padding-x=0",
        "width=46,height=48", 64, 64, 48, 48, 0, 0,
      "W - 18 = 46 for W = 64 only"},
  {"preset=gaussian3 padding-x=0 padding-y=0 stride-x=2 stride-y=2",
        "width=10,height=10", 21, 22, 21, 22, 0, 0,
      "floor ((W - 3) / 2) + 1 = 10 for W - 3 in [18, 19]"},
  {"preset=gaussian3 padding-x=5 padding-y=4", "width=72,height=54",
      64, 64, 48, 48, 0, 0, "W + 10 - 2 = 72, H + 8 - 2 = 54"},
  {"kernel=\"<<1,1,1>>\" padding-x=0", "width=1,height=48", 1, 3, 48, 48,
      0, 0, "W - 2 = 1 for W = 3; sizes 1, 2 (no output) kept for the error"},
};

static GstCaps *
make_caps (const gchar * format, gint width, gint height, gint par_n,
    gint par_d)
{
  return gst_caps_new_simple ("video/x-raw",
      "format", G_TYPE_STRING, format,
      "width", G_TYPE_INT, width, "height", G_TYPE_INT, height,
      "framerate", GST_TYPE_FRACTION, 30, 1,
      "pixel-aspect-ratio", GST_TYPE_FRACTION, par_n, par_d, NULL);
}

static GstPad *
element_pad (GstHarness * h, const gchar * name)
{
  GstPad *pad = gst_element_get_static_pad (h->element, name);

  gst_object_unref (pad);       /* the element keeps it */
  return pad;
}

GST_START_TEST (test_negotiation_table)
{
  const NegotiationRow *row = &negotiation_rows[__i__];
  GstHarness *h = vct_harness_new (row->props);
  GstCaps *caps = make_caps (row->format, row->width, row->height,
      row->par_n, row->par_d);
  GstVideoInfo in_info, out_info;
  GstBuffer *in, *out;
  GstCaps *src_caps;
  gboolean passthrough;

  fail_unless (gst_video_info_from_caps (&in_info, caps));
  gst_harness_set_src_caps (h, caps);
  in = vct_make_frame (&in_info, 1000 + __i__);
  fail_unless_equals_int (gst_harness_push (h, gst_buffer_ref (in)),
      GST_FLOW_OK);
  out = gst_harness_pull (h);
  fail_unless (out != NULL);

  src_caps = gst_pad_get_current_caps (element_pad (h, "src"));
  fail_unless (src_caps != NULL);
  fail_unless (gst_video_info_from_caps (&out_info, src_caps));
  fail_unless (GST_VIDEO_INFO_FORMAT (&out_info) ==
      GST_VIDEO_INFO_FORMAT (&in_info));
  fail_unless (GST_VIDEO_INFO_WIDTH (&out_info) == row->out_width &&
      GST_VIDEO_INFO_HEIGHT (&out_info) == row->out_height &&
      GST_VIDEO_INFO_PAR_N (&out_info) == row->out_par_n &&
      GST_VIDEO_INFO_PAR_D (&out_info) == row->out_par_d,
      "row %d (%s): got %" GST_PTR_FORMAT, __i__, row->props, src_caps);

  passthrough = gst_base_transform_is_passthrough (GST_BASE_TRANSFORM
      (h->element));
  fail_unless_equals_int (passthrough, row->passthrough);
  if (row->passthrough) {
    fail_unless (out == in, "passthrough must forward the same buffer");
  } else {
    GstBuffer *ref = vct_reference (h->element, &in_info, in, &out_info);
    gchar *diff = NULL;

    fail_unless (vct_frames_equal (&out_info, out, ref, &diff),
        "row %d (%s): %s", __i__, row->props, diff);
    gst_buffer_unref (ref);
  }

  g_print ("  %-9s %3dx%-3d par %2d/%-2d | %-72s | -> %3dx%-3d par %d/%d%s"
      " | %s\n", row->format, row->width, row->height, row->par_n,
      row->par_d, row->props[0] ? row->props : "(defaults)", row->out_width,
      row->out_height, row->out_par_n, row->out_par_d,
      row->passthrough ? " passthrough" : "", row->how);

  gst_caps_unref (src_caps);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* The caps a reverse row expects on the element's sink pad. */
static GstCaps *
reverse_expected_caps (const ReverseRow * row)
{
  GstCaps *caps = gst_caps_new_simple ("video/x-raw",
      "format", G_TYPE_STRING, "GRAY8", NULL);
  GstStructure *s = gst_caps_get_structure (caps, 0);
  const gint sizes[2][2] = { {row->min_width, row->max_width},
  {row->min_height, row->max_height}
  };
  const gchar *fields[2] = { "width", "height" };

  for (guint i = 0; i < 2; i++) {
    if (sizes[i][0] == sizes[i][1])
      gst_structure_set (s, fields[i], G_TYPE_INT, sizes[i][0], NULL);
    else
      gst_structure_set (s, fields[i], GST_TYPE_INT_RANGE, sizes[i][0],
          sizes[i][1], NULL);
  }
  if (row->par_n)
    gst_structure_set (s, "pixel-aspect-ratio", GST_TYPE_FRACTION,
        row->par_n, row->par_d, NULL);
  return caps;
}

GST_START_TEST (test_reverse_table)
{
  const ReverseRow *row = &reverse_rows[__i__];
  GstHarness *h = vct_harness_new (row->props);
  gchar *downstream = g_strdup_printf ("video/x-raw,format=GRAY8,%s",
      row->downstream);
  GstCaps *expected = reverse_expected_caps (row);
  GstCaps *caps;

  gst_harness_set_sink_caps_str (h, downstream);
  caps = gst_pad_query_caps (element_pad (h, "sink"), NULL);
  /* Compared as sets of sizes: the framerate range of the template goes. */
  caps = gst_caps_make_writable (caps);
  for (guint i = 0; i < gst_caps_get_size (caps); i++)
    gst_structure_remove_field (gst_caps_get_structure (caps, i), "framerate");
  {
    gchar *got = gst_caps_to_string (caps), *want =
        gst_caps_to_string (expected);

    fail_unless (gst_caps_is_equal (caps, expected),
        "%s, downstream %s: sink pad accepts %s, expected %s", row->props,
        row->downstream, got, want);
    g_free (got);
    g_free (want);
  }

  g_print ("  %-62s | downstream %-42s | -> input width [%d, %d], "
      "height [%d, %d] | %s\n", row->props, row->downstream, row->min_width,
      row->max_width, row->min_height, row->max_height, row->how);

  gst_caps_unref (expected);
  gst_caps_unref (caps);
  g_free (downstream);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Settings that must stop a real pipeline with an error whose text holds
 * every pattern of `patterns` (GRegex syntax). */
typedef struct
{
  const gchar *name;
  const gchar *props;
  gboolean start_fails;         /* refused by start (): no PAUSED at all */
  const gchar *patterns[5];
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* floor ((64 + 0 - 20 * (7 - 1) - 1) / 1) + 1 = -56 < 1 */
  {"output size", "kernel=\"<<1,1,1,1,1,1,1>>\" dilation-x=20 padding-x=0",
        FALSE,
      {"output width would be", "\\b64\\b", "\\b20\\b", "\\b7\\b", NULL}},
  {"ragged kernel", "kernel=\"<<1,2>,<1>>\"", TRUE,
      {"ragged", "row 2", NULL}},
  {"NaN coefficient", "kernel=\"<<1,2,3>,<4,5,nan>>\"", TRUE,
      {"kernel\\[1\\]\\[2\\]", "nan", NULL}},
};

GST_START_TEST (test_error_messages)
{
  const ErrorCase *c = &error_cases[__i__];
  GstElement *pipeline, *conv;
  GstStateChangeReturn state_ret;
  GError *error = NULL;
  GstMessage *msg;
  GstBus *bus;
  gchar *debug = NULL;

  pipeline = gst_parse_launch ("videotestsrc num-buffers=2 ! "
      "video/x-raw,format=GRAY8,width=64,height=48 ! "
      "videoconvolve name=conv ! fakesink", &error);
  fail_unless (pipeline != NULL, "%s", error ? error->message : "?");
  conv = gst_bin_get_by_name (GST_BIN (pipeline), "conv");
  vct_set_props (conv, c->props);

  bus = gst_element_get_bus (pipeline);
  state_ret = gst_element_set_state (pipeline, GST_STATE_PLAYING);
  if (c->start_fails)
    fail_unless_equals_int (state_ret, GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND,
      GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  fail_unless (msg != NULL, "%s: no error within 10 s", c->name);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_ERROR);
  fail_unless (GST_MESSAGE_SRC (msg) == GST_OBJECT (conv),
      "%s: error from %s", c->name, GST_MESSAGE_SRC_NAME (msg));
  gst_message_parse_error (msg, &error, &debug);
  for (guint i = 0; c->patterns[i]; i++)
    fail_unless (g_regex_match_simple (c->patterns[i], error->message, 0, 0),
        "%s: \"%s\" not in \"%s\"", c->name, c->patterns[i], error->message);
  g_print ("  %-15s (state change %s): %s\n", c->name,
      gst_element_state_change_return_get_name (state_ret), error->message);

  g_clear_error (&error);
  g_free (debug);
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (conv);
  gst_object_unref (pipeline);
}

GST_END_TEST;

static Suite *
videoconvolve_negotiation_suite (void)
{
  Suite *s = suite_create ("videoconvolve-negotiation");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_negotiation_table, 0,
      G_N_ELEMENTS (negotiation_rows));
  tcase_add_loop_test (tc, test_reverse_table, 0, G_N_ELEMENTS (reverse_rows));
  tcase_add_loop_test (tc, test_error_messages, 0, G_N_ELEMENTS (error_cases));
  return s;
}

GST_CHECK_MAIN (videoconvolve_negotiation);
