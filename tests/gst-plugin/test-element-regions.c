/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The regions and roi-meta properties on every format of the pad template:
 * a sample is the whole frame's result (the same element without them)
 * when its footprint in luma pixels meets a selected rectangle, and the
 * input sample elsewhere. The rectangles overlap, reach out of the frame
 * and include an empty one; ROI metas are added by a probe upstream, of a
 * selected type ("face") and of another ("hand"); regions change between
 * two frames.
 */
#include <gst/check/gstcheck.h>

#include "element-test-util.h"

/* The frame size: small and odd for every format; large (and cut into
 * bands) for the threads' test. */
#define MAX_WIDTH 385
#define MAX_HEIGHT 289
#define MASK_SIZE (MAX_WIDTH * MAX_HEIGHT)
static gint frame_w = 37, frame_h = 29;

/* Overlapping, clipped at the left and top and at the right and bottom,
 * and one of zero width. */
#define REGIONS "<<3,2,10,7>,<8,5,12,9>,<-5,-4,8,8>,<30,20,20,20>," \
    "<25,3,0,4>>"
static const gint regions[][4] = {
  {3, 2, 10, 7}, {8, 5, 12, 9}, {-5, -4, 8, 8}, {30, 20, 20, 20},
  {25, 3, 0, 4},
};

/* ROI metas: "face" (selected by roi-meta=face) and "hand" (not). */
static const VctRois rois = { {11, 13, 9, 6}, {1, 20, 6, 5} };

static const VctConfig configs[] = {
  {"gaussian5", "preset=gaussian5"},
  {"sobel", "preset=sobel"},
  {"channels luma, wrap", "preset=box3 channels=luma border=wrap"},
  {"even 2x4, constant", "kernel=\"<<1,2,3,4>,<4,3,2,1>>\" border=constant "
        "border-value=40"},
  {"reals", "kernel=\"<<0.3,-0.7,1.1>,<0.25,1.5,-0.45>,<0.1,0.2,-0.05>>\""},
  {"explicit padding 2, dilation 2", "preset=sharpen dilation-x=2 "
        "dilation-y=2 padding-x=2 padding-y=2 border=reflect"},
};

static GPtrArray *formats;

/* Marks the luma pixels of rectangle r (clipped) in mask. */
static void
mark (guint8 * mask, const gint r[4])
{
  vct_mark_rect (mask, frame_w, frame_h, r);
}

/* out must hold whole's samples inside the mask, in's elsewhere. */
static void
check_frame (const gchar * what, const GstVideoInfo * info,
    const guint8 * mask, GstBuffer * in, GstBuffer * whole, GstBuffer * out)
{
  GstVideoFrame fi, fw, fo;
  gint n_in = 0, n_out = 0;

  fail_unless (gst_video_frame_map (&fi, info, in, GST_MAP_READ));
  fail_unless (gst_video_frame_map (&fw, info, whole, GST_MAP_READ));
  fail_unless (gst_video_frame_map (&fo, info, out, GST_MAP_READ));
  for (guint c = 0; c < GST_VIDEO_INFO_N_COMPONENTS (info); c++)
    for (gint y = 0; y < GST_VIDEO_INFO_COMP_HEIGHT (info, c); y++)
      for (gint x = 0; x < GST_VIDEO_INFO_COMP_WIDTH (info, c); x++) {
        gboolean in_rect = vct_marked (mask, info, c, x, y);
        guint got = vct_read_sample (&fo, c, x, y);
        guint want = vct_read_sample (in_rect ? &fw : &fi, c, x, y);

        fail_unless (got == want, "%s: component %u (%d, %d), %s the "
            "regions, is %u, expected %u (input %u, whole frame %u)", what,
            c, x, y, in_rect ? "inside" : "outside", got, want,
            vct_read_sample (&fi, c, x, y), vct_read_sample (&fw, c, x, y));
        if (in_rect)
          n_in++;
        else
          n_out++;
      }
  /* The test means something: samples on both sides that differ. */
  fail_unless (n_in > 0 && n_out > 0, "%s: %d inside, %d outside", what,
      n_in, n_out);
  gst_video_frame_unmap (&fi);
  gst_video_frame_unmap (&fw);
  gst_video_frame_unmap (&fo);
}

