/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-details-section"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "efir-calendar-names.h"
#include "efir-details-section.h"
#include "efir-editor-state.h"
#include "efir-store.h"
#include "efir-title-row.h"

/* Types and properties --------------------------------------------------- */

struct _EfirDetailsSection
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  EfirTitleRow        *title_row;
  AdwActionRow        *program_row;
  GtkLabel            *program_label;
  GtkSpinButton       *number_spin;
  AdwActionRow        *air_date_row;
  GtkMenuButton       *date_button;
  GtkPopover          *date_popover;
  GtkCalendar         *calendar;
  GtkButton           *clear_date_button;
  GtkEntry            *time_entry;
  AdwEntryRow         *duration_row;
  AdwEntryRow         *video_url_row;
  AdwEntryRow         *slug_row;
  GtkButton           *slug_reset_button;
  GtkFlowBox          *tags_box;
  GtkEntry            *tag_entry;
  AdwComboRow         *status_row;
  AdwActionRow        *status_info_row;
  GtkLabel            *status_label;

  /* Owned */
  EfirEpisode         *episode;
  EfirProgram         *program;
  EfirStore           *store;
  GBindingGroup       *bindings;
  GSignalGroup        *episode_signals;
  GSignalGroup        *program_signals;
  GSignalGroup        *suggestion_signals;
  GtkListStore        *completion_store;

  /* Whether the day was chosen before any time: the time entry then stays
   * empty for the producer to fill, rather than saying 00:00. */
  gboolean             time_unset;
  /* Whether a new title makes a new slug; decided before the title changes. */
  gboolean             slug_follows_title;
  /* Non-zero while widgets are being set from the model. */
  guint                updating;
};

G_DEFINE_FINAL_TYPE (EfirDetailsSection, efir_details_section, GTK_TYPE_WIDGET)

enum {
  COMPLETION_COLUMN_TAG,
  N_COMPLETION_COLUMNS
};

/* Helpers ---------------------------------------------------------------- */

static const char *
program_zone_id (EfirDetailsSection *self)
{
  return self->program != NULL ? efir_program_get_time_zone (self->program) : "";
}

