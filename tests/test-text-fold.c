/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-fold"

#include "config.h"

#include <string.h>

#include "efir-fold.h"

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  const char *text;
  const char *folded;
} FoldCase;

static void
assert_folds_to (const char *text,
                 gssize      length,
                 const char *expected)
{
  g_autofree char *folded = efir_fold (text, length);

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_cmpstr (folded, ==, expected);
}

static void
run_cases (const FoldCase *cases,
           gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_test_message ("folding “%s”", cases[i].text);
      assert_folds_to (cases[i].text, -1, cases[i].folded);
    }
}

/* Tests ------------------------------------------------------------------ */

static void
test_fold_azerbaijani (void)
{
  static const FoldCase cases[] = {
    { "Çətin sual", "cetin sual" },
    { "Əliyev", "eliyev" },
    { "İlham", "ilham" },
    { "Şəki", "seki" },
    { "Ağdam", "agdam" },
    { "Qarabağ", "qarabag" },
    { "Müsavat", "musavat" },
    { "Gəncə", "gence" },
    { "ÇƏTİN SUAL", "cetin sual" },
    { "IĞDIR", "igdir" },
    { "qızıl", "qizil" },
    { "Xankəndi", "xankendi" },
    { "Şuşa", "susa" },
    { "Gözəl", "gozel" },
    { "Ölkə", "olke" },
    { "Milli Məclis", "milli meclis" },
    { "Həftə", "hefte" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_fold_russian (void)
{
  static const FoldCase cases[] = {
    { "ЁЛКА", "елка" },
    { "ёлка", "елка" },
    { "Москва", "москва" },
    { "Трудный вопрос", "трудныи вопрос" },
    { "ЙОГУРТ", "иогурт" },
    { "Нарышкин", "нарышкин" },
    { "СВР", "свр" },
    { "Всё ещё", "все еще" },
    { "Объём", "объем" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_fold_english (void)
{
  static const FoldCase cases[] = {
    { "SUAL", "sual" },
    { "Difficult Question", "difficult question" },
    { "Café naïve résumé", "cafe naive resume" },
    { "Hybrid Threats 2024", "hybrid threats 2024" },
    { "", "" },
    { "already folded", "already folded" },
    { "Don't STOP: 1-2-3!", "don't stop: 1-2-3!" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_fold_mixed (void)
{
  /* A tag line as producers write it: three languages in one field. */
  assert_folds_to ("Rusiya / Россия / RUSSIA — Ərdoğan", -1,
                   "rusiya / россия / russia — erdogan");
}

static void
test_fold_decomposed_input (void)
{
  /* Text pasted from macOS arrives decomposed; it must fold like the
   * precomposed form or searches miss it.
   */
  assert_folds_to ("C\u0327e\u0301tin", -1, "cetin");
  assert_folds_to ("\u0415\u0308\u043b\u043a\u0430", -1, "елка");
  assert_folds_to ("I\u0307lham", -1, "ilham");
}

static void
test_fold_length (void)
{
  /* The tokenizer hands in slices of a larger buffer. */
  assert_folds_to ("Şəki və Qəbələ", 6, "seki");

  /* A slice ending in the middle of "Ə" loses only that character. */
  assert_folds_to ("AƏ", 2, "a");

  assert_folds_to ("anything", 0, "");
}

static void
test_fold_invalid_utf8 (void)
{
  static const char invalid[] = "a\xff\xfe" "b\xc3" "c\xed\xa0\x80" "d\xf4\x90\x80\x80" "e\xc0\xaf" "Ş";

  assert_folds_to (invalid, -1, "abcdes");

  /* Embedded nul with an explicit length is skipped, not copied. */
  assert_folds_to ("A\0B", 3, "ab");
}

static void
test_fold_random_bytes_stay_valid (void)
{
  for (guint round = 0; round < 2000; round++)
    {
      guchar bytes[64];
      g_autofree char *folded = NULL;
      gsize n = g_test_rand_int_range (0, sizeof bytes);

      for (gsize i = 0; i < n; i++)
        bytes[i] = g_test_rand_int_range (0, 256);

      folded = efir_fold ((const char *) bytes, n);
      g_assert_true (g_utf8_validate (folded, -1, NULL));
    }
}

/* Where the pattern of @needle first matches in @text, or -1. */
static int
pattern_finds (const char *needle,
               const char *text)
{
  g_autofree char *pattern = efir_fold_pattern (needle);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  int start = -1;

  g_assert_nonnull (pattern);
  regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, &error);
  g_assert_no_error (error);
  if (g_regex_match (regex, text, 0, &match))
    g_match_info_fetch_pos (match, 0, &start, NULL);
  return start;
}

static void
test_fold_pattern (void)
{
  /* A word at the start of a sentence, with İ, and the producer's keyboard
   * without ç and ə: found as the archive's search finds them. */
  g_assert_cmpint (pattern_finds ("inflyasiya", "Bu, İnflyasiya deyil."), ==, 4);
  g_assert_cmpint (pattern_finds ("İNFLYASİYA", "inflyasiya"), ==, 0);
  g_assert_cmpint (pattern_finds ("cetin sual", "«Çətin sual» verilişi"), ==, 2);
  g_assert_cmpint (pattern_finds ("Çətin", "ÇƏTİN"), ==, 0);
  g_assert_cmpint (pattern_finds ("елка", "Новогодняя Ёлка"), ==, strlen ("Новогодняя "));
  g_assert_cmpint (pattern_finds ("ilham", "I\u0307lham"), ==, 0);
  g_assert_cmpint (pattern_finds ("cetin", "C\u0327e\u0301tin"), ==, 0);

  /* Only letters that fold alike: not another letter, not a near word. */
  g_assert_cmpint (pattern_finds ("cetin", "qetin"), ==, -1);
  g_assert_cmpint (pattern_finds ("sual", "sul"), ==, -1);

  /* What is special to a regular expression is a letter like any other. */
  g_assert_cmpint (pattern_finds ("(1+1)*", "a (1+1)* b"), ==, 2);
  g_assert_cmpint (pattern_finds ("a.b", "axb"), ==, -1);
  g_assert_cmpint (pattern_finds ("[00:12]", "at [00:12] here"), ==, 3);

  /* Beyond the table's scripts, case still folds. */
  g_assert_cmpint (pattern_finds ("σίσυφος", "ΣΊΣΥΦΟΣ"), ==, 0);

  /* Nothing to find in marks alone. */
  g_assert_null (efir_fold_pattern ("\u0301"));
}

static void
test_fold_append_keeps_prefix (void)
{
  g_autoptr(GString) out = g_string_new ("token:");

  efir_fold_append (out, "ÇƏTİN", -1);
  efir_fold_append (out, " SUAL", -1);
  g_assert_cmpstr (out->str, ==, "token:cetin sual");
}

static void
test_fold_idempotent (void)
{
  static const char *texts[] = {
    "Çətin sual", "ЁЛКА", "İlham Əliyev", "Ⱥ", "한국어", "Straße", "ΣΊΣΥΦΟΣ",
  };

  /* The index folds the document and the query separately; folding a
   * folded query again must not change it.
   */
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *once = efir_fold (texts[i], -1);
      g_autofree char *twice = efir_fold (once, -1);

      g_assert_cmpstr (once, ==, twice);
    }
}

/* A snippet counts a token only when it folds to something, and asks
 * efir_fold_is_empty() rather than folding it: every character alone,
 * then marks around letters and broken bytes, must get efir_fold()'s
 * answer. */
static void
assert_empty_as_folded (const char *text,
                        gssize      length)
{
  g_autofree char *folded = efir_fold (text, length);

  g_assert_cmpint (efir_fold_is_empty (text, length), ==, folded[0] == '\0');
}

static void
test_fold_is_empty (void)
{
  static const char * const texts[] = {
    "", "a", "\xcc\x81", "\xcc\x81\xcc\x88", "\xcc\x81" "a", "\xcc\x81\xd0\x81",
    "\xe1\xaa\xb0\xe2\x83\x90", "\xff\xfe", "\xff\xcc\x81", "\xc3", "İ", "ı", "Ə",
    "\xef\xac\x81", "한", "\xe2\x80\x8b",
  };
  guint n_empty = 0;

  for (gunichar c = 1; c < 0x30000; c++)
    {
      char text[8];
      gint length;

      if (!g_unichar_validate (c))
        continue;
      length = g_unichar_to_utf8 (c, text);
      assert_empty_as_folded (text, length);
      n_empty += efir_fold_is_empty (text, length);
    }
  /* Combining marks fold to nothing; the rest to something. */
  g_assert_cmpuint (n_empty, >, 100);

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_empty_as_folded (texts[i], -1);
  assert_empty_as_folded ("\0\xcc\x81", 3);
  assert_empty_as_folded ("\0a", 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold/azerbaijani", test_fold_azerbaijani);
  g_test_add_func ("/text/fold/russian", test_fold_russian);
  g_test_add_func ("/text/fold/english", test_fold_english);
  g_test_add_func ("/text/fold/mixed", test_fold_mixed);
  g_test_add_func ("/text/fold/decomposed-input", test_fold_decomposed_input);
  g_test_add_func ("/text/fold/length", test_fold_length);
  g_test_add_func ("/text/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/text/fold/random-bytes-stay-valid", test_fold_random_bytes_stay_valid);
  g_test_add_func ("/text/fold/append-keeps-prefix", test_fold_append_keeps_prefix);
  g_test_add_func ("/text/fold/idempotent", test_fold_idempotent);
  g_test_add_func ("/text/fold/is-empty", test_fold_is_empty);
  g_test_add_func ("/text/fold/pattern", test_fold_pattern);

  return g_test_run ();
}
