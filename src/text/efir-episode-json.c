/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "efir-episode-guest.h"
#include "efir-episode-json.h"
#include "efir-json.h"
#include "efir-quote.h"
#include "efir-segment.h"
#include "efir-social-link.h"

/* Types ------------------------------------------------------------------ */

G_DEFINE_QUARK (efir-episode-json-error-quark, efir_episode_json_error)

/* Writing is done by hand rather than with JsonGenerator: json-glib 1.6
 * prints 4.2 as 4.2000000000000002 and 1e21 as "1e+21.0" (not JSON), and its
 * layout cannot keep one list entry per line, which is what makes two
 * versions of an episode file easy to compare.
 */
typedef struct
{
  GString  *out;
  gboolean  pretty;
  guint     n_members;
} Writer;

/* Where a field sits, for error messages: "quotes[1].start_seconds". */
typedef struct
{
  const char *list; /* NULL at the top level */
  guint       index;
} Where;

/* The file's fields by name, in the contract's order. */
static const struct
{
  const char           *name;
  EfirEpisodeJsonField  field;
} field_names[] = {
  { "program", EFIR_EPISODE_JSON_FIELD_PROGRAM },
  { "number", EFIR_EPISODE_JSON_FIELD_NUMBER },
  { "title", EFIR_EPISODE_JSON_FIELD_TITLE },
  { "air_date", EFIR_EPISODE_JSON_FIELD_AIR_DATE },
  { "video_url", EFIR_EPISODE_JSON_FIELD_VIDEO_URL },
  { "duration_seconds", EFIR_EPISODE_JSON_FIELD_DURATION },
  { "guests", EFIR_EPISODE_JSON_FIELD_GUESTS },
  { "summary", EFIR_EPISODE_JSON_FIELD_SUMMARY },
  { "quotes", EFIR_EPISODE_JSON_FIELD_QUOTES },
  { "transcript", EFIR_EPISODE_JSON_FIELD_TRANSCRIPT },
  { "social_links", EFIR_EPISODE_JSON_FIELD_SOCIAL_LINKS },
  { "tags", EFIR_EPISODE_JSON_FIELD_TAGS },
  { "slug", EFIR_EPISODE_JSON_FIELD_SLUG },
  { "status", EFIR_EPISODE_JSON_FIELD_STATUS },
};

/* One open list or object while the text is scanned: enough to name the
 * field a string belongs to, as "quotes[1].text". */
typedef struct
{
  gboolean    is_object;
  guint       index; /* of the current entry, in a list */
  const char *key;   /* of the current member, in an object; not nul-terminated */
  gsize       key_length;
} Frame;

/* Helpers: writing ------------------------------------------------------- */

/* The shortest text that reads back as the same double, so 4.2 stays "4.2",
 * and always with a fraction or exponent: "1612.0", not "1612", so times read
 * as what they are.
 */
static void
append_double (GString *out,
               double   value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (value));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* "2024-10-04T20:00:00+04:00": GLib's own ISO 8601 writer shortens the
 * offset to "+04", and its "%Y" writes the year 506 as "506", which no
 * ISO 8601 reader takes (found by the fuzzer): the year is written with
 * its four digits here.
 */
static void
append_date_time (GString   *out,
                  GDateTime *date_time)
{
  g_autofree char *rest = NULL;
  g_autofree char *text = NULL;

  if (g_date_time_get_microsecond (date_time) != 0)
    rest = g_date_time_format (date_time, "-%m-%dT%H:%M:%S.%f%:z");
  else
    rest = g_date_time_format (date_time, "-%m-%dT%H:%M:%S%:z");

  text = g_strdup_printf ("%04d%s", g_date_time_get_year (date_time), rest);
  efir_json_append_string (out, text);
}

static void
begin_member (Writer     *writer,
              const char *name)
{
  if (writer->n_members++ > 0)
    g_string_append_c (writer->out, ',');
  if (writer->pretty)
    g_string_append (writer->out, "\n  ");

  efir_json_append_string (writer->out, name);
  g_string_append (writer->out, writer->pretty ? ": " : ":");
}

