/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Border modes: where a padded sample comes from.
 *
 * For a frame of n samples and a position p relative to it (p < 0 is in
 * the first padding, p >= n in the second), the modes follow numpy.pad,
 * for any padding size, as periodic extensions (NumPy 2 agrees; NumPy 1.x
 * has bugs when a padding exceeds the frame, see the README):
 *
 *   constant   . . . | a b c d | . . .     -1: the border value
 *   replicate  a a a | a b c d | d d d     numpy "edge"
 *   reflect    d c b | a b c d | c b a     period 2n - 2
 *   symmetric  c b a | a b c d | d c b     period 2n
 *   wrap       b c d | a b c d | a b c     period n
 */
#include "vc-private.h"

static int
positive_mod (int p, int period)
{
  int r = p % period;

  return r < 0 ? r + period : r;
}

int
vc_border_index (int p, int n, VcBorder border)
{
  int r;

  if (p >= 0 && p < n)
    return p;

  switch (border) {
    case VC_BORDER_CONSTANT:
      return -1;
    case VC_BORDER_REPLICATE:
      return p < 0 ? 0 : n - 1;
    case VC_BORDER_REFLECT:
      if (n == 1)
        return 0;
      r = positive_mod (p, 2 * n - 2);
      return r < n ? r : 2 * n - 2 - r;
    case VC_BORDER_SYMMETRIC:
      r = positive_mod (p, 2 * n);
      return r < n ? r : 2 * n - 1 - r;
    case VC_BORDER_WRAP:
      return positive_mod (p, n);
  }
  return -1;                    /* not reached: the border was validated */
}

/* map[i] = source index of padded position i, for i in [0, count), where
 * the frame starts at padded position `before`. */
void
vc_border_fill_map (int *map, int count, int before, int n, VcBorder border)
{
  for (int i = 0; i < count; i++)
    map[i] = vc_border_index (i - before, n, border);
}
