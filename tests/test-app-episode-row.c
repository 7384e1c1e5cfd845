/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "efir-episode-row.h"

static void
test_heading (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *untitled = NULL;
  g_autofree char *numbered = NULL;

  untitled = efir_episode_row_heading (episode);
  g_assert_cmpstr (untitled, ==, "Untitled episode");

  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, "Rusiya və İran");
  numbered = efir_episode_row_heading (episode);
  g_assert_cmpstr (numbered, ==, "112. Rusiya və İran");
}

static void
test_subtitle (void)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2026, 11, 27, 20, 0, 0);
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) elchin = efir_episode_guest_new ("Elçin Əliyev", "Economist");
  g_autoptr(EfirEpisodeGuest) leyla = efir_episode_guest_new ("Leyla Həsənova", "");
  g_autofree char *undated = NULL;
  g_autofree char *dated = NULL;

  g_list_store_append (efir_episode_get_guests (episode), elchin);
  g_list_store_append (efir_episode_get_guests (episode), leyla);
  undated = efir_episode_row_subtitle (episode);
  g_assert_cmpstr (undated, ==, "No air date · Elçin Əliyev, Leyla Həsənova");

  /* The day as an English reader writes it, at the studio's own hour. */
  efir_episode_set_air_date (episode, air_date);
  dated = efir_episode_row_subtitle (episode);
  g_assert_cmpstr (dated, ==, "27 Nov 2026, 20:00 · Elçin Əliyev, Leyla Həsənova");
}

static void
test_status (void)
{
  g_assert_cmpstr (efir_episode_row_status (EFIR_EPISODE_STATUS_DRAFT), ==, "Draft");
  g_assert_cmpstr (efir_episode_row_status (EFIR_EPISODE_STATUS_PUBLISHED), ==, "Published");
  g_assert_cmpstr (efir_episode_row_status (EFIR_EPISODE_STATUS_FAILED), ==, "Failed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/episode-row/heading", test_heading);
  g_test_add_func ("/app/episode-row/subtitle", test_subtitle);
  g_test_add_func ("/app/episode-row/status", test_status);

  return g_test_run ();
}
