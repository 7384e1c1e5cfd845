/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-summary-section"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "efir-editor-state.h"
#include "efir-markdown.h"
#include "efir-markdown-pango.h"
#include "efir-summary-section.h"

/* Types and properties --------------------------------------------------- */

struct _EfirSummarySection
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkStack            *stack;
  GtkSourceView       *view;
  GtkSourceBuffer     *buffer;
  GtkLabel            *preview_label;
  GtkLabel            *word_count_label;

  /* Owned */
  EfirEpisode         *episode;
  GBindingGroup       *bindings;

  /* Borrowed: the frame clock waited on for the Markdown language */
  GdkFrameClock       *language_clock;
};

G_DEFINE_FINAL_TYPE (EfirSummarySection, efir_summary_section, GTK_TYPE_WIDGET)

/* How far around the selection to look for the markers of a style. */
#define MARKER_CONTEXT 3

/* Helpers ---------------------------------------------------------------- */

static void
update_style_scheme (EfirSummarySection *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static char *
dup_buffer_text (EfirSummarySection *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

static void
update_word_count (EfirSummarySection *self,
                   const char         *text)
{
  g_autofree char *label = NULL;

  label = efir_editor_state_word_count_label (efir_markdown_count_words (text));
  gtk_label_set_label (self->word_count_label, label);
}

static void
update_preview (EfirSummarySection *self,
                const char         *text)
{
  g_autofree char *markup = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") != 0)
    return;

  markup = efir_markdown_to_pango (text);
  if (markup[0] == '\0')
    {
      g_autofree char *empty = g_markup_printf_escaped ("<span alpha=\"55%%\">%s</span>",
                                                        _("Nothing written yet"));

      gtk_label_set_markup (self->preview_label, empty);
      return;
    }

  gtk_label_set_markup (self->preview_label, markup);
}

static void
apply_style (EfirSummarySection *self,
             EfirMarkdownStyle   style)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *selection = NULL;
  g_autofree char *replacement = NULL;
  GtkTextIter start, end;
  int select_start, select_end;
  int offset;

  if (!gtk_widget_is_sensitive (GTK_WIDGET (self->view)))
    return;

  /* Styling happens on the text, so preview gives way to the editor. */
  gtk_stack_set_visible_child_name (self->stack, "edit");

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  if (!gtk_text_iter_equal (&start, &end))
    {
      GtkTextIter before = start;
      GtkTextIter after = end;
      g_autofree char *before_text = NULL;
      g_autofree char *after_text = NULL;
      guint around;

      gtk_text_iter_backward_chars (&before, MARKER_CONTEXT);
      gtk_text_iter_forward_chars (&after, MARKER_CONTEXT);
      before_text = gtk_text_buffer_get_text (buffer, &before, &start, FALSE);
      after_text = gtk_text_buffer_get_text (buffer, &end, &after, FALSE);
      around = efir_editor_state_markdown_marker_around (before_text, after_text, style);
      gtk_text_iter_backward_chars (&start, around);
      gtk_text_iter_forward_chars (&end, around);
    }

  selection = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  replacement = efir_editor_state_markdown_wrap (selection, style, &select_start, &select_end);
  offset = gtk_text_iter_get_offset (&start);

  /* One user action, so one Ctrl+Z takes the whole change back. */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset + select_start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset + select_end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Efir's own Markdown (ui/language-specs/efir-markdown.lang), found
 * before the languages installed, whose "def" gives its styles' names. */
static GtkSourceLanguage *
get_markdown_language (void)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  static gsize added = 0;

  if (g_once_init_enter (&added))
    {
      gtk_source_language_manager_prepend_search_path (languages,
                                                       "resource:///io/github/efir/Efir/language-specs/");
      g_once_init_leave (&added, 1);
    }

  return gtk_source_language_manager_get_language (languages, "efir-markdown");
}

static void
set_markdown_language (EfirSummarySection *self)
{
  gtk_source_buffer_set_language (self->buffer, get_markdown_language ());
}

static void frame_painted_cb (EfirSummarySection *self,
                              GdkFrameClock      *clock);

static void
stop_waiting_for_frame (EfirSummarySection *self)
{
  if (self->language_clock == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->language_clock, frame_painted_cb, self);
  g_clear_weak_pointer (&self->language_clock);
}

/* Callbacks -------------------------------------------------------------- */

static void
frame_painted_cb (EfirSummarySection *self,
                  GdkFrameClock      *clock)
{
  stop_waiting_for_frame (self);
  if (gtk_source_buffer_get_language (self->buffer) == NULL)
    set_markdown_language (self);
}

static void
buffer_changed_cb (EfirSummarySection *self)
{
  g_autofree char *text = dup_buffer_text (self);

  update_word_count (self, text);
  update_preview (self, text);
}

static void
stack_page_changed_cb (EfirSummarySection *self)
{
  g_autofree char *text = dup_buffer_text (self);

  update_preview (self, text);
}

static void
dark_changed_cb (EfirSummarySection *self)
{
  update_style_scheme (self);
}

static void
style_activated_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EfirSummarySection *self = EFIR_SUMMARY_SECTION (widget);

  if (g_str_equal (action_name, "summary.bold"))
    apply_style (self, EFIR_MARKDOWN_STYLE_BOLD);
  else if (g_str_equal (action_name, "summary.italic"))
    apply_style (self, EFIR_MARKDOWN_STYLE_ITALIC);
  else
    apply_style (self, EFIR_MARKDOWN_STYLE_LINK);
}

