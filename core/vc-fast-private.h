/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internals shared by the fast path's files. Not installed.
 *
 *   vc-fast-kernel.c  kernel analysis: integer scale, factoring, taps
 *   vc-fast-finish.c  the lanes and the finish, and finishing a row
 *   vc-fast-rows.c    padded rows, phases, rings, the scratch layout
 *   vc-fast-keep.c    in place: the rows kept aside before a call
 *   vc-fast-fused.c   separable 16-bit kernels, both passes per strip
 *   vc-fast-box.c     equal coefficients as running sums
 *   vc-fast-cascade.c separable kernels whose factors are boxes convolved
 *   vc-fast-cascade8.c the same on 8-bit samples, down first, in rows
 *   vc-fast.c         the plan (analyse, lanes, passes, rings) and
 *                     execution
 */
#ifndef VC_FAST_PRIVATE_H
#define VC_FAST_PRIVATE_H

#include "vc-private.h"
#include "vc-simd.h"

/* The loops of the running sums (vc-fast-box.c, vc-fast-cascade.c) are
 * plain C; on x86-64 the compiler makes them for AVX2 too, taken where
 * the CPU runs it (the results are the same integers either way). */
#if defined(VC_HAVE_X86_PATHS) && defined(__GNUC__) && !defined(__clang__)
#define VC_BOX_LOOP __attribute__ ((target_clones ("avx2", "default")))
#else
#define VC_BOX_LOOP
#endif

/* Smallest side (either axis) that takes the running sums; measured on
 * GRAY8 1080p (docs/benchmarks.md). */
#define VC_BOX_MIN_SIDE 11
/* Most boxes per axis the cascade path divides a factor into. */
#define VC_CASCADE_MAX_BOXES 4

/* A separable pass's column taps run on VC_BAND_ROWS output rows at a
 * time, VC_BAND_LANES lanes of each before the next lanes: the rows'
 * taps then come from the first-level cache (vc-fast.c). */
#define VC_BAND_ROWS 4
#define VC_BAND_LANES 256

/* Largest ring of cached rows, in bytes. */
#define VC_RING_MAX_BYTES (32u << 20)
#define VC_FLOAT_EXACT 16777216.0       /* 2^24 */
#define ALIGN64(x) (((x) + 63) & ~(size_t) 63)

/* The next `bytes` of a scratch area at *p, which then moves on to the
 * next 64-byte boundary. */
static inline void *
vc_carve (uint8_t ** p, size_t bytes)
{
  void *r = *p;

  *p += ALIGN64 (bytes);
  return r;
}

/* p moved on (by less than 64 bytes) to where its byte `at` lies on a
 * 64-byte boundary: vector stores from there do not straddle two cache
 * lines. The area carved for it needs 64 bytes to spare. */
static inline uint8_t *
vc_align_at (uint8_t * p, size_t at)
{
  return p + (-(uintptr_t) (p + at) & 63);
}

typedef struct
{
  int n;                        /* taps */
  int *m;                       /* kernel row of each tap */
  int *px;                      /* pixel offset into the phase-split row */
  float *coef;
  int16_t *coef16;
  double *coef64;
  /* Groups of taps a lane (the first's m and px, every coefficient in
   * coef2, the first's lowest): 0 none, 2 pairs (taps_pairs, int16
   * halves), 4 quads (taps_quads, int8 bytes). */
  int group;
  int32_t *coef2;
} VcTaps;

typedef struct
{
  bool separable;
  VcTaps taps;                  /* direct: all taps; separable: column taps */
  VcTaps row;                   /* separable: row taps on the padded row */
  VcTaps pairs;                 /* direct, pair_d > 0: taps in pairs */
} VcPass;

typedef enum
{
  VC_FINISH_POW2,               /* float lanes, D a power of two, or
                                 * |Y| < 2^22 (see vc-fast-finish.c) */
  VC_FINISH_DIV,                /* float lanes, any integer D */
  VC_FINISH_REF,                /* the reference's double operations */
  VC_FINISH_I16,                /* 16-bit lanes, integer D */
  VC_FINISH_MAG,                /* 16-bit lanes, gradient magnitude */
} VcFinishKind;

