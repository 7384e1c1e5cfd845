/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-writer"

#include "config.h"

#include "efir-store-private.h"
#include "efir-store-writer.h"

/*
 * How the writer's commits stay the store's own. SQLite's data_version
 * tells a connection that some other connection committed, not which one,
 * so the store's own poll would take each of the writer's commits for
 * another process's. While a save is under way the store does not poll
 * (efir_store_begin_own_write()); when the save is handed back it takes the
 * data_version as it stands (efir_store_end_own_write()). What another
 * process committed meanwhile would hide behind that, so the writer looks
 * for it on its own connection, whose data_version moves for every commit
 * but its own: before the save, after it, and once more after the store
 * has taken the new data_version. Every moment from one look to the next
 * is covered, and a change seen is announced as "changed-elsewhere". A
 * commit of the store's own connection in that time is taken for another
 * process's: the lists are read again once, which costs a moment and
 * loses nothing.
 */

/* Types and properties --------------------------------------------------- */

typedef enum
{
  JOB_SAVE,
  JOB_IMPORT,
  JOB_REFRESH_INDEX,
  /* Looks at the data_version after a save has been handed back. */
  JOB_LOOK_AFTER,
  /* Takes note of the data_version after the store announced a change, so
   * that the next look does not announce it again. */
  JOB_LOOK_AGAIN,
  JOB_STOP,
} JobKind;

typedef struct
{
  JobKind               kind;

  /* In */
  EfirEpisode          *episode;
  GBytes               *json;
  EfirEpisodePart       parts;
  gint64                revision_due_before;
  EfirStoreWriteFunc    func;
  gpointer              user_data;

  /* Out, written by the thread before done is set under the lock */
  EfirStoreWriteResult  result;
  gboolean              changed_elsewhere;
  gboolean              done;
} Job;

struct _EfirStoreWriter
{
  GObject       parent_instance;

  /* Owned */
  EfirStore    *store;
  char         *path;
  GMainContext *context;
  GThread      *thread;
  GAsyncQueue  *queue;   /* of Job, to the thread */
  GQueue        jobs;    /* of Job asked for and not handed back, oldest first */

  GMutex        lock;
  GCond         done;
  GSource      *hand_back_source;  /* under lock */
  guint         n_asked;
  guint         n_done;  /* under lock */

  /* The thread's own */
  EfirStore    *connection;
  gint64        data_version;  /* as last looked at, 0 before */
};

