/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GStreamer videoconvolve: the frame program
 * Copyright (C) 2026 The videoconvolve authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */

/* The program turns one settings snapshot and the negotiated caps into
 * core plans: the components of the format are grouped into jobs (adjacent
 * components with the same treatment share one sweep, so R, G and B of
 * RGBx are one job), each with the plan for its plane's size and grid.
 * A frame is cut into bands of output rows, one per thread; every job runs
 * on every band, band 0 on the streaming thread, the others on a
 * GstSharedTaskPool. The core's plans are immutable, so bands share them;
 * each band has its own scratch. The bands' rows follow the times they
 * took (rebalance ()).
 *
 * In place (the output frame is the input frame: same caps, stride 1,
 * every plan able to), each band and job first keeps aside, on the calling
 * thread, the input rows other bands overwrite before it reads them; then
 * the bands run as before. Each band then has a scratch per job, since a
 * job's kept rows must last until that job runs.
 *
 * Every byte of a row up to its last pixel is written, also the samples
 * no component of the format names: the x of RGBx, and in packed 4:2:2
 * of odd width the luma slot of the last pair, past the width. They are
 * carried like alpha (the README's rule), as jobs of their own.
 *
 * With regions, the same plans run on rectangles of the frame instead
 * (gstvideoconvolve-rects.c). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstvideoconvolve-program-private.h"

#include <stdlib.h>
#include <string.h>

#include "gstvideoconvolve-cores.h"
#include "gstvideoconvolve-types.h"

GST_DEBUG_CATEGORY_EXTERN (gst_video_convolve_debug);
#define GST_CAT_DEFAULT gst_video_convolve_debug

void
gst_video_convolve_program_free (GstVideoConvolveProgram * p)
{
  if (p == NULL)
    return;
  for (guint i = 0; i < p->n_jobs; i++)
    vc_plan_free (p->jobs[i].plan);
  free (p->scratch);
  g_free (p);
}

/* The kernel's sum: 0 for edge filters (and then for the magnitude
 * presets' transposed second kernel too). */
static gdouble
kernel_sum (const GstVideoConvolveSettings * s)
{
  gdouble sum = 0.0;

  for (gint i = 0; i < s->kernel_height * s->kernel_width; i++)
    sum += s->kernel[i];
  return sum;
}

/* Samples from a pixel's start to component c. GStreamer 1.22 lists
 * P010_10LE's V at poffset 1, which is not a whole 16-bit sample: V is the
 * second word of each UV pair (byte 2, as the format's own pack and unpack
 * functions have it). Such an offset is taken as counted in samples. */
static gint
component_offset (const GstVideoFormatInfo * finfo, guint c, gint bytes)
{
  gint poffset = GST_VIDEO_FORMAT_INFO_POFFSET (finfo, c);

  return poffset % bytes ? poffset : poffset / bytes;
}

static gint
component_compare (gconstpointer a, gconstpointer b)
{
  const Job *ca = a, *cb = b;

  if (ca->plane != cb->plane)
    return ca->plane - cb->plane;
  if (ca->offset != cb->offset)
    return ca->offset - cb->offset;
  /* The carry of a luma slot past the width first: it writes the whole
   * row, and the convolution of Y then overwrites the pixels. */
  return cb->carry - ca->carry;
}

/* Component c of the format, as a job of its own (carry and chroma are
 * the caller's). */
static void
component_init (Job * comp, const GstVideoInfo * in_info,
    const GstVideoInfo * out_info, guint c, gint sample_bytes)
{
  const GstVideoFormatInfo *finfo = in_info->finfo;

  memset (comp, 0, sizeof (*comp));
  comp->plane = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);
  comp->offset = component_offset (finfo, c, sample_bytes);
  comp->components = 1;
  comp->pixel_stride = GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c) / sample_bytes;
  comp->in_w = GST_VIDEO_INFO_COMP_WIDTH (in_info, c);
  comp->in_h = GST_VIDEO_INFO_COMP_HEIGHT (in_info, c);
  comp->out_w = GST_VIDEO_INFO_COMP_WIDTH (out_info, c);
  comp->out_h = GST_VIDEO_INFO_COMP_HEIGHT (out_info, c);
  comp->w_sub = GST_VIDEO_FORMAT_INFO_W_SUB (finfo, c);
  comp->h_sub = GST_VIDEO_FORMAT_INFO_H_SUB (finfo, c);
  comp->neutral = 1 << (GST_VIDEO_FORMAT_INFO_DEPTH (finfo, c) - 1);
}

