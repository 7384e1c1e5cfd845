/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-search"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "efir-archive-generator.h"
#include "efir-bench-samples.h"
#include "efir-search-worker.h"
#include "efir-store-private.h"
#include "efir-store.h"
#include "efir-test-util.h"

/*
 * What searching costs a producer who types: each query timed as the
 * search worker runs it (efir_store_search_database() on a read
 * connection of its own), beside the same statement run raw and beside a
 * bare FTS5 query (rowid and rank, the best 50: what no search can beat);
 * then queries typed a key at a time into the worker on a main loop whose
 * every iteration is timed, and the same typing with the search on the
 * main thread, as the window did before the worker.
 *
 * The archive comes from EFIR_BENCH_ARCHIVE (generated there first if
 * missing), or 5,000 episodes are generated into a temporary folder.
 */

/* Types and tables ------------------------------------------------------- */

#define N_EPISODES      5000
#define SEED            1
#define REPETITIONS     20
#define SEARCH_LIMIT    50

#define KEY_INTERVAL_MS 80
#define WORD_PAUSE_MS   700

#define P95_TARGET_MS       50.0
#define P50_TARGET_MS       20.0
#define ITERATION_TARGET_MS 16.0

typedef enum
{
  CLASS_ONE_LETTER,
  CLASS_TWO_LETTERS,
  CLASS_WORDS,
  N_CLASSES
} QueryClass;

static const char *class_names[N_CLASSES] = {
  "one letter", "two letters", "words",
};

typedef struct
{
  const char *text;
  QueryClass  klass;
} Query;

static const Query queries[] = {
  { "a",           CLASS_ONE_LETTER },
  { "s",           CLASS_ONE_LETTER },
  { "и",           CLASS_ONE_LETTER },
  { "m",           CLASS_ONE_LETTER },
  { "al",          CLASS_TWO_LETTERS },
  { "se",          CLASS_TWO_LETTERS },
  { "по",          CLASS_TWO_LETTERS },
  { "mu",          CLASS_TWO_LETTERS },
  { "санкции",     CLASS_WORDS },
  { "muharibe",    CLASS_WORDS },
  { "eliyev",      CLASS_WORDS },
  { "oil prices",  CLASS_WORDS },
  { "cetin sual",  CLASS_WORDS },
};

enum {
  KIND_WORKER,  /* efir_store_search_database (), as the worker runs it */
  KIND_RAW,     /* EFIR_STORE_SEARCH_SQL on a raw connection */
  KIND_BARE,    /* rowid and rank only, the best 50 */
  N_KINDS
};

#define BARE_SQL                                                 \
  "SELECT rowid, rank FROM episode_search"                       \
  " WHERE episode_search MATCH ?1 ORDER BY rank LIMIT ?2"

/* What is typed: each word a key at a time, then a pause, then the field
 * is cleared for the next. */
static const char *typed[] = {
  "sanksiyalar", "санкции", "oil prices", "muharibe", "ilham eliyev",
};

/* Helpers ---------------------------------------------------------------- */

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

/* The processor time of this thread, which a loaded machine does not
 * stretch as it stretches the time on the clock. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
print_load (const char *when)
{
  double load[3] = { 0 };
  FILE *loadavg;

  if ((loadavg = fopen ("/proc/loadavg", "r")))
    {
      if (fscanf (loadavg, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3)
        g_print ("Load average %s: %.2f %.2f %.2f\n", when, load[0], load[1], load[2]);
      fclose (loadavg);
    }
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

static guint
run_raw (sqlite3_stmt *stmt,
         const char   *match)
{
  guint n_rows = 0;
  int rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, SEARCH_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        (void) sqlite3_column_text (stmt, i);
      n_rows++;
    }

  if (rc != SQLITE_DONE)
    g_error ("Raw search for “%s” failed: %s", match, sqlite3_errstr (rc));

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return n_rows;
}

static guint
run_worker_search (EfirDatabase *db,
                   const char   *query)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  if (!(hits = efir_store_search_database (db, query, SEARCH_LIMIT, NULL, &error)))
    g_error ("Search for “%s” failed: %s", query, error->message);

  return hits->len;
}

/* 1: each query ---------------------------------------------------------- */

