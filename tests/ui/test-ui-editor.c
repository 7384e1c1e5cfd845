/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-editor"

#include "config.h"

#include <string.h>

#include <gtksourceview/gtksource.h>

#include "efir-details-section.h"
#include "efir-episode-editor.h"
#include "efir-resources.h"
#include "efir-social-links-section.h"
#include "efir-store.h"
#include "efir-summary-section.h"
#include "efir-test-util.h"
#include "efir-title-row.h"
#include "efir-ui-test-util.h"

typedef struct
{
  GtkWindow         *window;
  EfirEpisodeEditor *editor;
  EfirProgram       *program;
  EfirEpisode       *episode;
} Fixture;

/* Helpers ---------------------------------------------------------------- */

static gpointer
editor_child (Fixture    *f,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (f->editor), EFIR_TYPE_EPISODE_EDITOR, name);
}

static gpointer
details_child (Fixture    *f,
               const char *name)
{
  return gtk_widget_get_template_child (editor_child (f, "details"),
                                        EFIR_TYPE_DETAILS_SECTION, name);
}

static gpointer
summary_child (Fixture    *f,
               const char *name)
{
  return gtk_widget_get_template_child (editor_child (f, "summary"),
                                        EFIR_TYPE_SUMMARY_SECTION, name);
}

static void
replace_text (gpointer    editable,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  efir_ui_test_iterate_until_idle ();
}

static char *
dup_summary_buffer_text (Fixture *f)
{
  GtkTextBuffer *buffer = summary_child (f, "buffer");
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
select_summary_range (Fixture *f,
                      int      start_offset,
                      int      end_offset)
{
  GtkTextBuffer *buffer = summary_child (f, "buffer");
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
count_changed_cb (EfirEpisode     *episode,
                  EfirEpisodePart  parts,
                  guint           *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  g_test_message ("unexpected notify::%s", pspec->name);
  (*count)++;
}

static GtkListBox *
links_list (Fixture *f)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (editor_child (f, "social_links"),
                                                     EFIR_TYPE_SOCIAL_LINKS_SECTION, "list"));
}

static AdwEntryRow *
links_row_at (Fixture *f,
              guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (links_list (f), index);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return ADW_ENTRY_ROW (row);
}

static GtkToggleButton *
jump_button (Fixture           *f,
             EfirEditorSection  section)
{
  GtkWidget *child = gtk_widget_get_first_child (editor_child (f, "jump_bar"));

  for (guint i = 0; i < section; i++)
    child = gtk_widget_get_next_sibling (child);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (child));
  return GTK_TOGGLE_BUTTON (child);
}

static GtkWidget *
find_button_with_icon (GtkWidget  *widget,
                       const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The title's row in @editor. */
static EfirTitleRow *
title_row_of (EfirEpisodeEditor *editor)
{
  GObject *details = gtk_widget_get_template_child (GTK_WIDGET (editor), EFIR_TYPE_EPISODE_EDITOR,
                                                    "details");

  return EFIR_TITLE_ROW (gtk_widget_get_template_child (GTK_WIDGET (details),
                                                        EFIR_TYPE_DETAILS_SECTION, "title_row"));
}

static GtkTextView *
title_view_of (EfirTitleRow *row)
{
  return GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (row), EFIR_TYPE_TITLE_ROW,
                                                       "text_view"));
}

/* How many lines the text of @view is laid out on. */
static guint
count_display_lines (GtkTextView *view)
{
  GtkTextIter iter;
  guint lines = 1;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  while (gtk_text_view_forward_display_line (view, &iter))
    lines++;

  return lines;
}

/* Whether the text of @view is shown whole: the view is given at least the
 * height it asks for at its width, and its last letter lies inside it. */
static gboolean
text_shown_whole (gpointer data)
{
  GtkTextView *view = data;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  int natural = 0;
  GtkTextIter last;
  GdkRectangle where;

  if (width <= 0)
    return FALSE;

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &last);
  gtk_text_iter_backward_char (&last);
  gtk_text_view_get_iter_location (view, &last, &where);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, where.x, where.y,
                                         &where.x, &where.y);

  return height >= natural && where.y >= 0 && where.y + where.height <= height &&
         where.x + where.width <= width;
}

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *wait = data;

  return ABS (gtk_widget_get_width (wait->widget) - wait->width) <= 10;
}

/* Shows @episode of @program in a new window @width wide and checks that its
 * title is shown whole, on as many lines as it takes there; returns the
 * number of lines and the height of the text. */
static guint
assert_title_whole_at (EfirProgram *program,
                       EfirEpisode *episode,
                       int          width,
                       int         *out_height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  EfirEpisodeEditor *editor = EFIR_EPISODE_EDITOR (efir_episode_editor_new ());
  WidthWait wait = { GTK_WIDGET (editor), width };
  g_autofree char *typed = NULL;
  g_autofree char *title = g_strdup (efir_episode_get_title (episode));
  EfirTitleRow *row;
  GtkTextView *view;
  graphene_rect_t bounds;
  guint lines;

  gtk_window_set_default_size (window, width, 800);
  gtk_window_set_child (window, GTK_WIDGET (editor));
  efir_episode_editor_set_program (editor, program);
  efir_episode_editor_set_episode (editor, episode);
  gtk_window_present (window);
  g_assert_true (efir_ui_test_wait_for (has_width, &wait));

  row = title_row_of (editor);
  view = title_view_of (row);
  g_assert_cmpstr (efir_title_row_get_text (row), ==, title);
  g_assert_true (efir_ui_test_wait_for (text_shown_whole, view));

  /* The row holds the text whole, inside the window. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (view), GTK_WIDGET (row), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (row)));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (editor), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (editor)));

  lines = count_display_lines (view);
  *out_height = gtk_widget_get_height (GTK_WIDGET (view));
  g_test_message ("%d px: %u lines, %d px high", width, lines, *out_height);

  /* What is typed there reaches the episode, and what the episode says is shown. */
  efir_ui_test_type_into (row, " (1)");
  typed = g_strconcat (title, " (1)", NULL);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, typed);
  efir_episode_set_title (episode, title);
  g_assert_cmpstr (efir_title_row_get_text (row), ==, title);
  g_assert_true (efir_ui_test_wait_for (text_shown_whole, view));

  gtk_window_destroy (window);
  efir_ui_test_iterate_until_idle ();

  return lines;
}

