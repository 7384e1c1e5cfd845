/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-markdown-pango"

#include "config.h"

#include <string.h>

#include <cmark.h>

#include "efir-markdown-pango.h"

/* Types and options ------------------------------------------------------ */

/* The same options efir_markdown_to_html() parses with, so the preview and
 * the published page read the same document.
 */
#define MARKDOWN_OPTIONS (CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8)

/* Four spaces per level of list nesting: Pango has no hanging indent, and
 * four spaces line a nested bullet up under the text of its parent item.
 */
#define LIST_INDENT "    "

typedef struct
{
  GString *out;
  guint    depth;   /* lists we are inside */
} Renderer;

/* Helpers ---------------------------------------------------------------- */

static void render_blocks (Renderer   *r,
                           cmark_node *parent,
                           gboolean    tight);

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

/* Safe mode only protects cmark's own HTML renderer; the AST still carries
 * every address as written. A preview link opens in the browser on click,
 * so only the schemes a page links to are kept.
 */
static gboolean
url_is_linkable (const char *url)
{
  g_autofree char *scheme = NULL;

  if (url == NULL || url[0] == '\0')
    return FALSE;

  scheme = g_uri_parse_scheme (url);
  if (scheme == NULL)
    return FALSE;

  return g_ascii_strcasecmp (scheme, "http") == 0 ||
         g_ascii_strcasecmp (scheme, "https") == 0 ||
         g_ascii_strcasecmp (scheme, "mailto") == 0;
}

static void
render_inlines (Renderer   *r,
                cmark_node *parent)
{
  for (cmark_node *node = cmark_node_first_child (parent);
       node != NULL;
       node = cmark_node_next (node))
    {
      switch ((int) cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
          append_escaped (r->out, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (r->out, ' ');
          break;

        case CMARK_NODE_LINEBREAK:
          g_string_append_c (r->out, '\n');
          break;

        case CMARK_NODE_CODE:
          g_string_append (r->out, "<tt>");
          append_escaped (r->out, cmark_node_get_literal (node));
          g_string_append (r->out, "</tt>");
          break;

        case CMARK_NODE_EMPH:
          g_string_append (r->out, "<i>");
          render_inlines (r, node);
          g_string_append (r->out, "</i>");
          break;

        case CMARK_NODE_STRONG:
          g_string_append (r->out, "<b>");
          render_inlines (r, node);
          g_string_append (r->out, "</b>");
          break;

        case CMARK_NODE_LINK:
          if (url_is_linkable (cmark_node_get_url (node)))
            {
              g_string_append (r->out, "<a href=\"");
              append_escaped (r->out, cmark_node_get_url (node));
              g_string_append (r->out, "\">");
              render_inlines (r, node);
              g_string_append (r->out, "</a>");
            }
          else
            render_inlines (r, node);
          break;

        case CMARK_NODE_IMAGE:
          /* A label cannot show the picture; its description stands in. */
          g_string_append (r->out, "<i>");
          render_inlines (r, node);
          g_string_append (r->out, "</i>");
          break;

        default:
          /* Raw HTML is not published (safe mode), so it is not previewed. */
          break;
        }
    }
}

static void
append_indent (Renderer *r)
{
  for (guint i = 0; i < r->depth; i++)
    g_string_append (r->out, LIST_INDENT);
}

static void
render_list (Renderer   *r,
             cmark_node *list)
{
  gboolean ordered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  char delimiter = cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.';
  gboolean tight = cmark_node_get_list_tight (list);
  int number = cmark_node_get_list_start (list);

  for (cmark_node *item = cmark_node_first_child (list);
       item != NULL;
       item = cmark_node_next (item), number++)
    {
      if (item != cmark_node_first_child (list))
        g_string_append (r->out, tight ? "\n" : "\n\n");

      append_indent (r);
      if (ordered)
        g_string_append_printf (r->out, "%d%c ", number, delimiter);
      else
        g_string_append (r->out, "• ");

      r->depth++;
      render_blocks (r, item, tight);
      r->depth--;
    }
}

static void
render_block (Renderer   *r,
              cmark_node *node)
{
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      render_inlines (r, node);
      break;

    case CMARK_NODE_HEADING:
      {
        int level = cmark_node_get_heading_level (node);
        const char *size = level == 1 ? "x-large" : level == 2 ? "large" : "medium";

        g_string_append_printf (r->out, "<span size=\"%s\" weight=\"bold\">", size);
        render_inlines (r, node);
        g_string_append (r->out, "</span>");
      }
      break;

    case CMARK_NODE_CODE_BLOCK:
      {
        g_autofree char *code = g_strdup (cmark_node_get_literal (node));

        g_strchomp (code);
        g_string_append (r->out, "<tt>");
        append_escaped (r->out, code);
        g_string_append (r->out, "</tt>");
      }
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      g_string_append (r->out, "<i>");
      render_blocks (r, node, FALSE);
      g_string_append (r->out, "</i>");
      break;

    case CMARK_NODE_LIST:
      render_list (r, node);
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      g_string_append (r->out, "———");
      break;

    default:
      break;
    }
}

static gboolean
block_is_shown (cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  return type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_CUSTOM_BLOCK;
}

/* Blocks are separated by an empty line, or by a line break inside a tight
 * list. The first block of a list item follows its bullet; the others start
 * at the item's indent.
 */
static void
render_blocks (Renderer   *r,
               cmark_node *parent,
               gboolean    tight)
{
  gboolean first = TRUE;

  for (cmark_node *node = cmark_node_first_child (parent);
       node != NULL;
       node = cmark_node_next (node))
    {
      if (!block_is_shown (node))
        continue;

      if (!first)
        {
          g_string_append (r->out, tight ? "\n" : "\n\n");
          if (cmark_node_get_type (node) != CMARK_NODE_LIST)
            append_indent (r);
        }

      render_block (r, node);
      first = FALSE;
    }
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_markdown_to_pango:
 * @markdown: CommonMark text as the producer wrote it
 *
 * Renders @markdown as Pango markup for a preview in a label: paragraphs,
 * headings, emphasis, inline code, links (http, https and mailto only) and
 * lists with their bullets or numbers. Raw HTML is left out, as on the page.
 *
 * Returns: (transfer full): valid Pango markup, "" for an empty document
 */
char *
efir_markdown_to_pango (const char *markdown)
{
  Renderer r = { 0 };
  cmark_node *document;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = cmark_parse_document (markdown, strlen (markdown), MARKDOWN_OPTIONS);
  r.out = g_string_new (NULL);
  render_blocks (&r, document, FALSE);
  cmark_node_free (document);

  return g_string_free (r.out, FALSE);
}
