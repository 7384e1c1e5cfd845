/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-search-tokenizer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "efir-fold.h"
#include "efir-database.h"
#include "efir-search-snippet.h"
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

/* For snippets and highlights: FTS5's and efir_snippet() read only where
 * each token is, never its letters, so folding them is wasted; whether a
 * token folds to nothing still decides whether it counts. */
static int
token_placed_cb (void       *user_data,
                 int         flags,
                 const char *token,
                 int         n_token,
                 int         start,
                 int         end)
{
  TokenizeData *data = user_data;

  if (efir_fold_is_empty (token, n_token))
    return SQLITE_OK;

  return data->token_cb (data->ctx, flags, token, n_token, start, end);
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

  rc = self->parent.xTokenize (self->parent_instance, &data, flags, text, n_text,
                               flags & FTS5_TOKENIZE_AUX ? token_placed_cb : token_found_cb);

  g_string_free (data.folded, TRUE);

  return rc;
}

/*
 * efir_transcript_text (segments): the "text" of each segment of one
 * transcripts row, one a line, or NULL when it has none, so that
 * group_concat() over the rows of an episode gives its whole transcript,
 * as json_each() and ->> gave it before. The view episode_search_text needs
 * it: FTS5 reads the text of its external content with statements that
 * may not use a virtual table, so json_each() is out of bounds there. It
 * runs for every hit that gets a snippet and for every save that takes an
 * episode out of the index, so it reads the JSON in one pass, building
 * nothing but the text: a JSON parser building a tree took 4 ms for a
 * 40-minute transcript.
 */
typedef struct
{
  const char *p;
  const char *end;
} Scanner;

#define JSON_MAX_DEPTH 64

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
read_hex4 (Scanner  *s,
           gunichar *c)
{
  *c = 0;
  if (s->end - s->p < 4)
    return FALSE;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (*s->p++);

      if (digit < 0)
        return FALSE;
      *c = *c * 16 + digit;
    }

  return TRUE;
}

/* Reads the string at s->p, its opening quote, appending what it says to
 * @out unless @out is NULL. */
static gboolean
read_string (Scanner *s,
             GString *out)
{
  s->p++;
  while (s->p < s->end)
    {
      const char *run = s->p;
      gunichar c;

      while (s->p < s->end && *s->p != '"' && *s->p != '\\')
        s->p++;
      if (out != NULL)
        g_string_append_len (out, run, s->p - run);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p++ == '"')
        return TRUE;
      if (s->p >= s->end)
        return FALSE;

      switch (*s->p++)
        {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          if (!read_hex4 (s, &c))
            return FALSE;
          if (c >= 0xd800 && c < 0xdc00 && s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u')
            {
              Scanner low_start = *s;
              gunichar low;

              s->p += 2;
              if (read_hex4 (s, &low) && low >= 0xdc00 && low < 0xe000)
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              else
                *s = low_start;
            }
          /* A lone surrogate is no character. */
          if (c >= 0xd800 && c < 0xe000)
            c = 0xfffd;
          break;
        default:
          return FALSE;
        }

      if (out != NULL)
        g_string_append_unichar (out, c);
    }

  return FALSE;
}

static gboolean
skip_value (Scanner *s,
            guint    depth)
{
  skip_space (s);
  if (s->p >= s->end || depth > JSON_MAX_DEPTH)
    return FALSE;

  switch (*s->p)
    {
    case '"':
      return read_string (s, NULL);

    case '[':
    case '{':
      {
        char close = *s->p == '[' ? ']' : '}';

        s->p++;
        skip_space (s);
        if (s->p < s->end && *s->p == close)
          {
            s->p++;
            return TRUE;
          }

        for (;;)
          {
            if (close == '}')
              {
                skip_space (s);
                if (s->p >= s->end || *s->p != '"' || !read_string (s, NULL))
                  return FALSE;
                skip_space (s);
                if (s->p >= s->end || *s->p++ != ':')
                  return FALSE;
              }
            if (!skip_value (s, depth + 1))
              return FALSE;
            skip_space (s);
            if (s->p >= s->end)
              return FALSE;
            if (*s->p == close)
              {
                s->p++;
                return TRUE;
              }
            if (*s->p++ != ',')
              return FALSE;
          }
      }

    default:
      /* A number, true, false or null. */
      while (s->p < s->end && !strchr (",]} \t\n\r", *s->p))
        s->p++;
      return TRUE;
    }
}

/* Appends the "text" of the segment object at s->p to @out, after a line
 * break if @out has text already; @found says whether @out has any. */
static gboolean
read_segment (Scanner  *s,
              GString  *out,
              gboolean *found,
              GString  *key)
{
  gboolean has_text = FALSE;

  skip_space (s);
  if (s->p >= s->end || *s->p != '{')
    return skip_value (s, 1);

  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      skip_space (s);
      g_string_truncate (key, 0);
      if (s->p >= s->end || *s->p != '"' || !read_string (s, key))
        return FALSE;
      skip_space (s);
      if (s->p >= s->end || *s->p++ != ':')
        return FALSE;
      skip_space (s);

      if (!has_text && g_str_equal (key->str, "text") && s->p < s->end && *s->p == '"')
        {
          if (*found)
            g_string_append_c (out, '\n');
          *found = TRUE;
          has_text = TRUE;
          if (!read_string (s, out))
            return FALSE;
        }
      else if (!skip_value (s, 2))
        return FALSE;

      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == '}')
        {
          s->p++;
          return TRUE;
        }
      if (*s->p++ != ',')
        return FALSE;
    }
}

