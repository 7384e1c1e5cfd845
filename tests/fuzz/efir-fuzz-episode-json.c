/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-fuzz-episode-json"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gprintf.h>

#include "efir-episode-json.h"
#include "efir-fuzz-episode-json.h"

/* Helpers ---------------------------------------------------------------- */

/* abort() rather than g_error(), whose SIGTRAP libFuzzer would not catch
 * and save the input of. */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);

  abort ();
}

/* Public API ------------------------------------------------------------- */

void
efir_fuzz_episode_json (const guint8 *data,
                        gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisode) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  EfirEpisodePart differences;

  /* The reader takes a length, so bytes past it, and NULs, are its own
   * business: nothing here copies the input. */
  episode = efir_episode_from_json ((const char *) data, size, &error);
  if (episode == NULL)
    {
      if (error == NULL || error->domain != EFIR_EPISODE_JSON_ERROR || error->message[0] == '\0'
          || !g_utf8_validate (error->message, -1, NULL))
        fail ("A file was refused without a sentence");
      return;
    }

  json = efir_episode_to_json (episode, TRUE);
  if (!g_utf8_validate (json, -1, NULL))
    fail ("An accepted file wrote back as invalid UTF-8: %s", json);

  again = efir_episode_from_json (json, -1, &error);
  if (again == NULL)
    fail ("An accepted file wrote back as a file that is refused (%s):\n%s", error->message, json);

  differences = efir_episode_diff (episode, again);
  if (differences != 0)
    fail ("An accepted file read back differently (parts 0x%x):\n%s", differences, json);

  json_again = efir_episode_to_json (again, TRUE);
  if (g_strcmp0 (json, json_again) != 0)
    fail ("An accepted file wrote back differently the second time:\n%s\n---\n%s", json,
             json_again);
}
