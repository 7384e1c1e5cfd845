/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "efir-model.h"

/* Every writable property of every model type, driven by its GParamSpec: the
 * value set is the value read back, and "notify" goes out once per real
 * change and never for setting the same value again.
 */

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  guint notified;
  guint notified_any;
} NotifyCount;

static void
property_notified_cb (GObject     *object,
                      GParamSpec  *pspec,
                      NotifyCount *count)
{
  count->notified++;
}

static void
any_notified_cb (GObject     *object,
                 GParamSpec  *pspec,
                 NotifyCount *count)
{
  count->notified_any++;
}

/* Fills @value with the @which-th (0 or 1) test value for @pspec; both differ
 * from the default and from each other.
 */
static void
make_value (GParamSpec *pspec,
            guint       which,
            GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    {
      /* The one property with a closed set of values. */
      if (g_str_equal (pspec->name, "language"))
        g_value_set_string (value, which == 0 ? "ru" : "en");
      else
        g_value_set_string (value, which == 0 ? "Çətin sual" : "Трудный вопрос");
    }
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, which == 0 ? 7 : 1 + (gint64) G_MAXINT32);
  else if (type == G_TYPE_INT)
    g_value_set_int (value, which == 0 ? 112 : 1740);
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, which == 0 ? 903.5 : 1612.0);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, which == 0);
  else if (type == G_TYPE_STRV)
    {
      const char *first[] = { "Russia", "İran", NULL };
      const char *second[] = { "Russia", NULL };

      g_value_set_boxed (value, which == 0 ? first : second);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      g_autoptr(GTimeZone) baku = g_time_zone_new_offset (4 * 3600);

      g_value_take_boxed (value, g_date_time_new (baku, 2024, 10, 4 + which, 20, 0, 0));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);

      g_value_set_enum (value, enum_class->values[1 + which].value);
    }
  else
    g_assert_not_reached ();
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  g_assert_cmpint (type, ==, G_VALUE_TYPE (b));

  if (type == G_TYPE_STRV)
    return g_strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_DATE_TIME)
    return g_date_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case G_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_INT:
      return g_value_get_int (a) == g_value_get_int (b);
    case G_TYPE_DOUBLE:
      return g_value_get_double (a) == g_value_get_double (b);
    case G_TYPE_BOOLEAN:
      return g_value_get_boolean (a) == g_value_get_boolean (b);
    case G_TYPE_ENUM:
      return g_value_get_enum (a) == g_value_get_enum (b);
    default:
      g_assert_not_reached ();
    }
}

static void
check_property (GObject    *object,
                GParamSpec *pspec)
{
  g_auto(GValue) first = G_VALUE_INIT;
  g_auto(GValue) second = G_VALUE_INIT;
  g_auto(GValue) read = G_VALUE_INIT;
  g_autofree char *detailed = g_strconcat ("notify::", pspec->name, NULL);
  NotifyCount count = { 0, };
  gulong handler_id, any_handler_id;

  g_test_message ("%s:%s", G_OBJECT_TYPE_NAME (object), pspec->name);

  make_value (pspec, 0, &first);
  make_value (pspec, 1, &second);
  g_value_init (&read, G_PARAM_SPEC_VALUE_TYPE (pspec));

  handler_id = g_signal_connect (object, detailed, G_CALLBACK (property_notified_cb), &count);
  any_handler_id = g_signal_connect (object, "notify", G_CALLBACK (any_notified_cb), &count);

  g_object_set_property (object, pspec->name, &first);
  g_assert_cmpuint (count.notified, ==, 1);
  g_object_get_property (object, pspec->name, &read);
  g_assert_true (values_equal (&first, &read));

  g_object_set_property (object, pspec->name, &first);
  g_assert_cmpuint (count.notified, ==, 1);

  g_object_set_property (object, pspec->name, &second);
  g_assert_cmpuint (count.notified, ==, 2);
  g_value_reset (&read);
  g_object_get_property (object, pspec->name, &read);
  g_assert_true (values_equal (&second, &read));

  /* No other property notified along the way. */
  g_assert_cmpuint (count.notified_any, ==, 2);

  g_signal_handler_disconnect (object, handler_id);
  g_signal_handler_disconnect (object, any_handler_id);
}

static GObject *
new_object (GType type)
{
  return g_object_new (type, NULL);
}

/* Tests ------------------------------------------------------------------ */

static void
test_properties (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GObject) object = new_object (type);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs, n_checked = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      if (pspecs[i]->flags & G_PARAM_WRITABLE)
        {
          g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
          check_property (object, pspecs[i]);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >, 0);
}

