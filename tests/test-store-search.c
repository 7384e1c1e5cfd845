/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-search"

#include "config.h"

#include <string.h>

#include "efir-store.h"
#include "efir-store-private.h"
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

  fixture->dir = efir_test_make_dir ("efir-store-search");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Difficult Question");
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

/* An episode with text in the columns given; NULL leaves one empty. */
static EfirEpisode *
add_episode (Fixture    *fixture,
             const char *title,
             const char *summary,
             const char *guest,
             const char *quote,
             const char *transcript)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GError) error = NULL;

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_title (episode, title);
  efir_episode_set_summary (episode, summary);

  if (guest != NULL)
    {
      g_autoptr(EfirEpisodeGuest) item = efir_episode_guest_new (guest, "Political commentator");

      g_list_store_append (efir_episode_get_guests (episode), item);
    }

  if (quote != NULL)
    {
      g_autoptr(EfirQuote) item = efir_quote_new (quote, "Host", 12);

      g_list_store_append (efir_episode_get_quotes (episode), item);
    }

  if (transcript != NULL)
    {
      g_autoptr(EfirSegment) opening = efir_segment_new (0, 5, "Host", "Good evening.");
      g_autoptr(EfirSegment) item = efir_segment_new (5, 10, "Host", transcript);

      g_list_store_append (efir_episode_get_transcript (episode), opening);
      g_list_store_append (efir_episode_get_transcript (episode), item);
    }

  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  return episode;
}

static GPtrArray *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = efir_store_search (fixture->store, query, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static EfirSearchHit *
hit_at (GPtrArray *hits,
        guint      index)
{
  g_assert_cmpuint (index, <, hits->len);
  return g_ptr_array_index (hits, index);
}

/* The only hit for @query is @episode. */
static void
assert_finds_only (Fixture     *fixture,
                   const char  *query,
                   EfirEpisode *episode)
{
  g_autoptr(GPtrArray) hits = search (fixture, query);

  if (hits->len != 1)
    g_error ("“%s” found %u episodes, not 1", query, hits->len);
  g_assert_cmpint (hit_at (hits, 0)->episode_id, ==, efir_episode_get_id (episode));
}

static void
assert_finds_nothing (Fixture    *fixture,
                      const char *query)
{
  g_autoptr(GPtrArray) hits = search (fixture, query);

  if (hits->len != 0)
    g_error ("“%s” found %u episodes, not none", query, hits->len);
}

/* Tests ------------------------------------------------------------------ */

static void
test_folding (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfirEpisode) cetin = add_episode (fixture, "Çətin sual", NULL, NULL, NULL, NULL);
  g_autoptr(EfirEpisode) eliyev = add_episode (fixture, "Müsahibə", "Heydər Əliyev haqqında",
                                               NULL, NULL, NULL);
  g_autoptr(EfirEpisode) ilham = add_episode (fixture, "Prezident", NULL, "İlham Mammadov", NULL,
                                              NULL);
  g_autoptr(EfirEpisode) yolka = add_episode (fixture, "Новый год", NULL, NULL, "Ёлка горит.",
                                              NULL);
  g_autoptr(EfirEpisode) elka = add_episode (fixture, "Зима", NULL, NULL, NULL, "Елка стоит.");
  g_autoptr(GPtrArray) both = NULL;

  assert_finds_only (fixture, "cetin sual", cetin);
  assert_finds_only (fixture, "ÇƏTİN", cetin);
  assert_finds_only (fixture, "eliyev", eliyev);
  assert_finds_only (fixture, "ilham", ilham);

  /* ё and е are the same letter to a searcher, either way round. */
  both = search (fixture, "ёлка");
  g_assert_cmpuint (both->len, ==, 2);
  g_clear_pointer (&both, g_ptr_array_unref);
  both = search (fixture, "елка");
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_true (hit_at (both, 0)->episode_id == efir_episode_get_id (yolka)
                 || hit_at (both, 1)->episode_id == efir_episode_get_id (yolka));
  g_assert_true (hit_at (both, 0)->episode_id == efir_episode_get_id (elka)
                 || hit_at (both, 1)->episode_id == efir_episode_get_id (elka));
}

