/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "efir-episode-json.h"
#include "efir-test-util.h"
#include "efir-model.h"

/* Helpers ---------------------------------------------------------------- */

static char *
read_example (gsize *length)
{
  return efir_test_read_fixture ("difficult-question-episode.json", length);
}

static EfirEpisode *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_episode_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (episode);

  return episode;
}

static void
check_parse_fails (const char *json,
                   int         code,
                   const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_from_json (json, -1, &error);

  g_assert_null (episode);
  g_assert_error (error, EFIR_EPISODE_JSON_ERROR, code);

  g_test_message ("%s", error->message);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("“%s” does not match “%s”", error->message, pattern);
}

static gpointer
get_item (GListStore *store,
          guint       position)
{
  GObject *item = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (item);

  /* The store keeps its own reference; the tests only look. */
  g_object_unref (item);
  return item;
}

static guint
n_items (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

/* An episode in the programme's two other languages, with every field set and
 * text that needs escaping.
 */
static EfirEpisode *
new_full_episode (void)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GTimeZone) moscow = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) air_date = g_date_time_new (moscow, 2024, 3, 31, 21, 30, 0);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  g_autoptr(EfirEpisodeGuest) other_guest = efir_episode_guest_new ("Сергей Нарышкин", NULL);
  g_autoptr(EfirQuote) quote = efir_quote_new ("Это вопрос не угроз, а интересов.",
                                               "Nəsimi Məmmədli", 1612.0);
  g_autoptr(EfirQuote) untimed = efir_quote_new ("Xarici təhdidlərə qarşı \"profilaktik\" tədbirlər",
                                                 "Nəsimi Məmmədli", -1);
  g_autoptr(EfirSocialLink) youtube = efir_social_link_new ("https://youtu.be/dQw4w9WgXcQ", "youtube");
  g_autoptr(EfirSocialLink) unknown = efir_social_link_new ("https://t.me/difficultquestion/4521", NULL);
  const char *tags[] = { "Rusiya", "İran", "Милли Меджлис", NULL };

  efir_episode_set_program_name (episode, "Çətin sual");
  efir_episode_set_number (episode, 113);
  efir_episode_set_title (episode, "Azərbaycanı nə narahat edir? Что беспокоит Азербайджан?");
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1s");
  efir_episode_set_duration (episode, 10800);
  efir_episode_set_slug (episode, "azerbaycani-ne-narahat-edir");
  efir_episode_set_summary (episode, "**Nəsimi Məmmədli** danışır.\n\n> «Цитата»\\ \t\x01 😀");
  efir_episode_set_tags (episode, tags);
  efir_episode_set_status (episode, EFIR_EPISODE_STATUS_READY);

  efir_quote_set_pull_quote (quote, TRUE);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_guests (episode), other_guest);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_list_store_append (efir_episode_get_quotes (episode), untimed);
  g_list_store_append (efir_episode_get_social_links (episode), youtube);
  g_list_store_append (efir_episode_get_social_links (episode), unknown);

  /* Times that print badly with 17 digits, and ones that are whole. */
  g_ptr_array_add (segments, efir_segment_new (0.0, 4.2, "Aparıcı", "Axşamınız xeyir."));
  g_ptr_array_add (segments, efir_segment_new (4.2, 903.5, "Ведущий", "Добрый вечер."));
  g_ptr_array_add (segments, efir_segment_new (903.5, 1612.0, "", ""));
  g_ptr_array_add (segments, efir_segment_new (0.1 + 0.2, 10799.999, "Nəsimi Məmmədli", "Son."));
  g_ptr_array_add (segments, efir_segment_new (1e-7, 1e21, "x", "y"));
  efir_episode_set_transcript (episode, segments);

  return episode;
}

/* Tests ------------------------------------------------------------------ */

