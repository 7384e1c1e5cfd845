/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EFIR_TYPE_QUOTE (efir_quote_get_type ())

G_DECLARE_FINAL_TYPE (EfirQuote, efir_quote, EFIR, QUOTE, GObject)

EfirQuote  *efir_quote_new               (const char *text,
                                          const char *speaker,
                                          double      start_seconds);
EfirQuote  *efir_quote_copy              (EfirQuote  *self);
gboolean    efir_quote_equal             (EfirQuote  *a,
                                          EfirQuote  *b);

const char *efir_quote_get_text          (EfirQuote  *self);
void        efir_quote_set_text          (EfirQuote  *self,
                                          const char *text);
const char *efir_quote_get_speaker       (EfirQuote  *self);
void        efir_quote_set_speaker       (EfirQuote  *self,
                                          const char *speaker);
double      efir_quote_get_start_seconds (EfirQuote  *self);
void        efir_quote_set_start_seconds (EfirQuote  *self,
                                          double      start_seconds);
gboolean    efir_quote_get_pull_quote    (EfirQuote  *self);
void        efir_quote_set_pull_quote    (EfirQuote  *self,
                                          gboolean    pull_quote);

G_END_DECLS
