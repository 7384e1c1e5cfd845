/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The name FTS5 tables give in their tokenize option. */
#define EFIR_SEARCH_TOKENIZER "efir"

gboolean efir_search_tokenizer_register (sqlite3  *handle,
                                         GError  **error);

G_END_DECLS