static void
test_example (void)
{
  g_autofree char *json = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GDateTime *air_date;
  EfirEpisodeGuest *guest;
  EfirQuote *quote;
  EfirSegment *segment;
  const char * const *tags;
  static const struct {
    double start, end;
    const char *speaker;
  } segments[] = {
    { 0.0, 6.5, "Host" },
    { 6.5, 15.0, "Host" },
    { 15.0, 24.0, "Nasimi Mammadli" },
    { 903.5, 908.0, "Nasimi Mammadli" },
    { 1612.0, 1620.0, "Nasimi Mammadli" },
  };

  json = read_example (&length);

  episode = efir_episode_from_json (json, length, &error);
  g_assert_no_error (error);

  g_assert_cmpint (efir_episode_get_id (episode), ==, 0);
  g_assert_cmpint (efir_episode_get_program_id (episode), ==, 0);
  g_assert_cmpstr (efir_episode_get_program_name (episode), ==, "Difficult Question");
  g_assert_cmpint (efir_episode_get_number (episode), ==, 112);
  g_assert_cmpstr (efir_episode_get_title (episode), ==,
                   "What is Azerbaijan concerned about: foreign interference, hybrid threats, "
                   "or non-systemic opposition?");

  air_date = efir_episode_get_air_date (episode);
  g_assert_nonnull (air_date);
  g_assert_cmpint (g_date_time_get_year (air_date), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (air_date), ==, 10);
  g_assert_cmpint (g_date_time_get_day_of_month (air_date), ==, 4);
  g_assert_cmpint (g_date_time_get_hour (air_date), ==, 20);
  g_assert_cmpint (g_date_time_get_minute (air_date), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (air_date), ==, 4 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_to_unix (air_date), ==, 1728057600);

  g_assert_cmpstr (efir_episode_get_video_url (episode), ==,
                   "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  g_assert_cmpint (efir_episode_get_duration (episode), ==, 1740);

  g_assert_cmpuint (n_items (efir_episode_get_guests (episode)), ==, 1);
  guest = get_item (efir_episode_get_guests (episode), 0);
  g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Nasimi Mammadli");
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "Political commentator");
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 0);

  g_assert_true (g_str_has_prefix (efir_episode_get_summary (episode),
                                   "A temporary commission of the Milli Majlis against foreign "
                                   "interference and hybrid threats was set up on September 30,"));
  g_assert_nonnull (strstr (efir_episode_get_summary (episode),
                            "visited Baku.\n\nPolitical commentator **Nasimi Mammadli** discusses"));
  g_assert_true (g_str_has_suffix (efir_episode_get_summary (episode),
                                   "the role society should play."));

  g_assert_cmpuint (n_items (efir_episode_get_quotes (episode)), ==, 2);
  quote = get_item (efir_episode_get_quotes (episode), 0);
  g_assert_cmpstr (efir_quote_get_text (quote), ==,
                   "But if this is geopolitically motivated, it means that the issue is not so "
                   "much about threats as it is about interests.");
  g_assert_cmpstr (efir_quote_get_speaker (quote), ==, "Nasimi Mammadli");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 1612.0);
  g_assert_false (efir_quote_get_pull_quote (quote));
  quote = get_item (efir_episode_get_quotes (episode), 1);
  g_assert_cmpstr (efir_quote_get_text (quote), ==,
                   "Taking preventive measures against external threats is quite natural.");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 903.5);

  g_assert_cmpuint (n_items (efir_episode_get_transcript (episode)), ==, G_N_ELEMENTS (segments));
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      segment = get_item (efir_episode_get_transcript (episode), i);
      g_assert_cmpfloat (efir_segment_get_start (segment), ==, segments[i].start);
      g_assert_cmpfloat (efir_segment_get_end (segment), ==, segments[i].end);
      g_assert_cmpstr (efir_segment_get_speaker (segment), ==, segments[i].speaker);
    }
  segment = get_item (efir_episode_get_transcript (episode), 0);
  g_assert_cmpstr (efir_segment_get_text (segment), ==, "Good evening, this is Difficult Question.");
  segment = get_item (efir_episode_get_transcript (episode), 2);
  g_assert_cmpstr (efir_segment_get_text (segment), ==,
                   "There are no specific threats to Azerbaijan's security. The Karabakh issue, "
                   "the most serious threat, has been resolved.");

  /* The example leaves platforms out: they are recognised later, from the URL. */
  g_assert_cmpuint (n_items (efir_episode_get_social_links (episode)), ==, 3);
  g_assert_cmpstr (efir_social_link_get_url (get_item (efir_episode_get_social_links (episode), 0)), ==,
                   "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=AbCdEf123&feature=share");
  g_assert_cmpstr (efir_social_link_get_url (get_item (efir_episode_get_social_links (episode), 1)), ==,
                   "https://www.facebook.com/difficultquestion/videos/1234567890/?mibextid=abc");
  g_assert_cmpstr (efir_social_link_get_url (get_item (efir_episode_get_social_links (episode), 2)), ==,
                   "https://t.me/difficultquestion/4521");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (efir_social_link_get_platform (get_item (efir_episode_get_social_links (episode), i)),
                     ==, "");

  tags = efir_episode_get_tags (episode);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 4);
  g_assert_cmpstr (tags[0], ==, "Russia");
  g_assert_cmpstr (tags[1], ==, "Iran");
  g_assert_cmpstr (tags[2], ==, "Milli Majlis");
  g_assert_cmpstr (tags[3], ==, "hybrid threats");

  g_assert_cmpstr (efir_episode_get_slug (episode), ==, "");
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_DRAFT);
}

