/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-guest-directory"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-dialog-state.h"
#include "efir-guest-directory.h"
#include "efir-section-state.h"

/* Types and properties --------------------------------------------------- */

struct _EfirGuestDirectory
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *person_list;
  GtkStack             *pane_stack;
  GtkStack             *photo_stack;
  AdwAvatar            *avatar;
  GtkPicture           *photo_picture;
  AdwEntryRow          *name_row;
  AdwEntryRow          *role_row;
  GtkTextView          *bio_view;

  /* Owned */
  EfirStore            *store;
  GListStore           *people;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkMultiSelection    *selection;
  EfirPerson           *person;      /* the one in the edit pane */
  char                 *saved_name;  /* its name as the store has it */
  GtkFileChooserNative *chooser;
  guint                 save_source;
  gboolean              loading;     /* filling the fields in is not an edit */
  gboolean              dirty;
};

G_DEFINE_FINAL_TYPE (EfirGuestDirectory, efir_guest_directory, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  MERGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A save follows the last change by this much. */
#define SAVE_DELAY_MS 500

/* Helpers ---------------------------------------------------------------- */

static void
show_toast (EfirGuestDirectory *self,
            const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static gboolean
save_now (EfirGuestDirectory *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty || self->person == NULL)
    return TRUE;

  name = efir_section_state_clean_name (efir_person_get_name (self->person));
  if (name[0] == '\0')
    {
      /* Someone new is not in the directory until they have a name; an
       * entry whose name was cleared keeps the one it had.
       */
      if (efir_person_get_id (self->person) == 0)
        return TRUE;
      efir_person_set_name (self->person, self->saved_name);
    }
  else
    efir_person_set_name (self->person, name);

  if (!efir_store_save_person (self->store, self->person, &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not save the entry: %s"), error->message);

      show_toast (self, message);
      return FALSE;
    }

  self->dirty = FALSE;
  g_free (self->saved_name);
  self->saved_name = g_strdup (efir_person_get_name (self->person));

  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  EfirGuestDirectory *self = user_data;

  self->save_source = 0;
  save_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (EfirGuestDirectory *self)
{
  if (self->loading || self->person == NULL)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
show_photo (EfirGuestDirectory *self)
{
  const char *path = self->person != NULL ? efir_person_get_photo_path (self->person) : "";

  adw_avatar_set_text (self->avatar, self->person != NULL ? efir_person_get_name (self->person) : "");

  if (path[0] != '\0' && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      gtk_picture_set_filename (self->photo_picture, path);
      gtk_stack_set_visible_child_name (self->photo_stack, "photo");
    }
  else
    {
      gtk_picture_set_paintable (self->photo_picture, NULL);
      gtk_stack_set_visible_child_name (self->photo_stack, "avatar");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.remove-photo", path[0] != '\0');
}

static void
show_person (EfirGuestDirectory *self,
             EfirPerson         *person)
{
  if (person == self->person)
    return;

  save_now (self);

  g_set_object (&self->person, person);
  g_free (self->saved_name);
  self->saved_name = g_strdup (person != NULL ? efir_person_get_name (person) : "");

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         person != NULL ? efir_person_get_name (person) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row),
                         person != NULL ? efir_person_get_default_role (person) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->bio_view),
                            person != NULL ? efir_person_get_bio (person) : "", -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  self->loading = FALSE;

  show_photo (self);
}

/* The people selected in the list, in list order. */
static GPtrArray *
dup_selected (EfirGuestDirectory *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (people, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return people;
}

static void
update_pane (EfirGuestDirectory *self)
{
  g_autoptr(GPtrArray) selected = dup_selected (self);
  gboolean has_items = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;

  gtk_stack_set_visible_child_name (self->list_stack, has_items ? "people" : "no-match");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.merge", selected->len == 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", selected->len == 1);

  if (selected->len == 1)
    {
      show_person (self, selected->pdata[0]);
      gtk_stack_set_visible_child_name (self->pane_stack, "edit");
      return;
    }

  show_person (self, NULL);
  gtk_stack_set_visible_child_name (self->pane_stack, selected->len == 2 ? "merge" : "none");
}

static gboolean
find_position (GListModel *model,
               gpointer    item,
               guint      *position)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
select_person (EfirGuestDirectory *self,
               EfirPerson         *person)
{
  guint position;

  if (person == NULL || !find_position (G_LIST_MODEL (self->selection), person, &position))
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      return;
    }

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->person_list), "list.scroll-to-item", "u", position);
}