/* Members of a list entry, which stays on one line. */
static void
begin_inline_member (Writer     *writer,
                     guint      *n_members,
                     const char *name)
{
  if ((*n_members)++ > 0)
    g_string_append (writer->out, writer->pretty ? ", " : ",");

  efir_json_append_string (writer->out, name);
  g_string_append (writer->out, writer->pretty ? ": " : ":");
}

static void
write_string_member (Writer     *writer,
                     const char *name,
                     const char *value)
{
  begin_member (writer, name);
  efir_json_append_string (writer->out, value);
}

static void
write_int_member (Writer     *writer,
                  const char *name,
                  int         value)
{
  begin_member (writer, name);
  g_string_append_printf (writer->out, "%d", value);
}

static void
write_inline_string (Writer     *writer,
                     guint      *n_members,
                     const char *name,
                     const char *value)
{
  begin_inline_member (writer, n_members, name);
  efir_json_append_string (writer->out, value);
}

static void
write_inline_double (Writer     *writer,
                     guint      *n_members,
                     const char *name,
                     double      value)
{
  begin_inline_member (writer, n_members, name);
  append_double (writer->out, value);
}

static void
write_list_entry (Writer   *writer,
                  GObject  *item,
                  gboolean  first)
{
  guint n_members = 0;

  if (!first)
    g_string_append_c (writer->out, ',');
  if (writer->pretty)
    g_string_append (writer->out, "\n    ");
  g_string_append_c (writer->out, '{');

  if (EFIR_IS_EPISODE_GUEST (item))
    {
      EfirEpisodeGuest *guest = EFIR_EPISODE_GUEST (item);

      write_inline_string (writer, &n_members, "name", efir_episode_guest_get_name (guest));
      write_inline_string (writer, &n_members, "role", efir_episode_guest_get_role (guest));
    }
  else if (EFIR_IS_QUOTE (item))
    {
      EfirQuote *quote = EFIR_QUOTE (item);

      write_inline_string (writer, &n_members, "text", efir_quote_get_text (quote));
      write_inline_string (writer, &n_members, "speaker", efir_quote_get_speaker (quote));
      if (efir_quote_get_start_seconds (quote) >= 0)
        write_inline_double (writer, &n_members, "start_seconds", efir_quote_get_start_seconds (quote));
      if (efir_quote_get_pull_quote (quote))
        {
          begin_inline_member (writer, &n_members, "pull_quote");
          g_string_append (writer->out, "true");
        }
    }
  else if (EFIR_IS_SEGMENT (item))
    {
      EfirSegment *segment = EFIR_SEGMENT (item);

      write_inline_double (writer, &n_members, "start", efir_segment_get_start (segment));
      write_inline_double (writer, &n_members, "end", efir_segment_get_end (segment));
      write_inline_string (writer, &n_members, "speaker", efir_segment_get_speaker (segment));
      write_inline_string (writer, &n_members, "text", efir_segment_get_text (segment));
    }
  else if (EFIR_IS_SOCIAL_LINK (item))
    {
      EfirSocialLink *link = EFIR_SOCIAL_LINK (item);

      write_inline_string (writer, &n_members, "url", efir_social_link_get_url (link));
      if (efir_social_link_get_platform (link)[0] != '\0')
        write_inline_string (writer, &n_members, "platform", efir_social_link_get_platform (link));
    }
  else
    g_assert_not_reached ();

  g_string_append_c (writer->out, '}');
}

static void
write_list_member (Writer     *writer,
                   const char *name,
                   GListModel *list)
{
  guint n_items = g_list_model_get_n_items (list);

  begin_member (writer, name);
  g_string_append_c (writer->out, '[');

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      write_list_entry (writer, item, i == 0);
    }

  if (writer->pretty && n_items > 0)
    g_string_append (writer->out, "\n  ");
  g_string_append_c (writer->out, ']');
}

static void
write_strv_member (Writer             *writer,
                   const char         *name,
                   const char * const *strv)
{
  begin_member (writer, name);
  g_string_append_c (writer->out, '[');

  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (writer->out, writer->pretty ? ", " : ",");
      efir_json_append_string (writer->out, strv[i]);
    }

  g_string_append_c (writer->out, ']');
}

/* Helpers: reading ------------------------------------------------------- */

