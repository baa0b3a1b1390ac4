/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, cascade on 8-bit samples ("box-cascade-u8"): the
 * box-cascade plan (vc-fast-cascade.c) in the common case, one lane per
 * pixel (several components: one after the other), stride and dilation
 * 1, with no bias, and a center only where it cancels (below), where all
 * the sums are small enough for the lanes below. It comes before the box
 * path: a single box is a cascade of one.
 *
 *   padded rows (bytes, ring 0)
 *     | down: the column boxes, fused, chunks of 512 lanes (uint32_t;
 *     | the first box uint16_t where another follows)
 *   column sums V of GROUP output rows (the last ring)
 *     | 8 x 8 transposes: lane p of row r at p GROUP + r
 *   one sweep across: the row boxes on GROUP rows side by side
 *     | (uint64_t; uint32_t where the sums allow, see below)
 *   the finish, 8 columns at a time, bytes transposed back into dst
 *
 * On the avx2 and avx512 tables, where the sums fit 32 bits and either
 * the float finish is exact (f->cas8_f32, see below) or there is one box
 * across (f->cas8_rows), the sweep across and the finish go row by row
 * instead (across_row ()), each row as soon as it is down: running sums
 * a vector at a time from sums of shifted differences, no carry from
 * lane to lane, no transposes, bytes straight into dst. Where there is
 * one box each way (f->cas8_hfirst), by rows goes across first instead
 * (run_hfirst ()): the row box on the padded row's bytes in 16-bit lanes
 * (its sums below 255 w <= 65025), twice the lanes a vector (on avx2 two
 * rows at once, a 128-bit half each), then the box down on those rows of
 * row sums in 32-bit lanes, each output row finished as it is made.
 *
 * On avx2 and avx512 otherwise (the transposed sweep), down goes by
 * blocks of GROUP padded rows (run_blocks ()): a vector (8 or 16 lanes)
 * at a time down the whole block, each box's running sum in a register,
 * the last box's sums of the block's rows transposed in registers
 * straight into the sweep's input. The same sums; the rows of column
 * sums are neither stored nor read back for the transposes. With three
 * boxes down, the middle box's sums are not kept (see DownBlock), and
 * where the first box allows, the block runs on 16-bit lanes
 * (DOWN3_BLOCK ()). Where the first box across fits 32 bits
 * (f->cas8_a32), the sweep finishes its sums as it makes them and
 * stores the bytes sixteen columns at a time (the fused sweep, after the
 * finish below): the sums across are never stored.
 *
 * Down first. Each padded row goes through the column factor's boxes in
 * uint32_t lanes, each box's input kept in a ring as on the general path
 * (the padded rows as bytes): the column sums V of an output row are
 * below 255 w1 ... wn < 2^31, exact in uint32_t (wrapping on the way is
 * harmless: the final value fits). The first box's sums, below 255 w1 <=
 * 255^2 < 2^16, go in uint16_t lanes where a second box takes them: half
 * the bytes of its ring and of its reads. Then across, on GROUP output rows at
 * once, so that a running sum's chain is one add per GROUP samples, not
 * one per sample; the sums S are below 2^50, exact in uint64_t lanes
 * (AVX2: the first box on uint32_t lanes where its sums fit 32 bits).
 *
 * The finish. With center 0 and bias 0 the reference makes
 *   out = clamp (round_half_away (X / d)),  X = |Y| or Y
 * where Y = A sgn (divisor) = k S (k: the factors' last taps, the
 * divisor's sign) and d = |divisor| 2^(e + shift), an integer. Its double
 * quotient rounds to the same integer as the exact one: the exact
 * quotient is a half integer exactly (then the double is too) or at least
 * 1 / (2 d) from one, more than its rounding error |X / d| 2^-53 while
 * |X| < 2^50. Negative quotients clamp to 0 either way, and for X >= 0
 * round_half_away (X / d) = floor ((X + floor (d / 2)) / d) (for odd d,
 * X / d is never a half integer) = floor (y / d) with y = X + floor (d /
 * 2) + 0.5, which is never an integer multiple of d: y / d is at least
 * 0.5 / d from an integer, more than the error of y times a rounded 1 / d
 * (|y / d| 2^-52, |y| < 2^51), so floor (y * (1 / d)) in double is exact.
 * Where |X| + d < 2^22 (f->cas8_f32), the same in float lanes is exact
 * too (the float lanes' integer finish in vc-fast-finish.c), and the
 * sums across stay in uint32_t.
 *
 * A center c (chroma) cancels where k W = d, W the product of the boxes'
 * widths (the kernel's sum is its divisor: preset=gaussian) and neither
 * bias nor absolute: the reference makes round (k (S - c W) / d + c) =
 * round (k S / d), the same real number, and its two double roundings
 * (the quotient, then + c) cannot cross a half integer for the reason
 * above (|X| < 2^50, d <= 2^40). The padded samples are then the plain
 * ones, the constant border's (plan->border_word) included.
 */
#include "vc-fast-private.h"

#include <math.h>
#include <string.h>

#if defined(VC_HAVE_X86_PATHS) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_TRANSPOSE 1
/* The AVX-512 variants: 512-bit vectors for the optimizer's loops too
 * (an option clang's target attribute does not take). */
#ifdef __clang__
#define VC_AVX512 __attribute__ ((target ("avx512f,avx512bw,avx512vl,fma")))
#else
#define VC_AVX512 __attribute__ ((target \
        ("avx512f,avx512bw,avx512vl,fma,prefer-vector-width=512")))
#endif
#endif

#define GROUP 8
/* Slots of each ring across written twice (see the fused sweep). */
#define RING_MIRROR 16
/* 2^52's bits as a double. */
#define E52 ((uint64_t) 0x4330000000000000ull)
#define ALIGN8(x) (((x) + 7) & ~(size_t) 7)
#define ALIGN32(x) (((x) + 31) & ~(size_t) 31)

/* Steps of the rings across: a power of two above the widths of the
 * row factor's boxes after the first, at least RING_MIRROR. Each ring
 * has RING_MIRROR slots more (see the fused sweep). */
static size_t
ring_steps (const VcFast * f)
{
  size_t steps = RING_MIRROR;

  for (int b = 1; b < f->cas[1].n; b++)
    while (steps <= (size_t) f->cas[1].w[b])
      steps *= 2;
  return steps;
}

/* Slots of the rings down: ring 0 the padded rows (bytes) for the
 * first box, ring b (1 to n, or 1 without boxes down) the sums of box b -
 * 1 (uint32_t; ring 1 uint16_t but as the last, see lane_bytes ()),
 * which box b takes; the last ring's GROUP slots are read
 * GROUP rows at a time across. */
static int
down_rings (const VcFast * f)
{
  return f->cas[0].n > 0 ? f->cas[0].n : 1;
}

/* Bytes of a lane of ring b >= 1: 2 for the first box's sums where
 * another box takes them (255 w < 2^16), else 4. */
static size_t
lane_bytes (const VcFast * f, int b)
{
  return b == 1 && f->cas[0].n >= 2 ? 2 : 4;
}

/* Bytes from one slot of a ring to the next for rows of `bytes`: an odd
 * number of cache lines, so that a row and the rows a box reads back (w
 * slots away) are at the same offset within a 4 KB page only where w is
 * a multiple of 64. At the same offset, a store and the next loads from
 * the other row falsely depend on each other (4 KB aliasing), and the
 * loads wait: rows of 8 KB cost sigma 20 a tenth of its time. */
static size_t
odd_lines (size_t bytes)
{
  bytes = ALIGN64 (bytes);
  return bytes / 64 % 2 ? bytes : bytes + 64;
}

/* The same of ring b (0: bytes) for rows of gw lanes. */
static size_t
slot_bytes (const VcFast * f, size_t gw, int b)
{
  return odd_lines (gw * (b ? lane_bytes (f, b) : 1));
}

static int
slots8 (const VcFast * f, int b)
{
  /* By rows each row goes across as soon as it is down (see
   * run_component ()). */
  if (b == down_rings (f))
    return f->cas8_rows ? 2 : GROUP;
  if (b == 0)
    return f->cas[0].n == 0 ? 1 : f->cas[0].w[0] + GROUP;
  /* Read back by the blocks' D too (see DownBlock). */
  if (f->cas[0].n >= 3 && b == f->cas[0].n - 2)
    return f->cas[0].w[b] + f->cas[0].w[b + 1] + 1;
  return f->cas[0].w[b] + 1;
}

/* Across first (f->cas8_hfirst): zero bytes before the padded row, at
 * least as many as its row box's loads reach before lane 0 (w + 32:
 * from lane x - w - 1, x > -32, see hrow_box##L ()). */
static size_t
hfirst_guard (const VcFast * f)
{
  return ALIGN64 ((size_t) f->cas[1].w[0] + 65);
}

/* Lanes of its rows of row sums and of its column sums C: out_w and 32
 * of room (the row box stores whole vectors). */
static size_t
hfirst_lanes (const VcGeometry * g)
{
  return ALIGN8 ((size_t) g->out_w) + 32;
}

/* Bytes from one row of row sums to the next (see odd_lines ()). */
static size_t
hfirst_slot (const VcGeometry * g)
{
  return odd_lines (hfirst_lanes (g) * 2);
}

/* Whether its row box goes by pair sums (hrow_d2_##L ()): on avx512
 * (avx2 takes two rows at once instead, hrow_box_two8 ()) where the box
 * spans four vectors, so that P[x - w] comes from stores at least four
 * steps back. From fewer, a load across two recent stores waits for them
 * (the 101-wide box, 3.2 vectors, is slower by pairs on the Intel
 * host). */
static bool
hfirst_pairs (const VcFast * f)
{
  return f->cas8_avx512 && f->cas[1].w[0] >= 4 * 32;
}

/* Lanes of its row of pair sums before lane 0 and from it: as far back
 * as the steps' first lane less w, as far on as the padded row and a
 * vector; none where the row box does not go by pairs. */
static size_t
hfirst_pairs_before (const VcFast * f)
{
  return ALIGN64 ((size_t) f->cas[1].w[0] + 64);
}

static size_t
hfirst_pairs_lanes (const VcFast * f, const VcGeometry * g)
{
  if (!hfirst_pairs (f))
    return 0;
  return hfirst_pairs_before (f) + ALIGN64 ((size_t) g->need_w + 64);
}

/* Padded rows its row box takes at once (hrow_box_two8 () on avx2), and
 * the rows of row sums its ring holds: the box's height and those rows
 * (made before the first of them goes down). */
#define HFIRST_AT_ONCE 2

static int
hfirst_ring (const VcFast * f)
{
  return f->cas[0].w[0] + HFIRST_AT_ONCE;
}

/* Its scratch: HFIRST_AT_ONCE padded rows, each between its zeros (64
 * bytes after), the ring of rows of row sums and a row of zeros, the
 * column sums C (uint32_t), the row of pair sums (uint16_t). */
static size_t
hfirst_bytes (const VcFast * f, const VcGeometry * g)
{
  return HFIRST_AT_ONCE * (hfirst_guard (f) + ALIGN64 ((size_t) g->need_w +
          64)) + (size_t) (hfirst_ring (f) + 1) * hfirst_slot (g) +
      ALIGN64 (hfirst_lanes (g) * 4) + hfirst_pairs_lanes (f, g) * 2;
}

/* Bytes of the scratch: the rings down and a row of zeros, the transpose
 * of GROUP rows of column sums (after w[0] steps of zeros), the rings
 * across, the sums across (GROUP lanes of spare for the finish's last
 * block) and GROUP rows of samples. Lanes: need_w of a ring row, out_w
 * of a row of samples, both to a multiple of 8. */
static size_t
cascade8_bytes (const VcFast * f, const VcGeometry * g)
{
  size_t gw = ALIGN32 ((size_t) g->need_w), ow = ALIGN8 ((size_t) g->out_w);
  size_t rows = ALIGN64 (gw * 4), pad = f->cas[1].n ?
      (size_t) f->cas[1].w[0] : 0;
  size_t rings = f->cas[1].n > 1 ? (size_t) (f->cas[1].n - 1) : 0;

  if (f->cas8_hfirst)
    return hfirst_bytes (f, g);
  for (int b = 1; b <= down_rings (f); b++)
    rows += (size_t) slots8 (f, b) * slot_bytes (f, gw, b);
  rows += ALIGN64 (gw * 4);     /* the blocks' D */
  return (size_t) slots8 (f, 0) * slot_bytes (f, gw, 0) + rows +
      ALIGN64 ((pad + gw) * GROUP * 4) +
      ALIGN64 (rings * (ring_steps (f) + RING_MIRROR) * GROUP * 8) +
      ALIGN64 ((gw + GROUP) * GROUP * 8) + ALIGN64 (ow * GROUP);
}

/* Product of the widths of one axis' boxes. */
static double
widths (const VcFast * f, int axis)
{
  double p = 1;

  for (int b = 0; b < f->cas[axis].n; b++)
    p *= f->cas[axis].w[b];
  return p;
}

/* Whether a cascade plan (f->cascade) also takes the 8-bit variant, and
 * its scratch (added to *scratch_size). sign: the one the finish chose
 * (-1: A negated for a negative divisor). The kernel times 2^e is made of
 * integers on both exact lanes (ks->exact: float or 16-bit) and 64-bit
 * float lanes (f->f64). */
void
vc_fast_plan_cascade8 (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign, size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  double d = fabs (plan->divisor) * ldexp (1.0, ks->e + plan->shift);
  double k = (double) f->cas_coef * sign * (plan->divisor < 0 ? -1 : 1);
  double v = 255 * widths (f, 0);
  /* A bound on |X|: the column sums' times the row boxes' and k. */
  double x_max = v * widths (f, 1) * fabs (k);

  f->cas8 = false;
  /* A center cancels where the kernel's sum is the divisor (see the
   * header): chroma under preset=gaussian. */
  if (plan->center != 0 && (plan->absolute ||
          k * widths (f, 0) * widths (f, 1) != d))
    return;
  if (!f->cascade || !(ks->exact || f->f64) ||
      plan->sample_type != VC_SAMPLE_U8 ||
      plan->shift != 0 || plan->bias != 0 ||
      g->sx != 1 || g->sy != 1 || g->dx != 1 ||
      g->dy != 1 || d != floor (d) || d < 1 || d > ldexp (1.0, 40) ||
      v >= ldexp (1.0, 31) || x_max >= ldexp (1.0, 50))
    return;
  f->cas8 = true;
  /* One component at a time: a lane per pixel, and the strided row
   * copies and stores (the tables' gather_u8 and scatter_u8) pick it
   * out of the pixels. */
  f->cas8_each = f->components;
  f->components = 1;
  f->cas8_k = k;
  f->cas8_d = d;
  f->cas8_a32 = f->cas[1].n > 0 && v * f->cas[1].w[0] < ldexp (1.0, 32);
  /* Three boxes down in 16-bit lanes (see DOWN3_BLOCK ()). */
  f->cas8_d16 = f->cas[0].n == 3 && 2 * 255 * f->cas[0].w[0] < 32768;
  f->cas8_f32 = x_max + d < ldexp (1.0, 22);
  /* The finish's quotient is below (|X| + d) / d: where that is below
   * 2^30 its conversion to int32 cannot overflow, and the packs to bytes
   * saturate it to [0, 255] (see finish4 ()). */
  f->cas8_clamp = (x_max + d) / d >= ldexp (1.0, 30);
#ifdef HAVE_AVX2_TRANSPOSE
  f->cas8_avx512 = f->simd->x86_bits == 512;
  f->cas8_avx2 = f->simd->x86_bits >= 256;
  /* By rows (across_row ()) where every sum fits uint32_t and the
   * finish's quotient int32 (no clamp); in double lanes for one box
   * across at most: with more the transposed sweep is faster. */
  f->cas8_rows = f->cas8_avx2 && (f->cas8_f32 || (f->cas[1].n <= 1 &&
          v * widths (f, 1) < ldexp (1.0, 32) && !f->cas8_clamp));
  /* Across first where there is one box each way (run_hfirst ()). */
  f->cas8_hfirst = f->cas8_rows && f->cas[0].n == 1 && f->cas[1].n == 1 &&
      255 * f->cas[1].w[0] < 65536;
  /* Its box down on 16-bit differences (hdown_words##L ()). */
  f->cas8_words = f->cas8_hfirst && 255 * f->cas[1].w[0] < 32768;
#endif
  f->cas8_at = *scratch_size;
  *scratch_size += cascade8_bytes (f, g);
}

/* dst[k GROUP + r] = src[r][k], r and k in [0, 8). */
static void
transpose8_c (const uint32_t * const *src, uint32_t * dst)
{
  for (size_t r = 0; r < 8; r++)
    for (size_t k = 0; k < 8; k++)
      dst[k * GROUP + r] = src[r][k];
}

#ifdef HAVE_AVX2_TRANSPOSE
/* The same in AVX2 from registers (r[i]: row i): pairs of 32-bit lanes,
 * then of 64-bit, then the 128-bit halves; lane k to dst + k step
 * GROUP. */
__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) void
transpose8_step (const __m256i * r, uint32_t * dst, size_t step)
{
  __m256i t[8], u[8];

  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_epi32 (r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_epi32 (r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    u[i] = _mm256_unpacklo_epi64 (t[i], t[i + 2]);
    u[i + 1] = _mm256_unpackhi_epi64 (t[i], t[i + 2]);
    u[i + 2] = _mm256_unpacklo_epi64 (t[i + 1], t[i + 3]);
    u[i + 3] = _mm256_unpackhi_epi64 (t[i + 1], t[i + 3]);
  }
  for (int i = 0; i < 4; i++) {
    _mm256_storeu_si256 ((__m256i *) (dst + i * step * GROUP),
        _mm256_permute2x128_si256 (u[i], u[i + 4], 0x20));
    _mm256_storeu_si256 ((__m256i *) (dst + (i + 4) * step * GROUP),
        _mm256_permute2x128_si256 (u[i], u[i + 4], 0x31));
  }
}

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) void
transpose8_regs (const __m256i * r, uint32_t * dst)
{
  transpose8_step (r, dst, 1);
}

