/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-autosaver.h"
#include "efir-episode-editor.h"
#include "efir-episode-json.h"
#include "efir-episode-list.h"
#include "efir-episode-row.h"
#include "efir-guest-directory.h"
#include "efir-history-dialog.h"
#include "efir-share-dialog.h"
#include "efir-program-settings.h"
#include "efir-search-worker.h"
#include "efir-store-advice.h"
#include "efir-trash-dialog.h"
#include "efir-window.h"
#include "efir-window-pages.h"
#include "efir-window-state.h"

/* Types and properties */

struct _EfirWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *main_stack;
  AdwLeaflet         *leaflet;
  GtkWidget          *history_button;
  GtkWidget          *sidebar;
  GtkDropDown        *program_dropdown;
  GtkSearchEntry     *search_entry;
  GtkWidget          *filter_box;
  GtkDropDown        *status_dropdown;
  GtkToggleButton    *sort_button;
  GtkStack           *sidebar_stack;
  GtkGridView        *episode_list;
  GtkListBox         *result_list;
  GtkStack           *content_stack;
  GtkSpinner         *opening_spinner;
  AdwWindowTitle     *content_title;
  GtkLabel           *save_label;
  GtkRevealer        *read_only_revealer;
  GtkRevealer        *save_error_revealer;
  GtkLabel           *save_error_label;
  GtkRevealer        *conflict_revealer;
  AdwBin             *editor_bin;
  GtkMenuButton      *menu_button;
  GtkMenuButton      *episode_menu_button;
  GMenuModel         *primary_menu;
  GMenuModel         *episode_menu;

  /* Built when first shown (efir-window-pages.c) */
  AdwStatusPage      *error_page;
  GtkButton          *restore_button;

  /* Owned */
  EfirStore          *store;
  EfirAutosaver      *autosaver;
  EfirEpisodeEditor  *editor;        /* built when first needed */
  GListModel         *people;
  GSettings          *settings;
  char               *db_path;
  char               *backup_path;
  GListModel         *programs;
  EfirEpisodeList    *episodes;      /* the programme's, read as shown */
  EfirSearchWorker   *search_worker; /* of store, made by the first search */
  GtkSingleSelection *selection;
  EfirEpisode        *current;       /* the whole episode in the editor */
  EfirEpisode        *current_light; /* its row in the list, kept in step */
  gboolean            list_moved;    /* current's place in the list changed */
  gint64              tags_program;  /* whose tags the editor suggests, 0: none yet */
  gboolean            tags_stale;    /* an episode of it has other tags since */
  gboolean            force_close;
  gint64              pending_episode; /* to open after the first frame, 0: none */
  GtkWindow          *shortcuts_window;
};

G_DEFINE_FINAL_TYPE (EfirWindow, efir_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void efir_window_open_episode_id (EfirWindow      *self,
                                         gint64           episode_id);
static void on_current_changed_cb       (EfirWindow      *self,
                                         EfirEpisodePart  parts,
                                         EfirEpisode     *episode);
static void on_program_selected_cb      (EfirWindow      *self,
                                         GParamSpec      *pspec,
                                         GtkDropDown     *dropdown);
static void on_store_damaged_cb         (EfirWindow      *self,
                                         const GError    *error,
                                         EfirStore       *store);
static void on_restore_clicked_cb       (EfirWindow      *self);
static void on_store_changed_elsewhere_cb (EfirWindow    *self,
                                           EfirStore     *store);

/* Helpers */

/* The save indicator is as wide as the longest word it shows in this
 * language: "Saving…" and "Saved" taking turns do not lay the header bar
 * out again, and a narrow window keeps no room for another language's. */
static void
efir_window_fit_save_label (EfirWindow *self)
{
  static const EfirAutosaveState states[] = {
    EFIR_AUTOSAVE_STATE_SAVED, EFIR_AUTOSAVE_STATE_SAVING, EFIR_AUTOSAVE_STATE_FAILED,
  };
  int widest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      int natural = 0;

      gtk_label_set_label (self->save_label, efir_window_state_save_label (states[i]));
      gtk_widget_measure (GTK_WIDGET (self->save_label), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &natural, NULL, NULL);
      widest = MAX (widest, natural);
    }
  gtk_label_set_label (self->save_label, "");
  gtk_widget_set_size_request (GTK_WIDGET (self->save_label), widest, -1);
}

static void
efir_window_toast (EfirWindow *self,
                   const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Rows of the list the archive could not give show empty: say why, in
 * the words the store's advice has for it. */
static void
on_episode_list_read_failed_cb (EfirWindow      *self,
                                const GError    *error,
                                EfirEpisodeList *list)
{
  const char *advice = NULL;
  g_autofree char *message = NULL;

  efir_store_advice (error, &advice);
  /* Translators: %s says what is wrong with the archive and what to do. */
  message = g_strdup_printf (_("Some episodes of the list could not be read. %s"),
                             advice != NULL ? advice : error->message);
  efir_window_toast (self, message);
}

/* The empty states are built the first time one is shown. */
static void
efir_window_show_sidebar_page (EfirWindow *self,
                               const char *name)
{
  if (gtk_stack_get_child_by_name (self->sidebar_stack, name) == NULL)
    gtk_stack_add_named (self->sidebar_stack, efir_window_page_new (name), name);
  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
}

static EfirProgram *
efir_window_get_program (EfirWindow *self)
{
  return gtk_drop_down_get_selected_item (self->program_dropdown);
}

/* The programme @program_id of the switcher's list, or NULL. */
static EfirProgram *
efir_window_find_program (EfirWindow *self,
                          gint64      program_id)
{
  for (guint i = 0, n = g_list_model_get_n_items (self->programs); i < n; i++)
    {
      g_autoptr(EfirProgram) candidate = g_list_model_get_item (self->programs, i);

      if (efir_program_get_id (candidate) == program_id)
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

/* The open episode's row, held so that what is typed shows in the list
 * even while the row is scrolled away and read again. */
static void
efir_window_hold_current_light (EfirWindow *self)
{
  g_clear_object (&self->current_light);
  if (self->current != NULL && self->episodes != NULL)
    self->current_light = efir_episode_list_lookup (self->episodes, efir_episode_get_id (self->current));
}

/* The open episode is the selected row, wherever it is now, and the list
 * shows it: reopened at start, moved by a new air date or found again
 * after a new sort, it is in view. */
static void
efir_window_select_current (EfirWindow *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->current != NULL && self->episodes != NULL)
    efir_episode_list_find (self->episodes, efir_episode_get_id (self->current), &position);
  gtk_single_selection_set_selected (self->selection, position);
  /* GtkListBase's own action (GTK 4.8 has no gtk_grid_view_scroll_to()):
   * the least scrolling that brings the row into view, the focus left
   * where it is. */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->episode_list), "list.scroll-to-item", "u", position);
}

