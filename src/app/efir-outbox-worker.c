/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-outbox-worker"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "efir-outbox-worker.h"

/* Types and properties --------------------------------------------------- */

struct _EfirOutboxWorker
{
  GObject        parent_instance;

  /* Owned */
  EfirStore     *store;
  EfirPublisher *publisher;
  GCancellable  *cancellable;
  GHashTable    *watched;      /* job id -> TRUE: the jobs the running run may end */
  GHashTable    *scheduled;    /* "EPISODE:SITE" -> ScheduledPost, as last seen */
  char          *progress;
  guint          timeout_id;
  guint          poll_id;
  gint64         episode_id;
  gint64         last_run_start;
  gboolean       started;
  gboolean       running;
  gboolean       again;

  /* Borrowed */
  GApplication  *application;  /* weak */
};

G_DEFINE_FINAL_TYPE (EfirOutboxWorker, efir_outbox_worker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_EPISODE_ID,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  JOB_FINISHED,
  WENT_LIVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64  episode_id;
  gint64  site_id;
  gint64  due;       /* when the site should have published it, Unix time in microseconds */
  char   *title;
} ScheduledPost;

/* What a run's callback needs: the worker only while it is not disposed. */
typedef struct
{
  EfirOutboxWorker *self;
  GCancellable     *cancellable;
} RunData;

/* How often the running job's progress is read from the archive. */
#define POLL_INTERVAL_MS 250
/* The longest wait between two looks at the outbox: a laptop asleep or a
 * clock set anew does not leave a job waiting for a timer set before. */
#define LONGEST_WAIT_MS (5 * 60 * 1000)
/* A run does not follow the last closer than this, however soon the next
 * job is due: a job the site keeps refusing at once does not spin. */
#define SHORTEST_WAIT_MS 500

static void begin_run (EfirOutboxWorker *self);

/* Helpers ---------------------------------------------------------------- */

static void
scheduled_post_free (ScheduledPost *post)
{
  g_free (post->title);
  g_free (post);
}

static gint64
parse_gmt_usec (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;

  if (text == NULL || text[0] == '\0' || !(when = g_date_time_new_from_iso8601 (text, utc)))
    return 0;

  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static char *
post_key (gint64 episode_id,
          gint64 site_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, episode_id, site_id);
}

/* The posts the sites hold as scheduled, as the archive says now. */
static GHashTable *
read_scheduled (EfirOutboxWorker *self)
{
  GHashTable *scheduled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) scheduled_post_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (!(entries = efir_store_list_schedule (self->store, g_get_real_time (), &error)))
    {
      g_debug ("The schedule could not be read: %s", error->message);
      return scheduled;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      EfirScheduleEntry *entry = g_ptr_array_index (entries, i);
      ScheduledPost *post;

      if (entry->kind != EFIR_SCHEDULE_SCHEDULED)
        continue;

      post = g_new0 (ScheduledPost, 1);
      post->episode_id = entry->episode_id;
      post->site_id = entry->site_id;
      post->due = parse_gmt_usec (entry->at);
      post->title = g_strdup (entry->title);
      g_hash_table_replace (scheduled, post_key (entry->episode_id, entry->site_id), post);
    }

  return scheduled;
}

