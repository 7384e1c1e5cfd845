/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "efir-application.h"
#include "efir-details-section.h"
#include "efir-episode-row.h"
#include "efir-guests-section.h"
#include "efir-program-settings.h"
#include "efir-session.h"
#include "efir-summary-section.h"
#include "efir-test-util.h"
#include "efir-title-row.h"
#include "efir-transcript-text.h"
#include "efir-transcript-editor-private.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"

/* One application for the whole test program: GApplication registers once
 * per process. */
static EfirApplication *app;

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = efir_test_make_dir ("efir-ui-window");
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  efir_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Whether a row of the episode list on screen reads @heading. */
static gboolean
has_mapped_row (GtkWidget  *widget,
                const char *heading)
{
  if (EFIR_IS_EPISODE_ROW (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (efir_episode_row_get_title_text (EFIR_EPISODE_ROW (widget)), heading) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_mapped_row (child, heading))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GtkWidget  *window;
  const char *heading;
} RowWait;

static gboolean
row_is_mapped (gpointer data)
{
  RowWait *wait = data;

  return has_mapped_row (wait->window, wait->heading);
}

/* Whether the row comes into view once the list has been laid out and
 * drawn again (a few frames after a move). */
static gboolean
wait_for_mapped_row (EfirWindow *window,
                     const char *heading)
{
  RowWait wait = { GTK_WIDGET (window), heading };

  return efir_ui_test_wait_for (row_is_mapped, &wait);
}

static gpointer editor_child (EfirWindow *window,
                              const char *name);

static void
test_window_lists_programs_and_episodes (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  EfirWindow *window;

  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  g_assert_no_error (error);

  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, "Azərbaycanı nə narahat edir?");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  g_assert_true (has_mapped_row (GTK_WIDGET (window), "112. Azərbaycanı nə narahat edir?"));

  /* Opened, its guests section suggests the guest directory. */
  efir_window_open_episode (window, efir_episode_get_id (episode));
  efir_ui_test_iterate_until_idle ();
  {
    EfirGuestsSection *guests = editor_child (window, "guests");
    GListModel *people = efir_guests_section_get_people (guests);
    g_autoptr(EfirPerson) person = NULL;

    g_assert_nonnull (people);
    g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
    person = g_list_model_get_item (people, 0);
    g_assert_cmpstr (efir_person_get_name (person), ==, "Nəsimi Məmmədli");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* The empty window says to press Ctrl+N: with no programme yet, that
 * offers to create the programme. */
static void
test_window_new_episode_without_program (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  GListModel *toplevels = gtk_window_get_toplevels ();
  EfirProgramSettings *settings = NULL;
  EfirWindow *window;

  g_assert_no_error (error);
  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (EFIR_IS_PROGRAM_SETTINGS (toplevel))
        settings = EFIR_PROGRAM_SETTINGS (toplevel);
    }
  g_assert_nonnull (settings);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (settings)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (settings));
  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

static void
test_window_offers_backup_for_damaged_file (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  EfirStore *store;
  EfirWindow *window;

  g_assert_true (g_file_set_contents (f->db_path, "this is a note, not a database\n", -1, NULL));
  g_assert_true (g_file_get_contents (f->db_path, &before, &before_len, NULL));

  store = efir_store_open (f->db_path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);

  window = efir_window_new (app, NULL, f->db_path, error);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window),
                                                "The Database Cannot Be Opened"));
  g_assert_true (g_file_get_contents (f->db_path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* An archive from a newer Efir is not damaged: the window says to update
 * Efir, and offers no backup in its place, though there is one. */
static void
test_window_too_new_offers_no_backup (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autofree char *backup = NULL;
  EfirStore *store;
  EfirWindow *window;
  sqlite3 *db = NULL;

  store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  g_assert_true (efir_store_backup_daily (store, &error));
  g_object_unref (store);
  backup = efir_store_find_latest_backup (f->db_path);
  g_assert_nonnull (backup);

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = efir_store_open (f->db_path, &error);
  g_assert_null (store);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_TOO_NEW);

  window = efir_window_new (app, NULL, f->db_path, error);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window),
                                                "The Database Cannot Be Opened"));
  g_assert_false (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "Open the Latest Backup"));

  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* An archive that cannot be written opens read-only, and the window says
 * that edits are off. */
static void
test_window_read_only_banner (Fixture       *f,
                              gconstpointer  data)
{
  static const char banner[] = "This archive cannot be written, so it is open read-only: you can "
                               "read, search and export, but edits are off.";
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirStore) store = NULL;
  EfirWindow *window;

  store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  g_clear_object (&store);

  store = efir_store_open_full (f->db_path, EFIR_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window), banner));

  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  /* An archive that can be written shows no such banner. */
  g_clear_object (&store);
  store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  g_assert_false (efir_ui_test_has_mapped_label (GTK_WIDGET (window), banner));
  gtk_window_destroy (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* Efir started for real checks every page of its archive once its window is
 * drawn, without waiting for a write: a bad sector deep in the file brings
 * up the offer of a backup while the producer only reads. Closed on an
 * episode, Efir checks once that episode is drawn again. (Run in a child
 * process: the application keeps the store it opened.)
 */
static void
test_window_checks_archive_after_first_frame (Fixture       *f,
                                              gconstpointer  data)
{
  gboolean reopen = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GSettings) settings = NULL;
  GtkWindow *window;
  gint64 last_episode = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(EfirEpisode) episode = efir_episode_new ();
      g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = 0; j < 200; j++)
        g_ptr_array_add (segments, efir_segment_new (j * 5, j * 5 + 5, "Aparıcı",
                                                     "Çətin sual, çətin cavab."));
      efir_episode_set_program_id (episode, efir_program_get_id (program));
      efir_episode_set_number (episode, i + 1);
      efir_episode_set_title (episode, "Epizod");
      efir_episode_set_transcript (episode, segments);
      g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
      g_assert_no_error (error);
      last_episode = efir_episode_get_id (episode);
    }
  g_clear_object (&store);
  efir_test_damage_table (f->db_path, "transcripts");
  if (reopen)
    {
      settings = g_settings_new (APP_ID);
      g_settings_set_int64 (settings, "last-program", efir_program_get_id (program));
      g_settings_set_int64 (settings, "last-episode", last_episode);
    }

  g_setenv ("EFIR_DB", f->db_path, TRUE);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);

  while (!efir_ui_test_has_mapped_label (GTK_WIDGET (window), "The Database Cannot Be Opened"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "Open the Latest Backup"));

  gtk_window_destroy (window);
  efir_ui_test_iterate_until_idle ();
}

