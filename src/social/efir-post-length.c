/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-post-length"

#include "config.h"

#include <string.h>
#include <unicode/uchar.h>

#include "efir-post-length.h"

/* Types ------------------------------------------------------------------ */

/* X counts by twitter-text's configuration v3: a weight per code point on
 * a scale of 100, 100 for the ranges below and 200 for everything else,
 * 23 characters for every link and 2 for every emoji, whatever code points
 * it is made of. The ranges cover Latin, Cyrillic, Georgian, Armenian and
 * the general punctuation X thinks of as narrow; Azerbaijani and Russian
 * letters count as one. */
typedef struct
{
  gunichar start;
  gunichar end;
} WeightRange;

static const WeightRange x_light_ranges[] = {
  { 0x0000, 0x10FF },
  { 0x2000, 0x200D },
  { 0x2010, 0x201F },
  { 0x2032, 0x2037 },
};

#define X_SCALE          100
#define X_LIGHT_WEIGHT   100
#define X_DEFAULT_WEIGHT 200
#define X_URL_LENGTH     23

typedef struct
{
  EfirSocialPlatform platform;
  guint              limit;
} LimitRule;

/* Facebook's limit is so far off that only a pasted transcript reaches it;
 * a website has none. */
static const LimitRule limits[] = {
  { EFIR_SOCIAL_PLATFORM_X,         280 },
  { EFIR_SOCIAL_PLATFORM_FACEBOOK,  63206 },
  { EFIR_SOCIAL_PLATFORM_INSTAGRAM, 2200 },
  { EFIR_SOCIAL_PLATFORM_TELEGRAM,  4096 },
  { EFIR_SOCIAL_PLATFORM_TIKTOK,    2200 },
  { EFIR_SOCIAL_PLATFORM_YOUTUBE,   5000 },
};

/* Helpers ---------------------------------------------------------------- */

#define ZWJ 0x200D
#define VS16 0xFE0F
#define KEYCAP 0x20E3

