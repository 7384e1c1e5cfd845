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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/transcript-text/parse", test_transcript_text_parse);
  g_test_add_func ("/text/transcript-text/parse-languages", test_transcript_text_parse_languages);
  g_test_add_func ("/text/transcript-text/parse-last-end", test_transcript_text_parse_last_end);
  g_test_add_func ("/text/transcript-text/parse-speakers", test_transcript_text_parse_speakers);
  g_test_add_func ("/text/transcript-text/parse-continuation", test_transcript_text_parse_continuation);
  g_test_add_func ("/text/transcript-text/parse-windows-lines", test_transcript_text_parse_windows_lines);
  g_test_add_func ("/text/transcript-text/parse-time-forms", test_transcript_text_parse_time_forms);
  g_test_add_func ("/text/transcript-text/parse-length", test_transcript_text_parse_length);
  g_test_add_func ("/text/transcript-text/parse-invalid-utf8", test_transcript_text_parse_invalid_utf8);
  g_test_add_func ("/text/transcript-text/errors", test_transcript_text_errors);
  g_test_add_func ("/text/transcript-text/format", test_transcript_text_format);
  g_test_add_func ("/text/transcript-text/round-trip", test_transcript_text_round_trip);
  g_test_add_func ("/text/transcript-text/three-hours", test_transcript_text_three_hours);

  return g_test_run ();
}
