/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-episode"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "efir-cli-private.h"
#include "efir-episode-json.h"
#include "efir-link-cleanup.h"
#include "efir-publisher.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
read_episode_file (const char  *path,
                   char       **contents,
                   gsize       *length,
                   int         *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, contents, length, &error))
    {
      *status = efir_cli_fail_error_prefixed (error, _("Cannot read %s"), path);
      return FALSE;
    }

  return TRUE;
}

/* Finds the programme given as "--program NAME|ID"; prints why not and
 * sets *status when there is none. */
static EfirProgram *
find_program (EfirStore  *store,
              const char *name_or_id,
              int        *status)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GError) error = NULL;

  program = efir_store_find_program (store, name_or_id, &error);
  if (program != NULL)
    return g_steal_pointer (&program);

  if (error != NULL && !g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND))
    *status = efir_cli_fail_error (error);
  else
    *status = efir_cli_fail (_("There is no programme “%s”; “efir-cli program list” shows "
                               "them."),
                             name_or_id);

  return NULL;
}

/* After a refused import, names the episode that is already there so the
 * producer can export or update it instead. The store's own message is the
 * fallback when the file does not say which episode it is. */
static int
report_import_conflict (EfirStore    *store,
                        const char   *path,
                        const char   *json,
                        gsize         length,
                        const GError *import_error)
{
  g_autoptr(EfirEpisode) incoming = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GListModel) episodes = NULL;
  g_autoptr(GError) error = NULL;
  const char *program_name;
  guint n;

  incoming = efir_episode_from_json (json, length, NULL);
  if (incoming == NULL)
    return efir_cli_fail_error (import_error);

  program_name = efir_episode_get_program_name (incoming);
  program = efir_store_find_program (store, program_name, NULL);
  if (program == NULL)
    return efir_cli_fail_error (import_error);

  episodes = efir_store_list_episodes (store, efir_program_get_id (program), &error);
  if (episodes == NULL)
    return efir_cli_fail_error (import_error);

  n = g_list_model_get_n_items (episodes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (episodes, i);
      g_autofree char *id = NULL;

      if (efir_episode_get_number (episode) != efir_episode_get_number (incoming))
        continue;

      id = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_id (episode));
      return efir_cli_fail (_("Episode %d of “%s” is already there (id %s, “%s”); nothing was "
                              "imported — to replace it, run “efir-cli episode update %s %s”."),
                            efir_episode_get_number (episode), efir_program_get_name (program),
                            id, efir_episode_get_title (episode), id, path);
    }

  return efir_cli_fail_error (import_error);
}

/* As the episode file writes it: with the offset's minutes, which
 * g_date_time_format_iso8601() leaves out for whole hours. */
static char *
format_air_date (GDateTime *air_date)
{
  if (air_date == NULL)
    return NULL;

  if (g_date_time_get_microsecond (air_date) != 0)
    return g_date_time_format (air_date, "%Y-%m-%dT%H:%M:%S.%f%:z");

  return g_date_time_format (air_date, "%Y-%m-%dT%H:%M:%S%:z");
}

/* One element of the array "episode list --json" prints, as json-glib's
 * pretty printer wrote it when the list was built as a tree: that tree
 * and its printing took more than half of the command's time on 10,000
 * episodes. */
static void
append_episode_json (GString                  *out,
                     const EfirEpisodeListing *listing)
{
  g_string_append_printf (out, "  {\n    \"id\" : %" G_GINT64_FORMAT ",\n    \"program\" : ",
                          listing->id);
  efir_cli_append_json_string (out, listing->program_name);
  g_string_append_printf (out, ",\n    \"number\" : %d,\n    \"title\" : ", listing->number);
  efir_cli_append_json_string (out, listing->title);
  g_string_append (out, ",\n    \"air_date\" : ");
  if (listing->air_date != NULL)
    efir_cli_append_json_string (out, listing->air_date);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\n    \"status\" : ");
  efir_cli_append_json_string (out, efir_episode_status_to_string (listing->status));
  g_string_append (out, "\n  }");
}

