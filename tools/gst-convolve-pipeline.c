/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-convolve's pipeline: the source, videoconvolve and encodebin ! filesink
 * (or a window), linked as the input's pads come; the bus, the progress
 * line and the signals that finish or stop a run. */
#include "gst-convolve.h"

#include <stdio.h>

/* Ends the main loop, from any thread, whenever it is called: before the
 * loop runs too (g_main_loop_quit () then is lost, and a pad-added
 * failure before g_main_loop_run () hung the tool). */
static void
quit (App * app)
{
  g_atomic_int_set (&app->done, 1);
  g_main_context_wakeup (NULL);
}

static void
fail (App * app, const gchar * fmt, ...)
G_GNUC_PRINTF (2, 3);

     static void fail (App * app, const gchar * fmt, ...)
{
  va_list args;

  va_start (args, fmt);
  fprintf (stderr, "\ngst-convolve: ");
  vfprintf (stderr, fmt, args);
  fputc ('\n', stderr);
  va_end (args);
  app->exit_code = 1;
  quit (app);
}

/* A bin of `description` with ghost pads, or NULL after an error. */
static GstElement *
chain (App * app, const gchar * description)
{
  GError *err = NULL;
  GstElement *bin = gst_parse_bin_from_description (description, TRUE, &err);

  if (bin == NULL) {
    fail (app, "cannot make \"%s\": %s", description, err->message);
    g_clear_error (&err);
  }
  return bin;
}

/* queue ! videoconvert ! videoconvolve ! videoconvert [! autovideosink]
 * as one bin with ghost pads. The first videoconvert passes through the
 * formats videoconvolve takes; it converts only the others. */
static GstElement *
video_chain (App * app)
{
  GstElement *bin = gst_bin_new (NULL);
  GstElement *q = gst_element_factory_make ("queue", NULL);
  GstElement *pre = gst_element_factory_make ("videoconvert", NULL);
  GstElement *post = gst_element_factory_make ("videoconvert", NULL);
  GstElement *last = post;
  GstPad *pad;

  gst_bin_add_many (GST_BIN (bin), q, pre, app->convolve, post, NULL);
  if (!gst_element_link_many (q, pre, app->convolve, post, NULL)) {
    fail (app, "videoconvolve with %s and videoconvert have no frame size "
        "in common: see the limits in gst-inspect-1.0 videoconvolve",
        app->settings);
    gst_object_unref (bin);
    return NULL;
  }
  if (app->to_window) {
    GstElement *sink = gst_element_factory_make ("autovideosink", NULL);

    if (sink == NULL) {
      fail (app, "no autovideosink (Debian: gstreamer1.0-plugins-good)");
      gst_object_unref (bin);
      return NULL;
    }
    gst_bin_add (GST_BIN (bin), sink);
    gst_element_link (post, sink);
    last = NULL;
  }
  pad = gst_element_get_static_pad (q, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  gst_object_unref (pad);
  if (last) {
    pad = gst_element_get_static_pad (last, "src");
    gst_element_add_pad (bin, gst_ghost_pad_new ("src", pad));
    gst_object_unref (pad);
  }
  return bin;
}

/* Links a new decoded pad: the first video stream through videoconvolve,
 * the first audio stream as it is (converted for the encoder). */
static void
pad_added (GstElement * src, GstPad * pad, App * app)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);
  const gchar *name;
  gboolean video;
  GstElement *bin = NULL;
  GstPad *bin_sink, *bin_src;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  video = g_str_has_prefix (name, "video/");
  if (video && !app->video_linked) {
    app->video_linked = TRUE;
    bin = video_chain (app);
  } else if (g_str_has_prefix (name, "audio/") && !app->audio_linked) {
    app->audio_linked = TRUE;
    bin = chain (app, app->to_window ?
        "queue ! audioconvert ! audioresample ! autoaudiosink" :
        "queue ! audioconvert ! audioresample");
  }
  gst_caps_unref (caps);
  if (bin == NULL)
    return;
  gst_bin_add (GST_BIN (app->pipeline), bin);
  bin_src = gst_element_get_static_pad (bin, "src");
  if (bin_src) {
    /* encodebin makes a pad for a stream the profile requires (video_0);
     * an optional one (audio) is requested. */
    GstPad *enc = gst_element_get_static_pad (app->encodebin, video ?
        "video_0" : "audio_0");

    if (enc == NULL)
      g_signal_emit_by_name (app->encodebin, "request-profile-pad",
          video ? "video" : "audio", &enc);
    if (enc == NULL || gst_pad_link (bin_src, enc) != GST_PAD_LINK_OK)
      fail (app, "the output's container takes no %s stream", name);
    if (enc)
      gst_object_unref (enc);
    gst_object_unref (bin_src);
  }
  bin_sink = gst_element_get_static_pad (bin, "sink");
  if (gst_pad_link (pad, bin_sink) != GST_PAD_LINK_OK)
    fail (app, "cannot link the %s stream", name);
  gst_object_unref (bin_sink);
  gst_element_sync_state_with_parent (bin);
}

