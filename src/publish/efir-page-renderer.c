/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-page-renderer"

#include "config.h"

#include <cmark.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "efir-page-renderer.h"
#include "efir-social-platform.h"
#include "efir-slug.h"
#include "efir-youtube.h"

/* Types and page strings ------------------------------------------------- */

/* The few words the page itself says. They follow the programme's language,
 * not the producer's: the page is for the site's readers. Kept here rather
 * than in the .po files because gettext answers in the process's locale. */
typedef enum
{
  PAGE_TRANSCRIPT,
  PAGE_EPISODE_LINKS,
  PAGE_FOLLOW_US,
  PAGE_WATCH_VIDEO,
  PAGE_AND,
  PAGE_WEBSITE,
  N_PAGE_STRINGS
} PageString;

typedef struct
{
  const char *language;
  const char *strings[N_PAGE_STRINGS];
} PageLanguage;

static const PageLanguage page_languages[] = {
  { "en", { "Transcript", "This episode on social networks", "Follow us on social networks",
            "Watch the video", " and ", "Website" } },
  { "az", { "Verilişin mətni", "Bu buraxılış sosial şəbəkələrdə", "Bizi sosial şəbəkələrdə izləyin",
            "Videoya baxın", " və ", "Sayt" } },
  { "ru", { "Расшифровка", "Этот выпуск в социальных сетях",
            "Подписывайтесь на нас в социальных сетях", "Смотреть видео", " и ", "Сайт" } },
};

/* Block markup changed between WordPress releases; the page is written the
 * way the site's own editor saves it, so opening it changes nothing. */
#define WP_OLDEST_SUPPORTED  601  /* Debian 12 */
#define WP_HEADING_CLASS     602  /* <h2 class="wp-block-heading"> */
#define WP_DETAILS_BLOCK     603  /* core/details */
#define WP_LIST_CLASS        606  /* <ul class="wp-block-list"> */

/* A clip's name in the key moments: search results show about this much. */
#define CLIP_NAME_MAX_CHARS 100

/* WordPress trims an excerpt to this many words. */
#define EXCERPT_MAX_WORDS 55

/* Where the blocks being written stand: whether the container has a block
 * yet (siblings are separated by a blank line, as WordPress writes them),
 * and whether it is a list item, which holds text and nested lists only. */
typedef struct
{
  gboolean has_block;
  gboolean in_item;
  gboolean has_text;
} Level;

typedef struct
{
  GString             *out;
  GArray              *levels;
  const char * const  *strings;
  const char          *language;
  char                *video_id;   /* NULL when the video is not on YouTube */
  guint                wp_version; /* major * 100 + minor */
} Page;

/* Helpers: text and addresses -------------------------------------------- */

/* Producer text as HTML: nothing in it can open a tag or an entity, and
 * in an attribute value (always in double quotes) nothing ends the value.
 * Control characters other than line breaks and tabs are dropped; HTML has
 * no place for them. */
static void
append_escaped_full (GString    *out,
                     const char *text,
                     gboolean    attribute)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '"' && attribute)
        g_string_append (out, "&quot;");
      else if (c == '\'' && attribute)
        g_string_append (out, "&#039;");
      else if (c >= 0x20 || c == '\n' || c == '\t')
        g_string_append_c (out, c);
      else if (c == '\r')
        g_string_append_c (out, '\n');
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  append_escaped_full (out, text, FALSE);
}

static char *
escape (const char *text)
{
  GString *out = g_string_new (NULL);

  append_escaped (out, text);

  return g_string_free (out, FALSE);
}

/* Only http and https reach an href: javascript:, data: and the rest are
 * what a pasted link must never become. */
static char *
web_url (const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  scheme = g_uri_peek_scheme (trimmed);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return NULL;

  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;

  return g_steal_pointer (&trimmed);
}

static void
append_link_open (GString    *out,
                  const char *url)
{
  g_string_append (out, "<a href=\"");
  append_escaped_full (out, url, TRUE);
  g_string_append (out, "\">");
}

/* "26:52", "1:02:03": as YouTube shows a moment. */
static char *
format_moment (double seconds)
{
  guint64 whole = isfinite (seconds) && seconds > 0 ? (guint64) floor (MIN (seconds, 1e9)) : 0;

  if (whole >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", whole / 3600,
                            (guint) (whole / 60 % 60), (guint) (whole % 60));

  return g_strdup_printf ("%u:%02u", (guint) (whole / 60), (guint) (whole % 60));
}

/* Helpers: block markup -------------------------------------------------- */

