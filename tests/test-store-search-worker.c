/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-search-worker"

#include "config.h"

#include "efir-search-worker.h"
#include "efir-store-private.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char             *query;
  GPtrArray        *hits;
  GError           *error;
} Finished;

typedef struct
{
  char             *dir;
  char             *path;
  EfirStore        *store;
  EfirProgram      *program;
  EfirSearchWorker *worker;
  GPtrArray        *finished; /* Finished, in the order delivered */
} Fixture;

static void
finished_free (Finished *finished)
{
  g_free (finished->query);
  g_clear_pointer (&finished->hits, g_ptr_array_unref);
  g_clear_error (&finished->error);
  g_free (finished);
}

static void
search_finished_cb (EfirSearchWorker *worker,
                    const char       *query,
                    GPtrArray        *hits,
                    const GError     *error,
                    Fixture          *fixture)
{
  Finished *finished = g_new0 (Finished, 1);

  finished->query = g_strdup (query);
  finished->hits = hits != NULL ? g_ptr_array_ref (hits) : NULL;
  finished->error = error != NULL ? g_error_copy (error) : NULL;
  g_ptr_array_add (fixture->finished, finished);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = efir_test_make_dir ("efir-store-search-worker");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Difficult Question");
  efir_store_save_program (fixture->store, fixture->program, &error);
  g_assert_no_error (error);

  fixture->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) finished_free);
  fixture->worker = efir_search_worker_new (fixture->store, 50);
  g_signal_connect (fixture->worker, "finished", G_CALLBACK (search_finished_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  efir_search_worker_hold_for_tests (FALSE);
  g_clear_object (&fixture->worker);
  g_clear_pointer (&fixture->finished, g_ptr_array_unref);
  g_clear_object (&fixture->program);
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static EfirEpisode *
add_episode (Fixture    *fixture,
             const char *title,
             const char *transcript)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(EfirSegment) segment = efir_segment_new (0, 5, "Host", transcript);
  g_autoptr(GError) error = NULL;

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_title (episode, title);
  g_list_store_append (efir_episode_get_transcript (episode), segment);

  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  return episode;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("No search finished in time");
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (G_TIME_SPAN_MILLISECOND);
    }
}

/* Runs the main loop until @n searches have finished, and a little longer
 * so that one finishing too many would be seen. */
static void
wait_for_finished (Fixture *fixture,
                   guint    n)
{
  guint timeout_id = g_timeout_add_seconds (20, timed_out_cb, NULL);

  while (fixture->finished->len < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  run_for (100);
  g_assert_cmpuint (fixture->finished->len, ==, n);
}

static Finished *
finished_at (Fixture *fixture,
             guint    index)
{
  g_assert_cmpuint (index, <, fixture->finished->len);
  return g_ptr_array_index (fixture->finished, index);
}

static void
assert_hits (Finished    *finished,
             EfirEpisode *first,
             ...)
{
  va_list args;
  guint n = 0;

  g_assert_no_error (finished->error);
  g_assert_nonnull (finished->hits);

  va_start (args, first);
  for (EfirEpisode *episode = first; episode != NULL; episode = va_arg (args, EfirEpisode *))
    {
      EfirSearchHit *hit;

      g_assert_cmpuint (n, <, finished->hits->len);
      hit = g_ptr_array_index (finished->hits, n++);
      g_assert_cmpint (hit->episode_id, ==, efir_episode_get_id (episode));
    }
  va_end (args);

  g_assert_cmpuint (finished->hits->len, ==, n);
}

/* Tests ------------------------------------------------------------------ */

static void
test_results_arrive (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EfirEpisode) sanctions = add_episode (fixture, "Sanctions and oil",
                                                  "The price of oil fell again.");
  g_autoptr(EfirEpisode) elections = add_episode (fixture, "Çətin sual: seçkilər",
                                                  "Seçkilər bazar günü keçiriləcək.");
  Finished *finished;

  efir_search_worker_search (fixture->worker, "cetin");
  g_assert_true (efir_search_worker_is_busy (fixture->worker));
  wait_for_finished (fixture, 1);
  g_assert_false (efir_search_worker_is_busy (fixture->worker));

  finished = finished_at (fixture, 0);
  g_assert_cmpstr (finished->query, ==, "cetin");
  assert_hits (finished, elections, NULL);
  g_assert_cmpstr (((EfirSearchHit *) g_ptr_array_index (finished->hits, 0))->title, ==,
                   "Çətin sual: seçkilər");

  /* One letter, the query a producer starts every search with. */
  efir_search_worker_search (fixture->worker, "o");
  wait_for_finished (fixture, 2);
  assert_hits (finished_at (fixture, 1), sanctions, NULL);
}

/* The first search holds the connection as a long one would; the second
 * must interrupt it, or it never gets the connection. */
