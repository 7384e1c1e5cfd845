/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The FTS5 function efir_snippet(): snippet()'s result, byte for byte, for
 * less work. efir_search_tokenizer_register() registers it. */
void efir_search_snippet (const Fts5ExtensionApi  *api,
                          Fts5Context             *fts,
                          sqlite3_context         *context,
                          int                      n_args,
                          sqlite3_value          **args);

G_END_DECLS
