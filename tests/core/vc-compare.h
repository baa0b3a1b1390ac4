/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* How a fast path's output sample must match the reference's, shared by
 * test-paths and vc-batch. */
#ifndef VC_COMPARE_H
#define VC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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

/* How many samples of fast (size bytes of samples of ss bytes: 1, or 2
 * native-endian) fail vc_fast_sample_ok against ref; *first is the byte
 * offset of the first one. */
static inline size_t
vc_fast_mismatches (const uint8_t * fast, const uint8_t * ref, size_t size,
    size_t ss, bool approx, int shift, size_t *first)
{
  size_t count = 0;

  for (size_t i = 0; i + ss <= size; i += ss) {
    long a = ss == 2 ? *(const uint16_t *) (fast + i) : fast[i];
    long r = ss == 2 ? *(const uint16_t *) (ref + i) : ref[i];

    if (!vc_fast_sample_ok (a, r, approx, shift) && count++ == 0)
      *first = i;
  }
  return count;
}

#endif /* VC_COMPARE_H */
