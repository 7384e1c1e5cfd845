/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-share-text"

#include "config.h"

#include <string.h>

#include "efir-post-length.h"
#include "efir-share-text.h"

/* Types ------------------------------------------------------------------ */

/* What a template may say. A line whose fields all come out empty is left
 * out, so one template serves an episode without guests or quotes. */
typedef enum
{
  FIELD_TITLE,
  FIELD_GUESTS,
  FIELD_QUOTE,
  FIELD_LINK,
  FIELD_HASHTAGS,
  FIELD_PROGRAM,
  FIELD_NUMBER,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = {
  [FIELD_TITLE]    = "title",
  [FIELD_GUESTS]   = "guests",
  [FIELD_QUOTE]    = "quote",
  [FIELD_LINK]     = "link",
  [FIELD_HASHTAGS] = "hashtags",
  [FIELD_PROGRAM]  = "program",
  [FIELD_NUMBER]   = "number",
};

/* When a text is too long for its platform, these go first, in this order;
 * then the title is shortened. */
static const Field optional_fields[] = { FIELD_QUOTE, FIELD_HASHTAGS, FIELD_GUESTS };

/* Instagram and TikTok show no link in a caption; the link goes in the
 * profile or the video. */
static const char default_template[] =
  "{title}\n\n{guests}\n\n{quote}\n\n{link}\n\n{hashtags}";
static const char default_template_without_link[] =
  "{title}\n\n{guests}\n\n{quote}\n\n{hashtags}";

/* Helpers ---------------------------------------------------------------- */

static EfirQuote *
chosen_quote (EfirEpisode *episode)
{
  GListModel *quotes = G_LIST_MODEL (efir_episode_get_quotes (episode));
  guint n = g_list_model_get_n_items (quotes);
  g_autoptr(EfirQuote) first = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirQuote) quote = g_list_model_get_item (quotes, i);

      if (efir_quote_get_text (quote)[0] == '\0')
        continue;
      if (efir_quote_get_pull_quote (quote))
        return g_steal_pointer (&quote);
      if (first == NULL)
        first = g_steal_pointer (&quote);
    }

  return g_steal_pointer (&first);
}

static char *
format_quote (EfirProgram *program,
              EfirEpisode *episode)
{
  g_autoptr(EfirQuote) quote = chosen_quote (episode);
  const char *language = program != NULL ? efir_program_get_language (program) : "";
  gboolean guillemets = g_str_equal (language, "az") || g_str_equal (language, "ru");
  GString *out;

  if (quote == NULL)
    return g_strdup ("");

  out = g_string_new (guillemets ? "«" : "“");
  g_string_append (out, efir_quote_get_text (quote));
  g_string_append (out, guillemets ? "»" : "”");
  if (efir_quote_get_speaker (quote)[0] != '\0')
    g_string_append_printf (out, " — %s", efir_quote_get_speaker (quote));

  return g_string_free (out, FALSE);
}

static char *
format_guests (EfirEpisode *episode)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);
      const char *name = efir_episode_guest_get_name (guest);
      const char *role = efir_episode_guest_get_role (guest);

      if (name[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, name);
      if (role[0] != '\0')
        g_string_append_printf (out, ", %s", role);
    }

  return g_string_free (out, FALSE);
}

