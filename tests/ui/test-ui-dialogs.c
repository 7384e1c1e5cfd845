/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-dialogs"

#include "config.h"

#include <string.h>

#include "efir-dialog-state.h"
#include "efir-guest-directory.h"
#include "efir-history-dialog.h"
#include "efir-program-settings.h"
#include "efir-resources.h"
#include "efir-share-dialog.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"

typedef struct
{
  char        *dir;
  EfirStore   *store;
  EfirProgram *program;
  GtkWidget   *window;      /* weak */
  EfirEpisode *restored;
  guint        n_saved;
  gint64       merged[2];
} Fixture;

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
child (Fixture    *f,
       const char *id)
{
  GtkWidget *found;

  g_assert_nonnull (f->window);
  found = efir_ui_test_find_by_id (f->window, id);
  g_assert_nonnull (found);

  return found;
}

static AdwMessageDialog *
find_message_dialog (GtkWidget *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data)
          && gtk_window_get_transient_for (l->data) == GTK_WINDOW (parent)
          && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

static void
show (Fixture   *f,
      GtkWidget *window)
{
  f->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (window));
  efir_ui_test_iterate_until_idle ();
}

static void
close_window (Fixture *f)
{
  gtk_window_close (GTK_WINDOW (f->window));
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = efir_test_make_dir ("efir-ui-dialogs");
  path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (path, &error);
  g_assert_no_error (error);

  f->program = efir_program_new ("Difficult Question");
  efir_store_save_program (f->store, f->program, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  efir_ui_test_iterate_until_idle ();
  g_assert_null (f->window);

  g_clear_object (&f->restored);
  g_clear_object (&f->program);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* History ---------------------------------------------------------------- */

static void
restored_cb (EfirHistoryDialog *dialog,
             EfirEpisode       *restored,
             Fixture           *f)
{
  g_set_object (&f->restored, restored);
}

static void
save (Fixture         *f,
      EfirEpisode     *episode,
      EfirEpisodePart  parts)
{
  g_autoptr(GError) error = NULL;

  efir_store_save_episode (f->store, episode, parts, &error);
  g_assert_no_error (error);
}

static void
keep_revision (Fixture     *f,
               EfirEpisode *episode,
               const char  *reason)
{
  g_autoptr(GError) error = NULL;

  efir_store_add_revision (f->store, episode, reason, &error);
  g_assert_no_error (error);
}

/* An episode saved three times: kept as "edit" after the first save, as
 * "publish" after the second, and with a third title now.
 */
static EfirEpisode *
episode_with_history (Fixture *f)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);

  efir_episode_set_program_id (episode, efir_program_get_id (f->program));
  efir_episode_set_title (episode, "First title");
  efir_episode_set_summary (episode, "Line one\nLine two");
  g_ptr_array_add (segments, efir_segment_new (0, 4, "Host", "Xoş gördük."));
  g_ptr_array_add (segments, efir_segment_new (4, 9, "Nəsimi Məmmədli", "Salam."));
  efir_episode_set_transcript (episode, segments);
  save (f, episode, EFIR_EPISODE_PART_ALL);
  keep_revision (f, episode, "edit");

  efir_episode_set_title (episode, "Second title");
  efir_episode_set_summary (episode, "Line one\nLine 2 edited");
  save (f, episode, EFIR_EPISODE_PART_DETAILS);
  keep_revision (f, episode, "publish");

  efir_episode_set_title (episode, "Current title");
  save (f, episode, EFIR_EPISODE_PART_DETAILS);

  return episode;
}

static const char *
row_reason (Fixture *f,
            int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "revision_list")), index);
  GtkWidget *box, *time;

  g_assert_nonnull (row);
  box = gtk_list_box_row_get_child (row);
  time = gtk_widget_get_first_child (box);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (time)), !=, "");

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (time)));
}

static const char *
row_changes (Fixture *f,
             int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "revision_list")), index);

  g_assert_nonnull (row);

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (gtk_list_box_row_get_child (row))));
}

