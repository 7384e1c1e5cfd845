/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the test programs share. */

/* A new folder for one test's files, named after @name. */
char *efir_test_make_dir    (const char *name);
/* Deletes @path and everything under it. */
void  efir_test_remove_tree (const char *path);
/* Scrambles the header of @table's root page in the database at @path, as
 * a bad sector in the middle of the file would: a look at the first page
 * and the schema does not see it, a check of every page does. */
void  efir_test_damage_table (const char *path,
                              const char *table);

/* The path of the file @name in tests/fixtures/, and its contents: a test
 * never reads anything from outside the repository, and fails when a
 * fixture is missing instead of skipping. */
char *efir_test_fixture_path (const char *name);
char *efir_test_read_fixture (const char *name,
                              gsize      *length);

/* Fails if a file under @dir holds @secret, a password typed in a test:
 * it is to be in the keyring only. Returns how many files it read. */
guint efir_test_assert_secret_not_in_files (const char *dir,
                                            const char *secret);

G_END_DECLS