static char *
field_name (const Where *where,
            const char  *member)
{
  if (where->list == NULL)
    return g_strdup (member);
  if (member == NULL)
    return g_strdup_printf ("%s[%u]", where->list, where->index);

  return g_strdup_printf ("%s[%u].%s", where->list, where->index, member);
}

/* Absent and null members both leave the field at its default. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
read_string (JsonObject   *object,
             const char   *member,
             const Where  *where,
             const char  **out,
             GError      **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *name = field_name (where, member);

      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be text."),
                   name);
      return FALSE;
    }

  *out = json_node_get_string (node);

  /* What check_text() let through is text; should json-glib still make
   * something else of it, it is refused rather than stored. */
  if (!g_utf8_validate (*out, -1, NULL))
    {
      g_autofree char *name = field_name (where, member);

      *out = NULL;
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be text."),
                   name);
      return FALSE;
    }

  return TRUE;
}

/* Counts: the episode number and its length in seconds. */
static gboolean
read_count (JsonObject  *object,
            const char  *member,
            int         *out,
            GError     **error)
{
  JsonNode *node = get_member (object, member);
  double value = -1;

  *out = 0;

  if (node == NULL)
    return TRUE;

  /* json-glib reads 1740.0 as a double: take it if it is whole. */
  if (node_is_number (node))
    value = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                            : json_node_get_double (node);

  if (!(value >= 0 && value <= G_MAXINT && value == floor (value)))
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be a whole number, 0 or more."),
                   member);
      return FALSE;
    }

  *out = (int) value;
  return TRUE;
}

/* Seconds into the video: finite, and not negative unless @allow_negative. */
static gboolean
read_seconds (JsonObject   *object,
              const char   *member,
              const Where  *where,
              gboolean      allow_negative,
              double       *out,
              gboolean     *present,
              GError      **error)
{
  JsonNode *node = get_member (object, member);
  double value;

  *present = FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_is_number (node))
    {
      g_autofree char *name = field_name (where, member);

      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be a number of seconds."),
                   name);
      return FALSE;
    }

  value = json_node_get_double (node);
  if (!isfinite (value) || (!allow_negative && value < 0))
    {
      g_autofree char *name = field_name (where, member);

      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be a number of seconds, 0 or more."),
                   name);
      return FALSE;
    }

  *out = value;
  *present = TRUE;
  return TRUE;
}

static gboolean
read_boolean (JsonObject   *object,
              const char   *member,
              const Where  *where,
              gboolean     *out,
              GError      **error)
{
  JsonNode *node = get_member (object, member);

  *out = FALSE;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *name = field_name (where, member);

      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be true or false."),
                   name);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *member,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be a list."),
                   member);
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_air_date (JsonObject   *object,
               GDateTime   **out,
               GError      **error)
{
  static const Where top = { NULL, 0 };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) as_utc = NULL;
  g_autoptr(GDateTime) as_other = NULL;
  const char *text;

  *out = NULL;

  if (!read_string (object, "air_date", &top, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  /* A time without an offset would be read in whatever zone this computer
   * is in. Reading it against two different default zones tells whether the
   * text carries its own offset: only then do both agree.
   */
  as_utc = g_date_time_new_from_iso8601 (text, utc);
  as_other = g_date_time_new_from_iso8601 (text, other);

  if (as_utc == NULL || as_other == NULL || !g_date_time_equal (as_utc, as_other))
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must be a date and time with its offset from UTC, "
                     "such as “2024-10-04T20:00:00+04:00”."),
                   "air_date");
      return FALSE;
    }

  *out = g_steal_pointer (&as_utc);
  return TRUE;
}

static gboolean
read_tags (JsonObject   *object,
           GStrvBuilder *tags,
           GError      **error)
{
  JsonArray *array;

  if (!read_array (object, "tags", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Where where = { "tags", i };

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *name = field_name (&where, NULL);

          g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                       _("The field “%s” must be text."),
                       name);
          return FALSE;
        }

      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_autofree char *name = field_name (&where, NULL);

          g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                       _("The field “%s” must be text."),
                       name);
          return FALSE;
        }

      g_strv_builder_add (tags, json_node_get_string (node));
    }

  return TRUE;
}

