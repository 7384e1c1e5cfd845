/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_HISTORY_DIALOG (efir_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EfirHistoryDialog, efir_history_dialog, EFIR, HISTORY_DIALOG, AdwWindow)

GtkWidget *efir_history_dialog_new (GtkWindow   *parent,
                                    EfirStore   *store,
                                    EfirEpisode *episode);

/* Selects the newest revision kept for @reason ("publish", say): the diff
 * then shows what changed since. */
void       efir_history_dialog_select_latest (EfirHistoryDialog *self,
                                              const char        *reason);

G_END_DECLS
