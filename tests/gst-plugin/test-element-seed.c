/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Acceptance: through the element, on GRAY8 frames with border=constant,
 * divisor=1 and explicit padding, the output equals the seed project's
 * definition exactly, for every combination of stride, dilation and
 * padding per axis, odd, even and non-square kernels included.
 *
 * The seed's definition, computed here directly (not through the core):
 *
 *   out[i][j] = sum_{m,n} K[m][n] * P[i*sy + m*dy][j*sx + n*dx]
 *
 * with P the input zero-padded by py rows on top and bottom and px columns
 * left and right, and
 *
 *   H_out = floor ((H + 2*py - dy*(kh-1) - 1) / sy) + 1   (same for W).
 *
 * The kernels are small non-negative integers and the inputs are bounded
 * so that every sum stays within 0..255; one signed kernel over full-range
 * inputs does clamp, and the oracle clamps too.
 *
 * VCT_QUICK=1 in the environment keeps only the 7x5 frame (for valgrind
 * runs).
 */
#include <gst/check/gstcheck.h>

#include "element-test-util.h"

#define MAX_TAPS 25

typedef struct
{
  const gchar *name;
  gint kh, kw;                  /* rows, columns */
  gint k[MAX_TAPS];             /* row-major */
  gboolean clamps;              /* full-range input: sums leave 0..255 */
} SeedKernel;

static const SeedKernel kernels[] = {
  {"3x3", 3, 3, {1, 0, 2, 1, 1, 0, 0, 2, 1}, FALSE},
  {"5x3", 5, 3, {1, 0, 1, 0, 2, 0, 1, 1, 0, 0, 1, 2, 1, 0, 1}, FALSE},
  {"1x3", 1, 3, {2, 1, 3}, FALSE},
  {"3x1", 3, 1, {1, 3, 2}, FALSE},
  {"5x5", 5, 5, {1, 0, 2, 0, 1, 0, 1, 0, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 1, 0,
          1, 0, 2, 0, 1}, FALSE},
  {"2x3 (even)", 2, 3, {1, 2, 0, 3, 0, 1}, FALSE},
  {"3x3 signed (clamps)", 3, 3, {-4, 0, 4, -8, 1, 8, -4, 0, 4}, TRUE},
};

typedef struct
{
  gint width, height;
} FrameSize;

/* The seed's example matrices are 14 x 9 and 7 x 5 (width x height). The
 * first entry is the one VCT_QUICK keeps. */
static const FrameSize frame_sizes[] = {
  {7, 5}, {14, 9}, {23, 17},
};

#define MAX_STRIDE 3
#define MAX_DILATION 3
#define MAX_PADDING 2

typedef struct
{
  gint sx, sy, dx, dy, px, py;
} Geometry;

static gint64
seed_output_size (gint size, gint k, gint stride, gint dilation, gint pad)
{
  gint64 span = (gint64) size + 2 * pad - (gint64) dilation * (k - 1) - 1;

  /* floor division: span may be negative */
  return (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1;
}

static gchar *
kernel_string (const SeedKernel * k)
{
  GString *s = g_string_new ("<");

  for (gint m = 0; m < k->kh; m++) {
    g_string_append (s, m ? ",<" : "<");
    for (gint n = 0; n < k->kw; n++)
      g_string_append_printf (s, "%s%d", n ? "," : "", k->k[m * k->kw + n]);
    g_string_append_c (s, '>');
  }
  g_string_append_c (s, '>');
  return g_string_free (s, FALSE);
}

static gint
kernel_sum (const SeedKernel * k)
{
  gint sum = 0;

  for (gint i = 0; i < k->kh * k->kw; i++)
    sum += k->k[i];
  return sum;
}

/* The seed's definition on a tightly packed width x height input. */
static guint8 *
seed_convolve (const guint8 * in, gint width, gint height,
    const SeedKernel * k, const Geometry * g, gint out_w, gint out_h,
    gboolean * clamped)
{
  guint8 *out = g_new (guint8, out_w * out_h);

  for (gint i = 0; i < out_h; i++) {
    for (gint j = 0; j < out_w; j++) {
      gint acc = 0;

      for (gint m = 0; m < k->kh; m++) {
        for (gint n = 0; n < k->kw; n++) {
          gint y = i * g->sy + m * g->dy - g->py;
          gint x = j * g->sx + n * g->dx - g->px;

          if (y >= 0 && y < height && x >= 0 && x < width)
            acc += k->k[m * k->kw + n] * in[y * width + x];
        }
      }
      if (acc < 0 || acc > 255)
        *clamped = TRUE;
      out[i * out_w + j] = (guint8) CLAMP (acc, 0, 255);
    }
  }
  return out;
}

/* The input samples of frame `buf` (of `info`), tightly packed. */
static guint8 *
frame_samples (const GstVideoInfo * info, GstBuffer * buf, gint max_value)
{
  gint w = GST_VIDEO_INFO_WIDTH (info), h = GST_VIDEO_INFO_HEIGHT (info);
  guint8 *samples = g_new (guint8, w * h);
  GstVideoFrame frame;

  fail_unless (gst_video_frame_map (&frame, info, buf, GST_MAP_READWRITE));
  for (gint y = 0; y < h; y++) {
    guint8 *row = (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) +
        y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0);

    for (gint x = 0; x < w; x++) {
      row[x] %= max_value + 1;
      samples[y * w + x] = row[x];
    }
  }
  gst_video_frame_unmap (&frame);
  return samples;
}

