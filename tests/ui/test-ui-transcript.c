/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-transcript"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "efir-resources.h"
#include "efir-timecode.h"
#include "efir-transcript-editor-private.h"
#include "efir-transcript-state.h"
#include "efir-transcript-text.h"
#include "efir-ui-test-util.h"

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  GtkWindow            *window;
  EfirTranscriptEditor *editor;
  GtkTextBuffer        *buffer;
} Fixture;

typedef struct
{
  guint n_changes;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changes)
{
  changes->n_changes++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
count_notify_cb (guint *n_notified)
{
  (*n_notified)++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->editor = EFIR_TRANSCRIPT_EDITOR (efir_transcript_editor_new ());
  f->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (efir_transcript_editor_get_view (f->editor)));
  gtk_window_set_default_size (f->window, 900, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (f->editor)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  efir_ui_test_dispatch_pending ();
}

static EfirEpisode *
episode_new (const char *const *lines)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; lines[i] != NULL; i += 3)
    {
      double start;

      g_assert_true (efir_timecode_parse (lines[i], &start));
      g_ptr_array_add (segments, efir_segment_new (start, start + 5, lines[i + 1], lines[i + 2]));
    }

  efir_episode_set_duration (episode, 1800);
  efir_episode_set_transcript (episode, segments);

  return episode;
}

static const char *const sample[] = {
  "00:00:00", "Host", "Good evening. Tonight: Iran and the region.",
  "00:00:06", "Nasimi Mammadli", "Thank you. Iran is a neighbour.",
  "00:01:10", "Host", "What does Baku expect?",
  "00:01:20", "Nasimi Mammadli", "Calm, and talks with Iran.",
  NULL
};

static EfirEpisode *
episode_new_large (guint n_segments)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_segments; i++)
    {
      g_autofree char *text =
        g_strdup_printf ("Segment %u: the guest speaks about Iran, Russia and the South "
                         "Caucasus, and the host asks one more question.", i);

      /* Whole seconds, so that times survive the text form exactly. */
      g_ptr_array_add (segments, efir_segment_new (i * 36 / 10, (i + 1) * 36 / 10,
                                                   i % 2 == 0 ? "Host" : "Nasimi Mammadli", text));
    }

  efir_episode_set_duration (episode, n_segments * 36 / 10);
  efir_episode_set_transcript (episode, segments);

  return episode;
}

static char *
get_buffer_text (Fixture *f)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);

  return gtk_text_buffer_get_text (f->buffer, &start, &end, TRUE);
}

static char *
format_episode (EfirEpisode *episode)
{
  return efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (episode)));
}

static EfirSegment *
peek_segment (EfirEpisode *episode,
              guint        position)
{
  g_autoptr(EfirSegment) segment =
    g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (episode)), position);

  return segment;
}

static void
place_cursor_at_line_end (Fixture *f,
                          int      line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (f->buffer, &iter, line);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
}

static void
place_cursor_at_end (Fixture *f)
{
  GtkTextIter iter;

  gtk_text_buffer_get_end_iter (f->buffer, &iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
}

static void
wait_for_match_label (Fixture    *f,
                      const char *label)
{
  GtkLabel *match_label = efir_transcript_editor_get_match_label (f->editor);

  /* For ten seconds at the most: a label never reached says which it shows. */
  efir_ui_test_wait_for_label (GTK_WIDGET (match_label), label);
  g_assert_cmpstr (gtk_label_get_label (match_label), ==, label);
}

static guint
count_in_transcript (EfirEpisode *episode,
                     const char  *word)
{
  GListModel *segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, i);

      for (const char *p = efir_segment_get_text (segment); (p = strstr (p, word)) != NULL; p++)
        n++;
    }

  return n;
}

