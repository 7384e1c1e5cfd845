/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Search folding: the form in which words are indexed and looked up, so a
 * search finds "Çətin" when the producer types "cetin", "ЁЛКА" when they type
 * "елка", and "İlham" when they type "ilham".
 *
 * Lowercase, combining marks dropped after canonical decomposition, and the
 * Azerbaijani letters without a decomposition folded by hand (ə→e, ı→i).
 * Invalid UTF-8 bytes are skipped; the output is always valid UTF-8.
 */
void  efir_fold_append (GString    *out,
                        const char *text,
                        gssize      length);
char *efir_fold        (const char *text,
                        gssize      length);
gboolean efir_fold_is_empty (const char *text,
                             gssize      length);
/* A regular expression (GRegex, PCRE) that finds @needle in text as the
 * search folding would: every letter that folds as the needle's does, and
 * any combining marks after it. NULL when @needle folds to nothing. */
char *efir_fold_pattern  (const char *needle);

G_END_DECLS
