/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Named textbook filters: kernel, divisor, bias, absolute. */
#ifndef VIDEOCONVOLVE_PRESETS_H
#define VIDEOCONVOLVE_PRESETS_H

#include "videoconvolve/convolve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct
{
  const char *nick;             /* "gaussian3", "sobel", ... */
  const char *description;      /* one line, with the matrix */
  int kernel_height, kernel_width;
  const double *kernel;
  /* Gradient magnitude: kernel2 is the transpose of kernel. */
  bool magnitude;
  double divisor;               /* 0: auto (the kernel sum) */
  double bias;
  bool absolute;
} VcPreset;

/* The presets in a fixed order (the element's enum follows it). */
const VcPreset *vc_presets (int *count);
/* NULL if nick is unknown. */
const VcPreset *vc_preset_lookup (const char *nick);
/* Transposes a kh x kw kernel into out (kw x kh). */
void vc_kernel_transpose (const double *k, int kh, int kw, double *out);
/* Sets cfg's kernel (and, for a magnitude preset, kernel2, the transpose,
 * written into `kernel2`: kernel_height x kernel_width doubles), divisor,
 * bias and absolute to the preset's; other fields are left as they are. */
void vc_preset_apply (const VcPreset * p, VcConfig * cfg, double *kernel2);

#ifdef __cplusplus
}
#endif
#endif /* VIDEOCONVOLVE_PRESETS_H */
