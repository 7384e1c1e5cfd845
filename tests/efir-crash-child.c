/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-crash-child"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "efir-store.h"

/*
 * The other process of test-store-crash and test-store-concurrency. It saves
 * through the store exactly as the application does, and reports on stdout
 * only what a save has confirmed, so that the test can hold the database to
 * every report.
 *
 *   efir-crash-child crash DB EPISODE_ID FIRST
 *     Saves without end, from N = FIRST on: inserts an episode titled
 *     "crash N", then sets the title of EPISODE_ID to "save N" and appends
 *     the line "line N" to its summary, and then prints "N". Runs until
 *     killed.
 *
 *   efir-crash-child write DB PREFIX COUNT EPISODE_ID
 *     Opens DB, prints "ready", waits for a line on stdin, then makes
 *     COUNT rounds of: insert "PREFIX I", set the title of EPISODE_ID to
 *     "PREFIX edit I" and append "PREFIX line I" to its summary, and every
 *     25th round add an "edit" revision of it, pausing 1 ms between
 *     rounds. Exits 0 when all were saved.
 *
 * Any failure goes to stderr with exit status 1.
 */

/* Helpers ---------------------------------------------------------------- */

static G_GNUC_NORETURN void
fail (const char   *what,
      const GError *error)
{
  fprintf (stderr, "efir-crash-child: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
report (const char *line)
{
  /* Exits on a write error: the test that reads the reports has gone. */
  if (fputs (line, stdout) == EOF || fputc ('\n', stdout) == EOF || fflush (stdout) == EOF)
    exit (1);
}

static gint64
parse_number (const char *text)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    {
      fprintf (stderr, "efir-crash-child: not a number: %s\n", text);
      exit (2);
    }

  return value;
}

static EfirEpisode *
load (EfirStore *store,
      gint64     episode_id)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_load_episode (store, episode_id, &error);

  if (episode == NULL)
    fail ("loading the episode", error);

  return episode;
}

static void
insert_episode (EfirStore  *store,
                gint64      program_id,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  efir_episode_set_program_id (episode, program_id);
  efir_episode_set_title (episode, title);
  if (!efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error))
    fail ("inserting an episode", error);
}

static void
edit_episode (EfirStore   *store,
              EfirEpisode *episode,
              GString     *summary,
              const char  *title,
              const char  *line)
{
  g_autoptr(GError) error = NULL;

  g_string_append_printf (summary, "%s\n", line);
  efir_episode_set_summary (episode, summary->str);
  efir_episode_set_title (episode, title);
  if (!efir_store_save_episode (store, episode, EFIR_EPISODE_PART_DETAILS, &error))
    fail ("saving the edited episode", error);
}

/* Modes ------------------------------------------------------------------ */

static int
run_crash (EfirStore *store,
           gint64     episode_id,
           gint64     first)
{
  g_autoptr(EfirEpisode) episode = load (store, episode_id);
  g_autoptr(GString) summary = g_string_new (efir_episode_get_summary (episode));

  for (gint64 n = first; n < G_MAXINT64; n++)
    {
      g_autofree char *added = g_strdup_printf ("crash %" G_GINT64_FORMAT, n);
      g_autofree char *title = g_strdup_printf ("save %" G_GINT64_FORMAT, n);
      g_autofree char *line = g_strdup_printf ("line %" G_GINT64_FORMAT, n);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n);

      insert_episode (store, efir_episode_get_program_id (episode), added);
      edit_episode (store, episode, summary, title, line);
      report (number);
    }

  return 0;
}

static int
run_write (EfirStore  *store,
           const char *prefix,
           gint64      count,
           gint64      episode_id)
{
  g_autoptr(EfirEpisode) episode = load (store, episode_id);
  g_autoptr(GString) summary = g_string_new (efir_episode_get_summary (episode));
  char go[16];

  report ("ready");
  if (fgets (go, sizeof go, stdin) == NULL)
    return 1;

  for (gint64 i = 0; i < count; i++)
    {
      g_autofree char *added = g_strdup_printf ("%s %" G_GINT64_FORMAT, prefix, i);
      g_autofree char *title = g_strdup_printf ("%s edit %" G_GINT64_FORMAT, prefix, i);
      g_autofree char *line = g_strdup_printf ("%s line %" G_GINT64_FORMAT, prefix, i);

      insert_episode (store, efir_episode_get_program_id (episode), added);
      edit_episode (store, episode, summary, title, line);

      if (i % 25 == 24)
        {
          g_autoptr(GError) error = NULL;

          if (efir_store_add_revision (store, episode, "edit", &error) <= 0)
            fail ("adding a revision", error);
        }

      /* As test-store-concurrency pauses between its rounds. */
      g_usleep (1000);
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = NULL;

  if (argc == 5 && g_str_equal (argv[1], "crash"))
    {
      if (!(store = efir_store_open (argv[2], &error)))
        fail ("opening the database", error);
      return run_crash (store, parse_number (argv[3]), parse_number (argv[4]));
    }

  if (argc == 6 && g_str_equal (argv[1], "write"))
    {
      if (!(store = efir_store_open (argv[2], &error)))
        fail ("opening the database", error);
      return run_write (store, argv[3], parse_number (argv[4]), parse_number (argv[5]));
    }

  fprintf (stderr, "usage: efir-crash-child crash DB EPISODE_ID FIRST\n"
                   "       efir-crash-child write DB PREFIX COUNT EPISODE_ID\n");
  return 2;
}
