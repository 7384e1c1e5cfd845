/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-migrations"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "efir-database.h"
#include "efir-migrations-private.h"
#include "efir-test-util.h"

/* Rows written at each schema version ------------------------------------ */

/*
 * The upgrade test builds a database at every version k from 0 to the
 * latest, writes rows_at_version[k].insert in the schema of version k,
 * migrates to the latest version and runs rows_at_version[k].checks, each a
 * query in the latest schema that must return 1. When a migration to
 * version n+1 is added, version n needs an entry here (the test fails
 * until it has one), and the checks of older versions are updated to the
 * new schema: that is how each migration gets its upgrade test.
 */

static const char v1_insert[] =
  "INSERT INTO programs (id, name, language, hosts, hashtags, created_at, modified_at)"
  " VALUES (7, 'Çətin sual', 'az', '[\"Aparıcı\"]', '[\"#çətinsual\"]', 1, 2);"
  "INSERT INTO people (id, name, default_role, created_at, modified_at)"
  " VALUES (3, 'Nəsimi Məmmədli', 'Politoloq', 1, 1);"
  "INSERT INTO episodes (id, program_id, number, title, air_date, video_url, duration_seconds,"
  "                      summary, tags, status, created_at, modified_at, save_count)"
  " VALUES (112, 7, 112, 'Rusiya və İran', '2024-10-04T20:00:00+04:00',"
  "         'https://www.youtube.com/watch?v=Rk3mQ2vT8pA', 1740, 'Xülasə', '[\"Rusiya\",\"İran\"]',"
  "         'published', 10, 20, 5);"
  "INSERT INTO episode_guests VALUES (112, 0, 3, 'Nəsimi Məmmədli', 'Politoloq');"
  "INSERT INTO episode_guests VALUES (112, 1, NULL, 'Qonaq', '');"
  "INSERT INTO quotes VALUES (112, 0, 'Sual çətindir.', 'Nəsimi Məmmədli', 1234.5, 1);"
  "INSERT INTO transcripts (episode_id, segments)"
  " VALUES (112, '[{\"start\":0.0,\"end\":4.2,\"speaker\":\"Aparıcı\","
  "                \"text\":\"Xoş gəlmisiniz.\"},"
  "               {\"start\":4.2,\"end\":9.0,\"speaker\":\"Nəsimi Məmmədli\","
  "                \"text\":\"Təşəkkür edirəm.\"}]');"
  "INSERT INTO social_links VALUES (112, 0, 'https://t.me/cetinsual/112', 'telegram');"
  "INSERT INTO revisions (episode_id, created_at, reason, snapshot)"
  " VALUES (112, 15, 'publish', '{\"format\":\"efir-episode/1\",\"number\":112}');"
  "INSERT INTO episode_search (rowid, title, summary, quotes, guests, transcript)"
  " VALUES (112, 'Rusiya və İran', 'Xülasə', 'Sual çətindir.', 'Nəsimi Məmmədli Politoloq',"
  "         'Xoş gəlmisiniz. Təşəkkür edirəm.');"
  "INSERT INTO meta VALUES ('last_backup', '2024-10-04');";

/* From version 8 the search index reads its text from the tables, and
 * is built from them. */
static const char v8_insert[] =
  "INSERT INTO programs (id, name, language, hosts, hashtags, created_at, modified_at)"
  " VALUES (7, 'Çətin sual', 'az', '[\"Aparıcı\"]', '[\"#çətinsual\"]', 1, 2);"
  "INSERT INTO people (id, name, default_role, created_at, modified_at)"
  " VALUES (3, 'Nəsimi Məmmədli', 'Politoloq', 1, 1);"
  "INSERT INTO episodes (id, program_id, number, title, air_date, video_url, duration_seconds,"
  "                      summary, tags, status, created_at, modified_at, save_count)"
  " VALUES (112, 7, 112, 'Rusiya və İran', '2024-10-04T20:00:00+04:00',"
  "         'https://www.youtube.com/watch?v=Rk3mQ2vT8pA', 1740, 'Xülasə', '[\"Rusiya\",\"İran\"]',"
  "         'published', 10, 20, 5);"
  "INSERT INTO episode_guests VALUES (112, 0, 3, 'Nəsimi Məmmədli', 'Politoloq');"
  "INSERT INTO episode_guests VALUES (112, 1, NULL, 'Qonaq', '');"
  "INSERT INTO quotes VALUES (112, 0, 'Sual çətindir.', 'Nəsimi Məmmədli', 1234.5, 1);"
  "INSERT INTO transcripts (episode_id, segments)"
  " VALUES (112, '[{\"start\":0.0,\"end\":4.2,\"speaker\":\"Aparıcı\","
  "                \"text\":\"Xoş gəlmisiniz.\"},"
  "               {\"start\":4.2,\"end\":9.0,\"speaker\":\"Nəsimi Məmmədli\","
  "                \"text\":\"Təşəkkür edirəm.\"}]');"
  "INSERT INTO social_links VALUES (112, 0, 'https://t.me/cetinsual/112', 'telegram');"
  "INSERT INTO revisions (episode_id, created_at, reason, snapshot)"
  " VALUES (112, 15, 'publish', '{\"format\":\"efir-episode/1\",\"number\":112}');"
  "DELETE FROM meta WHERE key = 'search-stale:112';"
  "INSERT INTO episode_search (episode_search) VALUES ('rebuild');"
  "INSERT INTO meta VALUES ('last_backup', '2024-10-04');";

