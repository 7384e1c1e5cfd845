/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-links"

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "efir-link-checker.h"
#include "efir-resources.h"
#include "efir-social-links-section.h"
#include "efir-ui-test-util.h"

/* Types ------------------------------------------------------------------ */

/* The Links section in a window, and a site on loopback that every check
 * reaches whatever host its link names: nothing leaves the machine. */
typedef struct
{
  GtkWindow       *window;
  GtkWidget       *section;
  EfirEpisode     *episode;
  SoupServer      *server;
  EfirLinkChecker *checker;
} Fixture;

/* Helpers ---------------------------------------------------------------- */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/112"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                    "/episodes/112");
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) remote = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  remote = g_network_address_new ("127.0.0.1", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->checker = efir_link_checker_new_for_tests (remote);
  /* Where GIO has TLS, the https link waits for the plain server's answer. */
  efir_link_checker_set_timeout (f->checker, 2);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->section = efir_social_links_section_new ();
  efir_social_links_section_set_link_checker (EFIR_SOCIAL_LINKS_SECTION (f->section), f->checker);
  gtk_window_set_child (f->window, f->section);
  gtk_window_present (f->window);

  f->episode = efir_episode_new ();
  efir_social_links_section_set_episode (EFIR_SOCIAL_LINKS_SECTION (f->section), f->episode);
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->episode);
  g_clear_object (&f->checker);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  efir_ui_test_iterate_until_idle ();
}

static AdwEntryRow *
row_at (Fixture *f,
        int      index)
{
  GtkWidget *row = efir_ui_test_list_row (f->section, "list", index);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return ADW_ENTRY_ROW (row);
}

static void
paste_links (Fixture    *f,
             const char *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_social_links (f->episode)));
  AdwEntryRow *add_row = row_at (f, n);

  gtk_editable_set_text (GTK_EDITABLE (add_row), text);
  g_signal_emit_by_name (add_row, "entry-activated");
  efir_ui_test_iterate_until_idle ();
}

/* Waits for the check of link @index to end; returns its badge. */
static GtkWidget *
wait_for_check (Fixture *f,
                int      index)
{
  GtkWidget *badge = efir_ui_test_list_row_part (f->section, "list", index, "check-badge");

  while (!gtk_widget_get_visible (badge) ||
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (badge)), "content-loading-symbolic") == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      badge = efir_ui_test_list_row_part (f->section, "list", index, "check-badge");
    }

  return badge;
}

static EfirSocialLink *
link_at (Fixture *f,
         guint    index)
{
  return g_list_model_get_item (G_LIST_MODEL (efir_episode_get_social_links (f->episode)), index);
}

/* Tests ------------------------------------------------------------------ */

static void
test_paste_cleans_recognises_checks (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(EfirSocialLink) video = NULL;
  g_autoptr(EfirSocialLink) page = NULL;
  GtkWidget *revealer = efir_ui_test_find_by_id (f->section, "cleanup_revealer");
  GtkWidget *undo = efir_ui_test_find_by_id (f->section, "undo_cleanup_button");
  GtkWidget *check_button = efir_ui_test_find_by_id (f->section, "check_button");
  GtkWidget *badge;
  GtkWidget *use_new;

  paste_links (f, "https://YOUTU.BE/dQw4w9WgXcQ?si=tracked&feature=share\n"
                  "http://efir.example/112?utm_source=facebook\n");

  /* Cleaned and recognised, with what was removed shown. */
  video = link_at (f, 0);
  page = link_at (f, 1);
  g_assert_cmpstr (efir_social_link_get_url (video), ==, "https://youtu.be/dQw4w9WgXcQ");
  g_assert_cmpstr (efir_social_link_get_platform (video), ==, "youtube");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_at (f, 0))), ==,
                   "https://youtu.be/dQw4w9WgXcQ");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 0))), ==,
                   "YouTube");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (efir_ui_test_list_row_part (
                     f->section, "list", 0, "platform-icon"))), ==, "efir-youtube-symbolic");
  g_assert_cmpstr (efir_social_link_get_url (page), ==, "http://efir.example/112");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 1))), ==,
                   "Website");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (efir_ui_test_has_label (revealer, "Removed si, feature, utm_source."));

  /* Checked on the loopback site: the page has moved, and its new address
   * is offered. The video's https finds no TLS there: unreachable. */
  badge = wait_for_check (f, 1);
  g_assert_true (gtk_widget_has_css_class (badge, "warning"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==,
                   "The link has moved to http://efir.example/episodes/112");
  badge = wait_for_check (f, 0);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (badge)), ==, "network-offline-symbolic");

  use_new = efir_ui_test_list_row_part (f->section, "list", 1, "use-new-address");
  g_assert_true (gtk_widget_get_visible (use_new));
  g_signal_emit_by_name (use_new, "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_social_link_get_url (page), ==, "http://efir.example/episodes/112");
  badge = wait_for_check (f, 1);
  g_assert_true (gtk_widget_has_css_class (badge, "success"));
  g_assert_false (gtk_widget_get_visible (
    efir_ui_test_list_row_part (f->section, "list", 1, "use-new-address")));

  /* Checked again on demand. */
  g_signal_emit_by_name (check_button, "clicked");
  badge = wait_for_check (f, 1);
  g_assert_true (gtk_widget_has_css_class (badge, "success"));

  /* Undo gives the links back as pasted. */
  g_signal_emit_by_name (undo, "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_social_link_get_url (video), ==,
                   "https://YOUTU.BE/dQw4w9WgXcQ?si=tracked&feature=share");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_at (f, 0))), ==,
                   "https://YOUTU.BE/dQw4w9WgXcQ?si=tracked&feature=share");
  g_assert_cmpstr (efir_social_link_get_url (page), ==, "http://efir.example/112?utm_source=facebook");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Edited by hand, a link shows the platform its address names. */
  gtk_editable_set_text (GTK_EDITABLE (row_at (f, 1)), "https://t.me/cetinsual/12");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 1))), ==,
                   "Telegram");
  g_assert_false (gtk_widget_get_visible (
    efir_ui_test_list_row_part (f->section, "list", 1, "check-badge")));
}

