/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-quotes-section"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-quotes-section.h"
#include "efir-row-list.h"
#include "efir-section-state.h"

/* Types and properties --------------------------------------------------- */

struct _EfirQuotesSection
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkButton           *add_button;
  GtkListBox          *quote_list;
  GtkRevealer         *undo_revealer;
  AdwActionRow        *undo_row;

  /* Owned */
  EfirEpisode         *episode;
  char               **host_names;
  char               **speakers;
  GMenu               *speakers_menu;
  GSignalGroup        *episode_signals;
  EfirQuote           *removed;
  guint                removed_position;
};

G_DEFINE_FINAL_TYPE (EfirQuotesSection, efir_quotes_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EPISODE,
  PROP_HOST_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The focusable parts of a quote row, by widget name: after a move the row
 * is built anew and focus returns to the same part of it.
 */
static const char * const row_parts[] = {
  "text-view",
  "speaker-entry",
  "speaker-button",
  "time-entry",
  "pull-quote-button",
  "remove-button",
  NULL
};

/* Helpers ---------------------------------------------------------------- */

static GListStore *
get_quotes (EfirQuotesSection *self)
{
  return self->episode != NULL ? efir_episode_get_quotes (self->episode) : NULL;
}

static EfirQuote *
get_row_quote (EfirQuotesSection *self,
               GtkWidget         *widget)
{
  GListStore *quotes = get_quotes (self);
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  int index;

  if (quotes == NULL || row == NULL)
    return NULL;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (index < 0)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (quotes), (guint) index);
}

static void
forget_removed (EfirQuotesSection *self)
{
  g_clear_object (&self->removed);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.undo-remove", FALSE);
}

static void
update_speaker_button (EfirQuotesSection *self,
                       GtkWidget         *button)
{
  gboolean any = self->speakers != NULL && self->speakers[0] != NULL;

  gtk_widget_set_sensitive (button, any);
  efir_row_list_set_tooltip (button, any ? _("Choose Speaker") : _("Add guests to choose a speaker"));
}

static void
rebuild_speakers_menu (EfirQuotesSection *self)
{
  g_auto(GStrv) speakers = NULL;

  if (self->episode != NULL)
    speakers = efir_section_state_speakers (self->episode, (const char * const *) self->host_names);
  else
    speakers = g_new0 (char *, 1);

  /* The episode changes with every key typed in a role; the menus of all
   * rows are rebuilt only when the names really change.
   */
  if (self->speakers != NULL && g_strv_equal ((const char * const *) self->speakers,
                                              (const char * const *) speakers))
    return;

  g_strfreev (self->speakers);
  self->speakers = g_steal_pointer (&speakers);

  g_menu_remove_all (self->speakers_menu);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->quote_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = efir_row_list_find_part (row, "speaker-button");

      if (button != NULL)
        update_speaker_button (self, button);
    }

  for (guint i = 0; self->speakers[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (self->speakers[i], "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "quote.speaker",
                                               g_variant_new_string (self->speakers[i]));
      g_menu_append_item (self->speakers_menu, item);
    }
}

static void
focus_row (EfirQuotesSection *self,
           guint              position,
           const char        *part,
           int                cursor)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->quote_list, (int) position);

  if (row != NULL)
    efir_row_list_focus_part (GTK_WIDGET (row), part, cursor);
}

/* Writes the time the way it is stored, once the producer is done with the
 * field; what cannot be read stays as typed, marked, for them to fix.
 */
static void
tidy_time_entry (GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *tidy = NULL;
  double seconds;

  if (!efir_section_state_parse_time (text, &seconds))
    return;

  tidy = efir_section_state_format_time (seconds);
  if (g_strcmp0 (tidy, text) != 0)
    gtk_editable_set_text (entry, tidy);
}

static gboolean
seconds_to_text (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_take_string (to, efir_section_state_format_time (g_value_get_double (from)));
  return TRUE;
}

static gboolean
text_to_seconds (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  double seconds;

  if (!efir_section_state_parse_time (g_value_get_string (from), &seconds))
    return FALSE;

  g_value_set_double (to, seconds);
  return TRUE;
}

