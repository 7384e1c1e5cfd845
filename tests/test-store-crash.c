/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-crash"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <stdlib.h>

#include "efir-database.h"
#include "efir-store.h"
#include "efir-test-util.h"

/*
 * Power cuts, as near as a test gets to them: a child process saves without
 * pause and is killed with SIGKILL at a random moment, again and again on
 * the same file. After each kill the database must open, be sound, and hold
 * every save the child had been told succeeded.
 *
 * The random delays come from g_test_rand_int(): a failure is replayed with
 * the --seed it printed.
 */

#define ITERATIONS   50
#define MAX_DELAY_MS 60

/* Each child numbers its saves from its own million, so that a save that
 * committed without being reported is never confused with a later one.
 */
#define NUMBERS_PER_CHILD 1000000

/* Helpers ---------------------------------------------------------------- */

static gint64
parse_report (const char *line)
{
  gint64 n = 0;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_signed (line, 10, 1, G_MAXINT64, &n, &error);
  g_assert_no_error (error);

  return n;
}

static gint64
create_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  g_assert_no_error (error);

  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_title (episode, "save 0");
  g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  return efir_episode_get_id (episode);
}

/* Starts a child, lets it save for a random moment after its first
 * report, kills it, and adds what it reported to @reported.
 */
static gint64
run_child_and_kill (const char *path,
                    gint64      episode_id,
                    gint64      first,
                    GArray     *reported)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *child_path = g_test_build_filename (G_TEST_BUILT, "efir-crash-child", NULL);
  g_autofree char *episode_arg = g_strdup_printf ("%" G_GINT64_FORMAT, episode_id);
  g_autofree char *first_arg = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  gint64 last = 0;
  char *line;

  /* meson test builds only the test programs themselves. */
  if (!g_file_test (child_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is missing: build the project (meson compile) first", child_path);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            child_path, "crash", path, episode_arg, first_arg, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  /* The first report: the child is past opening the database and in its
   * loop of saves, where the kill is meant to land.
   */
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  last = parse_report (line);
  g_array_append_val (reported, last);
  g_free (line);

  g_usleep (g_test_rand_int_range (0, MAX_DELAY_MS + 1) * G_TIME_SPAN_MILLISECOND);
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* What it printed before it died is still in the pipe. */
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)))
    {
      gint64 n = parse_report (line);

      g_assert_cmpint (n, ==, last + 1);
      last = n;
      g_array_append_val (reported, last);
      g_free (line);
    }
  g_assert_no_error (error);

  return last;
}

static char *
query_text (EfirDatabase *db,
            const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStatement) stmt = efir_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  if (!efir_database_step (db, stmt, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
check_database (const char *path,
                gint64      episode_id,
                GArray     *reported,
                gint64      last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *integrity = NULL;
  g_autofree char *foreign_keys = NULL;
  g_autofree char *saved_title = NULL;
  g_autofree char *saved_summary = NULL;
  g_autofree char *added_title = NULL;
  g_autofree char *last_line = NULL;
  gint64 saved;

  /* Opened the way the application opens it after a power cut. */
  store = efir_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_check_integrity (store, &error));
  g_assert_no_error (error);

  db = efir_database_open (path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  foreign_keys = query_text (db, "PRAGMA foreign_key_check");
  g_assert_null (foreign_keys);
  /* The search index is written in the same transactions as the episodes. */
  efir_database_exec (db, "INSERT INTO episode_search (episode_search) VALUES ('integrity-check')",
                      &error);
  g_assert_no_error (error);

  stmt = efir_database_prepare (db, "SELECT title FROM episodes", &error);
  g_assert_no_error (error);
  while (efir_database_step (db, stmt, &error))
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);

      /* Each "crash N" was inserted once: a rolled-back save leaves none. */
      g_assert_true (g_hash_table_add (titles, g_strdup (title)));
    }
  g_assert_no_error (error);

  for (guint i = 0; i < reported->len; i++)
    {
      g_autofree char *title =
        g_strdup_printf ("crash %" G_GINT64_FORMAT, g_array_index (reported, gint64, i));

      if (!g_hash_table_contains (titles, title))
        g_error ("“%s” was reported saved and is not in the database", title);
    }

  /* The edit of the episode is either whole or absent: its title and the
   * summary line of the same save go together, and come after that
   * round's insert.
   */
  {
    g_autoptr(EfirStatement) episode_stmt =
      efir_database_prepare (db, "SELECT title, summary FROM episodes WHERE id = ?1", &error);

    g_assert_no_error (error);
    sqlite3_bind_int64 (episode_stmt, 1, episode_id);
    g_assert_true (efir_database_step (db, episode_stmt, &error));
    saved_title = g_strdup ((const char *) sqlite3_column_text (episode_stmt, 0));
    saved_summary = g_strdup ((const char *) sqlite3_column_text (episode_stmt, 1));
  }
  g_assert_true (g_str_has_prefix (saved_title, "save "));
  saved = parse_report (saved_title + strlen ("save "));
  g_assert_cmpint (saved, >=, last);
  g_assert_cmpint (saved, <=, last + 1);
  last_line = g_strdup_printf ("line %" G_GINT64_FORMAT "\n", saved);
  g_assert_true (g_str_has_suffix (saved_summary, last_line));
  added_title = g_strdup_printf ("crash %" G_GINT64_FORMAT, saved);
  g_assert_true (g_hash_table_contains (titles, added_title));
}

/* Tests ------------------------------------------------------------------ */

static void
test_kill_while_saving (void)
{
  g_autofree char *dir = efir_test_make_dir ("efir-crash");
  g_autofree char *path = NULL;
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 episode_id;
  guint saves_killed = 0;
  gint64 started = g_get_monotonic_time ();

  path = g_build_filename (dir, "efir.db", NULL);
  episode_id = create_database (path);

  for (guint i = 1; i <= ITERATIONS; i++)
    {
      gint64 first = (gint64) i * NUMBERS_PER_CHILD;
      guint before = reported->len;
      gint64 last = run_child_and_kill (path, episode_id, first, reported);

      check_database (path, episode_id, reported, last);
      saves_killed += reported->len - before;
    }

  g_test_message ("%u children killed after %u confirmed rounds of saves in %.1f s",
                  ITERATIONS, saves_killed,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  efir_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/crash/kill-while-saving", test_kill_while_saving);

  return g_test_run ();
}
