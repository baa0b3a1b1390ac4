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
 * sample_max * sum |K'| < 2^24: every product and partial sum is then an
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
 * Layout. Rows are float rows of lanes: the described components of
 * consecutive pixels, packed. The input row is padded once (border mode
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

typedef struct
{
  int n;                        /* taps */
  int *m;                       /* kernel row of each tap (direct) */
  int *off;                     /* lane offset into the (padded or h-) row */
  float *coef;
} VcTaps;

typedef struct
{
  bool separable;
  VcTaps taps;                  /* direct: all taps; separable: column taps */
  VcTaps row;                   /* separable: row taps on the padded row */
} VcPass;

typedef enum
{
  VC_FINISH_POW2,
  VC_FINISH_DIV,
  VC_FINISH_REF,
} VcFinishKind;

struct VcFast
{
  const VcSimd *simd;
  int components;               /* lanes per pixel */
  int n_passes;                 /* 1, or 2 for the gradient magnitude */
  VcPass pass[2];
  VcFinishKind finish_kind;
  VcFinish finish;
  int *phase_start;             /* first pixel of each phase, sx + 1 */
  int n_phases;
  int pad_lanes;                /* need_w * C */
  int out_lanes;                /* out_w * C */
  int span;                     /* (kh - 1) * dy + 1 */
  int ring_in;                  /* slots of padded rows (0: none) */
  int ring_h;                   /* slots of h-rows per separable pass */
  int max_taps;
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

static double
abs_sum (const double *k, int count)
{
  double s = 0.0;

  for (int i = 0; i < count; i++)
    s += fabs (k[i]);
  return s;
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

/* Lane offset of horizontal tap n in a phase-split padded row. */
static int
tap_offset (const VcFast * f, const VcGeometry * g, int n)
{
  int64_t p = (int64_t) n * g->dx;

  return (f->phase_start[p % g->sx] + (int) (p / g->sx)) * f->components;
}

static bool
taps_alloc (VcTaps * t, int count)
{
  t->n = 0;
  t->m = malloc ((size_t) count * sizeof (int));
  t->off = malloc ((size_t) count * sizeof (int));
  t->coef = malloc ((size_t) count * sizeof (float));
  return t->m && t->off && t->coef;
}

static void
taps_free (VcTaps * t)
{
  free (t->m);
  free (t->off);
  free (t->coef);
}

static void
taps_add (VcTaps * t, int m, int off, double coef)
{
  if (coef == 0.0)
    return;                     /* zero taps cost nothing */
  t->m[t->n] = m;
  t->off[t->n] = off;
  t->coef[t->n] = (float) coef;
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
      taps_add (&pass->row, 0, tap_offset (f, g, n), (double) row[n]);
  } else {
    if (!taps_alloc (&pass->taps, kh * kw))
      goto fail;
    for (int m = 0; m < kh; m++)
      for (int n = 0; n < kw; n++)
        taps_add (&pass->taps, m, tap_offset (f, g, n), sign * k[m * kw + n]);
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

/* Picks the finish. Returns false if the float path is not accurate
 * enough for this configuration (the reference is used then). */
static bool
choose_finish (VcFast * f, const VcPlan * plan, int e, bool exact,
    double bound, double *sign)
{
  VcFinish *fin = &f->finish;
  double d = fabs (plan->divisor) * ldexp (1.0, e);
  double bd = plan->bias * d;

  *sign = 1.0;
  fin->absolute = plan->absolute;
  fin->sample_max = plan->sample_max;
  fin->scale = ldexp (1.0, -e);
  fin->divisor = plan->divisor;
  fin->bias = plan->bias;

  /* bias * d must be an integer exactly, not only after rounding: the
   * fma gives the product's rounding error. */
  if (exact && f->n_passes == 1 && d == floor (d) && d >= 1.0 &&
      bd == floor (bd) && fma (plan->bias, d, -bd) == 0.0 &&
      bound + fabs (bd) + d < VC_FLOAT_EXACT) {
    *sign = plan->divisor < 0 ? -1.0 : 1.0;
    fin->inv_d = 1.0 / d;
    fin->inv_d_f = (float) fin->inv_d;
    if (is_pow2 (d)) {
      f->finish_kind = VC_FINISH_POW2;
      fin->bdh_f = (float) (bd + floor (d / 2));
    } else {
      f->finish_kind = VC_FINISH_DIV;
      fin->bdh = bd + floor (d / 2) + 0.5;
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

VcFast *
vc_fast_plan (const VcPlan * plan, int components, const VcSimd * simd,
    size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  int count = g->kh * g->kw;
  VcFast *f = calloc (1, sizeof (*f));
  double *scaled = NULL, bound = 0.0, sign;
  bool exact;
  int e;

  if (f == NULL)
    return NULL;
  f->simd = simd;
  f->components = components;
  f->n_passes = plan->kernel2 ? 2 : 1;
  f->pad_lanes = g->need_w * components;
  f->out_lanes = g->out_w * components;
  f->span = (g->kh - 1) * g->dy + 1;

  /* Phases of the padded row: pixel p is in phase p % sx. */
  f->n_phases = g->sx < g->need_w ? g->sx : g->need_w;
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
    double b = plan->sample_max * abs_sum (kernel, count) *
        (exact ? ldexp (1.0, e) : 1.0);

    bound = b > bound ? b : bound;
  }
  if (exact && bound >= VC_FLOAT_EXACT)
    exact = false;
  if (!choose_finish (f, plan, exact ? e : 0, exact, bound, &sign))
    goto fail;

  scaled = malloc ((size_t) count * sizeof (double));
  if (scaled == NULL)
    goto fail;
  for (int k = 0; k < f->n_passes; k++) {
    const double *kernel = k ? plan->kernel2 : plan->kernel;

    for (int i = 0; i < count; i++)
      scaled[i] = exact ? ldexp (kernel[i], e) : kernel[i];
    if (!make_pass (f, g, scaled, exact, sign, &f->pass[k]))
      goto fail;
  }
  free (scaled);
  scaled = NULL;

  /* Rings: enough slots for the vertical span, within a memory cap. */
  {
    bool direct = false, separable = false;
    size_t in_bytes = (size_t) f->pad_lanes * sizeof (float);
    size_t h_bytes = (size_t) f->out_lanes * sizeof (float);
    size_t total = 0;
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
#define ALIGN64(x) (((x) + 63) & ~(size_t) 63)
    total += ALIGN64 ((size_t) (f->ring_in + 2 * f->ring_h) * sizeof (int));
    total += ALIGN64 ((size_t) (f->max_taps + 1) * sizeof (float *)) * 2;
    total += ALIGN64 (in_bytes);        /* the padded row being built */
    total += ALIGN64 ((size_t) f->ring_in * in_bytes);
    total += ALIGN64 ((size_t) f->ring_h * h_bytes) * f->n_passes;
    total += ALIGN64 (h_bytes) * 2;     /* accumulators */
    total += ALIGN64 ((size_t) f->out_lanes * 2);       /* output row */
    *scratch_size = total;
  }

  snprintf (f->name, sizeof (f->name), "%s-%s/%s",
      f->pass[0].separable && (f->n_passes == 1 || f->pass[1].separable) ?
      "separable" : "direct", exact ? "int" : "float", simd->name);
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
  int lanes;
  int *tags;                    /* padded row index held, or -1 */
  float *rows;
} Ring;

typedef struct
{
  const VcPlan *plan;
  const VcFast *f;
  const VcPlane *src;
  float *prow;                  /* padded row being built */
  const float **ptrs;           /* taps of the output row */
  const float **hptrs;          /* taps of an h-row being made */
  Ring in;
  Ring h[2];
  float *acc[2];
  void *out;
} Call;

static void *
carve (uint8_t ** p, size_t bytes)
{
  void *r = *p;

  *p += ALIGN64 (bytes);
  return r;
}

static void
ring_init (Ring * r, uint8_t ** tags, uint8_t ** p, int size, int lanes)
{
  r->size = size;
  r->lanes = lanes;
  r->tags = (int *) *tags;
  *tags += (size_t) size * sizeof (int);
  for (int i = 0; i < size; i++)
    r->tags[i] = -1;
  r->rows = size ? carve (p, (size_t) size * lanes * sizeof (float)) : NULL;
}

/* Padded row r (through the row map) as float lanes, phase-split. */
static void
build_padded_row (const Call * c, int r, float *row)
{
  const VcPlan *plan = c->plan;
  const VcGeometry *g = &plan->g;
  const VcFast *f = c->f;
  const VcPlane *src = c->src;
  const int C = f->components, ps = src->pixel_stride;
  const int y = plan->row_map[r];
  const uint8_t *base;
  bool u16 = plan->sample_type == VC_SAMPLE_U16;

  if (y < 0) {
    float v = (float) plan->border_sample;

    for (int i = 0; i < f->pad_lanes; i++)
      row[i] = v;
    return;
  }
  base = (const uint8_t *) src->data + (ptrdiff_t) y * src->row_stride;

  /* The interior in one contiguous conversion when the layout allows. */
  if (g->sx == 1 && ps == C) {
    int begin = g->left < g->need_w ? g->left : g->need_w;
    int end = g->left + g->in_w < g->need_w ? g->left + g->in_w : g->need_w;

    if (u16)
      f->simd->load_u16 (row + (size_t) begin * C,
          (const uint16_t *) base + (size_t) (begin - g->left) * C,
          (end - begin) * C);
    else
      f->simd->load_u8 (row + (size_t) begin * C,
          base + (size_t) (begin - g->left) * C, (end - begin) * C);
    for (int p = 0; p < g->need_w; p++) {
      int x = plan->col_map[p];

      if (p == begin && end > begin) {
        p = end - 1;
        continue;
      }
      for (int k = 0; k < C; k++)
        row[(size_t) p * C + k] = x < 0 ? (float) plan->border_sample :
            u16 ? ((const uint16_t *) base)[(size_t) x * ps + src->offset + k]
            : base[(size_t) x * ps + src->offset + k];
    }
    return;
  }

  /* Phase by phase: the interior as a strided copy, the border through
   * the column map. */
  for (int b = 0; b < g->sx && b < g->need_w; b++) {
    float *out = row + (size_t) f->phase_start[b] * C;
    int count = f->phase_start[b + 1] - f->phase_start[b];
    /* Pixels b + t sx inside the frame: t in [t0, t1). */
    int t0 = g->left > b ? (g->left - b + g->sx - 1) / g->sx : 0;
    int t1 = g->left + g->in_w > b ?
        (g->left + g->in_w - b + g->sx - 1) / g->sx : 0;

    t1 = t1 < count ? t1 : count;
    t0 = t0 < t1 ? t0 : t1;
    for (int t = 0; t < count; t++) {
      int x;

      if (t == t0 && t1 > t0) {
        size_t step = (size_t) g->sx * ps;
        size_t first = (size_t) (b + t0 * g->sx - g->left) * ps + src->offset;
        int n = t1 - t0;

        if (u16) {
          const uint16_t *s = (const uint16_t *) base + first;
          for (int k = 0; k < C; k++)
            for (int i = 0; i < n; i++)
              out[(size_t) (t0 + i) * C + k] = s[i * step + k];
        } else {
          const uint8_t *s = base + first;
          for (int k = 0; k < C; k++)
            for (int i = 0; i < n; i++)
              out[(size_t) (t0 + i) * C + k] = s[i * step + k];
        }
        t = t1 - 1;
        continue;
      }
      x = plan->col_map[b + (size_t) t * g->sx];
      for (int k = 0; k < C; k++)
        out[(size_t) t * C + k] = x < 0 ? (float) plan->border_sample :
            u16 ? ((const uint16_t *) base)[(size_t) x * ps + src->offset + k]
            : base[(size_t) x * ps + src->offset + k];
    }
  }
}

static const float *
padded_row (Call * c, int r)
{
  Ring *ring = &c->in;
  int slot = r & (ring->size - 1);
  float *row = ring->rows + (size_t) slot * ring->lanes;

  if (ring->tags[slot] != r) {
    build_padded_row (c, r, row);
    ring->tags[slot] = r;
  }
  return row;
}

/* Row-filtered padded row r of separable pass k. */
static const float *
h_row (Call * c, int k, int r)
{
  Ring *ring = &c->h[k];
  const VcTaps *t = &c->f->pass[k].row;
  int slot = r & (ring->size - 1);
  float *row = ring->rows + (size_t) slot * ring->lanes;

  if (ring->tags[slot] != r) {
    build_padded_row (c, r, c->prow);
    for (int i = 0; i < t->n; i++)
      c->hptrs[i] = c->prow + t->off[i];
    if (t->n)
      c->f->simd->taps (row, c->hptrs, t->coef, t->n, ring->lanes, false);
    else
      memset (row, 0, (size_t) ring->lanes * sizeof (float));
    ring->tags[slot] = r;
  }
  return row;
}

/* Accumulates pass k for output row i into c->acc[k]. */
static void
run_pass (Call * c, int k, int i)
{
  const VcGeometry *g = &c->plan->g;
  const VcPass *pass = &c->f->pass[k];
  const VcTaps *t = &pass->taps;
  const Ring *ring = pass->separable ? &c->h[k] : &c->in;
  int lanes = c->f->out_lanes;
  bool whole = ring->size >= c->f->span;
  bool started = false;
  int from = 0;

  if (t->n == 0) {
    memset (c->acc[k], 0, (size_t) lanes * sizeof (float));
    return;
  }
  /* All taps in one sweep when the ring holds every row at once;
   * otherwise one sweep per kernel row. */
  for (int n = 0; n < t->n; n++) {
    int r = i * g->sy + t->m[n] * g->dy;
    const float *row = pass->separable ? h_row (c, k, r) : padded_row (c, r);

    c->ptrs[n - from] = row + t->off[n];
    if (!whole && (n + 1 == t->n || t->m[n + 1] != t->m[n])) {
      c->f->simd->taps (c->acc[k], c->ptrs, t->coef + from, n + 1 - from,
          lanes, started);
      started = true;
      from = n + 1;
    }
  }
  if (whole)
    c->f->simd->taps (c->acc[k], c->ptrs, t->coef, t->n, lanes, false);
}

static void
finish_row (Call * c, const VcPlane * dst, int i)
{
  const VcFast *f = c->f;
  const VcSimd *s = f->simd->finish_from ? f->simd->finish_from : f->simd;
  const int C = f->components, n = f->out_lanes;
  bool u16 = c->plan->sample_type == VC_SAMPLE_U16;
  size_t ss = u16 ? 2 : 1;
  uint8_t *row = (uint8_t *) dst->data + (ptrdiff_t) i * dst->row_stride;
  bool direct = dst->pixel_stride == C;
  void *out = direct ? row : c->out;
  const float *acc2 = f->n_passes == 2 ? c->acc[1] : NULL;

  switch (f->finish_kind) {
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
      if (u16)
        s->finish_ref_u16 (&f->finish, c->acc[0], acc2, out, n);
      else
        s->finish_ref_u8 (&f->finish, c->acc[0], acc2, out, n);
      break;
  }
  if (direct)
    return;
  /* Interleaved destination: only the described components are written. */
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

VcStatus
vc_fast_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch)
{
  const VcFast *f = plan->fast;
  uint8_t *p = scratch;
  uint8_t *tags;
  Call c = {.plan = plan,.f = f,.src = src };

  tags = carve (&p, (size_t) (f->ring_in + 2 * f->ring_h) * sizeof (int));
  c.ptrs = carve (&p, (size_t) (f->max_taps + 1) * sizeof (float *));
  c.hptrs = carve (&p, (size_t) (f->max_taps + 1) * sizeof (float *));
  c.prow = carve (&p, (size_t) f->pad_lanes * sizeof (float));
  ring_init (&c.in, &tags, &p, f->ring_in, f->pad_lanes);
  for (int k = 0; k < f->n_passes; k++)
    ring_init (&c.h[k], &tags, &p, f->pass[k].separable ? f->ring_h : 0,
        f->out_lanes);
  c.acc[0] = carve (&p, (size_t) f->out_lanes * sizeof (float));
  c.acc[1] = carve (&p, (size_t) f->out_lanes * sizeof (float));
  c.out = carve (&p, (size_t) f->out_lanes * 2);

  for (int i = y0; i < y1; i++) {
    for (int k = 0; k < f->n_passes; k++)
      run_pass (&c, k, i);
    finish_row (&c, dst, i);
  }
  return VC_OK;
}
