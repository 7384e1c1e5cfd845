/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-social-links-section"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-editor-state.h"
#include "efir-link-cleanup.h"
#include "efir-social-links-section.h"

/* Types and properties --------------------------------------------------- */

struct _EfirSocialLinksSection
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *list;

  /* Owned */
  EfirEpisode         *episode;
  /* One placeholder item after the links, shown as the "Add link" row. */
  GListStore          *add_store;

  /* Borrowed */
  AdwEntryRow         *add_row;
};

G_DEFINE_FINAL_TYPE (EfirSocialLinksSection, efir_social_links_section, GTK_TYPE_WIDGET)

/* Helpers ---------------------------------------------------------------- */

static GListStore *
get_links (EfirSocialLinksSection *self)
{
  return self->episode != NULL ? efir_episode_get_social_links (self->episode) : NULL;
}

static void
focus_row_at (EfirSocialLinksSection *self,
              guint                   position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, position);

  if (row == NULL)
    row = GTK_LIST_BOX_ROW (self->add_row);

  if (row != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row));
      if (GTK_IS_EDITABLE (row))
        gtk_editable_set_position (GTK_EDITABLE (row), -1);
    }
}

/* The link row holding the focus, as its position in the episode's links. */
static gboolean
find_focused_link (EfirSocialLinksSection *self,
                   guint                  *out_position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;
  GListStore *links = get_links (self);
  int index;

  if (focus == NULL || links == NULL)
    return FALSE;

  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list))
    return FALSE;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (index < 0 || (guint) index >= g_list_model_get_n_items (G_LIST_MODEL (links)))
    return FALSE;

  *out_position = index;
  return TRUE;
}

/* Swaps two neighbours in one splice, so the episode sees one change. */
static void
swap_links (GListStore *links,
            guint       first)
{
  g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (links), first);
  g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (links), first + 1);
  gpointer swapped[] = { b, a };

  g_list_store_splice (links, first, 2, swapped, G_N_ELEMENTS (swapped));
}

static void
update_link_error (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean error = efir_editor_state_url_shows_error (text);

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
add_links_from (EfirSocialLinksSection *self,
                const char             *text)
{
  GListStore *links = get_links (self);
  g_auto(GStrv) urls = efir_link_split (text);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  if (links == NULL || urls[0] == NULL)
    return;

  for (guint i = 0; urls[i] != NULL; i++)
    g_ptr_array_add (added, efir_social_link_new (urls[i], NULL));

  g_list_store_splice (links, g_list_model_get_n_items (G_LIST_MODEL (links)), 0,
                       added->pdata, added->len);
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
platform_to_title_cb (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  const char *platform = g_value_get_string (from);

  /* Recognising the platform from the address comes later; until then a
   * link is a link.
   */
  g_value_set_string (to, platform != NULL && platform[0] != '\0' ? platform : _("Link"));
  return TRUE;
}

static void
link_text_changed_cb (AdwEntryRow *row)
{
  update_link_error (row);
}

static void
remove_clicked_cb (GtkButton              *button,
                   EfirSocialLinksSection *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GListStore *links = get_links (self);
  int index;

  if (row == NULL || links == NULL)
    return;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (index < 0 || (guint) index >= g_list_model_get_n_items (G_LIST_MODEL (links)))
    return;

  g_list_store_remove (links, index);
  focus_row_at (self, index);
}

static void
open_clicked_cb (GtkButton   *button,
                 AdwEntryRow *row)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (efir_link_is_web_address (url))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static gboolean
text_to_valid_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, efir_link_is_web_address (g_value_get_string (from)));
  return TRUE;
}

static void
add_activated_cb (EfirSocialLinksSection *self)
{
  g_autofree char *text = NULL;

  if (self->add_row == NULL)
    return;

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
  add_links_from (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static void
add_text_changed_cb (EfirSocialLinksSection *self)
{
  update_link_error (self->add_row);
}

static GtkWidget *
create_link_row (EfirSocialLinksSection *self,
                 EfirSocialLink         *link)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("adw-external-link-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  g_object_bind_property_full (link, "platform", row, "title", G_BINDING_SYNC_CREATE,
                               platform_to_title_cb, NULL, NULL, NULL);
  g_object_bind_property (link, "url", row, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (row, "changed", G_CALLBACK (link_text_changed_cb), NULL);
  update_link_error (ADW_ENTRY_ROW (row));

  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open in the Browser"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open in the Browser"),
                                  -1);
  g_object_bind_property_full (row, "text", open, "sensitive", G_BINDING_SYNC_CREATE,
                               text_to_valid_cb, NULL, NULL, NULL);
  g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), open);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Link"),
                                  -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  return row;
}

