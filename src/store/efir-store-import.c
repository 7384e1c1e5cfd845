/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-import"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "efir-episode-json.h"
#include "efir-link-cleanup.h"
#include "efir-store-private.h"

/* Helpers ---------------------------------------------------------------- */

/* The id of the episode of @program_id numbered @number, 0 if none. */
static gboolean
find_numbered_locked (EfirStore  *self,
                      gint64      program_id,
                      int         number,
                      gint64     *episode_id,
                      GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  *episode_id = 0;

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT id FROM episodes"
                                      " WHERE program_id = ?1 AND number = ?2"
                                      " ORDER BY id LIMIT 1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, program_id);
  sqlite3_bind_int (stmt, 2, number);
  if (efir_database_step (db, stmt, &local_error))
    *episode_id = sqlite3_column_int64 (stmt, 0);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_locked (EfirStore    *self,
               EfirEpisode  *episode,
               gint64       *episode_id,
               GArray      **person_ids,
               GError      **error)
{
  const char *program_name = efir_episode_get_program_name (episode);
  int number = efir_episode_get_number (episode);
  gint64 program_id;
  gint64 existing_id;

  if (!(program_id = efir_store_ensure_program_locked (self, program_name, error)))
    return FALSE;

  /* An episode file imported twice, or two producers' copies of the same
   * broadcast: the one in the archive may hold edits the file does not.
   */
  if (number > 0)
    {
      if (!find_numbered_locked (self, program_id, number, &existing_id, error))
        return FALSE;

      if (existing_id != 0)
        {
          g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                       _("Episode %d of “%s” is already in the archive (id %" PRId64 "). "
                         "Nothing was imported."),
                       number, program_name, (int64_t) existing_id);
          return FALSE;
        }
    }

  /* The uuid is what the episode's post on the site is found by: a second
   * episode with it would be a second claim on one post. */
  if (efir_episode_get_uuid (episode)[0] != '\0')
    {
      if (!efir_store_find_episode_by_uuid (self, efir_episode_get_uuid (episode), &existing_id,
                                            error))
        return FALSE;

      if (existing_id != 0)
        {
          g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                       _("This episode is already in the archive (id %" PRId64 "): the file "
                         "carries its uuid. Nothing was imported."),
                       (int64_t) existing_id);
          return FALSE;
        }
    }

  efir_episode_set_program_id (episode, program_id);

  return efir_store_write_episode_locked (self, episode, EFIR_EPISODE_PART_ALL, episode_id,
                                          person_ids, error)
         && efir_store_index_episode_locked (self, *episode_id, error)
         && efir_store_add_revision_locked (self, *episode_id, episode, "import", error) != 0;
}

static gboolean
update_locked (EfirStore    *self,
               gint64        episode_id,
               EfirEpisode  *episode,
               GError      **error)
{
  g_autoptr(EfirEpisode) old = NULL;
  gint64 program_id;

  if (!(old = efir_store_load_episode (self, episode_id, error)))
    return FALSE;

  if (efir_store_add_revision_locked (self, episode_id, old, "edit", error) == 0)
    return FALSE;

  /* A file without a programme leaves the episode where it is. */
  if (efir_episode_get_program_name (episode)[0] == '\0')
    {
      program_id = efir_episode_get_program_id (old);
      efir_episode_set_program_name (episode, efir_episode_get_program_name (old));
    }
  else if (!(program_id = efir_store_ensure_program_locked (self,
                                                            efir_episode_get_program_name (episode),
                                                            error)))
    return FALSE;

  efir_episode_set_id (episode, episode_id);
  efir_episode_set_program_id (episode, program_id);
  /* The episode stays the same episode, whatever uuid the file names. */
  efir_episode_set_uuid (episode, efir_episode_get_uuid (old));

  return efir_store_write_episode_locked (self, episode, EFIR_EPISODE_PART_ALL, &episode_id, NULL,
                                          error)
         && efir_store_index_episode_locked (self, episode_id, error);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_import_episode_json:
 * @self: a store
 * @json: the text of an episode file (see efir_episode_from_json())
 * @length: the length of @json in bytes, or -1 if it ends with a nul byte
 * @error: return location for a #GError
 *
 * Adds the episode of the file, its programme and guests included when the
 * archive does not know them yet, all in one transaction with an "import"
 * revision. When the programme already has an episode of that number,
 * nothing is written and %EFIR_STORE_ERROR_CONFLICT names it. Errors of the
 * file itself are in %EFIR_EPISODE_JSON_ERROR.
 *
 * Returns: (transfer full): the new episode, stored, or %NULL
 */
EfirEpisode *
efir_store_import_episode_json (EfirStore   *self,
                                const char  *json,
                                gssize       length,
                                GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GArray) person_ids = NULL;
  gint64 episode_id;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);
  g_return_val_if_fail (json != NULL || length == 0, NULL);

  db = efir_store_get_database (self);

  if (!(episode = efir_episode_from_json (json, length, error)))
    return NULL;
  efir_link_clean_episode (episode);

  if (efir_episode_get_program_name (episode)[0] == '\0')
    {
      g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                           _("The episode file does not say which programme it belongs to."));
      return NULL;
    }

  if (!efir_database_begin_immediate (db, error))
    return NULL;

  if (!import_locked (self, episode, &episode_id, &person_ids, error))
    {
      efir_database_rollback (db, NULL);
      return NULL;
    }

  if (!efir_database_commit (db, error))
    return NULL;

  efir_store_apply_saved_ids (episode, episode_id, person_ids);

  return g_steal_pointer (&episode);
}

/**
 * efir_store_update_episode_json:
 * @self: a store
 * @episode_id: the episode to replace
 * @json: the text of an episode file
 * @length: the length of @json in bytes, or -1 if it ends with a nul byte
 * @error: return location for a #GError
 *
 * Replaces every part of the episode with the file's, keeping its id, and
 * its programme unless the file names another one (created if needed).
 * The content it had is kept as a revision, in the same transaction.
 *
 * Returns: %TRUE when replaced; %EFIR_STORE_ERROR_NOT_FOUND when there is
 *   no such episode
 */
gboolean
efir_store_update_episode_json (EfirStore   *self,
                                gint64       episode_id,
                                const char  *json,
                                gssize       length,
                                GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirEpisode) episode = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL || length == 0, FALSE);

  db = efir_store_get_database (self);

  if (!(episode = efir_episode_from_json (json, length, error)))
    return FALSE;
  efir_link_clean_episode (episode);

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!update_locked (self, episode_id, episode, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  return efir_database_commit (db, error);
}