/* Written as it is made, a few rows at a time. */
static void
print_listings_json (GPtrArray *listings)
{
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);

  g_string_append_c (out, '[');
  for (guint i = 0; i < listings->len; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      append_episode_json (out, g_ptr_array_index (listings, i));
      if (out->len >= 60 * 1024)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, listings->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* The deleted episodes: id, programme, number, when deleted (UTC), title. */
static int
print_trash (EfirStore *store,
             gint64     program_id,
             gboolean   json)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  entries = efir_store_list_trash (store, program_id, &error);
  if (entries == NULL)
    return efir_cli_fail_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      EfirTrashEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *deleted = g_date_time_format (entry->deleted, "%Y-%m-%dT%H:%M:%SZ");

      if (!json)
        {
          g_autofree char *program = efir_cli_tsv_field (entry->program_name);
          g_autofree char *title = efir_cli_tsv_field (entry->title);

          printf ("%" G_GINT64_FORMAT "\t%s\t%d\t%s\t%s\n", entry->episode_id, program,
                  entry->number, deleted, title);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, entry->episode_id);
      json_builder_set_member_name (builder, "program");
      json_builder_add_string_value (builder, entry->program_name);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, entry->number);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, entry->title);
      json_builder_set_member_name (builder, "deleted_at");
      json_builder_add_string_value (builder, deleted);
      json_builder_set_member_name (builder, "published");
      json_builder_add_boolean_value (builder, entry->published);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    {
      root = json_builder_get_root (builder);
      efir_cli_print_json (root);
    }

  return EFIR_CLI_EXIT_OK;
}

/* The page exactly as a publication would send it to the programme's site,
 * for a look at what would be published. */
static int
print_page (EfirStore   *store,
            EfirEpisode *episode)
{
  g_autoptr(EfirPublisher) publisher = efir_publisher_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;

  if (!(page = efir_publisher_render_page (publisher, episode, &error)))
    return efir_cli_fail_error (error);

  fputs (page, stdout);

  return EFIR_CLI_EXIT_OK;
}

/* Public API ------------------------------------------------------------- */

