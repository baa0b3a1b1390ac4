/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The inner loops of the fused separable path (vc-fast-fused.c), compiled
 * once per level as vc-simd.c is (meson passes the same -DVC_SIMD_NAME and
 * -m flags); vc-simd.c's tables point at them.
 *
 * Two loops, each a 16-bit tap sum modulo 2^16 like taps_u8_i16 and
 * taps_i16_finish (see vc-fast-finish.c for why that is exact), but with
 * the tap count a constant for the common sizes (3, 5 and 7: the taps and
 * their coefficients then sit in registers, without a loop per block),
 * and for symmetric taps with 1 at both ends (the binomials: gaussian3
 * and gaussian5, box3, box5) the mirrored taps added before one multiply
 * (3 taps: 1 multiply instead of 3, none for gaussian3's 1, 2, 1; 5 taps:
 * 2 instead of 5):
 *
 *   vpass   the column taps straight from 8-bit rows into a 16-bit strip,
 *           asking for the rows the next call reads first as it goes
 *   hpass   the row taps on that strip, the finish (the fused one, or
 *           finish_i16_u8's where fused is VC_FUSED_NONE), bytes out; with
 *           a byte mask that need not come from masked stores: the bytes
 *           outside it are read and written back as they were (a blend).
 *
 * Written for AVX2 and AVX-512 (the same loops on 32 lanes a vector,
 * the mask through masked stores instead of a blend): on the other levels
 * the entries are NULL and the plan keeps the row-ring path.
 */
#include "vc-simd.h"
#include "vc-simd-vec.h"
#include "vc-simd-fused.h"

#include <stdlib.h>

#if defined(__AVX2__)

#if IVEC == 32
#define imulhrs(a, b) _mm512_mulhrs_epi16 (a, b)
#else
#define imulhrs(a, b) _mm256_mulhrs_epi16 (a, b)
#endif

/* One tap: a multiply and an add, for every coefficient. Adds and
 * subtracts for 1, -1, 2 and -2 (as vc-simd.c's loops have) measured
 * slower here: their choice is a branch per tap and vector. */
#define FTAP(a, x, cv) iadd (a, imul (cv, x))

/* How the taps of a loop are summed: a multiply and an add a tap, the
 * mirrored taps added first (symmetric, the outer pair 1: a kernel of n
 * taps takes n / 2 multiplies), or 1, 2, 1 in three adds as (x0 + x1) +
 * (x1 + x2), whose middle sum two output rows one tap apart share. */
enum
{
  TAPS_ANY,
  TAPS_SYM,
  TAPS_121,
};

/* The sum of n taps on x (loaded by LOAD (row, lane)), summed as kind
 * says. Modulo 2^16 every order gives the same sum. */
#define TAP_SUM(acc, LOAD, r, q, cv, n, kind) \
  do { \
    if ((kind) == TAPS_121) { \
      acc = iadd (iadd (LOAD (r[0], q), LOAD (r[1], q)), \
          iadd (LOAD (r[1], q), LOAD (r[2], q))); \
    } else if ((kind) == TAPS_SYM) { \
      _Pragma ("GCC unroll 16") \
      for (int t = 0; t < (n) / 2; t++) { \
        ivec_t m = iadd (LOAD (r[t], q), LOAD (r[(n) - 1 - t], q)); \
        acc = t == 0 ? m : FTAP (acc, m, cv[t]); \
      } \
      acc = FTAP (acc, LOAD (r[(n) / 2], q), cv[(n) / 2]); \
    } else { \
      _Pragma ("GCC unroll 16") \
      for (int t = 0; t < (n); t++) \
        acc = FTAP (acc, LOAD (r[t], q), cv[t]); \
    } \
  } while (0)

/* TAP_SUM's loads: 8-bit samples widened, 16-bit lanes, or vectors
 * already widened (the lane unused). */
#define WIDEN_AT(row, q) iwiden ((row) + (q))
#define LOAD_AT(row, q) iload ((row) + (q))
#define WIDENED(v, q) (v)

/* How n taps are summed (TAP_SUM ()): 1, 2, 1; symmetric with 1 at both
 * ends (odd n from 3); or any. */
static inline int
taps_kind (const int16_t * coef, int n)
{
  bool sym = n >= 3 && n % 2 == 1 && coef[0] == 1;

  for (int t = 0; sym && t < n / 2; t++)
    sym = coef[t] == coef[n - 1 - t];
  if (sym && n == 3 && coef[1] == 2)
    return TAPS_121;
  return sym ? TAPS_SYM : TAPS_ANY;
}

/* With ahead (two rows the next call reads first, see vc-simd.h), the
 * step at each 64 bytes asks for their line at its own lanes: in place,
 * the frame's rows come from memory, and the hardware's prefetch, which
 * stops at each 4 KiB page, comes late for rows that start one after
 * another. A call later they are in the second-level cache; not in the
 * first, where on long rows (1080p RGB: 5760 lanes) they would push out
 * this call's rows and lines (measured on an Intel Xeon with AVX-512:
 * 0.88 ms against 0.71 for 1080p RGB on avx2). */
#define PREFETCH_AHEAD(a, q) \
  do { \
    __builtin_prefetch ((a)[0] + (q), 0, 2); \
    __builtin_prefetch ((a)[1] + (q), 0, 2); \
  } while (0)

static inline __attribute__ ((always_inline)) void
vpass_body (uint16_t * restrict line, const uint8_t * const *rows,
    const uint8_t * const *ahead, const int16_t * coef, const int n,
    int len, const int sym, const bool pf)
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

    if (pf && !(q & 63))
      PREFETCH_AHEAD (ahead, q);
    TAP_SUM (a0, WIDEN_AT, r, q, cv, n, sym);
    TAP_SUM (a1, WIDEN_AT, r, q + IVEC, cv, n, sym);
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


/* Two lines at once, output rows i and i + 1 of consecutive taps
 * (rows[t] for line, rows[t + 1] for line2): each of the ntaps + 1 rows
 * is loaded and widened once for both, where one line at a time widens
 * each row once per line that reads it. */
static inline __attribute__ ((always_inline)) void
vpass2_body (uint16_t * restrict line, uint16_t * restrict line2,
    const uint8_t * const *rows, const uint8_t * const *ahead,
    const int16_t * coef, const int n, int len, const int sym, const bool pf)
{
  const uint8_t *r[VC_FUSED_MAX_TAPS + 1];
  ivec_t cv[VC_FUSED_MAX_TAPS];
  int c[VC_FUSED_MAX_TAPS];
  /* Set once for gcc, which cannot tell that a runtime n reads only
   * what the loop below loads. */
  ivec_t w[VC_FUSED_MAX_TAPS + 1];
  int q = 0;

  for (int t = 0; t <= n; t++)
    r[t] = rows[t];
  for (int t = 0; t < n; t++) {
    c[t] = coef[t];
    cv[t] = iset1 ((short) c[t]);
  }
  for (int t = 0; t <= VC_FUSED_MAX_TAPS; t++)
    w[t] = izero ();
  for (; q + IVEC <= len; q += IVEC) {
    ivec_t a0, a1;

    if (pf && !(q & 63))
      PREFETCH_AHEAD (ahead, q);
    _Pragma ("GCC unroll 16")
    for (int t = 0; t <= n; t++)
      w[t] = iwiden (r[t] + q);
    a0 = a1 = izero ();
    TAP_SUM (a0, WIDENED, w, 0, cv, n, sym);
    TAP_SUM (a1, WIDENED, (w + 1), 0, cv, n, sym);
    istore (line + q, a0);
    istore (line2 + q, a1);
  }
  for (; q < len; q++) {
    unsigned a = 0, b = 0;

    for (int t = 0; t < n; t++) {
      a += (unsigned) (uint16_t) c[t] * r[t][q];
      b += (unsigned) (uint16_t) c[t] * r[t + 1][q];
    }
    line[q] = (uint16_t) a;
    line2[q] = (uint16_t) b;
  }
}

/* The tap count as a constant where it is 3, 5 or 7, and for these the
 * symmetric sums where the taps are. */
#define BY_TAPS(call) \
  switch (ntaps * 4 + taps_kind (coef, ntaps)) { \
    case 3 * 4 + TAPS_ANY: call (3, TAPS_ANY); break; \
    case 5 * 4 + TAPS_ANY: call (5, TAPS_ANY); break; \
    case 7 * 4 + TAPS_ANY: call (7, TAPS_ANY); break; \
    case 3 * 4 + TAPS_SYM: call (3, TAPS_SYM); break; \
    case 5 * 4 + TAPS_SYM: call (5, TAPS_SYM); break; \
    case 7 * 4 + TAPS_SYM: call (7, TAPS_SYM); break; \
    case 3 * 4 + TAPS_121: call (3, TAPS_121); break; \
    default: call (ntaps, TAPS_ANY); break; \
  }

void
VC_FUSED_VPASS (uint16_t * restrict line, uint16_t * restrict line2,
    const uint8_t * const *rows, const uint8_t * const *ahead,
    const int16_t * coef, int ntaps, int len)
{
#define VPASS(n, sym) vpass_body (line, rows, ahead, coef, n, len, sym, false)
#define VPASS_PF(n, sym) vpass_body (line, rows, ahead, coef, n, len, sym, \
    true)
#define VPASS2(n, sym) vpass2_body (line, line2, rows, ahead, coef, n, len, \
    sym, false)
