/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-editor-state"

#include "config.h"

#include <locale.h>

#include "efir-editor-state.h"

/* Helpers ---------------------------------------------------------------- */

static void
assert_wrap (const char        *selection,
             EfirMarkdownStyle  style,
             const char        *expected,
             int                expected_start,
             int                expected_end)
{
  g_autofree char *text = NULL;
  int start = -1;
  int end = -1;

  g_test_message ("wrapping “%s”", selection);
  text = efir_editor_state_markdown_wrap (selection, style, &start, &end);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (start, ==, expected_start);
  g_assert_cmpint (end, ==, expected_end);
}

static void
assert_strv (char               **actual,
             const char * const  *expected)
{
  g_autofree char *joined = g_strjoinv ("|", actual);

  g_test_message ("got %s", joined);
  g_assert_true (g_strv_equal ((const char * const *) actual, expected));
  g_strfreev (actual);
}

/* Tests ------------------------------------------------------------------ */

static void
test_slug_follows_title (void)
{
  g_autofree char *from_title = efir_editor_state_slug_for ("Çətin sual", "", FALSE);
  g_autofree char *followed = efir_editor_state_slug_for ("Çətin sual: İran", "cetin-sual", FALSE);
  g_autofree char *kept = efir_editor_state_slug_for ("Çətin sual: İran", "my-slug", TRUE);

  g_assert_cmpstr (from_title, ==, "cetin-sual");
  g_assert_cmpstr (followed, ==, "cetin-sual-iran");
  g_assert_cmpstr (kept, ==, "my-slug");
}

static void
test_slug_is_edited (void)
{
  /* An empty slug and the title's own slug follow the title. */
  g_assert_false (efir_editor_state_slug_is_edited ("Çətin sual", ""));
  g_assert_false (efir_editor_state_slug_is_edited ("Çətin sual", NULL));
  g_assert_false (efir_editor_state_slug_is_edited ("Çətin sual", "cetin-sual"));
  g_assert_true (efir_editor_state_slug_is_edited ("Çətin sual", "difficult-question"));
  g_assert_true (efir_editor_state_slug_is_edited ("", "anything"));
}

static void
test_slug_stops_once_published (void)
{
  g_assert_true (efir_editor_state_slug_follows_title ("Çətin sual", "cetin-sual",
                                                       EFIR_EPISODE_STATUS_READY));
  g_assert_false (efir_editor_state_slug_follows_title ("Çətin sual", "own",
                                                        EFIR_EPISODE_STATUS_DRAFT));
  /* A published page keeps its address when a typo in the title is fixed. */
  g_assert_false (efir_editor_state_slug_follows_title ("Çətin sual", "cetin-sual",
                                                        EFIR_EPISODE_STATUS_PUBLISHED));
  g_assert_false (efir_editor_state_slug_follows_title ("Çətin sual", "",
                                                        EFIR_EPISODE_STATUS_SCHEDULED));
}

static void
test_one_line (void)
{
  g_autofree char *pasted = efir_editor_state_one_line ("Azərbaycanı nə narahat edir:\r\n"
                                                        "xarici müdaxilə,\thibrid təhdidlər ", -1);
  g_autofree char *breaks = efir_editor_state_one_line ("Что \n\n  беспокоит\u2028Азербайджан\n", -1);
  g_autofree char *counted = efir_editor_state_one_line ("Bir\niki\nüç", 7);

  g_assert_cmpstr (pasted, ==, "Azərbaycanı nə narahat edir: xarici müdaxilə, hibrid təhdidlər ");
  g_assert_cmpstr (breaks, ==, "Что беспокоит Азербайджан ");
  g_assert_cmpstr (counted, ==, "Bir iki");
  /* A line typed a letter at a time is left as it is. */
  g_assert_null (efir_editor_state_one_line ("Çətin sual  bu gün", -1));
  g_assert_null (efir_editor_state_one_line ("", -1));
}

