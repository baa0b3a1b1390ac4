/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The vector layer of vc-simd.c, included by it alone: for each
 * instruction set whose loops vc-simd.c writes with intrinsics, the
 * macros those loops are written in (VEC floats per vec_t, IVEC 16-bit
 * lanes per ivec_t) and the two steps of the fused finish that differ
 * between them. Where a level defines neither VEC nor IVEC, vc-simd.c
 * keeps its plain C loops. */
#ifndef VC_SIMD_VEC_H
#define VC_SIMD_VEC_H

#include "vc-simd.h"

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
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
#endif

#ifdef IVEC
/* The fused finish (fused_one () in vc-simd.c) of one vector of sums. */
static inline ivec_t
fused_vec (const VcFinish * f, ivec_t a, ivec_t bdh, __m128i shift,
    ivec_t max)
{
  bool uns = f->fused == VC_FUSED_UNSIGNED ||
      f->fused == VC_FUSED_ABS_UNSIGNED;

#if IVEC == 32
  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = _mm512_abs_epi16 (a);
  a = _mm512_add_epi16 (a, bdh);
  if (uns)
    return _mm512_min_epu16 (_mm512_srl_epi16 (a, shift), max);
  a = _mm512_min_epi16 (_mm512_sra_epi16 (a, shift), max);
  return _mm512_max_epi16 (a, _mm512_setzero_si512 ());
#else
  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = _mm256_abs_epi16 (a);
  a = _mm256_add_epi16 (a, bdh);
  if (uns)
    return _mm256_min_epu16 (_mm256_srl_epi16 (a, shift), max);
  a = _mm256_min_epi16 (_mm256_sra_epi16 (a, shift), max);
  return _mm256_max_epi16 (a, _mm256_setzero_si256 ());
#endif
}

/* Two vectors of finished samples (all in [0, 255]) as bytes; with
 * AVX-512BW only the bytes set in mask (per 32) are written. */
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
#else
  __m256i p = _mm256_permute4x64_epi64 (_mm256_packus_epi16 (v0, v1), 0xD8);
  _mm256_storeu_si256 ((__m256i *) out, p);
#endif
}
#endif /* IVEC */

#endif /* VC_SIMD_VEC_H */
