/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The seed project's own example matrices, run through the core.
 *
 * Source of the data: the public test file of the seed repository,
 * detkov/Convolution-From-Scratch, tests.py (commit 12ea6b08), test
 * methods test_kernel_3x3_easy, test_kernel_5x5_difficult and
 * test_kernel_5x3_difficult: every matrix, kernel, parameter set and
 * published answer there is transcribed below. Only the numbers are
 * taken, none of the seed's code.
 *
 * The seed's convolve (matrix, kernel, stride=(sy, sx),
 * dilation=(dy, dx), padding=(py, px)) is a cross-correlation with zero
 * padding of py rows on top and bottom and px columns left and right, no
 * divisor and no bias. In VcConfig terms: border VC_BORDER_CONSTANT with
 * border_value 0, pad_top = pad_bottom = py, pad_left = pad_right = px,
 * divisor 1 (not 0, which would divide by the kernel sum), bias 0. Every
 * answer fits in 8 bits, so each case runs as u8 and again as u16.
 *
 * The transcription was checked once by recomputing all 36 published
 * answers with an independent plain-Python loop (the one described at
 * issue_answer below): all agreed.
 */
#include "vc-fixture.h"

typedef struct
{
  const int *values;
  int rows, cols;
} IntMatrix;

/* test_kernel_3x3_easy and test_kernel_5x3_difficult share this matrix. */
static const int matrix_5x7_values[] = {
  0, 4, 3, 2, 0, 1, 0,
  4, 3, 0, 1, 0, 1, 0,
  1, 3, 4, 2, 0, 1, 0,
  3, 4, 2, 2, 0, 1, 0,
  0, 0, 0, 0, 0, 1, 0,
};

/* test_kernel_5x5_difficult */
static const int matrix_9x14_values[] = {
  1, 4, 4, 2, 1, 0, 0, 1, 0, 0, 3, 3, 3, 4,
  0, 2, 0, 2, 0, 3, 4, 4, 2, 1, 1, 3, 0, 4,
  1, 1, 0, 0, 3, 4, 2, 4, 4, 2, 3, 0, 0, 4,
  4, 0, 1, 2, 0, 2, 0, 3, 3, 3, 0, 4, 1, 0,
  3, 0, 0, 3, 3, 3, 2, 0, 2, 1, 1, 0, 4, 2,
  2, 4, 3, 1, 1, 0, 2, 1, 3, 4, 4, 0, 2, 3,
  2, 4, 3, 3, 2, 1, 4, 0, 3, 4, 1, 2, 0, 0,
  2, 1, 0, 1, 1, 2, 2, 3, 0, 0, 1, 2, 4, 2,
  3, 3, 1, 1, 1, 1, 4, 4, 2, 3, 2, 2, 2, 3,
};

static const int kernel_3x3_values[] = {
  1, 1, 3,
  0, 2, 3,
  3, 3, 3,
};

static const int kernel_5x5_values[] = {
  2, 0, 2, 2, 2,
  2, 3, 1, 1, 3,
  3, 1, 1, 3, 1,
  2, 2, 3, 1, 1,
  0, 0, 1, 0, 0,
};

static const int kernel_5x3_values[] = {
  1, 1, 3,
  0, 2, 3,
  3, 3, 3,
  0, 2, 1,
  3, 3, 0,
};

static const IntMatrix matrix_5x7 = { matrix_5x7_values, 5, 7 };
static const IntMatrix matrix_9x14 = { matrix_9x14_values, 9, 14 };
static const IntMatrix kernel_3x3 = { kernel_3x3_values, 3, 3 };
static const IntMatrix kernel_5x5 = { kernel_5x5_values, 5, 5 };
static const IntMatrix kernel_5x3 = { kernel_5x3_values, 5, 3 };

/* The published answers, named after the seed's answer_* variables:
 * answer_<stride><dilation><padding> (3x3) or
 * answer_<stride>_<dilation>_<padding> (5x5, 5x3), each pair as (y, x). */
