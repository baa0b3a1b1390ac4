/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, rows: the padded input rows (border, phases), the
 * row-filtered rows of separable passes, their rings and the scratch
 * they are carved from.
 *
 * Layout. Rows are rows of lanes: the described components of
 * consecutive pixels, packed; or, for interleaved planes where it costs
 * little (RGBx, xRGB: pixel stride 4 for 3 components), every sample of
 * the pixel, so that rows load as contiguous runs, with a masked store
 * writing only the described components back. The input row is padded
 * once (border mode through the plan's column map) and, with a
 * horizontal stride sx, split into sx phases (pixels b, b + sx,
 * b + 2 sx, ...), so that every tap of
 * every output pixel is a contiguous run: tap n reads phase
 * (n * dx) % sx at pixel (n * dx) / sx onwards. Dilation only changes
 * these offsets; stride computes only the outputs it keeps. The inner
 * loops have no branches and no border tests.
 *
 * Rows are cached in a ring per call (slot = row index mod S, with S a
 * power of two covering the kernel's vertical span when memory allows;
 * for a banded separable pass, the span of a band's rows), so each
 * input row is converted (and, when separable, row-filtered) once per
 * band, whatever the kernel height or dilation.
 */
#include "vc-fast-private.h"

#include <stdlib.h>
#include <string.h>

/* Pixels of the padded row in phase b (pixels b, b + sx, ...). */
static int
phase_pixels (const VcGeometry * g, int b)
{
  return b < g->need_w ? (g->need_w - b + g->sx - 1) / g->sx : 0;
}

/* Phases of the padded row: pixel p is in phase p % sx, at place p / sx
 * from its phase's start. With stride 2 the odd phase starts at a
 * multiple of 32 pixels, so that its first converted lane lies the same
 * way on 64-byte boundaries as the even phase's (see ring_init ()); the
 * lanes between the phases are never used. */
bool
vc_fast_plan_phases (VcFast * f, const VcGeometry * g)
{
  int at = 0;

  f->phase_start = malloc ((size_t) (g->sx + 1) * sizeof (int));
  if (f->phase_start == NULL)
    return false;
  for (int b = 0; b < g->sx; b++) {
    if (g->sx == 2 && b == 1)
      at = (at + 31) / 32 * 32;
    f->phase_start[b] = at;
    at += phase_pixels (g, b);
  }
  f->phase_start[g->sx] = at;
  return true;
}

/* Accumulator rows of a call: one per pass, or a band's. */
static int
acc_rows (const VcFast * f)
{
  return f->band > f->n_passes ? f->band : f->n_passes;
}

/* Scratch bytes for lanes_per_pixel lanes per pixel (padded rows of
 * phase_start[sx] pixels, the phases' gap included). */
static size_t
scratch_bytes (const VcFast * f, const VcGeometry * g, int lanes_per_pixel)
{
  const size_t pixels = (size_t) f->phase_start[g->sx];
  size_t in_bytes = pixels * lanes_per_pixel * f->pad_bytes;
  size_t ring_bytes = pixels * lanes_per_pixel * f->ring_bytes;
  size_t h_bytes = (size_t) g->out_w * lanes_per_pixel * f->lane_bytes;
  size_t out_bytes = (size_t) g->out_w * lanes_per_pixel * 2;
  size_t total = 0;

  total += ALIGN64 ((size_t) (f->ring_in + 2 * f->ring_h) * sizeof (int));
  total += ALIGN64 ((size_t) (f->max_taps + 1) * f->band * sizeof (void *));
  total += ALIGN64 ((size_t) (f->max_taps + 1) * sizeof (void *));
  total += ALIGN64 (in_bytes) * 2;      /* padded row being built, split */
  total += (size_t) f->ring_in * ALIGN64 (ring_bytes) + 64;
  total += ((size_t) f->ring_h * ALIGN64 (h_bytes) + 64) * f->n_passes;
  total += ALIGN64 (h_bytes) * acc_rows (f);
  total += ALIGN64 (out_bytes); /* the output row */
  return total;
}

/* Rings: enough slots for the vertical span, within a memory cap. The
 * scratch fits the widest lanes a call may use (VC_MAX_COMPONENTS
 * samples per pixel, see lanes_per_pixel ()). Returns the scratch bytes
 * of a call, without the keep area. */
size_t
vc_fast_plan_rings (VcFast * f, const VcGeometry * g)
{
  bool direct = false, separable = false;
  size_t in_bytes = (size_t) f->phase_start[g->sx] * VC_MAX_COMPONENTS *
      f->ring_bytes;
  size_t h_bytes = (size_t) g->out_w * VC_MAX_COMPONENTS * f->lane_bytes;
  int want = 1, rows = f->span;

  for (int k = 0; k < f->n_passes; k++) {
    direct |= !f->pass[k].separable;
    separable |= f->pass[k].separable;
    f->max_taps = f->pass[k].taps.n > f->max_taps ?
        f->pass[k].taps.n : f->max_taps;
    f->max_taps = f->pass[k].row.n > f->max_taps ?
        f->pass[k].row.n : f->max_taps;
  }
  /* A band's rows (run_band (), vc-fast.c): one separable pass whose
   * finish is not fused into its tap loop. */
  f->band = f->n_passes == 1 && separable && f->pass[0].taps.n > 0 &&
      !(f->finish.fused != VC_FUSED_NONE && f->simd->taps_i16_finish) ?
      VC_BAND_ROWS : 1;
  rows += (f->band - 1) * g->sy;
  while (want < rows && want < g->need_h)
    want *= 2;
  f->ring_in = direct ? want : 0;
  f->ring_h = separable ? want : 0;
  while ((f->ring_in > 1 || f->ring_h > 1) &&
      f->ring_in * in_bytes + f->ring_h * h_bytes * f->n_passes >
      VC_RING_MAX_BYTES) {
    f->ring_in = f->ring_in > 1 ? f->ring_in / 2 : f->ring_in;
    f->ring_h = f->ring_h > 1 ? f->ring_h / 2 : f->ring_h;
  }
  return scratch_bytes (f, g, VC_MAX_COMPONENTS);
}

/* Lanes per pixel: the described components, or the whole pixel of an
 * interleaved plane when that is at most twice the work (RGBx, xRGB),
 * which makes every row load and store a contiguous run. */
static int
lanes_per_pixel (const VcFast * f, const VcPlane * src, const VcPlane * dst)
{
  int ps = src->pixel_stride;

  /* A single 8-bit component (YUY2's Y, U or V) is cheaper gathered and
   * scattered by vector loops than computed whole; the 8-bit cascade
   * takes one lane per pixel. */
  if (f->components == 1 && (f->i16 || f->cas8))
    return 1;
  if (ps > f->components && ps <= VC_MAX_COMPONENTS &&
      ps <= 2 * f->components && dst->pixel_stride == ps &&
      dst->offset == src->offset)
    return ps;
  return f->components;
}

/* Where in a built padded row the conversion's vector stores start:
 * the input's first pixel (stride 1), or the first even one's place in
 * the even phase (stride 2, split as it is loaded). */
static int
first_converted (const VcGeometry * g)
{
  if (g->sx == 2)
    return (g->left + g->left % 2) / 2;
  return g->sx == 1 ? g->left : 0;
}

/* A ring of size rows, each a whole multiple of 64 bytes, the first at
 * the place where byte `aligned` of every row lies on a 64-byte boundary:
 * stores from there do not straddle two cache lines. */
static void
ring_init (Ring * r, uint8_t ** tags, uint8_t ** p, int size,
    size_t row_bytes, size_t aligned)
{
  r->size = size;
  r->row_bytes = ALIGN64 (row_bytes);
  r->tags = (int *) *tags;
  *tags += (size_t) size * sizeof (int);
  for (int i = 0; i < size; i++)
    r->tags[i] = -1;
  r->rows = size ? vc_align_at (vc_carve (p, (size_t) size * r->row_bytes +
          64), aligned) : NULL;
}

/* Lane i of a padded row, any lane type. */
static inline void
set_lane (const Call * c, void *row, size_t i, unsigned v)
{
  if (c->f->pad_bytes == 2)
    ((uint16_t *) row)[i] = (uint16_t) v;
  else if (c->f->f64)
    ((double *) row)[i] = v;
  else
    ((float *) row)[i] = (float) v;
}

/* Sample k of input pixel x (k counted from the call's first lane). */
static inline unsigned
get_sample (const Call * c, const uint8_t * base, int x, int k)
{
  size_t i = (size_t) x * c->src->pixel_stride + c->src->offset - c->first +
      k;

  return c->plan->sample_type == VC_SAMPLE_U16 ?
      ((const uint16_t *) base)[i] : base[i];
}

/* The start of input row y: in place, its kept copy if it has one. */
const uint8_t *
vc_fast_input_row (const Call * c, int y)
{
  if (c->keep && c->kept[y] >= 0)
    return c->kept_rows + (size_t) c->kept[y] * c->f->keep_slot;
  return (const uint8_t *) c->src->data + (ptrdiff_t) y * c->src->row_stride;
}

/* Lane k of padded pixel p through the column map (a border pixel, or
 * one whose lanes may run past the end of the input row). */
static inline unsigned
mapped_sample (const Call * c, const uint8_t * base, int p, int k)
{
  const VcPlan *plan = c->plan;
  int x = plan->col_map[p];

  if (x < 0)
    return (unsigned) plan->border_word;
  /* Lanes after the described components of the row's last pixel may
   * lie past the end of the row: 0. */
  if (x == plan->g.in_w - 1 && k >= c->first + c->f->components)
    return 0;
  return get_sample (c, base, x, k);
}

/* Pixel p of the padded row through the column map. */
static void
put_mapped_pixel (const Call * c, const uint8_t * base, void *row,
    size_t lane, int p)
{
  for (int k = 0; k < c->L; k++)
    set_lane (c, row, lane + k, mapped_sample (c, base, p, k));
}

/* Contiguous conversion of n samples into lanes. */
static void
load_run (const Call * c, void *dst, const uint8_t * src, int n)
{
  const VcSimd *s = c->f->simd;

  if (c->f->pad_bytes == 2)
    s->load_u8_i16 (dst, src, n);
  else if (c->f->f64 && c->plan->sample_type == VC_SAMPLE_U16)
    c->f->wide->load_u16_f64 (dst, (const uint16_t *) src, n);
  else if (c->f->f64)
    c->f->wide->load_u8_f64 (dst, src, n);
  else if (c->plan->sample_type == VC_SAMPLE_U16)
    s->load_u16 (dst, (const uint16_t *) src, n);
  else
    s->load_u8 (dst, src, n);
}

/* Pixels [p0, p1) of the padded row of input row `base` without phase
 * split (stride 1 layout): the interior in one contiguous conversion, the
 * rest (and the input's last pixel, whose lanes may run past the end of
 * the row) through put_mapped_pixel (). */
static void
fill_pixels (const Call * c, const uint8_t * base, void *row, int p0, int p1)
{
  const VcGeometry *g = &c->plan->g;
  const VcPlane *src = c->src;
  const int L = c->L, ps = src->pixel_stride;
  const size_t ss = c->plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;
  int begin = g->left > p0 ? g->left : p0;
  int last = g->left + g->in_w - 1 < p1 ? g->left + g->in_w - 1 : p1;

  if (last > begin)
    load_run (c, (uint8_t *) row + (size_t) begin * L * c->f->pad_bytes,
        base + ((size_t) (begin - g->left) * ps + src->offset - c->first) * ss,
        (last - begin) * L);
  for (int p = p0; p < p1; p++) {
    if (p == begin && last > begin) {
      p = last - 1;
      continue;
    }
    put_mapped_pixel (c, base, row, (size_t) p * L, p);
  }
}

static void
fill_contiguous (const Call * c, const uint8_t * base, void *row)
{
  fill_pixels (c, base, row, 0, c->plan->g.need_w);
}

/* Stride 2 on 16-bit lanes of 8-bit samples: the interior split into its
 * phases as it is loaded (split2_u8_i16), from an even pixel on; the
 * other pixels (and the input's last) through the column map. */
static void
fill_split2_u8 (const Call * c, const uint8_t * base, uint16_t * row)
{
  const VcGeometry *g = &c->plan->g;
  const int L = c->L, odd = c->f->phase_start[1];
  int begin = g->left > 0 ? g->left : 0;
  int last = g->left + g->in_w - 1 < g->need_w ?
      g->left + g->in_w - 1 : g->need_w;
  int n;

  begin += begin % 2;
  n = last > begin ? last - begin : 0;
  if (n > 0)
    c->f->finishes->split2_u8_i16 (row + (size_t) begin / 2 * L,
        row + (size_t) (odd + begin / 2) * L,
        base + (size_t) (begin - g->left) * L + c->src->offset - c->first,
        (n + 1) / 2, n / 2, L);
  for (int p = 0; p < g->need_w; p++) {
    if (p == begin && n > 0) {
      p = begin + n - 1;
      continue;
    }
    put_mapped_pixel (c, base, row, (size_t) (p % 2 ? odd + p / 2 :
            p / 2) * L, p);
  }
}

/* Padded row r (through the row map) as lanes, phase-split. */
void
vc_fast_build_padded_row (const Call * c, int r, void *row)
{
  const VcPlan *plan = c->plan;
  const VcGeometry *g = &plan->g;
  const VcFast *f = c->f;
  const VcPlane *src = c->src;
  const int L = c->L, ps = src->pixel_stride;
  const int y = plan->row_map[r];
  const size_t ss = plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;
  const uint8_t *base;

  if (y < 0) {
    for (int i = 0; i < c->pad_lanes; i++)
      set_lane (c, row, i, (unsigned) plan->border_word);
    return;
  }
  base = vc_fast_input_row (c, y);

  if (ps == L && g->sx == 1) {
    fill_contiguous (c, base, row);
    return;
  }
  /* Stride 2: the contiguous row, then its even and odd pixels (in one
   * step from 8-bit samples into 16-bit lanes). */
  if (ps == L && g->sx == 2 && L <= VC_MAX_COMPONENTS) {
    int n_even = phase_pixels (g, 0), n_odd = phase_pixels (g, 1);
    size_t odd_lane = (size_t) f->phase_start[1] * L;

    if (f->pad_bytes == 2 && f->finishes->split2_u8_i16) {
      fill_split2_u8 (c, base, row);
      return;
    }
    fill_contiguous (c, base, c->split);
    if (f->pad_bytes == 2)
      f->finishes->split2_i16 (row, (uint16_t *) row + odd_lane, c->split,
          n_even, n_odd, L);
    else if (f->f64)
      f->finishes->split2_f64 (row, (double *) row + odd_lane, c->split,
          n_even, n_odd, L);
    else
      f->finishes->split2_f32 (row, (float *) row + odd_lane, c->split,
          n_even, n_odd, L);
    return;
  }

  /* Phase by phase: the interior as a strided copy, the rest through the
   * column map. */
  for (int b = 0; b < g->sx && b < g->need_w; b++) {
    size_t start = (size_t) f->phase_start[b] * L;
    int count = phase_pixels (g, b);
    /* Pixels b + t sx inside the frame, but for the last: [t0, t1). */
    int t0 = g->left > b ? (g->left - b + g->sx - 1) / g->sx : 0;
    int t1 = g->left + g->in_w - 1 > b ?
        (g->left + g->in_w - 1 - b + g->sx - 1) / g->sx : 0;

    t1 = t1 < count ? t1 : count;
    t0 = t0 < t1 ? t0 : t1;
    for (int t = 0; t < count; t++) {
      if (t == t0 && t1 > t0) {
        size_t step = (size_t) g->sx * ps;
        size_t first = (size_t) (b + t0 * g->sx - g->left) * ps +
            src->offset - c->first;
        int n = t1 - t0;

#define STRIDED_COPY(LANE_T, SAMPLE_T) \
        { \
          LANE_T *o = (LANE_T *) row + start + (size_t) t0 * L; \
          const SAMPLE_T *s = (const SAMPLE_T *) base + first; \
          for (int k = 0; k < L; k++) \
            for (int i = 0; i < n; i++) \
              o[(size_t) i * L + k] = s[i * step + k]; \
        }
        if (f->pad_bytes == 2 && L == 1)
          f->finishes->gather_u8_i16 ((uint16_t *) row + start + t0,
              base + first, n, (int) step);
        else if (f->pad_bytes == 2)
          STRIDED_COPY (uint16_t, uint8_t)
        else if (f->f64 && ss == 2)
          STRIDED_COPY (double, uint16_t)
        else if (f->f64)
          STRIDED_COPY (double, uint8_t)
        else if (ss == 2)
          STRIDED_COPY (float, uint16_t)
        else
          STRIDED_COPY (float, uint8_t)
#undef STRIDED_COPY
        t = t1 - 1;
        continue;
      }
      put_mapped_pixel (c, base, row, start + (size_t) t * L,
          b + t * g->sx);
    }
  }
}

/* Padded row r of 8-bit samples as bytes, for the quads: with each
 * pixel's lanes adjacent and no stride across, the interior copied as it
 * is and the rest through the column map; otherwise the padded row of
 * 16-bit lanes (in c->prow) narrowed. Every lane holds a byte: samples,
 * and the border word (a sample clamped to 255). */
static void
build_padded_bytes (const Call * c, int r, uint8_t * row)
{
  const VcPlan *plan = c->plan;
  const VcGeometry *g = &plan->g;
  const int L = c->L;
  const int y = plan->row_map[r];
  const uint8_t *base;
  int begin, last;

  if (c->src->pixel_stride != L || g->sx != 1) {
    const uint16_t *w = (const uint16_t *) c->prow;

    vc_fast_build_padded_row (c, r, c->prow);
    for (int i = 0; i < c->pad_lanes; i++)
      row[i] = (uint8_t) w[i];
    return;
  }
  if (y < 0) {
    memset (row, (int) plan->border_word, (size_t) c->pad_lanes);
    return;
  }
  base = vc_fast_input_row (c, y);
  begin = g->left > 0 ? g->left : 0;
  last = g->left + g->in_w - 1 < g->need_w ? g->left + g->in_w - 1 :
      g->need_w;
  if (last > begin)
    memcpy (row + (size_t) begin * L, base + (size_t) (begin - g->left) * L +
        c->src->offset - c->first, (size_t) (last - begin) * L);
  for (int p = 0; p < g->need_w; p++) {
    if (p == begin && last > begin) {
      p = last - 1;
      continue;
    }
    for (int k = 0; k < L; k++)
      row[(size_t) p * L + k] = (uint8_t) mapped_sample (c, base, p, k);
  }
}

/* Padded row r as the ring holds it: with grouped taps, each lane with
 * those pair_d pixels on (built in c->prow, or as bytes in c->split,
 * first). */
void
vc_fast_build_ring_row (const Call * c, int r, void *row)
{
  if (c->f->pair_d == 0) {
    vc_fast_build_padded_row (c, r, row);
    return;
  }
  if (c->f->pair_group == 4) {
    build_padded_bytes (c, r, c->split);
    c->f->simd->quad_u8 (row, c->split, c->pad_lanes, c->f->pair_d * c->L);
    return;
  }
  vc_fast_build_padded_row (c, r, c->prow);
  c->f->simd->pair_i16 (row, (const uint16_t *) c->prow, c->pad_lanes,
      c->f->pair_d * c->L);
}

/* Taps [from, from + n) of t on the rows at ptrs: padded rows, or the
 * h-rows of a separable pass (float or 16-bit lanes like the sums). */
void
vc_fast_run_taps (const Call * c, void *acc, const void **ptrs,
    const VcTaps * t, int from, int n, int len, bool accumulate,
    bool padded)
{
  if (t->group == 4)
    c->f->simd->taps_quads (acc, (const uint32_t * const *) ptrs,
        t->coef2 + from, n, len, accumulate);
  else if (t->group == 2)
    c->f->simd->taps_pairs (acc, (const uint32_t * const *) ptrs,
        t->coef2 + from, n, len, accumulate);
  else if (c->f->madd && padded)
    c->f->simd->taps_madd (acc, (const uint16_t * const *) ptrs,
        t->coef16 + from, n, len, accumulate);
  else if (c->f->i16)
    c->f->simd->taps_i16 (acc, (const uint16_t * const *) ptrs,
        t->coef16 + from, n, len, accumulate);
  else if (c->f->f64)
    c->f->wide->taps_f64 (acc, (const double *const *) ptrs,
        t->coef64 + from, n, len, accumulate);
  else
    c->f->simd->taps (acc, (const float *const *) ptrs, t->coef + from, n,
        len, accumulate);
}

/* Row taps of pass k on the padded row c->prow, output lanes [q0, q1). */
static void
row_taps (Call * c, const VcTaps * t, uint8_t * out, int q0, int q1)
{
  size_t lb = c->f->lane_bytes, pb = c->f->pad_bytes;

  for (int i = 0; i < t->n; i++)
    c->hptrs[i] = c->prow + ((size_t) t->px[i] * c->L + q0) * pb;
  vc_fast_run_taps (c, out + q0 * lb, c->hptrs, t, 0, t->n, q1 - q0, false,
      true);
}

/* 16-bit row taps straight from the 8-bit input row, without the padded
 * row: the output lanes whose every tap lies inside the input row (but
 * for its last pixel) read it directly; only both ends go through the
 * padded row, built for the pixels they need. Returns false where this
 * does not apply (the caller builds the whole padded row). */
static bool
row_taps_direct (Call * c, const VcTaps * t, int r, uint8_t * out)
{
  const VcGeometry *g = &c->plan->g;
  const VcPlane *src = c->src;
  const int L = c->L, y = c->plan->row_map[r];
  /* Lanes of the padded row that come straight from the input row. */
  const int a0 = g->left * L, a1 = (g->left + g->in_w - 1) * L;
  const int lo = t->px[0] * L, hi = t->px[t->n - 1] * L;
  const uint8_t *base;
  int qa, qb;

  if (!c->f->i16 || !c->f->simd->taps_u8_i16 || g->sx != 1 ||
      src->pixel_stride != L || y < 0 || t->n == 0)
    return false;
  qa = a0 - lo > 0 ? a0 - lo : 0;
  qb = a1 - hi < c->out_lanes ? a1 - hi : c->out_lanes;
  if (qb - qa < 256)
    return false;
  base = vc_fast_input_row (c, y) + src->offset - c->first;
  for (int i = 0; i < t->n; i++)
    c->hptrs[i] = base + (t->px[i] * L - a0) + qa;
  c->f->simd->taps_u8_i16 ((uint16_t *) out + qa,
      (const uint8_t * const *) c->hptrs, t->coef16, t->n, qb - qa);
  /* Both ends through the padded row (tap pixels are increasing). */
  if (qa > 0) {
    fill_pixels (c, base - src->offset + c->first, c->prow, 0,
        (qa + hi) / L + 1 < g->need_w ? (qa + hi) / L + 1 : g->need_w);
    row_taps (c, t, out, 0, qa);
  }
  if (qb < c->out_lanes) {
    fill_pixels (c, base - src->offset + c->first, c->prow, (qb + lo) / L,
        g->need_w);
    row_taps (c, t, out, qb, c->out_lanes);
  }
  return true;
}

/* Row-filtered padded row r of separable pass k, into row. */
void
vc_fast_build_h_row (Call * c, int k, int r, void *row)
{
  const VcTaps *t = &c->f->pass[k].row;

  if (t->n == 0)
    memset (row, 0, c->h[k].row_bytes);
  else if (!row_taps_direct (c, t, r, row)) {
    vc_fast_build_padded_row (c, r, c->prow);
    row_taps (c, t, row, 0, c->out_lanes);
  }
}

/* Carves a call's rows out of the scratch (after the keep area). */
void
vc_fast_call_init (Call * c, const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  uint8_t *p = (uint8_t *) scratch + f->keep_bytes;
  uint8_t *tags;
  size_t lb = f->lane_bytes;

  *c = (Call) {
  .plan = plan,.f = f,.src = src,.keep = keep};
  if (keep) {
    c->kept = (int *) ((uint8_t *) scratch + ALIGN64 (sizeof (KeepHeader)));
    c->kept_rows = (uint8_t *) c->kept + ALIGN64 ((size_t) g->in_h *
        sizeof (int));
  }
  c->L = lanes_per_pixel (f, src, dst);
  /* Widened: lanes start at the pixel's first sample. */
  c->first = c->L == f->components ? 0 : src->offset;
  c->pad_lanes = f->phase_start[g->sx] * c->L;
  c->out_lanes = g->out_w * c->L;
  tags = vc_carve (&p, (size_t) (f->ring_in + 2 * f->ring_h) * sizeof (int));
  c->ptrs = vc_carve (&p, (size_t) (f->max_taps + 1) * f->band *
      sizeof (void *));
  c->hptrs = vc_carve (&p, (size_t) (f->max_taps + 1) * sizeof (void *));
  c->prow = vc_carve (&p, (size_t) c->pad_lanes * f->pad_bytes);
  c->split = vc_carve (&p, (size_t) c->pad_lanes * f->pad_bytes);
  ring_init (&c->in, &tags, &p, f->ring_in,
      (size_t) c->pad_lanes * f->ring_bytes,
      (size_t) first_converted (g) * c->L * f->ring_bytes);
  for (int k = 0; k < f->n_passes; k++)
    ring_init (&c->h[k], &tags, &p, f->pass[k].separable ? f->ring_h : 0,
        (size_t) c->out_lanes * lb, 0);
  for (int b = 0; b < acc_rows (f); b++)
    c->acc[b] = vc_carve (&p, (size_t) c->out_lanes * lb);
  c->out = vc_carve (&p, (size_t) c->out_lanes * 2);
}
