/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-quotes"

#include "config.h"

#include "efir-quotes-section.h"
#include "efir-resources.h"
#include "efir-ui-test-util.h"

typedef struct
{
  GtkWindow         *window;
  EfirQuotesSection *section;
  EfirEpisode       *episode;
  guint              changed_count;
} Fixture;

static const char * const hosts[] = { "Sevinc Osmanqızı", NULL };

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
get_row (Fixture *f,
         int      index)
{
  return efir_ui_test_list_row (GTK_WIDGET (f->section), "quote_list", index);
}

static GtkWidget *
get_row_part (Fixture    *f,
              int         index,
              const char *name)
{
  return efir_ui_test_list_row_part (GTK_WIDGET (f->section), "quote_list", index, name);
}

static GtkTextBuffer *
get_row_buffer (Fixture *f,
                int      index)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (get_row_part (f, index, "text-view")));
}

static EfirQuote *
get_quote (EfirEpisode *episode,
           guint        index)
{
  g_autoptr(EfirQuote) quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (episode)), index);

  g_assert_nonnull (quote);
  return quote;
}

static guint
n_quotes (EfirEpisode *episode)
{
  return g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_quotes (episode)));
}

static void
append_quote (EfirEpisode *episode,
              const char  *text,
              const char  *speaker)
{
  g_autoptr(EfirQuote) quote = efir_quote_new (text, speaker, -1);

  g_list_store_append (efir_episode_get_quotes (episode), quote);
}

static void
append_guest (EfirEpisode *episode,
              const char  *name)
{
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new (name, NULL);

  g_list_store_append (efir_episode_get_guests (episode), guest);
}

static char *
quotes_order (EfirEpisode *episode)
{
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < n_quotes (episode); i++)
    g_string_append (order, efir_quote_get_text (get_quote (episode, i)));

  return g_string_free (order, FALSE);
}

/* The names the speaker menu of a row offers, opened as the producer
 * opens it: it is made then. */
static GStrv
speaker_menu_names (Fixture *f,
                    int      index)
{
  GtkWidget *button = get_row_part (f, index, "speaker-button");
  GMenuModel *menu;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (target != NULL)
        g_strv_builder_add (names, g_variant_get_string (target, NULL));
    }

  return g_strv_builder_end (names);
}

static void
episode_changed_cb (EfirEpisode     *episode,
                    EfirEpisodePart  parts,
                    guint           *count)
{
  (*count)++;
}

/* Fixture ---------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  f->episode = efir_episode_new ();
  append_guest (f->episode, "Nəsimi Məmmədli");
  append_guest (f->episode, "Əli Əliyev");

  f->section = EFIR_QUOTES_SECTION (efir_quotes_section_new ());
  efir_quotes_section_set_host_names (f->section, hosts);
  efir_quotes_section_set_episode (f->section, f->episode);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 760, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->section));
  gtk_window_set_child (f->window, scroller);
  gtk_window_present (f->window);
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&f->episode);
}

/* Tests ------------------------------------------------------------------ */