/* Two of them, e the even lanes of 16 (lane k: lane 2 k), o the odd
 * ones, lane p to dst + p GROUP. */
__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) void
transpose8_pair (const __m256i * e, const __m256i * o, uint32_t * dst)
{
  transpose8_step (e, dst, 2);
  transpose8_step (o, dst + GROUP, 2);
}

__attribute__ ((target ("avx2")))
static void
transpose8_avx2 (const uint32_t * const *src, uint32_t * dst)
{
  __m256i r[8];

  for (int i = 0; i < 8; i++)
    r[i] = _mm256_loadu_si256 ((const __m256i *) src[i]);
  transpose8_regs (r, dst);
}
#endif

/* GROUP rows transposed in blocks of 8 x 8 along n lanes (a multiple of
 * 8): dst[p GROUP + r] = rows[r][p]. */
static void
transpose_rows (const VcFast * f, uint32_t * const *rows, uint32_t * dst,
    size_t n)
{
  for (size_t p = 0; p < n; p += 8) {
    const uint32_t *src[GROUP];

    for (int r = 0; r < GROUP; r++)
      src[r] = rows[r] + p;
#ifdef HAVE_AVX2_TRANSPOSE
    if (f->cas8_avx2) {
      transpose8_avx2 (src, dst + p * GROUP);
      continue;
    }
#endif
    transpose8_c (src, dst + p * GROUP);
  }
}

/* Box 0 down: out = own + x - x_old (own: its sums a row up, x_old: the
 * padded row w[0] rows up; rows before the band's first: zeros). */
static inline __attribute__ ((always_inline)) void
down_first (uint32_t * restrict out, const uint32_t * restrict own,
    const uint8_t * restrict x, const uint8_t * restrict x_old, size_t n)
{
  for (size_t q = 0; q < n; q++)
    out[q] = own[q] + (x[q] - (uint32_t) x_old[q]);
}

/* The same on uint16_t lanes (ring 1 where another box takes them). */
static inline __attribute__ ((always_inline)) void
down_first16 (uint16_t * restrict out, const uint16_t * restrict own,
    const uint8_t * restrict x, const uint8_t * restrict x_old, size_t n)
{
  for (size_t q = 0; q < n; q++)
    out[q] = (uint16_t) (own[q] + (x[q] - x_old[q]));
}

/* Box 1 down from box 0's sums on uint16_t lanes. */
static inline __attribute__ ((always_inline)) void
down_next16 (uint32_t * restrict out, const uint32_t * restrict own,
    const uint16_t * restrict in, const uint16_t * restrict gone, size_t n)
{
  for (size_t q = 0; q < n; q++)
    out[q] = own[q] + ((uint32_t) in[q] - gone[q]);
}

/* Box b > 0 down: out = own + in - gone (in: box b - 1's sums, gone:
 * theirs w[b] rows up). */
static inline __attribute__ ((always_inline)) void
down_next (uint32_t * restrict out, const uint32_t * restrict own,
    const uint32_t * restrict in, const uint32_t * restrict gone, size_t n)
{
  for (size_t q = 0; q < n; q++)
    out[q] = own[q] + (in[q] - gone[q]);
}

#ifdef HAVE_AVX2_TRANSPOSE
/* Unaligned 256-bit loads and stores (of the first box down, the sweep
 * and the row box). */
#define LOAD256(p) _mm256_loadu_si256 ((const __m256i *) (p))
#define STORE256(p, v) _mm256_storeu_si256 ((__m256i *) (p), (v))

/* down_first () on L lanes a vector, each L bytes widened by one load
 * (WIDEN); on AVX-512 the optimizer's loop widened each 64 bytes through
 * halves and quarters. */
#define DOWN_FIRST(NAME, ATTR, L, WIDEN, LOAD, STORE, ADD, SUB) \
ATTR static void \
NAME (uint32_t * restrict out, const uint32_t * restrict own, \
    const uint8_t * restrict x, const uint8_t * restrict x_old, size_t n) \
{ \
  size_t q = 0; \
  \
  for (; q + L <= n; q += L) \
    STORE (out + q, ADD (LOAD (own + q), SUB (WIDEN (x + q), \
                WIDEN (x_old + q)))); \
  down_first (out + q, own + q, x + q, x_old + q, n - q); \
}
#define WIDEN8(p) _mm256_cvtepu8_epi32 (_mm_loadl_epi64 ((const __m128i *) \
        (p)))
#define WIDEN16(p) _mm512_cvtepu8_epi32 (_mm_loadu_si128 ((const __m128i *) \
        (p)))
DOWN_FIRST (down_first_avx2, __attribute__ ((target ("avx2"))), 8, WIDEN8,
    LOAD256, STORE256, _mm256_add_epi32, _mm256_sub_epi32)
DOWN_FIRST (down_first_avx512, VC_AVX512, 16, WIDEN16, _mm512_loadu_si512,
    _mm512_storeu_si512, _mm512_add_epi32, _mm512_sub_epi32)
#undef WIDEN8
#undef WIDEN16
#undef DOWN_FIRST
#endif

/* The column factor's nb boxes down on one padded row x, in chunks of
 * lanes that stay in L1 from one box to the next: box b's sums into
 * now[b] (see down_first () and down_next ()). uint32_t lanes: the
 * column sums are below 2^31, and wrapping on the way is harmless; the
 * first box's in uint16_t where ring 1 holds them so (lane_bytes ()).
 * The first box by down_first_avx2 () or down_first_avx512 () where
 * `bits` says so. */
static inline __attribute__ ((always_inline)) void
down_boxes_body (const VcFast * f, uint32_t * const *now,
    const uint32_t * const *own, const uint32_t * const *gone,
    const uint8_t * x, const uint8_t * x_old, size_t n, int nb, int bits)
{
  for (size_t c = 0; c < n; c += 512) {
    size_t len = n - c < 512 ? n - c : 512;

    if (lane_bytes (f, 1) == 2) {
      down_first16 ((uint16_t *) now[0] + c, (const uint16_t *) own[0] + c,
          x + c, x_old + c, len);
      down_next16 (now[1] + c, own[1] + c, (const uint16_t *) now[0] + c,
          (const uint16_t *) gone[1] + c, len);
    } else
#ifdef HAVE_AVX2_TRANSPOSE
    if (bits == 512)
      down_first_avx512 (now[0] + c, own[0] + c, x + c, x_old + c, len);
    else if (bits == 256)
      down_first_avx2 (now[0] + c, own[0] + c, x + c, x_old + c, len);
    else
#endif
      down_first (now[0] + c, own[0] + c, x + c, x_old + c, len);
    for (int b = 2; b < nb; b++)
      down_next (now[b] + c, own[b] + c, now[b - 1] + c, gone[b] + c, len);
  }
}

VC_BOX_LOOP static void
down_boxes (const VcFast * f, uint32_t * const *now,
    const uint32_t * const *own, const uint32_t * const *gone,
    const uint8_t * x, const uint8_t * x_old, size_t n, int nb)
{
  down_boxes_body (f, now, own, gone, x, x_old, n, nb,
      f->cas8_avx2 ? 256 : 0);
}

#ifdef HAVE_AVX2_TRANSPOSE
/* The same, the optimizer's loops on 512-bit vectors. */
VC_AVX512 static void
down_boxes_avx512 (const VcFast * f, uint32_t * const *now,
    const uint32_t * const *own, const uint32_t * const *gone,
    const uint8_t * x, const uint8_t * x_old, size_t n, int nb)
{
  down_boxes_body (f, now, own, gone, x, x_old, n, nb, 512);
}
#endif

/* Four lanes, of four rows (GCC and Clang vector extensions: an AVX2
 * register, or two SSE2 ones), at any alignment of their elements. */
typedef uint64_t Lanes __attribute__ ((vector_size (32), aligned (8)));
typedef uint32_t Lanes32 __attribute__ ((vector_size (16), aligned (4)));
#define HALVES (GROUP / 4)

/* The row factor's NB boxes across GROUP rows side by side (lane p of
 * row r at p GROUP + r), n lanes, in one sweep: box b's running sum in
 * acc[b], its input (box b - 1's sums) kept in ring b - 1 of mask + 1
 * steps (more than w[b]; zeros before the first). in has w[0] steps of
 * zeros before it. uint64_t lanes (exact: every sum is below 2^51) as
 * the chain of a running sum is then one integer add a step. */
#define ACROSS(NAME, NB) \
VC_BOX_LOOP static void \
NAME (uint64_t * restrict out, const uint32_t * restrict in, size_t n, \
    const int *w, uint64_t * restrict ring, size_t mask, uint64_t bias) \
{ \
  const Lanes32 *x = (const Lanes32 *) in; \
  const Lanes32 *old = (const Lanes32 *) (in - (size_t) w[0] * GROUP); \
  Lanes *o = (Lanes *) out, *rg = (Lanes *) ring; \
  Lanes acc[NB][HALVES] = { { { 0 } } }; \
  \
  for (int h = 0; h < HALVES; h++) \
    acc[NB - 1][h] += bias; \
  for (size_t p = 0; p < n; p++) { \
    for (int h = 0; h < HALVES; h++) \
      acc[0][h] += __builtin_convertvector (x[p * HALVES + h], Lanes) - \
          __builtin_convertvector (old[p * HALVES + h], Lanes); \
    for (int b = 1; b < NB; b++) { \
      Lanes *r = rg + (size_t) (b - 1) * (mask + 1) * HALVES; \
      Lanes *now = r + (p & mask) * HALVES; \
      const Lanes *gone = r + ((p - (size_t) w[b]) & mask) * HALVES; \
      \
      for (int h = 0; h < HALVES; h++) { \
        acc[b][h] += acc[b - 1][h] - gone[h]; \
        now[h] = acc[b - 1][h]; \
      } \
    } \
    for (int h = 0; h < HALVES; h++) \
      o[p * HALVES + h] = acc[NB - 1][h]; \
  } \
}
ACROSS (across1, 1)
ACROSS (across2, 2)
ACROSS (across3, 3)
ACROSS (across4, 4)
#undef ACROSS

#ifdef HAVE_AVX2_TRANSPOSE
/* ---- Down by blocks (avx2, avx512): the column boxes of up to GROUP
 * padded rows, a vector of lanes at a time, each box's running sum kept
 * in a register down the block (read from its ring only at the block's
 * start), the last box's sums of the block's rows transposed in
 * registers straight into k->t for the sweep across: no rows of column
 * sums stored and read back. The same sums as down_boxes (), in the same
 * order per lane.
 *
 * With n >= 3 boxes the sums of box n - 2 are not kept in a ring (ring n
 * - 1, 32-bit lanes, the most bytes written and read back): the last box
 * needs only D(q) = B(q) - B(q - w[n - 1]), B box n - 2's sums, and with
 * A box n - 3's (A(q) - A(q - w[n - 2]) = B(q) - B(q - 1)),
 *   D(q) = D(q - 1) + A(q) - A(q - w[n - 2])
 *          - (A(q - w[n - 1]) - A(q - w[n - 1] - w[n - 2])),
 * a running sum in a register like the others, its input read from ring
 * n - 2 (A's; 16-bit lanes for three boxes), which holds w[n - 2] +
 * w[n - 1] + 1 rows for it. D of a block's last row waits in a row
 * (k->d_row) for the next block. Sums wrap in uint32_t lanes, harmlessly
 * (D is a difference; the last box's sums fit). */
typedef struct
{
  int rows;                     /* padded rows in the block, 1 to GROUP */
  const uint8_t *x[GROUP], *x_old[GROUP];
  const void *own[VC_CASCADE_MAX_BOXES];        /* box b's sums a row before */
  const void *gone[VC_CASCADE_MAX_BOXES][GROUP];        /* b >= 1 */
  void *now[VC_CASCADE_MAX_BOXES][GROUP];       /* all but the last box */
  void *last;                   /* the last box's sums of the last row */
  uint32_t *t;                  /* transposed sums, or NULL */
  /* n >= 3 (see DownBlock): ring n - 2 w[n - 1] and w[n - 1] + w[n -
   * 2] rows back, and D of the row before the block, then of its last. */
  const void *lag[2][GROUP];
  uint32_t *d_row;
} DownBlock;

/* 16 lanes of a ring row from lane c, uint16_t lanes widened (u16). */
VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
sums16 (const void *row, size_t c, bool u16)
{
  if (u16)
    return _mm512_cvtepu16_epi32 (_mm256_loadu_si256 ((const __m256i *)
            ((const uint16_t *) row + c)));
  return _mm512_loadu_si512 ((const uint32_t *) row + c);
}

VC_AVX512 static inline __attribute__ ((always_inline)) void
put_sums16 (void *row, size_t c, __m512i v, bool u16)
{
  if (u16)
    _mm256_storeu_si256 ((__m256i *) ((uint16_t *) row + c),
        _mm512_cvtepi32_epi16 (v));
  else
    _mm512_storeu_si512 ((uint32_t *) row + c, v);
}

/* v[r]: lanes c .. c + 15 of row r; transposed into half[q][m]: lane
 * 8 q + m's GROUP rows in its low 256 bits, lane 8 q + 4 + m's in its
 * high ones. */
VC_AVX512 static inline __attribute__ ((always_inline)) void
transpose16 (const __m512i * v, __m512i half[2][4])
{
  const __m512i il = _mm512_setr_epi64 (0, 1, 8, 9, 2, 3, 10, 11);
  const __m512i ih = _mm512_setr_epi64 (4, 5, 12, 13, 6, 7, 14, 15);
  __m512i a[GROUP], b[GROUP];

  /* a: rows 2i and 2i + 1 interleaved; b[4 h + m]: rows 4 h .. 4 h + 3
   * of lane 4 i + m in 128-bit block i. */
  for (int i = 0; i < 4; i++) {
    a[2 * i] = _mm512_unpacklo_epi32 (v[2 * i], v[2 * i + 1]);
    a[2 * i + 1] = _mm512_unpackhi_epi32 (v[2 * i], v[2 * i + 1]);
  }
  for (int h = 0; h < 2; h++) {
    const __m512i *x = a + 4 * h;

    b[4 * h] = _mm512_unpacklo_epi64 (x[0], x[2]);
    b[4 * h + 1] = _mm512_unpackhi_epi64 (x[0], x[2]);
    b[4 * h + 2] = _mm512_unpacklo_epi64 (x[1], x[3]);
    b[4 * h + 3] = _mm512_unpackhi_epi64 (x[1], x[3]);
  }
  for (int m = 0; m < 4; m++) {
    half[0][m] = _mm512_permutex2var_epi64 (b[m], il, b[m + 4]);
    half[1][m] = _mm512_permutex2var_epi64 (b[m], ih, b[m + 4]);
  }
}

