/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-database"

#include "config.h"

#include <string.h>

#include "efir-database.h"
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
  fixture->dir = efir_test_make_dir ("efir-store-database");
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

static EfirDatabase *
open_with_table (const char *path)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = efir_database_open (path, EFIR_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  /* Marked as Efir's, so that a second read-write connection's check does
   * not take it for another program's database.
   */
  efir_database_exec (db,
                      "PRAGMA application_id = 1164339570;"
                      "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE,"
                      "                    n INTEGER CHECK (n >= 0))",
                      &error);
  g_assert_no_error (error);

  return g_steal_pointer (&db);
}

static gint64
query_integer (EfirDatabase *db,
               const char   *sql)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row;

  stmt = efir_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  has_row = efir_database_step (db, stmt, &error);
  g_assert_no_error (error);
  g_assert_true (has_row);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (EfirDatabase *db,
            const char   *sql)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row;

  stmt = efir_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  has_row = efir_database_step (db, stmt, &error);
  g_assert_no_error (error);
  g_assert_true (has_row);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
insert_note (EfirDatabase  *db,
             const char    *body,
             GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, "INSERT INTO notes (body) VALUES (?1)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);

  return efir_database_run (db, stmt, error);
}

static gint64
count_notes (const char *path)
{
  g_autoptr(EfirDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* Another connection sees only what was committed. */
  reader = efir_database_open (path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);

  return query_integer (reader, "SELECT count(*) FROM notes");
}

/* Tests ------------------------------------------------------------------ */

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (fixture->dir, "data", "efir", "efir.db", NULL);
  g_autofree char *mode = NULL;

  /* The default location's folder does not exist on a first run. */
  db = efir_database_open (nested, EFIR_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (efir_database_get_path (db), ==, nested);
  g_assert_false (efir_database_is_read_only (db));
  g_assert_nonnull (efir_database_get_handle (db));

  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_integer (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (query_integer (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_integer (db, "PRAGMA busy_timeout"), ==, EFIR_DATABASE_BUSY_TIMEOUT_MS);
}

static void
test_open_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(EfirDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* A mistyped path must not leave an empty database behind. */
  db = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_assert_null (db);
  g_clear_error (&error);

  reader = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_assert_null (reader);

  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EfirDatabase) writer = open_with_table (fixture->path);
  g_autoptr(EfirDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;

  insert_note (writer, "first", &error);
  g_assert_no_error (error);

  reader = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (efir_database_is_read_only (reader));
  g_assert_cmpint (query_integer (reader, "SELECT count(*) FROM notes"), ==, 1);

  g_assert_false (insert_note (reader, "from a reader", &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* A worker's read transaction keeps one snapshot while the main thread
   * commits, and sees the commit once it starts a new one.
   */
  efir_database_begin_read (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (reader, "SELECT count(*) FROM notes"), ==, 1);

  insert_note (writer, "second", &error);
  g_assert_no_error (error);

  g_assert_cmpint (query_integer (reader, "SELECT count(*) FROM notes"), ==, 1);
  efir_database_commit (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (reader, "SELECT count(*) FROM notes"), ==, 2);
}

static void
test_statement_cache (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;
  const char *select = "SELECT body FROM notes WHERE id >= ?1 ORDER BY id";
  sqlite3_stmt *first;
  sqlite3_stmt *again;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *body = g_strdup_printf ("note %u", i);

      insert_note (db, body, &error);
      g_assert_no_error (error);
    }

  first = efir_database_prepare (db, select, &error);
  g_assert_no_error (error);
  g_assert_true (first == efir_database_prepare (db, select, &error));
  g_assert_false (first == efir_database_prepare (db, "SELECT count(*) FROM notes", &error));

  /* Stopped after one row, with a value bound … */
  sqlite3_bind_int64 (first, 1, 2);
  g_assert_true (efir_database_step (db, first, &error));
  g_assert_cmpstr ((const char *) sqlite3_column_text (first, 0), ==, "note 1");
  g_assert_true (sqlite3_stmt_busy (first));

  /* … the statement comes back from the start, without the old value:
   * an unbound parameter is NULL and matches nothing.
   */
  again = efir_database_prepare (db, select, &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  g_assert_false (sqlite3_stmt_busy (again));
  g_assert_false (efir_database_step (db, again, &error));
  g_assert_no_error (error);

  sqlite3_bind_int64 (again, 1, 0);
  g_assert_true (efir_database_step (db, again, &error));
  g_assert_cmpstr ((const char *) sqlite3_column_text (again, 0), ==, "note 0");

  /* g_autoptr(EfirStatement) gives the statement back, reset, at the end
   * of its scope: a reader left mid-way would hold its snapshot forever.
   */
  {
    g_autoptr(EfirStatement) scoped = efir_database_prepare (db, select, &error);

    sqlite3_bind_int64 (scoped, 1, 0);
    g_assert_true (efir_database_step (db, scoped, &error));
    g_assert_true (sqlite3_stmt_busy (scoped));
  }
  g_assert_false (sqlite3_stmt_busy (first));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_null (efir_database_prepare (db, "SELEKT 1", &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  insert_note (db, "same", &error);
  g_assert_no_error (error);
  g_assert_false (insert_note (db, "same", &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A CHECK failure is a bug in the caller, reported with SQLite's words. */
  g_assert_false (efir_database_exec (db, "INSERT INTO notes (body, n) VALUES ('x', -1)", &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "CHECK constraint failed"));
  g_assert_nonnull (strstr (error->message, "275"));
  g_clear_error (&error);

  /* Only the first of two statements would run. */
  g_test_expect_message ("efir-database", G_LOG_LEVEL_CRITICAL,
                         "*exactly one statement*");
  g_assert_null (efir_database_prepare (db, "DELETE FROM notes; DROP TABLE notes", &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_clear_error (&error);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM notes"), ==, 1);

  /* A failed step leaves the statement ready to run again. */
  stmt = efir_database_prepare (db, "INSERT INTO notes (body) VALUES (?1)", &error);
  sqlite3_bind_text (stmt, 1, "same", -1, SQLITE_STATIC);
  g_assert_false (efir_database_step (db, stmt, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  sqlite3_bind_text (stmt, 1, "different", -1, SQLITE_STATIC);
  g_assert_false (efir_database_step (db, stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_database_changes (db), ==, 1);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(EfirDatabase) other = NULL;
  g_autoptr(GError) error = NULL;

  other = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Wait briefly instead of the real five seconds. */
  efir_database_exec (db, "PRAGMA busy_timeout = 50", &error);
  g_assert_no_error (error);

  efir_database_begin_immediate (other, &error);
  g_assert_no_error (error);
  insert_note (other, "held", &error);
  g_assert_no_error (error);

  g_assert_false (efir_database_begin_immediate (db, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (efir_database_in_transaction (db));

  efir_database_commit (other, &error);
  g_assert_no_error (error);

  efir_database_begin_immediate (db, &error);
  g_assert_no_error (error);
  insert_note (db, "after", &error);
  g_assert_no_error (error);
  efir_database_commit (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_notes (fixture->path), ==, 2);
}

static void
test_full (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  gint64 pages;

  insert_note (db, "kept", &error);
  g_assert_no_error (error);

  /* A page limit is a full disk as far as SQLite is concerned. */
  pages = query_integer (db, "PRAGMA page_count");
  {
    g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);

    efir_database_exec (db, limit, &error);
    g_assert_no_error (error);
  }

  efir_database_begin_immediate (db, &error);
  g_assert_no_error (error);
  g_assert_false (insert_note (db, big, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_FULL);
  g_clear_error (&error);
  efir_database_rollback (db, &error);
  g_assert_no_error (error);
  g_assert_false (efir_database_in_transaction (db));

  g_assert_cmpint (count_notes (fixture->path), ==, 1);
  insert_note (db, "small", &error);
  g_assert_no_error (error);
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;

  /* Commit keeps, rollback undoes. */
  efir_database_begin_immediate (db, &error);
  g_assert_no_error (error);
  g_assert_true (efir_database_in_transaction (db));
  insert_note (db, "committed", &error);
  g_assert_cmpint (count_notes (fixture->path), ==, 0);
  efir_database_commit (db, &error);
  g_assert_no_error (error);
  g_assert_false (efir_database_in_transaction (db));
  g_assert_cmpint (count_notes (fixture->path), ==, 1);

  efir_database_begin_immediate (db, &error);
  insert_note (db, "rolled back", &error);
  efir_database_rollback (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_notes (fixture->path), ==, 1);

  /* An inner rollback undoes only the inner part. */
  efir_database_begin_immediate (db, &error);
  insert_note (db, "outer", &error);
  efir_database_begin_immediate (db, &error);
  insert_note (db, "inner", &error);
  efir_database_rollback (db, &error);
  g_assert_no_error (error);
  g_assert_true (efir_database_in_transaction (db));
  efir_database_commit (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_notes (fixture->path), ==, 2);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM notes WHERE body = 'inner'"), ==, 0);

  /* An inner commit is undone by an outer rollback. */
  efir_database_begin_immediate (db, &error);
  efir_database_begin_immediate (db, &error);
  insert_note (db, "inner kept, outer undone", &error);
  efir_database_commit (db, &error);
  g_assert_no_error (error);
  efir_database_rollback (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_notes (fixture->path), ==, 2);
  g_assert_false (efir_database_in_transaction (db));
}

static void
test_commit_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;

  efir_database_exec (db,
                      "CREATE TABLE parents (id INTEGER PRIMARY KEY);"
                      "CREATE TABLE children (parent_id INTEGER REFERENCES parents (id)"
                      "                       DEFERRABLE INITIALLY DEFERRED);",
                      &error);
  g_assert_no_error (error);

  /* A deferred constraint fails at COMMIT itself: the connection must come
   * out of it with no transaction open, or every later save would fail.
   */
  efir_database_begin_immediate (db, &error);
  insert_note (db, "lost with the commit", &error);
  efir_database_exec (db, "INSERT INTO children VALUES (42)", &error);
  g_assert_no_error (error);
  g_assert_false (efir_database_commit (db, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_clear_error (&error);
  g_assert_false (efir_database_in_transaction (db));
  g_assert_true (sqlite3_get_autocommit (efir_database_get_handle (db)));
  g_assert_cmpint (count_notes (fixture->path), ==, 0);

  efir_database_begin_immediate (db, &error);
  g_assert_no_error (error);
  insert_note (db, "saved", &error);
  efir_database_commit (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_notes (fixture->path), ==, 1);
}

static void
test_transaction_lost (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;

  efir_database_begin_immediate (db, &error);
  insert_note (db, "outer", &error);
  efir_database_begin_immediate (db, &error);
  insert_note (db, "inner", &error);
  g_assert_no_error (error);

  /* What SQLite does on its own after an I/O error or a full disk. */
  sqlite3_exec (efir_database_get_handle (db), "ROLLBACK", NULL, NULL, NULL);

  /* Neither level may claim its changes were saved. */
  g_assert_false (efir_database_commit (db, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_clear_error (&error);
  g_assert_false (efir_database_begin_immediate (db, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (efir_database_commit (db, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (efir_database_in_transaction (db));
  g_assert_cmpint (count_notes (fixture->path), ==, 0);

  /* And the connection works again. */
  efir_database_begin_immediate (db, &error);
  insert_note (db, "again", &error);
  efir_database_commit (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_notes (fixture->path), ==, 1);

  /* Rollback is just as safe after such an error. */
  efir_database_begin_immediate (db, &error);
  sqlite3_exec (efir_database_get_handle (db), "ROLLBACK", NULL, NULL, NULL);
  g_assert_true (efir_database_rollback (db, &error));
  g_assert_no_error (error);
  g_assert_false (efir_database_in_transaction (db));
}

static void
test_rowid_and_changes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_with_table (fixture->path);
  g_autoptr(GError) error = NULL;
  gint64 first;

  insert_note (db, "a", &error);
  first = efir_database_last_insert_rowid (db);
  insert_note (db, "b", &error);
  insert_note (db, "c", &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_database_last_insert_rowid (db), ==, first + 2);
  g_assert_cmpint (query_integer (db, "SELECT id FROM notes WHERE body = 'c'"), ==, first + 2);

  efir_database_exec (db, "UPDATE notes SET n = 1 WHERE body <> 'b'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_database_changes (db), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/database/open", test_open);
  ADD ("/store/database/open-missing", test_open_missing);
  ADD ("/store/database/read-only", test_read_only);
  ADD ("/store/database/statement-cache", test_statement_cache);
  ADD ("/store/database/errors", test_errors);
  ADD ("/store/database/busy", test_busy);
  ADD ("/store/database/full", test_full);
  ADD ("/store/database/transactions", test_transactions);
  ADD ("/store/database/commit-fails", test_commit_fails);
  ADD ("/store/database/transaction-lost", test_transaction_lost);
  ADD ("/store/database/rowid-and-changes", test_rowid_and_changes);

#undef ADD

  return g_test_run ();
}
