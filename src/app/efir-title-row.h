/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * A boxed-list row for an episode's title: the row's title as a caption
 * above the text, which wraps onto as many lines as the width needs, and
 * stays one line of text.
 */

#define EFIR_TYPE_TITLE_ROW (efir_title_row_get_type ())
G_DECLARE_FINAL_TYPE (EfirTitleRow, efir_title_row, EFIR, TITLE_ROW, AdwPreferencesRow)

GtkWidget  *efir_title_row_new          (void);
const char *efir_title_row_get_text     (EfirTitleRow *self);
void        efir_title_row_set_text     (EfirTitleRow *self,
                                         const char   *text);
void        efir_title_row_set_language (EfirTitleRow *self,
                                         const char   *language);
void        efir_title_row_reset_undo   (EfirTitleRow *self);

G_END_DECLS
