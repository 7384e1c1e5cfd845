/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-transcript-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "efir-timecode-private.h"
#include "efir-transcript-text.h"

/* Types and limits ------------------------------------------------------- */

/*
 * The timed plain text form, as producers edit it:
 *
 *   [00:12:34] Host: What is Azerbaijan concerned about?
 *   [00:12:40] Nasimi Mammadli: There are no specific threats.
 *   The Karabakh issue has been resolved.
 *   [00:13:02] (applause)
 *
 * A line starting with a bracketed time code starts a segment; an optional
 * "Speaker:" follows it. Other lines continue the segment above, blank lines
 * are ignored. Each segment ends where the next one starts.
 */

/* What passes for a speaker before the first ": ": short and without
 * sentence punctuation, so that a sentence such as "What is Azerbaijan
 * concerned about: foreign interference?" stays text.
 */
#define SPEAKER_MAX_CHARS 40
#define SPEAKER_MAX_WORDS 4

/* How much of a bad line an error message quotes. */
#define QUOTE_MAX_CHARS 30

typedef struct
{
  gboolean  open;
  double    start;
  GString  *speaker;
  GString  *text;
} PendingSegment;

G_DEFINE_QUARK (efir-transcript-error-quark, efir_transcript_error)

/* Helpers ---------------------------------------------------------------- */

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static inline gboolean
is_sentence_punctuation (char c)
{
  return c == '?' || c == '!' || c == ';' || c == ',' || c == '"';
}

static inline gboolean
is_timecode_char (char c)
{
  return g_ascii_isdigit (c) || c == ':' || c == '.' || c == ',' || c == ';' || c == '-' || c == ' ';
}

/* A bracket that starts with a digit and holds a colon or nothing but time
 * code punctuation was meant as a time code, even a mistyped one such as
 * "[00:1O:34]", and must not quietly become text; "[laughter]" or
 * "[2 guests laugh]" is text.
 */
static gboolean
looks_like_timecode (const char *s,
                     gsize       length)
{
  gboolean only_timecode_chars = TRUE;

  if (length == 0 || !g_ascii_isdigit (s[0]))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (s[i] == ':')
        return TRUE;
      if (!is_timecode_char (s[i]))
        only_timecode_chars = FALSE;
    }

  return only_timecode_chars;
}

/* Returns the length of the speaker before ": " at the start of @s, or 0;
 * @text_offset is where the spoken text starts.
 */
static gsize
find_speaker (const char *s,
              gsize       length,
              gsize      *text_offset)
{
  const char *colon = memchr (s, ':', length);
  const char *end;
  guint n_words = 0;
  gboolean in_word = FALSE;

  if (colon == NULL)
    return 0;

  /* "at 10:30" and "https://" are not speakers. */
  if (colon + 1 < s + length && !is_blank (colon[1]))
    return 0;

  end = colon;
  while (end > s && is_blank (end[-1]))
    end--;
  if (end == s || g_utf8_strlen (s, end - s) > SPEAKER_MAX_CHARS)
    return 0;

  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Sentence punctuation and quotation marks mean a sentence, not a
       * name.
       */
      if (is_sentence_punctuation (*p) ||
          c == 0x00AB || c == 0x00BB || c == 0x201C || c == 0x201D || c == 0x201E)
        return 0;

      if (is_blank (*p))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          if (++n_words > SPEAKER_MAX_WORDS)
            return 0;
        }
    }

  *text_offset = colon + 1 - s;
  while (*text_offset < length && is_blank (s[*text_offset]))
    (*text_offset)++;

  return end - s;
}

static char *
quote_line (const char *s,
            gsize       length)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (s, length) <= QUOTE_MAX_CHARS)
    return g_strndup (s, length);

  start = g_utf8_substring (s, 0, QUOTE_MAX_CHARS);

  return g_strconcat (start, "…", NULL);
}

