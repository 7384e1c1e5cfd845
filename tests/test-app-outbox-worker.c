/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-outbox-worker"

#include "config.h"

#include <gio/gio.h>

#include "efir-outbox-worker.h"
#include "efir-publisher.h"
#include "efir-store.h"
#include "efir-test-util.h"
#include "efir-test-wp-server.h"

/* The window's outbox worker against a site on loopback: what is due runs
 * without being asked, at start-up and when its time comes; the window
 * hears of each job that ends and of each scheduled post gone live; and a
 * window closed in the middle of a publication leaves no thread behind. */

/* Types ------------------------------------------------------------------ */

typedef struct
{
  EfirTestWpServer *server;
  char             *dir;
  EfirStore        *store;
  EfirPublisher    *publisher;
  gint64            site_id;
  gint64            episode_id;
  /* What the worker said. */
  GPtrArray        *finished;    /* "EPISODE JOB ACTION STATE LINK" */
  GPtrArray        *went_live;   /* "EPISODE TITLE LINK" */
  guint             n_runs;
} Fixture;

/* Helpers ---------------------------------------------------------------- */

static const char episode_json[] =
  "{\n"
  "  \"format\": \"efir-episode/1\",\n"
  "  \"program\": \"Çətin sual\",\n"
  "  \"number\": 7,\n"
  "  \"title\": \"Bakı və Moskva\",\n"
  "  \"summary\": \"Qısa xülasə.\"\n"
  "}\n";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db = NULL;

  f->server = efir_test_wp_server_new (NULL, NULL);
  f->dir = efir_test_make_dir ("efir-outbox-worker");
  db = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (db, &error);
  g_assert_no_error (error);

  g_setenv ("EFIR_SITE_PASSWORD", EFIR_TEST_WP_PASSWORD, TRUE);
  f->publisher = efir_publisher_new (f->store);
  url = efir_test_wp_server_get_url (f->server, "/");
  site = efir_publisher_add_site (f->publisher, url, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD,
                                  NULL, NULL, &error);
  g_assert_no_error (error);
  f->site_id = site->id;

  episode = efir_store_import_episode_json (f->store, episode_json, -1, &error);
  g_assert_no_error (error);
  f->episode_id = efir_episode_get_id (episode);

  f->finished = g_ptr_array_new_with_free_func (g_free);
  f->went_live = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->publisher);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->finished, g_ptr_array_unref);
  g_clear_pointer (&f->went_live, g_ptr_array_unref);
  g_clear_pointer (&f->server, efir_test_wp_server_free);
  g_unsetenv ("EFIR_SITE_PASSWORD");
}

static void
job_finished_cb (EfirOutboxWorker *worker,
                 gint64            episode_id,
                 gint64            job_id,
                 const char       *action,
                 int               state,
                 const char       *link,
                 Fixture          *f)
{
  g_ptr_array_add (f->finished,
                   g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s %s",
                                    episode_id, job_id, action,
                                    efir_job_state_to_string (state), link));
}

