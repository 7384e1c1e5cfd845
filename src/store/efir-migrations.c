/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-migrations-private.h"

/* Types and tables ------------------------------------------------------- */

/*
 * What the entity code relies on, at the latest version:
 *
 * - Times (created_at, modified_at) are Unix time in microseconds, as
 *   g_get_real_time() gives them; the code always sets them.
 * - hosts, hashtags, social_accounts and tags are JSON arrays of strings;
 *   revisions.snapshot is a whole episode JSON document.
 * - (Version 2.) The episode JSON's "transcript" array is cut into transcripts rows of
 *   a fixed number of segments, chunk 0, 1, … in order, each a JSON array;
 *   joined in chunk order they are the whole transcript, and a saved
 *   episode has at least chunk 0, "[]" when empty. A save after an edit
 *   rewrites only the chunks whose text changed, not a three-hour
 *   transcript's 400 KB. WITHOUT ROWID keeps the rows in primary key
 *   order, so a scan of one episode reads its chunks in order.
 * - The lists of an episode (guests, quotes, social links) are rewritten
 *   whole on save, ordered by position from 0.
 * - A guest keeps its own name and role: removing someone from the people
 *   directory only unlinks them (person_id becomes NULL).
 * - episode_search indexes one row per episode, rowid = episodes.id, and
 *   keeps no text of its own (version 8): it reads it from the view
 *   episode_search_text, which snippet() shows as it was typed; its
 *   tokenizer folds only the indexed words. Triggers take an episode out
 *   of the index before its searched text changes and mark it stale; the
 *   search code indexes it again. A connection that has not registered the
 *   "efir" tokenizer (any not opened by efir_database_open(), such as the
 *   sqlite3 shell) cannot read that table, nor write episodes, guests,
 *   quotes or transcripts.
 * - air_date is ISO 8601 with its offset, or NULL; it sorts as text, right
 *   within a programme, whose episodes share its time zone's offset.
 *
 * Constraints check only what the code decides (enumerations, JSON shape)
 * and never what a producer types: a draft with a number or a slug another
 * episode has must still save, because an edit that cannot be saved is an
 * edit about to be lost. The one exception is a programme's name, which
 * efir-cli and import use to find it.
 *
 * STRICT tables make a value bound with the wrong type an error instead of
 * a silently stored surprise.
 */
