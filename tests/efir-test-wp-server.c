/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-test-wp-server"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "efir-fold.h"
#include "efir-test-wp-server.h"

/* Types ------------------------------------------------------------------ */

/* libsoup 3.2's SoupServer loses a socket per connection it accepts;
 * tests/lsan.supp names the frames that tell, which the fast unwinder
 * cannot see through GLib. Read by AddressSanitizer when the tests are
 * built with it; ASAN_OPTIONS still has the last word. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

struct _EfirTestWpServer
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;     /* lives in the thread */
  char            *cert_file;
  char            *key_file;
  char            *base;       /* http://127.0.0.1:PORT */
  char            *authorization;

  GMutex           lock;       /* guards what follows */
  GCond            started;
  EfirTestWpFault  fault;
  guint            fault_status;
  char            *fault_type;
  char            *fault_body;
  char            *fault_header;
  char            *fault_value;
  gboolean         hide_terms;
  GPtrArray       *held;       /* SoupServerMessage */
  GHashTable      *posts;      /* id -> JsonObject */
  gint64           next_post_id;
  guint            n_created;
  GHashTable      *terms;      /* "tags"/"categories" -> GPtrArray of JsonObject */
  gint64           next_term_id;
  guint            n_requests;
  GHashTable      *ports;      /* remote ports seen */
  GHashTable      *last_headers;
  char            *upload_disposition;
  char            *upload_type;
  gsize            upload_size;
};

/* Helpers ---------------------------------------------------------------- */

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  respond (msg, status, "application/json; charset=UTF-8", text);
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  respond_json (msg, status, node);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"%s\","
                                           "\"data\":{\"status\":%u}}",
                                           code, message, status);

  respond (msg, status, "application/json; charset=UTF-8", body);
}

