/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The passwords of the sites (WordPress application passwords) live only in
 * the Secret Service, under the schema "io.github.efir.Efir.Site" with the
 * attributes "url" (the site's home address as Efir records it) and "user".
 * For runs without a keyring (cron), EFIR_SITE_PASSWORD is read at run time
 * and never stored.
 *
 * Failures are EFIR_WP_ERROR_NO_PASSWORD or EFIR_WP_ERROR_KEYRING with a
 * sentence that says what to do, or G_IO_ERROR_CANCELLED. Nothing here ever
 * keeps a password anywhere but in the keyring.
 */

/* The environment variable that gives the password of a headless run. */
#define EFIR_SITE_PASSWORD_ENV "EFIR_SITE_PASSWORD"

char    *efir_site_secrets_normalise     (const char           *password);
void     efir_site_secrets_free_password (char                 *password);

gboolean efir_site_secrets_store         (const char           *site_url,
                                          const char           *user,
                                          const char           *password,
                                          GCancellable         *cancellable,
                                          GError              **error);
void     efir_site_secrets_store_async   (const char           *site_url,
                                          const char           *user,
                                          const char           *password,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean efir_site_secrets_store_finish  (GAsyncResult         *result,
                                          GError              **error);
char    *efir_site_secrets_lookup        (const char           *site_url,
                                          const char           *user,
                                          GCancellable         *cancellable,
                                          GError              **error);
gboolean efir_site_secrets_clear         (const char           *site_url,
                                          const char           *user,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
