/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-store"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "efir-archive-generator.h"
#include "efir-bench-samples.h"
#include "efir-backup.h"
#include "efir-episode-json.h"
#include "efir-episode-list.h"
#include "efir-search-tokenizer.h"
#include "efir-store-check.h"
#include "efir-store-private.h"
#include "efir-store.h"
#include "efir-test-util.h"

/*
 * What the store costs on a full archive: opening it and listing every
 * episode, searching it, and saving the largest episode a producer edits.
 *
 * The archive (5,000 episodes of about 6,000 words) is generated once into
 * a temporary folder, or reused from EFIR_BENCH_ARCHIVE (generated there
 * first if the file does not exist yet). Targets are printed beside the
 * numbers; nothing is asserted, since the numbers depend on the machine.
 */

/* Types and tables ------------------------------------------------------- */

#define N_EPISODES          5000
#define FIRST_SAVE_RUNS     3
#define SEED                1
#define OPEN_RUNS           15
#define SEARCH_REPETITIONS  20
#define SAVE_RUNS           60
#define WARM_UP_RUNS        3
#define CLI_RUNS            21

/* As many hits as efir-cli asks for. */
#define SEARCH_LIMIT        50

#define SEARCH_P50_TARGET_MS  20.0
#define SEARCH_RATIO_TARGET   1.5
#define SAVE_MEDIAN_TARGET_MS 5.0
#define CLI_TARGET_MS         100.0

typedef struct
{
  const char *text;
  const char *what;
} Query;

/* What producers type: names and words without the letters their keyboard
 * lacks, prefixes, two words.
 */
static const Query queries[] = {
  { "cetin sual",  "programme name, without ç ə" },
  { "eliyev",      "surname Əliyev, without ə" },
  { "ilham",       "first name İlham" },
  { "ёлка",        "Russian word with ё" },
  { "mammad",      "prefix: Mammadov, Mammadli" },
  { "iran russia", "two English words" },
  { "санкции",     "Russian word" },
  { "muharibe",    "müharibə, without ü ə" },
  { "sekili",      "rare surname Şəkili" },
  { "oil prices",  "two-word phrase" },
};

/* What is timed for each query: the store, and raw statements on a
 * connection of their own.
 */
enum {
  KIND_STORE,       /* efir_store_search () */
  KIND_RAW,         /* EFIR_STORE_SEARCH_SQL */
  KIND_NO_SNIPPET,  /* the same with efir_snippet () replaced by '' */
  N_KINDS
};

typedef struct
{
  GArray *ms[N_KINDS];
  GArray *ids[N_KINDS]; /* the hits of the first, untimed run */
  gint64  n_matching;   /* episodes the query matches, before the limit */
} QueryResult;

/* Helpers ---------------------------------------------------------------- */

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static double
elapsed_ms (gint64 since)
{
  return (now_us () - since) / 1000.0;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* A connection of its own, as a worker thread or the sqlite3 shell would
 * open it, with only what reading episode_search needs.
 */
static sqlite3 *
open_raw (const char  *path,
          GError     **error)
{
  sqlite3 *handle = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_SQLITE, "%s: %s", path,
                   handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close (handle);
      return NULL;
    }

  sqlite3_busy_timeout (handle, EFIR_DATABASE_BUSY_TIMEOUT_MS);
  if (!efir_search_tokenizer_register (handle, error))
    {
      sqlite3_close (handle);
      return NULL;
    }

  return handle;
}

static gint64
query_count (sqlite3    *handle,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Milliseconds in a column 9 wide; seconds when they do not fit. */
static const char *
format_ms (double ms)
{
  static char buffers[8][16];
  static guint next;
  char *buffer = buffers[next++ % G_N_ELEMENTS (buffers)];

  if (ms < 1000)
    g_snprintf (buffer, sizeof buffers[0], "%6.2f ms", ms);
  else
    g_snprintf (buffer, sizeof buffers[0], "%7.2f s", ms / 1000);

  return buffer;
}

/* EFIR_STORE_SEARCH_SQL with its efir_snippet() call replaced by '', to show
 * what making the snippets costs; NULL when it has none.
 */
static char *
sql_without_snippet (void)
{
  const char *sql = EFIR_STORE_SEARCH_SQL;
  const char *start = strstr (sql, "efir_snippet (");
  const char *p;
  int depth = 0;

  if (start == NULL)
    return NULL;

  for (p = strchr (start, '('); *p != '\0'; p++)
    if (*p == '(')
      depth++;
    else if (*p == ')' && --depth == 0)
      break;

  if (*p == '\0')
    return NULL;

  return g_strdup_printf ("%.*s''%s", (int) (start - sql), sql, p + 1);
}

static gint64
count_matching (sqlite3    *handle,
                const char *match)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT count(*) FROM episode_search WHERE episode_search MATCH ?1", -1,
                          &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return value;
}

/* A search statement stepped to the end with every column read, as the
 * store reads them. @ids, if given, gets the episode ids found, in order.
 */
static guint
run_raw_search (sqlite3_stmt *stmt,
                const char   *match,
                GArray       *ids)
{
  guint n_rows = 0;
  int rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, SEARCH_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      (void) sqlite3_column_double (stmt, 1);
      (void) sqlite3_column_text (stmt, 2);
      (void) sqlite3_column_text (stmt, 3);
      (void) sqlite3_column_text (stmt, 4);
      (void) sqlite3_column_int (stmt, 5);
      if (ids != NULL)
        g_array_append_val (ids, id);
      n_rows++;
    }

  if (rc != SQLITE_DONE)
    g_error ("Raw search for “%s” failed: %s", match, sqlite3_errstr (rc));

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return n_rows;
}

