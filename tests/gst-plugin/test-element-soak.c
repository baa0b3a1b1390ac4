/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* videoconvolve soak: a live 720p30 pipeline
 *
 *   videotestsrc is-live=true ! FORMAT 1280x720 30/1 ! videoconvolve ! fakesink
 *
 * runs for --seconds per format (RGBx, then I420) while a second thread
 * changes every property at random every few frames (size-changing ones
 * included), and the main thread takes the pipeline through PAUSED, READY
 * and back to PLAYING now and then. Checked:
 *
 * - frames in == frames out (+ frames-dropped) for every PLAYING segment,
 *   counted by probes on the element's pads;
 * - no deadlock: a watchdog aborts when no frame comes out for 10 s while
 *   PLAYING;
 * - RSS bounded: the largest RSS after the first segment stays within
 *   RSS_SLACK_MB of the RSS at the end of the first segment;
 * - sampled frames equal the core's scalar reference for the settings
 *   they were made with. One frame each SAMPLE_MS is sampled (one in 25 at
 *   30 frames/s; by time, as a live source that falls behind sends frames
 *   as fast as they go), none while MAX_QUEUED wait for their check. The
 *   sink-pad probe of a sampled frame copies the settings and holds the
 *   setter off, and the src-pad probe (same streaming thread, after the
 *   frame) lets it go on, so no property changes in between. A sampled
 *   frame that never comes out (by the next sampled frame, or once the
 *   pipeline is paused and drained) is counted and fails the run; it
 *   cannot hold the setter off for good. Where the settings have regions,
 *   the samples whose footprint meets one equal the reference and the
 *   others the input.
 *
 * The setter sets regions too, and keeps them to the settings they need
 * (stride 1, padding -1: an output the size of the input): stride and
 * padding go back to those before it sets rectangles, and the regions to
 * none before it sets another stride or padding. Each property set is a
 * snapshot a frame may take, and each of them is a valid one.
 *
 * VC_SOAK_SECONDS in the environment sets the seconds per format (default
 * 15), VC_SOAK_SEED the random seed. Prints a line per segment and per
 * format.
 */
#include <gst/check/gstcheck.h>
#include <gst/video/video.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "element-test-util.h"

#define SAMPLE_MS 833
/* No new sample while this many wait for their check: on a slow machine
 * (the sanitizer build beside another test) the checks fall behind, and
 * queued frames would pile up in memory and hold the segments up. */
#define MAX_QUEUED 2
#define WATCHDOG_SECONDS 10
#define RSS_SLACK_MB 256

static guint passed, failed;

static void
check (gboolean ok, const gchar * what, ...)
{
  va_list args;

  va_start (args, what);
  if (ok) {
    passed++;
  } else {
    gchar *text = g_strdup_vprintf (what, args);

    failed++;
    g_printerr ("FAIL  %s\n", text);
    g_free (text);
  }
  va_end (args);
}

/* Milliseconds since the first call (fits an atomic gint). */
static gint
now_ms (void)
{
  static gint64 epoch = 0;

  if (epoch == 0)
    epoch = g_get_monotonic_time ();
  return (gint) ((g_get_monotonic_time () - epoch) / 1000) + 1;
}

static gsize
rss_kb (void)
{
  gchar *statm = NULL;
  gsize pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%*s %zu", &pages);
  g_free (statm);
  return pages * (sysconf (_SC_PAGESIZE) / 1024);
}

/* ------------------------------------------------------------------ */
/* The setter: every property, at random, every few frames */

typedef struct
{
  const gchar *name;
  const gchar *values[7];
} Choice;