static void
select_field (Fixture          *f,
              EfirHistoryField  field)
{
  /* Every change comes first, then each field. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "field_dropdown")), field + 1);
  efir_ui_test_iterate_until_idle ();
}

static void
select_revision (Fixture *f,
                 int      index)
{
  GtkListBox *list = GTK_LIST_BOX (child (f, "revision_list"));

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
  efir_ui_test_iterate_until_idle ();
}

static char *
diff_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "diff_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
summary (Fixture *f)
{
  return gtk_label_get_label (GTK_LABEL (child (f, "summary_label")));
}

static AdwMessageDialog *
ask_to_restore (Fixture *f)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (f->window, "history.restore", NULL));
  efir_ui_test_iterate_until_idle ();
  dialog = find_message_dialog (f->window);
  g_assert_nonnull (dialog);

  return dialog;
}

static void
test_history_lists_revisions (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_with_history (f);

  show (f, efir_history_dialog_new (NULL, f->store, episode));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack"))), ==, "history");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "revision_list")), 2));
  /* Newest first. */
  g_assert_cmpstr (row_reason (f, 0), ==, "Published");
  g_assert_cmpstr (row_reason (f, 1), ==, "Saved while writing");
  /* Each says what it changed against the one before it. */
  g_assert_cmpstr (row_changes (f, 0), ==, "Title, Summary");
  g_assert_cmpstr (row_changes (f, 1), ==, "First version kept");
}

static void
test_history_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  efir_episode_set_program_id (episode, efir_program_get_id (f->program));
  efir_episode_set_title (episode, "Never kept");
  save (f, episode, EFIR_EPISODE_PART_ALL);

  show (f, efir_history_dialog_new (NULL, f->store, episode));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack"))), ==, "empty");
  g_assert_false (gtk_widget_is_sensitive (child (f, "restore_button")));
}

static void
test_history_compare (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_with_history (f);
  g_autofree char *title = NULL;
  g_autofree char *summary_diff = NULL;
  g_autofree char *transcript = NULL;

  show (f, efir_history_dialog_new (NULL, f->store, episode));

  select_revision (f, 1);
  select_field (f, EFIR_HISTORY_FIELD_TITLE);
  title = diff_text (f);
  g_assert_cmpstr (title, ==, "− First title\n+ Current title\n");
  g_assert_cmpstr (summary (f), ==, "1 line removed, 1 line added");

  select_field (f, EFIR_HISTORY_FIELD_SUMMARY);
  summary_diff = diff_text (f);
  g_assert_cmpstr (summary_diff, ==, "\u2007 Line one\n− Line two\n+ Line 2 edited\n");

  select_field (f, EFIR_HISTORY_FIELD_TRANSCRIPT);
  transcript = diff_text (f);
  g_assert_cmpstr (summary (f), ==, "Same as the current text");
  g_assert_nonnull (strstr (transcript, "Xoş gördük."));
}

/* What the screenshot of a restore showed: the diff spoke of the title
 * only, and the restore also changed the number, the air date, the guests,
 * the tags and the links. Every change, the first choice, names them all.
 */
static void
test_history_every_change (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_with_history (f);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Şəhla Qasımova", "Siyasi şərhçi");
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/cetinsual/7", NULL);
  g_autoptr(GDateTime) air_date = g_date_time_new_from_iso8601 ("2026-11-20T21:30:00+04:00", NULL);
  const char *tags[] = { "İran", NULL };
  g_autofree char *every = NULL;
  g_autofree char *same = NULL;
  const char *expected[] = {
    "Title\n− First title\n+ Current title\n",
    "Number\n+ 7\n",
    "Air Date\n+ ",
    "Tags\n+ İran\n",
    "Guests\n+ Şəhla Qasımova — Siyasi şərhçi\n",
    "Summary\n",
    "Links\n+ https://t.me/cetinsual/7\n",
  };
  const char *last = NULL;

  efir_episode_set_number (episode, 7);
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_tags (episode, tags);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_social_links (episode), link);
  save (f, episode, EFIR_EPISODE_PART_ALL);

  show (f, efir_history_dialog_new (NULL, f->store, episode));
  select_revision (f, 1);
  every = diff_text (f);

  /* Each part that differs under its name, in the editor's order. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *at = strstr (every, expected[i]);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
  g_assert_null (strstr (every, "Transcript"));
  g_assert_null (strstr (every, "Quotes"));
  g_assert_cmpstr (summary (f), ==, "2 lines removed, 7 lines added");

  /* A part that did not change says so when chosen. */
  select_field (f, EFIR_HISTORY_FIELD_QUOTES);
  same = diff_text (f);
  g_assert_cmpstr (same, ==, "Nothing written here, then or now.\n");
}

