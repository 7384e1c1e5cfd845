/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-social-links-section"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-editor-state.h"
#include "efir-link-checker.h"
#include "efir-link-cleanup.h"
#include "efir-row-list.h"
#include "efir-social-links-section.h"

/* Types and properties --------------------------------------------------- */

struct _EfirSocialLinksSection
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkButton           *check_button;
  GtkRevealer         *cleanup_revealer;
  GtkLabel            *cleanup_label;

  /* Owned */
  EfirEpisode         *episode;
  /* One placeholder item after the links, shown as the "Add link" row. */
  GListStore          *add_store;
  EfirLinkChecker     *checker;
  GCancellable        *check_cancellable;
  /* EfirSocialLink → LinkCheck, for the links checked since the episode
   * was shown. */
  GHashTable          *checks;
  /* What the last clean-up changed, for its Undo: the links, and their
   * addresses as pasted. */
  GPtrArray           *undo_links;
  GPtrArray           *undo_urls;

  /* Borrowed */
  AdwEntryRow         *add_row;
};

G_DEFINE_FINAL_TYPE (EfirSocialLinksSection, efir_social_links_section, GTK_TYPE_WIDGET)

typedef struct
{
  EfirLinkStatus  status;
  char           *final_url;
} LinkCheck;

static void
link_check_free (LinkCheck *check)
{
  g_free (check->final_url);
  g_free (check);
}

/* A check under way; it holds the link, not the section, which it reaches
 * only when the check was not cancelled. */
typedef struct
{
  EfirSocialLinksSection *self;
  EfirSocialLink         *link;
} CheckRequest;

static void update_row_check (EfirSocialLinksSection *self,
                              GtkWidget              *row,
                              EfirSocialLink         *link);

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

static GtkWidget *
find_row_for (EfirSocialLinksSection *self,
              EfirSocialLink         *link)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_object_get_data (G_OBJECT (row), "efir-link") == link)
        return row;
    }

  return NULL;
}

static void
set_check (EfirSocialLinksSection *self,
           EfirSocialLink         *link,
           EfirLinkStatus          status,
           char                   *final_url)
{
  GtkWidget *row;

  if (status == EFIR_LINK_STATUS_UNCHECKED)
    g_hash_table_remove (self->checks, link);
  else
    {
      LinkCheck *check = g_new0 (LinkCheck, 1);

      check->status = status;
      check->final_url = final_url;
      g_hash_table_replace (self->checks, g_object_ref (link), check);
    }

  row = find_row_for (self, link);
  if (row != NULL)
    update_row_check (self, row, link);
}

static void
link_checked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CheckRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  char *final_url = NULL;
  EfirLinkStatus status;

  status = efir_link_checker_check_finish (EFIR_LINK_CHECKER (object), result, &final_url, NULL,
                                           &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_check (request->self, request->link, status, final_url);
  else
    g_free (final_url);

  g_object_unref (request->link);
  g_free (request);
}

static void
check_link (EfirSocialLinksSection *self,
            EfirSocialLink         *link)
{
  CheckRequest *request;
  const char *url = efir_social_link_get_url (link);

  if (!efir_link_is_web_address (url))
    {
      set_check (self, link, EFIR_LINK_STATUS_UNCHECKED, NULL);
      return;
    }

  if (self->checker == NULL)
    self->checker = efir_link_checker_new ();

  set_check (self, link, EFIR_LINK_STATUS_CHECKING, NULL);

  request = g_new0 (CheckRequest, 1);
  request->self = self;
  request->link = g_object_ref (link);
  efir_link_checker_check_async (self->checker, url, self->check_cancellable, link_checked_cb,
                                 request);
}

static void
forget_checks (EfirSocialLinksSection *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->checks);
}

static void
forget_cleanup (EfirSocialLinksSection *self)
{
  g_ptr_array_set_size (self->undo_links, 0);
  g_ptr_array_set_size (self->undo_urls, 0);
  gtk_revealer_set_reveal_child (self->cleanup_revealer, FALSE);
}

/* What one clean-up of several links took away, said in one sentence. */
typedef struct
{
  GPtrArray *removed;
  char      *unwrapped_from;
} Removed;

