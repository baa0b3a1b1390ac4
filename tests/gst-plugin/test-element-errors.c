/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every refused configuration of videoconvolve ends its pipeline, RUNS
 * times each, through a plain bus loop as an application writes it:
 * gst_parse_launch (), PLAYING, gst_bus_timed_pop_filtered () for an ERROR
 * or EOS within WAIT, NULL. Each run must end with an error from the
 * element whose text names the properties and values, posted once, and the
 * pipeline must reach NULL; a run that takes longer than WATCHDOG_S aborts
 * the test (a hang).
 *
 * Like stock elements (identity error-after=1), videoconvolve posts a
 * negotiation refusal from the data flow, with the first buffer and the
 * flow error it returns, not while the caps event is still in flight: so
 * the element must have seen a buffer when it posts (a configuration
 * refused at start () fails the state change instead, as filesrc does with
 * a missing file). Nothing is allocated for a refused frame: without
 * sanitizers the test runs in 2 GiB of address space, and one case would
 * make a 3.4 GiB frame.
 *
 * A GstCheck loop test, one iteration per case; the watchdog is the
 * test's own (per run, naming the case), libcheck's timeout only bounds a
 * whole case.
 */
#include <gst/check/gstcheck.h>
#include <gst/gst.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#define RUNS 40                 /* 25 times slower: memory, not statistics */
#else
#define RUNS 200
#endif
#define WAIT (10 * GST_SECOND)
#define WATCHDOG_S 30
#define ADDRESS_SPACE (G_GUINT64_CONSTANT (2) << 30)

typedef struct
{
  const gchar *name;
  const gchar *caps;            /* between videotestsrc and videoconvolve */
  const gchar *props;           /* videoconvolve's, as on gst-launch */
  /* Set once the first frame has left the element, or NULL. */
  const gchar *later_name, *later_value;
  gboolean start_fails;         /* refused by start (): no PAUSED */
  const gchar *texts[4];        /* fixed strings the error must hold */
} ErrorCase;

static const ErrorCase cases[] = {
  /* floor ((64 + 0 - 20 * (7 - 1) - 1) / 1) + 1 = -56 */
  {"output size < 1", "format=GRAY8,width=64,height=48",
        "kernel=\"<<1,1,1,1,1,1,1>>\" dilation-x=20 padding-x=0", NULL, NULL,
        FALSE,
      {"output width would be -56", "dilation_x 20", "input 64x48", NULL}},
  /* 64 + 2 * 23000 = 46064 a side, over 32768 */
  {"frame over the limit", "format=GRAY16_LE,width=64,height=64",
        "padding-x=23000 padding-y=23000", NULL, NULL, FALSE,
        {"46064x46064 GRAY16_LE output frame",
          "padding-x 23000, padding-y 23000", NULL}},
  /* 64 + 2 * 15000 = 30064 a side (under 32768), 4 bytes a pixel: 3.4 GiB */
  {"frame over 1 GiB", "format=RGBA,width=64,height=64",
        "padding-x=15000 padding-y=15000", NULL, NULL, FALSE,
      {"30064x30064 RGBA output frame (3.4 GiB)", NULL}},
  {"kernel refused at start", "format=GRAY8,width=64,height=48",
        "kernel=\"<<1,2>,<1>>\"", NULL, NULL, TRUE,
      {"ragged", "row 2 has 1 values but row 1 has 2", NULL}},
  {"kernel refused while passing through", "format=GRAY8,width=64,height=48",
        "", "kernel", "<<1,2>,<3>>", FALSE,
      {"kernel is ragged", "row 2 has 1 values but row 1 has 2", NULL}},
  {"kernel refused while playing", "format=I420,width=64,height=48",
        "preset=box3", "kernel", "<<1,nan>>", FALSE,
      {"kernel[0][1] is nan", NULL}},
  /* 64 + 2 * 40000 - (3 - 1) = 80062 wide */
  {"size refused while playing", "format=GRAY8,width=64,height=48",
        "preset=gaussian3", "padding-x", "40000", FALSE,
      {"80062x48 GRAY8 output frame", "padding-x 40000", NULL}},
  {"output size < 1 while playing", "format=RGBA,width=64,height=48",
        "preset=box5 padding-y=0", "dilation-y", "20", FALSE,
      {"output height would be -32", "dilation_y 20", NULL}},
  /* Refused by the state change, before any frame: see start (). */
  {"regions with stride 2", "format=I420,width=64,height=48",
        "preset=box3 stride-x=2 regions=\"<<1,2,10,8>>\"", NULL, NULL,
        TRUE,
        {"regions=<<1,2,10,8>> and roi-meta=\"\" need an output the size",
          "stride-x 2", "change the size:", NULL}},
  {"roi-meta with padding 0", "format=RGBA,width=64,height=48",
        "preset=box5 padding-y=0 roi-meta=face", NULL, NULL, TRUE,
        {"roi-meta=\"face\" need an output the size", "padding-y 0",
          NULL}},
  {"regions with stride 2 while playing", "format=I420,width=64,height=48",
        "preset=box3 stride-x=2", "regions", "<<1,2,10,8>>", FALSE,
        {"regions=<<1,2,10,8>> and roi-meta=\"\" need an output the size",
          "stride-x 2", "(32x48 for 64x48 input)", NULL}},
  {"padding 0 with roi-meta while playing", "format=RGBA,width=64,height=48",
        "preset=box5 roi-meta=face", "padding-y", "0", FALSE,
        {"roi-meta=\"face\" need an output the size", "padding-y 0",
          "(64x44 for 64x48 input)", NULL}},
  {"regions of 3 values", "format=GRAY8,width=64,height=48",
        "preset=box3 regions=\"<<1,2,10,8>,<1,2,3>>\"", NULL, NULL, TRUE,
        {"regions entry 2 of 2", "is not 4 integers", "<x,y,width,height>",
          NULL}},
  {"regions of negative size while playing",
        "format=GRAY8,width=64,height=48", "preset=box3", "regions",
        "<<1,2,-10,8>>", FALSE,
      {"regions entry 1 of 1, <1,2,-10,8>, has a negative size", NULL}},
  {"regions of doubles while passing through",
        "format=GRAY8,width=64,height=48", "", "regions", "<<1,2,10.5,8>>",
      FALSE, {"regions entry 1 of 1", "is not 4 integers", NULL}},
};