/* Tests ------------------------------------------------------------------ */

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  g_autofree char *expected = format_episode (episode);
  g_autofree char *text = NULL;
  ItemsChanged changes = { 0 };
  GtkTextIter iter;
  GtkTextTag *timecode_tag;
  GtkTextTag *speaker_tag;

  g_signal_connect (efir_episode_get_transcript (episode), "items-changed",
                    G_CALLBACK (items_changed_cb), &changes);

  efir_transcript_editor_set_episode (f->editor, episode);
  g_assert_true (efir_transcript_editor_get_episode (f->editor) == episode);

  text = get_buffer_text (f);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_str_has_prefix (text, "[00:00:00] Host: Good evening. Tonight: Iran and the region.\n"
                                         "[00:00:06] Nasimi Mammadli: Thank you."));

  /* Loading is neither an edit to undo nor one to save. */
  g_assert_false (gtk_text_buffer_get_can_undo (f->buffer));
  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (changes.n_changes, ==, 0);
  g_assert_cmpuint (efir_transcript_editor_get_problems (f->editor)->len, ==, 0);

  /* Time codes and speakers are marked out. */
  timecode_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), "efir-timecode");
  speaker_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), "efir-speaker");
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 1, 3);
  g_assert_true (gtk_text_iter_has_tag (&iter, timecode_tag));
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 1, 12);
  g_assert_true (gtk_text_iter_has_tag (&iter, speaker_tag));
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 1, 30);
  g_assert_false (gtk_text_iter_has_tag (&iter, speaker_tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, timecode_tag));

  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (episode), &changes);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  g_autoptr(EfirSegment) untouched = NULL;
  ItemsChanged changes = { 0 };
  GtkTextTag *timecode_tag;
  GtkTextIter iter;

  efir_transcript_editor_set_episode (f->editor, episode);
  untouched = g_object_ref (peek_segment (episode, 3));
  g_signal_connect (efir_episode_get_transcript (episode), "items-changed",
                    G_CALLBACK (items_changed_cb), &changes);

  place_cursor_at_line_end (f, 1);
  gtk_text_buffer_insert_at_cursor (f->buffer, " Salam, Bakı!", -1);

  /* Typing alone does not write the model: that waits for a pause. */
  g_assert_cmpuint (changes.n_changes, ==, 0);

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 1)), ==,
                   "Thank you. Iran is a neighbour. Salam, Bakı!");
  g_assert_cmpstr (efir_segment_get_speaker (peek_segment (episode, 1)), ==, "Nasimi Mammadli");

  /* Only the segment typed in was replaced. */
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_true (peek_segment (episode, 3) == untouched);
  g_assert_cmpfloat (efir_segment_get_end (peek_segment (episode, 1)), ==, 11);

  /* A new line is coloured as it is typed, before any pause. */
  place_cursor_at_end (f);
  gtk_text_buffer_insert_at_cursor (f->buffer, "[00:02:00] Host: Thank you.", -1);
  timecode_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), "efir-timecode");
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 4, 2);
  g_assert_true (gtk_text_iter_has_tag (&iter, timecode_tag));

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 5);
  g_assert_cmpfloat (efir_segment_get_start (peek_segment (episode, 4)), ==, 120);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 4)), ==, "Thank you.");

  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (episode), &changes);
}

static void
test_edit_after_pause (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  ItemsChanged changes = { 0 };

  efir_transcript_editor_set_episode (f->editor, episode);
  g_signal_connect (efir_episode_get_transcript (episode), "items-changed",
                    G_CALLBACK (items_changed_cb), &changes);

  place_cursor_at_line_end (f, 2);
  gtk_text_buffer_insert_at_cursor (f->buffer, " And Ankara?", -1);

  while (changes.n_changes == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 2)), ==,
                   "What does Baku expect? And Ankara?");

  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (episode), &changes);
}

static void
test_half_typed_line_kept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  EfirTranscriptProblem *problem;
  GPtrArray *problems;
  guint n_problems;

  efir_transcript_editor_set_episode (f->editor, episode);
  place_cursor_at_end (f);
  gtk_text_buffer_insert_at_cursor (f->buffer, "[00:1", -1);
  efir_transcript_editor_flush (f->editor);

  /* Kept with the segment above, and nothing else lost. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 4);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 3)), ==,
                   "Calm, and talks with Iran.\n[00:1");

  problems = efir_transcript_editor_get_problems (f->editor);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_true (g_str_has_prefix (problem->message, "Line 5:"));
  g_object_get (f->editor, "n-problems", &n_problems, NULL);
  g_assert_cmpuint (n_problems, ==, 1);

  /* Finished, it becomes a segment and the problem goes. */
  gtk_text_buffer_insert_at_cursor (f->buffer, "2:00] Host: Thank you both.", -1);
  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 5);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 3)), ==, "Calm, and talks with Iran.");
  g_assert_cmpfloat (efir_segment_get_start (peek_segment (episode, 4)), ==, 720);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 4)), ==, "Thank you both.");
  g_assert_cmpuint (efir_transcript_editor_get_problems (f->editor)->len, ==, 0);
}