/* test_kernel_3x3_easy */
static const int k3x3_110[] = {
  43, 43, 25, 17,  6,
  52, 44, 17, 16,  6,
  30, 23, 10, 11,  6,
};
static const int k3x3_111[] = {
  33, 38, 24,  7,  9,  5,  3,
  41, 43, 43, 25, 17,  6,  4,
  45, 52, 44, 17, 16,  6,  4,
  28, 30, 23, 10, 11,  6,  4,
  15, 13, 12,  4,  8,  3,  1,
};
static const int k3x3_120[] = {
  11, 19,  3,
};
static const int k3x3_121[] = {
  27, 15, 26,  6, 11,
  22, 11, 19,  3,  8,
  20,  8, 14,  0,  4,
};
static const int k3x3_210[] = {
  43, 25,  6,
  30, 10,  6,
};
static const int k3x3_211[] = {
  33, 24,  9,  3,
  45, 44, 16,  4,
  15, 12,  8,  1,
};
static const int k3x3_220[] = {
  11,  3,
};
static const int k3x3_221[] = {
  27, 26, 11,
  20, 14,  4,
};
/* test_kernel_5x5_difficult */
static const int k5x5_11_11_00[] = {
  44, 58, 59, 62, 70, 80, 75, 92, 64, 72,
  52, 52, 59, 87, 92, 83, 77, 74, 71, 67,
  66, 63, 60, 64, 76, 79, 75, 82, 77, 64,
  75, 69, 64, 64, 69, 75, 70, 71, 75, 74,
  74, 71, 63, 66, 61, 75, 79, 47, 73, 76,
};
static const int k5x5_12_11_00[] = {
  44, 59, 70, 75, 64,
  52, 59, 92, 77, 71,
  66, 60, 76, 75, 77,
  75, 64, 69, 70, 75,
  74, 63, 61, 79, 73,
};
static const int k5x5_13_11_00[] = {
  44, 62, 75, 72,
  52, 87, 77, 67,
  66, 64, 75, 64,
  75, 64, 70, 74,
  74, 66, 79, 76,
};
static const int k5x5_21_11_00[] = {
  44, 58, 59, 62, 70, 80, 75, 92, 64, 72,
  66, 63, 60, 64, 76, 79, 75, 82, 77, 64,
  74, 71, 63, 66, 61, 75, 79, 47, 73, 76,
};
static const int k5x5_22_11_00[] = {
  44, 59, 70, 75, 64,
  66, 60, 76, 75, 77,
  74, 63, 61, 79, 73,
};
static const int k5x5_23_11_00[] = {
  44, 62, 75, 72,
  66, 64, 75, 64,
  74, 66, 79, 76,
};
static const int k5x5_31_11_00[] = {
  44, 58, 59, 62, 70, 80, 75, 92, 64, 72,
  75, 69, 64, 64, 69, 75, 70, 71, 75, 74,
};
static const int k5x5_32_11_00[] = {
  44, 59, 70, 75, 64,
  75, 64, 69, 70, 75,
};
static const int k5x5_46_11_00[] = {
  44, 75,
  74, 79,
};
static const int k5x5_11_12_00[] = {
  46, 70, 50, 77, 65, 94,
  67, 68, 67, 76, 53, 95,
  80, 65, 60, 64, 70, 73,
  74, 74, 77, 73, 79, 55,
  81, 66, 74, 60, 70, 58,
};
static const int k5x5_11_13_00[] = {
  48, 77,
  65, 65,
  73, 55,
  97, 67,
  84, 68,
};
static const int k5x5_11_21_00[] = {
  78, 73, 64, 72, 81, 69, 73, 69, 68, 81,
};
static const int k5x5_11_22_00[] = {
  67, 55, 80, 63, 77, 79,
};
static const int k5x5_11_23_00[] = {
  65, 79,
};
static const int k5x5_11_11_01[] = {
  41, 44, 58, 59, 62, 70, 80, 75, 92, 64, 72, 71,
  34, 52, 52, 59, 87, 92, 83, 77, 74, 71, 67, 43,
  51, 66, 63, 60, 64, 76, 79, 75, 82, 77, 64, 57,
  63, 75, 69, 64, 64, 69, 75, 70, 71, 75, 74, 43,
  51, 74, 71, 63, 66, 61, 75, 79, 47, 73, 76, 54,
};
static const int k5x5_11_11_10[] = {
  39, 45, 45, 61, 52, 58, 66, 63, 53, 56,
  44, 58, 59, 62, 70, 80, 75, 92, 64, 72,
  52, 52, 59, 87, 92, 83, 77, 74, 71, 67,
  66, 63, 60, 64, 76, 79, 75, 82, 77, 64,
  75, 69, 64, 64, 69, 75, 70, 71, 75, 74,
  74, 71, 63, 66, 61, 75, 79, 47, 73, 76,
  70, 59, 64, 55, 72, 83, 81, 77, 70, 69,
};
static const int k5x5_11_11_11[] = {
  26, 39, 45, 45, 61, 52, 58, 66, 63, 53, 56, 51,
  41, 44, 58, 59, 62, 70, 80, 75, 92, 64, 72, 71,
  34, 52, 52, 59, 87, 92, 83, 77, 74, 71, 67, 43,
  51, 66, 63, 60, 64, 76, 79, 75, 82, 77, 64, 57,
  63, 75, 69, 64, 64, 69, 75, 70, 71, 75, 74, 43,
  51, 74, 71, 63, 66, 61, 75, 79, 47, 73, 76, 54,
  59, 70, 59, 64, 55, 72, 83, 81, 77, 70, 69, 58,
};
static const int k5x5_21_13_00[] = {
  48, 77,
  73, 55,
  84, 68,
};
static const int k5x5_23_13_13[] = {
  28, 36, 31,
  53, 65, 47,
  62, 97, 70,
  64, 79, 74,
};
static const int k5x5_32_23_22[] = {
  54, 55, 34,
  34, 69, 43,
};
/* test_kernel_5x3_difficult */
static const int k5x3_11_11_00[] = {
  53, 49, 29, 18, 11,
};
static const int k5x3_21_13_00[] = {
  17,
};
static const int k5x3_23_13_13[] = {
  34, 38,  9,
  30, 24,  7,
};
static const int k5x3_32_23_42[] = {
  18, 10, 17,
  18, 17, 11,
};
static const int k5x3_21_12_04[] = {
  18, 34, 40, 44, 22, 37, 15, 19,  0,  7,  0,
};
static const int k5x3_22_12_04[] = {
  18, 40, 22, 15,  0,  0,
};
static const int k5x3_23_13_25[] = {
  15, 27, 21,  0,
  34, 27, 13,  0,
  21, 11,  3,  0,
};
static const int k5x3_11_11_33[] = {
   0,  0, 16, 32, 17,  7,  4,  5,  3,  0,  0,
   0,  4, 26, 39, 49, 35, 16,  8,  6,  0,  0,
   0, 13, 47, 69, 52, 23, 16, 10,  6,  0,  0,
   0, 18, 51, 53, 49, 29, 18, 11,  7,  0,  0,
   0, 24, 45, 52, 44, 17, 17,  8,  4,  0,  0,
   0, 12, 28, 30, 23, 10, 11,  6,  4,  0,  0,
   0,  9, 15, 13, 12,  4,  8,  3,  1,  0,  0,
};

