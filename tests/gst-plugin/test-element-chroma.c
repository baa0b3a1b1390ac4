/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Chroma as a signed difference (README, "Formats and channels").
 *
 * For every edge preset and every YUV format family the element takes in,
 * the picture as a user sees it (videoconvert to RGB) must look like the
 * GRAY8 route: no colour cast and no colour fringes. Measured on
 * videotestsrc's SMPTE bars at 160x120:
 *   - colour spread: the mean over pixels of max (R, G, B) - min (R, G, B);
 *     a grey picture has 0;
 *   - mean difference: the mean over samples of |YUV route - GRAY8 route|.
 *     YUV luma is limited range (16..235) and GRAY8 full range, so an edge
 *     is some levels weaker or stronger there; the bound allows that.
 * And with channels=all, flat colour (a frame of one colour) keeps its
 * chroma at the neutral value under every zero-sum preset. The 10-bit
 * formats are read back through videoconvert too, which places P010's
 * samples by GStreamer's own unpack functions.
 */
#include <gst/check/gstcheck.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "element-test-util.h"
#include "videoconvolve/presets.h"

#define WIDTH 160
#define HEIGHT 120

/* The edge presets: those whose kernel sums to 0, asked of the core (its
 * list, in its order), so that a new one is tested too. */
static GPtrArray *presets;

static GPtrArray *
zero_sum_presets (void)
{
  GPtrArray *ret = g_ptr_array_new ();
  gint n;
  const VcPreset *all = vc_presets (&n);

  for (gint i = 0; i < n; i++) {
    gdouble sum = 0;

    for (gint k = 0; k < all[i].kernel_height * all[i].kernel_width; k++)
      sum += all[i].kernel[k];
    if (sum == 0)
      g_ptr_array_add (ret, (gpointer) all[i].nick);
  }
  return ret;
}

static const gchar *const yuv_formats[] = {
  "I420", "NV12", "Y42B", "YUY2", "UYVY", "AYUV", "I420_10LE", "P010_10LE",
};

/* The first frame of `description` (a gst-launch line ending in appsink
 * name=sink), mapped for reading; pulled_release () stops the pipeline. */
typedef struct
{
  GstElement *pipeline;
  GstSample *sample;
  GstVideoInfo info;
  GstVideoFrame frame;
} Pulled;