static void
removed_clear (Removed *all)
{
  g_clear_pointer (&all->removed, g_ptr_array_unref);
  g_clear_pointer (&all->unwrapped_from, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Removed, removed_clear)

/* Keeps what @cleanup took from @link, once @original_url, for the
 * sentence and its Undo. */
static void
note_cleanup (EfirSocialLinksSection *self,
              Removed                *all,
              EfirSocialLink         *link,
              const char             *original_url,
              const EfirLinkCleanup  *cleanup)
{
  if (!efir_link_cleanup_removed_any ((EfirLinkCleanup *) cleanup))
    return;

  if (all->removed == NULL)
    all->removed = g_ptr_array_new_with_free_func (g_free);
  for (guint j = 0; cleanup->removed[j] != NULL; j++)
    {
      if (!g_ptr_array_find_with_equal_func (all->removed, cleanup->removed[j], g_str_equal, NULL))
        g_ptr_array_add (all->removed, g_strdup (cleanup->removed[j]));
    }
  if (all->unwrapped_from == NULL)
    all->unwrapped_from = g_strdup (cleanup->unwrapped_from);
  g_ptr_array_add (self->undo_links, g_object_ref (link));
  g_ptr_array_add (self->undo_urls, g_strdup (original_url));
}

/* One sentence for all the links cleaned together, with its Undo. */
static void
show_cleanup (EfirSocialLinksSection *self,
              Removed                *all)
{
  EfirLinkCleanup summary = { 0 };
  g_autofree char *description = NULL;

  if (self->undo_links->len == 0)
    return;

  g_ptr_array_add (all->removed, NULL);
  summary.removed = (GStrv) all->removed->pdata;
  summary.unwrapped_from = all->unwrapped_from;
  description = efir_link_cleanup_describe (&summary);
  gtk_label_set_text (self->cleanup_label, description);
  gtk_revealer_set_reveal_child (self->cleanup_revealer, TRUE);
}

/* Adds the links of @text, each cleaned and with its platform; says what
 * the clean-up took away, with an Undo; and checks them. */
static void
add_links_from (EfirSocialLinksSection *self,
                const char             *text)
{
  GListStore *links = get_links (self);
  g_auto(GStrv) urls = efir_link_split (text);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Removed) all = { 0 };

  if (links == NULL || urls[0] == NULL)
    return;

  forget_cleanup (self);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (urls[i]);
      EfirSocialLink *link;

      if (cleanup == NULL)
        {
          /* Kept as typed, and marked, for the producer to mend. */
          g_ptr_array_add (added, efir_social_link_new (urls[i], NULL));
          continue;
        }

      link = efir_social_link_new (cleanup->url,
                                   efir_social_platform_to_string (cleanup->platform));
      g_ptr_array_add (added, link);
      note_cleanup (self, &all, link, urls[i], cleanup);
    }

  g_list_store_splice (links, g_list_model_get_n_items (G_LIST_MODEL (links)), 0,
                       added->pdata, added->len);
  show_cleanup (self, &all);

  for (guint i = 0; i < added->len; i++)
    check_link (self, added->pdata[i]);
}

/* Cleans the links already there, as pasting them again would: links kept
 * from before Efir cleaned them, or edited since. */
static void
clean_all_links (EfirSocialLinksSection *self)
{
  GListStore *links = get_links (self);
  g_auto(Removed) all = { 0 };

  if (links == NULL)
    return;

  forget_cleanup (self);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (links)); i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (G_LIST_MODEL (links), i);
      g_autofree char *original = g_strdup (efir_social_link_get_url (link));
      g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (original);

      if (cleanup == NULL || g_str_equal (cleanup->url, original))
        continue;

      efir_social_link_set_url (link, cleanup->url);
      efir_social_link_set_platform (link, efir_social_platform_to_string (cleanup->platform));
      note_cleanup (self, &all, link, original, cleanup);
    }

  show_cleanup (self, &all);
}

/* Callbacks -------------------------------------------------------------- */

/* A link kept before Efir knew platforms shows the one its address names,
 * without writing it into the episode just for being shown. */
static EfirSocialPlatform
platform_of (EfirSocialLink *link)
{
  EfirSocialPlatform platform;

  if (!efir_social_platform_from_string (efir_social_link_get_platform (link), &platform))
    platform = efir_social_recognise (efir_social_link_get_url (link));

  return platform;
}

