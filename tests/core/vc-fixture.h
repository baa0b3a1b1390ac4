/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vc-fixture.h: what the core's libcheck tests share beyond libcheck.
 * Plain C on libc, libcheck and the core; included by exactly one .c file
 * per test program, hence everything is static.
 *
 * The checks are libcheck's (ck_assert_*): the first failed one ends the
 * running test (a forked child, unless CK_FORK=no) with file:line and the
 * expected against the actual value. Here, on top of them:
 *
 *   vc_assert_status ()    a VcStatus, both values printed by name
 *   vc_assert_contains ()  a word or whole number inside an error message
 *   VC_RUN ()              one configuration through every way of
 *                          executing a plan, against an expected matrix
 *   vc_fixture_run ()      runs a suite, returns the exit status
 *
 * VC_RUN () runs one configuration on a small int matrix and compares the
 * output with an expected int matrix, through every way of executing a
 * plan (see vc_test_modes below):
 *
 *   vc_plan_execute ()            whole frame, scratch allocated by the core
 *   vc_plan_execute_reference ()  whole frame, likewise
 *   both again in 1-row bands top-down, with our own scratch buffer
 *   both again in 2 bands bottom-up, with our own scratch buffer
 *
 * Buffers are allocated to their exact extent (AddressSanitizer and
 * valgrind see any overrun), each row ends in VC_TEST_ROW_PAD padding
 * samples, the destination starts out filled with a canary that must
 * survive wherever the core is not supposed to write, and the source must
 * come back unchanged. A mismatch prints the expected and the actual
 * matrix on stderr before the test fails.
 */
#ifndef VC_FIXTURE_H
#define VC_FIXTURE_H

#include <videoconvolve/convolve.h>
#include "vc-oracle.h"

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In an expected sample array: "this sample must keep the canary". */
#define VC_UNTOUCHED (-1)
/* Padding samples at the end of every row of the test buffers. */
#define VC_TEST_ROW_PAD 3
/* Canary of destination samples, and what source row padding holds (a
 * core reading it would produce visibly wrong values). */
#define VC_TEST_CANARY_U8 0xA5
#define VC_TEST_CANARY_U16 0xA5A5
#define VC_TEST_SRC_PAD_U8 0xEE
#define VC_TEST_SRC_PAD_U16 0xEEEE
/* What the scratch buffer holds before each call. */
#define VC_TEST_SCRATCH_FILL 0xCD

/* Every test case's timeout in seconds. libcheck's default (4 s in fork
 * mode) is too short for valgrind (about 30 times slower) and the
 * sanitizers; meson's timeout still bounds a whole program. */
#define VC_TEST_TIMEOUT 900

/* Named in the failure messages of the helpers below: the case the
 * running test is on, or NULL. */
static const char *vc_test_case;

/* ---------------------------------------------------------------- checks */

/* Fails the running test unless ok, naming the caller's file:line (the
 * helpers below check on behalf of a line of the test) and the case. */
