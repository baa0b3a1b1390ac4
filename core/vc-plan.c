/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Plans: made once from a configuration, executed per frame.
 *
 * vc_plan_new () validates the configuration, copies the kernel, resolves
 * divisor and border value, builds the border maps and picks the
 * implementation. After that a plan is never written: executing it is
 * allocation-free given a scratch buffer, and safe from several threads.
 */
#include "vc-oracle.h"
#include "vc-private.h"
#include "vc-simd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
sample_size (VcSampleType t)
{
  return t == VC_SAMPLE_U16 ? 2 : 1;
}

static double *
copy_kernel (const double *k, int count)
{
  double *copy = malloc ((size_t) count * sizeof (double));

  if (copy)
    memcpy (copy, k, (size_t) count * sizeof (double));
  return copy;
}

static double
auto_divisor (const double *k, int count)
{
  double sum = 0.0;

  for (int i = 0; i < count; i++)
    sum += k[i];
  return sum == 0.0 ? 1.0 : sum;
}

/* The fast path for the kernel class on the fastest instruction set
 * (vc-fast.c, vc-simd-select.c), or the reference, with the reason. */
static void
pick_path (VcPlan * plan)
{
  const char *why = NULL;
  const VcSimd *simd = vc_simd_select (&why);
  size_t scratch = 0;
  /* The scratch also fits the reference: vc_plan_execute_reference ()
   * takes the same buffer. */
  size_t reference = vc_reference_scratch_size (&plan->g,
      plan->kernel2 != NULL);

  if (simd) {
    plan->fast = vc_fast_plan (plan, plan->components, simd, &scratch);
    why = "no fast path is exact enough for this kernel";
  }
  if (plan->fast) {
    plan->execute = vc_fast_execute;
    plan->scratch_size = scratch > reference ? scratch : reference;
    snprintf (plan->path_name, sizeof (plan->path_name), "%s",
        vc_fast_name (plan->fast));
  } else {
    plan->execute = vc_reference_execute;
    plan->scratch_size = reference;
    snprintf (plan->path_name, sizeof (plan->path_name), "reference (%s)",
        why);
  }
}

VcPlan *
vc_plan_new (const VcConfig * user, VcError * err)
{
  VcConfig full;
  const VcConfig *cfg = &full;
  VcGeometry g;
  VcPlan *plan;
  int count;

  if (vc_config_resolve (user, &full, &g, err) != VC_OK)
    return NULL;

  plan = calloc (1, sizeof (*plan));
  if (plan == NULL)
    goto no_memory;
  vc_tile_cache_init (&plan->tiles);
  count = g.kh * g.kw;
  plan->g = g;
  plan->sample_type = cfg->sample_type;
  plan->input_max = cfg->sample_type == VC_SAMPLE_U16 ? 65535 : 255;
  plan->sample_max = cfg->sample_bits ? (1 << cfg->sample_bits) - 1 :
      plan->input_max;
  plan->shift = cfg->sample_shift;
  plan->word_unit = ldexp (1.0, -plan->shift);
  plan->kernel = copy_kernel (cfg->kernel, count);
  if (cfg->kernel2)
    plan->kernel2 = copy_kernel (cfg->kernel2, count);
  plan->col_map = malloc ((size_t) g.need_w * sizeof (int));
  plan->row_map = malloc ((size_t) g.need_h * sizeof (int));
  if (!plan->kernel || (cfg->kernel2 && !plan->kernel2) || !plan->col_map ||
      !plan->row_map)
    goto no_memory;

  plan->divisor = cfg->divisor != 0.0 ? cfg->divisor :
      auto_divisor (plan->kernel, count);
  plan->bias = cfg->bias;
  plan->center = cfg->center;
  plan->absolute = cfg->absolute;
  plan->border_sample = vc_round_clamp (cfg->border_value, plan->sample_max);
  plan->border_word = ldexp (plan->border_sample, plan->shift);
  vc_border_fill_map (plan->col_map, g.need_w, g.left, g.in_w, cfg->border);
  vc_border_fill_map (plan->row_map, g.need_h, g.top, g.in_h, cfg->border);

  plan->components = cfg->components;
  pick_path (plan);
  return plan;

no_memory:
  vc_plan_free (plan);
  vc_set_error (err, VC_ERROR_NO_MEMORY, "plan",
      "out of memory making a plan for a %dx%d kernel on %dx%d samples",
      g.kh, g.kw, g.in_w, g.in_h);
  return NULL;
}

void
vc_plan_free (VcPlan * plan)
{
  if (plan == NULL)
    return;
  free (plan->kernel);
  free (plan->kernel2);
  free (plan->col_map);
  free (plan->row_map);
  vc_fast_free (plan->fast);
  vc_tile_cache_clear (&plan->tiles);
  free (plan);
}

