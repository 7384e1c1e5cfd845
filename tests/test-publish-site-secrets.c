/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-site-secrets"

#include "config.h"

#include <string.h>

#include "efir-site-secrets.h"
#include "efir-test-util.h"
#include "efir-wp-error.h"

/* Helpers ---------------------------------------------------------------- */

/* The keyring tests run only inside build-aux/test-session, which starts a
 * keyring of its own in throwaway folders: never against the keyring of
 * whoever runs the tests. */
static gboolean
in_test_session (void)
{
  if (g_getenv ("EFIR_TEST_SESSION") != NULL)
    return TRUE;

  g_test_skip ("needs the private keyring of build-aux/test-session");
  return FALSE;
}

static void
assert_password (const char *site_url,
                 const char *user,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  char *password = efir_site_secrets_lookup (site_url, user, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, expected);
  efir_site_secrets_free_password (password);
}

static void
assert_no_password (const char *site_url,
                    const char *user)
{
  g_autoptr(GError) error = NULL;
  char *password = efir_site_secrets_lookup (site_url, user, NULL, &error);

  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NO_PASSWORD);
  g_assert_null (password);
  /* The sentence says how to sign in again, in a terminal or for cron. */
  g_assert_nonnull (strstr (error->message, "efir-cli site add"));
  g_assert_nonnull (strstr (error->message, site_url));
  g_assert_nonnull (strstr (error->message, "EFIR_SITE_PASSWORD"));
}

static void
store (const char *site_url,
       const char *user,
       const char *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (efir_site_secrets_store (site_url, user, password, NULL, &error));
  g_assert_no_error (error);
}

static void
clear (const char *site_url,
       const char *user)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (efir_site_secrets_clear (site_url, user, NULL, &error));
  g_assert_no_error (error);
}

/* Tests ------------------------------------------------------------------ */

