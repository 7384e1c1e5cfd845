/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-sites"

#include "config.h"

#include <string.h>

#include "efir-preferences-window.h"
#include "efir-program-settings.h"
#include "efir-resources.h"
#include "efir-site-dialog.h"
#include "efir-site-secrets.h"
#include "efir-test-util.h"
#include "efir-test-wp-server.h"
#include "efir-ui-test-util.h"
#include "efir-wp-error.h"
#include "efir-wp-test-util.h"

/* Preferences → Sites and the programme's default site, driven through
 * the real widgets against a real WordPress on loopback, with the private
 * keyring of build-aux/test-session. */

typedef struct
{
  char          *dir;
  char          *db_path;
  EfirStore     *store;
  GtkWidget     *window;    /* weak */
} Fixture;

static EfirTestWordPress *wp;
static GString *captured_log;
static GLogFunc test_log_handler;

/* Helpers ---------------------------------------------------------------- */

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].value != NULL)
        {
          if (fields[i].length < 0)
            g_string_append (captured_log, fields[i].value);
          else
            g_string_append_len (captured_log, fields[i].value, fields[i].length);
          g_string_append_c (captured_log, '\n');
        }
    }

  /* Every message is kept, the debug ones too; the others are shown. */
  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* GLib's g_log() messages, which the test harness's handler would print. */
static void
capture_log_handler (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  g_string_append_printf (captured_log, "%s: %s\n", log_domain != NULL ? log_domain : "",
                          message);

  if (!(log_level & G_LOG_LEVEL_DEBUG))
    test_log_handler (log_domain, log_level, message, user_data);
}

static gboolean
in_test_session (void)
{
  if (g_getenv ("EFIR_TEST_SESSION") != NULL)
    return TRUE;

  g_test_skip ("needs the private keyring of build-aux/test-session");
  return FALSE;
}

static EfirTestWordPress *
wordpress (void)
{
  g_autoptr(GError) error = NULL;

  if (wp == NULL)
    {
      wp = efir_test_wordpress_start (FALSE, &error);
      g_assert_no_error (error);
    }

  return wp;
}

/* Sign-ins reach a WordPress served by PHP on a busy machine: they get a
 * minute. */
static gboolean
wait_long (gboolean (*condition) (gpointer data),
           gpointer   data)
{
  for (guint i = 0; i < 6; i++)
    {
      if (efir_ui_test_wait_for (condition, data))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
child (GtkWidget  *window,
       const char *id)
{
  GtkWidget *found = efir_ui_test_find_by_id (window, id);

  g_assert_nonnull (found);
  return found;
}

static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type)
          && (parent == NULL || gtk_window_get_transient_for (l->data) == parent)
          && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

/* A click, without the quarter of a second a key press on a button takes. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
show_preferences (Fixture *f)
{
  f->window = efir_preferences_window_new (NULL, f->store, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
}

static GtkWidget *
open_site_dialog (Fixture *f)
{
  GtkWindow *dialog;

  show_preferences (f);
  g_assert_true (gtk_widget_activate_action (f->window, "sites.add", NULL));
  efir_ui_test_iterate_until_idle ();
  dialog = find_toplevel (EFIR_TYPE_SITE_DIALOG, GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);

  return GTK_WIDGET (dialog);
}

static gboolean
dialog_settled_cb (gpointer data)
{
  GtkStack *stack = GTK_STACK (efir_ui_test_find_by_id (data, "stack"));

  return !g_str_equal (gtk_stack_get_visible_child_name (stack), "verifying");
}

/* Types into the dialog as the producer does, signs in, and waits until
 * the dialog says how it went. */
static void
sign_in (GtkWidget  *dialog,
         const char *address,
         const char *user,
         const char *password)
{
  GtkStack *stack = GTK_STACK (child (dialog, "stack"));

  if (address != NULL)
    gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), address);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (child (dialog, "user_row")), user);
  efir_ui_test_type_into (child (dialog, "password_row"), password);
  efir_ui_test_iterate_until_idle ();

  g_assert_true (gtk_widget_activate_action (dialog, "site.sign-in", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "verifying");
  g_assert_true (wait_long (dialog_settled_cb, dialog));
  efir_ui_test_iterate_until_idle ();
}

static const char *
dialog_error (GtkWidget *dialog)
{
  GtkWidget *label = child (dialog, "error_label");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==,
                   "form");
  g_assert_true (gtk_widget_get_mapped (label));

  return gtk_label_get_label (GTK_LABEL (label));
}