static void
set_running_job (EfirOutboxWorker *self,
                 gint64            episode_id,
                 const char       *progress)
{
  if (self->episode_id != episode_id)
    {
      self->episode_id = episode_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE_ID]);
    }

  if (g_strcmp0 (self->progress, progress) != 0)
    {
      g_free (self->progress);
      self->progress = g_strdup (progress);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static void
set_running (EfirOutboxWorker *self,
             gboolean          running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Says which of the jobs the run may have ended did, and how; @reported
 * gets the "EPISODE:SITE" of each. */
static void
report_finished_jobs (EfirOutboxWorker *self,
                      GHashTable       *reported)
{
  g_autoptr(GHashTable) watched = g_steal_pointer (&self->watched);
  GHashTableIter iter;
  gpointer key;

  self->watched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, watched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(EfirOutboxJob) job = NULL;
      g_autoptr(EfirPublication) publication = NULL;
      g_autoptr(GError) error = NULL;

      if (!(job = efir_store_get_job (self->store, *(gint64 *) key, &error)))
        continue;

      if (job->state != EFIR_JOB_DONE && job->state != EFIR_JOB_FAILED
          && job->state != EFIR_JOB_CONFLICT)
        continue;

      g_hash_table_add (reported, post_key (job->episode_id, job->site_id));
      publication = efir_store_get_publication (self->store, job->episode_id, job->site_id, NULL);
      g_signal_emit (self, signals[JOB_FINISHED], 0, job->episode_id, job->id, job->action,
                     (int) job->state, publication != NULL ? publication->link : "");
    }
}

/* Says which posts scheduled when the worker last looked are live now,
 * but for those a job of the producer's put there (@reported). */
static void
report_went_live (EfirOutboxWorker *self,
                  GHashTable       *reported)
{
  g_autoptr(GHashTable) before = g_steal_pointer (&self->scheduled);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  self->scheduled = read_scheduled (self);

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ScheduledPost *post = value;
      g_autoptr(EfirPublication) publication = NULL;

      if (g_hash_table_contains (reported, key))
        continue;

      publication = efir_store_get_publication (self->store, post->episode_id, post->site_id,
                                                NULL);
      if (publication == NULL || !g_str_equal (publication->remote_status, "publish"))
        continue;

      g_signal_emit (self, signals[WENT_LIVE], 0, post->episode_id, post->title,
                     publication->link);

      if (self->application != NULL)
        {
          g_autoptr(GNotification) notification = NULL;
          g_autofree char *id = g_strdup_printf ("went-live-%" G_GINT64_FORMAT, post->episode_id);

          notification = efir_outbox_worker_new_went_live_notification (post->episode_id,
                                                                        post->title,
                                                                        publication->link);
          g_application_send_notification (self->application, id, notification);
        }
    }
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
timeout_reached_cb (gpointer user_data)
{
  EfirOutboxWorker *self = user_data;

  self->timeout_id = 0;
  efir_outbox_worker_kick (self);

  return G_SOURCE_REMOVE;
}

/* Sets the timer for the next job or scheduled post due, if any. */
static void
schedule_next (EfirOutboxWorker *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 next = efir_store_get_next_job_time (self->store, &error);
  gint64 grace = efir_publisher_get_schedule_grace (self->publisher);
  GHashTableIter iter;
  gpointer value;
  gint64 wait_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (error != NULL)
    g_debug ("The outbox could not be read: %s", error->message);

  /* A scheduled post is looked at once its grace is over; one already
   * looked at by the last run is the producer's to act on. */
  g_hash_table_iter_init (&iter, self->scheduled);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ScheduledPost *post = value;
      gint64 due = post->due + grace + G_USEC_PER_SEC;

      if (post->due > 0 && due > self->last_run_start && (next == 0 || due < next))
        next = due;
    }

  if (next == 0)
    return;

  wait_ms = CLAMP ((next - now) / 1000 + 1, SHORTEST_WAIT_MS, LONGEST_WAIT_MS);
  self->timeout_id = g_timeout_add (wait_ms, timeout_reached_cb, self);
}

static gboolean
poll_reached_cb (gpointer user_data)
{
  EfirOutboxWorker *self = user_data;
  g_autoptr(EfirOutboxJob) job = efir_store_get_running_job (self->store, getpid (), NULL);

  if (job != NULL)
    {
      g_hash_table_add (self->watched, g_memdup2 (&job->id, sizeof job->id));
      set_running_job (self, job->episode_id, job->progress);
    }

  return G_SOURCE_CONTINUE;
}

static void
run_finished_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RunData *data = user_data;
  EfirOutboxWorker *self = data->self;
  g_autoptr(GHashTable) reported = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (data->cancellable);

  efir_publisher_run_due_finish (EFIR_PUBLISHER (source), result, NULL, NULL, &error);
  g_object_unref (data->cancellable);
  g_free (data);

  /* The worker is gone: nothing of it may be touched. */
  if (cancelled)
    return;

  if (error != NULL)
    g_debug ("The outbox run stopped: %s", error->message);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  poll_reached_cb (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);

  reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report_finished_jobs (self, reported);
  report_went_live (self, reported);

  set_running_job (self, 0, "");
  set_running (self, FALSE);

  if (self->again)
    begin_run (self);
  else
    schedule_next (self);
}

/* Whether the last run saw a scheduled post whose time, and the site's
 * grace after it, are past at @now: a run asks the site about it. */
static gboolean
schedule_overdue (EfirOutboxWorker *self,
                  gint64            now)
{
  gint64 grace = efir_publisher_get_schedule_grace (self->publisher);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->scheduled);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ScheduledPost *post = value;

      if (post->due > 0 && post->due + grace <= now)
        return TRUE;
    }
  return FALSE;
}

static void
begin_run (EfirOutboxWorker *self)
{
  g_autoptr(GPtrArray) due = NULL;
  RunData *data;

  self->again = FALSE;
  self->last_run_start = g_get_real_time ();
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if ((due = efir_store_list_due_jobs (self->store, self->last_run_start, NULL)))
    {
      for (guint i = 0; i < due->len; i++)
        {
          EfirOutboxJob *job = g_ptr_array_index (due, i);

          g_hash_table_add (self->watched, g_memdup2 (&job->id, sizeof job->id));
        }
    }

  /* Nothing due, and no scheduled post past its time for the site to
   * be asked about: a run would open the archive in a thread of its own
   * only to find that out, at every start. */
  if ((due == NULL || due->len == 0) && !schedule_overdue (self, self->last_run_start))
    {
      schedule_next (self);
      return;
    }

  set_running (self, TRUE);
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_reached_cb, self);

  data = g_new0 (RunData, 1);
  data->self = self;
  data->cancellable = g_object_ref (self->cancellable);
  efir_publisher_run_due_async (self->publisher, self->cancellable, run_finished_cb, data);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_outbox_worker_new:
 * @store: the window's archive
 *
 * Returns: (transfer full): a worker for @store's outbox, idle until
 *   efir_outbox_worker_start()
 */