static void
check_stable_export (EfirEpisode *episode,
                     gboolean     pretty)
{
  g_autofree char *first = efir_episode_to_json (episode, pretty);
  g_autoptr(EfirEpisode) again = parse_ok (first);
  g_autofree char *second = efir_episode_to_json (again, pretty);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (efir_episode_diff (episode, again), ==, 0);
}

static void
test_example_stable (void)
{
  g_autofree char *json = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autofree char *exported = NULL;
  gsize length;

  json = read_example (&length);

  episode = parse_ok (json);
  check_stable_export (episode, TRUE);
  check_stable_export (episode, FALSE);

  /* The documented layout, one field and one list entry per line, is the
   * example's own: exporting it gives it back, with the status it left out.
   */
  exported = efir_episode_to_json (episode, TRUE);
  if (strstr (json, "\"status\"") == NULL)
    {
      g_autofree char *expected = NULL;

      g_assert_true (g_str_has_suffix (json, "\n}\n"));
      expected = g_strdup_printf ("%.*s,\n  \"status\": \"draft\"\n}\n",
                                  (int) (length - strlen ("\n}\n")), json);
      g_assert_cmpstr (exported, ==, expected);
    }
  else
    g_assert_cmpstr (exported, ==, json);

  g_assert_true (g_str_has_prefix (exported, "{\n  \"format\": \"efir-episode/1\",\n"
                                             "  \"program\": \"Difficult Question\",\n"));
  g_assert_nonnull (strstr (exported, "  \"air_date\": \"2024-10-04T20:00:00+04:00\",\n"));
  g_assert_nonnull (strstr (exported, "  \"guests\": [\n"
                                      "    {\"name\": \"Nasimi Mammadli\", \"role\": \"Political commentator\"}\n"
                                      "  ],\n"));
  g_assert_nonnull (strstr (exported, "\"speaker\": \"Nasimi Mammadli\", \"start_seconds\": 1612.0},\n"));
  g_assert_nonnull (strstr (exported, "    {\"start\": 0.0, \"end\": 6.5, \"speaker\": \"Host\", "
                                      "\"text\": \"Good evening, this is Difficult Question.\"},\n"));
  g_assert_nonnull (strstr (exported, "    {\"url\": \"https://t.me/difficultquestion/4521\"}\n  ],\n"));
  g_assert_nonnull (strstr (exported, "  \"tags\": [\"Russia\", \"Iran\", \"Milli Majlis\", \"hybrid threats\"],\n"));
  g_assert_true (g_str_has_suffix (exported, "  \"status\": \"draft\"\n}\n"));
}

