/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-wp-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "efir-fold.h"
#include "efir-html-text.h"
#include "efir-slug.h"
#include "efir-wp-client-private.h"

/* Types and properties --------------------------------------------------- */

#define DEFAULT_TIMEOUT_SECONDS 30
#define IDLE_TIMEOUT_SECONDS    60
#define MAX_REDIRECTS           5
#define MAX_RETRY_AFTER_SECONDS (24 * 60 * 60)
#define MAX_SITE_MESSAGE_CHARS  300

/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

/* What WordPress calls "any status but trash" for a reader with edit rights. */
#define EDITABLE_STATUSES "publish,future,draft,pending,private"

struct _EfirWpClient
{
  GObject      parent_instance;

  /* Owned */
  SoupSession *session;
  GUri        *api_root;       /* NULL for the discovery's client */
  char        *api_root_str;
  char        *root_path;      /* encoded, ends in "/" */
  char        *root_query;     /* encoded query of the API root but rest_route, or NULL */
  char        *rest_route;     /* decoded route prefix ending in "/", NULL for /wp-json/ roots */
  char        *authorization;  /* "Basic …": never logged */
  guint        timeout;

  GMutex       lock;           /* guards what follows */
  GHashTable  *n_requests;     /* method -> count */
  guint        n_requests_total;
  guint        retry_after;
  gboolean     may_have_landed;
};

G_DEFINE_FINAL_TYPE (EfirWpClient, efir_wp_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_ROOT,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One HTTP answer, after the redirects. */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  GUri               *uri;     /* where the answer came from */
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->uri, g_uri_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* Helpers ---------------------------------------------------------------- */

static char *
uri_for_log (GUri *uri)
{
  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Plain http would carry the password in the clear; on this machine
 * (a local test site) nobody else sees it. */
static gboolean
check_secure (GUri    *uri,
              GError **error)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INSECURE,
               _("%s uses plain http. Efir sends the site’s password only over https."),
               g_uri_get_host (uri));
  return FALSE;
}

/* "example.org" -> https://example.org/; a web address with http or https
 * otherwise, refused when it is not secure. */
static GUri *
parse_address (const char  *address,
               GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (address != NULL ? address : ""));
  g_autofree char *full = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strstr (trimmed, "://") == NULL && *trimmed != '\0')
    full = g_strconcat ("https://", trimmed, NULL);
  else
    full = g_strdup (trimmed);

  uri = g_uri_parse (full, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                   _("“%s” is not the address of a website."), trimmed);
      return NULL;
    }

  if (!check_secure (uri, error))
    return NULL;

  /* A user and password in the address would end up in logs; the
   * application password travels in its own header. */
  return g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/",
                      g_uri_get_query (uri), NULL);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return a != NULL && b != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0
         && g_uri_get_port (a) == g_uri_get_port (b);
}

static char *
escape_value (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/* The address of @route ("wp/v2/posts/5") with @params (name, value, …,
 * NULL; values unescaped) under either shape of API root: /wp-json/ROUTE?Q
 * or /?rest_route=/ROUTE&Q. */
static GUri *
build_uri (EfirWpClient       *self,
           const char         *route,
           const char * const *params)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *path = NULL;

  if (self->rest_route != NULL)
    {
      g_autofree char *full_route = g_strconcat (self->rest_route, route, NULL);
      g_autofree char *escaped = g_uri_escape_string (full_route, "/", FALSE);

      g_string_append_printf (query, "rest_route=%s", escaped);
      path = g_strdup (self->root_path);
    }
  else
    path = g_strconcat (self->root_path, route, NULL);

  if (self->root_query != NULL)
    g_string_append_printf (query, "%s%s", query->len > 0 ? "&" : "", self->root_query);

  for (guint i = 0; params != NULL && params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      g_autofree char *value = escape_value (params[i + 1]);

      g_string_append_printf (query, "%s%s=%s", query->len > 0 ? "&" : "", params[i], value);
    }

  return g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->api_root), NULL,
                      g_uri_get_host (self->api_root), g_uri_get_port (self->api_root), path,
                      query->len > 0 ? query->str : NULL, NULL);
}

static gboolean
set_api_root (EfirWpClient  *self,
              const char    *api_root,
              GError       **error)
{
  g_autoptr(GUri) uri = parse_address (api_root, error);
  g_autoptr(GString) other = g_string_new (NULL);
  g_auto(GStrv) pieces = NULL;
  const char *path;

  if (uri == NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  self->root_path = g_str_has_suffix (path, "/") ? g_strdup (path) : g_strconcat (path, "/", NULL);

  pieces = g_strsplit (g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", "&", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      if (g_str_has_prefix (pieces[i], "rest_route="))
        {
          g_autofree char *route = g_uri_unescape_string (pieces[i] + strlen ("rest_route="), NULL);

          if (route == NULL || *route == '\0')
            route = g_strdup ("/");
          self->rest_route = g_str_has_suffix (route, "/") ? g_steal_pointer (&route)
                                                           : g_strconcat (route, "/", NULL);
        }
      else if (*pieces[i] != '\0')
        g_string_append_printf (other, "%s%s", other->len > 0 ? "&" : "", pieces[i]);
    }
  if (other->len > 0)
    self->root_query = g_string_free (g_steal_pointer (&other), FALSE);

  /* The root as the client uses it, with the slash it may have lacked. */
  self->api_root = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                g_uri_get_host (uri), g_uri_get_port (uri), self->root_path,
                                g_uri_get_query (uri), NULL);
  self->api_root_str = g_uri_to_string (self->api_root);
  return TRUE;
}

/* Keeps what a producer should read of the site's own words: no markup,
 * no character references, one line. */
