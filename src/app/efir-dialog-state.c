/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-dialog-state"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "efir-dialog-state.h"
#include "efir-link-cleanup.h"
#include "efir-editor-state.h"
#include "efir-fold.h"
#include "efir-section-state.h"
#include "efir-timecode.h"
#include "efir-transcript-text.h"

/* Types ------------------------------------------------------------------ */

#define HOME_TIME_ZONE "Asia/Baku"

static const char * const language_codes[] = { "az", "ru", "en" };

/* Helpers ---------------------------------------------------------------- */

static void
append_quotes (GString    *out,
               GListModel *quotes)
{
  guint n_quotes = g_list_model_get_n_items (quotes);

  for (guint i = 0; i < n_quotes; i++)
    {
      g_autoptr(EfirQuote) quote = g_list_model_get_item (quotes, i);
      const char *speaker = efir_quote_get_speaker (quote);
      double start = efir_quote_get_start_seconds (quote);

      if (start >= 0)
        {
          g_autofree char *time = efir_timecode_format (start);

          g_string_append_printf (out, "[%s] ", time);
        }
      if (speaker[0] != '\0')
        g_string_append_printf (out, "%s: ", speaker);
      /* Translators: a quote's words in quotation marks, as History
       * compares the quotes of two versions */
      g_string_append_printf (out, _("“%s”"), efir_quote_get_text (quote));
      g_string_append_c (out, '\n');
    }
}

static void
append_guests (GString    *out,
               GListModel *guests)
{
  guint n_guests = g_list_model_get_n_items (guests);

  for (guint i = 0; i < n_guests; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);
      const char *role = efir_episode_guest_get_role (guest);

      if (role[0] != '\0')
        /* Translators: a guest and their role in the episode, as History
         * compares the guests of two versions */
        g_string_append_printf (out, _("%s — %s"), efir_episode_guest_get_name (guest), role);
      else
        g_string_append (out, efir_episode_guest_get_name (guest));
      g_string_append_c (out, '\n');
    }
}

static void
append_links (GString    *out,
              GListModel *links)
{
  guint n_links = g_list_model_get_n_items (links);

  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);

      g_string_append (out, efir_social_link_get_url (link));
      g_string_append_c (out, '\n');
    }
}

static char *
air_date_text (GDateTime *air_date)
{
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (air_date == NULL)
    return g_strdup ("");

  day = efir_editor_state_format_day (air_date);
  /* The offset too: the same hour in another zone is another broadcast. */
  time = g_date_time_format (air_date, "%H:%M (UTC%:z)");

  /* Translators: an air date in History: the day, then the time of day */
  return g_strdup_printf (C_("air date in history", "%s, %s"), day, time);
}

/* Which of the separately saved parts holds @field. */
static EfirEpisodePart
field_part (EfirHistoryField field)
{
  switch (field)
    {
    case EFIR_HISTORY_FIELD_GUESTS:
      return EFIR_EPISODE_PART_GUESTS;
    case EFIR_HISTORY_FIELD_QUOTES:
      return EFIR_EPISODE_PART_QUOTES;
    case EFIR_HISTORY_FIELD_TRANSCRIPT:
      return EFIR_EPISODE_PART_TRANSCRIPT;
    case EFIR_HISTORY_FIELD_LINKS:
      return EFIR_EPISODE_PART_SOCIAL_LINKS;
    default:
      return EFIR_EPISODE_PART_DETAILS;
    }
}

static gboolean
is_hashtag_char (gunichar c)
{
  return c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
contains_tag (GPtrArray  *tags,
              const char *tag)
{
  g_autofree char *key = g_utf8_casefold (tag, -1);

  for (guint i = 0; i < tags->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (tags->pdata[i], -1);

      if (g_str_equal (key, other))
        return TRUE;
    }

  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
count_non_ascii_letters (const char *text)
{
  guint count = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0x7f && g_unichar_isalpha (c))
        count++;
    }

  return count;
}

/* Public API: history ---------------------------------------------------- */

