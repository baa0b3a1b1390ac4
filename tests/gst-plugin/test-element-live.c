/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* videoconvolve while PLAYING: properties changed between frames (with and
 * without renegotiation), a thread flipping properties while buffers flow,
 * a GstController animating bias, and n-threads not changing the output.
 *
 * Every output is compared with vct_reference () for the settings that
 * were (or could have been) in effect. VCT_QUICK=1 in the environment
 * shortens the stress run (for valgrind).
 */
#include <gst/check/gstcheck.h>
#include <gst/controller/gstdirectcontrolbinding.h>
#include <gst/controller/gstinterpolationcontrolsource.h>

#include <string.h>

#include "element-test-util.h"

/* A harness around videoconvolve with `props`, fed `format` at
 * width x height (PAR 1/1); *info describes the input. */
static GstHarness *
harness_start (const gchar * props, const gchar * format, gint width,
    gint height, GstVideoInfo * info)
{
  GstHarness *h = vct_harness_new (props);
  GstCaps *caps;

  gst_video_info_set_format (info, gst_video_format_from_string (format),
      width, height);
  caps = gst_video_info_to_caps (info);
  gst_harness_set_src_caps (h, caps);
  return h;
}

/* Pushes `in` (keeping the caller's reference) and pulls the output. */
static GstBuffer *
push_pull (GstHarness * h, GstBuffer * in)
{
  GstFlowReturn ret = gst_harness_push (h, gst_buffer_ref (in));
  GstBuffer *out;

  fail_unless_equals_int (ret, GST_FLOW_OK);
  out = gst_harness_try_pull (h);
  fail_unless (out != NULL, "no output buffer");
  return out;
}

/* Pulls the events queued so far; the last caps event goes to *caps.
 * Returns the number of caps events. */
static guint
drain_caps_events (GstHarness * h, GstCaps ** caps)
{
  GstEvent *event;
  guint n = 0;

  while ((event = gst_harness_try_pull_event (h))) {
    if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS) {
      GstCaps *c;

      gst_event_parse_caps (event, &c);
      gst_caps_replace (caps, c);
      n++;
    }
    gst_event_unref (event);
  }
  return n;
}

static void
check_reference (GstElement * settings, const GstVideoInfo * in_info,
    GstBuffer * in, const GstVideoInfo * out_info, GstBuffer * out,
    const gchar * what)
{
  GstBuffer *ref = vct_reference (settings, in_info, in, out_info);
  gchar *diff = NULL;

  fail_unless (vct_frames_equal (out_info, out, ref, &diff), "%s: %s", what,
      diff);
  gst_buffer_unref (ref);
}

/* ------------------------------------------------------------------ */
/* a. Properties changed between frames */

typedef struct
{
  const gchar *props;           /* set while PLAYING, before the frames */
  gint out_width, out_height;   /* luma size, by hand (64x48 input) */
  gboolean renegotiates;        /* a caps event before the next frame */
  gboolean passthrough;
} LiveStep;

/* Input 64x48; same padding gives ceil (size / stride), explicit padding p
 * gives size + 2p - d * (k - 1). */
static const LiveStep live_steps[] = {
  {"", 64, 48, TRUE, TRUE},     /* first caps: identity defaults */
  {"preset=gaussian3", 64, 48, FALSE, FALSE},   /* same padding */
  {"stride-x=2", 32, 48, TRUE, FALSE},  /* ceil (64/2) */
  {"bias=20", 32, 48, FALSE, FALSE},
  {"kernel=\"<<1,0,-1>,<2,0,-2>,<1,0,-1>>\" absolute=true", 32, 48, FALSE,
      FALSE},
  {"padding-y=0", 32, 46, TRUE, FALSE}, /* 48 - 2 */
  {"dilation-x=2", 32, 46, FALSE, FALSE},       /* same padding x: ceil */
  {"dilation-y=3", 32, 42, TRUE, FALSE},        /* 48 - 3 * 2 */
  {"preset=box5", 32, 36, TRUE, FALSE}, /* 48 - 3 * 4 */
  {"padding-x=3", 31, 36, TRUE, FALSE}, /* floor ((64+6-2*4-1)/2) + 1 */
  {"stride-x=1 padding-x=-1 padding-y=-1 dilation-x=1 dilation-y=1 "
        "preset=identity", 64, 48, TRUE, TRUE},
  {"preset=sharpen stride-y=3", 64, 16, TRUE, FALSE},   /* ceil (48/3) */
};

