/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "efir-cli-private.h"
#include "efir-store-advice.h"

/* Types ------------------------------------------------------------------ */

/* Translators: in the synopses below, keep the option names (--name,
 * --language …) and the values az, ru, en, json as they are; the words in
 * capitals may be translated. */
static const EfirCliCommand commands[] = {
  { "program", "add", N_("--name NAME [--language az|ru|en] [--timezone ZONE]"),
    N_("Add a programme and print its id"), efir_cli_program_add },
  { "program", "list", N_("[--json]"),
    N_("List the programmes"), efir_cli_program_list },
  { "program", "set-site", N_("NAME|ID SITE [--category NAME]"),
    N_("Make a site the programme’s default, with the category of its episodes"),
    efir_cli_program_set_site },
  { "episode", "new", N_("--program NAME|ID --title TITLE"),
    N_("Start a new episode and print its id"), efir_cli_episode_new },
  { "episode", "import", N_("FILE.json"),
    N_("Import an episode file as a new episode and print its id"), efir_cli_episode_import },
  { "episode", "update", N_("ID FILE.json [--partial]"),
    N_("Replace an episode’s content with a file; a revision keeps the old"),
    efir_cli_episode_update },
  { "episode", "history", N_("ID [--json]"),
    N_("List the revisions of an episode, newest first"), efir_cli_episode_history },
  { "episode", "restore-revision", N_("ID REVISION"),
    N_("Put a revision’s content back into its episode; a revision keeps the current"),
    efir_cli_episode_restore_revision },
  { "episode", "export", N_("ID [--format json|html]"),
    N_("Print an episode as episode JSON, or as its page for the site"),
    efir_cli_episode_export },
  { "episode", "list", N_("[--json] [--program NAME|ID] [--trash]"),
    N_("List the episodes"), efir_cli_episode_list },
  { "episode", "delete", N_("ID [--now]"),
    N_("Move an episode to the trash, or delete it for good; its post stays on the site"),
    efir_cli_episode_delete },
  { "episode", "restore", N_("ID"),
    N_("Bring an episode back from the trash"), efir_cli_episode_restore },
  { "search", NULL, N_("QUERY [--json]"),
    N_("Search titles, summaries, quotes and transcripts"), efir_cli_search },
  { "links", "clean", N_("URL… [--json]"),
    N_("Clean links of tracking and print each with its platform"), efir_cli_links_clean },
  { "links", "check", N_("ID [--json]"),
    N_("Check that the episode’s links open; fail if one is broken"), efir_cli_links_check },
  { "share", NULL, N_("ID --platform x|facebook|instagram|telegram|tiktok [--json]"),
    N_("Print the episode’s post for a platform, within its length"), efir_cli_share },
  { "backup", NULL, N_("DEST"),
    N_("Write a consistent copy of the database to DEST"), efir_cli_backup },
  { "check", NULL, "",
    N_("Check the database, and say how much room its daily backups take (the newest of "
       "each of the last 3 days and 4 weeks with a change); name the latest good backup if "
       "it is damaged"),
    efir_cli_check },
  { "site", "add", N_("--url URL --user USER (application password on standard input)"),
    N_("Sign in to a WordPress site and print its id"), efir_cli_site_add },
  { "site", "list", N_("[--json]"),
    N_("List the sites"), efir_cli_site_list },
  { "publish", NULL, N_("ID [--site ID] [--at TIME | --draft]"),
    N_("Queue an episode for the site: now, at a time, or as a draft; print the job’s id"),
    efir_cli_publish },
  { "withdraw", NULL, N_("ID [--site ID] [--trash]"),
    N_("Queue taking an episode off the site: back to a draft, or to the trash"),
    efir_cli_withdraw },
  { "outbox", "list", N_("[--json]"),
    N_("List the publication jobs and their states"), efir_cli_outbox_list },
  { "outbox", "run", "",
    N_("Run the jobs that are due, then exit (for cron); exit 1 if one needs you"),
    efir_cli_outbox_run },
  { "outbox", "resolve", N_("JOB --keep-site|--overwrite|--as-new-draft"),
    N_("Settle a job in conflict with a colleague’s edit on the site"), efir_cli_outbox_resolve },
  { "pull", NULL, N_("[--site ID]"),
    N_("Link the site’s posts to their episodes and refresh what Efir knows of them"),
    efir_cli_pull },
};

