/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the test programs share. */

/* A new folder for one test's files, named after @name. */
char *efir_test_make_dir    (const char *name);
/* Deletes @path and everything under it. */
void  efir_test_remove_tree (const char *path);

G_END_DECLS
