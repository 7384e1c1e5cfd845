/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-fold"

#include "config.h"

#include <string.h>

#include "efir-fold.h"

/* Types and tables ------------------------------------------------------- */

/* The folding of every code point below the end of Cyrillic Supplement is
 * computed once, so Latin, Azerbaijani and Russian text costs one lookup per
 * character; anything above goes through GLib's tables each time.
 */
#define TABLE_SIZE 0x0530

/* A table entry that is not a single code point: 0 drops the character (a
 * combining mark), SLOW asks for the full computation.
 */
#define DROP ((guint32) 0)
#define SLOW ((guint32) G_MAXUINT32)

static guint32 fold_table[TABLE_SIZE];

/* Helpers ---------------------------------------------------------------- */

static inline gboolean
is_special (gunichar  c,
            gunichar *folded)
{
  switch (c)
    {
    /* Schwa has no decomposition to fold through, and readers on keyboards
     * without it type "e".
     */
    case 0x018F: /* Ə */
    case 0x0259: /* ə */
      *folded = 'e';
      return TRUE;

    /* Dotless ı has no decomposition either, and İ would lowercase to
     * "i̇" (i + combining dot) under full case mapping.
     */
    case 0x0130: /* İ */
    case 0x0131: /* ı */
      *folded = 'i';
      return TRUE;

    default:
      return FALSE;
    }
}

/* Writes the folding of @c to @out and returns how many code points it wrote. */
static guint
fold_unichar_slow (gunichar  c,
                   gunichar *out,
                   guint     out_len)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar special;
  gsize n_decomposed;
  guint n = 0;

  if (is_special (c, &special))
    {
      out[0] = special;
      return 1;
    }

  /* Lowercase both before and after decomposing, so that neither the
   * precomposed letter nor its base can keep a capital.
   */
  n_decomposed = g_unichar_fully_decompose (g_unichar_tolower (c), FALSE,
                                            decomposed, G_N_ELEMENTS (decomposed));

  for (gsize i = 0; i < n_decomposed && n < out_len; i++)
    {
      gunichar d = decomposed[i];

      if (g_unichar_ismark (d))
        continue;

      if (!is_special (d, &d))
        d = g_unichar_tolower (d);
      out[n++] = d;
    }

  return n;
}

