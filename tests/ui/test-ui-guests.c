/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-guests"

#include "config.h"

#include <string.h>

#include "efir-guests-section.h"
#include "efir-resources.h"
#include "efir-ui-test-util.h"

typedef struct
{
  GtkWindow         *window;
  EfirGuestsSection *section;
  EfirEpisode       *episode;
  GListStore        *people;
  guint              changed_count;
} Fixture;

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
get_row (Fixture *f,
         int      index)
{
  return efir_ui_test_list_row (GTK_WIDGET (f->section), "guest_list", index);
}

static GtkWidget *
get_row_part (Fixture    *f,
              int         index,
              const char *name)
{
  return efir_ui_test_list_row_part (GTK_WIDGET (f->section), "guest_list", index, name);
}

static EfirEpisodeGuest *
get_guest (EfirEpisode *episode,
           guint        index)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, index);

  g_assert_nonnull (guest);
  return guest;
}

static guint
n_guests (EfirEpisode *episode)
{
  return g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (episode)));
}

static void
append_guest (EfirEpisode *episode,
              gint64       person_id,
              const char  *name,
              const char  *role)
{
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new (name, role);

  efir_episode_guest_set_person_id (guest, person_id);
  g_list_store_append (efir_episode_get_guests (episode), guest);
}

static void
append_person (GListStore *people,
               gint64      id,
               const char *name,
               const char *role)
{
  g_autoptr(EfirPerson) person = efir_person_new (name);

  efir_person_set_id (person, id);
  efir_person_set_default_role (person, role);
  g_list_store_append (people, person);
}

static void
type_into_add_entry (Fixture    *f,
                     const char *text)
{
  GtkWidget *entry = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "add_row");

  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  efir_ui_test_iterate_until_idle ();
}

static void
press_enter_in_add_entry (Fixture *f)
{
  GtkWidget *entry = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "add_row");

  /* What the text field does on Enter. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  efir_ui_test_iterate_until_idle ();
}

static gboolean
press_key_in_add_entry (Fixture *f,
                        guint    keyval)
{
  GtkWidget *entry = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "add_row");
  GtkEventController *keys = efir_ui_test_find_controller (entry, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  efir_ui_test_iterate_until_idle ();
  return handled;
}

static gboolean
suggestions_shown (Fixture *f)
{
  GtkWidget *popover = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "suggestions_popover");

  g_assert_nonnull (popover);
  return gtk_widget_get_visible (popover);
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
  f->episode = efir_episode_new ();
  f->people = g_list_store_new (EFIR_TYPE_PERSON);
  append_person (f->people, 7, "Əli Əliyev", "Economist");
  append_person (f->people, 8, "Elnarə Əliyeva", "Lawyer");
  append_person (f->people, 9, "Nəsimi Məmmədli", "Political commentator");

  f->section = EFIR_GUESTS_SECTION (efir_guests_section_new ());
  efir_guests_section_set_people (f->section, G_LIST_MODEL (f->people));
  efir_guests_section_set_episode (f->section, f->episode);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 720, 560);
  gtk_window_set_child (f->window, GTK_WIDGET (f->section));
  gtk_window_present (f->window);
  efir_ui_test_iterate_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  efir_ui_test_iterate_until_idle ();
  g_clear_object (&f->people);
  g_clear_object (&f->episode);
}

/* Tests ------------------------------------------------------------------ */

