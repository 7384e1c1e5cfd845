/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-section-state"

#include "config.h"

#include <string.h>

#include "efir-fold.h"
#include "efir-section-state.h"
#include "efir-timecode.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
is_word_separator (char c)
{
  return c == ' ' || c == '-';
}

/* Whether @word starts one of the words of @folded_name. */
static gboolean
starts_a_word (const char *folded_name,
               const char *word,
               gsize       word_len)
{
  for (const char *p = folded_name; *p != '\0'; p++)
    {
      if (p != folded_name && !is_word_separator (p[-1]))
        continue;
      if (strncmp (p, word, word_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
fold_name (const char *name)
{
  g_autofree char *clean = efir_section_state_clean_name (name);

  return efir_fold (clean, -1);
}

/* English pages spell ə as "a" (Məmmədli is Mammadli), where search
 * folding makes it "e"; a name with ə is looked up under both spellings.
 */
static char *
fold_name_as_in_english (const char *name)
{
  g_autoptr(GString) spelled = NULL;

  if (strstr (name, "ə") == NULL && strstr (name, "Ə") == NULL)
    return NULL;

  spelled = g_string_new (name);
  g_string_replace (spelled, "ə", "a", 0);
  g_string_replace (spelled, "Ə", "A", 0);

  return fold_name (spelled->str);
}

/* Whether @name, spelled either way, is what @folded (a folded name) says. */
static gboolean
is_same_name (const char *folded,
              const char *name)
{
  g_autofree char *folded_name = fold_name (name);
  g_autofree char *english_name = NULL;

  if (folded[0] == '\0')
    return FALSE;
  if (strcmp (folded, folded_name) == 0)
    return TRUE;

  english_name = fold_name_as_in_english (name);
  return english_name != NULL && strcmp (folded, english_name) == 0;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_section_state_clean_name:
 * @text: (nullable): a name as typed or pasted
 *
 * Returns: (transfer full): @text without leading or trailing white space
 *   and with every run of white space inside it made one space, as pasted
 *   names from captions and messages often carry tabs and double spaces
 */
char *
efir_section_state_clean_name (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * efir_section_state_guest_matches:
 * @folded_query: what the producer typed, folded with efir_fold()
 * @person: an entry of the guest directory
 *
 * A person matches when every word of the query starts one of the words of
 * their folded name, so "eliyev" finds "Əli Əliyev" and "nes mem" finds
 * "Nəsimi Məmmədli", while "li" does not find everyone whose name contains
 * those letters. The English spelling of ə counts too: "nasimi mammadli"
 * also finds "Nəsimi Məmmədli".
 *
 * Returns: whether to suggest @person; never for an empty query
 */
gboolean
efir_section_state_guest_matches (const char *folded_query,
                                  EfirPerson *person)
{
  g_autofree char *folded_name = NULL;
  g_autofree char *english_name = NULL;
  gboolean any_word = FALSE;
  const char *p;

  g_return_val_if_fail (folded_query != NULL, FALSE);
  g_return_val_if_fail (EFIR_IS_PERSON (person), FALSE);

  folded_name = fold_name (efir_person_get_name (person));
  english_name = fold_name_as_in_english (efir_person_get_name (person));
  p = folded_query;

  for (;;)
    {
      gsize len;

      while (*p != '\0' && is_word_separator (*p))
        p++;
      if (*p == '\0')
        break;

      len = strcspn (p, " -");
      if (!starts_a_word (folded_name, p, len) &&
          (english_name == NULL || !starts_a_word (english_name, p, len)))
        return FALSE;

      any_word = TRUE;
      p += len;
    }

  return any_word;
}

/**
 * efir_section_state_find_person:
 * @people: the guest directory, of #EfirPerson
 * @name: a name as typed
 *
 * Finds the directory entry a typed name stands for: the same name once
 * folded and cleaned, so "eli eliyev" and "Ali Aliyev" are Əli Əliyev.
 *
 * Returns: (transfer full) (nullable): the first such person, or %NULL
 */
EfirPerson *
efir_section_state_find_person (GListModel *people,
                                const char *name)
{
  g_autofree char *folded = NULL;
  guint n;

  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), NULL);

  if (people == NULL || name == NULL)
    return NULL;

  folded = fold_name (name);
  if (folded[0] == '\0')
    return NULL;

  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirPerson) person = g_list_model_get_item (people, i);

      if (is_same_name (folded, efir_person_get_name (person)))
        return g_steal_pointer (&person);
    }

  return NULL;
}

/**
 * efir_section_state_find_guest:
 * @guests: an episode's guests, of #EfirEpisodeGuest
 * @person_id: the directory id of the guest to add, or 0 for a new name
 * @name: the name of the guest to add
 *
 * Finds the guest that adding this person would duplicate: the same
 * directory entry, or the same name when either side is not in the
 * directory yet. Two directory entries with the same name are namesakes
 * and may both appear.
 *
 * Returns: the position of that guest, or -1
 */
int
efir_section_state_find_guest (GListModel *guests,
                               gint64      person_id,
                               const char *name)
{
  g_autofree char *folded = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (guests), -1);

  folded = fold_name (name);
  n = g_list_model_get_n_items (guests);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);
      gint64 guest_id = efir_episode_guest_get_person_id (guest);

      if (person_id != 0 && guest_id == person_id)
        return (int) i;

      if (person_id != 0 && guest_id != 0)
        continue;

      if (is_same_name (folded, efir_episode_guest_get_name (guest)))
        return (int) i;
    }

  return -1;
}

