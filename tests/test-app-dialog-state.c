/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-dialog-state"

#include "config.h"

#include <string.h>

#include "efir-dialog-state.h"

/* Helpers ---------------------------------------------------------------- */

static GDateTime *
date_time (const char *iso8601)
{
  GDateTime *value = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (value);
  return value;
}

static void
assert_revision_time (const char *created,
                      const char *now,
                      gboolean    use_24h,
                      const char *expected)
{
  g_autoptr(GDateTime) created_time = date_time (created);
  g_autoptr(GDateTime) now_time = date_time (now);
  g_autofree char *label = efir_dialog_state_revision_time (created_time, now_time, use_24h);

  g_assert_cmpstr (label, ==, expected);
}

static char *
joined (GStrv strv)
{
  g_auto(GStrv) owned = strv;

  return g_strjoinv ("|", owned);
}

static EfirPerson *
person (gint64      id,
        const char *name)
{
  EfirPerson *entry = efir_person_new (name);

  efir_person_set_id (entry, id);
  return entry;
}

/* Tests ------------------------------------------------------------------ */

static void
test_revision_time (void)
{
  const char *now = "2024-10-04T16:00:00+04:00";

  assert_revision_time ("2024-10-04T14:05:00+04:00", now, TRUE, "Today, 14:05");
  assert_revision_time ("2024-10-04T14:05:00+04:00", now, FALSE, "Today, 2:05 PM");
  assert_revision_time ("2024-10-03T09:12:00+04:00", now, TRUE, "Yesterday, 09:12");
  /* Kept in another zone, named in the producer's: it was their morning. */
  assert_revision_time ("2024-10-03T22:30:00Z", now, TRUE, "Today, 02:30");
  assert_revision_time ("2024-09-30T18:40:00+04:00", now, TRUE, "Monday, 18:40");
  assert_revision_time ("2024-09-27T18:40:00+04:00", now, TRUE, "27 September, 18:40");
  assert_revision_time ("2023-10-04T10:00:00+04:00", now, TRUE, "4 October 2023, 10:00");
  /* Across the new year, yesterday is still yesterday. */
  assert_revision_time ("2024-12-31T23:50:00+04:00", "2025-01-01T00:10:00+04:00", TRUE,
                        "Yesterday, 23:50");
}

static void
test_revision_reason (void)
{
  g_assert_cmpstr (efir_dialog_state_revision_reason ("edit"), ==, "Saved while writing");
  g_assert_cmpstr (efir_dialog_state_revision_reason ("publish"), ==, "Published");
  g_assert_cmpstr (efir_dialog_state_revision_reason ("restore"), ==, "Kept before a restore");
  g_assert_cmpstr (efir_dialog_state_revision_reason ("import"), ==, "Imported");
}

static void
test_field_text (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirQuote) timed = efir_quote_new ("Sülh masasına qayıtmaq lazımdır.", "Nəsimi Məmmədli", 754);
  g_autoptr(EfirQuote) untimed = efir_quote_new ("Two lines\nof one quote", "", -1);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  g_autofree char *quotes = NULL;
  g_autofree char *transcript = NULL;

  efir_episode_set_title (episode, "Çətin sual");
  g_list_store_append (efir_episode_get_quotes (episode), timed);
  g_list_store_append (efir_episode_get_quotes (episode), untimed);
  g_ptr_array_add (segments, efir_segment_new (0, 4.2, "Host", "Xoş gördük."));
  g_ptr_array_add (segments, efir_segment_new (4.2, 9, "", "Salam."));
  efir_episode_set_transcript (episode, segments);

  title = efir_dialog_state_field_text (episode, EFIR_HISTORY_FIELD_TITLE);
  g_assert_cmpstr (title, ==, "Çətin sual");

  quotes = efir_dialog_state_field_text (episode, EFIR_HISTORY_FIELD_QUOTES);
  g_assert_cmpstr (quotes, ==,
                   "[00:12:34] Nəsimi Məmmədli: “Sülh masasına qayıtmaq lazımdır.”\n"
                   "“Two lines\nof one quote”\n");

  transcript = efir_dialog_state_field_text (episode, EFIR_HISTORY_FIELD_TRANSCRIPT);
  g_assert_true (g_str_has_prefix (transcript, "[00:00:00] Host: Xoş gördük.\n"));
  g_assert_nonnull (strstr (transcript, "Salam."));
}

