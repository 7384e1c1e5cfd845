/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-program"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "efir-cli-private.h"

/* Public API ------------------------------------------------------------- */

int
efir_cli_program_add (EfirCli              *cli,
                      const EfirCliCommand *command,
                      int                   argc,
                      char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *language = NULL;
  g_autofree char *time_zone = NULL;
  g_autofree char *stripped = NULL;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &name,
      N_("The programme’s name"), N_("NAME") },
    { "language", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &language,
      N_("The language of its pages: az, ru or en"), N_("LANGUAGE") },
    { "timezone", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &time_zone,
      N_("The time zone its air times are given in, such as Asia/Baku"), N_("ZONE") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (stripped[0] == '\0')
    return efir_cli_usage_error (command, _("The programme needs a name: give --name NAME."));

  if (language != NULL && !efir_program_language_is_valid (language))
    return efir_cli_usage_error (command, _("Unknown language “%s”: use az, ru or en."),
                                 language);

  if (time_zone != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (time_zone);

      if (zone == NULL)
        return efir_cli_usage_error (command,
                                     _("Unknown time zone “%s”: use a name such as Asia/Baku "
                                       "or Europe/Moscow."),
                                     time_zone);
    }

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_OR_CREATE, &status);
  if (store == NULL)
    return status;

  program = efir_program_new (stripped);
  if (language != NULL)
    efir_program_set_language (program, language);
  if (time_zone != NULL)
    efir_program_set_time_zone (program, time_zone);

  /* The store refuses a name that is one with another programme's: the
   * same but for case, spaces at either end or composed letters. */
  if (!efir_store_save_program (store, program, &error))
    return efir_cli_fail_error (error);

  printf ("%" G_GINT64_FORMAT "\n", efir_program_get_id (program));

  return EFIR_CLI_EXIT_OK;
}

int
efir_cli_program_list (EfirCli              *cli,
                       const EfirCliCommand *command,
                       int                   argc,
                       char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GListModel) programs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array for other programs to read"), NULL },
    G_OPTION_ENTRY_NULL
  };
  guint n;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc > 1)
    return efir_cli_usage_error (command, _("Unexpected argument “%s”."), argv[1]);

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  programs = efir_store_list_programs (store, &error);
  if (programs == NULL)
    return efir_cli_fail_error (error);

  n = g_list_model_get_n_items (programs);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, efir_program_get_id (program));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, efir_program_get_name (program));
          json_builder_set_member_name (builder, "language");
          json_builder_add_string_value (builder, efir_program_get_language (program));
          json_builder_set_member_name (builder, "time_zone");
          json_builder_add_string_value (builder, efir_program_get_time_zone (program));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      efir_cli_print_json (root);
      return EFIR_CLI_EXIT_OK;
    }

  /* One programme a line, fields between tabs, so "cut" and "awk" can read
   * it as easily as a person can. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);
      g_autofree char *name = efir_cli_tsv_field (efir_program_get_name (program));
      g_autofree char *time_zone = efir_cli_tsv_field (efir_program_get_time_zone (program));

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", efir_program_get_id (program), name,
              efir_program_get_language (program), time_zone);
    }

  return EFIR_CLI_EXIT_OK;
}