static const char schema_v1[] =
  "CREATE TABLE programs ("
  "  id              INTEGER PRIMARY KEY,"
  "  name            TEXT    NOT NULL UNIQUE,"
  "  language        TEXT    NOT NULL DEFAULT 'az' CHECK (language IN ('az', 'ru', 'en')),"
  "  time_zone       TEXT    NOT NULL DEFAULT 'Asia/Baku',"
  "  description     TEXT    NOT NULL DEFAULT '',"
  "  hosts           TEXT    NOT NULL DEFAULT '[]'"
  "                  CHECK (json_valid (hosts) AND json_type (hosts) = 'array'),"
  "  hashtags        TEXT    NOT NULL DEFAULT '[]'"
  "                  CHECK (json_valid (hashtags) AND json_type (hashtags) = 'array'),"
  "  social_accounts TEXT    NOT NULL DEFAULT '[]'"
  "                  CHECK (json_valid (social_accounts) AND json_type (social_accounts) = 'array'),"
  "  created_at      INTEGER NOT NULL,"
  "  modified_at     INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE people ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT    NOT NULL,"
  "  default_role TEXT    NOT NULL DEFAULT '',"
  "  bio          TEXT    NOT NULL DEFAULT '',"
  "  photo_path   TEXT,"
  "  created_at   INTEGER NOT NULL,"
  "  modified_at  INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX people_name ON people (name);"

  /* No ON DELETE on program_id: a programme with episodes cannot be
   * deleted, its episodes are never deleted along with it.
   */
  "CREATE TABLE episodes ("
  "  id               INTEGER PRIMARY KEY,"
  "  program_id       INTEGER NOT NULL REFERENCES programs (id),"
  "  number           INTEGER,"
  "  title            TEXT    NOT NULL DEFAULT '',"
  "  air_date         TEXT,"
  "  video_url        TEXT    NOT NULL DEFAULT '',"
  "  duration_seconds INTEGER NOT NULL DEFAULT 0,"
  "  slug             TEXT    NOT NULL DEFAULT '',"
  "  summary          TEXT    NOT NULL DEFAULT '',"
  "  tags             TEXT    NOT NULL DEFAULT '[]'"
  "                   CHECK (json_valid (tags) AND json_type (tags) = 'array'),"
  "  status           TEXT    NOT NULL DEFAULT 'draft'"
  "                   CHECK (status IN ('draft', 'ready', 'scheduled', 'published', 'failed')),"
  "  created_at       INTEGER NOT NULL,"
  "  modified_at      INTEGER NOT NULL,"
  "  save_count       INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  "CREATE INDEX episodes_program_air_date ON episodes (program_id, air_date);"
  "CREATE INDEX episodes_status ON episodes (status);"

  "CREATE TABLE episode_guests ("
  "  episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL,"
  "  person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,"
  "  name       TEXT    NOT NULL,"
  "  role       TEXT    NOT NULL DEFAULT '',"
  "  PRIMARY KEY (episode_id, position)"
  ") STRICT;"
  "CREATE INDEX episode_guests_person ON episode_guests (person_id);"

  "CREATE TABLE quotes ("
  "  episode_id    INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  text          TEXT    NOT NULL DEFAULT '',"
  "  speaker       TEXT    NOT NULL DEFAULT '',"
  "  start_seconds REAL,"
  "  pull_quote    INTEGER NOT NULL DEFAULT 0 CHECK (pull_quote IN (0, 1)),"
  "  PRIMARY KEY (episode_id, position)"
  ") STRICT;"

  "CREATE TABLE transcripts ("
  "  episode_id INTEGER PRIMARY KEY REFERENCES episodes (id) ON DELETE CASCADE,"
  "  segments   TEXT    NOT NULL"
  "             CHECK (json_valid (segments) AND json_type (segments) = 'array')"
  ") STRICT;"

  "CREATE TABLE social_links ("
  "  episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL,"
  "  url        TEXT    NOT NULL,"
  "  platform   TEXT,"
  "  PRIMARY KEY (episode_id, position)"
  ") STRICT;"

  "CREATE TABLE revisions ("
  "  id         INTEGER PRIMARY KEY,"
  "  episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  reason     TEXT    NOT NULL CHECK (reason IN ('edit', 'publish', 'restore', 'import')),"
  "  snapshot   TEXT    NOT NULL CHECK (json_valid (snapshot))"
  ") STRICT;"
  "CREATE INDEX revisions_episode_created ON revisions (episode_id, created_at);"

  /* Search matches every word as a prefix, while the producer types.
   * Measured on 500 episodes with 30,000-word transcripts: a two-letter
   * prefix takes about 145 ms without prefix indexes and 5 ms with them;
   * they add about a quarter to re-indexing one such transcript (18 to
   * 22 ms) and a sixth to the file.
   */
  "CREATE VIRTUAL TABLE episode_search USING fts5 ("
  "  title, summary, quotes, guests, transcript,"
  "  tokenize = 'efir',"
  "  prefix = '2 3'"
  ");"
  "CREATE TRIGGER episodes_delete_search AFTER DELETE ON episodes "
  "BEGIN"
  "  DELETE FROM episode_search WHERE rowid = old.id;"
  "END;"

  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ") STRICT;";

/* Version 2: the transcript in chunks. A three-hour transcript in one row
 * made every save after an edit rewrite 400 KB; a version 1 transcript
 * becomes chunk 0 of its episode, and its next save cuts it into chunks. */
static const char schema_v2[] =
  "CREATE TABLE transcript_chunks ("
  "  episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  chunk      INTEGER NOT NULL DEFAULT 0,"
  "  segments   TEXT    NOT NULL"
  "             CHECK (json_valid (segments) AND json_type (segments) = 'array'),"
  "  PRIMARY KEY (episode_id, chunk)"
  ") STRICT, WITHOUT ROWID;"

  "INSERT INTO transcript_chunks (episode_id, chunk, segments)"
  "  SELECT episode_id, 0, segments FROM transcripts;"

  "DROP TABLE transcripts;"

  "ALTER TABLE transcript_chunks RENAME TO transcripts;";

