/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-window.h"

/* Types and properties */

struct _EfirWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkStack       *main_stack;
  AdwLeaflet     *leaflet;
  GtkDropDown    *program_dropdown;
  GtkStack       *sidebar_stack;
  GtkListView    *episode_list;
  GtkStack       *content_stack;
  AdwWindowTitle *content_title;
  GtkLabel       *episode_heading;
  GtkLabel       *episode_meta;
  GtkLabel       *episode_summary;
  AdwStatusPage  *error_page;
  GtkButton      *restore_button;

  /* Owned */
  EfirStore      *store;
  char           *db_path;
  char           *backup_path;
  GListModel     *programs;
  GListModel     *episodes;
};

G_DEFINE_FINAL_TYPE (EfirWindow, efir_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

static char *
format_air_date (GDateTime *air_date)
{
  if (air_date == NULL)
    return g_strdup (_("No air date"));
  /* The air date is shown in the programme's own zone, as stored. */
  return g_date_time_format (air_date, "%d.%m.%Y %H:%M");
}

static char *
format_guests (EfirEpisode *episode)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  guint n = g_list_model_get_n_items (guests);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, efir_episode_guest_get_name (guest));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
status_label (EfirEpisodeStatus status)
{
  switch (status)
    {
    case EFIR_EPISODE_STATUS_DRAFT: return _("Draft");
    case EFIR_EPISODE_STATUS_READY: return _("Ready");
    case EFIR_EPISODE_STATUS_SCHEDULED: return _("Scheduled");
    case EFIR_EPISODE_STATUS_PUBLISHED: return _("Published");
    case EFIR_EPISODE_STATUS_FAILED: return _("Failed");
    default: return "";
    }
}

static void
efir_window_show_episode (EfirWindow  *self,
                          EfirEpisode *light)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autofree char *air = NULL;
  g_autofree char *guests = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *number = NULL;

  episode = efir_store_load_episode (self->store, efir_episode_get_id (light), &error);
  if (episode == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, error->message);
      return;
    }

  air = format_air_date (efir_episode_get_air_date (episode));
  guests = format_guests (episode);
  number = g_strdup_printf (_("Episode %d"), efir_episode_get_number (episode));
  meta = g_strjoin (" · ", number, air, guests, NULL);

  adw_window_title_set_title (self->content_title, efir_episode_get_title (episode));
  adw_window_title_set_subtitle (self->content_title, efir_episode_get_program_name (episode));
  gtk_label_set_label (self->episode_heading, efir_episode_get_title (episode));
  gtk_label_set_label (self->episode_meta, meta);
  gtk_label_set_label (self->episode_summary, efir_episode_get_summary (episode));
  gtk_stack_set_visible_child_name (self->content_stack, "episode");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
efir_window_load_episodes (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  EfirProgram *program = gtk_drop_down_get_selected_item (self->program_dropdown);

  g_clear_object (&self->episodes);
  if (program == NULL)
    {
      gtk_list_view_set_model (self->episode_list, NULL);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-programs");
      return;
    }

  self->episodes = efir_store_list_episodes (self->store, efir_program_get_id (program), &error);
  if (self->episodes == NULL)
    {
      g_debug ("Listing episodes failed: %s", error->message);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-episodes");
      return;
    }

  selection = gtk_single_selection_new (g_object_ref (self->episodes));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->episode_list, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    g_list_model_get_n_items (self->episodes) > 0 ? "episodes"
                                                                                  : "no-episodes");
}

static void
efir_window_load_programs (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->programs);
  self->programs = efir_store_list_programs (self->store, &error);
  if (self->programs == NULL)
    {
      efir_window_load_episodes (self);
      return;
    }
  gtk_drop_down_set_model (self->program_dropdown, self->programs);
  efir_window_load_episodes (self);
}

static void
efir_window_show_open_error (EfirWindow   *self,
                             const GError *error)
{
  g_autofree char *description = NULL;

  self->backup_path = efir_store_find_latest_backup (self->db_path);
  if (self->backup_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->backup_path);
      /* Translators: the first %s says what is wrong, the second names a backup file. */
      description = g_strdup_printf (_("%s\n\nThe file has not been changed. "
                                       "The latest good backup is “%s”: opening it keeps the damaged file beside it."),
                                     error->message, name);
    }
  else
    {
      description = g_strdup_printf (_("%s\n\nThe file has not been changed, and there is no backup to open."),
                                     error->message);
    }

  adw_status_page_set_description (self->error_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), self->backup_path != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "database-error");
}

