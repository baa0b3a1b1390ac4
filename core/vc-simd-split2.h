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

/* Three lanes (RGB, BGR), 32 pixels a turn: each 16 bytes of the even
 * (h = 0) or odd (h = 1) pixels' samples, chunk c of 3, are picked out
 * of the 32 source bytes from 31 c + 2 h on (sample m of the chunk,
 * m = 16 c + j, is byte 6 (m / 3) + 3 h + m % 3 of the turn's 96) by one
 * byte shuffle, each 128-bit half taking the bytes that lie in it (the
 * others zero), the halves or'd, then widened into 16 lanes. */
#define S3_AT(h, c, j) \
  (6 * ((16 * (c) + (j) % 16) / 3) + 3 * (h) + (16 * (c) + (j) % 16) % 3 - \
      31 * (c) - 2 * (h))
#define S3_BYTE(h, c, j) \
  (int8_t) (S3_AT (h, c, j) / 16 == (j) / 16 ? S3_AT (h, c, j) % 16 : -128)
#define S3_4(h, c, j) \
  S3_BYTE (h, c, j), S3_BYTE (h, c, j + 1), S3_BYTE (h, c, j + 2), \
  S3_BYTE (h, c, j + 3)
#define S3_MASK(h, c) \
  { S3_4 (h, c, 0), S3_4 (h, c, 4), S3_4 (h, c, 8), S3_4 (h, c, 12), \
    S3_4 (h, c, 16), S3_4 (h, c, 20), S3_4 (h, c, 24), S3_4 (h, c, 28) }

static const int8_t split3_masks[2][3][32] __attribute__ ((aligned (32))) = {
  {S3_MASK (0, 0), S3_MASK (0, 1), S3_MASK (0, 2)},
  {S3_MASK (1, 0), S3_MASK (1, 1), S3_MASK (1, 2)},
};

/* One turn: 16 pixels of each phase from the 96 bytes at s. */
static inline __attribute__ ((always_inline)) void
split3_turn (uint16_t * restrict even, uint16_t * restrict odd,
    const uint8_t * restrict s, const __m256i m[2][3])
{
  uint16_t *dst[2] = { even, odd };

  for (int h = 0; h < 2; h++)
    for (int c = 0; c < 3; c++) {
      __m256i v = _mm256_shuffle_epi8 (_mm256_loadu_si256 ((const __m256i *)
              (s + 31 * c + 2 * h)), m[h][c]);
      __m128i b = _mm_or_si128 (_mm256_castsi256_si128 (v),
          _mm256_extracti128_si256 (v, 1));

      _mm256_storeu_si256 ((__m256i *) (dst[h] + 16 * c),
          _mm256_cvtepu8_epi16 (b));
    }
}

/* The pixels of both phases up to n_odd, where n_odd >= 16: 16 a turn,
 * the last turn moved back to end at n_odd (rewriting the same values).
 * Reads src[0, 6 n_odd), writes 3 n_odd lanes of each phase. */
static void
split2_u8_i16_rgb (uint16_t * restrict even, uint16_t * restrict odd,
    const uint8_t * restrict src, int n_odd)
{
  __m256i m[2][3];

  for (int h = 0; h < 2; h++)
    for (int c = 0; c < 3; c++)
      m[h][c] = _mm256_load_si256 ((const __m256i *) split3_masks[h][c]);
  for (int i = 0; i < n_odd; i += 16) {
    i = i + 16 <= n_odd ? i : n_odd - 16;
    split3_turn (even + (size_t) 3 * i, odd + (size_t) 3 * i,
        src + (size_t) 6 * i, m);
  }
}

/* AVX2: each 128-bit half takes 2 P pixels of L bytes (16 bytes, or 12
 * for L = 3: P = 2) and one byte shuffle per phase widens the P pixels of
 * that phase into P L 16-bit lanes, the rest of the half zero. The halves
 * are stored one after the other, so with L = 3 each store writes 2 lanes
 * past its pixels, which the next store (or the tail) overwrites: the
 * loop stops where those lanes would leave the phase, and its reads stay
 * inside the n_even + n_odd pixels of src. */
static int
split2_u8_i16_halves (uint16_t * restrict even, uint16_t * restrict odd,
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
  return i;
}

/* Three lanes from 16 pixels a phase on in turns of 32 pixels, else in
 * halves; the rest (at most the last even pixel after the turns) in
 * plain C. */
static void
split2_u8_i16_vector (uint16_t * restrict even, uint16_t * restrict odd,
    const uint8_t * restrict src, int n_even, int n_odd, int lanes)
{
  int i;

  if (lanes == 3 && n_odd >= 16) {
    split2_u8_i16_rgb (even, odd, src, n_odd);
    i = n_odd;
  } else
    i = split2_u8_i16_halves (even, odd, src, n_even, n_odd, lanes);
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