void
vc_plan_get_output_size (const VcPlan * plan, int *out_width, int *out_height)
{
  if (out_width)
    *out_width = plan ? plan->g.out_w : 0;
  if (out_height)
    *out_height = plan ? plan->g.out_h : 0;
}

size_t
vc_plan_scratch_size (const VcPlan * plan)
{
  return plan ? plan->scratch_size : 0;
}

size_t
vc_plan_scratch_alignment (void)
{
  return VC_SCRATCH_ALIGNMENT;
}

const char *
vc_plan_path_name (const VcPlan * plan)
{
  return plan ? plan->path_name : "none";
}

/* Checks that a plane descriptor fits the plan. `name` is "src" or "dst". */
VcStatus
vc_plan_check_plane (const VcPlan * plan, const VcPlane * p,
    const char *name, int width, int height, VcError * err)
{
  size_t ss = sample_size (plan->sample_type);
  int64_t row_bytes;

  if (p == NULL || p->data == NULL)
    return vc_set_error (err, VC_ERROR_ARGUMENT, name,
        "%s plane %s", name, p == NULL ? "is NULL" : "has no data");
  if (p->width != width || p->height != height)
    return vc_set_error (err, VC_ERROR_PLANE, name,
        "%s plane is %dx%d but the plan needs %dx%d", name, p->width,
        p->height, width, height);
  if (p->pixel_stride < 1 || p->offset < 0 || p->components < 1 ||
      (int64_t) p->offset + p->components > p->pixel_stride)
    return vc_set_error (err, VC_ERROR_PLANE, name,
        "%s plane layout is pixel_stride %d, offset %d, components %d: "
        "need offset >= 0, components >= 1 and offset + components <= "
        "pixel_stride", name, p->pixel_stride, p->offset, p->components);
  row_bytes = vc_plane_row_extent (p, ss);
  if (p->row_stride < row_bytes)
    return vc_set_error (err, VC_ERROR_PLANE, name,
        "%s plane row_stride is %td bytes but a row of %d pixels "
        "(pixel_stride %d) needs %lld", name, p->row_stride, width,
        p->pixel_stride, (long long) row_bytes);
  if (ss > 1 && (((uintptr_t) p->data % ss) != 0 || p->row_stride % ss))
    return vc_set_error (err, VC_ERROR_PLANE, name,
        "%s plane data %p or row_stride %td is not aligned to the %zu-byte "
        "sample size", name, p->data, p->row_stride, ss);
  return VC_OK;
}

bool
vc_planes_overlap (const VcPlane * a, const VcPlane * b)
{
  const uint8_t *a0 = a->data, *b0 = b->data;
  const uint8_t *a1 = a0 + (size_t) a->height * a->row_stride;
  const uint8_t *b1 = b0 + (size_t) b->height * b->row_stride;

  return a0 < b1 && b0 < a1;
}

static VcStatus
check_call (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int y0, int y1, bool in_place, VcError * err)
{
  VcStatus s;

  if (plan == NULL)
    return vc_set_error (err, VC_ERROR_ARGUMENT, "plan", "plan is NULL");
  if ((s = vc_plan_check_plane (plan, src, "src", plan->g.in_w,
              plan->g.in_h, err)) ||
      (s = vc_plan_check_plane (plan, dst, "dst", plan->g.out_w,
              plan->g.out_h, err)))
    return s;
  if (src->components != dst->components)
    return vc_set_error (err, VC_ERROR_PLANE, "dst",
        "src plane has %d components but dst plane has %d",
        src->components, dst->components);
  /* The in-place calls pass one plane as both. */
  if (!(in_place && src == dst) && vc_planes_overlap (src, dst))
    return vc_set_error (err, VC_ERROR_PLANE, "dst",
        "src and dst planes overlap: for in-place convolution use "
        "vc_plan_execute_in_place ()");
  if (y0 < 0 || y1 > plan->g.out_h || y0 > y1)
    return vc_set_error (err, VC_ERROR_ROWS, "rows",
        "output rows [%d, %d) are not within [0, %d)", y0, y1,
        plan->g.out_h);
  return VC_OK;
}