static void
set_error_style (GtkWidget *widget,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* A new episode starts with fresh undo histories: undoing in one episode must
 * never bring back text from the one shown before.
 */
static void
reset_undo (GtkEditable *editable)
{
  gtk_editable_set_enable_undo (editable, FALSE);
  gtk_editable_set_enable_undo (editable, TRUE);
}

/* The programme's language picks the right letter forms and line breaks
 * for a title typed on a keyboard set to another language.
 */
static void
update_title_language (EfirDetailsSection *self)
{
  efir_title_row_set_language (self->title_row,
                               self->program != NULL ? efir_program_get_language (self->program)
                                                     : NULL);
}

static void
update_program_label (EfirDetailsSection *self)
{
  const char *name = self->episode != NULL ? efir_episode_get_program_name (self->episode) : "";

  if (name[0] == '\0' && self->program != NULL)
    name = efir_program_get_name (self->program);

  gtk_label_set_label (self->program_label, name);
}

/* Another episode of the programme with @number, said in words; NULL when
 * the number is free or the archive cannot tell.
 */
static char *
dup_number_taken_message (EfirDetailsSection *self,
                          int                 number)
{
  g_autoptr(GError) error = NULL;
  gint64 taken_by = 0;

  if (self->store == NULL || number <= 0 || efir_episode_get_program_id (self->episode) == 0)
    return NULL;

  if (!efir_store_find_episode_by_number (self->store,
                                          efir_episode_get_program_id (self->episode),
                                          number, efir_episode_get_id (self->episode),
                                          &taken_by, &error))
    {
      g_warning ("Cannot look for episode %d: %s", number, error->message);
      return NULL;
    }

  if (taken_by == 0)
    return NULL;

  return g_strdup_printf (_("Episode %d of “%s” already exists"),
                          number, efir_episode_get_program_name (self->episode));
}

static void
show_number_message (EfirDetailsSection *self,
                     const char         *message)
{
  adw_action_row_set_subtitle (self->program_row, message != NULL ? message : "");
  set_error_style (GTK_WIDGET (self->number_spin), message != NULL);
}

static void
update_slug_state (EfirDetailsSection *self)
{
  gboolean edited = FALSE;

  if (self->episode != NULL)
    edited = efir_editor_state_slug_is_edited (efir_episode_get_title (self->episode),
                                               efir_episode_get_slug (self->episode));

  gtk_widget_set_visible (GTK_WIDGET (self->slug_reset_button), edited);
}

static void
decide_slug_follows_title (EfirDetailsSection *self)
{
  self->slug_follows_title =
    self->episode != NULL &&
    efir_editor_state_slug_follows_title (efir_episode_get_title (self->episode),
                                          efir_episode_get_slug (self->episode),
                                          efir_episode_get_status (self->episode));
}

static void
update_air_date (EfirDetailsSection *self,
                 gboolean            switching)
{
  GDateTime *air_date = self->episode != NULL ? efir_episode_get_air_date (self->episode) : NULL;
  g_autoptr(GTimeZone) zone = efir_editor_state_zone_for (program_zone_id (self));
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *zone_label = NULL;
  g_autofree char *day_label = NULL;

  if (zone == NULL)
    {
      zone_label = g_strdup_printf (_("The programme’s time zone “%s” is unknown"),
                                    program_zone_id (self));
      adw_action_row_set_subtitle (self->air_date_row, zone_label);
      gtk_widget_set_sensitive (GTK_WIDGET (self->date_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->time_entry), FALSE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->date_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_entry), TRUE);

  /* Shown in the programme's zone whatever zone it was stored in: the
   * producer thinks in the studio's clock.
   */
  if (air_date != NULL)
    local = g_date_time_to_timezone (air_date, zone);

  zone_label = efir_editor_state_format_zone (zone, local);
  day_label = efir_editor_state_format_day (local);
  adw_action_row_set_subtitle (self->air_date_row, zone_label);
  gtk_menu_button_set_label (self->date_button, day_label);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_date_button), air_date != NULL);

  self->updating++;

  if (local != NULL)
    {
      const char *shown = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));
      gboolean waiting = self->time_unset && !switching && shown[0] == '\0';
      int hour, minute;

      gtk_calendar_select_day (self->calendar, local);

      /* Left alone while it already says this time, so the cursor stays
       * where the producer is typing, and while it waits for the time of
       * a day just chosen.
       */
      if (!waiting &&
          (!efir_editor_state_parse_time (shown, &hour, &minute) ||
           hour != g_date_time_get_hour (local) || minute != g_date_time_get_minute (local)))
        {
          g_autofree char *time = g_date_time_format (local, "%H:%M");

          gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
        }
    }
  else if (switching)
    {
      g_autoptr(GDateTime) today = g_date_time_new_now (zone);

      gtk_calendar_select_day (self->calendar, today);
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), "");
    }

  if (switching)
    {
      self->time_unset = FALSE;
      set_error_style (GTK_WIDGET (self->time_entry), FALSE);
    }

  self->updating--;
}

/* The row's title says what is wrong, where the producer is looking. */
static void
show_duration_problem (EfirDetailsSection *self,
                       const char         *message)
{
  set_error_style (GTK_WIDGET (self->duration_row), message != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->duration_row),
                                 message != NULL ? message : _("Duration (HH:MM:SS)"));
}

static void
update_duration (EfirDetailsSection *self)
{
  int shown;
  int duration = self->episode != NULL ? efir_episode_get_duration (self->episode) : 0;

  if (efir_editor_state_parse_duration (gtk_editable_get_text (GTK_EDITABLE (self->duration_row)),
                                        &shown, NULL) &&
      shown == duration)
    return;

  self->updating++;
  {
    g_autofree char *text = efir_editor_state_format_duration (duration);

    gtk_editable_set_text (GTK_EDITABLE (self->duration_row), text);
  }
  self->updating--;
}

