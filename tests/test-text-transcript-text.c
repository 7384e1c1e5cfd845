/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-transcript-text"

#include "config.h"

#include <string.h>

#include "efir-timecode.h"
#include "efir-transcript-text.h"

/* Helpers ---------------------------------------------------------------- */

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

static GPtrArray *
parse_ok (const char *text,
          double      total_duration)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *segments = efir_transcript_text_parse (text, -1, total_duration, &error);

  g_assert_no_error (error);
  g_assert_nonnull (segments);

  return segments;
}

static const char *sample =
  "[00:00:00] Host: Good evening, this is Difficult Question.\n"
  "[00:00:04] Nasimi Mammadli: Thank you.\n"
  "There are no specific threats.\n"
  "[00:01:10] Host: What about Iran?\n"
  "[00:01:15] (applause)\n";

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

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse (text, -1, 100, &error);

  g_assert_null (segments);
  g_assert_error (error, EFIR_TRANSCRIPT_ERROR, code);
  g_test_message ("error: %s", error->message);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));
}

static const char *
speaker_of (const char *line)
{
  g_autoptr(GPtrArray) segments = parse_ok (line, 0);
  static char speaker[64];

  g_assert_cmpuint (segments->len, ==, 1);
  g_strlcpy (speaker, efir_segment_get_speaker (g_ptr_array_index (segments, 0)), sizeof speaker);

  return speaker;
}

static char *
format_array (GPtrArray *segments)
{
  g_autoptr(GListStore) store = g_list_store_new (EFIR_TYPE_SEGMENT);

  g_list_store_splice (store, 0, 0, segments->pdata, segments->len);

  return efir_transcript_text_format (G_LIST_MODEL (store));
}

/* Tests ------------------------------------------------------------------ */

static void
test_transcript_text_parse (void)
{
  g_autoptr(GPtrArray) segments = NULL;

  segments = parse_ok ("[00:00:00] Host: Good evening, this is Difficult Question.\n"
                       "[00:00:06.5] Host: What is Azerbaijan concerned about?\n"
                       "\n"
                       "[00:00:15] Nasimi Mammadli: There are no specific threats.\n"
                       "The Karabakh issue has been resolved.\n"
                       "[00:15:03,5] Taking preventive measures is quite natural.\n",
                       1740);

  g_assert_cmpuint (segments->len, ==, 4);
  assert_segment (segments, 0, 0, 6.5, "Host", "Good evening, this is Difficult Question.");
  assert_segment (segments, 1, 6.5, 15, "Host", "What is Azerbaijan concerned about?");
  assert_segment (segments, 2, 15, 903.5, "Nasimi Mammadli",
                  "There are no specific threats.\nThe Karabakh issue has been resolved.");
  assert_segment (segments, 3, 903.5, 1740, "", "Taking preventive measures is quite natural.");
}

static void
test_transcript_text_parse_languages (void)
{
  g_autoptr(GPtrArray) segments = NULL;

  segments = parse_ok ("[00:00:01] Aparıcı: Xoş gördük, bu «Çətin sual» verilişidir.\n"
                       "[00:00:05] Ведущий: Добрый вечер, это «Трудный вопрос».\n"
                       "[00:00:09] Leyla xanım: Təşəkkür edirəm.\n",
                       12);

  assert_segment (segments, 0, 1, 5, "Aparıcı", "Xoş gördük, bu «Çətin sual» verilişidir.");
  assert_segment (segments, 1, 5, 9, "Ведущий", "Добрый вечер, это «Трудный вопрос».");
  assert_segment (segments, 2, 9, 12, "Leyla xanım", "Təşəkkür edirəm.");
}

static void
test_transcript_text_parse_last_end (void)
{
  g_autoptr(GPtrArray) longer = parse_ok ("[00:00:10] a\n[00:00:20] b", 30);
  g_autoptr(GPtrArray) shorter = parse_ok ("[00:00:10] a\n[00:00:20] b", 15);
  g_autoptr(GPtrArray) unknown = parse_ok ("[00:00:10] a\n[00:00:20] b", 0);

  assert_segment (longer, 1, 20, 30, "", "b");
  assert_segment (shorter, 1, 20, 20, "", "b");
  assert_segment (unknown, 1, 20, 20, "", "b");
}

