/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-episode-list"

#include "config.h"

#include "efir-episode-list.h"
#include "efir-store.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  EfirStore   *store;
  EfirProgram *program;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = efir_test_make_dir ("efir-episode-list");
  path = g_build_filename (fixture->dir, "efir.db", NULL);
  fixture->store = efir_store_open (path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Çətin sual");
  efir_store_save_program (fixture->store, fixture->program, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->program);
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

/* An episode of the fixture's programme, saved; NULL @air_date: undated. */
static EfirEpisode *
add_episode (Fixture           *fixture,
             const char        *title,
             int                number,
             const char        *air_date,
             EfirEpisodeStatus  status)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");

  if (air_date != NULL)
    g_assert_nonnull ((date = g_date_time_new_from_iso8601 (air_date, NULL)));
  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_title (episode, title);
  efir_episode_set_number (episode, number);
  efir_episode_set_air_date (episode, date);
  efir_episode_set_status (episode, status);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  /* Where an episode stands with the site is the publish layer's to write. */
  efir_store_set_published_status (fixture->store, efir_episode_get_id (episode), status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&episode);
}

/* Episodes 1..n, a day apart from 1 January 2024. */
static void
add_days (Fixture *fixture,
          guint    n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Buraxılış %u", i);
      g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 1, 1, 16, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_days (start, i - 1);
      g_autofree char *air_date = g_date_time_format_iso8601 (day);
      g_autoptr(EfirEpisode) episode = add_episode (fixture, title, i, air_date,
                                                    EFIR_EPISODE_STATUS_PUBLISHED);
    }
}

static EfirEpisodeList *
new_list (Fixture  *fixture,
          int       status,
          gboolean  oldest_first)
{
  g_autoptr(EfirEpisodeList) list = efir_episode_list_new (fixture->store);
  g_autoptr(GError) error = NULL;

  efir_episode_list_set_query (list, efir_program_get_id (fixture->program), status, oldest_first, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&list);
}

static char *
titles (GListModel *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (list, i);
      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", efir_episode_get_title (episode));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change change = { position, removed, added };

  /* A model changes before it says so: what it says must already hold. */
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (model));
  g_array_append_val (changes, change);
}

static GArray *
watch (EfirEpisodeList *list)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
  return changes;
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

/* Tests ------------------------------------------------------------------ */

