/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "efir-application.h"
#include "efir-window.h"

/* One application for the whole test program: GApplication registers once
 * per process. */
static EfirApplication *app;

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("efir-ui-window-XXXXXX", NULL);
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static void
iterate_until_idle (void)
{
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Depth-first search for a widget of a type whose label has this text. */
static gboolean
widget_tree_has_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0
      && gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_window_lists_programs_and_episodes (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) store = efir_store_open (f->db_path, &error);
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  EfirWindow *window;

  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (store, program, &error));
  g_assert_no_error (error);

  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, "Azərbaycanı nə narahat edir?");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_assert_true (efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  window = efir_window_new (app, store, f->db_path, NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until_idle ();

  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), "112. Azərbaycanı nə narahat edir?"));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static void
test_window_offers_backup_for_damaged_file (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  EfirStore *store;
  EfirWindow *window;

  g_assert_true (g_file_set_contents (f->db_path, "this is a note, not a database\n", -1, NULL));
  g_assert_true (g_file_get_contents (f->db_path, &before, &before_len, NULL));

  store = efir_store_open (f->db_path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);

  window = efir_window_new (app, NULL, f->db_path, error);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until_idle ();

  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), "The Database Cannot Be Opened"));
  g_assert_true (g_file_get_contents (f->db_path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/ui/window/lists-programs-and-episodes", Fixture, NULL,
              fixture_set_up, test_window_lists_programs_and_episodes, fixture_tear_down);
  g_test_add ("/ui/window/offers-backup-for-damaged-file", Fixture, NULL,
              fixture_set_up, test_window_offers_backup_for_damaged_file, fixture_tear_down);

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