static VcStatus
run (const VcPlan * plan, VcExecuteFunc func, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, VcError * err)
{
  VcStatus s = check_call (plan, src, dst, y0, y1, false, err);
  void *own = NULL;

  if (s != VC_OK)
    return s;
  /* The scratch and the fast path's lanes follow the plan's layout. */
  if (src->components != plan->components)
    return vc_set_error (err, VC_ERROR_PLANE, "components",
        "the planes have %d components but the plan was made for %d "
        "(VcConfig.components)", src->components, plan->components);
  if (y0 == y1)
    return VC_OK;
  if (scratch == NULL) {
    own = aligned_alloc (VC_SCRATCH_ALIGNMENT, (plan->scratch_size +
            VC_SCRATCH_ALIGNMENT - 1) & ~(size_t) (VC_SCRATCH_ALIGNMENT - 1));
    if (own == NULL)
      return vc_set_error (err, VC_ERROR_NO_MEMORY, "scratch",
          "out of memory allocating %zu bytes of scratch",
          plan->scratch_size);
    scratch = own;
  }
  s = func (plan, src, dst, y0, y1, scratch);
  free (own);
  return s;
}

VcStatus
vc_plan_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, VcError * err)
{
  return run (plan, plan ? plan->execute : NULL, src, dst, y0, y1, scratch,
      err);
}

bool
vc_plan_in_place (const VcPlan * plan)
{
  return plan && plan->fast && plan->execute == vc_fast_execute &&
      vc_fast_in_place (plan->fast);
}

/* The checks both in-place calls make. */
static VcStatus
check_in_place (const VcPlan * plan, const VcPlane * plane, int y0, int y1,
    void *scratch, VcError * err)
{
  VcStatus s = check_call (plan, plane, plane, y0, y1, true, err);

  if (s != VC_OK)
    return s;
  if (!vc_plan_in_place (plan))
    return vc_set_error (err, VC_ERROR_ARGUMENT, "plan", "this plan (path "
        "%s, stride %dx%d, %dx%d -> %dx%d) cannot run in place: check "
        "vc_plan_in_place () first", plan->path_name, plan->g.sy, plan->g.sx,
        plan->g.in_w, plan->g.in_h, plan->g.out_w, plan->g.out_h);
  if (plane->components != plan->components)
    return vc_set_error (err, VC_ERROR_PLANE, "components",
        "the plane has %d components but the plan was made for %d "
        "(VcConfig.components)", plane->components, plan->components);
  if (plane->pixel_stride > VC_MAX_COMPONENTS)
    return vc_set_error (err, VC_ERROR_PLANE, "pixel_stride",
        "in place, pixel_stride %d is above %d", plane->pixel_stride,
        VC_MAX_COMPONENTS);
  if (scratch == NULL)
    return vc_set_error (err, VC_ERROR_ARGUMENT, "scratch",
        "in place, the scratch is required: it keeps rows between the two "
        "calls");
  return VC_OK;
}

/* One of the two in-place steps, after the checks. */
static VcStatus
in_place_step (const VcPlan * plan, const VcPlane * plane, int y0, int y1,
    void *scratch, bool prepare, VcError * err)
{
  VcStatus s = check_in_place (plan, plane, y0, y1, scratch, err);

  if (s != VC_OK)
    return s;
  if (prepare && vc_fast_keep (plan, plane, y0, y1, scratch) != VC_OK)
    return vc_set_error (err, VC_ERROR_NO_MEMORY, "scratch",
        "rows [%d, %d) in place need more kept rows than the plan made room "
        "for (a bug: please report it with the configuration)", y0, y1);
  if (!prepare && vc_fast_execute_in_place (plan, plane, y0, y1,
          scratch) != VC_OK)
    return vc_set_error (err, VC_ERROR_ARGUMENT, "scratch",
        "rows [%d, %d) of plane %p were not prepared in this scratch: call "
        "vc_plan_prepare_in_place () for every band of the frame first",
        y0, y1, plane->data);
  return VC_OK;
}

VcStatus
vc_plan_prepare_in_place (const VcPlan * plan, const VcPlane * plane, int y0,
    int y1, void *scratch, VcError * err)
{
  return in_place_step (plan, plane, y0, y1, scratch, true, err);
}

VcStatus
vc_plan_execute_in_place (const VcPlan * plan, const VcPlane * plane, int y0,
    int y1, void *scratch, VcError * err)
{
  return in_place_step (plan, plane, y0, y1, scratch, false, err);
}

VcStatus
vc_plan_execute_reference (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, VcError * err)
{
  return run (plan, vc_reference_execute, src, dst, y0, y1, scratch, err);
}

static inline int
clamp_index (int64_t v, int n)
{
  return v < 0 ? 0 : v >= n ? n - 1 : (int) v;
}

/* Output pixels [j0, j1) of a row take input pixel clamp (j * sx + cx):
 * the columns at the edges, where the centre tap falls outside. d is the
 * row's output pixel ox. */
