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
 * element refuses (in its own words), or values it refuses together
 * (regions with a stride above 1) exit 2. So do an OUTPUT that is the
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
#include "gst-convolve.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

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
  if (argc > 4 && !check_together (app->convolve, app->settings))
    return 2;
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
