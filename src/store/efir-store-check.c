/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-check"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "efir-database.h"
#include "efir-migrations.h"
#include "efir-store-check.h"

/* Helpers ---------------------------------------------------------------- */

static EfirStoreHealth
health_from_error (const GError *error)
{
  if (error->domain != EFIR_STORE_ERROR)
    return EFIR_STORE_HEALTH_UNREADABLE;

  switch (error->code)
    {
    case EFIR_STORE_ERROR_NOT_A_DATABASE:
      return EFIR_STORE_HEALTH_NOT_A_DATABASE;

    case EFIR_STORE_ERROR_CORRUPT:
      return EFIR_STORE_HEALTH_CORRUPT;

    case EFIR_STORE_ERROR_TOO_NEW:
      return EFIR_STORE_HEALTH_TOO_NEW;

    default:
      return EFIR_STORE_HEALTH_UNREADABLE;
    }
}

/* PRAGMA quick_check reads every page and checks the structure of every
 * b-tree, which is where a power cut or a bad sector shows, in time linear
 * in the size of the file (about 0.2 s for 200 MB in the page cache).
 * integrity_check would also compare each index with its table, at several
 * times the cost on every start.
 */
#define CHECK_CACHE_KB 256

static gboolean
quick_check (EfirDatabase  *db,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *verdict;

  /* Each page is read once, in order down each b-tree: SQLite's usual 2 MB
   * of cache would only hold pages the check has done with, in the window
   * the producer is working in, for as long as the check runs. */
  if (!efir_database_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (CHECK_CACHE_KB), error)
      || !(stmt = efir_database_prepare (db, "PRAGMA quick_check(1)", error)))
    return FALSE;

  if (efir_database_step_cancellable (db, stmt, cancellable, &local_error))
    {
      verdict = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (verdict, "ok") == 0)
        return TRUE;
      g_debug ("%s: quick_check: %s", efir_database_get_path (db), verdict);
    }
  else if (local_error != NULL
           && !g_error_matches (local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  name = g_filename_display_name (efir_database_get_path (db));
  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
               _("The database “%s” is damaged. Efir has left it as it is; open "
                 "the latest good backup instead."),
               name);
  return FALSE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_check_file:
 * @path: the database file
 * @error: return location for a #GError
 *
 * Looks at @path through a read-only connection: no journal mode change, no
 * migration, nothing written to the file in any case. For every health but
 * %EFIR_STORE_HEALTH_OK, _MISSING and _EMPTY, @error says what is wrong in
 * the matching %EFIR_STORE_ERROR code (_NOT_A_DATABASE, _CORRUPT, _TOO_NEW,
 * or another code for an unreadable file).
 *
 * A read-write efir_database_open() runs this check itself.
 *
 * Returns: the health of the file
 */
static EfirStoreHealth
check_file (const char    *path,
            gboolean       thorough,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;
  guint version;

  g_return_val_if_fail (path != NULL, EFIR_STORE_HEALTH_UNREADABLE);
  g_return_val_if_fail (error == NULL || *error == NULL, EFIR_STORE_HEALTH_UNREADABLE);

  name = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return EFIR_STORE_HEALTH_MISSING;

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                   _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
      return EFIR_STORE_HEALTH_UNREADABLE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not an Efir database."), name);
      return EFIR_STORE_HEALTH_NOT_A_DATABASE;
    }

  if (st.st_size == 0)
    return EFIR_STORE_HEALTH_EMPTY;

  if (!(db = efir_database_open (path, EFIR_DATABASE_READ_ONLY, &local_error))
      || (thorough && !quick_check (db, cancellable, &local_error))
      || !efir_migrations_check (db, &version, &local_error))
    {
      EfirStoreHealth health = health_from_error (local_error);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return health;
    }

  g_debug ("%s is healthy%s, schema version %u", path, thorough ? "" : " as far as seen", version);

  return EFIR_STORE_HEALTH_OK;
}

EfirStoreHealth
efir_store_check_file (const char  *path,
                       GError     **error)
{
  return check_file (path, TRUE, NULL, error);
}

/**
 * efir_store_check_file_cancellable:
 * @path: the database file
 * @cancellable: (nullable): stops the check, from any thread
 * @error: return location for a #GError
 *
 * efir_store_check_file(), which a cancellation stops wherever it is: the
 * health is then %EFIR_STORE_HEALTH_UNREADABLE with %G_IO_ERROR_CANCELLED.
 *
 * Returns: the health of the file
 */
EfirStoreHealth
efir_store_check_file_cancellable (const char    *path,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  return check_file (path, TRUE, cancellable, error);
}

/**
 * efir_store_check_file_shallow:
 * @path: the database file
 * @error: return location for a #GError
 *
 * Like efir_store_check_file(), without PRAGMA quick_check: the header,
 * the schema, the application id and the version are looked at, which
 * finds a file that is not a database, one from a newer Efir and most
 * damage at the start of the file. A large archive is then checked page by
 * page with efir_store_check_pages() while the producer already reads.
 *
 * Returns: the health of the file as far as it was seen
 */
EfirStoreHealth
efir_store_check_file_shallow (const char  *path,
                               GError     **error)
{
  return check_file (path, FALSE, NULL, error);
}

gboolean
efir_store_check_pages (EfirDatabase  *db,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return quick_check (db, cancellable, error);
}
