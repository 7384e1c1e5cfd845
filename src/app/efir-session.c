/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-session"

#include "config.h"

#include <gtk/gtk.h>

#include "efir-session.h"
#include "efir-window-state.h"

/* Types and properties */

struct _EfirSession
{
  GObject          parent_instance;

  EfirStore       *store;
  EfirAutosaver   *autosaver;
  GListModel      *programs;
  gint64           program_id;     /* the chosen programme, 0: none */
  EfirEpisodeList *episodes;       /* the programme's, read as shown */
  int              status_filter;
  gboolean         oldest_first;
  GListModel      *people;
  GtkStringList   *tags;
  gint64           tags_program;   /* whose tags those are, 0: none yet */
  gboolean         tags_stale;     /* an episode of it has other tags since */
  guint            tags_source;    /* the read of the tags, due */
  EfirEpisode     *current;        /* the whole episode in the editor */
  EfirEpisode     *current_light;  /* its row in the list, kept in step */
  gboolean         list_moved;     /* current's place in the list changed */

  EfirOutboxWorker *worker;        /* runs the outbox, with the publisher */
};

G_DEFINE_FINAL_TYPE (EfirSession, efir_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_PROGRAMS,
  PROP_PROGRAM,
  PROP_PEOPLE,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FLUSH_EDITS,
  LIST_CHANGED,
  FAILED,
  PUBLICATION_CHANGED,
  JOB_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
efir_session_fail (EfirSession  *self,
                   const GError *error)
{
  g_signal_emit (self, signals[FAILED], 0, error->message);
}

/* The open episode's row, held so that what is typed shows in the list
 * even while the row is scrolled away and read again. */
static void
efir_session_hold_current_light (EfirSession *self)
{
  g_clear_object (&self->current_light);
  if (self->current != NULL)
    self->current_light = efir_episode_list_lookup (self->episodes, efir_episode_get_id (self->current));
}

static void
efir_session_list_changed (EfirSession *self)
{
  self->list_moved = FALSE;
  efir_session_hold_current_light (self);
  g_signal_emit (self, signals[LIST_CHANGED], 0);
}

/* Shows the chosen programme's episodes with the chosen filter and order:
 * a query for their ids, nothing more; the rows are read as they are
 * shown. */
static gboolean
efir_session_query_episodes (EfirSession  *self,
                             GError      **error)
{
  gboolean ok = efir_episode_list_set_query (self->episodes, self->program_id, self->status_filter,
                                             self->oldest_first, error);

  efir_session_list_changed (self);
  return ok;
}

/* The tags of the open episode's programme, for the tag entry's
 * completion: read when an episode is shown, not at start, as they are
 * only needed then. */
/* What the window's own connection keeps of the archive's pages (see
 * efir_store_set_cache_kb()). */
#define SESSION_CACHE_KB 512

/* The suggestions are read a moment after the episode shows: their
 * query reads every episode row of the programme, 12 ms at 4,500, which
 * held up the first frame that shows the episode, and no one types a tag
 * that soon. */
#define TAGS_DELAY_MS 250

static void efir_session_load_tags (EfirSession *self);

static gboolean
tags_due_cb (gpointer user_data)
{
  EfirSession *self = user_data;

  self->tags_source = 0;
  efir_session_load_tags (self);
  return G_SOURCE_REMOVE;
}

static void
efir_session_load_tags_later (EfirSession *self)
{
  if (self->tags_source == 0)
    {
      self->tags_source = g_timeout_add_full (G_PRIORITY_LOW, TAGS_DELAY_MS, tags_due_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->tags_source),
                                "[efir] tag suggestions");
    }
}

static void
efir_session_load_tags (EfirSession *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 program_id;

  if (self->current == NULL)
    return;
  program_id = efir_episode_get_program_id (self->current);
  if (program_id == self->tags_program && !self->tags_stale)
    return;

  if (!(tags = efir_store_list_tags (self->store, program_id, &error)))
    {
      efir_session_fail (self, error);
      return;
    }
  gtk_string_list_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)),
                          (const char * const *) tags);
  self->tags_program = program_id;
  self->tags_stale = FALSE;
}

/* Keeps the list row of the open episode in step with it: what is typed
 * shows in the list at once, before it is saved. */