/* The same into t as lane p of row r at p GROUP + r (lanes from c). */
VC_AVX512 static inline __attribute__ ((always_inline)) void
put_transposed16 (const __m512i * v, uint32_t * t)
{
  __m512i half[2][4];

  transpose16 (v, half);
  for (int q = 0; q < 2; q++) {
    const __m512i *x = half[q];
    uint32_t *o = t + q * 8 * GROUP;

    _mm512_storeu_si512 (o, _mm512_shuffle_i64x2 (x[0], x[1], 0x44));
    _mm512_storeu_si512 (o + 16, _mm512_shuffle_i64x2 (x[2], x[3], 0x44));
    _mm512_storeu_si512 (o + 32, _mm512_shuffle_i64x2 (x[0], x[1], 0xee));
    _mm512_storeu_si512 (o + 48, _mm512_shuffle_i64x2 (x[2], x[3], 0xee));
  }
}

/* Two of them, e the even lanes of 32 (lane k: lane 2 k), o the odd
 * ones, into t as lane p of row r at p GROUP + r: each lane's GROUP
 * rows (a 256-bit half) stored on its own. */
VC_AVX512 static inline __attribute__ ((always_inline)) void
put_transposed16_pair (const __m512i * e, const __m512i * o, uint32_t * t)
{
  for (int i = 0; i < 2; i++) {
    __m512i half[2][4];
    uint32_t *p = t + (size_t) i * GROUP;

    transpose16 (i ? o : e, half);
    for (int q = 0; q < 2; q++)
      for (int m = 0; m < 4; m++) {
        _mm256_storeu_si256 ((__m256i *) (p + (size_t) (8 * q + m) * 2 *
                GROUP), _mm512_castsi512_si256 (half[q][m]));
        _mm256_storeu_si256 ((__m256i *) (p + (size_t) (8 * q + 4 + m) * 2 *
                GROUP), _mm512_extracti64x4_epi64 (half[q][m], 1));
      }
  }
}

/* L bytes from p, widened to 32 bits. */
VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
bytes16 (const uint8_t * p)
{
  return _mm512_cvtepu8_epi32 (_mm_loadu_si128 ((const __m128i *) p));
}

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) __m256i
bytes8 (const uint8_t * p)
{
  return _mm256_cvtepu8_epi32 (_mm_loadl_epi64 ((const __m128i *) p));
}

/* The same as sums16 () and put_sums16 () on 8 lanes. */
__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) __m256i
sums8 (const void *row, size_t c, bool u16)
{
  if (u16)
    return _mm256_cvtepu16_epi32 (_mm_loadu_si128 ((const __m128i *)
            ((const uint16_t *) row + c)));
  return _mm256_loadu_si256 ((const __m256i *) ((const uint32_t *) row + c));
}

/* The sums are below 2^16 where u16: the saturating pack keeps them. */
__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) void
put_sums8 (void *row, size_t c, __m256i v, bool u16)
{
  if (u16)
    _mm_storeu_si128 ((__m128i *) ((uint16_t *) row + c), _mm_packus_epi32
        (_mm256_castsi256_si128 (v), _mm256_extracti128_si256 (v, 1)));
  else
    _mm256_storeu_si256 ((__m256i *) ((uint32_t *) row + c), v);
}

/* NAME (d, gw, n): n boxes down on lanes [0, gw) (a multiple of 16) of a
 * block, L lanes at a time (vectors V, intrinsics W##_), box 0's sums in
 * uint16_t lanes for n >= 2 (lane_bytes ()); TRANSPOSE (v, t) puts the
 * rows' L lanes into t. Its body takes the rows as a constant where the
 * block is whole, so that v stays in registers. */
#define DOWN_BLOCK_ROWS(NAME, N, U16) \
  if (d->rows == GROUP) \
    NAME##_body (d, gw, N, U16, GROUP); \
  else \
    NAME##_body (d, gw, N, U16, d->rows)
#define DOWN_BLOCK(NAME, L, ATTR, V, W, TRANSPOSE) \
ATTR static inline __attribute__ ((always_inline)) void \
NAME##_body (const DownBlock * d, size_t gw, int n, bool u16, int rows) \
{ \
  const int lag = n >= 3 ? n - 2 : -1; \
  \
  for (size_t c = 0; c < gw; c += L) { \
    V acc[VC_CASCADE_MAX_BOXES], v[GROUP]; \
    int j; \
    \
    for (int b = 0; b < n; b++) \
      acc[b] = b == lag ? sums##L (d->d_row, c, false) : \
          sums##L (d->own[b], c, b == 0 && u16); \
    for (j = 0; j < rows; j++) { \
      acc[0] = W##_add_epi32 (acc[0], W##_sub_epi32 (bytes##L (d->x[j] + \
                  c), bytes##L (d->x_old[j] + c))); \
      for (int b = 1; b < n; b++) { \
        const bool h = b == 1 && u16; \
        \
        if (b == lag + 1) { \
          acc[b] = W##_add_epi32 (acc[b], acc[b - 1]); \
          continue; \
        } \
        put_sums##L (d->now[b - 1][j], c, acc[b - 1], h); \
        acc[b] = W##_add_epi32 (acc[b], W##_sub_epi32 (acc[b - 1], \
                sums##L (d->gone[b][j], c, h))); \
        if (b == lag) \
          acc[b] = W##_sub_epi32 (acc[b], W##_sub_epi32 (sums##L \
                  (d->lag[0][j], c, h), sums##L (d->lag[1][j], c, h))); \
      } \
      v[j] = acc[n - 1]; \
    } \
    put_sums##L (d->last, c, acc[n - 1], false); \
    if (lag >= 0) \
      put_sums##L (d->d_row, c, acc[lag], false); \
    if (!d->t) \
      continue; \
    for (; j < GROUP; j++) \
      v[j] = acc[n - 1]; \
    TRANSPOSE (v, d->t + c * GROUP); \
  } \
} \
\
ATTR static void \
NAME (const DownBlock * d, size_t gw, int n) \
{ \
  switch (n) { \
    case 1: \
      DOWN_BLOCK_ROWS (NAME, 1, false); \
      break; \
    case 2: \
      DOWN_BLOCK_ROWS (NAME, 2, true); \
      break; \
    case 3: \
      DOWN_BLOCK_ROWS (NAME, 3, true); \
      break; \
    default: \
      DOWN_BLOCK_ROWS (NAME, 4, true); \
      break; \
  } \
}
DOWN_BLOCK (down_block_avx512, 16, VC_AVX512, __m512i, _mm512,
    put_transposed16)
DOWN_BLOCK (down_block_avx2, 8, __attribute__ ((target ("avx2"))), __m256i,
    _mm256, transpose8_regs)
#undef DOWN_BLOCK
#undef DOWN_BLOCK_ROWS

/* 2 L uint16_t lanes of a row from lane c (words##L), put there
 * (put_words##L), or widened from 2 L bytes (byte_words##L); the even (h
 * 0) or the odd (h 1) ones of 2 L int16_t lanes sign-extended to L
 * int32_t (half##L): shifts within each 32-bit lane, no shuffles. */
VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
words16 (const void *row, size_t c)
{
  return _mm512_loadu_si512 ((const uint16_t *) row + c);
}

VC_AVX512 static inline __attribute__ ((always_inline)) void
put_words16 (void *row, size_t c, __m512i v)
{
  _mm512_storeu_si512 ((uint16_t *) row + c, v);
}

VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
byte_words16 (const uint8_t * p)
{
  return _mm512_cvtepu8_epi16 (_mm256_loadu_si256 ((const __m256i *) p));
}

VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
half16 (__m512i v, int h)
{
  return _mm512_srai_epi32 (h ? v : _mm512_slli_epi32 (v, 16), 16);
}

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) __m256i
words8 (const void *row, size_t c)
{
  return _mm256_loadu_si256 ((const __m256i *) ((const uint16_t *) row + c));
}

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) void
put_words8 (void *row, size_t c, __m256i v)
{
  _mm256_storeu_si256 ((__m256i *) ((uint16_t *) row + c), v);
}

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) __m256i
byte_words8 (const uint8_t * p)
{
  return _mm256_cvtepu8_epi16 (_mm_loadu_si128 ((const __m128i *) p));
}

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) __m256i
half8 (__m256i v, int h)
{
  return _mm256_srai_epi32 (h ? v : _mm256_slli_epi32 (v, 16), 16);
}

/* NAME (d, gw): three boxes down where box 0's sums and the steps of D
 * (see DownBlock) fit 16-bit lanes (f->cas8_d16): 2 L lanes at a time,
 * box 0 and D's step on 16-bit lanes (box 0's sums go to ring 1 as they
 * are, and D's inputs are plain loads), D and the last box on L 32-bit
 * lanes each of the even and the odd 16-bit lanes (half##L ()). The same
 * sums as NAME's generic twin: box 0's below 255 w[0] < 2^16, D's steps
 * (two differences of them) between -2^15 and 2^15, so that their 16-bit
 * lanes, sign-extended, are exact. D and the last box's sums of the even
 * lanes go to the rows (k->d_row, the last ring's) at c, the odd ones'
 * at c + L, where only these blocks read them back; TRANSPOSE (even,
 * odd, t) puts them in their order. */
#define DOWN3_BLOCK(NAME, L, ATTR, V, W, TRANSPOSE) \
ATTR static inline __attribute__ ((always_inline)) void \
NAME##_body (const DownBlock * d, size_t gw, int rows) \
{ \
  for (size_t c = 0; c < gw; c += 2 * L) { \
    V a = words##L (d->own[0], c), dd[2], s[2], v[2][GROUP]; \
    int j; \
    \
    for (int h = 0; h < 2; h++) { \
      dd[h] = sums##L (d->d_row, c + h * L, false); \
      s[h] = sums##L (d->own[2], c + h * L, false); \
    } \
    for (j = 0; j < rows; j++) { \
      V step; \
      \
      a = W##_add_epi16 (a, W##_sub_epi16 (byte_words##L (d->x[j] + c), \
              byte_words##L (d->x_old[j] + c))); \
      put_words##L (d->now[0][j], c, a); \
      step = W##_sub_epi16 (W##_sub_epi16 (a, words##L (d->gone[1][j], c)), \
          W##_sub_epi16 (words##L (d->lag[0][j], c), \
              words##L (d->lag[1][j], c))); \
      for (int h = 0; h < 2; h++) { \
        dd[h] = W##_add_epi32 (dd[h], half##L (step, h)); \
        s[h] = v[h][j] = W##_add_epi32 (s[h], dd[h]); \
      } \
    } \
    for (int h = 0; h < 2; h++) { \
      put_sums##L (d->last, c + h * L, s[h], false); \
      put_sums##L (d->d_row, c + h * L, dd[h], false); \
    } \
    if (!d->t) \
      continue; \
    for (; j < GROUP; j++) \
      v[0][j] = s[0], v[1][j] = s[1]; \
    TRANSPOSE (v[0], v[1], d->t + c * GROUP); \
  } \
} \
\
ATTR static void \
NAME (const DownBlock * d, size_t gw) \
{ \
  if (d->rows == GROUP) \
    NAME##_body (d, gw, GROUP); \
  else \
    NAME##_body (d, gw, d->rows); \
}
DOWN3_BLOCK (down3_block_avx512, 16, VC_AVX512, __m512i, _mm512,
    put_transposed16_pair)
DOWN3_BLOCK (down3_block_avx2, 8, __attribute__ ((target ("avx2"))),
    __m256i, _mm256, transpose8_pair)
#undef DOWN3_BLOCK
#endif

/* The finish (see the top) of n lanes (a multiple of 8) of S into GROUP
 * rows of samples: floor ((X + floor (d / 2) + 0.5) / d). */
static void
finish_c (const VcFast * f, bool absolute, const uint64_t * s,
    uint8_t * const *rows, size_t n)
{
  const double k = f->cas8_k, inv = 1.0 / f->cas8_d;
  const double c = floor (f->cas8_d / 2) + 0.5;

  for (size_t j = 0; j < n; j++)
    for (int r = 0; r < GROUP; r++) {
      double x = (double) s[j * GROUP + r] * k;
      double t = floor (((absolute ? fabs (x) : x) + c) * inv);

      rows[r][j] = (uint8_t) (t < 0 ? 0 : t > 255 ? 255 : t);
    }
}

#ifdef HAVE_AVX2_TRANSPOSE
/* Eight columns of GROUP samples (col[i]: column j + i, its rows in the
 * low 8 bytes) transposed into the rows. */
__attribute__ ((target ("avx2")))
static inline void
store_columns (const __m128i * col, uint8_t * const *rows, size_t j)
{
  __m128i a[4], b[4], r[4];

  for (int i = 0; i < 4; i++)
    a[i] = _mm_unpacklo_epi8 (col[2 * i], col[2 * i + 1]);
  b[0] = _mm_unpacklo_epi16 (a[0], a[1]);
  b[1] = _mm_unpackhi_epi16 (a[0], a[1]);
  b[2] = _mm_unpacklo_epi16 (a[2], a[3]);
  b[3] = _mm_unpackhi_epi16 (a[2], a[3]);
  r[0] = _mm_unpacklo_epi32 (b[0], b[2]);
  r[1] = _mm_unpackhi_epi32 (b[0], b[2]);
  r[2] = _mm_unpacklo_epi32 (b[1], b[3]);
  r[3] = _mm_unpackhi_epi32 (b[1], b[3]);
  for (int i = 0; i < 4; i++) {
    _mm_storel_epi64 ((__m128i *) (rows[2 * i] + j), r[i]);
    _mm_storel_epi64 ((__m128i *) (rows[2 * i + 1] + j),
        _mm_srli_si128 (r[i], 8));
  }
}

/* Four columns of quotients (col[i]: a column's GROUP int32) saturated
 * to bytes by the packs (to int16, then negatives to 0 and above 255 to
 * 255). The packs leave in each 128-bit half four rows (0 to 3, then 4
 * to 7) of the four columns, column-major; the byte shuffle makes them
 * row-major: a dword per row (COLUMN_ORDER in each 128-bit block). */
#define COLUMN_ORDER _mm_setr_epi8 (0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, \
    3, 7, 11, 15)

__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) __m256i
pack_columns (const __m256i * col)
{
  const __m256i order = _mm256_broadcastsi128_si256 (COLUMN_ORDER);

  return _mm256_shuffle_epi8 (_mm256_packus_epi16 (_mm256_packs_epi32
          (col[0], col[1]), _mm256_packs_epi32 (col[2], col[3])), order);
}

/* Sixteen columns, four pack_columns () (q[g]: columns 4 g to 4 g + 3),
 * into GROUP rows of 16 bytes from p, `stride` apart: a 4 x 4 transpose
 * of dwords in each half. */
__attribute__ ((target ("avx2")))
static inline __attribute__ ((always_inline)) void
store_columns16 (const __m256i * q, uint8_t * p, ptrdiff_t stride)
{
  __m256i d[4], r;

  d[0] = _mm256_unpacklo_epi32 (q[0], q[1]);
  d[1] = _mm256_unpackhi_epi32 (q[0], q[1]);
  d[2] = _mm256_unpacklo_epi32 (q[2], q[3]);
  d[3] = _mm256_unpackhi_epi32 (q[2], q[3]);
  /* Rows i and i + 4. */
  for (int i = 0; i < 4; i++) {
    r = i % 2 ? _mm256_unpackhi_epi64 (d[i / 2], d[i / 2 + 2]) :
        _mm256_unpacklo_epi64 (d[i / 2], d[i / 2 + 2]);
    _mm_storeu_si128 ((__m128i *) (p + i * stride),
        _mm256_castsi256_si128 (r));
    _mm_storeu_si128 ((__m128i *) (p + (i + 4) * stride),
        _mm256_extracti128_si256 (r, 1));
  }
}