/* Helpers ---------------------------------------------------------------- */

static char *
command_words (const EfirCliCommand *command)
{
  if (command->name == NULL)
    return g_strdup (command->group);

  return g_strdup_printf ("%s %s", command->group, command->name);
}

static void
print_usage_line (FILE                 *stream,
                  const EfirCliCommand *command)
{
  g_autofree char *words = command_words (command);
  const char *synopsis = _(command->synopsis);

  fprintf (stream, _("Usage: efir-cli [--db PATH] %s%s%s\n"),
           words, synopsis[0] != '\0' ? " " : "", synopsis);
}

static void
print_commands (FILE       *stream,
                const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *words = NULL;
      const char *synopsis;

      if (group != NULL && !g_str_equal (commands[i].group, group))
        continue;

      words = command_words (&commands[i]);
      synopsis = _(commands[i].synopsis);
      fprintf (stream, "  %s%s%s\n      %s\n", words, synopsis[0] != '\0' ? " " : "", synopsis,
               _(commands[i].summary));
    }
}

static void
print_help (FILE *stream)
{
  g_autofree char *default_path = efir_store_default_path ();

  fprintf (stream, "%s\n\n", _("Usage: efir-cli [--db PATH] COMMAND [ARGUMENT…]"));
  fprintf (stream, "%s\n\n", _("Write, keep and search the episodes of Efir without the app."));
  fprintf (stream, "%s\n", _("Commands:"));
  print_commands (stream, NULL);
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  --db PATH\n      ");
  fprintf (stream, _("The database to use; otherwise $EFIR_DB, otherwise %s"), default_path);
  fprintf (stream, "\n  -h, --help\n      %s\n\n", _("Show this help"));
  fprintf (stream, "%s\n", _("Run “efir-cli COMMAND --help” for the options of a command."));
}

static int
general_usage_error (const char *format,
                     ...) G_GNUC_PRINTF (1, 2);

static int
general_usage_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "efir-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Usage: efir-cli [--db PATH] COMMAND [ARGUMENT…]"));
  fprintf (stderr, "%s\n", _("Run “efir-cli --help” to see the commands."));

  return EFIR_CLI_EXIT_USAGE;
}

/* The names of a group's commands, for "program needs one of: add, list". */
static char *
join_group_names (const char *group)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (commands[i].group, group))
        continue;

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, commands[i].name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static const EfirCliCommand *
find_command (const char *group,
              const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (commands[i].group, group))
        continue;

      if (commands[i].name == NULL || (name != NULL && g_str_equal (commands[i].name, name)))
        return &commands[i];
    }

  return NULL;
}

static gboolean
group_has_subcommands (const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].group, group))
        return commands[i].name != NULL;
    }

  return FALSE;
}

/* The commands that change the archive. The first of them each day keeps
 * the day's backup first, as the window does: an archive used only from
 * efir-cli and cron has its backups too. Reading commands never read the
 * whole file. */
