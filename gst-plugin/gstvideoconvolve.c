/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: generalized 2D convolution of video frames
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-videoconvolve
 * @title: videoconvolve
 *
 * Convolves every frame with a kernel of any size, with stride, padding and
 * dilation adjustable on both axes, and a choice of border modes. Each
 * colour component is convolved on its own plane grid (subsampled chroma
 * included); alpha is carried from the input sample under the kernel's
 * centre tap. The output size follows from the settings:
 *
 *   W_out = floor ((W + 2 * padding-x - dilation-x * (kw - 1) - 1)
 *                  / stride-x) + 1
 *
 * and likewise for the height; padding -1 ("same") keeps the size with
 * stride 1 (see gstvideoconvolve-settings.c for the geometry).
 *
 * Every property may change while PLAYING, from any thread: the next frame
 * is made with the new values, and no frame mixes old and new ones.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 videotestsrc ! videoconvolve preset=gaussian5 ! autovideosink
 * gst-launch-1.0 videotestsrc ! videoconvert ! videoconvolve \
 *     kernel="<<1,2,1>,<2,4,2>,<1,2,1>>" stride-x=2 stride-y=2 ! \
 *     videoconvert ! autovideosink
 * ]|
 */

/* Settings lifecycle
 *
 *   any thread               streaming thread, at a frame boundary
 *   set_property --> proposed ----adopt----> active --> program, passthrough,
 *                       |                      |        in place
 *   CAPS queries <------+ a copy each          +------> transform_caps,
 *                                                       set_info
 *
 * - set_property () only edits `proposed`, under the object lock. It never
 *   touches passthrough, caps or plans. Before start () (no streaming
 *   thread yet) it copies `proposed` to `active` as well.
 * - The streaming thread adopts `proposed` as `active` at frame boundaries:
 *   in before_transform () (for every buffer, after a GstController has set
 *   its values) and on the CAPS event. Adopting rebuilds the program when
 *   the output caps stay; when they change it marks the source pad, and
 *   GstBaseTransform renegotiates for this very buffer (submit_input_buffer
 *   runs after before_transform), through transform_caps () and set_info (),
 *   which read the same `active`. Settings that give no frame for the caps
 *   leave no program: transform_frame () refuses the frames, saying why.
 *   The streaming thread is the only one that writes `active` (under the
 *   object lock, for readers on other threads), builds programs and sets
 *   passthrough and in place (from the program:
 *   gst_video_convolve_program_in_place ()): GstBaseTransform reads both
 *   flags several times per buffer without a lock, so they must not change
 *   in between.
 * - A CAPS query maps caps twice (its filter one way, the peer's answer
 *   back); query () makes both use one copy of `proposed`: it answers for
 *   the settings as they are now, which the streaming thread adopts before
 *   it negotiates. transform_caps () itself (called by GstBaseTransform as
 *   it negotiates on the streaming thread) reads `active`, as set_info ()
 *   does.
 *
 * So each frame is made from exactly one snapshot, and a property set is in
 * effect from the next frame on.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstvideoconvolve.h"

#include "gstvideoconvolve-program.h"
#include "gstvideoconvolve-properties.h"
#include "gstvideoconvolve-regions.h"
#include "gstvideoconvolve-settings.h"
#include "gstvideoconvolve-types.h"

GST_DEBUG_CATEGORY (gst_video_convolve_debug);
#define GST_CAT_DEFAULT gst_video_convolve_debug

/* The settings' properties come first, from the table in
 * gstvideoconvolve-properties.c (ids 1 to n); the element's own follow. */
static guint prop_frames_dropped;

/* Overload: a warning once a live stream's frames cost, on average over at
 * least OVERLOAD_MIN_FRAMES frames, OVERLOAD_FACTOR times their duration. */
#define OVERLOAD_MIN_FRAMES 3
#define OVERLOAD_FACTOR 2.0