/* Whether the finish's k (the sign of |X| taken) is 1. */
static inline bool
unit_k (const VcFast * f, bool absolute)
{
  return (absolute ? fabs (f->cas8_k) : f->cas8_k) == 1;
}

/* The finish's constants in doubles (SUM_QUOTIENT ()): k (the sign of
 * |X| taken: S >= 0, so |S k| is S |k|), c = floor (d / 2) + 0.5, less
 * 2^52 where `unit` (k is 1 and the sums come as the doubles 2^52 + S),
 * and 1 / d; for quotients8_near (), c_near = c - d / 2 (0.5 for even d,
 * 0 for odd), less 2^52 where `unit`. */
typedef struct
{
  double k, c, inv, c_near;
} Quotient;

static inline Quotient
quotient_of (const VcFast * f, bool absolute, bool unit)
{
  const double c = floor (f->cas8_d / 2) + 0.5;
  const double c_near = c - f->cas8_d / 2;
  const Quotient q = {
    .k = absolute ? fabs (f->cas8_k) : f->cas8_k,
    .c = unit ? c - 4503599627370496.0 : c,
    .inv = 1.0 / f->cas8_d,
    .c_near = unit ? c_near - 4503599627370496.0 : c_near,
  };

  return q;
}

/* The quotient (S k + c) / d of the sweep's doubles x (2^52 + S), with
 * the intrinsics W##_: by an fma after 2^52 is taken off, or where unit
 * (k is 1, c less 2^52) by one add. */
#define SUM_QUOTIENT(W, x, k, c, inv, unit) ((unit) ? W##_mul_pd (W##_add_pd \
        ((x), (c)), (inv)) : W##_mul_pd (W##_fmadd_pd (W##_sub_pd ((x), \
            W##_set1_pd (4503599627370496.0)), (k), (c)), (inv)))

/* Four lanes of S finished, as int32: (S k + c) / d with one rounding
 * each (the fma's is exact: S k + c is an integer plus a half below
 * 2^51), truncated instead of floored (they differ only on negative
 * quotients, which become 0 either way: the packs to bytes saturate, as
 * they take quotients above 255 to 255). The conversion overflows (to
 * INT32_MIN, then 0) on quotients of 2^31 and more: clamp (the plan's
 * f->cas8_clamp) takes them to 255 first where the plan cannot rule them
 * out. The sweep wrote S plus 2^52 (E52: S < 2^50), the bits of the
 * double 2^52 + S. unit: k is 1, so S k + c is that double plus c - 2^52
 * (the caller's c; exact: an integer plus a half between 2^51 and
 * 2^52), one add. */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) __m128i
finish4 (__m256d x, __m256d k, __m256d c, __m256d inv, bool clamp, bool unit)
{
  __m256d t = SUM_QUOTIENT (_mm256, x, k, c, inv, unit);

  if (clamp)
    t = _mm256_min_pd (t, _mm256_set1_pd (255));
  return _mm256_cvttpd_epi32 (t);
}

/* Eight lanes (GROUP rows of a column) finished into bytes (the low
 * eight). */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) __m128i
finish8_avx2 (__m256d lo, __m256d hi, __m256d k, __m256d c, __m256d inv,
    bool clamp, bool unit)
{
  __m128i w = _mm_packs_epi32 (finish4 (lo, k, c, inv, clamp, unit),
      finish4 (hi, k, c, inv, clamp, unit));

  return _mm_packus_epi16 (w, w);
}

/* finish_c () in AVX2: 8 lanes (GROUP rows of a column) packed to 8
 * bytes, 8 columns at a time. S >= 0, so |S k| is S |k|. */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) void
finish_avx2_clamp (const VcFast * f, bool absolute, const uint64_t * s,
    uint8_t * const *rows, size_t n, bool clamp, bool unit)
{
  const Quotient q = quotient_of (f, absolute, unit);
  const __m256d k = _mm256_set1_pd (q.k), c = _mm256_set1_pd (q.c);
  const __m256d inv = _mm256_set1_pd (q.inv);

  for (size_t j = 0; j < n; j += 8) {
    __m128i col[8];

    for (int i = 0; i < 8; i++) {
      const double *p = (const double *) (s + (j + (size_t) i) * GROUP);

      col[i] = finish8_avx2 (_mm256_loadu_pd (p), _mm256_loadu_pd (p + 4),
          k, c, inv, clamp, unit);
    }
    store_columns (col, rows, j);
  }
}

__attribute__ ((target ("avx2,fma")))
static void
finish_avx2 (const VcFast * f, bool absolute, const uint64_t * s,
    uint8_t * const *rows, size_t n)
{
  if (f->cas8_clamp)
    finish_avx2_clamp (f, absolute, s, rows, n, true, false);
  else if (unit_k (f, absolute))
    finish_avx2_clamp (f, absolute, s, rows, n, false, true);
  else
    finish_avx2_clamp (f, absolute, s, rows, n, false, false);
}

/* finish4 () on eight lanes, into bytes (the low eight): the packs'
 * saturation as a floor at 0 and an unsigned narrowing. unit: k is 1,
 * so S + c is the sweep's double plus c - 2^52 (exact: an integer plus a
 * half between 2^51 and 2^52), and the quotient is never negative. */
VC_AVX512 static inline __attribute__ ((always_inline)) __m256i
quotients8_avx512 (__m512d x, __m512d k, __m512d c, __m512d inv, bool clamp,
    bool unit)
{
  __m512d t = SUM_QUOTIENT (_mm512, x, k, c, inv, unit);

  if (clamp)
    t = _mm512_min_pd (t, _mm512_set1_pd (255));
  return _mm512_cvttpd_epi32 (t);
}

VC_AVX512 static inline __attribute__ ((always_inline)) __m128i
finish8_avx512 (__m512d x, __m512d k, __m512d c, __m512d inv, bool clamp,
    bool unit)
{
  __m256i q = quotients8_avx512 (x, k, c, inv, clamp, unit);

  if (unit)
    return _mm256_cvtusepi32_epi8 (q);
  return _mm256_cvtusepi32_epi8 (_mm256_max_epi32 (q,
          _mm256_setzero_si256 ()));
}

/* The quotients of quotients8_avx512 () without the conversion: each
 * in the low 32 bits of its lane (the high ones are not used), where
 * they are below 2^30 in magnitude (not clamp). With y = X + floor (d /
 * 2) + 0.5 (see the top), y / d is at least 1 / (2 d) from an integer,
 * so the quotient floor (y / d) is y / d - 1 / 2 rounded to the nearest
 * integer, and y / d - 1 / 2 = y' / d with y' = y - d / 2 = X + c_near,
 * exact in a double (as S k + c is: X is an integer below 2^50). One fma
 * makes y' (1 / d) + 1.5 2^52 with a single rounding to an integer (the
 * doubles from 2^52 to 2^53 are the integers): 1.5 2^52 + round (y' (1 /
 * d)), the integer in the low bits of the double, in two's complement
 * within 2^31 of 0 (2^51 is 0 modulo 2^32). The product's error, |y'|
 * |1 / d - (1 / d)| <= |y'| 2^-53 / d < 1 / (2 d) (|y'| < 2^52), cannot
 * take it across the half integer: the same integer. An add (unit) or a
 * subtraction and an fma, then this fma: quotients8_avx512 ()'s product
 * and conversion (two operations on x86) become one. */
#define NEAR_QUOTIENT(W, x, k, c_near, inv, unit) W##_fmadd_pd ((unit) ? \
    W##_add_pd ((x), (c_near)) : W##_fmadd_pd (W##_sub_pd ((x), \
            W##_set1_pd (4503599627370496.0)), (k), (c_near)), (inv), \
    W##_set1_pd (6755399441055744.0))

VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
quotients8_near (__m512d x, __m512d k, __m512d c_near, __m512d inv,
    bool unit)
{
  return _mm512_castpd_si512 (NEAR_QUOTIENT (_mm512, x, k, c_near, inv,
          unit));
}

/* The same on avx2, GROUP lanes in two halves (lo: rows 0 to 3), into
 * int32 lanes in their order. */
__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) __m256i
quotients4x2_near (__m256d lo, __m256d hi, __m256d k, __m256d c_near,
    __m256d inv, bool unit)
{
  /* The low 32 bits of each 64-bit lane: rows 0, 1, 4, 5, then 2, 3, 6,
   * 7; then in order. */
  __m256 q = _mm256_shuffle_ps (_mm256_castpd_ps (NEAR_QUOTIENT (_mm256, lo,
              k, c_near, inv, unit)), _mm256_castpd_ps (NEAR_QUOTIENT
          (_mm256, hi, k, c_near, inv, unit)), 0x88);

  return _mm256_permute4x64_epi64 (_mm256_castps_si256 (q), 0xd8);
}

/* Eight columns of quotients (the low 32 bits of each 64-bit lane,
 * GROUP rows a column) packed as pack_columns () does: its result of
 * columns 0 to 3 in the low half, of 4 to 7 in the high half. Each
 * 128-bit block of a pack takes its operands' same blocks, so that one
 * pack of columns i and i + 4 beside each other with the same of i + 1
 * and i + 5 is the two packs of 256 bits side by side. */
VC_AVX512 static inline __attribute__ ((always_inline)) __m512i
pack_columns8 (const __m512i * col)
{
  const __m512i low = _mm512_setr_epi32 (0, 2, 4, 6, 8, 10, 12, 14, 16, 18,
      20, 22, 24, 26, 28, 30);
  const __m512i order = _mm512_broadcast_i32x4 (COLUMN_ORDER);
  __m512i c[4];

  for (int i = 0; i < 4; i++)
    c[i] = _mm512_permutex2var_epi32 (col[i], low, col[i + 4]);
  return _mm512_shuffle_epi8 (_mm512_packus_epi16 (_mm512_packs_epi32 (c[0],
              c[1]), _mm512_packs_epi32 (c[2], c[3])), order);
}

/* store_columns16 () of two pack_columns8 (). */
VC_AVX512 static inline __attribute__ ((always_inline)) void
store_columns16_512 (const __m512i * q, uint8_t * p, ptrdiff_t stride)
{
  const __m256i h[4] = { _mm512_castsi512_si256 (q[0]),
    _mm512_extracti64x4_epi64 (q[0], 1), _mm512_castsi512_si256 (q[1]),
    _mm512_extracti64x4_epi64 (q[1], 1)
  };

  store_columns16 (h, p, stride);
}

/* finish_avx2 () in AVX-512: a column's GROUP lanes in one register. */
VC_AVX512 static inline __attribute__ ((always_inline)) void
finish_avx512_clamp (const VcFast * f, bool absolute, const uint64_t * s,
    uint8_t * const *rows, size_t n, bool clamp, bool unit)
{
  const Quotient q = quotient_of (f, absolute, unit);
  const __m512d k = _mm512_set1_pd (q.k), c = _mm512_set1_pd (q.c);
  const __m512d inv = _mm512_set1_pd (q.inv);

  for (size_t j = 0; j < n; j += 8) {
    __m128i col[8];

    for (int i = 0; i < 8; i++)
      col[i] = finish8_avx512 (_mm512_loadu_pd ((const double *) (s + (j +
                      (size_t) i) * GROUP)), k, c, inv, clamp, unit);
    store_columns (col, rows, j);
  }
}

VC_AVX512 static void
finish_avx512 (const VcFast * f, bool absolute, const uint64_t * s,
    uint8_t * const *rows, size_t n)
{
  if (f->cas8_clamp)
    finish_avx512_clamp (f, absolute, s, rows, n, true, false);
  else if (unit_k (f, absolute))
    finish_avx512_clamp (f, absolute, s, rows, n, false, true);
  else
    finish_avx512_clamp (f, absolute, s, rows, n, false, false);
}

/* ---- The sweep across with the finish fused (avx2, avx512, where the
 * first box's sums fit 32 bits: f->cas8_a32): the same running sums as
 * across1 () .. across4 (), the first box on eight uint32_t lanes, the
 * others on eight uint64_t lanes, each step's column of GROUP sums
 * finished in registers (to the nearest integer, quotients8_near (),
 * but where the clamp is needed), packed to bytes four columns at a time
 * (eight on avx512, pack_columns8 ()) and sixteen columns at a time
 * transposed into the rows (store_columns16 ()). The sums are never
 * stored: the steps before `lane` (the first whole sum) are only summed,
 * and a last block of fewer than 16 columns goes into `tail` first.
 *
 * Box b's input of step p is kept in slot (p - lane) & mask of its ring
 * (mask + 1 >= RING_MIRROR slots, a power of two, more than w[b]), so
 * that the 16 steps of a block of columns take 16 slots in a row from a
 * multiple of 16: their addresses are the block's first plus constants.
 * The 16 slots a block reads back, from (j - w[b]) & mask, may run past
 * the ring's end: slots 0 to 15 are written twice, the second time after
 * the ring's end (`mirror`), and read there. */
typedef struct
{
  const uint32_t *in;           /* k->t: w[0] steps of zeros before it */
  const int *w;
  uint64_t *ring;               /* rings across, zeros, after each other */
  size_t mask;                  /* of a ring's slots */
  size_t lane, m;               /* the first whole sum, columns made */
  uint8_t *row;                 /* GROUP rows of m bytes, */
  ptrdiff_t stride;             /* this far apart */
  Quotient q;
  bool clamp, unit;             /* the finish's variant; unit: not clamp */
} Sweep;

/* The sweep's fields in locals: the stores of bytes could alias them. */
#define SWEEP_LOCALS(nb) \
  const uint32_t *in = s->in, *old = in - (size_t) s->w[0] * GROUP; \
  const size_t mask = s->mask, lane = s->lane, m = s->m; \
  uint8_t *const row = s->row; \
  const ptrdiff_t stride = s->stride; \
  uint64_t *ring[VC_CASCADE_MAX_BOXES]; \
  size_t w[VC_CASCADE_MAX_BOXES]; \
  \
  for (int b = 1; b < (nb); b++) { \
    ring[b] = s->ring + (size_t) (b - 1) * (mask + 1 + RING_MIRROR) * \
        GROUP; \
    w[b] = (size_t) s->w[b]; \
  }

/* The 16 steps of a block (see SWEEP_FINISHED ()), slots from s0, into
 * q. */
#define SWEEP_BLOCK(STEP, FINISH, PACK, MIRROR) \
  do { \
    _Pragma ("GCC unroll 16") \
    for (int i = 0; i < 16; i++, p++) { \
      STEP (s0 + (size_t) i, g0[b] + (size_t) i, MIRROR); \
      col[i % PACK_N] = FINISH; \
      if (i % PACK_N == PACK_N - 1) \
        q[i / PACK_N] = PACK (col); \
    } \
  } while (0)

/* The skeleton of nb boxes: STEP (now, gone, mirror) makes step p's
 * column in `cur`, box b's input put in slot `now` (and after the ring's
 * end if `mirror`) and the input w[b] steps before read from slot
 * `gone`; FINISH turns `cur` into quotients, a vector COLUMN, and PACK
 * (col) PACK_N of them into a vector of bytes, 16 / PACK_N of which
 * STORE16 (q, p, stride) stores. */
#define SWEEP_FINISHED(STEP, FINISH, COLUMN, PACK, STORE16) \
  do { \
    uint8_t tail[GROUP][16]; \
    COLUMN col[PACK_N], q[16 / PACK_N]; \
    size_t p = 0, j = 0, s0; \
    size_t g0[VC_CASCADE_MAX_BOXES]; \
    \
    for (; p < lane; p++) \
      STEP ((p - lane) & mask, (p - lane - w[b]) & mask, \
          ((p - lane) & mask) < RING_MIRROR); \
    for (;; j += 16) { \
      s0 = j & mask; \
      for (int b = 1; b < nb; b++) \
        g0[b] = (j - w[b]) & mask; \
      if (j + 16 > m) \
        break; \
      if (s0 == 0) \
        SWEEP_BLOCK (STEP, FINISH, PACK, true); \
      else \
        SWEEP_BLOCK (STEP, FINISH, PACK, false); \
      STORE16 (q, row + j, stride); \
    } \
    if (j == m) \
      break; \
    /* The last columns: the block's first m - j steps (the bytes of the \
     * columns after are not used). */ \
    memset (col, 0, sizeof col); \
    memset (q, 0, sizeof q); \
    for (int i = 0; j + (size_t) i < m; i++, p++) { \
      STEP (s0 + (size_t) i, g0[b] + (size_t) i, s0 == 0); \
      col[i % PACK_N] = FINISH; \
      if (i % PACK_N == PACK_N - 1 || j + (size_t) i + 1 == m) \
        q[i / PACK_N] = PACK (col); \
    } \
    STORE16 (q, tail[0], 16); \
    for (int r = 0; r < GROUP; r++) \
      memcpy (row + r * stride + j, tail[r], m - j); \
  } while (0)

