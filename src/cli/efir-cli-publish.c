/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-publish"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "efir-cli-private.h"
#include "efir-publisher.h"

/* Helpers ---------------------------------------------------------------- */

/* The password of "site add" comes on standard input, never on the command
 * line, where every user of the machine could read it in the process list. */
static char *
read_password (void)
{
  g_autoptr(GString) password = g_string_new (NULL);
  char buffer[256];

  if (isatty (STDIN_FILENO))
    fprintf (stderr, "%s", _("Application password: "));

  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    {
      g_string_append (password, buffer);
      if (strchr (buffer, '\n') != NULL)
        break;
    }
  memset (buffer, 0, sizeof buffer);

  g_strstrip (password->str);
  password->len = strlen (password->str);

  return g_string_free (g_steal_pointer (&password), password->len == 0);
}

static void
print_notes (GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    fprintf (stderr, "efir-cli: %s\n", (const char *) g_ptr_array_index (notes, i));
}

/* "2024-10-04T20:00" or "2024-10-04 20:00" in the programme's time zone,
 * or with an offset of its own ("…+04:00", "…Z"). */
static GDateTime *
parse_time (EfirStore   *store,
            gint64       episode_id,
            const char  *text,
            GError     **error)
{
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *iso = g_strdelimit (g_strstrip (g_strdup (text)), " ", 'T');
  g_autofree char *program_key = NULL;
  GDateTime *when;

  if (!(episode = efir_store_load_episode (store, episode_id, error)))
    return NULL;
  program_key = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_program_id (episode));
  if (!(program = efir_store_find_program (store, program_key, error)))
    return NULL;

  zone = g_time_zone_new_identifier (efir_program_get_time_zone (program));
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  /* GLib wants seconds; a producer writes 20:00. */
  if (strlen (iso) == 16)
    {
      g_autofree char *with_seconds = g_strconcat (iso, ":00", NULL);

      g_free (iso);
      iso = g_steal_pointer (&with_seconds);
    }

  if (!(when = g_date_time_new_from_iso8601 (iso, zone)))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("“%s” is not a date and time: write it as 2024-10-04T20:00, in the "
                   "programme’s time zone, or with an offset such as +04:00."),
                 text);

  return when;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (usec <= 0)
    return g_strdup ("");

  start = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  when = g_date_time_add (start, usec % G_USEC_PER_SEC);

  return g_date_time_format_iso8601 (when);
}

/* The start of a command that lists: "[--json]" and no argument, on the
 * archive as it is. */
static EfirStore *
open_for_listing (EfirCli              *cli,
                  const EfirCliCommand *command,
                  int                   argc,
                  char                **argv,
                  gboolean             *json,
                  int                  *status)
{
  g_autoptr(GOptionContext) context = NULL;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, json,
      N_("Print a JSON array for other programs to read"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, status))
    return NULL;
  if (argc > 1)
    {
      *status = efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);
      return NULL;
    }

  return efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, status);
}

static int
enqueue (EfirCli              *cli,
         gint64                episode_id,
         gint64                site_id,
         EfirPublishAction     action,
         const char           *at_text)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;
  int status;

  if (!(store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status)))
    return status;

  if (at_text != NULL && !(at = parse_time (store, episode_id, at_text, &error)))
    return efir_cli_fail_error (error);

  publisher = efir_publisher_new (store);
  if (!(job_id = efir_publisher_enqueue (publisher, episode_id, site_id, action, at, &error)))
    return efir_cli_fail_error (error);

  printf ("%" G_GINT64_FORMAT "\n", job_id);

  return EFIR_CLI_EXIT_OK;
}

/* Public API ------------------------------------------------------------- */

