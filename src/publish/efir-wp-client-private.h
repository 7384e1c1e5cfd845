/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-wp-client.h"

G_BEGIN_DECLS

/* Trusts @database instead of the system's certificate authorities: the
 * tests' own https server has a certificate made for the test run. A
 * certificate that @database does not vouch for is still refused. */
void efir_wp_client_set_tls_database (EfirWpClient *self,
                                      GTlsDatabase *database);

/* Decodes the character references WordPress leaves in names and
 * messages, and drops any markup: plain text to show or compare. */
char *efir_wp_plain_text             (const char   *html);

G_END_DECLS