/* A transcript saved with a half-typed line shows it again as a problem
 * when it is opened, in the same place.
 */
static void
test_saved_problem_shown_on_load (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  g_autoptr(EfirEpisode) other = episode_new (sample);
  g_autofree char *text = NULL;
  EfirTranscriptProblem *problem;
  guint n_notified = 0;

  efir_transcript_editor_set_episode (f->editor, episode);
  place_cursor_at_line_end (f, 1);
  gtk_text_buffer_insert_at_cursor (f->buffer, "\n[00:00:5 Host: oops", -1);
  efir_transcript_editor_flush (f->editor);

  efir_transcript_editor_set_episode (f->editor, other);
  g_signal_connect_swapped (f->editor, "notify::n-problems", G_CALLBACK (count_notify_cb), &n_notified);
  efir_transcript_editor_set_episode (f->editor, episode);

  /* Found in the background, without being asked for. */
  while (n_notified == 0)
    g_main_context_iteration (NULL, TRUE);

  text = get_buffer_text (f);
  g_assert_nonnull (strstr (text, "Thank you. Iran is a neighbour.\n[00:00:5 Host: oops\n[00:01:10]"));
  g_assert_cmpuint (efir_transcript_editor_get_problems (f->editor)->len, ==, 1);
  problem = g_ptr_array_index (efir_transcript_editor_get_problems (f->editor), 0);
  g_assert_cmpuint (problem->line, ==, 3);

  g_signal_handlers_disconnect_by_data (f->editor, &n_notified);
}

static void
test_find_replace (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  GtkSearchBar *search_bar = efir_transcript_editor_get_search_bar (f->editor);

  efir_transcript_editor_set_episode (f->editor, episode);

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (efir_transcript_editor_get_find_entry (f->editor))) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (f->window),
                                         GTK_WIDGET (efir_transcript_editor_get_find_entry (f->editor))));

  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "Iran");
  wait_for_match_label (f, "1 of 3");

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find-next", NULL);
  wait_for_match_label (f, "2 of 3");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find-previous", NULL);
  wait_for_match_label (f, "1 of 3");

  /* Matching is case-insensitive unless asked. */
  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "iran");
  wait_for_match_label (f, "1 of 3");

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find-replace", NULL);
  gtk_editable_set_text (efir_transcript_editor_get_replace_entry (f->editor), "Tehran");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.replace-all", NULL);
  wait_for_match_label (f, "No matches");

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (count_in_transcript (episode, "Iran"), ==, 0);
  g_assert_cmpuint (count_in_transcript (episode, "Tehran"), ==, 3);

  /* Replace All is one step to undo. */
  gtk_text_buffer_undo (f->buffer);
  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (count_in_transcript (episode, "Iran"), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.close-search", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
}

static const char *const az_sample[] = {
  "00:00:00", "Aparıcı", "İnflyasiya bu il artdı.",
  "00:00:06", "Nəsimi Məmmədli", "Bəli, inflyasiya yüksəkdir; INFLYASIYA sözü hər yerdədir.",
  "00:01:10", "Aparıcı", "«Çətin sual» verilişidir.",
  NULL
};

/* The transcript is searched as the archive is: a word at the start of a
 * sentence, with İ, is found by the word as typed in the middle of one,
 * and "cetin" finds "Çətin". Match Case finds the text as typed, and
 * what replaces a match is the text as typed, backslash and all. */
static void
test_find_folds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (az_sample);
  GtkWidget *case_button = efir_ui_test_find_by_id (GTK_WIDGET (f->editor), "case_button");

  efir_transcript_editor_set_episode (f->editor, episode);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find-replace", NULL);

  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "inflyasiya");
  wait_for_match_label (f, "1 of 3");
  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "cetin sual");
  wait_for_match_label (f, "1 of 1");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (case_button), TRUE);
  wait_for_match_label (f, "No matches");
  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "inflyasiya");
  wait_for_match_label (f, "1 of 1");
  /* The match selected still matches: the second of three. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (case_button), FALSE);
  wait_for_match_label (f, "2 of 3");

  /* "\\0" would be the whole match to a regular expression. */
  gtk_editable_set_text (efir_transcript_editor_get_replace_entry (f->editor), "qiymət\\0artımı");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.replace", NULL);
  wait_for_match_label (f, "2 of 2");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.replace-all", NULL);
  wait_for_match_label (f, "No matches");

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (count_in_transcript (episode, "qiymət\\0artımı"), ==, 3);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 1)), ==,
                   "Bəli, qiymət\\0artımı yüksəkdir; qiymət\\0artımı sözü hər yerdədir.");
}

