/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every parameter of the core, alone and combined, on inputs small enough
 * that the expected output was worked out by hand; the comment above each
 * case shows how. P is the padded input, K the kernel, acc the sum of
 * products, "div" the divisor. Where a border mode is involved, the padded
 * rows written out by hand were also compared once with numpy.pad (same
 * mode names) to make sure the hand reading of the modes is numpy's.
 *
 * Each case runs through every execution mode of vc-fixture.h (fast path,
 * reference, 1-row and 2-row bands), with canaries around the output.
 */
#include "vc-fixture.h"

#include <math.h>

#define INTS(...) ((const int[]) { __VA_ARGS__ })
#define COEFS(...) ((const double[]) { __VA_ARGS__ })
#define N_ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))

/* 4 x 5 ramp: row y, column x holds 5 y + x + 1. */
static const int ramp_4x5[] = {
  1, 2, 3, 4, 5,
  6, 7, 8, 9, 10,
  11, 12, 13, 14, 15,
  16, 17, 18, 19, 20,
};

static const int nine_3x3[] = {
  1, 2, 3,
  4, 5, 6,
  7, 8, 9,
};

/* A dark frame with a bright 2x2 square in the bottom right corner. */
static const int corner_4x4[] = {
  0, 0, 0, 0,
  0, 0, 0, 0,
  0, 0, 8, 8,
  0, 0, 8, 8,
};

