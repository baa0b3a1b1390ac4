/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Named textbook filters. Each kernel is written out in full so that the
 * table reads like the documentation. */
#include "videoconvolve/presets.h"

#include <math.h>
#include <string.h>

static const double k_identity[] = { 1 };

static const double k_box3[] = {
  1, 1, 1,
  1, 1, 1,
  1, 1, 1,
};

static const double k_box5[] = {
  1, 1, 1, 1, 1,
  1, 1, 1, 1, 1,
  1, 1, 1, 1, 1,
  1, 1, 1, 1, 1,
  1, 1, 1, 1, 1,
};

/* Binomial rows [1 2 1], [1 4 6 4 1], [1 6 15 20 15 6 1], outer products. */
static const double k_gaussian3[] = {
  1, 2, 1,
  2, 4, 2,
  1, 2, 1,
};

static const double k_gaussian5[] = {
  1, 4, 6, 4, 1,
  4, 16, 24, 16, 4,
  6, 24, 36, 24, 6,
  4, 16, 24, 16, 4,
  1, 4, 6, 4, 1,
};

static const double k_gaussian7[] = {
  1, 6, 15, 20, 15, 6, 1,
  6, 36, 90, 120, 90, 36, 6,
  15, 90, 225, 300, 225, 90, 15,
  20, 120, 300, 400, 300, 120, 20,
  15, 90, 225, 300, 225, 90, 15,
  6, 36, 90, 120, 90, 36, 6,
  1, 6, 15, 20, 15, 6, 1,
};

/* preset=gaussian at sigma 2 (VC_GAUSSIAN_SIGMA_DEFAULT), as
 * vc_gaussian_kernel () makes it: the row [1 2 6 16 29 42 48 42 29 16 6 2 1]
 * (sum 240), outer product. */
#define G2(a) (a) * 1, (a) * 2, (a) * 6, (a) * 16, (a) * 29, (a) * 42, \
    (a) * 48, (a) * 42, (a) * 29, (a) * 16, (a) * 6, (a) * 2, (a) * 1
static const double k_gaussian[] = {
  G2 (1), G2 (2), G2 (6), G2 (16), G2 (29), G2 (42), G2 (48), G2 (42),
  G2 (29), G2 (16), G2 (6), G2 (2), G2 (1),
};
#undef G2

static const double k_sharpen[] = {
  0, -1, 0,
  -1, 5, -1,
  0, -1, 0,
};

static const double k_laplacian[] = {
  0, 1, 0,
  1, -4, 1,
  0, 1, 0,
};

static const double k_emboss[] = {
  -2, -1, 0,
  -1, 1, 1,
  0, 1, 2,
};

static const double k_sobel_x[] = {
  -1, 0, 1,
  -2, 0, 2,
  -1, 0, 1,
};

static const double k_sobel_y[] = {
  -1, -2, -1,
  0, 0, 0,
  1, 2, 1,
};

static const double k_prewitt_x[] = {
  -1, 0, 1,
  -1, 0, 1,
  -1, 0, 1,
};

static const double k_scharr_x[] = {
  -3, 0, 3,
  -10, 0, 10,
  -3, 0, 3,
};

#define PRESET(nick, desc, side, k, mag, div, bias, abs) \
  { nick, desc, side, side, k, mag, div, bias, abs }

static const VcPreset presets[] = {
  PRESET ("identity", "<<1>>: the input unchanged", 1, k_identity,
      false, 0, 0, false),
  PRESET ("box3", "3x3 ones / 9: box blur", 3, k_box3, false, 0, 0, false),
  PRESET ("box5", "5x5 ones / 25: box blur", 5, k_box5, false, 0, 0, false),
  PRESET ("gaussian3", "<<1,2,1>,<2,4,2>,<1,2,1>> / 16: Gaussian blur",
      3, k_gaussian3, false, 0, 0, false),
  PRESET ("gaussian5", "binomial [1 4 6 4 1] outer product / 256: "
      "Gaussian blur", 5, k_gaussian5, false, 0, 0, false),
  PRESET ("gaussian7", "binomial [1 6 15 20 15 6 1] outer product / 4096: "
      "Gaussian blur", 7, k_gaussian7, false, 0, 0, false),
  PRESET ("sharpen", "<<0,-1,0>,<-1,5,-1>,<0,-1,0>>: sharpen", 3, k_sharpen,
      false, 1, 0, false),
  PRESET ("laplacian", "<<0,1,0>,<1,-4,1>,<0,1,0>>, absolute: edges", 3,
      k_laplacian, false, 1, 0, true),
  PRESET ("emboss", "<<-2,-1,0>,<-1,1,1>,<0,1,2>>: emboss", 3, k_emboss,
      false, 1, 0, false),
  PRESET ("sobel-x", "<<-1,0,1>,<-2,0,2>,<-1,0,1>>, absolute: vertical "
      "edges", 3, k_sobel_x, false, 1, 0, true),
  PRESET ("sobel-y", "<<-1,-2,-1>,<0,0,0>,<1,2,1>>, absolute: horizontal "
      "edges", 3, k_sobel_y, false, 1, 0, true),
  PRESET ("sobel", "sqrt(gx^2 + gy^2), gx = <<-1,0,1>,<-2,0,2>,<-1,0,1>>, "
      "gy its transpose: Sobel gradient magnitude", 3, k_sobel_x, true, 1, 0,
      false),
  PRESET ("prewitt", "sqrt(gx^2 + gy^2), gx = <<-1,0,1>,<-1,0,1>,<-1,0,1>>, "
      "gy its transpose: Prewitt gradient magnitude", 3, k_prewitt_x, true, 1,
      0, false),
  PRESET ("scharr", "sqrt(gx^2 + gy^2), gx = <<-3,0,3>,<-10,0,10>,<-3,0,3>>, "
      "gy its transpose: Scharr gradient magnitude", 3, k_scharr_x, true, 1,
      0, false),
  /* Last, so that the other presets keep their enum values. */
  PRESET ("gaussian", "Gaussian blur of standard deviation sigma (the "
      "sigma property, default 2): a sampled integer Gaussian up to sigma 2, "
      "three boxes above; 13x13 at sigma 2", 13, k_gaussian, false, 0, 0,
      false),
};

