/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, the finish: the lanes and the finish a plan takes,
 * and finishing a row of accumulators into samples.
 *
 * The finish turns A (the accumulator, see vc-fast-kernel.c) into a
 * sample. Where the divisor times 2^e is an
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
 * The path name then ends in "16" ("separable-int16/avx512"). Where Y
 * itself fits 16 bits, the finish runs on the tap loop's registers
 * (taps_i16_finish, fused_hpass): a shift for a divisor that is a power
 * of two, else floor (Y / D) by a multiply-high and shifts (vc_div16 (),
 * the division for every 16-bit Y).
 */
#include "vc-fast-private.h"

#include <math.h>

static bool
is_pow2 (double d)
{
  int e;

  return frexp (d, &e) == 0.5;
}

/* Whether Y = (|A| or A) + bdh_i fits 16 bits as it is (unsigned or
 * signed), for A in [lo, hi], so that the finish can run on the 16-bit
 * lanes inside the tap loop (taps_i16_finish). A divisor d that is not a
 * power of two takes floor ((Y + 0.5) / d) = floor (Y / d) (integers) by
 * vc_div16 (), of max (Y, 0) where Y is signed: a negative Y clamps to 0
 * either way. */
static void
choose_fused (VcFast * f, double lo, double hi, double d)
{
  VcFinish *fin = &f->finish;
  double b = fin->bdh_i;
  bool abs_ok = lo >= -32767 && hi <= 32767;

  fin->fused = VC_FUSED_NONE;
  fin->round16 = false;
  if (fin->shift < 0 && !(d >= 2 && d <= 65535))
    return;
  if (fin->absolute) {
    if (!abs_ok)
      return;
    hi = hi > -lo ? hi : -lo;
    lo = 0;
  }
  if (!fin->absolute && fin->shift >= 1 && fin->shift <= 15 &&
      fin->bdh_i == 1 << (fin->shift - 1) && lo >= 0 && hi <= 32767)
    fin->round16 = true;
  if (lo + b >= 0 && hi + b <= 65535)
    fin->fused = fin->absolute ? VC_FUSED_ABS_UNSIGNED : VC_FUSED_UNSIGNED;
  else if (lo + b >= -32768 && hi + b <= 32767)
    fin->fused = fin->absolute ? VC_FUSED_ABS_SIGNED : VC_FUSED_SIGNED;
  if (fin->fused != VC_FUSED_NONE && fin->shift < 0) {
    fin->div_d = (int) d;
    vc_div16_magic (fin->div_d, &fin->div_m, &fin->div_s);
  }
}

/* The fields of the reference finish (any lanes): the plan's own
 * divisor, bias and center; the accumulator is scaled back by 2^-e and
 * has center x sum0 (the kernel's scaled sum) taken off, as the reference
 * sums P - center. */
void
vc_fast_reference_finish (VcFinish * fin, const VcPlan * plan, int e,
    double sum0)
{
  fin->absolute = plan->absolute;
  fin->sample_max = plan->sample_max;
  fin->scale = ldexp (1.0, -e - plan->shift);
  fin->divisor = plan->divisor;
  fin->bias = plan->bias;
  fin->center = plan->center;
  fin->sub = plan->center * sum0 * ldexp (1.0, -e);
}

/* Picks the lanes and the finish from the kernel analysis (see
 * VcKernelStats). Returns false if the float path is not accurate enough
 * (the reference is used then). */
