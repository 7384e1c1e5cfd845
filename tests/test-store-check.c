/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-check"

#include "config.h"

#include <glib/gstdio.h>

#include "efir-database.h"
#include "efir-migrations.h"
#include "efir-store-check.h"
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
  fixture->dir = efir_test_make_dir ("efir-store-check");
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

/* A real database of some size: fifty episodes with their transcripts,
 * closed cleanly so everything is in the main file.
 */
static void
make_database (const char *path)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) segments = g_string_new ("[");
  sqlite3_stmt *stmt;

  db = efir_database_open (path, EFIR_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  efir_migrations_apply (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (segments, "%s{\"start\":%u,\"end\":%u,\"text\":\"Çətin sual %u\"}",
                            i > 0 ? "," : "", i * 4, i * 4 + 4, i);
  g_string_append_c (segments, ']');

  efir_database_begin_immediate (db, &error);
  efir_database_exec (db,
                      "INSERT INTO programs (id, name, created_at, modified_at)"
                      " VALUES (1, 'Çətin sual', 0, 0)",
                      &error);
  g_assert_no_error (error);
  for (gint64 id = 1; id <= 50; id++)
    {
      stmt = efir_database_prepare (db,
                                    "INSERT INTO episodes (id, program_id, number, title, created_at,"
                                    "                      modified_at)"
                                    " VALUES (?1, 1, ?1, 'Epizod', 0, 0)",
                                    &error);
      sqlite3_bind_int64 (stmt, 1, id);
      efir_database_run (db, stmt, &error);
      g_assert_no_error (error);

      stmt = efir_database_prepare (db,
                                    "INSERT INTO transcripts (episode_id, segments) VALUES (?1, ?2)",
                                    &error);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, segments->str, segments->len, SQLITE_STATIC);
      efir_database_run (db, stmt, &error);
      g_assert_no_error (error);
    }
  efir_database_commit (db, &error);
  g_assert_no_error (error);
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

/* SQLite reads a WAL-mode file, even read-only, through a -wal and a -shm
 * file it creates when they are missing; nothing may be written in the log.
 */
static void
assert_log_empty (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_size, ==, 0);
}

/* The check finds @expected, and neither it nor an attempt to open the
 * file for writing changes one byte of it.
 */
static void
assert_refused (Fixture         *fixture,
                EfirStoreHealth  expected,
                EfirStoreError   code)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = checksum_file (fixture->path);
  g_autofree char *checksum_after = NULL;

  g_assert_cmpint (efir_store_check_file (fixture->path, &error), ==, expected);
  g_assert_error (error, EFIR_STORE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  db = efir_database_open (fixture->path, EFIR_DATABASE_CREATE, &error);
  g_assert_error (error, EFIR_STORE_ERROR, (int) code);
  g_assert_null (db);

  checksum_after = checksum_file (fixture->path);
  g_assert_cmpstr (checksum, ==, checksum_after);
  assert_log_empty (fixture->path);
}

/* Tests ------------------------------------------------------------------ */

static void
test_healthy (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;

  make_database (fixture->path);
  checksum = checksum_file (fixture->path);

  g_assert_cmpint (efir_store_check_file (fixture->path, &error), ==, EFIR_STORE_HEALTH_OK);
  g_assert_no_error (error);

  checksum_after = checksum_file (fixture->path);
  g_assert_cmpstr (checksum, ==, checksum_after);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (efir_store_check_file (fixture->path, &error), ==, EFIR_STORE_HEALTH_MISSING);
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (efir_store_check_file (fixture->path, &error), ==, EFIR_STORE_HEALTH_EMPTY);
  g_assert_no_error (error);

  /* Left by a first start cut short: set up as new. */
  db = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  efir_migrations_apply (db, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (efir_store_check_file (fixture->path, &error), ==, EFIR_STORE_HEALTH_OK);
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guchar garbage[8192];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (fixture->path, (const char *) garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  assert_refused (fixture, EFIR_STORE_HEALTH_NOT_A_DATABASE, EFIR_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_text_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* An episode JSON given where the database was expected. */
  g_file_set_contents (fixture->path, "{\"format\": \"efir-episode/1\"}\n", -1, &error);
  g_assert_no_error (error);

  assert_refused (fixture, EFIR_STORE_HEALTH_NOT_A_DATABASE, EFIR_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  make_database (fixture->path);
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16 * 4096);

  /* What a copy cut short by a full disk, or a crash of the file system,
   * leaves: the beginning of the file, at an odd length.
   */
  g_file_set_contents (fixture->path, contents, length / 2 + 123, &error);
  g_assert_no_error (error);

  assert_refused (fixture, EFIR_STORE_HEALTH_CORRUPT, EFIR_STORE_ERROR_CORRUPT);
}

static void
test_flipped_page (Fixture       *fixture,
                   gconstpointer  data)
{
  make_database (fixture->path);
  efir_test_damage_table (fixture->path, "transcripts");

  assert_refused (fixture, EFIR_STORE_HEALTH_CORRUPT, EFIR_STORE_ERROR_CORRUPT);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  sqlite3 *handle = NULL;

  make_database (fixture->path);

  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  assert_refused (fixture, EFIR_STORE_HEALTH_TOO_NEW, EFIR_STORE_ERROR_TOO_NEW);
}

static void
test_foreign_database (Fixture       *fixture,
                       gconstpointer  data)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                 "INSERT INTO moz_places (url) VALUES ('https://example.org/')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (handle);

  assert_refused (fixture, EFIR_STORE_HEALTH_NOT_A_DATABASE, EFIR_STORE_ERROR_NOT_A_DATABASE);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_power_cut (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EfirDatabase) writer = NULL;
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cut = g_build_filename (fixture->dir, "cut.db", NULL);
  g_autofree char *cut_wal = g_strconcat (cut, "-wal", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  sqlite3_stmt *stmt;

  make_database (fixture->path);
  writer = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  efir_database_exec (writer, "UPDATE episodes SET title = 'Saved just before' WHERE id = 7", &error);
  g_assert_no_error (error);

  /* The files as a power cut leaves them while Efir runs: the last saves
   * are only in the log, and there is no -shm any more.
   */
  copy_file (fixture->path, cut);
  copy_file (wal, cut_wal);

  g_assert_cmpint (efir_store_check_file (cut, &error), ==, EFIR_STORE_HEALTH_OK);
  g_assert_no_error (error);

  db = efir_database_open (cut, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  stmt = efir_database_prepare (db, "SELECT title FROM episodes WHERE id = 7", &error);
  g_assert_true (efir_database_step (db, stmt, &error));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Saved just before");
  sqlite3_reset (stmt);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/check/healthy", test_healthy);
  ADD ("/store/check/missing", test_missing);
  ADD ("/store/check/empty", test_empty);
  ADD ("/store/check/garbage", test_garbage);
  ADD ("/store/check/text-file", test_text_file);
  ADD ("/store/check/truncated", test_truncated);
  ADD ("/store/check/flipped-page", test_flipped_page);
  ADD ("/store/check/too-new", test_too_new);
  ADD ("/store/check/foreign-database", test_foreign_database);
  ADD ("/store/check/power-cut", test_power_cut);

#undef ADD

  return g_test_run ();
}