static const gchar *live_formats[] = { "GRAY8", "I420" };

#define FRAMES_PER_STEP 2

GST_START_TEST (test_live_changes)
{
  const gchar *format = live_formats[__i__];
  GstVideoInfo in_info, out_info;
  GstHarness *h = harness_start ("", format, 64, 48, &in_info);
  GstPad *srcpad = gst_element_get_static_pad (h->element, "src");
  GstCaps *caps = NULL;
  guint renegotiations = 0;

  for (guint i = 0; i < G_N_ELEMENTS (live_steps); i++) {
    const LiveStep *step = &live_steps[i];

    vct_set_props (h->element, step->props);
    for (guint f = 0; f < FRAMES_PER_STEP; f++) {
      GstBuffer *in = vct_make_frame (&in_info, i * 10 + f);
      GstBuffer *out = push_pull (h, in);
      guint n_caps = drain_caps_events (h, &caps);
      gchar *what = g_strdup_printf ("%s step %u (%s) frame %u", format, i,
          step->props, f);
      GstCaps *current = gst_pad_get_current_caps (srcpad);

      if (f == 0 && step->renegotiates)
        fail_unless (n_caps >= 1, "%s: no caps event", what);
      else
        fail_unless_equals_int (n_caps, 0);
      renegotiations += n_caps;
      fail_unless (gst_caps_is_equal (caps, current));
      fail_unless (gst_video_info_from_caps (&out_info, caps));
      fail_unless (GST_VIDEO_INFO_WIDTH (&out_info) == step->out_width &&
          GST_VIDEO_INFO_HEIGHT (&out_info) == step->out_height,
          "%s: caps %" GST_PTR_FORMAT, what, caps);
      fail_unless_equals_int (gst_base_transform_is_passthrough
          (GST_BASE_TRANSFORM (h->element)), step->passthrough);
      if (step->passthrough)
        fail_unless (out == in, "%s: passthrough copied the buffer", what);
      check_reference (h->element, &in_info, in, &out_info, out, what);

      gst_caps_unref (current);
      g_free (what);
      gst_buffer_unref (out);
      gst_buffer_unref (in);
    }
    g_print ("  %s %-70s -> %dx%d%s%s\n", format,
        step->props[0] ? step->props : "(defaults)", step->out_width,
        step->out_height, step->renegotiates ? ", new caps" : "",
        step->passthrough ? ", passthrough" : "");
  }
  g_print ("  %s: %u caps events over %u steps\n", format, renegotiations,
      (guint) G_N_ELEMENTS (live_steps));

  gst_caps_unref (caps);
  gst_object_unref (srcpad);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* b. Stress: a thread flips properties while buffers flow */

typedef struct
{
  const gchar *name;
  const gchar *values[2];
} Toggle;

#define N_TOGGLES 4
#define N_SNAPSHOTS (1u << N_TOGGLES)
#define STRESS_FRAMES 4

/* Snapshot s has toggle t at values[(s >> t) & 1]; the output caps depend
 * on bits 0 and 1 only, sizes[s & 3] (worked out by hand for the input
 * size). The flipper starts from snapshot 0. */
typedef struct
{
  const gchar *name;
  const gchar *format;
  gint width, height;
  const gchar *props;           /* fixed, set first */
  Toggle toggles[N_TOGGLES];
  struct
  {
    gint width, height, par_n, par_d;
  } sizes[4];
} StressConfig;

#define KERNEL_GAUSS3 "<<1,2,1>,<2,4,2>,<1,2,1>>"
#define KERNEL_SHARPEN "<<0,-1,0>,<-1,5,-1>,<0,-1,0>>"
/* 3x3 kernels on 32x24: stride-x 2 -> ceil (32/2) = 16 and PAR 2/1;
 * padding-y 0 -> 24 - 2 = 22. */
#define TOGGLES_3X3 {{"stride-x", {"1", "2"}}, {"padding-y", {"-1", "0"}}, \
      {"kernel", {KERNEL_GAUSS3, KERNEL_SHARPEN}}, {"bias", {"0", "10"}}}