static guint
run_store_search (EfirStore  *store,
                  const char *query,
                  GArray     *ids)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  if (!(hits = efir_store_search (store, query, SEARCH_LIMIT, &error)))
    g_error ("Search for “%s” failed: %s", query, error->message);

  for (guint i = 0; ids != NULL && i < hits->len; i++)
    g_array_append_val (ids, ((EfirSearchHit *) g_ptr_array_index (hits, i))->episode_id);
  return hits->len;
}

static void
save_or_die (EfirStore       *store,
             EfirEpisode     *episode,
             EfirEpisodePart  parts)
{
  g_autoptr(GError) error = NULL;

  if (!efir_store_save_episode (store, episode, parts, &error))
    g_error ("Save failed: %s", error->message);
}

static EfirSegment *
segment_at (EfirEpisode *episode,
            guint        position)
{
  GListModel *transcript = G_LIST_MODEL (efir_episode_get_transcript (episode));
  g_autoptr(EfirSegment) segment = g_list_model_get_item (transcript, position);

  /* The episode holds a reference for as long as the segment stays in it. */
  return segment;
}

/* A different text each time, as when a producer corrects a word. */
static void
edit_segment (EfirEpisode *episode,
              guint        run)
{
  GListModel *transcript = G_LIST_MODEL (efir_episode_get_transcript (episode));
  guint n_segments = g_list_model_get_n_items (transcript);
  EfirSegment *segment = segment_at (episode, (run * 37u) % n_segments);
  g_autofree char *text = g_strdup_printf ("%s (%u)", efir_segment_get_text (segment), run);

  efir_segment_set_text (segment, text);
}

static void
edit_title (EfirEpisode *episode,
            const char  *original,
            guint        run)
{
  g_autofree char *title = g_strdup_printf ("%s — %u", original, run);

  efir_episode_set_title (episode, title);
}

/* What the disk alone costs: a committed write of a @length-byte text in
 * a scratch database beside the archive, on a connection set up as the
 * store's (WAL, synchronous = FULL). Each write replaces the previous one,
 * as a save replaces the transcript's row.
 */
