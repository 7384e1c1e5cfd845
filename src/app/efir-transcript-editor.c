/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-transcript-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "efir-fold.h"
#include "efir-timecode.h"
#include "efir-transcript-editor-private.h"
#include "efir-transcript-state.h"
#include "efir-transcript-text.h"

/* Types and properties --------------------------------------------------- */

/* How long typing pauses before the text is read into the model: a
 * producer typing at speed is never held up by a parse of 200 KB, and the
 * autosaver, which writes within a second of a change, sees the words
 * soon after the last keystroke.
 */
#define APPLY_DELAY_MS 400

#define PROBLEM_CATEGORY "efir-transcript-problem"
#define PROBLEM_MESSAGE_KEY "efir-transcript-problem-message"

/* Room between the gutter and a line's time code. */
#define TEXT_MARGIN 6

/* Colouring a line costs little, but GtkTextBuffer needs some 15 µs a tag:
 * 3,000 lines would hold a load for 100 ms. The lines around the cursor are
 * coloured at once, a screenful and more; the rest in slices this long,
 * between frames.
 */
#define TAG_SLICE_USEC 4000
#define TAG_LINES_ABOVE 30
#define TAG_LINES_BELOW 90

struct _EfirTranscriptEditor
{
  GtkWidget                parent_instance;

  /* Template widgets */
  GtkSearchBar            *search_bar;
  GtkSearchEntry          *find_entry;
  GtkLabel                *match_label;
  GtkToggleButton         *case_button;
  GtkToggleButton         *replace_button;
  GtkEntry                *replace_entry;
  GtkSourceView           *view;
  GtkSourceBuffer         *buffer;
  GtkWidget               *problem_box;
  GtkLabel                *problem_label;
  GtkWidget               *time_box;
  GtkEntry                *time_entry;

  /* Owned */
  EfirEpisode             *episode;
  GSignalGroup            *transcript_signals;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext  *search_context;
  GPtrArray               *problems;
  char                    *last_search;
  guint                    apply_source;
  guint                    tag_source;

  /* Borrowed: the buffer holds them */
  GtkTextTag              *timecode_tag;
  GtkTextTag              *speaker_tag;
  GtkTextTag              *problem_tag;
  GtkTextMark             *untagged_mark; /* lines from here on wait for colour */
  GtkTextMark             *edit_start_mark; /* what changed since the text was read */
  GtkTextMark             *edit_end_mark;

  int                      timecode_width;
  int                      n_lines_read;    /* the buffer's lines when it was read */
  gboolean                 edit_noted;
  guint                    loading;
  guint                    applying;
  gboolean                 dirty;
  gboolean                 problems_pending;
};

