/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The vector layer of vc-simd.c and vc-simd-fused.c, included by them
 * alone: for each instruction set whose loops they write with intrinsics
 * (AVX-512BW, AVX2, NEON), the macros those loops are written in (VEC
 * floats per vec_t, IVEC 16-bit lanes per ivec_t) and the two steps of
 * the fused finish that differ between them. Where a level defines
 * neither VEC nor IVEC (the c level), vc-simd.c keeps its plain C loops.
 *
 * NEON is taken only where meson asks for it (VC_SIMD_NEON, the neon
 * level), not wherever the compiler has it: every AArch64 compiler does,
 * and the c level must stay plain C. */
#ifndef VC_SIMD_VEC_H
#define VC_SIMD_VEC_H

#include "vc-simd.h"

#include <stdlib.h>

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#elif defined(VC_SIMD_NEON)
#include <arm_neon.h>
#endif

#if defined(__AVX512F__)
#define VEC 16
#define vec_t __m512
#define vzero() _mm512_setzero_ps ()
#define vload(p) _mm512_loadu_ps (p)
#define vstore(p, v) _mm512_storeu_ps (p, v)
#define vset1(x) _mm512_set1_ps (x)
#define vfma(a, b, c) _mm512_fmadd_ps (a, b, c)
#elif defined(__AVX2__)
#define VEC 8
#define vec_t __m256
#define vzero() _mm256_setzero_ps ()
#define vload(p) _mm256_loadu_ps (p)
#define vstore(p, v) _mm256_storeu_ps (p, v)
#define vset1(x) _mm256_set1_ps (x)
#define vfma(a, b, c) _mm256_fmadd_ps (a, b, c)
#elif defined(VC_SIMD_NEON)
#define VEC 4
#define vec_t float32x4_t
#define vzero() vdupq_n_f32 (0.0f)
#define vload(p) vld1q_f32 (p)
#define vstore(p, v) vst1q_f32 (p, v)
#define vset1(x) vdupq_n_f32 (x)
#define vfma(a, b, c) vfmaq_f32 (c, a, b)
#endif

#if defined(__AVX512BW__)
#define IVEC 32
#define ivec_t __m512i
#define izero() _mm512_setzero_si512 ()
#define iload(p) _mm512_loadu_si512 ((const void *) (p))
#define istore(p, v) _mm512_storeu_si512 ((void *) (p), v)
#define iset1(x) _mm512_set1_epi16 (x)
#define iadd(a, b) _mm512_add_epi16 (a, b)
#define isub(a, b) _mm512_sub_epi16 (a, b)
#define imul(a, b) _mm512_mullo_epi16 (a, b)
#define iwiden(p) _mm512_cvtepu8_epi16 (_mm256_loadu_si256 ((const __m256i *) (p)))
#elif defined(__AVX2__)
#define IVEC 16
#define ivec_t __m256i
#define izero() _mm256_setzero_si256 ()
#define iload(p) _mm256_loadu_si256 ((const __m256i *) (p))
#define istore(p, v) _mm256_storeu_si256 ((__m256i *) (p), v)
#define iset1(x) _mm256_set1_epi16 (x)
#define iadd(a, b) _mm256_add_epi16 (a, b)
#define isub(a, b) _mm256_sub_epi16 (a, b)
#define imul(a, b) _mm256_mullo_epi16 (a, b)
#define iwiden(p) _mm256_cvtepu8_epi16 (_mm_loadu_si128 ((const __m128i *) (p)))
#elif defined(VC_SIMD_NEON)
#define IVEC 8
#define ivec_t uint16x8_t
#define izero() vdupq_n_u16 (0)
#define iload(p) vld1q_u16 (p)
#define istore(p, v) vst1q_u16 (p, v)
#define iset1(x) vdupq_n_u16 ((uint16_t) (x))
#define iadd(a, b) vaddq_u16 (a, b)
#define isub(a, b) vsubq_u16 (a, b)
#define imul(a, b) vmulq_u16 (a, b)
#define iwiden(p) vmovl_u8 (vld1_u8 (p))
#endif