static gboolean
pull_quote_to_icon (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_string (to, g_value_get_boolean (from) ? "starred-symbolic" : "non-starred-symbolic");
  return TRUE;
}

static gboolean
text_is_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text == NULL || text[0] == '\0');
  return TRUE;
}

/* Callbacks -------------------------------------------------------------- */

static void
on_speaker_chosen_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      EfirQuote     *quote)
{
  efir_quote_set_speaker (quote, g_variant_get_string (parameter, NULL));
}

static void
on_speaker_changed_cb (EfirQuote     *quote,
                       GParamSpec    *pspec,
                       GSimpleAction *action)
{
  g_simple_action_set_state (action, g_variant_new_string (efir_quote_get_speaker (quote)));
}

static void
on_time_changed_cb (GtkEditable *entry)
{
  gboolean valid = efir_section_state_parse_time (gtk_editable_get_text (entry), NULL);

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      efir_row_list_set_tooltip (GTK_WIDGET (entry), _("Time in the video"));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      efir_row_list_set_tooltip (GTK_WIDGET (entry),
                                 _("Not a time: write it as hours, minutes and seconds, such as 00:15:03"));
    }
}

static void
on_time_activated_cb (GtkEntry *entry)
{
  tidy_time_entry (GTK_EDITABLE (entry));
}

