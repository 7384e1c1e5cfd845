/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-preferences-window.h"
#include "efir-site-dialog.h"
#include "efir-site-secrets.h"
#include "efir-wp-error.h"

/* Types and properties --------------------------------------------------- */

struct _EfirPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkListBox           *site_list;
  GtkLabel             *keyring_label;

  /* Owned */
  EfirStore            *store;
  EfirPublisher        *publisher;
  GPtrArray            *sites;        /* EfirSite, in the order of the rows */
  GCancellable         *cancellable;  /* of the keyring's look at the sites */
};

G_DEFINE_FINAL_TYPE (EfirPreferencesWindow, efir_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SITES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  SIGNED_OUT,
  SIGNED_IN,
  KEYRING_FAILED,
} SignInState;

typedef struct
{
  GStrv   urls;
  GStrv   users;
  int    *states;
  GError *keyring_error;
} KeyringLook;

static void keyring_looked_at_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);

/* Helpers ---------------------------------------------------------------- */

static void
keyring_look_free (KeyringLook *look)
{
  g_strfreev (look->urls);
  g_strfreev (look->users);
  g_free (look->states);
  g_clear_error (&look->keyring_error);
  g_free (look);
}

/* Whether each site's password is in the keyring. libsecret asks the
 * Secret Service over D-Bus, which a locked keyring may keep waiting: not
 * on the main thread. */
static void
look_at_keyring_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  KeyringLook *look = task_data;

  for (guint i = 0; look->urls[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      char *password = efir_site_secrets_lookup (look->urls[i], look->users[i], cancellable,
                                                 &error);

      if (password != NULL)
        {
          look->states[i] = SIGNED_IN;
          efir_site_secrets_free_password (password);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else if (g_error_matches (error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING))
        {
          look->states[i] = KEYRING_FAILED;
          if (look->keyring_error == NULL)
            look->keyring_error = g_steal_pointer (&error);
        }
      else
        look->states[i] = SIGNED_OUT;
    }

  g_task_return_boolean (task, TRUE);
}

static void
show_problem (EfirPreferencesWindow *self,
              const GError          *error)
{
  g_autofree char *sentence = error != NULL ? efir_site_dialog_error_sentence (error, NULL) : NULL;

  gtk_label_set_label (self->keyring_label, sentence != NULL ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), sentence != NULL);
}

static const EfirSite *
find_site (EfirPreferencesWindow *self,
           GVariant              *parameter)
{
  gint64 site_id = g_variant_get_int64 (parameter);

  for (guint i = 0; self->sites != NULL && i < self->sites->len; i++)
    {
      const EfirSite *site = g_ptr_array_index (self->sites, i);

      if (site->id == site_id)
        return site;
    }

  return NULL;
}

static GtkWidget *
create_row_button (const EfirSite *site,
                   const char     *name,
                   const char     *icon_name,
                   const char     *tooltip,
                   const char     *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", site->id);

  return button;
}

static GtkWidget *
create_site_row (const EfirSite *site)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sign_out;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), site->url);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Looking in the keyring…"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_row_button (site, "sign-in-button", "view-refresh-symbolic",
                                                _("Sign In Again…"), "sites.sign-in"));
  sign_out = create_row_button (site, "sign-out-button", "system-log-out-symbolic", _("Sign Out"),
                                "sites.sign-out");
  gtk_widget_set_visible (sign_out, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sign_out);
  g_object_set_data (G_OBJECT (row), "efir-sign-out", sign_out);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_row_button (site, "remove-button", "user-trash-symbolic",
                                                _("Remove Site…"), "sites.remove"));

  return row;
}

static void
show_states (EfirPreferencesWindow *self,
             KeyringLook           *look)
{
  for (guint i = 0; i < self->sites->len; i++)
    {
      const EfirSite *site = g_ptr_array_index (self->sites, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->site_list, (int) i);
      g_autofree char *summary = NULL;
      GtkWidget *sign_out;

      if (row == NULL)
        break;

      sign_out = g_object_get_data (G_OBJECT (row), "efir-sign-out");

      switch (look->states[i])
        {
        case SIGNED_IN:
          summary = efir_site_dialog_account_summary (site);
          break;
        case SIGNED_OUT:
          summary = g_strdup (_("Signed out"));
          break;
        default:
          summary = g_strdup (_("The keyring cannot be read"));
          break;
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      gtk_widget_set_visible (sign_out, look->states[i] == SIGNED_IN);
    }

  show_problem (self, look->keyring_error);
}

static void
load_sites (EfirPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  KeyringLook *look;
  GWeakRef *self_ref;
  GtkWidget *row;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sites, g_ptr_array_unref);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->site_list))) != NULL)
    gtk_list_box_remove (self->site_list, row);

  if (!(self->sites = efir_store_list_sites (self->store, &error)))
    {
      show_problem (self, error);
      return;
    }

  look = g_new0 (KeyringLook, 1);
  look->urls = g_new0 (char *, self->sites->len + 1);
  look->users = g_new0 (char *, self->sites->len + 1);
  look->states = g_new0 (int, self->sites->len + 1);
  for (guint i = 0; i < self->sites->len; i++)
    {
      const EfirSite *site = g_ptr_array_index (self->sites, i);

      gtk_list_box_append (self->site_list, create_site_row (site));
      look->urls[i] = g_strdup (site->url);
      look->users[i] = g_strdup (site->user);
    }

  self->cancellable = g_cancellable_new ();
  /* The worker does not keep the window. */
  self_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (self_ref, self);
  task = g_task_new (NULL, self->cancellable, keyring_looked_at_cb, self_ref);
  g_task_set_source_tag (task, load_sites);
  g_task_set_task_data (task, look, (GDestroyNotify) keyring_look_free);
  g_task_run_in_thread (task, look_at_keyring_thread);
}

