/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-site-secrets"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "efir-site-secrets.h"
#include "efir-wp-error.h"

/* Types and properties --------------------------------------------------- */

static const SecretSchema site_schema = {
  .name = "io.github.efir.Efir.Site",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* Helpers ---------------------------------------------------------------- */

static GHashTable *
site_attributes (const char *site_url,
                 const char *user)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "url", (gpointer) site_url);
  g_hash_table_insert (attributes, (gpointer) "user", (gpointer) user);
  return attributes;
}

static char *
site_label (const char *site_url,
            const char *user)
{
  g_autoptr(GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : site_url;

  /* Translators: a site's password as the keyring lists it: user, host */
  return g_strdup_printf (_("Efir: %s at %s"), user, host);
}

static void
set_locked_error (GError **error)
{
  g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING,
                       _("The keyring is locked. Unlock it (for GNOME Keyring, in Passwords and "
                         "Keys) and try again; on a server without a keyring, set "
                         "EFIR_SITE_PASSWORD for each run instead."));
}

/* Turns what libsecret reported into the sentence a producer acts on. Only
 * a cancellation the caller asked for stays G_IO_ERROR_CANCELLED: libsecret
 * also reports a dismissed unlock prompt as cancelled, and that is a locked
 * keyring.
 */
static void
set_keyring_error (GError       **error,
                   GError        *local_error,
                   GCancellable  *cancellable)
{
  if (local_error == NULL)
    set_locked_error (error);
  else if (g_cancellable_is_cancelled (cancellable)
           && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (g_error_matches (local_error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED)
           || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_locked_error (error);
  else
    g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING,
                 _("Efir cannot reach the keyring (%s). Start a keyring such as GNOME Keyring "
                   "and unlock it, then try again; on a server without a keyring, set "
                   "EFIR_SITE_PASSWORD for each run instead."),
                 local_error->message);

  g_clear_error (&local_error);
}

/* The normalised @password, or an error when nothing is left of it. */
static char *
normalise_for_store (const char  *password,
                     GError     **error)
{
  char *normalised = efir_site_secrets_normalise (password);

  if (*normalised == '\0')
    {
      efir_site_secrets_free_password (normalised);
      g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                           _("The password is empty. Copy the application password from "
                             "your profile page on the site and try again."));
      return NULL;
    }

  return normalised;
}