#define SIZES_3X3 {{32, 24, 1, 1}, {16, 24, 2, 1}, {32, 22, 1, 1}, \
      {16, 22, 2, 1}}
/* Snapshot 0 is the identity, so passthrough toggles too. Same padding:
 * stride 2 halves the side (rounding up); PAR 1/1 * stride-x / stride-y. */
#define TOGGLES_IDENTITY {{"stride-x", {"1", "2"}}, \
      {"stride-y", {"1", "2"}}, {"kernel", {"<<1>>", KERNEL_GAUSS3}}, \
      {"bias", {"0", "10"}}}

static const StressConfig stress_configs[] = {
  {"3x3 kernels", "GRAY8", 32, 24, "", TOGGLES_3X3, SIZES_3X3},
  {"3x3 kernels", "RGBx", 32, 24, "", TOGGLES_3X3, SIZES_3X3},
  {"identity reachable", "GRAY8", 32, 24, "", TOGGLES_IDENTITY,
      {{32, 24, 1, 1}, {16, 24, 2, 1}, {32, 12, 1, 2}, {16, 12, 1, 1}}},
  /* 128x128: every output size has at least 64x64 samples and 32 rows, so
   * two threads really split each frame into two bands. */
  {"identity reachable, 2 threads", "GRAY8", 128, 128, "n-threads=2",
        TOGGLES_IDENTITY,
      {{128, 128, 1, 1}, {64, 128, 2, 1}, {128, 64, 1, 2}, {64, 64, 1, 1}}},
  {"3x3 kernels, 2 threads", "I420", 128, 128, "n-threads=2", TOGGLES_3X3,
        {{128, 128, 1, 1}, {64, 128, 2, 1}, {128, 126, 1, 1}, {64, 126, 2,
              1}}},
};

typedef struct
{
  GstElement *element;
  gint stop;
  gint n_sets;
  gint n_sets_seen;             /* by the streaming side, for pacing */
  guint32 seed;
  const Toggle *toggles;
} Flipper;

static void
apply_snapshot (const Toggle * toggles, GstElement * element, guint snapshot)
{
  for (guint t = 0; t < N_TOGGLES; t++)
    gst_util_set_object_arg (G_OBJECT (element), toggles[t].name,
        toggles[t].values[(snapshot >> t) & 1]);
}

static gpointer
flipper_run (gpointer data)
{
  Flipper *f = data;
  GRand *rand = g_rand_new_with_seed (f->seed);
  guint state = 0;

  while (!g_atomic_int_get (&f->stop)) {
    guint t = g_rand_int_range (rand, 0, N_TOGGLES);

    state ^= 1u << t;
    gst_util_set_object_arg (G_OBJECT (f->element), f->toggles[t].name,
        f->toggles[t].values[(state >> t) & 1]);
    g_atomic_int_inc (&f->n_sets);
    g_thread_yield ();
  }
  g_rand_free (rand);
  return NULL;
}

/* Paces the buffers so that the flipper (which never waits) sets at least
 * one property between two buffers, however the threads are scheduled on
 * a loaded machine; gives up waiting after 100 ms. */
static void
stress_wait_for_flip (Flipper * f)
{
  gint64 deadline = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;

  while (g_atomic_int_get (&f->n_sets) == f->n_sets_seen &&
      g_get_monotonic_time () < deadline)
    g_thread_yield ();
  f->n_sets_seen = g_atomic_int_get (&f->n_sets);
}

typedef struct
{
  const StressConfig *config;
  GstVideoInfo in_info, out_info[N_SNAPSHOTS];
  GstBuffer *frames[STRESS_FRAMES], *refs[N_SNAPSHOTS][STRESS_FRAMES];
  gboolean seen[N_SNAPSHOTS];
  guint n_out, n_flow_errors, n_mismatches, n_caps, n_resized, n_seen;
  guint n_ambiguous, n_bus_errors, n_passthrough;
  gchar *first_failure;
} Stress;

static void
stress_failure (Stress * st, gchar * what)
{
  if (st->first_failure == NULL)
    st->first_failure = what;
  else
    g_free (what);
}