/**
 * efir_dialog_state_revision_reason:
 * @reason: a revision's reason, as the store keeps it
 *
 * Returns: (transfer none): what the history list says of the version
 */
const char *
efir_dialog_state_revision_reason (const char *reason)
{
  if (g_strcmp0 (reason, "edit") == 0)
    return _("Saved while writing");
  if (g_strcmp0 (reason, "publish") == 0)
    /* Translators: under its time in History, a version kept when the
     * episode was published; not the episode's status */
    return C_("revision reason", "Published");
  if (g_strcmp0 (reason, "restore") == 0)
    return _("Kept before a restore");
  if (g_strcmp0 (reason, "import") == 0)
    return _("Imported");

  /* Translators: under its time in History, a version kept for another
   * reason; not the save indicator of the window */
  return C_("revision reason", "Saved");
}

gboolean
efir_dialog_state_clock_is_24h (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *format = NULL;

  /* The desktop's clock setting, where there is a GNOME desktop to ask. */
  if (source == NULL
      || !(schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE))
      || !g_settings_schema_has_key (schema, "clock-format"))
    return TRUE;

  settings = g_settings_new_full (schema, NULL, NULL);
  format = g_settings_get_string (settings, "clock-format");

  return g_strcmp0 (format, "12h") != 0;
}

/**
 * efir_dialog_state_revision_time:
 * @created: when the revision was kept
 * @now: the time it is now, in the producer's time zone
 * @use_24h: whether the producer's clock shows 24 hours
 *
 * Names the time the way a producer thinks back on their day: "Today,
 * 14:05", "Yesterday, 09:12", "Monday, 18:40" within the week, then the
 * date, with the year when it is not this one.
 *
 * Returns: (transfer full): the label
 */
char *
efir_dialog_state_revision_time (GDateTime *created,
                                 GDateTime *now,
                                 gboolean   use_24h)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDate) created_date = NULL;
  g_autoptr(GDate) today = NULL;
  int days_ago;

  g_return_val_if_fail (created != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_timezone (created, g_date_time_get_timezone (now));
  if (use_24h)
    /* Translators: a time of day on the 24-hour clock, in g_date_time_format() form */
    time = g_date_time_format (local, _("%H:%M"));
  else
    /* Translators: a time of day on the 12-hour clock, in g_date_time_format() form */
    time = g_date_time_format (local, _("%-l:%M %p"));

  created_date = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                 g_date_time_get_month (local),
                                 g_date_time_get_year (local));
  today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                          g_date_time_get_month (now),
                          g_date_time_get_year (now));
  days_ago = g_date_days_between (created_date, today);

  if (days_ago == 0)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("Today, %s"), time);
  if (days_ago == 1)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("Yesterday, %s"), time);

  if (days_ago > 1 && days_ago < 7)
    day = g_date_time_format (local, "%A");
  else if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day of this year, in g_date_time_format() form */
    day = g_date_time_format (local, _("%-d %B"));
  else
    /* Translators: a day of another year, in g_date_time_format() form */
    day = g_date_time_format (local, _("%-d %B %Y"));

  /* Translators: a day ("Monday", "4 October") and a time of day */
  return g_strdup_printf (C_("revision time", "%s, %s"), day, time);
}

/**
 * efir_dialog_state_field_name:
 * @field: a part of an episode
 *
 * Returns: (transfer none): its name, as the editor calls it
 */
