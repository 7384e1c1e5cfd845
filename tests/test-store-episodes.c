/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-episodes"

#include "config.h"

#include <string.h>

#include "efir-database.h"
#include "efir-episode-json.h"
#include "efir-store.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  EfirStore   *store;
  EfirProgram *program;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = efir_test_make_dir ("efir-store-episodes");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Çətin sual");
  efir_store_save_program (fixture->store, fixture->program, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->program);
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static GDateTime *
parse_date (const char *iso8601)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

static EfirEpisode *
new_episode (Fixture    *fixture,
             const char *title)
{
  EfirEpisode *episode = efir_episode_new ();

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_program_name (episode, efir_program_get_name (fixture->program));
  efir_episode_set_title (episode, title);

  return episode;
}

static void
add_guest (EfirEpisode *episode,
           const char  *name,
           const char  *role)
{
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new (name, role);

  g_list_store_append (efir_episode_get_guests (episode), guest);
}

static void
add_quote (EfirEpisode *episode,
           const char  *text,
           const char  *speaker,
           double       start_seconds,
           gboolean     pull_quote)
{
  g_autoptr(EfirQuote) quote = efir_quote_new (text, speaker, start_seconds);

  efir_quote_set_pull_quote (quote, pull_quote);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
}

static void
add_segment (EfirEpisode *episode,
             double       start,
             double       end,
             const char  *speaker,
             const char  *text)
{
  g_autoptr(EfirSegment) segment = efir_segment_new (start, end, speaker, text);

  g_list_store_append (efir_episode_get_transcript (episode), segment);
}

static void
add_link (EfirEpisode *episode,
          const char  *url,
          const char  *platform)
{
  g_autoptr(EfirSocialLink) link = efir_social_link_new (url, platform);

  g_list_store_append (efir_episode_get_social_links (episode), link);
}

/* Every field set, with the values that are easy to get wrong. */
static EfirEpisode *
new_full_episode (Fixture *fixture)
{
  static const char * const tags[] = { "Rusiya", "İran", "hibrid təhdidlər", NULL };
  EfirEpisode *episode = new_episode (fixture, "Azərbaycanı nə narahat edir? «Ёлка» и “кавычки”");
  g_autoptr(GDateTime) air_date = parse_date ("2024-10-04T20:00:00+04:00");

  efir_episode_set_number (episode, 112);
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  efir_episode_set_duration (episode, 1740);
  efir_episode_set_slug (episode, "azerbaycani-ne-narahat-edir");
  efir_episode_set_summary (episode,
                            "Line one with \"quotes\" and a back\\slash.\n\n"
                            "**İlham Əliyev** said\ta thing.\r\nEnd \x01.");
  efir_episode_set_tags (episode, tags);
  efir_episode_set_status (episode, EFIR_EPISODE_STATUS_READY);

  add_guest (episode, "Nasimi Mammadli", "Political commentator");
  add_guest (episode, "Ramid Namazov", NULL);

  add_quote (episode, "Bu, geosiyasi motivlidir.", "Nasimi Mammadli", 1612.5, TRUE);
  add_quote (episode, "A quote whose time is not known yet.", "", -1, FALSE);

  /* Times that print with 17 digits must load back as the same doubles. */
  add_segment (episode, 0, 4.2, "Host", "Axşamınız xeyir, bu «Çətin sual»dır.");
  add_segment (episode, 4.2, 0.1 + 0.2 + 4.2, "Nasimi \"N.\" Mammadli",
               "Line\nbreak, tab\there, back\\slash and \x02 a control.");
  add_segment (episode, 1e6 / 3, 1e6 / 3 + 1, "", "Ёлка без говорящего.");

  add_link (episode, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=AbC", "youtube");
  add_link (episode, "https://t.me/difficultquestion/4521", NULL);

  return episode;
}

static EfirEpisode *
load (Fixture *fixture,
      gint64   episode_id)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_load_episode (fixture->store, episode_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (episode);
  return episode;
}

static void
save (Fixture         *fixture,
      EfirEpisode     *episode,
      EfirEpisodePart  parts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (efir_store_save_episode (fixture->store, episode, parts, &error));
  g_assert_no_error (error);
}

/* A second connection, as another process would have, for what the store
 * does not show.
 */
static gint64
query_int (Fixture    *fixture,
           const char *sql,
           gint64      bound)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 value;

  db = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  stmt = efir_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, bound);
  g_assert_true (efir_database_step (db, stmt, &error));
  g_assert_no_error (error);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/* The stored text of each chunk of the transcript, in chunk order. */
