/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-link-checker"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "efir-link-checker.h"

/* Types ------------------------------------------------------------------ */

/* A site on loopback that answers each path as a site on the Internet
 * may: a page, a chain of redirects, a loop, a page gone, a server that
 * never answers. */
typedef struct
{
  SoupServer      *server;
  char            *base;
  EfirLinkChecker *checker;
  GMainContext    *context;
  /* Requests of /hold/ running at once, now and at the most. */
  guint            held;
  guint            most_held;
  char            *user_agent;
  GSList          *paused;
} Fixture;

/* Helpers ---------------------------------------------------------------- */

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

static gboolean
release_held_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  Fixture *f = g_object_get_data (G_OBJECT (msg), "fixture");

  f->held--;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);

  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "User-Agent"));

  if (g_str_equal (path, "/ok"))
    soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  else if (g_str_equal (path, "/chain/1"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/chain/2");
  else if (g_str_equal (path, "/chain/2"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/chain/3");
  else if (g_str_equal (path, "/chain/3"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/ok");
  else if (g_str_equal (path, "/permanent"))
    redirect (msg, SOUP_STATUS_PERMANENT_REDIRECT, "/ok");
  else if (g_str_equal (path, "/temporary"))
    redirect (msg, SOUP_STATUS_FOUND, "/ok");
  else if (g_str_equal (path, "/loop/a"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop/b");
  else if (g_str_equal (path, "/loop/b"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop/a");
  else if (g_str_equal (path, "/missing"))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (g_str_equal (path, "/gone"))
    soup_server_message_set_status (msg, SOUP_STATUS_GONE, NULL);
  else if (g_str_equal (path, "/no-head"))
    soup_server_message_set_status (msg, g_str_equal (method, "HEAD")
                                            ? SOUP_STATUS_METHOD_NOT_ALLOWED
                                            : SOUP_STATUS_OK, NULL);
  else if (g_str_equal (path, "/error"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_equal (path, "/silent"))
    {
      /* Never answered: the checker's timeout ends the wait. */
      soup_server_message_pause (msg);
      f->paused = g_slist_prepend (f->paused, g_object_ref (msg));
    }
  else if (g_str_has_prefix (path, "/hold/"))
    {
      f->held++;
      f->most_held = MAX (f->most_held, f->held);
      soup_server_message_pause (msg);
      g_object_set_data (G_OBJECT (msg), "fixture", f);
      g_timeout_add (20, release_held_cb, g_object_ref (msg));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  f->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (f->base, "/"))
    f->base[strlen (f->base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->checker = efir_link_checker_new ();
  efir_link_checker_set_timeout (f->checker, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (GSList *l = f->paused; l != NULL; l = l->next)
    {
      soup_server_message_set_status (l->data, SOUP_STATUS_OK, NULL);
      soup_server_message_unpause (l->data);
    }
  g_slist_free_full (f->paused, g_object_unref);

  g_clear_object (&f->checker);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->user_agent, g_free);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  gboolean        done;
  EfirLinkStatus  status;
  char           *final_url;
  guint           http_status;
} Check;

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Check *check = user_data;
  g_autoptr(GError) error = NULL;

  check->status = efir_link_checker_check_finish (EFIR_LINK_CHECKER (object), result,
                                                  &check->final_url, &check->http_status,
                                                  &error);
  g_assert_no_error (error);
  check->done = TRUE;
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  EfirLinkStatus status;

  status = efir_link_checker_check_finish (EFIR_LINK_CHECKER (object), result, NULL, NULL,
                                           &error);
  g_assert_cmpint (status, ==, EFIR_LINK_STATUS_UNCHECKED);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

static EfirLinkStatus
check_url (Fixture     *f,
           const char  *url,
           char       **out_final_url)
{
  Check check = { 0 };

  efir_link_checker_check_async (f->checker, url, NULL, checked_cb, &check);
  while (!check.done)
    g_main_context_iteration (NULL, TRUE);

  if (out_final_url != NULL)
    *out_final_url = check.final_url;
  else
    g_free (check.final_url);

  return check.status;
}

static EfirLinkStatus
check_path (Fixture     *f,
            const char  *path,
            char       **out_final_url)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);

  return check_url (f, url, out_final_url);
}

/* Tests ------------------------------------------------------------------ */

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  g_autofree char *final_url = NULL;

  g_assert_cmpint (check_path (f, "/ok", &final_url), ==, EFIR_LINK_STATUS_OK);
  g_assert_null (final_url);
  g_assert_cmpstr (f->user_agent, ==, "Efir/" PACKAGE_VERSION);

  /* A site that refuses HEAD is asked again with GET. */
  g_assert_cmpint (check_path (f, "/no-head", NULL), ==, EFIR_LINK_STATUS_OK);
  /* A temporary redirect is no news: the link stays as it is. */
  g_assert_cmpint (check_path (f, "/temporary", &final_url), ==, EFIR_LINK_STATUS_OK);
  g_assert_null (final_url);
}

static void
test_moved (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *chain = NULL;
  g_autofree char *permanent = NULL;
  g_autofree char *expected = g_strconcat (f->base, "/ok", NULL);

  g_assert_cmpint (check_path (f, "/chain/1", &chain), ==, EFIR_LINK_STATUS_MOVED);
  g_assert_cmpstr (chain, ==, expected);
  g_assert_cmpint (check_path (f, "/permanent", &permanent), ==, EFIR_LINK_STATUS_MOVED);
  g_assert_cmpstr (permanent, ==, expected);
}

static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpint (check_path (f, "/loop/a", NULL), ==, EFIR_LINK_STATUS_BROKEN);
  g_assert_cmpint (check_path (f, "/missing", NULL), ==, EFIR_LINK_STATUS_BROKEN);
  g_assert_cmpint (check_path (f, "/gone", NULL), ==, EFIR_LINK_STATUS_BROKEN);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  guint16 port;

  g_assert_cmpint (check_path (f, "/error", NULL), ==, EFIR_LINK_STATUS_UNREACHABLE);
  g_assert_cmpint (check_path (f, "/silent", NULL), ==, EFIR_LINK_STATUS_UNREACHABLE);

  /* A port that was free a moment ago, and closed again: refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  refused = g_strdup_printf ("http://127.0.0.1:%u/ok", port);
  g_assert_cmpint (check_url (f, refused, NULL), ==, EFIR_LINK_STATUS_UNREACHABLE);
}

static void
test_one_request_per_host (Fixture       *f,
                           gconstpointer  data)
{
  Check checks[4] = { 0 };
  gboolean all_done = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/hold/%u", f->base, i);

      efir_link_checker_check_async (f->checker, url, NULL, checked_cb, &checks[i]);
    }

  while (!all_done)
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
        all_done = all_done && checks[i].done;
    }

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_assert_cmpint (checks[i].status, ==, EFIR_LINK_STATUS_OK);
  g_assert_cmpuint (f->most_held, ==, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = g_strconcat (f->base, "/silent", NULL);
  g_autofree char *queued_url = g_strconcat (f->base, "/ok", NULL);
  Check queued = { 0 };
  gboolean done = FALSE;

  efir_link_checker_check_async (f->checker, url, cancellable, cancelled_cb, &done);
  /* A check of the same host waits for its turn, and gets it. */
  efir_link_checker_check_async (f->checker, queued_url, NULL, checked_cb, &queued);
  g_cancellable_cancel (cancellable);

  while (!done || !queued.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (queued.status, ==, EFIR_LINK_STATUS_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/publish/link-checker/ok", test_ok);
  ADD ("/publish/link-checker/moved", test_moved);
  ADD ("/publish/link-checker/broken", test_broken);
  ADD ("/publish/link-checker/unreachable", test_unreachable);
  ADD ("/publish/link-checker/one-request-per-host", test_one_request_per_host);
  ADD ("/publish/link-checker/cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
