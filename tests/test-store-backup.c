/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-backup"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "efir-backup.h"
#include "efir-database.h"
#include "efir-migrations.h"
#include "efir-store-check.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char         *dir;
  char         *path;
  char         *backup_dir;
  EfirDatabase *db;
} Fixture;

static void
add_episode (EfirDatabase *db,
             gint64        id,
             const char   *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) segments = g_string_new ("[");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (segments, "%s{\"start\":%u,\"text\":\"Çətin sual, söz %u\"}",
                            i > 0 ? "," : "", i * 4, i);
  g_string_append_c (segments, ']');

  stmt = efir_database_prepare (db,
                                "INSERT INTO episodes (id, program_id, number, title, created_at,"
                                "                      modified_at)"
                                " VALUES (?1, 1, ?1, ?2, 0, 0)",
                                &error);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);

  stmt = efir_database_prepare (db, "INSERT INTO transcripts (episode_id, segments) VALUES (?1, ?2)", &error);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, segments->str, segments->len, SQLITE_STATIC);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);
}

/* A new archive at @path holding @n_episodes episodes. */
static EfirDatabase *
create_database (const char *path,
                 gint64      n_episodes)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = efir_database_open (path, EFIR_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  efir_migrations_apply (db, &error);
  g_assert_no_error (error);

  efir_database_begin_immediate (db, &error);
  efir_database_exec (db,
                      "INSERT INTO programs (id, name, created_at, modified_at)"
                      " VALUES (1, 'Çətin sual', 0, 0)",
                      &error);
  g_assert_no_error (error);
  for (gint64 id = 1; id <= n_episodes; id++)
    add_episode (db, id, "Epizod");
  efir_database_commit (db, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&db);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = efir_test_make_dir ("efir-store-backup");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);
  fixture->backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  fixture->db = create_database (fixture->path, 50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->backup_dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static gint64
count_episodes (const char *path)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 count;

  db = efir_database_open (path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  stmt = efir_database_prepare (db, "SELECT count(*) FROM episodes", &error);
  g_assert_true (efir_database_step (db, stmt, &error));
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in @path, sorted, separated by spaces. */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Scrambles the header of the b-tree page of the transcripts table, as a
 * bad sector would.
 */
static void
damage (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 page_size;
  gint64 root;
  gsize offset;

  {
    g_autoptr(EfirDatabase) db = efir_database_open (path, EFIR_DATABASE_READ_ONLY, &error);
    sqlite3_stmt *stmt;

    g_assert_no_error (error);
    stmt = efir_database_prepare (db, "PRAGMA page_size", &error);
    g_assert_true (efir_database_step (db, stmt, &error));
    page_size = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    stmt = efir_database_prepare (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'transcripts'",
                                  &error);
    g_assert_true (efir_database_step (db, stmt, &error));
    root = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
  }

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  offset = (root - 1) * page_size;
  g_assert_cmpuint (offset + page_size, <=, length);
  for (gsize i = 0; i < 24; i++)
    contents[offset + i] ^= 0x5a;
  write_file (path, contents, length);
}

/* The daily backup of @db on October @day, 2024, after a day's work on
 * it: a day without change gets no backup. */
static void
backup_daily_of (EfirDatabase *db,
                 const char   *backup_dir,
                 int           day,
                 guint         keep_days,
                 guint         keep_weeks)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 10, day, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = efir_database_prepare (db, "INSERT OR REPLACE INTO meta VALUES ('worked-on', ?1)", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, day);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);

  efir_backup_daily (db, backup_dir, now, keep_days, keep_weeks, NULL, &error);
  g_assert_no_error (error);
}

static void
backup_daily (Fixture *fixture,
              int      day,
              guint    keep_days,
              guint    keep_weeks)
{
  backup_daily_of (fixture->db, fixture->backup_dir, day, keep_days, keep_weeks);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  write_file (to, contents, length);
}

/* The name efir_backup_find_latest_good() gives for @db_path, without its
 * folder; "" when it finds none. */
