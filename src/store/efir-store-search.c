/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "efir-store-private.h"

/* Types ------------------------------------------------------------------ */

/*
 * When the search index follows a save.
 *
 * episode_search has one row per episode, and FTS5 cannot change part of a
 * row: any UPDATE deletes the old row from the index, which tokenizes all
 * of its text again to know which entries to remove, then adds the new
 * row, tokenized in full. With a three-hour transcript (3,000 segments,
 * 30,000 words) that is 10 to 11 ms of CPU, whichever column changed,
 * while the whole save of the transcript after an edit takes about 2 ms
 * and a save of the details 0.3 ms. A separate row for the transcript
 * would not help when the transcript is what was edited, and would break
 * "every word must match" for a query whose words are in different rows.
 *
 * So a save only marks the episode stale, in the same transaction, as a
 * row "search-stale:<id>" in meta; efir_store_search() brings stale rows up
 * to date in one transaction before it looks, and the app may do it
 * earlier with efir_store_refresh_search_index() when the producer pauses.
 * The mark is in the database, so it survives a power cut and is seen by
 * every process that opens the archive: no search ever runs on an index
 * older than what was saved.
 *
 * The index keeps no copy of the text (schema version 8, in
 * efir-migrations.c, says how):
 * the schema's triggers take an episode out of it before a searched text
 * changes, and set the mark, so that the first save after the episode was
 * indexed tokenizes the old text once and later saves only write. A stale
 * episode is not found until it is indexed again, which a search does
 * first; a read-only archive is searched without it.
 *
 * Importing, updating from a file and restoring a revision are rare and
 * not typed: they index the episode at once.
 */
#define STALE_KEY_PREFIX "search-stale:"
#define STALE_KEY_END    "search-stale;" /* ';' follows ':' */

/* Helpers ---------------------------------------------------------------- */

/* Whether FTS5's unicode61, under the "efir" tokenizer, finds a word in
 * @c: letters, digits and other numbers, and private-use characters. A
 * query word made only of other characters would be an empty phrase.
 */
static gboolean
is_token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_prefix_string (GString    *match,
                      const char *word,
                      gsize       length)
{
  if (match->len > 0)
    g_string_append (match, " AND ");

  g_string_append_c (match, '"');
  for (gsize i = 0; i < length; i++)
    {
      if (word[i] == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, word[i]);
    }
  g_string_append (match, "\"*");
}

static gboolean
read_stale_ids (EfirDatabase  *db,
                GArray        *ids,
                GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  /* A range on the primary key rather than LIKE, which would read all of
   * meta.
   */
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT CAST (substr (key, length ('" STALE_KEY_PREFIX "') + 1)"
                                      "             AS INTEGER)"
                                      "  FROM meta"
                                      " WHERE key >= '" STALE_KEY_PREFIX "'"
                                      "   AND key < '" STALE_KEY_END "'",
                                      error)))
    return FALSE;

  while (efir_database_step (db, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Public API: for the store's other files -------------------------------- */

/* Forgets that @episode_id is stale, which shows it in episode_search_text
 * again: only once it is indexed, or gone. */
gboolean
efir_store_forget_search_locked (EfirStore  *self,
                                 gint64      episode_id,
                                 GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "DELETE FROM meta WHERE key = '" STALE_KEY_PREFIX "' || ?1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  return efir_database_run (db, stmt, error);
}

/* The text comes from the view episode_search_text, which makes it from
 * the tables themselves so that it never depends on which parts a save
 * wrote: quotes with their speakers and guests with their roles, one a
 * line, as snippet() will show them; the transcript's words without its
 * speakers, which would repeat a name thousands of times and rank every
 * episode of a host on it. An episode in the trash, or gone, gets no row.
 */
gboolean
efir_store_index_episode_locked (EfirStore  *self,
                                 gint64      episode_id,
                                 GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) unindex_stmt = NULL;
  g_autoptr(EfirStatement) insert_stmt = NULL;

  /* An episode that is not stale is in the index: out with it first,
   * while the view still shows the text it was indexed with. */
  if (!(unindex_stmt = efir_database_prepare (db,
                                              "INSERT INTO episode_search (episode_search, rowid,"
                                              "  title, summary, quotes, guests, transcript)"
                                              " SELECT 'delete', id, title, summary, quotes,"
                                              "        guests, transcript"
                                              "   FROM episode_search_text WHERE id = ?1",
                                              error)))
    return FALSE;

  sqlite3_bind_int64 (unindex_stmt, 1, episode_id);
  if (!efir_database_run (db, unindex_stmt, error)
      || !efir_store_forget_search_locked (self, episode_id, error))
    return FALSE;

  if (!(insert_stmt = efir_database_prepare (db,
                                             "INSERT INTO episode_search (rowid, title, summary,"
                                             "  quotes, guests, transcript)"
                                             " SELECT id, title, summary, quotes, guests, transcript"
                                             "   FROM episode_search_text WHERE id = ?1",
                                             error)))
    return FALSE;

  sqlite3_bind_int64 (insert_stmt, 1, episode_id);
  return efir_database_run (db, insert_stmt, error);
}

char *
efir_store_search_match_expression (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  const char *word = NULL;
  gboolean word_has_token = FALSE;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return NULL;

  for (const char *p = query;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (word != NULL && word_has_token)
            append_prefix_string (match, word, p - word);
          word = NULL;
          word_has_token = FALSE;

          if (c == 0)
            break;
          continue;
        }

      if (word == NULL)
        word = p;
      word_has_token = word_has_token || is_token_char (c);
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

gboolean
efir_store_search_wants_newest (const char *query)
{
  guint n_letters = 0;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return FALSE;

  for (const char *p = query;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (n_letters > 1)
            return FALSE;
          n_letters = 0;
          if (c == 0)
            break;
          continue;
        }

      n_letters += is_token_char (c);
    }

  return TRUE;
}

static gboolean
check_query_length (const char  *query,
                    GError     **error)
{
  guint n_words = 0;
  gboolean in_word = FALSE;

  if (!g_utf8_validate (query, -1, NULL))
    return TRUE;

  if (g_utf8_strlen (query, -1) > EFIR_STORE_SEARCH_MAX_CHARS)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID,
                   /* Translators: %u is a number of characters. */
                   _("The search is too long: search for at most %u characters."),
                   EFIR_STORE_SEARCH_MAX_CHARS);
      return FALSE;
    }

  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n_words++;
      in_word = !space;
    }

  if (n_words > EFIR_STORE_SEARCH_MAX_WORDS)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID,
                   /* Translators: %u is a number of words. */
                   _("The search is too long: search for at most %u words."),
                   EFIR_STORE_SEARCH_MAX_WORDS);
      return FALSE;
    }

  return TRUE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_refresh_search_index:
 * @self: a store
 * @error: return location for a #GError
 *
 * Re-indexes the episodes saved since the index last followed them.
 * efir_store_search() does it first; call it when the producer pauses (on
 * switching episodes, say) so that the next search need not. Takes no
 * write lock when nothing is stale.
 *
 * Returns: %TRUE when the index is up to date
 */