static void
fold_table_init (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  for (gunichar c = 0; c < TABLE_SIZE; c++)
    {
      gunichar folded[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      guint n = fold_unichar_slow (c, folded, G_N_ELEMENTS (folded));

      if (n == 0)
        fold_table[c] = DROP;
      else if (n == 1)
        fold_table[c] = folded[0];
      else
        fold_table[c] = SLOW;
    }

  g_once_init_leave (&initialized, 1);
}

static inline void
append_folded (GString  *out,
               gunichar  c)
{
  gunichar folded[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  guint n;

  if (c < TABLE_SIZE)
    {
      guint32 entry = fold_table[c];

      if (entry == DROP)
        return;

      if (entry != SLOW)
        {
          g_string_append_unichar (out, entry);
          return;
        }
    }

  n = fold_unichar_slow (c, folded, G_N_ELEMENTS (folded));
  for (guint i = 0; i < n; i++)
    g_string_append_unichar (out, folded[i]);
}

/* The letters that fold to @folded: those of the table that do, and beyond
 * it @folded itself in either case (the pattern is also matched without
 * regard to case). Each written as \x{…}, which needs no escaping. */
static void
append_fold_class (GString  *pattern,
                   gunichar  folded)
{
  g_string_append_c (pattern, '[');
  g_string_append_printf (pattern, "\\x{%X}", folded);
  for (gunichar c = 0; c < TABLE_SIZE; c++)
    if (fold_table[c] == folded && c != folded)
      g_string_append_printf (pattern, "\\x{%X}", c);
  if (folded >= TABLE_SIZE)
    {
      g_string_append_printf (pattern, "\\x{%X}", g_unichar_toupper (folded));
      g_string_append_printf (pattern, "\\x{%X}", g_unichar_totitle (folded));
    }
  g_string_append_c (pattern, ']');
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_fold_append:
 * @out: the string to append to
 * @text: UTF-8 text, possibly invalid
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 *
 * Appends the search folding of @text to @out. Called for every token the
 * full-text index sees, so it allocates nothing beyond growing @out.
 */
void
efir_fold_append (GString    *out,
                  const char *text,
                  gssize      length)
{
  const guchar *p;
  const guchar *end;
  gboolean table_ready = FALSE;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL || length == 0);

  if (length < 0)
    length = strlen (text);

  p = (const guchar *) text;
  end = p + length;

  while (p < end)
    {
      const guchar *run = p;
      gunichar c;

      /* Most tokens are ASCII words or numbers: copy a whole run at once
       * and lowercase it in place.
       */
      while (p < end && *p < 0x80 && *p != '\0')
        p++;

      if (p > run)
        {
          gsize start = out->len;

          g_string_append_len (out, (const char *) run, p - run);
          for (gsize i = start; i < out->len; i++)
            out->str[i] = g_ascii_tolower (out->str[i]);
          continue;
        }

      /* Only reachable with an explicit length: a nul is not text. */
      if (*p == '\0')
        {
          p++;
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }

      if (!table_ready)
        {
          fold_table_init ();
          table_ready = TRUE;
        }

      append_folded (out, c);
      p = (const guchar *) g_utf8_next_char (p);
    }
}

/**
 * efir_fold:
 * @text: UTF-8 text, possibly invalid
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 *
 * Returns: (transfer full): the search folding of @text
 */
char *
efir_fold (const char *text,
           gssize      length)
{
  GString *out;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  out = g_string_sized_new (length);
  efir_fold_append (out, text, length);

  return g_string_free (out, FALSE);
}

/**
 * efir_fold_is_empty:
 * @text: UTF-8 text, possibly invalid
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 *
 * Whether efir_fold() of @text gives nothing, found without folding it:
 * for a token whose letters the caller has no use for, only whether it
 * counts as one.
 *
 * Returns: %TRUE when the folding of @text is empty
 */
gboolean
efir_fold_is_empty (const char *text,
                    gssize      length)
{
  const guchar *p;
  const guchar *end;

  g_return_val_if_fail (text != NULL || length == 0, TRUE);

  if (length < 0)
    length = strlen (text);

  p = (const guchar *) text;
  end = p + length;

  /* As efir_fold_append() reads @text, stopping at the first character
   * that gives something. */
  while (p < end)
    {
      gunichar folded[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gunichar c;

      if (*p < 0x80 && *p != '\0')
        return FALSE;

      if (*p == '\0')
        {
          p++;
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }

      fold_table_init ();
      if (c < TABLE_SIZE ? fold_table[c] != DROP
                         : fold_unichar_slow (c, folded, G_N_ELEMENTS (folded)) > 0)
        return FALSE;

      p = (const guchar *) g_utf8_next_char (p);
    }

  return TRUE;
}

/**
 * efir_fold_pattern:
 * @needle: UTF-8 text, as a producer types it into a find field
 *
 * Makes a pattern that finds @needle the way the archive's search finds a
 * word: "cetin" finds "Çətin", "inflyasiya" finds "İnflyasiya", "елка"
 * finds "Ёлка". A find that folds case alone, by Unicode's rules, misses
 * the first two: İ is not a capital i there, and ç is not a c.
 *
 * Returns: (transfer full) (nullable): the pattern, or %NULL when @needle
 *   folds to nothing (combining marks alone)
 */
char *
efir_fold_pattern (const char *needle)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) pattern = NULL;

  g_return_val_if_fail (needle != NULL, NULL);

  folded = efir_fold (needle, -1);
  if (folded[0] == '\0')
    return NULL;

  fold_table_init ();
  pattern = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      append_fold_class (pattern, g_utf8_get_char (p));
      /* Text pasted decomposed carries its marks after the letter. */
      g_string_append (pattern, "\\p{Mn}*");
    }
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}