/* One run's observations, written by the streaming thread. */
typedef struct
{
  const ErrorCase *c;
  GstElement *conv;
  gint buffers_in;              /* frames that reached the element */
  gint buffers_out;             /* frames that left it */
  gint errors;                  /* errors the element posted */
  gint buffers_at_error;        /* buffers_in when it posted the first */
} Run;

static const ErrorCase *current;

static void
on_watchdog (int sig)
{
  static const char msg[] = "FAIL: a run took longer than the watchdog, "
      "the pipeline hangs: ";

  (void) sig;
  (void) !write (2, msg, sizeof msg - 1);
  (void) !write (2, current->name, strlen (current->name));
  (void) !write (2, "\n", 1);
  _exit (1);
}

static GstPadProbeReturn
count_in (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  Run *run = data;

  g_atomic_int_inc (&run->buffers_in);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_out (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  Run *run = data;

  /* The first frame is out: the next one takes the refused setting. */
  if (g_atomic_int_add (&run->buffers_out, 1) == 0 && run->c->later_name)
    gst_util_set_object_arg (G_OBJECT (run->conv), run->c->later_name,
        run->c->later_value);
  return GST_PAD_PROBE_OK;
}

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  Run *run = data;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR &&
      GST_MESSAGE_SRC (msg) == GST_OBJECT (run->conv) &&
      g_atomic_int_add (&run->errors, 1) == 0)
    run->buffers_at_error = g_atomic_int_get (&run->buffers_in);
  return GST_BUS_PASS;
}

static void
add_probe (GstElement * element, const gchar * pad_name,
    GstPadProbeCallback callback, Run * run)
{
  GstPad *pad = gst_element_get_static_pad (element, pad_name);

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, callback, run, NULL);
  gst_object_unref (pad);
}

/* Returns NULL, or what went wrong. The first run's error text goes to
 * *text. */
