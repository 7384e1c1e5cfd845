/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-test-util"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "efir-test-util.h"

char *
efir_test_make_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (name, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
efir_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        efir_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
efir_test_damage_table (const char *path,
                        const char *table)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size;
  gint64 offset;
  gsize length;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
                                       " FROM sqlite_schema WHERE name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 1);
  page_size = sqlite3_column_int64 (stmt, 1);
  offset = (sqlite3_column_int64 (stmt, 0) - 1) * page_size;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (offset + page_size, <=, (gint64) length);
  /* The b-tree page header and its first cell pointers. */
  for (gint64 i = 0; i < 24; i++)
    contents[offset + i] ^= 0x5a;
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

char *
efir_test_fixture_path (const char *name)
{
  char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("The test fixture %s is missing", path);

  return path;
}

char *
efir_test_read_fixture (const char *name,
                        gsize      *length)
{
  g_autofree char *path = efir_test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, &error))
    g_error ("The test fixture %s cannot be read: %s", path, error->message);

  return contents;
}

/* Whether @needle's bytes stand anywhere in @haystack's @length. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

guint
efir_test_assert_secret_not_in_files (const char *dir,
                                      const char *secret)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += efir_test_assert_secret_not_in_files (path, secret);
          continue;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)
          || !g_file_get_contents (path, &contents, &length, NULL))
        continue;

      if (contains_bytes (contents, length, secret))
        g_error ("The password is in plain text in %s", path);
      n_files++;
    }

  return n_files;
}
