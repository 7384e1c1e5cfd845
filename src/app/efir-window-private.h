/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-search-worker.h"
#include "efir-session.h"
#include "efir-window.h"

G_BEGIN_DECLS

/* Shared by the window (efir-window.c) and its actions
 * (efir-window-actions.c). */
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
  GtkSpinner         *sending_spinner;
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
  EfirSession        *session;       /* NULL while the archive cannot be used */
  EfirSearchWorker   *search_worker; /* of the session's store, made by the first search */
  EfirEpisodeEditor  *editor;        /* built when first needed */
  GSettings          *settings;
  char               *db_path;
  char               *backup_path;
  GtkSingleSelection *selection;
  gboolean            force_close;
  gint64              pending_episode; /* to open after the first frame, 0: none */
  GtkWindow          *shortcuts_window;
  GtkWidget          *schedule_page;  /* built when first shown */
  /* Who changed the post of the open episode's conflict, and when, as
   * read from its site for job conflict_job. */
  gint64              conflict_job;
  char               *conflict_change;
  GCancellable       *conflict_fetch;
};

/* efir-window.c */
void     efir_window_toast                (EfirWindow   *self,
                                           const char   *message);
/* Writes what is typed; says why in a toast when it cannot. */
gboolean efir_window_flush                (EfirWindow   *self);
void     efir_window_open_episode_id      (EfirWindow   *self,
                                           gint64        episode_id);
void     efir_window_show_episode_page    (EfirWindow   *self);
void     efir_window_import_bytes         (EfirWindow   *self,
                                           GBytes       *bytes,
                                           const char   *name);
void     efir_window_update_actions       (EfirWindow   *self);
/* The open episode's publication panel and the header's progress, as
 * the outbox has them now. */
void     efir_window_update_publication   (EfirWindow   *self);

/* efir-window-actions.c */
void     efir_window_class_add_actions    (GtkWidgetClass *widget_class);
void     efir_window_update_publish_actions (EfirWindow *self,
                                             gboolean    can_publish);
/* Forgets the Schedule page of an archive no longer used. */
void     efir_window_drop_schedule          (EfirWindow *self);

G_END_DECLS
