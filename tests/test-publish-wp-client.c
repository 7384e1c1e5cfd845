/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-wp-client"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "efir-test-wp-server.h"
#include "efir-wp-client-private.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  EfirTestWpServer *server;
  EfirWpClient     *client;     /* on /wp-json/ */
} Fixture;

static EfirWpClient *
new_client (EfirTestWpServer *server,
            const char       *path)
{
  g_autofree char *root = efir_test_wp_server_get_url (server, path);
  g_autoptr(GError) error = NULL;
  EfirWpClient *client;

  client = efir_wp_client_new (root, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, &error);
  g_assert_no_error (error);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = efir_test_wp_server_new (NULL, NULL);
  fixture->client = new_client (fixture->server, "/wp-json/");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  efir_test_wp_server_free (fixture->server);
}

static JsonObject *
episode_fields (const char *title,
                const char *slug)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "slug", slug);
  json_object_set_string_member (fields, "content", "<!-- wp:paragraph --><p>Qonaq</p>");
  json_object_set_string_member (fields, "status", "draft");
  return fields;
}

static JsonObject *
create_post (EfirWpClient *client,
             const char   *title,
             const char   *slug)
{
  g_autoptr(JsonObject) fields = episode_fields (title, slug);
  g_autoptr(GError) error = NULL;
  JsonObject *post;

  post = efir_wp_client_create_post (client, fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  return post;
}

/* Discovery -------------------------------------------------------------- */

static void
test_discover_link (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *site = efir_test_wp_server_get_url (fixture->server, "/");
  g_autofree char *expected = efir_test_wp_server_get_url (fixture->server, "/wp-json/");
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  root = efir_wp_discover_api_root (site, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, expected);
}

static void
test_discover_rest_route (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *site = efir_test_wp_server_get_url (fixture->server, "/plain/");
  g_autofree char *expected = efir_test_wp_server_get_url (fixture->server, "/plain/?rest_route=/");
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  root = efir_wp_discover_api_root (site, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, expected);

  /* A site in trouble is not a site without an API: it is tried again. */
  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_STATUS, 503, "text/html",
                                 "<html><body>Service Unavailable</body></html>", NULL, NULL);
  g_clear_pointer (&root, g_free);
  root = efir_wp_discover_api_root (site, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_SERVER);
  g_assert_null (root);
}

static void
test_discover_no_api (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *site = efir_test_wp_server_get_url (fixture->server, "/static/");
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  root = efir_wp_discover_api_root (site, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NO_API);
  g_assert_null (root);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

/* Plain http leaves the machine only never: refused before any request. */
static void
test_insecure_refused (void)
{
  const char *refused[] = {
    "http://example.org/wp-json/",
    "http://192.0.2.10/?rest_route=/",
    "http://localhost.example.org/wp-json/",
    "http://[2001:db8::1]/wp-json/",
  };
  const char *allowed[] = {
    "http://localhost:8080/wp-json/",
    "http://127.0.0.1/wp-json/",
    "http://127.4.5.6:9/?rest_route=/",
    "http://[::1]:8080/wp-json/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EfirWpClient) client = efir_wp_client_new (refused[i], "aysel", "x", &error);
      g_autofree char *root = NULL;

      g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INSECURE);
      g_assert_null (client);
      g_clear_error (&error);

      root = efir_wp_discover_api_root (refused[i], NULL, &error);
      g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INSECURE);
      g_assert_null (root);
    }

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EfirWpClient) client = efir_wp_client_new (allowed[i], "aysel", "x", &error);

      g_assert_no_error (error);
      g_assert_cmpuint (efir_wp_client_get_n_requests (client, NULL), ==, 0);
    }
}

