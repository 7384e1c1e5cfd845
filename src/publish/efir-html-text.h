/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A page's HTML as a reader reads it: for comparing the site's version of
 * a post with Efir's, paragraph by paragraph.
 */

/* One line per paragraph, heading, list item or quote, without markup,
 * comments, scripts or styles, the character references decoded and the
 * spaces of each line collapsed; no empty lines. */
char       *efir_html_to_text       (const char *html);

/* Decodes the character reference at @p ("&amp;", "&#1234;", "&#x4D2;")
 * into @out: the end of the reference, or NULL (nothing added) when @p
 * starts none Efir knows. */
const char *efir_html_decode_entity (const char *p,
                                     GString    *out);

G_END_DECLS