const char *
efir_dialog_state_field_name (EfirHistoryField field)
{
  switch (field)
    {
    case EFIR_HISTORY_FIELD_TITLE:
      return _("Title");
    case EFIR_HISTORY_FIELD_NUMBER:
      /* Translators: the episode's number, as History names what changed */
      return C_("history field", "Number");
    case EFIR_HISTORY_FIELD_AIR_DATE:
      return _("Air Date");
    case EFIR_HISTORY_FIELD_DURATION:
      /* Translators: the video's length, as History names what changed */
      return C_("history field", "Duration");
    case EFIR_HISTORY_FIELD_VIDEO_URL:
      return _("Video Address");
    case EFIR_HISTORY_FIELD_SLUG:
      return _("Page Address (Slug)");
    case EFIR_HISTORY_FIELD_TAGS:
      return _("Tags");
    case EFIR_HISTORY_FIELD_STATUS:
      return _("Status");
    case EFIR_HISTORY_FIELD_GUESTS:
      return _("Guests");
    case EFIR_HISTORY_FIELD_SUMMARY:
      return _("Summary");
    case EFIR_HISTORY_FIELD_QUOTES:
      return _("Quotes");
    case EFIR_HISTORY_FIELD_TRANSCRIPT:
      return _("Transcript");
    case EFIR_HISTORY_FIELD_LINKS:
      return C_("editor section", "Links");
    case EFIR_HISTORY_N_FIELDS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * efir_dialog_state_field_text:
 * @episode: an episode, as now or as a revision kept it
 * @field: the field to compare
 *
 * The text of one field, one line per line a reader would compare: the
 * guests, tags and links one a line, the quotes one a line with their time
 * and speaker, the transcript in the timed plain text the transcript
 * editor shows. An empty field is "".
 *
 * Returns: (transfer full): the text
 */
char *
efir_dialog_state_field_text (EfirEpisode      *episode,
                              EfirHistoryField  field)
{
  GString *out;
  const char * const *tags;

  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  switch (field)
    {
    case EFIR_HISTORY_FIELD_TITLE:
      return g_strdup (efir_episode_get_title (episode));

    case EFIR_HISTORY_FIELD_NUMBER:
      if (efir_episode_get_number (episode) <= 0)
        return g_strdup ("");
      return g_strdup_printf ("%d", efir_episode_get_number (episode));

    case EFIR_HISTORY_FIELD_AIR_DATE:
      return air_date_text (efir_episode_get_air_date (episode));

    case EFIR_HISTORY_FIELD_DURATION:
      return efir_editor_state_format_duration (efir_episode_get_duration (episode));

    case EFIR_HISTORY_FIELD_VIDEO_URL:
      return g_strdup (efir_episode_get_video_url (episode));

    case EFIR_HISTORY_FIELD_SLUG:
      return g_strdup (efir_episode_get_slug (episode));

    case EFIR_HISTORY_FIELD_TAGS:
      out = g_string_new (NULL);
      tags = efir_episode_get_tags (episode);
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        g_string_append_printf (out, "%s\n", tags[i]);
      return g_string_free (out, FALSE);

    case EFIR_HISTORY_FIELD_STATUS:
      return g_strdup (efir_editor_state_status_label (efir_episode_get_status (episode)));

    case EFIR_HISTORY_FIELD_GUESTS:
      out = g_string_new (NULL);
      append_guests (out, G_LIST_MODEL (efir_episode_get_guests (episode)));
      return g_string_free (out, FALSE);

    case EFIR_HISTORY_FIELD_SUMMARY:
      return g_strdup (efir_episode_get_summary (episode));

    case EFIR_HISTORY_FIELD_QUOTES:
      out = g_string_new (NULL);
      append_quotes (out, G_LIST_MODEL (efir_episode_get_quotes (episode)));
      return g_string_free (out, FALSE);

    case EFIR_HISTORY_FIELD_TRANSCRIPT:
      return efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (episode)));

    case EFIR_HISTORY_FIELD_LINKS:
      out = g_string_new (NULL);
      append_links (out, G_LIST_MODEL (efir_episode_get_social_links (episode)));
      return g_string_free (out, FALSE);

    case EFIR_HISTORY_N_FIELDS:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/**
 * efir_dialog_state_changed_fields:
 * @before: an episode, as a revision kept it
 * @after: the same episode, later
 *
 * The parts in which @after reads otherwise than @before: what restoring
 * @before over @after would change. Only the parts the model already finds
 * different are compared field by field, so two long transcripts that are
 * alike are not written out.
 *
 * Returns: a set of `1 << EfirHistoryField`, 0 when both read the same
 */
guint
efir_dialog_state_changed_fields (EfirEpisode *before,
                                  EfirEpisode *after)
{
  EfirEpisodePart parts;
  guint fields = 0;

  g_return_val_if_fail (EFIR_IS_EPISODE (before), 0);
  g_return_val_if_fail (EFIR_IS_EPISODE (after), 0);

  parts = efir_episode_diff (before, after);
  if (parts == 0)
    return 0;

  for (guint field = 0; field < EFIR_HISTORY_N_FIELDS; field++)
    {
      g_autofree char *then = NULL;
      g_autofree char *now = NULL;

      if ((parts & field_part (field)) == 0)
        continue;

      then = efir_dialog_state_field_text (before, field);
      now = efir_dialog_state_field_text (after, field);
      if (!g_str_equal (then, now))
        fields |= 1u << field;
    }

  return fields;
}

/**
 * efir_dialog_state_changes_label:
 * @before: (nullable): the revision kept before, or %NULL for the first
 * @after: a revision
 *
 * What a revision changed against the one before it, so that two versions
 * of the same minute can be told apart: "Title, Guests".
 *
 * Returns: (transfer full): the label
 */
char *
efir_dialog_state_changes_label (EfirEpisode *before,
                                 EfirEpisode *after)
{
  g_autoptr(GString) label = NULL;
  guint fields;

  g_return_val_if_fail (before == NULL || EFIR_IS_EPISODE (before), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (after), NULL);

  if (before == NULL)
    /* Translators: in History, the oldest version kept, which has none
     * before it to be compared with */
    return g_strdup (_("First version kept"));

  fields = efir_dialog_state_changed_fields (before, after);
  if (fields == 0)
    /* Translators: in History, a version that reads as the one before it */
    return g_strdup (_("No changes"));

  label = g_string_new (NULL);
  for (guint field = 0; field < EFIR_HISTORY_N_FIELDS; field++)
    {
      if ((fields & (1u << field)) == 0)
        continue;
      if (label->len > 0)
        /* Translators: between the names of the parts a version changed,
         * "Title, Guests" */
        g_string_append (label, C_("changed parts", ", "));
      g_string_append (label, efir_dialog_state_field_name (field));
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

/**
 * efir_dialog_state_diff_summary:
 * @n_removed: lines only the earlier version has
 * @n_added: lines only the current text has
 *
 * Returns: (transfer full): a line saying how much differs
 */
char *
efir_dialog_state_diff_summary (guint n_removed,
                                guint n_added)
{
  g_autofree char *removed = NULL;
  g_autofree char *added = NULL;

  if (n_removed == 0 && n_added == 0)
    return g_strdup (_("Same as the current text"));

  removed = g_strdup_printf (ngettext ("%u line removed", "%u lines removed", n_removed),
                             n_removed);
  added = g_strdup_printf (ngettext ("%u line added", "%u lines added", n_added), n_added);

  if (n_added == 0)
    return g_steal_pointer (&removed);
  if (n_removed == 0)
    return g_steal_pointer (&added);

  /* Translators: "3 lines removed, 1 line added" */
  return g_strdup_printf (C_("diff summary", "%s, %s"), removed, added);
}

/* Public API: programme settings ----------------------------------------- */

/**
 * efir_dialog_state_language_index:
 * @language: "az", "ru" or "en"
 *
 * Returns: the row of the language in the settings' list; Azerbaijani for
 *   anything else
 */
guint
efir_dialog_state_language_index (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_codes); i++)
    if (g_strcmp0 (language, language_codes[i]) == 0)
      return i;

  return 0;
}

/**
 * efir_dialog_state_language_code:
 * @index: a row of the language list
 *
 * Returns: (transfer none): the language code of that row
 */
const char *
efir_dialog_state_language_code (guint index)
{
  if (index >= G_N_ELEMENTS (language_codes))
    return language_codes[0];

  return language_codes[index];
}

/**
 * efir_dialog_state_time_zones:
 * @zone_table: (nullable): the text of tzdata's zone1970.tab or zone.tab
 * @current: (nullable): the programme's time zone
 *
 * The time zones a programme can choose from: the newsroom's own first,
 * then the programme's current zone if it is another, then every other
 * zone of the table and UTC, in alphabetical order.
 *
 * Returns: (transfer full): the zone identifiers, never empty
 */
GStrv
efir_dialog_state_time_zones (const char *zone_table,
                              const char *current)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (zone_table != NULL ? zone_table : "", "\n", -1);

  g_strv_builder_add (builder, HOME_TIME_ZONE);
  g_hash_table_add (seen, g_strdup (HOME_TIME_ZONE));

  if (current != NULL && current[0] != '\0' && !g_hash_table_contains (seen, current))
    {
      g_strv_builder_add (builder, current);
      g_hash_table_add (seen, g_strdup (current));
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      columns = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (columns) < 3 || columns[2][0] == '\0')
        continue;

      g_strstrip (columns[2]);
      if (g_hash_table_add (seen, g_strdup (columns[2])))
        g_ptr_array_add (others, g_strdup (columns[2]));
    }

  if (g_hash_table_add (seen, g_strdup ("UTC")))
    g_ptr_array_add (others, g_strdup ("UTC"));

  g_ptr_array_sort (others, compare_strings);
  for (guint i = 0; i < others->len; i++)
    g_strv_builder_add (builder, others->pdata[i]);

  return g_strv_builder_end (builder);
}