#define VIDEO_CONVOLVE_FORMATS "{ GRAY8, GRAY16_LE, RGB, BGR, RGBx, BGRx, " \
    "xRGB, xBGR, RGBA, BGRA, ARGB, ABGR, AYUV, I420, YV12, Y42B, Y444, " \
    "NV12, NV21, YUY2, UYVY, YVYU, I420_10LE, I422_10LE, Y444_10LE, " \
    "P010_10LE }"
#define VIDEO_CONVOLVE_CAPS GST_VIDEO_CAPS_MAKE (VIDEO_CONVOLVE_FORMATS)

static GstStaticPadTemplate gst_video_convolve_src_template =
GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS,
    GST_STATIC_CAPS (VIDEO_CONVOLVE_CAPS));

static GstStaticPadTemplate gst_video_convolve_sink_template =
GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
    GST_STATIC_CAPS (VIDEO_CONVOLVE_CAPS));

#define gst_video_convolve_parent_class parent_class
/* GstPreset: GStreamer's own implementation saves and loads named settings
 * (gst_preset_save_preset ()) in
 * $XDG_DATA_HOME/gstreamer-1.0/presets/GstVideoConvolve.prs; the property
 * table says which properties, in which order (see there why). */
G_DEFINE_TYPE_WITH_CODE (GstVideoConvolve, gst_video_convolve,
    GST_TYPE_VIDEO_FILTER, G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET,
        gst_video_convolve_properties_preset_init));
GST_ELEMENT_REGISTER_DEFINE (videoconvolve, "videoconvolve", GST_RANK_NONE,
    GST_TYPE_VIDEO_CONVOLVE);

/* ------------------------------------------------------------------ */
/* The streaming thread's side */

/* Replaces the program (streaming thread only). */
static void
set_program (GstVideoConvolve * self, GstVideoConvolveProgram * program)
{
  if (program && gst_debug_category_get_threshold (GST_CAT_DEFAULT) >=
      GST_LEVEL_DEBUG) {
    gchar *what = gst_video_convolve_program_describe (program);

    GST_DEBUG_OBJECT (self, "program: %s", what);
    g_free (what);
  }
  gst_video_convolve_program_free (self->program);
  self->program = program;
  if (program)
    g_clear_pointer (&self->refusal, g_free);
}

/* No program for the active settings and the negotiated caps (streaming
 * thread only): frames are refused, with `error`, by transform_frame ().
 * In place, so that GstBaseTransform allocates no output frame for them:
 * the output caps may describe one over the size limit. */
static void
refuse (GstVideoConvolve * self, gchar * error)
{
  GST_INFO_OBJECT (self, "frames refused: %s", error);
  set_program (self, NULL);
  g_free (self->refusal);
  self->refusal = error;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), FALSE);
  gst_base_transform_set_in_place (GST_BASE_TRANSFORM (self), TRUE);
}

/* At a frame boundary, on the streaming thread: makes the proposed settings
 * the active ones (see "Settings lifecycle" above). */
static void
adopt_settings (GstVideoConvolve * self)
{
  GstBaseTransform *trans = GST_BASE_TRANSFORM (self);
  GstVideoConvolveProgram *program;
  GstVideoConvolveSettings *s;
  gboolean passthrough, in_place;
  gchar *error = NULL;

  GST_OBJECT_LOCK (self);
  if (!gst_video_convolve_settings_adopt (&self->active, self->proposed)) {
    GST_OBJECT_UNLOCK (self);
    return;
  }
  s = self->active;
  GST_OBJECT_UNLOCK (self);

  if (!self->negotiated)
    return;                     /* set_info () will make the program */
  if (!gst_video_convolve_settings_give_caps (s, &self->in_info,
          &self->out_info))
    goto renegotiate;
  program = gst_video_convolve_program_new (s, &self->in_info,
      &self->out_info, &error);
  if (program == NULL)
    goto refused;               /* the caps are fine but a plane is not */
  set_program (self, program);

  passthrough = gst_video_convolve_settings_passthrough (s, &self->in_info);
  in_place = gst_video_convolve_program_in_place (program);
  if (passthrough != gst_base_transform_is_passthrough (trans) ||
      in_place != gst_base_transform_is_in_place (trans)) {
    gst_base_transform_set_passthrough (trans, passthrough);
    gst_base_transform_set_in_place (trans, in_place);
    /* Into a new frame, the element allocates from a pool; passing
     * through or in place, it has none: ask for the allocation again. */
    gst_base_transform_reconfigure_src (trans);
  }
  return;

renegotiate:
  /* set_info () checks the new output caps. But a size the settings cannot
   * make maps to the input caps (transform_caps ()): when those are the
   * current output caps, GstBaseTransform does not call set_info () again,
   * so the frames are refused here (until set_info () says otherwise). */
  GST_DEBUG_OBJECT (self, "new output caps: renegotiating");
  if (gst_video_info_is_equal (&self->in_info, &self->out_info) &&
      !gst_video_convolve_settings_check_output (s, &self->in_info,
          &self->out_info, &error))
    refuse (self, error);
  gst_base_transform_reconfigure_src (trans);
  return;

refused:
  refuse (self, error);
  gst_base_transform_reconfigure_src (trans);   /* drops the output pool */
}

