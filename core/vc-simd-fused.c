/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The inner loops of the fused separable path (vc-fast-fused.c), compiled
 * once per level as vc-simd.c is (meson passes the same -DVC_SIMD_NAME and
 * -m flags); vc-simd.c's tables point at them.
 *
 * Two loops, each a 16-bit tap sum modulo 2^16 like taps_u8_i16 and
 * taps_i16_finish (see vc-fast-finish.c for why that is exact), but with
 * the tap count a constant for the common sizes (3, 5 and 7: the taps and
 * their coefficients then sit in registers, without a loop per block):
 *
 *   vpass   the column taps straight from 8-bit rows into a 16-bit strip
 *   hpass   the row taps on that strip, the fused finish, bytes out; with
 *           a byte mask that need not come from masked stores: the bytes
 *           outside it are read and written back as they were (a blend).
 *
 * Written for AVX2 only: on AVX-512 (double-pumped on Zen 4, and not
 * measurable here) and the other levels the entries are NULL and the plan
 * keeps the row-ring path.
 */
#include "vc-simd.h"
#include "vc-simd-vec.h"
#include "vc-simd-fused.h"

#include <stdlib.h>

#if defined(__AVX2__) && !defined(__AVX512F__)

/* One tap: a multiply and an add, for every coefficient. Adds and
 * subtracts for 1, -1, 2 and -2 (as vc-simd.c's loops have) measured
 * slower here: their choice is a branch per tap and vector. */
#define FTAP(a, x, cv) iadd (a, imul (cv, x))

static inline __attribute__ ((always_inline)) void
vpass_body (uint16_t * restrict line, const uint8_t * const *rows,
    const int16_t * coef, const int n, int len)
{
  const uint8_t *r[VC_FUSED_MAX_TAPS];
  ivec_t cv[VC_FUSED_MAX_TAPS];
  int c[VC_FUSED_MAX_TAPS];
  int q = 0;

  for (int t = 0; t < n; t++) {
    r[t] = rows[t];
    c[t] = coef[t];
    cv[t] = iset1 ((short) c[t]);
  }
  for (; q + 2 * IVEC <= len; q += 2 * IVEC) {
    ivec_t a0 = izero (), a1 = izero ();

#pragma GCC unroll 16
    for (int t = 0; t < n; t++) {
      a0 = FTAP (a0, iwiden (r[t] + q), cv[t]);
      a1 = FTAP (a1, iwiden (r[t] + q + IVEC), cv[t]);
    }
    istore (line + q, a0);
    istore (line + q + IVEC, a1);
  }
  for (; q < len; q++) {
    unsigned a = 0;

    for (int t = 0; t < n; t++)
      a += (unsigned) (uint16_t) c[t] * r[t][q];
    line[q] = (uint16_t) a;
  }
}

/* The tap count as a constant where it is 3, 5 or 7. */
#define BY_TAPS(call) \
  switch (ntaps) { \
    case 3: call (3); break; \
    case 5: call (5); break; \
    case 7: call (7); break; \
    default: call (ntaps); break; \
  }

void
VC_FUSED_VPASS (uint16_t * restrict line, const uint8_t * const *rows,
    const int16_t * coef, int ntaps, int len)
{
#define VPASS(n) vpass_body (line, rows, coef, n, len)
  BY_TAPS (VPASS);
#undef VPASS
}

/* One output byte of the tail: the taps and the fused finish. */
static inline uint8_t
hpass_one (const VcFinish * f, const uint16_t * const *s, const int *c,
    int n, int q)
{
  unsigned a = 0;
  int v;

  for (int t = 0; t < n; t++)
    a += (unsigned) (uint16_t) c[t] * s[t][q];
  a = (uint16_t) a;
  if (f->fused >= VC_FUSED_ABS_UNSIGNED)
    a = (uint16_t) abs ((int16_t) a);
  a = (uint16_t) (a + f->bdh_i);
  if (f->fused == VC_FUSED_UNSIGNED || f->fused == VC_FUSED_ABS_UNSIGNED)
    v = (int) a >> f->shift;
  else
    v = (int16_t) a >> f->shift;
  v = v < 0 ? 0 : v;
  return (uint8_t) (v > f->sample_max ? f->sample_max : v);
}

/* 32 finished bytes: all of them, or only those in mask (the others
 * written back as they were). */
static inline void
store_blend (uint8_t * out, ivec_t v0, ivec_t v1, bool all, __m256i keep)
{
  __m256i p = _mm256_permute4x64_epi64 (_mm256_packus_epi16 (v0, v1), 0xD8);

  if (!all)
    p = _mm256_blendv_epi8 (_mm256_loadu_si256 ((const __m256i *) out), p,
        keep);
  _mm256_storeu_si256 ((__m256i *) out, p);
}

static inline __attribute__ ((always_inline)) void
hpass_body (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, const int n, int len, const VcFinish * f,
    uint32_t mask)
{
  const uint16_t *s[VC_FUSED_MAX_TAPS];
  ivec_t cv[VC_FUSED_MAX_TAPS];
  int c[VC_FUSED_MAX_TAPS];
  /* A copy the byte stores cannot alias: its fields stay in registers
   * and the finish's branches leave the loop. */
  const VcFinish fin = *f;
  const ivec_t bdh = iset1 ((short) fin.bdh_i);
  const ivec_t max = iset1 ((short) fin.sample_max);
  const ishift_t shift = ishift (fin.shift);
  const bool all = mask == ~0u;
  __m256i keep;
  uint8_t bytes[32];
  int q = 0;

  for (int b = 0; b < 32; b++)
    bytes[b] = mask >> b & 1 ? 0x80 : 0;
  keep = _mm256_loadu_si256 ((const __m256i *) bytes);
  for (int t = 0; t < n; t++) {
    s[t] = src[t];
    c[t] = coef[t];
    cv[t] = iset1 ((short) c[t]);
  }
  for (; q + 2 * IVEC <= len; q += 2 * IVEC) {
    ivec_t a0 = izero (), a1 = izero ();

#pragma GCC unroll 16
    for (int t = 0; t < n; t++) {
      a0 = FTAP (a0, iload (s[t] + q), cv[t]);
      a1 = FTAP (a1, iload (s[t] + q + IVEC), cv[t]);
    }
    store_blend (out + q, fused_vec (&fin, a0, bdh, shift, max),
        fused_vec (&fin, a1, bdh, shift, max), all, keep);
  }
  for (; q < len; q++)
    if (mask >> (q % 32) & 1)
      out[q] = hpass_one (f, s, c, n, q);
}

void
VC_FUSED_HPASS (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f,
    uint32_t mask)
{
#define HPASS(n) hpass_body (out, src, coef, n, len, f, mask)
  BY_TAPS (HPASS);
#undef HPASS
}

#endif
