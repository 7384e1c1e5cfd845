/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GtkCalendar names its months and days after LC_TIME, which may be
 * another language than the window's: this gives @calendar the names of
 * the interface's language instead, from Efir's catalogue. */
void efir_calendar_names_apply (GtkCalendar *calendar);

G_END_DECLS
