/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-guests-section"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "efir-fold.h"
#include "efir-guests-section.h"
#include "efir-row-list.h"
#include "efir-section-state.h"

/* Types and properties --------------------------------------------------- */

struct _EfirGuestsSection
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *guest_list;
  AdwEntryRow         *add_row;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
  GtkPopover          *suggestions_popover;
  GtkListView         *suggestions_list;
  GtkLabel            *suggestions_hint;

  /* Owned */
  EfirEpisode         *episode;
  GListModel          *people;
  GSignalGroup        *guests_signals;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *suggestions;
  GtkSingleSelection  *selection;
  char                *folded_query;
};

G_DEFINE_FINAL_TYPE (EfirGuestsSection, efir_guests_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EPISODE,
  PROP_PEOPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The focusable parts of a guest row, by widget name: after a move the row
 * is built anew and focus returns to the same part of it.
 */
static const char * const row_parts[] = { "role-entry", "remove-button", NULL };

/* Helpers ---------------------------------------------------------------- */

static GListStore *
get_guests (EfirGuestsSection *self)
{
  return self->episode != NULL ? efir_episode_get_guests (self->episode) : NULL;
}

static void
update_list_visibility (EfirGuestsSection *self)
{
  GListStore *guests = get_guests (self);

  gtk_widget_set_visible (GTK_WIDGET (self->guest_list),
                          guests != NULL && g_list_model_get_n_items (G_LIST_MODEL (guests)) > 0);
}

static void
show_message (EfirGuestsSection *self,
              const char        *message)
{
  gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static void
hide_message (EfirGuestsSection *self)
{
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return;

  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->add_row),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The popover belongs to the section, not to the entry row, so that the
 * section can keep it under the row whenever it is allocated.
 */
static void
position_suggestions (EfirGuestsSection *self)
{
  graphene_rect_t bounds;
  GdkRectangle rect;
  int width;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (self->add_row), GTK_WIDGET (self), &bounds))
    return;

  rect.x = (int) floorf (bounds.origin.x);
  rect.y = (int) floorf (bounds.origin.y);
  rect.width = (int) ceilf (bounds.size.width);
  rect.height = (int) ceilf (bounds.size.height);
  gtk_popover_set_pointing_to (self->suggestions_popover, &rect);

  gtk_widget_get_size_request (GTK_WIDGET (self->suggestions_popover), &width, NULL);
  if (width != rect.width)
    gtk_widget_set_size_request (GTK_WIDGET (self->suggestions_popover), rect.width, -1);
}

static void
hide_suggestions (EfirGuestsSection *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover)))
    gtk_popover_popdown (self->suggestions_popover);
}

static void
show_suggestions (EfirGuestsSection *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      hide_suggestions (self);
      return;
    }

  position_suggestions (self);
  gtk_popover_popup (self->suggestions_popover);
}

static void
select_suggestion (EfirGuestsSection *self,
                   guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->suggestions_list), "list.scroll-to-item",
                                "u", position);
}

static void
clear_entry (EfirGuestsSection *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  hide_suggestions (self);
}

/* Adds the guest unless they are in the episode already; either way the
 * entry is cleared for the next name.
 */
static void
add_guest (EfirGuestsSection *self,
           gint64             person_id,
           const char        *name,
           const char        *role)
{
  GListStore *guests = get_guests (self);
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  int existing;

  if (guests == NULL)
    return;

  clear_entry (self);

  existing = efir_section_state_find_guest (G_LIST_MODEL (guests), person_id, name);
  if (existing >= 0)
    {
      g_autoptr(EfirEpisodeGuest) other = g_list_model_get_item (G_LIST_MODEL (guests), existing);
      g_autofree char *message = NULL;

      /* Translators: %s is a person's name. */
      message = g_strdup_printf (_("%s is already a guest of this episode."),
                                 efir_episode_guest_get_name (other));
      show_message (self, message);
      return;
    }

  hide_message (self);

  guest = efir_episode_guest_new (name, role);
  efir_episode_guest_set_person_id (guest, person_id);
  g_list_store_append (guests, guest);
}

static void
add_person (EfirGuestsSection *self,
            EfirPerson        *person)
{
  add_guest (self,
             efir_person_get_id (person),
             efir_person_get_name (person),
             efir_person_get_default_role (person));
}