static void
test_history_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = episode_with_history (f);
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(EfirEpisode) kept = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  AdwMessageDialog *dialog;
  EfirRevisionInfo *newest;

  show (f, efir_history_dialog_new (NULL, f->store, episode));
  g_signal_connect (f->window, "restored", G_CALLBACK (restored_cb), f);
  select_revision (f, 1);

  dialog = ask_to_restore (f);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "The current text is kept as a revision."));
  adw_message_dialog_response (dialog, "restore");
  efir_ui_test_iterate_until_idle ();

  g_assert_nonnull (f->restored);
  g_assert_cmpstr (efir_episode_get_title (f->restored), ==, "First title");
  g_assert_null (f->window);

  stored = efir_store_load_episode (f->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "First title");
  g_assert_cmpstr (efir_episode_get_summary (stored), ==, "Line one\nLine two");
  /* The editor's episode holds it too, so nothing it saves next undoes it. */
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "First title");

  /* What was there before is a revision of its own. */
  revisions = efir_store_list_revisions (f->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);
  newest = revisions->pdata[0];
  g_assert_cmpstr (newest->reason, ==, "restore");
  kept = efir_store_load_revision (f->store, newest->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (kept), ==, "Current title");
}

static void
test_history_restore_keeps_unsaved (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = episode_with_history (f);
  g_autoptr(GPtrArray) revisions = NULL;
  gboolean found = FALSE;

  /* Typed a moment ago; the autosaver has not written it yet. */
  efir_episode_set_title (episode, "Words not yet saved");

  show (f, efir_history_dialog_new (NULL, f->store, episode));
  select_revision (f, 0);
  adw_message_dialog_response (ask_to_restore (f), "restore");
  efir_ui_test_iterate_until_idle ();

  revisions = efir_store_list_revisions (f->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = revisions->pdata[i];
      g_autoptr(EfirEpisode) kept = efir_store_load_revision (f->store, info->id, &error);

      g_assert_no_error (error);
      found |= g_str_equal (efir_episode_get_title (kept), "Words not yet saved");
    }
  g_assert_true (found);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Second title");
}

static void
test_history_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = episode_with_history (f);
  g_autoptr(EfirEpisode) stored = NULL;

  show (f, efir_history_dialog_new (NULL, f->store, episode));
  g_signal_connect (f->window, "restored", G_CALLBACK (restored_cb), f);
  select_revision (f, 1);
  adw_message_dialog_response (ask_to_restore (f), "cancel");
  efir_ui_test_iterate_until_idle ();

  g_assert_nonnull (f->window);
  g_assert_null (f->restored);
  stored = efir_store_load_episode (f->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "Current title");
}

/* Programme settings ----------------------------------------------------- */

static void
saved_cb (EfirProgramSettings *settings,
          EfirProgram         *program,
          Fixture             *f)
{
  g_assert_cmpint (efir_program_get_id (program), >, 0);
  f->n_saved++;
}

static void
show_settings (Fixture     *f,
               EfirProgram *program)
{
  show (f, efir_program_settings_new (NULL, f->store, program));
  g_signal_connect (f->window, "saved", G_CALLBACK (saved_cb), f);
}

static void
type_and_enter (Fixture    *f,
                const char *id,
                const char *text)
{
  GtkWidget *row = child (f, id);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  efir_ui_test_iterate_until_idle ();
}

/* Searches the time-zone chooser for @search and picks @zone among what it
 * leaves, as a click would. */
static void
choose_time_zone (Fixture    *f,
                  const char *search,
                  const char *zone)
{
  GtkWidget *entry = child (f, "time_zone_search");
  GtkListView *list = GTK_LIST_VIEW (child (f, "time_zone_list"));
  GListModel *shown;

  /* The entry tells after a pause of its own; told at once here. */
  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  g_signal_emit_by_name (entry, "search-changed");
  efir_ui_test_iterate_until_idle ();

  shown = G_LIST_MODEL (gtk_list_view_get_model (list));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (shown, i);

      if (g_str_equal (gtk_string_object_get_string (item), zone))
        {
          g_signal_emit_by_name (list, "activate", i);
          efir_ui_test_iterate_until_idle ();
          return;
        }
    }

  g_error ("“%s” does not find %s", search, zone);
}

static EfirProgram *
find_program (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  EfirProgram *program = efir_store_find_program (f->store, name, &error);

  g_assert_no_error (error);
  return program;
}

static char *
joined (const char * const *strv)
{
  return g_strjoinv ("|", (GStrv) strv);
}