/* The issue's case, which the seed does not publish: the 9x14 matrix with
 * the 5x5 kernel, stride (2, 1), dilation (1, 2), no padding.
 *
 * Obtained once, independently of the C code, with a plain-Python
 * quadruple loop (no NumPy, none of the seed's code):
 *   acc[i][j] = sum over m < 5, n < 5 of K[m][n] * M[2*i + m][j + 2*n]
 * for i < (9 - 5) / 2 + 1 = 3 and j < 14 - 2*4 = 6. It equals rows 0, 2
 * and 4 of the seed's answer_11_12_00 (the same dilation at stride 1), as
 * it must.
 *
 * Checked by hand (input row r, columns c, dotted with kernel row m):
 *   [0][0]: rows 0-4, columns 0 2 4 6 8
 *     r0 (1 4 1 0 0).(2 0 2 2 2) = 2 + 0 + 2 + 0 + 0 =  4
 *     r1 (0 0 0 4 2).(2 3 1 1 3) = 0 + 0 + 0 + 4 + 6 = 10
 *     r2 (1 0 3 2 4).(3 1 1 3 1) = 3 + 0 + 3 + 6 + 4 = 16
 *     r3 (4 1 0 0 3).(2 2 3 1 1) = 8 + 2 + 0 + 0 + 3 = 13
 *     r4 (3 0 3 2 2).(0 0 1 0 0) =         3          =  3   total 46
 *   [1][5]: rows 2-6, columns 5 7 9 11 13
 *     r2 (4 4 2 0 4).(2 0 2 2 2) = 8 + 0 + 4 + 0 + 8 = 20
 *     r3 (2 3 3 4 0).(2 3 1 1 3) = 4 + 9 + 3 + 4 + 0 = 20
 *     r4 (3 0 1 0 2).(3 1 1 3 1) = 9 + 0 + 1 + 0 + 2 = 12
 *     r5 (0 1 4 0 3).(2 2 3 1 1) = 0 + 2 + 12 + 0 + 3 = 17
 *     r6 (1 0 4 2 0).(0 0 1 0 0) =         4          =  4   total 73
 *   [2][2]: rows 4-8, columns 2 4 6 8 10
 *     r4 (0 3 2 2 1).(2 0 2 2 2) = 0 + 0 + 4 + 4 + 2 = 10
 *     r5 (3 1 2 3 4).(2 3 1 1 3) = 6 + 3 + 2 + 3 + 12 = 26
 *     r6 (3 2 4 3 1).(3 1 1 3 1) = 9 + 2 + 4 + 9 + 1 = 25
 *     r7 (0 1 2 0 1).(2 2 3 1 1) = 0 + 2 + 6 + 0 + 1 =  9
 *     r8 (1 1 4 2 2).(0 0 1 0 0) =         4          =  4   total 74
 */
