/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "efir-preview.h"
#include "efir-youtube.h"

/* Types ------------------------------------------------------------------ */

typedef GtkWidget *(*PreviewShowFunc) (GtkWindow  *parent,
                                       const char *title,
                                       const char *document,
                                       const char *base_uri,
                                       const char *thumbnail_uri);

/* Where a run from the build tree finds the module; installed, it is in
 * PKGLIBDIR. */
#define PREVIEW_MODULE_DIR_ENV "EFIR_PREVIEW_MODULE_DIR"

/* A plain reading column in the manner of WordPress's default themes:
 * what a reader of the site sees, near enough to judge the page. */
static const char preview_style[] =
  "html { background: #fff; color: #1e1e1e; }\n"
  "body { margin: 0; padding: 48px 24px 96px;"
  " font: 18px/1.65 'Noto Serif', 'DejaVu Serif', Georgia, serif; }\n"
  "article { max-width: 650px; margin: 0 auto; }\n"
  "h1, h2, h3, h4, figcaption, cite, .wp-block-pullquote cite {"
  " font-family: 'Cantarell', 'Noto Sans', 'DejaVu Sans', sans-serif; line-height: 1.25; }\n"
  "h1.entry-title { font-size: 2.3em; font-weight: 700; margin: 0 0 1em; }\n"
  "h2 { font-size: 1.5em; margin: 2em 0 0.6em; }\n"
  "h3 { font-size: 1.2em; margin: 1.6em 0 0.5em; }\n"
  "a { color: #1a5fb4; text-decoration: underline; text-underline-offset: 2px; }\n"
  "img { max-width: 100%; height: auto; }\n"
  "figure { margin: 2em 0; }\n"
  "figcaption { color: #5e5c64; font-size: 0.8em; margin-top: 0.5em; }\n"
  "blockquote, .wp-block-quote { margin: 1.6em 0; padding-left: 1em;"
  " border-left: 4px solid #1e1e1e; }\n"
  ".wp-block-pullquote { margin: 2.4em 0; padding: 1.6em 0; text-align: center;"
  " border-top: 4px solid #1e1e1e; border-bottom: 4px solid #1e1e1e; font-size: 1.3em; }\n"
  ".wp-block-pullquote blockquote { border: 0; padding: 0; margin: 0; }\n"
  "cite { display: block; font-style: normal; font-size: 0.75em; color: #5e5c64;"
  " margin-top: 0.4em; }\n"
  "ul, ol { padding-left: 1.4em; }\n"
  "li { margin: 0.3em 0; }\n"
  "hr { border: 0; border-top: 1px solid #c0bfbc; margin: 2.4em auto; width: 100px; }\n"
  "details { margin: 1.6em 0; }\n"
  "summary { cursor: pointer; font-family: 'Cantarell', 'Noto Sans', sans-serif; }\n"
  ".wp-block-embed__wrapper { position: relative; aspect-ratio: 16 / 9; background: #000"
  " center / cover no-repeat; color: transparent; font-size: 0; overflow: hidden; }\n"
  ".wp-block-embed-youtube .wp-block-embed__wrapper::after { content: ''; position: absolute;"
  " left: 50%; top: 50%; width: 68px; height: 48px; margin: -24px 0 0 -34px;"
  " border-radius: 12px; background: #e01b24; }\n"
  ".wp-block-embed-youtube .wp-block-embed__wrapper::before { content: ''; position: absolute;"
  " z-index: 1; left: 50%; top: 50%; margin: -9px 0 0 -6px; border-style: solid;"
  " border-width: 9px 0 9px 16px; border-color: transparent transparent transparent #fff; }\n";

/* Helpers ---------------------------------------------------------------- */

/* Whether @uri can go into a CSS url("…") as it is. */
static gboolean
is_plain_uri (const char *uri)
{
  for (const char *p = uri; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p == '"' || *p == '\'' || *p == '\\' || *p == '(' || *p == ')'
          || *p == '<' || *p == '>' || (guchar) *p >= 0x7f)
        return FALSE;
    }

  return g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://");
}

