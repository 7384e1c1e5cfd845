/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_PROGRAM_SETTINGS (efir_program_settings_get_type ())
G_DECLARE_FINAL_TYPE (EfirProgramSettings, efir_program_settings, EFIR, PROGRAM_SETTINGS,
                      AdwPreferencesWindow)

GtkWidget *efir_program_settings_new (GtkWindow   *parent,
                                      EfirStore   *store,
                                      EfirProgram *program);

G_END_DECLS
