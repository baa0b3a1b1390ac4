/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-convolve: blur, edge detection or any convolution on a video file,
 * a URI or a V4L2 device, into a file or a window, with progress.
 *
 *   gst-convolve [-y] INPUT OUTPUT [PROPERTY=VALUE...]
 *
 * INPUT    a file, a URI (file://, http://, rtsp://...) or a V4L2 device
 *          (/dev/video0)
 * OUTPUT   a file whose extension picks the container and codecs
 *          (.webm: VP8 + Vorbis, .mkv: VP8 + Vorbis, .ogv/.ogg: Theora +
 *          Vorbis, .mp4/.mov: H.264 + AAC), or "window" to watch it
 * PROPERTY=VALUE  any videoconvolve property, as in gst-launch:
 *          preset=gaussian7, kernel="<<1,2,1>,<2,4,2>,<1,2,1>>", stride-x=2
 * -y, --overwrite  replace an existing OUTPUT (ffmpeg's flag)
 *
 * Every PROPERTY=VALUE is checked before anything is written: an unknown
 * property, a value that does not parse or is out of range, a kernel the
 * element refuses (in its own words) exit 2. So do an OUTPUT that is the
 * INPUT itself (same device and inode: symlinks and hard links too) and
 * an existing OUTPUT without -y.
 *
 * The file is written to ".OUTPUT.XXXXXX.part" beside OUTPUT (through a
 * symlink: beside the file it names) and renamed over it only when the
 * run succeeds: a failed or stopped run leaves OUTPUT as it was and
 * removes the .part file (only a SIGKILL or a crash can leave one).
 *
 * Audio is kept (re-encoded for the output's container). A progress line
 * shows percent, frames per second and time left. Ctrl-C finishes the file
 * cleanly (EOS: the container is closed and plays) and puts it in place; a
 * second Ctrl-C, SIGTERM or SIGHUP (or a Ctrl-C before the first frame)
 * stops at once and writes nothing. Exit status: 0 when the output is
 * complete (or finished by Ctrl-C), 1 on an error or a stop, 2 on bad
 * arguments.
 */
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct
{
  const gchar *ext, *container, *video, *audio, *hint;
} Format;

/* The hints name what encodebin can use here: encoders of rank marginal
 * or more (Debian 12's avenc_aac, in gstreamer1.0-libav, has rank none). */
#define H264_AAC_HINT "gstreamer1.0-plugins-bad (openh264enc for H.264, " \
  "voaacenc for AAC; or x264enc, in gstreamer1.0-plugins-ugly, for H.264)"

static const Format formats[] = {
  {"webm", "video/webm", "video/x-vp8", "audio/x-vorbis",
      "gstreamer1.0-plugins-good (vp8enc, webmmux), -base (vorbisenc)"},
  {"mkv", "video/x-matroska", "video/x-vp8", "audio/x-vorbis",
      "gstreamer1.0-plugins-good (vp8enc, matroskamux), -base (vorbisenc)"},
  {"ogv", "application/ogg", "video/x-theora", "audio/x-vorbis",
      "gstreamer1.0-plugins-base (theoraenc, vorbisenc, oggmux)"},
  {"ogg", "application/ogg", "video/x-theora", "audio/x-vorbis",
      "gstreamer1.0-plugins-base (theoraenc, vorbisenc, oggmux)"},
  {"mp4", "video/quicktime,variant=iso", "video/x-h264",
        "audio/mpeg,mpegversion=4",
      H264_AAC_HINT " and gstreamer1.0-plugins-good (mp4mux)"},
  {"mov", "video/quicktime", "video/x-h264", "audio/mpeg,mpegversion=4",
      H264_AAC_HINT " and gstreamer1.0-plugins-good (qtmux)"},
};

typedef struct
{
  GstElement *pipeline, *src, *convolve, *encodebin, *sink;
  gboolean to_window, interrupted, finished, video_linked, audio_linked;
  /* Set once, from any thread, to end the main loop (see quit ()). */
  gint done;
  guint64 frames;
  gint64 start_us, interrupted_us;
  gdouble fraction;             /* of the input written, as last shown */
  gint exit_code;
  /* The output's real path (through a symlink), and the file the pipeline
   * writes beside it until the run succeeds. */
  gchar *target, *part;
  mode_t mode;
  const Format *format;
  gchar *settings;              /* the PROPERTY=VALUE arguments, for messages */
} App;

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

static const Format *
format_for (const gchar * output)
{
  const gchar *dot = strrchr (output, '.');

  for (guint i = 0; dot && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].ext) == 0)
      return &formats[i];
  return NULL;
}

/* Whether some installed element of `type` makes `caps` (on its src). */
static gboolean
can_make (GstElementFactoryListType type, const gchar * caps_str)
{
  GList *all = gst_element_factory_list_get_elements (type,
      GST_RANK_MARGINAL);
  GstCaps *caps = gst_caps_from_string (caps_str);
  GList *fit = gst_element_factory_list_filter (all, caps, GST_PAD_SRC,
      FALSE);
  gboolean found = fit != NULL;

  gst_plugin_feature_list_free (fit);
  gst_plugin_feature_list_free (all);
  gst_caps_unref (caps);
  return found;
}

static GstEncodingProfile *
make_profile (const Format * f)
{
  GstCaps *c = gst_caps_from_string (f->container);
  GstCaps *v = gst_caps_from_string (f->video);
  GstCaps *a = gst_caps_from_string (f->audio);
  GstEncodingContainerProfile *cp =
      gst_encoding_container_profile_new ("gst-convolve", NULL, c, NULL);
  GstEncodingVideoProfile *vp = gst_encoding_video_profile_new (v, NULL,
      NULL, 1);
  GstEncodingAudioProfile *ap = gst_encoding_audio_profile_new (a, NULL,
      NULL, 0);

  /* Named, for encodebin's request-profile-pad. */
  gst_encoding_profile_set_name ((GstEncodingProfile *) vp, "video");
  gst_encoding_profile_set_name ((GstEncodingProfile *) ap, "audio");

  /* Frames come out of videoconvolve at the rate they go in. */
  gst_encoding_video_profile_set_variableframerate (vp, TRUE);
  gst_encoding_container_profile_add_profile (cp, (GstEncodingProfile *) vp);
  gst_encoding_container_profile_add_profile (cp, (GstEncodingProfile *) ap);
  gst_caps_unref (c);
  gst_caps_unref (v);
  gst_caps_unref (a);
  return (GstEncodingProfile *) cp;
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
static gboolean
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
static gboolean
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

/* The element's own properties (not GstObject's name and parent). */
static gboolean
is_own (GParamSpec * p)
{
  return (p->flags & G_PARAM_WRITABLE) && p->owner_type != GST_TYPE_OBJECT;
}

/* What a property takes, for messages: "it takes an integer from 1 to
 * 65536"; for a type without a range (the kernel), its description. */
static gchar *
describe (GParamSpec * p)
{
  if (G_IS_PARAM_SPEC_INT (p))
    return g_strdup_printf ("it takes an integer from %d to %d",
        G_PARAM_SPEC_INT (p)->minimum, G_PARAM_SPEC_INT (p)->maximum);
  if (G_IS_PARAM_SPEC_UINT (p))
    return g_strdup_printf ("it takes an integer from %u to %u",
        G_PARAM_SPEC_UINT (p)->minimum, G_PARAM_SPEC_UINT (p)->maximum);
  if (G_IS_PARAM_SPEC_DOUBLE (p))
    return g_strdup_printf ("it takes a number from %g to %g",
        G_PARAM_SPEC_DOUBLE (p)->minimum, G_PARAM_SPEC_DOUBLE (p)->maximum);
  if (G_IS_PARAM_SPEC_BOOLEAN (p))
    return g_strdup ("it takes true or false");
  if (G_IS_PARAM_SPEC_ENUM (p)) {
    GEnumClass *e = G_PARAM_SPEC_ENUM (p)->enum_class;
    GString *s = g_string_new ("it takes one of:");

    for (guint i = 0; i < e->n_values; i++)
      g_string_append_printf (s, " %s", e->values[i].value_nick);
    return g_string_free (s, FALSE);
  }
  return g_strdup_printf ("its description: %s", g_param_spec_get_blurb (p));
}

/* The names of the element's properties, for messages. */
static gchar *
property_names (GstElement * element)
{
  guint n;
  GParamSpec **all =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (is_own (all[i]))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", all[i]->name);
  g_free (all);
  return g_string_free (s, FALSE);
}

/* The text of an error message (NULL-safe), or NULL. */
static gchar *
error_text (GstMessage * msg)
{
  GError *err = NULL;
  gchar *text;

  if (msg == NULL)
    return NULL;
  gst_message_parse_error (msg, &err, NULL);
  text = g_strdup (err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  return text;
}

/* What a fresh element says of `value` when it starts with it, or NULL
 * when it takes it. A kernel it cannot use (ragged, empty, NaN...) is
 * refused there, in the element's own words: no second parser here. */
static gchar *
refusal (GParamSpec * p, const GValue * value)
{
  GstElement *probe = gst_element_factory_make ("videoconvolve", NULL);
  GstBus *bus = gst_bus_new ();
  gchar *why = NULL;

  gst_element_set_bus (probe, bus);
  g_object_set_property (G_OBJECT (probe), p->name, value);
  if (gst_element_set_state (probe, GST_STATE_PAUSED) ==
      GST_STATE_CHANGE_FAILURE)
    why = error_text (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR));
  if (why == NULL && gst_element_get_state (probe, NULL, NULL, 0) ==
      GST_STATE_CHANGE_FAILURE)
    why = g_strdup ("the element does not start with it");
  gst_element_set_state (probe, GST_STATE_NULL);
  gst_object_unref (probe);
  gst_object_unref (bus);
  return why;
}

/* Why `text` is no value of `p` (it does not parse, is out of range or is
 * refused by the element), or NULL with `value` set. */
static gchar *
check_value (GParamSpec * p, const gchar * text, GValue * value)
{
  gboolean parsed, in_range;
  gchar *what, *why;

  g_value_init (value, p->value_type);
  parsed = gst_value_deserialize_with_pspec (value, text, p);
  in_range = parsed && !g_param_value_validate (p, value);
  if (in_range)
    return refusal (p, value);
  what = describe (p);
  why = g_strdup_printf ("%s \"%s\" for %s (%s)",
      parsed ? "out of range:" : "cannot read", text, p->name, what);
  g_free (what);
  return why;
}

/* Why `kv` (an argument split at its first '=') names no property. */
static gchar *
no_property (GstElement * convolve, gchar ** kv)
{
  gchar *names = property_names (convolve);
  gchar *why;

  if (kv[0] && kv[1])
    why = g_strdup_printf ("videoconvolve has no property \"%s\" (it has "
        "%s)", kv[0], names);
  else
    why = g_strdup_printf ("not PROPERTY=VALUE (videoconvolve's properties: "
        "%s)", names);
  g_free (names);
  return why;
}

/* Sets one PROPERTY=VALUE argument, or says why not and returns FALSE. */
static gboolean
set_arg (GstElement * convolve, const gchar * arg)
{
  gchar **kv = g_strsplit (arg, "=", 2);
  GParamSpec *p = kv[0] && kv[1] ?
      g_object_class_find_property (G_OBJECT_GET_CLASS (convolve), kv[0]) :
      NULL;
  GValue value = G_VALUE_INIT;
  gchar *why = p && is_own (p) ? check_value (p, kv[1], &value) :
      no_property (convolve, kv);
  gboolean ok = why == NULL;

  if (ok)
    g_object_set_property (G_OBJECT (convolve), p->name, &value);
  else
    fprintf (stderr, "gst-convolve: %s: %s\n", arg, why);
  if (G_IS_VALUE (&value))
    g_value_unset (&value);
  g_free (why);
  g_strfreev (kv);
  return ok;
}

/* Takes -y/--overwrite and -h/--help out of argv (anywhere before "--"),
 * keeping the other arguments in order. FALSE on an unknown option. */
static gboolean
take_options (gint * argc, gchar ** argv, gboolean * overwrite, gboolean * help)
{
  gboolean options = TRUE;
  gint n = 1;

  for (gint i = 1; i < *argc; i++) {
    const gchar *a = argv[i];

    if (options && strcmp (a, "--") == 0)
      options = FALSE;
    else if (options && (!strcmp (a, "-y") || !strcmp (a, "--overwrite")))
      *overwrite = TRUE;
    else if (options && (!strcmp (a, "-h") || !strcmp (a, "--help")))
      *help = TRUE;
    else if (options && a[0] == '-' && a[1] != '\0') {
      fprintf (stderr, "gst-convolve: unknown option %s (--help)\n", a);
      return FALSE;
    } else
      argv[n++] = argv[i];
  }
  *argc = n;
  return TRUE;
}

/* The file INPUT names (a path or a file:// URI), or NULL. */
static gchar *
input_file (const gchar * input)
{
  if (gst_uri_is_valid (input))
    return g_filename_from_uri (input, NULL, NULL);
  return g_strdup (input);
}

/* A new output: its folder must exist. Returns an exit status. */
static gint
check_new_output (App * app, const gchar * output)
{
  gchar *dir = g_path_get_dirname (output);
  gboolean ok = g_file_test (dir, G_FILE_TEST_IS_DIR);

  if (!ok)
    fprintf (stderr, "gst-convolve: no folder %s for %s: create it first\n",
        dir, output);
  g_free (dir);
  app->target = g_strdup (output);
  return ok ? 0 : 1;
}

/* Whether `a` and `b` are one file (device and inode: through symlinks
 * and hard links too). */
static gboolean
same_file (const gchar * a, const GStatBuf * b)
{
  GStatBuf sa;

  return a && g_stat (a, &sa) == 0 && sa.st_dev == b->st_dev &&
      sa.st_ino == b->st_ino;
}

/* Where the output goes (app->target): never the input itself, an
 * existing file only with -y, in a folder that exists. Sets *mode to the
 * replaced file's. Returns an exit status, 0 when it may be written. */
static gint
check_output (App * app, const gchar * input, const gchar * output,
    gboolean overwrite, mode_t * mode)
{
  GStatBuf out;
  gchar *in = input_file (input);
  gboolean same;

  if (g_stat (output, &out) != 0) {
    g_free (in);
    if (errno == ENOENT)
      return check_new_output (app, output);
    fprintf (stderr, "gst-convolve: cannot write %s: %s\n", output,
        g_strerror (errno));
    return 1;
  }
  same = same_file (in, &out);
  g_free (in);
  if (same)
    fprintf (stderr, "gst-convolve: %s and %s are the same file: writing "
        "would destroy the input; choose another output\n", input, output);
  else if (S_ISDIR (out.st_mode))
    fprintf (stderr, "gst-convolve: %s is a folder: give a file name\n",
        output);
  else if (!overwrite)
    fprintf (stderr, "gst-convolve: %s exists: add -y (--overwrite) to "
        "replace it\n", output);
  else
    app->target = realpath (output, NULL);
  if (app->target == NULL)
    return 2;
  *mode = out.st_mode & 07777;
  return 0;
}

/* Creates the file the pipeline writes: ".NAME.XXXXXX.part" beside the
 * target, so that the final rename stays in one file system, with the
 * replaced file's mode (0: a new file's, from the umask). */
static gboolean
make_part (App * app, mode_t mode)
{
  gchar *dir = g_path_get_dirname (app->target);
  gchar *base = g_path_get_basename (app->target);
  gchar *name = g_strdup_printf (".%s.XXXXXX.part", base);
  gint fd;

  app->part = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (app->part, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) {
    fprintf (stderr, "gst-convolve: cannot write in %s: %s\n", dir,
        g_strerror (errno));
    g_clear_pointer (&app->part, g_free);
  } else {
    if (mode)
      fchmod (fd, mode);
    close (fd);
  }
  g_free (name);
  g_free (base);
  g_free (dir);
  return app->part != NULL;
}

/* Once the pipeline is stopped: the finished file replaces the target
 * (synced first, so the rename never shows an empty file); any other end
 * removes it and leaves the target as it was. */
static void
finish_output (App * app)
{
  gint fd;

  if (app->part == NULL)
    return;
  if (app->exit_code == 0) {
    fd = open (app->part, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      fsync (fd);
      close (fd);
    }
    if (g_rename (app->part, app->target) != 0) {
      fprintf (stderr, "gst-convolve: cannot rename %s to %s: %s\n",
          app->part, app->target, g_strerror (errno));
      app->exit_code = 1;
    }
  }
  if (app->exit_code != 0)
    g_unlink (app->part);
}

/* The --help text, on `to`: stdout when asked for, stderr after an error. */
static void
usage (FILE * to)
{
  fputs ("usage: gst-convolve [-y] INPUT OUTPUT [PROPERTY=VALUE...]\n"
      "  INPUT   a video file, a URI or a V4L2 device (/dev/video0)\n"
      "  OUTPUT  a file: .webm or .mkv (VP8 + Vorbis), .ogv (Theora + "
      "Vorbis),\n"
      "          .mp4 or .mov (H.264 + AAC); or \"window\"\n"
      "  PROPERTY=VALUE  videoconvolve properties, e.g. preset=gaussian7,\n"
      "          kernel=\"<<1,2,1>,<2,4,2>,<1,2,1>>\", stride-x=2\n"
      "          (gst-inspect-1.0 videoconvolve); all checked before "
      "writing\n"
      "  -y, --overwrite  replace OUTPUT if it exists (never the input "
      "itself)\n"
      "  -h, --help       this text\n"
      "OUTPUT is written to .OUTPUT.XXXXXX.part beside it, renamed over "
      "OUTPUT\n"
      "only when complete: a failed or stopped run leaves OUTPUT as it "
      "was.\n"
      "Ctrl-C finishes the file early (it plays); a second Ctrl-C, SIGTERM "
      "or\n"
      "SIGHUP stop at once and write nothing.\n"
      "Exit status: 0 done (or finished by Ctrl-C), 1 an error or a stop,\n"
      "2 bad arguments (a value, OUTPUT the input, OUTPUT exists without "
      "-y).\n"
      "example: gst-convolve in.webm blurred.webm preset=gaussian7 "
      "dilation-x=3\n", to);
}

/* A new videoconvolve, installed or (run from a build tree) next door in
 * build/gst-plugin; NULL if neither. */
static GstElement *
videoconvolve_element (void)
{
  GstElement *e = gst_element_factory_make ("videoconvolve", NULL);
  gchar *exe, *dir, *plugins;

  if (e)
    return gst_object_ref_sink (e);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  dir = exe ? g_path_get_dirname (exe) : NULL;
  plugins = dir ? g_build_filename (dir, "..", "gst-plugin", NULL) : NULL;
  if (plugins && g_file_test (plugins, G_FILE_TEST_IS_DIR) &&
      gst_registry_scan_path (gst_registry_get (), plugins))
    e = gst_element_factory_make ("videoconvolve", NULL);
  g_free (plugins);
  g_free (dir);
  g_free (exe);
  return e ? gst_object_ref_sink (e) : NULL;
}

static gboolean
has_element (const gchar * name)
{
  GstElementFactory *f = gst_element_factory_find (name);

  if (f)
    gst_object_unref (f);
  return f != NULL;
}

/* The output's format, or NULL after saying why (*status set). */
static const Format *
check_format (const gchar * output, gint * status)
{
  const Format *f = format_for (output);

  *status = 2;
  if (f == NULL) {
    fprintf (stderr, "gst-convolve: cannot tell the container from \"%s\": "
        "use .webm, .mkv, .ogv, .mp4 or .mov (or \"window\")\n", output);
    return NULL;
  }
  *status = 1;
  if (!can_make (GST_ELEMENT_FACTORY_TYPE_ENCODER, f->video) ||
      !can_make (GST_ELEMENT_FACTORY_TYPE_MUXER, f->container)) {
    fprintf (stderr, "gst-convolve: no encoder or muxer here for .%s "
        "(%s in %s): install %s, or choose .webm\n", f->ext, f->video,
        f->container, f->hint);
    return NULL;
  }
  *status = 0;
  return f;
}

/* Every check, before anything is written: the properties, the input,
 * the output. Returns an exit status (0: go on). */
static gint
check_args (App * app, gint argc, gchar ** argv, gboolean overwrite)
{
  const gchar *input = argv[1], *output = argv[2];
  gint status;

  for (gint i = 3; i < argc; i++)
    if (!set_arg (app->convolve, argv[i]))
      return 2;
  app->settings = argc > 3 ? g_strjoinv (" ", argv + 3) :
      g_strdup ("its default properties");
  if (!gst_uri_is_valid (input) && !g_file_test (input, G_FILE_TEST_EXISTS)) {
    fprintf (stderr, "gst-convolve: no such file: %s\n", input);
    return 1;
  }
  if (g_str_has_prefix (input, "/dev/video") && !has_element ("v4l2src")) {
    fprintf (stderr, "gst-convolve: no v4l2src (Debian: "
        "gstreamer1.0-plugins-good)\n");
    return 1;
  }
  app->to_window = strcmp (output, "window") == 0;
  if (app->to_window)
    return 0;
  app->format = check_format (output, &status);
  if (app->format == NULL)
    return status;
  return check_output (app, input, output, overwrite, &app->mode);
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
static void
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
static void
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

/* Runs INPUT through videoconvolve into OUTPUT. Returns the exit status. */
static gint
run (App * app, const gchar * input, const gchar * output)
{
  guint signals[3];

  signals[0] = g_unix_signal_add (SIGINT, (GSourceFunc) interrupt, app);
  signals[1] = g_unix_signal_add (SIGTERM, (GSourceFunc) stop_now, app);
  signals[2] = g_unix_signal_add (SIGHUP, (GSourceFunc) stop_now, app);
  if (app->to_window || make_part (app, app->mode)) {
    build_pipeline (app, input);
    fprintf (stderr, "gst-convolve: %s -> %s\n", input, output);
    play (app);
    gst_object_unref (app->pipeline);
  } else {
    app->exit_code = 1;
  }
  finish_output (app);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_source_remove (signals[i]);
  return app->exit_code;
}

int
main (int argc, char **argv)
{
  App app = { 0 };
  gboolean overwrite = FALSE, help = FALSE;
  gint status;

  gst_init (&argc, &argv);
  if (!take_options (&argc, argv, &overwrite, &help))
    return 2;
  if (help || argc < 3) {
    usage (help ? stdout : stderr);
    return help ? 0 : 2;
  }
  app.convolve = videoconvolve_element ();
  if (app.convolve == NULL) {
    fprintf (stderr, "gst-convolve: no videoconvolve element: install the "
        "plugin or set GST_PLUGIN_PATH_1_0 to its folder\n");
    return 1;
  }
  status = check_args (&app, argc, argv, overwrite);
  if (status == 0)
    status = run (&app, argv[1], argv[2]);
  gst_object_unref (app.convolve);
  g_free (app.target);
  g_free (app.part);
  g_free (app.settings);
  return status;
}
