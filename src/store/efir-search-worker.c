/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-search-worker"

#include "config.h"

#include "efir-search-worker.h"
#include "efir-store-private.h"
#include "efir-store-writer.h"

/* Types and properties --------------------------------------------------- */

/* The read connection, shared by the worker and its searches so that a
 * search still running when the worker goes keeps it until it stops. One
 * search uses it at a time: a new one waits for the interrupted one to
 * let go, which it does at SQLite's next step.
 */
typedef struct
{
  gatomicrefcount   ref_count;
  GMutex            lock;
  char             *path;
  EfirDatabaseFlags flags;
  EfirDatabase     *db;   /* opened by the first search, under lock */
} Reader;

typedef struct
{
  Reader *reader;
  char   *query;
  guint   limit;
  guint   serial;
  guint   held_until;  /* for tests */
} Job;

struct _EfirSearchWorker
{
  GObject       parent_instance;

  /* Owned */
  EfirStore       *store;
  EfirStoreWriter *writer;  /* brings the index up to date, when set */
  Reader          *reader;
  GCancellable *cancellable;  /* of the newest search */
  guint         limit;
  /* Counts the searches asked for: a search delivers its hits only while
   * it is the newest. */
  guint         serial;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (EfirSearchWorker, efir_search_worker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* For tests: the next search asked for waits, holding the connection,
 * until it is released or cancelled, as a long search on a large archive
 * would run. */
static GMutex   hold_lock;
static GCond    hold_released;
static gboolean held;
static guint    n_releases;

/* Helpers ---------------------------------------------------------------- */

static void
hold_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_mutex_lock (&hold_lock);
  g_cond_broadcast (&hold_released);
  g_mutex_unlock (&hold_lock);
}

/* Waits until release number @release, if not 0, or a cancellation. */
static void
wait_while_held (guint         release,
                 GCancellable *cancellable)
{
  gulong handler_id;

  if (release == 0)
    return;

  handler_id = g_cancellable_connect (cancellable, G_CALLBACK (hold_cancelled_cb), NULL, NULL);
  g_mutex_lock (&hold_lock);
  while (n_releases < release && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&hold_released, &hold_lock);
  g_mutex_unlock (&hold_lock);
  g_cancellable_disconnect (cancellable, handler_id);
}

static Reader *
reader_ref (Reader *reader)
{
  g_atomic_ref_count_inc (&reader->ref_count);
  return reader;
}

static void
reader_unref (Reader *reader)
{
  if (!g_atomic_ref_count_dec (&reader->ref_count))
    return;

  g_clear_object (&reader->db);
  g_mutex_clear (&reader->lock);
  g_free (reader->path);
  g_free (reader);
}

static void
job_free (Job *job)
{
  reader_unref (job->reader);
  g_free (job->query);
  g_free (job);
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

/* Callbacks -------------------------------------------------------------- */

static void
search_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  Reader *reader = job->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&reader->lock);
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  /* Overtaken while it waited for the connection. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (reader->db == NULL && !(reader->db = efir_database_open (reader->path, reader->flags, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  wait_while_held (job->held_until, cancellable);

  hits = efir_store_search_database (reader->db, job->query, job->limit, cancellable, &error);
  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

/* The writer has brought the index up to date: the search can start. */
static void
index_refreshed_cb (EfirStoreWriteResult *result,
                    gpointer              user_data)
{
  g_autoptr(GTask) task = user_data;

  if (result->error != NULL)
    g_task_return_error (task, g_error_copy (result->error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_run_in_thread (task, search_thread_cb);
}

static void
search_finished_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(EfirSearchWorker) self = g_weak_ref_get (user_data);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = g_task_propagate_pointer (task, &error);

  if (self == NULL || job->serial != self->serial
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[FINISHED], 0, job->query, hits, error);
}

/* Public API ------------------------------------------------------------- */

void
efir_search_worker_hold_for_tests (gboolean hold)
{
  g_mutex_lock (&hold_lock);
  if (!hold)
    n_releases++;
  held = hold;
  g_cond_broadcast (&hold_released);
  g_mutex_unlock (&hold_lock);
}

/**
 * efir_search_worker_new:
 * @store: the store whose archive to search
 * @limit: the most hits of a search, 0 for all
 *
 * Returns: (transfer full): a worker, which opens its connection at its
 *   first search
 */
EfirSearchWorker *
efir_search_worker_new (EfirStore *store,
                        guint      limit)
{
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  return g_object_new (EFIR_TYPE_SEARCH_WORKER, "store", store, "limit", limit, NULL);
}

EfirStore *
efir_search_worker_get_store (EfirSearchWorker *self)
{
  g_return_val_if_fail (EFIR_IS_SEARCH_WORKER (self), NULL);

  return self->store;
}

/**
 * efir_search_worker_search:
 * @self: a worker
 * @query: the producer's words, as efir_store_search() takes them
 *
 * Starts searching for @query in a thread and interrupts the search
 * before it, whose hits are then never delivered. "finished" is emitted
 * with @query's hits, or the error that stopped it.
 *
 * Episodes saved since the search index last followed them are indexed
 * first, on the store's connection, as efir_store_search() does: that is
 * the one write of a search, and the episode being edited the only one
 * normally waiting.
 */
void
efir_search_worker_search (EfirSearchWorker *self,
                           const char       *query)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef *weak;
  Job *job;

  g_return_if_fail (EFIR_IS_SEARCH_WORKER (self));
  g_return_if_fail (query != NULL);

  efir_search_worker_cancel (self);
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;

  job = g_new0 (Job, 1);
  job->reader = reader_ref (self->reader);
  job->query = g_strdup (query);
  job->limit = self->limit;
  job->serial = self->serial;
  g_mutex_lock (&hold_lock);
  if (held)
    {
      job->held_until = n_releases + 1;
      held = FALSE;
    }
  g_mutex_unlock (&hold_lock);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);

