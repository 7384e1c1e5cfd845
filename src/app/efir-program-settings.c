/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-program-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-dialog-state.h"
#include "efir-editor-state.h"
#include "efir-link-cleanup.h"
#include "efir-social.h"
#include "efir-program-settings.h"
#include "efir-publisher.h"
#include "efir-section-state.h"

/* Types and properties --------------------------------------------------- */

struct _EfirProgramSettings
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  GtkLabel             *name_error_label;
  AdwComboRow          *language_row;
  GtkMenuButton        *time_zone_button;
  GtkPopover           *time_zone_popover;
  GtkSearchEntry       *time_zone_search;
  GtkListView          *time_zone_list;
  GtkTextView          *description_view;
  GtkListBox           *host_list;
  AdwEntryRow          *add_host_row;
  AdwEntryRow          *hashtag_row;
  GtkLabel             *hashtag_error_label;
  GtkLabel             *account_error_label;
  GtkFlowBox           *hashtag_box;
  GtkListBox           *account_list;
  AdwEntryRow          *add_account_row;
  AdwPreferencesGroup  *share_group;
  AdwComboRow          *site_row;
  AdwComboRow          *category_row;
  AdwEntryRow          *new_category_row;
  GtkLabel             *category_status_label;

  /* Owned */
  EfirStore            *store;
  EfirProgram          *program;     /* the copy this window edits and saves */
  GStrv                 zones;       /* the zones the chooser offers, in its order */
  GtkStringFilter      *zone_filter; /* the chooser's search */
  GListModel           *zones_shown; /* their labels the search leaves */
  guint                 save_source;
  gboolean              loading;     /* filling the fields in is not an edit */
  gboolean              dirty;
  gboolean              discarded;
  EfirPublisher        *publisher;
  GCancellable         *cancellable;      /* of the categories being read */
  GArray               *site_ids;         /* gint64, one a row of site_row; 0 for "None" */
  GPtrArray            *categories;       /* the names category_row offers between "None" and "New" */
  gint64                site_id;          /* the default site, 0 for none */
  char                 *category;         /* the default category, "" for none */
  gboolean              publishing_dirty; /* site or category to write once the programme is saved */
};

G_DEFINE_FINAL_TYPE (EfirProgramSettings, efir_program_settings, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROGRAM,
  N_PROPS
};

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A save follows the last change by this much. */
#define SAVE_DELAY_MS 500

static void hashtag_removed_cb   (EfirProgramSettings *self,
                                  GtkButton           *chip);
static void host_changed_cb      (EfirProgramSettings *self);
static void account_changed_cb   (EfirProgramSettings *self,
                                  GParamSpec          *pspec,
                                  AdwEntryRow         *row);
static void row_removed_cb       (GtkButton           *button,
                                  EfirProgramSettings *self);
static void categories_read_cb   (GObject             *source,
                                  GAsyncResult        *result,
                                  gpointer             user_data);

/* Helpers ---------------------------------------------------------------- */

static EfirProgram *
copy_program (EfirProgram *program)
{
  EfirProgram *copy = efir_program_new (efir_program_get_name (program));

  efir_program_set_id (copy, efir_program_get_id (program));
  efir_program_set_language (copy, efir_program_get_language (program));
  efir_program_set_time_zone (copy, efir_program_get_time_zone (program));
  efir_program_set_description (copy, efir_program_get_description (program));
  efir_program_set_hosts (copy, efir_program_get_hosts (program));
  efir_program_set_hashtags (copy, efir_program_get_hashtags (program));
  efir_program_set_social_accounts (copy, efir_program_get_social_accounts (program));

  {
    g_auto(GStrv) platforms = efir_program_dup_share_template_platforms (program);

    for (guint i = 0; platforms[i] != NULL; i++)
      efir_program_set_share_template (copy, platforms[i],
                                       efir_program_get_share_template (program, platforms[i]));
  }

  return copy;
}