/* Replace All in a three-hour transcript: every match, one step to undo,
 * in a fraction of a second (the time is reported, not asserted). */
static void
test_replace_all_large (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new_large (3000);
  gint64 started;

  efir_transcript_editor_set_episode (f->editor, episode);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find-replace", NULL);
  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "iran");
  wait_for_match_label (f, "1 of 3000");
  gtk_editable_set_text (efir_transcript_editor_get_replace_entry (f->editor), "Tehran");

  started = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.replace-all", NULL);
  g_test_message ("Replace All of 3,000 matches: %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
  wait_for_match_label (f, "No matches");

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (count_in_transcript (episode, "Tehran"), ==, 3000);
  g_assert_cmpuint (count_in_transcript (episode, "Iran"), ==, 0);

  gtk_text_buffer_undo (f->buffer);
  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (count_in_transcript (episode, "Iran"), ==, 3000);
}

static void
test_replace_one (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);

  efir_transcript_editor_set_episode (f->editor, episode);

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.find-replace", NULL);
  gtk_editable_set_text (efir_transcript_editor_get_find_entry (f->editor), "Iran");
  wait_for_match_label (f, "1 of 3");
  gtk_editable_set_text (efir_transcript_editor_get_replace_entry (f->editor), "Tehran");

  /* The first match is selected, so the first press replaces it. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.replace", NULL);
  wait_for_match_label (f, "1 of 2");

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 0)), ==,
                   "Good evening. Tonight: Tehran and the region.");
  g_assert_cmpuint (count_in_transcript (episode, "Iran"), ==, 2);
}

static void
test_external_replace_reloads (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  g_autoptr(GPtrArray) restored = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  ItemsChanged changes = { 0 };

  efir_transcript_editor_set_episode (f->editor, episode);

  /* As a revision restore does. */
  g_ptr_array_add (restored, efir_segment_new (0, 10, "Host", "A restored revision."));
  g_ptr_array_add (restored, efir_segment_new (10, 20, "Guest", "Its second line."));
  efir_episode_set_transcript (episode, restored);

  text = get_buffer_text (f);
  expected = format_episode (episode);
  g_assert_cmpstr (text, ==, expected);

  /* Reloading writes nothing back. */
  g_signal_connect (efir_episode_get_transcript (episode), "items-changed",
                    G_CALLBACK (items_changed_cb), &changes);
  efir_transcript_editor_flush (f->editor);
  g_assert_cmpuint (changes.n_changes, ==, 0);
  g_assert_cmpfloat (efir_segment_get_end (peek_segment (episode, 1)), ==, 20);

  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (episode), &changes);
}

/* Words typed just before a restore are not gone: one undo brings them back. */
static void
test_external_replace_undoable (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  g_autoptr(EfirEpisode) revision = episode_new (sample);
  g_autofree char *text = NULL;

  efir_transcript_editor_set_episode (f->editor, episode);
  place_cursor_at_line_end (f, 0);
  gtk_text_buffer_insert_at_cursor (f->buffer, " Unsaved words.", -1);

  efir_segment_set_text (peek_segment (revision, 0), "From the revision.");
  efir_episode_assign (episode, revision);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 0)), ==, "From the revision.");

  gtk_text_buffer_undo (f->buffer);
  text = get_buffer_text (f);
  g_assert_nonnull (strstr (text, "Tonight: Iran and the region. Unsaved words.\n"));
}

