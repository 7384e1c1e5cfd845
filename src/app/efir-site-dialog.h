/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-publisher.h"

G_BEGIN_DECLS

#define EFIR_TYPE_SITE_DIALOG (efir_site_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EfirSiteDialog, efir_site_dialog, EFIR, SITE_DIALOG, AdwWindow)

GtkWidget *efir_site_dialog_new               (GtkWindow      *parent,
                                               EfirPublisher  *publisher,
                                               const EfirSite *site);

/* "Signed in as NAME · can publish" or "… · can submit for review". */
char      *efir_site_dialog_account_summary   (const EfirSite *site);

/* The sentence the dialog shows when signing in to @address failed with
 * @error: one for each thing the producer can mend. */
char      *efir_site_dialog_error_sentence    (const GError   *error,
                                               const char     *address);

G_END_DECLS