static void
test_url_validity (void)
{
  /* An empty field is an address not known yet, not a mistake. */
  g_assert_false (efir_editor_state_url_shows_error (""));
  g_assert_false (efir_editor_state_url_shows_error ("https://example.org"));
  g_assert_true (efir_editor_state_url_shows_error ("www.example.org"));
}

static void
test_format_zone (void)
{
  g_autoptr(GTimeZone) baku = efir_editor_state_zone_for ("Asia/Baku");
  g_autoptr(GTimeZone) london = efir_editor_state_zone_for ("Europe/London");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) summer = g_date_time_new_utc (2024, 7, 1, 12, 0, 0);
  g_autoptr(GDateTime) winter = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  g_autofree char *baku_label = NULL;
  g_autofree char *london_summer = NULL;
  g_autofree char *london_winter = NULL;
  g_autofree char *utc_label = NULL;

  g_assert_nonnull (baku);
  g_assert_nonnull (london);
  g_assert_null (efir_editor_state_zone_for ("Nowhere/Atlantis"));

  baku_label = efir_editor_state_format_zone (baku, summer);
  london_summer = efir_editor_state_format_zone (london, summer);
  london_winter = efir_editor_state_format_zone (london, winter);
  utc_label = efir_editor_state_format_zone (utc, winter);

  g_assert_cmpstr (baku_label, ==, "Asia/Baku (+04)");
  g_assert_cmpstr (london_summer, ==, "Europe/London (BST)");
  g_assert_cmpstr (london_winter, ==, "Europe/London (GMT)");
  g_assert_cmpstr (utc_label, ==, "UTC");
}

static void
test_parse_time (void)
{
  int hour = -1;
  int minute = -1;

  g_assert_true (efir_editor_state_parse_time ("20:00", &hour, &minute));
  g_assert_cmpint (hour, ==, 20);
  g_assert_cmpint (minute, ==, 0);
  g_assert_true (efir_editor_state_parse_time (" 8:05 ", &hour, &minute));
  g_assert_cmpint (hour, ==, 8);
  g_assert_cmpint (minute, ==, 5);
  g_assert_true (efir_editor_state_parse_time ("21.30", &hour, &minute));
  g_assert_cmpint (hour, ==, 21);
  g_assert_cmpint (minute, ==, 30);
  g_assert_true (efir_editor_state_parse_time ("2145", &hour, &minute));
  g_assert_cmpint (hour, ==, 21);
  g_assert_cmpint (minute, ==, 45);
  g_assert_true (efir_editor_state_parse_time ("19", &hour, &minute));
  g_assert_cmpint (hour, ==, 19);
  g_assert_cmpint (minute, ==, 0);

  g_assert_false (efir_editor_state_parse_time ("24:00", NULL, NULL));
  g_assert_false (efir_editor_state_parse_time ("20:60", NULL, NULL));
  g_assert_false (efir_editor_state_parse_time ("20:0", NULL, NULL));
  g_assert_false (efir_editor_state_parse_time ("20:00:00", NULL, NULL));
  g_assert_false (efir_editor_state_parse_time ("eight", NULL, NULL));
  g_assert_false (efir_editor_state_parse_time ("", NULL, NULL));
}

static void
test_air_date_in_programme_zone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) air_date = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autofree char *iso = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 4, G_DATE_OCTOBER, 2024);

  /* The test runs with TZ=UTC: the zone must come from the programme. */
  air_date = efir_editor_state_air_date_from (&day, "20:00", "Asia/Baku", &error);
  g_assert_no_error (error);
  iso = g_date_time_format_iso8601 (air_date);
  g_assert_cmpstr (iso, ==, "2024-10-04T20:00:00+04");
  g_assert_cmpint (g_date_time_get_utc_offset (air_date) / G_TIME_SPAN_HOUR, ==, 4);

  midnight = efir_editor_state_air_date_from (&day, "", "Asia/Baku", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_hour (midnight), ==, 0);
}