static gpointer
editor_child (EfirWindow *window,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (efir_window_get_editor (window)),
                                        EFIR_TYPE_EPISODE_EDITOR, name);
}

static EfirTitleRow *
title_row (EfirWindow *window)
{
  return EFIR_TITLE_ROW (gtk_widget_get_template_child (editor_child (window, "details"),
                                                        EFIR_TYPE_DETAILS_SECTION, "title_row"));
}

static void
type_into_buffer (GtkTextBuffer *buffer,
                  const char    *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  efir_ui_test_iterate_until_idle ();
}

static EfirWindow *
open_window (EfirStore  *store,
             const char *db_path)
{
  EfirWindow *window = efir_window_new (app, store, db_path, NULL);

  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  return window;
}

static void
close_window (EfirWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

static gboolean
has_first_row_cb (gpointer data)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (data), 0) != NULL;
}

/* The producer's day: a new episode, every section typed into, a switch to
 * another episode, quit, start again: every character is back; then the
 * search finds it by a word typed without its special letters. */
static void
test_window_keeps_every_character (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) reloaded = NULL;
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  g_autoptr(EfirQuote) quote = efir_quote_new ("Təhdid yoxdur, maraq var.", "Nəsimi Məmmədli", 903.5);
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/cetinsual/4521", NULL);
  g_autoptr(EfirSegment) segment = NULL;
  GtkListBox *results;
  GtkTextBuffer *transcript;
  EfirEpisode *episode;
  EfirWindow *window;
  gint64 episode_id;

  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));

  window = open_window (store, f->db_path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-episode", NULL);
  efir_ui_test_iterate_until_idle ();
  episode = efir_window_get_current_episode (window);
  g_assert_nonnull (episode);
  episode_id = efir_episode_get_id (episode);
  g_assert_cmpint (episode_id, >, 0);

  efir_ui_test_type_into_keeping_cursor (title_row (window), "Azərbaycanı nə narahat edir?");
  type_into_buffer (GTK_TEXT_BUFFER (gtk_widget_get_template_child (editor_child (window, "summary"), EFIR_TYPE_SUMMARY_SECTION, "buffer")),
                    "Şəki və Gəncə barədə **söhbət**.");
  transcript = gtk_text_view_get_buffer (GTK_TEXT_VIEW (efir_transcript_editor_get_view (editor_child (window, "transcript"))));
  type_into_buffer (transcript, "[00:00:00] Aparıcı: Xoş gördük, İlham bəy.\n[00:00:05] Nəsimi Məmmədli: Salam.");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_list_store_append (efir_episode_get_social_links (episode), link);
  efir_ui_test_iterate_until_idle ();

  /* Switching to another episode writes the first at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-episode", NULL);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (efir_episode_get_id (efir_window_get_current_episode (window)), !=, episode_id);
  efir_ui_test_type_into_keeping_cursor (title_row (window), "İkinci buraxılış");

  /* Quit, and start again on the same file. */
  close_window (window);
  g_clear_object (&store);
  store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);

  window = open_window (store, f->db_path);
  efir_window_open_episode (window, episode_id);
  efir_ui_test_iterate_until_idle ();
  reloaded = g_object_ref (efir_window_get_current_episode (window));
  g_assert_cmpint (efir_episode_get_id (reloaded), ==, episode_id);
  g_assert_cmpstr (efir_episode_get_title (reloaded), ==, "Azərbaycanı nə narahat edir?");
  g_assert_cmpstr (efir_episode_get_summary (reloaded), ==, "Şəki və Gəncə barədə **söhbət**.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (reloaded))), ==, 2);
  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (reloaded)), 1);
  g_assert_cmpstr (efir_segment_get_speaker (segment), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (efir_segment_get_text (segment), ==, "Salam.");
  g_assert_cmpfloat (efir_segment_get_start (segment), ==, 5.0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (reloaded))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_quotes (reloaded))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_social_links (reloaded))), ==, 1);

  /* The second episode's title, typed just before quitting, is there too. */
  g_assert_true (has_mapped_row (GTK_WIDGET (window), "2. İkinci buraxılış"));

  /* "azerbaycani" without ə finds the episode. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), EFIR_TYPE_WINDOW, "search_entry")),
                         "azerbaycani narahat");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (window), EFIR_TYPE_WINDOW, "search_entry"), "search-changed");
  results = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), EFIR_TYPE_WINDOW, "result_list"));
  /* Search runs in a thread: its hits come a little after the key. */
  g_assert_true (efir_ui_test_wait_for (has_first_row_cb, results));
  efir_ui_test_iterate_until_idle ();
  g_assert_nonnull (gtk_list_box_get_row_at_index (results, 0));
  g_assert_null (gtk_list_box_get_row_at_index (results, 1));
  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (results),
                                                "Azərbaycanı nə narahat edir?"));

  close_window (window);
}

