/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every entry of every table of inner loops, called directly (as FFmpeg's
 * checkasm does), so that no entry's coverage depends on which plans a
 * random draw builds.
 *
 * For each instruction set of the core's list (vc_simd_isas ()) that this
 * CPU runs (the others are reported as skipped), each entry the table has
 * is called on rows of every length from 1 to MAX_LEN samples (pixels, for
 * the entries that take lanes per pixel) and with its output at every
 * offset from 0 to 63 bytes (a multiple of the element size), then on the
 * LONG_LENS rows, longer than any table's widest vector block (AVX-512's
 * 16-bit tap loop takes 256 samples a turn), at two offsets, its inputs
 * each at a random offset, with random inputs and coefficients within the
 * entry's documented domain (vc-simd.h). The output must equal, byte for
 * byte, the plain scalar reference of this file where the entry has one,
 * else the C table's entry; the bytes around the written range (canaries)
 * must stay untouched.
 *
 * One libcheck test per entry and instruction set (test case "entries",
 * each drawing from SEED + its index), and one per instruction set that
 * checks it has entries (test case "tables").
 *
 *   test-simd [lengths, default MAX_LEN]
 */
#include "vc-fixture.h"
#include "vc-rng.h"
#include "vc-simd.h"
#include "vc-simd-fused.h"

#include <math.h>
#include <stddef.h>

#define MAX_LEN 200
#define MAX_TAPS 9
#define MAX_LANES 4
#define MAX_STEP 6
#define OFFSETS 64
#define BUF_BYTES 32768
#define CANARY 0xA5

#define SEED 0x2545F4914F6CDD1Dull

/* Rows around and past one and two turns of the widest block. */
static const int LONG_LENS[] = { 255, 256, 257, 511, 512, 513, 777 };
#define N_LONG_LENS (sizeof (LONG_LENS) / sizeof (LONG_LENS[0]))

static VcRng rng;
/* Row lengths 1 to max_len: the program's argument. */
static int max_len = MAX_LEN;

/* One call's arguments. The output starts at out; [0, even_bytes) and
 * [odd_at, odd_at + odd_bytes) of it may be written, nothing else. */
typedef struct
{
  int len, ntaps, lanes, offset, components, step, sample_bytes, off;
  bool accumulate;
  uint32_t mask;
  VcFinish f;
  const void *src[MAX_TAPS + 1];    /* + 1: fused_vpass's pairs */
  const void *src2;
  float coef_f[MAX_TAPS];
  int16_t coef_i[MAX_TAPS];
  int32_t coef2[MAX_TAPS];
  double coef_d[MAX_TAPS];
  size_t even_bytes, odd_at, odd_bytes;
  bool keep;                    /* init holds the output's prior contents */
  int divisor;                  /* finish_div: D */
} Args;

typedef struct Entry Entry;
struct Entry
{
  const char *name;
  size_t field;                 /* offsetof (VcSimd, entry) */
  int align;                    /* the output's element size */
  int bits;                     /* finishes: the samples' bits */
  void (*draw) (const Entry * e, const VcSimd * t, Args * a);
  void (*call) (const VcSimd * t, uint8_t * out, const Args * a);
  void (*ref) (uint8_t * out, const Args * a);  /* or NULL: the C entry */
};

static _Alignas (64) uint8_t pool[MAX_TAPS + 1][BUF_BYTES];
static _Alignas (64) uint8_t init[BUF_BYTES];
static _Alignas (64) uint8_t got[BUF_BYTES], want[BUF_BYTES];

/* Input row k: `bytes` random bytes at a random offset (a multiple of
 * align). */
static void *
row (int k, int align, size_t bytes)
{
  uint8_t *r = pool[k] + vc_rng_range (&rng, 0, OFFSETS / align - 1) * align;

  for (size_t i = 0; i < bytes; i++)
    r[i] = (uint8_t) vc_rng (&rng);
  return r;
}

/* Row k of len floats (or doubles) holding integers in [lo, hi]. */
static const float *
row_f32 (int k, int len, int lo, int hi)
{
  float *r = row (k, 4, 0);

  for (int i = 0; i < len; i++)
    r[i] = (float) vc_rng_range (&rng, lo, hi);
  return r;
}

static const double *
row_f64 (int k, int len, int lo, int hi, int scale)
{
  double *r = row (k, 8, 0);

  for (int i = 0; i < len; i++)
    r[i] = (double) vc_rng_range (&rng, lo, hi) * scale;
  return r;
}

/* ------------------------------------------------------------ the taps */

static const uint16_t *row_i16 (int k, int len, int lo, int range);

static void
draw_taps (const Entry * e, const VcSimd * t, Args * a)
{
  a->ntaps = vc_rng_range (&rng, 1, MAX_TAPS);
  a->accumulate = a->keep = vc_rng (&rng) & 1;
  for (int k = 0; k < a->ntaps; k++) {
    a->src[k] = row_f32 (k, a->len, -4096, 4096);
    a->coef_f[k] = (float) vc_rng_range (&rng, -64, 64);
  }
  for (int i = 0; i < a->len; i++)
    ((float *) init)[i] = (float) vc_rng_range (&rng, -(1 << 20), 1 << 20);
  a->even_bytes = (size_t) a->len * 4;
}

static void
call_taps (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps ((float *) out, (const float *const *) a->src, a->coef_f,
      a->ntaps, a->len, a->accumulate);
}

static void
ref_taps (uint8_t * out, const Args * a)
{
  float *acc = (float *) out;
  const float *const *x = (const float *const *) a->src;

  for (int q = 0; q < a->len; q++) {
    float s = a->accumulate ? acc[q] : 0.0f;

    for (int k = 0; k < a->ntaps; k++)
      s += a->coef_f[k] * x[k][q];
    acc[q] = s;
  }
}

static void
draw_taps_f64 (const Entry * e, const VcSimd * t, Args * a)
{
  a->ntaps = vc_rng_range (&rng, 1, MAX_TAPS);
  a->accumulate = a->keep = vc_rng (&rng) & 1;
  for (int k = 0; k < a->ntaps; k++) {
    a->src[k] = row_f64 (k, a->len, -(1 << 20), 1 << 20, 1);
    a->coef_d[k] = vc_rng_range (&rng, -(1 << 15), 1 << 15);
  }
  for (int i = 0; i < a->len; i++)
    ((double *) init)[i] =
        (double) vc_rng_range (&rng, -(1 << 20), 1 << 20) * 1024;
  a->even_bytes = (size_t) a->len * 8;
}

static void
call_taps_f64 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_f64 ((double *) out, (const double *const *) a->src, a->coef_d,
      a->ntaps, a->len, a->accumulate);
}

static void
ref_taps_f64 (uint8_t * out, const Args * a)
{
  double *acc = (double *) out;
  const double *const *x = (const double *const *) a->src;

  for (int q = 0; q < a->len; q++) {
    double s = a->accumulate ? acc[q] : 0.0;

    for (int k = 0; k < a->ntaps; k++)
      s += a->coef_d[k] * x[k][q];
    acc[q] = s;
  }
}