static void
test_roundtrip (void)
{
  g_autoptr(EfirEpisode) episode = new_full_episode ();
  g_autoptr(EfirEpisode) pretty = NULL;
  g_autoptr(EfirEpisode) compact = NULL;
  g_autofree char *pretty_json = efir_episode_to_json (episode, TRUE);
  g_autofree char *compact_json = efir_episode_to_json (episode, FALSE);
  EfirEpisode *copies[2];

  pretty = parse_ok (pretty_json);
  compact = parse_ok (compact_json);
  copies[0] = pretty;
  copies[1] = compact;

  for (guint c = 0; c < G_N_ELEMENTS (copies); c++)
    {
      EfirEpisode *copy = copies[c];
      GDateTime *air_date = efir_episode_get_air_date (copy);
      EfirQuote *quote;
      EfirSocialLink *link;
      EfirSegment *segment;

      g_assert_cmpstr (efir_episode_get_program_name (copy), ==, "Çətin sual");
      g_assert_cmpint (efir_episode_get_number (copy), ==, 113);
      g_assert_cmpstr (efir_episode_get_title (copy), ==, efir_episode_get_title (episode));
      g_assert_true (g_date_time_equal (air_date, efir_episode_get_air_date (episode)));
      g_assert_cmpint (g_date_time_get_utc_offset (air_date), ==, 3 * G_TIME_SPAN_HOUR);
      g_assert_cmpint (g_date_time_get_hour (air_date), ==, 21);
      g_assert_cmpstr (efir_episode_get_video_url (copy), ==, efir_episode_get_video_url (episode));
      g_assert_cmpint (efir_episode_get_duration (copy), ==, 10800);
      g_assert_cmpstr (efir_episode_get_slug (copy), ==, "azerbaycani-ne-narahat-edir");
      g_assert_cmpstr (efir_episode_get_summary (copy), ==, efir_episode_get_summary (episode));
      g_assert_true (g_strv_equal (efir_episode_get_tags (copy), efir_episode_get_tags (episode)));
      g_assert_cmpint (efir_episode_get_status (copy), ==, EFIR_EPISODE_STATUS_READY);

      g_assert_cmpuint (n_items (efir_episode_get_guests (copy)), ==, 2);
      g_assert_cmpstr (efir_episode_guest_get_name (get_item (efir_episode_get_guests (copy), 1)), ==,
                       "Сергей Нарышкин");
      g_assert_cmpstr (efir_episode_guest_get_role (get_item (efir_episode_get_guests (copy), 1)), ==, "");

      quote = get_item (efir_episode_get_quotes (copy), 0);
      g_assert_true (efir_quote_get_pull_quote (quote));
      g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 1612.0);
      quote = get_item (efir_episode_get_quotes (copy), 1);
      g_assert_false (efir_quote_get_pull_quote (quote));
      g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, -1);
      g_assert_cmpstr (efir_quote_get_text (quote), ==, "Xarici təhdidlərə qarşı \"profilaktik\" tədbirlər");

      link = get_item (efir_episode_get_social_links (copy), 0);
      g_assert_cmpstr (efir_social_link_get_platform (link), ==, "youtube");
      link = get_item (efir_episode_get_social_links (copy), 1);
      g_assert_cmpstr (efir_social_link_get_platform (link), ==, "");

      segment = get_item (efir_episode_get_transcript (copy), 3);
      g_assert_cmpfloat (efir_segment_get_start (segment), ==, 0.1 + 0.2);
      g_assert_cmpfloat (efir_segment_get_end (segment), ==, 10799.999);
      segment = get_item (efir_episode_get_transcript (copy), 4);
      g_assert_cmpfloat (efir_segment_get_start (segment), ==, 1e-7);
      g_assert_cmpfloat (efir_segment_get_end (segment), ==, 1e21);

      /* And everything else, item by item. */
      g_assert_cmpuint (efir_episode_diff (copy, episode), ==, 0);
    }

  check_stable_export (episode, TRUE);
  check_stable_export (episode, FALSE);
}

static void
test_shape (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GTimeZone) baku = g_time_zone_new_offset (4 * 3600);
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2024, 10, 4, 20, 0, 0);
  g_autoptr(EfirQuote) timed = efir_quote_new ("A", "B", 0.0);
  g_autoptr(EfirQuote) untimed = efir_quote_new ("C", "D", -1);
  g_autoptr(EfirSegment) segment = efir_segment_new (0.0, 4.2, "Host", "Tab\there, \"quoted\"\n");
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/x/1", "telegram");
  g_autofree char *json = NULL;
  g_autofree char *empty_json = NULL;
  g_autoptr(EfirEpisode) empty = efir_episode_new ();

  efir_episode_set_program_name (episode, "Difficult Question");
  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, "Title");
  efir_episode_set_air_date (episode, air_date);
  efir_quote_set_pull_quote (untimed, TRUE);
  g_list_store_append (efir_episode_get_quotes (episode), timed);
  g_list_store_append (efir_episode_get_quotes (episode), untimed);
  g_list_store_append (efir_episode_get_transcript (episode), segment);
  g_list_store_append (efir_episode_get_social_links (episode), link);

  json = efir_episode_to_json (episode, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"format\":\"efir-episode/1\",\"program\":\"Difficult Question\",\"number\":112,"
                   "\"title\":\"Title\",\"air_date\":\"2024-10-04T20:00:00+04:00\",\"video_url\":\"\","
                   "\"duration_seconds\":0,\"guests\":[],\"summary\":\"\","
                   "\"quotes\":[{\"text\":\"A\",\"speaker\":\"B\",\"start_seconds\":0.0},"
                   "{\"text\":\"C\",\"speaker\":\"D\",\"pull_quote\":true}],"
                   "\"transcript\":[{\"start\":0.0,\"end\":4.2,\"speaker\":\"Host\","
                   "\"text\":\"Tab\\there, \\\"quoted\\\"\\n\"}],"
                   "\"social_links\":[{\"url\":\"https://t.me/x/1\",\"platform\":\"telegram\"}],"
                   "\"tags\":[],\"status\":\"draft\"}");

  /* Nothing set: the air date is there, as null, and empty lists stay on
   * the line of their field.
   */
  empty_json = efir_episode_to_json (empty, TRUE);
  g_assert_cmpstr (empty_json, ==,
                   "{\n"
                   "  \"format\": \"efir-episode/1\",\n"
                   "  \"program\": \"\",\n"
                   "  \"number\": 0,\n"
                   "  \"title\": \"\",\n"
                   "  \"air_date\": null,\n"
                   "  \"video_url\": \"\",\n"
                   "  \"duration_seconds\": 0,\n"
                   "  \"guests\": [],\n"
                   "  \"summary\": \"\",\n"
                   "  \"quotes\": [],\n"
                   "  \"transcript\": [],\n"
                   "  \"social_links\": [],\n"
                   "  \"tags\": [],\n"
                   "  \"status\": \"draft\"\n"
                   "}\n");
  check_stable_export (empty, TRUE);
}

