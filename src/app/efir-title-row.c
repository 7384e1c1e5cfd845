/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-title-row"

#include "config.h"

#include "efir-editor-state.h"
#include "efir-title-row.h"

/* Types and properties --------------------------------------------------- */

struct _EfirTitleRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkTextView       *text_view;
  GtkTextBuffer     *buffer;
  GtkImage          *edit_icon;

  /* Borrowed: the buffer's tag table owns it */
  GtkTextTag        *look;

  /* Owned */
  char              *text;

  /* Non-zero while the text is set from outside. */
  guint              setting;
  /* Whether an input method is composing: Enter may be its to take. */
  gboolean           composing;
  /* Fitting the text view to its text (see fit_text_cb): the layouts left
   * to look at, the frame clock they are looked at on, and the tick that
   * finds that clock. */
  guint              fit_layouts_left;
  guint              fit_tick;
  GdkFrameClock     *fit_clock;
};

G_DEFINE_FINAL_TYPE (EfirTitleRow, efir_title_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static char *
dup_buffer_text (EfirTitleRow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);

  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/* Callbacks -------------------------------------------------------------- */

/* What is typed or pasted goes in on one line. */
static void
buffer_inserting_text_cb (GtkTextBuffer *buffer,
                          GtkTextIter   *location,
                          const char    *text,
                          int            length,
                          EfirTitleRow  *self)
{
  g_autofree char *line = efir_editor_state_one_line (text, length);

  if (line == NULL)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_text_buffer_insert (buffer, location, line, -1);
}

/* Every letter wears the title's look, undone and redone ones too. */
static void
buffer_inserted_text_cb (GtkTextBuffer *buffer,
                         GtkTextIter   *location,
                         const char    *text,
                         int            length,
                         EfirTitleRow  *self)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  gtk_text_buffer_apply_tag (buffer, self->look, &start, location);
}

static void
buffer_changed_cb (EfirTitleRow *self)
{
  g_autofree char *text = NULL;

  if (self->setting > 0)
    return;

  text = dup_buffer_text (self);
  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Enter does what it did in a one-line entry: nothing to the text. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EfirTitleRow          *self)
{
  if (self->composing)
    return FALSE;

  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

static void
preedit_changed_cb (EfirTitleRow *self,
                    const char   *preedit)
{
  self->composing = preedit != NULL && preedit[0] != '\0';
}

static void
focus_changed_cb (EfirTitleRow       *self,
                  GParamSpec         *pspec,
                  GtkEventController *controller)
{
  gboolean editing = gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (controller));

  if (editing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "focused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "focused");

  gtk_widget_set_visible (GTK_WIDGET (self->edit_icon), !editing);
}

/* A click anywhere on the row, its caption too, is a click into the text. */
static void
row_pressed_cb (EfirTitleRow *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self->text_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* GtkTextView learns the height of its lines as it lays them out, within
 * its own allocation, and the resize it asks for then is lost (GTK 4.8): a
 * title set before the row was first laid out, as the episode reopened at
 * start-up is, kept the height of no line and was not drawn until the
 * producer clicked into it. After a new title, each layout of the window
 * is checked, after GTK's own, until the view is as tall as its text; a
 * resize asked for then is laid out in the same frame, before it is drawn.
 */
#define FIT_LAYOUTS 8

static void
stop_fitting (EfirTitleRow *self)
{
  if (self->fit_clock != NULL)
    g_signal_handlers_disconnect_by_data (self->fit_clock, self);
  g_clear_weak_pointer (&self->fit_clock);
  self->fit_layouts_left = 0;
}

static void
fit_text_cb (GdkFrameClock *clock,
             EfirTitleRow  *self)
{
  GtkWidget *view = GTK_WIDGET (self->text_view);
  int natural;

  if (gtk_widget_get_width (view) > 0)
    {
      gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (view),
                          NULL, &natural, NULL, NULL);
      if (gtk_widget_get_height (view) >= natural)
        {
          stop_fitting (self);
          return;
        }
      gtk_widget_queue_resize (view);
    }

  if (--self->fit_layouts_left == 0)
    stop_fitting (self);
}

/* The frame clock is the window's, known once the view is realized: the
 * first frame after a new title reaches it. */
static gboolean
start_fitting_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  EfirTitleRow *self = user_data;

  self->fit_tick = 0;
  if (self->fit_clock != clock)
    {
      stop_fitting (self);
      g_set_weak_pointer (&self->fit_clock, clock);
      g_signal_connect_object (clock, "layout", G_CALLBACK (fit_text_cb), self, G_CONNECT_AFTER);
    }
  self->fit_layouts_left = FIT_LAYOUTS;
  return G_SOURCE_REMOVE;
}