/* Version 3: the episode list of a programme, as the window shows it, read
 * from one index. The window asks for the ids of a programme's episodes in
 * broadcast order (filtered by status) whenever the list changes; from the
 * table that reads every row of the programme, summary and all, and sorts
 * them, from this index it reads a few pages already in order. The sort key
 * is the moment air_date names (unixepoch), not its text: two offsets can
 * name one moment. */
static const char schema_v3[] =
  "CREATE INDEX episodes_list ON episodes"
  "  (program_id, air_date IS NULL, unixepoch (air_date), number, status);";

/* Version 4: publishing. Each episode gets the stable uuid that marks its
 * post on the site; the sites Efir signs in to (their passwords are in the
 * keyring, never here); what each site holds of each episode; the outbox of
 * publication jobs; and the site's categories and tags as they were found
 * or created.
 *
 * Publication state has tables of its own, written only by the publish
 * layer, so that a window's autosave, which rewrites the episode's row,
 * can never undo what a cron "efir-cli outbox run" learnt from the site.
 * episodes.status keeps the summary the list filters on: an editor's save
 * writes it only between "draft" and "ready".
 */
static const char schema_v4[] =
  "ALTER TABLE episodes ADD COLUMN uuid TEXT;"
  "ALTER TABLE episodes ADD COLUMN image TEXT NOT NULL DEFAULT '';"
  /* A version 4 uuid for every episode there is: random bits, with the
   * version nibble 4 and the variant bits 10. */
  "UPDATE episodes SET uuid ="
  "  lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "  || substr (lower (hex (randomblob (2))), 2) || '-'"
  "  || substr ('89ab', 1 + (abs (random ()) % 4), 1)"
  "  || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)));"
  "CREATE UNIQUE INDEX episodes_uuid ON episodes (uuid);"

  "CREATE TABLE sites ("
  "  id              INTEGER PRIMARY KEY,"
  "  url             TEXT    NOT NULL,"
  "  api_root        TEXT    NOT NULL,"
  "  user            TEXT    NOT NULL,"
  "  user_name       TEXT    NOT NULL DEFAULT '',"
  "  can_publish     INTEGER NOT NULL DEFAULT 0 CHECK (can_publish IN (0, 1)),"
  "  unfiltered_html INTEGER NOT NULL DEFAULT 0 CHECK (unfiltered_html IN (0, 1)),"
  "  wp_version      TEXT    NOT NULL DEFAULT '',"
  "  created_at      INTEGER NOT NULL,"
  "  modified_at     INTEGER NOT NULL,"
  "  UNIQUE (url, user)"
  ") STRICT;"

  "ALTER TABLE programs ADD COLUMN default_site_id INTEGER REFERENCES sites (id) ON DELETE SET NULL;"
  "ALTER TABLE programs ADD COLUMN default_category TEXT NOT NULL DEFAULT '';"

  /* What one site holds of one episode. content_hash is the hash of what
   * was last sent, so a publish of unchanged content sends nothing;
   * modified_gmt is the post's as Efir last saw it, compared before every
   * update so that a colleague's edit on the site is never overwritten.
   */
  "CREATE TABLE publications ("
  "  episode_id    INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  site_id       INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  remote_id     INTEGER,"
  "  link          TEXT    NOT NULL DEFAULT '',"
  "  remote_status TEXT    NOT NULL DEFAULT '',"
  "  date_gmt      TEXT    NOT NULL DEFAULT '',"
  "  modified_gmt  TEXT    NOT NULL DEFAULT '',"
  "  revision_id   INTEGER REFERENCES revisions (id) ON DELETE SET NULL,"
  "  content_hash  TEXT    NOT NULL DEFAULT '',"
  "  media_id      INTEGER,"
  "  image_hash    TEXT    NOT NULL DEFAULT '',"
  "  diverged      INTEGER NOT NULL DEFAULT 0 CHECK (diverged IN (0, 1)),"
  "  updated_at    INTEGER NOT NULL,"
  "  PRIMARY KEY (episode_id, site_id)"
  ") STRICT;"
  "CREATE INDEX publications_remote ON publications (site_id, remote_id);"

  /* One row per publication job. A job is written in the same transaction
   * as the "publish" revision it sends (revision_id), and a worker claims
   * it by setting state 'running' with its pid and a lease, so that two
   * processes never run one job and a killed worker's job is taken over.
   */
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY,"
  "  episode_id      INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  action          TEXT    NOT NULL"
  "                  CHECK (action IN ('publish', 'schedule', 'draft', 'withdraw', 'trash')),"
  "  publish_at      TEXT    NOT NULL DEFAULT '',"
  "  revision_id     INTEGER REFERENCES revisions (id) ON DELETE SET NULL,"
  "  state           TEXT    NOT NULL DEFAULT 'queued'"
  "                  CHECK (state IN ('queued', 'running', 'retrying', 'done', 'failed',"
  "                                   'conflict', 'cancelled')),"
  "  resolution      TEXT    NOT NULL DEFAULT ''"
  "                  CHECK (resolution IN ('', 'keep-site', 'overwrite', 'as-new-draft')),"
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  runner_pid      INTEGER NOT NULL DEFAULT 0,"
  "  lease_until     INTEGER NOT NULL DEFAULT 0,"
  "  progress        TEXT    NOT NULL DEFAULT '',"
  "  error_code      TEXT    NOT NULL DEFAULT '',"
  "  last_error      TEXT    NOT NULL DEFAULT '',"
  "  site_version    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid (site_version)),"
  "  created_at      INTEGER NOT NULL,"
  "  modified_at     INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);"
  "CREATE INDEX outbox_episode ON outbox (episode_id, id);"

  "CREATE TABLE site_terms ("
  "  site_id   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  taxonomy  TEXT    NOT NULL CHECK (taxonomy IN ('categories', 'tags')),"
  "  name_key  TEXT    NOT NULL,"
  "  remote_id INTEGER NOT NULL,"
  "  PRIMARY KEY (site_id, taxonomy, name_key)"
  ") STRICT, WITHOUT ROWID;";

