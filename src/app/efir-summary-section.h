/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-model.h"

G_BEGIN_DECLS

#define EFIR_TYPE_SUMMARY_SECTION (efir_summary_section_get_type ())
G_DECLARE_FINAL_TYPE (EfirSummarySection, efir_summary_section, EFIR, SUMMARY_SECTION, GtkWidget)

GtkWidget   *efir_summary_section_new         (void);
EfirEpisode *efir_summary_section_get_episode (EfirSummarySection *self);
void         efir_summary_section_set_episode (EfirSummarySection *self,
                                               EfirEpisode        *episode);

G_END_DECLS