/* The episode of the history tests, as a producer fills every part of it. */
static EfirEpisode *
full_episode (void)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GDateTime) air_date = date_time ("2024-10-04T20:00:00+04:00");
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Siyasi şərhçi");
  g_autoptr(EfirQuote) quote = efir_quote_new ("Sülh masasına qayıtmaq lazımdır.", "Nəsimi Məmmədli", 754);
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/cetinsual/112", NULL);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  const char *tags[] = { "Rusiya", "İran", NULL };

  efir_episode_set_title (episode, "Çətin sual");
  efir_episode_set_number (episode, 112);
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_duration (episode, 1740);
  efir_episode_set_video_url (episode, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  efir_episode_set_slug (episode, "cetin-sual-112");
  efir_episode_set_tags (episode, tags);
  efir_episode_set_summary (episode, "Bir\nİki");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_list_store_append (efir_episode_get_social_links (episode), link);
  g_ptr_array_add (segments, efir_segment_new (0, 4.2, "Host", "Xoş gördük."));
  efir_episode_set_transcript (episode, segments);

  return episode;
}

static EfirEpisode *
copy_episode (EfirEpisode *episode)
{
  EfirEpisode *copy = efir_episode_new ();

  efir_episode_assign (copy, episode);

  return copy;
}

static void
test_field_text_every_part (void)
{
  g_autoptr(EfirEpisode) episode = full_episode ();
  g_autoptr(EfirEpisode) empty = efir_episode_new ();
  struct {
    EfirHistoryField  field;
    const char       *text;
  } expected[] = {
    { EFIR_HISTORY_FIELD_NUMBER, "112" },
    { EFIR_HISTORY_FIELD_DURATION, "00:29:00" },
    { EFIR_HISTORY_FIELD_VIDEO_URL, "https://www.youtube.com/watch?v=dQw4w9WgXcQ" },
    { EFIR_HISTORY_FIELD_SLUG, "cetin-sual-112" },
    { EFIR_HISTORY_FIELD_TAGS, "Rusiya\nİran\n" },
    { EFIR_HISTORY_FIELD_STATUS, "Draft" },
    { EFIR_HISTORY_FIELD_GUESTS, "Nəsimi Məmmədli — Siyasi şərhçi\n" },
    { EFIR_HISTORY_FIELD_LINKS, "https://t.me/cetinsual/112\n" },
  };
  g_autofree char *air_date = efir_dialog_state_field_text (episode, EFIR_HISTORY_FIELD_AIR_DATE);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = efir_dialog_state_field_text (episode, expected[i].field);

      g_assert_cmpstr (text, ==, expected[i].text);
    }

  /* The day, the hour and the offset it was given in. */
  g_assert_nonnull (strstr (air_date, "2024"));
  g_assert_nonnull (strstr (air_date, "20:00 (UTC+04:00)"));

  /* Every part has a name, and an empty episode says nothing in it. */
  for (guint field = 0; field < EFIR_HISTORY_N_FIELDS; field++)
    {
      g_autofree char *text = efir_dialog_state_field_text (empty, field);

      g_assert_cmpstr (efir_dialog_state_field_name (field), !=, "");
      if (field != EFIR_HISTORY_FIELD_STATUS)
        g_assert_cmpstr (text, ==, "");
    }
}

/* What restoring a version puts back: each part a producer can change,
 * and nothing else.
 */