/* GLib writes the year 506 as "506", which no reader takes; found by the
 * fuzzer. */
static void
test_air_date_early_year (void)
{
  g_autoptr(EfirEpisode) episode = parse_ok ("{\"format\": \"efir-episode/1\","
                                             " \"air_date\": \"0506-10-04T20:00:00+04:00\"}");
  g_autofree char *json = efir_episode_to_json (episode, FALSE);
  g_autoptr(EfirEpisode) again = parse_ok (json);

  g_assert_nonnull (strstr (json, "\"0506-10-04T20:00:00+04:00\""));
  g_assert_true (g_date_time_equal (efir_episode_get_air_date (episode),
                                    efir_episode_get_air_date (again)));
}

static void
test_air_date_forms (void)
{
  g_autoptr(EfirEpisode) utc = parse_ok ("{\"format\": \"efir-episode/1\", \"air_date\": \"2024-10-04T16:00:00Z\"}");
  g_autoptr(EfirEpisode) fraction = parse_ok ("{\"format\": \"efir-episode/1\", "
                                              "\"air_date\": \"2024-10-04T20:00:00.250+04:00\"}");
  g_autofree char *utc_json = efir_episode_to_json (utc, FALSE);

  g_assert_cmpint (g_date_time_get_utc_offset (efir_episode_get_air_date (utc)), ==, 0);
  g_assert_nonnull (strstr (utc_json, "\"air_date\":\"2024-10-04T16:00:00+00:00\""));
  g_assert_cmpint (g_date_time_get_microsecond (efir_episode_get_air_date (fraction)), ==, 250000);
  check_stable_export (utc, FALSE);
  check_stable_export (fraction, FALSE);
}

static void
test_optional_fields (void)
{
  g_autoptr(EfirEpisode) bare = parse_ok ("{\"format\": \"efir-episode/1\"}");
  g_autoptr(EfirEpisode) empty = efir_episode_new ();
  g_autoptr(EfirEpisode) nulls = NULL;
  g_autoptr(EfirEpisode) extra = NULL;
  EfirQuote *quote;

  g_assert_cmpuint (efir_episode_diff (bare, empty), ==, 0);

  nulls = parse_ok ("{\"format\": \"efir-episode/1\", \"title\": null, \"air_date\": null, "
                    "\"number\": null, \"tags\": null, \"guests\": null, \"slug\": null, \"status\": null}");
  g_assert_cmpstr (efir_episode_get_title (nulls), ==, "");
  g_assert_null (efir_episode_get_air_date (nulls));
  g_assert_cmpint (efir_episode_get_status (nulls), ==, EFIR_EPISODE_STATUS_DRAFT);

  /* Fields from a newer writer are skipped, wherever they are; whole
   * numbers written with a fraction are whole numbers.
   */
  extra = parse_ok ("{\"format\": \"efir-episode/1\", \"number\": 7.0, \"duration_seconds\": 1740,"
                    " \"future\": {\"nested\": [1, 2]},"
                    " \"quotes\": [{\"text\": \"Q\", \"mood\": \"calm\", \"start_seconds\": 12}]}");
  g_assert_cmpint (efir_episode_get_number (extra), ==, 7);
  g_assert_cmpint (efir_episode_get_duration (extra), ==, 1740);
  quote = get_item (efir_episode_get_quotes (extra), 0);
  g_assert_cmpstr (efir_quote_get_text (quote), ==, "Q");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 12.0);
}

