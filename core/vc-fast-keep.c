/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fast paths in place (vc_plan_prepare_in_place (),
 * vc_plan_execute_in_place ()).
 *
 * In place, an output row overwrites the input row of the same index.
 * Every input row is read once, into a ring, when the first output row
 * that needs it is made (the rings hold the kernel's whole span); if that
 * output row's index is at most the input row's, the row is still intact.
 * The exceptions are few and known before a call writes anything: rows of
 * other bands, border rows read again (reflect and wrap at the bottom),
 * and, for kernels with zero rows at their bottom, rows just after a
 * band's start. vc_fast_keep () copies those aside first. Kernels whose
 * lowest non-zero row lies above the centre (every row would be read after
 * it is overwritten) are not in place, nor are strides, other output
 * sizes, rings smaller than the span, and keep areas above the cap.
 */
#include "vc-fast-private.h"

#include <string.h>

void
vc_fast_plan_in_place (VcFast * f, const VcGeometry * g, size_t sample_bytes)
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

/* Output row i's reads of pass k, in the order a call makes them: a row
 * is read when it enters its ring (vc_fast_padded_row (),
 * vc_fast_h_row ()), so the rings' tags are followed the same way, without
 * building the rows. only: the n_only taps that can read a row that
 * output row i - 1's did not (see new_taps ()), or NULL: every tap. */
static void
keep_pass (Call * c, int k, int i, const int *only, int n_only)
{
  const VcGeometry *g = &c->plan->g;
  const VcPass *pass = &c->f->pass[k];
  const VcTaps *t = &pass->taps;
  Ring *ring = pass->separable ? &c->h[k] : &c->in;
  /* A separable pass with no row taps reads no input row. */
  bool reads = !pass->separable || pass->row.n > 0;
  const int n_taps = only ? n_only : t->n;

  for (int j = 0; j < n_taps; j++) {
    int n = only ? only[j] : j;
    int r = i * g->sy + t->m[n] * g->dy;
    int slot = r & (ring->size - 1);

    if (ring->tags[slot] == r)
      continue;
    if (reads)
      keep_read (c, r, i);
    ring->tags[slot] = r;
  }
}

/* The taps of pass k that can read a row the output row before did not,
 * into list, and how many; 0 where the rule below does not hold (then
 * every tap). With stride and dilation 1, a tap one row above another
 * (m + 1 = m') reads at output row i the row r = i + m that one read at
 * i - 1, and r is still in its slot: r is in [i, i + span - 2] and every
 * row tagged in between (output rows i - 1 and i, any pass) is in
 * [i - 1, i + span - 1], less than span <= the ring's size away, so in
 * another slot unless it is r. Only the other taps are followed. */
static int
new_taps (const Call * c, int k, int *list)
{
  const VcGeometry *g = &c->plan->g;
  const VcPass *pass = &c->f->pass[k];
  const VcTaps *t = &pass->taps;
  const Ring *ring = pass->separable ? &c->h[k] : &c->in;
  int n = 0;

  if (g->sy != 1 || g->dy != 1 || ring->size < c->f->span ||
      t->n > VC_KERNEL_MAX_SIDE)
    return 0;
  for (int j = 0; j < t->n; j++)
    if (j + 1 == t->n || t->m[j + 1] != t->m[j] + 1)
      list[n++] = j;
  return n;
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
  int list[2][VC_KERNEL_MAX_SIDE], n_list[2] = { 0, 0 };

  *h = (KeepHeader) {
  .y0 = y0,.y1 = y1,.data = plane->data,.row_stride = plane->row_stride};
  vc_fast_call_init (&c, plan, plane, plane, scratch, h);
  for (int y = 0; y < plan->g.in_h; y++)
    c.kept[y] = -1;
  for (int k = 0; k < plan->fast->n_passes; k++)
    n_list[k] = new_taps (&c, k, list[k]);
  for (int i = y0; i < y1; i++)
    for (int k = 0; k < plan->fast->n_passes; k++)
      keep_pass (&c, k, i, i > y0 && n_list[k] ? list[k] : NULL, n_list[k]);
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
  s = vc_fast_run (plan, plane, plane, y0, y1, scratch, h);
  h->magic = 0;
  return s;
}