static void
pull_frame (const gchar * description, Pulled * p)
{
  GError *error = NULL;
  GstElement *sink;

  p->pipeline = gst_parse_launch (description, &error);
  fail_unless (p->pipeline != NULL, "%s: %s", description,
      error ? error->message : "?");
  sink = gst_bin_get_by_name (GST_BIN (p->pipeline), "sink");
  fail_unless (gst_element_set_state (p->pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
  p->sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
      10 * GST_SECOND);
  gst_object_unref (sink);
  fail_unless (p->sample != NULL, "%s: no frame", description);
  fail_unless (gst_video_info_from_caps (&p->info,
          gst_sample_get_caps (p->sample)));
  fail_unless (gst_video_frame_map (&p->frame, &p->info,
          gst_sample_get_buffer (p->sample), GST_MAP_READ));
}

static void
pulled_release (Pulled * p)
{
  gst_video_frame_unmap (&p->frame);
  gst_sample_unref (p->sample);
  gst_element_set_state (p->pipeline, GST_STATE_NULL);
  gst_object_unref (p->pipeline);
}

/* One RGB frame of `description`, as WIDTH x HEIGHT x 3 bytes. */
static guint8 *
render_rgb (const gchar * description)
{
  guint8 *rgb = g_malloc (WIDTH * HEIGHT * 3);
  Pulled p;

  pull_frame (description, &p);
  for (gint y = 0; y < HEIGHT; y++)
    memcpy (rgb + y * WIDTH * 3, (guint8 *) GST_VIDEO_FRAME_PLANE_DATA
        (&p.frame, 0) + y * GST_VIDEO_FRAME_PLANE_STRIDE (&p.frame, 0),
        WIDTH * 3);
  pulled_release (&p);
  return rgb;
}

/* SMPTE bars as `format` through videoconvolve `props`, seen as RGB. */
static guint8 *
route_props (const gchar * format, const gchar * props)
{
  gchar *line = g_strdup_printf ("videotestsrc num-buffers=1 pattern=smpte ! "
      "video/x-raw,format=%s,width=%d,height=%d ! videoconvolve %s ! "
      "videoconvert ! video/x-raw,format=RGB ! appsink name=sink sync=false",
      format, WIDTH, HEIGHT, props);
  guint8 *rgb = render_rgb (line);

  g_free (line);
  return rgb;
}

static guint8 *
route (const gchar * format, const gchar * preset, const gchar * channels)
{
  gchar *props = g_strdup_printf ("preset=%s channels=%s", preset, channels);
  guint8 *rgb = route_props (format, props);

  g_free (props);
  return rgb;
}

/* Mean over samples of |a - b|, two RGB frames. */
static gdouble
mean_difference (const guint8 * a, const guint8 * b)
{
  gdouble diff = 0;

  for (gint i = 0; i < WIDTH * HEIGHT * 3; i++)
    diff += abs ((gint) a[i] - (gint) b[i]);
  return diff / (WIDTH * HEIGHT * 3);
}

GST_START_TEST (test_edge_presets_grey)
{
  const gchar *preset = g_ptr_array_index (presets, __i__);

  for (guint f = 0; f < G_N_ELEMENTS (yuv_formats); f++) {
    guint8 *grey = route ("GRAY8", preset, "auto");
    guint8 *yuv = route (yuv_formats[f], preset, "auto");
    guint8 *old = route (yuv_formats[f], preset, "all");
    gdouble spread = 0, spread_all = 0, diff = 0;

    for (gint i = 0; i < WIDTH * HEIGHT; i++) {
      const guint8 *p = yuv + 3 * i, *q = old + 3 * i;

      spread += MAX (MAX (p[0], p[1]), p[2]) - MIN (MIN (p[0], p[1]), p[2]);
      spread_all += MAX (MAX (q[0], q[1]), q[2]) - MIN (MIN (q[0], q[1]), q[2]);
      for (gint k = 0; k < 3; k++)
        diff += abs ((gint) p[k] - (gint) grey[3 * i + k]);
    }
    spread /= WIDTH * HEIGHT;
    spread_all /= WIDTH * HEIGHT;
    diff /= WIDTH * HEIGHT * 3;
    g_print ("  %-9s %-4s: colour spread %.2f (channels=all: %.2f), mean "
        "difference to the GRAY8 route %.2f\n", preset, yuv_formats[f],
        spread, spread_all, diff);
    fail_unless (spread < 0.5, "%s on %s: colour spread %.2f", preset,
        yuv_formats[f], spread);
    fail_unless (diff < 4.0, "%s on %s: mean difference %.2f to the GRAY8 "
        "route", preset, yuv_formats[f], diff);
    g_free (grey);
    g_free (yuv);
    g_free (old);
  }
}

GST_END_TEST;

/* Mean of R, G and B over a frame minus the same for another: a colour
 * cast shows in the largest of the three. */
static gdouble
colour_cast (const guint8 * a, const guint8 * b)
{
  gdouble d[3] = { 0, 0, 0 }, worst = 0;

  for (gint i = 0; i < WIDTH * HEIGHT; i++)
    for (gint k = 0; k < 3; k++)
      d[k] += (gint) a[3 * i + k] - (gint) b[3 * i + k];
  for (gint k = 0; k < 3; k++)
    worst = MAX (worst, fabs (d[k]) / (WIDTH * HEIGHT));
  return worst;
}

/* emboss and sharpen (kernels that sum to 1) on YUV look as they look on
 * RGB. Both are linear and keep flat colour, so they commute with the
 * colour conversion but for clamping and the chroma grid:
 *   - no colour cast: the mean R, G and B of the YUV route within 3
 *     levels of the RGB route's, beyond what the formats differ by
 *     without the filter (videotestsrc's bars are not the same colours in
 *     YUV and RGB: 5 levels); clamping in YUV instead of RGB moves the
 *     mean of the embossed bars by up to 2.5;
 *   - per sample, the YUV route differs from the RGB route by at most 4
 *     levels more than without the filter where chroma is at full
 *     resolution (AYUV, Y444): what clamping in another colour space
 *     gives at the bars' edges; 12 more where it is subsampled, whose
 *     grid gives the kernel twice the reach in chroma (README,
 *     "Formats and channels"). */
static const gchar *const sum_one_presets[] = { "emboss", "sharpen" };

GST_START_TEST (test_sum_one_presets_like_rgb)
{
  static const gchar *const formats[] = {
    "I420", "NV12", "Y42B", "YUY2", "AYUV", "Y444", "I420_10LE", "P010_10LE",
  };
  const gchar *preset = sum_one_presets[__i__];
  gchar *props = g_strdup_printf ("preset=%s", preset);
  guint8 *rgb = route_props ("RGB", props);
  guint8 *rgb_plain = route_props ("RGB", "");

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++) {
    guint8 *yuv = route_props (formats[f], props);
    guint8 *yuv_plain = route_props (formats[f], "");
    const GstVideoFormatInfo *finfo =
        gst_video_format_get_info (gst_video_format_from_string (formats[f]));
    gboolean subsampled = GST_VIDEO_FORMAT_INFO_W_SUB (finfo, 1) > 0;
    gdouble diff = mean_difference (yuv, rgb);
    gdouble base = mean_difference (yuv_plain, rgb_plain);
    gdouble cast = colour_cast (yuv, rgb);
    gdouble cast_base = colour_cast (yuv_plain, rgb_plain);

    g_print ("  %-8s %-9s: mean difference to the RGB route %.2f "
        "(unfiltered: %.2f), colour cast %.2f (unfiltered: %.2f)\n", preset,
        formats[f], diff, base, cast, cast_base);
    fail_unless (cast < cast_base + 3.0, "%s on %s: colour cast %.2f against "
        "the RGB route, %.2f without the filter", preset, formats[f], cast,
        cast_base);
    fail_unless (diff < base + (subsampled ? 12.0 : 4.0), "%s on %s: mean "
        "difference %.2f to the RGB route, %.2f without the filter", preset,
        formats[f], diff, base);
    g_free (yuv);
    g_free (yuv_plain);
  }
  g_free (rgb);
  g_free (rgb_plain);
  g_free (props);
}

