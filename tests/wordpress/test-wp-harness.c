/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wp-harness"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "efir-wp-test-util.h"

/*
 * The WordPress the publishing tests talk to is the real one: discovery
 * through the Link header, application passwords over Basic
 * authentication, the capabilities of each role, a post written over REST
 * and seen from inside the site, and nothing left running afterwards, not
 * even when the test program dies.
 */

#define API_REL "rel=\"https://api.w.org/\""

static const char *program_path;

/* Helpers ---------------------------------------------------------------- */

/* The URL of @route ("wp/v2/posts") with @query ("context=edit" or NULL),
 * whether the API lives under /wp-json/ or in ?rest_route=. */
static char *
rest_endpoint (EfirTestWordPress *wp,
               const char        *route,
               const char        *query)
{
  const char *separator = strchr (wp->rest_url, '?') != NULL ? "&" : "?";

  return g_strconcat (wp->rest_url, route,
                      query != NULL ? separator : "", query != NULL ? query : "",
                      NULL);
}

/* Sends @method to @url as @user (no one if NULL), with @json as the body
 * if not NULL; returns the status and, if asked, what came back and the
 * message itself. */
static guint
request (const char   *method,
         const char   *url,
         const char   *user,
         const char   *password,
         const char   *json,
         GBytes      **body,
         SoupMessage **out_message)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (user != NULL)
    {
      /* WordPress shows application passwords in groups of four; clients
       * send them without the spaces. */
      g_autoptr(GString) secret = g_string_new (password);
      g_autofree char *credentials = NULL;
      g_autofree char *encoded = NULL;
      g_autofree char *header = NULL;

      g_string_replace (secret, " ", "", 0);
      credentials = g_strconcat (user, ":", secret->str, NULL);
      encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
      header = g_strconcat ("Basic ", encoded, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", header);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request_body);
    }

  bytes = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);

  if (body != NULL)
    *body = g_steal_pointer (&bytes);
  if (out_message != NULL)
    *out_message = g_object_ref (message);

  return soup_message_get_status (message);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The capabilities of @user as the API tells that user. */
static JsonObject *
own_capabilities (EfirTestWordPress *wp,
                  const char        *user,
                  const char        *password)
{
  g_autofree char *url = rest_endpoint (wp, "wp/v2/users/me", "context=edit");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) me = NULL;

  g_assert_cmpuint (request ("GET", url, user, password, NULL, &body, NULL), ==, 200);
  me = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (me, "username"), ==, user);

  return json_object_ref (json_object_get_object_member (me, "capabilities"));
}

static gboolean
has_capability (JsonObject *capabilities,
                const char *name)
{
  return json_object_has_member (capabilities, name)
         && json_object_get_boolean_member (capabilities, name);
}

static void
assert_discovers_api (EfirTestWordPress *wp)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *expected = g_strdup_printf ("<%s>; " API_REL, wp->rest_url);
  const char *links;

  g_assert_cmpuint (request ("GET", wp->url, NULL, NULL, NULL, NULL, &message), ==, 200);
  links = soup_message_headers_get_list (soup_message_get_response_headers (message), "Link");
  g_assert_nonnull (links);
  g_assert_nonnull (strstr (links, expected));
}

/* How many running processes name @dir on their command line: the
 * servers do, by their data folder and document root. */
static guint
count_processes_in (const char *dir)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)))
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize length;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      /* The arguments are separated by NULs. */
      for (gsize i = 0; i + 1 < length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, dir) != NULL)
        count++;
    }

  return count;
}

static gboolean
port_answers (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_assert_nonnull (uri);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                g_uri_get_port (uri), NULL, NULL);
  return connection != NULL;
}