static EfirPerson *
find_by_id (GListModel *people,
            gint64      id)
{
  guint n_items = g_list_model_get_n_items (people);

  for (guint i = 0; i < n_items; i++)
    {
      EfirPerson *person = g_list_model_get_item (people, i);

      /* The list keeps its own reference. */
      g_object_unref (person);
      if (efir_person_get_id (person) == id)
        return person;
    }

  return NULL;
}

static void
load_people (EfirGuestDirectory *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = efir_store_list_people (self->store, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items;

  if (people == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not read the guest directory: %s"),
                                                  error->message);

      show_toast (self, message);
      return;
    }

  n_items = g_list_model_get_n_items (people);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (people, i));

  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)),
                       items->pdata, items->len);
}

static gboolean
merge_people (EfirGuestDirectory *self,
              EfirPerson         *keep,
              EfirPerson         *remove)
{
  g_autoptr(GError) error = NULL;
  gint64 keep_id = efir_person_get_id (keep);
  gint64 remove_id = efir_person_get_id (remove);

  /* The edit pane shows neither, but an edit typed a moment ago is saved
   * before the two become one.
   */
  if (!save_now (self))
    return FALSE;

  if (!efir_store_merge_people (self->store, keep_id, remove_id, &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not merge the entries: %s"), error->message);

      show_toast (self, message);
      return FALSE;
    }

  load_people (self);
  select_person (self, find_by_id (G_LIST_MODEL (self->people), keep_id));
  update_pane (self);

  g_signal_emit (self, signals[MERGED], 0, keep_id, remove_id);

  return TRUE;
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
person_filtered_cb (gpointer item,
                  gpointer user_data)
{
  EfirGuestDirectory *self = user_data;

  return efir_dialog_state_person_matches (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                           item);
}

static void
row_set_up_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *avatar = adw_avatar_new (32, NULL, TRUE);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *role = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (role), 0);
  gtk_label_set_ellipsize (GTK_LABEL (role), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (role, "dim-label");
  gtk_widget_add_css_class (role, "caption");
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), role);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_item_set_child (item, box);
}

static void
row_bound_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  EfirPerson *person = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *avatar = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (avatar);
  GtkWidget *name = gtk_widget_get_first_child (labels);
  GtkWidget *role = gtk_widget_get_next_sibling (name);
  GPtrArray *bindings = g_ptr_array_new ();

  /* Bound, so that the row follows the name and role as they are typed. */
  g_ptr_array_add (bindings, g_object_bind_property (person, "name", name, "label",
                                                     G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (person, "name", avatar, "text",
                                                     G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (person, "default-role", role, "label",
                                                     G_BINDING_SYNC_CREATE));
  g_object_set_data_full (G_OBJECT (item), "bindings", bindings, (GDestroyNotify) g_ptr_array_unref);
}

static void
row_unbound_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (item), "bindings");

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (bindings->pdata[i]);
  g_object_set_data (G_OBJECT (item), "bindings", NULL);
}

static void
selection_changed_cb (EfirGuestDirectory *self)
{
  update_pane (self);
}

static void
search_changed_cb (EfirGuestDirectory *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_pane (self);
}

static void
search_activated_cb (EfirGuestDirectory *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "directory.new", NULL);
      return;
    }

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
name_changed_cb (EfirGuestDirectory *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *name = efir_section_state_clean_name (text);

  if (self->loading || self->person == NULL)
    return;

  if (name[0] == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  efir_person_set_name (self->person, text);
  adw_avatar_set_text (self->avatar, text);
  schedule_save (self);
}

static void
role_changed_cb (EfirGuestDirectory *self)
{
  if (self->loading || self->person == NULL)
    return;

  efir_person_set_default_role (self->person, gtk_editable_get_text (GTK_EDITABLE (self->role_row)));
  schedule_save (self);
}

static void
bio_changed_cb (EfirGuestDirectory *self,
                GtkTextBuffer      *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->person == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  efir_person_set_bio (self->person, text);
  schedule_save (self);
}

static void
photo_chosen_cb (EfirGuestDirectory   *self,
                 int                   response,
                 GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->person != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      efir_person_set_photo_path (self->person, path);
      show_photo (self);
      schedule_save (self);
    }

  g_clear_object (&self->chooser);
}

static void
new_activated_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (widget);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *name = efir_section_state_clean_name (query);
  g_autoptr(EfirPerson) person = efir_person_new (name);

  save_now (self);

  /* Whom the producer searched for and did not find is whom they add. */
  if (name[0] != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (!efir_store_save_person (self->store, person, &error))
        {
          /* Translators: %s says why */
          g_autofree char *message = g_strdup_printf (_("Could not add the person: %s"), error->message);

          show_toast (self, message);
          return;
        }
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  g_list_store_append (self->people, person);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  select_person (self, person);
  update_pane (self);
  gtk_widget_grab_focus (GTK_WIDGET (name[0] != '\0' ? self->role_row : self->name_row));
}

