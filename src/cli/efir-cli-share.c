/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-share"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "efir-cli-private.h"
#include "efir-social.h"

/* Helpers ---------------------------------------------------------------- */

/* The platforms a post is written for; a website gets the page itself. */
static gboolean
parse_share_platform (const char         *name,
                      EfirSocialPlatform *out_platform)
{
  return efir_social_platform_from_string (name, out_platform) &&
         *out_platform != EFIR_SOCIAL_PLATFORM_WEBSITE &&
         *out_platform != EFIR_SOCIAL_PLATFORM_YOUTUBE;
}

/* Public API ------------------------------------------------------------- */

int
efir_cli_share (EfirCli              *cli,
                const EfirCliCommand *command,
                int                   argc,
                char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *platform_name = NULL;
  g_autofree char *program_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *link = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "platform", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &platform_name,
      N_("Where the post goes: x, facebook, instagram, telegram or tiktok"), N_("PLATFORM") },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the text with its length and the platform’s limit as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  EfirSocialPlatform platform;
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (!efir_cli_parse_one_id (command, argc, argv, _("Say which episode to share."), _("“%s” is not an episode id."), &id,
                              &status))
    return status;
  if (platform_name == NULL)
    return efir_cli_usage_error (command, _("Say which platform the post is for, with --platform."));
  if (!parse_share_platform (platform_name, &platform))
    return efir_cli_usage_error (command,
                                 _("Unknown platform “%s”: use x, facebook, instagram, telegram "
                                   "or tiktok."),
                                 platform_name);

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!(episode = efir_cli_load_episode (store, id, argv[1], &status)))
    return status;

  program_id = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_program_id (episode));
  program = efir_store_find_program (store, program_id, &error);
  if (program == NULL)
    return efir_cli_fail_error (error);

  /* The episode's page on the site once it is live, its video before. */
  link = efir_store_dup_published_link (store, id);
  text = efir_share_text (platform,
                          efir_program_get_share_template (
                            program, efir_social_platform_to_string (platform)),
                          program, episode, link);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "platform");
      json_builder_add_string_value (builder, efir_social_platform_to_string (platform));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "weighted_length");
      json_builder_add_int_value (builder, efir_post_length (platform, text));
      json_builder_set_member_name (builder, "limit");
      json_builder_add_int_value (builder, efir_post_length_limit (platform));
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      efir_cli_print_json (root);
      return EFIR_CLI_EXIT_OK;
    }

  printf ("%s\n", text);

  return EFIR_CLI_EXIT_OK;
}
