/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-transcript-state"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "efir-timecode.h"
#include "efir-transcript-state.h"
#include "efir-transcript-text.h"

/* Helpers ---------------------------------------------------------------- */

static double
segment_start (GListModel *segments,
               guint       position)
{
  g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, position);

  return efir_segment_get_start (segment);
}

static gboolean
segment_equal_at (GListModel  *old_segments,
                  guint        position,
                  EfirSegment *segment)
{
  g_autoptr(EfirSegment) old = g_list_model_get_item (old_segments, position);

  return old == segment || efir_segment_equal (old, segment);
}

/* Reads @text as the lines of a transcript from @first_line_number on. */
static GPtrArray *
parse_from_line (const char  *text,
                 gssize       length,
                 double       total_duration,
                 guint        first_line_number,
                 GPtrArray  **out_problems)
{
  return efir_transcript_text_parse_lenient_from (text, length, total_duration, first_line_number,
                                                  out_problems);
}

/* How far reading an edit back looks for the segments around it before it
 * reads the whole text instead. */
#define EDIT_WALK_LINES 400
#define EDIT_MAX_MOVED_PROBLEMS 50

/* Whether @problems, of a text as it was last read, has one on @line (from 0). */
static gboolean
has_problem_on (GPtrArray *problems,
                int        line)
{
  for (guint i = 0; i < problems->len; i++)
    {
      EfirTranscriptProblem *problem = g_ptr_array_index (problems, i);

      if ((int) problem->line == line + 1)
        return TRUE;
    }

  return FALSE;
}

/* The start of the line when it is timed, or -1. */
static double
line_start (EfirTranscriptLineFunc get_line,
            gpointer               user_data,
            int                    line,
            gboolean              *out_past_end)
{
  g_autofree char *text = get_line (line, user_data);
  EfirTranscriptLine scan;

  *out_past_end = text == NULL;
  if (text == NULL)
    return -1;

  efir_transcript_text_scan_line (text, strlen (text), &scan, NULL);

  return scan.kind == EFIR_TRANSCRIPT_LINE_TIMED ? scan.start : -1;
}

/* The problem of a line below an edit that moved it to @line (from 0):
 * a line that was a problem stays one, for the same reason, but its
 * message names its new number. Lines from @sentinel_line on were read
 * before as they are, @line_delta lines higher.
 */
static EfirTranscriptProblem *
moved_problem (EfirTranscriptLineFunc  get_line,
               gpointer                user_data,
               GPtrArray              *problems,
               int                     line,
               int                     sentinel_line,
               int                     line_delta)
{
  g_autofree char *text = get_line (line, user_data);
  double previous_start = -1;
  EfirTranscriptLine scan;

  efir_transcript_text_scan_line (text, strlen (text), &scan, NULL);

  /* Out of order: against the start of the segment it is text of. */
  if (scan.kind == EFIR_TRANSCRIPT_LINE_TIMED)
    {
      for (int up = line - 1; up >= sentinel_line; up--)
        {
          gboolean past_end;
          double start = line_start (get_line, user_data, up, &past_end);

          if (start >= 0 && (up == sentinel_line || !has_problem_on (problems, up - line_delta)))
            {
              previous_start = start;
              break;
            }
        }
      g_assert (previous_start >= 0);
    }

  return efir_transcript_text_line_problem (text, strlen (text), line + 1, previous_start);
}

/* The only segment of @segments that starts at @start, or -1 when none or
 * more than one does: the starts are in order, out of order lines being
 * text of the segment above. */
static int
find_segment_starting (GListModel *segments,
                       double      start)
{
  guint low = 0;
  guint high = g_list_model_get_n_items (segments);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (segment_start (segments, middle) < start)
        low = middle + 1;
      else
        high = middle;
    }

  if (low == g_list_model_get_n_items (segments) || segment_start (segments, low) != start)
    return -1;
  if (low + 1 < g_list_model_get_n_items (segments) && segment_start (segments, low + 1) == start)
    return -1;

  return low;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_transcript_state_keep_ends:
 * @segments: (element-type EfirSegment): segments just read from text
 * @old_segments: (element-type EfirSegment): the transcript they replace
 * @total_duration: the length of the video in seconds, or 0 if unknown
 *
 * The text form does not show where a segment ends; reading it ends each
 * segment where the next starts. An end that came from elsewhere — an SRT
 * import, with a pause before the next line — is kept on the segment that
 * still starts at the same time, as long as it ends before the next one
 * starts, so that typing in the text does not rewrite the timing of lines
 * the producer did not touch.
 */