/* Version 5: each programme's share templates, by platform name, as a JSON
 * object ({"x": "{title}\n{link}", …}). A platform without one uses the
 * default the social layer writes. */
static const char schema_v5[] =
  "ALTER TABLE programs ADD COLUMN share_templates TEXT NOT NULL DEFAULT '{}'"
  "  CHECK (json_valid (share_templates) AND json_type (share_templates) = 'object');";

/* Version 6: Efir's own trash. A deleted episode keeps its row, with the
 * moment it was deleted in deleted_at, and is restored by clearing it; it
 * is deleted for good 30 days later (efir-store-trash.c). Every list,
 * count and suggestion reads only the episodes not in the trash, so the
 * list index becomes partial: it holds only those, and the window's list
 * still reads it alone. An episode in the trash has no search row. */
static const char schema_v6[] =
  "ALTER TABLE episodes ADD COLUMN deleted_at INTEGER;"
  "DROP INDEX episodes_list;"
  "CREATE INDEX episodes_list ON episodes"
  "  (program_id, air_date IS NULL, unixepoch (air_date), number, status)"
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX episodes_trash ON episodes (deleted_at) WHERE deleted_at IS NOT NULL;";

/* Version 7: the schedule. The window's Schedule page and its outbox
 * worker ask for the posts scheduled on a site, and those published since
 * a day, whenever the archive changes: from this index that is a few rows
 * read in order, not every publication of every episode. */
static const char schema_v7[] =
  "CREATE INDEX publications_schedule ON publications (remote_status, date_gmt);";

/* Version 8: each transcript stored once. Until version 6 episode_search
 * kept a copy of every text it indexed, so a transcript was in the
 * archive twice, as JSON in transcripts and as text in the index's own
 * table: about 137 KB an episode, half of it that copy. From version 8
 * the index keeps no text (content = the view episode_search_text, which
 * makes the text from the tables as efir_store_index_episode_locked()
 * used to), and snippet() reads it from the view.
 *
 * FTS5 removes a row from such an index by tokenizing the text the row
 * was indexed with, read from the view: it must still be that text. So
 * the view shows exactly the rows in the index, as they were indexed:
 * episodes not in the trash and not marked stale ("search-stale:<id>" in
 * meta). Whatever changes an indexed text, in any connection, goes through
 * a trigger that first removes the row from the index, while the view
 * still shows the old text, then marks it stale, which hides it; the next
 * search indexes it again. A new episode is stale until indexed.
 *
 * The index made again gains a prefix index of one letter, besides those
 * of two and three: a query of one letter ("a", the first key of every
 * search) read the entries of every word starting with it, about 60 % of
 * 10,000 episodes' index, and merged them: 0.5 to 1.3 s.
 */
