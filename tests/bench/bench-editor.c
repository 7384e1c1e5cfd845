/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-editor"

#include "config.h"
#include "test-config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <adwaita.h>
#include <sqlite3.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "efir-application.h"
#include "efir-archive-generator.h"
#include "efir-bench-samples.h"
#include "efir-episode-editor.h"
#include "efir-session.h"
#include "efir-store-private.h"
#include "efir-test-util.h"
#include "efir-transcript-editor-private.h"
#include "efir-transcript-text.h"
#include "efir-window.h"

/*
 * What the editor costs a producer on a full archive (5,000 and 10,000
 * episodes), measured with the real program and the real widgets:
 *
 *  1. start-up: from the moment `efir --db ARCHIVE` is spawned to its first
 *     painted frame, as a ratio to an empty AdwApplicationWindow
 *     (bench-bare-window) started the same way in the same run;
 *  2. resident memory once the first frame is on screen, against the same
 *     bare window; and both again for a producer's start, which reopens
 *     the episode open when Efir was closed, until that episode's first
 *     screen is drawn and until its whole page is (bench-reopen.c): the
 *     newest episode of the archive, and a three-hour one; beside them,
 *     when it is installed, GNOME Text Editor opening the newest
 *     episode's transcript as a file (bench-frame-report.c), as a
 *     reference;
 *  3. opening an episode with a three-hour transcript until the text is in
 *     the editor, editable, and drawn;
 *  4. typing into that transcript at a producer's speed while the text is
 *     re-read into the episode and the autosaver writes it: the longest
 *     main-loop iteration (a frame, or work that keeps the next frame from
 *     being drawn).
 *
 * The archives are generated once (EFIR_BENCH_ARCHIVE_5K and _10K name
 * files to reuse; they are generated there when missing and kept). Targets
 * are printed beside the numbers; nothing is asserted, since the numbers
 * depend on the machine. Run it under a display (Xvfb will do).
 */

/* Types and tables ------------------------------------------------------- */

#define SEED 1

/* Runs of each process, after one of each not counted: the first start of
 * the day writes the archive's daily backup, and the first reads the file
 * into the page cache. On this shared two-core machine the median of 11
 * moved by up to 0.04 of the ratio from one run of the benchmark to the
 * next; 21 keep it steadier.
 */
#define STARTUP_RUNS         21
#define STARTUP_WARM_UP      1
#define CHILD_TIMEOUT_MS     120000

#define OPEN_RUNS            11
#define OPEN_WARM_UP         1
#define OPEN_TIMEOUT_MS      30000
/* Quiet after each open, so that idle work the open left (text layout,
 * a save) does not land in the next measurement.
 */
#define SETTLE_MS            500

/* A producer typing along with the video: a key every 80 ms, a pause
 * between sentences long enough for the editor to read the text into the
 * episode (it waits for 400 ms of quiet) and so for the autosaver to write
 * it (1 s after the last change, 3 s at most after the first).
 */
#define KEY_INTERVAL_MS      80
#define SENTENCE_PAUSE_MS    700
#define TYPING_MS            15000
/* After the last key, long enough for the last re-read and save. */
#define TYPING_TAIL_MS       4000
/* The frame clock running with nothing typed, before the keys. */
#define CLOCK_REST_MS        3000

#define STARTUP_RATIO_TARGET 1.3
#define RSS_EXTRA_TARGET_MB  40.0
#define OPEN_TARGET_MS       150.0
#define FRAME_TARGET_MS      16.0

typedef struct
{
  guint       n_episodes;
  const char *env_name;
  char       *path;
} Archive;

typedef struct
{
  double startup_ratio;
  double rss_extra_mb;
  double reopen_shown_ratio;
  double reopen_ratio;
  double long_shown_ratio;
  double long_ratio;
  double reopen_rss_extra_mb;
  double open_ms;
  double longest_frame_ms;
  double longest_stall_ms;
  double longest_scroll_frame_ms;
} Summary;

/* Each field starts as NAN, "not run" (see main). */
G_STATIC_ASSERT (sizeof (Summary) == 11 * sizeof (double));

/* What a main-loop iteration did, as far as the benchmark can see. */
enum
{
  DID_PAINT   = 1 << 0,
  DID_KEY     = 1 << 1,
  DID_REPARSE = 1 << 2,
  DID_COMMIT  = 1 << 3,
  /* A frame, the first after a key, after the text was read into the
   * episode or after an autosave: what those changes cost to show.
   */
  DID_PAINT_AFTER_REPARSE = 1 << 4,
  DID_PAINT_AFTER_COMMIT  = 1 << 5,
  DID_PAINT_AFTER_KEY     = 1 << 6,
};

/* The slowest SQL statements while typing, for the table. */
#define N_SLOW_STATEMENTS 3

typedef struct
{
  gint64  us;
  char   *sql;
} SlowStatement;

typedef struct
{
  gint64 start;
  gint64 duration;
  gint64 sql_us;
  /* Of a frame: up to the end of its layout phase, and of its paint */
  gint64 layout_us;
  gint64 paint_us;
  guint  did;
} Iteration;

/* The main-loop probe: every poll the main context makes ends one
 * iteration and begins the next, so the time between leaving a poll and
 * entering the next one is how long the main thread was busy in one go:
 * nothing else (an input event, the next frame) could be handled then.
 */
typedef struct
{
  GPollFunc      default_poll;
  gboolean       recording;
  gint64         awake_since;
  guint          did;
  guint          unshown;      /* DID_KEY, _REPARSE, _COMMIT not yet followed by a frame */
  gint64         sql_us;
  SlowStatement  slow[N_SLOW_STATEMENTS];
  gint64         layout_done;
  gint64         paint_done;
  GArray        *iterations;   /* of Iteration */
  GArray        *paints;       /* monotonic µs of each after-paint */
  guint          n_commits;
  guint          n_reparses;
  gint64         sql_total_us;

  /* Checked at the end of each iteration while an open is timed. */
  gboolean     (*condition) (gpointer data);
  gpointer       condition_data;
  gint64         condition_met;

  /* Borrowed */
  GdkFrameClock *clock;
  sqlite3       *db;
} Probe;

static Probe probe;

/* Helpers ---------------------------------------------------------------- */

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static char *
format_count (guint n)
{
  if (n >= 1000)
    return g_strdup_printf ("%u,%03u", n / 1000, n % 1000);
  return g_strdup_printf ("%u", n);
}

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@done or @timeout_ms; returns *@done. */
static gboolean
run_until (const gboolean *done,
           guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return *done;
}

static void
run_for (guint ms)
{
  static const gboolean never = FALSE;

  run_until (&never, ms);
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

static void
print_machine (void)
{
  g_print ("GTK %u.%u.%u, libadwaita %u.%u.%u, SQLite %s, %u processors, %s build\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
           sqlite3_libversion (), g_get_num_processors (),
#ifdef __OPTIMIZE__
           "optimised"
#else
           "unoptimised (numbers are not representative)"
#endif
  );

  print_load ("at start");
}

/* Archives --------------------------------------------------------------- */

static void
generator_logged_cb (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  const gint64 *started = user_data;

  g_print ("  %s (%.0f s)\n", message, (now_us () - *started) / 1e6);
}

/* Generating takes minutes; the generator says how far it is every 500
 * episodes, which is shown whatever G_MESSAGES_DEBUG says.
 */
static void
ensure_archive (Archive    *archive,
                const char *tmp_dir)
{
  const char *reuse = g_getenv (archive->env_name);
  g_autoptr(GError) error = NULL;
  gint64 started;
  guint handler;

  if (reuse != NULL && reuse[0] != '\0')
    archive->path = g_strdup (reuse);
  else
    {
      g_autofree char *name = g_strdup_printf ("archive-%u.db", archive->n_episodes);

      archive->path = g_build_filename (tmp_dir, name, NULL);
    }

  if (g_file_test (archive->path, G_FILE_TEST_EXISTS))
    {
      g_print ("Archive of %u episodes: %s (reused)\n", archive->n_episodes, archive->path);
      return;
    }

  g_print ("Generating %u episodes into %s…\n", archive->n_episodes, archive->path);
  started = now_us ();
  handler = g_log_set_handler ("efir-archive-generator", G_LOG_LEVEL_DEBUG,
                               generator_logged_cb, &started);
  if (!efir_archive_generate (archive->path, archive->n_episodes, SEED, &error))
    g_error ("Could not generate the archive: %s", error->message);
  g_log_remove_handler ("efir-archive-generator", handler);

  g_print ("  done in %.0f s\n", (now_us () - started) / 1e6);
}

/* 1, 2: start-up --------------------------------------------------------- */

/* A "Key:   123 kB" line of /proc/PID/status, in kB, or -1. */
static gint64
status_kb (const char *status,
           const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\n%s:", key);
  const char *line = strstr (status, needle);

  return line != NULL ? g_ascii_strtoll (line + strlen (needle), NULL, 10) : -1;
}

typedef struct
{
  double frame_ms;    /* spawn to first frame */
  gint64 rss_kb;      /* VmRSS just after the report, -1 if it had exited */
  gint64 anon_kb;     /* of which the heap and other private memory */
  gint64 file_kb;     /* of which mapped files: libraries, fonts, caches */
  gint64 peak_kb;     /* the largest RSS of the process's life */
  double first_ms;    /* of a run timed to a later report: its first frame, or -1 */
  double shown_ms;    /* of a reopening: the first screen of the episode drawn, or -1 */
} StartupRun;

/* Reads the resident sizes of a live process; leaves -1 once it has exited. */
static void
read_rss (GPid        pid,
          StartupRun *run)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return;
  run->rss_kb = status_kb (status, "VmRSS");
  run->anon_kb = status_kb (status, "RssAnon");
  run->file_kb = status_kb (status, "RssFile");
}

