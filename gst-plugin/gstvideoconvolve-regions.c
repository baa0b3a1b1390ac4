/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the rectangles the regions and roi-meta
 * properties select
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The rectangles of a frame are made disjoint so that no pixel is
 * computed twice: the frame is cut at every rectangle's top and bottom
 * into slabs; in each slab the covering rectangles' columns are merged
 * into runs; a run continues the rectangle above it when it has the same
 * columns.
 *
 *   +------+               +------+
 *   |  A +-+----+          |  1   |
 *   +----+-+    |    ->    +------+-----+
 *        |   B  |          |  2         |
 *        +------+               +-------+
 */

#include "gstvideoconvolve-regions.h"

#include <stdlib.h>

#define SYNTAX ", e.g. regions=\"<<10,20,100,60>,<200,150,90,70>>\""

/* Entry i of the value as 4 ints into r; FALSE with *error if not. */
static gboolean
parse_entry (const GValue * entry, guint i, guint n, gint * r, gchar ** error)
{
  guint size = GST_VALUE_HOLDS_ARRAY (entry) ?
      gst_value_array_get_size (entry) : 0;

  if (size != 4)
    goto not_four;
  for (guint c = 0; c < 4; c++) {
    const GValue *v = gst_value_array_get_value (entry, c);

    if (!G_VALUE_HOLDS_INT (v))
      goto not_four;
    r[c] = g_value_get_int (v);
  }
  if (r[2] < 0 || r[3] < 0) {
    *error = g_strdup_printf ("regions entry %u of %u, <%d,%d,%d,%d>, has a "
        "negative size: width and height must be >= 0", i + 1, n, r[0], r[1],
        r[2], r[3]);
    return FALSE;
  }
  return TRUE;

not_four:
  {
    gchar *text = gst_value_serialize (entry);

    *error = g_strdup_printf ("regions entry %u of %u, %s, is not 4 integers: "
        "each region is <x,y,width,height> in input pixels" SYNTAX, i + 1, n,
        text ? text : G_VALUE_TYPE_NAME (entry));
    g_free (text);
    return FALSE;
  }
}

gint *
gst_video_convolve_regions_from_value (const GValue * value, guint * n,
    gchar ** error)
{
  gboolean one = TRUE;
  gint *r;

  *n = GST_VALUE_HOLDS_ARRAY (value) ? gst_value_array_get_size (value) : 0;
  if (*n == 0)
    return NULL;
  /* One region written alone, regions="<10,20,100,60>". */
  for (guint i = 0; i < *n; i++)
    one &= !GST_VALUE_HOLDS_ARRAY (gst_value_array_get_value (value, i));
  if (one) {
    r = g_new (gint, 4);
    if (parse_entry (value, 0, 1, r, error)) {
      *n = 1;
      return r;
    }
  } else {
    r = g_new (gint, 4 * *n);
    for (guint i = 0; i < *n; i++)
      if (!parse_entry (gst_value_array_get_value (value, i), i, *n,
              r + 4 * i, error))
        goto fail;
    return r;
  }
fail:
  g_free (r);
  *n = 0;
  return NULL;
}

void
gst_video_convolve_regions_to_value (const gint * regions, guint n,
    GValue * value)
{
  for (guint i = 0; i < n; i++) {
    GValue entry = G_VALUE_INIT;

    gst_value_array_init (&entry, 4);
    for (guint c = 0; c < 4; c++) {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_INT);
      g_value_set_int (&v, regions[4 * i + c]);
      gst_value_array_append_and_take_value (&entry, &v);
    }
    gst_value_array_append_and_take_value (value, &entry);
  }
}

gchar *
gst_video_convolve_regions_to_string (const gint * regions, guint n)
{
  GString *s = g_string_new ("<");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s<%d,%d,%d,%d>", i ? "," : "",
        regions[4 * i], regions[4 * i + 1], regions[4 * i + 2],
        regions[4 * i + 3]);
  g_string_append_c (s, '>');
  return g_string_free (s, FALSE);
}

/* Appends x, y, w, h clipped to the frame, unless that is empty. */
static void
add_clipped (GArray * rects, gint64 x, gint64 y, gint64 w, gint64 h,
    gint width, gint height)
{
  gint64 x1 = CLAMP (x + w, 0, width), y1 = CLAMP (y + h, 0, height);
  GstVideoRectangle r;

  x = CLAMP (x, 0, width);
  y = CLAMP (y, 0, height);
  if (x1 <= x || y1 <= y)
    return;
  r.x = x;
  r.y = y;
  r.w = x1 - x;
  r.h = y1 - y;
  g_array_append_val (rects, r);
}

