/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-model.h"

G_BEGIN_DECLS

/*
 * What the guests and quotes sections of the episode editor show and write,
 * computed from the model without widgets, so that it is tested without a
 * display.
 */

/* Guests */
char        *efir_section_state_clean_name      (const char         *text);
gboolean     efir_section_state_guest_matches   (const char         *folded_query,
                                                 EfirPerson         *person);
EfirPerson  *efir_section_state_find_person     (GListModel         *people,
                                                 const char         *name);
int          efir_section_state_find_guest      (GListModel         *guests,
                                                 gint64              person_id,
                                                 const char         *name);

/* Order */
guint        efir_section_state_move            (GListStore         *store,
                                                 guint               from,
                                                 int                 delta);

/* Quotes */
void         efir_section_state_set_pull_quote  (GListStore         *quotes,
                                                 EfirQuote          *chosen);
GStrv        efir_section_state_speakers        (EfirEpisode        *episode,
                                                 const char * const *hosts);
gboolean     efir_section_state_parse_time      (const char         *text,
                                                 double             *out_seconds);
char        *efir_section_state_format_time     (double              seconds);
char        *efir_section_state_excerpt         (const char         *text,
                                                 guint               max_chars);

G_END_DECLS
