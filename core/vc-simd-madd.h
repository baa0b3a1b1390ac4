/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The 32-bit integer taps of vc-simd.c, included by it alone: sums of
 * 16-bit lanes of 8-bit samples taken exactly in 32-bit lanes by
 * vpmaddwd (AVX2 and AVX-512; the other levels leave taps_madd and
 * taps_pairs NULL) or, four taps at a time, by vpmaddubsw and vpmaddwd
 * (or by vpdpbusd, for the -vnni tables), and the pairing of a row's
 * lanes that taps_pairs reads (every level) and its quads for taps_quads.
 * Defines TAPS_MADD, TAPS_MADD_POW2_U8, TAPS_PAIRS, TAPS_QUADS,
 * QUADS_MAX_COEF and QUAD_U8 for the table (NULL or 0 but at the x86
 * levels; TAPS_MADD_POW2_U8 at AVX2 alone), TAPS_QUADS_VNNI at the x86
 * levels. */
#ifndef VC_SIMD_MADD_H
#define VC_SIMD_MADD_H

#include "vc-simd-vec.h"

#if defined(__AVX2__)
/* ---- 32-bit sums from 16-bit lanes of samples (AVX2, AVX-512), two taps
 * per vpmaddwd.
 *
 * Taps go in pairs (t, t + 1); an odd last tap pairs with itself under a
 * zero coefficient. unpacklo and unpackhi interleave the pair's samples
 * (within each 128-bit quarter or half), so that one vpmaddwd gives
 * src[t][q] coef[t] + src[t + 1][q] coef[t + 1] in a 32-bit lane: the
 * low vector holds lanes 8i to 8i + 3 of each 128-bit part i, the high
 * one 8i + 4 to 8i + 7, put back in order at the store. Samples and
 * coefficients fit int16 and every sum stays below 2^24 (vc-simd.h), so
 * nothing leaves int32 and the conversion to float is exact: the float
 * taps' integers, bit for bit. The level's own part: the vector type and
 * its lanes, madd_pair (), the ordered store and the pairs' step. */
#if defined(__AVX512BW__)
#define MADD_LANES 32           /* 16-bit lanes of samples per vector */
typedef __m512i mvec_t;
#define mzero() _mm512_setzero_si512 ()
#define mset1(x) _mm512_set1_epi32 (x)

static inline void
madd_vecs (mvec_t * lo, mvec_t * hi, __m512i x, __m512i y, mvec_t cp)
{
  *lo = _mm512_add_epi32 (*lo,
      _mm512_madd_epi16 (_mm512_unpacklo_epi16 (x, y), cp));
  *hi = _mm512_add_epi32 (*hi,
      _mm512_madd_epi16 (_mm512_unpackhi_epi16 (x, y), cp));
}

/* The 32 sums in order, as floats, into acc (added when accumulating). */
static inline void
madd_store (float *acc, mvec_t lo, mvec_t hi, bool accumulate)
{
  const __m512i first = _mm512_set_epi64 (11, 10, 3, 2, 9, 8, 1, 0);
  const __m512i second = _mm512_set_epi64 (15, 14, 7, 6, 13, 12, 5, 4);
  __m512 a = _mm512_cvtepi32_ps (_mm512_permutex2var_epi64 (lo, first, hi));
  __m512 b = _mm512_cvtepi32_ps (_mm512_permutex2var_epi64 (lo, second,
          hi));

  if (accumulate) {
    a = _mm512_add_ps (_mm512_loadu_ps (acc), a);
    b = _mm512_add_ps (_mm512_loadu_ps (acc + 16), b);
  }
  _mm512_storeu_ps (acc, a);
  _mm512_storeu_ps (acc + 16, b);
}

/* a plus one vpmaddwd of the 16 lane pairs at s (taps_pairs). */
static inline mvec_t
pairs_step (mvec_t a, const uint32_t * s, mvec_t c)
{
  return _mm512_add_epi32 (a, _mm512_madd_epi16 (_mm512_loadu_si512 (s),
          c));
}

/* The 16 sums, in order, as floats into acc (added when accumulating). */
static inline void
pairs_store (float *acc, mvec_t a, bool accumulate)
{
  __m512 f = _mm512_cvtepi32_ps (a);

  if (accumulate)
    f = _mm512_add_ps (_mm512_loadu_ps (acc), f);
  _mm512_storeu_ps (acc, f);
}
#else
#define MADD_LANES 16
typedef __m256i mvec_t;
#define mzero() _mm256_setzero_si256 ()
#define mset1(x) _mm256_set1_epi32 (x)