static char *
read_zone_table (void)
{
  const char *tzdir = g_getenv ("TZDIR");
  const char *names[] = { "zone1970.tab", "zone.tab" };

  if (tzdir == NULL || tzdir[0] == '\0')
    tzdir = "/usr/share/zoneinfo";

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tzdir, names[i], NULL);
      char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL))
        return contents;
    }

  return NULL;
}

/* A name the store refuses is said under the name; anything else, such as
 * a full disk, in a toast.
 */
static void
show_error (EfirProgramSettings *self,
            const GError        *error)
{
  gboolean shown = g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);

  if (error != NULL && !shown)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the programme: %s"),
                                                  error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }

  gtk_label_set_label (self->name_error_label, shown ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), shown);
  if (shown)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static gboolean
is_new_without_name (EfirProgramSettings *self)
{
  return efir_program_get_id (self->program) == 0 && efir_program_get_name (self->program)[0] == '\0';
}

static gboolean
save_now (EfirProgramSettings  *self,
          GError              **error)
{
  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty)
    return TRUE;

  if (!efir_store_save_program (self->store, self->program, error))
    return FALSE;

  /* A new programme has an id only now. */
  if (self->publishing_dirty
      && !efir_store_set_program_site (self->store, efir_program_get_id (self->program),
                                       self->site_id, self->category, error))
    return FALSE;

  self->publishing_dirty = FALSE;
  self->dirty = FALSE;
  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->program);

  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  EfirProgramSettings *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;

  /* A new programme waits for its name before anything is saved. */
  if (is_new_without_name (self))
    return G_SOURCE_REMOVE;

  if (!save_now (self, &error))
    show_error (self, error);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (EfirProgramSettings *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static GtkWidget *
create_remove_button (EfirProgramSettings *self,
                      const char          *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_removed_cb), self, 0);

  return button;
}

/* Puts a row for @text just above the list's "Add" row. */
static AdwEntryRow *
insert_entry_row (EfirProgramSettings *self,
                  GtkListBox          *list,
                  AdwEntryRow         *add_row,
                  const char          *title,
                  const char          *text,
                  const char          *remove_tooltip)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), create_remove_button (self, remove_tooltip));
  gtk_list_box_insert (list, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (add_row)));

  return ADW_ENTRY_ROW (row);
}

