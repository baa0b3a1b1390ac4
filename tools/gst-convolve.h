/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-convolve's parts: what they share (see gst-convolve.c for the tool).
 *   gst-convolve.c           main (), the checks in order, the run
 *   gst-convolve-args.c      options and PROPERTY=VALUE arguments
 *   gst-convolve-format.c    output formats: container, codecs, profile
 *   gst-convolve-output.c    the output file: same-file checks, the .part
 *                            file, the final rename
 *   gst-convolve-pipeline.c  the pipeline, the bus, progress and signals
 */
#ifndef GST_CONVOLVE_H
#define GST_CONVOLVE_H

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <sys/types.h>

typedef struct
{
  const gchar *ext, *container, *video, *audio, *hint;
} Format;

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

/* gst-convolve-args.c */
gboolean set_arg (GstElement * convolve, const gchar * arg);
gboolean check_together (GstElement * convolve, const gchar * settings);
gboolean take_options (gint * argc, gchar ** argv, gboolean * overwrite,
    gboolean * help);

/* gst-convolve-format.c */
const Format *check_format (const gchar * output, gint * status);
GstEncodingProfile *make_profile (const Format * f);

/* gst-convolve-output.c */
gint check_output (App * app, const gchar * input, const gchar * output,
    gboolean overwrite, mode_t * mode);
gboolean make_part (App * app, mode_t mode);
void finish_output (App * app);

/* gst-convolve-pipeline.c */
void build_pipeline (App * app, const gchar * input);
void play (App * app);
gboolean interrupt (App * app);
gboolean stop_now (App * app);

#endif /* GST_CONVOLVE_H */
