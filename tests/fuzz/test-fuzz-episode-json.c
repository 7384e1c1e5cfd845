/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fuzz-episode-json"

#include "config.h"

#include <glib.h>

#include "efir-fuzz-episode-json.h"

/* Replays the fuzzer's seed corpus and every input that once crashed it
 * through the same target, under the suite's sanitizers: each case of the
 * corpus stays covered, and no past crash comes back. */

/* Tests ------------------------------------------------------------------ */

static void
test_replay (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  efir_fuzz_episode_json ((const guint8 *) contents, length);
}

static guint
add_folder (const char *kind)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fuzz", kind, "episode-json", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/episode-json/%s/%s", kind, file);

      /* The path lives as long as the test program. */
      g_test_add_data_func_full (test_path, g_build_filename (folder, file, NULL), test_replay, g_free);
    }

  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* A folder that went missing would otherwise pass as zero tests. */
  g_assert_cmpuint (add_folder ("corpus"), >=, 20);
  g_assert_cmpuint (add_folder ("crashers"), >=, 1);

  return g_test_run ();
}
