/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths: chosen once per plan, exact where the reference is.
 *
 * A plan is made in steps: the kernels are analysed for their class
 * (vc-fast-kernel.c), the lanes and the finish chosen (vc-fast-finish.c),
 * the passes' taps made (vc-fast-kernel.c), the rings sized
 * (vc-fast-rows.c), and, where it is safe, the plan allowed in place
 * (vc-fast-keep.c). A call then makes each output row from the rings'
 * rows, pass by pass, and finishes it.
 */
#include "vc-fast-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
vc_fast_free (VcFast * f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < 2; i++) {
    vc_fast_taps_free (&f->pass[i].taps);
    vc_fast_taps_free (&f->pass[i].row);
    vc_fast_taps_free (&f->pass[i].pairs);
  }
  free (f->phase_start);
  free (f);
}

/* The lanes: 64-bit float lanes for sums float cannot hold exactly
 * (exact below 2^53, with the reference's finish); else float or 16-bit
 * lanes with the finish vc_fast_choose_finish () picks. Returns false
 * where no fast path is exact or accurate enough. */
static bool
choose_lanes (VcFast * f, const VcPlan * plan, VcKernelStats * ks, double *sign)
{
  *sign = 1.0;
  if (ks->exact && ks->bound >= VC_FLOAT_EXACT) {
    ks->exact = false;
    if (ks->bound < 9007199254740992.0 && f->wide->taps_f64) {
      f->f64 = true;
      f->finish_kind = VC_FINISH_REF;
      vc_fast_reference_finish (&f->finish, plan, ks->e, ks->sum[0]);
    }
  }
  if (!f->f64 && ((!ks->exact && vc_fast_tiny_coefficient (plan, ks->count))
          || !vc_fast_choose_finish (f, plan, ks, sign)))
    return false;
  f->lane_bytes = f->i16 ? 2 : f->f64 ? 8 : 4;
  f->pad_bytes = f->ring_bytes = f->lane_bytes;
  return true;
}

/* Float sums of 8-bit samples through taps_madd, where the table has it
 * and every tap on a padded row fits int16 (after make_passes ()): the
 * padded rows then hold 16-bit lanes. */
static void
choose_madd (VcFast * f, const VcPlan * plan, bool exact)
{
  if (!exact || f->i16 || f->f64 || !f->simd->taps_madd ||
      plan->sample_type != VC_SAMPLE_U8)
    return;
  /* The box path builds rows of its own: 32-bit lanes, not pairs. */
  if (vc_fast_box_kernel (f, plan, exact))
    return;
  for (int k = 0; k < f->n_passes; k++) {
    const VcTaps *t = f->pass[k].separable ? &f->pass[k].row :
        &f->pass[k].taps;

    for (int n = 0; n < t->n; n++)
      if (fabsf (t->coef[n]) > 32767)
        return;
  }
  f->madd = true;
  f->pad_bytes = f->ring_bytes = 2;
}

static void
set_name (VcFast * f, bool exact)
{
  f->approximate = !f->box && !f->cascade && !f->f64 && !exact;
  if (f->box || f->cascade) {
    snprintf (f->name, sizeof (f->name), "box-%s/%s", f->box ? "running" :
        f->cas8 ? "cascade-u8" : "cascade", f->simd->name);
    return;
  }
  snprintf (f->name, sizeof (f->name), "%s-%s%s/%s",
      f->pass[0].separable && (f->n_passes == 1 || f->pass[1].separable) ?
      "separable" : "direct", f->f64 ? "int53" : !exact ? "float" :
      f->i16 ? "int16" : "int", f->fused ? "-fused" : "", f->simd->name);
}

/* The running-sum paths: the 8-bit cascade first (faster than the box
 * path on single boxes too), else the box path, else the cascade. The
 * cascade is planned once: the box path, when it is taken, uses the
 * scratch the cascade's would have. */
static void
plan_sums (VcFast * f, const VcPlan * plan, const VcKernelStats * ks,
    double sign, size_t *scratch_size)
{
  size_t at = *scratch_size, after;

  vc_fast_plan_cascade (f, plan, ks, sign, scratch_size);
  if (f->cas8)
    return;
  after = *scratch_size;
  *scratch_size = at;
  vc_fast_plan_box (f, plan, ks, sign, scratch_size);
  if (f->box)
    f->cascade = false;
  else
    *scratch_size = after;
}

/* The plan on simd's loops, with 16-bit lanes where they are exact
 * unless no_i16. */