static inline void
madd_vecs (mvec_t * lo, mvec_t * hi, __m256i x, __m256i y, mvec_t cp)
{
  *lo = _mm256_add_epi32 (*lo,
      _mm256_madd_epi16 (_mm256_unpacklo_epi16 (x, y), cp));
  *hi = _mm256_add_epi32 (*hi,
      _mm256_madd_epi16 (_mm256_unpackhi_epi16 (x, y), cp));
}

/* The 16 sums in order, as floats, into acc (added when accumulating). */
static inline void
madd_store (float *acc, mvec_t lo, mvec_t hi, bool accumulate)
{
  __m256 a = _mm256_cvtepi32_ps (_mm256_permute2x128_si256 (lo, hi, 0x20));
  __m256 b = _mm256_cvtepi32_ps (_mm256_permute2x128_si256 (lo, hi, 0x31));

  if (accumulate) {
    a = _mm256_add_ps (_mm256_loadu_ps (acc), a);
    b = _mm256_add_ps (_mm256_loadu_ps (acc + 8), b);
  }
  _mm256_storeu_ps (acc, a);
  _mm256_storeu_ps (acc + 8, b);
}

/* a plus one vpmaddwd of the 8 lane pairs at s (taps_pairs). */
static inline mvec_t
pairs_step (mvec_t a, const uint32_t * s, mvec_t c)
{
  return _mm256_add_epi32 (a, _mm256_madd_epi16 (_mm256_loadu_si256
          ((const __m256i *) s), c));
}

/* The 8 sums, in order, as floats into acc (added when accumulating). */
static inline void
pairs_store (float *acc, mvec_t a, bool accumulate)
{
  __m256 f = _mm256_cvtepi32_ps (a);

  if (accumulate)
    f = _mm256_add_ps (_mm256_loadu_ps (acc), f);
  _mm256_storeu_ps (acc, f);
}

/* finish_pow2_u8 ()'s operations on the 8 sums of x, in float lanes:
 * floor (((float) (|x| or x) + bdh) * inv_d); with shift (see
 * madd_shift ()), the same integer as ((|x| or x) + bdh_i) >> shift. */
static inline __m256i
madd_pow2 (__m256i x, const VcFinish * f, bool absolute, bool shift)
{
  __m256 y;

  if (absolute)
    x = _mm256_abs_epi32 (x);
  if (shift)
    return _mm256_sra_epi32 (_mm256_add_epi32 (x,
            _mm256_set1_epi32 (f->bdh_i)), _mm_cvtsi32_si128 (f->shift));
  y = _mm256_cvtepi32_ps (x);
  y = _mm256_mul_ps (_mm256_add_ps (y, _mm256_set1_ps (f->bdh_f)),
      _mm256_set1_ps (f->inv_d_f));
  return _mm256_cvtps_epi32 (_mm256_floor_ps (y));
}

/* The 16 sums of lo and hi finished (madd_pow2 ()), clamped to
 * [0, sample_max], in order into 16 bytes at out: the packs of each
 * 128-bit half put lo's four lanes and hi's four back in order. */
static inline void
madd_store_u8 (uint8_t * out, mvec_t lo, mvec_t hi, const VcFinish * f,
    bool absolute, bool shift)
{
  __m256i w = _mm256_packs_epi32 (madd_pow2 (lo, f, absolute, shift),
      madd_pow2 (hi, f, absolute, shift));

  w = _mm256_min_epi16 (w, _mm256_set1_epi16 ((short) f->sample_max));
  w = _mm256_permute4x64_epi64 (_mm256_packus_epi16 (w, w), 0x08);
  _mm_storeu_si128 ((__m128i *) out, _mm256_castsi256_si128 (w));
}
#endif

#define PAIR_LANES (MADD_LANES / 2)     /* lane pairs per vector */
#define MADD_ACC 4              /* vectors of MADD_LANES per block */
#define PAIRS_ACC 8             /* vectors of PAIR_LANES per block */

/* The lanes at a + q, plus those at b + q where b is a row (a folded
 * tap, see taps_madd ()). */
static inline ivec_t
madd_load (const uint16_t * a, const uint16_t * b, int q, bool fold)
{
  ivec_t x = iload (a + q);

  return fold && b ? iadd (x, iload (b + q)) : x;
}

