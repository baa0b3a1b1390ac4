/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tap loops of the tables for CPUs with AVX-512 VNNI (avx2-vnni and
 * avx512-vnni, vc-simd-select.c): the 32-bit integer taps of 8-bit
 * samples four at a time. Compiled with VNNI and AVX-512VL enabled: only
 * the loops are here, called only where the CPU has both (the tables are
 * filled in vc-simd-select.c, built for every CPU).
 *
 * vpdpbusd multiplies the four unsigned bytes of each 32-bit lane of one
 * operand by the four signed bytes of the same lane of the other and adds
 * the four products (each exact in 16 bits) to the lane: four taps per
 * instruction where vpmaddwd takes two, and the lane quads of a row are
 * the same four bytes a lane as the pairs of vc-simd-madd.h, so a sweep
 * loads half as many bytes per tap. The sums are the integers the pairs
 * and the float taps make (below 2^24 on the "-int" classes, exact in
 * int32 and in the float they are stored as). */
#include "vc-simd.h"

#include <immintrin.h>

/* Vectors of lanes per block, as taps_pairs. */
#define QUADS_ACC 8

/* The exact sum of lane q from the scalar tail. */
static inline float
quad_lane (const uint32_t * const *src, const int32_t * coef4, int nquads,
    int q, float prior)
{
  int32_t s = 0;

  for (int p = 0; p < nquads; p++)
    for (int k = 0; k < 4; k++)
      s += (int8_t) (coef4[p] >> 8 * k) * (int32_t) (src[p][q] >> 8 * k &
          0xff);
  return prior + (float) s;
}

#define QUADS_LOOP(NAME, VEC, LANES, ZERO, SET1, LOAD, DP, STORE_F) \
void \
NAME (float *restrict acc, const uint32_t * const *src, \
    const int32_t * coef4, int nquads, int len, bool accumulate) \
{ \
  int q = 0; \
  \
  for (; q + LANES <= len;) { \
    int n = q + LANES * QUADS_ACC <= len ? QUADS_ACC : 1; \
    VEC a[QUADS_ACC]; \
    \
    for (int v = 0; v < QUADS_ACC; v++) \
      a[v] = ZERO; \
    if (n == QUADS_ACC) { \
      for (int p = 0; p < nquads; p++) { \
        VEC c = SET1 (coef4[p]); \
        const uint32_t *s = src[p] + q; \
        \
        _Pragma ("GCC unroll 8") \
        for (int v = 0; v < QUADS_ACC; v++) \
          a[v] = DP (a[v], LOAD (s + LANES * v), c); \
      } \
    } else { \
      for (int p = 0; p < nquads; p++) \
        a[0] = DP (a[0], LOAD (src[p] + q), SET1 (coef4[p])); \
    } \
    for (int v = 0; v < n; v++, q += LANES) \
      STORE_F (acc + q, a[v], accumulate); \
  } \
  for (; q < len; q++) \
    acc[q] = quad_lane (src, coef4, nquads, q, accumulate ? acc[q] : 0.0f); \
}

static inline __m512i
load512 (const uint32_t * s)
{
  return _mm512_loadu_si512 (s);
}

static inline void
store512 (float *acc, __m512i a, bool accumulate)
{
  __m512 f = _mm512_cvtepi32_ps (a);

  if (accumulate)
    f = _mm512_add_ps (_mm512_loadu_ps (acc), f);
  _mm512_storeu_ps (acc, f);
}

static inline __m256i
load256 (const uint32_t * s)
{
  return _mm256_loadu_si256 ((const __m256i *) s);
}

static inline void
store256 (float *acc, __m256i a, bool accumulate)
{
  __m256 f = _mm256_cvtepi32_ps (a);

  if (accumulate)
    f = _mm256_add_ps (_mm256_loadu_ps (acc), f);
  _mm256_storeu_ps (acc, f);
}

QUADS_LOOP (vc_simd_taps_quads_512, __m512i, 16, _mm512_setzero_si512 (),
    _mm512_set1_epi32, load512, _mm512_dpbusd_epi32, store512)
QUADS_LOOP (vc_simd_taps_quads_256, __m256i, 8, _mm256_setzero_si256 (),
    _mm256_set1_epi32, load256, _mm256_dpbusd_epi32, store256)

/* Byte b of a quad: sample j + b d of the row. */
#define QB(b) ((uint32_t) (uint8_t) src[j + (b) * d] << 8 * (b))

void
vc_simd_quad_u8 (uint32_t * restrict dst, const uint16_t * restrict src, int n,
    int d)
{
  /* One loop for the lanes whose four, three, two and one bytes lie in
   * the row (the rest 0), each vectorized. */
  int j = 0;

  for (; j < n - 3 * d; j++)
    dst[j] = QB (0) | QB (1) | QB (2) | QB (3);
  for (; j < n - 2 * d; j++)
    dst[j] = QB (0) | QB (1) | QB (2);
  for (; j < n - d; j++)
    dst[j] = QB (0) | QB (1);
  for (; j < n; j++)
    dst[j] = QB (0);
}
