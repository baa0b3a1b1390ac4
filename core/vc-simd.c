/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths' inner loops, written once in plain C and compiled once
 * per level (meson passes -DVC_SIMD_NAME=c|avx2|avx512 with the matching
 * -m flags on x86-64, c|neon with -DVC_SIMD_NEON for the latter on
 * AArch64), so the compiler vectorizes them for each. The tap loops, the
 * hottest, are also written with intrinsics (through vc-simd-vec.h's
 * macros) where the level has them: they keep a block of accumulators in
 * registers across all the taps.
 *
 * Every loop here is exact on the fast paths' values (integers below
 * 2^24 in float); see vc-fast-kernel.c for why.
 */
#include "vc-simd.h"
#include "vc-simd-vec.h"
#include "vc-simd-fused.h"
#include "videoconvolve/convolve.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* floor () for values well inside the int range, by conversion: libm's
 * floor is a call on instruction sets without a rounding instruction,
 * which stops the vectorizer. */
static inline int
floor_f (float x)
{
  int t = (int) x;

  return t - (x < (float) t);
}

static inline int
floor_d (double x)
{
  int t = (int) x;

  return t - (x < (double) t);
}

#define CONCAT_(a, b) a ## b
#define CONCAT(a, b) CONCAT_ (a, b)
#define STRING_(a) #a
#define STRING(a) STRING_ (a)
#define TABLE CONCAT (vc_simd_, VC_SIMD_NAME)

/* One tap over the whole row: the portable form, which compilers
 * vectorize well; for float and for double lanes. */
#define TAPS_PORTABLE(T, name) \
static void \
name (T * restrict acc, const T * const *src, const T * coef, int ntaps, \
    int len, bool accumulate) \
{ \
  int t = 0; \
  if (!accumulate) { \
    const T *restrict s = src[0]; \
    const T c = coef[0]; \
    for (int q = 0; q < len; q++) \
      acc[q] = c * s[q]; \
    t = 1; \
  } \
  for (; t < ntaps; t++) { \
    const T *restrict s = src[t]; \
    const T c = coef[t]; \
    _Pragma ("GCC ivdep") \
    for (int q = 0; q < len; q++) \
      acc[q] += c * s[q]; \
  } \
}

TAPS_PORTABLE (float, taps_portable)
TAPS_PORTABLE (double, taps_f64)

/* Sample-to-lane conversions: a widening copy. */
#define LOAD_ROW(D, S, name) \
static void \
name (D * restrict dst, const S * restrict src, int n) \
{ \
  for (int i = 0; i < n; i++) \
    dst[i] = src[i]; \
}

LOAD_ROW (float, uint8_t, load_u8)
LOAD_ROW (float, uint16_t, load_u16)
LOAD_ROW (double, uint8_t, load_u8_f64)
LOAD_ROW (double, uint16_t, load_u16_f64)
LOAD_ROW (uint16_t, uint8_t, load_u8_i16)

#ifdef VEC
/* Four vectors of accumulators stay in registers while every tap is
 * added; the tail goes through the portable loop. */
static void
taps_vector (float *restrict acc, const float *const *src, const float *coef,
    int ntaps, int len, bool accumulate)
{
  const int block = 4 * VEC;
  int q = 0;

  for (; q + block <= len; q += block) {
    vec_t a0, a1, a2, a3;

    if (accumulate) {
      a0 = vload (acc + q);
      a1 = vload (acc + q + VEC);
      a2 = vload (acc + q + 2 * VEC);
      a3 = vload (acc + q + 3 * VEC);
    } else {
      a0 = a1 = a2 = a3 = vzero ();
    }
    for (int t = 0; t < ntaps; t++) {
      const float *s = src[t] + q;
      vec_t c = vset1 (coef[t]);

      a0 = vfma (c, vload (s), a0);
      a1 = vfma (c, vload (s + VEC), a1);
      a2 = vfma (c, vload (s + 2 * VEC), a2);
      a3 = vfma (c, vload (s + 3 * VEC), a3);
    }
    vstore (acc + q, a0);
    vstore (acc + q + VEC, a1);
    vstore (acc + q + 2 * VEC, a2);
    vstore (acc + q + 3 * VEC, a3);
  }
  if (q < len) {
    const float *tail[ntaps];

    for (int t = 0; t < ntaps; t++)
      tail[t] = src[t] + q;
    taps_portable (acc + q, tail, coef, ntaps, len - q, accumulate);
  }
}
#define TAPS taps_vector
#else
#define TAPS taps_portable
#endif


/* ---- 16-bit lanes: the same sums modulo 2^16 (vc-fast-finish.c proves the
 * final values fit). Products are taken in unsigned int: two uint16_t
 * promote to int, whose product can overflow (found by fuzz-core). */

static void
taps_i16_portable (uint16_t * restrict acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate)
{
  int t = 0;

  if (!accumulate) {
    const uint16_t *restrict s = src[0];
    const uint16_t c = (uint16_t) coef[0];

    for (int q = 0; q < len; q++)
      acc[q] = (uint16_t) ((unsigned) c * s[q]);
    t = 1;
  }
  for (; t < ntaps; t++) {
    const uint16_t *restrict s = src[t];
    const uint16_t c = (uint16_t) coef[t];

#pragma GCC ivdep
    for (int q = 0; q < len; q++)
      acc[q] = (uint16_t) (acc[q] + (unsigned) c * s[q]);
  }
}

#ifdef IVEC
/* Coefficients 1, -1, 2 and -2 (box, Gaussian and Sobel taps) are adds
 * and subtracts; the others a multiply. */
/* Where every coefficient is 1, -1, 2 or -2 (box, Gaussian and Sobel
 * passes) the taps are adds and subtracts; otherwise all multiply: a
 * branch per tap on mixed coefficients mispredicts and costs more than the
 * multiplies it saves (measured on dense 7x7 kernels). */
#define ITAP(a, c, x, cv) \
  (!special ? iadd (a, imul (cv, x)) : \
   (c) == 1 ? iadd (a, x) : (c) == -1 ? isub (a, x) : \
   (c) == 2 ? iadd (a, iadd (x, x)) : isub (a, iadd (x, x)))

