/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-link-checker"

#include "config.h"

#include <libsoup/soup.h>

#include "efir-link-checker.h"

/* Types and properties --------------------------------------------------- */

/* Checks that the links of an episode still open. One request at a time
 * per host, so that checking a page of twenty YouTube links does not look
 * like an attack to YouTube; HEAD first, GET when a site refuses HEAD;
 * redirects followed by hand, to tell a permanent move from a temporary
 * one and to see a loop. */
struct _EfirLinkChecker
{
  GObject             parent_instance;

  /* Construct-only */
  GSocketConnectable *remote;

  /* Owned */
  SoupSession *session;
  /* host → GQueue of the GTasks waiting for it; a host is in the table
   * while one of its requests runs. */
  GHashTable  *hosts;
};

G_DEFINE_FINAL_TYPE (EfirLinkChecker, efir_link_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REMOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_TIMEOUT_SECONDS 20
#define MAX_REDIRECTS           10
/* libsoup 3.2 has no name for it. */
#define TOO_MANY_REQUESTS       429

typedef struct
{
  char       *url;        /* the address of the next request */
  char       *host;       /* the host whose turn the task holds, or NULL */
  GPtrArray  *visited;
  gboolean    permanent;  /* whether a permanent redirect was followed */
  gboolean    use_get;
  guint       http_status;
  SoupMessage *message;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->url);
  g_free (data->host);
  g_ptr_array_unref (data->visited);
  g_clear_object (&data->message);
  g_free (data);
}

typedef struct
{
  EfirLinkStatus  status;
  char           *final_url;
  guint           http_status;
} CheckResult;

static void
check_result_free (CheckResult *result)
{
  g_free (result->final_url);
  g_free (result);
}

static void start_request (GTask *task);
static void take_turn (GTask *task);

/* Helpers ---------------------------------------------------------------- */

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

/* Gives the task's host to the next task waiting for it. */
static void
release_host (EfirLinkChecker *self,
              CheckData       *data)
{
  GQueue *waiting;
  GTask *next;

  if (data->host == NULL)
    return;

  waiting = g_hash_table_lookup (self->hosts, data->host);
  next = waiting != NULL ? g_queue_pop_head (waiting) : NULL;
  if (next == NULL)
    g_hash_table_remove (self->hosts, data->host);
  g_clear_pointer (&data->host, g_free);

  if (next != NULL)
    {
      CheckData *next_data = g_task_get_task_data (next);

      next_data->host = host_of (next_data->url);
      start_request (next);
    }
}

static void
finish (GTask          *task,
        EfirLinkStatus  status)
{
  EfirLinkChecker *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);
  CheckResult *result = g_new0 (CheckResult, 1);

  release_host (self, data);

  result->status = status;
  result->http_status = data->http_status;
  if (status == EFIR_LINK_STATUS_MOVED)
    result->final_url = g_strdup (data->url);

  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
  g_object_unref (task);
}

/* What an answer other than a page or a redirect says of the link. Sites
 * that keep robots out answer 401, 403 or 429 to a page that is there: the
 * link may well work in a browser. */
static EfirLinkStatus
status_for_answer (guint status)
{
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN ||
      status == TOO_MANY_REQUESTS)
    return EFIR_LINK_STATUS_UNREACHABLE;

  if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    return EFIR_LINK_STATUS_BROKEN;

  return EFIR_LINK_STATUS_UNREACHABLE;
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* Callbacks -------------------------------------------------------------- */

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  EfirLinkChecker *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  /* Only the headers matter: a GET's body is left unread. */
  if (body != NULL)
    g_input_stream_close (body, NULL, NULL);

  if (body == NULL)
    {
      if (g_task_return_error_if_cancelled (task))
        {
          release_host (self, data);
          g_object_unref (task);
          return;
        }
      finish (task, EFIR_LINK_STATUS_UNREACHABLE);
      return;
    }

  status = soup_message_get_status (data->message);
  data->http_status = status;

  if (is_redirect (status))
    {
      const char *location = soup_message_headers_get_one (
        soup_message_get_response_headers (data->message), "Location");
      g_autofree char *next = location != NULL
                                ? g_uri_resolve_relative (data->url, location, G_URI_FLAGS_NONE, NULL)
                                : NULL;

      if (next == NULL)
        {
          finish (task, EFIR_LINK_STATUS_BROKEN);
          return;
        }

      for (guint i = 0; i < data->visited->len; i++)
        {
          if (g_str_equal (data->visited->pdata[i], next))
            {
              finish (task, EFIR_LINK_STATUS_BROKEN);
              return;
            }
        }

      if (data->visited->len > MAX_REDIRECTS)
        {
          finish (task, EFIR_LINK_STATUS_BROKEN);
          return;
        }

      if (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_PERMANENT_REDIRECT)
        data->permanent = TRUE;

      g_ptr_array_add (data->visited, g_strdup (next));
      g_free (data->url);
      data->url = g_steal_pointer (&next);
      data->use_get = FALSE;
      release_host (self, data);
      take_turn (task);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      finish (task, data->permanent ? EFIR_LINK_STATUS_MOVED : EFIR_LINK_STATUS_OK);
      return;
    }

  /* Some sites answer HEAD with 403, 405 or 501 and GET with the page. */
  if (!data->use_get && status != SOUP_STATUS_NOT_FOUND && status != SOUP_STATUS_GONE)
    {
      data->use_get = TRUE;
      start_request (task);
      return;
    }

  finish (task, status_for_answer (status));
}

