/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-application"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "efir-application.h"
#include "efir-preferences-window.h"
#include "efir-resources.h"
#include "efir-window.h"

/* Types and properties */

struct _EfirApplication
{
  AdwApplication parent_instance;

  /* Owned */
  EfirStore *store;
  char      *db_path;
};

G_DEFINE_FINAL_TYPE (EfirApplication, efir_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"), N_("PATH") },
  { NULL }
};

/* Helpers */

static char *
efir_application_resolve_db_path (EfirApplication *self)
{
  const char *env = g_getenv ("EFIR_DB");

  if (self->db_path != NULL)
    return g_strdup (self->db_path);
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return efir_store_default_path ();
}

/* Callbacks */

/* EFIR_REPORT_FIRST_FRAME=1 prints "first-frame <µs>" when the main window
 * has painted its first frame, in g_get_monotonic_time()'s CLOCK_MONOTONIC,
 * so that a benchmark (tests/bench/bench-editor.c) subtracts the moment it
 * spawned the process; EFIR_EXIT_AFTER_FIRST_FRAME=1 then quits.
 */
static void
on_first_frame_cb (EfirWindow *window,
                   gpointer    user_data)
{
  if (g_strcmp0 (g_getenv ("EFIR_REPORT_FIRST_FRAME"), "1") == 0)
    g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (g_strcmp0 (g_getenv ("EFIR_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_application_quit (G_APPLICATION (user_data));
}

static void
on_quit_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  EfirApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save what is still unsaved. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_preferences_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  EfirApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* With the window's publisher, so that what is signed in or out there
   * is so for the window's publications at once. */
  if (EFIR_IS_WINDOW (parent))
    {
      efir_window_show_preferences (EFIR_WINDOW (parent));
      return;
    }
  /* No archive could be opened: the window says so, and there are no
   * sites to show. */
  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (efir_preferences_window_new (parent, self->store, NULL)));
}

static void
on_about_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EfirApplication *self = user_data;
  const char *developers[] = { _("The Efir developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", "Efir",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Efir developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Write, keep and publish the pages of a talk programme's episodes"),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* What a click on the notification of a post gone live does: the window
 * comes forward with that episode open. */
static void
on_open_episode_activated_cb (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  EfirApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (EFIR_IS_WINDOW (window))
    efir_window_open_episode (EFIR_WINDOW (window), g_variant_get_int64 (parameter));
}

/* The window starts the archive's check, and the daily backup after it,
 * once it is on screen; saves never wait for either: on the first start
 * of a day they held up the first save for seconds. */
#define OPEN_FLAGS (EFIR_STORE_OPEN_DEFER_CHECK | EFIR_STORE_OPEN_CHECK_TOUCHED)

static void
present_main_window (EfirApplication *self,
                     const char      *path,
                     const GError    *open_error)
{
  GtkWindow *window = GTK_WINDOW (efir_window_new (self, self->store, path, open_error));

  g_signal_connect (window, "first-frame", G_CALLBACK (on_first_frame_cb), self);
  gtk_window_present (window);
}

/* An archive of an older Efir is upgraded as it opens: 40 s at 10,000
 * episodes, once. It is opened in a thread while a window says what is
 * happening, rather than after a start that shows nothing for so long. */
static void
open_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  EfirStore *store = efir_store_open_full (task_data, OPEN_FLAGS, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
opened_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  EfirApplication *self = EFIR_APPLICATION (source_object);
  g_autoptr(GtkWidget) waiting = user_data;
  g_autoptr(GError) error = NULL;

  self->store = g_task_propagate_pointer (G_TASK (result), &error);
  present_main_window (self, g_task_get_task_data (G_TASK (result)), error);
  gtk_window_destroy (GTK_WINDOW (waiting));
  g_application_release (G_APPLICATION (self));
}

static GtkWidget *
upgrade_window_new (EfirApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Efir");
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 460);
  /* Closed, it would leave the upgrade running with nothing on screen. */
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Efir", NULL));
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), APP_ID);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Updating the Archive"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("This version of Efir keeps episodes in less room. Your "
                                     "archive is brought up to date once: on a large one it takes "
                                     "up to a minute. Nothing is lost if it is interrupted."));
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  return window;
}

static void
open_with_upgrade (EfirApplication *self,
                   const char      *path)
{
  GtkWidget *waiting = upgrade_window_new (self);
  /* The callback drops the window and the hold. */
  g_autoptr(GTask) task = g_task_new (self, NULL, opened_cb, g_object_ref (waiting));

  g_task_set_source_tag (task, open_with_upgrade);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (waiting));
  g_task_run_in_thread (task, open_thread_cb);
}

/* GObject overrides */

static int
efir_application_handle_local_options (GApplication *app,
                                       GVariantDict *options_dict)
{
  EfirApplication *self = EFIR_APPLICATION (app);
  const char *db = NULL;

  /* One Efir per desktop keeps two windows from editing the same episode;
   * a second database is a different archive, so it gets its own process. */
  if (g_variant_dict_lookup (options_dict, "db", "^&ay", &db))
    {
      self->db_path = g_strdup (db);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (efir_application_parent_class)->handle_local_options (app, options_dict);
}

static void
efir_application_startup (GApplication *app)
{
  EfirApplication *self = EFIR_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "quit", on_quit_activated_cb },
    { "about", on_about_activated_cb },
    { "preferences", on_preferences_activated_cb },
    { "open-episode", on_open_episode_activated_cb, "x" },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  /* The window's own action: its shortcuts window is built when asked for
   * (see efir-window.c), so GTK's automatic one is not used. */
  const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (efir_application_parent_class)->startup (app);

  /* GtkSourceView adds its icons to the search path of the display's icon
   * theme, which makes GTK read every theme's index again. Done when the
   * editor was first built, after the window had looked up its icons, it
   * cost a reopened episode 9 ms; done here, before any lookup, nothing. */
  gtk_source_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
}

static void
efir_application_activate (GApplication *app)
{
  EfirApplication *self = EFIR_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = efir_application_resolve_db_path (self);
  if (self->store == NULL && efir_store_needs_upgrade (path))
    {
      open_with_upgrade (self, path);
      return;
    }

  if (self->store == NULL)
    self->store = efir_store_open_full (path, OPEN_FLAGS, &error);
  present_main_window (self, path, error);
}

static void
efir_application_finalize (GObject *object)
{
  EfirApplication *self = EFIR_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (efir_application_parent_class)->finalize (object);
}

static void
efir_application_class_init (EfirApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* Registered by hand: a static library would let the linker drop a
   * constructor that nothing references. */
  efir_register_resource ();

  object_class->finalize = efir_application_finalize;
  app_class->handle_local_options = efir_application_handle_local_options;
  app_class->startup = efir_application_startup;
  app_class->activate = efir_application_activate;
}

static void
efir_application_init (EfirApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/* Public API */

EfirApplication *
efir_application_new (void)
{
  return g_object_new (EFIR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/efir/Efir",
                       NULL);
}

EfirStore *
efir_application_get_store (EfirApplication *self)
{
  g_return_val_if_fail (EFIR_IS_APPLICATION (self), NULL);

  return self->store;
}
