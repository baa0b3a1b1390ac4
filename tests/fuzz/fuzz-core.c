/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer target for the core: the input bytes are a configuration
 * (every field, valid or not) and a plane. A plan that is refused must say
 * why; a plan that is made must execute, on the instruction set the input
 * picks, to exactly what the scalar reference gives (within 1 on a
 * "-float" path), writing nothing outside the described components.
 * Any difference aborts: libFuzzer reports it as a crash with the input.
 *
 * Input layout (fuzz-input.h reads past the end as zeros): see parse ().
 */
#include "fuzz-input.h"
#include "vc-compare.h"
#include "vc-simd.h"

#include <videoconvolve/convolve.h>
#include "vc-oracle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keeps one input's work small: frames up to 64x48, kernel sides 0 (refused)
 * to 16. */
#define MAX_W 64
#define MAX_H 48
#define MAX_K 16
#define CANARY 0xA5

/* Instruction set 0 is the reference, then the core's list (c, orc, avx2,
 * avx512 on x86, the order the corpus's inputs were written for, then
 * avx2-vnni and avx512-vnni; c, orc, neon on AArch64). */
static int
isa_count (void)
{
  int n;

  vc_simd_isas (&n);
  return 1 + n;
}

static const char *
isa_name (int isa)
{
  int n;

  return isa == 0 ? "reference" : vc_simd_isas (&n)[isa - 1].table->name;
}

typedef struct
{
  VcConfig cfg;
  double kernel[MAX_K * MAX_K], kernel2[MAX_K * MAX_K];
  int ps, off, isa;
} Case;

static double
coefficient (FuzzInput * in)
{
  switch (fuzz_u8 (in) % 4) {
    case 0:                    /* small integers: the integer classes */
    case 1:
      return (int) (fuzz_u8 (in) % 17) - 8;
    case 2:                    /* dyadic: integers times a power of two */
      return ((int) (fuzz_u8 (in) % 33) - 16) / (double) (1 << (fuzz_u8 (in)
              % 6));
    default:                   /* anything, NaN and infinities included */
      return fuzz_double (in);
  }
}

static void
parse (FuzzInput * in, Case * c)
{
  VcConfig *cfg = &c->cfg;
  uint8_t flags;

  vc_config_init (cfg);
  cfg->kernel_height = fuzz_u8 (in) % (MAX_K + 1);
  cfg->kernel_width = fuzz_u8 (in) % (MAX_K + 1);
  for (int i = 0; i < MAX_K * MAX_K; i++)
    c->kernel[i] = c->kernel2[i] = 0;
  flags = fuzz_u8 (in);
  for (int i = 0; i < cfg->kernel_height * cfg->kernel_width; i++) {
    c->kernel[i] = coefficient (in);
    if (flags & 1)
      c->kernel2[i] = coefficient (in);
  }
  cfg->kernel = c->kernel;
  cfg->kernel2 = flags & 1 ? c->kernel2 : NULL;
  cfg->stride_y = (int) (fuzz_u8 (in) % 6) - (flags & 2 ? 1 : 0);
  cfg->stride_x = (int) (fuzz_u8 (in) % 6) - (flags & 2 ? 1 : 0);
  cfg->dilation_y = (int) (fuzz_u8 (in) % 5) - (flags & 4 ? 1 : 0);
  cfg->dilation_x = (int) (fuzz_u8 (in) % 5) - (flags & 4 ? 1 : 0);
  cfg->pad_top = (int) (fuzz_u8 (in) % 12) - 2;
  cfg->pad_bottom = (int) (fuzz_u8 (in) % 12) - 2;
  cfg->pad_left = (int) (fuzz_u8 (in) % 24) - 2;
  cfg->pad_right = (int) (fuzz_u8 (in) % 24) - 2;
  cfg->border = (VcBorder) ((int) (fuzz_u8 (in) % 7) - 1);
  cfg->border_value = fuzz_u8 (in) & 1 ? fuzz_double (in) :
      fuzz_u16 (in) % 1100;
  cfg->divisor = fuzz_u8 (in) & 1 ? fuzz_double (in) :
      (int) (fuzz_u8 (in) % 40) - 4;
  cfg->bias = fuzz_u8 (in) & 1 ? fuzz_double (in) :
      (int) (fuzz_u16 (in) % 600) - 300;
  cfg->absolute = flags & 8;
  cfg->center = flags & 16 ? (flags & 32 ? 128 : fuzz_u16 (in) % 1024) : 0;
  cfg->sample_type = (VcSampleType) (fuzz_u8 (in) % 3 == 2 ? 1 : 0);
  if (fuzz_u8 (in) % 4 == 0)
    cfg->sample_type = (VcSampleType) ((int) fuzz_u8 (in) - 128);
  if (cfg->sample_type == VC_SAMPLE_U16 && flags & 64) {
    cfg->sample_bits = fuzz_u8 (in) % 18;
    cfg->sample_shift = fuzz_u8 (in) % 18;
  }
  cfg->width = fuzz_u8 (in) % (MAX_W + 1);
  cfg->height = fuzz_u8 (in) % (MAX_H + 1);
  c->ps = 1 + fuzz_u8 (in) % 4;
  c->off = fuzz_u8 (in) % c->ps;
  cfg->components = 1 + fuzz_u8 (in) % (c->ps - c->off);
  if (flags & 128) {
    cfg->out_width = fuzz_u8 (in) % (MAX_W + 1);
    cfg->out_height = fuzz_u8 (in) % (MAX_H + 1);
  }
  c->isa = fuzz_u8 (in) % isa_count ();
}

