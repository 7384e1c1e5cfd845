/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-row-list"

#include "config.h"

#include "efir-row-list.h"
#include "efir-section-state.h"

/* Public API ------------------------------------------------------------- */

/* A tooltip set on a visible widget, as every new widget is, makes GTK
 * look for a tooltip to update under the pointer: on X11, a round trip to
 * the server each time. A row of a long episode has dozens of tooltips;
 * reopening one at start-up spent 5 ms waiting for those answers. No
 * tooltip can be showing over a widget that is not on screen yet. */
void
efir_row_list_set_tooltip (GtkWidget  *widget,
                           const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_mapped (widget) || !gtk_widget_get_visible (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }

  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}

GtkListBoxRow *
efir_row_list_get_focused_row (GtkListBox *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL)
    return NULL;

  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (list))
    return NULL;

  return GTK_LIST_BOX_ROW (row);
}

GtkWidget *
efir_row_list_find_part (GtkWidget  *widget,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = efir_row_list_find_part (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

const char *
efir_row_list_get_focused_part (GtkWidget          *row,
                                const char * const *parts,
                                int                *cursor)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (row));

  *cursor = -1;
  for (GtkWidget *w = focus; w != NULL && w != row; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_name (w);

      if (!g_strv_contains (parts, name))
        continue;

      if (GTK_IS_EDITABLE (w))
        *cursor = gtk_editable_get_position (GTK_EDITABLE (w));
      else if (GTK_IS_TEXT_VIEW (w))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (w));
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
          *cursor = gtk_text_iter_get_offset (&iter);
        }
      return name;
    }

  return NULL;
}

void
efir_row_list_focus_part (GtkWidget  *row,
                          const char *name,
                          int         cursor)
{
  GtkWidget *part = efir_row_list_find_part (row, name);

  if (part == NULL)
    return;

  /* Into an entry without selecting its text: the next key must not
   * replace a guest's name. */
  if (GTK_IS_ENTRY (part))
    {
      gtk_entry_grab_focus_without_selecting (GTK_ENTRY (part));
      if (cursor >= 0)
        gtk_editable_set_position (GTK_EDITABLE (part), cursor);
    }
  else if (GTK_IS_TEXT_VIEW (part))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (part));
      GtkTextIter iter;

      gtk_widget_grab_focus (part);
      if (cursor >= 0)
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &iter, cursor);
          gtk_text_buffer_place_cursor (buffer, &iter);
        }
    }
  else
    {
      gtk_widget_grab_focus (part);
    }
}

gboolean
efir_row_list_move_focused (GtkListBox         *list,
                            GListStore         *store,
                            const char * const *parts,
                            int                 delta)
{
  GtkListBoxRow *row = efir_row_list_get_focused_row (list);
  const char *part;
  int cursor;
  guint from, to;

  if (store == NULL || row == NULL)
    return FALSE;

  part = efir_row_list_get_focused_part (GTK_WIDGET (row), parts, &cursor);
  from = (guint) gtk_list_box_row_get_index (row);
  to = efir_section_state_move (store, from, delta);
  if (to == from)
    {
      gtk_widget_error_bell (GTK_WIDGET (list));
      return FALSE;
    }

  /* The list box made the moved item's row anew: follow it. */
  row = gtk_list_box_get_row_at_index (list, (int) to);
  if (row != NULL && part != NULL)
    efir_row_list_focus_part (GTK_WIDGET (row), part, cursor);

  return TRUE;
}

GdkContentProvider *
efir_row_list_drag_prepare (GtkDragSource *source,
                            GListStore    *store,
                            double         x,
                            double         y)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GObject) item = NULL;
  g_autoptr(GdkPaintable) icon = NULL;
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (store == NULL || index < 0
      || !(item = g_list_model_get_item (G_LIST_MODEL (store), (guint) index)))
    return NULL;

  icon = gtk_widget_paintable_new (row);
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);

  return gdk_content_provider_new_typed (G_OBJECT_TYPE (item), item);
}

gboolean
efir_row_list_drop (GtkDropTarget *target,
                    GListStore    *store,
                    const GValue  *value)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gpointer item = G_VALUE_HOLDS_OBJECT (value) ? g_value_get_object (value) : NULL;
  guint from;
  int to;

  /* An item dragged from another episode's list is not this list's to move. */
  if (store == NULL || item == NULL || !g_list_store_find (store, item, &from))
    return FALSE;

  to = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (to < 0)
    return FALSE;

  efir_section_state_move (store, from, to - (int) from);
  return TRUE;
}
