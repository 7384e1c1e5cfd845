/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-transcript-state"

#include "config.h"

#include <string.h>

#include "efir-transcript-state.h"
#include "efir-transcript-text.h"

/* Helpers ---------------------------------------------------------------- */

static const char *sample =
  "[00:00:00] Host: Good evening, this is Difficult Question.\n"
  "[00:00:04] Nasimi Mammadli: Thank you.\n"
  "There are no specific threats.\n"
  "[00:01:10] Host: What about Iran?\n"
  "[00:01:15] (applause)\n";

static void
assert_segment (GPtrArray  *segments,
                guint       index,
                double      start,
                double      end,
                const char *speaker,
                const char *text)
{
  EfirSegment *segment;

  g_assert_cmpuint (index, <, segments->len);
  segment = g_ptr_array_index (segments, index);

  g_assert_cmpfloat_with_epsilon (efir_segment_get_start (segment), start, 1e-9);
  g_assert_cmpfloat_with_epsilon (efir_segment_get_end (segment), end, 1e-9);
  g_assert_cmpstr (efir_segment_get_speaker (segment), ==, speaker);
  g_assert_cmpstr (efir_segment_get_text (segment), ==, text);
}

static void
assert_segments_equal (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (efir_segment_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
}

static GListModel *
store_from (GPtrArray *segments)
{
  GListStore *store = g_list_store_new (EFIR_TYPE_SEGMENT);

  g_list_store_splice (store, 0, 0, segments->pdata, segments->len);

  return G_LIST_MODEL (store);
}

static GPtrArray *
strict_parse (const char *text,
              double      total_duration)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *segments = efir_transcript_text_parse (text, -1, total_duration, &error);

  g_assert_no_error (error);

  return segments;
}

/* Tests ------------------------------------------------------------------ */

static void
test_scan_line (void)
{
  const char *timed = "  [00:12:34] Nasimi Mammadli : There are no threats.";
  const char *question;
  EfirTranscriptLine scan;
  g_autoptr(EfirSegment) segment = NULL;

  efir_transcript_state_scan_line (timed, strlen (timed), &scan, &segment);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TIMED);
  g_assert_cmpfloat (scan.start, ==, 754);
  g_assert_cmpuint (scan.timecode_start, ==, 2);
  g_assert_cmpuint (scan.timecode_end, ==, 12);
  g_assert_cmpuint (scan.speaker_start, ==, 13);
  g_assert_cmpstr (timed + scan.speaker_end - 1, ==, ": There are no threats.");
  g_assert_cmpstr (efir_segment_get_speaker (segment), ==, "Nasimi Mammadli");
  g_assert_cmpstr (efir_segment_get_text (segment), ==, "There are no threats.");

  /* A question is text, not a speaker. */
  question = "[00:00:05] What is Azerbaijan concerned about: Iran?";
  efir_transcript_state_scan_line (question, strlen (question), &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TIMED);
  g_assert_cmpuint (scan.speaker_start, ==, scan.speaker_end);

  efir_transcript_state_scan_line ("[00:1", 5, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_BAD);
  g_assert_cmpuint (scan.timecode_end, ==, 5);

  efir_transcript_state_scan_line ("[00:1O:34] Host: hi", 19, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_BAD);

  efir_transcript_state_scan_line ("[laughter] indeed", 17, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);

  efir_transcript_state_scan_line ("Azərbaycan", strlen ("Azərbaycan"), &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);

  efir_transcript_state_scan_line (" \t\r", 3, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_BLANK);
}

static void
test_parse_valid (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (sample, -1, 100, &problems);
  g_autoptr(GPtrArray) strict = strict_parse (sample, 100);

  g_assert_cmpuint (problems->len, ==, 0);
  assert_segments_equal (segments, strict);
}