/* Whether a component of the plane has a sample at `slot` (in samples)
 * of each of its pixels, or pairs of pixels in packed 4:2:2. */
static gboolean
slot_covered (const Job * comps, guint n, gint plane, gint slot)
{
  for (guint c = 0; c < n; c++)
    if (comps[c].plane == plane && slot >= comps[c].offset &&
        (slot - comps[c].offset) % comps[c].pixel_stride == 0)
      return TRUE;
  return FALSE;
}

/* Appends `like` as a carried slot, `out_w` wide. */
static guint
add_carried (Job * comps, guint n, const Job * like, gint offset, gint out_w)
{
  g_assert (n < MAX_JOBS);
  comps[n] = *like;
  comps[n].offset = offset;
  comps[n].out_w = out_w;
  comps[n].carry = TRUE;
  comps[n].chroma = CHROMA_NONE;
  return n + 1;
}

/* Appends, as carried components, the samples of the output rows of
 * `plane` that no component of the format covers, so that every byte of
 * a row up to its last pixel is written: a slot of every pixel (the x of
 * RGBx), and a component's slot past its width in the last pair of packed
 * 4:2:2 (the second Y of an odd width; that job carries the whole row,
 * which the convolution of Y then overwrites but for that slot). Each
 * reads the input pixel under the centre tap, clamped into the frame,
 * like alpha. Returns the new number of components. */
static guint
add_uncovered (Job * comps, guint n, gint plane)
{
  guint n_format = n;
  const Job *widest = NULL;
  gint row = 0;

  for (guint c = 0; c < n_format; c++) {
    if (comps[c].plane != plane)
      continue;
    if (widest == NULL || comps[c].pixel_stride > widest->pixel_stride)
      widest = &comps[c];
    row = MAX (row, comps[c].pixel_stride * comps[c].out_w);
  }
  if (widest == NULL)
    return n;
  for (gint slot = 0; slot < widest->pixel_stride; slot++)
    if (!slot_covered (comps, n_format, plane, slot))
      n = add_carried (comps, n, widest, slot, widest->out_w);
  for (guint c = 0; c < n_format; c++)
    if (comps[c].plane == plane && comps[c].pixel_stride * comps[c].out_w < row)
      n = add_carried (comps, n, &comps[c], comps[c].offset,
          row / comps[c].pixel_stride);
  return n;
}

static guint
effective_threads (const GstVideoConvolveSettings * s,
    const GstVideoInfo * out_info)
{
  guint n = s->n_threads ? s->n_threads : gst_video_convolve_usable_cores ();
  guint by_rows = MAX (1, GST_VIDEO_INFO_HEIGHT (out_info) /
      MIN_ROWS_PER_THREAD);

  if ((gint64) GST_VIDEO_INFO_WIDTH (out_info) *
      GST_VIDEO_INFO_HEIGHT (out_info) < MIN_SAMPLES_FOR_THREADS)
    return 1;
  return CLAMP (MIN (n, by_rows), 1, GST_VIDEO_CONVOLVE_MAX_THREADS);
}

/* The components of the format, with the slots no component covers, in
 * the order that groups neighbours (component_compare ()); returns their
 * number. */
static guint
list_components (const GstVideoConvolveSettings * s,
    const GstVideoInfo * in_info, const GstVideoInfo * out_info,
    gint sample_bytes, Job * comps)
{
  const GstVideoFormatInfo *finfo = in_info->finfo;
  gboolean yuv = GST_VIDEO_FORMAT_INFO_IS_YUV (finfo);
  gboolean luma_only = s->channels == GST_VIDEO_CONVOLVE_CHANNELS_LUMA && yuv;
  gboolean neutral_chroma = s->channels == GST_VIDEO_CONVOLVE_CHANNELS_AUTO &&
      yuv && kernel_sum (s) == 0.0;
  guint n_comps = GST_VIDEO_FORMAT_INFO_N_COMPONENTS (finfo);

  for (guint c = 0; c < n_comps; c++) {
    component_init (&comps[c], in_info, out_info, c, sample_bytes);
    comps[c].carry = (GST_VIDEO_FORMAT_INFO_HAS_ALPHA (finfo) &&
        c == GST_VIDEO_COMP_A) || (luma_only && c != GST_VIDEO_COMP_Y);
    comps[c].chroma = yuv && (c == GST_VIDEO_COMP_U || c == GST_VIDEO_COMP_V)
        && !comps[c].carry ? (neutral_chroma ? CHROMA_NEUTRAL :
        CHROMA_SIGNED) : CHROMA_NONE;
  }
  for (guint plane = 0; plane < GST_VIDEO_INFO_N_PLANES (out_info); plane++)
    n_comps = add_uncovered (comps, n_comps, plane);
  /* Group components that sit next to each other in a pixel and get the
   * same treatment, so that R, G and B of RGBx are one sweep. */
  qsort (comps, n_comps, sizeof (Job), component_compare);
  return n_comps;
}