char *
efir_wp_plain_text (const char *html)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  for (const char *p = html; p != NULL && *p != '\0'; p++)
    {
      const char *end;

      if (in_tag)
        {
          in_tag = *p != '>';
          continue;
        }
      if (*p == '<')
        {
          in_tag = TRUE;
          space = TRUE;
          continue;
        }
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && text->len > 0)
        g_string_append_c (text, ' ');
      space = FALSE;

      if (*p == '&' && (end = efir_html_decode_entity (p, text)))
        {
          p = end;
          continue;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static gboolean
looks_like_html (Reply *reply)
{
  const char *type = soup_message_headers_get_content_type (reply->headers, NULL);
  gsize size = 0;
  const char *data = reply->body != NULL ? g_bytes_get_data (reply->body, &size) : NULL;
  gsize i = 0;

  if (type != NULL && (g_ascii_strcasecmp (type, "text/html") == 0
                       || g_ascii_strcasecmp (type, "application/xhtml+xml") == 0))
    return TRUE;

  /* Skip a UTF-8 byte order mark and white space. */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '<';
}

/* The "message" of WordPress's {"code","message","data"} error, as plain
 * text; NULL when the body is something else (an HTML error page). */
static char *
site_message (JsonNode *error_body)
{
  JsonObject *object;
  const char *message;
  g_autofree char *plain = NULL;

  if (error_body == NULL || !JSON_NODE_HOLDS_OBJECT (error_body))
    return NULL;
  object = json_node_get_object (error_body);
  message = json_object_get_string_member_with_default (object, "message", NULL);
  if (message == NULL)
    return NULL;

  plain = efir_wp_plain_text (message);
  if (*plain == '\0')
    return NULL;
  if (g_utf8_strlen (plain, -1) > MAX_SITE_MESSAGE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (plain, 0, MAX_SITE_MESSAGE_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&plain);
}

static const char *
error_body_code (JsonNode *error_body)
{
  if (error_body == NULL || !JSON_NODE_HOLDS_OBJECT (error_body))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (error_body), "code",
                                                     NULL);
}

/* Delta seconds or an HTTP date; 0 when absent or unreadable. */
static guint
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *trimmed = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return 0;

  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT64, &seconds, NULL))
    return (guint) MIN (seconds, MAX_RETRY_AFTER_SECONDS);

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (when, now);
  if (span <= 0)
    return 0;
  return (guint) MIN ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND,
                      MAX_RETRY_AFTER_SECONDS);
}

static void
set_landed (EfirWpClient *self,
            gboolean      landed)
{
  g_mutex_lock (&self->lock);
  self->may_have_landed = landed;
  g_mutex_unlock (&self->lock);
}

static void
count_request (EfirWpClient *self,
               const char   *method)
{
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->n_requests, g_strdup (method),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->n_requests,
                                                                                method)) + 1));
  self->n_requests_total++;
  g_mutex_unlock (&self->lock);
}

/* Appends the site's own words to @error's sentence. */
static void
add_site_message (GError     *error,
                  JsonNode   *error_body)
{
  g_autofree char *message = site_message (error_body);
  g_autofree char *said = NULL;
  char *joined;

  if (message == NULL)
    return;

  said = g_strdup_printf (_("The site said: “%s”"), message);
  joined = g_strconcat (error->message, " ", said, NULL);
  g_free (error->message);
  error->message = joined;
}

/* The error for an answer that is not a success. */
static void
set_error_from_status (EfirWpClient  *self,
                       Reply         *reply,
                       JsonNode      *error_body,
                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  guint status = reply->status;

  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_BAD_REQUEST,
                                   _("The site refused what Efir sent."));
      break;

    case SOUP_STATUS_UNAUTHORIZED:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_UNAUTHORIZED,
                                   _("The site did not accept the application password: it is "
                                     "wrong or was revoked. Sign in to the site again."));
      break;

    case SOUP_STATUS_FORBIDDEN:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_FORBIDDEN,
                                   _("The site’s account may not do this. Ask the site’s "
                                     "administrator for the rights it needs."));
      break;

    case SOUP_STATUS_NOT_FOUND:
    case SOUP_STATUS_GONE:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND,
                                   _("The site’s WordPress API has no such address."));
      break;

    case SOUP_STATUS_CONFLICT:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_CONFLICT,
                                   _("The site refused the change: it clashes with what is "
                                     "already there."));
      break;

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_BAD_REQUEST,
                                   _("This is too large for the site to accept."));
      break;

    case STATUS_TOO_MANY_REQUESTS:
      {
        guint seconds = efir_wp_client_get_retry_after (self);

        if (seconds > 0)
          local = g_error_new (EFIR_WP_ERROR, EFIR_WP_ERROR_RATE_LIMITED,
                               ngettext ("The site is getting too many requests. Efir will try "
                                         "again in %u second.",
                                         "The site is getting too many requests. Efir will try "
                                         "again in %u seconds.",
                                         seconds),
                               seconds);
        else
          local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_RATE_LIMITED,
                                       _("The site is getting too many requests. Efir will try "
                                         "again later."));
      }
      break;

    case SOUP_STATUS_INTERNAL_SERVER_ERROR:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_SERVER,
                                   _("The site failed with an internal error. Efir will try "
                                     "again."));
      break;

    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_SERVER,
                                   _("The site’s server could not reach WordPress. Efir will try "
                                     "again."));
      break;

    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      local = g_error_new_literal (EFIR_WP_ERROR, EFIR_WP_ERROR_SERVER,
                                   _("The site is down for maintenance or overloaded. Efir will "
                                     "try again."));
      break;

    /* WordPress answers 501 for what the site will never do, such as
     * trashing where the trash is switched off: trying again is no use. */
    case SOUP_STATUS_NOT_IMPLEMENTED:
      local = g_error_new (EFIR_WP_ERROR, EFIR_WP_ERROR_BAD_REQUEST,
                           _("The site refused the request (HTTP %u)."), status);
      break;

    default:
      if (status >= 500)
        local = g_error_new (EFIR_WP_ERROR, EFIR_WP_ERROR_SERVER,
                             _("The site had trouble answering (HTTP %u). Efir will try again."),
                             status);
      else if (status >= 400)
        local = g_error_new (EFIR_WP_ERROR, EFIR_WP_ERROR_BAD_REQUEST,
                             _("The site refused the request (HTTP %u)."), status);
      else
        local = g_error_new (EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                             _("The site gave an answer Efir does not understand (HTTP %u)."),
                             status);
      break;
    }

  add_site_message (local, error_body);
  g_propagate_error (error, g_steal_pointer (&local));
}