static void
test_parse_empty (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (" \n\n\t\n", -1, 100, &problems);

  g_assert_cmpuint (segments->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  segments = efir_transcript_state_parse ("", 0, 0, &problems);
  g_assert_cmpuint (segments->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The half-typed line stays with the segment above, the rest is read as
 * if it were not there, and the problem names the line.
 */
static void
test_parse_half_typed_line (void)
{
  g_autofree char *text = g_strconcat (sample, "[00:1\n", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (text, -1, 100, &problems);
  g_autoptr(GPtrArray) strict = strict_parse (sample, 100);
  EfirTranscriptProblem *problem;

  g_assert_cmpuint (segments->len, ==, strict->len);
  for (guint i = 0; i + 1 < strict->len; i++)
    g_assert_true (efir_segment_equal (g_ptr_array_index (segments, i), g_ptr_array_index (strict, i)));
  assert_segment (segments, 3, 75, 100, "", "(applause)\n[00:1");

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_true (g_str_has_prefix (problem->message, "Line 6:"));
  g_assert_nonnull (strstr (problem->message, "[00:1"));
}

static void
test_parse_problems_in_the_middle (void)
{
  const char *text =
    "[00:00:00] Host: One.\n"
    "[00:00:0x] Host: Two.\n"
    "[00:00:09] Guest: Three.\n"
    "[00:00:05] Guest: Four.\n"
    "[00:00:12] Host: Five.\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (text, -1, 20, &problems);
  EfirTranscriptProblem *problem;

  g_assert_cmpuint (segments->len, ==, 3);
  assert_segment (segments, 0, 0, 9, "Host", "One.\n[00:00:0x] Host: Two.");
  assert_segment (segments, 1, 9, 12, "Guest", "Three.\n[00:00:05] Guest: Four.");
  assert_segment (segments, 2, 12, 20, "Host", "Five.");

  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_true (g_str_has_prefix (problem->message, "Line 2:"));
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->message, ==,
                   "Line 4: [00:00:05] is earlier than the time code above it, [00:00:09].");
}

static void
test_parse_text_before_first_timecode (void)
{
  const char *text =
    "Notes for the editor\n"
    "second line\n"
    "[00:00:03] Host: Hello.\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (text, -1, 10, &problems);

  g_assert_cmpuint (segments->len, ==, 2);
  assert_segment (segments, 0, 0, 3, "", "Notes for the editor\nsecond line");
  assert_segment (segments, 1, 3, 10, "Host", "Hello.");

  /* Once, on the line that needs a time code. */
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((EfirTranscriptProblem *) g_ptr_array_index (problems, 0))->line, ==, 1);
}

/* Typing a new line character by character: at every step every segment
 * above is intact and every typed character is in the model, and writing
 * the model back gives the same text.
 */
static void
test_parse_while_typing (void)
{
  const char *line = "[00:02:03.5] Nasimi Mammadli: Azərbaycan, Россия, Iran.";
  g_autoptr(GPtrArray) strict = strict_parse (sample, 0);
  gsize length = strlen (line);

  for (gsize n = 1; n <= length; n = g_utf8_next_char (line + n) - line)
    {
      g_autofree char *typed = g_strndup (line, n);
      g_autofree char *text = g_strconcat (sample, typed, NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) segments = efir_transcript_state_parse (text, -1, 0, &problems);
      g_autoptr(GListModel) model = store_from (segments);
      g_autofree char *written = efir_transcript_text_format (model);
      g_autoptr(GPtrArray) reread = efir_transcript_state_parse (written, -1, 0, NULL);
      g_autofree char *stripped = g_strstrip (g_strdup (typed));
      g_autoptr(GListStore) alone = g_list_store_new (EFIR_TYPE_SEGMENT);
      g_autofree char *alone_text = NULL;
      EfirSegment *last = g_ptr_array_index (segments, segments->len - 1);

      for (guint i = 0; i + 1 < strict->len; i++)
        {
          EfirSegment *a = g_ptr_array_index (segments, i);
          EfirSegment *b = g_ptr_array_index (strict, i);

          g_assert_cmpstr (efir_segment_get_text (a), ==, efir_segment_get_text (b));
          g_assert_cmpstr (efir_segment_get_speaker (a), ==, efir_segment_get_speaker (b));
        }

      if (segments->len == strict->len)
        {
          /* Not a segment yet: the characters are text of the one above. */
          g_assert_true (g_str_has_suffix (efir_segment_get_text (last), stripped));
        }
      else
        {
          g_assert_cmpuint (segments->len, ==, strict->len + 1);
          g_assert_cmpfloat (efir_segment_get_start (last), ==, 123.5);
          g_list_store_append (alone, last);
          alone_text = efir_transcript_text_format (G_LIST_MODEL (alone));
          g_assert_true (g_str_has_prefix (alone_text, stripped));
          g_assert_cmpuint (strlen (alone_text), ==, strlen (stripped) + 1);
          g_assert_cmpuint (problems->len, ==, 0);
        }

      assert_segments_equal (segments, reread);
    }
}

/* Whatever a producer does to the text, every line that does not start a
 * segment is in the model word for word, and saving and loading again
 * reads the same.
 */
static void
test_parse_keeps_every_line (void)
{
  static const char alphabet[] = "[]:.0123456789 \nHost\xc9\x99";

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (sample);
      g_autoptr(GPtrArray) segments = NULL;
      g_autoptr(GPtrArray) reread = NULL;
      g_autoptr(GListModel) model = NULL;
      g_autofree char *written = NULL;
      g_autofree char *all_text = NULL;
      g_auto(GStrv) lines = NULL;
      GString *joined;
      guint n_edits = g_test_rand_int_range (1, 6);

      for (guint i = 0; i < n_edits; i++)
        {
          gsize at = g_test_rand_int_range (0, text->len + 1);

          if (g_test_rand_bit () && text->len > 0)
            g_string_erase (text, MIN (at, text->len - 1), 1);
          else
            g_string_insert_c (text, at, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);
        }

      /* As a text buffer holds it. */
      if (!g_utf8_validate (text->str, text->len, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (text->str, text->len);

          g_string_assign (text, valid);
        }

      segments = efir_transcript_state_parse (text->str, text->len, 60, NULL);
      model = store_from (segments);
      written = efir_transcript_text_format (model);
      reread = efir_transcript_state_parse (written, -1, 60, NULL);
      assert_segments_equal (segments, reread);

      joined = g_string_new (NULL);
      for (guint i = 0; i < segments->len; i++)
        {
          g_string_append (joined, efir_segment_get_text (g_ptr_array_index (segments, i)));
          g_string_append_c (joined, '\n');
        }
      all_text = g_string_free (joined, FALSE);

      lines = g_strsplit (text->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          EfirTranscriptLine scan;

          efir_transcript_state_scan_line (lines[i], strlen (lines[i]), &scan, NULL);
          if (scan.kind == EFIR_TRANSCRIPT_LINE_TEXT || scan.kind == EFIR_TRANSCRIPT_LINE_BAD)
            {
              g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));

              if (strstr (all_text, stripped) == NULL)
                g_error ("Line %u, “%s”, is lost from:\n%s", i + 1, stripped, text->str);
            }
        }
    }
}

