/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The versioned VcConfig (see convolve.h): vc_config_init () records the
 * caller's sizeof (VcConfig) in struct_size and writes no byte past it;
 * the library reads struct_size bytes, accepts a larger (newer) struct
 * whose extra bytes are 0, and refuses, naming struct_size and the values,
 * a struct that was not set up (struct_size 0 or absurd) or that asks for
 * fields it does not know. Each entry that reads a VcConfig checks. */
#include "vc-test.h"

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

  VC_CHECK_STATUS (vc_output_size (cfg, &w, &h, &err), status);
  VC_CHECK_STATUS (vc_resolve_padding (cfg, &t, &b, &l, &r, &err), status);
  plan = vc_plan_new (cfg, &err);
  VC_CHECK_STATUS (err.status, status);
  VC_CHECK_INT (plan != NULL, status == VC_OK);
  vc_plan_free (plan);
  if (status == VC_OK) {
    VC_CHECK_INT (w, 5);
    VC_CHECK_INT (h, 3);
    return;
  }
  VC_CHECK_STR (err.field, "struct_size");
  VC_CHECK_CONTAINS (err.message, "struct_size");
  VC_CHECK_CONTAINS (err.message, value);
}

static void
test_init (void)
{
  NewerConfig n;
  size_t i;

  vc_test_case = "vc_config_init: struct_size, nothing written past it";
  memset (&n, 0x5A, sizeof (n));
  vc_config_init (&n.cfg);
  VC_CHECK_INT (n.cfg.struct_size, sizeof (VcConfig));
  VC_CHECK_INT (n.cfg.components, 1);
  for (i = 0; i < EXTRA; i++)
    VC_CHECK_INT (n.extra[i], 0x5A);

  vc_test_case = "vc_config_init_size: a newer header's fields set to 0";
  vc_config_init_size (&n.cfg, sizeof (n));
  VC_CHECK_INT (n.cfg.struct_size, sizeof (n));
  VC_CHECK_INT (n.cfg.stride_x, 1);
  for (i = 0; i < EXTRA; i++)
    VC_CHECK_INT (n.extra[i], 0);
}

static void
test_read (void)
{
  NewerConfig n;
  char value[32];

  vc_test_case = "this header's size";
  setup (&n, sizeof (VcConfig));
  check_entries (&n.cfg, VC_OK, NULL);

  vc_test_case = "a newer header's size, its new fields 0";
  setup (&n, sizeof (n));
  check_entries (&n.cfg, VC_OK, NULL);

  vc_test_case = "a newer header's size, a new field set";
  setup (&n, sizeof (n));
  n.extra[3] = 1;
  snprintf (value, sizeof (value), "%zu", sizeof (n));
  check_entries (&n.cfg, VC_ERROR_VERSION, value);

  vc_test_case = "this header's size, a field set in the tail padding";
  setup (&n, sizeof (VcConfig));
  if (sizeof (VcConfig) > offsetof (VcConfig, out_height) + sizeof (int)) {
    ((unsigned char *) &n.cfg)[sizeof (VcConfig) - 1] = 1;
    snprintf (value, sizeof (value), "%zu", sizeof (VcConfig));
    check_entries (&n.cfg, VC_ERROR_VERSION, value);
  }

  vc_test_case = "struct_size 0 (not set up by vc_config_init)";
  setup (&n, sizeof (VcConfig));
  n.cfg.struct_size = 0;
  check_entries (&n.cfg, VC_ERROR_VERSION, "0");

  vc_test_case = "struct_size smaller than any VcConfig with it";
  setup (&n, sizeof (VcConfig));
  n.cfg.struct_size = offsetof (VcConfig, out_width);
  snprintf (value, sizeof (value), "%zu", offsetof (VcConfig, out_width));
  check_entries (&n.cfg, VC_ERROR_VERSION, value);

  vc_test_case = "struct_size absurd";
  setup (&n, sizeof (VcConfig));
  n.cfg.struct_size = (size_t) 0x5A5A5A5A;
  snprintf (value, sizeof (value), "%zu", (size_t) 0x5A5A5A5A);
  check_entries (&n.cfg, VC_ERROR_VERSION, value);
}

int
main (void)
{
  test_init ();
  test_read ();

  vc_test_case = "the scratch alignment";
  VC_CHECK_INT (vc_plan_scratch_alignment (), VC_SCRATCH_ALIGNMENT);
  VC_CHECK_STR (vc_status_name (VC_ERROR_VERSION), "VC_ERROR_VERSION");
  return vc_test_finish ();
}
