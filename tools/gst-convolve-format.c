/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-convolve's output formats: the container and codecs an output's
 * extension picks, whether encoders and a muxer for them are installed,
 * and encodebin's profile. */
#include "gst-convolve.h"

#include <stdio.h>
#include <string.h>

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

GstEncodingProfile *
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

/* The output's format, or NULL after saying why (*status set). */
const Format *
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
