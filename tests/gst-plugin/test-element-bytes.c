/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every byte of the image rows of every output frame is defined, by the
 * rule of the README ("Formats and channels"). The output memory comes
 * from an allocator that fills it with a poison byte, and every byte of
 * every row, up to the end of its last pixel (or pair of pixels, for
 * packed 4:2:2), is checked against what the rule says:
 *
 * - the components against the per-component reference
 *   (vct_reference ()), and the bits a 10-bit word does not use are 0;
 * - the samples no component covers (the x of RGBx, BGRx, xRGB, xBGR; in
 *   YUY2, UYVY and YVYU of odd width, the luma slot of the last pair that
 *   lies past the width) against a copy of the same slot of the input
 *   pixel under the kernel's centre tap, clamped into the frame, computed
 *   here from the properties;
 * - in passthrough, every byte against the input's.
 *
 * Row padding (from a row's last pixel to the row stride, and between
 * planes) is not image data; the element leaves it alone and it is not
 * checked here (element-valgrind shows videoconvert does not read it).
 *
 * Every format of the pad template, odd and even sizes, configurations
 * that change the size (stride, explicit padding, dilation with padding
 * 0) or keep it (in place, a centre tap off the pixel, passthrough), in
 * one and several bands; each configuration gets a writable frame (in
 * place where the element can) and then a shared one.
 */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "element-test-util.h"

#define POISON 0xa5

/* An allocator whose memory starts as POISON bytes: system memory,
 * filled before the element sees it. */
typedef GstAllocator PoisonAllocator;
typedef GstAllocatorClass PoisonAllocatorClass;
GType poison_allocator_get_type (void);

G_DEFINE_TYPE (PoisonAllocator, poison_allocator, GST_TYPE_ALLOCATOR);

static gint poisoned;           /* memories handed out */

static GstMemory *
poison_alloc (GstAllocator * allocator, gsize size,
    GstAllocationParams * params)
{
  GstMemory *mem = gst_allocator_alloc (NULL, size, params);
  GstMapInfo map;

  fail_unless (mem != NULL && gst_memory_map (mem, &map, GST_MAP_WRITE));
  memset (map.data, POISON, map.size);
  gst_memory_unmap (mem, &map);
  g_atomic_int_inc (&poisoned);
  return mem;
}

static void
poison_allocator_class_init (PoisonAllocatorClass * klass)
{
  klass->alloc = poison_alloc;
}

static void
poison_allocator_init (PoisonAllocator * allocator)
{
}

static const VctConfig configs[] = {
  {"identity (passthrough)", ""},
  {"gaussian5, 4 bands (in place)", "preset=gaussian5 n-threads=4"},
  {"even 2x2 kernel, 3 bands (centre tap off the pixel)",
      "kernel=\"<<1,2>,<3,4>>\" n-threads=3"},
  {"stride 2", "preset=gaussian3 stride-x=2 stride-y=2"},
  {"stride 3x2, 3 bands", "preset=box3 stride-x=3 stride-y=2 n-threads=3"},
  {"explicit padding 3/2",
      "preset=gaussian3 padding-x=3 padding-y=2 border=constant "
        "border-value=40"},
  {"dilation 2, padding 0, 2 bands",
      "preset=box3 dilation-x=2 dilation-y=2 padding-x=0 padding-y=0 "
        "n-threads=2"},
  {"channels luma, stride 2x1", "preset=sharpen channels=luma stride-x=2"},
};

typedef struct
{
  gint width, height;
} Size;

static const Size sizes[] = { {65, 49}, {64, 48}, {257, 193} };

static GstAllocator *allocator;

/* The element's geometry on one axis of a component grid: stride and the
 * input position of output 0's centre tap. */
typedef struct
{
  gint stride, centre;
} Axis;

