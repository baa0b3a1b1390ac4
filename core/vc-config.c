/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Configuration: defaults, validation and the output-size arithmetic.
 *
 * Geometry along one axis (columns; rows are the same with top/bottom):
 *
 *   padded:  | left |        W input samples        | right |
 *   taps:    x . . x . . x          (kw = 3, dilation dx = 3: reach 7)
 *            ^ output column 0 starts at padded column 0
 *                x . . x . . x      output column 1 starts at sx
 *
 *   reach  = dx * (kw - 1) + 1        padded samples one output reads
 *   W_out  = floor ((left + W + right - reach) / sx) + 1
 *   need_w = (W_out - 1) * sx + reach padded columns are read at all
 *
 * "same" padding: total = dx * (kw - 1), left = total / 2, right = the
 * rest; then W_out = ceil (W / sx).
 *
 * Every check is done in 64-bit arithmetic so that no int a caller can
 * pass overflows before it is reported.
 */
#include "vc-private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const double identity_kernel[1] = { 1.0 };

/* The bytes of VcConfig this library knows (up to out_height, its last
 * field; not the tail padding, where a later field may go), also the
 * smallest struct_size it reads: the first VcConfig with struct_size. */
#define CONFIG_SIZE_KNOWN (offsetof (VcConfig, out_height) + sizeof (int))

/* Defaults into the first struct_size bytes of the caller's VcConfig: the
 * fields this library knows that lie within them (the caller's header may
 * be older, with fewer fields). */
void
vc_config_init_size (VcConfig * cfg, size_t struct_size)
{
  VcConfig d;

  if (cfg == NULL || struct_size < sizeof (cfg->struct_size))
    return;
  memset (&d, 0, sizeof (d));
  d.struct_size = struct_size;
  d.kernel = identity_kernel;
  d.kernel_height = 1;
  d.kernel_width = 1;
  d.stride_y = d.stride_x = 1;
  d.dilation_y = d.dilation_x = 1;
  d.border = VC_BORDER_REPLICATE;
  d.sample_type = VC_SAMPLE_U8;
  d.components = 1;
  memset (cfg, 0, struct_size);
  memcpy (cfg, &d, struct_size < sizeof (d) ? struct_size : sizeof (d));
}

/* The caller's VcConfig as this library's: the first struct_size bytes,
 * the rest 0. A larger struct (a newer header) is read if every byte past
 * the fields this library knows is 0: it asks for nothing this library
 * lacks. */
static VcStatus
config_import (const VcConfig * cfg, VcConfig * full, VcError * err)
{
  size_t size = cfg->struct_size, i;

  if (size < CONFIG_SIZE_KNOWN || size > 4096)
    return vc_set_error (err, VC_ERROR_VERSION, "struct_size",
        "struct_size is %zu: the VcConfig was not set up by vc_config_init "
        "() (this library reads %zu or more)", size,
        (size_t) CONFIG_SIZE_KNOWN);
  for (i = CONFIG_SIZE_KNOWN; i < size; i++)
    if (((const unsigned char *) cfg)[i] != 0)
      return vc_set_error (err, VC_ERROR_VERSION, "struct_size",
          "struct_size is %zu and byte %zu is set: the VcConfig has fields "
          "this library (%zu bytes) does not know", size, i,
          (size_t) CONFIG_SIZE_KNOWN);
  memset (full, 0, sizeof (*full));
  memcpy (full, cfg, size < sizeof (*full) ? size : sizeof (*full));
  return VC_OK;
}

VcStatus
vc_set_error (VcError * err, VcStatus status, const char *field,
    const char *fmt, ...)
{
  va_list args;

  if (err == NULL)
    return status;
  err->status = status;
  snprintf (err->field, sizeof (err->field), "%s", field);
  va_start (args, fmt);
  vsnprintf (err->message, sizeof (err->message), fmt, args);
  va_end (args);
  return status;
}

static VcStatus
set_ok (VcError * err)
{
  if (err != NULL) {
    err->status = VC_OK;
    err->field[0] = '\0';
    err->message[0] = '\0';
  }
  return VC_OK;
}

double
vc_round_clamp (double v, int sample_max)
{
  v = round (v);
  /* Written so that NaN lands on 0. */
  if (v > sample_max)
    return sample_max;
  if (!(v >= 0.0))
    return 0.0;
  return v;
}

static VcStatus
check_range (VcError * err, VcStatus status, const char *field, int value,
    int min, int max)
{
  if (value < min || value > max)
    return vc_set_error (err, status, field,
        "%s is %d: must be between %d and %d", field, value, min, max);
  return VC_OK;
}

