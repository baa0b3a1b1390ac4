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

/* preset=gaussian: sigma's range, its default (the kernel of the preset
 * table's "gaussian" row), and the largest sigma that is sampled (above
 * it: three boxes). */
#define VC_GAUSSIAN_SIGMA_MIN 0.3
#define VC_GAUSSIAN_SIGMA_MAX 40.0
#define VC_GAUSSIAN_SIGMA_DEFAULT 2.0
#define VC_GAUSSIAN_SAMPLED_MAX 2.0
/* The 1-D factor of the Gaussian of standard deviation sigma, an integer
 * row (see the README, "preset=gaussian"): writes its side (odd, 3..237)
 * coefficients into row (room for VC_KERNEL_MAX_SIDE; NULL: only the side)
 * and returns the side, or 0 for a sigma outside [VC_GAUSSIAN_SIGMA_MIN,
 * VC_GAUSSIAN_SIGMA_MAX] (or NaN). */
int vc_gaussian_row (double sigma, double *row);
/* The 2-D kernel, the row's outer product with itself: side x side
 * doubles into kernel (NULL: only the side); returns the side, or 0. */
int vc_gaussian_kernel (double sigma, double *kernel);

#ifdef __cplusplus
}
#endif
#endif /* VIDEOCONVOLVE_PRESETS_H */
