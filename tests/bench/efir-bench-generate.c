/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-generate"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "efir-archive-generator.h"

/* Writes an archive for the benchmarks, to be reused with
 * EFIR_BENCH_ARCHIVE=PATH so that each run does not generate its own.
 *
 *   efir-bench-generate --episodes 5000 --out archive.db [--seed 1]
 *
 * With --add-long-episode, adds the three-hour episode bench-editor
 * reopens to an archive already written, and prints its id, its
 * programme's id and the characters of its transcript's text: a start reopening it can then be watched by hand, under
 * a profiler, as bench-reopen does.
 */

static int
add_long_episode (const char *path,
                  guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_archive_add_long_episode (path, seed, &error);

  if (episode == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("episode %" G_GINT64_FORMAT " program %" G_GINT64_FORMAT " characters %d\n",
           efir_episode_get_id (episode), efir_episode_get_program_id (episode),
           efir_archive_transcript_chars (episode));
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int n_episodes = 5000;
  gboolean long_episode = FALSE;
  gint64 seed = 1;
  gint64 started;
  GOptionEntry entries[] = {
    { "episodes", 'n', 0, G_OPTION_ARG_INT, &n_episodes, "How many episodes (5000)", "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The database to create", "PATH" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the random choices (1)", "S" },
    { "add-long-episode", 0, 0, G_OPTION_ARG_NONE, &long_episode,
      "Add a three-hour episode to the archive at --out", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— write an archive for the benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (out == NULL || n_episodes < 1 || seed < 0 || seed > G_MAXUINT32 || argc > 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  if (long_episode)
    return add_long_episode (out, (guint32) seed);

  started = g_get_monotonic_time ();
  if (!efir_archive_generate (out, n_episodes, (guint32) seed, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%s: %d episodes in %.1f s\n", out, n_episodes,
           (g_get_monotonic_time () - started) / 1e6);
  return EXIT_SUCCESS;
}