static void
test_normalise (void)
{
  struct
  {
    const char *pasted;
    const char *normalised;
  } cases[] = {
    { "abcd efgh ijkl mnop qrst uvwx", "abcdefghijklmnopqrstuvwx" },
    /* Copied from the profile page: non-breaking spaces, a line break. */
    { " abcd\u00a0efgh ijkl\nmnop qrst uvwx\n", "abcdefghijklmnopqrstuvwx" },
    { "Ab12Cd34Ef56Gh78Ij90Kl12", "Ab12Cd34Ef56Gh78Ij90Kl12" },
    { "şifrə Пароль", "şifrəПароль" },
    { " \t ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *normalised = efir_site_secrets_normalise (cases[i].pasted);

      g_assert_cmpstr (normalised, ==, cases[i].normalised);
      efir_site_secrets_free_password (normalised);
    }
}

static void
test_store_lookup (void)
{
  const char *site = "https://cetin-sual.example/store-lookup";

  if (!in_test_session ())
    return;

  store (site, "aysel", "abcd efgh ijkl mnop qrst uvwx");
  assert_password (site, "aysel", "abcdefghijklmnopqrstuvwx");

  /* Signing in again replaces the password. */
  store (site, "aysel", "ABCD EFGH IJKL MNOP QRST UVWX");
  assert_password (site, "aysel", "ABCDEFGHIJKLMNOPQRSTUVWX");

  clear (site, "aysel");
}

static void
test_sites_apart (void)
{
  const char *site = "https://cetin-sual.example/apart";
  const char *other_site = "https://cetin-sual.example/apart/ru";

  if (!in_test_session ())
    return;

  store (site, "aysel", "aaaa aaaa aaaa aaaa aaaa aaaa");
  store (site, "rashad", "bbbb bbbb bbbb bbbb bbbb bbbb");
  store (other_site, "aysel", "cccc cccc cccc cccc cccc cccc");

  assert_password (site, "aysel", "aaaaaaaaaaaaaaaaaaaaaaaa");
  assert_password (site, "rashad", "bbbbbbbbbbbbbbbbbbbbbbbb");
  assert_password (other_site, "aysel", "cccccccccccccccccccccccc");
  assert_no_password (other_site, "rashad");

  /* Signing out of one site leaves the others signed in. */
  clear (site, "aysel");
  assert_no_password (site, "aysel");
  assert_password (site, "rashad", "bbbbbbbbbbbbbbbbbbbbbbbb");
  assert_password (other_site, "aysel", "cccccccccccccccccccccccc");

  clear (site, "rashad");
  clear (other_site, "aysel");
}

static void
test_clear (void)
{
  const char *site = "https://cetin-sual.example/clear";

  if (!in_test_session ())
    return;

  store (site, "aysel", "abcd efgh ijkl mnop qrst uvwx");
  clear (site, "aysel");
  assert_no_password (site, "aysel");

  /* Signing out twice is no error. */
  clear (site, "aysel");
}

static void
test_environment (void)
{
  const char *site = "https://cetin-sual.example/environment";
  const char *other_site = "https://cetin-sual.example/environment-cron";

  if (!in_test_session ())
    return;

  store (site, "aysel", "kept kept kept kept kept kept");

  g_setenv (EFIR_SITE_PASSWORD_ENV, "from from cron cron cron cron", TRUE);
  assert_password (site, "aysel", "fromfromcroncroncroncron");
  assert_password (other_site, "aysel", "fromfromcroncroncroncron");

  /* An empty variable is no password. */
  g_setenv (EFIR_SITE_PASSWORD_ENV, " ", TRUE);
  assert_password (site, "aysel", "keptkeptkeptkeptkeptkept");
  assert_no_password (other_site, "aysel");

  /* The variable was read, never stored. */
  g_unsetenv (EFIR_SITE_PASSWORD_ENV);
  assert_password (site, "aysel", "keptkeptkeptkeptkeptkept");
  assert_no_password (other_site, "aysel");

  clear (site, "aysel");
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_store_async (void)
{
  const char *site = "https://cetin-sual.example/async";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  efir_site_secrets_store_async (site, "aysel", "asyn casy ncas ynca sync asyn", NULL,
                                 password_stored_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (efir_site_secrets_store_finish (result, &error));
  g_assert_no_error (error);
  assert_password (site, "aysel", "asyncasyncasyncasyncasyn");

  /* An empty password never reaches the keyring. */
  g_clear_object (&result);
  efir_site_secrets_store_async (site, "aysel", "   ", NULL, password_stored_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (efir_site_secrets_store_finish (result, &error));
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID);
  assert_password (site, "aysel", "asyncasyncasyncasyncasyn");

  clear (site, "aysel");
}

static void
test_empty_password (void)
{
  const char *site = "https://cetin-sual.example/empty";
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  g_assert_false (efir_site_secrets_store (site, "aysel", " \n", NULL, &error));
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID);
  assert_no_password (site, "aysel");
}

static void
test_cancelled (void)
{
  const char *site = "https://cetin-sual.example/cancelled";
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  g_cancellable_cancel (cancellable);
  g_assert_false (efir_site_secrets_store (site, "aysel", "abcd efgh", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_no_password (site, "aysel");
}

static void
test_not_in_files (void)
{
  const char *site = "https://cetin-sual.example/files";
  const char *password = "Zq7W Xe3R Ty9U Io1P As5D Fg2H";
  const char *normalised = "Zq7WXe3RTy9UIo1PAs5DFg2H";
  g_autofree char *keyrings = NULL;

  if (!in_test_session ())
    return;

  store (site, "aysel", password);
  assert_password (site, "aysel", normalised);

  /* gnome-keyring keeps its keyrings, encrypted, under XDG_DATA_HOME; the
   * password is in plain text in none of them, nor in any other file. */
  keyrings = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
  g_assert_cmpuint (efir_test_assert_secret_not_in_files (keyrings, normalised), >, 0);
  efir_test_assert_secret_not_in_files (g_get_user_data_dir (), normalised);
  efir_test_assert_secret_not_in_files (g_get_user_data_dir (), "Zq7W Xe3R");
  efir_test_assert_secret_not_in_files (g_get_user_config_dir (), normalised);
  efir_test_assert_secret_not_in_files (g_get_user_config_dir (), "Zq7W Xe3R");
  efir_test_assert_secret_not_in_files (g_get_user_cache_dir (), normalised);

  clear (site, "aysel");
}

static void
test_no_keyring (void)
{
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* A session bus nobody listens on: no Secret Service to ask. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/efir-test-bus", TRUE);
  g_unsetenv (EFIR_SITE_PASSWORD_ENV);

  g_assert_false (efir_site_secrets_store ("https://cetin-sual.example/none", "aysel",
                                           "abcd efgh ijkl mnop qrst uvwx", NULL, &error));
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_nonnull (strstr (error->message, "EFIR_SITE_PASSWORD"));
  g_clear_error (&error);

  g_assert_null (efir_site_secrets_lookup ("https://cetin-sual.example/none", "aysel",
                                           NULL, &error));
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "EFIR_SITE_PASSWORD"));
  g_clear_error (&error);

  g_assert_false (efir_site_secrets_clear ("https://cetin-sual.example/none", "aysel",
                                           NULL, &error));
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING);
  g_clear_error (&error);

  /* A cron run without a keyring still has its password. */
  g_setenv (EFIR_SITE_PASSWORD_ENV, "abcd efgh", TRUE);
  assert_password ("https://cetin-sual.example/none", "aysel", "abcdefgh");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Whatever the shell running the tests has set, no test starts with it. */
  g_unsetenv (EFIR_SITE_PASSWORD_ENV);

  g_test_add_func ("/publish/site-secrets/normalise", test_normalise);
  g_test_add_func ("/publish/site-secrets/store-lookup", test_store_lookup);
  g_test_add_func ("/publish/site-secrets/sites-apart", test_sites_apart);
  g_test_add_func ("/publish/site-secrets/clear", test_clear);
  g_test_add_func ("/publish/site-secrets/environment", test_environment);
  g_test_add_func ("/publish/site-secrets/store-async", test_store_async);
  g_test_add_func ("/publish/site-secrets/empty-password", test_empty_password);
  g_test_add_func ("/publish/site-secrets/cancelled", test_cancelled);
  g_test_add_func ("/publish/site-secrets/not-in-files", test_not_in_files);
  g_test_add_func ("/publish/site-secrets/no-keyring", test_no_keyring);

  return g_test_run ();
}