/* The program's jobs: the components, those next to each other with the
 * same treatment as one job. */
static void
group_jobs (GstVideoConvolveProgram * p, const Job * comps, guint n_comps)
{
  for (guint c = 0; c < n_comps; c++) {
    Job *prev = p->n_jobs ? &p->jobs[p->n_jobs - 1] : NULL;

    /* Grouped only on the same grid: packed 4:2:2 (YUY2) has Y and U
     * next to each other, with different pixel strides and widths. */
    if (prev && prev->plane == comps[c].plane &&
        prev->carry == comps[c].carry && prev->chroma == comps[c].chroma &&
        prev->offset + prev->components == comps[c].offset &&
        prev->pixel_stride == comps[c].pixel_stride &&
        prev->in_w == comps[c].in_w && prev->in_h == comps[c].in_h &&
        prev->out_w == comps[c].out_w) {
      prev->components++;
      continue;
    }
    p->jobs[p->n_jobs++] = comps[c];
  }
}

/* The core configuration of `job`; `zeros` is an all-zero kernel, kernel2
 * room for the second one (see gst_video_convolve_settings_to_config ()). */
static void
job_config (const GstVideoConvolveSettings * s, const Job * job,
    const GstVideoFormatInfo * finfo, gint sample_bytes,
    const gdouble * zeros, gdouble * kernel2, VcConfig * cfg)
{
  gst_video_convolve_settings_to_config (s, job->w_sub, job->h_sub, cfg,
      kernel2);
  cfg->sample_type = sample_bytes == 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  /* 10-bit formats: clamped to 1023, and P010's samples sit in the high
   * bits of their words. */
  cfg->sample_bits = GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 0);
  cfg->sample_shift = GST_VIDEO_FORMAT_INFO_SHIFT (finfo, 0);
  cfg->components = job->components;
  /* Chroma: relative to its neutral value, without the bias (which is
   * brightness), with neutral as the constant border; set to neutral
   * for zero-sum kernels with channels=auto (an all-zero kernel of the
   * same geometry: out = center everywhere). */
  if (job->chroma != CHROMA_NONE) {
    cfg->center = job->neutral;
    cfg->bias = 0;
    cfg->border_value = job->neutral;
  }
  if (job->chroma == CHROMA_NEUTRAL) {
    cfg->kernel = zeros;
    cfg->kernel2 = NULL;
    cfg->divisor = 1;
    cfg->absolute = FALSE;
  }
  cfg->width = job->in_w;
  cfg->height = job->in_h;
  cfg->out_width = job->out_w;
  cfg->out_height = job->out_h;
}

/* One plan per job, made for the job's whole group of components; the
 * largest scratch size a plan needs goes to *scratch. */
static gboolean
make_plans (GstVideoConvolveProgram * p, const GstVideoConvolveSettings * s,
    const GstVideoFormatInfo * finfo, gint sample_bytes, gsize * scratch,
    gchar ** error)
{
  gdouble *zeros = g_new0 (gdouble, s->kernel_height * s->kernel_width);
  gdouble *kernel2 = g_new (gdouble, s->kernel_height * s->kernel_width);
  gboolean ok = TRUE;

  *scratch = 0;
  for (guint i = 0; i < p->n_jobs && ok; i++) {
    Job *job = &p->jobs[i];
    VcConfig cfg;
    VcError err;

    job_config (s, job, finfo, sample_bytes, zeros, kernel2, &cfg);
    job->plan = vc_plan_new (&cfg, &err);
    if (job->plan == NULL) {
      *error = g_strdup_printf ("%s (plane %d, %dx%d -> %dx%d)", err.message,
          job->plane, job->in_w, job->in_h, job->out_w, job->out_h);
      ok = FALSE;
    } else {
      *scratch = MAX (*scratch, vc_plan_scratch_size (job->plan));
    }
  }
  g_free (kernel2);
  g_free (zeros);
  return ok;
}

