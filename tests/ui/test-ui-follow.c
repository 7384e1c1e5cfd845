/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "efir-application.h"
#include "efir-details-section.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"

/*
 * The window follows the archive while efir-cli, a cron outbox run or
 * another Efir writes to it: what they write shows within a second, and an
 * episode changed elsewhere while the producer edits it is kept twice.
 */

/* One application for the whole test program: GApplication registers once
 * per process. */
static EfirApplication *app;

/* How long a change elsewhere may take to show: the window looks twice a
 * second, and a loaded machine may be slow. A bound, not a measure. */
#define FOLLOW_BOUND (20 * G_TIME_SPAN_SECOND)

typedef struct
{
  char        *dir;
  char        *db_path;
  EfirStore   *store;
  EfirProgram *program;
  EfirEpisode *episode;
  EfirWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2026, 12, 2, 19, 0, 0);

  f->dir = efir_test_make_dir ("efir-ui-follow");
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);

  f->program = efir_program_new ("Çətin sual");
  g_assert_true (efir_store_save_program (f->store, f->program, &error));
  g_assert_no_error (error);

  f->episode = efir_episode_new ();
  efir_episode_set_program_id (f->episode, efir_program_get_id (f->program));
  efir_episode_set_number (f->episode, 1);
  efir_episode_set_title (f->episode, "Birinci");
  efir_episode_set_air_date (f->episode, air_date);
  g_assert_true (efir_store_save_episode (f->store, f->episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  f->window = efir_window_new (app, f->store, f->db_path, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&f->episode);
  g_clear_object (&f->program);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Helpers ---------------------------------------------------------------- */

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, or the bound has passed. */
static gboolean
wait_for (Fixture   *f,
          Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + FOLLOW_BOUND;
  /* Wakes the loop to look at the deadline when nothing else does. */
  guint wake_id = g_timeout_add (100, wake_cb, NULL);

  while (!condition (f) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  efir_ui_test_iterate_until_idle ();
  return condition (f);
}

static gpointer
window_child (EfirWindow *window,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), EFIR_TYPE_WINDOW, name);
}

static gpointer
details_child (EfirWindow *window,
               const char *name)
{
  gpointer details = gtk_widget_get_template_child (GTK_WIDGET (efir_window_get_editor (window)),
                                                    EFIR_TYPE_EPISODE_EDITOR, "details");

  return gtk_widget_get_template_child (details, EFIR_TYPE_DETAILS_SECTION, name);
}

static gboolean
list_has_title (Fixture    *f,
                const char *title)
{
  GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (window_child (f->window, "episode_list")));

  for (guint i = 0, n = g_list_model_get_n_items (rows); i < n; i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (rows, i);

      if (g_strcmp0 (efir_episode_get_title (episode), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
switcher_has_program (Fixture    *f,
                      const char *name)
{
  GListModel *programs = gtk_drop_down_get_model (window_child (f->window, "program_dropdown"));

  for (guint i = 0, n = programs != NULL ? g_list_model_get_n_items (programs) : 0; i < n; i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);

      if (g_strcmp0 (efir_program_get_name (program), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* efir-cli, run as a producer or cron would. */
static void
run_cli (Fixture    *f,
         const char *command,
         const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "episode.json", NULL);
  const char *cli = g_getenv ("EFIR_CLI");
  g_autoptr(GSubprocess) process = NULL;

  g_assert_nonnull (cli);
  g_assert_true (g_file_set_contents (file, json, -1, &error));
  g_assert_no_error (error);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              cli, "--db", f->db_path, "episode", command, file, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static EfirStore *
open_elsewhere (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EfirStore *other = efir_store_open (f->db_path, &error);

  g_assert_no_error (error);
  return other;
}

/* Tests ------------------------------------------------------------------ */

static gboolean
import_shown (Fixture *f)
{
  return list_has_title (f, "İkinci") && switcher_has_program (f, "Трудный вопрос");
}

static void
test_follow_import (Fixture       *f,
                    gconstpointer  data)
{
  run_cli (f, "import",
           "{\"format\": \"efir-episode/1\", \"program\": \"Çətin sual\", \"number\": 2,"
           " \"title\": \"İkinci\", \"air_date\": \"2026-12-09T19:00:00+04:00\"}");
  run_cli (f, "import",
           "{\"format\": \"efir-episode/1\", \"program\": \"Трудный вопрос\", \"number\": 31,"
           " \"title\": \"Ёлки\", \"air_date\": \"2026-12-02T19:00:00+04:00\"}");

  g_assert_true (wait_for (f, import_shown));
}

static gboolean
air_date_shown (Fixture *f)
{
  GtkEditable *time_entry = details_child (f->window, "time_entry");

  return g_str_equal (gtk_editable_get_text (time_entry), "21:30");
}

static gboolean
moscow_shown (Fixture *f)
{
  GtkEditable *time_entry = details_child (f->window, "time_entry");
  const char *zone = adw_action_row_get_subtitle (details_child (f->window, "air_date_row"));

  return g_str_equal (gtk_editable_get_text (time_entry), "20:30")
         && strstr (zone, "Moscow") != NULL;
}

static void
test_follow_open_episode (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_elsewhere (f);
  g_autoptr(EfirEpisode) theirs = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_from_iso8601 ("2026-12-02T21:30:00+04:00", NULL);
  EfirEpisode *open;
  gpointer subtitle_row;

  efir_window_open_episode (f->window, efir_episode_get_id (f->episode));
  efir_ui_test_iterate_until_idle ();
  open = efir_window_get_current_episode (f->window);
  g_assert_cmpstr (gtk_editable_get_text (details_child (f->window, "time_entry")), ==, "19:00");

  theirs = efir_store_load_episode (other, efir_episode_get_id (f->episode), &error);
  g_assert_no_error (error);
  efir_episode_set_air_date (theirs, later);
  efir_episode_set_status (theirs, EFIR_EPISODE_STATUS_READY);
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_DETAILS, &error));
  g_assert_no_error (error);

  /* Read again in place: the same episode object, showing theirs. */
  g_assert_true (wait_for (f, air_date_shown));
  g_assert_true (efir_window_get_current_episode (f->window) == open);
  g_assert_cmpint (efir_episode_get_status (open), ==, EFIR_EPISODE_STATUS_READY);
  subtitle_row = details_child (f->window, "air_date_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (subtitle_row), "Baku"));

  /* The programme moves to Moscow's time elsewhere: the same broadcast is
   * shown at 20:30 there. */
  efir_program_set_time_zone (f->program, "Europe/Moscow");
  g_assert_true (efir_store_save_program (other, f->program, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (f, moscow_shown));
}

static gboolean
conflict_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (window_child (f->window, "conflict_revealer"));
}

static void
test_follow_conflict (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_elsewhere (f);
  g_autoptr(EfirEpisode) theirs = NULL;
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(EfirEpisode) kept = NULL;
  EfirEpisode *open;

  efir_window_open_episode (f->window, efir_episode_get_id (f->episode));
  efir_ui_test_iterate_until_idle ();
  open = efir_window_get_current_episode (f->window);

  /* The producer types; before it is saved, efir-cli writes too. */
  efir_episode_set_title (open, "Mənim başlığım");
  theirs = efir_store_load_episode (other, efir_episode_get_id (f->episode), &error);
  g_assert_no_error (error);
  efir_episode_set_title (theirs, "Onların başlığı");
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_DETAILS, &error));
  g_assert_no_error (error);

  /* Said, and both kept: the window's in memory, theirs on disk. */
  g_assert_true (wait_for (f, conflict_shown));
  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (f->window), "Not saved"));
  g_assert_cmpstr (efir_episode_get_title (open), ==, "Mənim başlığım");
  stored = efir_store_load_episode (other, efir_episode_get_id (f->episode), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "Onların başlığı");

  /* Take Theirs: theirs shows, mine is in History. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflict", "s",
                                             "theirs"));
  efir_ui_test_iterate_until_idle ();
  g_assert_false (conflict_shown (f));
  g_assert_cmpstr (efir_episode_get_title (open), ==, "Onların başlığı");
  revisions = efir_store_list_revisions (other, efir_episode_get_id (f->episode), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, >=, 1);
  kept = efir_store_load_revision (other, ((EfirRevisionInfo *) revisions->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (kept), ==, "Mənim başlığım");
}

static gboolean
published_shown (Fixture *f)
{
  GtkWidget *editor = GTK_WIDGET (efir_window_get_editor (f->window));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (editor, EFIR_TYPE_EPISODE_EDITOR,
                                                              "publication_status_label"));

  return g_str_equal (gtk_label_get_label (label), "Published");
}

static gboolean
saved_shown (Fixture *f)
{
  return g_str_equal (gtk_label_get_label (window_child (f->window, "save_label")), "Saved");
}

/* A cron outbox run publishes the open episode while the producer types:
 * the window says so, and its save keeps the episode published. */
static void
test_follow_publication (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_elsewhere (f);
  g_autoptr(EfirEpisode) stored = NULL;
  EfirEpisode *open;

  efir_window_open_episode (f->window, efir_episode_get_id (f->episode));
  efir_ui_test_iterate_until_idle ();
  open = efir_window_get_current_episode (f->window);

  efir_episode_set_title (open, "Yazılır");
  g_assert_true (efir_store_set_published_status (other, efir_episode_get_id (f->episode),
                                                  EFIR_EPISODE_STATUS_PUBLISHED, &error));
  g_assert_no_error (error);

  g_assert_true (wait_for (f, published_shown));
  g_assert_true (wait_for (f, saved_shown));
  g_assert_false (gtk_revealer_get_reveal_child (window_child (f->window, "conflict_revealer")));
  stored = efir_store_load_episode (other, efir_episode_get_id (f->episode), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "Yazılır");
  g_assert_cmpint (efir_episode_get_status (stored), ==, EFIR_EPISODE_STATUS_PUBLISHED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/follow/import", test_follow_import);
  ADD ("/ui/follow/open-episode", test_follow_open_episode);
  ADD ("/ui/follow/conflict", test_follow_conflict);
  ADD ("/ui/follow/publication", test_follow_publication);

#undef ADD

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
