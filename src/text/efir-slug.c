/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-slug"

#include "config.h"

#include <string.h>

#include <unicode/utrans.h>

#include "efir-fold.h"
#include "efir-slug.h"

/* Types and rules -------------------------------------------------------- */

/* Russian goes through BGN/PCGN rather than ICU's default ISO 9 so names read
 * the way the English-language press writes them ("Naryshkin", not
 * "Naryskin"). BGN writes a middle dot where two letters could be read as
 * one ("Sovet·skiy", т then с, not ц): in a slug it would split the word,
 * so it goes. Schwa is Latin already, so Any-Latin keeps it and Latin-ASCII
 * has no mapping for it; the Azerbaijani Cyrillic letters that BGN does not
 * know are mapped to their Latin alphabet counterparts first. Marks left over
 * (from decomposed input or scripts Latin-ASCII does not cover) are dropped
 * last so they do not split words.
 */
static const char slug_rules[] =
  ":: NFC ;\n"
  "Ҹ > C ; ҹ > c ;\n"
  "Ә > Ə ; ә > ə ;\n"
  "Ғ > Ğ ; ғ > ğ ;\n"
  "Ө > Ö ; ө > ö ;\n"
  "Ү > Ü ; ү > ü ;\n"
  "Һ > H ; һ > h ;\n"
  ":: Russian-Latin/BGN ;\n"
  "\\u00B7 > ;\n"
  ":: Any-Latin ;\n"
  "Ə > E ; ə > e ;\n"
  ":: Latin-ASCII ;\n"
  ":: NFD ;\n"
  ":: [:Nonspacing Mark:] Remove ;\n";

/* Opening the transliterator parses the rules and every transliterator they
 * name, which takes milliseconds; it is opened once and kept. A
 * UTransliterator is not thread-safe, so the mutex covers every use.
 */
static GMutex slug_mutex;
static UTransliterator *slug_transliterator;
static gboolean slug_transliterator_failed;

/* Helpers ---------------------------------------------------------------- */

static UTransliterator *
get_transliterator (void)
{
  g_autofree gunichar2 *id = NULL;
  g_autofree gunichar2 *rules = NULL;
  glong id_length = 0;
  glong rules_length = 0;
  UParseError parse_error;
  UErrorCode status = U_ZERO_ERROR;

  if (slug_transliterator != NULL || slug_transliterator_failed)
    return slug_transliterator;

  id = g_utf8_to_utf16 ("Efir-Slug", -1, NULL, &id_length, NULL);
  rules = g_utf8_to_utf16 (slug_rules, -1, NULL, &rules_length, NULL);

  slug_transliterator = utrans_openU (id, id_length, UTRANS_FORWARD,
                                      rules, rules_length,
                                      &parse_error, &status);
  if (U_FAILURE (status))
    {
      /* Only a broken ICU installation (missing data) gets here. */
      g_debug ("Cannot open the slug transliterator: %s (rule line %d)",
               u_errorName (status), parse_error.line);
      slug_transliterator = NULL;
      slug_transliterator_failed = TRUE;
    }

  return slug_transliterator;
}

/* Returns @title in Latin ASCII, or NULL if ICU cannot transliterate it. */
static char *
transliterate (const char *title)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree gunichar2 *source = NULL;
  UTransliterator *transliterator;
  glong source_length = 0;
  int32_t capacity;

  source = g_utf8_to_utf16 (title, -1, NULL, &source_length, NULL);
  if (source == NULL || source_length > G_MAXINT32 / 8)
    return NULL;

  locker = g_mutex_locker_new (&slug_mutex);

  transliterator = get_transliterator ();
  if (transliterator == NULL)
    return NULL;

  /* "щ" becomes "shch": four times the length covers Cyrillic; anything
   * longer is retried with the size ICU asks for.
   */
  capacity = source_length * 4 + 16;

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autofree UChar *buffer = g_new (UChar, capacity);
      UErrorCode status = U_ZERO_ERROR;
      int32_t length = source_length;
      int32_t limit = source_length;

      memcpy (buffer, source, source_length * sizeof (UChar));
      utrans_transUChars (transliterator, buffer, &length, capacity,
                          0, &limit, &status);

      if (status == U_BUFFER_OVERFLOW_ERROR)
        {
          capacity = MAX (length, capacity * 2) + 16;
          continue;
        }

      if (U_FAILURE (status))
        return NULL;

      return g_utf16_to_utf8 ((const gunichar2 *) buffer, length, NULL, NULL, NULL);
    }

  return NULL;
}

static char *
slug_from_ascii (const char *text)
{
  GString *slug = g_string_sized_new (strlen (text));
  gboolean pending_dash = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      /* Apostrophes join a word ("Don't", Russian soft and hard signs
       * written as ' and "), they do not separate it.
       */
      if (*p == '\'' || *p == '"')
        continue;

      if (!g_ascii_isalnum (*p))
        {
          pending_dash = slug->len > 0;
          continue;
        }

      if (pending_dash)
        g_string_append_c (slug, '-');
      pending_dash = FALSE;
      g_string_append_c (slug, g_ascii_tolower (*p));
    }

  if (slug->len > EFIR_SLUG_MAX_LENGTH)
    {
      gsize cut = EFIR_SLUG_MAX_LENGTH;

      /* Cut between words; only a single word longer than the limit is
       * cut inside.
       */
      if (slug->str[cut] != '-')
        {
          const char *dash = g_strrstr_len (slug->str, cut, "-");

          if (dash != NULL)
            cut = dash - slug->str;
        }

      g_string_truncate (slug, cut);
    }

  return g_string_free (slug, FALSE);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_slug_from_title:
 * @title: an episode title in Azerbaijani, Russian or English
 *
 * Makes the ASCII slug WordPress will use in the episode's address:
 * transliterated to Latin, lowercase, each run of other characters one "-",
 * and at most %EFIR_SLUG_MAX_LENGTH bytes cut between words. Safe to call
 * from any thread.
 *
 * Returns: (transfer full): the slug, "" if @title has no letters or digits
 */
char *
efir_slug_from_title (const char *title)
{
  g_autofree char *latin = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  if (!g_utf8_validate (title, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (title, -1);

      return efir_slug_from_title (valid);
    }

  latin = transliterate (title);

  /* Without ICU's data the folding still gives Latin-script titles a good
   * slug; other scripts lose their words rather than the whole slug.
   */
  if (latin == NULL)
    latin = efir_fold (title, -1);

  return slug_from_ascii (latin);
}
