/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The inner loops of the fast paths, one table per instruction set.
 *
 * vc-simd.c is compiled once per level (the baseline; AVX2 + FMA and
 * AVX-512BW on x86-64, NEON on AArch64) into tables with the same
 * functions; vc-simd-orc.c fills a table whose tap loop is an ORC
 * program. vc-fast.c picks one table per plan (vc_simd_select ()) and
 * never calls an instruction the CPU lacks.
 *
 * All rows here are float rows of "lanes": the described components of
 * consecutive pixels, packed (component c of pixel j at j * C + c). With
 * the fast paths' kernels, every value in these rows is an integer well
 * below 2^24, so float arithmetic on them is exact integer arithmetic.
 */
#ifndef VC_SIMD_H
#define VC_SIMD_H

#include <stdbool.h>
#include <stdint.h>

/* How an accumulator row becomes samples; see vc-fast-finish.c. */
typedef struct
{
  bool absolute;
  int sample_max;
  /* 16-bit lanes hold A modulo 2^16; A = lo + (uint16) (lane - lo) for
   * the lowest possible A of each pass. Then Y = (|A| or A) + bdh_i and
   * out = clamp (Y >> shift), or clamp (floor ((Y + 0.5) * inv_d_f)) when
   * shift < 0 (exact for Y < 2^22). Gradient magnitude with divisor 1:
   * out = clamp (round_half_away (sqrt (A^2 + B^2)) + bdh_i). */
  int lo[2];
  int bdh_i;
  int shift;
  /* Fused 16-bit finish (VC_FUSED_*), when Y fits 16 bits as it is;
   * where shift < 0, out = clamp (floor (max (Y, 0) / div_d)) by
   * vc_div16 () with div_m and div_s from vc_div16_magic (div_d). */
  int fused;
  int div_d, div_m, div_s;
  /* No bias, 1 <= shift <= 15 and A in [0, 32767]: Y >> shift is
   * (A + 2^(shift - 1)) >> shift, which one multiply with rounding gives
   * (vc-simd-fused.c's plain finish, with VC_FUSED_UNSIGNED). */
  bool round16;
  /* Integer finish: out = clamp (floor ((|A| or A) + bdh) * inv_d)),
   * with bdh = bias * D + floor (D / 2) (+ 0.5 when D is not a power of
   * two, then computed in double). */
  float bdh_f, inv_d_f;
  double bdh, inv_d;
  /* The same where D is not a power of two (VC_FINISH_DIV) and div32_m
   * is not 0: Y = (|A| or A) + bdh_i in 32-bit integers and
   * out = clamp (floor (max (Y, 0) / D)) by vc_div32 (), with div32_m
   * and div32_k from vc_div32_magic (D, the bound of Y). */
  uint32_t div32_m;
  int div32_k;
  /* Reference finish: the reference's own double operations on the
   * accumulator times scale (2^-e, undoing the kernel's scaling) minus sub
   * (center x the kernel's sum: the reference sums P - center), with
   * center added back last. */
  double scale, divisor, bias, sub, center;
} VcFinish;

/* The fused finish on 16-bit lanes: Y = (|A| or A) + bdh_i computed in
 * 16 bits and read unsigned or signed, then shifted (or divided, see
 * vc_div16 ()) and clamped. */
enum
{
  VC_FUSED_NONE = 0,
  VC_FUSED_UNSIGNED,
  VC_FUSED_SIGNED,
  VC_FUSED_ABS_UNSIGNED,
  VC_FUSED_ABS_SIGNED,
};

/* floor (y / d) for y in [0, 65535] and an integer d in [2, 65535],
 * from d's magic numbers m and s (vc_div16_magic ()): with t = (y m) >>
 * 16, (t + ((y - t) >> 1)) >> s (T. Granlund and P. L. Montgomery,
 * Division by invariant integers using multiplication, 1994, figure 4.1
 * with N = 16). Every step fits 16 bits (m < 2^16, t <= y), so vectors
 * of 16-bit lanes take the same steps; test-simd checks it against the
 * division for every y. */
static inline int
vc_div16 (unsigned y, int m, int s)
{
  unsigned t = (y * (unsigned) m) >> 16;

  return (int) ((t + ((y - t) >> 1)) >> s);
}

/* l = ceil (log2 d), m = floor (2^16 (2^l - d) / d) + 1, s = l - 1. */
static inline void
vc_div16_magic (int d, int *m, int *s)
{
  int l = 1;

  while ((1 << l) < d)
    l++;
  *m = (int) ((uint32_t) 65536 * (uint32_t) ((1 << l) - d) / (uint32_t) d +
      1);
  *s = l - 1;
}

