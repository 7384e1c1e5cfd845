/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "efir-application.h"
#include "efir-episode-editor.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"

/* Every screen reads whole at any width, from a phone's 360 pixels up, in
 * the language the test runs in (LANGUAGE=az, ru or en): no label is
 * given less room than it needs, none is pushed out of the window or out
 * of the view that holds it. */

static EfirApplication *app;

typedef struct
{
  char *dir;
  char *db_path;
  EfirStore *store;
  gint64 episode_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2026, 11, 20, 21, 30, 0);

  f->dir = efir_test_make_dir ("efir-ui-narrow");
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (f->store, program, &error));

  efir_episode_set_program_id (episode, efir_program_get_id (program));
  efir_episode_set_number (episode, 7);
  efir_episode_set_title (episode, "Əliyev və İran: qonşuluqda hansı risklər gözlənilir və nə etməli");
  efir_episode_set_air_date (episode, air_date);
  g_assert_true (efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);
  f->episode_id = efir_episode_get_id (episode);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static gpointer
window_child (EfirWindow *window,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), EFIR_TYPE_WINDOW, name);
}

typedef struct
{
  EfirWindow *window;
  const char *page;
} SidebarPage;

/* Search runs in a thread: its hits come a little after the key. */
static gboolean
sidebar_shows_cb (gpointer data)
{
  SidebarPage *wanted = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (window_child (wanted->window, "sidebar_stack")),
                    wanted->page) == 0;
}

/* Whether @label gives way on purpose when it has less room: it ellipsizes
 * or wraps. */
static gboolean
label_gives_way (GtkLabel *label)
{
  return gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE || gtk_label_get_wrap (label);
}

/* Fails on the first mapped label at or below @widget that is cut: given
 * less than its natural width, or reaching past the window or past a
 * scrolled view that holds it. */
static void
assert_no_label_cut (GtkWidget  *widget,
                     GtkWidget  *window,
                     const char *where)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && !label_gives_way (GTK_LABEL (widget))
      && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      int natural = 0;
      graphene_rect_t bounds;

      /* The measure counts the margins, the allocation does not. */
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      natural -= gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
      if (gtk_widget_get_allocated_width (widget) < natural)
        g_error ("%s: “%s” has %d of the %d pixels it needs", where, text,
                 gtk_widget_get_allocated_width (widget), natural);

      g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 0.5)
        g_error ("%s: “%s” reaches out of the window (%g to %g of %d)", where, text,
                 bounds.origin.x, bounds.origin.x + bounds.size.width, gtk_widget_get_width (window));

      for (GtkWidget *view = gtk_widget_get_parent (widget); view != NULL; view = gtk_widget_get_parent (view))
        {
          graphene_rect_t view_bounds;

          if (!GTK_IS_SCROLLED_WINDOW (view))
            continue;
          g_assert_true (gtk_widget_compute_bounds (widget, view, &view_bounds));
          if (view_bounds.origin.x < -0.5
              || view_bounds.origin.x + view_bounds.size.width > gtk_widget_get_width (view) + 0.5)
            g_error ("%s: “%s” is scrolled out of sight (%g to %g of %d)", where, text,
                     view_bounds.origin.x, view_bounds.origin.x + view_bounds.size.width,
                     gtk_widget_get_width (view));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_label_cut (child, window, where);
}

/* Presents a new window @width wide with the fixture's episode open,
 * once the display has given it that width. */
static EfirWindow *
open_window_at (Fixture *f,
                int      width)
{
  EfirWindow *window = efir_window_new (app, f->store, f->db_path, NULL);
  GtkWidget *content;
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  efir_window_open_episode (window, f->episode_id);
  efir_ui_test_iterate_until_idle ();
  g_assert_nonnull (efir_window_get_current_episode (window));

  /* The window's frame, drawn where no compositor draws a shadow, takes
   * a few pixels of the width. */
  content = gtk_window_get_child (GTK_WINDOW (window));
  while (ABS (gtk_widget_get_width (content) - width) > 10 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  efir_ui_test_iterate_until_idle ();
  if (ABS (gtk_widget_get_width (content) - width) > 10)
    g_error ("asked for %d pixels, given %d", width, gtk_widget_get_width (content));
  return window;
}

static void
assert_fits (Fixture *f,
             int      width)
{
  g_autofree char *where = NULL;
  EfirWindow *window = open_window_at (f, width);
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));
  AdwLeaflet *leaflet = window_child (window, "leaflet");

  where = g_strdup_printf ("%d px, %s", width, adw_leaflet_get_folded (leaflet) ? "episode page" : "both panes");
  assert_no_label_cut (content, content, where);

  /* The Schedule of every programme, in the episode's pane. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-schedule", NULL);
  efir_ui_test_iterate_until_idle ();
  g_free (where);
  where = g_strdup_printf ("%d px, schedule", width);
  assert_no_label_cut (content, content, where);
  efir_window_open_episode (window, f->episode_id);
  efir_ui_test_iterate_until_idle ();

  if (adw_leaflet_get_folded (leaflet))
    {
      adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      efir_ui_test_iterate_until_idle ();
      g_free (where);
      where = g_strdup_printf ("%d px, list", width);
      assert_no_label_cut (content, content, where);
    }

  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* From a phone's width up, the list and the episode read whole: the row
 * of sections gives way to one button where it does not fit. */