static void
efir_window_update_title (EfirWindow *self)
{
  g_autofree char *heading = NULL;

  if (self->current == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      return;
    }

  heading = efir_episode_row_heading (self->current);
  adw_window_title_set_title (self->content_title, heading);
  adw_window_title_set_subtitle (self->content_title, efir_episode_get_program_name (self->current));
}

static void
efir_window_update_actions (EfirWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean can_write = has_store && !efir_store_is_read_only (self->store);
  gboolean has_program = has_store && efir_window_get_program (self) != NULL;
  gboolean has_episode = self->current != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-episode", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-program", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.program-settings", has_program);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.guest-directory", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", has_episode && can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_episode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share", has_episode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", has_episode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-episode", has_episode && can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-episode", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash", has_store);
}

static void
efir_window_update_sidebar_page (EfirWindow *self)
{
  const char *page;

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    return;

  /* With no programme there is nothing to choose, search or filter. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->program_dropdown)),
                          self->programs != NULL && g_list_model_get_n_items (self->programs) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry),
                          self->programs != NULL && g_list_model_get_n_items (self->programs) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box),
                          self->episodes != NULL && efir_episode_list_get_n_all (self->episodes) > 0);

  page = efir_window_state_sidebar_page (self->programs != NULL ? g_list_model_get_n_items (self->programs) : 0,
                                         self->episodes != NULL ? efir_episode_list_get_n_all (self->episodes) : 0,
                                         self->episodes != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->episodes)) : 0);
  efir_window_show_sidebar_page (self, page);
}

/* Writes what the editor still holds (the transcript waits for a pause in
 * typing) and what the autosaver has pending. FALSE keeps the episode open:
 * an edit that is not on disk is never dropped by a switch. */
static gboolean
efir_window_flush (EfirWindow  *self,
                   GError     **error)
{
  if (self->autosaver == NULL || self->current == NULL || self->editor == NULL)
    return TRUE;

  efir_episode_editor_flush (self->editor);
  return efir_autosaver_flush (self->autosaver, error);
}

static void on_editor_pending_text_changed_cb (EfirWindow *self);

/* The editor is built when the first episode is shown, not before the
 * window's first frame: most of a start is the sidebar, and its
 * GtkSourceViews and sections cost as much again. */
static EfirEpisodeEditor *
efir_window_ensure_editor (EfirWindow *self)
{
  if (self->editor != NULL)
    return self->editor;

  self->editor = EFIR_EPISODE_EDITOR (efir_episode_editor_new ());
  g_signal_connect_object (self->editor, "notify::has-pending-text",
                           G_CALLBACK (on_editor_pending_text_changed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  g_signal_connect_object (self->editor, "notify::episode", G_CALLBACK (efir_window_update_title), self,
                           G_CONNECT_SWAPPED);
  if (self->people != NULL)
    efir_episode_editor_set_people (self->editor, self->people);
  efir_episode_editor_set_store (self->editor, self->store);
  self->tags_program = 0;
  return self->editor;
}

/* The tags of the programme's episodes, for the tag entry's completion:
 * read when an episode is shown, not at start, as they are only needed
 * then. */
static void
efir_window_load_tags (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GtkStringList) suggestions = NULL;

  gint64 program_id;

  if (self->current == NULL)
    return;
  program_id = efir_episode_get_program_id (self->current);
  if (program_id == self->tags_program && !self->tags_stale)
    return;

  if (!(tags = efir_store_list_tags (self->store, program_id, &error)))
    {
      g_warning ("Could not read the programme's tags: %s", error->message);
      return;
    }
  suggestions = gtk_string_list_new ((const char * const *) tags);
  efir_episode_editor_set_tag_suggestions (self->editor, G_LIST_MODEL (suggestions));
  self->tags_program = program_id;
  self->tags_stale = FALSE;
}

static void
efir_window_load_people (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *people = efir_store_list_people (self->store, &error);

  if (people == NULL)
    {
      efir_window_toast (self, error->message);
      return;
    }
  g_clear_object (&self->people);
  self->people = people;
  if (self->editor != NULL)
    efir_episode_editor_set_people (self->editor, people);
}

/* Shows the chosen programme's episodes with the chosen filter and order:
 * a query for their ids, nothing more; the rows are read as they are
 * shown. */
static void
efir_window_load_episodes (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;
  EfirProgram *program = efir_window_get_program (self);
  gint64 program_id = program != NULL ? efir_program_get_id (program) : 0;

  if (self->episodes == NULL)
    return;

  if (!efir_episode_list_set_query (self->episodes, program_id,
                                    efir_window_state_status_filter (gtk_drop_down_get_selected (self->status_dropdown)),
                                    gtk_toggle_button_get_active (self->sort_button),
                                    &error))
    efir_window_toast (self, error->message);

  self->list_moved = FALSE;
  efir_window_hold_current_light (self);
  efir_window_select_current (self);
  efir_window_update_sidebar_page (self);
  efir_window_update_actions (self);
}

/* After a save that moved the open episode in the list (a new air date,
 * number or status): only what moved changes on screen. */
static void
efir_window_refresh_episodes (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->list_moved = FALSE;
  if (self->episodes == NULL)
    return;

  if (!efir_episode_list_refresh (self->episodes, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_window_hold_current_light (self);
  efir_window_select_current (self);
  efir_window_update_sidebar_page (self);
}

static void
efir_window_select_program_id (EfirWindow *self,
                               gint64      program_id)
{
  for (guint i = 0, n = g_list_model_get_n_items (self->programs); i < n; i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (self->programs, i);

      if (efir_program_get_id (program) == program_id)
        {
          gtk_drop_down_set_selected (self->program_dropdown, i);
          return;
        }
    }
}

static void
efir_window_load_programs (EfirWindow *self,
                           gint64      select_id)
{
  g_autoptr(GError) error = NULL;
  GListModel *programs = efir_store_list_programs (self->store, &error);

  if (programs == NULL)
    {
      efir_window_toast (self, error->message);
      return;
    }

  g_clear_object (&self->programs);
  self->programs = programs;
  /* One query of the list for the programme finally chosen, not one for
   * the first programme the new model selects and another for this one. */
  g_signal_handlers_block_by_func (self->program_dropdown, on_program_selected_cb, self);
  gtk_drop_down_set_model (self->program_dropdown, programs);
  if (select_id > 0)
    efir_window_select_program_id (self, select_id);
  g_signal_handlers_unblock_by_func (self->program_dropdown, on_program_selected_cb, self);
  on_program_selected_cb (self, NULL, self->program_dropdown);
}

/* A narrow window shows one pane: the episode's page, once it is open. A
 * wide one shows both and leaves the focus where the producer put it (in
 * the list, going down it with the arrow keys). */
static void
efir_window_show_content (EfirWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void on_save_state_changed_cb (EfirWindow    *self,
                                      GParamSpec    *pspec,
                                      EfirAutosaver *autosaver);

static void
on_editor_pending_text_changed_cb (EfirWindow *self)
{
  if (self->autosaver != NULL)
    on_save_state_changed_cb (self, NULL, self->autosaver);
}

static void
efir_window_show_episode (EfirWindow  *self,
                          EfirEpisode *episode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) program = NULL;

  self->pending_episode = 0;
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, on_current_changed_cb, self);
  g_set_object (&self->current, episode);
  g_signal_connect_object (episode, "changed", G_CALLBACK (on_current_changed_cb), self, G_CONNECT_SWAPPED);
  efir_window_hold_current_light (self);
  efir_window_select_current (self);

  program = efir_window_find_program (self, efir_episode_get_program_id (episode));
  efir_window_ensure_editor (self);
  efir_window_load_tags (self);
  efir_episode_editor_set_program (self->editor, program);
  efir_episode_editor_set_episode (self->editor, episode);
  if (!efir_autosaver_set_episode (self->autosaver, episode, &error))
    efir_window_toast (self, error->message);

  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-episode", efir_episode_get_id (episode));

  gtk_stack_set_visible_child_name (self->content_stack, "episode");
  on_save_state_changed_cb (self, NULL, self->autosaver);
  efir_window_update_title (self);
  efir_window_update_actions (self);
  efir_window_show_content (self);
}

static void
efir_window_open_episode_id (EfirWindow *self,
                             gint64      episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;

  if (self->current != NULL && efir_episode_get_id (self->current) == episode_id)
    {
      efir_window_show_content (self);
      return;
    }

  if (!efir_window_flush (self, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }

  episode = efir_store_load_episode (self->store, episode_id, &error);
  if (episode == NULL)
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_window_show_episode (self, episode);
}

static int
efir_window_next_number (EfirWindow *self,
                         gint64      program_id)
{
  g_autoptr(GError) error = NULL;
  int number = 1;

  if (!efir_store_next_episode_number (self->store, program_id, &number, &error))
    g_warning ("Could not read the next episode number: %s", error->message);
  return number;
}

static void
efir_window_add_and_open (EfirWindow  *self,
                          EfirEpisode *episode)
{
  g_autoptr(GError) error = NULL;

  if (!efir_window_flush (self, &error) ||
      !efir_store_save_episode (self->store, episode, EFIR_EPISODE_PART_ALL, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }

  efir_window_load_episodes (self);
  efir_window_show_episode (self, episode);
  efir_episode_editor_show_section (self->editor, EFIR_EDITOR_SECTION_DETAILS);
}

static void
efir_window_show_open_error (EfirWindow   *self,
                             const GError *error)
{
  g_autofree char *description = NULL;
  const char *advice;

  /* A backup is offered for a damaged file only: a full disk or a busy
   * archive holds work that no backup has. */
  g_clear_pointer (&self->backup_path, g_free);
  if (efir_store_advice (error, &advice) != EFIR_STORE_ACTION_RESTORE)
    {
      description = g_strdup_printf ("%s\n\n%s", error->message, advice);
    }
  else if ((self->backup_path = efir_store_find_latest_backup (self->db_path)) != NULL)
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

  if (self->error_page == NULL)
    {
      GtkWidget *page = efir_window_error_page_new (&self->error_page, &self->restore_button);

      g_signal_connect_object (self->restore_button, "clicked",
                               G_CALLBACK (on_restore_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, page, "database-error");
    }
  adw_status_page_set_description (self->error_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), self->backup_path != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "database-error");
  efir_window_update_actions (self);
}

/* Takes @store, and an autosaver and an episode list of it. */
static void
efir_window_set_store (EfirWindow *self,
                       EfirStore  *store)
{
  if (self->store != store)
    {
      g_set_object (&self->store, store);
      g_signal_connect_object (store, "damaged", G_CALLBACK (on_store_damaged_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed-elsewhere", G_CALLBACK (on_store_changed_elsewhere_cb),
                               self, G_CONNECT_SWAPPED);
      efir_store_follow_changes (store, TRUE);
    }
  gtk_revealer_set_reveal_child (self->read_only_revealer, efir_store_is_read_only (store));
  if (self->editor != NULL)
    efir_episode_editor_set_store (self->editor, store);
  g_clear_object (&self->autosaver);
  self->autosaver = efir_autosaver_new (store);
  g_signal_connect_object (self->autosaver, "notify::state",
                           G_CALLBACK (on_save_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->episodes);
  self->episodes = efir_episode_list_new (store);
  g_signal_connect_object (self->episodes, "read-failed",
                           G_CALLBACK (on_episode_list_read_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->episodes));
}

static gboolean
efir_window_import_bytes (EfirWindow  *self,
                          GBytes      *bytes,
                          const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!efir_window_flush (self, &error))
    {
      efir_window_toast (self, error->message);
      return FALSE;
    }

  episode = efir_store_import_episode_json (self->store, data, length, &error);
  if (episode == NULL)
    {
      /* Translators: %s is a file name, then the reason. */
      message = g_strdup_printf (_("“%s” was not imported: %s"), name, error->message);
      efir_window_toast (self, message);
      return FALSE;
    }

  /* Its tags may be new to the programme. */
  self->tags_stale = TRUE;
  efir_window_load_programs (self, efir_episode_get_program_id (episode));
  efir_window_open_episode_id (self, efir_episode_get_id (episode));
  /* Translators: %s is an episode title. */
  message = g_strdup_printf (_("Imported “%s”"), efir_episode_get_title (episode));
  efir_window_toast (self, message);
  return TRUE;
}

static void
efir_window_import_file (EfirWindow *self,
                         GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_autofree char *name = g_file_get_basename (file);

  if (bytes == NULL)
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_window_import_bytes (self, bytes, name);
}

static GtkWidget *
efir_window_make_result_row (const EfirSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (hit->title[0] != '\0' ? hit->title : _("Untitled episode"));
  g_autofree char *where = efir_window_state_result_subtitle (hit->program_name, hit->number);
  GtkWidget *subtitle = gtk_label_new (where);
  g_autofree char *markup = efir_window_state_snippet_markup (hit->snippet);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_widget_set_visible (snippet, markup[0] != '\0');
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (snippet, "search-snippet");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "episode-id64", g_memdup2 (&hit->episode_id, sizeof hit->episode_id), g_free);
  return row;
}

static void
on_search_finished_cb (EfirWindow       *self,
                       const char       *query,
                       GPtrArray        *hits,
                       const GError     *error,
                       EfirSearchWorker *worker)
{
  GtkWidget *child;

  if (hits == NULL)
    {
      efir_window_toast (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    gtk_list_box_remove (self->result_list, child);
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->result_list, efir_window_make_result_row (g_ptr_array_index (hits, i)));

  efir_window_show_sidebar_page (self, hits->len > 0 ? "results" : "no-results");
}

/* The search runs in a worker thread: the window goes on answering keys,
 * and each key interrupts the search of the one before. */
static void
efir_window_run_search (EfirWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (query[0] == '\0')
    {
      if (self->search_worker != NULL)
        efir_search_worker_cancel (self->search_worker);
      efir_window_update_sidebar_page (self);
      return;
    }

  if (self->search_worker == NULL || efir_search_worker_get_store (self->search_worker) != self->store)
    {
      g_clear_object (&self->search_worker);
      self->search_worker = efir_search_worker_new (self->store, 50);
      g_signal_connect_object (self->search_worker, "finished", G_CALLBACK (on_search_finished_cb),
                               self, G_CONNECT_SWAPPED);
    }
  efir_search_worker_search (self->search_worker, query);
}

static void
efir_window_save_size (EfirWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* Callbacks */

static void
on_episode_row_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  gtk_list_item_set_child (item, efir_episode_row_new ());
}

static void
on_episode_row_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  efir_episode_row_set_episode (EFIR_EPISODE_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
on_episode_row_unbind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data)
{
  efir_episode_row_set_episode (EFIR_EPISODE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Choosing a row opens its episode; the row stays chosen while the
 * episode is open, which a list that selects the row under the pointer
 * (single-click activation) would not keep. */
static void
on_episode_selected_cb (EfirWindow         *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  EfirEpisode *episode = gtk_single_selection_get_selected_item (selection);

  if (episode == NULL)
    return;

  /* The open episode's row chosen again, in a narrow window: to its page. */
  if (self->current != NULL && efir_episode_get_id (self->current) == efir_episode_get_id (episode))
    {
      efir_window_show_content (self);
      return;
    }

  efir_window_open_episode_id (self, efir_episode_get_id (episode));
  /* Still the one shown when it could not be opened. */
  efir_window_select_current (self);
}

/* A narrow window shows the list alone once the producer is back from an
 * episode's page. Nothing is chosen there, so that choosing the same
 * episode again goes to its page. */
static void
on_leaflet_child_changed_cb (EfirWindow *self,
                             GParamSpec *pspec,
                             AdwLeaflet *leaflet)
{
  /* One pane is a phone's width: History stays in the episode menu, and
   * the header keeps room for what is typed being saved. */
  gtk_widget_set_visible (self->history_button, !adw_leaflet_get_folded (leaflet));

  if (adw_leaflet_get_folded (leaflet) && adw_leaflet_get_visible_child (leaflet) == self->sidebar)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  else
    efir_window_select_current (self);
}

/* Enter or a double click on the open episode's row: to its page, which
 * matters when the window is narrow and shows one pane. */
static void
on_episode_activated_cb (EfirWindow  *self,
                         guint        position,
                         GtkGridView *list)
{
  g_autoptr(EfirEpisode) episode = g_list_model_get_item (G_LIST_MODEL (self->episodes), position);

  if (episode != NULL)
    efir_window_open_episode_id (self, efir_episode_get_id (episode));
}

static void
on_result_activated_cb (EfirWindow    *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  gint64 *episode_id = g_object_get_data (G_OBJECT (row), "episode-id64");

  if (episode_id != NULL)
    efir_window_open_episode_id (self, *episode_id);
}

static void
on_program_selected_cb (EfirWindow  *self,
                        GParamSpec  *pspec,
                        GtkDropDown *dropdown)
{
  EfirProgram *program = efir_window_get_program (self);

  if (program != NULL && self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-program", efir_program_get_id (program));
  efir_window_load_episodes (self);
}

static void
on_status_selected_cb (EfirWindow  *self,
                       GParamSpec  *pspec,
                       GtkDropDown *dropdown)
{
  efir_window_load_episodes (self);
}

static void
on_sort_toggled_cb (EfirWindow *self)
{
  gboolean oldest_first = gtk_toggle_button_get_active (self->sort_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->sort_button),
                            oldest_first ? "view-sort-ascending-symbolic" : "view-sort-descending-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_button),
                               oldest_first ? _("Newest first") : _("Oldest first"));
  efir_window_load_episodes (self);
}

static void
on_search_changed_cb (EfirWindow *self)
{
  efir_window_run_search (self);
}

static void
on_search_activated_cb (EfirWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->result_list, 0);

  if (first != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "results") == 0)
    on_result_activated_cb (self, first, self->result_list);
}

static void
on_search_stopped_cb (EfirWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  efir_window_update_sidebar_page (self);
}

/* Keeps the list row of the open episode in step with it: what is typed
 * shows in the list at once, before it is saved. */
static void
efir_window_sync_current_light (EfirWindow      *self,
                                EfirEpisodePart  parts)
{
  EfirEpisode *episode = self->current;

  if (self->current_light == NULL || episode == NULL
      || !(parts & (EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_GUESTS)))
    return;

  /* Its place in the list is the store's to say, once this is saved. */
  if (!efir_window_state_same_place (self->current_light, episode))
    self->list_moved = TRUE;
  if (!g_strv_equal (efir_episode_get_tags (self->current_light), efir_episode_get_tags (episode)))
    self->tags_stale = TRUE;

  efir_episode_freeze_changed (self->current_light);
  efir_episode_set_title (self->current_light, efir_episode_get_title (episode));
  efir_episode_set_number (self->current_light, efir_episode_get_number (episode));
  efir_episode_set_air_date (self->current_light, efir_episode_get_air_date (episode));
  efir_episode_set_status (self->current_light, efir_episode_get_status (episode));
  efir_episode_set_tags (self->current_light, efir_episode_get_tags (episode));
  if (parts & EFIR_EPISODE_PART_GUESTS)
    {
      GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
      g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0, n = g_list_model_get_n_items (guests); i < n; i++)
        {
          g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);
          g_ptr_array_add (copies, efir_episode_guest_copy (guest));
        }
      g_list_store_splice (efir_episode_get_guests (self->current_light), 0,
                           g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (self->current_light))),
                           copies->pdata, copies->len);
    }
  efir_episode_thaw_changed (self->current_light);
}

static void
on_current_changed_cb (EfirWindow      *self,
                       EfirEpisodePart  parts,
                       EfirEpisode     *episode)
{
  efir_window_sync_current_light (self, parts);
  efir_window_update_title (self);
}

static void
on_save_state_changed_cb (EfirWindow    *self,
                          GParamSpec    *pspec,
                          EfirAutosaver *autosaver)
{
  EfirAutosaveState state = efir_autosaver_get_state (autosaver);
  const GError *error = efir_autosaver_get_error (autosaver);
  gboolean text_pending = self->editor != NULL && efir_episode_editor_has_pending_text (self->editor);

  gtk_label_set_label (self->save_label,
                       efir_window_state_save_label (efir_window_state_shown_save_state (state, text_pending)));
  if (state == EFIR_AUTOSAVE_STATE_FAILED && error != NULL)
    {
      g_autofree char *text = efir_window_state_save_error (error->message);
      gtk_label_set_label (self->save_error_label, text);
    }
  gtk_revealer_set_reveal_child (self->save_error_revealer, state == EFIR_AUTOSAVE_STATE_FAILED);
  gtk_revealer_set_reveal_child (self->conflict_revealer, state == EFIR_AUTOSAVE_STATE_CONFLICT);

  if (state == EFIR_AUTOSAVE_STATE_SAVED && self->list_moved)
    efir_window_refresh_episodes (self);
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
  g_autoptr(EfirStore) store = NULL;
  g_autofree char *kept = NULL;

  g_clear_object (&self->autosaver);
  g_clear_object (&self->search_worker);
  g_clear_object (&self->store);
  g_clear_object (&self->episodes);
  gtk_single_selection_set_model (self->selection, NULL);
  kept = efir_store_recover_from_backup (self->db_path, self->backup_path, &error);
  if (kept != NULL)
    store = efir_store_open (self->db_path, &error);

  if (store == NULL)
    {
      efir_window_show_open_error (self, error);
      return;
    }

  efir_window_set_store (self, store);
  gtk_stack_set_visible_child_name (self->main_stack, "archive");
  efir_window_load_people (self);
  efir_window_load_programs (self, 0);
}

static gboolean
on_files_dropped_cb (GtkDropTarget *target,
                     const GValue  *value,
                     double         x,
                     double         y,
                     EfirWindow    *self)
{
  GSList *files;

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    efir_window_import_file (self, l->data);
  return files != NULL;
}

static void
on_import_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       EfirWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      efir_window_import_file (self, file);
    }
  g_object_unref (dialog);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       EfirWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->current != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *json = efir_episode_to_json (self->current, TRUE);
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (path, json, -1, &error))
        efir_window_toast (self, error->message);
      else
        efir_window_toast (self, _("Episode exported"));
    }
  g_object_unref (dialog);
}

