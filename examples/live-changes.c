/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* live-changes: an application that embeds videoconvolve, sets its kernel
 * as a GValue array, and changes the kernel and the stride while playing.
 *
 *   live-changes OUT.webm [FRAMES]
 *
 * The pipeline (90 frames by default, 320x240, into VP8 in WebM):
 *
 *   videotestsrc ! videoconvolve ! videoscale
 *     ! video/x-raw,width=320,height=240,pixel-aspect-ratio=1/1
 *     ! videoconvert ! vp8enc ! webmmux ! filesink
 *
 * At a third of the frames the stride becomes 2 (videoconvolve's output
 * halves); at two thirds the kernel becomes an edge filter. Changing the
 * stride, padding, dilation or kernel size changes the frame size or the
 * pixel aspect ratio, and an encoder or muxer cannot take new caps in the
 * middle of a stream. So videoscale brings every frame back to the size
 * the encoder started with, and the caps filter fixes the pixel aspect
 * ratio too: given the size alone, videoscale would keep the display
 * aspect ratio by changing the pixel aspect ratio, and the caps would
 * still change. The changes are made from a buffer probe, at exact
 * frames; any thread may set the properties, and each takes effect at the
 * next frame.
 */
#include <gst/gst.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct
{
  GstElement *convolve;
  guint frames, frame;
} App;

/* kernel as GStreamer takes it: a GstValueArray of rows, each a
 * GstValueArray of doubles. */
static void
set_kernel (GstElement * convolve, const gdouble * k, gint rows, gint cols)
{
  GValue kernel = G_VALUE_INIT;

  gst_value_array_init (&kernel, rows);
  for (gint m = 0; m < rows; m++) {
    GValue row = G_VALUE_INIT;

    gst_value_array_init (&row, cols);
    for (gint n = 0; n < cols; n++) {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, k[m * cols + n]);
      gst_value_array_append_and_take_value (&row, &v);
    }
    gst_value_array_append_and_take_value (&kernel, &row);
  }
  g_object_set_property (G_OBJECT (convolve), "kernel", &kernel);
  g_value_unset (&kernel);
}

static GstPadProbeReturn
on_frame (GstPad * pad, GstPadProbeInfo * info, App * app)
{
  static const gdouble edges[] = { -1, -1, -1, -1, 8, -1, -1, -1, -1 };

  if (app->frame == app->frames / 3) {
    g_object_set (app->convolve, "stride-x", 2, "stride-y", 2, NULL);
    printf ("frame %u: stride 2 (videoconvolve's output halves; videoscale "
        "keeps the encoder's size)\n", app->frame);
  } else if (app->frame == 2 * app->frames / 3) {
    set_kernel (app->convolve, edges, 3, 3);
    g_object_set (app->convolve, "absolute", TRUE, NULL);
    printf ("frame %u: an edge kernel\n", app->frame);
  }
  app->frame++;
  return GST_PAD_PROBE_OK;
}

int
main (int argc, char **argv)
{
  static const gdouble blur[] = { 1, 2, 1, 2, 4, 2, 1, 2, 1 };
  App app = { 0 };
  GstElement *pipeline, *src;
  GstBus *bus;
  GstMessage *msg;
  GstPad *pad;
  GError *err = NULL;
  gchar *desc;
  gint status = 0;

  gst_init (&argc, &argv);
  if (argc < 2) {
    fprintf (stderr, "usage: live-changes OUT.webm [FRAMES]\n");
    return 2;
  }
  app.frames = argc > 2 ? (guint) atoi (argv[2]) : 90;
  desc = g_strdup_printf ("videotestsrc name=src num-buffers=%u "
      "pattern=smpte ! video/x-raw,width=320,height=240,framerate=30/1 ! "
      "videoconvolve name=convolve ! videoscale ! "
      "video/x-raw,width=320,height=240,pixel-aspect-ratio=1/1 ! "
      "videoconvert ! vp8enc deadline=1 "
      "! webmmux ! filesink location=\"%s\"", app.frames, argv[1]);
  pipeline = gst_parse_launch (desc, &err);
  g_free (desc);
  if (pipeline == NULL) {
    fprintf (stderr, "live-changes: %s (is GST_PLUGIN_PATH_1_0 set to the "
        "videoconvolve plugin's folder?)\n", err->message);
    return 1;
  }
  app.convolve = gst_bin_get_by_name (GST_BIN (pipeline), "convolve");
  set_kernel (app.convolve, blur, 3, 3);        /* divisor 0: auto, 16 */

  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  pad = gst_element_get_static_pad (src, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER,
      (GstPadProbeCallback) on_frame, &app, NULL);
  gst_object_unref (pad);
  gst_object_unref (src);

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    gst_message_parse_error (msg, &err, NULL);
    fprintf (stderr, "live-changes: %s\n", err->message);
    g_clear_error (&err);
    status = 1;
  } else {
    printf ("wrote %s: %u frames, 320x240\n", argv[1], app.frame);
  }
  gst_message_unref (msg);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (app.convolve);
  gst_object_unref (pipeline);
  return status;
}