static GObject *
read_guest (JsonObject   *object,
            const Where  *where,
            GError      **error)
{
  const char *name, *role;

  if (!read_string (object, "name", where, &name, error) ||
      !read_string (object, "role", where, &role, error))
    return NULL;

  return G_OBJECT (efir_episode_guest_new (name, role));
}

static GObject *
read_quote (JsonObject   *object,
            const Where  *where,
            GError      **error)
{
  const char *text, *speaker;
  double start_seconds = -1;
  gboolean has_start, pull_quote;
  EfirQuote *quote;

  /* A negative time is the model's "no time", as an absent one is. */
  if (!read_string (object, "text", where, &text, error) ||
      !read_string (object, "speaker", where, &speaker, error) ||
      !read_seconds (object, "start_seconds", where, TRUE, &start_seconds, &has_start, error) ||
      !read_boolean (object, "pull_quote", where, &pull_quote, error))
    return NULL;

  quote = efir_quote_new (text, speaker, has_start ? start_seconds : -1);
  efir_quote_set_pull_quote (quote, pull_quote);

  return G_OBJECT (quote);
}

static GObject *
read_segment (JsonObject   *object,
              const Where  *where,
              GError      **error)
{
  const char *speaker, *text;
  double start = 0, end = 0;
  gboolean has_start, has_end;

  if (!read_seconds (object, "start", where, FALSE, &start, &has_start, error) ||
      !read_seconds (object, "end", where, FALSE, &end, &has_end, error) ||
      !read_string (object, "speaker", where, &speaker, error) ||
      !read_string (object, "text", where, &text, error))
    return NULL;

  /* A segment without an end ends where it starts: read as 0, its end
   * would be written back before its start, and refused. Found by the
   * fuzzer. */
  if (!has_end)
    end = start;

  if (has_end && end < start)
    {
      g_autofree char *name = field_name (where, "end");

      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” must not be before the segment’s start."),
                   name);
      return NULL;
    }

  return G_OBJECT (efir_segment_new (start, end, speaker, text));
}

static GObject *
read_social_link (JsonObject   *object,
                  const Where  *where,
                  GError      **error)
{
  const char *url, *platform;

  if (!read_string (object, "url", where, &url, error) ||
      !read_string (object, "platform", where, &platform, error))
    return NULL;

  return G_OBJECT (efir_social_link_new (url, platform));
}

typedef GObject *(*ReadItemFunc) (JsonObject   *object,
                                  const Where  *where,
                                  GError      **error);

static gboolean
read_list (JsonObject    *object,
           const char    *member,
           ReadItemFunc   read_item,
           GListStore    *store,
           GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  guint n_items;

  if (!read_array (object, member, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n_items = json_array_get_length (array);
  items = g_ptr_array_new_full (n_items, g_object_unref);

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Where where = { member, i };
      GObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *name = field_name (&where, NULL);

          g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                       _("The entry “%s” must be a JSON object, in braces."),
                       name);
          return FALSE;
        }

      item = read_item (json_node_get_object (node), &where, error);
      if (item == NULL)
        return FALSE;

      g_ptr_array_add (items, item);
    }

  /* One splice: a transcript has thousands of entries. */
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
  return TRUE;
}

static gboolean
read_format (JsonNode  *root,
             GError   **error)
{
  JsonNode *node;
  const char *format;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                           _("This is not an Efir episode file: it holds no JSON object."));
      return FALSE;
    }

  node = json_object_get_member (json_node_get_object (root), "format");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                   _("This is not an Efir episode file: it has no “format” field saying “%s”."),
                   EFIR_EPISODE_JSON_FORMAT);
      return FALSE;
    }

  format = json_node_get_string (node);

  if (g_strcmp0 (format, EFIR_EPISODE_JSON_FORMAT) == 0)
    return TRUE;

  /* Quoted below: it must be text. */
  if (!g_utf8_validate (format, -1, NULL))
    format = "";

  if (g_str_has_prefix (format, "efir-episode/"))
    g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                 _("This episode file is in format “%s”, which this version of Efir cannot "
                   "read; it reads “%s”. A newer Efir may read it."),
                 format, EFIR_EPISODE_JSON_FORMAT);
  else
    g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,
                 _("This is not an Efir episode file: “format” is “%s”, expected “%s”."),
                 format, EFIR_EPISODE_JSON_FORMAT);

  return FALSE;
}