G_DEFINE_FINAL_TYPE (EfirTranscriptEditor, efir_transcript_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EPISODE,
  PROP_N_PROBLEMS,
  PROP_HAS_PENDING_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static gboolean background_tagging_cb (gpointer user_data);

static char *
get_buffer_text (EfirTranscriptEditor *self)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

static void
get_line_bounds (GtkTextBuffer *buffer,
                 int            line,
                 GtkTextIter   *start,
                 GtkTextIter   *end)
{
  gtk_text_buffer_get_iter_at_line (buffer, start, line);
  *end = *start;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

static void
tag_line (EfirTranscriptEditor *self,
          int                   line,
          const char           *text,
          gsize                 length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  EfirTranscriptLine scan;
  GtkTextIter start;
  GtkTextIter end;

  efir_transcript_text_scan_line (text, length, &scan, NULL);
  if (scan.kind != EFIR_TRANSCRIPT_LINE_TIMED)
    return;

  gtk_text_buffer_get_iter_at_line_index (buffer, &start, line, scan.timecode_start);
  gtk_text_buffer_get_iter_at_line_index (buffer, &end, line, scan.timecode_end);
  gtk_text_buffer_apply_tag (buffer, self->timecode_tag, &start, &end);

  if (scan.speaker_end > scan.speaker_start)
    {
      gtk_text_buffer_get_iter_at_line_index (buffer, &start, line, scan.speaker_start);
      gtk_text_buffer_get_iter_at_line_index (buffer, &end, line, scan.speaker_end);
      gtk_text_buffer_apply_tag (buffer, self->speaker_tag, &start, &end);
    }
}

/* Highlighting is done here, with tags, rather than by a GtkSourceLanguage:
 * the language manager reads .lang files only from disk, and the format is
 * line based, so a keystroke needs only its own line read again. Each line
 * is read by the parser itself, so what is coloured as a time code is what
 * will be saved as one.
 */
static void
retag_lines (EfirTranscriptEditor *self,
             int                   first,
             int                   last)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter last_start;
  GtkTextIter start;
  GtkTextIter end;

  first = MAX (first, 0);
  last = MIN (last, gtk_text_buffer_get_line_count (buffer) - 1);
  if (first > last)
    return;

  /* Pasted text brings the tags it was copied with. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, first);
  get_line_bounds (buffer, last, &last_start, &end);
  gtk_text_buffer_remove_tag (buffer, self->timecode_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->speaker_tag, &start, &end);

  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = NULL;

      get_line_bounds (buffer, line, &start, &end);
      text = gtk_text_iter_get_slice (&start, &end);
      tag_line (self, line, text, strlen (text));
    }
}

static void
update_problem_bar (EfirTranscriptEditor *self)
{
  g_autofree char *summary = efir_transcript_state_problem_summary (self->problems);

  gtk_label_set_label (self->problem_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), summary);
  gtk_widget_set_visible (self->problem_box, self->problems->len > 0);
  /* Whichever shows takes the room, so the time entry stays at the end. */
  gtk_widget_set_hexpand (self->time_box, self->problems->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.next-problem",
                                 self->problems->len > 0);
}

/* Takes @problems, read from the text the buffer holds now. */
static void
set_problems (EfirTranscriptEditor *self,
              GPtrArray            *problems)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  guint old_len = self->problems->len;
  GtkTextIter start;
  GtkTextIter end;

  if (old_len > 0)
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag (buffer, self->problem_tag, &start, &end);
      gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, PROBLEM_CATEGORY);
    }

  g_ptr_array_unref (self->problems);
  self->problems = problems;
  self->problems_pending = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      EfirTranscriptProblem *problem = g_ptr_array_index (problems, i);
      GtkSourceMark *mark;

      get_line_bounds (buffer, problem->line - 1, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->problem_tag, &start, &end);

      mark = gtk_source_buffer_create_source_mark (self->buffer, NULL, PROBLEM_CATEGORY, &start);
      g_object_set_data_full (G_OBJECT (mark), PROBLEM_MESSAGE_KEY,
                              g_strdup (problem->message), g_free);
    }

  update_problem_bar (self);

  if (old_len != problems->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

/* A transcript saved with a problem shows it again once loaded. Reading
 * for problems is a parse of the whole text, so it waits until it is asked
 * for or the producer pauses.
 */
static void
ensure_problems (EfirTranscriptEditor *self)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *text = NULL;
  GPtrArray *problems = NULL;

  if (!self->problems_pending || self->buffer == NULL)
    return;

  /* Typing since the load: the problems come with reading it into the model. */
  if (self->dirty)
    return;

  text = get_buffer_text (self);
  segments = efir_transcript_text_parse_lenient (text, -1, 0, &problems);
  set_problems (self, problems);
}

/* Colours the lines from @first on: those near the cursor now, the others
 * in the background.
 */
static void
tag_lines_from (EfirTranscriptEditor *self,
                int                   first)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;
  int cursor_line;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->untagged_mark);
  if (self->tag_source == 0 || gtk_text_iter_get_line (&iter) > first)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &iter, first);
      gtk_text_buffer_move_mark (buffer, self->untagged_mark, &iter);
    }

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  cursor_line = gtk_text_iter_get_line (&iter);
  retag_lines (self, MAX (first, cursor_line - TAG_LINES_ABOVE), cursor_line + TAG_LINES_BELOW);

  /* Before the view lays the text out, so that it does so once, with the
   * colours; after it draws a frame, so that typing stays smooth.
   */
  if (self->tag_source == 0)
    self->tag_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1,
                                        background_tagging_cb, self, NULL);
}

/* Widens what changed since the text was read to hold @from–@to. */
static void
note_edit (EfirTranscriptEditor *self,
           const GtkTextIter    *from,
           const GtkTextIter    *to)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->edit_start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->edit_end_mark);

  if (!self->edit_noted || gtk_text_iter_compare (from, &start) < 0)
    gtk_text_buffer_move_mark (buffer, self->edit_start_mark, from);
  if (!self->edit_noted || gtk_text_iter_compare (to, &end) > 0)
    gtk_text_buffer_move_mark (buffer, self->edit_end_mark, to);

  self->edit_noted = TRUE;
}

/* The buffer now reads as the episode. */
static void
forget_edit (EfirTranscriptEditor *self)
{
  self->edit_noted = FALSE;
  self->n_lines_read = gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->buffer));
}

