/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-trash-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-trash-dialog.h"

/* Types and properties --------------------------------------------------- */

struct _EfirTrashDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;

  /* Owned */
  EfirStore       *store;
};

G_DEFINE_FINAL_TYPE (EfirTrashDialog, efir_trash_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers ---------------------------------------------------------------- */

static void
show_error (EfirTrashDialog *self,
            const GError    *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static GtkWidget *
create_row (EfirTrashEntry *entry,
            GDateTime      *now)
{
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *row;
  GtkWidget *restore;
  GtkWidget *delete_now;
  const char *title = entry->title[0] != '\0' ? entry->title : _("Untitled episode");
  int days_ago = (int) (g_date_time_difference (now, entry->deleted) / G_TIME_SPAN_DAY);

  heading = entry->number > 0 ? g_strdup_printf ("%d. %s", entry->number, title) : g_strdup (title);
  escaped = g_markup_escape_text (heading, -1);
  subtitle = efir_trash_dialog_row_subtitle (entry->program_name, MAX (days_ago, 0),
                                             entry->published);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  restore = gtk_button_new_with_mnemonic (_("_Restore"));
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "trash.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "x", entry->episode_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);

  delete_now = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_valign (delete_now, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete_now, _("Delete Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_now), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete Now"), -1);
  gtk_widget_add_css_class (delete_now, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_now), "trash.delete-now");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete_now), "x", entry->episode_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_now);

  return row;
}

static void
load_trash (EfirTrashDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = efir_store_list_trash (self->store, 0, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (entries == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (entries, i), now));

  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "episodes" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.empty", entries->len > 0);
}

/* Asks before what cannot be undone; @response_cb gets "delete". */
static void
confirm (EfirTrashDialog *self,
         const char      *heading,
         const char      *body,
         GCallback        response_cb,
         gint64           episode_id)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "episode-id",
                          g_memdup2 (&episode_id, sizeof episode_id), g_free);
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks -------------------------------------------------------------- */

static void
restore_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfirTrashDialog *self = EFIR_TRASH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gint64 episode_id = g_variant_get_int64 (parameter);

  if (!efir_store_restore_episode (self->store, episode_id, &error))
    show_error (self, error);
  else
    g_signal_emit (self, signals[RESTORED], 0, episode_id);

  load_trash (self);
}

static void
delete_now_answered_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        EfirTrashDialog  *self)
{
  g_autoptr(GError) error = NULL;
  const gint64 *episode_id = g_object_get_data (G_OBJECT (dialog), "episode-id");

  if (!g_str_equal (response, "delete"))
    return;

  if (!efir_store_delete_episode (self->store, *episode_id, &error))
    show_error (self, error);
  load_trash (self);
}

static void
delete_now_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  confirm (EFIR_TRASH_DIALOG (widget), _("Delete This Episode for Good?"),
           _("Its text, guests, transcript and history are deleted and cannot be restored. "
             "A post on the site stays there."),
           G_CALLBACK (delete_now_answered_cb), g_variant_get_int64 (parameter));
}

static void
empty_answered_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EfirTrashDialog  *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  if (!efir_store_empty_trash (self->store, G_MAXINT64, NULL, &error))
    show_error (self, error);
  load_trash (self);
}

static void
empty_activated_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  confirm (EFIR_TRASH_DIALOG (widget), _("Empty the Trash?"),
           _("Every episode in the trash is deleted for good and cannot be restored. Posts on "
             "the site stay there."),
           G_CALLBACK (empty_answered_cb), 0);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_trash_dialog_row_subtitle:
 * @program_name: the episode's programme
 * @days_ago: whole days since it was deleted
 * @published: whether a site holds a post of it
 *
 * Returns: (transfer full): the line under a deleted episode's title
 */
char *
efir_trash_dialog_row_subtitle (const char *program_name,
                                int         days_ago,
                                gboolean    published)
{
  g_autofree char *deleted = NULL;
  g_autofree char *kept = NULL;
  int days_left = MAX (EFIR_STORE_TRASH_DAYS - days_ago, 0);

  if (days_ago == 0)
    deleted = g_strdup (_("deleted today"));
  else
    deleted = g_strdup_printf (ngettext ("deleted %d day ago", "deleted %d days ago", days_ago),
                               days_ago);
  kept = g_strdup_printf (ngettext ("kept %d more day", "kept %d more days", days_left),
                          days_left);

  return g_strjoin (" · ", program_name, deleted, kept,
                    published ? _("its post stays on the site") : NULL, NULL);
}

/**
 * efir_trash_dialog_new:
 * @parent: (nullable): the window the trash belongs to
 * @store: the store
 *
 * The episodes in the trash, each with Restore and Delete Now, and a way
 * to empty it. EfirTrashDialog::restored tells the window to show a
 * restored episode in its list again.
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
efir_trash_dialog_new (GtkWindow *parent,
                       EfirStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  return g_object_new (EFIR_TYPE_TRASH_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_trash_dialog_constructed (GObject *object)
{
  EfirTrashDialog *self = EFIR_TRASH_DIALOG (object);

  G_OBJECT_CLASS (efir_trash_dialog_parent_class)->constructed (object);

  if (efir_store_is_read_only (self->store))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.restore", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.delete-now", FALSE);
    }
  load_trash (self);
  if (efir_store_is_read_only (self->store))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.empty", FALSE);
}

static void
efir_trash_dialog_dispose (GObject *object)
{
  EfirTrashDialog *self = EFIR_TRASH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_TRASH_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_trash_dialog_parent_class)->dispose (object);
}

static void
efir_trash_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EfirTrashDialog *self = EFIR_TRASH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_trash_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EfirTrashDialog *self = EFIR_TRASH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_trash_dialog_class_init (EfirTrashDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = efir_trash_dialog_constructed;
  object_class->dispose = efir_trash_dialog_dispose;
  object_class->get_property = efir_trash_dialog_get_property;
  object_class->set_property = efir_trash_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirTrashDialog::restored:
   * @self: the trash
   * @episode_id: the episode taken out of the trash
   */
  signals[RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-trash-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirTrashDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfirTrashDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EfirTrashDialog, list);

  gtk_widget_class_install_action (widget_class, "trash.restore", "x", restore_activated_cb);
  gtk_widget_class_install_action (widget_class, "trash.delete-now", "x", delete_now_activated_cb);
  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_trash_dialog_init (EfirTrashDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