/* Whether the program runs in place, its threads, and their scratch
 * memory: `scratch` bytes for a job. */
static gboolean
alloc_scratch (GstVideoConvolveProgram * p, const GstVideoConvolveSettings * s,
    const GstVideoInfo * in_info, const GstVideoInfo * out_info,
    gsize scratch, gchar ** error)
{
  guint64 total;

  p->n_threads = effective_threads (s, out_info);
  for (guint t = 0; t < p->n_threads; t++)
    p->share[t] = 1.0 / p->n_threads;
  p->in_place = gst_video_info_is_equal (in_info, out_info);
  /* Regions are computed aside, then copied in: always in place. */
  for (guint i = 0; i < p->n_jobs && !p->regions; i++)
    p->in_place &= p->jobs[i].carry ?
        vc_plan_carry_in_place (p->jobs[i].plan) :
        vc_plan_in_place (p->jobs[i].plan);
  p->scratches = p->in_place ? p->n_jobs : 1;
  p->scratch_size = (scratch + SCRATCH_ALIGNMENT - 1) &
      ~(gsize) (SCRATCH_ALIGNMENT - 1);
  /* Not g_aligned_alloc (), which aborts when memory runs out. */
  total = (guint64) p->n_threads * p->scratches *
      MAX (p->scratch_size, SCRATCH_ALIGNMENT);
  if (total > G_MAXSIZE || posix_memalign ((void **) &p->scratch,
          SCRATCH_ALIGNMENT, (gsize) total) != 0) {
    p->scratch = NULL;
    *error = g_strdup_printf ("cannot allocate %" G_GUINT64_FORMAT " bytes "
        "of scratch memory (%u thread(s))", total, p->n_threads);
    return FALSE;
  }
  return TRUE;
}

GstVideoConvolveProgram *
gst_video_convolve_program_new (const GstVideoConvolveSettings * s,
    const GstVideoInfo * in_info, const GstVideoInfo * out_info, gchar ** error)
{
  gint sample_bytes = GST_VIDEO_FORMAT_INFO_DEPTH (in_info->finfo, 0) > 8 ?
      2 : 1;
  GstVideoConvolveProgram *p;
  Job comps[MAX_JOBS];
  guint n_comps;
  gsize scratch;

  if (!gst_video_convolve_settings_check_regions (s, in_info, error))
    return NULL;
  p = g_new0 (GstVideoConvolveProgram, 1);
  p->regions = gst_video_convolve_settings_has_regions (s);
  n_comps = list_components (s, in_info, out_info, sample_bytes, comps);
  group_jobs (p, comps, n_comps);
  if (!make_plans (p, s, in_info->finfo, sample_bytes, &scratch, error) ||
      !alloc_scratch (p, s, in_info, out_info, scratch, error)) {
    gst_video_convolve_program_free (p);
    return NULL;
  }
  return p;
}

gboolean
gst_video_convolve_program_in_place (const GstVideoConvolveProgram * program)
{
  return program->in_place;
}

gboolean
gst_video_convolve_program_regions (const GstVideoConvolveProgram * program)
{
  return program->regions;
}

/* ------------------------------------------------------------------ */
/* Per-frame work */

/* Tasks run at once, and how they and the caller wait for each other.
 *
 * A pool thread that has slept between frames takes tens of microseconds
 * to start (more in a virtual machine), and so does a caller that sleeps
 * until the last task ends: on a 1080p frame cut in two bands of about a
 * millisecond each, two such waits are several percent of the frame. So
 * the tasks are pushed before the caller's own preparation (`before`,
 * keeping rows aside in place), whose end they wait for (`ready`); and
 * each side spins a short, bounded while for the other before it sleeps
 * on `cond`. A task's last touch of the Join is the atomic decrement of
 * `running`: the caller returns only once it is 0, so the Join on its
 * stack outlives every access. */