static void
went_live_cb (EfirOutboxWorker *worker,
              gint64            episode_id,
              const char       *title,
              const char       *link,
              Fixture          *f)
{
  g_ptr_array_add (f->went_live,
                   g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", episode_id, title, link));
}

static void
busy_changed_cb (EfirOutboxWorker *worker,
                 GParamSpec       *pspec,
                 Fixture          *f)
{
  if (!efir_outbox_worker_get_busy (worker))
    f->n_runs++;
}

static EfirOutboxWorker *
new_worker (Fixture *f)
{
  EfirOutboxWorker *worker = efir_outbox_worker_new (f->store);

  efir_publisher_set_timeout (efir_outbox_worker_get_publisher (worker), 5);
  g_signal_connect (worker, "job-finished", G_CALLBACK (job_finished_cb), f);
  g_signal_connect (worker, "went-live", G_CALLBACK (went_live_cb), f);
  g_signal_connect (worker, "notify::busy", G_CALLBACK (busy_changed_cb), f);

  return worker;
}

static gboolean
deadline_reached_cb (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@value is at least @at_least, for thirty
 * seconds at the most. */
static void
wait_for_count (const guint *value,
                guint        at_least)
{
  gboolean reached = FALSE;
  guint deadline = g_timeout_add_seconds (30, deadline_reached_cb, &reached);

  while (*value < at_least && !reached)
    g_main_context_iteration (NULL, TRUE);

  if (!reached)
    g_source_remove (deadline);
  g_assert_cmpuint (*value, >=, at_least);
}

static EfirOutboxJob *
get_job (Fixture *f,
         gint64   job_id)
{
  g_autoptr(GError) error = NULL;
  EfirOutboxJob *job = efir_store_get_job (f->store, job_id, &error);

  g_assert_no_error (error);

  return job;
}

static char *
published_link (Fixture *f)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  publication = efir_store_get_publication (f->store, f->episode_id, f->site_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (publication);
  g_assert_cmpstr (publication->link, !=, "");

  return g_strdup (publication->link);
}

/* Tests ------------------------------------------------------------------ */

static void
test_due_at_start (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EfirOutboxWorker) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *link = NULL;
  gint64 job_id;

  /* Queued while Efir was closed. */
  job_id = efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);

  worker = new_worker (f);
  efir_outbox_worker_start (worker);
  /* Start-up only starts the run: the first frame does not wait for the site. */
  g_assert_true (efir_outbox_worker_get_busy (worker));
  g_assert_cmpuint (f->finished->len, ==, 0);

  wait_for_count (&f->finished->len, 1);
  link = published_link (f);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " publish done %s",
                              f->episode_id, job_id, link);
  g_assert_cmpstr (g_ptr_array_index (f->finished, 0), ==, expected);
  wait_for_count (&f->n_runs, 1);
  g_assert_false (efir_outbox_worker_get_busy (worker));
  g_assert_cmpint (efir_outbox_worker_get_episode_id (worker), ==, 0);
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 1);
}

static void
test_kick (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(EfirOutboxWorker) worker = new_worker (f);
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 job_id;

  /* Nothing is due: the start runs nothing, and no thread opens the
   * archive to find that out. */
  efir_outbox_worker_start (worker);
  g_assert_false (efir_outbox_worker_get_busy (worker));
  g_assert_cmpuint (f->n_runs, ==, 0);

  /* Publish from the window: queued through the worker's publisher, then
   * a kick. A kick while a run is on runs again after it. */
  job_id = efir_publisher_enqueue (efir_outbox_worker_get_publisher (worker), f->episode_id, 0,
                                   EFIR_PUBLISH_DRAFT, NULL, &error);
  g_assert_no_error (error);
  efir_outbox_worker_kick (worker);
  efir_outbox_worker_kick (worker);
  wait_for_count (&f->finished->len, 1);

  job = get_job (f, job_id);
  g_assert_cmpint (job->state, ==, EFIR_JOB_DONE);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " draft done http",
                              f->episode_id, job_id);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->finished, 0), expected));
}

static void
test_retry_when_due (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EfirOutboxWorker) worker = NULL;
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(EfirOutboxJob) waiting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  /* A job put off until five seconds from now, as after a failure. */
  job_id = efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);
  job = get_job (f, job_id);
  job->state = EFIR_JOB_RETRYING;
  job->next_attempt_at = g_get_real_time () + 5 * G_USEC_PER_SEC;
  efir_store_update_job (f->store, job, &error);
  g_assert_no_error (error);

  worker = new_worker (f);
  efir_outbox_worker_start (worker);
  g_assert_false (efir_outbox_worker_get_busy (worker));

  /* Not yet due at start-up... */
  waiting = get_job (f, job_id);
  g_assert_cmpint (waiting->state, ==, EFIR_JOB_RETRYING);
  g_assert_cmpuint (f->finished->len, ==, 0);

  /* ...and the worker ran it by itself when it was. */
  wait_for_count (&f->finished->len, 1);
  g_clear_pointer (&job, efir_outbox_job_free);
  job = get_job (f, job_id);
  g_assert_cmpint (job->state, ==, EFIR_JOB_DONE);
}

