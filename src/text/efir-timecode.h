/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *efir_timecode_format (double      seconds);
gboolean  efir_timecode_parse  (const char *text,
                                double     *out_seconds);

G_END_DECLS