/* Presses @keyval in @view as far as the view's own handling: the
 * controllers that see the key first, then, if none took it, what the view
 * does with it. Whether a controller took it. */
static gboolean
press_key_in_view (GtkTextView *view,
                   guint        keyval,
                   const char  *typed)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;

      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
      if (handled)
        return TRUE;
    }

  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (view), typed, -1, TRUE);
  efir_ui_test_iterate_until_idle ();
  return FALSE;
}

typedef struct
{
  EfirEpisode *episode;
  const char  *title;
} TitleWait;

static gboolean
has_title (gpointer data)
{
  TitleWait *wait = data;

  return g_strcmp0 (efir_episode_get_title (wait->episode), wait->title) == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->program = efir_program_new ("Çətin sual");
  efir_program_set_time_zone (f->program, "Asia/Baku");
  efir_program_set_language (f->program, "az");

  f->episode = efir_episode_new ();
  efir_episode_set_program_name (f->episode, "Çətin sual");
  efir_episode_set_number (f->episode, 112);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 800);
  f->editor = EFIR_EPISODE_EDITOR (efir_episode_editor_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  efir_episode_editor_set_program (f->editor, f->program);
  gtk_window_present (f->window);
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&f->episode);
  g_clear_object (&f->program);
}

/* Tests ------------------------------------------------------------------ */

static void
test_title_makes_slug (Fixture       *f,
                       gconstpointer  data)
{
  EfirTitleRow *title_row;
  AdwEntryRow *slug_row;
  GtkWidget *reset;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  g_assert_true (efir_episode_editor_get_episode (f->editor) == f->episode);

  title_row = details_child (f, "title_row");
  slug_row = details_child (f, "slug_row");
  reset = details_child (f, "slug_reset_button");

  efir_ui_test_type_into (title_row, "Çətin sual");
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual");
  g_assert_cmpstr (efir_episode_get_slug (f->episode), ==, "cetin-sual");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (slug_row)), ==, "cetin-sual");
  g_assert_false (gtk_widget_get_visible (reset));

  /* The producer's own slug stays when the title changes. */
  replace_text (slug_row, "difficult-question-112");
  g_assert_cmpstr (efir_episode_get_slug (f->episode), ==, "difficult-question-112");
  g_assert_true (gtk_widget_get_visible (reset));

  efir_ui_test_type_into (title_row, ": İran");
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual: İran");
  g_assert_cmpstr (efir_episode_get_slug (f->episode), ==, "difficult-question-112");

  /* Until it is made from the title again, and follows it from then on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor_child (f, "details")),
                                             "details.reset-slug", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_episode_get_slug (f->episode), ==, "cetin-sual-iran");
  g_assert_false (gtk_widget_get_visible (reset));

  efir_ui_test_type_into (title_row, " və Rusiya");
  g_assert_cmpstr (efir_episode_get_slug (f->episode), ==, "cetin-sual-iran-ve-rusiya");
}

static void
test_published_slug_stays (Fixture       *f,
                           gconstpointer  data)
{
  efir_episode_set_title (f->episode, "Çətin sual");
  efir_episode_set_slug (f->episode, "cetin-sual");
  efir_episode_set_status (f->episode, EFIR_EPISODE_STATUS_PUBLISHED);
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  /* A typo fixed in the title of a published page must not move the page. */
  efir_ui_test_type_into (details_child (f, "title_row"), "!");
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual!");
  g_assert_cmpstr (efir_episode_get_slug (f->episode), ==, "cetin-sual");

  /* Publishing owns the status: no choice offered, the state is shown. */
  g_assert_false (gtk_widget_get_visible (details_child (f, "status_row")));
  g_assert_true (gtk_widget_get_visible (details_child (f, "status_info_row")));
  g_assert_cmpstr (gtk_label_get_label (details_child (f, "status_label")), ==, "Published");
}

static void
test_title_undo (Fixture       *f,
                 gconstpointer  data)
{
  EfirTitleRow *title_row;
  GtkWidget *text;

  efir_episode_set_title (f->episode, "Çətin sual");
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  title_row = details_child (f, "title_row");
  text = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (title_row), EFIR_TYPE_TITLE_ROW,
                                                   "text_view"));
  g_assert_cmpstr (efir_title_row_get_text (title_row), ==, "Çətin sual");

  efir_ui_test_type_into (title_row, " bu gün");
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual bu gün");

  g_assert_true (gtk_widget_activate_action (text, "text.undo", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_title_row_get_text (title_row), ==, "Çətin sual");
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual");

  g_assert_true (gtk_widget_activate_action (text, "text.redo", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual bu gün");
}

static void
test_air_date_in_programme_zone (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) day = g_date_time_new (utc, 2024, 10, 4, 0, 0, 0);
  g_autofree char *iso = NULL;
  g_autofree char *later = NULL;
  AdwActionRow *row;
  GtkCalendar *calendar;
  GtkEntry *time_entry;
  GDateTime *air_date;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  row = details_child (f, "air_date_row");
  calendar = details_child (f, "calendar");
  time_entry = details_child (f, "time_entry");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Asia/Baku (+04)"));

  /* The time first: without a day there is nothing to store yet. */
  efir_ui_test_type_into (time_entry, "20:00");
  g_assert_null (efir_episode_get_air_date (f->episode));

  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  efir_ui_test_iterate_until_idle ();

  /* The test runs with TZ=UTC: the zone comes from the programme. */
  air_date = efir_episode_get_air_date (f->episode);
  g_assert_nonnull (air_date);
  iso = g_date_time_format_iso8601 (air_date);
  g_assert_cmpstr (iso, ==, "2024-10-04T20:00:00+04");
  g_assert_cmpstr (gtk_menu_button_get_label (details_child (f, "date_button")), ==,
                   "Fri, 4 October 2024");

  replace_text (time_entry, "21.30");
  later = g_date_time_format_iso8601 (efir_episode_get_air_date (f->episode));
  g_assert_cmpstr (later, ==, "2024-10-04T21:30:00+04");

  /* A time that does not read changes nothing and is marked once left. */
  replace_text (time_entry, "25:00");
  g_signal_emit_by_name (time_entry, "activate");
  efir_ui_test_iterate_until_idle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time_entry), "error"));
  g_assert_cmpint (g_date_time_get_hour (efir_episode_get_air_date (f->episode)), ==, 21);
}