/* The error for a request that got no HTTP answer. */
static void
set_error_from_transport (GUri     *uri,
                          GError   *local,
                          GError  **error)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (local));
      return;
    }

  g_debug ("No answer from %s: %s", g_uri_get_host (uri), local->message);

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TIMEOUT,
                         _("The site did not answer in time. Efir will try again."));
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK,
                         _("The site refused the connection: its server may be down. Efir will "
                           "try again."));
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
           || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)
           || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)
           || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK,
                         _("The connection to the site broke before its answer arrived. Efir "
                           "will try again."));
  else if (local->domain == G_RESOLVER_ERROR)
    g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK,
                 _("The address %s could not be found. Check the address and the internet "
                   "connection."),
                 g_uri_get_host (uri));
  else if (g_error_matches (local, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE)
           || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TLS,
                         _("Secure connections are not available on this computer: GLib’s TLS "
                           "module (glib-networking) is missing."));
  else if (g_error_matches (local, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TLS,
                 _("The security certificate of %s is not valid. Efir will not connect to it."),
                 g_uri_get_host (uri));
  else if (local->domain == G_TLS_ERROR)
    g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_TLS,
                 _("No secure connection could be made to %s: %s"), g_uri_get_host (uri),
                 local->message);
  else if (local->domain == SOUP_SESSION_ERROR)
    g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                         _("The site’s answer could not be read as HTTP."));
  else
    g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK,
                 _("Efir could not reach the site: %s"), local->message);
}

static void request_written_cb (SoupMessage *msg,
                                gpointer     user_data);

/* Sends one request and follows redirects itself, so that every hop is
 * checked: libsoup would follow https -> http. The password goes only to
 * the API root's own origin. FALSE when no HTTP answer came. */
static gboolean
client_send (EfirWpClient  *self,
             const char    *method,
             GUri          *uri,
             const char    *accept,
             const char    *content_type,
             GBytes        *body,
             const char    *extra_header,
             const char    *extra_value,
             GCancellable  *cancellable,
             Reply         *reply,
             GError       **error)
{
  g_autoptr(GUri) current = g_uri_ref (uri);
  g_autofree char *current_method = g_strdup (method);
  g_autoptr(GBytes) current_body = body != NULL ? g_bytes_ref (body) : NULL;

  for (guint hop = 0;; hop++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autofree char *logged = uri_for_log (current);
      SoupMessageHeaders *headers;
      const char *location;
      g_autoptr(GUri) next = NULL;
      gboolean written = FALSE;
      guint status;

      if (!check_secure (current, error))
        return FALSE;

      msg = soup_message_new_from_uri (current_method, current);
      /* libsoup opens a new connection for every POST unless told the
       * request may be repeated. It never repeats one by itself, though:
       * it resends only GET, PUT and DELETE on a connection that closed
       * before answering. So writes reuse the kept-alive connection too. */
      soup_message_set_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_IDEMPOTENT);
      headers = soup_message_get_request_headers (msg);
      if (accept != NULL)
        soup_message_headers_replace (headers, "Accept", accept);
      if (self->authorization != NULL && same_origin (current, self->api_root))
        soup_message_headers_replace (headers, "Authorization", self->authorization);
      if (extra_header != NULL)
        soup_message_headers_replace (headers, extra_header, extra_value);
      if (current_body != NULL)
        soup_message_set_request_body_from_bytes (msg, content_type, current_body);
      g_signal_connect (msg, "wrote-body", G_CALLBACK (request_written_cb), &written);

      g_debug ("%s %s", current_method, logged);
      count_request (self, current_method);
      answer = soup_session_send_and_read (self->session, msg, cancellable, &local);
      if (answer == NULL)
        {
          /* Once the whole request is out, the site may have acted on it. */
          set_landed (self, written);
          set_error_from_transport (current, local, error);
          return FALSE;
        }

      status = soup_message_get_status (msg);
      g_debug ("%s %s: %u", current_method, logged, status);

      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED
          && location != NULL)
        {
          next = g_uri_parse_relative (current, location, G_URI_FLAGS_ENCODED, NULL);
          if (next == NULL)
            {
              g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                                   _("The site redirected Efir to an address that is not valid."));
              return FALSE;
            }
          if (g_ascii_strcasecmp (g_uri_get_scheme (current), "https") == 0
              && g_ascii_strcasecmp (g_uri_get_scheme (next), "https") != 0)
            {
              g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INSECURE,
                           _("The site redirected Efir from https to plain http (%s). Efir does "
                             "not send the password unencrypted."),
                           g_uri_get_host (next));
              return FALSE;
            }
          if (hop + 1 >= MAX_REDIRECTS)
            {
              g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                                   _("The site sent Efir from address to address without end."));
              return FALSE;
            }
          /* 303 asks to fetch the result; every other redirect repeats the
           * request as it was, a write included. */
          if (status == SOUP_STATUS_SEE_OTHER)
            {
              g_free (current_method);
              current_method = g_strdup ("GET");
              g_clear_pointer (&current_body, g_bytes_unref);
            }
          g_clear_pointer (&current, g_uri_unref);
          current = g_steal_pointer (&next);
          continue;
        }

      reply->status = status;
      reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
      reply->body = g_steal_pointer (&answer);
      reply->uri = g_steal_pointer (&current);
      return TRUE;
    }
}


/* What a new call starts from: nothing to wait for, nothing in doubt. */
static void
begin_call (EfirWpClient *self)
{
  g_mutex_lock (&self->lock);
  self->retry_after = 0;
  self->may_have_landed = FALSE;
  g_mutex_unlock (&self->lock);
}

static GBytes *
fields_to_bytes (JsonObject *fields)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), fields);
  char *data = json_to_string (root, FALSE);

  return g_bytes_new_take (data, strlen (data));
}

/* One call of the REST API: the JSON of a success, or an error. When the
 * site answered with an error, @error_body (if asked for) gets WordPress's
 * {"code","message","data"}. */