static void
measure_write_floor (const char *archive_path,
                     gsize       length,
                     GArray     *samples)
{
  g_autofree char *path = g_strconcat (archive_path, ".floor", NULL);
  g_autofree char *text = g_malloc (length + 1);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle = NULL;

  memset (text, 'x', length);
  text[length] = '\0';

  if (sqlite3_open (path, &handle) != SQLITE_OK
      || sqlite3_exec (handle,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                       "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT) STRICT;",
                       NULL, NULL, NULL)
           != SQLITE_OK
      || sqlite3_prepare_v2 (handle, "INSERT OR REPLACE INTO t (id, v) VALUES (1, ?1)", -1, &stmt,
                             NULL)
           != SQLITE_OK)
    g_error ("Scratch database %s: %s", path, sqlite3_errmsg (handle));

  for (guint run = 0; run < WARM_UP_RUNS + SAVE_RUNS; run++)
    {
      gint64 started;

      /* A different text each time, so nothing is skipped as unchanged. */
      text[run % length] = 'a' + run % 26;
      sqlite3_bind_text (stmt, 1, text, (int) length, SQLITE_STATIC);

      started = now_us ();
      if (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
          || sqlite3_step (stmt) != SQLITE_DONE
          || sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        g_error ("Scratch write: %s", sqlite3_errmsg (handle));
      if (run >= WARM_UP_RUNS)
        efir_bench_samples_add (samples, elapsed_ms (started));
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Measurements ----------------------------------------------------------- */

static void
print_archive (const char *path,
               double      generated_s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *handle;

  if (!(handle = open_raw (path, &error)))
    g_error ("%s", error->message);

  g_print ("Archive: %s\n", path);
  g_print ("  %" G_GINT64_FORMAT " episodes in %" G_GINT64_FORMAT " programmes, "
           "%" G_GINT64_FORMAT " people in the directory, %" G_GINT64_FORMAT " segments, "
           "%.1f MB (+ %.1f MB WAL)\n",
           query_count (handle, "SELECT count(*) FROM episodes"),
           query_count (handle, "SELECT count(*) FROM programs"),
           query_count (handle, "SELECT count(*) FROM people"),
           query_count (handle, "SELECT sum(json_array_length (segments)) FROM transcripts"),
           file_size (path) / 1e6, file_size (wal) / 1e6);
  if (generated_s >= 0)
    g_print ("  generated with seed %d in %.1f s through efir_store_save_episode()\n", SEED,
             generated_s);
  else
    g_print ("  reused (EFIR_BENCH_ARCHIVE)\n");

  sqlite3_close (handle);
}

/* What the archive takes on disk beside the same episodes exported as
 * episode JSON, as efir-cli episode export writes them, after a
 * checkpoint has folded the WAL into the file. Free pages, which an
 * archive upgraded from schema version 6 keeps until it is vacuumed and
 * fills again as it grows, are shown apart. Target: at most 1.5x. */
static void
bench_size (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GListModel) episodes = NULL;
  gint64 json_bytes = 0;
  gint64 archive_bytes;
  gint64 free_bytes;
  gint64 index_bytes;
  guint n_episodes;
  sqlite3 *handle;
  double ratio;

  if (!(store = efir_store_open (path, &error)))
    g_error ("Could not open %s: %s", path, error->message);
  if (!efir_store_refresh_search_index (store, &error)
      || !efir_database_exec (efir_store_get_database (store), "PRAGMA wal_checkpoint (TRUNCATE)",
                              &error))
    g_error ("Could not checkpoint %s: %s", path, error->message);
  if (!(episodes = efir_store_list_episodes (store, 0, &error)))
    g_error ("Could not list episodes: %s", error->message);

  n_episodes = g_list_model_get_n_items (episodes);
  for (guint i = 0; i < n_episodes; i++)
    {
      g_autoptr(EfirEpisode) light = g_list_model_get_item (episodes, i);
      g_autoptr(EfirEpisode) episode = NULL;
      g_autofree char *json = NULL;

      if (!(episode = efir_store_load_episode (store, efir_episode_get_id (light), &error)))
        g_error ("Could not load an episode: %s", error->message);
      json = efir_episode_to_json (episode, TRUE);
      json_bytes += strlen (json) + 1;
    }

  if (!(handle = open_raw (path, &error)))
    g_error ("%s", error->message);
  archive_bytes = file_size (path);
  free_bytes = query_count (handle, "SELECT freelist_count * page_size"
                                    "  FROM pragma_freelist_count, pragma_page_size");
  index_bytes = query_count (handle, "SELECT sum(pgsize) FROM dbstat"
                                     " WHERE name LIKE 'episode\\_search\\_%' ESCAPE '\\'");
  sqlite3_close (handle);

  n_episodes = MAX (n_episodes, 1);
  ratio = (double) (archive_bytes - free_bytes) / MAX (json_bytes, 1);

  g_print ("\nArchive size beside the same episodes as episode JSON (%u episodes)\n",
           n_episodes);
  efir_bench_print_rule (78);
  g_print ("%-46s %10s %10s\n", "", "total", "a episode");
  efir_bench_print_rule (78);
  g_print ("%-46s %7.1f MB %7.1f KB\n", "archive file (WAL checkpointed)", archive_bytes / 1e6,
           archive_bytes / 1e3 / n_episodes);
  g_print ("%-46s %7.1f MB %7.1f KB\n", "  of which free pages", free_bytes / 1e6,
           free_bytes / 1e3 / n_episodes);
  g_print ("%-46s %7.1f MB %7.1f KB\n", "  of which the search index", index_bytes / 1e6,
           index_bytes / 1e3 / n_episodes);
  g_print ("%-46s %7.1f MB %7.1f KB\n", "episode JSON (efir-cli episode export)",
           json_bytes / 1e6, json_bytes / 1e3 / n_episodes);
  efir_bench_print_rule (78);
  g_print ("Archive without free pages / episode JSON: %.2fx (target at most 1.5x: %s)\n", ratio,
           efir_bench_verdict (ratio <= 1.5));
}

static void
bench_open (const char *path)
{
  g_autoptr(GArray) check_ms = efir_bench_samples_new ();
  g_autoptr(GArray) open_ms = efir_bench_samples_new ();
  g_autoptr(GArray) list_ms = efir_bench_samples_new ();
  g_autoptr(GArray) total_ms = efir_bench_samples_new ();
  guint n_listed = 0;
  double first_ms = 0;

  for (guint run = 0; run < OPEN_RUNS + 1; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EfirStore) store = NULL;
      g_autoptr(GListModel) episodes = NULL;
      gint64 started = now_us ();
      double opened;
      double listed;

      if (!(store = efir_store_open (path, &error)))
        g_error ("Could not open %s: %s", path, error->message);
      opened = elapsed_ms (started);

      if (!(episodes = efir_store_list_episodes (store, 0, &error)))
        g_error ("Could not list episodes: %s", error->message);
      listed = elapsed_ms (started);
      n_listed = g_list_model_get_n_items (episodes);

      /* The first open of a day also writes the daily backup. */
      if (run == 0)
        {
          first_ms = listed;
          continue;
        }

      efir_bench_samples_add (open_ms, opened);
      efir_bench_samples_add (list_ms, listed - opened);
      efir_bench_samples_add (total_ms, listed);
    }

  /* Not timed with the rest: it is part of efir_store_open(), measured
   * alone to show its share.
   */
  for (guint run = 0; run < OPEN_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = now_us ();

      if (efir_store_check_file (path, &error) != EFIR_STORE_HEALTH_OK)
        g_error ("Startup check failed: %s", error ? error->message : "not healthy");
      efir_bench_samples_add (check_ms, elapsed_ms (started));
    }

  g_print ("\nOpen the store and list all episodes (%u listed); %u runs, each a new EfirStore\n",
           n_listed, OPEN_RUNS);
  efir_bench_print_rule (78);
  g_print ("%-46s %10s %10s\n", "", "median", "p95");
  efir_bench_print_rule (78);
  g_print ("%-46s %7.1f ms %7.1f ms\n", "efir_store_open + efir_store_list_episodes",
           efir_bench_percentile (total_ms, 50), efir_bench_percentile (total_ms, 95));
  g_print ("%-46s %7.1f ms %7.1f ms\n", "  efir_store_open", efir_bench_percentile (open_ms, 50),
           efir_bench_percentile (open_ms, 95));
  g_print ("%-46s %7.1f ms %7.1f ms\n", "    its startup check (quick_check), alone",
           efir_bench_percentile (check_ms, 50), efir_bench_percentile (check_ms, 95));
  g_print ("%-46s %7.1f ms %7.1f ms\n", "  efir_store_list_episodes (store, 0)",
           efir_bench_percentile (list_ms, 50), efir_bench_percentile (list_ms, 95));
  efir_bench_print_rule (78);
  g_print ("First open of the run (not in the median; may write the daily backup): %.1f ms\n",
           first_ms);
}

/* The episode list the window shows: the ids of the largest programme in
 * each order and filter (what a start, a sort or a filter costs), the first
 * page of rows, and scrolling through the whole list a row at a time (each
 * page read as a view would ask for it, older pages dropped). */
static void
bench_episode_list (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GListModel) programs = NULL;
  g_autoptr(EfirEpisodeList) list = NULL;
  g_autoptr(GArray) newest_ms = efir_bench_samples_new ();
  g_autoptr(GArray) oldest_ms = efir_bench_samples_new ();
  g_autoptr(GArray) filtered_ms = efir_bench_samples_new ();
  g_autoptr(GArray) first_page_ms = efir_bench_samples_new ();
  g_autoptr(GArray) scroll_ms = efir_bench_samples_new ();
  gint64 program_id = 0;
  guint most = 0;
  guint n_items = 0;
  guint n_published = 0;

  if (!(store = efir_store_open (path, &error)) || !efir_store_wait_until_checked (store, &error))
    g_error ("Could not open %s: %s", path, error->message);
  if (!(programs = efir_store_list_programs (store, &error)))
    g_error ("Could not list programmes: %s", error->message);

  list = efir_episode_list_new (store);
  for (guint i = 0; i < g_list_model_get_n_items (programs); i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);

      efir_episode_list_set_query (list, efir_program_get_id (program), EFIR_EPISODE_LIST_ANY_STATUS,
                                   FALSE, &error);
      g_assert_no_error (error);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) > most)
        {
          most = g_list_model_get_n_items (G_LIST_MODEL (list));
          program_id = efir_program_get_id (program);
        }
    }

  for (guint run = 0; run < OPEN_RUNS; run++)
    {
      g_autoptr(EfirEpisodeList) fresh = efir_episode_list_new (store);
      gint64 started = now_us ();

      efir_episode_list_set_query (fresh, program_id, EFIR_EPISODE_LIST_ANY_STATUS, FALSE, &error);
      g_assert_no_error (error);
      efir_bench_samples_add (newest_ms, elapsed_ms (started));
      n_items = g_list_model_get_n_items (G_LIST_MODEL (fresh));

      started = now_us ();
      {
        g_autoptr(EfirEpisode) first = g_list_model_get_item (G_LIST_MODEL (fresh), 0);
      }
      efir_bench_samples_add (first_page_ms, elapsed_ms (started));

      started = now_us ();
      efir_episode_list_set_query (fresh, program_id, EFIR_EPISODE_LIST_ANY_STATUS, TRUE, &error);
      g_assert_no_error (error);
      efir_bench_samples_add (oldest_ms, elapsed_ms (started));

      started = now_us ();
      efir_episode_list_set_query (fresh, program_id, EFIR_EPISODE_STATUS_PUBLISHED, FALSE, &error);
      g_assert_no_error (error);
      efir_bench_samples_add (filtered_ms, elapsed_ms (started));
      n_published = g_list_model_get_n_items (G_LIST_MODEL (fresh));

      if (run < 3)
        {
          efir_episode_list_set_query (fresh, program_id, EFIR_EPISODE_LIST_ANY_STATUS, FALSE, &error);
          started = now_us ();
          for (guint i = 0; i < n_items; i++)
            {
              g_autoptr(EfirEpisode) item = g_list_model_get_item (G_LIST_MODEL (fresh), i);
            }
          efir_bench_samples_add (scroll_ms, elapsed_ms (started));
        }
    }

  g_print ("\nThe episode list of the largest programme (%u episodes, %u published); %u runs\n",
           n_items, n_published, OPEN_RUNS);
  efir_bench_print_rule (78);
  g_print ("%-46s %10s %10s\n", "", "median", "p95");
  efir_bench_print_rule (78);
  g_print ("%-46s %7.2f ms %7.2f ms\n", "ids, newest first (start, programme switch)",
           efir_bench_percentile (newest_ms, 50), efir_bench_percentile (newest_ms, 95));
  g_print ("%-46s %7.2f ms %7.2f ms\n", "ids, oldest first (sort button)",
           efir_bench_percentile (oldest_ms, 50), efir_bench_percentile (oldest_ms, 95));
  g_print ("%-46s %7.2f ms %7.2f ms\n", "ids, published only (status filter)",
           efir_bench_percentile (filtered_ms, 50), efir_bench_percentile (filtered_ms, 95));
  g_print ("%-46s %7.2f ms %7.2f ms\n", "first page of rows (64 episodes with guests)",
           efir_bench_percentile (first_page_ms, 50), efir_bench_percentile (first_page_ms, 95));
  g_print ("%-46s %7.1f ms %7.1f ms\n", "every row, top to bottom (3 runs)",
           efir_bench_percentile (scroll_ms, 50), efir_bench_percentile (scroll_ms, 95));
  efir_bench_print_rule (78);
}