static char *
buffer_line_cb (int      line,
                gpointer user_data)
{
  GtkTextBuffer *buffer = user_data;
  GtkTextIter start;
  GtkTextIter end;

  if (line < 0 || line >= gtk_text_buffer_get_line_count (buffer))
    return NULL;

  get_line_bounds (buffer, line, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Reads back only the segments around what changed; FALSE when the whole
 * text must be read. */
static gboolean
apply_edit (EfirTranscriptEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GListStore *store = efir_episode_get_transcript (self->episode);
  EfirTranscriptEdit edit;
  GtkTextIter start;
  GtkTextIter end;

  /* The problems above the edit are those of the text as last read. */
  if (!self->edit_noted || self->problems_pending)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->edit_start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->edit_end_mark);

  if (!efir_transcript_state_read_edit (G_LIST_MODEL (store), self->problems,
                                        buffer_line_cb, buffer,
                                        gtk_text_iter_get_line (&start),
                                        gtk_text_iter_get_line (&end),
                                        gtk_text_buffer_get_line_count (buffer) - self->n_lines_read,
                                        efir_episode_get_duration (self->episode),
                                        &edit))
    return FALSE;

  if (edit.removed > 0 || edit.added->len > 0)
    {
      self->applying++;
      g_list_store_splice (store, edit.position, edit.removed, edit.added->pdata, edit.added->len);
      self->applying--;
    }

  set_problems (self, g_steal_pointer (&edit.problems));
  efir_transcript_edit_clear (&edit);

  return TRUE;
}

/* Whether the buffer holds text the episode does not have yet. */
static void
set_dirty (EfirTranscriptEditor *self,
           gboolean              dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PENDING_TEXT]);
}

/* Reads the whole text into the episode, changing only the segments that
 * differ. */
static void
apply_whole_text (EfirTranscriptEditor *self)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *text = get_buffer_text (self);
  GPtrArray *problems = NULL;
  GListStore *store = efir_episode_get_transcript (self->episode);
  double duration = efir_episode_get_duration (self->episode);
  guint position;
  guint removed;
  guint added;

  segments = efir_transcript_text_parse_lenient (text, -1, duration, &problems);
  efir_transcript_state_keep_ends (segments, G_LIST_MODEL (store), duration);

  if (efir_transcript_state_diff (G_LIST_MODEL (store), segments, &position, &removed, &added))
    {
      self->applying++;
      g_list_store_splice (store, position, removed, segments->pdata + position, added);
      self->applying--;
    }

  set_problems (self, problems);
}

/* Reads what was typed into the episode: the segments around the edit,
 * or, when they cannot be told, the whole text. */
static void
apply_text (EfirTranscriptEditor *self)
{
  g_clear_handle_id (&self->apply_source, g_source_remove);

  if (!self->dirty || self->episode == NULL || self->buffer == NULL)
    return;

  /* Cleared first: a change made while the episode takes the text (none
   * is expected) is still waiting afterwards. */
  self->dirty = FALSE;

  if (!apply_edit (self))
    {
      g_debug ("Reading back the whole transcript");
      apply_whole_text (self);
    }
  forget_edit (self);

  /* Said after the episode has the text, so that the autosaver already
   * counts it as unsaved. */
  if (!self->dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PENDING_TEXT]);
}

/* Fills the buffer from the episode without writing anything back. Switching
 * episodes is not undoable, so that undo never brings another episode's text;
 * a transcript replaced from elsewhere is, so that words typed just before
 * it are one undo away.
 */
static void
load_text (EfirTranscriptEditor *self,
           gboolean              undoable)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  g_clear_handle_id (&self->apply_source, g_source_remove);
  set_dirty (self, FALSE);

  /* The marks of the old problems would stay behind at the top. */
  set_problems (self, g_ptr_array_new_with_free_func ((GDestroyNotify) efir_transcript_problem_free));

  if (self->episode != NULL)
    text = efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (self->episode)));
  else
    text = g_strdup ("");

  self->loading++;

  if (undoable)
    gtk_text_buffer_begin_user_action (buffer);
  else
    gtk_text_buffer_begin_irreversible_action (buffer);

  /* Not gtk_text_buffer_set_text(): it is always irreversible. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, -1);

  if (undoable)
    gtk_text_buffer_end_user_action (buffer);
  else
    gtk_text_buffer_end_irreversible_action (buffer);

  self->loading--;

  self->problems_pending = TRUE;
  forget_edit (self);
}

static void
reload_keeping_place (EfirTranscriptEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;
  int line;
  int line_offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&iter);
  line_offset = gtk_text_iter_get_line_offset (&iter);

  load_text (self, TRUE);

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  if (gtk_text_iter_get_line (&iter) == line)
    {
      gtk_text_iter_set_line_offset (&iter, MIN (line_offset, gtk_text_iter_get_chars_in_line (&iter)));
      if (gtk_text_iter_get_line (&iter) != line)
        gtk_text_iter_backward_char (&iter);
    }
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer));
  tag_lines_from (self, 0);
}

static void
update_style_scheme (EfirTranscriptEditor *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    return;

  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
  gtk_source_style_apply (gtk_source_style_scheme_get_style (scheme, "def:comment"),
                          self->timecode_tag);
  gtk_source_style_apply (gtk_source_style_scheme_get_style (scheme, "def:heading"),
                          self->speaker_tag);
  gtk_source_style_apply (gtk_source_style_scheme_get_style (scheme, "def:error"),
                          self->problem_tag);
}

/* Wrapped lines hang under the text, not under the time code, so a
 * segment's speech reads as one block.
 */