static JsonNode *
client_call (EfirWpClient        *self,
             const char          *method,
             const char          *route,
             const char * const  *params,
             const char          *content_type,
             GBytes              *body,
             const char          *extra_header,
             const char          *extra_value,
             Reply               *reply,
             JsonNode           **error_body,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GUri) uri = build_uri (self, route, params);
  g_autoptr(JsonNode) node = NULL;

  begin_call (self);
  if (!client_send (self, method, uri, "application/json", content_type, body, extra_header,
                    extra_value, cancellable, reply, error))
    return NULL;

  if (!SOUP_STATUS_IS_SUCCESSFUL (reply->status))
    {
      g_autoptr(JsonNode) answer = looks_like_html (reply) ? NULL : parse_json (reply->body);

      g_mutex_lock (&self->lock);
      if (reply->status == STATUS_TOO_MANY_REQUESTS
          || reply->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        self->retry_after = parse_retry_after (reply->headers);
      self->may_have_landed = reply->status >= 500 && reply->status != SOUP_STATUS_NOT_IMPLEMENTED;
      g_mutex_unlock (&self->lock);

      set_error_from_status (self, reply, answer, error);
      if (error_body != NULL)
        *error_body = g_steal_pointer (&answer);
      return NULL;
    }

  /* A success status with something else than JSON: a Wi-Fi sign-in page,
   * or a plugin printing a PHP warning before WordPress's answer, in which
   * case the write was done. */
  if (looks_like_html (reply))
    {
      set_landed (self, TRUE);
      g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                           _("The address answered with a web page, not WordPress’s API. A Wi-Fi "
                             "sign-in page or the site’s security service may be in the way."));
      return NULL;
    }
  node = parse_json (reply->body);
  if (node == NULL)
    {
      set_landed (self, TRUE);
      g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                           _("The site’s answer was not the JSON WordPress sends. A plugin may be "
                             "printing errors into it."));
      return NULL;
    }

  return g_steal_pointer (&node);
}

static void
set_unexpected_shape (GError **error)
{
  g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID_RESPONSE,
                       _("The site’s answer did not have the shape WordPress gives."));
}

static JsonObject *
node_take_object (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(JsonNode) owned = node;

  if (owned == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (owned))
    {
      set_unexpected_shape (error);
      return NULL;
    }
  return json_object_ref (json_node_get_object (owned));
}

static JsonArray *
node_take_array (JsonNode  *node,
                 GError   **error)
{
  g_autoptr(JsonNode) owned = node;

  if (owned == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (owned))
    {
      set_unexpected_shape (error);
      return NULL;
    }
  return json_array_ref (json_node_get_array (owned));
}

/* A call on one post; a 404 there means the post is gone. */
static JsonObject *
post_call (EfirWpClient        *self,
           const char          *method,
           gint64               id,
           const char * const  *params,
           JsonObject          *fields,
           JsonNode           **error_body,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);
  g_autoptr(GBytes) body = fields != NULL ? fields_to_bytes (fields) : NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_auto(Reply) reply = { 0 };
  JsonObject *post;

  post = node_take_object (client_call (self, method, route, params,
                                        body != NULL ? "application/json" : NULL, body, NULL, NULL,
                                        &reply, &answer, cancellable, &local),
                           &local);
  if (post != NULL)
    return post;

  if (g_error_matches (local, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND)
      && g_strcmp0 (error_body_code (answer), "rest_no_route") != 0)
    {
      g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_clear_error (&local);
      g_set_error (&local, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND,
                   _("Post %s is no longer on the site: it was deleted there."), id_str);
    }
  if (error_body != NULL)
    *error_body = g_steal_pointer (&answer);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

static gint64
object_get_id (JsonObject  *object,
               GError     **error)
{
  gint64 id = 0;

  if (object != NULL)
    id = json_object_get_int_member_with_default (object, "id", 0);
  if (object != NULL && id <= 0)
    set_unexpected_shape (error);
  return id;
}

/* A term's name as a producer compares it: no markup or references,
 * no spaces around it. */
static char *
term_name (JsonObject *term)
{
  g_autofree char *plain = efir_wp_plain_text (json_object_get_string_member_with_default (term, "name",
                                                                                       ""));

  return g_strdup (g_strstrip (plain));
}

/* The filename as a header carries it and as WordPress keeps it: the
 * stem as a slug ("Çətin sual 112.jpg" -> "cetin-sual-112.jpg"). */
static char *
content_disposition (const char *filename)
{
  g_autofree char *base = g_path_get_basename (filename != NULL ? filename : "");
  char *dot = strrchr (base, '.');
  g_autofree char *extension = NULL;
  g_autofree char *stem = NULL;

  if (dot != NULL && dot != base && dot[1] != '\0')
    {
      extension = g_ascii_strdown (dot + 1, -1);
      *dot = '\0';
      for (const char *p = extension; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p))
          g_clear_pointer (&extension, g_free);
    }
  stem = efir_slug_from_title (base);
  if (stem == NULL || *stem == '\0')
    {
      g_free (stem);
      stem = g_strdup ("upload");
    }

  return g_strdup_printf ("attachment; filename=\"%s%s%s\"", stem, extension != NULL ? "." : "",
                          extension != NULL ? extension : "");
}

/* Group 1 of @pattern in @body, or NULL. */
static char *
match_in_body (GBytes     *body,
               const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || !g_regex_match_full (regex, data, size, 0, 0, &match, NULL))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* Group 1 of @pattern in the page at @uri. NULL without an error when the
 * page does not have it or is not there. */
static char *
match_in_page (EfirWpClient  *self,
               GUri          *uri,
               const char    *pattern,
               GCancellable  *cancellable,
               GError       **error)
{
  g_auto(Reply) reply = { 0 };

  if (!client_send (self, "GET", uri, NULL, NULL, NULL, NULL, NULL, cancellable, &reply, error))
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (reply.status))
    return NULL;
  return match_in_body (reply.body, pattern);
}

