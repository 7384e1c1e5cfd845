/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-autosaver.h"
#include "efir-episode-list.h"
#include "efir-model.h"
#include "efir-outbox-worker.h"
#include "efir-publication-state.h"
#include "efir-publisher.h"
#include "efir-store.h"

G_BEGIN_DECLS

/*
 * EfirSession is what the window works on, without a widget: the archive,
 * the programme chosen and its list of episodes with their filter and
 * order, the episode open in the editor and its autosaver, the directory of
 * people and the tags the editor suggests. It follows the archive when
 * another process writes to it, keeps the open episode's row in the list in
 * step with what is typed, and says what changed through properties and
 * signals; the window only shows it. Tested without a display.
 */

#define EFIR_TYPE_SESSION (efir_session_get_type ())
G_DECLARE_FINAL_TYPE (EfirSession, efir_session, EFIR, SESSION, GObject)

EfirSession     *efir_session_new                (EfirStore     *store);

EfirStore       *efir_session_get_store          (EfirSession   *self);
EfirAutosaver   *efir_session_get_autosaver      (EfirSession   *self);
/* The programmes, in the switcher's order; replaced as a whole when they
 * change ("notify::programs"). */
GListModel      *efir_session_get_programs       (EfirSession   *self);
/* The chosen programme, or NULL when there is none. */
EfirProgram     *efir_session_get_program        (EfirSession   *self);
/* The programme @program_id of the programmes, or NULL; a new reference. */
EfirProgram     *efir_session_find_program       (EfirSession   *self,
                                                  gint64         program_id);
/* The chosen programme's episodes, filtered and ordered. */
EfirEpisodeList *efir_session_get_episodes       (EfirSession   *self);
GListModel      *efir_session_get_people         (EfirSession   *self);
/* The tags of the open episode's programme, for completion. */
GListModel      *efir_session_get_tags           (EfirSession   *self);
/* The whole episode open in the editor, or NULL. */
EfirEpisode     *efir_session_get_current        (EfirSession   *self);

/* Reads the programmes again and chooses @program_id (0: the one chosen
 * before, or the first). */
gboolean         efir_session_load_programs      (EfirSession   *self,
                                                  gint64         program_id,
                                                  GError       **error);
gboolean         efir_session_load_people        (EfirSession   *self,
                                                  GError       **error);
/* Chooses the programme whose episodes the list shows. */
gboolean         efir_session_set_program        (EfirSession   *self,
                                                  gint64         program_id,
                                                  GError       **error);
/* The list's filter (EFIR_EPISODE_LIST_ANY_STATUS or an EfirEpisodeStatus)
 * and order. */
gboolean         efir_session_set_filter         (EfirSession   *self,
                                                  int            status,
                                                  gboolean       oldest_first,
                                                  GError       **error);

/* Writes what is typed and what the autosaver holds; first asks whoever
 * holds text the episode does not have yet to give it ("flush-edits").
 * FALSE keeps the episode open: an edit not on disk is never dropped. */
gboolean         efir_session_flush              (EfirSession   *self,
                                                  GError       **error);
/* Opens the stored episode @episode_id, what is typed in the open one
 * written first. */
gboolean         efir_session_open_episode       (EfirSession   *self,
                                                  gint64         episode_id,
                                                  GError       **error);
/* Makes @episode, as it is, the open one (a restored revision, say). */
gboolean         efir_session_show_episode       (EfirSession   *self,
                                                  EfirEpisode   *episode,
                                                  GError       **error);
/* Closes the open episode without writing anything. */
void             efir_session_close_episode      (EfirSession   *self);
/* Adds a new episode to the chosen programme, with the next number, and
 * opens it. */
EfirEpisode     *efir_session_new_episode        (EfirSession   *self,
                                                  GError       **error);
/* A copy of the open episode as a new draft, opened. */
EfirEpisode     *efir_session_duplicate_current  (EfirSession   *self,
                                                  const char    *title,
                                                  GError       **error);
/* Imports an episode file, chooses its programme and opens it. The writes
 * run in the autosaver's writer, after what is typed. */
void             efir_session_import_async       (EfirSession          *self,
                                                  GBytes               *json,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
EfirEpisode     *efir_session_import_finish      (EfirSession          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Moves the open episode to Efir's trash, what is typed written first;
 * returns its id (0 on failure). */
gint64           efir_session_trash_current      (EfirSession   *self,
                                                  GError       **error);
gboolean         efir_session_restore_episode    (EfirSession   *self,
                                                  gint64         episode_id,
                                                  GError       **error);
/* The open episode as stored now, after a merge of people rewrote its
 * guests. */
gboolean         efir_session_reload_current     (EfirSession   *self,
                                                  GError       **error);
/* Reads the rows of the list again and their order, after a change that
 * may move them. */
gboolean         efir_session_refresh_episodes   (EfirSession   *self,
                                                  GError       **error);
/* Settles the autosaver's conflict with the version written elsewhere. */
gboolean         efir_session_resolve_conflict   (EfirSession   *self,
                                                  gboolean       keep_mine,
                                                  GError       **error);
/* Another process wrote to the archive: the programmes, the people, the
 * rows and the open episode show what is stored now. */
void             efir_session_follow_store       (EfirSession   *self);

/* Publishing: the publish layer is the only way to a site; its jobs run in
 * a worker thread, and "publication-changed" says when what the open
 * episode's panel shows may have changed, "job-finished" when a job of
 * the outbox ended here (done, failed or in conflict). */
EfirPublisher       *efir_session_get_publisher        (EfirSession        *self);
EfirOutboxWorker    *efir_session_get_worker           (EfirSession        *self);
/* What the open episode's publication panel shows; NULL without one. */
EfirPublicationView *efir_session_dup_publication_view (EfirSession        *self);
/* Writes what is typed, queues @action for the open episode (@at for a
 * schedule) and starts sending. Returns the job's id, 0 on failure. */
gint64               efir_session_publish              (EfirSession        *self,
                                                        EfirPublishAction   action,
                                                        GDateTime          *at,
                                                        GError            **error);
/* Queues the open episode's failed job again. */
gint64               efir_session_retry_publication    (EfirSession        *self,
                                                        GError            **error);
/* Starts the outbox worker: the jobs due run (at start, after the first
 * frame), and each job as it comes due. */
void                 efir_session_run_outbox           (EfirSession        *self);
gboolean             efir_session_is_sending           (EfirSession        *self);

G_END_DECLS