/* Lets a GstController animate the numeric properties, then adopts what
 * the properties say for this buffer. */
static void
gst_video_convolve_before_transform (GstBaseTransform * trans,
    GstBuffer * buffer)
{
  GstClockTime time = gst_segment_to_stream_time (&trans->segment,
      GST_FORMAT_TIME, GST_BUFFER_TIMESTAMP (buffer));

  if (GST_CLOCK_TIME_IS_VALID (time))
    gst_object_sync_values (GST_OBJECT (trans), time);
  adopt_settings (GST_VIDEO_CONVOLVE (trans));
}

/* Counts the frames GstBaseTransform drops because they are late (QoS). */
static GstFlowReturn
gst_video_convolve_submit_input_buffer (GstBaseTransform * trans,
    gboolean is_discont, GstBuffer * input)
{
  return gst_video_convolve_properties_submit_counted
      (GST_BASE_TRANSFORM_CLASS (parent_class), trans, is_discont, input,
      &GST_VIDEO_CONVOLVE (trans)->frames_dropped);
}

static gboolean
gst_video_convolve_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS)
    adopt_settings (GST_VIDEO_CONVOLVE (trans));
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

/* Starts measuring what frames cost, for the overload warning: only on a
 * live stream (upstream says so in a latency query) with a framerate. */
static void
watch_cost (GstVideoConvolve * self, const GstVideoInfo * in_info)
{
  GstQuery *query = gst_query_new_latency ();

  self->live = FALSE;
  if (gst_pad_peer_query (GST_BASE_TRANSFORM_SINK_PAD (self), query))
    gst_query_parse_latency (query, &self->live, NULL, NULL);
  gst_query_unref (query);
  self->frame_duration_us = GST_VIDEO_INFO_FPS_N (in_info) > 0 ?
      gst_util_uint64_scale_int (G_USEC_PER_SEC,
      GST_VIDEO_INFO_FPS_D (in_info), GST_VIDEO_INFO_FPS_N (in_info)) : 0;
  self->cost_us = 0.0;
  self->cost_frames = 0;
}

/* After each frame: posts a warning, once, when a live stream's frames
 * cost far more than the framerate allows (QoS will then drop frames). */
