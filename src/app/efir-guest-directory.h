/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_GUEST_DIRECTORY (efir_guest_directory_get_type ())
G_DECLARE_FINAL_TYPE (EfirGuestDirectory, efir_guest_directory, EFIR, GUEST_DIRECTORY, AdwWindow)

GtkWidget *efir_guest_directory_new (GtkWindow *parent,
                                     EfirStore *store);

G_END_DECLS
