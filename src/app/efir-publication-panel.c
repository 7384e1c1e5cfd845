/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-publication-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "efir-publication-panel.h"

typedef struct
{
  const char             *action;
  const char             *label;
  EfirPublicationActions  shown_by;  /* 0: always */
  const char             *style;
} ButtonSpec;

/* In the order a producer reaches for them. */
static const ButtonSpec buttons[] = {
  { "win.publish", N_("_Publish"), EFIR_PUBLICATION_CAN_PUBLISH, "suggested-action" },
  { "win.retry-publication", N_("_Retry"), EFIR_PUBLICATION_CAN_RETRY, "suggested-action" },
  { "win.resolve-publication", N_("_Choose a Version…"), EFIR_PUBLICATION_CAN_RESOLVE, "suggested-action" },
  { "win.schedule", N_("_Schedule…"), EFIR_PUBLICATION_CAN_SCHEDULE, NULL },
  { "win.publish-draft", N_("Save to Site as _Draft"), EFIR_PUBLICATION_CAN_DRAFT, NULL },
  { "win.preview", N_("Pre_view"), 0, NULL },
  { "win.compare-published", N_("What C_hanged Since"), EFIR_PUBLICATION_CAN_COMPARE, NULL },
  { "win.withdraw", N_("_Withdraw"), EFIR_PUBLICATION_CAN_WITHDRAW, NULL },
  { "win.trash-post", N_("Move Post to _Trash…"), EFIR_PUBLICATION_CAN_TRASH, NULL },
};

struct _EfirPublicationPanel
{
  GtkBox       parent_instance;

  AdwActionRow *state_row;
  GtkImage     *state_icon;
  GtkSpinner   *spinner;
  GtkButton    *view_button;
  GtkFlowBox   *button_box;
  GtkWidget    *buttons[G_N_ELEMENTS (buttons)];
};

G_DEFINE_FINAL_TYPE (EfirPublicationPanel, efir_publication_panel, GTK_TYPE_BOX)

static const char *
state_icon_name (EfirPublicationState state)
{
  switch (state)
    {
    case EFIR_PUBLICATION_PUBLISHED:
      return "emblem-ok-symbolic";
    case EFIR_PUBLICATION_SCHEDULED:
      return "alarm-symbolic";
    case EFIR_PUBLICATION_FAILED:
    case EFIR_PUBLICATION_CONFLICT:
      return "dialog-warning-symbolic";
    case EFIR_PUBLICATION_NO_SITE:
      return "network-server-symbolic";
    case EFIR_PUBLICATION_TRASHED:
      return "user-trash-symbolic";
    case EFIR_PUBLICATION_NOT_ON_SITE:
    case EFIR_PUBLICATION_SENDING:
    case EFIR_PUBLICATION_DRAFT:
    case EFIR_PUBLICATION_PENDING:
    case EFIR_PUBLICATION_WITHDRAWN:
    default:
      return "document-edit-symbolic";
    }
}

/* Public API */

GtkWidget *
efir_publication_panel_new (void)
{
  return g_object_new (EFIR_TYPE_PUBLICATION_PANEL, NULL);
}

void
efir_publication_panel_set_view (EfirPublicationPanel      *self,
                                 const EfirPublicationView *view)
{
  gboolean problem;

  g_return_if_fail (EFIR_IS_PUBLICATION_PANEL (self));

  gtk_widget_set_visible (GTK_WIDGET (self), view != NULL);
  if (view == NULL)
    return;

  problem = view->state == EFIR_PUBLICATION_FAILED || view->state == EFIR_PUBLICATION_CONFLICT;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), view->headline);
  adw_action_row_set_subtitle (self->state_row, view->detail != NULL ? view->detail : "");
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (view->state));
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), view->state != EFIR_PUBLICATION_SENDING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), view->state == EFIR_PUBLICATION_SENDING);
  gtk_spinner_set_spinning (self->spinner, view->state == EFIR_PUBLICATION_SENDING);
  gtk_widget_set_visible (GTK_WIDGET (self->view_button), view->link != NULL);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "error");

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      /* The buttons of a state: those that do not apply are not shown. */
      gboolean shown = view->state != EFIR_PUBLICATION_NO_SITE && view->state != EFIR_PUBLICATION_SENDING
                       && (buttons[i].shown_by == 0 || (view->actions & buttons[i].shown_by) != 0);

      /* Previewing needs no site and no pause in sending. */
      if (buttons[i].shown_by == 0)
        shown = TRUE;
      gtk_widget_set_visible (gtk_widget_get_parent (self->buttons[i]), shown);
    }
  gtk_button_set_label (GTK_BUTTON (self->buttons[0]), view->publish_label);
}

/* GObject overrides */

static void
efir_publication_panel_class_init (EfirPublicationPanelClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "publication-panel");
}

static void
efir_publication_panel_init (EfirPublicationPanel *self)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->state_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->state_row), "publication_state_row");
  self->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  adw_action_row_add_prefix (self->state_row, GTK_WIDGET (self->state_icon));
  adw_action_row_add_prefix (self->state_row, GTK_WIDGET (self->spinner));
  self->view_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_View")));
  gtk_widget_set_valign (GTK_WIDGET (self->view_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_button), _("Open the page in the browser"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->view_button), "win.open-post");
  adw_action_row_add_suffix (self->state_row, GTK_WIDGET (self->view_button));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->state_row));
  gtk_box_append (GTK_BOX (self), list);

  /* The buttons wrap onto as many lines as the width needs, down to a
   * phone's. */
  self->button_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->button_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->button_box, FALSE);
  gtk_flow_box_set_column_spacing (self->button_box, 6);
  gtk_flow_box_set_row_spacing (self->button_box, 6);
  gtk_flow_box_set_max_children_per_line (self->button_box, 8);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));
      GtkWidget *child;

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      if (buttons[i].style != NULL)
        gtk_widget_add_css_class (button, buttons[i].style);
      gtk_widget_set_name (button, buttons[i].action + strlen ("win."));
      gtk_flow_box_append (self->button_box, button);
      child = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (child, FALSE);
      self->buttons[i] = button;
    }
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->button_box));
}