static void
test_settings_save_on_close (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autofree char *hosts = NULL;
  g_autofree char *hashtags = NULL;
  g_autofree char *accounts = NULL;
  AdwComboRow *language;
  GListModel *zones;

  show_settings (f, f->program);
  language = ADW_COMBO_ROW (child (f, "language_row"));
  zones = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child (f, "time_zone_list"))));

  /* The newsroom's zone heads the list. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (child (f, "time_zone_button"))), ==,
                   "Asia/Baku");
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (zones, 0);

    g_assert_cmpstr (gtk_string_object_get_string (first), ==, "Asia/Baku");
  }

  gtk_editable_set_text (GTK_EDITABLE (child (f, "name_row")), "Çətin sual");
  adw_combo_row_set_selected (language, 1);
  choose_time_zone (f, "Europe/Moscow", "Europe/Moscow");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "description_view"))),
                            "Həftəlik müzakirə proqramı.\nHər cümə.", -1);
  type_and_enter (f, "add_host_row", "Ramin Əliyev");

  /* What is not an address stays as typed, one entry, said in words. */
  type_and_enter (f, "add_account_row", "not a url");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "add_account_row"))), ==,
                   "not a url");
  g_assert_true (gtk_widget_get_visible (child (f, "account_error_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (f, "account_error_label"))),
                            "“not a url” is not a web address"));
  /* A link pasted into the hashtags is not cut into #https #www… */
  type_and_enter (f, "hashtag_row", "https://www.youtube.com/@cetinsual");
  g_assert_true (gtk_widget_get_visible (child (f, "hashtag_error_label")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "hashtag_row"))), ==,
                   "https://www.youtube.com/@cetinsual");
  gtk_editable_set_text (GTK_EDITABLE (child (f, "hashtag_row")), "");
  gtk_editable_set_text (GTK_EDITABLE (child (f, "add_account_row")), "");

  type_and_enter (f, "add_account_row", "facebook.com/cetinsual");
  /* Typed and never entered: the window keeps it all the same. */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "hashtag_row")), "#Iran news");
  efir_ui_test_iterate_until_idle ();

  close_window (f);
  g_assert_null (f->window);
  g_assert_cmpuint (f->n_saved, >, 0);

  program = find_program (f, "Çətin sual");
  g_assert_cmpint (efir_program_get_id (program), ==, efir_program_get_id (f->program));
  g_assert_cmpstr (efir_program_get_language (program), ==, "ru");
  g_assert_cmpstr (efir_program_get_time_zone (program), ==, "Europe/Moscow");
  g_assert_cmpstr (efir_program_get_description (program), ==, "Həftəlik müzakirə proqramı.\nHər cümə.");
  hosts = joined (efir_program_get_hosts (program));
  g_assert_cmpstr (hosts, ==, "Ramin Əliyev");
  hashtags = joined (efir_program_get_hashtags (program));
  g_assert_cmpstr (hashtags, ==, "Iran|news");
  accounts = joined (efir_program_get_social_accounts (program));
  g_assert_cmpstr (accounts, ==, "https://facebook.com/cetinsual");
  /* The caller's programme is not the one edited. */
  g_assert_cmpstr (efir_program_get_name (f->program), ==, "Difficult Question");
}

static GtkWidget *
find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_text_view (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextBuffer *
share_template_buffer (Fixture    *f,
                       const char *platform)
{
  GtkWidget *row = efir_ui_test_find_by_id (f->window, "share_group");
  GtkWidget *expander = NULL;

  /* The rows are named after their platform. */
  for (GtkWidget *w = row; w != NULL && expander == NULL; )
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (ADW_IS_EXPANDER_ROW (w) && g_str_equal (gtk_widget_get_name (w), platform))
        expander = w;
      while (next == NULL && w != row)
        {
          next = gtk_widget_get_next_sibling (w);
          w = gtk_widget_get_parent (w);
        }
      w = next;
    }

  g_assert_nonnull (expander);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_text_view (expander)));
}

