/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-youtube"

#include "config.h"

#include <math.h>
#include <string.h>

#include "efir-youtube.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
is_video_id (const char *text,
             gsize       length)
{
  if (length != EFIR_YOUTUBE_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;

  return TRUE;
}

/* The id is the first path segment after @prefix ("/shorts/ID/…"). */
static char *
id_after_prefix (const char *path,
                 const char *prefix)
{
  const char *start;
  gsize length;

  if (!g_str_has_prefix (path, prefix))
    return NULL;

  start = path + strlen (prefix);
  length = strcspn (start, "/");

  return is_video_id (start, length) ? g_strndup (start, length) : NULL;
}

static char *
id_from_query (const char *query)
{
  g_autoptr(GHashTable) params = NULL;
  const char *v;

  if (query == NULL)
    return NULL;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  v = g_hash_table_lookup (params, "v");
  return v != NULL && is_video_id (v, strlen (v)) ? g_strdup (v) : NULL;
}

static gboolean
is_youtube_host (const char *host)
{
  static const char * const hosts[] = {
    "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (g_ascii_strcasecmp (host, hosts[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_youtube_video_id:
 * @url: a link as a producer pastes it
 *
 * Finds the video in the links YouTube hands out: watch pages (also on
 * m.youtube.com), youtu.be, shorts, live streams and embeds. Only http and
 * https links count.
 *
 * Returns: (transfer full) (nullable): the 11-character video id, or %NULL
 *   if @url is not a link to a YouTube video
 */
char *
efir_youtube_video_id (const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  const char *short_id;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  if ((g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) || host == NULL)
    return NULL;

  if (g_ascii_strcasecmp (host, "youtu.be") == 0)
    {
      short_id = path[0] == '/' ? path + 1 : path;
      return is_video_id (short_id, strcspn (short_id, "/"))
               ? g_strndup (short_id, EFIR_YOUTUBE_ID_LENGTH)
               : NULL;
    }

  if (!is_youtube_host (host))
    return NULL;

  if (g_str_equal (path, "/watch"))
    return id_from_query (g_uri_get_query (uri));

  {
    static const char * const prefixes[] = { "/shorts/", "/live/", "/embed/", "/v/" };

    for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
      {
        char *id = id_after_prefix (path, prefixes[i]);

        if (id != NULL)
          return id;
      }
  }

  return NULL;
}

/**
 * efir_youtube_watch_url:
 * @video_id: a video id from efir_youtube_video_id()
 *
 * Returns: (transfer full): the video's watch page,
 *   "https://www.youtube.com/watch?v=ID"
 */
char *
efir_youtube_watch_url (const char *video_id)
{
  g_return_val_if_fail (video_id != NULL, NULL);

  return g_strconcat ("https://www.youtube.com/watch?v=", video_id, NULL);
}

/**
 * efir_youtube_moment_url:
 * @video_id: a video id from efir_youtube_video_id()
 * @seconds: the moment, from the start of the video
 *
 * YouTube reads t= in whole seconds; a moment is linked to the second it
 * falls in, so the reader never lands after its first word.
 *
 * Returns: (transfer full): "https://www.youtube.com/watch?v=ID&t=SECONDS"
 */
char *
efir_youtube_moment_url (const char *video_id,
                         double      seconds)
{
  guint64 whole = 0;

  g_return_val_if_fail (video_id != NULL, NULL);

  if (isfinite (seconds) && seconds > 0)
    whole = (guint64) floor (MIN (seconds, 1e9));

  return g_strdup_printf ("https://www.youtube.com/watch?v=%s&t=%" G_GUINT64_FORMAT,
                          video_id, whole);
}