static gboolean
person_id_is_new (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_int64 (from) == 0);
  return TRUE;
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
person_matches_query (gpointer item,
                      gpointer user_data)
{
  EfirGuestsSection *self = user_data;

  return self->folded_query != NULL &&
         efir_section_state_guest_matches (self->folded_query, item);
}

static void
on_remove_clicked_cb (GtkButton         *button,
                      EfirGuestsSection *self)
{
  GListStore *guests = get_guests (self);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkListBoxRow *next;
  int index;
  guint n;

  if (guests == NULL || row == NULL)
    return;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_list_store_remove (guests, (guint) index);

  /* Keep the keyboard where it was: on the row that took this one's place. */
  n = g_list_model_get_n_items (G_LIST_MODEL (guests));
  next = n > 0 ? gtk_list_box_get_row_at_index (self->guest_list, MIN (index, (int) n - 1)) : NULL;
  if (next != NULL)
    efir_row_list_focus_part (GTK_WIDGET (next), "remove-button", -1);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static GdkContentProvider *
on_drag_prepared_cb (GtkDragSource     *source,
                     double             x,
                     double             y,
                     EfirGuestsSection *self)
{
  return efir_row_list_drag_prepare (source, get_guests (self), x, y);
}

static gboolean
on_row_dropped_cb (GtkDropTarget     *target,
                   const GValue      *value,
                   double             x,
                   double             y,
                   EfirGuestsSection *self)
{
  return efir_row_list_drop (target, get_guests (self), value);
}

/* A plain box rather than an AdwActionRow: its wrapping title and subtitle
 * disagree with themselves by a pixel about their height next to a
 * fixed-width entry, and GTK rightly complains.
 */
static GtkWidget *
create_guest_row (gpointer item,
                  gpointer user_data)
{
  EfirGuestsSection *self = user_data;
  EfirEpisodeGuest *guest = item;
  const char *name = efir_episode_guest_get_name (guest);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (NULL);
  GtkWidget *new_label = gtk_label_new (_("New to the guest directory"));
  GtkWidget *role = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (EFIR_TYPE_EPISODE_GUEST, GDK_ACTION_MOVE);
  g_autofree char *role_label = NULL;
  g_autofree char *remove_label = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_add_css_class (handle, "dim-label");
  efir_row_list_set_tooltip (handle, _("Drag to reorder, or press Alt+↑ and Alt+↓"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reorder with Alt+Up and Alt+Down"),
                                  -1);
  gtk_box_append (GTK_BOX (box), handle);

  gtk_widget_set_name (name_label, "name-label");
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  g_object_bind_property (guest, "name", name_label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (guest, "name", name_label, "tooltip-text", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (labels), name_label);

  gtk_widget_set_name (new_label, "new-label");
  gtk_label_set_xalign (GTK_LABEL (new_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (new_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (new_label, "caption");
  gtk_widget_add_css_class (new_label, "dim-label");
  g_object_bind_property_full (guest, "person-id", new_label, "visible", G_BINDING_SYNC_CREATE,
                               person_id_is_new, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (labels), new_label);

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  /* Where there is room every role gets the same width, so they line up
   * in a column; where there is not, the names keep theirs first.
   */
  /* Translators: %s is a guest's name. */
  role_label = g_strdup_printf (_("Role of %s in this episode"), name);
  gtk_widget_set_name (role, "role-entry");
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (role), 14);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (role), 28);
  gtk_entry_set_placeholder_text (GTK_ENTRY (role), _("Role in this episode"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (role),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_label,
                                  -1);
  g_object_bind_property (guest, "role", role, "text",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_box_append (GTK_BOX (box), role);

  /* Translators: %s is a guest's name. */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_name (remove, "remove-button");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  efir_row_list_set_tooltip (remove, _("Remove Guest"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepared_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_row_dropped_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  return row;
}

static void
on_suggestion_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        EfirGuestsSection        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
on_suggestion_bound_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        EfirGuestsSection        *self)
{
  EfirPerson *person = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  GListStore *guests = get_guests (self);
  const char *role = efir_person_get_default_role (person);
  gboolean present = guests != NULL &&
                     efir_section_state_find_guest (G_LIST_MODEL (guests),
                                                    efir_person_get_id (person),
                                                    efir_person_get_name (person)) >= 0;
  g_autofree char *text = NULL;

  if (present && role[0] != '\0')
    {
      /* Translators: %s is the role a person usually appears in. */
      text = g_strdup_printf (_("%s · already a guest"), role);
    }
  else if (present)
    {
      text = g_strdup (_("Already a guest"));
    }
  else
    {
      text = g_strdup (role);
    }

  gtk_label_set_label (GTK_LABEL (name), efir_person_get_name (person));
  gtk_label_set_label (GTK_LABEL (detail), text);
  gtk_widget_set_visible (detail, text[0] != '\0');
}

static void
on_suggestion_activated_cb (EfirGuestsSection *self,
                            guint              position,
                            GtkListView       *list_view)
{
  g_autoptr(EfirPerson) person = g_list_model_get_item (G_LIST_MODEL (self->suggestions), position);

  if (person != NULL)
    add_person (self, person);
}

static void
on_add_text_changed_cb (EfirGuestsSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_row));
  g_autofree char *folded = efir_fold (text, -1);
  g_autofree char *name = efir_section_state_clean_name (text);
  g_autofree char *hint = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  /* Typing on only narrows the matches: every word typed must start a word
   * of the name, so only the people matching already need a new look.
   */
  if (self->folded_query != NULL && self->folded_query[0] != '\0' &&
      g_str_has_prefix (folded, self->folded_query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;

  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);

  if (text[0] != '\0')
    hide_message (self);

  /* Enter takes the best match, as in any completion; a new name that
   * happens to start like a known one is kept with Esc (or ↑) first.
   */
  /* Translators: %s is a name as typed. */
  hint = g_strdup_printf (_("Esc, then Enter: add “%s” as a new guest"), name);
  gtk_label_set_label (self->suggestions_hint, hint);
  show_suggestions (self);
  select_suggestion (self, gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover))
                             ? 0 : GTK_INVALID_LIST_POSITION);
}

static void
on_add_entry_activated_cb (EfirGuestsSection *self)
{
  g_autofree char *name = efir_section_state_clean_name (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
  g_autoptr(EfirPerson) person = NULL;

  if (name[0] == '\0')
    return;

  /* A name typed out in full is the directory's person, not a namesake. */
  person = efir_section_state_find_person (self->people, name);
  if (person != NULL)
    add_person (self, person);
  else
    add_guest (self, 0, name, NULL);
}

static gboolean
on_add_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       EfirGuestsSection     *self)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown)
        {
          show_suggestions (self);
          return gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover));
        }
      if (n > 0)
        select_suggestion (self, selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1));
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      /* Above the first suggestion is what was typed. */
      if (selected != GTK_INVALID_LIST_POSITION)
        select_suggestion (self, selected == 0 ? GTK_INVALID_LIST_POSITION : selected - 1);
      return TRUE;

    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      hide_suggestions (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!shown || selected == GTK_INVALID_LIST_POSITION)
        return FALSE;
      on_suggestion_activated_cb (self, selected, self->suggestions_list);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_add_focus_left_cb (EfirGuestsSection *self)
{
  hide_suggestions (self);
}

