/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-convolve's arguments: the options, and each PROPERTY=VALUE checked
 * against videoconvolve (parsed, in range, taken by a fresh element). */
#include "gst-convolve.h"

#include <stdio.h>
#include <string.h>

/* The element's own properties (not GstObject's name and parent). */
static gboolean
is_own (GParamSpec * p)
{
  return (p->flags & G_PARAM_WRITABLE) && p->owner_type != GST_TYPE_OBJECT;
}

/* What a property takes, for messages: "it takes an integer from 1 to
 * 65536"; for a type without a range (the kernel), its description. */
static gchar *
describe (GParamSpec * p)
{
  if (G_IS_PARAM_SPEC_INT (p))
    return g_strdup_printf ("it takes an integer from %d to %d",
        G_PARAM_SPEC_INT (p)->minimum, G_PARAM_SPEC_INT (p)->maximum);
  if (G_IS_PARAM_SPEC_UINT (p))
    return g_strdup_printf ("it takes an integer from %u to %u",
        G_PARAM_SPEC_UINT (p)->minimum, G_PARAM_SPEC_UINT (p)->maximum);
  if (G_IS_PARAM_SPEC_DOUBLE (p))
    return g_strdup_printf ("it takes a number from %g to %g",
        G_PARAM_SPEC_DOUBLE (p)->minimum, G_PARAM_SPEC_DOUBLE (p)->maximum);
  if (G_IS_PARAM_SPEC_BOOLEAN (p))
    return g_strdup ("it takes true or false");
  if (G_IS_PARAM_SPEC_ENUM (p)) {
    GEnumClass *e = G_PARAM_SPEC_ENUM (p)->enum_class;
    GString *s = g_string_new ("it takes one of:");

    for (guint i = 0; i < e->n_values; i++)
      g_string_append_printf (s, " %s", e->values[i].value_nick);
    return g_string_free (s, FALSE);
  }
  return g_strdup_printf ("its description: %s", g_param_spec_get_blurb (p));
}

/* The names of the element's properties, for messages. */
static gchar *
property_names (GstElement * element)
{
  guint n;
  GParamSpec **all =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (is_own (all[i]))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", all[i]->name);
  g_free (all);
  return g_string_free (s, FALSE);
}

/* The text of an error message (NULL-safe), or NULL. */
static gchar *
error_text (GstMessage * msg)
{
  GError *err = NULL;
  gchar *text;

  if (msg == NULL)
    return NULL;
  gst_message_parse_error (msg, &err, NULL);
  text = g_strdup (err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  return text;
}

/* What `probe` (a fresh element, set up by the caller) says when it
 * starts, or NULL when it starts. Unrefs `probe`. */
static gchar *
start_refusal (GstElement * probe)
{
  GstBus *bus = gst_bus_new ();
  gchar *why = NULL;

  gst_element_set_bus (probe, bus);
  if (gst_element_set_state (probe, GST_STATE_PAUSED) ==
      GST_STATE_CHANGE_FAILURE)
    why = error_text (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR));
  if (why == NULL && gst_element_get_state (probe, NULL, NULL, 0) ==
      GST_STATE_CHANGE_FAILURE)
    why = g_strdup ("the element does not start with it");
  gst_element_set_state (probe, GST_STATE_NULL);
  gst_object_unref (probe);
  gst_object_unref (bus);
  return why;
}

/* What a fresh element says of `value` when it starts with it, or NULL
 * when it takes it. A kernel it cannot use (ragged, empty, NaN...) is
 * refused there, in the element's own words: no second parser here. */
static gchar *
refusal (GParamSpec * p, const GValue * value)
{
  GstElement *probe = gst_element_factory_make ("videoconvolve", NULL);

  g_object_set_property (G_OBJECT (probe), p->name, value);
  return start_refusal (probe);
}

/* Why `text` is no value of `p` (it does not parse, is out of range or is
 * refused by the element), or NULL with `value` set. */