static void
test_video_url_error (Fixture       *f,
                      gconstpointer  data)
{
  AdwEntryRow *row;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  row = details_child (f, "video_url_row");

  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  replace_text (row, "youtube.com/watch?v=dQw4w9WgXcQ");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  /* Kept as typed all the same: the producer fixes it, nothing is lost. */
  g_assert_cmpstr (efir_episode_get_video_url (f->episode), ==, "youtube.com/watch?v=dQw4w9WgXcQ");

  replace_text (row, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (efir_episode_get_video_url (f->episode), ==,
                   "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
}

static void
test_duration_and_number (Fixture       *f,
                          gconstpointer  data)
{
  AdwEntryRow *duration_row;

  efir_episode_set_duration (f->episode, 1740);
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  duration_row = details_child (f, "duration_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (duration_row)), ==, "00:29:00");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (details_child (f, "number_spin")), ==, 112);
  g_assert_cmpstr (gtk_label_get_label (details_child (f, "program_label")), ==, "Çətin sual");

  replace_text (duration_row, "00:31:05");
  g_assert_cmpint (efir_episode_get_duration (f->episode), ==, 1865);

  gtk_spin_button_set_value (details_child (f, "number_spin"), 113);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (efir_episode_get_number (f->episode), ==, 113);
}

static void
test_number_taken (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = efir_test_make_dir ("efir-ui-editor-number");
  g_autofree char *path = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) twelve = efir_episode_new ();
  g_autoptr(GError) error = NULL;
  GtkSpinButton *spin;
  AdwActionRow *row;

  store = efir_store_open (path, &error);
  g_assert_no_error (error);
  efir_store_save_program (store, f->program, &error);
  g_assert_no_error (error);
  efir_episode_set_program_id (twelve, efir_program_get_id (f->program));
  efir_episode_set_number (twelve, 12);
  efir_store_save_episode (store, twelve, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  efir_episode_set_program_id (f->episode, efir_program_get_id (f->program));
  efir_store_save_episode (store, f->episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  efir_episode_editor_set_store (f->editor, store);
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  spin = details_child (f, "number_spin");
  row = details_child (f, "program_row");

  /* The programme's episode 12 keeps its number; this one is not given it. */
  gtk_spin_button_set_value (spin, 12);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (efir_episode_get_number (f->episode), ==, 112);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Episode 12 of “Çətin sual” already exists");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));

  gtk_spin_button_set_value (spin, 13);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (efir_episode_get_number (f->episode), ==, 13);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));

  efir_episode_editor_set_episode (f->editor, NULL);
  efir_episode_editor_set_store (f->editor, NULL);
  g_clear_object (&store);
  efir_test_remove_tree (dir);
}

static gboolean
has_selection (gpointer editable)
{
  return gtk_editable_get_selection_bounds (GTK_EDITABLE (editable), NULL, NULL);
}

static void
test_time_and_day (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) day = g_date_time_new (utc, 2026, 12, 11, 0, 0, 0);
  g_autoptr(GDateTime) next_day = g_date_time_new (utc, 2026, 12, 12, 0, 0, 0);
  g_autofree char *iso = NULL;
  g_autofree char *moved = NULL;
  GtkCalendar *calendar;
  GtkEntry *time_entry;
  GtkEditable *text;
  int start, end;
  int position;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  calendar = details_child (f, "calendar");
  time_entry = details_child (f, "time_entry");
  text = gtk_editable_get_delegate (GTK_EDITABLE (time_entry));

  /* A day chosen first: no 00:00 in the time, which takes the keyboard. */
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  efir_ui_test_iterate_until_idle ();
  g_assert_nonnull (efir_episode_get_air_date (f->episode));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "");
  g_assert_true (efir_ui_test_focus_is_within (GTK_WIDGET (time_entry)));

  efir_ui_test_type_into (time_entry, "21:30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "21:30");
  iso = g_date_time_format_iso8601 (efir_episode_get_air_date (f->episode));
  g_assert_cmpstr (iso, ==, "2026-12-11T21:30:00+04");

  /* Another day keeps the time. */
  gtk_widget_grab_focus (GTK_WIDGET (details_child (f, "title_row")));
  gtk_calendar_select_day (calendar, next_day);
  g_signal_emit_by_name (calendar, "day-selected");
  efir_ui_test_iterate_until_idle ();
  moved = g_date_time_format_iso8601 (efir_episode_get_air_date (f->episode));
  g_assert_cmpstr (moved, ==, "2026-12-12T21:30:00+04");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "21:30");

  /* Focused, even by a click that placed the cursor, the time is selected:
   * what is typed replaces it whole. Without a window manager the window
   * is never active, so the focus change is told to the entry by hand.
   */
  gtk_widget_grab_focus (GTK_WIDGET (time_entry));
  g_signal_emit_by_name (efir_ui_test_find_controller (GTK_WIDGET (time_entry),
                                                       GTK_TYPE_EVENT_CONTROLLER_FOCUS),
                         "enter");
  gtk_editable_set_position (text, 2);
  g_assert_true (efir_ui_test_wait_for (has_selection, text));
  g_assert_true (gtk_editable_get_selection_bounds (text, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 5);
  gtk_editable_delete_selection (text);
  position = gtk_editable_get_position (text);
  gtk_editable_insert_text (text, "2130", -1, &position);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "2130");
  g_assert_cmpint (g_date_time_get_hour (efir_episode_get_air_date (f->episode)), ==, 21);
  g_assert_cmpint (g_date_time_get_minute (efir_episode_get_air_date (f->episode)), ==, 30);
}