bool
vc_fast_choose_finish (VcFast * f, const VcPlan * plan,
    const VcKernelStats * ks, double *sign)
{
  VcFinish *fin = &f->finish;
  const bool exact = ks->exact;
  const int e = exact ? ks->e : 0;
  const double bound = ks->bound, sum0 = ks->sum[0];
  const double *pos = ks->pos, *neg = ks->neg;
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
      f->finishes->finish_i16_u8 && !f->no_i16;
  /* (bias + center) * d must be an integer exactly, not only after
   * rounding: the fma gives the product's rounding error. */
  bool integer_finish = exact && d == floor (d) && d >= 1.0 &&
      bc - plan->center == plan->bias && bd0 == floor (bd0) &&
      fma (bc, d, -bd0) == 0.0 && bound + fabs (bd) + h <= VC_FLOAT_EXACT;

  *sign = 1.0;
  vc_fast_reference_finish (fin, plan, e, sum0);
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
          *sign > 0 ? pos[0] : -neg[0], d);
      return true;
    }
    if (is_pow2 (d)) {
      f->finish_kind = VC_FINISH_POW2;
      fin->bdh_f = (float) (bd + h);
    } else if (top < 4194304.0) {
      /* floor ((Y + 0.5) * inv_d_f) in float, as on 16-bit lanes (exact
       * for |Y| < 2^22): twice the lanes of the double finish. */
      f->finish_kind = VC_FINISH_POW2;
      fin->bdh_f = (float) (bd + h + 0.5);
    } else {
      /* In 32-bit integers (vc_div32 (), Y = X + bdh_i at most top)
       * where bd is an integer, else in double (div32_m left 0). */
      f->finish_kind = VC_FINISH_DIV;
      fin->bdh = bd + h + 0.5;
      fin->div32_m = 0;
      if (bd == floor (bd) && top < 1073741824.0)
        vc_div32_magic ((uint32_t) d, (uint32_t) top, &fin->div32_m,
            &fin->div32_k);
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

/* Whether a call's row lanes are dst's samples: its packed components. */
bool
vc_fast_lanes_are_dst (const Call * c, const VcPlane * dst)
{
  return dst->pixel_stride == c->f->components && c->L == c->f->components;
}

/* Finishes n lanes of the accumulators, acc (the first pass's) and acc2
 * (the second's, or NULL), into out. */
void
vc_fast_finish_lanes (const Call * c, const void *acc, const void *acc2,
    void *out, int n)
{
  const VcFast *f = c->f;
  const VcSimd *s = f->finishes;
  bool u16 = c->plan->sample_type == VC_SAMPLE_U16;

  switch (f->finish_kind) {
    case VC_FINISH_I16:
      s->finish_i16_u8 (&f->finish, acc, NULL, out, n);
      break;
    case VC_FINISH_MAG:
      s->finish_mag_i16_u8 (&f->finish, acc, acc2, out, n);
      break;
    case VC_FINISH_POW2:
      if (u16)
        s->finish_pow2_u16 (&f->finish, acc, NULL, out, n);
      else
        s->finish_pow2_u8 (&f->finish, acc, NULL, out, n);
      break;
    case VC_FINISH_DIV:
      if (u16)
        s->finish_div_u16 (&f->finish, acc, NULL, out, n);
      else
        s->finish_div_u8 (&f->finish, acc, NULL, out, n);
      break;
    case VC_FINISH_REF:
      if (f->i16)
        s->finish_ref_i16_u8 (&f->finish, acc, acc2, out, n);
      else if (f->f64 && u16)
        s->finish_ref_f64_u16 (&f->finish, acc, acc2, out, n);
      else if (f->f64)
        s->finish_ref_f64_u8 (&f->finish, acc, acc2, out, n);
      else if (u16)
        s->finish_ref_u16 (&f->finish, acc, acc2, out, n);
      else
        s->finish_ref_u8 (&f->finish, acc, acc2, out, n);
      break;
  }
}

/* Makes output row i from the accumulators, acc (the first pass's) and
 * c->acc[1] (the second's), unless the tap loop already did (finished),
 * and writes it to dst. */
void
vc_fast_finish_row (Call * c, const void *acc, const VcPlane * dst, int i,
    bool finished)
{
  const VcFast *f = c->f;
  const VcSimd *s = f->finishes;
  const int n = c->out_lanes;
  bool u16 = c->plan->sample_type == VC_SAMPLE_U16;
  size_t ss = u16 ? 2 : 1;
  uint8_t *row = (uint8_t *) dst->data + (ptrdiff_t) i * dst->row_stride;
  const int shift = c->plan->shift;
  bool direct_layout = vc_fast_lanes_are_dst (c, dst);
  bool direct = direct_layout && shift == 0;
  void *out = direct ? row : c->out;

  if (!finished)
    vc_fast_finish_lanes (c, acc, f->n_passes == 2 ? c->acc[1] : NULL, out, n);
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