int
efir_cli_episode_new (EfirCli              *cli,
                      const EfirCliCommand *command,
                      int                   argc,
                      char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program_arg = NULL;
  g_autofree char *title = NULL;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "program", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &program_arg,
      N_("The programme, by name or id"), N_("NAME|ID") },
    { "title", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &title,
      N_("The episode’s title"), N_("TITLE") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);
  if (program_arg == NULL || program_arg[0] == '\0')
    return efir_cli_usage_error (command, _("Say which programme: give --program NAME|ID."));
  if (title == NULL || g_strstrip (title)[0] == '\0')
    return efir_cli_usage_error (command, _("The episode needs a title: give --title TITLE."));

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  program = find_program (store, program_arg, &status);
  if (program == NULL)
    return status;

  episode = efir_episode_new ();
  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_program_name (episode, efir_program_get_name (program));
  efir_episode_set_title (episode, title);

  if (!efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error))
    return efir_cli_fail_error (error);

  printf ("%" G_GINT64_FORMAT "\n", efir_episode_get_id (episode));

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_import (EfirCli              *cli,
                         const EfirCliCommand *command,
                         int                   argc,
                         char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gboolean help = FALSE;
  gsize length;
  int status;

  context = efir_cli_option_context_new (command, NULL, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc < 2)
    return efir_cli_usage_error (command, _("Say which file to import."));
  if (argc > 2)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[2]);

  /* Read the file before the database is opened or created: a mistyped
   * file name must not leave an empty database behind. */
  if (!read_episode_file (argv[1], &json, &length, &status))
    return status;

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_OR_CREATE, &status);
  if (store == NULL)
    return status;

  episode = efir_store_import_episode_json (store, json, length, &error);
  if (episode == NULL)
    {
      if (g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT))
        return report_import_conflict (store, argv[1], json, length, error);

      return efir_cli_fail_error_prefixed (error, _("Cannot import %s"), argv[1]);
    }

  printf ("%" G_GINT64_FORMAT "\n", efir_episode_get_id (episode));

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_update (EfirCli              *cli,
                         const EfirCliCommand *command,
                         int                   argc,
                         char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gboolean help = FALSE;
  gboolean partial = FALSE;
  const GOptionEntry entries[] = {
    { "partial", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &partial,
      N_("Change only the fields the file gives"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gsize length;
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc < 3)
    return efir_cli_usage_error (command, _("Say which episode and which file."));
  if (argc > 3)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[3]);
  if (!efir_cli_parse_id (argv[1], &id))
    return efir_cli_usage_error (command, _("“%s” is not an episode id."), argv[1]);

  if (!read_episode_file (argv[2], &json, &length, &status))
    return status;

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!efir_store_update_episode_json (store, id, json, length,
                                       partial ? EFIR_STORE_UPDATE_PARTIAL : EFIR_STORE_UPDATE_WHOLE,
                                       &error))
    {
      if (g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND))
        return efir_cli_fail (_("There is no episode %s."), argv[1]);
      if (g_error_matches (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INCOMPLETE))
        return efir_cli_fail (_("Nothing was changed. %s To change only the fields the file "
                                "gives, add --partial."),
                              error->message);

      return efir_cli_fail_error_prefixed (error, _("Cannot update episode %s from %s"), argv[1],
                                           argv[2]);
    }

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_export (EfirCli              *cli,
                         const EfirCliCommand *command,
                         int                   argc,
                         char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *json = NULL;
  gboolean help = FALSE;
  gboolean html = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &format,
      N_("What to print: json (the episode file, the default) or html (the page for the "
         "site)"),
      N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (!efir_cli_parse_one_id (command, argc, argv, _("Say which episode to export."), _("“%s” is not an episode id."), &id,
                              &status))
    return status;

  html = g_strcmp0 (format, "html") == 0;
  if (format != NULL && !html && !g_str_equal (format, "json"))
    return efir_cli_usage_error (command, _("Unknown format “%s”: use json or html."), format);

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!(episode = efir_cli_load_episode (store, id, argv[1], &status)))
    return status;

  /* Links kept before Efir knew platforms go out with theirs. */
  efir_link_name_platforms (episode);

  if (html)
    return print_page (store, episode);

  json = efir_episode_to_json (episode, TRUE);
  printf ("%s\n", json);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_list (EfirCli              *cli,
                       const EfirCliCommand *command,
                       int                   argc,
                       char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program_arg = NULL;
  gboolean json = FALSE;
  gboolean trash = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array for other programs to read"), NULL },
    { "program", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &program_arg,
      N_("Only the episodes of this programme, by name or id"), N_("NAME|ID") },
    { "trash", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &trash,
      N_("The deleted episodes in the trash instead, the most recent first"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gint64 program_id = 0;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (program_arg != NULL)
    {
      g_autoptr(EfirProgram) program = find_program (store, program_arg, &status);

      if (program == NULL)
        return status;
      program_id = efir_program_get_id (program);
    }

  if (trash)
    return print_trash (store, program_id, json);

  listings = efir_store_list_episode_listings (store, program_id, &error);
  if (listings == NULL)
    return efir_cli_fail_error (error);

  if (json)
    {
      print_listings_json (listings);
      return EFIR_CLI_EXIT_OK;
    }

  /* The title last: it is the one field that may hold anything. */
  for (guint i = 0; i < listings->len; i++)
    {
      EfirEpisodeListing *listing = g_ptr_array_index (listings, i);
      g_autofree char *program = efir_cli_tsv_field (listing->program_name);
      g_autofree char *title = efir_cli_tsv_field (listing->title);

      printf ("%" G_GINT64_FORMAT "\t%s\t%d\t%s\t%s\t%s\n", listing->id, program,
              listing->number, listing->air_date != NULL ? listing->air_date : "-",
              efir_episode_status_to_string (listing->status), title);
    }

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_history (EfirCli              *cli,
                          const EfirCliCommand *command,
                          int                   argc,
                          char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array for other programs to read"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (!efir_cli_parse_one_id (command, argc, argv, _("Say which episode."), _("“%s” is not an episode id."), &id,
                              &status))
    return status;

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  /* An episode without revisions and one that does not exist differ. */
  if (!(episode = efir_cli_load_episode (store, id, argv[1], &status)))
    return status;

  revisions = efir_store_list_revisions (store, id, &error);
  if (revisions == NULL)
    return efir_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < revisions->len; i++)
        {
          EfirRevisionInfo *info = g_ptr_array_index (revisions, i);
          g_autofree char *created = format_air_date (info->created);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "revision");
          json_builder_add_int_value (builder, info->id);
          json_builder_set_member_name (builder, "created");
          json_builder_add_string_value (builder, created);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, info->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      efir_cli_print_json (root);
      return EFIR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autofree char *created = format_air_date (info->created);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", info->id, created, info->reason);
    }

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_restore_revision (EfirCli              *cli,
                                   const EfirCliCommand *command,
                                   int                   argc,
                                   char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) restored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  gboolean found = FALSE;
  gint64 id, revision_id;
  int status;

  context = efir_cli_option_context_new (command, NULL, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc < 3)
    return efir_cli_usage_error (command, _("Say which episode and which revision."));
  if (argc > 3)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[3]);
  if (!efir_cli_parse_id (argv[1], &id))
    return efir_cli_usage_error (command, _("“%s” is not an episode id."), argv[1]);
  if (!efir_cli_parse_id (argv[2], &revision_id))
    return efir_cli_usage_error (command, _("“%s” is not a revision number."), argv[2]);

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  /* A revision number copied from another episode's history must not
   * overwrite this one. */
  revisions = efir_store_list_revisions (store, id, &error);
  if (revisions == NULL)
    return efir_cli_fail_error (error);
  for (guint i = 0; i < revisions->len && !found; i++)
    found = ((EfirRevisionInfo *) g_ptr_array_index (revisions, i))->id == revision_id;
  if (!found)
    return efir_cli_fail (_("Episode %s has no revision %s; “efir-cli episode history %s” "
                            "lists its revisions."),
                          argv[1], argv[2], argv[1]);

  restored = efir_store_restore_revision (store, revision_id, &error);
  if (restored == NULL)
    return efir_cli_fail_error (error);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_delete (EfirCli              *cli,
                         const EfirCliCommand *command,
                         int                   argc,
                         char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean now = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "now", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &now,
      N_("Delete it for good at once, from the trash or not, instead of to the trash"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gboolean has_post;
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (!efir_cli_parse_one_id (command, argc, argv, _("Say which episode."), _("“%s” is not an episode id."), &id,
                              &status))
    return status;

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  has_post = efir_store_episode_has_post (store, id);
  if (now ? !efir_store_delete_episode (store, id, &error)
          : !efir_store_trash_episode (store, id, &error))
    return efir_cli_fail_error (error);

  /* Deleting in Efir never takes a post off the site: say so, and how. */
  if (has_post)
    fprintf (stderr, "%s\n",
             _("Its post stays on the site; “efir-cli withdraw” takes a post off the site."));
  if (!now)
    fprintf (stderr, _("Episode %s is in the trash for %d days; “efir-cli episode restore %s” "
                       "brings it back.\n"),
             argv[1], EFIR_STORE_TRASH_DAYS, argv[1]);

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_episode_restore (EfirCli              *cli,
                          const EfirCliCommand *command,
                          int                   argc,
                          char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, NULL, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (!efir_cli_parse_one_id (command, argc, argv, _("Say which episode."), _("“%s” is not an episode id."), &id,
                              &status))
    return status;

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (efir_store_restore_episode (store, id, &error))
    return EFIR_CLI_EXIT_OK;

  if (g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND))
    return efir_cli_fail (_("Episode %s is not in the trash; “efir-cli episode list --trash” "
                            "lists what is."),
                          argv[1]);

  return efir_cli_fail_error (error);
}