#define VPASS2_PF(n, sym) vpass2_body (line, line2, rows, ahead, coef, n, \
    len, sym, true)
  if (line2 && ahead) {
    BY_TAPS (VPASS2_PF);
  } else if (line2) {
    BY_TAPS (VPASS2);
  } else if (ahead) {
    BY_TAPS (VPASS_PF);
  } else {
    BY_TAPS (VPASS);
  }
#undef VPASS2_PF
#undef VPASS2
#undef VPASS_PF
#undef VPASS
}

/* The finish of the row-ring path's finish_i16_u8 (vc-simd.c), lane for
 * lane the same operations, for sums whose Y does not fit 16 bits or
 * whose divisor is not a power of two (VC_FUSED_NONE): the true sum
 * A = lo + (uint16) (lane - lo), Y = (|A| or A) + bdh_i in 32 bits, then
 * Y >> shift, or floor ((Y + 0.5) * inv_d_f) in float (exact for
 * |Y| < 2^22), clamped. */
static inline int
wide_one (const VcFinish * f, uint16_t lane)
{
  int a = f->lo[0] + (int) (uint16_t) (lane - (uint16_t) f->lo[0]);
  int y = (f->absolute ? abs (a) : a) + f->bdh_i;
  float x = ((float) y + 0.5f) * f->inv_d_f;
  int t = (int) x;
  int v = f->shift >= 0 ? y >> f->shift : t - (x < (float) t);

  v = v < 0 ? 0 : v;
  return v > f->sample_max ? f->sample_max : v;
}