static GPtrArray *
transcript_chunks (Fixture *fixture,
                   gint64   episode_id)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *chunks = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  db = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  stmt = efir_database_prepare (db,
                                "SELECT chunk, segments FROM transcripts"
                                " WHERE episode_id = ?1 ORDER BY chunk",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, episode_id);
  while (efir_database_step (db, stmt, &error))
    {
      /* Numbered from 0 without a gap. */
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, chunks->len);
      g_ptr_array_add (chunks, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  g_assert_no_error (error);
  sqlite3_reset (stmt);

  return chunks;
}

static void
assert_same_content (EfirEpisode *a,
                     EfirEpisode *b)
{
  g_autofree char *json_a = efir_episode_to_json (a, TRUE);
  g_autofree char *json_b = efir_episode_to_json (b, TRUE);

  g_assert_cmpstr (json_a, ==, json_b);
  g_assert_cmpint (efir_episode_diff (a, b), ==, 0);
}

static void
count_changes_cb (EfirEpisode     *episode,
                  EfirEpisodePart  parts,
                  guint           *n_changes)
{
  (*n_changes)++;
}

/* Tests ------------------------------------------------------------------ */

static void
test_roundtrip (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
  g_autoptr(EfirEpisode) loaded = NULL;
  g_autoptr(EfirEpisode) other = new_episode (fixture, "Başqa");
  g_autoptr(EfirEpisode) other_loaded = NULL;
  g_autoptr(GDateTime) other_date = parse_date ("2024-03-10T23:59:59.250000-03:30");
  g_autoptr(EfirQuote) quote = NULL;
  g_autoptr(EfirSegment) segment = NULL;
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autofree char *air_date = NULL;

  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  g_assert_cmpint (efir_episode_get_id (episode), >, 0);

  loaded = load (fixture, efir_episode_get_id (episode));
  assert_same_content (episode, loaded);
  g_assert_cmpint (efir_episode_get_id (loaded), ==, efir_episode_get_id (episode));
  g_assert_cmpstr (efir_episode_get_program_name (loaded), ==, "Çətin sual");

  /* The offset is the broadcast's, not the machine's. */
  g_assert_cmpint (g_date_time_get_utc_offset (efir_episode_get_air_date (loaded)), ==,
                   4 * G_TIME_SPAN_HOUR);
  air_date = g_date_time_format_iso8601 (efir_episode_get_air_date (loaded));
  g_assert_cmpstr (air_date, ==, "2024-10-04T20:00:00+04");

  quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (loaded)), 0);
  g_assert_true (efir_quote_get_pull_quote (quote));
  g_clear_object (&quote);
  quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (loaded)), 1);
  g_assert_false (efir_quote_get_pull_quote (quote));
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), <, 0);

  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (loaded)), 1);
  g_assert_cmpfloat (efir_segment_get_end (segment), ==, 0.1 + 0.2 + 4.2);
  g_assert_cmpstr (efir_segment_get_text (segment), ==,
                   "Line\nbreak, tab\there, back\\slash and \x02 a control.");

  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (loaded)), 1);
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "");

  /* Fractions of a second and an offset that is not whole hours. */
  efir_episode_set_air_date (other, other_date);
  save (fixture, other, EFIR_EPISODE_PART_ALL);
  other_loaded = load (fixture, efir_episode_get_id (other));
  assert_same_content (other, other_loaded);
  g_assert_cmpint (g_date_time_get_utc_offset (efir_episode_get_air_date (other_loaded)), ==,
                   -(3 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE));
  g_assert_cmpint (g_date_time_get_microsecond (efir_episode_get_air_date (other_loaded)), ==,
                   250000);
}

