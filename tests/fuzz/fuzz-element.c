/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer target for the element: random property strings (through
 * gst_util_set_object_arg, as gst-launch sets them), random caps, and a
 * few frames in a GstHarness, with more property strings between frames.
 * Nothing may crash, no GLib critical may fire, and every frame that comes
 * out has the size its caps say.
 *
 * Input: width, height, frame count (one byte each), then text: a first
 * line naming the format as caps do ("I420"), then lines
 * "property=value"; the lines before a line "--" are set before the caps,
 * each line after it between two frames. Frame content comes from the
 * same bytes. The format goes by name, not by an index into a list: a
 * format added to the element does not change what the committed corpus
 * means, and a name its sink pad template does not list runs nothing.
 *
 * Kernel strings of any nesting are kept: since the kernel property has no
 * element spec, GStreamer's deserializer no longer crashes on
 * `kernel="<<<1>>>"` or `kernel="<<1>,{{{1}}}>"` (this target found the
 * second one), and the element refuses them with the syntax.
 *
 * Left out on purpose:
 *   - kernels over 400 characters and padding between 65 and 16399: valid
 *     but slow or huge outputs (up to the 1 GiB limit), which the launch
 *     and soak tests cover;
 *   - values whose brackets do not pair up (`<<1>,{{<2>>`): GStreamer
 *     1.22's gst_value_deserialize leaks the values it had parsed when it
 *     fails on them (valgrind shows it without any element; found by this
 *     target under LeakSanitizer), and the element never sees them.
 */
#include "fuzz-input.h"

#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gstvideoconvolve.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* Only this element: no plugin scan (faster, and nothing else's bugs). */
  g_setenv ("GST_REGISTRY_DISABLE", "yes", TRUE);
  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", "", TRUE);
  g_setenv ("GST_PLUGIN_PATH_1_0", "", TRUE);
  gst_init (NULL, NULL);
  if (!GST_ELEMENT_REGISTER (videoconvolve, NULL))
    abort ();
  /* A critical is a bug in the element or in how it uses GStreamer. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  return 0;
}

/* Whether the <>, {} and [] of a value pair up. */
static gboolean
balanced (const gchar * value)
{
  gchar open[64];
  gint depth = 0;

  for (const gchar * p = value; *p; p++) {
    if (*p == '<' || *p == '{' || *p == '[') {
      if (depth == (gint) sizeof (open))
        return FALSE;
      open[depth++] = *p == '<' ? '>' : *p == '{' ? '}' : ']';
    } else if (*p == '>' || *p == '}' || *p == ']') {
      if (depth == 0 || open[--depth] != *p)
        return FALSE;
    }
  }
  return depth == 0;
}

/* One "property=value" line, if it names a property and is kept. */
static void
set_line (GstElement * element, gchar * line)
{
  gchar *eq = strchr (line, '=');
  const gchar *value;
  GParamSpec *pspec;

  if (eq == NULL)
    return;
  *eq = '\0';
  value = eq + 1;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (element), line);
  if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) ||
      strcmp (line, "name") == 0)
    return;
  if (!balanced (value) || (strcmp (line, "kernel") == 0 &&
          strlen (value) > 400))
    return;
  if (g_str_has_prefix (line, "padding")) {
    gint64 v = g_ascii_strtoll (value, NULL, 10);

    if (v > 64 && v < 16400)
      return;
  }
  gst_util_set_object_arg (G_OBJECT (element), line, value);
}

/* The format `name` names (any bytes), if the element's sink pad template
 * takes it; GST_VIDEO_FORMAT_UNKNOWN (no case: nothing runs) otherwise.
 * The caps are made from GStreamer's own name, never from the input's
 * bytes (a string that is not UTF-8 would be dropped from them). */