/* Requests the task's address; its host is the task's already. */
static void
start_request (GTask *task)
{
  EfirLinkChecker *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      release_host (self, data);
      g_object_unref (task);
      return;
    }

  g_clear_object (&data->message);
  data->message = soup_message_new (data->use_get ? SOUP_METHOD_GET : SOUP_METHOD_HEAD, data->url);
  if (data->message == NULL)
    {
      finish (task, EFIR_LINK_STATUS_BROKEN);
      return;
    }

  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (self->session, data->message, G_PRIORITY_LOW,
                           g_task_get_cancellable (task), request_sent_cb, task);
}

/* Starts the task's request now if its host is free, or queues it. */
static void
take_turn (GTask *task)
{
  EfirLinkChecker *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);
  g_autofree char *host = host_of (data->url);
  GQueue *waiting;

  if (host == NULL)
    {
      finish (task, EFIR_LINK_STATUS_BROKEN);
      return;
    }

  if (g_hash_table_lookup_extended (self->hosts, host, NULL, (gpointer *) &waiting))
    {
      g_queue_push_tail (waiting, task);
      return;
    }

  g_hash_table_insert (self->hosts, g_strdup (host), g_queue_new ());
  data->host = g_steal_pointer (&host);
  start_request (task);
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) address = host != NULL ? g_inet_address_new_from_string (host) : NULL;

  if (host == NULL)
    return FALSE;
  if (address != NULL)
    return g_inet_address_get_is_loopback (address);

  return g_ascii_strcasecmp (host, "localhost") == 0;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_link_checker_new:
 *
 * Returns: (transfer full): a link checker with its own HTTP session
 */
EfirLinkChecker *
efir_link_checker_new (void)
{
  return g_object_new (EFIR_TYPE_LINK_CHECKER, NULL);
}

/**
 * efir_link_checker_new_for_tests:
 * @remote: where every request goes, whatever host its link names
 *
 * Tests of what shows a check give it a server on loopback this way, so
 * that links to real platforms never leave the machine.
 *
 * Returns: (transfer full): a link checker that only talks to @remote
 */
EfirLinkChecker *
efir_link_checker_new_for_tests (GSocketConnectable *remote)
{
  g_return_val_if_fail (G_IS_SOCKET_CONNECTABLE (remote), NULL);

  return g_object_new (EFIR_TYPE_LINK_CHECKER, "remote", remote, NULL);
}

/**
 * efir_link_checker_set_timeout:
 * @self: a link checker
 * @seconds: how long a request may wait for an answer
 */
void
efir_link_checker_set_timeout (EfirLinkChecker *self,
                               guint            seconds)
{
  g_return_if_fail (EFIR_IS_LINK_CHECKER (self));

  soup_session_set_timeout (self->session, seconds);
}

/**
 * efir_link_checker_check_async:
 * @self: a link checker
 * @url: the link to check
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the check ends
 * @user_data: data for @callback
 *
 * Checks that @url opens. A check waits while another of the same host
 * runs.
 */