static void
efir_session_sync_current_light (EfirSession     *self,
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
on_current_changed_cb (EfirSession     *self,
                       EfirEpisodePart  parts,
                       EfirEpisode     *episode)
{
  efir_session_sync_current_light (self, parts);
}

/* A save that moved the open episode in the list (a new air date, number
 * or status): the list shows its new place once it is stored. */
static void
on_save_state_changed_cb (EfirSession   *self,
                          GParamSpec    *pspec,
                          EfirAutosaver *autosaver)
{
  g_autoptr(GError) error = NULL;

  if (efir_autosaver_get_state (autosaver) == EFIR_AUTOSAVE_STATE_SAVED && self->list_moved
      && !efir_session_refresh_episodes (self, &error))
    efir_session_fail (self, error);
}

static void
on_store_changed_elsewhere_cb (EfirSession *self,
                               EfirStore   *store)
{
  efir_session_follow_store (self);
  /* efir-cli may have queued a job, or changed when one is due. */
  efir_outbox_worker_kick (self->worker);
}

static void
efir_session_set_current (EfirSession *self,
                          EfirEpisode *episode)
{
  if (self->current == episode)
    return;

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, on_current_changed_cb, self);
  g_set_object (&self->current, episode);
  if (episode != NULL)
    g_signal_connect_object (episode, "changed", G_CALLBACK (on_current_changed_cb), self, G_CONNECT_SWAPPED);
  efir_session_hold_current_light (self);
  efir_session_load_tags_later (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

/* Saves @episode as new, then opens it. */
static gboolean
efir_session_add_and_open (EfirSession  *self,
                           EfirEpisode  *episode,
                           GError      **error)
{
  if (!efir_session_flush (self, error)
      || !efir_store_save_episode (self->store, episode, EFIR_EPISODE_PART_ALL, error))
    return FALSE;

  self->tags_stale = TRUE;
  efir_session_query_episodes (self, NULL);
  return efir_session_show_episode (self, episode, error);
}

static int
efir_session_next_number (EfirSession *self,
                          gint64       program_id)
{
  g_autoptr(GError) error = NULL;
  int number = 1;

  if (!efir_store_next_episode_number (self->store, program_id, &number, &error))
    g_warning ("Could not read the next episode number: %s", error->message);
  return number;
}

/* Publishing */

/* The worker's job ended, and the window says so. Its writes, on a
 * connection of its own, reach the lists and the autosaver as any other
 * process's do ("changed-elsewhere"), and the panel reads the archive. */
static void
on_job_finished_cb (EfirSession      *self,
                    gint64            episode_id,
                    gint64            job_id,
                    const char       *action,
                    int               state,
                    const char       *link,
                    EfirOutboxWorker *worker)
{
  g_signal_emit (self, signals[PUBLICATION_CHANGED], 0);
  g_signal_emit (self, signals[JOB_FINISHED], 0, job_id);
}

static void
on_worker_changed_cb (EfirSession *self)
{
  g_signal_emit (self, signals[PUBLICATION_CHANGED], 0);
}

/* The newest job of the open episode for @site_id, or NULL. */
static EfirOutboxJob *
efir_session_dup_current_job (EfirSession *self,
                              gint64       site_id)
{
  g_autoptr(GPtrArray) jobs = NULL;

  if (self->current == NULL
      || !(jobs = efir_store_list_jobs (self->store, efir_episode_get_id (self->current), NULL)))
    return NULL;

  for (guint i = 0; i < jobs->len; i++)
    {
      EfirOutboxJob *job = jobs->pdata[i];

      if (job->site_id == site_id && job->state != EFIR_JOB_CANCELLED)
        return g_ptr_array_steal_index (jobs, i);
    }
  return NULL;
}

/* Public API */

EfirSession *
efir_session_new (EfirStore *store)
{
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  return g_object_new (EFIR_TYPE_SESSION, "store", store, NULL);
}

EfirStore *
efir_session_get_store (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->store;
}

EfirAutosaver *
efir_session_get_autosaver (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->autosaver;
}

GListModel *
efir_session_get_programs (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->programs;
}

EfirProgram *
efir_session_find_program (EfirSession *self,
                           gint64       program_id)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  for (guint i = 0, n = g_list_model_get_n_items (self->programs); i < n; i++)
    {
      g_autoptr(EfirProgram) candidate = g_list_model_get_item (self->programs, i);

      if (efir_program_get_id (candidate) == program_id)
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

EfirProgram *
efir_session_get_program (EfirSession *self)
{
  g_autoptr(EfirProgram) program = NULL;

  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  /* The list holds its own reference as long as the session holds it. */
  program = efir_session_find_program (self, self->program_id);
  return program;
}

EfirEpisodeList *
efir_session_get_episodes (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->episodes;
}

GListModel *
efir_session_get_people (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->people;
}

GListModel *
efir_session_get_tags (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->tags);
}

EfirEpisode *
efir_session_get_current (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->current;
}

gboolean
efir_session_load_programs (EfirSession  *self,
                            gint64        program_id,
                            GError      **error)
{
  GListModel *programs;
  gint64 chosen = 0;

  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  if (!(programs = efir_store_list_programs (self->store, error)))
    return FALSE;

  g_set_object (&self->programs, programs);
  g_object_unref (programs);
  if (program_id <= 0)
    program_id = self->program_id;
  /* The one asked for while it exists, else the first. */
  for (guint i = 0, n = g_list_model_get_n_items (programs); i < n; i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);

      if (i == 0 || efir_program_get_id (program) == program_id)
        chosen = efir_program_get_id (program);
      if (chosen == program_id)
        break;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAMS]);
  return efir_session_set_program (self, chosen, error);
}