static void
test_transcript_times (Fixture       *fixture,
                       gconstpointer  data)
{
  /* Subtitle times (whole milliseconds) and times computed by a program,
   * which need all 17 digits.
   */
  static const double times[] = {
    0, 0.001, 0.5, 4.2, 59.999, 3599.999, 10799.5, 86399.001, 1e-7, 2.5e-5,
    0.1 + 0.2, 1e6 / 3, 123456789.123, 1e11 + 0.001, 1e15 + 0.5, 4.2 * 3,
  };
  g_autoptr(EfirEpisode) episode = new_episode (fixture, "Times");
  g_autoptr(EfirEpisode) loaded = NULL;
  GListModel *segments;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    add_segment (episode, times[i], times[i] * 2, "", "");

  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  loaded = load (fixture, efir_episode_get_id (episode));
  segments = G_LIST_MODEL (efir_episode_get_transcript (loaded));

  g_assert_cmpuint (g_list_model_get_n_items (segments), ==, G_N_ELEMENTS (times));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);

      if (efir_segment_get_start (segment) != times[i]
          || efir_segment_get_end (segment) != times[i] * 2)
        g_error ("%.17g and %.17g came back as %.17g and %.17g", times[i], times[i] * 2,
                 efir_segment_get_start (segment), efir_segment_get_end (segment));
    }
}

static void
test_transcript_chunks (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = new_episode (fixture, "Üç saatlıq veriliş");
  g_autoptr(EfirEpisode) loaded = NULL;
  g_autoptr(EfirSegment) edited = NULL;
  g_autoptr(EfirSegment) inserted = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GListStore *transcript = efir_episode_get_transcript (episode);
  gint64 id;
  guint n_changed = 0;
  guint changed = 0;

  /* A three-hour broadcast: 3,000 segments, 47 chunks of 64, the last
   * one short.
   */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Seqment %u: «Çətin sual», \"dırnaq\" və\nsətir.", i);

      add_segment (episode, i * 3.6, i * 3.6 + 3.6, i % 2 ? "Aparıcı" : "Nəsimi Məmmədli", text);
    }
  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  id = efir_episode_get_id (episode);
  before = transcript_chunks (fixture, id);
  g_assert_cmpuint (before->len, ==, 47);

  /* One segment edited: only its chunk is written again. */
  edited = g_list_model_get_item (G_LIST_MODEL (transcript), 1000);
  efir_segment_set_text (edited, "Düzəldilmiş mətn.");
  save (fixture, episode, EFIR_EPISODE_PART_TRANSCRIPT);
  after = transcript_chunks (fixture, id);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    if (!g_str_equal (g_ptr_array_index (before, i), g_ptr_array_index (after, i)))
      {
        n_changed++;
        changed = i;
      }
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (changed, ==, 1000 / 64);
  loaded = load (fixture, id);
  assert_same_content (episode, loaded);
  g_clear_object (&loaded);

  /* Segments removed from the end take their chunks along. */
  g_list_store_splice (transcript, 2000, 1000, NULL, 0);
  save (fixture, episode, EFIR_EPISODE_PART_TRANSCRIPT);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = transcript_chunks (fixture, id);
  g_assert_cmpuint (after->len, ==, 32);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM transcripts WHERE episode_id = ?1",
                              id),
                   ==, 32);
  loaded = load (fixture, id);
  assert_same_content (episode, loaded);
  g_clear_object (&loaded);

  /* A segment inserted in the middle shifts the chunks after it, which
   * still load in order; those before it stay as they were.
   */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_steal_pointer (&after);
  inserted = efir_segment_new (359.5, 360, "Aparıcı", "Araya əlavə edilmiş seqment.");
  g_list_store_insert (transcript, 100, inserted);
  save (fixture, episode, EFIR_EPISODE_PART_TRANSCRIPT);
  after = transcript_chunks (fixture, id);
  g_assert_cmpuint (after->len, ==, 32);
  g_assert_cmpstr (g_ptr_array_index (after, 0), ==, g_ptr_array_index (before, 0));
  g_assert_cmpstr (g_ptr_array_index (after, 1), !=, g_ptr_array_index (before, 1));
  loaded = load (fixture, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (loaded))),
                    ==, 2001);
  assert_same_content (episode, loaded);
  g_clear_object (&loaded);

  /* An empty transcript keeps its chunk 0, an empty array. */
  g_list_store_remove_all (transcript);
  save (fixture, episode, EFIR_EPISODE_PART_TRANSCRIPT);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = transcript_chunks (fixture, id);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (after, 0), ==, "[]");
  loaded = load (fixture, id);
  assert_same_content (episode, loaded);
}

static void
test_load_emits_once (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
  g_autoptr(EfirEpisode) loaded = NULL;
  guint n_changes = 0;

  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  loaded = load (fixture, efir_episode_get_id (episode));

  /* Nothing pending from filling it: editing one field is one change. */
  g_signal_connect (loaded, "changed", G_CALLBACK (count_changes_cb), &n_changes);
  efir_episode_set_title (loaded, "Yeni başlıq");
  g_assert_cmpuint (n_changes, ==, 1);
}