static void
test_prefix_guest (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Xarici müdaxilə", NULL, "Nasimi Mammadli",
                                                NULL, NULL);
  g_autoptr(EfirEpisode) other = add_episode (fixture, "Another one", NULL, "Someone Else", NULL,
                                              NULL);
  g_autoptr(GPtrArray) hits = NULL;
  EfirSearchHit *hit;

  hits = search (fixture, "mammad");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hit_at (hits, 0);
  g_assert_cmpint (hit->episode_id, ==, efir_episode_get_id (episode));
  g_assert_cmpstr (hit->title, ==, "Xarici müdaxilə");
  g_assert_cmpstr (hit->program_name, ==, "Difficult Question");
  g_assert_nonnull (strstr (hit->snippet, "\x01Mammadli\x02"));

  assert_finds_only (fixture, "nas mam", episode);
  assert_finds_nothing (fixture, "mammadlis");
}

static void
test_transcript_only (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Title", "Summary", "Guest Name",
                                                "A quote", "We spoke of the Caspian pipeline.");
  g_autoptr(GPtrArray) hits = NULL;

  hits = search (fixture, "pipeline");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_at (hits, 0)->episode_id, ==, efir_episode_get_id (episode));
  g_assert_nonnull (strstr (hit_at (hits, 0)->snippet, "Caspian \x01pipeline\x02"));
}

static void
test_words_all_match (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EfirEpisode) both = add_episode (fixture, "Rusiya", NULL, NULL, NULL,
                                             "İran haqqında danışdıq.");
  g_autoptr(EfirEpisode) one = add_episode (fixture, "Rusiya və Türkiyə", NULL, NULL, NULL, NULL);

  /* Every word must match, each in any column of the same episode. */
  assert_finds_only (fixture, "rusiya iran", both);
  assert_finds_only (fixture, "iran rus", both);
  assert_finds_only (fixture, "turkiye", one);
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfirEpisode) in_transcript = add_episode (fixture, "Another subject", NULL, NULL, NULL,
                                                      "Hybrid threats were mentioned once.");
  g_autoptr(EfirEpisode) in_summary = add_episode (fixture, "Third subject",
                                                   "About hybrid threats.", NULL, NULL, NULL);
  g_autoptr(EfirEpisode) in_title = add_episode (fixture, "Hybrid threats", NULL, NULL, NULL,
                                                 NULL);
  g_autoptr(GPtrArray) hits = NULL;

  /* Saved title-last, so the order is not the order of insertion. */
  hits = search (fixture, "hybrid");
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (hit_at (hits, 0)->episode_id, ==, efir_episode_get_id (in_title));
  g_assert_cmpint (hit_at (hits, 1)->episode_id, ==, efir_episode_get_id (in_summary));
  g_assert_cmpint (hit_at (hits, 2)->episode_id, ==, efir_episode_get_id (in_transcript));
  g_assert_cmpfloat (hit_at (hits, 0)->rank, <, hit_at (hits, 2)->rank);

  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = efir_store_search (fixture->store, "hybrid", 2, NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (hit_at (hits, 0)->episode_id, ==, efir_episode_get_id (in_title));
}

static void
test_snippet_original_letters (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Çətin sual: Əliyev", NULL, NULL, NULL,
                                                NULL);
  g_autoptr(GPtrArray) hits = search (fixture, "cetin eliyev");

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (hit_at (hits, 0)->snippet, ==, "\x01Çətin\x02 sual: \x01Əliyev\x02");
}

static void
test_query_syntax (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const nothing_to_search[] = {
    "", "   ", "?!", "\"", "\"\"", "*", "(", ") (", "-", "^", ":", "— …", "\t\n",
  };
  static const char * const odd[] = {
    "AND", "OR cetin", "NOT", "NEAR(cetin sual)", "title:cetin", "cetin*", "\"cetin", "c\"e",
    "{title} : x", "+cetin", "cetin -sual", "a\"\"b", "sual^", "ça'lar",
  };
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Çətin sual", "And or not near title",
                                                NULL, NULL, NULL);
  g_autofree char *match = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nothing_to_search); i++)
    assert_finds_nothing (fixture, nothing_to_search[i]);

  /* FTS5 operators are words like any other; nothing typed is an error. */
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GPtrArray) hits = search (fixture, odd[i]);

      g_assert_cmpuint (hits->len, <=, 1);
    }
  assert_finds_only (fixture, "AND", episode);
  assert_finds_only (fixture, "(cetin)", episode);
  assert_finds_only (fixture, "near(", episode);
  assert_finds_only (fixture, "\"cetin", episode);
  assert_finds_only (fixture, "cetin*", episode);

  match = efir_store_search_match_expression ("a\"b  çə\tNEAR(");
  g_assert_cmpstr (match, ==, "\"a\"\"b\"* AND \"çə\"* AND \"NEAR(\"*");
  g_assert_null (efir_store_search_match_expression ("?! … \""));
  g_assert_null (efir_store_search_match_expression ("\xff\xfe invalid"));
}