static void
update_indent (EfirTranscriptEditor *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->view));
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoFontDescription *font;
  int width;

  font = pango_font_description_copy (pango_context_get_font_description (context));
  pango_font_description_set_family (font, "monospace");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "[00:00:00] ", -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_font_description_free (font);

  if (width == self->timecode_width)
    return;

  /* A negative indent hangs every line of a paragraph but its first. */
  self->timecode_width = width;
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), TEXT_MARGIN);
  gtk_text_view_set_indent (GTK_TEXT_VIEW (self->view), -width);
}

static const char *
get_search_text (EfirTranscriptEditor *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
}

/* Without Match Case, the transcript is searched as the archive is:
 * "inflyasiya" finds "İnflyasiya" at the start of a sentence, "cetin" finds
 * "Çətin" (efir_fold). GtkSourceView folds case alone, by Unicode's rules,
 * where İ is no capital i, so the search is a pattern of the letters that
 * fold alike. With Match Case, it is the text as typed. */
static void
update_search_settings (EfirTranscriptEditor *self)
{
  const char *text = get_search_text (self);
  gboolean exact = gtk_toggle_button_get_active (self->case_button);
  g_autofree char *pattern = NULL;

  if (!exact && text[0] != '\0')
    pattern = efir_fold_pattern (text);

  gtk_source_search_settings_set_case_sensitive (self->search_settings, exact);
  gtk_source_search_settings_set_regex_enabled (self->search_settings, pattern != NULL);
  gtk_source_search_settings_set_search_text (self->search_settings,
                                              pattern != NULL ? pattern
                                              : text[0] != '\0' ? text : NULL);
}

/* Puts the text as typed in place of a match. GtkSourceView's own replacing
 * reads the replacement of a pattern search as a regular expression's, where
 * a backslash starts a reference; the producer's is plain text. */
static void
replace_match (EfirTranscriptEditor *self,
               GtkTextIter          *start,
               GtkTextIter          *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  gtk_text_buffer_delete (buffer, start, end);
  gtk_text_buffer_insert (buffer, end, gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)), -1);
}

static void
update_match_label (EfirTranscriptEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *label = NULL;
  GtkTextIter start;
  GtkTextIter end;
  int count;
  int position = 0;

  count = gtk_source_search_context_get_occurrences_count (self->search_context);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    position = gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end);

  label = efir_transcript_state_match_label (get_search_text (self), MAX (position, 0), count);
  gtk_label_set_label (self->match_label, label);
}

static void
update_search_actions (EfirTranscriptEditor *self)
{
  gboolean has_text = get_search_text (self)[0] != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.replace", has_text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.replace-all", has_text);
}

/* Selects the next match after the selection, or the one before it. */
static gboolean
select_match (EfirTranscriptEditor *self,
              gboolean              forward,
              gboolean              from_selection_start)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter match_start;
  GtkTextIter match_end;
  gboolean found;

  if (get_search_text (self)[0] == '\0')
    return FALSE;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  if (forward)
    found = gtk_source_search_context_forward (self->search_context,
                                               from_selection_start ? &start : &end,
                                               &match_start, &match_end, NULL);
  else
    found = gtk_source_search_context_backward (self->search_context, &start,
                                                &match_start, &match_end, NULL);

  if (found)
    {
      gtk_text_buffer_select_range (buffer, &match_start, &match_end);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                    0.25, FALSE, 0, 0);
    }
  else
    gtk_widget_error_bell (GTK_WIDGET (self));

  update_match_label (self);

  return found;
}

