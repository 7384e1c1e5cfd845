/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-check"

#include "config.h"

#include <glib/gstdio.h>

#include "efir-archive-generator.h"
#include "efir-bench-samples.h"
#include "efir-backup.h"
#include "efir-store.h"

/*
 * Quitting while the archive is checked: how long dropping the store takes
 * (its dispose cancels the check, which interrupts its read connection,
 * or stops the daily backup between two steps) at several moments after
 * the start, against the target of 200 ms. Also the check alone, for
 * scale. Uses EFIR_BENCH_ARCHIVE when set (generated there if missing),
 * else 5,000 episodes in a temporary folder. The daily backup of today is
 * deleted before each run that times quitting during the backup.
 */

#define N_RUNS 5

static void
print_row (const char *what,
           GArray     *ms)
{
  g_array_sort (ms, efir_bench_compare_doubles);
  g_print ("%-44s median %7.1f ms   max %7.1f ms\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, ms->len - 1));
}

static void
delete_todays_backup (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stem = efir_backup_stem (path);
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_strconcat (stem, "-", date, ".db", NULL);
  g_autofree char *backup = g_build_filename (folder, "backups", name, NULL);

  g_unlink (backup);
}

/* Opens @path, lets the check (and with @backup, the daily backup after
 * it) run for @after_ms, then drops the store and times that. */
static double
time_quit (const char *path,
           guint       after_ms,
           gboolean    backup)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (backup)
    delete_todays_backup (path);

  if (!(store = efir_store_open (path, &error)))
    g_error ("%s", error->message);
  if (backup && !efir_store_wait_until_checked (store, &error))
    g_error ("%s", error->message);

  g_usleep (after_ms * 1000);
  start = g_get_monotonic_time ();
  g_clear_object (&store);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const char *archive = g_getenv ("EFIR_BENCH_ARCHIVE");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  static const guint moments[] = { 20, 100, 300 };
  static const guint backup_moments[] = { 100, 500, 1000 };

  if (archive != NULL)
    path = g_strdup (archive);
  else
    {
      dir = g_dir_make_tmp ("efir-bench-check-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "efir.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !efir_archive_generate (path, 5000, 1, &error))
    g_error ("%s", error->message);

  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < N_RUNS; i++)
      {
        g_autoptr(EfirStore) store = NULL;
        gint64 start = g_get_monotonic_time ();
        double elapsed;

        if (!(store = efir_store_open (path, &error)) || !efir_store_wait_until_checked (store, &error))
          g_error ("%s", error->message);
        elapsed = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (ms, elapsed);
      }
    print_row ("open + check of every page", ms);
  }

  for (guint m = 0; m < G_N_ELEMENTS (moments); m++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = g_strdup_printf ("quit %u ms into the check (target 200)", moments[m]);

      for (guint i = 0; i < N_RUNS; i++)
        {
          double elapsed = time_quit (path, moments[m], FALSE);

          g_array_append_val (ms, elapsed);
        }
      print_row (what, ms);
    }

  for (guint m = 0; m < G_N_ELEMENTS (backup_moments); m++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = g_strdup_printf ("quit %u ms into the backup (target 200)",
                                               backup_moments[m]);

      for (guint i = 0; i < N_RUNS; i++)
        {
          double elapsed = time_quit (path, backup_moments[m], TRUE);

          g_array_append_val (ms, elapsed);
        }
      print_row (what, ms);
    }

  if (dir != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }

  return 0;
}