static gchar *
run_once (const ErrorCase * c, gchar ** text)
{
  gchar *desc = g_strdup_printf ("videotestsrc num-buffers=4 ! "
      "video/x-raw,%s ! videoconvolve name=conv %s ! fakesink", c->caps,
      c->props);
  GstElement *pipeline = gst_parse_launch (desc, NULL);
  Run run = { c, NULL, 0, 0, 0, -1 };
  GstStateChangeReturn ret;
  GstMessage *msg;
  GError *error = NULL;
  gchar *problem = NULL;
  GstBus *bus;

  g_free (desc);
  if (pipeline == NULL)
    return g_strdup ("the pipeline does not parse");
  run.conv = gst_bin_get_by_name (GST_BIN (pipeline), "conv");
  add_probe (run.conv, "sink", count_in, &run);
  add_probe (run.conv, "src", count_out, &run);
  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, on_message, &run, NULL);

  ret = gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, WAIT,
      GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  if (msg == NULL)
    problem = g_strdup ("no error and no EOS within 10 s (a hang)");
  else if (GST_MESSAGE_TYPE (msg) != GST_MESSAGE_ERROR)
    problem = g_strdup ("EOS instead of an error");
  else if (GST_MESSAGE_SRC (msg) != GST_OBJECT (run.conv))
    problem = g_strdup_printf ("the first error is from %s",
        GST_MESSAGE_SRC_NAME (msg));
  else if ((ret == GST_STATE_CHANGE_FAILURE) != c->start_fails)
    problem = g_strdup_printf ("state change to PLAYING: %s",
        gst_element_state_change_return_get_name (ret));

  if (problem == NULL) {
    gst_message_parse_error (msg, &error, NULL);
    for (guint i = 0; c->texts[i] && problem == NULL; i++)
      if (strstr (error->message, c->texts[i]) == NULL)
        problem = g_strdup_printf ("\"%s\" not in \"%s\"", c->texts[i],
            error->message);
    if (*text == NULL)
      *text = g_strdup (error->message);
    g_clear_error (&error);
  }
  gst_clear_message (&msg);

  if (gst_element_set_state (pipeline, GST_STATE_NULL) !=
      GST_STATE_CHANGE_SUCCESS && problem == NULL)
    problem = g_strdup ("the pipeline does not go to NULL");
  if (problem == NULL && run.errors != 1)
    problem = g_strdup_printf ("the element posted %d errors", run.errors);
  if (problem == NULL && !c->start_fails && run.buffers_at_error < 1)
    problem = g_strdup_printf ("the element posted its error before any "
        "frame reached it (%d), while the caps were still being negotiated",
        run.buffers_at_error);

  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
  gst_object_unref (run.conv);
  gst_object_unref (pipeline);
  return problem;
}

GST_START_TEST (test_refused)
{
  const ErrorCase *c = &cases[__i__];
  gint64 start = g_get_monotonic_time ();
  gchar *text = NULL, *problem = NULL;
  guint run;

  /* Installed here, in the test's own process: libcheck has its own
   * SIGALRM handler in the parent. */
  signal (SIGALRM, on_watchdog);
  current = c;
  for (run = 0; run < RUNS && problem == NULL; run++) {
    alarm (WATCHDOG_S);
    problem = run_once (c, &text);
    alarm (0);
  }
  fail_unless (problem == NULL, "%s: run %u of %d: %s", c->name, run, RUNS,
      problem);
  g_print ("ok    %s: %d runs, 0 hangs, each one error from the "
      "element, %.2f s in all: %s\n", c->name, RUNS,
      (g_get_monotonic_time () - start) / 1e6, text);
  g_free (text);
}

GST_END_TEST;

static Suite *
element_errors_suite (void)
{
  Suite *s = suite_create ("element-errors");
  TCase *tc = tcase_create ("refused");

  /* RUNS runs of at most WATCHDOG_S each would be far more; they take
   * seconds. */
  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_refused, 0, G_N_ELEMENTS (cases));
  return s;
}

int
main (int argc, char **argv)
{
  gst_check_init (&argc, &argv);
#ifndef __SANITIZE_ADDRESS__
  {
    /* No frame of a refused configuration may be allocated: the 3.4 GiB
     * one would not fit (sanitizers reserve far more: no cap then). */
    struct rlimit cap = { ADDRESS_SPACE, ADDRESS_SPACE };

    setrlimit (RLIMIT_AS, &cap);
  }
#endif
  return gst_check_run_suite (element_errors_suite (), "element-errors",
      __FILE__);
}