/* A string in a block comment's attributes, escaped as WordPress's own
 * serializer does: neither "--" nor "<" or ">" may end the comment early,
 * and a quote must not close the string. */
static void
append_attr_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '-' && p[1] == '-')
        {
          g_string_append (out, "\\u002d\\u002d");
          p++;
        }
      else if (c == '"')
        g_string_append (out, "\\u0022");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '<')
        g_string_append (out, "\\u003c");
      else if (c == '>')
        g_string_append (out, "\\u003e");
      else if (c == '&')
        g_string_append (out, "\\u0026");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
attrs_key (GString    *attrs,
           const char *key)
{
  g_string_append_c (attrs, attrs->len == 0 ? '{' : ',');
  append_attr_string (attrs, key);
  g_string_append_c (attrs, ':');
}

static void
attrs_add_string (GString    *attrs,
                  const char *key,
                  const char *value)
{
  attrs_key (attrs, key);
  append_attr_string (attrs, value);
}

static void
attrs_add_int (GString    *attrs,
               const char *key,
               int         value)
{
  attrs_key (attrs, key);
  g_string_append_printf (attrs, "%d", value);
}

static void
attrs_add_true (GString    *attrs,
                const char *key)
{
  attrs_key (attrs, key);
  g_string_append (attrs, "true");
}

static Level *
current_level (Page *page)
{
  return &g_array_index (page->levels, Level, page->levels->len - 1);
}

static void
children_begin (Page     *page,
                gboolean  in_item)
{
  Level level = { FALSE, in_item, FALSE };

  g_array_append_val (page->levels, level);
}

static void
children_end (Page *page)
{
  g_array_set_size (page->levels, page->levels->len - 1);
}

/* Opens block @name: "<!-- wp:name {attrs} -->" and the line break the
 * editor writes before a block's own markup. */
static void
block_begin (Page       *page,
             const char *name,
             GString    *attrs)
{
  Level *level = current_level (page);

  if (level->has_block)
    g_string_append (page->out, "\n\n");
  level->has_block = TRUE;

  g_string_append_printf (page->out, "<!-- wp:%s ", name);
  if (attrs != NULL && attrs->len > 0)
    g_string_append_printf (page->out, "%s} ", attrs->str);
  g_string_append (page->out, "-->\n");
}

static void
block_end (Page       *page,
           const char *name)
{
  g_string_append_printf (page->out, "\n<!-- /wp:%s -->", name);
}

static void
paragraph_begin (Page *page)
{
  block_begin (page, "paragraph", NULL);
  g_string_append (page->out, "<p>");
}

static void
paragraph_end (Page *page)
{
  g_string_append (page->out, "</p>");
  block_end (page, "paragraph");
}

static void
heading_begin (Page *page,
               int   level)
{
  g_autoptr(GString) attrs = g_string_new (NULL);

  if (level != 2)
    attrs_add_int (attrs, "level", level);
  block_begin (page, "heading", attrs);

  if (page->wp_version >= WP_HEADING_CLASS)
    g_string_append_printf (page->out, "<h%d class=\"wp-block-heading\">", level);
  else
    g_string_append_printf (page->out, "<h%d>", level);
}

static void
heading_end (Page *page,
             int   level)
{
  g_string_append_printf (page->out, "</h%d>", level);
  block_end (page, "heading");
}

static void
list_begin (Page     *page,
            gboolean  ordered,
            int       start)
{
  g_autoptr(GString) attrs = g_string_new (NULL);
  const char *tag = ordered ? "ol" : "ul";

  if (ordered)
    attrs_add_true (attrs, "ordered");
  if (ordered && start != 1)
    attrs_add_int (attrs, "start", start);
  block_begin (page, "list", attrs);

  g_string_append_printf (page->out, "<%s", tag);
  if (ordered && start != 1)
    g_string_append_printf (page->out, " start=\"%d\"", start);
  if (page->wp_version >= WP_LIST_CLASS)
    g_string_append (page->out, " class=\"wp-block-list\"");
  g_string_append_c (page->out, '>');
  children_begin (page, FALSE);
}

static void
list_end (Page     *page,
          gboolean  ordered)
{
  children_end (page);
  g_string_append (page->out, ordered ? "</ol>" : "</ul>");
  block_end (page, "list");
}

static void
list_item_begin (Page *page)
{
  block_begin (page, "list-item", NULL);
  g_string_append (page->out, "<li>");
  children_begin (page, TRUE);
}

static void
list_item_end (Page *page)
{
  children_end (page);
  g_string_append (page->out, "</li>");
  block_end (page, "list-item");
}

