/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-timecode"

#include "config.h"

#include <math.h>
#include <string.h>

#include "efir-timecode-private.h"

/* Types and limits ------------------------------------------------------- */

/* Far beyond any recording; keeps the conversion to milliseconds in range
 * and every formatted hour count readable by the parser.
 */
#define MAX_HOUR_DIGITS 6
#define MAX_SECONDS (100000.0 * 3600.0)

/* Helpers ---------------------------------------------------------------- */

/* Reads 1 to @max_digits decimal digits. */
static gboolean
read_number (const char **p,
             const char  *end,
             guint        max_digits,
             guint64     *value)
{
  guint n = 0;

  *value = 0;
  while (*p < end && g_ascii_isdigit (**p))
    {
      if (++n > max_digits)
        return FALSE;
      *value = *value * 10 + (**p - '0');
      (*p)++;
    }

  return n > 0;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_timecode_append:
 * @out: the string to append to
 * @seconds: a time from the start of the video
 *
 * Appends @seconds as efir_timecode_format() writes it.
 */
void
efir_timecode_append (GString *out,
                      double   seconds)
{
  guint64 ms;
  guint64 fraction;

  g_return_if_fail (out != NULL);

  /* Transcripts and SRT files carry milliseconds; anything finer is noise
   * from arithmetic and would not survive a round trip anyway.
   */
  if (!isfinite (seconds) || seconds <= 0)
    ms = 0;
  else
    ms = (guint64) (MIN (seconds, MAX_SECONDS) * 1000.0 + 0.5);

  g_string_append_printf (out, "%02" G_GUINT64_FORMAT ":%02u:%02u",
                          ms / 3600000,
                          (guint) (ms / 60000 % 60),
                          (guint) (ms / 1000 % 60));

  fraction = ms % 1000;
  if (fraction != 0)
    {
      char digits[4];

      g_snprintf (digits, sizeof digits, "%03u", (guint) fraction);
      for (int i = 2; i > 0 && digits[i] == '0'; i--)
        digits[i] = '\0';
      g_string_append_printf (out, ".%s", digits);
    }
}

/**
 * efir_timecode_format:
 * @seconds: a time from the start of the video
 *
 * Formats @seconds as "HH:MM:SS", with a fraction of a second (".5", to
 * milliseconds) only when there is one: 754 is "00:12:34", 903.5 is
 * "00:15:03.5". Negative and non-finite times are "00:00:00".
 *
 * Returns: (transfer full): the time code
 */
char *
efir_timecode_format (double seconds)
{
  GString *out = g_string_sized_new (16);

  efir_timecode_append (out, seconds);

  return g_string_free (out, FALSE);
}

/**
 * efir_timecode_parse_len:
 * @text: the time code, not necessarily nul-terminated
 * @length: its length in bytes
 * @out_seconds: (out) (optional): where to store the time in seconds
 *
 * Like efir_timecode_parse() on the first @length bytes of @text.
 */
gboolean
efir_timecode_parse_len (const char *text,
                         gsize       length,
                         double     *out_seconds)
{
  const char *p = text;
  const char *end = text + length;
  guint64 parts[3];
  guint n_parts = 0;
  guint64 hours = 0;
  guint64 minutes;
  guint64 seconds;
  guint64 fraction = 0;
  double fraction_scale = 1;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  /* Minutes and seconds have at most two digits; the first part may be
   * hours, so it gets their room.
   */
  for (;;)
    {
      if (!read_number (&p, end, n_parts == 0 ? MAX_HOUR_DIGITS : 2, &parts[n_parts]))
        return FALSE;
      n_parts++;

      if (p == end || *p != ':' || n_parts == G_N_ELEMENTS (parts))
        break;
      p++;
    }

  if (n_parts < 2)
    return FALSE;

  if (n_parts == 3)
    hours = parts[0];
  minutes = parts[n_parts - 2];
  seconds = parts[n_parts - 1];

  if (minutes >= 60 || seconds >= 60)
    return FALSE;

  /* SRT writes a comma before the milliseconds, WebVTT a full stop. */
  if (p < end && (*p == '.' || *p == ','))
    {
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;

      /* Digits past nanoseconds cannot change the double. */
      for (guint n = 0; p < end && g_ascii_isdigit (*p); p++, n++)
        if (n < 9)
          {
            fraction = fraction * 10 + (*p - '0');
            fraction_scale *= 10;
          }
    }

  if (p != end)
    return FALSE;

  if (out_seconds != NULL)
    *out_seconds = (double) (hours * 3600 + minutes * 60 + seconds)
                   + fraction / fraction_scale;

  return TRUE;
}

/**
 * efir_timecode_parse:
 * @text: a time code such as "12:34", "1:02:03", "01:02:03.5" or "00:15:03,5"
 * @out_seconds: (out) (optional): where to store the time in seconds
 *
 * Reads a time code as producers and subtitle files write it: minutes and
 * seconds, optionally preceded by hours, optionally followed by a fraction
 * of a second after "." or ",". Minutes and seconds must be below 60.
 *
 * Returns: %TRUE if @text is a time code
 */
gboolean
efir_timecode_parse (const char *text,
                     double     *out_seconds)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return efir_timecode_parse_len (text, strlen (text), out_seconds);
}