static void
test_changed_fields (void)
{
  g_autoptr(EfirEpisode) before = full_episode ();
  g_autoptr(EfirEpisode) after = NULL;
  g_autoptr(GDateTime) later = date_time ("2024-10-04T19:00:00+04:00");
  g_autoptr(EfirEpisodeGuest) other = efir_episode_guest_new ("Şəhla Qasımova", "");
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://x.com/cetinsual", NULL);
  const char *tags[] = { "Rusiya", NULL };
  guint expected;

  after = copy_episode (before);
  g_assert_cmpuint (efir_dialog_state_changed_fields (before, after), ==, 0);

  efir_episode_set_number (after, 113);
  efir_episode_set_air_date (after, later);
  efir_episode_set_duration (after, 1800);
  efir_episode_set_video_url (after, "https://youtu.be/dQw4w9WgXcQ");
  efir_episode_set_slug (after, "cetin-sual-113");
  efir_episode_set_tags (after, tags);
  efir_episode_set_status (after, EFIR_EPISODE_STATUS_READY);
  g_list_store_append (efir_episode_get_guests (after), other);
  g_list_store_append (efir_episode_get_social_links (after), link);

  expected = 1u << EFIR_HISTORY_FIELD_NUMBER | 1u << EFIR_HISTORY_FIELD_AIR_DATE
             | 1u << EFIR_HISTORY_FIELD_DURATION | 1u << EFIR_HISTORY_FIELD_VIDEO_URL
             | 1u << EFIR_HISTORY_FIELD_SLUG | 1u << EFIR_HISTORY_FIELD_TAGS
             | 1u << EFIR_HISTORY_FIELD_STATUS | 1u << EFIR_HISTORY_FIELD_GUESTS
             | 1u << EFIR_HISTORY_FIELD_LINKS;
  g_assert_cmpuint (efir_dialog_state_changed_fields (before, after), ==, expected);

  /* A guest's role alone is a change of the guests. */
  g_clear_object (&after);
  after = copy_episode (before);
  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (after)), 0);
  efir_episode_guest_set_role (guest, "Jurnalist");
  g_assert_cmpuint (efir_dialog_state_changed_fields (before, after), ==,
                    1u << EFIR_HISTORY_FIELD_GUESTS);
}

static void
test_changes_label (void)
{
  g_autoptr(EfirEpisode) first = full_episode ();
  g_autoptr(EfirEpisode) second = copy_episode (first);
  g_autoptr(EfirEpisode) third = NULL;
  g_autoptr(EfirEpisodeGuest) other = efir_episode_guest_new ("Şəhla Qasımova", "Siyasi şərhçi");
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_label = efir_dialog_state_changes_label (NULL, first);
  g_autofree char *same_label = NULL;
  g_autofree char *second_label = NULL;
  g_autofree char *third_label = NULL;

  g_assert_cmpstr (first_label, ==, "First version kept");

  same_label = efir_dialog_state_changes_label (first, second);
  g_assert_cmpstr (same_label, ==, "No changes");

  /* Two versions of the same minute: one changed the title and the
   * guests, the next the transcript. Named in the editor's order. */
  g_list_store_append (efir_episode_get_guests (second), other);
  efir_episode_set_title (second, "Çətin sual: İran");
  second_label = efir_dialog_state_changes_label (first, second);
  g_assert_cmpstr (second_label, ==, "Title, Guests");

  third = copy_episode (second);
  g_ptr_array_add (segments, efir_segment_new (0, 4.2, "Host", "Xoş gördük!"));
  efir_episode_set_transcript (third, segments);
  efir_episode_set_summary (third, "Bir\nİki\nÜç");
  third_label = efir_dialog_state_changes_label (second, third);
  g_assert_cmpstr (third_label, ==, "Summary, Transcript");
}

static void
test_diff_summary (void)
{
  g_autofree char *same = efir_dialog_state_diff_summary (0, 0);
  g_autofree char *one = efir_dialog_state_diff_summary (1, 0);
  g_autofree char *both = efir_dialog_state_diff_summary (3, 1);

  g_assert_cmpstr (same, ==, "Same as the current text");
  g_assert_cmpstr (one, ==, "1 line removed");
  g_assert_cmpstr (both, ==, "3 lines removed, 1 line added");
}