typedef struct
{
  GMutex lock;
  GCond cond;
  gint ready;                   /* the caller's preparation is done */
  gint pending;                 /* tasks not finished, under `lock` */
  gint running;                 /* tasks still touching the Join */
} Join;

typedef struct
{
  Join *join;
  GstTaskPoolFunction func;
  gpointer data;
} Task;

/* How long each side spins before it sleeps: longer than a pool thread
 * takes to wake, short against a band of a large frame. The spin yields
 * the core every few microseconds, in case the thread it waits for is
 * queued behind it (more threads than free cores). */
#define SPIN_US 100

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#elif defined(__aarch64__)
  __asm__ __volatile__ ("yield");
#endif
}

/* Spins up to SPIN_US until *value equals `want`; TRUE if it did. */
static gboolean
spin_until (gint * value, gint want)
{
  gint64 end = 0;

  for (guint i = 0;; i++) {
    if (g_atomic_int_get (value) == want)
      return TRUE;
    cpu_relax ();
    if (i % 64 == 63) {
      gint64 now = g_get_monotonic_time ();

      /* A thread of this frame may be waiting for this core. */
      g_thread_yield ();

      if (end == 0)
        end = now + SPIN_US;
      else if (now >= end)
        return FALSE;
    }
  }
}

/* A task on a pool thread, once the caller is ready; then tells the
 * caller it is done. */
static void
task_run_pooled (gpointer data)
{
  Task *task = data;
  Join *join = task->join;

  if (!spin_until (&join->ready, 1)) {
    g_mutex_lock (&join->lock);
    while (!g_atomic_int_get (&join->ready))
      g_cond_wait (&join->cond, &join->lock);
    g_mutex_unlock (&join->lock);
  }
  task->func (task->data);
  g_mutex_lock (&join->lock);
  if (--join->pending == 0)
    g_cond_broadcast (&join->cond);
  g_mutex_unlock (&join->lock);
  g_atomic_int_add (&join->running, -1);
}

/* Runs func on the n items of `size` bytes at `items` (n at most
 * GST_VIDEO_CONVOLVE_MAX_THREADS): items 1.. go to the pool, then the
 * calling thread runs before (before_data) if given, then item 0 itself,
 * and any the pool refuses; no item starts before `before` has returned.
 * Returns when all are done. */
void
gst_video_convolve_run_tasks (GstTaskPool * pool, guint n,
    GstTaskPoolFunction func, gpointer items, gsize size,
    GstTaskPoolFunction before, gpointer before_data)
{
  Task tasks[GST_VIDEO_CONVOLVE_MAX_THREADS];
  Join join;

  g_mutex_init (&join.lock);
  g_cond_init (&join.cond);
  join.ready = 0;
  join.pending = 0;
  join.running = 0;
  for (guint t = 1; t < n; t++) {
    GError *err = NULL;
    gpointer handle;

    tasks[t].join = &join;
    tasks[t].func = func;
    tasks[t].data = (guint8 *) items + t * size;
    g_mutex_lock (&join.lock);
    join.pending++;
    g_atomic_int_inc (&join.running);
    g_mutex_unlock (&join.lock);
    handle = gst_task_pool_push (pool, task_run_pooled, &tasks[t], &err);
    if (err) {
      GST_DEBUG ("task %u runs inline: %s", t, err->message);
      g_clear_error (&err);
      tasks[t].join = NULL;
      g_mutex_lock (&join.lock);
      join.pending--;
      g_atomic_int_add (&join.running, -1);
      g_mutex_unlock (&join.lock);
      continue;
    }
    if (handle)
      gst_task_pool_dispose_handle (pool, handle);
  }
  if (before)
    before (before_data);
  g_mutex_lock (&join.lock);
  g_atomic_int_set (&join.ready, 1);
  g_cond_broadcast (&join.cond);
  g_mutex_unlock (&join.lock);
  func (items);
  /* The items the pool refused. */
  for (guint t = 1; t < n; t++)
    if (tasks[t].join == NULL)
      func (tasks[t].data);
  if (!spin_until (&join.running, 0)) {
    g_mutex_lock (&join.lock);
    while (join.pending > 0)
      g_cond_wait (&join.cond, &join.lock);
    g_mutex_unlock (&join.lock);
    /* The tasks are past their last lock; only the decrement is left. */
    while (g_atomic_int_get (&join.running) > 0)
      g_thread_yield ();
  }
  g_mutex_clear (&join.lock);
  g_cond_clear (&join.cond);
}