static JsonObject *
request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_object_new ();
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
query_get (GHashTable *query,
           const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

static void
set_raw (JsonObject *post,
         const char *member,
         JsonObject *fields)
{
  const char *value = json_object_get_string_member_with_default (fields, member, NULL);
  JsonObject *text;

  if (value == NULL)
    return;
  text = json_object_new ();
  json_object_set_string_member (text, "raw", value);
  json_object_set_string_member (text, "rendered", value);
  json_object_set_object_member (post, member, text);
}

static void
update_post (EfirTestWpServer *self,
             JsonObject       *post,
             JsonObject       *fields)
{
  g_autofree char *modified = NULL;
  gint64 id = json_object_get_int_member (post, "id");

  set_raw (post, "title", fields);
  set_raw (post, "content", fields);
  if (json_object_has_member (fields, "status"))
    json_object_set_string_member (post, "status",
                                   json_object_get_string_member (fields, "status"));
  if (json_object_has_member (fields, "slug"))
    json_object_set_string_member (post, "slug", json_object_get_string_member (fields, "slug"));
  /* A scheduled post keeps the time it is to go live at. */
  if (json_object_has_member (fields, "date_gmt"))
    json_object_set_string_member (post, "date_gmt",
                                   json_object_get_string_member (fields, "date_gmt"));
  modified = g_strdup_printf ("2026-12-06T20:%02u:00", (guint) (self->n_requests % 60));
  json_object_set_string_member (post, "modified_gmt", modified);
  if (!json_object_has_member (post, "slug"))
    {
      g_autofree char *slug = g_strdup_printf ("post-%" G_GINT64_FORMAT, id);

      json_object_set_string_member (post, "slug", slug);
    }
}

/* The post with only the members _fields asks for. */
static JsonObject *
filter_fields (JsonObject *post,
               const char *fields)
{
  g_auto(GStrv) names = NULL;
  JsonObject *filtered;

  if (fields == NULL)
    return json_object_ref (post);

  names = g_strsplit (fields, ",", -1);
  filtered = json_object_new ();
  for (guint i = 0; names[i] != NULL; i++)
    if (json_object_has_member (post, names[i]))
      json_object_set_member (filtered, names[i],
                              json_node_copy (json_object_get_member (post, names[i])));
  return filtered;
}

static gboolean
post_matches (JsonObject *post,
              GHashTable *query)
{
  const char *search = query_get (query, "search");
  const char *slug = query_get (query, "slug");

  if (g_str_equal (json_object_get_string_member (post, "status"), "trash"))
    return FALSE;
  if (slug != NULL && g_strcmp0 (json_object_get_string_member (post, "slug"), slug) != 0)
    return FALSE;
  /* WordPress's search looks in the title, the excerpt and the content. */
  if (search != NULL)
    {
      JsonObject *title = json_object_get_object_member (post, "title");
      JsonObject *content = json_object_has_member (post, "content")
                              ? json_object_get_object_member (post, "content") : NULL;
      g_autofree char *raw = g_strconcat (title != NULL ? json_object_get_string_member (title, "raw") : "",
                                          "\n",
                                          content != NULL ? json_object_get_string_member (content, "raw") : "",
                                          NULL);
      g_autofree char *haystack = efir_fold (raw, -1);
      g_autofree char *needle = efir_fold (search, -1);

      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = json_object_get_int_member (*(JsonObject **) a, "id");
  gint64 y = json_object_get_int_member (*(JsonObject **) b, "id");

  return x < y ? -1 : x > y;
}

static void
list_posts (EfirTestWpServer  *self,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_pages = NULL;
  GHashTableIter iter;
  gpointer value;
  guint page = query_get (query, "page") ? atoi (query_get (query, "page")) : 1;
  guint per_page = query_get (query, "per_page") ? atoi (query_get (query, "per_page")) : 10;
  guint n_pages;

  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (post_matches (value, query))
      g_ptr_array_add (matches, value);
  g_ptr_array_sort (matches, compare_ids);

  n_pages = (matches->len + per_page - 1) / per_page;
  if (page > MAX (n_pages, 1))
    {
      respond_error (msg, 400, "rest_post_invalid_page_number",
                     "The page number requested is larger than the number of pages available.");
      return;
    }
  for (guint i = (page - 1) * per_page; i < matches->len && i < page * per_page; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (matches, i)));

  total = g_strdup_printf ("%u", matches->len);
  total_pages = g_strdup_printf ("%u", n_pages);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-WP-Total", total);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-WP-TotalPages",
                                total_pages);
  node = json_node_init_array (json_node_alloc (), array);
  respond_json (msg, 200, node);
}

static void
handle_posts (EfirTestWpServer  *self,
              SoupServerMessage *msg,
              const char        *rest,
              GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonObject) fields = NULL;
  JsonObject *post;
  gint64 id;

  if (*rest == '\0' && g_str_equal (method, "GET"))
    {
      list_posts (self, msg, query);
      return;
    }

  if (*rest == '\0' && g_str_equal (method, "POST"))
    {
      g_autofree char *link = NULL;

      fields = request_object (msg);
      id = self->next_post_id++;
      post = json_object_new ();
      json_object_set_int_member (post, "id", id);
      json_object_set_string_member (post, "status", "draft");
      json_object_set_string_member (post, "date_gmt", "2026-12-06T20:00:00");
      json_object_set_int_member (post, "featured_media", 0);
      link = g_strdup_printf ("%s/?p=%" G_GINT64_FORMAT, self->base, id);
      json_object_set_string_member (post, "link", link);
      update_post (self, post, fields);
      g_hash_table_insert (self->posts, g_memdup2 (&id, sizeof id), post);
      self->n_created++;

      if (self->fault == EFIR_TEST_WP_FAULT_DROP_AFTER_STORE)
        {
          g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

          g_io_stream_close (stream, NULL, NULL);
          return;
        }
      respond_object (msg, 201, post);
      return;
    }

  id = g_ascii_strtoll (*rest == '/' ? rest + 1 : "0", NULL, 10);
  post = g_hash_table_lookup (self->posts, &id);
  if (post == NULL)
    {
      respond_error (msg, 404, "rest_post_invalid_id", "Invalid post ID.");
      return;
    }

  if (g_str_equal (method, "GET"))
    {
      g_autoptr(JsonObject) filtered = filter_fields (post, query_get (query, "_fields"));

      respond_object (msg, 200, filtered);
    }
  else if (g_str_equal (method, "POST"))
    {
      fields = request_object (msg);
      update_post (self, post, fields);
      respond_object (msg, 200, post);
    }
  else if (g_str_equal (method, "DELETE"))
    {
      if (g_str_equal (json_object_get_string_member (post, "status"), "trash"))
        {
          respond_error (msg, 410, "rest_already_trashed", "The post has already been deleted.");
          return;
        }
      json_object_set_string_member (post, "status", "trash");
      respond_object (msg, 200, post);
    }
  else
    respond_error (msg, 405, "rest_no_route", "No route was found matching the URL and request method.");
}

