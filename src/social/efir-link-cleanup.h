/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "efir-model.h"
#include "efir-social-platform.h"

G_BEGIN_DECLS

/* What efir_link_clean() made of a link, and what it took away so that the
 * producer can see it and undo it. */
typedef struct
{
  char               *url;
  EfirSocialPlatform  platform;
  /* The names of the tracking parameters removed, each once, in order. */
  GStrv               removed;
  /* The host of the redirect link it was taken out of, or NULL. */
  char               *unwrapped_from;
} EfirLinkCleanup;

EfirLinkCleanup *efir_link_clean               (const char            *text);
void             efir_link_cleanup_free        (EfirLinkCleanup       *cleanup);
gboolean         efir_link_cleanup_removed_any (const EfirLinkCleanup *cleanup);
char            *efir_link_cleanup_describe    (const EfirLinkCleanup *cleanup);

char            *efir_link_clean_url           (const char            *text);
gboolean         efir_link_is_web_address      (const char            *text);
char           **efir_link_split               (const char            *text);

void             efir_link_clean_episode       (EfirEpisode           *episode);
void             efir_link_name_platforms      (EfirEpisode           *episode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirLinkCleanup, efir_link_cleanup_free)

G_END_DECLS