static void
on_history_restored_cb (EfirWindow  *self,
                        EfirEpisode *restored)
{
  /* The store wrote the revision; show exactly what it now holds, in the
   * list too. */
  efir_window_show_episode (self, restored);
  efir_window_sync_current_light (self, EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_GUESTS);
  if (self->list_moved)
    efir_window_refresh_episodes (self);
  efir_window_toast (self, _("Earlier version restored. The text it replaced is kept in History."));
}

static void
on_program_saved_cb (EfirWindow  *self,
                     EfirProgram *program)
{
  efir_window_load_programs (self, efir_program_get_id (program));
}

static void
on_program_deleted_cb (EfirWindow *self,
                       gint64      program_id)
{
  efir_window_load_programs (self, 0);
}

static void
on_people_merged_cb (EfirWindow *self,
                     gint64      keep_id,
                     gint64      remove_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) reloaded = NULL;

  /* Rows of any episode may name the removed entry. The open episode may
   * too: show it as now stored, or its next autosave would write the old
   * guest row back. */
  if (!efir_episode_list_reload (self->episodes, &error))
    {
      efir_window_toast (self, error->message);
      g_clear_error (&error);
    }
  efir_window_hold_current_light (self);
  if (self->current == NULL || !efir_window_flush (self, &error))
    return;

  reloaded = efir_store_load_episode (self->store, efir_episode_get_id (self->current), &error);
  if (reloaded != NULL)
    efir_window_show_episode (self, reloaded);
}