static void
test_save_one_part (Fixture       *fixture,
                    gconstpointer  data)
{
  static const EfirEpisodePart parts[] = {
    EFIR_EPISODE_PART_DETAILS,
    EFIR_EPISODE_PART_GUESTS,
    EFIR_EPISODE_PART_QUOTES,
    EFIR_EPISODE_PART_TRANSCRIPT,
    EFIR_EPISODE_PART_SOCIAL_LINKS,
  };
  g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
  gint64 id;

  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  id = efir_episode_get_id (episode);
  g_assert_cmpint (query_int (fixture, "SELECT save_count FROM episodes WHERE id = ?1", id), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(EfirEpisode) stored = load (fixture, id);
      g_autoptr(EfirEpisode) edited = load (fixture, id);
      g_autoptr(EfirEpisode) reloaded = NULL;
      g_autoptr(GDateTime) start = parse_date ("2025-01-01T12:00:00+03:00");
      g_autoptr(GDateTime) air_date = g_date_time_add_days (start, i);
      g_autofree char *title = g_strdup_printf ("Dəyişdirilmiş %u", i);
      gint64 modified_before = query_int (fixture,
                                          "SELECT modified_at FROM episodes WHERE id = ?1", id);

      /* Change every part in memory, save one. */
      efir_episode_set_title (edited, title);
      efir_episode_set_air_date (edited, air_date);
      add_guest (edited, "Yeni qonaq", "Ekspert");
      add_quote (edited, "Yeni sitat", "Yeni qonaq", 10, FALSE);
      add_segment (edited, 5000, 5001, "Host", "Yeni seqment");
      add_link (edited, "https://example.org/new", NULL);

      g_usleep (2);
      save (fixture, edited, parts[i]);

      reloaded = load (fixture, id);
      g_assert_cmpint (efir_episode_diff (reloaded, stored), ==, parts[i]);
      g_assert_cmpint (efir_episode_diff (reloaded, edited), ==, EFIR_EPISODE_PART_ALL & ~parts[i]);
      g_assert_cmpint (query_int (fixture, "SELECT save_count FROM episodes WHERE id = ?1", id), ==,
                       i + 2);
      g_assert_cmpint (query_int (fixture, "SELECT modified_at FROM episodes WHERE id = ?1", id), >,
                       modified_before);
    }
}

static void
test_guests_join_directory (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EfirPerson) known = efir_person_new ("İlham Əliyev");
  g_autoptr(EfirEpisode) first = new_episode (fixture, "Birinci");
  g_autoptr(EfirEpisode) second = new_episode (fixture, "İkinci");
  g_autoptr(EfirEpisode) loaded = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(EfirEpisodeGuest) nasimi = NULL;
  g_autoptr(EfirEpisodeGuest) ilham = NULL;
  g_autoptr(EfirEpisodeGuest) unnamed = NULL;
  g_autoptr(EfirEpisodeGuest) nasimi_again = NULL;
  g_autoptr(EfirPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  efir_store_save_person (fixture->store, known, &error);
  g_assert_no_error (error);

  add_guest (first, "Nasimi Mammadli", "Political commentator");
  add_guest (first, "İlham Əliyev", "Guest");
  /* A row the producer has added but not typed a name in yet. */
  add_guest (first, "", "Ekspert");
  save (fixture, first, EFIR_EPISODE_PART_ALL);

  nasimi = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (first)), 0);
  ilham = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (first)), 1);
  unnamed = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (first)), 2);
  g_assert_cmpint (efir_episode_guest_get_person_id (nasimi), >, 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (ilham), ==, efir_person_get_id (known));
  g_assert_cmpint (efir_episode_guest_get_person_id (unnamed), ==, 0);

  /* The new entry takes its default role from the first billing. */
  people = efir_store_list_people (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  person = g_list_model_get_item (people, 1);
  g_assert_cmpstr (efir_person_get_name (person), ==, "Nasimi Mammadli");
  g_assert_cmpstr (efir_person_get_default_role (person), ==, "Political commentator");
  g_assert_cmpint (efir_person_get_id (person), ==, efir_episode_guest_get_person_id (nasimi));

  /* The link is stored, not only set on the objects. */
  loaded = load (fixture, efir_episode_get_id (first));
  assert_same_content (first, loaded);

  /* Another episode with the same guest finds the same entry. */
  add_guest (second, "Nasimi Mammadli", "Analyst");
  save (fixture, second, EFIR_EPISODE_PART_ALL);
  nasimi_again = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (second)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (nasimi_again), ==,
                   efir_episode_guest_get_person_id (nasimi));
  g_clear_object (&people);
  people = efir_store_list_people (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  efir_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
test_failed_save_changes_nothing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autoptr(GError) error = NULL;

  /* The last write of the save fails, after the guests were added to the
   * directory: none of it may stay, in the file or in the objects.
   */
  exec_sql (fixture,
            "CREATE TRIGGER links_fail BEFORE INSERT ON social_links"
            " BEGIN SELECT RAISE (ABORT, 'the disk went away'); END");

  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_clear_error (&error);

  g_assert_cmpint (efir_episode_get_id (episode), ==, 0);
  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM episodes WHERE ?1", 1), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM people WHERE ?1", 1), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM meta WHERE ?1", 1), ==, 0);

  /* The same object saves once the trouble is over, and is whole. */
  exec_sql (fixture, "DROP TRIGGER links_fail");
  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  g_assert_cmpint (efir_episode_get_id (episode), >, 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), >, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM social_links WHERE episode_id = ?1",
                              efir_episode_get_id (episode)),
                   ==, 2);
}