static void
test_parse_invalid_utf8 (void)
{
  const char *text = "[00:00:01] Host: caf\xe9\n[00:0\xff\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (text, -1, 5, &problems);

  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_true (g_utf8_validate (efir_segment_get_text (g_ptr_array_index (segments, 0)), -1, NULL));
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_keep_ends (void)
{
  /* As an SRT import leaves it: pauses between lines. */
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) old = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  const char *edited =
    "[00:00:00] Host: One, edited.\n"
    "[00:00:05] Guest: Two.\n"
    "[00:00:07] Host: New line.\n"
    "[00:00:20] Host: Four.\n";

  g_ptr_array_add (imported, efir_segment_new (0, 4, "Host", "One."));
  g_ptr_array_add (imported, efir_segment_new (5, 9.5, "Guest", "Two."));
  g_ptr_array_add (imported, efir_segment_new (10, 20, "Guest", "Three."));
  g_ptr_array_add (imported, efir_segment_new (20, 24, "Host", "Four."));
  old = store_from (imported);

  segments = efir_transcript_state_parse (edited, -1, 30, NULL);
  efir_transcript_state_keep_ends (segments, old, 30);

  /* Kept where the start is the same and the end still fits. */
  assert_segment (segments, 0, 0, 4, "Host", "One, edited.");
  /* 9.5 would overlap the new line at 7. */
  assert_segment (segments, 1, 5, 7, "Guest", "Two.");
  assert_segment (segments, 2, 7, 20, "Host", "New line.");
  assert_segment (segments, 3, 20, 24, "Host", "Four.");
}