static void
on_time_focus_left_cb (GtkEventControllerFocus *controller)
{
  tidy_time_entry (GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_pull_quote_toggled_cb (GtkToggleButton   *button,
                          EfirQuotesSection *self)
{
  g_autoptr(EfirQuote) quote = get_row_quote (self, GTK_WIDGET (button));
  gboolean active = gtk_toggle_button_get_active (button);

  /* Also called when the model sets the button: then there is nothing to do. */
  if (quote == NULL || active == efir_quote_get_pull_quote (quote))
    return;

  if (active)
    efir_section_state_set_pull_quote (get_quotes (self), quote);
  else
    efir_quote_set_pull_quote (quote, FALSE);
}

static void
on_remove_clicked_cb (GtkButton         *button,
                      EfirQuotesSection *self)
{
  GListStore *quotes = get_quotes (self);
  g_autoptr(EfirQuote) quote = get_row_quote (self, GTK_WIDGET (button));
  guint position, n;

  if (quote == NULL || !g_list_store_find (quotes, quote, &position))
    return;

  forget_removed (self);

  /* A quote that was never written is not worth an undo. */
  if (efir_quote_get_text (quote)[0] != '\0')
    {
      g_autofree char *excerpt = efir_section_state_excerpt (efir_quote_get_text (quote), 60);

      self->removed = g_object_ref (quote);
      self->removed_position = position;
      adw_action_row_set_subtitle (self->undo_row, excerpt);
      gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.undo-remove", TRUE);
    }

  g_list_store_remove (quotes, position);

  /* Keep the keyboard where it was: on the row that took this one's place. */
  n = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  if (n > 0)
    focus_row (self, MIN (position, n - 1), "remove-button", -1);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static GdkContentProvider *
on_drag_prepared_cb (GtkDragSource     *source,
                     double             x,
                     double             y,
                     EfirQuotesSection *self)
{
  return efir_row_list_drag_prepare (source, get_quotes (self), x, y);
}

static gboolean
on_row_dropped_cb (GtkDropTarget     *target,
                   const GValue      *value,
                   double             x,
                   double             y,
                   EfirQuotesSection *self)
{
  return efir_row_list_drop (target, get_quotes (self), value);
}

/* A menu of speakers for each quote, built as it is first opened: a
 * popover for every quote of a long episode took a tenth of its opening. */
static void
create_speakers_popover_cb (GtkMenuButton *button,
                            gpointer       user_data)
{
  EfirQuotesSection *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->speakers_menu));
}

static GtkWidget *
create_quote_row (gpointer item,
                  gpointer user_data)
{
  EfirQuotesSection *self = user_data;
  EfirQuote *quote = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *text_view = gtk_text_view_new ();
  GtkWidget *placeholder = gtk_label_new (_("What was said, word for word"));
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *speaker_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *speaker_entry = gtk_entry_new ();
  GtkWidget *speaker_button = gtk_menu_button_new ();
  GtkWidget *time_entry = gtk_entry_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *star = gtk_toggle_button_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) speaker_action = NULL;
  GtkEventController *time_focus = gtk_event_controller_focus_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (EFIR_TYPE_QUOTE, GDK_ACTION_MOVE);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_set_valign (handle, GTK_ALIGN_START);
  gtk_widget_set_margin_top (handle, 10);
  gtk_widget_add_css_class (handle, "dim-label");
  efir_row_list_set_tooltip (handle, _("Drag to reorder, or press Alt+↑ and Alt+↓"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reorder with Alt+Up and Alt+Down"),
                                  -1);
  gtk_box_append (GTK_BOX (box), handle);

  /* The text: room for two or three sentences, growing with them. */
  gtk_widget_set_name (text_view, "text-view");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 10);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (text_view), 2);
  gtk_widget_set_size_request (text_view, -1, 76);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quote text"),
                                  -1);
  g_object_bind_property (quote, "text", buffer, "text",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_frame_set_child (GTK_FRAME (frame), text_view);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), frame);

  gtk_widget_set_halign (placeholder, GTK_ALIGN_START);
  gtk_widget_set_valign (placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_start (placeholder, 11);
  gtk_widget_set_margin_top (placeholder, 9);
  gtk_widget_set_can_target (placeholder, FALSE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (placeholder),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  g_object_bind_property_full (buffer, "text", placeholder, "visible", G_BINDING_SYNC_CREATE,
                               text_is_empty, NULL, NULL, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), placeholder);
  gtk_box_append (GTK_BOX (main_box), overlay);

  /* Who said it: any name can be typed, the episode's people picked. */
  gtk_widget_set_name (speaker_entry, "speaker-entry");
  gtk_widget_set_hexpand (speaker_entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (speaker_entry), _("Speaker"));
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (speaker_entry), GTK_ENTRY_ICON_PRIMARY,
                                     "avatar-default-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (speaker_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speaker"),
                                  -1);
  g_object_bind_property (quote, "speaker", speaker_entry, "text",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_box_append (GTK_BOX (speaker_box), speaker_entry);

  gtk_widget_set_name (speaker_button, "speaker-button");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (speaker_button), create_speakers_popover_cb,
                                         self, NULL);
  update_speaker_button (self, speaker_button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (speaker_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose speaker from guests and hosts"),
                                  -1);
  gtk_box_append (GTK_BOX (speaker_box), speaker_button);
  gtk_widget_add_css_class (speaker_box, "linked");
  gtk_box_append (GTK_BOX (details), speaker_box);

  speaker_action = g_simple_action_new_stateful ("speaker", G_VARIANT_TYPE_STRING,
                                                 g_variant_new_string (efir_quote_get_speaker (quote)));
  g_signal_connect_object (speaker_action, "activate", G_CALLBACK (on_speaker_chosen_cb),
                           quote, 0);
  g_signal_connect_object (quote, "notify::speaker", G_CALLBACK (on_speaker_changed_cb),
                           speaker_action, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (speaker_action));
  gtk_widget_insert_action_group (row, "quote", G_ACTION_GROUP (actions));

  /* When it is said: empty until someone looks it up in the video. */
  gtk_widget_set_name (time_entry, "time-entry");
  gtk_editable_set_width_chars (GTK_EDITABLE (time_entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (time_entry), 12);
  gtk_entry_set_placeholder_text (GTK_ENTRY (time_entry), "00:00:00");
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (time_entry), GTK_ENTRY_ICON_PRIMARY,
                                     "preferences-system-time-symbolic");
  gtk_entry_set_input_hints (GTK_ENTRY (time_entry), GTK_INPUT_HINT_NO_SPELLCHECK);
  gtk_accessible_update_property (GTK_ACCESSIBLE (time_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time in the video"),
                                  -1);
  g_object_bind_property_full (quote, "start-seconds", time_entry, "text",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               seconds_to_text, text_to_seconds, NULL, NULL);
  g_signal_connect (time_entry, "changed", G_CALLBACK (on_time_changed_cb), NULL);
  g_signal_connect (time_entry, "activate", G_CALLBACK (on_time_activated_cb), NULL);
  g_signal_connect (time_focus, "leave", G_CALLBACK (on_time_focus_left_cb), NULL);
  gtk_widget_add_controller (time_entry, time_focus);
  on_time_changed_cb (GTK_EDITABLE (time_entry));
  gtk_box_append (GTK_BOX (details), time_entry);

  gtk_box_append (GTK_BOX (main_box), details);
  gtk_widget_set_hexpand (main_box, TRUE);
  gtk_box_append (GTK_BOX (box), main_box);

  gtk_widget_set_name (star, "pull-quote-button");
  efir_row_list_set_tooltip (star, _("Pull Quote"));
  gtk_widget_add_css_class (star, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (star),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pull quote"),
                                  -1);
  g_object_bind_property (quote, "pull-quote", star, "active", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (quote, "pull-quote", star, "icon-name", G_BINDING_SYNC_CREATE,
                               pull_quote_to_icon, NULL, NULL, NULL);
  g_signal_connect (star, "toggled", G_CALLBACK (on_pull_quote_toggled_cb), self);
  gtk_box_append (GTK_BOX (side), star);

  gtk_widget_set_name (remove, "remove-button");
  efir_row_list_set_tooltip (remove, _("Remove Quote"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove quote"),
                                  -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (side), remove);

  gtk_widget_set_valign (side, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), side);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepared_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_row_dropped_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  return row;
}

static void
on_episode_changed_cb (EfirQuotesSection *self,
                       EfirEpisodePart    parts)
{
  if ((parts & EFIR_EPISODE_PART_GUESTS) != 0)
    rebuild_speakers_menu (self);
}

static void
add_activated_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (widget);
  GListStore *quotes = get_quotes (self);
  g_autoptr(EfirQuote) quote = NULL;

  if (quotes == NULL)
    return;

  forget_removed (self);
  quote = efir_quote_new (NULL, NULL, -1);
  g_list_store_append (quotes, quote);
  focus_row (self, g_list_model_get_n_items (G_LIST_MODEL (quotes)) - 1, "text-view", -1);
}

static void
undo_remove_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (widget);
  GListStore *quotes = get_quotes (self);
  g_autoptr(EfirQuote) quote = g_steal_pointer (&self->removed);
  guint position;

  forget_removed (self);
  if (quotes == NULL || quote == NULL)
    return;

  position = MIN (self->removed_position, g_list_model_get_n_items (G_LIST_MODEL (quotes)));
  g_list_store_insert (quotes, position, quote);

  /* The page is put back as it was, pull quote included. */
  if (efir_quote_get_pull_quote (quote))
    efir_section_state_set_pull_quote (quotes, quote);

  focus_row (self, position, "text-view", -1);
}

