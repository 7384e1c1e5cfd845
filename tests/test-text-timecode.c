/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-timecode"

#include "config.h"

#include <math.h>

#include "efir-timecode-private.h"

/* Helpers ---------------------------------------------------------------- */

static void
assert_format (double      seconds,
               const char *expected)
{
  g_autofree char *text = efir_timecode_format (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parse (const char *text,
              double      expected)
{
  double seconds = -1;

  g_test_message ("parsing “%s”", text);
  g_assert_true (efir_timecode_parse (text, &seconds));
  g_assert_cmpfloat_with_epsilon (seconds, expected, 1e-9);
}

static void
assert_rejected (const char *text)
{
  double seconds = 42;

  g_test_message ("rejecting “%s”", text);
  g_assert_false (efir_timecode_parse (text, &seconds));
  g_assert_cmpfloat (seconds, ==, 42);
}

/* Tests ------------------------------------------------------------------ */

static void
test_timecode_format (void)
{
  assert_format (0, "00:00:00");
  assert_format (754, "00:12:34");
  assert_format (903.5, "00:15:03.5");
  assert_format (1612.25, "00:26:52.25");
  assert_format (12.345, "00:00:12.345");
  assert_format (3723, "01:02:03");
  assert_format (3 * 3600 + 59 * 60 + 59.9, "03:59:59.9");
  assert_format (100 * 3600, "100:00:00");
}

static void
test_timecode_format_rounding (void)
{
  /* Sums of durations pick up binary noise; it must not show. */
  assert_format (0.1 + 0.2, "00:00:00.3");
  assert_format (59.9996, "00:01:00");
  assert_format (903.4999999, "00:15:03.5");
}

static void
test_timecode_format_out_of_range (void)
{
  assert_format (-5, "00:00:00");
  assert_format (NAN, "00:00:00");
  assert_format (-INFINITY, "00:00:00");
}

static void
test_timecode_parse (void)
{
  assert_parse ("12:34", 754);
  assert_parse ("0:05", 5);
  assert_parse ("1:02:03", 3723);
  assert_parse ("01:02:03", 3723);
  assert_parse ("01:02:03.5", 3723.5);
  assert_parse ("00:15:03,5", 903.5);
  assert_parse ("00:00:12,345", 12.345);
  assert_parse ("00:00:12.3456789", 12.3456789);
  assert_parse ("  00:12:34  ", 754);
  assert_parse ("123:00:00", 123 * 3600);
}

static void
test_timecode_parse_rejects (void)
{
  static const char *junk[] = {
    "", " ", "12", "abc", "12:", ":34", "12:34:", "1:2:3:4", "-00:12:34", "-1:00",
    "00:60:00", "75:00", "00:12:60", "12:34.", "12:34,", "12:34.5x", "12 : 34",
    "12:3a", "+12:34", "1e3:00", "00:123:00", "0x10:00", "12:34.-5",
    "1234567:00:00", "12:34 extra",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    assert_rejected (junk[i]);
}

static void
test_timecode_parse_len (void)
{
  const char *line = "[00:12:34] Host: good evening";
  double seconds = 0;

  /* The transcript reader parses the code inside the brackets in place. */
  g_assert_true (efir_timecode_parse_len (line + 1, 8, &seconds));
  g_assert_cmpfloat (seconds, ==, 754);
  g_assert_false (efir_timecode_parse_len (line + 1, 9, &seconds));
  g_assert_false (efir_timecode_parse_len (line, 0, &seconds));
}

static void
test_timecode_round_trip (void)
{
  static const double times[] = {
    0, 0.5, 4.2, 6.5, 15, 24, 754, 903.5, 1612, 1740, 3599.999, 3600, 10799.1, 36000.25,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *text = efir_timecode_format (times[i]);

      assert_parse (text, times[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/timecode/format", test_timecode_format);
  g_test_add_func ("/text/timecode/format-rounding", test_timecode_format_rounding);
  g_test_add_func ("/text/timecode/format-out-of-range", test_timecode_format_out_of_range);
  g_test_add_func ("/text/timecode/parse", test_timecode_parse);
  g_test_add_func ("/text/timecode/parse-rejects", test_timecode_parse_rejects);
  g_test_add_func ("/text/timecode/parse-length", test_timecode_parse_len);
  g_test_add_func ("/text/timecode/round-trip", test_timecode_round_trip);

  return g_test_run ();
}