static void
test_transcript_text_parse_speakers (void)
{
  g_assert_cmpstr (speaker_of ("[00:00:01] Host: hello"), ==, "Host");
  g_assert_cmpstr (speaker_of ("[00:00:01] Nasimi Mammadli:hello"), ==, "");
  g_assert_cmpstr (speaker_of ("[00:00:01] Dr. R. Namazov: hello"), ==, "Dr. R. Namazov");
  g_assert_cmpstr (speaker_of ("[00:00:01] Host:"), ==, "Host");
  g_assert_cmpstr (speaker_of ("[00:00:01]   Guest 2  :  hello"), ==, "Guest 2");
  g_assert_cmpstr (speaker_of ("[00:00:01] hello"), ==, "");

  /* Sentences that happen to contain a colon. */
  g_assert_cmpstr (speaker_of ("[00:00:01] What is Azerbaijan concerned about: interference?"),
                   ==, "");
  g_assert_cmpstr (speaker_of ("[00:00:01] Well, the point is: no"), ==, "");
  g_assert_cmpstr (speaker_of ("[00:00:01] We met at 10:30 in Baku"), ==, "");
  g_assert_cmpstr (speaker_of ("[00:00:01] See https://example.com: it is there"), ==, "");
  g_assert_cmpstr (speaker_of ("[00:00:01] «Citation»: text"), ==, "");
  g_assert_cmpstr (speaker_of ("[00:00:01] : text"), ==, "");
}

static void
test_transcript_text_parse_continuation (void)
{
  g_autoptr(GPtrArray) segments = NULL;

  /* A speaker alone on the time code line, the words below; notes in
   * brackets are text; blank lines and trailing blanks disappear.
   */
  segments = parse_ok ("[00:01:00] Host:\n"
                       "  First line.   \n"
                       "\n"
                       "[laughter]\n"
                       "[2 guests laugh]\n"
                       "[00:01:30] Guest: yes\n",
                       0);

  g_assert_cmpuint (segments->len, ==, 2);
  assert_segment (segments, 0, 60, 90, "Host", "First line.\n[laughter]\n[2 guests laugh]");
  assert_segment (segments, 1, 90, 90, "Guest", "yes");
}

static void
test_transcript_text_parse_windows_lines (void)
{
  g_autoptr(GPtrArray) segments = parse_ok ("[00:00:01] Host: one\r\ntwo\r\n[00:00:02] three\r\n", 3);

  assert_segment (segments, 0, 1, 2, "Host", "one\ntwo");
  assert_segment (segments, 1, 2, 3, "", "three");
}

static void
test_transcript_text_parse_time_forms (void)
{
  g_autoptr(GPtrArray) segments = parse_ok ("[0:05] a\n[12:34] b\n[1:02:03] c\n[01:02:03.25] d\n", 0);

  assert_segment (segments, 0, 5, 754, "", "a");
  assert_segment (segments, 1, 754, 3723, "", "b");
  assert_segment (segments, 2, 3723, 3723.25, "", "c");
  assert_segment (segments, 3, 3723.25, 3723.25, "", "d");
}

static void
test_transcript_text_parse_length (void)
{
  const char *text = "[00:00:01] one\n[00:00:02] two\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse (text, 15, 10, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 1);
  assert_segment (segments, 0, 1, 10, "", "one");
}

static void
test_transcript_text_parse_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) segments = parse_ok ("[00:00:01] Host: bad \xff byte", 2);

  assert_segment (segments, 0, 1, 2, "Host", "bad \xef\xbf\xbd byte");
}

static void
test_transcript_text_errors (void)
{
  assert_parse_error ("[00:00:01] a\n\n[00:61:00] Host: b\n",
                      EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, "Line 3: “[00:61:00]”");
  assert_parse_error ("[00:00:01] a\n[00:1O:00] b\n",
                      EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, "Line 2: “[00:1O:00]”");
  assert_parse_error ("[00:00:01] a\n[00:10:00 Host: b\n",
                      EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, "Line 2: “[00:10:00”");
  assert_parse_error ("[00:00:01] a\n[12] b\n",
                      EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, "Line 2");
  assert_parse_error ("\nGood evening.\n[00:00:01] a\n",
                      EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, "Line 2: “Good evening.”");
  assert_parse_error ("A very long first line without any time code at all, going on\n",
                      EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, "Line 1: “A very long first line without…”");
  assert_parse_error ("[00:10:00] a\n[00:10:00] b\n[00:09:59.5] c\n",
                      EFIR_TRANSCRIPT_ERROR_OUT_OF_ORDER,
                      "Line 3: [00:09:59.5] is earlier than the time code above it, [00:10:00]");
  assert_parse_error ("", EFIR_TRANSCRIPT_ERROR_EMPTY, NULL);
  assert_parse_error ("\n \n\t\r\n", EFIR_TRANSCRIPT_ERROR_EMPTY, NULL);
}