/* Dropping an episode file on the window imports and opens it. */
static gboolean
has_current_episode_cb (gpointer data)
{
  return efir_window_get_current_episode (EFIR_WINDOW (data)) != NULL;
}

static void
test_window_imports_dropped_file (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = efir_test_fixture_path ("difficult-question-episode.json");
  g_autofree char *refused = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  EfirWindow *window;
  EfirEpisode *current;

  store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  window = open_window (store, f->db_path);
  file = g_file_new_for_path (path);

  /* Imported in the writer's thread, then opened. */
  efir_window_import (window, file);
  g_assert_true (efir_ui_test_wait_for (has_current_episode_cb, window));
  efir_ui_test_iterate_until_idle ();
  current = efir_window_get_current_episode (window);
  g_assert_cmpint (efir_episode_get_number (current), ==, 112);
  g_assert_cmpstr (efir_episode_get_program_name (current), ==, "Difficult Question");
  g_assert_true (efir_ui_test_wait_for_label (GTK_WIDGET (window),
                                              "Imported “What is Azerbaijan concerned about: foreign "
                                              "interference, hybrid threats, or non-systemic "
                                              "opposition?”"));

  /* The same file again is refused, and says why: the archive keeps one
   * episode 112. */
  efir_window_import (window, file);
  refused = g_strdup_printf ("“difficult-question-episode.json” was not imported: Episode 112 of "
                             "“Difficult Question” is already in the archive (id %" G_GINT64_FORMAT
                             "). Nothing was imported.",
                             efir_episode_get_id (current));
  g_assert_true (efir_ui_test_wait_for_label (GTK_WIDGET (window), refused));
  g_assert_true (efir_window_get_current_episode (window) == current);

  close_window (window);
}

static gpointer
window_child (EfirWindow *window,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), EFIR_TYPE_WINDOW, name);
}

/* Runs the main loop until the header says the autosaver has written what
 * changed (it waits for a second's pause), and the window has followed. */
static void
wait_for_save (EfirWindow *window)
{
  GtkLabel *label = window_child (window, "save_label");
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!g_str_equal (gtk_label_get_label (label), "Saved") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Saved");
  efir_ui_test_iterate_until_idle ();
}

/* Saves @n episodes of @program, numbered from 1 and titled "Buraxılış N";
 * the first broadcast on @first_air_date (NULL: none), each next one a day
 * later. @ids, if not NULL, gets their ids in that order. */
static void
save_numbered_episodes (EfirStore   *store,
                        EfirProgram *program,
                        guint        n,
                        GDateTime   *first_air_date,
                        gint64      *ids)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisode) episode = efir_episode_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Buraxılış %u", i + 1);

      efir_episode_set_program_id (episode, efir_program_get_id (program));
      efir_episode_set_number (episode, i + 1);
      efir_episode_set_title (episode, title);
      if (first_air_date != NULL)
        {
          g_autoptr(GDateTime) air_date = g_date_time_add_days (first_air_date, i);

          efir_episode_set_air_date (episode, air_date);
        }
      g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
      g_assert_no_error (error);
      if (ids != NULL)
        ids[i] = efir_episode_get_id (episode);
    }
}

static gint64
id_at (GtkSelectionModel *model,
       guint              position)
{
  g_autoptr(EfirEpisode) episode = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (episode);
  return efir_episode_get_id (episode);
}

/* The list is the store's: a new air date moves the open episode, a new
 * status takes it out of a filter, the sort button turns the list round,
 * and the open episode stays the selected row wherever it goes. */
static void
test_window_list_follows_edits (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) latest = g_date_time_new (baku, 2024, 12, 1, 20, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_new (baku, 2024, 10, 1, 20, 0, 0);
  gint64 ids[3];
  EfirWindow *window;
  GtkSelectionModel *rows;
  EfirEpisode *current;

  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, G_N_ELEMENTS (ids), first, ids);

  window = open_window (store, f->db_path);
  rows = gtk_grid_view_get_model (window_child (window, "episode_list"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);
  g_assert_cmpint (id_at (rows, 0), ==, ids[2]);
  g_assert_true (has_mapped_row (GTK_WIDGET (window), "3. Buraxılış 3"));

  /* The oldest, opened, is the selected last row. */
  efir_window_open_episode (window, ids[0]);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (gtk_selection_model_is_selected (rows, 2));

  /* Moved to December: on top once saved, still selected, and its row
   * shows the title typed a moment ago. */
  current = efir_window_get_current_episode (window);
  efir_episode_set_air_date (current, latest);
  efir_episode_set_title (current, "Dekabr buraxılışı");
  wait_for_save (window);
  g_assert_cmpint (id_at (rows, 0), ==, ids[0]);
  g_assert_cmpint (id_at (rows, 1), ==, ids[2]);
  g_assert_true (gtk_selection_model_is_selected (rows, 0));
  g_assert_true (wait_for_mapped_row (window, "1. Dekabr buraxılışı"));

  /* Oldest first: the December episode goes to the end. */
  gtk_toggle_button_set_active (window_child (window, "sort_button"), TRUE);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (id_at (rows, 0), ==, ids[1]);
  g_assert_cmpint (id_at (rows, 2), ==, ids[0]);
  g_assert_true (gtk_selection_model_is_selected (rows, 2));

  /* Drafts only (all three are), then the open one is marked ready. */
  gtk_drop_down_set_selected (window_child (window, "status_dropdown"), 1);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);
  efir_episode_set_status (current, EFIR_EPISODE_STATUS_READY);
  wait_for_save (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  g_assert_cmpint (id_at (rows, 0), ==, ids[1]);
  g_assert_cmpint (id_at (rows, 1), ==, ids[2]);
  /* The filter stays in reach, and the episode stays open. */
  g_assert_true (gtk_widget_get_visible (window_child (window, "filter_box")));
  g_assert_cmpint (efir_episode_get_id (efir_window_get_current_episode (window)), ==, ids[0]);

  /* Published: none is, and the sidebar says so under its filter. */
  gtk_drop_down_set_selected (window_child (window, "status_dropdown"), 4);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "No Episodes With This Status"));
  g_assert_true (gtk_widget_get_visible (window_child (window, "filter_box")));

  close_window (window);
}

