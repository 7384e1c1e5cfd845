/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "efir-database.h"
#include "efir-search-tokenizer.h"
#include "efir-store-check.h"

/* Types and properties --------------------------------------------------- */

struct _EfirDatabase
{
  GObject parent_instance;

  /* Owned */
  char       *path;
  sqlite3    *handle;
  GHashTable *statements;        /* SQL text -> sqlite3_stmt */
  guint       transaction_depth; /* 1 for BEGIN, one more per SAVEPOINT */
  EfirDatabaseWriteGate write_gate;
  gpointer    write_gate_data;
  guint       read_only : 1;
};

G_DEFINE_FINAL_TYPE (EfirDatabase, efir_database, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

static gboolean
set_error (EfirDatabase  *self,
           int            result_code,
           GError       **error)
{
  efir_store_error_set_from_sqlite (error, self->handle, result_code);
  return FALSE;
}

/* Whether the file starts with the 16 bytes every SQLite database starts
 * with: SQLite says SQLITE_NOTADB both for a stranger's file and for its
 * own file with a damaged header, and the producer needs to know which.
 */
static gboolean
has_sqlite_header (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic];
  FILE *file;
  gboolean found;

  if (!(file = g_fopen (path, "rb")))
    return FALSE;
  found = fread (header, 1, sizeof header, file) == sizeof header
          && memcmp (header, magic, sizeof magic) == 0;
  fclose (file);

  return found;
}

/* An error while SQLite first reads the file: name the file, and say that
 * nothing was written to it, which is true because nothing writes before
 * the schema has been read.
 */
static void
set_open_error (EfirDatabase  *self,
                int            result_code,
                GError       **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  switch (efir_store_error_code_from_sqlite (result_code))
    {
    case EFIR_STORE_ERROR_CORRUPT:
      g_debug ("%s: %s (%d)", self->path, sqlite3_errmsg (self->handle), result_code);
      if (has_sqlite_header (self->path))
        g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
                     _("The database “%s” is damaged. Efir has left it as it is; open "
                       "the latest good backup instead."),
                     name);
      else
        g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_A_DATABASE,
                     _("“%s” is not an Efir database."), name);
      break;

    default:
      efir_store_error_set_from_sqlite (error, self->handle, result_code);
      break;
    }
}

static gboolean
ensure_parent_folder (const char  *path,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, EFIR_STORE_ERROR,
               saved_errno == EROFS || saved_errno == EACCES ? EFIR_STORE_ERROR_READ_ONLY
               : saved_errno == ENOSPC                       ? EFIR_STORE_ERROR_FULL
                                                             : EFIR_STORE_ERROR_SQLITE,
               _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
apply_pragmas (EfirDatabase  *self,
               GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  const char *mode;

  if (self->read_only)
    return TRUE;

  /* WAL lets worker threads read while the main thread writes, and a
   * commit is one append to the log. The pragma answers with the mode it
   * ended up in, which is not WAL on file systems without shared memory.
   */
  if (!(stmt = efir_database_prepare (self, "PRAGMA journal_mode = WAL", error))
      || !efir_database_step (self, stmt, error))
    return FALSE;
  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                   _("The database could not be switched to write-ahead logging "
                     "(journal mode is “%s”)."),
                   mode != NULL ? mode : "");
      return FALSE;
    }

  /* FULL syncs the log on every commit: a saved edit survives a power cut,
   * not only a crash of Efir.
   */
  return efir_database_exec (self,
                             "PRAGMA synchronous = FULL;"
                             "PRAGMA foreign_keys = ON;",
                             error);
}

static gboolean
transaction_lost (EfirDatabase *self)
{
  /* SQLite rolls the whole transaction back by itself after some errors
   * (a full disk, an I/O error): then it is no longer in one while this
   * object still counts levels.
   */
  return self->transaction_depth > 0 && sqlite3_get_autocommit (self->handle);
}

static void
set_transaction_lost_error (GError **error)
{
  g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                       _("The changes were not saved because an earlier error cancelled "
                         "them."));
}