static void
test_invalid_json (void)
{
  /* The comma missing at the end of line 3. */
  check_parse_fails ("{\n"
                     "  \"format\": \"efir-episode/1\",\n"
                     "  \"title\": \"Title\"\n"
                     "  \"number\": 112\n"
                     "}\n",
                     EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     "The file is not valid JSON: line 3: *");

  check_parse_fails ("{\n"
                     "  \"format\": \"efir-episode/1\",\n"
                     "  \"title\": \"Title\",\n"
                     "  \"number\": 112,\n"
                     "  \"summary\": @\n"
                     "}\n",
                     EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     "The file is not valid JSON: line 5: *");

  check_parse_fails ("{\n"
                     "  \"format\": \"efir-episode/1\",\n"
                     "  \"title\": \"Title\n"
                     "}\n",
                     EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     "The file is not valid JSON: line 3: *");

  check_parse_fails ("{\n\n\n\n\n  \"format\": \"efir-episode/1\",\n  \"guests\": [1, 2,,]\n}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     "The file is not valid JSON: line 7: *");

  check_parse_fails ("{\"format\": \"efir-episode/1\",\n\"title\": \"\xff\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     "The file is not valid JSON: line 2: *UTF-8*");

  /* json-glib quotes the bytes of a broken escape in its reason; found by
   * the fuzzer. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EfirEpisode) episode = efir_episode_from_json ("{\"summary\": \"x\\ud80{\"format\": 1}",
                                                             -1, &error);

    g_assert_null (episode);
    g_assert_nonnull (error);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }

  check_parse_fails ("", EFIR_EPISODE_JSON_ERROR_INVALID_JSON, "The file is empty.");
  check_parse_fails ("  \n ", EFIR_EPISODE_JSON_ERROR_INVALID_JSON, "The file is empty.");
}

static void
test_wrong_format (void)
{
  check_parse_fails ("{\"format\": \"wordpress-post\", \"title\": \"x\"}",
                     EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                     "This is not an Efir episode file: “format” is “wordpress-post”, expected “efir-episode/1”.");
  check_parse_fails ("{\"title\": \"x\"}",
                     EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                     "This is not an Efir episode file:*“format”*");
  check_parse_fails ("{\"format\": 1}",
                     EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                     "This is not an Efir episode file:*“format”*");
  check_parse_fails ("[{\"format\": \"efir-episode/1\"}]",
                     EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                     "This is not an Efir episode file*");
  check_parse_fails ("{\"format\": \"efir-episode/2\"}",
                     EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                     "*“efir-episode/2”*newer*");
}

static void
test_wrong_field (void)
{
  static const struct {
    const char *json;
    const char *pattern;
  } cases[] = {
    { "\"number\": \"112\"", "The field “number” must be a whole number*" },
    { "\"number\": -1", "The field “number” must be a whole number*" },
    { "\"duration_seconds\": 17.5", "The field “duration_seconds” must be a whole number*" },
    { "\"title\": 5", "The field “title” must be text." },
    { "\"program\": {\"name\": \"x\"}", "The field “program” must be text." },
    { "\"air_date\": \"2024-10-04T20:00:00\"", "The field “air_date” must be a date and time with its offset*" },
    { "\"air_date\": \"next Friday\"", "The field “air_date” must be*" },
    { "\"guests\": {\"name\": \"x\"}", "The field “guests” must be a list." },
    { "\"guests\": [\"Nasimi Mammadli\"]", "The entry “guests[0]” must be*" },
    { "\"guests\": [{\"name\": \"x\", \"role\": [\"a\"]}]", "The field “guests[0].role” must be text." },
    { "\"quotes\": [{\"text\": \"a\"}, {\"text\": \"b\", \"start_seconds\": \"12:00\"}]",
      "The field “quotes[1].start_seconds” must be a number of seconds." },
    { "\"quotes\": [{\"text\": \"a\", \"pull_quote\": \"yes\"}]", "The field “quotes[0].pull_quote” must be true or false." },
    { "\"transcript\": [{\"start\": -1.0, \"end\": 2.0}]", "The field “transcript[0].start” must be*0 or more." },
    { "\"transcript\": [{\"start\": 1.0, \"end\": 1e400}]", "The field “transcript[0].end” must be*" },
    { "\"social_links\": [{\"url\": null, \"platform\": 3}]", "The field “social_links[0].platform” must be text." },
    { "\"tags\": [\"Iran\", 2]", "The field “tags[1]” must be text." },
    { "\"tags\": \"Iran\"", "The field “tags” must be a list." },
    { "\"status\": \"live\"", "The field “status” has an unknown value, “live”." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"format\": \"efir-episode/1\", %s}", cases[i].json);

      check_parse_fails (json, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, cases[i].pattern);
    }
}

static void
test_finalized (void)
{
  g_autofree char *json = NULL;
  EfirEpisode *episode = NULL;
  EfirEpisode *parsed = NULL;
  GObject *segment;

  episode = new_full_episode ();
  json = efir_episode_to_json (episode, TRUE);
  g_object_add_weak_pointer (G_OBJECT (episode), (gpointer *) &episode);
  g_object_unref (episode);
  g_assert_null (episode);

  /* Nothing the reader made outlives the episode it returns. */
  parsed = parse_ok (json);
  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (parsed)), 0);
  g_object_add_weak_pointer (G_OBJECT (parsed), (gpointer *) &parsed);
  g_object_add_weak_pointer (segment, (gpointer *) &segment);
  g_object_unref (segment);
  g_object_unref (parsed);
  g_assert_null (parsed);
  g_assert_null (segment);
}