static void
update_row_platform (GtkWidget      *row,
                     EfirSocialLink *link)
{
  EfirSocialPlatform platform = platform_of (link);
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "efir-platform-icon");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 efir_social_platform_display_name (platform));
  gtk_image_set_from_icon_name (icon, efir_social_platform_icon_name (platform));
}

static void
update_row_check (EfirSocialLinksSection *self,
                  GtkWidget              *row,
                  EfirSocialLink         *link)
{
  LinkCheck *check = g_hash_table_lookup (self->checks, link);
  EfirLinkStatus status = check != NULL ? check->status : EFIR_LINK_STATUS_UNCHECKED;
  GtkImage *badge = g_object_get_data (G_OBJECT (row), "efir-check-badge");
  GtkWidget *use_new = g_object_get_data (G_OBJECT (row), "efir-use-new");
  g_autofree char *tooltip = NULL;
  const char *icon = NULL;
  const char *style = NULL;

  switch (status)
    {
    case EFIR_LINK_STATUS_CHECKING:
      icon = "content-loading-symbolic";
      tooltip = g_strdup (_("Checking the link…"));
      break;
    case EFIR_LINK_STATUS_OK:
      icon = "emblem-ok-symbolic";
      style = "success";
      tooltip = g_strdup (_("The link opens"));
      break;
    case EFIR_LINK_STATUS_MOVED:
      icon = "emblem-important-symbolic";
      style = "warning";
      tooltip = g_strdup_printf (_("The link has moved to %s"), check->final_url);
      break;
    case EFIR_LINK_STATUS_BROKEN:
      icon = "dialog-error-symbolic";
      style = "error";
      tooltip = g_strdup (_("The link is broken: the site says the page is not there"));
      break;
    case EFIR_LINK_STATUS_UNREACHABLE:
      icon = "network-offline-symbolic";
      style = "warning";
      tooltip = g_strdup (_("The site did not answer; check again later"));
      break;
    case EFIR_LINK_STATUS_UNCHECKED:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (badge), icon != NULL);
  if (icon != NULL)
    gtk_image_set_from_icon_name (badge, icon);
  efir_row_list_set_tooltip (GTK_WIDGET (badge), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip != NULL ? tooltip : "",
                                  -1);
  for (guint i = 0; i < 3; i++)
    {
      const char *styles[] = { "success", "warning", "error" };

      if (style != NULL && g_str_equal (styles[i], style))
        gtk_widget_add_css_class (GTK_WIDGET (badge), styles[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (badge), styles[i]);
    }

  gtk_widget_set_visible (use_new, status == EFIR_LINK_STATUS_MOVED);
  efir_row_list_set_tooltip (use_new, status == EFIR_LINK_STATUS_MOVED ? check->final_url : NULL);
}

static void
link_changed_cb (EfirSocialLink *link,
                 GParamSpec     *pspec,
                 GtkWidget      *row)
{
  update_row_platform (row, link);
}

/* An address edited names its platform anew; a check says nothing of it
 * any more. */
static void
link_url_changed_cb (EfirSocialLink         *link,
                     GParamSpec             *pspec,
                     EfirSocialLinksSection *self)
{
  EfirSocialPlatform platform = efir_social_recognise (efir_social_link_get_url (link));

  efir_social_link_set_platform (link, efir_social_platform_to_string (platform));
  if (g_hash_table_contains (self->checks, link))
    set_check (self, link, EFIR_LINK_STATUS_UNCHECKED, NULL);
}

static void
link_text_changed_cb (AdwEntryRow *row)
{
  update_link_error (row);
}

static void
use_new_clicked_cb (GtkButton              *button,
                    EfirSocialLinksSection *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  EfirSocialLink *link = row != NULL ? g_object_get_data (G_OBJECT (row), "efir-link") : NULL;
  LinkCheck *check = link != NULL ? g_hash_table_lookup (self->checks, link) : NULL;
  g_autoptr(EfirLinkCleanup) cleanup = NULL;

  if (check == NULL || check->final_url == NULL)
    return;

  g_object_ref (link);
  cleanup = efir_link_clean (check->final_url);
  efir_social_link_set_url (link, cleanup != NULL ? cleanup->url : check->final_url);
  efir_social_link_set_platform (link, efir_social_platform_to_string (
                                   cleanup != NULL ? cleanup->platform
                                                   : efir_social_recognise (check->final_url)));
  set_check (self, link, EFIR_LINK_STATUS_OK, NULL);
  g_object_unref (link);
}

static void
clean_clicked_cb (EfirSocialLinksSection *self)
{
  clean_all_links (self);
}

static void
check_clicked_cb (EfirSocialLinksSection *self)
{
  GListModel *links = G_LIST_MODEL (get_links (self));

  if (links == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EfirSocialLink) link = g_list_model_get_item (links, i);

      check_link (self, link);
    }
}

