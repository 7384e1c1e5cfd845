/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-maintenance"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "efir-cli-private.h"

/* Public API ------------------------------------------------------------- */

int
efir_cli_backup (EfirCli              *cli,
                 const EfirCliCommand *command,
                 int                   argc,
                 char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = NULL;
  gboolean help = FALSE;
  int status;

  context = efir_cli_option_context_new (command, NULL, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc < 2)
    return efir_cli_usage_error (command, _("Say where to write the backup."));
  if (argc > 2)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[2]);

  /* Into a folder, the backup gets a dated name of its own, after the
   * database it copies. */
  if (g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *name = efir_store_backup_name (cli->db_path, now);

      dest = g_build_filename (argv[1], name, NULL);
    }
  else
    dest = g_strdup (argv[1]);

  /* A backup never replaces a file: the one at DEST may be the only good
   * copy someone has. */
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return efir_cli_fail (_("%s already exists; give the backup a new name."), dest);

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!efir_store_backup (store, dest, &error))
    return efir_cli_fail_error_prefixed (error, _("Cannot write the backup to %s"), dest);

  printf ("%s\n", dest);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_check (EfirCli              *cli,
                const EfirCliCommand *command,
                int                   argc,
                char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  int status;

  context = efir_cli_option_context_new (command, NULL, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);

  /* Checking a path that holds nothing must not create a database there. */
  if (!g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    return efir_cli_fail (_("There is no database at %s."), cli->db_path);

  /* Opening looks at what can be told at once, before anything is written;
   * a file that fails it is never written. The integrity check then reads
   * every page and index, more than the check of every page a window runs,
   * which would only read the file a second time beside it. */
  store = efir_store_open_full (cli->db_path, EFIR_STORE_OPEN_CHECK_TOUCHED, &error);
  if (store == NULL || !efir_store_check_integrity (store, &error))
    return efir_cli_fail_store_error (cli->db_path, error, TRUE);

  printf ("ok\n");

  {
    g_autofree char *backup_dir = efir_store_get_backup_dir (store);
    g_autofree char *size = NULL;
    guint64 n_bytes = 0;
    guint n_backups = 0;

    efir_store_get_backup_usage (store, &n_backups, &n_bytes);
    size = g_format_size (n_bytes);
    /* Translators: the first %u is a number of backups, %s the room they
     * take ("3.1 GB"), the last %s their folder. */
    printf (g_dngettext (NULL, "%u daily backup, %s, in %s\n", "%u daily backups, %s, in %s\n",
                         n_backups),
            n_backups, size, backup_dir);
  }

  return EFIR_CLI_EXIT_OK;
}