static void
set_bad_timecode_error (GError     **error,
                        guint        line_number,
                        const char  *code,
                        gsize        code_length)
{
  g_autofree char *quoted = quote_line (code, code_length);

  g_set_error (error, EFIR_TRANSCRIPT_ERROR, EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE,
               _("Line %u: “%s” is not a time code like [00:12:34]."),
               line_number, quoted);
}

/* Finds the time code a line starts with. Returns FALSE for a line of text;
 * TRUE with @code set to what is between the brackets, @rest to what
 * follows them, or TRUE with @rest NULL if the bracket is never closed.
 */
static gboolean
find_timecode (const char  *line,
               const char  *line_end,
               const char **code,
               gsize       *code_length,
               const char **rest)
{
  const char *close;
  const char *token_end;

  if (line == line_end || *line != '[')
    return FALSE;

  *code = line + 1;
  close = memchr (line, ']', line_end - line);
  if (close != NULL)
    {
      *code_length = close - *code;
      *rest = close + 1;
      return looks_like_timecode (*code, *code_length);
    }

  /* "[00:12:34 Host: …": the code as far as it goes. */
  for (token_end = *code; token_end < line_end && !is_blank (*token_end); token_end++)
    ;
  *code_length = token_end - *code;
  *rest = NULL;

  return looks_like_timecode (*code, *code_length);
}

static void
pending_segment_finish (PendingSegment *pending,
                        GPtrArray      *segments,
                        double          end)
{
  if (!pending->open)
    return;

  g_ptr_array_add (segments,
                   efir_segment_new (pending->start, MAX (end, pending->start),
                                     pending->speaker->str, pending->text->str));
  pending->open = FALSE;
}

/* Whether efir_transcript_text_parse() would read a speaker out of the
 * first line of @text.
 */