/* The time of the line "@key <µs>" in @output, in ms from @started, or -1. */
static double
reported_ms (const char *output,
             const char *key,
             gint64      started)
{
  g_autofree char *prefix = g_strconcat (key, " ", NULL);
  const char *line = strstr (output, prefix);

  return line != NULL ? (g_ascii_strtoll (line + strlen (prefix), NULL, 10) - started) / 1000.0 : -1;
}

/* Spawned with fork and exec rather than GSubprocess so that the child is
 * reaped here with wait4(), which gives its peak resident size: a process
 * that quits right after its first frame may be gone before /proc is read.
 */
static gboolean
run_to_first_frame (char       **argv,
                    char       **envp,
                    const char  *report,
                    gboolean     quiet,
                    StartupRun  *run,
                    GError     **error)
{
  g_autofree char *report_prefix = g_strconcat (report, " ", NULL);
  const char *rss_line;
  g_autoptr(GString) output = g_string_new (NULL);
  struct rusage usage;
  gint64 started;
  gint64 deadline;
  gint64 reported = 0;
  GPid pid;
  int out_fd;
  int status;

  run->rss_kb = -1;
  run->anon_kb = -1;
  run->file_kb = -1;
  run->peak_kb = -1;
  run->first_ms = -1;
  run->shown_ms = -1;

  started = now_us ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp,
                                 G_SPAWN_DO_NOT_REAP_CHILD | (quiet ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                                 NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, error))
    return FALSE;

  deadline = started + CHILD_TIMEOUT_MS * 1000;
  for (;;)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      char buffer[512];
      gssize n;
      int left_ms = (int) MAX ((deadline - now_us ()) / 1000, 0);

      int ready = poll (&pfd, 1, left_ms);

      if (ready < 0 && errno == EINTR)
        continue;
      if (ready <= 0)
        {
          kill (pid, SIGKILL);
          break;
        }
      n = read (out_fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (output, buffer, n);

      if (reported == 0)
        {
          const char *line = strstr (output->str, report_prefix);

          if (line != NULL && strchr (line, '\n') != NULL)
            {
              /* Read before anything else: the process is quitting. */
              read_rss (pid, run);
              reported = g_ascii_strtoll (line + strlen (report_prefix), NULL, 10);
            }
        }
    }
  close (out_fd);

  if (wait4 (pid, &status, 0, &usage) == pid)
    run->peak_kb = usage.ru_maxrss;
  g_spawn_close_pid (pid);

  /* bench-reopen reports efir's first frame too, and reads its own
   * memory once the episode is shown. */
  if (!g_str_equal (report, "first-frame"))
    run->first_ms = reported_ms (output->str, "first-frame", started);
  run->shown_ms = reported_ms (output->str, "episode-shown", started);
  if ((rss_line = strstr (output->str, "rss-kb ")) != NULL)
    {
      char *end = NULL;

      run->rss_kb = g_ascii_strtoll (rss_line + strlen ("rss-kb "), &end, 10);
      run->anon_kb = g_ascii_strtoll (end, &end, 10);
      run->file_kb = g_ascii_strtoll (end, NULL, 10);
    }

  if (reported == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s reported no %s (%s)",
                   argv[0], report, WIFEXITED (status) ? "exited" : "killed");
      return FALSE;
    }

  run->frame_ms = (reported - started) / 1000.0;
  return TRUE;
}

typedef struct
{
  const char  *name;
  char       **argv;
  const char  *report;   /* the line that stops the clock */
  GArray      *frame_ms;
  GArray      *rss_mb;
  GArray      *anon_mb;
  GArray      *file_mb;
  GArray      *peak_mb;
  GArray      *after_first_ms;  /* from the first frame to the report */
  GArray      *shown_ms;        /* to the first screen of the episode drawn */
  GArray      *shown_after_first_ms;
  GArray      *first_ms;        /* of a run timed to a later report: to its first frame */
  gboolean     quiet;           /* what it prints on stderr is not ours to show */
} Contender;

static void
contender_run (Contender  *contender,
               char      **envp,
               gboolean    counted)
{
  g_autoptr(GError) error = NULL;
  StartupRun run;

  if (!run_to_first_frame (contender->argv, envp, contender->report, contender->quiet, &run, &error))
    g_error ("%s", error->message);

  if (!counted)
    {
      g_print ("  %-26s %7.1f   (first run, not counted)\n", contender->name, run.frame_ms);
      return;
    }

  efir_bench_samples_add (contender->frame_ms, run.frame_ms);
  if (run.rss_kb >= 0)
    {
      efir_bench_samples_add (contender->rss_mb, run.rss_kb / 1024.0);
      efir_bench_samples_add (contender->anon_mb, run.anon_kb / 1024.0);
      efir_bench_samples_add (contender->file_mb, run.file_kb / 1024.0);
    }
  if (run.peak_kb >= 0)
    efir_bench_samples_add (contender->peak_mb, run.peak_kb / 1024.0);
  if (run.first_ms >= 0)
    {
      efir_bench_samples_add (contender->after_first_ms, run.frame_ms - run.first_ms);
      efir_bench_samples_add (contender->first_ms, run.first_ms);
    }
  if (run.shown_ms >= 0)
    efir_bench_samples_add (contender->shown_ms, run.shown_ms);
  if (run.shown_ms >= 0 && run.first_ms >= 0)
    efir_bench_samples_add (contender->shown_after_first_ms, run.shown_ms - run.first_ms);
}

static void
contender_init (Contender   *contender,
                const char  *name,
                char       **argv)
{
  contender->name = name;
  contender->argv = argv;
  contender->report = "first-frame";
  contender->quiet = FALSE;
  contender->frame_ms = efir_bench_samples_new ();
  contender->rss_mb = efir_bench_samples_new ();
  contender->anon_mb = efir_bench_samples_new ();
  contender->file_mb = efir_bench_samples_new ();
  contender->peak_mb = efir_bench_samples_new ();
  contender->after_first_ms = efir_bench_samples_new ();
  contender->shown_ms = efir_bench_samples_new ();
  contender->shown_after_first_ms = efir_bench_samples_new ();
  contender->first_ms = efir_bench_samples_new ();
}

static void
contender_clear (Contender *contender)
{
  g_clear_pointer (&contender->frame_ms, g_array_unref);
  g_clear_pointer (&contender->rss_mb, g_array_unref);
  g_clear_pointer (&contender->anon_mb, g_array_unref);
  g_clear_pointer (&contender->file_mb, g_array_unref);
  g_clear_pointer (&contender->peak_mb, g_array_unref);
  g_clear_pointer (&contender->after_first_ms, g_array_unref);
  g_clear_pointer (&contender->shown_ms, g_array_unref);
  g_clear_pointer (&contender->shown_after_first_ms, g_array_unref);
  g_clear_pointer (&contender->first_ms, g_array_unref);
}

static void
print_samples_row (const char *what,
                   GArray     *samples_ms)
{
  g_print ("  %-26s %7.1f %7.1f %7.1f\n", what, efir_bench_percentile (samples_ms, 50),
           efir_bench_samples_min (samples_ms), efir_bench_samples_max (samples_ms));
}

static void
contender_print (Contender *contender)
{
  g_print ("  %-26s %7.1f %7.1f %7.1f %8.1f %6.1f %6.1f %3u/%-3u %8.1f\n", contender->name,
           efir_bench_percentile (contender->frame_ms, 50), efir_bench_samples_min (contender->frame_ms),
           efir_bench_samples_max (contender->frame_ms), efir_bench_percentile (contender->rss_mb, 50),
           efir_bench_percentile (contender->anon_mb, 50), efir_bench_percentile (contender->file_mb, 50),
           contender->rss_mb->len, contender->frame_ms->len, efir_bench_percentile (contender->peak_mb, 50));
  if (contender->after_first_ms->len > 0)
    print_samples_row ("  of which after 1st frame", contender->after_first_ms);
  if (contender->shown_ms->len > 0)
    {
      print_samples_row ("  its first screen drawn", contender->shown_ms);
      print_samples_row ("  of which after 1st frame", contender->shown_after_first_ms);
    }
}

/* A settings key file in which Efir was last closed on an episode, as a
 * producer's Efir is; returns the XDG_CONFIG_HOME that holds it. */
static char *
write_last_episode_settings (gint64 program_id,
                             gint64 episode_id)
{
  g_autofree char *config = efir_test_make_dir ("efir-bench-config");
  g_autofree char *dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = g_strdup_printf ("[io/github/efir/Efir]\n"
                              "last-program=int64 %" G_GINT64_FORMAT "\n"
                              "last-episode=int64 %" G_GINT64_FORMAT "\n",
                              program_id, episode_id);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&config);
}

/* The newest episode of the archive's largest programme, the characters
 * of its transcript and, if @text is not NULL, that transcript's text as
 * the editor shows it. */