static const Choice choices[] = {
  {"kernel", {"<<1>>", "<<1,2,1>,<2,4,2>,<1,2,1>>", "<<0,-1,0>,<-1,5,-1>,"
              "<0,-1,0>>", "<<1,0,-1>>", "<<1>,<2>,<1>,<2>,<1>>",
          "<<1,1,1,1,1>>"}},
  {"preset", {"gaussian3", "box5", "sobel", "emboss", "identity",
          "laplacian", "gaussian"}},
  /* Small sigmas: the sampled frames' reference stays cheap. */
  {"sigma", {"0.5", "1.2", "2", "3", NULL}},
  {"stride-x", {"1", "1", "2", "3", NULL}},
  {"stride-y", {"1", "1", "2", NULL}},
  {"dilation-x", {"1", "2", "3", NULL}},
  {"dilation-y", {"1", "2", NULL}},
  {"padding-x", {"-1", "0", "2", "5", NULL}},
  {"padding-y", {"-1", "0", "3", NULL}},
  {"border", {"constant", "replicate", "reflect", "symmetric", "wrap"}},
  {"border-value", {"0", "77", "255", NULL}},
  {"divisor", {"0", "1", "3", "16", NULL}},
  {"bias", {"0", "10", "128", "-20", NULL}},
  {"absolute", {"false", "true", NULL}},
  {"channels", {"all", "luma", NULL}},
  {"n-threads", {"0", "1", "2", "3", NULL}},
  /* Overlapping, clipped, empty and whole-frame rectangles (see
   * set_choice ()). */
  {"regions", {"<>", "<<100,50,300,200>>", "<<-40,-30,200,150>,"
              "<150,100,400,300>>", "<<1100,600,400,400>,<10,10,0,50>>",
          "<<0,0,1280,720>>", NULL}},
  /* Only ever off: no ROI metas come from videotestsrc. The metas have
   * their own test (element-regions). */
  {"roi-meta", {"", NULL}},
};

/* The rectangles of every fourth sampled frame (see sink_probe ()). */
#define REGIONS_SAMPLED "<<200,120,320,240>,<-60,500,300,400>>"

/* The size-changing properties, and the value of each that leaves the
 * output the size of the input, as rectangles need. */
static const gchar *const same_size[][2] = {
  {"stride-x", "1"}, {"stride-y", "1"}, {"padding-x", "-1"},
  {"padding-y", "-1"},
};

/* Whether setting `name` to `value` leaves the output the size of the
 * input. */
static gboolean
keeps_size (const gchar * name, const gchar * value)
{
  for (guint i = 0; i < G_N_ELEMENTS (same_size); i++)
    if (strcmp (name, same_size[i][0]) == 0)
      return strcmp (value, same_size[i][1]) == 0;
  return TRUE;
}

/* Sets `name` to `value`, each set before it leaving settings the element
 * takes: no rectangles with a stride or padding (see the top). */
static void
set_choice (GstElement * conv, const gchar * name, const gchar * value)
{
  if (strcmp (name, "regions") == 0 && strcmp (value, "<>") != 0)
    for (guint i = 0; i < G_N_ELEMENTS (same_size); i++)
      gst_util_set_object_arg (G_OBJECT (conv), same_size[i][0],
          same_size[i][1]);
  else if (!keeps_size (name, value))
    gst_util_set_object_arg (G_OBJECT (conv), "regions", "<>");
  gst_util_set_object_arg (G_OBJECT (conv), name, value);
}

typedef struct
{
  GstElement *conv;
  GMutex lock;                  /* held while setting, and across a sample */
  gint stop;
  guint sets;
  GRand *rand;
  /* Under lock: a sampled frame is being made (from sink_probe () to
   * src_probe ()), and the setter waits on cond meanwhile. */
  gboolean held;
  GCond cond;
} Setter;

static gpointer
setter_run (gpointer data)
{
  Setter *st = data;

  while (!g_atomic_int_get (&st->stop)) {
    guint n = g_rand_int_range (st->rand, 1, 4);

    /* 0 to 100 ms: a change every 0 to 3 frames at 30 fps. */
    g_usleep (g_rand_int_range (st->rand, 0, 100) * 1000);
    g_mutex_lock (&st->lock);
    while (st->held && !g_atomic_int_get (&st->stop))
      g_cond_wait (&st->cond, &st->lock);
    for (guint i = 0; i < n; i++) {
      const Choice *c = &choices[g_rand_int_range (st->rand, 0,
              G_N_ELEMENTS (choices))];
      guint count = 0;

      while (count < G_N_ELEMENTS (c->values) && c->values[count])
        count++;
      set_choice (st->conv, c->name,
          c->values[g_rand_int_range (st->rand, 0, count)]);
      st->sets++;
    }
    g_mutex_unlock (&st->lock);
  }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Probes: counting, and the samples */

typedef struct
{
  GstBuffer *in, *out;
  GstVideoInfo in_info, out_info;
  GstElement *settings;         /* a copy of the element's settings */
} Sample;

typedef struct
{
  Setter *setter;
  GstElement *conv;
  gint in, out;                 /* this segment; atomic */
  gint last_out_ms;             /* atomic: now_ms () of the last output */
  gint next_sample_ms;          /* streaming thread */
  Sample *current;              /* under the setter's lock: in flight */
  guint lost;                   /* sampled frames that never came out */
  GAsyncQueue *samples;
  guint sampled;                /* streaming thread */
  guint with_regions;           /* sampled frames that had regions */
} Counter;

/* A new element with the writable properties of `conv`, in the order they
 * were installed (kernel, then preset, then the rest: as set). */
static GstElement *
copy_settings (GstElement * conv)
{
  GstElement *copy = gst_element_factory_make ("videoconvolve", NULL);
  guint n;
  GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS
      (conv), &n);

  for (guint i = 0; i < n; i++) {
    GValue v = G_VALUE_INIT;

    if (specs[i]->owner_type != G_OBJECT_TYPE (conv) ||
        !(specs[i]->flags & G_PARAM_WRITABLE))
      continue;
    g_value_init (&v, specs[i]->value_type);
    g_object_get_property (G_OBJECT (conv), specs[i]->name, &v);
    g_object_set_property (G_OBJECT (copy), specs[i]->name, &v);
    g_value_unset (&v);
  }
  g_free (specs);
  return copy;
}

