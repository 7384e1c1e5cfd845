/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "efir-application.h"
#include "efir-editor-state.h"
#include "efir-outbox-worker.h"
#include "efir-schedule-page.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-wp-test-util.h"

/* The Schedule page against a real WordPress, seen from Berlin (the test
 * runs with TZ=Europe/Berlin) for a programme in Baku: a scheduled episode
 * shows under the viewer's day with both clocks, and a schedule the site
 * missed is published from its row. */

/* One application for the whole test program: GApplication registers once
 * per process. */
static EfirApplication *app;
static EfirTestWordPress *wp;

typedef struct
{
  char             *dir;
  EfirStore        *store;
  EfirOutboxWorker *worker;
  GtkWidget        *window;
  GtkWidget        *page;
  gint64            site_id;
  gint64            episode_id;
  gint64            opened;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  f->dir = efir_test_make_dir ("efir-ui-schedule");
  db_path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (db_path, &error);
  g_assert_no_error (error);

  efir_program_set_time_zone (program, "Asia/Baku");
  g_assert_true (efir_store_save_program (f->store, program, &error));
  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, "Rusiya və İran");
  g_assert_true (efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error));
  f->episode_id = efir_episode_get_id (episode);

  g_setenv ("EFIR_SITE_PASSWORD", wp->admin_password, TRUE);
  publisher = efir_publisher_new (f->store);
  site = efir_publisher_add_site (publisher, wp->url, wp->admin_user, wp->admin_password, NULL,
                                  NULL, &error);
  g_assert_no_error (error);
  f->site_id = site->id;

  f->worker = efir_outbox_worker_new (f->store);
  efir_outbox_worker_set_application (f->worker, G_APPLICATION (app));
  f->page = efir_schedule_page_new (f->store, f->worker);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&f->worker);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->dir);
  g_unsetenv ("EFIR_SITE_PASSWORD");
}

/* Helpers ---------------------------------------------------------------- */

static gint64
remote_id (Fixture *f)
{
  g_autoptr(EfirPublication) publication = NULL;

  publication = efir_store_get_publication (f->store, f->episode_id, f->site_id, NULL);

  return publication != NULL ? publication->remote_id : 0;
}

static char *
site_status (Fixture *f)
{
  return efir_test_wordpress_evalf (wp, "echo get_post_status (%" G_GINT64_FORMAT ");", remote_id (f));
}

static GtkWidget *
state_label (Fixture *f)
{
  return efir_ui_test_find_by_name (f->page, "state");
}

static gboolean
state_reads (gpointer data)
{
  Fixture *f = data;
  const char *expected = g_object_get_data (G_OBJECT (f->page), "expected-state");
  GtkWidget *label = state_label (f);

  return label != NULL && g_str_equal (gtk_label_get_label (GTK_LABEL (label)), expected);
}

/* Waits until the episode's row says @state. */
static void
wait_for_state (Fixture    *f,
                const char *state)
{
  GtkWidget *label;

  g_object_set_data_full (G_OBJECT (f->page), "expected-state", g_strdup (state), g_free);
  if (efir_ui_test_wait_for (state_reads, f))
    return;

  label = state_label (f);
  g_assert_cmpstr (label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : "(no row)", ==, state);
}

static void
episode_opened_cb (EfirSchedulePage *page,
                   gint64            episode_id,
                   Fixture          *f)
{
  f->opened = episode_id;
}

/* Tests ------------------------------------------------------------------ */

static void
test_both_zones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) today = g_date_time_new_now (baku);
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) in_berlin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *berlin_time = NULL;
  g_autofree char *status = NULL;
  GtkWidget *row;
  GtkWidget *group;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "Europe/Berlin");

  /* Two days on, at 02:00 in Baku: still the evening before in Berlin. */
  base = g_date_time_new (baku, g_date_time_get_year (today), g_date_time_get_month (today),
                          g_date_time_get_day_of_month (today), 2, 0, 0);
  at = g_date_time_add_days (base, 2);
  in_berlin = g_date_time_to_timezone (at, berlin);
  day = efir_editor_state_format_day (in_berlin);
  berlin_time = g_date_time_format (in_berlin, "%H:%M");
  /* Baku is 4 hours ahead of UTC all year, Berlin 1 or 2. */
  g_assert_true (g_str_equal (berlin_time, "23:00") || g_str_equal (berlin_time, "00:00"));

  /* Nothing is scheduled yet. */
  g_assert_true (efir_ui_test_has_mapped_label (f->page, "Nothing Scheduled"));

  efir_publisher_enqueue (efir_outbox_worker_get_publisher (f->worker), f->episode_id, 0,
                          EFIR_PUBLISH_SCHEDULE, at, &error);
  g_assert_no_error (error);
  efir_outbox_worker_start (f->worker);
  wait_for_state (f, "Scheduled");

  status = site_status (f);
  g_assert_cmpstr (status, ==, "future");

  row = gtk_widget_get_ancestor (state_label (f), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "112. Rusiya və İran");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Çətin sual");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (efir_ui_test_find_by_name (row, "time"))), ==,
                   berlin_time);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (efir_ui_test_find_by_name (row,
                                                                              "program-time"))),
                   ==, "02:00 Baku");
  g_assert_null (efir_ui_test_find_by_name (row, "publish-now"));

  /* Under Berlin's day, not Baku's. */
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, day);

  /* The row opens its episode. */
  g_signal_connect (f->page, "open-episode", G_CALLBACK (episode_opened_cb), f);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_cmpint (f->opened, ==, f->episode_id);
}