/* Links kept from before Efir cleaned them are cleaned on request, with
 * the same sentence and Undo as a paste. */
static void
test_clean_on_request (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(EfirSocialLink) tracked = efir_social_link_new (
    "https://www.facebook.com/difficultquestion/videos/1234567890/?mibextid=abc&fbclid=XYZ", NULL);
  g_autoptr(EfirSocialLink) clean = efir_social_link_new ("https://t.me/difficultquestion/4521",
                                                          "telegram");
  GtkWidget *revealer = efir_ui_test_find_by_id (f->section, "cleanup_revealer");
  GtkWidget *clean_button = efir_ui_test_find_by_id (f->section, "clean_button");
  GtkWidget *undo = efir_ui_test_find_by_id (f->section, "undo_cleanup_button");

  g_list_store_append (efir_episode_get_social_links (f->episode), tracked);
  g_list_store_append (efir_episode_get_social_links (f->episode), clean);
  efir_ui_test_iterate_until_idle ();

  g_signal_emit_by_name (clean_button, "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_social_link_get_url (tracked), ==,
                   "https://www.facebook.com/difficultquestion/videos/1234567890/");
  g_assert_cmpstr (efir_social_link_get_platform (tracked), ==, "facebook");
  g_assert_cmpstr (efir_social_link_get_url (clean), ==, "https://t.me/difficultquestion/4521");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (efir_ui_test_has_label (revealer, "Removed mibextid, fbclid."));

  g_signal_emit_by_name (undo, "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_social_link_get_url (tracked), ==,
                   "https://www.facebook.com/difficultquestion/videos/1234567890/?mibextid=abc&fbclid=XYZ");
}

static guint
label_lines (GtkWidget *button)
{
  GtkLabel *label = GTK_LABEL (gtk_widget_get_first_child (button));

  return pango_layout_get_line_count (gtk_label_get_layout (label));
}

/* The section alone in a window @width wide; the lines of its two
 * buttons' labels. */
static void
measure_buttons (int    width,
                 guint *clean_lines,
                 guint *check_lines)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *section = efir_social_links_section_new ();

  gtk_window_set_default_size (window, width, 600);
  gtk_window_set_child (window, section);
  gtk_window_present (window);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (gtk_widget_get_width (section), ==, width);

  *clean_lines = label_lines (efir_ui_test_find_by_id (section, "clean_button"));
  *check_lines = label_lines (efir_ui_test_find_by_id (section, "check_button"));
  gtk_window_destroy (window);
  efir_ui_test_iterate_until_idle ();
}

/* Where the editor is as wide as it gets (its column is 860 px), the
 * buttons read on one line each; in a phone-wide window, on two at most. */
static void
test_buttons_fit (Fixture       *f,
                  gconstpointer  data)
{
  guint clean_lines = 0;
  guint check_lines = 0;

  measure_buttons (836, &clean_lines, &check_lines);
  g_assert_cmpuint (clean_lines, ==, 1);
  g_assert_cmpuint (check_lines, ==, 1);

  measure_buttons (336, &clean_lines, &check_lines);
  g_assert_cmpuint (clean_lines, <=, 2);
  g_assert_cmpuint (check_lines, <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  efir_register_resource ();

  g_test_add ("/ui/links/paste-cleans-recognises-checks", Fixture, NULL, fixture_setup,
              test_paste_cleans_recognises_checks, fixture_teardown);
  g_test_add ("/ui/links/buttons-fit", Fixture, NULL, fixture_setup, test_buttons_fit,
              fixture_teardown);
  g_test_add ("/ui/links/clean-on-request", Fixture, NULL, fixture_setup, test_clean_on_request,
              fixture_teardown);

  return g_test_run ();
}
