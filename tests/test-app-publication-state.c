/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-publication-state"

#include "config.h"

#include <string.h>

#include "efir-publication-state.h"

/* What the publication panel says and offers, from what the archive
 * knows. */

static EfirSite site = { .id = 1, .url = (char *) "https://example.az/", .can_publish = TRUE };

static EfirPublicationView *
view_of (const char   *remote_status,
         const char   *job_action,
         EfirJobState  job_state)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  EfirPublication publication = {
    .episode_id = 7, .site_id = 1, .remote_id = remote_status != NULL ? 42 : 0,
    .link = (char *) "https://example.az/cetin-sual-112/",
    .remote_status = (char *) (remote_status != NULL ? remote_status : ""),
    .date_gmt = (char *) "2024-10-04T16:00:00",
  };
  EfirOutboxJob job = {
    .id = 3, .episode_id = 7, .site_id = 1, .action = (char *) job_action, .state = job_state,
    .last_error = (char *) "The site did not answer in time.", .progress = (char *) "Uploading the image",
  };

  return efir_publication_view_new (&site, remote_status != NULL ? &publication : NULL,
                                    job_action != NULL ? &job : NULL, baku, berlin);
}

static void
test_no_site (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(EfirPublicationView) view = efir_publication_view_new (NULL, NULL, NULL, utc, utc);

  g_assert_cmpint (view->state, ==, EFIR_PUBLICATION_NO_SITE);
  g_assert_cmpint (view->actions, ==, 0);
  g_assert_nonnull (strstr (view->detail, "Preferences"));
}

static void
test_not_on_site (void)
{
  g_autoptr(EfirPublicationView) view = view_of (NULL, NULL, EFIR_JOB_QUEUED);

  g_assert_cmpint (view->state, ==, EFIR_PUBLICATION_NOT_ON_SITE);
  /* Nothing to withdraw, trash or compare before it was sent. */
  g_assert_cmpint (view->actions, ==, EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_SCHEDULE
                                      | EFIR_PUBLICATION_CAN_DRAFT);
  g_assert_null (view->link);
}

static void
test_published_has_link (void)
{
  g_autoptr(EfirPublicationView) view = view_of ("publish", "publish", EFIR_JOB_DONE);

  g_assert_cmpint (view->state, ==, EFIR_PUBLICATION_PUBLISHED);
  g_assert_cmpstr (view->link, ==, "https://example.az/cetin-sual-112/");
  g_assert_true (view->actions & EFIR_PUBLICATION_CAN_VIEW);
  g_assert_true (view->actions & EFIR_PUBLICATION_CAN_WITHDRAW);
  g_assert_true (view->actions & EFIR_PUBLICATION_CAN_COMPARE);
  g_assert_false (view->actions & EFIR_PUBLICATION_CAN_DRAFT);
  /* Publishing again sends the changes. */
  g_assert_cmpstr (view->publish_label, ==, "_Update on Site");
}

static void
test_scheduled_in_both_zones (void)
{
  g_autoptr(EfirPublicationView) view = view_of ("future", "schedule", EFIR_JOB_DONE);

  g_assert_cmpint (view->state, ==, EFIR_PUBLICATION_SCHEDULED);
  /* 16:00 UTC is 20:00 in Baku and 18:00 in Berlin that day. */
  g_assert_cmpstr (view->headline, ==, "Scheduled for Fri, 4 October 2024, 20:00 · 18:00 here");
  /* Schedule… suggests that time again. */
  g_assert_nonnull (view->scheduled);
  g_assert_cmpint (g_date_time_to_unix (view->scheduled), ==, 1728057600);
  g_assert_true (view->actions & EFIR_PUBLICATION_CAN_PUBLISH);
  g_assert_cmpstr (view->publish_label, ==, "_Publish Now");
}

static void
test_same_clock_written_once (void)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autofree char *when = efir_publication_state_format_when ("2024-10-04T16:00:00", baku, baku);
  g_autofree char *next_day = NULL;
  g_autoptr(GTimeZone) la = g_time_zone_new_identifier ("America/Los_Angeles");

  g_assert_cmpstr (when, ==, "Fri, 4 October 2024, 20:00");
  /* Another day on the viewer's clock says which day. */
  next_day = efir_publication_state_format_when ("2024-10-04T22:00:00", la, baku);
  g_assert_cmpstr (next_day, ==, "Fri, 4 October 2024, 15:00 · Sat, 5 October 2024, 02:00 here");
}

static void
test_withdrawn_draft (void)
{
  g_autoptr(EfirPublicationView) withdrawn = view_of ("draft", "withdraw", EFIR_JOB_DONE);
  g_autoptr(EfirPublicationView) draft = view_of ("draft", "draft", EFIR_JOB_DONE);

  g_assert_cmpint (withdrawn->state, ==, EFIR_PUBLICATION_WITHDRAWN);
  g_assert_cmpint (draft->state, ==, EFIR_PUBLICATION_DRAFT);
  g_assert_false (draft->actions & EFIR_PUBLICATION_CAN_WITHDRAW);
  g_assert_true (draft->actions & EFIR_PUBLICATION_CAN_PUBLISH);
}

static void
test_sending_offers_nothing (void)
{
  g_autoptr(EfirPublicationView) running = view_of ("publish", "publish", EFIR_JOB_RUNNING);
  g_autoptr(EfirPublicationView) retrying = view_of (NULL, "publish", EFIR_JOB_RETRYING);

  g_assert_cmpint (running->state, ==, EFIR_PUBLICATION_SENDING);
  g_assert_cmpint (running->actions, ==, 0);
  g_assert_cmpstr (running->detail, ==, "Uploading the image");
  g_assert_cmpstr (retrying->detail, ==, "The site did not answer in time. Efir tries again by itself.");
}

static void
test_failed_says_why (void)
{
  g_autoptr(EfirPublicationView) view = view_of ("publish", "publish", EFIR_JOB_FAILED);

  g_assert_cmpint (view->state, ==, EFIR_PUBLICATION_FAILED);
  g_assert_cmpstr (view->detail, ==, "The site did not answer in time.");
  g_assert_true (view->actions & EFIR_PUBLICATION_CAN_RETRY);
  g_assert_cmpint (view->job_id, ==, 3);
}

static void
test_conflict_waits_for_choice (void)
{
  g_autoptr(EfirPublicationView) view = view_of ("publish", "publish", EFIR_JOB_CONFLICT);

  g_assert_cmpint (view->state, ==, EFIR_PUBLICATION_CONFLICT);
  g_assert_cmpint (view->actions, ==, EFIR_PUBLICATION_CAN_RESOLVE | EFIR_PUBLICATION_CAN_COMPARE);
  g_assert_cmpint (view->job_id, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/publication-state/no-site", test_no_site);
  g_test_add_func ("/app/publication-state/not-on-site", test_not_on_site);
  g_test_add_func ("/app/publication-state/published-has-link", test_published_has_link);
  g_test_add_func ("/app/publication-state/scheduled-in-both-zones", test_scheduled_in_both_zones);
  g_test_add_func ("/app/publication-state/same-clock-written-once", test_same_clock_written_once);
  g_test_add_func ("/app/publication-state/withdrawn-draft", test_withdrawn_draft);
  g_test_add_func ("/app/publication-state/sending-offers-nothing", test_sending_offers_nothing);
  g_test_add_func ("/app/publication-state/failed-says-why", test_failed_says_why);
  g_test_add_func ("/app/publication-state/conflict-waits-for-choice", test_conflict_waits_for_choice);

  return g_test_run ();
}