  task = g_task_new (NULL, self->cancellable, search_finished_cb, weak);
  g_task_set_source_tag (task, efir_search_worker_search);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* The weak reference goes with the task, after its callback. */
  g_object_set_data_full (G_OBJECT (task), "efir-worker", weak, (GDestroyNotify) weak_ref_free);

  /* Reindexing the transcript just edited takes tens of milliseconds and
   * a commit: the writer does it in its thread, after the saves before. */
  if (self->writer != NULL)
    {
      efir_store_writer_refresh_search_index (self->writer, index_refreshed_cb,
                                              g_steal_pointer (&task));
      return;
    }

  /* A read-only archive is searched as its last writer left the index. */
  if (!efir_store_is_read_only (self->store)
      && !efir_store_refresh_search_index (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, search_thread_cb);
}

/**
 * efir_search_worker_set_writer:
 * @self: an #EfirSearchWorker
 * @writer: (nullable): the writer of the worker's store
 *
 * From now on, the episodes saved since the index last followed them are
 * indexed by @writer, in its thread, before a search starts, instead of on
 * the store's connection.
 */
void
efir_search_worker_set_writer (EfirSearchWorker *self,
                               EfirStoreWriter  *writer)
{
  g_return_if_fail (EFIR_IS_SEARCH_WORKER (self));
  g_return_if_fail (writer == NULL || EFIR_IS_STORE_WRITER (writer));

  g_set_object (&self->writer, writer);
}

void
efir_search_worker_cancel (EfirSearchWorker *self)
{
  g_return_if_fail (EFIR_IS_SEARCH_WORKER (self));

  self->serial++;
  self->busy = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gboolean
efir_search_worker_is_busy (EfirSearchWorker *self)
{
  g_return_val_if_fail (EFIR_IS_SEARCH_WORKER (self), FALSE);

  return self->busy;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_search_worker_constructed (GObject *object)
{
  EfirSearchWorker *self = EFIR_SEARCH_WORKER (object);

  G_OBJECT_CLASS (efir_search_worker_parent_class)->constructed (object);

  g_return_if_fail (EFIR_IS_STORE (self->store));

  self->reader = g_new0 (Reader, 1);
  g_atomic_ref_count_init (&self->reader->ref_count);
  g_mutex_init (&self->reader->lock);
  self->reader->path = g_strdup (efir_store_get_path (self->store));
  self->reader->flags = EFIR_DATABASE_READ_ONLY;
  if (efir_store_is_read_only (self->store))
    self->reader->flags |= EFIR_DATABASE_NO_SIDE_FILES;
}

static void
efir_search_worker_dispose (GObject *object)
{
  EfirSearchWorker *self = EFIR_SEARCH_WORKER (object);

  efir_search_worker_cancel (self);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_search_worker_parent_class)->dispose (object);
}

static void
efir_search_worker_finalize (GObject *object)
{
  EfirSearchWorker *self = EFIR_SEARCH_WORKER (object);

  g_clear_pointer (&self->reader, reader_unref);

  G_OBJECT_CLASS (efir_search_worker_parent_class)->finalize (object);
}

static void
efir_search_worker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfirSearchWorker *self = EFIR_SEARCH_WORKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_search_worker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EfirSearchWorker *self = EFIR_SEARCH_WORKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_LIMIT:
      self->limit = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_search_worker_class_init (EfirSearchWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = efir_search_worker_constructed;
  object_class->dispose = efir_search_worker_dispose;
  object_class->finalize = efir_search_worker_finalize;
  object_class->get_property = efir_search_worker_get_property;
  object_class->set_property = efir_search_worker_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirSearchWorker::finished:
   * @self: the worker
   * @query: the query searched for
   * @hits: (nullable) (element-type EfirSearchHit): its hits, best first,
   *   or %NULL when @error says why there are none
   * @error: (nullable): what stopped the search
   *
   * The newest search has finished. A search overtaken by another, or
   * cancelled, never finishes.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
efir_search_worker_init (EfirSearchWorker *self)
{
}