static void
test_add_and_edit (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextBuffer *buffer;
  GtkWidget *time_entry;
  GtkWidget *speaker_entry;
  g_auto(GStrv) speakers = NULL;
  EfirQuote *quote;

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (f->section), GDK_KEY_q,
                                              GDK_CONTROL_MASK | GDK_SHIFT_MASK));

  g_assert_cmpuint (n_quotes (f->episode), ==, 1);
  quote = get_quote (f->episode, 0);
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, -1);
  /* The producer can start typing the quote at once. */
  g_assert_true (efir_ui_test_focus_is_within (get_row_part (f, 0, "text-view")));
  /* Its buttons say what they do, and the time what it is. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_row_part (f, 0, "remove-button")), ==, "Remove Quote");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_row_part (f, 0, "pull-quote-button")), ==, "Pull Quote");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_row_part (f, 0, "time-entry")), ==, "Time in the video");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_row_part (f, 0, "speaker-button")), ==, "Choose Speaker");
  g_assert_true (gtk_widget_get_visible (get_row_part (f, 0, "remove-button")));

  buffer = get_row_buffer (f, 0);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Sanksiyalar heç nəyi dəyişməyəcək. ", -1, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Bu, uzun bir yoldur.", -1, TRUE);
  g_assert_cmpstr (efir_quote_get_text (quote), ==, "Sanksiyalar heç nəyi dəyişməyəcək. Bu, uzun bir yoldur.");

  /* The speaker is chosen from the hosts, who speak every week, and then
   * the guests. */
  speakers = speaker_menu_names (f, 0);
  g_assert_cmpstrv (speakers, ((const char * const[]) { "Sevinc Osmanqızı", "Nəsimi Məmmədli",
                                                        "Əli Əliyev", NULL }));
  gtk_widget_activate_action (get_row_part (f, 0, "speaker-button"), "quote.speaker", "s", "Əli Əliyev");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_quote_get_speaker (quote), ==, "Əli Əliyev");
  speaker_entry = get_row_part (f, 0, "speaker-entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (speaker_entry)), ==, "Əli Əliyev");

  /* ... or typed, for someone heard in a clip. */
  gtk_editable_set_text (GTK_EDITABLE (speaker_entry), "Archive recording");
  g_assert_cmpstr (efir_quote_get_speaker (quote), ==, "Archive recording");

  time_entry = get_row_part (f, 0, "time-entry");
  gtk_editable_set_text (GTK_EDITABLE (time_entry), "00:15:03.5");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 903.5);
  g_assert_false (gtk_widget_has_css_class (time_entry, "error"));

  /* A time that cannot be read is marked and leaves the saved one alone. */
  gtk_editable_set_text (GTK_EDITABLE (time_entry), "15:3x");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 903.5);
  g_assert_true (gtk_widget_has_css_class (time_entry, "error"));
  g_signal_emit_by_name (time_entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "15:3x");

  /* A short time is written out in full once entered. */
  gtk_editable_set_text (GTK_EDITABLE (time_entry), "15:03");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, 903);
  g_signal_emit_by_name (time_entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "00:15:03");
  g_assert_false (gtk_widget_has_css_class (time_entry, "error"));

  gtk_editable_set_text (GTK_EDITABLE (time_entry), "");
  g_assert_cmpfloat (efir_quote_get_start_seconds (quote), ==, -1);

  /* The model speaks back: what another part of the app sets shows here. */
  efir_quote_set_start_seconds (quote, 61.25);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "00:01:01.25");
  efir_quote_set_text (quote, "Başqa söz.");
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Başqa söz.");
  }
}

static void
test_speakers_follow_guests (Fixture       *f,
                             gconstpointer  data)
{
  const char * const more_hosts[] = { "Sevinc Osmanqızı", "Kamran Mahmudov", NULL };
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) renamed = NULL;
  g_auto(GStrv) with_host = NULL;
  g_autoptr(EfirEpisodeGuest) first = NULL;

  append_quote (f->episode, "a", NULL);
  efir_ui_test_iterate_until_idle ();
  before = speaker_menu_names (f, 0);
  g_assert_cmpuint (g_strv_length (before), ==, 3);
  g_assert_true (gtk_widget_get_sensitive (get_row_part (f, 0, "speaker-button")));

  append_guest (f->episode, "Leyla Həsənova");
  added = speaker_menu_names (f, 0);
  g_assert_cmpstrv (added, ((const char * const[]) { "Sevinc Osmanqızı", "Nəsimi Məmmədli", "Əli Əliyev",
                                                     "Leyla Həsənova", NULL }));

  first = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (f->episode)), 0);
  efir_episode_guest_set_name (first, "Nəsimi Məmmədov");
  renamed = speaker_menu_names (f, 0);
  g_assert_cmpstr (renamed[1], ==, "Nəsimi Məmmədov");

  efir_quotes_section_set_host_names (f->section, more_hosts);
  with_host = speaker_menu_names (f, 0);
  g_assert_cmpstr (with_host[1], ==, "Kamran Mahmudov");

  /* With nobody to choose from, the menu is not offered. */
  efir_quotes_section_set_host_names (f->section, NULL);
  g_list_store_remove_all (efir_episode_get_guests (f->episode));
  g_assert_false (gtk_widget_get_sensitive (get_row_part (f, 0, "speaker-button")));
  append_guest (f->episode, "Leyla Həsənova");
  g_assert_true (gtk_widget_get_sensitive (get_row_part (f, 0, "speaker-button")));
}