static void
update_status (EfirDetailsSection *self)
{
  static const char * const classes[] = { "draft", "ready", "scheduled", "published", "failed" };
  EfirEpisodeStatus status = self->episode != NULL ? efir_episode_get_status (self->episode)
                                                   : EFIR_EPISODE_STATUS_DRAFT;
  gboolean editable = efir_editor_state_status_is_editable (status);

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->status_info_row), !editable);
  gtk_label_set_label (self->status_label, efir_editor_state_status_label (status));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (i == status)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
    }
}

static void tag_chip_clicked_cb (GtkButton          *button,
                                 EfirDetailsSection *self);

static GtkWidget *
create_tag_chip (EfirDetailsSection *self,
                 const char         *tag)
{
  g_autofree char *tooltip = g_strdup_printf (_("Remove Tag “%s”"), tag);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "tag-chip");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  g_object_set_data_full (G_OBJECT (button), "efir-tag", g_strdup (tag), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (tag_chip_clicked_cb), self);

  return button;
}

static void
update_tags (EfirDetailsSection *self)
{
  const char * const *tags = self->episode != NULL ? efir_episode_get_tags (self->episode) : NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (; tags != NULL && tags[n] != NULL; n++)
    {
      GtkWidget *chip = create_tag_chip (self, tags[n]);

      gtk_flow_box_append (self->tags_box, chip);
      /* The button takes the focus; its flow box child would be a second,
       * invisible stop on the way.
       */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), n > 0);
}

static void
add_tags (EfirDetailsSection *self,
          const char         *text)
{
  g_auto(GStrv) tags = NULL;

  if (self->episode == NULL)
    return;

  tags = efir_editor_state_tags_add (efir_episode_get_tags (self->episode), text);
  efir_episode_set_tags (self->episode, (const char * const *) tags);
}

static void
remove_tag (EfirDetailsSection *self,
            const char         *tag)
{
  g_auto(GStrv) tags = NULL;

  if (self->episode == NULL)
    return;

  tags = efir_editor_state_tags_remove (efir_episode_get_tags (self->episode), tag);
  efir_episode_set_tags (self->episode, (const char * const *) tags);
}

/* What follows the last comma is the tag being typed. */
static const char *
tag_being_typed (const char *text)
{
  const char *comma = strrchr (text, ',');

  text = comma != NULL ? comma + 1 : text;
  while (g_ascii_isspace (*text))
    text++;

  return text;
}

static void
write_air_date (EfirDetailsSection *self,
                const GDate        *day,
                const char         *hh_mm)
{
  g_autoptr(GDateTime) air_date = NULL;

  air_date = efir_editor_state_air_date_from (day, hh_mm, program_zone_id (self), NULL);
  if (air_date != NULL)
    efir_episode_set_air_date (self->episode, air_date);
}

/* The day the model's air date falls on in the programme's zone. */
static gboolean
get_air_day (EfirDetailsSection *self,
             GDate              *day,
             char              **out_time)
{
  GDateTime *air_date = efir_episode_get_air_date (self->episode);
  g_autoptr(GTimeZone) zone = efir_editor_state_zone_for (program_zone_id (self));
  g_autoptr(GDateTime) local = NULL;

  if (air_date == NULL || zone == NULL)
    return FALSE;

  local = g_date_time_to_timezone (air_date, zone);
  g_date_clear (day, 1);
  g_date_set_dmy (day,
                  g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local),
                  g_date_time_get_year (local));
  if (out_time != NULL)
    *out_time = g_date_time_format (local, "%H:%M");

  return TRUE;
}

static void
rebuild_completion (EfirDetailsSection *self,
                    GListModel         *suggestions)
{
  guint n = suggestions != NULL ? g_list_model_get_n_items (suggestions) : 0;

  gtk_list_store_clear (self->completion_store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (suggestions, i);

      if (GTK_IS_STRING_OBJECT (item))
        gtk_list_store_insert_with_values (self->completion_store, NULL, -1,
                                           COMPLETION_COLUMN_TAG,
                                           gtk_string_object_get_string (GTK_STRING_OBJECT (item)),
                                           -1);
    }
}