static char *
display_name (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *php = g_strdup_printf ("echo get_user_by ('login', '%s')->display_name;", login);
  char *name = efir_test_wordpress_eval (wordpress (), php, &error);

  g_assert_no_error (error);
  return name;
}

static char *
lookup_password (const char *user)
{
  g_autoptr(GError) error = NULL;
  char *password = efir_site_secrets_lookup (wordpress ()->url, user, NULL, &error);

  if (g_error_matches (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NO_PASSWORD))
    return NULL;
  g_assert_no_error (error);
  return password;
}

static guint
n_sites (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = efir_store_list_sites (f->store, &error);

  g_assert_no_error (error);
  return sites->len;
}

static void
assert_label_shown (GtkWidget  *widget,
                    const char *text)
{
  /* Sign-ins get a minute, as in wait_long(). */
  for (guint i = 0; i < 6; i++)
    {
      if (efir_ui_test_wait_for_label (widget, text))
        return;
    }
  g_error ("“%s” was not shown", text);
}

static gint64
add_site_directly (Fixture    *f,
                   const char *user,
                   const char *password)
{
  g_autoptr(EfirPublisher) publisher = efir_publisher_new (f->store);
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;

  site = efir_publisher_add_site (publisher, wordpress ()->url, user, password, NULL, NULL, &error);
  g_assert_no_error (error);

  return site->id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = efir_test_make_dir ("efir-ui-sites");
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
}