/* Scheduled, published and failed are what the site says of an episode:
 * a file cannot make it so. */
static gboolean
status_is_site_only (EfirEpisodeStatus status)
{
  return status == EFIR_EPISODE_STATUS_SCHEDULED
         || status == EFIR_EPISODE_STATUS_PUBLISHED
         || status == EFIR_EPISODE_STATUS_FAILED;
}

static gboolean
read_episode (JsonObject            *object,
              EfirEpisode           *episode,
              EfirEpisodeJsonField  *fields,
              GError               **error)
{
  static const Where top = { NULL, 0 };
  g_autoptr(GStrvBuilder) tags_builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;
  g_autoptr(GDateTime) air_date = NULL;
  const char *program, *title, *video_url, *summary, *slug, *status_name, *image, *uuid;
  int number, duration;
  EfirEpisodeStatus status = EFIR_EPISODE_STATUS_DRAFT;

  if (!read_string (object, "program", &top, &program, error) ||
      !read_count (object, "number", &number, error) ||
      !read_string (object, "title", &top, &title, error) ||
      !read_air_date (object, &air_date, error) ||
      !read_string (object, "video_url", &top, &video_url, error) ||
      !read_count (object, "duration_seconds", &duration, error) ||
      !read_list (object, "guests", read_guest, efir_episode_get_guests (episode), error) ||
      !read_string (object, "summary", &top, &summary, error) ||
      !read_list (object, "quotes", read_quote, efir_episode_get_quotes (episode), error) ||
      !read_list (object, "transcript", read_segment, efir_episode_get_transcript (episode), error) ||
      !read_list (object, "social_links", read_social_link,
                  efir_episode_get_social_links (episode), error) ||
      !read_tags (object, tags_builder, error) ||
      !read_string (object, "slug", &top, &slug, error) ||
      !read_string (object, "status", &top, &status_name, error) ||
      !read_string (object, "image", &top, &image, error) ||
      !read_string (object, "uuid", &top, &uuid, error))
    return FALSE;

  /* The uuid finds the episode's post on the site again: one that is not a
   * uuid could match another episode's marker. */
  if (uuid != NULL && uuid[0] != '\0' && !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” has an unknown value, “%s”."),
                   "uuid", uuid);
      return FALSE;
    }

  if (status_name != NULL && !efir_episode_status_from_string (status_name, &status))
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                   _("The field “%s” has an unknown value, “%s”."),
                   "status", status_name);
      return FALSE;
    }

  tags = g_strv_builder_end (tags_builder);

  *fields = 0;
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      if (json_object_has_member (object, field_names[i].name))
        *fields |= field_names[i].field;
    }

  if (status_is_site_only (status))
    {
      status = EFIR_EPISODE_STATUS_DRAFT;
      *fields &= ~EFIR_EPISODE_JSON_FIELD_STATUS;
    }

  efir_episode_set_program_name (episode, program);
  efir_episode_set_number (episode, number);
  efir_episode_set_title (episode, title);
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, video_url);
  efir_episode_set_duration (episode, duration);
  efir_episode_set_summary (episode, summary);
  efir_episode_set_tags (episode, (const char * const *) tags);
  efir_episode_set_slug (episode, slug);
  efir_episode_set_image (episode, image);
  if (uuid != NULL && uuid[0] != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (uuid, -1);

      efir_episode_set_uuid (episode, lower);
    }
  efir_episode_set_status (episode, status);

  return TRUE;
}

static guint
line_of (const char *data,
         const char *position)
{
  guint line = 1;

  for (const char *p = data; p < position; p++)
    {
      if (*p == '\n')
        line++;
    }

  return line;
}

/* The line where a string that is never closed starts, or 0. json-glib
 * reports such a string where the file ends, which helps nobody find it.
 */
static guint
unclosed_string_line (const char *data,
                      gsize       length)
{
  gboolean in_string = FALSE;
  guint line = 1, start_line = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n')
        line++;

      if (!in_string)
        {
          if (data[i] == '"')
            {
              in_string = TRUE;
              start_line = line;
            }
        }
      else if (data[i] == '\\' && i + 1 < length)
        {
          i++;
          if (data[i] == '\n')
            line++;
        }
      else if (data[i] == '"')
        in_string = FALSE;
    }

  return in_string ? start_line : 0;
}

