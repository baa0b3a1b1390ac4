/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Rectangles of the output: vc_plan_execute_rect () and
 * vc_plan_execute_carry_rect ().
 *
 * Output samples [x0, x1) x [y0, y1) read only the padded rows
 * [y0 * sy, (y1 - 1) * sy + (kh - 1) * dy] and the padded columns alike:
 *
 *   padded input    . . . . . . . . . . . .
 *                   . . +-----------+ . . .    the tile: the padded
 *                   . . | x x x x x | . . .    samples under the taps of
 *                   . . | x x x x x | . . .    the rectangle's outputs (x),
 *                   . . +-----------+ . . .    through the border maps
 *
 * They are copied, through the plan's border maps (so every border mode,
 * wrap included, reads what the whole frame reads), into a tile. A plan of
 * the same kernel, stride, dilation and finish with no padding, made for
 * the tile, then computes the rectangle: each output sample depends only
 * on the padded samples under its taps, and every path equals the
 * reference bit for bit, so the result is the whole frame's. The tile's
 * plan takes the fast path its kernel class takes on any frame.
 *
 * The "-float" classes are within 1 of the reference, not equal to it, and
 * their rounding may follow the length of a row: for them the plan itself
 * makes the rectangle's rows, whole, and the rectangle is copied out. That
 * costs the rows' width, not the rectangle's, but stays exact.
 */
#include "vc-private.h"

#include <stdlib.h>
#include <string.h>

static size_t
sample_bytes (const VcPlan * plan)
{
  return plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;
}

/* The plan's configuration for a tile of w x h padded samples. */
static void
tile_config (const VcPlan * plan, int w, int h, VcConfig * cfg)
{
  const VcGeometry *g = &plan->g;
  int bits = 0;

  while (bits < 16 && (1 << bits) - 1 < plan->sample_max)
    bits++;
  vc_config_init (cfg);
  cfg->kernel = plan->kernel;
  cfg->kernel2 = plan->kernel2;
  cfg->kernel_height = g->kh;
  cfg->kernel_width = g->kw;
  cfg->stride_y = g->sy;
  cfg->stride_x = g->sx;
  cfg->dilation_y = g->dy;
  cfg->dilation_x = g->dx;
  cfg->pad_top = cfg->pad_bottom = cfg->pad_left = cfg->pad_right = 0;
  cfg->divisor = plan->divisor;
  cfg->bias = plan->bias;
  cfg->absolute = plan->absolute;
  cfg->center = plan->center;
  cfg->sample_type = plan->sample_type;
  cfg->sample_bits = bits;
  cfg->sample_shift = plan->shift;
  cfg->width = w;
  cfg->height = h;
  cfg->components = plan->components;
}

/* Tile row t's pixels [u0, u1) from the border map, one by one. */
static void
fill_mapped (const VcPlan * plan, const VcPlane * src, const uint8_t * s,
    int y, int px, const uint8_t * border, uint8_t * d, int u0, int u1)
{
  size_t ss = sample_bytes (plan);
  size_t bytes = (size_t) plan->components * ss;

  for (int u = u0; u < u1; u++) {
    int x = plan->col_map[px + u];

    memcpy (d + (size_t) u * bytes, x < 0 || y < 0 ? border :
        s + (size_t) x * src->pixel_stride * ss, bytes);
  }
}

/* Copies padded samples [px, px + tile->width) x [py, py + tile->height)
 * of src into the tile, through the border maps: the columns inside the
 * frame as runs, the padding through the map. */
static void
fill_tile (const VcPlan * plan, const VcPlane * src, int px, int py,
    const VcPlane * tile)
{
  const VcGeometry *g = &plan->g;
  size_t ss = sample_bytes (plan);
  size_t bytes = (size_t) plan->components * ss;
  /* Tile columns [u0, u1) are input columns px + u - left. */
  int u0 = g->left - px, u1 = g->left + g->in_w - px;
  uint8_t border[2 * VC_MAX_COMPONENTS];

  u0 = u0 < 0 ? 0 : u0 > tile->width ? tile->width : u0;
  u1 = u1 < u0 ? u0 : u1 > tile->width ? tile->width : u1;
  for (int c = 0; c < plan->components; c++) {
    if (ss == 2) {
      uint16_t w = (uint16_t) plan->border_word;
      memcpy (border + 2 * c, &w, 2);
    } else {
      border[c] = (uint8_t) plan->border_word;
    }
  }
  for (int t = 0; t < tile->height; t++) {
    int y = plan->row_map[py + t];
    const uint8_t *s = (const uint8_t *) src->data +
        (ptrdiff_t) (y < 0 ? 0 : y) * src->row_stride + src->offset * ss;
    uint8_t *d = (uint8_t *) tile->data + (ptrdiff_t) t * tile->row_stride;

    if (y < 0) {
      fill_mapped (plan, src, s, y, px, border, d, 0, tile->width);
      continue;
    }
    fill_mapped (plan, src, s, y, px, border, d, 0, u0);
    vc_copy_pixels (d + (size_t) u0 * bytes, bytes,
        s + (size_t) (px + u0 - g->left) * src->pixel_stride * ss,
        (size_t) src->pixel_stride * ss, u1 - u0, bytes);
    fill_mapped (plan, src, s, y, px, border, d, u1, tile->width);
  }
}

