/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* convolve-pgm: the videoconvolve core library alone (no GStreamer) on a
 * greyscale image, the C counterpart of the seed project's
 * apply_filter_to_image.
 *
 *   convolve-pgm IN.pgm OUT.pgm [PRESET | KERNEL] [key=value...]
 *
 * IN.pgm: binary PGM (P5), 8 or 16 bits. PRESET is a preset nick
 * (gaussian5, sobel, ...; default gaussian5); KERNEL is rows separated by
 * ';' and values by ',' ("1,2,1;2,4,2;1,2,1"). Keys: stride, dilation,
 * padding (-1 is "same"), each also with -x or -y; border (constant,
 * replicate, reflect, symmetric, wrap), border-value, divisor, bias,
 * absolute (0 or 1). Built against the installed library:
 *
 *   cc convolve-pgm.c $(pkg-config --cflags --libs videoconvolve-1.0)
 */
#include <videoconvolve/convolve.h>
#include <videoconvolve/presets.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIDE 64

typedef struct
{
  int width, height, maxval;
  unsigned char *data;          /* 8-bit, or 16-bit native-endian */
} Image;

static int
die (const char *fmt, const char *arg)
{
  fprintf (stderr, "convolve-pgm: ");
  fprintf (stderr, fmt, arg);
  fputc ('\n', stderr);
  exit (1);
}

static int
pgm_number (FILE * f)
{
  int c, n = 0, digits = 0;

  while ((c = fgetc (f)) != EOF) {
    if (c == '#')
      while ((c = fgetc (f)) != EOF && c != '\n');
    else if (c >= '0' && c <= '9') {
      n = n * 10 + (c - '0');
      digits++;
      if (n > 65535)
        return -1;
    } else if (digits)
      break;
  }
  return digits ? n : -1;
}

static Image
pgm_read (const char *path)
{
  FILE *f = fopen (path, "rb");
  Image im = { 0 };
  size_t n;

  if (f == NULL)
    die ("cannot open %s", path);
  if (fgetc (f) != 'P' || fgetc (f) != '5')
    die ("%s is not a binary PGM (P5)", path);
  im.width = pgm_number (f);
  im.height = pgm_number (f);
  im.maxval = pgm_number (f);
  if (im.width < 1 || im.height < 1 || im.maxval < 1)
    die ("%s: bad PGM header", path);
  n = (size_t) im.width * im.height * (im.maxval > 255 ? 2 : 1);
  im.data = malloc (n);
  if (im.data == NULL || fread (im.data, 1, n, f) != n)
    die ("%s: short PGM data", path);
  if (im.maxval > 255)          /* PGM is big-endian */
    for (size_t i = 0; i < n; i += 2) {
      unsigned char t = im.data[i];

      im.data[i] = im.data[i + 1];
      im.data[i + 1] = t;
    }
  fclose (f);
  return im;
}

static void
pgm_write (const char *path, Image * im)
{
  FILE *f = fopen (path, "wb");
  size_t n = (size_t) im->width * im->height * (im->maxval > 255 ? 2 : 1);

  if (f == NULL)
    die ("cannot create %s", path);
  fprintf (f, "P5\n%d %d\n%d\n", im->width, im->height, im->maxval);
  if (im->maxval > 255)
    for (size_t i = 0; i < n; i += 2) {
      unsigned char t = im->data[i];

      im->data[i] = im->data[i + 1];
      im->data[i + 1] = t;
    }
  if (fwrite (im->data, 1, n, f) != n || fclose (f) != 0)
    die ("cannot write %s", path);
}

/* "1,2,1;2,4,2;1,2,1" into k; returns rows and sets *cols. */
static int
parse_kernel (const char *s, double *k, int *cols)
{
  int rows = 0, n = 0, in_row = 0;
  char *end;

  *cols = 0;
  while (*s) {
    double v = strtod (s, &end);

    if (end == s || rows >= MAX_SIDE || in_row >= MAX_SIDE)
      die ("cannot read the kernel at \"%s\" (rows ';', values ',')", s);
    k[rows * MAX_SIDE + in_row++] = v;
    n++;
    s = end;
    if (*s == ',') {
      s++;
    } else if (*s == ';' || *s == '\0') {
      if (*cols && in_row != *cols)
        die ("kernel rows differ in length (%s)", "every row needs as many "
            "values");
      *cols = in_row;
      in_row = 0;
      rows++;
      if (*s)
        s++;
    } else {
      die ("unexpected \"%s\" in the kernel", s);
    }
  }
  return rows;
}