/* json-glib starts its messages with "<data>:LINE:COLUMN: "; our message
 * names the line in words of its own.
 */
static const char *
skip_location (const char *message)
{
  const char *p;

  if (!g_str_has_prefix (message, "<data>:"))
    return message;

  p = message + strlen ("<data>:");
  for (guint i = 0; i < 2; i++)
    {
      p = strchr (p, ':');
      if (p == NULL)
        return message;
      p++;
    }

  while (*p == ' ')
    p++;

  return p;
}

static char *
frames_path (const Frame *frames,
             guint        depth)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    {
      if (!frames[i].is_object)
        g_string_append_printf (path, "[%u]", frames[i].index);
      else if (frames[i].key != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append_len (path, frames[i].key, frames[i].key_length);
        }
    }

  return g_string_free (path, FALSE);
}

static gunichar
hex4 (const char *p,
      const char *end)
{
  gunichar value = 0;

  if (end - p < 4)
    return G_MAXUINT32;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return G_MAXUINT32;
      value = value * 16 + digit;
    }

  return value;
}

/* What find_broken_escape() returns besides half of a surrogate pair. */
#define NUL_ESCAPE     0x110000
#define BROKEN_ESCAPE  0x110001
#define UNKNOWN_ESCAPE 0x110002

/* The first "\u" escape in @string (between its quotes) that text cannot
 * hold: a NUL, half of a surrogate pair, or one without its four hex
 * digits; or a backslash that starts no escape of JSON's. json-glib 1.6
 * cuts the text at the first and writes invalid UTF-8 for the others.
 * Returns the escape's value (NUL_ESCAPE, BROKEN_ESCAPE, UNKNOWN_ESCAPE),
 * or 0 when there is none. */
static gunichar
find_broken_escape (const char *string,
                    const char *end)
{
  for (const char *p = string; p < end; p++)
    {
      gunichar value;

      if (*p != '\\' || p + 1 >= end)
        continue;

      p++;
      /* json-glib 1.6 also takes "\\6" and the like, and makes invalid
       * UTF-8 of them: found by the fuzzer. */
      if (strchr ("\"\\/bfnrt", *p) != NULL)
        continue;
      if (*p != 'u')
        return UNKNOWN_ESCAPE;

      /* json-glib 1.6 takes "\\u" with fewer than four hex digits and
       * makes invalid UTF-8 of it: found by the fuzzer. */
      value = hex4 (p + 1, end);
      if (value == G_MAXUINT32)
        return BROKEN_ESCAPE;
      if (value == 0)
        return NUL_ESCAPE;
      if (value >= 0xdc00 && value <= 0xdfff)
        return value;
      if (value >= 0xd800 && value <= 0xdbff)
        {
          gunichar low = end - p >= 7 && p[5] == '\\' && p[6] == 'u' ? hex4 (p + 7, end) : G_MAXUINT32;

          if (!(low >= 0xdc00 && low <= 0xdfff))
            return value;
          p += 10;
        }
      else
        p += 4;
    }

  return 0;
}