static void
test_order_and_filter (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EfirEpisode) oldest = add_episode (fixture, "Oldest", 1, "2024-01-05T20:00:00+04:00",
                                               EFIR_EPISODE_STATUS_PUBLISHED);
  g_autoptr(EfirEpisode) latest = add_episode (fixture, "Latest", 4, "2024-10-04T17:00:00+00:00",
                                               EFIR_EPISODE_STATUS_SCHEDULED);
  /* Later as text, earlier in time: 16:30 UTC. */
  g_autoptr(EfirEpisode) before = add_episode (fixture, "Before latest", 3, "2024-10-04T20:30:00+04:00",
                                               EFIR_EPISODE_STATUS_PUBLISHED);
  g_autoptr(EfirEpisode) draft = add_episode (fixture, "Undated draft", 5, NULL, EFIR_EPISODE_STATUS_DRAFT);
  g_autoptr(EfirProgram) other_program = efir_program_new ("Трудный вопрос");
  g_autoptr(EfirEpisode) other = efir_episode_new ();
  g_autoptr(EfirEpisodeList) newest_first = NULL;
  g_autoptr(EfirEpisodeList) oldest_first = NULL;
  g_autoptr(EfirEpisodeList) published = NULL;
  g_autoptr(EfirEpisodeList) failed = NULL;
  g_autofree char *newest_titles = NULL;
  g_autofree char *oldest_titles = NULL;
  g_autofree char *published_titles = NULL;
  g_autoptr(EfirEpisode) first = NULL;
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autoptr(GError) error = NULL;

  efir_store_save_program (fixture->store, other_program, &error);
  g_assert_no_error (error);
  efir_episode_set_program_id (other, efir_program_get_id (other_program));
  efir_episode_set_title (other, "Другой выпуск");
  efir_store_save_episode (fixture->store, other, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  newest_first = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, FALSE);
  newest_titles = titles (G_LIST_MODEL (newest_first));
  g_assert_cmpstr (newest_titles, ==, "Undated draft|Latest|Before latest|Oldest");
  g_assert_cmpuint (efir_episode_list_get_n_all (newest_first), ==, 4);

  oldest_first = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, TRUE);
  oldest_titles = titles (G_LIST_MODEL (oldest_first));
  g_assert_cmpstr (oldest_titles, ==, "Oldest|Before latest|Latest|Undated draft");

  /* The filter hides, and the programme still has four episodes. */
  published = new_list (fixture, EFIR_EPISODE_STATUS_PUBLISHED, FALSE);
  published_titles = titles (G_LIST_MODEL (published));
  g_assert_cmpstr (published_titles, ==, "Before latest|Oldest");
  g_assert_cmpuint (efir_episode_list_get_n_all (published), ==, 4);
  failed = new_list (fixture, EFIR_EPISODE_STATUS_FAILED, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (failed)), ==, 0);
  g_assert_cmpuint (efir_episode_list_get_n_all (failed), ==, 4);

  /* A row has what the list shows: details and guests. */
  first = g_list_model_get_item (G_LIST_MODEL (newest_first), 1);
  g_assert_cmpint (efir_episode_get_id (first), ==, efir_episode_get_id (latest));
  g_assert_cmpint (efir_episode_get_number (first), ==, 4);
  g_assert_cmpint (efir_episode_get_status (first), ==, EFIR_EPISODE_STATUS_SCHEDULED);
  g_assert_cmpstr (efir_episode_get_program_name (first), ==, "Çətin sual");
  g_assert_nonnull (efir_episode_get_air_date (first));
  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (first)), 0);
  g_assert_cmpstr (efir_episode_guest_get_name (guest), ==, "Nəsimi Məmmədli");
  g_assert_cmpstr (efir_episode_guest_get_role (guest), ==, "Politoloq");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (newest_first), 4));
}

static void
test_reads_pages_not_all (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EfirEpisodeList) list = NULL;
  g_autoptr(EfirEpisode) held = NULL;
  g_autoptr(EfirEpisode) held_again = NULL;
  EfirEpisode *far = NULL;
  guint n;

  add_days (fixture, 700);
  list = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 700);

  /* The row on screen, and one far down the list nobody holds. */
  held = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (efir_episode_get_title (held), ==, "Buraxılış 700");
  {
    g_autoptr(EfirEpisode) item = g_list_model_get_item (G_LIST_MODEL (list), 600);
    g_assert_cmpstr (efir_episode_get_title (item), ==, "Buraxılış 100");
    far = item;
    g_object_add_weak_pointer (G_OBJECT (far), (gpointer *) &far);
  }

  /* Scrolled through the whole list, one row at a time. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisode) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("Buraxılış %u", n - i);

      g_assert_cmpstr (efir_episode_get_title (item), ==, expected);
    }

  /* What nobody holds is gone: the list keeps a few pages, not every
   * episode. What is held is the very object the list gives again. */
  g_assert_null (far);
  held_again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (held_again == held);
}