static void
test_address_forms (void)
{
  const struct
  {
    const char *typed;
    const char *root;
  } cases[] = {
    { "example.org/wp-json", "https://example.org/wp-json/" },
    { "  https://example.org/wp-json/  ", "https://example.org/wp-json/" },
    { "https://example.org/?rest_route=/", "https://example.org/?rest_route=/" },
    { "https://aysel:secret@example.org/wp-json/", "https://example.org/wp-json/" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpClient) nothing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EfirWpClient) client = efir_wp_client_new (cases[i].typed, "aysel", "x", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (efir_wp_client_get_api_root (client), ==, cases[i].root);
    }

  nothing = efir_wp_client_new ("ftp://example.org/", "aysel", "x", &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID);
  g_assert_null (nothing);
}

/* Posts ------------------------------------------------------------------ */

static void
run_posts_scenario (EfirTestWpServer *server,
                    EfirWpClient     *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpUser) user = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) peeked = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonObject) update = json_object_new ();
  g_autoptr(JsonObject) trashed = NULL;
  g_autoptr(JsonObject) trashed_again = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autofree char *version = NULL;
  gint64 id;
  guint total_pages = 0;

  user = efir_wp_client_verify (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 5);
  g_assert_cmpstr (user->name, ==, "Aysel Məmmədova");
  g_assert_cmpstr (user->slug, ==, "aysel");
  g_assert_true (user->can_publish);
  g_assert_false (user->unfiltered_html);

  created = create_post (client, "Çətin sual 112: İran & Rusiya", "cetin-sual-112");
  id = json_object_get_int_member (created, "id");
  g_assert_cmpint (id, >, 0);

  post = efir_wp_client_get_post (client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "content"), "raw"),
                   ==, "<!-- wp:paragraph --><p>Qonaq</p>");
  g_assert_cmpstr (json_object_get_string_member (post, "slug"), ==, "cetin-sual-112");

  peeked = efir_wp_client_peek_post (client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (peeked, "modified_gmt"));
  g_assert_true (json_object_has_member (peeked, "link"));
  g_assert_false (json_object_has_member (peeked, "content"));

  json_object_set_string_member (update, "status", "publish");
  updated = efir_wp_client_update_post (client, id, update, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (updated, "status"), ==, "publish");

  found = efir_wp_client_find_posts (client, "iran & rusiya", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_clear_pointer (&found, json_array_unref);
  found = efir_wp_client_find_posts (client, NULL, "cetin-sual-112", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_clear_pointer (&found, json_array_unref);
  found = efir_wp_client_find_posts (client, "Çətin", "another-slug", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (found), ==, 0);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("Buraxılış %u", i);
      g_autofree char *slug = g_strdup_printf ("buraxilis-%u", i);
      g_autoptr(JsonObject) more = create_post (client, title, slug);
    }
  page = efir_wp_client_list_posts (client, 3, 2, &total_pages, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total_pages, ==, 3);
  g_assert_cmpuint (json_array_get_length (page), ==, 1);

  trashed = efir_wp_client_trash_post (client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (trashed, "status"), ==, "trash");
  trashed_again = efir_wp_client_trash_post (client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (trashed_again, "status"), ==, "trash");

  version = efir_wp_client_get_version (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (version);
  g_assert_false (efir_wp_client_last_request_may_have_landed (client));
}

static void
assert_identity_arrived (EfirTestWpServer *server)
{
  g_autofree char *agent = efir_test_wp_server_get_last_header (server, "User-Agent");
  g_autofree char *authorization = efir_test_wp_server_get_last_header (server, "Authorization");
  g_autofree char *expected = NULL;
  g_autofree char *encoded = NULL;

  g_assert_cmpstr (agent, ==, "Efir/" PACKAGE_VERSION);
  encoded = g_base64_encode ((const guchar *) "aysel:abcdEFGHijklMNOPqrstUVWX",
                             strlen ("aysel:abcdEFGHijklMNOPqrstUVWX"));
  expected = g_strconcat ("Basic ", encoded, NULL);
  g_assert_cmpstr (authorization, ==, expected);
}

static void
test_posts_wp_json (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autofree char *version = NULL;

  run_posts_scenario (fixture->server, fixture->client);

  /* The version the home page's generator tag gives. */
  version = efir_wp_client_get_version (fixture->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "6.1.1");

  post = efir_wp_client_peek_post (fixture->client, 101, NULL, &error);
  g_assert_no_error (error);
  assert_identity_arrived (fixture->server);

  /* One kept-alive connection for the whole scenario. */
  g_assert_cmpuint (efir_test_wp_server_get_n_connections (fixture->server), ==, 1);
  g_assert_cmpuint (efir_wp_client_get_n_requests (fixture->client, NULL), ==,
                    efir_test_wp_server_get_n_requests (fixture->server));
  g_assert_cmpuint (efir_wp_client_get_n_requests (fixture->client, "POST"), ==, 6);
  g_assert_cmpuint (efir_wp_client_get_n_requests (fixture->client, "DELETE"), ==, 2);
}

static void
test_posts_rest_route (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EfirWpClient) client = new_client (fixture->server, "/plain/?rest_route=/");
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  run_posts_scenario (fixture->server, client);
  assert_identity_arrived (fixture->server);

  /* This home page hides the generator; its feed tells. */
  version = efir_wp_client_get_version (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "6.4.2");
}