void
efir_transcript_state_keep_ends (GPtrArray  *segments,
                                 GListModel *old_segments,
                                 double      total_duration)
{
  guint n_old;
  guint j = 0;

  g_return_if_fail (segments != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (old_segments));

  n_old = g_list_model_get_n_items (old_segments);

  for (guint i = 0; i < segments->len && j < n_old; i++)
    {
      EfirSegment *segment = g_ptr_array_index (segments, i);
      g_autoptr(EfirSegment) old = NULL;
      double start = efir_segment_get_start (segment);
      double old_end;
      double derived_end;
      double limit;

      while (j < n_old && segment_start (old_segments, j) < start)
        j++;
      if (j == n_old)
        break;

      old = g_list_model_get_item (old_segments, j);
      if (efir_segment_get_start (old) != start)
        continue;
      j++;

      old_end = efir_segment_get_end (old);
      derived_end = j < n_old ? segment_start (old_segments, j)
                              : MAX (total_duration, start);
      limit = i + 1 < segments->len
                ? efir_segment_get_start (g_ptr_array_index (segments, i + 1))
                : INFINITY;

      if (old_end != derived_end && old_end >= start && old_end <= limit)
        efir_segment_set_end (segment, old_end);
    }
}

/**
 * efir_transcript_state_diff:
 * @old_segments: (element-type EfirSegment): the transcript in the model
 * @segments: (element-type EfirSegment): what it should become
 * @out_position: (out): the first segment that differs
 * @out_removed: (out): how many old segments to remove there
 * @out_added: (out): how many of @segments, from @out_position, to add
 *
 * Finds the smallest splice that turns @old_segments into @segments, so
 * that a keystroke replaces one segment, and the rows and quotes tied to
 * the others keep their objects.
 *
 * Returns: whether they differ
 */
gboolean
efir_transcript_state_diff (GListModel *old_segments,
                            GPtrArray  *segments,
                            guint      *out_position,
                            guint      *out_removed,
                            guint      *out_added)
{
  guint n_old;
  guint n_new;
  guint prefix = 0;
  guint suffix = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (old_segments), FALSE);
  g_return_val_if_fail (segments != NULL, FALSE);

  n_old = g_list_model_get_n_items (old_segments);
  n_new = segments->len;

  while (prefix < n_old && prefix < n_new &&
         segment_equal_at (old_segments, prefix, g_ptr_array_index (segments, prefix)))
    prefix++;

  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         segment_equal_at (old_segments, n_old - 1 - suffix,
                           g_ptr_array_index (segments, n_new - 1 - suffix)))
    suffix++;

  if (out_position != NULL)
    *out_position = prefix;
  if (out_removed != NULL)
    *out_removed = n_old - prefix - suffix;
  if (out_added != NULL)
    *out_added = n_new - prefix - suffix;

  return n_old != prefix + suffix || n_new != prefix + suffix;
}

/**
 * efir_transcript_edit_clear:
 * @edit: an edit filled by efir_transcript_state_read_edit()
 *
 * Frees what @edit holds.
 */
void
efir_transcript_edit_clear (EfirTranscriptEdit *edit)
{
  g_clear_pointer (&edit->added, g_ptr_array_unref);
  g_clear_pointer (&edit->problems, g_ptr_array_unref);
}

/**
 * efir_transcript_state_read_edit:
 * @segments: (element-type EfirSegment): the transcript as the text was last read
 * @problems: (element-type EfirTranscriptProblem): the problems of that reading
 * @get_line: gives a line of the text as it is now
 * @user_data: for @get_line
 * @first_edited: the first line, from 0, changed since that reading
 * @last_edited: the last line changed, in the text as it is now
 * @line_delta: how many lines the text has more than then (or fewer, < 0)
 * @total_duration: the length of the video in seconds, or 0 if unknown
 * @out_edit: (out caller-allocates): the change, on success; clear it with
 *   efir_transcript_edit_clear()
 *
 * Reads back only the lines around an edit: from the segment before the
 * one edited, whose end follows the edited start, to the first segment
 * after the edit that still starts where it did. What comes out is what
 * efir_transcript_state_parse() and efir_transcript_state_keep_ends() of
 * the whole text would change, at a cost that does not grow with the
 * transcript.
 *
 * Returns: %FALSE when the edit cannot be placed that way (two segments
 *   at one time, a problem below the edit whose line moved, an edit
 *   that reorders what follows it): then read the whole text
 */