static void
add_host_row (EfirProgramSettings *self,
              const char          *name)
{
  AdwEntryRow *row = insert_entry_row (self, self->host_list, self->add_host_row, _("Host"), name,
                                       _("Remove Host"));

  g_signal_connect_object (row, "changed", G_CALLBACK (host_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
add_account_row (EfirProgramSettings *self,
                 const char          *url)
{
  AdwEntryRow *row = insert_entry_row (self, self->account_list, self->add_account_row,
                                       efir_social_platform_display_name (efir_social_recognise (url)),
                                       url, _("Remove Link"));

  adw_entry_row_set_input_purpose (row, GTK_INPUT_PURPOSE_URL);
  g_signal_connect_object (row, "notify::text", G_CALLBACK (account_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The texts of the entry rows of @list, without its "Add" row and without
 * rows left empty.
 */
static GStrv
collect_rows (GtkListBox  *list,
              AdwEntryRow *add_row,
              gboolean     urls)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *text;

      if (!ADW_IS_ENTRY_ROW (row) || row == GTK_WIDGET (add_row))
        continue;

      text = gtk_editable_get_text (GTK_EDITABLE (row));
      if (urls)
        {
          g_autofree char *url = efir_link_clean_url (text);

          if (url != NULL)
            g_strv_builder_add (builder, url);
        }
      else
        {
          g_autofree char *name = efir_section_state_clean_name (text);

          if (name[0] != '\0')
            g_strv_builder_add (builder, name);
        }
    }

  return g_strv_builder_end (builder);
}

static gboolean
has_invalid_account (EfirProgramSettings *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->account_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (gtk_widget_has_css_class (row, "error"))
        return TRUE;
    }

  return FALSE;
}

static void
update_hosts (EfirProgramSettings *self)
{
  g_auto(GStrv) hosts = collect_rows (self->host_list, self->add_host_row, FALSE);

  efir_program_set_hosts (self->program, (const char * const *) hosts);
  schedule_save (self);
}

static void
update_accounts (EfirProgramSettings *self)
{
  g_auto(GStrv) accounts = collect_rows (self->account_list, self->add_account_row, TRUE);

  efir_program_set_social_accounts (self->program, (const char * const *) accounts);
  schedule_save (self);
}

static void
show_hashtags (EfirProgramSettings *self)
{
  const char * const *hashtags = efir_program_get_hashtags (self->program);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hashtag_box))) != NULL)
    gtk_flow_box_remove (self->hashtag_box, child);

  for (guint i = 0; hashtags[i] != NULL; i++)
    {
      g_autofree char *label = g_strconcat ("#", hashtags[i], NULL);
      /* Translators: %s is a hashtag, "#ÇətinSual" */
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), label);
      GtkWidget *chip = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");

      gtk_box_append (GTK_BOX (box), gtk_label_new (label));
      gtk_box_append (GTK_BOX (box), icon);
      gtk_button_set_child (GTK_BUTTON (chip), box);
      gtk_widget_set_tooltip_text (chip, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                      -1);
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      g_object_set_data_full (G_OBJECT (chip), "hashtag", g_strdup (hashtags[i]), g_free);
      g_signal_connect_object (chip, "clicked", G_CALLBACK (hashtag_removed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->hashtag_box, chip);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->hashtag_box), hashtags[0] != NULL);
}

static void
commit_hashtags (EfirProgramSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->hashtag_row));
  const char *problem = efir_dialog_state_hashtags_problem (text);
  g_auto(GStrv) hashtags = NULL;

  /* What was typed stays in the row, to be mended. */
  gtk_label_set_label (self->hashtag_error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hashtag_error_label), problem != NULL);
  if (text[0] == '\0' || problem != NULL)
    return;

  hashtags = efir_dialog_state_add_hashtags (efir_program_get_hashtags (self->program), text);
  gtk_editable_set_text (GTK_EDITABLE (self->hashtag_row), "");
  efir_program_set_hashtags (self->program, (const char * const *) hashtags);
  show_hashtags (self);
  schedule_save (self);
}

static void
commit_host (EfirProgramSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_host_row));
  g_autofree char *name = efir_section_state_clean_name (text);

  if (name[0] == '\0')
    return;

  add_host_row (self, name);
  gtk_editable_set_text (GTK_EDITABLE (self->add_host_row), "");
  update_hosts (self);
}

static gboolean
commit_account (EfirProgramSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_account_row));
  g_auto(GStrv) links = efir_link_split (text);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);

  /* Pages are often pasted several at once, one a line. */
  for (guint i = 0; links[i] != NULL; i++)
    {
      char *url = efir_link_clean_url (links[i]);

      if (url == NULL)
        {
          g_autofree char *message = NULL;

          /* What was typed stays in the row, with what is wrong with it. */
          message = g_strdup_printf (_("“%s” is not a web address. Give the page’s address, "
                                       "such as https://www.facebook.com/cetinsual or "
                                       "facebook.com/cetinsual."),
                                     links[i]);
          gtk_widget_add_css_class (GTK_WIDGET (self->add_account_row), "error");
          gtk_label_set_label (self->account_error_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->account_error_label), TRUE);
          return FALSE;
        }
      g_ptr_array_add (urls, url);
    }

  for (guint i = 0; i < urls->len; i++)
    add_account_row (self, urls->pdata[i]);

  gtk_editable_set_text (GTK_EDITABLE (self->add_account_row), "");
  if (urls->len > 0)
    update_accounts (self);

  return TRUE;
}