static gint64
find_newest_episode (const char  *db_path,
                     gint64      *program_id,
                     int         *n_chars,
                     char       **text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 episode_id;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT program_id, id FROM episodes"
                                       " WHERE program_id = (SELECT program_id FROM episodes"
                                       "                     GROUP BY program_id ORDER BY count(*) DESC LIMIT 1)"
                                       " ORDER BY air_date IS NULL, unixepoch (air_date) DESC, number DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *program_id = sqlite3_column_int64 (stmt, 0);
  episode_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (!(store = efir_store_open (db_path, &error))
      || !(episode = efir_store_load_episode (store, episode_id, &error)))
    g_error ("Could not read episode %" G_GINT64_FORMAT ": %s", episode_id, error->message);
  *n_chars = efir_archive_transcript_chars (episode);
  if (text != NULL)
    *text = efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (episode)));
  return episode_id;
}

/* GNOME Text Editor, if installed, opening @text as a file, timed as Efir
 * is by bench-frame-report loaded into it: a GNOME editor of the same
 * toolkit, to tell what any such window costs from what Efir's own does.
 * Returns its command line and sets @envp, or NULL when it is missing. */
static char **
reference_editor_argv (const char   *text,
                       const char   *dir,
                       char       **envp,
                       char      ***reference_envp)
{
  g_autofree char *program = g_find_program_in_path ("gnome-text-editor");
  g_autofree char *module = g_strdup (g_getenv ("EFIR_BENCH_FRAME_REPORT"));
  g_autofree char *path = g_build_filename (dir, "transcript.txt", NULL);
  g_autofree char *chars = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) argv = NULL;

  if (module == NULL)
    module = g_strdup (BUILD_ROOT "/tests/bench/libefir-bench-frame-report.so");
  if (program == NULL || !g_file_test (module, G_FILE_TEST_EXISTS))
    return NULL;

  if (!g_file_set_contents (path, text, -1, &error))
    g_error ("Could not write %s: %s", path, error->message);
  /* Its file loader keeps a last line break out of the buffer. */
  chars = g_strdup_printf ("%ld", g_utf8_strlen (text, -1) - 1);

  *reference_envp = g_environ_unsetenv (g_strdupv (envp), "EFIR_EXIT_AFTER_FIRST_FRAME");
  *reference_envp = g_environ_setenv (*reference_envp, "LD_PRELOAD", module, TRUE);
  *reference_envp = g_environ_setenv (*reference_envp, "EFIR_BENCH_DRAWN_CHARS", chars, TRUE);
  /* Its settings as installed; --standalone restores no session. */
  *reference_envp = g_environ_setenv (*reference_envp, "GSETTINGS_BACKEND", "memory", TRUE);
  *reference_envp = g_environ_unsetenv (*reference_envp, "GSETTINGS_SCHEMA_DIR");

  argv = g_strv_builder_new ();
  g_strv_builder_add_many (argv, program, "--standalone", path, NULL);
  return g_strv_builder_end (argv);
}

/* Adds a three-hour episode to the archive, to be reopened at start-up;
 * returns its id and the characters of its transcript's text. Being a
 * write, this waits for the store's check of every page, which so does
 * not compete with the runs. */
static gint64
add_long_episode (const char *db_path,
                  gint64     *program_id,
                  int        *n_chars)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_archive_add_long_episode (db_path, SEED, &error);

  if (episode == NULL)
    g_error ("Could not add the long episode to %s: %s", db_path, error->message);
  *n_chars = efir_archive_transcript_chars (episode);
  *program_id = efir_episode_get_program_id (episode);
  return efir_episode_get_id (episode);
}

/* A reused archive stays as it was generated. */
static void
delete_long_episode (const char *db_path,
                     gint64      episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;

  if (!(store = efir_store_open (db_path, &error)))
    g_error ("Could not open %s: %s", db_path, error->message);
  if (!efir_store_delete_episode (store, episode_id, &error))
    g_error ("Could not delete the long episode: %s", error->message);
}

