/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-publisher.h"
#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_PREFERENCES_WINDOW (efir_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (EfirPreferencesWindow, efir_preferences_window, EFIR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *efir_preferences_window_new (GtkWindow     *parent,
                                        EfirStore     *store,
                                        EfirPublisher *publisher);

G_END_DECLS
