/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-model.h"
#include "efir-transcript-text.h"

G_BEGIN_DECLS

/*
 * What the transcript editor shows and saves, computed from text and model
 * without a display: the smallest change to the model, and the labels of
 * the search bar and the problem bar. How a line reads and the lenient
 * parse are the text layer's (efir-transcript-text.h).
 */

void        efir_transcript_state_keep_ends        (GPtrArray             *segments,
                                                    GListModel            *old_segments,
                                                    double                 total_duration);
gboolean    efir_transcript_state_diff             (GListModel            *old_segments,
                                                    GPtrArray             *segments,
                                                    guint                 *out_position,
                                                    guint                 *out_removed,
                                                    guint                 *out_added);
int         efir_transcript_state_line_for_time    (const char            *text,
                                                    gssize                 length,
                                                    double                 seconds);
char       *efir_transcript_state_match_label      (const char            *search_text,
                                                    int                    position,
                                                    int                    count);
char       *efir_transcript_state_problem_summary  (GPtrArray             *problems);

G_END_DECLS