static gboolean
window_gone_cb (gpointer data)
{
  Fixture *f = data;

  return f->window == NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  /* A look at the keyring or the site still running holds the window
   * until it ends, cancelled. */
  g_assert_true (wait_long (window_gone_cb, f));

  /* Every test starts signed out of the site. */
  if (wp != NULL && g_getenv ("EFIR_TEST_SESSION") != NULL)
    {
      const char *users[] = { wp->admin_user, wp->author_user, wp->contributor_user };

      for (guint i = 0; i < G_N_ELEMENTS (users); i++)
        efir_site_secrets_clear (wp->url, users[i], NULL, NULL);
    }

  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* Tests ------------------------------------------------------------------ */

static void
test_add_site (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *password = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *dialog;

  if (!in_test_session ())
    return;

  dialog = open_site_dialog (f);
  /* The link to where an application password is made follows the address. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), wordpress ()->url);
  g_assert_true (g_str_has_suffix (gtk_link_button_get_uri (GTK_LINK_BUTTON (child (dialog, "password_link"))),
                                   "/wp-admin/profile.php#application-passwords-section"));
  g_assert_true (g_str_has_prefix (gtk_link_button_get_uri (GTK_LINK_BUTTON (child (dialog, "password_link"))),
                                   wordpress ()->url));

  sign_in (dialog, NULL, wordpress ()->author_user, wordpress ()->author_password);

  name = display_name (wordpress ()->author_user);
  summary = g_strdup_printf ("Signed in as %s · can publish", name);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==,
                   "done");
  g_assert_true (efir_ui_test_has_mapped_label (dialog, summary));
  g_assert_cmpuint (n_sites (f), ==, 1);

  /* The password is in the keyring, without the spaces WordPress shows. */
  password = efir_site_secrets_normalise (wordpress ()->author_password);
  stored = lookup_password (wordpress ()->author_user);
  g_assert_cmpstr (stored, ==, password);

  /* The list says so too. */
  gtk_widget_activate_action (dialog, "window.close", NULL);
  efir_ui_test_iterate_until_idle ();
  assert_label_shown (f->window, summary);
}

static void
test_add_contributor (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *dialog;

  if (!in_test_session ())
    return;

  dialog = open_site_dialog (f);
  sign_in (dialog, wordpress ()->url, wordpress ()->contributor_user,
           wordpress ()->contributor_password);

  name = display_name (wordpress ()->contributor_user);
  summary = g_strdup_printf ("Signed in as %s · can submit for review", name);
  g_assert_true (efir_ui_test_has_mapped_label (dialog, summary));
  /* The publisher's note says what "Publish" will do for this account. */
  g_assert_true (efir_ui_test_has_mapped_label (dialog, "This account may not publish on the site: "
                                                        "Efir will submit episodes for review "
                                                        "instead, and an editor of the site "
                                                        "publishes them."));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *dialog;

  if (!in_test_session ())
    return;

  dialog = open_site_dialog (f);
  sign_in (dialog, wordpress ()->url, wordpress ()->author_user, "abcd efgh ijkl mnop qrst uvwx");

  g_assert_cmpstr (dialog_error (dialog), ==,
                   "The site did not accept this user name and application password. Check both, "
                   "or make a new application password on the site.");
  g_assert_true (gtk_widget_has_css_class (child (dialog, "password_row"), "error"));
  g_assert_cmpuint (n_sites (f), ==, 0);
  g_assert_null (lookup_password (wordpress ()->author_user));

  /* Mending the password takes the sentence away. */
  efir_ui_test_type_into (child (dialog, "password_row"), "x");
  g_assert_false (gtk_widget_get_visible (child (dialog, "error_label")));
}

static void
test_http_address (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  dialog = open_site_dialog (f);
  sign_in (dialog, "http://cetinsual.example/", "aysel", "abcd efgh ijkl mnop qrst uvwx");

  g_assert_cmpstr (dialog_error (dialog), ==,
                   "cetinsual.example is an http address: the password would travel unprotected. "
                   "Give the site’s https address.");
  g_assert_true (gtk_widget_has_css_class (child (dialog, "address_row"), "error"));
  g_assert_cmpuint (n_sites (f), ==, 0);
}

static void
test_no_rest_api (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EfirTestWpServer) server = efir_test_wp_server_new (NULL, NULL);
  g_autofree char *url = efir_test_wp_server_get_url (server, "/static/");
  GtkWidget *dialog;

  dialog = open_site_dialog (f);
  sign_in (dialog, url, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD);

  g_assert_cmpstr (dialog_error (dialog), ==,
                   "No WordPress site answers at 127.0.0.1, or its REST API is switched off. "
                   "Check the address; if it is right, ask the site’s administrator to switch "
                   "the REST API on.");
  g_assert_cmpuint (n_sites (f), ==, 0);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GtkWidget *dialog;
  guint16 port;

  /* A port that was just free and is closed again: nothing answers there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  dialog = open_site_dialog (f);
  sign_in (dialog, url, "aysel", "abcd efgh ijkl mnop qrst uvwx");

  g_assert_cmpstr (dialog_error (dialog), ==,
                   "Efir could not reach 127.0.0.1. Check the address and the internet "
                   "connection, then try again.");
  g_assert_cmpuint (n_sites (f), ==, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(EfirTestWpServer) server = efir_test_wp_server_new (NULL, NULL);
  g_autofree char *url = efir_test_wp_server_get_url (server, "/");
  GtkWidget *dialog;
  GtkStack *stack;

  /* The site holds its answer: Cancel gives the form back at once. */
  efir_test_wp_server_set_fault (server, EFIR_TEST_WP_FAULT_PAUSE, 0, NULL, NULL, NULL, NULL);
  dialog = open_site_dialog (f);
  stack = GTK_STACK (child (dialog, "stack"));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), url);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "user_row")), EFIR_TEST_WP_USER);
  efir_ui_test_type_into (child (dialog, "password_row"), EFIR_TEST_WP_PASSWORD);
  g_assert_true (gtk_widget_activate_action (dialog, "site.sign-in", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "verifying");

  g_assert_true (gtk_widget_activate_action (dialog, "site.cancel", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  g_assert_true (gtk_widget_get_visible (dialog));
  efir_test_wp_server_release (server);
  efir_test_wp_server_set_fault (server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  efir_ui_test_iterate_until_idle ();
  g_assert_false (gtk_widget_get_visible (child (dialog, "error_label")));
}

static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *password = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *sign_out;

  if (!in_test_session ())
    return;

  add_site_directly (f, wordpress ()->author_user, wordpress ()->author_password);
  show_preferences (f);
  name = display_name (wordpress ()->author_user);
  summary = g_strdup_printf ("Signed in as %s · can publish", name);
  assert_label_shown (f->window, summary);

  sign_out = efir_ui_test_list_row_part (f->window, "site_list", 0, "sign-out-button");
  g_assert_true (gtk_widget_get_visible (sign_out));
  click (sign_out);
  efir_ui_test_iterate_until_idle ();

  /* The password left the keyring; the site stays, to sign in to again. */
  password = lookup_password (wordpress ()->author_user);
  g_assert_null (password);
  g_assert_cmpuint (n_sites (f), ==, 1);
  assert_label_shown (f->window, "Signed out");
  sign_out = efir_ui_test_list_row_part (f->window, "site_list", 0, "sign-out-button");
  g_assert_false (gtk_widget_get_visible (sign_out));

  /* A site signed out of can still be removed. */
  click (efir_ui_test_list_row_part (f->window, "site_list", 0, "remove-button"));
  efir_ui_test_iterate_until_idle ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                                  GTK_WINDOW (f->window))),
                               "remove");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (n_sites (f), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (f->window, "keyring_label")));
}

