/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Rectangles of the output against the whole frame.
 *
 * For each instruction set of the core's list it draws random
 * configurations (presets, integer, dyadic and real kernels, stride,
 * dilation, explicit and "same" padding, every border mode, forced output
 * sizes, 8, 10 and 16 bits, centred chroma, interleaved layouts) and random
 * rectangles (empty, one pixel, whole rows and columns, the whole frame):
 * vc_plan_execute_rect () must give the samples of vc_plan_execute ()'s
 * whole frame in the rectangle bit for bit, and vc_plan_execute_carry_rect
 * () those of vc_plan_execute_carry (), and neither may write a sample of
 * dst outside the described components. Test case "errors": the
 * rectangle's and the planes' checks. Test case "tile-plans": the plans
 * the rectangle calls keep, with the interleavings of calls on several
 * threads forced in one thread.
 *
 *   test-rect [cases per instruction set, default 300]
 */
#include "vc-fixture.h"
#include "vc-private.h"
#include "vc-rng.h"
#include "vc-simd.h"

#include <videoconvolve/presets.h>

#include <stdlib.h>
#include <string.h>

#define SEED 0x5DEECE66Dull
/* Kernels of up to BIG x BIG taps, some of 1024 or more: the core rounds
 * their tiles' sizes up (vc-rect.c). */
#define BIG 35
/* More than the tile plans a plan keeps (VC_TILE_PLANS), each twice: the
 * second round runs kept plans, and plans made again after others
 * replaced them. */
#define RECTS_PER_CASE 10

static VcRng rng;
static int per_simd = 300;

typedef struct
{
  double k[2][BIG * BIG];
  VcConfig cfg;
  VcTestLayout layout;
} Case;

/* 32 to 35 taps a side: boxes, a Gaussian, outer products of small
 * integers and dense ones, so that box-running, the cascades, the
 * separable and the direct paths all see rounded tiles. */
static void
big_kernel (Case * c)
{
  VcConfig *cfg = &c->cfg;
  int kind = vc_rng (&rng) % 4, col[BIG], row[BIG];

  cfg->kernel = c->k[0];
  cfg->kernel_height = vc_rng_range (&rng, 32, BIG);
  cfg->kernel_width = vc_rng_range (&rng, 32, BIG);
  if (kind == 1) {
    cfg->kernel_height = cfg->kernel_width = vc_gaussian_kernel (5.5,
        c->k[0]);
    return;
  }
  for (int i = 0; i < BIG; i++) {
    col[i] = vc_rng_range (&rng, 1, 4);
    row[i] = vc_rng_range (&rng, 1, 4);
  }
  for (int y = 0; y < cfg->kernel_height; y++)
    for (int x = 0; x < cfg->kernel_width; x++)
      c->k[0][y * cfg->kernel_width + x] = kind == 0 ? 1 : kind == 2 ?
          col[y] * row[x] : vc_rng_range (&rng, -6, 9);
}

static void
random_kernel (Case * c)
{
  VcConfig *cfg = &c->cfg;
  int kind = vc_rng (&rng) % 4, n;
  const VcPreset *all = vc_presets (&n);

  if (vc_rng (&rng) % 12 == 0) {
    big_kernel (c);
    return;
  }
  cfg->kernel = c->k[0];
  cfg->kernel_height = vc_rng_range (&rng, 1, 7);
  cfg->kernel_width = vc_rng_range (&rng, 1, 7);
  if (vc_rng (&rng) % 8 == 0)
    cfg->kernel_width = vc_rng_range (&rng, 8, 15);
  if (kind == 0) {
    vc_preset_apply (&all[vc_rng (&rng) % n], cfg, c->k[1]);
    memcpy (c->k[0], cfg->kernel, sizeof (double) * cfg->kernel_height *
        cfg->kernel_width);
    cfg->kernel = c->k[0];
    return;
  }
  for (int i = 0; i < cfg->kernel_height * cfg->kernel_width; i++) {
    int v = vc_rng_range (&rng, -6, 9);

    c->k[0][i] = kind == 1 ? v : kind == 2 ? v / 16.0 : v / 7.0;
  }
  cfg->divisor = vc_rng (&rng) % 2 ? 0 : vc_rng_range (&rng, 1, 20);
  cfg->bias = vc_rng (&rng) % 2 ? 0 : vc_rng_range (&rng, -50, 50);
  cfg->absolute = vc_rng (&rng) % 2;
}

