/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks for the day and time an episode goes live, in its programme's time
 * zone, with the viewer's clock beside it when that differs; a time that
 * has passed cannot be chosen. "scheduled" gives the moment chosen. */

#define EFIR_TYPE_SCHEDULE_DIALOG (efir_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EfirScheduleDialog, efir_schedule_dialog, EFIR, SCHEDULE_DIALOG, AdwMessageDialog)

/* @suggested: the air date, or NULL for the next full hour. */
GtkWidget *efir_schedule_dialog_new  (GtkWindow  *parent,
                                      const char *title,
                                      GTimeZone  *program_zone,
                                      GDateTime  *suggested);
/* What is chosen now, NULL when it is not a time to come. */
GDateTime *efir_schedule_dialog_dup_time (EfirScheduleDialog *self);

G_END_DECLS
