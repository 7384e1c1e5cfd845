/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "efir-application.h"
#include "efir-guest-directory.h"
#include "efir-program-settings.h"
#include "efir-test-util.h"
#include "efir-trash-dialog.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"

/* One application for the whole test program: GApplication registers once
 * per process. */
static EfirApplication *app;

typedef struct
{
  char        *dir;
  char        *db_path;
  EfirStore   *store;
  EfirProgram *program;
  gint64       ids[2];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = efir_test_make_dir ("efir-ui-trash");
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->program = efir_program_new ("Çətin sual");
  g_assert_true (efir_store_save_program (f->store, f->program, &error));

  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      g_autoptr(EfirEpisode) episode = efir_episode_new ();
      g_autofree char *title = g_strdup_printf ("Buraxılış %u", i + 1);

      efir_episode_set_program_id (episode, efir_program_get_id (f->program));
      efir_episode_set_number (episode, i + 1);
      efir_episode_set_title (episode, title);
      g_assert_true (efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error));
      f->ids[i] = efir_episode_get_id (episode);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->program);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Helpers ---------------------------------------------------------------- */

static EfirWindow *
open_window (Fixture *f)
{
  EfirWindow *window = efir_window_new (app, f->store, f->db_path, NULL);

  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  return window;
}

static void
close_window (GtkWidget *window)
{
  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

static guint
n_rows (EfirWindow *window)
{
  GtkGridView *list = GTK_GRID_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                    EFIR_TYPE_WINDOW,
                                                                    "episode_list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (list)));
}

static guint
n_in_trash (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = efir_store_list_trash (f->store, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* The first button at or below @widget that activates @action_name. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toplevel of @type on screen, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0, n = g_list_model_get_n_items (toplevels); i < n; i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

/* Answers a message dialog as its button would, which also closes it. */
static void
answer (GtkWidget  *dialog,
        const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  efir_ui_test_iterate_until_idle ();
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  efir_ui_test_iterate_until_idle ();
}

/* Tests ------------------------------------------------------------------ */

/* The open episode goes to the trash at once, the list without it; the
 * toast's Undo brings it back, open again. */
static void
test_delete_then_undo (Fixture       *f,
                       gconstpointer  data)
{
  EfirWindow *window = open_window (f);
  EfirEpisode *current;

  efir_window_open_episode (window, f->ids[0]);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (n_rows (window), ==, 2);

  /* What was typed a moment ago is saved with it, not lost. */
  efir_episode_set_title (efir_window_get_current_episode (window), "Son söz");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-episode", NULL);
  efir_ui_test_iterate_until_idle ();

  g_assert_null (efir_window_get_current_episode (window));
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpuint (n_in_trash (f), ==, 1);
  g_assert_true (efir_ui_test_has_mapped_label (GTK_WIDGET (window),
                                                "“1. Son söz” moved to the trash"));

  click (find_action_button (GTK_WIDGET (window), "win.restore-episode"));

  g_assert_cmpuint (n_rows (window), ==, 2);
  g_assert_cmpuint (n_in_trash (f), ==, 0);
  current = efir_window_get_current_episode (window);
  g_assert_nonnull (current);
  g_assert_cmpint (efir_episode_get_id (current), ==, f->ids[0]);
  g_assert_cmpstr (efir_episode_get_title (current), ==, "Son söz");

  close_window (GTK_WIDGET (window));
}

/* The trash, from the main menu: a row restores its episode into the
 * window's list; Delete Now asks, then deletes for good. */
static void
test_trash_view_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EfirWindow *window;
  GtkWidget *trash;
  GtkWidget *confirm;
  GtkStack *stack;

  g_assert_true (efir_store_trash_episode (f->store, f->ids[0], &error));
  g_assert_true (efir_store_trash_episode (f->store, f->ids[1], &error));
  window = open_window (f);
  g_assert_cmpuint (n_rows (window), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.trash", NULL);
  efir_ui_test_iterate_until_idle ();
  trash = find_toplevel (EFIR_TYPE_TRASH_DIALOG);
  g_assert_nonnull (trash);
  stack = GTK_STACK (gtk_widget_get_template_child (trash, EFIR_TYPE_TRASH_DIALOG, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "episodes");
  g_assert_true (efir_ui_test_has_mapped_label (trash, "2. Buraxılış 2"));
  g_assert_true (efir_ui_test_has_mapped_label (trash, "1. Buraxılış 1"));

  /* The most recently deleted comes first: restore it. */
  click (find_action_button (trash, "trash.restore"));
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpuint (n_in_trash (f), ==, 1);
  g_assert_false (efir_ui_test_has_mapped_label (trash, "2. Buraxılış 2"));

  click (find_action_button (trash, "trash.delete-now"));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  answer (confirm, "delete");
  g_assert_cmpuint (n_in_trash (f), ==, 0);
  g_assert_null (efir_store_load_episode (f->store, f->ids[0], &error));
  g_clear_error (&error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  close_window (trash);
  close_window (GTK_WIDGET (window));
}

/* A published episode is deleted only once the producer has read that its
 * post stays on the site. */
static void
test_published_asks_first (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  EfirSite site = { 0, "https://cetinsual.az", "https://cetinsual.az/wp-json/", "redaktor",
                    "Redaktor", TRUE, FALSE, "6.4" };
  EfirWindow *window;
  GtkWidget *confirm;
  gint64 site_id;

  site_id = efir_store_add_site (f->store, &site, &error);
  g_assert_no_error (error);
  publication = efir_publication_new (f->ids[1], site_id);
  publication->remote_id = 41;
  g_assert_true (efir_store_save_publication (f->store, publication,
                                              EFIR_EPISODE_STATUS_PUBLISHED, 0, &error));

  window = open_window (f);
  efir_window_open_episode (window, f->ids[1]);
  efir_ui_test_iterate_until_idle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-episode", NULL);
  efir_ui_test_iterate_until_idle ();

  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                            "stays on the site"));
  g_assert_cmpuint (n_in_trash (f), ==, 0);

  answer (confirm, "delete");
  g_assert_cmpuint (n_in_trash (f), ==, 1);
  g_assert_cmpuint (n_rows (window), ==, 1);

  close_window (GTK_WIDGET (window));
}

/* Selects the one person called @name in the guest directory. */
static void
select_person (GtkWidget  *directory,
               const char *name)
{
  GtkListView *list = GTK_LIST_VIEW (efir_ui_test_find_by_id (directory, "person_list"));
  GListModel *people = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(EfirPerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (efir_person_get_name (person), name) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (people), i, TRUE);
          efir_ui_test_iterate_until_idle ();
          return;
        }
    }
  g_assert_not_reached ();
}

/* A person no episode names is deleted once confirmed; one that an episode
 * names is refused with a sentence, and the dialog merges them into the
 * entry chosen instead. */
static void
test_directory_delete_or_merge (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nasimi Mammadli", "");
  g_autoptr(EfirPerson) native = efir_person_new ("Nəsimi Məmmədli");
  g_autoptr(EfirPerson) unused = efir_person_new ("Heç kim");
  g_autoptr(GListModel) people = NULL;
  GtkWidget *directory;
  GtkWidget *dialog;

  episode = efir_store_load_episode (f->store, f->ids[0], &error);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_assert_true (efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_GUESTS, &error));
  g_assert_true (efir_store_save_person (f->store, native, &error));
  g_assert_true (efir_store_save_person (f->store, unused, &error));

  directory = efir_guest_directory_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (directory));
  efir_ui_test_iterate_until_idle ();

  select_person (directory, "Heç kim");
  gtk_widget_activate_action (directory, "directory.delete", NULL);
  efir_ui_test_iterate_until_idle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  answer (dialog, "delete");
  people = efir_store_list_people (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  g_clear_object (&people);

  select_person (directory, "Nasimi Mammadli");
  gtk_widget_activate_action (directory, "directory.delete", NULL);
  efir_ui_test_iterate_until_idle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "merge"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "merge"));
  answer (dialog, "merge");

  people = efir_store_list_people (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  g_clear_object (&episode);
  episode = efir_store_load_episode (f->store, f->ids[0], &error);
  g_clear_object (&guest);
  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, efir_person_get_id (native));

  close_window (directory);
}