/* A template the producer leaves as the default is not stored, so that a
 * better default reaches every programme that kept it. */
static void
share_template_changed_cb (GtkTextBuffer       *buffer,
                           EfirProgramSettings *self)
{
  EfirSocialPlatform platform = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer),
                                                                    "efir-platform"));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_str_equal (text, efir_share_default_template (platform)))
    g_clear_pointer (&text, g_free);

  efir_program_set_share_template (self->program, efir_social_platform_to_string (platform),
                                   text);
  schedule_save (self);
}

static void
add_share_template_rows (EfirProgramSettings *self)
{
  static const EfirSocialPlatform platforms[] = {
    EFIR_SOCIAL_PLATFORM_FACEBOOK, EFIR_SOCIAL_PLATFORM_INSTAGRAM, EFIR_SOCIAL_PLATFORM_X,
    EFIR_SOCIAL_PLATFORM_TELEGRAM, EFIR_SOCIAL_PLATFORM_TIKTOK,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      const char *name = efir_social_platform_to_string (platforms[i]);
      const char *own = efir_program_get_share_template (self->program, name);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     efir_social_platform_display_name (platforms[i]));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   gtk_image_new_from_icon_name (
                                     efir_social_platform_icon_name (platforms[i])));
      gtk_widget_set_name (row, name);

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_widget_set_size_request (view, -1, 120);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      efir_social_platform_display_name (platforms[i]), -1);
      gtk_text_buffer_set_text (buffer,
                                own[0] != '\0' ? own : efir_share_default_template (platforms[i]),
                                -1);
      g_object_set_data (G_OBJECT (buffer), "efir-platform", GINT_TO_POINTER (platforms[i]));
      g_signal_connect_object (buffer, "changed", G_CALLBACK (share_template_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), view);

      adw_preferences_group_add (self->share_group, row);
    }
}

/* The categories the row offers: "None", those of the site (and the
 * programme's own, which the site may not have yet), "New Category…". */
static void
show_categories (EfirProgramSettings *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean loading = self->loading;

  if (self->category[0] != '\0'
      && !g_ptr_array_find_with_equal_func (self->categories, self->category, g_str_equal, NULL))
    g_ptr_array_add (self->categories, g_strdup (self->category));

  gtk_string_list_append (labels, C_("category", "None"));
  for (guint i = 0; i < self->categories->len; i++)
    {
      const char *name = g_ptr_array_index (self->categories, i);

      gtk_string_list_append (labels, name);
      if (g_str_equal (name, self->category))
        selected = i + 1;
    }
  gtk_string_list_append (labels, _("New Category…"));

  self->loading = TRUE;
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->category_row, selected);
  self->loading = loading;

  gtk_widget_set_sensitive (GTK_WIDGET (self->category_row), self->site_id > 0);
}

static void
show_category_status (EfirProgramSettings *self,
                      const char          *text)
{
  gtk_label_set_label (self->category_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->category_status_label), text != NULL);
}

/* The site's categories come from the site, in a worker. */
static void
read_categories (EfirProgramSettings *self)
{
  GWeakRef *self_ref;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_ptr_array_set_size (self->categories, 0);
  show_categories (self);

  if (self->site_id <= 0)
    {
      show_category_status (self, NULL);
      return;
    }

  show_category_status (self, _("Reading the site’s categories…"));
  self->cancellable = g_cancellable_new ();
  /* The worker does not keep the window: a window that goes does not wait
   * for the site. */
  self_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (self_ref, self);
  efir_publisher_list_categories_async (self->publisher, self->site_id, self->cancellable,
                                        categories_read_cb, self_ref);
}

static void
save_publishing (EfirProgramSettings *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  self->publishing_dirty = TRUE;
  if (efir_program_get_id (self->program) == 0)
    {
      schedule_save (self);
      return;
    }

  if (!efir_store_set_program_site (self->store, efir_program_get_id (self->program),
                                    self->site_id, self->category, &error))
    {
      show_error (self, error);
      return;
    }

  self->publishing_dirty = FALSE;
}

