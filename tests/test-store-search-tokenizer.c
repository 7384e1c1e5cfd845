/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-search-tokenizer"

#include "config.h"

#include <string.h>

#include "efir-database.h"
#include "efir-migrations.h"
#include "efir-search-tokenizer.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char         *dir;
  char         *path;
  EfirDatabase *db;
} Fixture;

/* Indexes episode @rowid as the store does: no longer stale, then read
 * from the view the index takes its text from. */
static void
index_row (EfirDatabase *db,
           gint64        rowid)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = efir_database_prepare (db,
                                "DELETE FROM meta WHERE key = 'search-stale:' || ?1",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, rowid);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);
  g_clear_pointer (&stmt, efir_statement_release);

  stmt = efir_database_prepare (db,
                                "INSERT INTO episode_search (rowid, title, summary, quotes, guests,"
                                "                            transcript)"
                                " SELECT id, title, summary, quotes, guests, transcript"
                                "   FROM episode_search_text WHERE id = ?1",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, rowid);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);
}

static void
add_row (EfirDatabase *db,
         gint64        rowid,
         const char   *title,
         const char   *summary,
         const char   *transcript)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  efir_database_exec (db,
                      "INSERT OR IGNORE INTO programs (id, name, created_at, modified_at)"
                      " VALUES (1, 'Çətin sual', 0, 0)",
                      &error);
  g_assert_no_error (error);

  stmt = efir_database_prepare (db,
                                "INSERT INTO episodes (id, program_id, title, summary, created_at,"
                                "                      modified_at)"
                                " VALUES (?1, 1, ?2, ?3, 0, 0)",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, summary, -1, SQLITE_STATIC);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);
  g_clear_pointer (&stmt, efir_statement_release);

  stmt = efir_database_prepare (db,
                                "INSERT INTO transcripts (episode_id, chunk, segments)"
                                " VALUES (?1, 0, json_array (json_object ('text', ?2)))",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, transcript, -1, SQLITE_STATIC);
  efir_database_run (db, stmt, &error);
  g_assert_no_error (error);

  index_row (db, rowid);
}