static void
test_sign_in_again (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *dialog;

  if (!in_test_session ())
    return;

  add_site_directly (f, wordpress ()->author_user, wordpress ()->author_password);
  efir_site_secrets_clear (wordpress ()->url, wordpress ()->author_user, NULL, NULL);
  show_preferences (f);
  assert_label_shown (f->window, "Signed out");

  click (efir_ui_test_list_row_part (f->window, "site_list", 0, "sign-in-button"));
  efir_ui_test_iterate_until_idle ();
  dialog = GTK_WIDGET (find_toplevel (EFIR_TYPE_SITE_DIALOG, GTK_WINDOW (f->window)));
  g_assert_nonnull (dialog);
  /* The site and the account are there already; only the password is asked. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "user_row"))), ==,
                   wordpress ()->author_user);
  sign_in (dialog, NULL, NULL, wordpress ()->author_password);

  name = display_name (wordpress ()->author_user);
  summary = g_strdup_printf ("Signed in as %s · can publish", name);
  g_assert_true (efir_ui_test_has_mapped_label (dialog, summary));
  g_assert_cmpuint (n_sites (f), ==, 1);
  stored = lookup_password (wordpress ()->author_user);
  g_assert_nonnull (stored);
  gtk_window_close (GTK_WINDOW (dialog));
  efir_ui_test_iterate_until_idle ();
  assert_label_shown (f->window, summary);
}

/* Signed in again as another account, the site stays one entry, with
 * its publications; the account given up keeps no password here. */
static void
test_sign_in_again_as_other (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *given_up = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *dialog;
  gint64 site_id;

  if (!in_test_session ())
    return;

  site_id = add_site_directly (f, wordpress ()->author_user, wordpress ()->author_password);
  show_preferences (f);

  click (efir_ui_test_list_row_part (f->window, "site_list", 0, "sign-in-button"));
  efir_ui_test_iterate_until_idle ();
  dialog = GTK_WIDGET (find_toplevel (EFIR_TYPE_SITE_DIALOG, GTK_WINDOW (f->window)));
  g_assert_nonnull (dialog);
  /* The site is the one it was. */
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (child (dialog, "address_row"))));
  sign_in (dialog, NULL, wordpress ()->admin_user, wordpress ()->admin_password);

  name = display_name (wordpress ()->admin_user);
  summary = g_strdup_printf ("Signed in as %s · can publish", name);
  g_assert_true (efir_ui_test_has_mapped_label (dialog, summary));
  gtk_window_close (GTK_WINDOW (dialog));
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_sites (f), ==, 1);
  site = efir_store_get_site (f->store, site_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (site->user, ==, wordpress ()->admin_user);
  given_up = lookup_password (wordpress ()->author_user);
  g_assert_null (given_up);
  stored = lookup_password (wordpress ()->admin_user);
  g_assert_nonnull (stored);
  assert_label_shown (f->window, summary);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *password = NULL;
  AdwMessageDialog *confirm;

  if (!in_test_session ())
    return;

  add_site_directly (f, wordpress ()->author_user, wordpress ()->author_password);
  show_preferences (f);

  click (efir_ui_test_list_row_part (f->window, "site_list", 0, "remove-button"));
  efir_ui_test_iterate_until_idle ();
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (f->window)));
  g_assert_nonnull (confirm);

  /* Asked first: nothing goes on Cancel. */
  adw_message_dialog_response (confirm, "cancel");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (n_sites (f), ==, 1);

  click (efir_ui_test_list_row_part (f->window, "site_list", 0, "remove-button"));
  efir_ui_test_iterate_until_idle ();
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (f->window)));
  adw_message_dialog_response (confirm, "remove");
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_sites (f), ==, 0);
  password = lookup_password (wordpress ()->author_user);
  g_assert_null (password);
  g_assert_null (efir_ui_test_list_row (f->window, "site_list", 0));
}