static void
test_save_needs_program (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisode) by_name = efir_episode_new ();
  g_autoptr(GError) error = NULL;

  efir_episode_set_title (episode, "Proqramsız");
  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  efir_episode_set_program_name (episode, "No Such Programme");
  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No Such Programme"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM episodes WHERE ?1", 1), ==, 0);

  /* The programme's name is enough when its id is not known. */
  efir_episode_set_program_name (by_name, "Çətin sual");
  save (fixture, by_name, EFIR_EPISODE_PART_ALL);
  g_assert_cmpint (query_int (fixture, "SELECT program_id FROM episodes WHERE id = ?1",
                              efir_episode_get_id (by_name)),
                   ==, efir_program_get_id (fixture->program));
}

static void
test_save_deleted (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
  g_autoptr(GError) error = NULL;
  gint64 id;

  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  id = efir_episode_get_id (episode);
  efir_store_delete_episode (fixture->store, id, &error);
  g_assert_no_error (error);

  /* An editor still open on it must not bring it back half-written. */
  efir_episode_set_title (episode, "Hələ də açıq");
  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_TRANSCRIPT,
                                           &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS,
                                           &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM transcripts WHERE ?1", 1), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM episodes WHERE ?1", 1), ==, 0);
}

static void
test_delete_cascades (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const tables[] = {
    "SELECT count(*) FROM episode_guests WHERE episode_id = ?1",
    "SELECT count(*) FROM quotes WHERE episode_id = ?1",
    "SELECT count(*) FROM transcripts WHERE episode_id = ?1",
    "SELECT count(*) FROM social_links WHERE episode_id = ?1",
    "SELECT count(*) FROM revisions WHERE episode_id = ?1",
    "SELECT count(*) FROM episode_search WHERE rowid = ?1",
  };
  g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
  g_autoptr(EfirEpisode) kept = new_full_episode (fixture);
  g_autoptr(EfirEpisode) missing = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  save (fixture, episode, EFIR_EPISODE_PART_ALL);
  save (fixture, kept, EFIR_EPISODE_PART_ALL);
  id = efir_episode_get_id (episode);
  efir_store_add_revision (fixture->store, episode, "publish", &error);
  g_assert_no_error (error);
  hits = efir_store_search (fixture->store, "narahat", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (query_int (fixture, tables[i], id), >, 0);

  g_assert_true (efir_store_delete_episode (fixture->store, id, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (query_int (fixture, tables[i], id), ==, 0);

  missing = efir_store_load_episode (fixture->store, id, &error);
  g_assert_null (missing);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The other episode and the directory stay. */
  hits = efir_store_search (fixture->store, "narahat", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((EfirSearchHit *) g_ptr_array_index (hits, 0))->episode_id, ==,
                   efir_episode_get_id (kept));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM people WHERE ?1", 1), ==, 2);

  g_assert_false (efir_store_delete_episode (fixture->store, id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  /* title, number, air date (NULL: not set) */
  static const struct
  {
    const char *title;
    int         number;
    const char *air_date;
  } rows[] = {
    { "Oldest", 1, "2024-01-05T20:00:00+04:00" },
    { "Latest", 4, "2024-10-04T17:00:00+00:00" },
    /* Later as text, earlier in time: 16:30 UTC. */
    { "Before latest", 3, "2024-10-04T20:30:00+04:00" },
    { "Same time, lower number", 2, "2024-06-01T20:00:00+04:00" },
    { "Same time, higher number", 5, "2024-06-01T20:00:00+04:00" },
    { "Undated draft", 0, NULL },
  };
  static const char * const expected[] = {
    "Undated draft", "Latest", "Before latest", "Same time, higher number",
    "Same time, lower number", "Oldest",
  };
  g_autoptr(EfirProgram) other_program = efir_program_new ("Другая программа");
  g_autoptr(EfirEpisode) other = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;

  efir_store_save_program (fixture->store, other_program, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
      g_autoptr(GDateTime) air_date = NULL;

      if (rows[i].air_date != NULL)
        air_date = parse_date (rows[i].air_date);
      efir_episode_set_title (episode, rows[i].title);
      efir_episode_set_number (episode, rows[i].number);
      efir_episode_set_air_date (episode, air_date);
      save (fixture, episode, EFIR_EPISODE_PART_ALL);
    }

  other = new_episode (fixture, "Другой выпуск");
  efir_episode_set_program_id (other, efir_program_get_id (other_program));
  add_guest (other, "Гость", "Роль");
  save (fixture, other, EFIR_EPISODE_PART_ALL);

  list = efir_store_list_episodes (fixture->store, efir_program_get_id (fixture->program), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (list, i);
      g_autoptr(EfirEpisodeGuest) guest = NULL;

      g_assert_cmpstr (efir_episode_get_title (episode), ==, expected[i]);

      /* Light: details and guests, nothing else. */
      g_assert_cmpstr (efir_episode_get_program_name (episode), ==, "Çətin sual");
      g_assert_cmpstr (efir_episode_get_video_url (episode), ==,
                       "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
      g_assert_cmpuint (g_strv_length ((char **) efir_episode_get_tags (episode)), ==, 3);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (episode))),
                        ==, 2);
      guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
      g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Nasimi Mammadli");
      g_assert_cmpint (efir_episode_guest_get_person_id (guest), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_quotes (episode))),
                        ==, 0);
      g_assert_cmpuint (
        g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 0);
      g_assert_cmpuint (
        g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_social_links (episode))), ==, 0);
    }

  all = efir_store_list_episodes (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (all, i);
      g_autoptr(EfirEpisodeGuest) guest = NULL;

      if (efir_episode_get_program_id (episode) != efir_program_get_id (other_program))
        continue;

      g_assert_cmpstr (efir_episode_get_program_name (episode), ==, "Другая программа");
      guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
      g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Гость");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (episode))),
                        ==, 1);
    }
}

