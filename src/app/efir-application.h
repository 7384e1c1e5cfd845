/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_APPLICATION (efir_application_get_type ())
G_DECLARE_FINAL_TYPE (EfirApplication, efir_application, EFIR, APPLICATION, AdwApplication)

EfirApplication *efir_application_new       (void);
EfirStore       *efir_application_get_store (EfirApplication *self);

G_END_DECLS