static void
test_password_only_in_keyring (Fixture       *f,
                               gconstpointer  data)
{
  const char *typed = wordpress ()->admin_password;
  g_autofree char *compact = efir_site_secrets_normalise (typed);
  g_autofree char *first_group = g_strndup (typed, 9);
  g_autofree char *stored = NULL;
  GtkWidget *dialog;

  if (!in_test_session ())
    return;

  dialog = open_site_dialog (f);
  sign_in (dialog, wordpress ()->url, wordpress ()->admin_user, typed);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==,
                   "done");

  /* In the keyring… */
  stored = lookup_password (wordpress ()->admin_user);
  g_assert_cmpstr (stored, ==, compact);

  /* …and nowhere else: not in the archive (nor its journal), not under the
   * settings, data or cache folders (the keyrings there are encrypted; the
   * tests' GSettings are in memory, so a keyfile backend's file would be
   * under the settings folder), not in anything Efir logged, debug messages
   * included; the dialog let go of it once it was kept. */
  g_clear_object (&f->store);
  g_assert_cmpuint (efir_test_assert_secret_not_in_files (f->dir, compact), >, 0);
  efir_test_assert_secret_not_in_files (f->dir, first_group);
  efir_test_assert_secret_not_in_files (g_get_user_config_dir (), compact);
  efir_test_assert_secret_not_in_files (g_get_user_data_dir (), compact);
  efir_test_assert_secret_not_in_files (g_get_user_data_dir (), first_group);
  efir_test_assert_secret_not_in_files (g_get_user_cache_dir (), compact);
  g_assert_cmpuint (captured_log->len, >, 0);
  g_assert_null (strstr (captured_log->str, compact));
  g_assert_null (strstr (captured_log->str, first_group));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "password_row"))), ==, "");
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EfirTestWpServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *sentence = "Efir keeps site passwords only in the keyring, and the keyring is "
                         "missing or locked. Install and unlock GNOME Keyring (the "
                         "“gnome-keyring” package), then sign in again.";
  EfirSite site = { 0 };
  GtkWidget *dialog;

  /* The child runs with a session bus nobody listens on: no Secret
   * Service (see main ()). */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  server = efir_test_wp_server_new (NULL, NULL);
  url = efir_test_wp_server_get_url (server, "/");

  /* The account is right, but there is nowhere to keep its password: the
   * dialog says what to do, and the site is not kept without it. */
  dialog = open_site_dialog (f);
  sign_in (dialog, url, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD);
  g_assert_cmpstr (dialog_error (dialog), ==, sentence);
  g_assert_cmpuint (n_sites (f), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (wait_long (window_gone_cb, f));

  /* A site signed in to before: the page says the keyring cannot be read,
   * and how to mend it. */
  site.url = url;
  site.api_root = url;
  site.user = (char *) EFIR_TEST_WP_USER;
  site.user_name = (char *) "Aysel";
  efir_store_add_site (f->store, &site, &error);
  g_assert_no_error (error);
  show_preferences (f);
  assert_label_shown (f->window, "The keyring cannot be read");
  g_assert_true (efir_ui_test_has_mapped_label (f->window, sentence));
}

static void
test_keyring_sentence (void)
{
  g_autoptr(GError) error = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING,
                                                 "The keyring is locked.");
  g_autofree char *sentence = efir_site_dialog_error_sentence (error, "cetinsual.az");

  /* Says what is wrong and how to mend it, and offers no other place for
   * the password. */
  g_assert_nonnull (strstr (sentence, "keyring is missing or locked"));
  g_assert_nonnull (strstr (sentence, "Install and unlock GNOME Keyring"));
  g_assert_null (strstr (sentence, "EFIR_SITE_PASSWORD"));
}

typedef struct
{
  AdwComboRow *row;
  const char  *text;
} ComboWait;