static void
sample_free (Sample * s)
{
  gst_buffer_unref (s->in);
  if (s->out)
    gst_buffer_unref (s->out);
  gst_object_unref (s->settings);
  g_free (s);
}

/* Under the setter's lock: a sample in flight is dropped and counted as
 * lost, and the setter may go on. */
static void
release_sample (Counter * c)
{
  if (c->current) {
    c->lost++;
    sample_free (c->current);
    c->current = NULL;
  }
  c->setter->held = FALSE;
  g_cond_broadcast (&c->setter->cond);
}

static GstPadProbeReturn
sink_probe (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  Counter *c = data;
  GstCaps *caps;

  g_atomic_int_inc (&c->in);
  if (now_ms () < c->next_sample_ms ||
      g_async_queue_length (c->samples) >= MAX_QUEUED)
    return GST_PAD_PROBE_OK;
  c->next_sample_ms = now_ms () + SAMPLE_MS;
  /* The setter waits until src_probe: the frame is made with exactly
   * these settings. A sample still in flight never came out. */
  g_mutex_lock (&c->setter->lock);
  release_sample (c);
  c->setter->held = TRUE;
  /* Every fourth sampled frame comes with rectangles, set here as the
   * setter would (the frame is not made yet), so that their check below
   * runs whatever the setter chose. */
  if (c->sampled++ % 4 == 1)
    set_choice (c->conv, "regions", REGIONS_SAMPLED);
  c->current = g_new0 (Sample, 1);
  c->current->in = gst_buffer_ref (GST_PAD_PROBE_INFO_BUFFER (info));
  caps = gst_pad_get_current_caps (pad);
  gst_video_info_from_caps (&c->current->in_info, caps);
  gst_caps_unref (caps);
  c->current->settings = copy_settings (c->conv);
  g_mutex_unlock (&c->setter->lock);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
src_probe (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  Counter *c = data;

  g_atomic_int_inc (&c->out);
  g_atomic_int_set (&c->last_out_ms, now_ms ());
  g_mutex_lock (&c->setter->lock);
  if (c->current) {
    GstCaps *caps = gst_pad_get_current_caps (pad);

    gst_video_info_from_caps (&c->current->out_info, caps);
    gst_caps_unref (caps);
    c->current->out = gst_buffer_ref (GST_PAD_PROBE_INFO_BUFFER (info));
    g_async_queue_push (c->samples, c->current);
    c->current = NULL;
    release_sample (c);
  }
  g_mutex_unlock (&c->setter->lock);
  return GST_PAD_PROBE_OK;
}

/* Marks the settings' regions in a mask of the frame's luma pixels;
 * returns whether there are any. */
static gboolean
regions_mask (GstElement * settings, const GstVideoInfo * info, guint8 * mask)
{
  GValue v = G_VALUE_INIT;
  guint n;

  g_value_init (&v, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (settings), "regions", &v);
  n = gst_value_array_get_size (&v);
  for (guint i = 0; i < n; i++) {
    const GValue *r = gst_value_array_get_value (&v, i);
    gint rect[4];

    for (guint k = 0; k < 4; k++)
      rect[k] = g_value_get_int (gst_value_array_get_value (r, k));
    vct_mark_rect (mask, GST_VIDEO_INFO_WIDTH (info),
        GST_VIDEO_INFO_HEIGHT (info), rect);
  }
  g_value_unset (&v);
  return n > 0;
}

/* Row y of component c of a mapped frame (its first sample). */
static guint8 *
comp_row (GstVideoFrame * frame, guint c, gint y)
{
  gsize stride = GST_VIDEO_FRAME_COMP_STRIDE (frame, c);

  return (guint8 *) GST_VIDEO_FRAME_COMP_DATA (frame, c) + stride * y;
}

/* With regions, the expected frame: the samples outside them, which must
 * be the input's exactly, are copied from in into ref. Returns the
 * samples outside that differ from the input (G_MAXUINT: a frame that
 * does not map). */
static guint
outside_from_input (const GstVideoInfo * info, const guint8 * mask,
    GstBuffer * in, GstBuffer * out, GstBuffer * ref)
{
  GstVideoFrame fi, fo, fr;
  guint wrong = 0;

  if (!gst_video_frame_map (&fi, info, in, GST_MAP_READ))
    return G_MAXUINT;
  if (!gst_video_frame_map (&fo, info, out, GST_MAP_READ)) {
    gst_video_frame_unmap (&fi);
    return G_MAXUINT;
  }
  if (!gst_video_frame_map (&fr, info, ref, GST_MAP_WRITE)) {
    gst_video_frame_unmap (&fi);
    gst_video_frame_unmap (&fo);
    return G_MAXUINT;
  }
  /* The soak's formats have 8-bit samples at their components' plain
   * offsets: addressed directly, as the sanitizer build is slow enough
   * through the shared helpers for 720p frames to hold the test up. */
  g_assert (GST_VIDEO_INFO_COMP_DEPTH (info, 0) == 8);
  for (guint c = 0; c < GST_VIDEO_INFO_N_COMPONENTS (info); c++)
    for (gint y = 0; y < GST_VIDEO_INFO_COMP_HEIGHT (info, c); y++) {
      const guint8 *a = comp_row (&fi, c, y), *b = comp_row (&fo, c, y);
      guint8 *r = comp_row (&fr, c, y);
      const gint ps = GST_VIDEO_FRAME_COMP_PSTRIDE (&fi, c);

      for (gint x = 0; x < GST_VIDEO_INFO_COMP_WIDTH (info, c); x++) {
        if (vct_marked (mask, info, c, x, y))
          continue;
        wrong += b[x * ps] != a[x * ps];
        r[x * ps] = a[x * ps];
      }
    }
  gst_video_frame_unmap (&fi);
  gst_video_frame_unmap (&fo);
  gst_video_frame_unmap (&fr);
  return wrong;
}

/* Verifies the queued samples (outside the streaming thread: the reference
 * is slow). */
static guint
verify_samples (Counter * c, const gchar * format)
{
  Sample *s;
  guint n = 0;
  /* Those queued now: the ones that come meanwhile wait for the next
   * call, so that a slow check cannot keep a segment going. */
  gint left = g_async_queue_length (c->samples);

  while (left-- > 0 && (s = g_async_queue_try_pop (c->samples))) {
    GstBuffer *ref = vct_reference (s->settings, &s->in_info, s->in,
        &s->out_info);
    guint8 *mask = g_malloc0 ((gsize) GST_VIDEO_INFO_WIDTH (&s->in_info) *
        GST_VIDEO_INFO_HEIGHT (&s->in_info));
    gchar *diff = NULL;
    gboolean equal;

    if (regions_mask (s->settings, &s->in_info, mask)) {
      guint wrong = outside_from_input (&s->in_info, mask, s->in, s->out,
          ref);

      check (wrong == 0, "%s: a sampled frame with regions has %u samples "
          "outside them that are not the input's", format, wrong);
      c->with_regions++;
    }
    /* Compared first: the arguments of check () are evaluated in no set
     * order, and diff is one of them. */
    equal = vct_frames_equal (&s->out_info, s->out, ref, &diff);

    check (equal,
        "%s: a sampled frame (%dx%d) differs from the reference of its "
        "settings: %s", format, s->out_info.width, s->out_info.height, diff);
    g_free (diff);
    g_free (mask);
    gst_buffer_unref (ref);
    sample_free (s);
    n++;
  }
  return n;
}

/* ------------------------------------------------------------------ */

/* The watchdog of one format's run: it reads that run's Counter, so
 * soak_format () stops and joins it before the Counter goes out of scope. */
typedef struct
{
  Counter *counter;
  gint stop;                    /* atomic */
} Watchdog;

static gpointer
watchdog_run (gpointer data)
{
  Watchdog *w = data;

  while (!g_atomic_int_get (&w->stop)) {
    gint last;

    g_usleep (G_USEC_PER_SEC / 10);
    last = g_atomic_int_get (&w->counter->last_out_ms);
    if (last > 0 && now_ms () - last > WATCHDOG_SECONDS * 1000) {
      g_printerr ("FAIL  watchdog: no frame out for %d s while PLAYING: "
          "deadlock?\n", WATCHDOG_SECONDS);
      abort ();
    }
  }
  return NULL;
}

static void
bus_check (GstElement * pipeline, const gchar * format)
{
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (GST_ELEMENT_BUS (pipeline),
              GST_MESSAGE_ERROR))) {
    GError *err;

    gst_message_parse_error (msg, &err, NULL);
    check (FALSE, "%s: error on the bus: %s", format, err->message);
    g_error_free (err);
    gst_message_unref (msg);
  }
}

