/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *efir_markdown_to_html     (const char *markdown);
guint  efir_markdown_count_words (const char *markdown);
char  *efir_markdown_strip_fragment (const char *fragment);

G_END_DECLS