/* 16-bit coefficients: half the draws only 1, -1, 2 and -2 (the tables
 * add and subtract those), the others any. */
static void
draw_coef_i16 (Args * a)
{
  static const int16_t special[] = { 1, -1, 2, -2 };
  bool any = vc_rng (&rng) & 1;

  a->ntaps = vc_rng_range (&rng, 1, MAX_TAPS);
  for (int k = 0; k < a->ntaps; k++)
    a->coef_i[k] = any ? (int16_t) vc_rng (&rng) : special[vc_rng (&rng) % 4];
}

static void
draw_taps_i16 (const Entry * e, const VcSimd * t, Args * a)
{
  draw_coef_i16 (a);
  a->accumulate = a->keep = vc_rng (&rng) & 1;
  for (int k = 0; k < a->ntaps; k++)
    a->src[k] = row (k, 2, (size_t) a->len * 2);
  for (int i = 0; i < a->len; i++)
    ((uint16_t *) init)[i] = (uint16_t) vc_rng (&rng);
  a->even_bytes = (size_t) a->len * 2;
}

static void
call_taps_i16 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_i16 ((uint16_t *) out, (const uint16_t * const *) a->src,
      a->coef_i, a->ntaps, a->len, a->accumulate);
}

/* The 16-bit taps at q, modulo 2^16, from 16-bit (or 8-bit) rows. */
static uint16_t
dot_i16 (const Args * a, int q, bool from_u8)
{
  uint16_t s = 0;

  for (int k = 0; k < a->ntaps; k++) {
    int x = from_u8 ? ((const uint8_t *) a->src[k])[q] :
        ((const uint16_t *) a->src[k])[q];

    s = (uint16_t) (s + (uint32_t) (uint16_t) a->coef_i[k] * (uint32_t) x);
  }
  return s;
}

static void
ref_taps_i16 (uint8_t * out, const Args * a)
{
  uint16_t *acc = (uint16_t *) out;

  for (int q = 0; q < a->len; q++)
    acc[q] = (uint16_t) ((a->accumulate ? acc[q] : 0) + dot_i16 (a, q, false));
}

static void
draw_taps_u8_i16 (const Entry * e, const VcSimd * t, Args * a)
{
  draw_coef_i16 (a);
  for (int k = 0; k < a->ntaps; k++)
    a->src[k] = row (k, 1, a->len);
  a->even_bytes = (size_t) a->len * 2;
}

static void
call_taps_u8_i16 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_u8_i16 ((uint16_t *) out, (const uint8_t * const *) a->src,
      a->coef_i, a->ntaps, a->len);
}

static void
ref_taps_u8_i16 (uint8_t * out, const Args * a)
{
  for (int q = 0; q < a->len; q++)
    ((uint16_t *) out)[q] = dot_i16 (a, q, true);
}

/* 32-bit sums from 16-bit lanes into floats, within the domain vc-simd.h
 * gives: 8-bit samples with coefficients up to +-6000, or 14-bit samples
 * with coefficients up to +-48 (the two ends of int16 products); with an
 * accumulator within +-2^20 every sum stays below 2^24. Half the time
 * the taps are symmetric, which taps_madd folds. */
static void
draw_taps_madd (const Entry * e, const VcSimd * t, Args * a)
{
  bool wide = vc_rng (&rng) & 1, symmetric = vc_rng (&rng) & 1;
  int cmax = wide ? 48 : 6000, smax = wide ? 16383 : 255;

  a->ntaps = vc_rng_range (&rng, 1, MAX_TAPS);
  a->accumulate = a->keep = vc_rng (&rng) & 1;
  for (int k = 0; k < a->ntaps; k++) {
    a->src[k] = row_i16 (k, a->len, 0, smax);
    a->coef_i[k] = symmetric && k >= (a->ntaps + 1) / 2 ?
        a->coef_i[a->ntaps - 1 - k] :
        (int16_t) vc_rng_range (&rng, -cmax, cmax);
  }
  for (int i = 0; i < a->len; i++)
    ((float *) init)[i] = (float) vc_rng_range (&rng, -(1 << 20), 1 << 20);
  a->even_bytes = (size_t) a->len * 4;
}

static void
call_taps_madd (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_madd ((float *) out, (const uint16_t * const *) a->src,
      a->coef_i, a->ntaps, a->len, a->accumulate);
}

/* The exact integer sum, added to the accumulator. */
static void
ref_taps_madd (uint8_t * out, const Args * a)
{
  float *acc = (float *) out;

  for (int q = 0; q < a->len; q++) {
    int64_t s = a->accumulate ? (int64_t) acc[q] : 0;

    for (int k = 0; k < a->ntaps; k++)
      s += (int64_t) a->coef_i[k] * ((const uint16_t *) a->src[k])[q];
    acc[q] = (float) s;
  }
}

/* taps_madd's sums finished into bytes: a shift with an integer bdh, or
 * the float finish of a divisor that is not a power of two (sums below
 * 2^22: coefficients quartered) or of a bdh with a half; |.| half the
 * time, any sample_max up to 255. */
static void
draw_taps_madd_pow2_u8 (const Entry * e, const VcSimd * t, Args * a)
{
  int mode = vc_rng_range (&rng, 0, 2), d;

  draw_taps_madd (e, t, a);
  a->accumulate = a->keep = false;
  memset (&a->f, 0, sizeof (a->f));
  a->f.absolute = vc_rng (&rng) & 1;
  a->f.sample_max = vc_rng (&rng) & 1 ? 255 : vc_rng_range (&rng, 1, 255);
  if (mode == 1) {
    for (int k = 0; k < a->ntaps; k++)
      a->coef_i[k] /= 4;
    do
      d = vc_rng_range (&rng, 3, 4000);
    while ((d & (d - 1)) == 0);
    a->f.shift = -1;
    a->f.bdh_i = vc_rng_range (&rng, -(1 << 18), 1 << 18);
    a->f.bdh_f = (float) a->f.bdh_i + 0.5f;
  } else {
    a->f.shift = vc_rng_range (&rng, 0, 20);
    d = 1 << a->f.shift;
    a->f.bdh_i = vc_rng_range (&rng, -(1 << 20), 1 << 20);
    a->f.bdh_f = (float) a->f.bdh_i + (mode == 2 ? 0.5f : 0.0f);
  }
  a->f.inv_d_f = 1.0f / (float) d;
  a->divisor = d;
  a->even_bytes = (size_t) a->len;
}

static void
call_taps_madd_pow2_u8 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_madd_pow2_u8 (out, (const uint16_t * const *) a->src, a->coef_i,
      a->ntaps, a->len, &a->f);
}

/* In integers: floor ((Y + bdh_f) / D), Y the exact sum (or |sum|),
 * bdh_f = bdh_i or bdh_i + 1/2, clamped to [0, sample_max]. */
