/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-cli-search"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "efir-cli-private.h"

/* Helpers ---------------------------------------------------------------- */

/* Enough for any screen; a producer who needs more narrows the query. */
#define SEARCH_LIMIT 50

/* The store marks the hit between \x01 and \x02. A terminal shows it in
 * bold; anything else gets the plain text, since no pair of printable
 * characters is safe to add to Russian and Azerbaijani text (both quote
 * with « »). */
static char *
render_snippet (const char *snippet,
                gboolean    bold)
{
  GString *out = g_string_sized_new (strlen (snippet) + 16);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p == '\x01')
        {
          if (bold)
            g_string_append (out, "\033[1m");
        }
      else if (*p == '\x02')
        {
          if (bold)
            g_string_append (out, "\033[0m");
        }
      else if (*p == '\n' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Public API ------------------------------------------------------------- */

int
efir_cli_search (EfirCli              *cli,
                 const EfirCliCommand *command,
                 int                   argc,
                 char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array for other programs to read"), NULL },
    G_OPTION_ENTRY_NULL
  };
  gboolean bold;
  int status;

  context = efir_cli_option_context_new (command, entries, &help);
  if (!efir_cli_parse_options (command, context, &argc, &argv, &help, &status))
    return status;

  if (argc < 2)
    return efir_cli_usage_error (command, _("Say what to search for."));
  if (argc > 2)
    return efir_cli_usage_error (command,
                                 _("Unexpected argument “%s”; put a query of several words "
                                   "in quotes."),
                                 argv[2]);
  if (!g_utf8_validate (argv[1], -1, NULL))
    return efir_cli_usage_error (command, _("The query is not valid UTF-8 text."));

  store = efir_cli_open_store (cli, EFIR_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  hits = efir_store_search (store, argv[1], SEARCH_LIMIT, &error);
  if (hits == NULL)
    return efir_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          EfirSearchHit *hit = g_ptr_array_index (hits, i);
          g_autofree char *snippet = render_snippet (hit->snippet != NULL ? hit->snippet : "",
                                                     FALSE);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "episode_id");
          json_builder_add_int_value (builder, hit->episode_id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, hit->title != NULL ? hit->title : "");
          json_builder_set_member_name (builder, "program");
          json_builder_add_string_value (builder,
                                         hit->program_name != NULL ? hit->program_name : "");
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, hit->number);
          json_builder_set_member_name (builder, "snippet");
          json_builder_add_string_value (builder, snippet);
          json_builder_set_member_name (builder, "rank");
          json_builder_add_double_value (builder, hit->rank);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      efir_cli_print_json (root);
      return EFIR_CLI_EXIT_OK;
    }

  bold = isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      EfirSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = render_snippet (hit->snippet != NULL ? hit->snippet : "", bold);
      g_autofree char *program = efir_cli_tsv_field (hit->program_name);
      g_autofree char *title = efir_cli_tsv_field (hit->title);

      printf ("%" G_GINT64_FORMAT "\t%s\t%d\t%s\n    %s\n", hit->episode_id, program,
              hit->number, title, snippet);
    }

  return EFIR_CLI_EXIT_OK;
}