static Axis
axis_of (GstElement * element, gboolean horizontal, guint sub)
{
  GValue kernel = G_VALUE_INIT;
  gint k, dilation, padding;
  Axis a;

  g_value_init (&kernel, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (element), "kernel", &kernel);
  k = horizontal ?
      gst_value_array_get_size (gst_value_array_get_value (&kernel, 0)) :
      gst_value_array_get_size (&kernel);
  g_value_unset (&kernel);
  g_object_get (element,
      horizontal ? "stride-x" : "stride-y", &a.stride,
      horizontal ? "dilation-x" : "dilation-y", &dilation,
      horizontal ? "padding-x" : "padding-y", &padding, NULL);
  /* "same" puts half of dilation * (k - 1) before the first sample. */
  padding = padding < 0 ? dilation * (k - 1) / 2 : padding >> sub;
  a.centre = k / 2 * dilation - padding;
  return a;
}

static gint
clamp_to (gint64 v, gint n)
{
  return (gint) CLAMP (v, 0, n - 1);
}

/* Bytes of a row of plane p: up to the end of its last pixel (or pair of
 * pixels), and which of them hold a component's sample. */
static guint8 *
row_coverage (const GstVideoInfo * info, guint p, gint * row_bytes)
{
  const GstVideoFormatInfo *finfo = info->finfo;
  gint bytes = GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 0) > 8 ? 2 : 1;
  guint8 *covered;

  *row_bytes = 0;
  for (gint c = 0; c < (gint) GST_VIDEO_INFO_N_COMPONENTS (info); c++)
    if (GST_VIDEO_INFO_COMP_PLANE (info, c) == p)
      *row_bytes = MAX (*row_bytes, GST_VIDEO_INFO_COMP_PSTRIDE (info, c) *
          GST_VIDEO_INFO_COMP_WIDTH (info, c));
  covered = g_malloc0 (*row_bytes);
  for (gint c = 0; c < (gint) GST_VIDEO_INFO_N_COMPONENTS (info); c++) {
    if (GST_VIDEO_INFO_COMP_PLANE (info, c) != p)
      continue;
    for (gint x = 0; x < GST_VIDEO_INFO_COMP_WIDTH (info, c); x++)
      memset (covered + x * GST_VIDEO_INFO_COMP_PSTRIDE (info, c) +
          vct_component_offset (finfo, c), 1, bytes);
  }
  return covered;
}

/* The component of plane p with the smallest pixel stride: the grid of
 * the slots no component covers (pixels, or luma of packed 4:2:2). */
static gint
slot_grid (const GstVideoInfo * info, guint p)
{
  gint best = GST_VIDEO_MAX_COMPONENTS;

  for (gint c = 0; c < (gint) GST_VIDEO_INFO_N_COMPONENTS (info); c++)
    if (GST_VIDEO_INFO_COMP_PLANE (info, c) == p &&
        (best == GST_VIDEO_MAX_COMPONENTS ||
            GST_VIDEO_INFO_COMP_PSTRIDE (info, c) <
            GST_VIDEO_INFO_COMP_PSTRIDE (info, best)))
      best = c;
  return best;
}

typedef struct
{
  GstVideoFrame *in, *out;
  gboolean passthrough;
  Axis x, y;                    /* on the slot grid */
  guint64 slots;                /* uncovered bytes checked */
} Check;

/* What the rule says of byte b of row i of plane p that no component
 * covers: the same slot of the input pixel under the centre tap. */