static void
test_switch_episode (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const other_lines[] = {
    "00:00:00", "Host", "Another programme.",
    "00:00:30", "Guest", "Another guest.",
    NULL
  };
  g_autoptr(EfirEpisode) first = episode_new (sample);
  g_autoptr(EfirEpisode) second = episode_new (other_lines);
  g_autofree char *first_before = format_episode (first);
  g_autofree char *second_before = format_episode (second);
  g_autofree char *text = NULL;
  g_autofree char *first_after = NULL;
  g_autofree char *second_after = NULL;
  ItemsChanged first_changes = { 0 };
  ItemsChanged second_changes = { 0 };

  g_signal_connect (efir_episode_get_transcript (first), "items-changed",
                    G_CALLBACK (items_changed_cb), &first_changes);
  g_signal_connect (efir_episode_get_transcript (second), "items-changed",
                    G_CALLBACK (items_changed_cb), &second_changes);

  efir_transcript_editor_set_episode (f->editor, first);
  efir_transcript_editor_set_episode (f->editor, second);
  efir_transcript_editor_flush (f->editor);

  text = get_buffer_text (f);
  g_assert_cmpstr (text, ==, second_before);
  g_assert_cmpuint (first_changes.n_changes, ==, 0);
  g_assert_cmpuint (second_changes.n_changes, ==, 0);

  /* Nothing of one episode can be undone into the other. */
  g_assert_false (gtk_text_buffer_get_can_undo (f->buffer));

  g_object_set (f->editor, "episode", first, NULL);
  efir_transcript_editor_flush (f->editor);
  first_after = format_episode (first);
  second_after = format_episode (second);
  g_assert_cmpstr (first_after, ==, first_before);
  g_assert_cmpstr (second_after, ==, second_before);
  g_assert_cmpuint (first_changes.n_changes, ==, 0);
  g_assert_cmpuint (second_changes.n_changes, ==, 0);

  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (first), &first_changes);
  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (second), &second_changes);
}

/* Words typed just before a switch go to the episode they were typed in. */
static void
test_switch_keeps_typing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EfirEpisode) first = episode_new (sample);
  g_autoptr(EfirEpisode) second = episode_new (sample);
  g_autofree char *second_before = format_episode (second);
  g_autofree char *second_after = NULL;

  efir_transcript_editor_set_episode (f->editor, first);
  place_cursor_at_line_end (f, 2);
  gtk_text_buffer_insert_at_cursor (f->buffer, " Last words.", -1);
  efir_transcript_editor_set_episode (f->editor, second);

  g_assert_cmpstr (efir_segment_get_text (peek_segment (first, 2)), ==,
                   "What does Baku expect? Last words.");

  efir_transcript_editor_flush (f->editor);
  second_after = format_episode (second);
  g_assert_cmpstr (second_after, ==, second_before);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;

  efir_transcript_editor_set_episode (f->editor, episode);
  before = get_buffer_text (f);

  place_cursor_at_line_end (f, 3);
  gtk_text_buffer_begin_user_action (f->buffer);
  gtk_text_buffer_insert_at_cursor (f->buffer, " Typed by mistake.", -1);
  gtk_text_buffer_end_user_action (f->buffer);
  efir_transcript_editor_flush (f->editor);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 3)), ==,
                   "Calm, and talks with Iran. Typed by mistake.");

  g_assert_true (gtk_text_buffer_get_can_undo (f->buffer));
  gtk_text_buffer_undo (f->buffer);
  after_undo = get_buffer_text (f);
  g_assert_cmpstr (after_undo, ==, before);

  efir_transcript_editor_flush (f->editor);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 3)), ==, "Calm, and talks with Iran.");

  /* Undo stops at the loaded text. */
  g_assert_false (gtk_text_buffer_get_can_undo (f->buffer));
}

static void
test_go_to_time (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  GtkEditable *time_entry = efir_transcript_editor_get_time_entry (f->editor);
  GtkTextIter iter;

  efir_transcript_editor_set_episode (f->editor, episode);

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "transcript.go-to-time", NULL);
  gtk_editable_set_text (time_entry, "1:15");
  g_signal_emit_by_name (time_entry, "activate");

  gtk_text_buffer_get_iter_at_mark (f->buffer, &iter, gtk_text_buffer_get_insert (f->buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 2);
  /* Where the speech starts, after "[00:01:10] Host: ". */
  g_assert_cmpint (gtk_text_iter_get_line_offset (&iter), ==, 17);

  gtk_editable_set_text (time_entry, "soon");
  g_signal_emit_by_name (time_entry, "activate");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time_entry), "error"));
}