static gboolean
begin (EfirDatabase  *self,
       const char    *outer_sql,
       GError       **error)
{
  g_autofree char *savepoint = NULL;

  if (transaction_lost (self))
    {
      set_transaction_lost_error (error);
      return FALSE;
    }

  if (self->transaction_depth == 0)
    {
      if (!efir_database_exec (self, outer_sql, error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT efir_%u", self->transaction_depth);
      if (!efir_database_exec (self, savepoint, error))
        return FALSE;
    }

  self->transaction_depth++;
  return TRUE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_statement_release:
 * @stmt: a statement from efir_database_prepare()
 *
 * Resets @stmt and clears its bindings, which gives back the read snapshot
 * a statement stopped before its last row still holds. The cleanup of
 * g_autoptr(EfirStatement); the statement stays in the cache.
 */
void
efir_statement_release (EfirStatement *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * efir_database_open:
 * @path: the database file
 * @flags: #EfirDatabaseFlags
 * @error: return location for a #GError
 *
 * Opens a connection to @path, with the "efir" search tokenizer registered.
 *
 * A read-write connection to an existing file first runs
 * efir_store_check_file() on it and refuses, without writing a byte, a file
 * that is not an Efir database, is damaged or is newer than this Efir
 * (%EFIR_STORE_ERROR_NOT_A_DATABASE, _CORRUPT, _TOO_NEW). It then sets
 * journal_mode=WAL, synchronous=FULL and foreign_keys=ON; every connection
 * waits %EFIR_DATABASE_BUSY_TIMEOUT_MS for a lock. Migrations are not
 * applied: see efir_migrations_apply().
 *
 * A missing file is %EFIR_STORE_ERROR_NOT_FOUND unless @flags has
 * %EFIR_DATABASE_CREATE. %EFIR_DATABASE_READ_ONLY connections do no check
 * and no write: they are the cheap read connections of worker threads.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
EfirDatabase *
efir_database_open (const char         *path,
                    EfirDatabaseFlags   flags,
                    GError            **error)
{
  g_autoptr(EfirDatabase) self = NULL;
  gboolean read_only = (flags & EFIR_DATABASE_READ_ONLY) != 0;
  gboolean create = (flags & EFIR_DATABASE_CREATE) != 0;
  g_autofree char *uri = NULL;
  gboolean missing;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!(read_only && create), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (read_only)
    {
      missing = !g_file_test (path, G_FILE_TEST_EXISTS);
    }
  else
    {
      EfirStoreHealth health = (flags & EFIR_DATABASE_SHALLOW_CHECK) != 0
                                 ? efir_store_check_file_shallow (path, error)
                                 : efir_store_check_file (path, error);

      if (health != EFIR_STORE_HEALTH_OK && health != EFIR_STORE_HEALTH_MISSING
          && health != EFIR_STORE_HEALTH_EMPTY)
        return NULL;
      missing = health == EFIR_STORE_HEALTH_MISSING;
    }

  if (missing && !create)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist."), name);
      return NULL;
    }

  if (missing && !ensure_parent_folder (path, error))
    return NULL;

  /* Drafts are private: SQLite would create the file as the umask says,
   * and its -wal and -shm after it with the same mode. */
  if (missing)
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0 && errno != EEXIST)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (path);
          g_autofree char *message = g_strdup_printf (_("Could not create the database “%s”"), name);

          efir_store_error_set_from_errno (error, saved_errno, message);
          return NULL;
        }
      if (fd >= 0)
        close (fd);
    }

  self = g_object_new (EFIR_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  /* NOMUTEX: a connection is used by one thread at a time, so SQLite's
   * per-connection mutex would only cost.
   */
  open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

  if (read_only && (flags & EFIR_DATABASE_NO_SIDE_FILES) != 0)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      if (!g_file_test (wal, G_FILE_TEST_EXISTS))
        {
          g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

          uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
          open_flags |= SQLITE_OPEN_URI;
        }
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->handle, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);

  /* Set first, so that switching to WAL waits for another writer rather
   * than failing at once.
   */
  sqlite3_busy_timeout (self->handle, EFIR_DATABASE_BUSY_TIMEOUT_MS);

  /* Reading the schema is the first time SQLite looks at the file. */
  rc = sqlite3_exec (self->handle, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (self, rc, error);
      return NULL;
    }

  /* SQLite silently opens a file it may not write read-only. */
  if (!read_only && sqlite3_db_readonly (self->handle, "main") == 1)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written: the file or its folder is "
                     "read-only."),
                   name);
      return NULL;
    }

  if (!efir_search_tokenizer_register (self->handle, error))
    return NULL;

  if (!apply_pragmas (self, error))
    return NULL;

  g_debug ("Opened %s%s", path, read_only ? " read-only" : "");

  return g_steal_pointer (&self);
}

const char *
efir_database_get_path (EfirDatabase *self)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), NULL);

  return self->path;
}

gboolean
efir_database_is_read_only (EfirDatabase *self)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);

  return self->read_only;
}

/**
 * efir_database_get_handle:
 * @self: an #EfirDatabase
 *
 * Returns: (transfer none): the sqlite3 connection, for sqlite3_* calls
 *   this wrapper does not cover; it stays owned by @self
 */
sqlite3 *
efir_database_get_handle (EfirDatabase *self)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), NULL);

  return self->handle;
}