static bool
all_special (const int16_t * coef, int ntaps)
{
  for (int t = 0; t < ntaps; t++)
    if (coef[t] != 1 && coef[t] != -1 && coef[t] != 2 && coef[t] != -2)
      return false;
  return true;
}

/* Accumulator vectors per block: 8 measured a little faster than 4 or 2
 * on dense kernels (bench/, AVX-512). */
#define VC_I16_ACC 8
static inline __attribute__ ((always_inline)) void
taps_i16_body (uint16_t * restrict acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate,
    const bool special)
{
  const int block = VC_I16_ACC * IVEC;
  int q = 0;

  for (; q + block <= len; q += block) {
    ivec_t a[VC_I16_ACC];

#pragma GCC unroll 16
    for (int v = 0; v < VC_I16_ACC; v++)
      a[v] = accumulate ? iload (acc + q + v * IVEC) : izero ();
    for (int t = 0; t < ntaps; t++) {
      const uint16_t *s = src[t] + q;
      const int c = coef[t];
      ivec_t cv = iset1 ((short) c);

#pragma GCC unroll 16
      for (int v = 0; v < VC_I16_ACC; v++)
        a[v] = ITAP (a[v], c, iload (s + v * IVEC), cv);
    }
#pragma GCC unroll 16
    for (int v = 0; v < VC_I16_ACC; v++)
      istore (acc + q + v * IVEC, a[v]);
  }
  if (q < len) {
    const uint16_t *tail[ntaps];

    for (int t = 0; t < ntaps; t++)
      tail[t] = src[t] + q;
    taps_i16_portable (acc + q, tail, coef, ntaps, len - q, accumulate);
  }
}

static void
taps_i16_vector (uint16_t * restrict acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate)
{
  if (all_special (coef, ntaps))
    taps_i16_body (acc, src, coef, ntaps, len, accumulate, true);
  else
    taps_i16_body (acc, src, coef, ntaps, len, accumulate, false);
}
#define TAPS_I16 taps_i16_vector

/* N vectors a[0] to a[N - 1] of 16-bit sums at lane q of every tap row
 * (src[t], of sample type T, read with LOAD), and the same sum for one
 * lane of a tail (modulo 2^16). */
#define TAPS16(N, T, LOAD) \
  for (int v = 0; v < N; v++) \
    a[v] = izero (); \
  for (int t = 0; t < ntaps; t++) { \
    const T *s = src[t] + q; \
    const int c = coef[t]; \
    ivec_t cv = iset1 ((short) c); \
    _Pragma ("GCC unroll 8") \
    for (int v = 0; v < N; v++) \
      a[v] = ITAP (a[v], c, LOAD (s + v * IVEC), cv); \
  }
#define DOT16(a) \
  for (int t = 0; t < ntaps; t++) \
    a = (uint16_t) (a + (unsigned) (uint16_t) coef[t] * src[t][q])

/* The column taps and the finish in one sweep: the accumulators never
 * leave the registers. */
static inline __attribute__ ((always_inline)) void
taps_i16_finish_body (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f,
    uint32_t mask, const bool special)
{
  const int block = 8 * IVEC;
  const ivec_t bdh = iset1 ((short) f->bdh_i);
  const ivec_t max = iset1 ((short) f->sample_max);
  const ishift_t shift = fused_shift (f);
  const ivec_t dm = fused_m (f);
  int q = 0;

  for (; q + block <= len; q += block) {
    ivec_t a[8];

    TAPS16 (8, uint16_t, iload);
    _Pragma ("GCC unroll 4")
    for (int v = 0; v < 8; v += 2)
      store_bytes (out + q + v * IVEC, fused_vec (f, a[v], bdh, shift, dm,
              max), fused_vec (f, a[v + 1], bdh, shift, dm, max), mask);
  }
  /* The lanes left by pairs of vectors; where every byte is written, the
   * last pair ends at len, over lanes already done (the same bytes
   * again); the rest one by one. */
  for (; q < len; q += 2 * IVEC) {
    ivec_t a[2];

    if (q + 2 * IVEC > len) {
      if (mask != ~0u || len < 2 * IVEC)
        break;
      q = len - 2 * IVEC;
    }
    TAPS16 (2, uint16_t, iload);
    store_bytes (out + q, fused_vec (f, a[0], bdh, shift, dm, max),
        fused_vec (f, a[1], bdh, shift, dm, max), mask);
  }
  for (; q < len; q++) {
    uint16_t a = 0;

    if (!(mask >> (q % 32) & 1))
      continue;
    DOT16 (a);
    out[q] = fused_one (f, a);
  }
}

static void
taps_i16_finish_vector (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f,
    uint32_t mask)
{
  if (all_special (coef, ntaps))
    taps_i16_finish_body (out, src, coef, ntaps, len, f, mask, true);
  else
    taps_i16_finish_body (out, src, coef, ntaps, len, f, mask, false);
}
#define TAPS_I16_FINISH taps_i16_finish_vector

/* Row taps from 8-bit samples: each load widened to 16-bit lanes. */
static inline __attribute__ ((always_inline)) void
taps_u8_i16_body (uint16_t * restrict acc, const uint8_t * const *src,
    const int16_t * coef, int ntaps, int len, const bool special)
{
  const int block = 4 * IVEC;
  int q = 0;

  for (; q + block <= len; q += block) {
    ivec_t a[4];

    TAPS16 (4, uint8_t, iwiden);
    for (int v = 0; v < 4; v++)
      istore (acc + q + v * IVEC, a[v]);
  }
  for (; q < len; q++) {
    uint16_t a = 0;

    DOT16 (a);
    acc[q] = a;
  }
}

static void
taps_u8_i16_vector (uint16_t * restrict acc, const uint8_t * const *src,
    const int16_t * coef, int ntaps, int len)
{
  if (all_special (coef, ntaps))
    taps_u8_i16_body (acc, src, coef, ntaps, len, true);
  else
    taps_u8_i16_body (acc, src, coef, ntaps, len, false);
}
#define TAPS_U8_I16 taps_u8_i16_vector
#else
#define TAPS_I16 taps_i16_portable
#define TAPS_I16_FINISH NULL
#define TAPS_U8_I16 NULL
#endif

#include "vc-simd-madd.h"

