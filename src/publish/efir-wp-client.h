/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "efir-wp-error.h"

G_BEGIN_DECLS

/*
 * EfirWpClient speaks to one WordPress site's REST API with an application
 * password. Every call is synchronous and cancellable: it runs in a worker
 * thread (the outbox wraps it in a GTask) or in efir-cli, never on the main
 * thread of the window. One client keeps one SoupSession, so calls reuse
 * the same kept-alive connection. Every failure is an %EFIR_WP_ERROR whose
 * message is a sentence for the producer; cancellation stays
 * %G_IO_ERROR_CANCELLED.
 *
 * Plain http is refused unless the site is on this machine (loopback), and
 * so is any redirect from https to http. A certificate that is not valid is
 * never accepted. The password and the Authorization header are never
 * logged nor put into a message.
 */

#define EFIR_TYPE_WP_CLIENT (efir_wp_client_get_type ())
G_DECLARE_FINAL_TYPE (EfirWpClient, efir_wp_client, EFIR, WP_CLIENT, GObject)

typedef struct
{
  gint64    id;
  char     *name;
  char     *slug;
  gboolean  can_publish;       /* publish_posts */
  gboolean  unfiltered_html;   /* the site keeps embeds and scripts as sent */
} EfirWpUser;

void efir_wp_user_free (EfirWpUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirWpUser, efir_wp_user_free)

/* The API root of the site at @site_url ("example.org" means https): the
 * address its home page announces in its Link header, else
 * SITE/?rest_route=/ when that answers as WordPress's REST index. */
char         *efir_wp_discover_api_root     (const char    *site_url,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* @api_root is "https://example.org/wp-json/" or
 * "https://example.org/?rest_route=/"; the spaces WordPress shows in an
 * application password are dropped. */
EfirWpClient *efir_wp_client_new            (const char    *api_root,
                                             const char    *user,
                                             const char    *password,
                                             GError       **error);
const char   *efir_wp_client_get_api_root   (EfirWpClient  *self);

/* The account the password belongs to, and what it may do. */
EfirWpUser   *efir_wp_client_verify         (EfirWpClient  *self,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The site's WordPress version from its generator tag, or NULL (without
 * an error) when the site does not tell. */
char         *efir_wp_client_get_version    (EfirWpClient  *self,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* Posts. Every answer is the post as WordPress returns it (context=edit:
 * raw content, status, slug, link, date_gmt, modified_gmt, featured_media). */
JsonObject   *efir_wp_client_get_post       (EfirWpClient  *self,
                                             gint64         id,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Who saved the post last (see the .c), or NULL when the site does not say. */
char         *efir_wp_client_get_last_editor (EfirWpClient  *self,
                                             gint64         id,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The cheap look before a write: id, status, modified_gmt, date_gmt, link. */
JsonObject   *efir_wp_client_peek_post      (EfirWpClient  *self,
                                             gint64         id,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The same look at up to 100 posts in one request; the posts the site no
 * longer has are missing from the answer. */
JsonArray    *efir_wp_client_peek_posts     (EfirWpClient  *self,
                                             const gint64  *ids,
                                             guint          n_ids,
                                             GCancellable  *cancellable,
                                             GError       **error);
JsonObject   *efir_wp_client_create_post    (EfirWpClient  *self,
                                             JsonObject    *fields,
                                             GCancellable  *cancellable,
                                             GError       **error);
JsonObject   *efir_wp_client_update_post    (EfirWpClient  *self,
                                             gint64         id,
                                             JsonObject    *fields,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Moves the post to the site's trash, where an editor can restore it. */
JsonObject   *efir_wp_client_trash_post     (EfirWpClient  *self,
                                             gint64         id,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Posts of any status but trash matching @search, @slug or both. */
JsonArray    *efir_wp_client_find_posts     (EfirWpClient  *self,
                                             const char    *search,
                                             const char    *slug,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Page @page (from 1) of every post but trash; @total_pages from
 * X-WP-TotalPages. */
JsonArray    *efir_wp_client_list_posts     (EfirWpClient  *self,
                                             guint          page,
                                             guint          per_page,
                                             guint         *total_pages,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* The id of the term named @name in @taxonomy ("categories" or "tags"),
 * created when the site has none by that name. 0 on error. */
gint64        efir_wp_client_ensure_term    (EfirWpClient  *self,
                                             const char    *taxonomy,
                                             const char    *name,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The names of every term of @taxonomy ("categories" or "tags") on the
 * site, ordered by name, as plain text. */
GPtrArray    *efir_wp_client_list_terms     (EfirWpClient  *self,
                                             const char    *taxonomy,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The id of the new attachment. 0 on error. */
gint64        efir_wp_client_upload_media   (EfirWpClient  *self,
                                             GBytes        *bytes,
                                             const char    *filename,
                                             const char    *mime_type,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* What the last call that failed leaves the caller to know. These describe
 * the last call made with @self; a caller that shares a client between
 * threads reads them only while it makes one call at a time. */

/* Seconds the site asked to wait (Retry-After of a 429 or 503, in seconds
 * or as an HTTP date), 0 when it did not ask. */
guint         efir_wp_client_get_retry_after            (EfirWpClient *self);
/* Whether the last call failed after the whole request reached the server
 * without a clear answer coming back: a timeout or a dropped connection
 * while waiting for the answer, a 5xx, or a success status whose body was
 * not JSON. The write may then have been done on the site: look it up
 * before creating again. FALSE after a success, a 4xx, and failures before
 * the request was sent (refused connection, TLS, insecure address). */
gboolean      efir_wp_client_last_request_may_have_landed (EfirWpClient *self);

/* How many HTTP requests with @method ("GET", "POST", …; NULL for all) the
 * client has sent, redirects included: for tests and benchmarks. */
guint         efir_wp_client_get_n_requests             (EfirWpClient *self,
                                                         const char   *method);

G_END_DECLS
