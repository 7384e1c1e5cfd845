/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-import"

#include "config.h"

#include <string.h>

#include "efir-episode-json.h"
#include "efir-link-cleanup.h"
#include "efir-store.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char      *dir;
  char      *path;
  EfirStore *store;
} Fixture;

static const char small_episode_json[] =
  "{\n"
  "  \"format\": \"efir-episode/1\",\n"
  "  \"program\": \"Difficult Question\",\n"
  "  \"number\": 7,\n"
  "  \"title\": \"Çətin sual\",\n"
  "  \"air_date\": \"2024-10-04T20:00:00+04:00\",\n"
  "  \"guests\": [{\"name\": \"Nasimi Mammadli\", \"role\": \"Political commentator\"}],\n"
  "  \"summary\": \"A **short** summary.\",\n"
  "  \"transcript\": [{\"start\": 0.0, \"end\": 4.2, \"speaker\": \"Host\","
  " \"text\": \"Axşamınız xeyir.\"}],\n"
  "  \"tags\": [\"Iran\"]\n"
  "}\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = efir_test_make_dir ("efir-store-import");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  efir_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers ---------------------------------------------------------------- */

static guint
count (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  g_object_unref (model);
  return n;
}

static guint
n_programs (Fixture *fixture)
{
  return count (efir_store_list_programs (fixture->store, NULL));
}

static guint
n_people (Fixture *fixture)
{
  return count (efir_store_list_people (fixture->store, NULL));
}

static guint
n_episodes (Fixture *fixture)
{
  return count (efir_store_list_episodes (fixture->store, 0, NULL));
}

static EfirEpisode *
import (Fixture    *fixture,
        const char *json)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_import_episode_json (fixture->store, json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (episode);
  g_assert_cmpint (efir_episode_get_id (episode), >, 0);
  return episode;
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  GString *result = g_string_new (text);

  g_assert_cmpuint (g_string_replace (result, from, to, 1), ==, 1);
  return g_string_free (result, FALSE);
}

/* Tests ------------------------------------------------------------------ */

