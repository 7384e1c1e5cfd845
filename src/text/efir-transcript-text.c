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
 * "Speaker:" follows it. So does a time code without brackets, as other
 * tools write it ("00:12:34 Host: …"), when it reads whole. Other lines
 * continue the segment above, blank lines are ignored. Each segment ends
 * where the next one starts.
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

/* Finds the time code a line starts with. Returns FALSE for a line of text;
 * TRUE with @code set to what is between the brackets, @rest to what
 * follows them, or TRUE with @rest NULL if the bracket is never closed.
 * A code without brackets counts only when it reads as a time code, and
 * @code then starts the line.
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

  if (line == line_end)
    return FALSE;

  if (*line != '[')
    {
      for (token_end = line; token_end < line_end && !is_blank (*token_end); token_end++)
        ;
      if (!g_ascii_isdigit (*line) || memchr (line, ':', token_end - line) == NULL ||
          !efir_timecode_parse_len (line, token_end - line, NULL))
        return FALSE;

      *code = line;
      *code_length = token_end - line;
      *rest = token_end;
      return TRUE;
    }

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

static void
strip_blanks (const char **begin,
              const char **end)
{
  while (*end > *begin && is_blank ((*end)[-1]))
    (*end)--;
  while (*begin < *end && is_blank (**begin))
    (*begin)++;
}

static void
pending_append_line (PendingSegment *pending,
                     const char     *line,
                     gsize           length)
{
  if (pending->text->len > 0)
    g_string_append_c (pending->text, '\n');
  g_string_append_len (pending->text, line, length);
}

/* Reads a line as both parses do; @speaker and @text are set for a timed
 * line.
 */
static void
scan_line (const char         *line,
           gsize               length,
           EfirTranscriptLine *out_line,
           GString            *speaker,
           GString            *text)
{
  const char *begin = line;
  const char *end = line + length;
  const char *code;
  const char *rest;
  gsize code_length;
  gsize speaker_length;
  gsize text_offset = 0;

  memset (out_line, 0, sizeof *out_line);

  strip_blanks (&begin, &end);
  if (begin == end)
    {
      out_line->kind = EFIR_TRANSCRIPT_LINE_BLANK;
      return;
    }

  if (!find_timecode (begin, end, &code, &code_length, &rest))
    {
      out_line->kind = EFIR_TRANSCRIPT_LINE_TEXT;
      return;
    }

  out_line->timecode_start = begin - line;
  if (rest == NULL || !efir_timecode_parse_len (code, code_length, &out_line->start))
    {
      out_line->kind = EFIR_TRANSCRIPT_LINE_BAD;
      out_line->timecode_end = (code + code_length + (rest != NULL ? 1 : 0)) - line;
      return;
    }

  out_line->kind = EFIR_TRANSCRIPT_LINE_TIMED;
  out_line->timecode_end = rest - line;
  out_line->speaker_start = out_line->speaker_end = out_line->timecode_end;

  while (rest < end && is_blank (*rest))
    rest++;

  g_string_truncate (speaker, 0);
  g_string_truncate (text, 0);

  speaker_length = find_speaker (rest, end - rest, &text_offset);
  if (speaker_length > 0)
    {
      const char *colon = memchr (rest + speaker_length, ':', end - rest - speaker_length);

      g_string_append_len (speaker, rest, speaker_length);
      out_line->speaker_start = rest - line;
      out_line->speaker_end = colon + 1 - line;
      rest += text_offset;
    }

  g_string_append_len (text, rest, end - rest);
}

static char *
bad_timecode_message (guint                     line_number,
                      const char               *line,
                      const EfirTranscriptLine *scan)
{
  g_autofree char *quoted = quote_line (line + scan->timecode_start,
                                        scan->timecode_end - scan->timecode_start);

  return g_strdup_printf (_("Line %u: “%s” is not a time code like [00:12:34]."),
                          line_number, quoted);
}

static char *
no_timecode_message (guint       line_number,
                     const char *line,
                     gsize       length)
{
  g_autofree char *quoted = quote_line (line, length);

  return g_strdup_printf (_("Line %u: “%s” does not start with a time code like [00:12:34]."),
                          line_number, quoted);
}

static char *
out_of_order_message (guint  line_number,
                      double start,
                      double previous_start)
{
  g_autofree char *this_code = efir_timecode_format (start);
  g_autofree char *previous_code = efir_timecode_format (previous_start);

  return g_strdup_printf (_("Line %u: [%s] is earlier than the time code above it, [%s]."),
                          line_number, this_code, previous_code);
}