gboolean
efir_transcript_state_read_edit (GListModel             *segments,
                                 GPtrArray              *problems,
                                 EfirTranscriptLineFunc  get_line,
                                 gpointer                user_data,
                                 int                     first_edited,
                                 int                     last_edited,
                                 int                     line_delta,
                                 double                  total_duration,
                                 EfirTranscriptEdit     *out_edit)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) read_problems = NULL;
  g_autoptr(GListStore) old = NULL;
  g_autoptr(GPtrArray) all_problems = NULL;
  int n_old;
  int first_line = 0;
  int first_segment = 0;
  int sentinel_line = -1;
  int sentinel_segment = -1;
  double sentinel_start = -1;
  int last_line;
  guint position, removed, added;
  gboolean past_end = FALSE;

  g_return_val_if_fail (G_IS_LIST_MODEL (segments), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (get_line != NULL, FALSE);
  g_return_val_if_fail (out_edit != NULL, FALSE);

  memset (out_edit, 0, sizeof *out_edit);
  n_old = g_list_model_get_n_items (segments);
  if (n_old == 0 || first_edited < 0 || last_edited < first_edited)
    return FALSE;

  /* The last segment that starts above the edit. The lines above are as
   * they were read, so a timed line there starts a segment unless it was
   * out of order, which made it a problem. */
  for (int line = first_edited - 1; line >= 0; line--)
    {
      double start;

      if (first_edited - line > EDIT_WALK_LINES)
        return FALSE;

      start = line_start (get_line, user_data, line, &past_end);
      if (start >= 0 && !has_problem_on (problems, line))
        {
          first_segment = find_segment_starting (segments, start);
          if (first_segment < 0)
            return FALSE;
          first_line = line;
          break;
        }
    }

  /* The first segment below the edit, found the same way; it must still
   * start a segment once the edit is read. */
  for (int line = last_edited + 1;; line++)
    {
      double start;

      if (line - last_edited > EDIT_WALK_LINES)
        return FALSE;

      start = line_start (get_line, user_data, line, &past_end);
      if (past_end)
        break;
      if (start >= 0 && !has_problem_on (problems, line - line_delta))
        {
          sentinel_segment = find_segment_starting (segments, start);
          if (sentinel_segment < first_segment)
            return FALSE;
          sentinel_line = line;
          sentinel_start = start;
          break;
        }
    }

  /* A problem below the edit names its line in its message: each moved
   * one is said again. Many of them are cheaper read with the rest. */
  if (line_delta != 0 && sentinel_line >= 0)
    {
      guint n_moved = 0;

      for (guint i = 0; i < problems->len; i++)
        if ((int) ((EfirTranscriptProblem *) g_ptr_array_index (problems, i))->line > sentinel_line - line_delta)
          n_moved++;
      if (n_moved > EDIT_MAX_MOVED_PROBLEMS)
        return FALSE;
    }

  last_line = sentinel_line;
  text = g_string_new (NULL);
  for (int line = first_line; sentinel_line < 0 || line <= sentinel_line; line++)
    {
      g_autofree char *line_text = get_line (line, user_data);

      if (line_text == NULL)
        break;
      if (line > first_line)
        g_string_append_c (text, '\n');
      g_string_append (text, line_text);
      last_line = line;
    }

  read = parse_from_line (text->str, text->len, total_duration, first_line + 1, &read_problems);

  old = g_list_store_new (EFIR_TYPE_SEGMENT);
  for (int i = first_segment; i < (sentinel_segment >= 0 ? sentinel_segment + 1 : n_old); i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);

      g_list_store_append (old, segment);
    }

  if (sentinel_line >= 0)
    {
      EfirSegment *last;

      /* Still a segment of its own, at its time, and the only one there. */
      if (read->len == 0 || has_problem_on (read_problems, sentinel_line))
        return FALSE;
      last = g_ptr_array_index (read, read->len - 1);
      if (efir_segment_get_start (last) != sentinel_start
          || (read->len > 1
              && efir_segment_get_start (g_ptr_array_index (read, read->len - 2)) >= sentinel_start))
        return FALSE;
    }

  efir_transcript_state_keep_ends (read, G_LIST_MODEL (old), total_duration);

  /* The segment below the edit was read from its first line only, to end
   * the one above it: it is not part of the change. */
  if (sentinel_line >= 0)
    {
      g_ptr_array_remove_index (read, read->len - 1);
      g_list_store_remove (old, g_list_model_get_n_items (G_LIST_MODEL (old)) - 1);
    }

  efir_transcript_state_diff (G_LIST_MODEL (old), read, &position, &removed, &added);

  all_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_transcript_problem_free);
  for (guint i = 0; i < problems->len; i++)
    {
      EfirTranscriptProblem *problem = g_ptr_array_index (problems, i);

      if ((int) problem->line <= first_line)
        {
          EfirTranscriptProblem *copy = g_new0 (EfirTranscriptProblem, 1);

          copy->line = problem->line;
          copy->message = g_strdup (problem->message);
          g_ptr_array_add (all_problems, copy);
        }
    }
  g_ptr_array_extend_and_steal (all_problems, g_steal_pointer (&read_problems));
  for (guint i = 0; i < problems->len; i++)
    {
      EfirTranscriptProblem *problem = g_ptr_array_index (problems, i);

      if (sentinel_line < 0 || (int) problem->line <= last_line + 1 - line_delta)
        continue;

      if (line_delta == 0)
        {
          EfirTranscriptProblem *copy = g_new0 (EfirTranscriptProblem, 1);

          copy->line = problem->line;
          copy->message = g_strdup (problem->message);
          g_ptr_array_add (all_problems, copy);
        }
      else
        g_ptr_array_add (all_problems,
                         moved_problem (get_line, user_data, problems, (int) problem->line - 1 + line_delta,
                                        sentinel_line, line_delta));
    }

  out_edit->position = first_segment + position;
  out_edit->removed = removed;
  out_edit->added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (out_edit->added, g_object_ref (g_ptr_array_index (read, position + i)));
  out_edit->problems = g_steal_pointer (&all_problems);

  return TRUE;
}