/* The taps of taps_madd () in pairs: each pair's rows (s0, s1), with
 * fold their mirrored rows (m0, m1; NULL for none), the pair's two
 * coefficients in cp. */
typedef struct
{
  bool fold;
  int npairs;
  const uint16_t **s0, **s1, **m0, **m1;
  int32_t *cp;
} MaddPairs;

/* Lanes [q, q + MADD_LANES n) for n = MADD_ACC or 1 (a constant where
 * inlined) into lo[v] and hi[v] (see madd_vecs ()); with fold, each
 * tap's rows s and m added first. */
static inline __attribute__ ((always_inline)) void
madd_sums (mvec_t * lo, mvec_t * hi, const MaddPairs * mp, int q, int n,
    const bool fold)
{
#pragma GCC unroll 4
  for (int v = 0; v < n; v++)
    lo[v] = hi[v] = mzero ();
  for (int p = 0; p < mp->npairs; p++) {
    mvec_t c = mset1 (mp->cp[p]);

#pragma GCC unroll 4
    for (int v = 0; v < n; v++)
      madd_vecs (&lo[v], &hi[v],
          madd_load (mp->s0[p], mp->m0[p], q + MADD_LANES * v, fold),
          madd_load (mp->s1[p], mp->m1[p], q + MADD_LANES * v, fold), c);
  }
}

/* The same into acc as floats (added when accumulating). */
static inline __attribute__ ((always_inline)) void
madd_block (float *acc, const MaddPairs * mp, int q, int n,
    bool accumulate, const bool fold)
{
  mvec_t lo[MADD_ACC], hi[MADD_ACC];

  madd_sums (lo, hi, mp, q, n, fold);
#pragma GCC unroll 4
  for (int v = 0; v < n; v++)
    madd_store (acc + q + MADD_LANES * v, lo[v], hi[v], accumulate);
}

/* Whether the taps are symmetric, coef[t] = coef[n - 1 - t] (the
 * Gaussians, the boxes, most separable rows). */
static inline bool
madd_symmetric (const int16_t * coef, int ntaps)
{
  for (int t = 0; t < ntaps / 2; t++)
    if (coef[t] != coef[ntaps - 1 - t])
      return false;
  return ntaps >= 3;
}

/* Symmetric taps are folded: tap t's rows and tap n - 1 - t's added in
 * 16 bits (below 2^15 for samples below 2^14) before the multiply, so 13
 * taps take 4 vpmaddwd a vector instead of 7. mp's arrays hold
 * (ntaps + 1) / 2 pointers or values each. */
static void
madd_pairs (MaddPairs * mp, const uint16_t * const *src,
    const int16_t * coef, int ntaps)
{
  int nt;

  mp->fold = madd_symmetric (coef, ntaps);
  nt = mp->fold ? (ntaps + 1) / 2 : ntaps;
  mp->npairs = (nt + 1) / 2;
  for (int p = 0; p < mp->npairs; p++) {
    int t = 2 * p, u = t + 1 < nt ? t + 1 : t;
    uint32_t c1 = u > t ? (uint16_t) coef[u] : 0;

    mp->s0[p] = src[t];
    mp->s1[p] = src[u];
    /* The mirrored rows; none for the middle tap of an odd count. */
    mp->m0[p] = mp->fold && ntaps - 1 - t != t ? src[ntaps - 1 - t] : NULL;
    mp->m1[p] = mp->fold && u > t && ntaps - 1 - u != u ?
        src[ntaps - 1 - u] : NULL;
    mp->cp[p] = (int32_t) ((uint16_t) coef[t] | c1 << 16);
  }
}

