/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The ORC table: the tap loop and the conversions as ORC programs (the
 * portable SIMD layer: SSE on x86, NEON on ARM boards), the finishes from
 * the C table. orcc's functions compile their program on first use under
 * ORC's own lock; vc_simd_orc_prepare () makes that first use happen when
 * a plan is made, never while a frame is processed. The compiled code is
 * never freed, so no two programs share a code address in a process (under
 * qemu-user that matters: see tests/core/orc-test-keep.c). */
#include "vc-simd.h"
#include "vc-orc.h"

#include <orc/orc.h>
#include <pthread.h>

/* Taps four at a time (the first four set the accumulator), the rest one
 * at a time; for float lanes (f32) and 16-bit lanes (i16). */
#define TAPS_ORC(T, CT, name, sfx) \
static void \
name (T * acc, const T * const *src, const CT * coef, int ntaps, int len, \
    bool accumulate) \
{ \
  int t = 0; \
  if (!accumulate) { \
    if (ntaps >= 4) { \
      vc_orc_taps4_set_ ## sfx (acc, src[0], src[1], src[2], src[3], \
          coef[0], coef[1], coef[2], coef[3], len); \
      t = 4; \
    } else { \
      vc_orc_tap1_set_ ## sfx (acc, src[0], coef[0], len); \
      t = 1; \
    } \
  } \
  for (; t + 4 <= ntaps; t += 4) \
    vc_orc_taps4_add_ ## sfx (acc, src[t], src[t + 1], src[t + 2], \
        src[t + 3], coef[t], coef[t + 1], coef[t + 2], coef[t + 3], len); \
  for (; t < ntaps; t++) \
    vc_orc_tap1_add_ ## sfx (acc, src[t], coef[t], len); \
}

TAPS_ORC (float, float, taps_orc, f32)
TAPS_ORC (uint16_t, int16_t, taps_i16_orc, i16)

static void
load_u8_i16_orc (uint16_t * dst, const uint8_t * src, int n)
{
  vc_orc_load_u8_i16 (dst, src, n);
}

static void
load_u8_orc (float *dst, const uint8_t * src, int n)
{
  vc_orc_load_u8_f32 (dst, src, n);
}

static void
load_u16_orc (float *dst, const uint16_t * src, int n)
{
  vc_orc_load_u16_f32 (dst, src, n);
}

static pthread_once_t prepared = PTHREAD_ONCE_INIT;

/* One call of each program on a few lanes compiles them all. */
static void
prepare (void)
{
  float acc[4] = { 0 }, row[4] = { 0 };
  uint8_t u8[4] = { 0 };
  uint16_t u16[4] = { 0 }, acc16[4] = { 0 };
  const float *src[4] = { row, row, row, row };
  const uint16_t *src16[4] = { u16, u16, u16, u16 };
  const float coef[5] = { 1, 1, 1, 1, 1 };
  const int16_t coef16[5] = { 1, 1, 1, 1, 1 };

  orc_init ();
  taps_orc (acc, src, coef, 4, 4, false);
  taps_orc (acc, src, coef, 4, 4, true);
  taps_orc (acc, src, coef, 1, 4, false);
  taps_orc (acc, src, coef, 1, 4, true);
  load_u8_orc (acc, u8, 4);
  load_u16_orc (acc, u16, 4);
  taps_i16_orc (acc16, src16, coef16, 4, 4, false);
  taps_i16_orc (acc16, src16, coef16, 4, 4, true);
  taps_i16_orc (acc16, src16, coef16, 1, 4, false);
  taps_i16_orc (acc16, src16, coef16, 1, 4, true);
  load_u8_i16_orc (acc16, u8, 4);
}

void
vc_simd_orc_prepare (void)
{
  pthread_once (&prepared, prepare);
}

const VcSimd vc_simd_orc = {
  .name = "orc",
  .taps = taps_orc,
  .load_u8 = load_u8_orc,
  .load_u16 = load_u16_orc,
  .taps_i16 = taps_i16_orc,
  .load_u8_i16 = load_u8_i16_orc,
  .finish_from = &vc_simd_c,
};
