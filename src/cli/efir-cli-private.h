/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "efir-store.h"

G_BEGIN_DECLS

/* What efir-cli's files share: the command table entry each command runs
 * from, the way options are parsed and usage errors reported, and the way
 * the store is opened. Nothing here is seen outside src/cli/. */

/* Exit statuses: 1 for a command that could not do its work, 2 for a
 * command line that does not say what to do. Scripts tell them apart. */
typedef enum
{
  EFIR_CLI_EXIT_OK      = 0,
  EFIR_CLI_EXIT_FAILURE = 1,
  EFIR_CLI_EXIT_USAGE   = 2,
} EfirCliExit;

/* Whether a command may create the database when it does not exist yet.
 * Only commands that write do: a mistyped --db given to "list" or "check"
 * must not leave an empty database behind. */
typedef enum
{
  EFIR_CLI_OPEN_EXISTING,
  EFIR_CLI_OPEN_OR_CREATE,
} EfirCliOpen;

typedef struct _EfirCli        EfirCli;
typedef struct _EfirCliCommand EfirCliCommand;

typedef int (*EfirCliRunFunc) (EfirCli              *cli,
                               const EfirCliCommand *command,
                               int                   argc,
                               char                **argv);

struct _EfirCliCommand
{
  const char     *group;     /* "program", or the command itself ("search") */
  const char     *name;      /* "add", or NULL for a one-word command */
  const char     *synopsis;  /* the arguments after the command words */
  const char     *summary;
  EfirCliRunFunc  run;
};

struct _EfirCli
{
  char     *db_path;
  gboolean  writes;   /* the command changes the archive: it keeps the day's backup */
};

/* efir-cli.c */
GOptionContext *efir_cli_option_context_new   (const EfirCliCommand *command,
                                               const GOptionEntry   *entries,
                                               gboolean             *help);
gboolean        efir_cli_parse_options        (const EfirCliCommand *command,
                                               GOptionContext       *context,
                                               int                  *argc,
                                               char               ***argv,
                                               gboolean             *help,
                                               int                  *status);
int             efir_cli_usage_error          (const EfirCliCommand *command,
                                               const char           *format,
                                               ...) G_GNUC_PRINTF (2, 3);
int             efir_cli_fail                 (const char           *format,
                                               ...) G_GNUC_PRINTF (1, 2);
int             efir_cli_fail_error           (const GError         *error);
int             efir_cli_fail_error_prefixed  (const GError         *error,
                                               const char           *format,
                                               ...) G_GNUC_PRINTF (2, 3);
int             efir_cli_fail_store_error     (const char           *db_path,
                                               const GError         *error,
                                               gboolean              backup_on_stdout);
EfirStore      *efir_cli_open_store           (EfirCli              *cli,
                                               EfirCliOpen           mode,
                                               int                  *status);
gboolean        efir_cli_parse_id             (const char           *text,
                                               gint64               *id);
gboolean        efir_cli_parse_one_id         (const EfirCliCommand *command,
                                               int                   argc,
                                               char                **argv,
                                               const char           *missing,
                                               const char           *not_an_id,
                                               gint64               *id,
                                               int                  *status);
EfirEpisode    *efir_cli_load_episode         (EfirStore            *store,
                                               gint64                id,
                                               const char           *id_text,
                                               int                  *status);
void            efir_cli_print_json           (JsonNode             *node);
void            efir_cli_append_json_string   (GString              *out,
                                               const char           *text);
char           *efir_cli_tsv_field            (const char           *text);

/* efir-cli-program.c */
int efir_cli_program_add      (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_program_list     (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);

/* efir-cli-episode.c */
int efir_cli_episode_new      (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_import   (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_update   (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_export   (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_list     (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_delete   (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_restore  (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_history  (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_episode_restore_revision (EfirCli *cli, const EfirCliCommand *command, int argc,
                                       char **argv);

/* efir-cli-search.c */
int efir_cli_search           (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);

/* efir-cli-publish.c */
int efir_cli_site_add         (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_site_list        (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_program_set_site (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_publish          (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_withdraw         (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_outbox_list      (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_outbox_run       (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_outbox_resolve   (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_pull             (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
/* efir-cli-links.c */
int efir_cli_links_clean      (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_links_check      (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);

/* efir-cli-share.c */
int efir_cli_share            (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);

/* efir-cli-maintenance.c */
int efir_cli_backup           (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);
int efir_cli_check            (EfirCli *cli, const EfirCliCommand *command, int argc, char **argv);

G_END_DECLS