/* At 360 pixels the window shows one pane: a row opens its page, back
 * shows the list with nothing chosen, and the same row opens it again. */
static void
test_window_narrow_reopens_episode (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  EfirWindow *window;
  AdwLeaflet *leaflet;
  GtkSelectionModel *rows;

  g_assert_true (efir_store_save_program (store, program, &error));
  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_title (episode, "Dar pəncərə");
  g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));

  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  leaflet = window_child (window, "leaflet");
  rows = gtk_grid_view_get_model (window_child (window, "episode_list"));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  /* Wherever the start put it (the last episode may have been opened). */
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == window_child (window, "sidebar"));

  gtk_selection_model_select_item (rows, 0, TRUE);
  efir_ui_test_iterate_until_idle ();
  g_assert_nonnull (efir_window_get_current_episode (window));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != window_child (window, "sidebar"));

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == window_child (window, "sidebar"));
  g_assert_false (gtk_selection_model_is_selected (rows, 0));

  gtk_selection_model_select_item (rows, 0, TRUE);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != window_child (window, "sidebar"));

  close_window (window);
}

/* In a wide window, going down the list opens each episode and leaves the
 * focus in the list: the next key moves on, it does not type over the
 * episode's title. */
static void
test_window_wide_keeps_focus_in_list (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  EfirWindow *window;
  GtkWidget *list;
  GtkWidget *focus;

  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, 2, NULL, NULL);

  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  list = window_child (window, "episode_list");
  g_assert_false (adw_leaflet_get_folded (window_child (window, "leaflet")));
  /* The list is the leaflet's current pane, as when the producer is in it. */
  adw_leaflet_navigate (window_child (window, "leaflet"), ADW_NAVIGATION_DIRECTION_BACK);
  efir_ui_test_iterate_until_idle ();

  for (guint row = 0; row < 2; row++)
    {
      g_assert_true (gtk_widget_grab_focus (list));
      gtk_selection_model_select_item (gtk_grid_view_get_model (GTK_GRID_VIEW (list)), row, TRUE);
      efir_ui_test_iterate_until_idle ();
      g_assert_cmpint (efir_episode_get_number (efir_window_get_current_episode (window)), ==, 2 - row);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      g_assert_true (focus == list || gtk_widget_is_ancestor (focus, list));
    }

  close_window (window);
}

/* Alt+1 to Alt+7 go to a section of the open episode from anywhere in
 * the window, Ctrl+L to a time in its transcript and Ctrl+H to finding
 * and replacing there: from the list, where the focus stays after choosing
 * an episode, and from the Schedule. */
static void
test_window_section_keys_from_anywhere (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkAdjustment *adjustment;
  EfirWindow *window;
  GtkWidget *list;

  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, 2, NULL, NULL);
  /* Closed on no episode. */
  g_settings_set_int64 (settings, "last-episode", 0);

  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  /* No episode open: the keys do nothing. */
  g_assert_false (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_5, GDK_ALT_MASK));

  list = window_child (window, "episode_list");
  g_assert_true (gtk_widget_grab_focus (list));
  gtk_selection_model_select_item (gtk_grid_view_get_model (GTK_GRID_VIEW (list)), 0, TRUE);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (efir_ui_test_focus_is_within (list));

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_5, GDK_ALT_MASK));
  g_assert_true (efir_ui_test_focus_is_within (editor_child (window, "transcript")));
  adjustment = gtk_scrolled_window_get_vadjustment (editor_child (window, "scroller"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_1, GDK_ALT_MASK));
  g_assert_true (efir_ui_test_focus_is_within (editor_child (window, "details")));
  /* The page's top margin, less the room left above a section. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <=, 24);

  /* Ctrl+L, from the list too, goes to a time in the transcript. */
  g_assert_true (gtk_widget_grab_focus (list));
  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_l, GDK_CONTROL_MASK));
  g_assert_true (efir_ui_test_focus_is_within (efir_ui_test_find_by_id (editor_child (window, "transcript"),
                                                                        "time_entry")));

  /* Ctrl+H, from the list too, finds and replaces in the transcript. */
  g_assert_true (gtk_widget_grab_focus (list));
  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_h, GDK_CONTROL_MASK));
  g_assert_true (efir_ui_test_focus_is_within (
    GTK_WIDGET (efir_transcript_editor_get_find_entry (editor_child (window, "transcript")))));
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (efir_ui_test_find_by_id (editor_child (window, "transcript"), "replace_revealer"))));

  /* From the Schedule, back to the episode's page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-schedule", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "schedule");
  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_6, GDK_ALT_MASK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "episode");
  g_assert_true (efir_ui_test_focus_is_within (editor_child (window, "social_links")));

  close_window (window);
}

static guint
count_shortcuts_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      n += GTK_IS_SHORTCUTS_WINDOW (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel));
    }
  return n;
}

/* Ctrl+? shows the shortcuts, built when first asked for and not before
 * the window's first frame; asked again, the same window comes back. */
