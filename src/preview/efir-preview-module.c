/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-preview-module"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <string.h>
#include <webkit/webkit.h>

/*
 * The page preview's web view, built as a module of its own so that the
 * efir program does not link WebKit: the window loads it when the producer
 * first opens a preview (src/app/efir-preview.c). Its one entry point is
 * efir_preview_module_show().
 *
 * The page is shown as a reader's browser would, with what a preview must
 * never do taken away: JavaScript is off, every request is blocked but the
 * video's thumbnail, nothing navigates, and a link clicked opens in the
 * producer's browser.
 */

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  /* Borrowed */
  GtkWidget      *window;
  GtkWindow      *parent;       /* weak */
  WebKitWebView  *view;
  AdwWindowTitle *heading;

  /* Owned */
  char           *document;
  char           *base_uri;
  GCancellable   *cancellable;
  gboolean        loading;      /* the document's own load is to come */
} Preview;

static void
preview_free (Preview *preview)
{
  g_cancellable_cancel (preview->cancellable);
  g_clear_object (&preview->cancellable);
  g_free (preview->document);
  g_free (preview->base_uri);
  g_free (preview);
}

/* One session for every preview, kept in memory only: a preview leaves no
 * cookie or cache behind. */
static WebKitNetworkSession *
preview_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();

  return session;
}

static WebKitUserContentFilterStore *
filter_store (void)
{
  static WebKitUserContentFilterStore *store;

  if (store == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "efir",
                                                "preview-filters", NULL);

      store = webkit_user_content_filter_store_new (path);
    }

  return store;
}

/* Content-blocker rules: everything blocked, then the document itself and
 * the thumbnail let through. */
static GBytes *
filter_rules (const char *thumbnail_uri)
{
  g_autoptr(GString) rules = g_string_new ("[{\"trigger\":{\"url-filter\":\".*\"},"
                                           "\"action\":{\"type\":\"block\"}},"
                                           "{\"trigger\":{\"url-filter\":\"^about:\"},"
                                           "\"action\":{\"type\":\"ignore-previous-rules\"}}");

  if (thumbnail_uri != NULL && thumbnail_uri[0] != '\0')
    {
      g_autofree char *pattern = g_regex_escape_string (thumbnail_uri, -1);
      g_autoptr(GString) escaped = g_string_new (NULL);

      /* The pattern goes into a JSON string: its backslashes double. */
      for (const char *p = pattern; *p != '\0'; p++)
        {
          if (*p == '\\' || *p == '"')
            g_string_append_c (escaped, '\\');
          g_string_append_c (escaped, *p);
        }
      g_string_append_printf (rules,
                              ",{\"trigger\":{\"url-filter\":\"^%s$\","
                              "\"resource-type\":[\"image\"]},"
                              "\"action\":{\"type\":\"ignore-previous-rules\"}}",
                              escaped->str);
    }
  g_string_append_c (rules, ']');

  return g_string_free_to_bytes (g_steal_pointer (&rules));
}

static gboolean
opens_in_browser (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL
         && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0
             || g_ascii_strcasecmp (scheme, "mailto") == 0);
}

/* WebKit may add the slash an address without a path lacks. */
static gboolean
same_uri (const char *a,
          const char *b)
{
  gsize a_len = strlen (a);
  gsize b_len = strlen (b);

  if (a_len > 0 && a[a_len - 1] == '/')
    a_len--;
  if (b_len > 0 && b[b_len - 1] == '/')
    b_len--;

  return a_len == b_len && strncmp (a, b, a_len) == 0;
}

static void
show_failure (Preview    *preview,
              const char *message)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The Preview Cannot Be Shown"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), message);
  adw_window_set_content (ADW_WINDOW (preview->window), status);
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
policy_decided_cb (WebKitWebView            *view,
                   WebKitPolicyDecision     *decision,
                   WebKitPolicyDecisionType  type,
                   Preview                  *preview)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  /* The document handed over, once; then nothing else loads here. A
   * decision asked before it may still come, so the address tells. */
  if (preview->loading && type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION
      && webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER
      && same_uri (uri, preview->base_uri != NULL ? preview->base_uri : "about:blank"))
    {
      preview->loading = FALSE;
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED
      && webkit_navigation_action_is_user_gesture (action) && opens_in_browser (uri))
    gtk_show_uri (GTK_WINDOW (preview->window), uri, GDK_CURRENT_TIME);

  return TRUE;
}