static void
add_problem (GPtrArray           *problems,
             guint                line_number,
             EfirTranscriptError  code,
             char                *message)
{
  EfirTranscriptProblem *problem = g_new0 (EfirTranscriptProblem, 1);

  problem->line = line_number;
  problem->code = code;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/**
 * efir_transcript_text_line_problem:
 * @line: one line of the text form, without its line break
 * @length: its length in bytes
 * @line_number: its number in the whole text, from 1
 * @previous_start: for a timed line, the start of the segment above it
 *
 * The problem a lenient parse reports for @line, as it would word it on
 * line @line_number: a time code earlier than @previous_start, or a line
 * that should start with a time code and does not.
 *
 * Returns: (transfer full): the problem
 */
EfirTranscriptProblem *
efir_transcript_text_line_problem (const char *line,
                                   gsize       length,
                                   guint       line_number,
                                   double      previous_start)
{
  g_autoptr(GString) line_speaker = g_string_new (NULL);
  g_autoptr(GString) line_text = g_string_new (NULL);
  EfirTranscriptProblem *problem = g_new0 (EfirTranscriptProblem, 1);
  const char *begin = line;
  const char *end = line + length;
  EfirTranscriptLine scan;

  scan_line (line, length, &scan, line_speaker, line_text);
  strip_blanks (&begin, &end);

  problem->line = line_number;
  problem->code = EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE;
  if (scan.kind == EFIR_TRANSCRIPT_LINE_TIMED)
    {
      problem->code = EFIR_TRANSCRIPT_ERROR_OUT_OF_ORDER;
      problem->message = out_of_order_message (line_number, scan.start, previous_start);
    }
  else if (scan.kind == EFIR_TRANSCRIPT_LINE_BAD)
    problem->message = bad_timecode_message (line_number, line, &scan);
  else
    problem->message = no_timecode_message (line_number, begin, end - begin);

  return problem;
}

/* The one reading of the text form. Strict, it stops at the first line
 * that cannot be read; lenient, it keeps that line as text of the segment
 * above, or of a segment at zero, and goes on.
 */
static GPtrArray *
read_lines (const char  *text,
            gsize        length,
            double       total_duration,
            gboolean     lenient,
            guint        first_line,
            GPtrArray   *problems)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GString) speaker = NULL;
  g_autoptr(GString) segment_text = NULL;
  g_autoptr(GString) line_speaker = NULL;
  g_autoptr(GString) line_text = NULL;
  PendingSegment pending = { 0 };
  const char *end;
  guint line_number = first_line - 1;

  segments = g_ptr_array_new_with_free_func (g_object_unref);
  speaker = g_string_new (NULL);
  segment_text = g_string_new (NULL);
  line_speaker = g_string_new (NULL);
  line_text = g_string_new (NULL);
  pending.speaker = speaker;
  pending.text = segment_text;

  end = text + length;
  for (const char *p = text; p < end; )
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line = p;
      const char *line_end = newline != NULL ? newline : end;
      const char *begin = line;
      const char *stripped_end = line_end;
      EfirTranscriptLine scan;

      p = newline != NULL ? newline + 1 : end;
      line_number++;

      scan_line (line, line_end - line, &scan, line_speaker, line_text);
      /* Editors leave trailing spaces, and Windows files a "\r". Leading
       * blanks go too: indenting is how editors wrap, not part of what was
       * said.
       */
      strip_blanks (&begin, &stripped_end);

      switch (scan.kind)
        {
        case EFIR_TRANSCRIPT_LINE_BLANK:
          break;

        case EFIR_TRANSCRIPT_LINE_TIMED:
          if (pending.open && scan.start < pending.start)
            {
              add_problem (problems, line_number, EFIR_TRANSCRIPT_ERROR_OUT_OF_ORDER,
                           out_of_order_message (line_number, scan.start, pending.start));
              if (!lenient)
                return NULL;
              pending_append_line (&pending, begin, stripped_end - begin);
              break;
            }

          pending_segment_finish (&pending, segments, scan.start);
          pending.open = TRUE;
          pending.start = scan.start;
          g_string_assign (pending.speaker, line_speaker->str);
          g_string_assign (pending.text, line_text->str);
          break;

        case EFIR_TRANSCRIPT_LINE_TEXT:
        case EFIR_TRANSCRIPT_LINE_BAD:
          /* Text above the first time code is reported once, on its first
           * line; the lines after it belong with it.
           */
          if (scan.kind == EFIR_TRANSCRIPT_LINE_BAD)
            add_problem (problems, line_number, EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE,
                         bad_timecode_message (line_number, line, &scan));
          else if (!pending.open)
            add_problem (problems, line_number, EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE,
                         no_timecode_message (line_number, begin, stripped_end - begin));
          else
            {
              pending_append_line (&pending, begin, stripped_end - begin);
              break;
            }

          if (!lenient)
            return NULL;
          if (!pending.open)
            {
              pending.open = TRUE;
              pending.start = 0;
              g_string_truncate (pending.speaker, 0);
              g_string_truncate (pending.text, 0);
            }
          pending_append_line (&pending, begin, stripped_end - begin);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  pending_segment_finish (&pending, segments, isfinite (total_duration) ? total_duration : 0);

  return g_steal_pointer (&segments);
}

/* Public API ------------------------------------------------------------- */

