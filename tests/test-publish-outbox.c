/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-outbox"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "efir-episode-json.h"
#include "efir-publisher.h"
#include "efir-store.h"
#include "efir-test-util.h"
#include "efir-test-wp-server.h"
#include "efir-wp-error.h"

/* The outbox against a site that fails on purpose: each failure stops or
 * puts off the job with its own sentence, the draft stays as it was, and
 * nothing reaches the site twice. The same cases against a real WordPress
 * are in tests/wordpress/. */

/* Types ------------------------------------------------------------------ */

typedef struct
{
  EfirTestWpServer *server;
  char             *dir;
  char             *db;
  EfirStore        *store;
  gint64            site_id;
  gint64            episode_id;
  char             *draft_before;
} Fixture;

typedef struct
{
  const char      *name;
  EfirTestWpFault  fault;
  guint            status;
  const char      *content_type;
  const char      *body;
  const char      *header;
  const char      *value;
  EfirJobState     state;      /* what the job becomes */
  const char      *error_code;
} Failure;

static const Failure failures[] = {
  { "400", EFIR_TEST_WP_FAULT_STATUS, 400, "application/json",
    "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid parameter(s): status\"}", NULL, NULL,
    EFIR_JOB_FAILED, "bad-request" },
  { "401", EFIR_TEST_WP_FAULT_STATUS, 401, "application/json",
    "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid application password.\"}",
    NULL, NULL, EFIR_JOB_FAILED, "unauthorized" },
  { "403", EFIR_TEST_WP_FAULT_STATUS, 403, "application/json",
    "{\"code\":\"rest_cannot_create\",\"message\":\"Sorry, you are not allowed to create posts as this user.\"}",
    NULL, NULL, EFIR_JOB_FAILED, "forbidden" },
  { "404", EFIR_TEST_WP_FAULT_STATUS, 404, "application/json",
    "{\"code\":\"rest_no_route\",\"message\":\"No route was found.\"}", NULL, NULL,
    EFIR_JOB_FAILED, "not-found" },
  { "409", EFIR_TEST_WP_FAULT_STATUS, 409, "application/json",
    "{\"code\":\"rest_conflict\",\"message\":\"Conflict.\"}", NULL, NULL,
    EFIR_JOB_FAILED, "conflict" },
  { "429", EFIR_TEST_WP_FAULT_STATUS, 429, "application/json",
    "{\"code\":\"too_many_requests\",\"message\":\"Slow down.\"}", "Retry-After", "120",
    EFIR_JOB_RETRYING, "rate-limited" },
  { "500", EFIR_TEST_WP_FAULT_STATUS, 500, "application/json",
    "{\"code\":\"internal_server_error\",\"message\":\"There has been a critical error.\"}", NULL,
    NULL, EFIR_JOB_RETRYING, "server" },
  { "502", EFIR_TEST_WP_FAULT_STATUS, 502, "text/html", "<html>Bad Gateway</html>", NULL, NULL,
    EFIR_JOB_RETRYING, "server" },
  { "503", EFIR_TEST_WP_FAULT_STATUS, 503, "text/html", "<html>Maintenance</html>", "Retry-After",
    "30", EFIR_JOB_RETRYING, "server" },
  { "reset", EFIR_TEST_WP_FAULT_RESET, 0, NULL, NULL, NULL, NULL,
    EFIR_JOB_RETRYING, "network" },
  { "invalid-json", EFIR_TEST_WP_FAULT_STATUS, 200, "application/json", "{\"id\": 12,", NULL,
    NULL, EFIR_JOB_FAILED, "invalid-response" },
  { "html-200", EFIR_TEST_WP_FAULT_STATUS, 200, "text/html",
    "<html><body>Please log in to the hotel Wi-Fi</body></html>", NULL, NULL,
    EFIR_JOB_FAILED, "invalid-response" },
};

/* Helpers ---------------------------------------------------------------- */

static const char episode_json[] =
  "{\n"
  "  \"format\": \"efir-episode/1\",\n"
  "  \"program\": \"Çətin sual\",\n"
  "  \"number\": 7,\n"
  "  \"title\": \"Çətin sual: Bakı və Moskva\",\n"
  "  \"air_date\": \"2024-10-04T20:00:00+04:00\",\n"
  "  \"video_url\": \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\n"
  "  \"guests\": [{\"name\": \"Nəsimi Məmmədli\", \"role\": \"Politoloq\"}],\n"
  "  \"summary\": \"Qısa **xülasə**.\",\n"
  "  \"tags\": [\"Rusiya\"]\n"
  "}\n";