static void
test_refresh_says_what_moved (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EfirEpisodeList) list = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(EfirEpisode) added = NULL;
  g_autoptr(EfirEpisode) moved = NULL;
  g_autoptr(EfirEpisode) row = NULL;
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2023, 6, 1, 16, 0, 0);
  g_autoptr(GError) error = NULL;
  guint position;

  add_days (fixture, 200);
  list = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, FALSE);
  changes = watch (list);

  /* Nothing changed: nothing said. */
  efir_episode_list_refresh (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* A new undated draft arrives on top, and only it. */
  added = add_episode (fixture, "Yeni", 201, NULL, EFIR_EPISODE_STATUS_DRAFT);
  efir_episode_list_refresh (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 201);

  /* Episode 150 (position 51) gets an air date before every other: it
   * leaves its place and arrives at the end, two changes of one row each,
   * and the row held is the one the list shows there. */
  g_array_set_size (changes, 0);
  row = g_list_model_get_item (G_LIST_MODEL (list), 51);
  g_assert_cmpstr (efir_episode_get_title (row), ==, "Buraxılış 150");
  moved = efir_store_load_episode (fixture->store, efir_episode_get_id (row), &error);
  g_assert_no_error (error);
  efir_episode_set_air_date (moved, earlier);
  efir_store_save_episode (fixture->store, moved, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  efir_episode_list_refresh (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 51, 1, 0);
  assert_change (changes, 1, 200, 0, 1);
  g_assert_true (efir_episode_list_find (list, efir_episode_get_id (moved), &position));
  g_assert_cmpuint (position, ==, 200);
  {
    g_autoptr(EfirEpisode) again = g_list_model_get_item (G_LIST_MODEL (list), 200);
    g_assert_true (again == row);
  }

  /* Deleted: removed where it was. */
  g_array_set_size (changes, 0);
  efir_store_delete_episode (fixture->store, efir_episode_get_id (added), &error);
  g_assert_no_error (error);
  efir_episode_list_refresh (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 1, 0);
}

static void
test_status_leaves_filter (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EfirEpisode) a = add_episode (fixture, "A", 1, "2024-01-01T20:00:00+04:00", EFIR_EPISODE_STATUS_DRAFT);
  g_autoptr(EfirEpisode) b = add_episode (fixture, "B", 2, "2024-01-02T20:00:00+04:00", EFIR_EPISODE_STATUS_DRAFT);
  g_autoptr(EfirEpisodeList) drafts = new_list (fixture, EFIR_EPISODE_STATUS_DRAFT, FALSE);
  g_autoptr(GArray) changes = watch (drafts);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  efir_episode_set_status (b, EFIR_EPISODE_STATUS_READY);
  efir_store_save_episode (fixture->store, b, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  efir_episode_list_refresh (drafts, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 1, 0);
  after = titles (G_LIST_MODEL (drafts));
  g_assert_cmpstr (after, ==, "A");
  g_assert_cmpuint (efir_episode_list_get_n_all (drafts), ==, 2);
}

static void
test_deleted_meanwhile (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EfirEpisode) kept = add_episode (fixture, "Kept", 1, "2024-01-01T20:00:00+04:00",
                                             EFIR_EPISODE_STATUS_DRAFT);
  g_autoptr(EfirEpisode) gone = add_episode (fixture, "Gone", 2, "2024-01-02T20:00:00+04:00",
                                             EFIR_EPISODE_STATUS_DRAFT);
  g_autoptr(EfirEpisodeList) list = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, FALSE);
  g_autoptr(EfirEpisode) row = NULL;
  g_autoptr(GError) error = NULL;

  /* Deleted by another program after the list read its ids: the row is
   * still there, empty, with the id that opens to "not in the archive". */
  efir_store_delete_episode (fixture->store, efir_episode_get_id (gone), &error);
  g_assert_no_error (error);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (row);
  g_assert_cmpint (efir_episode_get_id (row), ==, efir_episode_get_id (gone));
  g_assert_cmpstr (efir_episode_get_title (row), ==, "");
  {
    g_autoptr(EfirEpisode) other = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpstr (efir_episode_get_title (other), ==, "Kept");
  }
}