/* floor (y / d) for y in [0, 2^b), b <= 30, and an integer d in
 * [1, 2^30]: (y m) >> k in 64 bits, where k = b + l, 2^l the least power
 * of two from d, and m = ceil (2^k / d) (vc_div32_magic ()). With
 * e = m d - 2^k in [0, d), y m / 2^k = y / d + y e / (d 2^k), and the
 * excess is below y / 2^k < 2^-l <= 1 / d: not enough to carry y / d,
 * whose fraction is at most (d - 1) / d, past the next integer. m is at
 * most 2^(b + 1) and y m below 2^61. */
static inline uint32_t
vc_div32 (uint32_t y, uint32_t m, int k)
{
  return (uint32_t) (((uint64_t) y * m) >> k);
}

/* m and k of vc_div32 () for d and every y <= ymax; false if d or ymax
 * is out of its range. */
static inline bool
vc_div32_magic (uint32_t d, uint32_t ymax, uint32_t * m, int *k)
{
  int b = 0, l = 0;

  if (d < 1 || d > (1u << 30) || ymax >= (1u << 30))
    return false;
  while ((1u << b) <= ymax)
    b++;
  while ((1u << l) < d)
    l++;
  *k = b + l;
  *m = (uint32_t) ((((uint64_t) 1 << *k) + d - 1) / d);
  return true;
}

/* Which bytes of a 32-byte run of whole pixels of `period` bytes hold
 * the described samples, bytes [first, first + count) of each pixel: bit
 * b for byte b (the byte masks of the stores and blends that write whole
 * pixels). */
static inline uint32_t
vc_run_mask (int period, int first, int count)
{
  uint32_t mask = 0;

  for (int b = 0; b < 32; b++)
    if (b % period >= first && b % period < first + count)
      mask |= 1u << b;
  return mask;
}

/* acc[q] = (accumulate ? acc[q] : 0) + sum_t coef[t] * src[t][q],
 * q in [0, len). */
typedef void (*VcTapsFunc) (float *acc, const float *const *src,
    const float *coef, int ntaps, int len, bool accumulate);
typedef void (*VcLoadU8Func) (float *dst, const uint8_t * src, int n);
/* The same on 16-bit lanes (8-bit samples only): arithmetic modulo 2^16. */
typedef void (*VcTapsI16Func) (uint16_t * acc, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, bool accumulate);
typedef void (*VcLoadU8I16Func) (uint16_t * dst, const uint8_t * src, int n);
typedef void (*VcFinishI16Func) (const VcFinish * f, const uint16_t * acc,
    const uint16_t * acc2, uint8_t * out, int n);
/* Copies components [offset, offset + components) of n pixels of `lanes`
 * samples each from src (packed) to dst (pixel_stride == lanes, the
 * same offset), leaving dst's other samples untouched. */
typedef void (*VcStoreLanesFunc) (void *dst, const void *src, int n,
    int lanes, int offset, int components, int sample_bytes);
typedef void (*VcLoadU16Func) (float *dst, const uint16_t * src, int n);
typedef void (*VcFinishU8Func) (const VcFinish * f, const float *acc,
    const float *acc2, uint8_t * out, int n);
typedef void (*VcFinishU16Func) (const VcFinish * f, const float *acc,
    const float *acc2, uint16_t * out, int n);

