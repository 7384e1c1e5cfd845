/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-wp-test-util"

#include "config.h"
#include "test-config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "efir-wp-test-util.h"

/* Helpers ---------------------------------------------------------------- */

static const char *
server_path (void)
{
  const char *path = g_getenv ("EFIR_WP_SERVER");

  return path != NULL ? path : SOURCE_ROOT "/tests/wordpress/efir-wp-server";
}

/* Runs efir-wp-server with @args and returns what it printed; what it said
 * on standard error goes into @error if it failed, to ours if not. */
static char *
run_server (const char * const *args,
            GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_strv_builder_add (builder, server_path ());
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               error);
  if (process == NULL)
    return NULL;
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return NULL;

  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "efir-wp-server %s failed: %s", args[0], g_strstrip (err));
      return NULL;
    }
  if (err != NULL && *err != '\0')
    g_printerr ("%s", err);

  return g_steal_pointer (&out);
}

static char **
field_for_key (EfirTestWordPress *wp,
               const char        *key)
{
  static const struct
  {
    const char *key;
    gsize       offset;
  } fields[] = {
    { "EFIR_WP_URL", G_STRUCT_OFFSET (EfirTestWordPress, url) },
    { "EFIR_WP_REST_URL", G_STRUCT_OFFSET (EfirTestWordPress, rest_url) },
    { "EFIR_WP_ADMIN_USER", G_STRUCT_OFFSET (EfirTestWordPress, admin_user) },
    { "EFIR_WP_ADMIN_PASSWORD", G_STRUCT_OFFSET (EfirTestWordPress, admin_password) },
    { "EFIR_WP_AUTHOR_USER", G_STRUCT_OFFSET (EfirTestWordPress, author_user) },
    { "EFIR_WP_AUTHOR_PASSWORD", G_STRUCT_OFFSET (EfirTestWordPress, author_password) },
    { "EFIR_WP_CONTRIBUTOR_USER", G_STRUCT_OFFSET (EfirTestWordPress, contributor_user) },
    { "EFIR_WP_CONTRIBUTOR_PASSWORD", G_STRUCT_OFFSET (EfirTestWordPress, contributor_password) },
    { "EFIR_WP_VERSION", G_STRUCT_OFFSET (EfirTestWordPress, version) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].key, key) == 0)
      return G_STRUCT_MEMBER_P (wp, fields[i].offset);

  return NULL;
}

/* Fills @wp from the KEY='VALUE' lines that "start" printed. */
static gboolean
parse_site (EfirTestWordPress  *wp,
            const char         *output,
            GError            **error)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *equals = strchr (lines[i], '=');
      g_autofree char *key = NULL;
      char **field;

      if (equals == NULL)
        continue;
      key = g_strndup (lines[i], equals - lines[i]);
      field = field_for_key (wp, key);
      if (field == NULL)
        continue;
      g_free (*field);
      *field = g_shell_unquote (equals + 1, error);
      if (*field == NULL)
        return FALSE;
    }

  if (wp->url == NULL || wp->rest_url == NULL || wp->admin_password == NULL
      || wp->author_password == NULL || wp->contributor_password == NULL
      || wp->version == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "efir-wp-server start printed no site: %s", output);
      return FALSE;
    }

  return TRUE;
}

static void
wordpress_free (EfirTestWordPress *wp)
{
  g_free (wp->dir);
  g_free (wp->url);
  g_free (wp->rest_url);
  g_free (wp->admin_user);
  g_free (wp->admin_password);
  g_free (wp->author_user);
  g_free (wp->author_password);
  g_free (wp->contributor_user);
  g_free (wp->contributor_password);
  g_free (wp->version);
  g_free (wp);
}

/* Public API ------------------------------------------------------------- */

EfirTestWordPress *
efir_test_wordpress_start (gboolean   plain_permalinks,
                           GError   **error)
{
  EfirTestWordPress *wp = g_new0 (EfirTestWordPress, 1);
  g_autofree char *owner = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *output = NULL;

  wp->dir = g_dir_make_tmp ("efir-wp-XXXXXX", error);
  if (wp->dir == NULL)
    {
      wordpress_free (wp);
      return NULL;
    }

  /* With this process as the owner, a test that crashes or is killed
   * leaves no server behind. */
  {
    const char *args[] = {
      "start", wp->dir, "--owner", owner,
      plain_permalinks ? "--plain-permalinks" : NULL,
      NULL
    };

    output = run_server (args, error);
  }

  if (output == NULL || !parse_site (wp, output, error))
    {
      efir_test_wordpress_stop (wp);
      return NULL;
    }

  return wp;
}

char *
efir_test_wordpress_eval (EfirTestWordPress  *wp,
                          const char         *php,
                          GError            **error)
{
  const char *args[] = { "eval", wp->dir, php, NULL };

  g_return_val_if_fail (wp != NULL, NULL);
  g_return_val_if_fail (php != NULL, NULL);

  return run_server (args, error);
}

char *
efir_test_wordpress_evalf (EfirTestWordPress *wp,
                           const char        *format,
                           ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *php = NULL;
  va_list args;
  char *out;

  va_start (args, format);
  php = g_strdup_vprintf (format, args);
  va_end (args);

  out = efir_test_wordpress_eval (wp, php, &error);
  g_assert_no_error (error);

  return out;
}

void
efir_test_wordpress_stop (EfirTestWordPress *wp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  if (wp == NULL)
    return;

  /* The script deletes the folder: it knows which of its files are links
   * into WordPress's own. */
  {
    const char *args[] = { "stop", wp->dir, "--remove", NULL };

    output = run_server (args, &error);
  }
  if (output == NULL)
    g_warning ("%s", error->message);

  wordpress_free (wp);
}
