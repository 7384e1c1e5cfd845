/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-social-fuzz-corpus"

/* Replays the fuzzing corpus of the link clean-up (tests/fuzz/social/)
 * through the fuzzer's own checks, so that every input that once broke it
 * keeps being tried without clang. */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Tests ------------------------------------------------------------------ */

static void
test_replay (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "social", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("replaying %s", name);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      n++;
    }

  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/social/fuzz-corpus/replay", test_replay);

  return g_test_run ();
}