/* The links of a Link header value: <URL>; rel="…", <URL>; … */
static char *
find_api_link (const char *value)
{
  const char *p = value;

  while (p != NULL && *p != '\0')
    {
      const char *start = strchr (p, '<');
      const char *end = start != NULL ? strchr (start, '>') : NULL;
      const char *q;
      gboolean quoted = FALSE;
      g_autofree char *params = NULL;

      if (end == NULL)
        return NULL;
      for (q = end + 1; *q != '\0' && (quoted || *q != ','); q++)
        if (*q == '"')
          quoted = !quoted;

      params = g_strndup (end + 1, q - end - 1);
      if (g_regex_match_simple ("(^|;)\\s*rel\\s*=\\s*\"?([^\";]*\\s)?https://api\\.w\\.org/"
                                "(\\s[^\";]*)?\"?\\s*(;|$)",
                                params, G_REGEX_CASELESS, 0))
        return g_strndup (start + 1, end - start - 1);
      p = q;
    }
  return NULL;
}

/* Whether @body is WordPress's REST index with its core routes. */
static gboolean
is_rest_index (GBytes *body)
{
  g_autoptr(JsonNode) node = parse_json (body);
  JsonObject *object;
  JsonNode *namespaces;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  namespaces = json_object_get_member (object, "namespaces");
  if (namespaces == NULL || !JSON_NODE_HOLDS_ARRAY (namespaces))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (namespaces)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (namespaces), i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (element), "wp/v2"))
        return TRUE;
    }
  return FALSE;
}

/* Callbacks -------------------------------------------------------------- */

static void
request_written_cb (SoupMessage *msg,
                    gpointer     user_data)
{
  gboolean *written = user_data;

  *written = TRUE;
}

/* Public API ------------------------------------------------------------- */

void
efir_wp_user_free (EfirWpUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->slug);
  g_free (user);
}

/**
 * efir_wp_discover_api_root:
 * @site_url: the site's address as the producer typed it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the REST API of a WordPress site: the address its pages announce in
 * their Link header (rel="https://api.w.org/"), else SITE/?rest_route=/
 * when that answers as the REST index, which also works where pretty
 * permalinks are off. Blocks; run it in a thread.
 *
 * Returns: (transfer full): the API root for efir_wp_client_new()
 */
char *
efir_wp_discover_api_root (const char    *site_url,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(EfirWpClient) client = NULL;
  g_autoptr(GUri) site = parse_address (site_url, error);
  g_autoptr(GUri) index = NULL;
  g_auto(Reply) home = { 0 };
  g_auto(Reply) reply = { 0 };
  g_autofree char *link = NULL;
  g_autofree char *site_str = NULL;

  if (site == NULL)
    return NULL;

  client = g_object_new (EFIR_TYPE_WP_CLIENT, NULL);
  if (!client_send (client, "GET", site, NULL, NULL, NULL, NULL, NULL, cancellable, &home, error))
    return NULL;

  link = find_api_link (soup_message_headers_get_list (home.headers, "Link"));
  if (link != NULL)
    {
      g_autoptr(GUri) api = g_uri_parse_relative (home.uri, link, G_URI_FLAGS_ENCODED, NULL);

      /* A site whose settings still say http while it is served over https
       * announces an http root; the same host answers over https too. */
      if (api != NULL && g_ascii_strcasecmp (g_uri_get_scheme (api), "http") == 0
          && g_ascii_strcasecmp (g_uri_get_scheme (home.uri), "https") == 0
          && g_ascii_strcasecmp (g_uri_get_host (api), g_uri_get_host (home.uri)) == 0)
        {
          g_autoptr(GUri) secure = g_uri_build (G_URI_FLAGS_ENCODED, "https", NULL,
                                                g_uri_get_host (api), g_uri_get_port (home.uri),
                                                g_uri_get_path (api),
                                                g_uri_get_query (api), NULL);

          g_clear_pointer (&api, g_uri_unref);
          api = g_steal_pointer (&secure);
        }
      if (api != NULL)
        {
          if (!check_secure (api, error))
            return NULL;
          return g_uri_to_string (api);
        }
    }

  index = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (home.uri), NULL,
                       g_uri_get_host (home.uri), g_uri_get_port (home.uri),
                       g_uri_get_path (home.uri), "rest_route=/", NULL);
  if (!client_send (client, "GET", index, "application/json", NULL, NULL, NULL, NULL, cancellable,
                    &reply, error))
    return NULL;
  if (SOUP_STATUS_IS_SUCCESSFUL (reply.status) && is_rest_index (reply.body))
    return g_uri_to_string (index);

  /* A site in trouble may have an API all the same: try again later. */
  if (reply.status >= 500 || reply.status == STATUS_TOO_MANY_REQUESTS)
    {
      set_error_from_status (client, &reply, NULL, error);
      return NULL;
    }

  site_str = uri_for_log (site);
  g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NO_API,
               _("No WordPress API was found at %s. Check the address, and that the site has not "
                 "switched its REST API off."),
               site_str);
  return NULL;
}

/**
 * efir_wp_client_new:
 * @api_root: the site's REST API root, as efir_wp_discover_api_root() gives
 * @user: (nullable): the WordPress user name
 * @password: (nullable): that user's application password, spaces or not
 * @error: return location for a #GError
 *
 * Makes no request. Refuses plain http to anything but this machine.
 *
 * Returns: (transfer full): a client of the site, or %NULL
 */
