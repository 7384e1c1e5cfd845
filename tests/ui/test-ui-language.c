/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "efir-application.h"
#include "efir-window.h"

/* The window appears in the producer's language: run with LANGUAGE=az or
 * LANGUAGE=ru and the catalogues of the build tree. */

static gboolean
widget_tree_has_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_window_speaks_language (void)
{
  const char *expected = g_getenv ("EFIR_EXPECTED_EMPTY_TITLE");
  g_autofree char *dir = g_dir_make_tmp ("efir-ui-language-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (db_path, &error);
  g_autoptr(EfirApplication) app = efir_application_new ();
  EfirWindow *window;

  g_assert_no_error (error);
  g_assert_nonnull (expected);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = efir_window_new (app, store, db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;

  /* What a producer sees in an empty archive, word for word. */
  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), expected));
  g_assert_false (widget_tree_has_label (GTK_WIDGET (window), "No Programmes Yet"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        if (g_file_test (path, G_FILE_TEST_IS_DIR))
          {
            g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);
            const char *subname;
            while (sub != NULL && (subname = g_dir_read_name (sub)) != NULL)
              {
                g_autofree char *subpath = g_build_filename (path, subname, NULL);
                g_unlink (subpath);
              }
            g_rmdir (path);
          }
        else
          g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("EFIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/language/window", test_window_speaks_language);
  return g_test_run ();
}
