/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-conflict-dialog.h"
#include "efir-dialog-state.h"
#include "efir-text-diff.h"

/* Types and properties --------------------------------------------------- */

/* A post changed on the site since Efir published it: what the site has,
 * read from it now, beside what Efir would send, the lines that differ
 * marked, and the three ways out. Nothing reaches the site from here: the
 * choice is recorded in the outbox, which sends it. */
struct _EfirConflictDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkLabel        *heading_label;
  GtkStack        *site_stack;
  GtkSpinner      *site_spinner;
  GtkLabel        *site_error_label;
  GtkWidget       *retry_button;
  GtkTextView     *site_text_view;
  GtkTextView     *efir_text_view;
  GtkLabel        *error_label;

  /* Owned */
  EfirPublisher   *publisher;
  EfirEpisode     *episode;
  EfirPageVersion *efir_version;
  GCancellable    *cancellable;
  gint64           job_id;
};

G_DEFINE_FINAL_TYPE (EfirConflictDialog, efir_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers ---------------------------------------------------------------- */

static void
create_tags (GtkTextBuffer *buffer)
{
  /* A tint rather than a solid colour, so that it reads in the dark style. */
  GdkRGBA differs = { 0.96f, 0.76f, 0.07f, 0.24f };

  gtk_text_buffer_create_tag (buffer, "differs", "paragraph-background-rgba", &differs, NULL);
  gtk_text_buffer_create_tag (buffer, "title",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.2,
                              "pixels-below-lines", 8,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 8, NULL);
}

/* The page as its lines, the title first. */
static char *
version_lines (const EfirPageVersion *version)
{
  return g_strconcat (version->title, "\n", version->text, NULL);
}

static void
append_line (GtkTextBuffer *buffer,
             const char    *text,
             gboolean       first,
             gboolean       differs)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n", -1);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1,
                                            first ? "title" : "paragraph",
                                            differs ? "differs" : NULL, NULL);
}

/* Fills both sides from one line diff of the site's text against Efir's:
 * a line only the site has is marked on the site's side, a line only
 * Efir has on Efir's. */
static void
show_versions (EfirConflictDialog    *self,
               const EfirPageVersion *site)
{
  GtkTextBuffer *site_buffer = gtk_text_view_get_buffer (self->site_text_view);
  GtkTextBuffer *efir_buffer = gtk_text_view_get_buffer (self->efir_text_view);
  g_autofree char *site_text = site != NULL ? version_lines (site) : g_strdup ("");
  g_autofree char *efir_text = version_lines (self->efir_version);
  g_autoptr(GPtrArray) lines = efir_text_diff (site_text, efir_text);
  guint site_line = 0;
  guint efir_line = 0;

  gtk_text_buffer_set_text (site_buffer, "", 0);
  gtk_text_buffer_set_text (efir_buffer, "", 0);

  for (guint i = 0; i < lines->len; i++)
    {
      EfirTextDiffLine *line = lines->pdata[i];

      if (line->kind == EFIR_TEXT_DIFF_SAME || line->kind == EFIR_TEXT_DIFF_REMOVED)
        append_line (site_buffer, line->text, site_line++ == 0,
                     line->kind == EFIR_TEXT_DIFF_REMOVED);
      if (line->kind == EFIR_TEXT_DIFF_SAME || line->kind == EFIR_TEXT_DIFF_ADDED)
        append_line (efir_buffer, line->text, efir_line++ == 0,
                     line->kind == EFIR_TEXT_DIFF_ADDED);
    }
}

/* Who changed the post on the site, and when: the dialog's heading, and
 * what the publication panel says of a conflict. */
char *
efir_conflict_dialog_describe_change (const EfirPageVersion *site)
{
  g_autofree char *heading = NULL;

  if (site->deleted)
    heading = g_strdup (_("The post was deleted on the site."));
  else if (site->modified != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = efir_dialog_state_revision_time (site->modified, now,
                                                               efir_dialog_state_clock_is_24h ());

      if (site->editor[0] != '\0')
        /* Translators: the first %s is a person's name on the site, the
         * second a time, as "Today, 14:05" */
        heading = g_strdup_printf (_("%s changed the post on the site · %s"), site->editor, when);
      else
        /* Translators: %s is a time, as "Today, 14:05" */
        heading = g_strdup_printf (_("The post was changed on the site · %s"), when);
    }
  else
    heading = g_strdup (_("The post was changed on the site."));

  return g_steal_pointer (&heading);
}

static void
show_heading (EfirConflictDialog    *self,
              const EfirPageVersion *site)
{
  g_autofree char *heading = efir_conflict_dialog_describe_change (site);

  gtk_label_set_text (self->heading_label, heading);
}

static void fetch_site_version (EfirConflictDialog *self);

