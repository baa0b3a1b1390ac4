/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the frame program's insides
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* What the program's two files share (gstvideoconvolve-program.c: plans
 * and whole frames; gstvideoconvolve-rects.c: rectangles). */

#ifndef __GST_VIDEO_CONVOLVE_PROGRAM_PRIVATE_H__
#define __GST_VIDEO_CONVOLVE_PROGRAM_PRIVATE_H__

#include "gstvideoconvolve-program.h"

G_BEGIN_DECLS

/* A band must hold at least this many output rows and the frame this many
 * output samples before a second thread is worth waking. */
#define MIN_ROWS_PER_THREAD 16
#define MIN_SAMPLES_FOR_THREADS (64 * 64)
/* Each band's scratch starts on this boundary (the widest vectors). */
#define SCRATCH_ALIGNMENT VC_SCRATCH_ALIGNMENT
/* The format's components and the slots no component covers: at most 4
 * for the formats of the pad template (YUY2 of odd width: Y, U, V and the
 * luma slot past the width). */
#define MAX_JOBS (2 * GST_VIDEO_MAX_COMPONENTS)

/* How a component of YUV chroma is treated (see the channels property). */
typedef enum
{
  CHROMA_NONE,                  /* not chroma, or carried */
  CHROMA_SIGNED,                /* convolved relative to its neutral value */
  CHROMA_NEUTRAL,               /* set to its neutral value */
} ChromaRule;

/* A run of `components` adjacent components of one plane with the same
 * treatment and grid (before grouping, one component: a format's own, or
 * a slot of the rows that none covers). */
typedef struct
{
  gboolean carry;               /* copy the centre tap instead of convolving */
  gint plane;
  gint offset, components, pixel_stride;        /* samples */
  gint in_w, in_h, out_w, out_h;
  gint w_sub, h_sub;            /* the component's subsampling */
  ChromaRule chroma;
  gint neutral;
  VcPlan *plan;
} Job;

struct _GstVideoConvolveProgram
{
  guint n_jobs;
  Job jobs[MAX_JOBS];
  guint n_threads;
  gboolean in_place;
  gboolean regions;             /* only inside rectangles, in place */
  gsize scratch_size;           /* per band and job, a multiple of
                                 * SCRATCH_ALIGNMENT */
  guint scratches;              /* per band: n_jobs in place, else 1 */
  guint8 *scratch;              /* n_threads * scratches * scratch_size */
  /* Each band's share of the rows, from the times the bands took on the
   * last frames (gstvideoconvolve-program.c, rebalance ()); only the
   * thread that runs the frames touches it. */
  gdouble share[GST_VIDEO_CONVOLVE_MAX_THREADS];
};

/* Runs func on the n items of `size` bytes at `items`, item 0 on the
 * calling thread and the others on the pool, none before `before`
 * (when not NULL) has run on the calling thread; returns when all are
 * done. */
void gst_video_convolve_run_tasks (GstTaskPool * pool, guint n,
    GstTaskPoolFunction func, gpointer items, gsize size,
    GstTaskPoolFunction before, gpointer before_data);

/* The plane of `job` in frame, at the output's size when out. */
void gst_video_convolve_describe_plane (const Job * job,
    GstVideoFrame * frame, gboolean out, VcPlane * plane);

G_END_DECLS
#endif /* __GST_VIDEO_CONVOLVE_PROGRAM_PRIVATE_H__ */