/* After the input's last pad: without a video stream nothing would ever
 * reach the muxer's video pad, and the run would wait for ever. */
static void
no_more_pads (GstElement * src, App * app)
{
  if (!app->video_linked)
    fail (app, "the input has no video stream");
}

static GstPadProbeReturn
count_frame (GstPad * pad, GstPadProbeInfo * info, App * app)
{
  if (app->frames++ == 0)
    app->start_us = g_get_monotonic_time ();
  return GST_PAD_PROBE_OK;
}

/* The fraction of the input written: the position of the file's sink
 * (what the muxer has handed it; into a window, what was shown) over the
 * input's duration, never less than before, below 1 until EOS; -1 if
 * unknown. The source's position ran ahead of the file by what the queues
 * and the encoder held (100 % while most of it was still to come). */
static gdouble
written_fraction (App * app)
{
  GstElement *out = app->sink ? app->sink : app->pipeline;
  gint64 pos = -1, dur = -1;

  if (app->finished)
    return app->fraction;
  if (!gst_element_query_position (out, GST_FORMAT_TIME, &pos) ||
      (!gst_element_query_duration (app->src, GST_FORMAT_TIME, &dur) &&
          !gst_element_query_duration (app->pipeline, GST_FORMAT_TIME,
              &dur)) || pos < 0 || dur <= 0)
    return -1;
  app->fraction = CLAMP ((gdouble) pos / dur, app->fraction, 0.999);
  return app->fraction;
}

/* "\r 41.2 % | 370 frames | 61.5 frames/s | 0:09 left": the time left
 * from the rate measured since the first frame; after Ctrl-C, that the
 * file is being finished. */
static gboolean
progress (App * app)
{
  gdouble seconds = (g_get_monotonic_time () - app->start_us) / 1e6;
  gdouble fps = app->frames > 1 && seconds > 0 ? app->frames / seconds : 0;
  gdouble done = written_fraction (app);

  fputc ('\r', stderr);
  if (done >= 0)
    fprintf (stderr, "%5.1f %% | ", 100 * done);
  fprintf (stderr, "%" G_GUINT64_FORMAT " frames | %5.1f frames/s",
      app->frames, fps);
  if (app->interrupted && !app->finished) {
    fprintf (stderr, " | finishing the file");
  } else if (!app->finished && done > 0.001 && seconds > 0.2) {
    gint left = seconds * (1 - done) / done;

    fprintf (stderr, " | %d:%02d left", left / 60, left % 60);
  }
  fprintf (stderr, "   ");
  return G_SOURCE_CONTINUE;
}

/* SIGTERM, SIGHUP or a second Ctrl-C: stop now, write nothing. */
gboolean
stop_now (App * app)
{
  fprintf (stderr, "\ngst-convolve: stopped%s\n", app->part ? ": the output "
      "is left as it was" : "");
  app->exit_code = 1;
  quit (app);
  return G_SOURCE_CONTINUE;
}

/* Ctrl-C: finishes the file (EOS), or stops if no frame came yet or it is
 * the second. `timeout -s INT` sends its signal twice at once (to the
 * process and to its group): a SIGINT within 0.2 s of the first is that
 * same one. */
gboolean
interrupt (App * app)
{
  gint64 now = g_get_monotonic_time ();

  if (app->interrupted && now - app->interrupted_us < G_USEC_PER_SEC / 5)
    return G_SOURCE_CONTINUE;
  if (app->interrupted || app->frames == 0)
    return stop_now (app);
  app->interrupted = TRUE;
  app->interrupted_us = now;
  fprintf (stderr, "\ngst-convolve: interrupted: finishing the file (Ctrl-C "
      "again to stop at once and write nothing)\n");
  gst_element_send_event (app->pipeline, gst_event_new_eos ());
  return G_SOURCE_CONTINUE;
}

