/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, cascade on 8-bit samples ("box-cascade-u8"): the
 * box-cascade plan (vc-fast-cascade.c) in the common case, one lane per
 * pixel, stride and dilation 1, with neither bias nor center, where all
 * the sums are small enough for the lanes below.
 *
 * Down first. Each padded row goes through the column factor's boxes in
 * uint32_t lanes (rings as on the general path, one lane per padded
 * column): the column sums V of an output row are below 255 w1 ... wn <
 * 2^31, exact in uint32_t (wrapping on the way is harmless: the final
 * value fits). Then across, on GROUP output rows at once: their V rows
 * are transposed in 8 x 8 blocks so that lane p of row r is at p GROUP
 * + r, and the row factor's boxes run along p on GROUP rows side by side
 * in uint64_t lanes (a vector of rows per step: the running sum's chain
 * is one add per GROUP samples, not one per sample). The sums S are
 * below 2^51.
 *
 * The finish. With center 0 and bias 0 the reference makes
 *   out = clamp (round_half_away (X / d)),  X = |Y| or Y
 * where Y = A sgn (divisor) = k S (k: the factors' last taps, the
 * divisor's sign) and d = |divisor| 2^(e + shift), an integer. Its double
 * quotient rounds to the same integer as the exact one: the exact
 * quotient is a half integer exactly (then the double is too) or at least
 * 1 / (2 d) from one, more than its rounding error |X / d| 2^-53 while
 * |X| < 2^51. Negative quotients clamp to 0 either way, and for X >= 0
 * round_half_away (X / d) = floor ((X + floor (d / 2)) / d) (for odd d,
 * X / d is never a half integer). That floor is taken in double lanes:
 * t = floor (y / d) with y = X + floor (d / 2), from y times a rounded
 * 1 / d (off by at most one, as |y / d| 2^-51 < 1) and corrected by the
 * exact remainder y - t d (all integers below 2^53).
 */
#include "vc-fast-private.h"

#include <math.h>
#include <string.h>

#if defined(VC_HAVE_X86_PATHS) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_TRANSPOSE 1
#endif

#define GROUP 8
#define ALIGN8(x) (((x) + 7) & ~(size_t) 7)

/* Lanes of a ring row and of a row of output samples, 8 apart. */
static size_t
ring_lanes (const VcGeometry * g)
{
  return ALIGN8 ((size_t) g->need_w);
}

static size_t
out_lanes (const VcGeometry * g)
{
  return ALIGN8 ((size_t) g->out_w);
}

/* Bytes of the scratch: the rings, the GROUP rows of column sums, their
 * transpose, two rows of sums across and the finished samples both ways
 * (GROUP lanes of spare at each end of the sums for the finish's tail). */
static size_t
cascade8_bytes (const VcFast * f, const VcGeometry * g)
{
  size_t gw = ring_lanes (g), ow = out_lanes (g);
  size_t rows = 0;

  for (int b = 0; b <= f->cas[0].n; b++)
    rows += (size_t) f->cas[0].slots[b];
  return (rows + GROUP) * ALIGN64 (gw * 4) + ALIGN64 (gw * GROUP * 4) +
      2 * ALIGN64 ((gw + GROUP) * GROUP * 8) + ALIGN64 (ow * GROUP);
}

/* Product of the widths of one axis' boxes. */
static double
widths (const VcFast * f, int axis)
{
  double p = 1;

  for (int b = 0; b < f->cas[axis].n; b++)
    p *= f->cas[axis].w[b];
  return p;
}

/* Whether a cascade plan (f->cascade) also takes the 8-bit variant, and
 * its scratch (added to *scratch_size). sign: the one the finish chose
 * (-1: A negated for a negative divisor). The kernel times 2^e is made of
 * integers on both exact lanes (ks->exact: float or 16-bit) and 64-bit
 * float lanes (f->f64). */
void
vc_fast_plan_cascade8 (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign, size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  double d = fabs (plan->divisor) * ldexp (1.0, ks->e + plan->shift);
  double k = (double) f->cas_coef * sign * (plan->divisor < 0 ? -1 : 1);
  double v = 255 * widths (f, 0);

  f->cas8 = false;
  if (!f->cascade || !(ks->exact || f->f64) ||
      plan->sample_type != VC_SAMPLE_U8 || f->components != 1 ||
      plan->shift != 0 || plan->bias != 0 ||
      plan->center != 0 || g->sx != 1 || g->sy != 1 || g->dx != 1 ||
      g->dy != 1 || d != floor (d) || d < 1 || d > ldexp (1.0, 40) ||
      v >= ldexp (1.0, 31) || v * widths (f, 1) * fabs (k) >=
      ldexp (1.0, 50))
    return;
  f->cas8 = true;
  f->cas8_k = k;
  f->cas8_d = d;
#ifdef HAVE_AVX2_TRANSPOSE
  f->cas8_avx2 = strcmp (f->simd->name, "avx2") == 0 ||
      strcmp (f->simd->name, "avx512") == 0;
#endif
  f->cas8_at = *scratch_size;
  *scratch_size += cascade8_bytes (f, g);
}

/* dst[k ds + r] = src[r ss + k], r and k in [0, 8). */
static void
transpose8_c (const uint32_t * src, size_t ss, uint32_t * dst, size_t ds)
{
  for (size_t r = 0; r < 8; r++)
    for (size_t k = 0; k < 8; k++)
      dst[k * ds + r] = src[r * ss + k];
}

#ifdef HAVE_AVX2_TRANSPOSE
/* The same in AVX2: pairs of 32-bit lanes, then of 64-bit, then the
 * 128-bit halves. */
__attribute__ ((target ("avx2")))
static void
transpose8_avx2 (const uint32_t * src, size_t ss, uint32_t * dst, size_t ds)
{
  __m256i r[8], t[8], u[8];

  for (int i = 0; i < 8; i++)
    r[i] = _mm256_loadu_si256 ((const __m256i *) (src + i * ss));
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_epi32 (r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_epi32 (r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    u[i] = _mm256_unpacklo_epi64 (t[i], t[i + 2]);
    u[i + 1] = _mm256_unpackhi_epi64 (t[i], t[i + 2]);
    u[i + 2] = _mm256_unpacklo_epi64 (t[i + 1], t[i + 3]);
    u[i + 3] = _mm256_unpackhi_epi64 (t[i + 1], t[i + 3]);
  }
  for (int i = 0; i < 4; i++) {
    _mm256_storeu_si256 ((__m256i *) (dst + i * ds),
        _mm256_permute2x128_si256 (u[i], u[i + 4], 0x20));
    _mm256_storeu_si256 ((__m256i *) (dst + (i + 4) * ds),
        _mm256_permute2x128_si256 (u[i], u[i + 4], 0x31));
  }
}
#endif

/* GROUP rows ss apart transposed in blocks of 8 x 8 along n lanes (a
 * multiple of 8): dst[p GROUP + r] = src[r ss + p]. */
static void
transpose_strip (const VcFast * f, const uint32_t * src, size_t ss,
    uint32_t * dst, size_t n)
{
  for (size_t p = 0; p < n; p += 8) {
#ifdef HAVE_AVX2_TRANSPOSE
    if (f->cas8_avx2) {
      transpose8_avx2 (src + p, ss, dst + p * GROUP, GROUP);
      continue;
    }
#endif
    transpose8_c (src + p, ss, dst + p * GROUP, GROUP);
  }
}

/* One box down in 32-bit lanes: out = own + cur - old, as box_down () in
 * vc-fast-cascade.c. */
VC_BOX_LOOP static void
down_u32 (uint32_t * out, const uint32_t * own, const uint32_t * cur,
    const uint32_t * old, size_t n)
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

/* One box of width w across GROUP rows side by side (lane p of row r at
 * p GROUP + r), n lanes, from column sums (below 2^31) or from the sums
 * of a box before, into double lanes: every value is an integer below
 * 2^53, so their additions are exact. */
#define BOX_ROWS(NAME, T, CAST) \
VC_BOX_LOOP static void \
NAME (double *restrict out, const T * restrict in, size_t n, size_t w) \
{ \
  double acc[GROUP] = { 0 }; \
  size_t head = w < n ? w : n; \
  \
  for (size_t p = 0; p < head; p++) \
    for (int r = 0; r < GROUP; r++) \
      out[p * GROUP + r] = acc[r] += (CAST) in[p * GROUP + r]; \
  for (size_t p = head; p < n; p++) \
    for (int r = 0; r < GROUP; r++) \
      out[p * GROUP + r] = acc[r] += (double) (CAST) in[p * GROUP + r] - \
          (double) (CAST) in[(p - w) * GROUP + r]; \
}
BOX_ROWS (box_rows_u32, uint32_t, int32_t)
BOX_ROWS (box_rows_f64, double, double)
#undef BOX_ROWS

/* The finish (see the top) of n lanes (a multiple of 8) of S into GROUP
 * rows of samples, ow apart: floor ((X + floor (d / 2) + 0.5) / d). */
static void
finish_c (const VcFast * f, bool absolute, const double *s, uint8_t * rows,
    size_t ow, size_t n)
{
  const double k = f->cas8_k, inv = 1.0 / f->cas8_d;
  const double c = floor (f->cas8_d / 2) + 0.5;

  for (size_t j = 0; j < n; j++)
    for (int r = 0; r < GROUP; r++) {
      double x = s[j * GROUP + r] * k;
      double t = floor (((absolute ? fabs (x) : x) + c) * inv);

      rows[r * ow + j] = (uint8_t) (t < 0 ? 0 : t > 255 ? 255 : t);
    }
}

#ifdef HAVE_AVX2_TRANSPOSE
/* Four lanes of S finished, as int32: (S k + c) / d with one rounding
 * each (the fma's is exact: S k + c is an integer plus a half below
 * 2^51), truncated after the clamp to 255 instead of floored (they
 * differ only on negative quotients, which become 0 either way: the
 * packs to bytes saturate). */
__attribute__ ((target ("avx2,fma")))
static inline __m128i
finish4 (__m256d s, __m256d k, __m256d c, __m256d inv)
{
  __m256d t = _mm256_mul_pd (_mm256_fmadd_pd (s, k, c), inv);

  return _mm256_cvttpd_epi32 (_mm256_min_pd (t, _mm256_set1_pd (255)));
}

/* finish_c () in AVX2: 8 lanes (GROUP rows of a column) packed to 8
 * bytes, and 8 columns of them transposed into the rows. S >= 0, so
 * |S k| is S |k|. */
__attribute__ ((target ("avx2,fma")))
static void
finish_avx2 (const VcFast * f, bool absolute, const double *s,
    uint8_t * rows, size_t ow, size_t n)
{
  const __m256d k = _mm256_set1_pd (absolute ? fabs (f->cas8_k) :
      f->cas8_k);
  const __m256d inv = _mm256_set1_pd (1.0 / f->cas8_d);
  const __m256d c = _mm256_set1_pd (floor (f->cas8_d / 2) + 0.5);

  for (size_t j = 0; j < n; j += 8) {
    __m128i col[8], a[4], b[4], r[4];

    for (int i = 0; i < 8; i++) {
      const double *p = s + (j + (size_t) i) * GROUP;
      __m128i w = _mm_packs_epi32 (finish4 (_mm256_loadu_pd (p), k, c, inv),
          finish4 (_mm256_loadu_pd (p + 4), k, c, inv));

      col[i] = _mm_packus_epi16 (w, w);
    }
    for (int i = 0; i < 4; i++)
      a[i] = _mm_unpacklo_epi8 (col[2 * i], col[2 * i + 1]);
    b[0] = _mm_unpacklo_epi16 (a[0], a[1]);
    b[1] = _mm_unpackhi_epi16 (a[0], a[1]);
    b[2] = _mm_unpacklo_epi16 (a[2], a[3]);
    b[3] = _mm_unpackhi_epi16 (a[2], a[3]);
    r[0] = _mm_unpacklo_epi32 (b[0], b[2]);
    r[1] = _mm_unpackhi_epi32 (b[0], b[2]);
    r[2] = _mm_unpacklo_epi32 (b[1], b[3]);
    r[3] = _mm_unpackhi_epi32 (b[1], b[3]);
    for (int i = 0; i < 4; i++) {
      _mm_storel_epi64 ((__m128i *) (rows + (size_t) (2 * i) * ow + j), r[i]);
      _mm_storel_epi64 ((__m128i *) (rows + (size_t) (2 * i + 1) * ow + j),
          _mm_srli_si128 (r[i], 8));
    }
  }
}
#endif

typedef struct
{
  Call c;
  const VcPlane *dst;
  uint32_t *ring[VC_CASCADE_MAX_BOXES + 1];
  size_t gw, ow;                /* ring_lanes (), out_lanes () */
  uint32_t *g;                  /* GROUP rows of column sums, gw apart */
  uint32_t *t;                  /* g transposed */
  double *u[2];                 /* sums across, transposed */
  uint8_t *rows;                /* GROUP rows of samples, ow apart */
} Cascade8;

/* Output rows [i0, i0 + m) from the column sums in k->g. */
static void
across (Cascade8 * k, int i0, int m)
{
  const VcFast *f = k->c.f;
  const VcGeometry *g = &k->c.plan->g;
  const int n = f->cas[1].n;
  const double *s = k->u[0];

  transpose_strip (f, k->g, k->gw, k->t, k->gw);
  if (n == 0) {
    for (size_t q = 0; q < k->gw * GROUP; q++)
      k->u[0][q] = (int32_t) k->t[q];
  } else {
    box_rows_u32 (k->u[0], k->t, k->gw, (size_t) f->cas[1].w[0]);
    for (int b = 1; b < n; b++)
      box_rows_f64 (k->u[b & 1], k->u[(b - 1) & 1], k->gw,
          (size_t) f->cas[1].w[b]);
    s = k->u[(n - 1) & 1];
  }
  s += (size_t) (g->kw - 1) * GROUP;
#ifdef HAVE_AVX2_TRANSPOSE
  if (f->cas8_avx2)
    finish_avx2 (f, k->c.plan->absolute, s, k->rows, k->ow, k->ow);
  else
#endif
    finish_c (f, k->c.plan->absolute, s, k->rows, k->ow, k->ow);
  for (int r = 0; r < m; r++) {
    const VcPlane *dst = k->dst;
    uint8_t *row = (uint8_t *) dst->data + (ptrdiff_t) (i0 + r) *
        dst->row_stride;

    memcpy (dst->pixel_stride == 1 ? row : k->c.out, k->rows + (size_t) r *
        k->ow, (size_t) g->out_w);
    vc_fast_finish_row (&k->c, dst, i0 + r, true);
  }
}

/* Carves the scratch (see cascade8_bytes ()). */
static void
carve8 (Cascade8 * k, uint8_t * p)
{
  const VcFast *f = k->c.f;
  const VcGeometry *g = &k->c.plan->g;
  size_t u_bytes;

  k->gw = ring_lanes (g);
  k->ow = out_lanes (g);
  for (int b = 0; b <= f->cas[0].n; b++) {
    k->ring[b] = (uint32_t *) p;
    p += (size_t) f->cas[0].slots[b] * ALIGN64 (k->gw * 4);
  }
  k->g = (uint32_t *) p;
  p += GROUP * ALIGN64 (k->gw * 4);
  k->t = (uint32_t *) p;
  p += ALIGN64 (k->gw * GROUP * 4);
  u_bytes = ALIGN64 ((k->gw + GROUP) * GROUP * 8);
  k->u[0] = (double *) p;
  k->u[1] = (double *) (p + u_bytes);
  k->rows = p + 2 * u_bytes;
  /* Lanes past the padded row's are summed but never finished; those
   * past the sums' are read by the finish's last block. */
  memset (k->g, 0, GROUP * ALIGN64 (k->gw * 4));
  memset (k->u[0] + k->gw * GROUP, 0, GROUP * GROUP * 8);
  memset (k->u[1] + k->gw * GROUP, 0, GROUP * GROUP * 8);
}

/* Row `q` (from the band's first padded row) of ring b. */
static uint32_t *
slot8 (const Cascade8 * k, int b, int64_t q)
{
  return k->ring[b] + (size_t) (q % k->c.f->cas[0].slots[b]) * ALIGN64 (k->gw
      * 4) / 4;
}

/* Makes output rows [y0, y1) of dst, in place when keep is given. */
void
vc_fast_run_cascade8 (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  const int n = f->cas[0].n;
  const int64_t first = y0, last = (int64_t) y1 - 1 + g->kh - 1;
  const size_t lanes = (size_t) g->need_w;
  Cascade8 k = {.dst = dst };
  int m = 0;

  vc_fast_call_init (&k.c, plan, src, dst, scratch, keep);
  carve8 (&k, (uint8_t *) scratch + f->keep_bytes + f->cas8_at);
  for (int64_t r = first; r <= last; r++) {
    int64_t q = r - first, top = r - (g->kh - 1);

    vc_fast_box_row_u32 (&k.c, (int) r, slot8 (&k, 0, q));
    for (int b = 1; b <= n; b++) {
      int64_t back = f->cas[0].w[b - 1];

      down_u32 (slot8 (&k, b, q), q >= 1 ? slot8 (&k, b, q - 1) : NULL,
          slot8 (&k, b - 1, q), q >= back ? slot8 (&k, b - 1, q - back) :
          NULL, lanes);
    }
    if (top < first)
      continue;
    memcpy (k.g + (size_t) m * k.gw, slot8 (&k, n, q), lanes * 4);
    if (++m == GROUP || top == y1 - 1) {
      across (&k, (int) top - m + 1, m);
      m = 0;
    }
  }
}