static void
check_cost (GstVideoConvolve * self, gint64 cost_us)
{
  const GstVideoConvolveSettings *s = self->active;
  GstVideoInfo *info = &self->out_info;

  if (!self->live || self->frame_duration_us <= 0 || self->warned_overload)
    return;
  self->cost_us = self->cost_frames++ == 0 ? cost_us :
      0.75 * self->cost_us + 0.25 * cost_us;
  if (self->cost_frames < OVERLOAD_MIN_FRAMES ||
      self->cost_us <= OVERLOAD_FACTOR * self->frame_duration_us)
    return;
  self->warned_overload = TRUE;
  GST_ELEMENT_WARNING (self, CORE, TOO_LAZY, ("videoconvolve needs %.1f ms "
          "a frame for a %dx%d kernel on %dx%d %s output, but the live "
          "stream has %.3f ms a frame (%d/%d fps): frames will be late and "
          "dropped. Cheaper: a separable kernel (a row times a column, e.g. "
          "box or Gaussian), a smaller kernel with dilation-x/dilation-y for "
          "the same reach, stride-x/stride-y to compute fewer outputs, or "
          "more n-threads", self->cost_us / 1000.0, s->kernel_height,
          s->kernel_width, GST_VIDEO_INFO_WIDTH (info),
          GST_VIDEO_INFO_HEIGHT (info), GST_VIDEO_INFO_NAME (info),
          self->frame_duration_us / 1000.0, GST_VIDEO_INFO_FPS_N (info),
          GST_VIDEO_INFO_FPS_D (info)), ("average of %u frames",
          self->cost_frames));
}

/* Caps the settings give no frame for are accepted, and their frames
 * refused: as stock elements do, the error is posted from the data flow,
 * with the first buffer and the flow error it returns (transform_frame ()).
 * Posted here, in the middle of the caps event, it came before the source
 * had even made a buffer, while the application may not yet be watching
 * its bus (see README, "Guarantees"). */
static gboolean
gst_video_convolve_set_info (GstVideoFilter * filter, GstCaps * incaps,
    GstVideoInfo * in_info, GstCaps * outcaps, GstVideoInfo * out_info)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (filter);
  /* The streaming thread's own: no other thread writes it. */
  const GstVideoConvolveSettings *s = self->active;
  GstVideoConvolveProgram *program;
  gchar *error = NULL;

  self->in_info = *in_info;
  self->out_info = *out_info;
  self->negotiated = TRUE;
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN &&
      GST_VIDEO_FORMAT_INFO_DEPTH (in_info->finfo, 0) > 8)
    goto big_endian;
  if (!gst_video_convolve_settings_check_output (s, in_info, out_info, &error))
    goto refused;
  program = gst_video_convolve_program_new (s, in_info, out_info, &error);
  if (program == NULL)
    goto refused;

  set_program (self, program);
  watch_cost (self, in_info);
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self),
      gst_video_convolve_settings_passthrough (s, in_info));
  gst_base_transform_set_in_place (GST_BASE_TRANSFORM (self),
      gst_video_convolve_program_in_place (program));
  return TRUE;

big_endian:
  error = g_strdup_printf ("%s needs a little-endian host",
      GST_VIDEO_INFO_NAME (in_info));
refused:
  refuse (self, error);
  return TRUE;
}

/* Regions: the frame (in place) inside the rectangles of the active
 * settings and of the buffer's metas. */
static gboolean
run_regions (GstVideoConvolve * self, GstVideoFrame * in_frame,
    GstVideoFrame * out_frame, gchar ** error)
{
  const GstVideoConvolveSettings *s = self->active;
  GArray *rects;
  gboolean ok;

  /* In place always (the program says so); a copy first otherwise. */
  if (in_frame != out_frame && !gst_video_frame_copy (out_frame, in_frame)) {
    *error = g_strdup ("cannot copy the frame outside the regions");
    return FALSE;
  }
  rects = gst_video_convolve_regions_for_frame (s->regions, s->n_regions,
      s->roi_meta, in_frame->buffer, GST_VIDEO_FRAME_WIDTH (out_frame),
      GST_VIDEO_FRAME_HEIGHT (out_frame));
  ok = gst_video_convolve_program_run_rects (self->program, self->pool,
      out_frame, rects, error);
  g_array_unref (rects);
  return ok;
}

/* Into out_frame, or in place when it is in_frame (the program says
 * which, through gst_base_transform_set_in_place ()). */
