/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-error"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "efir-database.h"
#include "efir-store-error.h"

/* Public API ------------------------------------------------------------- */

G_DEFINE_QUARK (efir-store-error-quark, efir_store_error)

/**
 * efir_store_error_code_from_sqlite:
 * @result_code: an SQLite result code, primary or extended
 *
 * Returns: the #EfirStoreError a caller should act on for @result_code
 */
EfirStoreError
efir_store_error_code_from_sqlite (int result_code)
{
  /* Unique and primary key clashes are the only constraints user data can
   * run into; a CHECK, NOT NULL or foreign key failure is a bug in the
   * calling code and stays a plain SQLite error that names the constraint.
   */
  if (result_code == SQLITE_CONSTRAINT_UNIQUE || result_code == SQLITE_CONSTRAINT_PRIMARYKEY)
    return EFIR_STORE_ERROR_CONFLICT;

  switch (result_code & 0xff)
    {
    case SQLITE_BUSY:
      return EFIR_STORE_ERROR_BUSY;

    /* A file with an SQLite header that SQLite still refuses is damaged;
     * the callers that can look at the header tell a foreign file apart.
     */
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return EFIR_STORE_ERROR_CORRUPT;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      return EFIR_STORE_ERROR_READ_ONLY;

    case SQLITE_FULL:
      return EFIR_STORE_ERROR_FULL;

    default:
      return EFIR_STORE_ERROR_SQLITE;
    }
}

/**
 * efir_store_error_set_from_sqlite:
 * @error: return location for a #GError, or %NULL
 * @handle: (nullable): the connection that failed, for its message
 * @result_code: the result code SQLite returned
 *
 * Sets @error in %EFIR_STORE_ERROR. Codes a producer can meet get a plain
 * sentence; SQLite's own text and extended code go to the debug log for
 * them, and into the message of %EFIR_STORE_ERROR_SQLITE.
 */
void
efir_store_error_set_from_sqlite (GError  **error,
                                  sqlite3  *handle,
                                  int       result_code)
{
  EfirStoreError code = efir_store_error_code_from_sqlite (result_code);
  const char *detail;

  detail = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (result_code);
  g_debug ("SQLite error %d: %s", result_code, detail);

  switch (code)
    {
    case EFIR_STORE_ERROR_BUSY:
      g_set_error_literal (error, EFIR_STORE_ERROR, code,
                           _("The database is busy: another Efir window or program is "
                             "writing to it. Try again in a moment."));
      break;

    case EFIR_STORE_ERROR_CORRUPT:
      g_set_error_literal (error, EFIR_STORE_ERROR, code,
                           _("The database file is damaged. Open the latest good backup "
                             "instead."));
      break;

    case EFIR_STORE_ERROR_READ_ONLY:
      g_set_error_literal (error, EFIR_STORE_ERROR, code,
                           _("The database cannot be written: the file or its folder is "
                             "read-only."));
      break;

    case EFIR_STORE_ERROR_FULL:
      g_set_error_literal (error, EFIR_STORE_ERROR, code,
                           _("The disk is full. Free some space so that Efir can save "
                             "your work."));
      break;

    case EFIR_STORE_ERROR_CONFLICT:
      g_set_error_literal (error, EFIR_STORE_ERROR, code,
                           _("This would duplicate an entry that already exists."));
      break;

    case EFIR_STORE_ERROR_SQLITE:
    case EFIR_STORE_ERROR_NOT_A_DATABASE:
    case EFIR_STORE_ERROR_TOO_NEW:
    case EFIR_STORE_ERROR_NOT_FOUND:
    default:
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                   _("Database error: %s (SQLite code %d)"), detail, result_code);
      break;
    }
}

gboolean
efir_store_error_set_from_errno (GError     **error,
                                 int          saved_errno,
                                 const char  *message)
{
  g_set_error (error, EFIR_STORE_ERROR,
               saved_errno == ENOSPC                          ? EFIR_STORE_ERROR_FULL
               : saved_errno == EROFS || saved_errno == EACCES ? EFIR_STORE_ERROR_READ_ONLY
               : saved_errno == ENOENT                         ? EFIR_STORE_ERROR_NOT_FOUND
                                                               : EFIR_STORE_ERROR_SQLITE,
               "%s: %s", message, g_strerror (saved_errno));
  return FALSE;
}