static guint
combo_position (AdwComboRow *row,
                const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
combo_offers_cb (gpointer data)
{
  ComboWait *wait = data;

  return combo_position (wait->row, wait->text) != GTK_INVALID_LIST_POSITION;
}

static const char *
combo_selected (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
test_program_default_site (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *category = NULL;
  AdwComboRow *site_row;
  AdwComboRow *category_row;
  ComboWait wait;
  gint64 site_id;
  gint64 saved_site = -1;

  if (!in_test_session ())
    return;

  output = efir_test_wordpress_eval (wordpress (),
                                     "if (!term_exists ('Siyasət', 'category')) "
                                     "  wp_insert_term ('Siyasət', 'category');", &error);
  g_assert_no_error (error);
  site_id = add_site_directly (f, wordpress ()->author_user, wordpress ()->author_password);
  g_assert_true (efir_store_save_program (f->store, program, &error));
  g_assert_no_error (error);

  f->window = efir_program_settings_new (NULL, f->store, program);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();

  /* None at first; the site's categories come once a site is chosen. */
  site_row = ADW_COMBO_ROW (child (f->window, "site_row"));
  category_row = ADW_COMBO_ROW (child (f->window, "category_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (site_row), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (category_row)));
  adw_combo_row_set_selected (site_row, combo_position (site_row, wordpress ()->url));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (category_row)));

  wait = (ComboWait) { category_row, "Siyasət" };
  g_assert_true (wait_long (combo_offers_cb, &wait));
  adw_combo_row_set_selected (category_row, combo_position (category_row, "Siyasət"));
  efir_ui_test_iterate_until_idle ();

  g_assert_true (efir_store_get_program_site (f->store, efir_program_get_id (program), &saved_site,
                                              &category, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved_site, ==, site_id);
  g_assert_cmpstr (category, ==, "Siyasət");

  /* A category the site does not have yet. */
  adw_combo_row_set_selected (category_row, combo_position (category_row, "New Category…"));
  g_assert_true (gtk_widget_get_visible (child (f->window, "new_category_row")));
  efir_ui_test_type_into (child (f->window, "new_category_row"), "Müsahibə");
  g_signal_emit_by_name (child (f->window, "new_category_row"), "entry-activated");
  efir_ui_test_iterate_until_idle ();
  g_assert_false (gtk_widget_get_visible (child (f->window, "new_category_row")));
  g_assert_cmpstr (combo_selected (category_row), ==, "Müsahibə");
  g_clear_pointer (&category, g_free);
  g_assert_true (efir_store_get_program_site (f->store, efir_program_get_id (program), &saved_site,
                                              &category, &error));
  g_assert_cmpstr (category, ==, "Müsahibə");

  /* Shown again the next time. */
  gtk_window_close (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
  g_assert_null (f->window);
  f->window = efir_program_settings_new (NULL, f->store, program);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
  site_row = ADW_COMBO_ROW (child (f->window, "site_row"));
  category_row = ADW_COMBO_ROW (child (f->window, "category_row"));
  g_assert_cmpstr (combo_selected (site_row), ==, wordpress ()->url);
  g_assert_cmpstr (combo_selected (category_row), ==, "Müsahibə");
  /* Once the site's own arrive, they are offered beside it. */
  wait = (ComboWait) { category_row, "Siyasət" };
  g_assert_true (wait_long (combo_offers_cb, &wait));
  g_assert_cmpstr (combo_selected (category_row), ==, "Müsahibə");

  /* "None" takes the default away. */
  adw_combo_row_set_selected (site_row, 0);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (efir_store_get_program_site (f->store, efir_program_get_id (program), &saved_site,
                                              NULL, &error));
  g_assert_cmpint (saved_site, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every message Efir logs is kept, to look for the password in. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  test_log_handler = g_log_set_default_handler (capture_log_handler, NULL);
  /* /ui/sites/no-keyring's child: a session bus nobody listens on. */
  if (g_test_subprocess ())
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/efir-test-bus", TRUE);
  gtk_init ();
  adw_init ();
  efir_register_resource ();
  g_unsetenv (EFIR_SITE_PASSWORD_ENV);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/sites/add", test_add_site);
  ADD ("/ui/sites/add-contributor", test_add_contributor);
  ADD ("/ui/sites/wrong-password", test_wrong_password);
  ADD ("/ui/sites/http-address", test_http_address);
  ADD ("/ui/sites/no-rest-api", test_no_rest_api);
  ADD ("/ui/sites/unreachable", test_unreachable);
  ADD ("/ui/sites/cancel", test_cancel);
  ADD ("/ui/sites/sign-out", test_sign_out);
  ADD ("/ui/sites/sign-in-again", test_sign_in_again);
  ADD ("/ui/sites/sign-in-again-as-other", test_sign_in_again_as_other);
  ADD ("/ui/sites/remove", test_remove);
  ADD ("/ui/sites/password-only-in-keyring", test_password_only_in_keyring);
  ADD ("/ui/sites/program-default-site", test_program_default_site);
  ADD ("/ui/sites/no-keyring", test_no_keyring);
  g_test_add_func ("/ui/sites/keyring-sentence", test_keyring_sentence);

#undef ADD

  status = g_test_run ();
  if (wp != NULL)
    efir_test_wordpress_stop (wp);
  g_string_free (captured_log, TRUE);

  return status;
}