/* Ends the text form made itself follow the next start as it moves. */
static void
test_keep_ends_derived (void)
{
  g_autoptr(GPtrArray) first = strict_parse ("[00:00:00] A: one\n[00:00:10] B: two\n", 60);
  g_autoptr(GListModel) old = store_from (first);
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse ("[00:00:00] A: one\n[00:00:15] B: two\n",
                                                               -1, 60, NULL);

  efir_transcript_state_keep_ends (segments, old, 60);

  assert_segment (segments, 0, 0, 15, "A", "one");
  assert_segment (segments, 1, 15, 60, "B", "two");
}

static void
test_diff (void)
{
  g_autoptr(GPtrArray) before = strict_parse (sample, 100);
  g_autoptr(GListModel) old = store_from (before);
  g_autoptr(GPtrArray) same = strict_parse (sample, 100);
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *edited_text = NULL;
  g_autofree char *added_text = NULL;
  guint position;
  guint n_removed;
  guint n_added;

  g_assert_false (efir_transcript_state_diff (old, same, &position, &n_removed, &n_added));
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_cmpuint (n_added, ==, 0);

  /* A keystroke replaces one segment. */
  edited_text = g_strdup (sample);
  memcpy (strstr (edited_text, "Iran"), "Iraq", 4);
  edited = strict_parse (edited_text, 100);
  g_assert_true (efir_transcript_state_diff (old, edited, &position, &n_removed, &n_added));
  g_assert_cmpuint (position, ==, 2);
  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_cmpuint (n_added, ==, 1);

  /* A new line between two others changes the end of the one above it. */
  added_text = g_strconcat ("[00:00:00] Host: Good evening, this is Difficult Question.\n"
                            "[00:00:02] Host: Welcome.\n",
                            strchr (sample, '\n') + 1, NULL);
  added = strict_parse (added_text, 100);
  g_assert_true (efir_transcript_state_diff (old, added, &position, &n_removed, &n_added));
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_cmpuint (n_added, ==, 2);

  g_assert_true (efir_transcript_state_diff (old, empty, &position, &n_removed, &n_added));
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (n_removed, ==, 4);
  g_assert_cmpuint (n_added, ==, 0);
}

static void
test_line_for_time (void)
{
  g_assert_cmpint (efir_transcript_state_line_for_time (sample, -1, 0), ==, 0);
  g_assert_cmpint (efir_transcript_state_line_for_time (sample, -1, 3.9), ==, 0);
  g_assert_cmpint (efir_transcript_state_line_for_time (sample, -1, 4), ==, 1);
  /* Inside a segment of two lines: its first line. */
  g_assert_cmpint (efir_transcript_state_line_for_time (sample, -1, 60), ==, 1);
  g_assert_cmpint (efir_transcript_state_line_for_time (sample, -1, 72), ==, 3);
  g_assert_cmpint (efir_transcript_state_line_for_time (sample, -1, 7200), ==, 4);

  g_assert_cmpint (efir_transcript_state_line_for_time ("\nnotes\n[00:01:00] A: x\n", -1, 5), ==, 2);
  g_assert_cmpint (efir_transcript_state_line_for_time ("no time codes\n", -1, 5), ==, -1);
  g_assert_cmpint (efir_transcript_state_line_for_time ("", -1, 5), ==, -1);
}