/* The true accumulator from its 16-bit lane. */
static inline int
lane_value (uint16_t v, int lo)
{
  return lo + (int) (uint16_t) (v - (uint16_t) lo);
}

/* Integer finish on 16-bit lanes. */
static void
finish_i16_u8 (const VcFinish * f, const uint16_t * restrict acc,
    const uint16_t * acc2, uint8_t * restrict out, int n)
{
  const int lo = f->lo[0], bdh = f->bdh_i, shift = f->shift;
  const int max = f->sample_max;
  const float inv_d = f->inv_d_f;

  /* One loop per case, so that each vectorizes without the others. */
#define FINISH_I16_LOOP(Y, V) \
  for (int i = 0; i < n; i++) { \
    int a = lane_value (acc[i], lo); \
    int y = (Y) + bdh; \
    int v = (V); \
    v = v < 0 ? 0 : v; \
    out[i] = (uint8_t) (v > max ? max : v); \
  }
  if (shift >= 0 && !f->absolute)
    FINISH_I16_LOOP (a, y >> shift)
  else if (shift >= 0)
    FINISH_I16_LOOP (abs (a), y >> shift)
  else if (!f->absolute)
    FINISH_I16_LOOP (a, floor_f (((float) y + 0.5f) * inv_d))
  else
    FINISH_I16_LOOP (abs (a), floor_f (((float) y + 0.5f) * inv_d))
#undef FINISH_I16_LOOP
}

/* Gradient magnitude, divisor 1, integer bias: round_half_away (sqrt (N))
 * is the largest r with r (r - 1) < N (0 for N = 0), found from a float
 * square root and corrected by one step in integers. */
static void
finish_mag_i16_u8 (const VcFinish * f, const uint16_t * restrict acc,
    const uint16_t * restrict acc2, uint8_t * restrict out, int n)
{
  const int lo0 = f->lo[0], lo1 = f->lo[1], bias = f->bdh_i;
  const int max = f->sample_max;

  for (int i = 0; i < n; i++) {
    int a = lane_value (acc[i], lo0), b = lane_value (acc2[i], lo1);
    int nn = a * a + b * b;
    int r = (int) (sqrtf ((float) nn) + 0.5f);
    int v;

    r -= (r >= 1 && r * (r - 1) >= nn);
    r += ((r + 1) * r < nn);
    v = r + bias;
    v = v < 0 ? 0 : v;
    out[i] = (uint8_t) (v > max ? max : v);
  }
}

/* Splits a row of pixels of L lanes into its even and odd pixels (the
 * phases of a horizontal stride of 2), with L a constant for the
 * vectorizer. n_even = n_odd or n_odd + 1. */
#define SPLIT2_BODY(T, L) \
  for (int i = 0; i < n_odd; i++) \
    for (int k = 0; k < (L); k++) { \
      even[i * (L) + k] = src[2 * i * (L) + k]; \
      odd[i * (L) + k] = src[(2 * i + 1) * (L) + k]; \
    } \
  for (int k = 0; k < (L) && n_even > n_odd; k++) \
    even[n_odd * (L) + k] = src[2 * n_odd * (L) + k];

#define SPLIT2(T, name) \
static void \
name (T * restrict even, T * restrict odd, const T * restrict src, \
    int n_even, int n_odd, int lanes) \
{ \
  switch (lanes) { \
    case 1: SPLIT2_BODY (T, 1) break; \
    case 2: SPLIT2_BODY (T, 2) break; \
    case 3: SPLIT2_BODY (T, 3) break; \
    default: SPLIT2_BODY (T, 4) break; \
  } \
}

SPLIT2 (uint16_t, split2_i16_portable)
SPLIT2 (float, split2_f32)
SPLIT2 (double, split2_f64)

#include "vc-simd-split2.h"

#if defined(__AVX512BW__)
/* The permutes' indices below for L lanes (1 to VC_MAX_COMPONENTS, the
 * caller's bound; a row per L, written out): entry j < take is
 * lane j % L of pixel j / L of a phase, the pixel 2 (j / L) (even) or
 * 2 (j / L) + 1 (odd) of the input; 0 past take. Constant tables, not
 * locals: AddressSanitizer's fake stack frames (detect_stack_use_after_
 * return) are not aligned for the 64-byte spills of a vector loaded from
 * a local. */
#define SPLIT2_IDX(L, ODD, J) \
  ((J) < 32 / (L) * (L) ? (J) / (L) * 2 * (L) + (ODD) * (L) + (J) % (L) : 0)
#define SPLIT2_IDX8(L, ODD, J) \
  SPLIT2_IDX (L, ODD, J), SPLIT2_IDX (L, ODD, J + 1), \
  SPLIT2_IDX (L, ODD, J + 2), SPLIT2_IDX (L, ODD, J + 3), \
  SPLIT2_IDX (L, ODD, J + 4), SPLIT2_IDX (L, ODD, J + 5), \
  SPLIT2_IDX (L, ODD, J + 6), SPLIT2_IDX (L, ODD, J + 7)
#define SPLIT2_IDX32(L, ODD) \
  { SPLIT2_IDX8 (L, ODD, 0), SPLIT2_IDX8 (L, ODD, 8), \
    SPLIT2_IDX8 (L, ODD, 16), SPLIT2_IDX8 (L, ODD, 24) }
#define SPLIT2_IDX_PAIR(L) { SPLIT2_IDX32 (L, 0), SPLIT2_IDX32 (L, 1) }

_Static_assert (VC_MAX_COMPONENTS == 4, "split2_idx has a row per L");
static const uint16_t split2_idx[VC_MAX_COMPONENTS][2][32] = {
  SPLIT2_IDX_PAIR (1), SPLIT2_IDX_PAIR (2), SPLIT2_IDX_PAIR (3),
  SPLIT2_IDX_PAIR (4)
};

/* 16-bit lanes with AVX-512BW: P = 32 / L whole pixels of each phase per
 * step, picked out of 2 P L input lanes (at most 64: two vectors) by one
 * two-source permute each; masked loads and stores keep every access
 * inside the rows. */