static char *
dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_settings_share_templates (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirProgram) again = NULL;
  g_autofree char *x_text = NULL;
  GtkTextBuffer *x;
  GtkTextBuffer *facebook;

  show_settings (f, f->program);

  /* A programme without templates shows the defaults, ready to change. */
  x = share_template_buffer (f, "x");
  x_text = dup_text (x);
  g_assert_cmpstr (x_text, ==, efir_share_default_template (EFIR_SOCIAL_PLATFORM_X));

  gtk_text_buffer_set_text (x, "{title} №{number}\n{link}", -1);
  facebook = share_template_buffer (f, "facebook");
  gtk_text_buffer_insert_at_cursor (facebook, "", -1);
  close_window (f);

  program = find_program (f, "Difficult Question");
  g_assert_cmpstr (efir_program_get_share_template (program, "x"), ==, "{title} №{number}\n{link}");
  /* Left as the default, a template is not stored. */
  g_assert_cmpstr (efir_program_get_share_template (program, "facebook"), ==, "");

  /* Put back to the default, the programme's own goes. */
  show_settings (f, program);
  gtk_text_buffer_set_text (share_template_buffer (f, "x"),
                            efir_share_default_template (EFIR_SOCIAL_PLATFORM_X), -1);
  close_window (f);
  again = find_program (f, "Difficult Question");
  g_assert_cmpstr (efir_program_get_share_template (again, "x"), ==, "");
}

/* Share texts ------------------------------------------------------------ */

static GtkWidget *
share_page_part (Fixture    *f,
                 const char *platform,
                 const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (efir_ui_test_find_by_id (f->window, "view_stack"));
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, platform);
  GtkWidget *part;

  g_assert_nonnull (page);
  for (part = gtk_widget_get_first_child (page); part != NULL; )
    {
      GtkWidget *next;

      if (g_str_equal (gtk_widget_get_name (part), name))
        return part;
      next = gtk_widget_get_first_child (part);
      while (next == NULL && part != page)
        {
          next = gtk_widget_get_next_sibling (part);
          part = gtk_widget_get_parent (part);
        }
      part = next;
    }

  g_assert_not_reached ();
}

static void
test_share_texts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "politoloq");
  const char * const hashtags[] = { "ÇətinSual", NULL };
  GtkTextBuffer *x;
  GtkWidget *counter;
  GtkWidget *note;
  g_autofree char *text = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  efir_program_set_language (f->program, "az");
  efir_program_set_hashtags (f->program, hashtags);
  efir_program_set_share_template (f->program, "x", "{title} 👍🏽\n{guests}\n{link}\n{hashtags}");
  efir_episode_set_title (episode, "Çətin sual");
  efir_episode_set_video_url (episode, "https://youtu.be/dQw4w9WgXcQ");
  g_list_store_append (efir_episode_get_guests (episode), guest);

  show (f, efir_share_dialog_new (NULL, f->program, episode, NULL));

  /* The programme's template, counted as X counts: 10 letters, a space
   * and an emoji with its skin tone, 26 for the guest, 23 for the link,
   * 10 for the hashtag, 3 line breaks. */
  x = gtk_text_view_get_buffer (GTK_TEXT_VIEW (share_page_part (f, "x", "share-text")));
  text = dup_text (x);
  g_assert_cmpstr (text, ==,
                   "Çətin sual 👍🏽\nNəsimi Məmmədli, politoloq\nhttps://youtu.be/dQw4w9WgXcQ\n"
                   "#ÇətinSual");
  counter = share_page_part (f, "x", "share-counter");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "75 / 280");
  g_assert_false (gtk_widget_has_css_class (counter, "error"));

  /* The counter follows the text as it is touched up. */
  for (int i = 0; i < 30; i++)
    g_string_append (long_text, "Azərbaycan ");
  gtk_text_buffer_set_text (x, long_text->str, -1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "330 / 280");
  g_assert_true (gtk_widget_has_css_class (counter, "error"));
  note = share_page_part (f, "x", "share-note");
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, "Too long for X by 50 characters.");

  /* Instagram's default has no link, and a link put there is warned of. */
  x = gtk_text_view_get_buffer (GTK_TEXT_VIEW (share_page_part (f, "instagram", "share-text")));
  g_clear_pointer (&text, g_free);
  text = dup_text (x);
  g_assert_null (strstr (text, "https://"));
  note = share_page_part (f, "instagram", "share-note");
  g_assert_false (gtk_widget_get_visible (note));
  gtk_text_buffer_insert_at_cursor (x, " https://efir.az", -1);
  g_assert_true (gtk_widget_get_visible (note));

  /* Copy puts the text on the clipboard. */
  g_signal_emit_by_name (share_page_part (f, "instagram", "share-copy"), "clicked");
  efir_ui_test_iterate_until_idle ();
}