static void
test_match_label (void)
{
  struct
  {
    const char *search_text;
    int         position;
    int         count;
    const char *label;
  } cases[] = {
    { "", 0, 5, "" },
    { NULL, 0, 5, "" },
    { "Iran", 0, -1, "" },
    { "Iran", 0, 0, "No matches" },
    { "Iran", 3, 17, "3 of 17" },
    { "Iran", 0, 17, "17 matches" },
    { "Iran", 0, 1, "1 match" },
    { "Iran", 1, 1, "1 of 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = efir_transcript_state_match_label (cases[i].search_text,
                                                                  cases[i].position,
                                                                  cases[i].count);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_problem_summary (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *none = efir_transcript_state_problem_summary (NULL);
  g_autofree char *one = NULL;
  g_autofree char *three = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  g_assert_cmpstr (none, ==, "");

  segments = efir_transcript_state_parse ("[00:00:01] A: x\n[00:1\n", -1, 0, &problems);
  one = efir_transcript_state_problem_summary (problems);
  g_assert_cmpstr (one, ==, ((EfirTranscriptProblem *) g_ptr_array_index (problems, 0))->message);

  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  segments = efir_transcript_state_parse ("[00:00:01] A: x\n[00:1\n[0:\n[1:2\n", -1, 0, &problems);
  g_assert_cmpuint (problems->len, ==, 3);
  three = efir_transcript_state_problem_summary (problems);
  g_assert_true (g_str_has_prefix (three, "Line 2:"));
  g_assert_true (g_str_has_suffix (three, " 2 more lines need attention."));
}

/* A three-hour transcript: a parse on a pause, and on a bad line. */
static void
test_parse_large (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double strict_ms;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "[%02u:%02u:%02u] %s: Segment %u talks about Iran, Russia and "
                            "the South Caucasus in some detail, as guests do.\n",
                            i * 3 / 3600, i * 3 / 60 % 60, i * 3 % 60,
                            i % 2 == 0 ? "Host" : "Nasimi Mammadli", i);

  g_timer_start (timer);
  segments = efir_transcript_state_parse (text->str, text->len, 10800, &problems);
  strict_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_cmpuint (segments->len, ==, 3000);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_string_insert (text, strchr (text->str + text->len / 2, '\n') + 1 - text->str, "[01:1\n");

  g_timer_start (timer);
  segments = efir_transcript_state_parse (text->str, text->len, 10800, &problems);
  g_test_message ("3,000 segments, %zu bytes: parse %.1f ms; with a bad line %.1f ms",
                  text->len, strict_ms, g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (segments->len, ==, 3000);
  g_assert_cmpuint (problems->len, ==, 1);
}

/* Reading back around an edit ------------------------------------------- */

#define EDIT_DURATION 2400.0

/* Forty segments, every fifth on two lines, the seventh with a line that
 * meant to be a time code and is not, the twelfth ending in a pause as an
 * SRT import leaves it. */
static char *
edit_sample (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    {
      g_string_append_printf (text, "[00:%02u:%02u] %s: Söz %u, sual və cavab.\n",
                              i * 20 / 60, i * 20 % 60, i % 2 == 0 ? "Aparıcı" : "Nəsimi Məmmədli", i);
      if (i % 5 == 0)
        g_string_append_printf (text, "Davamı %u: şərh.\n", i);
      if (i == 7)
        g_string_append (text, "[00:0 yarımçıq\n");
    }

  return g_string_free (text, FALSE);
}

static char *
string_line_cb (int      line,
                gpointer user_data)
{
  GStrv lines = user_data;

  if (line < 0 || (guint) line >= g_strv_length (lines))
    return NULL;

  return g_strdup (lines[line]);
}

static GListStore *
model_of (const char *text,
          GPtrArray **out_problems)
{
  g_autoptr(GPtrArray) segments = efir_transcript_state_parse (text, -1, EDIT_DURATION, out_problems);
  GListStore *model = g_list_store_new (EFIR_TYPE_SEGMENT);

  g_list_store_splice (model, 0, 0, segments->pdata, segments->len);
  if (segments->len > 12)
    efir_segment_set_end (g_ptr_array_index (segments, 12),
                          efir_segment_get_start (g_ptr_array_index (segments, 12)) + 5);

  return model;
}

/* Replaces @length bytes at @offset of @before by @insert, then reads the
 * edit back both ways: around the edit, and the whole text. */
static gboolean
assert_edit_reads_as_whole (const char *before,
                            gsize       offset,
                            gsize       length,
                            const char *insert)
{
  g_autoptr(GString) after = g_string_new (before);
  g_autoptr(GPtrArray) old_problems = NULL;
  g_autoptr(GPtrArray) expected_problems = NULL;
  g_autoptr(GListStore) model = model_of (before, &old_problems);
  g_autoptr(GPtrArray) expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) lines_before = g_strsplit (before, "\n", -1);
  EfirTranscriptEdit edit;
  int first_edited, last_edited, inserted_lines = 0;
  gboolean partial;

  g_string_erase (after, offset, length);
  g_string_insert (after, offset, insert);
  lines = g_strsplit (after->str, "\n", -1);

  /* The lines the editor notes: where the edit starts, to where the
   * inserted text ends. */
  first_edited = 0;
  for (gsize i = 0; i < offset; i++)
    first_edited += before[i] == '\n';
  for (const char *p = insert; *p != '\0'; p++)
    inserted_lines += *p == '\n';
  last_edited = first_edited + inserted_lines;

  expected = efir_transcript_state_parse (after->str, -1, EDIT_DURATION, &expected_problems);
  efir_transcript_state_keep_ends (expected, G_LIST_MODEL (model), EDIT_DURATION);

  partial = efir_transcript_state_read_edit (G_LIST_MODEL (model), old_problems, string_line_cb, lines,
                                             first_edited, last_edited,
                                             (int) g_strv_length (lines) - (int) g_strv_length (lines_before),
                                             EDIT_DURATION, &edit);
  if (!partial)
    return FALSE;

  g_list_store_splice (model, edit.position, edit.removed, edit.added->pdata, edit.added->len);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (!efir_segment_equal (segment, g_ptr_array_index (expected, i)))
        g_error ("segment %u differs: [%g–%g] %s: %s", i,
                 efir_segment_get_start (segment), efir_segment_get_end (segment),
                 efir_segment_get_speaker (segment), efir_segment_get_text (segment));
    }

  g_assert_cmpuint (edit.problems->len, ==, expected_problems->len);
  for (guint i = 0; i < expected_problems->len; i++)
    {
      EfirTranscriptProblem *problem = g_ptr_array_index (edit.problems, i);
      EfirTranscriptProblem *wanted = g_ptr_array_index (expected_problems, i);

      g_assert_cmpuint (problem->line, ==, wanted->line);
      g_assert_cmpstr (problem->message, ==, wanted->message);
    }

  efir_transcript_edit_clear (&edit);

  return TRUE;
}