/**
 * efir_transcript_state_line_for_time:
 * @text: the transcript as timed text
 * @length: its length in bytes, or -1 if nul-terminated
 * @seconds: a time in the video
 *
 * Returns: the line, from 0, of the segment being spoken at @seconds: the
 *   last one that starts at or before it, or the first one when @seconds
 *   is earlier than all; -1 if no line starts a segment
 */
int
efir_transcript_state_line_for_time (const char *text,
                                     gssize      length,
                                     double      seconds)
{
  const char *end;
  int found = -1;
  int line_index = 0;

  g_return_val_if_fail (text != NULL || length == 0, -1);

  if (length < 0)
    length = strlen (text);

  end = text + length;
  for (const char *p = text; p < end; line_index++)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;
      EfirTranscriptLine scan;

      efir_transcript_text_scan_line (p, line_end - p, &scan, NULL);
      p = newline != NULL ? newline + 1 : end;

      if (scan.kind != EFIR_TRANSCRIPT_LINE_TIMED)
        continue;

      if (scan.start <= seconds)
        found = line_index;
      else
        {
          /* Segments are in order: the first later one ends the search. */
          if (found < 0)
            found = line_index;
          break;
        }
    }

  return found;
}

/**
 * efir_transcript_state_match_label:
 * @search_text: (nullable): what is searched for
 * @position: which match is selected, from 1, or 0 if none is
 * @count: how many matches there are, or -1 while still counting
 *
 * Returns: (transfer full): what the search bar says, "" when it should be quiet
 */
char *
efir_transcript_state_match_label (const char *search_text,
                                   int         position,
                                   int         count)
{
  if (search_text == NULL || search_text[0] == '\0' || count < 0)
    return g_strdup ("");

  if (count == 0)
    return g_strdup (_("No matches"));

  if (position > 0)
    /* Translators: the selected match and how many there are, as in "3 of 17" */
    return g_strdup_printf (_("%d of %d"), position, count);

  return g_strdup_printf (ngettext ("%d match", "%d matches", count), count);
}

/**
 * efir_transcript_state_problem_summary:
 * @problems: (nullable) (element-type EfirTranscriptProblem): the problems
 *
 * Returns: (transfer full): the first problem, and how many more there are,
 *   or "" when there are none
 */
char *
efir_transcript_state_problem_summary (GPtrArray *problems)
{
  EfirTranscriptProblem *first;
  guint n_more;

  if (problems == NULL || problems->len == 0)
    return g_strdup ("");

  first = g_ptr_array_index (problems, 0);
  n_more = problems->len - 1;
  if (n_more == 0)
    return g_strdup (first->message);

  /* Translators: %s is the first problem, a whole sentence such as "Line 12
   * needs a time code like [00:12:34]."; %u is how many other lines have one. */
  return g_strdup_printf (ngettext ("%s %u more line needs attention.",
                                    "%s %u more lines need attention.", n_more),
                          first->message, n_more);
}