/* Leaves PLAYING and waits until the frame in flight, if any, is out. */
static void
pause_and_drain (GstElement * pipeline, Counter * c)
{
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  gst_element_get_state (pipeline, NULL, NULL, 5 * GST_SECOND);
  g_atomic_int_set (&c->last_out_ms, 0);        /* the watchdog rests */
  for (guint i = 0; i < 100 && g_atomic_int_get (&c->in) !=
      g_atomic_int_get (&c->out); i++)
    g_usleep (20000);
  /* A sampled frame that has not come out by now never will. */
  g_mutex_lock (&c->setter->lock);
  if (c->current)
    release_sample (c);
  g_mutex_unlock (&c->setter->lock);
}

static void
soak_format (const gchar * format, guint seconds, guint32 seed)
{
  gchar *desc = g_strdup_printf ("videotestsrc is-live=true pattern=ball "
      "! video/x-raw,format=%s,width=1280,height=720,framerate=30/1 ! "
      "videoconvolve name=conv ! fakesink sync=false", format);
  GstElement *pipeline = gst_parse_launch (desc, NULL);
  GstElement *conv = gst_bin_get_by_name (GST_BIN (pipeline), "conv");
  GstPad *sinkpad = gst_element_get_static_pad (conv, "sink");
  GstPad *srcpad = gst_element_get_static_pad (conv, "src");
  Setter setter;
  Counter c;
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint segments = 0, frames_in = 0, frames_out = 0, samples = 0;
  guint64 dropped_total = 0;
  gsize rss_base = 0, rss_max = 0;
  GRand *rand = g_rand_new_with_seed (seed);
  GThread *thread, *watchdog;
  Watchdog dog = { &c, 0 };

  memset (&setter, 0, sizeof (setter));
  memset (&c, 0, sizeof (c));
  setter.conv = c.conv = conv;
  c.setter = &setter;
  now_ms ();
  g_mutex_init (&setter.lock);
  g_cond_init (&setter.cond);
  setter.rand = g_rand_new_with_seed (seed + 1);
  c.samples = g_async_queue_new ();
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, sink_probe, &c, NULL);
  gst_pad_add_probe (srcpad, GST_PAD_PROBE_TYPE_BUFFER, src_probe, &c, NULL);
  thread = g_thread_new ("setter", setter_run, &setter);
  watchdog = g_thread_new ("watchdog", watchdog_run, &dog);

  while (g_get_monotonic_time () < end) {
    guint64 dropped;
    gint in, out;
    gsize rss;
    /* A PLAYING segment of 2 to 6 s. */
    gint64 segment_end = MIN (end, g_get_monotonic_time () +
        g_rand_int_range (rand, 2000, 6000) * G_TIME_SPAN_MILLISECOND);
    gboolean to_ready = g_rand_boolean (rand);

    g_atomic_int_set (&c.in, 0);
    g_atomic_int_set (&c.out, 0);
    g_atomic_int_set (&c.last_out_ms, now_ms ());
    check (gst_element_set_state (pipeline, GST_STATE_PLAYING) !=
        GST_STATE_CHANGE_FAILURE, "%s: PLAYING", format);
    while (g_get_monotonic_time () < segment_end) {
      g_usleep (200000);
      samples += verify_samples (&c, format);
    }
    pause_and_drain (pipeline, &c);
    in = g_atomic_int_get (&c.in);
    out = g_atomic_int_get (&c.out);
    /* frames-dropped counts from start (), i.e. since the last READY. */
    g_object_get (conv, "frames-dropped", &dropped, NULL);
    check (in > 0 && in == out + (gint) (dropped - dropped_total),
        "%s segment %u: %d frames in, %d out, %" G_GUINT64_FORMAT
        " dropped", format, segments, in, out, dropped - dropped_total);
    dropped_total = dropped;
    frames_in += in;
    frames_out += out;
    bus_check (pipeline, format);
    samples += verify_samples (&c, format);

    rss = rss_kb ();
    if (segments == 0)
      rss_base = rss;
    rss_max = MAX (rss_max, rss);
    g_print ("  %s segment %u: %d in, %d out, %u property sets so far, RSS "
        "%zu MB, then %s\n", format, segments, in, out, setter.sets,
        rss / 1024, to_ready ? "READY" : "PAUSED");
    segments++;
    if (to_ready) {
      gst_element_set_state (pipeline, GST_STATE_READY);
      dropped_total = 0;
    }
  }

  g_atomic_int_set (&setter.stop, 1);
  g_mutex_lock (&setter.lock);
  g_cond_broadcast (&setter.cond);
  g_mutex_unlock (&setter.lock);
  g_thread_join (thread);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_atomic_int_set (&dog.stop, 1);
  g_thread_join (watchdog);
  samples += verify_samples (&c, format);
  check (rss_max <= rss_base + RSS_SLACK_MB * 1024, "%s: RSS grew from %zu "
      "to %zu MB", format, rss_base / 1024, rss_max / 1024);
  check (samples > 0, "%s: no sampled frame", format);
  check (c.with_regions > 0, "%s: no sampled frame with regions", format);
  check (c.lost == 0, "%s: %u sampled frames never came out of the element",
      format, c.lost);
  g_print ("%s: %u s, %u segments, %u frames in, %u out, %u property sets, "
      "%u sampled frames equal to their reference (%u with regions), RSS "
      "%zu MB after the first segment, at most %zu MB\n", format, seconds,
      segments, frames_in, frames_out, setter.sets, samples, c.with_regions,
      rss_base / 1024, rss_max / 1024);

  g_async_queue_unref (c.samples);
  g_rand_free (setter.rand);
  g_rand_free (rand);
  g_mutex_clear (&setter.lock);
  g_cond_clear (&setter.cond);
  gst_object_unref (sinkpad);
  gst_object_unref (srcpad);
  gst_object_unref (conv);
  gst_object_unref (pipeline);
  g_free (desc);
}