static void
test_transcript_text_format (void)
{
  g_autoptr(GListStore) store = g_list_store_new (EFIR_TYPE_SEGMENT);
  g_autoptr(EfirSegment) first = efir_segment_new (754, 760, "Host", "Good evening.");
  g_autoptr(EfirSegment) second = efir_segment_new (903.5, 910, "Nasimi Mammadli",
                                                    "Two lines\nof text.");
  g_autoptr(EfirSegment) third = efir_segment_new (3723, 3800, NULL, "No speaker.");
  g_autoptr(EfirSegment) fourth = efir_segment_new (3800, 3900, "Guest", NULL);
  g_autoptr(EfirSegment) fifth = efir_segment_new (3900, 4000, NULL, "The point is: no");
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  empty = efir_transcript_text_format (G_LIST_MODEL (store));
  g_assert_cmpstr (empty, ==, "");

  g_list_store_append (store, first);
  g_list_store_append (store, second);
  g_list_store_append (store, third);
  g_list_store_append (store, fourth);
  g_list_store_append (store, fifth);
  text = efir_transcript_text_format (G_LIST_MODEL (store));

  /* Text that would read as "speaker: text" goes on its own line. */
  g_assert_cmpstr (text, ==,
                   "[00:12:34] Host: Good evening.\n"
                   "[00:15:03.5] Nasimi Mammadli: Two lines\n"
                   "of text.\n"
                   "[01:02:03] No speaker.\n"
                   "[01:03:20] Guest:\n"
                   "[01:05:00]\n"
                   "The point is: no\n");
}

static void
test_transcript_text_round_trip (void)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  g_ptr_array_add (segments, efir_segment_new (0, 6.5, "Host", "Good evening, this is Difficult Question."));
  g_ptr_array_add (segments, efir_segment_new (6.5, 15, "Host",
                                               "What is Azerbaijan concerned about: foreign "
                                               "interference, hybrid threats, or non-systemic "
                                               "opposition?"));
  g_ptr_array_add (segments, efir_segment_new (15, 24, "Nasimi Mammadli",
                                               "There are no specific threats.\n[pause]\nNone."));
  g_ptr_array_add (segments, efir_segment_new (24, 24.125, NULL,
                                               "What is Azerbaijan concerned about: interference?"));
  g_ptr_array_add (segments, efir_segment_new (24.125, 903.5, "Ведущий", "Трудный вопрос: что дальше?"));
  g_ptr_array_add (segments, efir_segment_new (903.5, 903.5, "Aparıcı", NULL));
  g_ptr_array_add (segments, efir_segment_new (903.5, 1740, NULL, "Çətin sual"));

  text = format_array (segments);
  parsed = efir_transcript_text_parse (text, -1, 1740, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (parsed->len, ==, segments->len);
  for (guint i = 0; i < segments->len; i++)
    g_assert_true (efir_segment_equal (g_ptr_array_index (segments, i),
                                       g_ptr_array_index (parsed, i)));

  text_again = format_array (parsed);
  g_assert_cmpstr (text_again, ==, text);
}

