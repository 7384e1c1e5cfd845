/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-schedule-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-calendar-names.h"
#include "efir-editor-state.h"
#include "efir-publication-state.h"
#include "efir-schedule-dialog.h"

struct _EfirScheduleDialog
{
  AdwMessageDialog  parent_instance;

  GtkCalendar      *calendar;
  GtkEntry         *time_entry;
  GtkLabel         *when_label;
  GTimeZone        *zone;
};

G_DEFINE_FINAL_TYPE (EfirScheduleDialog, efir_schedule_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the chosen moment is on both clocks, or what is wrong with it; the
 * Schedule button waits for a time to come. */
static void
update_when (EfirScheduleDialog *self)
{
  g_autoptr(GDateTime) chosen = efir_schedule_dialog_dup_time (self);
  int hour, minute;

  if (chosen == NULL)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));

      gtk_label_set_label (self->when_label,
                           efir_editor_state_parse_time (text, &hour, &minute)
                           ? _("This time has passed. Choose a time to come.")
                           : _("Type a time such as 20:00, 2000 or 20.00."));
      gtk_widget_add_css_class (GTK_WIDGET (self->when_label), "error");
    }
  else
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) utc = g_date_time_to_utc (chosen);
      g_autofree char *iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *when = efir_publication_state_format_when (iso, self->zone, local);
      g_autofree char *zone = efir_editor_state_format_zone (self->zone, chosen);
      /* Translators: a day and a time, then the programme's time zone. */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), when, zone);

      gtk_label_set_label (self->when_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->when_label), "error");
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "schedule", chosen != NULL);
}

static void
on_response_cb (EfirScheduleDialog *self,
                const char         *response)
{
  g_autoptr(GDateTime) chosen = NULL;

  /* Checked again: the minute may have passed while the dialog was open. */
  if (g_str_equal (response, "schedule") && (chosen = efir_schedule_dialog_dup_time (self)) != NULL)
    g_signal_emit (self, signals[SCHEDULED], 0, chosen);
}

/* Public API */

GtkWidget *
efir_schedule_dialog_new (GtkWindow  *parent,
                          const char *title,
                          GTimeZone  *program_zone,
                          GDateTime  *suggested)
{
  EfirScheduleDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now (program_zone);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next_hour = NULL;
  g_autofree char *body = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (program_zone != NULL, NULL);

  /* Translators: %s is an episode title. */
  body = g_strdup_printf (_("“%s” goes live on the site at this time, on the programme’s clock."), title);
  self = g_object_new (EFIR_TYPE_SCHEDULE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Schedule Publication"),
                       "body", body,
                       NULL);
  self->zone = g_time_zone_ref (program_zone);

  next_hour = g_date_time_new (program_zone, g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), g_date_time_get_hour (now), 0, 0);
  start = suggested != NULL && g_date_time_compare (suggested, now) > 0
          ? g_date_time_to_timezone (suggested, program_zone)
          : g_date_time_add_hours (next_hour, 1);
  gtk_calendar_select_day (self->calendar, start);
  time = g_date_time_format (start, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
  update_when (self);
  return GTK_WIDGET (self);
}

GDateTime *
efir_schedule_dialog_dup_time (EfirScheduleDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDateTime *chosen;
  int hour, minute;

  g_return_val_if_fail (EFIR_IS_SCHEDULE_DIALOG (self), NULL);

  if (!efir_editor_state_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)), &hour, &minute))
    return NULL;

  day = gtk_calendar_get_date (self->calendar);
  chosen = g_date_time_new (self->zone, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day), hour, minute, 0);
  now = g_date_time_new_now_utc ();
  if (chosen != NULL && g_date_time_compare (chosen, now) <= 0)
    g_clear_pointer (&chosen, g_date_time_unref);
  return chosen;
}

/* GObject overrides */

static void
efir_schedule_dialog_finalize (GObject *object)
{
  EfirScheduleDialog *self = EFIR_SCHEDULE_DIALOG (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (efir_schedule_dialog_parent_class)->finalize (object);
}

static void
efir_schedule_dialog_class_init (EfirScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_schedule_dialog_finalize;

  /**
   * EfirScheduleDialog::scheduled:
   * @at: the moment chosen, a time to come
   */
  signals[SCHEDULED] = g_signal_new ("scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
}

static void
efir_schedule_dialog_init (EfirScheduleDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time_label = gtk_label_new_with_mnemonic (_("_Time"));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  efir_calendar_names_apply (self->calendar);
  self->time_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->time_entry), "schedule_time_entry");
  gtk_entry_set_input_purpose (self->time_entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->time_entry), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (time_label), GTK_WIDGET (self->time_entry));
  self->when_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->when_label, TRUE);
  gtk_label_set_justify (self->when_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_name (GTK_WIDGET (self->when_label), "schedule_when_label");

  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (time_box), time_label);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->time_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), time_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->when_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "schedule", _("_Schedule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "schedule", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "schedule");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (update_when), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_entry, "changed", G_CALLBACK (update_when), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}