gboolean
efir_session_load_people (EfirSession  *self,
                          GError      **error)
{
  GListModel *people;

  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  if (!(people = efir_store_list_people (self->store, error)))
    return FALSE;
  g_clear_object (&self->people);
  self->people = people;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEOPLE]);
  return TRUE;
}

gboolean
efir_session_set_program (EfirSession  *self,
                          gint64        program_id,
                          GError      **error)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  if (self->program_id != program_id)
    {
      self->program_id = program_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM]);
    }
  return efir_session_query_episodes (self, error);
}

gboolean
efir_session_set_filter (EfirSession  *self,
                         int           status,
                         gboolean      oldest_first,
                         GError      **error)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  self->status_filter = status;
  self->oldest_first = oldest_first;
  return efir_session_query_episodes (self, error);
}

gboolean
efir_session_flush (EfirSession  *self,
                    GError      **error)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  if (self->current == NULL)
    return TRUE;

  g_signal_emit (self, signals[FLUSH_EDITS], 0);
  return efir_autosaver_flush (self->autosaver, error);
}

gboolean
efir_session_open_episode (EfirSession  *self,
                           gint64        episode_id,
                           GError      **error)
{
  g_autoptr(EfirEpisode) episode = NULL;

  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  if (self->current != NULL && efir_episode_get_id (self->current) == episode_id)
    return TRUE;

  if (!efir_session_flush (self, error)
      || !(episode = efir_store_load_episode (self->store, episode_id, error)))
    return FALSE;
  /* Opened from the Schedule or from search: the list shows its
   * programme, with its row chosen. */
  if (efir_episode_get_program_id (episode) != self->program_id
      && !efir_session_set_program (self, efir_episode_get_program_id (episode), error))
    return FALSE;
  return efir_session_show_episode (self, episode, error);
}

gboolean
efir_session_show_episode (EfirSession  *self,
                           EfirEpisode  *episode,
                           GError      **error)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), FALSE);

  /* The autosaver first: the window shows the episode when "current"
   * changes, and its save state with it. */
  if (!efir_autosaver_set_episode (self->autosaver, episode, error))
    return FALSE;
  efir_session_set_current (self, episode);
  /* A restored revision may have moved in the list. */
  if (self->current_light != NULL && !efir_window_state_same_place (self->current_light, episode))
    {
      efir_session_sync_current_light (self, EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_GUESTS);
      return efir_session_refresh_episodes (self, error);
    }
  efir_session_sync_current_light (self, EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_GUESTS);
  return TRUE;
}

void
efir_session_close_episode (EfirSession *self)
{
  g_return_if_fail (EFIR_IS_SESSION (self));

  efir_autosaver_set_episode (self->autosaver, NULL, NULL);
  efir_session_set_current (self, NULL);
}

