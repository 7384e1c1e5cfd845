/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-search-snippet"

#include "config.h"

#include "efir-search-snippet.h"

/* Types ------------------------------------------------------------------ */

/*
 * efir_snippet (episode_search, column, open, close, ellipsis, tokens):
 * what FTS5's snippet() gives, byte for byte, for less work.
 *
 * snippet() tokenizes every column of the row to find where its sentences
 * start, scores a window of @tokens tokens at each hit by going through
 * every hit of the row again, then tokenizes the column it chose once
 * more to cut and mark the window. A hit's snippet came from a whole
 * transcript tokenized twice, and for a two-letter prefix with hundreds
 * of hits in a transcript the scoring went through hundreds of hits
 * hundreds of times: six snippets cost more than ranking every match.
 *
 * This reads the hits once, tokenizes a column only when it has hits
 * (or is chosen without any) and only as far as a hit can still win,
 * keeping each token's offsets, scores each window from the hits around
 * it, and cuts the window from the kept offsets. The choice of window,
 * the marks and the ellipses follow snippet()'s rules one by one, down
 * to its quirks; the tests compare the two.
 */

typedef struct
{
  int phrase;
  int column;
  int offset;
} Hit;

typedef struct
{
  int start;  /* bytes into the column's text */
  int end;
} Token;

/* What tokenizing a column keeps. It is tokenized as far as a hit needs,
 * a stretch at a time: FTS5's tokenizer ends a token before a separator,
 * so going on from the end of the last token finds the tokens it would
 * have found. */
typedef struct
{
  const char *text;
  int         length;
  GArray     *tokens;          /* Token, in order: its index is its position */
  GArray     *sentence_starts; /* int, the position of each sentence's first token */
  int         resume;          /* where the text not yet tokenized starts */
  int         base;            /* where the stretch being tokenized starts */
  guint       stop_after;      /* the stretch ends with this many tokens */
  gboolean    stopped;         /* it ended there, before the end of the text */
  gboolean    finished;
} Column;

/* How far past the token a hit needs the column is tokenized at once. */
#define TOKENIZED_AHEAD 256

/* snippet()'s coalesced hits: runs of hits in one column that overlap,
 * from the first token of the first to the last token of the longest. */
typedef struct
{
  const Hit *hits;
  guint      n_hits;
  const int *phrase_sizes;
  int        column;
  guint      next;
  int        start;  /* -1 when there are no more */
  int        end;
} HitRun;

/* Helpers ---------------------------------------------------------------- */

static int
token_found_cb (void       *user_data,
                int         flags,
                const char *token,
                int         n_token,
                int         start,
                int         end)
{
  Column *column = user_data;
  Token found = { column->base + start, column->base + end };

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  start = found.start;

  /* A sentence starts after a full stop or a colon and some space, as
   * snippet() finds it; the first token starts one too. */
  if (column->tokens->len > 0)
    {
      int i;
      char c = 0;

      for (i = start - 1; i >= 0; i--)
        {
          c = column->text[i];
          if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        }
      if (i != start - 1 && (c == '.' || c == ':'))
        g_array_append_val (column->sentence_starts, column->tokens->len);
    }
  else
    {
      int first = 0;

      g_array_append_val (column->sentence_starts, first);
    }

  g_array_append_val (column->tokens, found);
  column->resume = found.end;
  if (column->tokens->len >= column->stop_after)
    {
      column->stopped = TRUE;
      return SQLITE_DONE;
    }

  return SQLITE_OK;
}

/* Tokenizes the column until it has the token at @position, or to its
 * end when @position is -1. */
static int
tokenize_until (const Fts5ExtensionApi *api,
                Fts5Context            *fts,
                Column                 *column,
                int                     position)
{
  int rc;

  if (column->tokens == NULL)
    {
      column->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
      column->sentence_starts = g_array_new (FALSE, FALSE, sizeof (int));
      column->finished = column->text == NULL;
    }

  if (column->finished || (position >= 0 && (int) column->tokens->len > position))
    return SQLITE_OK;

  column->base = column->resume;
  column->stop_after = position < 0 ? G_MAXUINT : (guint) position + 1 + TOKENIZED_AHEAD;
  column->stopped = FALSE;
  rc = api->xTokenize (fts, column->text + column->resume, column->length - column->resume,
                       column, token_found_cb);
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  column->finished = rc == SQLITE_OK && !column->stopped;

  return rc;
}

static void
hit_run_next (HitRun *run)
{
  run->start = -1;
  run->end = -1;

  for (; run->next < run->n_hits; run->next++)
    {
      const Hit *hit = &run->hits[run->next];
      int end;

      if (hit->column != run->column)
        continue;

      end = hit->offset - 1 + run->phrase_sizes[hit->phrase];
      if (run->start < 0)
        {
          run->start = hit->offset;
          run->end = end;
        }
      else if (hit->offset <= run->end)
        {
          if (end > run->end)
            run->end = end;
        }
      else
        break;
    }
}