static void
test_transcript_text_three_hours (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *formatted = NULL;
  gint64 started;

  /* A three-hour programme: 3,000 segments, one every 3.6 seconds. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *code = efir_timecode_format (i * 3.6);

      g_string_append_printf (text, "[%s] %s: Segment %u, with enough words to be a sentence "
                              "as a guest says it on air.\n",
                              code, i % 2 == 0 ? "Host" : "Nasimi Mammadli", i);
    }

  started = g_get_monotonic_time ();
  segments = parse_ok (text->str, 3 * 3600);
  formatted = format_array (segments);
  g_test_message ("parse and format of 3000 lines: %.2f ms",
                  (g_get_monotonic_time () - started) / 1000.0);

  g_assert_cmpuint (segments->len, ==, 3000);
  assert_segment (segments, 1234, 1234 * 3.6, 1235 * 3.6, "Host",
                  "Segment 1234, with enough words to be a sentence as a guest says it on air.");
  assert_segment (segments, 2999, 2999 * 3.6, 3 * 3600, "Nasimi Mammadli",
                  "Segment 2999, with enough words to be a sentence as a guest says it on air.");
  g_assert_cmpstr (formatted, ==, text->str);
}

static void
test_transcript_text_scan_line (void)
{
  const char *timed = "  [00:12:34] Nasimi Mammadli : There are no threats.";
  const char *question;
  EfirTranscriptLine scan;
  g_autoptr(EfirSegment) segment = NULL;

  efir_transcript_text_scan_line (timed, strlen (timed), &scan, &segment);
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
  efir_transcript_text_scan_line (question, strlen (question), &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TIMED);
  g_assert_cmpuint (scan.speaker_start, ==, scan.speaker_end);

  efir_transcript_text_scan_line ("[00:1", 5, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_BAD);
  g_assert_cmpuint (scan.timecode_end, ==, 5);

  efir_transcript_text_scan_line ("[00:1O:34] Host: hi", 19, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_BAD);

  efir_transcript_text_scan_line ("[laughter] indeed", 17, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);

  efir_transcript_text_scan_line ("Azərbaycan", strlen ("Azərbaycan"), &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);

  efir_transcript_text_scan_line (" \t\r", 3, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_BLANK);
}

static void
test_transcript_text_lenient_valid (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (sample, -1, 100, &problems);
  g_autoptr(GPtrArray) strict = parse_ok (sample, 100);

  g_assert_cmpuint (problems->len, ==, 0);
  assert_segments_equal (segments, strict);
}

static void
test_transcript_text_lenient_empty (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (" \n\n\t\n", -1, 100, &problems);

  g_assert_cmpuint (segments->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  segments = efir_transcript_text_parse_lenient ("", 0, 0, &problems);
  g_assert_cmpuint (segments->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The half-typed line stays with the segment above, the rest is read as
 * if it were not there, and the problem names the line.
 */
static void
test_transcript_text_lenient_half_typed_line (void)
{
  g_autofree char *text = g_strconcat (sample, "[00:1\n", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (text, -1, 100, &problems);
  g_autoptr(GPtrArray) strict = parse_ok (sample, 100);
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
test_transcript_text_lenient_problems_in_the_middle (void)
{
  const char *text =
    "[00:00:00] Host: One.\n"
    "[00:00:0x] Host: Two.\n"
    "[00:00:09] Guest: Three.\n"
    "[00:00:05] Guest: Four.\n"
    "[00:00:12] Host: Five.\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (text, -1, 20, &problems);
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
test_transcript_text_lenient_text_before_first_timecode (void)
{
  const char *text =
    "Notes for the editor\n"
    "second line\n"
    "[00:00:03] Host: Hello.\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (text, -1, 10, &problems);

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
test_transcript_text_lenient_while_typing (void)
{
  const char *line = "[00:02:03.5] Nasimi Mammadli: Azərbaycan, Россия, Iran.";
  g_autoptr(GPtrArray) strict = parse_ok (sample, 0);
  gsize length = strlen (line);

  for (gsize n = 1; n <= length; n = g_utf8_next_char (line + n) - line)
    {
      g_autofree char *typed = g_strndup (line, n);
      g_autofree char *text = g_strconcat (sample, typed, NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (text, -1, 0, &problems);
      g_autoptr(GListModel) model = store_from (segments);
      g_autofree char *written = efir_transcript_text_format (model);
      g_autoptr(GPtrArray) reread = efir_transcript_text_parse_lenient (written, -1, 0, NULL);
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
test_transcript_text_lenient_keeps_every_line (void)
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

      segments = efir_transcript_text_parse_lenient (text->str, text->len, 60, NULL);
      model = store_from (segments);
      written = efir_transcript_text_format (model);
      reread = efir_transcript_text_parse_lenient (written, -1, 60, NULL);
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

          efir_transcript_text_scan_line (lines[i], strlen (lines[i]), &scan, NULL);
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
test_transcript_text_lenient_invalid_utf8 (void)
{
  const char *text = "[00:00:01] Host: caf\xe9\n[00:0\xff\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) segments = efir_transcript_text_parse_lenient (text, -1, 5, &problems);

  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_true (g_utf8_validate (efir_segment_get_text (g_ptr_array_index (segments, 0)), -1, NULL));
  g_assert_cmpuint (problems->len, ==, 1);
}

/* A three-hour transcript: a parse on a pause, and on a bad line. */
static void
test_transcript_text_lenient_large (void)
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
  segments = efir_transcript_text_parse_lenient (text->str, text->len, 10800, &problems);
  strict_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_cmpuint (segments->len, ==, 3000);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_string_insert (text, strchr (text->str + text->len / 2, '\n') + 1 - text->str, "[01:1\n");

  g_timer_start (timer);
  segments = efir_transcript_text_parse_lenient (text->str, text->len, 10800, &problems);
  g_test_message ("3,000 segments, %zu bytes: parse %.1f ms; with a bad line %.1f ms",
                  text->len, strict_ms, g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (segments->len, ==, 3000);
  g_assert_cmpuint (problems->len, ==, 1);
}

/* "00:25:00 text", as other tools write a time, starts a segment rather
 * than joining the one above without a word.
 */
static void
test_transcript_text_unbracketed (void)
{
  const char *text = "[00:00:01] Host: Good evening.\n00:25:00 Nasimi Mammadli: Thank you.\n";
  g_autoptr(GPtrArray) segments = parse_ok (text, 1800);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) lenient = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autofree char *written = NULL;
  EfirTranscriptLine scan;

  g_assert_cmpuint (segments->len, ==, 2);
  assert_segment (segments, 0, 1, 1500, "Host", "Good evening.");
  assert_segment (segments, 1, 1500, 1800, "Nasimi Mammadli", "Thank you.");

  lenient = efir_transcript_text_parse_lenient ("[00:00:01] a\n  00:25:00 text\n", -1, 0,
                                                &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (lenient->len, ==, 2);
  assert_segment (lenient, 1, 1500, 1500, "", "text");

  efir_transcript_text_scan_line ("  00:25:00 text", 15, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TIMED);
  g_assert_cmpfloat (scan.start, ==, 1500);
  g_assert_cmpuint (scan.timecode_start, ==, 2);
  g_assert_cmpuint (scan.timecode_end, ==, 10);

  /* Written back, the time gets its brackets and reads the same. */
  model = store_from (segments);
  written = efir_transcript_text_format (model);
  g_assert_nonnull (strstr (written, "[00:25:00] Nasimi Mammadli: Thank you."));

  /* Numbers that are not a whole time code stay text. */
  efir_transcript_text_scan_line ("2 guests: yes", 13, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);
  efir_transcript_text_scan_line ("00:2x:00 text", 13, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);
  efir_transcript_text_scan_line ("2024 was a year", 15, &scan, NULL);
  g_assert_cmpint (scan.kind, ==, EFIR_TRANSCRIPT_LINE_TEXT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/transcript-text/parse", test_transcript_text_parse);
  g_test_add_func ("/text/transcript-text/parse-languages", test_transcript_text_parse_languages);
  g_test_add_func ("/text/transcript-text/parse-last-end", test_transcript_text_parse_last_end);
  g_test_add_func ("/text/transcript-text/parse-speakers", test_transcript_text_parse_speakers);
  g_test_add_func ("/text/transcript-text/parse-continuation",
                   test_transcript_text_parse_continuation);
  g_test_add_func ("/text/transcript-text/parse-windows-lines",
                   test_transcript_text_parse_windows_lines);
  g_test_add_func ("/text/transcript-text/parse-time-forms", test_transcript_text_parse_time_forms);
  g_test_add_func ("/text/transcript-text/parse-length", test_transcript_text_parse_length);
  g_test_add_func ("/text/transcript-text/parse-invalid-utf8",
                   test_transcript_text_parse_invalid_utf8);
  g_test_add_func ("/text/transcript-text/errors", test_transcript_text_errors);
  g_test_add_func ("/text/transcript-text/format", test_transcript_text_format);
  g_test_add_func ("/text/transcript-text/round-trip", test_transcript_text_round_trip);
  g_test_add_func ("/text/transcript-text/three-hours", test_transcript_text_three_hours);
  g_test_add_func ("/text/transcript-text/unbracketed", test_transcript_text_unbracketed);
  g_test_add_func ("/text/transcript-text/scan-line", test_transcript_text_scan_line);
  g_test_add_func ("/text/transcript-text/lenient/valid", test_transcript_text_lenient_valid);
  g_test_add_func ("/text/transcript-text/lenient/empty", test_transcript_text_lenient_empty);
  g_test_add_func ("/text/transcript-text/lenient/half-typed-line",
                   test_transcript_text_lenient_half_typed_line);
  g_test_add_func ("/text/transcript-text/lenient/problems-in-the-middle",
                   test_transcript_text_lenient_problems_in_the_middle);
  g_test_add_func ("/text/transcript-text/lenient/text-before-first-timecode",
                   test_transcript_text_lenient_text_before_first_timecode);
  g_test_add_func ("/text/transcript-text/lenient/while-typing",
                   test_transcript_text_lenient_while_typing);
  g_test_add_func ("/text/transcript-text/lenient/keeps-every-line",
                   test_transcript_text_lenient_keeps_every_line);
  g_test_add_func ("/text/transcript-text/lenient/invalid-utf8",
                   test_transcript_text_lenient_invalid_utf8);
  g_test_add_func ("/text/transcript-text/lenient/large", test_transcript_text_lenient_large);

  return g_test_run ();
}