static void
find_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
choose_photo_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (widget);
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  if (self->person == NULL || self->chooser != NULL)
    return;

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);

  self->chooser = gtk_file_chooser_native_new (_("Choose a Photo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (photo_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_photo_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (widget);

  if (self->person == NULL)
    return;

  efir_person_set_photo_path (self->person, NULL);
  show_photo (self);
  schedule_save (self);
}

static void
merge_answered_cb (AdwMessageDialog   *dialog,
                   const char         *response,
                   EfirGuestDirectory *self)
{
  GtkCheckButton *first = g_object_get_data (G_OBJECT (dialog), "first-choice");
  EfirPerson *a = g_object_get_data (G_OBJECT (dialog), "first");
  EfirPerson *b = g_object_get_data (G_OBJECT (dialog), "second");

  if (!g_str_equal (response, "merge"))
    return;

  if (gtk_check_button_get_active (first))
    merge_people (self, a, b);
  else
    merge_people (self, b, a);
}

static GtkWidget *
create_choice (EfirPerson     *person,
               GtkCheckButton *group)
{
  const char *role = efir_person_get_default_role (person);
  g_autofree char *label = NULL;
  GtkWidget *choice;

  if (role[0] != '\0')
    /* Translators: a person's name and their role, to choose the name to keep */
    label = g_strdup_printf (_("%s (%s)"), efir_person_get_name (person), role);
  else
    label = g_strdup (efir_person_get_name (person));

  choice = gtk_check_button_new_with_label (label);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (choice), group);

  return choice;
}

static void
merge_activated_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (widget);
  g_autoptr(GPtrArray) selected = dup_selected (self);
  EfirPerson *a, *b;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *first;
  GtkWidget *second;
  GtkWidget *keep;

  if (selected->len != 2)
    return;

  a = selected->pdata[0];
  b = selected->pdata[1];

  /* An entry only typed in, never saved, has nothing to merge into. */
  save_now (self);
  if (efir_person_get_id (a) == 0 || efir_person_get_id (b) == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  first = create_choice (a, NULL);
  second = create_choice (b, GTK_CHECK_BUTTON (first));
  keep = efir_dialog_state_name_to_keep (a, b) == 0 ? first : second;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), TRUE);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Merge Two Entries?"),
                                   _("Choose the name to keep. Every episode that lists either "
                                     "entry will show that name, and the other entry is deleted."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "first-choice", first);
  g_object_set_data_full (G_OBJECT (dialog), "first", g_object_ref (a), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "second", g_object_ref (b), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_answered_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_answered_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    EfirGuestDirectory *self)
{
  EfirPerson *person = g_object_get_data (G_OBJECT (dialog), "person");
  GPtrArray *others = g_object_get_data (G_OBJECT (dialog), "others");
  GtkDropDown *into = g_object_get_data (G_OBJECT (dialog), "into");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "merge"))
    {
      merge_people (self, g_ptr_array_index (others, gtk_drop_down_get_selected (into)), person);
      return;
    }

  if (!g_str_equal (response, "delete"))
    return;

  if (!efir_store_delete_person (self->store, efir_person_get_id (person), &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* Gone from the store: nothing of it is left to save. */
  self->dirty = FALSE;
  show_person (self, NULL);
  load_people (self);
  update_pane (self);
}

/* An entry no episode names is deleted once confirmed; one that episodes
 * name is a duplicate to merge, or a guest to keep: the dialog says so
 * and offers the merge at once. */
static void
delete_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  EfirPerson *person = self->person;
  GtkWidget *dialog;

  if (person == NULL || !save_now (self) || efir_person_get_id (person) == 0)
    return;

  if (efir_store_can_delete_person (self->store, efir_person_get_id (person), &error))
    {
      /* Translators: %s is a person's name. */
      heading = g_strdup_printf (_("Delete “%s”?"), efir_person_get_name (person));
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                       _("No episode has them as a guest. The entry is deleted "
                                         "for good."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "delete", _("_Delete"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else if (g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID))
    {
      GtkWidget *into;

      for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->people)); i < n; i++)
        {
          g_autoptr(EfirPerson) other = g_list_model_get_item (G_LIST_MODEL (self->people), i);

          if (efir_person_get_id (other) == 0 || other == person)
            continue;
          gtk_string_list_append (names, efir_person_get_name (other));
          g_ptr_array_add (others, g_steal_pointer (&other));
        }

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Entry Cannot Be Deleted"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
      if (others->len > 0)
        {
          into = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (into), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Entry to keep"), -1);
          adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), into);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "merge",
                                           _("_Merge Into the Chosen Entry"));
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                                      ADW_RESPONSE_SUGGESTED);
          g_object_set_data (G_OBJECT (dialog), "into", into);
        }
      g_object_set_data_full (G_OBJECT (dialog), "others", g_steal_pointer (&others),
                              (GDestroyNotify) g_ptr_array_unref);
    }
  else
    {
      show_toast (self, error->message);
      return;
    }

  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "person", g_object_ref (person), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_guest_directory_new:
 * @parent: (nullable): the window the directory belongs to
 * @store: the store
 *
 * The guest directory: search, edit each entry (saved a moment after each
 * change and when the window closes), and merge two entries of one person.
 * After a merge, EfirGuestDirectory::merged tells the window to reload the
 * episode it shows, whose guests may have changed.
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
efir_guest_directory_new (GtkWindow *parent,
                          EfirStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  return g_object_new (EFIR_TYPE_GUEST_DIRECTORY,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/* GObject overrides ------------------------------------------------------ */

static gboolean
efir_guest_directory_close_request (GtkWindow *window)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (window);

  /* An entry that cannot be saved keeps the window open, with the reason
   * shown, rather than go away with what was typed.
   */
  if (!save_now (self))
    return TRUE;

  if (GTK_WINDOW_CLASS (efir_guest_directory_parent_class)->close_request == NULL)
    return FALSE;

  return GTK_WINDOW_CLASS (efir_guest_directory_parent_class)->close_request (window);
}

static void
efir_guest_directory_constructed (GObject *object)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (object);

  G_OBJECT_CLASS (efir_guest_directory_parent_class)->constructed (object);

  load_people (self);
  update_pane (self);
}

