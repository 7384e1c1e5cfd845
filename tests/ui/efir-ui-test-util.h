/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the UI test programs share. */

/* Runs the main context until nothing is ready, fifty times over, so work queued by work runs. */
void       efir_ui_test_iterate_until_idle        (void);
/* Runs the main context until nothing is ready, once. */
void       efir_ui_test_dispatch_pending          (void);
/* Runs the main loop until @condition holds (frames drawn, timers fired),
 * for ten seconds at the most; returns whether it holds. */
gboolean   efir_ui_test_wait_for                  (gboolean       (*condition) (gpointer data),
                                                   gpointer         data);
/* Runs the main loop until a mapped label at or below @widget reads
 * @text (a toast, say), for ten seconds at the most. */
gboolean   efir_ui_test_wait_for_label            (GtkWidget       *widget,
                                                   const char      *text);

/* Whether a label at or below @widget reads @text, shown or not. */
gboolean   efir_ui_test_has_label                 (GtkWidget       *widget,
                                                   const char      *text);
/* Whether a mapped label at or below @widget reads @text: one on screen. */
gboolean   efir_ui_test_has_mapped_label          (GtkWidget       *widget,
                                                   const char      *text);
/* How many glyphs @widget draws, as its next frame would: a text the
 * widget holds but does not draw counts none. */
guint      efir_ui_test_count_drawn_glyphs        (GtkWidget       *widget);
/* The pixels @widget draws, as its next frame would, row by row, four
 * bytes each: two pictures of the same are equal bytes. */
GBytes    *efir_ui_test_render_widget             (GtkWidget       *widget);
/* The first widget at or below @widget, depth first, built with the id @id, or NULL. */
GtkWidget *efir_ui_test_find_by_id                (GtkWidget       *widget,
                                                   const char      *id);
/* The first widget at or below @widget, depth first, named @name
 * (gtk_widget_set_name()), or of @type, or NULL. */
GtkWidget *efir_ui_test_find_by_name              (GtkWidget       *widget,
                                                   const char      *name);
GtkWidget *efir_ui_test_find_by_type              (GtkWidget       *widget,
                                                   GType            type);
/* The first event controller of @widget that is a @type, or NULL. */
gpointer   efir_ui_test_find_controller           (GtkWidget       *widget,
                                                   GType            type);
/* Row @index of the list box built with the id @list_id below @widget, or NULL. */
GtkWidget *efir_ui_test_list_row                  (GtkWidget       *widget,
                                                   const char      *list_id,
                                                   int              index);
/* The widget named @name in row @index of the list box @list_id below @widget. */
GtkWidget *efir_ui_test_list_row_part             (GtkWidget       *widget,
                                                   const char      *list_id,
                                                   int              index,
                                                   const char      *name);
/* Whether the keyboard focus of @widget's window is @widget or inside it. */
gboolean   efir_ui_test_focus_is_within           (GtkWidget       *widget);

/* Runs the class shortcut of @widget for @keyval and @modifiers; whether it did something. */
gboolean   efir_ui_test_press_shortcut            (GtkWidget       *widget,
                                                   guint            keyval,
                                                   GdkModifierType  modifiers);
/* Types @text at the end of @field, a GtkEditable or a widget holding a GtkTextView,
 * its cursor moved to the end first. */
void       efir_ui_test_type_into                 (gpointer         field,
                                                   const char      *text);
/* Types @text at the end of @field, its cursor left where focusing it put it. */
void       efir_ui_test_type_into_keeping_cursor  (gpointer         field,
                                                   const char      *text);

G_END_DECLS
