/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths, fused separable: 16-bit lanes, both passes per strip.
 *
 * The row-ring path (vc-fast.c) filters every input row into a ring of
 * whole 16-bit rows and then sums the ring's rows: on wide frames those
 * rows leave the first-level cache between the two passes. Here, for each
 * output row, the two passes run on strips of STRIP lanes (a whole row
 * up to 4K), column pass first, so that what one pass writes the next
 * reads at once:
 *
 *            input rows (8-bit, the frame's own)
 *   r0  ....[=========strip + halo=========]....
 *   r1  ....[==============================]....   column taps
 *   r2  ....[==============================]....      | fused_vpass
 *                          v                          v
 *   line     [ 16-bit sums of the strip + halo ]   (in L2)
 *                          v                          | fused_hpass:
 *   out row     [=========strip=========]             row taps, finish
 *
 * The sum of a separable kernel is the same integer in either order, and
 * 16-bit lanes hold it modulo 2^16 (vc-fast-finish.c), so the result is
 * the row-ring path's, bit for bit. Borders: the column pass of a padded
 * column is the column pass of the input column it maps to (or, for the
 * constant border, the border word times the column taps' sum), so the
 * line is made for the input's columns and its border lanes looked up
 * through the column map; border rows are a row of border words.
 *
 * Taken for plans with 16-bit lanes, one separable pass, no horizontal
 * stride, and 8-bit samples whose lanes are the plane's (each pixel's
 * lanes adjacent: planar, packed RGB, or whole RGBx pixels written back
 * through a byte mask); other calls keep the row-ring path.
 *
 * Also for the "-int" plans whose sums the row-ring path takes in 32-bit
 * integers by vpmaddwd (f->madd: gaussian7, whose sums reach 255 x 4096)
 * where the column sums are samples taps_madd takes, in [0, 16383]:
 * column coefficients that are non-negative integers summing to at most
 * 64. The column pass is then the one above, exact (no sum leaves 16
 * bits), and the row taps run on its sums in 32-bit lanes, finished in
 * the same sweep where the finish is VC_FINISH_POW2's
 * (taps_madd_pow2_u8), else stored as floats (taps_madd) for the plan's
 * finish: the same integers as the row-ring path's, whose row pass comes
 * first (the kernel's sums do not depend on the order), below 2^24 as
 * there.
 *
 * Where the column taps are consecutive rows and the rows step by one
 * (no vertical stride or dilation), output rows go two at a time: the
 * column pass loads and widens each of the taps' rows and the next once
 * for both lines, a third fewer loads for 3 taps, two fifths for 5.
 *
 * In place, output row i overwrites input row i, which the column sums of
 * the next rows still read. So there the writes lag: the column sums of
 * row i go into a ring of whole lines (d + 2, for the pairs), and the row
 * pass writes row i - d, where d is the most rows any output row of the
 * band reads above itself (1 for a 3-row kernel). No row is then read
 * after it is overwritten, and no input row is copied. Rows the row-ring
 * path keeps aside (vc-fast-keep.c: other bands' rows, border rows read
 * again) are read from there, the same rows, since both paths read the
 * same input rows.
 */
#include "vc-fast-private.h"
#include "vc-simd-fused.h"

#include <string.h>

/* Output lanes per strip: a whole row up to 4K RGBx (15360 lanes). The
 * line (2 bytes a lane) and the input rows then stay in the second-level
 * cache, not the first; measured on an AVX2 EPYC (family 25), strips of
 * 16384 lanes took 0.86-0.95 times the time of strips of 1024 (which fit
 * the first-level cache), as the calls and the border lanes per strip
 * cost more than the misses, and 512 lanes took longer still. */
#define STRIP 16384

typedef struct
{
  Call c;
  const VcTaps *col, *row;
  const uint8_t **rows;         /* input row of each column tap, and of
                                 * the next output row's last with pairs */
  const uint8_t **vrows;        /* the same at the strip's start */
  const uint8_t *ahead[2];      /* rows the next sweep reads first */
  const uint8_t *vahead[2];     /* the same at the strip's start */
  int n_ahead;                  /* how many (none: no prefetch) */
  const uint16_t **hsrc;        /* line at each row tap */
  uint16_t *lines;              /* column sums by padded lane: two lines,
                                 * or in place a ring of lag () + 2 */
  size_t line_lanes;            /* lanes from one line to the next */
  int n_lines;
  bool pairs;                   /* output rows made two at a time */
  void *acc;                    /* row sums of a strip (unfused finish):
                                 * 16-bit lanes, or float with madd */
  uint8_t *obuf;                /* finished bytes of a strip (likewise) */
  uint8_t *border;              /* a row of border words */
  int in0, in1;                 /* padded lanes read by vectors */
  int end;                      /* output lanes made */
  uint32_t mask;                /* bytes of each 32 written */
} Fused;

/* Lanes of a line of column sums: the whole padded row. */
static size_t
lanes_per_line (const VcGeometry * g)
{
  return ALIGN64 ((size_t) g->need_w * VC_MAX_COMPONENTS * 2) / 2;
}

/* Scratch after the row-ring path's: the fused path's buffers. */
static size_t
fused_bytes (const VcFast * f, const VcGeometry * g)
{
  size_t row = ALIGN64 ((size_t) g->in_w * VC_MAX_COMPONENTS);
  size_t total = ALIGN64 (3 * (VC_FUSED_MAX_TAPS + 1) * sizeof (void *));

  total += (size_t) (f->in_place ? f->fused_lines : 2) * lanes_per_line (g) * 2
      + 64;
  total += ALIGN64 (STRIP * (size_t) f->lane_bytes) + ALIGN64 (STRIP) + row;
  return total;
}

/* Whether the column sums of 8-bit samples are taps_madd's samples, in
 * [0, 16383]: the column coefficients non-negative integers of at most
 * 64 in all (255 x 64 = 16320), each the same as its 16-bit lane. */
static bool
madd_columns (const VcTaps * col)
{
  int sum = 0;

  for (int n = 0; n < col->n; n++) {
    if (col->coef[n] < 0 || col->coef[n] != col->coef16[n])
      return false;
    sum += col->coef16[n];
  }
  return sum * 255 <= 16383;
}

/* Whether plans take the fused path, and its scratch (added to
 * *scratch_size, the row-ring path's scratch without the keep area). */
void
vc_fast_plan_fused (VcFast * f, const VcPlan * plan, size_t *scratch_size)
{
  const VcGeometry *g = &plan->g;
  const VcPass *p = &f->pass[0];
  const VcSimd *s = f->simd;
  bool lanes16 = f->i16 && s->fused_hpass &&
      (f->finish_kind == VC_FINISH_I16 || f->finish_kind == VC_FINISH_REF);

  /* With madd the table has taps_madd (choose_madd ()). */
  f->fused = f->n_passes == 1 && p->separable && g->sx == 1 &&
      plan->sample_type == VC_SAMPLE_U8 && plan->shift == 0 &&
      s->fused_vpass && p->taps.n >= 1 && p->row.n >= 1 &&
      p->taps.n <= VC_FUSED_MAX_TAPS && p->row.n <= VC_FUSED_MAX_TAPS &&
      (lanes16 || (f->madd && madd_columns (&p->taps)));
  if (!f->fused)
    return;
  /* In place the writes lag at most span - 1 rows (see lag ()), and a
   * call takes that lag and two lines, no more: they then stay in the
   * first-level cache where they can (a ring of 4 lines for gaussian3,
   * 1080p RGB, took 1.16 times the time of 2, one row at a time, AVX2,
   * family 26). */
  f->fused_lines = f->span + 1;
  f->fused_at = *scratch_size;
  *scratch_size += fused_bytes (f, g);
}

/* Sets up a call; false where its layout is not the fused path's. */
static bool
fused_init (Fused * u, const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, void *scratch, KeepHeader * keep)
{
  const VcFast *f = plan->fast;
  const VcGeometry *g = &plan->g;
  Call *c = &u->c;
  uint8_t *p = (uint8_t *) scratch + f->keep_bytes + f->fused_at;
  uint8_t *lines;
  size_t row = ALIGN64 ((size_t) g->in_w * VC_MAX_COMPONENTS);

  vc_fast_call_init (c, plan, src, dst, scratch, keep);
  if (src->pixel_stride != c->L || dst->pixel_stride != c->L ||
      (c->L != f->components && 32 % c->L != 0))
    return false;
  u->col = &f->pass[0].taps;
  u->row = &f->pass[0].row;
  u->rows = vc_carve (&p, 3 * (VC_FUSED_MAX_TAPS + 1) * sizeof (void *));
  u->vrows = u->rows + VC_FUSED_MAX_TAPS + 1;
  u->hsrc = (const uint16_t **) (u->vrows + VC_FUSED_MAX_TAPS + 1);
  u->n_lines = keep ? f->fused_lines : 2;
  /* Two output rows read the same rows one tap apart where the column
   * taps are consecutive rows and the rows step by one. */
  u->pairs = g->sy == 1 && g->dy == 1;
  for (int n = 1; n < u->col->n; n++)
    u->pairs = u->pairs && u->col->m[n] == u->col->m[n - 1] + 1;
  u->line_lanes = lanes_per_line (g);
  lines = vc_carve (&p, (size_t) u->n_lines * u->line_lanes * 2 + 64);
  u->acc = vc_carve (&p, STRIP * (size_t) f->lane_bytes);
  u->obuf = vc_carve (&p, STRIP);
  u->border = vc_carve (&p, row);
  memset (u->border, (int) plan->border_word, (size_t) g->in_w * c->L);
  u->in0 = g->left * c->L;
  /* Every line's lane in0 on a 64-byte boundary (lines are whole
   * multiples of 64 bytes apart): the column pass's vectors, stored from
   * there, then never straddle two cache lines. Straddling stores took
   * a fifth of the time of 1080p RGB gaussian3 on an Intel Xeon. */
  u->lines = (uint16_t *) vc_align_at (lines, (size_t) u->in0 * 2);
  /* The last pixel's lanes past its described components may lie past
   * the end of the row: that pixel goes lane by lane. */
  u->in1 = (g->left + g->in_w - (c->L == f->components ? 0 : 1)) * c->L;
  /* Nor is any lane after the last described one made: the blend would
   * read and write it, past the end of the row. */
  u->end = c->out_lanes - (c->L - c->first - f->components);
  u->mask = c->L != f->components ?
      vc_run_mask (c->L, c->first, f->components) : ~0u;
  return true;
}

/* The input row (or -1: a border row) of output row i's column tap n;
 * n = col->n: row i + 1's last tap (u->pairs). */
static int
tap_y (const Fused * u, int i, int n)
{
  const VcPlan *plan = u->c.plan;
  int m = n < u->col->n ? u->col->m[n] : u->col->m[n - 1] + 1;

  return plan->row_map[i * plan->g.sy + m * plan->g.dy];
}

/* Input row y at its first lane: kept aside, in the frame, or a row of
 * border words (y < 0). */
static const uint8_t *
row_at (const Fused * u, int y)
{
  const Call *c = &u->c;

  return y < 0 ? u->border :
      vc_fast_input_row (c, y) + c->src->offset - c->first;
}

/* The input rows of output row i's column taps; with two, and the last
 * tap of row i + 1 (u->pairs). Then the rows the next sweep of a band
 * ending at y1 reads and this one does not (its last two at most, not
 * border rows), for the column pass to ask for as it goes. */
static void
tap_rows (Fused * u, int i, bool two, int y1)
{
  int j = i + 1 + two, k = 0, ys[VC_FUSED_MAX_TAPS + 1];
  bool two_next = u->pairs && j + 1 < y1;

  for (int n = 0; n < u->col->n + two; n++) {
    ys[n] = tap_y (u, i, n);
    u->rows[n] = row_at (u, ys[n]);
  }
  for (int n = u->col->n + two_next - 1; j < y1 && n >= 0 && k < 2; n--) {
    int y = tap_y (u, j, n);
    bool seen = y < 0;

    for (int t = 0; !seen && t < u->col->n + two; t++)
      seen = ys[t] == y;
    if (!seen)
      u->ahead[k++] = row_at (u, y);
  }
  u->n_ahead = k;
  if (k == 1)
    u->ahead[1] = u->ahead[0];
}

/* Column sum of padded lane P on the column taps' rows, one lane
 * (borders, a widened last pixel). */
static uint16_t
column_lane (const Fused * u, const uint8_t * const *rows, int P)
{
  const Call *c = &u->c;
  const VcPlan *plan = c->plan;
  int p = P / c->L, k = P % c->L, x = plan->col_map[p];
  bool outside = x == plan->g.in_w - 1 && k >= c->first + c->f->components;
  unsigned a = 0;

  for (int n = 0; n < u->col->n; n++) {
    unsigned v = x < 0 ? (unsigned) plan->border_word : outside ? 0 :
        rows[n][(size_t) x * c->L + k];

    a += (unsigned) (uint16_t) u->col->coef16[n] * v;
  }
  return (uint16_t) a;
}

/* The padded lane of the input column padded lane P maps to, or -1 for
 * a border word. */
static int
padded_input_lane (const Fused * u, int P)
{
  const Call *c = &u->c;
  int x = c->plan->col_map[P / c->L];

  return x < 0 ? -1 : u->in0 + x * c->L + P % c->L;
}

/* Column sums of the padded lanes that output lanes [q0, q1) read, into
 * line, from the rows tap_rows () set; with line2, the next output row's
 * into it. */
static void
column_sums (Fused * u, uint16_t * line, uint16_t * line2, int q0, int q1)
{
  const VcFast *f = u->c.f;
  const VcTaps *t = u->row;
  const int L = u->c.L;
  int a = q0 + t->px[0] * L, b = q1 + t->px[t->n - 1] * L;
  int ia = a > u->in0 ? a : u->in0, ib = b < u->in1 ? b : u->in1;

  if (ib > ia) {
    for (int n = 0; n < u->col->n + (line2 != NULL); n++)
      u->vrows[n] = u->rows[n] + (ia - u->in0);
    for (int k = 0; k < 2 && u->n_ahead; k++)
      u->vahead[k] = u->ahead[k] + (ia - u->in0);
    f->simd->fused_vpass (line + ia, line2 ? line2 + ia : NULL, u->vrows,
        u->n_ahead ? u->vahead : NULL, u->col->coef16, u->col->n, ib - ia);
  }
  for (int P = a; P < b; P++) {
    int I;

    if (P == ia && ib > ia) {
      P = ib - 1;
      continue;
    }
    /* A padded lane whose column the vector pass has made (a replicated
     * or mirrored border) is a copy of it. */
    I = padded_input_lane (u, P);
    if (I >= ia && I < ib) {
      line[P] = line[I];
      if (line2)
        line2[P] = line2[I];
      continue;
    }
    line[P] = column_lane (u, u->rows, P);
    if (line2)
      line2[P] = column_lane (u, u->rows + 1, P);
  }
}

/* Output lanes [q0, q1) of a row into out: the row taps on the column
 * sums in line, and the finish. */
static void
row_sums (Fused * u, const uint16_t * line, int q0, int q1, uint8_t * out)
{
  const VcFast *f = u->c.f;
  const VcTaps *t = u->row;
  const int L = u->c.L;
  uint8_t *fin;

  for (int n = 0; n < t->n; n++)
    u->hsrc[n] = line + q0 + t->px[n] * L;
  if (f->finish_kind == VC_FINISH_I16) {
    f->simd->fused_hpass (out + q0, u->hsrc, t->coef16, t->n, q1 - q0,
        &f->finish, u->mask);
    return;
  }
  /* Otherwise the row sums (16-bit lanes, or with madd float ones),
   * then the finish, or both in one sweep with madd where the finish is
   * VC_FINISH_POW2's: into out when every byte is written, else through
   * obuf. */
  fin = u->mask == ~0u ? out + q0 : u->obuf;
  if (f->i16) {
    f->simd->taps_i16 (u->acc, u->hsrc, t->coef16, t->n, q1 - q0, false);
    vc_fast_finish_lanes (&u->c, u->acc, NULL, fin, q1 - q0);
  } else if (f->finish_kind == VC_FINISH_POW2 && f->simd->taps_madd_pow2_u8) {
    f->simd->taps_madd_pow2_u8 (fin, u->hsrc, t->coef16, t->n, q1 - q0,
        &f->finish);
  } else {
    f->simd->taps_madd (u->acc, u->hsrc, t->coef16, t->n, q1 - q0, false);
    vc_fast_finish_lanes (&u->c, u->acc, NULL, fin, q1 - q0);
  }
  for (int q = 0; fin == u->obuf && q < q1 - q0; q++)
    if (u->mask >> (q % 32) & 1)
      out[q0 + q] = u->obuf[q];
}

/* Output row i's first lane in dst. */
static uint8_t *
out_row (const Fused * u, const VcPlane * dst, int i)
{
  return (uint8_t *) dst->data + (ptrdiff_t) i * dst->row_stride +
      dst->offset - u->c.first;
}

/* Output row i from the column sums in line, strip by strip. */
static void
finish_row (Fused * u, const uint16_t * line, uint8_t * out)
{
  for (int q0 = 0; q0 < u->end; q0 += STRIP)
    row_sums (u, line, q0, q0 + STRIP < u->end ? q0 + STRIP : u->end, out);
}

/* In place, output row i's line in the ring of lag d. */
static uint16_t *
ring_line (const Fused * u, int i, int d)
{
  return u->lines + (size_t) (i % (d + 2)) * u->line_lanes;
}

/* In place: how many rows the writes of rows [y0, y1) must lag behind
 * their column sums, the most rows an output row reads above itself from
 * the band's own rows in the frame (rows kept aside do not count: the
 * band never writes those copies). Within span - 1 (the taps reach no
 * further, and the rows a border reads again are kept aside). */
static int
lag (const Fused * u, int y0, int y1)
{
  const Call *c = &u->c;
  const VcPlan *plan = c->plan;
  int d = 0;

  for (int i = y0; i < y1; i++)
    for (int n = 0; n < u->col->n; n++) {
      int y = plan->row_map[i * plan->g.sy + u->col->m[n] * plan->g.dy];

      if (y >= y0 && y < i && c->kept[y] < 0 && i - y > d)
        d = i - y;
    }
  return d;
}

/* Output rows [y0, y1) on the fused path; false (nothing written) where
 * the plan or the call's layout does not take it. */
bool
vc_fast_run_fused (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, KeepHeader * keep)
{
  Fused u;
  int d, made;

  if (!plan->fast->fused || !fused_init (&u, plan, src, dst, scratch, keep))
    return false;
  if (!keep) {
    /* Both passes strip by strip, while the strip's rows are cached. */
    for (int i = y0; i < y1; i += 1 + (u.pairs && i + 1 < y1)) {
      bool two = u.pairs && i + 1 < y1;
      uint16_t *line2 = two ? u.lines + u.line_lanes : NULL;

      tap_rows (&u, i, two, y1);
      for (int q0 = 0; q0 < u.end; q0 += STRIP) {
        int q1 = q0 + STRIP < u.end ? q0 + STRIP : u.end;

        column_sums (&u, u.lines, line2, q0, q1);
        row_sums (&u, u.lines, q0, q1, out_row (&u, dst, i));
        if (two)
          row_sums (&u, line2, q0, q1, out_row (&u, dst, i + 1));
      }
    }
    return true;
  }
  d = lag (&u, y0, y1);
  if (d + 2 > u.n_lines)
    return false;               /* not met (see lag ()): the row-ring path */
  /* Lines i (and i + 1) made, then rows i - d (and i + 1 - d) written. */
  for (int i = y0; i < y1 + d; i += made) {
    bool two = u.pairs && i + 1 < y1;

    made = two ? 2 : 1;
    if (i < y1) {
      tap_rows (&u, i, two, y1);
      column_sums (&u, ring_line (&u, i, d), two ? ring_line (&u, i + 1, d) :
          NULL, 0, u.end);
    }
    for (int k = 0; k < made; k++)
      if (i + k - d >= y0)
        finish_row (&u, ring_line (&u, i + k - d, d),
            out_row (&u, dst, i + k - d));
  }
  return true;
}
