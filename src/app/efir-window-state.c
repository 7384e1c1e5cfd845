/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window-state"

#include "config.h"

#include <glib/gi18n.h>

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
  /* A filter that hides everything still shows the (empty) list, so the
   * producer sees the filter is what hides them. */
  return "episodes";
}

gboolean
efir_window_state_status_matches (guint             filter_position,
                                  EfirEpisodeStatus status)
{
  if (filter_position == 0 || filter_position == G_MAXUINT)
    return TRUE;
  return (guint) status == filter_position - 1;
}

int
efir_window_state_compare_air_dates (GDateTime *a,
                                     int        a_number,
                                     GDateTime *b,
                                     int        b_number)
{
  int order;

  if (a != NULL && b == NULL)
    return -1;
  if (a == NULL && b != NULL)
    return 1;
  if (a != NULL && b != NULL && (order = g_date_time_compare (a, b)) != 0)
    return order;
  return (a_number > b_number) - (a_number < b_number);
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
  const char *p = snippet;

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
