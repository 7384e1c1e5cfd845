/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-markdown"

#include "config.h"

#include <string.h>

#include "efir-markdown.h"

/* Helpers ---------------------------------------------------------------- */

static void
assert_html (const char *markdown,
             const char *expected)
{
  g_autofree char *html = efir_markdown_to_html (markdown);

  g_assert_cmpstr (html, ==, expected);
}

static void
assert_words (const char *markdown,
              guint       expected)
{
  g_test_message ("counting “%s”", markdown);
  g_assert_cmpuint (efir_markdown_count_words (markdown), ==, expected);
}

/* Tests ------------------------------------------------------------------ */

static void
test_markdown_basic (void)
{
  assert_html ("Political commentator **Nasimi Mammadli** discusses *threats*.",
               "<p>Political commentator <strong>Nasimi Mammadli</strong> discusses "
               "<em>threats</em>.</p>\n");
  assert_html ("First paragraph.\n\nSecond paragraph.",
               "<p>First paragraph.</p>\n<p>Second paragraph.</p>\n");
  assert_html ("- Iran\n- Russia\n", "<ul>\n<li>Iran</li>\n<li>Russia</li>\n</ul>\n");
  assert_html ("[Watch](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
               "<p><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Watch</a></p>\n");
  assert_html ("", "");
}

static void
test_markdown_unicode (void)
{
  assert_html ("**Çətin sual** — «Трудный вопрос»",
               "<p><strong>Çətin sual</strong> — «Трудный вопрос»</p>\n");
}

static void
test_markdown_safe (void)
{
  g_autofree char *script = efir_markdown_to_html ("Hi <script>alert(1)</script> there\n\n"
                                                   "<div onclick=\"x()\">block</div>\n");
  g_autofree char *link = efir_markdown_to_html ("[click](javascript:alert(1)) "
                                                 "[data](data:text/html;base64,PHNjcmlwdD4=)");
  g_autofree char *image = efir_markdown_to_html ("![x](javascript:alert(1))");

  /* Pasted HTML must not reach the public page. */
  g_assert_null (strstr (script, "<script"));
  g_assert_null (strstr (script, "<div"));
  g_assert_null (strstr (script, "onclick"));
  g_assert_nonnull (strstr (script, "there"));

  g_assert_null (strstr (link, "javascript:"));
  g_assert_null (strstr (link, "data:text/html"));
  g_assert_nonnull (strstr (link, "click"));
  g_assert_null (strstr (image, "javascript:"));
}

static void
test_markdown_quotes_as_typed (void)
{
  /* Smart punctuation off: straight quotes and "--" stay what was typed. */
  assert_html ("He said \"no\" -- it's 'final'",
               "<p>He said &quot;no&quot; -- it's 'final'</p>\n");
}

static void
test_markdown_escapes_text (void)
{
  assert_html ("5 < 6 & 7 > 3", "<p>5 &lt; 6 &amp; 7 &gt; 3</p>\n");
}

static void
test_markdown_invalid_utf8 (void)
{
  g_autofree char *html = efir_markdown_to_html ("bad \xff byte");

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_cmpuint (efir_markdown_count_words ("bad \xff byte"), ==, 2);
}

static void
test_markdown_words_plain (void)
{
  assert_words ("", 0);
  assert_words ("   \n\n  ", 0);
  assert_words ("Good evening, this is Difficult Question.", 6);
  assert_words ("Çətin sual: Azərbaycanı nə narahat edir?", 6);
  assert_words ("Что беспокоит Азербайджан: иностранное вмешательство?", 5);
  assert_words ("Don't call it non-systemic — on 2024-10-04.", 6);
}

static void
test_markdown_words_markup (void)
{
  assert_words ("**Nasimi Mammadli** *discusses* __threats__", 4);
  assert_words ("un**believ**able", 1);
  assert_words ("[the full interview](https://example.com/a/very/long/url?with=params)", 3);
  assert_words ("# Heading\n\nParagraph one.\n\n> Quoted words here", 6);
  assert_words ("- Iran\n- Russia\n- Ukraine\n\n1. one\n2. two", 5);
  assert_words ("Use `efir-cli` now", 3);
  assert_words ("![a photo of the studio](studio.jpg) Caption", 1);
  assert_words ("Before <span class=\"x\">inline</span> after\n\n<div>\nblock html\n</div>\n", 3);
  assert_words ("line one  \nline two\nline three", 6);
  assert_words ("word\n\n---\n\nword", 2);
  assert_words ("**bold**\n**bold**", 2);
}

static void
assert_stripped (const char *fragment,
                 const char *expected)
{
  g_autofree char *plain = efir_markdown_strip_fragment (fragment);

  g_assert_cmpstr (plain, ==, expected);
}

/* Search snippets are cut anywhere; what is left reads as words. */
static void
test_markdown_strip_fragment (void)
{
  assert_stripped ("Politoloq *Фёдор Алиев* danışır", "Politoloq Фёдор Алиев danışır");
  assert_stripped ("**Nasimi Mammadli** and __threats__", "Nasimi Mammadli and threats");
  assert_stripped ("bax: [sayt](https://example.az/a) və", "bax: sayt və");
  assert_stripped ("…bax: [\x01sayt\x02](https://example.az/a/very/lo…",
                   "…bax: \x01sayt\x02");
  assert_stripped ("sayt](https://example.az) və", "sayt və");
  assert_stripped ("## Heading\n> quoted\nUse `efir-cli`", "Heading\nquoted\nUse efir-cli");
  assert_stripped ("#Iran and snake_case and 5 \\* 3", "#Iran and snake_case and 5 * 3");
  assert_stripped ("[laughter] and ![photo](a.jpg)", "[laughter] and photo");
  assert_stripped (NULL, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/markdown/basic", test_markdown_basic);
  g_test_add_func ("/text/markdown/unicode", test_markdown_unicode);
  g_test_add_func ("/text/markdown/safe", test_markdown_safe);
  g_test_add_func ("/text/markdown/quotes-as-typed", test_markdown_quotes_as_typed);
  g_test_add_func ("/text/markdown/escapes-text", test_markdown_escapes_text);
  g_test_add_func ("/text/markdown/invalid-utf8", test_markdown_invalid_utf8);
  g_test_add_func ("/text/markdown/words-plain", test_markdown_words_plain);
  g_test_add_func ("/text/markdown/words-markup", test_markdown_words_markup);
  g_test_add_func ("/text/markdown/strip-fragment", test_markdown_strip_fragment);

  return g_test_run ();
}