static const double k_1234[] = { 1, 2, 3, 4 };
static const double k_ones9[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
static const double k_sobel_x[] = { -1, 0, 1, -2, 0, 2, -1, 0, 1 };
static const double k_sobel_y[] = { -1, -2, -1, 0, 0, 0, 1, 2, 1 };
static const double k_identity[] = { 1 };

/* One configuration. Zero-initialised fields mean: stride and dilation 1
 * (0 is read as 1 here), no padding, border constant, border_value 0,
 * divisor 0 = auto, bias 0, u8, a plain matrix, no forced output size. */
typedef struct
{
  const char *name;
  const int *input;
  int height, width;
  const double *kernel;
  const double *kernel2;
  int kh, kw;
  int sy, sx, dy, dx;
  int top, bottom, left, right;
  VcBorder border;
  double border_value, divisor, bias, center;
  bool absolute;
  VcSampleType type;
  VcTestLayout layout;
  int force_h, force_w;
  const int *expected;
  int out_h, out_w;
} ParamCase;

static const ParamCase cases[] = {
  /* ----------------------------------------------- stride and dilation */

  /* acc[i][j] = 1 P[2i][3j] + 2 P[2i][3j+1] + 3 P[2i+1][3j] + 4 P[2i+1][3j+1]
   *   [0][0] = 1 + 2*2 + 3*6 + 4*7      = 51
   *   [0][1] = 4 + 2*5 + 3*9 + 4*10     = 81
   *   [1][0] = 11 + 2*12 + 3*16 + 4*17  = 151
   *   [1][1] = 14 + 2*15 + 3*19 + 4*20  = 181
   * H = floor ((4 - 2) / 2) + 1 = 2, W = floor ((5 - 2) / 3) + 1 = 2 */
  {.name = "stride (2, 3) alone", .input = ramp_4x5, .height = 4, .width = 5,
    .kernel = k_1234, .kh = 2, .kw = 2, .sy = 2, .sx = 3, .divisor = 1,
    .expected = INTS (51, 81, 151, 181), .out_h = 2, .out_w = 2},

  /* Taps at rows i, i + 2 and columns j, j + 3:
   *   [0][0] = 1 + 2*4 + 3*11 + 4*14    = 98
   *   [0][1] = 2 + 2*5 + 3*12 + 4*15    = 108
   *   [1][0] = 6 + 2*9 + 3*16 + 4*19    = 148
   *   [1][1] = 7 + 2*10 + 3*17 + 4*20   = 158
   * H = 4 - 2*1 - 1 + 1 = 2, W = 5 - 3*1 - 1 + 1 = 2 */
  {.name = "dilation (2, 3) alone", .input = ramp_4x5, .height = 4, .width = 5,
    .kernel = k_1234, .kh = 2, .kw = 2, .dy = 2, .dx = 3, .divisor = 1,
    .expected = INTS (98, 108, 148, 158), .out_h = 2, .out_w = 2},

  /* Stride (1, 2), dilation (2, 1): taps P[i][2j], P[i][2j+1],
   * P[i+2][2j], P[i+2][2j+1]:
   *   [0][0] = 1 + 2*2 + 3*11 + 4*12    = 86
   *   [0][1] = 3 + 2*4 + 3*13 + 4*14    = 106
   *   [1][0] = 6 + 2*7 + 3*16 + 4*17    = 136
   *   [1][1] = 8 + 2*9 + 3*18 + 4*19    = 156 */
  {.name = "stride (1, 2) with dilation (2, 1)", .input = ramp_4x5,
    .height = 4, .width = 5, .kernel = k_1234, .kh = 2, .kw = 2, .sy = 1,
    .sx = 2, .dy = 2, .dx = 1, .divisor = 1,
    .expected = INTS (86, 106, 136, 156), .out_h = 2, .out_w = 2},

  /* 2 x 3 kernel (even x odd) K = [1 0 2; 0 3 0] on
   * [1 2 3 4; 5 6 7 8; 9 10 11 12]:
   *   acc[i][j] = P[i][j] + 2 P[i][j+2] + 3 P[i+1][j+1]
   *   [0][0] = 1 + 2*3 + 3*6    = 25      [0][1] = 2 + 2*4 + 3*7   = 31
   *   [1][0] = 5 + 2*7 + 3*10   = 49      [1][1] = 6 + 2*8 + 3*11  = 55 */
  {.name = "2x3 kernel", .input = INTS (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
    .height = 3, .width = 4, .kernel = COEFS (1, 0, 2, 0, 3, 0), .kh = 2,
    .kw = 3, .divisor = 1, .expected = INTS (25, 31, 49, 55), .out_h = 2,
    .out_w = 2},

  /* ------------------------------------------------------------ padding */

  /* 1x1 identity kernel: the output is P itself. Input [1 2; 3 4], one
   * row of 9 on top, two below, three columns of 9 left, none right. */
  {.name = "asymmetric padding 1/2/3/0, constant 9",
    .input = INTS (1, 2, 3, 4), .height = 2, .width = 2, .kernel = k_identity,
    .kh = 1, .kw = 1, .top = 1, .bottom = 2, .left = 3, .border_value = 9,
    .expected = INTS (9, 9, 9, 9, 9,
        9, 9, 9, 1, 2,
        9, 9, 9, 3, 4,
        9, 9, 9, 9, 9,
        9, 9, 9, 9, 9), .out_h = 5, .out_w = 5},

  /* Input [1 2 3; 4 5 6], top 0, bottom 1, left 2, right 1, zeros:
   *   P = 0 0 1 2 3 0      K = 1 2
   *       0 0 4 5 6 0          3 4
   *       0 0 0 0 0 0
   *   [0][j]: 0, 2*1 + 4*4 = 18, 1 + 2*2 + 3*4 + 4*5 = 37,
   *           2 + 2*3 + 3*5 + 4*6 = 47, 3 + 3*6 = 21
   *   [1][j]: 0, 2*4 = 8, 4 + 2*5 = 14, 5 + 2*6 = 17, 6 */
  {.name = "asymmetric padding 0/1/2/1 with a 2x2 kernel",
    .input = INTS (1, 2, 3, 4, 5, 6), .height = 2, .width = 3,
    .kernel = k_1234, .kh = 2, .kw = 2, .bottom = 1, .left = 2, .right = 1,
    .divisor = 1, .expected = INTS (0, 18, 37, 47, 21,
        0, 8, 14, 17, 6), .out_h = 2, .out_w = 5},

  /* "same" with a 3x3 box (pads 1 all round, zeros): each output is the
   * sum of the 3x3 neighbourhood inside the frame, e.g.
   *   [0][0] = 1 + 2 + 4 + 5 = 12, [1][1] = 1 + ... + 9 = 45,
   *   [2][1] = 4 + 5 + 6 + 7 + 8 + 9 = 39 */
  {.name = "same padding, 3x3 kernel", .input = nine_3x3, .height = 3,
    .width = 3, .kernel = k_ones9, .kh = 3, .kw = 3, .top = VC_PAD_SAME,
    .bottom = VC_PAD_SAME, .left = VC_PAD_SAME, .right = VC_PAD_SAME,
    .divisor = 1, .expected = INTS (12, 21, 16,
        27, 45, 33,
        24, 39, 28), .out_h = 3, .out_w = 3},

  /* "same" with a 2x2 box: total 1, so 0 on top/left and 1 below/right;
   * out[i][j] = P[i][j] + P[i][j+1] + P[i+1][j] + P[i+1][j+1]:
   *   [0][0] = 1 + 2 + 4 + 5 = 12, [0][2] = 3 + 6 = 9, [2][2] = 9
   * (padding on top/left instead would give [0][0] = 1). */
  {.name = "same padding, 2x2 kernel pads bottom/right", .input = nine_3x3,
    .height = 3, .width = 3, .kernel = k_ones9, .kh = 2, .kw = 2,
    .top = VC_PAD_SAME, .bottom = VC_PAD_SAME, .left = VC_PAD_SAME,
    .right = VC_PAD_SAME, .divisor = 1, .expected = INTS (12, 16, 9,
        24, 28, 15,
        15, 17, 9), .out_h = 3, .out_w = 3},

  /* "same", 1x3 box, stride 2 on 5 samples: W = ceil (5 / 2) = 3.
   *   P = 0 10 20 30 40 50 0; sums at 0, 2, 4: 30, 90, 90 */
  {.name = "same padding with stride 2", .input = INTS (10, 20, 30, 40, 50),
    .height = 1, .width = 5, .kernel = k_ones9, .kh = 1, .kw = 3, .sx = 2,
    .left = VC_PAD_SAME, .right = VC_PAD_SAME, .divisor = 1,
    .expected = INTS (30, 90, 90), .out_h = 1, .out_w = 3},

  /* "same", K = [1 2] dilated by 3: total 3, left 1, right 2; stride 2,
   * so W = ceil (5 / 2) = 3.
   *   P = 0 1 2 3 4 5 0 0; out[j] = P[2j] + 2 P[2j+3]:
   *   0 + 2*3 = 6, 2 + 2*5 = 12, 4 + 2*0 = 4 */
  {.name = "same padding, even kernel, dilation 3, stride 2 (x)",
    .input = INTS (1, 2, 3, 4, 5), .height = 1, .width = 5,
    .kernel = COEFS (1, 2), .kh = 1, .kw = 2, .sx = 2, .dx = 3,
    .left = VC_PAD_SAME, .right = VC_PAD_SAME, .divisor = 1,
    .expected = INTS (6, 12, 4), .out_h = 1, .out_w = 3},

  /* The same, transposed: a column, the kernel [1; 2], along y. */
  {.name = "same padding, even kernel, dilation 3, stride 2 (y)",
    .input = INTS (1, 2, 3, 4, 5), .height = 5, .width = 1,
    .kernel = COEFS (1, 2), .kh = 2, .kw = 1, .sy = 2, .dy = 3,
    .top = VC_PAD_SAME, .bottom = VC_PAD_SAME, .divisor = 1,
    .expected = INTS (6, 12, 4), .out_h = 3, .out_w = 1},

  /* ----------------------------------------- border modes with a kernel */

  /* Reflect, 4 each side: P = 3 4 3 2 | 1 2 3 4 | 3 2 1 2 (12 samples).
   * K = [1 2 3] dilated by 2 (reach 5), stride 3: W = (12 - 5) / 3 + 1 = 3
   *   out[j] = P[3j] + 2 P[3j+2] + 3 P[3j+4]
   *   3 + 2*3 + 3*1 = 12, 2 + 2*2 + 3*4 = 18, 3 + 2*3 + 3*1 = 12 */
  {.name = "reflect, padding 4, dilation 2, stride 3",
    .input = INTS (1, 2, 3, 4), .height = 1, .width = 4,
    .kernel = COEFS (1, 2, 3), .kh = 1, .kw = 3, .sx = 3, .dx = 2, .left = 4,
    .right = 4, .border = VC_BORDER_REFLECT, .divisor = 1,
    .expected = INTS (12, 18, 12), .out_h = 1, .out_w = 3},

  /* Symmetric, 2 all round, on [1 2 3; 4 5 6]:
   *   P = 5 4 4 5 6 6 5
   *       2 1 1 2 3 3 2
   *       2 1 1 2 3 3 2
   *       5 4 4 5 6 6 5
   *       5 4 4 5 6 6 5
   *       2 1 1 2 3 3 2
   * K = [1 2; 3 4], dilation (3, 4), stride 2:
   *   out[i][j] = P[2i][2j] + 2 P[2i][2j+4] + 3 P[2i+3][2j] + 4 P[2i+3][2j+4]
   *   [0][0] = 5 + 2*6 + 3*5 + 4*6 = 56   [0][1] = 4 + 2*5 + 3*4 + 4*5 = 46
   *   [1][0] = 2 + 2*3 + 3*2 + 4*3 = 26   [1][1] = 1 + 2*2 + 3*1 + 4*2 = 16 */
  {.name = "symmetric, padding 2, dilation (3, 4), stride 2",
    .input = INTS (1, 2, 3, 4, 5, 6), .height = 2, .width = 3,
    .kernel = k_1234, .kh = 2, .kw = 2, .sy = 2, .sx = 2, .dy = 3, .dx = 4,
    .top = 2, .bottom = 2, .left = 2, .right = 2,
    .border = VC_BORDER_SYMMETRIC, .divisor = 1,
    .expected = INTS (56, 46, 26, 16), .out_h = 2, .out_w = 2},

  /* Wrap with a kernel wider than the frame: 1x7 box, "same" (3 + 3) on
   * [1 2 3]: P = 1 2 3 1 2 3 1 2 3; windows of 7: 13, 14, 15 */
  {.name = "wrap, 1x7 kernel on a 3-sample frame", .input = INTS (1, 2, 3),
    .height = 1, .width = 3, .kernel = k_ones9, .kh = 1, .kw = 7,
    .left = VC_PAD_SAME, .right = VC_PAD_SAME, .border = VC_BORDER_WRAP,
    .divisor = 1, .expected = INTS (13, 14, 15), .out_h = 1, .out_w = 3},

  /* Reflect of a single sample (numpy.pad ([5], 2, "reflect") is all 5). */
  {.name = "reflect, 1x1 frame, padding 2", .input = INTS (5), .height = 1,
    .width = 1, .kernel = k_identity, .kh = 1, .kw = 1, .top = 2, .bottom = 2,
    .left = 2, .right = 2, .border = VC_BORDER_REFLECT,
    .expected = INTS (5, 5, 5, 5, 5,
        5, 5, 5, 5, 5,
        5, 5, 5, 5, 5,
        5, 5, 5, 5, 5,
        5, 5, 5, 5, 5), .out_h = 5, .out_w = 5},

  /* border_value is made a sample first: rounded half away from zero and
   * clamped. 2.5 -> 3 all round [1 2] */
  {.name = "border_value 2.5 rounds to 3", .input = INTS (1, 2), .height = 1,
    .width = 2, .kernel = k_identity, .kh = 1, .kw = 1, .left = 1,
    .right = 1, .border_value = 2.5, .expected = INTS (3, 1, 2, 3),
    .out_h = 1, .out_w = 4},

  /* -4 -> 0 */
  {.name = "border_value -4 clamps to 0", .input = INTS (1, 2), .height = 1,
    .width = 2, .kernel = k_identity, .kh = 1, .kw = 1, .left = 1,
    .right = 1, .border_value = -4, .expected = INTS (0, 1, 2, 0),
    .out_h = 1, .out_w = 4},

  /* 300 -> 255 before it meets the kernel: K = [1 1], divisor 2:
   * (255 + 1) / 2 = 128 (not (300 + 1) / 2 -> 151), (1 + 2) / 2 -> 2 */
  {.name = "border_value 300 clamps to 255 before the kernel",
    .input = INTS (1, 2), .height = 1, .width = 2, .kernel = COEFS (1, 1),
    .kh = 1, .kw = 2, .left = 1, .border_value = 300, .divisor = 2,
    .expected = INTS (128, 2), .out_h = 1, .out_w = 2},

  /* u16: 70000 -> 65535 */
  {.name = "u16: border_value 70000 clamps to 65535", .input = INTS (1, 2),
    .height = 1, .width = 2, .kernel = k_identity, .kh = 1, .kw = 1,
    .left = 1, .border_value = 70000, .type = VC_SAMPLE_U16,
    .expected = INTS (65535, 1, 2), .out_h = 1, .out_w = 3},

  /* ------------------------------------------------- divisor, rounding */

  /* (10 + 20) / 4 = 7.5 -> 8, (20 + 30) / 4 = 12.5 -> 13 (half to even
   * would give 12), (30 + 41) / 4 = 17.75 -> 18 */
  {.name = "explicit divisor 4, halves away from zero",
    .input = INTS (10, 20, 30, 41), .height = 1, .width = 4,
    .kernel = COEFS (1, 1), .kh = 1, .kw = 2, .divisor = 4,
    .expected = INTS (8, 13, 18), .out_h = 1, .out_w = 3},

  /* Auto divisor = 1 + 2 + 1 = 4: (4 + 16 + 12) / 4 = 8,
   * (8 + 24 + 16) / 4 = 12, (12 + 32 + 20) / 4 = 16 */
  {.name = "auto divisor: the kernel sum 4", .input = INTS (4, 8, 12, 16, 20),
    .height = 1, .width = 5, .kernel = COEFS (1, 2, 1), .kh = 1, .kw = 3,
    .expected = INTS (8, 12, 16), .out_h = 1, .out_w = 3},

  /* Auto divisor 2: 5 / 2 = 2.5 -> 3, 6 / 2 = 3, 13 / 2 = 6.5 -> 7,
   * 13 / 2 = 6.5 -> 7 (half to even would give 2 and 6) */
  {.name = "auto divisor 2, halves away from zero",
    .input = INTS (2, 3, 3, 10, 3), .height = 1, .width = 5,
    .kernel = COEFS (1, 1), .kh = 1, .kw = 2, .expected = INTS (3, 3, 7, 7),
    .out_h = 1, .out_w = 4},

  /* K = [-1 0 1] sums to 0, so the divisor is 1: 9 - 1 = 8, and
   * 2 - 5 = -3 clamps to 0 */
  {.name = "auto divisor: kernel sum 0 means 1", .input = INTS (1, 5, 9, 2),
    .height = 1, .width = 4, .kernel = COEFS (-1, 0, 1), .kh = 1, .kw = 3,
    .expected = INTS (8, 0), .out_h = 1, .out_w = 2},

  /* K = [-1 -1] sums to -2: -8 / -2 = 4, -13 / -2 = 6.5 -> 7 */
  {.name = "auto divisor: negative kernel sum -2", .input = INTS (3, 5, 8),
    .height = 1, .width = 3, .kernel = COEFS (-1, -1), .kh = 1, .kw = 2,
    .expected = INTS (4, 7), .out_h = 1, .out_w = 2},

  /* ------------------------------------------- absolute, bias, clamping */

  /* K = [1 -2], divisor 2 on [1 3 0 7]:
   *   v = (1 - 6) / 2 = -2.5, (3 - 0) / 2 = 1.5, (0 - 14) / 2 = -7
   * absolute off: -2.5 -> -3 -> clamped 0; 1.5 -> 2; -7 -> 0 */
  {.name = "negative coefficient, negative results clamp to 0",
    .input = INTS (1, 3, 0, 7), .height = 1, .width = 4,
    .kernel = COEFS (1, -2), .kh = 1, .kw = 2, .divisor = 2,
    .expected = INTS (0, 2, 0), .out_h = 1, .out_w = 3},

  /* absolute on: |-2.5| = 2.5 -> 3, 1.5 -> 2, |-7| = 7 */
  {.name = "absolute, half away from zero", .input = INTS (1, 3, 0, 7),
    .height = 1, .width = 4, .kernel = COEFS (1, -2), .kh = 1, .kw = 2,
    .divisor = 2, .absolute = true, .expected = INTS (3, 2, 7), .out_h = 1,
    .out_w = 3},

  /* absolute, then bias -1: 2.5 - 1 = 1.5 -> 2, 1.5 - 1 = 0.5 -> 1,
   * 7 - 1 = 6 (the bias first would give |-3.5| -> 4, 1, 8) */
  {.name = "absolute before bias", .input = INTS (1, 3, 0, 7), .height = 1,
    .width = 4, .kernel = COEFS (1, -2), .kh = 1, .kw = 2, .divisor = 2,
    .absolute = true, .bias = -1, .expected = INTS (2, 1, 6), .out_h = 1,
    .out_w = 3},

  /* bias 9 after the division: -2.5 + 9 = 6.5 -> 7, 1.5 + 9 = 10.5 -> 11,
   * -7 + 9 = 2 (before the division it would give 3, 6, 1) */
  {.name = "bias after the division", .input = INTS (1, 3, 0, 7), .height = 1,
    .width = 4, .kernel = COEFS (1, -2), .kh = 1, .kw = 2, .divisor = 2,
    .bias = 9, .expected = INTS (7, 11, 2), .out_h = 1, .out_w = 3},

  /* center 128, [-1 0 1], absolute, replicate: padded P - 128 is
   * 0 0 3 6 6; x0: -0 + 3 = 3, x1: -0 + 6 = 6, x2: -3 + 6 = 3; + 128:
   * 131 134 131. Without the center the same kernel gives 3 6 3: flat
   * chroma stays at its neutral value only with it. */
  {.name = "center 128, zero-sum kernel, absolute",
    .input = INTS (128, 131, 134), .height = 1, .width = 3,
    .kernel = COEFS (-1, 0, 1), .kh = 1, .kw = 3, .left = 1, .right = 1,
    .border = VC_BORDER_REPLICATE, .absolute = true, .center = 128,
    .expected = INTS (131, 134, 131),
    .out_h = 1, .out_w = 3},

  /* center 128, a blur, constant border 128 (the neutral value): padded
   * P - 128 is 0 0 3 6 0; x0: (0 + 0 + 3) / 3 = 1 -> 129, x1: 9 / 3 = 3
   * -> 131 (as without a center: 393 / 3), x2: 9 / 3 = 3 -> 131 */
  {.name = "center 128, blur, constant neutral border",
    .input = INTS (128, 131, 134), .height = 1, .width = 3,
    .kernel = COEFS (1, 1, 1), .kh = 1, .kw = 3, .left = 1, .right = 1,
    .border = VC_BORDER_CONSTANT, .border_value = 128, .center = 128,
    .expected = INTS (129, 131, 131), .out_h = 1, .out_w = 3},

  /* 1 + 0.5 = 1.5 -> 2, 2.5 -> 3, 3.5 -> 4 */
  {.name = "fractional bias 0.5", .input = INTS (1, 2, 3), .height = 1,
    .width = 3, .kernel = k_identity, .kh = 1, .kw = 1, .bias = 0.5,
    .expected = INTS (2, 3, 4), .out_h = 1, .out_w = 3},

  /* 2 x: 200, 254, 256 -> 255, 400 -> 255, 510 -> 255 */
  {.name = "clamp to 255", .input = INTS (100, 127, 128, 200, 255),
    .height = 1, .width = 5, .kernel = COEFS (2), .kh = 1, .kw = 1,
    .divisor = 1, .expected = INTS (200, 254, 255, 255, 255), .out_h = 1,
    .out_w = 5},

  /* bias 200: 254, 255, 256 -> 255 */
  {.name = "clamp to 255 through the bias", .input = INTS (54, 55, 56),
    .height = 1, .width = 3, .kernel = k_identity, .kh = 1, .kw = 1,
    .bias = 200, .expected = INTS (254, 255, 255), .out_h = 1, .out_w = 3},

  /* ---------------------------------------------------------- u16 */

  /* 2 x: 60000, 65534, 65536 -> 65535, 80000 -> 65535, 131070 -> 65535 */
  {.name = "u16: clamp to 65535",
    .input = INTS (30000, 32767, 32768, 40000, 65535), .height = 1, .width = 5,
    .kernel = COEFS (2), .kh = 1, .kw = 1, .divisor = 1, .type = VC_SAMPLE_U16,
    .expected = INTS (60000, 65534, 65535, 65535, 65535), .out_h = 1,
    .out_w = 5},

  /* 2x2 box, auto divisor 4: (1000 + 2000 + 4000 + 5000) / 4 = 3000,
   * (2000 + 3000 + 5000 + 6000) / 4 = 4000 */
  {.name = "u16: 2x2 box", .input = INTS (1000, 2000, 3000, 4000, 5000, 6000),
    .height = 2, .width = 3, .kernel = k_ones9, .kh = 2, .kw = 2,
    .type = VC_SAMPLE_U16, .expected = INTS (3000, 4000), .out_h = 1,
    .out_w = 2},

  /* 1x3 box, "same", replicate, auto divisor 3 on [1000 2000 4000]:
   *   P = 1000 1000 2000 4000 4000
   *   4000 / 3 = 1333.3 -> 1333, 7000 / 3 -> 2333, 10000 / 3 -> 3333 */
  {.name = "u16: same, replicate, divisor 3", .input = INTS (1000, 2000, 4000),
    .height = 1, .width = 3, .kernel = k_ones9, .kh = 1, .kw = 3,
    .left = VC_PAD_SAME, .right = VC_PAD_SAME, .border = VC_BORDER_REPLICATE,
    .type = VC_SAMPLE_U16, .expected = INTS (1333, 2333, 3333), .out_h = 1,
    .out_w = 3},

  /* K = [1 -1] (sum 0: divisor 1), bias 1000:
   *   5000 - 3000 + 1000 = 3000, 3000 - 3500 + 1000 = 500 */
  {.name = "u16: negative coefficient and bias",
    .input = INTS (5000, 3000, 3500), .height = 1, .width = 3,
    .kernel = COEFS (1, -1), .kh = 1, .kw = 2, .bias = 1000,
    .type = VC_SAMPLE_U16, .expected = INTS (3000, 500), .out_h = 1,
    .out_w = 2},

  /* --------------------------------------------- kernel2: the magnitude */

  /* K = {3}, K2 = {4}: sqrt ((3x)^2 + (4x)^2) = 5x: 5, 10, 50, 300 -> 255
   * (|3x| + |4x| would give 7x). */
  {.name = "kernel2: 3-4-5", .input = INTS (1, 2, 10, 60), .height = 1,
    .width = 4, .kernel = COEFS (3), .kernel2 = COEFS (4), .kh = 1, .kw = 1,
    .divisor = 1, .expected = INTS (5, 10, 50, 255), .out_h = 1, .out_w = 4},

  /* Sobel x and y (divisor auto: sum 0 -> 1) on the corner, no padding:
   *   [0][0] window 0 0 0 / 0 0 0 / 0 0 8: gx = 8,  gy = 8
   *          sqrt (64 + 64) = 11.31 -> 11
   *   [0][1] window 0 0 0 / 0 0 0 / 0 8 8: gx = 8,  gy = 2*8 + 8 = 24
   *          sqrt (64 + 576) = 25.30 -> 25
   *   [1][0] window 0 0 0 / 0 0 8 / 0 0 8: gx = 2*8 + 8 = 24, gy = 8 -> 25
   *   [1][1] window 0 0 0 / 0 8 8 / 0 8 8: gx = 24, gy = 24
   *          sqrt (1152) = 33.94 -> 34 */
  {.name = "kernel2: sobel magnitude", .input = corner_4x4, .height = 4,
    .width = 4, .kernel = k_sobel_x, .kernel2 = k_sobel_y, .kh = 3, .kw = 3,
    .expected = INTS (11, 25, 25, 34), .out_h = 2, .out_w = 2},

  /* The same magnitudes / 2 + 10: 15.66 -> 16, 22.65 -> 23, 23,
   * 26.97 -> 27 */
  {.name = "kernel2: sobel magnitude, divisor 2, bias 10", .input = corner_4x4,
    .height = 4, .width = 4, .kernel = k_sobel_x, .kernel2 = k_sobel_y,
    .kh = 3, .kw = 3, .divisor = 2, .bias = 10,
    .expected = INTS (16, 23, 23, 27), .out_h = 2, .out_w = 2},

  /* ------------------------------------------------ interleaved layouts
   * Inputs and outputs are written sample by sample, one pixel per
   * group; "U" (VC_UNTOUCHED) must keep the destination's canary. */

  /* RGBx: K = [1 2] along x, per component out = in[j] + 2 in[j+1]:
   *   row 0: R 1 + 2*2 = 5, G 10 + 2*20 = 50, B 100 + 2*50 = 200;
   *          R 2 + 2*3 = 8, G 20 + 2*30 = 80, B 50 + 2*25 = 100
   *   row 1: R 4 + 2*5 = 14, G 40 + 2*50 = 140, B 10 + 2*20 = 50;
   *          R 5 + 2*6 = 17, G 50 + 2*60 = 170, B 20 + 2*30 = 80 */
  {.name = "RGBx: pixel_stride 4, offset 0, components 3",
    .input = INTS (1, 10, 100, 200, 2, 20, 50, 201, 3, 30, 25, 202,
        4, 40, 10, 203, 5, 50, 20, 204, 6, 60, 30, 205), .height = 2,
    .width = 3, .kernel = COEFS (1, 2), .kh = 1, .kw = 2, .divisor = 1,
    .layout = {4, 0, 3},
    .expected = INTS (5, 50, 200, VC_UNTOUCHED, 8, 80, 100, VC_UNTOUCHED,
        14, 140, 50, VC_UNTOUCHED, 17, 170, 80, VC_UNTOUCHED), .out_h = 2,
    .out_w = 2},

  /* RGBx, 1x3 box, "same", replicate: the x samples (250, 251) must not
   * leak into the border. R: P = 1 1 10 10 -> 12, 21; G: 24, 42;
   * B: 36, 63 */
  {.name = "RGBx: same, replicate",
    .input = INTS (1, 2, 3, 250, 10, 20, 30, 251), .height = 1, .width = 2,
    .kernel = k_ones9, .kh = 1, .kw = 3, .left = VC_PAD_SAME,
    .right = VC_PAD_SAME, .border = VC_BORDER_REPLICATE, .divisor = 1,
    .layout = {4, 0, 3},
    .expected = INTS (12, 24, 36, VC_UNTOUCHED, 21, 42, 63, VC_UNTOUCHED),
    .out_h = 1, .out_w = 2},

  /* xRGB: the same numbers, the x sample first. */
  {.name = "xRGB: pixel_stride 4, offset 1, components 3",
    .input = INTS (250, 1, 2, 3, 251, 10, 20, 30), .height = 1, .width = 2,
    .kernel = k_ones9, .kh = 1, .kw = 3, .left = VC_PAD_SAME,
    .right = VC_PAD_SAME, .border = VC_BORDER_REPLICATE, .divisor = 1,
    .layout = {4, 1, 3},
    .expected = INTS (VC_UNTOUCHED, 12, 24, 36, VC_UNTOUCHED, 21, 42, 63),
    .out_h = 1, .out_w = 2},

  /* RGBx, identity kernel, reflect 2 on the left, stride 2:
   *   R: P = 3 2 | 1 2 3 4 -> P[0], P[2], P[4] = 3 1 3
   *   G: 30 10 30, B: 120 100 120 */
  {.name = "RGBx: reflect with stride 2",
    .input = INTS (1, 10, 100, 7, 2, 20, 110, 7, 3, 30, 120, 7,
        4, 40, 130, 7), .height = 1, .width = 4, .kernel = k_identity, .kh = 1,
    .kw = 1, .sx = 2, .left = 2, .border = VC_BORDER_REFLECT,
    .layout = {4, 0, 3},
    .expected = INTS (3, 30, 120, VC_UNTOUCHED, 1, 10, 100, VC_UNTOUCHED,
        3, 30, 120, VC_UNTOUCHED), .out_h = 1, .out_w = 3},

  /* NV12-chroma-like: only V (offset 1 of 2); U (100..105) untouched.
   *   V = [1 2 3; 4 5 6], K = [1 2; 3 4]:
   *   1 + 2*2 + 3*4 + 4*5 = 37, 2 + 2*3 + 3*5 + 4*6 = 47 */
  {.name = "one component: pixel_stride 2, offset 1",
    .input = INTS (100, 1, 101, 2, 102, 3, 103, 4, 104, 5, 105, 6),
    .height = 2, .width = 3, .kernel = k_1234, .kh = 2, .kw = 2, .divisor = 1,
    .layout = {2, 1, 1}, .expected = INTS (VC_UNTOUCHED, 37, VC_UNTOUCHED, 47),
    .out_h = 1, .out_w = 2},

  /* u16, both components of a 2-sample pixel, K = [1 1]:
   *   first: 1000 + 3000 = 4000, 3000 + 5000 = 8000
   *   second: 2000 + 4000 = 6000, 4000 + 6000 = 10000 */
  {.name = "u16: pixel_stride 2, offset 0, components 2",
    .input = INTS (1000, 2000, 3000, 4000, 5000, 6000), .height = 1,
    .width = 3, .kernel = COEFS (1, 1), .kh = 1, .kw = 2, .divisor = 1,
    .type = VC_SAMPLE_U16, .layout = {2, 0, 2},
    .expected = INTS (4000, 6000, 8000, 10000), .out_h = 1, .out_w = 2},

  /* -------------------------------------------------- forced output size
   * (out_width/out_height: fewer drop the last outputs, more extend the
   * bottom/right padding through the border mode) */

  /* replicate: 1 2 3 4 | 4 4 */
  {.name = "forced out_width 6, replicate", .input = INTS (1, 2, 3, 4),
    .height = 1, .width = 4, .kernel = k_identity, .kh = 1, .kw = 1,
    .border = VC_BORDER_REPLICATE, .force_w = 6,
    .expected = INTS (1, 2, 3, 4, 4, 4), .out_h = 1, .out_w = 6},

  {.name = "forced out_width 2", .input = INTS (1, 2, 3, 4), .height = 1,
    .width = 4, .kernel = k_identity, .kh = 1, .kw = 1, .force_w = 2,
    .expected = INTS (1, 2), .out_h = 1, .out_w = 2},

  /* 1x3 box, "same", replicate, 5 outputs from 4 samples:
   *   P = 1 | 1 2 3 4 | 4 4 -> 4, 6, 9, 11, 12 */
  {.name = "forced out_width 5 with same padding", .input = INTS (1, 2, 3, 4),
    .height = 1, .width = 4, .kernel = k_ones9, .kh = 1, .kw = 3,
    .left = VC_PAD_SAME, .right = VC_PAD_SAME, .border = VC_BORDER_REPLICATE,
    .divisor = 1, .force_w = 5, .expected = INTS (4, 6, 9, 11, 12), .out_h = 1,
    .out_w = 5},

  /* a column, constant 7: 1 2 | 7 7 */
  {.name = "forced out_height 4, constant 7", .input = INTS (1, 2),
    .height = 2, .width = 1, .kernel = k_identity, .kh = 1, .kw = 1,
    .border_value = 7, .force_h = 4, .expected = INTS (1, 2, 7, 7), .out_h = 4,
    .out_w = 1},
};

static void
config_from_case (VcConfig * cfg, const ParamCase * c)
{
  vc_config_init (cfg);
  cfg->kernel = c->kernel;
  cfg->kernel2 = c->kernel2;
  cfg->kernel_height = c->kh;
  cfg->kernel_width = c->kw;
  cfg->stride_y = c->sy ? c->sy : 1;
  cfg->stride_x = c->sx ? c->sx : 1;
  cfg->dilation_y = c->dy ? c->dy : 1;
  cfg->dilation_x = c->dx ? c->dx : 1;
  cfg->pad_top = c->top;
  cfg->pad_bottom = c->bottom;
  cfg->pad_left = c->left;
  cfg->pad_right = c->right;
  cfg->border = c->border;
  cfg->border_value = c->border_value;
  cfg->divisor = c->divisor;
  cfg->bias = c->bias;
  cfg->absolute = c->absolute;
  cfg->center = c->center;
  cfg->sample_type = c->type;
  cfg->width = c->width;
  cfg->height = c->height;
  cfg->out_width = c->force_w;
  cfg->out_height = c->force_h;
}

START_TEST (test_case)
{
  const ParamCase *c = &cases[_i];
  VcConfig cfg;

  config_from_case (&cfg, c);
  vc_test_case = c->name;
  VC_RUN_LAYOUT (&cfg, c->layout.pixel_stride ? &c->layout : NULL,
      c->input, c->expected, c->out_h, c->out_w);
  vc_test_case = NULL;
}
END_TEST

/* ------------------------------------------------------------------------
 * Border modes alone: the row [1 2 3 4] padded by 5 on each side (more
 * than the frame) through a 1x1 identity kernel, so the output is the
 * padded row. Written out by hand from the mode definitions, e.g. reflect
 * has period 2 * 4 - 2 = 6 and position -1 reads 2, -2 reads 3, -3 reads 4,
 * -4 reads 3, -5 reads 2; then checked once against numpy.pad. The same
 * row is also run as a column (padding top and bottom), and in u16.
 */
typedef struct
{
  VcBorder border;
  int padded[14];
} BorderRow;

static const BorderRow border_rows[] = {
  {VC_BORDER_CONSTANT, {7, 7, 7, 7, 7, 1, 2, 3, 4, 7, 7, 7, 7, 7}},
  {VC_BORDER_REPLICATE, {1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4}},
  {VC_BORDER_REFLECT, {2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3}},
  {VC_BORDER_SYMMETRIC, {4, 4, 3, 2, 1, 1, 2, 3, 4, 4, 3, 2, 1, 1}},
  {VC_BORDER_WRAP, {4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1}},
};

/* Border row _i / 4, as a row (_i / 2 even) or column, in u8 (_i even)
 * or u16. */
START_TEST (test_border_row)
{
  static const int row[] = { 1, 2, 3, 4 };
  const BorderRow *b = &border_rows[_i / 4];
  int vertical = _i / 2 % 2;
  VcSampleType type = _i % 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  char name[96];
  VcConfig cfg;

  vc_config_init (&cfg);
  cfg.border = b->border;
  cfg.border_value = 7;
  cfg.sample_type = type;
  cfg.width = vertical ? 1 : 4;
  cfg.height = vertical ? 4 : 1;
  if (vertical)
    cfg.pad_top = cfg.pad_bottom = 5;
  else
    cfg.pad_left = cfg.pad_right = 5;
  snprintf (name, sizeof (name), "%s, [1 2 3 4] padded by 5, %s, %s",
      vc_border_name (b->border), vertical ? "column" : "row",
      type == VC_SAMPLE_U16 ? "u16" : "u8");
  vc_test_case = name;
  VC_RUN (&cfg, row, b->padded, vertical ? 14 : 1, vertical ? 1 : 14);
  vc_test_case = NULL;
}
END_TEST

/* ------------------------------------------------------------------------
 * Border modes in 2-D, corners included: [1 2 3; 4 5 6] padded by 2 all
 * round, 1x1 identity kernel. Padding is separable, so P[i][j] is
 * input[rows[i]][cols[j]], or the border value 7 where either map says -1.
 * The maps follow from the definitions (e.g. symmetric on 3 columns has
 * period 6: -2 reads 1, -1 reads 0, 3 reads 2, 4 reads 1) and were checked
 * once against numpy.pad.
 */
typedef struct
{
  VcBorder border;
  int rows[6];
  int cols[7];
} BorderMaps;

static const BorderMaps border_maps[] = {
  {VC_BORDER_CONSTANT, {-1, -1, 0, 1, -1, -1}, {-1, -1, 0, 1, 2, -1, -1}},
  {VC_BORDER_REPLICATE, {0, 0, 0, 1, 1, 1}, {0, 0, 0, 1, 2, 2, 2}},
  {VC_BORDER_REFLECT, {0, 1, 0, 1, 0, 1}, {2, 1, 0, 1, 2, 1, 0}},
  {VC_BORDER_SYMMETRIC, {1, 0, 0, 1, 1, 0}, {1, 0, 0, 1, 2, 2, 1}},
  {VC_BORDER_WRAP, {0, 1, 0, 1, 0, 1}, {1, 2, 0, 1, 2, 0, 1}},
};

START_TEST (test_border_corners)
{
  static const int input[] = { 1, 2, 3, 4, 5, 6 };
  const BorderMaps *b = &border_maps[_i];
  int expected[6 * 7];
  char name[64];
  VcConfig cfg;

  for (int y = 0; y < 6; y++)
    for (int x = 0; x < 7; x++)
      expected[y * 7 + x] = b->rows[y] < 0 || b->cols[x] < 0 ? 7 :
          input[b->rows[y] * 3 + b->cols[x]];

  vc_config_init (&cfg);
  cfg.border = b->border;
  cfg.border_value = 7;
  cfg.width = 3;
  cfg.height = 2;
  cfg.pad_top = cfg.pad_bottom = cfg.pad_left = cfg.pad_right = 2;
  snprintf (name, sizeof (name), "%s, 2x3 padded by 2 all round",
      vc_border_name (b->border));
  vc_test_case = name;
  VC_RUN (&cfg, input, expected, 6, 7);
  vc_test_case = NULL;
}
END_TEST

/* ------------------------------------------------------------------------
 * vc_output_size: H_out = floor ((H + top + bottom - dy (kh - 1) - 1) / sy)
 * + 1, likewise W_out; "same" gives ceil (size / stride). Each row states
 * its arithmetic.
 */
typedef struct
{
  const char *why;
  int w, h, kh, kw, sy, sx, dy, dx, top, bottom, left, right;
  int out_w, out_h;
} SizeCase;

#define S VC_PAD_SAME
static const SizeCase size_cases[] = {
  {"62 = 64 - 2, 46 = 48 - 2", 64, 48, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 62, 46},
  {"same, stride 1: the input size", 64, 48, 3, 3, 1, 1, 1, 1, S, S, S, S,
      64, 48},
  {"same, stride 2: 64 / 2, 48 / 2", 64, 48, 3, 3, 2, 2, 1, 1, S, S, S, S,
      32, 24},
  {"same, stride 2: ceil (65 / 2), ceil (49 / 2)", 65, 49, 3, 3, 2, 2, 1, 1,
      S, S, S, S, 33, 25},
  {"same, 4x4, stride 3: ceil (10 / 3)", 10, 10, 4, 4, 3, 3, 1, 1, S, S, S, S,
      4, 4},
  {"same, 2x2, even kernel: the input size", 7, 5, 2, 2, 1, 1, 1, 1, S, S, S,
      S, 7, 5},
  {"same, 4x4, dilation (5, 3), stride (4, 2): ceil (9/4), ceil (11/2)", 11,
      9, 4, 4, 4, 2, 5, 3, S, S, S, S, 6, 3},
  {"the issue: (14 - 2*4 - 1) / 1 + 1, (9 - 4 - 1) / 2 + 1", 14, 9, 5, 5, 2,
      1, 1, 2, 0, 0, 0, 0, 6, 3},
  {"1x1 frame, 1x1 kernel", 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1},
  {"1x1 frame, 255x255 kernel, same (127 each side)", 1, 1, 255, 255, 1, 1,
      1, 1, S, S, S, S, 1, 1},
  {"dilation 3: 100 - 3*6 = 82", 100, 1, 1, 7, 1, 1, 1, 3, 0, 0, 0, 0, 82, 1},
  {"stride 65536: (65536 - 1) / 65536 + 1", 65536, 1, 1, 1, 1, 65536, 1, 1,
      0, 0, 0, 0, 1, 1},
  {"asymmetric: (5 + 3 + 0 - 2 - 1) / 2 + 1, (4 + 0 + 2 - 2 - 1) / 1 + 1",
      5, 4, 3, 3, 1, 2, 1, 1, 0, 2, 3, 0, 3, 4},
  {"kernel reach 21 > frame 3, padding 10 + 10: 3 + 20 - 20 - 1 + 1", 3, 3,
      3, 3, 1, 1, 10, 10, 10, 10, 10, 10, 3, 3},
  {"max frame, same, max dilation x 1 (total 65536)", 65536, 65536, 2, 2, 1,
      1, 65536, 65536, S, S, S, S, 65536, 65536},
  {"max padding both sides: 1 + 2*65536", 1, 1, 1, 1, 1, 1, 1, 1, 65536,
      65536, 65536, 65536, 131073, 131073},
};
#undef S

/* Room for the largest kernel; all zeros (auto divisor 1). */
static double big_kernel[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];

START_TEST (test_output_size)
{
  const SizeCase *c = &size_cases[_i];
  VcConfig cfg;
  VcError err;
  int w = -1, h = -1;
  VcStatus s;

  vc_config_init (&cfg);
  cfg.kernel = big_kernel;
  cfg.width = c->w;
  cfg.height = c->h;
  cfg.kernel_height = c->kh;
  cfg.kernel_width = c->kw;
  cfg.stride_y = c->sy;
  cfg.stride_x = c->sx;
  cfg.dilation_y = c->dy;
  cfg.dilation_x = c->dx;
  cfg.pad_top = c->top;
  cfg.pad_bottom = c->bottom;
  cfg.pad_left = c->left;
  cfg.pad_right = c->right;
  s = vc_output_size (&cfg, &w, &h, &err);
  vc_assert_status (s, VC_OK);
  ck_assert_msg (w == c->out_w, "%s: width: expected %d, got %d", c->why,
      c->out_w, w);
  ck_assert_msg (h == c->out_h, "%s: height: expected %d, got %d", c->why,
      c->out_h, h);
}
END_TEST

/* ------------------------------------------------------------------------
 * vc_resolve_padding: "same" is total = d (k - 1), first side total / 2
 * (floor), second side the rest; explicit padding passes through. Each
 * entry is applied to the y axis (top/bottom) and the x axis (left/right).
 */
typedef struct
{
  int k, d, pad_a, pad_b;
  int first, second;
} PadCase;

static const PadCase pad_cases[] = {
  {3, 1, VC_PAD_SAME, VC_PAD_SAME, 1, 1},       /* total 2 */
  {2, 1, VC_PAD_SAME, VC_PAD_SAME, 0, 1},       /* total 1 */
  {4, 1, VC_PAD_SAME, VC_PAD_SAME, 1, 2},       /* total 3 */
  {4, 3, VC_PAD_SAME, VC_PAD_SAME, 4, 5},       /* total 9 */
  {1, 1, VC_PAD_SAME, VC_PAD_SAME, 0, 0},       /* total 0 */
  {1, 9, VC_PAD_SAME, VC_PAD_SAME, 0, 0},       /* total 9 * 0 */
  {5, 2, VC_PAD_SAME, VC_PAD_SAME, 4, 4},       /* total 8 */
  {2, 7, VC_PAD_SAME, VC_PAD_SAME, 3, 4},       /* total 7 */
  {255, 1, VC_PAD_SAME, VC_PAD_SAME, 127, 127}, /* total 254 */
  {3, 1, 2, 5, 2, 5},           /* explicit */
  {3, 1, 0, 0, 0, 0},           /* explicit */
};

/* Case _i / 2 on the y axis (_i even) or the x axis. */
START_TEST (test_resolve_padding)
{
  const PadCase *c = &pad_cases[_i / 2];
  int axis_x = _i % 2;
  int top = -9, bottom = -9, left = -9, right = -9;
  VcConfig cfg;
  VcError err;

  vc_config_init (&cfg);
  cfg.kernel = big_kernel;
  cfg.width = cfg.height = 300;
  if (axis_x) {
    cfg.kernel_width = c->k;
    cfg.dilation_x = c->d;
    cfg.pad_left = c->pad_a;
    cfg.pad_right = c->pad_b;
  } else {
    cfg.kernel_height = c->k;
    cfg.dilation_y = c->d;
    cfg.pad_top = c->pad_a;
    cfg.pad_bottom = c->pad_b;
  }
  vc_assert_status (vc_resolve_padding (&cfg, &top, &bottom, &left,
          &right, &err), VC_OK);
  ck_assert_int_eq (axis_x ? left : top, c->first);
  ck_assert_int_eq (axis_x ? right : bottom, c->second);
  /* The other axis has a 1x kernel and no padding. */
  ck_assert_int_eq (axis_x ? top + bottom : left + right, 0);
}
END_TEST

/* ------------------------------------------------------------------------
 * vc_axis_output_size and vc_axis_input_range (caps negotiation): the
 * output size of one axis, and the input sizes that give an output size.
 */
typedef struct
{
  int64_t size;
  int k, stride, dilation, pad_a, pad_b;
  int64_t out, min, max;
} AxisCase;

static const AxisCase axis_cases[] = {
  /* same, stride 2: ceil (size / 2) = 3 for sizes 5 and 6 */
  {5, 3, 2, 1, VC_PAD_SAME, VC_PAD_SAME, 3, 5, 6},
  /* no padding, k 3, stride 2: (size - 3) / 2 + 1 = 3 for sizes 7, 8 */
  {7, 3, 2, 1, 0, 0, 3, 7, 8},
  /* no padding, k 3, stride 1: size - 2 = 4 only for size 6 */
  {6, 3, 1, 1, 0, 0, 4, 6, 6},
  /* dilation 2, k 3 (reach 5), pads 1 + 2, stride 3:
   * (size + 3 - 5) / 3 + 1 = 2 for sizes 5, 6, 7 */
  {5, 3, 3, 2, 1, 2, 2, 5, 7},
  /* k 1, pads 1 + 1, stride 4: (size + 2 - 1) / 4 + 1 = 1 for sizes up
   * to 2; the formula's lower end (-1) is clamped to 1 */
  {1, 1, 4, 1, 1, 1, 1, 1, 2},
};

START_TEST (test_axis)
{
  const AxisCase *c = &axis_cases[_i];
  int64_t min = -1, max = -1;

  ck_assert_int_eq (vc_axis_output_size (c->size, c->k, c->stride,
          c->dilation, c->pad_a, c->pad_b), c->out);
  vc_axis_input_range (c->out, c->k, c->stride, c->dilation, c->pad_a,
      c->pad_b, &min, &max);
  ck_assert_int_eq (min, c->min);
  ck_assert_int_eq (max, c->max);
  /* The ends of the range give out, the neighbours (if >= 1) do not. */
  ck_assert_int_eq (vc_axis_output_size (c->min, c->k, c->stride,
          c->dilation, c->pad_a, c->pad_b), c->out);
  ck_assert_int_eq (vc_axis_output_size (c->max, c->k, c->stride,
          c->dilation, c->pad_a, c->pad_b), c->out);
  ck_assert (c->min == 1 || vc_axis_output_size (c->min - 1, c->k,
          c->stride, c->dilation, c->pad_a, c->pad_b) != c->out);
  ck_assert (vc_axis_output_size (c->max + 1, c->k, c->stride, c->dilation,
          c->pad_a, c->pad_b) != c->out);
}
END_TEST

/* ------------------------------------------------------------------------
 * vc_plan_execute_carry: each output pixel copies the input sample under
 * the centre tap (m = kh / 2, n = kw / 2), clamped into the frame.
 */
START_TEST (test_carry)
{
  /* 2x2 kernel, "same" (pads 0 top/left, 1 bottom/right): the centre tap
   * (1, 1) reads input (i + 1, j + 1), clamped to row 3 / column 4:
   *   7 8 9 10 10 / 12 13 14 15 15 / 17 18 19 20 20 / 17 18 19 20 20
   * Interleaved as RGBx-like pixels whose second component is 100 more;
   * the third and fourth samples must stay untouched. */
  static const int expected_plain[] = {
    7, 8, 9, 10, 10,
    12, 13, 14, 15, 15,
    17, 18, 19, 20, 20,
    17, 18, 19, 20, 20,
  };
  static const VcTestLayout layout = { 4, 0, 2 };
  int input[4 * 5 * 4], expected[4 * 5 * 4];
  VcTestBuffer src, dst;
  VcConfig cfg;
  VcError err;
  VcPlan *plan;

  for (int i = 0; i < 20; i++) {
    int *in = &input[i * 4], *ex = &expected[i * 4];

    in[0] = ramp_4x5[i];
    in[1] = ramp_4x5[i] + 100;
    in[2] = in[3] = 250;
    ex[0] = expected_plain[i];
    ex[1] = expected_plain[i] + 100;
    ex[2] = ex[3] = VC_UNTOUCHED;
  }

  vc_config_init (&cfg);
  cfg.kernel = k_1234;
  cfg.kernel_height = cfg.kernel_width = 2;
  cfg.pad_top = cfg.pad_bottom = cfg.pad_left = cfg.pad_right = VC_PAD_SAME;
  cfg.width = 5;
  cfg.height = 4;
  vc_test_case = "vc_plan_execute_carry, 2x2 kernel, same";
  plan = vc_plan_new (&cfg, &err);
  ck_assert (plan != NULL);

  vc_test_buffer_init (&src, VC_SAMPLE_U8, 5, 4, &layout, 0);
  for (int y = 0; y < 4; y++)
    for (int s = 0; s < src.row_samples; s++)
      vc_test_set (&src, y, s, input[y * src.row_samples + s]);
  vc_test_buffer_init (&dst, VC_SAMPLE_U8, 5, 4, &layout, VC_TEST_CANARY_U8);

  /* Bottom half first, then the top half. */
  vc_assert_status (vc_plan_execute_carry (plan, &src.plane, &dst.plane, 2,
          4, &err), VC_OK);
  ck_assert (vc_test_rows_untouched (&dst, 0, 2));
  vc_assert_status (vc_plan_execute_carry (plan, &src.plane, &dst.plane, 0,
          2, &err), VC_OK);
  vc_test_compare (__FILE__, __LINE__, "carry", &dst, expected);

  vc_test_buffer_clear (&src);
  vc_test_buffer_clear (&dst);
  vc_plan_free (plan);
  vc_test_case = NULL;
}
END_TEST

/* ------------------------------------------------------------------------
 * Defaults and names.
 */
static const char *const border_names[] = {
  "constant", "replicate", "reflect", "symmetric", "wrap"
};

START_TEST (test_defaults)
{
  VcConfig cfg;

  vc_config_init (NULL);        /* must not crash */
  memset (&cfg, 0x5A, sizeof (cfg));
  vc_config_init (&cfg);
  ck_assert (cfg.kernel != NULL && cfg.kernel[0] == 1.0);
  ck_assert_int_eq (cfg.kernel_height, 1);
  ck_assert_int_eq (cfg.kernel_width, 1);
  ck_assert (cfg.kernel2 == NULL);
  ck_assert_int_eq (cfg.stride_y, 1);
  ck_assert_int_eq (cfg.stride_x, 1);
  ck_assert_int_eq (cfg.dilation_y, 1);
  ck_assert_int_eq (cfg.dilation_x, 1);
  ck_assert_int_eq (cfg.pad_top + cfg.pad_bottom + cfg.pad_left +
      cfg.pad_right, 0);
  ck_assert_int_eq (cfg.border, VC_BORDER_REPLICATE);
  ck_assert (cfg.border_value == 0.0 && cfg.divisor == 0.0 &&
      cfg.bias == 0.0);
  ck_assert (!cfg.absolute);
  ck_assert_int_eq (cfg.sample_type, VC_SAMPLE_U8);
  ck_assert_int_eq (cfg.width, 0);
  ck_assert_int_eq (cfg.height, 0);
  ck_assert_int_eq (cfg.out_width, 0);
  ck_assert_int_eq (cfg.out_height, 0);
}
END_TEST

START_TEST (test_names)
{
  VcConfig cfg;
  VcError err;
  VcPlan *plan;

  for (int b = VC_BORDER_CONSTANT; b <= VC_BORDER_WRAP; b++)
    ck_assert_str_eq (vc_border_name ((VcBorder) b), border_names[b]);
  ck_assert_str_eq (vc_status_name (VC_OK), "VC_OK");
  ck_assert_str_eq (vc_status_name (VC_ERROR_NO_MEMORY),
      "VC_ERROR_NO_MEMORY");
  ck_assert_str_eq (vc_border_name ((VcBorder) 99), "unknown");
  ck_assert_str_eq (vc_status_name ((VcStatus) 99), "unknown");

  vc_config_init (&cfg);
  cfg.width = cfg.height = 4;
  plan = vc_plan_new (&cfg, &err);
  ck_assert (plan != NULL && vc_plan_path_name (plan) != NULL &&
      vc_plan_path_name (plan)[0] != '\0');
  vc_plan_free (plan);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("core-params");
  TCase *tc;

  tcase_add_loop_test (vc_fixture_tcase (s, "cases"), test_case, 0,
      N_ELEMENTS (cases));
  tc = vc_fixture_tcase (s, "borders");
  tcase_add_loop_test (tc, test_border_row, 0, 4 * N_ELEMENTS (border_rows));
  tcase_add_loop_test (tc, test_border_corners, 0, N_ELEMENTS (border_maps));
  tc = vc_fixture_tcase (s, "sizes");
  tcase_add_loop_test (tc, test_output_size, 0, N_ELEMENTS (size_cases));
  tcase_add_loop_test (tc, test_resolve_padding, 0,
      2 * N_ELEMENTS (pad_cases));
  tcase_add_loop_test (tc, test_axis, 0, N_ELEMENTS (axis_cases));
  tc = vc_fixture_tcase (s, "carry");
  tcase_add_test (tc, test_carry);
  tc = vc_fixture_tcase (s, "defaults");
  tcase_add_test (tc, test_defaults);
  tcase_add_test (tc, test_names);
  return vc_fixture_run (s);
}