static void
move_up_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (widget);

  efir_row_list_move_focused (self->quote_list, get_quotes (self), row_parts, -1);
}

static void
move_down_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (widget);

  efir_row_list_move_focused (self->quote_list, get_quotes (self), row_parts, 1);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_quotes_section_new:
 *
 * The quotes of one episode in page order: text, speaker, time in the
 * video, and which one is the pull quote.
 *
 * Returns: (transfer full): a new section showing no episode
 */
GtkWidget *
efir_quotes_section_new (void)
{
  return g_object_new (EFIR_TYPE_QUOTES_SECTION, NULL);
}

EfirEpisode *
efir_quotes_section_get_episode (EfirQuotesSection *self)
{
  g_return_val_if_fail (EFIR_IS_QUOTES_SECTION (self), NULL);

  return self->episode;
}

/**
 * efir_quotes_section_set_episode:
 * @self: a quotes section
 * @episode: (nullable): the episode to edit
 *
 * Shows and edits the quotes of @episode. A removal of the previous
 * episode can no longer be undone here.
 */
void
efir_quotes_section_set_episode (EfirQuotesSection *self,
                                 EfirEpisode       *episode)
{
  GListStore *quotes;

  g_return_if_fail (EFIR_IS_QUOTES_SECTION (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (!g_set_object (&self->episode, episode))
    return;

  forget_removed (self);
  g_signal_group_set_target (self->episode_signals, episode);
  rebuild_speakers_menu (self);

  quotes = get_quotes (self);
  gtk_list_box_bind_model (self->quote_list, quotes != NULL ? G_LIST_MODEL (quotes) : NULL,
                           create_quote_row, self, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), episode != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.add", episode != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
}

/**
 * efir_quotes_section_get_host_names:
 * @self: a quotes section
 *
 * Returns: (transfer none) (array zero-terminated=1): the hosts offered as
 *   speakers after the guests
 */
const char * const *
efir_quotes_section_get_host_names (EfirQuotesSection *self)
{
  g_return_val_if_fail (EFIR_IS_QUOTES_SECTION (self), NULL);

  return (const char * const *) self->host_names;
}

/**
 * efir_quotes_section_set_host_names:
 * @self: a quotes section
 * @hosts: (nullable) (array zero-terminated=1): the programme's hosts
 *
 * Sets the hosts offered as speakers before the episode's guests.
 */
void
efir_quotes_section_set_host_names (EfirQuotesSection  *self,
                                    const char * const *hosts)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (EFIR_IS_QUOTES_SECTION (self));

  if (hosts == NULL)
    hosts = none;

  if (g_strv_equal ((const char * const *) self->host_names, hosts))
    return;

  g_strfreev (self->host_names);
  self->host_names = g_strdupv ((char **) hosts);
  rebuild_speakers_menu (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_NAMES]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_quotes_section_dispose (GObject *object)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_QUOTES_SECTION);

  if (self->episode_signals != NULL)
    g_signal_group_set_target (self->episode_signals, NULL);
  g_clear_object (&self->episode_signals);
  g_clear_object (&self->speakers_menu);
  g_clear_object (&self->removed);
  g_clear_object (&self->episode);

  G_OBJECT_CLASS (efir_quotes_section_parent_class)->dispose (object);
}