static void
show_episode (EfirDetailsSection *self)
{
  self->updating++;

  decide_slug_follows_title (self);
  g_binding_group_set_source (self->bindings, self->episode);
  g_signal_group_set_target (self->episode_signals, self->episode);

  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  update_program_label (self);
  update_air_date (self, TRUE);
  update_duration (self);
  update_tags (self);
  update_status (self);
  update_slug_state (self);
  set_error_style (GTK_WIDGET (self->video_url_row),
                   efir_editor_state_url_shows_error (
                     gtk_editable_get_text (GTK_EDITABLE (self->video_url_row))));
  show_duration_problem (self, NULL);
  show_number_message (self, NULL);

  efir_title_row_reset_undo (self->title_row);
  reset_undo (GTK_EDITABLE (self->video_url_row));
  reset_undo (GTK_EDITABLE (self->slug_row));
  reset_undo (GTK_EDITABLE (self->duration_row));
  reset_undo (GTK_EDITABLE (self->time_entry));
  reset_undo (GTK_EDITABLE (self->tag_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), self->episode != NULL);

  self->updating--;
}

/* Callbacks -------------------------------------------------------------- */

static void
episode_title_changed_cb (EfirDetailsSection *self)
{
  if (self->slug_follows_title)
    {
      g_autofree char *slug = NULL;

      slug = efir_editor_state_slug_for (efir_episode_get_title (self->episode),
                                         efir_episode_get_slug (self->episode),
                                         FALSE);
      efir_episode_set_slug (self->episode, slug);
    }

  update_slug_state (self);
}

static void
episode_slug_changed_cb (EfirDetailsSection *self)
{
  decide_slug_follows_title (self);
  update_slug_state (self);
}

static void
episode_status_changed_cb (EfirDetailsSection *self)
{
  decide_slug_follows_title (self);
  update_status (self);
}

static void
episode_air_date_changed_cb (EfirDetailsSection *self)
{
  update_air_date (self, FALSE);
}

static void
episode_duration_changed_cb (EfirDetailsSection *self)
{
  update_duration (self);
}

static void
episode_tags_changed_cb (EfirDetailsSection *self)
{
  update_tags (self);
}

static void
episode_program_name_changed_cb (EfirDetailsSection *self)
{
  update_program_label (self);
}

static void
program_changed_cb (EfirDetailsSection *self)
{
  update_program_label (self);
  update_title_language (self);
  update_air_date (self, FALSE);
}

static void
suggestions_changed_cb (GListModel         *suggestions,
                        guint               position,
                        guint               removed,
                        guint               added,
                        EfirDetailsSection *self)
{
  rebuild_completion (self, suggestions);
}

static void
calendar_date_changed_cb (EfirDetailsSection *self)
{
  g_autoptr(GDateTime) picked = NULL;
  g_autofree char *model_time = NULL;
  const char *typed;
  GDate model_day;
  GDate day;

  if (self->updating > 0 || self->episode == NULL)
    return;

  picked = gtk_calendar_get_date (self->calendar);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day,
                  g_date_time_get_day_of_month (picked),
                  g_date_time_get_month (picked),
                  g_date_time_get_year (picked));

  /* The time typed wins; a time being typed that does not read yet leaves
   * the stored one as it is.
   */
  typed = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));
  if (efir_editor_state_parse_time (typed, NULL, NULL))
    write_air_date (self, &day, typed);
  else if (get_air_day (self, &model_day, &model_time) && !self->time_unset)
    write_air_date (self, &day, model_time);
  else
    {
      /* No time yet: the day waits at midnight, the entry stays empty and
       * takes the keyboard, so the time typed next is the whole time.
       */
      self->time_unset = TRUE;
      write_air_date (self, &day, "");
      gtk_widget_grab_focus (GTK_WIDGET (self->time_entry));
    }
}