static void
bench_queries (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(EfirDatabase) raw_db = NULL;
  GArray *ms[G_N_ELEMENTS (queries)][N_KINDS];
  GArray *cpu_ms[G_N_ELEMENTS (queries)][N_KINDS];
  GArray *by_class[N_CLASSES];
  GArray *cpu_by_class[N_CLASSES];
  guint n_hits[G_N_ELEMENTS (queries)];
  sqlite3_stmt *stmts[N_KINDS] = { NULL };
  char *matches[G_N_ELEMENTS (queries)];
  sqlite3 *raw;

  /* Two read connections, as the worker opens its own: the worker's
   * statement cache stays apart from the raw statements'. */
  if (!(db = efir_database_open (path, EFIR_DATABASE_READ_ONLY, &error))
      || !(raw_db = efir_database_open (path, EFIR_DATABASE_READ_ONLY, &error)))
    g_error ("Could not open %s: %s", path, error->message);
  raw = efir_database_get_handle (raw_db);
  stmts[KIND_RAW] = prepare_or_die (raw, EFIR_STORE_SEARCH_SQL);
  stmts[KIND_BARE] = prepare_or_die (raw, BARE_SQL);

  for (guint c = 0; c < N_CLASSES; c++)
    {
      by_class[c] = efir_bench_samples_new ();
      cpu_by_class[c] = efir_bench_samples_new ();
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      matches[q] = efir_store_search_match_expression (queries[q].text);
      for (guint kind = 0; kind < N_KINDS; kind++)
        {
          ms[q][kind] = efir_bench_samples_new ();
          cpu_ms[q][kind] = efir_bench_samples_new ();
        }

      /* Once untimed, so that every kind starts with the pages cached. */
      n_hits[q] = run_worker_search (db, queries[q].text);
      run_raw (stmts[KIND_RAW], matches[q]);
      run_raw (stmts[KIND_BARE], matches[q]);
    }

  for (guint rep = 0; rep < REPETITIONS; rep++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      for (guint turn = 0; turn < N_KINDS; turn++)
        {
          guint kind = (turn + rep) % N_KINDS;
          gint64 started = now_us ();
          gint64 cpu_started = thread_cpu_us ();
          double elapsed;
          double cpu;

          if (kind == KIND_WORKER)
            run_worker_search (db, queries[q].text);
          else
            run_raw (stmts[kind], matches[q]);
          elapsed = (now_us () - started) / 1000.0;
          cpu = (thread_cpu_us () - cpu_started) / 1000.0;

          efir_bench_samples_add (ms[q][kind], elapsed);
          efir_bench_samples_add (cpu_ms[q][kind], cpu);
          if (kind == KIND_WORKER)
            {
              efir_bench_samples_add (by_class[queries[q].klass], elapsed);
              efir_bench_samples_add (cpu_by_class[queries[q].klass], cpu);
            }
        }

  g_print ("\nEach query, %u hits at most, %u repetitions, interleaved; milliseconds\n"
           "search: as the worker runs it; same SQL: EFIR_STORE_SEARCH_SQL raw; bare: rowid and "
           "rank only, the best %u\n",
           SEARCH_LIMIT, REPETITIONS, SEARCH_LIMIT);
  efir_bench_print_rule (138);
  g_print ("%-14s %-12s %4s %8s %8s %8s %9s %9s %8s %8s %8s %8s %9s %9s\n", "query", "class",
           "hits", "p50", "p95", "worst", "same p50", "same p95", "bare p50", "bare p95",
           "vs same", "vs bare", "cpu p50", "bare cpu");
  efir_bench_print_rule (138);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double p50 = efir_bench_percentile (ms[q][KIND_WORKER], 50);

      efir_bench_print_padded (queries[q].text, 15);
      efir_bench_print_padded (class_names[queries[q].klass], 13);
      g_print ("%4u %8.2f %8.2f %8.2f %9.2f %9.2f %8.2f %8.2f %7.2fx %7.2fx %9.2f %9.2f\n",
               n_hits[q], p50, efir_bench_percentile (ms[q][KIND_WORKER], 95),
               efir_bench_percentile (ms[q][KIND_WORKER], 100), efir_bench_percentile (ms[q][KIND_RAW], 50),
               efir_bench_percentile (ms[q][KIND_RAW], 95), efir_bench_percentile (ms[q][KIND_BARE], 50),
               efir_bench_percentile (ms[q][KIND_BARE], 95), p50 / efir_bench_percentile (ms[q][KIND_RAW], 50),
               p50 / efir_bench_percentile (ms[q][KIND_BARE], 50), efir_bench_percentile (cpu_ms[q][KIND_WORKER], 50),
               efir_bench_percentile (cpu_ms[q][KIND_BARE], 50));
    }
  efir_bench_print_rule (138);
  g_print ("cpu: the processor time of the search's thread, which a loaded machine does not "
           "stretch.\n");

  g_print ("\nBy class (every repetition of its queries)\n");
  efir_bench_print_rule (106);
  g_print ("%-14s %8s %8s %8s  %-13s %-13s %8s %8s %8s\n", "class", "p50", "p95", "worst",
           "p50 < 20 ms", "p95 < 50 ms", "cpu p50", "cpu p95", "cpu max");
  efir_bench_print_rule (106);
  for (guint c = 0; c < N_CLASSES; c++)
    {
      double p50 = efir_bench_percentile (by_class[c], 50);
      double p95 = efir_bench_percentile (by_class[c], 95);

      efir_bench_print_padded (class_names[c], 15);
      g_print ("%8.2f %8.2f %8.2f  %-13s %-13s %8.2f %8.2f %8.2f\n", p50, p95,
               efir_bench_percentile (by_class[c], 100), efir_bench_verdict (p50 < P50_TARGET_MS),
               efir_bench_verdict (p95 < P95_TARGET_MS), efir_bench_percentile (cpu_by_class[c], 50),
               efir_bench_percentile (cpu_by_class[c], 95), efir_bench_percentile (cpu_by_class[c], 100));
    }
  efir_bench_print_rule (106);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (guint kind = 0; kind < N_KINDS; kind++)
        {
          g_array_unref (ms[q][kind]);
          g_array_unref (cpu_ms[q][kind]);
        }
      g_free (matches[q]);
    }
  for (guint c = 0; c < N_CLASSES; c++)
    {
      g_array_unref (by_class[c]);
      g_array_unref (cpu_by_class[c]);
    }
  for (guint kind = 0; kind < N_KINDS; kind++)
    sqlite3_finalize (stmts[kind]);
}

