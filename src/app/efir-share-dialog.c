/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-share-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-dialog-state.h"
#include "efir-share-dialog.h"
#include "efir-social.h"

/* Types and properties --------------------------------------------------- */

/* The episode's post for each platform, written from the programme's
 * templates: the producer reads it, touches it up, sees its length as the
 * platform counts it, and copies it. What is changed here stays here. */
struct _EfirShareDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewStack    *view_stack;
};

G_DEFINE_FINAL_TYPE (EfirShareDialog, efir_share_dialog, ADW_TYPE_WINDOW)

/* The platforms a post is written for, in the order producers post. */
static const EfirSocialPlatform share_platforms[] = {
  EFIR_SOCIAL_PLATFORM_FACEBOOK,
  EFIR_SOCIAL_PLATFORM_INSTAGRAM,
  EFIR_SOCIAL_PLATFORM_X,
  EFIR_SOCIAL_PLATFORM_TELEGRAM,
  EFIR_SOCIAL_PLATFORM_TIKTOK,
};

/* Helpers ---------------------------------------------------------------- */

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static EfirSocialPlatform
page_platform (GtkWidget *page)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (page), "efir-platform"));
}

/* Callbacks -------------------------------------------------------------- */

static void
text_changed_cb (GtkTextBuffer *buffer,
                 GtkWidget     *page)
{
  GtkLabel *counter = g_object_get_data (G_OBJECT (page), "efir-counter");
  GtkLabel *note = g_object_get_data (G_OBJECT (page), "efir-note");
  g_autofree char *text = dup_buffer_text (buffer);
  g_autofree char *counter_text = NULL;
  g_autofree char *note_text = NULL;
  gboolean over;

  counter_text = efir_dialog_state_share_counter (page_platform (page), text, &over);
  gtk_label_set_text (counter, counter_text);
  if (over)
    gtk_widget_add_css_class (GTK_WIDGET (counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (counter), "error");

  note_text = efir_dialog_state_share_note (page_platform (page), text);
  gtk_label_set_text (note, note_text != NULL ? note_text : "");
  gtk_widget_set_visible (GTK_WIDGET (note), note_text != NULL);
}

static void
copy_clicked_cb (GtkButton *button,
                 GtkWidget *page)
{
  EfirShareDialog *self = EFIR_SHARE_DIALOG (gtk_widget_get_root (GTK_WIDGET (button)));
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (page), "efir-buffer");
  g_autofree char *text = dup_buffer_text (buffer);
  g_autofree char *message = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);

  /* Translators: %s is a platform, such as "Facebook". */
  message = g_strdup_printf (_("The post for %s is copied"),
                             efir_social_platform_display_name (page_platform (page)));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkWidget *
create_page (EfirSocialPlatform  platform,
             const char         *text)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *counter = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *label = NULL;

  g_object_set_data (G_OBJECT (page), "efir-platform", GINT_TO_POINTER (platform));
  g_object_set_data (G_OBJECT (page), "efir-counter", counter);
  g_object_set_data (G_OBJECT (page), "efir-note", note);
  g_object_set_data (G_OBJECT (page), "efir-buffer", buffer);

  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_name (view, "share-text");
  /* Translators: %s is a platform, such as "Telegram". */
  label = g_strdup_printf (_("Post for %s"), efir_social_platform_display_name (platform));
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (page), scroller);

  gtk_widget_set_name (note, "share-note");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "warning");
  gtk_box_append (GTK_BOX (page), note);

  gtk_widget_set_name (counter, "share-counter");
  gtk_widget_set_hexpand (counter, TRUE);
  gtk_label_set_xalign (GTK_LABEL (counter), 0);
  gtk_widget_add_css_class (counter, "numeric");
  gtk_box_append (GTK_BOX (bar), counter);

  gtk_widget_set_name (copy, "share-copy");
  gtk_widget_add_css_class (copy, "suggested-action");
  gtk_widget_set_tooltip_text (copy, _("Copy the post to the clipboard"));
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), page);
  gtk_box_append (GTK_BOX (bar), copy);
  gtk_box_append (GTK_BOX (page), bar);

  g_signal_connect (buffer, "changed", G_CALLBACK (text_changed_cb), page);
  text_changed_cb (buffer, page);

  return page;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_share_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @program: (nullable): the episode's programme, for its templates,
 *   hashtags and quotation marks
 * @episode: the episode to write the posts of
 *
 * @link: (nullable): the episode's page on the site, when it is live; the
 *   posts link to its video otherwise
 *
 * Returns: (transfer floating): a window with the episode's post for each
 *   platform
 */
GtkWidget *
efir_share_dialog_new (GtkWindow   *parent,
                       EfirProgram *program,
                       EfirEpisode *episode,
                       const char  *link)
{
  EfirShareDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (program == NULL || EFIR_IS_PROGRAM (program), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  self = g_object_new (EFIR_TYPE_SHARE_DIALOG, "transient-for", parent, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (share_platforms); i++)
    {
      EfirSocialPlatform platform = share_platforms[i];
      const char *template_text = program != NULL
                                    ? efir_program_get_share_template (
                                        program, efir_social_platform_to_string (platform))
                                    : NULL;
      g_autofree char *text = efir_share_text (platform, template_text, program, episode, link);
      GtkWidget *page = create_page (platform, text);

      adw_view_stack_add_titled_with_icon (self->view_stack, page,
                                           efir_social_platform_to_string (platform),
                                           efir_social_platform_display_name (platform),
                                           efir_social_platform_icon_name (platform));
    }

  return GTK_WIDGET (self);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_share_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EFIR_TYPE_SHARE_DIALOG);

  G_OBJECT_CLASS (efir_share_dialog_parent_class)->dispose (object);
}

static void
efir_share_dialog_class_init (EfirShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_share_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirShareDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfirShareDialog, view_stack);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_share_dialog_init (EfirShareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