static void
test_pull_quote_is_exclusive (Fixture       *f,
                              gconstpointer  data)
{
  append_quote (f->episode, "a", NULL);
  append_quote (f->episode, "b", NULL);
  efir_ui_test_iterate_until_idle ();

  g_signal_emit_by_name (get_row_part (f, 0, "pull-quote-button"), "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_true (efir_quote_get_pull_quote (get_quote (f->episode, 0)));
  g_assert_false (efir_quote_get_pull_quote (get_quote (f->episode, 1)));

  g_signal_emit_by_name (get_row_part (f, 1, "pull-quote-button"), "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_false (efir_quote_get_pull_quote (get_quote (f->episode, 0)));
  g_assert_true (efir_quote_get_pull_quote (get_quote (f->episode, 1)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (get_row_part (f, 0, "pull-quote-button"))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (get_row_part (f, 1, "pull-quote-button"))));

  /* Clicking the star again leaves the page without a pull quote. */
  g_signal_emit_by_name (get_row_part (f, 1, "pull-quote-button"), "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_false (efir_quote_get_pull_quote (get_quote (f->episode, 1)));
}

static void
test_showing_two_pull_quotes_changes_nothing (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(EfirEpisode) imported = efir_episode_new ();
  g_autoptr(EfirQuote) a = efir_quote_new ("a", NULL, -1);
  g_autoptr(EfirQuote) b = efir_quote_new ("b", NULL, -1);
  guint changed = 0;

  /* Opening an episode must not edit it, even one with odd data. */
  efir_quote_set_pull_quote (a, TRUE);
  efir_quote_set_pull_quote (b, TRUE);
  g_list_store_append (efir_episode_get_quotes (imported), a);
  g_list_store_append (efir_episode_get_quotes (imported), b);
  g_signal_connect (imported, "changed", G_CALLBACK (episode_changed_cb), &changed);

  efir_quotes_section_set_episode (f->section, imported);
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (efir_quote_get_pull_quote (a));
  g_assert_true (efir_quote_get_pull_quote (b));
  g_signal_handlers_disconnect_by_func (imported, episode_changed_cb, &changed);
}

static void
test_reorder_with_keyboard (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *text_view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  g_autofree char *order = NULL;

  append_quote (f->episode, "a", NULL);
  append_quote (f->episode, "b", NULL);
  append_quote (f->episode, "cdefg", NULL);
  efir_ui_test_iterate_until_idle ();

  text_view = get_row_part (f, 2, "text-view");
  gtk_widget_grab_focus (text_view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);
  gtk_text_buffer_place_cursor (buffer, &iter);

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (f->section), GDK_KEY_Up, GDK_ALT_MASK));
  order = quotes_order (f->episode);
  g_assert_cmpstr (order, ==, "acdefgb");

  /* The producer keeps typing where they were. */
  text_view = get_row_part (f, 1, "text-view");
  g_assert_true (efir_ui_test_focus_is_within (text_view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (f->section), "quotes.move-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->section), "quotes.move-down", NULL);
  efir_ui_test_iterate_until_idle ();
  g_clear_pointer (&order, g_free);
  order = quotes_order (f->episode);
  g_assert_cmpstr (order, ==, "abcdefg");
}

static void
test_drop_reorders (Fixture       *f,
                    gconstpointer  data)
{
  GtkDropTarget *target;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(EfirEpisode) other = efir_episode_new ();
  g_autoptr(EfirQuote) stranger = efir_quote_new ("x", NULL, -1);
  g_autofree char *order = NULL;
  gboolean accepted = FALSE;

  append_quote (f->episode, "a", NULL);
  append_quote (f->episode, "b", NULL);
  append_quote (f->episode, "c", NULL);
  efir_ui_test_iterate_until_idle ();

  target = efir_ui_test_find_controller (get_row (f, 0), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (target);
  g_value_init (&value, EFIR_TYPE_QUOTE);
  g_value_set_object (&value, get_quote (f->episode, 2));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  efir_ui_test_iterate_until_idle ();

  g_assert_true (accepted);
  order = quotes_order (f->episode);
  g_assert_cmpstr (order, ==, "cab");

  /* A quote of another episode is refused. */
  g_list_store_append (efir_episode_get_quotes (other), stranger);
  target = efir_ui_test_find_controller (get_row (f, 1), GTK_TYPE_DROP_TARGET);
  g_value_set_object (&value, stranger);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_false (accepted);
  g_assert_cmpuint (n_quotes (f->episode), ==, 3);
}

static void
test_remove_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *revealer = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "undo_revealer");
  g_autoptr(EfirQuote) removed = NULL;
  g_autofree char *order = NULL;

  append_quote (f->episode, "a", NULL);
  append_quote (f->episode, "b", "Əli Əliyev");
  append_quote (f->episode, "c", NULL);
  efir_ui_test_iterate_until_idle ();
  removed = g_object_ref (get_quote (f->episode, 1));

  g_signal_emit_by_name (get_row_part (f, 1, "remove-button"), "clicked");
  efir_ui_test_iterate_until_idle ();

  order = quotes_order (f->episode);
  g_assert_cmpstr (order, ==, "ac");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (efir_ui_test_focus_is_within (get_row_part (f, 1, "remove-button")));

  gtk_widget_activate_action (GTK_WIDGET (f->section), "quotes.undo-remove", NULL);
  efir_ui_test_iterate_until_idle ();

  g_clear_pointer (&order, g_free);
  order = quotes_order (f->episode);
  g_assert_cmpstr (order, ==, "abc");
  g_assert_true (get_quote (f->episode, 1) == removed);
  g_assert_cmpstr (efir_quote_get_speaker (removed), ==, "Əli Əliyev");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* An empty quote added by mistake goes without asking. */
  gtk_widget_activate_action (GTK_WIDGET (f->section), "quotes.add", NULL);
  efir_ui_test_iterate_until_idle ();
  g_signal_emit_by_name (get_row_part (f, 3, "remove-button"), "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (n_quotes (f->episode), ==, 3);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static void
test_switch_episode (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EfirEpisode) other = efir_episode_new ();
  GtkWidget *revealer = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "undo_revealer");
  g_auto(GStrv) speakers = NULL;

  append_quote (f->episode, "a", "Nəsimi Məmmədli");
  append_quote (f->episode, "b", NULL);
  append_guest (other, "Leyla Həsənova");
  append_quote (other, "x", NULL);
  efir_ui_test_iterate_until_idle ();

  g_signal_emit_by_name (get_row_part (f, 1, "remove-button"), "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  g_signal_connect (f->episode, "changed", G_CALLBACK (episode_changed_cb), &f->changed_count);
  efir_quotes_section_set_episode (f->section, other);
  efir_ui_test_iterate_until_idle ();

  /* The other episode's removal cannot be undone into this one. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_null (get_row (f, 1));
  speakers = speaker_menu_names (f, 0);
  g_assert_cmpstrv (speakers, ((const char * const[]) { "Sevinc Osmanqızı", "Leyla Həsənova", NULL }));

  gtk_text_buffer_set_text (get_row_buffer (f, 0), "xyz", -1);
  gtk_editable_set_text (GTK_EDITABLE (get_row_part (f, 0, "time-entry")), "01:00");
  gtk_widget_activate_action (GTK_WIDGET (f->section), "quotes.add", NULL);
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_quotes (other), ==, 2);
  g_assert_cmpstr (efir_quote_get_text (get_quote (other, 0)), ==, "xyz");
  g_assert_cmpfloat (efir_quote_get_start_seconds (get_quote (other, 0)), ==, 60);

  g_assert_cmpuint (f->changed_count, ==, 0);
  g_assert_cmpuint (n_quotes (f->episode), ==, 1);
  g_assert_cmpstr (efir_quote_get_text (get_quote (f->episode, 0)), ==, "a");
  g_assert_cmpfloat (efir_quote_get_start_seconds (get_quote (f->episode, 0)), ==, -1);

  efir_quotes_section_set_episode (f->section, f->episode);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_row_part (f, 0, "speaker-entry"))), ==,
                   "Nəsimi Məmmədli");
  g_assert_cmpuint (f->changed_count, ==, 0);
  g_signal_handlers_disconnect_by_func (f->episode, episode_changed_cb, &f->changed_count);
}

static void
test_no_episode (Fixture       *f,
                 gconstpointer  data)
{
  efir_quotes_section_set_episode (f->section, NULL);
  efir_ui_test_iterate_until_idle ();

  g_assert_null (get_row (f, 0));
  g_assert_false (gtk_widget_is_sensitive (efir_ui_test_find_by_id (GTK_WIDGET (f->section),
                                                                    "add_button")));
  gtk_widget_activate_action (GTK_WIDGET (f->section), "quotes.add", NULL);
  efir_ui_test_iterate_until_idle ();
  g_assert_null (get_row (f, 0));
  g_assert_cmpuint (n_quotes (f->episode), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  efir_register_resource ();

  g_test_add ("/ui/quotes/add-and-edit", Fixture, NULL,
              fixture_set_up, test_add_and_edit, fixture_tear_down);
  g_test_add ("/ui/quotes/speakers-follow-guests", Fixture, NULL,
              fixture_set_up, test_speakers_follow_guests, fixture_tear_down);
  g_test_add ("/ui/quotes/pull-quote-is-exclusive", Fixture, NULL,
              fixture_set_up, test_pull_quote_is_exclusive, fixture_tear_down);
  g_test_add ("/ui/quotes/showing-two-pull-quotes-changes-nothing", Fixture, NULL,
              fixture_set_up, test_showing_two_pull_quotes_changes_nothing, fixture_tear_down);
  g_test_add ("/ui/quotes/reorder-with-keyboard", Fixture, NULL,
              fixture_set_up, test_reorder_with_keyboard, fixture_tear_down);
  g_test_add ("/ui/quotes/drop-reorders", Fixture, NULL,
              fixture_set_up, test_drop_reorders, fixture_tear_down);
  g_test_add ("/ui/quotes/remove-and-undo", Fixture, NULL,
              fixture_set_up, test_remove_and_undo, fixture_tear_down);
  g_test_add ("/ui/quotes/switch-episode", Fixture, NULL,
              fixture_set_up, test_switch_episode, fixture_tear_down);
  g_test_add ("/ui/quotes/no-episode", Fixture, NULL,
              fixture_set_up, test_no_episode, fixture_tear_down);

  return g_test_run ();
}