/* Callbacks -------------------------------------------------------------- */

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *local_error = NULL;

  if (!secret_password_store_finish (result, &local_error))
    {
      GError *error = NULL;

      set_keyring_error (&error, local_error, g_task_get_cancellable (task));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_site_secrets_normalise:
 * @password: a password as the producer pasted it
 *
 * WordPress shows application passwords in groups ("abcd efgh ijkl …") and
 * ignores the spaces itself; copied from a web page they may also come
 * with non-breaking spaces or a line break. All of them go.
 *
 * Returns: (transfer full): @password without white space; free it with
 *   efir_site_secrets_free_password()
 */
char *
efir_site_secrets_normalise (const char *password)
{
  gsize length;
  char *normalised;
  char *out;

  g_return_val_if_fail (password != NULL, NULL);

  /* Written in place into one allocation: a growing buffer would leave
   * copies of the password behind in freed memory. */
  length = strlen (password);
  normalised = g_malloc (length + 1);
  out = normalised;

  if (g_utf8_validate (password, length, NULL))
    {
      for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
        {
          const char *next = g_utf8_next_char (p);

          if (!g_unichar_isspace (g_utf8_get_char (p)))
            {
              memcpy (out, p, next - p);
              out += next - p;
            }
        }
    }
  else
    {
      for (const char *p = password; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          *out++ = *p;
    }
  *out = '\0';

  return normalised;
}

/**
 * efir_site_secrets_free_password:
 * @password: (nullable): a password from this file
 *
 * Overwrites @password before freeing it.
 */
void
efir_site_secrets_free_password (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}

/**
 * efir_site_secrets_store:
 * @site_url: the site's home address as Efir records it
 * @user: the WordPress user name
 * @password: the application password, spaces and all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps the password in the keyring's default collection, replacing the
 * one kept for @site_url and @user before, and nowhere else: when the
 * keyring cannot take it, the error says so and the password is dropped.
 *
 * Returns: whether the keyring holds the password now
 */
gboolean
efir_site_secrets_store (const char    *site_url,
                         const char    *user,
                         const char    *password,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;
  char *normalised;
  gboolean stored;

  g_return_val_if_fail (site_url != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalised = normalise_for_store (password, error);
  if (normalised == NULL)
    return FALSE;

  attributes = site_attributes (site_url, user);
  label = site_label (site_url, user);
  stored = secret_password_storev_sync (&site_schema, attributes, SECRET_COLLECTION_DEFAULT,
                                        label, normalised, cancellable, &local_error);
  efir_site_secrets_free_password (normalised);

  if (!stored)
    set_keyring_error (error, local_error, cancellable);
  return stored;
}

/**
 * efir_site_secrets_store_async:
 * @site_url: the site's home address as Efir records it
 * @user: the WordPress user name
 * @password: the application password, spaces and all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring has answered
 * @user_data: data for @callback
 *
 * efir_site_secrets_store() for the main thread. @password is copied and
 * may be wiped as soon as this returns.
 */
void
efir_site_secrets_store_async (const char          *site_url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;
  char *normalised;

  g_return_if_fail (site_url != NULL);
  g_return_if_fail (user != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, efir_site_secrets_store_async);

  normalised = normalise_for_store (password, &error);
  if (normalised == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attributes = site_attributes (site_url, user);
  label = site_label (site_url, user);
  /* libsecret copies the attributes, the label and the password before
   * this returns. */
  secret_password_storev (&site_schema, attributes, SECRET_COLLECTION_DEFAULT, label,
                          normalised, cancellable, password_stored_cb,
                          g_steal_pointer (&task));
  efir_site_secrets_free_password (normalised);
}

gboolean
efir_site_secrets_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == efir_site_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * efir_site_secrets_lookup:
 * @site_url: the site's home address as Efir records it
 * @user: the WordPress user name
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The password to sign in to @site_url as @user: EFIR_SITE_PASSWORD when
 * it is set and not empty, which the keyring never sees, else the one in
 * the keyring. Safe to call from any thread.
 *
 * Returns: (transfer full): the password without spaces, to be freed with
 *   efir_site_secrets_free_password(), or %NULL with @error set
 */
char *
efir_site_secrets_lookup (const char    *site_url,
                          const char    *user,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(SecretValue) value = NULL;
  GError *local_error = NULL;
  const char *from_environment;
  char *normalised;

  g_return_val_if_fail (site_url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  from_environment = g_getenv (EFIR_SITE_PASSWORD_ENV);
  if (from_environment != NULL)
    {
      normalised = efir_site_secrets_normalise (from_environment);
      if (*normalised != '\0')
        return normalised;
      efir_site_secrets_free_password (normalised);
    }

  /* A search that loads the secret rather than secret_password_lookup(),
   * which loses the keyring's answer on every password found (libsecret
   * 0.20), and whose items say whether they stayed locked: a lookup whose
   * unlock prompt was dismissed finds nothing, and "sign in again" would be
   * the wrong advice. */
  attributes = site_attributes (site_url, user);
  items = secret_service_search_sync (NULL, &site_schema, attributes,
                                      SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                      cancellable, &local_error);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error, cancellable);
      return NULL;
    }

  if (items != NULL && secret_item_get_locked (items->data))
    {
      set_locked_error (error);
      return NULL;
    }

  value = items != NULL ? secret_item_get_secret (items->data) : NULL;
  if (value == NULL || secret_value_get_text (value) == NULL)
    {
      g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NO_PASSWORD,
                   _("Efir has no password for %s at %s. Sign in to the site again, in "
                     "Efir or with “efir-cli site add --url %s --user %s”; for runs from "
                     "cron, set EFIR_SITE_PASSWORD instead."),
                   user, site_url, site_url, user);
      return NULL;
    }

  return efir_site_secrets_normalise (secret_value_get_text (value));
}

/**
 * efir_site_secrets_clear:
 * @site_url: the site's home address as Efir records it
 * @user: the WordPress user name
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Signs out: removes the password of @user at @site_url from the keyring.
 * Nothing to remove is no error.
 *
 * Returns: whether the keyring holds no password for them now
 */
gboolean
efir_site_secrets_clear (const char    *site_url,
                         const char    *user,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (site_url != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = site_attributes (site_url, user);
  /* FALSE without an error only says there was nothing to remove. */
  if (!secret_password_clearv_sync (&site_schema, attributes, cancellable, &local_error)
      && local_error != NULL)
    {
      set_keyring_error (error, local_error, cancellable);
      return FALSE;
    }

  return TRUE;
}
