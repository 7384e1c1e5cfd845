/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-session"

#include "config.h"

#include <string.h>

#include "efir-episode-json.h"
#include "efir-session.h"
#include "efir-test-util.h"

/* The window's state without a window: what the producer sees in the list
 * and the editor follows what is typed, what is written, and what another
 * process writes. */

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  EfirStore   *store;
  EfirProgram *program;
  EfirSession *session;
  guint        n_flushes;
  guint        n_list_changes;
} Fixture;

static void
on_flush_edits_cb (EfirSession *session,
                   Fixture     *fixture)
{
  fixture->n_flushes++;
}

static void
on_list_changed_cb (EfirSession *session,
                    Fixture     *fixture)
{
  fixture->n_list_changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = efir_test_make_dir ("efir-app-session");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);
  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Çətin sual");
  efir_program_set_time_zone (fixture->program, "Asia/Baku");
  efir_store_save_program (fixture->store, fixture->program, &error);
  g_assert_no_error (error);

  fixture->session = efir_session_new (fixture->store);
  g_signal_connect (fixture->session, "flush-edits", G_CALLBACK (on_flush_edits_cb), fixture);
  g_signal_connect (fixture->session, "list-changed", G_CALLBACK (on_list_changed_cb), fixture);
  g_assert_true (efir_session_load_programs (fixture->session, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->program);
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static gint64
add_episode (Fixture    *fixture,
             EfirStore  *store,
             const char *title,
             int         number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_program_name (episode, efir_program_get_name (fixture->program));
  efir_episode_set_title (episode, title);
  efir_episode_set_number (episode, number);
  efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  return efir_episode_get_id (episode);
}

static EfirEpisode *
row_at (Fixture *fixture,
        guint    position)
{
  EfirEpisodeList *episodes = efir_session_get_episodes (fixture->session);

  g_assert_cmpuint (position, <, g_list_model_get_n_items (G_LIST_MODEL (episodes)));
  return g_list_model_get_item (G_LIST_MODEL (episodes), position);
}

/* Tests ------------------------------------------------------------------ */

static void
test_new_episode_opens_in_list (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *first;
  EfirEpisode *second;
  g_autoptr(EfirProgram) program = NULL;

  first = efir_session_new_episode (fixture->session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_number (first), ==, 1);
  second = efir_session_new_episode (fixture->session, &error);
  g_assert_no_error (error);

  /* The next number, open, and in the list the producer sees. */
  g_assert_cmpint (efir_episode_get_number (second), ==, 2);
  g_assert_true (efir_session_get_current (fixture->session) == second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_session_get_episodes (fixture->session))), ==, 2);
  g_assert_true (efir_episode_list_find (efir_session_get_episodes (fixture->session),
                                         efir_episode_get_id (second), NULL));
  /* Before the first was left, what was typed in it was asked for. */
  g_assert_cmpuint (fixture->n_flushes, >=, 1);
  program = efir_session_find_program (fixture->session, efir_program_get_id (fixture->program));
  g_assert_true (efir_session_get_program (fixture->session) == program);
}

static void
test_typed_title_shows_in_row (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_episode (fixture, fixture->store, "Birinci", 1);
  g_autoptr(EfirEpisode) row = NULL;
  g_autoptr(EfirEpisode) stored = NULL;

  g_assert_true (efir_session_set_program (fixture->session, efir_program_get_id (fixture->program), &error));
  g_assert_true (efir_session_open_episode (fixture->session, id, &error));
  g_assert_no_error (error);

  /* The row shows what is typed before it is saved… */
  efir_episode_set_title (efir_session_get_current (fixture->session), "Sanksiyalar");
  row = row_at (fixture, 0);
  g_assert_cmpstr (efir_episode_get_title (row), ==, "Sanksiyalar");

  /* …and a flush writes it. */
  g_assert_true (efir_session_flush (fixture->session, &error));
  g_assert_no_error (error);
  stored = efir_store_load_episode (fixture->store, id, &error);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "Sanksiyalar");
}