static void
test_length (void)
{
  const char *json = "{\"format\": \"efir-episode/1\", \"title\": \"Bir\"}trailing bytes that are not read";
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;

  episode = efir_episode_from_json (json, strlen ("{\"format\": \"efir-episode/1\", \"title\": \"Bir\"}"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Bir");
}

/* 100,000 nested lists overflowed the stack of the JSON parser: a file
 * nested deeper than any episode file is refused before it is parsed,
 * wherever the nesting is. */
static void
test_deep_nesting (void)
{
  static const char *prefixes[] = { "", "\"title\": ", "\"unknown\": " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(GString) json = g_string_new ("{\"format\": \"efir-episode/1\", ");
      g_autoptr(GError) error = NULL;
      g_autoptr(EfirEpisode) episode = NULL;

      g_string_append (json, prefixes[i][0] != '\0' ? prefixes[i] : "\"guests\": ");
      for (guint n = 0; n < 100000; n++)
        g_string_append_c (json, '[');
      g_string_append_c (json, '}');

      episode = efir_episode_from_json (json->str, json->len, &error);
      g_assert_null (episode);
      g_assert_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "deep"));
    }

  /* Brackets inside text are text. */
  {
    g_autoptr(GString) json = g_string_new ("{\"format\": \"efir-episode/1\", \"title\": \"");
    g_autoptr(EfirEpisode) episode = NULL;

    for (guint n = 0; n < 1000; n++)
      g_string_append (json, "[{");
    g_string_append (json, "\"}");
    episode = parse_ok (json->str);
    g_assert_cmpuint (strlen (efir_episode_get_title (episode)), ==, 2000);
  }
}

/* A lone surrogate was stored as invalid UTF-8 and a NUL cut the text
 * short; both are refused with the field's name. A pair is a character. */
static void
test_broken_characters (void)
{
  g_autoptr(EfirEpisode) episode = NULL;

  check_parse_fails ("{\"format\": \"efir-episode/1\", \"title\": \"x\\ud800y\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“title”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"title\": \"x\\udc00\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“title”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"title\": \"x\\ud800\\u0041\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“title”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"summary\": \"a\\u0000b\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“summary”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"quotes\": [{\"text\": \"a\"},"
                     " {\"speaker\": \"b\", \"text\": \"\\uD83D\"}]}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“quotes[1].text”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"tags\": [\"a\", \"b\\u0000\"]}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“tags[1]”*");
  /* json-glib made invalid UTF-8 of a "\u" with too few hex digits; found
   * by the fuzzer. */
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"title\": \"\\ui83d\\udeready\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“title”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"title\": \"\\u12\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“title”*");
  check_parse_fails ("{\"format\": \"efir-episode/1\", \"title\": \"a\\6b\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“title”*backslash*");
  check_parse_fails ("{\"format\": \"efir-epl\\6\"}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“format”*");

  episode = parse_ok ("{\"format\": \"efir-episode/1\", \"title\": \"\\ud83d\\ude00 \\\\u0000\"}");
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "😀 \\u0000");
}

