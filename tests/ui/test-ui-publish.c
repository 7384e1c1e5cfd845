/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "efir-application.h"
#include "efir-conflict-dialog.h"
#include "efir-dialog-state.h"
#include "efir-history-dialog.h"
#include "efir-publisher.h"
#include "efir-schedule-dialog.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-window.h"
#include "efir-wp-test-util.h"

/*
 * Publishing from the episode's "Publication" section, against a real
 * WordPress on loopback: the producer presses Publish and sees the live
 * link, schedules on the programme's clock, and withdraws the page.
 */

static EfirApplication *app;
static EfirTestWordPress *wp;

/* How long a publication may take on a loaded machine. A bound, not a
 * measure. */
#define SEND_BOUND (90 * G_TIME_SPAN_SECOND)

typedef struct
{
  char        *dir;
  char        *db_path;
  EfirStore   *store;
  EfirProgram *program;
  EfirEpisode *episode;
  EfirWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2026, 12, 2, 20, 0, 0);
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;

  f->dir = efir_test_make_dir ("efir-ui-publish");
  f->db_path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db_path, &error);
  g_assert_no_error (error);

  f->program = efir_program_new ("Çətin sual");
  efir_program_set_time_zone (f->program, "Asia/Baku");
  g_assert_true (efir_store_save_program (f->store, f->program, &error));

  publisher = efir_publisher_new (f->store);
  site = efir_publisher_add_site (publisher, wp->url, wp->admin_user, wp->admin_password, notes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_set_program_site (f->store, efir_program_get_id (f->program), site->id, "", &error));

  /* Each test's own post on the one site. */
  title = g_strdup_printf ("Sanksiyalar %s", g_test_get_path ());
  f->episode = efir_episode_new ();
  efir_episode_set_program_id (f->episode, efir_program_get_id (f->program));
  efir_episode_set_program_name (f->episode, efir_program_get_name (f->program));
  efir_episode_set_number (f->episode, 1);
  efir_episode_set_title (f->episode, title);
  efir_episode_set_summary (f->episode, "Qonaqlar sanksiyaları müzakirə edir.");
  efir_episode_set_air_date (f->episode, air_date);
  g_assert_true (efir_store_save_episode (f->store, f->episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);

  f->window = efir_window_new (app, f->store, f->db_path, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
  efir_window_open_episode (f->window, efir_episode_get_id (f->episode));
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&f->episode);
  g_clear_object (&f->program);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Helpers ---------------------------------------------------------------- */

static AdwActionRow *
state_row (Fixture *f)
{
  GtkWidget *row = efir_ui_test_find_by_name (GTK_WIDGET (efir_window_get_editor (f->window)),
                                              "publication_state_row");

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

/* Whether the panel shows the button of win.@action. */
static gboolean
button_shown (Fixture    *f,
              const char *action)
{
  GtkWidget *button = efir_ui_test_find_by_name (GTK_WIDGET (efir_window_get_editor (f->window)), action);

  g_assert_nonnull (button);
  return gtk_widget_get_visible (button) && gtk_widget_get_visible (gtk_widget_get_parent (button));
}

typedef struct
{
  Fixture    *f;
  const char *headline;
} Wanted;

static gboolean
headline_starts_with (gpointer data)
{
  Wanted *wanted = data;

  return g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (state_row (wanted->f))),
                           wanted->headline);
}

/* Runs the window until the panel's headline begins with @headline. */
static void
wait_for_headline (Fixture    *f,
                   const char *headline)
{
  Wanted wanted = { f, headline };
  gint64 deadline = g_get_monotonic_time () + SEND_BOUND;

  while (!headline_starts_with (&wanted) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!headline_starts_with (&wanted))
    g_error ("the panel says “%s”, not “%s…”",
             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (state_row (f))), headline);
}

/* The open dialog of @type, presented by the window. */
static GtkWidget *
find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  g_error ("no %s is open", g_type_name (type));
}

static EfirPublication *
publication_of (Fixture *f)
{
  g_autoptr(GPtrArray) sites = efir_store_list_sites (f->store, NULL);
  EfirSite *site = sites->pdata[0];

  return efir_store_get_publication (f->store, efir_episode_get_id (f->episode), site->id, NULL);
}