static void
test_newest_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EfirEpisode) sanctions = add_episode (fixture, "Sanctions and oil",
                                                  "The price of oil fell again.");
  g_autoptr(EfirEpisode) elections = add_episode (fixture, "Elections",
                                                  "The vote is on Sunday.");

  efir_search_worker_hold_for_tests (TRUE);
  efir_search_worker_search (fixture->worker, "sanctions");
  /* Let it reach the connection before the producer types on. */
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  efir_search_worker_search (fixture->worker, "s");
  efir_search_worker_search (fixture->worker, "sunday");
  wait_for_finished (fixture, 1);

  g_assert_cmpstr (finished_at (fixture, 0)->query, ==, "sunday");
  assert_hits (finished_at (fixture, 0), elections, NULL);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EfirEpisode) sanctions = add_episode (fixture, "Sanctions and oil",
                                                  "The price of oil fell again.");

  efir_search_worker_hold_for_tests (TRUE);
  efir_search_worker_search (fixture->worker, "oil");
  efir_search_worker_cancel (fixture->worker);
  g_assert_false (efir_search_worker_is_busy (fixture->worker));

  /* Nothing finishes, and the cancelled search lets the connection go. */
  run_for (300);
  g_assert_cmpuint (fixture->finished->len, ==, 0);

  efir_search_worker_search (fixture->worker, "price");
  wait_for_finished (fixture, 1);
  assert_hits (finished_at (fixture, 0), sanctions, NULL);
}

static void
test_deleted_not_shown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EfirEpisode) kept = add_episode (fixture, "Oil prices", "Oil again.");
  g_autoptr(EfirEpisode) trashed = add_episode (fixture, "Oil and gas", "Gas and oil.");
  g_autoptr(EfirEpisode) deleted = add_episode (fixture, "Oil tankers", "Oil by sea.");
  g_autoptr(GError) error = NULL;

  /* Indexed before they go. */
  efir_search_worker_search (fixture->worker, "oil");
  wait_for_finished (fixture, 1);
  g_assert_cmpuint (finished_at (fixture, 0)->hits->len, ==, 3);

  efir_store_trash_episode (fixture->store, efir_episode_get_id (trashed), &error);
  g_assert_no_error (error);
  efir_store_delete_episode (fixture->store, efir_episode_get_id (deleted), &error);
  g_assert_no_error (error);

  efir_search_worker_search (fixture->worker, "oil");
  wait_for_finished (fixture, 2);
  assert_hits (finished_at (fixture, 1), kept, NULL);
}

/* What was saved a moment ago is found, as by efir_store_search(). */
static void
test_follows_saves (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Oil prices", "Oil again.");
  g_autoptr(GError) error = NULL;

  efir_search_worker_search (fixture->worker, "oil");
  wait_for_finished (fixture, 1);

  efir_episode_set_title (episode, "Tankers");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);

  efir_search_worker_search (fixture->worker, "tank");
  wait_for_finished (fixture, 2);
  assert_hits (finished_at (fixture, 1), episode, NULL);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* With the writer, the episode saved a moment ago is indexed in the
 * writer's thread: the store's own connection writes nothing. */
static void
test_writer_indexes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Oil prices", "Oil again.");
  g_autoptr(EfirStoreWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = efir_database_get_handle (efir_store_get_database (fixture->store));
  sqlite3_int64 changes;
  guint changed_elsewhere = 0;

  efir_episode_set_title (episode, "Tankers");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  changes = sqlite3_total_changes64 (handle);

  /* Made after that save, as the window makes it: a commit of the
   * store's own connection while the writer looks is taken for another
   * process's (see efir-store-writer.c), which is not what this checks. */
  writer = efir_store_writer_new (fixture->store);
  efir_search_worker_set_writer (fixture->worker, writer);
  g_signal_connect (fixture->store, "changed-elsewhere", G_CALLBACK (count_cb), &changed_elsewhere);
  efir_store_check_changed_elsewhere (fixture->store);

  efir_search_worker_search (fixture->worker, "tank");
  wait_for_finished (fixture, 1);
  assert_hits (finished_at (fixture, 0), episode, NULL);
  g_assert_cmpint (sqlite3_total_changes64 (handle), ==, changes);
  /* The writer's commit is the store's own. */
  g_assert_false (efir_store_check_changed_elsewhere (fixture->store));
  g_assert_cmpuint (changed_elsewhere, ==, 0);
}

static void
test_error_delivered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  Finished *finished;

  for (guint i = 0; i < EFIR_STORE_SEARCH_MAX_WORDS + 1; i++)
    g_string_append (query, "oil ");

  efir_search_worker_search (fixture->worker, query->str);
  wait_for_finished (fixture, 1);

  finished = finished_at (fixture, 0);
  g_assert_error (finished->error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
  g_assert_null (finished->hits);
}

/* A worker dropped while its search runs delivers nothing, and its
 * search lets go of the connection. */
static void
test_dropped_while_searching (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Oil prices", "Oil again.");

  efir_search_worker_hold_for_tests (TRUE);
  efir_search_worker_search (fixture->worker, "oil");
  g_clear_object (&fixture->worker);

  run_for (300);
  g_assert_cmpuint (fixture->finished->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/search-worker/results-arrive", test_results_arrive);
  ADD ("/store/search-worker/newest-only", test_newest_only);
  ADD ("/store/search-worker/cancel", test_cancel);
  ADD ("/store/search-worker/deleted-not-shown", test_deleted_not_shown);
  ADD ("/store/search-worker/follows-saves", test_follows_saves);
  ADD ("/store/search-worker/writer-indexes", test_writer_indexes);
  ADD ("/store/search-worker/error-delivered", test_error_delivered);
  ADD ("/store/search-worker/dropped-while-searching", test_dropped_while_searching);

#undef ADD

  return g_test_run ();
}
