/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-preview"

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <webkit/webkit.h>

#include "efir-preview.h"
#include "efir-resources.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"

/* The preview in its web view, loaded from the module as the window loads
 * it: the page shows as rendered, and reaches nothing on the network but
 * the video's thumbnail. A site on loopback counts what is asked of it. */

typedef struct
{
  char          *dir;
  SoupServer    *server;
  char          *base;          /* "http://127.0.0.1:PORT/" */
  char          *thumbnail;
  guint          thumbnail_hits;
  GPtrArray     *other_hits;    /* the paths asked for that are not the thumbnail */
  GtkWidget     *parent;
  WebKitWebView *view;
  GBytes        *main_data;
} Fixture;

/* A PNG of one pixel. */
static const guint8 one_pixel_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
  0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* Helpers ---------------------------------------------------------------- */

static void
request_served_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Fixture *f = user_data;

  if (g_str_has_prefix (path, "/vi/"))
    {
      f->thumbnail_hits++;
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                        (const char *) one_pixel_png, sizeof one_pixel_png);
    }
  else
    {
      g_ptr_array_add (f->other_hits, g_strdup (path));
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "x", 1);
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static WebKitWebView *
find_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      WebKitWebView *view;

      if (WEBKIT_IS_WEB_VIEW (child))
        return WEBKIT_WEB_VIEW (child);
      if ((view = find_view (child)))
        return view;
    }

  return NULL;
}

typedef struct
{
  Fixture    *f;
  const char *title;
  guint       min_thumbnail_hits;
} LoadWait;

static gboolean
page_loaded (gpointer data)
{
  LoadWait *wait = data;

  return !webkit_web_view_is_loading (wait->f->view)
         && g_strcmp0 (webkit_web_view_get_title (wait->f->view), wait->title) == 0
         && wait->f->thumbnail_hits >= wait->min_thumbnail_hits;
}

/* WebKit starts its processes with the first page: a wait of minutes at
 * the most on a loaded machine, ended by the condition. */
static gboolean
wait_long_for (gboolean (*condition) (gpointer data),
               gpointer   data)
{
  for (guint i = 0; i < 12; i++)
    {
      if (efir_ui_test_wait_for (condition, data))
        return TRUE;
    }

  return FALSE;
}

static void
main_data_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guchar *data = webkit_web_resource_get_data_finish (WEBKIT_WEB_RESOURCE (object), result,
                                                      &length, &error);

  g_assert_no_error (error);
  f->main_data = g_bytes_new_take (data, length);
}

static gboolean
main_data_read (gpointer data)
{
  return ((Fixture *) data)->main_data != NULL;
}

/* The document the web view holds, as it was handed to it. */
static char *
shown_document (Fixture *f)
{
  WebKitWebResource *resource = webkit_web_view_get_main_resource (f->view);

  g_assert_nonnull (resource);
  g_clear_pointer (&f->main_data, g_bytes_unref);
  webkit_web_resource_get_data (resource, NULL, main_data_read_cb, f);
  g_assert_true (wait_long_for (main_data_read, f));

  return g_strndup (g_bytes_get_data (f->main_data, NULL), g_bytes_get_size (f->main_data));
}

static GtkWidget *
show_preview (Fixture    *f,
              const char *title,
              const char *html,
              const char *thumbnail,
              guint       expect_thumbnail_hits)
{
  g_autoptr(GError) error = NULL;
  LoadWait wait = { f, title, expect_thumbnail_hits };
  GtkWidget *window = efir_preview_show (GTK_WINDOW (f->parent), title, html, f->base, thumbnail,
                                         &error);

  g_assert_no_error (error);
  g_assert_nonnull (window);
  f->view = find_view (window);
  g_assert_nonnull (f->view);
  g_assert_true (wait_long_for (page_loaded, &wait));

  return window;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  f->other_hits = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, request_served_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_uri_to_string (uris->data);
  f->thumbnail = g_strconcat (f->base, "vi/AbCdEfGhIjK/hqdefault.jpg", NULL);

  f->parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->parent));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  efir_ui_test_iterate_until_idle ();

  g_clear_pointer (&f->main_data, g_bytes_unref);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->other_hits, g_ptr_array_unref);
  g_free (f->thumbnail);
  g_free (f->base);
}