static gboolean
on_message (GstBus * bus, GstMessage * msg, App * app)
{
  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_EOS:
      app->finished = TRUE;
      if (!app->interrupted)
        app->fraction = 1;
      progress (app);
      fprintf (stderr, "\ngst-convolve: done, %" G_GUINT64_FORMAT " frames"
          "%s\n", app->frames, app->interrupted ? " (interrupted)" : "");
      quit (app);
      break;
    case GST_MESSAGE_ERROR:{
      GError *err = NULL;
      gchar *debug = NULL;

      gst_message_parse_error (msg, &err, &debug);
      fail (app, "%s: %s", GST_OBJECT_NAME (msg->src), err->message);
      g_clear_error (&err);
      g_free (debug);
      break;
    }
    case GST_MESSAGE_WARNING:{
      GError *err = NULL;

      gst_message_parse_warning (msg, &err, NULL);
      fprintf (stderr, "\ngst-convolve: warning from %s: %s\n",
          GST_OBJECT_NAME (msg->src), err->message);
      g_clear_error (&err);
      break;
    }
    case GST_MESSAGE_ELEMENT:
      if (gst_is_missing_plugin_message (msg)) {
        gchar *what = gst_missing_plugin_message_get_description (msg);

        fail (app, "a GStreamer plugin is missing: %s%s%s", what,
            app->format ? "; install " : "",
            app->format ? app->format->hint : "");
        g_free (what);
      }
      break;
    default:
      break;
  }
  return TRUE;
}

/* The source of INPUT, in the pipeline, its pads linked as they come. */
static void
add_source (App * app, const gchar * input)
{
  gboolean device = g_str_has_prefix (input, "/dev/video");
  GstPad *pad;

  if (device) {
    app->src = gst_element_factory_make ("v4l2src", NULL);
    g_object_set (app->src, "device", input, NULL);
  } else {
    gchar *uri = gst_uri_is_valid (input) ? g_strdup (input) :
        gst_filename_to_uri (input, NULL);

    app->src = gst_element_factory_make ("uridecodebin", NULL);
    g_object_set (app->src, "uri", uri, NULL);
    g_free (uri);
  }
  gst_bin_add (GST_BIN (app->pipeline), app->src);
  if (device) {
    pad = gst_element_get_static_pad (app->src, "src");
    pad_added (app->src, pad, app);
    gst_object_unref (pad);
  } else {
    g_signal_connect (app->src, "pad-added", G_CALLBACK (pad_added), app);
    g_signal_connect (app->src, "no-more-pads", G_CALLBACK (no_more_pads), app);
  }
}

/* encodebin ! filesink into the temporary file. */
static void
add_output (App * app)
{
  GstEncodingProfile *profile = make_profile (app->format);

  app->encodebin = gst_element_factory_make ("encodebin", NULL);
  app->sink = gst_element_factory_make ("filesink", NULL);
  g_object_set (app->encodebin, "profile", profile, NULL);
  g_object_set (app->sink, "location", app->part, NULL);
  gst_object_unref (profile);
  gst_bin_add_many (GST_BIN (app->pipeline), app->encodebin, app->sink, NULL);
  gst_element_link (app->encodebin, app->sink);
}

/* The source, videoconvolve and (to a file) encodebin ! filesink. */
void
build_pipeline (App * app, const gchar * input)
{
  GstPad *count_pad;

  app->pipeline = gst_pipeline_new ("gst-convolve");
  add_source (app, input);
  if (!app->to_window)
    add_output (app);
  count_pad = gst_element_get_static_pad (app->convolve, "src");
  gst_pad_add_probe (count_pad, GST_PAD_PROBE_TYPE_BUFFER,
      (GstPadProbeCallback) count_frame, app, NULL);
  gst_object_unref (count_pad);
}

/* Plays the pipeline until EOS, an error or a stop. A pipeline that does
 * not start has posted its error already: that error is the message. */
void
play (App * app)
{
  GstBus *bus = gst_element_get_bus (app->pipeline);
  guint timer = g_timeout_add (500, (GSourceFunc) progress, app);

  gst_bus_add_watch (bus, (GstBusFunc) on_message, app);
  app->start_us = g_get_monotonic_time ();
  if (gst_element_set_state (app->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    if (msg)
      on_message (bus, msg, app);
    else
      fail (app, "the pipeline does not start");
    g_clear_pointer (&msg, gst_message_unref);
  }
  while (!g_atomic_int_get (&app->done))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  gst_element_set_state (app->pipeline, GST_STATE_NULL);
  gst_bus_remove_watch (bus);
  gst_object_unref (bus);
}
