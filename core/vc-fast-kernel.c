/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, kernel analysis: which class a kernel takes.
 *
 * Kernel classes (vc_fast_plan () decides, vc_plan_path_name () says):
 *
 *   separable-int  every kernel is exactly column x row with integer
 *                  factors (box, Gaussian, the Sobel/Prewitt/Scharr parts,
 *                  user kernels that factor): a row pass into a ring of
 *                  intermediate rows, then a column pass; on 16-bit
 *                  lanes with AVX2, both passes per strip of a row
 *                  (vc-fast-fused.c, "separable-int16-fused"), and so
 *                  on 8-bit samples whose column sums stay below 2^14
 *                  ("separable-int-fused").
 *   direct-int     any other kernel whose coefficients are integers times
 *                  one power of two (0.25, 0.0625, ...): all its non-zero
 *                  taps in one sweep.
 *   direct-float   any other kernel, within 1 of the reference.
 *   reference      what none of the above can do exactly enough.
 *
 * Exactness. The "-int" classes scale the kernel by 2^e so that every
 * coefficient is an integer K', and are taken only when
 * input_max * sum |K'| < 2^24: every product and partial sum is then an
 * integer below 2^24, which float represents exactly, so the accumulator A
 * is the exact integer the reference's double accumulator holds (times
 * 2^e), in any summation order, on any instruction set.
 */
#include "vc-fast-private.h"

#include <math.h>
#include <stdlib.h>

/* Smallest e in [0, 30] with every coefficient times 2^e an integer below
 * 2^31, or -1. */
static int
integer_scale (const double *k, int count)
{
  for (int e = 0; e <= 30; e++) {
    double p2 = ldexp (1.0, e);
    bool ok = true;

    for (int i = 0; i < count && ok; i++) {
      double v = k[i] * p2;

      /* floor () is a call without SSE4.1: the conversion is not. */
      ok = fabs (v) < 2147483648.0 && v == (double) (int32_t) v;
    }
    if (ok)
      return e;
  }
  return -1;
}

/* Sums of the positive and of the negative coefficients. */
static void
signed_sums (const double *k, int count, double *pos, double *neg)
{
  *pos = *neg = 0.0;
  for (int i = 0; i < count; i++) {
    if (k[i] > 0)
      *pos += k[i];
    else
      *neg += k[i];
  }
}

/* The smallest |coefficient| that is not 0 (infinity for none). */
static double
smallest_nonzero (const double *k, int count)
{
  double m = INFINITY;

  for (int i = 0; i < count; i++)
    if (k[i] != 0.0 && fabs (k[i]) < m)
      m = fabs (k[i]);
  return m;
}

