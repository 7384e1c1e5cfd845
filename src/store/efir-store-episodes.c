/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-episodes"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "efir-json.h"
#include "efir-store-private.h"

/* Types ------------------------------------------------------------------ */

/* The columns fill_details() reads, in its order. */
#define EPISODE_COLUMNS                                                        \
  "e.id, e.program_id, p.name, e.number, e.title, e.air_date, e.video_url,"   \
  " e.duration_seconds, e.slug, e.summary, e.tags, e.status, e.uuid, e.image,"  \
  " e.save_count"

/* Segments per transcripts row. Fixed, so that an edit shifts no segment
 * into another chunk unless segments are inserted or removed before it;
 * 64 segments of a broadcast are some 8 KB of JSON, a few pages to write
 * for a one-segment edit instead of a three-hour transcript's 400 KB.
 */
#define TRANSCRIPT_CHUNK_SEGMENTS 64u

/* Helpers ---------------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

void
efir_store_set_episode_not_found (GError **error,
                                  gint64   episode_id)
{
  /* PRId64 rather than G_GINT64_FORMAT: gettext sees through the macros of
   * <inttypes.h> only, and gint64 is int64_t's type on every platform GLib
   * builds for with these compilers.
   */
  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
               _("Episode %" PRId64 " is not in the archive: it may have been deleted."),
               (int64_t) episode_id);
}

/* An update that changed no row: the episode is gone, or another process
 * saved it since @episode was read (its save_count moved on), and then
 * nothing of the other save is overwritten. */
static void
set_not_updated (EfirStore  *self,
                 gint64      episode_id,
                 GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, "SELECT 1 FROM episodes WHERE id = ?1", error)))
    return;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  if (efir_database_step (db, stmt, error))
    g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                 _("Episode %" PRId64 " was changed elsewhere since it was opened."),
                 (int64_t) episode_id);
  else if (error == NULL || *error == NULL)
    efir_store_set_episode_not_found (error, episode_id);
}

/* "2024-10-04T20:00:00+04:00", the offset kept: the page shows the local
 * time of the broadcast. GLib's own ISO 8601 writer shortens "+04:00" to
 * "+04", which SQLite's date functions cannot read.
 */
static char *
format_air_date (GDateTime *air_date)
{
  if (g_date_time_get_microsecond (air_date) != 0)
    return g_date_time_format (air_date, "%Y-%m-%dT%H:%M:%S.%f%:z");

  return g_date_time_format (air_date, "%Y-%m-%dT%H:%M:%S%:z");
}

static int
two_digits (const char *text)
{
  return (text[0] - '0') * 10 + (text[1] - '0');
}

/* Whether @text is an air date as format_air_date() writes one, which
 * reading it and writing it again gives back unchanged: whole seconds,
 * every field in range, a year of four digits (GLib writes none shorter
 * with a leading zero), no "-00:00" (written "+00:00"). Anything else
 * goes through GDateTime, which decides.
 */
static gboolean
air_date_is_as_written (const char *text)
{
  static const char shape[] = "0000-00-00T00:00:00+00:00";
  int year;
  int offset_hours;
  int offset_minutes;

  /* A shorter text stops at its nul, which fits no place. */
  for (gsize i = 0; i < sizeof shape - 1; i++)
    {
      gboolean fits;

      switch (shape[i])
        {
        case '0':
          fits = g_ascii_isdigit (text[i]);
          break;
        case '+':
          fits = text[i] == '+' || text[i] == '-';
          break;
        default:
          fits = text[i] == shape[i];
          break;
        }

      if (!fits)
        return FALSE;
    }
  if (text[sizeof shape - 1] != '\0')
    return FALSE;

  /* 9999 would run past GDateTime's range at a negative offset. */
  year = two_digits (text) * 100 + two_digits (text + 2);
  offset_hours = two_digits (text + 20);
  offset_minutes = two_digits (text + 23);

  return year >= 1000 && year <= 9998
         && g_date_valid_dmy (two_digits (text + 8), two_digits (text + 5), year)
         && two_digits (text + 11) <= 23 && two_digits (text + 14) <= 59
         && two_digits (text + 17) <= 59
         && offset_hours <= 23 && offset_minutes <= 59
         && (text[19] == '+' || offset_hours + offset_minutes > 0);
}

/* The air date stored as @text, as the episode file writes it, or NULL
 * when it is none. Nearly all are stored that way already: reading and
 * writing every one again was most of what listing 10,000 episodes cost.
 */
static char *
air_date_as_written (const char *text)
{
  g_autoptr(GDateTime) air_date = NULL;

  if (text == NULL)
    return NULL;

  if (air_date_is_as_written (text))
    return g_strdup (text);

  if (!(air_date = g_date_time_new_from_iso8601 (text, NULL)))
    return NULL;

  return format_air_date (air_date);
}