static gboolean
site_published (gpointer data)
{
  Fixture *f = data;
  g_autofree char *status = site_status (f);

  return g_str_equal (status, "publish");
}

/* Moves the post's time a minute into the past, on the site and in the
 * archive alike, as if its time had come: WordPress publishes a post
 * scheduled less than a minute ahead at once, so a test cannot schedule
 * one closer. */
static void
let_time_pass (Fixture *f)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) past = g_date_time_add_minutes (now, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  out = efir_test_wordpress_evalf (wp, "global $wpdb;"
                                       "$gmt = gmdate ('Y-m-d H:i:s', time () - 60);"
                                       "$wpdb->update ($wpdb->posts, array ('post_date_gmt' => $gmt,"
                                       "  'post_date' => get_date_from_gmt ($gmt)), array ('ID' => %" G_GINT64_FORMAT "));"
                                       "clean_post_cache (%" G_GINT64_FORMAT ");",
                                       remote_id (f), remote_id (f));

  publication = efir_store_get_publication (f->store, f->episode_id, f->site_id, &error);
  g_assert_no_error (error);
  g_free (publication->date_gmt);
  publication->date_gmt = g_date_time_format (past, "%Y-%m-%dT%H:%M:%S");
  g_assert_true (efir_store_save_publication (f->store, publication,
                                              EFIR_EPISODE_STATUS_SCHEDULED, 0, &error));
  g_assert_no_error (error);
}

static void
test_missed_publish_now (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  GtkWidget *button;

  efir_publisher_enqueue (efir_outbox_worker_get_publisher (f->worker), f->episode_id, 0,
                          EFIR_PUBLISH_SCHEDULE, later, &error);
  g_assert_no_error (error);
  efir_outbox_worker_start (f->worker);
  wait_for_state (f, "Scheduled");

  /* The test site runs no cron: its time passes and the post stays
   * scheduled, as on a site whose cron failed. */
  let_time_pass (f);
  efir_schedule_page_reload (EFIR_SCHEDULE_PAGE (f->page));
  wait_for_state (f, "Missed");
  status = site_status (f);
  g_assert_cmpstr (status, ==, "future");

  button = efir_ui_test_find_by_name (f->page, "publish-now");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  gtk_widget_activate (button);

  wait_for_state (f, "Published");
  g_assert_true (site_published (f));
  g_assert_null (efir_ui_test_find_by_name (f->page, "publish-now"));
}

static gboolean
frames_passed (gpointer data)
{
  guint *frames = data;

  return *frames >= 3;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Runs the window for a few frames, so that it is laid out again. */
static void
let_frames_pass (Fixture *f)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (f->window, count_frame_cb, &frames, NULL);

  g_assert_true (efir_ui_test_wait_for (frames_passed, &frames));
  gtk_widget_remove_tick_callback (f->window, id);
}

/* A week of programmes scheduled on the site, the producer scrolled down
 * to Friday's: a reload (a job ending, a change from efir-cli) keeps the
 * page where the producer is reading. */
static void
test_reload_keeps_place (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) first = efir_store_load_episode (f->store, f->episode_id, &error);
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  double place;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(EfirEpisode) episode = efir_episode_new ();
      g_autoptr(GDateTime) at = g_date_time_add_hours (now, 12 * (i + 1));
      g_autofree char *date_gmt = g_date_time_format (at, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *title = g_strdup_printf ("Buraxılış %u", i + 1);
      EfirPublication publication = {
        .site_id = f->site_id,
        .remote_id = 1000 + i,
        .link = (char *) "",
        .remote_status = (char *) "future",
        .date_gmt = date_gmt,
        .modified_gmt = date_gmt,
        .content_hash = (char *) "",
        .image_hash = (char *) "",
      };

      efir_episode_set_program_id (episode, efir_episode_get_program_id (first));
      efir_episode_set_title (episode, title);
      g_assert_true (efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error));
      publication.episode_id = efir_episode_get_id (episode);
      g_assert_true (efir_store_save_publication (f->store, &publication,
                                                  EFIR_EPISODE_STATUS_SCHEDULED, 0, &error));
      g_assert_no_error (error);
    }

  efir_schedule_page_reload (EFIR_SCHEDULE_PAGE (f->page));
  let_frames_pass (f);
  scroller = gtk_widget_get_ancestor (efir_ui_test_find_by_name (f->page, "day"),
                                      GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 3 * gtk_adjustment_get_page_size (adjustment));

  place = gtk_adjustment_get_upper (adjustment) / 2;
  gtk_adjustment_set_value (adjustment, place);
  let_frames_pass (f);

  efir_schedule_page_reload (EFIR_SCHEDULE_PAGE (f->page));
  let_frames_pass (f);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), place, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  wp = efir_test_wordpress_start (FALSE, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/schedule/both-zones", Fixture, NULL,
              fixture_set_up, test_both_zones, fixture_tear_down);
  g_test_add ("/ui/schedule/missed-publish-now", Fixture, NULL,
              fixture_set_up, test_missed_publish_now, fixture_tear_down);
  g_test_add ("/ui/schedule/reload-keeps-place", Fixture, NULL,
              fixture_set_up, test_reload_keeps_place, fixture_tear_down);

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&wp, efir_test_wordpress_stop);
  return status;
}