EfirWpClient *
efir_wp_client_new (const char  *api_root,
                    const char  *user,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(EfirWpClient) self = g_object_new (EFIR_TYPE_WP_CLIENT, NULL);

  g_return_val_if_fail (api_root != NULL, NULL);

  if (!set_api_root (self, api_root, error))
    return NULL;

  if (user != NULL)
    {
      g_autoptr(GString) credentials = g_string_new (user);
      g_autofree char *encoded = NULL;

      /* WordPress shows application passwords in groups of four. */
      g_string_append_c (credentials, ':');
      for (const char *p = password != NULL ? password : ""; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (credentials, *p);

      encoded = g_base64_encode ((const guchar *) credentials->str, credentials->len);
      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      explicit_bzero (credentials->str, credentials->len);
      explicit_bzero (encoded, strlen (encoded));
    }

  return g_steal_pointer (&self);
}

const char *
efir_wp_client_get_api_root (EfirWpClient *self)
{
  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  return self->api_root_str;
}

void
efir_wp_client_set_tls_database (EfirWpClient *self,
                                 GTlsDatabase *database)
{
  g_return_if_fail (EFIR_IS_WP_CLIENT (self));

  soup_session_set_tls_database (self->session, database);
}

/**
 * efir_wp_client_verify:
 *
 * Signs in with the application password and reads who it belongs to.
 *
 * Returns: (transfer full): the account, or %NULL
 */
EfirWpUser *
efir_wp_client_verify (EfirWpClient  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  const char *params[] = { "context", "edit", NULL };
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(EfirWpUser) user = NULL;
  JsonNode *capabilities;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  me = node_take_object (client_call (self, "GET", "wp/v2/users/me", params, NULL, NULL, NULL, NULL,
                                      &reply, NULL, cancellable, error),
                         error);
  if (me == NULL || object_get_id (me, error) <= 0)
    return NULL;

  user = g_new0 (EfirWpUser, 1);
  user->id = json_object_get_int_member (me, "id");
  user->name = efir_wp_plain_text (json_object_get_string_member_with_default (me, "name", ""));
  user->slug = g_strdup (json_object_get_string_member_with_default (me, "slug", ""));

  capabilities = json_object_get_member (me, "capabilities");
  if (capabilities != NULL && JSON_NODE_HOLDS_OBJECT (capabilities))
    {
      JsonObject *caps = json_node_get_object (capabilities);

      user->can_publish = json_object_get_boolean_member_with_default (caps, "publish_posts", FALSE);
      user->unfiltered_html = json_object_get_boolean_member_with_default (caps, "unfiltered_html",
                                                                          FALSE);
    }

  return g_steal_pointer (&user);
}

/**
 * efir_wp_client_get_version:
 *
 * The REST API does not tell the version; the generator tag of the home
 * page, or of the feed where the page hides it, does.
 *
 * Returns: (transfer full) (nullable): "6.1.1", or %NULL, with @error set
 *   only when the site could not be asked
 */
char *
efir_wp_client_get_version (EfirWpClient  *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  const char *params[] = { "_fields", "home", NULL };
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonObject) index = NULL;
  g_autoptr(GUri) home = NULL;
  g_autoptr(GUri) feed = NULL;
  g_autoptr(GError) local = NULL;
  const char *home_str;
  char *version;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  index = node_take_object (client_call (self, "GET", "", params, NULL, NULL, NULL, NULL, &reply,
                                         NULL, cancellable, error),
                            error);
  if (index == NULL)
    return NULL;

  home_str = json_object_get_string_member_with_default (index, "home", NULL);
  home = home_str != NULL ? g_uri_parse (home_str, G_URI_FLAGS_ENCODED, NULL) : NULL;
  if (home == NULL || !check_secure (home, NULL))
    return NULL;

  version = match_in_page (self, home,
                           "<meta\\b[^>]*\\bcontent=[\"']WordPress\\s+([0-9]+(?:\\.[0-9]+)*)",
                           cancellable, &local);
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (version != NULL)
    return version;
  g_clear_error (&local);

  feed = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (home), NULL, g_uri_get_host (home),
                      g_uri_get_port (home), g_uri_get_path (home), "feed=rss2", NULL);
  version = match_in_page (self, feed, "wordpress\\.org/\\?v=([0-9]+(?:\\.[0-9]+)*)", cancellable,
                           &local);
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  return version;
}

JsonObject *
efir_wp_client_get_post (EfirWpClient  *self,
                         gint64         id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  const char *params[] = { "context", "edit", NULL };

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  return post_call (self, "GET", id, params, NULL, NULL, cancellable, error);
}

/**
 * efir_wp_client_get_last_editor:
 * @self: a client
 * @id: a post's id
 *
 * Who saved the post's latest version, as the site names them: the author
 * of its newest revision, which WordPress makes at every save, whoever
 * wrote the post first.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when the site
 *   keeps no revisions or does not say (@error set only when it could not
 *   be asked)
 */
char *
efir_wp_client_get_last_editor (EfirWpClient  *self,
                                gint64         id,
                                GCancellable  *cancellable,
                                GError       **error)
{
  const char *params[] = { "context", "edit", "per_page", "1", "_fields", "author", NULL };
  const char *user_params[] = { "_fields", "name", NULL };
  g_autofree char *route = NULL;
  g_autofree char *user_route = NULL;
  g_autoptr(JsonArray) revisions = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) user_reply = { 0 };
  gint64 author;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT "/revisions", id);
  revisions = node_take_array (client_call (self, "GET", route, params, NULL, NULL, NULL, NULL,
                                            &reply, NULL, cancellable, &local),
                               &local);
  if (revisions == NULL)
    {
      /* A site may keep no revisions, or not show them to this account. */
      if (!g_error_matches (local, EFIR_WP_ERROR, EFIR_WP_ERROR_FORBIDDEN)
          && !g_error_matches (local, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND)
          && !g_error_matches (local, EFIR_WP_ERROR, EFIR_WP_ERROR_UNAUTHORIZED))
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (json_array_get_length (revisions) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (revisions, 0)))
    return NULL;

  author = json_object_get_int_member_with_default (json_array_get_object_element (revisions, 0),
                                                     "author", 0);
  if (author <= 0)
    return NULL;

  user_route = g_strdup_printf ("wp/v2/users/%" G_GINT64_FORMAT, author);
  user = node_take_object (client_call (self, "GET", user_route, user_params, NULL, NULL, NULL,
                                        NULL, &user_reply, NULL, cancellable, NULL),
                           NULL);
  if (user == NULL)
    return NULL;

  return efir_wp_plain_text (json_object_get_string_member_with_default (user, "name", ""));
}

JsonObject *
efir_wp_client_peek_post (EfirWpClient  *self,
                          gint64         id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const char *params[] = {
    "context", "edit",
    "_fields", "id,status,modified_gmt,date_gmt,link",
    NULL
  };

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  return post_call (self, "GET", id, params, NULL, NULL, cancellable, error);
}