/**
 * efir_dialog_state_time_zone_label:
 * @identifier: an IANA time zone identifier
 *
 * Returns: (transfer full): the identifier as a producer reads it:
 *   "America/New York"
 */
char *
efir_dialog_state_time_zone_label (const char *identifier)
{
  char *label = g_strdup (identifier != NULL ? identifier : "");

  g_strdelimit (label, "_", ' ');

  return label;
}

/**
 * efir_dialog_state_hashtags_problem:
 * @text: what the producer typed into the hashtags
 *
 * A link pasted there is not a run of hashtags ("https://www.youtube.com"
 * would make #https #www #youtube #com): it is refused with a word.
 *
 * Returns: (nullable): why @text cannot become hashtags, or %NULL
 */
const char *
efir_dialog_state_hashtags_problem (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \t\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      /* An address with its scheme, or a host with a path after it. */
      if (strstr (words[i], "://") != NULL || g_str_has_prefix (words[i], "www.")
          || efir_link_is_web_address (words[i])
          || (strchr (words[i], '.') != NULL && strchr (words[i], '/') != NULL))
        return _("That is a link, not a hashtag. Links of the programme go under its social "
                 "network pages.");
    }

  return NULL;
}

/**
 * efir_dialog_state_add_hashtags:
 * @hashtags: (nullable): the programme's hashtags
 * @text: what the producer typed: one tag or several, "#" optional
 *
 * Hashtags are kept without their "#", which the page and the share texts
 * add. A hashtag is letters, digits and underscores, as the social networks
 * read one, so anything else in @text separates tags. A tag already there
 * in another case is not added again.
 *
 * Returns: (transfer full): @hashtags followed by the new tags of @text
 */