static gboolean
command_writes (const EfirCliCommand *command)
{
  static const char * const writing[] = {
    "program add", "program set-site", "episode new", "episode import", "episode update",
    "episode delete", "episode restore", "episode restore-revision", "site add", "publish",
    "withdraw", "outbox run", "outbox resolve", "pull",
  };
  g_autofree char *words = command_words (command);

  for (gsize i = 0; i < G_N_ELEMENTS (writing); i++)
    {
      if (g_str_equal (words, writing[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_help_argument (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h");
}

/* Finds the command named by the words at the front of @argv and runs it
 * with the rest: argv[0] stays the program, so each command parses its own
 * options as if it were a program of its own. */
static int
dispatch (EfirCli *cli,
          int      argc,
          char   **argv)
{
  const EfirCliCommand *command;
  g_autofree char **sub_argv = NULL;
  int n_words;
  int sub_argc;

  if (argc < 2)
    return general_usage_error (_("No command given."));

  if (group_has_subcommands (argv[1]))
    {
      g_autofree char *names = join_group_names (argv[1]);

      if (argc < 3)
        {
          fprintf (stderr, "efir-cli: ");
          fprintf (stderr, _("“%s” needs one of: %s."), argv[1], names);
          fprintf (stderr, "\n");
          for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
            {
              if (g_str_equal (commands[i].group, argv[1]))
                print_usage_line (stderr, &commands[i]);
            }
          return EFIR_CLI_EXIT_USAGE;
        }

      if (is_help_argument (argv[2]))
        {
          printf (_("Usage: efir-cli [--db PATH] %s COMMAND …\n\n"), argv[1]);
          printf ("%s\n", _("Commands:"));
          print_commands (stdout, argv[1]);
          return EFIR_CLI_EXIT_OK;
        }

      command = find_command (argv[1], argv[2]);
      if (command == NULL)
        return general_usage_error (_("Unknown command “%s %s”; “%s” needs one of: %s."),
                                    argv[1], argv[2], argv[1], names);
      n_words = 2;
    }
  else
    {
      command = find_command (argv[1], NULL);
      if (command == NULL)
        return general_usage_error (_("Unknown command “%s”."), argv[1]);
      n_words = 1;
    }

  /* A shallow copy: the strings stay main()'s; GOptionContext only moves
   * the pointers around when it removes the options it parsed. */
  sub_argc = argc - n_words;
  sub_argv = g_new0 (char *, sub_argc + 1);
  sub_argv[0] = argv[0];
  for (int i = 1; i < sub_argc; i++)
    sub_argv[i] = argv[i + n_words];

  cli->writes = command_writes (command);

  return command->run (cli, command, sub_argc, sub_argv);
}

/* Private API ------------------------------------------------------------ */

GOptionContext *
efir_cli_option_context_new (const EfirCliCommand *command,
                             const GOptionEntry   *entries,
                             gboolean             *help)
{
  const GOptionEntry help_entries[] = {
    { "help", 'h', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *context;
  const char *synopsis = _(command->synopsis);
  g_autoptr(GString) parameters = g_string_new (NULL);

  /* Only the positional words of the synopsis go in the parameter string:
   * the options are listed under it anyway. */
  if (synopsis[0] != '\0' && synopsis[0] != '-' && synopsis[0] != '[')
    {
      const char *end = strstr (synopsis, " -");
      const char *bracket = strstr (synopsis, " [");

      if (end == NULL || (bracket != NULL && bracket < end))
        end = bracket;
      g_string_append_len (parameters, synopsis, end != NULL ? end - synopsis : -1);
    }

  context = g_option_context_new (parameters->len > 0 ? parameters->str : NULL);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* GOptionContext's own --help calls exit(); ours returns through main()
   * like every other path, so nothing is left half-done. */
  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, help_entries, GETTEXT_PACKAGE);

  return context;
}

/* Parses @context's options out of @argv. Returns FALSE when the command
 * must end now with *status: 0 after printing the help, 2 after a usage
 * error. */
gboolean
efir_cli_parse_options (const EfirCliCommand *command,
                        GOptionContext       *context,
                        int                  *argc,
                        char               ***argv,
                        gboolean             *help,
                        int                  *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *words = command_words (command);
  g_autofree char *prgname = g_strdup_printf ("efir-cli [--db PATH] %s", words);

  /* The help's usage line starts with the program name: make it the whole
   * command, so "efir-cli episode import --help" shows how to call it. */
  g_set_prgname (prgname);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_set_prgname ("efir-cli");
      *status = efir_cli_usage_error (command, "%s.", error->message);
      return FALSE;
    }

  /* GOptionContext keeps a "--" followed by words starting with "-"; it
   * has done its work, ending the options, and is no argument. */
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i - 1) * sizeof (char *));
          (*argv)[--(*argc)] = NULL;
          break;
        }
    }

  if (*help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_set_prgname ("efir-cli");
      fputs (text, stdout);
      *status = EFIR_CLI_EXIT_OK;
      return FALSE;
    }

  g_set_prgname ("efir-cli");
  return TRUE;
}

int
efir_cli_usage_error (const EfirCliCommand *command,
                      const char           *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "efir-cli: %s\n", message);
  print_usage_line (stderr, command);

  return EFIR_CLI_EXIT_USAGE;
}

int
efir_cli_fail (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "efir-cli: %s\n", message);

  return EFIR_CLI_EXIT_FAILURE;
}

/* Prints "efir-cli: WHAT: WHY." where WHY is @error's message, whose own
 * full stop the store may or may not have written. */