/* Looks at the whole text once before the parser does: refuses nesting
 * deeper than EFIR_EPISODE_JSON_MAX_DEPTH, which would exhaust the
 * parser's recursion, and text that holds a NUL or half a character pair,
 * naming its field. Anything else is left to the parser to judge. */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  Frame frames[EFIR_EPISODE_JSON_MAX_DEPTH];
  const char *end = data + length;
  gboolean expect_key = FALSE;
  guint depth = 0;

  for (const char *p = data; p < end; p++)
    {
      switch (*p)
        {
        case '{':
        case '[':
          if (depth == EFIR_EPISODE_JSON_MAX_DEPTH)
            {
              g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                           /* Translators: %u is a line number, then the limit. */
                           _("The file is not an episode file: at line %u its lists and objects "
                             "are nested more than %u deep."),
                           line_of (data, p), EFIR_EPISODE_JSON_MAX_DEPTH);
              return FALSE;
            }
          frames[depth++] = (Frame) { *p == '{', 0, NULL, 0 };
          expect_key = *p == '{';
          break;

        case '}':
        case ']':
          if (depth > 0)
            depth--;
          expect_key = FALSE;
          break;

        case ',':
          if (depth > 0 && frames[depth - 1].is_object)
            expect_key = TRUE;
          else if (depth > 0)
            frames[depth - 1].index++;
          break;

        case '"':
          {
            const char *string = p + 1;
            gunichar broken;

            for (p = string; p < end && *p != '"'; p++)
              {
                if (*p == '\\' && p + 1 < end)
                  p++;
              }

            broken = find_broken_escape (string, p);
            if (broken != 0)
              {
                g_autofree char *name = frames_path (frames, depth);

                if (broken == NUL_ESCAPE)
                  g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                               _("The field “%s” holds a null character, “\\u0000”, which text "
                                 "cannot hold."),
                               name);
                else if (broken == UNKNOWN_ESCAPE)
                  g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                               _("The field “%s” holds a backslash that starts no escape JSON "
                                 "knows; a backslash itself is written “\\\\”."),
                               name);
                else if (broken == BROKEN_ESCAPE)
                  g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                               _("The field “%s” holds a “\\u” that four hexadecimal digits do "
                                 "not follow."),
                               name);
                else
                  g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD,
                               /* Translators: %s is a field's name, %04x a character code. */
                               _("The field “%s” holds “\\u%04x”, half of a character whose "
                                 "other half is missing."),
                               name, broken);
                return FALSE;
              }

            if (expect_key && depth > 0)
              {
                frames[depth - 1].key = string;
                frames[depth - 1].key_length = p - string;
                expect_key = FALSE;
              }

            if (p >= end)
              return TRUE;
          }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/* Callbacks -------------------------------------------------------------- */