static void
ref_taps_madd_pow2_u8 (uint8_t * out, const Args * a)
{
  const int64_t half = a->f.bdh_f != (float) a->f.bdh_i;

  for (int q = 0; q < a->len; q++) {
    int64_t s = 0, num, v;

    for (int k = 0; k < a->ntaps; k++)
      s += (int64_t) a->coef_i[k] * ((const uint16_t *) a->src[k])[q];
    s = a->f.absolute && s < 0 ? -s : s;
    num = 2 * (s + a->f.bdh_i) + half;
    v = num >= 0 ? num / (2 * a->divisor) :
        -((-num + 2 * a->divisor - 1) / (2 * a->divisor));
    out[q] = (uint8_t) (v < 0 ? 0 : v > a->f.sample_max ? a->f.sample_max :
        v);
  }
}

/* The same from rows of lane pairs: pair k of row k, its coefficients
 * halved to keep the sums below 2^24. */
static void
draw_taps_pairs (const Entry * e, const VcSimd * t, Args * a)
{
  draw_taps_madd (e, t, a);
  for (int k = 0; k < a->ntaps; k++)
    a->coef_i[k] /= 2;
  for (int k = 0; k < a->ntaps; k++) {
    int16_t hi = vc_rng (&rng) % 3 ?
        a->coef_i[vc_rng_range (&rng, 0, a->ntaps - 1)] : 0;
    uint32_t *r = row (k, 4, 0);
    const uint16_t *lo = a->src[k],
        *other = a->src[vc_rng_range (&rng, 0, a->ntaps - 1)];

    for (int i = 0; i < a->len; i++)
      r[i] = lo[i] | (uint32_t) other[i] << 16;
    a->coef2[k] = (int32_t) ((uint16_t) a->coef_i[k] | (uint32_t) (uint16_t) hi
        << 16);
    a->src[k] = r;
  }
}

static void
call_taps_pairs (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_pairs ((float *) out, (const uint32_t * const *) a->src,
      a->coef2, a->ntaps, a->len, a->accumulate);
}

static void
ref_taps_pairs (uint8_t * out, const Args * a)
{
  float *acc = (float *) out;

  for (int q = 0; q < a->len; q++) {
    int64_t s = a->accumulate ? (int64_t) acc[q] : 0;

    for (int k = 0; k < a->ntaps; k++) {
      uint32_t x = ((const uint32_t *) a->src[k])[q];

      s += (int64_t) (int16_t) a->coef2[k] * (x & 0xffff) +
          (int64_t) (int16_t) (a->coef2[k] >> 16) * (x >> 16);
    }
    acc[q] = (float) s;
  }
}

static void
draw_pair_i16 (const Entry * e, const VcSimd * t, Args * a)
{
  a->step = vc_rng_range (&rng, 0, 2 * a->len);
  a->src[0] = row (0, 2, (size_t) a->len * 2);
  a->even_bytes = (size_t) a->len * 4;
}

static void
call_pair_i16 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->pair_i16 ((uint32_t *) out, a->src[0], a->len, a->step);
}

static void
ref_pair_i16 (uint8_t * out, const Args * a)
{
  const uint16_t *s = a->src[0];

  for (int j = 0; j < a->len; j++)
    ((uint32_t *) out)[j] = s[j] | (j + a->step < a->len ?
        (uint32_t) s[j + a->step] << 16 : 0);
}

/* The same from rows of lane quads: random bytes (8-bit samples), every
 * coefficient within the table's +-quads_max_coef (the bound itself
 * often, where saturation would show), the accumulator within +-2^20 (9 x
 * 4 x 255 x 128 more stays below 2^24). */
static void
draw_taps_quads (const Entry * e, const VcSimd * t, Args * a)
{
  int max = t->quads_max_coef;

  a->ntaps = vc_rng_range (&rng, 1, MAX_TAPS);
  a->accumulate = a->keep = vc_rng (&rng) & 1;
  for (int k = 0; k < a->ntaps; k++) {
    uint32_t c = 0;

    a->src[k] = row (k, 4, (size_t) a->len * 4);
    for (int b = 0; b < 4; b++) {
      int v = vc_rng (&rng) % 4 ? vc_rng_range (&rng, -max, max) :
          vc_rng (&rng) & 1 ? max : -max;

      c |= (uint32_t) (uint8_t) v << 8 * b;
    }
    a->coef2[k] = (int32_t) c;
  }
  for (int i = 0; i < a->len; i++)
    ((float *) init)[i] = (float) vc_rng_range (&rng, -(1 << 20), 1 << 20);
  a->even_bytes = (size_t) a->len * 4;
}

static void
call_taps_quads (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_quads ((float *) out, (const uint32_t * const *) a->src,
      a->coef2, a->ntaps, a->len, a->accumulate);
}

static void
ref_taps_quads (uint8_t * out, const Args * a)
{
  float *acc = (float *) out;

  for (int q = 0; q < a->len; q++) {
    int64_t s = a->accumulate ? (int64_t) acc[q] : 0;

    for (int k = 0; k < a->ntaps; k++) {
      const uint8_t *x = (const uint8_t *) &((const uint32_t *) a->src[k])[q];
      const int8_t *c = (const int8_t *) &a->coef2[k];

      for (int b = 0; b < 4; b++)
        s += (int64_t) c[b] * x[b];
    }
    acc[q] = (float) s;
  }
}

/* A row of 16-bit lanes of 8-bit samples, quads d lanes apart. */
static void
draw_quad_u8 (const Entry * e, const VcSimd * t, Args * a)
{
  a->step = vc_rng_range (&rng, 0, a->len);
  a->src[0] = row (0, 1, (size_t) a->len);
  a->even_bytes = (size_t) a->len * 4;
}

static void
call_quad_u8 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->quad_u8 ((uint32_t *) out, a->src[0], a->len, a->step);
}

static void
ref_quad_u8 (uint8_t * out, const Args * a)
{
  const uint8_t *s = a->src[0];

  for (int j = 0; j < a->len; j++) {
    uint32_t x = 0;

    for (int b = 0; b < 4; b++)
      if (j + b * a->step < a->len)
        x |= (uint32_t) s[j + b * a->step] << 8 * b;
    ((uint32_t *) out)[j] = x;
  }
}

/* The fused finish (VC_FUSED_*), as vc-simd.h defines it. */
static uint8_t
fused (const VcFinish * f, uint16_t a)
{
  bool uns = f->fused == VC_FUSED_UNSIGNED ||
      f->fused == VC_FUSED_ABS_UNSIGNED;
  int v;

  if (f->fused == VC_FUSED_ABS_UNSIGNED || f->fused == VC_FUSED_ABS_SIGNED)
    a = (uint16_t) abs ((int16_t) a);
  a = (uint16_t) (a + f->bdh_i);
  if (f->shift < 0)
    v = (uns ? (int) a : (int) (int16_t) a) / f->div_d;
  else
    v = (uns ? (int) a : (int) (int16_t) a) >> f->shift;
  v = v < 0 ? 0 : v;
  return (uint8_t) (v > f->sample_max ? f->sample_max : v);
}

