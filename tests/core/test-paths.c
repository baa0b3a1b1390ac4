/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every fast path against the scalar reference, sample by sample.
 *
 * For each instruction set of the core's list (vc_simd_isas (), forced with
 * $VIDEOCONVOLVE_SIMD; the ones this CPU cannot run are reported as skipped) it
 * runs random configurations: kernels of every class, stride, dilation,
 * padding, every border mode, 8 and 16 bits, planar and interleaved layouts,
 * widths from 1 to 4096 (vector tails), random and worst-case frames (all 0,
 * all max, alternating), in one band and in three; half the cases are
 * boxes (every coefficient equal, sides 1 to 255), the box-running path's
 * kernels, and one in nine separable kernels whose factors are boxes
 * convolved (preset=gaussian's among them), the box-cascade path's. The
 * "-int" and box paths must equal
 * vc_plan_execute_reference () bit for bit, the "-float" path within 1; samples
 * outside the described components must stay untouched. Where a plan runs in
 * place, it runs so too, its three bands prepared first and then executed
 * forwards or backwards (so a band finds the rows around it already overwritten
 * by its neighbours), and must give the out-of-place output bit for bit. It
 * also checks which class each kind of kernel gets.
 *
 * One libcheck test per instruction set (test case "isas"), one per
 * preset class (test case "classes"), and the in-place corners (test case
 * "in place").
 *
 *   test-paths [cases per instruction set, default 2000]
 */
#include "vc-compare.h"
#include "vc-fixture.h"
#include "vc-rng.h"
#include "vc-simd.h"

#include <videoconvolve/presets.h>

#include <stdlib.h>
#include <string.h>

/* Instruction set s draws from SEED + s, the in-place corners from SEED. */
#define SEED 0x9E3779B97F4A7C15ull

static VcRng rng;
/* Random cases per instruction set: the program's argument. */
static int per_simd = 2000;

typedef enum
{
  K_PRESET,                     /* a preset, with its divisor, bias, abs */
  K_INT_SMALL,                  /* integers in [-4, 4] */
  K_INT_WIDE,                   /* integers in [-300, 300] */
  K_DYADIC,                     /* multiples of 1/16 */
  K_SEPARABLE,                  /* outer product of small integer rows */
  K_FLOAT,                      /* non-dyadic reals */
  K_ZERO,                       /* all zero */
  K_CASCADE,                    /* factors of boxes convolved */
  K_BOX,                        /* every coefficient equal */
  N_KINDS
} KernelKind;

/* Box sides: 1, small, from the box path's threshold on, up to 255. */
#define BOX_SIDE_MAX VC_KERNEL_MAX_SIDE

typedef struct
{
  double k[2][BOX_SIDE_MAX * BOX_SIDE_MAX];
  VcConfig cfg;
  int ps, off;                  /* layout of both planes */
  int pattern;                  /* 0 random, 1 zero, 2 max, 3 alternating */
  const char *kind;
} Case;

static int
box_side (void)
{
  switch (vc_rng (&rng) % 8) {
    case 0:
      return 1;
    case 1:
      return vc_rng_range (&rng, 2, 10);
    case 2:
      return vc_rng_range (&rng, 41, BOX_SIDE_MAX);
    default:
      return vc_rng_range (&rng, 11, 40);
  }
}

/* A box: every coefficient one value, mostly integers (the box path's),
 * sometimes a quarter or a ninth. */
static void
make_box (Case * c, int *kh, int *kw)
{
  static const double values[] = { 1, 1, 1, 2, -3, 7, 0.25, 1.0 / 9 };
  double v = values[vc_rng (&rng) % 8];

  c->kind = "box";
  *kh = box_side ();
  *kw = box_side ();
  c->cfg.kernel_height = *kh;
  c->cfg.kernel_width = *kw;
  for (int i = 0; i < *kh * *kw; i++)
    c->k[0][i] = v;
}

/* A factor of boxes convolved: n boxes of random widths, times v, into
 * f; returns its side. */
static int
cascade_factor (double *f, int n, double v)
{
  int side = 1;

  f[0] = v;
  for (int b = 0; b < n; b++) {
    int w = vc_rng (&rng) % 4 ? vc_rng_range (&rng, 2, 25) :
        vc_rng_range (&rng, 1, 60);

    if (side + w - 1 > BOX_SIDE_MAX)
      break;
    for (int i = side + w - 2; i >= 0; i--) {
      double sum = 0;

      for (int t = 0; t < w; t++)
        if (i - t >= 0 && i - t < side)
          sum += f[i - t];
      f[i] = sum;
    }
    side += w - 1;
  }
  return side;
}

/* A kernel of the cascade path: preset=gaussian's for a sigma above 2,
 * or each axis 0 to 4 boxes convolved, times a small factor. */
static void
make_cascade (Case * c, int *kh, int *kw)
{
  static const double values[] = { 1, 1, 2, -1, 3, 0.25 };
  double col[BOX_SIDE_MAX], row[BOX_SIDE_MAX];

  if (vc_rng (&rng) % 4 == 0) {
    double sigma = vc_rng_range (&rng, 201, 2000) / 100.0;

    c->kind = "gaussian";
    *kh = *kw = vc_gaussian_kernel (sigma, c->k[0]);
  } else {
    c->kind = "cascade";
    *kh = cascade_factor (col, vc_rng_range (&rng, 0, 4),
        values[vc_rng (&rng) % 6]);
    *kw = cascade_factor (row, vc_rng_range (&rng, 1, 4),
        values[vc_rng (&rng) % 6]);
    for (int m = 0; m < *kh; m++)
      for (int n = 0; n < *kw; n++)
        c->k[0][m * *kw + n] = col[m] * row[n];
  }
  c->cfg.kernel_height = *kh;
  c->cfg.kernel_width = *kw;
}

static void
make_kernel (Case * c, KernelKind kind)
{
  VcConfig *cfg = &c->cfg;
  int kh = vc_rng_range (&rng, 1, 7), kw = vc_rng_range (&rng, 1, 7);

  if (vc_rng (&rng) % 8 == 0) {
    kh = vc_rng (&rng) % 2 ? 1 : vc_rng_range (&rng, 8, 15);
    kw = vc_rng (&rng) % 2 ? 1 : vc_rng_range (&rng, 8, 15);
  }
  cfg->kernel = c->k[0];
  cfg->kernel_height = kh;
  cfg->kernel_width = kw;

  switch (kind) {
    case K_PRESET:{
      int n;
      const VcPreset *all = vc_presets (&n);
      const VcPreset *p = &all[vc_rng (&rng) % n];

      c->kind = p->nick;
      vc_preset_apply (p, cfg, c->k[1]);
      /* an integer bias keeps the integer finish */
      if (vc_rng (&rng) % 2)
        cfg->bias = vc_rng_range (&rng, -100, 100);
      return;
    }
    case K_INT_SMALL:
      c->kind = "small integers";
      for (int i = 0; i < kh * kw; i++)
        c->k[0][i] = vc_rng_range (&rng, -4, 4);
      break;
    case K_INT_WIDE:
      c->kind = "wide integers";
      for (int i = 0; i < kh * kw; i++)
        c->k[0][i] = vc_rng_range (&rng, -300, 300);
      break;
    case K_DYADIC:
      c->kind = "multiples of 1/16";
      for (int i = 0; i < kh * kw; i++)
        c->k[0][i] = vc_rng_range (&rng, -32, 32) / 16.0;
      break;
    case K_SEPARABLE:{
      int col[15], row[15];

      c->kind = "separable integers";
      for (int m = 0; m < kh; m++)
        col[m] = vc_rng_range (&rng, -3, 3);
      for (int n = 0; n < kw; n++)
        row[n] = vc_rng_range (&rng, -3, 3);
      for (int m = 0; m < kh; m++)
        for (int n = 0; n < kw; n++)
          c->k[0][m * kw + n] = col[m] * row[n];
      break;
    }
    case K_FLOAT:
      c->kind = "reals";
      for (int i = 0; i < kh * kw; i++)
        c->k[0][i] = (vc_rng_range (&rng, -1000, 1000) + 0.3) / 777.0;
      break;
    case K_BOX:
      make_box (c, &kh, &kw);
      break;
    case K_CASCADE:
      make_cascade (c, &kh, &kw);
      break;
    case K_ZERO:
    case N_KINDS:
      c->kind = "zeros";
      for (int i = 0; i < kh * kw; i++)
        c->k[0][i] = 0;
      break;
  }
  if (kind != K_BOX && kind != K_CASCADE && vc_rng (&rng) % 6 == 0) {
    for (int i = 0; i < kh * kw; i++)
      c->k[1][i] = c->k[0][(i * 7) % (kh * kw)];
    cfg->kernel2 = c->k[1];
  }
  switch (vc_rng (&rng) % 6) {
    case 0:
      cfg->divisor = vc_rng_range (&rng, 1, 40);
      break;
    case 1:
      cfg->divisor = -vc_rng_range (&rng, 1, 9);
      break;
    case 2:
      cfg->divisor = vc_rng_range (&rng, 1, 64) / 8.0;
      break;
    default:
      cfg->divisor = 0;
  }
  switch (vc_rng (&rng) % 4) {
    case 0:
      cfg->bias = vc_rng_range (&rng, -200, 200);
      break;
    case 1:
      cfg->bias = vc_rng_range (&rng, -20, 20) / 2.0 +
          0.1 * (vc_rng (&rng) % 2);
      break;
    default:
      cfg->bias = 0;
  }
  cfg->absolute = vc_rng (&rng) % 3 == 0;
}

/* A random case; kind: its kernel's (N_KINDS: any). */
static void
make_case (Case * c, KernelKind kind)
{
  VcConfig *cfg = &c->cfg;
  static const int layouts[][3] = {
    /* pixel_stride, offset, components */
    {1, 0, 1}, {3, 0, 3}, {4, 0, 3}, {4, 1, 3}, {2, 0, 2}, {2, 1, 1},
    {4, 2, 1}, {4, 0, 4},
  };
  const int *l = layouts[vc_rng (&rng) %
      (sizeof (layouts) / sizeof (layouts[0]))];
  static const int widths[] = { 1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 64, 65,
    127, 129, 255, 1000, 1921, 4096
  };

  memset (c, 0, sizeof (*c));
  vc_config_init (cfg);
  if (kind == N_KINDS)
    kind = vc_rng (&rng) % 2 ? K_BOX : vc_rng (&rng) % 8 == 0 ? K_CASCADE :
        (KernelKind) (vc_rng (&rng) % K_BOX);
  make_kernel (c, kind);
  cfg->sample_type = vc_rng (&rng) % 3 == 0 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  /* Half the 16-bit cases: fewer significant bits (10-bit video), in the
   * low bits (I420_10LE) or in the high bits (P010_10LE); the input words
   * stay random, stray bits included. */
  if (cfg->sample_type == VC_SAMPLE_U16 && vc_rng (&rng) % 2) {
    cfg->sample_bits = vc_rng (&rng) % 2 ? 10 : vc_rng_range (&rng, 1, 16);
    cfg->sample_shift = vc_rng (&rng) % 2 ? 16 - cfg->sample_bits :
        vc_rng_range (&rng, 0, 16 - cfg->sample_bits);
  }
  /* A center: the neutral value of chroma, another integer, or one the
   * fast paths leave to the reference. */
  switch (vc_rng (&rng) % 8) {
    case 0:
      cfg->center = cfg->sample_type == VC_SAMPLE_U8 ? 128 :
          cfg->sample_bits ? 1 << (cfg->sample_bits - 1) : 32768;
      break;
    case 1:
      cfg->center = vc_rng_range (&rng, -50, 300);
      break;
    case 2:
      cfg->center = 100.5;
      break;
    default:
      cfg->center = 0;
  }
  cfg->width = widths[vc_rng (&rng) % (sizeof (widths) / sizeof (widths[0]))];
  cfg->height = cfg->width > 1000 ? vc_rng_range (&rng, 1, 6) :
      vc_rng_range (&rng, 1, 40);
  /* The reference's work (kernel x frame) kept small for large kernels. */
  while ((int64_t) cfg->kernel_height * cfg->kernel_width * cfg->width *
      cfg->height > 4000000 && cfg->width > 1)
    cfg->width /= 2;
  while ((int64_t) cfg->kernel_height * cfg->kernel_width * cfg->width *
      cfg->height > 4000000 && cfg->height > 1)
    cfg->height /= 2;
  c->ps = l[0];
  c->off = l[1];
  cfg->components = l[2];
  cfg->stride_y = vc_rng (&rng) % 3 ? 1 : vc_rng_range (&rng, 2, 4);
  cfg->stride_x = vc_rng (&rng) % 3 ? 1 : vc_rng_range (&rng, 2, 5);
  cfg->dilation_y = vc_rng (&rng) % 3 ? 1 : vc_rng_range (&rng, 2, 4);
  cfg->dilation_x = vc_rng (&rng) % 3 ? 1 : vc_rng_range (&rng, 2, 4);
  /* (Large boxes mostly "same": without it their output is often empty.) */
  if (vc_rng (&rng) % 2 || (strcmp (c->kind, "box") == 0 &&
          vc_rng (&rng) % 4)) {
    cfg->pad_top = cfg->pad_bottom = VC_PAD_SAME;
    cfg->pad_left = cfg->pad_right = VC_PAD_SAME;
  } else {
    cfg->pad_top = vc_rng_range (&rng, 0, 8);
    cfg->pad_bottom = vc_rng_range (&rng, 0, 8);
    cfg->pad_left = vc_rng_range (&rng, 0, 20);
    cfg->pad_right = vc_rng_range (&rng, 0, 20);
  }
  cfg->border = (VcBorder) (vc_rng (&rng) % 5);
  cfg->border_value = vc_rng_range (&rng, -10, 70000) / 3.0;
  c->pattern = vc_rng (&rng) % 4;
}

typedef struct
{
  uint8_t *data;
  size_t size;
  VcPlane plane;
} Buf;

static void
buf_init (Buf * b, const Case * c, int w, int h, int fill_pattern)
{
  size_t ss = c->cfg.sample_type == VC_SAMPLE_U16 ? 2 : 1;
  int max = c->cfg.sample_type == VC_SAMPLE_U16 ? 65535 : 255;
  ptrdiff_t row = (ptrdiff_t) (((size_t) w * c->ps + 3) * ss);

  /* The plane ends at its last described sample, as a video frame's last
   * row may (AddressSanitizer then sees a write past it). */
  b->size = (size_t) row * (h - 1) +
      ((size_t) (w - 1) * c->ps + c->off + c->cfg.components) * ss;
  b->data = malloc (b->size);
  b->plane = (VcPlane) {
  .data = b->data,.row_stride = row,.width = w,.height = h,
        .pixel_stride = c->ps,.offset = c->off,.components =
        c->cfg.components};
  for (size_t i = 0; i < b->size / ss; i++) {
    int v;

    switch (fill_pattern) {
      case 0:
        v = (int) (vc_rng (&rng) % (uint32_t) (max + 1));
        break;
      case 1:
        v = 0;
        break;
      case 2:
        v = max;
        break;
      case 3:
        v = ((i / c->ps) + (i / (size_t) row)) % 2 ? max : 0;
        break;
      default:                 /* the canary of a destination */
        v = 0xA5;
    }
    if (ss == 2)
      ((uint16_t *) b->data)[i] = (uint16_t) v;
    else
      b->data[i] = (uint8_t) v;
  }
}

static int in_place_cases;
static int box_cases;
static int cascade_cases;
static int cascade8_cases, cascade8_center_cases, cascade8_group_cases;

/* A scratch for one call of the plan, as aligned as it asks. */
static void *
scratch_new (const VcPlan * plan)
{
  return aligned_alloc (VC_SCRATCH_ALIGNMENT, (vc_plan_scratch_size (plan) +
          VC_SCRATCH_ALIGNMENT) & ~(size_t) (VC_SCRATCH_ALIGNMENT - 1));
}

/* In place, in the three bands `cuts`: equal to the out-of-place output
 * written over a copy of the input (which keeps the samples outside the
 * described components as they are in place). */
static void
check_in_place (const VcPlan * plan, const Case * c, const Buf * src,
    const int *cuts, int idx, const char *simd)
{
  uint8_t *want = malloc (src->size), *got = malloc (src->size);
  void *scratch[3];
  VcPlane want_plane = src->plane, got_plane = src->plane;
  VcError err;
  bool backwards = idx % 2;

  memcpy (want, src->data, src->size);
  memcpy (got, src->data, src->size);
  want_plane.data = want;
  got_plane.data = got;
  vc_assert_status (vc_plan_execute (plan, &src->plane, &want_plane, 0,
          src->plane.height, NULL, &err), VC_OK);
  for (int b = 0; b < 3; b++) {
    scratch[b] = scratch_new (plan);
    vc_assert_status (vc_plan_prepare_in_place (plan, &got_plane, cuts[b],
            cuts[b + 1], scratch[b], &err), VC_OK);
  }
  for (int n = 0; n < 3; n++) {
    int b = backwards ? 2 - n : n;

    vc_assert_status (vc_plan_execute_in_place (plan, &got_plane, cuts[b],
            cuts[b + 1], scratch[b], &err), VC_OK);
  }
  ck_assert_msg (memcmp (want, got, src->size) == 0,
      "case %d on %s, path %s, in place (bands %s; kernel %dx%d, %dx%d, "
      "dilation %d,%d, padding %d %d, border %s): differs from out of place",
      idx, simd, vc_plan_path_name (plan), backwards ? "backwards" :
      "forwards", c->cfg.kernel_height, c->cfg.kernel_width, c->cfg.width,
      c->cfg.height, c->cfg.dilation_y, c->cfg.dilation_x, c->cfg.pad_top,
      c->cfg.pad_bottom, vc_border_name (c->cfg.border));
  in_place_cases++;
  for (int b = 0; b < 3; b++)
    free (scratch[b]);
  free (want);
  free (got);
}

/* Runs one case on the current $VIDEOCONVOLVE_SIMD; returns the path. */
static void
run_case (const Case * c, int idx, const char *simd, int *skipped)
{
  VcError err;
  VcPlan *plan = vc_plan_new (&c->cfg, &err);
  Buf src, out, ref;
  int ow, oh, cuts[4];
  const char *path;
  bool approx, same;
  size_t ss = c->cfg.sample_type == VC_SAMPLE_U16 ? 2 : 1;
  size_t first = 0, count = 0;

  if (plan == NULL) {
    /* A case whose output size is < 1: nothing to compare. */
    vc_assert_status (err.status, VC_ERROR_OUTPUT_SIZE);
    return;
  }
  path = vc_plan_path_name (plan);
  if (strcmp (simd, "reference") != 0 && strstr (path, "cannot run")) {
    (*skipped)++;
    vc_plan_free (plan);
    return;
  }
  approx = strstr (path, "-float") != NULL;
  if (strncmp (path, "box-running/", 12) == 0)
    box_cases++;
  if (strncmp (path, "box-cascade/", 12) == 0)
    cascade_cases++;
  if (strncmp (path, "box-cascade-u8/", 15) == 0) {
    cascade8_cases++;
    cascade8_center_cases += c->cfg.center != 0;
    cascade8_group_cases += c->cfg.components > 1;
  }
  vc_plan_get_output_size (plan, &ow, &oh);
  buf_init (&src, c, c->cfg.width, c->cfg.height, c->pattern);
  buf_init (&out, c, ow, oh, 4);
  buf_init (&ref, c, ow, oh, 4);

  vc_assert_status (vc_plan_execute_reference (plan, &src.plane, &ref.plane,
          0, oh, NULL, &err), VC_OK);
  /* Three bands, as three threads would cut the frame. */
  cuts[0] = 0;
  cuts[1] = oh / 3;
  cuts[2] = 2 * oh / 3;
  cuts[3] = oh;
  for (int b = 0; b < 3; b++)
    vc_assert_status (vc_plan_execute (plan, &src.plane, &out.plane,
            cuts[b], cuts[b + 1], NULL, &err), VC_OK);

  count = vc_fast_mismatches (out.data, ref.data, out.size, ss, approx,
      c->cfg.sample_shift, &first);
  same = count == 0;
  ck_assert_msg (same, "case %d on %s, path %s "
          "(%s kernel %dx%d%s, %s, %dx%d, layout %d/%d/%d, stride %d,%d, "
          "dilation %d,%d, border %s, pattern %d, divisor %g, bias %g, "
          "absolute %d, center %g, bits %d << %d): %zu samples differ from the reference%s, "
          "first at byte %zu", idx, simd, path, c->kind,
          c->cfg.kernel_height, c->cfg.kernel_width,
          c->cfg.kernel2 ? " + kernel2" : "",
          ss == 2 ? "u16" : "u8", c->cfg.width, c->cfg.height, c->ps,
          c->off, c->cfg.components, c->cfg.stride_y, c->cfg.stride_x,
          c->cfg.dilation_y, c->cfg.dilation_x,
          vc_border_name (c->cfg.border), c->pattern, c->cfg.divisor,
          c->cfg.bias, c->cfg.absolute, c->cfg.center, c->cfg.sample_bits,
          c->cfg.sample_shift, count,
          approx ? " by more than 1" : "", first);
  if (vc_plan_in_place (plan))
    check_in_place (plan, c, &src, cuts, idx, simd);
  free (src.data);
  free (out.data);
  free (ref.data);
  vc_plan_free (plan);
}

/* run_case () on a case whose plan must take the path named by prefix
 * (NULL: any), unless this CPU cannot run the instruction set. */
static void
run_case_on (const Case * c, const char *prefix, int idx, const char *simd,
    int *skipped)
{
  VcPlan *plan = vc_plan_new (&c->cfg, NULL);
  const char *path;

  ck_assert_msg (plan != NULL, "%s: no plan", simd);
  path = vc_plan_path_name (plan);
  ck_assert_msg (prefix == NULL || strncmp (path, prefix,
          strlen (prefix)) == 0 || strstr (path, "cannot run"),
      "%s: path %s, expected %s...", simd, path, prefix);
  vc_plan_free (plan);
  run_case (c, idx, simd, skipped);
}

/* Which plans run in place, the calls' misuse, and in place at the
 * corners the random cases seldom reach: kernels with zero rows at the
 * bottom, reflect and wrap rows read again at the bottom, dilation gaps
 * at a band's start. */
START_TEST (test_in_place)
{
  static const double gauss[9] = { 1, 2, 1, 2, 4, 2, 1, 2, 1 };
  /* Only the top row (every row read after it is overwritten), and no
   * bottom row (its lowest row is the centre: in place). */
  static const double top_only[9] = { 1, 2, 1, 0, 0, 0, 0, 0, 0 };
  static const double no_bottom[15] = { 1, 2, 3, 1, 1, 0, 4, 1, 1, 2,
    0, 0, 0, 0, 0
  };
  static Case c;
  VcPlan *plan;
  VcError err;
  Buf b;
  int cuts[4], skipped = 0;
  void *scratch;

  vc_rng_seed (&rng, SEED);
  unsetenv ("VIDEOCONVOLVE_SIMD");
  memset (&c, 0, sizeof (c));
  vc_config_init (&c.cfg);
  c.cfg.kernel = gauss;
  c.cfg.kernel_height = c.cfg.kernel_width = 3;
  c.cfg.pad_top = c.cfg.pad_bottom = c.cfg.pad_left = c.cfg.pad_right =
      VC_PAD_SAME;
  c.cfg.width = 70;
  c.cfg.height = 50;
  c.ps = 3;
  c.cfg.components = 3;
  plan = vc_plan_new (&c.cfg, NULL);
  ck_assert (vc_plan_in_place (plan) && vc_plan_carry_in_place (plan));
  buf_init (&b, &c, 70, 50, 0);
  /* Misuse: the same plane through vc_plan_execute (), no prepare, no
   * scratch, a prepare spent or made for other rows. */
  vc_assert_status (vc_plan_execute (plan, &b.plane, &b.plane, 0, 50, NULL,
          &err), VC_ERROR_PLANE);
  vc_assert_contains (err.message, "vc_plan_execute_in_place");
  scratch = scratch_new (plan);
  memset (scratch, 0, vc_plan_scratch_size (plan));
  vc_assert_status (vc_plan_execute_in_place (plan, &b.plane, 0, 50, scratch,
          &err), VC_ERROR_ARGUMENT);
  vc_assert_contains (err.message, "vc_plan_prepare_in_place");
  vc_assert_status (vc_plan_prepare_in_place (plan, &b.plane, 0, 50, NULL,
          &err), VC_ERROR_ARGUMENT);
  vc_assert_status (vc_plan_prepare_in_place (plan, &b.plane, 0, 25, scratch,
          &err), VC_OK);
  vc_assert_status (vc_plan_execute_in_place (plan, &b.plane, 0, 50, scratch,
          &err), VC_ERROR_ARGUMENT);
  vc_assert_status (vc_plan_execute_in_place (plan, &b.plane, 0, 25, scratch,
          &err), VC_OK);
  vc_assert_status (vc_plan_execute_in_place (plan, &b.plane, 0, 25, scratch,
          &err), VC_ERROR_ARGUMENT);
  free (scratch);
  vc_plan_free (plan);

  /* Not in place: a stride, another output size, a kernel reaching only
   * upwards (refused by the in-place calls on a plane of its size), the
   * reference. */
  c.cfg.stride_y = 2;
  plan = vc_plan_new (&c.cfg, NULL);
  ck_assert (!vc_plan_in_place (plan) && !vc_plan_carry_in_place (plan));
  vc_plan_free (plan);
  c.cfg.stride_y = 1;
  c.cfg.pad_top = 0;
  plan = vc_plan_new (&c.cfg, NULL);
  ck_assert (!vc_plan_in_place (plan));
  vc_plan_free (plan);
  c.cfg.pad_top = VC_PAD_SAME;
  c.cfg.kernel = top_only;
  plan = vc_plan_new (&c.cfg, NULL);
  ck_assert (!vc_plan_in_place (plan));
  scratch = scratch_new (plan);
  vc_assert_status (vc_plan_prepare_in_place (plan, &b.plane, 0, 50, scratch,
          &err), VC_ERROR_ARGUMENT);
  vc_assert_contains (err.message, "vc_plan_in_place");
  free (scratch);
  free (b.data);
  vc_plan_free (plan);
  c.cfg.kernel = gauss;
  setenv ("VIDEOCONVOLVE_SIMD", "reference", 1);
  plan = vc_plan_new (&c.cfg, NULL);
  ck_assert (!vc_plan_in_place (plan));
  vc_plan_free (plan);
  unsetenv ("VIDEOCONVOLVE_SIMD");

  /* The corners, each in bands of 1, 2 and the rest rows, forwards and
   * backwards. */
  c.cfg.kernel = no_bottom;
  c.cfg.kernel_height = 3;
  c.cfg.kernel_width = 5;
  for (int border = 0; border < 5; border++) {
    for (int dy = 1; dy <= 3; dy++) {
      c.cfg.border = (VcBorder) border;
      c.cfg.dilation_y = dy;
      c.cfg.height = 9;
      plan = vc_plan_new (&c.cfg, NULL);
      ck_assert (vc_plan_in_place (plan));
      buf_init (&b, &c, c.cfg.width, c.cfg.height, 0);
      cuts[0] = 0;
      cuts[1] = 1;
      cuts[2] = 3;
      cuts[3] = c.cfg.height;
      for (int dir = 0; dir < 2; dir++)
        check_in_place (plan, &c, &b, cuts, dir, "default");
      free (b.data);
      vc_plan_free (plan);
    }
  }

  /* Rows longer than a strip of the fused path (16384 lanes): RGBx 4500
   * pixels wide, 18000 lanes, into a new frame and in place. */
  c.cfg.kernel = gauss;
  c.cfg.kernel_height = c.cfg.kernel_width = 3;
  c.cfg.dilation_y = 1;
  c.cfg.border = VC_BORDER_REPLICATE;
  c.cfg.width = 4500;
  c.cfg.height = 5;
  c.ps = 4;
  run_case (&c, 0, "default", &skipped);
}
END_TEST

/* With $VIDEOCONVOLVE_SIMD=value, the plan's path name contains `want`. */
static void
forced_path (const VcConfig * cfg, const char *value, const char *want)
{
  VcPlan *plan;

  setenv ("VIDEOCONVOLVE_SIMD", value, 1);
  plan = vc_plan_new (cfg, NULL);
  ck_assert_msg (plan != NULL && strstr (vc_plan_path_name (plan), want),
      "VIDEOCONVOLVE_SIMD=%s: path %s, expected one with \"%s\"", value,
      plan ? vc_plan_path_name (plan) : "(no plan)", want);
  vc_plan_free (plan);
}

/* The default instruction set: the last of the core's list this CPU
 * runs, and on AArch64 neon (core/vc-simd-select.c says why). */
START_TEST (test_default_isa)
{
  int n;
  const VcSimdIsa *isas = vc_simd_isas (&n);
  const char *want = NULL, *path;
  VcConfig cfg;
  VcPlan *plan;
  double k2[64];

  for (int i = 0; i < n; i++)
    if (isas[i].cpu_runs ())
      want = isas[i].table->name;
  ck_assert_ptr_nonnull (want);
#if defined(__aarch64__)
  ck_assert_str_eq (want, "neon");
#endif
  unsetenv ("VIDEOCONVOLVE_SIMD");
  vc_config_init (&cfg);
  vc_preset_apply (vc_preset_lookup ("gaussian3"), &cfg, k2);
  cfg.width = cfg.height = 32;
  plan = vc_plan_new (&cfg, NULL);
  ck_assert_ptr_nonnull (plan);
  path = strchr (vc_plan_path_name (plan), '/');
  ck_assert_msg (path != NULL && strcmp (path + 1, want) == 0,
      "gaussian3: path %s, expected .../%s", vc_plan_path_name (plan), want);
  vc_plan_free (plan);
}
END_TEST

/* The class each kind of kernel must get (on the default instruction
 * set), so that a change that quietly sends presets to a slower class
 * fails here. */
static const struct
{
  const char *preset;
  VcSampleType type;
  const char *class_prefix;
  /* One separable pass: the fused path where the table has it (for
   * "-int", its taps_madd too). */
  bool fused;
} expect_classes[] = {
  /* 8-bit sums that fit 16 bits, with a power-of-two divisor */
  {"gaussian3", VC_SAMPLE_U8, "separable-int16/", true},
  {"gaussian5", VC_SAMPLE_U8, "separable-int16/", true},
  {"sobel", VC_SAMPLE_U8, "separable-int16/", false},
  {"laplacian", VC_SAMPLE_U8, "direct-int16/", false},
  {"emboss", VC_SAMPLE_U8, "direct-int16/", false},
  {"box5", VC_SAMPLE_U8, "separable-int16/", true},
  /* 16-bit samples or larger sums */
  {"gaussian5", VC_SAMPLE_U16, "separable-int/", false},
  {"gaussian7", VC_SAMPLE_U8, "separable-int/", true},
  {"scharr", VC_SAMPLE_U16, "separable-int/", false},
  {"sharpen", VC_SAMPLE_U16, "direct-int/", false},
  /* sums beyond 2^24: 64-bit float lanes */
  {"gaussian7", VC_SAMPLE_U16, "separable-int53/", false},
  /* sigma 2: the sampled 13x13 */
  {"gaussian", VC_SAMPLE_U8, "separable-int/", false},
  {"gaussian", VC_SAMPLE_U16, "separable-int53/", false},
};

/* preset=gaussian above sigma 2 (three boxes) takes the cascade path
 * while its sums fit 64-bit float lanes (below 2^53): 16-bit samples at
 * sigma 40 do not; on 8-bit samples its 8-bit variant. */
static const struct
{
  double sigma;
  VcSampleType type;
  const char *class_prefix;
} expect_sigma[] = {
  {2.01, VC_SAMPLE_U8, "box-cascade-u8/"},
  {8, VC_SAMPLE_U8, "box-cascade-u8/"},
  {20, VC_SAMPLE_U8, "box-cascade-u8/"},
  {20, VC_SAMPLE_U16, "box-cascade/"},
  {40, VC_SAMPLE_U8, "box-cascade-u8/"},
  {40, VC_SAMPLE_U16, "reference ("},
};

START_TEST (test_sigma_class)
{
  static double k[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];
  const char *path, *why;
  VcConfig cfg;
  VcPlan *plan;

  unsetenv ("VIDEOCONVOLVE_SIMD");
  vc_config_init (&cfg);
  cfg.kernel = k;
  cfg.kernel_height = cfg.kernel_width =
      vc_gaussian_kernel (expect_sigma[_i].sigma, k);
  cfg.sample_type = expect_sigma[_i].type;
  cfg.width = cfg.height = 32;
  cfg.pad_top = cfg.pad_bottom = cfg.pad_left = cfg.pad_right = VC_PAD_SAME;
  plan = vc_plan_new (&cfg, NULL);
  ck_assert_msg (plan != NULL, "sigma %g: no plan", expect_sigma[_i].sigma);
  path = vc_plan_path_name (plan);
  ck_assert_msg (vc_simd_select (&why) == NULL ||
      strncmp (path, expect_sigma[_i].class_prefix,
          strlen (expect_sigma[_i].class_prefix)) == 0,
      "sigma %g (%s): path %s, expected %s...", expect_sigma[_i].sigma,
      cfg.sample_type == VC_SAMPLE_U16 ? "u16" : "u8", path,
      expect_sigma[_i].class_prefix);
  vc_plan_free (plan);
}
END_TEST

START_TEST (test_class)
{
  const char *preset = expect_classes[_i].preset;
  const char *prefix = expect_classes[_i].class_prefix;
  const VcPreset *p = vc_preset_lookup (preset);
  const bool int16 = strstr (prefix, "-int16/") != NULL;
  char fused[48];
  double k2[64];
  const char *path, *why;
  const VcSimd *simd;
  VcConfig cfg;
  VcPlan *plan;

  unsetenv ("VIDEOCONVOLVE_SIMD");
  simd = vc_simd_select (&why);
  if (expect_classes[_i].fused && simd && simd->fused_vpass &&
      (int16 || simd->taps_madd)) {
    snprintf (fused, sizeof (fused), "%.*s-fused/",
        (int) strlen (prefix) - 1, prefix);
    prefix = fused;
  }
  vc_config_init (&cfg);
  vc_preset_apply (p, &cfg, k2);
  cfg.sample_type = expect_classes[_i].type;
  cfg.width = cfg.height = 32;
  plan = vc_plan_new (&cfg, NULL);
  ck_assert_msg (plan != NULL, "%s: no plan", preset);
  path = vc_plan_path_name (plan);
  ck_assert_msg (strncmp (path, prefix, strlen (prefix)) == 0,
      "%s (%s): path %s, expected %s...", preset,
      cfg.sample_type == VC_SAMPLE_U16 ? "u16" : "u8", path, prefix);
  vc_plan_free (plan);
}
END_TEST

/* Boxes: from side 11 on (either axis) the box path (on 8-bit samples
 * the 8-bit cascade where it takes them), below it the classes above;
 * the largest sums (255 x 255 of 16-bit all-max words, 65025 x 65535 <
 * 2^32), and 1 x N and N x 1 boxes, against the reference and, for
 * all-max input, the value itself. */
static void
check_box (int kh, int kw, VcSampleType type, int pattern, const char *want)
{
  static Case c;
  VcPlan *plan;
  VcError err;
  Buf src, out, ref;
  int ow, oh, max = type == VC_SAMPLE_U16 ? 65535 : 255;
  size_t ss = type == VC_SAMPLE_U16 ? 2 : 1, first = 0, count;

  memset (&c, 0, sizeof (c));
  vc_config_init (&c.cfg);
  for (int i = 0; i < kh * kw; i++)
    c.k[0][i] = 1;
  c.cfg.kernel = c.k[0];
  c.cfg.kernel_height = kh;
  c.cfg.kernel_width = kw;
  c.cfg.pad_top = c.cfg.pad_bottom = VC_PAD_SAME;
  c.cfg.pad_left = c.cfg.pad_right = VC_PAD_SAME;
  c.cfg.sample_type = type;
  c.cfg.width = 41;
  c.cfg.height = 13;
  c.ps = 1;
  c.cfg.components = 1;
  plan = vc_plan_new (&c.cfg, &err);
  ck_assert_msg (plan != NULL, "%dx%d box: no plan", kh, kw);
  ck_assert_msg (strncmp (vc_plan_path_name (plan), want, strlen (want)) ==
      0, "%dx%d box (%s): path %s, expected %s...", kh, kw, ss == 2 ? "u16" :
      "u8", vc_plan_path_name (plan), want);
  vc_plan_get_output_size (plan, &ow, &oh);
  buf_init (&src, &c, c.cfg.width, c.cfg.height, pattern);
  buf_init (&out, &c, ow, oh, 4);
  buf_init (&ref, &c, ow, oh, 4);
  vc_assert_status (vc_plan_execute_reference (plan, &src.plane, &ref.plane,
          0, oh, NULL, &err), VC_OK);
  vc_assert_status (vc_plan_execute (plan, &src.plane, &out.plane, 0, oh,
          NULL, &err), VC_OK);
  count = vc_fast_mismatches (out.data, ref.data, out.size, ss, false, 0,
      &first);
  ck_assert_msg (count == 0, "%dx%d box (%s, pattern %d): %zu samples "
      "differ from the reference, first at byte %zu", kh, kw,
      ss == 2 ? "u16" : "u8", pattern, count, first);
  for (int y = 0; pattern == 2 && y < oh; y++)
    for (int x = 0; x < ow; x++) {
      const uint8_t *row = out.data + y * out.plane.row_stride;
      int v = ss == 2 ? ((const uint16_t *) row)[x] : row[x];

      ck_assert_msg (v == max, "%dx%d box of all-max input: %d at (%d, %d), "
          "expected %d", kh, kw, v, x, y, max);
    }
  free (src.data);
  free (out.data);
  free (ref.data);
  vc_plan_free (plan);
}

START_TEST (test_box)
{
  static const int sides[] = { 11, 64, 255 };

  unsetenv ("VIDEOCONVOLVE_SIMD");
  check_box (255, 255, VC_SAMPLE_U16, 2, "box-running/");
  check_box (255, 255, VC_SAMPLE_U16, 0, "box-running/");
  check_box (255, 255, VC_SAMPLE_U8, 2, "box-cascade-u8/");
  for (size_t i = 0; i < sizeof (sides) / sizeof (sides[0]); i++) {
    check_box (1, sides[i], VC_SAMPLE_U16, 2, "box-running/");
    check_box (sides[i], 1, VC_SAMPLE_U16, 2, "box-running/");
    check_box (1, sides[i], VC_SAMPLE_U8, 0, "box-");
    check_box (sides[i], 1, VC_SAMPLE_U8, 3, "box-");
  }
  check_box (11, 3, VC_SAMPLE_U8, 0, "box-cascade-u8/");
  /* Below the threshold on both axes: the separable classes. */
  check_box (10, 10, VC_SAMPLE_U8, 0, "separable-");
  check_box (3, 3, VC_SAMPLE_U16, 0, "separable-int/");
}
END_TEST

/* c's w x w kernel on a (w + 20) x (w + 2) GRAY8 frame of random
 * samples whose first window is win (w x w), on the table forced now: the
 * path must be box-cascade-u8, every output sample the reference's, and
 * the first `expect`. what names the case in the messages. */
static void
check_first_window (Case * c, int w, const uint8_t * win, double divisor,
    int expect, const char *what)
{
  VcError err;
  VcPlan *plan;
  Buf src, out, ref;
  int ow, oh;
  size_t first = 0, count;

  vc_config_init (&c->cfg);
  c->cfg.kernel = c->k[0];
  c->cfg.kernel_height = c->cfg.kernel_width = w;
  c->cfg.divisor = divisor;
  c->cfg.width = w + 20;
  c->cfg.height = w + 2;
  c->ps = 1;
  c->off = 0;
  c->cfg.components = 1;
  plan = vc_plan_new (&c->cfg, &err);
  ck_assert_msg (plan != NULL, "%s: no plan", what);
  if (strstr (vc_plan_path_name (plan), "cannot run")) {
    vc_plan_free (plan);
    return;
  }
  ck_assert_msg (strncmp (vc_plan_path_name (plan), "box-cascade-u8/",
          15) == 0, "%s: path %s", what, vc_plan_path_name (plan));
  vc_plan_get_output_size (plan, &ow, &oh);
  buf_init (&src, c, c->cfg.width, c->cfg.height, 0);
  buf_init (&out, c, ow, oh, 4);
  buf_init (&ref, c, ow, oh, 4);
  for (int y = 0; y < w; y++)
    memcpy (src.data + y * src.plane.row_stride, win + y * w, (size_t) w);
  vc_assert_status (vc_plan_execute_reference (plan, &src.plane,
          &ref.plane, 0, oh, NULL, &err), VC_OK);
  vc_assert_status (vc_plan_execute (plan, &src.plane, &out.plane, 0, oh,
          NULL, &err), VC_OK);
  count = vc_fast_mismatches (out.data, ref.data, out.size, 1, false, 0,
      &first);
  ck_assert_msg (count == 0 && out.data[0] == expect, "%s: %d (expected %d,"
      " reference %d, %zu samples differ, first at byte %zu)", what,
      out.data[0], expect, ref.data[0], count, first);
  free (src.data);
  free (out.data);
  free (ref.data);
  vc_plan_free (plan);
}

/* The 8-bit cascade's finish where X + floor (d / 2) is a multiple m d
 * (a w x w box, d = w^2, the first window's sum set so): the exact
 * quotient rounds up to m, while m d times a rounded 1 / d falls below m
 * for these w and m (found by search), which the finish's added half
 * guards against. Float lanes (11 x 11) and 64-bit ones (138 x 138), on
 * every instruction set this CPU runs. And one less (`below`: the
 * quotient stays at m - 1) where float lanes would round X + floor (d /
 * 2) + 0.5 up to m d (above 2^23 they hold no halves): 165 x 165, the
 * one box across by rows in double lanes. */
START_TEST (test_cascade8_multiples)
{
  static const int cases[][3] = { {11, 1, 0}, {138, 1, 0}, {138, 16, 0},
    {165, 221, 1}
  };
  static Case c;
  static uint8_t win[BOX_SIDE_MAX * BOX_SIDE_MAX];
  int n_isas;
  const VcSimdIsa *isas = vc_simd_isas (&n_isas);

  for (int i = 0; i < n_isas; i++) {
    setenv ("VIDEOCONVOLVE_SIMD", isas[i].table->name, 1);
    for (size_t t = 0; t < sizeof (cases) / sizeof (cases[0]); t++) {
      const int w = cases[t][0], m = cases[t][1], below = cases[t][2];
      const int d = w * w;
      char what[96];

      for (int k = 0; k < d; k++) {
        c.k[0][k] = 1;
        /* (m - 1) d + ceil (d / 2): ceil (d / 2) samples of m. */
        win[k] = (uint8_t) (k < (d + 1) / 2 ? m : m - 1);
      }
      win[0] = (uint8_t) (win[0] - below);
      snprintf (what, sizeof (what), "%dx%d box on %s, window sum %d d - %d",
          w, w, isas[i].table->name, m, d / 2 + below);
      check_first_window (&c, w, win, 0, m - below, what);
    }
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* Window positions of the kernel k (n of them) by coefficient, largest
 * first. */
static const double *sort_k;

static int
by_coefficient (const void *a, const void *b)
{
  double x = sort_k[*(const int *) a], y = sort_k[*(const int *) b];

  return x < y ? 1 : x > y ? -1 : 0;
}

/* The same for the transposed sweep's finish (64-bit sums): sigma 20's
 * kernel (three boxes each way, D = its sum, about 2^32), the first
 * window's sum S set with the largest coefficients first: D (m - 1) on
 * the whole window (`base`), then added samples until the rest is made.
 * With k 1 (the kernel as it is, d = D), X + floor (d / 2) at m d (the
 * quotient rounds up to m) and at m d - 1 (it stays at m - 1). With k 2
 * (the kernel doubled, divisor 4 D: X / d = S / (2 D)), S at (2 m - 1) D,
 * X / d a half integer (it rounds up to m), and one less (m - 1). */
START_TEST (test_cascade8_sweep_multiples)
{
  /* m with k 1, then with k 2 (at most 127: X / d is below 127.5). */
  static const int ms[2][2] = { {1, 200}, {1, 100} };
  static Case c;
  static int order[BOX_SIDE_MAX * BOX_SIDE_MAX];
  static uint8_t win[BOX_SIDE_MAX * BOX_SIDE_MAX];
  int n_isas;
  const VcSimdIsa *isas = vc_simd_isas (&n_isas);
  double row[VC_KERNEL_MAX_SIDE];
  const int w = vc_gaussian_row (20, row);
  const size_t n = (size_t) w * (size_t) w;
  int64_t d = 0;

  if (w <= 0 || w > BOX_SIDE_MAX)
    ck_abort_msg ("sigma 20: side %d", w);
  for (int i = 0; i < w; i++)
    for (int j = 0; j < w; j++) {
      c.k[0][i * w + j] = row[i] * row[j];
      d += (int64_t) (row[i] * row[j]);
      order[i * w + j] = i * w + j;
    }
  sort_k = c.k[0];
  qsort (order, n, sizeof (int), by_coefficient);
  for (size_t t = 0; t < 8; t++) {
    const int below = (int) (t % 2), k2 = (int) (t / 2 % 2);
    const int m = ms[k2][t / 4], base = k2 ? 2 * m - 2 : m - 1;
    /* S - base D. */
    int64_t rest = (k2 ? d : d - d / 2) - below;

    for (int i = 0; i < w * w; i++)
      c.k[0][i] = row[i / w] * row[i % w] * (k2 ? 2 : 1);
    memset (win, base, n);
    for (int q = 0; q < w * w && rest > 0; q++) {
      int64_t k = (int64_t) row[order[q] / w] * (int64_t) row[order[q] % w];
      int64_t add = rest / k;

      add = add < 255 - win[order[q]] ? add : 255 - win[order[q]];
      win[order[q]] = (uint8_t) (win[order[q]] + add);
      rest -= add * k;
    }
    ck_assert_msg (rest == 0, "sigma 20: window sum not made (%lld left)",
        (long long) rest);
    for (int i = 0; i < n_isas; i++) {
      char what[96];

      setenv ("VIDEOCONVOLVE_SIMD", isas[i].table->name, 1);
      snprintf (what, sizeof (what), "sigma 20 %son %s, m %d%s",
          k2 ? "doubled, divisor 4 D, " : "", isas[i].table->name, m,
          below ? ", one less" : "");
      check_first_window (&c, w, win, k2 ? 4.0 * (double) d : 0, m - below,
          what);
    }
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* Real coefficients, and the path $VIDEOCONVOLVE_SIMD forces. */
START_TEST (test_class_reals)
{
  static const double reals[] = { 0.1, 0.2, 0.3, 0.4 };
  VcConfig cfg;
  VcPlan *plan;

  unsetenv ("VIDEOCONVOLVE_SIMD");
  vc_config_init (&cfg);
  cfg.kernel = reals;
  cfg.kernel_height = cfg.kernel_width = 2;
  cfg.width = cfg.height = 32;
  plan = vc_plan_new (&cfg, NULL);
  ck_assert_msg (plan != NULL && strncmp (vc_plan_path_name (plan),
          "direct-float/", 13) == 0, "real coefficients: path %s, "
      "expected direct-float/...", plan ? vc_plan_path_name (plan) : "none");
  vc_plan_free (plan);

  forced_path (&cfg, "reference", "reference (");
  forced_path (&cfg, "nonsense", "no known path");
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* Dense 5x5 at stride 2 on 8-bit RGB (direct-int16; on AVX2 its padded
 * rows split 32 pixels a turn, then a last turn moved back and plain C
 * for the last even pixel) on instruction set _i, at widths around one,
 * two and three turns and 1080p's, with padded rows starting at either
 * parity, against the reference: the random cases seldom draw it. */
START_TEST (test_stride2_rgb)
{
  static const double k[25] = { 3, 6, -8, -5, -2, 1, 4, 7, -7, -4, -1, 2, 25,
    8, -6, -3, 0, 3, 6, -8, -5, -2, 1, 4, 7
  };
  static const int widths[] = { 31, 32, 33, 34, 35, 36, 64, 65, 66, 67, 97,
    98, 99, 1920, 1921
  };
  static const int lefts[] = { VC_PAD_SAME, 0, 1, 3 };
  int n_isas, skipped = 0;
  const char *simd = vc_simd_isas (&n_isas)[_i].table->name;
  static Case c;

  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + _i);
  for (size_t w = 0; w < sizeof (widths) / sizeof (widths[0]); w++)
    for (size_t l = 0; l < sizeof (lefts) / sizeof (lefts[0]); l++) {
      memset (&c, 0, sizeof (c));
      vc_config_init (&c.cfg);
      memcpy (c.k[0], k, sizeof (k));
      c.kind = "dense 5x5";
      c.cfg.kernel = c.k[0];
      c.cfg.kernel_height = c.cfg.kernel_width = 5;
      c.cfg.components = 3;
      c.ps = 3;
      c.cfg.stride_x = c.cfg.stride_y = 2;
      c.cfg.width = widths[w];
      c.cfg.height = 7 + (int) l;
      c.cfg.pad_left = lefts[l];
      c.cfg.pad_right = lefts[l] == VC_PAD_SAME ? VC_PAD_SAME : 2;
      c.cfg.pad_top = c.cfg.pad_bottom = VC_PAD_SAME;
      c.cfg.border = l % 2 ? VC_BORDER_REFLECT : VC_BORDER_REPLICATE;
      run_case_on (&c, "direct-int16/", (int) (w * 4 + l), simd, &skipped);
    }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* Dense kernels whose sums fit 16-bit lanes, on instruction set _i,
 * against the reference: where a quad of taps is one instruction (the
 * -vnni tables) a 7x7 (49 taps in 14 quads), dilated too, and a 3x15 (45
 * in 12) take the quads ("direct-int"); a 5x5 (25 in 10) and a 15x3 (45
 * in 15, on more rows) keep the 16-bit lanes, as every kernel does on
 * the other tables. */
START_TEST (test_quads_or_i16)
{
  static const struct
  {
    int h, w, dilation;
    bool quads;
  } kernels[] = {
    {7, 7, 1, true}, {7, 7, 2, true}, {3, 15, 1, true}, {5, 5, 1, false},
    {15, 3, 1, false},
  };
  int n_isas, skipped = 0;
  const char *simd = vc_simd_isas (&n_isas)[_i].table->name;
  const bool vnni = strstr (simd, "-vnni") != NULL;
  static Case c;

  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  for (int n = 0; n < (int) (sizeof (kernels) / sizeof (kernels[0])); n++) {
    const int h = kernels[n].h, w = kernels[n].w;

    memset (&c, 0, sizeof (c));
    vc_config_init (&c.cfg);
    /* No zero tap: each kernel row groups in full quads. */
    for (int i = 0; i < h * w; i++)
      c.k[0][i] = ((i * 5 + n) % 8 + 1) * (i % 2 ? -1 : 1);
    c.kind = "dense, 16-bit sums";
    c.cfg.kernel = c.k[0];
    c.cfg.kernel_height = h;
    c.cfg.kernel_width = w;
    c.cfg.dilation_x = c.cfg.dilation_y = kernels[n].dilation;
    c.cfg.components = 3;
    c.ps = 3;
    c.cfg.width = 67 + n;
    c.cfg.height = 11;
    c.cfg.pad_top = c.cfg.pad_bottom = VC_PAD_SAME;
    c.cfg.pad_left = c.cfg.pad_right = VC_PAD_SAME;
    run_case_on (&c, vnni && kernels[n].quads ? "direct-int/" :
        "direct-int16/", n, simd, &skipped);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* Separable kernels of 3 and 5 taps on 8-bit planes, in place, on
 * instruction set _i, in three bands: where the table has the fused path,
 * input rows overwritten by the band's own output rows are read again
 * from its ring, and an upward padding as large as the span and dilation
 * reach the farthest of them. The random cases seldom draw the fused
 * path in place. */
START_TEST (test_fused_in_place)
{
  static const double k3[9] = { 1, 2, 1, 2, 4, 2, 1, 2, 1 };
  static const double k5[25] = { 1, 4, 6, 4, 1, 2, 8, 12, 8, 2, 3, 12, 18,
    12, 3, 2, 8, 12, 8, 2, 1, 4, 6, 4, 1
  };
  /* pixel stride, components */
  static const int layouts[][2] = { {1, 1}, {3, 3}, {4, 3} };
  int n_isas, skipped = 0, before;
  const VcSimdIsa *isa = &vc_simd_isas (&n_isas)[_i];
  const char *simd = isa->table->name;
  static Case c;

  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + _i);
  before = in_place_cases;
  for (int n = 0; n < 24; n++) {
    int side = n % 2 ? 5 : 3, dil = 1 + n / 2 % 2, span = (side - 1) * dil;

    memset (&c, 0, sizeof (c));
    vc_config_init (&c.cfg);
    memcpy (c.k[0], side == 5 ? k5 : k3, sizeof (double) * side * side);
    c.kind = "separable, in place";
    c.cfg.kernel = c.k[0];
    c.cfg.kernel_height = c.cfg.kernel_width = side;
    c.ps = layouts[n / 4 % 3][0];
    c.cfg.components = layouts[n / 4 % 3][1];
    c.cfg.dilation_y = dil;
    /* Some rows of 4096 lanes or more (RGB, RGBx): the column pass's
     * loop that prefetches. */
    c.cfg.width = n % 8 == 0 ? 1400 : 67;
    c.cfg.height = 23;
    /* Centred, or all the padding above (the size stays). */
    c.cfg.pad_left = c.cfg.pad_right = VC_PAD_SAME;
    c.cfg.pad_top = n / 12 ? span : VC_PAD_SAME;
    c.cfg.pad_bottom = n / 12 ? 0 : VC_PAD_SAME;
    c.cfg.border = n % 3 ? VC_BORDER_REFLECT : VC_BORDER_CONSTANT;
    c.cfg.border_value = 90;
    run_case_on (&c, isa->table->fused_vpass ? "separable-int16-fused/" :
        NULL, n, simd, &skipped);
  }
  ck_assert_msg (in_place_cases - before == 24 - skipped, "%s: %d of 24 "
      "cases ran in place (%d skipped)", simd, in_place_cases - before,
      skipped);
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* The fused path's finish at the ends of the 16-bit windows: separable
 * kernels whose sums reach 255 x 256 (past the signed lanes: the shift),
 * 255 x 128 (within them: the rounding multiply) and that with a bias
 * (the shift again), on frames of the largest sample, a checkerboard and
 * random samples, planar and RGB, with a row long enough to prefetch. */
START_TEST (test_fused_finish_edges)
{
  static const double rows[][3] = { {1, 14, 1}, {1, 6, 1}, {1, 6, 1} };
  static const double biases[] = { 0, 0, 0.5 };
  int n_isas, skipped = 0;
  const VcSimdIsa *isa = &vc_simd_isas (&n_isas)[_i];
  const char *simd = isa->table->name;
  static Case c;

  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + 600 + _i);
  for (int n = 0; n < 36; n++) {
    const double *r = rows[n % 3], *col = rows[0];

    memset (&c, 0, sizeof (c));
    vc_config_init (&c.cfg);
    for (int y = 0; y < 3; y++)
      for (int x = 0; x < 3; x++)
        c.k[0][y * 3 + x] = col[y] * r[x];
    c.kind = "separable, 16-bit sums at the window's ends";
    c.cfg.kernel = c.k[0];
    c.cfg.kernel_height = c.cfg.kernel_width = 3;
    c.cfg.bias = biases[n % 3];
    c.pattern = (int[]) { 2, 3, 0 }[n / 3 % 3];
    c.ps = c.cfg.components = n / 9 % 2 ? 3 : 1;
    c.cfg.width = n / 18 ? 1400 : 67;
    c.cfg.height = 9;
    c.cfg.pad_top = c.cfg.pad_bottom = VC_PAD_SAME;
    c.cfg.pad_left = c.cfg.pad_right = VC_PAD_SAME;
    c.cfg.border = VC_BORDER_REPLICATE;
    run_case_on (&c, isa->table->fused_vpass ? "separable-int16-fused/" :
        NULL, n, simd, &skipped);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* The fused path of the "-int" plans (vc-fast-fused.c): separable 8-bit
 * kernels whose sums leave 16 bits, column coefficients summing to 64 at
 * most, on instruction set _i: each finish of its row pass (the integer
 * shift, the float operations of a divisor that is not a power of two,
 * the 32-bit division past 2^22), |.| and a bias, symmetric and
 * asymmetric rows, an even count of taps, planar, RGB and RGBx, long
 * rows, dilation on both axes and vertical stride, all-max frames (column sums of
 * 16320), in three bands and in place (run_case ()). A column summing to
 * 65 stays on the row-ring path. The rows' coefficients have no common
 * factor: the factoring (vc_fast_factor_kernel ()) puts one in the
 * column. */
START_TEST (test_fused_int)
{
  static const struct
  {
    double col[7], row[7];
    int kh, kw;
    double divisor, bias;
    bool absolute, fused;
  } kernels[] = {
    /* gaussian7: the shift */
    {{1, 6, 15, 20, 15, 6, 1}, {1, 6, 15, 20, 15, 6, 1}, 7, 7, 0, 0,
        false, true},
    /* the float operations (D not a power of two, sums below 2^22) */
    {{1, 6, 15, 20, 15, 6, 1}, {1, 6, 15, 20, 15, 6, 1}, 7, 7, 4000, 0,
        false, true},
    /* a signed edge map: |.|, a bias, an asymmetric row */
    {{1, 6, 15, 20, 15, 6, 1}, {-3, -20, -50, 0, 50, 21, 3}, 7, 7, 64,
        128, true, true},
    /* and without |.|: sums below 0, floored */
    {{1, 6, 15, 20, 15, 6, 1}, {-3, -20, -50, 0, 50, 21, 3}, 7, 7, 64,
        128, false, true},
    /* sums past 2^22: the 32-bit division, and a shift by 15 */
    {{1, 6, 15, 20, 15, 6, 1}, {11, 50, 100, 150, 100, 50, 11}, 7, 7,
        30000, 0, false, true},
    {{1, 6, 15, 20, 15, 6, 1}, {11, 50, 100, 150, 100, 50, 11}, 7, 7,
        32768, 3, false, true},
    /* six taps each way, the columns at 64 */
    {{2, 10, 20, 20, 10, 2}, {1, 5, 10, 10, 5, 1}, 6, 6, 0, 0, false, true},
    /* a column of 65: the row-ring path */
    {{1, 6, 15, 21, 15, 6, 1}, {1, 6, 15, 20, 15, 6, 1}, 7, 7, 0, 0,
        false, false},
  };
  /* pixel stride, components */
  static const int layouts[][2] = { {1, 1}, {3, 3}, {4, 3} };
  const int n_kernels = (int) (sizeof (kernels) / sizeof (kernels[0]));
  int n_isas, skipped = 0;
  const VcSimdIsa *isa = &vc_simd_isas (&n_isas)[_i];
  const char *simd = isa->table->name;
  const bool has = isa->table->fused_vpass && isa->table->taps_madd;
  static Case c;

  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + 700 + _i);
  for (int n = 0; n < 6 * n_kernels; n++) {
    int k = n % n_kernels, v = n / n_kernels;

    memset (&c, 0, sizeof (c));
    vc_config_init (&c.cfg);
    for (int y = 0; y < kernels[k].kh; y++)
      for (int x = 0; x < kernels[k].kw; x++)
        c.k[0][y * kernels[k].kw + x] = kernels[k].col[y] *
            kernels[k].row[x];
    c.kind = "separable, the fused path's 32-bit sums";
    c.cfg.kernel = c.k[0];
    c.cfg.kernel_height = kernels[k].kh;
    c.cfg.kernel_width = kernels[k].kw;
    c.cfg.divisor = kernels[k].divisor;
    c.cfg.bias = kernels[k].bias;
    c.cfg.absolute = kernels[k].absolute;
    c.ps = layouts[v % 3][0];
    c.cfg.components = layouts[v % 3][1];
    c.pattern = v % 2 ? 2 : 0;
    c.cfg.width = v / 3 ? 1400 : 67;
    c.cfg.height = 19;
    c.cfg.dilation_y = n % 4 == 3 ? 2 : 1;
    c.cfg.dilation_x = n % 7 == 5 ? 3 : 1;
    c.cfg.stride_y = n % 5 == 4 ? 2 : 1;
    c.cfg.pad_top = c.cfg.pad_bottom = VC_PAD_SAME;
    c.cfg.pad_left = c.cfg.pad_right = VC_PAD_SAME;
    c.cfg.border = n % 3 ? VC_BORDER_REFLECT : VC_BORDER_CONSTANT;
    c.cfg.border_value = 200;
    run_case_on (&c, !has ? NULL : kernels[k].fused ?
        "separable-int-fused/" : "separable-int/", n, simd, &skipped);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}
END_TEST

/* per_simd random cases on instruction set _i. */
START_TEST (test_isa)
{
  int n_isas, skipped = 0;
  const VcSimdIsa *isas = vc_simd_isas (&n_isas);
  const char *simd = isas[_i].table->name;

  in_place_cases = 0;
  box_cases = 0;
  cascade_cases = 0;
  cascade8_cases = 0;
  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + _i);
  for (int i = 0; i < per_simd; i++) {
    static Case c;              /* large: kernels up to 255 x 255 */

    make_case (&c, N_KINDS);
    run_case (&c, i, simd, &skipped);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
  if (skipped)
    printf ("# %s: %d of %d cases skipped: this CPU cannot run it\n",
        simd, skipped, per_simd);
  printf ("# %s: %d cases also in place\n", simd, in_place_cases);
  printf ("# %s: %d cases on box-running\n", simd, box_cases);
  printf ("# %s: %d cases on box-cascade\n", simd, cascade_cases);
  printf ("# %s: %d cases on box-cascade-u8\n", simd, cascade8_cases);
  /* A fifth of the cases have stride 1 and "same" padding. On a CPU
   * that cannot run this table, the few cases left are plans that no fast
   * path takes (the reference runs them), which never run in place. */
  if (skipped == 0)
    ck_assert_msg (in_place_cases >= per_simd / 10, "%s: %d of %d cases "
        "ran in place, expected at least %d", simd, in_place_cases,
        per_simd, per_simd / 10);
  /* Half the cases are boxes, most of them on the box path. */
  if (skipped == 0)
    ck_assert_msg (box_cases >= per_simd / 5, "%s: %d of %d cases ran "
        "box-running, expected at least %d", simd, box_cases, per_simd,
        per_simd / 5);
  /* One case in nine is a cascade; about 40 % of them take the cascade
   * path (not those with both sides below 11, a non-integer center or
   * sums beyond 2^53): 22 in 500, but 11 in one draw of 500. */
  if (skipped == 0)
    ck_assert_msg (cascade_cases >= per_simd / 50, "%s: %d of %d cases "
        "ran box-cascade, expected at least %d", simd, cascade_cases,
        per_simd, per_simd / 50);
}
END_TEST

/* One 8-bit cascade case on every instruction set this CPU runs, against
 * the reference: a single-component plane w x h with "same" padding, its
 * kernel set up by kernel (), rng seeded from seed. */
static void
cascade8_each_isa (void (*kernel) (Case *), const char *kind, int w, int h,
    uint64_t seed)
{
  static Case c;
  int n_isas, skipped = 0;
  const VcSimdIsa *isas = vc_simd_isas (&n_isas);

  for (int i = 0; i < n_isas; i++) {
    setenv ("VIDEOCONVOLVE_SIMD", isas[i].table->name, 1);
    memset (&c, 0, sizeof (c));
    vc_config_init (&c.cfg);
    kernel (&c);
    c.cfg.kernel = c.k[0];
    c.cfg.width = w;
    c.cfg.height = h;
    c.cfg.pad_top = c.cfg.pad_bottom = VC_PAD_SAME;
    c.cfg.pad_left = c.cfg.pad_right = VC_PAD_SAME;
    c.ps = 1;
    c.cfg.components = 1;
    c.kind = kind;
    vc_rng_seed (&rng, seed + (uint64_t) i);
    run_case_on (&c, "box-cascade-u8/", i, isas[i].table->name, &skipped);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
}

static void
sigma40_kernel (Case * c)
{
  int side = vc_gaussian_kernel (VC_GAUSSIAN_SIGMA_MAX, c->k[0]);

  c->cfg.kernel_height = c->cfg.kernel_width = side;
}

/* The 8-bit cascade on its widest Gaussian (sigma 40): the first box
 * across then sums beyond 32 bits (its 64-bit sweeps, each adding the
 * finish's 2^52 to the last box's sums). */
START_TEST (test_cascade8_wide)
{
  cascade8_each_isa (sigma40_kernel, "sigma 40", 70, 5, SEED + 200);
}
END_TEST

static void
clamp_kernel (Case * c)
{
  for (int k = 0; k < 31 * 31; k++)
    c->k[0][k] = 1000001;
  c->cfg.kernel_height = c->cfg.kernel_width = 31;
  c->cfg.divisor = 1;
}

/* The 8-bit cascade's finish where quotients may pass 2^30 (a 31 x 31
 * box of 1000001, divisor 1: nearly every sample saturates), which clamps
 * them to 255 before they become 32-bit integers. */
START_TEST (test_cascade8_clamp)
{
  cascade8_each_isa (clamp_kernel, "box of 1000001", 45, 9, SEED + 300);
}
END_TEST

/* Width of row_edge_kernel ()'s two boxes across. */
static int row_edge_w;

static void
row_edge_kernel (Case * c)
{
  const int w = row_edge_w, kw = 2 * w - 1;

  /* Column: a box of 11; row: two boxes of w convolved (1, 2, .., w, ..,
   * 2, 1). */
  for (int i = 0; i < 11; i++)
    for (int x = 0; x < kw; x++)
      c->k[0][i * kw + x] = x < w ? x + 1 : kw - x;
  c->cfg.kernel_height = 11;
  c->cfg.kernel_width = kw;
}

/* The 8-bit cascade's row box at the lanes where a vector's loads first
 * reach no lane before 0 (x - w - 1 = 0; x - w - 1 = -1 must still be
 * masked): two boxes of w across (the first from lane 0, so x = w where
 * w is a multiple of the vector's lanes), sums below 2^22 (by rows on
 * avx2 and avx512), padded rows a multiple of 32 lanes (no zero lanes
 * between rows of column sums) and not. */
START_TEST (test_cascade8_row_edges)
{
  static const int ws[] = { 7, 8, 9, 15, 16, 17, 32, 33 };

  for (size_t i = 0; i < sizeof (ws) / sizeof (ws[0]); i++) {
    /* need_w = width + 2 w - 2. */
    const int even = 128 - (2 * ws[i] - 2);

    row_edge_w = ws[i];
    cascade8_each_isa (row_edge_kernel, "two boxes across", even, 13,
        SEED + 400 + i);
    cascade8_each_isa (row_edge_kernel, "two boxes across", even + 5, 13,
        SEED + 500 + i);
  }
}
END_TEST

/* Sides of box_edge_kernel ()'s box. */
static int box_edge_w, box_edge_h;

static void
box_edge_kernel (Case * c)
{
  for (int k = 0; k < box_edge_w * box_edge_h; k++)
    c->k[0][k] = 1;
  c->cfg.kernel_height = box_edge_h;
  c->cfg.kernel_width = box_edge_w;
}

/* The 8-bit cascade across first (one box each way, by rows on avx2 and
 * avx512): the row box on 16-bit lanes from lane w - 1 of padded rows
 * whose lanes end at a multiple of 32 and do not, boxes as wide as a
 * vector's lanes and either side of them, the widest (its sums near
 * 2^16), and a box whose sums pass 2^22 (the finish in double lanes). */
START_TEST (test_cascade8_box_edges)
{
  static const int ws[] = { 11, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255 };

  for (size_t i = 0; i < sizeof (ws) / sizeof (ws[0]); i++) {
    /* need_w = width + w - 1. */
    const int even = 288 - (ws[i] - 1);

    box_edge_w = ws[i];
    box_edge_h = 11;
    cascade8_each_isa (box_edge_kernel, "box", even, 13, SEED + 600 + i);
    cascade8_each_isa (box_edge_kernel, "box", even + 5, 13, SEED + 700 + i);
  }
  box_edge_w = 255;
  box_edge_h = 65;
  cascade8_each_isa (box_edge_kernel, "box above 2^22", 70, 67, SEED + 800);
}
END_TEST

/* The 8-bit cascade (box-cascade-u8): boxes and cascades narrowed to
 * what it takes (8-bit samples, 1 to 4 components of a pixel of 1 to 4,
 * stride and dilation 1, no bias, a center in a third of them), per_simd
 * / 4 cases on instruction set _i; about two in five take it (not
 * those with both sides below 11, sums beyond its lanes, or a center with
 * a divisor other than the kernel's sum). */
START_TEST (test_isa_cascade8)
{
  /* Pixel stride, offset, components. */
  static const int layouts[][3] = {
    {1, 0, 1}, {2, 1, 1}, {3, 0, 1}, {3, 2, 1}, {4, 2, 1},
    {2, 0, 2}, {3, 0, 3}, {4, 0, 3}, {4, 1, 3}, {4, 0, 4}
  };
  int n_isas, skipped = 0, n = per_simd / 4;
  const VcSimdIsa *isas = vc_simd_isas (&n_isas);
  const char *simd = isas[_i].table->name;

  cascade8_cases = cascade8_center_cases = cascade8_group_cases = 0;
  setenv ("VIDEOCONVOLVE_SIMD", simd, 1);
  vc_rng_seed (&rng, SEED + 100 + _i);
  for (int i = 0; i < n; i++) {
    static Case c;
    const int *l = layouts[vc_rng (&rng) % 10];

    make_case (&c, vc_rng (&rng) % 2 ? K_BOX : K_CASCADE);
    c.cfg.sample_type = VC_SAMPLE_U8;
    c.cfg.sample_bits = c.cfg.sample_shift = 0;
    c.cfg.bias = 0;
    /* Chroma's center, which cancels where the divisor is the kernel's
     * sum (divisor 0, two centers in three); the path leaves the other
     * divisors to others. */
    c.cfg.center = vc_rng (&rng) % 3 == 0 ? 128 : 0;
    if (c.cfg.center != 0 && vc_rng (&rng) % 3 != 0)
      c.cfg.divisor = 0;
    c.cfg.stride_x = c.cfg.stride_y = 1;
    c.cfg.dilation_x = c.cfg.dilation_y = 1;
    c.cfg.components = l[2];
    c.ps = l[0];
    c.off = l[1];
    run_case (&c, i, simd, &skipped);
  }
  unsetenv ("VIDEOCONVOLVE_SIMD");
  printf ("# %s: %d of %d narrowed cases on box-cascade-u8 (%d with a "
      "center, %d of several components)\n", simd, cascade8_cases, n,
      cascade8_center_cases, cascade8_group_cases);
  /* Floors well below the shares seen from 75 to 500 cases (35 to 42 %
   * of the cases on the path, 4 to 12 % with a center, 13 to 25 % of
   * several components), so that the short runs (75 cases under
   * valgrind) hold with room; a path that refuses the center or several
   * components fails them. */
  if (skipped == 0) {
    ck_assert_msg (cascade8_cases >= n / 5, "%s: %d of %d cases ran "
        "box-cascade-u8, expected at least %d", simd, cascade8_cases, n,
        n / 5);
    ck_assert_msg (cascade8_center_cases >= n / 40, "%s: %d of %d cases "
        "ran box-cascade-u8 with a center, expected at least %d", simd,
        cascade8_center_cases, n, n / 40);
    ck_assert_msg (cascade8_group_cases >= n / 12, "%s: %d of %d cases "
        "ran box-cascade-u8 on several components, expected at least %d",
        simd, cascade8_group_cases, n, n / 12);
  }
}
END_TEST

int
main (int argc, char **argv)
{
  Suite *s = suite_create ("core-paths");
  TCase *tc;
  int n_isas;

  vc_simd_isas (&n_isas);
  if (argc > 1)
    per_simd = atoi (argv[1]);
  tc = vc_fixture_tcase (s, "classes");
  tcase_add_loop_test (tc, test_class, 0,
      sizeof (expect_classes) / sizeof (expect_classes[0]));
  tcase_add_test (tc, test_class_reals);
  tcase_add_test (tc, test_box);
  tcase_add_test (tc, test_cascade8_multiples);
  tcase_add_test (tc, test_cascade8_sweep_multiples);
  tcase_add_test (tc, test_cascade8_wide);
  tcase_add_test (tc, test_cascade8_clamp);
  tcase_add_test (tc, test_cascade8_row_edges);
  tcase_add_test (tc, test_cascade8_box_edges);
  tcase_add_loop_test (tc, test_sigma_class, 0,
      sizeof (expect_sigma) / sizeof (expect_sigma[0]));
  tcase_add_test (tc, test_default_isa);
  tcase_add_test (vc_fixture_tcase (s, "in place"), test_in_place);
  tc = vc_fixture_tcase (s, "isas");
  tcase_add_loop_test (tc, test_isa, 0, n_isas);
  tcase_add_loop_test (tc, test_stride2_rgb, 0, n_isas);
  tcase_add_loop_test (tc, test_quads_or_i16, 0, n_isas);
  tcase_add_loop_test (tc, test_isa_cascade8, 0, n_isas);
  tcase_add_loop_test (tc, test_fused_in_place, 0, n_isas);
  tcase_add_loop_test (tc, test_fused_finish_edges, 0, n_isas);
  tcase_add_loop_test (tc, test_fused_int, 0, n_isas);
  return vc_fixture_run (s);
}