static char *
latest_good_name (const char *db_path,
                  const char *backup_dir)
{
  g_autofree char *found = efir_backup_find_latest_good (db_path, backup_dir);

  return found != NULL ? g_path_get_basename (found) : g_strdup ("");
}

/* Tests ------------------------------------------------------------------ */

static void
test_to_file (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfirDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *header = NULL;
  g_autofree char *listing = NULL;
  gsize length;

  /* Another connection is in the middle of a save: the backup neither
   * waits for it nor copies half of it.
   */
  other = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  efir_database_begin_immediate (other, &error);
  add_episode (other, 51, "Not committed yet");

  efir_backup_to_file (fixture->db, dest, NULL, &error);
  g_assert_no_error (error);
  efir_database_commit (other, &error);
  g_assert_no_error (error);

  g_assert_cmpint (efir_store_check_file (dest, &error), ==, EFIR_STORE_HEALTH_OK);
  g_assert_no_error (error);
  g_assert_cmpint (count_episodes (dest), ==, 50);

  /* One self-contained file in rollback-journal mode (header byte 18 is
   * 1; it is 2 in WAL mode), with nothing left beside it.
   */
  g_file_get_contents (dest, &header, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (header[18], ==, 1);
  g_assert_cmpint (header[19], ==, 1);
  listing = list_folder (fixture->dir);
  g_assert_cmpstr (listing, ==, "copy.db efir.db efir.db-shm efir.db-wal");
}

/* A backup stopped (Efir quits) leaves nothing behind, neither the copy
 * nor its temporary file, and an older backup of that name stays. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *listing = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (efir_backup_to_file (fixture->db, dest, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = list_folder (fixture->dir);
  g_assert_cmpstr (listing, ==, "efir.db efir.db-shm efir.db-wal");
}

static void
test_replaces (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *tmp = g_strconcat (dest, ".tmp", NULL);
  g_autofree char *tmp_journal = g_strconcat (dest, ".tmp-journal", NULL);

  efir_backup_to_file (fixture->db, dest, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_episodes (dest), ==, 50);

  /* Files of the producer's that look like a temporary copy are theirs:
   * the backup writes under a name of its own, and leaves none behind. */
  write_file (tmp, "someone's notes", -1);
  write_file (tmp_journal, "more notes", -1);

  add_episode (fixture->db, 51, "New");
  efir_backup_to_file (fixture->db, dest, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_episodes (dest), ==, 51);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (tmp_journal, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "efir-backup"));
  }
}

static void
test_damaged_source (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EfirDatabase) damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  g_autofree char *listing = NULL;

  efir_backup_to_file (fixture->db, dest, NULL, &error);
  g_assert_no_error (error);
  checksum = checksum_file (dest);

  g_clear_object (&fixture->db);
  damage (fixture->path);

  /* A damaged database must not replace a good backup. */
  damaged = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (efir_backup_to_file (damaged, dest, NULL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);

  checksum_after = checksum_file (dest);
  g_assert_cmpstr (checksum, ==, checksum_after);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
  listing = list_folder (fixture->dir);
  g_assert_null (strstr (listing, ".tmp"));
}

