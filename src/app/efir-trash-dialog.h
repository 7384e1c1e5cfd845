/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_TRASH_DIALOG (efir_trash_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EfirTrashDialog, efir_trash_dialog, EFIR, TRASH_DIALOG, AdwWindow)

GtkWidget *efir_trash_dialog_new (GtkWindow *parent,
                                  EfirStore *store);

/* What a row of the trash says under the title: its programme, how long
 * ago it was deleted (@days_ago whole days), and that its post stays on
 * the site. */
char      *efir_trash_dialog_row_subtitle (const char *program_name,
                                           int         days_ago,
                                           gboolean    published);

G_END_DECLS