static void
resolve (EfirConflictDialog *self,
         EfirResolution      resolution)
{
  g_autoptr(GError) error = NULL;

  if (!efir_publisher_resolve (self->publisher, self->job_id, resolution, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[RESOLVED], 0, (int) resolution);
  gtk_window_close (GTK_WINDOW (self));
}

/* Callbacks -------------------------------------------------------------- */

static void
site_version_fetched_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  EfirConflictDialog *self = user_data;
  g_autoptr(EfirPageVersion) site = NULL;
  g_autoptr(GError) error = NULL;

  /* The dialog cancels the read when it goes: @self is then not touched,
   * and the dialog never outlives the window it is for. */
  site = efir_publisher_fetch_site_version_finish (EFIR_PUBLISHER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->site_spinner);
  if (site == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The site’s version could not be read: %s"),
                                                  error->message);

      gtk_label_set_text (self->site_error_label, message);
      gtk_widget_set_visible (self->retry_button, TRUE);
      gtk_stack_set_visible_child_name (self->site_stack, "failed");
      return;
    }

  show_heading (self, site);
  if (site->deleted)
    {
      gtk_label_set_text (self->site_error_label,
                          _("Somebody deleted the post on the site. Overwriting puts Efir’s "
                            "version back as a new post; keeping the site’s leaves it off the "
                            "site."));
      gtk_widget_set_visible (self->retry_button, FALSE);
      gtk_stack_set_visible_child_name (self->site_stack, "failed");
      show_versions (self, NULL);
      return;
    }

  show_versions (self, site);
  gtk_stack_set_visible_child_name (self->site_stack, "text");
}

static void
retry_clicked_cb (EfirConflictDialog *self)
{
  fetch_site_version (self);
}

static void
keep_site_clicked_cb (EfirConflictDialog *self)
{
  resolve (self, EFIR_RESOLVE_KEEP_SITE);
}

static void
overwrite_clicked_cb (EfirConflictDialog *self)
{
  resolve (self, EFIR_RESOLVE_OVERWRITE);
}

static void
new_draft_clicked_cb (EfirConflictDialog *self)
{
  resolve (self, EFIR_RESOLVE_AS_NEW_DRAFT);
}

static void
fetch_site_version (EfirConflictDialog *self)
{
  gtk_stack_set_visible_child_name (self->site_stack, "loading");
  gtk_spinner_start (self->site_spinner);
  efir_publisher_fetch_site_version_async (self->publisher, self->job_id, self->cancellable,
                                           site_version_fetched_cb, self);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_conflict_dialog_new:
 * @parent: the window it belongs to
 * @publisher: the window's publisher
 * @episode: the episode whose job is in conflict
 * @job_id: the job, in the state %EFIR_JOB_CONFLICT
 *
 * Efir's side shows at once (it is in the archive); the site's is read
 * from the site in a worker, a spinner in its place meanwhile.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
efir_conflict_dialog_new (GtkWindow     *parent,
                          EfirPublisher *publisher,
                          EfirEpisode   *episode,
                          gint64         job_id)
{
  EfirConflictDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (publisher), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  self = g_object_new (EFIR_TYPE_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->publisher = g_object_ref (publisher);
  self->episode = g_object_ref (episode);
  self->job_id = job_id;

  gtk_label_set_text (self->heading_label, _("The post was changed on the site."));
  if (!(self->efir_version = efir_publisher_get_efir_version (publisher, job_id, &error)))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      self->efir_version = g_new0 (EfirPageVersion, 1);
      self->efir_version->title = g_strdup (efir_episode_get_title (episode));
      self->efir_version->text = g_strdup ("");
    }
  show_versions (self, NULL);
  fetch_site_version (self);

  gtk_window_present (GTK_WINDOW (self));

  return GTK_WIDGET (self);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_conflict_dialog_dispose (GObject *object)
{
  EfirConflictDialog *self = (EfirConflictDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->publisher);
  g_clear_object (&self->episode);
  g_clear_pointer (&self->efir_version, efir_page_version_free);

  G_OBJECT_CLASS (efir_conflict_dialog_parent_class)->dispose (object);
}

static void
efir_conflict_dialog_class_init (EfirConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_conflict_dialog_dispose;

  /**
   * EfirConflictDialog::resolved:
   * @resolution: the EfirResolution chosen
   *
   * The choice is recorded: the job waits for the outbox (or, keeping the
   * site's version, is done).
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, site_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, site_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, site_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, site_text_view);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, efir_text_view);
  gtk_widget_class_bind_template_child (widget_class, EfirConflictDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_site_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, overwrite_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_draft_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_conflict_dialog_init (EfirConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* It is about an episode of that window. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->cancellable = g_cancellable_new ();
  create_tags (gtk_text_view_get_buffer (self->site_text_view));
  create_tags (gtk_text_view_get_buffer (self->efir_text_view));
}
