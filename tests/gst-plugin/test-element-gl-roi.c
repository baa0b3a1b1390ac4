/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* glvideoconvolve's roi-meta against videoconvolve's: the same RGBA frame,
 * with the same ROI metas ("face" and "hand"), through
 *   glupload ! glvideoconvolve PROPS ! gldownload     (the metas added by
 *                                                      a probe after the
 *                                                      upload, which drops
 *                                                      them)
 *   videoconvolve PROPS                               (the metas on the
 *                                                      input buffer)
 * must give the same bytes (integer kernels: the GL results are exact).
 * test-gl.py checks regions the same way; Python cannot add a meta to a
 * buffer inside a probe, so the metas are tested here.
 *
 * Needs a GL context (GST_GL_API and GST_GL_PLATFORM from meson, inside
 * xvfb-run): without one the test exits 77 (skipped).
 */
#include <gst/check/gstcheck.h>

#include "element-test-util.h"

#define WIDTH 67
#define HEIGHT 45

/* The metas of every frame: "face", and "hand" reaching out of the frame
 * at the bottom (a meta's x and y are unsigned). */
static const VctRois rois = { {40, 5, 12, 30}, {0, 30, 25, 20} };

static const VctConfig configs[] = {
  {"face, laplacian", "preset=laplacian roi-meta=face"},
  {"every meta, gaussian7 reflect", "preset=gaussian7 border=reflect "
        "roi-meta=*"},
  {"a list and regions, 2x2 constant", "kernel=\"<<1,2>,<3,4>>\" "
        "border=constant border-value=90 roi-meta=\"hand, face\" "
        "regions=\"<0,0,8,8>\""},
  {"hand, box3 (two passes) wrap", "preset=box3 roi-meta=hand border=wrap"},
  {"no such type", "preset=box5 roi-meta=wing"},
};

/* One frame through glvideoconvolve with props. */
static GstBuffer *
through_gl (const gchar * props, const GstVideoInfo * info, GstBuffer * in)
{
  gchar *launch = g_strdup_printf ("glupload ! glvideoconvolve name=f %s ! "
      "gldownload", props);
  GstHarness *h = gst_harness_new_parse (launch);
  GstElement *f = gst_bin_get_by_name (GST_BIN (h->element), "f");
  GstPad *sink = gst_element_get_static_pad (f, "sink");
  GstBuffer *out;

  /* After glupload, which drops the metas. */
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER, vct_add_rois_probe,
      (gpointer) & rois, NULL);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (info));
  gst_harness_set_sink_caps_str (h, "video/x-raw,format=RGBA");
  out = vct_push_pull (h, gst_buffer_copy_deep (in));
  gst_object_unref (sink);
  gst_object_unref (f);
  gst_harness_teardown (h);
  g_free (launch);
  return out;
}

/* One frame, its metas on it, through videoconvolve with props. */
static GstBuffer *
through_cpu (const gchar * props, const GstVideoInfo * info, GstBuffer * in)
{
  GstHarness *h = vct_harness_new (props);
  GstBuffer *copy = gst_buffer_copy_deep (in), *out;

  vct_add_rois (copy, &rois);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (info));
  out = vct_push_pull (h, copy);
  gst_harness_teardown (h);
  return out;
}

GST_START_TEST (test_roi_meta)
{
  const VctConfig *cfg = &configs[__i__];
  GstVideoInfo info;
  GstBuffer *in, *cpu, *gl, *none;
  gchar *diff = NULL;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBA, WIDTH, HEIGHT);
  in = vct_make_frame (&info, 700 + __i__);
  cpu = through_cpu (cfg->props, &info, in);
  gl = through_gl (cfg->props, &info, in);
  fail_unless (vct_frames_equal (&info, cpu, gl, &diff), "%s: GL and CPU "
      "differ: %s", cfg->name, diff);
  /* The metas select something: the frame is not the input, but for the
   * type no meta has. */
  none = gst_buffer_copy_deep (in);
  fail_unless (vct_frames_equal (&info, none, gl, NULL) ==
      (strstr (cfg->props, "wing") != NULL), "%s: the output should %s the "
      "input", cfg->name, strstr (cfg->props, "wing") ? "be" : "not be");
  gst_buffer_unref (none);
  gst_buffer_unref (in);
  gst_buffer_unref (cpu);
  gst_buffer_unref (gl);
}

GST_END_TEST;

/* Whether glupload gets a GL context here. */
static gboolean
have_gl (void)
{
  GstElement *pipe = gst_parse_launch ("videotestsrc num-buffers=1 ! "
      "glupload ! gldownload ! fakesink", NULL);
  GstMessage *msg;
  gboolean ok;

  if (pipe == NULL)
    return FALSE;
  gst_element_set_state (pipe, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipe), 10 * GST_SECOND,
      GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  ok = msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  if (msg)
    gst_message_unref (msg);
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (pipe);
  return ok;
}

static Suite *
element_gl_roi_suite (void)
{
  Suite *s = suite_create ("element-gl-roi");
  TCase *tc = tcase_create ("roi-meta");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 300);
  tcase_add_loop_test (tc, test_roi_meta, 0, G_N_ELEMENTS (configs));
  return s;
}

int
main (int argc, char **argv)
{
  gst_check_init (&argc, &argv);
  if (!have_gl ()) {
    g_print ("SKIP: no GL context (glupload failed)\n");
    return 77;
  }
  return gst_check_run_suite (element_gl_roi_suite (), "element-gl-roi",
      __FILE__);
}