/**
 * efir_database_prepare:
 * @self: an #EfirDatabase
 * @sql: one SQL statement, a string fixed in the code
 * @error: return location for a #GError
 *
 * Returns the cached statement for @sql, prepared on first use, reset and
 * with its bindings cleared.
 *
 * Returns: (transfer none): the statement, owned by @self, or %NULL
 */
sqlite3_stmt *
efir_database_prepare (EfirDatabase  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  const char *tail = NULL;
  int rc;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if ((stmt = g_hash_table_lookup (self->statements, sql)))
    {
      efir_statement_release (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  /* Anything after the first statement would be silently ignored. */
  while (tail != NULL && g_ascii_isspace (*tail))
    tail++;
  if (stmt == NULL || (tail != NULL && *tail != '\0'))
    {
      g_critical ("efir_database_prepare() needs exactly one statement: %s", sql);
      sqlite3_finalize (stmt);
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                   "Not exactly one SQL statement: %s", sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * efir_database_step:
 * @self: an #EfirDatabase
 * @stmt: a statement of @self
 * @error: return location for a #GError
 *
 * Steps @stmt once. When there are no more rows, or on failure, @stmt is
 * reset, so the next call runs it again from the start.
 *
 * Returns: %TRUE when a row is ready; %FALSE when there are no more rows
 *   (@error untouched) or on failure (@error set)
 */
gboolean
efir_database_step (EfirDatabase  *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    set_error (self, rc, error);
  sqlite3_reset (stmt);

  return FALSE;
}

static void
interrupt_cb (GCancellable *cancellable,
              gpointer      handle)
{
  sqlite3_interrupt (handle);
}

/**
 * efir_database_step_cancellable:
 * @self: an #EfirDatabase
 * @stmt: a statement of @self
 * @cancellable: (nullable): interrupts @stmt when cancelled, from any thread
 * @error: return location for a #GError
 *
 * efir_database_step() for a statement that may run long, such as PRAGMA
 * quick_check on a large file: cancelling @cancellable interrupts it
 * (sqlite3_interrupt()) wherever it is, and the step fails with
 * %G_IO_ERROR_CANCELLED.
 *
 * Returns: %TRUE when @stmt has a row
 */
gboolean
efir_database_step_cancellable (EfirDatabase  *self,
                                sqlite3_stmt  *stmt,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(EfirStatement) guard = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean row = FALSE;
  gulong handler_id;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  if (cancellable == NULL)
    return efir_database_step (self, stmt, error);

  /* SQLite forgets an interrupt that comes while none of the connection's
   * statements runs, as just before @stmt starts: a statement kept running
   * beside it meanwhile makes a cancellation at any moment stop @stmt. */
  if (!(guard = efir_database_prepare (self, "VALUES (0), (0)", error)))
    return FALSE;
  if (sqlite3_step (guard) != SQLITE_ROW)
    return set_error (self, sqlite3_errcode (self->handle), error);

  handler_id = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), self->handle, NULL);
  if (!g_cancellable_is_cancelled (cancellable))
    row = efir_database_step (self, stmt, &local_error);
  g_cancellable_disconnect (cancellable, handler_id);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return row;
}

/**
 * efir_database_run:
 * @self: an #EfirDatabase
 * @stmt: a statement of @self
 * @error: return location for a #GError
 *
 * Runs @stmt to its end, skipping any rows, and resets it: for INSERT,
 * UPDATE and DELETE.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_database_run (EfirDatabase  *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    set_error (self, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/**
 * efir_database_exec:
 * @self: an #EfirDatabase
 * @sql: SQL fixed in the code, possibly several statements; never text
 *   built from user input
 * @error: return location for a #GError
 *
 * Runs @sql without caching it: for schema changes and pragmas.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_database_exec (EfirDatabase  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, error);

  return TRUE;
}

/**
 * efir_database_begin_immediate:
 * @self: an #EfirDatabase
 * @error: return location for a #GError
 *
 * Starts a write transaction, taking the write lock now (waiting up to the
 * busy timeout) so that it cannot fail half-way for want of the lock.
 *
 * Transactions nest: inside another one this sets a savepoint, and the
 * matching efir_database_commit() or efir_database_rollback() keeps or
 * undoes only what was done since. Every begin is ended by exactly one
 * commit or rollback.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_database_begin_immediate (EfirDatabase  *self,
                               GError       **error)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);

  if (self->transaction_depth == 0 && self->write_gate != NULL
      && !self->write_gate (self->write_gate_data, error))
    return FALSE;

  return begin (self, "BEGIN IMMEDIATE", error);
}

/**
 * efir_database_set_write_gate:
 * @self: an #EfirDatabase
 * @gate: (nullable): what every outermost write transaction asks first
 * @data: passed to @gate
 *
 * Lets the owner of the connection hold writes back, as the store does
 * until the check of every page of the file has said it is sound.
 */
void
efir_database_set_write_gate (EfirDatabase          *self,
                              EfirDatabaseWriteGate  gate,
                              gpointer               data)
{
  g_return_if_fail (EFIR_IS_DATABASE (self));

  self->write_gate = gate;
  self->write_gate_data = data;
}

/**
 * efir_database_begin_read:
 * @self: an #EfirDatabase
 * @error: return location for a #GError
 *
 * Starts a transaction in which several SELECTs see the same snapshot, as
 * a read connection needs to load an episode from several tables. Do not
 * write inside it: a deferred transaction cannot always upgrade to a write
 * one; use efir_database_begin_immediate() for anything that may write.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_database_begin_read (EfirDatabase  *self,
                          GError       **error)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);

  return begin (self, "BEGIN DEFERRED", error);
}

/**
 * efir_database_commit:
 * @self: an #EfirDatabase
 * @error: return location for a #GError
 *
 * Ends the innermost transaction, keeping its changes. When the commit
 * fails, or SQLite had already cancelled the transaction after an error,
 * the level is rolled back and ended all the same, so the caller never has
 * to clean up after a failed commit.
 *
 * Returns: %TRUE when the changes were kept
 */
gboolean
efir_database_commit (EfirDatabase  *self,
                      GError       **error)
{
  g_autofree char *release = NULL;
  guint level;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  level = --self->transaction_depth;

  if (sqlite3_get_autocommit (self->handle))
    {
      set_transaction_lost_error (error);
      return FALSE;
    }

  if (level == 0)
    {
      if (efir_database_exec (self, "COMMIT", error))
        return TRUE;
      if (!sqlite3_get_autocommit (self->handle))
        sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  release = g_strdup_printf ("RELEASE efir_%u", level);
  if (efir_database_exec (self, release, error))
    return TRUE;

  {
    g_autofree char *undo = g_strdup_printf ("ROLLBACK TO efir_%u; RELEASE efir_%u", level, level);

    sqlite3_exec (self->handle, undo, NULL, NULL, NULL);
  }
  return FALSE;
}

/**
 * efir_database_end:
 * @self: an #EfirDatabase
 * @failure: (transfer full) (nullable): the error that stopped the work
 *   inside the transaction, or %NULL when it all went well
 * @error: return location for a #GError, or %NULL
 *
 * Ends the innermost transaction: commits it, or, when there is a
 * @failure, rolls it back and passes @failure on in @error.
 *
 * Returns: %TRUE when the transaction was committed
 */
gboolean
efir_database_end (EfirDatabase  *self,
                   GError        *failure,
                   GError       **error)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);

  if (failure != NULL)
    {
      efir_database_rollback (self, NULL);
      g_propagate_error (error, failure);
      return FALSE;
    }

  return efir_database_commit (self, error);
}

/**
 * efir_database_rollback:
 * @self: an #EfirDatabase
 * @error: return location for a #GError, or %NULL
 *
 * Ends the innermost transaction, undoing its changes. Safe to call after
 * an error of any kind, including one after which SQLite already rolled
 * the transaction back.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_database_rollback (EfirDatabase  *self,
                        GError       **error)
{
  g_autofree char *undo = NULL;
  guint level;

  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  level = --self->transaction_depth;

  if (sqlite3_get_autocommit (self->handle))
    return TRUE;

  if (level == 0)
    return efir_database_exec (self, "ROLLBACK", error);

  undo = g_strdup_printf ("ROLLBACK TO efir_%u; RELEASE efir_%u", level, level);
  return efir_database_exec (self, undo, error);
}

gboolean
efir_database_in_transaction (EfirDatabase *self)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), FALSE);

  return self->transaction_depth > 0;
}

gint64
efir_database_last_insert_rowid (EfirDatabase *self)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), 0);

  return sqlite3_last_insert_rowid (self->handle);
}

/**
 * efir_database_changes:
 * @self: an #EfirDatabase
 *
 * Returns: the number of rows the last INSERT, UPDATE or DELETE changed
 */
gint64
efir_database_changes (EfirDatabase *self)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (self), 0);

  return sqlite3_changes64 (self->handle);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_database_finalize (GObject *object)
{
  EfirDatabase *self = EFIR_DATABASE (object);

  if (self->transaction_depth > 0)
    g_debug ("Closing %s inside a transaction: it is rolled back", self->path);

  /* Statements first: a connection closes only once they are finalized. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->handle, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (efir_database_parent_class)->finalize (object);
}

static void
efir_database_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EfirDatabase *self = EFIR_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_database_class_init (EfirDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_database_finalize;
  object_class->get_property = efir_database_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_database_init (EfirDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
}