/* "#Çətin Sual" becomes "#ÇətinSual": a hashtag ends at a space. */
static char *
format_hashtags (EfirProgram *program)
{
  const char * const *hashtags = program != NULL ? efir_program_get_hashtags (program) : NULL;
  GString *out = g_string_new (NULL);

  for (gsize i = 0; hashtags != NULL && hashtags[i] != NULL; i++)
    {
      gsize start = out->len;

      if (out->len > 0)
        g_string_append_c (out, ' ');
      start = out->len;
      if (hashtags[i][0] != '#')
        g_string_append_c (out, '#');
      for (const char *p = hashtags[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            g_string_append_unichar (out, g_utf8_get_char (p));
        }
      if (out->len - start <= 1)
        g_string_truncate (out, start > 0 ? start - 1 : 0);
    }

  return g_string_free (out, FALSE);
}

/* Expands one line; @out_all_empty says whether it named fields and all
 * of them came out empty. */
static char *
expand_line (const char  *line,
             char       **values,
             gboolean    *out_all_empty)
{
  GString *out = g_string_new (NULL);
  gboolean any_field = FALSE;
  gboolean any_value = FALSE;
  const char *p = line;

  while (*p != '\0')
    {
      const char *close;
      int field = -1;

      if (*p != '{' || (close = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      for (int i = 0; i < N_FIELDS; i++)
        {
          if (strlen (field_names[i]) == (gsize) (close - p - 1) &&
              strncmp (p + 1, field_names[i], close - p - 1) == 0)
            field = i;
        }

      if (field < 0)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      any_field = TRUE;
      if (values[field][0] != '\0')
        any_value = TRUE;
      g_string_append (out, values[field]);
      p = close + 1;
    }

  *out_all_empty = any_field && !any_value;

  return g_string_free (out, FALSE);
}

static char *
expand (const char  *template_text,
        char       **values)
{
  g_auto(GStrv) lines = g_strsplit (template_text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean blank_pending = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all_empty;
      g_autofree char *line = expand_line (lines[i], values, &all_empty);

      if (all_empty)
        continue;

      g_strchomp (line);
      if (line[0] == '\0')
        {
          blank_pending = out->len > 0;
          continue;
        }

      if (out->len > 0)
        g_string_append (out, blank_pending ? "\n\n" : "\n");
      g_string_append (out, line);
      blank_pending = FALSE;
    }

  return g_string_free (out, FALSE);
}

static gboolean
fits (EfirSocialPlatform  platform,
      const char         *text)
{
  guint limit = efir_post_length_limit (platform);

  return limit == 0 || efir_post_length (platform, text) <= limit;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_share_default_template:
 * @platform: where the post goes
 *
 * The fields a template may hold are {title}, {guests} (one line each,
 * "name, role"), {quote} (the pull quote, or the first), {link},
 * {hashtags} (the programme's), {program} and {number}.
 *
 * Returns: the template a programme without its own uses for @platform
 */
const char *
efir_share_default_template (EfirSocialPlatform platform)
{
  if (platform == EFIR_SOCIAL_PLATFORM_INSTAGRAM || platform == EFIR_SOCIAL_PLATFORM_TIKTOK)
    return default_template_without_link;

  return default_template;
}

/**
 * efir_share_text:
 * @platform: where the post goes
 * @template_text: (nullable): the programme's template for @platform, or
 *   %NULL for efir_share_default_template()
 * @program: (nullable): the episode's programme, for its hashtags and its
 *   language's quotation marks
 * @episode: the episode to share
 * @link: (nullable): the address of the episode's page; %NULL for the
 *   episode's video
 *
 * A text that would be too long for @platform loses its quote, then its
 * hashtags, then its guests, and then the end of its title.
 *
 * Returns: (transfer full): the text to post
 */
char *
efir_share_text (EfirSocialPlatform  platform,
                 const char         *template_text,
                 EfirProgram        *program,
                 EfirEpisode        *episode,
                 const char         *link)
{
  char *values[N_FIELDS] = { NULL };
  g_autofree char *text = NULL;
  glong title_chars;

  g_return_val_if_fail (program == NULL || EFIR_IS_PROGRAM (program), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  if (template_text == NULL || template_text[0] == '\0')
    template_text = efir_share_default_template (platform);
  if (link == NULL)
    link = efir_episode_get_video_url (episode);

  values[FIELD_TITLE] = g_strdup (efir_episode_get_title (episode));
  values[FIELD_GUESTS] = format_guests (episode);
  values[FIELD_QUOTE] = format_quote (program, episode);
  values[FIELD_LINK] = g_strdup (link);
  values[FIELD_HASHTAGS] = format_hashtags (program);
  values[FIELD_PROGRAM] = g_strdup (program != NULL ? efir_program_get_name (program) : "");
  values[FIELD_NUMBER] = efir_episode_get_number (episode) > 0
                           ? g_strdup_printf ("%d", efir_episode_get_number (episode))
                           : g_strdup ("");

  text = expand (template_text, values);
  for (gsize i = 0; i < G_N_ELEMENTS (optional_fields) && !fits (platform, text); i++)
    {
      g_free (values[optional_fields[i]]);
      values[optional_fields[i]] = g_strdup ("");
      g_free (text);
      text = expand (template_text, values);
    }

  title_chars = g_utf8_strlen (values[FIELD_TITLE], -1);
  while (!fits (platform, text) && title_chars > 1)
    {
      g_autofree char *title = values[FIELD_TITLE];
      const char *cut;

      title_chars = MAX (1, title_chars - MAX (1, title_chars / 8));
      cut = g_utf8_offset_to_pointer (title, title_chars);
      values[FIELD_TITLE] = g_strdup_printf ("%.*s…", (int) (cut - title), title);
      g_free (text);
      text = expand (template_text, values);
    }

  for (int i = 0; i < N_FIELDS; i++)
    g_free (values[i]);

  return g_steal_pointer (&text);
}