EfirEpisode *
efir_session_new_episode (EfirSession  *self,
                          GError      **error)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirEpisode) episode = NULL;

  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  if (!(program = efir_session_find_program (self, self->program_id)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No programme is chosen");
      return NULL;
    }

  episode = efir_episode_new ();
  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_program_name (episode, efir_program_get_name (program));
  efir_episode_set_number (episode, efir_session_next_number (self, efir_program_get_id (program)));
  if (!efir_session_add_and_open (self, episode, error))
    return NULL;
  return episode;
}

EfirEpisode *
efir_session_duplicate_current (EfirSession  *self,
                                const char   *title,
                                GError      **error)
{
  g_autoptr(EfirEpisode) copy = NULL;

  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);
  g_return_val_if_fail (self->current != NULL, NULL);

  g_signal_emit (self, signals[FLUSH_EDITS], 0);
  copy = efir_episode_new ();
  efir_episode_assign (copy, self->current);
  efir_episode_set_title (copy, title);
  efir_episode_set_slug (copy, "");
  efir_episode_set_number (copy, efir_session_next_number (self, efir_episode_get_program_id (copy)));
  efir_episode_set_status (copy, EFIR_EPISODE_STATUS_DRAFT);
  if (!efir_session_add_and_open (self, copy, error))
    return NULL;
  return copy;
}