/* Callbacks -------------------------------------------------------------- */

static void
keyring_looked_at_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EfirPreferencesWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  /* Cancelled: the sites were read again, or the window went. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) || self == NULL || self->sites == NULL)
    return;

  show_states (self, g_task_get_task_data (G_TASK (result)));
}

static void
signed_in_cb (EfirSiteDialog        *dialog,
              gint64                 site_id,
              EfirPreferencesWindow *self)
{
  load_sites (self);
  g_signal_emit (self, signals[SITES_CHANGED], 0);
}

static void
open_site_dialog (EfirPreferencesWindow *self,
                  const EfirSite        *site)
{
  GtkWidget *dialog = efir_site_dialog_new (GTK_WINDOW (self), self->publisher, site);

  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self, 0);
  /* A sign-in cancelled late may still have kept the site. */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (load_sites), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_activated_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_site_dialog (EFIR_PREFERENCES_WINDOW (widget), NULL);
}

static void
sign_in_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirPreferencesWindow *self = EFIR_PREFERENCES_WINDOW (widget);
  const EfirSite *site = find_site (self, parameter);

  if (site != NULL)
    open_site_dialog (self, site);
}

static void
sign_out_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EfirPreferencesWindow *self = EFIR_PREFERENCES_WINDOW (widget);
  const EfirSite *site = find_site (self, parameter);
  g_autoptr(GError) error = NULL;

  if (site == NULL)
    return;

  if (!efir_publisher_sign_out (self->publisher, site->id, NULL, &error))
    {
      show_problem (self, error);
      return;
    }

  load_sites (self);
  g_signal_emit (self, signals[SITES_CHANGED], 0);
}

static void
remove_answered_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    EfirPreferencesWindow *self)
{
  gint64 site_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "efir-site-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;

  if (!efir_publisher_remove_site (self->publisher, site_id, NULL, &error))
    {
      show_problem (self, error);
      return;
    }

  load_sites (self);
  g_signal_emit (self, signals[SITES_CHANGED], 0);
}

static void
remove_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfirPreferencesWindow *self = EFIR_PREFERENCES_WINDOW (widget);
  const EfirSite *site = find_site (self, parameter);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (site == NULL)
    return;

  /* Translators: %s is a site's address */
  heading = g_strdup_printf (_("Remove %s?"), site->url);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Efir signs out of the site and forgets what it knew of the "
                                     "episodes’ posts there. The posts themselves stay on the "
                                     "site."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "efir-site-id", GSIZE_TO_POINTER ((gsize) site->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 * @store: the archive
 * @publisher: (nullable): the publisher the window signs in with, or
 *   %NULL for one of the preferences' own
 *
 * The preferences: the sites Efir publishes to, each signed in or out,
 * added, signed in to again, signed out of or removed.
 * EfirPreferencesWindow::sites-changed follows each change.
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
efir_preferences_window_new (GtkWindow     *parent,
                             EfirStore     *store,
                             EfirPublisher *publisher)
{
  EfirPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);
  g_return_val_if_fail (publisher == NULL || EFIR_IS_PUBLISHER (publisher), NULL);

  self = g_object_new (EFIR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->publisher = publisher != NULL ? g_object_ref (publisher) : efir_publisher_new (store);
  load_sites (self);

  return GTK_WIDGET (self);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_preferences_window_dispose (GObject *object)
{
  EfirPreferencesWindow *self = EFIR_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->publisher);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sites, g_ptr_array_unref);

  G_OBJECT_CLASS (efir_preferences_window_parent_class)->dispose (object);
}

static void
efir_preferences_window_class_init (EfirPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_preferences_window_dispose;

  /**
   * EfirPreferencesWindow::sites-changed:
   * @self: the window
   *
   * A site was added, signed in to again, signed out of or removed.
   */
  signals[SITES_CHANGED] = g_signal_new ("sites-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirPreferencesWindow, site_list);
  gtk_widget_class_bind_template_child (widget_class, EfirPreferencesWindow, keyring_label);

  gtk_widget_class_install_action (widget_class, "sites.add", NULL, add_activated_cb);
  gtk_widget_class_install_action (widget_class, "sites.sign-in", "x", sign_in_activated_cb);
  gtk_widget_class_install_action (widget_class, "sites.sign-out", "x", sign_out_activated_cb);
  gtk_widget_class_install_action (widget_class, "sites.remove", "x", remove_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_preferences_window_init (EfirPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
