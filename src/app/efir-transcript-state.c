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