/* One row per language, and one that only looks alike, so that a match
 * must come from folding and not from matching everything.
 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = efir_test_make_dir ("efir-store-search");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);
  fixture->db = efir_database_open (fixture->path, EFIR_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  efir_migrations_apply (fixture->db, &error);
  g_assert_no_error (error);

  add_row (fixture->db, 1, "Çətin sual",
           "Qonaq: İlham Əliyev yox, Nəsimi Məmmədli. Bakı, QARABAĞ.",
           "Aparıcı: Xoş gəlmisiniz.");
  add_row (fixture->db, 2, "Трудный вопрос",
           "Новогодняя ёлка и ЁЖ.",
           "Ведущий: Добрый вечер.");
  add_row (fixture->db, 3, "Difficult Question",
           "Sanctions, Iran and the CASPIAN pipeline.",
           "Host: Good evening.");
  add_row (fixture->db, 4, "Cetinkaya", "Seti", "");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

/* The rowids @query matches, as "1,3", in rowid order. */
static char *
search (EfirDatabase *db,
        const char   *query)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  stmt = efir_database_prepare (db,
                                "SELECT rowid FROM episode_search WHERE episode_search MATCH ?1"
                                " ORDER BY rowid",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  while (efir_database_step (db, stmt, &error))
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define assert_search(db, query, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search ((db), (query)); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

/* Tests ------------------------------------------------------------------ */

static void
test_azerbaijani (Fixture       *fixture,
                  gconstpointer  data)
{
  assert_search (fixture->db, "cetin sual", "1");
  assert_search (fixture->db, "Çətin", "1");
  assert_search (fixture->db, "ÇƏTİN SUAL", "1");
  assert_search (fixture->db, "cet*", "1,4");
  assert_search (fixture->db, "\"cetin sual\"", "1");
  assert_search (fixture->db, "eliyev", "1");
  assert_search (fixture->db, "ƏLİYEV", "1");
  assert_search (fixture->db, "ilham", "1");
  assert_search (fixture->db, "ILHAM", "1");
  assert_search (fixture->db, "nesimi memmedli", "1");
  assert_search (fixture->db, "baki", "1");
  assert_search (fixture->db, "qarabag", "1");
  assert_search (fixture->db, "aparici", "1");

  /* Folding must not merge distinct words. */
  assert_search (fixture->db, "cetinkaya", "4");
  assert_search (fixture->db, "cetin", "1");
  assert_search (fixture->db, "sual*", "1");
  assert_search (fixture->db, "set", "");
}

static void
test_russian (Fixture       *fixture,
              gconstpointer  data)
{
  assert_search (fixture->db, "елка", "2");
  assert_search (fixture->db, "ЁЛКА", "2");
  assert_search (fixture->db, "ёлка", "2");
  assert_search (fixture->db, "еж", "2");
  assert_search (fixture->db, "трудный ВОПРОС", "2");
  assert_search (fixture->db, "новогод*", "2");
  assert_search (fixture->db, "вопросы", "");
}

static void
test_english (Fixture       *fixture,
              gconstpointer  data)
{
  assert_search (fixture->db, "difficult question", "3");
  assert_search (fixture->db, "DIFFICULT", "3");
  assert_search (fixture->db, "caspian", "3");
  assert_search (fixture->db, "Diff*", "3");
  assert_search (fixture->db, "title : evening", "");
  assert_search (fixture->db, "transcript : evening", "3");
}

static void
test_snippet_keeps_original (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  const struct {
    const char *query;
    int         column;
    const char *expected;
  } cases[] = {
    { "cetin", 0, "[Çətin] sual" },
    { "eliyev", 1, "…İlham [Əliyev] yox…" },
    { "ilham", 1, "Qonaq: [İlham] Əliyev…" },
    { "qarabag", 1, "…Bakı, [QARABAĞ]." },
    { "елка", 1, "Новогодняя [ёлка] и…" },
    { "cet*", 0, "[Çətin] sual" },
  };

  stmt = efir_database_prepare (fixture->db,
                                "SELECT snippet (episode_search, ?2, '[', ']', '…', 3)"
                                " FROM episode_search WHERE episode_search MATCH ?1",
                                &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].query);
      sqlite3_bind_text (stmt, 1, cases[i].query, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, cases[i].column);
      g_assert_true (efir_database_step (fixture->db, stmt, &error));
      g_assert_no_error (error);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, cases[i].expected);
      sqlite3_reset (stmt);
    }
}

/* Rows 5 to 44: words drawn again and again into columns of every
 * length, some ending sentences, one a lone combining mark; then long
 * transcripts, one with its hits crowded at the end. */