/* A quote block holds blocks; its citation follows them. */
static void
quote_begin (Page *page)
{
  block_begin (page, "quote", NULL);
  g_string_append (page->out, "<blockquote class=\"wp-block-quote\">");
  children_begin (page, FALSE);
}

static void
quote_end (Page *page)
{
  children_end (page);
  g_string_append (page->out, "</blockquote>");
  block_end (page, "quote");
}

/* Helpers: social links -------------------------------------------------- */

/* What a reader sees for a link: the platform's own name, as the social
 * layer knows it, and "Website" in the programme's language, not the
 * producer's. */
static char *
social_link_name (Page       *page,
                  const char *platform_name,
                  const char *url)
{
  EfirSocialPlatform platform;

  if (platform_name == NULL || !efir_social_platform_from_string (platform_name, &platform))
    platform = efir_social_recognise (url);
  if (platform == EFIR_SOCIAL_PLATFORM_WEBSITE)
    return g_strdup (page->strings[PAGE_WEBSITE]);

  return g_strdup (efir_social_platform_display_name (platform));
}

/* A heading and a list of links, each named by its platform. @platforms
 * may be NULL (recognised from the address); links that are not http or
 * https are left out. */
static void
render_links (Page       *page,
              const char *heading,
              GPtrArray  *urls,
              GPtrArray  *platforms)
{
  g_autoptr(GPtrArray) safe = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < urls->len; i++)
    {
      char *url = web_url (g_ptr_array_index (urls, i));

      if (url == NULL)
        continue;

      g_ptr_array_add (names, social_link_name (page,
                                                platforms != NULL ? g_ptr_array_index (platforms, i)
                                                                  : NULL,
                                                url));
      g_ptr_array_add (safe, url);
    }

  if (safe->len == 0)
    return;

  heading_begin (page, 3);
  append_escaped (page->out, heading);
  heading_end (page, 3);

  list_begin (page, FALSE, 1);
  for (guint i = 0; i < safe->len; i++)
    {
      list_item_begin (page);
      append_link_open (page->out, g_ptr_array_index (safe, i));
      append_escaped (page->out, g_ptr_array_index (names, i));
      g_string_append (page->out, "</a>");
      list_item_end (page);
    }
  list_end (page, FALSE);
}

/* Helpers: Markdown ------------------------------------------------------ */

/* Parsed in safe mode, as efir-markdown.c does; raw HTML is then written
 * out as text below, so a producer sees what they typed instead of losing
 * it, and nothing of it is markup. */
#define PAGE_MARKDOWN_OPTIONS (CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8)

static void
append_literal_line (GString    *out,
                     const char *literal)
{
  g_autofree char *line = g_strdup (literal != NULL ? literal : "");

  g_strchomp (line);
  append_escaped (out, line);
}

/* Text of a paragraph or heading inside a list item: the list item block
 * holds text and nested lists only, so blocks become lines. */
static void
item_text_begin (Page *page)
{
  Level *level = current_level (page);

  if (level->has_text || level->has_block)
    g_string_append (page->out, "<br>");
  level->has_text = TRUE;
}

