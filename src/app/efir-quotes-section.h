/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-model.h"

G_BEGIN_DECLS

#define EFIR_TYPE_QUOTES_SECTION (efir_quotes_section_get_type ())

G_DECLARE_FINAL_TYPE (EfirQuotesSection, efir_quotes_section, EFIR, QUOTES_SECTION, GtkWidget)

GtkWidget          *efir_quotes_section_new            (void);

EfirEpisode        *efir_quotes_section_get_episode    (EfirQuotesSection  *self);
void                efir_quotes_section_set_episode    (EfirQuotesSection  *self,
                                                        EfirEpisode        *episode);
const char * const *efir_quotes_section_get_host_names (EfirQuotesSection  *self);
void                efir_quotes_section_set_host_names (EfirQuotesSection  *self,
                                                        const char * const *hosts);

G_END_DECLS
