/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-model.h"

G_BEGIN_DECLS

/*
 * The episode page as WordPress block markup: what the publish layer sends
 * as a post's content, and what the site's block editor opens as blocks.
 * Everything here is a pure function of the episode and its programme: no
 * network, no database, the same output for the same input.
 */

typedef struct
{
  const char *uuid;          /* the episode's stable id; NULL: no marker */
  guint       wp_major;      /* the site's WordPress version; 0.0 is unknown, */
  guint       wp_minor;      /* rendered for the oldest supported (6.1) */
  gboolean    key_moments;   /* schema.org JSON-LD; needs an account with unfiltered_html */
} EfirPageOptions;

char *efir_page_render       (EfirEpisode           *episode,
                              EfirProgram           *program,
                              const EfirPageOptions *options);
char *efir_page_title        (EfirEpisode           *episode);
char *efir_page_excerpt      (EfirEpisode           *episode);
char *efir_page_term_name    (const char            *name);
char *efir_page_slug         (EfirEpisode           *episode);
char *efir_page_marker_class (const char            *uuid);

G_END_DECLS
