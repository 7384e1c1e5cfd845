/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-advice"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "efir-episode-json.h"
#include "efir-store-advice.h"
#include "efir-store-error.h"

/* Tests ------------------------------------------------------------------ */

/* Every open failure offered a backup: a full disk sent the producer to
 * yesterday's copy although nothing was wrong with the archive. */
static void
test_each_error (void)
{
  static const struct {
    EfirStoreError  code;
    EfirStoreAction action;
  } cases[] = {
    { EFIR_STORE_ERROR_BUSY, EFIR_STORE_ACTION_RETRY },
    { EFIR_STORE_ERROR_FULL, EFIR_STORE_ACTION_FREE_SPACE },
    { EFIR_STORE_ERROR_READ_ONLY, EFIR_STORE_ACTION_READ_ONLY },
    { EFIR_STORE_ERROR_TOO_NEW, EFIR_STORE_ACTION_UPDATE_EFIR },
    { EFIR_STORE_ERROR_CORRUPT, EFIR_STORE_ACTION_RESTORE },
    { EFIR_STORE_ERROR_NOT_A_DATABASE, EFIR_STORE_ACTION_RESTORE },
    { EFIR_STORE_ERROR_SQLITE, EFIR_STORE_ACTION_NONE },
    { EFIR_STORE_ERROR_NOT_FOUND, EFIR_STORE_ACTION_NONE },
    { EFIR_STORE_ERROR_CONFLICT, EFIR_STORE_ACTION_NONE },
  };
  g_autoptr(GHashTable) sentences = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (EFIR_STORE_ERROR, cases[i].code, "x");
      const char *sentence = NULL;

      g_assert_cmpint (efir_store_advice (error, &sentence), ==, cases[i].action);
      g_assert_nonnull (sentence);
      g_assert_cmpuint (strlen (sentence), >, 20);
      g_assert_true (g_str_has_suffix (sentence, "."));
      g_hash_table_add (sentences, (gpointer) sentence);

      /* Only damage is a reason to go back to a backup. */
      if (cases[i].code != EFIR_STORE_ERROR_CORRUPT && cases[i].code != EFIR_STORE_ERROR_NOT_A_DATABASE)
        g_assert_null (strstr (sentence, "backup"));
    }

  /* One sentence per action, and the three that leave it alone share one. */
  g_assert_cmpuint (g_hash_table_size (sentences), ==, 6);
}

static void
test_other_domains (void)
{
  g_autoptr(GError) file_error = g_error_new_literal (EFIR_EPISODE_JSON_ERROR,
                                                      EFIR_EPISODE_JSON_ERROR_INVALID_JSON, "x");
  g_autoptr(GError) io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_cmpint (efir_store_advice (file_error, NULL), ==, EFIR_STORE_ACTION_NONE);
  g_assert_cmpint (efir_store_advice (io_error, NULL), ==, EFIR_STORE_ACTION_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/advice/each-error", test_each_error);
  g_test_add_func ("/store/advice/other-domains", test_other_domains);

  return g_test_run ();
}