int
efir_cli_fail_error_prefixed (const GError *error,
                              const char   *format,
                              ...)
{
  g_autoptr(GString) message = g_string_new (NULL);
  const char *why = error != NULL ? error->message : _("Unknown error");
  gsize len = strlen (why);

  if (format != NULL)
    {
      va_list args;

      va_start (args, format);
      g_string_append_vprintf (message, format, args);
      va_end (args);
      g_string_append (message, ": ");
    }

  g_string_append (message, why);
  if (len == 0 || strchr (".!?", why[len - 1]) == NULL)
    g_string_append_c (message, '.');

  return efir_cli_fail ("%s", message->str);
}

int
efir_cli_fail_error (const GError *error)
{
  return efir_cli_fail_error_prefixed (error, NULL);
}

/* Says what is wrong with the archive at @db_path and what to do about
 * it. Only a damaged file is pointed to its latest good backup, whose path
 * alone goes to stdout when @backup_on_stdout, so a script can restore it;
 * the sentences go to stderr. Nothing here touches the file. */
int
efir_cli_fail_store_error (const char   *db_path,
                           const GError *error,
                           gboolean      backup_on_stdout)
{
  g_autofree char *backup = NULL;
  const char *advice;

  efir_cli_fail_error (error);

  if (efir_store_advice (error, &advice) != EFIR_STORE_ACTION_RESTORE)
    return efir_cli_fail ("%s", advice);

  backup = efir_store_find_latest_backup (db_path);
  if (backup == NULL)
    return efir_cli_fail (_("No good backup of it was found."));

  efir_cli_fail (_("The latest good backup is %s."), backup);
  if (backup_on_stdout)
    printf ("%s\n", backup);

  return EFIR_CLI_EXIT_FAILURE;
}

EfirStore *
efir_cli_open_store (EfirCli     *cli,
                     EfirCliOpen  mode,
                     int         *status)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = NULL;

      if (mode == EFIR_CLI_OPEN_EXISTING)
        {
          *status = efir_cli_fail (_("There is no database at %s."), cli->db_path);
          return NULL;
        }

      /* The default path's folder does not exist before the first run. */
      dir = g_path_get_dirname (cli->db_path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          *status = efir_cli_fail (_("Cannot create the folder %s: %s."), dir,
                                   g_strerror (saved_errno));
          return NULL;
        }
    }

  /* A command never reads the whole archive, which would make `episode
   * list` take most of a second on a large one and a cron `outbox run`
   * read it every minute: the store checks at opening what can be told at
   * once (header, schema, version: a file that is not an archive, one from
   * a newer Efir, damage at its start), and SQLite checks every page a
   * command reads or writes, so a write that meets damage fails and is
   * rolled back, the file as it was. What remains unguarded is damage in a
   * page no command touches: a write elsewhere goes ahead beside it, until
   * the window's check of every page or `efir-cli check` finds it. An
   * upgrade of the schema, which rewrites tables, still checks every page
   * first; so does a backup, of its copy. */
  store = efir_store_open_full (cli->db_path, EFIR_STORE_OPEN_CHECK_TOUCHED, &error);
  if (store == NULL)
    {
      *status = efir_cli_fail_store_error (cli->db_path, error, FALSE);
      return NULL;
    }

  if (cli->writes && !efir_store_is_read_only (store))
    {
      g_autoptr(GError) backup_error = NULL;

      /* A backup that fails is said, and the work asked for goes on;
       * the good backups of the days before stay as they were. */
      if (!efir_store_backup_daily (store, &backup_error))
        {
          fprintf (stderr, "efir-cli: ");
          fprintf (stderr, _("Today’s backup could not be made: %s"), backup_error->message);
          fprintf (stderr, "\n");
        }
    }

  *status = EFIR_CLI_EXIT_OK;
  return g_steal_pointer (&store);
}

/**
 * efir_cli_parse_one_id:
 * @command: the command, for its usage line
 * @argc: the arguments left after the options
 * @argv: (array length=argc): them, the program first
 * @missing: the sentence when no id is given
 * @not_an_id: the sentence, with a %s for what was given, when it is no id
 * @id: (out): the id
 * @status: (out): the exit status when there is no single id
 *
 * The one id a command takes after its options.
 *
 * Returns: whether @id was read
 */
