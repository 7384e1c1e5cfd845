/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-language"

#include "config.h"

#include <string.h>

#include "efir-language.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
is_azerbaijani_letter (gunichar c)
{
  switch (g_unichar_tolower (c))
    {
    case 0x0259: /* ə */
    case 0x011F: /* ğ */
    case 0x0131: /* ı */
    case 0x015F: /* ş */
    case 0x00E7: /* ç */
    case 0x00F6: /* ö */
    case 0x00FC: /* ü */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_language_guess:
 * @text: (nullable): text, in UTF-8; invalid bytes are skipped
 * @length: the length of @text in bytes, or -1 if it ends with a nul byte
 *
 * A Russian name in an Azerbaijani transcript does not make it Russian:
 * the script most of the letters are in decides.
 *
 * Returns: "ru", "az" or "en"; %NULL when @text has no letters
 */
const char *
efir_language_guess (const char *text,
                     gssize      length)
{
  const char *end;
  gsize cyrillic = 0;
  gsize latin = 0;
  gsize azerbaijani = 0;

  if (text == NULL)
    return NULL;

  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (const char *p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      if (!g_unichar_isalpha (c))
        continue;

      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_CYRILLIC:
          cyrillic++;
          break;
        case G_UNICODE_SCRIPT_LATIN:
          latin++;
          if (is_azerbaijani_letter (c))
            azerbaijani++;
          break;
        default:
          break;
        }
    }

  if (cyrillic == 0 && latin == 0)
    return NULL;
  if (cyrillic > latin)
    return "ru";
  if (azerbaijani > 0)
    return "az";

  return "en";
}