static const char *const v1_checks[] = {
  "SELECT count(*) = 1 FROM programs WHERE id = 7 AND name = 'Çətin sual' AND language = 'az'"
  "  AND time_zone = 'Asia/Baku' AND hosts = '[\"Aparıcı\"]' AND created_at = 1",
  "SELECT count(*) = 1 FROM people WHERE id = 3 AND name = 'Nəsimi Məmmədli'",
  "SELECT count(*) = 1 FROM episodes WHERE id = 112 AND program_id = 7 AND number = 112"
  "  AND title = 'Rusiya və İran' AND air_date = '2024-10-04T20:00:00+04:00'"
  "  AND duration_seconds = 1740 AND status = 'published' AND save_count = 5"
  "  AND json_array_length (tags) = 2",
  "SELECT group_concat (name || '/' || role, '|') = 'Nəsimi Məmmədli/Politoloq|Qonaq/'"
  "  FROM (SELECT * FROM episode_guests WHERE episode_id = 112 ORDER BY position)",
  "SELECT person_id = 3 FROM episode_guests WHERE episode_id = 112 AND position = 0",
  "SELECT start_seconds = 1234.5 AND pull_quote = 1 FROM quotes WHERE episode_id = 112",
  "SELECT json_array_length (segments) = 2 FROM transcripts WHERE episode_id = 112",
  "SELECT url = 'https://t.me/cetinsual/112' FROM social_links WHERE episode_id = 112",
  "SELECT count(*) = 1 FROM revisions WHERE episode_id = 112 AND reason = 'publish'",
  "SELECT rowid = 112 FROM episode_search WHERE episode_search MATCH 'memmedli'",
  /* Version 8 indexes the episodes again from the tables, which the
   * snippets then show. */
  "SELECT highlight (episode_search, 3, '[', ']')"
  "       = '[Nəsimi] Məmmədli, Politoloq' || char (10) || 'Qonaq'"
  "  FROM episode_search WHERE episode_search MATCH 'nesimi'",
  "SELECT highlight (episode_search, 4, '[', ']')"
  "       = 'Xoş gəlmisiniz.' || char (10) || 'Təşəkkür [edirəm].'"
  "  FROM episode_search WHERE episode_search MATCH 'edirem'",
  "SELECT count(*) = 1 FROM episode_search WHERE episode_search MATCH 'sual cetindir'",
  "SELECT rowid = 112 FROM episode_search WHERE episode_search MATCH '\"m\"*'",
  "SELECT value = '2024-10-04' FROM meta WHERE key = 'last_backup'",
  /* Programmes from before share templates have none, and take one. */
  "SELECT share_templates = '{}' FROM programs WHERE id = 7",
  "UPDATE programs SET share_templates = '{\"x\": \"{title} {link}\"}' WHERE id = 7 RETURNING 1",
  /* Episodes from before the trash are not in it, and the list index
   * holds them. */
  "SELECT deleted_at IS NULL FROM episodes WHERE id = 112",
  "SELECT count(*) = 1 FROM episodes INDEXED BY episodes_list"
  "  WHERE program_id = 7 AND deleted_at IS NULL",
  NULL
};

/* Episodes written before version 4 get a uuid of their own, of version 4,
 * when the archive is upgraded. */