static void
test_strings_never_null (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GObject) object = new_object (type);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GType value_type = G_PARAM_SPEC_VALUE_TYPE (pspecs[i]);
      NotifyCount count = { 0, };
      gulong handler_id;

      if (value_type != G_TYPE_STRING && value_type != G_TYPE_STRV)
        continue;

      g_test_message ("%s:%s", g_type_name (type), pspecs[i]->name);

      /* Cleared with NULL reads as the default, never NULL; clearing again,
       * with NULL or with "", is no change.
       */
      if (value_type == G_TYPE_STRING)
        {
          g_autofree char *read = NULL;
          const char *some = g_str_equal (pspecs[i]->name, "language") ? "ru" : "Sual";

          g_object_set (object, pspecs[i]->name, some, NULL);
          g_object_set (object, pspecs[i]->name, NULL, NULL);
          g_object_get (object, pspecs[i]->name, &read, NULL);
          g_assert_nonnull (read);
          g_assert_cmpstr (read, ==, G_PARAM_SPEC_STRING (pspecs[i])->default_value);

          handler_id = g_signal_connect (object, "notify", G_CALLBACK (any_notified_cb), &count);
          g_object_set (object, pspecs[i]->name, "", NULL);
          g_object_set (object, pspecs[i]->name, NULL, NULL);
        }
      else
        {
          const char *some[] = { "Sual", NULL };
          const char *empty[] = { NULL };
          g_auto(GStrv) read = NULL;

          g_object_set (object, pspecs[i]->name, some, NULL);
          g_object_set (object, pspecs[i]->name, NULL, NULL);
          g_object_get (object, pspecs[i]->name, &read, NULL);
          g_assert_nonnull (read);
          g_assert_cmpuint (g_strv_length (read), ==, 0);

          handler_id = g_signal_connect (object, "notify", G_CALLBACK (any_notified_cb), &count);
          g_object_set (object, pspecs[i]->name, empty, NULL);
          g_object_set (object, pspecs[i]->name, NULL, NULL);
        }

      g_assert_cmpuint (count.notified_any, ==, 0);
      g_signal_handler_disconnect (object, handler_id);
    }
}

static void
test_program_defaults (void)
{
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");

  g_assert_cmpint (efir_program_get_id (program), ==, 0);
  g_assert_cmpstr (efir_program_get_name (program), ==, "Çətin sual");
  g_assert_cmpstr (efir_program_get_language (program), ==, "az");
  g_assert_cmpstr (efir_program_get_time_zone (program), ==, "Asia/Baku");
  g_assert_cmpstr (efir_program_get_description (program), ==, "");
  g_assert_cmpuint (g_strv_length ((char **) efir_program_get_hosts (program)), ==, 0);

  /* Clearing the language or zone brings the default back. */
  efir_program_set_language (program, "ru");
  efir_program_set_time_zone (program, "Europe/Moscow");
  efir_program_set_language (program, NULL);
  efir_program_set_time_zone (program, "");
  g_assert_cmpstr (efir_program_get_language (program), ==, "az");
  g_assert_cmpstr (efir_program_get_time_zone (program), ==, "Asia/Baku");

  g_assert_true (efir_program_language_is_valid ("en"));
  g_assert_false (efir_program_language_is_valid ("tr"));
  g_assert_false (efir_program_language_is_valid (NULL));

  g_test_expect_message ("efir-program", G_LOG_LEVEL_CRITICAL, "*language_is_valid*");
  efir_program_set_language (program, "tr");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (efir_program_get_language (program), ==, "az");
}

static void
test_constructors (void)
{
  g_autoptr(EfirPerson) person = efir_person_new ("Nəsimi Məmmədli");
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Political commentator");
  g_autoptr(EfirQuote) quote = efir_quote_new ("Это естественно.", "Nasimi Mammadli", 903.5);
  g_autoptr(EfirQuote) untimed = efir_quote_new ("Text", NULL, -1);
  g_autoptr(EfirSegment) segment = efir_segment_new (6.5, 15.0, "Host", "Axşamınız xeyir.");
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/difficultquestion/4521", NULL);

  g_assert_cmpstr (efir_person_get_name (person), ==, "Nəsimi Məmmədli");
  g_assert_cmpint (efir_person_get_id (person), ==, 0);

  g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "Political commentator");
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 0);

  g_assert_cmpstr (efir_quote_get_text (quote), ==, "Это естественно.");
  g_assert_cmpstr (efir_quote_get_speaker (quote), ==, "Nasimi Mammadli");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 903.5);
  g_assert_false (efir_quote_get_pull_quote (quote));
  g_assert_cmpfloat (efir_quote_get_start_seconds (untimed), ==, -1);
  g_assert_cmpstr (efir_quote_get_speaker (untimed), ==, "");

  g_assert_cmpfloat (efir_segment_get_start (segment), ==, 6.5);
  g_assert_cmpfloat (efir_segment_get_end (segment), ==, 15.0);
  g_assert_cmpstr (efir_segment_get_speaker (segment), ==, "Host");
  g_assert_cmpstr (efir_segment_get_text (segment), ==, "Axşamınız xeyir.");

  g_assert_cmpstr (efir_social_link_get_url (link), ==, "https://t.me/difficultquestion/4521");
  g_assert_cmpstr (efir_social_link_get_platform (link), ==, "");
}