/* The import is stored: its programme chosen, it opens. */
static void
finish_import (GTask        *task,
               EfirEpisode  *episode,
               const GError *import_error)
{
  EfirSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (import_error != NULL)
    {
      g_task_return_error (task, g_error_copy (import_error));
      return;
    }

  /* Its tags, and its programme, may be new. */
  self->tags_stale = TRUE;
  if (!efir_session_load_programs (self, efir_episode_get_program_id (episode), &error)
      || !efir_session_open_episode (self, efir_episode_get_id (episode), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_object_ref (episode), g_object_unref);
}

static void
on_imported_cb (EfirStoreWriteResult *result,
                gpointer              user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_import (task, result->written, result->error);
}

void
efir_session_import_async (EfirSession         *self,
                           GBytes              *json,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  EfirStoreWriter *writer;
  gsize length = 0;
  const char *data;

  g_return_if_fail (EFIR_IS_SESSION (self));
  g_return_if_fail (json != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, efir_session_import_async);

  if (!efir_session_flush (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((writer = efir_autosaver_get_writer (self->autosaver)) != NULL)
    {
      efir_store_writer_import (writer, json, on_imported_cb, g_steal_pointer (&task));
      return;
    }

  /* A read-only archive: the store says why nothing is written. */
  data = g_bytes_get_data (json, &length);
  episode = efir_store_import_episode_json (self->store, data, length, &error);
  finish_import (task, episode, error);
}

/**
 * efir_session_import_finish:
 * @self: an #EfirSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the episode imported, open
 */
EfirEpisode *
efir_session_import_finish (EfirSession   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
efir_session_trash_current (EfirSession  *self,
                            GError      **error)
{
  gint64 episode_id;

  g_return_val_if_fail (EFIR_IS_SESSION (self), 0);

  if (self->current == NULL)
    return 0;

  episode_id = efir_episode_get_id (self->current);
  if (!efir_session_flush (self, error) || !efir_store_trash_episode (self->store, episode_id, error))
    return 0;

  efir_session_close_episode (self);
  self->tags_stale = TRUE;
  efir_session_refresh_episodes (self, NULL);
  return episode_id;
}

gboolean
efir_session_restore_episode (EfirSession  *self,
                              gint64        episode_id,
                              GError      **error)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  if (!efir_store_restore_episode (self->store, episode_id, error))
    return FALSE;
  self->tags_stale = TRUE;
  return efir_session_refresh_episodes (self, error);
}

gboolean
efir_session_reload_current (EfirSession  *self,
                             GError      **error)
{
  g_autoptr(EfirEpisode) reloaded = NULL;

  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  /* Rows of any episode may name what changed. */
  if (!efir_episode_list_reload (self->episodes, error))
    return FALSE;
  efir_session_hold_current_light (self);
  if (self->current == NULL)
    return TRUE;

  /* Shown as now stored, or its next autosave would write the old rows
   * back. */
  if (!efir_session_flush (self, error)
      || !(reloaded = efir_store_load_episode (self->store, efir_episode_get_id (self->current), error)))
    return FALSE;
  return efir_session_show_episode (self, reloaded, error);
}

gboolean
efir_session_refresh_episodes (EfirSession  *self,
                               GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  ok = efir_episode_list_refresh (self->episodes, error);
  efir_session_list_changed (self);
  return ok;
}

gboolean
efir_session_resolve_conflict (EfirSession  *self,
                               gboolean      keep_mine,
                               GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  ok = keep_mine ? efir_autosaver_keep_mine (self->autosaver, error)
                 : efir_autosaver_take_theirs (self->autosaver, error);
  efir_session_refresh_episodes (self, NULL);
  return ok;
}

/* efir-cli, a cron outbox run or another Efir wrote to the archive. The
 * open episode is read again in place, or, with edits of the producer's,
 * kept beside the other version for the producer to choose (the
 * autosaver's conflict). */
void
efir_session_follow_store (EfirSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EFIR_IS_SESSION (self));

  if (!efir_autosaver_follow_store (self->autosaver, &error)
      || !efir_session_load_people (self, &error)
      || !efir_session_load_programs (self, self->program_id, &error)
      /* Rows already read may show a title or a status written elsewhere. */
      || !efir_episode_list_reload (self->episodes, &error))
    efir_session_fail (self, error);

  efir_session_hold_current_light (self);
  self->tags_stale = TRUE;
  efir_session_load_tags_later (self);
  /* A cron outbox run, say, may have published the open episode. */
  g_signal_emit (self, signals[PUBLICATION_CHANGED], 0);
}

EfirPublisher *
efir_session_get_publisher (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return efir_outbox_worker_get_publisher (self->worker);
}

EfirOutboxWorker *
efir_session_get_worker (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  return self->worker;
}

EfirPublicationView *
efir_session_dup_publication_view (EfirSession *self)
{
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GTimeZone) program_zone = NULL;
  g_autoptr(GTimeZone) viewer_zone = g_time_zone_new_local ();
  gint64 site_id;

  g_return_val_if_fail (EFIR_IS_SESSION (self), NULL);

  if (self->current == NULL)
    return NULL;

  site_id = efir_publisher_pick_site (efir_session_get_publisher (self), self->current, NULL);
  if (site_id > 0)
    {
      site = efir_store_get_site (self->store, site_id, NULL);
      publication = efir_store_get_publication (self->store, efir_episode_get_id (self->current), site_id, NULL);
      job = efir_session_dup_current_job (self, site_id);
    }

  program = efir_session_find_program (self, efir_episode_get_program_id (self->current));
  program_zone = program != NULL ? g_time_zone_new_identifier (efir_program_get_time_zone (program)) : NULL;
  if (program_zone == NULL)
    program_zone = g_time_zone_new_utc ();
  return efir_publication_view_new (site, publication, job, program_zone, viewer_zone);
}

gint64
efir_session_publish (EfirSession        *self,
                      EfirPublishAction   action,
                      GDateTime          *at,
                      GError            **error)
{
  gint64 job_id;

  g_return_val_if_fail (EFIR_IS_SESSION (self), 0);

  if (self->current == NULL)
    return 0;

  /* What is sent is what is stored: the typing of the last seconds too. */
  if (!efir_session_flush (self, error)
      || !(job_id = efir_publisher_enqueue (efir_session_get_publisher (self), efir_episode_get_id (self->current),
                                            0, action, at, error)))
    return 0;

  efir_outbox_worker_kick (self->worker);
  g_signal_emit (self, signals[PUBLICATION_CHANGED], 0);
  return job_id;
}

gint64
efir_session_retry_publication (EfirSession  *self,
                                GError      **error)
{
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GDateTime) at = NULL;
  EfirPublishAction action;
  gint64 site_id;

  g_return_val_if_fail (EFIR_IS_SESSION (self), 0);

  if (self->current == NULL
      || (site_id = efir_publisher_pick_site (efir_session_get_publisher (self), self->current, error)) <= 0
      || !(job = efir_session_dup_current_job (self, site_id)))
    return 0;

  if (job->publish_at != NULL && job->publish_at[0] != '\0')
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      at = g_date_time_new_from_iso8601 (job->publish_at, utc);
    }
  if (!efir_publish_action_from_string (job->action, &action))
    action = EFIR_PUBLISH_NOW;
  return efir_session_publish (self, action, at, error);
}

