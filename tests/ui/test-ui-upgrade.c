/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-upgrade"

#include "config.h"

#include "efir-application.h"
#include "efir-database.h"
#include "efir-migrations-private.h"
#include "efir-session.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"

/* Efir started on an archive an older Efir wrote: the upgrade runs in a
 * thread while a window says what is happening, then the main window
 * opens on the archive brought up to date. */

static EfirApplication *app;

/* Helpers ---------------------------------------------------------------- */

static GtkWindow *
find_window (gboolean main_window)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (EFIR_IS_WINDOW (l->data) == main_window)
        return l->data;
    }
  return NULL;
}

static gboolean
main_window_shown_cb (gpointer data)
{
  return find_window (TRUE) != NULL;
}

/* Tests ------------------------------------------------------------------ */

static void
test_upgrade_says_so (void)
{
  g_autofree char *dir = efir_test_make_dir ("efir-ui-upgrade");
  g_autofree char *path = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *waiting;
  GtkWindow *window;
  EfirSession *session;

  {
    g_autoptr(EfirDatabase) old = efir_database_open (path, EFIR_DATABASE_CREATE, &error);

    g_assert_no_error (error);
    efir_migrations_apply_to (old, 7, &error);
    g_assert_no_error (error);
    efir_database_exec (old,
                        "INSERT INTO programs (id, name, created_at, modified_at)"
                        " VALUES (7, 'Çətin sual', 1, 1);"
                        "INSERT INTO episodes (id, program_id, number, title, created_at,"
                        "                      modified_at, save_count)"
                        " VALUES (112, 7, 112, 'Rusiya və İran', 1, 1, 1);",
                        &error);
    g_assert_no_error (error);
  }
  g_assert_true (efir_store_needs_upgrade (path));
  g_setenv ("EFIR_DB", path, TRUE);

  g_application_activate (G_APPLICATION (app));

  /* At once, before the upgrade is done: what is happening, and no way to
   * close it meanwhile. */
  waiting = find_window (FALSE);
  g_assert_nonnull (waiting);
  g_assert_null (find_window (TRUE));
  g_assert_true (efir_ui_test_has_label (GTK_WIDGET (waiting), "Updating the Archive"));
  g_assert_false (gtk_window_get_deletable (waiting));

  g_assert_true (efir_ui_test_wait_for (main_window_shown_cb, NULL));
  efir_ui_test_iterate_until_idle ();
  window = find_window (TRUE);
  g_assert_null (find_window (FALSE));
  g_assert_false (efir_store_needs_upgrade (path));
  /* On the archive, its episode listed. */
  session = efir_window_get_session (EFIR_WINDOW (window));
  g_assert_cmpstr (efir_program_get_name (efir_session_get_program (session)), ==, "Çətin sual");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_session_get_episodes (session))), ==, 1);

  gtk_window_close (window);
  efir_ui_test_iterate_until_idle ();
  g_unsetenv ("EFIR_DB");
  efir_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/upgrade/says-so", test_upgrade_says_so);

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