struct VcFast
{
  const VcSimd *simd;
  const VcSimd *finishes;       /* the table whose finishes are used */
  const VcSimd *wide;           /* the table whose 64-bit lane loops run */
  /* Components one run of the loops makes: the plan's, but 1 on the
   * 8-bit cascade, which makes each of the plan's cas8_each in turn. */
  int components;
  bool i16;                     /* 16-bit integer lanes */
  bool no_i16;                  /* planned without them (vc_fast_plan ()) */
  bool f64;                     /* 64-bit float lanes; neither: float */
  /* Float sums from padded rows of 16-bit lanes (taps_madd): the "-int"
   * classes on 8-bit samples where the table has it. */
  bool madd;
  int lane_bytes;               /* of the sums: h-rows, accumulators */
  int pad_bytes;                /* of the padded rows' lanes */
  /* With madd: taps grouped pair_d pixels apart (0: none), pair_group
   * to a lane, the ring's padded rows then of lane pairs (pair_i16) or
   * quads (quad_u8, from the padded row as bytes), ring_bytes a lane. */
  int pair_d;
  int pair_group;
  int ring_bytes;
  int n_passes;                 /* 1, or 2 for the gradient magnitude */
  VcPass pass[2];
  VcFinishKind finish_kind;
  VcFinish finish;
  int *phase_start;             /* first pixel of each phase, sx + 1 */
  int span;                     /* (kh - 1) * dy + 1 */
  int ring_in;                  /* slots of padded rows (0: none) */
  int ring_h;                   /* slots of h-rows per separable pass */
  int max_taps;
  int band;                     /* most output rows of a band (1: none) */
  /* In place (see vc_fast_keep ()): whether calls may write into the input
   * plane, how many input rows a band may have to keep, the bytes of one
   * kept row, and of the keep area at the start of the scratch. */
  bool in_place;
  int keep_cap;
  size_t keep_slot;
  size_t keep_bytes;
  /* The fused separable path (vc-fast-fused.c): taken, its lines of
   * column sums in place, where its scratch starts (after the keep area). */
  bool fused;
  int fused_lines;
  size_t fused_at;
  /* The box path (vc-fast-box.c): taken, K' (signed), rows entering and
   * leaving per step down, output rows per step (0: no running down),
   * slots of its ring of row sums, where its scratch starts. */
  bool box;
  int64_t box_coef;
  int box_t, box_p;
  int box_ring;
  size_t box_at;
  /* The cascade path (vc-fast-cascade.c): taken, each axis' factor as
   * boxes (0: down, the kernel's columns; 1: across), the product of the
   * factors' last taps with the finish's sign, where its scratch starts. */
  bool cascade;
  struct
  {
    int n;                      /* boxes, 0..VC_CASCADE_MAX_BOXES */
    int w[VC_CASCADE_MAX_BOXES];        /* their widths */
    int slots[VC_CASCADE_MAX_BOXES + 1];        /* ring rows of each sum */
  } cas[2];
  int64_t cas_coef;
  size_t cas_at;
  /* Its 8-bit variant (vc-fast-cascade8.c): taken, the finish's k and d,
   * whether the transposes, the sums across and the finish run in AVX2,
   * whether the boxes down, the sums across and the finish run in
   * AVX-512 instead, whether the first box across fits 32 bits, whether
   * all of them and the finish do (float lanes), whether the finish's
   * quotients may reach 2^30, whether the sweep across and the finish go
   * row by row (across_row ()), whether three boxes down run on 16-bit
   * lanes, whether one box each way goes across first and then its box
   * down on 16-bit differences, where its scratch starts; the plan's
   * components, made one at a time. */
  bool cas8;
  int cas8_each;
  double cas8_k, cas8_d;
  bool cas8_avx2, cas8_avx512, cas8_a32, cas8_f32, cas8_clamp, cas8_rows;
  bool cas8_d16, cas8_hfirst, cas8_words;
  size_t cas8_at;
  /* Within 1 of the reference rather than equal to it (the "-float"
   * classes): its rounding may follow the row's length. */
  bool approximate;
  char name[40];
};

/* What the kernel analysis finds (vc_fast_analyse ()). e: the power of
 * two that makes every coefficient an integer (exact), else 0; pos[k] and
 * neg[k]: the largest positive and negative accumulator of pass k; bound:
 * the largest sum of |products|; sum[k]: the scaled kernel's sum. */
typedef struct
{
  int count;                    /* kh * kw */
  int e;
  bool exact;
  double bound;
  double pos[2], neg[2];
  double sum[2];
} VcKernelStats;

/* In place: the rows kept aside at the start of the scratch. */
#define VC_KEEP_MAX_BYTES (16u << 20)
#define VC_KEEP_MAGIC 0x6b656570u

typedef struct
{
  uint32_t magic;
  int y0, y1;                   /* the band the rows were kept for */
  int n;                        /* rows kept */
  const void *data;             /* the plane they were kept from */
  ptrdiff_t row_stride;
} KeepHeader;

typedef struct
{
  int size;                     /* slots, a power of two */
  size_t row_bytes;
  int *tags;                    /* padded row index held, or -1 */
  uint8_t *rows;
} Ring;

