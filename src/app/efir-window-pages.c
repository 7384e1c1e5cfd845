/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-window-pages"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-window-pages.h"

typedef struct
{
  const char *name;
  const char *icon_name;
  const char *title;
  const char *description;
  const char *button_label;   /* with a mnemonic; NULL: no button */
  const char *button_action;
} PageSpec;

static const PageSpec sidebar_pages[] = {
  {
    "no-results", "edit-find-symbolic", N_("No Results"),
    N_("No episode has these words. Special letters need not be typed: “cetin” finds “Çətin”."),
    NULL, NULL,
  },
  {
    "no-programs", APP_ID "-symbolic", N_("No Programmes Yet"),
    N_("Create the programme whose episodes you write, or drop an episode file here."),
    N_("_New Programme"), "win.new-program",
  },
  {
    "no-episodes", "document-new-symbolic", N_("No Episodes Yet"),
    N_("Start the page of the next broadcast, or drop an episode file here."),
    N_("_New Episode"), "win.new-episode",
  },
  {
    "no-matches", "view-filter-symbolic", N_("No Episodes With This Status"),
    N_("Choose “All episodes” above to see the others."),
    NULL, NULL,
  },
};

static GtkWidget *
pill_button_new (const char *label,
                 const char *action,
                 gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

GtkWidget *
efir_window_page_new (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidebar_pages); i++)
    {
      const PageSpec *spec = &sidebar_pages[i];
      GtkWidget *page;

      if (g_strcmp0 (spec->name, name) != 0)
        continue;

      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), spec->icon_name);
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _(spec->title));
      adw_status_page_set_description (ADW_STATUS_PAGE (page), _(spec->description));
      gtk_widget_add_css_class (page, "compact");
      if (spec->button_label != NULL)
        {
          GtkWidget *button = pill_button_new (_(spec->button_label), spec->button_action, TRUE);

          gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
          adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
        }
      return page;
    }

  return NULL;
}

GtkWidget *
efir_window_error_page_new (AdwStatusPage **status_page,
                            GtkButton     **restore_button)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *restore = pill_button_new (_("Open the Latest Backup"), NULL, TRUE);

  gtk_box_append (GTK_BOX (page), adw_header_bar_new ());

  gtk_widget_set_vexpand (status, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The Database Cannot Be Opened"));
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), restore);
  gtk_box_append (GTK_BOX (buttons), pill_button_new (_("Quit"), "app.quit", FALSE));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), buttons);
  gtk_box_append (GTK_BOX (page), status);

  *status_page = ADW_STATUS_PAGE (status);
  *restore_button = GTK_BUTTON (restore);
  return page;
}
