/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "efir-window-state.h"

static void
test_sidebar_page (void)
{
  g_assert_cmpstr (efir_window_state_sidebar_page (0, 0, 0), ==, "no-programs");
  g_assert_cmpstr (efir_window_state_sidebar_page (2, 0, 0), ==, "no-episodes");
  g_assert_cmpstr (efir_window_state_sidebar_page (2, 5, 5), ==, "episodes");
  /* A filter that hides all says so, not a blank list. */
  g_assert_cmpstr (efir_window_state_sidebar_page (2, 5, 0), ==, "no-matches");
}

static void
test_status_filter (void)
{
  g_assert_cmpint (efir_window_state_status_filter (0), ==, EFIR_EPISODE_LIST_ANY_STATUS);
  g_assert_cmpint (efir_window_state_status_filter (G_MAXUINT), ==, EFIR_EPISODE_LIST_ANY_STATUS);
  g_assert_cmpint (efir_window_state_status_filter (1), ==, EFIR_EPISODE_STATUS_DRAFT);
  g_assert_cmpint (efir_window_state_status_filter (2), ==, EFIR_EPISODE_STATUS_READY);
  g_assert_cmpint (efir_window_state_status_filter (4), ==, EFIR_EPISODE_STATUS_PUBLISHED);
  g_assert_cmpint (efir_window_state_status_filter (5), ==, EFIR_EPISODE_STATUS_FAILED);
  g_assert_cmpint (efir_window_state_status_filter (6), ==, EFIR_EPISODE_LIST_ANY_STATUS);
}

static void
test_same_place (void)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) evening = g_date_time_new (baku, 2024, 10, 4, 20, 0, 0);
  /* The same moment, written in UTC: the list would not move. */
  g_autoptr(GDateTime) same_moment = g_date_time_new_utc (2024, 10, 4, 16, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new (baku, 2024, 10, 4, 21, 0, 0);
  g_autoptr(EfirEpisode) row = efir_episode_new ();
  g_autoptr(EfirEpisode) open = efir_episode_new ();

  efir_episode_set_number (row, 112);
  efir_episode_set_number (open, 112);
  g_assert_true (efir_window_state_same_place (row, open));

  /* Typing a title does not move an episode; a date, number or status does. */
  efir_episode_set_title (open, "Rusiya və İran");
  g_assert_true (efir_window_state_same_place (row, open));
  efir_episode_set_air_date (open, evening);
  g_assert_false (efir_window_state_same_place (row, open));
  efir_episode_set_air_date (row, same_moment);
  g_assert_true (efir_window_state_same_place (row, open));
  efir_episode_set_air_date (open, later);
  g_assert_false (efir_window_state_same_place (row, open));
  efir_episode_set_air_date (open, same_moment);
  efir_episode_set_number (open, 113);
  g_assert_false (efir_window_state_same_place (row, open));
  efir_episode_set_number (open, 112);
  efir_episode_set_status (open, EFIR_EPISODE_STATUS_READY);
  g_assert_false (efir_window_state_same_place (row, open));
}

static void
test_snippet_markup (void)
{
  g_autofree char *plain = efir_window_state_snippet_markup ("no hit here");
  g_autofree char *hit = efir_window_state_snippet_markup ("…dedi ki \x01Çətin\x02 sual <b>&</b>");
  g_autofree char *none = efir_window_state_snippet_markup (NULL);

  g_assert_cmpstr (plain, ==, "no hit here");
  /* The producer's own angle brackets are text, never markup. */
  g_assert_cmpstr (hit, ==, "…dedi ki <b>Çətin</b> sual &lt;b&gt;&amp;&lt;/b&gt;");
  g_assert_cmpstr (none, ==, "");
  g_assert_true (pango_parse_markup (hit, -1, 0, NULL, NULL, NULL, NULL));

  {
    g_autofree char *markdown =
      efir_window_state_snippet_markup ("*\x01Фёдор\x02 Алиев*, bax: [sayt](https://example.az/…");

    g_assert_cmpstr (markdown, ==, "<b>Фёдор</b> Алиев, bax: sayt");
  }
}

static void
test_export_name (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *from_title = NULL;
  g_autofree char *from_slug = NULL;
  g_autofree char *from_number = NULL;

  efir_episode_set_number (episode, 112);
  from_number = efir_window_state_export_name (episode);
  g_assert_cmpstr (from_number, ==, "episode-112.json");

  efir_episode_set_title (episode, "Çətin sual");
  from_title = efir_window_state_export_name (episode);
  g_assert_cmpstr (from_title, ==, "cetin-sual.json");

  efir_episode_set_slug (episode, "hybrid-threats");
  from_slug = efir_window_state_export_name (episode);
  g_assert_cmpstr (from_slug, ==, "hybrid-threats.json");
}

static void
test_save_label (void)
{
  g_autofree char *error = efir_window_state_save_error ("The disk is full.");

  g_assert_cmpstr (efir_window_state_save_label (EFIR_AUTOSAVE_STATE_SAVED), ==, "Saved");
  g_assert_cmpstr (efir_window_state_save_label (EFIR_AUTOSAVE_STATE_DIRTY), ==, "Saving…");
  g_assert_cmpstr (efir_window_state_save_label (EFIR_AUTOSAVE_STATE_FAILED), ==, "Not saved");
  g_assert_nonnull (strstr (error, "The disk is full."));
}

/* Text a section still holds is not saved, whatever the autosaver says;
 * a failure is not hidden behind it. */
static void
test_shown_save_state (void)
{
  g_assert_cmpint (efir_window_state_shown_save_state (EFIR_AUTOSAVE_STATE_SAVED, FALSE), ==,
                   EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_cmpint (efir_window_state_shown_save_state (EFIR_AUTOSAVE_STATE_SAVED, TRUE), ==,
                   EFIR_AUTOSAVE_STATE_DIRTY);
  g_assert_cmpint (efir_window_state_shown_save_state (EFIR_AUTOSAVE_STATE_SAVING, TRUE), ==,
                   EFIR_AUTOSAVE_STATE_SAVING);
  g_assert_cmpint (efir_window_state_shown_save_state (EFIR_AUTOSAVE_STATE_FAILED, TRUE), ==,
                   EFIR_AUTOSAVE_STATE_FAILED);
}

/* A toast names an episode in a line: a long title is cut at a word. */
static void
test_short_title (void)
{
  g_autofree char *whole = efir_window_state_short_title ("Sanksiyalar");
  g_autofree char *cut = efir_window_state_short_title (
    "What is Azerbaijan concerned about: foreign interference, hybrid threats, or non-systemic opposition?");
  g_autofree char *russian = efir_window_state_short_title (
    "Что беспокоит Азербайджан: иностранное вмешательство, гибридные угрозы или несистемная оппозиция?");

  g_assert_cmpstr (whole, ==, "Sanksiyalar");
  g_assert_cmpstr (cut, ==, "What is Azerbaijan concerned about: foreign…");
  g_assert_cmpstr (russian, ==, "Что беспокоит Азербайджан: иностранное…");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/window-state/sidebar-page", test_sidebar_page);
  g_test_add_func ("/app/window-state/status-filter", test_status_filter);
  g_test_add_func ("/app/window-state/same-place", test_same_place);
  g_test_add_func ("/app/window-state/snippet-markup", test_snippet_markup);
  g_test_add_func ("/app/window-state/export-name", test_export_name);
  g_test_add_func ("/app/window-state/short-title", test_short_title);
  g_test_add_func ("/app/window-state/save-label", test_save_label);
  g_test_add_func ("/app/window-state/shown-save-state", test_shown_save_state);

  return g_test_run ();
}