#if IVEC == 32
/* Sixteen lanes of wide_one (), as 32-bit integers. */
static inline __m512i
wide_half (const VcFinish * f, __m512i x)
{
  __m512i y = _mm512_add_epi32 (x, _mm512_set1_epi32 (f->lo[0]));
  __m512i v;

  if (f->absolute)
    y = _mm512_abs_epi32 (y);
  y = _mm512_add_epi32 (y, _mm512_set1_epi32 (f->bdh_i));
  if (f->shift >= 0) {
    v = _mm512_sra_epi32 (y, _mm_cvtsi32_si128 (f->shift));
  } else {
    __m512 r = _mm512_mul_ps (_mm512_add_ps (_mm512_cvtepi32_ps (y),
            _mm512_set1_ps (0.5f)), _mm512_set1_ps (f->inv_d_f));

    v = _mm512_cvttps_epi32 (_mm512_roundscale_ps (r,
            _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC));
  }
  v = _mm512_max_epi32 (v, _mm512_setzero_si512 ());
  return _mm512_min_epi32 (v, _mm512_set1_epi32 (f->sample_max));
}

/* 32 lanes of wide_one (), as 16-bit lanes in order (each in [0, 255]:
 * the narrowing keeps them). */
static inline __m512i
wide_vec (const VcFinish * f, __m512i a)
{
  __m512i t = _mm512_sub_epi16 (a, _mm512_set1_epi16 ((short) f->lo[0]));
  __m512i v0 = wide_half (f, _mm512_cvtepu16_epi32 (_mm512_castsi512_si256
          (t)));
  __m512i v1 = wide_half (f, _mm512_cvtepu16_epi32
      (_mm512_extracti64x4_epi64 (t, 1)));

  return _mm512_inserti64x4 (_mm512_castsi256_si512 (_mm512_cvtepi32_epi16
          (v0)), _mm512_cvtepi32_epi16 (v1), 1);
}