static gboolean
fill_details (EfirStore     *self,
              EfirEpisode   *episode,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GDateTime) air_date = NULL;
  g_auto(GStrv) tags = NULL;
  EfirEpisodeStatus status = EFIR_EPISODE_STATUS_DRAFT;
  const char *air_date_text = (const char *) sqlite3_column_text (stmt, 5);

  if (!(tags = efir_store_strv_from_json (self, column_text (stmt, 10), error)))
    return FALSE;

  if (air_date_text != NULL && !(air_date = g_date_time_new_from_iso8601 (air_date_text, NULL)))
    g_debug ("Episode %" G_GINT64_FORMAT ": unreadable air date “%s”",
             (gint64) sqlite3_column_int64 (stmt, 0), air_date_text);

  /* The table's CHECK admits only the statuses the model knows. */
  efir_episode_status_from_string (column_text (stmt, 11), &status);

  efir_episode_set_id (episode, sqlite3_column_int64 (stmt, 0));
  efir_episode_set_program_id (episode, sqlite3_column_int64 (stmt, 1));
  efir_episode_set_program_name (episode, column_text (stmt, 2));
  efir_episode_set_number (episode, sqlite3_column_int (stmt, 3));
  efir_episode_set_title (episode, column_text (stmt, 4));
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, column_text (stmt, 6));
  efir_episode_set_duration (episode, sqlite3_column_int (stmt, 7));
  efir_episode_set_slug (episode, column_text (stmt, 8));
  efir_episode_set_summary (episode, column_text (stmt, 9));
  efir_episode_set_tags (episode, (const char * const *) tags);
  efir_episode_set_status (episode, status);
  efir_episode_set_image (episode, column_text (stmt, 13));
  efir_episode_set_uuid (episode, (const char *) sqlite3_column_text (stmt, 12));
  efir_episode_set_save_count (episode, sqlite3_column_int64 (stmt, 14));

  return TRUE;
}

static EfirEpisodeGuest *
guest_from_row (sqlite3_stmt *stmt,
                int           first)
{
  EfirEpisodeGuest *guest = efir_episode_guest_new (column_text (stmt, first + 1),
                                                    column_text (stmt, first + 2));

  efir_episode_guest_set_person_id (guest, sqlite3_column_int64 (stmt, first));

  return guest;
}

/* Replaces the content of @store in one splice: one items-changed, and the
 * episode reports one change for the whole list.
 */
static void
splice_all (GListStore *store,
            GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

/* One pass of SQLite's JSON parser over each chunk's array, chunk after
 * chunk, in document order: each segment object directly in the array,
 * then its members. (Extracting four members from each element of
 * json_each() parses every element four more times, and takes several
 * times as long.) Numbers come back as SQLite reads them, exactly the
 * doubles that were written.
 */
static GPtrArray *
load_segments (EfirStore  *self,
               gint64      episode_id,
               GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  EfirSegment *segment = NULL;
  gint64 root_id = -1;
  gint64 segment_id = -1;

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT s.id, s.parent, s.type, s.key, s.atom"
                                      "  FROM transcripts AS t, json_tree (t.segments) AS s"
                                      " WHERE t.episode_id = ?1"
                                      /* Free: the primary key's order. */
                                      " ORDER BY t.chunk",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  while (efir_database_step (db, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 parent = sqlite3_column_int64 (stmt, 1);
      const char *type = column_text (stmt, 2);
      const char *key;

      /* Each chunk row starts a tree of its own, whose ids start again:
       * nothing of the previous chunk's can match.
       */
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          root_id = id;
          segment = NULL;
          segment_id = -1;
          continue;
        }

      if (parent == root_id)
        {
          /* Anything but an object here is not a segment: skipped, as the
           * episode file's reader skips what it does not know.
           */
          segment = NULL;
          if (g_str_equal (type, "object"))
            {
              segment = efir_segment_new (0, 0, NULL, NULL);
              g_ptr_array_add (segments, segment);
              segment_id = id;
            }
          continue;
        }

      if (segment == NULL || parent != segment_id)
        continue;

      key = column_text (stmt, 3);
      if (g_str_equal (type, "real") || g_str_equal (type, "integer"))
        {
          double seconds = sqlite3_column_double (stmt, 4);

          /* Only what the model accepts; this store never writes others. */
          if (!(seconds >= 0 && seconds <= G_MAXDOUBLE))
            continue;
          if (g_str_equal (key, "start"))
            efir_segment_set_start (segment, seconds);
          else if (g_str_equal (key, "end"))
            efir_segment_set_end (segment, seconds);
        }
      else if (g_str_equal (type, "text"))
        {
          if (g_str_equal (key, "speaker"))
            efir_segment_set_speaker (segment, column_text (stmt, 4));
          else if (g_str_equal (key, "text"))
            efir_segment_set_text (segment, column_text (stmt, 4));
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&segments);
}

static gboolean
load_lists (EfirStore    *self,
            EfirEpisode  *episode,
            gint64        episode_id,
            GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(GError) local_error = NULL;

  {
    g_autoptr(GPtrArray) guests = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(EfirStatement) stmt = NULL;

    if (!(stmt = efir_database_prepare (db,
                                        "SELECT person_id, name, role FROM episode_guests"
                                        " WHERE episode_id = ?1 ORDER BY position",
                                        error)))
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, episode_id);
    while (efir_database_step (db, stmt, &local_error))
      g_ptr_array_add (guests, guest_from_row (stmt, 0));
    if (local_error != NULL)
      goto failed;

    splice_all (efir_episode_get_guests (episode), guests);
  }

  {
    g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(EfirStatement) stmt = NULL;

    if (!(stmt = efir_database_prepare (db,
                                        "SELECT text, speaker, start_seconds, pull_quote"
                                        "  FROM quotes WHERE episode_id = ?1 ORDER BY position",
                                        error)))
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, episode_id);
    while (efir_database_step (db, stmt, &local_error))
      {
        double start = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                         ? -1
                         : sqlite3_column_double (stmt, 2);
        EfirQuote *quote = efir_quote_new (column_text (stmt, 0), column_text (stmt, 1), start);

        efir_quote_set_pull_quote (quote, sqlite3_column_int (stmt, 3) != 0);
        g_ptr_array_add (quotes, quote);
      }
    if (local_error != NULL)
      goto failed;

    splice_all (efir_episode_get_quotes (episode), quotes);
  }

  {
    g_autoptr(GPtrArray) segments = NULL;

    if (!(segments = load_segments (self, episode_id, &local_error)))
      goto failed;

    efir_episode_set_transcript (episode, segments);
  }

  {
    g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(EfirStatement) stmt = NULL;

    if (!(stmt = efir_database_prepare (db,
                                        "SELECT url, platform FROM social_links"
                                        " WHERE episode_id = ?1 ORDER BY position",
                                        error)))
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, episode_id);
    while (efir_database_step (db, stmt, &local_error))
      g_ptr_array_add (links, efir_social_link_new (column_text (stmt, 0), column_text (stmt, 1)));
    if (local_error != NULL)
      goto failed;

    splice_all (efir_episode_get_social_links (episode), links);
  }

  return TRUE;