static guint8
slot_value (const Check * k, guint p, gint i, gint b)
{
  const GstVideoInfo *info = &k->in->info;
  gint g = slot_grid (info, p);
  gint ps = GST_VIDEO_INFO_COMP_PSTRIDE (info, g);
  gint x = clamp_to ((gint64) (b / ps) * k->x.stride + k->x.centre,
      GST_VIDEO_INFO_COMP_WIDTH (info, g));
  gint y = clamp_to ((gint64) i * k->y.stride + k->y.centre,
      GST_VIDEO_INFO_COMP_HEIGHT (info, g));

  return ((const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (k->in, p))[(gsize) y *
      GST_VIDEO_FRAME_PLANE_STRIDE (k->in, p) + x * ps + b % ps];
}

/* The bits of a 10-bit word outside its sample are 0. */
static gboolean
word_valid (const GstVideoInfo * info, const guint8 * sample)
{
  guint depth = GST_VIDEO_INFO_COMP_DEPTH (info, 0);
  guint shift = GST_VIDEO_FORMAT_INFO_SHIFT (info->finfo, 0);

  if (depth % 8 == 0)
    return TRUE;
  return (*(const guint16 *) sample & ~(((1u << depth) - 1) << shift)) == 0;
}

static void
check_plane (Check * k, guint p, const gchar * what)
{
  const GstVideoInfo *info = &k->out->info;
  gint row_bytes;
  guint8 *covered = row_coverage (info, p, &row_bytes);
  guint h = GST_VIDEO_INFO_COMP_HEIGHT (info, slot_grid (info, p));

  for (guint i = 0; i < h; i++) {
    const guint8 *row = (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (k->out,
        p) + (gsize) i * GST_VIDEO_FRAME_PLANE_STRIDE (k->out, p);

    for (gint b = 0; b < row_bytes; b++) {
      guint expected;

      if (k->passthrough)
        expected = ((const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (k->in,
                p))[(gsize) i * GST_VIDEO_FRAME_PLANE_STRIDE (k->in, p) + b];
      else if (covered[b])
        continue;
      else
        expected = slot_value (k, p, i, b);
      /* Not fail_unless () per byte: each call reports to check. */
      if (row[b] != expected)
        ck_abort_msg ("%s: plane %u, row %u, byte %d (of %d%s) is %u, the "
            "rule says %u%s", what, p, i, b, row_bytes, covered[b] ?
            ", a component's" : ", in no component", row[b], expected,
            row[b] == POISON ? " (the poison: never written)" : "");
      k->slots += !covered[b];
    }
    for (gint b = 0; b + 1 < row_bytes; b += 2)
      if (covered[b] && !word_valid (info, row + b))
        ck_abort_msg ("%s: plane %u, row %u, the word at byte %d is 0x%04x: "
            "bits outside the 10-bit sample", what, p, i, b,
            *(const guint16 *) (row + b));
  }
  g_free (covered);
}

/* Checks every byte of the image rows of `out` against the rule. */
static guint64
check_frame (GstElement * element, const GstVideoInfo * in_info,
    GstBuffer * in, const GstVideoInfo * out_info, GstBuffer * out,
    const gchar * what)
{
  GstVideoFrame in_frame, out_frame;
  Check k = { 0 };
  gint g = slot_grid (in_info, 0);
  gchar *diff = NULL;
  GstBuffer *ref;

  k.in = &in_frame;
  k.out = &out_frame;
  k.passthrough =
      gst_base_transform_is_passthrough (GST_BASE_TRANSFORM (element));
  if (!k.passthrough) {
    ref = vct_reference (element, in_info, in, out_info);
    fail_unless (vct_frames_equal (out_info, out, ref, &diff), "%s: %s",
        what, diff);
    gst_buffer_unref (ref);
  }
  k.x = axis_of (element, TRUE, GST_VIDEO_FORMAT_INFO_W_SUB (in_info->finfo,
          g));
  k.y = axis_of (element, FALSE, GST_VIDEO_FORMAT_INFO_H_SUB (in_info->finfo,
          g));
  fail_unless (gst_video_frame_map (&in_frame, in_info, in, GST_MAP_READ));
  fail_unless (gst_video_frame_map (&out_frame, out_info, out, GST_MAP_READ));
  for (guint p = 0; p < GST_VIDEO_INFO_N_PLANES (out_info); p++)
    check_plane (&k, p, what);
  gst_video_frame_unmap (&out_frame);
  gst_video_frame_unmap (&in_frame);
  return k.slots;
}

typedef struct
{
  guint frames, new_frames, in_place, passthrough;
  guint64 slots;
} Tally;

/* Pushes two frames through one configuration: the first writable (in
 * place where the element can), the second still referenced here. */
static void
check_config (GstVideoFormat format, const Size * size, const VctConfig * cfg,
    guint32 seed, Tally * t)
{
  GstHarness *h = vct_harness_new (cfg->props);
  GstBaseTransform *trans = GST_BASE_TRANSFORM (h->element);
  gint poisoned_before = g_atomic_int_get (&poisoned);
  GstVideoInfo in_info, out_info;

  gst_harness_set_propose_allocator (h, gst_object_ref (allocator), NULL);
  gst_video_info_set_format (&in_info, format, size->width, size->height);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (&in_info));

  for (guint f = 0; f < 2; f++) {
    GstBuffer *in = vct_make_frame (&in_info, seed * 2 + f);
    GstBuffer *copy = gst_buffer_copy_deep (in);
    GstBuffer *out, *kept = f ? gst_buffer_ref (in) : NULL;
    gchar *what = g_strdup_printf ("%s %dx%d [%s: %s] frame %u",
        gst_video_format_to_string (format), size->width, size->height,
        cfg->name, cfg->props, f);
    GstCaps *caps;

    fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
    out = gst_harness_try_pull (h);
    fail_unless (out != NULL, "%s: no output", what);
    caps = gst_pad_get_current_caps (h->sinkpad);
    fail_unless (gst_video_info_from_caps (&out_info, caps));
    gst_caps_unref (caps);

    t->slots += check_frame (h->element, &in_info, copy, &out_info, out, what);
    t->frames++;
    if (gst_base_transform_is_passthrough (trans)) {
      t->passthrough++;
    } else if (gst_base_transform_is_in_place (trans)) {
      t->in_place++;
    } else {
      /* A frame of the pool, whose memory came from the allocator. */
      fail_unless (g_atomic_int_get (&poisoned) > poisoned_before,
          "%s: the output memory did not come from the poisoning "
          "allocator", what);
      t->new_frames++;
    }
    gst_buffer_unref (out);
    gst_clear_buffer (&kept);
    gst_buffer_unref (copy);
    g_free (what);
  }
  gst_harness_teardown (h);
}

static GPtrArray *formats;

GST_START_TEST (test_format)
{
  const gchar *name = g_ptr_array_index (formats, __i__);
  GstVideoFormat format = gst_video_format_from_string (name);
  Tally t = { 0 };

  for (guint si = 0; si < G_N_ELEMENTS (sizes); si++)
    for (guint ci = 0; ci < G_N_ELEMENTS (configs); ci++)
      check_config (format, &sizes[si], &configs[ci],
          __i__ * 100 + si * 10 + ci + 1, &t);
  /* Each path was taken: the test would not notice a path it never ran. */
  fail_unless (t.passthrough > 0 && t.in_place > 0 && t.new_frames > 0,
      "%s: %u passthrough, %u in place, %u new frames", name, t.passthrough,
      t.in_place, t.new_frames);
  g_print ("%-9s %3u frames (%u new, %u in place, %u passthrough): every "
      "byte as the rule says; %" G_GUINT64_FORMAT " bytes in no "
      "component\n", name, t.frames, t.new_frames, t.in_place,
      t.passthrough, t.slots);
}

GST_END_TEST;

static Suite *
element_bytes_suite (void)
{
  Suite *s = suite_create ("element-bytes");
  TCase *tc = tcase_create ("bytes");

  allocator = g_object_new (poison_allocator_get_type (), NULL);
  gst_object_ref_sink (allocator);
  formats = vct_template_formats (GST_PAD_SINK);
  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_format, 0, formats->len);
  return s;
}

GST_CHECK_MAIN (element_bytes);
