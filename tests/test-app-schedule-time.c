/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-schedule-time"

#include "config.h"

#include "efir-schedule-page.h"

/* The time of a row of the Schedule: the viewer's clock, and the
 * programme's beside it only where it reads otherwise; and which rows are
 * schedules missed. */

static void
test_both_clocks (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *program_time = NULL;
  g_autofree char *time = NULL;

  /* 02:00 in Baku on 8 December is 23:00 in Berlin on the 7th. */
  time = efir_schedule_page_format_time ("2026-12-07T22:00:00", "Asia/Baku", berlin,
                                         &program_time);
  g_assert_cmpstr (time, ==, "23:00");
  g_assert_cmpstr (program_time, ==, "02:00 Baku");
}

static void
test_one_clock (void)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autofree char *program_time = NULL;
  g_autofree char *time = NULL;
  g_autofree char *winter = NULL;
  g_autofree char *summer = NULL;

  /* The viewer in the programme's own zone sees one time. */
  time = efir_schedule_page_format_time ("2026-12-07T16:00:00", "Asia/Baku", baku, &program_time);
  g_assert_cmpstr (time, ==, "20:00");
  g_assert_null (program_time);

  /* Two zones whose clocks agree that day show one; in summer, two. */
  winter = efir_schedule_page_format_time ("2026-12-07T16:00:00", "Europe/Lisbon", london,
                                           &program_time);
  g_assert_cmpstr (winter, ==, "16:00");
  g_assert_null (program_time);
  summer = efir_schedule_page_format_time ("2026-07-07T16:00:00", "Atlantic/Azores", london,
                                           &program_time);
  g_assert_cmpstr (summer, ==, "17:00");
  g_assert_cmpstr (program_time, ==, "16:00 Azores");
}

static void
test_unreadable (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *program_time = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *unknown_zone = NULL;

  empty = efir_schedule_page_format_time ("", "Asia/Baku", berlin, &program_time);
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (program_time);

  /* A zone this system does not know: the viewer's time alone. */
  unknown_zone = efir_schedule_page_format_time ("2026-12-07T16:00:00", "Nowhere/Atlantis",
                                                 berlin, &program_time);
  g_assert_cmpstr (unknown_zone, ==, "17:00");
  g_assert_null (program_time);
}

static void
test_missed (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 12, 7, 16, 0, 0);
  EfirScheduleEntry entry = { 0 };

  /* A post the site holds as scheduled: missed once its time passed. */
  entry.kind = EFIR_SCHEDULE_SCHEDULED;
  entry.action = (char *) "";
  entry.at = (char *) "2026-12-07T16:00:01";
  g_assert_false (efir_schedule_page_is_missed (&entry, now));
  entry.at = (char *) "2026-12-07T15:59:00";
  g_assert_true (efir_schedule_page_is_missed (&entry, now));

  /* A scheduled publication that failed, its time gone: missed too. A
   * publication that failed to go out at once is a failure, not a
   * schedule. */
  entry.kind = EFIR_SCHEDULE_FAILED;
  entry.action = (char *) "schedule";
  g_assert_true (efir_schedule_page_is_missed (&entry, now));
  entry.action = (char *) "publish";
  g_assert_false (efir_schedule_page_is_missed (&entry, now));

  /* Live is live. */
  entry.kind = EFIR_SCHEDULE_PUBLISHED;
  entry.action = (char *) "";
  g_assert_false (efir_schedule_page_is_missed (&entry, now));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/schedule-time/both-clocks", test_both_clocks);
  g_test_add_func ("/app/schedule-time/one-clock", test_one_clock);
  g_test_add_func ("/app/schedule-time/unreadable", test_unreadable);
  g_test_add_func ("/app/schedule-time/missed", test_missed);

  return g_test_run ();
}