GStrv
efir_dialog_state_add_hashtags (const char * const *hashtags,
                                const char         *text)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (guint i = 0; hashtags != NULL && hashtags[i] != NULL; i++)
    g_ptr_array_add (tags, g_strdup (hashtags[i]));

  for (const char *p = text != NULL ? text : "";; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_hashtag_char (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }

      if (start != NULL)
        {
          g_autofree char *tag = g_utf8_normalize (start, p - start, G_NORMALIZE_NFC);

          if (!contains_tag (tags, tag))
            g_ptr_array_add (tags, g_steal_pointer (&tag));
          start = NULL;
        }

      if (c == 0)
        break;
    }

  g_ptr_array_add (tags, NULL);

  return (GStrv) g_ptr_array_steal (tags, NULL);
}

/* Public API: share texts ------------------------------------------------ */

/**
 * efir_dialog_state_share_counter:
 * @platform: where the post goes
 * @text: the post
 * @out_over: (out): whether @text is longer than @platform takes
 *
 * Returns: (transfer full): the length of @text as @platform counts it,
 *   and its limit: "137 / 280"
 */
char *
efir_dialog_state_share_counter (EfirSocialPlatform  platform,
                                 const char         *text,
                                 gboolean           *out_over)
{
  guint length = efir_post_length (platform, text);
  guint limit = efir_post_length_limit (platform);

  g_return_val_if_fail (out_over != NULL, NULL);

  *out_over = limit > 0 && length > limit;
  if (limit == 0)
    return g_strdup_printf ("%u", length);

  /* Translators: a post's length and the most the platform takes. */
  return g_strdup_printf (_("%u / %u"), length, limit);
}

