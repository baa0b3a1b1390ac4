/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* videoconvolve core: generalized 2D convolution of one image plane.
 *
 * The core knows nothing of GStreamer. It computes, for a plane I of
 * H x W samples and a kernel K of kh x kw coefficients:
 *
 *   P          = I padded by the border mode
 *   acc[i][j]  = sum_{m<kh, n<kw} K[m][n] * P[i*sy + m*dy][j*sx + n*dx]
 *   v          = acc / divisor          (divisor 0: the kernel's sum, or 1)
 *   v          = |v|                    (if absolute)
 *   v          = v + bias
 *   out[i][j]  = clamp (round_half_away_from_zero (v), 0, sample max)
 *
 * (With a center c, P is replaced by P - c and c is added to v last.)
 *
 *   H_out = floor ((H + top + bottom - dy*(kh-1) - 1) / sy) + 1
 *   W_out = floor ((W + left + right - dx*(kw-1) - 1) / sx) + 1
 *
 * With a second kernel (kernel2), acc is replaced by sqrt (acc^2 + acc2^2):
 * the gradient magnitude used by the sobel, prewitt and scharr presets.
 *
 * Usage, in the spirit of FFTW: fill a VcConfig, make a plan once with
 * vc_plan_new () (all validation happens there), then call
 * vc_plan_execute () per frame. A plan is immutable after creation; several
 * threads may execute one plan at once on disjoint output row ranges, each
 * with its own scratch buffer.
 */
#ifndef VIDEOCONVOLVE_CONVOLVE_H
#define VIDEOCONVOLVE_CONVOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Largest kernel side (rows or columns). */
#define VC_KERNEL_MAX_SIDE 255
/* Largest frame side, stride, dilation and explicit padding. */
#define VC_MAX_DIMENSION 65536
/* Largest padded extent W + left + right (or H + top + bottom). */
#define VC_MAX_PADDED_EXTENT (4 * VC_MAX_DIMENSION)
/* Most components one plane descriptor may describe. */
#define VC_MAX_COMPONENTS 4
/* Padding value meaning "same" (see vc_config_init ()). */
#define VC_PAD_SAME (-1)

typedef enum
{
  VC_SAMPLE_U8 = 0,             /* uint8_t samples, 0..255 */
  VC_SAMPLE_U16 = 1,            /* native-endian uint16_t samples, 0..65535 */
} VcSampleType;

/* How the padding is filled; the names in brackets are numpy.pad modes
 * with the same meaning, for any padding size. */
typedef enum
{
  VC_BORDER_CONSTANT = 0,       /* border_value          [constant]  */
  VC_BORDER_REPLICATE = 1,      /* repeat the edge       [edge]      */
  VC_BORDER_REFLECT = 2,        /* d c b | a b c d | c b [reflect]   */
  VC_BORDER_SYMMETRIC = 3,      /* c b a | a b c d | d c [symmetric] */
  VC_BORDER_WRAP = 4,           /* periodic              [wrap]      */
} VcBorder;

/* A configuration. Its layout is versioned by its size: struct_size is
 * sizeof (VcConfig) as the caller was compiled, set by vc_config_init ().
 * The library reads that many bytes and takes every field past them as 0,
 * so a program built against an older header keeps working with a newer
 * library. Fields are only ever added at the end, and 0 in a new field
 * means the behaviour from before it existed. */
typedef struct
{
  size_t struct_size;           /* set by vc_config_init (); do not change */

  /* Kernel: kernel_height x kernel_width doubles, row-major. Not copied
   * until vc_plan_new (); the plan keeps its own copy. */
  const double *kernel;
  int kernel_height;
  int kernel_width;
  /* Optional second kernel of the same shape, or NULL. When set, the
   * output is the gradient magnitude sqrt (acc^2 + acc2^2). */
  const double *kernel2;

  int stride_y, stride_x;       /* >= 1 */
  int dilation_y, dilation_x;   /* >= 1 */
  /* Explicit padding >= 0, or VC_PAD_SAME on both sides of an axis:
   * total = dilation * (k - 1), top/left = total / 2, the rest after. */
  int pad_top, pad_bottom, pad_left, pad_right;

  VcBorder border;
  /* For VC_BORDER_CONSTANT, in sample units. The padding is made of
   * samples, so the value is rounded (half away from zero) and clamped to
   * the sample range first, like an output sample. */
  double border_value;
  double divisor;               /* 0: auto (kernel sum, or 1 if that is 0) */
  double bias;                  /* added after division, in sample units */
  bool absolute;                /* |v| before the bias */
  /* The value samples are taken relative to (0: plain samples). Each
   * padded sample has it subtracted before the sum and it is added back
   * last: out = clamp (round (sum K (P - center) / divisor (|.|) + bias
   * + center)). For chroma, which is a signed difference around a neutral
   * value (128 for 8 bits): a blur gives what it gives without it (within
   * 1), an edge kernel gives the neutral value on flat colour. */
  double center;

  VcSampleType sample_type;
  /* Significant bits of a sample (0: the whole type, 8 or 16), and how far
   * they sit above bit 0: a stored word w is the sample w / 2^shift, and an
   * output sample v is stored as v << shift, clamped to 2^bits - 1 first.
   * 10-bit video in the low bits of 16-bit words (I420_10LE): bits 10,
   * shift 0, so outputs clamp to 1023. In the high bits (P010_10LE): bits
   * 10, shift 6, so the low 6 bits of every output word are 0. border_value,
   * bias and center are in units of the sample (0..2^bits - 1). Needs
   * bits + shift <= the type's width. */
  int sample_bits;
  int sample_shift;
  int width, height;            /* input plane size in pixels */
  /* Adjacent components per pixel the planes will describe (VcPlane's
   * components), 1..VC_MAX_COMPONENTS: RGB of RGBx is 3. The fast paths
   * process them as whole rows of samples. */
  int components;

  /* Optional forced output size (0: the formula's). Fewer rows/columns
   * than the formula gives drop the last ones; more extend the bottom/right
   * padding, filled by the border mode. Used for subsampled chroma planes,
   * whose size follows from the luma plane's. */
  int out_width, out_height;
} VcConfig;

typedef enum
{
  VC_OK = 0,
  VC_ERROR_ARGUMENT,            /* a NULL pointer where one is required */
  VC_ERROR_KERNEL,              /* size out of 1..VC_KERNEL_MAX_SIDE */
  VC_ERROR_KERNEL_VALUE,        /* NaN or infinite coefficient */
  VC_ERROR_STRIDE,
  VC_ERROR_DILATION,
  VC_ERROR_PADDING,
  VC_ERROR_BORDER,              /* unknown border mode */
  VC_ERROR_VALUE,               /* border_value, divisor or bias not finite */
  VC_ERROR_SAMPLE_TYPE,
  VC_ERROR_FRAME_SIZE,          /* input size out of 1..VC_MAX_DIMENSION */
  VC_ERROR_OUTPUT_SIZE,         /* output size would be < 1 */
  VC_ERROR_PLANE,               /* a plane descriptor does not fit the plan */
  VC_ERROR_ROWS,                /* output row range out of bounds */
  VC_ERROR_NO_MEMORY,
  VC_ERROR_COMPONENTS,          /* components out of 1..VC_MAX_COMPONENTS */
  VC_ERROR_VERSION,             /* struct_size this library cannot read */
} VcStatus;

typedef struct
{
  VcStatus status;
  char field[32];               /* the offending configuration field */
  char message[256];            /* a sentence naming the field and values */
} VcError;

/* One plane (or several adjacent components of an interleaved one).
 * Sample (x, y) of component c is at
 *   (T *) ((uint8_t *) data + y * row_stride) + x * pixel_stride + offset + c
 * for c in [0, components), where T is the sample type. */
typedef struct
{
  void *data;
  ptrdiff_t row_stride;         /* bytes between rows, > 0 */
  int width, height;            /* pixels */
  int pixel_stride;             /* samples between consecutive pixels */
  int offset;                   /* samples from a pixel to its first component */
  int components;               /* adjacent components processed, >= 1 */
} VcPlane;

typedef struct VcPlan VcPlan;

/* Defaults: 1x1 kernel {1}, stride 1, dilation 1, padding 0, border
 * replicate, border_value 0, divisor 0 (auto), bias 0, absolute off, u8,
 * 1 component, width = height = 0 (the caller must set them), and
 * struct_size = sizeof (VcConfig) of the caller's header. Every VcConfig
 * passed to the library must have been set up by it. */
void vc_config_init_size (VcConfig * cfg, size_t struct_size);
static inline void
vc_config_init (VcConfig * cfg)
{
  vc_config_init_size (cfg, sizeof (VcConfig));
}

/* Output size for cfg (cfg->width x cfg->height input) without making a
 * plan. Validates cfg exactly as vc_plan_new () does. */
VcStatus vc_output_size (const VcConfig * cfg, int *out_width,
    int *out_height, VcError * err);

/* Checks a kernel alone (its size and that every coefficient is finite);
 * vc_plan_new () does the same. `name` is used in the message. */
VcStatus vc_kernel_check (const char *name, const double *kernel,
    int kernel_height, int kernel_width, VcError * err);

/* Resolved padding of cfg ("same" expanded). Validates cfg. */
VcStatus vc_resolve_padding (const VcConfig * cfg, int *top, int *bottom,
    int *left, int *right, VcError * err);

/* One axis of the output-size formula, for caps negotiation: the output
 * size for an input `size` (may be < 1), and the range of input sizes
 * [*min, *max] whose output size is `out` (>= 1). pad_a/pad_b may be
 * VC_PAD_SAME. Arguments must be in the ranges vc_plan_new () accepts. */
int64_t vc_axis_output_size (int64_t size, int k, int stride, int dilation,
    int pad_a, int pad_b);
void vc_axis_input_range (int64_t out, int k, int stride, int dilation,
    int pad_a, int pad_b, int64_t * min, int64_t * max);

/* Makes a plan, or returns NULL and fills err (err may be NULL). */
VcPlan *vc_plan_new (const VcConfig * cfg, VcError * err);
void vc_plan_free (VcPlan * plan);

void vc_plan_get_output_size (const VcPlan * plan, int *out_width,
    int *out_height);
/* Bytes of scratch one vc_plan_execute () call needs. */
size_t vc_plan_scratch_size (const VcPlan * plan);
/* Alignment the scratch should have for the widest vector loads (the
 * call is correct with any 16-byte aligned scratch, only slower): the
 * same for every plan. VC_SCRATCH_ALIGNMENT is that of the header the
 * program was built with, vc_plan_scratch_alignment () that of the
 * library it runs with. */
#define VC_SCRATCH_ALIGNMENT 64
size_t vc_plan_scratch_alignment (void);

/* Computes output rows [y0, y1) of dst from src. src must be
 * width x height of the plan, dst the output size; both describe the
 * plan's number of components and must not overlap (for in place, see
 * vc_plan_execute_in_place ()). scratch: at least
 * vc_plan_scratch_size () bytes, 16-byte aligned, owned by the calling
 * thread; NULL makes the call allocate (and free) its own.
 * Samples of dst outside the described components keep their values.
 * A call may read such a byte and write it back unchanged (AVX2 has no
 * byte-masked store: RGBx-like rows are blended), so nothing else may
 * write the rows [y0, y1) of dst while the call runs: run the plans and
 * vc_plan_execute_carry () that share those rows one after another. */
VcStatus vc_plan_execute (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, void *scratch, VcError * err);

/* Copies, for each output pixel of rows [y0, y1), the input sample under
 * the kernel's centre tap (m = kh / 2, n = kw / 2), clamped into the
 * frame: how alpha (and chroma with channels=luma) is carried. Same
 * arguments and checks as vc_plan_execute (); needs no scratch. */
VcStatus vc_plan_execute_carry (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int y0, int y1, VcError * err);

/* A rectangle of the output: computes output samples [x0, x1) x [y0, y1)
 * of the whole frame's result (vc_plan_execute ()'s, bit for bit, for
 * every border mode) into dst, which describes just the rectangle:
 * (x1 - x0) x (y1 - y0) pixels, output sample (x, y) at dst's
 * (x - x0, y - y0). src is the whole input plane, as for
 * vc_plan_execute (); dst must not overlap it. The work follows the
 * rectangle's area (and the kernel's reach around it), not the frame's.
 * Unlike vc_plan_execute () the call allocates: a copy of the padded
 * input under the rectangle and a plan for it, which `plan` keeps for
 * later rectangles of the same size (eight sizes, the least recently
 * used replaced; vc_plan_free () frees them; with 1024 taps or more the
 * tile's sides are rounded up to a multiple of 16, so that sizes a few
 * samples apart share one). Calls on several threads may share `plan`.
 * An empty rectangle does nothing. */
VcStatus vc_plan_execute_rect (const VcPlan * plan, const VcPlane * src,
    const VcPlane * dst, int x0, int y0, int x1, int y1, VcError * err);

/* vc_plan_execute_carry () over a rectangle of the output, dst described
 * as for vc_plan_execute_rect (); allocates nothing. */
VcStatus vc_plan_execute_carry_rect (const VcPlan * plan,
    const VcPlane * src, const VcPlane * dst, int x0, int y0, int x1, int y1,
    VcError * err);

/* In place: dst is src. Whether vc_plan_execute_in_place () accepts the
 * plan: a fast path (never the reference) with stride 1 on both axes,
 * the output the size of the input, and a kernel that has a non-zero row
 * at or below its centre row. In place saves the output frame: its
 * memory and the writes to it.
 *
 * A frame in place is two steps, because output rows overwrite input rows
 * that other rows still read. For each band of rows [y0, y1) the frame is
 * cut into: first vc_plan_prepare_in_place () with the band's own scratch
 * (at least vc_plan_scratch_size () bytes), for every band before any
 * band executes, as it keeps a copy of the input rows the band reads that
 * another band (or its own bottom border) overwrites first; then
 * vc_plan_execute_in_place () for the band, with the same scratch, on any
 * thread, bands at the same time. The output is the same as
 * vc_plan_execute ()'s, bit for bit. Each prepare serves one execute. */
bool vc_plan_in_place (const VcPlan * plan);
VcStatus vc_plan_prepare_in_place (const VcPlan * plan, const VcPlane * plane,
    int y0, int y1, void *scratch, VcError * err);
VcStatus vc_plan_execute_in_place (const VcPlan * plan, const VcPlane * plane,
    int y0, int y1, void *scratch, VcError * err);

/* Whether the carry leaves every sample where it is (stride 1, the output
 * the size of the input, the centre tap over the output pixel): then
 * vc_plan_execute_carry () takes the same VcPlane pointer as src and dst,
 * and does nothing. */
bool vc_plan_carry_in_place (const VcPlan * plan);

/* Which implementation vc_plan_execute () uses for this plan, as
 * "<class>/<instruction set>": separable-int, direct-int, direct-float,
 * box-running (equal coefficients, as running sums) or box-cascade
 * (separable factors of boxes convolved, as running sums) on avx512-vnni,
 * avx512, avx2-vnni, avx2, neon, c or orc (e.g. "separable-int/avx512"),
 * or "reference" with the reason in brackets. The class follows the kernel
 * (see the README); the instruction set is the CPU's default (on x86-64
 * the fastest it runs, on AArch64 neon), unless $VIDEOCONVOLVE_SIMD
 * (reference, c, orc, avx2, avx512, avx2-vnni, avx512-vnni, neon) forces
 * one. */
const char *vc_plan_path_name (const VcPlan * plan);

const char *vc_border_name (VcBorder border);
const char *vc_status_name (VcStatus status);

#ifdef __cplusplus
}
#endif
#endif /* VIDEOCONVOLVE_CONVOLVE_H */