/* Callbacks */

static void
on_episode_row_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (badge, "status-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");

  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
on_episode_row_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  EfirEpisode *episode = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (top);
  GtkWidget *badge = gtk_widget_get_next_sibling (title);
  GtkWidget *meta = gtk_widget_get_next_sibling (top);
  EfirEpisodeStatus status = efir_episode_get_status (episode);
  g_autofree char *heading = NULL;
  g_autofree char *air = format_air_date (efir_episode_get_air_date (episode));
  g_autofree char *guests = format_guests (episode);
  g_autofree char *line = NULL;
  const char *css_classes[] = { "status-badge", efir_episode_status_to_string (status), NULL };

  if (efir_episode_get_number (episode) > 0)
    heading = g_strdup_printf ("%d. %s", efir_episode_get_number (episode), efir_episode_get_title (episode));
  else
    heading = g_strdup (efir_episode_get_title (episode));
  line = guests[0] != '\0' ? g_strdup_printf ("%s · %s", air, guests) : g_strdup (air);

  gtk_label_set_label (GTK_LABEL (title), heading);
  gtk_label_set_label (GTK_LABEL (badge), status_label (status));
  gtk_widget_set_css_classes (badge, css_classes);
  gtk_label_set_label (GTK_LABEL (meta), line);
}

static void
on_episode_activated_cb (EfirWindow  *self,
                         guint        position,
                         GtkListView *list)
{
  g_autoptr(EfirEpisode) episode = g_list_model_get_item (self->episodes, position);

  if (episode != NULL)
    efir_window_show_episode (self, episode);
}

static void
on_program_selected_cb (EfirWindow  *self,
                        GParamSpec  *pspec,
                        GtkDropDown *dropdown)
{
  efir_window_load_episodes (self);
}

static void
on_back_clicked_cb (EfirWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_restore_clicked_cb (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  kept = efir_store_recover_from_backup (self->db_path, self->backup_path, &error);
  if (kept != NULL)
    self->store = efir_store_open (self->db_path, &error);

  if (self->store == NULL)
    {
      efir_window_show_open_error (self, error);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "archive");
  efir_window_load_programs (self);
}

/* Public API */

EfirWindow *
efir_window_new (EfirApplication *application,
                 EfirStore       *store,
                 const char      *db_path,
                 const GError    *open_error)
{
  EfirWindow *self = g_object_new (EFIR_TYPE_WINDOW, "application", application, NULL);

  self->db_path = g_strdup (db_path);
  if (store == NULL)
    {
      efir_window_show_open_error (self, open_error);
      return self;
    }

  self->store = g_object_ref (store);
  efir_window_load_programs (self);
  return self;
}

/* GObject overrides */

static void
efir_window_dispose (GObject *object)
{
  EfirWindow *self = EFIR_WINDOW (object);

  g_clear_object (&self->episodes);
  g_clear_object (&self->programs);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_window_parent_class)->dispose (object);
}

static void
efir_window_finalize (GObject *object)
{
  EfirWindow *self = EFIR_WINDOW (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (efir_window_parent_class)->finalize (object);
}

static void
efir_window_class_init (EfirWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_window_dispose;
  object_class->finalize = efir_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/efir/Efir/efir-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, program_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_list);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_heading);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_meta);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_summary);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked_cb);
}

static void
efir_window_init (EfirWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  name = gtk_property_expression_new (EFIR_TYPE_PROGRAM, NULL, "name");
  gtk_drop_down_set_expression (self->program_dropdown, name);
  g_signal_connect_object (self->program_dropdown, "notify::selected",
                           G_CALLBACK (on_program_selected_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (on_episode_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_episode_row_bind_cb), self);
  gtk_list_view_set_factory (self->episode_list, factory);
  g_signal_connect_object (self->episode_list, "activate",
                           G_CALLBACK (on_episode_activated_cb), self, G_CONNECT_SWAPPED);
}
