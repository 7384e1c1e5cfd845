/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-search-tokenizer"

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "efir-fold.h"
#include "efir-database.h"
#include "efir-search-tokenizer.h"
#include "efir-store-error.h"

/* Types ------------------------------------------------------------------ */

/*
 * The "efir" tokenizer: FTS5's unicode61 finds the words, then every word,
 * indexed or searched for, goes through efir_fold_append(), the folding the
 * rest of Efir searches with. unicode61 alone leaves ə and ı as they are,
 * so "Əliyev" would never be found by "eliyev".
 *
 * Only the tokens are folded: FTS5 keeps the text it was given, and
 * snippet() and highlight() cut that original text at the byte offsets
 * reported here, which are unicode61's offsets into it.
 */

typedef struct
{
  fts5_tokenizer  parent;
  Fts5Tokenizer  *parent_instance;
} EfirTokenizer;

typedef struct
{
  void     *ctx;
  int     (*token_cb) (void       *ctx,
                       int         flags,
                       const char *token,
                       int         n_token,
                       int         start,
                       int         end);
  GString  *folded;
} TokenizeData;

/* Helpers ---------------------------------------------------------------- */

static fts5_api *
get_fts5_api (sqlite3  *handle,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  int rc;

  /* FTS5 hands its API out only as a pointer bound to this query. */
  rc = sqlite3_prepare_v2 (handle, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    efir_store_error_set_from_sqlite (error, handle, rc);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && (api == NULL || api->iVersion < 2))
    {
      g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                           "This SQLite has no usable FTS5");
      return NULL;
    }

  return api;
}

/* Callbacks -------------------------------------------------------------- */

static int
token_found_cb (void       *user_data,
                int         flags,
                const char *token,
                int         n_token,
                int         start,
                int         end)
{
  TokenizeData *data = user_data;

  g_string_truncate (data->folded, 0);
  efir_fold_append (data->folded, token, n_token);

  /* A token of nothing but marks folds to nothing; FTS5 has no use for it. */
  if (data->folded->len == 0)
    return SQLITE_OK;

  return data->token_cb (data->ctx, flags, data->folded->str, (int) data->folded->len,
                         start, end);
}

static int
tokenizer_create_cb (void           *user_data,
                     const char    **args,
                     int             n_args,
                     Fts5Tokenizer **out)
{
  fts5_api *api = user_data;
  g_autofree const char **parent_args = NULL;
  void *parent_user_data = NULL;
  EfirTokenizer *self;
  int rc;

  self = g_new0 (EfirTokenizer, 1);

  rc = api->xFindTokenizer (api, "unicode61", &parent_user_data, &self->parent);
  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }

  /* unicode61 already folds case and, with remove_diacritics 2, the accents
   * of Latin letters; efir_fold_append() does the rest. Options written
   * after tokenize = 'efir' come later and may override these.
   */
  parent_args = g_new0 (const char *, n_args + 2);
  parent_args[0] = "remove_diacritics";
  parent_args[1] = "2";
  for (int i = 0; i < n_args; i++)
    parent_args[i + 2] = args[i];

  rc = self->parent.xCreate (parent_user_data, parent_args, n_args + 2, &self->parent_instance);
  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }

  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static void
tokenizer_delete_cb (Fts5Tokenizer *tokenizer)
{
  EfirTokenizer *self = (EfirTokenizer *) tokenizer;

  self->parent.xDelete (self->parent_instance);
  g_free (self);
}

static int
tokenizer_tokenize_cb (Fts5Tokenizer *tokenizer,
                       void          *ctx,
                       int            flags,
                       const char    *text,
                       int            n_text,
                       int          (*token_cb) (void       *ctx,
                                                 int         flags,
                                                 const char *token,
                                                 int         n_token,
                                                 int         start,
                                                 int         end))
{
  EfirTokenizer *self = (EfirTokenizer *) tokenizer;
  TokenizeData data;
  int rc;

  data.ctx = ctx;
  data.token_cb = token_cb;
  data.folded = g_string_sized_new (64);

  rc = self->parent.xTokenize (self->parent_instance, &data, flags, text, n_text, token_found_cb);

  g_string_free (data.folded, TRUE);

  return rc;
}

/*
 * efir_transcript_text (segments): the "text" of each segment of one
 * transcripts row, one a line, or NULL when it has none, so that
 * group_concat() over the rows of an episode gives its whole transcript.
 * The view episode_search_text needs it: FTS5 reads the text of its
 * external content with statements that may not use a virtual table, so
 * json_each() is out of bounds there.
 */
static void
transcript_text_cb (sqlite3_context  *context,
                    int               n_args,
                    sqlite3_value   **args)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) text = NULL;
  const char *segments = (const char *) sqlite3_value_text (args[0]);
  int length = sqlite3_value_bytes (args[0]);
  gsize text_length;
  JsonNode *root;
  JsonArray *array;

  if (segments == NULL
      || !json_parser_load_from_data (parser, segments, length, NULL)
      || !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
    {
      sqlite3_result_null (context);
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *segment = json_array_get_element (array, i);
      JsonNode *node;

      if (!JSON_NODE_HOLDS_OBJECT (segment)
          || !(node = json_object_get_member (json_node_get_object (segment), "text"))
          || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, json_node_get_string (node));
    }

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  text_length = text->len;
  sqlite3_result_text64 (context, g_string_free (g_steal_pointer (&text), FALSE), text_length,
                         g_free, SQLITE_UTF8);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_search_tokenizer_register:
 * @handle: an SQLite connection
 * @error: return location for a #GError
 *
 * Registers the "efir" FTS5 tokenizer on @handle, and the function
 * efir_transcript_text() that the search index's view of the text needs.
 * Every connection that reads or writes an FTS5 table declared with
 * tokenize = 'efir' needs them; efir_database_open() registers them on
 * each connection it opens.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_search_tokenizer_register (sqlite3  *handle,
                                GError  **error)
{
  fts5_tokenizer methods = {
    .xCreate = tokenizer_create_cb,
    .xDelete = tokenizer_delete_cb,
    .xTokenize = tokenizer_tokenize_cb,
  };
  fts5_api *api;
  int rc;

  g_return_val_if_fail (handle != NULL, FALSE);

  if (!(api = get_fts5_api (handle, error)))
    return FALSE;

  rc = api->xCreateTokenizer (api, EFIR_SEARCH_TOKENIZER, api, &methods, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (handle, "efir_transcript_text", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, transcript_text_cb, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      efir_store_error_set_from_sqlite (error, handle, rc);
      return FALSE;
    }

  return TRUE;
}
