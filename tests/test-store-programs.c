/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-programs"

#include "config.h"

#include <string.h>

#include "efir-store.h"
#include "efir-test-util.h"

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char      *dir;
  char      *path;
  EfirStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = efir_test_make_dir ("efir-store-programs");
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

static EfirProgram *
add_program (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  EfirProgram *program = efir_program_new (name);

  g_assert_true (efir_store_save_program (fixture->store, program, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_program_get_id (program), >, 0);
  return program;
}

static EfirProgram *
find (Fixture    *fixture,
      const char *name_or_id)
{
  g_autoptr(GError) error = NULL;
  EfirProgram *program = efir_store_find_program (fixture->store, name_or_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (program);
  return program;
}

static void
assert_strv (const char * const *strv,
             const char * const *expected)
{
  g_assert_true (g_strv_equal (strv, expected));
}

/* Tests ------------------------------------------------------------------ */

static void
test_roundtrip (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const hosts[] = { "Ramil Zeynalov", "Лейла \"Ли\" Алиева", NULL };
  static const char * const hashtags[] = { "#ÇətinSual", "#Azərbaycan", NULL };
  static const char * const accounts[] = { "https://t.me/difficultquestion", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
  g_autoptr(EfirProgram) found = NULL;
  g_autoptr(EfirProgram) bare = NULL;
  g_autoptr(EfirProgram) bare_found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  efir_program_set_language (program, "ru");
  efir_program_set_time_zone (program, "Europe/Moscow");
  efir_program_set_description (program, "Line one.\nLine two with \\ and \"quotes\".");
  efir_program_set_hosts (program, hosts);
  efir_program_set_hashtags (program, hashtags);
  efir_program_set_social_accounts (program, accounts);
  efir_program_set_share_template (program, "x", "{title} — «{quote}»\n{link} \"{hashtags}\"");
  efir_program_set_share_template (program, "telegram", "{title}\n\n{link}");
  efir_store_save_program (fixture->store, program, &error);
  g_assert_no_error (error);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, efir_program_get_id (program));
  found = find (fixture, id);
  g_assert_cmpint (efir_program_get_id (found), ==, efir_program_get_id (program));
  g_assert_cmpstr (efir_program_get_name (found), ==, "Çətin sual");
  g_assert_cmpstr (efir_program_get_language (found), ==, "ru");
  g_assert_cmpstr (efir_program_get_time_zone (found), ==, "Europe/Moscow");
  g_assert_cmpstr (efir_program_get_description (found), ==,
                   "Line one.\nLine two with \\ and \"quotes\".");
  assert_strv (efir_program_get_hosts (found), hosts);
  assert_strv (efir_program_get_hashtags (found), hashtags);
  assert_strv (efir_program_get_social_accounts (found), accounts);
  g_assert_cmpstr (efir_program_get_share_template (found, "x"), ==,
                   "{title} — «{quote}»\n{link} \"{hashtags}\"");
  g_assert_cmpstr (efir_program_get_share_template (found, "telegram"), ==, "{title}\n\n{link}");
  g_assert_cmpstr (efir_program_get_share_template (found, "facebook"), ==, "");

  /* A template taken away is gone from the database too. */
  efir_program_set_share_template (program, "x", "");
  efir_store_save_program (fixture->store, program, &error);
  g_assert_no_error (error);
  g_clear_object (&found);
  found = find (fixture, id);
  g_assert_cmpstr (efir_program_get_share_template (found, "x"), ==, "");
  g_assert_cmpstr (efir_program_get_share_template (found, "telegram"), ==, "{title}\n\n{link}");

  /* Defaults and empty lists come back as they went. */
  bare = add_program (fixture, "Bare");
  bare_found = find (fixture, "Bare");
  g_assert_cmpstr (efir_program_get_language (bare_found), ==, "az");
  g_assert_cmpstr (efir_program_get_time_zone (bare_found), ==, "Asia/Baku");
  assert_strv (efir_program_get_hosts (bare_found), none);
}

static void
test_list_order (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const names[] = { "Zəng", "Əlavə", "İnterview", "Alpha", "Ölkə" };
  static const char * const expected[] = { "Alpha", "Əlavə", "İnterview", "Ölkə", "Zəng" };
  g_autoptr(GListModel) programs = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (add_program (fixture, names[i]));

  /* As a producer reads the alphabet, not as the bytes sort. */
  programs = efir_store_list_programs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (programs), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(EfirProgram) program = g_list_model_get_item (programs, i);

      g_assert_cmpstr (efir_program_get_name (program), ==, expected[i]);
    }
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EfirProgram) first = add_program (fixture, "Difficult Question");
  g_autoptr(EfirProgram) digits = add_program (fixture, "2024");
  g_autoptr(EfirProgram) by_digits = NULL;
  g_autoptr(EfirProgram) by_id = NULL;
  g_autoptr(EfirProgram) by_name = NULL;
  g_autoptr(EfirProgram) missing = NULL;
  g_autoptr(GError) error = NULL;

  /* Ids first; a name of digits that is no id is still found by name. */
  by_id = find (fixture, "1");
  g_assert_cmpstr (efir_program_get_name (by_id), ==, "Difficult Question");
  by_digits = find (fixture, "2024");
  g_assert_cmpint (efir_program_get_id (by_digits), ==, efir_program_get_id (digits));

  /* Names are one when they differ only in case or spaces at either end. */
  by_name = find (fixture, " difficult question");
  g_assert_cmpint (efir_program_get_id (by_name), ==, efir_program_get_id (first));

  missing = efir_store_find_program (fixture->store, "Easy Question", &error);
  g_assert_null (missing);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Easy Question”"));
  g_clear_error (&error);

  missing = efir_store_find_program (fixture->store, "99", &error);
  g_assert_null (missing);
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
}