EfirOutboxWorker *
efir_outbox_worker_new (EfirStore *store)
{
  EfirOutboxWorker *self;

  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  self = g_object_new (EFIR_TYPE_OUTBOX_WORKER, NULL);
  self->store = g_object_ref (store);
  self->publisher = efir_publisher_new (store);

  return self;
}

/**
 * efir_outbox_worker_get_publisher:
 * @self: a worker
 *
 * Returns: (transfer none): the publisher the worker runs jobs with, through
 *   which the window queues them
 */
EfirPublisher *
efir_outbox_worker_get_publisher (EfirOutboxWorker *self)
{
  g_return_val_if_fail (EFIR_IS_OUTBOX_WORKER (self), NULL);

  return self->publisher;
}

void
efir_outbox_worker_start (EfirOutboxWorker *self)
{
  g_return_if_fail (EFIR_IS_OUTBOX_WORKER (self));

  if (self->started)
    return;

  self->started = TRUE;
  g_hash_table_unref (self->scheduled);
  self->scheduled = read_scheduled (self);
  efir_outbox_worker_kick (self);
}

void
efir_outbox_worker_kick (EfirOutboxWorker *self)
{
  g_return_if_fail (EFIR_IS_OUTBOX_WORKER (self));

  if (!self->started)
    return;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  begin_run (self);
}

gboolean
efir_outbox_worker_get_busy (EfirOutboxWorker *self)
{
  g_return_val_if_fail (EFIR_IS_OUTBOX_WORKER (self), FALSE);

  return self->running;
}

gint64
efir_outbox_worker_get_episode_id (EfirOutboxWorker *self)
{
  g_return_val_if_fail (EFIR_IS_OUTBOX_WORKER (self), 0);

  return self->episode_id;
}

const char *
efir_outbox_worker_get_progress (EfirOutboxWorker *self)
{
  g_return_val_if_fail (EFIR_IS_OUTBOX_WORKER (self), NULL);

  return self->progress;
}

void
efir_outbox_worker_set_application (EfirOutboxWorker *self,
                                    GApplication     *application)
{
  g_return_if_fail (EFIR_IS_OUTBOX_WORKER (self));
  g_return_if_fail (application == NULL || G_IS_APPLICATION (application));

  g_set_weak_pointer (&self->application, application);
}

/**
 * efir_outbox_worker_new_went_live_notification:
 * @episode_id: the episode, opened by a click on the notification
 * @title: the episode's title
 * @link: (nullable): the post's address
 *
 * Returns: (transfer full): what the desktop shows when a scheduled post
 *   went live while Efir was open
 */
GNotification *
efir_outbox_worker_new_went_live_notification (gint64      episode_id,
                                               const char *title,
                                               const char *link)
{
  GNotification *notification = g_notification_new (_("Published on the Site"));
  g_autofree char *body = NULL;

  if (link != NULL && link[0] != '\0')
    /* Translators: the body of a notification: an episode's title, then its address */
    body = g_strdup_printf (_("“%s” is live at its scheduled time: %s"), title, link);
  else
    /* Translators: the body of a notification: an episode's title */
    body = g_strdup_printf (_("“%s” is live at its scheduled time."), title);

  g_notification_set_body (notification, body);
  /* A click opens the episode (EfirApplication's "open-episode"). */
  g_notification_set_default_action_and_target (notification, "app.open-episode", "x", episode_id);

  return notification;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_outbox_worker_dispose (GObject *object)
{
  EfirOutboxWorker *self = (EfirOutboxWorker *) object;

  /* The run in its thread stops between two requests and puts its job
   * back in the queue; its callback then leaves the worker alone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->publisher);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_outbox_worker_parent_class)->dispose (object);
}

static void
efir_outbox_worker_finalize (GObject *object)
{
  EfirOutboxWorker *self = (EfirOutboxWorker *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->scheduled, g_hash_table_unref);
  g_clear_pointer (&self->progress, g_free);

  G_OBJECT_CLASS (efir_outbox_worker_parent_class)->finalize (object);
}

static void
efir_outbox_worker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfirOutboxWorker *self = EFIR_OUTBOX_WORKER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_EPISODE_ID:
      g_value_set_int64 (value, self->episode_id);
      break;

    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_outbox_worker_class_init (EfirOutboxWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_outbox_worker_dispose;
  object_class->finalize = efir_outbox_worker_finalize;
  object_class->get_property = efir_outbox_worker_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPISODE_ID] =
    g_param_spec_int64 ("episode-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 5, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT,
                  G_TYPE_STRING);
  signals[WENT_LIVE] =
    g_signal_new ("went-live", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING);
}

static void
efir_outbox_worker_init (EfirOutboxWorker *self)
{
  self->cancellable = g_cancellable_new ();
  self->watched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->scheduled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) scheduled_post_free);
  self->progress = g_strdup ("");
}
