/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-social-platform"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "efir-social-private.h"

/* Types ------------------------------------------------------------------ */

/* Which hosts belong to which platform. A rule covers the host and every
 * host under it ("youtube.com" covers "www.youtube.com"); the longest rule
 * that matches wins, so a mobile host can name the desktop host that
 * replaces it when a link is cleaned. t.co is deliberately absent: it may
 * lead anywhere, and only following it would tell where. */
typedef struct
{
  const char         *host;
  EfirSocialPlatform  platform;
  const char         *canonical_host;
} HostRule;

static const HostRule host_rules[] = {
  { "youtube.com",           EFIR_SOCIAL_PLATFORM_YOUTUBE,   NULL },
  { "m.youtube.com",         EFIR_SOCIAL_PLATFORM_YOUTUBE,   "www.youtube.com" },
  { "youtu.be",              EFIR_SOCIAL_PLATFORM_YOUTUBE,   NULL },
  { "youtube-nocookie.com",  EFIR_SOCIAL_PLATFORM_YOUTUBE,   NULL },
  { "facebook.com",          EFIR_SOCIAL_PLATFORM_FACEBOOK,  NULL },
  { "m.facebook.com",        EFIR_SOCIAL_PLATFORM_FACEBOOK,  "www.facebook.com" },
  { "mbasic.facebook.com",   EFIR_SOCIAL_PLATFORM_FACEBOOK,  "www.facebook.com" },
  { "web.facebook.com",      EFIR_SOCIAL_PLATFORM_FACEBOOK,  "www.facebook.com" },
  { "touch.facebook.com",    EFIR_SOCIAL_PLATFORM_FACEBOOK,  "www.facebook.com" },
  { "fb.watch",              EFIR_SOCIAL_PLATFORM_FACEBOOK,  NULL },
  { "fb.com",                EFIR_SOCIAL_PLATFORM_FACEBOOK,  NULL },
  { "fb.me",                 EFIR_SOCIAL_PLATFORM_FACEBOOK,  NULL },
  { "instagram.com",         EFIR_SOCIAL_PLATFORM_INSTAGRAM, NULL },
  { "instagr.am",            EFIR_SOCIAL_PLATFORM_INSTAGRAM, NULL },
  { "x.com",                 EFIR_SOCIAL_PLATFORM_X,         NULL },
  { "mobile.x.com",          EFIR_SOCIAL_PLATFORM_X,         "x.com" },
  { "twitter.com",           EFIR_SOCIAL_PLATFORM_X,         NULL },
  { "mobile.twitter.com",    EFIR_SOCIAL_PLATFORM_X,         "twitter.com" },
  { "t.me",                  EFIR_SOCIAL_PLATFORM_TELEGRAM,  NULL },
  { "telegram.me",           EFIR_SOCIAL_PLATFORM_TELEGRAM,  NULL },
  { "telegram.dog",          EFIR_SOCIAL_PLATFORM_TELEGRAM,  NULL },
  { "tiktok.com",            EFIR_SOCIAL_PLATFORM_TIKTOK,    NULL },
  { "m.tiktok.com",          EFIR_SOCIAL_PLATFORM_TIKTOK,    "www.tiktok.com" },
};

typedef struct
{
  const char *name;
  const char *display_name;
  const char *icon_name;
} PlatformInfo;

/* Brand names are not translated; "Website" is. The icons are Efir's own
 * symbolic glyphs, in the app's resources. */
static const PlatformInfo platforms[EFIR_SOCIAL_N_PLATFORMS] = {
  [EFIR_SOCIAL_PLATFORM_WEBSITE]   = { "website",   N_("Website"), "efir-website-symbolic" },
  [EFIR_SOCIAL_PLATFORM_YOUTUBE]   = { "youtube",   "YouTube",     "efir-youtube-symbolic" },
  [EFIR_SOCIAL_PLATFORM_FACEBOOK]  = { "facebook",  "Facebook",    "efir-facebook-symbolic" },
  [EFIR_SOCIAL_PLATFORM_INSTAGRAM] = { "instagram", "Instagram",   "efir-instagram-symbolic" },
  [EFIR_SOCIAL_PLATFORM_X]         = { "x",         "X",           "efir-x-symbolic" },
  [EFIR_SOCIAL_PLATFORM_TELEGRAM]  = { "telegram",  "Telegram",    "efir-telegram-symbolic" },
  [EFIR_SOCIAL_PLATFORM_TIKTOK]    = { "tiktok",    "TikTok",      "efir-tiktok-symbolic" },
};