static void
test_new_number_moves_row (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 low = add_episode (fixture, fixture->store, "Low", 1);
  g_autoptr(EfirEpisode) top = NULL;
  guint changes;

  add_episode (fixture, fixture->store, "High", 2);
  /* Oldest first: by air date, then number. */
  g_assert_true (efir_session_set_filter (fixture->session, EFIR_EPISODE_LIST_ANY_STATUS, TRUE, &error));
  g_assert_true (efir_session_open_episode (fixture->session, low, &error));
  top = row_at (fixture, 0);
  g_assert_cmpstr (efir_episode_get_title (top), ==, "Low");
  g_clear_object (&top);

  changes = fixture->n_list_changes;
  efir_episode_set_number (efir_session_get_current (fixture->session), 3);
  g_assert_true (efir_session_flush (fixture->session, &error));
  g_assert_no_error (error);

  /* Once saved, the list reads its order again, and says so. */
  g_assert_cmpuint (fixture->n_list_changes, >, changes);
  top = row_at (fixture, 0);
  g_assert_cmpstr (efir_episode_get_title (top), ==, "High");
}

static void
test_follows_other_process (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = NULL;
  g_autoptr(EfirProgram) changed = NULL;
  g_autoptr(EfirProgram) seen = NULL;
  g_autofree char *json = NULL;
  g_autoptr(EfirEpisode) imported = NULL;
  gint64 id = add_episode (fixture, fixture->store, "Açıq", 1);
  GListModel *programs;

  g_assert_true (efir_session_open_episode (fixture->session, id, &error));

  /* efir-cli, say: a new programme with an episode, and the open
   * episode's programme moved to another time zone. */
  other = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  changed = efir_store_find_program (other, "Çətin sual", &error);
  g_assert_no_error (error);
  efir_program_set_time_zone (changed, "Europe/Moscow");
  efir_store_save_program (other, changed, &error);
  g_assert_no_error (error);
  json = g_strdup ("{\"format\": \"efir-episode/1\", \"program\": \"Трудный вопрос\", \"number\": 7, \"title\": \"Санкции\"}");
  imported = efir_store_import_episode_json (other, json, strlen (json), &error);
  g_assert_no_error (error);

  efir_session_follow_store (fixture->session);

  programs = efir_session_get_programs (fixture->session);
  g_assert_cmpuint (g_list_model_get_n_items (programs), ==, 2);
  seen = efir_session_find_program (fixture->session, efir_program_get_id (fixture->program));
  g_assert_cmpstr (efir_program_get_time_zone (seen), ==, "Europe/Moscow");
  /* The producer's place is kept: the same programme, the same episode. */
  g_assert_true (efir_session_get_program (fixture->session) != NULL);
  g_assert_cmpint (efir_program_get_id (efir_session_get_program (fixture->session)), ==,
                   efir_program_get_id (fixture->program));
  g_assert_cmpint (efir_episode_get_id (efir_session_get_current (fixture->session)), ==, id);
}

/* An episode of another programme, opened from search or the Schedule:
 * the list shows its programme. */