/* The episode as stored, but for its status. */
static char *
stored_draft (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_store_load_episode (f->store, f->episode_id, &error);

  g_assert_no_error (error);
  /* What the producer wrote; its status may rightly say a job failed. */
  efir_episode_set_status (episode, EFIR_EPISODE_STATUS_DRAFT);

  return efir_episode_to_json (episode, TRUE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->server = efir_test_wp_server_new (NULL, NULL);
  f->dir = efir_test_make_dir ("efir-publish-outbox");
  f->db = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db, &error);
  g_assert_no_error (error);

  g_setenv ("EFIR_SITE_PASSWORD", EFIR_TEST_WP_PASSWORD, TRUE);
  publisher = efir_publisher_new (f->store);
  url = efir_test_wp_server_get_url (f->server, "/");
  site = efir_publisher_add_site (publisher, url, EFIR_TEST_WP_USER, EFIR_TEST_WP_PASSWORD, NULL,
                                  NULL, &error);
  g_assert_no_error (error);
  f->site_id = site->id;

  episode = efir_store_import_episode_json (f->store, episode_json, -1, &error);
  g_assert_no_error (error);
  f->episode_id = efir_episode_get_id (episode);
  f->draft_before = stored_draft (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->db, g_free);
  g_clear_pointer (&f->draft_before, g_free);
  g_clear_pointer (&f->server, efir_test_wp_server_free);
  g_unsetenv ("EFIR_SITE_PASSWORD");
}

static EfirPublisher *
new_publisher (Fixture *f)
{
  EfirPublisher *publisher = efir_publisher_new (f->store);

  /* A retry is due at once, so that a test can run it without waiting;
   * the timeout is short for the one test that waits for it. */
  efir_publisher_set_retry_base (publisher, 1);
  efir_publisher_set_timeout (publisher, 2);

  return publisher;
}

static gint64
enqueue (Fixture *f)
{
  g_autoptr(EfirPublisher) publisher = new_publisher (f);
  g_autoptr(GError) error = NULL;
  gint64 job_id = efir_publisher_enqueue (publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL,
                                          &error);

  g_assert_no_error (error);

  return job_id;
}

static void
run_due (Fixture *f,
         guint    expect_done,
         guint    expect_stopped)
{
  g_autoptr(EfirPublisher) publisher = new_publisher (f);
  g_autoptr(GError) error = NULL;
  guint n_done = 99;
  guint n_stopped = 99;

  efir_publisher_run_due (publisher, &n_done, &n_stopped, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, expect_done);
  g_assert_cmpuint (n_stopped, ==, expect_stopped);
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

/* Tests ------------------------------------------------------------------ */

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) sentences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const Failure *failure = &failures[i];
      g_autoptr(EfirOutboxJob) job = NULL;
      g_autofree char *draft_after = NULL;
      gboolean stops = failure->state != EFIR_JOB_RETRYING;
      gint64 job_id;

      g_test_message ("%s", failure->name);
      efir_test_wp_server_set_fault (f->server, failure->fault, failure->status,
                                     failure->content_type, failure->body, failure->header,
                                     failure->value);
      job_id = enqueue (f);
      run_due (f, 0, stops ? 1 : 0);

      job = get_job (f, job_id);
      g_assert_cmpint (job->state, ==, failure->state);
      g_assert_cmpstr (job->error_code, ==, failure->error_code);
      g_assert_cmpint (job->attempts, ==, 1);
      g_assert_cmpstr (job->last_error, !=, "");

      /* A sentence of its own for each failure. */
      if (g_hash_table_contains (sentences, job->last_error))
        g_error ("“%s” says what another failure said: %s", failure->name, job->last_error);
      g_hash_table_add (sentences, g_strdup (job->last_error));

      if (failure->header != NULL)
        {
          /* The site's Retry-After is respected, beyond the backoff. */
          gint64 wait = job->next_attempt_at - g_get_real_time ();

          g_assert_cmpint (wait, >, (g_ascii_strtoll (failure->value, NULL, 10) - 5) * G_USEC_PER_SEC);
        }

      /* The draft stays as it was, and nothing reached the site. */
      draft_after = stored_draft (f);
      g_assert_cmpstr (draft_after, ==, f->draft_before);
      g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 0);
    }
}

