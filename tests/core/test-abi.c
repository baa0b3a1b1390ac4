/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The versioned VcConfig (see convolve.h): vc_config_init () records the
 * caller's sizeof (VcConfig) in struct_size and writes no byte past it;
 * the library reads struct_size bytes, accepts a larger (newer) struct
 * whose extra bytes are 0, and refuses, naming struct_size and the values,
 * a struct that was not set up (struct_size 0 or absurd) or that asks for
 * fields it does not know. Each entry that reads a VcConfig checks. */
#include "vc-fixture.h"

#include <stddef.h>

#define EXTRA 16

/* A VcConfig as a program with a newer header (EXTRA bytes more) has it. */
typedef struct
{
  VcConfig cfg;
  unsigned char extra[EXTRA];
} NewerConfig;

static const double box[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };

static void
setup (NewerConfig * n, size_t struct_size)
{
  memset (n, 0x5A, sizeof (*n));
  vc_config_init_size (&n->cfg, struct_size);
  n->cfg.kernel = box;
  n->cfg.kernel_height = n->cfg.kernel_width = 3;
  n->cfg.width = 7;
  n->cfg.height = 5;
}

/* All three entries that read a VcConfig give status (and on an error,
 * a message naming struct_size and containing `value`). */
static void
check_entries (const VcConfig * cfg, VcStatus status, const char *value)
{
  VcError err;
  VcPlan *plan;
  int w = 0, h = 0, t, b, l, r;

  vc_assert_status (vc_output_size (cfg, &w, &h, &err), status);
  vc_assert_status (vc_resolve_padding (cfg, &t, &b, &l, &r, &err), status);
  plan = vc_plan_new (cfg, &err);
  vc_assert_status (err.status, status);
  ck_assert_int_eq (plan != NULL, status == VC_OK);
  vc_plan_free (plan);
  if (status == VC_OK) {
    ck_assert_int_eq (w, 5);
    ck_assert_int_eq (h, 3);
    return;
  }
  ck_assert_str_eq (err.field, "struct_size");
  vc_assert_contains (err.message, "struct_size");
  vc_assert_contains (err.message, value);
}

/* vc_config_init: struct_size, nothing written past it. */
START_TEST (test_init)
{
  NewerConfig n;

  memset (&n, 0x5A, sizeof (n));
  vc_config_init (&n.cfg);
  ck_assert_uint_eq (n.cfg.struct_size, sizeof (VcConfig));
  ck_assert_int_eq (n.cfg.components, 1);
  for (size_t i = 0; i < EXTRA; i++)
    ck_assert_int_eq (n.extra[i], 0x5A);
}
END_TEST

/* vc_config_init_size: a newer header's fields set to 0. */
START_TEST (test_init_size)
{
  NewerConfig n;

  memset (&n, 0x5A, sizeof (n));
  vc_config_init (&n.cfg);
  vc_config_init_size (&n.cfg, sizeof (n));
  ck_assert_uint_eq (n.cfg.struct_size, sizeof (n));
  ck_assert_int_eq (n.cfg.stride_x, 1);
  for (size_t i = 0; i < EXTRA; i++)
    ck_assert_int_eq (n.extra[i], 0);
}
END_TEST

START_TEST (test_read_this_size)
{
  NewerConfig n;

  setup (&n, sizeof (VcConfig));
  check_entries (&n.cfg, VC_OK, NULL);
}
END_TEST

/* A newer header's size, its new fields 0. */
START_TEST (test_read_newer_size)
{
  NewerConfig n;

  setup (&n, sizeof (n));
  check_entries (&n.cfg, VC_OK, NULL);
}
END_TEST

START_TEST (test_read_newer_field_set)
{
  NewerConfig n;
  char value[32];

  setup (&n, sizeof (n));
  n.extra[3] = 1;
  snprintf (value, sizeof (value), "%zu", sizeof (n));
  check_entries (&n.cfg, VC_ERROR_VERSION, value);
}
END_TEST

/* This header's size, a field set in the tail padding (where there is
 * some). */
START_TEST (test_read_tail_padding_set)
{
  NewerConfig n;
  char value[32];

  setup (&n, sizeof (VcConfig));
  if (sizeof (VcConfig) > offsetof (VcConfig, out_height) + sizeof (int)) {
    ((unsigned char *) &n.cfg)[sizeof (VcConfig) - 1] = 1;
    snprintf (value, sizeof (value), "%zu", sizeof (VcConfig));
    check_entries (&n.cfg, VC_ERROR_VERSION, value);
  }
}
END_TEST

/* struct_size 0: not set up by vc_config_init. */
START_TEST (test_read_size_zero)
{
  NewerConfig n;

  setup (&n, sizeof (VcConfig));
  n.cfg.struct_size = 0;
  check_entries (&n.cfg, VC_ERROR_VERSION, "0");
}
END_TEST

/* struct_size smaller than any VcConfig with it. */
START_TEST (test_read_size_too_small)
{
  NewerConfig n;
  char value[32];

  setup (&n, sizeof (VcConfig));
  n.cfg.struct_size = offsetof (VcConfig, out_width);
  snprintf (value, sizeof (value), "%zu", offsetof (VcConfig, out_width));
  check_entries (&n.cfg, VC_ERROR_VERSION, value);
}
END_TEST

START_TEST (test_read_size_absurd)
{
  NewerConfig n;
  char value[32];

  setup (&n, sizeof (VcConfig));
  n.cfg.struct_size = (size_t) 0x5A5A5A5A;
  snprintf (value, sizeof (value), "%zu", (size_t) 0x5A5A5A5A);
  check_entries (&n.cfg, VC_ERROR_VERSION, value);
}
END_TEST

START_TEST (test_scratch_alignment)
{
  ck_assert_int_eq (vc_plan_scratch_alignment (), VC_SCRATCH_ALIGNMENT);
  ck_assert_str_eq (vc_status_name (VC_ERROR_VERSION), "VC_ERROR_VERSION");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("core-abi");
  TCase *tc;

  tc = vc_fixture_tcase (s, "init");
  tcase_add_test (tc, test_init);
  tcase_add_test (tc, test_init_size);
  tc = vc_fixture_tcase (s, "read");
  tcase_add_test (tc, test_read_this_size);
  tcase_add_test (tc, test_read_newer_size);
  tcase_add_test (tc, test_read_newer_field_set);
  tcase_add_test (tc, test_read_tail_padding_set);
  tcase_add_test (tc, test_read_size_zero);
  tcase_add_test (tc, test_read_size_too_small);
  tcase_add_test (tc, test_read_size_absurd);
  tc = vc_fixture_tcase (s, "names");
  tcase_add_test (tc, test_scratch_alignment);
  return vc_fixture_run (s);
}
