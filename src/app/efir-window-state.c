/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window-state"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "efir-markdown.h"
#include "efir-slug.h"
#include "efir-window-state.h"

/* Public API */

const char *
efir_window_state_sidebar_page (guint n_programs,
                                guint n_episodes,
                                guint n_shown)
{
  if (n_programs == 0)
    return "no-programs";
  if (n_episodes == 0)
    return "no-episodes";
  /* The filter above stays, so the producer sees it is what hides them. */
  if (n_shown == 0)
    return "no-matches";
  return "episodes";
}

int
efir_window_state_status_filter (guint filter_position)
{
  /* G_MAXUINT: nothing chosen yet, as GtkDropDown says it. */
  if (filter_position == 0 || filter_position == G_MAXUINT
      || filter_position - 1 > EFIR_EPISODE_STATUS_FAILED)
    return EFIR_EPISODE_LIST_ANY_STATUS;
  return (int) filter_position - 1;
}

gboolean
efir_window_state_same_place (EfirEpisode *a,
                              EfirEpisode *b)
{
  GDateTime *a_date = efir_episode_get_air_date (a);
  GDateTime *b_date = efir_episode_get_air_date (b);

  if ((a_date == NULL) != (b_date == NULL)
      || (a_date != NULL && !g_date_time_equal (a_date, b_date)))
    return FALSE;
  return efir_episode_get_number (a) == efir_episode_get_number (b)
         && efir_episode_get_status (a) == efir_episode_get_status (b);
}

EfirAutosaveState
efir_window_state_shown_save_state (EfirAutosaveState state,
                                    gboolean          text_pending)
{
  /* A failure stays in view: the pending text will not reach the disk
   * before the write that failed does. */
  if (text_pending && state == EFIR_AUTOSAVE_STATE_SAVED)
    return EFIR_AUTOSAVE_STATE_DIRTY;

  return state;
}

const char *
efir_window_state_save_label (EfirAutosaveState state)
{
  switch (state)
    {
    case EFIR_AUTOSAVE_STATE_SAVED:
      return _("Saved");
    case EFIR_AUTOSAVE_STATE_DIRTY:
    case EFIR_AUTOSAVE_STATE_SAVING:
      return _("Saving…");
    case EFIR_AUTOSAVE_STATE_FAILED:
    case EFIR_AUTOSAVE_STATE_CONFLICT:
      return _("Not saved");
    default:
      return "";
    }
}

char *
efir_window_state_save_error (const char *reason)
{
  /* Translators: %s is the reason a save failed. */
  return g_strdup_printf (_("Your edits are kept in this window but are not on disk yet: %s "
                            "Efir keeps trying."),
                          reason);
}

char *
efir_window_state_result_subtitle (const char *program_name,
                                   int         number)
{
  if (number > 0)
    /* Translators: a search result's programme and episode number. */
    return g_strdup_printf (_("%s, episode %d"), program_name, number);
  return g_strdup (program_name);
}

char *
efir_window_state_snippet_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  /* The index holds the summary as Markdown; the producer reads words. */
  g_autofree char *plain = efir_markdown_strip_fragment (snippet);
  const char *p = plain;

  while (p != NULL && *p != '\0')
    {
      const char *mark = strpbrk (p, "\x01\x02");
      gsize length = mark != NULL ? (gsize) (mark - p) : strlen (p);
      g_autofree char *escaped = g_markup_escape_text (p, length);

      g_string_append (markup, escaped);
      if (mark == NULL)
        break;
      g_string_append (markup, *mark == '\x01' ? "<b>" : "</b>");
      p = mark + 1;
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

char *
efir_window_state_export_name (EfirEpisode *episode)
{
  const char *slug = efir_episode_get_slug (episode);
  g_autofree char *derived = NULL;

  if (slug[0] == '\0')
    slug = derived = efir_slug_from_title (efir_episode_get_title (episode));
  if (slug[0] == '\0')
    return g_strdup_printf ("episode-%d.json", efir_episode_get_number (episode));
  return g_strdup_printf ("%s.json", slug);
}

char *
efir_window_state_short_title (const char *title)
{
  const guint limit = 48;
  g_autoptr(GString) shortened = NULL;
  const char *cut;

  if (title == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (title, -1) <= limit)
    return g_strdup (title);

  cut = g_utf8_offset_to_pointer (title, limit);
  shortened = g_string_new_len (title, cut - title);
  /* Back to the end of the last whole word, when there is one. */
  for (gssize i = shortened->len - 1; i > 0; i--)
    if (shortened->str[i] == ' ')
      {
        g_string_truncate (shortened, i);
        break;
      }
  while (shortened->len > 0 && strchr (" ,:;-", shortened->str[shortened->len - 1]) != NULL)
    g_string_truncate (shortened, shortened->len - 1);
  g_string_append (shortened, "…");
  return g_string_free (g_steal_pointer (&shortened), FALSE);
}