static void
test_example (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(EfirEpisode) from_file = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisode) loaded = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(EfirPerson) person = NULL;
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  json = efir_test_read_fixture ("difficult-question-episode.json", NULL);

  episode = import (fixture, json);

  program = efir_store_find_program (fixture->store, "Difficult Question", &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_program_id (episode), ==, efir_program_get_id (program));

  people = efir_store_list_people (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  person = g_list_model_get_item (people, 0);
  g_assert_cmpstr (efir_person_get_name (person), ==, "Nasimi Mammadli");
  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, efir_person_get_id (person));

  /* Exported again, the stored episode is the file's episode, its links
   * cleaned of tracking and their platforms named, with the uuid and the
   * slug the import gave it (the example file has neither). */
  from_file = efir_episode_from_json (json, -1, &error);
  g_assert_no_error (error);
  efir_link_clean_episode (from_file);
  g_assert_true (g_uuid_string_is_valid (efir_episode_get_uuid (episode)));
  efir_episode_set_uuid (from_file, efir_episode_get_uuid (episode));
  g_assert_cmpstr (efir_episode_get_slug (from_file), ==, "");
  efir_episode_set_slug (from_file,
                         "what-is-azerbaijan-concerned-about-foreign-interference-hybrid-threats-or");
  expected = efir_episode_to_json (from_file, TRUE);
  loaded = efir_store_load_episode (fixture->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  exported = efir_episode_to_json (loaded, TRUE);
  g_assert_cmpstr (exported, ==, expected);
  {
    g_autoptr(EfirSocialLink) first =
      g_list_model_get_item (G_LIST_MODEL (efir_episode_get_social_links (loaded)), 0);

    g_assert_cmpstr (efir_social_link_get_url (first), ==,
                     "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    g_assert_cmpstr (efir_social_link_get_platform (first), ==, "youtube");
  }

  revisions = efir_store_list_revisions (fixture->store, efir_episode_get_id (episode), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpstr (((EfirRevisionInfo *) g_ptr_array_index (revisions, 0))->reason, ==, "import");
}

static void
test_twice (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EfirEpisode) first = import (fixture, small_episode_json);
  g_autoptr(EfirEpisode) second = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names_id = NULL;

  second = efir_store_import_episode_json (fixture->store, small_episode_json, -1, &error);
  g_assert_null (second);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  names_id = g_strdup_printf ("(id %" G_GINT64_FORMAT ")", efir_episode_get_id (first));
  g_assert_nonnull (strstr (error->message, names_id));
  g_assert_nonnull (strstr (error->message, "Episode 7 of “Difficult Question”"));
  g_clear_error (&error);

  g_assert_cmpuint (n_episodes (fixture), ==, 1);
  g_assert_cmpuint (n_programs (fixture), ==, 1);
  g_assert_cmpuint (n_people (fixture), ==, 1);
  revisions = efir_store_list_revisions (fixture->store, efir_episode_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
}

static void
test_unnumbered (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *json = replace_once (small_episode_json, "\"number\": 7", "\"number\": 0");
  g_autofree char *other_program = replace_once (small_episode_json, "Difficult Question",
                                                 "Трудный вопрос");
  g_autoptr(EfirEpisode) first = import (fixture, json);
  g_autoptr(EfirEpisode) second = import (fixture, json);
  g_autoptr(EfirEpisode) numbered = import (fixture, small_episode_json);
  g_autoptr(EfirEpisode) elsewhere = import (fixture, other_program);

  /* Without a number nothing says two files are the same broadcast, and
   * the same number in another programme is another episode.
   */
  g_assert_cmpint (efir_episode_get_id (first), !=, efir_episode_get_id (second));
  g_assert_cmpuint (n_episodes (fixture), ==, 4);
  g_assert_cmpuint (n_programs (fixture), ==, 2);
  g_assert_cmpint (efir_episode_get_program_id (elsewhere), !=,
                   efir_episode_get_program_id (numbered));
  g_assert_cmpuint (n_people (fixture), ==, 1);
}

static void
test_existing_program_and_guest (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(EfirProgram) program = efir_program_new ("Difficult Question");
  g_autoptr(EfirPerson) person = efir_person_new ("Nasimi Mammadli");
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisodeGuest) guest = NULL;
  g_autoptr(GError) error = NULL;

  efir_program_set_language (program, "en");
  efir_store_save_program (fixture->store, program, &error);
  g_assert_no_error (error);
  efir_store_save_person (fixture->store, person, &error);
  g_assert_no_error (error);

  episode = import (fixture, small_episode_json);
  g_assert_cmpint (efir_episode_get_program_id (episode), ==, efir_program_get_id (program));
  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, efir_person_get_id (person));
  g_assert_cmpuint (n_programs (fixture), ==, 1);
  g_assert_cmpuint (n_people (fixture), ==, 1);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *no_program = replace_once (small_episode_json,
                                              "  \"program\": \"Difficult Question\",\n", "");
  g_autofree char *bad_field = replace_once (small_episode_json, "\"number\": 7",
                                             "\"number\": \"seven\"");
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;

  episode = efir_store_import_episode_json (fixture->store, "{ not json", -1, &error);
  g_assert_null (episode);
  g_assert_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_JSON);
  g_clear_error (&error);

  episode = efir_store_import_episode_json (fixture->store, bad_field, -1, &error);
  g_assert_null (episode);
  g_assert_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  episode = efir_store_import_episode_json (fixture->store, no_program, -1, &error);
  g_assert_null (episode);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);

  g_assert_cmpuint (n_episodes (fixture), ==, 0);
  g_assert_cmpuint (n_programs (fixture), ==, 0);
  g_assert_cmpuint (n_people (fixture), ==, 0);
}