/* One combination: FALSE if it has no output size (skipped). */
static gboolean
check_geometry (const SeedKernel * k, const gchar * kstr,
    const FrameSize * size, const Geometry * g, guint32 seed,
    gboolean * clamped)
{
  gint64 out_w = seed_output_size (size->width, k->kw, g->sx, g->dx, g->px);
  gint64 out_h = seed_output_size (size->height, k->kh, g->sy, g->dy, g->py);
  gint max_value = k->clamps ? 255 : 255 / kernel_sum (k);
  GstVideoInfo in_info, out_info;
  GstHarness *h;
  GstBuffer *in, *out;
  GstVideoFrame frame;
  GstCaps *caps;
  guint8 *samples, *expected;
  gchar *props, *what;

  if (out_w < 1 || out_h < 1)
    return FALSE;

  props = g_strdup_printf ("kernel=\"%s\" border=constant border-value=0 "
      "divisor=1 stride-x=%d stride-y=%d dilation-x=%d dilation-y=%d "
      "padding-x=%d padding-y=%d", kstr, g->sx, g->sy, g->dx, g->dy, g->px,
      g->py);
  what = g_strdup_printf ("GRAY8 %dx%d, kernel %s, %s", size->width,
      size->height, k->name, props);
  h = vct_harness_new (props);

  gst_video_info_set_format (&in_info, GST_VIDEO_FORMAT_GRAY8, size->width,
      size->height);
  in = vct_make_frame (&in_info, seed);
  samples = frame_samples (&in_info, in, max_value);
  expected = seed_convolve (samples, size->width, size->height, k, g,
      (gint) out_w, (gint) out_h, clamped);

  gst_harness_set_src_caps (h, gst_video_info_to_caps (&in_info));
  out = vct_push_pull (h, in);
  fail_unless (out != NULL, "%s: no output buffer", what);
  caps = gst_pad_get_current_caps (h->sinkpad);
  fail_unless (gst_video_info_from_caps (&out_info, caps), "%s: output caps "
      "%" GST_PTR_FORMAT, what, caps);
  gst_caps_unref (caps);
  fail_unless (out_info.width == out_w && out_info.height == out_h,
      "%s: the output is %dx%d, the seed's formula gives %" G_GINT64_FORMAT
      "x%" G_GINT64_FORMAT, what, out_info.width, out_info.height, out_w,
      out_h);

  fail_unless (gst_video_frame_map (&frame, &out_info, out, GST_MAP_READ));
  for (gint i = 0; i < out_h; i++) {
    const guint8 *row = (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame,
        0) + i * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0);

    for (gint j = 0; j < out_w; j++)
      fail_unless (row[j] == expected[i * out_w + j],
          "%s: out[%d][%d] (row, column) is %u, the seed's definition gives "
          "%u", what, i, j, row[j], expected[i * out_w + j]);
  }
  gst_video_frame_unmap (&frame);

  gst_buffer_unref (out);
  gst_harness_teardown (h);
  g_free (expected);
  g_free (samples);
  g_free (props);
  g_free (what);
  return TRUE;
}

GST_START_TEST (test_seed_definition)
{
  const SeedKernel *k = &kernels[__i__];
  gchar *kstr = kernel_string (k);
  gint checked = 0, skipped = 0;
  gboolean clamped = FALSE;
  guint n_frames = g_getenv ("VCT_QUICK") ? 1 : G_N_ELEMENTS (frame_sizes);
  Geometry g;

  for (guint f = 0; f < n_frames; f++) {
    guint32 seed = (guint32) (__i__ * 7919 + f * 104729 + 1);

    for (g.sy = 1; g.sy <= MAX_STRIDE; g.sy++)
      for (g.sx = 1; g.sx <= MAX_STRIDE; g.sx++)
        for (g.dy = 1; g.dy <= MAX_DILATION; g.dy++)
          for (g.dx = 1; g.dx <= MAX_DILATION; g.dx++)
            for (g.py = 0; g.py <= MAX_PADDING; g.py++)
              for (g.px = 0; g.px <= MAX_PADDING; g.px++) {
                if (check_geometry (k, kstr, &frame_sizes[f], &g, seed++,
                        &clamped))
                  checked++;
                else
                  skipped++;
              }
  }
  fail_unless (clamped == k->clamps, "kernel %s was expected %s", k->name,
      k->clamps ? "to clamp somewhere" : "never to clamp");
  g_print ("kernel %-20s %4d combinations checked, %3d skipped (output "
      "size < 1)%s\n", k->name, checked, skipped,
      clamped ? ", clamping exercised" : "");
  g_free (kstr);
}

GST_END_TEST;

static Suite *
element_seed_suite (void)
{
  Suite *s = suite_create ("element-seed");
  TCase *tc = tcase_create ("seed");

  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_seed_definition, 0, G_N_ELEMENTS (kernels));
  return s;
}

GST_CHECK_MAIN (element_seed);
