/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-trash"

#include "config.h"

#include <string.h>

#include "efir-episode-list.h"
#include "efir-store.h"
#include "efir-store-private.h"
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

  fixture->dir = efir_test_make_dir ("efir-store-trash");
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

static gint64
add_episode (Fixture    *fixture,
             int         number,
             const char *title,
             const char *tag)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirSegment) segment = efir_segment_new (0, 5, "Aparıcı", "Xoş gəlmisiniz, Nəsimi.");
  g_autoptr(GError) error = NULL;
  const char *tags[] = { tag, NULL };

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  efir_episode_set_number (episode, number);
  efir_episode_set_title (episode, title);
  efir_episode_set_tags (episode, tags);
  g_list_store_append (efir_episode_get_transcript (episode), segment);

  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  return efir_episode_get_id (episode);
}

static void
trash (Fixture *fixture,
       gint64   episode_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (efir_store_trash_episode (fixture->store, episode_id, &error));
  g_assert_no_error (error);
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

static guint
n_listed (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) episodes = NULL;

  episodes = efir_store_list_episodes (fixture->store, efir_program_get_id (fixture->program),
                                       &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (episodes);
}

static int
next_number (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  int number = 0;

  efir_store_next_episode_number (fixture->store, efir_program_get_id (fixture->program),
                                  &number, &error);
  g_assert_no_error (error);
  return number;
}

static void
set_deleted_at (Fixture *fixture,
                gint64   episode_id,
                gint64   deleted_at)
{
  EfirDatabase *db = efir_store_get_database (fixture->store);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  sql = g_strdup_printf ("UPDATE episodes SET deleted_at = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT,
                         deleted_at, episode_id);
  efir_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* Tests ------------------------------------------------------------------ */

static void
test_trash_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(EfirEpisode) loaded = NULL;
  g_auto(GStrv) tags = NULL;
  EfirTrashEntry *entry;
  gint64 kept = add_episode (fixture, 1, "Rusiya və İran", "siyasət");
  gint64 gone = add_episode (fixture, 2, "Neft və qaz", "iqtisadiyyat");

  g_assert_cmpuint (n_hits (fixture, "neft"), ==, 1);
  trash (fixture, gone);

  /* Out of every list, count, suggestion and search at once. */
  g_assert_cmpuint (n_listed (fixture), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "neft"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "nəsimi"), ==, 1);
  g_assert_cmpint (next_number (fixture), ==, 2);
  tags = efir_store_list_tags (fixture->store, efir_program_get_id (fixture->program), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (tags, ((const char *[]) { "siyasət", NULL }));

  entries = efir_store_list_trash (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->episode_id, ==, gone);
  g_assert_cmpstr (entry->title, ==, "Neft və qaz");
  g_assert_cmpstr (entry->program_name, ==, "Çətin sual");
  g_assert_cmpint (entry->number, ==, 2);
  g_assert_false (entry->published);
  g_assert_nonnull (entry->deleted);

  /* Twice is an episode no longer where the change expects it. */
  g_assert_false (efir_store_trash_episode (fixture->store, gone, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (efir_store_restore_episode (fixture->store, kept, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Restored as it was, found again. */
  g_assert_true (efir_store_restore_episode (fixture->store, gone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_listed (fixture), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "neft"), ==, 1);
  g_assert_cmpint (next_number (fixture), ==, 3);
  loaded = efir_store_load_episode (fixture->store, gone, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (loaded), ==, "Neft və qaz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (loaded))),
                    ==, 1);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = efir_store_list_trash (fixture->store, 0, &error);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* An episode saved (so marked for re-indexing) and then deleted before any
 * search never comes back in one. */
static void
test_search_never_stale (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  gint64 id = add_episode (fixture, 1, "Rusiya və İran", "siyasət");

  episode = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  efir_episode_set_title (episode, "Türkiyə və İran");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);

  trash (fixture, id);
  g_assert_cmpuint (n_hits (fixture, "türkiyə"), ==, 0);

  /* A save of the open episode after it went to the trash elsewhere keeps
   * it out of search too. */
  efir_episode_set_title (episode, "Türkiyə, İran və Rusiya");
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (fixture, "türkiyə"), ==, 0);
  g_assert_cmpuint (n_listed (fixture), ==, 0);
}

static void
test_episode_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisodeList) list = efir_episode_list_new (fixture->store);
  g_autoptr(GError) error = NULL;
  gint64 gone;
  guint position;

  add_episode (fixture, 1, "Rusiya və İran", "siyasət");
  gone = add_episode (fixture, 2, "Neft və qaz", "iqtisadiyyat");

  efir_episode_list_set_query (list, efir_program_get_id (fixture->program),
                               EFIR_EPISODE_LIST_ANY_STATUS, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  trash (fixture, gone);
  efir_episode_list_refresh (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (efir_episode_list_get_n_all (list), ==, 1);
  g_assert_false (efir_episode_list_find (list, gone, &position));

  /* A status filter counts the episodes of any status without it too. */
  efir_episode_list_set_query (list, efir_program_get_id (fixture->program),
                               EFIR_EPISODE_STATUS_DRAFT, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (efir_episode_list_get_n_all (list), ==, 1);
}

/* A trashed episode's number is free for an import, as for a new episode. */
static void
test_import_number (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) imported = NULL;
  gint64 gone = add_episode (fixture, 7, "Rusiya və İran", "siyasət");
  const char *json =
    "{\"format\": \"efir-episode/1\", \"program\": \"Çətin sual\", \"number\": 7,"
    " \"title\": \"Yenisi\"}";

  trash (fixture, gone);
  imported = efir_store_import_episode_json (fixture->store, json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpint (efir_episode_get_id (imported), !=, gone);
}

static void
test_purge_after_days (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(EfirEpisode) loaded = NULL;
  gint64 now = g_get_real_time ();
  gint64 old = add_episode (fixture, 1, "Köhnə", "a");
  gint64 recent = add_episode (fixture, 2, "Təzə", "b");
  gint64 other = add_episode (fixture, 3, "Başqa", "c");
  guint n_deleted = 0;

  trash (fixture, old);
  trash (fixture, recent);
  set_deleted_at (fixture, old, now - (EFIR_STORE_TRASH_DAYS + 1) * G_TIME_SPAN_DAY);
  set_deleted_at (fixture, recent, now - (EFIR_STORE_TRASH_DAYS - 1) * G_TIME_SPAN_DAY);

  /* Listed until the next write that changes episodes. */
  entries = efir_store_list_trash (fixture->store, 0, &error);
  g_assert_cmpuint (entries->len, ==, 2);

  loaded = efir_store_load_episode (fixture->store, other, &error);
  g_assert_no_error (error);
  efir_episode_set_title (loaded, "Başqa, düzəldilmiş");
  efir_store_save_episode (fixture->store, loaded, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = efir_store_list_trash (fixture->store, 0, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((EfirTrashEntry *) g_ptr_array_index (entries, 0))->episode_id, ==, recent);
  g_clear_object (&loaded);
  g_assert_null (efir_store_load_episode (fixture->store, old, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Emptied by hand, all of it. */
  g_assert_true (efir_store_empty_trash (fixture->store, G_MAXINT64, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 1);
  g_assert_null (efir_store_load_episode (fixture->store, recent, &error));
  g_clear_error (&error);
  g_assert_cmpuint (n_listed (fixture), ==, 1);
}

static void
test_publication_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  EfirSite site = { 0, "https://cetinsual.az", "https://cetinsual.az/wp-json/", "redaktor",
                    "Redaktor", TRUE, FALSE, "6.4" };
  gint64 id = add_episode (fixture, 1, "Rusiya və İran", "siyasət");
  gint64 site_id;
  gint64 job_id;

  site_id = efir_store_add_site (fixture->store, &site, &error);
  g_assert_no_error (error);
  publication = efir_publication_new (id, site_id);
  publication->remote_id = 41;
  g_free (publication->link);
  publication->link = g_strdup ("https://cetinsual.az/rusiya-ve-iran/");
  g_free (publication->remote_status);
  publication->remote_status = g_strdup ("publish");
  efir_store_save_publication (fixture->store, publication, EFIR_EPISODE_STATUS_PUBLISHED, 0,
                               &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_episode_has_post (fixture->store, id));

  episode = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  job_id = efir_store_enqueue_job (fixture->store, episode, site_id, "publish", NULL, &error);
  g_assert_no_error (error);

  trash (fixture, id);

  /* The post stays where it is, and nothing more is sent. */
  g_clear_pointer (&publication, efir_publication_free);
  publication = efir_store_get_publication (fixture->store, id, site_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (publication);
  g_assert_cmpint (publication->remote_id, ==, 41);
  job = efir_store_get_job (fixture->store, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->state, ==, EFIR_JOB_CANCELLED);

  entries = efir_store_list_trash (fixture->store, 0, &error);
  g_assert_true (((EfirTrashEntry *) g_ptr_array_index (entries, 0))->published);
}

static void
test_delete_program (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) empty = efir_program_new ("Boş");
  g_autoptr(EfirProgram) found = NULL;
  gint64 program_id = efir_program_get_id (fixture->program);
  gint64 live = add_episode (fixture, 1, "Rusiya və İran", "siyasət");
  gint64 gone = add_episode (fixture, 2, "Neft və qaz", "iqtisadiyyat");

  efir_store_save_program (fixture->store, empty, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_delete_program (fixture->store, efir_program_get_id (empty), &error));
  g_assert_no_error (error);
  g_assert_null (efir_store_find_program (fixture->store, "Boş", &error));
  g_clear_error (&error);

  /* Refused with a sentence while an episode is left. */
  trash (fixture, gone);
  g_assert_false (efir_store_can_delete_program (fixture->store, program_id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (efir_store_delete_program (fixture->store, program_id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Çətin sual” has 1 episode."));
  g_clear_error (&error);
  found = efir_store_find_program (fixture->store, "Çətin sual", &error);
  g_assert_no_error (error);

  /* Those in the trash go with it. */
  trash (fixture, live);
  g_assert_true (efir_store_can_delete_program (fixture->store, program_id, &error));
  g_assert_no_error (error);
  g_assert_true (efir_store_delete_program (fixture->store, program_id, &error));
  g_assert_no_error (error);
  g_assert_null (efir_store_load_episode (fixture->store, gone, &error));
  g_clear_error (&error);
  g_assert_false (efir_store_delete_program (fixture->store, program_id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_person (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  g_autoptr(EfirPerson) unused = efir_person_new ("Heç kim");
  g_autoptr(GListModel) people = NULL;
  gint64 person_id;

  efir_episode_set_program_id (episode, efir_program_get_id (fixture->program));
  g_list_store_append (efir_episode_get_guests (episode), guest);
  efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  person_id = efir_episode_guest_get_person_id (guest);
  g_assert_cmpint (person_id, >, 0);

  efir_store_save_person (fixture->store, unused, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_delete_person (fixture->store, efir_person_get_id (unused), &error));
  g_assert_no_error (error);

  g_assert_false (efir_store_can_delete_person (fixture->store, person_id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (efir_store_delete_person (fixture->store, person_id, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "merge"));
  g_clear_error (&error);

  /* An episode in the trash keeps its guest's name, unlinked. */
  trash (fixture, efir_episode_get_id (episode));
  g_assert_true (efir_store_delete_person (fixture->store, person_id, &error));
  g_assert_no_error (error);
  people = efir_store_list_people (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/trash/trash-and-restore", test_trash_and_restore);
  ADD ("/store/trash/search-never-stale", test_search_never_stale);
  ADD ("/store/trash/episode-list", test_episode_list);
  ADD ("/store/trash/import-number", test_import_number);
  ADD ("/store/trash/purge-after-days", test_purge_after_days);
  ADD ("/store/trash/publication-kept", test_publication_kept);
  ADD ("/store/trash/delete-program", test_delete_program);
  ADD ("/store/trash/delete-person", test_delete_person);

#undef ADD

  return g_test_run ();
}
