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
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (text, -1, EDIT_DURATION, out_problems);
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

  expected = efir_transcript_text_parse_lenient (after->str, -1, EDIT_DURATION, &expected_problems);
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