/* Helpers ---------------------------------------------------------------- */

static gboolean
host_is_under (const char *host,
               const char *rule_host)
{
  gsize host_len = strlen (host);
  gsize rule_len = strlen (rule_host);

  if (host_len == rule_len)
    return strcmp (host, rule_host) == 0;

  return host_len > rule_len && host[host_len - rule_len - 1] == '.' &&
         strcmp (host + host_len - rule_len, rule_host) == 0;
}

static gboolean
platform_is_valid (EfirSocialPlatform platform)
{
  return (int) platform >= 0 && platform < EFIR_SOCIAL_N_PLATFORMS;
}

/* Private API ------------------------------------------------------------ */

/* @host: lower-case. Returns WEBSITE for a host no rule covers. */
EfirSocialPlatform
efir_social_platform_for_host (const char  *host,
                               const char **out_canonical_host)
{
  const HostRule *best = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (host_rules); i++)
    {
      if (host_is_under (host, host_rules[i].host) &&
          (best == NULL || strlen (host_rules[i].host) > strlen (best->host)))
        best = &host_rules[i];
    }

  if (out_canonical_host != NULL)
    *out_canonical_host = best != NULL && best->canonical_host != NULL &&
                          strcmp (best->host, host) == 0 ? best->canonical_host : NULL;

  return best != NULL ? best->platform : EFIR_SOCIAL_PLATFORM_WEBSITE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_social_recognise:
 * @url: (nullable): a link, cleaned or as pasted
 *
 * Returns: the platform @url points to; %EFIR_SOCIAL_PLATFORM_WEBSITE for
 *   any other site and for text that is not a web address
 */
EfirSocialPlatform
efir_social_recognise (const char *url)
{
  g_autofree char *host = efir_link_dup_host (url);

  if (host == NULL)
    return EFIR_SOCIAL_PLATFORM_WEBSITE;

  return efir_social_platform_for_host (host, NULL);
}

/**
 * efir_social_platform_to_string:
 * @platform: a platform
 *
 * Returns: the name episode JSON and the database use: "youtube",
 *   "facebook", "instagram", "x", "telegram", "tiktok" or "website"
 */
const char *
efir_social_platform_to_string (EfirSocialPlatform platform)
{
  g_return_val_if_fail (platform_is_valid (platform), "website");

  return platforms[platform].name;
}

/**
 * efir_social_platform_from_string:
 * @name: (nullable): a platform's name, as efir_social_platform_to_string()
 *   gives it
 * @out_platform: (out): where to put the platform
 *
 * Returns: whether @name names a platform
 */
gboolean
efir_social_platform_from_string (const char         *name,
                                  EfirSocialPlatform *out_platform)
{
  g_return_val_if_fail (out_platform != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (int i = 0; i < EFIR_SOCIAL_N_PLATFORMS; i++)
    {
      if (strcmp (platforms[i].name, name) == 0)
        {
          *out_platform = (EfirSocialPlatform) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * efir_social_platform_display_name:
 * @platform: a platform
 *
 * Returns: the name a producer and a reader of the page know it by:
 *   "YouTube", "X", … and "Website" in the user's language
 */
const char *
efir_social_platform_display_name (EfirSocialPlatform platform)
{
  g_return_val_if_fail (platform_is_valid (platform), _("Website"));

  if (platform == EFIR_SOCIAL_PLATFORM_WEBSITE)
    return _(platforms[platform].display_name);

  return platforms[platform].display_name;
}

/**
 * efir_social_platform_icon_name:
 * @platform: a platform
 *
 * Returns: the name of the platform's symbolic icon in Efir's resources
 */
const char *
efir_social_platform_icon_name (EfirSocialPlatform platform)
{
  g_return_val_if_fail (platform_is_valid (platform), platforms[0].icon_name);

  return platforms[platform].icon_name;
}