/* efir-cli as a script or cron runs it: each command a process of its
 * own, from spawning it to its exit, its output thrown away. The commands
 * take turns, so that a busy moment of the machine falls on all alike;
 * the first run of each is not counted. */
static void
bench_cli (const char *path)
{
  static const char * const commands[][4] = {
    { "episode", "list", NULL },
    { "episode", "list", "--json", NULL },
    { "search", "санкции", NULL },
    { "search", "санкции", "--json", NULL },
  };
  const char *cli = g_getenv ("EFIR_CLI");
  GArray *ms[G_N_ELEMENTS (commands)];

  if (cli == NULL)
    {
      g_print ("\nefir-cli: skipped, EFIR_CLI does not name it\n");
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    ms[c] = efir_bench_samples_new ();

  for (guint run = 0; run <= CLI_RUNS; run++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new ();
        g_autoptr(GError) error = NULL;
        gint64 started;
        int status = 0;

        g_ptr_array_add (argv, (char *) cli);
        g_ptr_array_add (argv, "--db");
        g_ptr_array_add (argv, (char *) path);
        for (guint i = 0; commands[c][i] != NULL; i++)
          g_ptr_array_add (argv, (char *) commands[c][i]);
        g_ptr_array_add (argv, NULL);

        started = now_us ();
        if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                           G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                           NULL, NULL, &status, &error)
            || !g_spawn_check_wait_status (status, &error))
          g_error ("efir-cli failed: %s", error->message);
        if (run > 0)
          efir_bench_samples_add (ms[c], elapsed_ms (started));
      }

  g_print ("\nefir-cli as a whole process, spawn to exit; %u runs each, taking turns\n", CLI_RUNS);
  efir_bench_print_rule (78);
  g_print ("%-46s %10s %10s %8s\n", "", "median", "p95", "< 100 ms");
  efir_bench_print_rule (78);
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autofree char *line = g_strjoinv (" ", (char **) commands[c]);
      double median = efir_bench_percentile (ms[c], 50);

      efir_bench_print_padded (line, 46);
      g_print (" %7.1f ms %7.1f ms %8s\n", median, efir_bench_percentile (ms[c], 95),
               efir_bench_verdict (median < CLI_TARGET_MS));
      g_array_unref (ms[c]);
    }
  efir_bench_print_rule (78);
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *handle,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("Could not prepare %s: %s", sql, sqlite3_errmsg (handle));

  return stmt;
}

