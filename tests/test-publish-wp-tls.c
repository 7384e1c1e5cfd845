/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-wp-tls"

#include "config.h"

#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>

#include "efir-test-util.h"
#include "efir-test-wp-server.h"
#include "efir-wp-client-private.h"

/*
 * The client over https, against a site whose certificate is made for the
 * run. This program alone gets GLib's TLS module: main() shows GIO a
 * folder holding only that module (EFIR_TLS_GIO_MODULE), so no other
 * system plugin is loaded.
 *
 * The program links GnuTLS itself: LeakSanitizer (GCC 12) crashes reading
 * the thread-local storage of a library loaded after start, as GnuTLS and
 * p11-kit are when GIO loads its TLS module.
 */

static char *module_dir;
static char *cert_dir;
static char *cert_file;
static char *key_file;

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  EfirTestWpServer *https;
  EfirTestWpServer *http;
  char             *root;     /* the https site's /wp-json/ */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->https = efir_test_wp_server_new (cert_file, key_file);
  fixture->http = efir_test_wp_server_new (NULL, NULL);
  fixture->root = efir_test_wp_server_get_url (fixture->https, "/wp-json/");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  efir_test_wp_server_free (fixture->https);
  efir_test_wp_server_free (fixture->http);
  g_free (fixture->root);
}

/* A client that trusts the run's certificate. */
static EfirWpClient *
new_trusting_client (const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (cert_file, &error);
  EfirWpClient *client;

  g_assert_no_error (error);
  client = efir_wp_client_new (root, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, &error);
  g_assert_no_error (error);
  efir_wp_client_set_tls_database (client, database);
  return client;
}

/* Tests ------------------------------------------------------------------ */

static void
test_invalid_certificate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpClient) client = NULL;
  g_autoptr(EfirWpUser) user = NULL;
  g_autofree char *site = efir_test_wp_server_get_url (fixture->https, "/");
  g_autofree char *root = NULL;

  client = efir_wp_client_new (fixture->root, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, &error);
  g_assert_no_error (error);
  user = efir_wp_client_verify (client, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(none)");
  g_assert_null (user);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_false (efir_wp_error_is_transient (error));
  g_assert_false (efir_wp_client_last_request_may_have_landed (client));
  g_clear_error (&error);

  root = efir_wp_discover_api_root (site, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TLS);
  g_assert_null (root);

  /* Not one request got through. */
  g_assert_cmpuint (efir_test_wp_server_get_n_requests (fixture->https), ==, 0);
}

static void
test_trusted_certificate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EfirWpClient) client = new_trusting_client (fixture->root);
  g_autoptr(EfirWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = efir_wp_client_verify (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 5);
}

static void
test_redirect_to_http (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EfirWpClient) client = new_trusting_client (fixture->root);
  g_autofree char *target = efir_test_wp_server_get_url (fixture->http, "/wp-json/wp/v2/users/me");
  g_autoptr(EfirWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  efir_test_wp_server_set_fault (fixture->https, EFIR_TEST_WP_FAULT_REDIRECT, 302, NULL, target,
                                 NULL, NULL);
  user = efir_wp_client_verify (client, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(none)");
  g_assert_null (user);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INSECURE);
  g_assert_cmpuint (efir_test_wp_server_get_n_requests (fixture->https), ==, 1);
  g_assert_cmpuint (efir_test_wp_server_get_n_requests (fixture->http), ==, 0);
}

/* Set-up ----------------------------------------------------------------- */

static void
make_certificate (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", NULL, "-out", NULL, NULL
  };

  cert_dir = efir_test_make_dir ("efir-wp-tls");
  key_file = g_build_filename (cert_dir, "key.pem", NULL);
  cert_file = g_build_filename (cert_dir, "cert.pem", NULL);
  argv[15] = key_file;
  argv[17] = cert_file;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_printerr ("%s", err);
  g_assert_no_error (error);
}

/* Before GIO looks for modules: only the TLS one. */
static void
show_only_tls_module (void)
{
  const char *module = g_getenv ("EFIR_TLS_GIO_MODULE");
  g_autofree char *link = NULL;

  if (module == NULL || !g_file_test (module, G_FILE_TEST_EXISTS))
    return;

  module_dir = efir_test_make_dir ("efir-gio-tls");
  link = g_build_filename (module_dir, "libgiognutls.so", NULL);
  g_assert_cmpint (symlink (module, link), ==, 0);
  g_setenv ("GIO_MODULE_DIR", module_dir, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  show_only_tls_module ();
  g_test_init (&argc, &argv, NULL);

  /* This is glib-networking's test: without it the client's failing
   * closed is tested by test-publish-wp-client. */
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    g_error ("GLib's TLS module is missing: install glib-networking");

  g_test_message ("GnuTLS %s", gnutls_check_version (NULL));
  make_certificate ();

#define ADD(path, func) \
  g_test_add ("/publish/wp-tls/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("invalid-certificate", test_invalid_certificate);
  ADD ("trusted-certificate", test_trusted_certificate);
  ADD ("redirect-to-http", test_redirect_to_http);

#undef ADD

  status = g_test_run ();

  efir_test_remove_tree (cert_dir);
  if (module_dir != NULL)
    efir_test_remove_tree (module_dir);
  g_free (cert_dir);
  g_free (cert_file);
  g_free (key_file);
  g_free (module_dir);
  return status;
}