static VcFast *
plan_on (const VcPlan * plan, int components, const VcSimd * simd,
    bool no_i16, size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  VcFast *f = calloc (1, sizeof (*f));
  VcKernelStats ks;
  double sign;

  if (f == NULL)
    return NULL;
  f->simd = simd;
  f->no_i16 = no_i16;
  f->finishes = simd->finish_from ? simd->finish_from : simd;
  f->wide = simd->taps_f64 ? simd : f->finishes;
  f->components = components;
  f->n_passes = plan->kernel2 ? 2 : 1;
  f->span = (g->kh - 1) * g->dy + 1;

  if (!vc_fast_plan_phases (f, g) ||
      !vc_fast_analyse (plan, f->n_passes, &ks) ||
      !choose_lanes (f, plan, &ks, &sign) ||
      !vc_fast_make_passes (f, plan, &ks, sign)) {
    vc_fast_free (f);
    return NULL;
  }
  choose_madd (f, plan, ks.exact);
  if (!vc_fast_make_pairs (f)) {
    vc_fast_free (f);
    return NULL;
  }
  *scratch_size = vc_fast_plan_rings (f, g);
  vc_fast_plan_in_place (f, g, plan->sample_type == VC_SAMPLE_U16 ? 2 : 1);
  plan_sums (f, plan, &ks, sign, scratch_size);
  if (!f->box && !f->cascade)
    vc_fast_plan_fused (f, plan, scratch_size);
  *scratch_size += f->keep_bytes;
  set_name (f, ks.exact);
  return f;
}

/* A direct kernel on 16-bit lanes is planned again without them where a
 * quad is one instruction, and the quads taken where they cost less
 * (vc_fast_quads_beat_i16 ()). */
VcFast *
vc_fast_plan (const VcPlan * plan, int components, const VcSimd * simd,
    size_t *scratch_size)
{
  VcFast *f = plan_on (plan, components, simd, false, scratch_size);
  VcFast *q;
  size_t q_size;

  if (f == NULL || !f->i16 || !simd->quads_one_op || f->n_passes != 1 ||
      f->pass[0].separable)
    return f;
  q = plan_on (plan, components, simd, true, &q_size);
  if (q == NULL || !vc_fast_quads_beat_i16 (f, q)) {
    vc_fast_free (q);
    return f;
  }
  vc_fast_free (f);
  *scratch_size = q_size;
  return q;
}

const char *
vc_fast_name (const VcFast * f)
{
  return f->name;
}

bool
vc_fast_approximate (const VcFast * f)
{
  return f->approximate;
}

/* ---- Execution ---------------------------------------------------------- */

/* Accumulates pass k for output row i into c->acc[k]; or, when the
 * finish is fused into the tap loop, writes the finished samples to out
 * (only the bytes in mask) and returns true. */
static bool
run_pass (Call * c, int k, int i, uint8_t * out, uint32_t mask)
{
  const VcGeometry *g = &c->plan->g;
  const VcPass *pass = &c->f->pass[k];
  const VcTaps *t = !pass->separable && c->f->pair_d ? &pass->pairs :
      &pass->taps;
  const Ring *ring = pass->separable ? &c->h[k] : &c->in;
  const size_t pixel_bytes = (size_t) c->L *
      (pass->separable ? c->f->lane_bytes : c->f->ring_bytes);
  bool whole = ring->size >= c->f->span;
  bool started = false;
  int from = 0;

  bool fuse = c->f->finish.fused != VC_FUSED_NONE && c->f->n_passes == 1 &&
      c->f->simd->taps_i16_finish && whole;

  if (t->n == 0) {
    memset (c->acc[k], 0, (size_t) c->out_lanes * c->f->lane_bytes);
    return false;
  }
  /* All taps in one sweep when the ring holds every row at once;
   * otherwise one sweep per kernel row. */
  for (int n = 0; n < t->n; n++) {
    int r = i * g->sy + t->m[n] * g->dy;
    const uint8_t *row = pass->separable ? vc_fast_h_row (c, k, r) :
        vc_fast_padded_row (c, r);

    c->ptrs[n - from] = row + (size_t) t->px[n] * pixel_bytes;
    if (!whole && (n + 1 == t->n || t->m[n + 1] != t->m[n])) {
      vc_fast_run_taps (c, c->acc[k], c->ptrs, t, from, n + 1 - from,
          c->out_lanes, started, !pass->separable);
      started = true;
      from = n + 1;
    }
  }
  if (fuse) {
    c->f->simd->taps_i16_finish (out, (const uint16_t * const *) c->ptrs,
        t->coef16, t->n, c->out_lanes, &c->f->finish, mask);
    return true;
  }
  if (whole)
    vc_fast_run_taps (c, c->acc[k], c->ptrs, t, 0, t->n, c->out_lanes, false,
        !pass->separable);
  return false;
}

/* How many output rows a band of run_band () holds: up to the plan's
 * band (1 but for one separable pass not finished in its tap loop), as
 * many as the ring holds every row of at once. */
static int
band_rows (const Call * c)
{
  const VcFast *f = c->f;
  int n;

  if (f->band == 1)
    return 1;
  n = (c->h[0].size - f->span) / c->plan->g.sy + 1;
  return n < 1 ? 1 : n > f->band ? f->band : n;
}