static void
test_update_keeps_revision (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *changed = replace_once (small_episode_json, "Çətin sual", "Sual yenə çətindir");
  g_autofree char *moved = replace_once (changed, "Difficult Question", "Трудный вопрос");
  g_autofree char *no_program = replace_once (small_episode_json,
                                              "  \"program\": \"Difficult Question\",\n", "");
  g_autoptr(EfirEpisode) imported = import (fixture, small_episode_json);
  g_autoptr(EfirEpisode) updated = NULL;
  g_autoptr(EfirEpisode) old = NULL;
  g_autoptr(EfirEpisode) kept = NULL;
  g_autoptr(EfirEpisode) stayed = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = efir_episode_get_id (imported);
  EfirRevisionInfo *newest;

  g_assert_true (efir_store_update_episode_json (fixture->store, id, changed, -1, EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_no_error (error);

  updated = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (updated), ==, "Sual yenə çətindir");
  g_assert_cmpint (efir_episode_get_program_id (updated), ==, efir_episode_get_program_id (imported));
  g_assert_cmpuint (n_episodes (fixture), ==, 1);

  /* The content it had is one revision away. */
  revisions = efir_store_list_revisions (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  newest = g_ptr_array_index (revisions, 0);
  old = efir_store_load_revision (fixture->store, newest->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (old), ==, "Çətin sual");

  hits = efir_store_search (fixture->store, "yene", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* A file naming another programme moves the episode there. */
  g_assert_true (efir_store_update_episode_json (fixture->store, id, moved, -1, EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_no_error (error);
  kept = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_program_name (kept), ==, "Трудный вопрос");

  /* A file naming none leaves it where it is. */
  g_assert_true (efir_store_update_episode_json (fixture->store, id, no_program, -1, EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_no_error (error);
  stayed = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_program_name (stayed), ==, "Трудный вопрос");
  g_assert_cmpstr (efir_episode_get_title (stayed), ==, "Çətin sual");
}

static void
test_update_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *other_program = replace_once (small_episode_json, "Difficult Question",
                                                 "Трудный вопрос");
  g_autoptr(GError) error = NULL;

  g_assert_false (efir_store_update_episode_json (fixture->store, 9999, other_program, -1, EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_programs (fixture), ==, 0);
  g_assert_cmpuint (n_people (fixture), ==, 0);
}

/* A file with only its format line emptied every part of the episode: a
 * whole update needs every field, a partial one changes only those given. */
static void
test_update_partial (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EfirEpisode) imported = import (fixture, small_episode_json);
  g_autoptr(EfirEpisode) after = NULL;
  g_autoptr(EfirEpisode) partial = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = efir_episode_get_id (imported);

  g_assert_false (efir_store_update_episode_json (fixture->store, id, "{\"format\":\"efir-episode/1\"}",
                                                  -1, EFIR_STORE_UPDATE_WHOLE, &error));
  g_assert_error (error, EFIR_EPISODE_JSON_ERROR, EFIR_EPISODE_JSON_ERROR_INCOMPLETE);
  g_clear_error (&error);

  after = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (efir_episode_diff (after, imported), ==, 0);
  revisions = efir_store_list_revisions (fixture->store, id, &error);
  g_assert_cmpuint (revisions->len, ==, 1);

  g_assert_true (efir_store_update_episode_json (fixture->store, id,
                                                 "{\"format\":\"efir-episode/1\", \"title\": \"Yeni\","
                                                 " \"quotes\": [{\"text\": \"Söz\"}]}",
                                                 -1, EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_no_error (error);
  partial = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (partial), ==, "Yeni");
  g_assert_cmpstr (efir_episode_get_summary (partial), ==, "A **short** summary.");
  g_assert_cmpint (efir_episode_get_number (partial), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_guests (partial))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (partial))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_quotes (partial))), ==, 1);
  g_assert_cmpstr (efir_episode_get_program_name (partial), ==, "Difficult Question");
}

/* "published" in a file is the site's word, which the file cannot give:
 * an import makes a draft, an update keeps the editorial state. */
static void
test_site_status_ignored (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *published = replace_once (small_episode_json, "\"tags\"",
                                             "\"status\": \"published\", \"tags\"");
  g_autofree char *ready = replace_once (small_episode_json, "\"tags\"",
                                         "\"status\": \"ready\", \"tags\"");
  g_autofree char *scheduled = replace_once (small_episode_json, "\"tags\"",
                                             "\"status\": \"scheduled\", \"tags\"");
  g_autoptr(EfirEpisode) imported = import (fixture, published);
  g_autoptr(EfirEpisode) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = efir_episode_get_id (imported);

  loaded = efir_store_load_episode (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_status (loaded), ==, EFIR_EPISODE_STATUS_DRAFT);
  g_clear_object (&loaded);

  g_assert_true (efir_store_update_episode_json (fixture->store, id, ready, -1,
                                                 EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_true (efir_store_update_episode_json (fixture->store, id, scheduled, -1,
                                                 EFIR_STORE_UPDATE_PARTIAL, &error));
  g_assert_no_error (error);
  loaded = efir_store_load_episode (fixture->store, id, &error);
  g_assert_cmpint (efir_episode_get_status (loaded), ==, EFIR_EPISODE_STATUS_READY);
}

/* "program add" refused "  " and names differing only in case or spaces,
 * but an import made each a programme of its own. One rule everywhere:
 * trim, NFC, compare without case; the same for guests. */
static void
test_names_one_rule (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char *program;
    const char *guest;
  } same[] = {
    { "difficult question", " nasimi mammadli" },
    { "Difficult Question ", "NASIMI MAMMADLI  " },
    { "\\tDIFFICULT question", "Nasimi Mammadli" },
  };
  /* "Çətin sual" with its letters composed, then decomposed. */
  const char *nfc = "\xc3\x87\xc9\x99tin sual";
  const char *nfd = "C\xcc\xa7\xc9\x99tin sual";
  g_autoptr(EfirEpisode) first = import (fixture, small_episode_json);
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GError) error = NULL;
  int number = 100;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"program\": \"%s\","
                                               " \"number\": %d, \"guests\": [{\"name\": \"%s\"}]}",
                                               same[i].program, number++, same[i].guest);
      g_autoptr(EfirEpisode) episode = import (fixture, json);

      g_assert_cmpint (efir_episode_get_program_id (episode), ==, efir_episode_get_program_id (first));
    }
  g_assert_cmpuint (n_programs (fixture), ==, 1);
  g_assert_cmpuint (n_people (fixture), ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"program\": \"%s\","
                                               " \"number\": %d}",
                                               i == 0 ? nfc : nfd, number++);
      g_autoptr(EfirEpisode) episode = import (fixture, json);
    }
  g_assert_cmpuint (n_programs (fixture), ==, 2);

  /* Blank is no name. */
  {
    g_autoptr(EfirEpisode) blank = efir_store_import_episode_json (
      fixture->store, "{\"format\": \"efir-episode/1\", \"program\": \"  \", \"number\": 1}", -1, &error);

    g_assert_null (blank);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_cmpuint (n_programs (fixture), ==, 2);

  /* Saving a programme keeps to the same rule. */
  program = efir_program_new ("DIFFICULT QUESTION ");
  g_assert_false (efir_store_save_program (fixture->store, program, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&program);
  program = efir_program_new (" \t ");
  g_assert_false (efir_store_save_program (fixture->store, program, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&program);

  /* And finding one by name. */
  program = efir_store_find_program (fixture->store, "difficult question", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_program_get_name (program), ==, "Difficult Question");
  g_clear_object (&program);
  program = efir_store_find_program (fixture->store, nfd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_program_get_name (program), ==, nfc);
}

static void
test_slug_from_title (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *slugged = replace_once (small_episode_json, "\"number\": 7",
                                           "\"number\": 8, \"slug\": \"sual-8\"");
  g_autoptr(EfirEpisode) episode = import (fixture, small_episode_json);
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(EfirEpisode) kept = import (fixture, slugged);

  /* The file has no slug: the page address comes from the title, as for
   * an episode begun in the window.
   */
  stored = efir_store_load_episode (fixture->store, efir_episode_get_id (episode), NULL);
  g_assert_cmpstr (efir_episode_get_slug (stored), ==, "cetin-sual");
  g_assert_cmpstr (efir_episode_get_slug (kept), ==, "sual-8");
}

static const char *
imported_program_language (Fixture    *fixture,
                           const char *program,
                           const char *title,
                           const char *text)
{
  g_autofree char *json = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirProgram) found = NULL;
  static char language[8];

  json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"program\": \"%s\","
                          " \"number\": 1, \"title\": \"%s\","
                          " \"transcript\": [{\"start\": 0, \"end\": 4,"
                          " \"speaker\": \"\", \"text\": \"%s\"}]}",
                          program, title, text);
  episode = import (fixture, json);
  found = efir_store_find_program (fixture->store, program, NULL);
  g_assert_nonnull (found);
  g_strlcpy (language, efir_program_get_language (found), sizeof language);

  return language;
}