static void
test_duration_in_words (Fixture       *f,
                        gconstpointer  data)
{
  AdwEntryRow *row;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  row = details_child (f, "duration_row");

  replace_text (row, "45 min");
  g_assert_cmpint (efir_episode_get_duration (f->episode), ==, 2700);
  replace_text (row, "1h 5m");
  g_assert_cmpint (efir_episode_get_duration (f->episode), ==, 3900);

  /* What does not read is said, in the row's title, once it is left. */
  replace_text (row, "about an hour");
  g_signal_emit_by_name (row, "entry-activated");
  efir_ui_test_iterate_until_idle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "“about an hour” is not a length: write 45 min, 45:00 or 1:05:00");

  replace_text (row, "45 мин");
  g_assert_cmpint (efir_episode_get_duration (f->episode), ==, 2700);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Duration (HH:MM:SS)");
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GtkStringList) suggestions = gtk_string_list_new ((const char * const []) {
    "Russia", "Iran", "Türkiyə", NULL });
  GtkEntry *tag_entry;
  GtkFlowBox *tags_box;
  GtkWidget *first_chip;

  efir_episode_editor_set_tag_suggestions (f->editor, G_LIST_MODEL (suggestions));
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  tag_entry = details_child (f, "tag_entry");
  tags_box = details_child (f, "tags_box");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tags_box)));

  /* A comma ends a tag. */
  efir_ui_test_type_into (tag_entry, "Russia, Iran,");
  g_assert_true (g_strv_equal (efir_episode_get_tags (f->episode),
                               (const char * const []) { "Russia", "Iran", NULL }));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tag_entry)), ==, "");

  /* So does Enter; a tag the episode has is not added twice. */
  efir_ui_test_type_into (tag_entry, "Gas, iran");
  g_signal_emit_by_name (tag_entry, "activate");
  efir_ui_test_iterate_until_idle ();
  g_assert_true (g_strv_equal (efir_episode_get_tags (f->episode),
                               (const char * const []) { "Russia", "Iran", "Gas", NULL }));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tags_box)));
  first_chip = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (tags_box, 0));
  g_assert_true (GTK_IS_BUTTON (first_chip));
  g_signal_emit_by_name (first_chip, "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_true (g_strv_equal (efir_episode_get_tags (f->episode),
                               (const char * const []) { "Iran", "Gas", NULL }));
  g_assert_null (gtk_flow_box_get_child_at_index (tags_box, 2));
}

static void
test_status_choice (Fixture       *f,
                    gconstpointer  data)
{
  AdwComboRow *status_row;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  status_row = details_child (f, "status_row");

  g_assert_cmpuint (adw_combo_row_get_selected (status_row), ==, 0);
  adw_combo_row_set_selected (status_row, 1);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpint (efir_episode_get_status (f->episode), ==, EFIR_EPISODE_STATUS_READY);
  g_assert_cmpstr (gtk_label_get_label (editor_child (f, "publication_status_label")), ==,
                   "Ready");
  g_assert_true (gtk_widget_is_visible (gtk_widget_get_ancestor (editor_child (f, "publication_status_label"),
                                                                 ADW_TYPE_ACTION_ROW)));
}

static gboolean
has_language (gpointer buffer)
{
  return gtk_source_buffer_get_language (buffer) != NULL;
}

/* What the colours of the summary's language make of the first @text:
 * its weight and slant, and whether anything styles it at all. */
typedef struct
{
  gboolean styled;
  int      weight;
  gboolean italic;
} Look;

static Look
look_of (GtkSourceBuffer *buffer,
         const char      *text)
{
  GtkTextBuffer *text_buffer = GTK_TEXT_BUFFER (buffer);
  GtkTextIter start, end, match_start, match_end;
  g_autoptr(GSList) tags = NULL;
  Look look = { FALSE, PANGO_WEIGHT_NORMAL, FALSE };

  gtk_text_buffer_get_bounds (text_buffer, &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));

  tags = gtk_text_iter_get_tags (&match_start);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      gboolean weight_set, style_set, foreground_set, underline_set;
      int weight;
      PangoStyle style;

      g_object_get (l->data, "weight-set", &weight_set, "weight", &weight, "style-set", &style_set,
                    "style", &style, "foreground-set", &foreground_set, "underline-set",
                    &underline_set, NULL);
      look.styled |= weight_set || style_set || foreground_set || underline_set;
      if (weight_set)
        look.weight = MAX (look.weight, weight);
      look.italic |= style_set && style == PANGO_STYLE_ITALIC;
    }

  return look;
}

/* The summary is coloured as Markdown, from the frame after the one that
 * first shows an episode. */
static void
test_summary_highlighted (Fixture       *f,
                          gconstpointer  data)
{
  GtkSourceBuffer *buffer = summary_child (f, "buffer");

  g_assert_null (gtk_source_buffer_get_language (buffer));
  efir_episode_set_summary (f->episode, "## Başlıq\n\n**Qalın** və *maili*, [keçid](https://cetinsual.az/112)\n\n- bənd");
  efir_episode_editor_set_episode (f->editor, f->episode);

  g_assert_true (efir_ui_test_wait_for (has_language, buffer));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "efir-markdown");

  /* What the toolbar's buttons write reads as it will on the page; the
   * heading, the link and the list stand out; plain words do not. */
  g_assert_cmpint (look_of (buffer, "Başlıq").weight, >=, PANGO_WEIGHT_BOLD);
  g_assert_cmpint (look_of (buffer, "Qalın").weight, >=, PANGO_WEIGHT_BOLD);
  g_assert_true (look_of (buffer, "maili").italic);
  g_assert_true (look_of (buffer, "keçid").styled);
  g_assert_true (look_of (buffer, "https://cetinsual.az/112").styled);
  g_assert_true (look_of (buffer, "- ").styled);
  g_assert_false (look_of (buffer, " və ").styled);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWidget *section;
  g_autofree char *bold = NULL;
  g_autofree char *undone = NULL;
  const char *preview;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  section = editor_child (f, "summary");
  buffer = summary_child (f, "buffer");
  g_assert_cmpstr (gtk_label_get_label (summary_child (f, "word_count_label")), ==, "0 words");

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, "Siyasi şərhçi Nəsimi Məmmədli", -1);
  gtk_text_buffer_end_user_action (buffer);
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpstr (efir_episode_get_summary (f->episode), ==, "Siyasi şərhçi Nəsimi Məmmədli");
  g_assert_cmpstr (gtk_label_get_label (summary_child (f, "word_count_label")), ==, "4 words");

  /* Ctrl+B on "Nəsimi Məmmədli" */
  select_summary_range (f, 14, 29);
  g_assert_true (gtk_widget_activate_action (section, "summary.bold", NULL));

  /* The selection stays on the words, inside the markers. */
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 16);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, 31);
  efir_ui_test_iterate_until_idle ();

  bold = dup_summary_buffer_text (f);
  g_assert_cmpstr (bold, ==, "Siyasi şərhçi **Nəsimi Məmmədli**");
  g_assert_cmpstr (efir_episode_get_summary (f->episode), ==, bold);
  g_assert_cmpstr (gtk_label_get_label (summary_child (f, "word_count_label")), ==, "4 words");

  /* Ctrl+B on the words inside the markers takes the bold away. Each step
   * selects its words again, as a producer's double-click does: what is
   * checked is the styling, not that a selection outlives the main loop
   * under Xvfb, where the primary selection may move to another field.
   */
  select_summary_range (f, 16, 31);
  g_assert_true (gtk_widget_activate_action (section, "summary.bold", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_episode_get_summary (f->episode), ==, "Siyasi şərhçi Nəsimi Məmmədli");

  select_summary_range (f, 14, 29);
  g_assert_true (gtk_widget_activate_action (section, "summary.bold", NULL));
  efir_ui_test_iterate_until_idle ();

  /* Ctrl+K with nothing selected: the markers, with the cursor inside. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_widget_activate_action (section, "summary.link", NULL));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_episode_get_summary (f->episode), ==,
                   "Siyasi şərhçi **Nəsimi Məmmədli**[]()");

  /* Each styling is one step of undo. */
  gtk_text_buffer_undo (buffer);
  efir_ui_test_iterate_until_idle ();
  undone = dup_summary_buffer_text (f);
  g_assert_cmpstr (undone, ==, "Siyasi şərhçi **Nəsimi Məmmədli**");
  g_assert_cmpstr (efir_episode_get_summary (f->episode), ==, undone);

  g_assert_true (gtk_widget_activate_action (section, "summary.toggle-preview", NULL));
  efir_ui_test_iterate_until_idle ();
  preview = gtk_label_get_label (summary_child (f, "preview_label"));
  g_assert_cmpstr (preview, ==, "Siyasi şərhçi <b>Nəsimi Məmmədli</b>");
}