/* The whole frame's result for `in` under `props`. */
static GstBuffer *
whole_frame (const gchar * props, const GstVideoInfo * info, GstBuffer * in)
{
  GstHarness *h = vct_harness_new (props);
  GstBuffer *out;

  gst_harness_set_src_caps (h, gst_video_info_to_caps (info));
  out = vct_push_pull (h, gst_buffer_copy_deep (in));
  fail_unless (out != NULL);
  gst_harness_teardown (h);
  return out;
}

/* One frame of `format` through videoconvolve with `props` plus `extra`
 * (regions or roi-meta), against the same without `extra`. */
static void
check_one (GstVideoFormat format, const VctConfig * cfg, const gchar * extra,
    const guint8 * mask, guint32 seed)
{
  gchar *props = g_strdup_printf ("%s %s", cfg->props, extra);
  gchar *what = g_strdup_printf ("%s %dx%d [%s]",
      gst_video_format_to_string (format), frame_w, frame_h, props);
  GstHarness *h = vct_harness_new (props);
  GstVideoInfo info;
  GstBuffer *in, *whole, *out;

  gst_video_info_set_format (&info, format, frame_w, frame_h);
  in = vct_make_frame (&info, seed);
  whole = whole_frame (cfg->props, &info, in);
  gst_pad_add_probe (h->srcpad, GST_PAD_PROBE_TYPE_BUFFER,
      vct_add_rois_probe, (gpointer) & rois, NULL);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (&info));
  out = vct_push_pull (h, gst_buffer_copy_deep (in));
  fail_unless (out != NULL, "%s: no output", what);
  check_frame (what, &info, mask, in, whole, out);
  gst_buffer_unref (in);
  gst_buffer_unref (whole);
  gst_buffer_unref (out);
  gst_harness_teardown (h);
  g_free (what);
  g_free (props);
}

GST_START_TEST (test_regions)
{
  GstVideoFormat format = gst_video_format_from_string
      (g_ptr_array_index (formats, __i__));
  static guint8 mask[MASK_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    mark (mask, regions[i]);
  for (guint ci = 0; ci < G_N_ELEMENTS (configs); ci++)
    check_one (format, &configs[ci], "regions=\"" REGIONS "\"", mask,
        __i__ * 100 + ci + 1);
}

GST_END_TEST;

GST_START_TEST (test_roi_meta)
{
  GstVideoFormat format = gst_video_format_from_string
      (g_ptr_array_index (formats, __i__));
  static guint8 faces[MASK_SIZE], all[MASK_SIZE], both[MASK_SIZE];

  mark (faces, rois.face);
  mark (all, rois.face);
  mark (all, rois.hand);
  mark (both, rois.face);
  mark (both, regions[0]);
  for (guint ci = 0; ci < G_N_ELEMENTS (configs); ci++) {
    guint32 seed = __i__ * 100 + ci + 51;

    check_one (format, &configs[ci], "roi-meta=face", faces, seed);
    check_one (format, &configs[ci], "roi-meta=*", all, seed);
    check_one (format, &configs[ci], "roi-meta=\"hand, face\"", all, seed);
    check_one (format, &configs[ci], "roi-meta=face regions=\"<<3,2,10,7>>\"",
        both, seed);
  }
}

GST_END_TEST;

/* Regions set between two frames are those of the second; none at all is
 * the whole frame again. */
GST_START_TEST (test_live_change)
{
  const gchar *props = "preset=gaussian5";
  GstHarness *h = vct_harness_new (props);
  static guint8 first[MASK_SIZE], second[MASK_SIZE];
  GstVideoInfo info;
  GstBuffer *in, *whole, *out;
  gchar *diff = NULL;

  mark (first, regions[0]);
  mark (second, regions[1]);
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, frame_w, frame_h);
  in = vct_make_frame (&info, 7);
  whole = whole_frame (props, &info, in);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (&info));

  gst_util_set_object_arg (G_OBJECT (h->element), "regions", "<<3,2,10,7>>");
  out = vct_push_pull (h, gst_buffer_copy_deep (in));
  check_frame ("first regions", &info, first, in, whole, out);
  gst_buffer_unref (out);

  gst_util_set_object_arg (G_OBJECT (h->element), "regions", "<<8,5,12,9>>");
  out = vct_push_pull (h, gst_buffer_copy_deep (in));
  check_frame ("second regions", &info, second, in, whole, out);
  gst_buffer_unref (out);

  gst_util_set_object_arg (G_OBJECT (h->element), "regions", "<>");
  out = vct_push_pull (h, gst_buffer_copy_deep (in));
  fail_unless (vct_frames_equal (&info, out, whole, &diff),
      "no regions: not the whole frame: %s", diff);
  gst_buffer_unref (out);

  gst_buffer_unref (in);
  gst_buffer_unref (whole);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A large frame: rectangles cut into row slices on three threads. */
