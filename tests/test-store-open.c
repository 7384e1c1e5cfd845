/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-open"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "efir-store-private.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = efir_test_make_dir ("efir-store-open");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static EfirStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  EfirStore *store = efir_store_open (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
add_episode (EfirStore  *store,
             const char *title)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GError) error = NULL;

  efir_episode_set_program_name (episode, "Çətin sual");
  efir_episode_set_title (episode, title);
  efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
}

static void
add_program (EfirStore *store)
{
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GError) error = NULL;

  efir_store_save_program (store, program, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Damages every page after the first, as a failing disk might. */
static void
damage (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xA5, length - 4096);
  write_bytes (path, contents, length);
}

static void
on_damaged_cb (EfirStore    *store,
               const GError *error,
               gpointer      user_data)
{
  GError **reported = user_data;

  g_assert_null (*reported);
  *reported = g_error_copy (error);
}

static void
assert_unchanged (const char *path,
                  GBytes     *before)
{
  g_autoptr(GBytes) after = read_bytes (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  GStatBuf st;

  g_assert_true (g_bytes_equal (before, after));

  /* SQLite may open an empty -wal to read a WAL database; nothing may be
   * written to it.
   */
  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_size, ==, 0);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
titles (EfirStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) episodes = efir_store_list_episodes (store, 0, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (episodes, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", efir_episode_get_title (episode));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Tests ------------------------------------------------------------------ */

static void
test_new (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fixture->dir, "a", "b", "efir.db", NULL);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (today, "efir-%Y-%m-%d.db");
  g_autofree char *backup_dir = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;

  store = efir_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_store_get_path (store), ==, nested);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));

  backup_dir = efir_store_get_backup_dir (store);
  backup = g_build_filename (backup_dir, name, NULL);
  g_assert_true (g_str_has_prefix (backup_dir, fixture->dir));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_true (efir_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

static void
test_default_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = efir_store_default_path ();
  g_autofree char *expected = g_build_filename (g_getenv ("XDG_DATA_HOME"), "efir", "efir.db",
                                                NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

static void
test_refuses_garbage (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char garbage[] = "These are a producer's notes, not a database.\n";
  g_autoptr(GBytes) before = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);

  write_bytes (fixture->path, garbage, sizeof garbage - 1);
  before = read_bytes (fixture->path);

  store = efir_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_true (g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_A_DATABASE)
                 || g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT));
  assert_unchanged (fixture->path, before);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
}

static void
test_refuses_foreign (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;

  raw_exec (fixture->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  before = read_bytes (fixture->path);

  store = efir_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_A_DATABASE);
  assert_unchanged (fixture->path, before);
}

static void
test_refuses_too_new (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;

  add_program (store);
  add_episode (store, "Saved by a newer Efir");
  g_clear_object (&store);
  raw_exec (fixture->path, "PRAGMA user_version = 999");
  before = read_bytes (fixture->path);

  store = efir_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_TOO_NEW);
  assert_unchanged (fixture->path, before);
}

static void
test_backup_failure_opens (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A file where the backups' folder should be: no backup can be made. */
  write_bytes (backup_dir, "in the way", 10);

  store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  add_program (store);
  add_episode (store, "Still saved");

  g_assert_false (efir_store_backup_daily (store, &error));
  g_assert_nonnull (error);
}

/* A bad sector deep in the archive: it opens, and the check of every page
 * then refuses every write and says so, also when the check was put off
 * (as the window does until its first frame is drawn): the first write
 * starts it and waits for its verdict.
 */
