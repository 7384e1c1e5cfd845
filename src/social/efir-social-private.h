/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-social-platform.h"

G_BEGIN_DECLS

/* What the files of the social layer share and nobody else sees. */

/* efir-link-cleanup.c */
char               *efir_link_dup_host            (const char  *url);

/* efir-social-platform.c */
EfirSocialPlatform  efir_social_platform_for_host (const char  *host,
                                                   const char **out_canonical_host);

G_END_DECLS
