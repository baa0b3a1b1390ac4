/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* videoconvolve under overload: late frames dropped by QoS and counted in
 * frames-dropped; a warning, once, when a live stream's frames cost far
 * more than the framerate allows, and none on a stream that is not live.
 */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "element-test-util.h"

/* A harness for GRAY8 width x height at `fps` frames a second. */
static GstHarness *
harness_at (const gchar * props, gint width, gint height, gint fps,
    gboolean live, GstBus * bus, GstVideoInfo * info)
{
  GstHarness *h = vct_harness_new (props);

  gst_harness_set_live (h, live);
  gst_element_set_bus (h->element, bus);
  gst_video_info_set_format (info, GST_VIDEO_FORMAT_GRAY8, width, height);
  GST_VIDEO_INFO_FPS_N (info) = fps;
  GST_VIDEO_INFO_FPS_D (info) = 1;
  gst_harness_set_src_caps (h, gst_video_info_to_caps (info));
  return h;
}

static GstFlowReturn
push_at (GstHarness * h, const GstVideoInfo * info, guint i, GstClockTime pts)
{
  GstBuffer *in = vct_make_frame (info, i);

  GST_BUFFER_PTS (in) = pts;
  GST_BUFFER_DURATION (in) = GST_SECOND / GST_VIDEO_INFO_FPS_N (info);
  return gst_harness_push (h, in);
}

/* Downstream says everything up to 1 s is late: the frames before it are
 * dropped (no output), counted, and the element goes on after. */
GST_START_TEST (test_qos_drops_counted)
{
  GstBus *bus = gst_bus_new ();
  GstVideoInfo info;
  GstHarness *h = harness_at ("preset=box3", 32, 24, 30, FALSE, bus, &info);
  guint64 dropped;
  guint out;

  fail_unless_equals_int (push_at (h, &info, 0, 0), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  /* earliest time = timestamp + jitter = 1 s */
  fail_unless (gst_harness_push_upstream_event (h,
          gst_event_new_qos (GST_QOS_TYPE_UNDERFLOW, 1.5, GST_SECOND / 2,
              GST_SECOND / 2)));
  for (guint i = 1; i <= 40; i++)
    fail_unless_equals_int (push_at (h, &info, i, i * GST_SECOND / 30),
        GST_FLOW_OK);
  out = gst_harness_buffers_in_queue (h);
  g_object_get (h->element, "frames-dropped", &dropped, NULL);
  /* Frames 1..30 have pts <= 1 s: late. 31..40 come out. */
  fail_unless_equals_uint64 (dropped, 30);
  fail_unless_equals_int (out, 10);
  g_print ("  QoS: 40 frames after a QoS event saying 1 s: %" G_GUINT64_FORMAT
      " dropped (frames-dropped), %u out\n", dropped, out);

  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

static guint
count_warnings (GstBus * bus, gchar ** text)
{
  GstMessage *msg;
  guint n = 0;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING))) {
    GError *err;

    gst_message_parse_warning (msg, &err, NULL);
    if (n++ == 0 && text)
      *text = g_strdup (err->message);
    g_error_free (err);
    gst_message_unref (msg);
  }
  return n;
}

/* 1,000,000 frames a second leave 1 us a frame: any convolution of a
 * 64x64 frame with a 9x9 kernel costs far more. Live: one warning naming
 * the kernel and the cheaper ways; not live: none. */
GST_START_TEST (test_overload_warning)
{
  gboolean live = __i__ == 0;
  GstBus *bus = gst_bus_new ();
  GstVideoInfo info;
  GstHarness *h = harness_at ("kernel=\"<<1,2,3,4,5,4,3,2,1>,"
      "<1,1,1,1,1,1,1,1,1>,<2,2,2,2,2,2,2,2,2>,<1,2,3,4,5,4,3,2,1>,"
      "<0,1,0,1,0,1,0,1,0>,<3,3,3,3,3,3,3,3,3>,<1,0,0,0,1,0,0,0,1>,"
      "<2,1,2,1,2,1,2,1,2>,<1,1,1,1,1,1,1,1,1>>\"", 64, 64, 1000000, live,
      bus, &info);
  gchar *text = NULL;
  guint n;

  for (guint i = 0; i < 10; i++) {
    fail_unless_equals_int (push_at (h, &info, i, i * GST_USECOND),
        GST_FLOW_OK);
    gst_buffer_unref (gst_harness_pull (h));
  }
  n = count_warnings (bus, &text);
  if (live) {
    fail_unless_equals_int (n, 1);
    fail_unless (strstr (text, "9x9 kernel on 64x64 GRAY8") != NULL, "%s",
        text);
    fail_unless (strstr (text, "separable") != NULL, "%s", text);
    g_print ("  live, 10 frames at 1000000 fps: 1 warning: %s\n", text);
  } else {
    fail_unless_equals_int (n, 0);
    g_print ("  not live, 10 frames at 1000000 fps: no warning\n");
  }

  g_free (text);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
videoconvolve_overload_suite (void)
{
  Suite *s = suite_create ("videoconvolve-overload");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_qos_drops_counted);
  tcase_add_loop_test (tc, test_overload_warning, 0, 2);
  return s;
}

GST_CHECK_MAIN (videoconvolve_overload);