static void
test_summary_follows_model (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *text = NULL;

  efir_episode_set_summary (f->episode, "Bir");
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  text = dup_summary_buffer_text (f);
  g_assert_cmpstr (text, ==, "Bir");

  /* Loading an episode is not an edit to undo. */
  g_assert_false (gtk_text_buffer_get_can_undo (summary_child (f, "buffer")));
}

/* The summary's field is at its most, or holds all its text. */
static gboolean
summary_grown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = summary_child (f, "view");
  GtkWidget *scroller = gtk_widget_get_parent (view);
  int natural = 0;

  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (view), NULL, &natural, NULL, NULL);
  return gtk_widget_get_height (scroller) >= MIN (natural, gtk_scrolled_window_get_max_content_height (GTK_SCROLLED_WINDOW (scroller)));
}

/* The summary's field is as tall as it may grow. */
static gboolean
summary_at_most (gpointer data)
{
  Fixture *f = data;
  GtkWidget *scroller = gtk_widget_get_parent (summary_child (f, "view"));

  return gtk_widget_get_height (scroller) >= gtk_scrolled_window_get_max_content_height (GTK_SCROLLED_WINDOW (scroller));
}

/* The summary's field grows with its text, up to its most, as it is
 * loaded and as it is typed; then it scrolls. */
static void
test_summary_grows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  GtkWidget *view;
  GtkWidget *scroller;
  int short_height;

  for (int i = 0; i < 12; i++)
    g_string_append (summary, "Siyasi şərhçi Nəsimi Məmmədli sanksiyaların nəticələri barədə danışır, "
                              "iqtisadçı Leyla Həsənova isə büdcənin riskləri haqqında.\n\n");
  efir_episode_set_summary (f->episode, "Siyasi şərhçi Nəsimi Məmmədli.");
  efir_episode_editor_set_episode (f->editor, f->episode);
  view = summary_child (f, "view");
  scroller = gtk_widget_get_parent (view);
  g_assert_true (efir_ui_test_wait_for (summary_grown, f));
  short_height = gtk_widget_get_height (scroller);
  g_assert_cmpint (short_height, ==, gtk_scrolled_window_get_min_content_height (GTK_SCROLLED_WINDOW (scroller)));

  /* Typed: one paragraph after another, it grows. */
  for (int i = 0; i < 6; i++)
    efir_ui_test_type_into (view, "\n\nİqtisadçı Leyla Həsənova büdcənin riskləri haqqında danışır, "
                                  "neftin qiyməti və manatın məzənnəsi barədə suallara cavab verir.");
  g_assert_true (efir_ui_test_wait_for (summary_grown, f));
  g_assert_cmpint (gtk_widget_get_height (scroller), >, short_height);

  /* Loaded long: at its most, and the rest scrolls. */
  efir_episode_set_summary (f->episode, summary->str);
  g_assert_true (efir_ui_test_wait_for (summary_at_most, f));
  g_assert_cmpint (gtk_widget_get_height (scroller), ==,
                   gtk_scrolled_window_get_max_content_height (GTK_SCROLLED_WINDOW (scroller)));
}