/* 2: typing -------------------------------------------------------------- */

/* Every poll the main context makes ends one iteration: the time from
 * leaving a poll to entering the next is how long the main thread could
 * not answer a key or draw a frame. */
typedef struct
{
  GPollFunc  default_poll;
  gint64     awake_since;
  GArray    *iterations;  /* ms */
} Probe;

static Probe probe;

static gint
probe_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 entered = now_us ();
  gint result;

  if (probe.iterations != NULL && probe.awake_since != 0)
    efir_bench_samples_add (probe.iterations, (entered - probe.awake_since) / 1000.0);

  result = probe.default_poll (fds, nfds, timeout);
  probe.awake_since = now_us ();
  return result;
}

typedef struct
{
  EfirStore        *store;
  EfirSearchWorker *worker;  /* NULL: on the main thread */
  GString          *field;
  guint             word;
  const char       *next;    /* in typed[word] */
  gint64            asked;   /* when the newest query was asked for */
  GArray           *latency; /* ms from a key to its hits, delivered ones */
  guint             n_asked;
  guint             n_delivered;
  gboolean          done;
} Typist;

static gboolean type_key_cb (gpointer user_data);

static void
search_finished_cb (EfirSearchWorker *worker,
                    const char       *query,
                    GPtrArray        *hits,
                    const GError     *error,
                    Typist           *typist)
{
  if (error != NULL)
    g_error ("Search for “%s” failed: %s", query, error->message);

  efir_bench_samples_add (typist->latency, (now_us () - typist->asked) / 1000.0);
  typist->n_delivered++;
}

static void
typist_search (Typist *typist)
{
  typist->asked = now_us ();
  typist->n_asked++;

  if (typist->worker != NULL)
    efir_search_worker_search (typist->worker, typist->field->str);
  else
    {
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GError) error = NULL;

      if (!(hits = efir_store_search (typist->store, typist->field->str, SEARCH_LIMIT, &error)))
        g_error ("Search for “%s” failed: %s", typist->field->str, error->message);
      efir_bench_samples_add (typist->latency, (now_us () - typist->asked) / 1000.0);
      typist->n_delivered++;
    }
}

static gboolean
type_key_cb (gpointer user_data)
{
  Typist *typist = user_data;

  if (typist->next == NULL || *typist->next == '\0')
    {
      /* After a word's pause: the field cleared, the next word. */
      if (typist->worker != NULL)
        efir_search_worker_cancel (typist->worker);
      g_string_truncate (typist->field, 0);
      if (++typist->word >= G_N_ELEMENTS (typed))
        {
          typist->done = TRUE;
          return G_SOURCE_REMOVE;
        }
      typist->next = typed[typist->word];
    }

  g_string_append_unichar (typist->field, g_utf8_get_char (typist->next));
  typist->next = g_utf8_next_char (typist->next);
  typist_search (typist);

  g_timeout_add (*typist->next == '\0' ? WORD_PAUSE_MS : KEY_INTERVAL_MS, type_key_cb, typist);
  return G_SOURCE_REMOVE;
}