static GstFlowReturn
gst_video_convolve_transform_frame (GstVideoFilter * filter,
    GstVideoFrame * in_frame, GstVideoFrame * out_frame)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (filter);
  gchar *error = NULL;
  gint64 start;

  if (self->active->kernel_error)
    goto invalid_kernel;
  if (self->active->regions_error)
    goto invalid_regions;
  if (self->program == NULL)
    goto no_program;
  start = g_get_monotonic_time ();
  if (gst_video_convolve_program_regions (self->program) ?
      !run_regions (self, in_frame, out_frame, &error) :
      !gst_video_convolve_program_run (self->program, self->pool, in_frame,
          out_frame, &error))
    goto execute_failed;
  check_cost (self, g_get_monotonic_time () - start);
  return GST_FLOW_OK;

invalid_kernel:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s",
          self->active->kernel_error), ("the kernel property was refused; "
          "the previous kernel stays until a valid one is set"));
  return GST_FLOW_ERROR;

invalid_regions:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s",
          self->active->regions_error), ("the regions property was "
          "refused; the previous regions stay until valid ones are set"));
  return GST_FLOW_ERROR;

no_program:
  {
    GstCaps *caps = gst_pad_get_current_caps (GST_BASE_TRANSFORM_SINK_PAD
        (self));

    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("%s", self->refusal),
        ("no frame for the settings and the caps %" GST_PTR_FORMAT, caps));
    gst_clear_caps (&caps);
    return GST_FLOW_NOT_NEGOTIATED;
  }

execute_failed:
  GST_ELEMENT_ERROR (self, STREAM, FAILED, ("%s", error),
      ("convolution failed"));
  g_free (error);
  return GST_FLOW_ERROR;
}

static GstFlowReturn
gst_video_convolve_transform_frame_ip (GstVideoFilter * filter,
    GstVideoFrame * frame)
{
  return gst_video_convolve_transform_frame (filter, frame, frame);
}

static gboolean
gst_video_convolve_start (GstBaseTransform * trans)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (trans);
  gchar *kernel_error;

  /* From here on only the streaming thread adopts settings. */
  GST_OBJECT_LOCK (self);
  self->streaming = TRUE;
  self->frames_dropped = 0;
  /* Refused here rather than at the first frame: an error posted while
   * the state change is still under way can reach an application before
   * it waits for messages (gst-launch-1.0 then waits for ever). */
  kernel_error = gst_video_convolve_settings_refusal (self->active);
  GST_OBJECT_UNLOCK (self);
  if (kernel_error)
    goto invalid_kernel;

  self->pool = gst_video_convolve_program_pool_new ();
  return TRUE;

invalid_kernel:
  GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s", kernel_error),
      ("the kernel, regions or roi-meta property was refused"));
  g_free (kernel_error);
  return FALSE;
}

static gboolean
gst_video_convolve_stop (GstBaseTransform * trans)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (trans);

  /* Streaming has stopped: the streaming thread's state is free. */
  set_program (self, NULL);
  self->negotiated = FALSE;
  self->warned_overload = FALSE;
  g_clear_pointer (&self->refusal, g_free);
  if (self->pool) {
    gst_task_pool_cleanup (self->pool);
    gst_clear_object (&self->pool);
  }
  GST_OBJECT_LOCK (self);
  self->streaming = FALSE;
  GST_OBJECT_UNLOCK (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Caps: the arithmetic is in gstvideoconvolve-settings.c */

/* A copy of `proposed` or `active`, from any thread. */
static GstVideoConvolveSettings *
snapshot (GstVideoConvolve * self, gboolean active)
{
  GstVideoConvolveSettings *s;

  GST_OBJECT_LOCK (self);
  s = gst_video_convolve_settings_copy (active ? self->active : self->proposed);
  GST_OBJECT_UNLOCK (self);
  return s;
}

/* Called by GstBaseTransform while it negotiates on the streaming thread
 * (and for ACCEPT_CAPS): the caps of the active settings, which set_info ()
 * will use. */
static GstCaps *
gst_video_convolve_transform_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * filter)
{
  GstVideoConvolveSettings *s = snapshot (GST_VIDEO_CONVOLVE (trans), TRUE);
  GstCaps *ret = gst_video_convolve_settings_transform_caps (s, direction,
      caps, filter);

  GST_DEBUG_OBJECT (trans, "%s %" GST_PTR_FORMAT " -> %" GST_PTR_FORMAT,
      direction == GST_PAD_SINK ? "sink->src" : "src->sink", caps, ret);
  gst_video_convolve_settings_free (s);
  return ret;
}