static void
test_daily (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->backup_dir, "efir-2024-10-01.db", NULL);
  g_autofree char *manual = g_build_filename (fixture->backup_dir, "efir-before-update.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->backup_dir, "notes.txt", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  g_autofree char *listing = NULL;

  backup_daily (fixture, 1, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  g_assert_cmpint (count_episodes (first), ==, 50);
  checksum = checksum_file (first);

  /* Once a day: later saves wait for tomorrow's backup. */
  add_episode (fixture->db, 51, "Later that day");
  backup_daily (fixture, 1, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  checksum_after = checksum_file (first);
  g_assert_cmpstr (checksum, ==, checksum_after);

  write_file (manual, "a producer's own copy", -1);
  write_file (notes, "notes", -1);

  for (int day = 2; day <= 10; day++)
    backup_daily (fixture, day, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  /* The last three days, and the last day of the week before (October
   * 7th, 2024 is a Monday). */
  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==,
                   "efir-2024-10-06.db efir-2024-10-08.db efir-2024-10-09.db efir-2024-10-10.db "
                   "efir-before-update.db notes.txt");
}

/* A day on which nothing changed gets no backup: the newest holds it all. */
static void
test_daily_skips_unchanged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *listing = NULL;

  backup_daily (fixture, 1, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  for (int day = 2; day <= 8; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 10, day, 12, 0, 0);
      g_autoptr(GError) error = NULL;

      /* An edit of an episode, with no row added or removed. */
      if (day == 4)
        {
          efir_database_exec (fixture->db,
                              "UPDATE episodes SET title = 'Yeni', modified_at = 4 WHERE id = 7",
                              &error);
          g_assert_no_error (error);
        }
      /* An episode deleted for good. */
      if (day == 6)
        {
          efir_database_exec (fixture->db, "DELETE FROM episodes WHERE id = 8", &error);
          g_assert_no_error (error);
        }

      efir_backup_daily (fixture->db, fixture->backup_dir, now, EFIR_BACKUP_KEEP_DAYS,
                         EFIR_BACKUP_KEEP_WEEKS, NULL, &error);
      g_assert_no_error (error);
    }

  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==, "efir-2024-10-01.db efir-2024-10-04.db efir-2024-10-06.db");
  {
    g_autofree char *newest = g_build_filename (fixture->backup_dir, "efir-2024-10-06.db", NULL);

    g_assert_cmpint (count_episodes (newest), ==, 49);
  }
}

/* A month of daily work keeps within the budget: the newest of each of the
 * last three days and of each of the last four ISO weeks, and says how
 * much room that takes. The producer's own copies are never counted or
 * deleted. */
static void
test_daily_budget (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *manual = g_build_filename (fixture->backup_dir,
                                              "efir-2024-10-02-120000.db", NULL);
  g_autofree char *listing = NULL;
  guint64 expected_bytes = 0;
  guint64 n_bytes = 0;
  guint n_backups = 0;

  g_assert_cmpint (g_mkdir_with_parents (fixture->backup_dir, 0700), ==, 0);
  write_file (manual, "a producer's own copy", -1);

  for (int day = 1; day <= 31; day++)
    backup_daily (fixture, day, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  /* Weeks 41 to 44 of 2024 end on October 13th, 20th and 27th, and go on
   * into November. */
  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==,
                   "efir-2024-10-02-120000.db efir-2024-10-13.db efir-2024-10-20.db "
                   "efir-2024-10-27.db efir-2024-10-29.db efir-2024-10-30.db efir-2024-10-31.db");

  for (int day = 13; day <= 31; day++)
    {
      g_autofree char *name = g_strdup_printf ("efir-2024-10-%02d.db", day);
      g_autofree char *path = g_build_filename (fixture->backup_dir, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        expected_bytes += (guint64) st.st_blocks * 512;
    }

  efir_backup_usage (fixture->path, fixture->backup_dir, &n_backups, &n_bytes);
  g_assert_cmpuint (n_backups, ==, 6);
  g_assert_cmpuint (n_bytes, ==, expected_bytes);
  g_assert_cmpuint (n_bytes, >, 0);
}

/* ISO weeks run across the new year: January 1st and 3rd, 2027 are in
 * the last week of 2026, with December 28th, which they replace. */
static void
test_daily_weeks_across_new_year (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char * const dates[] = { "2026-12-20", "2026-12-28", "2027-01-01", "2027-01-03" };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 1, 5, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->backup_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *name = g_strdup_printf ("efir-%s.db", dates[i]);
      g_autofree char *path = g_build_filename (fixture->backup_dir, name, NULL);

      write_file (path, "", 0);
    }

  efir_backup_daily (fixture->db, fixture->backup_dir, now, 1, 3, NULL, &error);
  g_assert_no_error (error);

  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==, "efir-2026-12-20.db efir-2027-01-03.db efir-2027-01-05.db");
}

static void
test_daily_date (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("+04:00");
  g_autoptr(GDateTime) evening_utc = g_date_time_new_utc (2024, 10, 4, 22, 30, 0);
  g_autoptr(GDateTime) now = g_date_time_to_timezone (evening_utc, baku);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  /* Half past two in the night in Baku is the next day there. */
  efir_backup_daily (fixture->db, fixture->backup_dir, now, EFIR_BACKUP_KEEP_DAYS,
                     EFIR_BACKUP_KEEP_WEEKS, NULL, &error);
  g_assert_no_error (error);
  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==, "efir-2024-10-05.db");
}