static gboolean
failsafe_cb (gpointer user_data)
{
  g_error ("The change was never saved");
  return G_SOURCE_REMOVE;
}

static void
test_settings_save_after_pause (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(EfirProgram) program = NULL;
  guint failsafe;

  show_settings (f, f->program);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "description_view"))),
                            "Typed, then a pause.", -1);

  /* No closing: the pause alone saves. */
  failsafe = g_timeout_add_seconds (30, failsafe_cb, NULL);
  while (f->n_saved == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (failsafe);

  g_assert_nonnull (f->window);
  program = find_program (f, "Difficult Question");
  g_assert_cmpstr (efir_program_get_description (program), ==, "Typed, then a pause.");
}

static void
test_settings_duplicate_name (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) other = efir_program_new ("Other Questions");
  g_autoptr(EfirProgram) renamed = NULL;
  GtkWidget *error_label;

  efir_store_save_program (f->store, other, &error);
  g_assert_no_error (error);

  show_settings (f, other);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "name_row")), "Difficult Question");
  close_window (f);

  /* Still open, saying why. */
  g_assert_nonnull (f->window);
  error_label = child (f, "name_error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==,
                   "A programme called “Difficult Question” already exists.");
  g_assert_true (gtk_widget_has_css_class (child (f, "name_row"), "error"));
  g_assert_cmpuint (f->n_saved, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (child (f, "name_row")), "Other Difficult Questions");
  g_assert_false (gtk_widget_get_visible (error_label));
  close_window (f);

  g_assert_null (f->window);
  renamed = find_program (f, "Other Difficult Questions");
  g_assert_cmpint (efir_program_get_id (renamed), ==, efir_program_get_id (other));
}

/* Hundreds of zones: a few letters, anywhere in the name, find the
 * studio's. */
static void
test_settings_time_zone_search (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(EfirProgram) program = NULL;
  GListModel *shown;

  show_settings (f, f->program);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child (f, "time_zone_list"))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 100);

  choose_time_zone (f, "new_york", "America/New York");
  choose_time_zone (f, " bak", "Asia/Baku");
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 5);
  choose_time_zone (f, "moscow", "Europe/Moscow");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (child (f, "time_zone_button"))), ==,
                   "Europe/Moscow");

  close_window (f);
  program = find_program (f, efir_program_get_name (f->program));
  g_assert_cmpstr (efir_program_get_time_zone (program), ==, "Europe/Moscow");
}

static void
test_settings_new (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EfirProgram) program = NULL;

  show_settings (f, NULL);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "name_row")), "Yeni verliş");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "language_row")), 2);
  close_window (f);

  g_assert_null (f->window);
  program = find_program (f, "Yeni verliş");
  g_assert_cmpstr (efir_program_get_language (program), ==, "en");
  g_assert_cmpstr (efir_program_get_time_zone (program), ==, "Asia/Baku");
}

static void
test_settings_new_without_name (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) programs = NULL;
  AdwMessageDialog *dialog;

  show_settings (f, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "description_view"))),
                            "A description, and no name.", -1);
  close_window (f);

  /* Nothing is thrown away without asking. */
  g_assert_nonnull (f->window);
  dialog = find_message_dialog (f->window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  efir_ui_test_iterate_until_idle ();

  g_assert_null (f->window);
  programs = efir_store_list_programs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (programs), ==, 1);
}

/* Guest directory -------------------------------------------------------- */

static void
merged_cb (EfirGuestDirectory *directory,
           gint64              keep_id,
           gint64              remove_id,
           Fixture            *f)
{
  f->merged[0] = keep_id;
  f->merged[1] = remove_id;
}

static EfirPerson *
add_person (Fixture    *f,
            const char *name,
            const char *role)
{
  g_autoptr(GError) error = NULL;
  EfirPerson *person = efir_person_new (name);

  efir_person_set_default_role (person, role);
  efir_store_save_person (f->store, person, &error);
  g_assert_no_error (error);

  return person;
}

static GListModel *
shown_people (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child (f, "person_list"))));
}

static void
select_people (Fixture    *f,
               const char *first,
               const char *second)
{
  GListModel *people = shown_people (f);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (people);
  guint n_selected = 0;

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(EfirPerson) person = g_list_model_get_item (people, i);
      const char *name = efir_person_get_name (person);

      if (g_strcmp0 (name, first) == 0 || g_strcmp0 (name, second) == 0)
        {
          gtk_selection_model_select_item (selection, i, FALSE);
          n_selected++;
        }
    }
  g_assert_cmpuint (n_selected, ==, second != NULL ? 2 : 1);
  efir_ui_test_iterate_until_idle ();
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  *changed = TRUE;
}