static void
test_open_switches_programme (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) other = efir_program_new ("Трудный вопрос");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  add_episode (fixture, fixture->store, "Birinci", 1);
  g_assert_true (efir_store_save_program (fixture->store, other, &error));
  efir_episode_set_program_id (episode, efir_program_get_id (other));
  efir_episode_set_title (episode, "Санкции");
  g_assert_true (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_true (efir_session_load_programs (fixture->session, efir_program_get_id (fixture->program), &error));
  g_assert_no_error (error);

  g_assert_true (efir_session_open_episode (fixture->session, efir_episode_get_id (episode), &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_program_get_id (efir_session_get_program (fixture->session)), ==, efir_program_get_id (other));
  g_assert_true (efir_episode_list_find (efir_session_get_episodes (fixture->session), efir_episode_get_id (episode),
                                         NULL));
}

static void
test_trash_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_episode (fixture, fixture->store, "Silinəcək", 1);
  gint64 trashed;

  g_assert_true (efir_session_set_program (fixture->session, efir_program_get_id (fixture->program), &error));
  g_assert_true (efir_session_open_episode (fixture->session, id, &error));
  efir_episode_set_title (efir_session_get_current (fixture->session), "Son söz");

  trashed = efir_session_trash_current (fixture->session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trashed, ==, id);
  g_assert_null (efir_session_get_current (fixture->session));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_session_get_episodes (fixture->session))), ==, 0);

  g_assert_true (efir_session_restore_episode (fixture->session, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_session_get_episodes (fixture->session))), ==, 1);
  g_assert_true (efir_session_open_episode (fixture->session, id, &error));
  /* What was typed before the deletion was written first. */
  g_assert_cmpstr (efir_episode_get_title (efir_session_get_current (fixture->session)), ==, "Son söz");
}

static void
imported_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs an import to its end: its writes are made in the writer's thread. */
static EfirEpisode *
import (Fixture     *fixture,
        const char  *json,
        GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GAsyncResult) result = NULL;

  efir_session_import_async (fixture->session, bytes, imported_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return efir_session_import_finish (fixture->session, result, error);
}

static void
test_import_chooses_programme (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *json = "{\"format\": \"efir-episode/1\", \"program\": \"Трудный вопрос\", \"number\": 3, \"title\": \"Выборы\"}";
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisode) again = NULL;

  episode = import (fixture, json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (episode);

  /* The new programme is chosen and the episode is open in it. */
  g_assert_cmpstr (efir_program_get_name (efir_session_get_program (fixture->session)), ==, "Трудный вопрос");
  g_assert_cmpstr (efir_episode_get_title (efir_session_get_current (fixture->session)), ==, "Выборы");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_session_get_episodes (fixture->session))), ==, 1);

  /* A file that is not an episode changes nothing. */
  g_assert_null (import (fixture, "{", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (efir_episode_get_title (efir_session_get_current (fixture->session)), ==, "Выборы");

  /* Nor does the same episode twice: the programme keeps one number 3. */
  efir_episode_set_title (efir_session_get_current (fixture->session), "Выборы 2026");
  again = import (fixture, json, &error);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_session_get_episodes (fixture->session))), ==, 1);
  /* What was typed before the import was written first. */
  g_clear_object (&episode);
  episode = efir_store_load_episode (fixture->store, efir_episode_get_id (efir_session_get_current (fixture->session)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Выборы 2026");
}

static void
test_tags_follow_programme (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "iqtisadiyyat", NULL };
  gint64 id = add_episode (fixture, fixture->store, "Biri", 1);
  g_autoptr(EfirEpisode) other = efir_store_load_episode (fixture->store, add_episode (fixture, fixture->store, "Digəri", 2), &error);
  GListModel *suggestions = efir_session_get_tags (fixture->session);

  efir_episode_set_tags (other, tags);
  efir_store_save_episode (fixture->store, other, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 0);
  g_assert_true (efir_session_open_episode (fixture->session, id, &error));
  /* Read a moment after the episode shows, not in its way. */
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 0);
  while (g_list_model_get_n_items (suggestions) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/app/session/new-episode-opens-in-list", test_new_episode_opens_in_list);
  ADD ("/app/session/typed-title-shows-in-row", test_typed_title_shows_in_row);
  ADD ("/app/session/new-number-moves-row", test_new_number_moves_row);
  ADD ("/app/session/follows-other-process", test_follows_other_process);
  ADD ("/app/session/open-switches-programme", test_open_switches_programme);
  ADD ("/app/session/trash-and-restore", test_trash_and_restore);
  ADD ("/app/session/import-chooses-programme", test_import_chooses_programme);
  ADD ("/app/session/tags-follow-programme", test_tags_follow_programme);
#undef ADD

  return g_test_run ();
}