static void
calendar_released_cb (GtkGestureClick    *gesture,
                      int                 n_press,
                      double              x,
                      double              y,
                      EfirDetailsSection *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->calendar), x, y, GTK_PICK_DEFAULT);

  /* A click on a day chooses it, even the day of the same number the
   * month arrows already moved the selection to (GtkCalendar emits no
   * "day-selected" then). A click on the arrows only browses.
   */
  if (picked != NULL && gtk_widget_has_css_class (picked, "day-number"))
    {
      calendar_date_changed_cb (self);
      gtk_popover_popdown (self->date_popover);
    }
}

static gboolean
calendar_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         EfirDetailsSection    *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      calendar_date_changed_cb (self);
      gtk_popover_popdown (self->date_popover);
      return TRUE;
    }

  return FALSE;
}

static void
clear_date_clicked_cb (EfirDetailsSection *self)
{
  if (self->episode == NULL)
    return;

  efir_episode_set_air_date (self->episode, NULL);
  self->time_unset = FALSE;
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), "");
  self->updating--;
  gtk_popover_popdown (self->date_popover);
}

/* A number another episode of the programme has is said and not written:
 * two episodes 12 would make two pages claim one broadcast.
 */
static void
number_changed_cb (EfirDetailsSection *self)
{
  int number = gtk_spin_button_get_value_as_int (self->number_spin);
  g_autofree char *message = NULL;

  if (self->updating > 0 || self->episode == NULL)
    return;

  if (number != efir_episode_get_number (self->episode))
    message = dup_number_taken_message (self, number);

  show_number_message (self, message);
  if (message == NULL)
    efir_episode_set_number (self->episode, number);
}

static void
day_selected_cb (EfirDetailsSection *self)
{
  calendar_date_changed_cb (self);
}

static void
time_changed_cb (EfirDetailsSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));
  GDate day;

  if (self->updating > 0 || self->episode == NULL)
    return;

  if (!efir_editor_state_parse_time (text, NULL, NULL))
    {
      if (text[0] == '\0')
        set_error_style (GTK_WIDGET (self->time_entry), FALSE);
      return;
    }

  set_error_style (GTK_WIDGET (self->time_entry), FALSE);

  /* Without a day there is nothing to store yet: the time waits in the
   * entry until a day is chosen.
   */
  if (get_air_day (self, &day, NULL))
    {
      self->time_unset = FALSE;
      write_air_date (self, &day, text);
    }
}

static gboolean
select_time_cb (gpointer data)
{
  EfirDetailsSection *self = data;

  if (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->time_entry)))))
    gtk_editable_select_region (GTK_EDITABLE (self->time_entry), 0, -1);

  return G_SOURCE_REMOVE;
}

/* A time is typed whole, never into the one there: "21:30" typed after
 * "00:00" must not give "0021:30". Selected once the click that focused
 * the entry has placed its cursor.
 */
static void
time_focused_cb (EfirDetailsSection *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, select_time_cb, g_object_ref (self), g_object_unref);
}

static void
time_checked_cb (EfirDetailsSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));

  set_error_style (GTK_WIDGET (self->time_entry),
                   text[0] != '\0' && !efir_editor_state_parse_time (text, NULL, NULL));
}

static void
time_activated_cb (EfirDetailsSection *self)
{
  time_checked_cb (self);
}

static void
duration_changed_cb (EfirDetailsSection *self)
{
  int seconds;

  if (self->updating > 0 || self->episode == NULL)
    return;

  if (efir_editor_state_parse_duration (gtk_editable_get_text (GTK_EDITABLE (self->duration_row)),
                                        &seconds, NULL))
    {
      show_duration_problem (self, NULL);
      efir_episode_set_duration (self->episode, seconds);
    }
}

/* Said once the producer leaves the row, not at every half-typed letter. */
static void
duration_checked_cb (EfirDetailsSection *self)
{
  g_autoptr(GError) error = NULL;

  if (efir_editor_state_parse_duration (gtk_editable_get_text (GTK_EDITABLE (self->duration_row)),
                                        NULL, &error))
    show_duration_problem (self, NULL);
  else
    show_duration_problem (self, error->message);
}

