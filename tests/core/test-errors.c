/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every class of invalid input: the status code, err.field and the key
 * parts of err.message (the field's name and the numbers involved, never
 * the punctuation around them). Configuration errors are checked through
 * vc_plan_new (), vc_output_size () and vc_resolve_padding (), which
 * validate alike; call errors through vc_plan_execute (),
 * vc_plan_execute_reference () and vc_plan_execute_carry (), which check
 * their arguments alike and must not write a single output sample when
 * they refuse.
 */
#include "vc-fixture.h"

#include <math.h>
#include <stddef.h>

#define N_ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))

/* ------------------------------------------------------------------------
 * Configuration errors. Each case starts from a valid configuration (a
 * 3x3 kernel of ones on 64x48 u8 samples) and changes up to three fields,
 * named as in VcConfig. Pseudo-fields: "kernel" = NULL when set to 0,
 * "kernel[i]" / "kernel2[i]" set coefficient i (kernel2 is then a valid
 * kernel of ones), "cfg" = a NULL configuration.
 */
typedef enum
{
  F_INT,
  F_DOUBLE,
  F_BORDER,
  F_SAMPLE,
} FieldType;

typedef struct
{
  const char *name;
  size_t offset;
  FieldType type;
} FieldInfo;

#define FIELD(name, type) { #name, offsetof (VcConfig, name), type }
static const FieldInfo field_infos[] = {
  FIELD (kernel_height, F_INT), FIELD (kernel_width, F_INT),
  FIELD (stride_y, F_INT), FIELD (stride_x, F_INT),
  FIELD (dilation_y, F_INT), FIELD (dilation_x, F_INT),
  FIELD (pad_top, F_INT), FIELD (pad_bottom, F_INT),
  FIELD (pad_left, F_INT), FIELD (pad_right, F_INT),
  FIELD (border, F_BORDER), FIELD (border_value, F_DOUBLE),
  FIELD (divisor, F_DOUBLE), FIELD (bias, F_DOUBLE),
  FIELD (sample_type, F_SAMPLE), FIELD (sample_bits, F_INT),
  FIELD (sample_shift, F_INT), FIELD (width, F_INT), FIELD (height, F_INT),
  FIELD (out_width, F_INT), FIELD (out_height, F_INT),
};
#undef FIELD

typedef struct
{
  const char *field;
  double value;
} Setting;

typedef struct
{
  Setting set[4];
  VcStatus status;
  /* The expected err.field; "a|b" accepts either. */
  const char *field;
  /* Each must occur in err.message; numbers as whole numbers. */
  const char *needles[7];
} ConfigError;