static const int issue_answer[] = {
  46, 70, 50, 77, 65, 94,
  80, 65, 60, 64, 70, 73,
  81, 66, 74, 60, 70, 58,
};

typedef struct
{
  const char *name;
  const IntMatrix *matrix;
  const IntMatrix *kernel;
  int stride[2], dilation[2], padding[2];       /* (y, x) */
  int out_height, out_width;
  const int *answer;
} SeedCase;

static const SeedCase cases[] = {
  {"test_kernel_3x3_easy: answer_110", &matrix_5x7, &kernel_3x3,
      {1, 1}, {1, 1}, {0, 0}, 3, 5, k3x3_110},
  {"test_kernel_3x3_easy: answer_111", &matrix_5x7, &kernel_3x3,
      {1, 1}, {1, 1}, {1, 1}, 5, 7, k3x3_111},
  {"test_kernel_3x3_easy: answer_120", &matrix_5x7, &kernel_3x3,
      {1, 1}, {2, 2}, {0, 0}, 1, 3, k3x3_120},
  {"test_kernel_3x3_easy: answer_121", &matrix_5x7, &kernel_3x3,
      {1, 1}, {2, 2}, {1, 1}, 3, 5, k3x3_121},
  {"test_kernel_3x3_easy: answer_210", &matrix_5x7, &kernel_3x3,
      {2, 2}, {1, 1}, {0, 0}, 2, 3, k3x3_210},
  {"test_kernel_3x3_easy: answer_211", &matrix_5x7, &kernel_3x3,
      {2, 2}, {1, 1}, {1, 1}, 3, 4, k3x3_211},
  {"test_kernel_3x3_easy: answer_220", &matrix_5x7, &kernel_3x3,
      {2, 2}, {2, 2}, {0, 0}, 1, 2, k3x3_220},
  {"test_kernel_3x3_easy: answer_221", &matrix_5x7, &kernel_3x3,
      {2, 2}, {2, 2}, {1, 1}, 2, 3, k3x3_221},
  {"test_kernel_5x5_difficult: answer_11_11_00", &matrix_9x14, &kernel_5x5,
      {1, 1}, {1, 1}, {0, 0}, 5, 10, k5x5_11_11_00},
  {"test_kernel_5x5_difficult: answer_12_11_00", &matrix_9x14, &kernel_5x5,
      {1, 2}, {1, 1}, {0, 0}, 5, 5, k5x5_12_11_00},
  {"test_kernel_5x5_difficult: answer_13_11_00", &matrix_9x14, &kernel_5x5,
      {1, 3}, {1, 1}, {0, 0}, 5, 4, k5x5_13_11_00},
  {"test_kernel_5x5_difficult: answer_21_11_00", &matrix_9x14, &kernel_5x5,
      {2, 1}, {1, 1}, {0, 0}, 3, 10, k5x5_21_11_00},
  {"test_kernel_5x5_difficult: answer_22_11_00", &matrix_9x14, &kernel_5x5,
      {2, 2}, {1, 1}, {0, 0}, 3, 5, k5x5_22_11_00},
  {"test_kernel_5x5_difficult: answer_23_11_00", &matrix_9x14, &kernel_5x5,
      {2, 3}, {1, 1}, {0, 0}, 3, 4, k5x5_23_11_00},
  {"test_kernel_5x5_difficult: answer_31_11_00", &matrix_9x14, &kernel_5x5,
      {3, 1}, {1, 1}, {0, 0}, 2, 10, k5x5_31_11_00},
  {"test_kernel_5x5_difficult: answer_32_11_00", &matrix_9x14, &kernel_5x5,
      {3, 2}, {1, 1}, {0, 0}, 2, 5, k5x5_32_11_00},
  {"test_kernel_5x5_difficult: answer_46_11_00", &matrix_9x14, &kernel_5x5,
      {4, 6}, {1, 1}, {0, 0}, 2, 2, k5x5_46_11_00},
  {"test_kernel_5x5_difficult: answer_11_12_00", &matrix_9x14, &kernel_5x5,
      {1, 1}, {1, 2}, {0, 0}, 5, 6, k5x5_11_12_00},
  {"test_kernel_5x5_difficult: answer_11_13_00", &matrix_9x14, &kernel_5x5,
      {1, 1}, {1, 3}, {0, 0}, 5, 2, k5x5_11_13_00},
  {"test_kernel_5x5_difficult: answer_11_21_00", &matrix_9x14, &kernel_5x5,
      {1, 1}, {2, 1}, {0, 0}, 1, 10, k5x5_11_21_00},
  {"test_kernel_5x5_difficult: answer_11_22_00", &matrix_9x14, &kernel_5x5,
      {1, 1}, {2, 2}, {0, 0}, 1, 6, k5x5_11_22_00},
  {"test_kernel_5x5_difficult: answer_11_23_00", &matrix_9x14, &kernel_5x5,
      {1, 1}, {2, 3}, {0, 0}, 1, 2, k5x5_11_23_00},
  {"test_kernel_5x5_difficult: answer_11_11_01", &matrix_9x14, &kernel_5x5,
      {1, 1}, {1, 1}, {0, 1}, 5, 12, k5x5_11_11_01},
  {"test_kernel_5x5_difficult: answer_11_11_10", &matrix_9x14, &kernel_5x5,
      {1, 1}, {1, 1}, {1, 0}, 7, 10, k5x5_11_11_10},
  {"test_kernel_5x5_difficult: answer_11_11_11", &matrix_9x14, &kernel_5x5,
      {1, 1}, {1, 1}, {1, 1}, 7, 12, k5x5_11_11_11},
  {"test_kernel_5x5_difficult: answer_21_13_00", &matrix_9x14, &kernel_5x5,
      {2, 1}, {1, 3}, {0, 0}, 3, 2, k5x5_21_13_00},
  {"test_kernel_5x5_difficult: answer_23_13_13", &matrix_9x14, &kernel_5x5,
      {2, 3}, {1, 3}, {1, 3}, 4, 3, k5x5_23_13_13},
  {"test_kernel_5x5_difficult: answer_32_23_22", &matrix_9x14, &kernel_5x5,
      {3, 2}, {2, 3}, {2, 2}, 2, 3, k5x5_32_23_22},
  {"test_kernel_5x3_difficult: answer_11_11_00", &matrix_5x7, &kernel_5x3,
      {1, 1}, {1, 1}, {0, 0}, 1, 5, k5x3_11_11_00},
  {"test_kernel_5x3_difficult: answer_21_13_00", &matrix_5x7, &kernel_5x3,
      {2, 1}, {1, 3}, {0, 0}, 1, 1, k5x3_21_13_00},
  {"test_kernel_5x3_difficult: answer_23_13_13", &matrix_5x7, &kernel_5x3,
      {2, 3}, {1, 3}, {1, 3}, 2, 3, k5x3_23_13_13},
  {"test_kernel_5x3_difficult: answer_32_23_42", &matrix_5x7, &kernel_5x3,
      {3, 2}, {2, 3}, {4, 2}, 2, 3, k5x3_32_23_42},
  {"test_kernel_5x3_difficult: answer_21_12_04", &matrix_5x7, &kernel_5x3,
      {2, 1}, {1, 2}, {0, 4}, 1, 11, k5x3_21_12_04},
  {"test_kernel_5x3_difficult: answer_22_12_04", &matrix_5x7, &kernel_5x3,
      {2, 2}, {1, 2}, {0, 4}, 1, 6, k5x3_22_12_04},
  {"test_kernel_5x3_difficult: answer_23_13_25", &matrix_5x7, &kernel_5x3,
      {2, 3}, {1, 3}, {2, 5}, 3, 4, k5x3_23_13_25},
  {"test_kernel_5x3_difficult: answer_11_11_33", &matrix_5x7, &kernel_5x3,
      {1, 1}, {1, 1}, {3, 3}, 7, 11, k5x3_11_11_33},
  {"issue: 9x14, 5x5 kernel, stride (2, 1), dilation (1, 2)", &matrix_9x14,
      &kernel_5x5, {2, 1}, {1, 2}, {0, 0}, 3, 6, issue_answer},
};

