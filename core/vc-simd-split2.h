/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The stride-2 phase split fused into the load, included by vc-simd.c
 * alone (after its SPLIT2_BODY): the even and odd pixels of a run of
 * 8-bit samples straight into 16-bit lanes, without converting the whole
 * row first. Defines SPLIT2_U8_I16 for the table: AVX2 only, as elsewhere
 * the whole row's conversion and split2_i16 are vector loops already
 * (AVX-512BW, NEON) or the plain C one would not be faster (c). */
#ifndef VC_SIMD_SPLIT2_H
#define VC_SIMD_SPLIT2_H

#include "vc-simd-vec.h"

#if defined(__AVX2__) && !defined(__AVX512F__)
static void
split2_u8_i16_portable (uint16_t * restrict even, uint16_t * restrict odd,
    const uint8_t * restrict src, int n_even, int n_odd, int lanes)
{
  switch (lanes) {
    case 1: SPLIT2_BODY (uint16_t, 1) break;
    case 2: SPLIT2_BODY (uint16_t, 2) break;
    case 3: SPLIT2_BODY (uint16_t, 3) break;
    default: SPLIT2_BODY (uint16_t, 4) break;
  }
}

/* AVX2: each 128-bit half takes 2 P pixels of L bytes (16 bytes, or 12
 * for L = 3: P = 2) and one byte shuffle per phase widens the P pixels of
 * that phase into P L 16-bit lanes, the rest of the half zero. The halves
 * are stored one after the other, so with L = 3 each store writes 2 lanes
 * past its pixels, which the next store (or the tail) overwrites: the
 * loop stops where those lanes would leave the phase, and its reads stay
 * inside the n_even + n_odd pixels of src. */
static void
split2_u8_i16_vector (uint16_t * restrict even, uint16_t * restrict odd,
    const uint8_t * restrict src, int n_even, int n_odd, int lanes)
{
  const int P = lanes == 3 ? 2 : 8 / lanes, w = P * lanes;
  const int64_t total = (int64_t) (n_even + n_odd) * lanes;
  int8_t me[32], mo[32];
  __m256i se, so;
  int i = 0;

  for (int b = 0; b < 32; b++) {
    int word = b % 16 / 2, p = word / lanes, k = word % lanes;
    bool lo = b % 2 == 0 && word < w;

    me[b] = lo ? (int8_t) (2 * p * lanes + k) : -128;
    mo[b] = lo ? (int8_t) ((2 * p + 1) * lanes + k) : -128;
  }
  se = _mm256_loadu_si256 ((const __m256i *) me);
  so = _mm256_loadu_si256 ((const __m256i *) mo);
  for (; (int64_t) (i + P) * lanes + 8 <= (int64_t) n_odd * lanes &&
      (int64_t) (2 * i + 2 * P) * lanes + 16 <= total; i += 2 * P) {
    const uint8_t *s = src + (size_t) 2 * i * lanes;
    __m256i v = _mm256_inserti128_si256 (_mm256_castsi128_si256
        (_mm_loadu_si128 ((const __m128i *) s)),
        _mm_loadu_si128 ((const __m128i *) (s + 2 * w)), 1);
    __m256i e = _mm256_shuffle_epi8 (v, se), o = _mm256_shuffle_epi8 (v, so);
    uint16_t *de = even + (size_t) i * lanes, *dO = odd + (size_t) i * lanes;

    _mm_storeu_si128 ((__m128i *) de, _mm256_castsi256_si128 (e));
    _mm_storeu_si128 ((__m128i *) (de + w), _mm256_extracti128_si256 (e, 1));
    _mm_storeu_si128 ((__m128i *) dO, _mm256_castsi256_si128 (o));
    _mm_storeu_si128 ((__m128i *) (dO + w), _mm256_extracti128_si256 (o, 1));
  }
  if (i < n_even)
    split2_u8_i16_portable (even + (size_t) i * lanes,
        odd + (size_t) i * lanes, src + (size_t) 2 * i * lanes, n_even - i,
        n_odd - i, lanes);
}
#define SPLIT2_U8_I16 split2_u8_i16_vector
#else
#define SPLIT2_U8_I16 NULL
#endif

#endif /* VC_SIMD_SPLIT2_H */