G_DEFINE_FINAL_TYPE (EfirStoreWriter, efir_store_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static void
job_free (Job *job)
{
  g_clear_object (&job->episode);
  g_clear_pointer (&job->json, g_bytes_unref);
  g_clear_object (&job->result.written);
  g_clear_error (&job->result.error);
  g_free (job);
}

/* In the thread: whether a connection other than the writer's committed
 * since the last look. */
static gboolean
look (EfirStoreWriter *self)
{
  gint64 data_version = 0;
  gboolean changed;

  if (self->connection == NULL || !efir_store_read_data_version (self->connection, &data_version))
    return FALSE;

  changed = self->data_version != 0 && data_version != self->data_version;
  self->data_version = data_version;
  return changed;
}

static gboolean
open_connection (EfirStoreWriter  *self,
                 GError          **error)
{
  if (self->connection != NULL)
    return TRUE;

  /* Only the pages it touches are checked, as for any short work: the
   * window's store checks the whole file, and its verdict is the gate of
   * every write here too. */
  if (!(self->connection = efir_store_open_full (self->path, EFIR_STORE_OPEN_CHECK_TOUCHED, error)))
    return FALSE;
  efir_store_share_write_gate (self->connection, self->store);

  /* Where the looks start from. */
  look (self);
  return TRUE;
}

/* A revision that cannot be written is not an edit lost (the save before
 * it succeeded), so it is not a failure; the next save tries again. */
static void
keep_revision_if_due (EfirStoreWriter *self,
                      Job             *job)
{
  g_autoptr(GError) error = NULL;

  if (job->revision_due_before == 0)
    return;

  job->result.revision_added =
    efir_store_keep_edit_revision (self->connection, job->episode, job->revision_due_before,
                                   &job->result.newest_revision, &error);
  if (error != NULL)
    g_debug ("No revision of episode %" G_GINT64_FORMAT " was kept: %s",
             efir_episode_get_id (job->episode), error->message);
}

static void
run_save (EfirStoreWriter *self,
          Job             *job)
{
  gint64 started = g_get_monotonic_time ();

  if (!open_connection (self, &job->result.error))
    return;

  job->changed_elsewhere = look (self);
  if (efir_store_save_episode (self->connection, job->episode, job->parts, &job->result.error))
    {
      g_debug ("Saved episode %" G_GINT64_FORMAT " (parts 0x%x) in %.2f ms",
               efir_episode_get_id (job->episode), (guint) job->parts,
               (g_get_monotonic_time () - started) / 1000.0);
      keep_revision_if_due (self, job);
    }
  job->result.written = g_object_ref (job->episode);
  job->changed_elsewhere |= look (self);
}

static void
run_import (EfirStoreWriter *self,
            Job             *job)
{
  gsize length = 0;
  const char *json = g_bytes_get_data (job->json, &length);

  if (!open_connection (self, &job->result.error))
    return;

  job->changed_elsewhere = look (self);
  job->result.written = efir_store_import_episode_json (self->connection, json, length,
                                                        &job->result.error);
  job->changed_elsewhere |= look (self);
}

static void
run_refresh_index (EfirStoreWriter *self,
                   Job             *job)
{
  if (!open_connection (self, &job->result.error))
    return;

  job->changed_elsewhere = look (self);
  efir_store_refresh_search_index (self->connection, &job->result.error);
  job->changed_elsewhere |= look (self);
}

static gboolean hand_back_cb (gpointer user_data);

/* Not g_main_context_invoke(): where no thread owns the context, it would
 * hand back in this thread. One source at a time hands back all that is
 * done; it clears itself before it looks. */
static void
hand_back_later (EfirStoreWriter *self)
{
  g_mutex_lock (&self->lock);
  if (self->hand_back_source == NULL)
    {
      self->hand_back_source = g_idle_source_new ();
      g_source_set_priority (self->hand_back_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->hand_back_source, hand_back_cb, self, NULL);
      g_source_set_static_name (self->hand_back_source, "[efir] hand back saves");
      g_source_attach (self->hand_back_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

static gpointer
thread_main (gpointer data)
{
  EfirStoreWriter *self = data;
  Job *job;

  while ((job = g_async_queue_pop (self->queue))->kind != JOB_STOP)
    {
      if (job->kind == JOB_SAVE)
        run_save (self, job);
      else if (job->kind == JOB_IMPORT)
        run_import (self, job);
      else if (job->kind == JOB_REFRESH_INDEX)
        run_refresh_index (self, job);
      else if (open_connection (self, NULL))
        job->changed_elsewhere = look (self) && job->kind == JOB_LOOK_AFTER;

      g_mutex_lock (&self->lock);
      job->done = TRUE;
      self->n_done++;
      g_cond_broadcast (&self->done);
      g_mutex_unlock (&self->lock);

      hand_back_later (self);
    }

  job_free (job);
  g_clear_object (&self->connection);
  return NULL;
}

static gboolean
writes (Job *job)
{
  return job->kind == JOB_SAVE || job->kind == JOB_IMPORT || job->kind == JOB_REFRESH_INDEX;
}

static void
ask (EfirStoreWriter *self,
     Job             *job)
{
  if (self->thread == NULL)
    self->thread = g_thread_new ("efir-store-writer", thread_main, self);

  if (writes (job))
    efir_store_begin_own_write (self->store);

  g_mutex_lock (&self->lock);
  self->n_asked++;
  g_mutex_unlock (&self->lock);

  g_queue_push_tail (&self->jobs, job);
  g_async_queue_push (self->queue, job);
}

static void
ask_look (EfirStoreWriter *self,
          JobKind          kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  ask (self, job);
}

/* On the writer's main context: hands back, oldest first, what the thread
 * has done. A handler may wait for the writer, which hands back from
 * here again: each job is taken off the list before its handler runs. */
static void
hand_back (EfirStoreWriter *self)
{
  g_object_ref (self);

  for (;;)
    {
      Job *job = g_queue_peek_head (&self->jobs);
      gboolean done;

      if (job == NULL)
        break;

      g_mutex_lock (&self->lock);
      done = job->done;
      g_mutex_unlock (&self->lock);
      if (!done)
        break;

      g_queue_pop_head (&self->jobs);

      if (writes (job))
        {
          gboolean changed_elsewhere;

          if (job->func != NULL)
            job->func (&job->result, job->user_data);
          /* The look after comes once the store has taken the
           * data_version, so that nothing falls between the two. */
          changed_elsewhere = efir_store_end_own_write (self->store) || job->changed_elsewhere;
          ask_look (self, JOB_LOOK_AFTER);
          if (changed_elsewhere)
            efir_store_note_changed_elsewhere (self->store);
        }
      else if (job->changed_elsewhere)
        efir_store_note_changed_elsewhere (self->store);

      job_free (job);
    }

  g_object_unref (self);
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
hand_back_cb (gpointer user_data)
{
  EfirStoreWriter *self = user_data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->hand_back_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  hand_back (self);

  return G_SOURCE_REMOVE;
}

/* The store announced a change it saw itself: the next look starts
 * from here. */
static void
on_store_changed_elsewhere_cb (EfirStoreWriter *self)
{
  ask_look (self, JOB_LOOK_AGAIN);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_writer_new:
 * @store: the store whose archive to write, opened for writing
 *
 * The writer opens its connection in its thread at once, so that its
 * looks at other processes' commits start before the first save.
 *
 * Returns: (transfer full): a writer
 */
EfirStoreWriter *
efir_store_writer_new (EfirStore *store)
{
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  EfirStoreWriter *self = g_object_new (EFIR_TYPE_STORE_WRITER, "store", store, NULL);

  ask_look (self, JOB_LOOK_AGAIN);
  return self;
}

/**
 * efir_store_writer_save:
 * @self: an #EfirStoreWriter
 * @episode: (transfer none): the copy to save; the writer keeps it
 * @parts: the parts to write, as for efir_store_save_episode()
 * @revision_due_before: 0, or the real time before which the newest
 *   revision must be for an "edit" revision to be kept
 * @func: (scope async): called with the outcome on the writer's context
 * @user_data: for @func
 *
 * Asks for a save.
 */
void
efir_store_writer_save (EfirStoreWriter    *self,
                        EfirEpisode        *episode,
                        EfirEpisodePart     parts,
                        gint64              revision_due_before,
                        EfirStoreWriteFunc  func,
                        gpointer            user_data)
{
  Job *job;

  g_return_if_fail (EFIR_IS_STORE_WRITER (self));
  g_return_if_fail (EFIR_IS_EPISODE (episode));

  job = g_new0 (Job, 1);
  job->kind = JOB_SAVE;
  job->episode = g_object_ref (episode);
  job->parts = parts;
  job->revision_due_before = revision_due_before;
  job->func = func;
  job->user_data = user_data;
  ask (self, job);
}

/**
 * efir_store_writer_import:
 * @self: an #EfirStoreWriter
 * @json: the text of an episode file
 * @func: (scope async): called with the outcome on the writer's context:
 *   the episode as efir_store_import_episode_json() stored it, or why not
 * @user_data: for @func
 *
 * Asks for an import, after the saves asked for before.
 */
void
efir_store_writer_import (EfirStoreWriter    *self,
                          GBytes             *json,
                          EfirStoreWriteFunc  func,
                          gpointer            user_data)
{
  Job *job;

  g_return_if_fail (EFIR_IS_STORE_WRITER (self));
  g_return_if_fail (json != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_IMPORT;
  job->json = g_bytes_ref (json);
  job->func = func;
  job->user_data = user_data;
  ask (self, job);
}

/**
 * efir_store_writer_refresh_search_index:
 * @self: an #EfirStoreWriter
 * @func: (scope async): called on the writer's context once the index is
 *   up to date, or with why not
 * @user_data: for @func
 *
 * Asks for efir_store_refresh_search_index(), after the saves asked for
 * before: what a search runs after.
 */
void
efir_store_writer_refresh_search_index (EfirStoreWriter    *self,
                                        EfirStoreWriteFunc  func,
                                        gpointer            user_data)
{
  Job *job;

  g_return_if_fail (EFIR_IS_STORE_WRITER (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_REFRESH_INDEX;
  job->func = func;
  job->user_data = user_data;
  ask (self, job);
}

/**
 * efir_store_writer_wait:
 * @self: an #EfirStoreWriter
 *
 * Blocks until every save and import asked for is written, then hands their outcomes
 * back, before returning.
 */
void
efir_store_writer_wait (EfirStoreWriter *self)
{
  g_return_if_fail (EFIR_IS_STORE_WRITER (self));

  g_mutex_lock (&self->lock);
  while (self->n_done < self->n_asked)
    g_cond_wait (&self->done, &self->lock);
  g_mutex_unlock (&self->lock);

  hand_back (self);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_store_writer_dispose (GObject *object)
{
  EfirStoreWriter *self = EFIR_STORE_WRITER (object);

  /* Nothing asked for is dropped: the saves are written and handed back
   * before the thread stops. */
  if (self->thread != NULL)
    {
      Job *stop = g_new0 (Job, 1);

      efir_store_writer_wait (self);
      stop->kind = JOB_STOP;
      g_async_queue_push (self->queue, stop);
      g_thread_join (g_steal_pointer (&self->thread));
      /* The looks asked for since are of no use any more. */
      g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
      if (self->hand_back_source != NULL)
        {
          g_source_destroy (self->hand_back_source);
          g_clear_pointer (&self->hand_back_source, g_source_unref);
        }
    }

  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_store_writer_parent_class)->dispose (object);
}

static void
efir_store_writer_finalize (GObject *object)
{
  EfirStoreWriter *self = EFIR_STORE_WRITER (object);

  g_async_queue_unref (self->queue);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);

  G_OBJECT_CLASS (efir_store_writer_parent_class)->finalize (object);
}

static void
efir_store_writer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EfirStoreWriter *self = EFIR_STORE_WRITER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_store_writer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EfirStoreWriter *self = EFIR_STORE_WRITER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      self->path = g_strdup (efir_store_get_path (self->store));
      g_signal_connect_object (self->store, "changed-elsewhere",
                               G_CALLBACK (on_store_changed_elsewhere_cb), self,
                               G_CONNECT_SWAPPED);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_store_writer_class_init (EfirStoreWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_store_writer_dispose;
  object_class->finalize = efir_store_writer_finalize;
  object_class->get_property = efir_store_writer_get_property;
  object_class->set_property = efir_store_writer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EFIR_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_store_writer_init (EfirStoreWriter *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->queue = g_async_queue_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
}
