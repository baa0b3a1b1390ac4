/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the frame program on rectangles
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* Regions: each rectangle of each job is computed aside from the frame as
 * it came, then all are copied in (a rectangle reads the pixels around
 * it, which another one may change). Large rectangles are cut into row
 * slices, and the pieces shared among the threads. */

#include "gstvideoconvolve-program-private.h"

#include <string.h>

/* One rectangle of one job, in the job's grid, and its samples. */
typedef struct
{
  guint job;
  gint x0, y0, x1, y1;
  VcPlane out;                  /* the job's layout, the rectangle's size */
} Piece;

/* Rectangle r (luma pixels) in the grid of `job`, rounded outward (so a
 * chroma sample is in when any luma pixel it covers is), within the job's
 * output; FALSE when that is empty. */
static gboolean
job_rect (const Job * job, const GstVideoRectangle * r, Piece * piece)
{
  gint ux = (1 << job->w_sub) - 1, uy = (1 << job->h_sub) - 1;

  piece->x0 = r->x >> job->w_sub;
  piece->y0 = r->y >> job->h_sub;
  piece->x1 = MIN ((r->x + r->w + ux) >> job->w_sub, job->out_w);
  piece->y1 = MIN ((r->y + r->h + uy) >> job->h_sub, job->out_h);
  return piece->x0 < piece->x1 && piece->y0 < piece->y1;
}

static gboolean
compute_piece (const Job * job, const VcPlane * src, gsize ss,
    Piece * piece, VcError * err)
{
  VcPlane *out = &piece->out;
  VcStatus s;

  *out = *src;
  out->width = piece->x1 - piece->x0;
  out->height = piece->y1 - piece->y0;
  out->row_stride = (gsize) out->width * out->pixel_stride * ss;
  out->data = g_try_malloc ((gsize) out->height * out->row_stride);
  if (out->data == NULL) {
    g_snprintf (err->message, sizeof (err->message), "cannot allocate %"
        G_GSIZE_FORMAT " bytes for a region", out->height * out->row_stride);
    return FALSE;
  }
  if (job->carry)
    s = vc_plan_execute_carry_rect (job->plan, src, out, piece->x0,
        piece->y0, piece->x1, piece->y1, err);
  else
    s = vc_plan_execute_rect (job->plan, src, out, piece->x0, piece->y0,
        piece->x1, piece->y1, err);
  return s == VC_OK;
}

/* The piece's described samples into `plane` of the frame. */
static void
copy_piece (const Piece * piece, const VcPlane * plane, gsize ss)
{
  const VcPlane *out = &piece->out;
  gsize step = (gsize) out->pixel_stride * ss;
  gsize bytes = (gsize) out->components * ss;

  for (gint y = 0; y < out->height; y++) {
    const guint8 *s = (const guint8 *) out->data + y * out->row_stride +
        out->offset * ss;
    guint8 *d = (guint8 *) plane->data + (piece->y0 + y) * plane->row_stride
        + piece->x0 * step + plane->offset * ss;

    /* Pixels without padding bytes in one copy, else sample by sample. */
    if (step == bytes) {
      memcpy (d, s, out->width * bytes);
      continue;
    }
    for (gint x = 0; x < out->width; x++)
      memcpy (d + x * step, s + x * step, bytes);
  }
}

/* The pieces of one frame, shared by the workers that compute them. */
typedef struct
{
  GstVideoConvolveProgram *program;
  GArray *pieces;
  VcPlane planes[MAX_JOBS];
  gsize ss;
  guint n_workers;
} Pieces;

typedef struct
{
  Pieces *pieces;
  guint worker;
  VcError error;
  gboolean failed;
} PieceWorker;

/* Worker w computes pieces w, w + n_workers, ... */
static void
pieces_run (gpointer data)
{
  PieceWorker *w = data;
  Pieces *all = w->pieces;

  for (guint k = w->worker; k < all->pieces->len && !w->failed;
      k += all->n_workers) {
    Piece *piece = &g_array_index (all->pieces, Piece, k);

    w->failed = !compute_piece (&all->program->jobs[piece->job],
        &all->planes[piece->job], all->ss, piece, &w->error);
  }
}

/* Appends job i's rectangle r, cut into row slices for the threads when
 * it is large enough to be worth it. */
static void
add_pieces (const GstVideoConvolveProgram * p, guint i,
    const GstVideoRectangle * r, GArray * pieces)
{
  Piece piece = { 0 };
  gint h;
  guint slices = 1;

  piece.job = i;
  if (!job_rect (&p->jobs[i], r, &piece))
    return;
  h = piece.y1 - piece.y0;
  if ((gint64) (piece.x1 - piece.x0) * h >= MIN_SAMPLES_FOR_THREADS)
    slices = CLAMP (h / MIN_ROWS_PER_THREAD, 1, (gint) p->n_threads);
  for (guint t = 0; t < slices; t++) {
    Piece slice = piece;

    slice.y0 = piece.y0 + (gint) ((gint64) h * t / slices);
    slice.y1 = piece.y0 + (gint) ((gint64) h * (t + 1) / slices);
    g_array_append_val (pieces, slice);
  }
}

gboolean
gst_video_convolve_program_run_rects (GstVideoConvolveProgram * p,
    GstTaskPool * pool, GstVideoFrame * frame, const GArray * rects,
    gchar ** error)
{
  PieceWorker workers[GST_VIDEO_CONVOLVE_MAX_THREADS];
  Pieces all;
  gboolean ok = TRUE;

  all.program = p;
  all.pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  all.ss = GST_VIDEO_FORMAT_INFO_DEPTH (frame->info.finfo, 0) > 8 ? 2 : 1;
  for (guint i = 0; i < p->n_jobs; i++) {
    gst_video_convolve_describe_plane (&p->jobs[i], frame, FALSE,
        &all.planes[i]);
    /* The carry of a centred kernel leaves every sample as it is. */
    if (p->jobs[i].carry && vc_plan_carry_in_place (p->jobs[i].plan))
      continue;
    for (guint r = 0; r < rects->len; r++)
      add_pieces (p, i, &g_array_index (rects, GstVideoRectangle, r),
          all.pieces);
  }
  all.n_workers = CLAMP (all.pieces->len, 1, p->n_threads);
  for (guint t = 0; t < all.n_workers; t++) {
    workers[t].pieces = &all;
    workers[t].worker = t;
    workers[t].failed = FALSE;
  }
  gst_video_convolve_run_tasks (pool, all.n_workers, pieces_run, workers,
      sizeof (PieceWorker), NULL, NULL);
  for (guint t = 0; t < all.n_workers && ok; t++) {
    if (workers[t].failed) {
      *error = g_strdup (workers[t].error.message);
      ok = FALSE;
    }
  }
  for (guint k = 0; k < all.pieces->len; k++) {
    Piece *piece = &g_array_index (all.pieces, Piece, k);

    if (ok)
      copy_piece (piece, &all.planes[piece->job], all.ss);
    g_free (piece->out.data);
  }
  g_array_unref (all.pieces);
  return ok;
}