/* The expected outputs of every reachable settings snapshot. */
static void
stress_prepare (Stress * st)
{
  GstElement *settings = gst_element_factory_make ("videoconvolve", NULL);

  vct_set_props (settings, st->config->props);
  for (guint f = 0; f < STRESS_FRAMES; f++)
    st->frames[f] = vct_make_frame (&st->in_info, 500 + f);
  for (guint s = 0; s < N_SNAPSHOTS; s++) {
    GstVideoInfo *info = &st->out_info[s];

    apply_snapshot (st->config->toggles, settings, s);
    gst_video_info_set_format (info, GST_VIDEO_INFO_FORMAT (&st->in_info),
        st->config->sizes[s & 3].width, st->config->sizes[s & 3].height);
    GST_VIDEO_INFO_PAR_N (info) = st->config->sizes[s & 3].par_n;
    GST_VIDEO_INFO_PAR_D (info) = st->config->sizes[s & 3].par_d;
    for (guint f = 0; f < STRESS_FRAMES; f++)
      st->refs[s][f] = vct_reference (settings, &st->in_info, st->frames[f],
          info);
  }
  gst_object_unref (settings);
}

/* Checks output buffer `i` against the snapshots of the caps `info`. */
static void
stress_check (Stress * st, guint i, const GstVideoInfo * info, GstBuffer * out)
{
  gint match = -1;

  for (guint s = 0; s < N_SNAPSHOTS; s++) {
    const GstVideoInfo *want = &st->out_info[s];

    if (info->width != want->width || info->height != want->height ||
        info->par_n != want->par_n || info->par_d != want->par_d ||
        !vct_frames_equal (info, out, st->refs[s][i % STRESS_FRAMES], NULL))
      continue;
    if (match >= 0)
      st->n_ambiguous++;
    else
      match = s;
  }
  if (match < 0) {
    st->n_mismatches++;
    stress_failure (st, g_strdup_printf ("buffer %u (%dx%d, PAR %d/%d) "
            "matches no settings snapshot", i, info->width, info->height,
            info->par_n, info->par_d));
    return;
  }
  if (!st->seen[match])
    st->n_seen++;
  st->seen[match] = TRUE;
}

static void
stress_count_bus_errors (Stress * st, GstBus * bus)
{
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR))) {
    GError *err;

    gst_message_parse_error (msg, &err, NULL);
    st->n_bus_errors++;
    stress_failure (st, g_strdup_printf ("error on the bus: %s", err->message));
    g_error_free (err);
    gst_message_unref (msg);
  }
}

static void
stress_free (Stress * st)
{
  for (guint f = 0; f < STRESS_FRAMES; f++) {
    for (guint s = 0; s < N_SNAPSHOTS; s++)
      gst_buffer_unref (st->refs[s][f]);
    gst_buffer_unref (st->frames[f]);
  }
  g_free (st->first_failure);
}

GST_START_TEST (test_stress_flip)
{
  const StressConfig *config = &stress_configs[__i__];
  const gchar *format = config->format;
  guint n_buffers = g_getenv ("VCT_QUICK") ? 500 : 5000;
  Stress st = { 0 };
  GstHarness *h;
  GstCaps *caps = NULL;
  GstBus *bus = gst_bus_new ();
  Flipper flipper = { NULL, 0, 0, 0, 42 + __i__, config->toggles };
  GThread *thread;
  gint last_w = config->width, last_h = config->height;
  gchar *failure;
  guint resized;
  gint64 start = g_get_monotonic_time ();

  st.config = config;
  h = harness_start (config->props, format, config->width, config->height,
      &st.in_info);
  apply_snapshot (config->toggles, h->element, 0);
  gst_element_set_bus (h->element, bus);
  stress_prepare (&st);

  flipper.element = h->element;
  thread = g_thread_new ("flipper", flipper_run, &flipper);
  for (guint i = 0; i < n_buffers; i++) {
    GstFlowReturn ret;
    GstBuffer *out;
    GstVideoInfo info;

    stress_wait_for_flip (&flipper);
    ret = gst_harness_push (h, gst_buffer_ref (st.frames[i % STRESS_FRAMES]));
    out = gst_harness_try_pull (h);
    st.n_caps += drain_caps_events (h, &caps);
    if (ret != GST_FLOW_OK || out == NULL) {
      /* The element stays usable: the next buffer negotiates again. */
      st.n_flow_errors++;
      stress_failure (&st, g_strdup_printf ("buffer %u: flow %s", i,
              gst_flow_get_name (ret)));
      gst_clear_buffer (&out);
      continue;
    }
    st.n_out++;
    if (out == st.frames[i % STRESS_FRAMES])
      st.n_passthrough++;
    fail_unless (gst_video_info_from_caps (&info, caps));
    if (info.width != last_w || info.height != last_h)
      st.n_resized++;
    last_w = info.width;
    last_h = info.height;
    stress_check (&st, i, &info, out);
    gst_buffer_unref (out);
  }
  g_atomic_int_set (&flipper.stop, 1);
  g_thread_join (thread);
  stress_count_bus_errors (&st, bus);

  g_print ("  stress %s %s %dx%d: %u buffers in, %u out (%u passed "
      "through), %u property sets, %u renegotiations (caps events after the "
      "first), %u size changes, %u/%u snapshots seen, %u ambiguous matches, "
      "%u flow errors, %u bus errors, %u mismatches, %.2f s\n", config->name,
      format, config->width, config->height, n_buffers, st.n_out,
      st.n_passthrough, flipper.n_sets, st.n_caps - 1, st.n_resized,
      st.n_seen, N_SNAPSHOTS, st.n_ambiguous, st.n_flow_errors,
      st.n_bus_errors, st.n_mismatches,
      (g_get_monotonic_time () - start) / 1e6);
  failure = g_strdup (st.first_failure);
  resized = st.n_resized;

  stress_free (&st);
  gst_caps_unref (caps);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  fail_unless (failure == NULL, "%s %s", format, failure);
  fail_unless (resized > 1, "the flips never changed the size");
}

