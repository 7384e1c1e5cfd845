/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-editor-state"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "efir-editor-state.h"
#include "efir-link-cleanup.h"
#include "efir-slug.h"
#include "efir-timecode.h"

/* Types and properties --------------------------------------------------- */

G_DEFINE_QUARK (efir-editor-state-error-quark, efir_editor_state_error)

/* Helpers ---------------------------------------------------------------- */

static gboolean
read_digits (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  return n >= min_digits;
}

/* Characters that would start a new line or jump to a tab stop. */
static gboolean
breaks_line (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* The words a length is written with, in the languages of the programmes,
 * casefolded; a full stop after one ("мин.") is allowed.
 */
static const char * const hour_words[] = {
  "h", "hr", "hrs", "hour", "hours", "saat", "ч", "час", "часа", "часов", NULL
};
static const char * const minute_words[] = {
  "m", "min", "mins", "minute", "minutes", "dəq", "dəqiqə", "deq", "м", "мин", "минута",
  "минуты", "минут", NULL
};
static const char * const second_words[] = {
  "s", "sec", "secs", "second", "seconds", "san", "saniyə", "с", "сек", "секунда", "секунды",
  "секунд", NULL
};

/* "1h 5m", "45 min", "45 dəq", "1 час 5 мин": each unit once, the largest
 * first.
 */
static gboolean
parse_duration_words (const char *text,
                      guint64    *out_seconds)
{
  static const char * const *units[] = { hour_words, minute_words, second_words };
  static const guint64 unit_seconds[] = { 3600, 60, 1 };
  const char *p = text;
  guint64 total = 0;
  guint next_unit = 0;

  while (*p != '\0')
    {
      guint64 value = 0;
      guint n_digits = 0;
      const char *word = NULL;
      g_autofree char *folded = NULL;
      guint unit;

      while (g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      for (; g_ascii_isdigit (*p); p++, n_digits++)
        if (n_digits < 6)
          value = value * 10 + (*p - '0');
      if (n_digits == 0 || n_digits > 6)
        return FALSE;

      while (g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      for (word = p; *p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)); )
        p = g_utf8_next_char (p);
      if (p == word)
        return FALSE;
      folded = g_utf8_casefold (word, p - word);
      if (*p == '.')
        p++;

      for (unit = next_unit; unit < G_N_ELEMENTS (units); unit++)
        if (g_strv_contains (units[unit], folded))
          break;
      if (unit == G_N_ELEMENTS (units))
        return FALSE;

      total += value * unit_seconds[unit];
      next_unit = unit + 1;
    }

  if (next_unit == 0)
    return FALSE;

  *out_seconds = total;
  return TRUE;
}

/* Tags compare the way a reader sees them: "Iran", "iran" and "İran" typed
 * on different keyboards are one tag, and a composed "ə" equals a decomposed
 * one.
 */
static char *
tag_key (const char *tag)
{
  g_autofree char *normalized = g_utf8_normalize (tag, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normalized != NULL ? normalized : tag, -1);
}

static gboolean
tags_contain (GPtrArray  *tags,
              const char *tag)
{
  g_autofree char *key = tag_key (tag);

  for (guint i = 0; i < tags->len; i++)
    {
      g_autofree char *other = tag_key (g_ptr_array_index (tags, i));

      if (g_strcmp0 (key, other) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Splits @text into the whitespace before the first visible character, the
 * text itself and the whitespace after it, all as byte lengths.
 */
static void
split_spaces (const char *text,
              gsize      *out_lead,
              gsize      *out_core)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  *out_lead = start - text;
  *out_core = end - start;
}

static gboolean
is_wrapped_in (const char *core,
               gsize       core_len,
               const char *marker)
{
  gsize marker_len = strlen (marker);

  return core_len >= 2 * marker_len &&
         strncmp (core, marker, marker_len) == 0 &&
         strncmp (core + core_len - marker_len, marker, marker_len) == 0;
}

/* "*" around "**bold**" is not italic: unwrapping one star would break the
 * bold. Three stars are both.
 */
static gboolean
is_italic (const char *core,
           gsize       core_len)
{
  if (!is_wrapped_in (core, core_len, "*"))
    return FALSE;

  return !is_wrapped_in (core, core_len, "**") || is_wrapped_in (core, core_len, "***");
}

static int
char_count (const char *text,
            gssize      len)
{
  return (int) g_utf8_strlen (text, len);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_editor_state_slug_is_edited:
 * @title: the episode's title
 * @slug: the episode's slug
 *
 * A slug the producer typed is one that the title would not give. An empty
 * slug follows the title, as the page gets one made from the title.
 *
 * Returns: whether @slug no longer follows @title
 */
gboolean
efir_editor_state_slug_is_edited (const char *title,
                                  const char *slug)
{
  g_autofree char *derived = NULL;

  if (slug == NULL || slug[0] == '\0')
    return FALSE;

  derived = efir_slug_from_title (title != NULL ? title : "");

  return g_strcmp0 (derived, slug) != 0;
}

/**
 * efir_editor_state_slug_follows_title:
 * @title: the episode's title
 * @slug: the episode's slug
 * @status: the episode's status
 *
 * Once an episode is on its way to the site its address is out in the
 * world: a corrected title must not move the page, so the slug stops
 * following the title, as it does once the producer edits it.
 *
 * Returns: whether a change of title should make a new slug
 */
gboolean
efir_editor_state_slug_follows_title (const char        *title,
                                      const char        *slug,
                                      EfirEpisodeStatus  status)
{
  return efir_editor_state_status_is_editable (status) &&
         !efir_editor_state_slug_is_edited (title, slug);
}

/**
 * efir_editor_state_slug_for:
 * @title: the new title
 * @current_slug: the slug the episode has now
 * @slug_edited: whether the producer set the slug by hand
 *
 * Returns: (transfer full): the slug the episode should have with @title
 */
char *
efir_editor_state_slug_for (const char *title,
                            const char *current_slug,
                            gboolean    slug_edited)
{
  if (slug_edited)
    return g_strdup (current_slug != NULL ? current_slug : "");

  return efir_slug_from_title (title != NULL ? title : "");
}

/**
 * efir_editor_state_one_line:
 * @text: text typed or pasted into a title
 * @length: the length of @text in bytes, or -1 when it ends with a nul
 *
 * A title is one line: each run of line breaks and tabs, with the spaces
 * around it, becomes one space, so a title pasted from a page or a message
 * keeps its words apart and stays one line.
 *
 * Returns: (transfer full) (nullable): @text on one line, or %NULL when it
 *   already is
 */
char *
efir_editor_state_one_line (const char *text,
                            gssize      length)
{
  g_autoptr(GString) line = NULL;
  const char *end;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + (length < 0 ? (gssize) strlen (text) : length);

  for (p = text; p < end; p = g_utf8_next_char (p))
    if (breaks_line (g_utf8_get_char (p)))
      break;

  if (p >= end)
    return NULL;

  line = g_string_sized_new (end - text);

  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char (p);

      if (!breaks_line (c))
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (line, p, next - p);
          p = next;
          continue;
        }

      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, ' ');

      while (p < end && (*p == ' ' || breaks_line (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * efir_editor_state_url_shows_error:
 * @text: what an address field holds
 *
 * An empty field is not an error: it is an address not known yet.
 *
 * Returns: whether the field should be marked as wrong
 */
gboolean
efir_editor_state_url_shows_error (const char *text)
{
  return text != NULL && text[0] != '\0' && !efir_link_is_web_address (text);
}

/**
 * efir_editor_state_zone_for:
 * @zone_id: (nullable): an IANA zone such as "Asia/Baku", or "" for the
 *   computer's own
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL if @zone_id names
 *   none
 */
GTimeZone *
efir_editor_state_zone_for (const char *zone_id)
{
  if (zone_id == NULL || zone_id[0] == '\0')
    return g_time_zone_new_local ();

  return g_time_zone_new_identifier (zone_id);
}

/**
 * efir_editor_state_format_zone:
 * @zone: a time zone
 * @when: (nullable): the time the offset is wanted for; now when %NULL
 *
 * Formats @zone as a producer recognises it: "Asia/Baku (+04)",
 * "Europe/London (BST)", "UTC".
 *
 * Returns: (transfer full): the zone's name
 */
char *
efir_editor_state_format_zone (GTimeZone *zone,
                               GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;
  const char *identifier;
  const char *abbreviation;
  gint64 instant;
  int interval;

  g_return_val_if_fail (zone != NULL, NULL);

  if (when == NULL)
    when = now = g_date_time_new_now_utc ();

  identifier = g_time_zone_get_identifier (zone);
  instant = g_date_time_to_unix (when);
  interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, instant);
  abbreviation = interval >= 0 ? g_time_zone_get_abbreviation (zone, interval) : NULL;

  if (abbreviation == NULL || abbreviation[0] == '\0')
    {
      gint32 offset = interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
      guint minutes = ABS (offset) / 60;

      return g_strdup_printf ("%s (%c%02u:%02u)", identifier, offset < 0 ? '-' : '+',
                              minutes / 60, minutes % 60);
    }

  if (g_strcmp0 (identifier, abbreviation) == 0)
    return g_strdup (identifier);

  return g_strdup_printf ("%s (%s)", identifier, abbreviation);
}

/**
 * efir_editor_state_parse_time:
 * @hh_mm: a time of day as typed: "20:00", "8:30", "20.00", "2000" or "20"
 * @out_hour: (out) (optional): the hour, 0 to 23
 * @out_minute: (out) (optional): the minute, 0 to 59
 *
 * Returns: whether @hh_mm is a time of day
 */
gboolean
efir_editor_state_parse_time (const char *hh_mm,
                              int        *out_hour,
                              int        *out_minute)
{
  g_autofree char *text = NULL;
  const char *p;
  int hour = 0;
  int minute = 0;

  if (hh_mm == NULL)
    return FALSE;

  text = g_strstrip (g_strdup (hh_mm));
  p = text;

  if (strlen (text) == 4 && strspn (text, "0123456789") == 4)
    {
      hour = (text[0] - '0') * 10 + (text[1] - '0');
      minute = (text[2] - '0') * 10 + (text[3] - '0');
    }
  else
    {
      if (!read_digits (&p, 1, 2, &hour))
        return FALSE;

      if (*p == ':' || *p == '.')
        {
          p++;
          if (!read_digits (&p, 2, 2, &minute))
            return FALSE;
        }

      if (*p != '\0')
        return FALSE;
    }

  if (hour > 23 || minute > 59)
    return FALSE;

  if (out_hour != NULL)
    *out_hour = hour;
  if (out_minute != NULL)
    *out_minute = minute;

  return TRUE;
}

/**
 * efir_editor_state_air_date_from:
 * @day: the day of the broadcast
 * @hh_mm: (nullable): its time of day; empty for midnight
 * @zone_id: (nullable): the programme's zone, "" for the computer's own
 * @error: where to say what is wrong
 *
 * Returns: (transfer full) (nullable): the air date in the programme's zone,
 *   so the page prints the local time of the broadcast
 */
GDateTime *
efir_editor_state_air_date_from (const GDate  *day,
                                 const char   *hh_mm,
                                 const char   *zone_id,
                                 GError      **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  GDateTime *air_date;
  int hour = 0;
  int minute = 0;

  if (day == NULL || !g_date_valid (day))
    {
      g_set_error_literal (error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_DATE,
                           _("Choose the day of the broadcast"));
      return NULL;
    }

  if (hh_mm != NULL && *hh_mm != '\0' && !efir_editor_state_parse_time (hh_mm, &hour, &minute))
    {
      g_set_error (error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_TIME,
                   _("“%s” is not a time of day; write it as 20:00"), hh_mm);
      return NULL;
    }

  zone = efir_editor_state_zone_for (zone_id);
  if (zone == NULL)
    {
      g_set_error (error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_ZONE,
                   _("The programme’s time zone “%s” is unknown"), zone_id);
      return NULL;
    }

  air_date = g_date_time_new (zone,
                              g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                              hour, minute, 0);
  if (air_date == NULL)
    g_set_error_literal (error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_DATE,
                         _("The day of the broadcast is out of range"));

  return air_date;
}

/* The names of days and months come from the catalogue, not from LC_TIME:
 * a producer who reads the window in Azerbaijani on a system set to
 * English dates reads the dates in Azerbaijani too. */
static const char * const weekday_names[] = {
  NC_("short day name", "Mon"), NC_("short day name", "Tue"), NC_("short day name", "Wed"),
  NC_("short day name", "Thu"), NC_("short day name", "Fri"), NC_("short day name", "Sat"),
  NC_("short day name", "Sun"),
};

/* As written after a day number: "4 October", "4 октября". */
static const char * const month_names[] = {
  NC_("month after a day number", "January"), NC_("month after a day number", "February"),
  NC_("month after a day number", "March"), NC_("month after a day number", "April"),
  NC_("month after a day number", "May"), NC_("month after a day number", "June"),
  NC_("month after a day number", "July"), NC_("month after a day number", "August"),
  NC_("month after a day number", "September"), NC_("month after a day number", "October"),
  NC_("month after a day number", "November"), NC_("month after a day number", "December"),
};

/* g_date_time_format() with %a and %B in the interface's language. */
static char *
format_date_in_interface_language (GDateTime  *date,
                                   const char *format)
{
  g_autoptr(GString) spelled = g_string_new (NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      const char *name = NULL;

      if (p[0] == '%' && p[1] == 'a')
        name = g_dpgettext2 (GETTEXT_PACKAGE, "short day name",
                             weekday_names[g_date_time_get_day_of_week (date) - 1]);
      else if (p[0] == '%' && p[1] == 'B')
        name = g_dpgettext2 (GETTEXT_PACKAGE, "month after a day number",
                             month_names[g_date_time_get_month (date) - 1]);
      else if (p[0] == '%' && p[1] != '\0')
        {
          /* Any other conversion, or a %%, is g_date_time_format()'s. */
          g_string_append_len (spelled, p, 2);
          p++;
          continue;
        }

      if (name == NULL)
        {
          g_string_append_c (spelled, *p);
          continue;
        }

      /* A name is text, never a conversion. */
      for (const char *c = name; *c != '\0'; c++)
        {
          if (*c == '%')
            g_string_append_c (spelled, '%');
          g_string_append_c (spelled, *c);
        }
      p++;
    }

  return g_date_time_format (date, spelled->str);
}

/**
 * efir_editor_state_format_day:
 * @air_date: (nullable): an air date
 *
 * Returns: (transfer full): the day of @air_date as its date button shows
 *   it, in the zone @air_date is in
 */
char *
efir_editor_state_format_day (GDateTime *air_date)
{
  if (air_date == NULL)
    return g_strdup (_("Choose a Day"));

  /* Translators: the day of a broadcast on its button, see g_date_time_format() */
  return format_date_in_interface_language (air_date, C_("air date", "%a, %-d %B %Y"));
}

/**
 * efir_editor_state_format_duration:
 * @seconds: the length of a video
 *
 * Returns: (transfer full): "HH:MM:SS", or "" for an unknown length
 */
char *
efir_editor_state_format_duration (int seconds)
{
  if (seconds <= 0)
    return g_strdup ("");

  return efir_timecode_format (seconds);
}

/**
 * efir_editor_state_parse_duration:
 * @text: a length as typed: "00:29:00", "29:00", "45 min", "1h 5m",
 *   "45 dəq", "45 мин"; "" when unknown
 * @out_seconds: (out) (optional): the length in whole seconds
 * @error: where to say what is wrong, in words
 *
 * Returns: whether @text is a length
 */
gboolean
efir_editor_state_parse_duration (const char  *text,
                                  int         *out_seconds,
                                  GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  double seconds = 0;

  if (stripped[0] != '\0')
    {
      guint64 whole;

      if (parse_duration_words (stripped, &whole))
        seconds = whole;
      else if (!efir_timecode_parse (stripped, &seconds))
        seconds = -1;

      if (seconds < 0 || seconds >= G_MAXINT)
        {
          g_set_error (error, EFIR_EDITOR_STATE_ERROR, EFIR_EDITOR_STATE_ERROR_INVALID_DURATION,
                       _("“%s” is not a length: write 45 min, 45:00 or 1:05:00"), stripped);
          return FALSE;
        }
    }

  if (out_seconds != NULL)
    *out_seconds = (int) (seconds + 0.5);

  return TRUE;
}

/**
 * efir_editor_state_tags_add:
 * @tags: the episode's tags
 * @text: what the producer typed: one tag, or several separated by commas
 *
 * Spaces around each tag are dropped, and so are tags the episode already
 * has, whatever their case.
 *
 * Returns: (transfer full): @tags followed by the new ones
 */
char **
efir_editor_state_tags_add (const char * const *tags,
                            const char         *text)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pieces = NULL;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (result, g_strdup (tags[i]));

  pieces = g_strsplit (text != NULL ? text : "", ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *tag = g_strstrip (pieces[i]);

      if (tag[0] == '\0' || tags_contain (result, tag))
        continue;

      g_ptr_array_add (result, g_strdup (tag));
    }

  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

/**
 * efir_editor_state_tags_remove:
 * @tags: the episode's tags
 * @tag: the tag to take away
 *
 * Returns: (transfer full): @tags without @tag
 */
char **
efir_editor_state_tags_remove (const char * const *tags,
                               const char         *tag)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (g_strcmp0 (tags[i], tag) != 0)
        g_strv_builder_add (builder, tags[i]);
    }

  return g_strv_builder_end (builder);
}

/**
 * efir_editor_state_status_label:
 * @status: a status
 *
 * Returns: (transfer none): the status as the producer reads it
 */
const char *
efir_editor_state_status_label (EfirEpisodeStatus status)
{
  switch (status)
    {
    case EFIR_EPISODE_STATUS_DRAFT:
      return C_("episode status", "Draft");
    case EFIR_EPISODE_STATUS_READY:
      return C_("episode status", "Ready");
    case EFIR_EPISODE_STATUS_SCHEDULED:
      return C_("episode status", "Scheduled");
    case EFIR_EPISODE_STATUS_PUBLISHED:
      return C_("episode status", "Published");
    case EFIR_EPISODE_STATUS_FAILED:
      return _("Publishing Failed");
    default:
      return "";
    }
}

/**
 * efir_editor_state_status_is_editable:
 * @status: a status
 *
 * The producer moves an episode between draft and ready; the later states
 * are set by publishing.
 *
 * Returns: whether the producer may change @status by hand
 */
gboolean
efir_editor_state_status_is_editable (EfirEpisodeStatus status)
{
  return status == EFIR_EPISODE_STATUS_DRAFT || status == EFIR_EPISODE_STATUS_READY;
}

/**
 * efir_editor_state_status_position:
 * @status: a status
 *
 * Returns: the position of @status in the status choice (Draft, Ready). An
 *   episode on its way to the site was ready.
 */
guint
efir_editor_state_status_position (EfirEpisodeStatus status)
{
  return status == EFIR_EPISODE_STATUS_DRAFT ? 0 : 1;
}

/**
 * efir_editor_state_status_from_position:
 * @position: a position in the status choice
 *
 * Returns: the status chosen
 */
EfirEpisodeStatus
efir_editor_state_status_from_position (guint position)
{
  return position == 1 ? EFIR_EPISODE_STATUS_READY : EFIR_EPISODE_STATUS_DRAFT;
}

/**
 * efir_editor_state_word_count_label:
 * @words: a number of words
 *
 * Returns: (transfer full): "1 word", "250 words", in the user's language
 */
char *
efir_editor_state_word_count_label (guint words)
{
  return g_strdup_printf (ngettext ("%u word", "%u words", words), words);
}

/**
 * efir_editor_state_markdown_wrap:
 * @selection: the selected text, "" when nothing is selected
 * @style: what to apply
 * @out_select_start: (out): where the selection starts afterwards, in
 *   characters from the start of the returned text
 * @out_select_end: (out): where it ends; equal to the start for a cursor
 *
 * Computes what replaces the selection for Ctrl+B, Ctrl+I and Ctrl+K.
 * Spaces at the edges of the selection stay outside the markers, since
 * "**word **" is not bold in Markdown. Bold and italic on text that already
 * has them take them away. A link around text leaves the cursor where the
 * address goes; around an address, where its text goes.
 *
 * Returns: (transfer full): the replacement text
 */
char *
efir_editor_state_markdown_wrap (const char        *selection,
                                 EfirMarkdownStyle  style,
                                 int               *out_select_start,
                                 int               *out_select_end)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *core = NULL;
  const char *marker = style == EFIR_MARKDOWN_STYLE_BOLD ? "**" : "*";
  gsize marker_len = strlen (marker);
  gsize lead;
  gsize core_len;
  int start;
  int end;

  g_return_val_if_fail (selection != NULL, NULL);
  g_return_val_if_fail (out_select_start != NULL && out_select_end != NULL, NULL);

  split_spaces (selection, &lead, &core_len);
  core = g_strndup (selection + lead, core_len);
  g_string_append_len (out, selection, lead);
  start = char_count (selection, lead);

  if (style == EFIR_MARKDOWN_STYLE_LINK)
    {
      if (core_len == 0)
        {
          g_string_append (out, "[]()");
          start = end = start + 1;
        }
      else if (efir_link_is_web_address (core))
        {
          g_string_append_printf (out, "[](%s)", core);
          start = end = start + 1;
        }
      else
        {
          g_string_append_printf (out, "[%s]()", core);
          start = end = start + 1 + char_count (core, -1) + 2;
        }
    }
  else if (core_len == 0)
    {
      g_string_append (out, marker);
      g_string_append (out, marker);
      start = end = start + (int) marker_len;
    }
  else if (style == EFIR_MARKDOWN_STYLE_BOLD ? is_wrapped_in (core, core_len, "**")
                                             : is_italic (core, core_len))
    {
      g_string_append_len (out, core + marker_len, core_len - 2 * marker_len);
      end = start + char_count (core + marker_len, core_len - 2 * marker_len);
    }
  else
    {
      g_string_append_printf (out, "%s%s%s", marker, core, marker);
      start += (int) marker_len;
      end = start + char_count (core, -1);
    }

  g_string_append (out, selection + lead + core_len);
  *out_select_start = start;
  *out_select_end = end;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * efir_editor_state_markdown_marker_around:
 * @before: the text just before the selection (a few characters are enough)
 * @after: the text just after it
 * @style: bold or italic
 *
 * A double-click selects the word inside "**word**", without its stars. So
 * that pressing Ctrl+B again takes the bold away, the selection is first
 * widened by the length this returns.
 *
 * Returns: how many characters of markers of @style surround the selection
 *   on each side, 0 if it is not inside that style
 */
guint
efir_editor_state_markdown_marker_around (const char        *before,
                                          const char        *after,
                                          EfirMarkdownStyle  style)
{
  g_return_val_if_fail (before != NULL && after != NULL, 0);

  switch (style)
    {
    case EFIR_MARKDOWN_STYLE_BOLD:
      return g_str_has_suffix (before, "**") && g_str_has_prefix (after, "**") ? 2 : 0;

    case EFIR_MARKDOWN_STYLE_ITALIC:
      if (g_str_has_suffix (before, "***") && g_str_has_prefix (after, "***"))
        return 1;
      if (g_str_has_suffix (before, "**") && g_str_has_prefix (after, "**"))
        return 0;
      return g_str_has_suffix (before, "*") && g_str_has_prefix (after, "*") ? 1 : 0;

    case EFIR_MARKDOWN_STYLE_LINK:
    default:
      return 0;
    }
}

/**
 * efir_editor_state_section_at:
 * @tops: where each section starts, in the page's coordinates, top to bottom
 * @n_tops: how many sections there are
 * @scroll_y: how far the page is scrolled
 * @page_size: the height of the visible part of the page
 * @upper: the height of the whole page
 *
 * Returns: the section the producer is reading: the last one whose top has
 *   scrolled past the top of the view, or the last section once the page is
 *   scrolled to its end (a short last section never reaches the top)
 */
EfirEditorSection
efir_editor_state_section_at (const double *tops,
                              guint         n_tops,
                              double        scroll_y,
                              double        page_size,
                              double        upper)
{
  guint section = 0;

  g_return_val_if_fail (tops != NULL || n_tops == 0, 0);

  if (n_tops == 0)
    return 0;

  if (scroll_y > 0 && scroll_y + page_size >= upper - 1)
    return n_tops - 1;

  /* A few pixels of slack: a jump lands the section's top exactly at the
   * top of the view, where rounding may leave it half a pixel below.
   */
  for (guint i = 0; i < n_tops; i++)
    {
      if (tops[i] <= scroll_y + 4)
        section = i;
    }

  return section;
}