static void
render_markdown_node (Page             *page,
                      cmark_node       *node,
                      cmark_event_type  event)
{
  gboolean enter = event == CMARK_EVENT_ENTER;
  gboolean in_item = current_level (page)->in_item;
  GString *out = page->out;

  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      /* A list item's paragraphs (and those of a quote inside one). */
      if (in_item)
        {
          if (enter)
            item_text_begin (page);
        }
      else if (enter)
        paragraph_begin (page);
      else
        paragraph_end (page);
      break;

    case CMARK_NODE_HEADING:
      {
        /* The post's title is the page's only first-level heading. */
        int level = CLAMP (cmark_node_get_heading_level (node), 2, 6);

        if (in_item)
          {
            if (enter)
              item_text_begin (page);
          }
        else if (enter)
          heading_begin (page, level);
        else
          heading_end (page, level);
      }
      break;

    case CMARK_NODE_LIST:
      {
        gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;

        if (enter)
          list_begin (page, ordered, cmark_node_get_list_start (node));
        else
          list_end (page, ordered);
      }
      break;

    case CMARK_NODE_ITEM:
      if (enter)
        list_item_begin (page);
      else
        list_item_end (page);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      if (in_item)
        break;
      if (enter)
        quote_begin (page);
      else
        quote_end (page);
      break;

    case CMARK_NODE_CODE_BLOCK:
      if (in_item)
        {
          item_text_begin (page);
          g_string_append (out, "<code>");
          append_literal_line (out, cmark_node_get_literal (node));
          g_string_append (out, "</code>");
          break;
        }
      block_begin (page, "code", NULL);
      g_string_append (out, "<pre class=\"wp-block-code\"><code>");
      append_literal_line (out, cmark_node_get_literal (node));
      g_string_append (out, "</code></pre>");
      block_end (page, "code");
      break;

    case CMARK_NODE_HTML_BLOCK:
      if (in_item)
        {
          item_text_begin (page);
          append_literal_line (out, cmark_node_get_literal (node));
          break;
        }
      paragraph_begin (page);
      append_literal_line (out, cmark_node_get_literal (node));
      paragraph_end (page);
      break;

    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
      append_escaped (out, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_CODE:
      g_string_append (out, "<code>");
      append_escaped (out, cmark_node_get_literal (node));
      g_string_append (out, "</code>");
      break;

    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (out, '\n');
      break;

    case CMARK_NODE_LINEBREAK:
      g_string_append (out, "<br>");
      break;

    case CMARK_NODE_EMPH:
      g_string_append (out, enter ? "<em>" : "</em>");
      break;

    case CMARK_NODE_STRONG:
      g_string_append (out, enter ? "<strong>" : "</strong>");
      break;

    case CMARK_NODE_LINK:
      {
        g_autofree char *url = web_url (cmark_node_get_url (node));

        /* A link to anything but the web keeps its text, not its target. */
        if (url != NULL && enter)
          append_link_open (out, url);
        else if (url != NULL)
          g_string_append (out, "</a>");
      }
      break;

    /* Images show their description: the page does not load pictures
     * from wherever a summary was pasted from. Thematic breaks have no
     * block of their own worth the markup. */
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_THEMATIC_BREAK:
    default:
      break;
    }
}

/* Walks the document without recursion: a summary of a thousand nested
 * quotes must not exhaust the stack. */
static void
render_summary (Page       *page,
                const char *summary)
{
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  if (summary[0] == '\0')
    return;

  document = cmark_parse_document (summary, strlen (summary), PAGE_MARKDOWN_OPTIONS);
  iter = cmark_iter_new (document);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (node != document)
        render_markdown_node (page, node, event);
    }

  cmark_iter_free (iter);
  cmark_node_free (document);
}

/* The text a reader sees of a paragraph, without its Markdown. */
static void
append_paragraph_text (GString    *out,
                       cmark_node *paragraph)
{
  cmark_iter *iter = cmark_iter_new (paragraph);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch ((int) cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          g_string_append (out, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;
        default:
          break;
        }
    }

  cmark_iter_free (iter);
  g_string_append_c (out, ' ');
}

/* The words of the summary's first paragraphs as plain text, cut as
 * wp_trim_words() cuts: whitespace runs become one space, and a text
 * longer than the excerpt ends in an ellipsis. Paragraphs are read only
 * until one word more than the excerpt holds is there. */
static char *
excerpt_text (const char *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GString *excerpt = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  cmark_node *document;
  guint n_words = 0;

  document = cmark_parse_document (summary, strlen (summary), PAGE_MARKDOWN_OPTIONS);
  for (cmark_node *block = cmark_node_first_child (document);
       block != NULL && n_words <= EXCERPT_MAX_WORDS;
       block = cmark_node_next (block))
    {
      g_auto(GStrv) so_far = NULL;

      if (cmark_node_get_type (block) != CMARK_NODE_PARAGRAPH)
        continue;

      append_paragraph_text (text, block);
      so_far = g_strsplit_set (text->str, " \t\n\r", -1);
      n_words = 0;
      for (guint i = 0; so_far[i] != NULL; i++)
        n_words += so_far[i][0] != '\0';
    }
  cmark_node_free (document);

  words = g_strsplit_set (text->str, " \t\n\r", -1);
  n_words = 0;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n_words == EXCERPT_MAX_WORDS)
        {
          g_string_append (excerpt, "…");
          break;
        }
      if (excerpt->len > 0)
        g_string_append_c (excerpt, ' ');
      g_string_append (excerpt, words[i]);
      n_words++;
    }

  return g_string_free (excerpt, FALSE);
}

/* Helpers: the page's parts ---------------------------------------------- */

/* "Political commentator Nasimi Mammadli", several joined as a sentence
 * joins them: "A, B and C". */