GST_END_TEST;

/* A frame of one colour through every zero-sum preset with channels=all:
 * the chroma of the output stays at the neutral value. */
GST_START_TEST (test_flat_colour_neutral)
{
  for (guint k = 0; k < presets->len; k++) {
    for (guint f = 0; f < G_N_ELEMENTS (yuv_formats); f++) {
      gchar *line = g_strdup_printf ("videotestsrc num-buffers=1 "
          "pattern=solid-color foreground-color=0xff3080c0 ! "
          "video/x-raw,format=%s,width=%d,height=%d ! videoconvolve "
          "preset=%s channels=all ! appsink name=sink sync=false",
          yuv_formats[f], WIDTH, HEIGHT,
          (const gchar *) g_ptr_array_index (presets, k));
      const GstVideoFormatInfo *finfo;
      guint off_neutral = 0, neutral;
      gboolean words;
      Pulled p;

      pull_frame (line, &p);
      finfo = p.info.finfo;
      /* 128 for 8 bits, 512 for 10 (P010 stores it << 6). */
      neutral = (1u << (GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 1) - 1)) <<
          GST_VIDEO_FORMAT_INFO_SHIFT (finfo, 1);
      words = GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 1) > 8;
      for (guint c = GST_VIDEO_COMP_U; c <= GST_VIDEO_COMP_V; c++) {
        gint pl = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);

        for (gint y = 0; y < GST_VIDEO_INFO_COMP_HEIGHT (&p.info, c); y++)
          for (gint x = 0; x < GST_VIDEO_INFO_COMP_WIDTH (&p.info, c); x++) {
            const guint8 *s = (const guint8 *)
                GST_VIDEO_FRAME_PLANE_DATA (&p.frame, pl) +
                y * GST_VIDEO_FRAME_PLANE_STRIDE (&p.frame, pl) +
                x * GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c) +
                vct_component_offset (finfo, c);

            off_neutral += (words ? *(const guint16 *) s : *s) != neutral;
          }
      }
      pulled_release (&p);
      fail_unless_equals_int (off_neutral, 0);
      g_free (line);
    }
  }
}

GST_END_TEST;

static Suite *
videoconvolve_chroma_suite (void)
{
  Suite *s = suite_create ("videoconvolve-chroma");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 300);
  presets = zero_sum_presets ();
  /* Runs before the tests, outside check's messaging: a plain assert. */
  g_assert (presets->len > 0);
  tcase_add_loop_test (tc, test_edge_presets_grey, 0, presets->len);
  tcase_add_test (tc, test_flat_colour_neutral);
  tcase_add_loop_test (tc, test_sum_one_presets_like_rgb, 0,
      G_N_ELEMENTS (sum_one_presets));
  return s;
}

GST_CHECK_MAIN (videoconvolve_chroma);