static void
test_follows_saves (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Alfa başlıq", NULL, "Nasimi Mammadli",
                                                "Old quote", "Köhnə söhbət");
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autoptr(EfirQuote) quote = NULL;
  g_autoptr(EfirSegment) segment = NULL;
  g_autoptr(GError) error = NULL;

  assert_finds_only (fixture, "alfa", episode);
  assert_finds_only (fixture, "kohne", episode);

  /* Each part, saved on its own, shows in the next search at once. */
  efir_episode_set_title (episode, "Beta başlıq");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  assert_finds_only (fixture, "beta basliq", episode);
  assert_finds_nothing (fixture, "alfa");
  assert_finds_only (fixture, "kohne", episode);

  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (episode)), 1);
  efir_segment_set_text (segment, "Təzə söhbət");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_TRANSCRIPT, &error);
  g_assert_no_error (error);
  assert_finds_nothing (fixture, "kohne");
  assert_finds_only (fixture, "teze", episode);

  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
  efir_episode_guest_set_name (guest, "Ramid Namazov");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_GUESTS, &error);
  g_assert_no_error (error);
  assert_finds_nothing (fixture, "mammadli");
  assert_finds_only (fixture, "namazov", episode);

  quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (episode)), 0);
  efir_quote_set_text (quote, "Fresh words");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_QUOTES, &error);
  g_assert_no_error (error);
  assert_finds_nothing (fixture, "old quote");
  assert_finds_only (fixture, "fresh", episode);

  efir_store_delete_episode (fixture->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  assert_finds_nothing (fixture, "fresh");
}

/* The index is brought up to date by whichever process searches next: a
 * save by efir-cli shows in the app's search, and one cut short by a
 * power cut after its commit shows at the next start.
 */
static void
test_follows_other_connections (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Birinci", NULL, NULL, NULL, NULL);
  g_autoptr(EfirStore) other = NULL;
  g_autoptr(GError) error = NULL;

  assert_finds_only (fixture, "birinci", episode);

  efir_episode_set_title (episode, "İkinci");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  other = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->store = g_steal_pointer (&other);
  assert_finds_only (fixture, "ikinci", episode);
  assert_finds_nothing (fixture, "birinci");

  /* Refreshing ahead of a search leaves it the same answer. */
  efir_episode_set_title (episode, "Üçüncü");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_refresh_search_index (fixture->store, &error));
  g_assert_no_error (error);
  assert_finds_only (fixture, "ucuncu", episode);
  assert_finds_nothing (fixture, "ikinci");
}

/* 43,000 words took six minutes: a query has at most
 * EFIR_STORE_SEARCH_MAX_WORDS words and EFIR_STORE_SEARCH_MAX_CHARS
 * characters, and a longer one is refused with a sentence. */
static void
test_query_capped (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Çətin sual", NULL, NULL, NULL, NULL);
  g_autoptr(GString) words = g_string_new ("çətin");
  g_autoptr(GString) chars = g_string_new ("sual ");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < EFIR_STORE_SEARCH_MAX_WORDS; i++)
    g_string_append (words, " s");
  assert_finds_only (fixture, words->str, episode);

  g_string_append (words, " s");
  hits = efir_store_search (fixture->store, words->str, 0, &error);
  g_assert_null (hits);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, G_STRINGIFY (EFIR_STORE_SEARCH_MAX_WORDS)));
  g_clear_error (&error);

  /* Characters count as characters, not bytes: "ə" is two bytes. */
  while (g_utf8_strlen (chars->str, -1) < EFIR_STORE_SEARCH_MAX_CHARS)
    g_string_append (chars, "ə");
  hits = efir_store_search (fixture->store, chars->str, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_string_append (chars, "ə");
  hits = efir_store_search (fixture->store, chars->str, 0, &error);
  g_assert_null (hits);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
}