/* The window closing without a flush still keeps the last words. */
static void
test_dispose_keeps_typing (void)
{
  g_autoptr(EfirEpisode) episode = episode_new (sample);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *editor = efir_transcript_editor_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    GTK_TEXT_VIEW (efir_transcript_editor_get_view (EFIR_TRANSCRIPT_EDITOR (editor))));
  GtkTextIter iter;

  gtk_window_set_child (window, editor);
  efir_transcript_editor_set_episode (EFIR_TRANSCRIPT_EDITOR (editor), episode);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "[00:02:00] Host: Goodbye.", -1);

  gtk_window_destroy (window);
  efir_ui_test_dispatch_pending ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 5);
  g_assert_cmpstr (efir_segment_get_text (peek_segment (episode, 4)), ==, "Goodbye.");
}

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new_large (3000);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *expected = format_episode (episode);
  g_autofree char *text = NULL;
  ItemsChanged changes = { 0 };
  double load_ms;
  double apply_ms;
  double flush_unchanged_ms;
  double load_cpu_ms;
  double tagged_ms;
  double tagged_cpu_ms;
  clock_t cpu_start;
  GtkTextTag *timecode_tag;
  GtkTextIter iter;

  g_timer_start (timer);
  cpu_start = clock ();
  efir_transcript_editor_set_episode (f->editor, episode);
  load_ms = g_timer_elapsed (timer, NULL) * 1000;
  load_cpu_ms = (clock () - cpu_start) * 1000.0 / CLOCKS_PER_SEC;

  text = get_buffer_text (f);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (gtk_text_buffer_get_line_count (f->buffer), ==, 3001);

  /* The lines far from the cursor are coloured too, in the background. */
  timecode_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), "efir-timecode");
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 2999, 1);
  while (!gtk_text_iter_has_tag (&iter, timecode_tag))
    {
      g_main_context_iteration (NULL, TRUE);
      gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 2999, 1);
    }
  tagged_ms = g_timer_elapsed (timer, NULL) * 1000;
  tagged_cpu_ms = (clock () - cpu_start) * 1000.0 / CLOCKS_PER_SEC;

  g_signal_connect (efir_episode_get_transcript (episode), "items-changed",
                    G_CALLBACK (items_changed_cb), &changes);

  /* Round trip: an indent is not content, so reading the text back
   * writes nothing.
   */
  gtk_text_buffer_get_iter_at_line (f->buffer, &iter, 1500);
  gtk_text_buffer_insert (f->buffer, &iter, " ", 1);
  g_timer_start (timer);
  efir_transcript_editor_flush (f->editor);
  flush_unchanged_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_cmpuint (changes.n_changes, ==, 0);

  place_cursor_at_line_end (f, 1500);
  gtk_text_buffer_insert_at_cursor (f->buffer, " Yes.", -1);
  g_timer_start (timer);
  efir_transcript_editor_flush (f->editor);
  apply_ms = g_timer_elapsed (timer, NULL) * 1000;

  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1500);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_true (g_str_has_suffix (efir_segment_get_text (peek_segment (episode, 1500)), " Yes."));
  g_assert_cmpfloat_with_epsilon (efir_segment_get_end (peek_segment (episode, 1500)), 1501 * 36 / 10, 1e-9);

  g_test_message ("3,000 segments, %zu bytes: set_episode until the buffer is filled %.1f ms "
                  "(%.1f ms CPU); until the last line is coloured %.1f ms (%.1f ms CPU); "
                  "read back unchanged %.1f ms; read back with one segment changed %.1f ms",
                  strlen (expected), load_ms, load_cpu_ms, tagged_ms, tagged_cpu_ms,
                  flush_unchanged_ms, apply_ms);

  g_signal_handlers_disconnect_by_data (efir_episode_get_transcript (episode), &changes);
}

/* Read back around each edit, the transcript is what reading the whole
 * text gives: a word, lines pasted, segments joined, undone. */
static void
assert_reads_as_whole_text (Fixture     *f,
                            EfirEpisode *episode)
{
  GListModel *model = G_LIST_MODEL (efir_episode_get_transcript (episode));
  g_autoptr(GPtrArray) whole = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  efir_transcript_editor_flush (f->editor);
  gtk_text_buffer_get_bounds (f->buffer, &start, &end);
  text = gtk_text_buffer_get_text (f->buffer, &start, &end, TRUE);
  whole = efir_transcript_text_parse_lenient (text, -1, efir_episode_get_duration (episode), NULL);
  /* The segments were made with ends of their own, which reading keeps. */
  efir_transcript_state_keep_ends (whole, model, efir_episode_get_duration (episode));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, whole->len);
  for (guint i = 0; i < whole->len; i++)
    {
      g_autoptr(EfirSegment) segment = g_list_model_get_item (model, i);

      g_assert_true (efir_segment_equal (segment, g_ptr_array_index (whole, i)));
    }
}

