/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-link-cleanup"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "efir-link-cleanup.h"
#include "efir-social-private.h"

/* Types ------------------------------------------------------------------ */

/* The rules of the clean-up are data: a producer's complaint about a link
 * is answered by a line in one of these tables. */

/* On a known platform only the parameters that say which video, post or
 * moment the link shows survive: the platforms add new tracking parameters
 * faster than a list of them could follow. */
typedef struct
{
  EfirSocialPlatform  platform;
  const char         *keep[8];
} KeepRule;

static const KeepRule keep_rules[] = {
  { EFIR_SOCIAL_PLATFORM_YOUTUBE,   { "v", "t", "list", "index", "start", "end", NULL } },
  { EFIR_SOCIAL_PLATFORM_FACEBOOK,  { "v", "story_fbid", "id", "fbid", "set", NULL } },
  { EFIR_SOCIAL_PLATFORM_INSTAGRAM, { "img_index", NULL } },
  { EFIR_SOCIAL_PLATFORM_X,         { NULL } },
  { EFIR_SOCIAL_PLATFORM_TELEGRAM,  { "single", "comment", "thread", NULL } },
  { EFIR_SOCIAL_PLATFORM_TIKTOK,    { NULL } },
};

/* Any other site keeps its parameters but the ones that only follow the
 * reader. Names that some site could use for its own ends ("ref", "si",
 * "feature") are left alone there. */
static const char * const tracking_prefixes[] = {
  "utm_",
};

static const char * const tracking_names[] = {
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
  "twclid", "ttclid", "igshid", "igsh", "mibextid", "ref_src", "ref_url",
  "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "__cft__", "__tn__",
};

/* Redirect links that carry the real address in a parameter. */
typedef struct
{
  const char *host;
  const char *path;
  const char *param;
} RedirectRule;

static const RedirectRule redirect_rules[] = {
  { "l.facebook.com",  "/l.php",    "u" },
  { "lm.facebook.com", "/l.php",    "u" },
  { "l.messenger.com", "/l.php",    "u" },
  { "l.instagram.com", "/",         "u" },
  { "youtube.com",     "/redirect", "q" },
  { "www.youtube.com", "/redirect", "q" },
  { "m.youtube.com",   "/redirect", "q" },
  { "www.google.com",  "/url",      "q" },
  { "google.com",      "/url",      "q" },
};

/* A redirect to a redirect to … is followed this deep; a deeper chain is
 * no link a producer meant to keep. */
#define MAX_UNWRAP 4

/* A link taken apart without decoding anything, so that what is kept is
 * written back exactly as the producer pasted it. */
typedef struct
{
  char *scheme;    /* lower case */
  char *userinfo;  /* with its '@', or "" */
  char *host;      /* lower case */
  char *port;      /* with its ':', or "" */
  char *path;
  char *query;     /* without its '?', NULL when there is none */
  char *fragment;  /* without its '#', NULL when there is none */
} LinkParts;

static void
link_parts_clear (LinkParts *parts)
{
  g_free (parts->scheme);
  g_free (parts->userinfo);
  g_free (parts->host);
  g_free (parts->port);
  g_free (parts->path);
  g_free (parts->query);
  g_free (parts->fragment);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinkParts, link_parts_clear)

/* Helpers ---------------------------------------------------------------- */

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_scheme (const char *text,
           gsize       len)
{
  if (len == 0 || !g_ascii_isalpha (text[0]))
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '-' && text[i] != '.')
        return FALSE;
    }

  return TRUE;
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

/* An address typed without its scheme ("facebook.com/efir") is taken as
 * https, the way a browser's address bar takes it. */
