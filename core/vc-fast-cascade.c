/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, cascade: separable kernels whose factors are boxes
 * convolved together ("box-cascade"), such as preset=gaussian's three
 * boxes, as running sums at a cost that does not grow with the kernel's
 * size.
 *
 * The plan. The kernel, scaled to integers K' (vc-fast-kernel.c), is
 * col x row. Each factor f of k taps is divided, as a polynomial, by a
 * box of w ones, g * ones (w) = f, where that is exact:
 *
 *   g[i] = f[i] - f[i - 1] + g[i - w]     (i < k - w + 1, 0 before 0)
 *
 * and the product checked on the last w - 1 taps. Widths are tried from
 * the largest down, at most VC_CASCADE_MAX_BOXES times, until one tap c
 * is left: f = c ones (w1) * ... * ones (wn). Then A = K' . P is
 * c_col c_row S, with S the same sums of boxes of ones, and S is made by
 * running sums only: one box of width w over a sequence x with lag d
 * (the dilation: taps d apart) is
 *
 *   y[p] = y[p - d] + x[p] - x[p - w d]    (0 before the first)
 *
 * which ends at p the window x[p - (w - 1) d .. p]. Across, each padded
 * row (every column, lanes of uint32_t from vc_fast_box_row_u32 ()) goes
 * through the boxes of the row factor, and output pixel j takes the sum
 * ending at j sx + (kw - 1) dx: an h-row. Down, the h-rows of padded rows
 * y0 sy, y0 sy + 1, ... go through the boxes of the column factor, each
 * box's sums kept in a ring of w dy + 1 rows (the last box's in dy), and
 * output row i takes the sum ending at padded row i sy + (kh - 1) dy.
 * Starting the sums at the band's first padded row with zeros before is
 * exact: each output row's window starts at or after it. (Strides: every
 * padded row and column of the band is summed, and the stride picks.)
 *
 * Exactness. Sums are uint64_t, whose additions, subtractions and
 * products are exact modulo 2^64: the sums give S modulo 2^64, and
 * coef S modulo 2^64 (coef = c_col c_row with the finish's sign) is
 * A = K' . P modulo 2^64. The plan's lanes were chosen to hold A exactly
 * (float: |A| < 2^24; 64-bit float: |A| < 2^53; 16-bit: A modulo 2^16),
 * so that value, read signed, is A, and the plan's own finish makes the
 * samples: the reference's, bit for bit.
 *
 * In place. Each padded row is read once, when the first output row
 * whose window holds it is made, as on the box path, so vc_fast_keep ()
 * keeps aside the same rows.
 */
#include "vc-fast-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* g = f / ones (w) (k - w + 1 taps), or false where that is not exact. */
static bool
divide_box (const int64_t * f, int k, int w, int64_t * g)
{
  int n = k - w + 1;
  int64_t window = 0;

  if (n < 1)
    return false;
  for (int i = 0; i < n; i++)
    g[i] = f[i] - (i ? f[i - 1] : 0) + (i >= w ? g[i - w] : 0);
  /* g * ones (w) equals f on its first n taps by construction; the rest
   * (p >= n) sum g[p - w + 1 .. n - 1]. */
  for (int i = n - w + 1 > 0 ? n - w + 1 : 0; i < n; i++)
    window += g[i];
  for (int p = n; p < k; p++) {
    if (window != f[p])
      return false;
    if (p - w + 1 >= 0)
      window -= g[p - w + 1];
  }
  return true;
}

/* f (k taps) as boxes: widths into w, the count returned (-1: not a
 * cascade of at most VC_CASCADE_MAX_BOXES boxes and one tap), the tap
 * left in *c. */
static int
find_boxes (const int64_t * f, int k, int *w, int64_t * c)
{
  int64_t cur[VC_KERNEL_MAX_SIDE], next[VC_KERNEL_MAX_SIDE];
  int n = 0;

  memcpy (cur, f, (size_t) k * sizeof (int64_t));
  while (k > 1) {
    int width = k;

    if (n == VC_CASCADE_MAX_BOXES)
      return -1;
    while (width >= 2 && !divide_box (cur, k, width, next))
      width--;
    if (width < 2)
      return -1;
    w[n++] = width;
    k -= width - 1;
    memcpy (cur, next, (size_t) k * sizeof (int64_t));
  }
  *c = cur[0];
  return cur[0] != 0 ? n : -1;
}

/* Bytes of one ring row (lanes for VC_MAX_COMPONENTS per pixel). */
static size_t
ring_row_bytes (const VcGeometry * g)
{
  return ALIGN64 ((size_t) g->out_w * VC_MAX_COMPONENTS * 8);
}

/* Bytes of the cascade scratch: the rings, the padded row and three rows
 * of sums across. */
static size_t
cascade_bytes (const VcFast * f, const VcGeometry * g)
{
  size_t padded = (size_t) g->need_w * VC_MAX_COMPONENTS;
  size_t rows = 0;

  for (int b = 0; b <= f->cas[0].n; b++)
    rows += (size_t) f->cas[0].slots[b];
  return rows * ring_row_bytes (g) + ALIGN64 (padded * 4) +
      3 * ALIGN64 (padded * 8);
}

/* The factors of the kernel as boxes, or false. */
static bool
plan_factors (VcFast * f, const VcPlan * plan, const VcKernelStats * ks,
    double sign)
{
  const VcGeometry *g = &plan->g;
  double *scaled = malloc ((size_t) g->kh * g->kw * sizeof (double));
  int64_t *col = malloc ((size_t) g->kh * sizeof (int64_t));
  int64_t *row = malloc ((size_t) g->kw * sizeof (int64_t));
  int64_t c_col = 0, c_row = 0;
  double p2 = ldexp (1.0, ks->e);
  bool ok = scaled && col && row;

  for (int i = 0; ok && i < g->kh * g->kw; i++)
    scaled[i] = plan->kernel[i] * p2;
  ok = ok && vc_fast_factor_kernel (scaled, g->kh, g->kw, col, row);
  if (ok) {
    f->cas[0].n = find_boxes (col, g->kh, f->cas[0].w, &c_col);
    f->cas[1].n = find_boxes (row, g->kw, f->cas[1].w, &c_row);
    ok = f->cas[0].n >= 0 && f->cas[1].n >= 0;
  }
  f->cas_coef = ok ? (int64_t) sign * c_col * c_row : 0;
  free (scaled);
  free (col);
  free (row);
  return ok;
}

/* Whether plans take the cascade path, and its scratch (added to
 * *scratch_size, after the row-ring path's without the keep area). */
void
vc_fast_plan_cascade (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign, size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  int n;

  f->cascade = false;
  if (f->n_passes != 1 || !(ks->exact || f->f64) || !f->pass[0].separable ||
      (g->kh < VC_BOX_MIN_SIDE && g->kw < VC_BOX_MIN_SIDE) ||
      !plan_factors (f, plan, ks, sign))
    return;
  /* Ring rows: each box's input kept w dy + 1 rows (the h-rows for the
   * first), the last box's sums dy rows (updated in place). */
  n = f->cas[0].n;
  for (int b = 0; b < n; b++)
    f->cas[0].slots[b] = f->cas[0].w[b] * g->dy + 1;
  f->cas[0].slots[n] = n ? g->dy : 1;
  if ((double) cascade_bytes (f, g) > VC_RING_MAX_BYTES * 1.5)
    return;
  f->cascade = true;
  f->cas_at = *scratch_size;
  *scratch_size += cascade_bytes (f, g);
  vc_fast_plan_cascade8 (f, plan, ks, sign, scratch_size);
}

/* One box over n lanes with lag d: out[p] = out[p - d] + in[p] -
 * in[p - w d], from uint32_t or uint64_t lanes. */
#define BOX_ACROSS(NAME, T) \
VC_BOX_LOOP static void \
NAME (uint64_t * restrict out, const T * restrict in, size_t n, int w, \
    size_t d) \
{ \
  size_t a = d < n ? d : n, b = (size_t) w * d < n ? (size_t) w * d : n; \
  \
  for (size_t p = 0; p < a; p++) \
    out[p] = in[p]; \
  for (size_t p = a; p < b; p++) \
    out[p] = out[p - d] + in[p]; \
  for (size_t p = b; p < n; p++) \
    out[p] = out[p - d] + (in[p] - (uint64_t) in[p - (size_t) w * d]); \
}
BOX_ACROSS (box_across_u32, uint32_t)
BOX_ACROSS (box_across_u64, uint64_t)
#undef BOX_ACROSS

/* Three boxes of lag 1 in one sweep: three running sums side by side
 * (each box's input kept in the two arrays for its leaving taps); the
 * first w1 + w2 + w3 lanes, where taps leave only from some boxes, one
 * by one, the rest without tests. */
VC_BOX_LOOP static void
three_across (uint64_t * restrict s1, uint64_t * restrict s2,
    uint64_t * restrict out, const uint32_t * restrict x, size_t n,
    const int *w)
{
  const size_t w0 = (size_t) w[0], w1 = (size_t) w[1], w2 = (size_t) w[2];
  size_t head = w0 + w1 + w2 < n ? w0 + w1 + w2 : n;
  uint64_t a = 0, b = 0, c = 0;

  for (size_t p = 0; p < head; p++) {
    a += x[p] - (p >= w0 ? (uint64_t) x[p - w0] : 0);
    s1[p] = a;
    b += a - (p >= w1 ? s1[p - w1] : 0);
    s2[p] = b;
    c += b - (p >= w2 ? s2[p - w2] : 0);
    out[p] = c;
  }
  for (size_t p = head; p < n; p++) {
    a += x[p] - (uint64_t) x[p - w0];
    s1[p] = a;
    b += a - s1[p - w1];
    s2[p] = b;
    c += b - s2[p - w2];
    out[p] = c;
  }
}

typedef struct
{
  Call c;
  uint64_t *ring[VC_CASCADE_MAX_BOXES + 1];
  size_t lanes;                 /* of a ring row */
  uint32_t *x;                  /* the padded row */
  uint64_t *ya, *yb, *yc;       /* sums across */
} Cascade;

/* The h-row of padded row r: the row factor's boxes across, sampled at
 * the output pixels. */
static void
make_h (Cascade * k, int r, uint64_t * h)
{
  const Call *c = &k->c;
  const VcGeometry *g = &c->plan->g;
  const int n = c->f->cas[1].n, *w = c->f->cas[1].w;
  const size_t L = (size_t) c->L, lanes = (size_t) g->need_w * L;
  const size_t d = (size_t) g->dx * L;
  const size_t end = (size_t) (g->kw - 1) * d;
  uint64_t *y = k->ya, *t = k->yb;

  vc_fast_box_row_u32 (c, r, k->x);
  if (n == 3 && d == 1) {
    three_across (k->yb, k->yc, k->ya, k->x, lanes, w);
  } else if (n == 0) {
    for (size_t p = 0; p < lanes; p++)
      y[p] = k->x[p];
  } else {
    box_across_u32 (y, k->x, lanes, w[0], d);
    for (int b = 1; b < n; b++) {
      uint64_t *tmp = y;

      box_across_u64 (t, y, lanes, w[b], d);
      y = t;
      t = tmp;
    }
  }
  if (g->sx == 1) {
    memcpy (h, y + end, (size_t) c->out_lanes * sizeof (uint64_t));
    return;
  }
  for (int j = 0; j < g->out_w; j++)
    for (size_t l = 0; l < L; l++)
      h[j * L + l] = y[end + (size_t) j * g->sx * L + l];
}

/* One box down: out = own + cur - old (own: the box's sums dy rows up,
 * old: its input w dy rows up; NULL before the band's first row). out
 * may be own. */
VC_BOX_LOOP static void
box_down (uint64_t * out, const uint64_t * own, const uint64_t * cur,
    const uint64_t * old, size_t n)
{
  if (own && old) {
    for (size_t q = 0; q < n; q++)
      out[q] = own[q] + (cur[q] - old[q]);
  } else if (own) {
    for (size_t q = 0; q < n; q++)
      out[q] = own[q] + cur[q];
  } else {
    for (size_t q = 0; q < n; q++)
      out[q] = cur[q];
  }
}

/* Row `q` (from the band's first padded row) of ring b. */
static uint64_t *
slot (const Cascade * k, int b, int64_t q)
{
  return k->ring[b] + (size_t) (q % k->c.f->cas[0].slots[b]) * k->lanes;
}

/* A = coef S into the accumulator, in the plan's lanes: coef S modulo
 * 2^64, read signed, is A (see the top). */
VC_BOX_LOOP static void
store_acc (const Call * c, const uint64_t * s)
{
  const uint64_t k = (uint64_t) c->f->cas_coef;

  if (c->f->i16) {
    uint16_t *a = c->acc[0];

    for (int q = 0; q < c->out_lanes; q++)
      a[q] = (uint16_t) (s[q] * k);
  } else if (c->f->f64) {
    double *a = c->acc[0];

    for (int q = 0; q < c->out_lanes; q++)
      a[q] = (double) (int64_t) (s[q] * k);
  } else {
    float *a = c->acc[0];

    for (int q = 0; q < c->out_lanes; q++)
      a[q] = (float) (int64_t) (s[q] * k);
  }
}

/* Makes output rows [y0, y1) of dst, in place when keep is given. */
void
vc_fast_run_cascade (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  const int n = f->cas[0].n;
  const int64_t first = (int64_t) y0 * g->sy;
  const int64_t last = (int64_t) (y1 - 1) * g->sy + (int64_t) (g->kh - 1) *
      g->dy;
  uint8_t *p = (uint8_t *) scratch + f->keep_bytes + f->cas_at;
  size_t padded = (size_t) g->need_w * VC_MAX_COMPONENTS;
  Cascade k;

  vc_fast_call_init (&k.c, plan, src, dst, scratch, keep);
  /* Rows as long as this call's lanes (the scratch fits the widest). */
  k.lanes = ALIGN64 ((size_t) k.c.out_lanes * 8) / 8;
  for (int b = 0; b <= n; b++) {
    k.ring[b] = (uint64_t *) p;
    p += (size_t) f->cas[0].slots[b] * ring_row_bytes (g);
  }
  k.x = (uint32_t *) p;
  p += ALIGN64 (padded * 4);
  k.ya = (uint64_t *) p;
  k.yb = (uint64_t *) (p + ALIGN64 (padded * 8));
  k.yc = (uint64_t *) (p + 2 * ALIGN64 (padded * 8));

  for (int64_t r = first; r <= last; r++) {
    int64_t q = r - first, top = r - (int64_t) (g->kh - 1) * g->dy;

    make_h (&k, (int) r, slot (&k, 0, q));
    for (int b = 1; b <= n; b++) {
      int64_t back = (int64_t) f->cas[0].w[b - 1] * g->dy;

      box_down (slot (&k, b, q), q >= g->dy ? slot (&k, b, q - g->dy) :
          NULL, slot (&k, b - 1, q), q >= back ? slot (&k, b - 1,
              q - back) : NULL, (size_t) k.c.out_lanes);
    }
    if (top >= first && top % g->sy == 0) {
      store_acc (&k.c, slot (&k, n, q));
      vc_fast_finish_row (&k.c, k.c.acc[0], dst, (int) (top / g->sy),
          false);
    }
  }
}