typedef struct
{
  const VcPlan *plan;
  const VcFast *f;
  const VcPlane *src;
  int L;                        /* lanes per pixel in this call */
  int first;                    /* lane of the first described component */
  int pad_lanes, out_lanes;
  uint8_t *prow;                /* padded row being built */
  void *split;                  /* stride 2: the row before its split;
                                 * quads: the padded row as bytes */
  const void **ptrs;            /* taps of the output row; of a band's
                                 * rows, max_taps + 1 a row */
  const void **hptrs;           /* taps of an h-row being made */
  Ring in;
  Ring h[2];
  void *acc[VC_BAND_ROWS];      /* pass k's sums in acc[k]; a band's rows */
  void *out;
  /* In place: the rows kept aside (vc_fast_keep ()), or NULL; kept[y] is
   * input row y's slot in kept_rows, or -1. */
  KeepHeader *keep;
  int *kept;
  uint8_t *kept_rows;
} Call;

/* vc-fast-kernel.c */
bool vc_fast_analyse (const VcPlan * plan, int n_passes, VcKernelStats * ks);
bool vc_fast_tiny_coefficient (const VcPlan * plan, int count);
bool vc_fast_make_passes (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign);
bool vc_fast_make_pairs (VcFast * f);
bool vc_fast_quads_beat_i16 (const VcFast * i16, const VcFast * quads);
int64_t vc_fast_gcd (int64_t a, int64_t b);
bool vc_fast_factor_kernel (const double *k, int kh, int kw, int64_t * col,
    int64_t * row);
void vc_fast_taps_free (VcTaps * t);

/* vc-fast-finish.c */
void vc_fast_reference_finish (VcFinish * fin, const VcPlan * plan, int e,
    double sum0);
bool vc_fast_choose_finish (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double *sign);
bool vc_fast_lanes_are_dst (const Call * c, const VcPlane * dst);
void vc_fast_finish_lanes (const Call * c, const void *acc, const void *acc2,
    void *out, int n);
void vc_fast_finish_row (Call * c, const void *acc, const VcPlane * dst,
    int i, bool finished);

/* vc-fast-rows.c */
bool vc_fast_plan_phases (VcFast * f, const VcGeometry * g);
size_t vc_fast_plan_rings (VcFast * f, const VcGeometry * g);
void vc_fast_call_init (Call * c, const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, void *scratch, KeepHeader * keep);
const uint8_t *vc_fast_input_row (const Call * c, int y);
void vc_fast_build_padded_row (const Call * c, int r, void *row);
void vc_fast_build_ring_row (const Call * c, int r, void *row);
void vc_fast_build_h_row (Call * c, int k, int r, void *row);
void vc_fast_run_taps (const Call * c, void *acc, const void **ptrs,
    const VcTaps * t, int from, int n, int len, bool accumulate,
    bool padded);

/* vc-fast.c */
VcStatus vc_fast_run (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep);

/* vc-fast-fused.c */
void vc_fast_plan_fused (VcFast * f, const VcPlan * plan,
    size_t *scratch_size);
bool vc_fast_run_fused (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep);

/* vc-fast-box.c */
bool vc_fast_box_kernel (const VcFast * f, const VcPlan * plan, bool exact);
void vc_fast_plan_box (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign, size_t *scratch_size);
void vc_fast_run_box (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep);
void vc_fast_box_row_u32 (const Call * c, int r, uint32_t * row);
/* n samples into uint32_t lanes, widened (also the 8-bit cascade's). */
void vc_fast_widen_u8 (uint32_t * restrict o, const uint8_t * restrict s,
    int n);

/* vc-fast-cascade.c */
void vc_fast_plan_cascade (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign, size_t *scratch_size);
void vc_fast_run_cascade (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep);

/* vc-fast-cascade8.c */
void vc_fast_plan_cascade8 (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double sign, size_t *scratch_size);
void vc_fast_run_cascade8 (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep);

/* vc-fast-keep.c */
void vc_fast_plan_in_place (VcFast * f, const VcGeometry * g,
    size_t sample_bytes);

/* Padded row r from the call's ring, built when the ring does not hold
 * it yet. Inline: called for every tap of every output row. */
static inline const void *
vc_fast_padded_row (Call * c, int r)
{
  Ring *ring = &c->in;
  int slot = r & (ring->size - 1);
  uint8_t *row = ring->rows + (size_t) slot * ring->row_bytes;

  if (ring->tags[slot] != r) {
    vc_fast_build_ring_row (c, r, row);
    ring->tags[slot] = r;
  }
  return row;
}

/* Row-filtered padded row r of separable pass k, likewise. */
static inline const void *
vc_fast_h_row (Call * c, int k, int r)
{
  Ring *ring = &c->h[k];
  int slot = r & (ring->size - 1);
  uint8_t *row = ring->rows + (size_t) slot * ring->row_bytes;

  if (ring->tags[slot] != r) {
    vc_fast_build_h_row (c, k, r, row);
    ring->tags[slot] = r;
  }
  return row;
}

#endif /* VC_FAST_PRIVATE_H */
