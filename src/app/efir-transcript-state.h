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

/* One line of a text, from 0, without its line break; NULL past the end. */
typedef char *(*EfirTranscriptLineFunc) (int       line,
                                         gpointer  user_data);

/* What reading back the lines around an edit changes in the transcript. */
typedef struct
{
  guint      position; /* the first segment that changes */
  guint      removed;  /* how many segments go from there */
  GPtrArray *added;    /* (element-type EfirSegment): what comes in their place */
  GPtrArray *problems; /* (element-type EfirTranscriptProblem): every problem of the text now */
} EfirTranscriptEdit;

void        efir_transcript_edit_clear             (EfirTranscriptEdit    *edit);

void        efir_transcript_state_keep_ends        (GPtrArray             *segments,
                                                    GListModel            *old_segments,
                                                    double                 total_duration);
gboolean    efir_transcript_state_diff             (GListModel            *old_segments,
                                                    GPtrArray             *segments,
                                                    guint                 *out_position,
                                                    guint                 *out_removed,
                                                    guint                 *out_added);
gboolean    efir_transcript_state_read_edit        (GListModel            *segments,
                                                    GPtrArray             *problems,
                                                    EfirTranscriptLineFunc get_line,
                                                    gpointer               user_data,
                                                    int                    first_edited,
                                                    int                    last_edited,
                                                    int                    line_delta,
                                                    double                 total_duration,
                                                    EfirTranscriptEdit    *out_edit);
int         efir_transcript_state_line_for_time    (const char            *text,
                                                    gssize                 length,
                                                    double                 seconds);
char       *efir_transcript_state_match_label      (const char            *search_text,
                                                    int                    position,
                                                    int                    count);
char       *efir_transcript_state_problem_summary  (GPtrArray             *problems);

G_END_DECLS