static void
efir_guest_directory_dispose (GObject *object)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_GUEST_DIRECTORY);

  g_clear_object (&self->person);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->people);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_guest_directory_parent_class)->dispose (object);
}

static void
efir_guest_directory_finalize (GObject *object)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (object);

  g_clear_pointer (&self->saved_name, g_free);

  G_OBJECT_CLASS (efir_guest_directory_parent_class)->finalize (object);
}

static void
efir_guest_directory_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (object);

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
efir_guest_directory_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EfirGuestDirectory *self = EFIR_GUEST_DIRECTORY (object);

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
efir_guest_directory_class_init (EfirGuestDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = efir_guest_directory_constructed;
  object_class->dispose = efir_guest_directory_dispose;
  object_class->finalize = efir_guest_directory_finalize;
  object_class->get_property = efir_guest_directory_get_property;
  object_class->set_property = efir_guest_directory_set_property;

  window_class->close_request = efir_guest_directory_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirGuestDirectory::merged:
   * @self: the guest directory
   * @keep_id: the entry that stayed
   * @remove_id: the entry that was deleted
   *
   * Two entries became one: every episode's guests of @remove_id now
   * point to @keep_id, under its name.
   */
  signals[MERGED] =
    g_signal_new ("merged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-guest-directory.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, person_list);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, photo_stack);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, avatar);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, photo_picture);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, name_row);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, role_row);
  gtk_widget_class_bind_template_child (widget_class, EfirGuestDirectory, bio_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);

  gtk_widget_class_install_action (widget_class, "directory.new", NULL, new_activated_cb);
  gtk_widget_class_install_action (widget_class, "directory.merge", NULL, merge_activated_cb);
  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, delete_activated_cb);
  gtk_widget_class_install_action (widget_class, "directory.search", NULL, find_activated_cb);
  gtk_widget_class_install_action (widget_class, "directory.choose-photo", NULL,
                                   choose_photo_activated_cb);
  gtk_widget_class_install_action (widget_class, "directory.remove-photo", NULL,
                                   remove_photo_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "directory.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "directory.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "directory.merge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_guest_directory_init (EfirGuestDirectory *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->people = g_list_store_new (EFIR_TYPE_PERSON);
  self->filter = gtk_custom_filter_new (person_filtered_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->people)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (row_set_up_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bound_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbound_cb), self);
  gtk_list_view_set_factory (self->person_list, factory);
  gtk_list_view_set_model (self->person_list, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->person_list));

  g_signal_connect_object (gtk_text_view_get_buffer (self->bio_view), "changed",
                           G_CALLBACK (bio_changed_cb), self, G_CONNECT_SWAPPED);
}
