/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-wp-error"

#include "config.h"

#include "efir-wp-error.h"

/* Public API ------------------------------------------------------------- */

G_DEFINE_QUARK (efir-wp-error-quark, efir_wp_error)

/**
 * efir_wp_error_is_transient:
 * @error: a #GError of any domain
 *
 * Returns: whether trying again later may succeed without anybody acting
 */
gboolean
efir_wp_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != EFIR_WP_ERROR)
    return FALSE;

  switch ((EfirWpError) error->code)
    {
    case EFIR_WP_ERROR_NETWORK:
    case EFIR_WP_ERROR_TIMEOUT:
    case EFIR_WP_ERROR_SERVER:
    case EFIR_WP_ERROR_RATE_LIMITED:
      return TRUE;

    case EFIR_WP_ERROR_BAD_REQUEST:
    case EFIR_WP_ERROR_UNAUTHORIZED:
    case EFIR_WP_ERROR_FORBIDDEN:
    case EFIR_WP_ERROR_NOT_FOUND:
    case EFIR_WP_ERROR_CONFLICT:
    case EFIR_WP_ERROR_INVALID_RESPONSE:
    case EFIR_WP_ERROR_INSECURE:
    case EFIR_WP_ERROR_TLS:
    case EFIR_WP_ERROR_NO_API:
    case EFIR_WP_ERROR_NO_PASSWORD:
    case EFIR_WP_ERROR_KEYRING:
    case EFIR_WP_ERROR_INVALID:
    default:
      return FALSE;
    }
}