static void
add_drawn_rows (Fixture *fixture)
{
  g_autoptr(GString) crowded = g_string_new (NULL);

  static const char * const words[] = {
    "se", "sen", "sual", "по", "после", "Əliyev", "sual.", "seti:", "под", "serial",
    "\xcc\x81", "Sual,",
  };
  GRand *rand = g_rand_new_with_seed (7);

  for (gint64 rowid = 5; rowid < 45; rowid++)
    {
      const guint lengths[3] = { 1 + rowid % 4, rowid % 9, (guint) (rowid * rowid) % 300 };
      GString *columns[3];

      for (guint c = 0; c < 3; c++)
        {
          columns[c] = g_string_new (NULL);
          for (guint i = 0; i < lengths[c]; i++)
            g_string_append_printf (columns[c], "%s%s", i == 0 ? "" : i % 7 ? " " : "\n  ",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      add_row (fixture->db, rowid, columns[0]->str, columns[1]->str, columns[2]->str);
      for (guint c = 0; c < 3; c++)
        g_string_free (columns[c], TRUE);
    }

  for (gint64 rowid = 45; rowid < 50; rowid++)
    {
      g_autoptr(GString) transcript = g_string_new (NULL);

      for (guint i = 0; i < 500 * (rowid - 44); i++)
        g_string_append_printf (transcript, "%s%s", i == 0 ? "" : " ",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      add_row (fixture->db, rowid, "Uzun", "", transcript->str);
    }

  g_string_append (crowded, "Sual se.");
  for (guint i = 0; i < 900; i++)
    g_string_append (crowded, " söz");
  g_string_append (crowded, ". Son: se se sen sual se. Sen sual");
  add_row (fixture->db, 50, "Sıx", "", crowded->str);

  g_rand_free (rand);
}

/* What the drawn rows are searched for: prefixes, words, phrases of two,
 * several words, a column, words near each other. */
static const char * const drawn_queries[] = {
  "\"se\"*", "\"по\"*", "\"sual\"* AND \"se\"*", "\"cetin\"* AND \"sual\"*",
  "\"по\"* AND \"по\"*", "s*", "e*", "\"eliyev\"", "title : sual", "\"se\" OR \"по\"",
  "\"sual se\"", "\"se sen\"*", "NEAR (se sual, 2)", "\"по\"* AND \"sual\"* AND \"seti\"",
};

/* Runs @sql, whose two columns must be the same, for every drawn query;
 * returns how many rows it compared. */
static guint
assert_same_for_drawn_queries (Fixture    *fixture,
                               const char *sql,
                               gboolean    as_doubles)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  guint n_compared = 0;

  stmt = efir_database_prepare (fixture->db, sql, &error);
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (drawn_queries); q++)
    {
      guint n_rows = 0;

      g_test_message ("%s: %s", sql, drawn_queries[q]);
      sqlite3_bind_text (stmt, 1, drawn_queries[q], -1, SQLITE_STATIC);
      while (efir_database_step (fixture->db, stmt, &error))
        {
          if (as_doubles)
            {
              double expected = sqlite3_column_double (stmt, 0);
              double found = sqlite3_column_double (stmt, 1);

              g_assert_cmpmem (&found, sizeof found, &expected, sizeof expected);
            }
          else
            g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==,
                             (const char *) sqlite3_column_text (stmt, 0));
          n_rows++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (n_rows, >, 0);
      n_compared += n_rows;
      sqlite3_reset (stmt);
    }

  return n_compared;
}

/* Searches order by efir_bm25(), which must give what FTS5's bm25() gives
 * to the last bit: the same hits in the same order, whichever words, in
 * whichever columns, how often, in rows of whichever length. */
static void
test_rank_is_bm25 (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const arguments[] = {
    "(episode_search, 10.0, 2.0, 3.0, 5.0, 1.0)", "(episode_search)", "(episode_search, 1.0, 0.5)",
  };
  guint n_compared = 0;

  add_drawn_rows (fixture);

  for (guint a = 0; a < G_N_ELEMENTS (arguments); a++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT bm25 %s, efir_bm25 %s FROM episode_search"
                                              " WHERE episode_search MATCH ?1",
                                              arguments[a], arguments[a]);

      n_compared += assert_same_for_drawn_queries (fixture, sql, TRUE);
    }

  g_assert_cmpuint (n_compared, >, 300);
}

/* Search shows efir_snippet(), which must give what FTS5's snippet()
 * gives, byte for byte: the same window, marks and ellipses, for hits in
 * any column, at the start or the end, after a full stop or a colon, of
 * one word or two, whatever the window's length. */
static void
test_snippet_is_snippet (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const arguments[] = {
    "(episode_search, -1, char (1), char (2), '…', 16)",
    "(episode_search, -1, '[', ']', '...', 3)",
    "(episode_search, 2, '<', '>', '~', 16)",
    "(episode_search, 0, '<', '>', '', 4)",
    "(episode_search, -1, '', '', '', 1)",
    "(episode_search, -1, '(', ')', '..', 0)",
    "(episode_search, 1, '(', ')', '..', 64)",
    "(episode_search, -1, NULL, NULL, NULL, 5)",
  };
  guint n_compared = 0;

  add_drawn_rows (fixture);

  for (guint a = 0; a < G_N_ELEMENTS (arguments); a++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT snippet %s, efir_snippet %s"
                                              " FROM episode_search WHERE episode_search MATCH ?1",
                                              arguments[a], arguments[a]);

      n_compared += assert_same_for_drawn_queries (fixture, sql, FALSE);
    }

  g_assert_cmpuint (n_compared, >, 1000);
}