static void
draw_taps_i16_finish (const Entry * e, const VcSimd * t, Args * a)
{
  draw_taps_i16 (e, t, a);
  a->accumulate = false;
  a->keep = true;
  a->f.fused = vc_rng_range (&rng, VC_FUSED_UNSIGNED, VC_FUSED_ABS_SIGNED);
  a->f.bdh_i = (int16_t) vc_rng (&rng);
  a->f.shift = vc_rng_range (&rng, 0, 8);
  /* A divisor a third of the time: small ones (as kernels' sums) and any
   * up to 65535. */
  if (vc_rng (&rng) % 3 == 0) {
    a->f.shift = -1;
    a->f.div_d = vc_rng (&rng) & 1 ? vc_rng_range (&rng, 2, 300) :
        vc_rng_range (&rng, 2, 65535);
    vc_div16_magic (a->f.div_d, &a->f.div_m, &a->f.div_s);
  }
  a->f.sample_max = 255;
  a->mask = t->masked_stores && (vc_rng (&rng) & 1) ? vc_rng (&rng) : ~0u;
  for (int i = 0; i < a->len; i++)
    init[i] = (uint8_t) vc_rng (&rng);
  a->even_bytes = (size_t) a->len;
}

static void
call_taps_i16_finish (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->taps_i16_finish (out, (const uint16_t * const *) a->src, a->coef_i,
      a->ntaps, a->len, &a->f, a->mask);
}

static void
ref_taps_i16_finish (uint8_t * out, const Args * a)
{
  for (int q = 0; q < a->len; q++)
    if (a->mask >> (q % 32) & 1)
      out[q] = fused (&a->f, dot_i16 (a, q, false));
}

/* At most VC_FUSED_MAX_TAPS taps, and half the time an odd count of
 * symmetric coefficients with 1 at both ends (a binomial's form), which
 * the fused loops sum in pairs. */
static void
fused_coef (Args * a)
{
  a->ntaps = a->ntaps < VC_FUSED_MAX_TAPS ? a->ntaps : VC_FUSED_MAX_TAPS;
  if (vc_rng (&rng) & 1)
    return;
  a->ntaps |= 1;
  a->coef_i[0] = a->coef_i[a->ntaps - 1] = 1;
  for (int k = 1; k < a->ntaps / 2; k++)
    a->coef_i[a->ntaps - 1 - k] = a->coef_i[k];
}

/* The fused path's loops: the same sums as taps_u8_i16 and
 * taps_i16_finish, and the byte mask on every table. Half the time
 * fused_vpass makes two lines, the second from the rows one further
 * (odd_at); odd lengths ask for rows ahead as well (the loops that
 * prefetch, with the same sums). */
static void
draw_fused_vpass (const Entry * e, const VcSimd * t, Args * a)
{
  draw_taps_u8_i16 (e, t, a);
  fused_coef (a);
  for (int k = 0; k < a->ntaps; k++)
    a->src[k] = row (k, 1, a->len);
  a->odd_bytes = 0;
  if (vc_rng (&rng) & 1) {
    a->src[a->ntaps] = row (a->ntaps, 1, a->len);
    a->odd_at = a->even_bytes + OFFSETS;
    a->odd_bytes = a->even_bytes;
  }
}

static void
call_fused_vpass (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->fused_vpass ((uint16_t *) out, a->odd_bytes ?
      (uint16_t *) (out + a->odd_at) : NULL,
      (const uint8_t * const *) a->src, a->len % 2 ?
      (const uint8_t * const *) a->src : NULL, a->coef_i, a->ntaps, a->len);
}

static void
ref_fused_vpass (uint8_t * out, const Args * a)
{
  Args next = *a;

  ref_taps_u8_i16 (out, a);
  /* The second line: the same taps on the rows one further. */
  for (int k = 0; k < a->ntaps; k++)
    next.src[k] = a->src[k + 1];
  for (int q = 0; a->odd_bytes && q < a->len; q++)
    ((uint16_t *) (out + a->odd_at))[q] = dot_i16 (&next, q, true);
}

/* fused_hpass with VC_FUSED_NONE: finish_i16_u8's finish (vc-simd.h),
 * for |Y| below 2^22. */
static uint8_t
finish_i16 (const VcFinish * f, uint16_t lane)
{
  int a = f->lo[0] + (int) (uint16_t) (lane - (uint16_t) f->lo[0]);
  int y = (f->absolute ? abs (a) : a) + f->bdh_i;
  int v = f->shift >= 0 ? y >> f->shift :
      (int) floorf (((float) y + 0.5f) * f->inv_d_f);

  v = v < 0 ? 0 : v;
  return (uint8_t) (v > f->sample_max ? f->sample_max : v);
}

static void
draw_fused_hpass (const Entry * e, const VcSimd * t, Args * a)
{
  draw_taps_i16_finish (e, t, a);
  fused_coef (a);
  for (int k = 0; k < a->ntaps; k++)
    a->src[k] = row (k, 2, (size_t) a->len * 2);
  a->mask = vc_rng (&rng) & 1 ? vc_rng (&rng) : ~0u;
  if (vc_rng (&rng) & 1) {
    a->f.fused = VC_FUSED_NONE;
    a->f.absolute = vc_rng (&rng) & 1;
    a->f.lo[0] = -vc_rng_range (&rng, 0, 65535);
    a->f.bdh_i = vc_rng_range (&rng, -(1 << 20), 1 << 20);
    a->f.shift = vc_rng_range (&rng, -1, 12);
    a->f.inv_d_f = (float) (1.0 / vc_rng_range (&rng, 1, 1 << 14));
  }
}

static void
ref_fused_hpass (uint8_t * out, const Args * a)
{
  for (int q = 0; q < a->len; q++)
    if (a->mask >> (q % 32) & 1)
      out[q] = a->f.fused == VC_FUSED_NONE ?
          finish_i16 (&a->f, dot_i16 (a, q, false)) :
          fused (&a->f, dot_i16 (a, q, false));
}

static void
call_fused_hpass (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->fused_hpass (out, (const uint16_t * const *) a->src, a->coef_i,
      a->ntaps, a->len, &a->f, a->mask);
}

/* ----------------------------------------------------------- the loads */

static void
draw_load (const Entry * e, const VcSimd * t, Args * a)
{
  a->src[0] = row (0, 2, (size_t) a->len * 2);
  a->even_bytes = (size_t) a->len * e->align;
}

/* One load: the entry's name, its types, and the scalar reference. */
#define LOAD(entry, D, S) \
static void \
call_##entry (const VcSimd * t, uint8_t * out, const Args * a) \
{ \
  t->entry ((D *) out, a->src[0], a->len); \
} \
static void \
ref_##entry (uint8_t * out, const Args * a) \
{ \
  for (int i = 0; i < a->len; i++) \
    ((D *) out)[i] = (D) ((const S *) a->src[0])[i]; \
}

LOAD (load_u8, float, uint8_t)
LOAD (load_u16, float, uint16_t)
LOAD (load_u8_i16, uint16_t, uint8_t)
LOAD (load_u8_f64, double, uint8_t)
LOAD (load_u16_f64, double, uint16_t)

/* -------------------------------------------------------- the finishes */

