/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-publication-state.h"

G_BEGIN_DECLS

/* The editor's "Publication" section: where the episode is on its site,
 * and the buttons that apply to it now. Its buttons activate the window's
 * actions (win.publish, win.schedule, …); the window gives it the view. */

#define EFIR_TYPE_PUBLICATION_PANEL (efir_publication_panel_get_type ())
G_DECLARE_FINAL_TYPE (EfirPublicationPanel, efir_publication_panel, EFIR, PUBLICATION_PANEL, GtkBox)

GtkWidget *efir_publication_panel_new      (void);
/* @view NULL: no episode. */
void       efir_publication_panel_set_view (EfirPublicationPanel      *self,
                                            const EfirPublicationView *view);

G_END_DECLS