/* A word found in a 100 MB transcript took a minute: snippet() reads the
 * whole column again. A transcript longer than the bound is still found,
 * and ranked, but gives no snippet. */
static void
test_snippet_bounded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) transcript = g_string_new (NULL);
  g_autoptr(EfirEpisode) big = NULL;
  g_autoptr(EfirEpisode) small = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  while (transcript->len <= EFIR_STORE_SEARCH_SNIPPET_MAX_BYTES)
    g_string_append (transcript, "söz ");
  g_string_append (transcript, "xəzinə");

  big = add_episode (fixture, "Long", NULL, NULL, NULL, transcript->str);
  small = add_episode (fixture, "Short", NULL, NULL, NULL, "Bir xəzinə tapdıq.");

  hits = search (fixture, "xezine");
  g_assert_cmpuint (hits->len, ==, 2);
  for (guint i = 0; i < hits->len; i++)
    {
      EfirSearchHit *hit = hit_at (hits, i);

      if (hit->episode_id == efir_episode_get_id (big))
        g_assert_null (hit->snippet);
      else
        g_assert_nonnull (strstr (hit->snippet, "\x01xəzinə\x02"));
    }
}

/* The index keeps no text of its own: FTS5 takes a row out by tokenizing
 * the text it was indexed with, read from the tables. Whatever changes
 * them, every word the index holds must be where the tables say, and no
 * other: its words are compared with those of an index made afresh from
 * the text the tables give (FTS5's integrity check of an index without
 * text of its own does not read the text). Snippets then show the text as
 * it is now. */
static void
assert_index_sound (Fixture *fixture)
{
  EfirDatabase *db = efir_store_get_database (fixture->store);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  efir_database_exec (db,
                      "INSERT INTO episode_search (episode_search) VALUES ('integrity-check');"
                      "CREATE VIRTUAL TABLE temp.search_copy USING fts5 ("
                      "  title, summary, quotes, guests, transcript, tokenize = 'efir');"
                      "INSERT INTO temp.search_copy (rowid, title, summary, quotes, guests, transcript)"
                      "  SELECT id, title, summary, quotes, guests, transcript"
                      "    FROM episode_search_text;"
                      "CREATE VIRTUAL TABLE temp.index_words"
                      "  USING fts5vocab (main, episode_search, instance);"
                      "CREATE VIRTUAL TABLE temp.copy_words"
                      "  USING fts5vocab (temp, search_copy, instance);",
                      &error);
  g_assert_no_error (error);

  stmt = efir_database_prepare (db,
                                "SELECT (SELECT count(*) FROM (SELECT * FROM index_words"
                                "                              EXCEPT SELECT * FROM copy_words))"
                                "     + (SELECT count(*) FROM (SELECT * FROM copy_words"
                                "                              EXCEPT SELECT * FROM index_words))",
                                &error);
  g_assert_no_error (error);
  g_assert_true (efir_database_step (db, stmt, &error));
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_clear_pointer (&stmt, efir_statement_release);

  efir_database_exec (db,
                      "DROP TABLE temp.index_words;"
                      "DROP TABLE temp.copy_words;"
                      "DROP TABLE temp.search_copy;",
                      &error);
  g_assert_no_error (error);
}