static const char *const uuid_checks[] = {
  "SELECT count(*) = 0 FROM episodes WHERE uuid IS NULL"
  "   OR uuid NOT GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
  "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-4[0-9a-f][0-9a-f][0-9a-f]-[89ab][0-9a-f][0-9a-f][0-9a-f]-"
  "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'",
  "SELECT count(DISTINCT uuid) = count(*) FROM episodes",
  "SELECT status = 'published' FROM episodes WHERE id = 112",
  NULL
};

static const struct {
  const char        *insert;
  const char *const *checks;
} rows_at_version[] = {
  { NULL, NULL }, /* version 0: a new, empty file */
  { v1_insert, v1_checks },
  /* Versions 2 to 7 keep every column version 1 had, so the same rows fit. */
  { v1_insert, v1_checks },
  { v1_insert, v1_checks },
  { v1_insert, v1_checks },
  { v1_insert, v1_checks },
  { v1_insert, v1_checks },
  { v1_insert, v1_checks },
  { v8_insert, v1_checks },
};

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = efir_test_make_dir ("efir-store-migrations");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static EfirDatabase *
open_database (const char *path)
{
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = efir_database_open (path, EFIR_DATABASE_CREATE, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&db);
}

static gint64
query_integer (EfirDatabase *db,
               const char   *sql)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row;

  stmt = efir_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  has_row = efir_database_step (db, stmt, &error);
  g_assert_no_error (error);
  g_assert_true (has_row);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (EfirDatabase *db,
            const char   *sql)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = efir_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (!efir_database_step (db, stmt, &error))
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The database file and its write-ahead log, as one checksum. */
static char *
checksum_files (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, length);
      g_checksum_update (checksum, (const guchar *) "|", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Version 1 as the entity code relies on it; each later version adds its
 * own expectations here.
 */
static void
assert_latest_schema (EfirDatabase *db)
{
  static const struct {
    const char *table;
    const char *columns;
  } tables[] = {
    { "programs", "id,name,language,time_zone,description,hosts,hashtags,social_accounts,"
                  "created_at,modified_at,default_site_id,default_category,share_templates" },
    { "sites", "id,url,api_root,user,user_name,can_publish,unfiltered_html,wp_version,"
               "created_at,modified_at" },
    { "publications", "episode_id,site_id,remote_id,link,remote_status,date_gmt,modified_gmt,"
                      "revision_id,content_hash,media_id,image_hash,diverged,updated_at" },
    { "outbox", "id,episode_id,site_id,action,publish_at,revision_id,state,resolution,attempts,"
                "next_attempt_at,runner_pid,lease_until,progress,error_code,last_error,"
                "site_version,created_at,modified_at" },
    { "site_terms", "site_id,taxonomy,name_key,remote_id" },
    { "people", "id,name,default_role,bio,photo_path,created_at,modified_at" },
    { "episodes", "id,program_id,number,title,air_date,video_url,duration_seconds,slug,summary,"
                  "tags,status,created_at,modified_at,save_count,uuid,image,deleted_at" },
    { "episode_guests", "episode_id,position,person_id,name,role" },
    { "quotes", "episode_id,position,text,speaker,start_seconds,pull_quote" },
    { "transcripts", "episode_id,chunk,segments" },
    { "social_links", "episode_id,position,url,platform" },
    { "revisions", "id,episode_id,created_at,reason,snapshot" },
    { "episode_search", "title,summary,quotes,guests,transcript" },
    { "meta", "key,value" },
  };
  static const char *indexes[] = {
    "people_name", "episodes_program_air_date", "episodes_status", "episode_guests_person",
    "revisions_episode_created", "episodes_list", "episodes_uuid", "publications_remote",
    "outbox_due", "outbox_episode", "episodes_trash", "publications_schedule",
  };
  g_autoptr(EfirStatement) columns = NULL;
  g_autoptr(EfirStatement) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search_sql = NULL;

  g_assert_cmpint (query_integer (db, "PRAGMA user_version"), ==, efir_migrations_latest_version ());
  g_assert_cmpint (query_integer (db, "PRAGMA application_id"), ==, EFIR_APPLICATION_ID);

  columns = efir_database_prepare (db,
                                   "SELECT group_concat (name, ',')"
                                   " FROM (SELECT name FROM pragma_table_info (?1) ORDER BY cid)",
                                   &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_bind_text (columns, 1, tables[i].table, -1, SQLITE_STATIC);
      g_assert_true (efir_database_step (db, columns, &error));
      g_assert_cmpstr ((const char *) sqlite3_column_text (columns, 0), ==, tables[i].columns);
      sqlite3_reset (columns);
    }

  index = efir_database_prepare (db,
                                 "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                 &error);
  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      sqlite3_bind_text (index, 1, indexes[i], -1, SQLITE_STATIC);
      g_assert_true (efir_database_step (db, index, &error));
      g_assert_cmpint (sqlite3_column_int (index, 0), ==, 1);
      sqlite3_reset (index);
    }

  search_sql = query_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'episode_search'");
  g_assert_nonnull (strstr (search_sql, "fts5"));
  g_assert_nonnull (strstr (search_sql, "tokenize = 'efir'"));
  /* The index keeps no copy of the text: each transcript is stored once. */
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE name = 'episode_search_content'"),
                   ==, 0);
  efir_database_exec (db, "INSERT INTO episode_search (episode_search) VALUES ('integrity-check')",
                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (search_sql, "prefix = '1 2 3'"));
  /* Deleting an episode still deletes its search row. */
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM sqlite_schema"
                                      " WHERE type = 'trigger' AND name = 'episodes_delete_search'"),
                   ==, 1);

  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  {
    g_autofree char *verdict = query_text (db, "PRAGMA integrity_check");

    g_assert_cmpstr (verdict, ==, "ok");
  }
}

