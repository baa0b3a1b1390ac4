/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vc-batch: runs a batch of convolution cases through the core, for the
 * NumPy cross-check (crosscheck.py). Plain C, no ctypes, so the same check
 * runs under ASan/UBSan builds and valgrind.
 *
 * Usage: vc-batch CASES INPUT OUTPUT STATUS
 *   CASES   text file, one case per line (below)
 *   INPUT   binary file: each case's source buffer, back to back
 *   OUTPUT  binary file written: each planned case's destination buffer,
 *           back to back (nothing for cases whose plan was refused)
 *   STATUS  text file written ("-" for stdout): one line per case
 *
 * CASES: the first line is "vc-batch-cases 1". Blank lines and lines
 * starting with '#' are ignored. Every other line is one case: tokens
 * key=value separated by blanks, every key exactly once, in any order:
 *
 *   idx    case number (>= 0): echoed in the status line; also picks how
 *          the output rows are split into bands (1..4)
 *   type   u8 | u16 | integer (passed to the core as is)
 *   w h    input width and height (passed as is)
 *   kh kw  kernel rows and columns (passed as is)
 *   k      the kernel: max(kh,0) * max(kw,0) comma-separated doubles,
 *          row-major ("k=" for none); strtod syntax, so nan/inf work;
 *          or "gaussian:SIGMA", the kernel vc_gaussian_kernel () makes
 *          for SIGMA (preset=gaussian's), whose side kh and kw must be
 *          (as k's count must be kh * kw)
 *   k2     the second kernel in the same form, or "none"
 *   sy sx dy dx           stride and dilation
 *   pt pb pl pr           padding; -1 is VC_PAD_SAME
 *   ow oh  forced output width and height (0: the formula's)
 *   border constant | replicate | reflect | symmetric | wrap | integer
 *   bv div bias           border_value, divisor, bias (doubles)
 *   abs    0 | 1
 *   center the value samples are taken relative to (a double)
 *   bits shift            sample_bits and sample_shift (0 0: plain)
 *   comps  components processed (>= 1), same for source and destination
 *   sps soff spad         source: pixel_stride, offset (in samples) and
 *                         padding at the end of each row (in samples)
 *   dps doff dpad         the same for the destination
 *
 * Buffers: a source row holds w * sps + spad samples (row_stride in bytes
 * = that times the sample size: 2 for type u16, else 1). The source takes
 * h rows of INPUT (0 bytes when w or h is negative). A destination row
 * holds W_out * dps + dpad samples, H_out rows. The destination is filled
 * with the canary byte 0xA5 before the core runs; every byte is written
 * to OUTPUT, so the caller can check that the core only wrote the
 * described components. For each planned case OUTPUT gets NBYTES bytes of
 * vc_plan_execute output, then NBYTES bytes of vc_plan_execute_carry
 * output (same layout, also canary-filled first).
 *
 * STATUS lines, one per case in file order:
 *   IDX ok W_out H_out NBYTES TOP BOTTOM LEFT RIGHT AXIS
 *   IDX bad W_out H_out NBYTES TOP BOTTOM LEFT RIGHT AXIS REASON...
 *   IDX error CODE NAME AXIS FIELD MESSAGE...
 *   IDX bad-error CODE NAME AXIS FIELD MESSAGE... [REASON]
 * "ok"/"bad": the plan was made and 2 * NBYTES bytes of OUTPUT belong to
 * this case; the padding is the one vc_resolve_padding reports. "bad"
 * means the driver found the core inconsistent with itself:
 * vc_plan_execute differs from vc_plan_execute_reference, vc_output_size
 * disagrees with the plan, a call failed, the source was written...
 * "error": vc_plan_new refused the configuration (CODE is the VcStatus
 * number, FIELD is "-" when empty); "bad-error" when vc_output_size or the
 * VcError disagree with that.
 * AXIS is one token "AXW,AXH,WMIN,WMAX,HMIN,HMAX": vc_axis_output_size ()
 * for the width and the height axis (as the formula gives them, ignoring
 * ow/oh) and vc_axis_input_range () for out = AXW and AXH; "-" where the
 * arguments are outside what vc_plan_new () accepts or the output is < 1.
 *
 * Execution: the output rows are split into 1..4 bands (from idx), run on
 * two threads, each with its own 16-byte aligned scratch of
 * vc_plan_scratch_size () bytes; the reference runs over all rows in one
 * call, with its own scratch for even idx and with NULL for odd idx.
 * After vc_plan_new the driver overwrites its kernel arrays with NaN, so
 * a plan that kept pointers to them instead of copies shows up.
 *
 * Exit status: 0 when every case was run (whatever the core answered),
 * 1 on a malformed CASES/INPUT file, an I/O error or out of memory,
 * 2 on bad usage.
 */
#define _POSIX_C_SOURCE 200809L

#include <videoconvolve/convolve.h>
#include <videoconvolve/presets.h>
#include "vc-oracle.h"

#include "vc-compare.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANARY 0xA5
#define MAX_BANDS 4
#define N_THREADS 2
/* Sanity limits for the case file (the core's own limits are tested by
 * passing values through, so these only stop absurd allocations). */
#define MAX_FILE_SIDE (1 << 20)
#define MAX_SOURCE_BYTES ((int64_t) 1 << 28)
#define MAX_KERNEL_VALUES (1 << 20)
#define MAX_LAYOUT 64

typedef struct
{
  int64_t idx;
  int type, w, h, kh, kw;
  double *k, *k2;
  size_t nk, nk2;
  int has_k2;
  int sy, sx, dy, dx;
  int pt, pb, pl, pr;
  int ow, oh;
  int border;
  double bv, div, bias;
  int absolute;
  double center;
  int bits, shift;
  int comps, sps, soff, spad, dps, doff, dpad;
} Case;

typedef struct
{
  const char *path;
  long line;
} Where;

static void fail (const Where * where, const char *fmt, ...)
    __attribute__ ((format (printf, 2, 3)));

static void
fail (const Where * where, const char *fmt, ...)
{
  va_list args;

  if (where != NULL && where->line > 0)
    fprintf (stderr, "vc-batch: %s:%ld: ", where->path, where->line);
  else if (where != NULL)
    fprintf (stderr, "vc-batch: %s: ", where->path);
  else
    fprintf (stderr, "vc-batch: ");
  va_start (args, fmt);
  vfprintf (stderr, fmt, args);
  va_end (args);
  fputc ('\n', stderr);
}

/* ---------------------------------------------------------------------- */
/* Case file parsing */

static int
parse_int (const char *s, int *out)
{
  char *end;
  long v;

  errno = 0;
  v = strtol (s, &end, 10);
  if (end == s || *end != '\0' || errno != 0 || v < INT_MIN || v > INT_MAX)
    return -1;
  *out = (int) v;
  return 0;
}

static int
parse_double (const char *s, const char *end, double *out)
{
  char buf[64];
  char *stop;
  size_t len = (size_t) (end - s);

  if (len == 0 || len >= sizeof (buf))
    return -1;
  memcpy (buf, s, len);
  buf[len] = '\0';
  errno = 0;
  *out = strtod (buf, &stop);
  /* ERANGE on underflow still gives a usable value; overflow gives inf,
   * which is what the text asked for. */
  if (stop == buf || *stop != '\0')
    return -1;
  return 0;
}

/* Parses "a,b,c" ("" is an empty list) into a malloc'd array. */
static int
parse_list (const Where * where, const char *key, const char *s,
    double **out, size_t *count)
{
  size_t n = 0, cap = 0;
  double *v = NULL;

  *out = NULL;
  *count = 0;
  if (*s == '\0')
    return 0;
  for (;;) {
    const char *comma = strchr (s, ',');
    const char *end = comma ? comma : s + strlen (s);
    double d;

    if (parse_double (s, end, &d) != 0) {
      fail (where, "%s: value %zu (\"%.*s\") is not a number", key, n,
          (int) (end - s > 40 ? 40 : end - s), s);
      free (v);
      return -1;
    }
    if (n == MAX_KERNEL_VALUES) {
      fail (where, "%s: more than %d values", key, MAX_KERNEL_VALUES);
      free (v);
      return -1;
    }
    if (n == cap) {
      size_t ncap = cap ? 2 * cap : 16;
      double *nv = realloc (v, ncap * sizeof (double));

      if (nv == NULL) {
        fail (where, "out of memory");
        free (v);
        return -1;
      }
      v = nv;
      cap = ncap;
    }
    v[n++] = d;
    if (comma == NULL)
      break;
    s = comma + 1;
  }
  *out = v;
  *count = n;
  return 0;
}

enum
{
  K_IDX, K_TYPE, K_W, K_H, K_KH, K_KW, K_K, K_K2, K_SY, K_SX, K_DY, K_DX,
  K_PT, K_PB, K_PL, K_PR, K_OW, K_OH, K_BORDER, K_BV, K_DIV, K_BIAS, K_ABS,
  K_COMPS, K_CENTER, K_BITS, K_SHIFT,
  K_SPS, K_SOFF, K_SPAD, K_DPS, K_DOFF, K_DPAD, N_KEYS
};

static const char *const key_names[N_KEYS] = {
  "idx", "type", "w", "h", "kh", "kw", "k", "k2", "sy", "sx", "dy", "dx",
  "pt", "pb", "pl", "pr", "ow", "oh", "border", "bv", "div", "bias", "abs",
  "comps", "center", "bits", "shift",
  "sps", "soff", "spad", "dps", "doff", "dpad",
};

static void
case_clear (Case * c)
{
  free (c->k);
  free (c->k2);
  memset (c, 0, sizeof (*c));
}

static int
parse_named (const char *s, const char *const *names, int n, int *out)
{
  for (int i = 0; i < n; i++)
    if (strcmp (s, names[i]) == 0) {
      *out = i;
      return 0;
    }
  return parse_int (s, out);
}

/* k=gaussian:SIGMA: the core's kernel for SIGMA. Returns 0 or -1. */
static int
parse_gaussian (const char *s, Case * c)
{
  double sigma;
  int side;

  if (parse_double (s, s + strlen (s), &sigma) != 0 ||
      (side = vc_gaussian_kernel (sigma, NULL)) == 0)
    return -1;
  c->k = malloc ((size_t) side * side * sizeof (double));
  if (c->k == NULL)
    return -1;
  c->nk = (size_t) side * side;
  vc_gaussian_kernel (sigma, c->k);
  return 0;
}

/* Parses one case line (modified in place). Returns 0 or -1. */
static int
parse_case (const Where * where, char *line, Case * c)
{
  static const char *const type_names[] = { "u8", "u16" };
  static const char *const border_names[] = {
    "constant", "replicate", "reflect", "symmetric", "wrap"
  };
  int seen[N_KEYS] = { 0 };
  char *save = NULL;
  /* Where the plain numeric keys go. */
  int *const int_fields[N_KEYS] = {
    [K_W] = &c->w, [K_H] = &c->h, [K_KH] = &c->kh, [K_KW] = &c->kw,
    [K_SY] = &c->sy, [K_SX] = &c->sx, [K_DY] = &c->dy, [K_DX] = &c->dx,
    [K_PT] = &c->pt, [K_PB] = &c->pb, [K_PL] = &c->pl, [K_PR] = &c->pr,
    [K_OW] = &c->ow, [K_OH] = &c->oh, [K_ABS] = &c->absolute,
    [K_COMPS] = &c->comps, [K_SPS] = &c->sps, [K_SOFF] = &c->soff,
    [K_SPAD] = &c->spad, [K_DPS] = &c->dps, [K_DOFF] = &c->doff,
    [K_DPAD] = &c->dpad, [K_BITS] = &c->bits, [K_SHIFT] = &c->shift,
  };
  double *const double_fields[N_KEYS] = {
    [K_BV] = &c->bv, [K_DIV] = &c->div, [K_BIAS] = &c->bias,
    [K_CENTER] = &c->center,
  };

  memset (c, 0, sizeof (*c));
  for (char *tok = strtok_r (line, " \t\r\n", &save); tok != NULL;
      tok = strtok_r (NULL, " \t\r\n", &save)) {
    char *eq = strchr (tok, '=');
    const char *val;
    int key = -1, ok = 0, *ip;
    double *dp;

    if (eq == NULL) {
      fail (where, "token \"%.40s\" is not key=value", tok);
      goto error;
    }
    *eq = '\0';
    val = eq + 1;
    for (int i = 0; i < N_KEYS; i++)
      if (strcmp (tok, key_names[i]) == 0)
        key = i;
    if (key < 0) {
      fail (where, "unknown key \"%.40s\"", tok);
      goto error;
    }
    if (seen[key]) {
      fail (where, "key \"%s\" given twice", tok);
      goto error;
    }
    seen[key] = 1;
    ip = int_fields[key];
    dp = double_fields[key];

    switch (key) {
      case K_IDX: {
        char *end;

        errno = 0;
        c->idx = strtoll (val, &end, 10);
        ok = end != val && *end == '\0' && errno == 0 && c->idx >= 0;
        break;
      }
      case K_TYPE:
        ok = parse_named (val, type_names, 2, &c->type) == 0;
        break;
      case K_BORDER:
        ok = parse_named (val, border_names, 5, &c->border) == 0;
        break;
      case K_K:
        if (strncmp (val, "gaussian:", 9) == 0) {
          ok = parse_gaussian (val + 9, c) == 0;
          break;
        }
        if (parse_list (where, "k", val, &c->k, &c->nk) != 0)
          goto error;
        ok = 1;
        break;
      case K_K2:
        if (strcmp (val, "none") == 0) {
          c->has_k2 = 0;
          ok = 1;
        } else {
          if (parse_list (where, "k2", val, &c->k2, &c->nk2) != 0)
            goto error;
          c->has_k2 = 1;
          ok = 1;
        }
        break;
      default:
        break;
    }
    if (ip != NULL)
      ok = parse_int (val, ip) == 0;
    else if (dp != NULL)
      ok = parse_double (val, val + strlen (val), dp) == 0;
    if (!ok) {
      fail (where, "%s=\"%.40s\" is not a valid value", key_names[key], val);
      goto error;
    }
  }

  for (int i = 0; i < N_KEYS; i++)
    if (!seen[i]) {
      fail (where, "key \"%s\" missing", key_names[i]);
      goto error;
    }

  {
    size_t want = (size_t) (c->kh > 0 ? c->kh : 0) *
        (size_t) (c->kw > 0 ? c->kw : 0);

    if (c->nk != want) {
      fail (where, "k has %zu values, kh=%d x kw=%d needs %zu", c->nk, c->kh,
          c->kw, want);
      goto error;
    }
    if (c->has_k2 && c->nk2 != want) {
      fail (where, "k2 has %zu values, kh=%d x kw=%d needs %zu", c->nk2,
          c->kh, c->kw, want);
      goto error;
    }
  }
  if (c->absolute != 0 && c->absolute != 1) {
    fail (where, "abs=%d: must be 0 or 1", c->absolute);
    goto error;
  }
  if (c->w > MAX_FILE_SIDE || c->h > MAX_FILE_SIDE) {
    fail (where, "w=%d h=%d: larger than this driver accepts (%d)", c->w,
        c->h, MAX_FILE_SIDE);
    goto error;
  }
  if (c->comps < 1 || c->comps > MAX_LAYOUT) {
    fail (where, "comps=%d: must be between 1 and %d", c->comps, MAX_LAYOUT);
    goto error;
  }
  if (c->sps < 1 || c->sps > MAX_LAYOUT || c->soff < 0 ||
      c->soff + c->comps > c->sps || c->spad < 0 || c->spad > MAX_LAYOUT) {
    fail (where, "source layout sps=%d soff=%d comps=%d spad=%d: need "
        "0 <= soff, soff + comps <= sps <= %d, 0 <= spad <= %d", c->sps,
        c->soff, c->comps, c->spad, MAX_LAYOUT, MAX_LAYOUT);
    goto error;
  }
  if (c->dps < 1 || c->dps > MAX_LAYOUT || c->doff < 0 ||
      c->doff + c->comps > c->dps || c->dpad < 0 || c->dpad > MAX_LAYOUT) {
    fail (where, "destination layout dps=%d doff=%d comps=%d dpad=%d: need "
        "0 <= doff, doff + comps <= dps <= %d, 0 <= dpad <= %d", c->dps,
        c->doff, c->comps, c->dpad, MAX_LAYOUT, MAX_LAYOUT);
    goto error;
  }
  return 0;

error:
  case_clear (c);
  return -1;
}

static size_t
sample_bytes (int type)
{
  return type == VC_SAMPLE_U16 ? 2 : 1;
}

/* Bytes of INPUT the case takes, or -1 when over the driver's limit. */
static int64_t
source_bytes (const Case * c)
{
  int64_t row;

  if (c->w < 0 || c->h < 0)
    return 0;
  row = ((int64_t) c->w * c->sps + c->spad) * (int64_t) sample_bytes (c->type);
  if (c->h != 0 && row > MAX_SOURCE_BYTES / c->h)
    return -1;
  return row * c->h;
}

/* ---------------------------------------------------------------------- */
/* Execution */

static uint64_t
splitmix64 (uint64_t * state)
{
  uint64_t z = (*state += UINT64_C (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * UINT64_C (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Splits [0, rows) into 1..MAX_BANDS non-empty bands picked from idx.
 * cuts[0] = 0 < cuts[1] < ... < cuts[n] = rows; returns n. */
static int
make_bands (int64_t idx, int rows, int cuts[MAX_BANDS + 1])
{
  uint64_t state = (uint64_t) idx * UINT64_C (0x2545F4914F6CDD1D) + 1;
  int want = 1 + (int) (splitmix64 (&state) % MAX_BANDS);
  int n = 1;

  if (want > rows)
    want = rows;
  cuts[0] = 0;
  /* Pick want - 1 distinct interior cuts, insertion-sorted. */
  for (int tries = 0; n < want && tries < 64; tries++) {
    int cut = 1 + (int) (splitmix64 (&state) % (uint64_t) (rows - 1));
    int pos = n;
    int dup = 0;

    for (int i = 1; i < n; i++)
      if (cuts[i] == cut)
        dup = 1;
    if (dup)
      continue;
    while (pos > 1 && cuts[pos - 1] > cut) {
      cuts[pos] = cuts[pos - 1];
      pos--;
    }
    cuts[pos] = cut;
    n++;
  }
  cuts[n] = rows;
  return n;
}

typedef struct
{
  const VcPlan *plan;
  const VcPlane *src, *dst;
  const int *cuts;
  int nbands;
  int first;                    /* bands first, first + N_THREADS, ... */
  void *scratch;
  VcStatus status;
  int failed_band;
  VcError err;
} Worker;

static void *
worker_run (void *data)
{
  Worker *w = data;

  w->status = VC_OK;
  w->failed_band = -1;
  for (int b = w->first; b < w->nbands; b += N_THREADS) {
    VcStatus s = vc_plan_execute (w->plan, w->src, w->dst, w->cuts[b],
        w->cuts[b + 1], w->scratch, &w->err);

    if (s != VC_OK) {
      w->status = s;
      w->failed_band = b;
      break;
    }
  }
  return NULL;
}

/* Appends to a fixed-size reason buffer. */
typedef struct
{
  char text[1024];
  size_t len;
} Reason;

static void reason_add (Reason * r, const char *fmt, ...)
    __attribute__ ((format (printf, 2, 3)));

static void
reason_add (Reason * r, const char *fmt, ...)
{
  va_list args;
  int n;

  if (r->len + 2 >= sizeof (r->text))
    return;
  if (r->len > 0) {
    r->text[r->len++] = ';';
    r->text[r->len++] = ' ';
    r->text[r->len] = '\0';
  }
  va_start (args, fmt);
  n = vsnprintf (r->text + r->len, sizeof (r->text) - r->len, fmt, args);
  va_end (args);
  if (n > 0)
    r->len += (size_t) n;
  if (r->len >= sizeof (r->text))
    r->len = sizeof (r->text) - 1;
}

/* Prints a bounded, single-line copy of a core-provided string. */
static void
print_clean (FILE * out, const char *s, size_t max)
{
  size_t n = 0;

  while (n < max && s[n] != '\0')
    n++;
  if (n == 0) {
    fputc ('-', out);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char) s[i];

    fputc (ch < 0x20 || ch == 0x7f ? ' ' : ch, out);
  }
}

static int
axis_args_ok (int size, int k, int stride, int dilation, int pad_a,
    int pad_b)
{
  if (size < 1 || size > VC_MAX_DIMENSION || k < 1 || k > VC_KERNEL_MAX_SIDE
      || stride < 1 || stride > VC_MAX_DIMENSION || dilation < 1
      || dilation > VC_MAX_DIMENSION)
    return 0;
  if (pad_a == VC_PAD_SAME && pad_b == VC_PAD_SAME)
    return (int64_t) dilation * (k - 1) <= 2 * (int64_t) VC_MAX_DIMENSION;
  return pad_a >= 0 && pad_a <= VC_MAX_DIMENSION && pad_b >= 0
      && pad_b <= VC_MAX_DIMENSION;
}

/* The AXIS token of a status line (see the top of the file). */
static void
print_axis (FILE * out, const Case * c)
{
  const int args[2][6] = {
    {c->w, c->kw, c->sx, c->dx, c->pl, c->pr},
    {c->h, c->kh, c->sy, c->dy, c->pt, c->pb},
  };
  int64_t size[2], range[2][2];
  int have_range[2];

  for (int a = 0; a < 2; a++)
    if (!axis_args_ok (args[a][0], args[a][1], args[a][2], args[a][3],
            args[a][4], args[a][5])) {
      fputc ('-', out);
      return;
    }
  for (int a = 0; a < 2; a++) {
    size[a] = vc_axis_output_size (args[a][0], args[a][1], args[a][2],
        args[a][3], args[a][4], args[a][5]);
    have_range[a] = size[a] >= 1;
    if (have_range[a])
      vc_axis_input_range (size[a], args[a][1], args[a][2], args[a][3],
          args[a][4], args[a][5], &range[a][0], &range[a][1]);
  }
  fprintf (out, "%" PRId64 ",%" PRId64, size[0], size[1]);
  for (int a = 0; a < 2; a++) {
    if (have_range[a])
      fprintf (out, ",%" PRId64 ",%" PRId64, range[a][0], range[a][1]);
    else
      fputs (",-,-", out);
  }
}

static void *
aligned_scratch (size_t size, uint8_t fill)
{
  void *p = NULL;

  /* Exactly size bytes (1 for 0), so ASan/valgrind see any overrun. */
  if (posix_memalign (&p, 16, size ? size : 1) != 0)
    return NULL;
  memset (p, fill, size ? size : 1);
  return p;
}

/* Runs one parsed case. Returns 0, or -1 on a driver failure (message
 * already printed). */
static int
run_case (Case * c, const uint8_t * src_data, size_t src_size,
    FILE * out_file, FILE * status_file)
{
  static const double no_values[1] = { 0.0 };
  const size_t bps = sample_bytes (c->type);
  VcConfig cfg;
  VcError err_size, err_plan, err_pad;
  VcStatus st_size, st_pad;
  VcPlan *plan;
  int ow = -1, oh = -1, pw = -1, ph = -1;
  int pad[4] = { -1, -1, -1, -1 };
  Reason why = { .len = 0 };
  uint8_t *src = NULL, *src_copy = NULL, *dst = NULL, *ref = NULL;
  uint8_t *carry = NULL;
  void *scratch[N_THREADS] = { NULL };
  void *ref_scratch = NULL;
  size_t dst_stride, dst_size, scratch_size;
  int ret = -1;

  memset (&err_size, 0, sizeof (err_size));
  memset (&err_plan, 0, sizeof (err_plan));
  memset (&err_pad, 0, sizeof (err_pad));

  vc_config_init (&cfg);
  cfg.kernel = c->k;
  cfg.kernel_height = c->kh;
  cfg.kernel_width = c->kw;
  cfg.kernel2 = c->has_k2 ? c->k2 : NULL;
  cfg.stride_y = c->sy;
  cfg.stride_x = c->sx;
  cfg.dilation_y = c->dy;
  cfg.dilation_x = c->dx;
  cfg.pad_top = c->pt;
  cfg.pad_bottom = c->pb;
  cfg.pad_left = c->pl;
  cfg.pad_right = c->pr;
  cfg.border = (VcBorder) c->border;
  cfg.border_value = c->bv;
  cfg.divisor = c->div;
  cfg.bias = c->bias;
  cfg.absolute = c->absolute != 0;
  cfg.center = c->center;
  cfg.sample_type = (VcSampleType) c->type;
  cfg.sample_bits = c->bits;
  cfg.sample_shift = c->shift;
  cfg.components = c->comps;
  cfg.width = c->w;
  cfg.height = c->h;
  cfg.out_width = c->ow;
  cfg.out_height = c->oh;
  /* An empty kernel list: hand the core a non-NULL pointer anyway, so the
   * size check (not the NULL check) is what answers. */
  if (cfg.kernel == NULL)
    cfg.kernel = no_values;
  if (c->has_k2 && cfg.kernel2 == NULL)
    cfg.kernel2 = no_values;

  st_size = vc_output_size (&cfg, &ow, &oh, &err_size);
  plan = vc_plan_new (&cfg, &err_plan);

  if (plan == NULL) {
    if (err_plan.status == VC_OK)
      reason_add (&why, "vc_plan_new returned NULL with err.status VC_OK");
    if (st_size != err_plan.status)
      reason_add (&why, "vc_output_size returned %s, vc_plan_new %s",
          vc_status_name (st_size), vc_status_name (err_plan.status));
    if (err_plan.message[0] == '\0')
      reason_add (&why, "empty error message");
    if (memchr (err_plan.field, '\0', sizeof (err_plan.field)) == NULL ||
        memchr (err_plan.message, '\0', sizeof (err_plan.message)) == NULL)
      reason_add (&why, "error field or message not NUL-terminated");
    fprintf (status_file, "%" PRId64 " %s %d %s ", c->idx,
        why.len ? "bad-error" : "error", (int) err_plan.status,
        vc_status_name (err_plan.status));
    print_axis (status_file, c);
    fputc (' ', status_file);
    print_clean (status_file, err_plan.field, sizeof (err_plan.field));
    fputc (' ', status_file);
    print_clean (status_file, err_plan.message, sizeof (err_plan.message));
    if (why.len)
      fprintf (status_file, " [%s]", why.text);
    fputc ('\n', status_file);
    return 0;
  }

  vc_plan_get_output_size (plan, &pw, &ph);
  if (st_size != VC_OK)
    reason_add (&why, "vc_output_size returned %s but vc_plan_new succeeded",
        vc_status_name (st_size));
  else if (ow != pw || oh != ph)
    reason_add (&why, "vc_output_size says %dx%d, the plan %dx%d", ow, oh,
        pw, ph);
  st_pad = vc_resolve_padding (&cfg, &pad[0], &pad[1], &pad[2], &pad[3],
      &err_pad);
  if (st_pad != VC_OK)
    reason_add (&why, "vc_resolve_padding returned %s",
        vc_status_name (st_pad));

  /* The plan must not depend on the caller's kernel arrays any more. */
  for (size_t i = 0; i < c->nk; i++)
    c->k[i] = NAN;
  for (size_t i = 0; i < c->nk2; i++)
    c->k2[i] = NAN;

  if (pw < 1 || ph < 1 || pw > VC_MAX_PADDED_EXTENT
      || ph > VC_MAX_PADDED_EXTENT) {
    /* Nothing sane to execute. */
    reason_add (&why, "plan output size %dx%d", pw, ph);
    fprintf (status_file, "%" PRId64 " bad %d %d 0 %d %d %d %d ", c->idx,
        pw, ph, pad[0], pad[1], pad[2], pad[3]);
    print_axis (status_file, c);
    fprintf (status_file, " %s\n", why.text);
    ret = 0;
    goto done;
  }

  /* Buffers: exact sizes, so ASan and valgrind see any overrun. */
  dst_stride = ((size_t) pw * (size_t) c->dps + (size_t) c->dpad) * bps;
  dst_size = dst_stride * (size_t) ph;
  src = malloc (src_size ? src_size : 1);
  src_copy = malloc (src_size ? src_size : 1);
  dst = malloc (dst_size);
  ref = malloc (dst_size);
  carry = malloc (dst_size);
  if (src == NULL || src_copy == NULL || dst == NULL || ref == NULL ||
      carry == NULL) {
    fail (NULL, "case %" PRId64 ": out of memory (%zu-byte output)", c->idx,
        dst_size);
    goto done;
  }
  if (src_size) {
    memcpy (src, src_data, src_size);
    memcpy (src_copy, src_data, src_size);
  }
  memset (dst, CANARY, dst_size);
  memset (ref, CANARY, dst_size);
  memset (carry, CANARY, dst_size);

  scratch_size = vc_plan_scratch_size (plan);
  for (int t = 0; t < N_THREADS; t++) {
    /* Garbage, different per thread: the core must not rely on it. */
    scratch[t] = aligned_scratch (scratch_size, (uint8_t) (0x3C + 0x41 * t));
    if (scratch[t] == NULL) {
      fail (NULL, "case %" PRId64 ": out of memory (%zu-byte scratch)",
          c->idx, scratch_size);
      goto done;
    }
  }
  if (c->idx % 2 == 0) {
    ref_scratch = aligned_scratch (scratch_size, 0xC3);
    if (ref_scratch == NULL) {
      fail (NULL, "case %" PRId64 ": out of memory (%zu-byte scratch)",
          c->idx, scratch_size);
      goto done;
    }
  }

  {
    VcPlane sp = {
      .data = src,
      .row_stride = (ptrdiff_t) (((size_t) c->w * (size_t) c->sps +
              (size_t) c->spad) * bps),
      .width = c->w, .height = c->h,
      .pixel_stride = c->sps, .offset = c->soff, .components = c->comps,
    };
    VcPlane dp = {
      .data = dst, .row_stride = (ptrdiff_t) dst_stride,
      .width = pw, .height = ph,
      .pixel_stride = c->dps, .offset = c->doff, .components = c->comps,
    };
    VcPlane rp = dp, cp = dp;
    int cuts[MAX_BANDS + 1];
    int nbands = make_bands (c->idx, ph, cuts);
    Worker workers[N_THREADS];
    pthread_t threads[N_THREADS];
    VcError err_ref;
    VcStatus st_ref;

    rp.data = ref;
    cp.data = carry;
    for (int t = 0; t < N_THREADS; t++) {
      int e;

      memset (&workers[t], 0, sizeof (workers[t]));
      workers[t].plan = plan;
      workers[t].src = &sp;
      workers[t].dst = &dp;
      workers[t].cuts = cuts;
      workers[t].nbands = nbands;
      workers[t].first = t;
      workers[t].scratch = scratch[t];
      e = pthread_create (&threads[t], NULL, worker_run, &workers[t]);
      if (e != 0) {
        fail (NULL, "case %" PRId64 ": pthread_create: %s", c->idx,
            strerror (e));
        for (int j = 0; j < t; j++)
          pthread_join (threads[j], NULL);
        goto done;
      }
    }
    for (int t = 0; t < N_THREADS; t++)
      pthread_join (threads[t], NULL);
    for (int t = 0; t < N_THREADS; t++)
      if (workers[t].status != VC_OK) {
        int b = workers[t].failed_band;

        reason_add (&why, "vc_plan_execute rows %d..%d returned %s: %.200s",
            cuts[b], cuts[b + 1], vc_status_name (workers[t].status),
            workers[t].err.message);
      }

    memset (&err_ref, 0, sizeof (err_ref));
    st_ref = vc_plan_execute_reference (plan, &sp, &rp, 0, ph, ref_scratch,
        &err_ref);
    if (st_ref != VC_OK)
      reason_add (&why, "vc_plan_execute_reference returned %s: %.200s",
          vc_status_name (st_ref), err_ref.message);

    /* Bit for bit, except on a "-float" fast path, which the core
     * documents as within 1 of the reference. */
    {
      bool approx = strstr (vc_plan_path_name (plan), "-float") != NULL;
      size_t first = 0;
      size_t count = vc_fast_mismatches (dst, ref, dst_size, bps, approx,
          c->shift, &first);

      if (count)
        reason_add (&why, "vc_plan_execute (%d bands, path %s) differs from "
            "vc_plan_execute_reference in %zu samples%s, first at byte %zu "
            "(row %zu, byte %zu of the row: execute 0x%02x, reference "
            "0x%02x)", nbands, vc_plan_path_name (plan), count,
            approx ? " by more than 1" : "", first, first / dst_stride,
            first % dst_stride, dst[first], ref[first]);
    }

    /* Carry, over the same bands. */
    for (int b = 0; b < nbands; b++) {
      VcError err_carry;
      VcStatus st_carry;

      memset (&err_carry, 0, sizeof (err_carry));
      st_carry = vc_plan_execute_carry (plan, &sp, &cp, cuts[b], cuts[b + 1],
          &err_carry);
      if (st_carry != VC_OK) {
        reason_add (&why, "vc_plan_execute_carry rows %d..%d returned %s: "
            "%.200s", cuts[b], cuts[b + 1], vc_status_name (st_carry),
            err_carry.message);
        break;
      }
    }

    if (src_size && memcmp (src, src_copy, src_size) != 0)
      reason_add (&why, "the source buffer was modified");
  }

  if (fwrite (dst, 1, dst_size, out_file) != dst_size ||
      fwrite (carry, 1, dst_size, out_file) != dst_size) {
    fail (NULL, "writing the output file: %s", strerror (errno));
    goto done;
  }
  fprintf (status_file, "%" PRId64 " %s %d %d %zu %d %d %d %d ", c->idx,
      why.len ? "bad" : "ok", pw, ph, dst_size, pad[0], pad[1], pad[2],
      pad[3]);
  print_axis (status_file, c);
  if (why.len)
    fprintf (status_file, " %s", why.text);
  fputc ('\n', status_file);
  ret = 0;

done:
  for (int t = 0; t < N_THREADS; t++)
    free (scratch[t]);
  free (ref_scratch);
  free (src);
  free (src_copy);
  free (dst);
  free (ref);
  free (carry);
  vc_plan_free (plan);
  return ret;
}

/* ---------------------------------------------------------------------- */

int
main (int argc, char **argv)
{
  FILE *cases = NULL, *input = NULL, *output = NULL, *status = NULL;
  char *line = NULL;
  size_t line_cap = 0;
  uint8_t *buf = NULL;
  size_t buf_cap = 0;
  Where where = { NULL, 0 };
  long n_cases = 0;
  int ret = 1, header = 0;

  if (argc != 5 || argv[1][0] == '-') {
    fprintf (stderr, "usage: %s CASES INPUT OUTPUT STATUS\n"
        "Runs the convolution cases of CASES (text) on the source buffers "
        "of INPUT\n(binary), writes the destination buffers to OUTPUT and "
        "one line per case\nto STATUS (\"-\" for stdout). The format is "
        "described at the top of vc-batch.c.\n", argc > 0 ? argv[0] :
        "vc-batch");
    return 2;
  }
  where.path = argv[1];
  if ((cases = fopen (argv[1], "r")) == NULL) {
    fail (NULL, "cannot open %s: %s", argv[1], strerror (errno));
    goto out;
  }
  if ((input = fopen (argv[2], "rb")) == NULL) {
    fail (NULL, "cannot open %s: %s", argv[2], strerror (errno));
    goto out;
  }
  if ((output = fopen (argv[3], "wb")) == NULL) {
    fail (NULL, "cannot create %s: %s", argv[3], strerror (errno));
    goto out;
  }
  if (strcmp (argv[4], "-") == 0)
    status = stdout;
  else if ((status = fopen (argv[4], "w")) == NULL) {
    fail (NULL, "cannot create %s: %s", argv[4], strerror (errno));
    goto out;
  }

  for (;;) {
    ssize_t len;
    char *p;
    Case c;
    int64_t nbytes;

    errno = 0;
    len = getline (&line, &line_cap, cases);
    if (len < 0) {
      if (ferror (cases)) {
        fail (&where, "read error: %s", strerror (errno));
        goto out;
      }
      break;
    }
    where.line++;
    if ((size_t) len != strlen (line)) {
      fail (&where, "NUL byte in line");
      goto out;
    }
    for (p = line; *p == ' ' || *p == '\t'; p++);
    if (*p == '\0' || *p == '\n' || *p == '\r' || *p == '#')
      continue;
    if (!header) {
      if (strncmp (p, "vc-batch-cases 1", 16) != 0 ||
          strspn (p + 16, " \t\r\n") != strlen (p + 16)) {
        fail (&where, "expected the header line \"vc-batch-cases 1\"");
        goto out;
      }
      header = 1;
      continue;
    }
    if (parse_case (&where, p, &c) != 0)
      goto out;

    nbytes = source_bytes (&c);
    if (nbytes < 0) {
      fail (&where, "case %" PRId64 ": source buffer over %" PRId64
          " bytes", c.idx, MAX_SOURCE_BYTES);
      case_clear (&c);
      goto out;
    }
    if ((size_t) nbytes > buf_cap) {
      uint8_t *nb = realloc (buf, (size_t) nbytes);

      if (nb == NULL) {
        fail (&where, "out of memory (%" PRId64 "-byte source)", nbytes);
        case_clear (&c);
        goto out;
      }
      buf = nb;
      buf_cap = (size_t) nbytes;
    }
    if (nbytes > 0 && fread (buf, 1, (size_t) nbytes, input) !=
        (size_t) nbytes) {
      fail (&where, "case %" PRId64 ": %s ends before the %" PRId64
          "-byte source buffer (after %ld earlier cases)%s%s", c.idx,
          argv[2], nbytes, n_cases, ferror (input) ? ": " : "",
          ferror (input) ? strerror (errno) : "");
      case_clear (&c);
      goto out;
    }
    if (run_case (&c, buf, (size_t) nbytes, output, status) != 0) {
      case_clear (&c);
      goto out;
    }
    case_clear (&c);
    n_cases++;
    /* Flushed per case: if the core crashes (or a sanitizer stops the
     * run), the caller knows which case did it. */
    if (fflush (output) != 0 || fflush (status) != 0) {
      fail (NULL, "writing the output or status file: %s", strerror (errno));
      goto out;
    }
  }
  if (!header) {
    where.line = 0;
    fail (&where, "empty case file (no \"vc-batch-cases 1\" header)");
    goto out;
  }
  if (fgetc (input) != EOF) {
    fail (NULL, "%s has bytes left after the %ld cases of %s", argv[2],
        n_cases, argv[1]);
    goto out;
  }
  ret = 0;

out:
  free (line);
  free (buf);
  if (cases)
    fclose (cases);
  if (input)
    fclose (input);
  if (output && fclose (output) != 0 && ret == 0) {
    fail (NULL, "writing %s: %s", argv[3], strerror (errno));
    ret = 1;
  }
  if (status) {
    if (fflush (status) != 0 && ret == 0) {
      fail (NULL, "writing %s: %s", argv[4], strerror (errno));
      ret = 1;
    }
    if (status != stdout && fclose (status) != 0 && ret == 0) {
      fail (NULL, "writing %s: %s", argv[4], strerror (errno));
      ret = 1;
    }
  }
  return ret;
}
