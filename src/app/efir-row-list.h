/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * What the guests and quotes sections share: a GtkListBox bound to a
 * GListStore of the episode, whose rows move with Alt+↑/↓ and by dragging,
 * and keep the keyboard in the same part of the row (a name or role entry,
 * a quote's text) where the cursor was. A row's parts are found by their
 * widget names. The social links section builds its rows with the same
 * care for tooltips.
 */

/* gtk_widget_set_tooltip_text() for a part of a row being built: the
 * same tooltip, without asking the display where the pointer is. */
void                efir_row_list_set_tooltip      (GtkWidget           *widget,
                                                    const char          *text);
/* The row of @list that holds the focus, or NULL. */
GtkListBoxRow      *efir_row_list_get_focused_row  (GtkListBox          *list);
/* The widget named @name in @widget, itself included, or NULL. */
GtkWidget          *efir_row_list_find_part        (GtkWidget           *widget,
                                                    const char          *name);
/* Which of @parts of @row has the focus, and where its cursor is (-1 for
 * a part without one). */
const char         *efir_row_list_get_focused_part (GtkWidget           *row,
                                                    const char * const  *parts,
                                                    int                 *cursor);
void                efir_row_list_focus_part       (GtkWidget           *row,
                                                    const char          *name,
                                                    int                  cursor);
/* Moves the focused row of @list @delta places in @store and follows it
 * with the keyboard; FALSE (and a bell) when it cannot go further. */
gboolean            efir_row_list_move_focused     (GtkListBox          *list,
                                                    GListStore          *store,
                                                    const char * const  *parts,
                                                    int                  delta);
/* Drag and drop inside one list: the dragged row's item, and where it
 * lands. An item of another list (another episode's) is refused. */
GdkContentProvider *efir_row_list_drag_prepare     (GtkDragSource       *source,
                                                    GListStore          *store,
                                                    double               x,
                                                    double               y);
gboolean            efir_row_list_drop             (GtkDropTarget       *target,
                                                    GListStore          *store,
                                                    const GValue        *value);

G_END_DECLS
