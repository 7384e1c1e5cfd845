/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "efir-store-error.h"

G_BEGIN_DECLS

/* SQLite's result codes as the store's errors (efir-store-error.c): what a
 * caller should act on, and a GError carrying SQLite's own words. */
EfirStoreError efir_store_error_code_from_sqlite (int          result_code);
void           efir_store_error_set_from_sqlite  (GError     **error,
                                                  sqlite3     *handle,
                                                  int          result_code);

/*
 * EfirDatabase is one SQLite connection: the writer of the main thread, or a
 * read connection a worker thread opens for itself. A connection belongs to
 * one thread at a time.
 *
 * Statements come from efir_database_prepare(), which caches them by their
 * SQL text, so SQL passed to it is always a string fixed in the code; values
 * — above all anything a producer typed — are bound with sqlite3_bind_*()
 * (parameters count from 1, result columns from 0). A cached statement is
 * borrowed: never finalize it. Declare it with g_autoptr(EfirStatement) so
 * it is reset, its bindings cleared and its read snapshot released when the
 * variable goes out of scope:
 *
 *   g_autoptr(EfirStatement) stmt = NULL;
 *
 *   if (!(stmt = efir_database_prepare (db, "SELECT title FROM episodes WHERE id = ?1", error)))
 *     return NULL;
 *   sqlite3_bind_int64 (stmt, 1, episode_id);
 *   if (!efir_database_step (db, stmt, &local_error))
 *     ... local_error is set on failure, unset when there is no such row ...
 *   title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
 *
 * The same SQL prepared again hands back the same statement, reset: finish
 * with one before running code that may prepare its SQL again. Declare the
 * g_autoptr(EfirStatement) after the database it comes from, so it is
 * released before the database can be.
 */

typedef enum
{
  EFIR_DATABASE_FLAGS_NONE = 0,
  EFIR_DATABASE_READ_ONLY  = 1 << 0, /* SQLITE_OPEN_READONLY; no pragma writes, no checks */
  EFIR_DATABASE_CREATE     = 1 << 1, /* create the file (and its folder) when it is missing */
  EFIR_DATABASE_SHALLOW_CHECK = 1 << 2, /* check all but every page; see efir_store_check_file_shallow() */
  /* With READ_ONLY: create no -wal and -shm beside the file, which its
   * folder may not allow. The file is read as it is (SQLite's "immutable"),
   * unless a -wal left beside it holds commits to read. */
  EFIR_DATABASE_NO_SIDE_FILES = 1 << 3,
} EfirDatabaseFlags;

/* Called before the outermost write transaction begins; FALSE refuses the
 * write with @error set. */
typedef gboolean (*EfirDatabaseWriteGate) (gpointer   data,
                                           GError   **error);

/* How long a connection waits for another one's write lock. */
#define EFIR_DATABASE_BUSY_TIMEOUT_MS 5000

typedef sqlite3_stmt EfirStatement;

void efir_statement_release (EfirStatement *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirStatement, efir_statement_release)

#define EFIR_TYPE_DATABASE (efir_database_get_type ())
G_DECLARE_FINAL_TYPE (EfirDatabase, efir_database, EFIR, DATABASE, GObject)

EfirDatabase  *efir_database_open             (const char         *path,
                                               EfirDatabaseFlags   flags,
                                               GError            **error);
const char    *efir_database_get_path         (EfirDatabase       *self);
gboolean       efir_database_is_read_only     (EfirDatabase       *self);
sqlite3       *efir_database_get_handle       (EfirDatabase       *self);

sqlite3_stmt  *efir_database_prepare          (EfirDatabase       *self,
                                               const char         *sql,
                                               GError            **error);
gboolean       efir_database_step             (EfirDatabase       *self,
                                               sqlite3_stmt       *stmt,
                                               GError            **error);
/* Interrupted when @cancellable is cancelled: G_IO_ERROR_CANCELLED. */
gboolean       efir_database_step_cancellable (EfirDatabase       *self,
                                               sqlite3_stmt       *stmt,
                                               GCancellable       *cancellable,
                                               GError            **error);
gboolean       efir_database_run              (EfirDatabase       *self,
                                               sqlite3_stmt       *stmt,
                                               GError            **error);
gboolean       efir_database_exec             (EfirDatabase       *self,
                                               const char         *sql,
                                               GError            **error);

void           efir_database_set_write_gate   (EfirDatabase          *self,
                                               EfirDatabaseWriteGate  gate,
                                               gpointer               data);
gboolean       efir_database_begin_immediate  (EfirDatabase       *self,
                                               GError            **error);
gboolean       efir_database_begin_read       (EfirDatabase       *self,
                                               GError            **error);
gboolean       efir_database_commit           (EfirDatabase       *self,
                                               GError            **error);
gboolean       efir_database_rollback         (EfirDatabase       *self,
                                               GError            **error);
/* Commits, or, given the @failure that stopped the work (taken), rolls
 * back and passes it on. */
gboolean       efir_database_end              (EfirDatabase       *self,
                                               GError             *failure,
                                               GError            **error);
gboolean       efir_database_in_transaction   (EfirDatabase       *self);

gint64         efir_database_last_insert_rowid (EfirDatabase      *self);
gint64         efir_database_changes          (EfirDatabase       *self);

G_END_DECLS
