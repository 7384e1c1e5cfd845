/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-merge"

#include "config.h"

#include "efir-store.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  EfirStore   *store;
  EfirProgram *program;
  EfirPerson  *latin;     /* "Nasimi Mammadli", as a transliterating producer typed him */
  EfirPerson  *native;    /* "Nəsimi Məmmədli" */
  gint64       episodes[3];
} Fixture;

static EfirPerson *
save_person (Fixture    *fixture,
             const char *name,
             const char *role,
             const char *bio)
{
  g_autoptr(GError) error = NULL;
  EfirPerson *person = efir_person_new (name);

  efir_person_set_default_role (person, role);
  efir_person_set_bio (person, bio);
  efir_store_save_person (fixture->store, person, &error);
  g_assert_no_error (error);

  return person;
}

/* Guests are given by name and role, NULL-terminated; the save links each
 * to the directory entry of exactly its name.
 */
static gint64
save_episode (Fixture    *fixture,
              const char *title,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  const char *name;
  va_list args;

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_title (episode, title);

  va_start (args, title);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *role = va_arg (args, const char *);
      g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new (name, role);

      g_list_store_append (efir_episode_get_guests (episode), guest);
    }
  va_end (args);

  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  return efir_episode_get_id (episode);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = efir_test_make_dir ("efir-store-merge");
  path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Çətin sual");
  efir_store_save_program (fixture->store, fixture->program, &error);
  g_assert_no_error (error);

  fixture->latin = save_person (fixture, "Nasimi Mammadli", "Political commentator", "");
  fixture->native = save_person (fixture, "Nəsimi Məmmədli", "", "Writes on the South Caucasus.");

  fixture->episodes[0] = save_episode (fixture, "The first question",
                                       "Nasimi Mammadli", "Political commentator",
                                       "Elçin Əliyev", "Economist",
                                       NULL);
  fixture->episodes[1] = save_episode (fixture, "The second question",
                                       "Nəsimi Məmmədli", "Analyst",
                                       NULL);
  /* Entered twice by mistake: the first row is the one the producer put
   * in place.
   */
  fixture->episodes[2] = save_episode (fixture, "The third question",
                                       "Nasimi Mammadli", "",
                                       "Elçin Əliyev", "Economist",
                                       "Nəsimi Məmmədli", "Analyst",
                                       "Leyla Həsənova", "Lawyer",
                                       NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->latin);
  g_clear_object (&fixture->native);
  g_clear_object (&fixture->program);
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static EfirEpisode *
load (Fixture *fixture,
      guint    index)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_load_episode (fixture->store, fixture->episodes[index], &error);

  g_assert_no_error (error);
  return episode;
}

static EfirEpisodeGuest *
guest_at (EfirEpisode *episode,
          guint        position)
{
  g_autoptr(EfirEpisodeGuest) guest =
    g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), position);

  g_assert_nonnull (guest);
  return guest;
}

static guint
n_guests (EfirEpisode *episode)
{
  return g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (episode)));
}

static guint
n_hits (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = efir_store_search (fixture->store, query, 0, &error);

  g_assert_no_error (error);
  return hits->len;
}

static EfirPerson *
find_person (Fixture *fixture,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = efir_store_list_people (fixture->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(EfirPerson) person = g_list_model_get_item (people, i);

      if (efir_person_get_id (person) == id)
        return g_steal_pointer (&person);
    }

  return NULL;
}

