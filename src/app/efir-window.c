/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "efir-autosaver.h"
#include "efir-conflict-dialog.h"
#include "efir-episode-editor.h"
#include "efir-episode-list.h"
#include "efir-episode-row.h"
#include "efir-search-worker.h"
#include "efir-store-advice.h"
#include "efir-window-pages.h"
#include "efir-window-private.h"
#include "efir-window-state.h"

/* The window shows its session (efir-session.c): the programmes, the list,
 * search, the open episode in the editor and its save state. What its
 * menus and shortcuts do is in efir-window-actions.c. */

G_DEFINE_FINAL_TYPE (EfirWindow, efir_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_program_selected_cb      (EfirWindow      *self,
                                         GParamSpec      *pspec,
                                         GtkDropDown     *dropdown);
static void on_store_damaged_cb         (EfirWindow      *self,
                                         const GError    *error,
                                         EfirStore       *store);
static void on_restore_clicked_cb       (EfirWindow      *self);
static void on_save_state_changed_cb    (EfirWindow      *self);

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

/* Settings are written only when they change: a write goes to dconf, or
 * rewrites and syncs the settings file, which is then read back; a start
 * wrote the same programme twice before its first frame. */
static void
efir_window_remember (EfirWindow *self,
                      const char *key,
                      gint64      value)
{
  if (self->settings != NULL && g_settings_get_int64 (self->settings, key) != value)
    g_settings_set_int64 (self->settings, key, value);
}

void
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

static EfirEpisodeList *
efir_window_get_episodes (EfirWindow *self)
{
  return self->session != NULL ? efir_session_get_episodes (self->session) : NULL;
}

static EfirEpisode *
efir_window_get_current (EfirWindow *self)
{
  return self->session != NULL ? efir_session_get_current (self->session) : NULL;
}

/* The open episode is the selected row, wherever it is now, and the list
 * shows it: reopened at start, moved by a new air date or found again
 * after a new sort, it is in view. */
static void
efir_window_select_current (EfirWindow *self)
{
  EfirEpisode *current = efir_window_get_current (self);
  guint position = GTK_INVALID_LIST_POSITION;

  /* A narrow window showing the list chooses nothing there, whatever the
   * list read again: choosing would go to the episode's page. */
  if (adw_leaflet_get_folded (self->leaflet) && adw_leaflet_get_visible_child (self->leaflet) == self->sidebar)
    current = NULL;
  if (current != NULL)
    efir_episode_list_find (efir_window_get_episodes (self), efir_episode_get_id (current), &position);
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
  EfirEpisode *current = efir_window_get_current (self);
  g_autofree char *heading = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "schedule") == 0)
    return;
  if (current == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      return;
    }

  heading = efir_episode_row_heading (current);
  adw_window_title_set_title (self->content_title, heading);
  adw_window_title_set_subtitle (self->content_title, efir_episode_get_program_name (current));
}

void
efir_window_update_actions (EfirWindow *self)
{
  EfirStore *store = self->session != NULL ? efir_session_get_store (self->session) : NULL;
  gboolean has_store = store != NULL;
  gboolean can_write = has_store && !efir_store_is_read_only (store);
  gboolean has_program = has_store && efir_session_get_program (self->session) != NULL;
  gboolean has_episode = efir_window_get_current (self) != NULL;

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-section", has_episode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.transcript", has_episode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-episode", has_episode && can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-episode", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-schedule", has_store);
  efir_window_update_publish_actions (self, has_episode && can_write);
}

