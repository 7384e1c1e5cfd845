/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-ui-test-util"

#include "config.h"

#include "efir-ui-test-util.h"

/* Types ------------------------------------------------------------------ */

/* Whether @widget is the one looked for, described by @key. */
typedef gboolean (*WidgetMatchFunc) (GtkWidget  *widget,
                                     const char *key);

/* Helpers ---------------------------------------------------------------- */

static void
dispatch_rounds (guint rounds)
{
  for (guint i = 0; i < rounds; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
has_buildable_id (GtkWidget  *widget,
                  const char *id)
{
  return GTK_IS_BUILDABLE (widget) &&
         g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

static gboolean
has_widget_name (GtkWidget  *widget,
                 const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_label_reading (GtkWidget  *widget,
                  const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_mapped_label_reading (GtkWidget  *widget,
                         const char *text)
{
  return is_label_reading (widget, text) && gtk_widget_get_mapped (widget);
}

/* Depth first, @widget itself first. */
static GtkWidget *
find_first (GtkWidget       *widget,
            WidgetMatchFunc  matches,
            const char      *key)
{
  if (matches (widget, key))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, matches, key);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_text_view (GtkWidget  *widget,
              const char *key)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* Text lands in the field's text view at its end, as typing puts it there. */
static void
type_at_end_of_view (GtkTextView *view,
                     const char  *text,
                     gboolean     move_cursor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (move_cursor)
    gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, text, -1, TRUE);
  efir_ui_test_iterate_until_idle ();
}

/* Text lands in the field's GtkText, as keystrokes put it there; in a field
 * that is no GtkEditable, in its text view. */
static void
type_at_end (gpointer    field,
             const char *text,
             gboolean    move_cursor)
{
  GtkEditable *delegate;
  int position;

  if (!GTK_IS_EDITABLE (field))
    {
      GtkWidget *view = find_first (GTK_WIDGET (field), is_text_view, NULL);

      g_assert_nonnull (view);
      type_at_end_of_view (GTK_TEXT_VIEW (view), text, move_cursor);
      return;
    }

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (field));
  if (delegate == NULL)
    delegate = GTK_EDITABLE (field);

  gtk_widget_grab_focus (GTK_WIDGET (delegate));
  position = g_utf8_strlen (gtk_editable_get_text (delegate), -1);
  if (move_cursor)
    gtk_editable_set_position (delegate, position);
  gtk_editable_insert_text (delegate, text, -1, &position);
  efir_ui_test_iterate_until_idle ();
}

/* Public API ------------------------------------------------------------- */

void
efir_ui_test_iterate_until_idle (void)
{
  dispatch_rounds (50);
}

void
efir_ui_test_dispatch_pending (void)
{
  dispatch_rounds (1);
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
efir_ui_test_wait_for (gboolean (*condition) (gpointer data),
                       gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint wake_up = g_timeout_add (20, wake_up_cb, NULL);
  gboolean holds;

  /* Blocking iterations, woken often: a frame or a timer may be what the
   * condition waits for. */
  while (!(holds = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_up);

  return holds;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown_cb (gpointer data)
{
  LabelWait *wait = data;

  return efir_ui_test_has_mapped_label (wait->widget, wait->text);
}

gboolean
efir_ui_test_wait_for_label (GtkWidget  *widget,
                             const char *text)
{
  LabelWait wait = { widget, text };

  return efir_ui_test_wait_for (label_shown_cb, &wait);
}

gboolean
efir_ui_test_has_label (GtkWidget  *widget,
                        const char *text)
{
  return find_first (widget, is_label_reading, text) != NULL;
}

gboolean
efir_ui_test_has_mapped_label (GtkWidget  *widget,
                               const char *text)
{
  return find_first (widget, is_mapped_label_reading, text) != NULL;
}

static guint
count_glyphs (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return gsk_text_node_get_num_glyphs (node);
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_glyphs (gsk_container_node_get_child (node, i));
      return n;
    case GSK_TRANSFORM_NODE:
      return count_glyphs (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return count_glyphs (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return count_glyphs (gsk_rounded_clip_node_get_child (node));
    case GSK_OPACITY_NODE:
      return count_glyphs (gsk_opacity_node_get_child (node));
    case GSK_COLOR_MATRIX_NODE:
      return count_glyphs (gsk_color_matrix_node_get_child (node));
    case GSK_SHADOW_NODE:
      return count_glyphs (gsk_shadow_node_get_child (node));
    case GSK_DEBUG_NODE:
      return count_glyphs (gsk_debug_node_get_child (node));
    default:
      return 0;
    }
}

/* What @widget draws, as its next frame would. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

guint
efir_ui_test_count_drawn_glyphs (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = snapshot_widget (widget);

  return node != NULL ? count_glyphs (node) : 0;
}

GBytes *
efir_ui_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = snapshot_widget (widget);
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, width, height);
  guchar *pixels;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  pixels = g_malloc0 ((gsize) width * height * 4);
  if (node != NULL)
    {
      texture = gsk_renderer_render_texture (renderer, node, &area);
      gdk_texture_download (texture, pixels, (gsize) width * 4);
    }
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

GtkWidget *
efir_ui_test_find_by_id (GtkWidget  *widget,
                         const char *id)
{
  return find_first (widget, has_buildable_id, id);
}

static gboolean
has_name (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_type_name (GtkWidget  *widget,
               const char *type_name)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name (type_name));
}

GtkWidget *
efir_ui_test_find_by_name (GtkWidget  *widget,
                           const char *name)
{
  return find_first (widget, has_name, name);
}

GtkWidget *
efir_ui_test_find_by_type (GtkWidget *widget,
                           GType      type)
{
  return find_first (widget, has_type_name, g_type_name (type));
}

gpointer
efir_ui_test_find_controller (GtkWidget *widget,
                              GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

GtkWidget *
efir_ui_test_list_row (GtkWidget  *widget,
                       const char *list_id,
                       int         index)
{
  GtkWidget *list = efir_ui_test_find_by_id (widget, list_id);

  g_assert_nonnull (list);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index));
}

GtkWidget *
efir_ui_test_list_row_part (GtkWidget  *widget,
                            const char *list_id,
                            int         index,
                            const char *name)
{
  GtkWidget *row = efir_ui_test_list_row (widget, list_id, index);
  GtkWidget *part;

  g_assert_nonnull (row);
  part = find_first (row, has_widget_name, name);
  g_assert_nonnull (part);
  return part;
}

gboolean
efir_ui_test_focus_is_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Among the shortcuts of the widget's class, as GTK finds them. */
gboolean
efir_ui_test_press_shortcut (GtkWidget       *widget,
                             guint            keyval,
                             GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              gboolean done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                            gtk_shortcut_get_arguments (shortcut));
              efir_ui_test_iterate_until_idle ();
              return done;
            }
        }
    }

  return FALSE;
}

void
efir_ui_test_type_into (gpointer    field,
                        const char *text)
{
  type_at_end (field, text, TRUE);
}

void
efir_ui_test_type_into_keeping_cursor (gpointer    field,
                                       const char *text)
{
  type_at_end (field, text, FALSE);
}