static void
test_segment_order (void)
{
  g_autoptr(EfirEpisode) episode = NULL;

  check_parse_fails ("{\"format\": \"efir-episode/1\", \"transcript\": [{\"start\": 1.0, \"end\": 2.0},"
                     " {\"start\": 5.0, \"end\": 4.0}]}",
                     EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, "*“transcript[1].end”*");

  episode = parse_ok ("{\"format\": \"efir-episode/1\", \"transcript\": [{\"start\": 5.0, \"end\": 5.0}]}");
  g_assert_cmpuint (n_items (efir_episode_get_transcript (episode)), ==, 1);
  g_clear_object (&episode);

  /* Without its end, a segment ends where it starts, and so is written
   * back as one that reads again; found by the fuzzer. */
  episode = parse_ok ("{\"format\": \"efir-episode/1\", \"transcript\": [{\"start\": 5.0}]}");
  g_assert_cmpfloat (efir_segment_get_end (get_item (efir_episode_get_transcript (episode), 0)), ==, 5.0);
}

/* Scheduled, published and failed are what the site says of an episode; a
 * file cannot make an episode published. Ready is the producer's word. */
static void
test_site_states_ignored (void)
{
  static const char *site_states[] = { "scheduled", "published", "failed" };

  for (guint i = 0; i < G_N_ELEMENTS (site_states); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"status\": \"%s\"}",
                                               site_states[i]);
      g_autoptr(EfirEpisode) episode = parse_ok (json);
      g_autoptr(GError) error = NULL;
      EfirEpisodeJsonField fields = 0;
      g_autoptr(EfirEpisode) full = efir_episode_from_json_full (json, -1, 0, &fields, &error);

      g_assert_no_error (error);
      g_assert_nonnull (full);
      g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_DRAFT);
      g_assert_cmpint (efir_episode_get_status (full), ==, EFIR_EPISODE_STATUS_DRAFT);
      g_assert_false (fields & EFIR_EPISODE_JSON_FIELD_STATUS);
    }

  {
    g_autoptr(EfirEpisode) episode = parse_ok ("{\"format\": \"efir-episode/1\", \"status\": \"ready\"}");

    g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_READY);
  }
}

/* What an update needs: every field of the contract, or it would blank the
 * ones the file leaves out. */
static void
test_required_fields (void)
{
  g_autoptr(EfirEpisode) full = new_full_episode ();
  g_autofree char *json = efir_episode_to_json (full, FALSE);
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  EfirEpisodeJsonField fields = 0;

  episode = efir_episode_from_json_full (json, -1, EFIR_EPISODE_JSON_READ_REQUIRE_ALL, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fields & EFIR_EPISODE_JSON_FIELDS_REQUIRED, ==, EFIR_EPISODE_JSON_FIELDS_REQUIRED);
  g_clear_object (&episode);

  episode = efir_episode_from_json_full ("{\"format\": \"efir-episode/1\", \"title\": \"T\"}", -1,
                                         EFIR_EPISODE_JSON_READ_REQUIRE_ALL, &fields, &error);
  g_assert_null (episode);
  g_assert_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INCOMPLETE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“summary”"));
  g_assert_null (strstr (error->message, "“title”"));
  g_clear_error (&error);

  episode = efir_episode_from_json_full ("{\"format\": \"efir-episode/1\", \"title\": \"T\"}", -1, 0,
                                         &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fields, ==, EFIR_EPISODE_JSON_FIELD_TITLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/episode-json/example", test_example);
  g_test_add_func ("/text/episode-json/example-stable", test_example_stable);
  g_test_add_func ("/text/episode-json/roundtrip", test_roundtrip);
  g_test_add_func ("/text/episode-json/shape", test_shape);
  g_test_add_func ("/text/episode-json/air-date-forms", test_air_date_forms);
  g_test_add_func ("/text/episode-json/air-date-early-year", test_air_date_early_year);
  g_test_add_func ("/text/episode-json/optional-fields", test_optional_fields);
  g_test_add_func ("/text/episode-json/invalid-json", test_invalid_json);
  g_test_add_func ("/text/episode-json/wrong-format", test_wrong_format);
  g_test_add_func ("/text/episode-json/wrong-field", test_wrong_field);
  g_test_add_func ("/text/episode-json/length", test_length);
  g_test_add_func ("/text/episode-json/finalized", test_finalized);
  g_test_add_func ("/text/episode-json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/text/episode-json/broken-characters", test_broken_characters);
  g_test_add_func ("/text/episode-json/segment-order", test_segment_order);
  g_test_add_func ("/text/episode-json/site-states-ignored", test_site_states_ignored);
  g_test_add_func ("/text/episode-json/required-fields", test_required_fields);

  return g_test_run ();
}