gboolean
efir_cli_parse_one_id (const EfirCliCommand *command,
                       int                   argc,
                       char                **argv,
                       const char           *missing,
                       const char           *not_an_id,
                       gint64               *id,
                       int                  *status)
{
  if (argc < 2)
    *status = efir_cli_usage_error (command, "%s", missing);
  else if (argc > 2)
    *status = efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[2]);
  else if (!efir_cli_parse_id (argv[1], id))
    {
      g_autofree char *message = NULL;

      /* @not_an_id is the caller's translated sentence, with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      message = g_strdup_printf (not_an_id, argv[1]);
#pragma GCC diagnostic pop

      *status = efir_cli_usage_error (command, "%s", message);
    }
  else
    return TRUE;

  return FALSE;
}

/**
 * efir_cli_load_episode:
 * @store: the archive
 * @id: the episode's id
 * @id_text: the id as given on the command line, for the message
 * @status: (out): the exit status when the episode cannot be had
 *
 * Returns: (transfer full) (nullable): the episode, or %NULL with why
 *   printed: an id that names no episode gets a sentence of its own
 */
EfirEpisode *
efir_cli_load_episode (EfirStore  *store,
                       gint64      id,
                       const char *id_text,
                       int        *status)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_load_episode (store, id, &error);

  *status = EFIR_CLI_EXIT_OK;
  if (episode != NULL)
    return episode;

  if (error == NULL || g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND))
    *status = efir_cli_fail (_("There is no episode %s."), id_text);
  else
    *status = efir_cli_fail_error (error);

  return NULL;
}

gboolean
efir_cli_parse_id (const char *text,
                   gint64     *id)
{
  return g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, id, NULL);
}

/* Text for one field of tab-separated output: a tab, a line break or a
 * backslash in a title would otherwise forge a field or a row. */
char *
efir_cli_tsv_field (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

void
efir_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  printf ("%s\n", text);
}

/* Appends @text as a JSON string, escaped exactly as json-glib's generator
 * escapes it for efir_cli_print_json(), so that a listing written a row
 * at a time reads byte for byte as one built as a tree. Like json-glib,
 * it leaves U+001F unescaped. */
void
efir_cli_append_json_string (GString    *out,
                             const char *text)
{
  g_string_append_c (out, '"');

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      const guchar *run = p;

      /* A nul is below 0x1f too. */
      while (*p >= 0x1f && *p != 0x7f && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, (const char *) run, p - run);
      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"':
        case '\\':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u00%02x", *p);
          break;
        }
    }

  g_string_append_c (out, '"');
}

/* Main ------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_option = NULL;
  gboolean help = FALSE;
  EfirCli cli = { NULL };
  const GOptionEntry entries[] = {
    { "db", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &db_option, NULL, NULL },
    { "help", 'h', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  const char *env_db;
  int status;

  setlocale (LC_ALL, "");
  /* A run from the build tree finds the translations built there. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("EFIR_LOCALEDIR") != NULL ? g_getenv ("EFIR_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("efir-cli");

  /* Global options come before the command; strict POSIX parsing stops at
   * the command's name and leaves everything after it to the command. */
  context = g_option_context_new (NULL);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return general_usage_error ("%s.", error->message);

  if (help)
    {
      print_help (stdout);
      return EFIR_CLI_EXIT_OK;
    }

  /* An empty path is what a script's unset variable gives: taking it for
   * "the default" would write into the producer's own archive. */
  env_db = g_getenv ("EFIR_DB");
  if (db_option != NULL && db_option[0] == '\0')
    return general_usage_error (_("--db was given an empty path; give the database’s path."));
  if (db_option == NULL && env_db != NULL && env_db[0] == '\0')
    return general_usage_error (_("EFIR_DB is set but empty; give the database’s path or "
                                  "unset it."));

  if (db_option != NULL)
    cli.db_path = g_steal_pointer (&db_option);
  else if (env_db != NULL)
    cli.db_path = g_strdup (env_db);
  else
    cli.db_path = efir_store_default_path ();

  status = dispatch (&cli, argc, argv);

  g_free (cli.db_path);
  fflush (stdout);

  /* A full disk or a closed pipe must not pass for success. */
  if (ferror (stdout) && status == EFIR_CLI_EXIT_OK)
    {
      fprintf (stderr, "efir-cli: %s\n", _("Could not write the output."));
      status = EFIR_CLI_EXIT_FAILURE;
    }

  return status;
}
