/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the properties that are settings, as one table
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */
#ifndef __GST_VIDEO_CONVOLVE_PROPERTIES_H__
#define __GST_VIDEO_CONVOLVE_PROPERTIES_H__

#include <gst/gst.h>
#include <gst/base/gstbasetransform.h>

#include "gstvideoconvolve-settings.h"

G_BEGIN_DECLS

/* Installs the settings' properties, in the table's order, the row i
 * with id i + 1; returns n, the table's size (the element's own properties
 * follow, from n + 1). `only`, NULL-terminated, names the rows an element
 * implements: the others are not installed (their ids stay free, so
 * set/get never see them, and their fields keep the defaults); NULL
 * installs every row. An element that implements a subset lists it, so a
 * row added to the table later is left out of it until it says otherwise.
 */
guint gst_video_convolve_properties_install (GObjectClass * klass,
    const gchar * const *only);

/* set/get_property for the settings' properties: FALSE when `prop_id` is
 * not one of them. `object` names the element in the logs. */
gboolean gst_video_convolve_properties_set (GObject * object,
    GstVideoConvolveSettings * s, guint prop_id, const GValue * value);
gboolean gst_video_convolve_properties_get (const GstVideoConvolveSettings *
    s, guint prop_id, GValue * value);

/* GstPreset (GStreamer's own files) for an element of the table: it
 * saves and loads the rows the element's class installed (_install ()),
 * in the table's order, not the object's name. For
 * G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET, ...). */
void gst_video_convolve_properties_preset_init (GstPresetInterface * iface);

/* frames-dropped (read-only, uint64: the frames dropped as late since
 * the element started), installed with id `prop_id`. */
void gst_video_convolve_properties_install_frames_dropped (GObjectClass *
    klass, guint prop_id);

/* For submit_input_buffer: `parent`'s, counting in *dropped (under the
 * element's object lock) each frame it drops as late (QoS). */
GstFlowReturn gst_video_convolve_properties_submit_counted
    (GstBaseTransformClass * parent, GstBaseTransform * trans,
    gboolean is_discont, GstBuffer * input, guint64 * dropped);

/* Sets every field of the table to its property's default (not the
 * kernel). */
void gst_video_convolve_properties_defaults (GstVideoConvolveSettings * s);

/* Whether a and b hold the same values in every field of the table (not
 * the kernel nor its error). */
gboolean gst_video_convolve_properties_equal (const GstVideoConvolveSettings *
    a, const GstVideoConvolveSettings * b);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_PROPERTIES_H__ */