int
efir_cli_site_add (EfirCli              *cli,
                   const EfirCliCommand *command,
                   int                   argc,
                   char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  char *password;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "url", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &url,
      N_("The site’s address, such as https://example.org"), N_("URL") },
    { "user", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &user,
      N_("The WordPress user the application password belongs to"), N_("USER") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);
  if (url == NULL || url[0] == '\0' || user == NULL || user[0] == '\0')
    return efir_cli_usage_error (command, _("Give the site’s address and the user: --url URL "
                                            "--user USER, and the application password on "
                                            "standard input."));

  if (!(password = read_password ()))
    return efir_cli_fail (_("No application password was given on standard input. Make one on "
                            "the site, in your profile’s “Application Passwords” section."));

  if (!(store = efir_cli_open_store (cli, EFIR_CLI_OPEN_OR_CREATE, &status)))
    {
      memset (password, 0, strlen (password));
      g_free (password);
      return status;
    }

  publisher = efir_publisher_new (store);
  site = efir_publisher_add_site (publisher, url, user, password, notes, NULL, &error);
  memset (password, 0, strlen (password));
  g_free (password);
  if (site == NULL)
    return efir_cli_fail_error (error);

  print_notes (notes);
  fprintf (stderr, "efir-cli: ");
  fprintf (stderr, site->can_publish ? _("Signed in to %s as %s, who can publish.")
                                     : _("Signed in to %s as %s, who can submit for review."),
           site->url, site->user_name[0] != '\0' ? site->user_name : site->user);
  fprintf (stderr, "\n");
  printf ("%" G_GINT64_FORMAT "\n", site->id);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_site_list (EfirCli              *cli,
                   const EfirCliCommand *command,
                   int                   argc,
                   char                **argv)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;

  if (!(store = open_for_listing (cli, command, argc, argv, &json, &status)))
    return status;
  if (!(sites = efir_store_list_sites (store, &error)))
    return efir_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < sites->len; i++)
        {
          EfirSite *site = g_ptr_array_index (sites, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", site->id);
          add_string_member (builder, "url", site->url);
          add_string_member (builder, "api_root", site->api_root);
          add_string_member (builder, "user", site->user);
          add_string_member (builder, "user_name", site->user_name);
          json_builder_set_member_name (builder, "can_publish");
          json_builder_add_boolean_value (builder, site->can_publish);
          json_builder_set_member_name (builder, "key_moments");
          json_builder_add_boolean_value (builder, site->unfiltered_html);
          add_string_member (builder, "wordpress", site->wp_version);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      efir_cli_print_json (root);

      return EFIR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      EfirSite *site = g_ptr_array_index (sites, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", site->id, site->url, site->user,
              site->can_publish ? "publish" : "review");
    }

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_program_set_site (EfirCli              *cli,
                           const EfirCliCommand *command,
                           int                   argc,
                           char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "category", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &category,
      N_("The category its episodes are published in (the programme’s name if not given)"),
      N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  gint64 site_id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;
  if (argc != 3)
    return efir_cli_usage_error (command, _("Give the programme and the site’s id."));
  if (!efir_cli_parse_id (argv[2], &site_id))
    return efir_cli_usage_error (command, _("“%s” is not an id."), argv[2]);

  if (!(store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status)))
    return status;
  if (!(program = efir_store_find_program (store, argv[1], &error))
      || !(site = efir_store_get_site (store, site_id, &error))
      || !efir_store_set_program_site (store, efir_program_get_id (program), site_id,
                                       category != NULL ? g_strstrip (category) : "", &error))
    return efir_cli_fail_error (error);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_publish (EfirCli              *cli,
                  const EfirCliCommand *command,
                  int                   argc,
                  char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *at = NULL;
  gint64 site_id = 0;
  gint64 episode_id;
  gboolean draft = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "site", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, &site_id,
      N_("The site to publish to (the programme’s default site if not given)"), N_("ID") },
    { "at", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &at,
      N_("Publish at this time, such as 2024-10-04T20:00 in the programme’s time zone"),
      N_("TIME") },
    { "draft", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &draft,
      N_("Send it to the site as a draft"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;
  if (!efir_cli_parse_one_id (command, argc, argv, _("Give the episode’s id."),
                              _("“%s” is not an id."), &episode_id, &status))
    return status;
  if (at != NULL && draft)
    return efir_cli_usage_error (command, _("Give --at or --draft, not both."));

  return enqueue (cli, episode_id, site_id,
                  draft ? EFIR_PUBLISH_DRAFT : at != NULL ? EFIR_PUBLISH_SCHEDULE : EFIR_PUBLISH_NOW,
                  at);
}

int
efir_cli_withdraw (EfirCli              *cli,
                   const EfirCliCommand *command,
                   int                   argc,
                   char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  gint64 site_id = 0;
  gint64 episode_id;
  gboolean trash = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "site", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, &site_id,
      N_("The site to withdraw it from (the programme’s default site if not given)"), N_("ID") },
    { "trash", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &trash,
      N_("Move the post to the site’s trash instead of back to a draft"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;
  if (!efir_cli_parse_one_id (command, argc, argv, _("Give the episode’s id."),
                              _("“%s” is not an id."), &episode_id, &status))
    return status;

  return enqueue (cli, episode_id, site_id, trash ? EFIR_PUBLISH_TRASH : EFIR_PUBLISH_WITHDRAW,
                  NULL);
}

int
efir_cli_outbox_list (EfirCli              *cli,
                     const EfirCliCommand *command,
                     int                   argc,
                     char                **argv)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;

  if (!(store = open_for_listing (cli, command, argc, argv, &json, &status)))
    return status;
  if (!(jobs = efir_store_list_jobs (store, 0, &error)))
    return efir_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < jobs->len; i++)
        {
          EfirOutboxJob *job = g_ptr_array_index (jobs, i);
          g_autofree char *next = format_usec (job->next_attempt_at);
          g_autofree char *created = format_usec (job->created_at);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", job->id);
          add_int_member (builder, "episode", job->episode_id);
          add_string_member (builder, "title", job->episode_title);
          add_int_member (builder, "site", job->site_id);
          add_string_member (builder, "action", job->action);
          add_string_member (builder, "publish_at_gmt", job->publish_at);
          add_string_member (builder, "state", efir_job_state_to_string (job->state));
          add_int_member (builder, "attempts", job->attempts);
          add_string_member (builder, "progress", job->progress);
          add_string_member (builder, "error_code", job->error_code);
          add_string_member (builder, "last_error", job->last_error);
          add_string_member (builder, "resolution", job->resolution);
          add_string_member (builder, "next_attempt", job->state == EFIR_JOB_RETRYING ? next : "");
          add_string_member (builder, "created", created);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      efir_cli_print_json (root);

      return EFIR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      EfirOutboxJob *job = g_ptr_array_index (jobs, i);

      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%d\t%s\n", job->id,
              job->episode_id, job->action, efir_job_state_to_string (job->state), job->attempts,
              job->last_error);
    }

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_outbox_run (EfirCli              *cli,
                     const EfirCliCommand *command,
                     int                   argc,
                     char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  guint n_done = 0;
  guint n_stopped = 0;
  int status;

  context = efir_cli_option_context_new (command, NULL, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;
  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);

  if (!(store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status)))
    return status;

  publisher = efir_publisher_new (store);
  if (!efir_publisher_run_due (publisher, &n_done, &n_stopped, NULL, &error))
    return efir_cli_fail_error (error);

  if (n_stopped > 0)
    return efir_cli_fail (g_dngettext (NULL, "%u job stopped and needs you: “efir-cli outbox "
                                             "list” says why.",
                                       "%u jobs stopped and need you: “efir-cli outbox list” "
                                       "says why.",
                                       n_stopped),
                          n_stopped);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_outbox_resolve (EfirCli              *cli,
                         const EfirCliCommand *command,
                         int                   argc,
                         char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  gboolean keep_site = FALSE;
  gboolean overwrite = FALSE;
  gboolean as_new_draft = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "keep-site", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &keep_site,
      N_("Keep the site’s version; Efir’s episode stays as it is"), NULL },
    { "overwrite", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace the site’s version with Efir’s"), NULL },
    { "as-new-draft", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &as_new_draft,
      N_("Save Efir’s version as a new draft post beside the site’s"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gint64 job_id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;
  if (!efir_cli_parse_one_id (command, argc, argv, _("Give the job’s id."),
                              _("“%s” is not an id."), &job_id, &status))
    return status;
  if (keep_site + overwrite + as_new_draft != 1)
    return efir_cli_usage_error (command, _("Choose one: --keep-site, --overwrite or "
                                            "--as-new-draft."));

  if (!(store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status)))
    return status;

  publisher = efir_publisher_new (store);
  if (!efir_publisher_resolve (publisher, job_id,
                               keep_site ? EFIR_RESOLVE_KEEP_SITE
                               : overwrite ? EFIR_RESOLVE_OVERWRITE : EFIR_RESOLVE_AS_NEW_DRAFT,
                               &error))
    return efir_cli_fail_error (error);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_pull (EfirCli              *cli,
               const EfirCliCommand *command,
               int                   argc,
               char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 site_id = 0;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "site", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, &site_id,
      N_("Only this site (every site if not given)"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;
  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);

  if (!(store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status)))
    return status;
  if (!(sites = efir_store_list_sites (store, &error)))
    return efir_cli_fail_error (error);

  publisher = efir_publisher_new (store);
  for (guint i = 0; i < sites->len; i++)
    {
      EfirSite *site = g_ptr_array_index (sites, i);
      guint n_linked = 0;

      if (site_id != 0 && site->id != site_id)
        continue;

      if (!efir_publisher_pull (publisher, site->id, &n_linked, notes, NULL, &error))
        return efir_cli_fail_error (error);
    }

  for (guint i = 0; i < notes->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (notes, i));

  return EFIR_CLI_EXIT_OK;
}