GST_START_TEST (test_soak)
{
  const gchar *env = g_getenv ("VC_SOAK_SECONDS");
  guint seconds = env ? atoi (env) : 15;
  guint seed = g_getenv ("VC_SOAK_SEED") ? atoi (g_getenv ("VC_SOAK_SEED")) : 1;

  soak_format ("RGBx", seconds, seed);
  soak_format ("I420", seconds, seed + 100);
  g_print ("soak: %u checks passed, %u failed\n", passed, failed);
  fail_unless_equals_int (failed, 0);
}

GST_END_TEST;

/* The choices above against the element's own writable properties, as
 * g_object_class_list_properties () gives them: each property has
 * values to soak with, and no choice names a property the element lacks. */
GST_START_TEST (test_choices_cover_properties)
{
  GstElement *conv = gst_element_factory_make ("videoconvolve", NULL);
  guint n, own = 0;
  GParamSpec **specs;

  fail_unless (conv != NULL);
  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (conv), &n);
  for (guint i = 0; i < n; i++) {
    gboolean found = FALSE;

    if (specs[i]->owner_type != G_OBJECT_TYPE (conv) ||
        !(specs[i]->flags & G_PARAM_WRITABLE))
      continue;
    own++;
    for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
      found |= strcmp (choices[c].name, specs[i]->name) == 0;
    fail_unless (found, "property %s has no values in the soak's choices",
        specs[i]->name);
  }
  fail_unless_equals_int (own, G_N_ELEMENTS (choices));
  g_free (specs);
  gst_object_unref (conv);
}

GST_END_TEST;

static Suite *
videoconvolve_soak_suite (void)
{
  Suite *s = suite_create ("videoconvolve-soak");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_choices_cover_properties);
  tcase_add_test (tc, test_soak);
  return s;
}

GST_CHECK_MAIN (videoconvolve_soak);