/* What efir-cli prints is what the window lists, in the same order. */
static void
assert_listings_match (Fixture *fixture,
                       gint64   program_id)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;

  list = efir_store_list_episodes (fixture->store, program_id, &error);
  g_assert_no_error (error);
  listings = efir_store_list_episode_listings (fixture->store, program_id, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (listings->len, ==, g_list_model_get_n_items (list));
  for (guint i = 0; i < listings->len; i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (list, i);
      EfirEpisodeListing *listing = g_ptr_array_index (listings, i);
      GDateTime *air_date = efir_episode_get_air_date (episode);

      g_assert_cmpint (listing->id, ==, efir_episode_get_id (episode));
      g_assert_cmpstr (listing->program_name, ==, efir_episode_get_program_name (episode));
      g_assert_cmpint (listing->number, ==, efir_episode_get_number (episode));
      g_assert_cmpstr (listing->title, ==, efir_episode_get_title (episode));
      g_assert_cmpint (listing->status, ==, efir_episode_get_status (episode));
      g_assert_true ((listing->air_date == NULL) == (air_date == NULL));
      if (air_date != NULL)
        {
          g_autoptr(GDateTime) listed = g_date_time_new_from_iso8601 (listing->air_date, NULL);

          g_assert_nonnull (listed);
          g_assert_true (g_date_time_equal (listed, air_date));
          g_assert_cmpint (g_date_time_get_utc_offset (listed), ==,
                           g_date_time_get_utc_offset (air_date));
        }
    }
}