static void
bench_search (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GArray) all_store = efir_bench_samples_new ();
  g_autoptr(GArray) all_raw = efir_bench_samples_new ();
  g_autofree char *no_snippet_sql = sql_without_snippet ();
  char *matches[G_N_ELEMENTS (queries)] = { NULL };
  QueryResult results[G_N_ELEMENTS (queries)];
  sqlite3_stmt *stmts[N_KINDS] = { NULL };
  sqlite3 *raw;
  double log_ratios = 0;
  double p50;
  double raw_p50;
  double ratio;
  guint n_met = 0;

  if (!(store = efir_store_open (path, &error)))
    g_error ("Could not open %s: %s", path, error->message);
  if (!(raw = open_raw (path, &error)))
    g_error ("%s", error->message);
  stmts[KIND_RAW] = prepare_or_die (raw, EFIR_STORE_SEARCH_SQL);
  if (no_snippet_sql != NULL)
    stmts[KIND_NO_SNIPPET] = prepare_or_die (raw, no_snippet_sql);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      QueryResult *r = &results[q];

      matches[q] = efir_store_search_match_expression (queries[q].text);
      r->n_matching = count_matching (raw, matches[q]);

      /* One search of each kind first, untimed: it brings the index up to
       * date if a save left it behind, every statement starts with the
       * pages in the cache, and it gives the hits to compare.
       */
      for (guint kind = 0; kind < N_KINDS; kind++)
        {
          r->ms[kind] = efir_bench_samples_new ();
          r->ids[kind] = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (kind == KIND_STORE)
            run_store_search (store, queries[q].text, r->ids[kind]);
          else if (stmts[kind] != NULL)
            run_raw_search (stmts[kind], matches[q], r->ids[kind]);
        }
    }

  /* Interleaved, each kind in turn first, so that a burst of noise on the
   * machine falls on all of them alike.
   */
  for (guint rep = 0; rep < SEARCH_REPETITIONS; rep++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      for (guint turn = 0; turn < N_KINDS; turn++)
        {
          QueryResult *r = &results[q];
          guint kind = (turn + rep) % N_KINDS;
          gint64 started;
          double ms;

          if (kind != KIND_STORE && stmts[kind] == NULL)
            continue;

          started = now_us ();
          if (kind == KIND_STORE)
            run_store_search (store, queries[q].text, NULL);
          else
            run_raw_search (stmts[kind], matches[q], NULL);
          ms = elapsed_ms (started);

          efir_bench_samples_add (r->ms[kind], ms);
          if (kind == KIND_STORE)
            efir_bench_samples_add (all_store, ms);
          else if (kind == KIND_RAW)
            efir_bench_samples_add (all_raw, ms);
        }

  g_print ("\nSearch, %u hits at most; %u repetitions of each query, store and raw interleaved\n",
           SEARCH_LIMIT, SEARCH_REPETITIONS);
  g_print ("raw: EFIR_STORE_SEARCH_SQL on a separate sqlite3 connection with the \"efir\" "
           "tokenizer,\n     its MATCH expression from efir_store_search_match_expression() "
           "computed beforehand\n");
  efir_bench_print_rule (139);
  g_print ("%-45s %7s %5s %9s %9s %9s %9s %7s  %-11s  %-11s\n", "query", "matches", "hits",
           "store p50", "store p95", "raw p50", "raw p95", "ratio", "p50 < 20 ms", "ratio ≤ 1.5");
  efir_bench_print_rule (139);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      QueryResult *r = &results[q];

      p50 = efir_bench_percentile (r->ms[KIND_STORE], 50);
      raw_p50 = efir_bench_percentile (r->ms[KIND_RAW], 50);
      ratio = p50 / raw_p50;
      log_ratios += log (ratio);
      n_met += p50 < SEARCH_P50_TARGET_MS;

      efir_bench_print_padded (queries[q].text, 15);
      efir_bench_print_padded (queries[q].what, 30);
      g_print ("%7" G_GINT64_FORMAT " %5u %s %s %s %s %6.2fx  %-11s  %-11s%s\n", r->n_matching,
               r->ids[KIND_STORE]->len, format_ms (p50),
               format_ms (efir_bench_percentile (r->ms[KIND_STORE], 95)), format_ms (raw_p50),
               format_ms (efir_bench_percentile (r->ms[KIND_RAW], 95)), ratio,
               efir_bench_verdict (p50 < SEARCH_P50_TARGET_MS), efir_bench_verdict (ratio <= SEARCH_RATIO_TARGET),
               same_ids (r->ids[KIND_STORE], r->ids[KIND_RAW]) ? "" : "  (raw hits differ)");
    }

  efir_bench_print_rule (139);
  p50 = efir_bench_percentile (all_store, 50);
  raw_p50 = efir_bench_percentile (all_raw, 50);
  ratio = exp (log_ratios / G_N_ELEMENTS (queries));
  efir_bench_print_padded ("all queries", 59);
  g_print ("%s %s %s %s %6.2fx  %-11s  %-11s\n", format_ms (p50),
           format_ms (efir_bench_percentile (all_store, 95)), format_ms (raw_p50),
           format_ms (efir_bench_percentile (all_raw, 95)), ratio, efir_bench_verdict (p50 < SEARCH_P50_TARGET_MS),
           efir_bench_verdict (ratio <= SEARCH_RATIO_TARGET));
  efir_bench_print_rule (139);
  g_print ("all queries: p50 and p95 of the %u searches of each kind together; ratio: the "
           "geometric mean of the per-query ratios.\n%u of %zu queries have a p50 under %.0f ms.\n",
           all_store->len, n_met, G_N_ELEMENTS (queries), SEARCH_P50_TARGET_MS);

  if (stmts[KIND_NO_SNIPPET] != NULL)
    {
      g_print ("\nWhere the raw time goes (p50 of the same repetitions): EFIR_STORE_SEARCH_SQL as "
               "it is, and with\nefir_snippet() replaced by ''; SQLite makes snippets for the hits "
               "returned only, so the difference\nover the hits is what one snippet costs\n");
      efir_bench_print_rule (117);
      g_print ("%-45s %7s %5s %10s %16s %16s %12s\n", "query", "matches", "hits", "raw p50",
               "without snippet", "snippets' share", "per snippet");
      efir_bench_print_rule (117);
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          QueryResult *r = &results[q];
          double full = efir_bench_percentile (r->ms[KIND_RAW], 50);
          double bare = efir_bench_percentile (r->ms[KIND_NO_SNIPPET], 50);
          guint n_hits = r->ids[KIND_RAW]->len;

          efir_bench_print_padded (queries[q].text, 15);
          efir_bench_print_padded (queries[q].what, 30);
          g_print ("%7" G_GINT64_FORMAT " %5u  %s        %s    %10.0f %%    %s%s\n",
                   r->n_matching, n_hits, format_ms (full), format_ms (bare),
                   full > 0 ? 100 * (full - bare) / full : 0,
                   format_ms (n_hits > 0 ? (full - bare) / n_hits : 0),
                   same_ids (r->ids[KIND_RAW], r->ids[KIND_NO_SNIPPET]) ? ""
                                                                        : "  (hits differ)");
        }
      efir_bench_print_rule (117);
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (guint kind = 0; kind < N_KINDS; kind++)
        {
          g_array_unref (results[q].ms[kind]);
          g_array_unref (results[q].ids[kind]);
        }
      g_free (matches[q]);
    }
  for (guint kind = 0; kind < N_KINDS; kind++)
    sqlite3_finalize (stmts[kind]);
  sqlite3_close (raw);
}

