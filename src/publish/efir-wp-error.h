/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The errors of the publish layer: what a WordPress site, the network or the
 * keyring answered. The outbox decides from the code alone whether a job is
 * retried (the transient codes) or stops for the producer (the others); the
 * message is already a sentence a producer understands.
 */

#define EFIR_WP_ERROR (efir_wp_error_quark ())

typedef enum
{
  EFIR_WP_ERROR_NETWORK,          /* no route, DNS, connection refused or reset: transient */
  EFIR_WP_ERROR_TIMEOUT,          /* no answer in time: transient, and the request may have landed */
  EFIR_WP_ERROR_SERVER,           /* 5xx: transient, and the request may have landed */
  EFIR_WP_ERROR_RATE_LIMITED,     /* 429: transient, after Retry-After */
  EFIR_WP_ERROR_BAD_REQUEST,      /* 400: the site refused what was sent */
  EFIR_WP_ERROR_UNAUTHORIZED,     /* 401: the password is wrong or was revoked */
  EFIR_WP_ERROR_FORBIDDEN,        /* 403: the account may not do this */
  EFIR_WP_ERROR_NOT_FOUND,        /* 404: the post (or the API) is not there */
  EFIR_WP_ERROR_CONFLICT,         /* 409, or the post changed on the site since Efir saw it */
  EFIR_WP_ERROR_INVALID_RESPONSE, /* not the JSON the REST API gives (an HTML page, garbage) */
  EFIR_WP_ERROR_INSECURE,         /* plain http to a host that is not loopback, or a redirect to it */
  EFIR_WP_ERROR_TLS,              /* the certificate is not valid for the host */
  EFIR_WP_ERROR_NO_API,           /* the address has no WordPress REST API */
  EFIR_WP_ERROR_NO_PASSWORD,      /* no password in the keyring nor in EFIR_SITE_PASSWORD */
  EFIR_WP_ERROR_KEYRING,          /* the Secret Service is missing or locked */
  EFIR_WP_ERROR_INVALID,          /* what the producer asked cannot be done (a time already past) */
} EfirWpError;

GQuark   efir_wp_error_quark        (void);

/* Whether a job that failed with @error should be tried again later. */
gboolean efir_wp_error_is_transient (const GError *error);

G_END_DECLS