static char *
post_field (Fixture    *f,
            const char *field)
{
  g_autoptr(EfirPublication) publication = publication_of (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *php = NULL;
  char *out;

  g_assert_nonnull (publication);
  php = g_strdup_printf ("echo get_post (%" G_GINT64_FORMAT ")->%s;", publication->remote_id, field);
  out = efir_test_wordpress_eval (wp, php, &error);
  g_assert_no_error (error);
  return out;
}

static gboolean
status_badge_hidden (gpointer data)
{
  Fixture *f = data;
  GtkWidget *editor = GTK_WIDGET (efir_window_get_editor (f->window));
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (editor, EFIR_TYPE_EPISODE_EDITOR,
                                                                "publication_status_label"));

  return !gtk_widget_get_visible (gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW));
}

static void
publish_now (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.publish", NULL);
  wait_for_headline (f, "Published");
}

/* Tests ------------------------------------------------------------------ */

static void
test_publish_shows_live_link (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autofree char *status = NULL;
  AdwActionRow *row = state_row (f);

  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Not on the site yet"));
  g_assert_false (button_shown (f, "withdraw"));
  publish_now (f);
  /* The panel says it once: the badge of the editorial status goes, once
   * the episode follows what the worker stored. */
  g_assert_true (efir_ui_test_wait_for (status_badge_hidden, f));

  /* The live link is the post's, and the post is live. */
  publication = publication_of (f);
  g_assert_nonnull (publication);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, publication->link);
  g_assert_true (g_str_has_prefix (publication->link, wp->url));
  status = post_field (f, "post_status");
  g_assert_cmpstr (status, ==, "publish");
  g_assert_true (button_shown (f, "withdraw"));
  /* Nothing that does not apply: the post is already there. */
  g_assert_false (button_shown (f, "publish-draft"));
}

static void
test_schedule_on_programme_clock (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) now = g_date_time_new_now (baku);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) chosen = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *expected_gmt = NULL;
  g_autofree char *date_gmt = NULL;
  g_autofree char *status = NULL;
  EfirScheduleDialog *dialog;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.schedule", NULL);
  efir_ui_test_iterate_until_idle ();
  dialog = EFIR_SCHEDULE_DIALOG (find_dialog (EFIR_TYPE_SCHEDULE_DIALOG));

  /* A time that has passed cannot be chosen… */
  gtk_calendar_select_day (GTK_CALENDAR (efir_ui_test_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR)), now);
  entry = efir_ui_test_find_by_name (GTK_WIDGET (dialog), "schedule_time_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "00:00");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
  g_assert_true (efir_ui_test_has_label (GTK_WIDGET (dialog), "This time has passed. Choose a time to come."));

  /* …tomorrow at 21:30 in Baku can, typed as a producer would. */
  gtk_calendar_select_day (GTK_CALENDAR (efir_ui_test_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR)),
                           tomorrow);
  gtk_editable_set_text (GTK_EDITABLE (entry), "2130");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "schedule");

  wait_for_headline (f, "Scheduled for");
  /* On the programme's clock, and on the viewer's (UTC here) beside it. */
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (state_row (f))), "21:30 · 17:30 here"));

  chosen = g_date_time_new (baku, g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                            g_date_time_get_day_of_month (tomorrow), 21, 30, 0);
  in_utc = g_date_time_to_utc (chosen);
  expected_gmt = g_date_time_format (in_utc, "%Y-%m-%d %H:%M:%S");
  status = post_field (f, "post_status");
  date_gmt = post_field (f, "post_date_gmt");
  g_assert_cmpstr (status, ==, "future");
  g_assert_cmpstr (date_gmt, ==, expected_gmt);
}