/* efir-cli, a cron outbox run or another Efir wrote to the archive: the
 * lists, the tags and the open episode show what is stored now. The open
 * episode is read again in place, or, with edits of the producer's, kept
 * beside the other version for the producer to choose (the autosaver's
 * conflict, shown by on_save_state_changed_cb()). */
static void
on_store_changed_elsewhere_cb (EfirWindow *self,
                               EfirStore  *store)
{
  g_autoptr(GError) error = NULL;
  EfirProgram *program = efir_window_get_program (self);

  /* A store given up for a damaged file or a backup follows no more. */
  if (store != self->store)
    return;

  if (self->autosaver != NULL && !efir_autosaver_follow_store (self->autosaver, &error))
    {
      efir_window_toast (self, error->message);
      g_clear_error (&error);
    }

  efir_window_load_people (self);
  efir_window_load_programs (self, program != NULL ? efir_program_get_id (program) : 0);
  /* Rows already read may show a title or a status written elsewhere. */
  if (self->episodes != NULL && !efir_episode_list_reload (self->episodes, &error))
    efir_window_toast (self, error->message);
  efir_window_hold_current_light (self);
  if (self->current != NULL && self->editor != NULL)
    {
      g_autoptr(EfirProgram) current_program =
        efir_window_find_program (self, efir_episode_get_program_id (self->current));

      /* Its time zone, say, may have changed. */
      efir_episode_editor_set_program (self->editor, current_program);
      self->tags_stale = TRUE;
      efir_window_load_tags (self);
      efir_window_update_title (self);
    }
}