static void
open_search (EfirTranscriptEditor *self,
             gboolean              replace)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;
  GtkTextIter end;

  /* A word selected in the text is what the producer wants to find; else
   * the last search, which the bar forgets when it closes.
   */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *selected = gtk_text_iter_get_slice (&start, &end);

      gtk_editable_set_text (GTK_EDITABLE (self->find_entry), selected);
    }
  else if (get_search_text (self)[0] == '\0' && self->last_search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->find_entry), self->last_search);

  gtk_toggle_button_set_active (self->replace_button, replace);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  /* Focusing an entry selects its text. */
  if (replace && get_search_text (self)[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->replace_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

static void
place_cursor_on_line (EfirTranscriptEditor *self,
                      GtkTextIter          *iter)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  gtk_text_buffer_place_cursor (buffer, iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0, TRUE, 0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
background_tagging_cb (gpointer user_data)
{
  EfirTranscriptEditor *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  gint64 deadline = g_get_monotonic_time () + TAG_SLICE_USEC;
  int n_lines = gtk_text_buffer_get_line_count (buffer);
  GtkTextIter iter;
  int line;

  if (self->problems_pending && !self->dirty)
    {
      ensure_problems (self);
      return G_SOURCE_CONTINUE;
    }

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->untagged_mark);
  line = gtk_text_iter_get_line (&iter);

  while (line < n_lines && g_get_monotonic_time () < deadline)
    {
      retag_lines (self, line, line + 19);
      line += 20;
    }

  if (line >= n_lines)
    {
      self->tag_source = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  gtk_text_buffer_move_mark (buffer, self->untagged_mark, &iter);

  return G_SOURCE_CONTINUE;
}

static gboolean
apply_delay_passed_cb (gpointer user_data)
{
  EfirTranscriptEditor *self = user_data;

  self->apply_source = 0;
  apply_text (self);

  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (EfirTranscriptEditor *self,
                   GtkTextBuffer        *buffer)
{
  if (self->loading > 0)
    return;

  set_dirty (self, TRUE);

  /* Read the text once typing pauses, never per keystroke. */
  g_clear_handle_id (&self->apply_source, g_source_remove);
  self->apply_source = g_timeout_add (APPLY_DELAY_MS, apply_delay_passed_cb, self);
}

static void
buffer_text_inserted_cb (EfirTranscriptEditor *self,
                         GtkTextIter          *location,
                         const char           *text,
                         int                   length,
                         GtkTextBuffer        *buffer)
{
  const char *end = text + length;
  GtkTextIter from;
  int newlines = 0;
  int last;

  if (self->loading > 0)
    return;

  from = *location;
  gtk_text_iter_backward_chars (&from, g_utf8_strlen (text, length));
  note_edit (self, &from, location);

  for (const char *p = text; (p = memchr (p, '\n', end - p)) != NULL; p++)
    newlines++;

  last = gtk_text_iter_get_line (location);
  if (newlines <= TAG_LINES_BELOW)
    retag_lines (self, last - newlines, last);
  else
    tag_lines_from (self, last - newlines);
}

static void
buffer_range_deleted_cb (EfirTranscriptEditor *self,
                         GtkTextIter          *start,
                         GtkTextIter          *end,
                         GtkTextBuffer        *buffer)
{
  int line;

  if (self->loading > 0)
    return;

  note_edit (self, start, start);
  line = gtk_text_iter_get_line (start);
  retag_lines (self, line, line);
}

static void
buffer_mark_set_cb (EfirTranscriptEditor *self,
                    GtkTextIter          *location,
                    GtkTextMark          *mark,
                    GtkTextBuffer        *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) &&
      gtk_search_bar_get_search_mode (self->search_bar))
    update_match_label (self);
}

static void
transcript_items_changed_cb (EfirTranscriptEditor *self,
                             guint                 position,
                             guint                 removed,
                             guint                 added,
                             GListModel           *model)
{
  if (self->applying > 0)
    return;

  reload_keeping_place (self);
}

static void
style_manager_dark_changed_cb (EfirTranscriptEditor *self,
                               GParamSpec           *pspec,
                               AdwStyleManager      *manager)
{
  update_style_scheme (self);
}

static void
occurrences_count_changed_cb (EfirTranscriptEditor   *self,
                              GParamSpec             *pspec,
                              GtkSourceSearchContext *context)
{
  update_match_label (self);
}

static void
case_toggled_cb (EfirTranscriptEditor *self)
{
  update_search_settings (self);
  update_match_label (self);
}

/* The search follows every change at once, so that Replace All never
 * works on a text the entry no longer shows; the search context counts in
 * the background anyway.
 */
static void
find_entry_changed_cb (EfirTranscriptEditor *self,
                       GtkEditable          *entry)
{
  const char *text = get_search_text (self);

  update_search_settings (self);
  if (text[0] != '\0' && g_strcmp0 (text, self->last_search) != 0)
    {
      g_free (self->last_search);
      self->last_search = g_strdup (text);
    }
  update_search_actions (self);
  update_match_label (self);
}

/* Once typing in the entry pauses, the selection moves to the match,
 * staying on the one already selected while it still matches.
 */
static void
find_entry_search_changed_cb (EfirTranscriptEditor *self,
                              GtkSearchEntry       *entry)
{
  if (get_search_text (self)[0] != '\0')
    select_match (self, TRUE, TRUE);
}

static void
find_entry_activated_cb (EfirTranscriptEditor *self,
                         GtkSearchEntry       *entry)
{
  select_match (self, TRUE, FALSE);
}

static void
find_next_requested_cb (EfirTranscriptEditor *self,
                        GtkSearchEntry       *entry)
{
  select_match (self, TRUE, FALSE);
}

static void
find_previous_requested_cb (EfirTranscriptEditor *self,
                            GtkSearchEntry       *entry)
{
  select_match (self, FALSE, FALSE);
}

static void
replace_entry_activated_cb (EfirTranscriptEditor *self,
                            GtkEntry             *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "transcript.replace", NULL);
}

static void
search_mode_changed_cb (EfirTranscriptEditor *self,
                        GParamSpec           *pspec,
                        GtkSearchBar         *search_bar)
{
  gboolean open = gtk_search_bar_get_search_mode (search_bar);

  gtk_source_search_context_set_highlight (self->search_context, open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.close-search", open);

  if (open)
    update_match_label (self);
  else if (gtk_widget_get_focus_child (GTK_WIDGET (self)) == GTK_WIDGET (search_bar) ||
           gtk_widget_get_focus_child (GTK_WIDGET (self)) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
time_entry_changed_cb (EfirTranscriptEditor *self,
                       GtkEditable          *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
time_entry_activated_cb (EfirTranscriptEditor *self,
                         GtkEntry             *entry)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *text = NULL;
  g_autofree char *line_text = NULL;
  EfirTranscriptLine scan;
  GtkTextIter start;
  GtkTextIter end;
  double seconds;
  int line;

  if (!efir_timecode_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), &seconds))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  text = get_buffer_text (self);
  line = efir_transcript_state_line_for_time (text, -1, seconds);
  if (line < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  /* The cursor goes where the speech starts, ready to edit it. */
  get_line_bounds (buffer, line, &start, &end);
  line_text = gtk_text_iter_get_slice (&start, &end);
  efir_transcript_text_scan_line (line_text, strlen (line_text), &scan, NULL);
  gtk_text_buffer_get_iter_at_line_index (buffer, &start, line, scan.speaker_end);
  while (!gtk_text_iter_ends_line (&start) && g_unichar_isspace (gtk_text_iter_get_char (&start)))
    gtk_text_iter_forward_char (&start);

  place_cursor_on_line (self, &start);
}

static gboolean
view_tooltip_queried_cb (EfirTranscriptEditor *self,
                         int                   x,
                         int                   y,
                         gboolean              keyboard_mode,
                         GtkTooltip           *tooltip,
                         GtkWidget            *view)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autoptr(GSList) marks = NULL;
  GtkTextIter iter;

  if (keyboard_mode)
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  else
    {
      int buffer_x;
      int buffer_y;

      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_TEXT,
                                             x, y, &buffer_x, &buffer_y);
      if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (view), &iter, buffer_x, buffer_y))
        return FALSE;
    }

  if (!gtk_text_iter_has_tag (&iter, self->problem_tag))
    return FALSE;

  marks = gtk_source_buffer_get_source_marks_at_line (self->buffer, gtk_text_iter_get_line (&iter),
                                                      PROBLEM_CATEGORY);
  if (marks == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, g_object_get_data (marks->data, PROBLEM_MESSAGE_KEY));

  return TRUE;
}

