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

GPtrArray *efir_transcript_text_parse   (const char  *text,
                                         gssize       length,
                                         double       total_duration,
                                         GError     **error);
char      *efir_transcript_text_format  (GListModel  *segments);

G_END_DECLS