/* A sample maximum for e: 255, or 2^bits - 1 for 10 to 16 bits. */
static int
sample_max (const Entry * e)
{
  return e->bits == 8 ? 255 : (1 << vc_rng_range (&rng, 10, 16)) - 1;
}

/* Integer finish on float rows: D a power of two (pow2 entries, float)
 * or any (div entries: in double, or half the time in 32-bit integers
 * by vc_div32 (), D then up to 2^20 a quarter of the time),
 * bdh = bias * D + floor (D / 2). */
static void
draw_finish_int (const Entry * e, const VcSimd * t, Args * a)
{
  bool pow2 = strstr (e->name, "pow2") != NULL;
  bool div32 = !pow2 && (vc_rng (&rng) & 1);
  int d = pow2 ? 1 << vc_rng_range (&rng, 0, 8) :
      div32 && vc_rng_range (&rng, 0, 1) ? vc_rng_range (&rng, 1, 1 << 20) :
      vc_rng_range (&rng, 1, 1000);
  int bdh = vc_rng_range (&rng, -16, 16) * d + d / 2;

  a->f.absolute = vc_rng (&rng) & 1;
  a->f.sample_max = sample_max (e);
  a->f.bdh_f = (float) bdh;
  a->f.inv_d_f = 1.0f / (float) d;
  a->f.bdh = bdh + ((d & (d - 1)) ? 0.5 : 0.0);
  a->f.inv_d = 1.0 / d;
  a->f.bdh_i = bdh;
  a->f.div32_m = 0;
  if (div32)
    ck_assert (vc_div32_magic ((uint32_t) d, (uint32_t) ((1 << 20) +
                abs (bdh)), &a->f.div32_m, &a->f.div32_k));
  a->divisor = d;
  a->sample_bytes = e->align;
  a->src[0] = row_f32 (0, a->len, -(1 << 20), 1 << 20);
  a->even_bytes = (size_t) a->len * e->align;
}

/* finish_div's result in integers: clamp (floor (max (Y, 0) / D)) with
 * Y = (|A| or A) + bdh. */
static void
ref_finish_div (uint8_t * out, const Args * a)
{
  const float *acc = a->src[0];

  for (int i = 0; i < a->len; i++) {
    long long y = (long long) (a->f.absolute ? fabsf (acc[i]) : acc[i]) +
        a->f.bdh_i;
    long long v = y > 0 ? y / a->divisor : 0;

    v = v < a->f.sample_max ? v : a->f.sample_max;
    if (a->sample_bytes == 2)
      ((uint16_t *) out)[i] = (uint16_t) v;
    else
      out[i] = (uint8_t) v;
  }
}

/* The reference finish: any finite divisor, bias and center; acc2 (the
 * gradient magnitude's second row) half the time. */
static void
draw_finish_ref (const Entry * e, const VcSimd * t, Args * a)
{
  bool f64 = strstr (e->name, "f64") != NULL;
  int scale = 1 << vc_rng_range (&rng, 0, 3);

  a->f.absolute = vc_rng (&rng) & 1;
  a->f.sample_max = sample_max (e);
  a->f.scale = 1.0 / scale;
  a->f.divisor = vc_rng_range (&rng, 1, 4000) /
      (double) vc_rng_range (&rng, 1, 40) *
      (vc_rng (&rng) & 1 ? 1 : -1);
  a->f.bias = vc_rng_range (&rng, -50000, 50000) / 1000.0;
  a->f.center = vc_rng_range (&rng, 0, a->f.sample_max);
  a->f.sub = a->f.center * vc_rng_range (&rng, -64, 64);
  for (int k = 0; k < 2; k++)
    a->src[k] = f64 ? (const void *) row_f64 (k, a->len, -(1 << 20),
        1 << 20, scale) : (const void *) row_f32 (k, a->len, -(1 << 20),
        1 << 20);
  a->src2 = vc_rng (&rng) & 1 ? a->src[1] : NULL;
  a->even_bytes = (size_t) a->len * e->align;
}

#define FINISH(entry, A, T) \
static void \
call_##entry (const VcSimd * t, uint8_t * out, const Args * a) \
{ \
  t->entry (&a->f, (const A *) a->src[0], (const A *) a->src2, (T *) out, \
      a->len); \
}

FINISH (finish_pow2_u8, float, uint8_t)
FINISH (finish_pow2_u16, float, uint16_t)
FINISH (finish_div_u8, float, uint8_t)
FINISH (finish_div_u16, float, uint16_t)
FINISH (finish_ref_u8, float, uint8_t)
FINISH (finish_ref_u16, float, uint16_t)
FINISH (finish_ref_f64_u8, double, uint8_t)
FINISH (finish_ref_f64_u16, double, uint16_t)
FINISH (finish_i16_u8, uint16_t, uint8_t)
FINISH (finish_ref_i16_u8, uint16_t, uint8_t)
FINISH (finish_mag_i16_u8, uint16_t, uint8_t)

/* 16-bit lanes of true values in [lo, lo + range]. */
static const uint16_t *
row_i16 (int k, int len, int lo, int range)
{
  uint16_t *r = row (k, 2, 0);

  for (int i = 0; i < len; i++)
    r[i] = (uint16_t) (lo + vc_rng_range (&rng, 0, range));
  return r;
}

/* Integer finish on 16-bit lanes: a shift, or a divisor D (shift < 0). */
static void
draw_finish_i16 (const Entry * e, const VcSimd * t, Args * a)
{
  int d = vc_rng_range (&rng, 1, 255);

  a->f.absolute = vc_rng (&rng) & 1;
  a->f.sample_max = 255;
  a->f.lo[0] = vc_rng_range (&rng, -65535, 0);
  a->f.shift = vc_rng_range (&rng, -1, 8);
  a->f.inv_d_f = 1.0f / (float) d;
  a->f.bdh_i = vc_rng_range (&rng, -16, 16) *
      (a->f.shift < 0 ? d : 1 << a->f.shift);
  a->src[0] = row_i16 (0, a->len, a->f.lo[0], 65535);
  a->even_bytes = (size_t) a->len;
}

/* The reference finish (as draw_finish_ref ()) and the magnitude (its
 * square sum fits an int) on 16-bit lanes. */
static void
draw_finish_ref_i16 (const Entry * e, const VcSimd * t, Args * a)
{
  bool mag = strstr (e->name, "mag") != NULL;

  draw_finish_ref (e, t, a);
  a->f.bdh_i = vc_rng_range (&rng, -16, 16);
  for (int k = 0; k < 2; k++) {
    a->f.lo[k] = vc_rng_range (&rng, -30000, 0);
    a->src[k] = row_i16 (k, a->len, a->f.lo[k], mag ? 30000 : 65535);
  }
  a->src2 = mag || (vc_rng (&rng) & 1) ? a->src[1] : NULL;
}

/* ------------------------------------------------- stores and shuffles */