/* Tests ------------------------------------------------------------------ */

static void
test_upgrade_from_every_version (Fixture       *fixture,
                                 gconstpointer  data)
{
  guint latest = efir_migrations_latest_version ();

  g_assert_cmpuint (latest, >=, 1);
  /* A new migration needs rows written at the version before it. */
  g_assert_cmpuint (G_N_ELEMENTS (rows_at_version), ==, latest + 1);

  for (guint k = 0; k <= latest; k++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("from version %u", k);
      path = g_strdup_printf ("%s/upgrade-from-%u.db", fixture->dir, k);

      {
        g_autoptr(EfirDatabase) old = open_database (path);

        efir_migrations_apply_to (old, k, &error);
        g_assert_no_error (error);
        g_assert_cmpint (query_integer (old, "PRAGMA user_version"), ==, k);
        if (rows_at_version[k].insert != NULL)
          {
            efir_database_exec (old, rows_at_version[k].insert, &error);
            g_assert_no_error (error);
          }
      }

      /* Reopened as Efir does after an update: checked, then migrated. */
      {
        g_autoptr(EfirDatabase) db = open_database (path);

        efir_migrations_apply (db, &error);
        g_assert_no_error (error);
        assert_latest_schema (db);

        for (guint i = 0; k >= 1 && k < 4 && uuid_checks[i] != NULL; i++)
          g_assert_cmpint (query_integer (db, uuid_checks[i]), ==, 1);

        for (guint i = 0; rows_at_version[k].checks != NULL && rows_at_version[k].checks[i]; i++)
          {
            g_test_message ("%s", rows_at_version[k].checks[i]);
            g_assert_cmpint (query_integer (db, rows_at_version[k].checks[i]), ==, 1);
          }
      }
    }
}

/* An archive of version 7 kept each transcript twice, in its table and
 * in the search index; upgraded, the file gives the index's copy back
 * instead of keeping its pages free for ever. */
