/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-row"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-episode-row.h"

/* Types and properties */

struct _EfirEpisodeRow
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkLabel *title;
  GtkLabel *badge;
  GtkLabel *subtitle;

  /* Owned */
  GSignalGroup *signals;
};

G_DEFINE_FINAL_TYPE (EfirEpisodeRow, efir_episode_row, GTK_TYPE_WIDGET)

/* Helpers */

static void
efir_episode_row_update (EfirEpisodeRow *self)
{
  g_autoptr(EfirEpisode) episode = g_signal_group_dup_target (self->signals);
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  EfirEpisodeStatus status;
  const char *css_classes[3] = { "status-badge", NULL, NULL };

  if (episode == NULL)
    return;

  status = efir_episode_get_status (episode);
  heading = efir_episode_row_heading (episode);
  subtitle = efir_episode_row_subtitle (episode);
  css_classes[1] = efir_episode_status_to_string (status);

  gtk_label_set_label (self->title, heading);
  gtk_label_set_label (self->subtitle, subtitle);
  gtk_label_set_label (self->badge, efir_episode_row_status (status));
  gtk_widget_set_css_classes (GTK_WIDGET (self->badge), css_classes);
}

/* Callbacks */

static void
on_episode_changed_cb (EfirEpisodeRow *self)
{
  efir_episode_row_update (self);
}

/* Public API */

GtkWidget *
efir_episode_row_new (void)
{
  return g_object_new (EFIR_TYPE_EPISODE_ROW, NULL);
}

void
efir_episode_row_set_episode (EfirEpisodeRow *self,
                              EfirEpisode    *episode)
{
  g_return_if_fail (EFIR_IS_EPISODE_ROW (self));

  g_signal_group_set_target (self->signals, episode);
  efir_episode_row_update (self);
}

char *
efir_episode_row_heading (EfirEpisode *episode)
{
  const char *title = efir_episode_get_title (episode);

  if (title[0] == '\0')
    title = _("Untitled episode");
  if (efir_episode_get_number (episode) > 0)
    return g_strdup_printf ("%d. %s", efir_episode_get_number (episode), title);
  return g_strdup (title);
}

char *
efir_episode_row_subtitle (EfirEpisode *episode)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  GDateTime *air_date = efir_episode_get_air_date (episode);
  g_autoptr(GString) text = g_string_new (NULL);

  if (air_date != NULL)
    {
      /* Translators: the day and time of a broadcast in the episode list,
       * as the programme announced it in its own time zone: "27 Nov 2026,
       * 20:00". A g_date_time_format() format. */
      g_autofree char *day = g_date_time_format (air_date, C_("episode list", "%-d %b %Y, %H:%M"));
      g_string_append (text, day);
    }
  else
    {
      g_string_append (text, _("No air date"));
    }

  for (guint i = 0, n = g_list_model_get_n_items (guests); i < n; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);

      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, efir_episode_guest_get_name (guest));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
efir_episode_row_status (EfirEpisodeStatus status)
{
  switch (status)
    {
    case EFIR_EPISODE_STATUS_DRAFT:
      return C_("episode status", "Draft");
    case EFIR_EPISODE_STATUS_READY:
      return C_("episode status", "Ready");
    case EFIR_EPISODE_STATUS_SCHEDULED:
      return C_("episode status", "Scheduled");
    case EFIR_EPISODE_STATUS_PUBLISHED:
      return C_("episode status", "Published");
    case EFIR_EPISODE_STATUS_FAILED:
      return C_("episode status", "Failed");
    default:
      return "";
    }
}

/* GObject overrides */

static void
efir_episode_row_dispose (GObject *object)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (object);
  GtkWidget *child;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_EPISODE_ROW);
  /* The row's box has no id, so the template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (efir_episode_row_parent_class)->dispose (object);
}

static void
efir_episode_row_class_init (EfirEpisodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_episode_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/efir/Efir/efir-episode-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeRow, title);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeRow, badge);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeRow, subtitle);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
efir_episode_row_init (EfirEpisodeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (EFIR_TYPE_EPISODE);
  /* "changed" covers title, number, air date, status and guests alike. */
  g_signal_group_connect_swapped (self->signals, "changed", G_CALLBACK (on_episode_changed_cb), self);
}
