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

G_END_DECLS
