/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-model.h"
#include "efir-autosaver.h"

G_BEGIN_DECLS

/* What the main window shows, computed without widgets. */

/* "no-programs", "no-episodes" or "episodes". */
const char *efir_window_state_sidebar_page       (guint              n_programs,
                                                  guint              n_episodes,
                                                  guint              n_shown);
/* Position in the status filter: 0 is every status, then draft, ready, … */
gboolean    efir_window_state_status_matches     (guint              filter_position,
                                                  EfirEpisodeStatus  status);
/* Oldest first; episodes without an air date come last, then by number. */
int         efir_window_state_compare_air_dates  (GDateTime         *a,
                                                  int                a_number,
                                                  GDateTime         *b,
                                                  int                b_number);
const char *efir_window_state_save_label         (EfirAutosaveState  state);
char       *efir_window_state_save_error         (const char        *reason);
char       *efir_window_state_result_subtitle    (const char        *program_name,
                                                  int                number);
/* The store marks a hit between \x01 and \x02; this gives escaped Pango
 * markup with the hit in bold. */
char       *efir_window_state_snippet_markup     (const char        *snippet);
char       *efir_window_state_export_name        (EfirEpisode       *episode);

G_END_DECLS