typedef struct VcSimd
{
  const char *name;             /* "c", "avx2", "avx512-vnni", "neon"... */
  /* The x86 vector width the table was built for (256: AVX2, 512:
   * AVX-512BW; 0 elsewhere), which the 8-bit cascade's own loops follow
   * (vc-fast-cascade8.c). */
  int x86_bits;
  VcTapsFunc taps;
  VcLoadU8Func load_u8;
  VcLoadU16Func load_u16;
  /* Integer finish, divisor a power of two (float) or not (double). */
  VcFinishU8Func finish_pow2_u8, finish_div_u8;
  VcFinishU16Func finish_pow2_u16, finish_div_u16;
  /* Reference finish (acc2 may be NULL: no gradient magnitude). */
  VcFinishU8Func finish_ref_u8;
  VcFinishU16Func finish_ref_u16;
  /* 16-bit lanes. */
  VcTapsI16Func taps_i16;
  VcLoadU8I16Func load_u8_i16;
  VcFinishI16Func finish_i16_u8;
  VcFinishI16Func finish_ref_i16_u8;
  VcFinishI16Func finish_mag_i16_u8;
  VcStoreLanesFunc store_lanes;
  /* Taps and the fused finish in one sweep (NULL where not written).
   * mask: the bytes of each 32 to store (bit i: byte i), ~0 for all; only
   * tables with masked_stores take another. */
  void (*taps_i16_finish) (uint8_t * out, const uint16_t * const *src,
      const int16_t * coef, int ntaps, int len, const VcFinish * f,
      uint32_t mask);
  bool masked_stores;
  /* One sample every `step` (2, 3 or 4 vectorize; any works) of an 8-bit
   * row into 16-bit lanes, and finished bytes back out the same way: the
   * single components of packed 4:2:2 (YUY2's U, or V) and of other
   * interleaved planes. */
  void (*gather_u8_i16) (uint16_t * dst, const uint8_t * src, int n,
      int step);
  void (*scatter_u8) (uint8_t * dst, const uint8_t * src, int n, int step);
  /* The same gather into bytes (the 8-bit cascade's padded rows). Each
   * reads no byte past src[(n - 1) step], where a frame may end. */
  void (*gather_u8) (uint8_t * dst, const uint8_t * src, int n, int step);
  /* acc[q] = sum_t coef[t] * src[t][q] on 16-bit lanes from 8-bit
   * samples (the row pass read straight from the frame), or NULL. */
  void (*taps_u8_i16) (uint16_t * acc, const uint8_t * const *src,
      const int16_t * coef, int ntaps, int len);
  /* acc[q] = (accumulate ? acc[q] : 0) + sum_t coef[t] * src[t][q] from
   * 16-bit lanes of samples in [0, 16383] (8-bit samples, padded) into
   * float lanes, or NULL. Sums are taken in 32-bit integers, two taps per
   * multiply (vpmaddwd): exact, and equal to the float taps, when every
   * |coef| <= 32767 and |acc[q]| + sum_t |coef[t] src[t][q]| < 2^24, as
   * on the "-int" classes (vc-fast-kernel.c). */
  void (*taps_madd) (float *acc, const uint16_t * const *src,
      const int16_t * coef, int ntaps, int len, bool accumulate);
  /* taps_madd's sums (accumulate false) finished into bytes as
   * finish_pow2_u8 finishes them, clamped to [0, f->sample_max] with
   * sample_max at most 255, or NULL: the fused path's row pass on the
   * "-int" plans. */
  void (*taps_madd_pow2_u8) (uint8_t * out, const uint16_t * const *src,
      const int16_t * coef, int ntaps, int len, const VcFinish * f);
  /* The same from rows of lane pairs, two taps a lane: src[p][q] holds
   * the samples of taps 2p (low half) and 2p + 1 (high half), coef2[p]
   * their coefficients the same way; NULL where not written. */
  void (*taps_pairs) (float *acc, const uint32_t * const *src,
      const int32_t * coef2, int npairs, int len, bool accumulate);
  /* dst[j] = src[j] | src[j + d] << 16 for j + d < n, else src[j]: a row
   * of 16-bit lanes paired with itself d lanes on, for taps_pairs. */
  void (*pair_i16) (uint32_t * dst, const uint16_t * src, int n, int d);
  /* The same from rows of lane quads, four taps a lane: the bytes of
   * src[p][q], lowest first, hold the 8-bit samples of taps 4p to 4p + 3,
   * and the bytes of coef4[p] their coefficients as int8 the same way,
   * each within +-quads_max_coef. On the x86 tables vpmaddubsw and
   * vpmaddwd, whose pairs of products saturate at int16 (hence 64); on
   * the -vnni tables one vpdpbusd (127); NULL elsewhere
   * (vc-simd-madd.h). */
  void (*taps_quads) (float *acc, const uint32_t * const *src,
      const int32_t * coef4, int nquads, int len, bool accumulate);
  int quads_max_coef;
  /* Whether a quad is one instruction (vpdpbusd, the -vnni tables): then
   * on kernels of many taps the quads beat 16-bit lanes, and
   * vc_fast_plan () weighs the two. */
  bool quads_one_op;
  /* dst[j] = the bytes src[j], src[j + d], src[j + 2d], src[j + 3d],
   * lowest first, 0 for each j + kd >= n: a padded row of 8-bit samples
   * as lane quads for taps_quads. */
  void (*quad_u8) (uint32_t * dst, const uint8_t * src, int n, int d);
  /* 64-bit float lanes: integers exact below 2^53, for sums float cannot
   * hold (16-bit samples with large kernels). */
  void (*taps_f64) (double *acc, const double *const *src,
      const double *coef, int ntaps, int len, bool accumulate);
  void (*load_u8_f64) (double *dst, const uint8_t * src, int n);
  void (*load_u16_f64) (double *dst, const uint16_t * src, int n);
  void (*finish_ref_f64_u8) (const VcFinish * f, const double *acc,
      const double *acc2, uint8_t * out, int n);
  void (*finish_ref_f64_u16) (const VcFinish * f, const double *acc,
      const double *acc2, uint16_t * out, int n);
  void (*split2_f64) (double *even, double *odd, const double *src,
      int n_even, int n_odd, int lanes);
  /* Even and odd pixels of a row of lanes (lanes per pixel 1 to 4). */
  void (*split2_i16) (uint16_t * even, uint16_t * odd, const uint16_t * src,
      int n_even, int n_odd, int lanes);
  void (*split2_f32) (float *even, float *odd, const float *src, int n_even,
      int n_odd, int lanes);
  /* The same from 8-bit samples into 16-bit lanes (the load fused in),
   * or NULL. */
  void (*split2_u8_i16) (uint16_t * even, uint16_t * odd,
      const uint8_t * src, int n_even, int n_odd, int lanes);
  /* The fused separable path (vc-fast-fused.c, vc-simd-fused.c), or
   * NULL: taps_u8_i16 and taps_i16_finish again, the tap count a
   * constant for 3, 5 and 7 (at most VC_FUSED_MAX_TAPS), and the
   * finish's byte mask taken on every table that has it; fused_hpass
   * finishes as finish_i16_u8 does where f->fused is VC_FUSED_NONE.
   * fused_vpass with line2: ntaps + 1 rows, line2 gets the taps' sums on
   * rows[1..ntaps] (the next output row's, taps one row apart); ahead:
   * NULL, or two rows the next call reads first (the same row twice
   * where there is one), asked for from memory lane by lane as this call
   * goes (no effect on the sums). */
  void (*fused_vpass) (uint16_t * line, uint16_t * line2,
      const uint8_t * const *rows, const uint8_t * const *ahead,
      const int16_t * coef, int ntaps, int len);
  void (*fused_hpass) (uint8_t * out, const uint16_t * const *src,
      const int16_t * coef, int ntaps, int len, const VcFinish * f,
      uint32_t mask);
  /* A table whose finishes this one uses (its own when NULL). */
  const struct VcSimd *finish_from;
} VcSimd;