/* Tests ------------------------------------------------------------------ */

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) first = NULL;
  g_autoptr(EfirEpisode) second = NULL;
  g_autoptr(EfirEpisode) third = NULL;
  g_autoptr(EfirPerson) kept = NULL;
  g_autoptr(EfirPerson) removed = NULL;
  gint64 keep_id = efir_person_get_id (fixture->native);
  gint64 remove_id = efir_person_get_id (fixture->latin);

  /* Searching first builds the index, so what follows shows that the
   * merge tells the index of the episodes it changed.
   */
  g_assert_cmpuint (n_hits (fixture, "Mammadli"), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "Məmmədli"), ==, 2);

  g_assert_true (efir_store_merge_people (fixture->store, keep_id, remove_id, &error));
  g_assert_no_error (error);

  first = load (fixture, 0);
  g_assert_cmpuint (n_guests (first), ==, 2);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest_at (first, 0)), ==, keep_id);
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (first, 0)), ==, "Nəsimi Məmmədli");
  /* The role is the one billed on that day. */
  g_assert_cmpstr (efir_episode_guest_get_role (guest_at (first, 0)), ==, "Political commentator");
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (first, 1)), ==, "Elçin Əliyev");

  second = load (fixture, 1);
  g_assert_cmpuint (n_guests (second), ==, 1);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest_at (second, 0)), ==, keep_id);
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (second, 0)), ==, "Nəsimi Məmmədli");

  /* The episode that had both has him once, where he first was, with the
   * role the other row gave him, and no gap in the order.
   */
  third = load (fixture, 2);
  g_assert_cmpuint (n_guests (third), ==, 3);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest_at (third, 0)), ==, keep_id);
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (third, 0)), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (efir_episode_guest_get_role (guest_at (third, 0)), ==, "Analyst");
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (third, 1)), ==, "Elçin Əliyev");
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (third, 2)), ==, "Leyla Həsənova");

  removed = find_person (fixture, remove_id);
  g_assert_null (removed);
  kept = find_person (fixture, keep_id);
  g_assert_nonnull (kept);
  g_assert_cmpstr (efir_person_get_name (kept), ==, "Nəsimi Məmmədli");
  /* Nothing written about either entry is lost. */
  g_assert_cmpstr (efir_person_get_default_role (kept), ==, "Political commentator");
  g_assert_cmpstr (efir_person_get_bio (kept), ==, "Writes on the South Caucasus.");

  g_assert_cmpuint (n_hits (fixture, "Məmmədli"), ==, 3);
  g_assert_cmpuint (n_hits (fixture, "Nəsimi Məmmədli"), ==, 3);
  g_assert_cmpuint (n_hits (fixture, "Mammadli"), ==, 0);
}

static void
test_saved_episode_keeps_link (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisode) again = NULL;
  gint64 keep_id = efir_person_get_id (fixture->native);

  efir_store_merge_people (fixture->store, keep_id, efir_person_get_id (fixture->latin), &error);
  g_assert_no_error (error);

  /* An episode loaded after the merge saves as loaded: its guest stays
   * the kept entry and no new directory entry appears.
   */
  episode = load (fixture, 0);
  efir_episode_set_title (episode, "The first question, edited");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  again = load (fixture, 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest_at (again, 0)), ==, keep_id);
  {
    g_autoptr(GListModel) people = efir_store_list_people (fixture->store, &error);

    g_assert_no_error (error);
    /* Nəsimi Məmmədli, Elçin Əliyev, Leyla Həsənova. */
    g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  }
}

static void
test_missing_entry (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) first = NULL;
  g_autoptr(EfirPerson) latin = NULL;
  gint64 remove_id = efir_person_get_id (fixture->latin);

  g_assert_false (efir_store_merge_people (fixture->store, 9999, remove_id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);

  /* Nothing was changed, and the store takes the next write. */
  latin = find_person (fixture, remove_id);
  g_assert_nonnull (latin);
  first = load (fixture, 0);
  g_assert_cmpstr (efir_episode_guest_get_name (guest_at (first, 0)), ==, "Nasimi Mammadli");
  g_assert_cmpint (efir_episode_guest_get_person_id (guest_at (first, 0)), ==, remove_id);

  g_clear_error (&error);
  g_assert_true (efir_store_merge_people (fixture->store, efir_person_get_id (fixture->native),
                                          remove_id, &error));
  g_assert_no_error (error);
}

static void
test_photo_and_role_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirPerson) kept = NULL;

  efir_person_set_photo_path (fixture->latin, "/photos/nasimi.jpg");
  efir_store_save_person (fixture->store, fixture->latin, &error);
  g_assert_no_error (error);
  efir_person_set_default_role (fixture->native, "Journalist");
  efir_store_save_person (fixture->store, fixture->native, &error);
  g_assert_no_error (error);

  efir_store_merge_people (fixture->store, efir_person_get_id (fixture->native),
                           efir_person_get_id (fixture->latin), &error);
  g_assert_no_error (error);

  kept = find_person (fixture, efir_person_get_id (fixture->native));
  /* What the kept entry says wins; what it lacks comes from the other. */
  g_assert_cmpstr (efir_person_get_default_role (kept), ==, "Journalist");
  g_assert_cmpstr (efir_person_get_photo_path (kept), ==, "/photos/nasimi.jpg");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/merge/people", Fixture, NULL,
              fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/store/merge/saved-episode-keeps-link", Fixture, NULL,
              fixture_set_up, test_saved_episode_keeps_link, fixture_tear_down);
  g_test_add ("/store/merge/missing-entry", Fixture, NULL,
              fixture_set_up, test_missing_entry, fixture_tear_down);
  g_test_add ("/store/merge/photo-and-role-kept", Fixture, NULL,
              fixture_set_up, test_photo_and_role_kept, fixture_tear_down);

  return g_test_run ();
}