static void
load_publishing (EfirProgramSettings *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  gint64 none = 0;
  guint selected = 0;

  if (efir_program_get_id (self->program) != 0
      && !efir_store_get_program_site (self->store, efir_program_get_id (self->program),
                                       &self->site_id, &category, &error))
    {
      g_debug ("No default site read: %s", error->message);
      g_clear_error (&error);
    }
  g_free (self->category);
  self->category = g_strdup (category != NULL ? category : "");

  if (!(sites = efir_store_list_sites (self->store, &error)))
    g_debug ("No sites read: %s", error->message);

  g_array_append_val (self->site_ids, none);
  gtk_string_list_append (labels, C_("site", "None"));
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      const EfirSite *site = g_ptr_array_index (sites, i);

      g_array_append_val (self->site_ids, site->id);
      gtk_string_list_append (labels, site->url);
      if (site->id == self->site_id)
        selected = i + 1;
    }

  adw_combo_row_set_model (self->site_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->site_row, selected);
  if (selected == 0)
    self->site_id = 0;

  read_categories (self);
}

static void
load_program (EfirProgramSettings *self)
{
  const char * const *hosts = efir_program_get_hosts (self->program);
  const char * const *accounts = efir_program_get_social_accounts (self->program);
  const char *time_zone = efir_program_get_time_zone (self->program);
  g_autofree char *zone_table = read_zone_table ();
  g_autoptr(GtkStringList) zone_labels = gtk_string_list_new (NULL);
  guint language;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), efir_program_get_name (self->program));
  language = efir_dialog_state_language_index (efir_program_get_language (self->program));
  adw_combo_row_set_selected (self->language_row, language);

  self->zones = efir_dialog_state_time_zones (zone_table, time_zone);
  for (guint i = 0; self->zones[i] != NULL; i++)
    {
      g_autofree char *label = efir_dialog_state_time_zone_label (self->zones[i]);

      gtk_string_list_append (zone_labels, label);
    }
  {
    g_autoptr(GtkFilterListModel) filtered = NULL;
    g_autoptr(GtkNoSelection) selection = NULL;
    g_autofree char *label = efir_dialog_state_time_zone_label (time_zone);

    /* Hundreds of zones: a few letters of the city, the region or the
     * country's part of the name find it, wherever they are in it.
     */
    g_clear_object (&self->zone_filter);
    self->zone_filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                            NULL, "string"));
    gtk_string_filter_set_match_mode (self->zone_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
    filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (zone_labels)),
                                          GTK_FILTER (g_object_ref (self->zone_filter)));
    g_set_object (&self->zones_shown, G_LIST_MODEL (filtered));
    selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (filtered)));
    gtk_list_view_set_model (self->time_zone_list, GTK_SELECTION_MODEL (selection));
    gtk_menu_button_set_label (self->time_zone_button, label);
  }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            efir_program_get_description (self->program), -1);

  for (guint i = 0; hosts[i] != NULL; i++)
    add_host_row (self, hosts[i]);
  for (guint i = 0; accounts[i] != NULL; i++)
    add_account_row (self, accounts[i]);
  show_hashtags (self);
  add_share_template_rows (self);
  load_publishing (self);

  if (efir_program_get_id (self->program) == 0)
    gtk_window_set_title (GTK_WINDOW (self), _("New Programme"));

  self->loading = FALSE;
}

/* Callbacks -------------------------------------------------------------- */

/* The message dialog that asked is transient for this window: it must
 * finish its response before the window goes.
 */
static gboolean
answer_handled_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
name_changed_cb (EfirProgramSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *name = efir_section_state_clean_name (text);

  if (self->loading)
    return;

  efir_program_set_name (self->program, name);
  show_error (self, NULL);
  schedule_save (self);
}

