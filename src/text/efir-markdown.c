/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-markdown"

#include "config.h"

#include <string.h>

#include <cmark.h>

#include "efir-markdown.h"

/* Types and options ------------------------------------------------------ */

/* Safe mode (the default since cmark 0.29, spelled out so it survives a
 * change of default) drops raw HTML and empties javascript:, vbscript:,
 * file: and data: links: summaries are pasted from anywhere and end up on a
 * public site. Smart punctuation stays off so quotes and dashes appear
 * exactly as the producer typed them, as each language has its own
 * («», „“, "").
 */
#define MARKDOWN_OPTIONS (CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8)

/* Helpers ---------------------------------------------------------------- */

static gboolean
is_block (cmark_node_type type)
{
  return type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK;
}

/* Collects the text a reader sees: text, inline code and code blocks, with a
 * separator wherever the rendered page breaks a line. Raw HTML is left out
 * because safe mode does not render it, and image descriptions because the
 * page shows the image, not its alt text.
 */
static void
collect_visible_text (cmark_node *document,
                      GString    *out)
{
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  guint image_depth = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_IMAGE)
        {
          if (event == CMARK_EVENT_ENTER)
            image_depth++;
          else
            image_depth--;
          continue;
        }

      if (event == CMARK_EVENT_EXIT)
        {
          if (is_block (type))
            g_string_append_c (out, '\n');
          continue;
        }

      if (image_depth > 0)
        continue;

      switch ((int) type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
          g_string_append (out, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
        case CMARK_NODE_THEMATIC_BREAK:
          g_string_append_c (out, '\n');
          break;

        default:
          break;
        }

      /* Leaf blocks have no exit event to end their line. */
      if (type == CMARK_NODE_CODE_BLOCK)
        g_string_append_c (out, '\n');
    }

  cmark_iter_free (iter);
}

/* A word is what word processors count: a run of characters between spaces
 * with at least one letter or digit in it, so "don't", "non-systemic" and
 * "2024-10-04" are one word each and a lone "—" is none.
 */
static guint
count_words (const char *text)
{
  gboolean in_word = FALSE;
  gboolean has_alnum = FALSE;
  guint words = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (in_word && has_alnum)
            words++;
          in_word = has_alnum = FALSE;

          if (c == 0)
            break;
          continue;
        }

      in_word = TRUE;
      has_alnum |= g_unichar_isalnum (c) || g_unichar_ismark (c);
    }

  return words;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_markdown_to_html:
 * @markdown: CommonMark text as the producer wrote it
 *
 * Renders @markdown to an HTML fragment. Raw HTML and dangerous link schemes
 * are not passed through; quotes are kept as typed.
 *
 * Returns: (transfer full): the HTML
 */
char *
efir_markdown_to_html (const char *markdown)
{
  cmark_mem *mem = cmark_get_default_mem_allocator ();
  char *rendered;
  char *html;

  g_return_val_if_fail (markdown != NULL, NULL);

  rendered = cmark_markdown_to_html (markdown, strlen (markdown), MARKDOWN_OPTIONS);
  html = g_strdup (rendered);
  mem->free (rendered);

  return html;
}

/**
 * efir_markdown_count_words:
 * @markdown: CommonMark text
 *
 * Counts the words a reader of the rendered page sees: emphasis markers,
 * link addresses and raw HTML do not count; link text, code and words in
 * any script do.
 *
 * Returns: the number of words
 */
guint
efir_markdown_count_words (const char *markdown)
{
  g_autoptr(GString) visible = NULL;
  cmark_node *document;

  g_return_val_if_fail (markdown != NULL, 0);

  document = cmark_parse_document (markdown, strlen (markdown), MARKDOWN_OPTIONS);
  visible = g_string_new (NULL);
  collect_visible_text (document, visible);
  cmark_node_free (document);

  return count_words (visible->str);
}

/**
 * efir_markdown_strip_fragment:
 * @fragment: (nullable): a piece of CommonMark text, possibly cut anywhere,
 *   such as a search snippet
 *
 * The words of @fragment without the Markdown around them: emphasis and
 * code markers, heading and quote markers, link addresses. A link cut
 * before its address ends ("[sayt](https://…") loses the address all the
 * same. Other characters, the search's match markers among them, are kept.
 *
 * Returns: (transfer full): the plain words
 */
char *
efir_markdown_strip_fragment (const char *fragment)
{
  g_autoptr(GString) out = NULL;
  const char *p = fragment;
  gboolean line_start = TRUE;

  if (fragment == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (fragment));

  while (*p != '\0')
    {
      const char *newline;

      /* "## " and "> " mark a line, "#Iran" is a word. */
      if (line_start)
        {
          const char *marker = p;

          while (*marker == '#' || *marker == '>')
            marker++;
          if (marker > p && *marker == ' ')
            p = marker + 1;
          line_start = FALSE;
          continue;
        }

      switch (*p)
        {
        case '\n':
          line_start = TRUE;
          g_string_append_c (out, *p++);
          break;

        case '\\':
          /* "\*" is a star the producer meant. */
          if (p[1] != '\0' && g_ascii_ispunct (p[1]))
            p++;
          g_string_append_c (out, *p++);
          break;

        case '*':
        case '`':
          p++;
          break;

        case '_':
          /* Emphasis at a word's edge; "snake_case" keeps its line. */
          if (p == fragment || !g_ascii_isalnum (p[-1]) || !g_ascii_isalnum (p[1]))
            p++;
          else
            g_string_append_c (out, *p++);
          break;

        case '!':
          if (p[1] == '[')
            p++;
          else
            g_string_append_c (out, *p++);
          break;

        case '[':
          /* The bracket of a link whose address follows on the line. */
          newline = strchr (p, '\n');
          {
            const char *close = strchr (p, ']');

            if (close != NULL && close[1] == '(' && (newline == NULL || close < newline))
              p++;
            else
              g_string_append_c (out, *p++);
          }
          break;

        case ']':
          if (p[1] == '(')
            {
              const char *close = strchr (p, ')');

              newline = strchr (p, '\n');
              if (close == NULL || (newline != NULL && newline < close))
                p = newline != NULL ? newline : p + strlen (p);
              else
                p = close + 1;
            }
          else
            g_string_append_c (out, *p++);
          break;

        default:
          g_string_append_c (out, *p++);
          break;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