static void
bench_save (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GArray) transcript_ms = efir_bench_samples_new ();
  g_autoptr(GArray) search_after_ms = efir_bench_samples_new ();
  g_autoptr(GArray) refresh_ms = efir_bench_samples_new ();
  g_autoptr(GArray) floor_small_ms = efir_bench_samples_new ();
  g_autoptr(GArray) floor_transcript_ms = efir_bench_samples_new ();
  g_autofree char *transcript_size = NULL;
  gint64 transcript_length = 0;
  g_autoptr(GArray) title_ms = efir_bench_samples_new ();
  g_autoptr(GArray) all_ms = efir_bench_samples_new ();
  g_autofree char *title = NULL;
  guint n_segments;
  guint n_words = 0;
  double insert_ms;
  gint64 started;
  struct
  {
    const char *what;
    GArray     *samples;
  } rows[] = {
    { "one segment's text changed (TRANSCRIPT)", transcript_ms },
    { "title changed (DETAILS)", title_ms },
    { "title and a segment changed, ALL parts", all_ms },
  };

  if (!(store = efir_store_open (path, &error)))
    g_error ("Could not open %s: %s", path, error->message);
  if (!(program = efir_store_find_program (store, "Çətin sual", &error)))
    g_error ("No programme “Çətin sual”: %s", error ? error->message : "");

  episode = efir_archive_make_long_episode (efir_program_get_id (program), SEED);
  title = g_strdup (efir_episode_get_title (episode));
  n_segments = g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode)));
  for (guint i = 0; i < n_segments; i++)
    {
      g_auto(GStrv) words = g_strsplit (efir_segment_get_text (segment_at (episode, i)), " ", -1);

      n_words += g_strv_length (words);
    }

  started = now_us ();
  save_or_die (store, episode, EFIR_EPISODE_PART_ALL);
  insert_ms = elapsed_ms (started);

  for (guint run = 0; run < WARM_UP_RUNS + SAVE_RUNS; run++)
    {
      edit_segment (episode, run);
      started = now_us ();
      save_or_die (store, episode, EFIR_EPISODE_PART_TRANSCRIPT);
      if (run >= WARM_UP_RUNS)
        efir_bench_samples_add (transcript_ms, elapsed_ms (started));
    }

  for (guint run = 0; run < WARM_UP_RUNS + SAVE_RUNS; run++)
    {
      edit_title (episode, title, run);
      started = now_us ();
      save_or_die (store, episode, EFIR_EPISODE_PART_DETAILS);
      if (run >= WARM_UP_RUNS)
        efir_bench_samples_add (title_ms, elapsed_ms (started));
    }

  for (guint run = 0; run < WARM_UP_RUNS + SAVE_RUNS; run++)
    {
      edit_title (episode, title, 1000 + run);
      edit_segment (episode, 1000 + run);
      started = now_us ();
      save_or_die (store, episode, EFIR_EPISODE_PART_ALL);
      if (run >= WARM_UP_RUNS)
        efir_bench_samples_add (all_ms, elapsed_ms (started));
    }

  /* A save leaves the search index to catch up later, so that cost moves
   * to the moment the producer pauses, or else to the next search:
   * measure both.
   */
  for (guint run = 0; run < WARM_UP_RUNS + SAVE_RUNS; run++)
    {
      edit_segment (episode, 3000 + run);
      save_or_die (store, episode, EFIR_EPISODE_PART_TRANSCRIPT);
      started = now_us ();
      if (!efir_store_refresh_search_index (store, &error))
        g_error ("Could not bring the index up to date: %s", error->message);
      if (run >= WARM_UP_RUNS)
        efir_bench_samples_add (refresh_ms, elapsed_ms (started));
    }

  for (guint run = 0; run < WARM_UP_RUNS + SAVE_RUNS; run++)
    {
      edit_segment (episode, 2000 + run);
      save_or_die (store, episode, EFIR_EPISODE_PART_TRANSCRIPT);
      started = now_us ();
      run_store_search (store, "sekili", NULL);
      if (run >= WARM_UP_RUNS)
        efir_bench_samples_add (search_after_ms, elapsed_ms (started));
    }

  {
    sqlite3 *raw = open_raw (path, &error);
    sqlite3_stmt *stmt = NULL;

    if (raw == NULL
        || sqlite3_prepare_v2 (raw, "SELECT max (length (CAST (segments AS BLOB))) FROM transcripts"
                                    " WHERE episode_id = ?1", -1, &stmt, NULL) != SQLITE_OK)
      g_error ("Could not read the transcript's size");
    sqlite3_bind_int64 (stmt, 1, efir_episode_get_id (episode));
    if (sqlite3_step (stmt) == SQLITE_ROW)
      transcript_length = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }
  /* A save after an edit rewrites one chunk of the transcript. */
  transcript_size = g_strdup_printf ("disk floor: a %.0f KB transcript chunk committed",
                                     transcript_length / 1e3);
  measure_write_floor (path, 1, floor_small_ms);
  measure_write_floor (path, MAX (transcript_length, 1), floor_transcript_ms);

  g_print ("\nSave of a three-hour episode (%u segments, %u words); %u saves each after %u "
           "untimed\n",
           n_segments, n_words, SAVE_RUNS, WARM_UP_RUNS);
  efir_bench_print_rule (86);
  g_print ("%-46s %10s %10s  %-13s\n", "", "median", "p95", "median < 5 ms");
  efir_bench_print_rule (86);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      double median = efir_bench_percentile (rows[i].samples, 50);

      g_print ("%-46s %7.2f ms %7.2f ms  %-13s\n", rows[i].what, median,
               efir_bench_percentile (rows[i].samples, 95), efir_bench_verdict (median < SAVE_MEDIAN_TARGET_MS));
    }
  efir_bench_print_rule (86);
  g_print ("%-46s %7.2f ms\n", "first save (insert, ALL parts)", insert_ms);
  g_print ("%-46s %7.2f ms %7.2f ms\n", "disk floor: a one-byte row committed",
           efir_bench_percentile (floor_small_ms, 50), efir_bench_percentile (floor_small_ms, 95));
  g_print ("%-46s %7.2f ms %7.2f ms\n", transcript_size,
           efir_bench_percentile (floor_transcript_ms, 50), efir_bench_percentile (floor_transcript_ms, 95));
  g_print ("%-46s %7.2f ms %7.2f ms\n", "index catch-up after a TRANSCRIPT save",
           efir_bench_percentile (refresh_ms, 50), efir_bench_percentile (refresh_ms, 95));
  g_print ("%-46s %7.2f ms %7.2f ms\n", "search \"sekili\" right after a TRANSCRIPT save",
           efir_bench_percentile (search_after_ms, 50), efir_bench_percentile (search_after_ms, 95));
  g_print ("A save marks the episode's search row stale; efir_store_search() or\n"
           "efir_store_refresh_search_index() re-indexes it, whichever comes first.\n"
           "Disk floor: one row replaced in a scratch database beside the archive, WAL and\n"
           "synchronous = FULL as the store's; the second is as large as the largest chunk of the transcript.\n");

  /* A reused archive stays as it was generated. */
  if (!efir_store_delete_episode (store, efir_episode_get_id (episode), &error))
    g_error ("Could not delete the long episode: %s", error->message);
}