static void
bench_startup (Archive    *archive,
               const char *efir_path,
               const char *bare_path,
               const char *reopen_path,
               Summary    *summary)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) reopen_envp = NULL;
  g_auto(GStrv) long_envp = NULL;
  g_auto(GStrv) reference_envp = NULL;
  g_auto(GStrv) reference_argv = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *reference_dir = NULL;
  g_autofree char *newest_text = NULL;
  g_autofree char *long_config_dir = NULL;
  g_autofree char *newest_id = NULL;
  g_autofree char *newest_chars = NULL;
  g_autofree char *long_id = NULL;
  g_autofree char *long_chars = NULL;
  char *efir_argv[] = { (char *) efir_path, (char *) "--db", archive->path, NULL };
  char *bare_argv[] = { (char *) bare_path, NULL };
  char *reopen_argv[] = { (char *) reopen_path, (char *) "--db", archive->path, NULL };
  Contender efir;
  Contender bare;
  Contender reopen;
  Contender reopen_long;
  Contender reference;
  Contender *contenders[] = { &bare, &efir, &reopen, &reopen_long, &reference };
  guint n_contenders = G_N_ELEMENTS (contenders);
  gint64 newest_program_id;
  gint64 newest_episode_id;
  int newest_n_chars;
  gint64 long_program_id;
  gint64 long_episode_id;
  int long_n_chars;
  double reopen_shown_ratio;
  double reopen_ratio;
  double long_shown_ratio;
  double ratio;
  double extra_mb;
  double long_ratio;
  double long_extra_mb;
  gboolean use_peak;

  contender_init (&efir, "efir --db ARCHIVE", efir_argv);
  contender_init (&bare, "bare AdwApplicationWindow", bare_argv);
  contender_init (&reopen, "efir, last episode whole", reopen_argv);
  contender_init (&reopen_long, "efir, 3-hour episode whole", reopen_argv);
  reopen.report = "episode-drawn";
  reopen_long.report = "episode-drawn";

  newest_episode_id = find_newest_episode (archive->path, &newest_program_id, &newest_n_chars,
                                           &newest_text);
  config_dir = write_last_episode_settings (newest_program_id, newest_episode_id);
  newest_id = g_strdup_printf ("%" G_GINT64_FORMAT, newest_episode_id);
  newest_chars = g_strdup_printf ("%d", newest_n_chars);
  long_episode_id = add_long_episode (archive->path, &long_program_id, &long_n_chars);
  long_config_dir = write_last_episode_settings (long_program_id, long_episode_id);
  long_id = g_strdup_printf ("%" G_GINT64_FORMAT, long_episode_id);
  long_chars = g_strdup_printf ("%d", long_n_chars);

  envp = g_environ_setenv (envp, "EFIR_REPORT_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "EFIR_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  /* A producer's start: settings kept in a key file, where Efir was closed
   * on an episode that it opens again; `efir` as bench-reopen watches it,
   * until the frame that shows the episode, and not quitting at the first
   * (which it reports, to tell the window's start from the episode's). */
  reopen_envp = g_environ_unsetenv (g_strdupv (envp), "EFIR_EXIT_AFTER_FIRST_FRAME");
  reopen_envp = g_environ_setenv (reopen_envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  reopen_envp = g_environ_setenv (reopen_envp, "XDG_CONFIG_HOME", config_dir, TRUE);
  reopen_envp = g_environ_setenv (reopen_envp, "GSETTINGS_SCHEMA_DIR", BUILD_ROOT "/data", TRUE);
  reopen_envp = g_environ_setenv (reopen_envp, "EFIR_BENCH_REOPEN_ID", newest_id, TRUE);
  reopen_envp = g_environ_setenv (reopen_envp, "EFIR_BENCH_REOPEN_CHARS", newest_chars, TRUE);
  /* Closed on the three-hour episode. */
  long_envp = g_strdupv (reopen_envp);
  long_envp = g_environ_setenv (long_envp, "XDG_CONFIG_HOME", long_config_dir, TRUE);
  long_envp = g_environ_setenv (long_envp, "EFIR_BENCH_REOPEN_ID", long_id, TRUE);
  long_envp = g_environ_setenv (long_envp, "EFIR_BENCH_REOPEN_CHARS", long_chars, TRUE);

  /* The reference, with the newest episode's transcript. */
  reference_dir = efir_test_make_dir ("efir-bench-reference");
  reference_argv = reference_editor_argv (newest_text, reference_dir, envp, &reference_envp);
  contender_init (&reference, "GNOME Text Editor, file", reference_argv);
  reference.report = "text-drawn";
  /* Debian's 43.2 warns of a template of its own at every start. */
  reference.quiet = TRUE;
  if (reference_argv == NULL)
    n_contenders--;

  g_print ("\nStart-up to the first frame, %u-episode archive: %d runs of each, interleaved\n",
           archive->n_episodes, STARTUP_RUNS);
  g_print ("  last episode: %s, transcript of %s characters; 3-hour episode: %s, %s characters\n",
           newest_id, newest_chars, long_id, long_chars);

  /* Which goes first alternates, so that a drift in the machine's load
   * falls on both alike.
   */
  for (guint i = 0; i < STARTUP_WARM_UP + STARTUP_RUNS; i++)
    {
      gboolean counted = i >= STARTUP_WARM_UP;

      for (guint k = 0; k < n_contenders; k++)
        {
          Contender *contender = contenders[(i + k) % n_contenders];

          contender_run (contender,
                         contender == &reopen ? reopen_envp
                         : contender == &reopen_long ? long_envp
                         : contender == &reference ? reference_envp : envp,
                         counted);
        }
    }

  g_print ("  %-26s %7s %7s %7s %8s %6s %6s %7s %8s\n", "", "median", "min", "max", "VmRSS", "anon",
           "file", "read", "peak RSS");
  g_print ("  %-26s %7s %7s %7s %8s %6s %6s %7s %8s\n", "", "ms", "ms", "ms", "MB", "MB", "MB",
           "in runs", "MB");
  contender_print (&bare);
  contender_print (&efir);
  contender_print (&reopen);
  contender_print (&reopen_long);
  if (reference_argv != NULL)
    contender_print (&reference);
  else
    g_print ("  (GNOME Text Editor, the reference, is not installed)\n");

  ratio = efir_bench_percentile (efir.frame_ms, 50) / efir_bench_percentile (bare.frame_ms, 50);

  /* VmRSS is read as the process quits after its report, and now and then
   * it is gone first; the peak of its life (from wait4) stands in if that
   * happened in more than a few runs.
   */
  use_peak = efir.rss_mb->len < STARTUP_RUNS / 2 || bare.rss_mb->len < STARTUP_RUNS / 2;
  if (use_peak)
    extra_mb = efir_bench_percentile (efir.peak_mb, 50) - efir_bench_percentile (bare.peak_mb, 50);
  else
    extra_mb = efir_bench_percentile (efir.rss_mb, 50) - efir_bench_percentile (bare.rss_mb, 50);

  g_print ("  %-26s %7.2fx %48s target ≤ %.1fx: %s\n", "ratio of medians efir/bare", ratio, "",
           STARTUP_RATIO_TARGET, efir_bench_verdict (ratio <= STARTUP_RATIO_TARGET));
  g_print ("  %-26s %+7.1f MB %-45s target ≤ +%.0f MB: %s\n", "resident memory efir - bare",
           extra_mb, use_peak ? "(peak RSS)" : "(VmRSS)", RSS_EXTRA_TARGET_MB,
           efir_bench_verdict (extra_mb <= RSS_EXTRA_TARGET_MB));

  /* The start: the producer's last episode, until it is drawn:
   * the first screen of it, and the whole page. */
  reopen_shown_ratio = efir_bench_percentile (reopen.shown_ms, 50) / efir_bench_percentile (bare.frame_ms, 50);
  g_print ("  %-26s %7.2fx %48s target ≤ %.1fx: %s\n", "ratio, last episode shown",
           reopen_shown_ratio, "", STARTUP_RATIO_TARGET,
           efir_bench_verdict (reopen_shown_ratio <= STARTUP_RATIO_TARGET));
  reopen_ratio = efir_bench_percentile (reopen.frame_ms, 50) / efir_bench_percentile (bare.frame_ms, 50);
  g_print ("  %-26s %7.2fx %48s target ≤ %.1fx: %s\n", "ratio, last episode whole",
           reopen_ratio, "", STARTUP_RATIO_TARGET, efir_bench_verdict (reopen_ratio <= STARTUP_RATIO_TARGET));

  /* Its memory as it read it itself, a second after the frame. */
  long_shown_ratio = efir_bench_percentile (reopen_long.shown_ms, 50) / efir_bench_percentile (bare.frame_ms, 50);
  g_print ("  %-26s %7.2fx %48s target ≤ %.1fx: %s\n", "ratio, 3-hour episode shown",
           long_shown_ratio, "", STARTUP_RATIO_TARGET, efir_bench_verdict (long_shown_ratio <= STARTUP_RATIO_TARGET));
  long_ratio = efir_bench_percentile (reopen_long.frame_ms, 50) / efir_bench_percentile (bare.frame_ms, 50);
  long_extra_mb = efir_bench_percentile (reopen_long.rss_mb, 50) - efir_bench_percentile (bare.rss_mb, 50);
  g_print ("  %-26s %7.2fx %48s target ≤ %.1fx: %s\n", "ratio, 3-hour episode whole",
           long_ratio, "", STARTUP_RATIO_TARGET, efir_bench_verdict (long_ratio <= STARTUP_RATIO_TARGET));
  g_print ("  %-26s %+7.1f MB %-45s target ≤ +%.0f MB: %s\n", "memory, 3-hour episode - bare",
           long_extra_mb, "(VmRSS, 1 s after it is drawn)", RSS_EXTRA_TARGET_MB,
           efir_bench_verdict (long_extra_mb <= RSS_EXTRA_TARGET_MB));
  if (reference_argv != NULL)
    {
      /* Not a target: what a GNOME editor of the same toolkit takes. */
      g_print ("  %-26s %7.2fx %48s reference\n", "ratio, Text Editor 1st",
               efir_bench_percentile (reference.first_ms, 50) / efir_bench_percentile (bare.frame_ms, 50), "");
      g_print ("  %-26s %7.2fx %48s reference\n", "ratio, Text Editor file",
               efir_bench_percentile (reference.frame_ms, 50) / efir_bench_percentile (bare.frame_ms, 50), "");
    }

  summary->startup_ratio = ratio;
  summary->rss_extra_mb = extra_mb;
  summary->reopen_shown_ratio = reopen_shown_ratio;
  summary->reopen_ratio = reopen_ratio;
  summary->long_shown_ratio = long_shown_ratio;
  summary->long_ratio = long_ratio;
  summary->reopen_rss_extra_mb = long_extra_mb;

  delete_long_episode (archive->path, long_episode_id);

  contender_clear (&efir);
  contender_clear (&bare);
  contender_clear (&reopen);
  contender_clear (&reopen_long);
  contender_clear (&reference);
  efir_test_remove_tree (config_dir);
  efir_test_remove_tree (reference_dir);
  efir_test_remove_tree (long_config_dir);
}

/* The probe ------------------------------------------------------------ */

static gint
probe_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 entered = now_us ();
  gint result;

  if (probe.condition != NULL && probe.condition_met == 0 &&
      probe.condition (probe.condition_data))
    probe.condition_met = entered;

  if (probe.recording && probe.awake_since != 0)
    {
      Iteration iteration = { probe.awake_since, entered - probe.awake_since, probe.sql_us,
                              0, 0, probe.did };

      /* Ours run after GTK's handlers of the same phase, so these mark
       * the ends of layout and of rendering.
       */
      if (probe.layout_done >= probe.awake_since)
        iteration.layout_us = probe.layout_done - probe.awake_since;
      if (probe.paint_done >= probe.awake_since)
        iteration.paint_us = probe.paint_done - MAX (probe.layout_done, probe.awake_since);

      g_array_append_val (probe.iterations, iteration);
    }
  probe.unshown |= probe.did & (DID_KEY | DID_REPARSE | DID_COMMIT);
  probe.did = 0;
  probe.sql_us = 0;
  probe.layout_done = 0;
  probe.paint_done = 0;

  result = probe.default_poll (fds, nfds, timeout);

  probe.awake_since = now_us ();
  return result;
}

/* Keeps the N_SLOW_STATEMENTS slowest, slowest first. */
static void
remember_statement (gint64      us,
                    const char *sql)
{
  guint i = N_SLOW_STATEMENTS;

  while (i > 0 && us > probe.slow[i - 1].us)
    i--;
  if (i == N_SLOW_STATEMENTS)
    return;

  g_free (probe.slow[N_SLOW_STATEMENTS - 1].sql);
  memmove (&probe.slow[i + 1], &probe.slow[i], (N_SLOW_STATEMENTS - 1 - i) * sizeof probe.slow[0]);
  probe.slow[i].us = us;
  probe.slow[i].sql = g_strndup (sql != NULL ? sql : "", 60);
  g_strdelimit (probe.slow[i].sql, "\n", ' ');
}

static int
statement_profiled_cb (unsigned  type,
                       void     *context,
                       void     *statement,
                       void     *elapsed_ns)
{
  gint64 us = *(sqlite3_int64 *) elapsed_ns / 1000;
  const char *sql = sqlite3_sql (statement);

  probe.sql_us += us;
  if (probe.recording)
    {
      probe.sql_total_us += us;
      remember_statement (us, sql);
    }

  return 0;
}

/* The autosaver writes in a thread: what the main loop sees of a save is
 * its outcome handed back. */
static void
saved_cb (EfirAutosaver *autosaver,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  probe.did |= DID_COMMIT;
  if (probe.recording)
    probe.n_commits++;
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  gpointer       user_data)
{
  gint64 now = now_us ();

  probe.did |= DID_PAINT;
  if (probe.unshown & DID_REPARSE)
    probe.did |= DID_PAINT_AFTER_REPARSE;
  if (probe.unshown & DID_COMMIT)
    probe.did |= DID_PAINT_AFTER_COMMIT;
  if (probe.unshown & DID_KEY)
    probe.did |= DID_PAINT_AFTER_KEY;
  probe.unshown = 0;
  if (probe.recording)
    g_array_append_val (probe.paints, now);
}

static void
frame_laid_out_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  probe.layout_done = now_us ();
}

static void
frame_rendered_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  probe.paint_done = now_us ();
}

static void
probe_start (void)
{
  g_array_set_size (probe.iterations, 0);
  g_array_set_size (probe.paints, 0);
  probe.n_commits = 0;
  probe.n_reparses = 0;
  probe.sql_total_us = 0;
  probe.awake_since = 0;
  probe.unshown = 0;
  for (guint i = 0; i < N_SLOW_STATEMENTS; i++)
    {
      g_clear_pointer (&probe.slow[i].sql, g_free);
      probe.slow[i].us = 0;
    }
  probe.recording = TRUE;
}

static void
probe_stop (void)
{
  probe.recording = FALSE;
}

/* 3: opening a long episode ---------------------------------------------- */

typedef struct
{
  EfirWindow *window;
  gint64      episode_id;
  int         expected_chars;

  /* This process's resident memory before the window, and once it drew */
  StartupRun  before_window;
  StartupRun  with_window;

  /* Borrowed, and checked to be still in the window each time */
  GtkWidget  *transcript;
} Target;

