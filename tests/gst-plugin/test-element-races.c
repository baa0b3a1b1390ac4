/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* videoconvolve's settings lifecycle, with the bad interleavings forced
 * deterministically instead of hoped for in a stress loop:
 *
 *  A. GstBaseTransform reads its passthrough flag twice per buffer: in
 *     prepare_output_buffer () and again before calling transform (). A
 *     property set between the two reads (from another thread) must not
 *     send an unprocessed pool buffer downstream (identity set after a pool
 *     buffer was taken) ...
 *  B. ... nor make transform () write into the read-only input buffer
 *     (a real kernel set after the input was chosen as the output).
 *  C. A property set that lands while an older one is between its decision
 *     and its effect must not leave passthrough stuck at the older value.
 *     Only the streaming thread may change passthrough.
 *  D. A caps query uses one settings snapshot for both of its directions,
 *     even when a property changes (same thread, from downstream's caps
 *     query) or the streaming thread adopts new settings (another thread)
 *     between them.
 *  E. With threads, in place: a band on a pool thread that starts before
 *     the streaming thread has kept aside every band's rows waits for it
 *     (else it overwrites rows another band still has to keep).
 *  F. With threads: the streaming thread sends the frame on only once the
 *     pool's bands are done, also when they end long after its own.
 *
 *  G. With threads, the bands' rows follow the times they take: a band
 *     that ends late gets fewer rows on the next frames, whether it is a
 *     pool thread's or the streaming thread's; every frame, cut anywhere,
 *     is still exact.
 *
 * The hooks: a GStreamer log function that runs code when basetransform
 * logs the message it logs between its two passthrough reads (or
 * videoconvolve the one it logs before it keeps rows aside), pad probes,
 * and gst_base_transform_set_passthrough () and gst_task_pool_push ()
 * interposed by this executable (it is linked with --export-dynamic, so
 * the plugin's calls resolve here first): the first to record which thread
 * calls it and to pause a caller there, the second to count and delay the
 * tasks the plugin gives its thread pool.
 */
#include <gst/check/gstcheck.h>
#include <gst/base/gstbasetransform.h>
#include <dlfcn.h>
#include <stdio.h>

#include "element-test-util.h"

#define WIDTH 64
#define HEIGHT 64

/* ------------------------------------------------------------------ */
/* Running a property set on another thread, to completion */

typedef struct
{
  GstElement *element;
  const gchar *props;
} SetJob;

static gpointer
set_job_run (gpointer data)
{
  SetJob *job = data;

  vct_set_props (job->element, job->props);
  return NULL;
}

/* Sets `props` on `element` from a new thread and waits until it is done:
 * "from any thread", at exactly this point of the caller. */
static void
set_from_other_thread (GstElement * element, const gchar * props)
{
  SetJob job = { element, props };

  g_thread_join (g_thread_new ("setter", set_job_run, &job));
}

/* ------------------------------------------------------------------ */
/* Hook 1: a GStreamer debug message. GstBaseTransform logs "using allocated
 * buffer in %p, out %p" in default_generate_output () right after
 * prepare_output_buffer () (first passthrough read) and before it decides
 * whether to call transform () (second read). */

#define BETWEEN_READS_MESSAGE "using allocated buffer in"

typedef struct
{
  GThread *thread;              /* the streaming thread to act on */
  GstElement *element;
  const gchar *props;           /* set from another thread when hit */
  gint hits;
} LogHook;

static LogHook log_hook;

static void
log_hook_func (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  const gchar *text;

  if (log_hook.thread != g_thread_self () || log_hook.hits > 0 ||
      g_strcmp0 (gst_debug_category_get_name (category), "basetransform"))
    return;
  text = gst_debug_message_get (message);
  if (text == NULL || !g_str_has_prefix (text, BETWEEN_READS_MESSAGE))
    return;
  log_hook.hits++;
  set_from_other_thread (log_hook.element, log_hook.props);
}

/* Arms the hook for one hit on the calling (streaming) thread. */
static void
log_hook_arm (GstElement * element, const gchar * props)
{
  log_hook.thread = g_thread_self ();
  log_hook.element = element;
  log_hook.props = props;
  log_hook.hits = 0;
  gst_debug_set_active (TRUE);
  gst_debug_remove_log_function (gst_debug_log_default);
  gst_debug_add_log_function (log_hook_func, NULL, NULL);
  gst_debug_set_threshold_for_name ("basetransform", GST_LEVEL_DEBUG);
}

static gint
log_hook_disarm (void)
{
  gst_debug_unset_threshold_for_name ("basetransform");
  gst_debug_remove_log_function (log_hook_func);
  gst_debug_add_log_function (gst_debug_log_default, NULL, NULL);
  log_hook.thread = NULL;
  return log_hook.hits;
}

/* ------------------------------------------------------------------ */
/* Hook 2: gst_base_transform_set_passthrough (), interposed. */

typedef void (*SetPassthroughFunc) (GstBaseTransform * trans,
    gboolean passthrough);

static struct
{
  GMutex lock;
  GThread *streaming;           /* calls from other threads are counted */
  guint calls, foreign_calls;
  /* One-shot pause: when `thread` calls with `value`, run `pause` first. */
  GThread *thread;
  gboolean value;
  void (*pause) (void);
} sp;

void gst_base_transform_set_passthrough (GstBaseTransform * trans,
    gboolean passthrough);

void
gst_base_transform_set_passthrough (GstBaseTransform * trans,
    gboolean passthrough)
{
  static SetPassthroughFunc real = NULL;
  void (*pause) (void) = NULL;

  if (real == NULL)
    real = (SetPassthroughFunc) dlsym (RTLD_NEXT,
        "gst_base_transform_set_passthrough");
  g_mutex_lock (&sp.lock);
  sp.calls++;
  if (sp.streaming && sp.streaming != g_thread_self ())
    sp.foreign_calls++;
  if (sp.thread == g_thread_self () && sp.value == passthrough) {
    pause = sp.pause;
    sp.thread = NULL;
  }
  g_mutex_unlock (&sp.lock);
  if (pause)
    pause ();
  real (trans, passthrough);
}

static void
sp_watch (GThread * streaming)
{
  g_mutex_lock (&sp.lock);
  sp.streaming = streaming;
  sp.calls = sp.foreign_calls = 0;
  sp.thread = NULL;
  g_mutex_unlock (&sp.lock);
}

/* ------------------------------------------------------------------ */
/* Hook 3: gst_task_pool_push (), interposed. When armed, each task the
 * plugin pushes runs wrapped: the pool thread counts it started, sleeps
 * `task_delay_us` if set, runs it and counts it finished. With
 * `hold_keeper`, the streaming thread, when it logs that it starts keeping
 * rows aside (in place, after pushing the tasks), waits there until every
 * task has started and then up to HOLD_US for one to finish. */

#define HOLD_US (50 * 1000)

typedef gpointer (*PushFunc) (GstTaskPool * pool, GstTaskPoolFunction func,
    gpointer data, GError ** error);

static struct
{
  GMutex lock;
  GCond cond;
  gboolean armed;
  gboolean hold_keeper;
  GThread *keeper;              /* the streaming thread, when held */
  gulong task_delay_us;
  guint pushed, started, finished;
  guint finished_while_held;    /* tasks done while the keeper was held */
  guint holds;
  gboolean logging;             /* tp_log_func () installed */
  gulong band0_delay_us;
  gint band0_rows;
} tp;

typedef struct
{
  GstTaskPoolFunction func;
  gpointer data;
} TpTask;

static void
tp_task_run (gpointer data)
{
  TpTask *task = data;

  g_mutex_lock (&tp.lock);
  tp.started++;
  g_cond_broadcast (&tp.cond);
  g_mutex_unlock (&tp.lock);
  if (tp.task_delay_us)
    g_usleep (tp.task_delay_us);
  task->func (task->data);
  g_mutex_lock (&tp.lock);
  tp.finished++;
  g_cond_broadcast (&tp.cond);
  g_mutex_unlock (&tp.lock);
  g_free (task);
}

gpointer gst_task_pool_push (GstTaskPool * pool, GstTaskPoolFunction func,
    gpointer data, GError ** error);

gpointer
gst_task_pool_push (GstTaskPool * pool, GstTaskPoolFunction func,
    gpointer data, GError ** error)
{
  static PushFunc real = NULL;
  TpTask *task;
  gpointer handle;

  if (real == NULL)
    real = (PushFunc) dlsym (RTLD_NEXT, "gst_task_pool_push");
  if (!tp.armed)
    return real (pool, func, data, error);
  task = g_new (TpTask, 1);
  task->func = func;
  task->data = data;
  g_mutex_lock (&tp.lock);
  tp.pushed++;
  g_mutex_unlock (&tp.lock);
  handle = real (pool, tp_task_run, task, error);
  fail_unless (error == NULL || *error == NULL, "the pool refused a task");
  return handle;
}

#define KEEPING_MESSAGE "keeping rows aside"
#define BAND0_MESSAGE "band 0: rows "

/* Band 0's rows on the streaming thread, as it logs them; sleeps
 * band0_delay_us there when set. */
static gboolean
tp_band0 (const gchar * text)
{
  gint y0, y1, h;

  if (!g_str_has_prefix (text, BAND0_MESSAGE))
    return FALSE;
  fail_unless_equals_int (sscanf (text, BAND0_MESSAGE "%d to %d of %d", &y0,
          &y1, &h), 3);
  g_mutex_lock (&tp.lock);
  tp.band0_rows = y1 - y0;
  g_mutex_unlock (&tp.lock);
  if (tp.band0_delay_us)
    g_usleep (tp.band0_delay_us);
  return TRUE;
}

static void
tp_log_func (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  const gchar *text;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  if (!tp.logging || tp.keeper != g_thread_self () ||
      g_strcmp0 (gst_debug_category_get_name (category), "videoconvolve"))
    return;
  text = gst_debug_message_get (message);
  if (text == NULL || tp_band0 (text) || !tp.hold_keeper ||
      !g_str_has_prefix (text, KEEPING_MESSAGE))
    return;
  g_mutex_lock (&tp.lock);
  while (tp.started < tp.pushed)
    fail_unless (g_cond_wait_until (&tp.cond, &tp.lock, end),
        "a pool task did not start within 5 s");
  end = g_get_monotonic_time () + HOLD_US;
  while (tp.finished == 0 && g_cond_wait_until (&tp.cond, &tp.lock, end));
  tp.finished_while_held += tp.finished;
  tp.holds++;
  g_mutex_unlock (&tp.lock);
}

static void
tp_arm (gboolean hold_keeper, gulong task_delay_us)
{
  g_mutex_lock (&tp.lock);
  tp.armed = TRUE;
  tp.hold_keeper = hold_keeper;
  tp.keeper = g_thread_self ();
  tp.task_delay_us = task_delay_us;
  tp.pushed = tp.started = tp.finished = tp.finished_while_held = 0;
  tp.holds = 0;
  tp.band0_delay_us = 0;
  tp.band0_rows = -1;
  g_mutex_unlock (&tp.lock);
  if (!tp.logging) {
    tp.logging = TRUE;
    gst_debug_set_active (TRUE);
    gst_debug_remove_log_function (gst_debug_log_default);
    gst_debug_add_log_function (tp_log_func, NULL, NULL);
    gst_debug_set_threshold_for_name ("videoconvolve", GST_LEVEL_LOG);
  }
}

static void
tp_disarm (void)
{
  if (tp.logging) {
    tp.logging = FALSE;
    gst_debug_unset_threshold_for_name ("videoconvolve");
    gst_debug_remove_log_function (tp_log_func);
    gst_debug_add_log_function (gst_debug_log_default, NULL, NULL);
  }
  g_mutex_lock (&tp.lock);
  tp.armed = FALSE;
  tp.hold_keeper = FALSE;
  g_mutex_unlock (&tp.lock);
}

/* ------------------------------------------------------------------ */

static GstHarness *
harness_gray8 (const gchar * props, gint width, gint height,
    GstVideoInfo * info)
{
  GstHarness *h = vct_harness_new (props);

  gst_video_info_set_format (info, GST_VIDEO_FORMAT_GRAY8, width, height);
  gst_harness_set_src_caps (h, gst_video_info_to_caps (info));
  return h;
}

/* Pushes a frame made from `seed` and checks the output against the
 * reference of the settings `props` (on a fresh element). Returns whether
 * the element passed the input buffer through. */
static gboolean
push_expect (GstHarness * h, const GstVideoInfo * in_info, guint32 seed,
    const gchar * props, const gchar * what)
{
  GstElement *settings = gst_element_factory_make ("videoconvolve", NULL);
  GstBuffer *in = vct_make_frame (in_info, seed);
  GstBuffer *out, *ref;
  GstVideoInfo out_info;
  GstCaps *caps;
  gchar *diff = NULL;
  gboolean passed_through;

  fail_unless_equals_int (gst_harness_push (h, gst_buffer_ref (in)),
      GST_FLOW_OK);
  out = gst_harness_pull (h);
  caps = gst_pad_get_current_caps (h->sinkpad);
  fail_unless (gst_video_info_from_caps (&out_info, caps));
  vct_set_props (settings, props);
  ref = vct_reference (settings, in_info, in, &out_info);
  fail_unless (vct_frames_equal (&out_info, out, ref, &diff),
      "%s: the output is not the frame of \"%s\": %s", what, props, diff);
  passed_through = out == in;

  gst_caps_unref (caps);
  gst_buffer_unref (ref);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_object_unref (settings);
  return passed_through;
}

/* A. A pool buffer is taken for bias=10; the identity is set before the
 * transform would run. The frame must still be the bias=10 frame (the
 * settings it started with), and the next one passed through. */
GST_START_TEST (test_identity_between_passthrough_reads)
{
  GstVideoInfo info;
  GstHarness *h = harness_gray8 ("bias=10", WIDTH, HEIGHT, &info);

  fail_if (push_expect (h, &info, 1, "bias=10", "warm-up"));
  log_hook_arm (h->element, "bias=0");
  fail_if (push_expect (h, &info, 2, "bias=10", "frame during the set"));
  fail_unless_equals_int (log_hook_disarm (), 1);
  fail_unless (push_expect (h, &info, 3, "bias=0", "next frame"),
      "the identity set before the frame did not pass it through");
  g_print ("  A: identity set between the passthrough reads: the frame was "
      "made with bias=10, the next one passed through\n");
  gst_harness_teardown (h);
}

GST_END_TEST;

/* B. The input buffer is chosen as the output (identity); a real setting
 * arrives before the transform would run. The frame must go through
 * untouched (no write into the read-only input, no critical), and the next
 * one is made with the new setting. */
GST_START_TEST (test_kernel_between_passthrough_reads)
{
  GstVideoInfo info;
  GstHarness *h = harness_gray8 ("", WIDTH, HEIGHT, &info);

  fail_unless (push_expect (h, &info, 1, "", "warm-up"));
  log_hook_arm (h->element, "bias=10");
  fail_unless (push_expect (h, &info, 2, "", "frame during the set"),
      "the frame that started as passthrough was not passed through");
  fail_unless_equals_int (log_hook_disarm (), 1);
  fail_if (push_expect (h, &info, 3, "bias=10", "next frame"));

  /* The same with a kernel instead of the bias. */
  log_hook_arm (h->element, "kernel=<<1>> bias=0");
  fail_if (push_expect (h, &info, 4, "bias=10", "frame during the set"));
  fail_unless_equals_int (log_hook_disarm (), 1);
  log_hook_arm (h->element, "kernel=\"<<1,1,1>,<1,1,1>,<1,1,1>>\"");
  fail_unless (push_expect (h, &info, 5, "", "frame during the set"));
  fail_unless_equals_int (log_hook_disarm (), 1);
  fail_if (push_expect (h, &info, 6, "preset=box3", "next frame"));
  g_print ("  B: a real kernel set between the passthrough reads: the frame "
      "passed through untouched, the next one was convolved\n");
  gst_harness_teardown (h);
}

GST_END_TEST;

/* C. Thread S sets the identity; while S is between deciding and applying
 * passthrough (paused in set_passthrough (TRUE), if it calls it at all),
 * thread T sets bias=10 to completion. The last setting is bias=10, so the
 * next frame must be the bias=10 frame, not a passed-through input. And no
 * thread but the streaming one ever touches passthrough. */
static GstElement *sticky_element;

static void
sticky_pause (void)
{
  set_from_other_thread (sticky_element, "bias=10");
}

GST_START_TEST (test_passthrough_not_sticky)
{
  GstVideoInfo info;
  GstHarness *h = harness_gray8 ("bias=10", WIDTH, HEIGHT, &info);
  SetJob identity = { h->element, "bias=0" };
  GThread *s;

  sp_watch (g_thread_self ());
  fail_if (push_expect (h, &info, 1, "bias=10", "warm-up"));

  sticky_element = h->element;
  s = g_thread_new ("setter S", set_job_run, &identity);
  g_mutex_lock (&sp.lock);
  sp.thread = s;
  sp.value = TRUE;
  sp.pause = sticky_pause;
  g_mutex_unlock (&sp.lock);
  g_thread_join (s);
  g_mutex_lock (&sp.lock);
  if (sp.thread == s) {
    /* S never called set_passthrough (TRUE): T's set simply comes last. */
    sp.thread = NULL;
    g_mutex_unlock (&sp.lock);
    sticky_pause ();
  } else {
    g_mutex_unlock (&sp.lock);
  }

  fail_if (push_expect (h, &info, 2, "bias=10", "frame after both sets"),
      "passthrough stuck at the older setting");
  fail_if (push_expect (h, &info, 3, "bias=10", "second frame"));
  g_mutex_lock (&sp.lock);
  fail_unless_equals_int (sp.foreign_calls, 0);
  g_print ("  C: identity then bias=10 from two threads, interleaved: the "
      "frames after are bias=10; set_passthrough called %u times, %u of "
      "them outside the streaming thread\n", sp.calls, sp.foreign_calls);
  g_mutex_unlock (&sp.lock);
  sp_watch (NULL);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* D. Caps queries. `caps_probe` runs `action` once, from within the first
 * CAPS query that reaches downstream (the harness' sink pad), i.e. between
 * the two transforms of a caps query on the element's sink pad. */
typedef struct
{
  GstHarness *h;
  GstVideoInfo *info;
  gboolean cross_thread;
  gint hits;
} CapsProbe;

static gpointer
push_one_frame (gpointer data)
{
  CapsProbe *p = data;
  GstBuffer *out;

  vct_set_props (p->h->element, "stride-x=2 padding-y=0");
  fail_unless_equals_int (gst_harness_push (p->h, vct_make_frame (p->info,
              7)), GST_FLOW_OK);
  out = gst_harness_pull (p->h);
  gst_buffer_unref (out);
  return NULL;
}

static GstPadProbeReturn
caps_probe (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  CapsProbe *p = data;

  if (GST_QUERY_TYPE (GST_PAD_PROBE_INFO_QUERY (info)) != GST_QUERY_CAPS ||
      p->hits++ > 0)
    return GST_PAD_PROBE_OK;
  if (p->cross_thread)
    /* The streaming thread adopts the new settings and renegotiates while
     * this query is between its two directions. */
    g_thread_join (g_thread_new ("streaming", push_one_frame, p));
  else
    vct_set_props (p->h->element, "stride-x=2 padding-y=0");
  return GST_PAD_PROBE_OK;
}

GST_START_TEST (test_caps_query_one_snapshot)
{
  gboolean cross_thread = __i__ == 1;
  GstVideoInfo info;
  GstHarness *h = harness_gray8 ("preset=gaussian3", 32, 24, &info);
  GstCaps *in_caps = gst_video_info_to_caps (&info);
  CapsProbe probe = { h, &info, cross_thread, 0 };
  GstCaps *caps;
  gulong id;
  gchar *str;

  fail_if (push_expect (h, &info, 1, "preset=gaussian3", "warm-up"));
  id = gst_pad_add_probe (h->sinkpad, GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM,
      caps_probe, &probe, NULL);
  caps = gst_pad_peer_query_caps (h->srcpad, in_caps);
  gst_pad_remove_probe (h->sinkpad, id);
  fail_unless (probe.hits >= 1, "the caps query never reached downstream");
  str = gst_caps_to_string (caps);
  fail_if (gst_caps_is_empty (caps), "%s: the caps query for the input "
      "caps gave EMPTY: its two directions used different settings",
      cross_thread ? "adoption on another thread" : "property set");
  fail_unless (gst_caps_can_intersect (caps, in_caps), "%s", str);

  /* The stream goes on with the new settings: 16x22. */
  fail_if (push_expect (h, &info, 2, "preset=gaussian3 stride-x=2 "
          "padding-y=0", "after the query"));
  g_print ("  D%d: stride-x=2 padding-y=0 %s during a caps query: %s\n",
      __i__, cross_thread ? "adopted by the streaming thread" : "set", str);
  g_free (str);
  gst_caps_unref (caps);
  gst_caps_unref (in_caps);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Pushes a frame made from `seed` into h (of `props`), in place (the
 * harness holds the only reference to it), the pool hooked as tp_arm ()
 * says; checks that every pool band was done before the frame went
 * downstream, and the output against the reference. */
static void
push_in_place (GstHarness * h, const GstVideoInfo * info, const gchar * props,
    guint32 seed, const gchar * what)
{
  GstElement *settings = gst_element_factory_make ("videoconvolve", NULL);
  GstBuffer *in = vct_make_frame (info, seed);
  GstBuffer *copy = gst_buffer_copy_deep (in);
  gpointer in_address = in;
  GstBuffer *out, *ref;
  gchar *diff = NULL;

  fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
  /* Back from the push, the frame has gone downstream: every band must
   * be done by now. */
  g_mutex_lock (&tp.lock);
  fail_unless (tp.pushed > 0, "%s: no band ran on the pool", what);
  fail_unless_equals_int (tp.finished, tp.pushed);
  g_mutex_unlock (&tp.lock);
  out = gst_harness_pull (h);
  fail_unless ((gpointer) out == in_address, "%s: not in place", what);
  vct_set_props (settings, props);
  ref = vct_reference (settings, info, copy, info);
  fail_unless (vct_frames_equal (info, out, ref, &diff),
      "%s: the output is not the frame of \"%s\": %s", what, props, diff);
  gst_buffer_unref (ref);
  gst_buffer_unref (out);
  gst_buffer_unref (copy);
  gst_object_unref (settings);
}

/* One frame of `props` on a new element, in place, hooked as tp_arm ()
 * says. */
static void
push_threaded_in_place (const gchar * props, gboolean hold_keeper,
    gulong task_delay_us, const gchar * what)
{
  GstVideoInfo info;
  GstHarness *h = harness_gray8 (props, WIDTH, HEIGHT, &info);

  tp_arm (hold_keeper, task_delay_us);
  push_in_place (h, &info, props, 77, what);
  tp_disarm ();
  gst_harness_teardown (h);
}

/* E. The streaming thread is held as it starts keeping rows aside, until
 * the pool's bands have started and then for HOLD_US: none may finish (or
 * write) meanwhile. */
GST_START_TEST (test_bands_wait_for_kept_rows)
{
  const gchar *props = __i__ ? "preset=gaussian5 n-threads=3" :
      "preset=gaussian5 n-threads=2";

  push_threaded_in_place (props, TRUE, 0, props);
  g_mutex_lock (&tp.lock);
  fail_unless_equals_int (tp.holds, 1);
  fail_unless_equals_int (tp.finished_while_held, 0);
  g_mutex_unlock (&tp.lock);
}

GST_END_TEST;

/* F. The pool's bands start 30 ms late, long after the streaming thread
 * has done its own band and given up spinning for them: it still sends
 * the frame on only when they are done (checked in the helper). */
GST_START_TEST (test_frame_waits_for_late_bands)
{
  push_threaded_in_place ("preset=gaussian5 n-threads=2", FALSE, 30 * 1000,
      "bands 30 ms late");
}

GST_END_TEST;

/* G. Frames with the pool's band 20 ms late, then with the streaming
 * thread's band 20 ms late: band 0 (the streaming thread's) takes most of
 * the rows, then few. (Each frame moves the cut a tenth of the way.) */
/* Far above what the scheduler can add: with both cores busy (meson runs
 * two tests at once), a band's thread may wait some milliseconds for a
 * core, and at 3 ms late that could look like the other band's delay. */
#define LATE_US 20000
#define LATE_FRAMES 30

GST_START_TEST (test_bands_follow_times)
{
  /* A 5x5 kernel, and a cascade whose 37 rows reach past small bands. */
  const gchar *props = __i__ ? "preset=gaussian sigma=6 n-threads=2" :
      "preset=gaussian5 n-threads=2";
  GstVideoInfo info;
  GstHarness *h = harness_gray8 (props, WIDTH, HEIGHT, &info);
  gint equal, grown, shrunk;

  tp_arm (FALSE, LATE_US);
  push_in_place (h, &info, props, 1, "first frame");
  equal = tp.band0_rows;
  fail_unless_equals_int (equal, HEIGHT / 2);
  for (guint i = 0; i < LATE_FRAMES; i++)
    push_in_place (h, &info, props, 2 + i, "pool band late");
  grown = tp.band0_rows;
  fail_unless (grown >= HEIGHT * 3 / 4, "the pool's band was %d ms late on "
      "%d frames, yet the streaming thread's band has only %d rows of %d",
      LATE_US / 1000, LATE_FRAMES, grown, HEIGHT);
  g_mutex_lock (&tp.lock);
  tp.task_delay_us = 0;
  tp.band0_delay_us = LATE_US;
  g_mutex_unlock (&tp.lock);
  for (guint i = 0; i < LATE_FRAMES; i++)
    push_in_place (h, &info, props, 100 + i, "streaming band late");
  shrunk = tp.band0_rows;
  fail_unless (shrunk <= HEIGHT / 4, "the streaming thread's band was %d ms "
      "late on %d frames, yet it still has %d rows of %d", LATE_US / 1000,
      LATE_FRAMES, shrunk, HEIGHT);
  g_print ("%s: band 0 %d rows of %d, then %d with the pool %d ms late, %d "
      "with itself %d ms late\n", props, equal, HEIGHT, grown, LATE_US / 1000,
      shrunk, LATE_US / 1000);
  tp_disarm ();
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
videoconvolve_races_suite (void)
{
  Suite *s = suite_create ("videoconvolve-races");
  TCase *tc = tcase_create ("general");

  g_mutex_init (&sp.lock);
  g_mutex_init (&tp.lock);
  g_cond_init (&tp.cond);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_identity_between_passthrough_reads);
  tcase_add_test (tc, test_kernel_between_passthrough_reads);
  tcase_add_test (tc, test_passthrough_not_sticky);
  tcase_add_loop_test (tc, test_caps_query_one_snapshot, 0, 2);
  tcase_add_loop_test (tc, test_bands_wait_for_kept_rows, 0, 2);
  tcase_add_test (tc, test_frame_waits_for_late_bands);
  tcase_add_loop_test (tc, test_bands_follow_times, 0, 2);
  return s;
}

GST_CHECK_MAIN (videoconvolve_races);