static void
test_daily_keeps_today (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->backup_dir, 0700), ==, 0);

  /* Backups written while the clock said 2030. */
  for (int day = 1; day <= 3; day++)
    {
      g_autofree char *name = g_strdup_printf ("efir-2030-01-%02d.db", day);
      g_autofree char *path = g_build_filename (fixture->backup_dir, name, NULL);

      write_file (path, "", 0);
    }

  backup_daily (fixture, 4, 3, 0);
  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==, "efir-2024-10-04.db efir-2030-01-02.db efir-2030-01-03.db");
}

static void
test_daily_failure_deletes_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(EfirDatabase) damaged = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 10, 20, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (int day = 1; day <= 3; day++)
    backup_daily (fixture, day, 3, 0);
  before = list_folder (fixture->backup_dir);

  /* A change since the last backup, so that a new one is due. */
  add_episode (fixture->db, 51, "Later");
  g_clear_object (&fixture->db);
  damage (fixture->path);
  damaged = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_false (efir_backup_daily (damaged, fixture->backup_dir, now, 3, 0, NULL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);

  after = list_folder (fixture->backup_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (before, ==, "efir-2024-10-01.db efir-2024-10-02.db efir-2024-10-03.db");
}

static void
test_find_latest_good (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "nowhere", NULL);
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *newest = g_build_filename (fixture->backup_dir, "efir-2024-10-05.db", NULL);
  g_autofree char *fourth = g_build_filename (fixture->backup_dir, "efir-2024-10-04.db", NULL);
  g_autofree char *manual = g_build_filename (fixture->backup_dir, "efir-2024-10-09-manual.db", NULL);

  g_assert_null (efir_backup_find_latest_good (fixture->path, missing_dir));

  backup_daily (fixture, 1, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  backup_daily (fixture, 2, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  add_episode (fixture->db, 51, "In the third backup");
  backup_daily (fixture, 3, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  backup_daily (fixture, 4, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  backup_daily (fixture, 5, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  expected = g_build_filename (fixture->backup_dir, "efir-2024-10-03.db", NULL);

  /* The newest two are damaged (a bad sector, a copy cut in half) and a
   * file that is not a daily backup is newer still.
   */
  damage (newest);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_file_get_contents (fourth, &contents, &length, NULL);
    write_file (fourth, contents, length / 3);
  }
  write_file (manual, "", 0);

  found = efir_backup_find_latest_good (fixture->path, fixture->backup_dir);
  g_assert_cmpstr (found, ==, expected);
  g_assert_cmpint (count_episodes (found), ==, 51);
}

static void
test_stem (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct
  {
    const char *db_path;
    const char *stem;
  } cases[] = {
    { "/home/producer/.local/share/efir/efir.db", "efir" },
    { "efir-2024.db", "efir-2024" },
    { "/archives/archive-2024.db", "archive-2024" },
    { "/archives/copy.db.db", "copy.db" },
    { "/archives/archive", "archive" },
    { "/archives/archive.sqlite", "archive.sqlite" },
    { "/archives/.db", ".db" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = efir_backup_stem (cases[i].db_path);

      g_assert_cmpstr (stem, ==, cases[i].stem);
    }
}

/* efir.db and efir-2024.db in one folder: each has its own daily backups,
 * and the rotation of one never deletes the other's, though every name of
 * either begins with "efir-2024-".
 */
static void
test_daily_two_databases (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "efir-2024.db", NULL);
  g_autoptr(EfirDatabase) other = create_database (other_path, 3);
  g_autofree char *listing = NULL;
  g_autofree char *own = NULL;
  g_autofree char *others = NULL;

  backup_daily_of (other, fixture->backup_dir, 1, 3, 0);
  backup_daily_of (other, fixture->backup_dir, 2, 3, 0);
  for (int day = 1; day <= 5; day++)
    backup_daily (fixture, day, 3, 0);
  for (int day = 3; day <= 6; day++)
    backup_daily_of (other, fixture->backup_dir, day, 3, 0);

  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==,
                   "efir-2024-10-03.db efir-2024-10-04.db efir-2024-10-05.db "
                   "efir-2024-2024-10-04.db efir-2024-2024-10-05.db efir-2024-2024-10-06.db");

  /* Each is a copy of its own database. */
  own = g_build_filename (fixture->backup_dir, "efir-2024-10-05.db", NULL);
  others = g_build_filename (fixture->backup_dir, "efir-2024-2024-10-05.db", NULL);
  g_assert_cmpint (count_episodes (own), ==, 50);
  g_assert_cmpint (count_episodes (others), ==, 3);
}

/* A process that quit or died while it wrote a backup left its hidden
 * copy behind: the next backup deletes it, as big as the archive, but
 * never the copy of a process still writing. */
static void
test_daily_removes_abandoned_copies (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) gone = NULL;
  g_autofree char *gone_pid = NULL;
  g_autofree char *dead = NULL;
  g_autofree char *dead_journal = NULL;
  g_autofree char *alive = NULL;
  g_autofree char *other_archive = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->backup_dir, 0700), ==, 0);
  /* The id of a process that has ended; its identifier is read while it
   * still has one. */
  gone = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "true", NULL);
  g_assert_no_error (error);
  gone_pid = g_strdup (g_subprocess_get_identifier (gone));
  g_assert_true (g_subprocess_wait (gone, NULL, &error));
  g_assert_no_error (error);
  dead = g_strdup_printf ("%s/.efir-2024-10-01.db.efir-backup-%s-Ab12Cd", fixture->backup_dir, gone_pid);
  dead_journal = g_strconcat (dead, "-journal", NULL);
  alive = g_strdup_printf ("%s/.efir-2024-10-01.db.efir-backup-%d-Ef34Gh", fixture->backup_dir, (int) getppid ());
  other_archive = g_strdup_printf ("%s/.other-2024-10-01.db.efir-backup-1-Ij56Kl", fixture->backup_dir);
  for (const char *const *path = (const char *const[]) { dead, dead_journal, alive, other_archive, NULL };
       *path != NULL; path++)
    {
      g_file_set_contents (*path, "half a copy", -1, &error);
      g_assert_no_error (error);
    }

  backup_daily (fixture, 2, 3, 0);

  listing = list_folder (fixture->backup_dir);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dead_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_archive, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (listing, "efir-2024-10-02.db"));
}