static void
language_changed_cb (EfirProgramSettings *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  efir_program_set_language (self->program, efir_dialog_state_language_code (selected));
  schedule_save (self);
}

static void
time_zone_popover_shown_cb (EfirProgramSettings *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->time_zone_search), "");
  gtk_string_filter_set_search (self->zone_filter, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->time_zone_search));
}

static void
time_zone_search_changed_cb (EfirProgramSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_zone_search));
  g_autofree char *search = g_strstrip (g_strdup (text));

  /* Labels have spaces where the identifiers have "_". */
  g_strdelimit (search, "_", ' ');
  gtk_string_filter_set_search (self->zone_filter, search);
}

static void
time_zone_activated_cb (EfirProgramSettings *self,
                        guint                position)
{
  g_autoptr(GtkStringObject) item = NULL;
  const char *label;

  if (self->zones_shown == NULL || position >= g_list_model_get_n_items (self->zones_shown))
    return;

  item = g_list_model_get_item (self->zones_shown, position);
  label = gtk_string_object_get_string (item);
  for (guint i = 0; self->zones[i] != NULL; i++)
    {
      g_autofree char *zone_label = efir_dialog_state_time_zone_label (self->zones[i]);

      if (!g_str_equal (zone_label, label))
        continue;

      gtk_menu_button_set_label (self->time_zone_button, label);
      gtk_popover_popdown (self->time_zone_popover);
      efir_program_set_time_zone (self->program, self->zones[i]);
      schedule_save (self);
      return;
    }
}

/* Enter takes the first zone the search leaves. */
static void
time_zone_search_activated_cb (EfirProgramSettings *self)
{
  time_zone_activated_cb (self, 0);
}

static void
description_changed_cb (EfirProgramSettings *self,
                        GtkTextBuffer       *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  efir_program_set_description (self->program, text);
  schedule_save (self);
}

static void
host_changed_cb (EfirProgramSettings *self)
{
  if (!self->loading)
    update_hosts (self);
}

static void
account_changed_cb (EfirProgramSettings *self,
                    GParamSpec          *pspec,
                    AdwEntryRow         *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *url = efir_link_clean_url (text);

  if (url == NULL && text[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 efir_social_platform_display_name (efir_social_recognise (text)));

  if (!self->loading)
    update_accounts (self);
}

static void
row_removed_cb (GtkButton           *button,
                EfirProgramSettings *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (row));

  gtk_list_box_remove (list, row);

  if (list == self->host_list)
    {
      update_hosts (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_host_row));
    }
  else
    {
      update_accounts (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_account_row));
    }
}

static void
categories_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EfirProgramSettings) self = g_weak_ref_get (user_data);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);
  names = efir_publisher_list_categories_finish (EFIR_PUBLISHER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL
      || self->publisher == NULL)
    return;

  g_clear_object (&self->cancellable);
  if (names == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The site’s categories could not be read: "
                                                    "%s"),
                                                  error->message);

      show_category_status (self, message);
      return;
    }

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (self->categories, g_strdup (g_ptr_array_index (names, i)));
  show_category_status (self, NULL);
  show_categories (self);
}

static void
site_changed_cb (EfirProgramSettings *self)
{
  guint selected = adw_combo_row_get_selected (self->site_row);

  if (self->loading || selected >= self->site_ids->len)
    return;

  /* The category is kept by its name: the other site may have it too, and
   * is given it with the first episode published otherwise. */
  self->site_id = g_array_index (self->site_ids, gint64, selected);
  save_publishing (self);
  read_categories (self);
}

static void
category_changed_cb (EfirProgramSettings *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected > self->categories->len)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->new_category_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_category_row));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->new_category_row), FALSE);
  g_free (self->category);
  self->category = g_strdup (selected == 0 ? ""
                                           : (const char *) g_ptr_array_index (self->categories,
                                                                               selected - 1));
  save_publishing (self);
}