/* The entry tells of a search once typing pauses. */
static void
search_for (Fixture    *f,
            const char *text)
{
  GtkWidget *entry = child (f, "search_entry");
  gboolean changed = FALSE;
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &changed);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (entry, handler);
  efir_ui_test_iterate_until_idle ();
}

static EfirPerson *
stored_person (Fixture *f,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = efir_store_list_people (f->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(EfirPerson) person = g_list_model_get_item (people, i);

      if (efir_person_get_id (person) == id)
        return g_steal_pointer (&person);
    }

  return NULL;
}

static void
test_directory_search (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(EfirPerson) elchin = add_person (f, "Elçin Əliyev", "Economist");
  g_autoptr(EfirPerson) nasimi = add_person (f, "Nəsimi Məmmədli", "Political commentator");
  g_autoptr(EfirPerson) leyla = add_person (f, "Leyla Həsənova", "Lawyer");
  g_autoptr(EfirPerson) found = NULL;

  show (f, efir_guest_directory_new (NULL, f->store));
  g_assert_cmpuint (g_list_model_get_n_items (shown_people (f)), ==, 3);

  search_for (f, "eliyev");

  g_assert_cmpuint (g_list_model_get_n_items (shown_people (f)), ==, 1);
  found = g_list_model_get_item (shown_people (f), 0);
  g_assert_cmpstr (efir_person_get_name (found), ==, "Elçin Əliyev");

  /* Enter on the search takes the producer to the one found. */
  g_signal_emit_by_name (child (f, "search_entry"), "activate");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "pane_stack"))), ==, "edit");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "name_row"))), ==, "Elçin Əliyev");
}

static void
test_directory_edit_role (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EfirPerson) elchin = add_person (f, "Elçin Əliyev", "Economist");
  g_autoptr(EfirPerson) nasimi = add_person (f, "Nəsimi Məmmədli", "");
  g_autoptr(EfirPerson) stored = NULL;
  g_autoptr(EfirPerson) untouched = NULL;

  show (f, efir_guest_directory_new (NULL, f->store));
  select_people (f, "Nəsimi Məmmədli", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "pane_stack"))), ==, "edit");

  gtk_editable_set_text (GTK_EDITABLE (child (f, "role_row")), "Political commentator");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "bio_view"))),
                            "Writes on the South Caucasus.", -1);
  close_window (f);
  g_assert_null (f->window);

  stored = stored_person (f, efir_person_get_id (nasimi));
  g_assert_cmpstr (efir_person_get_default_role (stored), ==, "Political commentator");
  g_assert_cmpstr (efir_person_get_bio (stored), ==, "Writes on the South Caucasus.");
  untouched = stored_person (f, efir_person_get_id (elchin));
  g_assert_cmpstr (efir_person_get_default_role (untouched), ==, "Economist");
}