static void
split2_i16_vector (uint16_t * restrict even, uint16_t * restrict odd,
    const uint16_t * restrict src, int n_even, int n_odd, int lanes)
{
  const int P = 32 / lanes, take = P * lanes;
  const int64_t total = (int64_t) (n_even + n_odd) * lanes;
  const __mmask32 store = (__mmask32) ((1ull << take) - 1);
  const __m512i idx_e = _mm512_loadu_si512 (split2_idx[lanes - 1][0]);
  const __m512i idx_o = _mm512_loadu_si512 (split2_idx[lanes - 1][1]);
  int i = 0;

  for (; i + P <= n_odd; i += P) {
    const uint16_t *s = src + (size_t) i * 2 * lanes;
    int64_t left = total - (int64_t) i * 2 * lanes;
    __mmask32 m0 = left >= 32 ? ~0u : (__mmask32) ((1ull << left) - 1);
    __mmask32 m1 = left >= 64 ? ~0u : left <= 32 ? 0 :
        (__mmask32) ((1ull << (left - 32)) - 1);
    __m512i a = _mm512_maskz_loadu_epi16 (m0, s);
    __m512i b = _mm512_maskz_loadu_epi16 (m1, s + 32);

    _mm512_mask_storeu_epi16 (even + (size_t) i * lanes, store,
        _mm512_permutex2var_epi16 (a, idx_e, b));
    _mm512_mask_storeu_epi16 (odd + (size_t) i * lanes, store,
        _mm512_permutex2var_epi16 (a, idx_o, b));
  }
  if (i < n_even)
    split2_i16_portable (even + (size_t) i * lanes, odd + (size_t) i * lanes,
        src + (size_t) i * 2 * lanes, n_even - i, n_odd - i, lanes);
}
#define SPLIT2_I16 split2_i16_vector
#elif defined(VC_SIMD_NEON)
/* 16-bit lanes with NEON: 8 pixels of each phase per step. A structure
 * load (vldL) splits the L lanes of 8 pixels; of two of them (16 pixels),
 * uzp1 and uzp2 take each lane's even and odd pixels, and structure
 * stores interleave them again. Reads stay inside the first 2 n_odd
 * pixels, writes inside n_odd of each phase. */
#define SPLIT2_NEON(L) \
  for (; i + 8 <= n_odd; i += 8) { \
    const uint16_t *s = src + (size_t) i * 2 * (L); \
    uint16x8x##L##_t a = vld##L##q_u16 (s); \
    uint16x8x##L##_t b = vld##L##q_u16 (s + 8 * (L)); \
    uint16x8x##L##_t e, o; \
    for (int k = 0; k < (L); k++) { \
      e.val[k] = vuzp1q_u16 (a.val[k], b.val[k]); \
      o.val[k] = vuzp2q_u16 (a.val[k], b.val[k]); \
    } \
    vst##L##q_u16 (even + (size_t) i * (L), e); \
    vst##L##q_u16 (odd + (size_t) i * (L), o); \
  }

static void
split2_i16_neon (uint16_t * restrict even, uint16_t * restrict odd,
    const uint16_t * restrict src, int n_even, int n_odd, int lanes)
{
  int i = 0;

  switch (lanes) {
    case 1:
      for (; i + 8 <= n_odd; i += 8) {
        uint16x8x2_t v = vld2q_u16 (src + (size_t) i * 2);

        vst1q_u16 (even + i, v.val[0]);
        vst1q_u16 (odd + i, v.val[1]);
      }
      break;
    case 2:
      SPLIT2_NEON (2) break;
    case 3:
      SPLIT2_NEON (3) break;
    default:
      SPLIT2_NEON (4) break;
  }
  if (i < n_even)
    split2_i16_portable (even + (size_t) i * lanes, odd + (size_t) i * lanes,
        src + (size_t) i * 2 * lanes, n_even - i, n_odd - i, lanes);
}
#undef SPLIT2_NEON
#define SPLIT2_I16 split2_i16_neon
#else
#define SPLIT2_I16 split2_i16_portable
#endif

/* Strided copies with the step a constant for the vectorizer. */
#define STEPPED(body) \
  switch (step) { \
    case 2: { const int st = 2; body } break; \
    case 3: { const int st = 3; body } break; \
    case 4: { const int st = 4; body } break; \
    default: { const int st = step; body } break; \
  }

static void
gather_u8_i16_portable (uint16_t * restrict dst,
    const uint8_t * restrict src, int n, int step)
{
  STEPPED (for (int i = 0; i < n; i++) dst[i] = src[(size_t) i * st];)
}

static void
scatter_u8_portable (uint8_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  STEPPED (for (int i = 0; i < n; i++) dst[(size_t) i * st] = src[i];)
}

static void
gather_u8_portable (uint8_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  STEPPED (for (int i = 0; i < n; i++) dst[i] = src[(size_t) i * st];)
}

/* The vector gathers into bytes read whole pixels, up to step - 1 bytes
 * past a vector's last sample: each stops while a sample is left after
 * it (i + V < n), so that they stay before src[(n - 1) step]. */