static void
render_credit (Page        *page,
               EfirEpisode *episode)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  g_autoptr(GPtrArray) named = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (guests);

  for (guint i = 0; i < n; i++)
    {
      EfirEpisodeGuest *guest = g_list_model_get_item (guests, i);

      if (efir_episode_guest_get_name (guest)[0] != '\0')
        g_ptr_array_add (named, guest);
      else
        g_object_unref (guest);
    }

  if (named->len == 0)
    return;

  paragraph_begin (page);
  for (guint i = 0; i < named->len; i++)
    {
      EfirEpisodeGuest *guest = g_ptr_array_index (named, i);
      const char *role = efir_episode_guest_get_role (guest);

      if (i > 0)
        g_string_append (page->out, i == named->len - 1 ? page->strings[PAGE_AND] : ", ");
      if (role[0] != '\0')
        {
          append_escaped (page->out, role);
          g_string_append_c (page->out, ' ');
        }
      append_escaped (page->out, efir_episode_guest_get_name (guest));
    }
  paragraph_end (page);
}

/* What WordPress saves for a YouTube link pasted into the editor. */
static void
render_video (Page        *page,
              EfirEpisode *episode)
{
  g_autoptr(GString) attrs = g_string_new (NULL);
  g_autofree char *watch = NULL;
  g_autofree char *other = NULL;

  if (page->video_id == NULL)
    {
      other = web_url (efir_episode_get_video_url (episode));
      if (other == NULL)
        return;

      paragraph_begin (page);
      append_link_open (page->out, other);
      append_escaped (page->out, page->strings[PAGE_WATCH_VIDEO]);
      g_string_append (page->out, "</a>");
      paragraph_end (page);
      return;
    }

  watch = efir_youtube_watch_url (page->video_id);
  attrs_add_string (attrs, "url", watch);
  attrs_add_string (attrs, "type", "video");
  attrs_add_string (attrs, "providerNameSlug", "youtube");
  attrs_add_true (attrs, "responsive");
  attrs_add_string (attrs, "className", "wp-embed-aspect-16-9 wp-has-aspect-ratio");

  block_begin (page, "embed", attrs);
  g_string_append (page->out,
                   "<figure class=\"wp-block-embed is-type-video is-provider-youtube "
                   "wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\">"
                   "<div class=\"wp-block-embed__wrapper\">\n");
  append_escaped (page->out, watch);
  g_string_append (page->out, "\n</div></figure>");
  block_end (page, "embed");
}

/* "Nasimi Mammadli, 26:52", the time a link to the moment when the video
 * is on YouTube. */
static void
append_citation (Page       *page,
                 const char *speaker,
                 double      seconds)
{
  g_string_append (page->out, "<cite>");
  append_escaped (page->out, speaker);

  if (page->video_id != NULL)
    {
      g_autofree char *url = efir_youtube_moment_url (page->video_id, seconds);
      g_autofree char *moment = format_moment (seconds);

      if (speaker[0] != '\0')
        g_string_append (page->out, ", ");
      append_link_open (page->out, url);
      g_string_append (page->out, moment);
      g_string_append (page->out, "</a>");
    }

  g_string_append (page->out, "</cite>");
}

static void
render_quotes (Page        *page,
               EfirEpisode *episode)
{
  GListModel *quotes = G_LIST_MODEL (efir_episode_get_quotes (episode));
  guint n = g_list_model_get_n_items (quotes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirQuote) quote = g_list_model_get_item (quotes, i);
      const char *text = efir_quote_get_text (quote);

      if (text[0] == '\0')
        continue;

      if (efir_quote_get_pull_quote (quote))
        {
          block_begin (page, "pullquote", NULL);
          g_string_append (page->out, "<figure class=\"wp-block-pullquote\"><blockquote><p>");
          append_escaped (page->out, text);
          g_string_append (page->out, "</p>");
          append_citation (page, efir_quote_get_speaker (quote),
                           efir_quote_get_start_seconds (quote));
          g_string_append (page->out, "</blockquote></figure>");
          block_end (page, "pullquote");
          continue;
        }

      quote_begin (page);
      paragraph_begin (page);
      append_escaped (page->out, text);
      paragraph_end (page);
      children_end (page);
      append_citation (page, efir_quote_get_speaker (quote), efir_quote_get_start_seconds (quote));
      g_string_append (page->out, "</blockquote>");
      block_end (page, "quote");
    }
}

/* One line of the transcript: the moment (a link when the video is on
 * YouTube), the speaker, what was said. */