static gboolean
link_parts_parse (const char *text,
                  LinkParts  *parts)
{
  g_autofree char *with_scheme = NULL;
  g_autofree char *stripped = NULL;
  const char *sep;
  const char *authority;
  const char *p;
  gsize authority_len;
  const char *at;
  g_autofree char *hostport = NULL;
  char *colon;

  memset (parts, 0, sizeof *parts);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0' || has_space (stripped))
    return FALSE;

  sep = strstr (stripped, "://");
  if (sep == NULL || (gsize) (sep - stripped) > strcspn (stripped, "/?#") ||
      !is_scheme (stripped, sep - stripped))
    {
      with_scheme = g_strconcat ("https://", stripped, NULL);
      sep = with_scheme + strlen ("https");
      text = with_scheme;
    }
  else
    text = stripped;

  if (!efir_link_is_web_address (text))
    return FALSE;

  parts->scheme = g_ascii_strdown (text, sep - text);

  authority = sep + 3;
  authority_len = strcspn (authority, "/?#");
  p = authority + authority_len;

  hostport = g_strndup (authority, authority_len);
  at = strrchr (hostport, '@');
  parts->userinfo = at != NULL ? g_strndup (hostport, at - hostport + 1) : g_strdup ("");

  {
    char *host_start = at != NULL ? (char *) at + 1 : hostport;
    char *bracket = host_start[0] == '[' ? strchr (host_start, ']') : NULL;

    colon = strrchr (bracket != NULL ? bracket : host_start, ':');
    if (colon != NULL && !all_digits (colon + 1))
      return FALSE;
    parts->port = g_strdup (colon != NULL ? colon : "");
    if (colon != NULL)
      *colon = '\0';
    parts->host = g_utf8_strdown (host_start, -1);
  }

  if (parts->host[0] == '\0')
    return FALSE;

  parts->path = g_strndup (p, strcspn (p, "?#"));
  p += strlen (parts->path);

  if (*p == '?')
    {
      gsize len = strcspn (p + 1, "#");

      parts->query = g_strndup (p + 1, len);
      p += 1 + len;
    }

  if (*p == '#')
    parts->fragment = g_strdup (p + 1);

  return TRUE;
}

static char *
link_parts_to_string (const LinkParts *parts)
{
  GString *out = g_string_new (parts->scheme);

  g_string_append (out, "://");
  g_string_append (out, parts->userinfo);
  g_string_append (out, parts->host);
  g_string_append (out, parts->port);
  g_string_append (out, parts->path);
  if (parts->query != NULL && parts->query[0] != '\0')
    g_string_append_printf (out, "?%s", parts->query);
  if (parts->fragment != NULL)
    g_string_append_printf (out, "#%s", parts->fragment);

  return g_string_free (out, FALSE);
}