typedef struct
{
  uint8_t *data;
  size_t size;
  VcPlane plane;
} Buf;

static void
buf_make (Buf * b, const Case * c, int w, int h, FuzzInput * fill)
{
  size_t ss = c->cfg.sample_type == VC_SAMPLE_U16 ? 2 : 1;
  ptrdiff_t row = (ptrdiff_t) ((size_t) w * c->ps + 1) * ss;

  b->size = (size_t) row *h;
  b->data = malloc (b->size ? b->size : 1);
  if (b->data == NULL)
    abort ();
  for (size_t i = 0; i < b->size; i++)
    b->data[i] = fill ? fuzz_u8 (fill) : CANARY;
  b->plane = (VcPlane) {
  .data = b->data,.row_stride = row,.width = w,.height = h,.pixel_stride =
        c->ps,.offset = c->off,.components = c->cfg.components};
}

static void
fail (const Case * c, const char *what, const char *path, size_t at)
{
  fprintf (stderr, "fuzz-core: %s on %s (path %s), first at byte %zu: "
      "kernel %dx%d, %s, %dx%d, layout %d/%d/%d, stride %d,%d, dilation "
      "%d,%d, divisor %g, bias %g, center %g, bits %d << %d\n", what,
      isa_name (c->isa), path, at, c->cfg.kernel_height, c->cfg.kernel_width,
      c->cfg.sample_type == VC_SAMPLE_U16 ? "u16" : "u8", c->cfg.width,
      c->cfg.height, c->ps, c->off, c->cfg.components, c->cfg.stride_y,
      c->cfg.stride_x, c->cfg.dilation_y, c->cfg.dilation_x,
      c->cfg.divisor, c->cfg.bias, c->cfg.center, c->cfg.sample_bits,
      c->cfg.sample_shift);
  for (int k = 0; k < 2; k++) {
    const double *kernel = k ? c->cfg.kernel2 : c->cfg.kernel;

    if (kernel == NULL)
      continue;
    fprintf (stderr, "  kernel%s:", k ? "2" : "");
    for (int i = 0; i < c->cfg.kernel_height * c->cfg.kernel_width; i++)
      fprintf (stderr, " %.17g", kernel[i]);
    fputc ('\n', stderr);
  }
  abort ();
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  FuzzInput in = { data, size, 0 };
  Case c;
  VcError err;
  VcPlan *plan;
  Buf src, out, ref;
  int ow, oh;
  const char *path;
  bool approx;
  size_t ss, first = 0;

  parse (&in, &c);
  setenv ("VIDEOCONVOLVE_SIMD", isa_name (c.isa), 1);
  plan = vc_plan_new (&c.cfg, &err);
  if (getenv ("FUZZ_VERBOSE"))
    fprintf (stderr, "fuzz-core: %s\n", plan ? vc_plan_path_name (plan) :
        err.message);
  if (plan == NULL) {
    if (err.status == VC_OK || err.message[0] == '\0' ||
        memchr (err.message, '\0', sizeof (err.message)) == NULL)
      fail (&c, "refused without a status and a message", "-", 0);
    return 0;
  }
  path = vc_plan_path_name (plan);
  if (strstr (path, "cannot run")) {    /* an instruction set the CPU lacks */
    vc_plan_free (plan);
    return 0;
  }
  approx = strstr (path, "-float") != NULL;
  ss = c.cfg.sample_type == VC_SAMPLE_U16 ? 2 : 1;
  vc_plan_get_output_size (plan, &ow, &oh);
  buf_make (&src, &c, c.cfg.width, c.cfg.height, &in);
  buf_make (&out, &c, ow, oh, NULL);
  buf_make (&ref, &c, ow, oh, NULL);
  if (vc_plan_execute_reference (plan, &src.plane, &ref.plane, 0, oh, NULL,
          &err) != VC_OK)
    fail (&c, err.message, path, 0);
  /* Two bands, as two threads would cut the frame. */
  if (vc_plan_execute (plan, &src.plane, &out.plane, 0, oh / 2, NULL,
          &err) != VC_OK ||
      vc_plan_execute (plan, &src.plane, &out.plane, oh / 2, oh, NULL,
          &err) != VC_OK)
    fail (&c, err.message, path, 0);
  if (vc_fast_mismatches (out.data, ref.data, out.size, ss, approx,
          c.cfg.sample_shift, &first))
    fail (&c, "differs from the reference", path, first);
  free (src.data);
  free (out.data);
  free (ref.data);
  vc_plan_free (plan);
  return 0;
}