/* Boxes 1 to NB - 1 of a step (see SWEEP_FINISHED ()), cur their input
 * and then their sums; LOAD, STORE, ADD, SUB, OR of one of HALVES_
 * registers. */
#define SWEEP_BOXES(NB, HALVES_, LOAD, STORE, ADD, SUB, OR, NOW, GONE, \
    MIRROR) \
  for (int b = 1; b < (NB); b++) { \
    uint64_t *now = ring[b] + (NOW) * GROUP; \
    const uint64_t *gone = ring[b] + (GONE) * GROUP; \
    \
    for (int h = 0; h < (HALVES_); h++) { \
      acc[b][h] = ADD (acc[b][h], SUB (cur[h], LOAD (gone + h * GROUP / \
                  (HALVES_)))); \
      STORE (now + h * GROUP / (HALVES_), cur[h]); \
      if (MIRROR) \
        STORE (now + (mask + 1) * GROUP + h * GROUP / (HALVES_), cur[h]); \
      cur[h] = acc[b][h]; \
    } \
  } \
  if ((NB) == 1) \
    for (int h = 0; h < (HALVES_); h++) \
      cur[h] = OR (cur[h], e)

#define STORE512(p, v) _mm512_storeu_si512 ((p), (v))

__attribute__ ((target ("avx2,fma")))
static inline __attribute__ ((always_inline)) void
sweep_avx2_body (const Sweep * s, int nb, bool clamp, bool unit)
{
  SWEEP_LOCALS (nb);
  const __m256i e = _mm256_set1_epi64x ((long long) E52);
  const __m256d k = _mm256_set1_pd (s->q.k), c = _mm256_set1_pd (s->q.c);
  const __m256d inv = _mm256_set1_pd (s->q.inv);
  const __m256d c_near = _mm256_set1_pd (s->q.c_near);
  __m256i a = _mm256_setzero_si256 (), acc[VC_CASCADE_MAX_BOXES][2];
  __m256i cur[2];

  for (int b = 0; b < nb; b++)
    acc[b][0] = acc[b][1] = b == nb - 1 ? e : _mm256_setzero_si256 ();
#define STEP(NOW, GONE, MIRROR) \
  do { \
    a = _mm256_add_epi32 (a, _mm256_sub_epi32 (LOAD256 (in + p * GROUP), \
            LOAD256 (old + p * GROUP))); \
    cur[0] = _mm256_cvtepu32_epi64 (_mm256_castsi256_si128 (a)); \
    cur[1] = _mm256_cvtepu32_epi64 (_mm256_extracti128_si256 (a, 1)); \
    SWEEP_BOXES (nb, 2, LOAD256, STORE256, _mm256_add_epi64, \
        _mm256_sub_epi64, _mm256_or_si256, NOW, GONE, MIRROR); \
  } while (0)
#define PACK_N 4
  SWEEP_FINISHED (STEP, clamp ? _mm256_set_m128i (finish4
          (_mm256_castsi256_pd (cur[1]), k, c, inv, true, false), finish4
          (_mm256_castsi256_pd (cur[0]), k, c, inv, true, false)) :
      quotients4x2_near (_mm256_castsi256_pd (cur[0]), _mm256_castsi256_pd
          (cur[1]), k, c_near, inv, unit), __m256i, pack_columns,
      store_columns16);
#undef PACK_N
#undef STEP
}

VC_AVX512 static inline __attribute__ ((always_inline)) void
sweep_avx512_body (const Sweep * s, int nb, bool clamp, bool unit)
{
  SWEEP_LOCALS (nb);
  const __m512i e = _mm512_set1_epi64 ((long long) E52);
  const __m512d k = _mm512_set1_pd (s->q.k), c = _mm512_set1_pd (s->q.c);
  const __m512d inv = _mm512_set1_pd (s->q.inv);
  const __m512d c_near = _mm512_set1_pd (s->q.c_near);
  __m256i a = _mm256_setzero_si256 ();
  __m512i acc[VC_CASCADE_MAX_BOXES][1], cur[1];

  for (int b = 0; b < nb; b++)
    acc[b][0] = b == nb - 1 ? e : _mm512_setzero_si512 ();
#define STEP(NOW, GONE, MIRROR) \
  do { \
    a = _mm256_add_epi32 (a, _mm256_sub_epi32 (LOAD256 (in + p * GROUP), \
            LOAD256 (old + p * GROUP))); \
    cur[0] = _mm512_cvtepu32_epi64 (a); \
    SWEEP_BOXES (nb, 1, _mm512_loadu_si512, STORE512, _mm512_add_epi64, \
        _mm512_sub_epi64, _mm512_or_si512, NOW, GONE, MIRROR); \
  } while (0)
  /* The quotients in 64-bit lanes (see pack_columns8 ()); with the clamp
   * converted as before and widened. */
#define PACK_N 8
  SWEEP_FINISHED (STEP, clamp ? _mm512_cvtepi32_epi64 (quotients8_avx512
          (_mm512_castsi512_pd (cur[0]), k, c, inv, true, false)) :
      quotients8_near (_mm512_castsi512_pd (cur[0]), k, c_near, inv, unit),
      __m512i, pack_columns8, store_columns16_512);
#undef PACK_N
#undef STEP
}

/* NAME (s, nb): NAME##_body with nb and the finish's variant constants
 * (the clamp; else k 1; else neither). */
#define SWEEP_CASE(NAME, NB) \
  case NB: \
    if (s->clamp) \
      NAME##_body (s, NB, true, false); \
    else if (s->unit) \
      NAME##_body (s, NB, false, true); \
    else \
      NAME##_body (s, NB, false, false); \
    break
#define SWEEP(NAME, ATTR) \
ATTR static void \
NAME (const Sweep * s, int nb) \
{ \
  switch (nb) { \
    SWEEP_CASE (NAME, 1); \
    SWEEP_CASE (NAME, 2); \
    SWEEP_CASE (NAME, 3); \
    default: \
      SWEEP_CASE (NAME, 4); \
  } \
}
SWEEP (sweep_avx2, __attribute__ ((target ("avx2,fma"))))
SWEEP (sweep_avx512, VC_AVX512)
#undef SWEEP
#undef SWEEP_CASE
#undef SWEEP_BOXES
#undef SWEEP_FINISHED
#undef SWEEP_BLOCK
#undef SWEEP_LOCALS
#undef STORE512

#undef SUM_QUOTIENT
#undef COLUMN_ORDER
#undef NEAR_QUOTIENT

/* ---- The sweep across by rows (f->cas8_rows: the sums fit 32 bits, and
 * the float finish is exact or one box goes across): each row of column
 * sums on its own, no transposes. A box of width w over lanes [x0, x0 +
 * n) of a row `in` (lanes before 0 zeros) is the running sum
 *   S[x] = S[x - 1] + in[x] - in[x - w],
 * taken a vector of L lanes at a time as S[x] = S[x - L] + D_L[x], D_k
 * the sums of k differences d[x] = in[x] - in[x - w] up to x: no carry
 * from lane to lane, only from vector to vector. D2 takes four loads
 * (in at x, x - 1, x - w, x - w - 1); D4, D8, D16 each add D_k shifted
 * by k lanes, its lanes below x from the vector before (as a prefix sum
 * within the vector would shift, but without the last lane carried on:
 * fewer shuffles). The differences wrap in uint32_t lanes, harmlessly:
 * every S is below 2^32. The steps start at the last x <= 0 that x0 - x
 * is a multiple of L, where S and the D of the vector before are zeros;
 * loads of lanes before 0 or from x0 + n on are masked (zeros; lanes
 * from x0 + n on are not stored, and only lanes above them read theirs).
 * Each box but the last writes its sums to a row; the last one is
 * finished into bytes in float lanes where every sum is below 2^22
 * (f->cas8_f32): floor ((X + floor (d / 2) + 0.5) (float) (1 / d)),
 * exact as on the float lanes' integer finish (vc-fast-finish.c), and so
 * is every step before the product (where k is 1 and d odd, by one
 * fma instead: ROW_NEAR ()); else in double lanes as finish4 () does,
 * exact below 2^50, its quotients below 2^30 (no clamp). */
typedef struct
{
  bool f64;                     /* double lanes: !f->cas8_f32 */
  bool pos;                     /* k > 0: no quotient is negative */
  bool near;                    /* float lanes, k 1, d odd: ROW_NEAR () */
  float k, c, inv;
  double kd, cd, invd;
} RowFinish;

#define ROWS_AVX2 __attribute__ ((target ("avx2,fma")))
#define ROW_INLINE static inline __attribute__ ((always_inline))

/* The finish's quotients of the sums s as int32, on the _mm##W
 * intrinsics. */
#define ROW_QUOTIENT(W, s, fin) _mm##W##_cvttps_epi32 (_mm##W##_mul_ps \
    (_mm##W##_fmadd_ps (_mm##W##_cvtepi32_ps (s), _mm##W##_set1_ps \
            ((fin)->k), _mm##W##_set1_ps ((fin)->c)), _mm##W##_set1_ps \
        ((fin)->inv)))

/* The same where k is 1 and d odd (fin->near): floor ((X + floor (d /
 * 2) + 0.5) / d) is X / d rounded to the nearest integer (y' = X, c_near
 * 0 in quotients8_near ()), and one fma makes X (1 / d) + 1.5 2^23
 * rounded to an integer (the floats from 2^23 to 2^24 are the
 * integers), whose bits less those of 1.5 2^23 are that integer: X and
 * its float are exact (below 2^22), and the product's error, |X| |1 / d
 * - (1 / d)| <= |X| 2^-24 / d, is below 1 / (2 d), X / d's least
 * distance to a half integer. */
#define ROW_NEAR(W, s, fin) _mm##W##_sub_epi32 (_mm##W##_castps_si##W \
    (_mm##W##_fmadd_ps (_mm##W##_cvtepi32_ps (s), _mm##W##_set1_ps \
            ((fin)->inv), _mm##W##_set1_ps (12582912.0f))), \
    _mm##W##_set1_epi32 (0x4b400000))

/* The same in double lanes from the sums x as doubles (the finish of
 * finish4 (), exact below 2^50), as int32. */
#define ROW_QUOTIENT_PD(W, x, fin) _mm##W##_cvttpd_epi32 (_mm##W##_mul_pd \
    (_mm##W##_fmadd_pd ((x), _mm##W##_set1_pd ((fin)->kd), \
            _mm##W##_set1_pd ((fin)->cd)), _mm##W##_set1_pd ((fin)->invd)))

/* Lanes [lo, hi) of p, zeros elsewhere (lanes outside are not read). */
ROWS_AVX2 ROW_INLINE __m256i
part8 (const uint32_t * p, ptrdiff_t lo, ptrdiff_t hi)
{
  const __m256i i = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);
  __m256i m = _mm256_andnot_si256 (_mm256_cmpgt_epi32 (_mm256_set1_epi32
          ((int) lo), i), _mm256_cmpgt_epi32 (_mm256_set1_epi32 ((int) hi),
          i));

  return _mm256_maskload_epi32 ((const int *) p, m);
}

/* The running sums S of a vector from its D2 (see above), in lanes of
 * `bits` (16 or 32) bits: each D twice the one before plus itself
 * shifted up by k 32-bit lanes (k = k0, 2 k0, ..), `levels` times, then
 * S = the vector before's S + the last D. st[0] to st[levels - 1] hold
 * the vector before's D's, st[levels] its S, each replaced by this
 * vector's. A shift by k lanes takes the k lanes below from the vector
 * before (`before`): on 256 bits its high half beside this one's low
 * half, then bytes across them in each half. */
ROWS_AVX2 ROW_INLINE __m256i
shift_up8 (__m256i d, __m256i before, int k)
{
  __m256i across = _mm256_permute2x128_si256 (before, d, 0x21);

  if (k == 1)
    return _mm256_alignr_epi8 (d, across, 12);
  if (k == 2)
    return _mm256_alignr_epi8 (d, across, 8);
  return across;
}

VC_AVX512 ROW_INLINE __m512i
shift_up16 (__m512i d, __m512i before, int k)
{
  if (k == 1)
    return _mm512_alignr_epi32 (d, before, 15);
  if (k == 2)
    return _mm512_alignr_epi32 (d, before, 14);
  if (k == 4)
    return _mm512_alignr_epi32 (d, before, 12);
  return _mm512_alignr_epi32 (d, before, 8);
}

#define RUNNING(L, TARGET, VEC, ADD16, ADD32) \
TARGET ROW_INLINE VEC \
add##L (VEC a, VEC b, int bits) \
{ \
  return bits == 16 ? ADD16 (a, b) : ADD32 (a, b); \
} \
\
TARGET ROW_INLINE VEC \
running##L (VEC d2, VEC * st, int k0, int levels, int bits) \
{ \
  VEC d = d2; \
  \
  _Pragma ("GCC unroll 4") \
  for (int i = 0; i < levels; i++) { \
    VEC next = add##L (d, shift_up##L (d, st[i], k0 << i), bits); \
    \
    st[i] = d; \
    d = next; \
  } \
  st[levels] = add##L (st[levels], d, bits); \
  return st[levels]; \
}
RUNNING (8, ROWS_AVX2, __m256i, _mm256_add_epi16, _mm256_add_epi32)
RUNNING (16, VC_AVX512, __m512i, _mm512_add_epi16, _mm512_add_epi32)
#undef RUNNING

/* The box sums S of lanes [x, x + 8) from D2 of the same lanes: D4, D8
 * (shifts by 2 and 4 lanes); st[0] and st[1] hold the vector before's D2
 * and D4, st[2] its S. */
ROWS_AVX2 ROW_INLINE __m256i
window8 (__m256i d2, __m256i * st)
{
  return running8 (d2, st, 2, 2, 32);
}

/* The first n (<= 8) lanes of s stored. */
ROWS_AVX2 ROW_INLINE void
store8 (uint32_t * p, __m256i s, ptrdiff_t n)
{
  if (n == 8)
    _mm256_storeu_si256 ((__m256i *) p, s);
  else
    _mm256_maskstore_epi32 ((int *) p, _mm256_cmpgt_epi32
        (_mm256_set1_epi32 ((int) n), _mm256_setr_epi32 (0, 1, 2, 3, 4, 5,
                6, 7)), s);
}

/* The quotients of the sums s as int32: below 2^30 by rows (no
 * clamp). */
ROWS_AVX2 ROW_INLINE __m256i
quotients8 (__m256i s, const RowFinish * fin)
{
  if (fin->f64) {
    /* uint32_t to double: as int32 after a flip of the top bit, plus
     * 2^31. */
    const __m256i t = _mm256_xor_si256 (s, _mm256_set1_epi32 (INT32_MIN));
    const __m256d top = _mm256_set1_pd (2147483648.0);

    return _mm256_set_m128i (ROW_QUOTIENT_PD (256, _mm256_add_pd
            (_mm256_cvtepi32_pd (_mm256_extracti128_si256 (t, 1)), top),
            fin), ROW_QUOTIENT_PD (256, _mm256_add_pd (_mm256_cvtepi32_pd
                (_mm256_castsi256_si128 (t)), top), fin));
  }
  if (fin->near)
    return ROW_NEAR (256, s, fin);
  return ROW_QUOTIENT (256, s, fin);
}

/* The first n (<= 8) lanes of s finished into bytes at p. The packs
 * saturate the quotients to [0, 255]. */
ROWS_AVX2 ROW_INLINE void
finish_store8 (uint8_t * p, __m256i s, ptrdiff_t n, const RowFinish * fin)
{
  __m256i q = quotients8 (s, fin);
  __m128i w = _mm_packs_epi32 (_mm256_castsi256_si128 (q),
      _mm256_extracti128_si256 (q, 1));
  __m128i b = _mm_packus_epi16 (w, w);
  uint8_t tmp[16];

  if (n == 8) {
    _mm_storel_epi64 ((__m128i *) p, b);
    return;
  }
  _mm_storeu_si128 ((__m128i *) tmp, b);
  memcpy (p, tmp, (size_t) n);
}

/* The same helpers on 16 lanes. */
VC_AVX512 ROW_INLINE __m512i
part16 (const uint32_t * p, ptrdiff_t lo, ptrdiff_t hi)
{
  return _mm512_maskz_loadu_epi32 ((__mmask16) (((1u << hi) - 1) &
          ~((1u << lo) - 1)), p);
}

/* The same on 16 lanes: st[0] to st[2] hold D2, D4 and D8, st[3] S. */
VC_AVX512 ROW_INLINE __m512i
window16 (__m512i d2, __m512i * st)
{
  return running16 (d2, st, 2, 3, 32);
}

VC_AVX512 ROW_INLINE void
store16 (uint32_t * p, __m512i s, ptrdiff_t n)
{
  _mm512_mask_storeu_epi32 (p, (__mmask16) ((1u << n) - 1), s);
}

VC_AVX512 ROW_INLINE __m512i
quotients16 (__m512i s, const RowFinish * fin)
{
  if (fin->f64)
    return _mm512_inserti64x4 (_mm512_castsi256_si512 (ROW_QUOTIENT_PD (512,
                _mm512_cvtepu32_pd (_mm512_castsi512_si256 (s)), fin)),
        ROW_QUOTIENT_PD (512, _mm512_cvtepu32_pd (_mm512_extracti64x4_epi64
                (s, 1)), fin), 1);
  if (fin->near)
    return ROW_NEAR (512, s, fin);
  return ROW_QUOTIENT (512, s, fin);
}

VC_AVX512 ROW_INLINE void
finish_store16 (uint8_t * p, __m512i s, ptrdiff_t n, const RowFinish * fin)
{
  __m512i q = quotients16 (s, fin);
  /* Negative quotients to 0 (none where fin->pos); the narrowing
   * saturates at 255. */
  __m128i b = _mm512_cvtusepi32_epi8 (fin->pos ? q : _mm512_max_epi32 (q,
          _mm512_setzero_si512 ()));

  /* Not a narrowing store (vpmovusdb to memory, masked): it took most
   * of the loop's time on AMD family 26. */
  if (n == 16)
    _mm_storeu_si128 ((__m128i *) p, b);
  else
    _mm_mask_storeu_epi8 (p, (__mmask16) ((1u << n) - 1), b);
}

/* BODY (args..., bytes, fin) with `bytes` given or NULL and the
 * finish's kind (double, float by one fma, float of non-negative
 * quotients, float) a constant, so that the loop inlined has no tests of
 * them. */
#define WITH_FINISH(BYTES, FIN, BODY, ...) \
  do { \
    const RowFinish *fin_ = (FIN); \
    RowFinish f32_ = *fin_, f64_ = *fin_, pos_ = *fin_, near_ = *fin_; \
    \
    f32_.f64 = f32_.pos = f32_.near = false; \
    f64_.f64 = true; \
    f64_.pos = f64_.near = false; \
    pos_.f64 = pos_.near = false; \
    pos_.pos = true; \
    near_.f64 = false; \
    near_.pos = near_.near = true; \
    if (!(BYTES)) \
      BODY (__VA_ARGS__, NULL, fin_); \
    else if (fin_->f64) \
      BODY (__VA_ARGS__, (BYTES), &f64_); \
    else if (fin_->near) \
      BODY (__VA_ARGS__, (BYTES), &near_); \
    else if (fin_->pos) \
      BODY (__VA_ARGS__, (BYTES), &pos_); \
    else \
      BODY (__VA_ARGS__, (BYTES), &f32_); \
  } while (0)

/* One box across a row on L lanes a vector (see above): its sums into
 * `sums`, or finished into `bytes` where that is given. The steps with a
 * lane before lane 0 or past the row's end mask their loads; the others,
 * in between, do not. */
#define ROW_BOX(L, TARGET, VEC, LOAD, ADD, SUB, ZERO) \
/* Lanes [x + off, x + off + L) of in: where `masked`, those before lane \
 * 0 or from lane x + hi on zeros. The masked load's address may lie \
 * before the row, so it is formed as an integer, not by pointer \
 * arithmetic outside the array. */ \
TARGET ROW_INLINE VEC \
row_load##L (const uint32_t * in, ptrdiff_t x, ptrdiff_t off, ptrdiff_t hi, \
    bool masked) \
{ \
  const ptrdiff_t lo = x + off < 0 ? -(x + off) : 0; \
  \
  if (!masked) \
    return LOAD (in + x + off); \
  return lo >= hi ? ZERO () : part##L ((const uint32_t *) ((uintptr_t) in \
          + (uintptr_t) (x + off) * sizeof *in), lo, hi); \
} \
\
/* S of lanes [x, x + L) (st: see window##L ()), lanes x + hi on not \
 * read where `masked`. */ \