static void
test_switch_episode (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EfirEpisode) second = efir_episode_new ();
  g_autoptr(EfirEpisode) first_before = efir_episode_new ();
  g_autoptr(EfirEpisode) second_before = efir_episode_new ();
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) air_date = g_date_time_new (baku, 2024, 10, 4, 20, 0, 0);
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/cetin_sual/1", "telegram");
  g_autoptr(GtkStringList) suggestions = gtk_string_list_new (NULL);
  guint changed = 0;
  guint notified = 0;
  gulong changed_id, notify_id;
  EfirTitleRow *title_row;
  g_autofree char *summary = NULL;

  efir_episode_set_title (f->episode, "Birinci");
  efir_episode_set_summary (f->episode, "Birinci buraxılış");
  efir_episode_set_tags (f->episode, (const char * const []) { "Iran", NULL });
  efir_episode_set_video_url (f->episode, "https://www.youtube.com/watch?v=one");

  efir_episode_set_program_name (second, "Çətin sual");
  efir_episode_set_number (second, 113);
  efir_episode_set_title (second, "İkinci");
  efir_episode_set_slug (second, "own-slug");
  efir_episode_set_summary (second, "İkinci buraxılış");
  efir_episode_set_air_date (second, air_date);
  efir_episode_set_duration (second, 1740);
  efir_episode_set_status (second, EFIR_EPISODE_STATUS_READY);
  efir_episode_set_video_url (second, "not an address");
  g_list_store_append (efir_episode_get_social_links (second), link);

  efir_episode_assign (first_before, f->episode);
  efir_episode_assign (second_before, second);

  efir_episode_editor_set_tag_suggestions (f->editor, G_LIST_MODEL (suggestions));
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  changed_id = g_signal_connect (second, "changed", G_CALLBACK (count_changed_cb), &changed);
  notify_id = g_signal_connect (second, "notify", G_CALLBACK (count_notify_cb), &notified);

  g_object_set (f->editor, "episode", second, NULL);
  efir_ui_test_iterate_until_idle ();

  /* Showing an episode writes nothing into it... */
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpuint (efir_episode_diff (second, second_before), ==, 0);
  /* ...nor into the one shown before. */
  g_assert_cmpuint (efir_episode_diff (f->episode, first_before), ==, 0);

  title_row = details_child (f, "title_row");
  g_assert_cmpstr (efir_title_row_get_text (title_row), ==, "İkinci");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (f, "slug_row"))), ==,
                   "own-slug");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (details_child (f, "number_spin")), ==, 113);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (f, "time_entry"))), ==,
                   "20:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (f, "duration_row"))), ==,
                   "00:29:00");
  g_assert_cmpuint (adw_combo_row_get_selected (details_child (f, "status_row")), ==, 1);
  g_assert_true (gtk_widget_has_css_class (details_child (f, "video_url_row"), "error"));
  g_assert_false (gtk_widget_get_visible (details_child (f, "tags_box")));
  summary = dup_summary_buffer_text (f);
  g_assert_cmpstr (summary, ==, "İkinci buraxılış");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (links_row_at (f, 0))), ==,
                   "https://t.me/cetin_sual/1");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (links_row_at (f, 0))), ==,
                   "Telegram");

  /* Undo in the title does not bring back the first episode's title. */
  gtk_widget_activate_action (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (title_row),
                                                                        EFIR_TYPE_TITLE_ROW,
                                                                        "text_view")),
                              "text.undo", NULL);
  gtk_text_buffer_undo (summary_child (f, "buffer"));
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_episode_get_title (second), ==, "İkinci");
  g_assert_cmpstr (efir_episode_get_summary (second), ==, "İkinci buraxılış");
  g_assert_cmpuint (changed, ==, 0);

  /* Edits now go to the second episode only. */
  efir_ui_test_type_into (title_row, " hissə");
  g_assert_cmpstr (efir_episode_get_title (second), ==, "İkinci hissə");
  g_assert_cmpstr (efir_episode_get_slug (second), ==, "own-slug");
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Birinci");

  g_signal_handler_disconnect (second, changed_id);
  g_signal_handler_disconnect (second, notify_id);

  efir_episode_editor_set_episode (f->editor, NULL);
  efir_ui_test_iterate_until_idle ();
  g_assert_false (gtk_widget_get_sensitive (details_child (f, "group")));
}

static void
test_switch_keeps_pending_tag (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(EfirEpisode) second = efir_episode_new ();

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  /* Typed without Enter, then another episode chosen: the tag is kept. */
  efir_ui_test_type_into (details_child (f, "tag_entry"), "Energetika");
  efir_episode_editor_set_episode (f->editor, second);
  efir_ui_test_iterate_until_idle ();

  g_assert_true (g_strv_equal (efir_episode_get_tags (f->episode),
                               (const char * const []) { "Energetika", NULL }));
  g_assert_cmpuint (g_strv_length ((char **) efir_episode_get_tags (second)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (f, "tag_entry"))), ==, "");
}

static void
test_social_links (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *links = G_LIST_MODEL (efir_episode_get_social_links (f->episode));
  g_autoptr(EfirSocialLink) first = NULL;
  g_autoptr(EfirSocialLink) moved = NULL;
  GtkWidget *section;
  AdwEntryRow *add_row;
  GtkWidget *remove;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  section = editor_child (f, "social_links");

  /* With no links there is only the row to add one. */
  add_row = links_row_at (f, 0);
  g_assert_null (gtk_list_box_get_row_at_index (links_list (f), 1));

  replace_text (add_row, "https://www.instagram.com/p/abc/");
  g_signal_emit_by_name (add_row, "entry-activated");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  first = g_list_model_get_item (links, 0);
  g_assert_cmpstr (efir_social_link_get_url (first), ==, "https://www.instagram.com/p/abc/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (links_row_at (f, 1))), ==, "");

  /* Several pasted at once, one per line. */
  replace_text (links_row_at (f, 1), "https://t.me/x/1\nhttps://x.com/y/status/2\n");
  g_signal_emit_by_name (links_row_at (f, 1), "entry-activated");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 3);

  /* Editing a row edits the link. */
  replace_text (links_row_at (f, 0), "https://www.instagram.com/p/abd/");
  g_assert_cmpstr (efir_social_link_get_url (first), ==, "https://www.instagram.com/p/abd/");
  replace_text (links_row_at (f, 0), "instagram");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (links_row_at (f, 0)), "error"));
  replace_text (links_row_at (f, 0), "https://www.instagram.com/p/abd/");

  /* Alt+Down moves the focused link down, and the focus with it. */
  gtk_widget_grab_focus (GTK_WIDGET (links_row_at (f, 0)));
  g_assert_true (gtk_widget_activate_action (section, "links.move-down", NULL));
  efir_ui_test_iterate_until_idle ();
  moved = g_list_model_get_item (links, 1);
  g_assert_true (moved == first);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (links_row_at (f, 1))));
  g_assert_true (gtk_widget_activate_action (section, "links.move-up", NULL));
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&moved);
  moved = g_list_model_get_item (links, 0);
  g_assert_true (moved == first);

  /* Remove the first link. */
  remove = find_button_with_icon (GTK_WIDGET (links_row_at (f, 0)), "user-trash-symbolic");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 2);
  g_clear_object (&moved);
  moved = g_list_model_get_item (links, 0);
  g_assert_cmpstr (efir_social_link_get_url (moved), ==, "https://t.me/x/1");
}

static void
test_show_section (Fixture       *f,
                   gconstpointer  data)
{
  GtkAdjustment *adjustment;
  GtkWidget *focus;

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  adjustment = gtk_scrolled_window_get_vadjustment (editor_child (f, "scroller"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.show-section",
                                             "s", "social-links"));
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, editor_child (f, "social_links")));
  g_assert_true (gtk_toggle_button_get_active (jump_button (f, EFIR_EDITOR_SECTION_SOCIAL_LINKS)));
  g_assert_false (gtk_toggle_button_get_active (jump_button (f, EFIR_EDITOR_SECTION_DETAILS)));
}

