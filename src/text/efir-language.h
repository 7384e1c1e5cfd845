/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The language a text is written in, among those of the programme pages:
 * "ru" when most of its letters are Cyrillic, "az" when its Latin letters
 * include Azerbaijani ones (ə ğ ı ş ç ö ü), "en" for other Latin text.
 */
const char *efir_language_guess (const char *text,
                                 gssize      length);

G_END_DECLS