/**
 * efir_wp_client_peek_posts:
 * @self: a client
 * @ids: the posts' ids
 * @n_ids: how many, 100 at the most (WordPress's page)
 *
 * The cheap look of efir_wp_client_peek_post() for many posts in one
 * request: what a run of the outbox compares before it writes anything.
 * A post the site no longer has is missing from the answer.
 *
 * Returns: (transfer full): the posts found, or %NULL with @error set
 */
JsonArray *
efir_wp_client_peek_posts (EfirWpClient  *self,
                           const gint64  *ids,
                           guint          n_ids,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GString) include = g_string_new (NULL);
  g_autofree char *per_page = NULL;
  g_auto(Reply) reply = { 0 };
  const char *params[] = {
    "context", "edit",
    "status", EDITABLE_STATUSES,
    "_fields", "id,status,modified_gmt,date_gmt,link",
    "include", NULL,
    "per_page", NULL,
    NULL
  };

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (n_ids > 0 && n_ids <= 100, NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (include, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  per_page = g_strdup_printf ("%u", n_ids);
  params[7] = include->str;
  params[9] = per_page;

  return node_take_array (client_call (self, "GET", "wp/v2/posts", params, NULL, NULL, NULL, NULL,
                                       &reply, NULL, cancellable, error),
                          error);
}

JsonObject *
efir_wp_client_create_post (EfirWpClient  *self,
                            JsonObject    *fields,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GBytes) body = NULL;
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonObject) post = NULL;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  body = fields_to_bytes (fields);
  post = node_take_object (client_call (self, "POST", "wp/v2/posts", NULL, "application/json", body,
                                        NULL, NULL, &reply, NULL, cancellable, error),
                           error);
  if (post == NULL || object_get_id (post, error) <= 0)
    return NULL;
  return g_steal_pointer (&post);
}

JsonObject *
efir_wp_client_update_post (EfirWpClient  *self,
                            gint64         id,
                            JsonObject    *fields,
                            GCancellable  *cancellable,
                            GError       **error)
{
  const char *params[] = { "context", "edit", NULL };

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  return post_call (self, "POST", id, params, fields, NULL, cancellable, error);
}

JsonObject *
efir_wp_client_trash_post (EfirWpClient  *self,
                           gint64         id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const char *params[] = { "context", "edit", NULL };
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *post;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  post = post_call (self, "DELETE", id, params, NULL, &answer, cancellable, &local);
  if (post != NULL)
    return post;

  /* Trashing twice is what was asked: the post is in the trash. */
  if (g_strcmp0 (error_body_code (answer), "rest_already_trashed") == 0)
    return efir_wp_client_get_post (self, id, cancellable, error);

  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

JsonArray *
efir_wp_client_find_posts (EfirWpClient  *self,
                           const char    *search,
                           const char    *slug,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const char *params[11] = {
    "context", "edit",
    "status", EDITABLE_STATUSES,
    "per_page", "100",
    NULL
  };
  guint n = 6;
  g_auto(Reply) reply = { 0 };

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (search != NULL || slug != NULL, NULL);

  if (search != NULL)
    {
      params[n++] = "search";
      params[n++] = search;
    }
  if (slug != NULL)
    {
      params[n++] = "slug";
      params[n++] = slug;
    }

  return node_take_array (client_call (self, "GET", "wp/v2/posts", params, NULL, NULL, NULL, NULL,
                                       &reply, NULL, cancellable, error),
                          error);
}

JsonArray *
efir_wp_client_list_posts (EfirWpClient  *self,
                           guint          page,
                           guint          per_page,
                           guint         *total_pages,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *page_str = g_strdup_printf ("%u", MAX (page, 1));
  g_autofree char *per_page_str = g_strdup_printf ("%u", CLAMP (per_page, 1, 100));
  const char *params[] = {
    "context", "edit",
    "status", EDITABLE_STATUSES,
    "page", page_str,
    "per_page", per_page_str,
    NULL
  };
  g_auto(Reply) reply = { 0 };
  JsonArray *posts;
  const char *header;
  guint64 pages = 1;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);

  posts = node_take_array (client_call (self, "GET", "wp/v2/posts", params, NULL, NULL, NULL, NULL,
                                        &reply, NULL, cancellable, error),
                           error);
  if (posts != NULL && total_pages != NULL)
    {
      header = soup_message_headers_get_one (reply.headers, "X-WP-TotalPages");
      if (header == NULL
          || !g_ascii_string_to_unsigned (header, 10, 0, G_MAXUINT, &pages, NULL))
        pages = 1;
      *total_pages = (guint) pages;
    }
  return posts;
}

gint64
efir_wp_client_ensure_term (EfirWpClient  *self,
                            const char    *taxonomy,
                            const char    *name,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *route = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *wanted = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *folding_match = NULL;
  g_auto(Reply) search_reply = { 0 };
  g_auto(Reply) create_reply = { 0 };

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (g_strcmp0 (taxonomy, "categories") == 0
                        || g_strcmp0 (taxonomy, "tags") == 0, 0);
  g_return_val_if_fail (name != NULL, 0);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                           _("A tag or category needs a name."));
      return 0;
    }

  route = g_strconcat ("wp/v2/", taxonomy, NULL);
  {
    const char *params[] = { "search", trimmed, "per_page", "100", "_fields", "id,name", NULL };

    found = node_take_array (client_call (self, "GET", route, params, NULL, NULL, NULL, NULL,
                                          &search_reply, NULL, cancellable, error),
                             error);
  }
  if (found == NULL)
    return 0;

  /* Search also matches slugs and parts of names: only the same name is
   * the term. The same letters win; else the name as search folds it
   * ("İran" for "iran"), so a tag typed without Azerbaijani letters
   * does not become a second one. */
  wanted = efir_fold (trimmed, -1);
  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonNode *element = json_array_get_element (found, i);
      JsonObject *term = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *term_str = NULL;
      g_autofree char *folded = NULL;

      if (term == NULL)
        continue;
      term_str = term_name (term);
      if (g_str_equal (term_str, trimmed))
        return object_get_id (term, error);
      folded = efir_fold (term_str, -1);
      if (folding_match == NULL && g_str_equal (folded, wanted))
        folding_match = term;
    }
  if (folding_match != NULL)
    return object_get_id (folding_match, error);

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", trimmed);
  body = fields_to_bytes (fields);
  created = node_take_object (client_call (self, "POST", route, NULL, "application/json", body, NULL,
                                           NULL, &create_reply, &answer, cancellable, &local),
                              &local);
  if (created != NULL)
    return object_get_id (created, error);

  /* The search missed a term the site has (WordPress compares names its
   * own way); it says which. */
  if (g_strcmp0 (error_body_code (answer), "term_exists") == 0)
    {
      JsonObject *object = json_node_get_object (answer);
      JsonNode *data = json_object_get_member (object, "data");
      gint64 id = 0;

      if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
        id = json_object_get_int_member_with_default (json_node_get_object (data), "term_id", 0);
      if (id > 0)
        return id;
    }

  g_propagate_error (error, g_steal_pointer (&local));
  return 0;
}