static void
test_listings (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *air_dates[] = {
    "2024-01-05T20:00:00+04:00", NULL, "2024-10-04T17:00:00+00:00",
    "2024-10-04T20:30:00+04:00", "2024-06-01T20:00:00+04:00",
  };
  g_autoptr(EfirProgram) other_program = efir_program_new ("Другая программа");
  g_autoptr(EfirEpisode) other = NULL;
  g_autoptr(EfirEpisode) trashed = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;

  efir_store_save_program (fixture->store, other_program, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (air_dates); i++)
    {
      g_autoptr(EfirEpisode) episode = new_full_episode (fixture);
      g_autoptr(GDateTime) air_date = air_dates[i] != NULL ? parse_date (air_dates[i]) : NULL;

      efir_episode_set_number (episode, i + 1);
      efir_episode_set_air_date (episode, air_date);
      efir_episode_set_status (episode, i % 2 ? EFIR_EPISODE_STATUS_PUBLISHED
                                              : EFIR_EPISODE_STATUS_DRAFT);
      save (fixture, episode, EFIR_EPISODE_PART_ALL);
    }

  other = new_episode (fixture, "Другой выпуск");
  efir_episode_set_program_id (other, efir_program_get_id (other_program));
  save (fixture, other, EFIR_EPISODE_PART_ALL);

  trashed = new_episode (fixture, "In the trash");
  save (fixture, trashed, EFIR_EPISODE_PART_ALL);
  efir_store_trash_episode (fixture->store, efir_episode_get_id (trashed), &error);
  g_assert_no_error (error);

  assert_listings_match (fixture, 0);
  assert_listings_match (fixture, efir_program_get_id (fixture->program));
  assert_listings_match (fixture, efir_program_get_id (other_program));

  listings = efir_store_list_episode_listings (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listings->len, ==, G_N_ELEMENTS (air_dates) + 1);
}

static void
test_number_taken (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) first = new_episode (fixture, "Birinci");
  g_autoptr(EfirEpisode) second = new_episode (fixture, "İkinci");
  g_autoptr(EfirProgram) other_program = efir_program_new ("Другая программа");
  g_autoptr(GError) error = NULL;
  gint64 taken_by = -1;

  efir_episode_set_number (first, 12);
  efir_episode_set_number (second, 13);
  efir_store_save_program (fixture->store, other_program, &error);
  g_assert_no_error (error);
  efir_store_save_episode (fixture->store, first, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  efir_store_save_episode (fixture->store, second, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  g_assert_true (efir_store_find_episode_by_number (fixture->store,
                                                    efir_program_get_id (fixture->program),
                                                    12, efir_episode_get_id (second),
                                                    &taken_by, &error));
  g_assert_no_error (error);
  g_assert_cmpint (taken_by, ==, efir_episode_get_id (first));

  /* An episode's own number is not taken from it. */
  g_assert_true (efir_store_find_episode_by_number (fixture->store,
                                                    efir_program_get_id (fixture->program),
                                                    12, efir_episode_get_id (first),
                                                    &taken_by, &error));
  g_assert_cmpint (taken_by, ==, 0);

  /* Nor is a number of another programme's. */
  g_assert_true (efir_store_find_episode_by_number (fixture->store,
                                                    efir_program_get_id (other_program),
                                                    12, 0, &taken_by, &error));
  g_assert_cmpint (taken_by, ==, 0);
}

/* What efir-cli or a cron outbox run does beside the window: a second
 * connection to the same file. */
static EfirStore *
open_other (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  EfirStore *other = efir_store_open (fixture->path, &error);

  g_assert_no_error (error);
  return other;
}

static void
count_cb (EfirStore *store,
          gpointer   user_data)
{
  (*(guint *) user_data)++;
}

static void
test_changed_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_other (fixture);
  g_autoptr(EfirEpisode) ours = new_episode (fixture, "Ours");
  g_autoptr(EfirEpisode) theirs = new_episode (fixture, "Theirs");
  guint emitted = 0;

  g_signal_connect (fixture->store, "changed-elsewhere", G_CALLBACK (count_cb), &emitted);
  g_assert_false (efir_store_check_changed_elsewhere (fixture->store));

  /* Our own save is no change elsewhere... */
  g_assert_true (efir_store_save_episode (fixture->store, ours, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);
  g_assert_false (efir_store_check_changed_elsewhere (fixture->store));
  g_assert_cmpuint (emitted, ==, 0);

  /* ...another connection's commit is, once. */
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);
  g_assert_true (efir_store_check_changed_elsewhere (fixture->store));
  g_assert_cmpuint (emitted, ==, 1);
  g_assert_false (efir_store_check_changed_elsewhere (fixture->store));
  g_assert_cmpuint (emitted, ==, 1);

  /* And the other connection saw ours only as a change elsewhere too. */
  g_assert_false (efir_store_check_changed_elsewhere (other));
  g_assert_true (efir_store_save_episode (fixture->store, ours, EFIR_EPISODE_PART_ALL, &error));
  g_assert_true (efir_store_check_changed_elsewhere (other));
}