static EfirTranscriptEditor *
target_get_transcript (Target *target)
{
  if (target->transcript == NULL ||
      gtk_widget_get_root (target->transcript) != GTK_ROOT (target->window))
    {
      /* The editor the window shows, found by its type so that no part of
       * the window's layout is assumed.
       */
      GtkWidget *editor = GTK_WIDGET (efir_window_get_editor (target->window));

      g_clear_weak_pointer (&target->transcript);
      if (editor != NULL)
        g_set_weak_pointer (&target->transcript, find_widget (editor, EFIR_TYPE_TRANSCRIPT_EDITOR));
    }

  return (EfirTranscriptEditor *) target->transcript;
}

/* The long episode's whole text is in the editor and can be typed into. */
static gboolean
target_is_editable (gpointer data)
{
  Target *target = data;
  EfirTranscriptEditor *transcript = target_get_transcript (target);
  EfirEpisode *episode;
  GtkSourceView *view;

  if (transcript == NULL)
    return FALSE;

  episode = efir_transcript_editor_get_episode (transcript);
  view = efir_transcript_editor_get_view (transcript);
  return episode != NULL && efir_episode_get_id (episode) == target->episode_id &&
         gtk_text_view_get_editable (GTK_TEXT_VIEW (view)) &&
         gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))) ==
           target->expected_chars;
}

typedef struct
{
  gint64   painted;
  gboolean done;
} FrameWait;

static void
frame_waited_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  FrameWait *wait = user_data;

  if (wait->done)
    return;

  if (probe.condition == NULL || probe.condition (probe.condition_data))
    {
      wait->painted = now_us ();
      wait->done = TRUE;
    }
}

/* Runs the main loop until a frame has been painted after the probe's
 * condition (if any) holds; returns when it was painted, or 0.
 */
static gint64
wait_for_frame (guint timeout_ms)
{
  FrameWait wait = { 0, FALSE };
  gulong handler;

  handler = g_signal_connect (probe.clock, "after-paint", G_CALLBACK (frame_waited_cb), &wait);
  /* An open that changes nothing on screen would otherwise wait for ever. */
  gdk_frame_clock_request_phase (probe.clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  run_until (&wait.done, timeout_ms);
  g_signal_handler_disconnect (probe.clock, handler);

  return wait.painted;
}

static void
open_and_settle (Target *target,
                 gint64  episode_id)
{
  efir_window_open_episode (target->window, episode_id);
  wait_for_frame (OPEN_TIMEOUT_MS);
  run_for (SETTLE_MS);
}

static void
bench_open (Target  *target,
            gint64   other_id,
            guint    n_segments,
            gsize    text_bytes,
            Summary *summary)
{
  g_autoptr(GArray) call_ms = efir_bench_samples_new ();
  g_autoptr(GArray) sql_ms = efir_bench_samples_new ();
  g_autoptr(GArray) editable_ms = efir_bench_samples_new ();
  g_autoptr(GArray) drawn_ms = efir_bench_samples_new ();
  g_autoptr(GArray) shown_ms = efir_bench_samples_new ();
  g_autofree char *segments = format_count (n_segments);

  g_print ("\nOpening the three-hour episode (%s segments, %.0f KB of text) until it is editable "
           "and drawn: %d opens, another episode opened between\n",
           segments, text_bytes / 1024.0, OPEN_RUNS);

  for (guint i = 0; i < OPEN_WARM_UP + OPEN_RUNS; i++)
    {
      gint64 started;
      gint64 returned;
      gint64 sql_before;
      gint64 painted;

      open_and_settle (target, other_id);

      probe.condition = target_is_editable;
      probe.condition_data = target;
      probe.condition_met = 0;
      sql_before = probe.sql_total_us;
      probe.recording = TRUE;

      started = now_us ();
      efir_window_open_episode (target->window, target->episode_id);
      returned = now_us ();
      if (probe.condition_met == 0 && target_is_editable (target))
        probe.condition_met = returned;

      painted = wait_for_frame (OPEN_TIMEOUT_MS);

      probe.recording = FALSE;
      probe.condition = NULL;

      if (painted == 0 || probe.condition_met == 0)
        g_error ("The long episode did not become editable within %d ms", OPEN_TIMEOUT_MS);

      if (i < OPEN_WARM_UP)
        {
          g_print ("  first open, not counted: %.1f ms\n", (painted - started) / 1000.0);
          run_for (SETTLE_MS);
          continue;
        }

      efir_bench_samples_add (call_ms, (returned - started) / 1000.0);
      efir_bench_samples_add (sql_ms, (probe.sql_total_us - sql_before) / 1000.0);
      efir_bench_samples_add (editable_ms, (probe.condition_met - started) / 1000.0);
      efir_bench_samples_add (drawn_ms, (painted - started) / 1000.0);
      efir_bench_samples_add (shown_ms, (painted - probe.condition_met) / 1000.0);
      run_for (SETTLE_MS);
    }

  g_print ("  %-50s %8s %8s %8s\n", "from efir_window_open_episode () to", "median", "min", "max");
  g_print ("  %-50s %8.1f %8.1f %8.1f\n", "its return", efir_bench_percentile (call_ms, 50),
           efir_bench_samples_min (call_ms), efir_bench_samples_max (call_ms));
  g_print ("  %-50s %8.1f %8.1f %8.1f\n", "  of which SQL on the main connection (1 ms steps)",
           efir_bench_percentile (sql_ms, 50), efir_bench_samples_min (sql_ms), efir_bench_samples_max (sql_ms));
  g_print ("  %-50s %8.1f %8.1f %8.1f\n", "the whole text in the buffer, editable",
           efir_bench_percentile (editable_ms, 50), efir_bench_samples_min (editable_ms), efir_bench_samples_max (editable_ms));
  g_print ("  %-50s %8.1f %8.1f %8.1f   target < %.0f ms: %s\n", "the next frame drawn",
           efir_bench_percentile (drawn_ms, 50), efir_bench_samples_min (drawn_ms), efir_bench_samples_max (drawn_ms),
           OPEN_TARGET_MS, efir_bench_verdict (efir_bench_percentile (drawn_ms, 50) < OPEN_TARGET_MS));
  g_print ("  %-50s %8.1f %8.1f %8.1f\n", "  of which from editable to drawn",
           efir_bench_percentile (shown_ms, 50), efir_bench_samples_min (shown_ms), efir_bench_samples_max (shown_ms));

  summary->open_ms = efir_bench_percentile (drawn_ms, 50);
}

/* 4: typing during autosaves --------------------------------------------- */

/* Azerbaijani, as the long episode is, with the letters a keyboard layout
 * composes (ə ı ş ç ğ ö ü).
 */
static const char typed_text[] =
  "Bu gün qonağımız çox çətin suala cavab verdi. "
  "Müharibə haqqında danışmaq asan deyil. "
  "Şəhərdə qiymətlər yenə artıb. "
  "Ölkənin iqtisadiyyatı üçün bu ağır ildir. ";

/* The same sentences through X key events, as a keyboard sends them:
 * xdotool types them through XTest into the focused window. Without the
 * letters an English keyboard map lacks, for which xdotool would remap a
 * key before each, and GTK reload its keymap. */
static const char *const x_typed_sentences[] = {
  "Bu gun qonagimiz cox cetin suala cavab verdi. ",
  "Muharibe haqqinda danismaq asan deyil. ",
  "Seherde qiymetler yene artib. ",
  "Olkenin iqtisadiyyati ucun bu agir ildir. ",
};

typedef struct
{
  GtkTextView *view;
  const char  *next;
  gint64       due;
  gint64       stop;
  GArray      *late_ms;
  guint        n_keys;
  gboolean     done;
} Typist;

static gboolean type_key_cb (gpointer user_data);

static void
typist_schedule (Typist *typist,
                 guint   delay_ms)
{
  typist->due = now_us () + delay_ms * 1000;
  g_timeout_add (delay_ms, type_key_cb, typist);
}

/* As GtkTextView commits a key: one user action, inserted where the
 * cursor is, the cursor kept on screen.
 */
static gboolean
type_key_cb (gpointer user_data)
{
  Typist *typist = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (typist->view);
  gint64 now = now_us ();
  const char *end;
  gboolean sentence_ends;

  efir_bench_samples_add (typist->late_ms, MAX (now - typist->due, 0) / 1000.0);
  probe.did |= DID_KEY;

  if (*typist->next == '\0')
    typist->next = typed_text;
  end = g_utf8_next_char (typist->next);
  sentence_ends = typist->next > typed_text && *typist->next == ' ' && typist->next[-1] == '.';

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, typist->next, end - typist->next, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (typist->view, gtk_text_buffer_get_insert (buffer));
  typist->next = end;
  typist->n_keys++;

  if (now >= typist->stop)
    typist->done = TRUE;
  else
    typist_schedule (typist, sentence_ends ? SENTENCE_PAUSE_MS : KEY_INTERVAL_MS);

  return G_SOURCE_REMOVE;
}

/* A key that reached the window from the X server. */
static gboolean
x_key_pressed_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  gpointer               user_data)
{
  Typist *typist = user_data;

  probe.did |= DID_KEY;
  typist->n_keys++;
  return FALSE;
}

static void
x_typist_finished_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Typist *typist = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source_object), result, &error))
    g_printerr ("  xdotool: %s\n", error->message);
  typist->done = TRUE;
}

/* Spawned with posix_spawn (GSubprocess), which does not copy the
 * process: a fork of the benchmark would stall its main loop. */