typedef struct
{
  Fixture           *f;
  EfirEditorSection  section;
} JumpWait;

static gboolean
jump_is_lit (gpointer data)
{
  JumpWait *wait = data;

  return gtk_toggle_button_get_active (jump_button (wait->f, wait->section));
}

/* An episode given to an editor not yet on screen, as the one reopened at
 * start-up, draws its first screen first. A jump to a section below it,
 * made meanwhile, still lands there once the editor is shown. */
static void
test_show_section_before_shown (Fixture       *f,
                                gconstpointer  data)
{
  GtkAdjustment *adjustment;
  GtkWidget *focus;

  /* The fixture's editor, out of its window. */
  g_object_ref (f->editor);
  gtk_window_set_child (f->window, NULL);
  efir_ui_test_iterate_until_idle ();

  efir_episode_editor_set_episode (f->editor, f->episode);
  g_assert_false (gtk_widget_get_visible (editor_child (f, "transcript_group")));
  efir_episode_editor_show_section (f->editor, EFIR_EDITOR_SECTION_TRANSCRIPT);
  g_assert_true (gtk_widget_get_visible (editor_child (f, "transcript_group")));

  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  g_object_unref (f->editor);
  /* The jump is made in a frame once the section is laid out. */
  g_assert_true (efir_ui_test_wait_for (jump_is_lit, &(JumpWait) { f, EFIR_EDITOR_SECTION_TRANSCRIPT }));
  efir_ui_test_iterate_until_idle ();

  adjustment = gtk_scrolled_window_get_vadjustment (editor_child (f, "scroller"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, editor_child (f, "transcript")));
  g_assert_true (gtk_toggle_button_get_active (jump_button (f, EFIR_EDITOR_SECTION_TRANSCRIPT)));
  g_assert_true (gtk_widget_get_mapped (editor_child (f, "transcript_group")));
  g_assert_true (gtk_widget_get_mapped (editor_child (f, "quotes")));
  g_assert_true (gtk_widget_get_mapped (editor_child (f, "social_links")));
  g_assert_true (gtk_widget_get_mapped (editor_child (f, "publication_group")));
}

/* Ctrl+L from outside the transcript, asked for before the editor is on
 * screen, lands in the transcript's "Go to time" field, in view. */
static void
test_go_to_time_before_shown (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *scroller = editor_child (f, "scroller");
  graphene_rect_t bounds;
  GtkWidget *time_entry;

  g_object_ref (f->editor);
  gtk_window_set_child (f->window, NULL);
  efir_ui_test_iterate_until_idle ();

  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_episode_editor_activate_transcript_action (f->editor, "transcript.go-to-time");

  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  g_object_unref (f->editor);
  g_assert_true (efir_ui_test_wait_for (jump_is_lit, &(JumpWait) { f, EFIR_EDITOR_SECTION_TRANSCRIPT }));
  efir_ui_test_iterate_until_idle ();

  time_entry = efir_ui_test_find_by_id (editor_child (f, "transcript"), "time_entry");
  g_assert_true (efir_ui_test_focus_is_within (time_entry));
  g_assert_true (gtk_toggle_button_get_active (jump_button (f, EFIR_EDITOR_SECTION_TRANSCRIPT)));
  /* In view. */
  g_assert_true (gtk_widget_compute_bounds (time_entry, scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
}

/* A long title wraps onto as many lines as it needs, from a phone's width
 * to a wide window: none of it is cut, in English or in Russian. */
static void
test_title_wraps (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    const char *language;
    const char *title;
  } titles[] = {
    { "en", "What is Azerbaijan concerned about: foreign interference, hybrid threats, "
            "or non-systemic opposition?" },
    { "ru", "Что на самом деле беспокоит Азербайджан: иностранное вмешательство, "
            "гибридные угрозы или несистемная оппозиция внутри страны?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
      g_autoptr(EfirEpisode) episode = efir_episode_new ();
      int narrow_height, wide_height;
      guint narrow_lines, wide_lines;

      efir_program_set_time_zone (program, "Asia/Baku");
      efir_program_set_language (program, titles[i].language);
      efir_episode_set_title (episode, titles[i].title);

      narrow_lines = assert_title_whole_at (program, episode, 360, &narrow_height);
      wide_lines = assert_title_whole_at (program, episode, 1200, &wide_height);

      /* Narrow, the field grows to hold the lines the title takes there. */
      g_assert_cmpuint (narrow_lines, >=, 3);
      g_assert_cmpuint (narrow_lines, >, wide_lines);
      g_assert_cmpint (narrow_height, >, wide_height);
    }
}

/* A title is one line: Enter adds no line, and a pasted text's line breaks
 * and tabs become spaces; Ctrl+Z takes the paste back whole. The title is
 * laid out in the programme's language, larger and semibold. */
static void
test_title_one_line (Fixture       *f,
                     gconstpointer  data)
{
  const char *pasted = "Çətin sual Azərbaycan və İran ";
  TitleWait wait = { f->episode, pasted };
  EfirTitleRow *row;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GSList *tags;
  g_autofree char *language = NULL;
  double scale = 0;

  efir_episode_set_title (f->episode, "Çətin sual");
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();
  row = title_row_of (f->editor);
  view = title_view_of (row);
  buffer = gtk_text_view_get_buffer (view);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  g_assert_true (press_key_in_view (view, GDK_KEY_Return, "\n"));
  g_assert_true (press_key_in_view (view, GDK_KEY_KP_Enter, "\n"));
  g_assert_false (press_key_in_view (view, GDK_KEY_exclam, "!"));
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual!");
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 1);
  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (view), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (view)), " Azərbaycan\nvə\tİran\r\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "clipboard.paste", NULL));
  g_assert_true (efir_ui_test_wait_for (has_title, &wait));
  g_assert_cmpstr (efir_title_row_get_text (row), ==, pasted);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 1);

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (view), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, "Çətin sual");
  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (view), GDK_KEY_z,
                                              GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpstr (efir_episode_get_title (f->episode), ==, pasted);

  /* Each letter, the pasted ones too, in the programme's language. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 12);
  tags = gtk_text_iter_get_tags (&start);
  g_assert_cmpuint (g_slist_length (tags), ==, 1);
  g_object_get (tags->data, "language", &language, "scale", &scale, NULL);
  g_assert_cmpstr (language, ==, "az");
  g_assert_cmpfloat (scale, >, 1.0);
  g_clear_pointer (&language, g_free);

  efir_program_set_language (f->program, "ru");
  efir_ui_test_iterate_until_idle ();
  g_object_get (tags->data, "language", &language, NULL);
  g_assert_cmpstr (language, ==, "ru");
  g_slist_free (tags);
}

/* Going to a section puts the cursor in its first field without selecting
 * what is written there: a jump followed by typing adds to the text, it
 * never types over it. */