static void
carry_clamped (const VcGeometry * g, uint8_t * d, size_t d_step, int ox,
    const uint8_t * s, size_t s_step, int64_t cx, int j0, int j1,
    size_t bytes)
{
  for (int j = j0; j < j1; j++)
    memcpy (d + (size_t) (j - ox) * d_step, s +
        (size_t) clamp_index ((int64_t) j * g->sx + cx, g->in_w) * s_step,
        bytes);
}

void
vc_copy_pixels (uint8_t * d, size_t d_step, const uint8_t * s,
    size_t s_step, int n, size_t bytes)
{
  if (d_step == bytes && s_step == bytes) {
    memcpy (d, s, (size_t) n * bytes);
  } else if (bytes == 1) {
    for (int j = 0; j < n; j++)
      d[(size_t) j * d_step] = s[(size_t) j * s_step];
  } else if (bytes == 2) {
    for (int j = 0; j < n; j++)
      memcpy (d + (size_t) j * d_step, s + (size_t) j * s_step, 2);
  } else {
    /* At most VC_MAX_COMPONENTS 16-bit samples: a byte loop, not a call
     * per pixel. */
    for (int j = 0; j < n; j++)
      for (size_t b = 0; b < bytes; b++)
        d[(size_t) j * d_step + b] = s[(size_t) j * s_step + b];
  }
}

/* Output pixel (i, j) takes the input sample under the centre tap,
 * clamped into the frame: clamped at the edges, a plain strided copy
 * for the columns whose centre tap lies inside the row. Outputs
 * [x0, x1) x [y0, y1) go into dst, whose first pixel is output (ox, oy):
 * (0, 0) for the whole frame, (x0, y0) for a rectangle. */
void
vc_plan_carry_block (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int x0, int y0, int x1, int y1, int ox, int oy)
{
  const VcGeometry *g = &plan->g;
  int64_t cy = (int64_t) (g->kh / 2) * g->dy - g->top;
  int64_t cx = (int64_t) (g->kw / 2) * g->dx - g->left;
  int64_t last = (int64_t) g->in_w - 1 - cx;
  /* Columns [j0, j1): 0 <= j * sx + cx <= in_w - 1, within [x0, x1). */
  int64_t j0 = cx >= 0 ? 0 : (-cx + g->sx - 1) / g->sx;
  int64_t j1 = last < 0 ? 0 : last / g->sx + 1;
  size_t ss = sample_size (plan->sample_type);
  size_t bytes = (size_t) src->components * ss;
  size_t s_step = (size_t) src->pixel_stride * ss;
  size_t d_step = (size_t) dst->pixel_stride * ss;

  j0 = j0 < x0 ? x0 : j0 > x1 ? x1 : j0;
  j1 = j1 < j0 ? j0 : j1 > x1 ? x1 : j1;
  for (int i = y0; i < y1; i++) {
    int y = clamp_index ((int64_t) i * g->sy + cy, g->in_h);
    const uint8_t *s = (const uint8_t *) src->data + y * src->row_stride +
        (size_t) src->offset * ss;
    uint8_t *d = (uint8_t *) dst->data + (ptrdiff_t) (i - oy) *
        dst->row_stride + (size_t) dst->offset * ss;

    carry_clamped (g, d, d_step, ox, s, s_step, cx, x0, (int) j0, bytes);
    vc_copy_pixels (d + (size_t) (j0 - ox) * d_step, d_step,
        s + (size_t) (j0 * g->sx + cx) * s_step, (size_t) g->sx * s_step,
        (int) (j1 - j0), bytes);
    carry_clamped (g, d, d_step, ox, s, s_step, cx, (int) j1, x1, bytes);
  }
}

bool
vc_plan_carry_in_place (const VcPlan * plan)
{
  const VcGeometry *g = plan ? &plan->g : NULL;

  return g && g->sx == 1 && g->sy == 1 && g->out_w == g->in_w &&
      g->out_h == g->in_h && (g->kh / 2) * g->dy == g->top &&
      (g->kw / 2) * g->dx == g->left;
}

VcStatus
vc_plan_execute_carry (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, VcError * err)
{
  VcStatus s = check_call (plan, src, dst, y0, y1, true, err);

  if (s != VC_OK)
    return s;
  if (src == dst) {
    /* In place: every sample stays where it is. */
    if (!vc_plan_carry_in_place (plan))
      return vc_set_error (err, VC_ERROR_PLANE, "dst", "the carry of this "
          "plan moves samples (stride %dx%d, %dx%d -> %dx%d): src and dst "
          "cannot be the same plane", plan->g.sy, plan->g.sx, plan->g.in_w,
          plan->g.in_h, plan->g.out_w, plan->g.out_h);
    return VC_OK;
  }
  vc_plan_carry_block (plan, src, dst, 0, y0, plan->g.out_w, y1, 0, 0);
  return s;
}