static void
filter_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  Preview *preview;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object),
                                                         result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  preview = user_data;

  /* Without its filter the page could reach anywhere: it is not shown. */
  if (filter == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Efir could not keep the page from the "
                                                    "network: %s"), error->message);

      show_failure (preview, message);
      return;
    }

  webkit_user_content_manager_add_filter (webkit_web_view_get_user_content_manager (preview->view),
                                          filter);
  preview->loading = TRUE;
  webkit_web_view_load_html (preview->view, preview->document, preview->base_uri);
}

static void
preview_destroyed_cb (GtkWidget *window,
                      Preview   *preview)
{
  g_cancellable_cancel (preview->cancellable);

  if (preview->parent != NULL)
    {
      g_object_set_data (G_OBJECT (preview->parent), "efir-preview-window", NULL);
      g_object_remove_weak_pointer (G_OBJECT (preview->parent), (gpointer *) &preview->parent);
      preview->parent = NULL;
    }
}

static void
load_document (Preview    *preview,
               const char *title,
               const char *document,
               const char *base_uri,
               const char *thumbnail_uri)
{
  g_autoptr(GBytes) rules = filter_rules (thumbnail_uri);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_cancellable_cancel (preview->cancellable);
  g_clear_object (&preview->cancellable);
  preview->cancellable = g_cancellable_new ();

  g_free (preview->document);
  preview->document = g_strdup (document);
  g_free (preview->base_uri);
  preview->base_uri = g_strdup (base_uri);
  preview->loading = FALSE;

  adw_window_title_set_subtitle (preview->heading, title != NULL ? title : "");
  webkit_user_content_manager_remove_all_filters (
    webkit_web_view_get_user_content_manager (preview->view));

  /* One compiled filter per thumbnail, kept for the next preview of it. */
  g_checksum_update (checksum, g_bytes_get_data (rules, NULL), g_bytes_get_size (rules));
  webkit_user_content_filter_store_save (filter_store (), g_checksum_get_string (checksum), rules,
                                         preview->cancellable, filter_saved_cb, preview);
}

static GtkWidget *
build_window (GtkWindow *parent)
{
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  Preview *preview = g_new0 (Preview, 1);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  WebKitSettings *settings;

  preview->window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (preview->window), _("Preview"));
  gtk_window_set_default_size (GTK_WINDOW (preview->window), 900, 760);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (preview->window), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (preview->window), TRUE);
      preview->parent = parent;
      g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &preview->parent);
      g_object_set_data (G_OBJECT (parent), "efir-preview-window", preview->window);
    }

  preview->heading = ADW_WINDOW_TITLE (adw_window_title_new (_("Preview"), ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (preview->heading));
  gtk_box_append (GTK_BOX (toolbar), header);

  preview->view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                "network-session", preview_network_session (),
                                "user-content-manager", content,
                                NULL);
  settings = webkit_web_view_get_settings (preview->view);
  webkit_settings_set_enable_javascript (settings, FALSE);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (preview->view), TRUE);
  gtk_widget_set_name (GTK_WIDGET (preview->view), "preview_view");
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (preview->view));

  adw_window_set_content (ADW_WINDOW (preview->window), toolbar);

  g_signal_connect (preview->view, "decide-policy", G_CALLBACK (policy_decided_cb), preview);
  g_signal_connect (preview->window, "destroy", G_CALLBACK (preview_destroyed_cb), preview);
  g_object_set_data_full (G_OBJECT (preview->window), "efir-preview", preview,
                          (GDestroyNotify) preview_free);

  return preview->window;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_preview_module_show:
 * @parent: (nullable): the window the preview belongs to
 * @title: the page's title, shown in the header
 * @document: a whole HTML document
 * @base_uri: (nullable): where the document's relative links point
 * @thumbnail_uri: (nullable): the one address the page may load, an image
 *
 * Shows @document in the preview window of @parent, made on first use and
 * reused after: a second preview replaces the first.
 *
 * Returns: (transfer none): the preview window
 */
G_MODULE_EXPORT GtkWidget *efir_preview_module_show (GtkWindow  *parent,
                                                     const char *title,
                                                     const char *document,
                                                     const char *base_uri,
                                                     const char *thumbnail_uri);

G_MODULE_EXPORT GtkWidget *
efir_preview_module_show (GtkWindow  *parent,
                          const char *title,
                          const char *document,
                          const char *base_uri,
                          const char *thumbnail_uri)
{
  GtkWidget *window = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  if (parent != NULL)
    window = g_object_get_data (G_OBJECT (parent), "efir-preview-window");

  if (window == NULL)
    window = build_window (parent);

  load_document (g_object_get_data (G_OBJECT (window), "efir-preview"), title, document,
                 base_uri, thumbnail_uri);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}
