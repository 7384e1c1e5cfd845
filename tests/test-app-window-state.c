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
  /* A filter that hides all still shows the list with its filter. */
  g_assert_cmpstr (efir_window_state_sidebar_page (2, 5, 0), ==, "episodes");
}

static void
test_status_filter (void)
{
  g_assert_true (efir_window_state_status_matches (0, EFIR_EPISODE_STATUS_PUBLISHED));
  g_assert_true (efir_window_state_status_matches (1, EFIR_EPISODE_STATUS_DRAFT));
  g_assert_false (efir_window_state_status_matches (1, EFIR_EPISODE_STATUS_READY));
  g_assert_true (efir_window_state_status_matches (4, EFIR_EPISODE_STATUS_PUBLISHED));
  g_assert_true (efir_window_state_status_matches (5, EFIR_EPISODE_STATUS_FAILED));
  g_assert_false (efir_window_state_status_matches (5, EFIR_EPISODE_STATUS_SCHEDULED));
}

static void
test_air_date_order (void)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) early = g_date_time_new (baku, 2024, 10, 4, 20, 0, 0);
  /* 17:30 UTC is 21:30 in Baku: later, although its hour reads smaller. */
  g_autoptr(GDateTime) later = g_date_time_new_utc (2024, 10, 4, 17, 30, 0);

  g_assert_cmpint (efir_window_state_compare_air_dates (early, 1, later, 2), <, 0);
  g_assert_cmpint (efir_window_state_compare_air_dates (later, 2, early, 1), >, 0);
  /* Undated episodes come after dated ones, oldest first. */
  g_assert_cmpint (efir_window_state_compare_air_dates (NULL, 9, early, 1), >, 0);
  g_assert_cmpint (efir_window_state_compare_air_dates (NULL, 3, NULL, 4), <, 0);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/window-state/sidebar-page", test_sidebar_page);
  g_test_add_func ("/app/window-state/status-filter", test_status_filter);
  g_test_add_func ("/app/window-state/air-date-order", test_air_date_order);
  g_test_add_func ("/app/window-state/snippet-markup", test_snippet_markup);
  g_test_add_func ("/app/window-state/export-name", test_export_name);
  g_test_add_func ("/app/window-state/save-label", test_save_label);

  return g_test_run ();
}