static char *
problem_mark_tooltip_queried_cb (GtkSourceMarkAttributes *attributes,
                                 GtkSourceMark           *mark,
                                 gpointer                 user_data)
{
  return g_strdup (g_object_get_data (G_OBJECT (mark), PROBLEM_MESSAGE_KEY));
}

static void
find_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_search (EFIR_TRANSCRIPT_EDITOR (widget), FALSE);
}

static void
find_replace_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  open_search (EFIR_TRANSCRIPT_EDITOR (widget), TRUE);
}

static void
find_next_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (widget);

  if (!gtk_search_bar_get_search_mode (self->search_bar) || get_search_text (self)[0] == '\0')
    open_search (self, FALSE);

  select_match (self, g_str_equal (action_name, "transcript.find-next"), FALSE);
}

static void
close_search_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
replace_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;
  GtkTextIter end;

  /* The first press shows the match it will replace; the next replaces it
   * and moves on.
   */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end) > 0)
    {
      gtk_text_buffer_begin_user_action (buffer);
      replace_match (self, &start, &end);
      gtk_text_buffer_end_user_action (buffer);
      gtk_text_buffer_place_cursor (buffer, &end);
    }

  select_match (self, TRUE, FALSE);
}

/* Every match, as the search finds them from the top, replaced in one step
 * to undo. The search is set aside while the text changes: it looks again
 * at what each replacement touched, which for the 3,000 matches of a
 * three-hour transcript took seconds. */