TARGET ROW_INLINE VEC \
row_step##L (const uint32_t * in, ptrdiff_t x, ptrdiff_t hi, int w, \
    VEC * st, bool masked) \
{ \
  VEC d2 = SUB (ADD (row_load##L (in, x, 0, hi, masked), \
          row_load##L (in, x, -1, hi, masked)), \
      ADD (row_load##L (in, x, -w, hi, masked), \
          row_load##L (in, x, -w - 1, hi, masked))); \
  \
  return window##L (d2, st); \
} \
\
/* S of lanes [x, x + L) into sums or bytes from lane x - x0, lanes x + \
 * hi on not stored. */ \
TARGET ROW_INLINE void \
row_out##L (VEC s, ptrdiff_t x, ptrdiff_t x0, ptrdiff_t hi, uint32_t * sums, \
    uint8_t * bytes, const RowFinish * fin) \
{ \
  if (bytes) \
    finish_store##L (bytes + (x - x0), s, hi, fin); \
  else \
    store##L (sums + (x - x0), s, hi); \
} \
\
/* Lanes [x0, x0 + n): the steps from the last x <= 0 that x0 - x is a \
 * multiple of L (the state before it zeros), stored from x0 on. */ \
TARGET ROW_INLINE void \
row_box##L##_body (const uint32_t * in, ptrdiff_t x0, ptrdiff_t n, int w, \
    uint32_t * sums, uint8_t * bytes, const RowFinish * fin) \
{ \
  VEC st[4] = { ZERO (), ZERO (), ZERO (), ZERO () }; \
  const ptrdiff_t end = x0 + n; \
  ptrdiff_t x = x0 - (x0 + L - 1) / L * L; \
  \
  for (; x < x0; x += L) \
    row_step##L (in, x, end - x < L ? end - x : L, w, st, true); \
  for (; x < end && (x - w - 1 < 0 || end - x < L); x += L) { \
    const ptrdiff_t hi = end - x < L ? end - x : L; \
    \
    row_out##L (row_step##L (in, x, hi, w, st, true), x, x0, hi, sums, \
        bytes, fin); \
  } \
  for (; x + L <= end; x += L) \
    row_out##L (row_step##L (in, x, L, w, st, false), x, x0, L, sums, \
        bytes, fin); \
  if (x < end) \
    row_out##L (row_step##L (in, x, end - x, w, st, true), x, x0, end - x, \
        sums, bytes, fin); \
} \
\
/* row_box##L##_body () with `bytes` given or not and the finish's kind \
 * constant (sums are not stored where bytes are given). */ \
TARGET static void \
row_box##L (const uint32_t * in, ptrdiff_t x0, ptrdiff_t n, int w, \
    uint32_t * sums, uint8_t * bytes, const RowFinish * fin) \
{ \
  WITH_FINISH (bytes, fin, row_box##L##_body, in, x0, n, w, sums); \
}
ROW_BOX (8, ROWS_AVX2, __m256i, LOAD256, _mm256_add_epi32, _mm256_sub_epi32,
    _mm256_setzero_si256)
ROW_BOX (16, VC_AVX512, __m512i, _mm512_loadu_si512, _mm512_add_epi32,
    _mm512_sub_epi32, _mm512_setzero_si512)

/* The box across first (f->cas8_hfirst): where there is one box each
 * way, the row box runs on the padded row's bytes in 16-bit lanes, twice
 * the lanes a vector of the 32-bit row box above: its sums are below 255
 * w <= 2^16 (wrapping on the way is harmless). The same steps: S[x] =
 * S[x - L] + D_L[x], D2 from four loads, each D twice the one before
 * plus itself shifted, here by 2, 4, 8 and 16 16-bit lanes (1, 2, 4 and
 * 8 32-bit lanes). The padded row has zero bytes before its lane 0 and
 * after its end (see carve_hfirst ()), so no load is masked. Its sums,
 * from lane x0, go to a row of uint16_t, every vector whole (the row has
 * room past n); the steps before x0 only warm the state up. The box down
 * then takes those rows (hdown##L ()). */
#define WIDEN_BW16(p) _mm512_cvtepu8_epi16 (LOAD256 (p))
#define WIDEN_BW8(p) _mm256_cvtepu8_epi16 (_mm_loadu_si128 ((const __m128i *) \
        (p)))
#define WIDEN_WD16(p) _mm512_cvtepu16_epi32 (LOAD256 (p))
#define WIDEN_WD8(p) _mm256_cvtepu16_epi32 (_mm_loadu_si128 ((const __m128i *) \
        (p)))

/* window##L () on 16-bit lanes: st[0] to st[3] hold the vector before's
 * D2 to D16, st[4] its S. */
VC_AVX512 ROW_INLINE __m512i
window_words16 (__m512i d2, __m512i * st)
{
  return running16 (d2, st, 1, 4, 16);
}

/* The same on 16 lanes of 16 bits: st[0] to st[2] D2 to D8, st[3] S. */
ROWS_AVX2 ROW_INLINE __m256i
window_words8 (__m256i d2, __m256i * st)
{
  return running8 (d2, st, 1, 3, 16);
}

/* Four vectors of sums c finished into bytes at p: two packs to int16
 * and one to bytes (which saturate the quotients to [0, 255]) leave
 * each 128-bit block's lanes from the four side by side (packed##L ());
 * one permute puts them in order. Fewer shuffles than a narrowing a
 * vector. */
ROWS_AVX2 ROW_INLINE __m256i
packed8 (const __m256i * c, const RowFinish * fin)
{
  return _mm256_packus_epi16 (_mm256_packs_epi32 (quotients8 (c[0], fin),
          quotients8 (c[1], fin)), _mm256_packs_epi32 (quotients8 (c[2],
              fin), quotients8 (c[3], fin)));
}

VC_AVX512 ROW_INLINE __m512i
packed16 (const __m512i * c, const RowFinish * fin)
{
  return _mm512_packus_epi16 (_mm512_packs_epi32 (quotients16 (c[0], fin),
          quotients16 (c[1], fin)), _mm512_packs_epi32 (quotients16 (c[2],
              fin), quotients16 (c[3], fin)));
}

ROWS_AVX2 ROW_INLINE void
finish_four8 (uint8_t * p, const __m256i * c, const RowFinish * fin)
{
  STORE256 (p, _mm256_permutevar8x32_epi32 (packed8 (c, fin),
          _mm256_setr_epi32 (0, 4, 1, 5, 2, 6, 3, 7)));
}

VC_AVX512 ROW_INLINE void
finish_four16 (uint8_t * p, const __m512i * c, const RowFinish * fin)
{
  _mm512_storeu_si512 (p, _mm512_permutexvar_epi32 (_mm512_setr_epi32 (0, 4,
              8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15), packed16 (c,
              fin)));
}

/* The same where c holds the even lanes of 2 L, then the odd ones, then
 * the same of the next 2 L (hdown_words##L ()): after the packs each
 * 128-bit block has 8 bytes of lanes 8 i + 0, 2, 4, 6, 1, 3, 5, 7 and 8
 * of the same from 2 L on; a byte shuffle in each block puts them in
 * order, then whole 32-bit groups go to their place. */
#define ORDER_EO _mm_setr_epi8 (0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, \
    14, 11, 15)

ROWS_AVX2 ROW_INLINE void
finish_four_eo8 (uint8_t * p, const __m256i * c, const RowFinish * fin)
{
  STORE256 (p, _mm256_permute4x64_epi64 (_mm256_shuffle_epi8 (packed8 (c,
                  fin), _mm256_broadcastsi128_si256 (ORDER_EO)), 0xd8));
}

VC_AVX512 ROW_INLINE void
finish_four_eo16 (uint8_t * p, const __m512i * c, const RowFinish * fin)
{
  _mm512_storeu_si512 (p, _mm512_permutexvar_epi32 (_mm512_setr_epi32 (0, 1,
              4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15),
          _mm512_shuffle_epi8 (packed16 (c, fin), _mm512_broadcast_i32x4
              (ORDER_EO))));
}

#undef ORDER_EO

/* The row box on bytes (above), L the 32-bit lanes of a vector (2 L
 * 16-bit lanes a step); the box down and its finish: C += now - gone
 * (the rows of row sums entering and leaving the box), L lanes at a
 * time, C finished into out where out is given (the first n lanes). */
#define HFIRST(L, TARGET, VEC, ADD16, SUB16, ADD32, SUB32, LOADC, STOREC, \
    STORE16, ZERO) \
/* D2 of lanes [x, x + 2 L) (16-bit lanes), where pairs is given from \
 * pair sums: P[x] = in[x] + in[x - 1] kept in `pairs` as they are made, \
 * D2 = P[x] - P[x - w] with P[x - w] read back (made by this step or \
 * the ones before, or zeros from the carve before the first step's \
 * lane: in is zeros there), two widenings instead of four. */ \