/* GstBaseTransform's CAPS query, with one settings snapshot for both
 * transforms: the caps `pad` can take are the peer's caps on the other
 * pad, transformed, where the peer is asked with our filter transformed
 * the other way. The snapshot is of `proposed`: a query answers for the
 * settings as they are now, which the streaming thread adopts before it
 * negotiates again. */
static GstCaps *
query_caps (const GstVideoConvolveSettings * s, GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * filter)
{
  GstPad *pad = direction == GST_PAD_SRC ? trans->srcpad : trans->sinkpad;
  GstPad *otherpad = direction == GST_PAD_SRC ? trans->sinkpad : trans->srcpad;
  GstCaps *templ = gst_pad_get_pad_template_caps (pad);
  GstCaps *otempl = gst_pad_get_pad_template_caps (otherpad);
  GstCaps *peerfilter = NULL, *peercaps, *caps, *tmp;

  if (filter) {
    tmp = gst_caps_intersect_full (filter, templ, GST_CAPS_INTERSECT_FIRST);
    peerfilter = gst_video_convolve_settings_transform_caps (s, direction,
        tmp, otempl);
    gst_caps_unref (tmp);
    if (gst_caps_is_empty (peerfilter)) {
      caps = peerfilter;
      goto done;
    }
  }

  peercaps = gst_pad_peer_query_caps (otherpad, peerfilter);
  gst_clear_caps (&peerfilter);
  tmp = gst_caps_intersect_full (peercaps, otempl, GST_CAPS_INTERSECT_FIRST);
  caps = gst_video_convolve_settings_transform_caps (s,
      GST_PAD_DIRECTION (otherpad), tmp, filter);
  gst_caps_unref (tmp);
  tmp = gst_caps_intersect_full (caps, templ, GST_CAPS_INTERSECT_FIRST);
  gst_caps_unref (caps);
  caps = tmp;
  /* As GstBaseTransform prefers passthrough: the peer's own caps first,
   * where we can take them as they are. */
  tmp = gst_caps_intersect_full (peercaps, caps, GST_CAPS_INTERSECT_FIRST);
  if (!gst_caps_is_empty (tmp))
    caps = gst_caps_merge (tmp, caps);
  else
    gst_caps_unref (tmp);
  gst_caps_unref (peercaps);

done:
  gst_caps_unref (templ);
  gst_caps_unref (otempl);
  return caps;
}

static gboolean
gst_video_convolve_query (GstBaseTransform * trans,
    GstPadDirection direction, GstQuery * query)
{
  GstVideoConvolveSettings *s;
  GstCaps *filter, *caps;

  if (GST_QUERY_TYPE (query) != GST_QUERY_CAPS)
    return GST_BASE_TRANSFORM_CLASS (parent_class)->query (trans, direction,
        query);

  gst_query_parse_caps (query, &filter);
  s = snapshot (GST_VIDEO_CONVOLVE (trans), FALSE);
  caps = query_caps (s, trans, direction, filter);
  gst_video_convolve_settings_free (s);
  GST_DEBUG_OBJECT (trans, "caps query on the %s pad, filter %"
      GST_PTR_FORMAT ": %" GST_PTR_FORMAT,
      direction == GST_PAD_SRC ? "src" : "sink", filter, caps);
  gst_query_set_caps_result (query, caps);
  gst_caps_unref (caps);
  return TRUE;
}

static GstCaps *
gst_video_convolve_fixate_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * othercaps)
{
  return gst_video_convolve_settings_fixate_caps (othercaps);
}

/* ------------------------------------------------------------------ */
/* Properties: any thread, any time; they only edit `proposed` */