static void
test_transcript_reads_around_edit (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = episode_new_large (600);
  GtkTextIter iter, end;

  efir_transcript_editor_set_episode (f->editor, episode);
  efir_ui_test_iterate_until_idle ();

  /* A word in the middle. */
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 300, 12);
  gtk_text_buffer_insert_interactive (f->buffer, &iter, "söz ", -1, TRUE);
  assert_reads_as_whole_text (f, episode);

  /* Lines pasted at the start of a segment. */
  gtk_text_buffer_get_iter_at_line (f->buffer, &iter, 120);
  gtk_text_buffer_begin_user_action (f->buffer);
  gtk_text_buffer_insert_interactive (f->buffer, &iter, "Artıq sətir.\n[laughter]\n", -1, TRUE);
  gtk_text_buffer_end_user_action (f->buffer);
  assert_reads_as_whole_text (f, episode);

  /* Three segments joined into one, then undone. */
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, 400, 20);
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &end, 403, 3);
  gtk_text_buffer_begin_user_action (f->buffer);
  gtk_text_buffer_delete_interactive (f->buffer, &iter, &end, TRUE);
  gtk_text_buffer_end_user_action (f->buffer);
  assert_reads_as_whole_text (f, episode);
  gtk_text_buffer_undo (f->buffer);
  assert_reads_as_whole_text (f, episode);

  /* The first and the last line. */
  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  gtk_text_buffer_insert_interactive (f->buffer, &iter, "Öncə. ", -1, TRUE);
  gtk_text_buffer_get_end_iter (f->buffer, &iter);
  gtk_text_buffer_insert_interactive (f->buffer, &iter, " Son.", -1, TRUE);
  assert_reads_as_whole_text (f, episode);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  efir_register_resource ();

  g_test_add ("/ui/transcript/reads-around-edit", Fixture, NULL,
              fixture_set_up, test_transcript_reads_around_edit, fixture_tear_down);
  g_test_add ("/ui/transcript/load", Fixture, NULL,
              fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/ui/transcript/edit", Fixture, NULL,
              fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/ui/transcript/edit/after-pause", Fixture, NULL,
              fixture_set_up, test_edit_after_pause, fixture_tear_down);
  g_test_add ("/ui/transcript/edit/half-typed-line-kept", Fixture, NULL,
              fixture_set_up, test_half_typed_line_kept, fixture_tear_down);
  g_test_add ("/ui/transcript/edit/saved-problem-shown-on-load", Fixture, NULL,
              fixture_set_up, test_saved_problem_shown_on_load, fixture_tear_down);
  g_test_add ("/ui/transcript/find/replace-all", Fixture, NULL,
              fixture_set_up, test_find_replace, fixture_tear_down);
  g_test_add ("/ui/transcript/find/folds", Fixture, NULL,
              fixture_set_up, test_find_folds, fixture_tear_down);
  g_test_add ("/ui/transcript/find/replace-all-large", Fixture, NULL,
              fixture_set_up, test_replace_all_large, fixture_tear_down);
  g_test_add ("/ui/transcript/find/replace-one", Fixture, NULL,
              fixture_set_up, test_replace_one, fixture_tear_down);
  g_test_add ("/ui/transcript/external/replace-reloads", Fixture, NULL,
              fixture_set_up, test_external_replace_reloads, fixture_tear_down);
  g_test_add ("/ui/transcript/external/replace-undoable", Fixture, NULL,
              fixture_set_up, test_external_replace_undoable, fixture_tear_down);
  g_test_add ("/ui/transcript/switch/leaves-both-unchanged", Fixture, NULL,
              fixture_set_up, test_switch_episode, fixture_tear_down);
  g_test_add ("/ui/transcript/switch/keeps-typing", Fixture, NULL,
              fixture_set_up, test_switch_keeps_typing, fixture_tear_down);
  g_test_add ("/ui/transcript/undo", Fixture, NULL,
              fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/ui/transcript/go-to-time", Fixture, NULL,
              fixture_set_up, test_go_to_time, fixture_tear_down);
  g_test_add_func ("/ui/transcript/dispose-keeps-typing", test_dispose_keeps_typing);
  g_test_add ("/ui/transcript/large", Fixture, NULL,
              fixture_set_up, test_large, fixture_tear_down);

  return g_test_run ();
}
