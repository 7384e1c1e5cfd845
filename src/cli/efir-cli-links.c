/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-links"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "efir-cli-private.h"
#include "efir-social.h"

/* Helpers ---------------------------------------------------------------- */

static void
add_cleanup_json (JsonBuilder           *builder,
                  const char            *pasted,
                  const EfirLinkCleanup *cleanup)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, pasted);
  json_builder_set_member_name (builder, "url");
  if (cleanup != NULL)
    json_builder_add_string_value (builder, cleanup->url);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "platform");
  if (cleanup != NULL)
    json_builder_add_string_value (builder, efir_social_platform_to_string (cleanup->platform));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "removed");
  json_builder_begin_array (builder);
  for (guint i = 0; cleanup != NULL && cleanup->removed[i] != NULL; i++)
    json_builder_add_string_value (builder, cleanup->removed[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unwrapped_from");
  if (cleanup != NULL && cleanup->unwrapped_from != NULL)
    json_builder_add_string_value (builder, cleanup->unwrapped_from);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* Public API ------------------------------------------------------------- */

int
efir_cli_links_clean (EfirCli              *cli,
                      const EfirCliCommand *command,
                      int                   argc,
                      char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array for other programs to read"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int result = EFIR_CLI_EXIT_OK;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc < 2)
    return efir_cli_usage_error (command, _("Give at least one link to clean."));

  json_builder_begin_array (builder);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(EfirLinkCleanup) cleanup = NULL;

      if (!g_utf8_validate (argv[i], -1, NULL))
        {
          result = efir_cli_fail (_("Argument %d is not valid UTF-8 text."), i);
          continue;
        }

      cleanup = efir_link_clean (argv[i]);
      if (json)
        add_cleanup_json (builder, argv[i], cleanup);
      else if (cleanup != NULL)
        printf ("%s\t%s\n", cleanup->url, efir_social_platform_to_string (cleanup->platform));

      /* The others are still cleaned: a script pasting a column of links
       * gets every good one and hears of every bad one. */
      if (cleanup == NULL)
        result = efir_cli_fail (_("“%s” is not a web address."), argv[i]);
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      efir_cli_print_json (root);
    }

  return result;
}
