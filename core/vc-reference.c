/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The scalar reference implementation.
 *
 * It stays in the library for good: it is the oracle every fast path is
 * compared against, bit for bit. It favours obviousness over speed, but
 * keeps the per-sample work free of calls and border branches:
 *
 *   for each output row i:
 *     for each kernel row m:
 *       build the padded input row i*sy + m*dy as doubles (the interior is
 *       a straight copy; only the padding goes through the border map)
 *       for each kernel column n:  acc[j] += K[m][n] * row[j*sx + n*dx]
 *     out[i][j] = clamp (round (finish (acc[j])))
 *
 * Accumulation is in double, in the order m, n: with integer coefficients
 * and samples every partial sum is an exact integer (well below 2^53), so
 * integer kernels with divisor 1 are exact.
 */
#include "vc-private.h"

#include <math.h>
#include <string.h>

#define ALIGN16(x) (((x) + 15) & ~(size_t) 15)

size_t
vc_reference_scratch_size (const VcGeometry * g, bool two_kernels)
{
  size_t row = ALIGN16 ((size_t) g->need_w * sizeof (double));
  size_t acc = ALIGN16 ((size_t) g->out_w * sizeof (double));

  return row + acc * (two_kernels ? 2 : 1);
}

/* Address of sample (x, y), component c, of a plane. */
static inline const uint8_t *
sample_u8 (const VcPlane * p, int x, int y, int c)
{
  return (const uint8_t *) p->data + y * p->row_stride +
      (size_t) x * p->pixel_stride + p->offset + c;
}

static inline const uint16_t *
sample_u16 (const VcPlane * p, int x, int y, int c)
{
  return (const uint16_t *) ((const uint8_t *) p->data + y * p->row_stride) +
      (size_t) x * p->pixel_stride + p->offset + c;
}

/* Padded columns [from, to) of input row y through the border map. */
static void
load_border (const VcPlan * plan, const VcPlane * src, int y, int c,
    double *row, int from, int to)
{
  for (int p = from; p < to; p++) {
    int x = plan->col_map[p];

    if (x < 0)
      row[p] = plan->border_sample - plan->center;
    else if (plan->sample_type == VC_SAMPLE_U8)
      row[p] = *sample_u8 (src, x, y, c) - plan->center;
    else
      row[p] = *sample_u16 (src, x, y, c) * plan->word_unit - plan->center;
  }
}

/* Input row y (component c) as the padded row of need_w doubles. */
static void
load_padded_row (const VcPlan * plan, const VcPlane * src, int y, int c,
    double *row)
{
  const VcGeometry *g = &plan->g;
  int ps = src->pixel_stride;
  int begin = g->left < g->need_w ? g->left : g->need_w;
  int end = g->left + g->in_w < g->need_w ? g->left + g->in_w : g->need_w;

  /* The interior: a straight strided copy. */
  if (plan->sample_type == VC_SAMPLE_U8) {
    const uint8_t *s = sample_u8 (src, 0, y, c);
    for (int p = begin; p < end; p++)
      row[p] = s[(size_t) (p - g->left) * ps] - plan->center;
  } else {
    const uint16_t *s = sample_u16 (src, 0, y, c);
    for (int p = begin; p < end; p++)
      row[p] = s[(size_t) (p - g->left) * ps] * plan->word_unit -
          plan->center;
  }
  load_border (plan, src, y, c, row, 0, begin);
  load_border (plan, src, y, c, row, end, g->need_w);
}

static void
accumulate (const double *k, int kw, int dx, int sx, int out_w,
    const double *row, double *acc)
{
  for (int n = 0; n < kw; n++) {
    const double coef = k[n];
    const double *r = row + (size_t) n * dx;

    if (coef == 0.0)
      continue;
    for (int j = 0; j < out_w; j++)
      acc[j] += coef * r[(size_t) j * sx];
  }
}

static void
store_row (const VcPlan * plan, const VcPlane * dst, int y, int c,
    const double *acc, const double *acc2)
{
  int out_w = plan->g.out_w;

  for (int j = 0; j < out_w; j++) {
    double v = acc2 ? sqrt (acc[j] * acc[j] + acc2[j] * acc2[j]) : acc[j];

    v /= plan->divisor;
    if (plan->absolute)
      v = fabs (v);
    v = vc_round_clamp ((v + plan->bias) + plan->center, plan->sample_max);

    if (plan->sample_type == VC_SAMPLE_U8)
      *(uint8_t *) sample_u8 (dst, j, y, c) = (uint8_t) v;
    else
      *(uint16_t *) sample_u16 (dst, j, y, c) = (uint16_t) ((int) v <<
          plan->shift);
  }
}

VcStatus
vc_reference_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch)
{
  const VcGeometry *g = &plan->g;
  double *row = scratch;
  double *acc = (double *) ((uint8_t *) scratch +
      ALIGN16 ((size_t) g->need_w * sizeof (double)));
  double *acc2 = plan->kernel2 ? acc + ALIGN16 ((size_t) g->out_w *
      sizeof (double)) / sizeof (double) : NULL;

  for (int c = 0; c < src->components; c++) {
    for (int i = y0; i < y1; i++) {
      memset (acc, 0, (size_t) g->out_w * sizeof (double));
      if (acc2)
        memset (acc2, 0, (size_t) g->out_w * sizeof (double));

      for (int m = 0; m < g->kh; m++) {
        int y = plan->row_map[(size_t) i * g->sy + (size_t) m * g->dy];

        if (y < 0) {
          for (int p = 0; p < g->need_w; p++)
            row[p] = plan->border_sample - plan->center;
        } else {
          load_padded_row (plan, src, y, c, row);
        }
        accumulate (plan->kernel + (size_t) m * g->kw, g->kw, g->dx, g->sx,
            g->out_w, row, acc);
        if (acc2)
          accumulate (plan->kernel2 + (size_t) m * g->kw, g->kw, g->dx,
              g->sx, g->out_w, row, acc2);
      }
      store_row (plan, dst, i, c, acc, acc2);
    }
  }
  return VC_OK;
}