failed:
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The segments [@first, @end) as a JSON array in the episode file's
 * "transcript" form, without spaces: the text of one transcripts row.
 */
static char *
transcript_to_json (GListModel *segments,
                    guint       first,
                    guint       end,
                    gsize      *length)
{
  GString *out = g_string_sized_new (64 + (end - first) * 160);

  g_string_append_c (out, '[');

  for (guint i = first; i < end; i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);

      g_string_append (out, i > first ? ",{\"start\":" : "{\"start\":");
      efir_store_append_json_double (out, efir_segment_get_start (segment));
      g_string_append (out, ",\"end\":");
      efir_store_append_json_double (out, efir_segment_get_end (segment));
      g_string_append (out, ",\"speaker\":");
      efir_json_append_string (out, efir_segment_get_speaker (segment));
      g_string_append (out, ",\"text\":");
      efir_json_append_string (out, efir_segment_get_text (segment));
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, ']');

  *length = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
resolve_program_locked (EfirStore    *self,
                        EfirEpisode  *episode,
                        gint64       *program_id,
                        GError      **error)
{
  const char *name = efir_episode_get_program_name (episode);

  *program_id = efir_episode_get_program_id (episode);
  if (*program_id != 0)
    return TRUE;

  if (name[0] != '\0')
    {
      if (!efir_store_lookup_program_locked (self, name, program_id, error))
        return FALSE;
      if (*program_id != 0)
        return TRUE;

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("There is no programme “%s”."), name);
      return FALSE;
    }

  g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                       _("Choose the programme the episode belongs to."));
  return FALSE;
}