static void
test_add_from_directory (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *list = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "suggestions_list");
  GtkWidget *entry = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "add_row");
  GListModel *suggestions;
  g_autoptr(EfirPerson) first = NULL;
  EfirEpisodeGuest *guest;

  type_into_add_entry (f, "eliyev");

  g_assert_true (suggestions_shown (f));
  suggestions = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 2);
  first = g_list_model_get_item (suggestions, 0);
  g_assert_cmpstr (efir_person_get_name (first), ==, "Əli Əliyev");

  gtk_widget_activate_action (list, "list.activate-item", "u", 0);
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_guests (f->episode), ==, 1);
  guest = get_guest (f->episode, 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 7);
  g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Əli Əliyev");
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "Economist");

  /* Ready for the next name, and the new guest is on screen. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (suggestions_shown (f));
  g_assert_true (efir_ui_test_focus_is_within (entry));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_row_part (f, 0, "name-label"))), ==, "Əli Əliyev");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_row_part (f, 0, "role-entry"))), ==, "Economist");
  g_assert_false (gtk_widget_get_visible (get_row_part (f, 0, "new-label")));
}

static void
test_choose_suggestion_with_keyboard (Fixture       *f,
                                      gconstpointer  data)
{
  EfirEpisodeGuest *guest;

  /* Enter takes the best match at once. */
  type_into_add_entry (f, "eli");
  g_assert_true (suggestions_shown (f));
  g_assert_true (press_key_in_add_entry (f, GDK_KEY_Return));
  g_assert_cmpuint (n_guests (f->episode), ==, 1);
  g_assert_cmpint (efir_episode_guest_get_person_id (get_guest (f->episode, 0)), ==, 7);

  /* Down picks the next one. */
  type_into_add_entry (f, "eli");
  g_assert_true (press_key_in_add_entry (f, GDK_KEY_Down));
  g_assert_true (press_key_in_add_entry (f, GDK_KEY_Return));
  g_assert_cmpuint (n_guests (f->episode), ==, 2);
  g_assert_cmpint (efir_episode_guest_get_person_id (get_guest (f->episode, 1)), ==, 8);

  /* Up above the first suggestion, or Esc, keeps the name as typed. */
  type_into_add_entry (f, "Eli");
  g_assert_true (press_key_in_add_entry (f, GDK_KEY_Up));
  g_assert_false (press_key_in_add_entry (f, GDK_KEY_Return));
  type_into_add_entry (f, "Eli");
  g_assert_true (press_key_in_add_entry (f, GDK_KEY_Escape));
  g_assert_false (suggestions_shown (f));
  g_assert_false (press_key_in_add_entry (f, GDK_KEY_Return));
  press_enter_in_add_entry (f);

  g_assert_cmpuint (n_guests (f->episode), ==, 3);
  guest = get_guest (f->episode, 2);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 0);
  g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Eli");
}

static void
test_add_unknown_guest (Fixture       *f,
                        gconstpointer  data)
{
  EfirEpisodeGuest *guest;

  type_into_add_entry (f, "  Leyla   Həsənova ");
  g_assert_false (suggestions_shown (f));
  press_enter_in_add_entry (f);

  g_assert_cmpuint (n_guests (f->episode), ==, 1);
  guest = get_guest (f->episode, 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 0);
  g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Leyla Həsənova");
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "");

  /* The producer sees the guest is new; the store adds them on save. */
  g_assert_true (gtk_widget_get_visible (get_row_part (f, 0, "new-label")));

  /* A directory name typed out in full is that person, not a new one. */
  type_into_add_entry (f, "nesimi memmedli");
  press_enter_in_add_entry (f);
  g_assert_cmpuint (n_guests (f->episode), ==, 2);
  g_assert_cmpint (efir_episode_guest_get_person_id (get_guest (f->episode, 1)), ==, 9);
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 1)), ==, "Nəsimi Məmmədli");

  /* Enter on an empty entry adds nobody. */
  type_into_add_entry (f, "   ");
  press_enter_in_add_entry (f);
  g_assert_cmpuint (n_guests (f->episode), ==, 2);
}