static void
assert_nothing_left (const char *dir,
                     const char *url)
{
  g_assert_cmpuint (count_processes_in (dir), ==, 0);
  g_assert_false (port_answers (url));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static EfirTestWordPress *
start_site (gboolean plain_permalinks)
{
  g_autoptr(GError) error = NULL;
  EfirTestWordPress *wp = efir_test_wordpress_start (plain_permalinks, &error);

  g_assert_no_error (error);
  g_assert_nonnull (wp);
  g_assert_true (g_str_has_prefix (wp->url, "http://127.0.0.1:"));
  g_test_message ("WordPress %s at %s", wp->version, wp->url);

  return wp;
}

/* Tests ------------------------------------------------------------------ */

static void
test_pretty_permalinks (void)
{
  EfirTestWordPress *wp = start_site (FALSE);
  g_autofree char *dir = g_strdup (wp->dir);
  g_autofree char *url = g_strdup (wp->url);
  g_autofree char *expected_rest = g_strconcat (wp->url, "wp-json/", NULL);
  g_autoptr(JsonObject) admin = NULL;
  g_autoptr(JsonObject) author = NULL;
  g_autoptr(JsonObject) contributor = NULL;

  g_assert_cmpstr (wp->rest_url, ==, expected_rest);
  assert_discovers_api (wp);

  admin = own_capabilities (wp, wp->admin_user, wp->admin_password);
  g_assert_true (has_capability (admin, "unfiltered_html"));
  author = own_capabilities (wp, wp->author_user, wp->author_password);
  g_assert_true (has_capability (author, "publish_posts"));
  g_assert_true (has_capability (author, "upload_files"));
  g_assert_false (has_capability (author, "unfiltered_html"));
  contributor = own_capabilities (wp, wp->contributor_user, wp->contributor_password);
  g_assert_true (has_capability (contributor, "edit_posts"));
  g_assert_false (has_capability (contributor, "publish_posts"));

  /* A wrong password is refused, not taken for no one. */
  {
    g_autofree char *me = rest_endpoint (wp, "wp/v2/users/me", NULL);

    g_assert_cmpuint (request ("GET", me, wp->author_user, "abcd efgh ijkl mnop qrst uvwx",
                               NULL, NULL, NULL), ==, 401);
  }

  efir_test_wordpress_stop (wp);
  assert_nothing_left (dir, url);
}

static void
test_plain_permalinks (void)
{
  EfirTestWordPress *wp = start_site (TRUE);
  g_autofree char *dir = g_strdup (wp->dir);
  g_autofree char *url = g_strdup (wp->url);
  g_autoptr(JsonObject) author = NULL;

  g_assert_nonnull (strstr (wp->rest_url, "?rest_route=/"));
  assert_discovers_api (wp);
  author = own_capabilities (wp, wp->author_user, wp->author_password);
  g_assert_true (has_capability (author, "publish_posts"));

  efir_test_wordpress_stop (wp);
  assert_nothing_left (dir, url);
}

static void
test_post_seen_on_site (void)
{
  g_autoptr(EfirTestWordPress) wp = start_site (FALSE);
  g_autofree char *posts = rest_endpoint (wp, "wp/v2/posts", NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *php = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *count = NULL;
  gint64 id;

  count = efir_test_wordpress_eval (wp, "echo wp_count_posts ()->publish;", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count, ==, "0");

  g_assert_cmpuint (request ("POST", posts, wp->author_user, wp->author_password,
                             "{\"title\": \"Şənbə axşamı\", \"status\": \"publish\","
                             " \"content\": \"<p>Qonaq: <em>Əli</em></p><script>x()</script>\"}",
                             &body, NULL), ==, 201);
  post = parse_object (body);
  id = json_object_get_int_member (post, "id");
  g_assert_cmpint (id, >, 0);

  /* As anyone on the site sees it: the author's script is gone, for an
   * author may not post unfiltered HTML. */
  php = g_strdup_printf ("$p = get_post (%" G_GINT64_FORMAT ");"
                         " echo $p->post_status, '|', $p->post_title, '|', $p->post_content,"
                         " '|', get_the_author_meta ('user_login', $p->post_author);",
                         id);
  seen = efir_test_wordpress_eval (wp, php, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen, ==, "publish|Şənbə axşamı|<p>Qonaq: <em>Əli</em></p>x()|author");

  /* A colleague edits the post on the site. */
  g_clear_pointer (&php, g_free);
  g_clear_pointer (&seen, g_free);
  php = g_strdup_printf ("wp_update_post (array ('ID' => %" G_GINT64_FORMAT ","
                         " 'post_title' => 'Bazar günü'));"
                         " echo get_the_title (%" G_GINT64_FORMAT ");",
                         id, id);
  seen = efir_test_wordpress_eval (wp, php, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen, ==, "Bazar günü");

  /* A contributor's post waits for someone who may publish it. */
  g_assert_cmpuint (request ("POST", posts, wp->contributor_user, wp->contributor_password,
                             "{\"title\": \"Qaralama\", \"status\": \"publish\"}",
                             NULL, NULL), ==, 403);
}

static void
test_eval_reports_errors (void)
{
  g_autoptr(EfirTestWordPress) wp = start_site (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = efir_test_wordpress_eval (wp, "this is not PHP", &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (output);
}

/* The test program that started the site dies without a word: this very
 * program, run with --start-and-die. */
static int
start_and_die (void)
{
  g_autoptr(GError) error = NULL;
  EfirTestWordPress *wp = efir_test_wordpress_start (FALSE, &error);

  g_assert_no_error (error);

  g_print ("%s\n%s\n", wp->dir, wp->url);
  fflush (stdout);
  kill (getpid (), SIGKILL);

  return 1;
}

static void
test_owner_killed (void)
{
  const char *argv[] = { program_path, "--start-and-die", NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *dir;
  const char *url;

  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  dir = lines[0];
  url = lines[1];
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  /* The site notices within a second or so; a minute is a failure. */
  for (guint i = 0;
       i < 600 && (g_file_test (dir, G_FILE_TEST_EXISTS) || count_processes_in (dir) > 0);
       i++)
    g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  assert_nothing_left (dir, url);
}

int
main (int   argc,
      char *argv[])
{
  program_path = argv[0];
  if (argc == 2 && strcmp (argv[1], "--start-and-die") == 0)
    return start_and_die ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wordpress/harness/pretty-permalinks", test_pretty_permalinks);
  g_test_add_func ("/wordpress/harness/plain-permalinks", test_plain_permalinks);
  g_test_add_func ("/wordpress/harness/post-seen-on-site", test_post_seen_on_site);
  g_test_add_func ("/wordpress/harness/eval-reports-errors", test_eval_reports_errors);
  g_test_add_func ("/wordpress/harness/owner-killed", test_owner_killed);

  return g_test_run ();
}