#if defined(__AVX2__)
static void
gather_u8_vector (uint8_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  int i = 0;

  if (step == 2) {
    /* The low byte of each 16-bit lane, packed down; the pack works
     * within 128-bit halves: quarters 0 2 1 3. */
    const __m256i low = _mm256_set1_epi16 (0xff);

    for (; i + 32 < n; i += 32) {
      const uint8_t *q = src + (size_t) i * 2;
      __m256i a = _mm256_and_si256 (_mm256_loadu_si256 ((const __m256i *) q),
          low);
      __m256i b = _mm256_and_si256 (_mm256_loadu_si256 ((const __m256i *)
              (q + 32)), low);

      _mm256_storeu_si256 ((__m256i *) (dst + i),
          _mm256_permute4x64_epi64 (_mm256_packus_epi16 (a, b), 0xd8));
    }
  } else if (step == 3) {
    /* 16 samples from three 16-byte loads, a byte shuffle each. */
    const __m128i s0 = _mm_setr_epi8 (0, 3, 6, 9, 12, 15, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1);
    const __m128i s1 = _mm_setr_epi8 (-1, -1, -1, -1, -1, -1, 2, 5, 8, 11,
        14, -1, -1, -1, -1, -1);
    const __m128i s2 = _mm_setr_epi8 (-1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, 1, 4, 7, 10, 13);

    for (; i + 16 < n; i += 16) {
      const uint8_t *q = src + (size_t) i * 3;
      __m128i a = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) q),
          s0);
      __m128i b = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *)
              (q + 16)), s1);
      __m128i c = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *)
              (q + 32)), s2);

      _mm_storeu_si128 ((__m128i *) (dst + i), _mm_or_si128 (_mm_or_si128 (a,
                  b), c));
    }
  } else if (step == 4) {
    /* The low byte of each 32-bit lane, packed down. The packs work
     * within 128-bit halves: the eight 4-pixel runs come out in the order
     * 0 2 4 6 1 3 5 7, put back by `order`. */
    const __m256i low = _mm256_set1_epi32 (0xff);
    const __m256i order = _mm256_setr_epi32 (0, 4, 1, 5, 2, 6, 3, 7);

    for (; i + 32 < n; i += 32) {
      const uint8_t *q = src + (size_t) i * 4;
      __m256i v[4], w;

      for (int j = 0; j < 4; j++)
        v[j] = _mm256_and_si256 (_mm256_loadu_si256 ((const __m256i *) (q +
                    32 * j)), low);
      w = _mm256_packus_epi16 (_mm256_packus_epi32 (v[0], v[1]),
          _mm256_packus_epi32 (v[2], v[3]));
      _mm256_storeu_si256 ((__m256i *) (dst + i),
          _mm256_permutevar8x32_epi32 (w, order));
    }
  }
  gather_u8_portable (dst + i, src + (size_t) i * step, n - i, step);
}
#define GATHER_U8 gather_u8_vector
#elif defined(VC_SIMD_NEON)
/* A structure load (vldL) splits the L samples of 16 pixels; the first
 * is the one asked for. */
static void
gather_u8_vector (uint8_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  int i = 0;

  if (step == 2)
    for (; i + 16 < n; i += 16)
      vst1q_u8 (dst + i, vld2q_u8 (src + (size_t) i * 2).val[0]);
  else if (step == 3)
    for (; i + 16 < n; i += 16)
      vst1q_u8 (dst + i, vld3q_u8 (src + (size_t) i * 3).val[0]);
  else if (step == 4)
    for (; i + 16 < n; i += 16)
      vst1q_u8 (dst + i, vld4q_u8 (src + (size_t) i * 4).val[0]);
  gather_u8_portable (dst + i, src + (size_t) i * step, n - i, step);
}
#define GATHER_U8 gather_u8_vector
#else
#define GATHER_U8 gather_u8_portable
#endif

#if defined(__AVX2__)
/* Byte j of a 64-byte vector takes sample j / 3 of 16 (in every 128-bit
 * lane, from a copy of the 16 samples); the other bytes (j % 3 != 0) are
 * not stored. */
static const uint8_t spread3[64] = {
  0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 5,
  0, 0, 6, 0, 0, 7, 0, 0, 8, 0, 0, 9, 0, 0, 10, 0,
  0, 11, 0, 0, 12, 0, 0, 13, 0, 0, 14, 0, 0, 15, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};
#endif

#if defined(__AVX512BW__)
/* Steps 2 and 4 (one component of YUY2, UYVY, YVYU), with byte masks:
 * masked-off bytes are neither read nor written, so the vectors never
 * reach past the last sample. Step 3 (one component of RGB) in the
 * scatter: 16 samples to every third of 48 bytes. */
#define EVERY_2ND 0x5555555555555555ull
#define EVERY_4TH 0x1111111111111111ull
#define EVERY_3RD_OF_48 0x249249249249ull

static void
gather_u8_i16_vector (uint16_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  int i = 0;

  if (step == 2)
    for (; i + 32 <= n; i += 32)
      _mm512_storeu_si512 (dst + i, _mm512_maskz_loadu_epi8 (EVERY_2ND,
              src + (size_t) i * 2));
  else if (step == 4)
    for (; i + 16 <= n; i += 16)
      _mm256_storeu_si256 ((__m256i *) (dst + i),
          _mm512_cvtepi32_epi16 (_mm512_maskz_loadu_epi8 (EVERY_4TH,
                  src + (size_t) i * 4)));
  gather_u8_i16_portable (dst + i, src + (size_t) i * step, n - i, step);
}

static void
scatter_u8_vector (uint8_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  int i = 0;

  if (step == 2)
    for (; i + 32 <= n; i += 32)
      _mm512_mask_storeu_epi8 (dst + (size_t) i * 2, EVERY_2ND,
          _mm512_cvtepu8_epi16 (_mm256_loadu_si256 ((const __m256i *)
                  (src + i))));
  else if (step == 4)
    for (; i + 16 <= n; i += 16)
      _mm512_mask_storeu_epi8 (dst + (size_t) i * 4, EVERY_4TH,
          _mm512_cvtepu8_epi32 (_mm_loadu_si128 ((const __m128i *)
                  (src + i))));
  else if (step == 3) {
    const __m512i spread = _mm512_loadu_si512 (spread3);

    for (; i + 16 <= n; i += 16)
      _mm512_mask_storeu_epi8 (dst + (size_t) i * 3, EVERY_3RD_OF_48,
          _mm512_shuffle_epi8 (_mm512_broadcast_i32x4 (_mm_loadu_si128
                  ((const __m128i *) (src + i))), spread));
  }
  scatter_u8_portable (dst + (size_t) i * step, src + i, n - i, step);
}
#define GATHER_U8_I16 gather_u8_i16_vector
#define SCATTER_U8 scatter_u8_vector
#elif defined(__AVX2__)
/* AVX2 has no byte-masked stores: the scatter loads the bytes its
 * samples go to (a pixel's every byte) and stores them back blended, the
 * other components' bytes as it read them. So nothing may write those
 * in the same rows meanwhile: the element makes the components of a row
 * one after the other. Each loop stops while a sample is left after its
 * block, so that no byte past the last sample is touched. */
