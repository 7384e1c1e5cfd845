/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-conflict-dialog.h"
#include "efir-episode-json.h"
#include "efir-episode-row.h"
#include "efir-guest-directory.h"
#include "efir-history-dialog.h"
#include "efir-preferences-window.h"
#include "efir-preview.h"
#include "efir-program-settings.h"
#include "efir-schedule-dialog.h"
#include "efir-schedule-page.h"
#include "efir-share-dialog.h"
#include "efir-trash-dialog.h"
#include "efir-window-private.h"
#include "efir-window-state.h"

/* The window's actions: what its menus, buttons and shortcuts do. Each
 * asks the session to do it and shows the outcome; the window follows the
 * session for the rest. */

/* Callbacks */

static void
on_import_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       EfirWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      efir_window_import (self, file);
    }
  g_object_unref (dialog);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       EfirWindow      *self)
{
  EfirEpisode *current = self->session != NULL ? efir_session_get_current (self->session) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && current != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *json = efir_episode_to_json (current, TRUE);
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
  g_autoptr(GError) error = NULL;

  /* The store wrote the revision; show exactly what it now holds, in the
   * list too. */
  if (!efir_session_show_episode (self->session, restored, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_window_toast (self, _("Earlier version restored. The text it replaced is kept in History."));
}

static void
on_program_saved_cb (EfirWindow  *self,
                     EfirProgram *program)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_load_programs (self->session, efir_program_get_id (program), &error))
    efir_window_toast (self, error->message);
}

static void
on_program_deleted_cb (EfirWindow *self,
                       gint64      program_id)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_load_programs (self->session, 0, &error))
    efir_window_toast (self, error->message);
}

static void
on_people_merged_cb (EfirWindow *self,
                     gint64      keep_id,
                     gint64      remove_id)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_reload_current (self->session, &error))
    efir_window_toast (self, error->message);
}

static void
on_people_closed_cb (EfirWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Names and roles may have changed there: the editor's suggestions
   * follow. */
  if (self->session != NULL && !efir_session_load_people (self->session, &error))
    efir_window_toast (self, error->message);
}

static void
on_episode_restored_cb (EfirWindow *self,
                        gint64      episode_id)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_refresh_episodes (self->session, &error))
    efir_window_toast (self, error->message);
}

/* Actions */

static void
new_episode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* An episode needs its programme: the first Ctrl+N creates that. */
  if (efir_session_get_program (self->session) == NULL)
    {
      gtk_widget_activate_action (widget, "win.new-program", NULL);
      return;
    }

  if (!efir_session_new_episode (self->session, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_episode_editor_show_section (self->editor, EFIR_EDITOR_SECTION_DETAILS);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (current == NULL)
    return;

  /* Translators: the title of a duplicated episode; %s is the original title. */
  title = g_strdup_printf (_("%s (copy)"), efir_episode_get_title (current));
  if (!efir_session_duplicate_current (self->session, title, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_episode_editor_show_section (self->editor, EFIR_EDITOR_SECTION_DETAILS);
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

  if (self->session != NULL)
    efir_autosaver_retry (efir_session_get_autosaver (self->session));
}

static void
resolve_conflict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean keep_mine = g_strcmp0 (g_variant_get_string (parameter, NULL), "mine") == 0;

  if (self->session != NULL && !efir_session_resolve_conflict (self->session, keep_mine, &error))
    efir_window_toast (self, error->message);
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
  EfirEpisode *current = efir_session_get_current (self->session);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (current == NULL)
    return;

  efir_episode_editor_flush (self->editor);
  name = efir_window_state_export_name (current);
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
  EfirEpisode *current = efir_session_get_current (self->session);
  GtkWidget *dialog;

  /* The history compares with what is on disk, so write what is typed. */
  if (current == NULL || !efir_window_flush (self))
    return;

  dialog = efir_history_dialog_new (GTK_WINDOW (self), efir_session_get_store (self->session), current);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_history_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The editor, if an episode is open in it; its page is brought forward. */
static EfirEpisodeEditor *
show_open_editor (EfirWindow *self)
{
  if (self->session == NULL || efir_session_get_current (self->session) == NULL || self->editor == NULL)
    return NULL;

  efir_window_show_episode_page (self);
  return self->editor;
}

/* Alt+1 to Alt+7 go to a section of the open episode from anywhere in the
 * window, the list or the search included: the editor's own bindings
 * answer only while the focus is in it. */
static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfirEpisodeEditor *editor = show_open_editor (EFIR_WINDOW (widget));

  if (editor != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (editor), "editor.show-section", parameter);
}

/* Ctrl+L and Ctrl+H, as in the transcript, from anywhere in the window:
 * the transcript is the only part of the page with times to go to and
 * text to replace. */
static void
transcript_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  static const char * const actions[] = { "transcript.go-to-time", "transcript.find-replace" };
  const char *name = g_variant_get_string (parameter, NULL);
  EfirEpisodeEditor *editor;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (!g_str_equal (actions[i], name))
        continue;
      /* The editor is given the string kept here, which lives for ever. */
      if ((editor = show_open_editor (EFIR_WINDOW (widget))) != NULL)
        efir_episode_editor_activate_transcript_action (editor, actions[i]);
      return;
    }
  g_return_if_reached ();
}