TARGET ROW_INLINE VEC \
hrow_d2_##L (const uint8_t * in, ptrdiff_t x, int w, uint16_t * pairs) \
{ \
  const VEC p = ADD16 (WIDEN_BW##L (in + x), WIDEN_BW##L (in + x - 1)); \
  \
  if (!pairs) \
    return SUB16 (p, ADD16 (WIDEN_BW##L (in + x - w), WIDEN_BW##L (in + \
                x - w - 1))); \
  STORE16 (pairs + x, p); \
  return SUB16 (p, LOADC (pairs + x - w)); \
} \
\
TARGET ROW_INLINE void \
hrow_box##L##_body (const uint8_t * in, ptrdiff_t x0, ptrdiff_t n, int w, \
    uint16_t * sums, uint16_t * pairs) \
{ \
  VEC st[5] = { ZERO (), ZERO (), ZERO (), ZERO (), ZERO () }; \
  const ptrdiff_t end = x0 + n; \
  ptrdiff_t x = x0 - (x0 + 2 * L - 1) / (2 * L) * (2 * L); \
  \
  for (; x < x0; x += 2 * L) \
    window_words##L (hrow_d2_##L (in, x, w, pairs), st); \
  for (; x < end; x += 2 * L) \
    STORE16 (sums + (x - x0), window_words##L (hrow_d2_##L (in, x, w, \
                pairs), st)); \
} \
\
/* hrow_box##L##_body () with pairs or without (NULL) a constant. */ \
TARGET static void \
hrow_box##L (const uint8_t * in, ptrdiff_t x0, ptrdiff_t n, int w, \
    uint16_t * sums, uint16_t * pairs) \
{ \
  if (pairs) \
    hrow_box##L##_body (in, x0, n, w, sums, pairs); \
  else \
    hrow_box##L##_body (in, x0, n, w, sums, NULL); \
} \
\
TARGET ROW_INLINE void \
hdown##L##_body (const uint16_t * now, const uint16_t * gone, uint32_t * col, \
    ptrdiff_t n, uint8_t * out, const RowFinish * fin) \
{ \
  ptrdiff_t x = 0; \
  \
  for (; x + 4 * L <= n; x += 4 * L) { \
    VEC c[4]; \
    \
    for (int i = 0; i < 4; i++) { \
      c[i] = ADD32 (LOADC (col + x + i * L), SUB32 (WIDEN_WD##L (now + x + \
                  i * L), WIDEN_WD##L (gone + x + i * L))); \
      STOREC (col + x + i * L, c[i]); \
    } \
    if (out) \
      finish_four##L (out + x, c, fin); \
  } \
  for (; x < n; x += L) { \
    VEC c = ADD32 (LOADC (col + x), SUB32 (WIDEN_WD##L (now + x), \
            WIDEN_WD##L (gone + x))); \
    \
    STOREC (col + x, c); \
    if (out) \
      finish_store##L (out + x, c, n - x < L ? n - x : L, fin); \
  } \
} \
\
/* hdown##L##_body () where the row sums are below 2^15 (f->cas8_words): \
 * now - gone of 2 L lanes by one 16-bit subtraction, exact as int16, \
 * its even and odd lanes sign-extended by shifts (half##L ()). C of the \
 * 2 L lanes from x holds the even lanes' sums at x, the odd ones' at x + \
 * L (only this loop reads it); finish_four_eo##L () puts the bytes in \
 * order. Lanes up to n rounded up to 2 L are read (the row box stores \
 * whole vectors), the last 4 L lanes' bytes go through tmp. */ \
TARGET ROW_INLINE void \
hdown_words##L##_body (const uint16_t * now, const uint16_t * gone, \
    uint32_t * col, ptrdiff_t n, uint8_t * out, const RowFinish * fin) \
{ \
  for (ptrdiff_t x = 0; x < n; x += 4 * L) { \
    VEC c[4] = { ZERO (), ZERO (), ZERO (), ZERO () }; \
    uint8_t tmp[4 * L]; \
    \
    for (int i = 0; i < 2 && x + 2 * i * L < n; i++) { \
      const ptrdiff_t b = x + 2 * i * L; \
      const VEC d = SUB16 (LOADC (now + b), LOADC (gone + b)); \
      \
      for (int h = 0; h < 2; h++) { \
        c[2 * i + h] = ADD32 (LOADC (col + b + h * L), half##L (d, h)); \
        STOREC (col + b + h * L, c[2 * i + h]); \
      } \
    } \
    if (!out) \
      continue; \
    if (x + 4 * L <= n) { \
      finish_four_eo##L (out + x, c, fin); \
    } else { \
      finish_four_eo##L (tmp, c, fin); \
      memcpy (out + x, tmp, (size_t) (n - x)); \
    } \
  } \
} \
\
/* hdown##L##_body () or hdown_words##L##_body () with the finish's kind \
 * constant. */ \
TARGET static void \
hdown##L (const uint16_t * now, const uint16_t * gone, uint32_t * col, \
    uint8_t * out, ptrdiff_t n, const RowFinish * fin) \
{ \
  WITH_FINISH (out, fin, hdown##L##_body, now, gone, col, n); \
} \
\
TARGET static void \
hdown_words##L (const uint16_t * now, const uint16_t * gone, \
    uint32_t * col, uint8_t * out, ptrdiff_t n, const RowFinish * fin) \
{ \
  WITH_FINISH (out, fin, hdown_words##L##_body, now, gone, col, n); \
}
HFIRST (8, ROWS_AVX2, __m256i, _mm256_add_epi16, _mm256_sub_epi16,
    _mm256_add_epi32, _mm256_sub_epi32, LOAD256, STORE256, STORE256,
    _mm256_setzero_si256)
HFIRST (16, VC_AVX512, __m512i, _mm512_add_epi16, _mm512_sub_epi16,
    _mm512_add_epi32, _mm512_sub_epi32, _mm512_loadu_si512,
    _mm512_storeu_si512, _mm512_storeu_si512, _mm512_setzero_si512)
#undef HFIRST

/* The row box of two padded rows at once on avx2 (run_hfirst ()), a
 * 128-bit half of each vector a row: the low half lanes [x, x + 8) of
 * a, the high half the same of b. A shift by k lanes then stays inside
 * the halves (one vpalignr, where hrow_box8 ()'s shifts across the two
 * halves of one row take two), and each step is 8 lanes, so three
 * levels: d[x] = in[x] - in[x - w] of each row (one vpmaddubsw of the
 * bytes side by side, exact: |d| <= 255), D2, D4, D8, S[x] = S[x - 8] +
 * D8[x], modulo 2^16 as there. The same zeros before and after the rows
 * make the state before the first step zero; loads reach from lane
 * x - w on, x > -16, and to 16 lanes past the last step's. A turn is two
 * steps (16 lanes) from x0 less a multiple of 16, so both of its steps
 * are before x0 or neither; from x0 on the sums go to sa and sb, 8 lanes
 * a store (the rows of sums have room past n). */
ROWS_AVX2 ROW_INLINE __m256i
two_rows8 (const uint8_t * a, const uint8_t * b, ptrdiff_t x)
{
  return _mm256_inserti128_si256 (_mm256_castsi128_si256 (_mm_loadu_si128
          ((const __m128i *) (a + x))), _mm_loadu_si128 ((const __m128i *)
          (b + x)), 1);
}

ROWS_AVX2 ROW_INLINE __m256i
two_rows_step8 (__m256i d, __m256i * st)
{
  const __m256i d2 = _mm256_add_epi16 (d, _mm256_alignr_epi8 (d, st[0], 14));
  const __m256i d4 = _mm256_add_epi16 (d2, _mm256_alignr_epi8 (d2, st[1],
          12));
  const __m256i d8 = _mm256_add_epi16 (d4, _mm256_alignr_epi8 (d4, st[2],
          8));

  st[0] = d;
  st[1] = d2;
  st[2] = d4;
  st[3] = _mm256_add_epi16 (st[3], d8);
  return st[3];
}

ROWS_AVX2 static void
hrow_box_two8 (const uint8_t * a, const uint8_t * b, ptrdiff_t x0,
    ptrdiff_t n, int w, uint16_t * sa, uint16_t * sb)
{
  /* Bytes (now, gone) side by side, times (1, -1). */
  const __m256i sign = _mm256_set1_epi16 ((short) 0xff01);
  __m256i st[4] = { _mm256_setzero_si256 (), _mm256_setzero_si256 (),
    _mm256_setzero_si256 (), _mm256_setzero_si256 ()
  };
  const ptrdiff_t end = x0 + n;

  for (ptrdiff_t x = x0 - (x0 + 15) / 16 * 16; x < end; x += 16) {
    const __m256i now = two_rows8 (a, b, x), gone = two_rows8 (a, b, x - w);
    const __m256i d[2] = {
      _mm256_maddubs_epi16 (_mm256_unpacklo_epi8 (now, gone), sign),
      _mm256_maddubs_epi16 (_mm256_unpackhi_epi8 (now, gone), sign)
    };

    for (int i = 0; i < 2; i++) {
      const __m256i s = two_rows_step8 (d[i], st);

      if (x < x0)
        continue;
      _mm_storeu_si128 ((__m128i *) (sa + (x + 8 * i - x0)),
          _mm256_castsi256_si128 (s));
      _mm_storeu_si128 ((__m128i *) (sb + (x + 8 * i - x0)),
          _mm256_extracti128_si256 (s, 1));
    }
  }
}
#undef WITH_FINISH
#undef WIDEN_BW16
#undef WIDEN_BW8
#undef WIDEN_WD16
#undef WIDEN_WD8
#undef LOAD256
#undef STORE256
#undef ROW_BOX
#undef ROW_QUOTIENT
#undef ROW_QUOTIENT_PD
#undef ROW_NEAR
#undef ROW_INLINE
#undef ROWS_AVX2
#endif

typedef struct
{
  Call c;
  const VcPlane *dst;
  uint8_t *x;                   /* ring 0 */
  uint8_t *ring[VC_CASCADE_MAX_BOXES + 1];      /* rings 1 to down_rings () */
  uint32_t *zero;               /* a row of zeros */
  uint32_t *d_row;              /* the blocks' D (see DownBlock) */
  size_t gw, ow;                /* lanes of ring rows, of rows of samples */
  uint32_t *t;                  /* GROUP rows of column sums transposed */
  uint64_t *ring_across;        /* the rings across */
  size_t steps;                 /* of each, ring_steps () */
  uint64_t *u;                  /* sums across, transposed */
  uint8_t *rows;                /* GROUP rows of samples, ow apart */
  int lead, trail;              /* see padded_row () */
  uint8_t *prow[HFIRST_AT_ONCE];        /* across first: padded rows */
  uint16_t *hring, *hzero;      /* its rows of row sums, a row of zeros */
  uint16_t *pairs;              /* its row of pair sums, at lane 0, or NULL */
  uint32_t *col;                /* its column sums C */
} Cascade8;

/* Row `q` (from the band's first padded row) of a ring of `slots` rows
 * `bytes` apart, or `zero` (a row of zeros) before the first. */
static void *
ring_row (void *ring, int64_t q, int slots, size_t bytes, void *zero)
{
  if (q < 0)
    return zero;
  return (uint8_t *) ring + (size_t) (q % slots) * bytes;
}

/* Row `q` of ring b >= 1. */
static void *
slot8 (const Cascade8 * k, int b, int64_t q)
{
  return ring_row (k->ring[b], q, slots8 (k->c.f, b), slot_bytes (k->c.f,
          k->gw, b), k->zero);
}

/* The same of ring 0. */
static uint8_t *
slot_x (const Cascade8 * k, int64_t q)
{
  return ring_row (k->x, q, slots8 (k->c.f, 0), slot_bytes (k->c.f, k->gw,
          0), k->zero);
}

/* The rings across, zeros before a sweep. */
static void
clear_rings (const Cascade8 * k)
{
  const int n = k->c.f->cas[1].n;

  if (n > 1)
    memset (k->ring_across, 0, (size_t) (n - 1) * (k->steps + RING_MIRROR) *
        GROUP * 8);
}

/* The sums across of GROUP rows of column sums v, transposed, into
 * k->u (v NULL: k->t holds them transposed already). */
static void
sums_across (Cascade8 * k, uint32_t * const *v)
{
  const VcFast *f = k->c.f;
  const int n = f->cas[1].n;
  typedef void (*Across) (uint64_t *, const uint32_t *, size_t, const int *,
      uint64_t *, size_t, uint64_t);
  /* The AVX2 finish takes S plus 2^52 (see finish4 ()). */
  const uint64_t bias = f->cas8_avx2 ? E52 : 0;
  static const Across sweeps[] = { NULL, across1, across2, across3, across4 };

  if (v)
    transpose_rows (f, v, k->t, k->gw);
  clear_rings (k);
  if (n == 0) {
    for (size_t q = 0; q < k->gw * GROUP; q++)
      k->u[q] = k->t[q] | bias;
    return;
  }
  sweeps[n] (k->u, k->t, k->gw, f->cas[1].w, k->ring_across, k->steps - 1,
      bias);
}

/* The finish of n lanes of sums across from lane `lane` into rows. */
static void
finish (const Cascade8 * k, size_t lane, uint8_t * const *rows, size_t n)
{
  const VcFast *f = k->c.f;
  const bool absolute = k->c.plan->absolute;

#ifdef HAVE_AVX2_TRANSPOSE
  if (f->cas8_avx2) {
    (f->cas8_avx512 ? finish_avx512 : finish_avx2) (f, absolute,
        k->u + lane * GROUP, rows, n);
    return;
  }
#endif
  finish_c (f, absolute, k->u + lane * GROUP, rows, n);
}

#ifdef HAVE_AVX2_TRANSPOSE
/* The sweep across with the finish fused (f->cas8_a32) of GROUP rows of
 * column sums v (NULL: in k->t already) into GROUP rows of bytes from
 * row, stride apart. */
static void
sweep_finished (Cascade8 * k, uint32_t * const *v, uint8_t * row,
    ptrdiff_t stride)
{
  const VcFast *f = k->c.f;
  const bool absolute = k->c.plan->absolute;
  const bool unit = !f->cas8_clamp && unit_k (f, absolute);
  const Sweep s = {
    .in = k->t,
    .w = f->cas[1].w,
    .ring = k->ring_across,
    .mask = k->steps - 1,
    .lane = (size_t) k->c.plan->g.kw - 1,
    .m = (size_t) k->c.plan->g.out_w,
    .row = row,
    .stride = stride,
    .q = quotient_of (f, absolute, unit),
    .clamp = f->cas8_clamp,
    .unit = unit,
  };

  if (v)
    transpose_rows (f, v, k->t, k->gw);
  clear_rings (k);
  (f->cas8_avx512 ? sweep_avx512 : sweep_avx2) (&s, f->cas[1].n);
}

/* The finish by rows (RowFinish). */
static RowFinish
row_finish (const Cascade8 * k)
{
  const VcFast *f = k->c.f;
  const Quotient q = quotient_of (f, k->c.plan->absolute, false);
  const RowFinish fin = {
    .f64 = !f->cas8_f32,
    .pos = q.k > 0,
    .near = f->cas8_f32 && q.k == 1 && fmod (f->cas8_d, 2) == 1,
    .k = (float) q.k,
    .c = (float) q.c,
    .inv = (float) q.inv,
    .kd = q.k,
    .cd = q.c,
    .invd = q.inv,
  };

  return fin;
}

/* One output row from its column sums v by rows (f->cas8_rows), into
 * out: the row boxes but the last into two rows of k->t in turn, the
 * last from lane kw - 1 (its first whole sum) finished into bytes. No
 * row boxes: a box of width 1. */
static void
across_row (const Cascade8 * k, const uint32_t * v, uint8_t * out)
{
  const VcFast *f = k->c.f;
  const VcGeometry *g = &k->c.plan->g;
  const int n = f->cas[1].n;
  const size_t row = ALIGN64 (k->gw * 4) / 4;
  const RowFinish fin = row_finish (k);
  void (*const box) (const uint32_t *, ptrdiff_t, ptrdiff_t, int,
      uint32_t *, uint8_t *, const RowFinish *) =
      f->cas8_avx512 ? row_box16 : row_box8;

  for (int b = 0; b + 1 < n; b++) {
    uint32_t *sums = k->t + (size_t) (b & 1) * row;

    box (v, 0, g->need_w, f->cas[1].w[b], sums, NULL, &fin);
    v = sums;
  }
  box (v, g->kw - 1, g->out_w, n ? f->cas[1].w[n - 1] : 1, NULL, out, &fin);
}
#endif

#ifdef HAVE_AVX2_TRANSPOSE
/* Where output row i's bytes go by rows: dst's row where its samples are
 * the lanes, else k->c.out, which out_row_done () then puts in place. */
static uint8_t *
out_row (const Cascade8 * k, int i)
{
  const VcPlane *dst = k->dst;

  return dst->pixel_stride == 1 ? (uint8_t *) dst->data + (ptrdiff_t) i *
      dst->row_stride : k->c.out;
}

static void
out_row_done (Cascade8 * k, int i)
{
  if (k->dst->pixel_stride != 1)
    vc_fast_finish_row (&k->c, NULL, k->dst, i, true);
}
#endif

/* Output rows [i0, i0 + m) (m <= GROUP) from their column sums v: by
 * rows where across_row () takes them; else the fused sweep where it
 * runs, straight into dst's rows where they are GROUP rows of bytes,
 * else into k->rows and copied; else the sums across, then the finish
 * straight into dst's rows where its samples are the lanes (but for a
 * last block of 8 that the row ends within), else into k->rows. Rows of
 * other layouts go on through vc_fast_finish_row (). */
static void
across (Cascade8 * k, uint32_t * const *v, int i0, int m)
{
  const VcGeometry *g = &k->c.plan->g;
  const VcPlane *dst = k->dst;
  const size_t lane = (size_t) g->kw - 1;
  const bool direct = dst->pixel_stride == 1;
  const size_t whole = direct ? (size_t) g->out_w & ~(size_t) 7 : 0;
  uint8_t *out[GROUP], *tmp[GROUP];

#ifdef HAVE_AVX2_TRANSPOSE
  if (k->c.f->cas8_rows) {
    for (int r = 0; r < m; r++) {
      across_row (k, v[r], out_row (k, i0 + r));
      out_row_done (k, i0 + r);
    }
    return;
  }
  if (k->c.f->cas8_avx2 && k->c.f->cas8_a32) {
    /* Straight into dst's rows where they are GROUP rows of bytes. */
    if (direct && m == GROUP) {
      sweep_finished (k, v, (uint8_t *) dst->data + (ptrdiff_t) i0 *
          dst->row_stride, dst->row_stride);
      return;
    }
    sweep_finished (k, v, k->rows, (ptrdiff_t) k->ow);
    for (int r = 0; r < m; r++) {
      memcpy (out_row (k, i0 + r), k->rows + (size_t) r * k->ow,
          (size_t) g->out_w);
      out_row_done (k, i0 + r);
    }
    return;
  }
#endif
  sums_across (k, v);
  for (int r = 0; r < GROUP; r++) {
    tmp[r] = k->rows + (size_t) r * k->ow;
    out[r] = r < m && direct ? (uint8_t *) dst->data + (ptrdiff_t) (i0 + r) *
        dst->row_stride : tmp[r];
  }
  finish (k, lane, out, whole);
  if (whole == (size_t) g->out_w)
    return;
  finish (k, lane + whole, tmp, k->ow - whole);
  for (int r = 0; r < m; r++) {
    if (direct) {
      memcpy (out[r] + whole, tmp[r], (size_t) g->out_w - whole);
      continue;
    }
    memcpy (k->c.out, tmp[r], (size_t) g->out_w);
    vc_fast_finish_row (&k->c, NULL, dst, i0 + r, true);
  }
}

/* Carves the scratch across first (see hfirst_bytes ()). */
static void
carve_hfirst (Cascade8 * k, uint8_t * p)
{
  const VcFast *f = k->c.f;
  const VcGeometry *g = &k->c.plan->g;
  const size_t guard = hfirst_guard (f), slot = hfirst_slot (g);
  const size_t row = ALIGN64 ((size_t) g->need_w + 64);

  for (int i = 0; i < HFIRST_AT_ONCE; i++) {
    memset (p, 0, guard);
    k->prow[i] = p + guard;
    memset (k->prow[i] + g->need_w, 0, row - (size_t) g->need_w);
    p += guard + row;
  }
  k->hring = (uint16_t *) p;
  p += (size_t) hfirst_ring (f) * slot;
  k->hzero = (uint16_t *) p;
  memset (p, 0, slot);
  p += slot;
  k->col = (uint32_t *) p;
  memset (p, 0, ALIGN64 (hfirst_lanes (g) * 4));
  p += ALIGN64 (hfirst_lanes (g) * 4);
  memset (p, 0, hfirst_pairs_lanes (f, g) * 2);
  k->pairs = hfirst_pairs (f) ? (uint16_t *) p + hfirst_pairs_before (f) :
      NULL;
}

/* Carves the scratch (see cascade8_bytes ()). */
static void
carve8 (Cascade8 * k, uint8_t * p)
{
  const VcFast *f = k->c.f;
  const VcPlan *plan = k->c.plan;
  const VcGeometry *g = &plan->g;
  size_t pad = f->cas[1].n ? (size_t) f->cas[1].w[0] : 0;
  size_t rings = f->cas[1].n > 1 ? (size_t) (f->cas[1].n - 1) : 0;

  k->gw = ALIGN32 ((size_t) g->need_w);
  k->ow = ALIGN8 ((size_t) g->out_w);
  k->steps = ring_steps (f);
  /* The border columns before the input's and after, from the ends
   * inwards, that take the same pixel as the end column. */
  k->lead = k->trail = 0;
  while (k->lead < g->left && k->lead < g->need_w &&
      plan->col_map[k->lead] == plan->col_map[0])
    k->lead++;
  while (g->need_w - k->trail - 1 >= g->left + g->in_w &&
      plan->col_map[g->need_w - k->trail - 1] ==
      plan->col_map[g->need_w - 1])
    k->trail++;
  if (f->cas8_hfirst) {
    carve_hfirst (k, p);
    return;
  }
  /* Lanes past the padded row's: summed, never finished, zeros. */
  k->x = p;
  for (int q = 0; q < slots8 (f, 0); q++)
    memset (slot_x (k, q) + g->need_w, 0, k->gw - (size_t) g->need_w);
  p += (size_t) slots8 (f, 0) * slot_bytes (f, k->gw, 0);
  for (int b = 1; b <= down_rings (f); b++) {
    const size_t lb = lane_bytes (f, b);

    k->ring[b] = p;
    for (int q = 0; q < slots8 (f, b); q++)
      memset ((uint8_t *) slot8 (k, b, q) + g->need_w * lb, 0,
          (k->gw - (size_t) g->need_w) * lb);
    p += (size_t) slots8 (f, b) * slot_bytes (f, k->gw, b);
  }
  k->zero = (uint32_t *) p;
  memset (p, 0, k->gw * 4);
  p += ALIGN64 (k->gw * 4);
  k->d_row = (uint32_t *) p;
  memset (p, 0, k->gw * 4);
  p += ALIGN64 (k->gw * 4);
  /* The first box's taps before lane 0 are zeros. */
  memset (p, 0, pad * GROUP * 4);
  k->t = (uint32_t *) p + pad * GROUP;
  p += ALIGN64 ((pad + k->gw) * GROUP * 4);
  k->ring_across = (uint64_t *) p;
  p += ALIGN64 (rings * (k->steps + RING_MIRROR) * GROUP * 8);
  k->u = (uint64_t *) p;
  k->rows = p + ALIGN64 ((k->gw + GROUP) * GROUP * 8);
  /* Lanes past the sums', read by the finish's last block. */
  memset (k->u + k->gw * GROUP, 0, GROUP * GROUP * 8);
}

/* The sample of padded column p of an input row. */
static inline uint8_t
sample (const Cascade8 * k, const uint8_t * base, int p)
{
  const int x = k->c.plan->col_map[p];

  return x < 0 ? (uint8_t) k->c.plan->border_word :
      base[(size_t) x * k->c.src->pixel_stride];
}

/* Asks for the input row under padded row r (r <= last) ahead of its
 * copy: the frame has often just been written, and is not in this core's
 * caches. */
static void
prefetch_row (const Cascade8 * k, int64_t r, int64_t last)
{
  const VcPlan *plan = k->c.plan;
  const uint8_t *base;
  size_t bytes = (size_t) plan->g.in_w * k->c.src->pixel_stride;

  if (r > last || plan->row_map[r] < 0)
    return;
  base = vc_fast_input_row (&k->c, plan->row_map[r]) + k->c.src->offset;
  for (size_t x = 0; x < bytes; x += 64)
    __builtin_prefetch (base + x);
}

/* Padded row r, one byte per pixel (vc_fast_box_row_u32 () with one lane
 * per pixel), the input's pixels copied in one run (a strided one where
 * the sample is one of several in a pixel), the border columns that take
 * the same pixel as the first or the last (k->lead, k->trail) by one
 * memset each. */
static void
padded_row (const Cascade8 * k, int r, uint8_t * out)
{
  const VcPlan *plan = k->c.plan;
  const VcGeometry *g = &plan->g;
  const int y = plan->row_map[r], ps = k->c.src->pixel_stride;
  const uint8_t *base;
  /* Interior pixels: padded columns [left, left + in_w). */
  int a = g->left > 0 ? g->left : 0;
  int b = g->left + g->in_w < g->need_w ? g->left + g->in_w : g->need_w;

  if (y < 0) {
    memset (out, (uint8_t) plan->border_word, (size_t) g->need_w);
    return;
  }
  base = vc_fast_input_row (&k->c, y) + k->c.src->offset;
  if (a >= b) {
    a = b = -1;
  } else if (ps == 1) {
    memcpy (out + a, base + (a - g->left), (size_t) (b - a));
  } else {
    k->c.f->finishes->gather_u8 (out + a, base + (size_t) (a - g->left) *
        (size_t) ps, b - a, ps);
  }
  memset (out, sample (k, base, 0), (size_t) k->lead);
  for (int p = k->lead; p < g->need_w - k->trail; p++) {
    if (p == a) {
      p = b - 1;
      continue;
    }
    out[p] = sample (k, base, p);
  }
  memset (out + g->need_w - k->trail, sample (k, base, g->need_w - 1),
      (size_t) k->trail);
}

#ifdef HAVE_AVX2_TRANSPOSE
/* vc_fast_run_cascade8 () by blocks (down_block_avx512 (),
 * down_block_avx2 ()): padded rows [first, last] in blocks of up to GROUP
 * rows, those before the first output row's last apart, so that each
 * later block makes one group of output rows. */
static void
run_blocks (Cascade8 * k, int64_t first, int64_t last)
{
  const VcFast *f = k->c.f;
  const VcGeometry *g = &k->c.plan->g;
  const int n = f->cas[0].n;
  const int64_t out0 = first + g->kh - 1;

  for (int64_t r0 = first; r0 <= last;) {
    int64_t end = r0 < out0 ? out0 - 1 : last;
    DownBlock d;

    if (end > r0 + GROUP - 1)
      end = r0 + GROUP - 1;
    d.rows = (int) (end - r0 + 1);
    for (int j = 0; j < d.rows; j++) {
      int64_t r = r0 + j, q = r - first;

      padded_row (k, (int) r, slot_x (k, q));
      prefetch_row (k, r + 4, last);
      d.x[j] = slot_x (k, q);
      d.x_old[j] = slot_x (k, q - f->cas[0].w[0]);
      for (int b = 0; b < n; b++) {
        if (b)
          d.gone[b][j] = slot8 (k, b, q - f->cas[0].w[b]);
        if (b + 1 < n)
          d.now[b][j] = slot8 (k, b + 1, q);
      }
      if (n >= 3) {
        d.lag[0][j] = slot8 (k, n - 2, q - f->cas[0].w[n - 1]);
        d.lag[1][j] = slot8 (k, n - 2, q - f->cas[0].w[n - 1] -
            f->cas[0].w[n - 2]);
      }
    }
    for (int b = 0; b < n; b++)
      d.own[b] = slot8 (k, b + 1, r0 - first - 1);
    d.d_row = k->d_row;
    d.last = slot8 (k, n, end - first);
    d.t = r0 >= out0 ? k->t : NULL;
    if (f->cas8_d16)
      (f->cas8_avx512 ? down3_block_avx512 : down3_block_avx2) (&d, k->gw);
    else
      (f->cas8_avx512 ? down_block_avx512 : down_block_avx2) (&d, k->gw, n);
    if (d.t)
      across (k, NULL, (int) (r0 - (g->kh - 1)), d.rows);
    r0 = end + 1;
  }
}
#endif

#ifdef HAVE_AVX2_TRANSPOSE
/* Row q (from the band's first padded row) of row sums across first, or
 * a row of zeros before the first. */
static uint16_t *
hslot (const Cascade8 * k, int64_t q)
{
  return ring_row (k->hring, q, hfirst_ring (k->c.f), hfirst_slot
      (&k->c.plan->g), k->hzero);
}

/* vc_fast_run_cascade8 () across first (f->cas8_hfirst): each padded
 * row [first, last] across into a row of row sums (two at once on avx2
 * while two are left), then down: C takes that row less the one h rows
 * before (zeros before the first), and from the first output row's last
 * padded row on is finished into output row r - (kh - 1). In place,
 * reading the second row before the first row's output is written is
 * reading it sooner, which is safe where later was. */
static void
run_hfirst (Cascade8 * k, int64_t first, int64_t last)
{
  const VcFast *f = k->c.f;
  const VcGeometry *g = &k->c.plan->g;
  const RowFinish fin = row_finish (k);
  const int w = f->cas[1].w[0], h = f->cas[0].w[0];
  void (*const across_bytes) (const uint8_t *, ptrdiff_t, ptrdiff_t, int,
      uint16_t *, uint16_t *) = f->cas8_avx512 ? hrow_box16 : hrow_box8;
  void (*const down) (const uint16_t *, const uint16_t *, uint32_t *,
      uint8_t *, ptrdiff_t, const RowFinish *) = f->cas8_avx512 ?
      (f->cas8_words ? hdown_words16 : hdown16) : (f->cas8_words ?
      hdown_words8 : hdown8);

  for (int64_t r = first; r <= last;) {
    const int m = !f->cas8_avx512 && r < last ? 2 : 1;

    for (int i = 0; i < m; i++) {
      padded_row (k, (int) (r + i), k->prow[i]);
      prefetch_row (k, r + i + 4, last);
    }
    if (m == 2)
      hrow_box_two8 (k->prow[0], k->prow[1], g->kw - 1, g->out_w, w,
          hslot (k, r - first), hslot (k, r + 1 - first));
    else
      across_bytes (k->prow[0], g->kw - 1, g->out_w, w, hslot (k,
              r - first), k->pairs);
    for (int i = 0; i < m; i++, r++) {
      const int64_t q = r - first, top = r - (g->kh - 1);
      uint8_t *out = top >= first ? out_row (k, (int) top) : NULL;

      down (hslot (k, q), hslot (k, q - h), k->col, out, g->out_w, &fin);
      if (out)
        out_row_done (k, (int) top);
    }
  }
}
#endif

/* Makes output rows [y0, y1) of one component of dst (src and dst
 * describe it alone), in place when keep is given: the padded rows down,
 * and GROUP output rows at a time across (by rows, one at a time). */
static void
run_component (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  const int n = f->cas[0].n;
  const int64_t first = y0, last = (int64_t) y1 - 1 + g->kh - 1;
  Cascade8 k = {.dst = dst };
  uint32_t *v[GROUP];
  int m = 0;
  /* By rows, each row across as soon as it is down, its column sums
   * still in L1. */
  const int group = f->cas8_rows ? 1 : GROUP;

  vc_fast_call_init (&k.c, plan, src, dst, scratch, keep);
  carve8 (&k, (uint8_t *) scratch + f->keep_bytes + f->cas8_at);
#ifdef HAVE_AVX2_TRANSPOSE
  if (f->cas8_hfirst) {
    run_hfirst (&k, first, last);
    return;
  }
  if (f->cas8_avx2 && !f->cas8_rows && n > 0) {
    run_blocks (&k, first, last);
    return;
  }
#endif
  for (int64_t r = first; r <= last; r++) {
    int64_t q = r - first, top = r - (g->kh - 1);

    padded_row (&k, (int) r, slot_x (&k, q));
    prefetch_row (&k, r + 4, last);
    if (n == 0) {
      vc_fast_widen_u8 (slot8 (&k, 1, q), slot_x (&k, q), g->need_w);
    } else {
      uint32_t *now[VC_CASCADE_MAX_BOXES];
      const uint32_t *own[VC_CASCADE_MAX_BOXES];
      const uint32_t *gone[VC_CASCADE_MAX_BOXES];

      for (int b = 0; b < n; b++) {
        now[b] = slot8 (&k, b + 1, q);
        own[b] = slot8 (&k, b + 1, q - 1);
        gone[b] = b ? slot8 (&k, b, q - f->cas[0].w[b]) : NULL;
      }
#ifdef HAVE_AVX2_TRANSPOSE
      if (f->cas8_avx512)
        down_boxes_avx512 (f, now, own, gone, slot_x (&k, q), slot_x (&k,
                q - f->cas[0].w[0]), (size_t) g->need_w, n);
      else
#endif
        down_boxes (f, now, own, gone, slot_x (&k, q), slot_x (&k,
                q - f->cas[0].w[0]), (size_t) g->need_w, n);
    }
    if (top < first)
      continue;
    v[m] = slot8 (&k, down_rings (f), q);
    if (++m == group || top == y1 - 1) {
      for (int i = m; i < GROUP; i++)
        v[i] = v[m - 1];
      across (&k, v, (int) top - m + 1, m);
      m = 0;
    }
  }
}

/* Makes output rows [y0, y1) of dst, one component after the other. In
 * place, each reads only its own samples, which the components before
 * did not write, and the rows kept aside hold every component. */
void
vc_fast_run_cascade8 (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep)
{
  for (int c = 0; c < plan->fast->cas8_each; c++) {
    VcPlane s1 = *src, d1 = *dst;

    s1.offset += c;
    d1.offset += c;
    s1.components = d1.components = 1;
    run_component (plan, &s1, &d1, y0, y1, scratch, keep);
  }
}