static char *
page_reaching_out (Fixture *f)
{
  /* Everything a page may ask of a server by itself, JavaScript aside. */
  return g_strdup_printf ("<!-- wp:paragraph -->\n<p>Birinci sual: Ermənistan ilə sülh</p>\n"
                          "<!-- /wp:paragraph -->\n"
                          "<figure class=\"wp-block-embed is-type-video is-provider-youtube "
                          "wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\n"
                          "https://www.youtube.com/watch?v=AbCdEfGhIjK\n</div></figure>\n"
                          "<img src=\"%simage.png\" alt=\"\">\n"
                          "<link rel=\"stylesheet\" href=\"%sstyle.css\">\n"
                          "<iframe src=\"%sframe.html\"></iframe>\n"
                          "<video src=\"%svideo.mp4\" autoplay></video>\n"
                          "<p style=\"background: url(%sbackground.png)\">x</p>\n"
                          "<script src=\"%sscript.js\"></script>\n"
                          "<a href=\"%slink\">Saytda</a>\n",
                          f->base, f->base, f->base, f->base, f->base, f->base, f->base);
}

static char *
hits_text (Fixture *f)
{
  g_ptr_array_add (f->other_hits, NULL);
  return g_strjoinv (" ", (char **) g_ptr_array_steal (f->other_hits, NULL));
}

/* Tests ------------------------------------------------------------------ */

static void
test_shows_page_offline (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *html = page_reaching_out (f);
  g_autofree char *shown = NULL;
  g_autofree char *hits = NULL;

  show_preview (f, "Çətin sual №112", html, f->thumbnail, 1);

  /* The page is the one handed over, whole. */
  shown = shown_document (f);
  g_assert_nonnull (strstr (shown, html));
  g_assert_nonnull (strstr (shown, "<title>Çətin sual №112</title>"));

  /* The thumbnail was fetched, and nothing else: no image, style sheet,
   * frame, video, background or script of the page reached the server. */
  g_assert_cmpuint (f->thumbnail_hits, ==, 1);
  hits = hits_text (f);
  g_assert_cmpstr (hits, ==, "");
}

static void
test_navigation_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *link = g_strconcat (f->base, "link", NULL);
  g_autofree char *hits = NULL;
  GtkWidget *first;
  GtkWidget *second;

  first = show_preview (f, "Birinci", "<p>Birinci</p>", NULL, 0);

  /* Nothing leaves the page for another, whoever asks. */
  webkit_web_view_load_uri (f->view, link);
  efir_ui_test_iterate_until_idle ();

  /* A second preview of the same window takes its place. */
  second = show_preview (f, "İkinci", "<p>İkinci</p>", NULL, 0);
  g_assert_true (first == second);
  g_assert_cmpstr (webkit_web_view_get_title (f->view), ==, "İkinci");

  g_assert_cmpuint (f->thumbnail_hits, ==, 0);
  hits = hits_text (f);
  g_assert_cmpstr (hits, ==, "");
}

static void
test_shows_rendered_episode (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = efir_test_make_dir ("efir-ui-preview");
  g_autofree char *path = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autofree char *html = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *hits = NULL;
  LoadWait wait = { f, "Sülh & müharibə", 0 };
  GtkWidget *window;

  g_assert_no_error (error);
  efir_store_save_program (store, program, &error);
  g_assert_no_error (error);
  episode = efir_episode_new ();
  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_title (episode, "Sülh & müharibə");
  efir_episode_set_summary (episode, "Bu gün **Ermənistan** ilə sülh müqaviləsi.");
  efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  publisher = efir_publisher_new (store);

  window = efir_preview_show_episode (GTK_WINDOW (f->parent), publisher, episode, &error);
  g_assert_no_error (error);
  f->view = find_view (window);
  g_assert_true (wait_long_for (page_loaded, &wait));

  /* The very page a publication would send. */
  html = efir_publisher_render_page (publisher, episode, &error);
  g_assert_no_error (error);
  shown = shown_document (f);
  g_assert_nonnull (strstr (shown, html));
  g_assert_nonnull (strstr (html, "<strong>Ermənistan</strong>"));

  hits = hits_text (f);
  g_assert_cmpstr (hits, ==, "");

  g_clear_object (&publisher);
  g_clear_object (&store);
  efir_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The compiled content filters go to a cache of the test's own. */
  cache = efir_test_make_dir ("efir-ui-preview-cache");
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  gtk_init ();
  adw_init ();
  efir_register_resource ();

  g_test_add ("/ui/preview/shows-page-offline", Fixture, NULL,
              fixture_set_up, test_shows_page_offline, fixture_tear_down);
  g_test_add ("/ui/preview/navigation-refused", Fixture, NULL,
              fixture_set_up, test_navigation_refused, fixture_tear_down);
  g_test_add ("/ui/preview/shows-rendered-episode", Fixture, NULL,
              fixture_set_up, test_shows_rendered_episode, fixture_tear_down);

  status = g_test_run ();
  efir_test_remove_tree (cache);

  return status;
}