static void
test_upgrade_gives_back_room (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GStatBuf before;
  GStatBuf after;

  {
    g_autoptr(EfirDatabase) old = open_database (fixture->path);

    efir_migrations_apply_to (old, 7, &error);
    g_assert_no_error (error);
    /* 150 episodes with transcripts of some 16,000 distinct words. */
    efir_database_exec (old,
                        "INSERT INTO programs (id, name, created_at, modified_at)"
                        " VALUES (7, 'Çətin sual', 1, 1);"
                        "CREATE TEMP TABLE texts AS"
                        "  WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)"
                        "  SELECT i, replace (hex (randomblob (8000)), '0', ' ') AS text FROM n;"
                        "INSERT INTO episodes (id, program_id, number, title, created_at, modified_at,"
                        "                      save_count)"
                        "  SELECT i, 7, i, 'Buraxılış ' || i, 1, 1, 1 FROM texts;"
                        "INSERT INTO transcripts (episode_id, segments)"
                        "  SELECT i, json_array (json_object ('start', 0.0, 'end', 1.0, 'speaker', '',"
                        "                                     'text', text)) FROM texts;"
                        "INSERT INTO episode_search (rowid, title, summary, quotes, guests, transcript)"
                        "  SELECT i, 'Buraxılış ' || i, '', '', '', text FROM texts;",
                        &error);
    g_assert_no_error (error);
    efir_database_exec (old, "PRAGMA wal_checkpoint(TRUNCATE)", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);

  {
    g_autoptr(EfirDatabase) db = open_database (fixture->path);

    efir_migrations_apply (db, &error);
    g_assert_no_error (error);
    assert_latest_schema (db);
    g_assert_cmpint (query_integer (db, "PRAGMA freelist_count"), ==, 0);
    g_assert_cmpint (query_integer (db, "SELECT count(*) FROM episode_search"
                                        " WHERE episode_search MATCH 'buraxilis'"), ==, 150);
  }
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_assert_cmpint (after.st_size, <, before.st_size * 3 / 4);
}

static void
test_apply_twice (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_database (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  efir_migrations_apply (db, &error);
  g_assert_no_error (error);
  efir_database_exec (db, rows_at_version[1].insert, &error);
  g_assert_no_error (error);

  /* Every start applies migrations: at the latest version that writes nothing. */
  before = checksum_files (fixture->path);
  efir_migrations_apply (db, &error);
  g_assert_no_error (error);
  after = checksum_files (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM episodes"), ==, 1);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_database (fixture->path);
  g_autoptr(EfirDatabase) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint version = 0;

  efir_migrations_apply (db, &error);
  g_assert_no_error (error);
  efir_database_exec (db, "PRAGMA user_version = 999", &error);
  g_assert_no_error (error);

  before = checksum_files (fixture->path);
  g_assert_false (efir_migrations_apply (db, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  g_assert_false (efir_migrations_check (db, &version, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  after = checksum_files (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_integer (db, "PRAGMA user_version"), ==, 999);
  g_assert_false (efir_database_in_transaction (db));
  g_clear_object (&db);

  /* Nor will a later start open it for writing. */
  again = efir_database_open (fixture->path, EFIR_DATABASE_CREATE, &error);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_TOO_NEW);
  g_assert_null (again);
}

static void
test_foreign_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_database (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Another program's database, given with --db by mistake. */
  efir_database_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)", &error);
  g_assert_no_error (error);

  before = checksum_files (fixture->path);
  g_assert_false (efir_migrations_apply (db, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_A_DATABASE);
  after = checksum_files (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM sqlite_schema"), ==, 1);
}

static void
test_failure_rolls_back (Fixture       *fixture,
                         gconstpointer  data)
{
  static const EfirMigration broken[] = {
    { 1, "CREATE TABLE a (x TEXT);" },
    { 2, "CREATE TABLE b (x TEXT); INSERT INTO a VALUES ('from 2'); CREATE TABLE a (y TEXT);" },
  };
  static const EfirMigration fixed[] = {
    { 1, "CREATE TABLE a (x TEXT);" },
    { 2, "CREATE TABLE b (x TEXT); INSERT INTO a VALUES ('from 2');" },
  };
  g_autoptr(EfirDatabase) db = open_database (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_false (efir_migrations_apply_list (db, broken, G_N_ELEMENTS (broken), 2, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_clear_error (&error);

  /* Version 1 stays applied; nothing of version 2 is left half-done. */
  g_assert_cmpint (query_integer (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), ==, 0);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM a"), ==, 0);
  g_assert_false (efir_database_in_transaction (db));

  efir_migrations_apply_list (db, fixed, G_N_ELEMENTS (fixed), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM a"), ==, 1);
}

static void
test_rebuild_keeps_children (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Version 2 changes a column of the parent the way SQLite allows it:
   * a new table, a copy, DROP the old one, rename. Version 3 leaves a
   * child pointing at nothing.
   */
  static const EfirMigration list[] = {
    { 1, "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);"
         "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,"
         "                    text TEXT NOT NULL);"
         "INSERT INTO parent VALUES (1, 'episode');"
         "INSERT INTO child VALUES (1, 'a transcript of three hours');" },
    { 2, "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
         "INSERT INTO parent_new SELECT id, coalesce (name, '') FROM parent;"
         "DROP TABLE parent;"
         "ALTER TABLE parent_new RENAME TO parent;" },
    { 3, "DELETE FROM parent;" },
  };
  g_autoptr(EfirDatabase) db = open_database (fixture->path);
  g_autoptr(GError) error = NULL;

  efir_migrations_apply_list (db, list, G_N_ELEMENTS (list), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM child"), ==, 1);
  g_assert_cmpint (query_integer (db, "PRAGMA foreign_keys"), ==, 1);

  g_assert_false (efir_migrations_apply_list (db, list, G_N_ELEMENTS (list), 3, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE);
  g_clear_error (&error);
  g_assert_cmpint (query_integer (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM parent"), ==, 1);
  g_assert_cmpint (query_integer (db, "PRAGMA foreign_keys"), ==, 1);
}

static void
test_schema_contract (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EfirDatabase) db = open_database (fixture->path);
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *sql;
    int         code;
  } refused[] = {
    { "INSERT INTO programs (name, created_at, modified_at) VALUES ('Çətin sual', 0, 0)",
      EFIR_STORE_ERROR_CONFLICT },
    { "INSERT INTO programs (name, language, created_at, modified_at) VALUES ('X', 'de', 0, 0)",
      EFIR_STORE_ERROR_SQLITE },
    { "UPDATE episodes SET status = 'deleted'", EFIR_STORE_ERROR_SQLITE },
    { "UPDATE episodes SET tags = '{\"a\": 1}'", EFIR_STORE_ERROR_SQLITE },
    { "UPDATE episodes SET tags = '[unclosed'", EFIR_STORE_ERROR_SQLITE },
    { "UPDATE episodes SET number = 'twelve'", EFIR_STORE_ERROR_SQLITE },
    { "INSERT INTO revisions (episode_id, created_at, reason, snapshot)"
      " VALUES (112, 0, 'autosave', '{}')", EFIR_STORE_ERROR_SQLITE },
    { "INSERT INTO episodes (program_id, created_at, modified_at) VALUES (99, 0, 0)",
      EFIR_STORE_ERROR_SQLITE },
    { "DELETE FROM programs WHERE id = 7", EFIR_STORE_ERROR_SQLITE },
  };

  efir_migrations_apply (db, &error);
  g_assert_no_error (error);
  efir_database_exec (db, v8_insert, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i].sql);
      g_assert_false (efir_database_exec (db, refused[i].sql, &error));
      g_assert_error (error, EFIR_STORE_ERROR, refused[i].code);
      g_clear_error (&error);
    }

  /* What a producer types never makes a save fail: two drafts may share a
   * number or a slug.
   */
  efir_database_exec (db,
                      "INSERT INTO episodes (program_id, number, slug, created_at, modified_at)"
                      " VALUES (7, 112, '', 30, 30);"
                      "UPDATE episodes SET slug = 'same' WHERE program_id = 7;",
                      &error);
  g_assert_no_error (error);

  /* Removing someone from the directory keeps them on the episode. */
  efir_database_exec (db, "DELETE FROM people WHERE id = 3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (db, "SELECT person_id IS NULL AND name = 'Nəsimi Məmmədli'"
                                      " FROM episode_guests WHERE episode_id = 112 AND position = 0"),
                   ==, 1);

  /* Deleting an episode takes everything of it along, its search row too. */
  efir_database_exec (db, "DELETE FROM episodes WHERE id = 112", &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (db,
                                  "SELECT (SELECT count(*) FROM episode_guests)"
                                  "     + (SELECT count(*) FROM quotes)"
                                  "     + (SELECT count(*) FROM transcripts)"
                                  "     + (SELECT count(*) FROM social_links)"
                                  "     + (SELECT count(*) FROM revisions)"
                                  "     + (SELECT count(*) FROM episode_search)"),
                   ==, 0);
  efir_database_exec (db, "INSERT INTO episode_search (episode_search) VALUES ('integrity-check')",
                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_integer (db, "SELECT count(*) FROM episodes"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/migrations/upgrade-from-every-version", test_upgrade_from_every_version);
  ADD ("/store/migrations/upgrade-gives-back-room", test_upgrade_gives_back_room);
  ADD ("/store/migrations/apply-twice", test_apply_twice);
  ADD ("/store/migrations/too-new", test_too_new);
  ADD ("/store/migrations/foreign-database", test_foreign_database);
  ADD ("/store/migrations/failure-rolls-back", test_failure_rolls_back);
  ADD ("/store/migrations/rebuild-keeps-children", test_rebuild_keeps_children);
  ADD ("/store/migrations/schema-contract", test_schema_contract);

#undef ADD

  return g_test_run ();
}