void
efir_link_checker_check_async (EfirLinkChecker     *self,
                               const char          *url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (EFIR_IS_LINK_CHECKER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, efir_link_checker_check_async);

  data = g_new0 (CheckData, 1);
  data->url = g_strdup (url);
  data->visited = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->visited, g_strdup (url));
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  /* The test suite never reaches outside the machine, and the window
   * checks the links a test types: with EFIR_LINK_CHECK_LOOPBACK_ONLY set,
   * a link elsewhere is unreachable without a request (unless this checker
   * sends every request to a test's own site on loopback). */
  if (self->remote == NULL && g_getenv ("EFIR_LINK_CHECK_LOOPBACK_ONLY") != NULL
      && !is_loopback_url (url))
    {
      finish (g_steal_pointer (&task), EFIR_LINK_STATUS_UNREACHABLE);
      return;
    }

  take_turn (g_steal_pointer (&task));
}

/**
 * efir_link_checker_check_finish:
 * @self: a link checker
 * @result: the result given to the callback
 * @out_final_url: (out) (optional) (nullable): where the link moved to,
 *   for %EFIR_LINK_STATUS_MOVED; %NULL otherwise
 * @out_http_status: (out) (optional): the last HTTP status the site
 *   answered, 0 when it answered none
 * @error: return location for a #GError: only %G_IO_ERROR_CANCELLED
 *
 * Returns: what the check found, %EFIR_LINK_STATUS_UNCHECKED when it was
 *   cancelled
 */
EfirLinkStatus
efir_link_checker_check_finish (EfirLinkChecker  *self,
                                GAsyncResult     *result,
                                char            **out_final_url,
                                guint            *out_http_status,
                                GError          **error)
{
  CheckResult *check;
  EfirLinkStatus status;

  g_return_val_if_fail (EFIR_IS_LINK_CHECKER (self), EFIR_LINK_STATUS_UNCHECKED);
  g_return_val_if_fail (g_task_is_valid (result, self), EFIR_LINK_STATUS_UNCHECKED);

  if (out_final_url != NULL)
    *out_final_url = NULL;
  if (out_http_status != NULL)
    *out_http_status = 0;

  check = g_task_propagate_pointer (G_TASK (result), error);
  if (check == NULL)
    return EFIR_LINK_STATUS_UNCHECKED;

  status = check->status;
  if (out_final_url != NULL)
    *out_final_url = g_steal_pointer (&check->final_url);
  if (out_http_status != NULL)
    *out_http_status = check->http_status;
  check_result_free (check);

  return status;
}

/**
 * efir_link_status_to_string:
 * @status: a link status
 *
 * Returns: its name for efir-cli and scripts: "ok", "moved", "broken", …
 */
const char *
efir_link_status_to_string (EfirLinkStatus status)
{
  switch (status)
    {
    case EFIR_LINK_STATUS_UNCHECKED:
      return "unchecked";
    case EFIR_LINK_STATUS_CHECKING:
      return "checking";
    case EFIR_LINK_STATUS_OK:
      return "ok";
    case EFIR_LINK_STATUS_MOVED:
      return "moved";
    case EFIR_LINK_STATUS_BROKEN:
      return "broken";
    case EFIR_LINK_STATUS_UNREACHABLE:
      return "unreachable";
    default:
      g_return_val_if_reached ("unchecked");
    }
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_link_checker_constructed (GObject *object)
{
  EfirLinkChecker *self = EFIR_LINK_CHECKER (object);

  G_OBJECT_CLASS (efir_link_checker_parent_class)->constructed (object);

  self->session = soup_session_new_with_options ("user-agent", "Efir/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "max-conns-per-host", 1,
                                                 "remote-connectable", self->remote,
                                                 NULL);
}

static void
efir_link_checker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EfirLinkChecker *self = EFIR_LINK_CHECKER (object);

  switch (prop_id)
    {
    case PROP_REMOTE:
      self->remote = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_link_checker_dispose (GObject *object)
{
  EfirLinkChecker *self = EFIR_LINK_CHECKER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (efir_link_checker_parent_class)->dispose (object);
}

static void
efir_link_checker_finalize (GObject *object)
{
  EfirLinkChecker *self = EFIR_LINK_CHECKER (object);

  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_object (&self->remote);

  G_OBJECT_CLASS (efir_link_checker_parent_class)->finalize (object);
}

static void
efir_link_checker_class_init (EfirLinkCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = efir_link_checker_constructed;
  object_class->dispose = efir_link_checker_dispose;
  object_class->finalize = efir_link_checker_finalize;
  object_class->set_property = efir_link_checker_set_property;

  properties[PROP_REMOTE] =
    g_param_spec_object ("remote", NULL, NULL,
                         G_TYPE_SOCKET_CONNECTABLE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_link_checker_init (EfirLinkChecker *self)
{
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_queue_free);
}
