/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-html-text"

#include "config.h"

#include <string.h>

#include "efir-html-text.h"

/* Helpers ---------------------------------------------------------------- */

/* The elements after which a reader sees a new line. */
static const char *block_elements[] = {
  "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
  "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
};

static gboolean
is_block (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (block_elements); i++)
    {
      if (g_ascii_strcasecmp (name, block_elements[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The element's name of the tag at @p ('<' on), lower case; @closing says
 * whether it is an end tag. */
static char *
tag_name (const char *p,
          gboolean   *closing)
{
  const char *start;

  p++;
  *closing = *p == '/';
  if (*closing)
    p++;
  for (start = p; g_ascii_isalnum (*p); p++)
    ;

  return g_ascii_strdown (start, p - start);
}

static void
end_line (GString  *text,
          gboolean *space)
{
  while (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  *space = FALSE;
}

/* Public API ------------------------------------------------------------- */

const char *
efir_html_decode_entity (const char *p,
                         GString    *out)
{
  static const struct
  {
    const char *name;
    const char *text;
  } entities[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "hellip", "…" }, { "ndash", "–" }, { "mdash", "—" },
    { "laquo", "«" }, { "raquo", "»" }, { "lsquo", "‘" }, { "rsquo", "’" },
    { "ldquo", "“" }, { "rdquo", "”" },
  };
  g_autofree char *name = NULL;
  const char *end;

  g_return_val_if_fail (p != NULL && out != NULL, NULL);

  if (*p != '&' || !(end = strchr (p, ';')) || end - p > 10)
    return NULL;

  name = g_strndup (p + 1, end - p - 1);
  if (name[0] == '#')
    {
      gboolean hex = name[1] == 'x' || name[1] == 'X';
      char *rest = NULL;
      guint64 c = g_ascii_strtoull (name + (hex ? 2 : 1), &rest, hex ? 16 : 10);

      if (rest != NULL && *rest == '\0' && c > 0 && g_unichar_validate ((gunichar) c))
        {
          g_string_append_unichar (out, (gunichar) c);
          return end;
        }
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (g_str_equal (name, entities[i].name))
        {
          g_string_append (out, entities[i].text);
          return end;
        }
    }

  return NULL;
}

char *
efir_html_to_text (const char *html)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = html; p != NULL && *p != '\0'; p++)
    {
      const char *end;

      if (g_str_has_prefix (p, "<!--"))
        {
          if (!(end = strstr (p + 4, "-->")))
            break;
          p = end + 2;
          continue;
        }

      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/'))
        {
          gboolean closing;
          g_autofree char *name = tag_name (p, &closing);

          if (!(end = strchr (p, '>')))
            break;
          p = end;

          /* What a script or a style says is no text of the page. */
          if (!closing && (g_str_equal (name, "script") || g_str_equal (name, "style")))
            {
              g_autofree char *close = g_strdup_printf ("</%s", name);
              const char *found = strcasestr (p, close);

              if (found == NULL || !(end = strchr (found, '>')))
                break;
              p = end;
              continue;
            }

          if (is_block (name))
            end_line (text, &space);
          continue;
        }

      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }

      if (space && text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, ' ');
      space = FALSE;

      if (*p == '&' && (end = efir_html_decode_entity (p, text)))
        {
          p = end;
          continue;
        }
      g_string_append_c (text, *p);
    }

  end_line (text, &space);
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