#define SEARCH_UNINDEX(id)                                                          \
  "  INSERT INTO episode_search (episode_search, rowid, title, summary, quotes,"   \
  "                              guests, transcript)"                               \
  "    SELECT 'delete', id, title, summary, quotes, guests, transcript"             \
  "      FROM episode_search_text WHERE id = " id ";"
/* Not INSERT OR IGNORE: in a trigger fired by an upsert (as transcripts
 * are written), the upsert's conflict handling overrides the trigger's. */
#define SEARCH_MARK_STALE(id)                                                       \
  "  INSERT INTO meta (key, value)"                                                 \
  "    SELECT 'search-stale:' || id, NULL FROM episodes"                            \
  "     WHERE id = " id                                                             \
  "       AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search-stale:' || " id ");"
#define SEARCH_CHILD_TRIGGER(table, name, event, row)                               \
  "CREATE TRIGGER " table "_" name "_search BEFORE " event " ON " table " "      \
  "BEGIN"                                                                           \
  SEARCH_UNINDEX (row ".episode_id")                                                \
  SEARCH_MARK_STALE (row ".episode_id")                                             \
  "END;"

static const char schema_v8[] =
  "DROP TRIGGER episodes_delete_search;"
  "DROP TABLE episode_search;"

  "CREATE VIEW episode_search_text (id, title, summary, quotes, guests, transcript) AS"
  "  SELECT e.id, e.title, e.summary,"
  "         coalesce ((SELECT group_concat (q.text || iif (q.speaker <> '', ' — ' || q.speaker, ''),"
  "                                         char (10))"
  "                      FROM (SELECT text, speaker FROM quotes"
  "                             WHERE episode_id = e.id ORDER BY position) AS q), ''),"
  "         coalesce ((SELECT group_concat (g.name || iif (g.role <> '', ', ' || g.role, ''),"
  "                                         char (10))"
  "                      FROM (SELECT name, role FROM episode_guests"
  "                             WHERE episode_id = e.id ORDER BY position) AS g), ''),"
  "         coalesce ((SELECT group_concat (x.text, char (10))"
  "                      FROM (SELECT efir_transcript_text (segments) AS text"
  "                              FROM transcripts"
  "                             WHERE episode_id = e.id"
  "                             ORDER BY chunk) AS x), '')"
  "    FROM episodes AS e"
  "   WHERE e.deleted_at IS NULL"
  "     AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search-stale:' || e.id);"

  "CREATE VIRTUAL TABLE episode_search USING fts5 ("
  "  title, summary, quotes, guests, transcript,"
  "  content = 'episode_search_text',"
  "  content_rowid = 'id',"
  "  tokenize = 'efir',"
  "  prefix = '1 2 3'"
  ");"
  "INSERT INTO episode_search (episode_search) VALUES ('rebuild');"

  "CREATE TRIGGER episodes_insert_search AFTER INSERT ON episodes "
  "BEGIN"
  SEARCH_MARK_STALE ("new.id")
  "END;"
  "CREATE TRIGGER episodes_update_search BEFORE UPDATE OF title, summary, deleted_at ON episodes "
  "  WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary"
  "    OR old.deleted_at IS NOT new.deleted_at "
  "BEGIN"
  SEARCH_UNINDEX ("old.id")
  SEARCH_MARK_STALE ("old.id")
  "END;"
  /* Its children go after it (ON DELETE CASCADE) and find it gone, so
   * they neither unindex it again nor mark it. */
  "CREATE TRIGGER episodes_delete_search BEFORE DELETE ON episodes "
  "BEGIN"
  SEARCH_UNINDEX ("old.id")
  "END;"
  "CREATE TRIGGER episodes_deleted_search AFTER DELETE ON episodes "
  "BEGIN"
  "  DELETE FROM meta WHERE key = 'search-stale:' || old.id;"
  "END;"
  SEARCH_CHILD_TRIGGER ("quotes", "insert", "INSERT", "new")
  SEARCH_CHILD_TRIGGER ("quotes", "update", "UPDATE OF position, text, speaker", "old")
  SEARCH_CHILD_TRIGGER ("quotes", "delete", "DELETE", "old")
  SEARCH_CHILD_TRIGGER ("episode_guests", "insert", "INSERT", "new")
  SEARCH_CHILD_TRIGGER ("episode_guests", "update", "UPDATE OF position, name, role", "old")
  SEARCH_CHILD_TRIGGER ("episode_guests", "delete", "DELETE", "old")
  SEARCH_CHILD_TRIGGER ("transcripts", "insert", "INSERT", "new")
  SEARCH_CHILD_TRIGGER ("transcripts", "update", "UPDATE OF chunk, segments", "old")
  SEARCH_CHILD_TRIGGER ("transcripts", "delete", "DELETE", "old");