static void
test_duplicate_is_refused (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *list = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "suggestions_list");
  GtkWidget *revealer = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "message_revealer");
  GtkWidget *message = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "message_label");

  append_guest (f->episode, 7, "Əli Əliyev", "Former minister");
  append_guest (f->episode, 0, "Leyla Həsənova", NULL);
  efir_ui_test_iterate_until_idle ();

  type_into_add_entry (f, "eliyev");
  gtk_widget_activate_action (list, "list.activate-item", "u", 0);
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_guests (f->episode), ==, 2);
  g_assert_cmpstr (efir_episode_guest_get_role (get_guest (f->episode, 0)), ==, "Former minister");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "Əli Əliyev"));

  /* Typing again puts the message away. */
  type_into_add_entry (f, "L");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  type_into_add_entry (f, "leyla hesenova");
  press_enter_in_add_entry (f);
  g_assert_cmpuint (n_guests (f->episode), ==, 2);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static void
test_edit_role (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *role;
  EfirEpisodeGuest *guest;

  append_guest (f->episode, 9, "Nəsimi Məmmədli", "Political commentator");
  efir_ui_test_iterate_until_idle ();
  role = get_row_part (f, 0, "role-entry");
  guest = get_guest (f->episode, 0);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (role)), ==, "Political commentator");

  gtk_editable_set_text (GTK_EDITABLE (role), "Siyasi şərhçi");
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "Siyasi şərhçi");

  efir_episode_guest_set_role (guest, "Editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (role)), ==, "Editor");
}

static void
test_move_with_keyboard (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *role;

  append_guest (f->episode, 7, "Əli Əliyev", NULL);
  append_guest (f->episode, 9, "Nəsimi Məmmədli", NULL);
  append_guest (f->episode, 0, "Leyla Həsənova", NULL);
  efir_ui_test_iterate_until_idle ();

  role = get_row_part (f, 0, "role-entry");
  gtk_widget_grab_focus (role);
  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (f->section), GDK_KEY_Down, GDK_ALT_MASK));

  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 0)), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 1)), ==, "Əli Əliyev");
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 2)), ==, "Leyla Həsənova");

  /* Focus travels with the guest, so Alt+Down can be pressed again. */
  g_assert_true (efir_ui_test_focus_is_within (get_row_part (f, 1, "role-entry")));
  gtk_widget_activate_action (GTK_WIDGET (f->section), "guests.move-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->section), "guests.move-down", NULL);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 2)), ==, "Əli Əliyev");
  g_assert_true (efir_ui_test_focus_is_within (get_row_part (f, 2, "role-entry")));

  g_assert_true (efir_ui_test_press_shortcut (GTK_WIDGET (f->section), GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 1)), ==, "Əli Əliyev");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_row_part (f, 1, "name-label"))), ==, "Əli Əliyev");
}

static void
test_drop_reorders (Fixture       *f,
                    gconstpointer  data)
{
  GtkDropTarget *target;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  append_guest (f->episode, 7, "Əli Əliyev", NULL);
  append_guest (f->episode, 9, "Nəsimi Məmmədli", NULL);
  append_guest (f->episode, 0, "Leyla Həsənova", NULL);
  efir_ui_test_iterate_until_idle ();

  target = efir_ui_test_find_controller (get_row (f, 2), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (target);
  g_value_init (&value, EFIR_TYPE_EPISODE_GUEST);
  g_value_set_object (&value, get_guest (f->episode, 0));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  efir_ui_test_iterate_until_idle ();

  g_assert_true (accepted);
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 0)), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 1)), ==, "Leyla Həsənova");
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 2)), ==, "Əli Əliyev");
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "add_row");
  GtkWidget *list = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "guest_list");

  append_guest (f->episode, 7, "Əli Əliyev", NULL);
  append_guest (f->episode, 9, "Nəsimi Məmmədli", NULL);
  efir_ui_test_iterate_until_idle ();

  g_signal_emit_by_name (get_row_part (f, 0, "remove-button"), "clicked");
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_guests (f->episode), ==, 1);
  g_assert_cmpstr (efir_episode_guest_get_name (get_guest (f->episode, 0)), ==, "Nəsimi Məmmədli");
  g_assert_true (efir_ui_test_focus_is_within (get_row_part (f, 0, "remove-button")));

  g_signal_emit_by_name (get_row_part (f, 0, "remove-button"), "clicked");
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpuint (n_guests (f->episode), ==, 0);
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_true (efir_ui_test_focus_is_within (entry));
}