static void
efir_window_update_sidebar_page (EfirWindow *self)
{
  GListModel *programs = self->session != NULL ? efir_session_get_programs (self->session) : NULL;
  EfirEpisodeList *episodes = efir_window_get_episodes (self);
  guint n_programs = programs != NULL ? g_list_model_get_n_items (programs) : 0;
  guint n_all = episodes != NULL ? efir_episode_list_get_n_all (episodes) : 0;

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    return;

  /* With no programme there is nothing to choose, search or filter. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->program_dropdown)), n_programs > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), n_programs > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), n_all > 0);

  efir_window_show_sidebar_page (self, efir_window_state_sidebar_page (n_programs, n_all,
                                                                        episodes != NULL ? g_list_model_get_n_items (G_LIST_MODEL (episodes)) : 0));
}

gboolean
efir_window_flush (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || efir_session_flush (self->session, &error))
    return TRUE;
  efir_window_toast (self, error->message);
  return FALSE;
}

static void
on_flush_edits_cb (EfirWindow *self)
{
  if (self->editor != NULL)
    efir_episode_editor_flush (self->editor);
}

/* The programme of the open episode gives the editor its time zone and
 * hosts; it may change elsewhere. */
static void
efir_window_update_editor_program (EfirWindow *self)
{
  EfirEpisode *current = efir_window_get_current (self);
  g_autoptr(EfirProgram) program = NULL;

  if (self->editor == NULL || current == NULL)
    return;
  program = efir_session_find_program (self->session, efir_episode_get_program_id (current));
  efir_episode_editor_set_program (self->editor, program);
}

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
                           G_CALLBACK (on_save_state_changed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  g_signal_connect_object (self->editor, "notify::episode", G_CALLBACK (efir_window_update_title), self,
                           G_CONNECT_SWAPPED);
  if (self->session != NULL)
    {
      efir_episode_editor_set_people (self->editor, efir_session_get_people (self->session));
      efir_episode_editor_set_tag_suggestions (self->editor, efir_session_get_tags (self->session));
      efir_episode_editor_set_store (self->editor, efir_session_get_store (self->session));
    }
  return self->editor;
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

void
efir_window_open_episode_id (EfirWindow *self,
                             gint64      episode_id)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_open_episode (self->session, episode_id, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_window_show_episode_page (self);
}

/* The open episode's page: back to it from the Schedule (the open episode
 * chosen again there, say), and to its pane in a narrow window. */
void
efir_window_show_episode_page (EfirWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "schedule") == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "episode");
      efir_window_update_title (self);
    }
  efir_window_show_content (self);
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

static void
on_conflict_change_read_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(EfirWindow) self = user_data;
  g_autoptr(EfirPageVersion) site = NULL;
  g_autoptr(GError) error = NULL;

  site = efir_publisher_fetch_site_version_finish (EFIR_PUBLISHER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->conflict_fetch);
  /* Unreadable now (offline, say): the panel says what it knows, and the
   * conflict dialog tries again. */
  if (site != NULL)
    {
      g_free (self->conflict_change);
      self->conflict_change = efir_conflict_dialog_describe_change (site);
    }
  efir_window_update_publication (self);
}

/* A conflict's panel says who changed the post on the site and when: read
 * from the site once for each job in conflict. */
static void
efir_window_describe_conflict (EfirWindow          *self,
                               EfirPublicationView *view)
{
  g_autofree char *detail = NULL;

  if (view->job_id != self->conflict_job)
    {
      g_cancellable_cancel (self->conflict_fetch);
      g_clear_object (&self->conflict_fetch);
      g_clear_pointer (&self->conflict_change, g_free);
      self->conflict_job = view->job_id;
      self->conflict_fetch = g_cancellable_new ();
      efir_publisher_fetch_site_version_async (efir_session_get_publisher (self->session), view->job_id,
                                               self->conflict_fetch, on_conflict_change_read_cb,
                                               g_object_ref (self));
    }
  if (self->conflict_change == NULL)
    return;

  /* Translators: who changed the post and when, then what the panel says
   * of a conflict. */
  detail = g_strdup_printf (_("%s. %s"), self->conflict_change, view->detail);
  g_free (view->detail);
  view->detail = g_steal_pointer (&detail);
}

void
efir_window_update_publication (EfirWindow *self)
{
  g_autoptr(EfirPublicationView) view = NULL;
  gboolean sending = self->session != NULL && efir_session_is_sending (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->sending_spinner), sending);
  gtk_spinner_set_spinning (self->sending_spinner, sending);
  if (self->editor == NULL)
    return;

  if (self->session != NULL)
    view = efir_session_dup_publication_view (self->session);
  if (view != NULL && view->state == EFIR_PUBLICATION_CONFLICT)
    efir_window_describe_conflict (self, view);
  efir_publication_panel_set_view (efir_episode_editor_get_publication_panel (self->editor), view);
  efir_window_update_actions (self);
}