static void
scatter_u8_vector (uint8_t * restrict dst, const uint8_t * restrict src,
    int n, int step)
{
  int i = 0;

  if (step == 2) {
    const __m256i even = _mm256_set1_epi16 (0xff);

    for (; i + 16 < n; i += 16) {
      __m256i *d = (__m256i *) (dst + (size_t) i * 2);

      _mm256_storeu_si256 (d, _mm256_blendv_epi8 (_mm256_loadu_si256 (d),
              _mm256_cvtepu8_epi16 (_mm_loadu_si128 ((const __m128i *)
                      (src + i))), even));
    }
  } else if (step == 4) {
    const __m256i first = _mm256_set1_epi32 (0xff);

    for (; i + 8 < n; i += 8) {
      __m256i *d = (__m256i *) (dst + (size_t) i * 4);

      _mm256_storeu_si256 (d, _mm256_blendv_epi8 (_mm256_loadu_si256 (d),
              _mm256_cvtepu8_epi32 (_mm_loadl_epi64 ((const __m128i *)
                      (src + i))), first));
    }
  } else if (step == 3) {
    /* 16 samples to 48 bytes: the first 32 and the last 16. */
    const __m256i lo = _mm256_loadu_si256 ((const __m256i *) spread3);
    const __m128i hi = _mm_loadu_si128 ((const __m128i *) (spread3 + 32));
    const __m256i lo_mask = _mm256_setr_epi8 (-1, 0, 0, -1, 0, 0, -1, 0, 0,
        -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0,
        -1, 0);
    const __m128i hi_mask = _mm_setr_epi8 (0, -1, 0, 0, -1, 0, 0, -1, 0, 0,
        -1, 0, 0, -1, 0, 0);

    for (; i + 16 < n; i += 16) {
      uint8_t *d = dst + (size_t) i * 3;
      __m128i x = _mm_loadu_si128 ((const __m128i *) (src + i));

      _mm256_storeu_si256 ((__m256i *) d,
          _mm256_blendv_epi8 (_mm256_loadu_si256 ((const __m256i *) d),
              _mm256_shuffle_epi8 (_mm256_broadcastsi128_si256 (x), lo),
              lo_mask));
      _mm_storeu_si128 ((__m128i *) (d + 32),
          _mm_blendv_epi8 (_mm_loadu_si128 ((const __m128i *) (d + 32)),
              _mm_shuffle_epi8 (x, hi), hi_mask));
    }
  }
  scatter_u8_portable (dst + (size_t) i * step, src + i, n - i, step);
}
#define GATHER_U8_I16 gather_u8_i16_portable
#define SCATTER_U8 scatter_u8_vector
#else
#define GATHER_U8_I16 gather_u8_i16_portable
#define SCATTER_U8 scatter_u8_portable
#endif

/* Copies the described components of each pixel; the other samples of
 * dst stay untouched. */
static void
store_lanes_portable (void *dst, const void *src, int n, int lanes,
    int offset, int components, int sample_bytes)
{
  if (sample_bytes == 2) {
    uint16_t *d = (uint16_t *) dst + offset;
    const uint16_t *s = (const uint16_t *) src + offset;

    for (int j = 0; j < n; j++)
      for (int k = 0; k < components; k++)
        d[(size_t) j * lanes + k] = s[(size_t) j * lanes + k];
  } else {
    uint8_t *d = (uint8_t *) dst + offset;
    const uint8_t *s = (const uint8_t *) src + offset;

    for (int j = 0; j < n; j++)
      for (int k = 0; k < components; k++)
        d[(size_t) j * lanes + k] = s[(size_t) j * lanes + k];
  }
}

#if defined(__AVX512BW__)
/* Byte-masked stores: whole pixels per 64-byte vector, the mask set on
 * the described components only, so other samples are never written. */
static void
store_lanes_masked (void *dst, const void *src, int n, int lanes,
    int offset, int components, int sample_bytes)
{
  int pixel_bytes = lanes * sample_bytes;
  int per = 64 / pixel_bytes;   /* whole pixels per vector */
  uint64_t mask = 0;
  int j = 0;

  for (int p = 0; p < per; p++)
    for (int b = offset * sample_bytes;
        b < (offset + components) * sample_bytes; b++)
      mask |= 1ull << (p * pixel_bytes + b);
  for (; j + per <= n; j += per) {
    size_t at = (size_t) j * pixel_bytes;
    __m512i v = _mm512_maskz_loadu_epi8 (mask, (const uint8_t *) src + at);

    _mm512_mask_storeu_epi8 ((uint8_t *) dst + at, mask, v);
  }
  if (j < n)
    store_lanes_portable ((uint8_t *) dst + (size_t) j * pixel_bytes,
        (const uint8_t *) src + (size_t) j * pixel_bytes, n - j, lanes,
        offset, components, sample_bytes);
}
#define STORE_LANES store_lanes_masked
#define MASKED_STORES true
#elif defined(__AVX2__)
/* Without byte-masked stores: whole pixels per 32-byte vector, blended
 * into what dst holds, the other samples stored back as read (see the
 * AVX2 scatter above for why that is safe). Pixels of 1, 2 or 4 samples
 * (a period that divides 32); a vector is stored while a pixel is left
 * after it, so that no byte past the last pixel's described samples is
 * touched. */
static void
store_lanes_blend (void *dst, const void *src, int n, int lanes,
    int offset, int components, int sample_bytes)
{
  int pixel_bytes = lanes * sample_bytes;
  int per = 32 / pixel_bytes, j = 0;

  if (32 % pixel_bytes == 0) {
    const __m256i mask = blend_mask (vc_run_mask (pixel_bytes,
            offset * sample_bytes, components * sample_bytes));

    for (; j + per < n; j += per) {
      size_t at = (size_t) j * pixel_bytes;
      __m256i *d = (__m256i *) ((uint8_t *) dst + at);

      _mm256_storeu_si256 (d, _mm256_blendv_epi8 (_mm256_loadu_si256 (d),
              _mm256_loadu_si256 ((const __m256i *) ((const uint8_t *) src +
                      at)), mask));
    }
  }
  store_lanes_portable ((uint8_t *) dst + (size_t) j * pixel_bytes,
      (const uint8_t *) src + (size_t) j * pixel_bytes, n - j, lanes,
      offset, components, sample_bytes);
}
#define STORE_LANES store_lanes_blend
#define MASKED_STORES false
#else
#define STORE_LANES store_lanes_portable
#define MASKED_STORES false
#endif


/* Integer finish, D a power of two: all in float, exact because every
 * intermediate is an integer below 2^24 and inv_d a power of two. */
