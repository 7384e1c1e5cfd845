/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-trash"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-store-private.h"

/* Types ------------------------------------------------------------------ */

/*
 * Efir's own trash (schema version 6). Deleting an episode stamps
 * episodes.deleted_at and leaves every row of it in place, so restoring is
 * clearing the stamp; in between, no list, count, suggestion or search
 * sees it. Its search row is deleted with the stamp and written again on
 * restore, so a search never finds an episode that is not there, even in
 * another process that has not re-read anything.
 *
 * An episode's queued publication jobs are cancelled when it goes to the
 * trash: its post stays on the site as it is, and nothing is sent for an
 * episode the producer deleted. A job already running finishes.
 *
 * Episodes stay in the trash EFIR_STORE_TRASH_DAYS days and are deleted
 * for good by the next write that changes episodes (a save, a deletion, a
 * restore), in that write's transaction: nothing runs on a timer, and an
 * archive nobody writes to keeps its trash until someone does.
 *
 * Programmes and people of the guest directory have no trash: one can be
 * deleted only while nothing refers to it, so deleting it loses no work.
 */

void
efir_trash_entry_free (EfirTrashEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->title);
  g_free (entry->program_name);
  g_clear_pointer (&entry->deleted, g_date_time_unref);
  g_free (entry);
}

/* Helpers ---------------------------------------------------------------- */

/* Stamps an episode outside the trash with @deleted_at, or clears the
 * stamp of one in the trash when @deleted_at is 0; either way, an episode
 * that is not where the change expects it is not found. */