static void
duration_activated_cb (EfirDetailsSection *self)
{
  duration_checked_cb (self);
}

/* Addresses are pasted far more often than typed, so the mark shows at once. */
static void
video_url_changed_cb (EfirDetailsSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->video_url_row));

  set_error_style (GTK_WIDGET (self->video_url_row), efir_editor_state_url_shows_error (text));
}

static void
tag_chip_clicked_cb (GtkButton          *button,
                     EfirDetailsSection *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "efir-tag");
  g_autofree char *removed = g_strdup (tag);

  /* The chip goes away with the rebuild; the focus goes to the tag entry
   * rather than back to the top of the window.
   */
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  remove_tag (self, removed);
}

static void
tag_entry_changed_cb (EfirDetailsSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  const char *comma;
  g_autofree char *done = NULL;
  g_autofree char *rest = NULL;

  if (self->updating > 0 || (comma = strrchr (text, ',')) == NULL)
    return;

  /* A comma ends a tag, whether typed or in pasted text. */
  done = g_strndup (text, comma - text);
  rest = g_strdup (tag_being_typed (text));
  add_tags (self, done);

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), rest);
  gtk_editable_set_position (GTK_EDITABLE (self->tag_entry), -1);
  self->updating--;
}

static void
tag_entry_activated_cb (EfirDetailsSection *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));

  add_tags (self, text);
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  self->updating--;
}

static gboolean
tag_entry_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          EfirDetailsSection    *self)
{
  const char * const *tags;
  guint n;

  if (keyval != GDK_KEY_BackSpace || self->episode == NULL ||
      gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))[0] != '\0')
    return FALSE;

  /* Backspace in the empty entry takes the last tag back, as in a mail
   * client's address field.
   */
  tags = efir_episode_get_tags (self->episode);
  n = g_strv_length ((char **) tags);
  if (n == 0)
    return FALSE;

  {
    g_autofree char *last = g_strdup (tags[n - 1]);

    remove_tag (self, last);
  }

  return TRUE;
}

