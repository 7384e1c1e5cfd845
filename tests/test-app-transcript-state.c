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

  segments = efir_transcript_text_parse_lenient (edited, -1, 30, NULL);
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
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient ("[00:00:00] A: one\n[00:00:15] B: two\n",
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

  segments = efir_transcript_text_parse_lenient ("[00:00:01] A: x\n[00:1\n", -1, 0, &problems);
  one = efir_transcript_state_problem_summary (problems);
  g_assert_cmpstr (one, ==, ((EfirTranscriptProblem *) g_ptr_array_index (problems, 0))->message);

  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  segments = efir_transcript_text_parse_lenient ("[00:00:01] A: x\n[00:1\n[0:\n[1:2\n", -1, 0, &problems);
  g_assert_cmpuint (problems->len, ==, 3);
  three = efir_transcript_state_problem_summary (problems);
  g_assert_true (g_str_has_prefix (three, "Line 2:"));
  g_assert_true (g_str_has_suffix (three, " 2 more lines need attention."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/transcript-state/keep-ends", test_keep_ends);
  g_test_add_func ("/app/transcript-state/keep-ends/derived", test_keep_ends_derived);
  g_test_add_func ("/app/transcript-state/diff", test_diff);
  g_test_add_func ("/app/transcript-state/line-for-time", test_line_for_time);
  g_test_add_func ("/app/transcript-state/match-label", test_match_label);
  g_test_add_func ("/app/transcript-state/problem-summary", test_problem_summary);

  return g_test_run ();
}