GST_START_TEST (test_threads)
{
  static const gint big[][4] = { {10, 10, 300, 200}, {200, 150, 200, 200} };
  static const GstVideoFormat fmts[] = { GST_VIDEO_FORMAT_I420,
    GST_VIDEO_FORMAT_RGBA, GST_VIDEO_FORMAT_GRAY16_LE, GST_VIDEO_FORMAT_YUY2
  };
  static const VctConfig cfg = { "gaussian5, 3 threads",
    "preset=gaussian5 n-threads=3"
  };
  static guint8 mask[MASK_SIZE];

  frame_w = MAX_WIDTH;
  frame_h = MAX_HEIGHT;
  mark (mask, big[0]);
  mark (mask, big[1]);
  for (guint f = 0; f < G_N_ELEMENTS (fmts); f++)
    check_one (fmts[f], &cfg,
        "regions=\"<<10,10,300,200>,<200,150,200,200>>\"", mask, 900 + f);
}

GST_END_TEST;

/* The properties read back as set; a refused value keeps the last one. */
GST_START_TEST (test_read_back)
{
  GstHarness *h = vct_harness_new ("regions=\"<<1,2,3,4>,<5,6,0,8>>\" "
      "roi-meta=face");
  GValue v = G_VALUE_INIT;
  gchar *text, *roi;

  g_value_init (&v, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (h->element), "regions", &v);
  text = gst_value_serialize (&v);
  fail_unless_equals_string (text, "< (array)< (int)1, (int)2, (int)3, "
      "(int)4 >, (array)< (int)5, (int)6, (int)0, (int)8 > >");
  g_free (text);
  g_value_unset (&v);
  g_object_get (h->element, "roi-meta", &roi, NULL);
  fail_unless_equals_string (roi, "face");
  g_free (roi);
  /* NULL reads back as "", the default (none), which GstPreset saves. */
  g_object_set (h->element, "roi-meta", NULL, NULL);
  g_object_get (h->element, "roi-meta", &roi, NULL);
  fail_unless_equals_string (roi, "");
  g_free (roi);
  fail_unless_equals_string (G_PARAM_SPEC_STRING (g_object_class_find_property
          (G_OBJECT_GET_CLASS (h->element), "roi-meta"))->default_value, "");

  /* One region alone; then a refused one leaves it. */
  gst_util_set_object_arg (G_OBJECT (h->element), "regions", "<9,8,7,6>");
  gst_util_set_object_arg (G_OBJECT (h->element), "regions", "<<1,2,3>>");
  g_value_init (&v, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (h->element), "regions", &v);
  text = gst_value_serialize (&v);
  fail_unless_equals_string (text, "< (array)< (int)9, (int)8, (int)7, "
      "(int)6 > >");
  g_free (text);
  g_value_unset (&v);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
element_regions_suite (void)
{
  Suite *s = suite_create ("element-regions");
  TCase *tc = tcase_create ("regions");

  formats = vct_template_formats (GST_PAD_SINK);
  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 600);
  tcase_add_loop_test (tc, test_regions, 0, formats->len);
  tcase_add_loop_test (tc, test_roi_meta, 0, formats->len);
  tcase_add_test (tc, test_live_change);
  tcase_add_test (tc, test_threads);
  tcase_add_test (tc, test_read_back);
  return s;
}

GST_CHECK_MAIN (element_regions);
