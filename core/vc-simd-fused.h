/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fused separable path's inner loops (vc-simd-fused.c), by level:
 * vc-simd.c's table of each level points at its own, or at none. */
#ifndef VC_SIMD_FUSED_H
#define VC_SIMD_FUSED_H

#include "vc-simd.h"

/* Most taps per axis the fused loops take. */
#define VC_FUSED_MAX_TAPS 9

#if defined(__AVX2__)
#define VC_FUSED_CONCAT_(a, b) a ## b
#define VC_FUSED_CONCAT(a, b) VC_FUSED_CONCAT_ (a, b)
#define VC_FUSED_VPASS VC_FUSED_CONCAT (vc_fused_vpass_, VC_SIMD_NAME)
#define VC_FUSED_HPASS VC_FUSED_CONCAT (vc_fused_hpass_, VC_SIMD_NAME)

void VC_FUSED_VPASS (uint16_t * line, uint16_t * line2,
    const uint8_t * const *rows, const uint8_t * const *ahead,
    const int16_t * coef, int ntaps, int len) VC_HIDDEN;
void VC_FUSED_HPASS (uint8_t * out, const uint16_t * const *src,
    const int16_t * coef, int ntaps, int len, const VcFinish * f,
    uint32_t mask) VC_HIDDEN;
#else
#define VC_FUSED_VPASS NULL
#define VC_FUSED_HPASS NULL
#endif

#endif /* VC_SIMD_FUSED_H */