/* Output rows [i0, i0 + n) of a separable pass: their rows made first,
 * then the column taps VC_BAND_LANES lanes at a time, every row of the
 * band on those lanes before the next lanes, so that the rows' lanes
 * come from the first-level cache for all but the first output row
 * (one output row at a time, 13 taps of 1920 float lanes, 100 KB, would
 * read them from the second level for every row). Each row's lanes are
 * finished as soon as their taps are done where the lanes are dst's
 * samples (the sums still in the first-level cache), else each row
 * once the band's taps are done. */
static void
run_band (Call * c, const VcPlane * dst, int i0, int n)
{
  const VcGeometry *g = &c->plan->g;
  const VcTaps *t = &c->f->pass[0].taps;
  const size_t lb = c->f->lane_bytes;
  const int stride = c->f->max_taps + 1;
  const void **p = c->ptrs;
  const bool direct = vc_fast_lanes_are_dst (c, dst) && c->plan->shift == 0;
  const size_t ss = c->plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;

  for (int b = 0; b < n; b++)
    for (int m = 0; m < t->n; m++) {
      const uint8_t *row = vc_fast_h_row (c, 0,
          (i0 + b) * g->sy + t->m[m] * g->dy);

      p[b * stride + m] = row + (size_t) t->px[m] * c->L * lb;
    }
  for (int q = 0; q < c->out_lanes; q += VC_BAND_LANES) {
    const int len = c->out_lanes - q < VC_BAND_LANES ?
        c->out_lanes - q : VC_BAND_LANES;

    for (int b = 0; b < n; b++) {
      uint8_t *acc = (uint8_t *) c->acc[b] + (size_t) q * lb;
      uint8_t *out = (uint8_t *) dst->data +
          (ptrdiff_t) (i0 + b) * dst->row_stride + (size_t) q * ss;

      /* hptrs is free: every row of the band is made. */
      for (int m = 0; m < t->n; m++)
        c->hptrs[m] = (const uint8_t *) p[b * stride + m] + (size_t) q * lb;
      vc_fast_run_taps (c, acc, c->hptrs, t, 0, t->n, len, false, false);
      if (direct)
        vc_fast_finish_lanes (c, acc, NULL, out, len);
    }
  }
  if (!direct)
    for (int b = 0; b < n; b++)
      vc_fast_finish_row (c, c->acc[b], dst, i0 + b, false);
}

/* Makes output rows [y0, y1) of dst, in place when keep is given. */
VcStatus
vc_fast_run (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int y0, int y1, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  Call c;
  bool direct_out = false;
  uint32_t out_mask = ~0u;
  int band;

  if (f->box) {
    vc_fast_run_box (plan, src, dst, y0, y1, scratch, keep);
    return VC_OK;
  }
  if (f->cas8) {
    vc_fast_run_cascade8 (plan, src, dst, y0, y1, scratch, keep);
    return VC_OK;
  }
  if (f->cascade) {
    vc_fast_run_cascade (plan, src, dst, y0, y1, scratch, keep);
    return VC_OK;
  }
  if (vc_fast_run_fused (plan, src, dst, y0, y1, scratch, keep))
    return VC_OK;
  vc_fast_call_init (&c, plan, src, dst, scratch, keep);
  /* The fused finish writes straight into dst when the lanes are dst's
   * samples: packed components, or whole 8-bit pixels of 1, 2 or 4
   * samples (a period that divides 32) through a byte mask. */
  if (vc_fast_lanes_are_dst (&c, dst)) {
    direct_out = true;
  } else if (c.L != f->components && f->simd->masked_stores &&
      plan->sample_type == VC_SAMPLE_U8 && 32 % c.L == 0) {
    direct_out = true;
    out_mask = vc_run_mask (c.L, c.first, f->components);
  }

  band = band_rows (&c);
  for (int i = y0; i < y1; i++) {
    uint8_t *row = (uint8_t *) dst->data + (ptrdiff_t) i * dst->row_stride;
    bool finished = false;

    if (band > 1 && y1 - i > 1) {
      const int n = y1 - i < band ? y1 - i : band;

      run_band (&c, dst, i, n);
      i += n - 1;
      continue;
    }

    for (int k = 0; k < f->n_passes; k++)
      finished = run_pass (&c, k, i, direct_out ? row : c.out, out_mask);
    /* Whole pixels finished straight into dst through the byte mask. */
    if (finished && direct_out && out_mask != ~0u)
      continue;
    vc_fast_finish_row (&c, c.acc[0], dst, i, finished);
  }
  return VC_OK;
}

VcStatus
vc_fast_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch)
{
  return vc_fast_run (plan, src, dst, y0, y1, scratch, NULL);
}