static void
append_segment (Page        *page,
                EfirSegment *segment)
{
  g_autofree char *moment = format_moment (efir_segment_get_start (segment));
  const char *speaker = efir_segment_get_speaker (segment);

  if (page->video_id != NULL)
    {
      g_autofree char *url = efir_youtube_moment_url (page->video_id,
                                                      efir_segment_get_start (segment));

      append_link_open (page->out, url);
      g_string_append (page->out, moment);
      g_string_append (page->out, "</a> ");
    }
  else
    {
      g_string_append (page->out, moment);
      g_string_append_c (page->out, ' ');
    }

  if (speaker[0] != '\0')
    {
      g_string_append (page->out, "<strong>");
      append_escaped (page->out, speaker);
      g_string_append (page->out, ":</strong> ");
    }

  append_escaped (page->out, efir_segment_get_text (segment));
}

/* Folded away under its title: a transcript is long. WordPress has a
 * details block from 6.3; before it the same element is custom HTML. */
static void
render_transcript (Page        *page,
                   EfirEpisode *episode)
{
  GListModel *segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  guint n = g_list_model_get_n_items (segments);
  gboolean details_block = page->wp_version >= WP_DETAILS_BLOCK;

  if (n == 0)
    return;

  block_begin (page, details_block ? "details" : "html", NULL);
  g_string_append (page->out, details_block ? "<details class=\"wp-block-details\">" : "<details>");
  g_string_append (page->out, "<summary>");
  append_escaped (page->out, page->strings[PAGE_TRANSCRIPT]);
  g_string_append (page->out, "</summary>");
  children_begin (page, FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);

      if (details_block)
        paragraph_begin (page);
      else
        g_string_append (page->out, "\n<p>");
      append_segment (page, segment);
      if (details_block)
        paragraph_end (page);
      else
        g_string_append (page->out, "</p>");
    }

  children_end (page);
  g_string_append (page->out, details_block ? "</details>" : "\n</details>");
  block_end (page, details_block ? "details" : "html");
}

static void
render_social_links (Page        *page,
                     EfirEpisode *episode,
                     EfirProgram *program)
{
  GListModel *links = G_LIST_MODEL (efir_episode_get_social_links (episode));
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) platforms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (links);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);

      g_ptr_array_add (urls, g_strdup (efir_social_link_get_url (link)));
      g_ptr_array_add (platforms, g_strdup (efir_social_link_get_platform (link)));
    }
  render_links (page, page->strings[PAGE_EPISODE_LINKS], urls, platforms);

  if (program == NULL)
    return;

  for (const char * const *url = efir_program_get_social_accounts (program); *url != NULL; url++)
    g_ptr_array_add (accounts, (char *) *url);
  render_links (page, page->strings[PAGE_FOLLOW_US], accounts, NULL);
}

/* "PT29M", "PT1H2M3S". */
static char *
iso_duration (int seconds)
{
  GString *out = g_string_new ("PT");

  if (seconds >= 3600)
    g_string_append_printf (out, "%dH", seconds / 3600);
  if (seconds % 3600 >= 60)
    g_string_append_printf (out, "%dM", seconds % 3600 / 60);
  if (seconds % 60 != 0)
    g_string_append_printf (out, "%dS", seconds % 60);

  return g_string_free (out, FALSE);
}

/* Cut between words, with an ellipsis. */
static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *cut;
  const char *space;

  if (g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);

  cut = g_utf8_offset_to_pointer (valid, max_chars - 1);
  space = g_utf8_strrchr (valid, cut - valid, ' ');
  if (space != NULL && space > valid)
    cut = space;

  valid[cut - valid] = '\0';

  return g_strconcat (valid, "…", NULL);
}

/* Where a quote ends: the end of the transcript line it was taken from,
 * the one that starts within a second of it. */
static double
quote_end_seconds (EfirEpisode *episode,
                   double       start)
{
  GListModel *segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  guint n = g_list_model_get_n_items (segments);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);

      if (fabs (efir_segment_get_start (segment) - start) < 1.0
          && efir_segment_get_end (segment) > start)
        return efir_segment_get_end (segment);
    }

  return -1;
}

static void
add_clip (JsonBuilder *builder,
          Page        *page,
          EfirEpisode *episode,
          EfirQuote   *quote)
{
  double start = efir_quote_get_start_seconds (quote);
  double end = quote_end_seconds (episode, start);
  g_autofree char *name = shorten (efir_quote_get_text (quote), CLIP_NAME_MAX_CHARS);
  g_autofree char *url = efir_youtube_moment_url (page->video_id, start);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "Clip");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "startOffset");
  json_builder_add_int_value (builder, isfinite (start) && start > 0 ? (gint64) floor (start) : 0);
  if (end > 0)
    {
      json_builder_set_member_name (builder, "endOffset");
      json_builder_add_int_value (builder, (gint64) ceil (end));
    }
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The video and its quotes as schema.org data, for search engines' key
 * moments. Inside <script> nothing may look like "</script>" or "<!--":
 * "<", ">" and "&" only ever occur inside JSON strings, where their
 * \u escapes read the same. */