static void
fit_text_view (EfirTitleRow *self)
{
  if (self->fit_tick == 0)
    self->fit_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), start_fitting_cb,
                                                   self, NULL);
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
efir_title_row_new (void)
{
  return g_object_new (EFIR_TYPE_TITLE_ROW, NULL);
}

/**
 * efir_title_row_get_text:
 * @self: a title row
 *
 * Returns: (transfer none): the title the row holds, never %NULL
 */
const char *
efir_title_row_get_text (EfirTitleRow *self)
{
  g_return_val_if_fail (EFIR_IS_TITLE_ROW (self), NULL);

  return self->text;
}

/**
 * efir_title_row_set_text:
 * @self: a title row
 * @text: (nullable): the title to show
 *
 * A title read from the archive with a line break in it is shown on one
 * line, and is written back so only once the producer edits it. Undo does
 * not go back past a text set here.
 */
void
efir_title_row_set_text (EfirTitleRow *self,
                         const char   *text)
{
  GtkTextIter end;

  g_return_if_fail (EFIR_IS_TITLE_ROW (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (text, self->text) == 0)
    return;

  self->setting++;
  gtk_text_buffer_begin_irreversible_action (self->buffer);
  gtk_text_buffer_set_text (self->buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (self->buffer);
  self->setting--;

  /* As in an entry, a field reached from elsewhere is typed into at its end. */
  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_buffer_place_cursor (self->buffer, &end);
  fit_text_view (self);

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * efir_title_row_set_language:
 * @self: a title row
 * @language: (nullable): an RFC 3066 language code, or "" or %NULL for none
 *
 * The language of the title picks the letter forms and the places a line
 * may break, whatever keyboard the title was typed on.
 */
void
efir_title_row_set_language (EfirTitleRow *self,
                             const char   *language)
{
  g_return_if_fail (EFIR_IS_TITLE_ROW (self));

  if (language != NULL && language[0] != '\0')
    g_object_set (self->look, "language", language, NULL);
  else
    g_object_set (self->look, "language-set", FALSE, NULL);
}

/**
 * efir_title_row_reset_undo:
 * @self: a title row
 *
 * Forgets what undo and redo would bring back, as when another episode is
 * shown: undo there must never bring back the title of the one before.
 */
void
efir_title_row_reset_undo (EfirTitleRow *self)
{
  g_return_if_fail (EFIR_IS_TITLE_ROW (self));

  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  gtk_text_buffer_set_enable_undo (self->buffer, TRUE);
}

/* GObject overrides ------------------------------------------------------ */

static gboolean
efir_title_row_grab_focus (GtkWidget *widget)
{
  EfirTitleRow *self = EFIR_TITLE_ROW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* The keyboard goes straight into the text, as in an entry row, rather than
 * stopping on the row first. */
static gboolean
efir_title_row_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL && gtk_widget_child_focus (child, direction);
}

static void
efir_title_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfirTitleRow *self = EFIR_TITLE_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_title_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfirTitleRow *self = EFIR_TITLE_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      efir_title_row_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_title_row_dispose (GObject *object)
{
  stop_fitting (EFIR_TITLE_ROW (object));
  gtk_widget_dispose_template (GTK_WIDGET (object), EFIR_TYPE_TITLE_ROW);

  G_OBJECT_CLASS (efir_title_row_parent_class)->dispose (object);
}

static void
efir_title_row_finalize (GObject *object)
{
  EfirTitleRow *self = EFIR_TITLE_ROW (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (efir_title_row_parent_class)->finalize (object);
}

static void
efir_title_row_class_init (EfirTitleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = efir_title_row_get_property;
  object_class->set_property = efir_title_row_set_property;
  object_class->dispose = efir_title_row_dispose;
  object_class->finalize = efir_title_row_finalize;

  widget_class->grab_focus = efir_title_row_grab_focus;
  widget_class->focus = efir_title_row_focus;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-title-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirTitleRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, EfirTitleRow, buffer);
  gtk_widget_class_bind_template_child (widget_class, EfirTitleRow, edit_icon);
  gtk_widget_class_bind_template_callback (widget_class, buffer_inserting_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_inserted_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preedit_changed_cb);
}

static void
efir_title_row_init (EfirTitleRow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text = g_strdup ("");
  self->look = gtk_text_buffer_create_tag (self->buffer, NULL,
                                           "scale", 1.3,
                                           "weight", PANGO_WEIGHT_SEMIBOLD,
                                           NULL);

  /* The row is the field: the text takes its background, not a view's. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->text_view), "view");

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "notify::contains-focus",
                            G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (row_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