static void
draw_store_lanes (const Entry * e, const VcSimd * t, Args * a)
{
  a->sample_bytes = a->off % 2 ? 1 : vc_rng_range (&rng, 1, 2);
  a->lanes = vc_rng_range (&rng, 1, MAX_LANES);
  a->offset = vc_rng_range (&rng, 0, a->lanes - 1);
  a->components = vc_rng_range (&rng, 1, a->lanes - a->offset);
  a->keep = true;
  a->even_bytes = (size_t) a->len * a->lanes * a->sample_bytes;
  a->src[0] = row (0, a->sample_bytes, a->even_bytes);
  for (size_t i = 0; i < a->even_bytes; i++)
    init[i] = (uint8_t) vc_rng (&rng);
}

static void
call_store_lanes (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->store_lanes (out, a->src[0], a->len, a->lanes, a->offset,
      a->components, a->sample_bytes);
}

static void
ref_store_lanes (uint8_t * out, const Args * a)
{
  int sb = a->sample_bytes;
  const uint8_t *src = a->src[0];

  for (int j = 0; j < a->len; j++)
    memcpy (out + ((size_t) j * a->lanes + a->offset) * sb,
        src + ((size_t) j * a->lanes + a->offset) * sb,
        (size_t) a->components * sb);
}

static void
draw_gather (const Entry * e, const VcSimd * t, Args * a)
{
  a->step = vc_rng_range (&rng, 1, MAX_STEP);
  a->src[0] = row (0, 1, (size_t) a->len * a->step);
  a->even_bytes = (size_t) a->len * 2;
}

static void
call_gather_u8_i16 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->gather_u8_i16 ((uint16_t *) out, a->src[0], a->len, a->step);
}

static void
ref_gather (uint8_t * out, const Args * a)
{
  for (int i = 0; i < a->len; i++)
    ((uint16_t *) out)[i] = ((const uint8_t *) a->src[0])[i * a->step];
}

/* The samples end at the end of the last pool row, as a frame's last
 * row may: under AddressSanitizer a read past the last sample stops the
 * test. */
static void
draw_gather_u8 (const Entry * e, const VcSimd * t, Args * a)
{
  size_t bytes;

  a->step = vc_rng_range (&rng, 1, MAX_STEP);
  bytes = (size_t) (a->len - 1) * a->step + 1;
  a->src[0] = pool[MAX_TAPS] + BUF_BYTES - bytes;
  for (size_t i = 0; i < bytes; i++)
    pool[MAX_TAPS][BUF_BYTES - bytes + i] = (uint8_t) vc_rng (&rng);
  a->even_bytes = (size_t) a->len;
}

static void
call_gather_u8 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->gather_u8 (out, a->src[0], a->len, a->step);
}

static void
ref_gather_u8 (uint8_t * out, const Args * a)
{
  for (int i = 0; i < a->len; i++)
    out[i] = ((const uint8_t *) a->src[0])[i * a->step];
}

static void
draw_scatter (const Entry * e, const VcSimd * t, Args * a)
{
  a->step = vc_rng_range (&rng, 1, MAX_STEP);
  a->src[0] = row (0, 1, a->len);
  a->keep = true;
  a->even_bytes = (size_t) (a->len - 1) * a->step + 1;
  for (size_t i = 0; i < a->even_bytes; i++)
    init[i] = (uint8_t) vc_rng (&rng);
}

static void
call_scatter_u8 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->scatter_u8 (out, a->src[0], a->len, a->step);
}

static void
ref_scatter (uint8_t * out, const Args * a)
{
  for (int i = 0; i < a->len; i++)
    out[i * a->step] = ((const uint8_t *) a->src[0])[i];
}

/* len pixels of 1 to 4 lanes: the even ones at the output's start, the
 * odd ones after a gap of canaries. */
static void
draw_split2 (const Entry * e, const VcSimd * t, Args * a)
{
  int n_even = (a->len + 1) / 2;

  a->lanes = vc_rng_range (&rng, 1, MAX_LANES);
  a->src[0] = row (0, e->align, (size_t) a->len * a->lanes * e->align);
  a->even_bytes = (size_t) n_even * a->lanes * e->align;
  a->odd_at = a->even_bytes + OFFSETS;
  a->odd_bytes = (size_t) (a->len / 2) * a->lanes * e->align;
}

#define SPLIT2(entry, T) \
static void \
call_##entry (const VcSimd * t, uint8_t * out, const Args * a) \
{ \
  t->entry ((T *) out, (T *) (out + a->odd_at), a->src[0], \
      (a->len + 1) / 2, a->len / 2, a->lanes); \
} \
static void \
ref_##entry (uint8_t * out, const Args * a) \
{ \
  size_t px = (size_t) a->lanes * sizeof (T); \
  for (int j = 0; j < a->len; j++) \
    memcpy (out + (j % 2 ? a->odd_at : 0) + j / 2 * px, \
        (const uint8_t *) a->src[0] + j * px, px); \
}

/* The split from 8-bit samples, at any byte offset, into 16-bit lanes. */
static void
draw_split2_u8 (const Entry * e, const VcSimd * t, Args * a)
{
  draw_split2 (e, t, a);
  a->src[0] = row (0, 1, (size_t) a->len * a->lanes);
}

static void
call_split2_u8_i16 (const VcSimd * t, uint8_t * out, const Args * a)
{
  t->split2_u8_i16 ((uint16_t *) out, (uint16_t *) (out + a->odd_at),
      a->src[0], (a->len + 1) / 2, a->len / 2, a->lanes);
}

static void
ref_split2_u8_i16 (uint8_t * out, const Args * a)
{
  const uint8_t *s = a->src[0];

  for (int j = 0; j < a->len; j++)
    for (int k = 0; k < a->lanes; k++)
      ((uint16_t *) (out + (j % 2 ? a->odd_at : 0)))[j / 2 * a->lanes + k] =
          s[j * a->lanes + k];
}

SPLIT2 (split2_f32, float)
SPLIT2 (split2_i16, uint16_t)
SPLIT2 (split2_f64, double)

/* ---------------------------------------------------------- the runner */

