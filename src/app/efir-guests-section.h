/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-model.h"

G_BEGIN_DECLS

#define EFIR_TYPE_GUESTS_SECTION (efir_guests_section_get_type ())

G_DECLARE_FINAL_TYPE (EfirGuestsSection, efir_guests_section, EFIR, GUESTS_SECTION, GtkWidget)

GtkWidget   *efir_guests_section_new         (void);

EfirEpisode *efir_guests_section_get_episode (EfirGuestsSection *self);
void         efir_guests_section_set_episode (EfirGuestsSection *self,
                                              EfirEpisode       *episode);
GListModel  *efir_guests_section_get_people  (EfirGuestsSection *self);
void         efir_guests_section_set_people  (EfirGuestsSection *self,
                                              GListModel        *people);

G_END_DECLS
