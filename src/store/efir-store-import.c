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
                                      " WHERE program_id = ?1 AND number = ?2 AND deleted_at IS NULL"
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

static void
replace_items (GListStore *to,
               GListStore *from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (from));
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from), i));

  g_list_store_splice (to, 0, g_list_model_get_n_items (G_LIST_MODEL (to)), items->pdata, items->len);
}

/* Puts the @fields of @from into @to, for a partial update. */
static void
apply_fields (EfirEpisode          *to,
              EfirEpisode          *from,
              EfirEpisodeJsonField  fields)
{
  if (fields & EFIR_EPISODE_JSON_FIELD_PROGRAM)
    efir_episode_set_program_name (to, efir_episode_get_program_name (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_NUMBER)
    efir_episode_set_number (to, efir_episode_get_number (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_TITLE)
    efir_episode_set_title (to, efir_episode_get_title (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_AIR_DATE)
    efir_episode_set_air_date (to, efir_episode_get_air_date (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_VIDEO_URL)
    efir_episode_set_video_url (to, efir_episode_get_video_url (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_DURATION)
    efir_episode_set_duration (to, efir_episode_get_duration (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_SUMMARY)
    efir_episode_set_summary (to, efir_episode_get_summary (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_TAGS)
    efir_episode_set_tags (to, efir_episode_get_tags (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_SLUG)
    efir_episode_set_slug (to, efir_episode_get_slug (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_STATUS)
    efir_episode_set_status (to, efir_episode_get_status (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_GUESTS)
    replace_items (efir_episode_get_guests (to), efir_episode_get_guests (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_QUOTES)
    replace_items (efir_episode_get_quotes (to), efir_episode_get_quotes (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_TRANSCRIPT)
    replace_items (efir_episode_get_transcript (to), efir_episode_get_transcript (from));
  if (fields & EFIR_EPISODE_JSON_FIELD_SOCIAL_LINKS)
    replace_items (efir_episode_get_social_links (to), efir_episode_get_social_links (from));
}

static gboolean
update_locked (EfirStore             *self,
               gint64                 episode_id,
               EfirEpisode           *parsed,
               EfirEpisodeJsonField   fields,
               EfirStoreUpdateFlags   flags,
               GError               **error)
{
  g_autoptr(EfirEpisode) old = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  gint64 program_id;

  if (!(old = efir_store_load_episode (self, episode_id, error)))
    return FALSE;

  if (efir_store_add_revision_locked (self, episode_id, old, "edit", error) == 0)
    return FALSE;

  if (flags & EFIR_STORE_UPDATE_PARTIAL)
    {
      apply_fields (old, parsed, fields);
      episode = g_object_ref (old);
    }
  else
    {
      episode = g_object_ref (parsed);
      /* A state only the site gives was not taken from the file. */
      if ((fields & EFIR_EPISODE_JSON_FIELD_STATUS) == 0)
        efir_episode_set_status (episode, efir_episode_get_status (old));
    }

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
 * @flags: %EFIR_STORE_UPDATE_WHOLE, or %EFIR_STORE_UPDATE_PARTIAL to
 *   change only the fields the file gives
 * @error: return location for a #GError
 *
 * Replaces every part of the episode with the file's, keeping its id, and
 * its programme unless the file names another one (created if needed).
 * The content it had is kept as a revision, in the same transaction. A
 * whole update refuses a file that lacks fields of the contract
 * (%EFIR_EPISODE_JSON_ERROR_INCOMPLETE): they would be emptied. A status
 * only the site gives keeps the episode's own.
 *
 * Returns: %TRUE when replaced; %EFIR_STORE_ERROR_NOT_FOUND when there is
 *   no such episode
 */
gboolean
efir_store_update_episode_json (EfirStore             *self,
                                gint64                 episode_id,
                                const char            *json,
                                gssize                 length,
                                EfirStoreUpdateFlags   flags,
                                GError               **error)
{
  EfirDatabase *db;
  g_autoptr(EfirEpisode) episode = NULL;
  EfirEpisodeJsonField fields;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL || length == 0, FALSE);

  db = efir_store_get_database (self);

  episode = efir_episode_from_json_full (json, length,
                                         (flags & EFIR_STORE_UPDATE_PARTIAL)
                                           ? EFIR_EPISODE_JSON_READ_DEFAULT
                                           : EFIR_EPISODE_JSON_READ_REQUIRE_ALL,
                                         &fields, error);
  if (episode == NULL)
    return FALSE;
  efir_link_clean_episode (episode);

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!update_locked (self, episode_id, episode, fields, flags, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  return efir_database_commit (db, error);
}
