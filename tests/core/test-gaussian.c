/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* preset=gaussian's kernels (vc_gaussian_row (), vc_gaussian_kernel ()):
 * exact coefficients at a few sigmas, worked out by hand; the side rule,
 * symmetry and sum over sigma 0.3 to 40, restated here from the README;
 * the preset table's row; the refused sigmas; and the deviation from the
 * true sampled Gaussian that the README quotes. */
#include "vc-fixture.h"

#include <math.h>

#include "videoconvolve/presets.h"

#define N_ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))

static const struct
{
  double sigma;
  int side;
  double row[15];
} exact[] = {
  /* round (48 exp (-i^2 / (2 sigma^2))), i = 0..ceil (3 sigma). */
  {0.3, 3, {0, 48, 0}},
  {0.5, 5, {0, 6, 48, 6, 0}},
  {1.0, 7, {1, 6, 29, 48, 29, 6, 1}},
  {2.0, 13, {1, 2, 6, 16, 29, 42, 48, 42, 29, 16, 6, 2, 1}},
  /* sqrt (12 * 2.01^2 / 3 + 1) = 4.13: wl = 3, m = round (1.47) = 1:
   * ones (3) * ones (5) * ones (5). */
  {2.01, 11, {1, 3, 6, 9, 12, 13, 12, 9, 6, 3, 1}},
  /* sqrt (12 * 9 / 3 + 1) = 6.08: wl = 5, m = round (2) = 2:
   * ones (5) * ones (5) * ones (7). */
  {3.0, 15, {1, 3, 6, 10, 15, 19, 22, 23, 22, 19, 15, 10, 6, 3, 1}},
};

START_TEST (test_exact)
{
  double row[VC_KERNEL_MAX_SIDE];
  int side = vc_gaussian_row (exact[_i].sigma, row);

  ck_assert_msg (side == exact[_i].side, "sigma %g: side %d, expected %d",
      exact[_i].sigma, side, exact[_i].side);
  for (int n = 0; n < side; n++)
    ck_assert_msg (row[n] == exact[_i].row[n], "sigma %g: row[%d] = %g, "
        "expected %g", exact[_i].sigma, n, row[n], exact[_i].row[n]);
}

END_TEST;

/* The README's rule, restated: the box widths for sigma above 2. */
static void
box_widths (double sigma, int w[3])
{
  double ideal = sqrt (4.0 * sigma * sigma + 1.0);
  int wl = (int) ideal % 2 ? (int) ideal : (int) ideal - 1;
  double m = (12.0 * sigma * sigma - 3.0 * wl * wl - 12.0 * wl - 9.0) /
      (-4.0 * wl - 4.0);
  int boxes = (int) floor (m + 0.5);

  for (int b = 0; b < 3; b++)
    w[b] = b < boxes ? wl : wl + 2;
}

/* Every sigma from 0.3 to 40 in steps of 0.01: the side, symmetry,
 * integers, the sum, and for the boxes the variance near sigma^2. */
START_TEST (test_rule)
{
  static double row[VC_KERNEL_MAX_SIDE + 1];
  static double kernel[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];

  for (int c = 30; c <= 4000; c++) {
    double sigma = c / 100.0, sum = 0.0, var = 0.0;
    int side, want, r;
    int w[3];

    row[VC_KERNEL_MAX_SIDE] = -1.0;
    side = vc_gaussian_row (sigma, row);
    box_widths (sigma, w);
    want = sigma <= 2.0 ? 2 * (int) ceil (3.0 * sigma) + 1 :
        w[0] + w[1] + w[2] - 2;
    ck_assert_msg (side == want && side % 2 == 1 && side <= 255,
        "sigma %g: side %d, expected %d", sigma, side, want);
    ck_assert_msg (vc_gaussian_kernel (sigma, NULL) == side &&
        vc_gaussian_row (sigma, NULL) == side, "sigma %g: side without "
        "a buffer", sigma);
    r = side / 2;
    for (int n = 0; n < side; n++) {
      ck_assert_msg (row[n] == row[side - 1 - n] && row[n] == floor (row[n])
          && row[n] >= 0 && row[n] <= row[r], "sigma %g: row[%d] = %g "
          "(mirror %g, centre %g)", sigma, n, row[n], row[side - 1 - n],
          row[r]);
      sum += row[n];
      var += row[n] * (n - r) * (n - r);
    }
    var /= sum;
    if (sigma <= 2.0) {
      ck_assert_msg (row[r] == 48 && sum <= 240, "sigma %g: centre %g, "
          "sum %g", sigma, row[r], sum);
    } else {
      ck_assert_msg (sum == (double) w[0] * w[1] * w[2] && fabs (var -
              (w[0] * w[0] + w[1] * w[1] + w[2] * w[2] - 3) / 12.0) < 1e-9,
          "sigma %g: sum %g variance %g, boxes %d %d %d", sigma, sum, var,
          w[0], w[1], w[2]);
      ck_assert_msg (fabs (sqrt (var) - sigma) < 0.1 * sigma, "sigma %g: "
          "the boxes' sigma is %g", sigma, sqrt (var));
    }
    ck_assert_msg (row[VC_KERNEL_MAX_SIDE] == -1.0, "sigma %g: wrote past "
        "the row", sigma);
    if (c % 97 == 0) {
      vc_gaussian_kernel (sigma, kernel);
      for (int m = 0; m < side; m++)
        for (int n = 0; n < side; n++)
          ck_assert_msg (kernel[m * side + n] == row[m] * row[n], "sigma %g: "
              "kernel[%d][%d]", sigma, m, n);
    }
  }
}