GST_END_TEST;

/* The outside test, as a user embedding the element would run it:
 * appsrc ! videoconvolve n-threads=2 ! appsink, GRAY8 64x64 (two bands),
 * a second thread flipping one property between two values as fast as it
 * can while the pipeline's own streaming thread converts. Every output
 * must be the frame of one of the two settings: never a stale pool
 * buffer, zeros, or a half-old, half-new frame. */
typedef struct
{
  const gchar *name;
  const gchar *values[2];       /* values[0] makes the identity */
} PipelineFlip;

static const PipelineFlip pipeline_flips[] = {
  {"bias", {"0", "10"}},
  {"kernel", {"<<1>>", "<<1,1,1>,<1,1,1>,<1,1,1>>"}},
};

#define PIPELINE_FRAMES 4

typedef struct
{
  GstVideoInfo info;
  GstBuffer *frames[PIPELINE_FRAMES];
  GstBuffer *refs[2][PIPELINE_FRAMES];
  guint n_out, n_mismatches, n_seen[2];
} PipelineCheck;

static GstFlowReturn
pipeline_new_sample (GstElement * sink, gpointer data)
{
  PipelineCheck *pc = data;
  GstSample *sample;
  GstBuffer *out;
  guint i = pc->n_out++;
  gboolean matched = FALSE;

  g_signal_emit_by_name (sink, "pull-sample", &sample);
  out = gst_sample_get_buffer (sample);
  for (guint v = 0; v < 2; v++) {
    if (vct_frames_equal (&pc->info, out, pc->refs[v][i % PIPELINE_FRAMES],
            NULL)) {
      pc->n_seen[v]++;
      matched = TRUE;
      break;
    }
  }
  if (!matched)
    pc->n_mismatches++;
  gst_sample_unref (sample);
  return GST_FLOW_OK;
}