static GSubprocess *
x_typist_start (Typist    *typist,
                GtkWidget *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (!GDK_IS_X11_SURFACE (surface) || xdotool == NULL)
    return NULL;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("windowfocus"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface)));
  for (guint i = 0; i < G_N_ELEMENTS (x_typed_sentences); i++)
    {
      g_ptr_array_add (argv, g_strdup ("type"));
      g_ptr_array_add (argv, g_strdup ("--delay"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", KEY_INTERVAL_MS));
      g_ptr_array_add (argv, g_strdup (x_typed_sentences[i]));
      g_ptr_array_add (argv, g_strdup ("sleep"));
      g_ptr_array_add (argv, g_strdup_printf ("%.1f", SENTENCE_PAUSE_MS / 1000.0));
    }
  g_ptr_array_add (argv, NULL);

  if (!(process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                                     &error)))
    {
      g_printerr ("  xdotool: %s\n", error->message);
      return NULL;
    }
  g_subprocess_wait_check_async (process, NULL, x_typist_finished_cb, typist);
  return g_steal_pointer (&process);
#else
  return NULL;
#endif
}

static void
transcript_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       gpointer    user_data)
{
  probe.did |= DID_REPARSE;
  if (probe.recording)
    probe.n_reparses++;
}

/* Keeps the frame clock running, as an animation would, so that the time
 * between two frames says how long the screen could not change.
 */
static gboolean
ticked_cb (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The intervals between frames of the clock running with nothing to do:
 * the floor of those while typing. Without a display that reports its
 * vertical blank (Xvfb), GDK paces frames with a timer, which is late now
 * and then by itself. */
static GArray *
measure_clock_at_rest (GtkWidget *widget)
{
  GArray *interval_ms = efir_bench_samples_new ();
  guint tick = gtk_widget_add_tick_callback (widget, ticked_cb, NULL, NULL);

  probe_start ();
  run_for (CLOCK_REST_MS);
  probe_stop ();
  gtk_widget_remove_tick_callback (widget, tick);

  for (guint i = 1; i < probe.paints->len; i++)
    efir_bench_samples_add (interval_ms, (g_array_index (probe.paints, gint64, i)
                               - g_array_index (probe.paints, gint64, i - 1)) / 1000.0);
  return interval_ms;
}

static char *
describe_iteration (const Iteration *iteration)
{
  g_autoptr(GString) what = g_string_new (NULL);

  if (iteration->did & DID_KEY)
    g_string_append (what, "key typed, ");
  if (iteration->did & DID_REPARSE)
    g_string_append (what, "text read into the episode, ");
  if (iteration->did & DID_COMMIT)
    g_string_append (what, "autosave handed back, ");
  if (iteration->did & DID_PAINT)
    g_string_append_printf (what, "frame painted (layout %.1f ms, render %.1f ms), ",
                            iteration->layout_us / 1000.0, iteration->paint_us / 1000.0);
  if (iteration->did & DID_PAINT_AFTER_KEY)
    g_string_append (what, "showing a key, ");
  if (iteration->did & DID_PAINT_AFTER_REPARSE)
    g_string_append (what, "the first since a re-read, ");
  if (iteration->did & DID_PAINT_AFTER_COMMIT)
    g_string_append (what, "the first since an autosave, ");
  if (iteration->sql_us > 0)
    g_string_append_printf (what, "SQL %.1f ms, ", iteration->sql_us / 1000.0);
  if (what->len == 0)
    g_string_append (what, "other work (GTK idle, timers), ");
  g_string_truncate (what, what->len - 2);

  return g_string_free (g_steal_pointer (&what), FALSE);
}

static int
compare_iterations_by_duration (gconstpointer a,
                                gconstpointer b)
{
  const Iteration *x = a;
  const Iteration *y = b;

  return x->duration < y->duration ? 1 : x->duration > y->duration ? -1 : 0;
}

/* @over_ms: the samples at or above it are counted. */
static void
print_stats_row (const char *what,
                 GArray     *ms,
                 double      over_ms,
                 gboolean    with_target)
{
  guint over = 0;

  if (ms->len == 0)
    {
      g_print ("  %-42s %6u   (nothing to measure in this part)\n", what, 0);
      return;
    }

  for (guint i = 0; i < ms->len; i++)
    if (g_array_index (ms, double, i) >= over_ms)
      over++;

  g_print ("  %-42s %6u %8.1f %8.1f %8.1f %7u (≥ %.0f ms)", what, ms->len, efir_bench_percentile (ms, 50),
           efir_bench_percentile (ms, 99), efir_bench_samples_max (ms), over, over_ms);
  if (with_target)
    g_print ("   target max < %.0f ms: %s", FRAME_TARGET_MS,
             efir_bench_verdict (efir_bench_samples_max (ms) < FRAME_TARGET_MS));
  g_print ("\n");
}

/* @through_x: the keys come from the X server (xdotool), not inserted. */
static void
bench_typing (Target   *target,
              Summary  *summary,
              gboolean  through_x)
{
  g_autoptr(GArray) frame_ms = efir_bench_samples_new ();
  g_autoptr(GArray) key_frame_ms = efir_bench_samples_new ();
  g_autoptr(GArray) layout_ms = efir_bench_samples_new ();
  g_autoptr(GArray) render_ms = efir_bench_samples_new ();
  g_autoptr(GArray) stall_ms = efir_bench_samples_new ();
  g_autoptr(GArray) unpainted_ms = efir_bench_samples_new ();
  g_autoptr(GArray) interval_ms = efir_bench_samples_new ();
  g_autoptr(GArray) rest_ms = NULL;
  g_autoptr(GArray) late_ms = efir_bench_samples_new ();
  g_autoptr(GArray) sorted = NULL;
  EfirTranscriptEditor *transcript;
  EfirEpisode *episode;
  GtkWidget *editor;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GListModel *segments;
  GtkTextIter iter;
  Typist typist = { 0 };
  GtkEventController *keys = NULL;
  g_autoptr(GSubprocess) x_typist = NULL;
  gulong changed_handler;
  guint tick;
  gint64 started;

  open_and_settle (target, target->episode_id);

  editor = GTK_WIDGET (efir_window_get_editor (target->window));
  if (EFIR_IS_EPISODE_EDITOR (editor))
    efir_episode_editor_show_section (EFIR_EPISODE_EDITOR (editor), EFIR_EDITOR_SECTION_TRANSCRIPT);

  transcript = target_get_transcript (target);
  view = GTK_TEXT_VIEW (efir_transcript_editor_get_view (transcript));
  buffer = gtk_text_view_get_buffer (view);
  episode = efir_transcript_editor_get_episode (transcript);
  segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  changed_handler = g_signal_connect (segments, "items-changed",
                                      G_CALLBACK (transcript_changed_cb), NULL);

  /* At the end of a segment's text near the top, where a producer
   * correcting the transcript along with the video would be.
   */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 5);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  run_for (SETTLE_MS);

  if (!through_x)
    {
      StartupRun open = { 0 };

      /* In this process, beside the bare window of the start-up part: what
       * the archive, the window and the episode add, MB of VmRSS. */
      read_rss (getpid (), &open);
      g_print ("\nResident memory of this process (VmRSS, of which anonymous): before the "
               "window %.1f (%.1f) MB, window drawn %.1f (%.1f) MB, the three-hour episode "
               "open with its transcript shown %.1f (%.1f) MB\n",
               target->before_window.rss_kb / 1024.0, target->before_window.anon_kb / 1024.0,
               target->with_window.rss_kb / 1024.0, target->with_window.anon_kb / 1024.0,
               open.rss_kb / 1024.0, open.anon_kb / 1024.0);
    }

  rest_ms = measure_clock_at_rest (GTK_WIDGET (target->window));

  typist.view = view;
  typist.next = typed_text;
  typist.late_ms = late_ms;

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (target->window), ticked_cb, NULL, NULL);
  probe_start ();

  started = now_us ();
  typist.stop = started + TYPING_MS * 1000;
  if (through_x)
    {
      keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (x_key_pressed_cb), &typist);
      gtk_widget_add_controller (GTK_WIDGET (target->window), keys);
      if (!(x_typist = x_typist_start (&typist, GTK_WIDGET (target->window))))
        {
          g_print ("\nTyping through X key events: skipped (needs X11 and xdotool)\n");
          probe_stop ();
          gtk_widget_remove_tick_callback (GTK_WIDGET (target->window), tick);
          gtk_widget_remove_controller (GTK_WIDGET (target->window), keys);
          g_signal_handler_disconnect (segments, changed_handler);
          return;
        }
      if (!run_until (&typist.done, TYPING_MS * 3))
        {
          /* Its callback holds the typist: wait for it. */
          g_subprocess_force_exit (x_typist);
          run_until (&typist.done, OPEN_TIMEOUT_MS);
        }
    }
  else
    {
      typist_schedule (&typist, KEY_INTERVAL_MS);
      run_until (&typist.done, TYPING_MS * 2);
    }
  run_for (TYPING_TAIL_MS);

  probe_stop ();
  if (keys != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (target->window), keys);
  gtk_widget_remove_tick_callback (GTK_WIDGET (target->window), tick);
  g_signal_handler_disconnect (segments, changed_handler);

  for (guint i = 0; i < probe.iterations->len; i++)
    {
      const Iteration *iteration = &g_array_index (probe.iterations, Iteration, i);

      efir_bench_samples_add (stall_ms, iteration->duration / 1000.0);
      if (!(iteration->did & DID_PAINT))
        efir_bench_samples_add (unpainted_ms, iteration->duration / 1000.0);
      if (iteration->did & DID_PAINT)
        {
          efir_bench_samples_add (frame_ms, iteration->duration / 1000.0);
          if (iteration->did & DID_PAINT_AFTER_KEY)
            efir_bench_samples_add (key_frame_ms, iteration->duration / 1000.0);
          efir_bench_samples_add (layout_ms, iteration->layout_us / 1000.0);
          efir_bench_samples_add (render_ms, iteration->paint_us / 1000.0);
        }
    }
  for (guint i = 1; i < probe.paints->len; i++)
    {
      gint64 previous = g_array_index (probe.paints, gint64, i - 1);

      efir_bench_samples_add (interval_ms, (g_array_index (probe.paints, gint64, i) - previous) / 1000.0);
    }

  g_print ("\nTyping into the three-hour transcript%s: %u keys in %.1f s (a key every %d ms, "
           "%d ms between sentences), then %.0f s of quiet\n",
           through_x ? " through X key events (XTest, xdotool)" : "", typist.n_keys,
           (now_us () - started) / 1e6 - TYPING_TAIL_MS / 1000.0, KEY_INTERVAL_MS,
           SENTENCE_PAUSE_MS, TYPING_TAIL_MS / 1000.0);
  g_print ("  seen meanwhile: %u re-reads of the text into the episode, %u autosaves handed back, "
           "%.1f ms of SQL on the main connection\n",
           probe.n_reparses, probe.n_commits, probe.sql_total_us / 1000.0);
  g_print ("  %-42s %6s %8s %8s %8s %7s\n", "ms", "n", "median", "p99", "max", "over");
  print_stats_row ("frame (main-loop iteration that painted)", frame_ms, FRAME_TARGET_MS, TRUE);
  print_stats_row ("  its start to the end of layout", layout_ms, FRAME_TARGET_MS, FALSE);
  print_stats_row ("  its rendering (snapshot and draw)", render_ms, FRAME_TARGET_MS, FALSE);
  print_stats_row ("  the first after a key", key_frame_ms, FRAME_TARGET_MS, FALSE);
  print_stats_row ("main-loop iteration, any work", stall_ms, FRAME_TARGET_MS, TRUE);
  /* What a count of painted frames alone never shows: a key, a re-read or
   * an autosave holding the main loop between two frames. */
  print_stats_row ("  of them those that did not paint", unpainted_ms, FRAME_TARGET_MS, FALSE);
  /* At 60 Hz a frame is due every 16.7 ms; a gap of two is a frame lost. */
  print_stats_row ("interval between frames (clock running)", interval_ms, 2 * 1000.0 / 60, FALSE);
  print_stats_row ("  the same before typing, nothing to do", rest_ms, 2 * 1000.0 / 60, FALSE);
  print_stats_row ("keystroke timer lateness", late_ms, FRAME_TARGET_MS, FALSE);

  sorted = g_array_copy (probe.iterations);
  g_array_sort (sorted, compare_iterations_by_duration);
  g_print ("  longest iterations:\n");
  for (guint i = 0; i < MIN (sorted->len, 8); i++)
    {
      const Iteration *iteration = &g_array_index (sorted, Iteration, i);
      g_autofree char *what = describe_iteration (iteration);

      g_print ("    %7.1f ms at %5.1f s  %s\n", iteration->duration / 1000.0,
               (iteration->start - started) / 1e6, what);
    }

  g_print ("  slowest SQL statements (SQLite's clock, 1 ms steps):\n");
  for (guint i = 0; i < N_SLOW_STATEMENTS && probe.slow[i].sql != NULL; i++)
    g_print ("    %7.1f ms  %s\n", probe.slow[i].us / 1000.0, probe.slow[i].sql);

  if (!through_x)
    {
      summary->longest_frame_ms = efir_bench_samples_max (frame_ms);
      summary->longest_stall_ms = efir_bench_samples_max (stall_ms);
    }
}

