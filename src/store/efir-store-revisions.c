/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-revisions"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "efir-episode-json.h"
#include "efir-store-private.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
is_reason (const char *reason)
{
  return g_strcmp0 (reason, "edit") == 0 || g_strcmp0 (reason, "publish") == 0 ||
         g_strcmp0 (reason, "restore") == 0 || g_strcmp0 (reason, "import") == 0;
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  if (seconds == NULL)
    return g_date_time_new_from_unix_local (0);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

/* Only "edit" revisions, the autosaver's, pile up; what was published,
 * imported or replaced by a restore is kept for good.
 */
static gboolean
prune_edits_locked (EfirDatabase  *db,
                    gint64         episode_id,
                    GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "DELETE FROM revisions WHERE id IN ("
                                      "  SELECT id FROM revisions"
                                      "   WHERE episode_id = ?1 AND reason = 'edit'"
                                      "   ORDER BY created_at DESC, id DESC"
                                      "   LIMIT -1 OFFSET ?2)",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int (stmt, 2, EFIR_STORE_MAX_EDIT_REVISIONS);

  return efir_database_run (db, stmt, error);
}

static void
set_revision_not_found (GError **error)
{
  g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                       _("This earlier version of the episode is no longer kept."));
}

/* Public API: for the store's other files -------------------------------- */

gint64
efir_store_add_revision_locked (EfirStore    *self,
                                gint64        episode_id,
                                EfirEpisode  *episode,
                                const char   *reason,
                                GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  char *snapshot;
  gint64 revision_id;

  if (!(stmt = efir_database_prepare (db,
                                      "INSERT INTO revisions (episode_id, created_at, reason, snapshot)"
                                      " SELECT ?1, ?2, ?3, ?4"
                                      "  WHERE EXISTS (SELECT 1 FROM episodes WHERE id = ?1)",
                                      error)))
    return 0;

  snapshot = efir_episode_to_json (episode, FALSE);

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, snapshot, -1, g_free);

  if (!efir_database_run (db, stmt, error))
    return 0;

  if (efir_database_changes (db) == 0)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("Episode %" PRId64 " is not in the archive: it may have been deleted."),
                   (int64_t) episode_id);
      return 0;
    }

  revision_id = efir_database_last_insert_rowid (db);

  if (g_str_equal (reason, "edit") && !prune_edits_locked (db, episode_id, error))
    return 0;

  return revision_id;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_add_revision:
 * @self: a store
 * @episode: a stored episode, with the content to keep
 * @reason: "edit", "publish", "restore" or "import"
 * @error: return location for a #GError
 *
 * Keeps @episode's content as it is now. Of the "edit" revisions, the
 * newest %EFIR_STORE_MAX_EDIT_REVISIONS of each episode are kept; the
 * others are never deleted.
 *
 * Returns: the revision's id, or 0 with @error set
 */
gint64
efir_store_add_revision (EfirStore    *self,
                         EfirEpisode  *episode,
                         const char   *reason,
                         GError      **error)
{
  EfirDatabase *db;
  gint64 revision_id;

  g_return_val_if_fail (EFIR_IS_STORE (self), 0);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), 0);
  g_return_val_if_fail (efir_episode_get_id (episode) > 0, 0);
  g_return_val_if_fail (is_reason (reason), 0);

  db = efir_store_get_database (self);

  if (!efir_database_begin_immediate (db, error))
    return 0;

  revision_id = efir_store_add_revision_locked (self, efir_episode_get_id (episode), episode,
                                                reason, error);
  if (revision_id == 0)
    {
      efir_database_rollback (db, NULL);
      return 0;
    }

  if (!efir_database_commit (db, error))
    return 0;

  return revision_id;
}

/**
 * efir_store_keep_edit_revision:
 * @self: a store
 * @episode: the episode as just saved
 * @due_before: a real time; an "edit" revision is kept unless the
 *   episode's newest revision is younger
 * @newest: (out): the real time of the newest revision there was, 0 for none
 * @error: return location for a #GError
 *
 * What the autosaver keeps while the producer types: a revision every so
 * often, not one a save.
 *
 * Returns: %TRUE when a revision was kept; %FALSE when none was due, or
 *   with @error set when the revisions could not be read or written
 */