static int
random_pad (void)
{
  return vc_rng (&rng) % 2 ? VC_PAD_SAME : vc_rng_range (&rng, 0, 4);
}

static void
random_samples (Case * c)
{
  VcConfig *cfg = &c->cfg;

  cfg->sample_type = vc_rng (&rng) % 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  if (cfg->sample_type == VC_SAMPLE_U16 && vc_rng (&rng) % 2) {
    cfg->sample_bits = 10;
    cfg->sample_shift = vc_rng (&rng) % 2 ? 6 : 0;
  }
  if (vc_rng (&rng) % 4 == 0)
    cfg->center = cfg->sample_bits == 10 ? 512 :
        cfg->sample_type == VC_SAMPLE_U16 ? 32768 : 128;
  cfg->border_value = vc_rng_range (&rng, 0, 300);
  cfg->components = vc_rng_range (&rng, 1, 3);
  c->layout.components = cfg->components;
  c->layout.pixel_stride = cfg->components + vc_rng_range (&rng, 0, 1);
  c->layout.offset = vc_rng_range (&rng, 0,
      c->layout.pixel_stride - cfg->components);
}

/* A configuration that makes a plan. */
static VcPlan *
make_case (Case * c)
{
  for (;;) {
    VcConfig *cfg = &c->cfg;
    VcPlan *plan;

    memset (c, 0, sizeof (*c));
    vc_config_init (cfg);
    random_kernel (c);
    cfg->stride_x = vc_rng (&rng) % 2 ? 1 : vc_rng_range (&rng, 1, 3);
    cfg->stride_y = vc_rng (&rng) % 2 ? 1 : vc_rng_range (&rng, 1, 3);
    cfg->dilation_x = vc_rng (&rng) % 2 ? 1 : vc_rng_range (&rng, 1, 3);
    cfg->dilation_y = vc_rng (&rng) % 2 ? 1 : vc_rng_range (&rng, 1, 3);
    cfg->pad_left = cfg->pad_right = random_pad ();
    cfg->pad_top = cfg->pad_bottom = random_pad ();
    if (vc_rng (&rng) % 4 == 0)
      cfg->pad_right = vc_rng_range (&rng, 0, 4);
    cfg->border = (VcBorder) (vc_rng (&rng) % 5);
    random_samples (c);
    cfg->width = vc_rng_range (&rng, 1, 70);
    cfg->height = vc_rng_range (&rng, 1, 40);
    if (vc_rng (&rng) % 6 == 0) {
      cfg->out_width = vc_rng_range (&rng, 1, 75);
      cfg->out_height = vc_rng_range (&rng, 1, 45);
    }
    if (cfg->pad_right != cfg->pad_left && (cfg->pad_left == VC_PAD_SAME ||
            cfg->pad_right == VC_PAD_SAME))
      cfg->pad_right = cfg->pad_left;
    plan = vc_plan_new (cfg, NULL);
    if (plan)
      return plan;
  }
}

static void
random_rect (int i, int ow, int oh, int r[4])
{
  r[0] = vc_rng_range (&rng, 0, ow);
  r[1] = vc_rng_range (&rng, 0, oh);
  r[2] = vc_rng_range (&rng, r[0], ow);
  r[3] = vc_rng_range (&rng, r[1], oh);
  if (i == 0) {                 /* the whole frame */
    r[0] = r[1] = 0;
    r[2] = ow;
    r[3] = oh;
  } else if (i == 1 && ow > 0 && oh > 0) {      /* one pixel */
    r[2] = r[0] < ow ? r[0] + 1 : ow;
    r[0] = r[2] - 1;
    r[3] = r[1] < oh ? r[1] + 1 : oh;
    r[1] = r[3] - 1;
  }
}

/* Whether sample slot s of a row is one of the described components. */
static bool
described (const VcTestLayout * l, int s)
{
  int in_pixel = s % l->pixel_stride;

  return in_pixel >= l->offset && in_pixel < l->offset + l->components;
}