GST_START_TEST (test_pipeline_flip)
{
  const PipelineFlip *flip = &pipeline_flips[__i__];
  guint n_buffers = g_getenv ("VCT_QUICK") ? 300 : 3000;
  GstElement *pipeline = gst_parse_launch ("appsrc name=src format=time "
      "block=true max-bytes=65536 ! videoconvolve name=conv n-threads=2 ! "
      "appsink name=sink sync=false emit-signals=true", NULL);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  GstElement *conv = gst_bin_get_by_name (GST_BIN (pipeline), "conv");
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  GstElement *settings = gst_element_factory_make ("videoconvolve", NULL);
  Toggle toggles[N_TOGGLES] = { {flip->name, {flip->values[0],
          flip->values[1]}}, {flip->name, {flip->values[0],
          flip->values[1]}}, {flip->name, {flip->values[0],
          flip->values[1]}}, {flip->name, {flip->values[0],
          flip->values[1]}}
  };
  Flipper flipper = { conv, 0, 0, 0, 7 + __i__, toggles };
  PipelineCheck pc;
  GstFlowReturn ret;
  GstMessage *msg;
  GThread *thread;
  GstCaps *caps;

  memset (&pc, 0, sizeof (pc));
  gst_video_info_set_format (&pc.info, GST_VIDEO_FORMAT_GRAY8, 64, 64);
  for (guint f = 0; f < PIPELINE_FRAMES; f++)
    pc.frames[f] = vct_make_frame (&pc.info, 300 + f);
  for (guint v = 0; v < 2; v++) {
    gst_util_set_object_arg (G_OBJECT (settings), flip->name, flip->values[v]);
    for (guint f = 0; f < PIPELINE_FRAMES; f++)
      pc.refs[v][f] = vct_reference (settings, &pc.info, pc.frames[f],
          &pc.info);
  }
  caps = gst_video_info_to_caps (&pc.info);
  g_object_set (src, "caps", caps, NULL);
  gst_caps_unref (caps);
  g_signal_connect (sink, "new-sample", G_CALLBACK (pipeline_new_sample), &pc);
  fail_unless (gst_element_set_state (pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);

  thread = g_thread_new ("flipper", flipper_run, &flipper);
  for (guint i = 0; i < n_buffers; i++) {
    GstBuffer *in = gst_buffer_copy (pc.frames[i % PIPELINE_FRAMES]);

    GST_BUFFER_PTS (in) = i * GST_SECOND / 30;
    g_signal_emit_by_name (src, "push-buffer", in, &ret);
    gst_buffer_unref (in);
    fail_unless_equals_int (ret, GST_FLOW_OK);
  }
  g_signal_emit_by_name (src, "end-of-stream", &ret);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline),
      GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_atomic_int_set (&flipper.stop, 1);
  g_thread_join (thread);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_EOS);
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  g_print ("  appsrc ! videoconvolve n-threads=2 ! appsink, %s flipped %s / "
      "%s: %u buffers in, %u out, %u property sets, %u frames of the "
      "first setting (passthrough), %u of the second, %u of neither\n",
      flip->name, flip->values[0], flip->values[1], n_buffers, pc.n_out,
      flipper.n_sets, pc.n_seen[0], pc.n_seen[1], pc.n_mismatches);
  fail_unless_equals_int (pc.n_out, n_buffers);
  fail_unless_equals_int (pc.n_mismatches, 0);
  fail_unless (pc.n_seen[0] > 0 && pc.n_seen[1] > 0,
      "the flips never showed in the output");

  for (guint f = 0; f < PIPELINE_FRAMES; f++) {
    gst_buffer_unref (pc.frames[f]);
    gst_buffer_unref (pc.refs[0][f]);
    gst_buffer_unref (pc.refs[1][f]);
  }
  gst_object_unref (settings);
  gst_object_unref (src);
  gst_object_unref (conv);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}

GST_END_TEST;

/* The stress test's race made deterministic: a size-changing property set
 * while the element renegotiates, here from downstream's caps query, i.e.
 * after transform_caps () and before set_info (). Either settings snapshot
 * may be used for that buffer, but the stream must go on, without error. */
static GstPadProbeReturn
set_padding_on_caps_query (GstPad * pad, GstPadProbeInfo * info,
    gpointer element)
{
  if (GST_QUERY_TYPE (GST_PAD_PROBE_INFO_QUERY (info)) != GST_QUERY_CAPS)
    return GST_PAD_PROBE_OK;
  gst_util_set_object_arg (G_OBJECT (element), "padding-y", "0");
  return GST_PAD_PROBE_REMOVE;
}