static void
resolve_conflict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean keep_mine = g_strcmp0 (g_variant_get_string (parameter, NULL), "mine") == 0;

  if (self->autosaver == NULL)
    return;

  if (!(keep_mine ? efir_autosaver_keep_mine (self->autosaver, &error)
                  : efir_autosaver_take_theirs (self->autosaver, &error)))
    efir_window_toast (self, error->message);
  efir_window_refresh_episodes (self);
}

static void
on_store_damaged_cb (EfirWindow   *self,
                     const GError *error,
                     EfirStore    *store)
{
  /* Found by the check of every page after the window opened: nothing was
   * written, and the window offers the latest good backup as at start. */
  if (self->autosaver != NULL)
    efir_autosaver_set_episode (self->autosaver, NULL, NULL);
  g_clear_object (&self->autosaver);
  g_clear_object (&self->search_worker);
  g_clear_object (&self->store);
  efir_window_show_open_error (self, error);
}

static gboolean
on_close_request_cb (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->force_close && !efir_window_flush (self, &error))
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Your Last Edits Are Not Saved"),
                                                           error->message));
      adw_message_dialog_add_responses (dialog,
                                        "close", _("_Close and Lose Them"),
                                        "keep", _("_Keep Editing"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_signal_connect_object (dialog, "response::close",
                               G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  efir_window_save_size (self);
  return FALSE;
}

/* Actions */

static void
new_episode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirProgram *program = efir_window_get_program (self);
  g_autoptr(EfirEpisode) episode = NULL;

  /* An episode needs its programme: the first Ctrl+N creates that. */
  if (program == NULL)
    {
      gtk_widget_activate_action (widget, "win.new-program", NULL);
      return;
    }

  episode = efir_episode_new ();
  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_program_name (episode, efir_program_get_name (program));
  efir_episode_set_number (episode, efir_window_next_number (self, efir_program_get_id (program)));
  efir_window_add_and_open (self, episode);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(EfirEpisode) copy = NULL;
  g_autofree char *title = NULL;

  if (self->current == NULL)
    return;

  efir_episode_editor_flush (self->editor);
  copy = efir_episode_new ();
  efir_episode_assign (copy, self->current);
  /* Translators: the title of a duplicated episode; %s is the original title. */
  title = g_strdup_printf (_("%s (copy)"), efir_episode_get_title (self->current));
  efir_episode_set_title (copy, title);
  efir_episode_set_slug (copy, "");
  efir_episode_set_number (copy, efir_window_next_number (self, efir_episode_get_program_id (copy)));
  efir_episode_set_status (copy, EFIR_EPISODE_STATUS_DRAFT);
  efir_window_add_and_open (self, copy);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);

  if (self->autosaver != NULL)
    efir_autosaver_retry (self->autosaver);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Episode"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("Episode files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->current == NULL)
    return;

  efir_episode_editor_flush (self->editor);
  name = efir_window_state_export_name (self->current);
  chooser = gtk_file_chooser_native_new (_("Export Episode"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->current == NULL)
    return;

  /* The history compares with what is on disk, so write what is typed. */
  if (!efir_window_flush (self, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }

  dialog = efir_history_dialog_new (GTK_WINDOW (self), self->store, self->current);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_history_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
share_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autofree char *link = NULL;
  GtkWidget *dialog;

  if (self->current == NULL)
    return;

  /* Posts link to the episode's page once it is live, to its video before. */
  link = efir_store_dup_published_link (self->store, efir_episode_get_id (self->current));
  dialog = efir_share_dialog_new (GTK_WINDOW (self), efir_window_get_program (self), self->current,
                                  link);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
program_settings_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  gboolean is_new = g_strcmp0 (action_name, "win.new-program") == 0;
  GtkWidget *dialog;

  dialog = efir_program_settings_new (GTK_WINDOW (self), self->store,
                                      is_new ? NULL : efir_window_get_program (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_program_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "deleted", G_CALLBACK (on_program_deleted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Moves the open episode to the trash, what was typed saved first, and
 * offers to undo it. */
static void
efir_window_trash_current (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *message = NULL;
  gint64 episode_id;
  AdwToast *toast;

  if (self->current == NULL)
    return;

  episode_id = efir_episode_get_id (self->current);
  if (!efir_window_flush (self, &error) || !efir_store_trash_episode (self->store, episode_id, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }

  heading = efir_episode_row_heading (self->current);
  efir_autosaver_set_episode (self->autosaver, NULL, NULL);
  efir_episode_editor_set_episode (self->editor, NULL);
  g_signal_handlers_disconnect_by_func (self->current, on_current_changed_cb, self);
  g_clear_object (&self->current);
  g_clear_object (&self->current_light);
  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-episode", 0);
  self->tags_stale = TRUE;
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  efir_window_refresh_episodes (self);
  efir_window_update_title (self);
  efir_window_update_actions (self);

  /* Translators: %s is an episode's number and title. */
  message = g_strdup_printf (_("“%s” moved to the trash"), heading);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore-episode");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (episode_id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_delete_answered_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       EfirWindow       *self)
{
  if (g_str_equal (response, "delete"))
    efir_window_trash_current (self);
}

static void
delete_episode_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  GtkWidget *dialog;

  if (self->current == NULL)
    return;

  /* The trash and Undo make a plain deletion safe to do at once; a post on
   * the site is another matter, and the producer is told it stays. */
  if (!efir_store_episode_has_post (self->store, efir_episode_get_id (self->current)))
    {
      efir_window_trash_current (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Move to the Trash?"),
                                   _("This episode is published. Its post stays on the site: "
                                     "deleting it in Efir does not withdraw it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Move to Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_episode_restored_cb (EfirWindow *self,
                        gint64      episode_id)
{
  self->tags_stale = TRUE;
  efir_window_refresh_episodes (self);
}

static void
restore_episode_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 episode_id = g_variant_get_int64 (parameter);

  if (!efir_store_restore_episode (self->store, episode_id, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }

  on_episode_restored_cb (self, episode_id);
  efir_window_open_episode_id (self, episode_id);
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  GtkWidget *dialog = efir_trash_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_episode_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
guest_directory_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  GtkWidget *dialog;

  /* A merge there rewrites the guests of the open episode as a save does:
   * its edits are written first, so that they meet no conflict. */
  efir_window_flush (self, NULL);
  dialog = efir_guest_directory_new (GTK_WINDOW (self), self->store);

  /* Names and roles may change there: the editor's suggestions follow. */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (efir_window_load_people), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_people_merged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The shortcuts window is built the first time it is asked for: GTK would
 * build it with every window, before its first frame. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/efir/Efir/efir-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }
  gtk_window_present (self->shortcuts_window);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* The episode's skeleton while it is read: its title, as its row in the
 * list has it, over a spinner. */
static void
efir_window_show_opening (EfirWindow  *self,
                          EfirEpisode *light)
{
  g_autofree char *heading = NULL;

  if (light != NULL)
    {
      heading = efir_episode_row_heading (light);
      adw_window_title_set_title (self->content_title, heading);
      adw_window_title_set_subtitle (self->content_title, efir_episode_get_program_name (light));
    }
  gtk_spinner_start (self->opening_spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "opening");
}

static gboolean
open_pending_episode_cb (gpointer user_data)
{
  EfirWindow *self = user_data;
  gint64 episode_id = self->pending_episode;

  self->pending_episode = 0;
  if (episode_id != 0 && self->store != NULL)
    efir_window_open_episode_id (self, episode_id);
  gtk_spinner_stop (self->opening_spinner);
  if (self->current == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      efir_window_update_title (self);
    }
  return G_SOURCE_REMOVE;
}

/* What waits for the window to be on screen: the check of every page of
 * its archive (a thread reading the whole file would compete with the
 * first frame for the processor) and the episode open when Efir was
 * closed. */
static void
on_first_frame_cb (EfirWindow    *self,
                   GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  if (self->store != NULL)
    efir_store_start_check (self->store);
  if (self->pending_episode != 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, open_pending_episode_cb, g_object_ref (self), g_object_unref);
  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

/* The frame clock exists once the window is realized, which it is by map. */
static void
on_first_map_cb (EfirWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_first_map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_frame_cb), self, G_CONNECT_SWAPPED);
}

static void
on_create_menu_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  GMenuModel *model = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

/* Public API */

EfirWindow *
efir_window_new (EfirApplication *application,
                 EfirStore       *store,
                 const char      *db_path,
                 const GError    *open_error)
{
  EfirWindow *self = g_object_new (EFIR_TYPE_WINDOW, "application", application, NULL);
  gint64 last_program = 0;
  gint64 last_episode = 0;

  self->db_path = g_strdup (db_path);
  if (store == NULL)
    {
      efir_window_show_open_error (self, open_error);
      return self;
    }

  efir_window_set_store (self, store);

  if (self->settings != NULL)
    {
      last_program = g_settings_get_int64 (self->settings, "last-program");
      last_episode = g_settings_get_int64 (self->settings, "last-episode");
    }

  efir_window_load_people (self);
  efir_window_load_programs (self, last_program);
  /* The episode open when Efir was closed comes back right after the
   * window's first frame: building the editor and reading a long
   * transcript first held the whole window back by a quarter of a second.
   * Until then its pane says so under the episode's title. */
  if (last_episode > 0 && efir_episode_list_find (self->episodes, last_episode, NULL))
    {
      g_autoptr(EfirEpisode) light = efir_episode_list_lookup (self->episodes, last_episode);

      self->pending_episode = last_episode;
      efir_window_show_opening (self, light);
    }
  efir_window_update_actions (self);
  return self;
}

EfirEpisodeEditor *
efir_window_get_editor (EfirWindow *self)
{
  g_return_val_if_fail (EFIR_IS_WINDOW (self), NULL);

  return efir_window_ensure_editor (self);
}

EfirEpisode *
efir_window_get_current_episode (EfirWindow *self)
{
  g_return_val_if_fail (EFIR_IS_WINDOW (self), NULL);

  return self->current;
}

void
efir_window_open_episode (EfirWindow *self,
                          gint64      episode_id)
{
  g_return_if_fail (EFIR_IS_WINDOW (self));

  efir_window_open_episode_id (self, episode_id);
}

gboolean
efir_window_import (EfirWindow *self,
                    GFile      *file)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (EFIR_IS_WINDOW (self), FALSE);

  bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  name = g_file_get_basename (file);
  return bytes != NULL && efir_window_import_bytes (self, bytes, name);
}

/* GObject overrides */

static void
efir_window_dispose (GObject *object)
{
  EfirWindow *self = EFIR_WINDOW (object);

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  if (self->autosaver != NULL)
    efir_autosaver_flush (self->autosaver, NULL);

  if (self->shortcuts_window != NULL)
    gtk_window_destroy (g_steal_pointer (&self->shortcuts_window));
  /* The editor reads its last words back as it goes, with the header gone. */
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_func (self->editor, on_editor_pending_text_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_WINDOW);
  self->editor = NULL;

  g_clear_object (&self->autosaver);
  g_clear_object (&self->current);
  g_clear_object (&self->current_light);
  g_clear_object (&self->selection);
  g_clear_object (&self->episodes);
  g_clear_object (&self->programs);
  g_clear_object (&self->people);
  g_clear_object (&self->search_worker);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, program_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_list);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, result_list);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, save_label);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, episode_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_episode_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_toggled_cb);

  gtk_widget_class_install_action (widget_class, "win.new-episode", NULL, new_episode_action);
  gtk_widget_class_install_action (widget_class, "win.new-program", NULL, program_settings_action);
  gtk_widget_class_install_action (widget_class, "win.program-settings", NULL, program_settings_action);
  gtk_widget_class_install_action (widget_class, "win.guest-directory", NULL, guest_directory_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflict", "s", resolve_conflict_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.share", NULL, share_action);
  gtk_widget_class_install_action (widget_class, "win.delete-episode", NULL, delete_episode_action);
  gtk_widget_class_install_action (widget_class, "win.restore-episode", "x", restore_episode_action);
  gtk_widget_class_install_action (widget_class, "win.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-episode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.history", NULL);

  /**
   * EfirWindow::first-frame:
   *
   * Emitted once, when the window has painted its first frame; its
   * archive's check and its last episode start after it.
   */
  signals[FIRST_FRAME] = g_signal_new ("first-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
efir_window_init (EfirWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) name = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  efir_window_fit_save_label (self);

  /* Without an installed schema (a run from a bare build tree) the window
   * still works; it only forgets its size and last episode. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* A popover menu builds every item when it is given its model; the
   * menus get theirs when they first open (a click or F10). */
  gtk_menu_button_set_create_popup_func (self->menu_button, on_create_menu_cb, self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->episode_menu_button, on_create_menu_cb, self->episode_menu, NULL);

  name = gtk_property_expression_new (EFIR_TYPE_PROGRAM, NULL, "name");
  gtk_drop_down_set_expression (self->program_dropdown, name);
  g_signal_connect_object (self->program_dropdown, "notify::selected",
                           G_CALLBACK (on_program_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (on_status_selected_cb), self, G_CONNECT_SWAPPED);

  /* The list's model comes with the store. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_episode_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_child_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_leaflet_child_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->episode_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (on_episode_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_episode_row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_episode_row_unbind_cb), self);
  gtk_grid_view_set_factory (self->episode_list, factory);


  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_files_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  g_signal_connect (self, "map", G_CALLBACK (on_first_map_cb), NULL);
  efir_window_update_actions (self);
}