/* One frame in flight: the plane descriptors every band shares. */
typedef struct
{
  GstVideoConvolveProgram *program;
  VcPlane src[MAX_JOBS];
  VcPlane dst[MAX_JOBS];
  guint n_bands;
  gboolean in_place;            /* src and dst are the same planes */
  /* Band t has the rows from cut[t] to cut[t + 1] of every plane, as
   * fractions of its height (cut[0] is 0, cut[n_bands] 1). */
  gdouble cut[GST_VIDEO_CONVOLVE_MAX_THREADS + 1];
  gint64 start_us;              /* when the bands were handed out */
} Frame;

typedef struct
{
  Frame *frame;
  guint band;
  VcError error;
  gboolean failed;
  gint64 end_us;                /* when the band was done */
} Band;

/* Output rows [*y0, *y1) of band `band` of job `job`. */
static void
band_rows (const Frame * f, const Job * job, guint band, gint * y0, gint * y1)
{
  *y0 = (gint) (job->out_h * f->cut[band] + 0.5);
  *y1 = (gint) (job->out_h * f->cut[band + 1] + 0.5);
}

/* Bands of equal rows end at different times: a pool thread starts late
 * (tens of microseconds after a sleep, more in a virtual machine), a core
 * is shared with other work, or rows cost more in one part of the frame.
 * So each frame's bands are cut by shares that follow the times of the
 * last frames: a band's share over the time it took to end (counted from
 * the hand-out, so the late start counts), normalised, taken a tenth of
 * the way (SHARE_STEP, against the noise of one frame), and never below
 * MIN_SHARE of an equal share. Frames whose bands all end within
 * MIN_BALANCE_US teach nothing (the clock counts microseconds). Any cut
 * gives the same output: bands are exact. */
#define SHARE_STEP 0.1
#define MIN_SHARE 0.125
#define MIN_BALANCE_US 100

static void
rebalance (GstVideoConvolveProgram * p, const Frame * f, const Band * bands)
{
  gdouble rate[GST_VIDEO_CONVOLVE_MAX_THREADS];
  gdouble sum = 0, total = 0;
  gint64 longest = 0;

  for (guint t = 0; t < f->n_bands; t++) {
    gint64 took = MAX (bands[t].end_us - f->start_us, 1);

    longest = MAX (longest, took);
    rate[t] = p->share[t] / took;
    sum += rate[t];
  }
  if (longest < MIN_BALANCE_US)
    return;
  for (guint t = 0; t < f->n_bands; t++) {
    p->share[t] += (rate[t] / sum - p->share[t]) * SHARE_STEP;
    p->share[t] = MAX (p->share[t], MIN_SHARE / f->n_bands);
    total += p->share[t];
  }
  for (guint t = 0; t < f->n_bands; t++)
    p->share[t] /= total;
}

static void *
band_scratch (const GstVideoConvolveProgram * p, guint band, guint job)
{
  return p->scratch + ((gsize) band * p->scratches +
      (p->in_place ? job : 0)) * p->scratch_size;
}

static void
band_run (gpointer data)
{
  Band *b = data;
  const Frame *f = b->frame;
  GstVideoConvolveProgram *p = f->program;

  if (gst_debug_category_get_threshold (GST_CAT_DEFAULT) >= GST_LEVEL_LOG) {
    gint y0, y1;

    band_rows (f, &p->jobs[0], b->band, &y0, &y1);
    GST_LOG ("band %u: rows %d to %d of %d", b->band, y0, y1, p->jobs[0].out_h);
  }
  for (guint i = 0; i < p->n_jobs && !b->failed; i++) {
    const Job *job = &p->jobs[i];
    void *scratch = band_scratch (p, b->band, i);
    gint y0, y1;
    VcStatus s;

    band_rows (f, job, b->band, &y0, &y1);
    if (job->carry)
      s = vc_plan_execute_carry (job->plan, &f->src[i],
          f->in_place ? &f->src[i] : &f->dst[i], y0, y1, &b->error);
    else if (f->in_place)
      s = vc_plan_execute_in_place (job->plan, &f->src[i], y0, y1, scratch,
          &b->error);
    else
      s = vc_plan_execute (job->plan, &f->src[i], &f->dst[i], y0, y1,
          scratch, &b->error);
    b->failed = s != VC_OK;
  }
  b->end_us = g_get_monotonic_time ();
}