static void
test_post_gone (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  post = efir_wp_client_get_post (fixture->client, 4242, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_assert_null (post);
}

static void
test_redirect_followed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EfirWpClient) client = new_client (fixture->server, "/old-json/");
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpUser) user = NULL;

  user = efir_wp_client_verify (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 5);
  g_assert_cmpuint (efir_wp_client_get_n_requests (client, "GET"), ==, 2);
}

/* Terms and media -------------------------------------------------------- */

static void
test_terms (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 iran;

  /* Found by name, whatever the case and the spaces around it. */
  g_assert_cmpint (efir_wp_client_ensure_term (fixture->client, "tags", "  rusiya ", NULL, &error),
                   ==, 7);
  g_assert_no_error (error);
  g_assert_cmpint (efir_wp_client_ensure_term (fixture->client, "tags", "Q&A", NULL, &error), ==, 8);
  g_assert_no_error (error);
  g_assert_cmpint (efir_wp_client_ensure_term (fixture->client, "categories", "SİYASƏT", NULL,
                                               &error),
                   ==, 3);
  g_assert_no_error (error);

  /* Created once, found after. */
  iran = efir_wp_client_ensure_term (fixture->client, "tags", "İran", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (iran, >=, 20);
  g_assert_cmpint (efir_wp_client_ensure_term (fixture->client, "tags", "İran", NULL, &error), ==,
                   iran);
  g_assert_no_error (error);

  /* A term the search misses is still the one WordPress reports. */
  efir_test_wp_server_hide_terms (fixture->server);
  g_assert_cmpint (efir_wp_client_ensure_term (fixture->client, "tags", "Rusiya", NULL, &error), ==,
                   7);
  g_assert_no_error (error);

  g_assert_cmpint (efir_wp_client_ensure_term (fixture->client, "tags", "   ", NULL, &error), ==, 0);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID);
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
test_list_terms (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  categories = efir_wp_client_list_terms (fixture->client, "categories", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (categories, 0), ==, "Siyasət");

  /* As the producer reads them, not as WordPress escapes them. */
  tags = efir_wp_client_list_terms (fixture->client, "tags", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_name (tags, "Q&A"));
  g_assert_true (has_name (tags, "Rusiya"));

  /* One made since is there too. */
  efir_wp_client_ensure_term (fixture->client, "categories", "Müsahibə", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&categories, g_ptr_array_unref);
  categories = efir_wp_client_list_terms (fixture->client, "categories", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_name (categories, "Müsahibə"));
  g_assert_true (has_name (categories, "Siyasət"));
}

static void
test_media (Fixture       *fixture,
            gconstpointer  data)
{
  static const guchar jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 0xff, 0xd9 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GError) error = NULL;
  g_autofree char *disposition = NULL;
  g_autofree char *type = NULL;
  gsize size = 0;
  gint64 id;

  id = efir_wp_client_upload_media (fixture->client, bytes, "/home/aysel/Şəkillər/Çətin \"sual\" 112.jpg",
                                    "image/jpeg", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  disposition = efir_test_wp_server_get_last_upload (fixture->server, &type, &size);
  g_assert_cmpstr (disposition, ==, "attachment; filename=\"cetin-sual-112.jpg\"");
  g_assert_cmpstr (type, ==, "image/jpeg");
  g_assert_cmpuint (size, ==, sizeof jpeg);
}

/* Failures --------------------------------------------------------------- */

typedef struct
{
  guint        status;
  const char  *content_type;
  const char  *body;
  const char  *header;
  const char  *value;
  EfirWpError  code;
  gboolean     transient;
  gboolean     landed;     /* after a POST */
  const char  *site_said;  /* part of the message, or NULL */
} StatusCase;

static void
test_status_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *json = "application/json";
  const StatusCase cases[] = {
    { 400, json, "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid parameter(s): status\"}",
      NULL, NULL, EFIR_WP_ERROR_BAD_REQUEST, FALSE, FALSE, "Invalid parameter(s): status" },
    { 401, json, "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid application password.\"}",
      NULL, NULL, EFIR_WP_ERROR_UNAUTHORIZED, FALSE, FALSE, "invalid application password" },
    { 403, json, "{\"code\":\"rest_cannot_publish\",\"message\":\"Sorry, you are not allowed to publish posts as this user.\"}",
      NULL, NULL, EFIR_WP_ERROR_FORBIDDEN, FALSE, FALSE, "not allowed to publish" },
    { 404, json, "{\"code\":\"rest_no_route\",\"message\":\"No route was found matching the URL and request method.\"}",
      NULL, NULL, EFIR_WP_ERROR_NOT_FOUND, FALSE, FALSE, "No route was found" },
    { 409, json, "{\"code\":\"rest_conflict\",\"message\":\"Conflict &amp; more\"}",
      NULL, NULL, EFIR_WP_ERROR_CONFLICT, FALSE, FALSE, "Conflict & more" },
    { 429, "text/html", "<html><body><h1>Too Many Requests</h1></body></html>",
      "Retry-After", "120", EFIR_WP_ERROR_RATE_LIMITED, TRUE, FALSE, NULL },
    { 500, json, "{\"code\":\"internal_server_error\",\"message\":\"<p>There has been a <b>critical error</b> on this website.</p>\"}",
      NULL, NULL, EFIR_WP_ERROR_SERVER, TRUE, TRUE, "There has been a critical error on this website." },
    { 502, "text/html", "<html><body>Bad Gateway</body></html>",
      NULL, NULL, EFIR_WP_ERROR_SERVER, TRUE, TRUE, NULL },
    { 503, "text/html", "<html><body>Briefly unavailable for scheduled maintenance.</body></html>",
      "Retry-After", "600", EFIR_WP_ERROR_SERVER, TRUE, TRUE, NULL },
    /* A captive portal, and a PHP warning printed before the JSON. */
    { 200, "text/html", "<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>",
      NULL, NULL, EFIR_WP_ERROR_INVALID_RESPONSE, FALSE, TRUE, NULL },
    { 200, json, "Warning: Undefined variable $x in plugin.php on line 3\n{\"id\":12",
      NULL, NULL, EFIR_WP_ERROR_INVALID_RESPONSE, FALSE, TRUE, NULL },
  };
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) fields = episode_fields ("Çətin sual", "cetin-sual");
      g_autoptr(JsonObject) post = NULL;

      efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_STATUS, cases[i].status,
                                     cases[i].content_type, cases[i].body, cases[i].header,
                                     cases[i].value);
      post = efir_wp_client_create_post (fixture->client, fields, NULL, &error);
      g_test_message ("HTTP %u: %s", cases[i].status, error != NULL ? error->message : "(none)");
      g_assert_null (post);
      g_assert_error (error, EFIR_WP_ERROR, (gint) cases[i].code);
      g_assert_cmpint (efir_wp_error_is_transient (error), ==, cases[i].transient);
      g_assert_cmpint (efir_wp_client_last_request_may_have_landed (fixture->client), ==,
                       cases[i].landed);
      g_assert_null (strstr (error->message, "<"));
      if (cases[i].site_said != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].site_said));

      /* Each failure has its own sentence. */
      g_assert_false (g_hash_table_contains (messages, error->message));
      g_hash_table_add (messages, g_strdup (error->message));

      if (cases[i].status == 429)
        {
          g_assert_cmpuint (efir_wp_client_get_retry_after (fixture->client), ==, 120);
          g_assert_nonnull (strstr (error->message, "120"));
        }
      else if (cases[i].status == 503)
        g_assert_cmpuint (efir_wp_client_get_retry_after (fixture->client), ==, 600);
      else
        g_assert_cmpuint (efir_wp_client_get_retry_after (fixture->client), ==, 0);
    }

  /* The post missing is its own sentence again, with its id. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) post = NULL;

    efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL,
                                   NULL);
    post = efir_wp_client_get_post (fixture->client, 77, NULL, &error);
    g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND);
    g_assert_false (g_hash_table_contains (messages, error->message));
  }
}

static void
test_retry_after_date (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 300);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;
  guint seconds;

  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_STATUS, 429, "application/json",
                                 "{\"code\":\"too_many\",\"message\":\"Slow down\"}", "Retry-After",
                                 date);
  post = efir_wp_client_get_post (fixture->client, 1, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_RATE_LIMITED);
  seconds = efir_wp_client_get_retry_after (fixture->client);
  /* The date has whole seconds; the test may take a few. */
  g_assert_cmpuint (seconds, >, 200);
  g_assert_cmpuint (seconds, <=, 300);

  /* The next call that succeeds forgets it. */
  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  g_clear_error (&error);
  g_clear_pointer (&post, json_object_unref);
  post = efir_wp_client_peek_post (fixture->client, 1, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND);
  g_assert_cmpuint (efir_wp_client_get_retry_after (fixture->client), ==, 0);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = episode_fields ("Çətin sual", "cetin-sual");
  g_autoptr(JsonObject) post = NULL;

  g_object_set (fixture->client, "timeout", 1, NULL);
  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_PAUSE, 0, NULL, NULL, NULL,
                                 NULL);
  post = efir_wp_client_create_post (fixture->client, fields, NULL, &error);
  efir_test_wp_server_release (fixture->server);

  g_assert_null (post);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TIMEOUT);
  g_assert_true (efir_wp_error_is_transient (error));
  g_assert_true (efir_wp_client_last_request_may_have_landed (fixture->client));
}