/* The tables are internal to the core: hidden, so that a program that
 * links the core and also loads it inside a plugin (the element tests)
 * has one definition of each, not two that clash. */
#define VC_HIDDEN __attribute__ ((visibility ("hidden")))

extern const VcSimd vc_simd_c VC_HIDDEN;
extern const VcSimd vc_simd_orc VC_HIDDEN;
extern const VcSimd vc_simd_avx2 VC_HIDDEN;
extern const VcSimd vc_simd_avx512 VC_HIDDEN;
extern const VcSimd vc_simd_neon VC_HIDDEN;

/* One instruction set: its table and whether this CPU runs it. */
typedef struct
{
  const VcSimd *table;
  bool (*cpu_runs) (void);
  bool v512;                    /* 512-bit vectors (vc_simd_prefers_256 ()) */
} VcSimdIsa;

/* The one list of the instruction sets this build has (c, orc, then the
 * x86 levels, avx2 and avx512 and the two with VNNI, or neon):
 * vc_simd_select () and the tests iterate it. Sets *n to its length. */
const VcSimdIsa *vc_simd_isas (int *n) VC_HIDDEN;

/* The table to use: the one $VIDEOCONVOLVE_SIMD names (reference, c,
 * orc, avx2, avx512, avx2-vnni, avx512-vnni, neon), else the default for
 * this CPU (see vc-simd-select.c). NULL means the reference: asked for,
 * or the named table cannot run on this CPU; *why then says which. */
const VcSimd *vc_simd_select (const char **why);

/* Whether a CPU of this vendor (AMD or not) and family defaults to 256-bit
 * vectors (avx2) though it runs AVX-512 (vc-simd-select.c). */
bool vc_simd_prefers_256 (bool amd, int family) VC_HIDDEN;

/* The entry the -vnni tables have in place of their bases' (vpdpbusd
 * quads), built at each x86 level (vc-simd-madd.h). */
typedef struct
{
  void (*taps_quads) (float *acc, const uint32_t * const *src,
      const int32_t * coef4, int nquads, int len, bool accumulate);
} VcSimdVnni;

extern const VcSimdVnni vc_simd_avx2_vnni VC_HIDDEN;
extern const VcSimdVnni vc_simd_avx512_vnni VC_HIDDEN;

/* Compiles the ORC programs (once); called when a plan picks the table. */
void vc_simd_orc_prepare (void);

#endif /* VC_SIMD_H */