static gboolean
is_modifier (gunichar c)
{
  return c >= 0x1F3FB && c <= 0x1F3FF;
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static gboolean
is_tag (gunichar c)
{
  return c >= 0xE0020 && c <= 0xE007F;
}

static gboolean
is_pictographic (gunichar c)
{
  return u_hasBinaryProperty ((UChar32) c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty ((UChar32) c, UCHAR_EMOJI_PRESENTATION);
}

/* How many code points of @cps, from @i on, make one emoji; 0 when none
 * starts there. A pictograph in the light range (©, ®) is an emoji only
 * with its emoji variation selector, as X draws it. */
static gsize
emoji_length (const gunichar *cps,
              gsize           n,
              gsize           i)
{
  gsize j = i;
  gunichar c = cps[i];

  if (is_regional_indicator (c))
    return i + 1 < n && is_regional_indicator (cps[i + 1]) ? 2 : 0;

  if (c < 0x80 && (g_ascii_isdigit (c) || c == '#' || c == '*'))
    {
      if (i + 1 < n && cps[i + 1] == KEYCAP)
        return 2;
      if (i + 2 < n && cps[i + 1] == VS16 && cps[i + 2] == KEYCAP)
        return 3;
      return 0;
    }

  if (!is_pictographic (c) && !is_modifier (c))
    return 0;
  if (c < 0x2000 && !(i + 1 < n && cps[i + 1] == VS16))
    return 0;

  for (;;)
    {
      j++;
      while (j < n && (cps[j] == VS16 || is_modifier (cps[j]) || is_tag (cps[j])))
        j++;
      if (j + 1 < n && cps[j] == ZWJ && is_pictographic (cps[j + 1]))
        {
          j++;
          continue;
        }
      return j - i;
    }
}

/* Where the link that starts at @p ends: at a space, without the
 * punctuation that closes the sentence around it. */
static const char *
url_end (const char *p)
{
  const char *end = p;

  while (*end != '\0' && !g_unichar_isspace (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);

  while (end > p && strchr (".,:;!?\"')]}", end[-1]) != NULL)
    end--;

  return end;
}

/* The generic top-level domains twitter-text takes as a link without
 * "http": a country's two letters count only with a path after them
 * ("efir.az/112", not "efir.az"), as twitter-text has it. */
static const char * const generic_tlds[] = {
  "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "name", "pro", "aero", "asia",
  "coop", "jobs", "mobi", "museum", "tel", "travel", "app", "dev", "news", "media", "online",
  "site", "xyz", "club", "blog", "live", "shop", "store", "tech",
};

/* Where a bare address ("youtube.com/watch?v=…", "efir.az/112") that
 * starts at @p ends, or @p when there is none. */
static const char *
bare_domain_end (const char *text,
                 const char *p)
{
  const char *label = p;
  const char *end = p;
  guint n_labels = 0;
  gsize tld_length;
  gboolean generic = FALSE;
  gboolean has_path;

  /* A word's start, not the middle of one or of an e-mail address. */
  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '@' || p[-1] == '.' || p[-1] == '-'
                   || (guchar) p[-1] >= 0x80))
    return p;

  for (;;)
    {
      const char *q = end;

      while (g_ascii_isalnum (*q) || *q == '-')
        q++;
      if (q == end)
        return p;
      label = end;
      n_labels++;
      end = q;
      if (*end != '.' || !(g_ascii_isalnum (end[1])))
        break;
      end++;
    }

  if (n_labels < 2)
    return p;

  tld_length = end - label;
  for (gsize i = 0; i < G_N_ELEMENTS (generic_tlds); i++)
    {
      if (strlen (generic_tlds[i]) == tld_length
          && g_ascii_strncasecmp (label, generic_tlds[i], tld_length) == 0)
        generic = TRUE;
    }

  has_path = *end == '/';
  if (!(generic || (tld_length == 2 && g_ascii_isalpha (label[0]) && g_ascii_isalpha (label[1])
                    && has_path)))
    return p;

  return url_end (p);
}

static gboolean
is_url_start (const char *p)
{
  return g_ascii_strncasecmp (p, "https://", 8) == 0 || g_ascii_strncasecmp (p, "http://", 7) == 0;
}

static guint
x_weight (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (x_light_ranges); i++)
    {
      if (c >= x_light_ranges[i].start && c <= x_light_ranges[i].end)
        return X_LIGHT_WEIGHT;
    }

  return X_DEFAULT_WEIGHT;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_post_length_x:
 * @text: a post, in UTF-8
 *
 * Counts as X does before it accepts a post: the text in normal form C,
 * each link as 23, each emoji as 2, other characters as 1 or 2 by
 * twitter-text's weight ranges. A link is an address that starts with
 * http:// or https://, or a bare one as twitter-text finds them: a host
 * with a generic top-level domain ("youtube.com"), or a country's with a
 * path ("efir.az/112").
 *
 * Returns: the weighted length of @text
 */
guint
efir_post_length_x (const char *text)
{
  g_autofree char *normal = NULL;
  guint weight = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, 0);

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (normal == NULL)
    return 0;

  p = normal;
  while (*p != '\0')
    {
      const char *end = is_url_start (p) ? url_end (p) : bare_domain_end (normal, p);
      g_autofree gunichar *cps = NULL;
      glong n = 0;
      gsize i = 0;

      if (end > p)
        {
          weight += X_URL_LENGTH * X_SCALE;
          p = end;
          continue;
        }

      /* Up to the next link, one code point at a time. */
      end = p + 1;
      while (*end != '\0' && !is_url_start (end) && bare_domain_end (normal, end) == end)
        end++;
      cps = g_utf8_to_ucs4_fast (p, end - p, &n);

      while (i < (gsize) n)
        {
          gsize emoji = emoji_length (cps, n, i);

          if (emoji > 0)
            {
              weight += X_DEFAULT_WEIGHT;
              i += emoji;
            }
          else
            weight += x_weight (cps[i++]);
        }

      p = end;
    }

  return weight / X_SCALE;
}

/**
 * efir_post_length:
 * @platform: where the post goes
 * @text: a post, in UTF-8
 *
 * X weighs characters (efir_post_length_x()); Telegram counts UTF-16 code
 * units, as its servers do, so an emoji is two; the others count
 * characters.
 *
 * Returns: the length of @text as @platform counts it
 */
guint
efir_post_length (EfirSocialPlatform  platform,
                  const char         *text)
{
  g_return_val_if_fail (text != NULL, 0);

  switch (platform)
    {
    case EFIR_SOCIAL_PLATFORM_X:
      return efir_post_length_x (text);

    case EFIR_SOCIAL_PLATFORM_TELEGRAM:
      {
        guint units = 0;

        for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
          units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
        return units;
      }

    case EFIR_SOCIAL_PLATFORM_WEBSITE:
    case EFIR_SOCIAL_PLATFORM_YOUTUBE:
    case EFIR_SOCIAL_PLATFORM_FACEBOOK:
    case EFIR_SOCIAL_PLATFORM_INSTAGRAM:
    case EFIR_SOCIAL_PLATFORM_TIKTOK:
    default:
      return (guint) g_utf8_strlen (text, -1);
    }
}

/**
 * efir_post_length_limit:
 * @platform: where the post goes
 *
 * Returns: the longest post @platform takes, as efir_post_length()
 *   counts; 0 when it sets no limit
 */
guint
efir_post_length_limit (EfirSocialPlatform platform)
{
  for (gsize i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      if (limits[i].platform == platform)
        return limits[i].limit;
    }

  return 0;
}