static void
undo_cleanup_clicked_cb (EfirSocialLinksSection *self)
{
  for (guint i = 0; i < self->undo_links->len; i++)
    {
      EfirSocialLink *link = self->undo_links->pdata[i];
      const char *pasted = self->undo_urls->pdata[i];

      efir_social_link_set_url (link, pasted);
      efir_social_link_set_platform (link,
                                     efir_social_platform_to_string (efir_social_recognise (pasted)));
    }

  forget_cleanup (self);
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
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *badge = gtk_image_new ();
  GtkWidget *use_new = gtk_button_new_with_label (_("Use New Address"));
  GtkWidget *open = gtk_button_new_from_icon_name ("adw-external-link-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_object_set_data (G_OBJECT (row), "efir-link", link);
  g_object_set_data (G_OBJECT (row), "efir-platform-icon", icon);
  g_object_set_data (G_OBJECT (row), "efir-check-badge", badge);
  g_object_set_data (G_OBJECT (row), "efir-use-new", use_new);

  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  gtk_widget_set_name (icon, "platform-icon");
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), icon);
  g_object_bind_property (link, "url", row, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (link, "notify::platform", G_CALLBACK (link_changed_cb), row, 0);
  g_signal_connect_object (link, "notify::url", G_CALLBACK (link_changed_cb), row, 0);
  g_signal_connect_object (link, "notify::url", G_CALLBACK (link_url_changed_cb), self, 0);
  g_signal_connect (row, "changed", G_CALLBACK (link_text_changed_cb), NULL);
  update_link_error (ADW_ENTRY_ROW (row));
  update_row_platform (row, link);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_name (badge, "check-badge");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), badge);

  gtk_widget_set_valign (use_new, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (use_new, "flat");
  gtk_widget_set_name (use_new, "use-new-address");
  g_signal_connect (use_new, "clicked", G_CALLBACK (use_new_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), use_new);
  update_row_check (self, row, link);

  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  efir_row_list_set_tooltip (open, _("Open in the Browser"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open in the Browser"),
                                  -1);
  g_object_bind_property_full (row, "text", open, "sensitive", G_BINDING_SYNC_CREATE,
                               text_to_valid_cb, NULL, NULL, NULL);
  g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), open);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  efir_row_list_set_tooltip (remove, _("Remove Link"));
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
  efir_row_list_set_tooltip (add, _("Add the Link"));
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
 * efir_social_links_section_set_link_checker:
 * @self: a social links section
 * @checker: the checker to check links with
 *
 * A section makes its own checker when it first needs one; tests give it
 * one that only reaches a server on loopback.
 */
void
efir_social_links_section_set_link_checker (EfirSocialLinksSection *self,
                                            EfirLinkChecker        *checker)
{
  g_return_if_fail (EFIR_IS_SOCIAL_LINKS_SECTION (self));
  g_return_if_fail (EFIR_IS_LINK_CHECKER (checker));

  g_set_object (&self->checker, checker);
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
  forget_checks (self);
  forget_cleanup (self);

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

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->checker);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->undo_links, g_ptr_array_unref);
  g_clear_pointer (&self->undo_urls, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, EfirSocialLinksSection, check_button);
  gtk_widget_class_bind_template_child (widget_class, EfirSocialLinksSection, cleanup_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfirSocialLinksSection, cleanup_label);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clean_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_cleanup_clicked_cb);

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
  self->check_cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                        (GDestroyNotify) link_check_free);
  self->undo_links = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo_urls = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
}