GPtrArray *
efir_wp_client_list_terms (EfirWpClient  *self,
                           const char    *taxonomy,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *route = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint64 total_pages = 1;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_strcmp0 (taxonomy, "categories") == 0
                        || g_strcmp0 (taxonomy, "tags") == 0, NULL);

  route = g_strconcat ("wp/v2/", taxonomy, NULL);
  for (guint64 page = 1; page <= total_pages; page++)
    {
      g_autofree char *page_str = g_strdup_printf ("%" G_GUINT64_FORMAT, page);
      const char *params[] = {
        "per_page", "100",
        "page", page_str,
        "orderby", "name",
        "_fields", "id,name",
        NULL
      };
      g_auto(Reply) reply = { 0 };
      g_autoptr(JsonArray) terms = NULL;
      const char *header;

      terms = node_take_array (client_call (self, "GET", route, params, NULL, NULL, NULL, NULL,
                                            &reply, NULL, cancellable, error),
                               error);
      if (terms == NULL)
        return NULL;

      for (guint i = 0; i < json_array_get_length (terms); i++)
        {
          JsonNode *element = json_array_get_element (terms, i);
          char *name;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          name = term_name (json_node_get_object (element));
          if (*name == '\0')
            g_free (name);
          else
            g_ptr_array_add (names, name);
        }

      /* A site with thousands of terms is not read to its end: nobody
       * chooses among them from a list. */
      header = soup_message_headers_get_one (reply.headers, "X-WP-TotalPages");
      if (header == NULL
          || !g_ascii_string_to_unsigned (header, 10, 1, G_MAXUINT, &total_pages, NULL))
        total_pages = page;
      total_pages = MIN (total_pages, 10);
    }

  return g_steal_pointer (&names);
}

gint64
efir_wp_client_upload_media (EfirWpClient  *self,
                             GBytes        *bytes,
                             const char    *filename,
                             const char    *mime_type,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *disposition = NULL;
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonObject) media = NULL;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (bytes != NULL, 0);
  g_return_val_if_fail (mime_type != NULL, 0);

  disposition = content_disposition (filename);
  media = node_take_object (client_call (self, "POST", "wp/v2/media", NULL, mime_type, bytes,
                                         "Content-Disposition", disposition, &reply, NULL,
                                         cancellable, error),
                            error);
  return object_get_id (media, error);
}

guint
efir_wp_client_get_retry_after (EfirWpClient *self)
{
  guint seconds;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  seconds = self->retry_after;
  g_mutex_unlock (&self->lock);
  return seconds;
}

gboolean
efir_wp_client_last_request_may_have_landed (EfirWpClient *self)
{
  gboolean landed;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  landed = self->may_have_landed;
  g_mutex_unlock (&self->lock);
  return landed;
}

guint
efir_wp_client_get_n_requests (EfirWpClient *self,
                               const char   *method)
{
  guint n;

  g_return_val_if_fail (EFIR_IS_WP_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  if (method == NULL)
    n = self->n_requests_total;
  else
    n = GPOINTER_TO_UINT (g_hash_table_lookup (self->n_requests, method));
  g_mutex_unlock (&self->lock);
  return n;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_wp_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfirWpClient *self = EFIR_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_ROOT:
      g_value_set_string (value, self->api_root_str);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_wp_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfirWpClient *self = EFIR_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      if (self->timeout != g_value_get_uint (value))
        {
          self->timeout = g_value_get_uint (value);
          soup_session_set_timeout (self->session, self->timeout);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_wp_client_dispose (GObject *object)
{
  EfirWpClient *self = EFIR_WP_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (efir_wp_client_parent_class)->dispose (object);
}

static void
efir_wp_client_finalize (GObject *object)
{
  EfirWpClient *self = EFIR_WP_CLIENT (object);

  if (self->authorization != NULL)
    explicit_bzero (self->authorization, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->api_root, g_uri_unref);
  g_clear_pointer (&self->api_root_str, g_free);
  g_clear_pointer (&self->root_path, g_free);
  g_clear_pointer (&self->root_query, g_free);
  g_clear_pointer (&self->rest_route, g_free);
  g_clear_pointer (&self->n_requests, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (efir_wp_client_parent_class)->finalize (object);
}

static void
efir_wp_client_class_init (EfirWpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = efir_wp_client_get_property;
  object_class->set_property = efir_wp_client_set_property;
  object_class->dispose = efir_wp_client_dispose;
  object_class->finalize = efir_wp_client_finalize;

  properties[PROP_API_ROOT] =
    g_param_spec_string ("api-root", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Seconds a read or write on the connection may wait; tests shorten it.
   * A connection already open keeps the timeout it was opened with. */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_wp_client_init (EfirWpClient *self)
{
  g_mutex_init (&self->lock);
  self->n_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->timeout = DEFAULT_TIMEOUT_SECONDS;

  self->session = soup_session_new ();
  soup_session_set_user_agent (self->session, "Efir/" PACKAGE_VERSION);
  soup_session_set_timeout (self->session, self->timeout);
  soup_session_set_idle_timeout (self->session, IDLE_TIMEOUT_SECONDS);
  /* The Authorization header is set on each request; libsoup's own
   * authentication would answer a 401 challenge behind our back. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
}
