/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-publisher.h"

G_BEGIN_DECLS

#define EFIR_TYPE_CONFLICT_DIALOG (efir_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EfirConflictDialog, efir_conflict_dialog, EFIR, CONFLICT_DIALOG, AdwWindow)

/* The side-by-side view of job @job_id of @episode, stopped because the
 * post changed on the site: "resolved" (an EfirResolution, as an int) is
 * emitted once the producer's choice is recorded with
 * efir_publisher_resolve(), and the dialog closes. The outbox is then
 * the caller's to run. */
GtkWidget *efir_conflict_dialog_new (GtkWindow     *parent,
                                     EfirPublisher *publisher,
                                     EfirEpisode   *episode,
                                     gint64         job_id);

/* "NAME changed the post on the site · Today, 14:05", as much as @site
 * says of it. */
char      *efir_conflict_dialog_describe_change (const EfirPageVersion *site);

G_END_DECLS
