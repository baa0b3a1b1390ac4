/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, box: kernels whose coefficients are all equal, as
 * running sums ("box-running"), at a cost that does not grow with the
 * kernel's size.
 *
 * With every coefficient K' (the kernel scaled by 2^e, see
 * vc-fast-kernel.c, and signed by the finish), the accumulator of an
 * output sample is A = K' S, S the plain sum of the window's stored
 * words. S is made in two running sums of integers:
 *
 *   across:  H[r][j] = sum_{n<kw} P[r][j sx + n dx]
 *   down:    S[i][j] = sum_{m<kh} H[i sy + m dy][j]
 *
 * Across, on the phase-split padded row (vc-fast-rows.c), the taps fall
 * into sx / gcd (sx, dx) classes; the taps of a class are evenly spaced,
 * s = dx / gcd (sx, dx) pixels apart, so each class is a sliding window:
 * G[j] = G[j - s] + P[j + (cnt - 1) s] - P[j - s] (dilation: s
 * interleaved windows). Down, output row i's window and that of row
 * i - p, p = dy / gcd (sy, dy), differ by t = sy / gcd (sy, dy) rows at
 * each end: S[i] = S[i - p] + (t rows entering) - (t rows leaving), with
 * p rows of S kept (one per phase); the first p rows of a call, and
 * kernels where t is not below kh / 2, sum their kh rows of H directly.
 *
 * Exactness. Stored words are at most 65535 and a window has at most
 * 255 x 255 = 65025 of them: S <= 65025 x 65535 = 4261413375 < 2^32, and
 * every H <= 255 x 65535 < 2^24. Running sums add and subtract in
 * uint32_t, which is arithmetic modulo 2^32: the result is the exact S
 * (it lies in [0, 2^32)) whatever the intermediate values. Then A = K' S
 * goes into the plan's lanes, whose choice already proves A fits them
 * (vc-fast-kernel.c, vc-fast-finish.c): float lanes hold |A| < 2^24, so
 * K' S modulo 2^32 read as int32_t is A, exact in float; 16-bit lanes
 * hold A modulo 2^16, the same product's low bits; 64-bit float lanes
 * hold |A| < 2^53, formed in int64_t (|K'| < 2^31, S < 2^32). The plan's
 * own finish then turns A into samples, so the output is the other
 * integer paths', and the reference's, bit for bit.
 *
 * In place. H rows live in a ring that holds every row from the leaving
 * rows of S[i - p] to the entering rows of S[i]; the first time a row is
 * needed is by the first output row whose window holds it (all output
 * rows whose windows hold row r are in one phase, modulo p), as on the
 * row-ring path, so vc_fast_keep () keeps aside the same rows.
 */
#include "vc-fast-private.h"

#include <math.h>
#include <string.h>

typedef struct
{
  Call c;
  int64_t coef;                 /* K', with the finish's sign */
  Ring h;                       /* H rows, uint32_t lanes */
  uint32_t *sums;               /* p rows of S */
  uint32_t *tmp;                /* one class of H being made */
  uint32_t *prow;               /* no horizontal stride: the padded row */
} Box;

/* Bytes of the box scratch (lanes for VC_MAX_COMPONENTS per pixel). */
static size_t
box_bytes (const VcFast * f, const VcGeometry * g)
{
  size_t row = ALIGN64 ((size_t) g->out_w * VC_MAX_COMPONENTS * 4);
  size_t padded = ALIGN64 ((size_t) g->need_w * VC_MAX_COMPONENTS * 4);
  int sums = f->box_p ? f->box_p : 1;

  return ALIGN64 ((size_t) f->box_ring * sizeof (int)) +
      row * ((size_t) f->box_ring + (size_t) sums + 1) + padded;
}

/* Whether the kernel is one the box path takes: one kernel, every
 * coefficient equal, exact, a side of VC_BOX_MIN_SIDE or more. */
bool
vc_fast_box_kernel (const VcFast * f, const VcPlan * plan, bool exact)
{
  const VcGeometry *g = &plan->g;
  int count = g->kh * g->kw;

  if (f->n_passes != 1 || !(exact || f->f64) || plan->kernel[0] == 0.0 ||
      (g->kh < VC_BOX_MIN_SIDE && g->kw < VC_BOX_MIN_SIDE))
    return false;
  for (int i = 1; i < count; i++)
    if (plan->kernel[i] != plan->kernel[0])
      return false;
  return true;
}

/* Whether plans take the box path, and its scratch (added to
 * *scratch_size, the row-ring path's scratch without the keep area). */
void
vc_fast_plan_box (VcFast * f, const VcPlan * plan, const VcKernelStats * ks,
    double sign, size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  int gy = (int) vc_fast_gcd (g->sy, g->dy);
  int64_t extent;
  size_t bytes;

  f->box = false;
  if (!vc_fast_box_kernel (f, plan, ks->exact))
    return;
  f->box_coef = (int64_t) (sign * ldexp (plan->kernel[0], ks->e));
  f->box_t = g->sy / gy;
  f->box_p = g->dy / gy;
  /* Running down only where it saves rows, and its rows of S fit. */
  if (2 * f->box_t >= g->kh || (int64_t) f->box_p * g->out_w *
      VC_MAX_COMPONENTS * 4 > VC_RING_MAX_BYTES / 2)
    f->box_p = 0;
  extent = f->span + (f->box_p ? (int64_t) f->box_t * g->dy : 0);
  f->box_ring = 1;
  while (f->box_ring < extent && f->box_ring < g->need_h)
    f->box_ring *= 2;
  bytes = box_bytes (f, g);
  if (bytes > VC_RING_MAX_BYTES + VC_RING_MAX_BYTES / 2)
    return;
  f->box = true;
  f->box_at = *scratch_size;
  *scratch_size += bytes;
}

/* out[q] = sum_{k<cnt} a[q + k st], q in [0, n): a sliding window of
 * stride st lanes, each sum from the one st lanes before. (Lanes are
 * whole numbers below 2^16 of any lane type.) */
#define SLIDE(NAME, T) \
static void \
NAME (uint32_t * restrict w, const T * restrict a, int n, int cnt, int st) \
{ \
  const T *lead = a + (size_t) (cnt - 1) * st; \
  int head = st < n ? st : n; \
  \
  for (int q = 0; q < head; q++) { \
    uint32_t v = 0; \
    \
    for (int k = 0; k < cnt; k++) \
      v += (uint32_t) (int32_t) a[q + (size_t) k * st]; \
    w[q] = v; \
  } \
  for (int q = head; q < n; q++) \
    w[q] = w[q - st] + ((uint32_t) (int32_t) lead[q] - \
        (uint32_t) (int32_t) a[q - st]); \
}
SLIDE (slide_u16, uint16_t)
SLIDE (slide_f32, float)
SLIDE (slide_f64, double)
#undef SLIDE

static void
slide (const Box * b, uint32_t * out, const void *a, size_t at, int n,
    int cnt, int st)
{
  if (b->c.f->i16)
    slide_u16 (out, (const uint16_t *) a + at, n, cnt, st);
  else if (b->c.f->f64)
    slide_f64 (out, (const double *) a + at, n, cnt, st);
  else
    slide_f32 (out, (const float *) a + at, n, cnt, st);
}

/* The running sum of one window (st 1) over the differences in w, in four
 * quarters at once (four independent chains of adds instead of one): each
 * quarter's first sum is made directly. */
static void
scan_4 (uint32_t * restrict w, const uint32_t * restrict a, int n, int cnt)
{
  int len = n / 4;
  uint32_t v[4];

  for (int k = 0; k < 4; k++) {
    v[k] = 0;
    for (int i = 0; i < cnt; i++)
      v[k] += a[k * len + i];
    w[k * len] = v[k];
  }
  for (int q = 1; q < len; q++)
    for (int k = 0; k < 4; k++) {
      v[k] += w[k * len + q];
      w[k * len + q] = v[k];
    }
  for (int q = 4 * len; q < n; q++) {
    v[3] += w[q];
    w[q] = v[3];
  }
}

/* The same on uint32_t lanes: the differences first (a vector loop), then
 * the running sum. */
VC_BOX_LOOP static void
slide_u32 (uint32_t * restrict w, const uint32_t * restrict a, int n,
    int cnt, int st)
{
  const uint32_t *lead = a + (size_t) (cnt - 1) * st;
  int head = st < n ? st : n;

  for (int q = 0; q < head; q++) {
    uint32_t v = 0;

    for (int k = 0; k < cnt; k++)
      v += a[q + (size_t) k * st];
    w[q] = v;
  }
  for (int q = head; q < n; q++)
    w[q] = lead[q] - a[q - st];
  if (st == 1 && n >= 64) {
    scan_4 (w, a, n, cnt);
    return;
  }
  for (int q = head; q < n; q++)
    w[q] += w[q - st];
}

VC_BOX_LOOP void
vc_fast_widen_u8 (uint32_t * restrict o, const uint8_t * restrict s, int n)
{
  for (int i = 0; i < n; i++)
    o[i] = s[i];
}

VC_BOX_LOOP static void
widen_u16 (uint32_t * restrict o, const uint16_t * restrict s, int n)
{
  for (int i = 0; i < n; i++)
    o[i] = s[i];
}

/* Padded row r as uint32_t lanes (no horizontal stride, so no phases):
 * the interior as one run where the lanes are the plane's samples, the
 * rest pixel by pixel through the column map, as vc-fast-rows.c does. */
void
vc_fast_box_row_u32 (const Call * c, int r, uint32_t * row)
{
  const VcPlan *plan = c->plan;
  const VcGeometry *g = &plan->g;
  const VcPlane *src = c->src;
  const int L = c->L, ps = src->pixel_stride, y = plan->row_map[r];
  const uint32_t border = (uint32_t) plan->border_word;
  const bool u16 = plan->sample_type == VC_SAMPLE_U16;
  const size_t off = (size_t) src->offset - c->first;
  const uint8_t *base;

  if (y < 0) {
    for (size_t i = 0; i < (size_t) g->need_w * L; i++)
      row[i] = border;
    return;
  }
  base = vc_fast_input_row (c, y);
  for (int p = 0; p < g->need_w; p++) {
    int x = plan->col_map[p];
    uint32_t *o = row + (size_t) p * L;

    /* A run of interior pixels but the input's last. */
    if (ps == L && x >= 0 && x == p - g->left && x < g->in_w - 1) {
      int last = g->in_w - 1 - x < g->need_w - p ?
          g->in_w - 1 - x : g->need_w - p;
      int n = last * L;
      size_t at = (size_t) x * L + off;

      if (u16)
        widen_u16 (o, (const uint16_t *) base + at, n);
      else
        vc_fast_widen_u8 (o, base + at, n);
      p += last - 1;
      continue;
    }
    for (int k = 0; k < L; k++) {
      size_t at = (size_t) x * ps + off + k;

      if (x < 0)
        o[k] = border;
      else if (x == g->in_w - 1 && k >= c->first + c->f->components)
        o[k] = 0;               /* past the row's last described sample */
      else
        o[k] = u16 ? ((const uint16_t *) base)[at] : base[at];
    }
  }
}

/* H of padded row r (every output lane). */
static void
make_h (Box * b, int r, uint32_t * h)
{
  Call *c = &b->c;
  const VcGeometry *g = &c->plan->g;
  const VcTaps *t = c->f->pass[0].separable ? &c->f->pass[0].row :
      &c->f->pass[0].taps;
  int gx = (int) vc_fast_gcd (g->sx, g->dx);
  int classes = g->sx / gx, step = g->dx / gx;
  int n = c->out_lanes;

  if (g->sx == 1) {
    vc_fast_box_row_u32 (c, r, b->prow);
    slide_u32 (h, b->prow + (size_t) t->px[0] * c->L, n, g->kw,
        g->dx * c->L);
    return;
  }
  vc_fast_build_padded_row (c, r, c->prow);
  for (int k = 0; k < classes && k < g->kw; k++) {
    int cnt = (g->kw - k + classes - 1) / classes;
    uint32_t *o = k ? b->tmp : h;

    /* The taps of a separable pass, or the first row of a direct one. */
    slide (b, o, c->prow, (size_t) t->px[k] * c->L, n, cnt, step * c->L);
    if (k)
      for (int q = 0; q < n; q++)
        h[q] += o[q];
  }
}

/* H of padded row r from the ring, made when it does not hold it. */
static const uint32_t *
h_row (Box * b, int r)
{
  Ring *ring = &b->h;
  int slot = r & (ring->size - 1);
  uint32_t *row = (uint32_t *) (ring->rows + (size_t) slot * ring->row_bytes);

  if (ring->tags[slot] != r) {
    make_h (b, r, row);
    ring->tags[slot] = r;
  }
  return row;
}

VC_BOX_LOOP static void
add_row (uint32_t * restrict s, const uint32_t * restrict h, int n)
{
  for (int q = 0; q < n; q++)
    s[q] += h[q];
}

/* s += enter - leave. */
VC_BOX_LOOP static void
move_row (uint32_t * restrict s, const uint32_t * restrict enter,
    const uint32_t * restrict leave, int n)
{
  for (int q = 0; q < n; q++)
    s[q] += enter[q] - leave[q];
}

/* One step down and A into float or 16-bit lanes, in one sweep: s +=
 * enter - leave, then A = K' s (modulo 2^32, read signed: |A| < 2^24 on
 * float lanes; modulo 2^16 on 16-bit lanes). */
VC_BOX_LOOP static void
step_f32 (uint32_t * restrict s, const uint32_t * restrict enter,
    const uint32_t * restrict leave, float *restrict a, uint32_t k, int n)
{
  for (int q = 0; q < n; q++) {
    uint32_t v = s[q] + (enter[q] - leave[q]);

    s[q] = v;
    a[q] = (float) (int32_t) (v * k);
  }
}

VC_BOX_LOOP static void
step_u16 (uint32_t * restrict s, const uint32_t * restrict enter,
    const uint32_t * restrict leave, uint16_t * restrict a, uint32_t k, int n)
{
  for (int q = 0; q < n; q++) {
    uint32_t v = s[q] + (enter[q] - leave[q]);

    s[q] = v;
    a[q] = (uint16_t) (v * k);
  }
}

/* One step down (t == 1) into the accumulator as well, where the lanes
 * allow; false where not. */
static bool
step_and_store (Box * b, int i, uint32_t * s)
{
  const VcGeometry *g = &b->c.plan->g;
  const VcFast *f = b->c.f;
  const uint32_t *in, *out;

  if (f->box_t != 1 || f->f64)
    return false;
  in = h_row (b, i * g->sy + (g->kh - 1) * g->dy);
  out = h_row (b, (i - f->box_p) * g->sy);
  if (f->i16)
    step_u16 (s, in, out, b->c.acc[0], (uint32_t) b->coef, b->c.out_lanes);
  else
    step_f32 (s, in, out, b->c.acc[0], (uint32_t) b->coef, b->c.out_lanes);
  return true;
}

/* S of output row i into s: from S[i - p] (in s) when running, else
 * directly. */
static void
make_s (Box * b, int i, bool running, uint32_t * s)
{
  const VcGeometry *g = &b->c.plan->g;
  const VcFast *f = b->c.f;
  int n = b->c.out_lanes;

  if (running) {
    for (int u = 0; u < f->box_t; u++) {
      /* Entering first: the ring still holds the leaving rows. */
      const uint32_t *in = h_row (b, i * g->sy + (g->kh - 1 - u) * g->dy);
      const uint32_t *out = h_row (b, (i - f->box_p) * g->sy + u * g->dy);

      move_row (s, in, out, n);
    }
    return;
  }
  memcpy (s, h_row (b, i * g->sy), (size_t) n * sizeof (uint32_t));
  for (int m = 1; m < g->kh; m++)
    add_row (s, h_row (b, i * g->sy + m * g->dy), n);
}

/* A = K' S into the accumulator, in the plan's lanes. */
VC_BOX_LOOP static void
store_acc (const Box * b, const uint32_t * s)
{
  const Call *c = &b->c;
  const int n = c->out_lanes;
  const int64_t k = b->coef;

  if (c->f->i16) {
    uint16_t *a = c->acc[0];
    uint32_t k32 = (uint32_t) k;

    for (int q = 0; q < n; q++)
      a[q] = (uint16_t) (s[q] * k32);
  } else if (c->f->f64) {
    double *a = c->acc[0];

    for (int q = 0; q < n; q++)
      a[q] = (double) (k * (int64_t) s[q]);
  } else {
    /* |A| < 2^24: K' S modulo 2^32, read signed, is A. */
    float *a = c->acc[0];
    uint32_t k32 = (uint32_t) k;

    for (int q = 0; q < n; q++)
      a[q] = (float) (int32_t) (s[q] * k32);
  }
}

/* Makes output rows [y0, y1) of dst, in place when keep is given. */
void
vc_fast_run_box (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  size_t row = ALIGN64 ((size_t) g->out_w * VC_MAX_COMPONENTS * 4);
  uint8_t *p = (uint8_t *) scratch + f->keep_bytes + f->box_at;
  Box b;

  vc_fast_call_init (&b.c, plan, src, dst, scratch, keep);
  /* Rows as long as this call's lanes (the scratch fits the widest). */
  row = ALIGN64 ((size_t) b.c.out_lanes * 4);
  b.coef = f->box_coef;
  b.h.size = f->box_ring;
  b.h.row_bytes = row;
  b.h.tags = vc_carve (&p, (size_t) f->box_ring * sizeof (int));
  for (int s = 0; s < f->box_ring; s++)
    b.h.tags[s] = -1;
  b.h.rows = vc_carve (&p, row * f->box_ring);
  b.sums = vc_carve (&p, row * (f->box_p ? f->box_p : 1));
  b.tmp = vc_carve (&p, row);
  b.prow = vc_carve (&p, (size_t) plan->g.need_w * b.c.L * 4);

  for (int i = y0; i < y1; i++) {
    bool running = f->box_p && i - f->box_p >= y0;
    uint32_t *s = (uint32_t *) ((uint8_t *) b.sums + row *
        (f->box_p ? (size_t) (i % f->box_p) : 0));

    if (!running || !step_and_store (&b, i, s)) {
      make_s (&b, i, running, s);
      store_acc (&b, s);
    }
    vc_fast_finish_row (&b.c, b.c.acc[0], dst, i, false);
  }
}