/* 64 finished bytes: those in mask (per 32), by masked stores
 * (store_bytes ()). */
#define STORE_MASKED(out, v0, v1, all, mask) store_bytes (out, v0, v1, mask)
#else
/* Eight lanes of wide_one (), as 32-bit integers. */
static inline __m256i
wide_half (const VcFinish * f, __m256i x)
{
  __m256i y = _mm256_add_epi32 (x, _mm256_set1_epi32 (f->lo[0]));
  __m256i v;

  if (f->absolute)
    y = _mm256_abs_epi32 (y);
  y = _mm256_add_epi32 (y, _mm256_set1_epi32 (f->bdh_i));
  if (f->shift >= 0) {
    v = _mm256_sra_epi32 (y, _mm_cvtsi32_si128 (f->shift));
  } else {
    __m256 r = _mm256_mul_ps (_mm256_add_ps (_mm256_cvtepi32_ps (y),
            _mm256_set1_ps (0.5f)), _mm256_set1_ps (f->inv_d_f));

    v = _mm256_cvttps_epi32 (_mm256_floor_ps (r));
  }
  v = _mm256_max_epi32 (v, _mm256_setzero_si256 ());
  return _mm256_min_epi32 (v, _mm256_set1_epi32 (f->sample_max));
}

/* Sixteen lanes of wide_one (), as 16-bit lanes in order. */
static inline __m256i
wide_vec (const VcFinish * f, __m256i a)
{
  __m256i t = _mm256_sub_epi16 (a, _mm256_set1_epi16 ((short) f->lo[0]));
  __m256i v0 = wide_half (f, _mm256_cvtepu16_epi32 (_mm256_castsi256_si128
          (t)));
  __m256i v1 = wide_half (f, _mm256_cvtepu16_epi32
      (_mm256_extracti128_si256 (t, 1)));

  return _mm256_permute4x64_epi64 (_mm256_packs_epi32 (v0, v1), 0xD8);
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

#define STORE_MASKED(out, v0, v1, all, keep) \
  store_blend (out, v0, v1, all, keep)
#endif

/* The commonest finish as a constant (see hpass_body ()): unsigned sums
 * shifted (a power-of-two divisor from 2, no |.|), every byte written.
 * Then Y >> shift is at most 32767, which the pack to bytes (signed
 * saturation) clamps to 255, the one sample_max of this 8-bit path: no
 * clamp of its own. */
static inline bool
plain_finish (const VcFinish * f, uint32_t mask)
{
  return f->fused == VC_FUSED_UNSIGNED && f->shift >= 1 && mask == ~0u;
}

/* The same with a divisor that is not a power of two (box3's 9): the
 * division of fused_vec () (fused_div ()), without its tests. */
static inline bool
plain_div (const VcFinish * f, uint32_t mask)
{
  return f->fused == VC_FUSED_UNSIGNED && f->shift < 0 && mask == ~0u;
}

/* With plain (plain_finish () holds), the finish is two operations and
 * the stores whole, with no branch in the loop: fused_vec ()'s tests on
 * the finish stay in the loop otherwise (gcc 12 does not move them out).
 * gaussian3 on 1080p RGB, in place, took 1.24 times the time with them
 * (AVX2, family 26), 1.31 on GRAY8. With round as well (f->round16: no
 * bias, A in [0, 32767]), (A + 2^(s - 1)) >> s is one vpmulhrsw by
 * 2^(15 - s): (A 2^(15 - s) + 2^14) >> 15, the same integer. */
static inline __attribute__ ((always_inline)) void
hpass_body (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, const int n, int len, const VcFinish * f,
    uint32_t mask, const bool wide, const int sym, const bool plain,
    const bool round, const bool div)
{
  const uint16_t *s[VC_FUSED_MAX_TAPS];
  ivec_t cv[VC_FUSED_MAX_TAPS];
  int c[VC_FUSED_MAX_TAPS];
  /* A copy the byte stores cannot alias: its fields stay in registers
   * and the finish's branches leave the loop. */
  const VcFinish fin = *f;
  const ivec_t bdh = iset1 ((short) fin.bdh_i);
  const ivec_t max = iset1 ((short) fin.sample_max);
  const ishift_t shift = fused_shift (&fin);
  const ivec_t dm = fused_m (&fin);
  const ivec_t rnd = iset1 ((short) (round ? 1 << (15 - fin.shift) : 0));
#if IVEC == 32
  const uint32_t keep = mask;
#else
  const bool all = mask == ~0u;
  const __m256i keep = blend_mask (mask);
#endif
  int q = 0;

  for (int t = 0; t < n; t++) {
    s[t] = src[t];
    c[t] = coef[t];
    cv[t] = iset1 ((short) c[t]);
  }
  for (; q + 2 * IVEC <= len; q += 2 * IVEC) {
    ivec_t a0 = izero (), a1 = izero ();

    TAP_SUM (a0, LOAD_AT, s, q, cv, n, sym);
    TAP_SUM (a1, LOAD_AT, s, q + IVEC, cv, n, sym);
    if (div)
      STORE_MASKED (out + q, fused_div (iadd (a0, bdh), true, shift, dm,
              max), fused_div (iadd (a1, bdh), true, shift, dm, max), true,
          keep);
    else if (plain && round)
      STORE_MASKED (out + q, imulhrs (a0, rnd), imulhrs (a1, rnd), true,
          keep);
    else if (plain)
      STORE_MASKED (out + q, isrl (iadd (a0, bdh), shift),
          isrl (iadd (a1, bdh), shift), true, keep);
    else if (wide)
      STORE_MASKED (out + q, wide_vec (&fin, a0), wide_vec (&fin, a1), all,
          keep);
    else
      STORE_MASKED (out + q, fused_vec (&fin, a0, bdh, shift, dm, max),
          fused_vec (&fin, a1, bdh, shift, dm, max), all, keep);
  }
  for (; q < len; q++) {
    unsigned a = 0;

    if (!(mask >> (q % 32) & 1))
      continue;
    for (int t = 0; t < n; t++)
      a += (unsigned) (uint16_t) c[t] * s[t][q];
    out[q] = (uint8_t) (wide ? wide_one (f, (uint16_t) a) :
        fused_one (f, (uint16_t) a));
  }
}

void
VC_FUSED_HPASS (uint8_t * restrict out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f,
    uint32_t mask)
{
#define HPASS(n, sym) hpass_body (out, src, coef, n, len, f, mask, false, \
    sym, false, false, false)
#define HPASS_PLAIN(n, sym) hpass_body (out, src, coef, n, len, f, mask, \
    false, sym, true, false, false)
#define HPASS_ROUND(n, sym) hpass_body (out, src, coef, n, len, f, mask, \
    false, sym, true, true, false)
#define HPASS_DIV(n, sym) hpass_body (out, src, coef, n, len, f, mask, \
    false, sym, false, false, true)
#define HPASS_WIDE(n, sym) hpass_body (out, src, coef, n, len, f, mask, true, \
    sym, false, false, false)
  if (plain_finish (f, mask) && f->round16) {
    BY_TAPS (HPASS_ROUND);
  } else if (plain_finish (f, mask)) {
    BY_TAPS (HPASS_PLAIN);
  } else if (plain_div (f, mask)) {
    BY_TAPS (HPASS_DIV);
  } else if (f->fused != VC_FUSED_NONE) {
    BY_TAPS (HPASS);
  } else {
    BY_TAPS (HPASS_WIDE);
  }
#undef HPASS_WIDE
#undef HPASS_DIV
#undef HPASS_PLAIN
#undef HPASS
}

#endif