static void
on_guests_changed_cb (EfirGuestsSection *self)
{
  update_list_visibility (self);
}

static void
move_up_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (widget);

  efir_row_list_move_focused (self->guest_list, get_guests (self), row_parts, -1);
}

static void
move_down_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (widget);

  efir_row_list_move_focused (self->guest_list, get_guests (self), row_parts, 1);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_guests_section_new:
 *
 * The guests of one episode, with their roles in it, in billing order,
 * and an entry to add more from the guest directory.
 *
 * Returns: (transfer full): a new section showing no episode
 */
GtkWidget *
efir_guests_section_new (void)
{
  return g_object_new (EFIR_TYPE_GUESTS_SECTION, NULL);
}

EfirEpisode *
efir_guests_section_get_episode (EfirGuestsSection *self)
{
  g_return_val_if_fail (EFIR_IS_GUESTS_SECTION (self), NULL);

  return self->episode;
}

/**
 * efir_guests_section_set_episode:
 * @self: a guests section
 * @episode: (nullable): the episode to edit
 *
 * Shows and edits the guests of @episode. What was being typed in the add
 * entry for the previous episode is dropped; its guests are left as they are.
 */
void
efir_guests_section_set_episode (EfirGuestsSection *self,
                                 EfirEpisode       *episode)
{
  GListStore *guests;

  g_return_if_fail (EFIR_IS_GUESTS_SECTION (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (!g_set_object (&self->episode, episode))
    return;

  guests = get_guests (self);
  gtk_list_box_bind_model (self->guest_list, guests != NULL ? G_LIST_MODEL (guests) : NULL,
                           create_guest_row, self, NULL);
  g_signal_group_set_target (self->guests_signals, guests);

  clear_entry (self);
  hide_message (self);
  update_list_visibility (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), episode != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
}

GListModel *
efir_guests_section_get_people (EfirGuestsSection *self)
{
  g_return_val_if_fail (EFIR_IS_GUESTS_SECTION (self), NULL);

  return self->people;
}

/**
 * efir_guests_section_set_people:
 * @self: a guests section
 * @people: (nullable): the guest directory, of #EfirPerson
 *
 * Sets the people suggested while a name is typed. The section follows
 * changes to @people.
 */
void
efir_guests_section_set_people (EfirGuestsSection *self,
                                GListModel        *people)
{
  g_return_if_fail (EFIR_IS_GUESTS_SECTION (self));
  g_return_if_fail (people == NULL || G_IS_LIST_MODEL (people));

  if (!g_set_object (&self->people, people))
    return;

  gtk_filter_list_model_set_model (self->suggestions, people);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEOPLE]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_guests_section_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (widget);

  gtk_widget_measure (GTK_WIDGET (self->group), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
efir_guests_section_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (widget);

  gtk_widget_allocate (GTK_WIDGET (self->group), width, height, baseline, NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover)))
    {
      position_suggestions (self);
      gtk_popover_present (self->suggestions_popover);
    }
}

