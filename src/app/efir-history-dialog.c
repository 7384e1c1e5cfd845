/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-dialog-state.h"
#include "efir-history-dialog.h"
#include "efir-text-diff.h"

/* Types and properties --------------------------------------------------- */

struct _EfirHistoryDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkButton       *restore_button;
  GtkStack        *stack;
  GtkListBox      *revision_list;
  GtkDropDown     *field_dropdown;
  GtkLabel        *summary_label;
  GtkTextView     *diff_view;

  /* Owned */
  EfirStore       *store;
  EfirEpisode     *episode;
  GPtrArray       *revisions;  /* EfirRevisionInfo, newest first, one per row */
  EfirEpisode     *revision;   /* the content of the selected one */
  gint64           revision_id;
  EfirEpisode     *compared;   /* the last one whose changes are labelled */
  guint            n_compared; /* rows labelled, from the oldest */
  guint            compare_source;
};

G_DEFINE_FINAL_TYPE (EfirHistoryDialog, efir_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EPISODE,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Unchanged lines shown on either side of a change. */
#define CONTEXT_LINES 3

/* The first choice of what to compare; each field follows at its
 * EfirHistoryField + 1. */
#define EVERY_CHANGE 0

/* Helpers ---------------------------------------------------------------- */

static void
create_tags (GtkTextBuffer *buffer)
{
  /* Tints rather than solid colours, so that they read in the dark style. */
  GdkRGBA removed = { 0.88f, 0.11f, 0.14f, 0.16f };
  GdkRGBA added = { 0.18f, 0.76f, 0.49f, 0.22f };

  gtk_text_buffer_create_tag (buffer, "removed",
                              "paragraph-background-rgba", &removed,
                              "strikethrough", TRUE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "added",
                              "paragraph-background-rgba", &added,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "field",
                              "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 12,
                              "pixels-below-lines", 4,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "note",
                              "style", PANGO_STYLE_ITALIC,
                              "foreground-rgba", &(GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.0f },
                              "pixels-above-lines", 6,
                              "pixels-below-lines", 6,
                              NULL);
}

/* The sign goes in the same run as the text: GTK 4.8 draws no strikethrough
 * on a line whose first run is styled otherwise. The signs say what the
 * colours say, for those who do not see them.
 */
static void
append_line (GtkTextBuffer *buffer,
             const char    *sign,
             const char    *text,
             const char    *tag)
{
  g_autofree char *line = g_strconcat (sign != NULL ? sign : "", text, "\n", NULL);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, -1, tag, NULL);
}