static gsize
offset_of (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);

  return at - text;
}

static void
test_read_edit (void)
{
  g_autofree char *text = edit_sample ();
  gsize seg5 = offset_of (text, "Söz 5,");
  gsize seg7 = offset_of (text, "Söz 7,");

  /* At the start: a word of the first segment, text above every time
   * code, and the first time code itself. */
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "Söz 0,"), 3, "Kəlmə"));
  g_assert_true (assert_edit_reads_as_whole (text, 0, 0, "Salam.\n"));
  g_assert_true (assert_edit_reads_as_whole (text, 7, 2, "05"));

  /* In the middle: a word, a time code moved (the segment above ends
   * there), a line that starts a segment, a time code removed, the line
   * that was not a time code made one. */
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "Söz 20,"), 3, "Kəlmə"));
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "[00:06:40]") + 6, 2, "45"));
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "Söz 21,") + 9, 0,
                                             "\n[00:07:05] Şəhla Qasımova: Bəli"));
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "[00:07:20]"), 10, ""));
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "[00:0 yarımçıq"), 5, "[00:02:25]"));

  /* The segment that ends in a pause keeps it when the one above changes,
   * and loses it when its own start moves. */
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "Söz 11,"), 3, "Kəlmə"));
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "[00:04:00]") + 7, 1, "1"));

  /* At the end: the last words, a segment added after them. */
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "Söz 39,"), 3, "Kəlmə"));
  g_assert_true (assert_edit_reads_as_whole (text, strlen (text), 0,
                                             "[00:13:30] Aparıcı: Sağ olun.\n"));
  g_assert_true (assert_edit_reads_as_whole (text, strlen (text) - 1, 1, " Son."));

  /* Across segments: from the middle of the fifth into the seventh,
   * the line that was not a time code among what goes. */
  g_assert_true (assert_edit_reads_as_whole (text, seg5, offset_of (text, "[00:0 yarımçıq") + 3 - seg5, ""));
  g_assert_true (assert_edit_reads_as_whole (text, seg5, seg7 - seg5, "yeni "));

  /* Pasted lines, timed and not, in the middle of a segment. */
  g_assert_true (assert_edit_reads_as_whole (text, offset_of (text, "Söz 30,") + 4, 0,
                                             " əlavə\n[00:10:05] Nəsimi Məmmədli: Bir.\nİkinci sətir.\n"
                                             "[00:10:10] Aparıcı: Üç.\n[laughter] dörd "));

  /* A time code typed earlier than the one above it, and one later than
   * the segment below: the problem is read as the whole text reads it, or
   * the whole text is read. */
  assert_edit_reads_as_whole (text, offset_of (text, "[00:08:20]") + 4, 1, "1");
  assert_edit_reads_as_whole (text, offset_of (text, "[00:08:20]") + 4, 1, "9");
}