static GtkSizeRequestMode
efir_guests_section_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (EFIR_GUESTS_SECTION (widget)->group));
}

static void
efir_guests_section_unmap (GtkWidget *widget)
{
  hide_suggestions (EFIR_GUESTS_SECTION (widget));

  GTK_WIDGET_CLASS (efir_guests_section_parent_class)->unmap (widget);
}

static void
efir_guests_section_dispose (GObject *object)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_GUESTS_SECTION);

  if (self->guests_signals != NULL)
    g_signal_group_set_target (self->guests_signals, NULL);
  g_clear_object (&self->guests_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->filter);
  g_clear_object (&self->people);
  g_clear_object (&self->episode);

  G_OBJECT_CLASS (efir_guests_section_parent_class)->dispose (object);
}

static void
efir_guests_section_finalize (GObject *object)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (object);

  g_clear_pointer (&self->folded_query, g_free);

  G_OBJECT_CLASS (efir_guests_section_parent_class)->finalize (object);
}

static void
efir_guests_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;

    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_guests_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfirGuestsSection *self = EFIR_GUESTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      efir_guests_section_set_episode (self, g_value_get_object (value));
      break;

    case PROP_PEOPLE:
      efir_guests_section_set_people (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_guests_section_class_init (EfirGuestsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_guests_section_dispose;
  object_class->finalize = efir_guests_section_finalize;
  object_class->get_property = efir_guests_section_get_property;
  object_class->set_property = efir_guests_section_set_property;

  widget_class->measure = efir_guests_section_measure;
  widget_class->size_allocate = efir_guests_section_size_allocate;
  widget_class->get_request_mode = efir_guests_section_get_request_mode;
  widget_class->unmap = efir_guests_section_unmap;

  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         EFIR_TYPE_EPISODE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/efir/Efir/efir-guests-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, group);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, guest_list);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, add_row);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, suggestions_popover);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestsSection, suggestions_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_add_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_focus_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);

  gtk_widget_class_install_action (widget_class, "guests.move-up", NULL, move_up_activated_cb);
  gtk_widget_class_install_action (widget_class, "guests.move-down", NULL, move_down_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "guests.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "guests.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "guests.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "guests.move-down", NULL);

  gtk_widget_class_set_css_name (widget_class, "guests-section");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
efir_guests_section_init (EfirGuestsSection *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->guests_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_swapped (self->guests_signals, "items-changed",
                                  G_CALLBACK (on_guests_changed_cb), self);

  self->filter = gtk_custom_filter_new (person_matches_query, self, NULL);
  self->suggestions = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->suggestions)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->suggestions_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (on_suggestion_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_suggestion_bound_cb), self);
  gtk_list_view_set_factory (self->suggestions_list, factory);

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
}