static void
test_duplicate_name (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EfirProgram) first = add_program (fixture, "Difficult Question");
  g_autoptr(EfirProgram) other = add_program (fixture, "Other");
  g_autoptr(EfirProgram) again = efir_program_new ("Difficult Question");
  g_autoptr(EfirProgram) unchanged = NULL;
  g_autoptr(GListModel) programs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (efir_store_save_program (fixture->store, again, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "A programme called “Difficult Question” already exists.");
  g_assert_cmpint (efir_program_get_id (again), ==, 0);
  g_clear_error (&error);

  /* Renaming into another's name is the same clash. */
  efir_program_set_name (other, "Difficult Question");
  g_assert_false (efir_store_save_program (fixture->store, other, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  programs = efir_store_list_programs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (programs), ==, 2);
  unchanged = find (fixture, "Other");
  g_assert_cmpint (efir_program_get_id (unchanged), ==, efir_program_get_id (other));
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const hosts[] = { "New Host", NULL };
  g_autoptr(EfirProgram) program = add_program (fixture, "Old name");
  g_autoptr(EfirProgram) found = NULL;
  g_autoptr(EfirProgram) gone = efir_program_new ("Gone");
  g_autoptr(GError) error = NULL;
  gint64 id = efir_program_get_id (program);

  efir_program_set_name (program, "New name");
  efir_program_set_hosts (program, hosts);
  g_assert_true (efir_store_save_program (fixture->store, program, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_program_get_id (program), ==, id);

  found = find (fixture, "New name");
  g_assert_cmpint (efir_program_get_id (found), ==, id);
  assert_strv (efir_program_get_hosts (found), hosts);

  efir_program_set_id (gone, 777);
  g_assert_false (efir_store_save_program (fixture->store, gone, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND);
}

static void
test_people (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const expected[] = { "Əli Həsənov", "İlham Məmmədov", "Nasimi Mammadli" };
  static const char * const names[] = { "Nasimi Mammadli", "İlham Məmmədov", "Əli Həsənov" };
  g_autoptr(GListModel) people = NULL;
  g_autoptr(EfirPerson) first = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(EfirPerson) person = efir_person_new (names[i]);

      efir_person_set_default_role (person, "Political commentator");
      efir_person_set_bio (person, "Bio of a person.\nSecond line.");
      efir_person_set_photo_path (person, i == 0 ? "/photos/nasimi.jpg" : NULL);
      g_assert_true (efir_store_save_person (fixture->store, person, &error));
      g_assert_no_error (error);
      g_assert_cmpint (efir_person_get_id (person), >, 0);
    }

  people = efir_store_list_people (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(EfirPerson) person = g_list_model_get_item (people, i);

      g_assert_cmpstr (efir_person_get_name (person), ==, expected[i]);
      g_assert_cmpstr (efir_person_get_default_role (person), ==, "Political commentator");
      g_assert_cmpstr (efir_person_get_bio (person), ==, "Bio of a person.\nSecond line.");
    }

  /* An update keeps the id; the photo is kept or cleared as set. */
  first = g_list_model_get_item (people, 2);
  g_assert_cmpstr (efir_person_get_photo_path (first), ==, "/photos/nasimi.jpg");
  efir_person_set_default_role (first, "Analyst");
  efir_person_set_photo_path (first, NULL);
  g_assert_true (efir_store_save_person (fixture->store, first, &error));
  g_assert_no_error (error);

  g_clear_object (&people);
  people = efir_store_list_people (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, G_N_ELEMENTS (expected));
  {
    g_autoptr(EfirPerson) again = g_list_model_get_item (people, 2);

    g_assert_cmpint (efir_person_get_id (again), ==, efir_person_get_id (first));
    g_assert_cmpstr (efir_person_get_default_role (again), ==, "Analyst");
    g_assert_cmpstr (efir_person_get_photo_path (again), ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/program/roundtrip", test_roundtrip);
  ADD ("/store/program/list-order", test_list_order);
  ADD ("/store/program/find", test_find);
  ADD ("/store/program/duplicate-name", test_duplicate_name);
  ADD ("/store/program/update", test_update);
  ADD ("/store/person/save-list", test_people);

#undef ADD

  return g_test_run ();
}
