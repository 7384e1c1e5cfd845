/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-model.h"

G_BEGIN_DECLS

#define EFIR_TYPE_SHARE_DIALOG (efir_share_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EfirShareDialog, efir_share_dialog, EFIR, SHARE_DIALOG, AdwWindow)

GtkWidget *efir_share_dialog_new (GtkWindow   *parent,
                                  EfirProgram *program,
                                  EfirEpisode *episode,
                                  const char  *link);

G_END_DECLS