/* A MaddPairs named mp on arrays of this scope for ntaps taps. */
#define MADD_PAIRS(mp, src, coef, ntaps) \
  const uint16_t *mp##_r[4][((ntaps) + 1) / 2]; \
  int32_t mp##_cp[((ntaps) + 1) / 2]; \
  MaddPairs mp = {.s0 = mp##_r[0],.s1 = mp##_r[1],.m0 = mp##_r[2], \
    .m1 = mp##_r[3],.cp = mp##_cp }; \
  madd_pairs (&mp, src, coef, ntaps)

/* The exact sum of lane q, as the vectors make it. */
static inline int32_t
madd_lane (const uint16_t * const *src, const int16_t * coef, int ntaps,
    int q)
{
  int32_t s = 0;

  for (int t = 0; t < ntaps; t++)
    s += coef[t] * src[t][q];
  return s;
}

static void
taps_madd (float *restrict acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate)
{
  int q = 0;

  MADD_PAIRS (mp, src, coef, ntaps);
  for (; mp.fold && q + MADD_LANES * MADD_ACC <= len;
      q += MADD_LANES * MADD_ACC)
    madd_block (acc, &mp, q, MADD_ACC, accumulate, true);
  for (; q + MADD_LANES * MADD_ACC <= len; q += MADD_LANES * MADD_ACC)
    madd_block (acc, &mp, q, MADD_ACC, accumulate, false);
  for (; q + MADD_LANES <= len; q += MADD_LANES)
    madd_block (acc, &mp, q, 1, accumulate, mp.fold);
  for (; q < len; q++) {
    int32_t s = madd_lane (src, coef, ntaps, q);

    acc[q] = accumulate ? acc[q] + (float) s : (float) s;
  }
}
#define TAPS_MADD taps_madd

#if !defined(__AVX512BW__)
/* taps_madd_pow2_u8 () is written for AVX2 alone: the avx512 tables take
 * it from avx2 (vc-simd-select.c's AVX2_ONLY), as no AVX-512 host was at
 * hand to run a 512-bit one. */

/* Lanes [q, q + MADD_LANES n) of taps_madd_pow2_u8 (). */
static inline __attribute__ ((always_inline)) void
madd_block_u8 (uint8_t * out, const MaddPairs * mp, int q, int n,
    const VcFinish * f, const bool fold, const bool absolute,
    const bool shift)
{
  mvec_t lo[MADD_ACC], hi[MADD_ACC];

  madd_sums (lo, hi, mp, q, n, fold);
#pragma GCC unroll 4
  for (int v = 0; v < n; v++)
    madd_store_u8 (out + q + MADD_LANES * v, lo[v], hi[v], f, absolute,
        shift);
}

/* Whether finish_pow2_u8 ()'s float operations are an integer add and
 * shift: D is 2^shift and bdh an integer, so (Y + bdh) * inv_d, exact in
 * float (every Y + bdh below 2^24, vc-fast-finish.c), floors to
 * (Y + bdh_i) >> shift. */
static inline bool
madd_shift (const VcFinish * f)
{
  return f->shift >= 0 && f->shift <= 30 &&
      (double) f->bdh_f == (double) f->bdh_i;
}

/* taps_madd ()'s sums finished as finish_pow2_u8 () finishes its floats
 * (the same float operations on the same integers), into bytes: the
 * fused path's row pass on the "-int" plans (vc-fast-fused.c), the floats
 * never stored. */
static inline __attribute__ ((always_inline)) void
madd_pow2_u8_body (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f,
    const bool absolute, const bool shift)
{
  int q = 0;

  MADD_PAIRS (mp, src, coef, ntaps);
  for (; mp.fold && q + MADD_LANES * MADD_ACC <= len;
      q += MADD_LANES * MADD_ACC)
    madd_block_u8 (out, &mp, q, MADD_ACC, f, true, absolute, shift);
  for (; q + MADD_LANES * MADD_ACC <= len; q += MADD_LANES * MADD_ACC)
    madd_block_u8 (out, &mp, q, MADD_ACC, f, false, absolute, shift);
  for (; q + MADD_LANES <= len; q += MADD_LANES)
    madd_block_u8 (out, &mp, q, 1, f, mp.fold, absolute, shift);
  for (; q < len; q++) {
    int32_t s = madd_lane (src, coef, ntaps, q);
    int v = floor_f (((float) (absolute ? abs (s) : s) + f->bdh_f) *
        f->inv_d_f);

    out[q] = (uint8_t) (v < 0 ? 0 : v > f->sample_max ? f->sample_max : v);
  }
}

static void
taps_madd_pow2_u8 (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f)
{
  if (f->absolute && madd_shift (f))
    madd_pow2_u8_body (out, src, coef, ntaps, len, f, true, true);
  else if (f->absolute)
    madd_pow2_u8_body (out, src, coef, ntaps, len, f, true, false);
  else if (madd_shift (f))
    madd_pow2_u8_body (out, src, coef, ntaps, len, f, false, true);
  else
    madd_pow2_u8_body (out, src, coef, ntaps, len, f, false, false);
}
#define TAPS_MADD_POW2_U8 taps_madd_pow2_u8
#else
#define TAPS_MADD_POW2_U8 NULL
#endif

/* Rows of lane groups: one load and one STEP per PAIR_LANES lanes and
 * group of taps, the lanes already in order, LANE_SUM (x, c) the exact
 * sum of one lane x of a group with coefficients c (the tail's). NAME
 * and NAME_block (), with the target attribute ATTR. */
#define GROUP_TAPS(NAME, ATTR, STEP, LANE_SUM) \
static inline __attribute__ ((always_inline)) ATTR void \
NAME##_block (float *acc, const uint32_t * const *src, \
    const int32_t * coefs, int ngroups, int q, int n, bool accumulate) \
{ \
  mvec_t a[PAIRS_ACC]; \
  \
  _Pragma ("GCC unroll 8") \
  for (int v = 0; v < n; v++) \
    a[v] = mzero (); \
  for (int p = 0; p < ngroups; p++) { \
    mvec_t c = mset1 (coefs[p]); \
    const uint32_t *s = src[p] + q; \
    \
    _Pragma ("GCC unroll 8") \
    for (int v = 0; v < n; v++) \
      a[v] = STEP (a[v], s + PAIR_LANES * v, c); \
  } \
  _Pragma ("GCC unroll 8") \
  for (int v = 0; v < n; v++) \
    pairs_store (acc + q + PAIR_LANES * v, a[v], accumulate); \
} \
\
ATTR static void \
NAME (float *restrict acc, const uint32_t * const *src, \
    const int32_t * coefs, int ngroups, int len, bool accumulate) \
{ \
  int q = 0; \
  \
  for (; q + PAIR_LANES * PAIRS_ACC <= len; q += PAIR_LANES * PAIRS_ACC) \
    NAME##_block (acc, src, coefs, ngroups, q, PAIRS_ACC, accumulate); \
  for (; q + PAIR_LANES <= len; q += PAIR_LANES) \
    NAME##_block (acc, src, coefs, ngroups, q, 1, accumulate); \
  for (; q < len; q++) { \
    int32_t s = 0; \
    \
    for (int p = 0; p < ngroups; p++) \
      s += LANE_SUM (src[p][q], coefs[p]); \
    acc[q] = accumulate ? acc[q] + (float) s : (float) s; \
  } \
}

