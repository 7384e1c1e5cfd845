/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A WordPress site for the publish tests: a SoupServer on 127.0.0.1 in a
 * thread of its own (the client's calls block the test's thread), which
 * answers the REST API as WordPress does, and misbehaves on request.
 *
 *   /                 home page announcing /wp-json/ in its Link header
 *   /wp-json/…        the REST API
 *   /plain/           home page without Link; its API is /plain/?rest_route=/
 *   /static/          a site without WordPress
 *   /old-json/…       redirects to /wp-json/…
 *
 * The account is "aysel" with the application password
 * EFIR_TEST_WP_PASSWORD (with the spaces WordPress shows).
 */

#define EFIR_TEST_WP_USER     "aysel"
#define EFIR_TEST_WP_PASSWORD "abcd EFGH ijkl MNOP qrst UVWX"

typedef struct _EfirTestWpServer EfirTestWpServer;

typedef enum
{
  EFIR_TEST_WP_FAULT_NONE,
  EFIR_TEST_WP_FAULT_STATUS,            /* answer with the fault's status, type and body */
  EFIR_TEST_WP_FAULT_PAUSE,             /* hold the answer until released */
  EFIR_TEST_WP_FAULT_RESET,             /* close the connection at once (TCP reset) */
  EFIR_TEST_WP_FAULT_DROP_AFTER_STORE,  /* create the post, then close the connection */
  EFIR_TEST_WP_FAULT_REDIRECT,          /* 302 to the fault's location */
} EfirTestWpFault;

/* @cert_file and @key_file (PEM) make it an https server. */
EfirTestWpServer *efir_test_wp_server_new          (const char       *cert_file,
                                                    const char       *key_file);
void              efir_test_wp_server_free         (EfirTestWpServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirTestWpServer, efir_test_wp_server_free)
/* "http://127.0.0.1:PORT" + @path */
char             *efir_test_wp_server_get_url      (EfirTestWpServer *server,
                                                    const char       *path);

/* Every request to the REST API gets @fault until it is set back to
 * EFIR_TEST_WP_FAULT_NONE. @header and its @value go with a status. */
void              efir_test_wp_server_set_fault    (EfirTestWpServer *server,
                                                    EfirTestWpFault   fault,
                                                    guint             status,
                                                    const char       *content_type,
                                                    const char       *body,
                                                    const char       *header,
                                                    const char       *value);
/* Answers the requests held by EFIR_TEST_WP_FAULT_PAUSE. */
void              efir_test_wp_server_release      (EfirTestWpServer *server);
/* Term searches no longer find anything, as when WordPress's search and
 * its uniqueness check disagree. */
void              efir_test_wp_server_hide_terms   (EfirTestWpServer *server);

/* Publishes every scheduled post, as the site's cron does when their
 * time comes. */
void              efir_test_wp_server_publish_scheduled (EfirTestWpServer *server);

/* What the site saw. */
guint             efir_test_wp_server_get_n_requests    (EfirTestWpServer *server);
guint             efir_test_wp_server_get_n_posts_created (EfirTestWpServer *server);
/* How many connections the requests came over. */
guint             efir_test_wp_server_get_n_connections (EfirTestWpServer *server);
/* The value of request header @name in the last request, or NULL. */
char             *efir_test_wp_server_get_last_header   (EfirTestWpServer *server,
                                                         const char       *name);
/* The last upload's Content-Disposition, Content-Type and size. */
char             *efir_test_wp_server_get_last_upload   (EfirTestWpServer *server,
                                                         char            **content_type,
                                                         gsize            *size);

G_END_DECLS