/* Names as WordPress stores them: & as &amp;. Searches and the check for
 * a name taken fold case and marks, as MySQL's collation does. */
static char *
stored_name (const char *name)
{
  g_autoptr(GString) stored = g_string_new (name);

  g_string_replace (stored, "&", "&amp;", 0);
  return g_string_free (g_steal_pointer (&stored), FALSE);
}

static void
handle_terms (EfirTestWpServer  *self,
              SoupServerMessage *msg,
              const char        *taxonomy,
              GHashTable        *query)
{
  GPtrArray *terms = g_hash_table_lookup (self->terms, taxonomy);
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "GET"))
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *needle = efir_fold (query_get (query, "search") ?: "", -1);

      for (guint i = 0; i < terms->len && !self->hide_terms; i++)
        {
          JsonObject *term = g_ptr_array_index (terms, i);
          g_autofree char *name = efir_fold (json_object_get_string_member (term, "name"), -1);

          if (strstr (name, needle) != NULL)
            json_array_add_object_element (array, json_object_ref (term));
        }
      node = json_node_init_array (json_node_alloc (), array);
      respond_json (msg, 200, node);
    }
  else if (g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) fields = request_object (msg);
      g_autofree char *name = stored_name (json_object_get_string_member_with_default (fields, "name", ""));
      g_autofree char *folded = efir_fold (name, -1);
      JsonObject *term;

      for (guint i = 0; i < terms->len; i++)
        {
          JsonObject *existing = g_ptr_array_index (terms, i);
          g_autofree char *other = efir_fold (json_object_get_string_member (existing, "name"), -1);

          if (g_str_equal (other, folded))
            {
              g_autofree char *body = g_strdup_printf (
                "{\"code\":\"term_exists\",\"message\":\"A term with the name provided already "
                "exists in this taxonomy.\",\"data\":{\"status\":400,\"term_id\":%" G_GINT64_FORMAT "}}",
                json_object_get_int_member (existing, "id"));

              respond (msg, 400, "application/json", body);
              return;
            }
        }

      term = json_object_new ();
      json_object_set_int_member (term, "id", self->next_term_id++);
      json_object_set_string_member (term, "name", name);
      g_ptr_array_add (terms, term);
      respond_object (msg, 201, term);
    }
}

static void
handle_media (EfirTestWpServer  *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonObject) media = json_object_new ();
  g_autofree char *url = NULL;

  g_free (self->upload_disposition);
  self->upload_disposition = g_strdup (soup_message_headers_get_one (headers, "Content-Disposition"));
  g_free (self->upload_type);
  self->upload_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  self->upload_size = soup_server_message_get_request_body (msg)->length;

  json_object_set_int_member (media, "id", 500 + self->n_requests);
  url = g_strdup_printf ("%s/wp-content/uploads/2026/12/upload.jpg", self->base);
  json_object_set_string_member (media, "source_url", url);
  respond_object (msg, 201, media);
}