static gboolean
completion_matched_cb (GtkEntryCompletion *completion,
                       const char         *key,
                       GtkTreeIter        *iter,
                       EfirDetailsSection *self)
{
  g_autofree char *tag = NULL;
  g_autofree char *typed_key = NULL;
  g_autofree char *tag_key = NULL;
  const char *typed;

  typed = tag_being_typed (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  if (typed[0] == '\0')
    return FALSE;

  gtk_tree_model_get (GTK_TREE_MODEL (self->completion_store), iter,
                      COMPLETION_COLUMN_TAG, &tag,
                      -1);
  if (tag == NULL)
    return FALSE;

  /* Tags the episode has already are not offered again. */
  if (self->episode != NULL &&
      g_strv_contains (efir_episode_get_tags (self->episode), tag))
    return FALSE;

  typed_key = g_utf8_casefold (typed, -1);
  tag_key = g_utf8_casefold (tag, -1);

  return g_str_has_prefix (tag_key, typed_key);
}

static gboolean
completion_selected_cb (GtkEntryCompletion *completion,
                        GtkTreeModel       *model,
                        GtkTreeIter        *iter,
                        EfirDetailsSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  const char *typed = tag_being_typed (text);
  g_autofree char *tag = NULL;
  g_autofree char *before = NULL;
  g_autofree char *all = NULL;

  gtk_tree_model_get (model, iter, COMPLETION_COLUMN_TAG, &tag, -1);
  before = g_strndup (text, typed - text);
  all = g_strconcat (before, tag, NULL);
  add_tags (self, all);

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  self->updating--;

  return TRUE;
}

static gboolean
status_to_position_cb (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  g_value_set_uint (to, efir_editor_state_status_position (g_value_get_enum (from)));
  return TRUE;
}

static gboolean
position_to_status_cb (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  EfirDetailsSection *self = user_data;
  guint position = g_value_get_uint (from);

  /* Publishing owns the later states; the choice never overwrites them. */
  if (position == GTK_INVALID_LIST_POSITION || self->episode == NULL ||
      !efir_editor_state_status_is_editable (efir_episode_get_status (self->episode)))
    return FALSE;

  g_value_set_enum (to, efir_editor_state_status_from_position (position));
  return TRUE;
}

static void
reset_slug_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfirDetailsSection *self = EFIR_DETAILS_SECTION (widget);
  g_autofree char *slug = NULL;

  if (self->episode == NULL)
    return;

  slug = efir_editor_state_slug_for (efir_episode_get_title (self->episode), NULL, FALSE);
  efir_episode_set_slug (self->episode, slug);
  gtk_widget_grab_focus (GTK_WIDGET (self->slug_row));
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
efir_details_section_new (void)
{
  return g_object_new (EFIR_TYPE_DETAILS_SECTION, NULL);
}

/**
 * efir_details_section_get_episode:
 * @self: a details section
 *
 * Returns: (transfer none) (nullable): the episode shown
 */
EfirEpisode *
efir_details_section_get_episode (EfirDetailsSection *self)
{
  g_return_val_if_fail (EFIR_IS_DETAILS_SECTION (self), NULL);

  return self->episode;
}

/**
 * efir_details_section_set_episode:
 * @self: a details section
 * @episode: (nullable): the episode to edit
 *
 * Shows @episode and writes the producer's edits to it. Showing an episode
 * never changes it.
 */
void
efir_details_section_set_episode (EfirDetailsSection *self,
                                  EfirEpisode        *episode)
{
  GtkEditable *tag_editable;

  g_return_if_fail (EFIR_IS_DETAILS_SECTION (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (self->episode == episode)
    return;

  /* A tag half typed belongs to the episode it was typed for. */
  tag_editable = GTK_EDITABLE (self->tag_entry);
  if (self->episode != NULL && gtk_editable_get_text (tag_editable)[0] != '\0')
    {
      g_autofree char *pending = g_strdup (gtk_editable_get_text (tag_editable));

      add_tags (self, pending);
    }

  g_set_object (&self->episode, episode);
  show_episode (self);
}

/**
 * efir_details_section_set_program:
 * @self: a details section
 * @program: (nullable): the programme of the episode
 *
 * The programme gives the time zone air dates are shown and entered in,
 * and the language of the title.
 */
void
efir_details_section_set_program (EfirDetailsSection *self,
                                  EfirProgram        *program)
{
  g_return_if_fail (EFIR_IS_DETAILS_SECTION (self));
  g_return_if_fail (program == NULL || EFIR_IS_PROGRAM (program));

  if (!g_set_object (&self->program, program))
    return;

  g_signal_group_set_target (self->program_signals, program);
  program_changed_cb (self);
}

/**
 * efir_details_section_set_store:
 * @self: a details section
 * @store: (nullable): the archive the episode is in
 *
 * The archive tells which numbers the programme's other episodes have.
 */
void
efir_details_section_set_store (EfirDetailsSection *self,
                                EfirStore          *store)
{
  g_return_if_fail (EFIR_IS_DETAILS_SECTION (self));
  g_return_if_fail (store == NULL || EFIR_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * efir_details_section_set_tag_suggestions:
 * @self: a details section
 * @suggestions: (nullable): a list of #GtkStringObject, the tags used
 *   elsewhere in the archive
 *
 * The tag entry completes from @suggestions and follows its changes.
 */
void
efir_details_section_set_tag_suggestions (EfirDetailsSection *self,
                                          GListModel         *suggestions)
{
  g_return_if_fail (EFIR_IS_DETAILS_SECTION (self));
  g_return_if_fail (suggestions == NULL || G_IS_LIST_MODEL (suggestions));

  g_signal_group_set_target (self->suggestion_signals, suggestions);
  rebuild_completion (self, suggestions);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_details_section_dispose (GObject *object)
{
  EfirDetailsSection *self = EFIR_DETAILS_SECTION (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->episode_signals != NULL)
    g_signal_group_set_target (self->episode_signals, NULL);
  if (self->program_signals != NULL)
    g_signal_group_set_target (self->program_signals, NULL);
  if (self->suggestion_signals != NULL)
    g_signal_group_set_target (self->suggestion_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_DETAILS_SECTION);

  g_clear_object (&self->bindings);
  g_clear_object (&self->episode_signals);
  g_clear_object (&self->program_signals);
  g_clear_object (&self->suggestion_signals);
  g_clear_object (&self->completion_store);
  g_clear_object (&self->episode);
  g_clear_object (&self->program);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_details_section_parent_class)->dispose (object);
}

static void
efir_details_section_class_init (EfirDetailsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_details_section_dispose;

  g_type_ensure (EFIR_TYPE_TITLE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-details-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, group);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, title_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, program_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, program_label);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, number_spin);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, air_date_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, date_button);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, date_popover);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, calendar);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, clear_date_button);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, time_entry);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, duration_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, video_url_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, slug_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, slug_reset_button);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, tags_box);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, status_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, status_info_row);
  gtk_widget_class_bind_template_child (widget_class, EfirDetailsSection, status_label);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_date_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, video_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "details.reset-slug", NULL,
                                   reset_slug_activated_cb);
}