static void
toggle_preview_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  EfirSummarySection *self = EFIR_SUMMARY_SECTION (widget);
  gboolean editing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "edit") == 0;

  gtk_stack_set_visible_child_name (self->stack, editing ? "preview" : "edit");
  if (!editing)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
efir_summary_section_new (void)
{
  return g_object_new (EFIR_TYPE_SUMMARY_SECTION, NULL);
}

/**
 * efir_summary_section_get_episode:
 * @self: a summary section
 *
 * Returns: (transfer none) (nullable): the episode shown
 */
EfirEpisode *
efir_summary_section_get_episode (EfirSummarySection *self)
{
  g_return_val_if_fail (EFIR_IS_SUMMARY_SECTION (self), NULL);

  return self->episode;
}

/**
 * efir_summary_section_set_episode:
 * @self: a summary section
 * @episode: (nullable): the episode to edit
 *
 * Shows the summary of @episode and writes the producer's typing to it.
 * Showing an episode never changes it, and its text starts a fresh undo
 * history.
 */
void
efir_summary_section_set_episode (EfirSummarySection *self,
                                  EfirEpisode        *episode)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (EFIR_IS_SUMMARY_SECTION (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (!g_set_object (&self->episode, episode))
    return;

  buffer = GTK_TEXT_BUFFER (self->buffer);

  /* Finding and compiling the Markdown language takes 20 ms in a fresh
   * process (GtkSourceView's own, which embeds HTML, CSS and JavaScript,
   * took a tenth of a second): not before the window shows, and not
   * before the first episode is drawn either. The colours follow in the
   * next frame. */
  if (episode != NULL && gtk_source_buffer_get_language (self->buffer) == NULL
      && self->language_clock == NULL)
    {
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
      GdkFrameClock *clock = native != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (native)) : NULL;

      if (clock == NULL)
        set_markdown_language (self);
      else
        {
          g_set_weak_pointer (&self->language_clock, clock);
          g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (frame_painted_cb), self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }

  /* Loading is not an edit: Ctrl+Z must not bring back the text of the
   * episode shown before.
   */
  gtk_text_buffer_begin_irreversible_action (buffer);
  g_binding_group_set_source (self->bindings, episode);
  if (episode == NULL)
    gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), episode != NULL);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_summary_section_dispose (GObject *object)
{
  EfirSummarySection *self = EFIR_SUMMARY_SECTION (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  stop_waiting_for_frame (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_SUMMARY_SECTION);

  g_clear_object (&self->bindings);
  g_clear_object (&self->episode);

  G_OBJECT_CLASS (efir_summary_section_parent_class)->dispose (object);
}

static void
efir_summary_section_class_init (EfirSummarySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_summary_section_dispose;

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-summary-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirSummarySection, group);
  gtk_widget_class_bind_template_child (widget_class, EfirSummarySection, stack);
  gtk_widget_class_bind_template_child (widget_class, EfirSummarySection, view);
  gtk_widget_class_bind_template_child (widget_class, EfirSummarySection, buffer);
  gtk_widget_class_bind_template_child (widget_class, EfirSummarySection, preview_label);
  gtk_widget_class_bind_template_child (widget_class, EfirSummarySection, word_count_label);
  gtk_widget_class_bind_template_callback (widget_class, buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "summary.bold", NULL, style_activated_cb);
  gtk_widget_class_install_action (widget_class, "summary.italic", NULL, style_activated_cb);
  gtk_widget_class_install_action (widget_class, "summary.link", NULL, style_activated_cb);
  gtk_widget_class_install_action (widget_class, "summary.toggle-preview", NULL,
                                   toggle_preview_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "summary.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "summary.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "summary.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "summary.toggle-preview", NULL);
}

static void
efir_summary_section_init (EfirSummarySection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "summary", self->buffer, "text",
                        G_BINDING_BIDIRECTIONAL);

  update_word_count (self, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
}