static GtkWidget *
create_add_row (EfirSocialLinksSection *self)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add Link"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (add_activated_cb), self);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (add_text_changed_cb), self);

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add the Link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add the Link"),
                                  -1);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_activated_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), add);

  /* The previous "Add link" row may outlive this call; it must not clear
   * the pointer to its successor when it goes.
   */
  if (self->add_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->add_row), (gpointer *) &self->add_row);
  self->add_row = ADW_ENTRY_ROW (row);
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &self->add_row);

  return row;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  EfirSocialLinksSection *self = user_data;

  if (EFIR_IS_SOCIAL_LINK (item))
    return create_link_row (self, item);

  return create_add_row (self);
}

static void
move_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EfirSocialLinksSection *self = EFIR_SOCIAL_LINKS_SECTION (widget);
  GListStore *links = get_links (self);
  gboolean up = g_str_equal (action_name, "links.move-up");
  guint position;
  guint n;

  if (!find_focused_link (self, &position))
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (links));
  if (up && position > 0)
    {
      swap_links (links, position - 1);
      focus_row_at (self, position - 1);
    }
  else if (!up && position + 1 < n)
    {
      swap_links (links, position);
      focus_row_at (self, position + 1);
    }
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
efir_social_links_section_new (void)
{
  return g_object_new (EFIR_TYPE_SOCIAL_LINKS_SECTION, NULL);
}

/**
 * efir_social_links_section_get_episode:
 * @self: a social links section
 *
 * Returns: (transfer none) (nullable): the episode shown
 */
EfirEpisode *
efir_social_links_section_get_episode (EfirSocialLinksSection *self)
{
  g_return_val_if_fail (EFIR_IS_SOCIAL_LINKS_SECTION (self), NULL);

  return self->episode;
}

/**
 * efir_social_links_section_set_episode:
 * @self: a social links section
 * @episode: (nullable): the episode to edit
 *
 * Lists the social links of @episode; adding, editing, removing and moving
 * a link changes the episode's list at once.
 */
void
efir_social_links_section_set_episode (EfirSocialLinksSection *self,
                                       EfirEpisode            *episode)
{
  g_autoptr(GListStore) parts = NULL;
  g_autoptr(GtkFlattenListModel) rows = NULL;
  g_autofree char *pending = NULL;

  g_return_if_fail (EFIR_IS_SOCIAL_LINKS_SECTION (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (self->episode == episode)
    return;

  /* An address typed but not yet added belongs to the episode it was typed
   * for.
   */
  if (self->add_row != NULL)
    pending = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
  if (pending != NULL)
    add_links_from (self, pending);

  g_set_object (&self->episode, episode);

  if (episode == NULL)
    {
      gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
      return;
    }

  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, efir_episode_get_social_links (episode));
  g_list_store_append (parts, self->add_store);
  rows = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (rows), create_row_cb, self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), TRUE);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_social_links_section_dispose (GObject *object)
{
  EfirSocialLinksSection *self = EFIR_SOCIAL_LINKS_SECTION (object);

  if (self->add_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->add_row), (gpointer *) &self->add_row);
  self->add_row = NULL;
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_SOCIAL_LINKS_SECTION);

  g_clear_object (&self->episode);
  g_clear_object (&self->add_store);

  G_OBJECT_CLASS (efir_social_links_section_parent_class)->dispose (object);
}

static void
efir_social_links_section_class_init (EfirSocialLinksSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_social_links_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-social-links-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirSocialLinksSection, group);
  gtk_widget_class_bind_template_child (widget_class, EfirSocialLinksSection, list);

  gtk_widget_class_install_action (widget_class, "links.move-up", NULL, move_activated_cb);
  gtk_widget_class_install_action (widget_class, "links.move-down", NULL, move_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "links.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK,
                                       "links.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "links.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK,
                                       "links.move-down", NULL);
}

static void
efir_social_links_section_init (EfirSocialLinksSection *self)
{
  g_autoptr(GObject) placeholder = g_object_new (G_TYPE_OBJECT, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->add_store = g_list_store_new (G_TYPE_OBJECT);
  g_list_store_append (self->add_store, placeholder);

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
}