/* A programme with episodes says why it cannot go; once they are gone
 * (to the trash) it is deleted, and the window lists it no more. */
static void
test_program_delete (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) programs = NULL;
  EfirWindow *window = open_window (f);
  GtkWidget *settings;
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.program-settings", NULL);
  efir_ui_test_iterate_until_idle ();
  settings = find_toplevel (EFIR_TYPE_PROGRAM_SETTINGS);
  g_assert_nonnull (settings);

  gtk_widget_activate_action (settings, "program.delete", NULL);
  efir_ui_test_iterate_until_idle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "has 2 episodes"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "delete"));
  answer (dialog, "close");

  g_assert_true (efir_store_trash_episode (f->store, f->ids[0], &error));
  g_assert_true (efir_store_trash_episode (f->store, f->ids[1], &error));
  gtk_widget_activate_action (settings, "program.delete", NULL);
  efir_ui_test_iterate_until_idle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  answer (dialog, "delete");

  programs = efir_store_list_programs (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (programs), ==, 0);
  g_assert_null (find_toplevel (EFIR_TYPE_PROGRAM_SETTINGS));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      GTK_DROP_DOWN (efir_ui_test_find_by_id (GTK_WIDGET (window), "program_dropdown")))),
                    ==, 0);

  close_window (GTK_WIDGET (window));
}

/* What a row of the trash says, computed without a display. */
static void
test_row_subtitle (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *today = efir_trash_dialog_row_subtitle ("Çətin sual", 0, FALSE);
  g_autofree char *week = efir_trash_dialog_row_subtitle ("Çətin sual", 7, TRUE);
  g_autofree char *overdue = efir_trash_dialog_row_subtitle ("Çətin sual", 31, FALSE);

  g_assert_cmpstr (today, ==, "Çətin sual · deleted today · kept 30 more days");
  g_assert_cmpstr (week, ==,
                   "Çətin sual · deleted 7 days ago · kept 23 more days · its post stays on the site");
  g_assert_cmpstr (overdue, ==, "Çətin sual · deleted 31 days ago · kept 0 more days");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/ui/trash/delete-then-undo", Fixture, NULL,
              fixture_set_up, test_delete_then_undo, fixture_tear_down);
  g_test_add ("/ui/trash/trash-view-restore", Fixture, NULL,
              fixture_set_up, test_trash_view_restore, fixture_tear_down);
  g_test_add ("/ui/trash/published-asks-first", Fixture, NULL,
              fixture_set_up, test_published_asks_first, fixture_tear_down);
  g_test_add ("/ui/trash/directory-delete-or-merge", Fixture, NULL,
              fixture_set_up, test_directory_delete_or_merge, fixture_tear_down);
  g_test_add ("/ui/trash/row-subtitle", Fixture, NULL,
              fixture_set_up, test_row_subtitle, fixture_tear_down);
  g_test_add ("/ui/trash/program-delete", Fixture, NULL,
              fixture_set_up, test_program_delete, fixture_tear_down);

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
