/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-site-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "efir-site-dialog.h"
#include "efir-wp-error.h"

/* Types and properties --------------------------------------------------- */

struct _EfirSiteDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  GtkButton     *cancel_button;
  GtkButton     *sign_in_button;
  GtkButton     *done_button;
  GtkStack      *stack;
  AdwEntryRow   *address_row;
  AdwEntryRow   *user_row;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkLinkButton *password_link;
  GtkSpinner    *spinner;
  GtkLabel      *verifying_label;
  AdwStatusPage *done_page;
  GtkBox        *notes_box;

  /* Owned */
  EfirPublisher *publisher;
  GCancellable  *cancellable;   /* of the sign-in running, NULL when none runs */

  gint64         site_id;       /* the site signed in to again, 0 for a new one */
};

G_DEFINE_FINAL_TYPE (EfirSiteDialog, efir_site_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers ---------------------------------------------------------------- */

/* The address as the producer means it: "example.org" is the https site. */
static char *
full_address (const char *typed)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (typed));

  if (*trimmed == '\0')
    return NULL;
  if (strstr (trimmed, "://") == NULL)
    return g_strconcat ("https://", trimmed, NULL);

  return g_steal_pointer (&trimmed);
}

static char *
address_host (const char *address)
{
  g_autofree char *full = full_address (address);
  g_autoptr(GUri) uri = full != NULL ? g_uri_parse (full, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (address);

  return g_strdup (g_uri_get_host (uri));
}

static void
set_error_row (EfirSiteDialog *self,
               GtkWidget      *row)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->address_row), GTK_WIDGET (self->user_row), GTK_WIDGET (self->password_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == row)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }
}

static void
show_error (EfirSiteDialog *self,
            const char     *sentence,
            GtkWidget      *row)
{
  gtk_label_set_label (self->error_label, sentence != NULL ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), sentence != NULL);
  set_error_row (self, row);
}

static void
update_sign_in (EfirSiteDialog *self)
{
  gboolean filled = TRUE;
  const char *texts[] = {
    gtk_editable_get_text (GTK_EDITABLE (self->address_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (texts[i]));

      filled = filled && *trimmed != '\0';
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "site.sign-in",
                                 filled && self->cancellable == NULL);
}

static void
show_page (EfirSiteDialog *self,
           const char     *name)
{
  gboolean form = g_str_equal (name, "form");
  gboolean done = g_str_equal (name, "done");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "verifying"));
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), form);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), done);
  if (done)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
}

static void
show_signed_in (EfirSiteDialog *self,
                const EfirSite *site,
                GPtrArray      *notes)
{
  g_autofree char *summary = efir_site_dialog_account_summary (site);
  GtkWidget *child;

  adw_status_page_set_title (self->done_page, summary);
  adw_status_page_set_description (self->done_page, site->url);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box))) != NULL)
    gtk_box_remove (self->notes_box, child);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (notes, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_box_append (self->notes_box, label);
    }

  show_page (self, "done");
}

/* Callbacks -------------------------------------------------------------- */

static void
address_changed_cb (EfirSiteDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autofree char *address = full_address (text);
  g_autofree char *uri = NULL;

  /* WordPress makes application passwords on the profile page, in a
   * section of its own. */
  if (address != NULL)
    uri = g_strconcat (address, g_str_has_suffix (address, "/") ? "" : "/",
                       "wp-admin/profile.php#application-passwords-section", NULL);
  gtk_link_button_set_uri (self->password_link, uri != NULL ? uri : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_link), uri != NULL);

  show_error (self, NULL, NULL);
  update_sign_in (self);
}

static void
field_changed_cb (EfirSiteDialog *self)
{
  show_error (self, NULL, NULL);
  update_sign_in (self);
}

static void
entry_activated_cb (EfirSiteDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "site.sign-in", NULL);
}

static void
site_added_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EfirSiteDialog) self = g_weak_ref_get (user_data);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  GtkWidget *row = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);
  site = efir_publisher_add_site_finish (EFIR_PUBLISHER (source), result, &notes, &error);

  /* The window went while the site answered. */
  if (self == NULL || self->publisher == NULL)
    return;

  g_clear_object (&self->cancellable);

  update_sign_in (self);

  if (site != NULL)
    {
      /* The password is in the keyring now, and nowhere in the window. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_signed_in (self, site, notes);
      g_signal_emit (self, signals[SIGNED_IN], 0, site->id);
      return;
    }

  show_page (self, "form");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, EFIR_WP_ERROR, EFIR_WP_ERROR_UNAUTHORIZED))
    row = GTK_WIDGET (self->password_row);
  else if (g_error_matches (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INSECURE)
           || g_error_matches (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NO_API)
           || g_error_matches (error, EFIR_WP_ERROR, EFIR_WP_ERROR_NETWORK))
    row = GTK_WIDGET (self->address_row);

  sentence = efir_site_dialog_error_sentence (error,
                                              gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  show_error (self, sentence, row);
}

static void
sign_in_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirSiteDialog *self = EFIR_SITE_DIALOG (widget);
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  GWeakRef *self_ref;
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  g_autofree char *host = address_host (address);
  g_autofree char *message = NULL;

  if (self->cancellable != NULL)
    return;

  show_error (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  update_sign_in (self);

  /* Translators: %s is a site's address, "cetinsual.az" */
  message = g_strdup_printf (_("Signing in to %s…"), host);
  gtk_label_set_label (self->verifying_label, message);
  show_page (self, "verifying");

  /* The worker does not keep the window: a window that goes does not
   * wait for the site. */
  self_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (self_ref, self);
  efir_publisher_add_site_async (self->publisher, self->site_id, address, user,
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                 self->cancellable, site_added_cb, self_ref);
}

