/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Every property set while frames flow is adopted at the next frame.
 *
 * The element compares the proposed settings with the active ones at each
 * frame boundary and adopts them when they differ: a property the
 * comparison missed would be silently ignored while PLAYING. For every
 * writable property of the element (asked from its class, so a new one is
 * covered without a change here), set a value other than the default
 * between two frames, and read it back from the active settings.
 */
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>

#include "gstvideoconvolve.h"

#define CAPS "video/x-raw,format=GRAY8,width=8,height=8,framerate=30/1"

/* A value of `pspec` other than its default (a kernel other than the
 * identity, for the kernel). */
static void
other_value (GParamSpec * pspec, GValue * value)
{
  const GValue *def = g_param_spec_get_default_value (pspec);

  g_value_init (value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  if (G_IS_PARAM_SPEC_INT (pspec)) {
    g_value_set_int (value, g_value_get_int (def) + 1);
  } else if (G_IS_PARAM_SPEC_UINT (pspec)) {
    g_value_set_uint (value, g_value_get_uint (def) + 1);
  } else if (G_IS_PARAM_SPEC_DOUBLE (pspec)) {
    g_value_set_double (value, g_value_get_double (def) + 1.0);
  } else if (G_IS_PARAM_SPEC_BOOLEAN (pspec)) {
    g_value_set_boolean (value, !g_value_get_boolean (def));
  } else if (G_IS_PARAM_SPEC_ENUM (pspec)) {
    GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

    /* The first value that is not the default (nor an alias of it). */
    g_value_set_enum (value, klass->values[0].value == g_value_get_enum (def)
        ? klass->values[1].value : klass->values[0].value);
  } else if (G_IS_PARAM_SPEC_STRING (pspec)) {
    g_value_set_string (value, "face");
  } else {
    /* The arrays: the kernel and the regions (<x,y,width,height>). */
    fail_unless (gst_value_deserialize (value, g_str_equal (pspec->name,
                "regions") ? "<<1,2,3,4>>" : "<<2.0,1.0>>"), "%s", pspec->name);
  }
}

/* The property `pspec` as the active settings have it (get_property reads
 * the proposed ones: look at the active ones in their place). */
static void
get_active (GstVideoConvolve * self, GParamSpec * pspec, GValue * value)
{
  GstVideoConvolveSettings *proposed = self->proposed;

  self->proposed = self->active;
  g_object_get_property (G_OBJECT (self), pspec->name, value);
  self->proposed = proposed;
}

static void
check_adopted (GParamSpec * pspec)
{
  GstHarness *h = gst_harness_new ("videoconvolve");
  GstVideoConvolve *self = GST_VIDEO_CONVOLVE (h->element);
  GValue set = G_VALUE_INIT, got = G_VALUE_INIT;

  gst_harness_set_src_caps_str (h, CAPS);
  fail_unless_equals_int (gst_harness_push (h,
          gst_harness_create_buffer (h, 64)), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));

  other_value (pspec, &set);
  g_object_set_property (G_OBJECT (self), pspec->name, &set);
  fail_unless_equals_int (gst_harness_push (h,
          gst_harness_create_buffer (h, 64)), GST_FLOW_OK);

  g_value_init (&got, G_PARAM_SPEC_VALUE_TYPE (pspec));
  get_active (self, pspec, &got);
  fail_unless (gst_value_compare (&set, &got) == GST_VALUE_EQUAL,
      "%s set to %s while PLAYING: the frame after was made with %s",
      pspec->name, gst_value_serialize (&set), gst_value_serialize (&got));
  g_value_unset (&set);
  g_value_unset (&got);
  gst_harness_teardown (h);
}

GST_START_TEST (test_every_property_adopted)
{
  GObjectClass *klass = g_type_class_ref (GST_TYPE_VIDEO_CONVOLVE);
  GParamSpec **specs;
  guint i, n, checked = 0;

  fail_unless (GST_ELEMENT_REGISTER (videoconvolve, NULL));
  specs = g_object_class_list_properties (klass, &n);
  for (i = 0; i < n; i++) {
    if (specs[i]->owner_type != GST_TYPE_VIDEO_CONVOLVE ||
        !(specs[i]->flags & G_PARAM_WRITABLE))
      continue;
    check_adopted (specs[i]);
    checked++;
  }
  /* kernel, preset, sigma, 2 strides, 2 dilations, 2 paddings, border,
   * border-value, divisor, bias, absolute, channels, n-threads, regions,
   * roi-meta */
  fail_unless_equals_int (checked, 18);
  g_free (specs);
  g_type_class_unref (klass);
}

GST_END_TEST;

static Suite *
adopt_suite (void)
{
  Suite *s = suite_create ("videoconvolve-adopt");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_every_property_adopted);
  return s;
}

int
main (int argc, char **argv)
{
  Suite *s;

  gst_check_init (&argc, &argv);
  s = adopt_suite ();
  return gst_check_run_suite (s, "videoconvolve-adopt", __FILE__);
}