static void
replace_all_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *search_text = g_strdup (gtk_source_search_settings_get_search_text (self->search_settings));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter from;
  GtkTextIter start;
  GtkTextIter end;
  gboolean wrapped = FALSE;
  int replacement_length = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)), -1);
  int shift = 0;

  /* The search wraps around: a match found after it did is the first. */
  gtk_text_buffer_get_start_iter (buffer, &from);
  while (gtk_source_search_context_forward (self->search_context, &from, &start, &end, &wrapped) &&
         !wrapped)
    {
      int bounds[2] = { gtk_text_iter_get_offset (&start), gtk_text_iter_get_offset (&end) };

      g_array_append_vals (offsets, bounds, 2);
      from = end;
    }

  gtk_source_search_settings_set_search_text (self->search_settings, NULL);
  gtk_text_buffer_begin_user_action (buffer);
  for (guint i = 0; i < offsets->len; i += 2)
    {
      /* Each replacement moved the text after it by its change in length.
       * From the top, as the highlighting reads the text: from the bottom
       * took seven times as long. */
      gtk_text_buffer_get_iter_at_offset (buffer, &start, g_array_index (offsets, int, i) + shift);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (offsets, int, i + 1) + shift);
      replace_match (self, &start, &end);
      shift += replacement_length - (g_array_index (offsets, int, i + 1) - g_array_index (offsets, int, i));
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_source_search_settings_set_search_text (self->search_settings, search_text);

  update_match_label (self);
}

static void
go_to_time_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->time_entry));
}

static void
next_problem_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;

  /* Problems are read when typing pauses; the marks follow the lines since. */
  apply_text (self);
  ensure_problems (self);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (!gtk_source_buffer_forward_iter_to_source_mark (self->buffer, &iter, PROBLEM_CATEGORY))
    {
      gtk_text_buffer_get_start_iter (buffer, &iter);
      if (gtk_source_buffer_get_source_marks_at_iter (self->buffer, &iter, PROBLEM_CATEGORY) == NULL &&
          !gtk_source_buffer_forward_iter_to_source_mark (self->buffer, &iter, PROBLEM_CATEGORY))
        return;
    }

  place_cursor_on_line (self, &iter);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_transcript_editor_new:
 *
 * Returns: (transfer floating): an editor of the transcript of an episode
 */
GtkWidget *
efir_transcript_editor_new (void)
{
  return g_object_new (EFIR_TYPE_TRANSCRIPT_EDITOR, NULL);
}

/**
 * efir_transcript_editor_get_episode:
 * @self: a transcript editor
 *
 * Returns: (transfer none) (nullable): the episode whose transcript is edited
 */
EfirEpisode *
efir_transcript_editor_get_episode (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return self->episode;
}

/**
 * efir_transcript_editor_set_episode:
 * @self: a transcript editor
 * @episode: (nullable): the episode to edit
 *
 * Shows @episode's transcript. Text typed in the previous episode and not
 * yet in its model goes there first.
 */
void
efir_transcript_editor_set_episode (EfirTranscriptEditor *self,
                                    EfirEpisode          *episode)
{
  GtkTextIter start;

  g_return_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (self->episode == episode)
    return;

  apply_text (self);

  g_set_object (&self->episode, episode);
  g_signal_group_set_target (self->transcript_signals,
                             episode != NULL ? efir_episode_get_transcript (episode) : NULL);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), episode != NULL);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->view), episode != NULL);

  load_text (self, FALSE);

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &start, 0, FALSE, 0, 0);
  tag_lines_from (self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
}

/**
 * efir_transcript_editor_flush:
 * @self: a transcript editor
 *
 * Reads what has been typed into the episode now, without waiting for
 * typing to pause. Call it before the episode is saved, switched or closed.
 */
void
efir_transcript_editor_flush (EfirTranscriptEditor *self)
{
  g_return_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self));

  apply_text (self);
}

/**
 * efir_transcript_editor_get_problems:
 * @self: a transcript editor
 *
 * The lines that could not start a segment when the text was last read
 * into the episode (see efir_transcript_editor_flush()). Their text is in
 * the episode, as text of the segment above.
 *
 * Returns: (transfer none) (element-type EfirTranscriptProblem): the problems,
 *   in line order
 */
GPtrArray *
efir_transcript_editor_get_problems (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  ensure_problems (self);

  return self->problems;
}

GtkSourceView *
efir_transcript_editor_get_view (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return self->view;
}

GtkEditable *
efir_transcript_editor_get_find_entry (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return GTK_EDITABLE (self->find_entry);
}

GtkEditable *
efir_transcript_editor_get_replace_entry (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return GTK_EDITABLE (self->replace_entry);
}

GtkEditable *
efir_transcript_editor_get_time_entry (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return GTK_EDITABLE (self->time_entry);
}

GtkLabel *
efir_transcript_editor_get_match_label (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return self->match_label;
}

GtkSearchBar *
efir_transcript_editor_get_search_bar (EfirTranscriptEditor *self)
{
  g_return_val_if_fail (EFIR_IS_TRANSCRIPT_EDITOR (self), NULL);

  return self->search_bar;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_transcript_editor_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (efir_transcript_editor_parent_class)->css_changed (widget, change);

  update_indent (EFIR_TRANSCRIPT_EDITOR (widget));
}