/* Scores the window of @n_tokens tokens from @position in the column of
 * the hits @column_hits (indexes into @hits, in the hits' order, which
 * is by offset): 1000 for each phrase found in it, 1 for each other hit.
 * Returns the window moved to centre its hits, as snippet() does, in
 * @adjusted when not NULL. */
static int
score_window (const Hit   *hits,
              const GArray *column_hits,
              const int   *phrase_sizes,
              guint       *seen,
              guint        stamp,
              int          n_tokens,
              int          size,
              int          position,
              int         *adjusted)
{
  sqlite3_int64 end = (sqlite3_int64) position + n_tokens;
  guint low = 0;
  guint high = column_hits->len;
  int score = 0;
  int first = -1;
  int last = 0;

  /* The first hit at or after @position. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (hits[g_array_index (column_hits, guint, middle)].offset < position)
        low = middle + 1;
      else
        high = middle;
    }

  for (guint i = low; i < column_hits->len; i++)
    {
      const Hit *hit = &hits[g_array_index (column_hits, guint, i)];

      if (hit->offset >= end)
        break;

      score += seen[hit->phrase] == stamp ? 1 : 1000;
      seen[hit->phrase] = stamp;
      if (first < 0)
        first = hit->offset;
      last = hit->offset + phrase_sizes[hit->phrase];
    }

  if (adjusted != NULL)
    {
      sqlite3_int64 start = first - (n_tokens - (last - first)) / 2;

      if (start + n_tokens > size)
        start = size - n_tokens;
      if (start < 0)
        start = 0;
      *adjusted = (int) start;
    }

  return score;
}

/* Public API ------------------------------------------------------------- */

void
efir_search_snippet (const Fts5ExtensionApi  *api,
                     Fts5Context             *fts,
                     sqlite3_context         *context,
                     int                      n_args,
                     sqlite3_value          **args)
{
  const char *open_mark;
  const char *close_mark;
  const char *ellipsis;
  int only_column;
  int n_tokens;
  int n_columns;
  int n_phrases;
  int n_hits = 0;
  int best_column;
  int best_start = 0;
  int best_score = 0;
  int best_size = 0;
  g_autofree Hit *hits = NULL;
  g_autofree int *phrase_sizes = NULL;
  g_autofree guint *seen = NULL;
  g_autofree Column *columns = NULL;
  g_autoptr(GArray) column_hits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) out = NULL;
  guint stamp = 0;
  int rc = SQLITE_OK;

  if (n_args != 5)
    {
      sqlite3_result_error (context, "wrong number of arguments to function efir_snippet()", -1);
      return;
    }

  only_column = sqlite3_value_int (args[0]);
  open_mark = (const char *) sqlite3_value_text (args[1]);
  close_mark = (const char *) sqlite3_value_text (args[2]);
  ellipsis = (const char *) sqlite3_value_text (args[3]);
  n_tokens = sqlite3_value_int (args[4]);
  open_mark = open_mark != NULL ? open_mark : "";
  close_mark = close_mark != NULL ? close_mark : "";
  ellipsis = ellipsis != NULL ? ellipsis : "";

  n_columns = api->xColumnCount (fts);
  n_phrases = api->xPhraseCount (fts);
  best_column = only_column >= 0 ? only_column : 0;

  phrase_sizes = g_new0 (int, MAX (n_phrases, 1));
  seen = g_new0 (guint, MAX (n_phrases, 1));
  columns = g_new0 (Column, MAX (n_columns, 1));
  for (int p = 0; p < n_phrases; p++)
    phrase_sizes[p] = api->xPhraseSize (fts, p);

  rc = api->xInstCount (fts, &n_hits);
  if (rc == SQLITE_OK)
    hits = g_new0 (Hit, MAX (n_hits, 1));
  for (int i = 0; rc == SQLITE_OK && i < n_hits; i++)
    rc = api->xInst (fts, i, &hits[i].phrase, &hits[i].column, &hits[i].offset);

  for (int c = 0; rc == SQLITE_OK && c < n_columns; c++)
    {
      Column *column = &columns[c];
      int densest;  /* the best score of a window from a hit so far */
      int size;

      if (only_column >= 0 && only_column != c)
        continue;

      g_array_set_size (column_hits, 0);
      for (int i = 0; i < n_hits; i++)
        {
          if (hits[i].column == c)
            g_array_append_val (column_hits, i);
        }

      /* A column without hits scores nothing: snippet() tokenizes it for
       * nothing. */
      if (column_hits->len == 0)
        continue;

      if ((rc = api->xColumnText (fts, c, &column->text, &column->length)) != SQLITE_OK
          || (rc = tokenize_until (api, fts, column, 0)) != SQLITE_OK
          || (rc = api->xColumnSize (fts, c, &size)) != SQLITE_OK)
        break;

      densest = 0;

      for (guint h = 0; h < column_hits->len; h++)
        {
          const Hit *hit = &hits[g_array_index (column_hits, guint, h)];
          GArray *starts = column->sentence_starts;
          int adjusted;
          int score;
          int bonus;
          guint s;

          if (hit->offset > size)
            {
              rc = SQLITE_CORRUPT_VTAB;
              break;
            }

          score = score_window (hits, column_hits, phrase_sizes, seen, ++stamp, n_tokens, size,
                                hit->offset, &adjusted);
          densest = MAX (densest, score);
          if (score > best_score)
            {
              best_score = score;
              best_column = c;
              best_start = adjusted;
              best_size = size;
            }

          if (starts->len == 0 || size <= n_tokens)
            continue;

          /* The window from the start of the hit's sentence holds no hit
           * that a window from a hit so far does not: when even the bonus
           * of a sentence's start cannot carry it past the best, the
           * sentence need not be found, nor the text tokenized so far.
           * The first sentence's start, 0, gets more. */
          bonus = starts->len > 1 && g_array_index (starts, int, 1) <= hit->offset ? 100 : 120;
          if (densest + bonus <= best_score)
            continue;

          if ((rc = tokenize_until (api, fts, column, hit->offset)) != SQLITE_OK)
            break;

          /* The last sentence to start at or before the hit. */
          for (s = 0; s + 1 < starts->len; s++)
            {
              if (g_array_index (starts, int, s + 1) > hit->offset)
                break;
            }

          if (g_array_index (starts, int, s) < hit->offset)
            {
              int start = g_array_index (starts, int, s);

              score = score_window (hits, column_hits, phrase_sizes, seen, ++stamp, n_tokens, size,
                                    start, NULL);
              score += start == 0 ? 120 : 100;
              if (score > best_score)
                {
                  best_score = score;
                  best_column = c;
                  best_start = start;
                  best_size = size;
                }
            }
        }
    }

  /* A column that is not there, as snippet() says. */
  if (rc == SQLITE_OK && best_column >= n_columns)
    rc = SQLITE_RANGE;

  if (rc == SQLITE_OK)
    {
      Column *column = &columns[best_column];

      if (column->tokens == NULL)
        rc = api->xColumnText (fts, best_column, &column->text, &column->length);
      if (rc == SQLITE_OK && best_size == 0)
        rc = api->xColumnSize (fts, best_column, &best_size);
      if (rc == SQLITE_OK && column->text != NULL)
        rc = tokenize_until (api, fts, column, best_start + n_tokens - 1 > 0
                                               ? best_start + n_tokens - 1 : -1);

      if (rc == SQLITE_OK && column->text != NULL)
        {
          int range_start = best_start;
          int range_end = best_start + n_tokens - 1;
          int from = 0;
          int to = (int) column->tokens->len - 1;
          int cut = 0;  /* where the text not yet copied starts */
          HitRun run = { hits, n_hits, phrase_sizes, best_column, 0, -1, -1 };

          out = g_string_new (NULL);
          hit_run_next (&run);

          if (best_start > 0)
            g_string_append (out, ellipsis);

          while (run.start >= 0 && run.start < best_start)
            hit_run_next (&run);

          /* Outside a window of more than its first token, snippet()'s
           * highlighter only counts tokens. */
          if (range_end > 0)
            {
              from = MAX (range_start, 0);
              to = MIN (to, range_end);
            }

          for (int position = from; position <= to; position++)
            {
              const Token *token = &g_array_index (column->tokens, Token, position);

              if (range_end > 0 && range_start != 0 && position == range_start)
                cut = token->start;

              if (position == run.start)
                {
                  g_string_append_len (out, column->text + cut, token->start - cut);
                  g_string_append (out, open_mark);
                  cut = token->start;
                }

              if (position == run.end)
                {
                  if (range_end != 0 && run.start < range_start)
                    g_string_append (out, open_mark);
                  g_string_append_len (out, column->text + cut, token->end - cut);
                  g_string_append (out, close_mark);
                  cut = token->end;
                  hit_run_next (&run);
                }

              if (range_end > 0 && position == range_end)
                {
                  g_string_append_len (out, column->text + cut, token->end - cut);
                  cut = token->end;
                  if (position >= run.start && position < run.end)
                    g_string_append (out, close_mark);
                }
            }

          if (range_end >= best_size - 1)
            g_string_append_len (out, column->text + cut, column->length - cut);
          else
            g_string_append (out, ellipsis);
        }
    }

  for (int c = 0; c < n_columns; c++)
    {
      g_clear_pointer (&columns[c].tokens, g_array_unref);
      g_clear_pointer (&columns[c].sentence_starts, g_array_unref);
    }

  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  /* No text, no snippet; and like snippet(), up to a nul, should the
   * text hold one. */
  if (out == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, out->str, -1, SQLITE_TRANSIENT);
}