#define N_CASES (sizeof (cases) / sizeof (cases[0]))

/* Case _i / 2, in u8 (_i even) or u16 (_i odd). */
START_TEST (test_seed_case)
{
  const SeedCase *c = &cases[_i / 2];
  VcSampleType type = _i % 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  double kernel[25];
  char name[128];
  VcConfig cfg;

  for (int i = 0; i < c->kernel->rows * c->kernel->cols; i++)
    kernel[i] = c->kernel->values[i];

  vc_config_init (&cfg);
  cfg.kernel = kernel;
  cfg.kernel_height = c->kernel->rows;
  cfg.kernel_width = c->kernel->cols;
  cfg.stride_y = c->stride[0];
  cfg.stride_x = c->stride[1];
  cfg.dilation_y = c->dilation[0];
  cfg.dilation_x = c->dilation[1];
  cfg.pad_top = cfg.pad_bottom = c->padding[0];
  cfg.pad_left = cfg.pad_right = c->padding[1];
  cfg.border = VC_BORDER_CONSTANT;
  cfg.border_value = 0;
  cfg.divisor = 1;
  cfg.sample_type = type;
  cfg.width = c->matrix->cols;
  cfg.height = c->matrix->rows;

  snprintf (name, sizeof (name), "%s, %s", c->name,
      type == VC_SAMPLE_U16 ? "u16" : "u8");
  vc_test_case = name;
  VC_RUN (&cfg, c->matrix->values, c->answer, c->out_height, c->out_width);
  vc_test_case = NULL;
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("core-seed");

  tcase_add_loop_test (vc_fixture_tcase (s, "seed"), test_seed_case, 0,
      2 * N_CASES);
  return vc_fixture_run (s);
}