static void
test_directory_merge (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirPerson) latin = add_person (f, "Nasimi Mammadli", "Political commentator");
  g_autoptr(EfirPerson) native = add_person (f, "Nəsimi Məmmədli", "");
  g_autoptr(EfirPerson) other = add_person (f, "Leyla Həsənova", "Lawyer");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nasimi Mammadli", "Political commentator");
  g_autoptr(EfirEpisodeGuest) stored_guest = NULL;
  g_autoptr(EfirPerson) gone = NULL;
  AdwMessageDialog *dialog;

  efir_episode_set_program_id (episode, efir_program_get_id (f->program));
  efir_episode_set_title (episode, "The talks");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  save (f, episode, EFIR_EPISODE_PART_ALL);

  show (f, efir_guest_directory_new (NULL, f->store));
  g_signal_connect (f->window, "merged", G_CALLBACK (merged_cb), f);
  select_people (f, "Nasimi Mammadli", "Nəsimi Məmmədli");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "pane_stack"))), ==, "merge");

  g_assert_true (gtk_widget_activate_action (f->window, "directory.merge", NULL));
  efir_ui_test_iterate_until_idle ();
  dialog = find_message_dialog (f->window);
  g_assert_nonnull (dialog);
  /* The name in Azerbaijani letters is the one offered to keep. */
  adw_message_dialog_response (dialog, "merge");
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpint (f->merged[0], ==, efir_person_get_id (native));
  g_assert_cmpint (f->merged[1], ==, efir_person_get_id (latin));
  g_assert_cmpuint (g_list_model_get_n_items (shown_people (f)), ==, 2);

  gone = stored_person (f, efir_person_get_id (latin));
  g_assert_null (gone);
  stored = efir_store_load_episode (f->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  stored_guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (stored)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (stored_guest), ==, efir_person_get_id (native));
  g_assert_cmpstr (efir_episode_guest_get_name (stored_guest), ==, "Nəsimi Məmmədli");

  /* The kept entry is the one shown, and took the role the other had. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "name_row"))), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "role_row"))), ==, "Political commentator");
}

/* Every shortcut a producer can press is in the shortcuts window. */
static void
test_shortcuts_window (void)
{
  static const char * const wanted[] = {
    "<Control>n", "<Control>f", "<Control>l", "<Alt>Up", "<Alt>Down", "<Alt>1...<Alt>7", NULL
  };
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/efir/Efir/efir-shortcuts-window.ui");
  GObject *window = gtk_builder_get_object (builder, "shortcuts_window");
  g_autoptr(GString) listed = g_string_new (" ");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

  g_assert_nonnull (window);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      g_object_get (l->data, "accelerator", &accelerator, NULL);
      g_string_append_printf (listed, "%s ", accelerator);
    }

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      g_autofree char *word = g_strdup_printf (" %s ", wanted[i]);

      if (strstr (listed->str, word) == NULL)
        g_error ("%s is not in the shortcuts window:%s", wanted[i], listed->str);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  efir_register_resource ();

  g_test_add ("/ui/history/lists-revisions", Fixture, NULL,
              fixture_set_up, test_history_lists_revisions, fixture_tear_down);
  g_test_add ("/ui/history/empty", Fixture, NULL,
              fixture_set_up, test_history_empty, fixture_tear_down);
  g_test_add ("/ui/history/compare", Fixture, NULL,
              fixture_set_up, test_history_compare, fixture_tear_down);
  g_test_add ("/ui/history/every-change", Fixture, NULL,
              fixture_set_up, test_history_every_change, fixture_tear_down);
  g_test_add ("/ui/history/restore", Fixture, NULL,
              fixture_set_up, test_history_restore, fixture_tear_down);
  g_test_add ("/ui/history/restore-keeps-unsaved", Fixture, NULL,
              fixture_set_up, test_history_restore_keeps_unsaved, fixture_tear_down);
  g_test_add ("/ui/history/cancel", Fixture, NULL,
              fixture_set_up, test_history_cancel, fixture_tear_down);
  g_test_add ("/ui/program-settings/save-on-close", Fixture, NULL,
              fixture_set_up, test_settings_save_on_close, fixture_tear_down);
  g_test_add ("/ui/program-settings/save-after-pause", Fixture, NULL,
              fixture_set_up, test_settings_save_after_pause, fixture_tear_down);
  g_test_add ("/ui/program-settings/duplicate-name", Fixture, NULL,
              fixture_set_up, test_settings_duplicate_name, fixture_tear_down);
  g_test_add ("/ui/program-settings/time-zone-search", Fixture, NULL,
              fixture_set_up, test_settings_time_zone_search, fixture_tear_down);
  g_test_add ("/ui/program-settings/new", Fixture, NULL,
              fixture_set_up, test_settings_new, fixture_tear_down);
  g_test_add ("/ui/program-settings/new-without-name", Fixture, NULL,
              fixture_set_up, test_settings_new_without_name, fixture_tear_down);
  g_test_add ("/ui/program-settings/share-templates", Fixture, NULL,
              fixture_set_up, test_settings_share_templates, fixture_tear_down);
  g_test_add ("/ui/share-texts", Fixture, NULL,
              fixture_set_up, test_share_texts, fixture_tear_down);
  g_test_add ("/ui/guest-directory/search", Fixture, NULL,
              fixture_set_up, test_directory_search, fixture_tear_down);
  g_test_add ("/ui/guest-directory/edit-role", Fixture, NULL,
              fixture_set_up, test_directory_edit_role, fixture_tear_down);
  g_test_add ("/ui/guest-directory/merge", Fixture, NULL,
              fixture_set_up, test_directory_merge, fixture_tear_down);
  g_test_add_func ("/ui/shortcuts-window", test_shortcuts_window);

  return g_test_run ();
}