static void
new_category_entered_cb (EfirProgramSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->new_category_row));
  g_autofree char *name = efir_section_state_clean_name (text);

  if (name[0] == '\0')
    return;

  g_free (self->category);
  self->category = g_steal_pointer (&name);
  gtk_editable_set_text (GTK_EDITABLE (self->new_category_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->new_category_row), FALSE);
  show_categories (self);
  save_publishing (self);
}

static void
host_entered_cb (EfirProgramSettings *self)
{
  commit_host (self);
}

static void
hashtags_entered_cb (EfirProgramSettings *self)
{
  commit_hashtags (self);
}

static void
account_entered_cb (EfirProgramSettings *self)
{
  commit_account (self);
}

static void
account_entry_changed_cb (EfirProgramSettings *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_account_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->account_error_label), FALSE);
}

static void
hashtag_removed_cb (EfirProgramSettings *self,
                    GtkButton           *chip)
{
  const char *removed = g_object_get_data (G_OBJECT (chip), "hashtag");
  const char * const *hashtags = efir_program_get_hashtags (self->program);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; hashtags[i] != NULL; i++)
    if (!g_str_equal (hashtags[i], removed))
      g_strv_builder_add (builder, hashtags[i]);
  kept = g_strv_builder_end (builder);

  efir_program_set_hashtags (self->program, (const char * const *) kept);
  show_hashtags (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->hashtag_row));
  schedule_save (self);
}

static void
discard_answered_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     EfirProgramSettings *self)
{
  if (!g_str_equal (response, "discard"))
    return;

  self->discarded = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, answer_handled_cb, g_object_ref (self), g_object_unref);
}

static void
ask_to_discard (EfirProgramSettings *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the New Programme?"),
                                              _("It cannot be saved without a name."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_answered_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_answered_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    EfirProgramSettings *self)
{
  g_autoptr(GError) error = NULL;
  gint64 program_id = efir_program_get_id (self->program);

  if (!g_str_equal (response, "delete"))
    return;

  if (!efir_store_delete_program (self->store, program_id, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  /* Nothing of it is left to save. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->discarded = TRUE;
  g_signal_emit (self, signals[DELETED], 0, program_id);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, answer_handled_cb, g_object_ref (self), g_object_unref);
}

/* Says at once why a programme with episodes cannot go, rather than ask
 * first and refuse after. */
static void
delete_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!efir_store_can_delete_program (self->store, efir_program_get_id (self->program), &error))
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Programme Cannot Be Deleted"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Translators: %s is a programme's name. */
  heading = g_strdup_printf (_("Delete “%s”?"), efir_program_get_name (self->program));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its settings are deleted for good, with any of its "
                                     "episodes still in the trash."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_program_settings_new:
 * @parent: (nullable): the window the settings belong to
 * @store: the store
 * @program: (nullable): the programme to edit, or %NULL for a new one
 *
 * The settings of a programme. Changes are saved a moment after each one
 * and when the window closes; a name another programme has keeps the
 * window open with the store's message under the name.
 * EfirProgramSettings::saved follows each save. @program itself is not
 * changed: the signal hands over the programme as saved.
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
efir_program_settings_new (GtkWindow   *parent,
                           EfirStore   *store,
                           EfirProgram *program)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);
  g_return_val_if_fail (program == NULL || EFIR_IS_PROGRAM (program), NULL);

  return g_object_new (EFIR_TYPE_PROGRAM_SETTINGS,
                       "transient-for", parent,
                       "store", store,
                       "program", program,
                       NULL);
}

/* GObject overrides ------------------------------------------------------ */

static gboolean
efir_program_settings_close_request (GtkWindow *window)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (window);
  g_autoptr(GError) error = NULL;
  gboolean accounts_ok;

  if (self->discarded)
    return FALSE;

  /* What is still in an "Add" field was typed to be kept. */
  commit_host (self);
  commit_hashtags (self);
  accounts_ok = commit_account (self);

  if (is_new_without_name (self))
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      if (!self->dirty)
        return FALSE;

      ask_to_discard (self);
      return TRUE;
    }

  if (!save_now (self, &error))
    {
      show_error (self, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return TRUE;
    }

  if (!accounts_ok || has_invalid_account (self))
    {
      AdwToast *toast = adw_toast_new (_("A link is not a web address: correct or remove it"));

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return TRUE;
    }

  if (GTK_WINDOW_CLASS (efir_program_settings_parent_class)->close_request == NULL)
    return FALSE;

  return GTK_WINDOW_CLASS (efir_program_settings_parent_class)->close_request (window);
}

