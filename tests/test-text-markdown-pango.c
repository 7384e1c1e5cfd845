/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-markdown-pango"

#include "config.h"

#include "efir-markdown-pango.h"

/* Helpers ---------------------------------------------------------------- */

static void
element_started_cb (GMarkupParseContext  *context,
                    const char           *element_name,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  static const char * const allowed[] = { "markup", "b", "i", "tt", "a", "span", NULL };

  if (!g_strv_contains (allowed, element_name))
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "unexpected element <%s>", element_name);
}

/* A GtkLabel rejects the whole text when its markup is not well formed, so
 * the preview would go blank: every output must parse.
 */
static void
assert_well_formed (const char *markup)
{
  static const GMarkupParser parser = { element_started_cb, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = g_strconcat ("<markup>", markup, "</markup>", NULL);

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, document, -1, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
assert_pango (const char *markdown,
              const char *expected)
{
  g_autofree char *markup = efir_markdown_to_pango (markdown);

  g_test_message ("rendering “%s”", markdown);
  g_assert_cmpstr (markup, ==, expected);
  assert_well_formed (markup);
}

/* Tests ------------------------------------------------------------------ */

static void
test_markdown_pango_paragraphs (void)
{
  assert_pango ("", "");
  assert_pango ("One line\nsame paragraph.\n\nSecond paragraph.",
                "One line same paragraph.\n\nSecond paragraph.");
  assert_pango ("Hard  \nbreak", "Hard\nbreak");
}

static void
test_markdown_pango_emphasis (void)
{
  assert_pango ("Political commentator **Nasimi Mammadli** discusses *threats* and `code`.",
                "Political commentator <b>Nasimi Mammadli</b> discusses <i>threats</i> "
                "and <tt>code</tt>.");
  assert_pango ("**Çətin sual** — «Трудный вопрос»",
                "<b>Çətin sual</b> — «Трудный вопрос»");
}

static void
test_markdown_pango_escaping (void)
{
  assert_pango ("Tom & Jerry <3 \"quotes\"",
                "Tom &amp; Jerry &lt;3 &quot;quotes&quot;");
  assert_pango ("[Watch](https://www.youtube.com/watch?v=abc&t=10s)",
                "<a href=\"https://www.youtube.com/watch?v=abc&amp;t=10s\">Watch</a>");
}

static void
test_markdown_pango_unsafe (void)
{
  /* Raw HTML is neither shown as text nor passed through. */
  assert_pango ("Hi <script>alert(1)</script> there", "Hi alert(1) there");
  assert_pango ("<div onclick=\"x()\">block</div>\n\nAfter", "After");
  /* A link that would run code keeps its text and loses its address. */
  assert_pango ("[click](javascript:alert(1)) [mail](mailto:desk@example.org)",
                "click <a href=\"mailto:desk@example.org\">mail</a>");
}

static void
test_markdown_pango_lists (void)
{
  assert_pango ("- Iran\n- Russia\n", "• Iran\n• Russia");
  assert_pango ("3. third\n4. fourth\n", "3. third\n4. fourth");
  assert_pango ("1) one\n2) two\n", "1) one\n2) two");
  assert_pango ("Before\n\n- a\n  - nested\n- b\n\nAfter",
                "Before\n\n• a\n    • nested\n• b\n\nAfter");
  assert_pango ("- loose\n\n- list\n", "• loose\n\n• list");
}

static void
test_markdown_pango_headings (void)
{
  assert_pango ("# Title\n\nText",
                "<span size=\"x-large\" weight=\"bold\">Title</span>\n\nText");
  assert_pango ("### Small *and* italic",
                "<span size=\"medium\" weight=\"bold\">Small <i>and</i> italic</span>");
}

static void
test_markdown_pango_blocks (void)
{
  assert_pango ("> Quoted **words**", "<i>Quoted <b>words</b></i>");
  assert_pango ("```\nif (a < b)\n```\n", "<tt>if (a &lt; b)</tt>");
  assert_pango ("Above\n\n---\n\nBelow", "Above\n\n———\n\nBelow");
  assert_pango ("![Studio](https://example.org/a.jpg)", "<i>Studio</i>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/markdown-pango/paragraphs", test_markdown_pango_paragraphs);
  g_test_add_func ("/text/markdown-pango/emphasis", test_markdown_pango_emphasis);
  g_test_add_func ("/text/markdown-pango/escaping", test_markdown_pango_escaping);
  g_test_add_func ("/text/markdown-pango/unsafe", test_markdown_pango_unsafe);
  g_test_add_func ("/text/markdown-pango/lists", test_markdown_pango_lists);
  g_test_add_func ("/text/markdown-pango/headings", test_markdown_pango_headings);
  g_test_add_func ("/text/markdown-pango/blocks", test_markdown_pango_blocks);

  return g_test_run ();
}