/* Cancel stops a sign-in that runs, and closes the dialog otherwise. */
static void
cancel_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfirSiteDialog *self = EFIR_SITE_DIALOG (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      show_page (self, "form");
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_site_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @publisher: signs in and keeps the site
 * @site: (nullable): a site to sign in to again, or %NULL for a new one
 *
 * Asks for a site's address, a user name and an application password,
 * signs in in a worker thread and says as whom, or why not.
 * EfirSiteDialog::signed-in gives the site's id once it is kept.
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
efir_site_dialog_new (GtkWindow      *parent,
                      EfirPublisher  *publisher,
                      const EfirSite *site)
{
  EfirSiteDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EFIR_IS_PUBLISHER (publisher), NULL);

  self = g_object_new (EFIR_TYPE_SITE_DIALOG, "transient-for", parent, NULL);
  self->publisher = g_object_ref (publisher);

  if (site != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Sign In Again"));
      self->site_id = site->id;
      gtk_editable_set_text (GTK_EDITABLE (self->address_row), site->url);
      /* The account may change, not the site: its posts are that site's. */
      gtk_editable_set_editable (GTK_EDITABLE (self->address_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), site->user);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->address_row));

  return GTK_WIDGET (self);
}

char *
efir_site_dialog_account_summary (const EfirSite *site)
{
  const char *name;

  g_return_val_if_fail (site != NULL, NULL);

  name = site->user_name != NULL && site->user_name[0] != '\0' ? site->user_name : site->user;

  /* Translators: %s is the name of the account on the site, "Aysel Həsənova" */
  return site->can_publish ? g_strdup_printf (_("Signed in as %s · can publish"), name)
                           : g_strdup_printf (_("Signed in as %s · can submit for review"), name);
}

char *
efir_site_dialog_error_sentence (const GError *error,
                                 const char   *address)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != EFIR_WP_ERROR)
    return g_strdup (error->message);

  host = address_host (address != NULL ? address : "");

  switch ((EfirWpError) error->code)
    {
    case EFIR_WP_ERROR_UNAUTHORIZED:
      return g_strdup (_("The site did not accept this user name and application password. "
                         "Check both, or make a new application password on the site."));
    case EFIR_WP_ERROR_INSECURE:
      /* Translators: %s is a site's address, "cetinsual.az" */
      return g_strdup_printf (_("%s is an http address: the password would travel "
                                "unprotected. Give the site’s https address."),
                              host);
    case EFIR_WP_ERROR_NO_API:
      return g_strdup_printf (_("No WordPress site answers at %s, or its REST API is switched "
                                "off. Check the address; if it is right, ask the site’s "
                                "administrator to switch the REST API on."),
                              host);
    case EFIR_WP_ERROR_NETWORK:
    case EFIR_WP_ERROR_TIMEOUT:
      return g_strdup_printf (_("Efir could not reach %s. Check the address and the internet "
                                "connection, then try again."),
                              host);
    case EFIR_WP_ERROR_KEYRING:
      return g_strdup (_("Efir keeps site passwords only in the keyring, and the keyring is "
                         "missing or locked. Install and unlock GNOME Keyring (the "
                         "“gnome-keyring” package), then sign in again."));
    case EFIR_WP_ERROR_FORBIDDEN:
      return g_strdup_printf (_("The site refused this account: %s"), error->message);
    default:
      return g_strdup (error->message);
    }
}

/* GObject overrides ------------------------------------------------------ */

static gboolean
efir_site_dialog_close_request (GtkWindow *window)
{
  EfirSiteDialog *self = EFIR_SITE_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (efir_site_dialog_parent_class)->close_request (window);
}

static void
efir_site_dialog_dispose (GObject *object)
{
  EfirSiteDialog *self = EFIR_SITE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_SITE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->publisher);

  G_OBJECT_CLASS (efir_site_dialog_parent_class)->dispose (object);
}

static void
efir_site_dialog_class_init (EfirSiteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = efir_site_dialog_dispose;
  window_class->close_request = efir_site_dialog_close_request;

  /**
   * EfirSiteDialog::signed-in:
   * @self: the dialog
   * @site_id: the site as the archive keeps it
   *
   * The account was verified, its password is in the keyring and the site
   * in the archive.
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-site-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, password_link);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, verifying_label);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, EfirSiteDialog, notes_box);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "site.sign-in", NULL, sign_in_activated_cb);
  gtk_widget_class_install_action (widget_class, "site.cancel", NULL, cancel_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "site.cancel", NULL);
}

static void
efir_site_dialog_init (EfirSiteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_sign_in (self);
}