/* A job the producer started ended: say so wherever they are now, with
 * the page to open when it went live. */
static void
on_job_finished_cb (EfirWindow *self,
                    gint64      job_id)
{
  g_autoptr(EfirOutboxJob) job = efir_store_get_job (efir_session_get_store (self->session), job_id, NULL);
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  g_autofree char *link = NULL;
  AdwToast *toast;

  if (job == NULL)
    return;
  title = efir_window_state_short_title (job->episode_title);

  if (job->state == EFIR_JOB_FAILED)
    /* Translators: %s is an episode title, then why it was not sent. */
    message = g_strdup_printf (_("“%s” was not sent: %s"), title, job->last_error);
  else if (job->state == EFIR_JOB_CONFLICT)
    /* Translators: %s is an episode title. */
    message = g_strdup_printf (_("“%s” was changed on the site. Choose which version stays."), title);
  else if (g_str_equal (job->action, "publish"))
    {
      link = efir_store_dup_published_link (efir_session_get_store (self->session), job->episode_id);
      /* Translators: %s is an episode title. */
      message = g_strdup_printf (link != NULL ? _("“%s” is published") : _("“%s” is sent for review"),
                                 title);
    }
  else if (g_str_equal (job->action, "schedule"))
    /* Translators: %s is an episode title. */
    message = g_strdup_printf (_("“%s” is scheduled"), title);
  else if (g_str_equal (job->action, "draft"))
    /* Translators: %s is an episode title. */
    message = g_strdup_printf (_("“%s” is saved on the site as a draft"), title);
  else if (g_str_equal (job->action, "withdraw"))
    /* Translators: %s is an episode title. */
    message = g_strdup_printf (_("“%s” is withdrawn from the site"), title);
  else
    /* Translators: %s is an episode title. */
    message = g_strdup_printf (_("“%s” is in the site’s trash"), title);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  if (link != NULL)
    {
      adw_toast_set_button_label (toast, _("_View"));
      adw_toast_set_action_name (toast, "win.open-link");
      adw_toast_set_action_target_value (toast, g_variant_new_string (link));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_session_failed_cb (EfirWindow  *self,
                      const char  *message)
{
  efir_window_toast (self, message);
}

static void
on_list_changed_cb (EfirWindow *self)
{
  efir_window_select_current (self);
  efir_window_update_sidebar_page (self);
  efir_window_update_actions (self);
}

/* The switcher shows the session's programmes, and the one it chose. */
static void
on_programs_changed_cb (EfirWindow *self)
{
  GListModel *programs = efir_session_get_programs (self->session);
  gint64 program_id = 0;
  guint position = GTK_INVALID_LIST_POSITION;

  g_object_get (self->session, "program", &program_id, NULL);
  for (guint i = 0, n = g_list_model_get_n_items (programs); i < n; i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);

      if (efir_program_get_id (program) == program_id)
        position = i;
    }

  g_signal_handlers_block_by_func (self->program_dropdown, on_program_selected_cb, self);
  if (gtk_drop_down_get_model (self->program_dropdown) != programs)
    gtk_drop_down_set_model (self->program_dropdown, programs);
  gtk_drop_down_set_selected (self->program_dropdown, position);
  g_signal_handlers_unblock_by_func (self->program_dropdown, on_program_selected_cb, self);

  if (program_id > 0)
    efir_window_remember (self, "last-program", program_id);
  /* Its time zone, say, may have changed. */
  efir_window_update_editor_program (self);
  efir_window_update_sidebar_page (self);
  efir_window_update_actions (self);
}

static void
on_people_changed_cb (EfirWindow *self)
{
  if (self->editor != NULL)
    efir_episode_editor_set_people (self->editor, efir_session_get_people (self->session));
}

/* The session opened another episode, or the same again as now stored. */
static void
on_current_changed_cb (EfirWindow *self)
{
  EfirEpisode *current = efir_window_get_current (self);

  self->pending_episode = 0;
  if (current == NULL)
    {
      if (self->editor != NULL)
        efir_episode_editor_set_episode (self->editor, NULL);
      efir_window_remember (self, "last-episode", 0);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      efir_window_ensure_editor (self);
      efir_window_update_editor_program (self);
      efir_episode_editor_set_episode (self->editor, current);
      efir_window_remember (self, "last-episode", efir_episode_get_id (current));
      gtk_stack_set_visible_child_name (self->content_stack, "episode");
      g_signal_connect_object (current, "changed", G_CALLBACK (efir_window_update_title), self,
                               G_CONNECT_SWAPPED);
    }

  efir_window_select_current (self);
  on_save_state_changed_cb (self);
  efir_window_update_title (self);
  efir_window_update_publication (self);
}

/* Shows @session, of the archive the window works on now. */
static void
efir_window_set_session (EfirWindow  *self,
                         EfirSession *session)
{
  EfirStore *store = efir_session_get_store (session);

  g_set_object (&self->session, session);
  g_signal_connect_object (store, "damaged", G_CALLBACK (on_store_damaged_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "flush-edits", G_CALLBACK (on_flush_edits_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "list-changed", G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "failed", G_CALLBACK (on_session_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::programs", G_CALLBACK (on_programs_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::program", G_CALLBACK (on_programs_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::people", G_CALLBACK (on_people_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::current", G_CALLBACK (on_current_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "publication-changed", G_CALLBACK (efir_window_update_publication), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "job-finished", G_CALLBACK (on_job_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (efir_session_get_autosaver (session), "notify::state",
                           G_CALLBACK (on_save_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (efir_session_get_episodes (session), "read-failed",
                           G_CALLBACK (on_episode_list_read_failed_cb), self, G_CONNECT_SWAPPED);

  /* A scheduled post that goes live while Efir runs is told to the
   * desktop. */
  efir_outbox_worker_set_application (efir_session_get_worker (session),
                                      G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_revealer_set_reveal_child (self->read_only_revealer, efir_store_is_read_only (store));
  if (self->editor != NULL)
    {
      efir_episode_editor_set_store (self->editor, store);
      efir_episode_editor_set_tag_suggestions (self->editor, efir_session_get_tags (session));
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (efir_session_get_episodes (session)));
}

/* The archive can no longer be used: nothing more is written to it. */
static void
efir_window_drop_session (EfirWindow *self)
{
  if (self->session == NULL)
    return;

  efir_window_drop_schedule (self);
  g_cancellable_cancel (self->conflict_fetch);
  g_clear_object (&self->conflict_fetch);
  self->conflict_job = 0;
  g_clear_object (&self->search_worker);
  if (self->editor != NULL)
    efir_episode_editor_set_episode (self->editor, NULL);
  efir_session_close_episode (self->session);
  g_signal_handlers_disconnect_by_data (self->session, self);
  g_signal_handlers_disconnect_by_data (efir_session_get_store (self->session), self);
  g_signal_handlers_disconnect_by_data (efir_session_get_autosaver (self->session), self);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->session);
}

/* Reads what the archive holds for the window: the directory of people and
 * the programmes, @program_id chosen. */
static void
efir_window_load (EfirWindow *self,
                  gint64      program_id)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_load_people (self->session, &error)
      || !efir_session_load_programs (self->session, program_id, &error))
    efir_window_toast (self, error->message);
  on_programs_changed_cb (self);
}

typedef struct
{
  EfirWindow *window;
  char       *name;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->window);
  g_free (import->name);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
imported_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autofree char *message = NULL;
  EfirWindow *self = import->window;

  episode = efir_session_import_finish (EFIR_SESSION (source_object), result, &error);
  if (episode == NULL)
    {
      /* Translators: %s is a file name, then the reason. */
      message = g_strdup_printf (_("“%s” was not imported: %s"), import->name, error->message);
      efir_window_toast (self, message);
      return;
    }

  efir_window_show_content (self);
  /* Translators: %s is an episode title. */
  message = g_strdup_printf (_("Imported “%s”"), efir_episode_get_title (episode));
  efir_window_toast (self, message);
}

void
efir_window_import_bytes (EfirWindow  *self,
                          GBytes      *bytes,
                          const char  *name)
{
  Import *import = g_new0 (Import, 1);

  import->window = g_object_ref (self);
  import->name = g_strdup (name);
  efir_session_import_async (self->session, bytes, imported_cb, import);
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

  if (self->search_worker == NULL)
    {
      self->search_worker = efir_search_worker_new (efir_session_get_store (self->session), 50);
      efir_search_worker_set_writer (self->search_worker,
                                     efir_autosaver_get_writer (efir_session_get_autosaver (self->session)));
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
  g_autoptr(EfirEpisode) episode = g_list_model_get_item (G_LIST_MODEL (efir_window_get_episodes (self)), position);

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
  g_autoptr(GError) error = NULL;
  EfirProgram *program = gtk_drop_down_get_selected_item (dropdown);

  if (self->session != NULL && program != NULL
      && !efir_session_set_program (self->session, efir_program_get_id (program), &error))
    efir_window_toast (self, error->message);
}

/* The list's filter and order, as the sidebar's controls say. */
static void
efir_window_apply_filter (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session != NULL
      && !efir_session_set_filter (self->session,
                                   efir_window_state_status_filter (gtk_drop_down_get_selected (self->status_dropdown)),
                                   gtk_toggle_button_get_active (self->sort_button), &error))
    efir_window_toast (self, error->message);
}

static void
on_status_selected_cb (EfirWindow  *self,
                       GParamSpec  *pspec,
                       GtkDropDown *dropdown)
{
  efir_window_apply_filter (self);
}

static void
on_sort_toggled_cb (EfirWindow *self)
{
  gboolean oldest_first = gtk_toggle_button_get_active (self->sort_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->sort_button),
                            oldest_first ? "view-sort-ascending-symbolic" : "view-sort-descending-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_button),
                               oldest_first ? _("Newest first") : _("Oldest first"));
  efir_window_apply_filter (self);
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

static void
on_save_state_changed_cb (EfirWindow *self)
{
  EfirAutosaver *autosaver;
  EfirAutosaveState state;
  const GError *error;
  gboolean text_pending = self->editor != NULL && efir_episode_editor_has_pending_text (self->editor);

  if (self->session == NULL)
    return;

  autosaver = efir_session_get_autosaver (self->session);
  state = efir_autosaver_get_state (autosaver);
  error = efir_autosaver_get_error (autosaver);
  gtk_label_set_label (self->save_label,
                       efir_window_state_save_label (efir_window_state_shown_save_state (state, text_pending)));
  if (state == EFIR_AUTOSAVE_STATE_FAILED && error != NULL)
    {
      g_autofree char *text = efir_window_state_save_error (error->message);
      gtk_label_set_label (self->save_error_label, text);
    }
  gtk_revealer_set_reveal_child (self->save_error_revealer, state == EFIR_AUTOSAVE_STATE_FAILED);
  gtk_revealer_set_reveal_child (self->conflict_revealer, state == EFIR_AUTOSAVE_STATE_CONFLICT);
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
  g_autoptr(EfirSession) session = NULL;
  g_autofree char *kept = NULL;

  efir_window_drop_session (self);
  kept = efir_store_recover_from_backup (self->db_path, self->backup_path, &error);
  if (kept != NULL)
    store = efir_store_open (self->db_path, &error);

  if (store == NULL)
    {
      efir_window_show_open_error (self, error);
      return;
    }

  session = efir_session_new (store);
  efir_window_set_session (self, session);
  gtk_stack_set_visible_child_name (self->main_stack, "archive");
  efir_window_load (self, 0);
}

static gboolean
on_files_dropped_cb (GtkDropTarget *target,
                     const GValue  *value,
                     double         x,
                     double         y,
                     EfirWindow    *self)
{
  GSList *files;

  if (self->session == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    efir_window_import (self, l->data);
  return files != NULL;
}

static void
on_store_damaged_cb (EfirWindow   *self,
                     const GError *error,
                     EfirStore    *store)
{
  /* Found by the check of every page after the window opened: nothing was
   * written, and the window offers the latest good backup as at start. */
  efir_window_drop_session (self);
  efir_window_show_open_error (self, error);
}

static gboolean
on_close_request_cb (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->force_close && self->session != NULL && !efir_session_flush (self->session, &error))
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

/* Start-up leaves freed memory in the heap (the window's templates as
 * parsed, the reopened episode's text as read, the first frame's
 * layouts) that glibc keeps for later; it is given back to the system
 * once the window is up. */
static gboolean
release_start_up_memory_cb (gpointer user_data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
efir_window_start_check (EfirWindow *self)
{
  if (self->session != NULL)
    efir_store_start_check (efir_session_get_store (self->session));
  g_idle_add_full (G_PRIORITY_LOW, release_start_up_memory_cb, NULL, NULL);
}

static void
on_episode_drawn_cb (EfirWindow    *self,
                     GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_episode_drawn_cb, self);
  efir_window_start_check (self);
}

static gboolean
open_pending_episode_cb (gpointer user_data)
{
  EfirWindow *self = user_data;
  gint64 episode_id = self->pending_episode;

  self->pending_episode = 0;
  if (episode_id != 0 && self->session != NULL)
    efir_window_open_episode_id (self, episode_id);
  gtk_spinner_stop (self->opening_spinner);
  if (efir_window_get_current (self) == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      efir_window_update_title (self);
    }
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_episode_drawn_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* What waits for the window to be on screen: the check of every page of
 * its archive (a thread reading the whole file would compete with the
 * first frame for the processor) and the episode open when Efir was
 * closed. The check waits for that episode to be drawn as well: on two
 * cores it held the episode back by a third of a second. */
static void
on_first_frame_cb (EfirWindow    *self,
                   GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  /* Jobs that came due while Efir was closed. */
  if (self->session != NULL)
    efir_session_run_outbox (self->session);
  if (self->pending_episode != 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, open_pending_episode_cb, g_object_ref (self), g_object_unref);
  else
    efir_window_start_check (self);
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
  g_autoptr(EfirSession) session = NULL;
  gint64 last_program = 0;
  gint64 last_episode = 0;

  self->db_path = g_strdup (db_path);
  if (store == NULL)
    {
      efir_window_show_open_error (self, open_error);
      return self;
    }

  session = efir_session_new (store);
  efir_window_set_session (self, session);

  if (self->settings != NULL)
    {
      last_program = g_settings_get_int64 (self->settings, "last-program");
      last_episode = g_settings_get_int64 (self->settings, "last-episode");
    }

  efir_window_load (self, last_program);
  /* The episode open when Efir was closed comes back right after the
   * window's first frame: building the editor and reading a long
   * transcript first held the whole window back by a quarter of a second.
   * Until then its pane says so under the episode's title. */
  if (last_episode > 0 && efir_episode_list_find (efir_session_get_episodes (session), last_episode, NULL))
    {
      g_autoptr(EfirEpisode) light = efir_episode_list_lookup (efir_session_get_episodes (session), last_episode);

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

  return efir_window_get_current (self);
}

EfirSession *
efir_window_get_session (EfirWindow *self)
{
  g_return_val_if_fail (EFIR_IS_WINDOW (self), NULL);

  return self->session;
}

void
efir_window_open_episode (EfirWindow *self,
                          gint64      episode_id)
{
  g_return_if_fail (EFIR_IS_WINDOW (self));

  efir_window_open_episode_id (self, episode_id);
}

void
efir_window_import (EfirWindow *self,
                    GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (EFIR_IS_WINDOW (self));

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)))
    {
      efir_window_toast (self, error->message);
      return;
    }
  name = g_file_get_basename (file);
  efir_window_import_bytes (self, bytes, name);
}

/* GObject overrides */

static void
efir_window_dispose (GObject *object)
{
  EfirWindow *self = EFIR_WINDOW (object);

  if (self->session != NULL)
    {
      efir_session_flush (self->session, NULL);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }

  if (self->shortcuts_window != NULL)
    gtk_window_destroy (g_steal_pointer (&self->shortcuts_window));
  /* The editor reads its last words back as it goes, with the header gone. */
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_func (self->editor, on_save_state_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_WINDOW);
  self->editor = NULL;

  g_cancellable_cancel (self->conflict_fetch);
  g_clear_object (&self->conflict_fetch);
  g_clear_object (&self->search_worker);
  g_clear_object (&self->selection);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (efir_window_parent_class)->dispose (object);
}

static void
efir_window_finalize (GObject *object)
{
  EfirWindow *self = EFIR_WINDOW (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->conflict_change, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, EfirWindow, sending_spinner);
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

  efir_window_class_add_actions (widget_class);

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