/* Pairs: the low and high int16 halves of a lane and its coefficients. */
#define PAIR_SUM(x, c) \
  ((int16_t) (c) * (int16_t) (x) + ((c) >> 16) * (int16_t) ((x) >> 16))

GROUP_TAPS (taps_pairs, , pairs_step, PAIR_SUM)
#define TAPS_PAIRS taps_pairs

/* ---- Quads: the four unsigned bytes of a 32-bit lane (8-bit samples)
 * times the four signed bytes of its coefficients, the four products
 * (each exact in 16 bits) added into the lane.
 *
 * The tables' own: vpmaddubsw adds the products in pairs into int16 lanes
 * (saturating: exact while |c0| + |c1| <= 128, which coefficients within
 * +-64 ensure), vpmaddwd by ones adds the pairs into 32 bits. Two
 * instructions and an add per four taps, and half the loads of the
 * pairs. */
static inline mvec_t
quads_ubs_step (mvec_t a, const uint32_t * s, mvec_t c)
{
#if defined(__AVX512BW__)
  return _mm512_add_epi32 (a, _mm512_madd_epi16 (_mm512_maddubs_epi16
          (_mm512_loadu_si512 (s), c), _mm512_set1_epi16 (1)));
#else
  return _mm256_add_epi32 (a, _mm256_madd_epi16 (_mm256_maddubs_epi16
          (_mm256_loadu_si256 ((const __m256i *) s), c),
          _mm256_set1_epi16 (1)));
#endif
}

/* The -vnni tables': one vpdpbusd (AVX-512 VNNI; VL's for 256 bits)
 * makes the four products and their sum, any int8 coefficients. Built at
 * both x86 levels with VNNI as a target of its own, and taken only by the
 * -vnni tables (vc-simd-select.c), on CPUs that have it. */
#define VNNI_TARGET \
  __attribute__ ((target ("avx512f,avx512bw,avx512vl,avx512vnni")))

VNNI_TARGET static inline mvec_t
quads_step (mvec_t a, const uint32_t * s, mvec_t c)
{
#if defined(__AVX512BW__)
  return _mm512_dpbusd_epi32 (a, _mm512_loadu_si512 (s), c);
#else
  return _mm256_dpbusd_epi32 (a, _mm256_loadu_si256 ((const __m256i *) s),
      c);
#endif
}