const VcPreset *
vc_presets (int *count)
{
  if (count)
    *count = (int) (sizeof (presets) / sizeof (presets[0]));
  return presets;
}

const VcPreset *
vc_preset_lookup (const char *nick)
{
  int n;
  const VcPreset *p = vc_presets (&n);

  for (int i = 0; nick != NULL && i < n; i++)
    if (strcmp (p[i].nick, nick) == 0)
      return &p[i];
  return NULL;
}

void
vc_kernel_transpose (const double *k, int kh, int kw, double *out)
{
  for (int m = 0; m < kh; m++)
    for (int n = 0; n < kw; n++)
      out[n * kh + m] = k[m * kw + n];
}

void
vc_preset_apply (const VcPreset * p, VcConfig * cfg, double *kernel2)
{
  cfg->kernel = p->kernel;
  cfg->kernel_height = p->kernel_height;
  cfg->kernel_width = p->kernel_width;
  cfg->kernel2 = NULL;
  if (p->magnitude) {
    vc_kernel_transpose (p->kernel, p->kernel_height, p->kernel_width,
        kernel2);
    cfg->kernel2 = kernel2;
  }
  cfg->divisor = p->divisor;
  cfg->bias = p->bias;
  cfg->absolute = p->absolute;
}

/* ---- preset=gaussian ---------------------------------------------------- */

/* Up to sigma 2: c[r + i] = c[r - i] = round (48 exp (-i^2 / (2 sigma^2)))
 * for 0 <= i <= r = ceil (3 sigma). The peak 48 keeps the row's sum at
 * most 240, so an 8-bit plane's 2-D sums stay below 2^24. */
static int
gaussian_sampled (double sigma, double *row)
{
  int r = (int) ceil (3.0 * sigma);

  for (int i = 0; i <= r && row; i++)
    row[r + i] = row[r - i] = round (48.0 * exp (-(double) i * i /
            (2.0 * sigma * sigma)));
  return 2 * r + 1;
}

/* Above sigma 2: the convolution of three boxes of odd widths, the
 * "boxes for Gauss" rule (W. Jarosz, Fast image convolutions, 2001; I.
 * Kovesi, Fast almost-Gaussian filtering, 2010): wl = the largest odd
 * integer at most sqrt (12 sigma^2 / 3 + 1), wu = wl + 2, and
 * m = round ((12 sigma^2 - 3 wl^2 - 12 wl - 9) / (-4 wl - 4)) boxes of
 * width wl (clamped to 0..3), the others of width wu, so that the sum of
 * the boxes' variances (w^2 - 1) / 12 is closest to sigma^2. Side
 * w1 + w2 + w3 - 2, coefficients the integers of that convolution. */
static int
gaussian_boxes (double sigma, double *row)
{
  double ideal = sqrt (12.0 * sigma * sigma / 3.0 + 1.0);
  int wl = (int) floor (ideal), m, side = 1;
  int w[3];

  if (wl % 2 == 0)
    wl--;
  m = (int) round ((12.0 * sigma * sigma - 3.0 * wl * wl - 12.0 * wl - 9.0) /
      (-4.0 * wl - 4.0));
  m = m < 0 ? 0 : m > 3 ? 3 : m;
  for (int b = 0; b < 3; b++)
    w[b] = b < m ? wl : wl + 2;
  if (row)
    row[0] = 1.0;
  for (int b = 0; b < 3; b++) {
    /* row = row * ones (w[b]), in place from the end: each new value is
     * the sum of the w[b] old ones ending at it. */
    for (int i = side + w[b] - 2; i >= 0 && row; i--) {
      double v = 0.0;

      for (int k = 0; k < w[b]; k++)
        if (i - k >= 0 && i - k < side)
          v += row[i - k];
      row[i] = v;
    }
    side += w[b] - 1;
  }
  return side;
}

int
vc_gaussian_row (double sigma, double *row)
{
  if (!(sigma >= VC_GAUSSIAN_SIGMA_MIN && sigma <= VC_GAUSSIAN_SIGMA_MAX))
    return 0;
  return sigma <= VC_GAUSSIAN_SAMPLED_MAX ? gaussian_sampled (sigma, row) :
      gaussian_boxes (sigma, row);
}

int
vc_gaussian_kernel (double sigma, double *kernel)
{
  double row[VC_KERNEL_MAX_SIDE];
  int side = vc_gaussian_row (sigma, row);

  for (int m = 0; m < side && kernel; m++)
    for (int n = 0; n < side; n++)
      kernel[m * side + n] = row[m] * row[n];
  return side;
}