static void
test_window_shows_shortcuts (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  EfirWindow *window = open_window (store, f->db_path);
  g_autofree char *accels_text = NULL;
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  GLogLevelFlags fatal;

  /* GTK 4.8's shortcuts window measures some of its own key labels below
   * zero and warns about it; that warning is GTK's, and criticals stay
   * fatal. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  accels_text = g_strjoinv (" ", accels);
  g_assert_cmpstr (accels_text, ==, "<Control>question");
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);

  close_window (window);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  g_log_set_always_fatal (fatal);
}

/* F10 opens the main menu and the episode menu opens from its button, each
 * with its items (read with their mnemonics), and both keep doing so. */
static void
test_window_opens_menus (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  EfirWindow *window = open_window (store, f->db_path);
  GtkWidget *episode_menu = efir_ui_test_find_by_id (GTK_WIDGET (window), "episode_menu_button");
  GtkWidget *main_menu = efir_ui_test_find_by_id (GTK_WIDGET (window), "menu_button");

  g_assert_nonnull (main_menu);
  g_assert_nonnull (episode_menu);
  for (guint round = 0; round < 2; round++)
    {
      g_assert_false (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "_Guest Directory"));
      g_assert_false (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "_Export as JSON…"));
      g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (window), GDK_KEY_F10, 0));
      efir_ui_test_iterate_until_idle ();
      g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "_Guest Directory"));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (main_menu));
      efir_ui_test_iterate_until_idle ();

      gtk_menu_button_popup (GTK_MENU_BUTTON (episode_menu));
      efir_ui_test_iterate_until_idle ();
      g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window), "_Export as JSON…"));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (episode_menu));
      efir_ui_test_iterate_until_idle ();
    }

  close_window (window);
}

static int
row_height (GtkWidget  *row,
            const char *title,
            int         width)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  int height;

  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, title);
  efir_episode_row_set_episode (EFIR_EPISODE_ROW (row), episode);
  heading = efir_episode_row_heading (episode);
  subtitle = efir_episode_row_subtitle (episode);
  g_assert_cmpstr (efir_episode_row_get_title_text (EFIR_EPISODE_ROW (row)), ==, heading);
  g_assert_cmpstr (efir_episode_row_get_subtitle_text (EFIR_EPISODE_ROW (row)), ==, subtitle);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  return height;
}

/* A row of the list is as tall as its title needs in the width it is
 * given: one line, or two for a long Azerbaijani title, never more; the
 * list asks for heights that way only of a row that says its height
 * depends on its width. */
static void
test_window_row_height_follows_title (Fixture       *f,
                                      gconstpointer  data)
{
  GtkWidget *row = g_object_ref_sink (efir_episode_row_new ());
  int one_line = row_height (row, "Sual", 300);
  int two_lines = row_height (row, "Azərbaycanı nə narahat edir və sabah nə ilə qarşılaşacağıq?", 300);
  int many_lines = row_height (row,
                               "Azərbaycanı nə narahat edir, sabah nə ilə qarşılaşacağıq, "
                               "kim qazanır, kim itirir və bütün bunlar haradan başladı?", 300);

  g_assert_cmpint (gtk_widget_get_request_mode (row), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  g_assert_cmpint (two_lines, >, one_line);
  g_assert_cmpint (many_lines, ==, two_lines);
  /* Wide enough, the long title fits on one line again. */
  g_assert_cmpint (row_height (row, "Azərbaycanı nə narahat edir?", 2000), ==, one_line);
  g_object_unref (row);
}

static void
record_first_frame_cb (EfirWindow *window,
                       gboolean   *episode_at_first_frame)
{
  *episode_at_first_frame = efir_window_get_current_episode (window) != NULL;
}

static gboolean
stored_transcript_has (EfirStore  *store,
                       gint64      episode_id,
                       const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) stored = efir_store_load_episode (store, episode_id, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (stored)));

  return strstr (text, words) != NULL;
}

/* The header said "Saved" while the words typed into the transcript were
 * not in the archive yet: a kill then lost them. It says "Saved" only once
 * they are there. */
static void
test_window_saved_means_saved (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  const char *words = "Nəsimi Məmmədli: Təhdid yoxdur.";
  GtkTextBuffer *transcript;
  GtkLabel *save_label;
  EfirWindow *window;
  gint64 id;

  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, 1, NULL, &id);

  window = open_window (store, f->db_path);
  efir_window_open_episode (window, id);
  efir_ui_test_iterate_until_idle ();
  save_label = window_child (window, "save_label");
  g_assert_cmpstr (gtk_label_get_label (save_label), ==, "Saved");

  transcript = gtk_text_view_get_buffer (GTK_TEXT_VIEW (efir_transcript_editor_get_view (editor_child (window, "transcript"))));
  gtk_text_buffer_insert_interactive_at_cursor (transcript, "[00:00:05] ", -1, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (transcript, words, -1, TRUE);
  g_assert_false (stored_transcript_has (store, id, words));
  g_assert_cmpstr (gtk_label_get_label (save_label), ==, "Saving…");

  /* Through the pause in typing, the read-back and the write: whenever
   * the header says "Saved", the archive has the words. */
  wait_for_save (window);
  g_assert_true (stored_transcript_has (store, id, words));

  close_window (window);
}