gboolean
efir_store_keep_edit_revision (EfirStore    *self,
                               EfirEpisode  *episode,
                               gint64        due_before,
                               gint64       *newest,
                               GError      **error)
{
  g_autoptr(GPtrArray) revisions = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (newest != NULL, FALSE);

  *newest = 0;
  if (!(revisions = efir_store_list_revisions (self, efir_episode_get_id (episode), error)))
    return FALSE;

  for (guint i = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = g_ptr_array_index (revisions, i);

      *newest = MAX (*newest, g_date_time_to_unix (info->created) * G_USEC_PER_SEC
                              + g_date_time_get_microsecond (info->created));
    }

  if (*newest != 0 && *newest > due_before)
    return FALSE;

  return efir_store_add_revision (self, episode, "edit", error) > 0;
}

/**
 * efir_store_list_revisions:
 * @self: a store
 * @episode_id: the episode's id
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type EfirRevisionInfo): the
 *   episode's revisions, newest first, or %NULL with @error set
 */
GPtrArray *
efir_store_list_revisions (EfirStore  *self,
                           gint64      episode_id,
                           GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_revision_info_free);

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT id, created_at, reason FROM revisions"
                                      " WHERE episode_id = ?1"
                                      " ORDER BY created_at DESC, id DESC",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  while (efir_database_step (db, stmt, &local_error))
    {
      EfirRevisionInfo *info = g_new0 (EfirRevisionInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->episode_id = episode_id;
      info->created = date_time_from_usec (sqlite3_column_int64 (stmt, 1));
      info->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (revisions, info);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

/**
 * efir_store_load_revision:
 * @self: a store
 * @revision_id: the revision's id
 * @error: return location for a #GError
 *
 * The episode as the revision kept it, with the episode's id, and the id
 * of its programme if a programme of that name still exists (0 if not).
 * Guests are not linked to the directory: a revision keeps names only.
 *
 * Returns: (transfer full): the episode, or %NULL with @error set
 */
EfirEpisode *
efir_store_load_revision (EfirStore  *self,
                          gint64      revision_id,
                          GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 episode_id;
  gint64 program_id;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT episode_id, snapshot FROM revisions WHERE id = ?1",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, revision_id);
  if (!efir_database_step (db, stmt, &local_error))
    {
      if (local_error == NULL)
        set_revision_not_found (&local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  episode_id = sqlite3_column_int64 (stmt, 0);
  episode = efir_episode_from_json ((const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_bytes (stmt, 1), error);
  efir_statement_release (stmt);
  if (episode == NULL)
    return NULL;

  if (!efir_store_lookup_program_locked (self, efir_episode_get_program_name (episode),
                                         &program_id, error))
    return NULL;

  efir_episode_set_id (episode, episode_id);
  efir_episode_set_program_id (episode, program_id);

  return g_steal_pointer (&episode);
}

/**
 * efir_store_restore_revision:
 * @self: a store
 * @revision_id: the revision to go back to
 * @error: return location for a #GError
 *
 * Writes the revision's content over every part of its episode, in one
 * transaction that first keeps the current content as a "restore"
 * revision, so a restore can itself be undone. Two things stay as they
 * are: the episode's status, which says where the episode stands with the
 * site rather than what it says, and its programme when the revision's
 * programme no longer exists under that name.
 *
 * Returns: (transfer full): the episode as now stored, or %NULL with
 *   @error set
 */
EfirEpisode *
efir_store_restore_revision (EfirStore  *self,
                             gint64      revision_id,
                             GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirEpisode) revision = NULL;
  g_autoptr(EfirEpisode) current = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 episode_id;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);

  if (!efir_database_begin_immediate (db, error))
    return NULL;

  if (!(revision = efir_store_load_revision (self, revision_id, &local_error))
      || !(current = efir_store_load_episode (self, efir_episode_get_id (revision), &local_error)))
    goto failed;

  episode_id = efir_episode_get_id (current);

  if (efir_store_add_revision_locked (self, episode_id, current, "restore", &local_error) == 0)
    goto failed;

  if (efir_episode_get_program_id (revision) == 0)
    {
      efir_episode_set_program_id (revision, efir_episode_get_program_id (current));
      efir_episode_set_program_name (revision, efir_episode_get_program_name (current));
    }
  efir_episode_set_status (revision, efir_episode_get_status (current));

  if (!efir_store_write_episode_locked (self, revision, EFIR_EPISODE_PART_ALL, &episode_id, NULL,
                                        &local_error)
      || !efir_store_index_episode_locked (self, episode_id, &local_error))
    goto failed;

  if (!efir_database_commit (db, error))
    return NULL;

  return efir_store_load_episode (self, episode_id, error);

failed:
  efir_database_rollback (db, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