/**
 * efir_section_state_move:
 * @store: a list
 * @from: the position of the item to move
 * @delta: how many places to move it: negative is up, positive is down
 *
 * Moves one item, stopping at either end of the list. The list reports the
 * move as one change, so the episode is saved once and a list box rebuilds
 * only the rows between the two places.
 *
 * Returns: the item's new position
 */
guint
efir_section_state_move (GListStore *store,
                         guint       from,
                         int         delta)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n;
  gint64 target;
  guint to, low, high;

  g_return_val_if_fail (G_IS_LIST_STORE (store), from);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_return_val_if_fail (from < n, from);

  target = CLAMP ((gint64) from + delta, 0, (gint64) n - 1);
  to = (guint) target;
  if (to == from)
    return from;

  low = MIN (from, to);
  high = MAX (from, to);
  items = g_ptr_array_new_full (high - low + 1, g_object_unref);

  for (guint i = low; i <= high; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (store), i));

  if (to > from)
    {
      gpointer moved = items->pdata[0];

      memmove (&items->pdata[0], &items->pdata[1], (items->len - 1) * sizeof (gpointer));
      items->pdata[items->len - 1] = moved;
    }
  else
    {
      gpointer moved = items->pdata[items->len - 1];

      memmove (&items->pdata[1], &items->pdata[0], (items->len - 1) * sizeof (gpointer));
      items->pdata[0] = moved;
    }

  g_list_store_splice (store, low, items->len, items->pdata, items->len);

  return to;
}

/**
 * efir_section_state_set_pull_quote:
 * @quotes: an episode's quotes, of #EfirQuote
 * @chosen: (nullable): the quote to set apart, or %NULL for none
 *
 * Makes @chosen the only pull quote of the page. The others are cleared
 * first, so nobody watching ever sees two.
 */
void
efir_section_state_set_pull_quote (GListStore *quotes,
                                   EfirQuote  *chosen)
{
  guint n;

  g_return_if_fail (G_IS_LIST_STORE (quotes));
  g_return_if_fail (chosen == NULL || EFIR_IS_QUOTE (chosen));

  n = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirQuote) quote = g_list_model_get_item (G_LIST_MODEL (quotes), i);

      if (quote != chosen)
        efir_quote_set_pull_quote (quote, FALSE);
    }

  if (chosen != NULL)
    efir_quote_set_pull_quote (chosen, TRUE);
}

/**
 * efir_section_state_speakers:
 * @episode: an episode
 * @hosts: (nullable) (array zero-terminated=1): the programme's hosts
 *
 * The names a quote's speaker is chosen from: the hosts, who speak in
 * every episode, then the guests in their billing order, each once and
 * none empty.
 *
 * Returns: (transfer full): the names, possibly none
 */
GStrv
efir_section_state_speakers (EfirEpisode        *episode,
                             const char * const *hosts)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GListModel *guests;
  guint n;

  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    g_ptr_array_add (names, efir_section_state_clean_name (hosts[i]));

  guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  n = g_list_model_get_n_items (guests);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);

      g_ptr_array_add (names, efir_section_state_clean_name (efir_episode_guest_get_name (guest)));
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *folded;

      if (name[0] == '\0')
        continue;

      folded = efir_fold (name, -1);
      if (!g_hash_table_add (seen, folded))
        continue;

      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

/**
 * efir_section_state_parse_time:
 * @text: what is written in a quote's time field
 * @out_seconds: (out) (optional): the time in seconds, -1 when empty
 *
 * An empty field means the quote has no time; anything else must be a time
 * code as efir_timecode_parse() reads it.
 *
 * Returns: whether @text can be saved
 */
gboolean
efir_section_state_parse_time (const char *text,
                               double     *out_seconds)
{
  g_autofree char *clean = efir_section_state_clean_name (text);

  if (clean[0] == '\0')
    {
      if (out_seconds != NULL)
        *out_seconds = -1;
      return TRUE;
    }

  return efir_timecode_parse (clean, out_seconds);
}

/**
 * efir_section_state_format_time:
 * @seconds: a quote's start time, negative for none
 *
 * Returns: (transfer full): the text of the time field: "" for no time
 */
char *
efir_section_state_format_time (double seconds)
{
  if (seconds < 0)
    return g_strdup ("");

  return efir_timecode_format (seconds);
}

/**
 * efir_section_state_excerpt:
 * @text: a quote
 * @max_chars: how many characters to keep at most, ellipsis included
 *
 * The start of a quote on one line, to name it where there is no room for
 * all of it: white space made single spaces, cut at a word when it is too
 * long and then ended with "…".
 *
 * Returns: (transfer full): the excerpt
 */
char *
efir_section_state_excerpt (const char *text,
                            guint       max_chars)
{
  g_autofree char *line = efir_section_state_clean_name (text);
  const char *cut;
  const char *space = NULL;

  g_return_val_if_fail (max_chars > 1, NULL);

  if (g_utf8_strlen (line, -1) <= (glong) max_chars)
    return g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, max_chars - 1);
  for (const char *p = line; p < cut; p++)
    if (*p == ' ')
      space = p;

  /* One long word is cut where it must be. */
  if (space != NULL && space > line)
    cut = space;

  return g_strdup_printf ("%.*s…", (int) (cut - line), line);
}