static const ConfigError config_errors[] = {
  /* NULL pointers */
  {{{"cfg", 0}}, VC_ERROR_ARGUMENT, "config", {"config", "NULL"}},
  {{{"kernel", 0}}, VC_ERROR_ARGUMENT, "kernel", {"kernel", "NULL", "3x3"}},

  /* kernel sides: 1..VC_KERNEL_MAX_SIDE */
  {{{"kernel_height", 0}}, VC_ERROR_KERNEL, "kernel",
      {"kernel", "0x3", "1", "255"}},
  {{{"kernel_width", -4}}, VC_ERROR_KERNEL, "kernel",
      {"kernel", "3x-4", "1", "255"}},
  {{{"kernel_width", 256}}, VC_ERROR_KERNEL, "kernel",
      {"kernel", "3x256", "255"}},
  {{{"kernel_height", 256}, {"kernel_width", 256}}, VC_ERROR_KERNEL, "kernel",
      {"kernel", "256x256", "255"}},

  /* coefficients: finite, in both kernels */
  {{{"kernel[4]", NAN}}, VC_ERROR_KERNEL_VALUE, "kernel",
      {"kernel[1][1]", "nan", "finite"}},
  {{{"kernel[8]", INFINITY}}, VC_ERROR_KERNEL_VALUE, "kernel",
      {"kernel[2][2]", "inf"}},
  {{{"kernel[2]", -INFINITY}}, VC_ERROR_KERNEL_VALUE, "kernel",
      {"kernel[0][2]", "-inf"}},
  {{{"kernel2[3]", NAN}}, VC_ERROR_KERNEL_VALUE, "kernel2",
      {"kernel2[1][0]", "nan"}},
  {{{"kernel2[0]", -INFINITY}}, VC_ERROR_KERNEL_VALUE, "kernel2",
      {"kernel2[0][0]", "-inf"}},

  /* stride and dilation: 1..VC_MAX_DIMENSION */
  {{{"stride_y", 0}}, VC_ERROR_STRIDE, "stride_y",
      {"stride_y", "0", "1", "65536"}},
  {{{"stride_x", -3}}, VC_ERROR_STRIDE, "stride_x",
      {"stride_x", "-3", "1", "65536"}},
  {{{"stride_x", 65537}}, VC_ERROR_STRIDE, "stride_x",
      {"stride_x", "65537", "65536"}},
  {{{"dilation_y", 0}}, VC_ERROR_DILATION, "dilation_y",
      {"dilation_y", "0", "1", "65536"}},
  {{{"dilation_x", -1}}, VC_ERROR_DILATION, "dilation_x",
      {"dilation_x", "-1", "1", "65536"}},
  {{{"dilation_y", 65537}}, VC_ERROR_DILATION, "dilation_y",
      {"dilation_y", "65537", "65536"}},

  /* padding: 0..VC_MAX_DIMENSION, or VC_PAD_SAME on both sides */
  {{{"pad_top", -2}}, VC_ERROR_PADDING, "pad_top",
      {"pad_top", "-2", "0", "65536"}},
  {{{"pad_bottom", -2}}, VC_ERROR_PADDING, "pad_bottom",
      {"pad_bottom", "-2", "0", "65536"}},
  {{{"pad_left", 65537}}, VC_ERROR_PADDING, "pad_left",
      {"pad_left", "65537", "65536"}},
  {{{"pad_right", -7}}, VC_ERROR_PADDING, "pad_right",
      {"pad_right", "-7", "0", "65536"}},
  {{{"pad_left", VC_PAD_SAME}, {"pad_right", 3}}, VC_ERROR_PADDING,
      "pad_left|pad_right", {"pad_left", "-1", "pad_right", "3", "same"}},
  {{{"pad_bottom", VC_PAD_SAME}}, VC_ERROR_PADDING, "pad_top|pad_bottom",
      {"pad_top", "0", "pad_bottom", "-1", "same"}},
  /* "same" with dilation 65536 on a 255-wide kernel: 65536 x 254 */
  {{{"kernel_width", 255}, {"dilation_x", 65536}, {"pad_left", VC_PAD_SAME},
          {"pad_right", VC_PAD_SAME}},
      VC_ERROR_PADDING, "pad_left|pad_right",
      {"same", "16646144", "dilation_x", "65536", "255", "131072"}},

  /* border mode and values */
  {{{"border", 5}}, VC_ERROR_BORDER, "border", {"border", "5"}},
  {{{"border", -1}}, VC_ERROR_BORDER, "border", {"border", "-1"}},
  {{{"border_value", NAN}}, VC_ERROR_VALUE, "border_value",
      {"border_value", "nan", "finite"}},
  {{{"divisor", INFINITY}}, VC_ERROR_VALUE, "divisor", {"divisor", "inf"}},
  {{{"bias", -INFINITY}}, VC_ERROR_VALUE, "bias", {"bias", "-inf"}},

  /* sample type */
  {{{"sample_type", 2}}, VC_ERROR_SAMPLE_TYPE, "sample_type",
      {"sample_type", "2"}},
  {{{"sample_type", -1}}, VC_ERROR_SAMPLE_TYPE, "sample_type",
      {"sample_type", "-1"}},
  /* significant bits and their shift: within the sample type */
  {{{"sample_bits", 9}}, VC_ERROR_SAMPLE_TYPE, "sample_bits",
      {"sample_bits", "9", "0", "8"}},
  {{{"sample_type", 1}, {"sample_bits", 17}}, VC_ERROR_SAMPLE_TYPE,
      "sample_bits", {"sample_bits", "17", "16"}},
  {{{"sample_shift", 2}}, VC_ERROR_SAMPLE_TYPE, "sample_shift",
      {"sample_shift", "2", "0"}},
  {{{"sample_type", 1}, {"sample_bits", 10}, {"sample_shift", 7}},
      VC_ERROR_SAMPLE_TYPE, "sample_shift",
      {"sample_bits 10", "sample_shift 7", "17", "16"}},

  /* frame size: 1..VC_MAX_DIMENSION */
  {{{"width", 0}}, VC_ERROR_FRAME_SIZE, "width", {"width", "0", "65536"}},
  {{{"height", 0}}, VC_ERROR_FRAME_SIZE, "height", {"height", "0", "65536"}},
  {{{"width", 65537}}, VC_ERROR_FRAME_SIZE, "width", {"width", "65537"}},
  {{{"height", -5}}, VC_ERROR_FRAME_SIZE, "height", {"height", "-5"}},

  /* output size < 1: 64 - 20 x (7 - 1) - 1 = -57, so W_out = -56 */
  {{{"kernel_width", 7}, {"dilation_x", 20}}, VC_ERROR_OUTPUT_SIZE,
      "output width", {"output width", "-56", "64", "dilation_x", "20", "7"}},
  /* 48 + 1 + 2 - 30 x (3 - 1) - 1 = -10, so H_out = -9 */
  {{{"dilation_y", 30}, {"pad_top", 1}, {"pad_bottom", 2}},
      VC_ERROR_OUTPUT_SIZE, "output height",
      {"output height", "-9", "48", "1", "2", "dilation_y", "30"}},
  /* 5 - 1 x (7 - 1) - 1 = -2, stride 2: W_out = floor (-2 / 2) + 1 = 0 */
  {{{"width", 5}, {"kernel_width", 7}, {"stride_x", 2}},
      VC_ERROR_OUTPUT_SIZE, "output width",
      {"output width", "0", "5", "7"}},

  /* forced output size: 0 (the formula's) or 1..VC_MAX_DIMENSION */
  {{{"out_width", -1}}, VC_ERROR_OUTPUT_SIZE, "out_width",
      {"out_width", "-1", "65536"}},
  {{{"out_height", 65537}}, VC_ERROR_OUTPUT_SIZE, "out_height",
      {"out_height", "65537", "65536"}},

  /* padded extent over VC_MAX_PADDED_EXTENT: only a forced output size
   * can get there (explicit padding and "same" are bounded well below).
   * 100 outputs 65536 apart, each reading 3 columns, need
   * (100 - 1) x 65536 + 3 = 6488067 padded columns. */
  {{{"out_width", 100}, {"stride_x", 65536}}, VC_ERROR_PADDING,
      "pad_left|pad_right", {"padded width", "6488067", "64", "262144"}},
};