VcStatus
vc_kernel_check (const char *name, const double *k, int kh, int kw,
    VcError * err)
{
  if (k == NULL)
    return vc_set_error (err, VC_ERROR_ARGUMENT, name,
        "%s is NULL: a %dx%d kernel needs %lld coefficients", name, kh, kw,
        (long long) kh * kw);
  if (kh < 1 || kh > VC_KERNEL_MAX_SIDE || kw < 1 || kw > VC_KERNEL_MAX_SIDE)
    return vc_set_error (err, VC_ERROR_KERNEL, name,
        "%s is %dx%d (rows x columns): each side must be between 1 and %d",
        name, kh, kw, VC_KERNEL_MAX_SIDE);
  for (int m = 0; m < kh; m++)
    for (int n = 0; n < kw; n++)
      if (!isfinite (k[m * kw + n]))
        return vc_set_error (err, VC_ERROR_KERNEL_VALUE, name,
            "%s[%d][%d] is %g: coefficients must be finite numbers",
            name, m, n, k[m * kw + n]);
  return VC_OK;
}

static VcStatus
check_finite (VcError * err, const char *field, double value)
{
  if (!isfinite (value))
    return vc_set_error (err, VC_ERROR_VALUE, field,
        "%s is %g: must be a finite number", field, value);
  return VC_OK;
}

