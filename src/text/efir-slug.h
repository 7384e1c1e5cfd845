/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest slug efir_slug_from_title() returns, in bytes. */
#define EFIR_SLUG_MAX_LENGTH 75

char *efir_slug_from_title (const char *title);

G_END_DECLS
