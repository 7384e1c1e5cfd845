/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-model.h"
#include "efir-autosaver.h"
#include "efir-episode-list.h"

G_BEGIN_DECLS

/* What the main window shows, computed without widgets. */

/* "no-programs", "no-episodes" or "episodes". */
const char *efir_window_state_sidebar_page       (guint              n_programs,
                                                  guint              n_episodes,
                                                  guint              n_shown);
/* The status the filter at @filter_position lets through (0 is every
 * status, EFIR_EPISODE_LIST_ANY_STATUS; then draft, ready, …). */
int         efir_window_state_status_filter      (guint              filter_position);
/* Whether the two have the same place in the episode list and its status
 * filter: the same air date (as a moment), number and status. */
gboolean    efir_window_state_same_place         (EfirEpisode       *a,
                                                  EfirEpisode       *b);
/* What the save indicator says of @state when a section of the editor
 * still holds text the episode does not have (@text_pending): saving. */
EfirAutosaveState efir_window_state_shown_save_state (EfirAutosaveState  state,
                                                      gboolean           text_pending);
const char *efir_window_state_save_label         (EfirAutosaveState  state);
char       *efir_window_state_save_error         (const char        *reason);
char       *efir_window_state_result_subtitle    (const char        *program_name,
                                                  int                number);
/* The store marks a hit between \x01 and \x02; this gives escaped Pango
 * markup with the hit in bold. */
char       *efir_window_state_snippet_markup     (const char        *snippet);
char       *efir_window_state_export_name        (EfirEpisode       *episode);
/* @title as a toast names it: whole up to 48 characters, cut at a word
 * with "…" beyond. */
char       *efir_window_state_short_title        (const char        *title);

G_END_DECLS