static void
test_program_language (Fixture       *fixture,
                       gconstpointer  data)
{
  /* A programme the file brings is in the language of its words. */
  g_assert_cmpstr (imported_program_language (fixture, "Трудный вопрос", "Выборы",
                                              "Добрый вечер, Nasimi Mammadli."),
                   ==, "ru");
  g_assert_cmpstr (imported_program_language (fixture, "Çətin sual", "Seçkilər",
                                              "Axşamınız xeyir, Фёдор."),
                   ==, "az");
  g_assert_cmpstr (imported_program_language (fixture, "Hard Talk", "Elections",
                                              "Good evening."),
                   ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/import/example", test_example);
  ADD ("/store/import/twice", test_twice);
  ADD ("/store/import/unnumbered", test_unnumbered);
  ADD ("/store/import/slug-from-title", test_slug_from_title);
  ADD ("/store/import/program-language", test_program_language);
  ADD ("/store/import/existing-program-and-guest", test_existing_program_and_guest);
  ADD ("/store/import/bad-files", test_bad_files);
  ADD ("/store/import/update-keeps-revision", test_update_keeps_revision);
  ADD ("/store/import/update-missing", test_update_missing);
  ADD ("/store/import/update-partial", test_update_partial);
  ADD ("/store/import/names-one-rule", test_names_one_rule);
  ADD ("/store/import/site-status-ignored", test_site_status_ignored);

#undef ADD

  return g_test_run ();
}
