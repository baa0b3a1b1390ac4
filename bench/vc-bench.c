/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vc-bench: times the core on in-memory frames, with its peers beside it.
 *
 *   vc-bench [--quick] [--frames N] [--only TEXT] [--cpu] [--in-place]
 *   vc-bench --paths       the path each preset takes, 8 and 16 bits
 *
 * For each frame size, format, kernel and thread count it prints one line:
 * the path the plan takes, the median ms per frame, output samples per
 * second, the ratio to a memcpy of the same frame, and, when the bench was
 * built with OpenCV (libopencv-dev), the same work through OpenCV on one
 * thread and our time over OpenCV's. Medians of several frames, all in one
 * run: the machines are shared and noisy, compare ratios, not absolute
 * times across runs. --quick is the CI smoke run (a few frames, 1080p).
 * --cpu times the process's CPU time instead of the wall clock (ours and
 * the peer's, and with 2 threads both threads' time): on a host whose
 * cores other jobs share, the time spent waiting for a core then does not
 * count. --in-place convolves each frame where it is, as the element does
 * with a writable frame (vc_plan_prepare_in_place () for every band, then
 * vc_plan_execute_in_place ()); the frame is refilled from the input,
 * untimed, before each one, and lines whose plan cannot run in place say
 * "not in place" and run as without the option.
 */
#include <videoconvolve/convolve.h>
#include <videoconvolve/presets.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vc-bench-peer.h"

#define MAX_PLANES 3

typedef struct
{
  const char *name;
  int planes;
  int bytes;                    /* per sample */
  int pixel_stride, components; /* of plane 0 */
  int chroma_shift;             /* I420: 1 */
} Format;

static const Format formats[] = {
  {"GRAY8", 1, 1, 1, 1, 0},
  {"RGB", 1, 1, 3, 3, 0},
  {"RGBx", 1, 1, 4, 3, 0},
  {"I420", 3, 1, 1, 1, 1},
  {"GRAY16_LE", 1, 2, 1, 1, 0},
};

typedef struct
{
  const char *name;
  const char *preset;           /* or NULL: random integers */
  int size;                     /* random kernel side */
  int dilation, stride;
  VcBenchPeerKind peer;
  bool ones;                    /* a size x size box of ones, not random */
  double sigma;                 /* > 0: preset=gaussian's kernel of sigma */
  bool positive;                /* random integers in [1, 9], not [-8, 8] */
} Work;

static const Work works[] = {
  {"gaussian3", "gaussian3", 0, 1, 1, VC_PEER_GAUSSIAN, false, 0, false},
  {"gaussian5", "gaussian5", 0, 1, 1, VC_PEER_GAUSSIAN, false, 0, false},
  {"box3", "box3", 0, 1, 1, VC_PEER_BOX, false, 0, false},
  {"box5", "box5", 0, 1, 1, VC_PEER_BOX, false, 0, false},
  {"box31", NULL, 31, 1, 1, VC_PEER_BOX, true, 0, false},
  {"box101", NULL, 101, 1, 1, VC_PEER_BOX, true, 0, false},
  {"box255", NULL, 255, 1, 1, VC_PEER_BOX, true, 0, false},
  {"gaussian sigma2", NULL, 0, 1, 1, VC_PEER_GAUSSIAN, false, 2.0, false},
  {"gaussian sigma8", NULL, 0, 1, 1, VC_PEER_GAUSSIAN, false, 8.0, false},
  {"gaussian sigma20", NULL, 0, 1, 1, VC_PEER_GAUSSIAN, false, 20.0, false},
  {"sobel", "sobel", 0, 1, 1, VC_PEER_SOBEL, false, 0, false},
  {"random5", NULL, 5, 1, 1, VC_PEER_FILTER2D, false, 0, false},
  {"random7", NULL, 7, 1, 1, VC_PEER_FILTER2D, false, 0, false},
  {"random11", NULL, 11, 1, 1, VC_PEER_FILTER2D, false, 0, false},
  {"dense7 1..9", NULL, 7, 1, 1, VC_PEER_FILTER2D, false, 0, true},
  {"random5 dilation3", NULL, 5, 3, 1, VC_PEER_FILTER2D, false, 0, false},
  {"random5 stride2", NULL, 5, 1, 2, VC_PEER_FILTER2D, false, 0, false},
};