static double kernel_values[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];
static double kernel2_values[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];

static void
base_config (VcConfig * cfg)
{
  for (size_t i = 0; i < N_ELEMENTS (kernel_values); i++)
    kernel_values[i] = kernel2_values[i] = 1;
  vc_config_init (cfg);
  cfg->kernel = kernel_values;
  cfg->kernel_height = cfg->kernel_width = 3;
  cfg->width = 64;
  cfg->height = 48;
}

/* Applies one setting; returns false for the NULL configuration. */
static bool
apply (VcConfig * cfg, const Setting * s)
{
  if (strcmp (s->field, "cfg") == 0)
    return false;
  if (strcmp (s->field, "kernel") == 0) {
    cfg->kernel = NULL;
    return true;
  }
  if (strncmp (s->field, "kernel[", 7) == 0) {
    kernel_values[atoi (s->field + 7)] = s->value;
    return true;
  }
  if (strncmp (s->field, "kernel2[", 8) == 0) {
    cfg->kernel2 = kernel2_values;
    kernel2_values[atoi (s->field + 8)] = s->value;
    return true;
  }
  for (size_t i = 0; i < N_ELEMENTS (field_infos); i++) {
    const FieldInfo *f = &field_infos[i];
    char *p = (char *) cfg + f->offset;

    if (strcmp (s->field, f->name) != 0)
      continue;
    switch (f->type) {
      case F_INT:
        *(int *) p = (int) s->value;
        break;
      case F_DOUBLE:
        *(double *) p = s->value;
        break;
      case F_BORDER:
        *(VcBorder *) p = (VcBorder) (int) s->value;
        break;
      case F_SAMPLE:
        *(VcSampleType *) p = (VcSampleType) (int) s->value;
        break;
    }
    return true;
  }
  fprintf (stderr, "test bug: unknown field %s\n", s->field);
  exit (99);
}