/* The glyphs of the title row in the first frame painted with the
 * episode's editor on screen. */
typedef struct
{
  EfirWindow *window;
  int         glyphs;
} TitleGlyphs;

static void
record_title_glyphs_cb (GdkFrameClock *clock,
                        TitleGlyphs   *seen)
{
  GtkWidget *editor;

  /* Asked for before, the editor would be built early. */
  if (seen->glyphs >= 0 || efir_window_get_current_episode (seen->window) == NULL)
    return;
  editor = GTK_WIDGET (efir_window_get_editor (seen->window));
  if (editor != NULL && gtk_widget_get_mapped (editor))
    seen->glyphs = (int) efir_ui_test_count_drawn_glyphs (GTK_WIDGET (title_row (seen->window)));
}

static gboolean
title_glyphs_recorded_cb (gpointer data)
{
  return ((TitleGlyphs *) data)->glyphs >= 0;
}

/* Started again, Efir shows the episode open when it was closed, with its
 * row chosen in the list. The window comes first: the episode is read and
 * its editor built just after the first frame, not before it. */
static void
test_window_reopens_last_episode (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkSelectionModel *rows;
  gboolean episode_at_first_frame = TRUE;
  TitleGlyphs first_shown = { NULL, -1 };
  gint64 ids[2];
  EfirWindow *window;

  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, G_N_ELEMENTS (ids), NULL, ids);
  g_settings_set_int64 (settings, "last-program", efir_program_get_id (program));
  g_settings_set_int64 (settings, "last-episode", ids[0]);

  window = efir_window_new (app, store, f->db_path, NULL);
  g_signal_connect (window, "first-frame", G_CALLBACK (record_first_frame_cb), &episode_at_first_frame);
  gtk_window_present (GTK_WINDOW (window));
  first_shown.window = window;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (record_title_glyphs_cb), &first_shown);
  efir_ui_test_wait_for (title_glyphs_recorded_cb, &first_shown);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                        record_title_glyphs_cb, &first_shown);
  efir_ui_test_iterate_until_idle ();

  g_assert_false (episode_at_first_frame);
  g_assert_nonnull (efir_window_get_current_episode (window));
  g_assert_cmpint (efir_episode_get_id (efir_window_get_current_episode (window)), ==, ids[0]);
  rows = gtk_grid_view_get_model (window_child (window, "episode_list"));
  g_assert_cmpint (id_at (rows, 1), ==, ids[0]);
  g_assert_true (gtk_selection_model_is_selected (rows, 1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "episode");
  g_assert_cmpstr (efir_title_row_get_text (title_row (window)), ==, "Buraxılış 1");
  /* ... and on screen, from the first frame that shows the episode: its
   * caption, and every letter of it. */
  g_assert_cmpint (first_shown.glyphs, >=, g_utf8_strlen ("TitleBuraxılış1", -1));

  close_window (window);
}

typedef struct
{
  EfirWindow *window;
  gboolean    recorded;
  gboolean    lower_on_page;   /* the quotes section, in that frame */
  gboolean    details_lit;     /* the jump bar names the details */
  GBytes     *picture;         /* the editor's view, as drawn */
} FirstScreen;

/* Whether the editor's jump bar lights the details. */
static gboolean
details_jump_lit (GtkWidget *editor)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (efir_ui_test_find_by_id (editor, "details_jump")));
}

static void
record_first_screen_cb (GdkFrameClock *clock,
                        FirstScreen   *seen)
{
  GtkWidget *editor;

  /* Asked for before, the editor would be built early. */
  if (seen->recorded || efir_window_get_current_episode (seen->window) == NULL)
    return;
  editor = GTK_WIDGET (efir_window_get_editor (seen->window));
  if (editor == NULL || !gtk_widget_get_mapped (editor))
    return;
  seen->recorded = TRUE;
  seen->lower_on_page = gtk_widget_get_mapped (editor_child (seen->window, "quotes"));
  seen->details_lit = details_jump_lit (editor);
  seen->picture = efir_ui_test_render_widget (editor_child (seen->window, "scroller"));
}

static gboolean
first_screen_recorded_cb (gpointer data)
{
  return ((FirstScreen *) data)->recorded;
}

/* Records the next frame that shows an episode in @window's editor, then
 * lets the window settle. */
static void
record_next_frame (EfirWindow  *window,
                   FirstScreen *seen)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  seen->window = window;
  g_signal_connect (clock, "after-paint", G_CALLBACK (record_first_screen_cb), seen);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  efir_ui_test_wait_for (first_screen_recorded_cb, seen);
  g_signal_handlers_disconnect_by_func (clock, record_first_screen_cb, seen);
  g_assert_true (seen->recorded);
  efir_ui_test_iterate_until_idle ();
}

/* The programme's example episode, with its quotes, transcript and links,
 * reopened at start in a window @height pixels tall or more; @seen gets the
 * first frame that shows it. */
