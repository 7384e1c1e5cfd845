/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "efir-application.h"
#include "efir-details-section.h"
#include "efir-editor-state.h"
#include "efir-episode-row.h"
#include "efir-guest-directory.h"
#include "efir-program-settings.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"

/* The window appears in the producer's language: run with LANGUAGE=az or
 * LANGUAGE=ru and the catalogues of the build tree. */

static const char *
name_row_title (GtkWidget *window)
{
  GtkWidget *row = efir_ui_test_find_by_id (window, "name_row");

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
test_window_speaks_language (void)
{
  const char *expected = g_getenv ("EFIR_EXPECTED_EMPTY_TITLE");
  g_autofree char *dir = efir_test_make_dir ("efir-ui-language");
  g_autofree char *db_path = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (db_path, &error);
  g_autoptr(EfirApplication) app = efir_application_new ();
  EfirWindow *window;

  g_assert_no_error (error);
  g_assert_nonnull (expected);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = efir_window_new (app, store, db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;

  /* What a producer sees in an empty archive, word for word. */
  g_assert_true (efir_ui_test_has_label (GTK_WIDGET (window), expected));
  g_assert_false (efir_ui_test_has_label (GTK_WIDGET (window), "No Programmes Yet"));

  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_dispatch_pending ();
  g_clear_object (&store);
  efir_test_remove_tree (dir);
}

/* "Name" of a programme and of a person are worded apart in both
 * languages, so each window must ask for its own. */
static void
test_name_of_program_and_person (void)
{
  const char *program_name = g_getenv ("EFIR_EXPECTED_PROGRAM_NAME");
  const char *person_name = g_getenv ("EFIR_EXPECTED_PERSON_NAME");
  g_autofree char *dir = efir_test_make_dir ("efir-ui-language");
  g_autofree char *db_path = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  /* Its class registers the templates' resources. */
  g_autoptr(EfirApplication) app = efir_application_new ();
  GtkWidget *settings;
  GtkWidget *directory;

  g_assert_no_error (error);
  g_assert_nonnull (program_name);
  g_assert_nonnull (person_name);
  g_assert_cmpstr (program_name, !=, person_name);
  efir_store_save_program (store, program, &error);
  g_assert_no_error (error);

  settings = efir_program_settings_new (NULL, store, program);
  g_assert_cmpstr (name_row_title (settings), ==, program_name);
  gtk_window_destroy (GTK_WINDOW (settings));

  directory = efir_guest_directory_new (NULL, store);
  g_assert_cmpstr (name_row_title (directory), ==, person_name);
  gtk_window_destroy (GTK_WINDOW (directory));

  efir_ui_test_dispatch_pending ();
  g_clear_object (&store);
  efir_test_remove_tree (dir);
}

static void
test_air_date_in_list (void)
{
  const char *expected = g_getenv ("EFIR_EXPECTED_AIR_DATE");
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2026, 11, 27, 20, 0, 0);
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *subtitle = NULL;

  g_assert_nonnull (expected);
  efir_episode_set_air_date (episode, air_date);
  subtitle = efir_episode_row_subtitle (episode);
  g_assert_cmpstr (subtitle, ==, expected);
}

/* The day on the air-date button is in the window's language, whatever
 * language the system writes dates in. */
static void
test_air_day_in_language (void)
{
  const char *expected = g_getenv ("EFIR_EXPECTED_AIR_DAY");
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2026, 12, 2, 19, 0, 0);
  g_autofree char *day = efir_editor_state_format_day (air_date);

  g_assert_nonnull (expected);
  g_assert_cmpstr (day, ==, expected);
}

/* Collects the texts of every label under @widget. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (child)));
      collect_labels (child, texts);
    }
}

/* The air date's pop-up calendar names its months and days in the
 * window's language too, not in the system's (C here, English). */
static void
test_calendar_in_language (void)
{
  const char *month = g_getenv ("EFIR_EXPECTED_CALENDAR_MONTH");
  const char *day = g_getenv ("EFIR_EXPECTED_CALENDAR_DAY");
  GtkWidget *section = g_object_ref_sink (efir_details_section_new ());
  GtkWidget *calendar = efir_ui_test_find_by_id (section, "calendar");
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  g_assert_nonnull (month);
  g_assert_nonnull (calendar);
  collect_labels (calendar, texts);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, month, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, day, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (texts, "December", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (texts, "Wed", g_str_equal, NULL));
  g_object_unref (section);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("EFIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/language/window", test_window_speaks_language);
  g_test_add_func ("/ui/language/name", test_name_of_program_and_person);
  g_test_add_func ("/ui/language/air-date", test_air_date_in_list);
  g_test_add_func ("/ui/language/air-day", test_air_day_in_language);
  g_test_add_func ("/ui/language/calendar", test_calendar_in_language);
  return g_test_run ();
}