/* The greatest common divisor of |a| and |b|. */
int64_t
vc_fast_gcd (int64_t a, int64_t b)
{
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b) {
    int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/* Factors an integer kernel kh x kw as col (kh) x row (kw) with integer
 * factors (the row's greatest common divisor 1), or returns false. */
bool
vc_fast_factor_kernel (const double *k, int kh, int kw, int64_t * col,
    int64_t * row)
{
  int m0 = -1, n0 = -1;
  int64_t g = 0;

  for (int i = 0; i < kh * kw && m0 < 0; i++)
    if (k[i] != 0.0) {
      m0 = i / kw;
      n0 = i % kw;
    }
  if (m0 < 0)
    return false;
  for (int n = 0; n < kw; n++)
    g = vc_fast_gcd (g, (int64_t) k[m0 * kw + n]);
  for (int n = 0; n < kw; n++)
    row[n] = (int64_t) k[m0 * kw + n] / g;
  for (int m = 0; m < kh; m++) {
    int64_t v = (int64_t) k[m * kw + n0];

    if (v % row[n0] != 0)
      return false;
    col[m] = v / row[n0];
    for (int n = 0; n < kw; n++)
      if ((double) (col[m] * row[n]) != k[m * kw + n])
        return false;
  }
  return true;
}

/* Pixel offset of horizontal tap n in a phase-split padded row. */
static int
tap_pixel (const VcFast * f, const VcGeometry * g, int n)
{
  int64_t p = (int64_t) n * g->dx;

  return f->phase_start[p % g->sx] + (int) (p / g->sx);
}

static bool
taps_alloc (VcTaps * t, int count)
{
  t->n = 0;
  t->m = malloc ((size_t) count * sizeof (int));
  t->px = malloc ((size_t) count * sizeof (int));
  t->coef = malloc ((size_t) count * sizeof (float));
  t->coef16 = malloc ((size_t) count * sizeof (int16_t));
  t->coef64 = malloc ((size_t) count * sizeof (double));
  t->coef2 = malloc ((size_t) count * sizeof (int32_t));
  return t->m && t->px && t->coef && t->coef16 && t->coef64 && t->coef2;
}

void
vc_fast_taps_free (VcTaps * t)
{
  free (t->m);
  free (t->px);
  free (t->coef);
  free (t->coef16);
  free (t->coef64);
  free (t->coef2);
}

static void
taps_add (VcTaps * t, int m, int px, double coef)
{
  if (coef == 0.0)
    return;                     /* zero taps cost nothing */
  t->m[t->n] = m;
  t->px[t->n] = px;
  t->coef[t->n] = (float) coef;
  /* Only used on 16-bit lanes, where |coef| <= 257 (vc_fast_plan). */
  t->coef16[t->n] = (int16_t) (fabs (coef) < 32768 ? coef : 0);
  t->coef64[t->n] = coef;
  t->n++;
}

/* Fills one pass from kernel k (already scaled to K' when integer). */
static bool
make_pass (VcFast * f, const VcGeometry * g, const double *k, bool integer,
    double sign, VcPass * pass)
{
  int kh = g->kh, kw = g->kw;
  int64_t *col = NULL, *row = NULL;

  if (integer && kh > 1 && kw > 1) {
    col = malloc ((size_t) kh * sizeof (int64_t));
    row = malloc ((size_t) kw * sizeof (int64_t));
    if (!col || !row)
      goto fail;
    pass->separable = vc_fast_factor_kernel (k, kh, kw, col, row);
  }

  if (pass->separable) {
    if (!taps_alloc (&pass->taps, kh) || !taps_alloc (&pass->row, kw))
      goto fail;
    for (int m = 0; m < kh; m++)
      taps_add (&pass->taps, m, 0, sign * (double) col[m]);
    for (int n = 0; n < kw; n++)
      taps_add (&pass->row, 0, tap_pixel (f, g, n), (double) row[n]);
  } else {
    if (!taps_alloc (&pass->taps, kh * kw))
      goto fail;
    for (int m = 0; m < kh; m++)
      for (int n = 0; n < kw; n++)
        taps_add (&pass->taps, m, tap_pixel (f, g, n), sign * k[m * kw + n]);
  }
  free (col);
  free (row);
  return true;

fail:
  free (col);
  free (row);
  return false;
}

/* Analyses the kernels: the integer class (one power of two for both
 * kernels), the accumulator bounds and the sums. Returns false where the
 * fast paths cannot take the center (the reference is used then). */
bool
vc_fast_analyse (const VcPlan * plan, int n_passes, VcKernelStats * ks)
{
  int count = plan->g.kh * plan->g.kw;
  int e = integer_scale (plan->kernel, count);

  *ks = (VcKernelStats) {
  .count = count};
  if (e >= 0 && plan->kernel2) {
    int e2 = integer_scale (plan->kernel2, count);

    e = e2 < 0 ? -1 : e2 > e ? e2 : e;
  }
  ks->exact = e >= 0;
  ks->e = ks->exact ? e : 0;
  for (int k = 0; k < n_passes; k++) {
    const double *kernel = k ? plan->kernel2 : plan->kernel;
    double scale = plan->input_max * (ks->exact ? ldexp (1.0, e) : 1.0);
    double p, n;

    signed_sums (kernel, count, &p, &n);
    ks->bound = (p - n) * scale > ks->bound ? (p - n) * scale : ks->bound;
    ks->pos[k] = p * scale;
    ks->neg[k] = n * scale;
    ks->sum[k] = (p + n) * (ks->exact ? ldexp (1.0, e) : 1.0);
  }
  /* A center the fast paths take as part of the finish: an integer, and
   * the shift c S of the sum a constant outside |.| and the magnitude. */
  return !(plan->center != 0.0 &&
      (plan->center != floor (plan->center) || fabs (plan->center) > 1048576
          || ((plan->absolute || n_passes == 2) &&
              (ks->sum[0] != 0.0 || ks->sum[1] != 0.0))));
}

/* Float lanes hold a coefficient to 2^-24 of itself only in float's
 * normal range: one below it (1e-217, found by fuzz-core) would become
 * 0 or lose its digits. */
bool
vc_fast_tiny_coefficient (const VcPlan * plan, int count)
{
  return smallest_nonzero (plan->kernel, count) < 0x1p-100 ||
      (plan->kernel2 && smallest_nonzero (plan->kernel2, count) < 0x1p-100);
}

/* Fills the passes from the kernels, scaled by 2^e when the lanes are
 * integers (or 64-bit floats) and signed by the finish's sign. */
bool
vc_fast_make_passes (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign)
{
  bool integer = ks->exact || f->f64;
  double *scaled = malloc ((size_t) ks->count * sizeof (double));
  double p2 = integer ? ldexp (1.0, ks->e) : 1.0;
  bool ok = scaled != NULL;

  for (int k = 0; k < f->n_passes && ok; k++) {
    const double *kernel = k ? plan->kernel2 : plan->kernel;

    for (int i = 0; i < ks->count; i++)
      scaled[i] = kernel[i] * p2;
    ok = make_pass (f, &plan->g, scaled, integer, sign, &f->pass[k]);
  }
  free (scaled);
  return ok;
}

static int
cmp_int (const void *a, const void *b)
{
  return (*(const int *) a > *(const int *) b) -
      (*(const int *) a < *(const int *) b);
}

/* The most frequent distance in pixels between consecutive taps of one
 * kernel row in t (dilation dx with stride 1; the odd phase's start with
 * stride 2), or 0. */
static int
pair_distance (const VcTaps * t)
{
  int *d = malloc ((size_t) (t->n + 1) * sizeof (int));
  int n = 0, best = 0, best_count = 0;

  if (d == NULL)
    return 0;
  for (int i = 0; i + 1 < t->n; i++)
    if (t->m[i + 1] == t->m[i] && t->px[i + 1] > t->px[i])
      d[n++] = t->px[i + 1] - t->px[i];
  qsort (d, (size_t) n, sizeof (int), cmp_int);
  for (int i = 0, run = 1; i < n; i++, run++) {
    if (i + 1 < n && d[i + 1] == d[i])
      continue;
    if (run > best_count) {
      best = d[i];
      best_count = run;
    }
    run = 0;
  }
  free (d);
  return best;
}

/* Groups the taps of t that lie d pixels apart in one kernel row, up to
 * g (2 or 4) a group, greedily in order; a group of fewer takes zero
 * coefficients for the rest. */
static bool
group_taps (const VcTaps * t, int d, int g, VcTaps * p)
{
  if (!taps_alloc (p, t->n > 0 ? t->n : 1))
    return false;
  p->group = g;
  for (int i = 0; i < t->n;) {
    uint32_t coefs = 0;
    int k = 0;

    p->m[p->n] = t->m[i];
    p->px[p->n] = t->px[i];
    do {
      coefs |= (g == 2 ? (uint32_t) (uint16_t) t->coef16[i + k] :
          (uint32_t) (uint8_t) t->coef16[i + k]) << (32 / g) * k;
      k++;
    } while (k < g && i + k < t->n && t->m[i + k] == t->m[i] &&
        t->px[i + k] - t->px[i + k - 1] == d);
    p->coef2[p->n++] = (int32_t) coefs;
    i += k;
  }
  return true;
}

/* Whether every tap of the direct passes lies within +-max (taps_quads'
 * bound). */
static bool
direct_taps_within (const VcFast * f, int max)
{
  for (int k = 0; k < f->n_passes; k++)
    for (int n = 0; !f->pass[k].separable && n < f->pass[k].taps.n; n++)
      if (abs (f->pass[k].taps.coef16[n]) > max)
        return false;
  return true;
}

/* Whether quads make fewer groups than pairs in every direct pass: with
 * stride 2 the taps alternate between the phases and group no further
 * than in pairs, which then do the same sweeps. */
static bool
fewer_quads (const VcFast * f, int d)
{
  bool fewer = true;

  for (int k = 0; k < f->n_passes && fewer; k++) {
    VcTaps q = { 0 }, p = { 0 };

    if (f->pass[k].separable)
      continue;
    fewer = group_taps (&f->pass[k].taps, d, 4, &q) &&
        group_taps (&f->pass[k].taps, d, 2, &p) && q.n < p.n;
    vc_fast_taps_free (&q);
    vc_fast_taps_free (&p);
  }
  return fewer;
}

/* With madd and a table that has taps_pairs: the direct passes' taps in
 * pairs, or in quads where the table has taps_quads and they fit it,
 * where that leaves at most two thirds as many sweeps (a group costs one
 * load and one multiply per vector of lanes, a lone tap the same). */
bool
vc_fast_make_pairs (VcFast * f)
{
  int d = 0, g = 2;

  if (!f->madd || !f->simd->taps_pairs || !f->simd->pair_i16)
    return true;
  for (int k = 0; k < f->n_passes && d == 0; k++)
    if (!f->pass[k].separable)
      d = pair_distance (&f->pass[k].taps);
  if (d == 0)
    return true;
  if (f->simd->taps_quads && f->simd->quad_u8 &&
      direct_taps_within (f, f->simd->quads_max_coef) && fewer_quads (f, d))
    g = 4;
  for (int k = 0; k < f->n_passes; k++) {
    VcPass *pass = &f->pass[k];

    if (pass->separable)
      continue;
    if (!group_taps (&pass->taps, d, g, &pass->pairs))
      return false;
    if (3 * pass->pairs.n > 2 * pass->taps.n)
      return true;              /* too few groups: unpaired taps_madd */
  }
  f->pair_group = g;
  f->pair_d = d;
  f->ring_bytes = 4;
  return true;
}

/* Kernel rows the taps of t read (make_pass () makes them row by row). */
static int
kernel_rows (const VcTaps * t)
{
  int rows = t->n > 0;

  for (int i = 1; i < t->n; i++)
    rows += t->m[i] != t->m[i - 1];
  return rows;
}

/* Whether the plan quads (a direct kernel's taps in quads, on a table
 * where a quad is one instruction) costs less than i16, the same kernel
 * on 16-bit lanes. Measured through the element on 1080p RGB (Intel Xeon,
 * family 6, model 167; docs/benchmarks.md), dense kernels from 3x3 to
 * 11x11, 3x15 and 15x3, a frame took about 1.14 + 0.115 T + 0.132 H ms on
 * 16-bit lanes (T taps, each a multiply and an add, on H kernel rows)
 * and 2.54 + 0.178 Q + 0.253 H with Q quads (the quad rows, four bytes a
 * lane, and the 32-bit finish cost more; least squares, the ratio of the
 * two within 0.1 of every kernel's but the 3x3's), alike at 256 and 512
 * bits: quads where they are predicted 5 % faster, 6 T - 10 Q - 7 H >= 80
 * (7x7 and larger, 3x15; not 5x7, 6x6 or 15x3, measured even or slower). */
bool
vc_fast_quads_beat_i16 (const VcFast * i16, const VcFast * quads)
{
  const VcTaps *t = &i16->pass[0].taps;

  if (quads->pair_group != 4)
    return false;
  return 6 * t->n - 10 * quads->pass[0].pairs.n - 7 * kernel_rows (t) >= 80;
}
