/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-model.h"
#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_DETAILS_SECTION (efir_details_section_get_type ())
G_DECLARE_FINAL_TYPE (EfirDetailsSection, efir_details_section, EFIR, DETAILS_SECTION, GtkWidget)

GtkWidget   *efir_details_section_new                 (void);
EfirEpisode *efir_details_section_get_episode         (EfirDetailsSection *self);
void         efir_details_section_set_episode         (EfirDetailsSection *self,
                                                       EfirEpisode        *episode);
void         efir_details_section_set_program         (EfirDetailsSection *self,
                                                       EfirProgram        *program);
void         efir_details_section_set_store           (EfirDetailsSection *self,
                                                       EfirStore          *store);
void         efir_details_section_set_tag_suggestions (EfirDetailsSection *self,
                                                       GListModel         *suggestions);

G_END_DECLS