static void
test_reload_reads_rows_again (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = add_episode (fixture, "Köhnə ad", 1, NULL, EFIR_EPISODE_STATUS_DRAFT);
  g_autoptr(EfirEpisodeList) list = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, FALSE);
  g_autoptr(EfirEpisode) before = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(EfirEpisode) after = NULL;
  g_autoptr(GArray) changes = watch (list);
  g_autoptr(GError) error = NULL;

  efir_episode_set_title (episode, "Yeni ad");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);

  /* Refresh reads which episodes there are, not the rows held. */
  efir_episode_list_refresh (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpstr (efir_episode_get_title (before), ==, "Köhnə ad");

  efir_episode_list_reload (list, &error);
  g_assert_no_error (error);
  assert_change (changes, changes->len - 1, 0, 1, 1);
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (efir_episode_get_title (after), ==, "Yeni ad");
}

static void
test_next_number_and_tags (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  int number = 0;
  const char * const first_tags[] = { "Rusiya", "İran", NULL };
  const char * const second_tags[] = { "İran", "Qafqaz", NULL };

  efir_store_next_episode_number (fixture->store, efir_program_get_id (fixture->program), &number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 1);

  {
    g_autoptr(EfirEpisode) a = add_episode (fixture, "A", 111, NULL, EFIR_EPISODE_STATUS_DRAFT);
    g_autoptr(EfirEpisode) b = add_episode (fixture, "B", 7, NULL, EFIR_EPISODE_STATUS_DRAFT);

    efir_episode_set_tags (a, first_tags);
    efir_episode_set_tags (b, second_tags);
    efir_store_save_episode (fixture->store, a, EFIR_EPISODE_PART_DETAILS, &error);
    g_assert_no_error (error);
    efir_store_save_episode (fixture->store, b, EFIR_EPISODE_PART_DETAILS, &error);
    g_assert_no_error (error);
  }

  efir_store_next_episode_number (fixture->store, efir_program_get_id (fixture->program), &number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 112);

  /* The most used first, then as written. */
  tags = efir_store_list_tags (fixture->store, efir_program_get_id (fixture->program), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  g_assert_cmpstr (tags[0], ==, "İran");
  g_assert_true (g_strv_contains ((const char * const *) tags, "Rusiya"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "Qafqaz"));
}

static void
read_failed_cb (EfirEpisodeList *list,
                const GError    *error,
                gpointer         user_data)
{
  guint *n_failures = user_data;

  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT);
  (*n_failures)++;
}

/* A page that cannot be read is said once, not shown as blank rows without
 * a word, and is read again next time rather than kept blank. */
static void
test_read_failure_is_said (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "efir.db", NULL);
  g_autoptr(EfirEpisodeList) list = NULL;
  g_autoptr(EfirEpisode) first = NULL;
  g_autoptr(EfirEpisode) second = NULL;
  g_autoptr(GError) error = NULL;
  guint n_failures = 0;

  add_days (fixture, 100);
  g_clear_object (&fixture->store);
  efir_test_damage_table (path, "episodes");
  fixture->store = efir_store_open_full (path, EFIR_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);

  /* The ids come from the list's own index, the rows from the damaged table. */
  list = new_list (fixture, EFIR_EPISODE_LIST_ANY_STATUS, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  g_signal_connect (list, "read-failed", G_CALLBACK (read_failed_cb), &n_failures);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpuint (n_failures, ==, 1);
  g_assert_cmpstr (efir_episode_get_title (first), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/episode-list/order-and-filter", test_order_and_filter);
  ADD ("/store/episode-list/reads-pages-not-all", test_reads_pages_not_all);
  ADD ("/store/episode-list/refresh-says-what-moved", test_refresh_says_what_moved);
  ADD ("/store/episode-list/status-leaves-filter", test_status_leaves_filter);
  ADD ("/store/episode-list/deleted-meanwhile", test_deleted_meanwhile);
  ADD ("/store/episode-list/reload-reads-rows-again", test_reload_reads_rows_again);
  ADD ("/store/episode-list/next-number-and-tags", test_next_number_and_tags);
  ADD ("/store/episode-list/read-failure-is-said", test_read_failure_is_said);

#undef ADD

  return g_test_run ();
}