/* Places all over the text, every kind of keystroke: whenever the edit is
 * read around, it reads as the whole text does. */
static void
test_read_edit_everywhere (void)
{
  g_autofree char *original = edit_sample ();
  g_autoptr(GString) text = g_string_new (original);
  const char *keys[] = { "x", "\n", "", "[00:0", "]" };
  guint n_partial = 0;
  guint n_edits = 0;

  /* A line out of order below most edits: its message follows its line. */
  g_string_replace (text, "[00:10:20]", "[00:01:00]", 1);

  /* Every place would be some ten thousand edits; every third character
   * still meets each kind of line at its start, middle and end. */
  for (gsize offset = 0, n = 0; offset < text->len;
       offset = g_utf8_next_char (text->str + offset) - text->str, n++)
    {
      if (n % 3 != 0)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          gsize length = keys[k][0] == '\0' ? g_utf8_next_char (text->str + offset) - (text->str + offset) : 0;

          n_edits++;
          if (assert_edit_reads_as_whole (text->str, offset, length, keys[k]))
            n_partial++;
        }
    }

  /* Most are read around the edit. */
  g_test_message ("%u of %u edits read around", n_partial, n_edits);
  g_assert_cmpuint (n_partial, >, n_edits * 3 / 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/transcript-state/scan-line", test_scan_line);
  g_test_add_func ("/app/transcript-state/parse/valid", test_parse_valid);
  g_test_add_func ("/app/transcript-state/parse/empty", test_parse_empty);
  g_test_add_func ("/app/transcript-state/parse/half-typed-line", test_parse_half_typed_line);
  g_test_add_func ("/app/transcript-state/parse/problems-in-the-middle", test_parse_problems_in_the_middle);
  g_test_add_func ("/app/transcript-state/parse/text-before-first-timecode",
                   test_parse_text_before_first_timecode);
  g_test_add_func ("/app/transcript-state/parse/while-typing", test_parse_while_typing);
  g_test_add_func ("/app/transcript-state/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/app/transcript-state/parse/keeps-every-line", test_parse_keeps_every_line);
  g_test_add_func ("/app/transcript-state/parse/large", test_parse_large);
  g_test_add_func ("/app/transcript-state/keep-ends", test_keep_ends);
  g_test_add_func ("/app/transcript-state/keep-ends/derived", test_keep_ends_derived);
  g_test_add_func ("/app/transcript-state/diff", test_diff);
  g_test_add_func ("/app/transcript-state/line-for-time", test_line_for_time);
  g_test_add_func ("/app/transcript-state/match-label", test_match_label);
  g_test_add_func ("/app/transcript-state/problem-summary", test_problem_summary);

  g_test_add_func ("/app/transcript-state/read-edit", test_read_edit);
  g_test_add_func ("/app/transcript-state/read-edit-everywhere", test_read_edit_everywhere);

  return g_test_run ();
}
