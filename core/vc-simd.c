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
#include <stdlib.h>

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


/* ---- 16-bit lanes: the same sums modulo 2^16 (vc-fast.c proves the
 * final values fit). */

static void
taps_i16_portable (uint16_t * restrict acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate)
{
  int t = 0;

  if (!accumulate) {
    const uint16_t *restrict s = src[0];
    const uint16_t c = (uint16_t) coef[0];

    for (int q = 0; q < len; q++)
      acc[q] = (uint16_t) (c * s[q]);
    t = 1;
  }
  for (; t < ntaps; t++) {
    const uint16_t *restrict s = src[t];
    const uint16_t c = (uint16_t) coef[t];

    for (int q = 0; q < len; q++)
      acc[q] = (uint16_t) (acc[q] + c * s[q]);
  }
}

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
#endif

#ifdef IVEC
/* Coefficients 1 and -1 (box, Gaussian and Sobel taps) are an add or a
 * subtract; the others a multiply. */
#define ITAP(a, c, x, cv) \
  ((c) == 1 ? iadd (a, x) : (c) == -1 ? isub (a, x) : iadd (a, imul (cv, x)))

static void
taps_i16_vector (uint16_t * restrict acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate)
{
  const int block = 4 * IVEC;
  int q = 0;

  for (; q + block <= len; q += block) {
    ivec_t a0, a1, a2, a3;

    if (accumulate) {
      a0 = iload (acc + q);
      a1 = iload (acc + q + IVEC);
      a2 = iload (acc + q + 2 * IVEC);
      a3 = iload (acc + q + 3 * IVEC);
    } else {
      a0 = a1 = a2 = a3 = izero ();
    }
    for (int t = 0; t < ntaps; t++) {
      const uint16_t *s = src[t] + q;
      const int c = coef[t];
      ivec_t cv = iset1 ((short) c);

      a0 = ITAP (a0, c, iload (s), cv);
      a1 = ITAP (a1, c, iload (s + IVEC), cv);
      a2 = ITAP (a2, c, iload (s + 2 * IVEC), cv);
      a3 = ITAP (a3, c, iload (s + 3 * IVEC), cv);
    }
    istore (acc + q, a0);
    istore (acc + q + IVEC, a1);
    istore (acc + q + 2 * IVEC, a2);
    istore (acc + q + 3 * IVEC, a3);
  }
  if (q < len) {
    const uint16_t *tail[ntaps];

    for (int t = 0; t < ntaps; t++)
      tail[t] = src[t] + q;
    taps_i16_portable (acc + q, tail, coef, ntaps, len - q, accumulate);
  }
}
#define TAPS_I16 taps_i16_vector
#else
#define TAPS_I16 taps_i16_portable
#endif

static void
load_u8_i16 (uint16_t * restrict dst, const uint8_t * restrict src, int n)
{
  for (int i = 0; i < n; i++)
    dst[i] = src[i];
}

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

  for (int i = 0; i < n; i++) {
    int a = lane_value (acc[i], lo);
    int y = (f->absolute ? abs (a) : a) + bdh;
    int v = shift >= 0 ? y >> shift : (int) floorf (((float) y + 0.5f) *
        inv_d);

    v = v < 0 ? 0 : v;
    out[i] = (uint8_t) (v > max ? max : v);
  }
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
#else
#define STORE_LANES store_lanes_portable
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

/* The reference finish on 16-bit lanes read as signed integers. */
static void
finish_ref_i16_u8 (const VcFinish * f, const uint16_t * restrict acc,
    const uint16_t * acc2, uint8_t * restrict out, int n)
{
  const double scale = f->scale, divisor = f->divisor, bias = f->bias;
  const double max = f->sample_max;

  for (int i = 0; i < n; i++) {
    double a = (double) lane_value (acc[i], f->lo[0]) * scale;
    double v;

    if (acc2) {
      double b = (double) lane_value (acc2[i], f->lo[1]) * scale;
      v = sqrt (a * a + b * b);
    } else {
      v = a;
    }
    v /= divisor;
    if (f->absolute)
      v = fabs (v);
    v = round_half_away (v + bias);
    out[i] = (uint8_t) (v > max ? max : v >= 0.0 ? v : 0.0);
  }
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
  .taps_i16 = TAPS_I16,
  .load_u8_i16 = load_u8_i16,
  .finish_i16_u8 = finish_i16_u8,
  .finish_ref_i16_u8 = finish_ref_i16_u8,
  .finish_mag_i16_u8 = finish_mag_i16_u8,
  .store_lanes = STORE_LANES,
};