GST_START_TEST (test_change_during_negotiation)
{
  GstVideoInfo in_info, out_info;
  GstHarness *h = harness_start ("preset=gaussian3", "GRAY8", 32, 24,
      &in_info);
  GstElement *settings = gst_element_factory_make ("videoconvolve", NULL);
  GstBus *bus = gst_bus_new ();
  GstCaps *caps = NULL;

  gst_element_set_bus (h->element, bus);
  for (guint i = 0; i < 3; i++) {
    GstBuffer *in = vct_make_frame (&in_info, 800 + i);
    GstFlowReturn ret;
    GstBuffer *out;
    GstMessage *msg;

    if (i == 1) {
      vct_set_props (h->element, "stride-x=2");
      gst_pad_add_probe (h->sinkpad, GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM,
          set_padding_on_caps_query, h->element, NULL);
    }
    ret = gst_harness_push (h, gst_buffer_ref (in));
    if ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR))) {
      GError *err;

      gst_message_parse_error (msg, &err, NULL);
      fail ("frame %u: flow %s, error \"%s\"", i, gst_flow_get_name (ret),
          err->message);
    }
    fail_unless_equals_int (ret, GST_FLOW_OK);
    out = gst_harness_pull (h);
    drain_caps_events (h, &caps);
    fail_unless (gst_video_info_from_caps (&out_info, caps));
    /* 32x24, 3x3: stride-x 2 -> 16 wide, padding-y 0 -> 22 high. */
    vct_set_props (settings, "preset=gaussian3");
    vct_set_props (settings, out_info.width == 16 ? "stride-x=2" : "");
    vct_set_props (settings, out_info.height == 22 ? "padding-y=0" : "");
    check_reference (settings, &in_info, in, &out_info, out, "mid-caps");
    if (i == 2)
      fail_unless (out_info.width == 16 && out_info.height == 22);
    g_print ("  change during negotiation: frame %u -> %dx%d\n", i,
        out_info.width, out_info.height);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }

  gst_caps_unref (caps);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_object_unref (settings);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* c. A controller animating bias */

typedef struct
{
  GstClockTime pts;
  const gchar *props;           /* the settings in effect at pts */
  gdouble bias;
} ControlPoint;

/* Linear from 0 at 0 s to 100 at 1 s. */
static const ControlPoint control_points[] = {
  {0, "preset=box3 bias=0", 0.0},
  {GST_SECOND / 2, "preset=box3 bias=50", 50.0},
  {GST_SECOND, "preset=box3 bias=100", 100.0},
};

GST_START_TEST (test_controller_bias)
{
  GstVideoInfo info;
  GstHarness *h = harness_start ("preset=box3", "GRAY8", 64, 48, &info);
  GstElement *settings = gst_element_factory_make ("videoconvolve", NULL);
  GstControlSource *cs = gst_interpolation_control_source_new ();

  g_object_set (cs, "mode", GST_INTERPOLATION_MODE_LINEAR, NULL);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs),
      0, 0.0);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs),
      GST_SECOND, 100.0);
  fail_unless (gst_object_add_control_binding (GST_OBJECT (h->element),
          gst_direct_control_binding_new_absolute (GST_OBJECT (h->element),
              "bias", cs)));

  for (guint i = 0; i < G_N_ELEMENTS (control_points); i++) {
    const ControlPoint *p = &control_points[i];
    GstBuffer *in = vct_make_frame (&info, 700 + i);
    GstBuffer *out;
    gdouble bias;

    GST_BUFFER_PTS (in) = p->pts;
    out = push_pull (h, in);
    g_object_get (h->element, "bias", &bias, NULL);
    fail_unless (bias == p->bias, "bias %g at %" GST_TIME_FORMAT, bias,
        GST_TIME_ARGS (p->pts));
    vct_set_props (settings, p->props);
    check_reference (settings, &info, in, &info, out, p->props);
    g_print ("  controller: pts %" GST_TIME_FORMAT " -> bias %g, output "
        "equals the reference of \"%s\"\n", GST_TIME_ARGS (p->pts), bias,
        p->props);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }

  gst_object_unref (cs);
  gst_object_unref (settings);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* d. n-threads does not change the output */

static const gchar *thread_configs[] = {
  "preset=gaussian5",
  "kernel=\"<<1,2,3>,<4,5,6>>\" stride-y=2 padding-x=0 border=wrap",
  "preset=sobel dilation-x=2 padding-y=4 border=reflect",
};

static const guint thread_counts[] = { 1, 2, 4 };