static EfirWindow *
reopen_example_episode (Fixture     *f,
                        int          height,
                        FirstScreen *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autofree char *json = efir_test_read_fixture ("difficult-question-episode.json", NULL);
  g_autoptr(EfirEpisode) episode = efir_store_import_episode_json (store, json, -1, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  EfirWindow *window;

  g_assert_no_error (error);
  g_settings_set_int64 (settings, "last-program", efir_episode_get_program_id (episode));
  g_settings_set_int64 (settings, "last-episode", efir_episode_get_id (episode));

  window = efir_window_new (app, store, f->db_path, NULL);
  /* At least that tall, as a screen would allow. */
  gtk_widget_set_size_request (GTK_WIDGET (window), 1200, height);
  gtk_window_present (GTK_WINDOW (window));
  record_next_frame (window, seen);
  return window;
}

/* The first frame that shows a reopened episode draws its first screen
 * only: the sections below it join the page a frame later. Nothing on
 * screen changes then, and nothing of the episode is missing after. */
static void
test_window_reopen_draws_first_screen_first (Fixture       *f,
                                             gconstpointer  data)
{
  FirstScreen seen = { NULL };
  FirstScreen settled = { NULL };
  g_autofree char *text = NULL;
  GtkTextView *transcript;
  EfirWindow *window = reopen_example_episode (f, 720, &seen);
  EfirEpisode *episode = efir_window_get_current_episode (window);

  g_assert_false (seen.lower_on_page);
  g_assert_true (seen.details_lit);

  /* A frame later, the whole page. */
  g_assert_true (gtk_widget_get_mapped (editor_child (window, "quotes")));
  g_assert_true (gtk_widget_get_mapped (editor_child (window, "transcript")));
  g_assert_true (gtk_widget_get_mapped (editor_child (window, "social_links")));
  g_assert_true (gtk_widget_get_mapped (editor_child (window, "publication_group")));
  transcript = GTK_TEXT_VIEW (efir_transcript_editor_get_view (editor_child (window, "transcript")));
  text = efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (episode)));
  g_assert_cmpint (g_utf8_strlen (text, -1), >, 500);
  g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (transcript)), ==,
                   g_utf8_strlen (text, -1));
  g_assert_true (details_jump_lit (GTK_WIDGET (efir_window_get_editor (window))));

  /* The same picture as the first frame drew. */
  record_next_frame (window, &settled);
  g_assert_true (settled.lower_on_page);
  g_assert_true (g_bytes_equal (seen.picture, settled.picture));

  g_bytes_unref (seen.picture);
  g_bytes_unref (settled.picture);
  close_window (window);
}

/* In a view tall enough to show them, the sections below the first screen
 * are drawn with it. */
static void
test_window_reopen_tall_draws_whole_page (Fixture       *f,
                                          gconstpointer  data)
{
  FirstScreen seen = { NULL };
  EfirWindow *window = reopen_example_episode (f, 2400, &seen);

  g_assert_true (seen.lower_on_page);
  g_assert_true (seen.details_lit);

  g_bytes_unref (seen.picture);
  close_window (window);
}

typedef struct
{
  char *page;
  char *title;
} FirstFrame;

static void
record_skeleton_cb (EfirWindow *window,
                    FirstFrame *seen)
{
  AdwWindowTitle *title = window_child (window, "content_title");

  seen->page = g_strdup (gtk_stack_get_visible_child_name (window_child (window, "content_stack")));
  seen->title = g_strdup (adw_window_title_get_title (title));
}

/* Between the first frame and the episode reopened, its pane is not blank:
 * its title is in the header, over a page that says it is opening. */
static void
test_window_shows_skeleton_at_first_frame (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  FirstFrame seen = { NULL, NULL };
  gint64 ids[2];
  EfirWindow *window;

  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, G_N_ELEMENTS (ids), NULL, ids);
  g_settings_set_int64 (settings, "last-program", efir_program_get_id (program));
  g_settings_set_int64 (settings, "last-episode", ids[1]);

  window = efir_window_new (app, store, f->db_path, NULL);
  g_signal_connect (window, "first-frame", G_CALLBACK (record_skeleton_cb), &seen);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpstr (seen.page, ==, "opening");
  g_assert_cmpstr (seen.title, ==, "2. Buraxılış 2");
  g_assert_true (efir_ui_test_has_label (window_child (window, "content_stack"), "Opening the episode…"));

  /* Then the episode itself. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "episode");
  g_assert_cmpstr (adw_window_title_get_title (window_child (window, "content_title")), ==, "2. Buraxılış 2");

  g_free (seen.page);
  g_free (seen.title);
  close_window (window);
}

/* An episode far down the list, reopened at start or moved there by a new
 * air date, has its row in view, not scrolled away. */
static void
test_window_list_shows_open_episode (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) newest = g_date_time_new (baku, 2026, 12, 1, 20, 0, 0);
  g_autoptr(GDateTime) oldest = g_date_time_new (baku, 2020, 1, 2, 20, 0, 0);
  gint64 ids[120];
  EfirEpisode *current;
  EfirWindow *window;

  g_assert_true (efir_store_save_program (store, program, &error));
  save_numbered_episodes (store, program, G_N_ELEMENTS (ids), oldest, ids);
  /* Newest first: the first broadcast is the list's last row. */
  g_settings_set_int64 (settings, "last-program", efir_program_get_id (program));
  g_settings_set_int64 (settings, "last-episode", ids[0]);

  window = open_window (store, f->db_path);
  g_assert_cmpint (efir_episode_get_id (efir_window_get_current_episode (window)), ==, ids[0]);
  g_assert_true (has_mapped_row (GTK_WIDGET (window), "1. Buraxılış 1"));
  g_assert_false (has_mapped_row (GTK_WIDGET (window), "120. Buraxılış 120"));

  /* Given the newest air date, it goes to the top, and the list with it. */
  current = efir_window_get_current_episode (window);
  efir_episode_set_air_date (current, newest);
  wait_for_save (window);
  g_assert_true (wait_for_mapped_row (window, "120. Buraxılış 120"));
  g_assert_true (has_mapped_row (GTK_WIDGET (window), "1. Buraxılış 1"));

  close_window (window);
}