static gboolean
set_deleted_at_locked (EfirStore  *self,
                       gint64      episode_id,
                       gint64      deleted_at,
                       GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "UPDATE episodes SET deleted_at = nullif (?2, 0)"
                                      " WHERE id = ?1 AND (deleted_at IS NULL) = (?2 <> 0)",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int64 (stmt, 2, deleted_at);
  if (!efir_database_run (db, stmt, error))
    return FALSE;

  if (efir_database_changes (db) == 0)
    {
      efir_store_set_episode_not_found (error, episode_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
cancel_jobs_locked (EfirStore  *self,
                    gint64      episode_id,
                    gint64      now,
                    GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "UPDATE outbox SET state = 'cancelled', modified_at = ?2"
                                      " WHERE episode_id = ?1"
                                      "   AND state IN ('queued', 'retrying', 'failed', 'conflict')",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return efir_database_run (db, stmt, error);
}

/* Moves one episode into the trash or out of it, in a transaction of its
 * own that first empties the trash of what has been there too long. */
static gboolean
run_trash_write (EfirStore  *self,
                 gint64      episode_id,
                 gboolean    to_trash,
                 GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  gint64 now = g_get_real_time ();
  g_autoptr(GError) local_error = NULL;

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (efir_store_empty_trash_locked (self, efir_store_trash_limit (now), NULL, &local_error)
      && set_deleted_at_locked (self, episode_id, to_trash ? now : 0, &local_error)
      && (!to_trash || cancel_jobs_locked (self, episode_id, now, &local_error)))
    efir_store_index_episode_locked (self, episode_id, &local_error);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

/* The first column of the first row of @sql, with @id bound to ?1. */
static gboolean
read_count (EfirDatabase  *db,
            const char    *sql,
            gint64         id,
            gint64        *count,
            GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stmt = efir_database_prepare (db, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!efir_database_step (db, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                     "No result from %s", sql);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
program_refusal (const char *name,
                 gint64      count)
{
  /* Translators: %s is a programme, %d its number of episodes. */
  return g_strdup_printf (ngettext ("“%s” has %d episode. Move it to another programme or "
                                    "delete it first.",
                                    "“%s” has %d episodes. Move them to another programme or "
                                    "delete them first.",
                                    count),
                          name, (int) count);
}

static char *
person_refusal (const char *name,
                gint64      count)
{
  /* Translators: %s is a person, %d a number of episodes. */
  return g_strdup_printf (ngettext ("“%s” is a guest of %d episode. To remove a duplicate, "
                                    "merge it with the other entry instead.",
                                    "“%s” is a guest of %d episodes. To remove a duplicate, "
                                    "merge it with the other entry instead.",
                                    count),
                          name, (int) count);
}

/* What deleting a programme or a person checks and does: @name_sql reads
 * the row's name (no name, no such row); @count_sql counts what still uses
 * it, and @refusal says why that stops the deletion; @delete_sql deletes
 * it, its statements in turn. Each statement takes the row's id as ?1. */
typedef struct
{
  const char  *name_sql;
  const char  *count_sql;
  const char  *delete_sql[3];
  char       *(*refusal) (const char *name,
                          gint64      count);
} Deletion;

/* The schema refuses a programme with episodes (no ON DELETE on
 * program_id): those in the trash go first. */
static const Deletion program_deletion = {
  "SELECT name FROM programs WHERE id = ?1",
  "SELECT count(*) FROM episodes WHERE program_id = ?1 AND deleted_at IS NULL",
  { "DELETE FROM episodes WHERE program_id = ?1 AND deleted_at IS NOT NULL",
    "DELETE FROM programs WHERE id = ?1",
    NULL },
  program_refusal,
};

static const Deletion person_deletion = {
  "SELECT name FROM people WHERE id = ?1",
  "SELECT count(DISTINCT g.episode_id) FROM episode_guests AS g"
  "  JOIN episodes AS e ON e.id = g.episode_id"
  " WHERE g.person_id = ?1 AND e.deleted_at IS NULL",
  { "DELETE FROM people WHERE id = ?1", NULL },
  person_refusal,
};

static gboolean
check_unused (EfirStore       *self,
              const Deletion  *deletion,
              gint64           id,
              GError         **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  gint64 count = 0;

  if (!(stmt = efir_database_prepare (db, deletion->name_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!efir_database_step (db, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                             _("It is no longer in the archive: it may have been deleted."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!read_count (db, deletion->count_sql, id, &count, error))
    return FALSE;
  if (count == 0)
    return TRUE;

  message = deletion->refusal ((const char *) sqlite3_column_text (stmt, 0), count);
  g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
delete_unused (EfirStore       *self,
               const Deletion  *deletion,
               gint64           id,
               GError         **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(GError) local_error = NULL;

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  check_unused (self, deletion, id, &local_error);

  for (guint i = 0; local_error == NULL && deletion->delete_sql[i] != NULL; i++)
    {
      g_autoptr(EfirStatement) stmt = NULL;

      if ((stmt = efir_database_prepare (db, deletion->delete_sql[i], &local_error)))
        {
          sqlite3_bind_int64 (stmt, 1, id);
          efir_database_run (db, stmt, &local_error);
        }
    }

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

/* Public API: for the store's other files -------------------------------- */

gint64
efir_store_trash_limit (gint64 now)
{
  return now - (gint64) EFIR_STORE_TRASH_DAYS * G_TIME_SPAN_DAY;
}

gboolean
efir_store_empty_trash_locked (EfirStore  *self,
                               gint64      before,
                               guint      *n_deleted,
                               GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  /* episodes_trash makes this a look at an empty index range on almost
   * every write. The schema's cascades take the episode's rows along. */
  if (!(stmt = efir_database_prepare (db,
                                      "DELETE FROM episodes"
                                      " WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, before);
  if (!efir_database_run (db, stmt, error))
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = efir_database_changes (db);

  return TRUE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_trash_episode:
 * @self: a store
 * @episode_id: an episode not in the trash
 * @error: return location for a #GError
 *
 * Moves the episode to the trash: it leaves every list and search at once
 * and its queued publication jobs are cancelled. A post on a site stays as
 * it is. efir_store_restore_episode() brings it back as it was.
 *
 * Returns: %TRUE when moved; %EFIR_STORE_ERROR_NOT_FOUND when there is no
 *   such episode outside the trash
 */
gboolean
efir_store_trash_episode (EfirStore  *self,
                          gint64      episode_id,
                          GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return run_trash_write (self, episode_id, TRUE, error);
}

/**
 * efir_store_restore_episode:
 * @self: a store
 * @episode_id: an episode in the trash
 * @error: return location for a #GError
 *
 * Takes the episode out of the trash, back into its programme's list and
 * into search. Cancelled publication jobs stay cancelled.
 *
 * Returns: %TRUE when restored; %EFIR_STORE_ERROR_NOT_FOUND when the trash
 *   holds no such episode
 */
gboolean
efir_store_restore_episode (EfirStore  *self,
                            gint64      episode_id,
                            GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return run_trash_write (self, episode_id, FALSE, error);
}

/**
 * efir_store_list_trash:
 * @self: a store
 * @program_id: the programme whose deleted episodes to list, or 0 for all
 * @error: return location for a #GError
 *
 * The episodes in the trash, the most recently deleted first. One deleted
 * longer ago than %EFIR_STORE_TRASH_DAYS days is listed until the next write
 * deletes it for good.
 *
 * Returns: (transfer container) (element-type EfirTrashEntry): the
 *   entries, or %NULL on error
 */
GPtrArray *
efir_store_list_trash (EfirStore  *self,
                       gint64      program_id,
                       GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT e.id, e.title, p.name, coalesce (e.number, 0),"
                                      "       e.deleted_at,"
                                      "       EXISTS (SELECT 1 FROM publications"
                                      "                WHERE episode_id = e.id AND remote_id IS NOT NULL)"
                                      "  FROM episodes AS e"
                                      "  JOIN programs AS p ON p.id = e.program_id"
                                      " WHERE e.deleted_at IS NOT NULL AND (?1 = 0 OR e.program_id = ?1)"
                                      " ORDER BY e.deleted_at DESC, e.id DESC",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, program_id);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_trash_entry_free);
  while (efir_database_step (db, stmt, &local_error))
    {
      EfirTrashEntry *entry = g_new0 (EfirTrashEntry, 1);

      entry->episode_id = sqlite3_column_int64 (stmt, 0);
      entry->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->program_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->number = sqlite3_column_int (stmt, 3);
      entry->deleted = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 4)
                                                      / G_TIME_SPAN_SECOND);
      entry->published = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (entries, entry);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * efir_store_empty_trash:
 * @self: a store
 * @older_than: episodes deleted before this moment (Unix time in
 *   microseconds) are deleted for good; %G_MAXINT64 for all of them
 * @n_deleted: (out) (optional): how many were
 * @error: return location for a #GError
 *
 * Deletes episodes in the trash for good, with every row of theirs. The
 * trash is also emptied of episodes older than %EFIR_STORE_TRASH_DAYS
 * days by every write that changes episodes.
 *
 * Returns: %TRUE when done
 */
gboolean
efir_store_empty_trash (EfirStore  *self,
                        gint64      older_than,
                        guint      *n_deleted,
                        GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  efir_store_empty_trash_locked (self, older_than, n_deleted, &local_error);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

/**
 * efir_store_episode_has_post:
 * @self: a store
 * @episode_id: an episode
 *
 * Whether a site holds a post of the episode, which deleting the episode
 * in Efir leaves where it is.
 *
 * Returns: %TRUE when some site has a post of it
 */
gboolean
efir_store_episode_has_post (EfirStore *self,
                             gint64     episode_id)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT 1 FROM publications"
                                      " WHERE episode_id = ?1 AND remote_id IS NOT NULL",
                                      NULL)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  return efir_database_step (db, stmt, NULL);
}

/**
 * efir_store_can_delete_program:
 * @self: a store
 * @program_id: a programme
 * @error: return location for a #GError
 *
 * Whether efir_store_delete_program() would delete the programme now,
 * writing nothing: for the window to say why not before asking.
 *
 * Returns: %TRUE when it has no episodes; otherwise
 *   %EFIR_STORE_ERROR_INVALID says to move or delete them first
 */
gboolean
efir_store_can_delete_program (EfirStore  *self,
                               gint64      program_id,
                               GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return check_unused (self, &program_deletion, program_id, error);
}

/**
 * efir_store_delete_program:
 * @self: a store
 * @program_id: a programme
 * @error: return location for a #GError
 *
 * Deletes a programme that has no episodes: %EFIR_STORE_ERROR_INVALID,
 * with a sentence saying to move or delete them first, when it has. Its
 * episodes in the trash are deleted for good along with it.
 *
 * Returns: %TRUE when deleted
 */
gboolean
efir_store_delete_program (EfirStore  *self,
                           gint64      program_id,
                           GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return delete_unused (self, &program_deletion, program_id, error);
}

/**
 * efir_store_can_delete_person:
 * @self: a store
 * @person_id: an entry of the guest directory
 * @error: return location for a #GError
 *
 * Whether efir_store_delete_person() would delete the entry now, writing
 * nothing.
 *
 * Returns: %TRUE when no episode has them as a guest; otherwise
 *   %EFIR_STORE_ERROR_INVALID offers to merge instead
 */
gboolean
efir_store_can_delete_person (EfirStore  *self,
                              gint64      person_id,
                              GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return check_unused (self, &person_deletion, person_id, error);
}

/**
 * efir_store_delete_person:
 * @self: a store
 * @person_id: an entry of the guest directory
 * @error: return location for a #GError
 *
 * Deletes an entry no episode has as a guest: %EFIR_STORE_ERROR_INVALID,
 * with a sentence offering to merge it, when one has (efir_store_merge_people()
 * is the way to remove a duplicate). Guests of episodes in the trash keep
 * their name and role, unlinked.
 *
 * Returns: %TRUE when deleted
 */
gboolean
efir_store_delete_person (EfirStore  *self,
                          gint64      person_id,
                          GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return delete_unused (self, &person_deletion, person_id, error);
}
