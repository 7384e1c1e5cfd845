/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-store-private.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
run_with_ids (EfirDatabase  *db,
              const char    *sql,
              gint64         first,
              gint64         second,
              GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);

  return efir_database_run (db, stmt, error);
}

static char *
lookup_name_locked (EfirDatabase  *db,
                    gint64         person_id,
                    GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stmt = efir_database_prepare (db, "SELECT name FROM people WHERE id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!efir_database_step (db, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                             _("One of the two entries is no longer in the guest directory."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static GArray *
list_episodes_locked (EfirDatabase  *db,
                      gint64         keep_id,
                      gint64         remove_id,
                      GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT DISTINCT episode_id FROM episode_guests"
                                      " WHERE person_id IN (?1, ?2) ORDER BY episode_id",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, keep_id);
  sqlite3_bind_int64 (stmt, 2, remove_id);
  while (efir_database_step (db, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Closes the gaps a removed row left. Positions are the primary key with
 * the episode, so each row moves down in order, onto a place the row
 * before it has just left free.
 */
static gboolean
renumber_guests_locked (EfirDatabase  *db,
                        gint64         episode_id,
                        GError       **error)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if (!(stmt = efir_database_prepare (db,
                                        "SELECT position FROM episode_guests"
                                        " WHERE episode_id = ?1 ORDER BY position",
                                        error)))
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, episode_id);
    while (efir_database_step (db, stmt, &local_error))
      {
        gint64 position = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (positions, position);
      }
  }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < positions->len; i++)
    {
      g_autoptr(EfirStatement) stmt = NULL;
      gint64 position = g_array_index (positions, gint64, i);

      if (position == i)
        continue;

      if (!(stmt = efir_database_prepare (db,
                                          "UPDATE episode_guests SET position = ?3"
                                          " WHERE episode_id = ?1 AND position = ?2",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, episode_id);
      sqlite3_bind_int64 (stmt, 2, position);
      sqlite3_bind_int64 (stmt, 3, i);
      if (!efir_database_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
touch_episode_locked (EfirStore  *self,
                      gint64      episode_id,
                      GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);

  /* The guests' names are searched: the schema's triggers mark the
   * episode stale for the index when they change. */
  return run_with_ids (db,
                       "UPDATE episodes SET modified_at = ?2, save_count = save_count + 1"
                       " WHERE id = ?1",
                       episode_id, g_get_real_time (), error);
}

static gboolean
merge_people_locked (EfirStore   *self,
                     gint64       keep_id,
                     gint64       remove_id,
                     GError     **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autofree char *kept_name = NULL;
  g_autofree char *removed_name = NULL;
  g_autoptr(GArray) episodes = NULL;

  if (!(kept_name = lookup_name_locked (db, keep_id, error))
      || !(removed_name = lookup_name_locked (db, remove_id, error))
      || !(episodes = list_episodes_locked (db, keep_id, remove_id, error)))
    return FALSE;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if (!(stmt = efir_database_prepare (db,
                                        "UPDATE episode_guests SET person_id = ?1, name = ?3"
                                        " WHERE person_id IN (?1, ?2)",
                                        error)))
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, keep_id);
    sqlite3_bind_int64 (stmt, 2, remove_id);
    sqlite3_bind_text (stmt, 3, kept_name, -1, SQLITE_STATIC);
    if (!efir_database_run (db, stmt, error))
      return FALSE;
  }

  /* Where both were guests, the first row stays, where the producer put
   * the person; it takes the other row's role if it had none.
   */
  if (!run_with_ids (db,
                     "UPDATE episode_guests SET role = ("
                     "    SELECT later.role FROM episode_guests AS later"
                     "     WHERE later.episode_id = episode_guests.episode_id"
                     "       AND later.person_id = ?1 AND later.role != ''"
                     "     ORDER BY later.position LIMIT 1)"
                     " WHERE person_id = ?1 AND role = ''"
                     "   AND EXISTS (SELECT 1 FROM episode_guests AS later"
                     "                WHERE later.episode_id = episode_guests.episode_id"
                     "                  AND later.person_id = ?1 AND later.role != '')",
                     keep_id, remove_id, error)
      || !run_with_ids (db,
                        "DELETE FROM episode_guests"
                        " WHERE person_id = ?1"
                        "   AND EXISTS (SELECT 1 FROM episode_guests AS earlier"
                        "                WHERE earlier.episode_id = episode_guests.episode_id"
                        "                  AND earlier.person_id = ?1"
                        "                  AND earlier.position < episode_guests.position)",
                        keep_id, remove_id, error))
    return FALSE;

  for (guint i = 0; i < episodes->len; i++)
    {
      gint64 episode_id = g_array_index (episodes, gint64, i);

      if (!renumber_guests_locked (db, episode_id, error)
          || !touch_episode_locked (self, episode_id, error))
        return FALSE;
    }

  /* What was written about the entry that goes is kept where the entry
   * that stays has nothing.
   */
  if (!run_with_ids (db,
                     "UPDATE people SET"
                     "  default_role = CASE WHEN default_role = ''"
                     "    THEN (SELECT default_role FROM people WHERE id = ?2)"
                     "    ELSE default_role END,"
                     "  bio = CASE WHEN bio = ''"
                     "    THEN (SELECT bio FROM people WHERE id = ?2)"
                     "    ELSE bio END,"
                     "  photo_path = coalesce (nullif (photo_path, ''),"
                     "    (SELECT photo_path FROM people WHERE id = ?2))"
                     " WHERE id = ?1",
                     keep_id, remove_id, error)
      || !run_with_ids (db, "UPDATE people SET modified_at = ?2 WHERE id = ?1",
                        keep_id, g_get_real_time (), error))
    return FALSE;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if (!(stmt = efir_database_prepare (db, "DELETE FROM people WHERE id = ?1", error)))
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, remove_id);
    if (!efir_database_run (db, stmt, error))
      return FALSE;
  }

  g_debug ("Merged “%s” (%" G_GINT64_FORMAT ") into “%s” (%" G_GINT64_FORMAT "), %u episodes",
           removed_name, remove_id, kept_name, keep_id, episodes->len);

  return TRUE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_merge_people:
 * @self: a store
 * @keep_id: the directory entry that stays
 * @remove_id: the entry of the same person that goes
 * @error: return location for a #GError
 *
 * Makes two entries of the guest directory that are one person ("Nasimi
 * Mammadli" and "Nəsimi Məmmədli") into one, in one transaction: every
 * episode's guest rows of either entry point to @keep_id and take its
 * name (each keeps its role); an episode that had both keeps the first of
 * the two rows, and its guests are numbered again without a gap. The role,
 * biography and photo of @remove_id fill those of @keep_id that are empty,
 * then @remove_id is deleted. The episodes changed are re-indexed for
 * search before the next search.
 *
 * Returns: %TRUE when merged; %EFIR_STORE_ERROR_NOT_FOUND when either
 *   entry is no longer there
 */
gboolean
efir_store_merge_people (EfirStore  *self,
                         gint64      keep_id,
                         gint64      remove_id,
                         GError    **error)
{
  EfirDatabase *db;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (keep_id > 0 && remove_id > 0, FALSE);
  g_return_val_if_fail (keep_id != remove_id, FALSE);

  db = efir_store_get_database (self);

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!merge_people_locked (self, keep_id, remove_id, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  return efir_database_commit (db, error);
}