static void
test_connection_reset (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_RESET, 0, NULL, NULL, NULL,
                                 NULL);
  post = efir_wp_client_get_post (fixture->client, 1, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(none)");
  g_assert_null (post);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK);
  g_assert_true (efir_wp_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "broke"));
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpClient) client = NULL;
  g_autoptr(JsonObject) fields = episode_fields ("Çətin sual", "cetin-sual");
  g_autoptr(JsonObject) post = NULL;
  g_autofree char *root = NULL;

  /* A port that was free a moment ago and has no listener. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  root = g_strdup_printf ("http://127.0.0.1:%u/wp-json/",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = efir_wp_client_new (root, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, &error);
  g_assert_no_error (error);
  post = efir_wp_client_create_post (client, fields, NULL, &error);
  g_assert_null (post);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK);
  g_assert_true (efir_wp_error_is_transient (error));
  g_assert_false (efir_wp_client_last_request_may_have_landed (client));
  g_assert_nonnull (strstr (error->message, "refused"));
}

/* The site stored the post and the answer never came: the outbox must look
 * before it creates again, and libsoup must not have sent it twice. */
static void
test_dropped_after_store (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpUser) user = NULL;
  g_autoptr(JsonObject) fields = episode_fields ("Çətin sual 113", "cetin-sual-113");
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonArray) found = NULL;

  /* The POST goes over a kept-alive connection, which libsoup would
   * quietly resend an idempotent request on. */
  user = efir_wp_client_verify (fixture->client, NULL, &error);
  g_assert_no_error (error);

  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_DROP_AFTER_STORE, 0, NULL,
                                 NULL, NULL, NULL);
  post = efir_wp_client_create_post (fixture->client, fields, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(none)");
  g_assert_null (post);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK);
  g_assert_true (efir_wp_error_is_transient (error));
  g_assert_true (efir_wp_client_last_request_may_have_landed (fixture->client));
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (fixture->server), ==, 1);

  g_clear_error (&error);
  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  found = efir_wp_client_find_posts (fixture->client, NULL, "cetin-sual-113", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_false (efir_wp_client_last_request_may_have_landed (fixture->client));
}

