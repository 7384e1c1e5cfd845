/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-row"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-episode-row.h"

/* Types and properties */

struct _EfirEpisodeRow
{
  GtkWidget parent_instance;

  /* Children */
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
}

/* Built in code rather than from a template: the sidebar makes a screenful
 * of rows before the window's first frame, and parsing a template for each
 * costs more than the three labels. */
static void
efir_episode_row_init (EfirEpisodeRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkLayoutChild *child;

  gtk_grid_layout_set_row_spacing (layout, 2);
  gtk_grid_layout_set_column_spacing (layout, 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  /* Long Azerbaijani titles wrap to a second line before they are cut. */
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_wrap_mode (self->title, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->title, 2);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->title), GTK_WIDGET (self));

  self->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->badge), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "status-badge");
  gtk_widget_set_parent (GTK_WIDGET (self->badge), GTK_WIDGET (self));
  child = gtk_layout_manager_get_layout_child (GTK_LAYOUT_MANAGER (layout), GTK_WIDGET (self->badge));
  gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), 1);

  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "caption");
  gtk_widget_set_parent (GTK_WIDGET (self->subtitle), GTK_WIDGET (self));
  child = gtk_layout_manager_get_layout_child (GTK_LAYOUT_MANAGER (layout), GTK_WIDGET (self->subtitle));
  gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), 1);
  gtk_grid_layout_child_set_column_span (GTK_GRID_LAYOUT_CHILD (child), 2);

  self->signals = g_signal_group_new (EFIR_TYPE_EPISODE);
  /* "changed" covers title, number, air date, status and guests alike. */
  g_signal_group_connect_swapped (self->signals, "changed", G_CALLBACK (on_episode_changed_cb), self);
}