/* err.field is expected, or one of the '|'-separated alternatives. */
static bool
field_matches (const char *field, const char *expected)
{
  size_t len = strlen (field);

  for (const char *p = expected; p; p = strchr (p, '|')) {
    if (*p == '|')
      p++;
    if (strncmp (p, field, len) == 0 && (p[len] == '\0' || p[len] == '|'))
      return len > 0;
  }
  return false;
}

static void
check_error (const char *file, int line, VcStatus status, const VcError * err,
    VcStatus expected, const char *field, const char *const *needles,
    size_t n_needles)
{
  vc_fixture_assert (status == expected, file, line, "returned status: "
      "expected %s, got %s", vc_status_name (expected),
      vc_status_name (status));
  vc_fixture_assert (err->status == expected, file, line, "err.status: "
      "expected %s, got %s", vc_status_name (expected),
      vc_status_name (err->status));
  vc_fixture_assert (field_matches (err->field, field), file, line,
      "err.field: expected \"%s\", got \"%.*s\" (message \"%.*s\")", field,
      (int) sizeof (err->field), err->field, (int) sizeof (err->message),
      err->message);
  vc_fixture_assert (memchr (err->message, '\0', sizeof (err->message))
      != NULL && err->message[0] != '\0', file, line, "err.message is empty "
      "or not terminated");
  for (size_t i = 0; i < n_needles && needles[i]; i++)
    vc_fixture_assert_contains (file, line, "err.message", err->message,
        needles[i]);
}

START_TEST (test_config_error)
{
  const ConfigError *c = &config_errors[_i];
  const VcConfig *pcfg;
  VcConfig cfg;
  VcError err, err2;
  char name[160];
  int n = 0, w = -7, h = -7, pads[4] = { -7, -7, -7, -7 };
  VcPlan *plan;

  base_config (&cfg);
  pcfg = &cfg;
  for (size_t k = 0; k < N_ELEMENTS (c->set) && c->set[k].field; k++) {
    if (!apply (&cfg, &c->set[k]))
      pcfg = NULL;
    n += snprintf (name + n, sizeof (name) - n, "%s%s = %g", k ? ", " : "",
        c->set[k].field, c->set[k].value);
  }
  vc_test_case = name;

  memset (&err, 0x5A, sizeof (err));
  plan = vc_plan_new (pcfg, &err);
  vc_fixture_assert (plan == NULL, __FILE__, __LINE__, "vc_plan_new () "
      "accepted the configuration");
  check_error (__FILE__, __LINE__, err.status, &err, c->status, c->field,
      c->needles, N_ELEMENTS (c->needles));

  /* The same verdict, word for word, without making a plan. */
  memset (&err2, 0x5A, sizeof (err2));
  vc_assert_status (vc_output_size (pcfg, &w, &h, &err2), c->status);
  ck_assert_str_eq (err2.message, err.message);
  memset (&err2, 0x5A, sizeof (err2));
  vc_assert_status (vc_resolve_padding (pcfg, &pads[0], &pads[1], &pads[2],
          &pads[3], &err2), c->status);
  ck_assert_str_eq (err2.field, err.field);

  /* err may be NULL. */
  ck_assert (vc_plan_new (pcfg, NULL) == NULL);
  vc_assert_status (vc_output_size (pcfg, &w, &h, NULL), c->status);
  vc_test_case = NULL;
}
END_TEST