static void
bench_typing_one (EfirStore *store,
                  gboolean   in_worker,
                  GArray    *iterations,
                  GArray    *latency,
                  guint     *n_asked,
                  guint     *n_delivered)
{
  g_autoptr(EfirSearchWorker) worker = in_worker ? efir_search_worker_new (store, SEARCH_LIMIT)
                                                 : NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  Typist typist = { store, worker, field, 0, typed[0], 0, latency, 0, 0, FALSE };

  if (worker != NULL)
    g_signal_connect (worker, "finished", G_CALLBACK (search_finished_cb), &typist);

  probe.iterations = iterations;
  probe.awake_since = 0;
  g_timeout_add (KEY_INTERVAL_MS, type_key_cb, &typist);
  while (!typist.done)
    g_main_context_iteration (NULL, TRUE);
  probe.iterations = NULL;

  *n_asked = typist.n_asked;
  *n_delivered = typist.n_delivered;
}

static void
bench_typing (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  const char *names[2] = { "main thread (before)", "worker" };

  /* As efir-cli opens it: the check of every page would read the whole
   * file beside the typing. */
  if (!(store = efir_store_open_full (path, EFIR_STORE_OPEN_CHECK_TOUCHED, &error)))
    g_error ("Could not open %s: %s", path, error->message);

  probe.default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, probe_poll);

  g_print ("\nTyping into the search field: %zu words, a key every %d ms, %d ms after each "
           "word;\nlatency from a key to its hits (only the newest query's are delivered); "
           "milliseconds\n",
           G_N_ELEMENTS (typed), KEY_INTERVAL_MS, WORD_PAUSE_MS);
  efir_bench_print_rule (118);
  g_print ("%-22s %6s %9s %8s %8s %8s %12s %12s %10s  %-10s\n", "search", "keys", "delivered",
           "p50", "p95", "worst", "iter. p99", "iter. worst", "over 16 ms", "< 16 ms");
  efir_bench_print_rule (118);

  for (guint mode = 0; mode < 2; mode++)
    {
      g_autoptr(GArray) iterations = efir_bench_samples_new ();
      g_autoptr(GArray) latency = efir_bench_samples_new ();
      guint n_asked, n_delivered, n_over = 0;
      double worst;

      bench_typing_one (store, mode == 1, iterations, latency, &n_asked, &n_delivered);
      for (guint i = 0; i < iterations->len; i++)
        n_over += g_array_index (iterations, double, i) >= ITERATION_TARGET_MS;
      worst = efir_bench_percentile (iterations, 100);

      efir_bench_print_padded (names[mode], 23);
      g_print ("%6u %9u %8.2f %8.2f %8.2f %12.2f %12.2f %10u  %-10s\n", n_asked, n_delivered,
               efir_bench_percentile (latency, 50), efir_bench_percentile (latency, 95), efir_bench_percentile (latency, 100),
               efir_bench_percentile (iterations, 99), worst, n_over, efir_bench_verdict (worst < ITERATION_TARGET_MS));
    }
  efir_bench_print_rule (118);
  g_print ("iter.: one main-loop iteration, from leaving a poll to entering the next.\n");

  g_main_context_set_poll_func (NULL, probe.default_poll);
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
  gboolean only_queries = argc > 1 && g_strcmp0 (argv[1], "--only-queries") == 0;

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
  print_load ("at start");

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_print ("Generating %d episodes into %s…\n", N_EPISODES, path);
      if (!efir_archive_generate (path, N_EPISODES, SEED, &error))
        g_error ("Could not generate the archive: %s", error->message);
    }

  {
    g_autoptr(EfirStore) store = NULL;
    g_autoptr(GListModel) episodes = NULL;

    /* Brings the schema up to date, as the app would on opening it. */
    if (!(store = efir_store_open_full (path, EFIR_STORE_OPEN_CHECK_TOUCHED, &error))
        || !(episodes = efir_store_list_episodes (store, 0, &error)))
      g_error ("Could not open %s: %s", path, error->message);
    g_print ("Archive: %s, %u episodes\n", path, g_list_model_get_n_items (episodes));
  }

  bench_queries (path);
  if (!only_queries)
    bench_typing (path);
  print_load ("at the end");

  if (tmp_dir != NULL)
    efir_test_remove_tree (tmp_dir);

  return EXIT_SUCCESS;
}