static gboolean
text_looks_like_speaker (const char *text)
{
  const char *newline = strchr (text, '\n');
  gsize length = newline != NULL ? (gsize) (newline - text) : strlen (text);
  gsize text_offset;

  return find_speaker (text, length, &text_offset) > 0;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_transcript_text_parse:
 * @text: the transcript as timed plain text
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 * @total_duration: the length of the video in seconds, or 0 if unknown
 * @error: return location for an #EFIR_TRANSCRIPT_ERROR
 *
 * Reads the timed plain text form of a transcript. Each segment ends where
 * the next one starts; the last one at @total_duration if that is later
 * than its start.
 *
 * Returns: (transfer container) (element-type EfirSegment): the segments
 *   in order, or %NULL with @error set
 */
GPtrArray *
efir_transcript_text_parse (const char  *text,
                            gssize       length,
                            double       total_duration,
                            GError     **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GString) speaker = NULL;
  g_autoptr(GString) segment_text = NULL;
  g_autofree char *valid = NULL;
  PendingSegment pending = { 0 };
  const char *end;
  guint line_number = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  /* Segments hold UTF-8; a stray byte from a pasted file becomes U+FFFD
   * rather than failing the whole transcript.
   */
  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  segments = g_ptr_array_new_with_free_func (g_object_unref);
  speaker = g_string_new (NULL);
  segment_text = g_string_new (NULL);
  pending.speaker = speaker;
  pending.text = segment_text;

  end = text + length;
  for (const char *p = text; p < end; )
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line = p;
      const char *line_end = newline != NULL ? newline : end;
      const char *code;
      const char *rest;
      gsize code_length;
      gsize speaker_length;
      gsize text_offset = 0;
      double start;

      p = newline != NULL ? newline + 1 : end;
      line_number++;

      /* Editors leave trailing spaces, and Windows files a "\r". */
      while (line_end > line && is_blank (line_end[-1]))
        line_end--;
      while (line < line_end && is_blank (*line))
        line++;
      if (line == line_end)
        continue;

      if (!find_timecode (line, line_end, &code, &code_length, &rest))
        {
          if (!pending.open)
            {
              g_autofree char *quoted = quote_line (line, line_end - line);

              g_set_error (error, EFIR_TRANSCRIPT_ERROR, EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE,
                           _("Line %u: “%s” does not start with a time code like [00:12:34]."),
                           line_number, quoted);
              return NULL;
            }

          /* A continuation line. Its leading blanks went with the others:
           * indenting is how editors wrap, not part of what was said.
           */
          if (segment_text->len > 0)
            g_string_append_c (segment_text, '\n');
          g_string_append_len (segment_text, line, line_end - line);
          continue;
        }

      if (rest == NULL || !efir_timecode_parse_len (code, code_length, &start))
        {
          set_bad_timecode_error (error, line_number, code - 1,
                                  code_length + (rest != NULL ? 2 : 1));
          return NULL;
        }

      if (pending.open && start < pending.start)
        {
          g_autofree char *this_code = efir_timecode_format (start);
          g_autofree char *previous_code = efir_timecode_format (pending.start);

          g_set_error (error, EFIR_TRANSCRIPT_ERROR, EFIR_TRANSCRIPT_ERROR_OUT_OF_ORDER,
                       _("Line %u: [%s] is earlier than the time code above it, [%s]."),
                       line_number, this_code, previous_code);
          return NULL;
        }

      pending_segment_finish (&pending, segments, start);

      while (rest < line_end && is_blank (*rest))
        rest++;

      g_string_truncate (speaker, 0);
      g_string_truncate (segment_text, 0);

      speaker_length = find_speaker (rest, line_end - rest, &text_offset);
      if (speaker_length > 0)
        {
          g_string_append_len (speaker, rest, speaker_length);
          rest += text_offset;
        }

      g_string_append_len (segment_text, rest, line_end - rest);
      pending.start = start;
      pending.open = TRUE;
    }

  if (!pending.open)
    {
      g_set_error_literal (error, EFIR_TRANSCRIPT_ERROR, EFIR_TRANSCRIPT_ERROR_EMPTY,
                           _("The transcript has no line that starts with a time code like [00:12:34]."));
      return NULL;
    }

  pending_segment_finish (&pending, segments,
                          isfinite (total_duration) ? total_duration : 0);

  return g_steal_pointer (&segments);
}

/**
 * efir_transcript_text_format:
 * @segments: (element-type EfirSegment): the transcript
 *
 * Writes @segments in the timed plain text form, one "[00:12:34] Speaker:
 * text" line per segment and further lines of a segment's text below it.
 * Segment ends are not written: reading the text back ends each segment
 * where the next starts. Blank lines and the indentation of lines inside a
 * segment's text do not survive reading back either.
 *
 * Returns: (transfer full): the text, "" for no segments
 */
char *
efir_transcript_text_format (GListModel *segments)
{
  GString *out;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (segments), NULL);

  n_items = g_list_model_get_n_items (segments);

  /* Room for the time codes and a typical line of speech, so a three-hour
   * transcript grows the buffer only a few times.
   */
  out = g_string_sized_new (n_items * 96 + 1);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);
      const char *speaker = efir_segment_get_speaker (segment);
      const char *text = efir_segment_get_text (segment);

      g_string_append_c (out, '[');
      efir_timecode_append (out, efir_segment_get_start (segment));
      g_string_append_c (out, ']');

      if (speaker[0] != '\0')
        {
          g_string_append_c (out, ' ');
          g_string_append (out, speaker);
          g_string_append_c (out, ':');
        }

      /* Text without a speaker whose first words would read as one
       * ("The answer is: no") goes on the next line, where it is only text.
       */
      if (text[0] != '\0')
        {
          if (speaker[0] == '\0' && text_looks_like_speaker (text))
            g_string_append_c (out, '\n');
          else if (text[0] != '\n')
            g_string_append_c (out, ' ');
          g_string_append (out, text);
        }

      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