/* In place, before any band writes: every band keeps the rows it needs.
 * `data` is the array of bands. */
static void
keep_rows (gpointer data)
{
  Band *bands = data;
  Frame *f = bands[0].frame;
  GstVideoConvolveProgram *p = f->program;

  GST_LOG ("keeping rows aside for %u bands", f->n_bands);

  for (guint t = 0; t < f->n_bands; t++) {
    for (guint i = 0; i < p->n_jobs && !bands[t].failed; i++) {
      const Job *job = &p->jobs[i];
      gint y0, y1;

      if (job->carry)
        continue;
      band_rows (f, job, t, &y0, &y1);
      bands[t].failed = vc_plan_prepare_in_place (job->plan, &f->src[i], y0,
          y1, band_scratch (p, t, i), &bands[t].error) != VC_OK;
    }
  }
}

void
gst_video_convolve_describe_plane (const Job * job, GstVideoFrame * frame,
    gboolean out, VcPlane * plane)
{
  plane->data = GST_VIDEO_FRAME_PLANE_DATA (frame, job->plane);
  plane->row_stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, job->plane);
  plane->width = out ? job->out_w : job->in_w;
  plane->height = out ? job->out_h : job->in_h;
  plane->pixel_stride = job->pixel_stride;
  plane->offset = job->offset;
  plane->components = job->components;
}

gboolean
gst_video_convolve_program_run (GstVideoConvolveProgram * program,
    GstTaskPool * pool, GstVideoFrame * in_frame, GstVideoFrame * out_frame,
    gchar ** error)
{
  Band bands[GST_VIDEO_CONVOLVE_MAX_THREADS];
  Frame frame;

  frame.program = program;
  frame.n_bands = program->n_threads;
  frame.in_place = in_frame == out_frame;
  if (frame.in_place && !program->in_place) {
    *error = g_strdup ("this configuration cannot convolve in place "
        "(an internal error: please report it)");
    return FALSE;
  }
  for (guint i = 0; i < program->n_jobs; i++) {
    gst_video_convolve_describe_plane (&program->jobs[i], in_frame, FALSE,
        &frame.src[i]);
    gst_video_convolve_describe_plane (&program->jobs[i], out_frame, TRUE,
        &frame.dst[i]);
  }
  frame.cut[0] = 0.0;
  for (guint t = 0; t < frame.n_bands; t++) {
    frame.cut[t + 1] = frame.cut[t] + program->share[t];
    bands[t].frame = &frame;
    bands[t].band = t;
    bands[t].failed = FALSE;
  }
  frame.cut[frame.n_bands] = 1.0;
  frame.start_us = g_get_monotonic_time ();
  gst_video_convolve_run_tasks (pool, frame.n_bands, band_run, bands,
      sizeof (Band), frame.in_place ? keep_rows : NULL, bands);

  for (guint t = 0; t < frame.n_bands; t++) {
    if (bands[t].failed) {
      *error = g_strdup (bands[t].error.message);
      return FALSE;
    }
  }
  if (frame.n_bands > 1)
    rebalance (program, &frame, bands);
  return TRUE;
}

gchar *
gst_video_convolve_program_describe (const GstVideoConvolveProgram * p)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u band(s), %s%s", p->n_threads, p->in_place ?
      "in place" : "into a new frame", p->regions ? ", inside regions" : "");
  for (guint i = 0; i < p->n_jobs; i++) {
    const Job *job = &p->jobs[i];

    g_string_append_printf (s, "; plane %d +%d x%d %dx%d -> %dx%d: %s",
        job->plane, job->offset, job->components, job->in_w, job->in_h,
        job->out_w, job->out_h, job->carry ? "carry" :
        vc_plan_path_name (job->plan));
  }
  return g_string_free (s, FALSE);
}

GstTaskPool *
gst_video_convolve_program_pool_new (void)
{
  /* Threads are made on demand, never more than a program's bands. */
  GstTaskPool *pool = gst_shared_task_pool_new ();

  gst_shared_task_pool_set_max_threads (GST_SHARED_TASK_POOL (pool),
      GST_VIDEO_CONVOLVE_MAX_THREADS);
  gst_task_pool_prepare (pool, NULL);
  return pool;
}