/* ------------------------------------------------------------------------
 * Call errors. A valid plan (3x3 kernel, 8x6 input, so a 6x4 output; u8,
 * or u16 where alignment is the point) and valid planes of two
 * components per pixel (pixel_stride 2); each case spoils one thing.
 */
typedef enum
{
  SPOIL_NONE,
  SPOIL_PLAN_NULL,              /* plan = NULL */
  SPOIL_PLANE_NULL,             /* the VcPlane pointer itself */
  SPOIL_DATA_NULL,
  SPOIL_DATA_ODD,               /* data + 1 byte */
  SPOIL_DATA_SHARED,            /* dst data = src data */
  SPOIL_ROW_STRIDE,
  SPOIL_WIDTH,
  SPOIL_HEIGHT,
  SPOIL_PIXEL_STRIDE,
  SPOIL_OFFSET,
  SPOIL_COMPONENTS,
} Spoil;

typedef struct
{
  const char *what;
  bool u16;
  bool dst;                     /* spoil dst, else src */
  Spoil spoil;
  long value;
  int y0, y1;                   /* y1 = -1: the output height */
  VcStatus status;
  const char *field;
  const char *needles[6];
} CallError;

#define IN_W 8
#define IN_H 6
#define OUT_W 6
#define OUT_H 4