static void
handle_api (EfirTestWpServer  *self,
            SoupServerMessage *msg,
            const char        *route,
            const char        *home,
            GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (self->fault)
    {
    case EFIR_TEST_WP_FAULT_STATUS:
      if (self->fault_header != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      self->fault_header, self->fault_value);
      respond (msg, self->fault_status, self->fault_type, self->fault_body);
      return;

    case EFIR_TEST_WP_FAULT_PAUSE:
      soup_server_message_pause (msg);
      g_ptr_array_add (self->held, g_object_ref (msg));
      return;

    case EFIR_TEST_WP_FAULT_RESET:
      {
        GSocket *socket = soup_server_message_get_socket (msg);
        struct linger linger = { 1, 0 };
        g_autoptr(GIOStream) stream = NULL;

        /* No linger: the close sends a reset, as a crashing proxy does. */
        setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
        stream = soup_server_message_steal_connection (msg);
        g_io_stream_close (stream, NULL, NULL);
      }
      return;

    case EFIR_TEST_WP_FAULT_REDIRECT:
      soup_server_message_set_redirect (msg, 302, self->fault_body);
      return;

    case EFIR_TEST_WP_FAULT_DROP_AFTER_STORE:
    case EFIR_TEST_WP_FAULT_NONE:
    default:
      break;
    }

  if (*route == '\0' || g_str_equal (route, "/"))
    {
      g_autofree char *index = g_strdup_printf ("{\"name\":\"Çətin sual\",\"home\":\"%s\","
                                                "\"namespaces\":[\"oembed/1.0\",\"wp/v2\"]}",
                                                home);

      respond (msg, 200, "application/json", index);
      return;
    }

  if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), self->authorization) != 0)
    {
      respond_error (msg, 401, "incorrect_password",
                     "The provided password is an invalid application password.");
      return;
    }

  if (g_str_equal (route, "/wp/v2/users/me"))
    {
      const char *me = "{\"id\":5,\"name\":\"Aysel M&#601;mm&#601;dova\",\"slug\":\"aysel\","
                       "\"capabilities\":{\"publish_posts\":true,\"unfiltered_html\":false}}";

      if (g_strcmp0 (query_get (query, "context"), "edit") != 0)
        me = "{\"id\":5,\"name\":\"Aysel\",\"slug\":\"aysel\"}";
      respond (msg, 200, "application/json", me);
    }
  else if (g_str_has_prefix (route, "/wp/v2/posts"))
    handle_posts (self, msg, route + strlen ("/wp/v2/posts"), query);
  else if (g_str_equal (route, "/wp/v2/tags"))
    handle_terms (self, msg, "tags", query);
  else if (g_str_equal (route, "/wp/v2/categories"))
    handle_terms (self, msg, "categories", query);
  else if (g_str_equal (route, "/wp/v2/media") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    handle_media (self, msg);
  else
    respond_error (msg, 404, "rest_no_route", "No route was found matching the URL and request method.");
}

static void
record_request (EfirTestWpServer  *self,
                SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  self->n_requests++;
  g_hash_table_add (self->ports,
                    GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));

  g_hash_table_remove_all (self->last_headers);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (self->last_headers, g_ascii_strdown (name, -1), g_strdup (value));
}

/* Callbacks -------------------------------------------------------------- */