static void
test_transient_then_done (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EfirOutboxJob) retrying = NULL;
  g_autoptr(EfirOutboxJob) done = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_STATUS, 503, "text/html",
                                 "<html>Maintenance</html>", NULL, NULL);
  job_id = enqueue (f);
  run_due (f, 0, 0);
  retrying = get_job (f, job_id);
  g_assert_cmpint (retrying->state, ==, EFIR_JOB_RETRYING);

  /* Efir is closed and opened again: the job is still there, and runs
   * once the site is back. */
  g_clear_object (&f->store);
  f->store = efir_store_open (f->db, &error);
  g_assert_no_error (error);
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  g_usleep (1000);
  run_due (f, 1, 0);

  done = get_job (f, job_id);
  g_assert_cmpint (done->state, ==, EFIR_JOB_DONE);
  g_assert_cmpint (done->attempts, ==, 2);
  publication = efir_store_get_publication (f->store, f->episode_id, f->site_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (publication->remote_id, >, 0);
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 1);
}

static void
check_landed_once (Fixture         *f,
                   EfirTestWpFault  fault)
{
  g_autoptr(EfirOutboxJob) first = NULL;
  g_autoptr(EfirOutboxJob) second = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  efir_test_wp_server_set_fault (f->server, fault, 0, NULL, NULL, NULL, NULL);
  job_id = enqueue (f);
  run_due (f, 0, 0);

  /* The site stored the post, Efir never heard: put off, not failed. */
  first = get_job (f, job_id);
  g_assert_cmpint (first->state, ==, EFIR_JOB_RETRYING);
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 1);

  /* The next attempt finds the post by the episode's marker and updates
   * it: one post, never two. */
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  efir_test_wp_server_release (f->server);
  g_usleep (1000);
  run_due (f, 1, 0);

  second = get_job (f, job_id);
  g_assert_cmpint (second->state, ==, EFIR_JOB_DONE);
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 1);
  publication = efir_store_get_publication (f->store, f->episode_id, f->site_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (publication->remote_id, >, 0);
}

static void
test_dropped_after_store (Fixture       *f,
                          gconstpointer  data)
{
  check_landed_once (f, EFIR_TEST_WP_FAULT_DROP_AFTER_STORE);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EfirOutboxJob) job = NULL;
  gint64 job_id;

  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_PAUSE, 0, NULL, NULL, NULL, NULL);
  job_id = enqueue (f);
  run_due (f, 0, 0);
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  efir_test_wp_server_release (f->server);

  job = get_job (f, job_id);
  g_assert_cmpint (job->state, ==, EFIR_JOB_RETRYING);
  g_assert_cmpstr (job->error_code, ==, "timeout");
}

static void
test_new_job_replaces_waiting_one (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(EfirOutboxJob) first = NULL;
  gint64 first_id;

  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_STATUS, 503, "text/html", "", NULL,
                                 NULL);
  first_id = enqueue (f);
  run_due (f, 0, 0);
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);

  /* The producer's last word is what the site gets, once. */
  enqueue (f);
  g_usleep (1000);
  run_due (f, 1, 0);
  first = get_job (f, first_id);
  g_assert_cmpint (first->state, ==, EFIR_JOB_CANCELLED);
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 1);
}

static void
run_due_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  gboolean *finished = user_data;
  g_autoptr(GError) error = NULL;
  guint n_done = 0;
  guint n_stopped = 0;

  efir_publisher_run_due_finish (EFIR_PUBLISHER (source), result, &n_done, &n_stopped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, 1);
  g_assert_cmpuint (n_stopped, ==, 0);
  *finished = TRUE;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(EfirPublisher) publisher = new_publisher (f);
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  gboolean finished = FALSE;

  enqueue (f);
  efir_publisher_run_due_async (publisher, NULL, run_due_finished_cb, &finished);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);

  publication = efir_store_get_publication (f->store, f->episode_id, f->site_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (publication);
  g_assert_cmpstr (publication->remote_status, ==, "publish");
}