static gboolean
has_link (const char *text)
{
  return strstr (text, "http://") != NULL || strstr (text, "https://") != NULL;
}

/**
 * efir_dialog_state_share_note:
 * @platform: where the post goes
 * @text: the post
 *
 * Returns: (transfer full) (nullable): what the producer should know
 *   before posting @text there, or %NULL
 */
char *
efir_dialog_state_share_note (EfirSocialPlatform  platform,
                              const char         *text)
{
  guint length = efir_post_length (platform, text);
  guint limit = efir_post_length_limit (platform);

  if (limit > 0 && length > limit)
    return g_strdup_printf (ngettext ("Too long for %s by %u character.",
                                      "Too long for %s by %u characters.", length - limit),
                            efir_social_platform_display_name (platform), length - limit);

  if (platform == EFIR_SOCIAL_PLATFORM_INSTAGRAM && has_link (text))
    return g_strdup (_("Instagram shows links in a caption as plain text: readers cannot "
                       "open them. Put the link in the profile."));

  if (platform == EFIR_SOCIAL_PLATFORM_TELEGRAM && length > EFIR_TELEGRAM_CAPTION_LIMIT)
    return g_strdup_printf (_("Too long to go under a video or a photo, which takes %u "
                              "characters: post it as a message."),
                            EFIR_TELEGRAM_CAPTION_LIMIT);

  return NULL;
}

/* Public API: guest directory -------------------------------------------- */

/**
 * efir_dialog_state_person_matches:
 * @query: what the producer typed in the search field
 * @person: an entry of the guest directory
 *
 * Searches as the guest suggestions of the editor do: folded, every word a
 * start of a word of the name, so "eliyev" finds "Əliyev".
 *
 * Returns: whether the list shows @person; always for an empty query
 */
gboolean
efir_dialog_state_person_matches (const char *query,
                                  EfirPerson *person)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (EFIR_IS_PERSON (person), FALSE);

  folded = efir_fold (query != NULL ? query : "", -1);
  g_strstrip (folded);
  if (folded[0] == '\0')
    return TRUE;

  return efir_section_state_guest_matches (folded, person);
}

/**
 * efir_dialog_state_name_to_keep:
 * @a: an entry of the guest directory
 * @b: another entry, for the same person
 *
 * The name a merge offers to keep: the one spelled in the person's own
 * letters ("Nəsimi Məmmədli" rather than "Nasimi Mammadli"), and of two
 * spelled alike, the older entry, which more episodes already name.
 *
 * Returns: 0 for @a, 1 for @b
 */
guint
efir_dialog_state_name_to_keep (EfirPerson *a,
                                EfirPerson *b)
{
  guint letters_a, letters_b;

  g_return_val_if_fail (EFIR_IS_PERSON (a), 0);
  g_return_val_if_fail (EFIR_IS_PERSON (b), 0);

  letters_a = count_non_ascii_letters (efir_person_get_name (a));
  letters_b = count_non_ascii_letters (efir_person_get_name (b));

  if (letters_a != letters_b)
    return letters_a > letters_b ? 0 : 1;

  return efir_person_get_id (b) != 0 && efir_person_get_id (b) < efir_person_get_id (a) ? 1 : 0;
}