static void
request_arrived_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  EfirTestWpServer *self = user_data;
  const char *rest_route = query_get (query, "rest_route");
  g_autofree char *home = NULL;

  g_mutex_lock (&self->lock);
  record_request (self, msg);

  if (g_str_has_prefix (path, "/old-json/"))
    {
      g_autofree char *target = NULL;
      GUri *uri = soup_server_message_get_uri (msg);

      target = g_strdup_printf ("%s/wp-json/%s%s%s", self->base, path + strlen ("/old-json/"),
                                g_uri_get_query (uri) != NULL ? "?" : "",
                                g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");
      soup_server_message_set_redirect (msg, 301, target);
    }
  else if (g_str_has_prefix (path, "/wp-json/") || g_str_equal (path, "/wp-json"))
    {
      home = g_strdup_printf ("%s/", self->base);
      handle_api (self, msg, path + strlen ("/wp-json"), home, query);
    }
  else if (rest_route != NULL && (g_str_equal (path, "/") || g_str_equal (path, "/plain/")))
    {
      home = g_strdup_printf ("%s%s", self->base, path);
      handle_api (self, msg, rest_route, home, query);
    }
  else if (g_str_equal (path, "/") && query_get (query, "feed") == NULL)
    {
      g_autofree char *link = g_strdup_printf ("<%s/wp-json/>; rel=\"https://api.w.org/\"",
                                               self->base);

      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Link",
                                   "<https://example.org/xmlrpc.php?rsd>; rel=EditURI");
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Link", link);
      respond (msg, 200, "text/html; charset=UTF-8",
               "<!DOCTYPE html><html><head><title>Çətin sual</title>"
               "<meta name=\"generator\" content=\"WordPress 6.1.1\" />"
               "</head><body>Buraxılışlar</body></html>");
    }
  else if (g_str_equal (path, "/plain/") && query_get (query, "feed") != NULL)
    respond (msg, 200, "application/rss+xml; charset=UTF-8",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Çətin sual</title>"
             "<generator>https://wordpress.org/?v=6.4.2</generator></channel></rss>");
  else if (g_str_equal (path, "/plain/") || g_str_equal (path, "/static/"))
    respond (msg, 200, "text/html; charset=UTF-8",
             "<!DOCTYPE html><html><head><title>Sayt</title></head><body>Salam</body></html>");
  else
    respond (msg, 404, "text/html", "<html><body>Not Found</body></html>");

  g_mutex_unlock (&self->lock);
}

static gboolean
quit_requested_cb (gpointer user_data)
{
  EfirTestWpServer *self = user_data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
release_requested_cb (gpointer user_data)
{
  EfirTestWpServer *self = user_data;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->held, i);

      respond (msg, 200, "application/json", "{}");
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (self->held, 0);
  g_mutex_unlock (&self->lock);
  return G_SOURCE_REMOVE;
}

static gboolean
publish_scheduled_cb (gpointer user_data)
{
  EfirTestWpServer *self = user_data;
  GHashTableIter iter;
  gpointer post;

  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, NULL, &post))
    {
      /* As WordPress's wp_publish_post(): the status only, not the time
       * the post was last modified. */
      if (g_str_equal (json_object_get_string_member (post, "status"), "future"))
        json_object_set_string_member (post, "status", "publish");
    }
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread_started_cb (gpointer user_data)
{
  EfirTestWpServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GSList *uris;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;

  g_main_context_push_thread_default (self->context);

  if (self->cert_file != NULL)
    {
      certificate = g_tls_certificate_new_from_files (self->cert_file, self->key_file, &error);
      g_assert_no_error (error);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  self->server = soup_server_new ("server-header", "WordPress-test ", "tls-certificate",
                                  certificate, NULL);
  soup_server_add_handler (self->server, NULL, request_arrived_cb, self, NULL);
  soup_server_listen_local (self->server, 0, options, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->lock);
  self->base = g_strdup_printf ("%s://127.0.0.1:%d", self->cert_file != NULL ? "https" : "http",
                                g_uri_get_port (uris->data));
  g_cond_signal (&self->started);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  release_requested_cb (self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Runs @func in the server's thread, never in the caller's: the loop may
 * not be running yet, and the context is the server's alone. */
static void
invoke_in_server (EfirTestWpServer *self,
                  GSourceFunc       func)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
}

/* Public API ------------------------------------------------------------- */

EfirTestWpServer *
efir_test_wp_server_new (const char *cert_file,
                         const char *key_file)
{
  EfirTestWpServer *self = g_new0 (EfirTestWpServer, 1);
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  GPtrArray *tags = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  GPtrArray *categories = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const struct
  {
    GPtrArray  *terms;
    gint64      id;
    const char *name;
  } seeds[] = {
    { tags, 7, "Rusiya" },
    { tags, 8, "Q&amp;A" },
    { categories, 3, "Siyasət" },
  };

  g_mutex_init (&self->lock);
  g_cond_init (&self->started);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->cert_file = g_strdup (cert_file);
  self->key_file = g_strdup (key_file);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) json_object_unref);
  self->next_post_id = 101;
  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  g_hash_table_insert (self->terms, "tags", tags);
  g_hash_table_insert (self->terms, "categories", categories);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      JsonObject *term = json_object_new ();

      json_object_set_int_member (term, "id", seeds[i].id);
      json_object_set_string_member (term, "name", seeds[i].name);
      g_ptr_array_add (seeds[i].terms, term);
    }
  self->next_term_id = 20;
  self->ports = g_hash_table_new (NULL, NULL);
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* WordPress takes the password without the spaces it shows. */
  credentials = g_strdup_printf ("%s:%s", EFIR_TEST_WP_USER, "abcdEFGHijklMNOPqrstUVWX");
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("wp-server", server_thread_started_cb, self);
  while (self->base == NULL)
    g_cond_wait (&self->started, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

void
efir_test_wp_server_free (EfirTestWpServer *self)
{
  invoke_in_server (self, quit_requested_cb);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self->base);
  g_free (self->authorization);
  g_free (self->fault_type);
  g_free (self->fault_body);
  g_free (self->fault_header);
  g_free (self->fault_value);
  g_ptr_array_unref (self->held);
  g_hash_table_unref (self->posts);
  g_hash_table_unref (self->terms);
  g_hash_table_unref (self->ports);
  g_hash_table_unref (self->last_headers);
  g_free (self->upload_disposition);
  g_free (self->upload_type);
  g_cond_clear (&self->started);
  g_mutex_clear (&self->lock);
  g_free (self);
}