static void
efir_quotes_section_finalize (GObject *object)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (object);

  g_clear_pointer (&self->host_names, g_strfreev);
  g_clear_pointer (&self->speakers, g_strfreev);

  G_OBJECT_CLASS (efir_quotes_section_parent_class)->finalize (object);
}

static void
efir_quotes_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;

    case PROP_HOST_NAMES:
      g_value_set_boxed (value, self->host_names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_quotes_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfirQuotesSection *self = EFIR_QUOTES_SECTION (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      efir_quotes_section_set_episode (self, g_value_get_object (value));
      break;

    case PROP_HOST_NAMES:
      efir_quotes_section_set_host_names (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_quotes_section_class_init (EfirQuotesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_quotes_section_dispose;
  object_class->finalize = efir_quotes_section_finalize;
  object_class->get_property = efir_quotes_section_get_property;
  object_class->set_property = efir_quotes_section_set_property;

  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         EFIR_TYPE_EPISODE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HOST_NAMES] =
    g_param_spec_boxed ("host-names", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/efir/Efir/efir-quotes-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirQuotesSection, group);
  gtk_widget_class_bind_template_child (widget_class, EfirQuotesSection, add_button);
  gtk_widget_class_bind_template_child (widget_class, EfirQuotesSection, quote_list);
  gtk_widget_class_bind_template_child (widget_class, EfirQuotesSection, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfirQuotesSection, undo_row);

  gtk_widget_class_install_action (widget_class, "quotes.add", NULL, add_activated_cb);
  gtk_widget_class_install_action (widget_class, "quotes.undo-remove", NULL, undo_remove_activated_cb);
  gtk_widget_class_install_action (widget_class, "quotes.move-up", NULL, move_up_activated_cb);
  gtk_widget_class_install_action (widget_class, "quotes.move-down", NULL, move_down_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "quotes.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "quotes.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "quotes.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "quotes.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "quotes.move-down", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quotes-section");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
efir_quotes_section_init (EfirQuotesSection *self)
{
  self->host_names = g_new0 (char *, 1);
  self->speakers_menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->episode_signals = g_signal_group_new (EFIR_TYPE_EPISODE);
  g_signal_group_connect_swapped (self->episode_signals, "changed",
                                  G_CALLBACK (on_episode_changed_cb), self);

  rebuild_speakers_menu (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.undo-remove", FALSE);
}