gboolean
efir_store_refresh_search_index (EfirStore  *self,
                                 GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);

  if (!read_stale_ids (db, ids, error))
    return FALSE;
  if (ids->len == 0)
    return TRUE;

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  /* Read again under the write lock: another process may have done it. */
  g_array_set_size (ids, 0);
  if (!read_stale_ids (db, ids, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (!efir_store_index_episode_locked (self, g_array_index (ids, gint64, i), error))
        {
          efir_database_rollback (db, NULL);
          return FALSE;
        }
    }

  if (!efir_database_commit (db, error))
    return FALSE;

  g_debug ("Re-indexed %u episodes for search", ids->len);

  return TRUE;
}

/**
 * efir_store_search:
 * @self: a store
 * @query: the producer's words
 * @limit: the most hits to return, 0 for all
 * @error: return location for a #GError
 *
 * Finds the episodes in which every word of @query starts a word, folded
 * so that "cetin sual" finds "Çətin sual" and "елка" finds "Ёлка". A word
 * in the title counts most, then in the guests, the quotes, the summary
 * and the transcript. The snippet comes from the column that matched best,
 * in its original letters. A query with no word in it, such as "?!", finds
 * nothing. A query of one letter, the first key of every search, finds
 * the newest episodes with a word starting with it, without snippets:
 * every episode has hundreds.
 *
 * Returns: (transfer container) (element-type EfirSearchHit): the hits,
 *   best first, or %NULL with @error set
 */
GPtrArray *
efir_store_search (EfirStore   *self,
                   const char  *query,
                   guint        limit,
                   GError     **error)
{
  g_autofree char *match = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!check_query_length (query, error))
    return NULL;

  if (!(match = efir_store_search_match_expression (query)))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) efir_search_hit_free);

  /* A read-only archive is searched as its last writer left the index. */
  if (!efir_store_is_read_only (self) && !efir_store_refresh_search_index (self, error))
    return NULL;

  return efir_store_search_database (efir_store_get_database (self), query, limit, NULL, error);
}

/**
 * efir_store_search_database:
 * @db: a connection to an Efir database, of any thread
 * @query: the producer's words
 * @limit: the most hits to return, 0 for all
 * @cancellable: (nullable): interrupts the search, from any thread
 * @error: return location for a #GError
 *
 * efir_store_search() on @db as its index stands, without bringing it up
 * to date first: for a worker thread's read connection. A cancelled search
 * fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer container) (element-type EfirSearchHit): the hits,
 *   best first, or %NULL with @error set
 */
GPtrArray *
efir_store_search_database (EfirDatabase  *db,
                            const char    *query,
                            guint          limit,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (EFIR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_search_hit_free);

  if (!check_query_length (query, error))
    return NULL;

  if (!(match = efir_store_search_match_expression (query)))
    return g_steal_pointer (&hits);

  if (!(stmt = efir_database_prepare (db,
                                      efir_store_search_wants_newest (query)
                                        ? EFIR_STORE_SEARCH_NEWEST_SQL
                                        : EFIR_STORE_SEARCH_SQL,
                                      error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (sqlite3_int64) limit : -1);

  while (efir_database_step_cancellable (db, stmt, cancellable, &local_error))
    {
      EfirSearchHit *hit = g_new0 (EfirSearchHit, 1);

      hit->episode_id = sqlite3_column_int64 (stmt, 0);
      hit->rank = sqlite3_column_double (stmt, 1);
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      hit->program_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      hit->number = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (hits, hit);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&hits);
}