static void
test_past_schedule_refused_at_run (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(EfirPublisher) publisher = new_publisher (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 1);
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gint64 job_id;

  /* Scheduled for a second from now, run after it passed (Efir was
   * offline): nothing is published by surprise. */
  job_id = efir_publisher_enqueue (publisher, f->episode_id, 0, EFIR_PUBLISH_SCHEDULE, soon, &error);
  g_assert_no_error (error);
  g_usleep (1200 * 1000);
  run_due (f, 0, 1);

  job = get_job (f, job_id);
  g_assert_cmpint (job->state, ==, EFIR_JOB_FAILED);
  g_assert_nonnull (strstr (job->last_error, "passed"));
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (f->server), ==, 0);
}

static gint64
import_episode (Fixture    *f,
                const char *title)
{
  g_autofree char *json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"program\": "
                                           "\"Çətin sual\", \"title\": \"%s\"}", title);
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;

  episode = efir_store_import_episode_json (f->store, json, -1, &error);
  g_assert_no_error (error);

  return efir_episode_get_id (episode);
}

/* The kinds and titles of the schedule, in its order: "published:Title …". */
static char *
schedule_of (Fixture *f,
             gint64   published_since)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  static const char *kinds[] = { "scheduled", "published", "waiting", "failed", "conflict" };

  entries = efir_store_list_schedule (f->store, published_since, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      EfirScheduleEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "", kinds[entry->kind],
                              entry->title);
      g_assert_cmpstr (entry->program_name, ==, "Çətin sual");
      g_assert_cmpstr (entry->program_time_zone, ==, "Asia/Baku");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(EfirPublisher) publisher = new_publisher (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *recent = NULL;
  g_autofree char *settled = NULL;
  g_autofree char *trashed = NULL;
  gint64 scheduled_id = import_episode (f, "Sabah");
  gint64 failing_id = import_episode (f, "Alınmayan");
  gint64 now_usec = g_get_real_time ();

  /* Nothing is on its way anywhere yet. */
  all = schedule_of (f, 0);
  g_assert_cmpstr (all, ==, "");
  g_clear_pointer (&all, g_free);

  /* Published (the test site dates its posts on the evening of
   * 2026-12-06), scheduled an hour from now, and a publication the site
   * refused, which shows when it was refused: now. */
  efir_publisher_enqueue (publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);
  efir_publisher_enqueue (publisher, scheduled_id, 0, EFIR_PUBLISH_SCHEDULE, later, &error);
  g_assert_no_error (error);
  run_due (f, 2, 0);
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_STATUS, 403, "application/json",
                                 "{\"code\":\"rest_cannot_create\",\"message\":\"No.\"}",
                                 NULL, NULL);
  efir_publisher_enqueue (publisher, failing_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);
  run_due (f, 0, 1);

  all = schedule_of (f, 0);
  g_assert_cmpstr (all, ==, "published:Çətin sual: Bakı və Moskva failed:Alınmayan scheduled:Sabah");

  /* Published before the fortnight shown: left out. */
  recent = schedule_of (f, now_usec + G_TIME_SPAN_DAY);
  g_assert_cmpstr (recent, ==, "failed:Alınmayan scheduled:Sabah");

  /* Published at the second try: the failure says nothing any more. */
  efir_test_wp_server_set_fault (f->server, EFIR_TEST_WP_FAULT_NONE, 0, NULL, NULL, NULL, NULL);
  efir_publisher_enqueue (publisher, failing_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);
  settled = schedule_of (f, 0);
  g_assert_cmpstr (settled, ==,
                   "published:Çətin sual: Bakı və Moskva waiting:Alınmayan scheduled:Sabah");

  /* An episode in the trash is nobody's schedule. */
  efir_store_trash_episode (f->store, scheduled_id, &error);
  g_assert_no_error (error);
  trashed = schedule_of (f, 0);
  g_assert_cmpstr (trashed, ==, "published:Çətin sual: Bakı və Moskva waiting:Alınmayan");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/publish/outbox/failures", test_failures);
  ADD ("/publish/outbox/transient-then-done", test_transient_then_done);
  ADD ("/publish/outbox/dropped-after-store", test_dropped_after_store);
  ADD ("/publish/outbox/timeout", test_timeout);
  ADD ("/publish/outbox/new-job-replaces-waiting-one", test_new_job_replaces_waiting_one);
  ADD ("/publish/outbox/async", test_async);
  ADD ("/publish/outbox/past-schedule-refused-at-run", test_past_schedule_refused_at_run);
  ADD ("/publish/outbox/schedule", test_schedule);

#undef ADD

  return g_test_run ();
}
