/* The fast paths' inner loops, written once in plain C and compiled once
 * per x86 level (meson passes -DVC_SIMD_NAME=c|avx2|avx512 and the
 * matching -m flags), so the compiler vectorizes them for each. Only the
 * tap loop, the hottest, is also written with intrinsics: it keeps a block
 * of accumulators in registers across all the taps.
 *
 * Every loop here is exact on the fast paths' values (integers below
 * 2^24 in float); see vc-fast.c for why.
 */
#include "vc-simd.h"

#include <math.h>
#include <stddef.h>

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

#define CONCAT_(a, b) a ## b
#define CONCAT(a, b) CONCAT_ (a, b)
#define STRING_(a) #a
#define STRING(a) STRING_ (a)
#define TABLE CONCAT (vc_simd_, VC_SIMD_NAME)

/* One tap over the whole row: the portable form, which compilers
 * vectorize well. */
static void
taps_portable (float *restrict acc, const float *const *src,
    const float *coef, int ntaps, int len, bool accumulate)
{
  int t = 0;

  if (!accumulate) {
    const float *restrict s = src[0];
    const float c = coef[0];

    for (int q = 0; q < len; q++)
      acc[q] = c * s[q];
    t = 1;
  }
  for (; t < ntaps; t++) {
    const float *restrict s = src[t];
    const float c = coef[t];

    for (int q = 0; q < len; q++)
      acc[q] += c * s[q];
  }
}

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

static void
load_u8 (float *restrict dst, const uint8_t * restrict src, int n)
{
  for (int i = 0; i < n; i++)
    dst[i] = src[i];
}

static void
load_u16 (float *restrict dst, const uint16_t * restrict src, int n)
{
  for (int i = 0; i < n; i++)
    dst[i] = src[i];
}

/* Integer finish, D a power of two: all in float, exact because every
 * intermediate is an integer below 2^24 and inv_d a power of two. */
#define FINISH_POW2(T, name) \
static void \
name (const VcFinish * f, const float *restrict acc, const float *acc2, \
    T * restrict out, int n) \
{ \
  const float bdh = f->bdh_f, inv_d = f->inv_d_f; \
  const float max = (float) f->sample_max; \
  if (f->absolute) { \
    for (int i = 0; i < n; i++) { \
      float v = floorf ((fabsf (acc[i]) + bdh) * inv_d); \
      v = v < 0.0f ? 0.0f : v; \
      out[i] = (T) (v > max ? max : v); \
    } \
  } else { \
    for (int i = 0; i < n; i++) { \
      float v = floorf ((acc[i] + bdh) * inv_d); \
      v = v < 0.0f ? 0.0f : v; \
      out[i] = (T) (v > max ? max : v); \
    } \
  } \
}

/* Integer finish, any D: floor ((X + floor (D / 2) + 0.5) / D) in double.
 * The true quotient is at least 0.5 / D away from an integer, far more
 * than the error of multiplying by a rounded 1 / D. */
#define FINISH_DIV(T, name) \
static void \
name (const VcFinish * f, const float *restrict acc, const float *acc2, \
    T * restrict out, int n) \
{ \
  const double bdh = f->bdh, inv_d = f->inv_d; \
  const double max = f->sample_max; \
  for (int i = 0; i < n; i++) { \
    double a = f->absolute ? fabs ((double) acc[i]) : (double) acc[i]; \
    double v = floor ((a + bdh) * inv_d); \
    v = v < 0.0 ? 0.0 : v; \
    out[i] = (T) (v > max ? max : v); \
  } \
}

/* Round half away from zero, as round () does, in a form that
 * vectorizes: v - trunc (v) is exact for these magnitudes. */
static inline double
round_half_away (double v)
{
  double t = trunc (v);
  double r = v - t;

  return t + (r >= 0.5 ? 1.0 : 0.0) - (r <= -0.5 ? 1.0 : 0.0);
}

/* The reference's finish, operation for operation, on the reference's
 * own accumulator values (acc * scale is exactly the reference's acc). */
#define FINISH_REF(T, name) \
static void \
name (const VcFinish * f, const float *restrict acc, const float *acc2, \
    T * restrict out, int n) \
{ \
  const double scale = f->scale, divisor = f->divisor, bias = f->bias; \
  const double max = f->sample_max; \
  for (int i = 0; i < n; i++) { \
    double a = (double) acc[i] * scale; \
    double v; \
    if (acc2) { \
      double b = (double) acc2[i] * scale; \
      v = sqrt (a * a + b * b); \
    } else { \
      v = a; \
    } \
    v /= divisor; \
    if (f->absolute) \
      v = fabs (v); \
    v = round_half_away (v + bias); \
    out[i] = (T) (v > max ? max : v >= 0.0 ? v : 0.0); \
  } \
}

FINISH_POW2 (uint8_t, finish_pow2_u8)
FINISH_POW2 (uint16_t, finish_pow2_u16)
FINISH_DIV (uint8_t, finish_div_u8)
FINISH_DIV (uint16_t, finish_div_u16)
FINISH_REF (uint8_t, finish_ref_u8)
FINISH_REF (uint16_t, finish_ref_u16)

const VcSimd TABLE = {
  .name = STRING (VC_SIMD_NAME),
  .taps = TAPS,
  .load_u8 = load_u8,
  .load_u16 = load_u16,
  .finish_pow2_u8 = finish_pow2_u8,
  .finish_div_u8 = finish_div_u8,
  .finish_pow2_u16 = finish_pow2_u16,
  .finish_div_u16 = finish_div_u16,
  .finish_ref_u8 = finish_ref_u8,
  .finish_ref_u16 = finish_ref_u16,
};