static gboolean
is_tracking (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (tracking_prefixes); i++)
    {
      if (g_ascii_strncasecmp (name, tracking_prefixes[i], strlen (tracking_prefixes[i])) == 0)
        return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (tracking_names); i++)
    {
      if (g_ascii_strcasecmp (name, tracking_names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
keeps_parameter (EfirSocialPlatform  platform,
                 const char         *name)
{
  if (platform == EFIR_SOCIAL_PLATFORM_WEBSITE)
    return !is_tracking (name);

  for (gsize i = 0; i < G_N_ELEMENTS (keep_rules); i++)
    {
      if (keep_rules[i].platform != platform)
        continue;

      for (gsize j = 0; keep_rules[i].keep[j] != NULL; j++)
        {
          if (strcmp (keep_rules[i].keep[j], name) == 0)
            return TRUE;
        }
      return FALSE;
    }

  return TRUE;
}

static void
add_removed (GPtrArray  *removed,
             const char *name)
{
  for (guint i = 0; i < removed->len; i++)
    {
      if (strcmp (removed->pdata[i], name) == 0)
        return;
    }

  g_ptr_array_add (removed, g_strdup (name));
}

/* Keeps the parameters that carry meaning, in their order and as written. */
static char *
filter_query (const char         *query,
              EfirSocialPlatform  platform,
              GPtrArray          *removed)
{
  g_auto(GStrv) pieces = g_strsplit (query, "&", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_autofree char *name = g_strndup (pieces[i], strcspn (pieces[i], "="));

      if (pieces[i][0] == '\0')
        continue;

      if (!keeps_parameter (platform, name))
        {
          add_removed (removed, name);
          continue;
        }

      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append (out, pieces[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
find_parameter (const char *query,
                const char *wanted)
{
  g_auto(GStrv) pieces = NULL;

  if (query == NULL)
    return NULL;

  pieces = g_strsplit (query, "&", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      gsize name_len = strcspn (pieces[i], "=");

      if (name_len == strlen (wanted) && strncmp (pieces[i], wanted, name_len) == 0 &&
          pieces[i][name_len] == '=')
        return g_uri_unescape_string (pieces[i] + name_len + 1, NULL);
    }

  return NULL;
}

static const RedirectRule *
find_redirect_rule (const LinkParts *parts)
{
  for (gsize i = 0; i < G_N_ELEMENTS (redirect_rules); i++)
    {
      if (strcmp (parts->host, redirect_rules[i].host) == 0 &&
          strcmp (parts->path, redirect_rules[i].path) == 0)
        return &redirect_rules[i];
    }

  return NULL;
}

static char *
clean_link (const char         *text,
            int                 depth,
            EfirSocialPlatform *out_platform,
            GPtrArray          *removed,
            char              **unwrapped_from,
            gboolean           *too_deep)
{
  g_auto(LinkParts) parts = { 0 };
  const RedirectRule *redirect;
  const char *canonical_host = NULL;
  EfirSocialPlatform platform;

  if (!link_parts_parse (text, &parts))
    return NULL;

  redirect = find_redirect_rule (&parts);
  if (redirect != NULL)
    {
      g_autofree char *target = find_parameter (parts.query, redirect->param);
      g_autoptr(GPtrArray) inner_removed = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *inner_from = NULL;
      char *inner = NULL;

      /* Only an address with its scheme is a redirect's target: "q" is
       * also what a search box sends. */
      if (target != NULL && efir_link_is_web_address (target))
        {
          if (depth >= MAX_UNWRAP)
            {
              *too_deep = TRUE;
              return NULL;
            }
          inner = clean_link (target, depth + 1, out_platform, inner_removed, &inner_from,
                              too_deep);
          if (*too_deep)
            return NULL;
        }

      if (inner != NULL)
        {
          for (guint i = 0; i < inner_removed->len; i++)
            add_removed (removed, inner_removed->pdata[i]);
          g_free (*unwrapped_from);
          *unwrapped_from = g_strdup (parts.host);
          return inner;
        }
    }

  platform = efir_social_platform_for_host (parts.host, &canonical_host);
  if (platform != EFIR_SOCIAL_PLATFORM_WEBSITE)
    {
      g_free (parts.scheme);
      parts.scheme = g_strdup ("https");
    }
  if (canonical_host != NULL)
    {
      g_free (parts.host);
      parts.host = g_strdup (canonical_host);
    }

  if (parts.query != NULL)
    {
      char *query = filter_query (parts.query, platform, removed);

      g_free (parts.query);
      parts.query = query;
    }

  *out_platform = platform;

  return link_parts_to_string (&parts);
}

/* Private API ------------------------------------------------------------ */

/* Returns: (transfer full) (nullable): the lower-case host of @url */
char *
efir_link_dup_host (const char *url)
{
  g_auto(LinkParts) parts = { 0 };

  if (!link_parts_parse (url, &parts))
    return NULL;

  return g_steal_pointer (&parts.host);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_link_clean:
 * @text: (nullable): a link as the producer pasted or typed it
 *
 * Unwraps redirect links, takes tracking parameters away, writes the host
 * in lower case, uses https for the known platforms and the desktop host
 * for their mobile ones. What carries meaning — which video, which moment,
 * which post — stays as written. A link without its scheme is taken as
 * https.
 *
 * Returns: (transfer full) (nullable): the cleaned link, or %NULL when
 *   @text is not a web address
 */
EfirLinkCleanup *
efir_link_clean (const char *text)
{
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *unwrapped_from = NULL;
  EfirSocialPlatform platform = EFIR_SOCIAL_PLATFORM_WEBSITE;
  gboolean too_deep = FALSE;
  char *url;
  EfirLinkCleanup *cleanup;

  url = clean_link (text, 0, &platform, removed, &unwrapped_from, &too_deep);

  /* A host that only parsed in capitals is not worth keeping. */
  if (url != NULL && !efir_link_is_web_address (url))
    g_clear_pointer (&url, g_free);
  if (url == NULL)
    return NULL;

  g_ptr_array_add (removed, NULL);

  cleanup = g_new0 (EfirLinkCleanup, 1);
  cleanup->url = url;
  cleanup->platform = platform;
  cleanup->removed = (GStrv) g_ptr_array_steal (removed, NULL);
  cleanup->unwrapped_from = g_steal_pointer (&unwrapped_from);

  return cleanup;
}

void
efir_link_cleanup_free (EfirLinkCleanup *cleanup)
{
  if (cleanup == NULL)
    return;

  g_free (cleanup->url);
  g_strfreev (cleanup->removed);
  g_free (cleanup->unwrapped_from);
  g_free (cleanup);
}

/**
 * efir_link_cleanup_removed_any:
 * @cleanup: a cleaned link
 *
 * A host written in capitals or a missing https is no news to the
 * producer; a parameter taken away or a redirect undone is.
 *
 * Returns: whether the clean-up took something away worth showing
 */
gboolean
efir_link_cleanup_removed_any (const EfirLinkCleanup *cleanup)
{
  g_return_val_if_fail (cleanup != NULL, FALSE);

  return cleanup->removed[0] != NULL || cleanup->unwrapped_from != NULL;
}

/**
 * efir_link_cleanup_describe:
 * @cleanup: a cleaned link
 *
 * Returns: (transfer full): what was taken away, as a sentence or two in
 *   the user's language; "" when nothing was
 */
char *
efir_link_cleanup_describe (const EfirLinkCleanup *cleanup)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (cleanup != NULL, NULL);

  if (cleanup->unwrapped_from != NULL)
    g_string_append_printf (out, _("Taken out of a redirect through %s."),
                            cleanup->unwrapped_from);

  if (cleanup->removed[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", cleanup->removed);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Removed %s."), names);
    }

  return g_string_free (out, FALSE);
}

/**
 * efir_link_clean_url:
 * @text: (nullable): a link as the producer pasted or typed it
 *
 * Returns: (transfer full) (nullable): efir_link_clean()'s link, or %NULL
 *   when @text is not a web address
 */
char *
efir_link_clean_url (const char *text)
{
  g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (text);

  return cleanup != NULL ? g_steal_pointer (&cleanup->url) : NULL;
}

/**
 * efir_link_is_web_address:
 * @text: (nullable): what the producer typed as an address
 *
 * Returns: whether @text is an http or https address with a host and no
 *   spaces, that a site and a browser would open as written
 */
gboolean
efir_link_is_web_address (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL) || has_space (text))
    return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

/* Whether @word reads as an address a producer meant: with its scheme, or
 * a host with a dot ("facebook.com/cetinsual"). */
static gboolean
looks_like_address (const char *word)
{
  g_autofree char *cleaned = efir_link_clean_url (word);

  return cleaned != NULL && (strstr (word, "://") != NULL || strchr (word, '.') != NULL);
}

/**
 * efir_link_split:
 * @text: (nullable): one address or several, as pasted
 *
 * Producers paste the links of a whole episode at once, one per line, and
 * sometimes several on one line between spaces. A line whose words are not
 * all addresses stays one entry, as typed ("not a url" is one thing to
 * mend, not three links).
 *
 * Returns: (transfer full): the entries of @text, in order; empty when
 *   @text holds none
 */
char **
efir_link_split (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_auto(GStrv) words = NULL;
      gboolean all_addresses = TRUE;

      if (line[0] == '\0')
        continue;

      words = g_strsplit_set (line, " \t", -1);
      for (guint j = 0; words[j] != NULL && all_addresses; j++)
        all_addresses = words[j][0] == '\0' || looks_like_address (words[j]);

      if (!all_addresses)
        {
          g_strv_builder_add (builder, line);
          continue;
        }

      for (guint j = 0; words[j] != NULL; j++)
        {
          if (words[j][0] != '\0')
            g_strv_builder_add (builder, words[j]);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * efir_link_clean_episode:
 * @episode: an episode read from a file or another program
 *
 * Cleans each of the episode's social links as efir_link_clean() does and
 * names the platform of each link that does not name a known one. A link
 * that is not a web address is kept as it is, for the producer to see.
 */
void
efir_link_clean_episode (EfirEpisode *episode)
{
  GListModel *links;

  g_return_if_fail (EFIR_IS_EPISODE (episode));

  links = G_LIST_MODEL (efir_episode_get_social_links (episode));
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);
      g_autofree char *url = efir_link_clean_url (efir_social_link_get_url (link));

      if (url != NULL)
        efir_social_link_set_url (link, url);
    }

  efir_link_name_platforms (episode);
}

/**
 * efir_link_name_platforms:
 * @episode: an episode
 *
 * Names the platform of each of the episode's social links that does not
 * name a known one yet, from its address.
 */
void
efir_link_name_platforms (EfirEpisode *episode)
{
  GListModel *links;

  g_return_if_fail (EFIR_IS_EPISODE (episode));

  links = G_LIST_MODEL (efir_episode_get_social_links (episode));
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);
      EfirSocialPlatform platform;

      if (!efir_social_platform_from_string (efir_social_link_get_platform (link), &platform))
        {
          platform = efir_social_recognise (efir_social_link_get_url (link));
          efir_social_link_set_platform (link, efir_social_platform_to_string (platform));
        }
    }
}
