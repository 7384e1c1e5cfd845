/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-revisions"

#include "config.h"

#include "efir-episode-json.h"
#include "efir-store.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  EfirStore   *store;
  EfirProgram *program;
  EfirEpisode *episode;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nasimi Mammadli", "Analyst");
  g_autoptr(EfirSegment) segment = efir_segment_new (0, 4.2, "Host", "Birinci versiya");

  fixture->dir = efir_test_make_dir ("efir-store-revisions");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->program = efir_program_new ("Çətin sual");
  efir_store_save_program (fixture->store, fixture->program, &error);
  g_assert_no_error (error);

  fixture->episode = efir_episode_new ();
  efir_episode_set_program_id (fixture->episode, efir_program_get_id (fixture->program));
  efir_episode_set_program_name (fixture->episode, "Çətin sual");
  efir_episode_set_number (fixture->episode, 7);
  efir_episode_set_title (fixture->episode, "Birinci versiya");
  g_list_store_append (efir_episode_get_guests (fixture->episode), guest);
  g_list_store_append (efir_episode_get_transcript (fixture->episode), segment);
  efir_store_save_episode (fixture->store, fixture->episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->episode);
  g_clear_object (&fixture->program);
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static gint64
add_revision (Fixture    *fixture,
              const char *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 revision_id = efir_store_add_revision (fixture->store, fixture->episode, reason, &error);

  g_assert_no_error (error);
  g_assert_cmpint (revision_id, >, 0);
  return revision_id;
}

static void
save_title (Fixture    *fixture,
            const char *title)
{
  g_autoptr(GError) error = NULL;

  efir_episode_set_title (fixture->episode, title);
  efir_store_save_episode (fixture->store, fixture->episode, EFIR_EPISODE_PART_DETAILS, &error);
  g_assert_no_error (error);
}