void
efir_transcript_problem_free (EfirTranscriptProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

/**
 * efir_transcript_text_scan_line:
 * @line: one line of the timed text form, without its newline
 * @length: its length in bytes
 * @out_line: (out caller-allocates): what the line is and where its parts are
 * @out_segment: (out) (optional) (transfer full): for a timed line, the
 *   segment it starts, its end not yet known
 *
 * Reads one line as the parses read it inside a transcript, for the
 * editor to colour it.
 */
void
efir_transcript_text_scan_line (const char          *line,
                                gsize                length,
                                EfirTranscriptLine  *out_line,
                                EfirSegment        **out_segment)
{
  g_autoptr(GString) speaker = NULL;
  g_autoptr(GString) text = NULL;

  g_return_if_fail (line != NULL || length == 0);
  g_return_if_fail (out_line != NULL);

  if (out_segment != NULL)
    *out_segment = NULL;

  speaker = g_string_new (NULL);
  text = g_string_new (NULL);
  scan_line (line, length, out_line, speaker, text);

  if (out_line->kind == EFIR_TRANSCRIPT_LINE_TIMED && out_segment != NULL)
    {
      /* Segments hold UTF-8; the offsets stay those of the line as given. */
      if (!g_utf8_validate_len (speaker->str, speaker->len, NULL) ||
          !g_utf8_validate_len (text->str, text->len, NULL))
        {
          g_autofree char *valid_speaker = g_utf8_make_valid (speaker->str, speaker->len);
          g_autofree char *valid_text = g_utf8_make_valid (text->str, text->len);

          /* Not coloured: the line spells the speaker otherwise. */
          out_line->speaker_start = out_line->speaker_end = out_line->timecode_end;
          *out_segment = efir_segment_new (out_line->start, out_line->start,
                                           valid_speaker, valid_text);
        }
      else
        *out_segment = efir_segment_new (out_line->start, out_line->start,
                                         speaker->str, text->str);
    }
}

/**
 * efir_transcript_text_parse_lenient:
 * @text: the transcript as the producer typed it
 * @length: its length in bytes, or -1 if nul-terminated
 * @total_duration: the length of the video in seconds, or 0 if unknown
 * @out_problems: (out) (optional) (transfer container) (element-type EfirTranscriptProblem):
 *   the lines that could not start a segment, in order
 *
 * Reads a transcript as efir_transcript_text_parse() does, but never fails
 * and never drops a character. A line that should start a segment and
 * cannot — a half-typed "[00:1", a time code earlier than the one above —
 * is kept as text of the segment above it, and reported with the message
 * efir_transcript_text_parse() would give. Text before the first time code
 * becomes a segment at zero. Reading the segments back with
 * efir_transcript_text_format() gives the same lines, so a transcript
 * saved with a problem still shows it, where the producer left it.
 *
 * Returns: (transfer container) (element-type EfirSegment): the segments,
 *   empty for a blank text
 */
GPtrArray *
efir_transcript_text_parse_lenient (const char  *text,
                                    gssize       length,
                                    double       total_duration,
                                    GPtrArray  **out_problems)
{
  return efir_transcript_text_parse_lenient_from (text, length, total_duration, 1, out_problems);
}

/**
 * efir_transcript_text_parse_lenient_from:
 * @text: lines of a transcript, from line @first_line of it on
 * @length: its length in bytes, or -1 if nul-terminated
 * @total_duration: the length of the video in seconds, or 0 if unknown
 * @first_line: the number (from 1) @text's first line has in the whole text
 * @out_problems: (out) (optional) (transfer container) (element-type EfirTranscriptProblem):
 *   as efir_transcript_text_parse_lenient() gives them, numbered as lines
 *   of the whole text
 *
 * The lenient parse of a piece of a transcript, for the editor that reads
 * back only the lines around an edit.
 *
 * Returns: (transfer container) (element-type EfirSegment): the segments
 */
GPtrArray *
efir_transcript_text_parse_lenient_from (const char  *text,
                                         gssize       length,
                                         double       total_duration,
                                         guint        first_line,
                                         GPtrArray  **out_problems)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *valid = NULL;
  GPtrArray *segments;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_transcript_problem_free);
  segments = read_lines (text, length, total_duration, TRUE, MAX (first_line, 1), problems);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);

  return segments;
}

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
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *valid = NULL;

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

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_transcript_problem_free);
  segments = read_lines (text, length, total_duration, FALSE, 1, problems);

  if (segments == NULL)
    {
      EfirTranscriptProblem *problem = g_ptr_array_index (problems, 0);

      g_set_error_literal (error, EFIR_TRANSCRIPT_ERROR, problem->code, problem->message);
      return NULL;
    }

  if (segments->len == 0)
    {
      g_set_error_literal (error, EFIR_TRANSCRIPT_ERROR, EFIR_TRANSCRIPT_ERROR_EMPTY,
                           _("The transcript has no line that starts with a time code like [00:12:34]."));
      return NULL;
    }

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