#define vc_fixture_assert(ok, file, line, fmt, ...) \
  ck_assert_msg ((ok), "%s:%d: [%s] " fmt, (file), (line), \
      vc_test_case ? vc_test_case : "-", ##__VA_ARGS__)

#define vc_assert_status(actual, expected) \
  do { \
    VcStatus vc_actual_ = (actual), vc_expected_ = (expected); \
    ck_assert_msg (vc_actual_ == vc_expected_, "%s: expected %s, got %s", \
        #actual, vc_status_name (vc_expected_), \
        vc_status_name (vc_actual_)); \
  } while (0)

/* needle must occur in haystack; a needle that is a number ("64", "-3")
 * must occur as a whole number, not as part of "6400". */
#define vc_assert_contains(haystack, needle) \
  vc_fixture_assert_contains (__FILE__, __LINE__, #haystack, (haystack), \
      (needle))

static inline bool
vc_test_is_number (const char *s)
{
  if (*s == '-')
    s++;
  if (*s < '0' || *s > '9')
    return false;
  for (; *s; s++)
    if ((*s < '0' || *s > '9') && *s != '.')
      return false;
  return true;
}

static inline bool
vc_test_is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static inline bool
vc_test_has (const char *haystack, const char *needle)
{
  size_t len = strlen (needle);
  bool number = vc_test_is_number (needle);
  const char *p;

  for (p = strstr (haystack, needle); p; p = strstr (p + 1, needle)) {
    if (!number)
      return true;
    /* A whole number: no digit (or minus sign glued to a positive
     * needle) right before it, no digit right after it. */
    if (p > haystack && (vc_test_is_digit (p[-1]) ||
            (p[-1] == '-' && needle[0] != '-')))
      continue;
    if (vc_test_is_digit (p[len]))
      continue;
    return true;
  }
  return false;
}

static inline void
vc_fixture_assert_contains (const char *file, int line, const char *what,
    const char *haystack, const char *needle)
{
  vc_fixture_assert (haystack != NULL && vc_test_has (haystack, needle),
      file, line, "%s: expected \"%s\" in \"%s\"", what, needle,
      haystack ? haystack : "(null)");
}

/* ---------------------------------------------------------------- suites */

/* A test case of s with the fixture's timeout. */
static inline TCase *
vc_fixture_tcase (Suite * s, const char *name)
{
  TCase *tc = tcase_create (name);

  tcase_set_timeout (tc, VC_TEST_TIMEOUT);
  suite_add_tcase (s, tc);
  return tc;
}

/* Runs s as libcheck's environment says (CK_RUN_SUITE, CK_RUN_CASE,
 * CK_FORK, CK_VERBOSITY, CK_TAP_LOG_FILE_NAME, CK_XML_LOG_FILE_NAME...);
 * returns the exit status: 0 only if every test passed. */
static inline int
vc_fixture_run (Suite * s)
{
  SRunner *sr = srunner_create (s);
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---------------------------------------------------------- sample buffers */

/* Which samples of an interleaved plane are convolved; {0} means one
 * component per pixel, nothing else (a plain matrix). */
typedef struct
{
  int pixel_stride;
  int offset;
  int components;
} VcTestLayout;

/* A plane whose samples are held in an exactly sized heap buffer. */
typedef struct
{
  VcPlane plane;
  VcSampleType type;
  int row_samples;              /* width * pixel_stride, without padding */
  int stride_samples;           /* row_samples + VC_TEST_ROW_PAD */
  size_t size;                  /* bytes */
} VcTestBuffer;

static inline int
vc_test_sample_bytes (VcSampleType type)
{
  return type == VC_SAMPLE_U16 ? 2 : 1;
}

static inline int
vc_test_canary (VcSampleType type)
{
  return type == VC_SAMPLE_U16 ? VC_TEST_CANARY_U16 : VC_TEST_CANARY_U8;
}

/* Sample s (0 <= s < stride_samples) of row y. */
static inline int
vc_test_get (const VcTestBuffer * b, int y, int s)
{
  const uint8_t *row = (const uint8_t *) b->plane.data +
      (size_t) y * b->plane.row_stride;

  if (b->type == VC_SAMPLE_U16)
    return ((const uint16_t *) row)[s];
  return row[s];
}

static inline void
vc_test_set (VcTestBuffer * b, int y, int s, int v)
{
  uint8_t *row = (uint8_t *) b->plane.data + (size_t) y * b->plane.row_stride;

  if (b->type == VC_SAMPLE_U16)
    ((uint16_t *) row)[s] = (uint16_t) v;
  else
    row[s] = (uint8_t) v;
}

/* The last row has no padding: its final sample ends the buffer. */
static inline bool
vc_test_in_buffer (const VcTestBuffer * b, int y, int s)
{
  return y < b->plane.height - 1 || s < b->row_samples;
}

/* Allocates width x height pixels of the given layout and fills every
 * sample with fill. */
static inline void
vc_test_buffer_init (VcTestBuffer * b, VcSampleType type, int width,
    int height, const VcTestLayout * layout, int fill)
{
  int bps = vc_test_sample_bytes (type);

  memset (b, 0, sizeof (*b));
  b->type = type;
  b->plane.width = width;
  b->plane.height = height;
  b->plane.pixel_stride = layout->pixel_stride;
  b->plane.offset = layout->offset;
  b->plane.components = layout->components;
  b->row_samples = width * layout->pixel_stride;
  b->stride_samples = b->row_samples + VC_TEST_ROW_PAD;
  b->plane.row_stride = (ptrdiff_t) b->stride_samples * bps;
  b->size = (size_t) (height - 1) * b->plane.row_stride +
      (size_t) b->row_samples * bps;
  b->plane.data = malloc (b->size);
  if (b->plane.data == NULL) {
    fprintf (stderr, "out of memory\n");
    exit (99);
  }
  for (int y = 0; y < height; y++)
    for (int s = 0; s < b->stride_samples; s++)
      if (vc_test_in_buffer (b, y, s))
        vc_test_set (b, y, s, fill);
}

static inline void
vc_test_buffer_clear (VcTestBuffer * b)
{
  free (b->plane.data);
  b->plane.data = NULL;
}

/* A 16-byte aligned scratch buffer of at least size bytes, filled with
 * garbage so that a core relying on zeroed scratch is caught. */
static inline void *
vc_test_scratch_new (size_t size)
{
  size_t rounded = (size + 15) / 16 * 16;
  void *p = aligned_alloc (16, rounded ? rounded : 16);

  if (p == NULL) {
    fprintf (stderr, "out of memory\n");
    exit (99);
  }
  memset (p, VC_TEST_SCRATCH_FILL, rounded);
  return p;
}

/* ------------------------------------------------------------- matrices */

/* Prints a rows x cols matrix; in expected matrices VC_UNTOUCHED is "." */
static inline void
vc_test_print_matrix (const char *title, const int *m, int rows, int cols)
{
  fprintf (stderr, "  %s (%d x %d):\n", title, rows, cols);
  for (int y = 0; y < rows; y++) {
    fputs ("   ", stderr);
    for (int x = 0; x < cols; x++) {
      if (m[y * cols + x] == VC_UNTOUCHED)
        fprintf (stderr, " %5s", ".");
      else
        fprintf (stderr, " %5d", m[y * cols + x]);
    }
    fputc ('\n', stderr);
  }
}

/* Fails the running test unless actual == expected (rows x cols),
 * naming the first differing position after printing both matrices. */
static inline void
vc_test_assert_matrix (const char *file, int line, const char *what,
    const int *actual, const int *expected, int rows, int cols)
{
  for (int i = 0; i < rows * cols; i++) {
    if (actual[i] != expected[i]) {
      fprintf (stderr, "%s:%d: [%s] %s:\n", file, line,
          vc_test_case ? vc_test_case : "-", what);
      vc_test_print_matrix ("expected", expected, rows, cols);
      vc_test_print_matrix ("actual", actual, rows, cols);
      vc_fixture_assert (false, file, line, "%s: first difference at row "
          "%d, column %d: expected %d, got %d", what, i / cols, i % cols,
          expected[i], actual[i]);
    }
  }
}

/* ------------------------------------------------------- running a plan */

/* How one run executes the plan: which entry point, band height (0: the
 * whole frame in one call; -1: two halves), band order, and whether the
 * core allocates the scratch itself. */
typedef struct
{
  const char *name;
  bool reference;
  int band;
  bool bottom_up;
} VcTestMode;

static const VcTestMode vc_test_modes[] = {
  {"vc_plan_execute, whole frame", false, 0, false},
  {"vc_plan_execute_reference, whole frame", true, 0, false},
  {"vc_plan_execute, 1-row bands top-down", false, 1, false},
  {"vc_plan_execute_reference, 1-row bands top-down", true, 1, false},
  {"vc_plan_execute, 2 bands bottom-up", false, -1, true},
  {"vc_plan_execute_reference, 2 bands bottom-up", true, -1, true},
};

/* Every sample of rows [y0, y1) still holds the canary. */
static inline bool
vc_test_rows_untouched (const VcTestBuffer * dst, int y0, int y1)
{
  int canary = vc_test_canary (dst->type);

  for (int y = y0; y < y1; y++)
    for (int s = 0; s < dst->stride_samples; s++)
      if (vc_test_in_buffer (dst, y, s) && vc_test_get (dst, y, s) != canary)
        return false;
  return true;
}

/* Runs the plan in one mode into a fresh canary-filled dst; fails the
 * test if a call fails or a band writes outside its rows. */
static inline void
vc_test_execute_mode (const char *file, int line, const VcPlan * plan,
    const VcTestMode * mode, const VcTestBuffer * src, VcTestBuffer * dst)
{
  int out_h = dst->plane.height;
  int band = mode->band == 0 ? out_h :
      mode->band < 0 ? (out_h + 1) / 2 : mode->band;
  void *scratch = NULL;

  if (mode->band != 0)
    scratch = vc_test_scratch_new (vc_plan_scratch_size (plan));

  for (int i = 0; i < out_h; i += band) {
    int y0 = mode->bottom_up ? (out_h - i - band > 0 ? out_h - i - band : 0)
        : i;
    int y1 = mode->bottom_up ? out_h - i : (i + band < out_h ? i + band :
        out_h);
    VcError err;
    VcStatus status;

    memset (&err, 0x5A, sizeof (err));
    status = mode->reference ?
        vc_plan_execute_reference (plan, &src->plane, &dst->plane, y0, y1,
        scratch, &err) :
        vc_plan_execute (plan, &src->plane, &dst->plane, y0, y1, scratch,
        &err);
    vc_fixture_assert (status == VC_OK, file, line, "%s, rows [%d, %d): "
        "%s: %.*s", mode->name, y0, y1, vc_status_name (status),
        (int) sizeof (err.message), err.message);
    if (mode->bottom_up)
      vc_fixture_assert (vc_test_rows_untouched (dst, 0, y0), file, line,
          "%s: rows [%d, %d) wrote above row %d", mode->name, y0, y1, y0);
    else
      vc_fixture_assert (vc_test_rows_untouched (dst, y1, out_h), file,
          line, "%s: rows [%d, %d) wrote below row %d", mode->name, y0, y1,
          y1);
  }
  free (scratch);
}

/* Compares dst, row padding included, with expected (out_h rows of
 * row_samples samples, VC_UNTOUCHED where the canary must survive). */
static inline void
vc_test_compare (const char *file, int line, const char *mode,
    const VcTestBuffer * dst, const int *expected)
{
  int rows = dst->plane.height, cols = dst->stride_samples;
  int canary = vc_test_canary (dst->type);
  int *exp = malloc (sizeof (int) * rows * cols);
  int *act = malloc (sizeof (int) * rows * cols);
  char what[160];

  for (int y = 0; y < rows; y++) {
    for (int s = 0; s < cols; s++) {
      bool inside = vc_test_in_buffer (dst, y, s);
      int e = s < dst->row_samples ? expected[y * dst->row_samples + s] :
          VC_UNTOUCHED;

      exp[y * cols + s] = inside ? e : VC_UNTOUCHED;
      act[y * cols + s] = !inside ? VC_UNTOUCHED :
          vc_test_get (dst, y, s) == canary ? VC_UNTOUCHED :
          vc_test_get (dst, y, s);
    }
  }
  snprintf (what, sizeof (what), "%s (\".\" is the untouched canary %d; "
      "the last %d columns are row padding)", mode, canary, VC_TEST_ROW_PAD);
  vc_test_assert_matrix (file, line, what, act, exp, rows, cols);
  free (exp);
  free (act);
}

/* Runs cfg on input (cfg->height rows of cfg->width * pixel_stride
 * samples, in the given layout or NULL for a plain matrix) and checks the
 * output size and, in every mode, the output against expected. */
static inline void
vc_test_run (const char *file, int line, const VcConfig * cfg,
    const VcTestLayout * layout, const int *input, const int *expected,
    int out_height, int out_width)
{
  static const VcTestLayout plain = { 1, 0, 1 };
  VcTestBuffer src, dst;
  VcError err;
  VcPlan *plan;
  VcConfig with_layout;
  int w = -1, h = -1, src_pad;
  bool same = true;

  if (layout == NULL)
    layout = &plain;
  with_layout = *cfg;
  with_layout.components = layout->components;
  memset (&err, 0, sizeof (err));
  plan = vc_plan_new (&with_layout, &err);
  vc_fixture_assert (plan != NULL, file, line, "vc_plan_new failed: "
      "%s (field \"%.*s\"): %.*s", vc_status_name (err.status),
      (int) sizeof (err.field), err.field, (int) sizeof (err.message),
      err.message);

  vc_plan_get_output_size (plan, &w, &h);
  vc_fixture_assert (w == out_width && h == out_height, file, line,
      "output size: expected %d x %d, got %d x %d", out_width, out_height,
      w, h);
  w = h = -1;
  vc_fixture_assert (vc_output_size (cfg, &w, &h, &err) == VC_OK &&
      w == out_width && h == out_height, file, line,
      "vc_output_size: expected %d x %d, got %d x %d", out_width, out_height,
      w, h);

  src_pad = cfg->sample_type == VC_SAMPLE_U16 ? VC_TEST_SRC_PAD_U16 :
      VC_TEST_SRC_PAD_U8;
  vc_test_buffer_init (&src, cfg->sample_type, cfg->width, cfg->height,
      layout, src_pad);
  for (int y = 0; y < cfg->height; y++)
    for (int s = 0; s < src.row_samples; s++)
      vc_test_set (&src, y, s, input[y * src.row_samples + s]);

  for (size_t i = 0; i < sizeof (vc_test_modes) / sizeof (vc_test_modes[0]);
      i++) {
    const VcTestMode *mode = &vc_test_modes[i];

    vc_test_buffer_init (&dst, cfg->sample_type, out_width, out_height,
        layout, vc_test_canary (cfg->sample_type));
    vc_test_execute_mode (file, line, plan, mode, &src, &dst);
    vc_test_compare (file, line, mode->name, &dst, expected);
    vc_test_buffer_clear (&dst);
  }

  /* The source is const: every sample, padding included, as it was. */
  for (int y = 0; y < cfg->height; y++)
    for (int s = 0; s < src.stride_samples; s++)
      if (vc_test_in_buffer (&src, y, s))
        same &= vc_test_get (&src, y, s) == (s < src.row_samples ?
            input[y * src.row_samples + s] : src_pad);
  vc_fixture_assert (same, file, line, "the source was modified");

  vc_test_buffer_clear (&src);
  vc_plan_free (plan);
}

/* Plain matrix: input is cfg->height x cfg->width, expected
 * out_height x out_width. */
#define VC_RUN(cfg, input, expected, out_height, out_width) \
  vc_test_run (__FILE__, __LINE__, (cfg), NULL, (input), (expected), \
      (out_height), (out_width))

#define VC_RUN_LAYOUT(cfg, layout, input, expected, out_height, out_width) \
  vc_test_run (__FILE__, __LINE__, (cfg), (layout), (input), (expected), \
      (out_height), (out_width))

#endif /* VC_FIXTURE_H */
