/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* How a fast path's output sample must match the reference's, shared by
 * test-paths and vc-batch. */
#ifndef VC_COMPARE_H
#define VC_COMPARE_H

#include <stdbool.h>
#include <stdlib.h>

/* Bit for bit; on a "-float" path (approx) within 1 of the sample, which
 * is stored << shift, with the same bits below it. */
static inline bool
vc_fast_sample_ok (long fast, long ref, bool approx, int shift)
{
  if (fast == ref)
    return true;
  return approx && labs ((fast >> shift) - (ref >> shift)) <= 1 &&
      ((fast ^ ref) & ((1L << shift) - 1)) == 0;
}

#endif /* VC_COMPARE_H */