static void
efir_program_settings_constructed (GObject *object)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (object);

  G_OBJECT_CLASS (efir_program_settings_parent_class)->constructed (object);

  if (self->program == NULL)
    self->program = efir_program_new (NULL);

  self->publisher = efir_publisher_new (self->store);
  load_program (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "program.delete",
                                 efir_program_get_id (self->program) != 0
                                   && !efir_store_is_read_only (self->store));
}

static void
efir_program_settings_dispose (GObject *object)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_PROGRAM_SETTINGS);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->publisher);

  g_clear_object (&self->program);
  g_clear_object (&self->store);
  g_clear_object (&self->zone_filter);
  g_clear_object (&self->zones_shown);

  G_OBJECT_CLASS (efir_program_settings_parent_class)->dispose (object);
}

static void
efir_program_settings_finalize (GObject *object)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (object);

  g_clear_pointer (&self->zones, g_strfreev);
  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (efir_program_settings_parent_class)->finalize (object);
}

static void
efir_program_settings_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROGRAM:
      g_value_set_object (value, self->program);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_program_settings_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  EfirProgramSettings *self = EFIR_PROGRAM_SETTINGS (object);
  EfirProgram *program;

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROGRAM:
      /* The window edits a copy: the programme the caller lists keeps its
       * name until the store has taken the new one.
       */
      if ((program = g_value_get_object (value)) != NULL)
        self->program = copy_program (program);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_program_settings_class_init (EfirProgramSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = efir_program_settings_constructed;
  object_class->dispose = efir_program_settings_dispose;
  object_class->finalize = efir_program_settings_finalize;
  object_class->get_property = efir_program_settings_get_property;
  object_class->set_property = efir_program_settings_set_property;

  window_class->close_request = efir_program_settings_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRAM] =
    g_param_spec_object ("program", NULL, NULL,
                         EFIR_TYPE_PROGRAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirProgramSettings::saved:
   * @self: the settings window
   * @program: the programme as saved, with its id
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EFIR_TYPE_PROGRAM);

  /**
   * EfirProgramSettings::deleted:
   * @self: the settings window, about to close
   * @program_id: the programme deleted
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-program-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, name_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, share_group);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, language_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, time_zone_button);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, time_zone_popover);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, time_zone_search);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, time_zone_list);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, description_view);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, host_list);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, add_host_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, hashtag_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, hashtag_box);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, account_list);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, add_account_row);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_entered_cb);
  gtk_widget_class_bind_template_callback (widget_class, hashtags_entered_cb);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, hashtag_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, account_error_label);
  gtk_widget_class_bind_template_callback (widget_class, account_entered_cb);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, site_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, category_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, new_category_row);
  gtk_widget_class_bind_template_child (widget_class, EfirProgramSettings, category_status_label);
  gtk_widget_class_bind_template_callback (widget_class, site_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_category_entered_cb);

  gtk_widget_class_install_action (widget_class, "program.delete", NULL, delete_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
efir_program_settings_init (EfirProgramSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->category = g_strdup ("");

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_account_row, "changed",
                           G_CALLBACK (account_entry_changed_cb), self, G_CONNECT_SWAPPED);
}