static void
transcript_text_cb (sqlite3_context  *context,
                    int               n_args,
                    sqlite3_value   **args)
{
  const char *segments = (const char *) sqlite3_value_text (args[0]);
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) key = NULL;
  gboolean found = FALSE;
  gsize text_length;
  Scanner s;

  if (segments == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  s.p = segments;
  s.end = segments + sqlite3_value_bytes (args[0]);
  text = g_string_new (NULL);
  key = g_string_new (NULL);

  skip_space (&s);
  if (s.p >= s.end || *s.p++ != '[')
    goto not_an_array;

  skip_space (&s);
  if (s.p < s.end && *s.p == ']')
    s.p++;
  else
    {
      for (;;)
        {
          if (!read_segment (&s, text, &found, key))
            goto not_an_array;
          skip_space (&s);
          if (s.p >= s.end)
            goto not_an_array;
          if (*s.p == ']')
            {
              s.p++;
              break;
            }
          if (*s.p++ != ',')
            goto not_an_array;
        }
    }

  if (!found)
    {
      sqlite3_result_null (context);
      return;
    }

  text_length = text->len;
  sqlite3_result_text64 (context, g_string_free (g_steal_pointer (&text), FALSE), text_length,
                         g_free, SQLITE_UTF8);
  return;

not_an_array:
  sqlite3_result_null (context);
}

/*
 * efir_bm25 (episode_search, weights…): FTS5's bm25() to the last bit, in
 * fewer steps. bm25() counts a row's hits through xInstCount(), which
 * first gathers every hit of every phrase into one array in order of
 * position; a two-letter prefix such as "по" hits hundreds of words in
 * each of 3,500 transcripts, and ranking them was most of such a search.
 * This counts each phrase's hits as xPhraseFirst() walks them: the same
 * positions in the same order (FTS5 orders both by column, then offset),
 * so each phrase's weighted count is the same sum, added in the same
 * order, put through bm25()'s own formula with its constants. The tests
 * compare the two.
 */
typedef struct
{
  int     n_phrases;
  int     n_columns;
  double  average_length;  /* tokens in a row, over the whole table */
  double *idf;             /* per phrase */
  double *frequency;       /* per phrase, of the current row */
  double *weight;          /* per column, of the current call */
} RankData;

static int
row_counted_cb (const Fts5ExtensionApi *api,
                Fts5Context            *fts,
                void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

/* What is the same for every row of a query, computed at its first as
 * bm25() computes it. */
static int
get_rank_data (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               RankData               **out)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;
  int n_phrases;
  int n_columns;
  int rc;

  if (data != NULL)
    {
      *out = data;
      return SQLITE_OK;
    }

  n_phrases = api->xPhraseCount (fts);
  n_columns = api->xColumnCount (fts);
  data = sqlite3_malloc64 (sizeof (RankData)
                           + (2 * (gsize) n_phrases + n_columns) * sizeof (double));
  if (data == NULL)
    return SQLITE_NOMEM;

  data->n_phrases = n_phrases;
  data->n_columns = n_columns;
  data->idf = (double *) &data[1];
  data->frequency = data->idf + n_phrases;
  data->weight = data->frequency + n_phrases;

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (rc == SQLITE_OK)
    data->average_length = (double) n_tokens / (double) n_rows;

  for (int i = 0; rc == SQLITE_OK && i < n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;

      rc = api->xQueryPhrase (fts, i, &n_hits, row_counted_cb);
      if (rc == SQLITE_OK)
        {
          double idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));

          data->idf[i] = idf <= 0.0 ? 1e-6 : idf;
        }
    }

  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata (fts, data, sqlite3_free);
  else
    sqlite3_free (data);

  *out = rc == SQLITE_OK ? data : NULL;
  return rc;
}

static void
rank_cb (const Fts5ExtensionApi  *api,
         Fts5Context             *fts,
         sqlite3_context         *context,
         int                      n_args,
         sqlite3_value          **args)
{
  const double k1 = 1.2;
  const double b = 0.75;
  RankData *data = NULL;
  double score = 0.0;
  double length = 0.0;
  int rc;

  rc = get_rank_data (api, fts, &data);

  if (rc == SQLITE_OK)
    {
      for (int c = 0; c < data->n_columns; c++)
        data->weight[c] = c < n_args ? sqlite3_value_double (args[c]) : 1.0;
    }

  for (int i = 0; rc == SQLITE_OK && i < data->n_phrases; i++)
    {
      Fts5PhraseIter iter;
      int column;
      int offset;

      data->frequency[i] = 0.0;
      for (rc = api->xPhraseFirst (fts, i, &iter, &column, &offset);
           rc == SQLITE_OK && column >= 0;
           api->xPhraseNext (fts, &iter, &column, &offset))
        data->frequency[i] += column < data->n_columns ? data->weight[column] : 1.0;
    }

  if (rc == SQLITE_OK)
    {
      int n_tokens;

      rc = api->xColumnSize (fts, -1, &n_tokens);
      length = (double) n_tokens;
    }

  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < data->n_phrases; i++)
    {
      double f = data->frequency[i];

      score += data->idf[i] * ((f * (k1 + 1.0))
                               / (f + k1 * (1 - b + b * length / data->average_length)));
    }

  sqlite3_result_double (context, -1.0 * score);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_search_tokenizer_register:
 * @handle: an SQLite connection
 * @error: return location for a #GError
 *
 * Registers the "efir" FTS5 tokenizer on @handle, the function
 * efir_transcript_text() that the search index's view of the text needs,
 * and the functions searches rank and cut snippets with, efir_bm25() and
 * efir_snippet().
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
    rc = api->xCreateFunction (api, "efir_bm25", NULL, rank_cb, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "efir_snippet", NULL, efir_search_snippet, NULL);
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