static const CallError call_errors[] = {
  {"plan NULL", false, false, SPOIL_PLAN_NULL, 0, 0, -1, VC_ERROR_ARGUMENT,
      "plan", {"plan", "NULL"}},
  {"src NULL", false, false, SPOIL_PLANE_NULL, 0, 0, -1, VC_ERROR_ARGUMENT,
      "src", {"src", "NULL"}},
  {"dst NULL", false, true, SPOIL_PLANE_NULL, 0, 0, -1, VC_ERROR_ARGUMENT,
      "dst", {"dst", "NULL"}},
  {"src data NULL", false, false, SPOIL_DATA_NULL, 0, 0, -1,
      VC_ERROR_ARGUMENT, "src", {"src", "data"}},
  {"dst data NULL", false, true, SPOIL_DATA_NULL, 0, 0, -1,
      VC_ERROR_ARGUMENT, "dst", {"dst", "data"}},

  /* sizes must be the plan's: 8x6 in, 6x4 out */
  {"src width 7", false, false, SPOIL_WIDTH, 7, 0, -1, VC_ERROR_PLANE,
      "src", {"src", "7x6", "8x6"}},
  {"src height 7", false, false, SPOIL_HEIGHT, 7, 0, -1, VC_ERROR_PLANE,
      "src", {"src", "8x7", "8x6"}},
  {"dst width 8", false, true, SPOIL_WIDTH, 8, 0, -1, VC_ERROR_PLANE,
      "dst", {"dst", "8x4", "6x4"}},
  {"dst height 0", false, true, SPOIL_HEIGHT, 0, 0, -1, VC_ERROR_PLANE,
      "dst", {"dst", "6x0", "6x4"}},

  /* layout: offset >= 0, components >= 1, offset + components <=
   * pixel_stride (here 2, offset 0, components 2) */
  {"src pixel_stride 1", false, false, SPOIL_PIXEL_STRIDE, 1, 0, -1,
      VC_ERROR_PLANE, "src", {"src", "pixel_stride 1", "offset 0",
          "components 2"}},
  {"dst pixel_stride 0", false, true, SPOIL_PIXEL_STRIDE, 0, 0, -1,
      VC_ERROR_PLANE, "dst", {"dst", "pixel_stride 0"}},
  {"src offset 1 (1 + 2 > 2)", false, false, SPOIL_OFFSET, 1, 0, -1,
      VC_ERROR_PLANE, "src", {"src", "pixel_stride 2", "offset 1",
          "components 2"}},
  {"dst offset -1", false, true, SPOIL_OFFSET, -1, 0, -1, VC_ERROR_PLANE,
      "dst", {"dst", "offset -1"}},
  {"src components 0", false, false, SPOIL_COMPONENTS, 0, 0, -1,
      VC_ERROR_PLANE, "src", {"src", "components 0"}},
  {"dst components 1, src 2", false, true, SPOIL_COMPONENTS, 1, 0, -1,
      VC_ERROR_PLANE, "dst", {"src", "2", "dst", "1", "components"}},

  /* row_stride: a row of 8 pixels x 2 samples needs 16 bytes (u8) */
  {"src row_stride 15", false, false, SPOIL_ROW_STRIDE, 15, 0, -1,
      VC_ERROR_PLANE, "src", {"src", "row_stride", "15", "16"}},
  {"dst row_stride 11 (6 x 2 = 12 needed)", false, true, SPOIL_ROW_STRIDE,
      11, 0, -1, VC_ERROR_PLANE, "dst", {"dst", "row_stride", "11", "12"}},
  {"src row_stride -16", false, false, SPOIL_ROW_STRIDE, -16, 0, -1,
      VC_ERROR_PLANE, "src", {"src", "row_stride", "-16", "16"}},
  {"u16: dst row_stride 24 (6 x 2 x 2 = 24 needed... minus 1)", true, true,
      SPOIL_ROW_STRIDE, 23, 0, -1, VC_ERROR_PLANE, "dst",
      {"dst", "row_stride", "23", "24"}},

  /* u16 samples must be 2-byte aligned */
  {"u16: src row_stride odd", true, false, SPOIL_ROW_STRIDE, 33, 0, -1,
      VC_ERROR_PLANE, "src", {"src", "row_stride", "33", "aligned", "2"}},
  {"u16: dst data odd", true, true, SPOIL_DATA_ODD, 0, 0, -1,
      VC_ERROR_PLANE, "dst", {"dst", "data", "aligned", "2"}},

  /* src and dst must not overlap */
  {"dst data = src data", false, true, SPOIL_DATA_SHARED, 0, 0, -1,
      VC_ERROR_PLANE, "dst", {"src", "dst", "overlap"}},

  /* rows: 0 <= y0 <= y1 <= 4 */
  {"y0 -1", false, false, SPOIL_NONE, 0, -1, 2, VC_ERROR_ROWS, "rows",
      {"[-1, 2)", "4"}},
  {"y1 5", false, false, SPOIL_NONE, 0, 0, 5, VC_ERROR_ROWS, "rows",
      {"[0, 5)", "4"}},
  {"y0 3 > y1 2", false, false, SPOIL_NONE, 0, 3, 2, VC_ERROR_ROWS, "rows",
      {"[3, 2)", "4"}},
  {"y0 5 = y1 5", false, false, SPOIL_NONE, 0, 5, 5, VC_ERROR_ROWS, "rows",
      {"[5, 5)", "4"}},
};

typedef VcStatus (*ExecuteFunc) (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, VcError * err);

static VcStatus
execute_carry (const VcPlan * plan, const VcPlane * src, const VcPlane * dst,
    int y0, int y1, void *scratch, VcError * err)
{
  (void) scratch;
  return vc_plan_execute_carry (plan, src, dst, y0, y1, err);
}