static const EfirMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
  { 5, schema_v5 },
  { 6, schema_v6 },
  { 7, schema_v7 },
  { 8, schema_v8 },
};

/* Helpers ---------------------------------------------------------------- */

static gboolean
read_integer (EfirDatabase  *db,
              const char    *sql,
              gint64        *value,
              GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stmt = efir_database_prepare (db, sql, error)))
    return FALSE;

  if (!efir_database_step (db, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                     "No result from %s", sql);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
check_version (EfirDatabase  *db,
               guint          latest,
               guint         *version,
               GError       **error)
{
  g_autofree char *name = NULL;
  gint64 user_version;
  gint64 application_id;
  gint64 n_objects;

  if (!read_integer (db, "PRAGMA user_version", &user_version, error)
      || !read_integer (db, "PRAGMA application_id", &application_id, error)
      || !read_integer (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  name = g_filename_display_name (efir_database_get_path (db));

  /* A blank SQLite file is a new Efir database; one with another
   * application id, or with tables but none of ours, is not.
   */
  if (application_id != EFIR_APPLICATION_ID
      && (application_id != 0 || user_version != 0 || n_objects != 0))
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not an Efir database."), name);
      return FALSE;
    }

  if (user_version < 0 || user_version > latest)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was saved by a newer version of Efir. Update "
                     "Efir to open it."),
                   name);
      return FALSE;
    }

  *version = user_version;
  return TRUE;
}