static void
test_index_follows_tables (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EfirEpisode) alfa = add_episode (fixture, "Alfa", "Xülasə", "Nasimi Mammadli",
                                             "Sual çətindir", "Köhnə söhbət");
  g_autoptr(EfirEpisode) beta = add_episode (fixture, "Beta", "Başqa", NULL, NULL, "Başqa söhbət");
  g_autoptr(EfirSegment) segment = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  assert_finds_only (fixture, "alfa", alfa);
  assert_index_sound (fixture);

  /* Saved twice before the next search, and once with nothing changed. */
  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (alfa)), 1);
  efir_segment_set_text (segment, "Təzə söhbət");
  efir_store_save_episode (fixture->store, alfa, EFIR_EPISODE_PART_TRANSCRIPT, &error);
  g_assert_no_error (error);
  efir_segment_set_text (segment, "Təzə söhbət, yenə");
  efir_store_save_episode (fixture->store, alfa, EFIR_EPISODE_PART_TRANSCRIPT, &error);
  g_assert_no_error (error);
  efir_store_save_episode (fixture->store, beta, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  assert_index_sound (fixture);

  assert_finds_nothing (fixture, "kohne");
  hits = search (fixture, "yene");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (hit_at (hits, 0)->snippet, "Təzə söhbət, \001yenə\002"));
  assert_index_sound (fixture);

  efir_store_trash_episode (fixture->store, efir_episode_get_id (beta), &error);
  g_assert_no_error (error);
  assert_finds_nothing (fixture, "basqa");
  assert_index_sound (fixture);
  efir_store_restore_episode (fixture->store, efir_episode_get_id (beta), &error);
  g_assert_no_error (error);
  assert_finds_only (fixture, "basqa", beta);
  assert_index_sound (fixture);

  /* Deleted while indexed, and deleted while stale. */
  efir_store_delete_episode (fixture->store, efir_episode_get_id (beta), &error);
  g_assert_no_error (error);
  efir_episode_set_title (alfa, "Qamma");
  efir_store_save_episode (fixture->store, alfa, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  efir_store_delete_episode (fixture->store, efir_episode_get_id (alfa), &error);
  g_assert_no_error (error);
  assert_finds_nothing (fixture, "basqa");
  assert_finds_nothing (fixture, "qamma");
  assert_finds_nothing (fixture, "soh");
  assert_index_sound (fixture);
}

/* The first key of a search lists the newest episodes with a word
 * starting with it; the second ranks them. */
static void
test_one_letter_newest (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EfirEpisode) best = add_episode (fixture, "Oil", "Oil, oil and oil.", NULL, NULL,
                                             "Oil again.");
  g_autoptr(EfirEpisode) middle = add_episode (fixture, "Elections", NULL, NULL, NULL,
                                               "Once more.");
  g_autoptr(EfirEpisode) newest = add_episode (fixture, "Weather", NULL, NULL, NULL,
                                               "Overcast.");
  g_autoptr(EfirEpisode) none = add_episode (fixture, "Weather", NULL, NULL, NULL, "Rain.");
  g_autoptr(GPtrArray) letter = NULL;
  g_autoptr(GPtrArray) letters = NULL;

  g_assert_true (efir_store_search_wants_newest ("o"));
  g_assert_true (efir_store_search_wants_newest ("Ə"));
  g_assert_true (efir_store_search_wants_newest (" o  w! "));
  g_assert_false (efir_store_search_wants_newest ("oi"));
  g_assert_false (efir_store_search_wants_newest ("ilham e"));

  letter = search (fixture, "O");
  g_assert_cmpuint (letter->len, ==, 3);
  g_assert_cmpint (hit_at (letter, 0)->episode_id, ==, efir_episode_get_id (newest));
  g_assert_cmpint (hit_at (letter, 1)->episode_id, ==, efir_episode_get_id (middle));
  g_assert_cmpint (hit_at (letter, 2)->episode_id, ==, efir_episode_get_id (best));
  /* Found by title: a snippet of one letter would show any word. */
  g_assert_cmpfloat (hit_at (letter, 0)->rank, ==, 0.0);
  g_assert_cmpstr (hit_at (letter, 0)->title, ==, "Weather");
  g_assert_null (hit_at (letter, 0)->snippet);

  letters = search (fixture, "oi");
  g_assert_cmpuint (letters->len, ==, 1);
  g_assert_cmpint (hit_at (letters, 0)->episode_id, ==, efir_episode_get_id (best));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/search/folding", test_folding);
  ADD ("/store/search/prefix-guest", test_prefix_guest);
  ADD ("/store/search/transcript-only", test_transcript_only);
  ADD ("/store/search/words-all-match", test_words_all_match);
  ADD ("/store/search/ranking", test_ranking);
  ADD ("/store/search/snippet-original-letters", test_snippet_original_letters);
  ADD ("/store/search/query-syntax", test_query_syntax);
  ADD ("/store/search/follows-saves", test_follows_saves);
  ADD ("/store/search/follows-other-connections", test_follows_other_connections);
  ADD ("/store/search/query-capped", test_query_capped);
  ADD ("/store/search/snippet-bounded", test_snippet_bounded);
  ADD ("/store/search/index-follows-tables", test_index_follows_tables);
  ADD ("/store/search/one-letter-newest", test_one_letter_newest);

#undef ADD

  return g_test_run ();
}
