/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-concurrency"

#include "config.h"

#include <string.h>

#include "efir-database.h"
#include "efir-store.h"
#include "efir-test-util.h"

/*
 * The application and efir-cli (a cron job publishing, an import) write to
 * the same file at the same time. Neither may see "database is locked":
 * every write waits its turn (busy_timeout) and takes the write lock when
 * it begins (BEGIN IMMEDIATE), because a transaction that reads first and
 * upgrades later is refused at once in WAL mode, without waiting.
 */

#define ROUNDS 200
/* Between two rounds each process pauses, as the application does between
 * two saves: a process that takes the lock again the moment it commits
 * keeps the other asleep in SQLite's busy handler, a starvation no
 * producer can cause.
 */
#define PAUSE_US 1000
/* The child adds a revision every 25th round. */
#define REVISION_EVERY 25

/* Helpers ---------------------------------------------------------------- */

static EfirEpisode *
add_episode (EfirStore  *store,
             gint64      program_id,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  efir_episode_set_program_id (episode, program_id);
  efir_episode_set_title (episode, title);
  g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&episode);
}

/* The same rounds as efir-crash-child's "write" mode, in this process. */
static void
write_rounds (EfirStore   *store,
              EfirEpisode *episode,
              const char  *prefix)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *added = g_strdup_printf ("%s %u", prefix, i);
      g_autofree char *title = g_strdup_printf ("%s edit %u", prefix, i);
      g_autoptr(EfirEpisode) other = add_episode (store, efir_episode_get_program_id (episode),
                                                  added);

      g_string_append_printf (summary, "%s line %u\n", prefix, i);
      efir_episode_set_summary (episode, summary->str);
      efir_episode_set_title (episode, title);
      g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_DETAILS, &error));
      g_assert_no_error (error);

      if (i % REVISION_EVERY == REVISION_EVERY - 1)
        {
          g_assert_cmpint (efir_store_add_revision (store, episode, "edit", &error), >, 0);
          g_assert_no_error (error);
        }

      g_usleep (PAUSE_US);
    }
}

static char *
query_text (EfirDatabase *db,
            const char   *sql,
            gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStatement) stmt = efir_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_true (efir_database_step (db, stmt, &error));
  g_assert_no_error (error);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
check_writes_of (EfirDatabase *db,
                 GHashTable   *titles,
                 gint64        episode_id,
                 const char   *prefix)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *last_title = g_strdup_printf ("%s edit %u", prefix, ROUNDS - 1);
  g_autofree char *stored_title = NULL;
  g_autofree char *stored_summary = NULL;
  g_autofree char *revisions = NULL;
  g_autofree char *expected_revisions = g_strdup_printf ("%u", ROUNDS / REVISION_EVERY);

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %u", prefix, i);

      g_assert_true (g_hash_table_contains (titles, title));
      g_string_append_printf (summary, "%s line %u\n", prefix, i);
    }

  stored_title = query_text (db, "SELECT title FROM episodes WHERE id = ?1", episode_id);
  g_assert_cmpstr (stored_title, ==, last_title);
  stored_summary = query_text (db, "SELECT summary FROM episodes WHERE id = ?1", episode_id);
  g_assert_cmpstr (stored_summary, ==, summary->str);
  revisions = query_text (db, "SELECT count(*) FROM revisions WHERE episode_id = ?1"
                          " AND reason = 'edit'", episode_id);
  g_assert_cmpstr (revisions, ==, expected_revisions);
}

/* Tests ------------------------------------------------------------------ */

static void
test_two_writers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = efir_test_make_dir ("efir-concurrency");
  g_autofree char *path = NULL;
  g_autofree char *child_path = g_test_build_filename (G_TEST_BUILT, "efir-crash-child", NULL);
  g_autofree char *child_episode_arg = NULL;
  g_autofree char *rounds_arg = g_strdup_printf ("%u", ROUNDS);
  g_autofree char *line = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) ours = NULL;
  g_autoptr(EfirEpisode) theirs = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) child_out = NULL;
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GOutputStream *child_in;
  char previous = 0;
  guint alternations = 0;
  gint64 started;

  path = g_build_filename (dir, "efir.db", NULL);

  store = efir_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  g_assert_no_error (error);
  ours = add_episode (store, efir_program_get_id (program), "parent edit");
  theirs = add_episode (store, efir_program_get_id (program), "child edit");
  child_episode_arg = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_id (theirs));

  /* meson test builds only the test programs themselves. */
  if (!g_file_test (child_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is missing: build the project (meson compile) first", child_path);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            child_path, "write", path, "child", rounds_arg, child_episode_arg,
                            NULL);
  g_assert_no_error (error);
  child_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  child_in = g_subprocess_get_stdin_pipe (child);

  /* Both start writing together, once both have the database open. */
  line = g_data_input_stream_read_line (child_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  g_assert_true (g_output_stream_write_all (child_in, "go\n", 3, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_flush (child_in, NULL, &error));

  started = g_get_monotonic_time ();
  write_rounds (store, ours, "parent");

  /* The child reports a failed save on stderr and exits 1. */
  g_assert_true (g_subprocess_wait_check (child, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("two processes saved %u rounds each in %.2f s", ROUNDS,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  db = efir_database_open (path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  integrity = query_text (db, "PRAGMA integrity_check", 0);
  g_assert_cmpstr (integrity, ==, "ok");

  stmt = efir_database_prepare (db, "SELECT title FROM episodes ORDER BY id", &error);
  g_assert_no_error (error);
  while (efir_database_step (db, stmt, &error))
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_true (g_hash_table_add (titles, g_strdup (title)));
      if (title[0] != previous)
        alternations++;
      previous = title[0];
    }
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (titles), ==, 2 + 2 * ROUNDS);

  check_writes_of (db, titles, efir_episode_get_id (ours), "parent");
  check_writes_of (db, titles, efir_episode_get_id (theirs), "child");

  /* How much the two really overlapped: inserts in id order switch from
   * one process to the other this many times. It depends on the machine,
   * so it is reported, not asserted.
   */
  g_test_message ("the inserts of the two processes alternate %u times", alternations);

  g_clear_pointer (&stmt, efir_statement_release);
  g_clear_object (&db);
  g_clear_object (&store);
  efir_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/concurrency/two-writers", test_two_writers);

  return g_test_run ();
}
