/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a link check found. */
typedef enum
{
  EFIR_LINK_STATUS_UNCHECKED,
  EFIR_LINK_STATUS_CHECKING,
  EFIR_LINK_STATUS_OK,
  /* It opens, but only after a permanent redirect: the final address is
   * the one to keep. */
  EFIR_LINK_STATUS_MOVED,
  /* The site answers that it is not there (404, 410, other 4xx), or
   * redirects in a loop. */
  EFIR_LINK_STATUS_BROKEN,
  /* No answer: no such host, connection refused, a timeout, a server
   * error. It may work later. */
  EFIR_LINK_STATUS_UNREACHABLE,
} EfirLinkStatus;

#define EFIR_TYPE_LINK_CHECKER (efir_link_checker_get_type ())

G_DECLARE_FINAL_TYPE (EfirLinkChecker, efir_link_checker, EFIR, LINK_CHECKER, GObject)

EfirLinkChecker *efir_link_checker_new          (void);
EfirLinkChecker *efir_link_checker_new_for_tests (GSocketConnectable  *remote);
void             efir_link_checker_set_timeout  (EfirLinkChecker      *self,
                                                 guint                 seconds);
void             efir_link_checker_check_async  (EfirLinkChecker      *self,
                                                 const char           *url,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
EfirLinkStatus   efir_link_checker_check_finish (EfirLinkChecker      *self,
                                                 GAsyncResult         *result,
                                                 char                **out_final_url,
                                                 guint                *out_http_status,
                                                 GError              **error);

const char      *efir_link_status_to_string     (EfirLinkStatus        status);

G_END_DECLS