#if defined(__AVX2__) && !defined(__AVX512BW__)
/* Byte b of the vector all ones where bit b of bits is set, else 0: the
 * mask of _mm256_blendv_epi8 (), AVX2's stand-in for byte-masked
 * stores. */
static inline __m256i
blend_mask (uint32_t bits)
{
  const __m256i byte_of = _mm256_setr_epi8 (0, 0, 0, 0, 0, 0, 0, 0,
      1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
  const __m256i bit = _mm256_set1_epi64x ((long long) 0x8040201008040201ull);
  __m256i x = _mm256_shuffle_epi8 (_mm256_set1_epi32 ((int) bits), byte_of);

  return _mm256_cmpeq_epi8 (_mm256_and_si256 (x, bit), bit);
}
#endif

/* The fused finish's shift count: in the low lane for SSE's shifts; for
 * NEON's, negated in every lane (a right shift by n is a left shift by
 * -n; by 16 or more, both give 0 or the sign, as C's shift of an int). */
#if defined(__AVX512BW__) || defined(__AVX2__)
#define ishift_t __m128i
#define ishift(n) _mm_cvtsi32_si128 (n)
#elif defined(VC_SIMD_NEON)
#define ishift_t int16x8_t
#define ishift(n) vdupq_n_s16 ((int16_t) -(n))
#endif

/* The unsigned steps of the fused finish's division (vc_div16 ()): the
 * high half of the product, a right shift by one or by an ishift_t, the
 * unsigned minimum, and the signed maximum with 0. */
#if defined(__AVX512BW__)
#define imulhi(a, b) _mm512_mulhi_epu16 (a, b)
#define isrl1(a) _mm512_srli_epi16 (a, 1)
#define isrl(a, n) _mm512_srl_epi16 (a, n)
#define iminu(a, b) _mm512_min_epu16 (a, b)
#define imax0(a) _mm512_max_epi16 (a, _mm512_setzero_si512 ())
#elif defined(__AVX2__)
#define imulhi(a, b) _mm256_mulhi_epu16 (a, b)
#define isrl1(a) _mm256_srli_epi16 (a, 1)
#define isrl(a, n) _mm256_srl_epi16 (a, n)
#define iminu(a, b) _mm256_min_epu16 (a, b)
#define imax0(a) _mm256_max_epi16 (a, _mm256_setzero_si256 ())
#elif defined(VC_SIMD_NEON)
/* The high halves of the 32-bit products: the odd 16-bit lanes. */
static inline uint16x8_t
imulhi (uint16x8_t a, uint16x8_t b)
{
  return vuzp2q_u16 (vreinterpretq_u16_u32 (vmull_u16 (vget_low_u16 (a),
              vget_low_u16 (b))), vreinterpretq_u16_u32 (vmull_high_u16 (a,
              b)));
}

#define isrl1(a) vshrq_n_u16 (a, 1)
#define isrl(a, n) vshlq_u16 (a, n)
#define iminu(a, b) vminq_u16 (a, b)
#define imax0(a) vreinterpretq_u16_s16 (vmaxq_s16 (vreinterpretq_s16_u16 \
        (a), vdupq_n_s16 (0)))
#endif

/* One output lane of the fused finish, for the tails. */
static inline uint8_t
fused_one (const VcFinish * f, uint16_t a)
{
  bool uns = f->fused == VC_FUSED_UNSIGNED ||
      f->fused == VC_FUSED_ABS_UNSIGNED;
  int v;

  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = (uint16_t) abs ((int16_t) a);
  a = (uint16_t) (a + f->bdh_i);
  /* A negative signed Y divides to 0 or less, which clamps to 0. */
  if (f->shift < 0)
    v = vc_div16 (uns || (int16_t) a >= 0 ? a : 0, f->div_m, f->div_s);
  else if (uns)
    v = a >> f->shift;
  else
    v = (int16_t) a >> f->shift;
  v = v < 0 ? 0 : v;
  return (uint8_t) (v > f->sample_max ? f->sample_max : v);
}

#ifdef IVEC
/* The fused finish's shift (the division's s where shift < 0) and the
 * division's m, for fused_vec (). */
