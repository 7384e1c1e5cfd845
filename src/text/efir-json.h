/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text as a JSON string, quotes included. Text that is not valid
 * UTF-8 is made valid first: a document we write must always parse. */
void efir_json_append_string (GString    *out,
                              const char *text);

G_END_DECLS