static gchar *
check_value (GParamSpec * p, const gchar * text, GValue * value)
{
  gboolean parsed, in_range;
  gchar *what, *why;

  g_value_init (value, p->value_type);
  parsed = gst_value_deserialize_with_pspec (value, text, p);
  in_range = parsed && !g_param_value_validate (p, value);
  if (in_range)
    return refusal (p, value);
  what = describe (p);
  why = g_strdup_printf ("%s \"%s\" for %s (%s)",
      parsed ? "out of range:" : "cannot read", text, p->name, what);
  g_free (what);
  return why;
}

/* Why `kv` (an argument split at its first '=') names no property. */
static gchar *
no_property (GstElement * convolve, gchar ** kv)
{
  gchar *names = property_names (convolve);
  gchar *why;

  if (kv[0] && kv[1])
    why = g_strdup_printf ("videoconvolve has no property \"%s\" (it has "
        "%s)", kv[0], names);
  else
    why = g_strdup_printf ("not PROPERTY=VALUE (videoconvolve's properties: "
        "%s)", names);
  g_free (names);
  return why;
}

/* Sets one PROPERTY=VALUE argument, or says why not and returns FALSE. */
gboolean
set_arg (GstElement * convolve, const gchar * arg)
{
  gchar **kv = g_strsplit (arg, "=", 2);
  GParamSpec *p = kv[0] && kv[1] ?
      g_object_class_find_property (G_OBJECT_GET_CLASS (convolve), kv[0]) :
      NULL;
  GValue value = G_VALUE_INIT;
  gchar *why = p && is_own (p) ? check_value (p, kv[1], &value) :
      no_property (convolve, kv);
  gboolean ok = why == NULL;

  if (ok)
    g_object_set_property (G_OBJECT (convolve), p->name, &value);
  else
    fprintf (stderr, "gst-convolve: %s: %s\n", arg, why);
  if (G_IS_VALUE (&value))
    g_value_unset (&value);
  g_free (why);
  g_strfreev (kv);
  return ok;
}

/* Takes -y/--overwrite and -h/--help out of argv (anywhere before "--"),
 * keeping the other arguments in order. FALSE on an unknown option. */
gboolean
take_options (gint * argc, gchar ** argv, gboolean * overwrite, gboolean * help)
{
  gboolean options = TRUE;
  gint n = 1;

  for (gint i = 1; i < *argc; i++) {
    const gchar *a = argv[i];

    if (options && strcmp (a, "--") == 0)
      options = FALSE;
    else if (options && (!strcmp (a, "-y") || !strcmp (a, "--overwrite")))
      *overwrite = TRUE;
    else if (options && (!strcmp (a, "-h") || !strcmp (a, "--help")))
      *help = TRUE;
    else if (options && a[0] == '-' && a[1] != '\0') {
      fprintf (stderr, "gst-convolve: unknown option %s (--help)\n", a);
      return FALSE;
    } else
      argv[n++] = argv[i];
  }
  *argc = n;
  return TRUE;
}

/* Whether the values set on `convolve`, each taken alone, are also taken
 * together (regions refuse a stride above 1, say): a fresh element with
 * all of them, in the order the element installed its properties (the
 * kernel before the preset, as the element reads them back), must start.
 * Otherwise says why, after `settings`, and returns FALSE. */
gboolean
check_together (GstElement * convolve, const gchar * settings)
{
  GstElement *probe = gst_element_factory_make ("videoconvolve", NULL);
  guint n;
  GParamSpec **all =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (convolve), &n);
  gchar *why;

  for (guint i = 0; i < n; i++) {
    GValue v = G_VALUE_INIT;

    if (!is_own (all[i]) || !(all[i]->flags & G_PARAM_READABLE))
      continue;
    g_value_init (&v, all[i]->value_type);
    g_object_get_property (G_OBJECT (convolve), all[i]->name, &v);
    g_object_set_property (G_OBJECT (probe), all[i]->name, &v);
    g_value_unset (&v);
  }
  g_free (all);
  why = start_refusal (probe);
  if (why)
    fprintf (stderr, "gst-convolve: %s: %s\n", settings, why);
  g_free (why);
  return why == NULL;
}