static PreviewShowFunc
load_module (GError **error)
{
  static PreviewShowFunc show;
  g_autofree char *path = NULL;
  g_autofree char *name = g_strconcat ("libefir-preview.", G_MODULE_SUFFIX, NULL);
  const char *dir = g_getenv (PREVIEW_MODULE_DIR_ENV);
  GModule *module;

  if (show != NULL)
    return show;

  path = g_build_filename (dir != NULL && dir[0] != '\0' ? dir : PKGLIBDIR, name, NULL);
  if (!(module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL)))
    {
      g_debug ("Preview module not loaded: %s", g_module_error ());
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The preview needs WebKitGTK 6, which is not installed here. Install "
                             "the package libwebkitgtk-6.0-4, then open the preview again."));
      return NULL;
    }

  if (!g_module_symbol (module, "efir_preview_module_show", (gpointer *) &show) || show == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The preview module %s is not the one this Efir expects. Install Efir "
                     "again."), path);
      g_module_close (module);
      return NULL;
    }

  /* WebKit cannot be unloaded once it has run. */
  g_module_make_resident (module);

  return show;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_preview_document:
 * @title: the page's title
 * @html: the page's content, as the renderer made it
 * @thumbnail_uri: (nullable): the video's picture
 *
 * @html goes into the document as it is: the preview shows what the site
 * gets, not a copy made for it.
 *
 * Returns: (transfer full): a whole HTML document
 */
char *
efir_preview_document (const char *title,
                       const char *html,
                       const char *thumbnail_uri)
{
  GString *document = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (html != NULL, NULL);

  /* As WordPress prints the title the publisher sends escaped. */
  escaped = g_markup_escape_text (title, -1);
  g_string_append_printf (document, "<title>%s</title>\n", escaped);
  g_string_append (document, "<meta name=\"viewport\" content=\"width=device-width\">\n<style>\n");
  g_string_append (document, preview_style);
  if (thumbnail_uri != NULL && is_plain_uri (thumbnail_uri))
    g_string_append_printf (document,
                            ".wp-block-embed-youtube .wp-block-embed__wrapper"
                            " { background-image: url(\"%s\"); }\n",
                            thumbnail_uri);
  g_string_append (document, "</style>\n</head>\n<body>\n<article>\n");
  g_string_append_printf (document, "<h1 class=\"entry-title\">%s</h1>\n", escaped);
  g_string_append (document, "<div class=\"entry-content\">\n");
  g_string_append (document, html);
  g_string_append (document, "\n</div>\n</article>\n</body>\n</html>\n");

  return g_string_free (document, FALSE);
}

GtkWidget *
efir_preview_show (GtkWindow   *parent,
                   const char  *title,
                   const char  *html,
                   const char  *base_uri,
                   const char  *thumbnail_uri,
                   GError     **error)
{
  g_autofree char *document = NULL;
  PreviewShowFunc show;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL && html != NULL, NULL);

  if (!(show = load_module (error)))
    return NULL;

  document = efir_preview_document (title, html, thumbnail_uri);

  return show (parent, title, document, base_uri, thumbnail_uri);
}

GtkWidget *
efir_preview_show_episode (GtkWindow      *parent,
                           EfirPublisher  *publisher,
                           EfirEpisode    *episode,
                           GError        **error)
{
  g_autofree char *html = NULL;
  g_autofree char *video_id = NULL;
  g_autofree char *thumbnail = NULL;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (publisher), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  if (!(html = efir_publisher_render_page (publisher, episode, error)))
    return NULL;

  /* The picture YouTube shows before the video plays, as the page's own
   * key moments name it. */
  if ((video_id = efir_youtube_video_id (efir_episode_get_video_url (episode))))
    thumbnail = g_strdup_printf ("https://i.ytimg.com/vi/%s/hqdefault.jpg", video_id);

  return efir_preview_show (parent, efir_episode_get_title (episode), html, NULL, thumbnail,
                            error);
}