static void
share_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  g_autoptr(EfirProgram) program = NULL;
  g_autofree char *link = NULL;
  GtkWidget *dialog;

  if (current == NULL)
    return;

  /* Posts link to the episode's page once it is live, to its video before. */
  link = efir_store_dup_published_link (efir_session_get_store (self->session), efir_episode_get_id (current));
  program = efir_session_find_program (self->session, efir_episode_get_program_id (current));
  dialog = efir_share_dialog_new (GTK_WINDOW (self), program, current, link);
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

  dialog = efir_program_settings_new (GTK_WINDOW (self), efir_session_get_store (self->session),
                                      is_new ? NULL : efir_session_get_program (self->session));
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
  EfirEpisode *current = efir_session_get_current (self->session);
  gint64 episode_id;
  AdwToast *toast;

  if (current == NULL)
    return;

  heading = efir_episode_row_heading (current);
  if ((episode_id = efir_session_trash_current (self->session, &error)) == 0)
    {
      efir_window_toast (self, error->message);
      return;
    }

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
  EfirEpisode *current = efir_session_get_current (self->session);
  GtkWidget *dialog;

  if (current == NULL)
    return;

  /* The trash and Undo make a plain deletion safe to do at once; a post on
   * the site is another matter, and the producer is told it stays. */
  if (!efir_store_episode_has_post (efir_session_get_store (self->session), efir_episode_get_id (current)))
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
restore_episode_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 episode_id = g_variant_get_int64 (parameter);

  if (!efir_session_restore_episode (self->session, episode_id, &error))
    {
      efir_window_toast (self, error->message);
      return;
    }
  efir_window_open_episode_id (self, episode_id);
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  GtkWidget *dialog = efir_trash_dialog_new (GTK_WINDOW (self), efir_session_get_store (self->session));

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
  efir_session_flush (self->session, NULL);
  dialog = efir_guest_directory_new (GTK_WINDOW (self), efir_session_get_store (self->session));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_people_closed_cb), self, G_CONNECT_SWAPPED);
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

/* Publishing */

static const char * const publish_actions[] = {
  "win.publish", "win.schedule", "win.publish-draft", "win.withdraw", "win.trash-post",
  "win.retry-publication", "win.resolve-publication", "win.preview", "win.compare-published",
  "win.open-post",
};

static void
efir_window_publish (EfirWindow        *self,
                     EfirPublishAction  action,
                     GDateTime         *at)
{
  g_autoptr(GError) error = NULL;

  if (!efir_session_publish (self->session, action, at, &error))
    efir_window_toast (self, error->message);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);

  if (g_str_equal (action_name, "win.publish-draft"))
    efir_window_publish (self, EFIR_PUBLISH_DRAFT, NULL);
  else
    efir_window_publish (self, EFIR_PUBLISH_NOW, NULL);
}

