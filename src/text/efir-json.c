/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-json"

#include "config.h"

#include "efir-json.h"

/* Public API */

void
efir_json_append_string (GString    *out,
                         const char *text)
{
  g_autofree char *valid = NULL;

  /* The model does not check encodings, and neither an episode file nor a
   * column that must hold JSON may refuse what the producer typed. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');

  /* Runs of bytes that need no escape are copied whole: this is most of
   * the work of saving a three-hour transcript. */
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *run = p;
      guchar c;

      while ((guchar) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);

      if ((c = *p) == '\0')
        break;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
        }
    }

  g_string_append_c (out, '"');
}