static void
test_language (void)
{
  g_assert_cmpuint (efir_dialog_state_language_index ("ru"), ==, 1);
  g_assert_cmpstr (efir_dialog_state_language_code (efir_dialog_state_language_index ("en")), ==, "en");
  g_assert_cmpstr (efir_dialog_state_language_code (efir_dialog_state_language_index ("xx")), ==, "az");
}

static void
test_time_zones (void)
{
  const char *table =
    "# tzdb timezone descriptions\n"
    "#codes\tcoordinates\tTZ\tcomments\n"
    "RU\t+5545+03735\tEurope/Moscow\tMSK+00 - Moscow area\n"
    "AZ\t+4023+04951\tAsia/Baku\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
    "GE\t+4143+04449\tAsia/Tbilisi\n";
  g_autofree char *zones = joined (efir_dialog_state_time_zones (table, "Asia/Tbilisi"));
  g_autofree char *custom = joined (efir_dialog_state_time_zones (table, "Etc/GMT-4"));
  g_autofree char *no_table = joined (efir_dialog_state_time_zones (NULL, NULL));
  g_autofree char *label = efir_dialog_state_time_zone_label ("America/New_York");

  g_assert_cmpstr (zones, ==, "Asia/Baku|Asia/Tbilisi|America/New_York|Europe/Moscow|UTC");
  /* A zone outside the table stays choosable: it is the one saved. */
  g_assert_cmpstr (custom, ==, "Asia/Baku|Etc/GMT-4|America/New_York|Asia/Tbilisi|Europe/Moscow|UTC");
  g_assert_cmpstr (no_table, ==, "Asia/Baku|UTC");
  g_assert_cmpstr (label, ==, "America/New York");
}

static void
test_hashtags (void)
{
  const char *existing[] = { "news", NULL };
  g_autofree char *typed = joined (efir_dialog_state_add_hashtags (NULL, "#ÇətinSual, #Azərbaycan  news"));
  g_autofree char *merged = joined (efir_dialog_state_add_hashtags (existing, "#NEWS #Iran"));
  g_autofree char *glued = joined (efir_dialog_state_add_hashtags (NULL, "#Russia#Iran"));
  g_auto(GStrv) nothing = efir_dialog_state_add_hashtags (NULL, " ## , ");

  g_assert_cmpstr (typed, ==, "ÇətinSual|Azərbaycan|news");
  g_assert_cmpstr (merged, ==, "news|Iran");
  g_assert_cmpstr (glued, ==, "Russia|Iran");
  g_assert_cmpuint (g_strv_length (nothing), ==, 0);

  /* A link pasted there is refused in words, not cut into #https #www… */
  g_assert_nonnull (efir_dialog_state_hashtags_problem ("https://www.youtube.com/@cetinsual"));
  g_assert_nonnull (efir_dialog_state_hashtags_problem ("#news www.efir.az"));
  g_assert_nonnull (efir_dialog_state_hashtags_problem ("youtube.com/watch?v=dQw4w9WgXcQ"));
  g_assert_null (efir_dialog_state_hashtags_problem ("#ÇətinSual #Azərbaycan news"));
  g_assert_null (efir_dialog_state_hashtags_problem ("Iran.Russia"));
}

static void
test_person_matches (void)
{
  g_autoptr(EfirPerson) elchin = person (1, "Elçin Əliyev");
  g_autoptr(EfirPerson) nasimi = person (2, "Nəsimi Məmmədli");

  g_assert_true (efir_dialog_state_person_matches ("eliyev", elchin));
  g_assert_true (efir_dialog_state_person_matches ("ƏLİ", elchin));
  g_assert_true (efir_dialog_state_person_matches ("nasimi mammadli", nasimi));
  g_assert_false (efir_dialog_state_person_matches ("eliyev", nasimi));
  /* Words start names; letters inside them do not find everyone. */
  g_assert_false (efir_dialog_state_person_matches ("li", elchin));
  g_assert_true (efir_dialog_state_person_matches ("  ", nasimi));
}