void (*vc_tile_plan_hook) (const VcPlan * plan, int w, int h)
    __attribute__ ((visibility ("hidden")));

void
vc_tile_cache_init (VcTileCache * c)
{
  pthread_mutex_init (&c->lock, NULL);
}

/* Only when no call runs the plan any more (vc_plan_free ()). */
void
vc_tile_cache_clear (VcTileCache * c)
{
  for (int i = 0; i < VC_TILE_PLANS; i++)
    vc_plan_free (c->slot[i].plan);
  pthread_mutex_destroy (&c->lock);
}

/* The slot holding a w x h plan, or NULL; with the lock held. */
static VcTilePlan *
tile_find (VcTileCache * c, int w, int h)
{
  for (int i = 0; i < VC_TILE_PLANS; i++)
    if (c->slot[i].plan && c->slot[i].w == w && c->slot[i].h == h)
      return &c->slot[i];
  return NULL;
}

/* A slot to keep a new plan in: a free one, else the one taken least
 * recently that no call is running; NULL when every plan runs. With the
 * lock held. */
static VcTilePlan *
tile_victim (VcTileCache * c)
{
  VcTilePlan *v = NULL;

  for (int i = 0; i < VC_TILE_PLANS; i++) {
    VcTilePlan *t = &c->slot[i];

    if (t->plan == NULL)
      return t;
    if (t->users == 0 && (v == NULL || t->used < v->used))
      v = t;
  }
  return v;
}

VcPlan *
vc_tile_plan_take (const VcPlan * plan, int w, int h, VcTilePlan ** slot,
    VcError * err)
{
  /* The cache is the one part of a plan calls change. */
  VcTileCache *c = (VcTileCache *) & plan->tiles;
  VcPlan *sub = NULL, *old = NULL;
  VcConfig cfg;

  pthread_mutex_lock (&c->lock);
  *slot = tile_find (c, w, h);
  if (*slot) {
    (*slot)->users++;
    (*slot)->used = ++c->tick;
    sub = (*slot)->plan;
  }
  pthread_mutex_unlock (&c->lock);
  if (*slot)
    return sub;
  /* Made without the lock: other calls go on meanwhile. */
  tile_config (plan, w, h, &cfg);
  sub = vc_plan_new (&cfg, err);
  if (sub == NULL)
    return NULL;
  if (vc_tile_plan_hook)
    vc_tile_plan_hook (plan, w, h);
  pthread_mutex_lock (&c->lock);
  if ((*slot = tile_find (c, w, h)) != NULL) {
    /* Another call kept one first: that one, and this one goes. */
    old = sub;
    sub = (*slot)->plan;
  } else if ((*slot = tile_victim (c)) != NULL) {
    old = (*slot)->plan;
    **slot = (VcTilePlan) {
    .plan = sub,.w = w,.h = h};
  }
  if (*slot) {
    (*slot)->users++;
    (*slot)->used = ++c->tick;
  }
  pthread_mutex_unlock (&c->lock);
  /* Nothing reaches it now: outside the cache, or unused and replaced. */
  vc_plan_free (old);
  return sub;
}

void
vc_tile_plan_give (const VcPlan * plan, VcPlan * sub, VcTilePlan * slot)
{
  VcTileCache *c = (VcTileCache *) & plan->tiles;

  if (slot == NULL) {
    vc_plan_free (sub);
    return;
  }
  pthread_mutex_lock (&c->lock);
  slot->users--;
  pthread_mutex_unlock (&c->lock);
}

/* Copies pixels [x0, x1) of rows [y0, y1) of `rows` (the output's size)
 * into dst, whose first pixel is (x0, y0); both have dst's layout. */