/* The parser knows its line only while it runs, that is, in this signal. */
static void
parser_failed_cb (JsonParser   *parser,
                  const GError *error,
                  guint        *line)
{
  *line = json_parser_get_current_line (parser);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_episode_to_json:
 * @episode: an episode
 * @pretty: whether to lay the file out for people, one field and one list
 *   entry per line, ending in a newline; otherwise all on one line
 *
 * Writes every field of @episode, including empty ones, except a slug that
 * is not set, quote times that are not known, quotes' "pull_quote" unless
 * true, and social links' platforms that are not known.
 *
 * Returns: (transfer full): the episode file's text, in UTF-8
 */
char *
efir_episode_to_json (EfirEpisode *episode,
                      gboolean     pretty)
{
  Writer writer = { g_string_new ("{"), pretty, 0 };
  GDateTime *air_date;

  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  write_string_member (&writer, "format", EFIR_EPISODE_JSON_FORMAT);
  write_string_member (&writer, "program", efir_episode_get_program_name (episode));
  write_int_member (&writer, "number", efir_episode_get_number (episode));
  write_string_member (&writer, "title", efir_episode_get_title (episode));

  begin_member (&writer, "air_date");
  air_date = efir_episode_get_air_date (episode);
  if (air_date != NULL)
    append_date_time (writer.out, air_date);
  else
    g_string_append (writer.out, "null");

  write_string_member (&writer, "video_url", efir_episode_get_video_url (episode));
  write_int_member (&writer, "duration_seconds", efir_episode_get_duration (episode));
  write_list_member (&writer, "guests", G_LIST_MODEL (efir_episode_get_guests (episode)));
  write_string_member (&writer, "summary", efir_episode_get_summary (episode));
  write_list_member (&writer, "quotes", G_LIST_MODEL (efir_episode_get_quotes (episode)));
  write_list_member (&writer, "transcript", G_LIST_MODEL (efir_episode_get_transcript (episode)));
  write_list_member (&writer, "social_links", G_LIST_MODEL (efir_episode_get_social_links (episode)));
  write_strv_member (&writer, "tags", efir_episode_get_tags (episode));
  if (efir_episode_get_slug (episode)[0] != '\0')
    write_string_member (&writer, "slug", efir_episode_get_slug (episode));
  write_string_member (&writer, "status",
                       efir_episode_status_to_string (efir_episode_get_status (episode)));
  if (efir_episode_get_image (episode)[0] != '\0')
    write_string_member (&writer, "image", efir_episode_get_image (episode));
  if (efir_episode_get_uuid (episode)[0] != '\0')
    write_string_member (&writer, "uuid", efir_episode_get_uuid (episode));

  g_string_append (writer.out, pretty ? "\n}\n" : "}");

  return g_string_free (writer.out, FALSE);
}

/**
 * efir_episode_from_json:
 * @data: the text of an episode file
 * @length: the length of @data in bytes, or -1 if it ends with a nul byte
 * @error: return location for an error in %EFIR_EPISODE_JSON_ERROR
 *
 * Reads an episode file. Fields it does not know are skipped; fields that are
 * missing or null keep their empty defaults. The episode has no id, no
 * programme id, and guests not linked to the directory: matching them to the
 * database is the importer's job.
 *
 * Returns: (transfer full): a new episode, or %NULL with @error set
 */
EfirEpisode *
efir_episode_from_json (const char  *data,
                        gssize       length,
                        GError     **error)
{
  return efir_episode_from_json_full (data, length, EFIR_EPISODE_JSON_READ_DEFAULT, NULL, error);
}

/**
 * efir_episode_from_json_full:
 * @data: the text of an episode file
 * @length: the length of @data in bytes, or -1 if it ends with a nul byte
 * @flags: %EFIR_EPISODE_JSON_READ_REQUIRE_ALL to refuse a file that lacks
 *   one of %EFIR_EPISODE_JSON_FIELDS_REQUIRED
 * @fields: (out) (optional): the fields the file gives, null or not
 * @error: return location for an error in %EFIR_EPISODE_JSON_ERROR
 *
 * Reads an episode file as efir_episode_from_json() does, and says which
 * fields it gave. A status only the site can give (scheduled, published,
 * failed) is read as not given: the episode stays a draft.
 *
 * Returns: (transfer full): a new episode, or %NULL with @error set
 */
EfirEpisode *
efir_episode_from_json_full (const char                *data,
                             gssize                     length,
                             EfirEpisodeJsonReadFlags   flags,
                             EfirEpisodeJsonField      *fields,
                             GError                   **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) local_error = NULL;
  EfirEpisodeJsonField given = 0;
  const char *invalid_end;
  JsonNode *root;
  guint error_line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fields != NULL)
    *fields = 0;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate_len (data, length, &invalid_end))
    {
      g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                   /* Translators: %u is a line number. */
                   _("The file is not valid JSON: line %u: the text is not in UTF-8"),
                   line_of (data, invalid_end));
      return NULL;
    }

  if (!check_text (data, length, error))
    return NULL;

  parser = json_parser_new ();
  g_signal_connect (parser, "error", G_CALLBACK (parser_failed_cb), &error_line);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      guint unclosed_line = unclosed_string_line (data, length);
      /* json-glib quotes the broken text it stopped at, bytes of a broken
       * "\\u" escape included: the sentence must still be text. */
      g_autofree char *reason = g_utf8_make_valid (skip_location (local_error->message), -1);

      if (unclosed_line > 0)
        error_line = unclosed_line;

      if (error_line > 0)
        g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     /* Translators: %u is a line number, %s the JSON reader's reason. */
                     _("The file is not valid JSON: line %u: %s"),
                     error_line, reason);
      else
        g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                     /* Translators: %s is the JSON reader's reason. */
                     _("The file is not valid JSON: %s"),
                     reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON,
                           _("The file is empty."));
      return NULL;
    }

  if (!read_format (root, error))
    return NULL;

  if ((flags & EFIR_EPISODE_JSON_READ_REQUIRE_ALL) != 0)
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(GString) missing = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
        {
          if ((field_names[i].field & EFIR_EPISODE_JSON_FIELDS_REQUIRED) == 0
              || json_object_has_member (object, field_names[i].name))
            continue;

          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append_printf (missing, "“%s”", field_names[i].name);
        }

      if (missing->len > 0)
        {
          g_set_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INCOMPLETE,
                       /* Translators: %s is a list of field names, in quotes. */
                       _("The file lacks fields every episode file has: %s."),
                       missing->str);
          return NULL;
        }
    }

  episode = efir_episode_new ();
  if (!read_episode (json_node_get_object (root), episode, &given, error))
    return NULL;

  if (fields != NULL)
    *fields = given;

  return g_steal_pointer (&episode);
}
