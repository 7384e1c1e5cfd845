/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-links"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "efir-cli-private.h"
#include "efir-link-checker.h"
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

typedef struct
{
  char           *url;
  EfirLinkStatus  status;
  char           *final_url;
  guint           http_status;
  guint          *n_pending;
} LinkCheck;

static void
link_check_free (LinkCheck *check)
{
  g_free (check->url);
  g_free (check->final_url);
  g_free (check);
}

static void
link_checked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LinkCheck *check = user_data;

  check->status = efir_link_checker_check_finish (EFIR_LINK_CHECKER (object), result,
                                                  &check->final_url, &check->http_status, NULL);
  (*check->n_pending)--;
}

/* The episode's video and its social links, each once. */
static GPtrArray *
collect_links (EfirEpisode *episode)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);
  GListModel *links = G_LIST_MODEL (efir_episode_get_social_links (episode));
  const char *video = efir_episode_get_video_url (episode);

  if (video[0] != '\0')
    g_ptr_array_add (urls, g_strdup (video));

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);
      const char *url = efir_social_link_get_url (link);

      if (url[0] != '\0' && !g_ptr_array_find_with_equal_func (urls, url, g_str_equal, NULL))
        g_ptr_array_add (urls, g_strdup (url));
    }

  return urls;
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

int
efir_cli_links_check (EfirCli              *cli,
                      const EfirCliCommand *command,
                      int                   argc,
                      char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirLinkChecker) checker = NULL;
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) link_check_free);
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array for other programs to read"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gboolean any_broken = FALSE;
  guint n_pending = 0;
  gint64 id;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (!efir_cli_parse_one_id (command, argc, argv, _("Say which episode’s links to check."), _("“%s” is not an episode id."), &id,
                              &status))
    return status;

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!(episode = efir_cli_load_episode (store, id, argv[1], &status)))
    return status;

  checker = efir_link_checker_new ();
  urls = collect_links (episode);
  for (guint i = 0; i < urls->len; i++)
    {
      LinkCheck *check = g_new0 (LinkCheck, 1);

      check->url = g_strdup (urls->pdata[i]);
      check->n_pending = &n_pending;
      g_ptr_array_add (checks, check);
      n_pending++;
      efir_link_checker_check_async (checker, check->url, NULL, link_checked_cb, check);
    }

  while (n_pending > 0)
    g_main_context_iteration (NULL, TRUE);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < checks->len; i++)
        {
          LinkCheck *check = checks->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, check->url);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, efir_link_status_to_string (check->status));
          json_builder_set_member_name (builder, "http_status");
          json_builder_add_int_value (builder, check->http_status);
          json_builder_set_member_name (builder, "final_url");
          if (check->final_url != NULL)
            json_builder_add_string_value (builder, check->final_url);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      efir_cli_print_json (root);
    }

  for (guint i = 0; i < checks->len; i++)
    {
      LinkCheck *check = checks->pdata[i];

      if (check->status == EFIR_LINK_STATUS_BROKEN)
        any_broken = TRUE;
      if (json)
        continue;

      printf ("%s\t%s", efir_link_status_to_string (check->status), check->url);
      if (check->final_url != NULL)
        printf ("\t%s", check->final_url);
      printf ("\n");
    }

  /* Unreachable is not broken: a site down tonight may be up tomorrow. */
  return any_broken ? EFIR_CLI_EXIT_FAILURE : EFIR_CLI_EXIT_OK;
}