static void
test_every_connection (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EfirDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *bare = NULL;
  char *message = NULL;
  int rc;

  /* A worker's read connection searches like the writer. */
  reader = efir_database_open (fixture->path, EFIR_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_search (reader, "eliyev", "1");

  /* A connection without the tokenizer cannot even read the table. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &bare, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (bare, "SELECT count(*) FROM episode_search", NULL, NULL, &message);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "tokenizer"));
  sqlite3_free (message);

  efir_search_tokenizer_register (bare, &error);
  g_assert_no_error (error);
  rc = sqlite3_exec (bare, "SELECT count(*) FROM episode_search WHERE episode_search MATCH 'cetin'",
                     NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_close (bare);
}

static void
test_update_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Rewriting a title takes the row out of the index, which FTS5 does by
   * tokenizing the old text again, read from the tables before they
   * change; indexing it again finds the new words only.
   */
  efir_database_exec (fixture->db, "UPDATE episodes SET title = 'Yeni başlıq' WHERE id = 1",
                      &error);
  g_assert_no_error (error);
  assert_search (fixture->db, "eliyev", "");
  index_row (fixture->db, 1);
  assert_search (fixture->db, "title : cetin", "");
  assert_search (fixture->db, "yeni basl*", "1");
  assert_search (fixture->db, "basliq", "1");
  assert_search (fixture->db, "eliyev", "1");

  efir_database_exec (fixture->db, "DELETE FROM episodes WHERE id = 1", &error);
  g_assert_no_error (error);
  assert_search (fixture->db, "eliyev", "");

  efir_database_exec (fixture->db,
                      "INSERT INTO episode_search (episode_search) VALUES ('integrity-check')",
                      &error);
  g_assert_no_error (error);
}

/* The view the index reads its text from takes a transcript's text out
 * of its JSON without json_each(), which FTS5 may not use: it must give
 * what json_each() and ->> give, whatever the JSON holds. */
static void
test_transcript_text (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const rows[] = {
    "[]",
    "[{\"start\":0,\"end\":4.2,\"speaker\":\"Aparıcı\",\"text\":\"Xoş gəlmisiniz.\"},"
    " {\"start\":4.2,\"text\":\"Təşəkkür edirəm.\"}]",
    "[{\"text\":\"\"},{\"text\":\"\"}]",
    "[ { \"speaker\" : \"Host\" } , { \"text\" : null }, {\"text\":\"only\"} ]",
    "[{\"text\":\"quote \\\" backslash \\\\ slash \\/ tab\\t line\\n\\r\\b\\f\"}]",
    "[{\"text\":\"\\u0130lham \\u018fliyev \\u0451\\u043b\\u043a\\u0430 \\ud83d\\ude00\"}]",
    "[{\"meta\":{\"text\":\"inner\",\"list\":[1,[2,{\"a\":\"]\"}],true,false,null]},"
    "  \"text\":\"outer, after a nested object\"}]",
    "[{\"text\":\"first\"},[\"not a segment\"],{\"text\":\"last\"}]",
    "[{\"start\":1e3,\"end\":-0.5E-2,\"text\":\"numbers before\"}]",
  };
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = efir_database_prepare (fixture->db,
                                "SELECT efir_transcript_text (?1) IS"
                                "       (SELECT group_concat (value ->> '$.text', char (10))"
                                "          FROM json_each (?1)),"
                                "       efir_transcript_text (?1)",
                                &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_test_message ("%s", rows[i]);
      sqlite3_bind_text (stmt, 1, rows[i], -1, SQLITE_STATIC);
      g_assert_true (efir_database_step (fixture->db, stmt, &error));
      g_assert_no_error (error);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("“%s” gave “%s”", rows[i], (const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/search-tokenizer/azerbaijani", test_azerbaijani);
  ADD ("/store/search-tokenizer/russian", test_russian);
  ADD ("/store/search-tokenizer/english", test_english);
  ADD ("/store/search-tokenizer/snippet-keeps-original", test_snippet_keeps_original);
  ADD ("/store/search-tokenizer/rank-is-bm25", test_rank_is_bm25);
  ADD ("/store/search-tokenizer/snippet-is-snippet", test_snippet_is_snippet);
  ADD ("/store/search-tokenizer/every-connection", test_every_connection);
  ADD ("/store/search-tokenizer/update-and-delete", test_update_and_delete);
  ADD ("/store/search-tokenizer/transcript-text", test_transcript_text);

#undef ADD

  return g_test_run ();
}