static gboolean
check_foreign_keys (EfirDatabase  *db,
                    GError       **error)
{
  gint64 n_broken;

  if (!read_integer (db, "SELECT count(*) FROM pragma_foreign_key_check", &n_broken, error))
    return FALSE;

  if (n_broken > 0)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE,
                   "%" G_GINT64_FORMAT " rows would refer to rows that do not exist", n_broken);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_locked (EfirDatabase         *db,
              const EfirMigration  *migration,
              guint                 latest,
              gboolean             *applied,
              GError              **error)
{
  g_autofree char *stamp = NULL;
  guint version;

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  /* Read again under the write lock: another process (efir-cli run by
   * cron, a second Efir) may have migrated in between.
   */
  if (!check_version (db, latest, &version, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  if (version >= migration->version)
    return efir_database_commit (db, error);

  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                           EFIR_APPLICATION_ID, migration->version);

  if (!efir_database_exec (db, migration->sql, error)
      || !check_foreign_keys (db, error)
      || !efir_database_exec (db, stamp, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  if (!efir_database_commit (db, error))
    return FALSE;

  *applied = TRUE;
  return TRUE;
}

static gboolean
apply_one (EfirDatabase         *db,
           const EfirMigration  *migration,
           guint                 latest,
           gboolean             *applied,
           GError              **error)
{
  gboolean ok;

  *applied = FALSE;

  /* SQLite changes a column by rebuilding its table, and dropping the old
   * table deletes, with foreign keys on, every row that cascades from it:
   * a migration rebuilding episodes would empty episode_guests, quotes,
   * transcripts and revisions. The switch has no effect inside a
   * transaction, so it is turned off around it, and the foreign key check
   * before the commit stands in for it.
   */
  ok = efir_database_exec (db, "PRAGMA foreign_keys = OFF", error)
       && apply_locked (db, migration, latest, applied, error);

  if (!efir_database_exec (db, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    ok = FALSE;

  return ok;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_migrations_latest_version:
 *
 * Returns: the schema version this Efir writes
 */
guint
efir_migrations_latest_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

/**
 * efir_migrations_check:
 * @db: an #EfirDatabase
 * @version: (out): the schema version of @db, 0 for a new database
 * @error: return location for a #GError
 *
 * Reads the schema version of @db, writing nothing, and checks that this
 * Efir can use it: %EFIR_STORE_ERROR_TOO_NEW for a database from a newer
 * Efir, %EFIR_STORE_ERROR_NOT_A_DATABASE for another program's database.
 *
 * Returns: %TRUE when @db is an Efir database this version can migrate
 */
gboolean
efir_migrations_check (EfirDatabase  *db,
                       guint         *version,
                       GError       **error)
{
  g_return_val_if_fail (EFIR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  return check_version (db, efir_migrations_latest_version (), version, error);
}

/* An upgrade that rewrote tables (version 8 drops the index's copy of
 * every transcript) leaves their old pages free in the file: a quarter of
 * a 700 MB archive. They are given back once, after the upgrade, rather
 * than kept for ever; a failure (no room for the copy VACUUM writes) only
 * leaves them for later. The log is then written into the file, so that
 * the file's header says the new version to efir_store_needs_upgrade()
 * (and VACUUM's log, as big as the file, goes). */
static void
finish_upgrade (EfirDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 free_pages = 0;
  gint64 pages = 0;

  if (read_integer (db, "PRAGMA freelist_count", &free_pages, &error)
      && read_integer (db, "PRAGMA page_count", &pages, &error)
      && free_pages * 8 >= pages)
    efir_database_exec (db, "VACUUM", &error);

  if (error == NULL)
    efir_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error);

  if (error != NULL)
    g_debug ("%s: not compacted after the upgrade: %s", efir_database_get_path (db),
             error->message);
}

gboolean
efir_migrations_apply_list (EfirDatabase         *db,
                            const EfirMigration  *list,
                            guint                 n_migrations,
                            guint                 target_version,
                            GError              **error)
{
  guint latest;
  guint version;
  guint from;
  gboolean upgraded = FALSE;

  g_return_val_if_fail (EFIR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (list != NULL && n_migrations > 0, FALSE);
  g_return_val_if_fail (!efir_database_in_transaction (db), FALSE);

  latest = list[n_migrations - 1].version;
  g_return_val_if_fail (target_version <= latest, FALSE);

  /* Refuse before taking the write lock: a database this Efir cannot use
   * is not written to at all.
   */
  if (!check_version (db, latest, &version, error))
    return FALSE;
  from = version;

  for (guint i = 0; i < n_migrations && list[i].version <= target_version; i++)
    {
      gboolean applied;

      g_assert (list[i].version == i + 1);

      if (list[i].version <= version)
        continue;

      if (!apply_one (db, &list[i], latest, &applied, error))
        {
          /* Translators: %u is a schema version; the reason follows. */
          g_prefix_error (error, _("Could not upgrade the database to version %u: "),
                          list[i].version);
          return FALSE;
        }

      if (applied)
        g_debug ("%s: schema version %u", efir_database_get_path (db), list[i].version);
      upgraded |= applied && from > 0;
      version = list[i].version;
    }

  if (upgraded)
    finish_upgrade (db);

  return TRUE;
}

gboolean
efir_migrations_apply_to (EfirDatabase  *db,
                          guint          target_version,
                          GError       **error)
{
  return efir_migrations_apply_list (db, migrations, G_N_ELEMENTS (migrations),
                                     target_version, error);
}

/**
 * efir_migrations_apply:
 * @db: a read-write #EfirDatabase
 * @error: return location for a #GError
 *
 * Brings @db to the latest schema version, each migration in its own
 * BEGIN IMMEDIATE transaction that also sets user_version, so a power cut
 * leaves the database at one version or the next, never in between. A
 * database newer than this Efir is refused with %EFIR_STORE_ERROR_TOO_NEW
 * and nothing is written.
 *
 * Returns: %TRUE when @db is at the latest version
 */
gboolean
efir_migrations_apply (EfirDatabase  *db,
                       GError       **error)
{
  return efir_migrations_apply_to (db, efir_migrations_latest_version (), error);
}
