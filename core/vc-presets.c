/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Named textbook filters. Each kernel is written out in full so that the
 * table reads like the documentation. */
#include "videoconvolve/presets.h"

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