static void
test_show_section_keeps_text (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const sections[] = {
    "details", "guests", "summary", "quotes", "transcript", "social-links",
  };
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/cetinsual/112", "telegram");
  guint checked = 0;

  efir_episode_set_title (f->episode, "Azərbaycanı nə narahat edir?");
  g_list_store_append (efir_episode_get_guests (f->episode), guest);
  g_list_store_append (efir_episode_get_social_links (f->episode), link);
  efir_episode_editor_set_episode (f->editor, f->episode);
  efir_ui_test_iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *focus;
      g_autofree char *before = NULL;
      g_autofree char *expected = NULL;
      int position;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.show-section",
                                                 "s", sections[i]));
      efir_ui_test_iterate_until_idle ();
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_test_message ("%s: focus in a %s", sections[i], focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(none)");
      if (GTK_IS_TEXT_VIEW (focus) && gtk_widget_get_ancestor (focus, EFIR_TYPE_TITLE_ROW) != NULL)
        {
          EfirTitleRow *row = EFIR_TITLE_ROW (gtk_widget_get_ancestor (focus, EFIR_TYPE_TITLE_ROW));
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));

          g_assert_false (gtk_text_buffer_get_has_selection (buffer));
          before = g_strdup (efir_title_row_get_text (row));
          expected = g_strconcat (before, "!", NULL);
          gtk_text_buffer_insert_interactive_at_cursor (buffer, "!", -1, TRUE);
          g_assert_cmpstr (efir_title_row_get_text (row), ==, expected);
          checked++;
          continue;
        }
      if (!GTK_IS_EDITABLE (focus) || gtk_editable_get_text (GTK_EDITABLE (focus))[0] == '\0')
        continue;

      g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL));

      /* A key typed as GtkText types it: over the selection, at the cursor. */
      before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (focus)));
      expected = g_strconcat (before, "!", NULL);
      gtk_editable_delete_selection (GTK_EDITABLE (focus));
      position = gtk_editable_get_position (GTK_EDITABLE (focus));
      gtk_editable_insert_text (GTK_EDITABLE (focus), "!", -1, &position);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus)), ==, expected);
      checked++;
    }

  /* At least the title and the guest's role were reached with text in them. */
  g_assert_cmpuint (checked, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  gtk_source_init ();
  efir_register_resource ();

  g_test_add ("/ui/editor/details/title-makes-slug", Fixture, NULL,
              fixture_set_up, test_title_makes_slug, fixture_tear_down);
  g_test_add ("/ui/editor/details/published-slug-stays", Fixture, NULL,
              fixture_set_up, test_published_slug_stays, fixture_tear_down);
  g_test_add ("/ui/editor/details/title-undo", Fixture, NULL,
              fixture_set_up, test_title_undo, fixture_tear_down);
  g_test_add ("/ui/editor/details/title-wraps", Fixture, NULL,
              fixture_set_up, test_title_wraps, fixture_tear_down);
  g_test_add ("/ui/editor/details/title-one-line", Fixture, NULL,
              fixture_set_up, test_title_one_line, fixture_tear_down);
  g_test_add ("/ui/editor/details/air-date-zone", Fixture, NULL,
              fixture_set_up, test_air_date_in_programme_zone, fixture_tear_down);
  g_test_add ("/ui/editor/details/video-url-error", Fixture, NULL,
              fixture_set_up, test_video_url_error, fixture_tear_down);
  g_test_add ("/ui/editor/details/duration-and-number", Fixture, NULL,
              fixture_set_up, test_duration_and_number, fixture_tear_down);
  g_test_add ("/ui/editor/details/number-taken", Fixture, NULL,
              fixture_set_up, test_number_taken, fixture_tear_down);
  g_test_add ("/ui/editor/details/time-and-day", Fixture, NULL,
              fixture_set_up, test_time_and_day, fixture_tear_down);
  g_test_add ("/ui/editor/details/duration-in-words", Fixture, NULL,
              fixture_set_up, test_duration_in_words, fixture_tear_down);
  g_test_add ("/ui/editor/details/tags", Fixture, NULL,
              fixture_set_up, test_tags, fixture_tear_down);
  g_test_add ("/ui/editor/details/status", Fixture, NULL,
              fixture_set_up, test_status_choice, fixture_tear_down);
  g_test_add ("/ui/editor/summary/highlighted", Fixture, NULL,
              fixture_set_up, test_summary_highlighted, fixture_tear_down);
  g_test_add ("/ui/editor/summary/edit", Fixture, NULL,
              fixture_set_up, test_summary, fixture_tear_down);
  g_test_add ("/ui/editor/summary/load", Fixture, NULL,
              fixture_set_up, test_summary_follows_model, fixture_tear_down);
  g_test_add ("/ui/editor/summary/grows", Fixture, NULL,
              fixture_set_up, test_summary_grows, fixture_tear_down);
  g_test_add ("/ui/editor/switch/shows-without-writing", Fixture, NULL,
              fixture_set_up, test_switch_episode, fixture_tear_down);
  g_test_add ("/ui/editor/switch/keeps-pending-tag", Fixture, NULL,
              fixture_set_up, test_switch_keeps_pending_tag, fixture_tear_down);
  g_test_add ("/ui/editor/social-links", Fixture, NULL,
              fixture_set_up, test_social_links, fixture_tear_down);
  g_test_add ("/ui/editor/show-section", Fixture, NULL,
              fixture_set_up, test_show_section, fixture_tear_down);
  g_test_add ("/ui/editor/show-section-before-shown", Fixture, NULL,
              fixture_set_up, test_show_section_before_shown, fixture_tear_down);
  g_test_add ("/ui/editor/go-to-time-before-shown", Fixture, NULL,
              fixture_set_up, test_go_to_time_before_shown, fixture_tear_down);
  g_test_add ("/ui/editor/show-section-keeps-text", Fixture, NULL,
              fixture_set_up, test_show_section_keeps_text, fixture_tear_down);

  return g_test_run ();
}