static void
efir_details_section_init (EfirDetailsSection *self)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  efir_calendar_names_apply (self->calendar);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_row, "text",
                        G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "number", self->number_spin, "value",
                        G_BINDING_DEFAULT);
  g_binding_group_bind (self->bindings, "video-url", self->video_url_row, "text",
                        G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "slug", self->slug_row, "text",
                        G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind_full (self->bindings, "status", self->status_row, "selected",
                             G_BINDING_BIDIRECTIONAL,
                             status_to_position_cb, position_to_status_cb, self, NULL);

  self->episode_signals = g_signal_group_new (EFIR_TYPE_EPISODE);
  g_signal_group_connect_swapped (self->episode_signals, "notify::title",
                                  G_CALLBACK (episode_title_changed_cb), self);
  g_signal_group_connect_swapped (self->episode_signals, "notify::slug",
                                  G_CALLBACK (episode_slug_changed_cb), self);
  g_signal_group_connect_swapped (self->episode_signals, "notify::status",
                                  G_CALLBACK (episode_status_changed_cb), self);
  g_signal_group_connect_swapped (self->episode_signals, "notify::air-date",
                                  G_CALLBACK (episode_air_date_changed_cb), self);
  g_signal_group_connect_swapped (self->episode_signals, "notify::duration",
                                  G_CALLBACK (episode_duration_changed_cb), self);
  g_signal_group_connect_swapped (self->episode_signals, "notify::tags",
                                  G_CALLBACK (episode_tags_changed_cb), self);
  g_signal_group_connect_swapped (self->episode_signals, "notify::program-name",
                                  G_CALLBACK (episode_program_name_changed_cb), self);

  self->program_signals = g_signal_group_new (EFIR_TYPE_PROGRAM);
  g_signal_group_connect_swapped (self->program_signals, "notify",
                                  G_CALLBACK (program_changed_cb), self);

  self->suggestion_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect (self->suggestion_signals, "items-changed",
                          G_CALLBACK (suggestions_changed_cb), self);

  self->completion_store = gtk_list_store_new (N_COMPLETION_COLUMNS, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completion_store));
  gtk_entry_completion_set_text_column (completion, COMPLETION_COLUMN_TAG);
  gtk_entry_completion_set_match_func (completion,
                                       (GtkEntryCompletionMatchFunc) completion_matched_cb,
                                       self, NULL);
  gtk_entry_completion_set_popup_single_match (completion, TRUE);
  g_signal_connect (completion, "match-selected", G_CALLBACK (completion_selected_cb), self);
  gtk_entry_set_completion (self->tag_entry, completion);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (tag_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_entry), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "released", G_CALLBACK (calendar_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (calendar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (time_focused_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (time_checked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->time_entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (duration_checked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->duration_row), controller);

  update_title_language (self);
  show_episode (self);
}
