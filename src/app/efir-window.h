/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-application.h"
#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_WINDOW (efir_window_get_type ())
G_DECLARE_FINAL_TYPE (EfirWindow, efir_window, EFIR, WINDOW, AdwApplicationWindow)

/* store is NULL when the database could not be opened; open_error then says
 * why and the window offers the latest good backup instead. */
EfirWindow *efir_window_new (EfirApplication *application,
                             EfirStore       *store,
                             const char      *db_path,
                             const GError    *open_error);

G_END_DECLS