static void
test_withdraw_asks_first (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *status = NULL;
  AdwMessageDialog *dialog;

  publish_now (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.withdraw", NULL);
  efir_ui_test_iterate_until_idle ();
  dialog = ADW_MESSAGE_DIALOG (find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  /* The question names the post. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), efir_episode_get_title (f->episode)));
  adw_message_dialog_response (dialog, "withdraw");

  wait_for_headline (f, "Withdrawn");
  status = post_field (f, "post_status");
  g_assert_cmpstr (status, ==, "draft");
}

typedef struct
{
  AdwActionRow *row;
  const char   *text;
} SubtitleWanted;

static gboolean
subtitle_has (gpointer data)
{
  SubtitleWanted *wanted = data;

  return strstr (adw_action_row_get_subtitle (wanted->row), wanted->text) != NULL;
}

/* A colleague edits the post on the site; Publish then stops, the panel
 * says who changed it, and Choose a Version opens the two side by side. */
static void
test_conflict_from_panel (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *php = NULL;
  g_autofree char *editor = NULL;
  g_autofree char *status = NULL;
  SubtitleWanted wanted;

  publish_now (f);
  publication = publication_of (f);

  /* WordPress stamps modified_gmt to the second. */
  g_usleep (1100 * 1000);
  php = g_strdup_printf ("wp_set_current_user (get_user_by ('login', '%s')->ID);"
                         "wp_update_post (['ID' => %" G_GINT64_FORMAT ", 'post_title' => 'Həmkarın başlığı']);"
                         "echo wp_get_current_user ()->display_name;",
                         wp->admin_user, publication->remote_id);
  editor = efir_test_wordpress_eval (wp, php, &error);
  g_assert_no_error (error);

  efir_episode_set_title (efir_window_get_current_episode (f->window), "Efirin başlığı");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.publish", NULL);
  wait_for_headline (f, "Changed on the site");

  wanted.row = state_row (f);
  wanted.text = editor;
  g_assert_true (efir_ui_test_wait_for (subtitle_has, &wanted));
  g_assert_true (button_shown (f, "resolve-publication"));
  g_assert_false (button_shown (f, "publish"));

  /* Nothing was sent over the colleague's edit. */
  status = post_field (f, "post_title");
  g_assert_cmpstr (status, ==, "Həmkarın başlığı");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-publication", NULL);
  efir_ui_test_iterate_until_idle ();
  gtk_window_close (GTK_WINDOW (find_dialog (EFIR_TYPE_CONFLICT_DIALOG)));
  efir_ui_test_iterate_until_idle ();
}

/* What changed since it was published: History, on the version sent. */
static void
test_compare_since_published (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *dialog;
  GtkListBox *revisions;
  GtkListBoxRow *selected;
  GtkWidget *reason;

  g_autoptr(GError) error = NULL;

  publish_now (f);
  /* Edited since, and kept as a revision of its own, as a pause in typing
   * makes one. */
  efir_episode_set_title (efir_window_get_current_episode (f->window), "Təzə başlıq");
  g_assert_true (efir_store_add_revision (f->store, efir_window_get_current_episode (f->window), "edit",
                                          &error) > 0);
  g_assert_no_error (error);
  g_assert_true (button_shown (f, "compare-published"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.compare-published", NULL);
  efir_ui_test_iterate_until_idle ();

  dialog = find_dialog (EFIR_TYPE_HISTORY_DIALOG);
  revisions = GTK_LIST_BOX (efir_ui_test_find_by_id (dialog, "revision_list"));
  selected = gtk_list_box_get_selected_row (revisions);
  g_assert_nonnull (selected);
  /* Not the newest revision, the typing just saved, but the one sent. */
  g_assert_cmpint (gtk_list_box_row_get_index (selected), >, 0);
  reason = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_box_row_get_child (selected)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (reason)), ==, efir_dialog_state_revision_reason ("publish"));
  gtk_window_close (GTK_WINDOW (dialog));
  efir_ui_test_iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/publish/live-link", test_publish_shows_live_link);
  ADD ("/ui/publish/schedule", test_schedule_on_programme_clock);
  ADD ("/ui/publish/withdraw", test_withdraw_asks_first);
  ADD ("/ui/publish/conflict", test_conflict_from_panel);
  ADD ("/ui/publish/compare-since-published", test_compare_since_published);

#undef ADD

  wp = efir_test_wordpress_start (FALSE, &error);
  g_assert_no_error (error);

  app = efir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  status = g_test_run ();
  g_clear_object (&app);
  g_clear_pointer (&wp, efir_test_wordpress_stop);
  return status;
}
