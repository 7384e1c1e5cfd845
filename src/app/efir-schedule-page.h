/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-outbox-worker.h"
#include "efir-store.h"

G_BEGIN_DECLS

/*
 * The schedule of every programme and site: what is scheduled, what was
 * published in the last 14 days, and what failed or waits in conflict,
 * grouped by day in the viewer's time zone. Activating a row emits
 * "open-episode" (gint64 episode_id). A schedule the site missed offers
 * Publish Now, which queues the publication and kicks @worker.
 */

#define EFIR_TYPE_SCHEDULE_PAGE (efir_schedule_page_get_type ())
G_DECLARE_FINAL_TYPE (EfirSchedulePage, efir_schedule_page, EFIR, SCHEDULE_PAGE, AdwBin)

GtkWidget *efir_schedule_page_new    (EfirStore        *store,
                                      EfirOutboxWorker *worker);
/* Reads the schedule again: call it when the archive changed. */
void       efir_schedule_page_reload (EfirSchedulePage *self);

/* The time of @at_gmt (UTC, "2024-10-04T16:00:00") as a row shows it: in
 * @viewer's zone, and in @program_zone's in @program_time when the two
 * differ there (else NULL). */
char      *efir_schedule_page_format_time (const char  *at_gmt,
                                           const char  *program_zone,
                                           GTimeZone   *viewer,
                                           char       **program_time);

/* Whether @entry is a schedule whose time passed at @now without the
 * episode going live: its row is flagged and offers Publish Now. */
gboolean   efir_schedule_page_is_missed   (const EfirScheduleEntry *entry,
                                           GDateTime               *now);

G_END_DECLS