static void
render_key_moments (Page        *page,
                    EfirEpisode *episode)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *thumbnail = NULL;
  g_autofree char *embed = NULL;
  g_autofree char *watch = NULL;
  g_autofree char *description = NULL;
  GListModel *quotes = G_LIST_MODEL (efir_episode_get_quotes (episode));
  const char * const *tags = efir_episode_get_tags (episode);
  GDateTime *air_date = efir_episode_get_air_date (episode);
  int duration = efir_episode_get_duration (episode);
  guint n_quotes = g_list_model_get_n_items (quotes);

  if (page->video_id == NULL)
    return;

  thumbnail = g_strdup_printf ("https://i.ytimg.com/vi/%s/hqdefault.jpg", page->video_id);
  embed = g_strconcat ("https://www.youtube.com/embed/", page->video_id, NULL);
  watch = efir_youtube_watch_url (page->video_id);
  description = excerpt_text (efir_episode_get_summary (episode));

  json_builder_begin_object (builder);
  add_member (builder, "@context", "https://schema.org");
  add_member (builder, "@type", "VideoObject");
  add_member (builder, "name", efir_episode_get_title (episode));
  add_member (builder, "description",
              description[0] != '\0' ? description : efir_episode_get_title (episode));
  add_member (builder, "thumbnailUrl", thumbnail);
  if (air_date != NULL)
    {
      g_autofree char *upload_date = g_date_time_format (air_date, "%Y-%m-%dT%H:%M:%S%:z");

      add_member (builder, "uploadDate", upload_date);
    }
  if (duration > 0)
    {
      g_autofree char *iso = iso_duration (duration);

      add_member (builder, "duration", iso);
    }
  add_member (builder, "embedUrl", embed);
  add_member (builder, "contentUrl", watch);
  add_member (builder, "inLanguage", page->language);
  if (tags[0] != NULL)
    {
      g_autofree char *keywords = g_strjoinv (", ", (char **) tags);

      add_member (builder, "keywords", keywords);
    }

  if (n_quotes > 0)
    {
      json_builder_set_member_name (builder, "hasPart");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_quotes; i++)
        {
          g_autoptr(EfirQuote) quote = g_list_model_get_item (quotes, i);

          if (efir_quote_get_text (quote)[0] != '\0')
            add_clip (builder, page, episode, quote);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  block_begin (page, "html", NULL);
  g_string_append (page->out, "<script type=\"application/ld+json\">");
  for (const char *p = json; *p != '\0'; p++)
    {
      if (*p == '<')
        g_string_append (page->out, "\\u003c");
      else if (*p == '>')
        g_string_append (page->out, "\\u003e");
      else if (*p == '&')
        g_string_append (page->out, "\\u0026");
      else
        g_string_append_c (page->out, *p);
    }
  g_string_append (page->out, "</script>");
  block_end (page, "html");
}

static const PageLanguage *
find_language (EfirProgram *program)
{
  const char *language = program != NULL ? efir_program_get_language (program) : NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (page_languages); i++)
    if (g_strcmp0 (language, page_languages[i].language) == 0)
      return &page_languages[i];

  return &page_languages[0];
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_page_render:
 * @episode: the episode
 * @program: (nullable): its programme, for the page's language and the
 *   programme's own accounts
 * @options: (nullable): the marker, the site's WordPress version, whether
 *   to add key moments
 *
 * Writes the episode's page as WordPress block markup, in one group block
 * that carries the episode's marker class: the guests, the video, the
 * summary, the quotes, the transcript folded away, the social links and,
 * if asked, schema.org key moments. Every piece of the producer's text
 * reaches the page as text; links are http or https only.
 *
 * Returns: (transfer full): the post content
 */