static void
test_name_to_keep (void)
{
  g_autoptr(EfirPerson) latin = person (1, "Nasimi Mammadli");
  g_autoptr(EfirPerson) native = person (2, "Nəsimi Məmmədli");
  g_autoptr(EfirPerson) older = person (3, "Leyla Hasanova");
  g_autoptr(EfirPerson) newer = person (7, "Leyla Hasanova");

  g_assert_cmpuint (efir_dialog_state_name_to_keep (latin, native), ==, 1);
  g_assert_cmpuint (efir_dialog_state_name_to_keep (native, latin), ==, 0);
  g_assert_cmpuint (efir_dialog_state_name_to_keep (newer, older), ==, 1);
  g_assert_cmpuint (efir_dialog_state_name_to_keep (older, newer), ==, 0);
}

static void
test_share_counter_and_note (void)
{
  g_autofree char *x_long = g_strnfill (281, 'a');
  g_autofree char *caption = g_strnfill (1100, 'a');
  g_autofree char *counter = NULL;
  g_autofree char *over_counter = NULL;
  g_autofree char *note = NULL;
  g_autofree char *over_note = NULL;
  g_autofree char *instagram = NULL;
  g_autofree char *telegram = NULL;
  g_autofree char *website = NULL;
  gboolean over = TRUE;

  counter = efir_dialog_state_share_counter (EFIR_SOCIAL_PLATFORM_X, "Çətin sual https://efir.az",
                                             &over);
  g_assert_cmpstr (counter, ==, "34 / 280");
  g_assert_false (over);
  over_counter = efir_dialog_state_share_counter (EFIR_SOCIAL_PLATFORM_X, x_long, &over);
  g_assert_cmpstr (over_counter, ==, "281 / 280");
  g_assert_true (over);
  website = efir_dialog_state_share_counter (EFIR_SOCIAL_PLATFORM_WEBSITE, "abc", &over);
  g_assert_cmpstr (website, ==, "3");
  g_assert_false (over);

  note = efir_dialog_state_share_note (EFIR_SOCIAL_PLATFORM_X, "Çətin sual");
  g_assert_null (note);
  over_note = efir_dialog_state_share_note (EFIR_SOCIAL_PLATFORM_X, x_long);
  g_assert_cmpstr (over_note, ==, "Too long for X by 1 character.");
  instagram = efir_dialog_state_share_note (EFIR_SOCIAL_PLATFORM_INSTAGRAM, "See https://efir.az");
  g_assert_nonnull (strstr (instagram, "cannot open them"));
  telegram = efir_dialog_state_share_note (EFIR_SOCIAL_PLATFORM_TELEGRAM, caption);
  g_assert_nonnull (strstr (telegram, "1024"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/dialog-state/revision-time", test_revision_time);
  g_test_add_func ("/app/dialog-state/revision-reason", test_revision_reason);
  g_test_add_func ("/app/dialog-state/field-text", test_field_text);
  g_test_add_func ("/app/dialog-state/field-text-every-part", test_field_text_every_part);
  g_test_add_func ("/app/dialog-state/changed-fields", test_changed_fields);
  g_test_add_func ("/app/dialog-state/changes-label", test_changes_label);
  g_test_add_func ("/app/dialog-state/diff-summary", test_diff_summary);
  g_test_add_func ("/app/dialog-state/language", test_language);
  g_test_add_func ("/app/dialog-state/time-zones", test_time_zones);
  g_test_add_func ("/app/dialog-state/hashtags", test_hashtags);
  g_test_add_func ("/app/dialog-state/person-matches", test_person_matches);
  g_test_add_func ("/app/dialog-state/name-to-keep", test_name_to_keep);

  g_test_add_func ("/app/dialog-state/share-counter-and-note", test_share_counter_and_note);

  return g_test_run ();
}