typedef struct
{
  int w, h;
  const char *name;
} Size;

static const Size sizes[] = { {1920, 1080, "1080p"}, {3840, 2160, "4K"} };

typedef struct
{
  VcPlan *plan[MAX_PLANES];
  VcPlane src[MAX_PLANES], dst[MAX_PLANES];
  int n_planes;
  void *scratch[2];
} Job;

typedef struct
{
  Job *job;
  int band, bands;
  int plane;                    /* in place: the one plane, else -1: all */
  int status;
} Band;

/* --in-place. */
static bool in_place;

/* The clock of every figure: CLOCK_PROCESS_CPUTIME_ID with --cpu. */
static clockid_t clock_id = CLOCK_MONOTONIC;

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (clock_id, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Row k of out_h output rows cut into `bands` bands: band k's first row,
 * band k - 1's end. */
static int
band_row (int out_h, int k, int bands)
{
  return (int) ((long) out_h * k / bands);
}

static void *
run_band (void *data)
{
  Band *b = data;
  Job *j = b->job;

  for (int p = 0; p < j->n_planes; p++) {
    int out_h = j->dst[p].height;
    int y0 = band_row (out_h, b->band, b->bands);
    int y1 = band_row (out_h, b->band + 1, b->bands);
    VcError err;
    VcStatus s;

    if (b->plane >= 0 && p != b->plane)
      continue;
    if (b->plane >= 0)
      s = vc_plan_execute_in_place (j->plan[p], &j->dst[p], y0, y1,
          j->scratch[b->band], &err);
    else
      s = vc_plan_execute (j->plan[p], &j->src[p], &j->dst[p], y0, y1,
          j->scratch[b->band], &err);
    if (s != VC_OK) {
      fprintf (stderr, "vc-bench: %s\n", err.message);
      b->status = 1;
    }
  }
  return NULL;
}

/* Whether every plan of the job runs in place (--in-place). */
static bool
job_in_place (const Job * j)
{
  for (int p = 0; p < j->n_planes; p++)
    if (!vc_plan_in_place (j->plan[p]))
      return false;
  return in_place;
}

/* The second thread, made once, as the element's task pool keeps its
 * threads: each frame it waits at `start` for its band, runs it and meets
 * the calling thread at `end`. A thread made per frame would add its
 * creation to every 2-thread figure. */
static struct
{
  pthread_t thread;
  pthread_barrier_t start, end;
  Band *band;                   /* NULL: leave */
} worker;

static void *
worker_loop (void *data)
{
  (void) data;
  for (;;) {
    pthread_barrier_wait (&worker.start);
    if (worker.band == NULL)
      return NULL;
    run_band (worker.band);
    pthread_barrier_wait (&worker.end);
  }
}

static int
worker_start (void)
{
  pthread_barrier_init (&worker.start, NULL, 2);
  pthread_barrier_init (&worker.end, NULL, 2);
  return pthread_create (&worker.thread, NULL, worker_loop, NULL);
}

static void
worker_stop (void)
{
  worker.band = NULL;
  pthread_barrier_wait (&worker.start);
  pthread_join (worker.thread, NULL);
  pthread_barrier_destroy (&worker.start);
  pthread_barrier_destroy (&worker.end);
}

/* The bands of one plane (plane >= 0: in place, each band prepared
 * first) or of all (-1), on threads threads. */
static int
run_bands (Job * j, int threads, int plane)
{
  Band bands[2] = { {j, 0, threads, plane, 0}, {j, 1, threads, plane, 0} };

  for (int b = 0; plane >= 0 && b < threads; b++) {
    int out_h = j->dst[plane].height;
    VcError err;

    if (vc_plan_prepare_in_place (j->plan[plane], &j->dst[plane],
            band_row (out_h, b, threads), band_row (out_h, b + 1, threads),
            j->scratch[b], &err) != VC_OK) {
      fprintf (stderr, "vc-bench: %s\n", err.message);
      return 1;
    }
  }
  if (threads == 2) {
    worker.band = &bands[1];
    pthread_barrier_wait (&worker.start);
  }
  run_band (&bands[0]);
  if (threads == 2)
    pthread_barrier_wait (&worker.end);
  return bands[0].status | bands[1].status;
}

static int
run_frame (Job * j, int threads)
{
  int status = 0;

  if (!job_in_place (j))
    return run_bands (j, threads, -1);
  for (int p = 0; p < j->n_planes; p++)
    status |= run_bands (j, threads, p);
  return status;
}

/* In place, the frame's input again (untimed). */
static void
refill (const Job * j)
{
  if (!job_in_place (j))
    return;
  for (int p = 0; p < j->n_planes; p++)
    memcpy (j->dst[p].data, j->src[p].data,
        (size_t) j->src[p].row_stride * j->src[p].height);
}

/* Fills kernel (side x side) with random integers in [-8, 8], centre
 * heavy so the sum is positive, or in [1, 9], the same every run. */
static void
random_kernel (double *k, int side, bool positive)
{
  unsigned s = 12345u + side;

  for (int i = 0; i < side * side; i++) {
    s = s * 1103515245u + 12345u;
    k[i] = positive ? (int) ((s >> 16) % 9) + 1 : (int) ((s >> 16) % 17) - 8;
  }
  if (!positive)
    k[side * side / 2] += 4 * side;
}

/* One frame of the peer, in ms. */
static double
peer_one (const Work * wk, const VcPreset * preset, const double *kernel,
    int side, const VcBenchPeerFrame * pf)
{
  /* A sigma line: cv::GaussianBlur of the same side. */
  if (wk->sigma > 0)
    return vc_bench_peer_time (wk->peer, NULL, side, wk->dilation,
        wk->stride, side, pf, 1);
  return vc_bench_peer_time (wk->peer, preset ? NULL : kernel, wk->size,
      wk->dilation, wk->stride, preset ? preset->kernel_height : 0, pf, 1);
}

static void
fill_random (uint8_t * p, size_t n)
{
  unsigned s = 1;

  for (size_t i = 0; i < n; i++) {
    s = s * 1664525u + 1013904223u;
    p[i] = (uint8_t) (s >> 24);
  }
}

/* --paths: the path each preset's plan takes, 8 and 16 bits. */
static int
print_paths (void)
{
  int n;
  const VcPreset *all = vc_presets (&n);

  printf ("| preset | 8-bit | 16-bit |\n| --- | --- | --- |\n");
  for (int i = 0; i < n; i++) {
    const VcPreset *p = &all[i];
    double k2[VC_KERNEL_MAX_SIDE * 8];

    printf ("| %s |", p->nick);
    for (int t = 0; t < 2; t++) {
      VcConfig cfg;
      VcPlan *plan;

      vc_config_init (&cfg);
      vc_preset_apply (p, &cfg, k2);
      cfg.sample_type = t ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
      cfg.width = cfg.height = 64;
      plan = vc_plan_new (&cfg, NULL);
      printf (" %s |", plan ? vc_plan_path_name (plan) : "(no plan)");
      vc_plan_free (plan);
    }
    printf ("\n");
  }
  return 0;
}

/* The value of "key" in /proc/cpuinfo's first processor, or NULL. */
static char *
cpuinfo (const char *key, char *buf, size_t size)
{
  FILE *f = fopen ("/proc/cpuinfo", "r");
  char *value = NULL;
  char *line = NULL;
  size_t cap = 0;

  if (f == NULL)
    return NULL;
  while (value == NULL && getline (&line, &cap, f) > 0) {
    char *colon = strchr (line, ':');
    size_t n = strlen (key);

    if (colon && strncmp (line, key, n) == 0 &&
        strspn (line + n, " \t") == (size_t) (colon - line - (ptrdiff_t) n)) {
      snprintf (buf, size, "%s", colon + 1 + strspn (colon + 1, " "));
      buf[strcspn (buf, "\n")] = '\0';
      value = buf;
    }
  }
  free (line);
  fclose (f);
  return value;
}

/* The CPU the figures come from: its model, family/model and the flags
 * the core's instruction sets depend on (Linux; "unknown" elsewhere). */
static void
print_cpu (void)
{
  static const char *const used[] = { "sse4_1", "avx2", "fma", "avx512f",
    "avx512bw", "avx512vl", "avx512_vnni", "asimd"
  };
  char model[256], family[32], number[32], flags[4096];
  char *m = cpuinfo ("model name", model, sizeof (model));
  char *fam = cpuinfo ("cpu family", family, sizeof (family));
  char *num = cpuinfo ("model", number, sizeof (number));
  char *fl = cpuinfo ("flags", flags, sizeof (flags));

  if (fl == NULL)               /* AArch64 says "Features" */
    fl = cpuinfo ("Features", flags, sizeof (flags));
  printf ("# cpu: %s; family %s, model %s; simd flags:", m ? m : "unknown",
      fam ? fam : "unknown", num ? num : "unknown");
  for (size_t i = 0; fl && i < sizeof (used) / sizeof (used[0]); i++) {
    char word[32];
    const char *at = fl;
    size_t n = strlen (used[i]);

    snprintf (word, sizeof (word), "%s", used[i]);
    while ((at = strstr (at, word)) != NULL) {
      if ((at == fl || at[-1] == ' ') && (at[n] == ' ' || at[n] == '\0')) {
        printf (" %s", used[i]);
        break;
      }
      at += n;
    }
  }
  printf ("%s\n", fl ? "" : " unknown");
}

int
main (int argc, char **argv)
{
  int frames = 15;
  bool quick = false;
  const char *only = NULL;
  int n_sizes = 2;

  for (int i = 1; i < argc; i++) {
    if (strcmp (argv[i], "--quick") == 0) {
      quick = true;
      frames = 3;
      n_sizes = 1;
    } else if (strcmp (argv[i], "--frames") == 0 && i + 1 < argc) {
      frames = atoi (argv[++i]);
    } else if (strcmp (argv[i], "--paths") == 0) {
      return print_paths ();
    } else if (strcmp (argv[i], "--cpu") == 0) {
      clock_id = CLOCK_PROCESS_CPUTIME_ID;
    } else if (strcmp (argv[i], "--only") == 0 && i + 1 < argc) {
      only = argv[++i];
    } else if (strcmp (argv[i], "--in-place") == 0) {
      in_place = true;
    } else {
      fprintf (stderr, "usage: %s [--quick] [--frames N] [--only TEXT] "
          "[--cpu] [--in-place] | --paths\n",
          argv[0]);
      return 2;
    }
  }
  if (frames < 1)
    frames = 1;

  printf ("# vc-bench: median of %d frames, %s time%s; peer: %s, one "
      "thread\n", frames, clock_id == CLOCK_MONOTONIC ? "wall" : "CPU",
      in_place ? ", in place" : "", vc_bench_peer_name ());
  print_cpu ();
  printf ("| size | format | kernel | threads | path | ms/frame | "
      "Msamples/s | x memcpy | peer | peer ms | x peer |\n");
  printf ("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | "
      "--- |\n");
  if (worker_start () != 0) {
    fprintf (stderr, "vc-bench: cannot start the second thread\n");
    return 1;
  }

  for (int si = 0; si < n_sizes; si++) {
    const Size *sz = &sizes[si];

    for (size_t fi = 0; fi < sizeof (formats) / sizeof (formats[0]); fi++) {
      const Format *fmt = &formats[fi];
      size_t plane_bytes[MAX_PLANES];
      uint8_t *in[MAX_PLANES], *out[MAX_PLANES], *copy;
      size_t total = 0;
      double memcpy_ms;

      for (int p = 0; p < fmt->planes; p++) {
        int w = p ? sz->w >> fmt->chroma_shift : sz->w;
        int h = p ? sz->h >> fmt->chroma_shift : sz->h;
        int ps = p ? 1 : fmt->pixel_stride;

        plane_bytes[p] = (size_t) w * h * ps * fmt->bytes;
        total += plane_bytes[p];
        in[p] = aligned_alloc (64, plane_bytes[p] + 64);
        out[p] = aligned_alloc (64, plane_bytes[p] + 64);
        fill_random (in[p], plane_bytes[p]);
        memset (out[p], 0, plane_bytes[p]);
      }
      copy = aligned_alloc (64, total + 64);
      {
        double t[64];
        int n = frames < 64 ? frames : 64;

        for (int r = 0; r < n; r++) {
          double t0 = now_ms ();
          size_t off = 0;

          for (int p = 0; p < fmt->planes; p++) {
            memcpy (copy + off, in[p], plane_bytes[p]);
            off += plane_bytes[p];
          }
          t[r] = now_ms () - t0;
        }
        memcpy_ms = median (t, n);
      }

      for (size_t wi = 0; wi < sizeof (works) / sizeof (works[0]); wi++) {
        const Work *wk = &works[wi];
        static double kbuf[VC_KERNEL_MAX_SIDE * VC_KERNEL_MAX_SIDE];
        double k2buf[11 * 11];
        const VcPreset *preset = NULL;
        char line_name[96];
        int side = wk->size;

        snprintf (line_name, sizeof (line_name), "%s %s %s", sz->name,
            fmt->name, wk->name);
        if (only && strstr (line_name, only) == NULL)
          continue;
        if (wk->preset)
          preset = vc_preset_lookup (wk->preset);
        else if (wk->sigma > 0)
          side = vc_gaussian_kernel (wk->sigma, kbuf);
        else if (wk->ones)
          for (int i = 0; i < wk->size * wk->size; i++)
            kbuf[i] = 1.0;
        else
          random_kernel (kbuf, wk->size, wk->positive);

        for (int threads = 1; threads <= 2; threads++) {
          Job job = {.n_planes = fmt->planes };
          VcBenchPeerFrame pf = {.planes = fmt->planes,.bytes = fmt->bytes };
          bool with_peer = false;
          double times[256], peer_times[256], peer_ms = -1.0, ms;
          long samples = 0;
          int n = frames < 256 ? frames : 256;
          size_t scratch = 0;
          bool failed = false;

          for (int p = 0; p < fmt->planes; p++) {
            VcConfig cfg;
            VcError err;
            int w = p ? sz->w >> fmt->chroma_shift : sz->w;
            int h = p ? sz->h >> fmt->chroma_shift : sz->h;
            int ps = p ? 1 : fmt->pixel_stride;
            int comps = p ? 1 : fmt->components;
            int ow, oh;

            vc_config_init (&cfg);
            if (preset) {
              vc_preset_apply (preset, &cfg, k2buf);
            } else {
              cfg.kernel = kbuf;
              cfg.kernel_height = cfg.kernel_width = side;
            }
            cfg.dilation_x = cfg.dilation_y = wk->dilation;
            cfg.stride_x = cfg.stride_y = wk->stride;
            cfg.pad_top = cfg.pad_bottom = VC_PAD_SAME;
            cfg.pad_left = cfg.pad_right = VC_PAD_SAME;
            cfg.sample_type = fmt->bytes == 2 ? VC_SAMPLE_U16 : VC_SAMPLE_U8;
            cfg.components = comps;
            cfg.width = w;
            cfg.height = h;
            job.plan[p] = vc_plan_new (&cfg, &err);
            if (job.plan[p] == NULL) {
              fprintf (stderr, "vc-bench: %s: %s\n", line_name, err.message);
              return 1;
            }
            vc_plan_get_output_size (job.plan[p], &ow, &oh);
            job.src[p] = (VcPlane) {
            .data = in[p],.row_stride = (ptrdiff_t) w * ps * fmt->bytes,
                  .width = w,.height = h,.pixel_stride = ps,.offset = 0,
                  .components = comps};
            job.dst[p] = (VcPlane) {
            .data = out[p],.row_stride = (ptrdiff_t) ow * ps * fmt->bytes,
                  .width = ow,.height = oh,.pixel_stride = ps,.offset = 0,
                  .components = comps};
            samples += (long) ow * oh * comps;
            if (vc_plan_scratch_size (job.plan[p]) > scratch)
              scratch = vc_plan_scratch_size (job.plan[p]);
          }
          for (int t = 0; t < 2; t++)
            job.scratch[t] = aligned_alloc (VC_SCRATCH_ALIGNMENT,
                (scratch + VC_SCRATCH_ALIGNMENT) & ~(size_t) 63);

          if (threads == 1 && vc_bench_peer_available ()) {
            for (int p = 0; p < fmt->planes; p++) {
              pf.in[p] = in[p];
              pf.out[p] = out[p];
              pf.width[p] = p ? sz->w >> fmt->chroma_shift : sz->w;
              pf.height[p] = p ? sz->h >> fmt->chroma_shift : sz->h;
              pf.channels[p] = p ? 1 : fmt->pixel_stride;
            }
            with_peer = true;
          }

          /* One warm-up frame each, then ours and the peer's frames taken
           * in turn, so that both see the same moments of a noisy
           * machine. */
          refill (&job);
          failed |= run_frame (&job, threads) != 0;
          if (with_peer)
            peer_one (wk, preset, kbuf, side, &pf);
          for (int r = 0; r < n && !failed; r++) {
            double t0;

            refill (&job);
            t0 = now_ms ();
            failed |= run_frame (&job, threads) != 0;
            times[r] = now_ms () - t0;
            if (with_peer) {
              t0 = now_ms ();
              peer_times[r] = peer_one (wk, preset, kbuf, side, &pf);
              /* The peer times its own frame on the wall clock. */
              if (clock_id != CLOCK_MONOTONIC)
                peer_times[r] = now_ms () - t0;
            }
          }
          if (failed)
            return 1;
          ms = median (times, n);
          if (with_peer)
            peer_ms = median (peer_times, n);

          printf ("| %s | %s | %s | %d | %s%s | %.2f | %.0f | %.1f |",
              sz->name, fmt->name, wk->name, threads,
              vc_plan_path_name (job.plan[0]), in_place &&
              !job_in_place (&job) ? ", not in place" : "", ms,
              samples / ms / 1e3, ms / memcpy_ms);
          if (peer_ms > 0)
            printf (" %s | %.2f | %.2f |\n",
                vc_bench_peer_work_name (wk->peer), peer_ms, ms / peer_ms);
          else
            printf (" | | |\n");
          fflush (stdout);

          for (int p = 0; p < fmt->planes; p++)
            vc_plan_free (job.plan[p]);
          free (job.scratch[0]);
          free (job.scratch[1]);
          if (quick)
            break;
        }
      }
      for (int p = 0; p < fmt->planes; p++) {
        free (in[p]);
        free (out[p]);
      }
      free (copy);
    }
  }
  worker_stop ();
  return 0;
}
