/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer glvideoconvolve plugin ("glconvolution")
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* A plugin of its own, so that the CPU plugin ("convolution") loads where
 * GStreamer GL is missing. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstglvideoconvolve.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  return GST_ELEMENT_REGISTER (glvideoconvolve, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, glconvolution,
    "Generalized 2D convolution of video in GL memory: any kernel, stride, "
    "padding and dilation on both axes", plugin_init, VERSION, "LGPL",
    PACKAGE_NAME, PACKAGE_ORIGIN)
