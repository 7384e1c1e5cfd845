/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-timecode.h"

G_BEGIN_DECLS

/* For the transcript formats, which read and write thousands of time codes
 * in place: no copy of the text to parse, no string per code written.
 */
void     efir_timecode_append    (GString    *out,
                                  double      seconds);
gboolean efir_timecode_parse_len (const char *text,
                                  gsize       length,
                                  double     *out_seconds);

G_END_DECLS