static void
test_air_date_errors (void)
{
  g_autoptr(GError) time_error = NULL;
  g_autoptr(GError) zone_error = NULL;
  g_autoptr(GError) date_error = NULL;
  GDate day;
  GDate unset;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 4, G_DATE_OCTOBER, 2024);
  g_date_clear (&unset, 1);

  g_assert_null (efir_editor_state_air_date_from (&day, "25:00", "Asia/Baku", &time_error));
  g_assert_error (time_error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_TIME);
  g_assert_null (efir_editor_state_air_date_from (&day, "20:00", "Mars/Olympus", &zone_error));
  g_assert_error (zone_error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_ZONE);
  g_assert_null (efir_editor_state_air_date_from (&unset, "20:00", "Asia/Baku", &date_error));
  g_assert_error (date_error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_DATE);
}

static void
test_format_day (void)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2024, 10, 4, 20, 0, 0);
  g_autofree char *label = efir_editor_state_format_day (air_date);
  g_autofree char *none = efir_editor_state_format_day (NULL);

  g_assert_cmpstr (label, ==, "Fri, 4 October 2024");
  g_assert_cmpstr (none, ==, "Choose a Day");
}

static void
test_duration (void)
{
  g_autofree char *formatted = efir_editor_state_format_duration (1740);
  g_autofree char *unknown = efir_editor_state_format_duration (0);
  int seconds = -1;

  g_assert_cmpstr (formatted, ==, "00:29:00");
  g_assert_cmpstr (unknown, ==, "");

  g_assert_true (efir_editor_state_parse_duration ("00:29:00", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 1740);
  g_assert_true (efir_editor_state_parse_duration ("1:02:03", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 3723);
  g_assert_true (efir_editor_state_parse_duration ("29:00.6", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 1741);
  g_assert_true (efir_editor_state_parse_duration ("  ", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 0);

  /* As producers write a length in a note or a message. */
  g_assert_true (efir_editor_state_parse_duration ("45 min", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 2700);
  g_assert_true (efir_editor_state_parse_duration ("45:00", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 2700);
  g_assert_true (efir_editor_state_parse_duration ("1:05:00", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 3900);
  g_assert_true (efir_editor_state_parse_duration ("1h 5m", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 3900);
  g_assert_true (efir_editor_state_parse_duration ("1h5m30s", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 3930);
  g_assert_true (efir_editor_state_parse_duration ("45 dəq", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 2700);
  g_assert_true (efir_editor_state_parse_duration ("45 Мин.", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 2700);
  g_assert_true (efir_editor_state_parse_duration ("1 saat 5 dəqiqə", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 3900);
  g_assert_true (efir_editor_state_parse_duration ("29 minutes", &seconds, NULL));
  g_assert_cmpint (seconds, ==, 1740);

  /* Anything else is said in words. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (efir_editor_state_parse_duration ("45 minutes ago", NULL, &error));
    g_assert_error (error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_DURATION);
    g_assert_cmpstr (error->message, ==,
                     "“45 minutes ago” is not a length: write 45 min, 45:00 or 1:05:00");
  }
  g_assert_false (efir_editor_state_parse_duration ("00:61:00", NULL, NULL));
  g_assert_false (efir_editor_state_parse_duration ("5m 1h", NULL, NULL));
  g_assert_false (efir_editor_state_parse_duration ("45", NULL, NULL));
  g_assert_false (efir_editor_state_parse_duration ("min", NULL, NULL));
}

static void
test_tags (void)
{
  const char * const tags[] = { "Russia", "İran", NULL };

  assert_strv (efir_editor_state_tags_add (tags, "Türkiyə"),
               (const char * const []) { "Russia", "İran", "Türkiyə", NULL });
  /* Enter after "a, b," adds both; spaces and empty pieces go. */
  assert_strv (efir_editor_state_tags_add (NULL, " Energy ,, Gas, "),
               (const char * const []) { "Energy", "Gas", NULL });
  /* A tag already there, in any case, is not added twice. */
  assert_strv (efir_editor_state_tags_add (tags, "russia, Gas, gas"),
               (const char * const []) { "Russia", "İran", "Gas", NULL });
  assert_strv (efir_editor_state_tags_add (tags, "   "),
               (const char * const []) { "Russia", "İran", NULL });

  assert_strv (efir_editor_state_tags_remove (tags, "Russia"),
               (const char * const []) { "İran", NULL });
  assert_strv (efir_editor_state_tags_remove (tags, "Gas"),
               (const char * const []) { "Russia", "İran", NULL });
}

static void
test_status (void)
{
  g_assert_cmpuint (efir_editor_state_status_position (EFIR_EPISODE_STATUS_DRAFT), ==, 0);
  g_assert_cmpuint (efir_editor_state_status_position (EFIR_EPISODE_STATUS_READY), ==, 1);
  g_assert_cmpint (efir_editor_state_status_from_position (0), ==, EFIR_EPISODE_STATUS_DRAFT);
  g_assert_cmpint (efir_editor_state_status_from_position (1), ==, EFIR_EPISODE_STATUS_READY);

  g_assert_true (efir_editor_state_status_is_editable (EFIR_EPISODE_STATUS_DRAFT));
  g_assert_true (efir_editor_state_status_is_editable (EFIR_EPISODE_STATUS_READY));
  g_assert_false (efir_editor_state_status_is_editable (EFIR_EPISODE_STATUS_SCHEDULED));
  g_assert_false (efir_editor_state_status_is_editable (EFIR_EPISODE_STATUS_PUBLISHED));
  g_assert_false (efir_editor_state_status_is_editable (EFIR_EPISODE_STATUS_FAILED));

  g_assert_cmpstr (efir_editor_state_status_label (EFIR_EPISODE_STATUS_PUBLISHED), ==, "Published");
}

static void
test_word_count_label (void)
{
  g_autofree char *one = efir_editor_state_word_count_label (1);
  g_autofree char *many = efir_editor_state_word_count_label (250);
  g_autofree char *none = efir_editor_state_word_count_label (0);

  g_assert_cmpstr (one, ==, "1 word");
  g_assert_cmpstr (many, ==, "250 words");
  g_assert_cmpstr (none, ==, "0 words");
}

static void
test_markdown_wrap_emphasis (void)
{
  assert_wrap ("word", EFIR_MARKDOWN_STYLE_BOLD, "**word**", 2, 6);
  assert_wrap ("word", EFIR_MARKDOWN_STYLE_ITALIC, "*word*", 1, 5);
  /* Nothing selected: markers with the cursor between them. */
  assert_wrap ("", EFIR_MARKDOWN_STYLE_BOLD, "****", 2, 2);
  assert_wrap ("", EFIR_MARKDOWN_STYLE_ITALIC, "**", 1, 1);
  /* A double-clicked word brings its space along; it stays outside. */
  assert_wrap ("sual ", EFIR_MARKDOWN_STYLE_BOLD, "**sual** ", 2, 6);
  assert_wrap (" Çətin sual", EFIR_MARKDOWN_STYLE_ITALIC, " *Çətin sual*", 2, 12);
  /* Pressing again takes the style away. */
  assert_wrap ("**word**", EFIR_MARKDOWN_STYLE_BOLD, "word", 0, 4);
  assert_wrap ("*word*", EFIR_MARKDOWN_STYLE_ITALIC, "word", 0, 4);
  /* Italic around bold adds a star rather than breaking the bold. */
  assert_wrap ("**word**", EFIR_MARKDOWN_STYLE_ITALIC, "***word***", 1, 9);
  assert_wrap ("***word***", EFIR_MARKDOWN_STYLE_ITALIC, "**word**", 0, 8);
}

static void
test_markdown_wrap_link (void)
{
  /* Text: the cursor goes where the address is pasted. */
  assert_wrap ("Çətin sual", EFIR_MARKDOWN_STYLE_LINK, "[Çətin sual]()", 13, 13);
  /* An address: the cursor goes where its text is typed. */
  assert_wrap ("https://example.org", EFIR_MARKDOWN_STYLE_LINK, "[](https://example.org)", 1, 1);
  assert_wrap ("", EFIR_MARKDOWN_STYLE_LINK, "[]()", 1, 1);
}

static void
test_markdown_marker_around (void)
{
  g_assert_cmpuint (efir_editor_state_markdown_marker_around ("a **", "** b",
                                                              EFIR_MARKDOWN_STYLE_BOLD), ==, 2);
  g_assert_cmpuint (efir_editor_state_markdown_marker_around ("a *", "* b",
                                                              EFIR_MARKDOWN_STYLE_BOLD), ==, 0);
  g_assert_cmpuint (efir_editor_state_markdown_marker_around ("a *", "* b",
                                                              EFIR_MARKDOWN_STYLE_ITALIC), ==, 1);
  /* Inside bold, italic is not there to take away. */
  g_assert_cmpuint (efir_editor_state_markdown_marker_around ("a **", "** b",
                                                              EFIR_MARKDOWN_STYLE_ITALIC), ==, 0);
  g_assert_cmpuint (efir_editor_state_markdown_marker_around ("***", "***",
                                                              EFIR_MARKDOWN_STYLE_ITALIC), ==, 1);
  g_assert_cmpuint (efir_editor_state_markdown_marker_around ("", "",
                                                              EFIR_MARKDOWN_STYLE_BOLD), ==, 0);
}

static void
test_section_at (void)
{
  const double tops[] = { 0, 400, 900, 1500 };

  g_assert_cmpint (efir_editor_state_section_at (tops, 4, 0, 600, 1800), ==, 0);
  g_assert_cmpint (efir_editor_state_section_at (tops, 4, 399, 600, 1800), ==, 1);
  g_assert_cmpint (efir_editor_state_section_at (tops, 4, 950, 600, 1800), ==, 2);
  /* Scrolled to the end: the short last section is the one being read. */
  g_assert_cmpint (efir_editor_state_section_at (tops, 4, 1200, 600, 1800), ==, 3);
  /* A page that fits the view is at its start, not its end. */
  g_assert_cmpint (efir_editor_state_section_at (tops, 4, 0, 2000, 1800), ==, 0);
  g_assert_cmpint (efir_editor_state_section_at (NULL, 0, 0, 600, 1800), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/editor-state/slug/follows-title", test_slug_follows_title);
  g_test_add_func ("/app/editor-state/slug/is-edited", test_slug_is_edited);
  g_test_add_func ("/app/editor-state/slug/published", test_slug_stops_once_published);
  g_test_add_func ("/app/editor-state/title/one-line", test_one_line);
  g_test_add_func ("/app/editor-state/url/validity", test_url_validity);
  g_test_add_func ("/app/editor-state/air-date/zone", test_format_zone);
  g_test_add_func ("/app/editor-state/air-date/time", test_parse_time);
  g_test_add_func ("/app/editor-state/air-date/programme-zone", test_air_date_in_programme_zone);
  g_test_add_func ("/app/editor-state/air-date/errors", test_air_date_errors);
  g_test_add_func ("/app/editor-state/air-date/day", test_format_day);
  g_test_add_func ("/app/editor-state/duration", test_duration);
  g_test_add_func ("/app/editor-state/tags", test_tags);
  g_test_add_func ("/app/editor-state/status", test_status);
  g_test_add_func ("/app/editor-state/word-count", test_word_count_label);
  g_test_add_func ("/app/editor-state/markdown-wrap/emphasis", test_markdown_wrap_emphasis);
  g_test_add_func ("/app/editor-state/markdown-wrap/link", test_markdown_wrap_link);
  g_test_add_func ("/app/editor-state/markdown-wrap/around", test_markdown_marker_around);
  g_test_add_func ("/app/editor-state/section-at", test_section_at);

  return g_test_run ();
}