/* Scrolling the sidebar's episode list as a fast flick does, a screenful
 * and more at every frame, from the top to the end and back: rows are
 * read from the store a page at a time as they come into view. */
#define SCROLL_STEP_PX 600

typedef struct
{
  GtkAdjustment *adjustment;
  double         step;
  guint          n_frames;
  gboolean       done;
} Scroller;

static gboolean
scroll_ticked_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  Scroller *scroller = user_data;
  double value = gtk_adjustment_get_value (scroller->adjustment) + scroller->step;
  double end = gtk_adjustment_get_upper (scroller->adjustment)
               - gtk_adjustment_get_page_size (scroller->adjustment);

  scroller->n_frames++;
  if (value >= end && scroller->step > 0)
    {
      value = end;
      scroller->step = -scroller->step;
    }
  else if (value <= 0 && scroller->step < 0)
    {
      value = 0;
      scroller->done = TRUE;
    }
  gtk_adjustment_set_value (scroller->adjustment, value);

  return scroller->done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
bench_scroll (Target  *target,
              Summary *summary)
{
  g_autoptr(GArray) frame_ms = efir_bench_samples_new ();
  g_autoptr(GArray) stall_ms = efir_bench_samples_new ();
  g_autoptr(GArray) interval_ms = efir_bench_samples_new ();
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (target->window),
                                                               EFIR_TYPE_WINDOW, "episode_list"));
  GListModel *rows = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list)));
  Scroller scroller = { 0 };

  scroller.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  scroller.step = SCROLL_STEP_PX;
  gtk_adjustment_set_value (scroller.adjustment, 0);
  run_for (SETTLE_MS);

  probe_start ();
  gtk_widget_add_tick_callback (list, scroll_ticked_cb, &scroller, NULL);
  run_until (&scroller.done, 600000);
  probe_stop ();

  for (guint i = 0; i < probe.iterations->len; i++)
    {
      const Iteration *iteration = &g_array_index (probe.iterations, Iteration, i);

      efir_bench_samples_add (stall_ms, iteration->duration / 1000.0);
      if (iteration->did & DID_PAINT)
        efir_bench_samples_add (frame_ms, iteration->duration / 1000.0);
    }
  for (guint i = 1; i < probe.paints->len; i++)
    efir_bench_samples_add (interval_ms, (g_array_index (probe.paints, gint64, i)
                               - g_array_index (probe.paints, gint64, i - 1)) / 1000.0);

  g_print ("\nScrolling the episode list (%u episodes of the programme) to its end and back, "
           "%d px a frame: %u frames, %.1f ms of SQL\n",
           g_list_model_get_n_items (rows), SCROLL_STEP_PX, scroller.n_frames,
           probe.sql_total_us / 1000.0);
  g_print ("  %-42s %6s %8s %8s %8s %7s\n", "ms", "n", "median", "p99", "max", "over");
  print_stats_row ("frame (main-loop iteration that painted)", frame_ms, FRAME_TARGET_MS, TRUE);
  print_stats_row ("main-loop iteration, any work", stall_ms, FRAME_TARGET_MS, FALSE);
  print_stats_row ("interval between frames", interval_ms, 2 * 1000.0 / 60, FALSE);

  summary->longest_scroll_frame_ms = efir_bench_samples_max (frame_ms);
}

/* The window reopens the episode open last, which in this process may be
 * an id of the other archive.
 */
static void
forget_last_episode (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_reset (settings, "last-program");
  g_settings_reset (settings, "last-episode");
}

static void
bench_editor (EfirApplication *app,
              Archive         *archive,
              Summary         *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GListModel) episodes = NULL;
  g_autoptr(EfirEpisode) other = NULL;
  g_autofree char *text = NULL;
  Target target = { 0 };
  GListModel *segments;
  gint64 started;

  g_print ("\n%u-episode archive, in the benchmark's own process\n", archive->n_episodes);

  if (!(store = efir_store_open (archive->path, &error)))
    g_error ("Could not open %s: %s", archive->path, error->message);
  if (!(program = efir_store_find_program (store, "Çətin sual", &error)))
    g_error ("No programme “Çətin sual”: %s", error ? error->message : "");

  /* Being a write, this also waits for the store's check of every page,
   * so that it does not compete with what is measured.
   */
  episode = efir_archive_make_long_episode (efir_program_get_id (program), SEED);
  if (!efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error))
    g_error ("Could not save the long episode: %s", error->message);

  segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  text = efir_transcript_text_format (segments);

  /* The first other episode the store lists, an ordinary 40-minute one. */
  if (!(episodes = efir_store_list_episodes (store, efir_program_get_id (program), &error)))
    g_error ("Could not list the episodes: %s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (episodes) && other == NULL; i++)
    {
      g_autoptr(EfirEpisode) candidate = g_list_model_get_item (episodes, i);

      if (efir_episode_get_id (candidate) != efir_episode_get_id (episode))
        other = g_steal_pointer (&candidate);
    }

  probe.db = efir_database_get_handle (efir_store_get_database (store));
  sqlite3_trace_v2 (probe.db, SQLITE_TRACE_PROFILE, statement_profiled_cb, NULL);

  forget_last_episode ();
  read_rss (getpid (), &target.before_window);
  started = now_us ();
  target.window = efir_window_new (app, store, archive->path, NULL);
  target.episode_id = efir_episode_get_id (episode);
  target.expected_chars = (int) g_utf8_strlen (text, -1);
  gtk_window_present (GTK_WINDOW (target.window));

  g_signal_connect (efir_session_get_autosaver (efir_window_get_session (target.window)),
                    "notify::last-saved", G_CALLBACK (saved_cb), NULL);
  probe.clock = gtk_widget_get_frame_clock (GTK_WIDGET (target.window));
  g_signal_connect (probe.clock, "after-paint", G_CALLBACK (frame_painted_cb), NULL);
  g_signal_connect (probe.clock, "layout", G_CALLBACK (frame_laid_out_cb), NULL);
  g_signal_connect (probe.clock, "paint", G_CALLBACK (frame_rendered_cb), NULL);
  wait_for_frame (OPEN_TIMEOUT_MS);
  g_print ("  window built and drawn in %.0f ms (GSK renderer %s)\n",
           (now_us () - started) / 1000.0,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (target.window))));
  run_for (SETTLE_MS);
  read_rss (getpid (), &target.with_window);

  bench_scroll (&target, summary);
  bench_open (&target, efir_episode_get_id (other), g_list_model_get_n_items (segments),
              strlen (text), summary);
  bench_typing (&target, summary, FALSE);
  bench_typing (&target, summary, TRUE);

  /* Closing saves what is still unsaved, with the trace still on. */
  g_signal_handlers_disconnect_by_func (probe.clock, frame_painted_cb, NULL);
  g_signal_handlers_disconnect_by_func (probe.clock, frame_laid_out_cb, NULL);
  g_signal_handlers_disconnect_by_func (probe.clock, frame_rendered_cb, NULL);
  g_clear_weak_pointer (&target.transcript);
  gtk_window_destroy (GTK_WINDOW (target.window));
  run_for (SETTLE_MS);
  sqlite3_trace_v2 (probe.db, 0, NULL, NULL);
  probe.db = NULL;
  probe.clock = NULL;

  /* A reused archive stays as it was generated. */
  if (!efir_store_delete_episode (store, target.episode_id, &error))
    g_error ("Could not delete the long episode: %s", error->message);
}