static void
copy_out (const VcPlan * plan, const VcPlane * rows, const VcPlane * dst,
    int x0, int y0, int x1, int y1)
{
  size_t ss = sample_bytes (plan);
  size_t bytes = (size_t) plan->components * ss;
  size_t step = (size_t) dst->pixel_stride * ss;

  for (int y = y0; y < y1; y++) {
    const uint8_t *s = (const uint8_t *) rows->data +
        (ptrdiff_t) y * rows->row_stride + (size_t) dst->offset * ss;
    uint8_t *d = (uint8_t *) dst->data +
        (ptrdiff_t) (y - y0) * dst->row_stride + (size_t) dst->offset * ss;

    vc_copy_pixels (d, step, s + (size_t) x0 * step, step, x1 - x0, bytes);
  }
}

/* Tiles of kernels of this many taps or more have their size rounded up
 * to a multiple of TILE_ROUND: a plan for them costs more than a few more
 * samples (0.1 ms at 117x117 taps, about the work of a 100x100 region's
 * tile), and regions whose size changes a little from frame to frame (a
 * tracker's boxes) then find their plan kept. */
#define TILE_ROUND_TAPS 1024
#define TILE_ROUND 16

static int
tile_round (const VcPlan * plan, int n)
{
  int r = (n + TILE_ROUND - 1) / TILE_ROUND * TILE_ROUND;

  return (int64_t) plan->g.kh * plan->g.kw < TILE_ROUND_TAPS ||
      r > VC_MAX_DIMENSION ? n : r;
}

/* Output pixels [x0, x1) x [y0, y1) (within the limits of one tile) into
 * dst, whose first pixel is output (x0, y0). A rounded tile's extra
 * samples are zeros, and its plan's output, larger than the rectangle,
 * goes through a buffer: only its first y1 - y0 rows are made. */
static VcStatus
run_tile (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int x0, int y0, int x1, int y1, VcError * err)
{
  const VcGeometry *g = &plan->g;
  int w = (x1 - x0 - 1) * g->sx + (g->kw - 1) * g->dx + 1;
  int h = (y1 - y0 - 1) * g->sy + (g->kh - 1) * g->dy + 1;
  int wr = tile_round (plan, w), hr = tile_round (plan, h), ow, oh;
  size_t ss = sample_bytes (plan);
  VcPlane tile = { NULL, (ptrdiff_t) wr * plan->components * ss, w, h,
    plan->components, 0, plan->components
  };
  VcPlane out = *dst;
  VcTilePlan *slot;
  VcPlan *sub;
  VcStatus s;

  sub = vc_tile_plan_take (plan, wr, hr, &slot, err);
  if (sub == NULL)
    return err ? err->status : VC_ERROR_NO_MEMORY;
  vc_plan_get_output_size (sub, &ow, &oh);
  if (ow != x1 - x0 || oh != y1 - y0) {
    out.width = ow;
    out.height = oh;
    out.row_stride = (ptrdiff_t) ow * dst->pixel_stride * ss;
    out.data = malloc ((size_t) oh * out.row_stride);
  }
  tile.data = wr != w || hr != h ? calloc ((size_t) hr, tile.row_stride) :
      malloc ((size_t) h * tile.row_stride);
  if (tile.data == NULL || out.data == NULL) {
    free (tile.data);
    if (out.data != dst->data)
      free (out.data);
    vc_tile_plan_give (plan, sub, slot);
    return vc_set_error (err, VC_ERROR_NO_MEMORY, "rect",
        "out of memory for a %dx%d tile of the input", wr, hr);
  }
  fill_tile (plan, src, x0 * g->sx, y0 * g->sy, &tile);
  tile.width = wr;
  tile.height = hr;
  s = vc_plan_execute (sub, &tile, &out, 0, y1 - y0, NULL, err);
  if (s == VC_OK && out.data != dst->data)
    copy_out (plan, &out, dst, 0, 0, x1 - x0, y1 - y0);
  free (tile.data);
  if (out.data != dst->data)
    free (out.data);
  vc_tile_plan_give (plan, sub, slot);
  return s;
}

/* The rectangle from whole rows the plan makes (see the top), in dst's
 * layout, which the finish may follow. The rows' buffer has the output's
 * size, but only the rows [y0, y1) are written (and so touched). */
static VcStatus
run_rows (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int x0, int y0, int x1, int y1, VcError * err)
{
  size_t ss = sample_bytes (plan);
  VcPlane rows = *dst;
  VcStatus s;

  rows.width = plan->g.out_w;
  rows.height = plan->g.out_h;
  rows.row_stride = (ptrdiff_t) plan->g.out_w * dst->pixel_stride * ss;
  rows.data = malloc ((size_t) plan->g.out_h * rows.row_stride);
  if (rows.data == NULL)
    return vc_set_error (err, VC_ERROR_NO_MEMORY, "rect",
        "out of memory for %d output rows of %d pixels", plan->g.out_h,
        plan->g.out_w);
  s = vc_plan_execute (plan, src, &rows, y0, y1, NULL, err);
  if (s == VC_OK)
    copy_out (plan, &rows, dst, x0, y0, x1, y1);
  free (rows.data);
  return s;
}