static void
test_daily_no_extension (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "archive", NULL);
  g_autoptr(EfirDatabase) other = create_database (other_path, 3);
  g_autofree char *listing = NULL;

  backup_daily_of (other, fixture->backup_dir, 1, 3, 0);
  backup_daily (fixture, 1, 3, 0);

  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==, "archive-2024-10-01.db efir-2024-10-01.db");
}

/* A damaged database is offered its own newest good backup, never a newer
 * one of another database in the same folder.
 */
static void
test_find_latest_good_own (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *dashed_path = g_build_filename (fixture->dir, "efir-2024.db", NULL);
  g_autofree char *archive_path = g_build_filename (fixture->dir, "efir-archive.db", NULL);
  g_autofree char *lonely_path = g_build_filename (fixture->dir, "lonely.db", NULL);
  g_autoptr(EfirDatabase) dashed = create_database (dashed_path, 3);
  g_autoptr(EfirDatabase) archive = create_database (archive_path, 7);
  g_autofree char *found = NULL;
  g_autofree char *name = NULL;

  backup_daily (fixture, 1, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  backup_daily (fixture, 2, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  for (int day = 3; day <= 5; day++)
    backup_daily_of (dashed, fixture->backup_dir, day, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);
  backup_daily_of (archive, fixture->backup_dir, 4, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  name = latest_good_name (fixture->path, fixture->backup_dir);
  g_assert_cmpstr (name, ==, "efir-2024-10-02.db");
  g_clear_pointer (&name, g_free);
  name = latest_good_name (dashed_path, fixture->backup_dir);
  g_assert_cmpstr (name, ==, "efir-2024-2024-10-05.db");
  g_clear_pointer (&name, g_free);
  name = latest_good_name (archive_path, fixture->backup_dir);
  g_assert_cmpstr (name, ==, "efir-archive-2024-10-04.db");
  g_clear_pointer (&name, g_free);
  name = latest_good_name (lonely_path, fixture->backup_dir);
  g_assert_cmpstr (name, ==, "");

  found = efir_backup_find_latest_good (fixture->path, fixture->backup_dir);
  g_assert_cmpint (count_episodes (found), ==, 50);
}

/* Names that look like a daily backup but for a date no calendar has are
 * a producer's files: never rotated out, never offered.
 */
static void
test_real_dates_only (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const look_alikes[] = {
    "efir-2024-02-29.db", "efir-2024-02-30.db", "efir-2024-13-01.db", "efir-2024-00-10.db",
  };
  g_autofree char *first = g_build_filename (fixture->backup_dir, "efir-2024-10-01.db", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *name = NULL;

  backup_daily (fixture, 1, 2, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (look_alikes); i++)
    {
      g_autofree char *path = g_build_filename (fixture->backup_dir, look_alikes[i], NULL);

      copy_file (first, path);
    }

  /* February 29th, 2024 is a real date: the oldest of three, it goes. */
  backup_daily (fixture, 2, 2, 0);

  listing = list_folder (fixture->backup_dir);
  g_assert_cmpstr (listing, ==,
                   "efir-2024-00-10.db efir-2024-02-30.db efir-2024-10-01.db efir-2024-10-02.db "
                   "efir-2024-13-01.db");
  name = latest_good_name (fixture->path, fixture->backup_dir);
  g_assert_cmpstr (name, ==, "efir-2024-10-02.db");
}

/* An archive with no episodes (one emptied, or replaced by a new one) gets
 * its daily backups, but they never push out the backups that hold work. */
static void
test_daily_empty_keeps_good (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *empty_path = g_build_filename (other_dir, "efir.db", NULL);
  g_autoptr(EfirDatabase) empty = NULL;
  g_autofree char *first = g_build_filename (fixture->backup_dir, "efir-2024-10-01.db", NULL);

  for (int day = 1; day <= EFIR_BACKUP_KEEP_DAYS; day++)
    backup_daily (fixture, day, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  g_mkdir_with_parents (other_dir, 0700);
  empty = create_database (empty_path, 0);
  for (int day = 8; day <= 20; day++)
    backup_daily_of (empty, fixture->backup_dir, day, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS);

  g_assert_cmpint (count_episodes (first), ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/backup/to-file", test_to_file);
  ADD ("/store/backup/replaces", test_replaces);
  ADD ("/store/backup/cancelled", test_cancelled);
  ADD ("/store/backup/damaged-source", test_damaged_source);
  ADD ("/store/backup/daily", test_daily);
  ADD ("/store/backup/daily-skips-unchanged", test_daily_skips_unchanged);
  ADD ("/store/backup/daily-budget", test_daily_budget);
  ADD ("/store/backup/daily-weeks-across-new-year", test_daily_weeks_across_new_year);
  ADD ("/store/backup/daily-date", test_daily_date);
  ADD ("/store/backup/daily-keeps-today", test_daily_keeps_today);
  ADD ("/store/backup/daily-failure-deletes-nothing", test_daily_failure_deletes_nothing);
  ADD ("/store/backup/find-latest-good", test_find_latest_good);
  ADD ("/store/backup/stem", test_stem);
  ADD ("/store/backup/daily-two-databases", test_daily_two_databases);
  ADD ("/store/backup/daily-removes-abandoned-copies", test_daily_removes_abandoned_copies);
  ADD ("/store/backup/daily-no-extension", test_daily_no_extension);
  ADD ("/store/backup/find-latest-good-own", test_find_latest_good_own);
  ADD ("/store/backup/real-dates-only", test_real_dates_only);
  ADD ("/store/backup/daily-empty-keeps-good", test_daily_empty_keeps_good);

#undef ADD

  return g_test_run ();
}