/* The rectangle r of `whole` against `part`, which must hold it in the
 * components and the canary elsewhere. */
static void
compare_rect (const Case * c, const VcPlan * plan, const VcTestBuffer * whole,
    const VcTestBuffer * part, const int r[4], const char *what, int i)
{
  int ps = c->layout.pixel_stride;
  int canary = vc_test_canary (c->cfg.sample_type);

  for (int y = r[1]; y < r[3]; y++)
    for (int s = 0; s < (r[2] - r[0]) * ps; s++) {
      int got = vc_test_get (part, y - r[1], s);
      int want = described (&c->layout, s) ?
          vc_test_get (whole, y, r[0] * ps + s) : canary;

      ck_assert_msg (got == want, "case %d, %s of [%d, %d) x [%d, %d) "
          "(%s, kernel %dx%d, stride %dx%d, dilation %dx%d, border %s, %s): "
          "row %d sample %d is %d, expected %d", i, what, r[0], r[2], r[1],
          r[3], vc_plan_path_name (plan), c->cfg.kernel_height,
          c->cfg.kernel_width, c->cfg.stride_y, c->cfg.stride_x,
          c->cfg.dilation_y, c->cfg.dilation_x,
          vc_border_name (c->cfg.border), c->cfg.sample_type ==
          VC_SAMPLE_U16 ? "u16" : "u8", y, s, got, want);
    }
}

static void
fill_random (VcTestBuffer * b)
{
  int max = b->type == VC_SAMPLE_U16 ? 65535 : 255;

  for (int y = 0; y < b->plane.height; y++)
    for (int s = 0; s < b->row_samples; s++)
      vc_test_set (b, y, s, vc_rng (&rng) % 3 == 0 ?
          max * (int) (vc_rng (&rng) % 2) : (int) (vc_rng (&rng) % (max + 1)));
}

static void
run_case (Case * c, VcPlan * plan, int i)
{
  VcSampleType t = c->cfg.sample_type;
  int canary = vc_test_canary (t);
  VcTestBuffer src, whole, carried;
  VcError err;
  int ow, oh;

  vc_plan_get_output_size (plan, &ow, &oh);
  vc_test_buffer_init (&src, t, c->cfg.width, c->cfg.height, &c->layout, 0);
  fill_random (&src);
  vc_test_buffer_init (&whole, t, ow, oh, &c->layout, canary);
  vc_test_buffer_init (&carried, t, ow, oh, &c->layout, canary);
  vc_assert_status (vc_plan_execute (plan, &src.plane, &whole.plane, 0, oh,
          NULL, &err), VC_OK);
  vc_assert_status (vc_plan_execute_carry (plan, &src.plane, &carried.plane,
          0, oh, &err), VC_OK);
  int rects[RECTS_PER_CASE][4];

  for (int n = 0; n < RECTS_PER_CASE; n++)
    random_rect (n, ow, oh, rects[n]);
  for (int n = 0; n < 2 * RECTS_PER_CASE; n++) {
    const int *r = rects[n % RECTS_PER_CASE];
    VcTestBuffer part;

    if (r[2] == r[0] || r[3] == r[1]) {
      vc_assert_status (vc_plan_execute_rect (plan, &src.plane, NULL, r[0],
              r[1], r[2], r[3], &err), VC_OK);
      continue;
    }
    vc_test_buffer_init (&part, t, r[2] - r[0], r[3] - r[1], &c->layout,
        canary);
    vc_assert_status (vc_plan_execute_rect (plan, &src.plane, &part.plane,
            r[0], r[1], r[2], r[3], &err), VC_OK);
    compare_rect (c, plan, &whole, &part, r, "convolution", i);
    vc_test_buffer_clear (&part);
    vc_test_buffer_init (&part, t, r[2] - r[0], r[3] - r[1], &c->layout,
        canary);
    vc_assert_status (vc_plan_execute_carry_rect (plan, &src.plane,
            &part.plane, r[0], r[1], r[2], r[3], &err), VC_OK);
    compare_rect (c, plan, &carried, &part, r, "carry", i);
    vc_test_buffer_clear (&part);
  }
  vc_test_buffer_clear (&src);
  vc_test_buffer_clear (&whole);
  vc_test_buffer_clear (&carried);
}