static void
efir_transcript_editor_dispose (GObject *object)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (object);
  GtkWidget *child;

  /* A window closed without a flush still keeps the last words. */
  apply_text (self);

  g_clear_handle_id (&self->apply_source, g_source_remove);
  g_clear_handle_id (&self->tag_source, g_source_remove);
  if (self->transcript_signals != NULL)
    g_signal_group_set_target (self->transcript_signals, NULL);
  g_clear_object (&self->transcript_signals);
  g_clear_object (&self->episode);
  g_clear_object (&self->search_context);
  g_clear_object (&self->search_settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_TRANSCRIPT_EDITOR);
  /* The template's children without a field of their own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (efir_transcript_editor_parent_class)->dispose (object);
}

static void
efir_transcript_editor_finalize (GObject *object)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->last_search, g_free);

  G_OBJECT_CLASS (efir_transcript_editor_parent_class)->finalize (object);
}

static void
efir_transcript_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;

    case PROP_N_PROBLEMS:
      ensure_problems (self);
      g_value_set_uint (value, self->problems->len);
      break;

    case PROP_HAS_PENDING_TEXT:
      g_value_set_boolean (value, self->dirty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_transcript_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  EfirTranscriptEditor *self = EFIR_TRANSCRIPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      efir_transcript_editor_set_episode (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_transcript_editor_class_init (EfirTranscriptEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_transcript_editor_dispose;
  object_class->finalize = efir_transcript_editor_finalize;
  object_class->get_property = efir_transcript_editor_get_property;
  object_class->set_property = efir_transcript_editor_set_property;

  widget_class->css_changed = efir_transcript_editor_css_changed;

  /**
   * EfirTranscriptEditor:episode:
   *
   * The episode whose transcript is edited.
   */
  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         EFIR_TYPE_EPISODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EfirTranscriptEditor:n-problems:
   *
   * How many lines could not start a segment, as of the last time the text
   * was read into the episode.
   */
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EfirTranscriptEditor:has-pending-text:
   *
   * Whether text typed is still waiting for a pause in typing to be read
   * into the episode: the episode, and so the archive, does not have it yet.
   */
  properties[PROP_HAS_PENDING_TEXT] =
    g_param_spec_boolean ("has-pending-text", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);
  g_type_ensure (ADW_TYPE_CLAMP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-transcript-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, find_entry);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, match_label);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, case_button);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, replace_button);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, view);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, buffer);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, problem_box);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, time_box);
  gtk_widget_class_bind_template_child (widget_class, EfirTranscriptEditor, time_entry);

  gtk_widget_class_bind_template_callback (widget_class, buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_text_inserted_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_range_deleted_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_mark_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_tooltip_queried_cb);

  gtk_widget_class_install_action (widget_class, "transcript.find", NULL, find_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.find-replace", NULL,
                                   find_replace_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.find-next", NULL,
                                   find_next_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.find-previous", NULL,
                                   find_next_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.close-search", NULL,
                                   close_search_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.replace", NULL, replace_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.replace-all", NULL,
                                   replace_all_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.go-to-time", NULL,
                                   go_to_time_activated_cb);
  gtk_widget_class_install_action (widget_class, "transcript.next-problem", NULL,
                                   next_problem_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "transcript.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "transcript.find-replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "transcript.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "transcript.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "transcript.close-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "transcript.go-to-time", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0,
                                       "transcript.next-problem", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
efir_transcript_editor_init (EfirTranscriptEditor *self)
{
  g_autoptr(GtkSourceMarkAttributes) problem_attributes = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_transcript_problem_free);

  self->timecode_tag = gtk_text_buffer_create_tag (buffer, "efir-timecode",
                                                   "family", "monospace",
                                                   NULL);
  self->speaker_tag = gtk_text_buffer_create_tag (buffer, "efir-speaker", NULL);
  self->problem_tag = gtk_text_buffer_create_tag (buffer, "efir-problem", NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->untagged_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->edit_start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->edit_end_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);

  problem_attributes = gtk_source_mark_attributes_new ();
  gtk_source_mark_attributes_set_icon_name (problem_attributes, "dialog-warning-symbolic");
  g_signal_connect (problem_attributes, "query-tooltip-text",
                    G_CALLBACK (problem_mark_tooltip_queried_cb), NULL);
  gtk_source_view_set_mark_attributes (self->view, PROBLEM_CATEGORY, problem_attributes, 0);

  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  g_signal_connect_object (self->case_button, "toggled",
                           G_CALLBACK (case_toggled_cb), self, G_CONNECT_SWAPPED);
  self->search_context = gtk_source_search_context_new (self->buffer, self->search_settings);
  gtk_source_search_context_set_highlight (self->search_context, FALSE);
  g_signal_connect_object (self->search_context, "notify::occurrences-count",
                           G_CALLBACK (occurrences_count_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->find_entry));

  self->transcript_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_object (self->transcript_signals, "items-changed",
                                 G_CALLBACK (transcript_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_manager_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
  update_indent (self);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->view), FALSE);

  update_search_actions (self);
  update_problem_bar (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.close-search", FALSE);
}