#define fused_shift(f) ishift ((f)->shift >= 0 ? (f)->shift : (f)->div_s)
#define fused_m(f) iset1 ((short) (f)->div_m)

/* The fused finish's division of Y (y, 16 bits, read signed unless uns)
 * by d where shift < 0: vc_div16 () of max (Y, 0) on every lane, then
 * the clamp to max. */
static inline ivec_t
fused_div (ivec_t y, bool uns, ishift_t s, ivec_t m, ivec_t max)
{
  ivec_t t;

  if (!uns)
    y = imax0 (y);
  t = imulhi (y, m);
  return iminu (isrl (iadd (t, isrl1 (isub (y, t))), s), max);
}

/* The fused finish (fused_one () above) of one vector of sums. */
static inline ivec_t
fused_vec (const VcFinish * f, ivec_t a, ivec_t bdh, ishift_t shift,
    ivec_t m, ivec_t max)
{
  bool uns = f->fused == VC_FUSED_UNSIGNED ||
      f->fused == VC_FUSED_ABS_UNSIGNED;

#if IVEC == 32
  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = _mm512_abs_epi16 (a);
  a = _mm512_add_epi16 (a, bdh);
  if (f->shift < 0)
    return fused_div (a, uns, shift, m, max);
  if (uns)
    return _mm512_min_epu16 (_mm512_srl_epi16 (a, shift), max);
  a = _mm512_min_epi16 (_mm512_sra_epi16 (a, shift), max);
  return _mm512_max_epi16 (a, _mm512_setzero_si512 ());
#elif IVEC == 16
  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = _mm256_abs_epi16 (a);
  a = _mm256_add_epi16 (a, bdh);
  if (f->shift < 0)
    return fused_div (a, uns, shift, m, max);
  if (uns)
    return _mm256_min_epu16 (_mm256_srl_epi16 (a, shift), max);
  a = _mm256_min_epi16 (_mm256_sra_epi16 (a, shift), max);
  return _mm256_max_epi16 (a, _mm256_setzero_si256 ());
#else
  int16x8_t s;

  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = vreinterpretq_u16_s16 (vabsq_s16 (vreinterpretq_s16_u16 (a)));
  a = vaddq_u16 (a, bdh);
  if (f->shift < 0)
    return fused_div (a, uns, shift, m, max);
  if (uns)
    return vminq_u16 (vshlq_u16 (a, shift), max);
  s = vminq_s16 (vshlq_s16 (vreinterpretq_s16_u16 (a), shift),
      vreinterpretq_s16_u16 (max));
  return vreinterpretq_u16_s16 (vmaxq_s16 (s, vdupq_n_s16 (0)));
#endif
}

/* Two vectors of finished samples (all in [0, 255]) as bytes; with
 * AVX-512BW only the bytes set in mask (per 32) are written (the other
 * tables have no masked_stores: their mask is always ~0). */
static inline void
store_bytes (uint8_t * out, ivec_t v0, ivec_t v1, uint32_t mask)
{
#if IVEC == 32
  /* All bytes: one pack and one 64-byte store instead of two narrowing
   * stores. */
  if (mask == ~0u) {
    const __m512i order = _mm512_set_epi64 (7, 5, 3, 1, 6, 4, 2, 0);

    _mm512_storeu_si512 ((void *) out,
        _mm512_permutexvar_epi64 (order, _mm512_packus_epi16 (v0, v1)));
    return;
  }
  _mm256_mask_storeu_epi8 (out, mask, _mm512_cvtepi16_epi8 (v0));
  _mm256_mask_storeu_epi8 (out + 32, mask, _mm512_cvtepi16_epi8 (v1));
#elif IVEC == 16
  __m256i p = _mm256_permute4x64_epi64 (_mm256_packus_epi16 (v0, v1), 0xD8);
  _mm256_storeu_si256 ((__m256i *) out, p);
#else
  vst1q_u8 (out, vcombine_u8 (vmovn_u16 (v0), vmovn_u16 (v1)));
#endif
}
#endif /* IVEC */

#endif /* VC_SIMD_VEC_H */
