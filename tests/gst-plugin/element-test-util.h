/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared helpers of the element tests. */
#ifndef ELEMENT_TEST_UTIL_H
#define ELEMENT_TEST_UTIL_H

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/check/gstharness.h>

G_BEGIN_DECLS

/* One configuration of the element under test: a name for the failure
 * messages and its properties as vct_harness_new () takes them. */
typedef struct
{
  const gchar *name;
  const gchar *props;
} VctConfig;

/* A harness around one videoconvolve with `props` applied
 * (gst-launch syntax: "kernel=<<1,2,1>> stride-x=2 border=wrap"). */
GstHarness *vct_harness_new (const gchar * props);
/* Pushes in (taking it) and pulls the frame the element made. Fails at
 * once, naming the flow return, when the push does not return OK, rather
 * than in gst_harness_pull ()'s 60 s wait for a frame that never comes. */
GstBuffer *vct_push_pull (GstHarness * h, GstBuffer * in);
/* Applies gst-launch style "name=value ..." settings to an element. */
void vct_set_props (GstElement * element, const gchar * props);

/* The formats the element's pad template of `direction` lists, in order
 * (plain asserts: may run before the tests). */
GPtrArray *vct_template_formats (GstPadDirection direction);

/* Bytes from a pixel's start to component c (poffset, with GStreamer
 * 1.22's P010_10LE V offset corrected). */
gint vct_component_offset (const GstVideoFormatInfo * finfo, guint c);

/* A frame of `info` filled with pseudo-random samples from `seed`; the
 * strides are those of info (which may be larger than the row). */
GstBuffer *vct_make_frame (const GstVideoInfo * info, guint32 seed);

/* The expected output for `in`, computed independently of the element's
 * own plane handling: per component, with the core's scalar reference
 * (vc_plan_execute_reference) or, for alpha and channels=luma chroma, the
 * centre-tap carry; settings read back from the element's properties. */
GstBuffer *vct_reference (GstElement * element, const GstVideoInfo * in_info,
    GstBuffer * in, const GstVideoInfo * out_info);

/* Sample (x, y) of component c of a mapped frame, as stored (a 16-bit
 * word for formats deeper than 8 bits). */
guint vct_read_sample (GstVideoFrame * frame, gint c, gint x, gint y);
void vct_write_sample (GstVideoFrame * frame, gint c, gint x, gint y,
    guint value);

/* Compares the visible samples of two frames of `info` (row padding is
 * ignored). On a difference returns FALSE and, if diff is not NULL, a
 * description of the first differing sample (plane, component, x, y,
 * both values). When b comes from vct_reference () for a kernel the core
 * runs on its "-float" path, samples may differ by 1 (the contract's
 * bound for non-integer kernels); otherwise they must be equal. */
gboolean vct_frames_equal (const GstVideoInfo * info, GstBuffer * a,
    GstBuffer * b, gchar ** diff);

/* Marks in mask (width x height bytes, row after row, one per luma pixel)
 * the pixels that rectangle r (x, y, width, height) covers, clipped to
 * the frame. */
void vct_mark_rect (guint8 * mask, gint width, gint height, const gint r[4]);
/* Whether the footprint of sample (x, y) of component c (its luma pixels,
 * by the format's subsampling) meets a pixel marked in mask, for a frame
 * of info. */
gboolean vct_marked (const guint8 * mask, const GstVideoInfo * info, guint c,
    gint x, gint y);

/* The two ROI metas the regions tests put on frames: "face" and "hand",
 * each x, y, width, height. */
typedef struct
{
  gint face[4];
  gint hand[4];
} VctRois;

/* Adds the two metas of rois to buf. */
void vct_add_rois (GstBuffer * buf, const VctRois * rois);
/* A buffer probe (data: the VctRois) that adds them to each buffer,
 * made writable. */
GstPadProbeReturn vct_add_rois_probe (GstPad * pad, GstPadProbeInfo * info,
    gpointer rois);

G_END_DECLS
#endif