static GstVideoFormat
template_format (GstElement * element, const gchar * name)
{
  GstVideoFormat format = gst_video_format_from_string (name);
  GstPadTemplate *templ = gst_element_get_pad_template (element, "sink");
  GstCaps *caps;
  gboolean takes;

  if (format == GST_VIDEO_FORMAT_UNKNOWN)
    return format;
  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING,
      gst_video_format_to_string (format), NULL);
  takes = gst_caps_can_intersect (caps, GST_PAD_TEMPLATE_CAPS (templ));
  gst_caps_unref (caps);
  return takes ? format : GST_VIDEO_FORMAT_UNKNOWN;
}

/* Every frame that comes out must be as large as its caps say. */
static void
check_output (GstHarness * h)
{
  while (gst_harness_buffers_in_queue (h) > 0) {
    GstBuffer *out = gst_harness_pull (h);
    GstCaps *caps = gst_pad_get_current_caps (h->sinkpad);
    GstVideoInfo out_info;

    if (caps == NULL || !gst_video_info_from_caps (&out_info, caps) ||
        gst_buffer_get_size (out) < out_info.size) {
      gchar *s = caps ? gst_caps_to_string (caps) : NULL;

      fprintf (stderr, "fuzz-element: an output buffer of %zu bytes for "
          "caps %s\n", gst_buffer_get_size (out), s ? s : "(none)");
      abort ();
    }
    gst_caps_unref (caps);
    gst_buffer_unref (out);
  }
}

/* Pushes `frames` frames of `info` filled from `text`, setting the next
 * of `lines` after each; stops at the first frame the element refuses. */
static void
push_frames (GstHarness * h, const GstVideoInfo * info, guint frames,
    const uint8_t * text, size_t text_len, gchar ** lines)
{
  for (guint i = 0; i < frames; i++) {
    GstBuffer *buf = gst_buffer_new_allocate (NULL, info->size, NULL);
    GstMapInfo map;
    GstFlowReturn ret;

    gst_buffer_map (buf, &map, GST_MAP_WRITE);
    for (gsize b = 0; b < map.size; b++)
      map.data[b] = text_len ? text[(b * 7 + i) % text_len] : (guint8) b;
    gst_buffer_unmap (buf, &map);
    GST_BUFFER_PTS (buf) = i * GST_SECOND / 30;
    GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
    ret = gst_harness_push (h, buf);
    if (getenv ("FUZZ_VERBOSE"))
      fprintf (stderr, "fuzz-element: %s %dx%d frame %u: %s\n",
          GST_VIDEO_INFO_NAME (info), GST_VIDEO_INFO_WIDTH (info),
          GST_VIDEO_INFO_HEIGHT (info), i, gst_flow_get_name (ret));
    if (ret != GST_FLOW_OK)
      break;
    check_output (h);
    if (*lines)
      set_line (h->element, *lines++);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  FuzzInput in = { data, size, 0 };
  gint width = 1 + fuzz_u8 (&in) % 80, height = 1 + fuzz_u8 (&in) % 60;
  guint frames = 1 + fuzz_u8 (&in) % 4;
  size_t text_len;
  const uint8_t *text = fuzz_rest (&in, &text_len);
  gchar *copy = g_strndup ((const gchar *) text, text_len);
  gchar **lines = g_strsplit (copy, "\n", 64);
  GstHarness *h = gst_harness_new ("videoconvolve");
  GstVideoFormat format = template_format (h->element,
      lines[0] ? lines[0] : "");
  GstVideoInfo info;
  guint li = lines[0] ? 1 : 0;

  if (format != GST_VIDEO_FORMAT_UNKNOWN) {
    for (; lines[li] && strcmp (lines[li], "--") != 0; li++)
      set_line (h->element, lines[li]);
    if (lines[li])
      li++;
    gst_video_info_set_format (&info, format, width, height);
    gst_harness_set_src_caps (h, gst_video_info_to_caps (&info));
    push_frames (h, &info, frames, text, text_len, lines + li);
  }
  gst_harness_teardown (h);
  g_strfreev (lines);
  g_free (copy);
  return 0;
}