char *
efir_test_wp_server_get_url (EfirTestWpServer *self,
                             const char       *path)
{
  return g_strconcat (self->base, path, NULL);
}

void
efir_test_wp_server_set_fault (EfirTestWpServer *self,
                               EfirTestWpFault   fault,
                               guint             status,
                               const char       *content_type,
                               const char       *body,
                               const char       *header,
                               const char       *value)
{
  g_mutex_lock (&self->lock);
  self->fault = fault;
  self->fault_status = status;
  g_free (self->fault_type);
  self->fault_type = g_strdup (content_type != NULL ? content_type : "application/json");
  g_free (self->fault_body);
  self->fault_body = g_strdup (body != NULL ? body : "");
  g_free (self->fault_header);
  self->fault_header = g_strdup (header);
  g_free (self->fault_value);
  self->fault_value = g_strdup (value);
  g_mutex_unlock (&self->lock);
}

void
efir_test_wp_server_release (EfirTestWpServer *self)
{
  invoke_in_server (self, release_requested_cb);
}

void
efir_test_wp_server_hide_terms (EfirTestWpServer *self)
{
  g_mutex_lock (&self->lock);
  self->hide_terms = TRUE;
  g_mutex_unlock (&self->lock);
}

void
efir_test_wp_server_publish_scheduled (EfirTestWpServer *self)
{
  invoke_in_server (self, publish_scheduled_cb);
}

guint
efir_test_wp_server_get_n_requests (EfirTestWpServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_requests;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
efir_test_wp_server_get_n_posts_created (EfirTestWpServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_created;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
efir_test_wp_server_get_n_connections (EfirTestWpServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->ports);
  g_mutex_unlock (&self->lock);
  return n;
}

char *
efir_test_wp_server_get_last_header (EfirTestWpServer *self,
                                     const char       *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  char *value;

  g_mutex_lock (&self->lock);
  value = g_strdup (g_hash_table_lookup (self->last_headers, key));
  g_mutex_unlock (&self->lock);
  return value;
}

char *
efir_test_wp_server_get_last_upload (EfirTestWpServer  *self,
                                     char             **content_type,
                                     gsize             *size)
{
  char *disposition;

  g_mutex_lock (&self->lock);
  disposition = g_strdup (self->upload_disposition);
  *content_type = g_strdup (self->upload_type);
  *size = self->upload_size;
  g_mutex_unlock (&self->lock);
  return disposition;
}