static void
test_quote_negative_time (void)
{
  g_autoptr(EfirQuote) quote = efir_quote_new ("Text", "Host", 12);
  NotifyCount count = { 0, };

  g_signal_connect (quote, "notify", G_CALLBACK (any_notified_cb), &count);

  /* Any negative time means "no time" and reads back as exactly -1. */
  efir_quote_set_start_seconds (quote, -0.5);
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, -1);
  g_assert_cmpuint (count.notified_any, ==, 1);

  efir_quote_set_start_seconds (quote, -30);
  g_assert_cmpuint (count.notified_any, ==, 1);
}

static void
test_segment_speaker_shared (void)
{
  g_autofree char *host = g_strdup ("Aparıcı");
  g_autoptr(EfirSegment) a = efir_segment_new (0, 1, host, "Bir");
  g_autoptr(EfirSegment) b = efir_segment_new (1, 2, "Aparıcı", "İki");

  /* Thousands of segments name a handful of speakers: one copy each. */
  g_assert_true (efir_segment_get_speaker (a) == efir_segment_get_speaker (b));
  g_assert_true (efir_segment_get_speaker (a) != host);

  efir_segment_set_speaker (b, "Qonaq");
  g_assert_cmpstr (efir_segment_get_speaker (a), ==, "Aparıcı");
  g_assert_cmpstr (efir_segment_get_speaker (b), ==, "Qonaq");
}

static void
test_copy_equal (void)
{
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nasimi Mammadli", "Commentator");
  g_autoptr(EfirEpisodeGuest) guest_copy = NULL;
  g_autoptr(EfirQuote) quote = efir_quote_new ("Text", "Nasimi Mammadli", 1612.0);
  g_autoptr(EfirQuote) quote_copy = NULL;
  g_autoptr(EfirSegment) segment = efir_segment_new (0.0, 6.5, "Host", "Good evening");
  g_autoptr(EfirSegment) segment_copy = NULL;
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://youtu.be/x", "youtube");
  g_autoptr(EfirSocialLink) link_copy = NULL;

  efir_episode_guest_set_person_id (guest, 12);
  efir_quote_set_pull_quote (quote, TRUE);

  guest_copy = efir_episode_guest_copy (guest);
  quote_copy = efir_quote_copy (quote);
  segment_copy = efir_segment_copy (segment);
  link_copy = efir_social_link_copy (link);

  g_assert_true (guest_copy != guest);
  g_assert_true (efir_episode_guest_equal (guest, guest_copy));
  g_assert_true (efir_quote_equal (quote, quote_copy));
  g_assert_true (efir_segment_equal (segment, segment_copy));
  g_assert_true (efir_social_link_equal (link, link_copy));

  efir_episode_guest_set_person_id (guest_copy, 13);
  g_assert_false (efir_episode_guest_equal (guest, guest_copy));
  efir_quote_set_pull_quote (quote_copy, FALSE);
  g_assert_false (efir_quote_equal (quote, quote_copy));
  efir_segment_set_end (segment_copy, 6.6);
  g_assert_false (efir_segment_equal (segment, segment_copy));
  efir_social_link_set_platform (link_copy, NULL);
  g_assert_false (efir_social_link_equal (link, link_copy));
}

int
main (int   argc,
      char *argv[])
{
  GType types[] = {
    EFIR_TYPE_PROGRAM,
    EFIR_TYPE_PERSON,
    EFIR_TYPE_EPISODE_GUEST,
    EFIR_TYPE_QUOTE,
    EFIR_TYPE_SEGMENT,
    EFIR_TYPE_SOCIAL_LINK,
    EFIR_TYPE_EPISODE,
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/objects/properties/%s", g_type_name (types[i]));
      g_autofree char *null_path = g_strdup_printf ("/model/objects/strings-never-null/%s",
                                                    g_type_name (types[i]));

      g_test_add_data_func (path, GSIZE_TO_POINTER (types[i]), test_properties);
      g_test_add_data_func (null_path, GSIZE_TO_POINTER (types[i]), test_strings_never_null);
    }

  g_test_add_func ("/model/objects/program-defaults", test_program_defaults);
  g_test_add_func ("/model/objects/constructors", test_constructors);
  g_test_add_func ("/model/objects/quote-negative-time", test_quote_negative_time);
  g_test_add_func ("/model/objects/segment-speaker-shared", test_segment_speaker_shared);
  g_test_add_func ("/model/objects/copy-equal", test_copy_equal);

  return g_test_run ();
}