static void
test_deep_damage (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean deferred = GPOINTER_TO_INT (data);
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(EfirProgram) program = efir_program_new ("Başqa sual");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reported = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  /* Enough rows that the episodes table has pages beyond its root. */
  for (guint i = 0; i < 200; i++)
    g_string_append (summary, "Çətin sual, çətin cavab. ");
  add_program (store);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(EfirEpisode) episode = efir_episode_new ();

      efir_episode_set_program_name (episode, "Çətin sual");
      efir_episode_set_title (episode, "Epizod");
      efir_episode_set_summary (episode, summary->str);
      efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  efir_test_damage_table (fixture->path, "episodes");
  before = read_bytes (fixture->path);

  store = efir_store_open_full (fixture->path,
                                deferred ? EFIR_STORE_OPEN_DEFER_CHECK : EFIR_STORE_OPEN_DEFAULT,
                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_signal_connect (store, "damaged", G_CALLBACK (on_damaged_cb), &reported);

  g_assert_false (efir_store_save_program (store, program, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* The window hears of it too, to offer the backup. */
  while (reported == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (reported, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);

  g_assert_false (efir_store_wait_until_checked (store, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  g_clear_object (&store);
  assert_unchanged (fixture->path, before);
}

/* A sound archive opened with its check put off takes writes as ever, and
 * the check, started by hand, passes.
 */
static void
test_deferred_check (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;

  add_program (store);
  add_episode (store, "Before");
  g_clear_object (&store);

  store = efir_store_open_full (fixture->path, EFIR_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  add_episode (store, "After");
  listed = titles (store);
  g_assert_cmpstr (listed, ==, "After|Before");
  g_clear_object (&store);

  store = efir_store_open_full (fixture->path, EFIR_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  efir_store_start_check (store);
  efir_store_start_check (store);
  g_assert_true (efir_store_wait_until_checked (store, &error));
  g_assert_no_error (error);
}

/* As a window opens its archive: saves go ahead while the check of every
 * page, and the daily backup after it, run in the background, and the
 * backup holds what was saved before it began. Were a save to wait for
 * either, held here, the test would never end. */
static void
test_save_during_check_and_backup (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(EfirStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = efir_store_get_backup_dir (store);
  g_autofree char *backup = NULL;
  g_autofree char *listed = NULL;
  guint n_backups = 0;

  add_program (store);
  add_episode (store, "Before");
  g_clear_object (&store);
  efir_test_remove_tree (backup_dir);

  efir_store_hold_check_for_tests (TRUE);
  efir_store_hold_backup_for_tests (TRUE);
  store = efir_store_open_full (fixture->path,
                                EFIR_STORE_OPEN_DEFER_CHECK | EFIR_STORE_OPEN_CHECK_TOUCHED,
                                &error);
  g_assert_no_error (error);
  efir_store_start_check (store);
  g_assert_true (efir_store_is_checked (store));
  add_episode (store, "During the check");

  efir_store_hold_check_for_tests (FALSE);
  g_assert_true (efir_store_wait_until_checked (store, &error));
  g_assert_no_error (error);
  add_episode (store, "During the backup");
  efir_store_get_backup_usage (store, &n_backups, NULL);
  g_assert_cmpuint (n_backups, ==, 0);

  /* The backup ends on the check's thread, which tells no one: its file
   * under its final name says it is done. */
  efir_store_hold_backup_for_tests (FALSE);
  while (n_backups == 0)
    {
      g_usleep (G_USEC_PER_SEC / 100);
      efir_store_get_backup_usage (store, &n_backups, NULL);
    }

  backup = efir_store_find_latest_backup (fixture->path);
  g_assert_nonnull (backup);
  copy = efir_store_open_full (backup, EFIR_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  listed = titles (copy);
  g_assert_nonnull (strstr (listed, "Before"));
  g_assert_nonnull (strstr (listed, "During the check"));
  g_assert_nonnull (strstr (listed, "During the backup"));
}

/* Quitting while a large archive is checked: dropping the store cancels
 * the check, which stops at once (a check held as a long one would
 * otherwise never end, and neither would this test), and nothing of it
 * reaches the store afterwards, a damaged verdict included. */
static void
test_dispose_during_check (Fixture       *fixture,
                           gconstpointer  data)
{
  gboolean damaged = GPOINTER_TO_INT (data);
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reported = NULL;
  g_autofree char *backup_dir = efir_store_get_backup_dir (store);
  g_autoptr(GDir) dir = NULL;
  guint n_backups = 0;

  add_program (store);
  add_episode (store, "Checked later");
  g_clear_object (&store);
  efir_test_remove_tree (backup_dir);
  if (damaged)
    efir_test_damage_table (fixture->path, "episodes");

  efir_store_hold_check_for_tests (TRUE);
  store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "damaged", G_CALLBACK (on_damaged_cb), &reported);
  g_assert_false (efir_store_is_checked (store));

  g_test_expect_message ("efir-store", G_LOG_LEVEL_DEBUG, "The check of every page of * was cancelled");
  g_assert_finalize_object (g_steal_pointer (&store));
  g_test_assert_expected_messages ();
  efir_store_hold_check_for_tests (FALSE);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (reported);

  /* No backup, and no half-written one either. */
  if ((dir = g_dir_open (backup_dir, 0, NULL)))
    while (g_dir_read_name (dir) != NULL)
      n_backups++;
  g_assert_cmpuint (n_backups, ==, 0);
}

/* Dropped at any moment of its check and backup, the store leaves no
 * half-written backup behind (and, under AddressSanitizer, the task never
 * touches the store it outlives). */
static void
test_dispose_at_any_moment (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autofree char *backup_dir = efir_store_get_backup_dir (store);

  add_program (store);
  for (guint i = 0; i < 20; i++)
    add_episode (store, "Epizod");
  g_clear_object (&store);

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      efir_test_remove_tree (backup_dir);
      store = efir_store_open (fixture->path, &error);
      g_assert_no_error (error);
      g_usleep (i * 200);
      g_assert_finalize_object (g_steal_pointer (&store));

      if ((dir = g_dir_open (backup_dir, 0, NULL)))
        while ((name = g_dir_read_name (dir)) != NULL)
          g_assert_false (g_str_has_prefix (name, "."));
    }

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_recover_from_backup (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(GBytes) damaged_bytes = NULL;
  g_autoptr(GBytes) kept_bytes = NULL;
  g_autoptr(GBytes) kept_wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *damaged_path = NULL;
  g_autofree char *damaged_wal = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *found = NULL;
  g_autofree char *damaged_name = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *backup_name = NULL;

  /* Today's backup was made on opening, before any episode. Make one with
   * the first episode in it, then add a second that only the damaged file
   * will hold.
   */
  add_program (store);
  add_episode (store, "In the backup");
  backup = g_build_filename (fixture->dir, "backups", "efir-2000-01-01.db", NULL);
  efir_store_backup (store, backup, &error);
  g_assert_no_error (error);
  backup_name = g_path_get_basename (backup);
  add_episode (store, "After the backup");
  g_clear_object (&store);

  damage (fixture->path);
  damaged_bytes = read_bytes (fixture->path);

  store = efir_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* What the app offers: the newest daily backup that passes its check. */
  found = efir_store_find_latest_backup (fixture->path);
  g_assert_nonnull (found);
  g_assert_true (g_str_has_prefix (found, fixture->dir));

  /* A WAL left beside the damaged file must go with it, never be played
   * into the restored copy.
   */
  write_bytes (wal, "not a real wal, but the damaged file's", 38);

  damaged_path = efir_store_recover_from_backup (fixture->path, backup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (damaged_path);

  damaged_name = g_path_get_basename (damaged_path);
  g_assert_true (g_str_has_prefix (damaged_name, "efir.db.damaged-"));
  g_assert_cmpuint (strlen (damaged_name), >=, strlen ("efir.db.damaged-YYYYMMDD-HHMMSS"));
  expected_prefix = g_path_get_dirname (fixture->path);
  g_assert_true (g_str_has_prefix (damaged_path, expected_prefix));

  kept_bytes = read_bytes (damaged_path);
  g_assert_true (g_bytes_equal (kept_bytes, damaged_bytes));
  damaged_wal = g_strconcat (damaged_path, "-wal", NULL);
  kept_wal = read_bytes (damaged_wal);
  g_assert_cmpuint (g_bytes_get_size (kept_wal), ==, 38);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The backup is untouched, and the archive opens with its data. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  store = open_store (fixture);
  {
    g_autofree char *list = titles (store);

    g_assert_cmpstr (list, ==, "In the backup");
  }
  g_assert_true (efir_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

static void
test_recover_refuses_bad_backup (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *bad_backup = g_build_filename (fixture->dir, "not-a-backup.db", NULL);
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged_path = NULL;

  add_program (store);
  add_episode (store, "Kept");
  g_clear_object (&store);
  before = read_bytes (fixture->path);
  write_bytes (bad_backup, "garbage garbage garbage", 23);

  damaged_path = efir_store_recover_from_backup (fixture->path, bad_backup, &error);
  g_assert_null (damaged_path);
  g_assert_nonnull (error);
  assert_unchanged (fixture->path, before);
}

/* efir.db and efir-2024.db kept in one folder share backups/: a damaged
 * efir.db is offered its own backup even though the other's is newer, and
 * restoring it brings back its own episodes.
 */
static void
test_recover_offers_own_backup (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *today_name = g_date_time_format (today, "efir-%Y-%m-%d.db");
  g_autofree char *other_name = g_date_time_format (today, "efir-2024-%Y-%m-%d.db");
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *today_backup = g_build_filename (backup_dir, today_name, NULL);
  g_autofree char *own_backup = g_build_filename (backup_dir, "efir-2000-01-01.db", NULL);
  g_autofree char *other_backup = g_build_filename (backup_dir, other_name, NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "efir-2024.db", NULL);
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autoptr(EfirStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *other_found = NULL;
  g_autofree char *damaged_path = NULL;
  g_autofree char *list = NULL;

  /* efir.db's only backup is an old one. */
  add_program (store);
  add_episode (store, "In efir.db");
  add_episode (store, "Also in efir.db");
  efir_store_backup (store, own_backup, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_unlink (today_backup), ==, 0);

  /* A new archive beside it gets today's backup on opening. */
  other = efir_store_open (other_path, &error);
  g_assert_no_error (error);
  add_program (other);
  add_episode (other, "In efir-2024.db");
  g_clear_object (&other);
  g_assert_true (g_file_test (other_backup, G_FILE_TEST_IS_REGULAR));

  damage (fixture->path);
  store = efir_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  found = efir_store_find_latest_backup (fixture->path);
  g_assert_cmpstr (found, ==, own_backup);
  other_found = efir_store_find_latest_backup (other_path);
  g_assert_cmpstr (other_found, ==, other_backup);

  damaged_path = efir_store_recover_from_backup (fixture->path, found, &error);
  g_assert_no_error (error);
  store = open_store (fixture);
  list = titles (store);
  g_assert_cmpstr (list, ==, "Also in efir.db|In efir.db");
}

/* ": > efir.db" made a new, empty archive of one that had backups: its
 * daily backup then pushed the good ones out. A zero-byte file where an
 * archive was is damaged: kept as it is, with the latest backup offered. */
static void
test_emptied_archive_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  GStatBuf st;

  store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_program (store);
  add_episode (store, "Kept in the backup");
  efir_store_wait_until_checked (store, NULL);
  g_clear_object (&store);
  found = efir_store_find_latest_backup (fixture->path);
  g_assert_nonnull (found);

  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);

  store = efir_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_clear_pointer (&found, g_free);
  found = efir_store_find_latest_backup (fixture->path);
  g_assert_nonnull (found);
}

/* A restore puts a backup in the place of the archive: only ever of one
 * that is damaged. */
static void
test_recover_refuses_healthy (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EfirStore) store = open_store (fixture);
  g_autofree char *backup = g_build_filename (fixture->dir, "backups", "efir-2000-01-01.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *list = NULL;
  g_autoptr(GError) error = NULL;

  add_program (store);
  efir_store_backup (store, backup, &error);
  g_assert_no_error (error);
  add_episode (store, "Only in the archive");
  g_clear_object (&store);

  kept = efir_store_recover_from_backup (fixture->path, backup, &error);
  g_assert_null (kept);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  store = open_store (fixture);
  list = titles (store);
  g_assert_cmpstr (list, ==, "Only in the archive");
}

static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* Everything that reads works on an archive opened read-only; every write
 * is refused in words; nothing is left beside the file. */
static void
check_read_only_store (EfirStore  *store,
                       Fixture    *fixture)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GListModel) episodes = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (efir_store_is_read_only (store));
  g_assert_true (efir_store_wait_until_checked (store, &error));
  g_assert_no_error (error);

  episodes = efir_store_list_episodes (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (episodes), ==, 1);
  hits = efir_store_search (store, "kept", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (efir_store_check_integrity (store, &error));
  g_assert_true (efir_store_backup (store, copy, &error));
  g_assert_no_error (error);

  efir_episode_set_title (episode, "Not saved");
  g_assert_false (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_READ_ONLY);
}

static void
make_archive (Fixture *fixture)
{
  g_autoptr(EfirStore) store = open_store (fixture);

  add_program (store);
  add_episode (store, "Kept as it was");
  /* A read-only archive is searched as its last writer left the index. */
  g_assert_true (efir_store_refresh_search_index (store, NULL));
  efir_store_wait_until_checked (store, NULL);
  g_clear_object (&store);
  assert_no_side_files (fixture->path);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  make_archive (fixture);
  before = read_bytes (fixture->path);

  store = efir_store_open_full (fixture->path, EFIR_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  check_read_only_store (store, fixture);
  assert_no_side_files (fixture->path);
  g_clear_object (&store);

  assert_no_side_files (fixture->path);
  assert_unchanged (fixture->path, before);
}

/* On read-only media or with a 0444 file, list, search, check and backup
 * all failed: such an archive opens read-only by itself. */
static void
test_read_only_when_unwritable (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not keep root from writing");
      return;
    }

  make_archive (fixture);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  check_read_only_store (store, fixture);
  g_clear_object (&store);
  assert_no_side_files (fixture->path);
  g_chmod (fixture->path, 0600);
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((st.st_mode & 0777) != 0600)
    g_error ("%s has mode %o, not 600", path, st.st_mode & 0777);
}

/* Unpublished drafts are private: the folder was 0700, the files 0644. */
static void
test_files_private (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *daily_name = g_date_time_format (today, "efir-%Y-%m-%d.db");
  g_autofree char *daily = g_build_filename (fixture->dir, "backups", daily_name, NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  store = open_store (fixture);
  add_program (store);
  add_episode (store, "A draft");

  assert_private (fixture->path);
  assert_private (wal);
  assert_private (shm);
  assert_private (daily);

  g_assert_true (efir_store_backup (store, copy, &error));
  g_assert_no_error (error);
  assert_private (copy);

  umask (old_umask);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* Never the user's own folder. (G_TEST_OPTION_ISOLATE_DIRS would do it,
   * but GLib keeps every set of folders it hands out, which the leak
   * checker reports.)
   */
  data_home = efir_test_make_dir ("efir-store-open-data");
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/new", test_new);
  ADD ("/store/open/default-path", test_default_path);
  ADD ("/store/open/refuses-garbage", test_refuses_garbage);
  ADD ("/store/open/refuses-foreign", test_refuses_foreign);
  ADD ("/store/open/refuses-too-new", test_refuses_too_new);
  ADD ("/store/open/backup-failure-opens", test_backup_failure_opens);
  g_test_add ("/store/open/deep-damage", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_deep_damage, fixture_tear_down);
  g_test_add ("/store/open/deep-damage-check-deferred", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_deep_damage, fixture_tear_down);
  ADD ("/store/open/deferred-check", test_deferred_check);
  ADD ("/store/open/save-during-check-and-backup", test_save_during_check_and_backup);
  ADD ("/store/open/dispose-at-any-moment", test_dispose_at_any_moment);
  g_test_add ("/store/open/dispose-during-check", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_dispose_during_check, fixture_tear_down);
  g_test_add ("/store/open/dispose-during-check-damaged", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_dispose_during_check, fixture_tear_down);
  ADD ("/store/open/recover-from-backup", test_recover_from_backup);
  ADD ("/store/open/emptied-archive-refused", test_emptied_archive_refused);
  ADD ("/store/open/recover-refuses-healthy", test_recover_refuses_healthy);
  ADD ("/store/open/read-only", test_read_only);
  ADD ("/store/open/files-private", test_files_private);
  ADD ("/store/open/read-only-when-unwritable", test_read_only_when_unwritable);
  ADD ("/store/open/recover-refuses-bad-backup", test_recover_refuses_bad_backup);
  ADD ("/store/open/recover-offers-own-backup", test_recover_offers_own_backup);

#undef ADD

  status = g_test_run ();
  efir_test_remove_tree (data_home);

  return status;
}
