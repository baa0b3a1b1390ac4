/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths: chosen once per plan, exact where the reference is.
 *
 * Kernel classes (vc_fast_plan () decides, vc_plan_path_name () says):
 *
 *   separable-int  every kernel is exactly column x row with integer
 *                  factors (box, Gaussian, the Sobel/Prewitt/Scharr parts,
 *                  user kernels that factor): a row pass into a ring of
 *                  intermediate rows, then a column pass.
 *   direct-int     any other kernel whose coefficients are integers times
 *                  one power of two (0.25, 0.0625, ...): all its non-zero
 *                  taps in one sweep.
 *   direct-float   any other kernel, within 1 of the reference.
 *   reference      what none of the above can do exactly enough.
 *
 * Exactness. The "-int" classes scale the kernel by 2^e so that every
 * coefficient is an integer K', and are taken only when
 * input_max * sum |K'| < 2^24: every product and partial sum is then an
 * integer below 2^24, which float represents exactly, so the accumulator A
 * is the exact integer the reference's double accumulator holds (times
 * 2^e), in any summation order, on any instruction set.
 *
 * The finish turns A into a sample. Where the divisor times 2^e is an
 * integer D and the bias times D an integer BD (all presets), it is done
 * in integers: with X = A (or |A| if absolute) + BD,
 *   out = clamp (round_half_away (X / D)) = clamp (floor ((X + D/2) / D))
 * which is the reference's result: its double quotient is never close
 * enough to a half integer to round the other way. Otherwise the finish
 * repeats the reference's own double operations on A * 2^-e, which is
 * exact too. Gradient magnitude (two kernels) always takes that finish.
 *
 * 16-bit lanes. With 8-bit samples, when the final sum of every output
 * (and the finish's shift) provably fits 16 bits, read unsigned or
 * signed, the "-int" classes run on 16-bit integer lanes instead of float:
 * twice the lanes per vector and half the memory. Products and sums are
 * taken modulo 2^16, which is exact for a final value known to fit
 * (arithmetic modulo 2^16 is a ring), whatever the intermediate sums do.
 * The path name then ends in "16" ("separable-int16/avx512").
 *
 * Layout. Rows are rows of lanes: the described components of
 * consecutive pixels, packed; or, for interleaved planes where it costs
 * little (RGBx, xRGB: pixel stride 4 for 3 components), every sample of
 * the pixel, so that rows load as contiguous runs, with a masked store
 * writing only the described components back. The input row is padded once (border mode
 * through the plan's column map) and, with a horizontal stride sx, split
 * into sx phases (pixels b, b + sx, b + 2 sx, ...), so that every tap of
 * every output pixel is a contiguous run: tap n reads phase
 * (n * dx) % sx at pixel (n * dx) / sx onwards. Dilation only changes
 * these offsets; stride computes only the outputs it keeps. The inner
 * loops have no branches and no border tests.
 *
 * Rows are cached in a ring per call (slot = row index mod S, with S a
 * power of two covering the kernel's vertical span when memory allows),
 * so each input row is converted (and, when separable, row-filtered) once
 * per band, whatever the kernel height or dilation.
 */
#include "vc-private.h"
#include "vc-simd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest ring of cached rows, in bytes. */
#define VC_RING_MAX_BYTES (32u << 20)
#define VC_FLOAT_EXACT 16777216.0       /* 2^24 */
#define ALIGN64(x) (((x) + 63) & ~(size_t) 63)

typedef struct
{
  int n;                        /* taps */
  int *m;                       /* kernel row of each tap */
  int *px;                      /* pixel offset into the phase-split row */
  float *coef;
  int16_t *coef16;
  double *coef64;
} VcTaps;

typedef struct
{
  bool separable;
  VcTaps taps;                  /* direct: all taps; separable: column taps */
  VcTaps row;                   /* separable: row taps on the padded row */
} VcPass;

typedef enum
{
  VC_FINISH_POW2,               /* float lanes, D a power of two */
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
  int components;
  bool i16;                     /* 16-bit integer lanes */
  bool f64;                     /* 64-bit float lanes; neither: float */
  int lane_bytes;
  int n_passes;                 /* 1, or 2 for the gradient magnitude */
  VcPass pass[2];
  VcFinishKind finish_kind;
  VcFinish finish;
  int *phase_start;             /* first pixel of each phase, sx + 1 */
  int span;                     /* (kh - 1) * dy + 1 */
  int ring_in;                  /* slots of padded rows (0: none) */
  int ring_h;                   /* slots of h-rows per separable pass */
  int max_taps;
  /* In place (see vc_fast_keep ()): whether calls may write into the input
   * plane, how many input rows a band may have to keep, the bytes of one
   * kept row, and of the keep area at the start of the scratch. */
  bool in_place;
  int keep_cap;
  size_t keep_slot;
  size_t keep_bytes;
  char name[40];
};

/* ---- Kernel analysis ---------------------------------------------------- */

/* Smallest e in [0, 30] with every coefficient times 2^e an integer below
 * 2^31, or -1. */
static int
integer_scale (const double *k, int count)
{
  for (int e = 0; e <= 30; e++) {
    bool ok = true;

    for (int i = 0; i < count && ok; i++) {
      double v = ldexp (k[i], e);

      ok = v == floor (v) && fabs (v) < 2147483648.0;
    }
    if (ok)
      return e;
  }
  return -1;
}

/* Sums of the positive and of the negative coefficients. */
static void
signed_sums (const double *k, int count, double *pos, double *neg)
{
  *pos = *neg = 0.0;
  for (int i = 0; i < count; i++) {
    if (k[i] > 0)
      *pos += k[i];
    else
      *neg += k[i];
  }
}

/* The smallest |coefficient| that is not 0 (infinity for none). */
static double
smallest_nonzero (const double *k, int count)
{
  double m = INFINITY;

  for (int i = 0; i < count; i++)
    if (k[i] != 0.0 && fabs (k[i]) < m)
      m = fabs (k[i]);
  return m;
}

static int64_t
gcd64 (int64_t a, int64_t b)
{
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b) {
    int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/* Factors an integer kernel kh x kw as col (kh) x row (kw) with integer
 * factors, or returns false. */
static bool
factor_kernel (const double *k, int kh, int kw, int64_t * col, int64_t * row)
{
  int m0 = -1, n0 = -1;
  int64_t g = 0;

  for (int i = 0; i < kh * kw && m0 < 0; i++)
    if (k[i] != 0.0) {
      m0 = i / kw;
      n0 = i % kw;
    }
  if (m0 < 0)
    return false;
  for (int n = 0; n < kw; n++)
    g = gcd64 (g, (int64_t) k[m0 * kw + n]);
  for (int n = 0; n < kw; n++)
    row[n] = (int64_t) k[m0 * kw + n] / g;
  for (int m = 0; m < kh; m++) {
    int64_t v = (int64_t) k[m * kw + n0];

    if (v % row[n0] != 0)
      return false;
    col[m] = v / row[n0];
    for (int n = 0; n < kw; n++)
      if ((double) (col[m] * row[n]) != k[m * kw + n])
        return false;
  }
  return true;
}

/* Pixel offset of horizontal tap n in a phase-split padded row. */
static int
tap_pixel (const VcFast * f, const VcGeometry * g, int n)
{
  int64_t p = (int64_t) n * g->dx;

  return f->phase_start[p % g->sx] + (int) (p / g->sx);
}

static bool
taps_alloc (VcTaps * t, int count)
{
  t->n = 0;
  t->m = malloc ((size_t) count * sizeof (int));
  t->px = malloc ((size_t) count * sizeof (int));
  t->coef = malloc ((size_t) count * sizeof (float));
  t->coef16 = malloc ((size_t) count * sizeof (int16_t));
  t->coef64 = malloc ((size_t) count * sizeof (double));
  return t->m && t->px && t->coef && t->coef16 && t->coef64;
}

static void
taps_free (VcTaps * t)
{
  free (t->m);
  free (t->px);
  free (t->coef);
  free (t->coef16);
  free (t->coef64);
}

static void
taps_add (VcTaps * t, int m, int px, double coef)
{
  if (coef == 0.0)
    return;                     /* zero taps cost nothing */
  t->m[t->n] = m;
  t->px[t->n] = px;
  t->coef[t->n] = (float) coef;
  /* Only used on 16-bit lanes, where |coef| <= 257 (vc_fast_plan). */
  t->coef16[t->n] = (int16_t) (fabs (coef) < 32768 ? coef : 0);
  t->coef64[t->n] = coef;
  t->n++;
}

/* Fills one pass from kernel k (already scaled to K' when integer). */
static bool
make_pass (VcFast * f, const VcGeometry * g, const double *k, bool integer,
    double sign, VcPass * pass)
{
  int kh = g->kh, kw = g->kw;
  int64_t *col = NULL, *row = NULL;

  if (integer && kh > 1 && kw > 1) {
    col = malloc ((size_t) kh * sizeof (int64_t));
    row = malloc ((size_t) kw * sizeof (int64_t));
    if (!col || !row)
      goto fail;
    pass->separable = factor_kernel (k, kh, kw, col, row);
  }

  if (pass->separable) {
    if (!taps_alloc (&pass->taps, kh) || !taps_alloc (&pass->row, kw))
      goto fail;
    for (int m = 0; m < kh; m++)
      taps_add (&pass->taps, m, 0, sign * (double) col[m]);
    for (int n = 0; n < kw; n++)
      taps_add (&pass->row, 0, tap_pixel (f, g, n), (double) row[n]);
  } else {
    if (!taps_alloc (&pass->taps, kh * kw))
      goto fail;
    for (int m = 0; m < kh; m++)
      for (int n = 0; n < kw; n++)
        taps_add (&pass->taps, m, tap_pixel (f, g, n), sign * k[m * kw + n]);
  }
  free (col);
  free (row);
  return true;

fail:
  free (col);
  free (row);
  return false;
}

void
vc_fast_free (VcFast * f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < 2; i++) {
    taps_free (&f->pass[i].taps);
    taps_free (&f->pass[i].row);
  }
  free (f->phase_start);
  free (f);
}

static bool
is_pow2 (double d)
{
  int e;

  return frexp (d, &e) == 0.5;
}

/* Whether Y = (|A| or A) + bdh_i fits 16 bits as it is (unsigned or
 * signed), for A in [lo, hi], so that the finish can run on the 16-bit
 * lanes inside the tap loop (taps_i16_finish). */
static void
choose_fused (VcFast * f, double lo, double hi)
{
  VcFinish *fin = &f->finish;
  double b = fin->bdh_i;
  bool abs_ok = lo >= -32767 && hi <= 32767;

  fin->fused = VC_FUSED_NONE;
  if (fin->shift < 0)
    return;
  if (fin->absolute) {
    if (!abs_ok)
      return;
    hi = hi > -lo ? hi : -lo;
    lo = 0;
  }
  if (lo + b >= 0 && hi + b <= 65535)
    fin->fused = fin->absolute ? VC_FUSED_ABS_UNSIGNED : VC_FUSED_UNSIGNED;
  else if (lo + b >= -32768 && hi + b <= 32767)
    fin->fused = fin->absolute ? VC_FUSED_ABS_SIGNED : VC_FUSED_SIGNED;
}

/* The fields of the reference finish (any lanes): the plan's own
 * divisor, bias and center; the accumulator is scaled back by 2^-e and
 * has center x sum0 (the kernel's scaled sum) taken off, as the reference
 * sums P - center. */
static void
reference_finish (VcFinish * fin, const VcPlan * plan, int e, double sum0)
{
  fin->absolute = plan->absolute;
  fin->sample_max = plan->sample_max;
  fin->scale = ldexp (1.0, -e - plan->shift);
  fin->divisor = plan->divisor;
  fin->bias = plan->bias;
  fin->center = plan->center;
  fin->sub = plan->center * sum0 * ldexp (1.0, -e);
}

/* Picks the lanes and the finish. pos[k]/neg[k]: the largest positive
 * and negative accumulator of pass k; bound: the largest sum of |products|.
 * Returns false if the float path is not accurate enough (the reference
 * is used then). */
static bool
choose_finish (VcFast * f, const VcPlan * plan, int e, bool exact,
    double bound, const double *pos, const double *neg, double sum0,
    double *sign)
{
  VcFinish *fin = &f->finish;
  /* Stored words are samples times 2^shift: A carries that factor too. */
  double d = fabs (plan->divisor) * ldexp (1.0, e + plan->shift);
  /* With a center c the reference sums K (P - c) = A - c S (S: the scaled
   * kernel's sum, sum0, in stored words) and adds c last: the integer
   * finish takes X = A + (bias + c) d - c S. */
  double bc = plan->bias + plan->center;
  double bd0 = bc * d;
  double csum = ldexp (plan->center, plan->shift) * sum0 *
      (plan->divisor < 0 ? -1.0 : 1.0);
  double bd = bd0 - csum;
  double h = floor (d / 2);
  bool i16_ok = plan->sample_type == VC_SAMPLE_U8 && f->simd->taps_i16 &&
      f->finishes->finish_i16_u8;
  /* (bias + center) * d must be an integer exactly, not only after
   * rounding: the fma gives the product's rounding error. */
  bool integer_finish = exact && d == floor (d) && d >= 1.0 &&
      bc - plan->center == plan->bias && bd0 == floor (bd0) &&
      fma (bc, d, -bd0) == 0.0 && bound + fabs (bd) + h <= VC_FLOAT_EXACT;

  *sign = 1.0;
  reference_finish (fin, plan, e, sum0);
  for (int k = 0; k < f->n_passes; k++) {
    /* 16-bit lanes need every pass's accumulator within 65536 values. */
    i16_ok &= pos[k] - neg[k] <= 65535;
    /* (Only used on 16-bit lanes; a float kernel's bound may not fit an
     * int, found by fuzz-core.) */
    fin->lo[k] = i16_ok ? (int) neg[k] : 0;
  }

  /* Gradient magnitude: in integers with divisor 1 and an integer bias,
   * else the reference's double finish. */
  if (exact && f->n_passes == 2) {
    f->finish_kind = VC_FINISH_REF;
    f->i16 = i16_ok;
    if (i16_ok && e == 0 && plan->divisor == 1.0 && integer_finish &&
        fabs (bc) < 65536 && f->finishes->finish_mag_i16_u8 &&
        pos[0] <= 32767 && neg[0] >= -32767 && pos[1] <= 32767 &&
        neg[1] >= -32767) {
      f->finish_kind = VC_FINISH_MAG;
      fin->bdh_i = (int) bc;
    }
    return true;
  }
  if (integer_finish) {
    double top = (pos[0] > -neg[0] ? pos[0] : -neg[0]) + fabs (bd) + d;

    if (plan->divisor < 0) {
      /* Negate the kernel: A / d = (-A) / |d|. */
      double p = pos[0];

      *sign = -1.0;
      fin->lo[0] = (int) -p;
    }
    fin->bdh_i = (int) (bd + h);
    fin->shift = is_pow2 (d) ? ilogb (d) : -1;
    fin->inv_d = 1.0 / d;
    fin->inv_d_f = (float) fin->inv_d;
    if (i16_ok && top < 4194304.0) {
      f->finish_kind = VC_FINISH_I16;
      f->i16 = true;
      choose_fused (f, *sign > 0 ? neg[0] : -pos[0],
          *sign > 0 ? pos[0] : -neg[0]);
      return true;
    }
    if (is_pow2 (d)) {
      f->finish_kind = VC_FINISH_POW2;
      fin->bdh_f = (float) (bd + h);
    } else {
      f->finish_kind = VC_FINISH_DIV;
      fin->bdh = bd + h + 0.5;
    }
    return true;
  }
  f->finish_kind = VC_FINISH_REF;
  if (exact)
    return true;
  /* Float accumulation: each of n taps adds at most 2^-24 relative error
   * of the sum of |products| (coefficient rounding included); below a
   * quarter of a sample after the division, rounding moves the result by
   * at most 1. */
  {
    int n = plan->g.kh * plan->g.kw + 1;
    double err = bound * n * ldexp (1.0, -23) / fabs (plan->divisor);

    return bound < 1e30 && err < 0.25;
  }
}

/* Scratch bytes for lanes_per_pixel lanes per pixel. */
static size_t
scratch_bytes (const VcFast * f, const VcGeometry * g, int lanes_per_pixel)
{
  size_t in_bytes = (size_t) g->need_w * lanes_per_pixel * f->lane_bytes;
  size_t h_bytes = (size_t) g->out_w * lanes_per_pixel * f->lane_bytes;
  size_t out_bytes = (size_t) g->out_w * lanes_per_pixel * 2;
  size_t total = 0;

  total += ALIGN64 ((size_t) (f->ring_in + 2 * f->ring_h) * sizeof (int));
  total += ALIGN64 ((size_t) (f->max_taps + 1) * sizeof (void *)) * 2;
  total += ALIGN64 (in_bytes) * 2;      /* padded row being built, split */
  total += ALIGN64 ((size_t) f->ring_in * in_bytes);
  total += ALIGN64 ((size_t) f->ring_h * h_bytes) * f->n_passes;
  total += ALIGN64 (h_bytes) * 2;       /* accumulators */
  total += ALIGN64 (out_bytes); /* the output row */
  return total;
}

/* In place, an output row overwrites the input row of the same index.
 * Every input row is read once, into a ring, when the first output row
 * that needs it is made (the rings hold the kernel's whole span); if that
 * output row's index is at most the input row's, the row is still intact.
 * The exceptions are few and known before a call writes anything: rows of
 * other bands, border rows read again (reflect and wrap at the bottom),
 * and, for kernels with zero rows at their bottom, rows just after a
 * band's start. vc_fast_keep () copies those aside first. Kernels whose
 * lowest non-zero row lies above the centre (every row would be read after
 * it is overwritten) are not in place, nor are strides, other output
 * sizes, rings smaller than the span, and keep areas above the cap. */
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

static void
plan_in_place (VcFast * f, const VcGeometry * g, size_t sample_bytes)
{
  int rows = g->need_h < f->span ? g->need_h : f->span;

  f->in_place = g->sx == 1 && g->sy == 1 && g->out_w == g->in_w &&
      g->out_h == g->in_h && (f->ring_in == 0 || f->ring_in >= rows) &&
      (f->ring_h == 0 || f->ring_h >= rows);
  for (int k = 0; k < f->n_passes; k++) {
    const VcTaps *t = &f->pass[k].taps;

    if (t->n > 0 && (int64_t) t->m[t->n - 1] * g->dy < g->top)
      f->in_place = false;
  }
  /* Other bands' rows (the span less one), border rows (as many), rows
   * after the start of a band in a dilation's gaps (dy less one). */
  f->keep_cap = 2 * (f->span - 1) + g->dy;
  f->keep_cap = f->keep_cap < g->in_h ? f->keep_cap : g->in_h;
  f->keep_slot = ALIGN64 ((size_t) g->in_w * VC_MAX_COMPONENTS *
      sample_bytes);
  f->keep_bytes = ALIGN64 (sizeof (KeepHeader)) +
      ALIGN64 ((size_t) g->in_h * sizeof (int)) +
      (size_t) f->keep_cap * f->keep_slot;
  if (f->keep_bytes > VC_KEEP_MAX_BYTES)
    f->in_place = false;
  if (!f->in_place)
    f->keep_bytes = 0;
}

bool
vc_fast_in_place (const VcFast * f)
{
  return f->in_place;
}

VcFast *
vc_fast_plan (const VcPlan * plan, int components, const VcSimd * simd,
    size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  int count = g->kh * g->kw;
  VcFast *f = calloc (1, sizeof (*f));
  double *scaled = NULL, bound = 0.0, pos[2] = { 0 }, neg[2] = { 0 };
  double sum[2] = { 0 };
  double sign;
  bool exact;
  int e;

  if (f == NULL)
    return NULL;
  f->simd = simd;
  f->finishes = simd->finish_from ? simd->finish_from : simd;
  f->wide = simd->taps_f64 ? simd : f->finishes;
  f->components = components;
  f->n_passes = plan->kernel2 ? 2 : 1;
  f->span = (g->kh - 1) * g->dy + 1;

  /* Phases of the padded row: pixel p is in phase p % sx. */
  f->phase_start = malloc ((size_t) (g->sx + 1) * sizeof (int));
  if (f->phase_start == NULL)
    goto fail;
  f->phase_start[0] = 0;
  for (int b = 0; b < g->sx; b++) {
    int n = b < g->need_w ? (g->need_w - b + g->sx - 1) / g->sx : 0;

    f->phase_start[b + 1] = f->phase_start[b] + n;
  }

  /* Integer class: one power of two for both kernels. */
  e = integer_scale (plan->kernel, count);
  if (e >= 0 && plan->kernel2) {
    int e2 = integer_scale (plan->kernel2, count);

    e = e2 < 0 ? -1 : e2 > e ? e2 : e;
  }
  exact = e >= 0;
  for (int k = 0; k < f->n_passes; k++) {
    const double *kernel = k ? plan->kernel2 : plan->kernel;
    double scale = plan->input_max * (exact ? ldexp (1.0, e) : 1.0);
    double p, n;

    signed_sums (kernel, count, &p, &n);
    bound = (p - n) * scale > bound ? (p - n) * scale : bound;
    pos[k] = p * scale;
    neg[k] = n * scale;
    sum[k] = (p + n) * (exact ? ldexp (1.0, e) : 1.0);
  }
  /* A center the fast paths take as part of the finish: an integer, and
   * the shift c S of the sum a constant outside |.| and the magnitude. */
  if (plan->center != 0.0 &&
      (plan->center != floor (plan->center) || fabs (plan->center) > 1048576
          || ((plan->absolute || f->n_passes == 2) &&
              (sum[0] != 0.0 || sum[1] != 0.0))))
    goto fail;
  /* Sums float cannot hold exactly: 64-bit float lanes, exact below
   * 2^53, with the reference's finish. */
  if (exact && bound >= VC_FLOAT_EXACT) {
    exact = false;
    if (bound < 9007199254740992.0 && f->wide->taps_f64) {
      f->f64 = true;
      f->finish_kind = VC_FINISH_REF;
      reference_finish (&f->finish, plan, e, sum[0]);
      sign = 1.0;
    }
  }
  /* Float lanes hold a coefficient to 2^-24 of itself only in float's
   * normal range: one below it (1e-217, found by fuzz-core) would become
   * 0 or lose its digits. */
  if (!exact && !f->f64 &&
      (smallest_nonzero (plan->kernel, count) < 0x1p-100 ||
          (plan->kernel2 && smallest_nonzero (plan->kernel2, count) <
              0x1p-100)))
    goto fail;
  if (!f->f64 && !choose_finish (f, plan, exact ? e : 0, exact, bound, pos,
          neg, sum[0], &sign))
    goto fail;
  f->lane_bytes = f->i16 ? 2 : f->f64 ? 8 : 4;

  scaled = malloc ((size_t) count * sizeof (double));
  if (scaled == NULL)
    goto fail;
  for (int k = 0; k < f->n_passes; k++) {
    const double *kernel = k ? plan->kernel2 : plan->kernel;

    for (int i = 0; i < count; i++)
      scaled[i] = exact || f->f64 ? ldexp (kernel[i], e) : kernel[i];
    if (!make_pass (f, g, scaled, exact || f->f64, sign, &f->pass[k]))
      goto fail;
  }
  free (scaled);
  scaled = NULL;

  /* Rings: enough slots for the vertical span, within a memory cap. The
   * scratch fits the widest lanes a call may use (VC_MAX_COMPONENTS
   * samples per pixel, see lanes_per_pixel ()). */
  {
    bool direct = false, separable = false;
    size_t in_bytes = (size_t) g->need_w * VC_MAX_COMPONENTS * f->lane_bytes;
    size_t h_bytes = (size_t) g->out_w * VC_MAX_COMPONENTS * f->lane_bytes;
    int want = 1;

    while (want < f->span && want < g->need_h)
      want *= 2;
    for (int k = 0; k < f->n_passes; k++) {
      direct |= !f->pass[k].separable;
      separable |= f->pass[k].separable;
      f->max_taps = f->pass[k].taps.n > f->max_taps ?
          f->pass[k].taps.n : f->max_taps;
      f->max_taps = f->pass[k].row.n > f->max_taps ?
          f->pass[k].row.n : f->max_taps;
    }
    f->ring_in = direct ? want : 0;
    f->ring_h = separable ? want : 0;
    while ((f->ring_in > 1 || f->ring_h > 1) &&
        f->ring_in * in_bytes + f->ring_h * h_bytes * f->n_passes >
        VC_RING_MAX_BYTES) {
      f->ring_in = f->ring_in > 1 ? f->ring_in / 2 : f->ring_in;
      f->ring_h = f->ring_h > 1 ? f->ring_h / 2 : f->ring_h;
    }
    *scratch_size = scratch_bytes (f, g, VC_MAX_COMPONENTS);
  }
  plan_in_place (f, g, plan->sample_type == VC_SAMPLE_U16 ? 2 : 1);
  *scratch_size += f->keep_bytes;

  snprintf (f->name, sizeof (f->name), "%s-%s/%s",
      f->pass[0].separable && (f->n_passes == 1 || f->pass[1].separable) ?
      "separable" : "direct", f->f64 ? "int53" : !exact ? "float" :
      f->i16 ? "int16" : "int",
      simd->name);
  return f;

fail:
  free (scaled);
  vc_fast_free (f);
  return NULL;
}

const char *
vc_fast_name (const VcFast * f)
{
  return f->name;
}

/* ---- Execution ---------------------------------------------------------- */

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
  void *split;                  /* stride 2: the row before its split */
  const void **ptrs;            /* taps of the output row */
  const void **hptrs;           /* taps of an h-row being made */
  Ring in;
  Ring h[2];
  void *acc[2];
  void *out;
  /* In place: the rows kept aside (vc_fast_keep ()), or NULL; kept[y] is
   * input row y's slot in kept_rows, or -1. */
  KeepHeader *keep;
  int *kept;
  uint8_t *kept_rows;
} Call;

/* Lanes per pixel: the described components, or the whole pixel of an
 * interleaved plane when that is at most twice the work (RGBx, xRGB),
 * which makes every row load and store a contiguous run. */
static int
lanes_per_pixel (const VcFast * f, const VcPlane * src, const VcPlane * dst)
{
  int ps = src->pixel_stride;

  /* A single 8-bit component (YUY2's Y, U or V) is cheaper gathered and
   * scattered by vector loops than computed whole. */
  if (f->components == 1 && f->i16)
    return 1;
  if (ps > f->components && ps <= VC_MAX_COMPONENTS &&
      ps <= 2 * f->components && dst->pixel_stride == ps &&
      dst->offset == src->offset)
    return ps;
  return f->components;
}

static void *
carve (uint8_t ** p, size_t bytes)
{
  void *r = *p;

  *p += ALIGN64 (bytes);
  return r;
}

static void
ring_init (Ring * r, uint8_t ** tags, uint8_t ** p, int size,
    size_t row_bytes)
{
  r->size = size;
  r->row_bytes = row_bytes;
  r->tags = (int *) *tags;
  *tags += (size_t) size * sizeof (int);
  for (int i = 0; i < size; i++)
    r->tags[i] = -1;
  r->rows = size ? carve (p, (size_t) size * row_bytes) : NULL;
}

/* Lane i of a row, either lane type. */
static inline void
set_lane (const Call * c, void *row, size_t i, unsigned v)
{
  if (c->f->i16)
    ((uint16_t *) row)[i] = (uint16_t) v;
  else if (c->f->f64)
    ((double *) row)[i] = v;
  else
    ((float *) row)[i] = (float) v;
}

/* Sample k of input pixel x (k counted from the call's first lane). */
static inline unsigned
get_sample (const Call * c, const uint8_t * base, int x, int k)
{
  size_t i = (size_t) x * c->src->pixel_stride + c->src->offset - c->first +
      k;

  return c->plan->sample_type == VC_SAMPLE_U16 ?
      ((const uint16_t *) base)[i] : base[i];
}

/* The start of input row y: in place, its kept copy if it has one. */
static const uint8_t *
input_row (const Call * c, int y)
{
  if (c->keep && c->kept[y] >= 0)
    return c->kept_rows + (size_t) c->kept[y] * c->f->keep_slot;
  return (const uint8_t *) c->src->data + (ptrdiff_t) y * c->src->row_stride;
}

/* Padded row r is read now, as output row `i` is made. In place, the
 * input row under it is intact if no output row has been written over it
 * yet: if it belongs to this band and is not above the output row being
 * made. Otherwise it is kept aside now. */
static void
keep_read (Call * c, int r, int i)
{
  const VcPlane *src = c->src;
  KeepHeader *h = c->keep;
  size_t ss = c->plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;
  int y = c->plan->row_map[r];

  if (y < 0 || (y >= i && y < h->y1) || c->kept[y] >= 0 ||
      h->n > c->f->keep_cap)
    return;
  if (h->n == c->f->keep_cap) {
    h->n++;                     /* more than planned: refused */
    return;
  }
  c->kept[y] = h->n++;
  memcpy (c->kept_rows + (size_t) c->kept[y] * c->f->keep_slot,
      (const uint8_t *) src->data + (ptrdiff_t) y * src->row_stride,
      (size_t) vc_plane_row_extent (src, ss));
}

/* Pixel p of the padded row through the column map (a border pixel, or
 * one whose lanes may run past the end of the input row). */
static void
put_mapped_pixel (const Call * c, const uint8_t * base, void *row,
    size_t lane, int p)
{
  const VcPlan *plan = c->plan;
  int x = plan->col_map[p];

  for (int k = 0; k < c->L; k++) {
    /* Lanes after the described components of the row's last pixel may
     * lie past the end of the row. */
    bool outside = x == plan->g.in_w - 1 && k >= c->first + c->f->components;
    unsigned v;

    if (x < 0)
      v = (unsigned) plan->border_word;
    else if (outside)
      v = 0;                    /* past the row's last described sample */
    else
      v = get_sample (c, base, x, k);
    set_lane (c, row, lane + k, v);
  }
}

/* Contiguous conversion of n samples into lanes. */
static void
load_run (const Call * c, void *dst, const uint8_t * src, int n)
{
  const VcSimd *s = c->f->simd;

  if (c->f->i16)
    s->load_u8_i16 (dst, src, n);
  else if (c->f->f64 && c->plan->sample_type == VC_SAMPLE_U16)
    c->f->wide->load_u16_f64 (dst, (const uint16_t *) src, n);
  else if (c->f->f64)
    c->f->wide->load_u8_f64 (dst, src, n);
  else if (c->plan->sample_type == VC_SAMPLE_U16)
    s->load_u16 (dst, (const uint16_t *) src, n);
  else
    s->load_u8 (dst, src, n);
}

/* Pixels [p0, p1) of the padded row of input row `base` without phase
 * split (stride 1 layout): the interior in one contiguous conversion, the
 * rest (and the input's last pixel, whose lanes may run past the end of
 * the row) through put_mapped_pixel (). */
static void
fill_pixels (const Call * c, const uint8_t * base, void *row, int p0, int p1)
{
  const VcGeometry *g = &c->plan->g;
  const VcPlane *src = c->src;
  const int L = c->L, ps = src->pixel_stride;
  const size_t ss = c->plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;
  int begin = g->left > p0 ? g->left : p0;
  int last = g->left + g->in_w - 1 < p1 ? g->left + g->in_w - 1 : p1;

  if (last > begin)
    load_run (c, (uint8_t *) row + (size_t) begin * L * c->f->lane_bytes,
        base + ((size_t) (begin - g->left) * ps + src->offset - c->first) * ss,
        (last - begin) * L);
  for (int p = p0; p < p1; p++) {
    if (p == begin && last > begin) {
      p = last - 1;
      continue;
    }
    put_mapped_pixel (c, base, row, (size_t) p * L, p);
  }
}

static void
fill_contiguous (const Call * c, const uint8_t * base, void *row)
{
  fill_pixels (c, base, row, 0, c->plan->g.need_w);
}

/* Padded row r (through the row map) as lanes, phase-split. */
static void
build_padded_row (const Call * c, int r, void *row)
{
  const VcPlan *plan = c->plan;
  const VcGeometry *g = &plan->g;
  const VcFast *f = c->f;
  const VcPlane *src = c->src;
  const int L = c->L, ps = src->pixel_stride;
  const int y = plan->row_map[r];
  const size_t ss = plan->sample_type == VC_SAMPLE_U16 ? 2 : 1;
  const uint8_t *base;

  if (y < 0) {
    for (int i = 0; i < c->pad_lanes; i++)
      set_lane (c, row, i, (unsigned) plan->border_word);
    return;
  }
  base = input_row (c, y);

  if (ps == L && g->sx == 1) {
    fill_contiguous (c, base, row);
    return;
  }
  /* Stride 2: the contiguous row, then its even and odd pixels. */
  if (ps == L && g->sx == 2 && L <= VC_MAX_COMPONENTS) {
    int n_even = f->phase_start[1], n_odd = f->phase_start[2] - n_even;

    fill_contiguous (c, base, c->split);
    if (f->i16)
      f->finishes->split2_i16 (row, (uint16_t *) row + (size_t) n_even * L,
          c->split, n_even, n_odd, L);
    else if (f->f64)
      f->finishes->split2_f64 (row, (double *) row + (size_t) n_even * L,
          c->split, n_even, n_odd, L);
    else
      f->finishes->split2_f32 (row, (float *) row + (size_t) n_even * L,
          c->split, n_even, n_odd, L);
    return;
  }

  /* Phase by phase: the interior as a strided copy, the rest through the
   * column map. */
  for (int b = 0; b < g->sx && b < g->need_w; b++) {
    size_t start = (size_t) f->phase_start[b] * L;
    int count = f->phase_start[b + 1] - f->phase_start[b];
    /* Pixels b + t sx inside the frame, but for the last: [t0, t1). */
    int t0 = g->left > b ? (g->left - b + g->sx - 1) / g->sx : 0;
    int t1 = g->left + g->in_w - 1 > b ?
        (g->left + g->in_w - 1 - b + g->sx - 1) / g->sx : 0;

    t1 = t1 < count ? t1 : count;
    t0 = t0 < t1 ? t0 : t1;
    for (int t = 0; t < count; t++) {
      if (t == t0 && t1 > t0) {
        size_t step = (size_t) g->sx * ps;
        size_t first = (size_t) (b + t0 * g->sx - g->left) * ps +
            src->offset - c->first;
        int n = t1 - t0;

#define STRIDED_COPY(LANE_T, SAMPLE_T) \
        { \
          LANE_T *o = (LANE_T *) row + start + (size_t) t0 * L; \
          const SAMPLE_T *s = (const SAMPLE_T *) base + first; \
          for (int k = 0; k < L; k++) \
            for (int i = 0; i < n; i++) \
              o[(size_t) i * L + k] = s[i * step + k]; \
        }
        if (f->i16 && L == 1)
          f->finishes->gather_u8_i16 ((uint16_t *) row + start + t0,
              base + first, n, (int) step);
        else if (f->i16)
          STRIDED_COPY (uint16_t, uint8_t)
        else if (f->f64 && ss == 2)
          STRIDED_COPY (double, uint16_t)
        else if (f->f64)
          STRIDED_COPY (double, uint8_t)
        else if (ss == 2)
          STRIDED_COPY (float, uint16_t)
        else
          STRIDED_COPY (float, uint8_t)
#undef STRIDED_COPY
        t = t1 - 1;
        continue;
      }
      put_mapped_pixel (c, base, row, start + (size_t) t * L,
          b + t * g->sx);
    }
  }
}

static const void *
padded_row (Call * c, int r)
{
  Ring *ring = &c->in;
  int slot = r & (ring->size - 1);
  uint8_t *row = ring->rows + (size_t) slot * ring->row_bytes;

  if (ring->tags[slot] != r) {
    build_padded_row (c, r, row);
    ring->tags[slot] = r;
  }
  return row;
}

static void
run_taps (const Call * c, void *acc, const void **ptrs, const VcTaps * t,
    int from, int n, int len, bool accumulate)
{
  if (c->f->i16)
    c->f->simd->taps_i16 (acc, (const uint16_t * const *) ptrs,
        t->coef16 + from, n, len, accumulate);
  else if (c->f->f64)
    c->f->wide->taps_f64 (acc, (const double *const *) ptrs,
        t->coef64 + from, n, len, accumulate);
  else
    c->f->simd->taps (acc, (const float *const *) ptrs, t->coef + from, n,
        len, accumulate);
}

/* Row taps of pass k on the padded row c->prow, output lanes [q0, q1). */
static void
row_taps (Call * c, const VcTaps * t, uint8_t * out, int q0, int q1)
{
  size_t lb = c->f->lane_bytes;

  for (int i = 0; i < t->n; i++)
    c->hptrs[i] = c->prow + ((size_t) t->px[i] * c->L + q0) * lb;
  run_taps (c, out + q0 * lb, c->hptrs, t, 0, t->n, q1 - q0, false);
}

/* 16-bit row taps straight from the 8-bit input row, without the padded
 * row: the output lanes whose every tap lies inside the input row (but
 * for its last pixel) read it directly; only both ends go through the
 * padded row, built for the pixels they need. Returns false where this
 * does not apply (the caller builds the whole padded row). */
static bool
row_taps_direct (Call * c, const VcTaps * t, int r, uint8_t * out)
{
  const VcGeometry *g = &c->plan->g;
  const VcPlane *src = c->src;
  const int L = c->L, y = c->plan->row_map[r];
  /* Lanes of the padded row that come straight from the input row. */
  const int a0 = g->left * L, a1 = (g->left + g->in_w - 1) * L;
  const int lo = t->px[0] * L, hi = t->px[t->n - 1] * L;
  const uint8_t *base;
  int qa, qb;

  if (!c->f->i16 || !c->f->simd->taps_u8_i16 || g->sx != 1 ||
      src->pixel_stride != L || y < 0 || t->n == 0)
    return false;
  qa = a0 - lo > 0 ? a0 - lo : 0;
  qb = a1 - hi < c->out_lanes ? a1 - hi : c->out_lanes;
  if (qb - qa < 256)
    return false;
  base = input_row (c, y) + src->offset - c->first;
  for (int i = 0; i < t->n; i++)
    c->hptrs[i] = base + (t->px[i] * L - a0) + qa;
  c->f->simd->taps_u8_i16 ((uint16_t *) out + qa,
      (const uint8_t * const *) c->hptrs, t->coef16, t->n, qb - qa);
  /* Both ends through the padded row (tap pixels are increasing). */
  if (qa > 0) {
    fill_pixels (c, base - src->offset + c->first, c->prow, 0,
        (qa + hi) / L + 1 < g->need_w ? (qa + hi) / L + 1 : g->need_w);
    row_taps (c, t, out, 0, qa);
  }
  if (qb < c->out_lanes) {
    fill_pixels (c, base - src->offset + c->first, c->prow, (qb + lo) / L,
        g->need_w);
    row_taps (c, t, out, qb, c->out_lanes);
  }
  return true;
}

/* Row-filtered padded row r of separable pass k. */
static const void *
h_row (Call * c, int k, int r)
{
  Ring *ring = &c->h[k];
  const VcTaps *t = &c->f->pass[k].row;
  int slot = r & (ring->size - 1);
  uint8_t *row = ring->rows + (size_t) slot * ring->row_bytes;

  if (ring->tags[slot] != r) {
    if (t->n == 0) {
      memset (row, 0, ring->row_bytes);
    } else if (!row_taps_direct (c, t, r, row)) {
      build_padded_row (c, r, c->prow);
      row_taps (c, t, row, 0, c->out_lanes);
    }
    ring->tags[slot] = r;
  }
  return row;
}

/* Accumulates pass k for output row i into c->acc[k]; or, when the
 * finish is fused into the tap loop, writes the finished samples to out
 * (only the bytes in mask) and returns true. */
static bool
run_pass (Call * c, int k, int i, uint8_t * out, uint32_t mask)
{
  const VcGeometry *g = &c->plan->g;
  const VcPass *pass = &c->f->pass[k];
  const VcTaps *t = &pass->taps;
  const Ring *ring = pass->separable ? &c->h[k] : &c->in;
  const size_t pixel_bytes = (size_t) c->L * c->f->lane_bytes;
  bool whole = ring->size >= c->f->span;
  bool started = false;
  int from = 0;

  bool fuse = c->f->finish.fused != VC_FUSED_NONE && c->f->n_passes == 1 &&
      c->f->simd->taps_i16_finish && whole;

  if (t->n == 0) {
    memset (c->acc[k], 0, (size_t) c->out_lanes * c->f->lane_bytes);
    return false;
  }
  /* All taps in one sweep when the ring holds every row at once;
   * otherwise one sweep per kernel row. */
  for (int n = 0; n < t->n; n++) {
    int r = i * g->sy + t->m[n] * g->dy;
    const uint8_t *row = pass->separable ? h_row (c, k, r) :
        padded_row (c, r);

    c->ptrs[n - from] = row + (size_t) t->px[n] * pixel_bytes;
    if (!whole && (n + 1 == t->n || t->m[n + 1] != t->m[n])) {
      run_taps (c, c->acc[k], c->ptrs, t, from, n + 1 - from, c->out_lanes,
          started);
      started = true;
      from = n + 1;
    }
  }
  if (fuse) {
    c->f->simd->taps_i16_finish (out, (const uint16_t * const *) c->ptrs,
        t->coef16, t->n, c->out_lanes, &c->f->finish, mask);
    return true;
  }
  if (whole)
    run_taps (c, c->acc[k], c->ptrs, t, 0, t->n, c->out_lanes, false);
  return false;
}

/* Makes output row i from the accumulators (unless the tap loop already
 * did: finished) and writes it to dst. */
static void
finish_row (Call * c, const VcPlane * dst, int i, bool finished)
{
  const VcFast *f = c->f;
  const VcSimd *s = f->finishes;
  const int n = c->out_lanes;
  bool u16 = c->plan->sample_type == VC_SAMPLE_U16;
  size_t ss = u16 ? 2 : 1;
  uint8_t *row = (uint8_t *) dst->data + (ptrdiff_t) i * dst->row_stride;
  const int shift = c->plan->shift;
  bool direct_layout = dst->pixel_stride == f->components &&
      c->L == f->components;
  bool direct = direct_layout && shift == 0;
  void *out = direct ? row : c->out;
  const void *acc2 = f->n_passes == 2 ? c->acc[1] : NULL;

  switch (finished ? (VcFinishKind) - 1 : f->finish_kind) {
    case VC_FINISH_I16:
      s->finish_i16_u8 (&f->finish, c->acc[0], NULL, out, n);
      break;
    case VC_FINISH_MAG:
      s->finish_mag_i16_u8 (&f->finish, c->acc[0], acc2, out, n);
      break;
    case VC_FINISH_POW2:
      if (u16)
        s->finish_pow2_u16 (&f->finish, c->acc[0], NULL, out, n);
      else
        s->finish_pow2_u8 (&f->finish, c->acc[0], NULL, out, n);
      break;
    case VC_FINISH_DIV:
      if (u16)
        s->finish_div_u16 (&f->finish, c->acc[0], NULL, out, n);
      else
        s->finish_div_u8 (&f->finish, c->acc[0], NULL, out, n);
      break;
    case VC_FINISH_REF:
      if (f->i16)
        s->finish_ref_i16_u8 (&f->finish, c->acc[0], acc2, out, n);
      else if (f->f64 && u16)
        s->finish_ref_f64_u16 (&f->finish, c->acc[0], acc2, out, n);
      else if (f->f64)
        s->finish_ref_f64_u8 (&f->finish, c->acc[0], acc2, out, n);
      else if (u16)
        s->finish_ref_u16 (&f->finish, c->acc[0], acc2, out, n);
      else
        s->finish_ref_u8 (&f->finish, c->acc[0], acc2, out, n);
      break;
    default:                   /* finished in the tap loop */
      break;
  }
  if (direct)
    return;
  /* Samples in the high bits of the word (P010): staged, then shifted
   * into dst when the lanes are dst's samples, else in place. */
  if (shift) {
    uint16_t *o = out;
    uint16_t *d = direct_layout ? (uint16_t *) row : o;

    for (int j = 0; j < n; j++)
      d[j] = (uint16_t) (o[j] << shift);
    if (direct_layout)
      return;
  }
  if (c->L != f->components) {
    /* Whole pixels computed: write back the described components. */
    s->store_lanes (row + (size_t) (dst->offset - c->first) * ss, c->out,
        c->plan->g.out_w, c->L, c->first, f->components, (int) ss);
    return;
  }
  /* Packed components to an interleaved destination. */
  if (f->components == 1 && !u16) {
    s->scatter_u8 (row + dst->offset, c->out, c->plan->g.out_w,
        dst->pixel_stride);
    return;
  }
  {
    const int C = f->components;

    row += (size_t) dst->offset * ss;
    for (int j = 0; j < c->plan->g.out_w; j++) {
      if (u16) {
        uint16_t *d = (uint16_t *) row + (size_t) j * dst->pixel_stride;
        const uint16_t *o = (const uint16_t *) c->out + (size_t) j * C;
        for (int k = 0; k < C; k++)
          d[k] = o[k];
      } else {
        uint8_t *d = row + (size_t) j * dst->pixel_stride;
        const uint8_t *o = (const uint8_t *) c->out + (size_t) j * C;
        for (int k = 0; k < C; k++)
          d[k] = o[k];
      }
    }
  }
}

/* Carves a call's rows out of the scratch (after the keep area). */
static void
call_init (Call * c, const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  uint8_t *p = (uint8_t *) scratch + f->keep_bytes;
  uint8_t *tags;
  size_t lb = f->lane_bytes;

  *c = (Call) {
  .plan = plan,.f = f,.src = src,.keep = keep};
  if (keep) {
    c->kept = (int *) ((uint8_t *) scratch + ALIGN64 (sizeof (KeepHeader)));
    c->kept_rows = (uint8_t *) c->kept + ALIGN64 ((size_t) g->in_h *
        sizeof (int));
  }
  c->L = lanes_per_pixel (f, src, dst);
  /* Widened: lanes start at the pixel's first sample. */
  c->first = c->L == f->components ? 0 : src->offset;
  c->pad_lanes = g->need_w * c->L;
  c->out_lanes = g->out_w * c->L;
  tags = carve (&p, (size_t) (f->ring_in + 2 * f->ring_h) * sizeof (int));
  c->ptrs = carve (&p, (size_t) (f->max_taps + 1) * sizeof (void *));
  c->hptrs = carve (&p, (size_t) (f->max_taps + 1) * sizeof (void *));
  c->prow = carve (&p, (size_t) c->pad_lanes * lb);
  c->split = carve (&p, (size_t) c->pad_lanes * lb);
  ring_init (&c->in, &tags, &p, f->ring_in, (size_t) c->pad_lanes * lb);
  for (int k = 0; k < f->n_passes; k++)
    ring_init (&c->h[k], &tags, &p, f->pass[k].separable ? f->ring_h : 0,
        (size_t) c->out_lanes * lb);
  c->acc[0] = carve (&p, (size_t) c->out_lanes * lb);
  c->acc[1] = carve (&p, (size_t) c->out_lanes * lb);
  c->out = carve (&p, (size_t) c->out_lanes * 2);
}

static VcStatus
execute (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int y0, int y1, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  Call c;
  bool direct_out = false;
  uint32_t out_mask = ~0u;

  call_init (&c, plan, src, dst, scratch, keep);
  /* The fused finish writes straight into dst when the lanes are dst's
   * samples: packed components, or whole 8-bit pixels of 1, 2 or 4
   * samples (a period that divides 32) through a byte mask. */
  if (dst->pixel_stride == f->components && c.L == f->components) {
    direct_out = true;
  } else if (c.L != f->components && f->simd->masked_stores &&
      plan->sample_type == VC_SAMPLE_U8 && 32 % c.L == 0) {
    direct_out = true;
    out_mask = 0;
    for (int b = 0; b < 32; b++)
      if (b % c.L >= c.first && b % c.L < c.first + f->components)
        out_mask |= 1u << b;
  }

  for (int i = y0; i < y1; i++) {
    uint8_t *row = (uint8_t *) dst->data + (ptrdiff_t) i * dst->row_stride;
    bool finished = false;

    for (int k = 0; k < f->n_passes; k++)
      finished = run_pass (&c, k, i, direct_out ? row : c.out, out_mask);
    /* Whole pixels finished straight into dst through the byte mask. */
    if (finished && direct_out && out_mask != ~0u)
      continue;
    finish_row (&c, dst, i, finished);
  }
  return VC_OK;
}

VcStatus
vc_fast_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch)
{
  return execute (plan, src, dst, y0, y1, scratch, NULL);
}

/* Output row i's reads of pass k, in the order a call makes them: a row
 * is read when it enters its ring (padded_row (), h_row ()), so the
 * rings' tags are followed the same way, without building the rows. */
static void
keep_pass (Call * c, int k, int i)
{
  const VcGeometry *g = &c->plan->g;
  const VcPass *pass = &c->f->pass[k];
  const VcTaps *t = &pass->taps;
  Ring *ring = pass->separable ? &c->h[k] : &c->in;
  /* A separable pass with no row taps reads no input row. */
  bool reads = !pass->separable || pass->row.n > 0;

  for (int n = 0; n < t->n; n++) {
    int r = i * g->sy + t->m[n] * g->dy;
    int slot = r & (ring->size - 1);

    if (ring->tags[slot] == r)
      continue;
    if (reads)
      keep_read (c, r, i);
    ring->tags[slot] = r;
  }
}

/* Rows [y0, y1) in place, before the call that makes them: every input
 * row read when it may already be overwritten is copied into the keep
 * area. */
VcStatus
vc_fast_keep (const VcPlan * plan, const VcPlane * plane, int y0, int y1,
    void *scratch)
{
  KeepHeader *h = scratch;
  Call c;

  *h = (KeepHeader) {
  .y0 = y0,.y1 = y1,.data = plane->data,.row_stride = plane->row_stride};
  call_init (&c, plan, plane, plane, scratch, h);
  for (int y = 0; y < plan->g.in_h; y++)
    c.kept[y] = -1;
  for (int i = y0; i < y1; i++)
    for (int k = 0; k < plan->fast->n_passes; k++)
      keep_pass (&c, k, i);
  if (h->n > plan->fast->keep_cap)
    return VC_ERROR_NO_MEMORY;
  h->magic = VC_KEEP_MAGIC;
  return VC_OK;
}

/* Rows [y0, y1) in place, after vc_fast_keep () for the same rows and
 * plane. The kept rows serve one call: the header is spent after it. */
VcStatus
vc_fast_execute_in_place (const VcPlan * plan, const VcPlane * plane, int y0,
    int y1, void *scratch)
{
  KeepHeader *h = scratch;
  VcStatus s;

  if (h->magic != VC_KEEP_MAGIC || h->y0 != y0 || h->y1 != y1 ||
      h->data != plane->data || h->row_stride != plane->row_stride)
    return VC_ERROR_ARGUMENT;
  s = execute (plan, plane, plane, y0, y1, scratch, h);
  h->magic = 0;
  return s;
}