static void
test_failed_job (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EfirOutboxWorker) worker = new_worker (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 job_id;

  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_STATUS, 403, "application/json",
                                 "{\"code\":\"rest_cannot_create\",\"message\":\"No.\"}", NULL,
                                 NULL);
  job_id = efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);

  efir_outbox_worker_start (worker);
  wait_for_count (&f->finished->len, 1);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " publish failed ",
                              f->episode_id, job_id);
  g_assert_cmpstr (g_ptr_array_index (f->finished, 0), ==, expected);
}

static void
test_went_live (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EfirOutboxWorker) worker = new_worker (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 5);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *link = NULL;

  /* Looked at as soon as its time comes, rather than minutes after. */
  efir_publisher_set_schedule_grace (efir_outbox_worker_get_publisher (worker), 0);
  efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_SCHEDULE, soon, &error);
  g_assert_no_error (error);

  efir_outbox_worker_start (worker);
  wait_for_count (&f->finished->len, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->finished, 0), " schedule done "));
  g_assert_cmpuint (f->went_live->len, ==, 0);

  /* The site's cron publishes it at its time. */
  efir_test_wp_server_publish_scheduled (f->server);
  wait_for_count (&f->went_live->len, 1);
  link = published_link (f);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " Bakı və Moskva %s", f->episode_id, link);
  g_assert_cmpstr (g_ptr_array_index (f->went_live, 0), ==, expected);

  notification = efir_outbox_worker_new_went_live_notification (f->episode_id, "Bakı və Moskva", link);
  g_assert_true (G_IS_NOTIFICATION (notification));
}

static gboolean
job_running (EfirStore *store,
             gint64     job_id)
{
  g_autoptr(EfirOutboxJob) job = efir_store_get_job (store, job_id, NULL);

  return job != NULL && job->state == EFIR_JOB_RUNNING;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_cancel_on_dispose (Fixture       *f,
                        gconstpointer  data)
{
  EfirOutboxWorker *worker = new_worker (f);
  EfirPublisher *publisher = efir_outbox_worker_get_publisher (worker);
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reached = FALSE;
  guint deadline;
  guint wake_up;
  gint64 job_id;

  /* The site holds every answer: the publication is on its way when the
   * window closes. */
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_PAUSE, 0, NULL, NULL, NULL, NULL);
  job_id = efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);

  efir_outbox_worker_start (worker);
  deadline = g_timeout_add_seconds (30, deadline_reached_cb, &reached);
  while (!job_running (f->store, job_id) && !reached)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);

  g_object_add_weak_pointer (G_OBJECT (publisher), (gpointer *) &publisher);
  g_object_unref (worker);

  /* The run's thread lets go of the publisher only when it has ended,
   * maybe in that thread: the loop wakes up to look. */
  wake_up = g_timeout_add (50, wake_up_cb, NULL);
  while (publisher != NULL && !reached)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (publisher);
  g_source_remove (wake_up);
  if (!reached)
    g_source_remove (deadline);

  /* What it was sending waits for the next start. */
  job = get_job (f, job_id);
  g_assert_cmpint (job->state, ==, EFIR_JOB_QUEUED);
  g_assert_cmpuint (f->finished->len, ==, 0);

  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  efir_test_wp_server_release (f->server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/app/outbox-worker/due-at-start", test_due_at_start);
  ADD ("/app/outbox-worker/kick", test_kick);
  ADD ("/app/outbox-worker/retry-when-due", test_retry_when_due);
  ADD ("/app/outbox-worker/failed-job", test_failed_job);
  ADD ("/app/outbox-worker/went-live", test_went_live);
  ADD ("/app/outbox-worker/cancel-on-dispose", test_cancel_on_dispose);

#undef ADD

  return g_test_run ();
}
