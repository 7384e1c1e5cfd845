/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A real WordPress for one test program, started by efir-wp-server in a
 * folder of its own and reachable on 127.0.0.1 only. The site starts with
 * no posts or pages. The passwords are application passwords, with spaces
 * as WordPress shows them; Basic authentication takes them with or without.
 */
typedef struct
{
  char *dir;
  /* The home page, "http://127.0.0.1:PORT/". */
  char *url;
  /* The root of the REST API: ".../wp-json/", or ".../index.php?rest_route=/"
   * with plain permalinks. */
  char *rest_url;
  /* Can do everything, unfiltered HTML included. */
  char *admin_user;
  char *admin_password;
  /* Can publish posts; HTML it sends is filtered. */
  char *author_user;
  char *author_password;
  /* Can write drafts, not publish them. */
  char *contributor_user;
  char *contributor_password;
  char *version;
} EfirTestWordPress;

/* Starts a site, with pretty permalinks (/%postname%/, /wp-json/) unless
 * @plain_permalinks. Should the test program end without stopping it, the
 * site stops by itself within a second or so and its folder is deleted. */
EfirTestWordPress *efir_test_wordpress_start (gboolean            plain_permalinks,
                                              GError            **error);
/* Runs @php (without "<?php") with WordPress loaded, as a colleague's
 * edit on the site would, with no user logged in unless the code calls
 * wp_set_current_user(); returns what it printed. */
char              *efir_test_wordpress_eval  (EfirTestWordPress  *wp,
                                              const char         *php,
                                              GError            **error);
/* The same with the code written as printf() writes it, for a test: a
 * failure fails the test. */
char              *efir_test_wordpress_evalf (EfirTestWordPress  *wp,
                                              const char         *format,
                                              ...) G_GNUC_PRINTF (2, 3);
/* Stops the site (nothing of it is left running), deletes its folder and
 * frees @wp. */
void               efir_test_wordpress_stop  (EfirTestWordPress  *wp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirTestWordPress, efir_test_wordpress_stop)

G_END_DECLS