#define E(entry, align, bits, draw, ref) \
  { #entry, offsetof (VcSimd, entry), align, bits, draw, call_##entry, ref }

static const Entry entries[] = {
  E (taps, 4, 0, draw_taps, ref_taps),
  E (taps_f64, 8, 0, draw_taps_f64, ref_taps_f64),
  E (taps_i16, 2, 0, draw_taps_i16, ref_taps_i16),
  E (taps_u8_i16, 2, 0, draw_taps_u8_i16, ref_taps_u8_i16),
  E (taps_i16_finish, 1, 8, draw_taps_i16_finish, ref_taps_i16_finish),
  E (fused_vpass, 2, 0, draw_fused_vpass, ref_fused_vpass),
  E (fused_hpass, 1, 8, draw_fused_hpass, ref_fused_hpass),
  E (taps_madd, 4, 0, draw_taps_madd, ref_taps_madd),
  E (taps_madd_pow2_u8, 1, 8, draw_taps_madd_pow2_u8,
      ref_taps_madd_pow2_u8),
  E (taps_pairs, 4, 0, draw_taps_pairs, ref_taps_pairs),
  E (pair_i16, 4, 0, draw_pair_i16, ref_pair_i16),
  E (taps_quads, 4, 0, draw_taps_quads, ref_taps_quads),
  E (quad_u8, 4, 0, draw_quad_u8, ref_quad_u8),
  E (load_u8, 4, 0, draw_load, ref_load_u8),
  E (load_u16, 4, 0, draw_load, ref_load_u16),
  E (load_u8_i16, 2, 0, draw_load, ref_load_u8_i16),
  E (load_u8_f64, 8, 0, draw_load, ref_load_u8_f64),
  E (load_u16_f64, 8, 0, draw_load, ref_load_u16_f64),
  E (finish_pow2_u8, 1, 8, draw_finish_int, NULL),
  E (finish_pow2_u16, 2, 16, draw_finish_int, NULL),
  E (finish_div_u8, 1, 8, draw_finish_int, ref_finish_div),
  E (finish_div_u16, 2, 16, draw_finish_int, ref_finish_div),
  E (finish_ref_u8, 1, 8, draw_finish_ref, NULL),
  E (finish_ref_u16, 2, 16, draw_finish_ref, NULL),
  E (finish_ref_f64_u8, 1, 8, draw_finish_ref, NULL),
  E (finish_ref_f64_u16, 2, 16, draw_finish_ref, NULL),
  E (finish_i16_u8, 1, 8, draw_finish_i16, NULL),
  E (finish_ref_i16_u8, 1, 8, draw_finish_ref_i16, NULL),
  E (finish_mag_i16_u8, 1, 8, draw_finish_ref_i16, NULL),
  E (store_lanes, 1, 0, draw_store_lanes, ref_store_lanes),
  E (gather_u8_i16, 2, 0, draw_gather, ref_gather),
  E (scatter_u8, 1, 0, draw_scatter, ref_scatter),
  E (gather_u8, 1, 0, draw_gather_u8, ref_gather_u8),
  E (split2_f32, 4, 0, draw_split2, ref_split2_f32),
  E (split2_i16, 2, 0, draw_split2, ref_split2_i16),
  E (split2_u8_i16, 2, 0, draw_split2_u8, ref_split2_u8_i16),
  E (split2_f64, 8, 0, draw_split2, ref_split2_f64),
};

static bool
has (const VcSimd * t, const Entry * e)
{
  void (*fn) (void);

  memcpy (&fn, (const uint8_t *) t + e->field, sizeof (fn));
  return fn != NULL;
}

/* The bytes of the outputs a call is checked on: the written range and
 * OFFSETS canaries on each side. */
static size_t
span (const Args * a)
{
  size_t end = a->odd_bytes ? a->odd_at + a->odd_bytes : a->even_bytes;

  return a->off + end + OFFSETS;
}

/* The first byte where got differs from want, or lies outside the
 * written range and is no longer the canary; -1 if none. */
static long
first_bad (const Args * a)
{
  for (size_t i = 0; i < span (a); i++) {
    size_t at = i - (size_t) a->off;
    bool written = i >= (size_t) a->off && (at < a->even_bytes ||
        (at >= a->odd_at && at < a->odd_at + a->odd_bytes));

    if (got[i] != want[i] || (!written && got[i] != CANARY))
      return (long) i - a->off;
  }
  return -1;
}

/* The float taps' sums are integers, whose zero has no sign: the C table
 * gives -0 for 0 x a negative sample where the reference (0 + the taps)
 * and the AVX tables give +0. Both read as the integer 0 everywhere after
 * (the finishes convert or compare), so both outputs get +0 there. */
static void
unsign_zeros (const Entry * e, const Args * a)
{
  for (int q = 0; q < a->len; q++) {
    if (e->call == call_taps) {
      ((float *) (got + a->off))[q] += 0.0f;
      ((float *) (want + a->off))[q] += 0.0f;
    } else if (e->call == call_taps_f64) {
      ((double *) (got + a->off))[q] += 0.0;
      ((double *) (want + a->off))[q] += 0.0;
    }
  }
}

/* Fills both outputs with canaries (and the prior contents). */
static void
prepare_outputs (const Args * a)
{
  if (span (a) > BUF_BYTES)
    ck_abort_msg ("%zu bytes of output do not fit BUF_BYTES", span (a));
  memset (got, CANARY, span (a));
  memset (want, CANARY, span (a));
  if (a->keep) {
    memcpy (got + a->off, init, a->even_bytes);
    memcpy (want + a->off, init, a->even_bytes);
  }
}

/* One call of t's entry at this length and offset. */
static void
check_call (const VcSimd * t, const Entry * e, int len, int off)
{
  Args a = { 0 };
  long bad;

  a.len = len;
  a.off = off;
  e->draw (e, t, &a);
  prepare_outputs (&a);
  if (e->ref)
    e->ref (want + off, &a);
  else
    e->call (&vc_simd_c, want + off, &a);
  e->call (t, got + off, &a);
  unsign_zeros (e, &a);
  bad = first_bad (&a);
  /* ck_abort_msg () on failure only: ck_assert_msg () would tell libcheck
   * of every passed call (a write each, which valgrind makes slow). */
  if (bad >= 0)
    ck_abort_msg ("%s.%s, %d samples at offset %d: differs from %s at byte "
        "%ld (lanes %d, ntaps %d, step %d)", t->name, e->name, len, off,
        e->ref ? "the reference" : "c", bad, a.lanes, a.ntaps, a.step);
}

#define N_ENTRIES (sizeof (entries) / sizeof (entries[0]))

/* Whether instruction set isa has entry e checked here: the C table only
 * where there is a reference apart from it. */
static bool
checked (const VcSimdIsa * isa, const Entry * e)
{
  return has (isa->table, e) && (isa->table != &vc_simd_c || e->ref);
}

/* Entry _i % N_ENTRIES of instruction set _i / N_ENTRIES, at every length
 * and offset; stops at the first failure. */
START_TEST (test_entry)
{
  int n;
  const VcSimdIsa *isa = &vc_simd_isas (&n)[_i / N_ENTRIES];
  const Entry *e = &entries[_i % N_ENTRIES];

  if (!isa->cpu_runs () || !checked (isa, e))
    return;
  if (isa->table == &vc_simd_orc)
    vc_simd_orc_prepare ();
  vc_rng_seed (&rng, SEED + _i);
  for (int len = 1; len <= max_len; len++)
    for (int off = 0; off < OFFSETS; off += e->align)
      check_call (isa->table, e, len, off);
  for (size_t k = 0; max_len >= MAX_LEN && k < N_LONG_LENS; k++) {
    check_call (isa->table, e, LONG_LENS[k], 0);
    check_call (isa->table, e, LONG_LENS[k], OFFSETS - e->align);
  }
}
END_TEST

/* Instruction set _i has entries to check, or this CPU cannot run it. */
START_TEST (test_table)
{
  int n, count = 0;
  const VcSimdIsa *isa = &vc_simd_isas (&n)[_i];

  if (!isa->cpu_runs ()) {
    printf ("# %s: skipped, this CPU cannot run it\n", isa->table->name);
    return;
  }
  for (size_t k = 0; k < N_ENTRIES; k++)
    count += checked (isa, &entries[k]);
  printf ("# %s: %d entries checked\n", isa->table->name, count);
  ck_assert_msg (count > 0, "%s: no entries", isa->table->name);
}
END_TEST

/* The table of this name in the core's list, or NULL. */
static const VcSimd *
table_named (const char *name)
{
  int n;
  const VcSimdIsa *isas = vc_simd_isas (&n);

  for (int i = 0; i < n; i++)
    if (strcmp (isas[i].table->name, name) == 0)
      return isas[i].table;
  return NULL;
}

/* The avx512 table has every entry the avx2 table has (its own, or
 * avx2's), whether or not this CPU runs it. */
START_TEST (test_avx512_superset)
{
  const VcSimd *avx2 = table_named ("avx2"), *avx512 = table_named ("avx512");

  if (!avx2 || !avx512)
    return;
  for (size_t k = 0; k < N_ENTRIES; k++)
    ck_assert_msg (!has (avx2, &entries[k]) || has (avx512, &entries[k]),
        "avx512 lacks %s, which avx2 has", entries[k].name);
}
END_TEST

/* avx2-vnni and avx512-vnni are avx2 and avx512, entry for entry, but
 * for taps_quads (vpdpbusd, coefficients up to 127 instead of 64, a quad
 * one instruction); the x86 tables have quads, no other table does; only
 * the avx512 tables are listed as 512-bit (vc_simd_prefers_256 () skips
 * them). */
START_TEST (test_vnni_tables)
{
  static const char *const names[][2] = {
    {"avx2", "avx2-vnni"}, {"avx512", "avx512-vnni"}
  };
  int n;
  const VcSimdIsa *isas = vc_simd_isas (&n);

  for (int i = 0; i < n; i++) {
    const VcSimd *t = isas[i].table;
    bool x86 = t->x86_bits > 0, vnni = strstr (t->name, "-vnni") != NULL;

    ck_assert_int_eq (t->taps_quads != NULL, x86);
    ck_assert_int_eq (t->quad_u8 != NULL, x86);
    ck_assert_int_eq (t->quads_max_coef, vnni ? 127 : x86 ? 64 : 0);
    ck_assert_int_eq (t->quads_one_op, vnni);
    ck_assert_int_eq (isas[i].v512, strncmp (isas[i].table->name, "avx512",
            6) == 0);
  }
  for (size_t i = 0; i < 2; i++) {
    const VcSimd *base = table_named (names[i][0]),
        *vnni = table_named (names[i][1]);

    if (!base || !vnni)
      continue;
    ck_assert_int_eq (vnni->x86_bits, base->x86_bits);
    ck_assert_int_eq (base->x86_bits, i ? 512 : 256);
    for (size_t k = 0; k < N_ENTRIES; k++) {
      void (*a) (void), (*b) (void);

      memcpy (&a, (const uint8_t *) base + entries[k].field, sizeof (a));
      memcpy (&b, (const uint8_t *) vnni + entries[k].field, sizeof (b));
      ck_assert_msg ((a == b) != !strcmp (entries[k].name, "taps_quads"),
          "%s.%s %s %s's", names[i][1], entries[k].name,
          a == b ? "is" : "is not", names[i][0]);
    }
  }
}
END_TEST

/* vc_div16 () is the division: every y for every divisor up to 1024,
 * and for 1024 drawn ones above it and 65535. */
START_TEST (test_div16)
{
  for (int i = 2; i < 2 * 1024; i++) {
    int d = i <= 1024 ? i : i == 1025 ? 65535 :
        vc_rng_range (&rng, 1025, 65534), m, sh;

    vc_div16_magic (d, &m, &sh);
    ck_assert_int_ge (m, 1);
    ck_assert_int_le (m, 65535);
    for (unsigned y = 0; y < 65536; y++)
      if (vc_div16 (y, m, sh) != (int) (y / (unsigned) d))
        ck_abort_msg ("%u / %d: %d", y, d, vc_div16 (y, m, sh));
  }
}
END_TEST

/* vc_div32 () is the division for every y up to the bound it was made
 * for: divisors 1 to 2048 and 2048 drawn up to 2^30, bounds drawn below
 * 2^30; y at 0, the bound, drawn multiples of d and the last y before
 * the next, and drawn. */
START_TEST (test_div32)
{
  for (int i = 1; i <= 4096; i++) {
    uint32_t d = i <= 2048 ? (uint32_t) i :
        (uint32_t) vc_rng_range (&rng, 2049, 1 << 30), m;
    uint32_t ymax = i % 7 == 0 ? (1u << 30) - 1 :
        (uint32_t) vc_rng_range (&rng, 0, (1 << 30) - 1);
    int k;

    ck_assert (vc_div32_magic (d, ymax, &m, &k));
    for (int j = 0; j < 64; j++) {
      uint32_t q = (uint32_t) vc_rng_range (&rng, 0, (int) (ymax / d));
      /* A multiple of d, the last before the next one, or drawn. */
      uint32_t y = j == 0 ? 0 : j == 1 ? ymax : j % 3 == 0 ? q * d :
          j % 3 == 1 ? q * d + (d - 1) :
          (uint32_t) vc_rng_range (&rng, 0, (int) ymax);

      y = y <= ymax ? y : ymax;
      if (vc_div32 (y, m, k) != y / d)
        ck_abort_msg ("%u / %u (bound %u): %u", y, d, ymax,
            vc_div32 (y, m, k));
    }
  }
  ck_assert (!vc_div32_magic (0, 1, &(uint32_t) { 0 }, &(int) { 0 }));
  ck_assert (!vc_div32_magic (3, 1u << 30, &(uint32_t) { 0 }, &(int) { 0 }));
}
END_TEST

/* Only AMD's family 25 (Zen 4 when it has AVX-512) defaults to 256-bit. */
START_TEST (test_prefers_256)
{
  ck_assert (vc_simd_prefers_256 (true, 25));
  ck_assert (!vc_simd_prefers_256 (true, 26));
  ck_assert (!vc_simd_prefers_256 (true, 23));
  ck_assert (!vc_simd_prefers_256 (false, 25));
  ck_assert (!vc_simd_prefers_256 (false, 6));
}
END_TEST

int
main (int argc, char **argv)
{
  Suite *s = suite_create ("core-simd");
  int n;

  vc_simd_isas (&n);
  if (argc > 1)
    max_len = atoi (argv[1]);
  TCase *tables = vc_fixture_tcase (s, "tables");

  tcase_add_loop_test (tables, test_table, 0, n);
  tcase_add_test (tables, test_avx512_superset);
  tcase_add_test (tables, test_vnni_tables);
  tcase_add_test (tables, test_prefers_256);
  tcase_add_test (tables, test_div16);
  tcase_add_test (tables, test_div32);
  tcase_add_loop_test (vc_fixture_tcase (s, "entries"), test_entry, 0,
      n * N_ENTRIES);
  return vc_fixture_run (s);
}