static void
gst_video_convolve_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (object);
  GstVideoConvolveSettings *s;

  GST_OBJECT_LOCK (self);
  s = self->proposed;
  if (!gst_video_convolve_properties_set (object, s, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  if (!self->streaming)         /* no streaming thread to adopt them */
    gst_video_convolve_settings_adopt (&self->active, s);
  GST_OBJECT_UNLOCK (self);
}

static void
gst_video_convolve_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (object);
  const GstVideoConvolveSettings *s = self->proposed;

  GST_OBJECT_LOCK (self);
  if (prop_id == prop_frames_dropped)
    g_value_set_uint64 (value, self->frames_dropped);
  else if (!gst_video_convolve_properties_get (s, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  GST_OBJECT_UNLOCK (self);
}

static void
gst_video_convolve_finalize (GObject * object)
{
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (object);

  gst_video_convolve_program_free (self->program);
  if (self->pool) {
    gst_task_pool_cleanup (self->pool);
    gst_object_unref (self->pool);
  }
  gst_video_convolve_settings_free (self->proposed);
  gst_video_convolve_settings_free (self->active);
  g_free (self->refusal);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_video_convolve_class_init (GstVideoConvolveClass * klass)
{
  GObjectClass *gobject_class = (GObjectClass *) klass;
  GstElementClass *element_class = (GstElementClass *) klass;
  GstBaseTransformClass *trans_class = (GstBaseTransformClass *) klass;
  GstVideoFilterClass *filter_class = (GstVideoFilterClass *) klass;

  GST_DEBUG_CATEGORY_INIT (gst_video_convolve_debug, "videoconvolve", 0,
      "videoconvolve element");

  gobject_class->set_property = gst_video_convolve_set_property;
  gobject_class->get_property = gst_video_convolve_get_property;
  gobject_class->finalize = gst_video_convolve_finalize;

  prop_frames_dropped = gst_video_convolve_properties_install (gobject_class,
      NULL) + 1;

  gst_video_convolve_properties_install_frames_dropped (gobject_class,
      prop_frames_dropped);

  gst_element_class_set_static_metadata (element_class,
      "Video convolution", "Filter/Effect/Video",
      "Convolves video with any kernel, with stride, padding and dilation "
      "on both axes", "The videoconvolve authors");
  gst_element_class_add_static_pad_template (element_class,
      &gst_video_convolve_sink_template);
  gst_element_class_add_static_pad_template (element_class,
      &gst_video_convolve_src_template);

  trans_class->transform_caps =
      GST_DEBUG_FUNCPTR (gst_video_convolve_transform_caps);
  trans_class->fixate_caps = GST_DEBUG_FUNCPTR (gst_video_convolve_fixate_caps);
  trans_class->before_transform =
      GST_DEBUG_FUNCPTR (gst_video_convolve_before_transform);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_video_convolve_sink_event);
  trans_class->submit_input_buffer =
      GST_DEBUG_FUNCPTR (gst_video_convolve_submit_input_buffer);
  trans_class->query = GST_DEBUG_FUNCPTR (gst_video_convolve_query);
  trans_class->start = GST_DEBUG_FUNCPTR (gst_video_convolve_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_video_convolve_stop);
  filter_class->set_info = GST_DEBUG_FUNCPTR (gst_video_convolve_set_info);
  filter_class->transform_frame =
      GST_DEBUG_FUNCPTR (gst_video_convolve_transform_frame);
  filter_class->transform_frame_ip =
      GST_DEBUG_FUNCPTR (gst_video_convolve_transform_frame_ip);
  /* Passing through, frames are not touched (nor mapped writable). */
  trans_class->transform_ip_on_passthrough = FALSE;

  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_BORDER, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_CHANNELS, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_VIDEO_CONVOLVE_PRESET, 0);
}

static void
gst_video_convolve_init (GstVideoConvolve * self)
{
  self->proposed = gst_video_convolve_settings_new ();
  self->active = gst_video_convolve_settings_new ();
  /* The defaults are the identity. */
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