static void
test_save_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_other (fixture);
  g_autoptr(EfirEpisode) episode = new_episode (fixture, "Read by both");
  g_autoptr(EfirEpisode) theirs = NULL;
  g_autoptr(EfirEpisode) stored = NULL;
  gint64 read_count;

  g_assert_true (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);
  read_count = efir_episode_get_save_count (episode);
  g_assert_cmpint (read_count, >, 0);

  theirs = efir_store_load_episode (other, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_save_count (theirs), ==, read_count);
  efir_episode_set_title (theirs, "Their title");
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_DETAILS, &error));
  g_assert_no_error (error);

  /* Ours was read before their save: refused, in every part, with nothing
   * of theirs overwritten. */
  efir_episode_set_title (episode, "My title");
  efir_episode_set_summary (episode, "My summary");
  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS,
                                           &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  add_quote (episode, "My quote", "", -1, FALSE);
  g_assert_false (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_QUOTES,
                                           &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (efir_episode_get_save_count (episode), ==, read_count);

  stored = efir_store_load_episode (fixture->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "Their title");
  g_assert_cmpstr (efir_episode_get_summary (stored), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_quotes (stored))),
                    ==, 0);
  g_assert_cmpint (efir_episode_get_save_count (stored), ==, read_count + 1);

  /* Read again, ours is saved over theirs. */
  efir_episode_set_save_count (episode, efir_episode_get_save_count (stored));
  g_assert_true (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_save_count (episode), ==, read_count + 2);
}

static void
test_reload_in_place (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_other (fixture);
  g_autoptr(EfirEpisode) episode = new_episode (fixture, "Open in the window");
  g_autoptr(EfirEpisode) theirs = NULL;
  g_autoptr(GDateTime) air_date = parse_date ("2026-12-02T19:00:00+04:00");
  GListStore *guests = efir_episode_get_guests (episode);

  add_guest (episode, "Fyodor Aliyev", "Political commentator");
  g_assert_true (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  theirs = efir_store_load_episode (other, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  efir_episode_set_air_date (theirs, air_date);
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_DETAILS, &error));
  g_assert_no_error (error);

  g_assert_true (efir_store_reload_episode (fixture->store, episode, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (efir_episode_get_air_date (episode), air_date));
  g_assert_cmpint (g_date_time_get_utc_offset (efir_episode_get_air_date (episode)), ==,
                   4 * G_TIME_SPAN_HOUR);
  g_assert_true (efir_episode_get_guests (episode) == guests);
  g_assert_cmpint (efir_episode_get_save_count (episode), ==,
                   efir_episode_get_save_count (theirs));

  efir_episode_set_title (episode, "Saved after the reload");
  g_assert_true (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS,
                                          &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/episode/roundtrip", test_roundtrip);
  ADD ("/store/episode/transcript-times", test_transcript_times);
  ADD ("/store/episode/transcript-chunks", test_transcript_chunks);
  ADD ("/store/episode/load-emits-once", test_load_emits_once);
  ADD ("/store/episode/save-one-part", test_save_one_part);
  ADD ("/store/episode/guests-join-directory", test_guests_join_directory);
  ADD ("/store/episode/failed-save-changes-nothing", test_failed_save_changes_nothing);
  ADD ("/store/episode/save-needs-program", test_save_needs_program);
  ADD ("/store/episode/save-deleted", test_save_deleted);
  ADD ("/store/episode/delete-cascades", test_delete_cascades);
  ADD ("/store/episode/list", test_list);
  ADD ("/store/episode/listings", test_listings);
  ADD ("/store/episode/number-taken", test_number_taken);
  ADD ("/store/episode/changed-elsewhere", test_changed_elsewhere);
  ADD ("/store/episode/save-conflict", test_save_conflict);
  ADD ("/store/episode/reload-in-place", test_reload_in_place);

#undef ADD

  return g_test_run ();
}