static void
on_scheduled_cb (EfirWindow *self,
                 GDateTime  *at)
{
  efir_window_publish (self, EFIR_PUBLISH_SCHEDULE, at);
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(EfirPublicationView) view = NULL;
  GtkWidget *dialog;

  if (current == NULL)
    return;

  program = efir_session_find_program (self->session, efir_episode_get_program_id (current));
  if (program == NULL || !(zone = g_time_zone_new_identifier (efir_program_get_time_zone (program))))
    zone = g_time_zone_new_utc ();
  /* Moving a schedule starts from the time set, not from the air date. */
  view = efir_session_dup_publication_view (self->session);
  dialog = efir_schedule_dialog_new (GTK_WINDOW (self), efir_episode_get_title (current), zone,
                                     view != NULL && view->scheduled != NULL
                                       ? view->scheduled : efir_episode_get_air_date (current));
  g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_scheduled_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_post_change_answered_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            EfirWindow       *self)
{
  if (g_str_equal (response, "withdraw"))
    efir_window_publish (self, EFIR_PUBLISH_WITHDRAW, NULL);
  else if (g_str_equal (response, "trash"))
    efir_window_publish (self, EFIR_PUBLISH_TRASH, NULL);
}

/* Taking a page off the site is asked first, naming the post. */
static void
withdraw_or_trash_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  gboolean trash = g_str_equal (action_name, "win.trash-post");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (current == NULL)
    return;

  body = trash
    /* Translators: %s is an episode title. */
    ? g_strdup_printf (_("The post “%s” goes to the site’s trash and its page leaves the site. "
                         "The episode stays in Efir."), efir_episode_get_title (current))
    /* Translators: %s is an episode title. */
    : g_strdup_printf (_("The post “%s” becomes a draft on the site: readers no longer see its page. "
                         "It can be published again."), efir_episode_get_title (current));
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   trash ? _("Move the Post to the Site’s Trash?") : _("Withdraw the Post?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    trash ? "trash" : "withdraw", trash ? _("Move to _Trash") : _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), trash ? "trash" : "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_post_change_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retry_publication_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!efir_session_retry_publication (self->session, &error) && error != NULL)
    efir_window_toast (self, error->message);
}

/* The page as it will be published, in a window of its own. */
static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  g_autoptr(GError) error = NULL;

  if (current == NULL)
    return;

  efir_episode_editor_flush (self->editor);
  if (!efir_preview_show_episode (GTK_WINDOW (self), efir_session_get_publisher (self->session), current, &error))
    efir_window_toast (self, error->message);
}

static void
on_conflict_resolved_cb (EfirWindow *self,
                         int         resolution)
{
  /* Keeping the site's version ended the job; the others queued it. */
  efir_outbox_worker_kick (efir_session_get_worker (self->session));
  efir_window_update_publication (self);
}

/* The site's version and Efir's side by side; nothing is sent until the
 * producer chooses. */
static void
resolve_publication_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  g_autoptr(EfirPublicationView) view = efir_session_dup_publication_view (self->session);
  GtkWidget *dialog;

  if (current == NULL || view == NULL || view->state != EFIR_PUBLICATION_CONFLICT || !efir_window_flush (self))
    return;

  dialog = efir_conflict_dialog_new (GTK_WINDOW (self), efir_session_get_publisher (self->session), current,
                                     view->job_id);
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (on_conflict_resolved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compare_published_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  EfirEpisode *current = efir_session_get_current (self->session);
  GtkWidget *dialog;

  if (current == NULL || !efir_window_flush (self))
    return;

  /* The History dialog's diff, from the version last sent to now. */
  dialog = efir_history_dialog_new (GTK_WINDOW (self), efir_session_get_store (self->session), current);
  efir_history_dialog_select_latest (EFIR_HISTORY_DIALOG (dialog), "publish");
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_history_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);
  g_autofree char *link = NULL;
  EfirEpisode *current;

  if (parameter != NULL)
    link = g_variant_dup_string (parameter, NULL);
  else if ((current = efir_session_get_current (self->session)) != NULL)
    link = efir_store_dup_published_link (efir_session_get_store (self->session), efir_episode_get_id (current));
  if (link != NULL)
    gtk_show_uri (GTK_WINDOW (self), link, GDK_CURRENT_TIME);
}