/* Main ------------------------------------------------------------------- */

/* printf pads by bytes; "—" and "≤" take three. */
static void
print_right (const char *text,
             guint       width)
{
  for (glong i = g_utf8_strlen (text, -1); i < (glong) width; i++)
    g_print (" ");
  g_print ("%s", text);
}

/* One target, both archives; a part not run shows a dash. */
static void
print_summary_row (const char    *what,
                   const char    *unit,
                   gboolean       with_sign,
                   const Summary *summaries,
                   glong          offset,
                   const char    *target_text,
                   double         target,
                   gboolean       inclusive)
{
  g_autoptr(GString) verdicts = g_string_new (NULL);

  g_print ("  %-38s", what);
  for (guint i = 0; i < 2; i++)
    {
      double value = G_STRUCT_MEMBER (double, &summaries[i], offset);
      g_autofree char *cell = NULL;

      if (isnan (value))
        cell = g_strdup ("—");
      else
        cell = g_strdup_printf (with_sign ? "%+.*f%s" : "%.*f%s", g_str_equal (unit, "x") ? 2 : 1,
                                value, unit);
      print_right (cell, i == 0 ? 15 : 17);

      if (verdicts->len > 0)
        g_string_append (verdicts, ", ");
      g_string_append (verdicts, isnan (value) ? "not run"
                                 : efir_bench_verdict (inclusive ? value <= target : value < target));
    }
  g_print ("  %s: %s\n", target_text, verdicts->str);
}

static gboolean
archive_wanted (const Archive *archive,
                int            only_episodes)
{
  return only_episodes == 0 || archive->n_episodes == (guint) only_episodes;
}

static char *
find_program (const char *env_name,
              const char *build_path)
{
  const char *path = g_getenv (env_name);

  if (path == NULL || path[0] == '\0')
    path = build_path;
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is not built (or set %s)", path, env_name);
  return g_strdup (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirApplication) app = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *efir_path = NULL;
  g_autofree char *bare_path = NULL;
  g_autofree char *reopen_path = NULL;
  Archive archives[] = {
    { 5000, "EFIR_BENCH_ARCHIVE_5K", NULL },
    { 10000, "EFIR_BENCH_ARCHIVE_10K", NULL },
  };
  Summary summaries[G_N_ELEMENTS (archives)];
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *only = NULL;
  int only_episodes = 0;
  gboolean run_startup;
  gboolean run_editor;
  GOptionEntry entries[] = {
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run only one part: startup or editor", "PART" },
    { "episodes", 0, 0, G_OPTION_ARG_INT, &only_episodes,
      "Only the archive of 5000 or 10000 episodes", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    summaries[i] = (Summary) { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };

  /* Both parts on both archives unless told otherwise; the options are for
   * profiling one part (perf record -g … bench-editor --only editor).
   */
  context = g_option_context_new ("— what the editor costs on a full archive");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (only != NULL && g_strcmp0 (only, "startup") != 0 && g_strcmp0 (only, "editor") != 0))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--only takes startup or editor");
      return 2;
    }
  run_startup = only == NULL || g_strcmp0 (only, "startup") == 0;
  run_editor = only == NULL || g_strcmp0 (only, "editor") == 0;

  /* Xvfb has only software GL (llvmpipe), which redraws the whole window
   * on the processor at every frame: that would measure Mesa, not Efir.
   * Cairo draws only what changed, as a GPU leaves the processor free to
   * do. GSK_RENDERER=gl measures GL anyway; set before anything starts GTK,
   * and passed on to the processes spawned.
   */
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);

  efir_path = find_program ("EFIR_BENCH_EFIR", BUILD_ROOT "/src/app/efir");
  bare_path = find_program ("EFIR_BENCH_BARE_WINDOW", BUILD_ROOT "/tests/bench/bench-bare-window");
  reopen_path = find_program ("EFIR_BENCH_REOPEN", BUILD_ROOT "/tests/bench/bench-reopen");

  tmp_dir = efir_test_make_dir ("efir-bench-editor");

  print_machine ();
  g_print ("GSK_RENDERER=%s\n", g_getenv ("GSK_RENDERER"));
  for (guint i = 0; i < G_N_ELEMENTS (archives); i++)
    if (archive_wanted (&archives[i], only_episodes))
      ensure_archive (&archives[i], tmp_dir);

  for (guint i = 0; i < G_N_ELEMENTS (archives) && run_startup; i++)
    if (archive_wanted (&archives[i], only_episodes))
      bench_startup (&archives[i], efir_path, bare_path, reopen_path, &summaries[i]);

  /* The window needs a registered application; non-unique so that an Efir
   * already running on the session bus does not take the window over.
   */
  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  probe.iterations = g_array_new (FALSE, FALSE, sizeof (Iteration));
  probe.paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, probe_poll);

  for (guint i = 0; i < G_N_ELEMENTS (archives) && run_editor; i++)
    if (archive_wanted (&archives[i], only_episodes))
      bench_editor (app, &archives[i], &summaries[i]);

  g_print ("\n");
  print_load ("at the end");
  g_print ("%-40s%15s%17s  target\n", "Summary", "5,000 episodes", "10,000 episodes");
  print_summary_row ("start-up, efir/bare (medians)", "x", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, startup_ratio),
                     "≤ 1.3x", STARTUP_RATIO_TARGET, TRUE);
  print_summary_row ("resident memory, efir - bare", " MB", TRUE, summaries,
                     G_STRUCT_OFFSET (Summary, rss_extra_mb),
                     "≤ +40 MB", RSS_EXTRA_TARGET_MB, TRUE);
  print_summary_row ("start-up to last episode shown, /bare", "x", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, reopen_shown_ratio),
                     "≤ 1.3x", STARTUP_RATIO_TARGET, TRUE);
  print_summary_row ("start-up to last episode whole, /bare", "x", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, reopen_ratio),
                     "≤ 1.3x", STARTUP_RATIO_TARGET, TRUE);
  print_summary_row ("start-up to 3-hour episode shown, /bare", "x", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, long_shown_ratio),
                     "≤ 1.3x", STARTUP_RATIO_TARGET, TRUE);
  print_summary_row ("start-up to 3-hour episode whole, /bare", "x", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, long_ratio),
                     "≤ 1.3x", STARTUP_RATIO_TARGET, TRUE);
  print_summary_row ("memory, 3-hour episode shown - bare", " MB", TRUE, summaries,
                     G_STRUCT_OFFSET (Summary, reopen_rss_extra_mb),
                     "≤ +40 MB", RSS_EXTRA_TARGET_MB, TRUE);
  print_summary_row ("open 3-hour episode (median)", " ms", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, open_ms),
                     "< 150 ms", OPEN_TARGET_MS, FALSE);
  print_summary_row ("longest frame while typing", " ms", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, longest_frame_ms),
                     "< 16 ms", FRAME_TARGET_MS, FALSE);
  print_summary_row ("longest main-loop stall while typing", " ms", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, longest_stall_ms),
                     "< 16 ms", FRAME_TARGET_MS, FALSE);
  print_summary_row ("longest frame scrolling the list", " ms", FALSE, summaries,
                     G_STRUCT_OFFSET (Summary, longest_scroll_frame_ms),
                     "< 16 ms", FRAME_TARGET_MS, FALSE);

  g_main_context_set_poll_func (NULL, probe.default_poll);
  g_clear_pointer (&probe.iterations, g_array_unref);
  g_clear_pointer (&probe.paints, g_array_unref);
  for (guint i = 0; i < N_SLOW_STATEMENTS; i++)
    g_clear_pointer (&probe.slow[i].sql, g_free);

  efir_test_remove_tree (tmp_dir);

  return EXIT_SUCCESS;
}