static void
test_switch_episode (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EfirEpisode) other = efir_episode_new ();
  GtkWidget *entry = efir_ui_test_find_by_id (GTK_WIDGET (f->section), "add_row");

  append_guest (f->episode, 7, "Əli Əliyev", "Economist");
  append_guest (f->episode, 9, "Nəsimi Məmmədli", "Political commentator");
  append_guest (other, 0, "Leyla Həsənova", "Lawyer");
  efir_ui_test_iterate_until_idle ();
  type_into_add_entry (f, "nes");

  g_signal_connect (f->episode, "changed", G_CALLBACK (episode_changed_cb), &f->changed_count);
  efir_guests_section_set_episode (f->section, other);
  efir_ui_test_iterate_until_idle ();

  g_assert_true (efir_guests_section_get_episode (f->section) == other);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (suggestions_shown (f));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_row_part (f, 0, "name-label"))), ==, "Leyla Həsənova");
  g_assert_null (get_row (f, 1));

  gtk_editable_set_text (GTK_EDITABLE (get_row_part (f, 0, "role-entry")), "Human rights lawyer");
  type_into_add_entry (f, "eliyev");
  gtk_widget_activate_action (efir_ui_test_find_by_id (GTK_WIDGET (f->section), "suggestions_list"),
                              "list.activate-item", "u", 0);
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpuint (n_guests (other), ==, 2);
  g_assert_cmpstr (efir_episode_guest_get_role (get_guest (other, 0)), ==, "Human rights lawyer");

  g_assert_cmpuint (f->changed_count, ==, 0);
  g_assert_cmpuint (n_guests (f->episode), ==, 2);
  g_assert_cmpstr (efir_episode_guest_get_role (get_guest (f->episode, 0)), ==, "Economist");
  g_assert_cmpstr (efir_episode_guest_get_role (get_guest (f->episode, 1)), ==, "Political commentator");

  efir_guests_section_set_episode (f->section, f->episode);
  efir_ui_test_iterate_until_idle ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_row_part (f, 1, "name-label"))), ==, "Nəsimi Məmmədli");
  g_assert_cmpuint (f->changed_count, ==, 0);
  g_signal_handlers_disconnect_by_func (f->episode, episode_changed_cb, &f->changed_count);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  efir_register_resource ();

  g_test_add ("/ui/guests/add-from-directory", Fixture, NULL,
              fixture_set_up, test_add_from_directory, fixture_tear_down);
  g_test_add ("/ui/guests/choose-suggestion-with-keyboard", Fixture, NULL,
              fixture_set_up, test_choose_suggestion_with_keyboard, fixture_tear_down);
  g_test_add ("/ui/guests/add-unknown-guest", Fixture, NULL,
              fixture_set_up, test_add_unknown_guest, fixture_tear_down);
  g_test_add ("/ui/guests/duplicate-is-refused", Fixture, NULL,
              fixture_set_up, test_duplicate_is_refused, fixture_tear_down);
  g_test_add ("/ui/guests/edit-role", Fixture, NULL,
              fixture_set_up, test_edit_role, fixture_tear_down);
  g_test_add ("/ui/guests/move-with-keyboard", Fixture, NULL,
              fixture_set_up, test_move_with_keyboard, fixture_tear_down);
  g_test_add ("/ui/guests/drop-reorders", Fixture, NULL,
              fixture_set_up, test_drop_reorders, fixture_tear_down);
  g_test_add ("/ui/guests/remove", Fixture, NULL,
              fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/ui/guests/switch-episode", Fixture, NULL,
              fixture_set_up, test_switch_episode, fixture_tear_down);

  return g_test_run ();
}