static void
on_schedule_open_episode_cb (EfirWindow *self,
                             gint64      episode_id)
{
  efir_window_open_episode_id (self, episode_id);
}

static void
on_schedule_changed_elsewhere_cb (EfirWindow *self)
{
  if (self->schedule_page != NULL)
    efir_schedule_page_reload (EFIR_SCHEDULE_PAGE (self->schedule_page));
}

/* The Schedule of every programme and site, in the episode's pane; built
 * the first time it is shown. */
static void
show_schedule_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirWindow *self = EFIR_WINDOW (widget);

  if (self->schedule_page == NULL)
    {
      self->schedule_page = efir_schedule_page_new (efir_session_get_store (self->session),
                                                    efir_session_get_worker (self->session));
      g_signal_connect_object (self->schedule_page, "open-episode", G_CALLBACK (on_schedule_open_episode_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (efir_session_get_store (self->session), "changed-elsewhere",
                               G_CALLBACK (on_schedule_changed_elsewhere_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, self->schedule_page, "schedule");
    }
  else
    efir_schedule_page_reload (EFIR_SCHEDULE_PAGE (self->schedule_page));

  gtk_stack_set_visible_child_name (self->content_stack, "schedule");
  adw_window_title_set_title (self->content_title, _("Schedule"));
  adw_window_title_set_subtitle (self->content_title, "");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
efir_window_drop_schedule (EfirWindow *self)
{
  if (self->schedule_page == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "schedule") == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  gtk_stack_remove (self->content_stack, g_steal_pointer (&self->schedule_page));
}

static void
on_sites_changed_cb (EfirWindow *self)
{
  efir_window_update_publication (self);
}

void
efir_window_show_preferences (EfirWindow *self)
{
  GtkWidget *preferences;

  g_return_if_fail (EFIR_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  preferences = efir_preferences_window_new (GTK_WINDOW (self), efir_session_get_store (self->session),
                                             efir_session_get_publisher (self->session));
  g_signal_connect_object (preferences, "sites-changed", G_CALLBACK (on_sites_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

void
efir_window_update_publish_actions (EfirWindow *self,
                                    gboolean    can_publish)
{
  for (guint i = 0; i < G_N_ELEMENTS (publish_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), publish_actions[i], can_publish);
}

/* Internal API */

void
efir_window_class_add_actions (GtkWidgetClass *widget_class)
{
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
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.transcript", "s", transcript_action);
  gtk_widget_class_install_action (widget_class, "win.delete-episode", NULL, delete_episode_action);
  gtk_widget_class_install_action (widget_class, "win.restore-episode", "x", restore_episode_action);
  gtk_widget_class_install_action (widget_class, "win.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.publish-draft", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "win.withdraw", NULL, withdraw_or_trash_action);
  gtk_widget_class_install_action (widget_class, "win.trash-post", NULL, withdraw_or_trash_action);
  gtk_widget_class_install_action (widget_class, "win.retry-publication", NULL, retry_publication_action);
  gtk_widget_class_install_action (widget_class, "win.compare-published", NULL, compare_published_action);
  gtk_widget_class_install_action (widget_class, "win.open-post", NULL, open_link_action);
  gtk_widget_class_install_action (widget_class, "win.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "win.show-schedule", NULL, show_schedule_action);
  gtk_widget_class_install_action (widget_class, "win.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-publication", NULL, resolve_publication_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-episode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.transcript", "s",
                                       "transcript.go-to-time");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.transcript", "s",
                                       "transcript.find-replace");
  efir_episode_editor_add_section_bindings (widget_class, "win.show-section");
}