/* Appends the folded diff of one field to @buffer and counts its lines. */
static void
append_field_diff (GtkTextBuffer    *buffer,
                   EfirEpisode      *before_episode,
                   EfirEpisode      *after_episode,
                   EfirHistoryField  field,
                   guint            *n_removed,
                   guint            *n_added)
{
  g_autofree char *before = efir_dialog_state_field_text (before_episode, field);
  g_autofree char *after = efir_dialog_state_field_text (after_episode, field);
  g_autoptr(GPtrArray) lines = efir_text_diff (before, after);
  g_autoptr(GPtrArray) shown = NULL;

  efir_text_diff_count (lines, n_removed, n_added);

  if (lines->len == 0)
    {
      append_line (buffer, NULL, _("Nothing written here, then or now."), "note");
      return;
    }

  /* Nothing to find among the lines when none changed: show them all. */
  shown = *n_removed + *n_added > 0 ? efir_text_diff_fold_unchanged (lines, CONTEXT_LINES)
                                    : g_ptr_array_ref (lines);

  for (guint i = 0; i < shown->len; i++)
    {
      EfirTextDiffLine *line = shown->pdata[i];
      g_autofree char *skipped = NULL;

      switch (line->kind)
        {
        case EFIR_TEXT_DIFF_SAME:
          /* A figure space is as wide as the signs. */
          append_line (buffer, "\u2007 ", line->text, NULL);
          break;
        case EFIR_TEXT_DIFF_REMOVED:
          append_line (buffer, "− ", line->text, "removed");
          break;
        case EFIR_TEXT_DIFF_ADDED:
          append_line (buffer, "+ ", line->text, "added");
          break;
        case EFIR_TEXT_DIFF_SKIPPED:
          skipped = g_strdup_printf (ngettext ("%u unchanged line", "%u unchanged lines",
                                               line->n_skipped),
                                     line->n_skipped);
          append_line (buffer, "⋯ ", skipped, "note");
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Every part the revision says otherwise than the current text, each under
 * its name: all that a restore would change, in one place.
 */
static void
append_every_change (GtkTextBuffer *buffer,
                     EfirEpisode   *revision,
                     EfirEpisode   *episode,
                     guint         *n_removed,
                     guint         *n_added)
{
  guint fields = efir_dialog_state_changed_fields (revision, episode);

  *n_removed = *n_added = 0;

  if (fields == 0)
    {
      append_line (buffer, NULL, _("This version reads as the current text: restoring it "
                                   "changes nothing."), "note");
      return;
    }

  for (guint field = 0; field < EFIR_HISTORY_N_FIELDS; field++)
    {
      guint removed, added;

      if ((fields & (1u << field)) == 0)
        continue;

      append_line (buffer, NULL, efir_dialog_state_field_name (field), "field");
      append_field_diff (buffer, revision, episode, field, &removed, &added);
      *n_removed += removed;
      *n_added += added;
    }
}

static void
show_diff (EfirHistoryDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  guint selected = gtk_drop_down_get_selected (self->field_dropdown);
  g_autofree char *summary = NULL;
  guint n_removed, n_added;

  gtk_text_buffer_set_text (buffer, "", 0);

  if (self->revision == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  if (selected == EVERY_CHANGE || selected > EFIR_HISTORY_N_FIELDS)
    append_every_change (buffer, self->revision, self->episode, &n_removed, &n_added);
  else
    append_field_diff (buffer, self->revision, self->episode, selected - 1,
                       &n_removed, &n_added);

  summary = efir_dialog_state_diff_summary (n_removed, n_added);
  gtk_label_set_label (self->summary_label, summary);
}

/* The row's last label says what the revision changed, once known. */
static GtkWidget *
create_revision_row (EfirRevisionInfo *info,
                     GDateTime        *now,
                     gboolean          use_24h)
{
  g_autofree char *time = efir_dialog_state_revision_time (info->created, now, use_24h);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *reason_label = gtk_label_new (efir_dialog_state_revision_reason (info->reason));
  GtkWidget *changes_label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
  gtk_label_set_xalign (GTK_LABEL (changes_label), 0);
  gtk_label_set_wrap (GTK_LABEL (changes_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (changes_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason_label, "dim-label");
  gtk_widget_add_css_class (reason_label, "caption");
  gtk_widget_add_css_class (changes_label, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), time_label);
  gtk_box_append (GTK_BOX (box), reason_label);
  gtk_box_append (GTK_BOX (box), changes_label);

  return box;
}

/* What each revision changed against the one kept before it, one a turn
 * of the main loop from the oldest, so that a long history of three-hour
 * transcripts neither holds the window back nor is all in memory at once.
 */
static gboolean
compare_next_revision_cb (gpointer user_data)
{
  EfirHistoryDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) content = NULL;
  g_autofree char *changes = NULL;
  EfirRevisionInfo *info;
  GtkListBoxRow *row;
  guint index;

  if (self->n_compared >= self->revisions->len)
    {
      self->compare_source = 0;
      g_clear_object (&self->compared);
      return G_SOURCE_REMOVE;
    }

  index = self->revisions->len - 1 - self->n_compared++;
  info = self->revisions->pdata[index];
  content = efir_store_load_revision (self->store, info->id, &error);
  if (content == NULL)
    {
      g_debug ("Revision %" G_GINT64_FORMAT " not compared: %s", info->id, error->message);
      g_clear_object (&self->compared);
      return G_SOURCE_CONTINUE;
    }

  changes = efir_dialog_state_changes_label (self->compared, content);
  if ((row = gtk_list_box_get_row_at_index (self->revision_list, index)) != NULL)
    gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (gtk_list_box_row_get_child (row))),
                         changes);
  g_set_object (&self->compared, content);

  return G_SOURCE_CONTINUE;
}

static void
load_revisions (EfirHistoryDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean use_24h = efir_dialog_state_clock_is_24h ();
  GtkListBoxRow *first;

  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  self->revisions = efir_store_list_revisions (self->store, efir_episode_get_id (self->episode),
                                               &error);
  if (self->revisions == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      self->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_revision_info_free);
    }

  for (guint i = 0; i < self->revisions->len; i++)
    gtk_list_box_append (self->revision_list,
                         create_revision_row (self->revisions->pdata[i], now, use_24h));

  self->n_compared = 0;
  g_clear_handle_id (&self->compare_source, g_source_remove);
  if (self->revisions->len > 0)
    self->compare_source = g_idle_add (compare_next_revision_cb, self);

  gtk_stack_set_visible_child_name (self->stack, self->revisions->len > 0 ? "history" : "empty");

  if ((first = gtk_list_box_get_row_at_index (self->revision_list, 0)) != NULL)
    {
      gtk_list_box_select_row (self->revision_list, first);
      gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

static GListModel *
create_field_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  /* Translators: the first choice of what History compares: every part a
   * restore would change */
  gtk_string_list_append (choices, _("Every Change"));
  for (guint field = 0; field < EFIR_HISTORY_N_FIELDS; field++)
    gtk_string_list_append (choices, efir_dialog_state_field_name (field));

  return G_LIST_MODEL (choices);
}

/* Whether @live says anything @stored does not. Its programme and status
 * are where the episode is filed and stands, not what it says.
 */
static gboolean
has_unsaved_text (EfirEpisode *stored,
                  EfirEpisode *live)
{
  g_autoptr(EfirEpisode) text = efir_episode_new ();

  efir_episode_assign (text, live);
  efir_episode_set_program_id (text, efir_episode_get_program_id (stored));
  efir_episode_set_program_name (text, efir_episode_get_program_name (stored));
  efir_episode_set_status (text, efir_episode_get_status (stored));

  return efir_episode_diff (stored, text) != 0;
}

static gboolean
restore_selected (EfirHistoryDialog  *self,
                  GError            **error)
{
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(EfirEpisode) restored = NULL;

  /* The store keeps what it holds before it restores; what the producer
   * typed in the last second may not be there yet, so that is kept too.
   */
  if (!(stored = efir_store_load_episode (self->store, efir_episode_get_id (self->episode), error)))
    return FALSE;
  if (has_unsaved_text (stored, self->episode)
      && efir_store_add_revision (self->store, self->episode, "restore", error) == 0)
    return FALSE;

  if (!(restored = efir_store_restore_revision (self->store, self->revision_id, error)))
    return FALSE;

  /* The episode open in the editor now holds what was restored, so an
   * edit its autosaver still has pending writes the restored text rather
   * than over it.
   */
  efir_episode_assign (self->episode, restored);

  g_signal_emit (self, signals[RESTORED], 0, restored);

  return TRUE;
}

/* Callbacks -------------------------------------------------------------- */

/* The message dialog that asked is transient for this window: it must
 * finish its response before the window goes.
 */
static gboolean
answer_handled_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
revision_selected_cb (EfirHistoryDialog *self,
                      GtkListBoxRow     *row)
{
  g_autoptr(GError) error = NULL;
  EfirRevisionInfo *info;

  g_clear_object (&self->revision);
  self->revision_id = 0;

  if (row != NULL)
    {
      info = self->revisions->pdata[gtk_list_box_row_get_index (row)];
      self->revision = efir_store_load_revision (self->store, info->id, &error);
      if (self->revision != NULL)
        self->revision_id = info->id;
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", self->revision != NULL);
  show_diff (self);
}

static void
field_changed_cb (EfirHistoryDialog *self)
{
  show_diff (self);
}

static void
restore_answered_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     EfirHistoryDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore") || self->revision == NULL)
    return;

  if (!restore_selected (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore this version: %s"),
                                                  error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, answer_handled_cb, g_object_ref (self), g_object_unref);
}

static void
restore_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirHistoryDialog *self = EFIR_HISTORY_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->revision_list);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = NULL;
  EfirRevisionInfo *info;
  GtkWidget *dialog;

  if (row == NULL || self->revision == NULL)
    return;

  info = self->revisions->pdata[gtk_list_box_row_get_index (row)];
  when = efir_dialog_state_revision_time (info->created, now, efir_dialog_state_clock_is_24h ());

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Version?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is when the version was kept, "Today, 14:05" */
                                  _("The whole episode goes back to the version of %s. "
                                    "The current text is kept as a revision."),
                                  when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_answered_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_history_dialog_new:
 * @parent: (nullable): the window the history belongs to
 * @store: the store
 * @episode: the episode open in the editor, loaded whole
 *
 * The earlier versions of @episode, each compared with its text as it is
 * in the editor now. Restoring one writes it to the store, which keeps the
 * current text first; @episode is given the restored content, then
 * EfirHistoryDialog::restored is emitted and the window closes.
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
efir_history_dialog_new (GtkWindow   *parent,
                         EfirStore   *store,
                         EfirEpisode *episode)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  return g_object_new (EFIR_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "episode", episode,
                       NULL);
}

void
efir_history_dialog_select_latest (EfirHistoryDialog *self,
                                   const char        *reason)
{
  g_return_if_fail (EFIR_IS_HISTORY_DIALOG (self));

  /* The list is newest first. */
  for (guint i = 0; i < self->revisions->len; i++)
    {
      EfirRevisionInfo *info = self->revisions->pdata[i];
      GtkListBoxRow *row;

      if (g_strcmp0 (info->reason, reason) == 0 && (row = gtk_list_box_get_row_at_index (self->revision_list, i)))
        {
          gtk_list_box_select_row (self->revision_list, row);
          gtk_widget_grab_focus (GTK_WIDGET (row));
          return;
        }
    }
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_history_dialog_constructed (GObject *object)
{
  EfirHistoryDialog *self = EFIR_HISTORY_DIALOG (object);

  G_OBJECT_CLASS (efir_history_dialog_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, efir_episode_get_title (self->episode));
  load_revisions (self);
}

static void
efir_history_dialog_dispose (GObject *object)
{
  EfirHistoryDialog *self = EFIR_HISTORY_DIALOG (object);

  /* The list unselects its rows as it goes, with the diff view gone. */
  if (self->revision_list != NULL)
    g_signal_handlers_disconnect_by_func (self->revision_list, revision_selected_cb, self);

  g_clear_handle_id (&self->compare_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_HISTORY_DIALOG);

  g_clear_object (&self->compared);
  g_clear_object (&self->revision);
  g_clear_object (&self->episode);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_history_dialog_parent_class)->dispose (object);
}

static void
efir_history_dialog_finalize (GObject *object)
{
  EfirHistoryDialog *self = EFIR_HISTORY_DIALOG (object);

  g_clear_pointer (&self->revisions, g_ptr_array_unref);

  G_OBJECT_CLASS (efir_history_dialog_parent_class)->finalize (object);
}

static void
efir_history_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfirHistoryDialog *self = EFIR_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_history_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfirHistoryDialog *self = EFIR_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_EPISODE:
      self->episode = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_history_dialog_class_init (EfirHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = efir_history_dialog_constructed;
  object_class->dispose = efir_history_dialog_dispose;
  object_class->finalize = efir_history_dialog_finalize;
  object_class->get_property = efir_history_dialog_get_property;
  object_class->set_property = efir_history_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         EFIR_TYPE_EPISODE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirHistoryDialog::restored:
   * @self: the history window
   * @restored: the episode as the store now holds it
   *
   * A version was restored; the window closes next.
   */
  signals[RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EFIR_TYPE_EPISODE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, revision_list);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EfirHistoryDialog, diff_view);
  gtk_widget_class_bind_template_callback (widget_class, revision_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_history_dialog_init (EfirHistoryDialog *self)
{
  g_autoptr(GListModel) choices = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  choices = create_field_choices ();
  gtk_drop_down_set_model (self->field_dropdown, choices);
  create_tags (gtk_text_view_get_buffer (self->diff_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", FALSE);
}
