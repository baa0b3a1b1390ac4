/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internals shared by the core's files. Not installed. */
#ifndef VC_PRIVATE_H
#define VC_PRIVATE_H

#include "videoconvolve/convolve.h"

#include <pthread.h>

/* The resolved geometry of a valid configuration. "need" is how many
 * padded rows/columns the output actually reads: with a stride, the last
 * few padded samples may never be touched. */
typedef struct
{
  int kh, kw;
  int sy, sx, dy, dx;
  int top, bottom, left, right;
  int in_w, in_h;
  int out_w, out_h;
  int need_w, need_h;
} VcGeometry;

typedef struct VcFast VcFast;

/* Plans of rectangles' tiles (vc-rect.c), kept for the next frames: a
 * region the same size each frame then makes its plan once. */
#define VC_TILE_PLANS 8

typedef struct
{
  VcPlan *plan;                 /* or NULL: a free slot */
  int w, h;                     /* the tile's padded samples */
  unsigned users;               /* calls running it now: not replaced */
  uint64_t used;                /* the cache's tick at its last taking */
} VcTilePlan;

typedef struct
{
  pthread_mutex_t lock;
  VcTilePlan slot[VC_TILE_PLANS];
  uint64_t tick;
} VcTileCache;

typedef VcStatus (*VcExecuteFunc) (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch);

struct VcPlan
{
  VcGeometry g;
  VcSampleType sample_type;
  int sample_max;               /* largest output sample, 2^bits - 1 */
  int input_max;                /* largest stored word (255 or 65535) */
  int shift;                    /* sample_shift */
  double word_unit;             /* 2^-shift: a stored word's sample value */
  double *kernel;               /* kh * kw */
  double *kernel2;              /* kh * kw, or NULL */
  double divisor;               /* resolved, never 0 */
  double bias;
  double center;                /* see VcConfig */
  bool absolute;
  double border_sample;         /* border_value rounded and clamped */
  double border_word;           /* border_sample as stored: << shift */
  /* Border maps: for padded column p in [0, need_w), the input column it
   * reads, or -1 for the constant border; likewise rows. */
  int *col_map;
  int *row_map;
  int components;               /* lanes per pixel the plan is made for */
  size_t scratch_size;
  VcExecuteFunc execute;
  VcFast *fast;                 /* the fast path's tables, or NULL */
  char path_name[64];
  /* Changed by calls that take a const plan: the rectangle calls may run
   * on several threads at once, hence the lock. */
  VcTileCache tiles;
};

/* Bytes from the start of a row of `p` to the end of its last described
 * sample (the row_stride may add more). */
static inline int64_t
vc_plane_row_extent (const VcPlane * p, size_t sample_bytes)
{
  return ((int64_t) (p->width - 1) * p->pixel_stride + p->offset +
      p->components) * (int64_t) sample_bytes;
}

/* vc-config.c */
VcStatus vc_config_resolve (const VcConfig * user, VcConfig * full,
    VcGeometry * g, VcError * err);
VcStatus vc_set_error (VcError * err, VcStatus status, const char *field,
    const char *fmt, ...) __attribute__ ((format (printf, 4, 5)));
double vc_round_clamp (double v, int sample_max);

/* vc-border.c */
int vc_border_index (int p, int n, VcBorder border);
void vc_border_fill_map (int *map, int count, int before, int n,
    VcBorder border);

/* vc-rect.c: the plan for a w x h tile of `plan`'s rectangles, from the
 * cache (*slot its slot, its users counted) or made now (*slot NULL when
 * no slot was free to keep it); vc_tile_plan_give () after running it.
 * The hook, for tests only, runs between making a plan and looking in
 * the cache again, as another thread could. */
VcPlan *vc_tile_plan_take (const VcPlan * plan, int w, int h,
    VcTilePlan ** slot, VcError * err);
void vc_tile_plan_give (const VcPlan * plan, VcPlan * sub, VcTilePlan * slot);
void vc_tile_cache_init (VcTileCache * c);
void vc_tile_cache_clear (VcTileCache * c);
/* Hidden: a program that links the core and loads the plugin (which
 * holds another copy) must not see two definitions of it. */
extern void (*vc_tile_plan_hook) (const VcPlan * plan, int w, int h)
    __attribute__ ((visibility ("hidden")));

/* vc-plan.c: the checks the execute calls make. */
VcStatus vc_plan_check_plane (const VcPlan * plan, const VcPlane * p,
    const char *name, int width, int height, VcError * err);
bool vc_planes_overlap (const VcPlane * a, const VcPlane * b);
/* n pixels of `bytes` each, every d_step bytes from every s_step bytes:
 * one memcpy where both are packed, else one sample (alpha, x) as a
 * single load and store (vc-plan.c). */
void vc_copy_pixels (uint8_t * d, size_t d_step, const uint8_t * s,
    size_t s_step, int n, size_t bytes);

/* The carry (the input under the centre tap, clamped into the frame) of
 * outputs [x0, x1) x [y0, y1) into dst, whose first pixel is output
 * (ox, oy); no checks (vc-plan.c). */
void vc_plan_carry_block (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int x0, int y0, int x1, int y1, int ox, int oy);

/* vc-reference.c */
size_t vc_reference_scratch_size (const VcGeometry * g, bool two_kernels);
VcStatus vc_reference_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch);

/* vc-fast.c: NULL when no fast path fits (or out of memory). */
struct VcSimd;
VcFast *vc_fast_plan (const VcPlan * plan, int components,
    const struct VcSimd *simd, size_t *scratch_size);
void vc_fast_free (VcFast * f);
const char *vc_fast_name (const VcFast * f);
bool vc_fast_approximate (const VcFast * f);
VcStatus vc_fast_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch);
/* vc-fast-keep.c: in place (vc_plan_prepare_in_place (),
 * vc_plan_execute_in_place ()). */
bool vc_fast_in_place (const VcFast * f);
VcStatus vc_fast_keep (const VcPlan * plan, const VcPlane * plane, int y0,
    int y1, void *scratch);
VcStatus vc_fast_execute_in_place (const VcPlan * plan, const VcPlane * plane,
    int y0, int y1, void *scratch);

#endif /* VC_PRIVATE_H */