END_TEST;

START_TEST (test_refused)
{
  double row[VC_KERNEL_MAX_SIDE];
  const double bad[] = { 0.29, 40.01, -1, 0, NAN, INFINITY };

  for (size_t i = 0; i < N_ELEMENTS (bad); i++)
    ck_assert_msg (vc_gaussian_row (bad[i], row) == 0 &&
        vc_gaussian_kernel (bad[i], NULL) == 0, "sigma %g accepted", bad[i]);
  ck_assert_int_eq (vc_gaussian_row (VC_GAUSSIAN_SIGMA_MIN, row), 3);
  ck_assert_int_eq (vc_gaussian_row (VC_GAUSSIAN_SIGMA_MAX, row), 237);
}

END_TEST;

/* The table's "gaussian" row is the kernel at the default sigma. */
START_TEST (test_preset_row)
{
  const VcPreset *p = vc_preset_lookup ("gaussian");
  static double kernel[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];
  int side = vc_gaussian_kernel (VC_GAUSSIAN_SIGMA_DEFAULT, kernel);

  ck_assert_msg (p != NULL, "no preset gaussian");
  ck_assert_msg (p->kernel_height == side && p->kernel_width == side,
      "preset gaussian is %dx%d, sigma 2 gives %d", p->kernel_height,
      p->kernel_width, side);
  for (int i = 0; i < side * side; i++)
    ck_assert_msg (p->kernel[i] == kernel[i], "preset gaussian [%d] = %g, "
        "sigma 2 gives %g", i, p->kernel[i], kernel[i]);
  ck_assert (p->divisor == 0 && p->bias == 0 && !p->absolute &&
      !p->magnitude);
}

END_TEST;

/* The largest |k[i] / sum k - g[i]| with g the Gaussian sampled at the
 * integers and normalised (over +-8 sigma, where its tail is below
 * 1e-14), k taken as 0 beyond its side; the README quotes these. */
static const struct
{
  double sigma, bound;
} deviation[] = {
  {0.5, 0.0135}, {1, 0.0040}, {2, 0.0020}, {2.01, 0.0252}, {3, 0.0051},
  {8, 0.0021}, {20, 0.0011}, {40, 0.0006},
};

START_TEST (test_deviation)
{
  static double row[VC_KERNEL_MAX_SIDE];
  double sigma = deviation[_i].sigma, sum = 0.0, gsum = 0.0, worst = 0.0;
  int side = vc_gaussian_row (sigma, row), r = side / 2;
  int reach = (int) ceil (8.0 * sigma) > r ? (int) ceil (8.0 * sigma) : r;

  for (int n = 0; n < side; n++)
    sum += row[n];
  for (int i = -reach; i <= reach; i++)
    gsum += exp (-(double) i * i / (2.0 * sigma * sigma));
  for (int i = -reach; i <= reach; i++) {
    double g = exp (-(double) i * i / (2.0 * sigma * sigma)) / gsum;
    double k = i >= -r && i <= r ? row[i + r] / sum : 0.0;

    worst = fabs (k - g) > worst ? fabs (k - g) : worst;
  }
  printf ("# sigma %g: side %d, max |k - g| %.5f (peak of g %.5f)\n", sigma,
      side, worst, 1.0 / gsum);
  ck_assert_msg (worst <= deviation[_i].bound, "sigma %g: max |k - g| = "
      "%.5f, above %.4f", sigma, worst, deviation[_i].bound);
}

END_TEST;

int
main (void)
{
  Suite *s = suite_create ("core-gaussian");
  TCase *tc = vc_fixture_tcase (s, "gaussian");

  tcase_add_loop_test (tc, test_exact, 0, N_ELEMENTS (exact));
  tcase_add_test (tc, test_rule);
  tcase_add_test (tc, test_refused);
  tcase_add_test (tc, test_preset_row);
  tcase_add_loop_test (tc, test_deviation, 0, N_ELEMENTS (deviation));
  return vc_fixture_run (s);
}