char *
efir_page_render (EfirEpisode           *episode,
                  EfirProgram           *program,
                  const EfirPageOptions *options)
{
  static const EfirPageOptions default_options = { NULL, 0, 0, FALSE };
  g_autoptr(GString) attrs = g_string_new (NULL);
  g_autofree char *marker = NULL;
  const PageLanguage *language = find_language (program);
  Page page = { 0 };

  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (program == NULL || EFIR_IS_PROGRAM (program), NULL);

  if (options == NULL)
    options = &default_options;

  page.out = g_string_new (NULL);
  page.levels = g_array_new (FALSE, FALSE, sizeof (Level));
  page.strings = language->strings;
  page.language = language->language;
  page.video_id = efir_youtube_video_id (efir_episode_get_video_url (episode));
  page.wp_version = MIN (options->wp_major, 10000) * 100 + MIN (options->wp_minor, 99);
  if (page.wp_version < WP_OLDEST_SUPPORTED)
    page.wp_version = WP_OLDEST_SUPPORTED;

  children_begin (&page, FALSE);

  marker = efir_page_marker_class (options->uuid);
  if (marker != NULL)
    attrs_add_string (attrs, "className", marker);
  block_begin (&page, "group", attrs);
  g_string_append (page.out, "<div class=\"wp-block-group");
  if (marker != NULL)
    g_string_append_printf (page.out, " %s", marker);
  g_string_append (page.out, "\">");
  children_begin (&page, FALSE);

  render_credit (&page, episode);
  render_video (&page, episode);
  render_summary (&page, efir_episode_get_summary (episode));
  render_quotes (&page, episode);
  render_transcript (&page, episode);
  render_social_links (&page, episode, program);
  if (options->key_moments)
    render_key_moments (&page, episode);

  children_end (&page);
  g_string_append (page.out, "</div>");
  block_end (&page, "group");
  g_string_append_c (page.out, '\n');

  g_array_unref (page.levels);
  g_free (page.video_id);

  return g_string_free (page.out, FALSE);
}

/**
 * efir_page_title:
 * @episode: the episode
 *
 * WordPress prints a post's title as HTML, so the title is sent escaped:
 * "<script>" in it is then read, not run.
 *
 * Returns: (transfer full): the title, escaped as HTML text
 */
char *
efir_page_title (EfirEpisode *episode)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  return escape (efir_episode_get_title (episode));
}

/**
 * efir_page_term_name:
 * @name: a tag or category as the producer typed it
 *
 * WordPress prints the names of categories and tags as HTML, and strips
 * what looks like markup from them (a tag typed as "<b>" would become
 * nothing), so they are sent escaped like the title.
 *
 * Returns: (transfer full): @name, escaped as HTML text
 */
char *
efir_page_term_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return escape (name);
}

/**
 * efir_page_excerpt:
 * @episode: the episode
 *
 * The post's excerpt: the words of the summary's first paragraphs without
 * their Markdown, at most 55 as WordPress cuts them, with "…" when cut.
 * WordPress prints the excerpt as HTML, so the text comes escaped as HTML
 * text ("<" as "&lt;") and shows exactly as written.
 *
 * Returns: (transfer full): the excerpt, "" when there is no summary
 */
char *
efir_page_excerpt (EfirEpisode *episode)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  text = excerpt_text (efir_episode_get_summary (episode));

  return escape (text);
}

/**
 * efir_page_slug:
 * @episode: the episode
 *
 * The address of the post: the episode's own slug if the producer set
 * one, else made from its title; always ASCII, so WordPress never stores
 * percent-encoded Cyrillic or Azerbaijani letters.
 *
 * Returns: (transfer full): the slug; "episode-N" when the title has no
 *   letters or digits, "" when the episode has no number either
 */
char *
efir_page_slug (EfirEpisode *episode)
{
  const char *slug;
  char *made;

  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  slug = efir_episode_get_slug (episode);
  made = efir_slug_from_title (slug[0] != '\0' ? slug : efir_episode_get_title (episode));
  if (made[0] == '\0' && efir_episode_get_number (episode) > 0)
    {
      g_free (made);
      made = g_strdup_printf ("episode-%d", efir_episode_get_number (episode));
    }

  return made;
}

/**
 * efir_page_marker_class:
 * @uuid: (nullable): the episode's stable id
 *
 * The class of the page's outer block, "efir-episode-UUID", by which Efir
 * finds its post on the site again (the REST API's search reads the
 * content). Only letters, digits and "-" of @uuid are kept.
 *
 * Returns: (transfer full) (nullable): the class, or %NULL without a uuid
 */
char *
efir_page_marker_class (const char *uuid)
{
  GString *marker;

  if (uuid == NULL)
    return NULL;

  marker = g_string_new ("efir-episode-");
  for (const char *p = uuid; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (marker, g_ascii_tolower (*p));

  if (marker->len == strlen ("efir-episode-"))
    {
      g_string_free (marker, TRUE);
      return NULL;
    }

  return g_string_free (marker, FALSE);
}
