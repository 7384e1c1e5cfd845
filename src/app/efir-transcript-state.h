/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-model.h"

G_BEGIN_DECLS

/*
 * What the transcript editor shows and saves, computed from text and model
 * without a display: how a line reads, the lenient parse that keeps every
 * character a producer types, the smallest change to the model, and the
 * labels of the search bar and the problem bar.
 */

typedef enum
{
  EFIR_TRANSCRIPT_LINE_BLANK,
  EFIR_TRANSCRIPT_LINE_TEXT,  /* continues the segment above */
  EFIR_TRANSCRIPT_LINE_TIMED, /* starts a segment */
  EFIR_TRANSCRIPT_LINE_BAD,   /* meant to start a segment, but its time code does not read */
} EfirTranscriptLineKind;

/* Byte offsets are from the start of the line. */
typedef struct
{
  EfirTranscriptLineKind kind;
  double                 start;          /* TIMED: seconds */
  guint                  timecode_start; /* TIMED, BAD: the "[" */
  guint                  timecode_end;   /* TIMED: past the "]"; BAD: past the code as typed */
  guint                  speaker_start;  /* TIMED: the speaker and the ":" after it; */
  guint                  speaker_end;    /*   equal offsets when there is no speaker */
} EfirTranscriptLine;

typedef struct
{
  guint  line;    /* from 1, as the message says */
  char  *message;
} EfirTranscriptProblem;

void        efir_transcript_problem_free           (EfirTranscriptProblem *problem);

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

void        efir_transcript_state_scan_line        (const char            *line,
                                                    gsize                  length,
                                                    EfirTranscriptLine    *out_line,
                                                    EfirSegment          **out_segment);
GPtrArray  *efir_transcript_state_parse            (const char            *text,
                                                    gssize                 length,
                                                    double                 total_duration,
                                                    GPtrArray            **out_problems);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirTranscriptProblem, efir_transcript_problem_free)

G_END_DECLS