static gboolean
write_details_locked (EfirStore    *self,
                      EfirEpisode  *episode,
                      gint64       *episode_id,
                      gint64        now,
                      GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autofree char *air_date = NULL;
  g_autofree char *tags = efir_store_strv_to_json (efir_episode_get_tags (episode));
  gint64 program_id;
  int number = efir_episode_get_number (episode);

  if (!resolve_program_locked (self, episode, &program_id, error))
    return FALSE;

  if (efir_episode_get_air_date (episode) != NULL)
    air_date = format_air_date (efir_episode_get_air_date (episode));

  /* A new episode gets its stable id now. Unlike the row id it names
   * nothing in the archive, so a save that is rolled back leaves no harm
   * in giving it to the object at once, and the next save keeps it. */
  if (*episode_id == 0 && efir_episode_get_uuid (episode)[0] == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();

      efir_episode_set_uuid (episode, uuid);
    }

  if (*episode_id == 0)
    stmt = efir_database_prepare (db,
                                  "INSERT INTO episodes (program_id, number, title, air_date,"
                                  "  video_url, duration_seconds, slug, summary, tags, status,"
                                  "  created_at, modified_at, save_count, image, uuid)"
                                  " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                  "  CASE WHEN ?11 IN ('draft', 'ready') THEN ?11 ELSE 'draft' END,"
                                  "  ?12, ?12, 1, ?13, ?14)",
                                  error);
  else
    stmt = efir_database_prepare (db,
                                  "UPDATE episodes SET program_id = ?2, number = ?3, title = ?4,"
                                  "  air_date = ?5, video_url = ?6, duration_seconds = ?7,"
                                  "  slug = ?8, summary = ?9, tags = ?10,"
                                  "  status = CASE WHEN status IN ('draft', 'ready')"
                                  "                 AND ?11 IN ('draft', 'ready')"
                                  "            THEN ?11 ELSE status END,"
                                  "  modified_at = ?12, save_count = save_count + 1, image = ?13"
                                  " WHERE id = ?1 AND (?15 = 0 OR save_count = ?15)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  if (*episode_id != 0)
    sqlite3_bind_int64 (stmt, 1, *episode_id);
  sqlite3_bind_int64 (stmt, 2, program_id);
  /* No number yet is NULL, so it never looks like an episode 0. */
  if (number > 0)
    sqlite3_bind_int (stmt, 3, number);
  sqlite3_bind_text (stmt, 4, efir_episode_get_title (episode), -1, SQLITE_STATIC);
  if (air_date != NULL)
    sqlite3_bind_text (stmt, 5, air_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, efir_episode_get_video_url (episode), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, efir_episode_get_duration (episode));
  sqlite3_bind_text (stmt, 8, efir_episode_get_slug (episode), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, efir_episode_get_summary (episode), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, efir_episode_status_to_string (efir_episode_get_status (episode)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_text (stmt, 13, efir_episode_get_image (episode), -1, SQLITE_STATIC);
  if (*episode_id == 0)
    sqlite3_bind_text (stmt, 14, efir_episode_get_uuid (episode), -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 15, efir_episode_get_save_count (episode));

  if (!efir_database_run (db, stmt, error))
    return FALSE;

  if (*episode_id == 0)
    *episode_id = efir_database_last_insert_rowid (db);
  else if (efir_database_changes (db) == 0)
    {
      set_not_updated (self, *episode_id, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
touch_locked (EfirStore    *self,
              EfirEpisode  *episode,
              gint64        episode_id,
              gint64        now,
              GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "UPDATE episodes SET modified_at = ?2,"
                                      "  save_count = save_count + 1"
                                      " WHERE id = ?1 AND (?3 = 0 OR save_count = ?3)",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, efir_episode_get_save_count (episode));
  if (!efir_database_run (db, stmt, error))
    return FALSE;

  if (efir_database_changes (db) == 0)
    {
      set_not_updated (self, episode_id, error);
      return FALSE;
    }

  return TRUE;
}

/* The lists are rewritten whole: a few rows each, and no position to
 * reconcile with what the producer reordered.
 */
static gboolean
clear_list_locked (EfirStore   *self,
                   const char  *sql,
                   gint64       episode_id,
                   GError     **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  return efir_database_run (db, stmt, error);
}

static gboolean
write_guests_locked (EfirStore    *self,
                     EfirEpisode  *episode,
                     gint64        episode_id,
                     GArray       *person_ids,
                     GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  guint n_guests = g_list_model_get_n_items (guests);

  if (!clear_list_locked (self, "DELETE FROM episode_guests WHERE episode_id = ?1", episode_id,
                          error))
    return FALSE;

  for (guint i = 0; i < n_guests; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);
      g_autoptr(EfirStatement) stmt = NULL;
      const char *name = efir_episode_guest_get_name (guest);
      const char *role = efir_episode_guest_get_role (guest);
      gint64 person_id = efir_episode_guest_get_person_id (guest);
      gint64 new_person_id = 0;

      /* A guest whose name is still being typed is not a person yet. */
      if (person_id == 0 && !efir_store_name_is_blank (name))
        {
          if (!(new_person_id = efir_store_ensure_person_locked (self, name, role, error)))
            return FALSE;
          person_id = new_person_id;
        }
      g_array_append_val (person_ids, new_person_id);

      /* The directory entry may have been deleted since the episode was
       * loaded: the guest then stays, unlinked, as the schema does it.
       */
      if (!(stmt = efir_database_prepare (db,
                                          "INSERT INTO episode_guests"
                                          "  (episode_id, position, person_id, name, role)"
                                          " VALUES (?1, ?2, (SELECT id FROM people WHERE id = ?3),"
                                          "  ?4, ?5)",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, episode_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, person_id);
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, role, -1, SQLITE_STATIC);
      if (!efir_database_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_quotes_locked (EfirStore    *self,
                     EfirEpisode  *episode,
                     gint64        episode_id,
                     GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  GListModel *quotes = G_LIST_MODEL (efir_episode_get_quotes (episode));
  guint n_quotes = g_list_model_get_n_items (quotes);

  if (!clear_list_locked (self, "DELETE FROM quotes WHERE episode_id = ?1", episode_id, error))
    return FALSE;

  for (guint i = 0; i < n_quotes; i++)
    {
      g_autoptr(EfirQuote) quote = g_list_model_get_item (quotes, i);
      g_autoptr(EfirStatement) stmt = NULL;

      if (!(stmt = efir_database_prepare (db,
                                          "INSERT INTO quotes (episode_id, position, text, speaker,"
                                          "  start_seconds, pull_quote)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, episode_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, efir_quote_get_text (quote), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, efir_quote_get_speaker (quote), -1, SQLITE_STATIC);
      /* A quote whose time is not known yet has none, rather than -1. */
      if (efir_quote_get_start_seconds (quote) >= 0)
        sqlite3_bind_double (stmt, 5, efir_quote_get_start_seconds (quote));
      sqlite3_bind_int (stmt, 6, efir_quote_get_pull_quote (quote) ? 1 : 0);
      if (!efir_database_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_transcript_locked (EfirStore    *self,
                         EfirEpisode  *episode,
                         gint64        episode_id,
                         GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  GListModel *segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  guint n_segments = g_list_model_get_n_items (segments);
  /* Chunk 0 even when empty, so every saved episode has its transcript. */
  guint n_chunks = MAX (1, (n_segments + TRANSCRIPT_CHUNK_SEGMENTS - 1)
                            / TRANSCRIPT_CHUNK_SEGMENTS);
  g_autoptr(EfirStatement) upsert = NULL;
  g_autoptr(EfirStatement) trim = NULL;

  /* The WHERE leaves a chunk whose text has not changed as it is: no page
   * of it is written, and an edit costs the chunks it touched.
   */
  if (!(upsert = efir_database_prepare (db,
                                        "INSERT INTO transcripts (episode_id, chunk, segments)"
                                        " VALUES (?1, ?2, ?3)"
                                        " ON CONFLICT (episode_id, chunk) DO UPDATE"
                                        " SET segments = excluded.segments"
                                        " WHERE segments IS NOT excluded.segments",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (upsert, 1, episode_id);
  for (guint chunk = 0; chunk < n_chunks; chunk++)
    {
      guint first = chunk * TRANSCRIPT_CHUNK_SEGMENTS;
      guint end = MIN (first + TRANSCRIPT_CHUNK_SEGMENTS, n_segments);
      gsize length;
      char *json = transcript_to_json (segments, first, end, &length);

      /* Bound as a nul-terminated string (-1), which the table's JSON
       * checks read in place; given with its length, SQLite copies it to
       * add the nul.
       */
      sqlite3_bind_int64 (upsert, 2, chunk);
      if (length < G_MAXINT)
        sqlite3_bind_text (upsert, 3, json, -1, g_free);
      else
        sqlite3_bind_text64 (upsert, 3, json, length, g_free, SQLITE_UTF8);

      if (!efir_database_run (db, upsert, error))
        return FALSE;
    }

  /* The chunks of segments removed from the end. */
  if (!(trim = efir_database_prepare (db,
                                      "DELETE FROM transcripts"
                                      " WHERE episode_id = ?1 AND chunk >= ?2",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (trim, 1, episode_id);
  sqlite3_bind_int64 (trim, 2, n_chunks);
  return efir_database_run (db, trim, error);
}

static gboolean
write_social_links_locked (EfirStore    *self,
                           EfirEpisode  *episode,
                           gint64        episode_id,
                           GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  GListModel *links = G_LIST_MODEL (efir_episode_get_social_links (episode));
  guint n_links = g_list_model_get_n_items (links);

  if (!clear_list_locked (self, "DELETE FROM social_links WHERE episode_id = ?1", episode_id,
                          error))
    return FALSE;

  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);
      g_autoptr(EfirStatement) stmt = NULL;
      const char *platform = efir_social_link_get_platform (link);

      if (!(stmt = efir_database_prepare (db,
                                          "INSERT INTO social_links (episode_id, position, url,"
                                          "  platform)"
                                          " VALUES (?1, ?2, ?3, ?4)",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, episode_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, efir_social_link_get_url (link), -1, SQLITE_STATIC);
      if (platform[0] != '\0')
        sqlite3_bind_text (stmt, 4, platform, -1, SQLITE_STATIC);
      if (!efir_database_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Light episodes ---------------------------------------------------------- */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Steps @stmt (rows of EPISODE_COLUMNS) into new light episodes, frozen
 * until read_light_guests() has given them their guests: each property set
 * would emit "changed" otherwise, which costs more than the query itself.
 */
static gboolean
read_light_details (EfirStore     *self,
                    sqlite3_stmt  *stmt,
                    GPtrArray     *items,
                    GError       **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(GError) local_error = NULL;

  while (efir_database_step (db, stmt, &local_error))
    {
      EfirEpisode *episode = efir_episode_new ();

      efir_episode_freeze_changed (episode);
      g_ptr_array_add (items, episode);
      if (!fill_details (self, episode, stmt, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Steps @stmt (episode_id, then a guest's columns, ordered by episode and
 * position) into the guests of @items.
 */
static gboolean
read_light_guests (EfirStore     *self,
                   sqlite3_stmt  *stmt,
                   GPtrArray     *items,
                   GError       **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) guests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree gint64 *ids = g_new (gint64, MAX (items->len, 1));
  EfirEpisode *current = NULL;
  gint64 current_id = 0;

  for (guint i = 0; i < items->len; i++)
    {
      ids[i] = efir_episode_get_id (g_ptr_array_index (items, i));
      g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (items, i));
    }

  while (efir_database_step (db, stmt, &local_error))
    {
      gint64 episode_id = sqlite3_column_int64 (stmt, 0);

      if (episode_id != current_id)
        {
          if (current != NULL)
            splice_all (efir_episode_get_guests (current), guests);
          g_ptr_array_set_size (guests, 0);
          current_id = episode_id;
          current = g_hash_table_lookup (by_id, &episode_id);
        }

      g_ptr_array_add (guests, guest_from_row (stmt, 1));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (current != NULL)
    splice_all (efir_episode_get_guests (current), guests);
  return TRUE;
}

/* Both statements of a light read in one snapshot: the episodes' details,
 * then their guests; each bound to @program_id or @ids_json as its SQL
 * names ?1. The episodes come in the order of @details_sql.
 */
static GPtrArray *
read_light_episodes (EfirStore   *self,
                     const char  *details_sql,
                     const char  *guests_sql,
                     gint64       program_id,
                     const char  *ids_json,
                     GError     **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(EfirStatement) details = NULL;
  g_autoptr(EfirStatement) guests = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!efir_database_begin_read (db, error))
    return NULL;

  ok = (details = efir_database_prepare (db, details_sql, &local_error)) != NULL
       && (guests = efir_database_prepare (db, guests_sql, &local_error)) != NULL;
  if (ok)
    {
      if (ids_json != NULL)
        {
          sqlite3_bind_text (details, 1, ids_json, -1, SQLITE_STATIC);
          sqlite3_bind_text (guests, 1, ids_json, -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_int64 (details, 1, program_id);
          sqlite3_bind_int64 (guests, 1, program_id);
        }
      ok = read_light_details (self, details, items, &local_error)
           && read_light_guests (self, guests, items, &local_error);
    }

  for (guint i = 0; i < items->len; i++)
    efir_episode_thaw_changed (g_ptr_array_index (items, i));

  if (!efir_database_end (db, g_steal_pointer (&local_error), error))
    return NULL;

  return g_steal_pointer (&items);
}

/* Public API: for the store's other files -------------------------------- */
GArray *
efir_store_list_episode_ids (EfirStore  *self,
                             gint64      program_id,
                             int         status,
                             gboolean    oldest_first,
                             guint      *n_all,
                             GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  /* Both orders read the episodes_list index in its own order (see
   * migration 3): undated drafts at the newest end, then by the moment of
   * the broadcast, then by number.
   */
  if (oldest_first)
    stmt = efir_database_prepare (db,
                                  "SELECT e.id FROM episodes AS e"
                                  " WHERE e.program_id = ?1 AND e.deleted_at IS NULL"
                                  "   AND (?2 IS NULL OR e.status = ?2)"
                                  " ORDER BY (e.air_date IS NULL), unixepoch (e.air_date),"
                                  "          e.number, e.id",
                                  error);
  else
    stmt = efir_database_prepare (db,
                                  "SELECT e.id FROM episodes AS e"
                                  " WHERE e.program_id = ?1 AND e.deleted_at IS NULL"
                                  "   AND (?2 IS NULL OR e.status = ?2)"
                                  " ORDER BY (e.air_date IS NULL) DESC, unixepoch (e.air_date) DESC,"
                                  "          e.number DESC, e.id DESC",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, program_id);
  if (status >= 0)
    sqlite3_bind_text (stmt, 2, efir_episode_status_to_string (status), -1, SQLITE_STATIC);

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

  *n_all = ids->len;
  if (status >= 0)
    {
      g_autoptr(EfirStatement) count = NULL;

      if (!(count = efir_database_prepare (db, "SELECT count(*) FROM episodes"
                                           " WHERE program_id = ?1 AND deleted_at IS NULL",
                                           error)))
        return NULL;
      sqlite3_bind_int64 (count, 1, program_id);
      if (!efir_database_step (db, count, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      *n_all = sqlite3_column_int (count, 0);
    }

  return g_steal_pointer (&ids);
}

GPtrArray *
efir_store_load_light_episodes (EfirStore     *self,
                                const gint64  *ids,
                                guint          n_ids,
                                GError       **error)
{
  g_autoptr(GString) ids_json = g_string_new ("[");
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *ordered;

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (ids_json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (ids_json, ']');

  found = read_light_episodes (self,
                               "SELECT " EPISODE_COLUMNS
                               "  FROM episodes AS e"
                               "  JOIN programs AS p ON p.id = e.program_id"
                               " WHERE e.id IN (SELECT value FROM json_each (?1))",
                               "SELECT episode_id, person_id, name, role FROM episode_guests"
                               " WHERE episode_id IN (SELECT value FROM json_each (?1))"
                               " ORDER BY episode_id, position",
                               0, ids_json->str, error);
  if (found == NULL)
    return NULL;

  /* json_each() hands the episodes back in the table's order. */
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_insert (by_id, (gpointer) &ids[i], GUINT_TO_POINTER (i + 1));

  ordered = g_ptr_array_new_full (n_ids, unref_if_set);
  g_ptr_array_set_size (ordered, n_ids);
  for (guint i = 0; i < found->len; i++)
    {
      EfirEpisode *episode = g_ptr_array_index (found, i);
      gint64 id = efir_episode_get_id (episode);
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &id));

      if (position > 0 && ordered->pdata[position - 1] == NULL)
        ordered->pdata[position - 1] = g_object_ref (episode);
    }
  return ordered;
}


gboolean
efir_store_write_episode_locked (EfirStore        *self,
                                 EfirEpisode      *episode,
                                 EfirEpisodePart   parts,
                                 gint64           *episode_id,
                                 GArray          **person_ids,
                                 GError          **error)
{
  g_autoptr(GArray) new_person_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 id = efir_episode_get_id (episode);
  gint64 now = g_get_real_time ();

  /* A new episode has nothing stored that a part left out could keep. */
  if (id == 0)
    parts = EFIR_EPISODE_PART_ALL;

  if (parts & EFIR_EPISODE_PART_DETAILS)
    {
      if (!write_details_locked (self, episode, &id, now, error))
        return FALSE;
    }
  else if (!touch_locked (self, episode, id, now, error))
    return FALSE;

  if ((parts & EFIR_EPISODE_PART_GUESTS)
      && !write_guests_locked (self, episode, id, new_person_ids, error))
    return FALSE;

  if ((parts & EFIR_EPISODE_PART_QUOTES) && !write_quotes_locked (self, episode, id, error))
    return FALSE;

  if ((parts & EFIR_EPISODE_PART_TRANSCRIPT)
      && !write_transcript_locked (self, episode, id, error))
    return FALSE;

  if ((parts & EFIR_EPISODE_PART_SOCIAL_LINKS)
      && !write_social_links_locked (self, episode, id, error))
    return FALSE;

  /* The schema's triggers have taken the episode out of the search index
   * if a searched text changed, and marked it stale. */

  *episode_id = id;
  if (person_ids != NULL)
    *person_ids = g_steal_pointer (&new_person_ids);

  return TRUE;
}

void
efir_store_apply_saved_ids (EfirEpisode *episode,
                            gint64       episode_id,
                            GArray      *person_ids)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));

  efir_episode_set_id (episode, episode_id);

  for (guint i = 0; person_ids != NULL && i < person_ids->len; i++)
    {
      gint64 person_id = g_array_index (person_ids, gint64, i);
      g_autoptr(EfirEpisodeGuest) guest = NULL;

      if (person_id == 0 || !(guest = g_list_model_get_item (guests, i)))
        continue;

      /* Linking a guest changes the guest part, and the autosaver saves it
       * once more: that second save stores the link it already has.
       */
      efir_episode_guest_set_person_id (guest, person_id);
    }
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_list_episodes:
 * @self: a store
 * @program_id: the programme whose episodes to list, or 0 for all
 * @error: return location for a #GError
 *
 * Lists light episodes: their details and guests, without quotes,
 * transcript or social links (load the episode for those; never save those
 * parts of a light episode). Undated drafts come first, then the newest
 * broadcast; episodes of the same time by number, highest first.
 *
 * Two queries whatever the number of episodes: one for the episodes, one
 * for all their guests.
 *
 * Returns: (transfer full): the episodes, as #EfirEpisode
 */
GListModel *
efir_store_list_episodes (EfirStore  *self,
                          gint64      program_id,
                          GError    **error)
{
  g_autoptr(GListStore) episodes = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);
  g_return_val_if_fail (program_id >= 0, NULL);

  /* air_date sorts by the moment it names, whatever its offset: text
   * would put 20:00+04:00 after 17:00+00:00, the same moment.
   */
  items = read_light_episodes (self,
                               "SELECT " EPISODE_COLUMNS
                               "  FROM episodes AS e"
                               "  JOIN programs AS p ON p.id = e.program_id"
                               " WHERE (?1 = 0 OR e.program_id = ?1) AND e.deleted_at IS NULL"
                               " ORDER BY (e.air_date IS NULL) DESC, unixepoch (e.air_date) DESC,"
                               "          e.number DESC, e.id DESC",
                               "SELECT g.episode_id, g.person_id, g.name, g.role"
                               "  FROM episode_guests AS g"
                               "  JOIN episodes AS e ON e.id = g.episode_id"
                               " WHERE (?1 = 0 OR e.program_id = ?1) AND e.deleted_at IS NULL"
                               " ORDER BY g.episode_id, g.position",
                               program_id, NULL, error);
  if (items == NULL)
    return NULL;

  episodes = g_list_store_new (EFIR_TYPE_EPISODE);
  g_list_store_splice (episodes, 0, 0, items->pdata, items->len);

  return G_LIST_MODEL (g_steal_pointer (&episodes));
}

void
efir_episode_listing_free (EfirEpisodeListing *listing)
{
  if (listing == NULL)
    return;

  g_free (listing->program_name);
  g_free (listing->title);
  g_free (listing->air_date);
  g_free (listing);
}

/**
 * efir_store_list_episode_listings:
 * @self: a store
 * @program_id: the programme whose episodes to list, or 0 for all
 * @error: return location for a #GError
 *
 * What efir_store_list_episodes() finds, in its order, as plain rows of
 * what a listing prints. Building and freeing light episodes (their guests,
 * tags and summaries) costs ten times the query on a 10,000-episode
 * archive, and a command run from a script or cron pays it at every run.
 *
 * Returns: (transfer container) (element-type EfirEpisodeListing): the rows
 */
GPtrArray *
efir_store_list_episode_listings (EfirStore  *self,
                                  gint64      program_id,
                                  GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);
  g_return_val_if_fail (program_id >= 0, NULL);

  db = efir_store_get_database (self);
  listings = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_episode_listing_free);

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT e.id, p.name, e.number, e.title, e.air_date, e.status"
                                      "  FROM episodes AS e"
                                      "  JOIN programs AS p ON p.id = e.program_id"
                                      " WHERE (?1 = 0 OR e.program_id = ?1) AND e.deleted_at IS NULL"
                                      " ORDER BY (e.air_date IS NULL) DESC, unixepoch (e.air_date) DESC,"
                                      "          e.number DESC, e.id DESC",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, program_id);
  while (efir_database_step (db, stmt, &local_error))
    {
      EfirEpisodeListing *listing = g_new0 (EfirEpisodeListing, 1);

      listing->id = sqlite3_column_int64 (stmt, 0);
      listing->program_name = g_strdup (column_text (stmt, 1));
      listing->number = sqlite3_column_int (stmt, 2);
      listing->title = g_strdup (column_text (stmt, 3));
      listing->air_date = air_date_as_written ((const char *) sqlite3_column_text (stmt, 4));
      listing->status = EFIR_EPISODE_STATUS_DRAFT;
      efir_episode_status_from_string (column_text (stmt, 5), &listing->status);
      g_ptr_array_add (listings, listing);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&listings);
}

/**
 * efir_store_load_episode:
 * @self: a store
 * @episode_id: the episode's id
 * @error: return location for a #GError
 *
 * Loads every part of the episode, as one snapshot of the database.
 *
 * Returns: (transfer full): the episode, or %NULL with
 *   %EFIR_STORE_ERROR_NOT_FOUND when there is no such episode
 */
EfirEpisode *
efir_store_load_episode (EfirStore  *self,
                         gint64      episode_id,
                         GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);

  if (!efir_database_begin_read (db, error))
    return NULL;

  episode = efir_episode_new ();
  /* One "changed" at the end rather than one per property and list, and
   * none of the intermediate states seen by anyone.
   */
  efir_episode_freeze_changed (episode);

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if ((stmt = efir_database_prepare (db,
                                       "SELECT " EPISODE_COLUMNS
                                       "  FROM episodes AS e"
                                       "  JOIN programs AS p ON p.id = e.program_id"
                                       " WHERE e.id = ?1",
                                       &local_error)))
      {
        sqlite3_bind_int64 (stmt, 1, episode_id);
        if (efir_database_step (db, stmt, &local_error))
          fill_details (self, episode, stmt, &local_error);
        else if (local_error == NULL)
          efir_store_set_episode_not_found (&local_error, episode_id);
      }
  }

  if (local_error == NULL)
    load_lists (self, episode, episode_id, &local_error);

  efir_episode_thaw_changed (episode);

  if (!efir_database_end (db, g_steal_pointer (&local_error), error))
    return NULL;

  return g_steal_pointer (&episode);
}

static gboolean
read_save_count_locked (EfirStore  *self,
                        gint64      episode_id,
                        gint64     *save_count,
                        GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, "SELECT save_count FROM episodes WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  if (!efir_database_step (db, stmt, error))
    {
      if (error == NULL || *error == NULL)
        efir_store_set_episode_not_found (error, episode_id);
      return FALSE;
    }

  *save_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * efir_store_reload_episode:
 * @self: a store
 * @episode: a stored episode
 * @error: return location for a #GError
 *
 * Reads @episode again into the same object (efir_episode_assign()), so
 * what is bound to it shows what another process wrote, and the next save
 * is checked against the episode as now stored.
 *
 * Returns: %TRUE when read again
 */
gboolean
efir_store_reload_episode (EfirStore    *self,
                           EfirEpisode  *episode,
                           GError      **error)
{
  g_autoptr(EfirEpisode) stored = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), FALSE);

  if (!(stored = efir_store_load_episode (self, efir_episode_get_id (episode), error)))
    return FALSE;

  efir_episode_assign (episode, stored);
  efir_episode_set_save_count (episode, efir_episode_get_save_count (stored));
  return TRUE;
}

/**
 * efir_store_save_episode:
 * @self: a store
 * @episode: the episode; with id 0 it is added whole and gets its id
 * @parts: the parts to write, as EfirEpisode::changed reported them
 * @error: return location for a #GError
 *
 * Writes @parts of @episode in one transaction, with its modification time
 * and save count. Guests not in the directory are added to it (or linked
 * to the entry of exactly their name) and get their person id once the
 * transaction is committed.
 *
 * The search index follows: the episode is marked for re-indexing in the
 * same transaction, and efir_store_search() brings it up to date before it
 * looks, so a search always sees what was saved. Re-indexing a three-hour
 * transcript takes longer than the rest of the save together; see
 * efir-store-search.c.
 *
 * A stored episode is written only if it is still as @episode was read
 * (its save count, see efir_episode_get_save_count()): a save of another
 * process in between is never overwritten unseen.
 *
 * Returns: %TRUE when saved; %EFIR_STORE_ERROR_NOT_FOUND when the episode
 *   was deleted meanwhile; %EFIR_STORE_ERROR_CONFLICT, with nothing
 *   written, when it was saved elsewhere since @episode was read
 */
gboolean
efir_store_save_episode (EfirStore        *self,
                         EfirEpisode      *episode,
                         EfirEpisodePart   parts,
                         GError          **error)
{
  EfirDatabase *db;
  g_autoptr(GArray) person_ids = NULL;
  gint64 episode_id;
  gint64 save_count = 0;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), FALSE);

  db = efir_store_get_database (self);
  parts &= EFIR_EPISODE_PART_ALL;

  if (parts == 0 && efir_episode_get_id (episode) != 0)
    return TRUE;

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!efir_store_empty_trash_locked (self, efir_store_trash_limit (g_get_real_time ()), NULL, error)
      || !efir_store_write_episode_locked (self, episode, parts, &episode_id, &person_ids, error)
      || !read_save_count_locked (self, episode_id, &save_count, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  if (!efir_database_commit (db, error))
    return FALSE;

  efir_store_apply_saved_ids (episode, episode_id, person_ids);
  efir_episode_set_save_count (episode, save_count);

  return TRUE;
}

/**
 * efir_store_delete_episode:
 * @self: a store
 * @episode_id: the episode's id
 * @error: return location for a #GError
 *
 * Deletes the episode with its guests' billing, quotes, transcript, social
 * links, revisions and search entry. The people in the directory stay.
 *
 * Returns: %TRUE when deleted; %EFIR_STORE_ERROR_NOT_FOUND when there was
 *   no such episode
 */
gboolean
efir_store_delete_episode (EfirStore  *self,
                           gint64      episode_id,
                           GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if ((stmt = efir_database_prepare (db, "DELETE FROM episodes WHERE id = ?1", &local_error)))
      {
        sqlite3_bind_int64 (stmt, 1, episode_id);
        if (efir_database_run (db, stmt, &local_error) && efir_database_changes (db) == 0)
          efir_store_set_episode_not_found (&local_error, episode_id);
      }
  }

  if (local_error == NULL)
    efir_store_forget_search_locked (self, episode_id, &local_error);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

/**
 * efir_store_next_episode_number:
 * @self: a store
 * @program_id: a programme
 * @number: (out): the number after the highest of the programme's episodes,
 *   1 for its first
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @number is set
 */
gboolean
efir_store_next_episode_number (EfirStore  *self,
                                gint64      program_id,
                                int        *number,
                                GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT coalesce (max (number), 0) + 1 FROM episodes"
                                      " WHERE program_id = ?1 AND deleted_at IS NULL",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, program_id);
  if (!efir_database_step (db, stmt, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *number = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/**
 * efir_store_find_episode_by_number:
 * @self: a store
 * @program_id: a programme
 * @number: an episode number
 * @except_episode_id: the episode asking, 0 for none
 * @episode_id: (out): the id of another episode of @program_id numbered
 *   @number, 0 when there is none
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @episode_id is set
 */
gboolean
efir_store_find_episode_by_number (EfirStore  *self,
                                   gint64      program_id,
                                   int         number,
                                   gint64      except_episode_id,
                                   gint64     *episode_id,
                                   GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (episode_id != NULL, FALSE);

  *episode_id = 0;

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT id FROM episodes"
                                      " WHERE program_id = ?1 AND number = ?2 AND id != ?3"
                                      "   AND deleted_at IS NULL"
                                      " ORDER BY id LIMIT 1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, program_id);
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, except_episode_id);
  if (efir_database_step (db, stmt, &local_error))
    *episode_id = sqlite3_column_int64 (stmt, 0);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * efir_store_list_tags:
 * @self: a store
 * @program_id: a programme
 * @error: return location for a #GError
 *
 * The tags the programme's episodes carry, the most used first, for the
 * completion of the tag entry.
 *
 * Returns: (transfer full): a %NULL-terminated array, or %NULL on error
 */
char **
efir_store_list_tags (EfirStore  *self,
                      gint64      program_id,
                      GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT t.value FROM episodes AS e, json_each (e.tags) AS t"
                                      " WHERE e.program_id = ?1 AND e.deleted_at IS NULL AND t.type = 'text'"
                                      " GROUP BY t.value ORDER BY count(*) DESC, t.value",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, program_id);
  while (efir_database_step (db, stmt, &local_error))
    g_strv_builder_add (tags, column_text (stmt, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_strv_builder_end (tags);
}