/* The first save after start on the first start of a day: today's backup
 * deleted, and the archive changed since the newest, so that one is due;
 * the store opened, the check (and the backup after it) started as the
 * window starts them at its first frame, and an episode's title saved at
 * once. Opened as the window opened it before, a write waited for the
 * check's verdict; opened as it does now, nothing waits. The backup is
 * dropped half-way when the store is, and written again by the next run.
 * Target: under 50 ms. Then the room the backups take. */
static void
bench_first_save (const char *path)
{
  static const struct {
    const char         *what;
    EfirStoreOpenFlags  flags;
  } modes[] = {
    { "writes wait for the check (as before)", EFIR_STORE_OPEN_DEFER_CHECK },
    { "saves never wait (as the window opens it)",
      EFIR_STORE_OPEN_DEFER_CHECK | EFIR_STORE_OPEN_CHECK_TOUCHED },
  };
  g_autofree char *stem = efir_backup_stem (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *backup_dir = g_build_filename (folder, "backups", NULL);
  guint64 n_bytes = 0;
  guint n_backups = 0;

  g_print ("\nFirst save after start, a backup due; %u runs each (target: under 50 ms)\n",
           FIRST_SAVE_RUNS);
  efir_bench_print_rule (78);
  g_print ("%-46s %10s %10s\n", "", "median", "worst");
  efir_bench_print_rule (78);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GArray) save_ms = efir_bench_samples_new ();
      double worst = 0;

      for (guint run = 0; run < FIRST_SAVE_RUNS; run++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(EfirStore) store = NULL;
          g_autoptr(EfirEpisode) episode = NULL;
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
          g_autofree char *today = g_strdup_printf ("%s%s%s-%s.db", backup_dir, G_DIR_SEPARATOR_S,
                                                    stem, date);
          g_autofree char *original = NULL;
          gint64 started;
          double ms;

          g_unlink (today);
          if (!(store = efir_store_open_full (path, modes[m].flags, &error)))
            g_error ("Could not open %s: %s", path, error->message);
          if (!(episode = efir_store_load_episode (store, 1, &error)))
            g_error ("Could not load episode 1: %s", error->message);
          original = g_strdup (efir_episode_get_title (episode));

          efir_store_start_check (store);
          started = now_us ();
          edit_title (episode, original, run);
          save_or_die (store, episode, EFIR_EPISODE_PART_DETAILS);
          ms = elapsed_ms (started);
          efir_bench_samples_add (save_ms, ms);
          worst = MAX (worst, ms);

          /* Let the backup get under way, as it would while the producer
           * goes on typing. */
          efir_store_wait_until_checked (store, NULL);
          g_usleep (G_USEC_PER_SEC / 2);
        }

      g_print ("%-46s %7.1f ms %7.1f ms  %s\n", modes[m].what, efir_bench_percentile (save_ms, 50), worst,
               efir_bench_verdict (worst < 50));
    }
  efir_bench_print_rule (78);

  /* Today's backup, written whole this time. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EfirStore) store = efir_store_open_full (path,
                                                       EFIR_STORE_OPEN_DEFER_CHECK
                                                         | EFIR_STORE_OPEN_CHECK_TOUCHED,
                                                       &error);

    if (store == NULL || !efir_store_backup_daily (store, &error))
      g_error ("No daily backup of %s: %s", path, error->message);
  }
  efir_backup_usage (path, backup_dir, &n_backups, &n_bytes);
  g_print ("Daily backups kept: %u, %.1f MB (at most %d + %d files: the newest of each of the "
           "last days\nand ISO weeks with a change; %.1f MB each now)\n",
           n_backups, n_bytes / 1e6, EFIR_BACKUP_KEEP_DAYS, EFIR_BACKUP_KEEP_WEEKS,
           file_size (path) / 1e6);
}

/* Main ------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  const char *reuse = g_getenv ("EFIR_BENCH_ARCHIVE");
  double generated_s = -1;
  double load[3] = { 0 };
  FILE *loadavg;
  /* --only size|open|list|cli|search|save|first-save runs one part. */
  const char *only = argc == 3 && g_str_equal (argv[1], "--only") ? argv[2] : NULL;

  setlocale (LC_ALL, "");

  if (reuse != NULL && *reuse != '\0')
    path = g_strdup (reuse);
  else
    {
      tmp_dir = efir_test_make_dir ("efir-bench");
      path = g_build_filename (tmp_dir, "archive.db", NULL);
    }

  g_print ("SQLite %s, %u processors, %s build\n", sqlite3_libversion (),
           g_get_num_processors (),
#ifdef __OPTIMIZE__
           "optimised"
#else
           "unoptimised (numbers are not representative)"
#endif
  );
  if ((loadavg = fopen ("/proc/loadavg", "r")))
    {
      if (fscanf (loadavg, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3)
        g_print ("Load average at start: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
      fclose (loadavg);
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gint64 started = now_us ();

      g_print ("Generating %d episodes into %s…\n", N_EPISODES, path);
      if (!efir_archive_generate (path, N_EPISODES, SEED, &error))
        g_error ("Could not generate the archive: %s", error->message);
      generated_s = (now_us () - started) / 1e6;
    }

  print_archive (path, generated_s);
  if (only == NULL || g_str_equal (only, "size"))
    bench_size (path);
  if (only == NULL || g_str_equal (only, "open"))
    bench_open (path);
  if (only == NULL || g_str_equal (only, "list"))
    bench_episode_list (path);
  if (only == NULL || g_str_equal (only, "cli"))
    bench_cli (path);
  if (only == NULL || g_str_equal (only, "search"))
    bench_search (path);
  if (only == NULL || g_str_equal (only, "save"))
    bench_save (path);
  if (only == NULL || g_str_equal (only, "first-save"))
    bench_first_save (path);

  if (tmp_dir != NULL)
    efir_test_remove_tree (tmp_dir);

  return EXIT_SUCCESS;
}