GST_START_TEST (test_n_threads)
{
  const gchar *config = thread_configs[__i__];
  GstBuffer *first = NULL, *in = NULL;
  GstVideoInfo in_info, out_info;

  for (guint i = 0; i < G_N_ELEMENTS (thread_counts); i++) {
    gchar *props = g_strdup_printf ("%s n-threads=%u", config,
        thread_counts[i]);
    GstHarness *h = harness_start (props, "RGBx", 385, 289, &in_info);
    GstBuffer *out;
    GstCaps *caps;

    if (in == NULL)
      in = vct_make_frame (&in_info, 900 + __i__);
    out = push_pull (h, in);
    caps = gst_pad_get_current_caps (h->sinkpad);
    fail_unless (gst_video_info_from_caps (&out_info, caps));
    if (first == NULL) {
      check_reference (h->element, &in_info, in, &out_info, out, props);
      first = gst_buffer_ref (out);
    } else {
      gchar *diff = NULL;

      fail_unless (vct_frames_equal (&out_info, first, out, &diff),
          "%s vs n-threads=1: %s", props, diff);
    }
    g_print ("  %s: %dx%d, identical\n", props, out_info.width,
        out_info.height);

    gst_caps_unref (caps);
    gst_buffer_unref (out);
    gst_harness_teardown (h);
    g_free (props);
  }
  gst_buffer_unref (first);
  gst_buffer_unref (in);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* e. In place: a writable frame is convolved where it is, in any number
 * of bands; a change to a kernel that cannot run in place (it reaches
 * only upwards) goes back to a new frame, without new caps, and back. */

typedef struct
{
  const gchar *props;
  gboolean in_place;
} InPlaceStep;

static const InPlaceStep in_place_steps[] = {
  {"preset=gaussian3", TRUE},
  {"kernel=\"<<1,2,1>,<0,0,0>,<0,0,0>>\"", FALSE},
  {"preset=sobel border=reflect", TRUE},
  {"kernel=\"<<1,2,1>,<0,0,0>,<0,0,0>>\" n-threads=3", FALSE},
  {"preset=gaussian5 border=wrap n-threads=3", TRUE},
  {"preset=box5 dilation-y=3 border=reflect n-threads=4", TRUE},
};

GST_START_TEST (test_in_place)
{
  const gchar *format = __i__ ? "I420" : "RGBA";
  GstVideoInfo info;
  GstHarness *h = harness_start ("", format, 97, 131, &info);

  for (guint i = 0; i < G_N_ELEMENTS (in_place_steps); i++) {
    const InPlaceStep *step = &in_place_steps[i];

    vct_set_props (h->element, step->props);
    for (guint f = 0; f < 2; f++) {
      /* The harness's only reference: writable, so in place it comes
       * back as the output. */
      GstBuffer *in = vct_make_frame (&info, 700 + i * 2 + f);
      GstBuffer *copy = gst_buffer_copy_deep (in);
      gpointer in_address = in;
      GstBuffer *out;
      gchar *what = g_strdup_printf ("%s step %u (%s) frame %u", format, i,
          step->props, f);

      fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
      out = gst_harness_try_pull (h);
      fail_unless (out != NULL, "%s: no output", what);
      fail_unless_equals_int (gst_base_transform_is_in_place
          (GST_BASE_TRANSFORM (h->element)), step->in_place);
      fail_unless ((gpointer) out == in_address || !step->in_place,
          "%s: a new buffer, not in place", what);
      fail_unless ((gpointer) out != in_address || step->in_place,
          "%s: the input buffer came back", what);
      check_reference (h->element, &info, copy, &info, out, what);
      g_free (what);
      gst_buffer_unref (out);
      gst_buffer_unref (copy);
    }
    g_print ("  %s %-58s %s\n", format, step->props, step->in_place ?
        "in place" : "into a new frame");
  }
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
videoconvolve_live_suite (void)
{
  Suite *s = suite_create ("videoconvolve-live");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_live_changes, 0, G_N_ELEMENTS (live_formats));
  tcase_add_loop_test (tc, test_stress_flip, 0, G_N_ELEMENTS (stress_configs));
  tcase_add_loop_test (tc, test_pipeline_flip, 0,
      G_N_ELEMENTS (pipeline_flips));
  tcase_add_test (tc, test_change_during_negotiation);
  tcase_add_test (tc, test_controller_bias);
  tcase_add_loop_test (tc, test_n_threads, 0, G_N_ELEMENTS (thread_configs));
  tcase_add_loop_test (tc, test_in_place, 0, 2);
  return s;
}

GST_CHECK_MAIN (videoconvolve_live);