static void
test_window_reads_whole (Fixture       *f,
                         gconstpointer  data)
{
  static const int widths[] = { 360, 480, 720, 900, 1200, 1380 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    assert_fits (f, widths[i]);
}

/* The window asks for no more than a phone's 360 pixels. */
static void
test_narrow_window_fits (Fixture       *f,
                         gconstpointer  data)
{
  EfirWindow *window = efir_window_new (app, f->store, f->db_path, NULL);
  int minimum = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  efir_window_open_episode (window, f->episode_id);
  efir_ui_test_iterate_until_idle ();

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* Where the row of sections does not fit, one button names the section
 * being read, and a section chosen elsewhere renames it. */
static void
test_section_button_names_section (Fixture       *f,
                                   gconstpointer  data)
{
  EfirWindow *window = efir_window_new (app, f->store, f->db_path, NULL);
  EfirEpisodeEditor *editor;
  GtkWidget *squeezer;
  GtkWidget *button;
  GtkWidget *quotes_jump;

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 700);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  efir_window_open_episode (window, f->episode_id);
  efir_ui_test_iterate_until_idle ();

  editor = efir_window_get_editor (window);
  squeezer = efir_ui_test_find_by_id (GTK_WIDGET (editor), "section_squeezer");
  button = efir_ui_test_find_by_id (GTK_WIDGET (editor), "section_button");
  quotes_jump = efir_ui_test_find_by_id (GTK_WIDGET (editor), "quotes_jump");
  g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer)) == button);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==,
                   gtk_button_get_label (GTK_BUTTON (efir_ui_test_find_by_id (GTK_WIDGET (editor), "details_jump"))));

  efir_episode_editor_show_section (editor, EFIR_EDITOR_SECTION_QUOTES);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==,
                   gtk_button_get_label (GTK_BUTTON (quotes_jump)));

  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

/* The list keeps its width whatever the sidebar shows: the episodes, a
 * search with or without results, a filter that leaves nothing. */
static void
test_sidebar_keeps_width (Fixture       *f,
                          gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  EfirWindow *window;
  GtkWidget *sidebar;
  int requested = 0;
  int width;

  /* No episode reopened: the page beside the list is the narrow "No
   * Episode Open". */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_reset (settings, "last-episode");
    }

  window = efir_window_new (app, f->store, f->db_path, NULL);
  sidebar = efir_ui_test_find_by_id (GTK_WIDGET (window), "sidebar");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
  g_assert_null (efir_window_get_current_episode (window));
  width = gtk_widget_get_width (sidebar);
  /* As wide as it asks to be, as on the first start with nothing in it:
   * the room left goes to the episode. */
  gtk_widget_get_size_request (sidebar, &requested, NULL);
  g_assert_cmpint (width, ==, requested);

  efir_window_open_episode (window, f->episode_id);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);

  gtk_editable_set_text (window_child (window, "search_entry"), "heçnəyoxdursözdə");
  g_signal_emit_by_name (window_child (window, "search_entry"), "search-changed");
  g_assert_true (efir_ui_test_wait_for (sidebar_shows_cb, &(SidebarPage) { window, "no-results" }));
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);

  gtk_editable_set_text (window_child (window, "search_entry"), "qonşuluqda");
  g_signal_emit_by_name (window_child (window, "search_entry"), "search-changed");
  g_assert_true (efir_ui_test_wait_for (sidebar_shows_cb, &(SidebarPage) { window, "results" }));
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);

  g_signal_emit_by_name (window_child (window, "search_entry"), "stop-search");
  gtk_drop_down_set_selected (window_child (window, "status_dropdown"), 4);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);

  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();

  /* A wider window widens the episode, not the list. */
  window = open_window_at (f, 1380);
  sidebar = efir_ui_test_find_by_id (GTK_WIDGET (window), "sidebar");
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);
  gtk_window_close (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("EFIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* No page slides or fades: what is measured is where it rests. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/ui/narrow/reads-whole", Fixture, NULL, fixture_set_up,
              test_window_reads_whole, fixture_tear_down);
  g_test_add ("/ui/narrow/window-fits", Fixture, NULL, fixture_set_up,
              test_narrow_window_fits, fixture_tear_down);
  g_test_add ("/ui/narrow/section-button", Fixture, NULL, fixture_set_up,
              test_section_button_names_section, fixture_tear_down);
  g_test_add ("/ui/narrow/sidebar-keeps-width", Fixture, NULL, fixture_set_up,
              test_sidebar_keeps_width, fixture_tear_down);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
