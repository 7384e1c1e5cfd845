/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-link-checker.h"
#include "efir-model.h"

G_BEGIN_DECLS

#define EFIR_TYPE_SOCIAL_LINKS_SECTION (efir_social_links_section_get_type ())
G_DECLARE_FINAL_TYPE (EfirSocialLinksSection, efir_social_links_section, EFIR, SOCIAL_LINKS_SECTION, GtkWidget)

GtkWidget   *efir_social_links_section_new         (void);
EfirEpisode *efir_social_links_section_get_episode (EfirSocialLinksSection *self);
void         efir_social_links_section_set_episode (EfirSocialLinksSection *self,
                                                    EfirEpisode            *episode);
void         efir_social_links_section_set_link_checker (EfirSocialLinksSection *self,
                                                         EfirLinkChecker        *checker);

G_END_DECLS