#define FINISH_POW2(T, name) \
static void \
name (const VcFinish * f, const float *restrict acc, const float *acc2, \
    T * restrict out, int n) \
{ \
  const float bdh = f->bdh_f, inv_d = f->inv_d_f; \
  const int max = f->sample_max; \
  if (f->absolute) { \
    for (int i = 0; i < n; i++) { \
      int v = floor_f ((fabsf (acc[i]) + bdh) * inv_d); \
      v = v < 0 ? 0 : v; \
      out[i] = (T) (v > max ? max : v); \
    } \
  } else { \
    for (int i = 0; i < n; i++) { \
      int v = floor_f ((acc[i] + bdh) * inv_d); \
      v = v < 0 ? 0 : v; \
      out[i] = (T) (v > max ? max : v); \
    } \
  } \
}

/* Integer finish, any D: Y = X + floor (D / 2) in 32-bit integers (A is
 * an integer, exact in float) and floor (Y / D) by vc_div32 (); or, where
 * the plan has no div32_m, floor ((Y + 0.5) / D) in double: the true
 * quotient is at least 0.5 / D away from an integer, far more than the
 * error of multiplying by a rounded 1 / D. */

/* div32_finish (): DIV32_LOOP () on the W / 32 lanes of one vector from
 * acc, clamped to max, for W of 256 or 512 bits. |A| is taken after the
 * truncation, which is the same as before it; vc_div32 () runs on the
 * even lanes' and the odd lanes' 64-bit products, each quotient below
 * 2^30 in its product's low half. */
#define DIV32_FINISH(W) \
static inline __m##W##i \
div32_finish (const VcFinish * f, const float *acc, bool absolute) \
{ \
  __m##W##i y = _mm##W##_cvttps_epi32 (_mm##W##_loadu_ps (acc)); \
  __m##W##i m = _mm##W##_set1_epi32 ((int) f->div32_m), e, o; \
  __m128i k = _mm_cvtsi32_si128 (f->div32_k); \
  if (absolute) \
    y = _mm##W##_abs_epi32 (y); \
  y = _mm##W##_max_epi32 (_mm##W##_add_epi32 (y, \
          _mm##W##_set1_epi32 (f->bdh_i)), _mm##W##_setzero_si##W ()); \
  e = _mm##W##_srl_epi64 (_mm##W##_mul_epu32 (y, m), k); \
  o = _mm##W##_srl_epi64 (_mm##W##_mul_epu32 (_mm##W##_srli_epi64 (y, \
              32), m), k); \
  return _mm##W##_min_epu32 (_mm##W##_or_si##W (e, \
          _mm##W##_slli_epi64 (o, 32)), _mm##W##_set1_epi32 (f->sample_max)); \
}

#if defined(__AVX512BW__)
DIV32_FINISH (512)
/* The first n - n % 16 lanes of DIV32_LOOP (), samples of `bytes`
 * bytes; returns how many. */
static inline int
div32_vector (const VcFinish * f, const float *acc, void *out, int n,
    int bytes, bool absolute)
{
  int i = 0;

  for (; i + 16 <= n; i += 16) {
    __m512i v = div32_finish (f, acc + i, absolute);

    if (bytes == 2)
      _mm256_storeu_si256 ((__m256i *) ((uint16_t *) out + i),
          _mm512_cvtepi32_epi16 (v));
    else
      _mm_storeu_si128 ((__m128i *) ((uint8_t *) out + i),
          _mm512_cvtepi32_epi8 (v));
  }
  return i;
}
#elif defined(__AVX2__)
DIV32_FINISH (256)
/* The same from two vectors of eight lanes. */
static inline int
div32_vector (const VcFinish * f, const float *acc, void *out, int n,
    int bytes, bool absolute)
{
  int i = 0;

  for (; i + 16 <= n; i += 16) {
    __m256i w = _mm256_permute4x64_epi64 (_mm256_packus_epi32
        (div32_finish (f, acc + i, absolute),
            div32_finish (f, acc + i + 8, absolute)), 0xD8);

    if (bytes == 2)
      _mm256_storeu_si256 ((__m256i *) ((uint16_t *) out + i), w);
    else
      _mm_storeu_si128 ((__m128i *) ((uint8_t *) out + i),
          _mm_packus_epi16 (_mm256_castsi256_si128 (w),
              _mm256_extracti128_si256 (w, 1)));
  }
  return i;
}
#endif
#if defined(__AVX2__)
#define DIV32_VECTOR(T, absolute) \
  i = div32_vector (f, acc, out, n, (int) sizeof (T), absolute);
#else
#define DIV32_VECTOR(T, absolute)
#endif

#define DIV32_LOOP(T, ABS, absolute) \
  int i = 0; \
  DIV32_VECTOR (T, absolute) \
  for (; i < n; i++) { \
    int y = (int) (ABS (acc[i])) + bdh_i; \
    uint32_t v = vc_div32 ((uint32_t) (y > 0 ? y : 0), m, k); \
    out[i] = (T) (v > (uint32_t) max ? (uint32_t) max : v); \
  }
#define NO_ABS(x) (x)
#define FINISH_DIV(T, name) \
static void \
name (const VcFinish * f, const float *restrict acc, const float *acc2, \
    T * restrict out, int n) \
{ \
  const double bdh = f->bdh, inv_d = f->inv_d; \
  const int max = f->sample_max, bdh_i = f->bdh_i, k = f->div32_k; \
  const uint32_t m = f->div32_m; \
  if (m != 0 && f->absolute) { \
    DIV32_LOOP (T, fabsf, true) \
    return; \
  } \
  if (m != 0) { \
    DIV32_LOOP (T, NO_ABS, false) \
    return; \
  } \
  for (int i = 0; i < n; i++) { \
    double a = f->absolute ? fabs ((double) acc[i]) : (double) acc[i]; \
    int v = floor_d ((a + bdh) * inv_d); \
    v = v < 0 ? 0 : v; \
    out[i] = (T) (v > max ? max : v); \
  } \
}

/* Round half away from zero, as round () does, in a form that
 * vectorizes: v - trunc (v) is exact. Where trunc () is an instruction
 * (SSE4.1 and later) this is branch-free; on the baseline it is a call,
 * so there v is first brought into [-2^30, 2^30] and truncated by a
 * conversion (which changes nothing after the clamp to the sample range;
 * v is never NaN here: finite sums, a finite non-zero divisor). */