START_TEST (test_isa)
{
  int n_isas;
  const VcSimdIsa *isas = vc_simd_isas (&n_isas);
  const char *simd = isas[_i].table->name;

  if (!isas[_i].cpu_runs ()) {
    printf ("# %s: skipped, this CPU cannot run it\n", simd);
    return;
  }
  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + _i);
  for (int i = 0; i < per_simd; i++) {
    static Case c;
    VcPlan *plan = make_case (&c);

    run_case (&c, plan, i);
    vc_plan_free (plan);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* The reference path too (no table). */
START_TEST (test_reference)
{
  setenv ("VIDEOCONVOLVE_SIMD", "reference", 1);
  vc_rng_seed (&rng, SEED - 1);
  for (int i = 0; i < per_simd / 2; i++) {
    static Case c;
    VcPlan *plan = make_case (&c);

    run_case (&c, plan, i);
    vc_plan_free (plan);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

START_TEST (test_errors)
{
  VcTestLayout l = { 1, 0, 1 };
  VcTestBuffer src, dst;
  VcConfig cfg;
  VcError err;
  VcPlan *plan;

  vc_config_init (&cfg);
  cfg.width = 20;
  cfg.height = 10;
  plan = vc_plan_new (&cfg, NULL);
  vc_test_buffer_init (&src, VC_SAMPLE_U8, 20, 10, &l, 0);
  vc_test_buffer_init (&dst, VC_SAMPLE_U8, 5, 4, &l, 0);
  vc_assert_status (vc_plan_execute_rect (plan, &src.plane, &dst.plane, 16,
          0, 21, 4, &err), VC_ERROR_ROWS);
  vc_assert_contains (err.message, "[16, 21) x [0, 4)");
  vc_assert_status (vc_plan_execute_rect (plan, &src.plane, &dst.plane, 3,
          2, 2, 6, &err), VC_ERROR_ROWS);
  vc_assert_status (vc_plan_execute_carry_rect (plan, &src.plane,
          &dst.plane, -1, 0, 4, 4, &err), VC_ERROR_ROWS);
  vc_assert_status (vc_plan_execute_rect (plan, &src.plane, &dst.plane, 0,
          0, 5, 5, &err), VC_ERROR_PLANE);
  vc_assert_contains (err.message, "dst plane is 5x4 but the plan needs 5x5");
  vc_assert_status (vc_plan_execute_rect (plan, &src.plane, &src.plane, 0,
          0, 20, 10, &err), VC_ERROR_PLANE);
  vc_assert_contains (err.message, "overlap");
  vc_assert_status (vc_plan_execute_rect (NULL, &src.plane, &dst.plane, 0,
          0, 5, 4, &err), VC_ERROR_ARGUMENT);
  vc_assert_status (vc_plan_execute_rect (plan, &src.plane, &dst.plane, 0,
          0, 5, 4, &err), VC_OK);
  vc_test_buffer_clear (&src);
  vc_test_buffer_clear (&dst);
  vc_plan_free (plan);
}
END_TEST

/* A 3x3 box on a 40x30 frame, its tile plans taken by hand. */
static VcPlan *
tile_owner (void)
{
  static double box[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  VcConfig cfg;

  vc_config_init (&cfg);
  cfg.width = 40;
  cfg.height = 30;
  cfg.kernel = box;
  cfg.kernel_height = cfg.kernel_width = 3;
  return vc_plan_new (&cfg, NULL);
}

/* Runs sub on a w x h tile: sub must still be a live plan of that size
 * (a freed one shows under ASan and valgrind). */
static void
run_sub (VcPlan * sub, int w, int h)
{
  VcTestLayout l = { 1, 0, 1 };
  VcTestBuffer src, dst;

  vc_test_buffer_init (&src, VC_SAMPLE_U8, w, h, &l, 7);
  vc_test_buffer_init (&dst, VC_SAMPLE_U8, w - 2, h - 2, &l, 0);
  vc_assert_status (vc_plan_execute (sub, &src.plane, &dst.plane, 0, h - 2,
          NULL, NULL), VC_OK);
  vc_test_buffer_clear (&src);
  vc_test_buffer_clear (&dst);
}

/* Plans that calls are running are never replaced: with every slot
 * running, a new size is made outside the cache; once they end, the
 * plan taken least recently makes room. */
START_TEST (test_tile_plans_running)
{
  VcPlan *plan = tile_owner (), *held[VC_TILE_PLANS + 1], *again;
  VcTilePlan *slot[VC_TILE_PLANS + 1], *s;

  for (int i = 0; i <= VC_TILE_PLANS; i++)
    held[i] = vc_tile_plan_take (plan, 10 + i, 5, &slot[i], NULL);
  for (int i = 0; i < VC_TILE_PLANS; i++) {
    ck_assert_ptr_nonnull (slot[i]);
    ck_assert_ptr_eq (slot[i]->plan, held[i]);
    ck_assert_uint_eq (slot[i]->users, 1);
  }
  ck_assert_ptr_null (slot[VC_TILE_PLANS]);
  for (int i = 0; i <= VC_TILE_PLANS; i++)
    run_sub (held[i], 10 + i, 5);
  for (int i = 0; i <= VC_TILE_PLANS; i++)
    vc_tile_plan_give (plan, held[i], slot[i]);
  /* A size kept: the same plan. Then a new size replaces the size taken
   * least recently, 11 wide (10 was just taken again). */
  again = vc_tile_plan_take (plan, 10, 5, &s, NULL);
  ck_assert_ptr_eq (again, held[0]);
  vc_tile_plan_give (plan, again, s);
  again = vc_tile_plan_take (plan, 99, 5, &s, NULL);
  ck_assert_ptr_nonnull (s);
  for (int i = 0; i < VC_TILE_PLANS; i++)
    ck_assert (plan->tiles.slot[i].w != 11);
  ck_assert_uint_eq (s->users, 1);
  run_sub (again, 99, 5);
  vc_tile_plan_give (plan, again, s);
  ck_assert_uint_eq (s->users, 0);
  vc_plan_free (plan);
}
END_TEST

static VcPlan *hooked_plan;
static VcTilePlan *hooked_slot;

/* Another thread's call for the same size, between this call's making
 * of its plan and its second look in the cache. */
static void
take_same (const VcPlan * plan, int w, int h)
{
  vc_tile_plan_hook = NULL;
  hooked_plan = vc_tile_plan_take (plan, w, h, &hooked_slot, NULL);
}

/* Two calls making the same size at once: the second to look again
 * takes the plan the first kept, and frees its own. */
START_TEST (test_tile_plans_race)
{
  VcPlan *plan = tile_owner (), *sub;
  VcTilePlan *slot;

  vc_tile_plan_hook = take_same;
  sub = vc_tile_plan_take (plan, 12, 9, &slot, NULL);
  ck_assert_ptr_null (vc_tile_plan_hook);
  ck_assert_ptr_nonnull (hooked_slot);
  ck_assert_ptr_eq (slot, hooked_slot);
  ck_assert_ptr_eq (sub, hooked_plan);
  ck_assert_uint_eq (slot->users, 2);
  for (int i = 1; i < VC_TILE_PLANS; i++)
    ck_assert_ptr_null (plan->tiles.slot[i].plan);
  run_sub (sub, 12, 9);
  vc_tile_plan_give (plan, hooked_plan, hooked_slot);
  vc_tile_plan_give (plan, sub, slot);
  ck_assert_uint_eq (slot->users, 0);
  vc_plan_free (plan);
}
END_TEST

int
main (int argc, char **argv)
{
  Suite *s = suite_create ("core-rect");
  TCase *tc;
  int n_isas;

  vc_simd_isas (&n_isas);
  if (argc > 1)
    per_simd = atoi (argv[1]);
  tcase_add_loop_test (vc_fixture_tcase (s, "isas"), test_isa, 0, n_isas);
  tcase_add_test (vc_fixture_tcase (s, "reference"), test_reference);
  tcase_add_test (vc_fixture_tcase (s, "errors"), test_errors);
  tc = vc_fixture_tcase (s, "tile-plans");
  tcase_add_test (tc, test_tile_plans_running);
  tcase_add_test (tc, test_tile_plans_race);
  return vc_fixture_run (s);
}