static void
set_key (VcConfig * cfg, const char *arg)
{
  const char *eq = strchr (arg, '=');
  char key[32];
  double v;

  if (eq == NULL || eq - arg >= (int) sizeof (key))
    die ("\"%s\" is not key=value", arg);
  memcpy (key, arg, eq - arg);
  key[eq - arg] = '\0';
  v = atof (eq + 1);
#define BOTH(name, y, x) \
  if (strcmp (key, name) == 0 || strcmp (key, name "-y") == 0) cfg->y = (int) v; \
  if (strcmp (key, name) == 0 || strcmp (key, name "-x") == 0) cfg->x = (int) v;
  BOTH ("stride", stride_y, stride_x);
  BOTH ("dilation", dilation_y, dilation_x);
  if (strncmp (key, "padding", 7) == 0) {
    if (strcmp (key, "padding-x") != 0)
      cfg->pad_top = cfg->pad_bottom = (int) v;
    if (strcmp (key, "padding-y") != 0)
      cfg->pad_left = cfg->pad_right = (int) v;
  } else if (strcmp (key, "border") == 0) {
    for (int b = 0; b <= VC_BORDER_WRAP; b++)
      if (strcmp (eq + 1, vc_border_name ((VcBorder) b)) == 0)
        cfg->border = (VcBorder) b;
  } else if (strcmp (key, "border-value") == 0) {
    cfg->border_value = v;
  } else if (strcmp (key, "divisor") == 0) {
    cfg->divisor = v;
  } else if (strcmp (key, "bias") == 0) {
    cfg->bias = v;
  } else if (strcmp (key, "absolute") == 0) {
    cfg->absolute = v != 0;
  } else if (strncmp (key, "stride", 6) != 0 &&
      strncmp (key, "dilation", 8) != 0) {
    die ("unknown key \"%s\"", key);
  }
}

int
main (int argc, char **argv)
{
  static double kernel[MAX_SIDE * MAX_SIDE], packed[MAX_SIDE * MAX_SIDE];
  static double kernel2[MAX_SIDE * MAX_SIDE];
  const char *what = argc > 3 ? argv[3] : "gaussian5";
  const VcPreset *preset = vc_preset_lookup (what);
  Image in, out;
  VcConfig cfg;
  VcError err;
  VcPlan *plan;
  VcPlane src, dst;
  int first_key = 4;

  if (argc < 3)
    die ("usage: convolve-pgm IN.pgm OUT.pgm [PRESET | KERNEL] "
        "[key=value...]%s", "");
  if (argc > 3 && strchr (argv[3], '=')) {      /* no preset or kernel given */
    preset = vc_preset_lookup ("gaussian5");
    first_key = 3;
  }
  in = pgm_read (argv[1]);

  vc_config_init (&cfg);
  cfg.pad_top = cfg.pad_bottom = cfg.pad_left = cfg.pad_right = VC_PAD_SAME;
  if (preset) {
    vc_preset_apply (preset, &cfg, kernel2);
  } else {
    int cols, rows = parse_kernel (what, kernel, &cols);

    for (int m = 0; m < rows; m++)
      for (int n = 0; n < cols; n++)
        packed[m * cols + n] = kernel[m * MAX_SIDE + n];
    cfg.kernel = packed;
    cfg.kernel_height = rows;
    cfg.kernel_width = cols;
  }
  for (int i = first_key; i < argc; i++)
    set_key (&cfg, argv[i]);
  /* Samples of as many bits as maxval needs (PGM's 1023 is 10 bits);
   * outputs are clamped to that range and written with its maxval. */
  cfg.sample_type = in.maxval > 255 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
  while ((1 << cfg.sample_bits) - 1 < in.maxval)
    cfg.sample_bits++;
  cfg.width = in.width;
  cfg.height = in.height;

  plan = vc_plan_new (&cfg, &err);
  if (plan == NULL)
    die ("%s", err.message);
  out.maxval = (1 << cfg.sample_bits) - 1;
  vc_plan_get_output_size (plan, &out.width, &out.height);
  out.data = malloc ((size_t) out.width * out.height *
      (in.maxval > 255 ? 2 : 1));
  if (out.data == NULL)
    die ("out of memory for a %s output", "large");
  src = (VcPlane) {
  .data = in.data,.row_stride = (ptrdiff_t) in.width * (in.maxval > 255 ?
        2 : 1),.width = in.width,.height = in.height,.pixel_stride =
        1,.components = 1};
  dst = (VcPlane) {
  .data = out.data,.row_stride = (ptrdiff_t) out.width * (in.maxval > 255 ?
        2 : 1),.width = out.width,.height = out.height,.pixel_stride =
        1,.components = 1};
  if (vc_plan_execute (plan, &src, &dst, 0, out.height, NULL, &err) != VC_OK)
    die ("%s", err.message);
  pgm_write (argv[2], &out);
  printf ("%s: %dx%d -> %s: %dx%d (%s, path %s)\n", argv[1], in.width,
      in.height, argv[2], out.width, out.height, preset ? preset->nick : what,
      vc_plan_path_name (plan));
  vc_plan_free (plan);
  free (in.data);
  free (out.data);
  return 0;
}