void
efir_session_run_outbox (EfirSession *self)
{
  g_return_if_fail (EFIR_IS_SESSION (self));

  efir_outbox_worker_start (self->worker);
}

gboolean
efir_session_is_sending (EfirSession *self)
{
  g_return_val_if_fail (EFIR_IS_SESSION (self), FALSE);

  return efir_outbox_worker_get_busy (self->worker);
}

/* GObject overrides */

static void
efir_session_constructed (GObject *object)
{
  EfirSession *self = EFIR_SESSION (object);

  G_OBJECT_CLASS (efir_session_parent_class)->constructed (object);

  efir_store_set_cache_kb (self->store, SESSION_CACHE_KB);
  self->autosaver = efir_autosaver_new (self->store);
  /* A commit and its fsync take 5–30 ms, more on a busy disk: the window
   * goes on drawing what the producer types meanwhile. */
  efir_autosaver_write_in_thread (self->autosaver);
  g_signal_connect_object (self->autosaver, "notify::state", G_CALLBACK (on_save_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->episodes = efir_episode_list_new (self->store);
  g_signal_connect_object (self->store, "changed-elsewhere", G_CALLBACK (on_store_changed_elsewhere_cb), self,
                           G_CONNECT_SWAPPED);
  efir_store_follow_changes (self->store, TRUE);

  /* One worker per archive in a process: two would run the same job. */
  self->worker = efir_outbox_worker_new (self->store);
  g_signal_connect_object (self->worker, "job-finished", G_CALLBACK (on_job_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker, "notify::busy", G_CALLBACK (on_worker_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker, "notify::progress", G_CALLBACK (on_worker_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
efir_session_dispose (GObject *object)
{
  EfirSession *self = EFIR_SESSION (object);

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_clear_handle_id (&self->tags_source, g_source_remove);
  if (self->autosaver != NULL)
    efir_autosaver_flush (self->autosaver, NULL);
  /* A job stopped half way is taken up by the next run, here or in
   * efir-cli: the outbox keeps it. */
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->autosaver);
  g_clear_object (&self->current);
  g_clear_object (&self->current_light);
  g_clear_object (&self->episodes);
  g_clear_object (&self->programs);
  g_clear_object (&self->people);
  g_clear_object (&self->tags);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_session_parent_class)->dispose (object);
}


static void
efir_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EfirSession *self = EFIR_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROGRAMS:
      g_value_set_object (value, self->programs);
      break;
    case PROP_PROGRAM:
      g_value_set_int64 (value, self->program_id);
      break;
    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_session_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EfirSession *self = EFIR_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_session_class_init (EfirSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = efir_session_constructed;
  object_class->dispose = efir_session_dispose;
  object_class->get_property = efir_session_get_property;
  object_class->set_property = efir_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRAMS] =
    g_param_spec_object ("programs", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRAM] =
    g_param_spec_int64 ("program", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, EFIR_TYPE_EPISODE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirSession::flush-edits:
   *
   * Emitted before the open episode is written: whoever holds text the
   * episode does not have yet (the transcript waits for a pause in
   * typing) gives it to the episode now.
   */
  signals[FLUSH_EDITS] = g_signal_new ("flush-edits", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EfirSession::list-changed:
   *
   * The list of episodes was queried or read again: the open episode may
   * be at another place in it, or no longer in it.
   */
  signals[LIST_CHANGED] = g_signal_new ("list-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EfirSession::failed:
   * @message: what went wrong, for the producer
   *
   * A step the session took by itself (following the archive, reading the
   * list again after a save) failed.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * EfirSession::publication-changed:
   *
   * What the open episode's publication panel shows may have changed: a
   * job was queued, progressed or ended, or the archive changed.
   */
  signals[PUBLICATION_CHANGED] = g_signal_new ("publication-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EfirSession::job-finished:
   * @job_id: the job's id in the outbox
   *
   * A job queued by this session ended: done, failed or in conflict.
   */
  signals[JOB_FINISHED] = g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
efir_session_init (EfirSession *self)
{
  self->status_filter = EFIR_EPISODE_LIST_ANY_STATUS;
  self->programs = G_LIST_MODEL (g_list_store_new (EFIR_TYPE_PROGRAM));
  self->tags = gtk_string_list_new (NULL);
}