/* Without GLib's TLS module nothing is sent: https fails closed. */
static void
test_no_tls_backend (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *http_root = efir_test_wp_server_get_url (fixture->server, "/wp-json/");
  g_autofree char *root = g_strconcat ("https", http_root + strlen ("http"), NULL);
  g_autoptr(EfirWpClient) client = NULL;
  g_autoptr(EfirWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (g_tls_backend_supports_tls (g_tls_backend_get_default ()));

  client = efir_wp_client_new (root, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, &error);
  g_assert_no_error (error);
  user = efir_wp_client_verify (client, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(none)");
  g_assert_null (user);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TLS);
  g_assert_false (efir_wp_error_is_transient (error));
  g_assert_cmpuint (efir_test_wp_server_get_n_requests (fixture->server), ==, 0);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  g_cancellable_cancel (cancellable);
  post = efir_wp_client_get_post (fixture->client, 1, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (post);
}

/* Calls made each in a thread of its own, as the outbox's GTasks may. */
static gpointer
thread_started_cb (gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirWpUser) user = efir_wp_client_verify (user_data, NULL, &error);
  g_autoptr(JsonObject) fields = episode_fields ("Çətin sual", "cetin-sual");
  g_autoptr(JsonObject) post = NULL;

  g_assert_no_error (error);
  post = efir_wp_client_create_post (user_data, fields, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    g_thread_join (g_thread_new ("publish", thread_started_cb, fixture->client));

  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (fixture->server), ==, 3);
  /* libsoup 3.2 hands a kept-alive connection from thread to thread. */
  g_assert_cmpuint (efir_test_wp_server_get_n_connections (fixture->server), ==, 1);
}

/* Secrets ---------------------------------------------------------------- */

static GMutex log_lock;
static GString *log_capture;

static GLogWriterOutput
log_written_cb (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  if (log_capture != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (fields[i].length < 0)
          g_string_append_printf (log_capture, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
        else
          {
            g_string_append_printf (log_capture, "%s=", fields[i].key);
            g_string_append_len (log_capture, fields[i].value, fields[i].length);
            g_string_append_c (log_capture, '\n');
          }
      g_mutex_unlock (&log_lock);
      return G_LOG_WRITER_HANDLED;
    }
  g_mutex_unlock (&log_lock);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_no_secret (const char *text)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) "aysel:abcdEFGHijklMNOPqrstUVWX",
                                              strlen ("aysel:abcdEFGHijklMNOPqrstUVWX"));

  g_assert_null (strstr (text, EFIR_TEST_WP_PASSWORD));
  g_assert_null (strstr (text, "abcdEFGH"));
  g_assert_null (strstr (text, "qrst"));
  g_assert_null (strstr (text, encoded));
  g_assert_null (g_strstr_len (text, -1, "Authorization"));
  g_assert_null (g_strstr_len (text, -1, "authorization"));
}