/* A click on the notification of a post gone live opens its episode
 * (app.open-episode), from another programme too. */
static void
test_window_notification_opens_episode (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) first = efir_program_new ("Çətin sual");
  g_autoptr(EfirProgram) second = efir_program_new ("Трудный вопрос");
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) day = g_date_time_new (baku, 2026, 12, 1, 20, 0, 0);
  gint64 ids[3];
  gint64 other_ids[2];
  EfirWindow *window;

  g_assert_true (efir_store_save_program (store, first, &error));
  g_assert_true (efir_store_save_program (store, second, &error));
  save_numbered_episodes (store, first, G_N_ELEMENTS (ids), day, ids);
  save_numbered_episodes (store, second, G_N_ELEMENTS (other_ids), day, other_ids);

  window = open_window (store, f->db_path);
  efir_window_open_episode (window, ids[0]);
  efir_ui_test_iterate_until_idle ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-episode",
                                  g_variant_new_int64 (other_ids[1]));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (efir_episode_get_id (efir_window_get_current_episode (window)), ==, other_ids[1]);
  g_assert_cmpstr (efir_program_get_name (efir_session_get_program (efir_window_get_session (window))),
                   ==, "Трудный вопрос");

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/ui/window/lists-programs-and-episodes", Fixture, NULL,
              fixture_set_up, test_window_lists_programs_and_episodes, fixture_tear_down);
  g_test_add ("/ui/window/new-episode-without-program", Fixture, NULL,
              fixture_set_up, test_window_new_episode_without_program, fixture_tear_down);
  g_test_add ("/ui/window/offers-backup-for-damaged-file", Fixture, NULL,
              fixture_set_up, test_window_offers_backup_for_damaged_file, fixture_tear_down);
  g_test_add ("/ui/window/too-new-offers-no-backup", Fixture, NULL,
              fixture_set_up, test_window_too_new_offers_no_backup, fixture_tear_down);
  g_test_add ("/ui/window/read-only-banner", Fixture, NULL,
              fixture_set_up, test_window_read_only_banner, fixture_tear_down);
  g_test_add ("/ui/window/keeps-every-character", Fixture, NULL,
              fixture_set_up, test_window_keeps_every_character, fixture_tear_down);
  g_test_add ("/ui/window/list-follows-edits", Fixture, NULL,
              fixture_set_up, test_window_list_follows_edits, fixture_tear_down);
  g_test_add ("/ui/window/narrow-reopens-episode", Fixture, NULL,
              fixture_set_up, test_window_narrow_reopens_episode, fixture_tear_down);
  g_test_add ("/ui/window/wide-keeps-focus-in-list", Fixture, NULL,
              fixture_set_up, test_window_wide_keeps_focus_in_list, fixture_tear_down);
  g_test_add ("/ui/window/section-keys-from-anywhere", Fixture, NULL,
              fixture_set_up, test_window_section_keys_from_anywhere, fixture_tear_down);
  g_test_add ("/ui/window/checks-archive-after-first-frame", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_window_checks_archive_after_first_frame, fixture_tear_down);
  g_test_add ("/ui/window/checks-archive-after-reopened-episode", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_window_checks_archive_after_first_frame, fixture_tear_down);
  g_test_add ("/ui/window/shows-shortcuts", Fixture, NULL,
              fixture_set_up, test_window_shows_shortcuts, fixture_tear_down);
  g_test_add ("/ui/window/saved-means-saved", Fixture, NULL,
              fixture_set_up, test_window_saved_means_saved, fixture_tear_down);
  g_test_add ("/ui/window/shows-skeleton-at-first-frame", Fixture, NULL,
              fixture_set_up, test_window_shows_skeleton_at_first_frame, fixture_tear_down);
  g_test_add ("/ui/window/reopens-last-episode", Fixture, NULL,
              fixture_set_up, test_window_reopens_last_episode, fixture_tear_down);
  g_test_add ("/ui/window/reopen-draws-first-screen-first", Fixture, NULL,
              fixture_set_up, test_window_reopen_draws_first_screen_first, fixture_tear_down);
  g_test_add ("/ui/window/reopen-tall-draws-whole-page", Fixture, NULL,
              fixture_set_up, test_window_reopen_tall_draws_whole_page, fixture_tear_down);
  g_test_add ("/ui/window/list-shows-open-episode", Fixture, NULL,
              fixture_set_up, test_window_list_shows_open_episode, fixture_tear_down);
  g_test_add ("/ui/window/row-height-follows-title", Fixture, NULL,
              fixture_set_up, test_window_row_height_follows_title, fixture_tear_down);
  g_test_add ("/ui/window/opens-menus", Fixture, NULL,
              fixture_set_up, test_window_opens_menus, fixture_tear_down);
  g_test_add ("/ui/window/imports-dropped-file", Fixture, NULL,
              fixture_set_up, test_window_imports_dropped_file, fixture_tear_down);
  g_test_add ("/ui/window/notification-opens-episode", Fixture, NULL,
              fixture_set_up, test_window_notification_opens_episode, fixture_tear_down);

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