static inline int32_t
quad_sum (uint32_t x, int32_t c)
{
  int32_t s = 0;

  for (int b = 0; b < 4; b++)
    s += (int8_t) (c >> 8 * b) * (int32_t) (x >> 8 * b & 0xff);
  return s;
}

GROUP_TAPS (taps_quads, , quads_ubs_step, quad_sum)
#define TAPS_QUADS taps_quads
#define QUADS_MAX_COEF 64
GROUP_TAPS (taps_quads_vnni, VNNI_TARGET, quads_step, quad_sum)
#define TAPS_QUADS_VNNI taps_quads_vnni
#else
#define TAPS_MADD NULL
#define TAPS_MADD_POW2_U8 NULL
#define TAPS_PAIRS NULL
#define TAPS_QUADS NULL
#define QUADS_MAX_COEF 0
#endif

static void
pair_i16 (uint32_t * restrict dst, const uint16_t * restrict src, int n,
    int d)
{
  int m = n - d > 0 ? n - d : 0;

  for (int j = 0; j < m; j++)
    dst[j] = src[j] | (uint32_t) src[j + d] << 16;
  for (int j = m; j < n; j++)
    dst[j] = src[j];
}

#if defined(__AVX2__)
/* Byte b of a quad: sample j + b d of the row. The quads are x86's (the
 * plain tables' vpmaddubsw and the -vnni tables' vpdpbusd alike). */
#define QUAD_BYTE(b) ((uint32_t) src[j + (b) * d] << 8 * (b))

static void
quad_u8 (uint32_t * restrict dst, const uint8_t * restrict src, int n,
    int d)
{
  /* 32 lanes a step where all four bytes lie in the row: the four rows of
   * bytes d apart interleaved (bytes, then byte pairs, each within the
   * 128-bit halves, which the stores put back in order). Then one loop
   * for the lanes whose four, three, two and one bytes lie in the row
   * (the rest 0), each vectorized. */
  int j = 0;

  for (; j + 32 + 3 * d <= n; j += 32) {
    __m256i a = _mm256_loadu_si256 ((const __m256i *) (src + j));
    __m256i b = _mm256_loadu_si256 ((const __m256i *) (src + j + d));
    __m256i c = _mm256_loadu_si256 ((const __m256i *) (src + j + 2 * d));
    __m256i e = _mm256_loadu_si256 ((const __m256i *) (src + j + 3 * d));
    __m256i ab0 = _mm256_unpacklo_epi8 (a, b), ab1 = _mm256_unpackhi_epi8 (a,
        b);
    __m256i ce0 = _mm256_unpacklo_epi8 (c, e), ce1 = _mm256_unpackhi_epi8 (c,
        e);
    /* Lanes 0-3 and 16-19, 4-7 and 20-23, 8-11 and 24-27, 12-15 and
     * 28-31. */
    __m256i q0 = _mm256_unpacklo_epi16 (ab0, ce0);
    __m256i q1 = _mm256_unpackhi_epi16 (ab0, ce0);
    __m256i q2 = _mm256_unpacklo_epi16 (ab1, ce1);
    __m256i q3 = _mm256_unpackhi_epi16 (ab1, ce1);

    _mm256_storeu_si256 ((__m256i *) (dst + j),
        _mm256_permute2x128_si256 (q0, q1, 0x20));
    _mm256_storeu_si256 ((__m256i *) (dst + j + 8),
        _mm256_permute2x128_si256 (q2, q3, 0x20));
    _mm256_storeu_si256 ((__m256i *) (dst + j + 16),
        _mm256_permute2x128_si256 (q0, q1, 0x31));
    _mm256_storeu_si256 ((__m256i *) (dst + j + 24),
        _mm256_permute2x128_si256 (q2, q3, 0x31));
  }
  for (; j < n - 3 * d; j++)
    dst[j] = QUAD_BYTE (0) | QUAD_BYTE (1) | QUAD_BYTE (2) | QUAD_BYTE (3);
  for (; j < n - 2 * d; j++)
    dst[j] = QUAD_BYTE (0) | QUAD_BYTE (1) | QUAD_BYTE (2);
  for (; j < n - d; j++)
    dst[j] = QUAD_BYTE (0) | QUAD_BYTE (1);
  for (; j < n; j++)
    dst[j] = QUAD_BYTE (0);
}
#define QUAD_U8 quad_u8
#else
#define QUAD_U8 NULL
#endif

#endif /* VC_SIMD_MADD_H */