static void
test_no_secret_in_logs (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autofree char *site = efir_test_wp_server_get_url (fixture->server, "/");
  g_autofree char *root = NULL;
  g_autoptr(EfirWpClient) client = NULL;
  g_autoptr(EfirWpClient) wrong = NULL;
  g_autoptr(EfirWpUser) user = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(EfirWpUser) nobody = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) captured = NULL;

  g_log_set_debug_enabled (TRUE);
  g_mutex_lock (&log_lock);
  log_capture = g_string_new (NULL);
  g_mutex_unlock (&log_lock);

  root = efir_wp_discover_api_root (site, NULL, &error);
  g_assert_no_error (error);
  client = efir_wp_client_new (root, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, &error);
  g_assert_no_error (error);
  user = efir_wp_client_verify (client, NULL, &error);
  g_assert_no_error (error);
  post = create_post (client, "Çətin sual", "cetin-sual");

  wrong = efir_wp_client_new (root, EFIR_TEST_WP_USER, "abcd EFGH ijkl MNOP qrst UVWY", &error);
  g_assert_no_error (error);
  nobody = efir_wp_client_verify (wrong, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_UNAUTHORIZED);
  g_string_append_printf (errors, "%s\n", error->message);
  g_clear_error (&error);

  efir_test_wp_server_set_fault (fixture->server, EFIR_TEST_WP_FAULT_STATUS, 401, "application/json",
                                 "{\"code\":\"x\",\"message\":\"Bad header\"}", NULL, NULL);
  failed = efir_wp_client_get_post (client, 101, NULL, &error);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_UNAUTHORIZED);
  g_string_append_printf (errors, "%s\n", error->message);
  g_clear_error (&error);

  g_mutex_lock (&log_lock);
  captured = g_steal_pointer (&log_capture);
  g_mutex_unlock (&log_lock);
  g_log_set_debug_enabled (FALSE);

  /* The capture works: the requests were logged, without a secret. */
  g_assert_nonnull (strstr (captured->str, "wp/v2/users/me"));
  g_assert_nonnull (strstr (captured->str, "efir-wp-client"));
  assert_no_secret (captured->str);
  assert_no_secret (errors->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_written_cb, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/publish/wp-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("discover/link", test_discover_link);
  ADD ("discover/rest-route", test_discover_rest_route);
  ADD ("discover/no-api", test_discover_no_api);
  g_test_add_func ("/publish/wp-client/insecure-refused", test_insecure_refused);
  g_test_add_func ("/publish/wp-client/address-forms", test_address_forms);
  ADD ("posts/wp-json", test_posts_wp_json);
  ADD ("posts/rest-route", test_posts_rest_route);
  ADD ("posts/gone", test_post_gone);
  ADD ("redirect-followed", test_redirect_followed);
  ADD ("terms", test_terms);
  ADD ("list-terms", test_list_terms);
  ADD ("media", test_media);
  ADD ("errors/status", test_status_errors);
  ADD ("errors/retry-after-date", test_retry_after_date);
  ADD ("errors/timeout", test_timeout);
  ADD ("errors/connection-reset", test_connection_reset);
  g_test_add_func ("/publish/wp-client/errors/connection-refused", test_connection_refused);
  ADD ("errors/dropped-after-store", test_dropped_after_store);
  ADD ("no-tls-backend", test_no_tls_backend);
  ADD ("cancelled", test_cancelled);
  ADD ("threads", test_threads);
  ADD ("no-secret-in-logs", test_no_secret_in_logs);

#undef ADD

  return g_test_run ();
}
