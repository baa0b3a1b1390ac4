/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vc-rng.h: the tests' random numbers. Plain C, header only.
 *
 * xorshift64 (shifts 13, 7, 17) whose draws are bits 16 to 47 of the
 * state: the same seed gives the same draws on every platform and
 * compiler, so a seed printed by a failing test reproduces its case, and
 * what a fuzz input or a test case means does not change with the build.
 * Not for anything but tests.
 */
#ifndef VC_RNG_H
#define VC_RNG_H

#include <stdint.h>

typedef struct
{
  uint64_t state;               /* never 0 */
} VcRng;

static inline void
vc_rng_seed (VcRng * rng, uint64_t seed)
{
  rng->state = seed ? seed : 0x9E3779B97F4A7C15ull;
}

/* The next draw, uniform over 32 bits. A generator never seeded (a
 * zeroed static) draws as if seeded with 0, not zeros for ever: a test
 * that forgets the seed still gets varied samples. */
static inline uint32_t
vc_rng (VcRng * rng)
{
  if (rng->state == 0)
    vc_rng_seed (rng, 0);
  rng->state ^= rng->state << 13;
  rng->state ^= rng->state >> 7;
  rng->state ^= rng->state << 17;
  return (uint32_t) (rng->state >> 16);
}

/* A draw in [lo, hi] (by remainder: a slight bias, fine for tests). */
static inline int
vc_rng_range (VcRng * rng, int lo, int hi)
{
  return lo + (int) (vc_rng (rng) % (uint32_t) (hi - lo + 1));
}

#endif /* VC_RNG_H */