static inline double
round_half_away (double v)
{
  double t, r;

#if defined(__SSE4_1__) || !defined(__x86_64__)
  t = trunc (v);
#else
  v = v >= -1073741824.0 ? v : -1073741824.0;
  v = v <= 1073741824.0 ? v : 1073741824.0;
  t = (double) (int) v;
#endif
  r = v - t;
  return t + (r >= 0.5 ? 1.0 : 0.0) - (r <= -0.5 ? 1.0 : 0.0);
}

/* The reference's finish, operation for operation, on the reference's
 * own accumulator values (acc * scale is exactly the reference's acc).
 * mag and absolute are constants where it is inlined, so each of the four
 * loops below is free of branches and vectorizes. */
static inline double
ref_one (double a, double b, bool mag, bool absolute, double divisor,
    double bias, double center, double max)
{
  double v = mag ? sqrt (a * a + b * b) : a;

  v /= divisor;
  if (absolute)
    v = fabs (v);
  v = round_half_away ((v + bias) + center);
  return v > max ? max : v >= 0.0 ? v : 0.0;
}

#define REF_LOOPS(T, A, B) \
  const double scale = f->scale, divisor = f->divisor, bias = f->bias; \
  const double max = f->sample_max, sub = f->sub, center = f->center; \
  if (acc2 && f->absolute) \
    for (int i = 0; i < n; i++) \
      out[i] = (T) ref_one (A, B, true, true, divisor, bias, center, max); \
  else if (acc2) \
    for (int i = 0; i < n; i++) \
      out[i] = (T) ref_one (A, B, true, false, divisor, bias, center, max); \
  else if (f->absolute) \
    for (int i = 0; i < n; i++) \
      out[i] = (T) ref_one ((A) - sub, 0.0, false, true, divisor, bias, \
          center, max); \
  else \
    for (int i = 0; i < n; i++) \
      out[i] = (T) ref_one ((A) - sub, 0.0, false, false, divisor, bias, \
          center, max);

#define FINISH_REF(T, name) \
static void \
name (const VcFinish * f, const float *restrict acc, const float *acc2, \
    T * restrict out, int n) \
{ \
  REF_LOOPS (T, (double) acc[i] * scale, (double) acc2[i] * scale) \
}

/* The reference finish on 64-bit float lanes. */
#define FINISH_REF_F64(T, name) \
static void \
name (const VcFinish * f, const double *restrict acc, const double *acc2, \
    T * restrict out, int n) \
{ \
  REF_LOOPS (T, acc[i] * scale, acc2[i] * scale) \
}

FINISH_REF_F64 (uint8_t, finish_ref_f64_u8)
FINISH_REF_F64 (uint16_t, finish_ref_f64_u16)

/* The reference finish on 16-bit lanes (their true values). */
static void
finish_ref_i16_u8 (const VcFinish * f, const uint16_t * restrict acc,
    const uint16_t * acc2, uint8_t * restrict out, int n)
{
  const int lo0 = f->lo[0], lo1 = f->lo[1];

  REF_LOOPS (uint8_t, (double) lane_value (acc[i], lo0) * scale,
      (double) lane_value (acc2[i], lo1) * scale)
}

FINISH_POW2 (uint8_t, finish_pow2_u8)
FINISH_POW2 (uint16_t, finish_pow2_u16)
FINISH_DIV (uint8_t, finish_div_u8)
FINISH_DIV (uint16_t, finish_div_u16)
FINISH_REF (uint8_t, finish_ref_u8)
FINISH_REF (uint16_t, finish_ref_u16)

const VcSimd TABLE = {
  .name = STRING (VC_SIMD_NAME),
#if defined(__AVX512BW__)
  .x86_bits = 512,
#elif defined(__AVX2__)
  .x86_bits = 256,
#endif
  .taps = TAPS,
  .load_u8 = load_u8,
  .load_u16 = load_u16,
  .finish_pow2_u8 = finish_pow2_u8,
  .finish_div_u8 = finish_div_u8,
  .finish_pow2_u16 = finish_pow2_u16,
  .finish_div_u16 = finish_div_u16,
  .finish_ref_u8 = finish_ref_u8,
  .finish_ref_u16 = finish_ref_u16,
  .taps_i16 = TAPS_I16,
  .load_u8_i16 = load_u8_i16,
  .finish_i16_u8 = finish_i16_u8,
  .finish_ref_i16_u8 = finish_ref_i16_u8,
  .finish_mag_i16_u8 = finish_mag_i16_u8,
  .store_lanes = STORE_LANES,
  .taps_i16_finish = TAPS_I16_FINISH,
  .taps_u8_i16 = TAPS_U8_I16,
  .taps_madd = TAPS_MADD,
  .taps_madd_pow2_u8 = TAPS_MADD_POW2_U8,
  .taps_pairs = TAPS_PAIRS,
  .pair_i16 = pair_i16,
  .taps_quads = TAPS_QUADS,
  .quads_max_coef = QUADS_MAX_COEF,
  .quad_u8 = QUAD_U8,
  .masked_stores = MASKED_STORES,
  .split2_i16 = SPLIT2_I16,
  .split2_u8_i16 = SPLIT2_U8_I16,
  .gather_u8_i16 = GATHER_U8_I16,
  .scatter_u8 = SCATTER_U8,
  .gather_u8 = GATHER_U8,
  .split2_f32 = split2_f32,
  .taps_f64 = taps_f64,
  .load_u8_f64 = load_u8_f64,
  .load_u16_f64 = load_u16_f64,
  .finish_ref_f64_u8 = finish_ref_f64_u8,
  .finish_ref_f64_u16 = finish_ref_f64_u16,
  .split2_f64 = split2_f64,
  .fused_vpass = VC_FUSED_VPASS,
  .fused_hpass = VC_FUSED_HPASS,
};

#ifdef TAPS_QUADS_VNNI
/* The entry the -vnni copies of this table take (vc-simd-select.c). */
const VcSimdVnni CONCAT (TABLE, _vnni) = {
  .taps_quads = TAPS_QUADS_VNNI,
};
#endif