static const struct
{
  const char *name;
  ExecuteFunc func;
} entry_points[] = {
  {"vc_plan_execute", vc_plan_execute},
  {"vc_plan_execute_reference", vc_plan_execute_reference},
  {"vc_plan_execute_carry", execute_carry},
};

static VcPlan *
make_call_plan (bool u16)
{
  static const double ones[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  VcConfig cfg;
  VcError err;
  VcPlan *plan;

  vc_config_init (&cfg);
  cfg.kernel = ones;
  cfg.kernel_height = cfg.kernel_width = 3;
  cfg.width = IN_W;
  cfg.height = IN_H;
  cfg.sample_type = u16 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  cfg.components = 2;           /* the planes' layout, see below */
  plan = vc_plan_new (&cfg, &err);
  if (plan == NULL) {
    fprintf (stderr, "cannot make the plan: %s\n", err.message);
    exit (99);
  }
  return plan;
}

/* Spoils a copy of one plane as the case says. */
static void
spoil_plane (const CallError * c, VcPlane * p, const VcPlane * other)
{
  switch (c->spoil) {
    case SPOIL_NONE:
    case SPOIL_PLAN_NULL:
    case SPOIL_PLANE_NULL:
      break;
    case SPOIL_DATA_NULL:
      p->data = NULL;
      break;
    case SPOIL_DATA_ODD:
      p->data = (uint8_t *) p->data + 1;
      break;
    case SPOIL_DATA_SHARED:
      p->data = other->data;
      break;
    case SPOIL_ROW_STRIDE:
      p->row_stride = c->value;
      break;
    case SPOIL_WIDTH:
      p->width = (int) c->value;
      break;
    case SPOIL_HEIGHT:
      p->height = (int) c->value;
      break;
    case SPOIL_PIXEL_STRIDE:
      p->pixel_stride = (int) c->value;
      break;
    case SPOIL_OFFSET:
      p->offset = (int) c->value;
      break;
    case SPOIL_COMPONENTS:
      p->components = (int) c->value;
      break;
  }
}

/* Call error _i / 3 through entry point _i % 3. */
START_TEST (test_call_error)
{
  static const VcTestLayout layout = { 2, 0, 2 };
  const CallError *c = &call_errors[_i / N_ELEMENTS (entry_points)];
  ExecuteFunc func = entry_points[_i % N_ELEMENTS (entry_points)].func;
  VcSampleType type = c->u16 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  int y1 = c->y1 < 0 ? OUT_H : c->y1;
  VcPlan *plan = make_call_plan (c->u16);
  VcTestBuffer src, dst;
  VcPlane sp, dp;
  const VcPlane *psrc = &sp, *pdst = &dp;
  char name[160];
  VcError err;
  VcStatus s;

  vc_test_buffer_init (&src, type, IN_W, IN_H, &layout, 1);
  vc_test_buffer_init (&dst, type, OUT_W, OUT_H, &layout,
      vc_test_canary (type));
  sp = src.plane;
  dp = dst.plane;
  spoil_plane (c, c->dst ? &dp : &sp, c->dst ? &sp : &dp);
  if (c->spoil == SPOIL_PLANE_NULL)
    *(c->dst ? &pdst : &psrc) = NULL;

  snprintf (name, sizeof (name), "%s: %s",
      entry_points[_i % N_ELEMENTS (entry_points)].name, c->what);
  vc_test_case = name;
  memset (&err, 0x5A, sizeof (err));
  s = func (c->spoil == SPOIL_PLAN_NULL ? NULL : plan, psrc, pdst, c->y0, y1,
      NULL, &err);
  check_error (__FILE__, __LINE__, s, &err, c->status, c->field,
      c->needles, N_ELEMENTS (c->needles));
  /* Nothing written, not even with the error ignored. */
  vc_fixture_assert (vc_test_rows_untouched (&dst, 0, OUT_H), __FILE__,
      __LINE__, "the refused call wrote into dst");
  vc_assert_status (func (c->spoil == SPOIL_PLAN_NULL ? NULL : plan, psrc,
          pdst, c->y0, y1, NULL, NULL), c->status);
  vc_fixture_assert (vc_test_rows_untouched (&dst, 0, OUT_H), __FILE__,
      __LINE__, "the refused call (err NULL) wrote into dst");

  vc_test_buffer_clear (&src);
  vc_test_buffer_clear (&dst);
  vc_plan_free (plan);
  vc_test_case = NULL;
}
END_TEST

/* ------------------------------------------------------------------------
 * The edges of what is valid: an empty row range is a no-op, the extreme
 * limits are accepted, and freeing NULL is fine.
 */
START_TEST (test_empty_row_ranges)
{
  static const VcTestLayout layout = { 2, 0, 2 };
  VcPlan *plan = make_call_plan (false);
  VcTestBuffer src, dst;
  VcError err;

  vc_test_buffer_init (&src, VC_SAMPLE_U8, IN_W, IN_H, &layout, 1);
  vc_test_buffer_init (&dst, VC_SAMPLE_U8, OUT_W, OUT_H, &layout,
      VC_TEST_CANARY_U8);
  for (int y = 0; y <= OUT_H; y++) {
    vc_assert_status (vc_plan_execute (plan, &src.plane, &dst.plane, y, y,
            NULL, &err), VC_OK);
    vc_assert_status (vc_plan_execute_reference (plan, &src.plane,
            &dst.plane, y, y, NULL, &err), VC_OK);
  }
  ck_assert (vc_test_rows_untouched (&dst, 0, OUT_H));
  vc_test_buffer_clear (&src);
  vc_test_buffer_clear (&dst);
  vc_plan_free (plan);
}
END_TEST

START_TEST (test_limits_accepted)
{
  VcConfig cfg;
  VcError err;

  base_config (&cfg);
  cfg.kernel_height = cfg.kernel_width = VC_KERNEL_MAX_SIDE;
  cfg.pad_top = cfg.pad_bottom = cfg.pad_left = cfg.pad_right = VC_PAD_SAME;
  vc_assert_status (vc_output_size (&cfg, NULL, NULL, &err), VC_OK);
  ck_assert_int_eq (err.status, VC_OK);
  base_config (&cfg);
  cfg.width = cfg.height = VC_MAX_DIMENSION;
  cfg.stride_y = cfg.stride_x = VC_MAX_DIMENSION;
  cfg.dilation_y = cfg.dilation_x = VC_MAX_DIMENSION;
  cfg.pad_top = cfg.pad_bottom = cfg.pad_left = cfg.pad_right =
      VC_MAX_DIMENSION;
  vc_assert_status (vc_output_size (&cfg, NULL, NULL, &err), VC_OK);
  base_config (&cfg);
  cfg.out_width = cfg.out_height = VC_MAX_DIMENSION;
  vc_assert_status (vc_output_size (&cfg, NULL, NULL, &err), VC_OK);
}
END_TEST

/* Passes if it returns: a crash fails the test. */
START_TEST (test_free_null)
{
  vc_plan_free (NULL);
  ck_assert (true);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("core-errors");
  TCase *tc;

  tcase_add_loop_test (vc_fixture_tcase (s, "config"), test_config_error, 0,
      N_ELEMENTS (config_errors));
  tcase_add_loop_test (vc_fixture_tcase (s, "call"), test_call_error, 0,
      N_ELEMENTS (call_errors) * N_ELEMENTS (entry_points));
  tc = vc_fixture_tcase (s, "valid edges");
  tcase_add_test (tc, test_empty_row_ranges);
  tcase_add_test (tc, test_limits_accepted);
  tcase_add_test (tc, test_free_null);
  return vc_fixture_run (s);
}
