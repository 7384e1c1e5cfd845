/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The main window's pages that a start does not show: the sidebar's empty
 * states and the page of an archive that cannot be opened. They are built
 * when first shown, because GTK loads an image's icon as soon as it is
 * styled, shown or not, and building them all made every start slower. */

/* "no-results", "no-programs" or "no-episodes"; NULL for another name. */
GtkWidget *efir_window_page_new       (const char     *name);
/* The page of an archive that cannot be opened, with the status page that
 * tells why and the button that opens the latest backup. */
GtkWidget *efir_window_error_page_new (AdwStatusPage **status_page,
                                       GtkButton     **restore_button);

G_END_DECLS
