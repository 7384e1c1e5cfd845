/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-segment.h"

G_BEGIN_DECLS

/*
 * The errors of reading a transcript. Messages name the line, so the editor
 * and efir-cli can show them as they are.
 */

#define EFIR_TRANSCRIPT_ERROR (efir_transcript_error_quark ())

typedef enum
{
  EFIR_TRANSCRIPT_ERROR_BAD_TIMECODE, /* a line should start with a time code and does not */
  EFIR_TRANSCRIPT_ERROR_OUT_OF_ORDER, /* a time code is earlier than the one before it */
  EFIR_TRANSCRIPT_ERROR_EMPTY,        /* not a single timed line */
} EfirTranscriptError;

GQuark     efir_transcript_error_quark  (void);

/* What a line of the text form is, for the editor to colour it. */
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
  guint                  timecode_start; /* TIMED, BAD: the "[" or the first digit */
  guint                  timecode_end;   /* TIMED: past the "]" or the code; BAD: past the code as typed */
  guint                  speaker_start;  /* TIMED: the speaker and the ":" after it; */
  guint                  speaker_end;    /*   equal offsets when there is no speaker */
} EfirTranscriptLine;

/* A line the lenient parse kept as text. */
typedef struct
{
  guint                line;    /* from 1, as the message says */
  EfirTranscriptError  code;
  char                *message;
} EfirTranscriptProblem;

void       efir_transcript_problem_free        (EfirTranscriptProblem *problem);

void       efir_transcript_text_scan_line      (const char            *line,
                                                gsize                  length,
                                                EfirTranscriptLine    *out_line,
                                                EfirSegment          **out_segment);
GPtrArray *efir_transcript_text_parse          (const char            *text,
                                                gssize                 length,
                                                double                 total_duration,
                                                GError               **error);
GPtrArray *efir_transcript_text_parse_lenient  (const char            *text,
                                                gssize                 length,
                                                double                 total_duration,
                                                GPtrArray            **out_problems);
GPtrArray *efir_transcript_text_parse_lenient_from (const char        *text,
                                                    gssize             length,
                                                    double             total_duration,
                                                    guint              first_line,
                                                    GPtrArray        **out_problems);
EfirTranscriptProblem *
           efir_transcript_text_line_problem   (const char            *line,
                                                gsize                  length,
                                                guint                  line_number,
                                                double                 previous_start);
char      *efir_transcript_text_format         (GListModel            *segments);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirTranscriptProblem, efir_transcript_problem_free)

G_END_DECLS