/* dst's sub-rectangle starting at pixel (x, y), w x h. */
static VcPlane
sub_plane (const VcPlan * plan, const VcPlane * dst, int x, int y, int w,
    int h)
{
  VcPlane p = *dst;

  p.data = (uint8_t *) dst->data + (ptrdiff_t) y * dst->row_stride +
      (size_t) x * dst->pixel_stride * sample_bytes (plan);
  p.width = w;
  p.height = h;
  return p;
}

/* The checks both rectangle calls make; *empty when there is nothing to
 * do. */
static VcStatus
check_rect (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int x0, int y0, int x1, int y1, bool *empty, VcError * err)
{
  VcStatus s;

  if (plan == NULL)
    return vc_set_error (err, VC_ERROR_ARGUMENT, "plan", "plan is NULL");
  if (x0 < 0 || y0 < 0 || x0 > x1 || y0 > y1 || x1 > plan->g.out_w ||
      y1 > plan->g.out_h)
    return vc_set_error (err, VC_ERROR_ROWS, "rect",
        "output rectangle [%d, %d) x [%d, %d) is not within [0, %d) x "
        "[0, %d)", x0, x1, y0, y1, plan->g.out_w, plan->g.out_h);
  *empty = x0 == x1 || y0 == y1;
  if ((s = vc_plan_check_plane (plan, src, "src", plan->g.in_w,
              plan->g.in_h, err)))
    return s;
  if (*empty)
    return VC_OK;
  if ((s = vc_plan_check_plane (plan, dst, "dst", x1 - x0, y1 - y0, err)))
    return s;
  if (src->components != plan->components ||
      dst->components != plan->components)
    return vc_set_error (err, VC_ERROR_PLANE, "components",
        "the planes have %d and %d components but the plan was made for %d "
        "(VcConfig.components)", src->components, dst->components,
        plan->components);
  if (vc_planes_overlap (src, dst))
    return vc_set_error (err, VC_ERROR_PLANE, "dst",
        "src and dst planes overlap: a rectangle goes into a plane of its "
        "own");
  return VC_OK;
}

/* The most output samples along an axis whose tile stays within
 * VC_MAX_DIMENSION padded samples, or 0 when not even one does. */
static int
tile_limit (int k, int stride, int dilation)
{
  int64_t reach = (int64_t) (k - 1) * dilation + 1;

  return reach > VC_MAX_DIMENSION ? 0 :
      (int) ((VC_MAX_DIMENSION - reach) / stride + 1);
}

VcStatus
vc_plan_execute_rect (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int x0, int y0, int x1, int y1, VcError * err)
{
  bool empty;
  VcStatus s = check_rect (plan, src, dst, x0, y0, x1, y1, &empty, err);
  int cw, ch;

  if (s != VC_OK || empty)
    return s;
  if (plan->fast && vc_fast_approximate (plan->fast))
    return run_rows (plan, src, dst, x0, y0, x1, y1, err);
  cw = tile_limit (plan->g.kw, plan->g.sx, plan->g.dx);
  ch = tile_limit (plan->g.kh, plan->g.sy, plan->g.dy);
  if (cw == 0 || ch == 0)
    return vc_set_error (err, VC_ERROR_KERNEL, "rect", "a %dx%d kernel "
        "with dilation %dx%d reaches over %d samples: too far for a "
        "rectangle of the output", plan->g.kh, plan->g.kw, plan->g.dy,
        plan->g.dx, VC_MAX_DIMENSION);
  /* Tiles of at most VC_MAX_DIMENSION padded samples a side. */
  for (int y = y0; y < y1 && s == VC_OK; y += ch) {
    for (int x = x0; x < x1 && s == VC_OK; x += cw) {
      int xe = x1 - x > cw ? x + cw : x1;
      int ye = y1 - y > ch ? y + ch : y1;
      VcPlane part = sub_plane (plan, dst, x - x0, y - y0, xe - x, ye - y);

      s = run_tile (plan, src, &part, x, y, xe, ye, err);
    }
  }
  return s;
}

VcStatus
vc_plan_execute_carry_rect (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int x0, int y0, int x1, int y1, VcError * err)
{
  bool empty;
  VcStatus s = check_rect (plan, src, dst, x0, y0, x1, y1, &empty, err);

  if (s != VC_OK || empty)
    return s;
  /* As vc_plan_execute_carry (), over the rectangle. */
  vc_plan_carry_block (plan, src, dst, x0, y0, x1, y1, x0, y0);
  return VC_OK;
}