static int64_t
floor_div (int64_t a, int64_t b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static void
same_padding (int k, int dilation, int64_t * pad_a, int64_t * pad_b)
{
  int64_t total = (int64_t) dilation * (k - 1);

  *pad_a = total / 2;
  *pad_b = total - total / 2;
}

int64_t
vc_axis_output_size (int64_t size, int k, int stride, int dilation,
    int pad_a, int pad_b)
{
  int64_t a = pad_a, b = pad_b;

  if (pad_a == VC_PAD_SAME || pad_b == VC_PAD_SAME)
    same_padding (k, dilation, &a, &b);
  return floor_div (size + a + b - (int64_t) dilation * (k - 1) - 1,
      stride) + 1;
}

void
vc_axis_input_range (int64_t out, int k, int stride, int dilation,
    int pad_a, int pad_b, int64_t * min, int64_t * max)
{
  int64_t a = pad_a, b = pad_b;

  if (pad_a == VC_PAD_SAME || pad_b == VC_PAD_SAME)
    same_padding (k, dilation, &a, &b);
  /* size + a + b - reach lies in [(out - 1) * stride, out * stride). */
  *min = (out - 1) * stride + (int64_t) dilation * (k - 1) + 1 - a - b;
  *max = *min + stride - 1;
  if (*min < 1)
    *min = 1;
}

/* One axis for resolve_axis (): the names its errors give ("width",
 * "pad_left", "dilation_x"...), its settings, and where the results go
 * (the paddings are read and written). */
typedef struct
{
  const char *size_name, *pad_a_name, *pad_b_name, *dilation_name;
  int size, k, stride, dilation;
  int forced;                   /* out_width/out_height, 0: not forced */
  int *pad_a, *pad_b;
  int *out, *need;
} VcAxis;

/* Resolves one axis: padding ("same" expanded), output size (forced when
 * `forced` > 0, extending the second padding if needed) and how many
 * padded samples are read. */
static VcStatus
resolve_axis (VcError * err, const VcAxis * ax)
{
  const char *size_name = ax->size_name, *dilation_name = ax->dilation_name;
  const char *pad_a_name = ax->pad_a_name, *pad_b_name = ax->pad_b_name;
  const int size = ax->size, k = ax->k, stride = ax->stride;
  const int dilation = ax->dilation, forced = ax->forced;
  int *pad_a = ax->pad_a, *pad_b = ax->pad_b;
  const char *out_name = size_name[0] == 'w' ? "output width" :
      "output height";
  const char *forced_name = size_name[0] == 'w' ? "out_width" :
      "out_height";
  int64_t reach, padded, out_size, a, b;

  if (*pad_a == VC_PAD_SAME || *pad_b == VC_PAD_SAME) {
    if (*pad_a != VC_PAD_SAME || *pad_b != VC_PAD_SAME)
      return vc_set_error (err, VC_ERROR_PADDING,
          *pad_a == VC_PAD_SAME ? pad_b_name : pad_a_name,
          "%s is %d and %s is %d: \"same\" padding (%d) must be set on "
          "both sides of an axis", pad_a_name, *pad_a, pad_b_name, *pad_b,
          VC_PAD_SAME);
    same_padding (k, dilation, &a, &b);
    if (a + b > 2 * (int64_t) VC_MAX_DIMENSION)
      return vc_set_error (err, VC_ERROR_PADDING, pad_a_name,
          "\"same\" padding would be %lld samples on the %s axis: "
          "%s %d x (%d - 1) exceeds %d", (long long) (a + b), size_name,
          dilation_name, dilation, k, 2 * VC_MAX_DIMENSION);
  } else {
    VcStatus s;

    if ((s = check_range (err, VC_ERROR_PADDING, pad_a_name, *pad_a, 0,
                VC_MAX_DIMENSION)) ||
        (s = check_range (err, VC_ERROR_PADDING, pad_b_name, *pad_b, 0,
                VC_MAX_DIMENSION)))
      return s;
    a = *pad_a;
    b = *pad_b;
  }

  reach = (int64_t) dilation * (k - 1) + 1;
  if (forced != 0) {
    VcStatus s = check_range (err, VC_ERROR_OUTPUT_SIZE, forced_name,
        forced, 1, VC_MAX_DIMENSION);

    if (s != VC_OK)
      return s;
    out_size = forced;
    /* Extend the second padding so that the last output has its taps. */
    if ((out_size - 1) * stride + reach > size + a + b)
      b = (out_size - 1) * stride + reach - size - a;
  } else {
    out_size = vc_axis_output_size (size, k, stride, dilation, (int) a,
        (int) b);
  }

  padded = (int64_t) size + a + b;
  if (padded > VC_MAX_PADDED_EXTENT)
    return vc_set_error (err, VC_ERROR_PADDING, pad_a_name,
        "padded %s would be %lld: %s %d + padding %lld + %lld exceeds %d",
        size_name, (long long) padded, size_name, size, (long long) a,
        (long long) b, VC_MAX_PADDED_EXTENT);
  if (out_size < 1)
    return vc_set_error (err, VC_ERROR_OUTPUT_SIZE, out_name,
        "%s would be %lld: %s %d + padding %lld + %lld - %s %d x (%d - 1) "
        "- 1 < 0", out_name, (long long) out_size, size_name, size,
        (long long) a, (long long) b, dilation_name, dilation, k);

  *pad_a = (int) a;
  *pad_b = (int) b;
  *ax->out = (int) out_size;
  *ax->need = (int) ((out_size - 1) * stride + reach);
  return VC_OK;
}

/* Both axes of g, from the settings cfg. */
static VcStatus
resolve_axes (const VcConfig * cfg, VcGeometry * g, VcError * err)
{
  const VcAxis width = {.size_name = "width",.pad_a_name = "pad_left",
    .pad_b_name = "pad_right",.dilation_name = "dilation_x",
    .size = g->in_w,.k = g->kw,.stride = g->sx,.dilation = g->dx,
    .forced = cfg->out_width,.pad_a = &g->left,.pad_b = &g->right,
    .out = &g->out_w,.need = &g->need_w
  };
  const VcAxis height = {.size_name = "height",.pad_a_name = "pad_top",
    .pad_b_name = "pad_bottom",.dilation_name = "dilation_y",
    .size = g->in_h,.k = g->kh,.stride = g->sy,.dilation = g->dy,
    .forced = cfg->out_height,.pad_a = &g->top,.pad_b = &g->bottom,
    .out = &g->out_h,.need = &g->need_h
  };
  VcStatus s = resolve_axis (err, &width);

  return s != VC_OK ? s : resolve_axis (err, &height);
}

/* Reads the caller's config into full (see config_import ()), validates
 * it and resolves its geometry into g. */
VcStatus
vc_config_resolve (const VcConfig * user, VcConfig * full, VcGeometry * g,
    VcError * err)
{
  const VcConfig *cfg = full;
  VcStatus s;

  if (user == NULL)
    return vc_set_error (err, VC_ERROR_ARGUMENT, "config",
        "config is NULL");
  if ((s = config_import (user, full, err)) != VC_OK)
    return s;
  if ((s = vc_kernel_check ("kernel", cfg->kernel, cfg->kernel_height,
              cfg->kernel_width, err)) != VC_OK)
    return s;
  if (cfg->kernel2 != NULL && (s = vc_kernel_check ("kernel2", cfg->kernel2,
              cfg->kernel_height, cfg->kernel_width, err)) != VC_OK)
    return s;

  if ((s = check_range (err, VC_ERROR_STRIDE, "stride_y", cfg->stride_y, 1,
              VC_MAX_DIMENSION)) ||
      (s = check_range (err, VC_ERROR_STRIDE, "stride_x", cfg->stride_x, 1,
              VC_MAX_DIMENSION)) ||
      (s = check_range (err, VC_ERROR_DILATION, "dilation_y",
              cfg->dilation_y, 1, VC_MAX_DIMENSION)) ||
      (s = check_range (err, VC_ERROR_DILATION, "dilation_x",
              cfg->dilation_x, 1, VC_MAX_DIMENSION)))
    return s;

  if (cfg->border < VC_BORDER_CONSTANT || cfg->border > VC_BORDER_WRAP)
    return vc_set_error (err, VC_ERROR_BORDER, "border",
        "border is %d: must be one of constant (0), replicate (1), "
        "reflect (2), symmetric (3), wrap (4)", (int) cfg->border);
  if ((s = check_finite (err, "border_value", cfg->border_value)) ||
      (s = check_finite (err, "divisor", cfg->divisor)) ||
      (s = check_finite (err, "bias", cfg->bias)) ||
      (s = check_finite (err, "center", cfg->center)))
    return s;
  if (cfg->sample_type != VC_SAMPLE_U8 && cfg->sample_type != VC_SAMPLE_U16)
    return vc_set_error (err, VC_ERROR_SAMPLE_TYPE, "sample_type",
        "sample_type is %d: must be u8 (0) or u16 (1)",
        (int) cfg->sample_type);
  {
    int width = cfg->sample_type == VC_SAMPLE_U16 ? 16 : 8;
    int need = (cfg->sample_bits ? cfg->sample_bits : width) +
        cfg->sample_shift;

    if ((s = check_range (err, VC_ERROR_SAMPLE_TYPE, "sample_bits",
                cfg->sample_bits, 0, width)) ||
        (s = check_range (err, VC_ERROR_SAMPLE_TYPE, "sample_shift",
                cfg->sample_shift, 0, width == 16 ? 15 : 0)))
      return s;
    if (need > width)
      return vc_set_error (err, VC_ERROR_SAMPLE_TYPE, "sample_shift",
          "sample_bits %d and sample_shift %d need %d bits: the sample type "
          "has %d", cfg->sample_bits, cfg->sample_shift, need, width);
  }
  if ((s = check_range (err, VC_ERROR_COMPONENTS, "components",
              cfg->components, 1, VC_MAX_COMPONENTS)))
    return s;
  if ((s = check_range (err, VC_ERROR_FRAME_SIZE, "width", cfg->width, 1,
              VC_MAX_DIMENSION)) ||
      (s = check_range (err, VC_ERROR_FRAME_SIZE, "height", cfg->height, 1,
              VC_MAX_DIMENSION)))
    return s;

  g->kh = cfg->kernel_height;
  g->kw = cfg->kernel_width;
  g->sy = cfg->stride_y;
  g->sx = cfg->stride_x;
  g->dy = cfg->dilation_y;
  g->dx = cfg->dilation_x;
  g->in_w = cfg->width;
  g->in_h = cfg->height;
  g->top = cfg->pad_top;
  g->bottom = cfg->pad_bottom;
  g->left = cfg->pad_left;
  g->right = cfg->pad_right;

  if ((s = resolve_axes (cfg, g, err)))
    return s;
  return set_ok (err);
}

VcStatus
vc_output_size (const VcConfig * cfg, int *out_width, int *out_height,
    VcError * err)
{
  VcConfig full;
  VcGeometry g;
  VcStatus s = vc_config_resolve (cfg, &full, &g, err);

  if (s != VC_OK)
    return s;
  if (out_width)
    *out_width = g.out_w;
  if (out_height)
    *out_height = g.out_h;
  return VC_OK;
}

VcStatus
vc_resolve_padding (const VcConfig * cfg, int *top, int *bottom, int *left,
    int *right, VcError * err)
{
  VcConfig full;
  VcGeometry g;
  VcStatus s = vc_config_resolve (cfg, &full, &g, err);

  if (s != VC_OK)
    return s;
  if (top)
    *top = g.top;
  if (bottom)
    *bottom = g.bottom;
  if (left)
    *left = g.left;
  if (right)
    *right = g.right;
  return VC_OK;
}

const char *
vc_border_name (VcBorder border)
{
  static const char *const names[] = {
    "constant", "replicate", "reflect", "symmetric", "wrap"
  };

  if (border < VC_BORDER_CONSTANT || border > VC_BORDER_WRAP)
    return "unknown";
  return names[border];
}

const char *
vc_status_name (VcStatus status)
{
  static const char *const names[] = {
    "VC_OK", "VC_ERROR_ARGUMENT", "VC_ERROR_KERNEL", "VC_ERROR_KERNEL_VALUE",
    "VC_ERROR_STRIDE", "VC_ERROR_DILATION", "VC_ERROR_PADDING",
    "VC_ERROR_BORDER", "VC_ERROR_VALUE", "VC_ERROR_SAMPLE_TYPE",
    "VC_ERROR_FRAME_SIZE", "VC_ERROR_OUTPUT_SIZE", "VC_ERROR_PLANE",
    "VC_ERROR_ROWS", "VC_ERROR_NO_MEMORY", "VC_ERROR_COMPONENTS",
    "VC_ERROR_VERSION",
  };

  if (status < VC_OK || status > VC_ERROR_VERSION)
    return "unknown";
  return names[status];
}