/* Whether roi_meta ("*" or a comma list) selects ROI type `type`. */
static gboolean
selects (const gchar * roi_meta, const gchar * type)
{
  gchar **types;
  gboolean found = FALSE;

  if (g_strcmp0 (roi_meta, "*") == 0)
    return TRUE;
  types = g_strsplit (roi_meta, ",", -1);
  for (guint i = 0; types[i] && !found; i++)
    found = g_strcmp0 (g_strstrip (types[i]), type) == 0;
  g_strfreev (types);
  return found;
}

static gint
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const gint *) a - *(const gint *) b;
}

static gint
compare_run (gconstpointer a, gconstpointer b)
{
  return ((const GstVideoRectangle *) a)->x -
      ((const GstVideoRectangle *) b)->x;
}

/* The runs of columns the rectangles cover in the slab [y0, y1), merged,
 * in `runs` (x and w; y and h are the slab's). */
static void
slab_runs (const GArray * rects, gint y0, gint y1, GArray * runs)
{
  g_array_set_size (runs, 0);
  for (guint i = 0; i < rects->len; i++) {
    const GstVideoRectangle *r = &g_array_index (rects, GstVideoRectangle, i);

    if (r->y <= y0 && r->y + r->h >= y1)
      g_array_append_val (runs, *r);
  }
  g_array_sort (runs, compare_run);
  for (guint i = 1; i < runs->len;) {
    GstVideoRectangle *a = &g_array_index (runs, GstVideoRectangle, i - 1);
    GstVideoRectangle *b = &g_array_index (runs, GstVideoRectangle, i);

    if (b->x <= a->x + a->w) {
      a->w = MAX (a->x + a->w, b->x + b->w) - a->x;
      g_array_remove_index (runs, i);
    } else {
      i++;
    }
  }
}

/* Adds run x, w over [y0, y1) to out: as the rectangle it continues (same
 * columns, ending at y0), else as a new one. */
static void
add_run (GArray * out, const GstVideoRectangle * run, gint y0, gint y1)
{
  GstVideoRectangle r = { run->x, y0, run->w, y1 - y0 };

  for (guint i = 0; i < out->len; i++) {
    GstVideoRectangle *o = &g_array_index (out, GstVideoRectangle, i);

    if (o->x == run->x && o->w == run->w && o->y + o->h == y0) {
      o->h += y1 - y0;
      return;
    }
  }
  g_array_append_val (out, r);
}

/* Cuts rects into disjoint ones covering the same pixels (see the top). */
static GArray *
disjoint (const GArray * rects)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (GstVideoRectangle));
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (GstVideoRectangle));
  GArray *ys = g_array_new (FALSE, FALSE, sizeof (gint));

  for (guint i = 0; i < rects->len; i++) {
    const GstVideoRectangle *r = &g_array_index (rects, GstVideoRectangle, i);
    gint y1 = r->y + r->h;

    g_array_append_val (ys, r->y);
    g_array_append_val (ys, y1);
  }
  g_array_sort (ys, compare_int);
  for (guint k = 0; k + 1 < ys->len; k++) {
    gint y0 = g_array_index (ys, gint, k), y1 = g_array_index (ys, gint, k + 1);

    if (y0 == y1)
      continue;
    slab_runs (rects, y0, y1, runs);
    for (guint i = 0; i < runs->len; i++)
      add_run (out, &g_array_index (runs, GstVideoRectangle, i), y0, y1);
  }
  g_array_unref (ys);
  g_array_unref (runs);
  return out;
}

GArray *
gst_video_convolve_regions_for_frame (const gint * regions, guint n,
    const gchar * roi_meta, GstBuffer * buffer, gint width, gint height)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (GstVideoRectangle));
  GArray *out;
  gpointer state = NULL;
  GstMeta *meta;

  for (guint i = 0; i < n; i++)
    add_clipped (rects, regions[4 * i], regions[4 * i + 1],
        regions[4 * i + 2], regions[4 * i + 3], width, height);
  while (roi_meta && *roi_meta && buffer && (meta =
          gst_buffer_iterate_meta_filtered (buffer, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE))) {
    GstVideoRegionOfInterestMeta *roi = (GstVideoRegionOfInterestMeta *) meta;

    if (selects (roi_meta, g_quark_to_string (roi->roi_type)))
      add_clipped (rects, roi->x, roi->y, roi->w, roi->h, width, height);
  }
  out = disjoint (rects);
  g_array_unref (rects);
  return out;
}