static GPtrArray *
list_revisions (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions = efir_store_list_revisions (fixture->store,
                                                    efir_episode_get_id (fixture->episode),
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (revisions);
  return revisions;
}

static EfirRevisionInfo *
revision_at (GPtrArray *revisions,
             guint      index)
{
  g_assert_cmpuint (index, <, revisions->len);
  return g_ptr_array_index (revisions, index);
}

static char *
revision_title (Fixture *fixture,
                gint64   revision_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_store_load_revision (fixture->store, revision_id, &error);

  g_assert_no_error (error);
  return g_strdup (efir_episode_get_title (episode));
}

/* Tests ------------------------------------------------------------------ */

static void
test_add_list_load (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(EfirEpisode) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *now = NULL;
  gint64 first, second, third;

  first = add_revision (fixture, "edit");
  kept = efir_episode_to_json (fixture->episode, TRUE);
  save_title (fixture, "İkinci versiya");
  second = add_revision (fixture, "publish");
  save_title (fixture, "Üçüncü versiya");
  third = add_revision (fixture, "edit");

  revisions = list_revisions (fixture);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpint (revision_at (revisions, 0)->id, ==, third);
  g_assert_cmpint (revision_at (revisions, 1)->id, ==, second);
  g_assert_cmpint (revision_at (revisions, 2)->id, ==, first);
  g_assert_cmpstr (revision_at (revisions, 1)->reason, ==, "publish");
  g_assert_cmpint (revision_at (revisions, 0)->episode_id, ==, efir_episode_get_id (fixture->episode));
  g_assert_cmpint (g_date_time_compare (revision_at (revisions, 0)->created,
                                        revision_at (revisions, 2)->created), >=, 0);

  /* A revision is the whole content as it was, in the episode's place. */
  loaded = efir_store_load_revision (fixture->store, first, &error);
  g_assert_no_error (error);
  now = efir_episode_to_json (loaded, TRUE);
  g_assert_cmpstr (now, ==, kept);
  g_assert_cmpint (efir_episode_get_id (loaded), ==, efir_episode_get_id (fixture->episode));
  g_assert_cmpint (efir_episode_get_program_id (loaded), ==, efir_program_get_id (fixture->program));
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfirEpisode) restored = NULL;
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(EfirSegment) segment = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *undo_title = NULL;
  gint64 first;

  first = add_revision (fixture, "edit");

  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (fixture->episode)), 0);
  efir_segment_set_text (segment, "Sonrakı versiya");
  efir_store_save_episode (fixture->store, fixture->episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  efir_store_set_published_status (fixture->store, efir_episode_get_id (fixture->episode),
                                   EFIR_EPISODE_STATUS_PUBLISHED, &error);
  g_assert_no_error (error);
  save_title (fixture, "Sonrakı versiya");

  restored = efir_store_restore_revision (fixture->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_id (restored), ==, efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (efir_episode_get_title (restored), ==, "Birinci versiya");
  g_assert_cmpstr (efir_episode_get_program_name (restored), ==, "Çətin sual");
  g_clear_object (&segment);
  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (restored)), 0);
  g_assert_cmpstr (efir_segment_get_text (segment), ==, "Birinci versiya");
  /* Where the episode stands with the site is not part of its text. */
  g_assert_cmpint (efir_episode_get_status (restored), ==, EFIR_EPISODE_STATUS_PUBLISHED);

  /* What it returns is what is stored, guests linked again. */
  stored = efir_store_load_episode (fixture->store, efir_episode_get_id (fixture->episode), &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_diff (stored, restored), ==, 0);
  g_assert_cmpint (efir_episode_diff (stored, fixture->episode), ==,
                   EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_TRANSCRIPT);

  /* The content it replaced is kept, so a restore can be undone. */
  revisions = list_revisions (fixture);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (revision_at (revisions, 0)->reason, ==, "restore");
  undo_title = revision_title (fixture, revision_at (revisions, 0)->id);
  g_assert_cmpstr (undo_title, ==, "Sonrakı versiya");

  /* Search follows. */
  hits = efir_store_search (fixture->store, "sonraki", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = efir_store_search (fixture->store, "birinci", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_edit_cap (Fixture       *fixture,
               gconstpointer  data)
{
  const guint n_edits = EFIR_STORE_MAX_EDIT_REVISIONS + 5;
  g_autoptr(GPtrArray) revisions = NULL;
  guint n_publish = 0;

  save_title (fixture, "Published early");
  add_revision (fixture, "publish");

  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *title = g_strdup_printf ("Edit %u", i);

      save_title (fixture, title);
      add_revision (fixture, "edit");
      if (i == 2)
        add_revision (fixture, "import");
    }

  /* The newest edits stay, the oldest go; other reasons are never cut. */
  revisions = list_revisions (fixture);
  g_assert_cmpuint (revisions->len, ==, EFIR_STORE_MAX_EDIT_REVISIONS + 2);

  for (guint i = 0, n_edit = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = revision_at (revisions, i);
      g_autofree char *title = revision_title (fixture, info->id);

      if (g_str_equal (info->reason, "edit"))
        {
          g_autofree char *expected = g_strdup_printf ("Edit %u", n_edits - 1 - n_edit++);

          g_assert_cmpstr (title, ==, expected);
        }
      else if (g_str_equal (info->reason, "publish"))
        {
          g_assert_cmpstr (title, ==, "Published early");
          n_publish++;
        }
      else
        g_assert_cmpstr (info->reason, ==, "import");
    }
  g_assert_cmpuint (n_publish, ==, 1);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  gint64 revision_id;

  episode = efir_store_load_revision (fixture->store, 4242, &error);
  g_assert_null (episode);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  episode = efir_store_restore_revision (fixture->store, 4242, &error);
  g_assert_null (episode);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An episode deleted from another window takes its revisions along. */
  revision_id = add_revision (fixture, "publish");
  efir_store_delete_episode (fixture->store, efir_episode_get_id (fixture->episode), &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_store_add_revision (fixture->store, fixture->episode, "edit", &error), ==,
                   0);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  episode = efir_store_load_revision (fixture->store, revision_id, &error);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/revision/add-list-load", test_add_list_load);
  ADD ("/store/revision/restore", test_restore);
  ADD ("/store/revision/edit-cap", test_edit_cap);
  ADD ("/store/revision/missing", test_missing);

#undef ADD

  return g_test_run ();
}
