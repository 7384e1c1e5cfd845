/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"
#include "test-config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "efir-page-renderer.h"
#include "efir-store.h"
#include "efir-test-util.h"
#include "efir-test-wp-server.h"

/* Types ------------------------------------------------------------------ */

/* Each test has a folder of its own: its databases, its files, and the
 * XDG data folder the default database path falls in, so no run ever
 * touches a real one. */
typedef struct
{
  char       *dir;
  char       *db;
  const char *input;   /* what efir-cli reads on standard input, or NULL */
  const char *debug;   /* G_MESSAGES_DEBUG for efir-cli, or NULL */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = -1;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* An episode file that needs nothing from outside the test. */
static const char small_episode_json[] =
  "{\n"
  "  \"format\": \"efir-episode/1\",\n"
  "  \"program\": \"Difficult Question\",\n"
  "  \"number\": 7,\n"
  "  \"title\": \"Çətin sual\",\n"
  "  \"air_date\": \"2024-10-04T20:00:00+04:00\",\n"
  "  \"guests\": [{\"name\": \"Nasimi Mammadli\", \"role\": \"Political commentator\"}],\n"
  "  \"summary\": \"A **short** summary.\",\n"
  "  \"tags\": [\"Iran\"]\n"
  "}\n";

static const char *cli_path;

/* Helpers ---------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = efir_test_make_dir ("efir-cli");
  f->db = g_build_filename (f->dir, "efir.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  efir_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->db, g_free);
}

/* Runs efir-cli with @args. @db goes in as --db unless NULL; @env_db is
 * EFIR_DB unless NULL (it is never inherited from the caller). */
static void
run_cli_strv (Fixture            *f,
              const char         *db,
              const char         *env_db,
              const char * const *args,
              Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg_data = g_build_filename (f->dir, "xdg-data", NULL);

  g_ptr_array_add (argv, (char *) cli_path);
  if (db != NULL)
    {
      g_ptr_array_add (argv, "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (f->input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg_data, TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_COLOR", "1", TRUE);
  if (f->debug != NULL)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", f->debug, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  if (env_db != NULL)
    g_subprocess_launcher_setenv (launcher, "EFIR_DB", env_db, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "EFIR_DB");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, f->input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  /* A crash, or a sanitizer's abort, is never an exit status to compare. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("efir-cli did not exit normally; its stderr:\n%s", run->err);

  run->status = g_subprocess_get_exit_status (process);
}

static void
run_cli_va (Fixture    *f,
            const char *db,
            const char *env_db,
            Run        *run,
            va_list     args)
{
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (strv, (char *) arg);
  g_ptr_array_add (strv, NULL);

  run_cli_strv (f, db, env_db, (const char * const *) strv->pdata, run);
}

/* Runs efir-cli on the fixture's database. */
static void G_GNUC_NULL_TERMINATED
run_cli (Fixture *f,
         Run     *run,
         ...)
{
  va_list args;

  va_start (args, run);
  run_cli_va (f, f->db, NULL, run, args);
  va_end (args);
}

static void G_GNUC_NULL_TERMINATED
run_cli_on (Fixture    *f,
            const char *db,
            const char *env_db,
            Run        *run,
            ...)
{
  va_list args;

  va_start (args, run);
  run_cli_va (f, db, env_db, run, args);
  va_end (args);
}

static void
assert_status (const Run *run,
               int        expected)
{
  if (run->status != expected)
    g_test_message ("efir-cli exited with %d; stdout:\n%s\nstderr:\n%s", run->status, run->out,
                    run->err);
  g_assert_cmpint (run->status, ==, expected);
}

/* An error is one line on stderr and nothing on stdout. */
static void
assert_failed (const Run *run,
               int        expected)
{
  assert_status (run, expected);
  g_assert_true (g_str_has_prefix (run->err, "efir-cli: "));
  g_assert_cmpstr (run->out, ==, "");
}

/* Ids are printed alone on stdout. */
static gint64
assert_printed_id (const Run *run)
{
  g_autofree char *line = g_strdup (run->out);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  assert_status (run, 0);
  g_assert_true (g_str_has_suffix (line, "\n"));
  g_strchomp (line);
  g_ascii_string_to_signed (line, 10, 1, G_MAXINT64, &id, &error);
  g_assert_no_error (error);

  return id;
}

static JsonArray *
parse_json_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_array_ref (json_node_get_array (root));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gint64
add_program (Fixture    *f,
             const char *name)
{
  g_auto(Run) run = { 0 };

  run_cli (f, &run, "program", "add", "--name", name, NULL);
  return assert_printed_id (&run);
}

static char *
example_path (void)
{
  return efir_test_fixture_path ("difficult-question-episode.json");
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static char *
id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* Tests: programmes ------------------------------------------------------ */

static void
test_program_add_list (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) add = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) list_json = { 0 };
  g_autoptr(JsonArray) programs = NULL;
  g_autofree char *line = NULL;
  JsonObject *program;
  gint64 id;

  run_cli (f, &add, "program", "add", "--name", "Difficult Question", "--language", "en",
           "--timezone", "Europe/Moscow", NULL);
  id = assert_printed_id (&add);
  g_assert_cmpstr (add.err, ==, "");

  run_cli (f, &list, "program", "list", NULL);
  assert_status (&list, 0);
  line = g_strdup_printf ("%" G_GINT64_FORMAT "\tDifficult Question\ten\tEurope/Moscow\n", id);
  g_assert_cmpstr (list.out, ==, line);

  run_cli (f, &list_json, "program", "list", "--json", NULL);
  assert_status (&list_json, 0);
  programs = parse_json_array (list_json.out);
  g_assert_cmpuint (json_array_get_length (programs), ==, 1);
  program = json_array_get_object_element (programs, 0);
  g_assert_cmpint (json_object_get_int_member (program, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (program, "name"), ==, "Difficult Question");
  g_assert_cmpstr (json_object_get_string_member (program, "language"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (program, "time_zone"), ==, "Europe/Moscow");
}

static void
test_program_duplicate (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };
  g_autoptr(JsonArray) programs = NULL;

  add_program (f, "Difficult Question");

  run_cli (f, &again, "program", "add", "--name", "Difficult Question", NULL);
  assert_failed (&again, 1);
  g_assert_nonnull (strstr (again.err, "Difficult Question"));

  run_cli (f, &list, "program", "list", "--json", NULL);
  assert_status (&list, 0);
  programs = parse_json_array (list.out);
  g_assert_cmpuint (json_array_get_length (programs), ==, 1);
}

static void
test_program_bad_language (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) language = { 0 };
  g_auto(Run) zone = { 0 };
  g_auto(Run) no_name = { 0 };

  run_cli (f, &language, "program", "add", "--name", "Difficult Question", "--language", "fr",
           NULL);
  assert_failed (&language, 2);
  g_assert_nonnull (strstr (language.err, "“fr”"));

  run_cli (f, &zone, "program", "add", "--name", "Difficult Question", "--timezone",
           "Mars/Olympus_Mons", NULL);
  assert_failed (&zone, 2);
  g_assert_nonnull (strstr (zone.err, "Mars/Olympus_Mons"));

  run_cli (f, &no_name, "program", "add", NULL);
  assert_failed (&no_name, 2);

  /* A refused command line leaves no database behind. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* Tests: episodes -------------------------------------------------------- */

static void
test_episode_new_list (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) created = { 0 };
  g_auto(Run) by_id = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) list_json = { 0 };
  g_auto(Run) filtered = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autoptr(JsonArray) episodes = NULL;
  g_autoptr(JsonArray) only_other = NULL;
  g_autofree char *program_id = NULL;
  gboolean found = FALSE;
  gint64 episode_id;
  gint64 other_id;

  add_program (f, "Difficult Question");
  program_id = id_string (add_program (f, "Sister Programme"));

  run_cli (f, &created, "episode", "new", "--program", "Difficult Question", "--title",
           "Çətin sual", NULL);
  episode_id = assert_printed_id (&created);

  run_cli (f, &by_id, "episode", "new", "--program", program_id, "--title", "Another one", NULL);
  other_id = assert_printed_id (&by_id);
  g_assert_cmpint (other_id, !=, episode_id);

  run_cli (f, &list, "episode", "list", NULL);
  assert_status (&list, 0);
  g_assert_nonnull (strstr (list.out, "Çətin sual"));
  g_assert_nonnull (strstr (list.out, "Another one"));

  run_cli (f, &list_json, "episode", "list", "--json", NULL);
  assert_status (&list_json, 0);
  episodes = parse_json_array (list_json.out);
  g_assert_cmpuint (json_array_get_length (episodes), ==, 2);
  for (guint i = 0; i < json_array_get_length (episodes); i++)
    {
      JsonObject *episode = json_array_get_object_element (episodes, i);

      g_assert_true (json_object_has_member (episode, "number"));
      g_assert_true (json_object_has_member (episode, "air_date"));
      if (json_object_get_int_member (episode, "id") != episode_id)
        continue;

      g_assert_cmpstr (json_object_get_string_member (episode, "program"), ==,
                       "Difficult Question");
      g_assert_cmpstr (json_object_get_string_member (episode, "title"), ==, "Çətin sual");
      g_assert_cmpstr (json_object_get_string_member (episode, "status"), ==, "draft");
      found = TRUE;
    }
  g_assert_true (found);

  run_cli (f, &filtered, "episode", "list", "--json", "--program", "Sister Programme", NULL);
  assert_status (&filtered, 0);
  only_other = parse_json_array (filtered.out);
  g_assert_cmpuint (json_array_get_length (only_other), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (only_other, 0),
                                               "id"), ==, other_id);

  run_cli (f, &unknown, "episode", "new", "--program", "No Such Programme", "--title", "X", NULL);
  assert_failed (&unknown, 1);
  g_assert_nonnull (strstr (unknown.err, "No Such Programme"));
}

/* What "episode list --json" prints, byte for byte: the array json-glib's
 * pretty printer writes (indent 2), one object a line of the listing with
 * the members of the contract in their order; the air date as the episode
 * file writes it, whatever text the archive holds, and null when it holds
 * none or none that reads as a date. */
typedef struct
{
  int         number;
  const char *title;
  const char *stored_air_date;  /* written into the archive as it is */
  const char *air_date;         /* as printed */
  const char *status;
} ListedEpisode;

static void
test_episode_list_json (Fixture       *f,
                        gconstpointer  data)
{
  /* In the order listed: the undated first, then the newest first. */
  static const ListedEpisode listed[] = {
    { 4, "Undated", NULL, NULL, "draft" },
    { 1, "Quotes \"and\" a back\\slash", "2024-10-04T20:00:00+04:00",
      "2024-10-04T20:00:00+04:00", "draft" },
    { 2, "Tab\tline\nreturn\rbell\a\b\f unit\x1f del\x7f", "2024-10-03T16:00:00Z",
      "2024-10-03T16:00:00+00:00", "draft" },
    { 3, "Ёлка — Əliyev", "2024-10-02T10:00:00-00:00", "2024-10-02T10:00:00+00:00", "draft" },
    { 5, "Çətin sual", "2024-10-01T10:00:00.250000+04:00", "2024-10-01T10:00:00.250000+04:00",
      "draft" },
    { 6, "Unreadable date", "not a date", NULL, "draft" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) empty = { 0 };
  gint64 ids[G_N_ELEMENTS (listed)];
  sqlite3 *db = NULL;

  {
    g_autoptr(EfirStore) store = efir_store_open (f->db, &error);
    g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");
    g_autoptr(EfirProgram) other = efir_program_new ("Empty");

    g_assert_no_error (error);
    efir_store_save_program (store, program, &error);
    g_assert_no_error (error);
    efir_store_save_program (store, other, &error);
    g_assert_no_error (error);

    for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
      {
        g_autoptr(EfirEpisode) episode = efir_episode_new ();
        EfirEpisodeStatus status;

        g_assert_true (efir_episode_status_from_string (listed[i].status, &status));
        efir_episode_set_program_id (episode, efir_program_get_id (program));
        efir_episode_set_number (episode, listed[i].number);
        efir_episode_set_title (episode, listed[i].title);
        efir_episode_set_status (episode, status);
        efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, &error);
        g_assert_no_error (error);
        ids[i] = efir_episode_get_id (episode);
      }
  }

  /* Texts the store never writes itself, as an older Efir or another tool
   * may have. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE episodes SET air_date = ?1 WHERE id = ?2",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, listed[i].stored_air_date, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ids[i]);
      json_builder_set_member_name (builder, "program");
      json_builder_add_string_value (builder, "Çətin sual");
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, listed[i].number);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, listed[i].title);
      json_builder_set_member_name (builder, "air_date");
      if (listed[i].air_date != NULL)
        json_builder_add_string_value (builder, listed[i].air_date);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, listed[i].status);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  expected = g_strconcat (text, "\n", NULL);

  run_cli (f, &list, "episode", "list", "--json", NULL);
  assert_status (&list, 0);
  g_assert_cmpstr (list.out, ==, expected);

  run_cli (f, &empty, "episode", "list", "--json", "--program", "Empty", NULL);
  assert_status (&empty, 0);
  g_assert_cmpstr (empty.out, ==, "[]\n");
}

/* Deleting goes to the trash, which lists it; restoring brings it back;
 * --now deletes for good. */
static void
test_episode_delete_restore (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(Run) created = { 0 };
  g_auto(Run) other = { 0 };
  g_auto(Run) deleted = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) trash = { 0 };
  g_auto(Run) trash_json = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) restored = { 0 };
  g_auto(Run) not_in_trash = { 0 };
  g_auto(Run) listed_back = { 0 };
  g_auto(Run) gone = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonArray) entries = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  JsonObject *entry;

  add_program (f, "Difficult Question");
  run_cli (f, &created, "episode", "new", "--program", "Difficult Question", "--title",
           "Çətin sual", NULL);
  id = id_string (assert_printed_id (&created));
  run_cli (f, &other, "episode", "new", "--program", "Difficult Question", "--title",
           "Another one", NULL);
  other_id = id_string (assert_printed_id (&other));

  run_cli (f, &deleted, "episode", "delete", id, NULL);
  assert_status (&deleted, 0);
  g_assert_cmpstr (deleted.out, ==, "");
  g_assert_nonnull (strstr (deleted.err, "episode restore"));
  g_assert_null (strstr (deleted.err, "site"));

  run_cli (f, &list, "episode", "list", NULL);
  assert_status (&list, 0);
  g_assert_null (strstr (list.out, "Çətin sual"));
  g_assert_nonnull (strstr (list.out, "Another one"));

  run_cli (f, &trash, "episode", "list", "--trash", NULL);
  assert_status (&trash, 0);
  g_assert_true (g_str_has_prefix (trash.out, id));
  g_assert_nonnull (strstr (trash.out, "\tDifficult Question\t"));
  g_assert_true (g_str_has_suffix (trash.out, "\tÇətin sual\n"));
  g_assert_null (strstr (trash.out, "Another one"));

  run_cli (f, &trash_json, "episode", "list", "--trash", "--json", NULL);
  assert_status (&trash_json, 0);
  entries = parse_json_array (trash_json.out);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  entry = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "title"), ==, "Çətin sual");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "deleted_at"), "Z"));
  g_assert_false (json_object_get_boolean_member (entry, "published"));

  /* Already in the trash: said plainly. */
  run_cli (f, &again, "episode", "delete", id, NULL);
  assert_failed (&again, 1);

  run_cli (f, &restored, "episode", "restore", id, NULL);
  assert_status (&restored, 0);
  run_cli (f, &not_in_trash, "episode", "restore", other_id, NULL);
  assert_failed (&not_in_trash, 1);
  g_assert_nonnull (strstr (not_in_trash.err, "list --trash"));
  run_cli (f, &listed_back, "episode", "list", NULL);
  g_assert_nonnull (strstr (listed_back.out, "Çətin sual"));

  run_cli (f, &gone, "episode", "delete", "--now", id, NULL);
  assert_status (&gone, 0);
  run_cli (f, &exported, "episode", "export", id, NULL);
  assert_failed (&exported, 1);

  run_cli (f, &usage, "episode", "delete", NULL);
  assert_failed (&usage, 2);
}

static void
test_episode_import_export (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *example = example_path ();
  g_autofree char *second_db = NULL;
  g_autofree char *exported_path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *second_id = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) reimported = { 0 };
  g_auto(Run) reexported = { 0 };
  JsonObject *object;

  run_cli (f, &imported, "episode", "import", example, NULL);
  id = id_string (assert_printed_id (&imported));

  run_cli (f, &exported, "episode", "export", id, "--format", "json", NULL);
  assert_status (&exported, 0);

  json_parser_load_from_data (parser, exported.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "efir-episode/1");
  g_assert_cmpstr (json_object_get_string_member (object, "program"), ==, "Difficult Question");
  g_assert_cmpint (json_object_get_int_member (object, "number"), ==, 112);

  /* What was exported is a whole episode: a second database that imports
   * it gives it back byte for byte. */
  exported_path = write_file (f, "exported.json", exported.out, -1);
  second_db = g_build_filename (f->dir, "second.db", NULL);

  run_cli_on (f, second_db, NULL, &reimported, "episode", "import", exported_path, NULL);
  second_id = id_string (assert_printed_id (&reimported));

  run_cli_on (f, second_db, NULL, &reexported, "episode", "export", second_id, NULL);
  assert_status (&reexported, 0);
  g_assert_cmpstr (reexported.out, ==, exported.out);
}

/* Links come in as another program wrote them: tracked, and without their
 * platform. They are stored clean, and go out with it. */
static void
test_episode_import_cleans_links (Fixture       *f,
                                  gconstpointer  data)
{
  static const char episode_json[] =
    "{\"format\": \"efir-episode/1\", \"program\": \"Difficult Question\", \"number\": 8,"
    " \"title\": \"Links\", \"social_links\": ["
    "  {\"url\": \"https://youtu.be/dQw4w9WgXcQ?si=tracked\"},"
    "  {\"url\": \"https://www.instagram.com/reel/C9xYz8AbCdE/?igsh=x\", \"platform\": \"instagram\"},"
    "  {\"url\": \"https://efir.az/112?utm_source=fb\"}]}";
  g_autofree char *path = write_file (f, "links.json", episode_json, -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) exported = { 0 };
  JsonArray *links;
  const char *expected[][2] = {
    { "https://youtu.be/dQw4w9WgXcQ", "youtube" },
    { "https://www.instagram.com/reel/C9xYz8AbCdE/", "instagram" },
    { "https://efir.az/112", "website" },
  };

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = id_string (assert_printed_id (&imported));
  run_cli (f, &exported, "episode", "export", id, NULL);
  assert_status (&exported, 0);

  json_parser_load_from_data (parser, exported.out, -1, &error);
  g_assert_no_error (error);
  links = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "social_links");
  g_assert_cmpuint (json_array_get_length (links), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      g_assert_cmpstr (json_object_get_string_member (link, "url"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (link, "platform"), ==, expected[i][1]);
    }
}

static void
test_episode_import_twice (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autofree char *names_id = NULL;
  g_autoptr(JsonArray) episodes = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) list = { 0 };
  gint64 id;

  run_cli (f, &first, "episode", "import", path, NULL);
  id = assert_printed_id (&first);

  run_cli (f, &second, "episode", "import", path, NULL);
  assert_failed (&second, 1);
  names_id = g_strdup_printf ("id %" G_GINT64_FORMAT, id);
  g_assert_nonnull (strstr (second.err, names_id));
  g_assert_nonnull (strstr (second.err, "Çətin sual"));
  g_assert_cmpint (strchr (second.err, '\n') - second.err + 1, ==, strlen (second.err));

  run_cli (f, &list, "episode", "list", "--json", NULL);
  assert_status (&list, 0);
  episodes = parse_json_array (list.out);
  g_assert_cmpuint (json_array_get_length (episodes), ==, 1);
}

static void
test_episode_update_keeps_revision (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autofree char *changed_path = NULL;
  g_autofree char *changed_json = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(GString) changed = g_string_new (small_episode_json);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirEpisode) old = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) updated = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad_id = { 0 };
  gboolean found_old = FALSE;
  gint64 id;

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = assert_printed_id (&imported);
  id_text = id_string (id);

  g_string_replace (changed, "Çətin sual", "Sual yenə çətindir", 1);
  changed_path = write_file (f, "changed.json", changed->str, changed->len);

  run_cli (f, &updated, "episode", "update", "--partial", id_text, changed_path, NULL);
  assert_status (&updated, 0);
  g_assert_cmpstr (updated.err, ==, "");

  run_cli (f, &missing, "episode", "update", "9999", changed_path, NULL);
  assert_failed (&missing, 1);
  run_cli (f, &bad_id, "episode", "update", "seven", changed_path, NULL);
  assert_failed (&bad_id, 2);

  /* The processes are gone; the database tells what they left. */
  store = efir_store_open (f->db, &error);
  g_assert_no_error (error);

  episode = efir_store_load_episode (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Sual yenə çətindir");

  revisions = efir_store_list_revisions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, >=, 1);

  for (guint i = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = g_ptr_array_index (revisions, i);

      g_assert_cmpint (info->episode_id, ==, id);
      g_clear_object (&old);
      old = efir_store_load_revision (store, info->id, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (efir_episode_get_title (old), "Çətin sual") == 0)
        found_old = TRUE;
    }
  g_assert_true (found_old);
}

/* A file of one line emptied every part of an episode, and nothing in the
 * CLI brought it back: update refuses it unless --partial, which changes
 * only what the file gives; history and restore-revision undo an update. */
static void
test_episode_update_partial_history (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autofree char *thin_path = write_file (f, "thin.json", "{\"format\":\"efir-episode/1\"}", -1);
  g_autofree char *title_path = write_file (f, "title.json",
                                            "{\"format\":\"efir-episode/1\", \"title\": \"Yeni ad\"}", -1);
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(JsonArray) history = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) thin = { 0 };
  g_auto(Run) partial = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) listed_json = { 0 };
  g_auto(Run) restored = { 0 };
  g_auto(Run) exported_again = { 0 };
  g_auto(Run) wrong_episode = { 0 };
  JsonObject *newest;

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = id_string (assert_printed_id (&imported));

  run_cli (f, &thin, "episode", "update", id, thin_path, NULL);
  assert_failed (&thin, 1);
  g_assert_nonnull (strstr (thin.err, "--partial"));
  g_assert_nonnull (strstr (thin.err, "“summary”"));

  run_cli (f, &partial, "episode", "update", id, title_path, "--partial", NULL);
  assert_status (&partial, 0);

  run_cli (f, &exported, "episode", "export", id, NULL);
  assert_status (&exported, 0);
  g_assert_nonnull (strstr (exported.out, "\"title\": \"Yeni ad\""));
  g_assert_nonnull (strstr (exported.out, "A **short** summary."));

  run_cli (f, &listed, "episode", "history", id, NULL);
  assert_status (&listed, 0);
  g_assert_nonnull (strstr (listed.out, "\tedit\n"));
  g_assert_nonnull (strstr (listed.out, "\timport\n"));

  run_cli (f, &listed_json, "episode", "history", id, "--json", NULL);
  assert_status (&listed_json, 0);
  history = parse_json_array (listed_json.out);
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  newest = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "reason"), ==, "edit");
  rev = id_string (json_object_get_int_member (newest, "revision"));

  run_cli (f, &wrong_episode, "episode", "restore-revision", "9999", rev, NULL);
  assert_failed (&wrong_episode, 1);

  run_cli (f, &restored, "episode", "restore-revision", id, rev, NULL);
  assert_status (&restored, 0);
  run_cli (f, &exported_again, "episode", "export", id, NULL);
  g_assert_nonnull (strstr (exported_again.out, "\"title\": \"Çətin sual\""));
}

/* An episode file nested 100,000 lists deep crashed the importer (exit
 * 139); it is refused with a sentence, and nothing is written. */
static void
test_episode_import_deep_nesting (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"efir-episode/1\", \"title\": ");
  g_autofree char *path = NULL;
  g_auto(Run) imported = { 0 };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  path = write_file (f, "deep.json", json->str, json->len);

  run_cli (f, &imported, "episode", "import", path, NULL);
  assert_failed (&imported, 1);
  g_assert_nonnull (strstr (imported.err, "deep"));
}

static void
test_episode_export_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autofree char *id = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) unknown_format = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad_file = { 0 };

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = id_string (assert_printed_id (&imported));

  run_cli (f, &unknown_format, "episode", "export", id, "--format", "pdf", NULL);
  assert_failed (&unknown_format, 2);
  g_assert_nonnull (strstr (unknown_format.err, "json or html"));

  run_cli (f, &missing, "episode", "export", "9999", NULL);
  assert_failed (&missing, 1);
  g_assert_nonnull (strstr (missing.err, "9999"));

  run_cli (f, &bad_file, "episode", "import", "no-such-file.json", NULL);
  assert_failed (&bad_file, 1);
  g_assert_nonnull (strstr (bad_file.err, "no-such-file.json"));
}

/* What "--format html" prints is the page the renderer writes for the
 * site, for the programme the episode belongs to, marked with the
 * episode's uuid. */
static void
test_episode_export_html (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                    "difficult-question-episode.json", NULL);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *id = NULL;
  g_autofree char *program_id = NULL;
  g_autofree char *marker = NULL;
  EfirPageOptions options = { NULL, 0, 0, TRUE };
  g_auto(Run) imported = { 0 };
  g_auto(Run) html = { 0 };
  g_auto(Run) missing = { 0 };
  gint64 episode_id;

  run_cli (f, &imported, "episode", "import", fixture, NULL);
  episode_id = assert_printed_id (&imported);
  id = id_string (episode_id);

  run_cli (f, &html, "episode", "export", id, "--format", "html", NULL);
  assert_status (&html, 0);
  g_assert_cmpstr (html.err, ==, "");

  store = efir_store_open (f->db, &error);
  g_assert_no_error (error);
  episode = efir_store_load_episode (store, episode_id, &error);
  g_assert_no_error (error);
  program_id = id_string (efir_episode_get_program_id (episode));
  program = efir_store_find_program (store, program_id, &error);
  g_assert_no_error (error);

  options.uuid = efir_episode_get_uuid (episode);
  page = efir_page_render (episode, program, &options);
  g_assert_cmpstr (html.out, ==, page);
  marker = g_strdup_printf ("<!-- wp:group {\"className\":\"efir-episode-%s\"} -->",
                            efir_episode_get_uuid (episode));
  g_assert_true (g_str_has_prefix (html.out, marker));
  g_assert_nonnull (strstr (html.out, "<p>Political commentator Nasimi Mammadli</p>"));
  g_assert_nonnull (strstr (html.out, "<script type=\"application/ld+json\">"));

  run_cli (f, &missing, "episode", "export", "9999", "--format", "html", NULL);
  assert_failed (&missing, 1);
  g_assert_nonnull (strstr (missing.err, "9999"));
}

/* Tests: search ---------------------------------------------------------- */

static void
test_search_folded (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) created = { 0 };
  g_auto(Run) other = { 0 };
  g_auto(Run) found = { 0 };
  g_auto(Run) found_text = { 0 };
  g_auto(Run) none = { 0 };
  g_autoptr(JsonArray) hits = NULL;
  g_autoptr(JsonArray) no_hits = NULL;
  JsonObject *hit;
  gint64 id;

  add_program (f, "Difficult Question");
  run_cli (f, &created, "episode", "new", "--program", "Difficult Question", "--title",
           "Çətin sual", NULL);
  id = assert_printed_id (&created);
  run_cli (f, &other, "episode", "new", "--program", "Difficult Question", "--title",
           "Hybrid threats", NULL);
  assert_printed_id (&other);

  run_cli (f, &found, "search", "cetin", "--json", NULL);
  assert_status (&found, 0);
  hits = parse_json_array (found.out);
  g_assert_cmpuint (json_array_get_length (hits), ==, 1);
  hit = json_array_get_object_element (hits, 0);
  g_assert_cmpint (json_object_get_int_member (hit, "episode_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (hit, "title"), ==, "Çətin sual");
  g_assert_cmpstr (json_object_get_string_member (hit, "program"), ==, "Difficult Question");
  g_assert_true (json_object_has_member (hit, "number"));
  g_assert_true (json_object_has_member (hit, "snippet"));
  g_assert_true (json_object_has_member (hit, "rank"));
  g_assert_null (strchr (json_object_get_string_member (hit, "snippet"), '\x01'));

  run_cli (f, &found_text, "search", "CETIN", NULL);
  assert_status (&found_text, 0);
  g_assert_nonnull (strstr (found_text.out, "Çətin sual"));

  run_cli (f, &none, "search", "nothing-like-this", "--json", NULL);
  assert_status (&none, 0);
  no_hits = parse_json_array (none.out);
  g_assert_cmpuint (json_array_get_length (no_hits), ==, 0);
}

/* Tests: backup and check ------------------------------------------------ */

static void
assert_same_titles (EfirStore *a,
                    EfirStore *b)
{
  g_autoptr(GListModel) episodes_a = efir_store_list_episodes (a, 0, NULL);
  g_autoptr(GListModel) episodes_b = efir_store_list_episodes (b, 0, NULL);
  guint n;

  g_assert_nonnull (episodes_a);
  g_assert_nonnull (episodes_b);
  n = g_list_model_get_n_items (episodes_a);
  g_assert_cmpuint (g_list_model_get_n_items (episodes_b), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirEpisode) ea = g_list_model_get_item (episodes_a, i);
      g_autoptr(EfirEpisode) eb = g_list_model_get_item (episodes_b, i);

      g_assert_cmpint (efir_episode_get_id (ea), ==, efir_episode_get_id (eb));
      g_assert_cmpstr (efir_episode_get_title (ea), ==, efir_episode_get_title (eb));
    }
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *dest_line = g_strconcat (dest, "\n", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "backups-here", NULL);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) created = { 0 };
  g_auto(Run) backup = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) into_folder = { 0 };

  run_cli (f, &imported, "episode", "import", path, NULL);
  assert_printed_id (&imported);
  run_cli (f, &created, "episode", "new", "--program", "Difficult Question", "--title",
           "Second", NULL);
  assert_printed_id (&created);

  run_cli (f, &backup, "backup", dest, NULL);
  assert_status (&backup, 0);
  g_assert_cmpstr (backup.out, ==, dest_line);

  store = efir_store_open (f->db, &error);
  g_assert_no_error (error);
  copy = efir_store_open (dest, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_check_integrity (copy, &error));
  g_assert_no_error (error);
  assert_same_titles (store, copy);

  /* A backup never replaces a file. */
  run_cli (f, &again, "backup", dest, NULL);
  assert_failed (&again, 1);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  run_cli (f, &into_folder, "backup", folder, NULL);
  assert_status (&into_folder, 0);
  g_assert_true (g_str_has_prefix (into_folder.out, folder));
  g_strchomp (into_folder.out);
  g_assert_true (g_file_test (into_folder.out, G_FILE_TEST_IS_REGULAR));
}

/* "backup efir.db-wal" wrote a backup over the live archive's journal;
 * "backup keep.db" deleted someone's keep.db.tmp; a folder that does not
 * exist gave "SQLite code 14". */
static void
test_backup_refusals (Fixture       *f,
                      gconstpointer  data)
{
  static const char *sides[] = { "-wal", "-shm", "-journal" };
  g_autofree char *keep = g_build_filename (f->dir, "keep.db", NULL);
  g_autofree char *keep_tmp = write_file (f, "keep.db.tmp", "someone's notes", -1);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "x.db", NULL);
  g_autofree char *notes = NULL;
  g_auto(Run) kept = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) check = { 0 };
  g_autoptr(GError) error = NULL;

  add_program (f, "Difficult Question");

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *side = g_strconcat (f->db, sides[i], NULL);
      g_autofree char *relative = g_strconcat ("efir.db", sides[i], NULL);
      g_auto(Run) run = { 0 };
      g_auto(Run) relative_run = { 0 };

      run_cli (f, &run, "backup", side, NULL);
      assert_failed (&run, 1);
      g_test_message ("%s", run.err);
      g_assert_null (strstr (run.err, "SQLite"));
      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));

      /* The same file by another name. */
      run_cli (f, &relative_run, "backup", relative, NULL);
      assert_failed (&relative_run, 1);
    }

  run_cli (f, &check, "check", NULL);
  assert_status (&check, 0);

  run_cli (f, &kept, "backup", keep, NULL);
  assert_status (&kept, 0);
  g_file_get_contents (keep_tmp, &notes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (notes, ==, "someone's notes");

  run_cli (f, &missing, "backup", nowhere, NULL);
  assert_failed (&missing, 1);
  g_test_message ("%s", missing.err);
  g_assert_null (strstr (missing.err, "SQLite"));
  g_assert_nonnull (strstr (missing.err, "no-such-folder"));
}

/* Into a folder, a backup is named after the database it copies, so the
 * copies of two archives kept side by side never look alike. */
static void
test_backup_named_after_database (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *archive = g_build_filename (f->dir, "archive-2024.db", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "copies", NULL);
  g_autofree char *name = NULL;
  g_autofree char *archive_name = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) created = { 0 };
  g_auto(Run) created_archive = { 0 };
  g_auto(Run) program_archive = { 0 };
  g_auto(Run) backup = { 0 };
  g_auto(Run) backup_archive = { 0 };

  add_program (f, "Difficult Question");
  run_cli (f, &created, "episode", "new", "--program", "Difficult Question", "--title",
           "In efir.db", NULL);
  assert_printed_id (&created);
  run_cli_on (f, archive, NULL, &program_archive, "program", "add", "--name", "Archive", NULL);
  assert_printed_id (&program_archive);
  run_cli_on (f, archive, NULL, &created_archive, "episode", "new", "--program", "Archive",
              "--title", "In archive-2024.db", NULL);
  assert_printed_id (&created_archive);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  run_cli (f, &backup, "backup", folder, NULL);
  assert_status (&backup, 0);
  run_cli_on (f, archive, NULL, &backup_archive, "backup", folder, NULL);
  assert_status (&backup_archive, 0);

  /* efir.db's copies are named as they always were. */
  g_strchomp (backup.out);
  name = g_path_get_basename (backup.out);
  g_assert_true (g_regex_match_simple ("^efir-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.db$", name, 0, 0));
  g_strchomp (backup_archive.out);
  archive_name = g_path_get_basename (backup_archive.out);
  g_assert_true (g_regex_match_simple ("^archive-2024-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.db$",
                                       archive_name, 0, 0));

  store = efir_store_open (archive, &error);
  g_assert_no_error (error);
  copy = efir_store_open (backup_archive.out, &error);
  g_assert_no_error (error);
  assert_same_titles (store, copy);
}

static void
test_check_ok (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) check = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *nowhere = g_build_filename (f->dir, "nowhere.db", NULL);

  add_program (f, "Difficult Question");

  run_cli (f, &check, "check", NULL);
  assert_status (&check, 0);
  /* The verdict alone on the first line, then what the backups take: the
   * first command of the day that wrote kept one. */
  g_assert_true (g_str_has_prefix (check.out, "ok\n1 daily backup, "));
  g_assert_nonnull (strstr (check.out, "backups\n"));

  run_cli_on (f, nowhere, NULL, &missing, "check", NULL);
  assert_failed (&missing, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

/* Ordinary commands never read the whole archive: `episode list` took
 * most of a second on a large one, all of it the check of every page, and
 * a cron `outbox run` would read it every minute. The store says when that
 * check starts. */
static void
test_commands_skip_whole_check (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const commands[][4] = {
    { "episode", "list", NULL },
    { "program", "list", NULL },
    { "search", "sual", NULL },
    { "outbox", "list", NULL },
    { "outbox", "run", NULL },
  };
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_auto(Run) imported = { 0 };

  run_cli (f, &imported, "episode", "import", path, NULL);
  assert_printed_id (&imported);

  f->debug = "efir-store";
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli_strv (f, f->db, NULL, commands[i], &run);
      assert_status (&run, 0);
      /* GLib writes debug messages to stdout. */
      g_assert_null (strstr (run.out, "Checking every page"));
    }
}

/* A bad sector in a table `episode list` does not read: listing and
 * exporting still work, a write that meets the damage is refused, with
 * the file left exactly as it was, and `efir-cli check` finds it. */
static void
test_damaged_read_not_write (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autoptr(GString) changed = g_string_new (small_episode_json);
  g_autofree char *changed_path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto(Run) imported = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) updated = { 0 };
  g_auto(Run) checked = { 0 };

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = id_string (assert_printed_id (&imported));
  g_string_replace (changed, "Çətin sual", "Sual yenə çətindir", 1);
  changed_path = write_file (f, "changed.json", changed->str, changed->len);

  efir_test_damage_table (f->db, "revisions");
  g_assert_true (g_file_get_contents (f->db, &before, &before_length, NULL));

  run_cli (f, &list, "episode", "list", NULL);
  assert_status (&list, 0);
  g_assert_nonnull (strstr (list.out, id));
  run_cli (f, &exported, "episode", "export", id, NULL);
  assert_status (&exported, 0);

  run_cli (f, &updated, "episode", "update", "--partial", id, changed_path, NULL);
  assert_failed (&updated, 1);
  g_assert_nonnull (strstr (updated.err, "damaged"));

  /* The whole check, asked for, finds it. */
  run_cli (f, &checked, "check", NULL);
  g_assert_cmpint (checked.status, ==, 1);
  g_assert_nonnull (strstr (checked.err, "damaged"));

  g_assert_true (g_file_get_contents (f->db, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static GBytes *
write_garbage (const char *path)
{
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 512; i++)
    g_string_append_printf (garbage, "not a database, line %u\n", i);

  g_file_set_contents (path, garbage->str, garbage->len, &error);
  g_assert_no_error (error);

  return g_bytes_new (garbage->str, garbage->len);
}

static void
test_check_garbage (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) before = write_garbage (f->db);
  g_autoptr(GBytes) after_check = NULL;
  g_autoptr(GBytes) after_list = NULL;
  g_auto(Run) check = { 0 };
  g_auto(Run) list = { 0 };

  run_cli (f, &check, "check", NULL);
  assert_status (&check, 1);
  g_assert_true (g_str_has_prefix (check.err, "efir-cli: "));
  g_assert_nonnull (strstr (check.err, f->db));
  after_check = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after_check));

  /* Any other command refuses the file just as well. */
  run_cli (f, &list, "program", "list", NULL);
  assert_failed (&list, 1);
  after_list = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after_list));
}

static void
set_user_version (const char *path,
                  int         version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Every failure to open offered the latest backup; an archive from a newer
 * Efir needs that Efir, not yesterday's copy. */
static void
test_check_too_new_no_backup (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) check = { 0 };
  g_auto(Run) list = { 0 };

  add_program (f, "Difficult Question");
  {
    g_autoptr(EfirStore) store = efir_store_open (f->db, &error);

    g_assert_no_error (error);
    efir_store_backup_daily (store, &error);
    g_assert_no_error (error);
  }
  set_user_version (f->db, 999);

  run_cli (f, &check, "check", NULL);
  assert_status (&check, 1);
  g_assert_cmpstr (check.out, ==, "");
  g_assert_null (strstr (check.err, "backup"));
  g_assert_nonnull (strstr (check.err, "Update Efir"));

  run_cli (f, &list, "episode", "list", NULL);
  assert_failed (&list, 1);
  g_assert_nonnull (strstr (list.err, "Update Efir"));
}

/* ": > efir.db" passed "check" as a new, empty archive. */
static void
test_check_emptied (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) check = { 0 };
  g_auto(Run) list = { 0 };

  add_program (f, "Difficult Question");
  expected = efir_store_find_latest_backup (f->db);
  g_assert_nonnull (expected);
  g_file_set_contents (f->db, "", 0, &error);
  g_assert_no_error (error);

  run_cli (f, &check, "check", NULL);
  assert_status (&check, 1);
  g_assert_nonnull (strstr (check.out, expected));

  run_cli (f, &list, "episode", "list", NULL);
  assert_status (&list, 1);
  g_assert_nonnull (strstr (list.err, "backup"));
  g_assert_true (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* With a 0444 file (or on read-only media) list, export, search, check and
 * backup all failed; they read the archive opened read-only, and nothing
 * is left beside it. */
static void
test_read_only_archive (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (f, "episode.json", small_episode_json, -1);
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *id = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) search_first = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) search = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) backup = { 0 };
  g_auto(Run) import_again = { 0 };

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not keep root from writing");
      return;
    }

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = id_string (assert_printed_id (&imported));
  run_cli (f, &search_first, "search", "cetin", NULL);
  g_assert_cmpint (g_chmod (f->db, 0444), ==, 0);

  run_cli (f, &list, "episode", "list", NULL);
  assert_status (&list, 0);
  run_cli (f, &exported, "episode", "export", id, NULL);
  assert_status (&exported, 0);
  run_cli (f, &search, "search", "cetin", NULL);
  assert_status (&search, 0);
  g_assert_nonnull (strstr (search.out, "Çətin sual"));
  run_cli (f, &check, "check", NULL);
  assert_status (&check, 0);
  run_cli (f, &backup, "backup", copy, NULL);
  assert_status (&backup, 0);

  run_cli (f, &import_again, "episode", "import", path, NULL);
  assert_failed (&import_again, 1);
  g_assert_nonnull (strstr (import_again.err, "read-only"));

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_chmod (f->db, 0600);
}

/* A script with an unset variable ran "--db $X" with an empty path and
 * wrote into the producer's archive. */
static void
test_empty_db_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *default_db = g_build_filename (f->dir, "xdg-data", "efir", "efir.db", NULL);
  g_auto(Run) option = { 0 };
  g_auto(Run) env = { 0 };

  run_cli_on (f, "", NULL, &option, "program", "add", "--name", "Difficult Question", NULL);
  assert_failed (&option, 2);
  g_assert_nonnull (strstr (option.err, "--db"));

  run_cli_on (f, NULL, "", &env, "program", "add", "--name", "Difficult Question", NULL);
  assert_failed (&env, 2);
  g_assert_nonnull (strstr (env.err, "EFIR_DB"));

  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
}

/* A title could forge a row of the tab-separated output. */
static void
test_tsv_escaped (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (f, "forged.json",
                                      "{\"format\": \"efir-episode/1\", \"program\": \"Q\\tA\","
                                      " \"number\": 1, \"title\": \"Real\\n99\\tFake\\tback\\\\slash\"}",
                                      -1);
  g_auto(Run) imported = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) programs = { 0 };
  g_auto(Run) search = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  run_cli (f, &imported, "episode", "import", path, NULL);
  assert_printed_id (&imported);

  run_cli (f, &list, "episode", "list", NULL);
  assert_status (&list, 0);
  lines = g_strsplit (list.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 6);
  g_assert_nonnull (strstr (list.out, "Real\\n99\\tFake\\tback\\\\slash"));
  g_assert_nonnull (strstr (list.out, "Q\\tA"));

  run_cli (f, &programs, "program", "list", NULL);
  assert_status (&programs, 0);
  g_assert_nonnull (strstr (programs.out, "Q\\tA"));

  run_cli (f, &search, "search", "fake", NULL);
  assert_status (&search, 0);
  g_assert_nonnull (strstr (search.out, "Real\\n99\\tFake"));
}

/* "--" ends the options, so a query may start with "-". */
static void
test_double_dash (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) created = { 0 };
  g_auto(Run) found = { 0 };
  g_autoptr(JsonArray) hits = NULL;

  add_program (f, "Difficult Question");
  run_cli (f, &created, "episode", "new", "--program", "Difficult Question", "--title",
           "-minus sign", NULL);
  assert_printed_id (&created);

  run_cli (f, &found, "search", "--json", "--", "-minus", NULL);
  assert_status (&found, 0);
  hits = parse_json_array (found.out);
  g_assert_cmpuint (json_array_get_length (hits), ==, 1);
}

static void
test_check_names_backup (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *expected_line = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) check = { 0 };

  add_program (f, "Difficult Question");

  {
    g_autoptr(EfirStore) store = efir_store_open (f->db, &error);

    g_assert_no_error (error);
    efir_store_backup_daily (store, &error);
    g_assert_no_error (error);
  }

  expected = efir_store_find_latest_backup (f->db);
  g_assert_nonnull (expected);
  expected_line = g_strconcat (expected, "\n", NULL);

  g_remove (wal);
  g_remove (shm);
  before = write_garbage (f->db);

  run_cli (f, &check, "check", NULL);
  assert_status (&check, 1);
  g_assert_cmpstr (check.out, ==, expected_line);
  g_assert_nonnull (strstr (check.err, expected));
  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

/* Tests: the command line ------------------------------------------------ */

/* Tests: links and share texts ------------------------------------------ */

static void
test_links_clean (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) plain = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) none = { 0 };
  g_autoptr(JsonArray) cleaned = NULL;
  JsonObject *first;
  JsonArray *removed;

  run_cli (f, &plain, "links", "clean", "https://youtu.be/dQw4w9WgXcQ?si=abc",
           "T.ME/cetinsual/12", NULL);
  assert_status (&plain, 0);
  g_assert_cmpstr (plain.out, ==,
                   "https://youtu.be/dQw4w9WgXcQ\tyoutube\n"
                   "https://t.me/cetinsual/12\ttelegram\n");
  /* Cleaning needs no database, and makes none. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  run_cli (f, &json, "links", "clean", "--json",
           "https://l.facebook.com/l.php?u=https%3A%2F%2Fefir.az%2F%3Futm_source%3Dfb&h=AT",
           NULL);
  assert_status (&json, 0);
  cleaned = parse_json_array (json.out);
  g_assert_cmpuint (json_array_get_length (cleaned), ==, 1);
  first = json_array_get_object_element (cleaned, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "url"), ==, "https://efir.az/");
  g_assert_cmpstr (json_object_get_string_member (first, "platform"), ==, "website");
  g_assert_cmpstr (json_object_get_string_member (first, "unwrapped_from"), ==, "l.facebook.com");
  removed = json_object_get_array_member (first, "removed");
  g_assert_cmpuint (json_array_get_length (removed), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (removed, 0), ==, "utm_source");

  /* A word that is no link fails the run, after the good ones. */
  run_cli (f, &bad, "links", "clean", "https://x.com/a/status/1?s=20", "not a link", NULL);
  assert_status (&bad, 1);
  g_assert_cmpstr (bad.out, ==, "https://x.com/a/status/1\tx\n");
  g_assert_nonnull (strstr (bad.err, "not a link"));

  run_cli (f, &none, "links", "clean", NULL);
  assert_failed (&none, 2);
}

/* A site on loopback, in a thread of its own: efir-cli runs while the test
 * waits for it. */
typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  char         *base;
} LinkSite;

static void
link_site_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                    "/ok");
    }
  else
    soup_server_message_set_status (msg, g_str_equal (path, "/ok") ? SOUP_STATUS_OK
                                                                    : SOUP_STATUS_NOT_FOUND,
                                    NULL);
}

static gpointer
link_site_thread (gpointer user_data)
{
  LinkSite *site = user_data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (site->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, link_site_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&site->mutex);
  site->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&site->cond);
  g_mutex_unlock (&site->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (site->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (site->context);

  return NULL;
}

static void
link_site_start (LinkSite *site)
{
  site->context = g_main_context_new ();
  site->loop = g_main_loop_new (site->context, FALSE);
  g_mutex_init (&site->mutex);
  g_cond_init (&site->cond);
  site->thread = g_thread_new ("link-site", link_site_thread, site);

  g_mutex_lock (&site->mutex);
  while (site->base == NULL)
    g_cond_wait (&site->cond, &site->mutex);
  g_mutex_unlock (&site->mutex);
}

static void
link_site_stop (LinkSite *site)
{
  g_main_loop_quit (site->loop);
  g_thread_join (site->thread);
  g_main_loop_unref (site->loop);
  g_main_context_unref (site->context);
  g_mutex_clear (&site->mutex);
  g_cond_clear (&site->cond);
  g_free (site->base);
}

static void
test_links_check (Fixture       *f,
                  gconstpointer  data)
{
  LinkSite site = { 0 };
  g_autofree char *good_json = NULL;
  g_autofree char *bad_json = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *good_id = NULL;
  g_autofree char *bad_id = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) imported_bad = { 0 };
  g_auto(Run) good = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) bad_json_run = { 0 };
  g_autoptr(JsonArray) checked = NULL;

  link_site_start (&site);

  good_json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"program\": \"P\", \"number\": 1,"
                               " \"title\": \"Good\", \"social_links\": ["
                               " {\"url\": \"%s/ok\"}, {\"url\": \"%s/moved\"}]}",
                               site.base, site.base);
  bad_json = g_strdup_printf ("{\"format\": \"efir-episode/1\", \"program\": \"P\", \"number\": 2,"
                              " \"title\": \"Bad\", \"social_links\": ["
                              " {\"url\": \"%s/ok\"}, {\"url\": \"%s/gone\"}]}",
                              site.base, site.base);
  good_path = write_file (f, "good.json", good_json, -1);
  bad_path = write_file (f, "bad.json", bad_json, -1);
  run_cli (f, &imported, "episode", "import", good_path, NULL);
  good_id = id_string (assert_printed_id (&imported));
  run_cli (f, &imported_bad, "episode", "import", bad_path, NULL);
  bad_id = id_string (assert_printed_id (&imported_bad));

  /* A link that moved is no failure; its new address is printed. */
  run_cli (f, &good, "links", "check", good_id, NULL);
  assert_status (&good, 0);
  expected = g_strdup_printf ("ok\t%s/ok\nmoved\t%s/moved\t%s/ok\n",
                              site.base, site.base, site.base);
  g_assert_cmpstr (good.out, ==, expected);

  run_cli (f, &bad, "links", "check", bad_id, NULL);
  assert_status (&bad, 1);
  g_assert_nonnull (strstr (bad.out, "broken\t"));

  run_cli (f, &bad_json_run, "links", "check", bad_id, "--json", NULL);
  assert_status (&bad_json_run, 1);
  checked = parse_json_array (bad_json_run.out);
  g_assert_cmpuint (json_array_get_length (checked), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checked, 1),
                                                  "status"), ==, "broken");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (checked, 1),
                                               "http_status"), ==, 404);

  link_site_stop (&site);
}

static void
test_share (Fixture       *f,
            gconstpointer  data)
{
  static const char episode_json[] =
    "{\"format\": \"efir-episode/1\", \"program\": \"Difficult Question\", \"number\": 9,"
    " \"title\": \"Çətin sual: Трудный вопрос 👍🏽\","
    " \"video_url\": \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\","
    " \"guests\": [{\"name\": \"Nasimi Mammadli\", \"role\": \"Political commentator\"}],"
    " \"quotes\": [{\"text\": \"Threats or interests?\", \"speaker\": \"Nasimi Mammadli\"}]}";
  g_autofree char *path = write_file (f, "share.json", episode_json, -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) x = { 0 };
  g_auto(Run) telegram = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) no_platform = { 0 };
  const char *expected =
    "Çətin sual: Трудный вопрос 👍🏽\n\n"
    "Nasimi Mammadli, Political commentator\n\n"
    "«Threats or interests?» — Nasimi Mammadli\n\n"
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
  JsonObject *object;

  run_cli (f, &imported, "episode", "import", path, NULL);
  id = id_string (assert_printed_id (&imported));

  run_cli (f, &x, "share", id, "--platform", "x", "--json", NULL);
  assert_status (&x, 0);
  json_parser_load_from_data (parser, x.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, expected);
  /* An Azerbaijani programme quotes in guillemets. On X: 27 letters and
   * spaces, one emoji with its skin tone, 38 + 41 for the guest and the
   * quote, 23 for the link, 6 line breaks. */
  g_assert_cmpint (json_object_get_int_member (object, "weighted_length"), ==,
                   27 + 2 + 38 + 41 + 23 + 6);
  g_assert_cmpint (json_object_get_int_member (object, "limit"), ==, 280);

  run_cli (f, &telegram, "share", id, "--platform", "telegram", NULL);
  assert_status (&telegram, 0);
  g_assert_true (g_str_has_prefix (telegram.out, expected));

  run_cli (f, &unknown, "share", id, "--platform", "myspace", NULL);
  assert_failed (&unknown, 2);
  run_cli (f, &no_platform, "share", id, NULL);
  assert_failed (&no_platform, 2);
  run_cli (f, &missing, "share", "999", "--platform", "x", NULL);
  assert_failed (&missing, 1);
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const unknown_command[] = { "frobnicate", NULL };
  static const char * const no_subcommand[] = { "episode", NULL };
  static const char * const unknown_subcommand[] = { "program", "remove", NULL };
  static const char * const unknown_option[] = { "program", "list", "--bogus", NULL };
  static const char * const missing_value[] = { "episode", "new", "--program", NULL };
  static const char * const missing_argument[] = { "episode", "import", NULL };
  static const char * const extra_argument[] = { "check", "now", NULL };
  static const char * const unknown_global[] = { "--bogus", "check", NULL };
  static const char * const no_command[] = { NULL };
  static const char * const *cases[] = {
    unknown_command, no_subcommand, unknown_subcommand, unknown_option, missing_value,
    missing_argument, extra_argument, unknown_global, no_command,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *joined = g_strjoinv (" ", (char **) cases[i]);

      g_test_message ("efir-cli %s", joined);
      run_cli_strv (f, f->db, NULL, cases[i], &run);
      assert_status (&run, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "efir-cli: "));
      g_assert_nonnull (strstr (run.err, "Usage: efir-cli"));
    }

  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const global[] = { "--help", NULL };
  static const char * const group[] = { "episode", "--help", NULL };
  static const char * const command[] = { "episode", "import", "--help", NULL };
  static const char * const search[] = { "search", "-h", NULL };
  g_auto(Run) global_run = { 0 };
  g_auto(Run) group_run = { 0 };
  g_auto(Run) command_run = { 0 };
  g_auto(Run) search_run = { 0 };

  run_cli_strv (f, f->db, NULL, global, &global_run);
  assert_status (&global_run, 0);
  g_assert_nonnull (strstr (global_run.out, "episode import FILE.json"));
  g_assert_nonnull (strstr (global_run.out, "--db PATH"));

  run_cli_strv (f, f->db, NULL, group, &group_run);
  assert_status (&group_run, 0);
  g_assert_nonnull (strstr (group_run.out, "episode update ID FILE.json"));
  g_assert_null (strstr (group_run.out, "program add"));

  run_cli_strv (f, f->db, NULL, command, &command_run);
  assert_status (&command_run, 0);
  g_assert_nonnull (strstr (command_run.out, "efir-cli [--db PATH] episode import"));

  run_cli_strv (f, f->db, NULL, search, &search_run);
  assert_status (&search_run, 0);
  g_assert_nonnull (strstr (search_run.out, "--json"));

  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_database_choice (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *env_db = g_build_filename (f->dir, "from-env.db", NULL);
  g_autofree char *default_db = g_build_filename (f->dir, "xdg-data", "efir", "efir.db", NULL);
  g_auto(Run) added = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) overridden = { 0 };
  g_auto(Run) by_default = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *missing_db = g_build_filename (f->dir, "missing.db", NULL);
  gint64 id;

  /* EFIR_DB names the database when --db does not. */
  run_cli_on (f, NULL, env_db, &added, "program", "add", "--name", "From the environment",
              NULL);
  id = assert_printed_id (&added);
  g_assert_true (g_file_test (env_db, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  run_cli_on (f, env_db, NULL, &listed, "program", "list", NULL);
  assert_status (&listed, 0);
  g_assert_nonnull (strstr (listed.out, "From the environment"));
  g_assert_cmpint (g_ascii_strtoll (listed.out, NULL, 10), ==, id);

  /* --db wins over EFIR_DB. */
  run_cli_on (f, f->db, env_db, &overridden, "program", "add", "--name", "From the option",
              NULL);
  assert_printed_id (&overridden);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));

  /* Neither: the default path, under XDG_DATA_HOME, folder and all. */
  run_cli_on (f, NULL, NULL, &by_default, "program", "add", "--name", "By default", NULL);
  assert_printed_id (&by_default);
  g_assert_true (g_file_test (default_db, G_FILE_TEST_IS_REGULAR));

  /* Reading commands never create a database. */
  run_cli_on (f, NULL, "missing.db", &missing, "program", "list", NULL);
  assert_failed (&missing, 1);
  g_assert_nonnull (strstr (missing.err, "missing.db"));
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
}

/* Publishing from a shell, against a site on loopback: sign in with the
 * password on standard input, queue, run as cron would, and read the
 * outbox. */
static void
test_publish_commands (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(EfirTestWpServer) server = efir_test_wp_server_new (NULL, NULL);
  g_autofree char *url = efir_test_wp_server_get_url (server, "/");
  g_autofree char *episode_file = g_build_filename (f->dir, "episode.json", NULL);
  g_autofree char *site_id = NULL;
  g_autofree char *episode_id = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) imported = { 0 };
  g_auto(Run) no_password = { 0 };
  g_auto(Run) added = { 0 };
  g_auto(Run) sites = { 0 };
  g_auto(Run) set_site = { 0 };
  g_auto(Run) queued = { 0 };
  g_auto(Run) ran = { 0 };
  g_auto(Run) outbox = { 0 };
  g_auto(Run) failing = { 0 };
  g_auto(Run) stopped = { 0 };
  g_auto(Run) resolve_usage = { 0 };
  g_auto(Run) past = { 0 };
  g_auto(Run) shared = { 0 };
  g_auto(Run) deleted = { 0 };
  g_auto(Run) outbox_after = { 0 };
  g_autofree char *page_link = NULL;
  JsonArray *jobs;
  JsonObject *last;

  g_file_set_contents (episode_file, small_episode_json, -1, &error);
  g_assert_no_error (error);
  run_cli (f, &imported, "episode", "import", episode_file, NULL);
  episode_id = id_string (assert_printed_id (&imported));

  /* No password on standard input: told how to make one. */
  f->input = "";
  run_cli (f, &no_password, "site", "add", "--url", url, "--user", EFIR_TEST_WP_USER, NULL);
  assert_failed (&no_password, 1);
  g_assert_nonnull (strstr (no_password.err, "Application Passwords"));

  /* The password as WordPress shows it, spaces and all; with no keyring
   * on a server, EFIR_SITE_PASSWORD stands in and nothing is stored. */
  f->input = EFIR_TEST_WP_PASSWORD "\n";
  g_setenv ("EFIR_SITE_PASSWORD", EFIR_TEST_WP_PASSWORD, TRUE);
  run_cli (f, &added, "site", "add", "--url", url, "--user", EFIR_TEST_WP_USER, NULL);
  f->input = NULL;
  site_id = id_string (assert_printed_id (&added));
  g_assert_nonnull (strstr (added.err, "who can publish"));

  run_cli (f, &sites, "site", "list", "--json", NULL);
  assert_status (&sites, 0);
  g_assert_nonnull (strstr (sites.out, "\"can_publish\" : true"));
  g_assert_null (strstr (sites.out, "abcd"));

  run_cli (f, &set_site, "program", "set-site", "Difficult Question", site_id, "--category",
           "Müsahibələr", NULL);
  assert_status (&set_site, 0);

  /* A time that has passed is refused, in the programme's zone. */
  run_cli (f, &past, "publish", episode_id, "--at", "2020-01-01T20:00", NULL);
  assert_failed (&past, 1);
  g_assert_nonnull (strstr (past.err, "already passed"));

  run_cli (f, &queued, "publish", episode_id, NULL);
  assert_printed_id (&queued);
  run_cli (f, &ran, "outbox", "run", NULL);
  assert_status (&ran, 0);
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (server), ==, 1);

  run_cli (f, &outbox, "outbox", "list", "--json", NULL);
  assert_status (&outbox, 0);
  json_parser_load_from_data (parser, outbox.out, -1, &error);
  g_assert_no_error (error);
  jobs = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (jobs), ==, 1);
  last = json_array_get_object_element (jobs, 0);
  g_assert_cmpstr (json_object_get_string_member (last, "state"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (last, "attempts"), ==, 1);

  /* Once live, the share texts link to the episode's page on the site. */
  run_cli (f, &shared, "share", episode_id, "--platform", "telegram", NULL);
  assert_status (&shared, 0);
  page_link = g_strdup_printf ("%s?p=", url);
  g_assert_nonnull (strstr (shared.out, page_link));

  /* A job that stops for the producer makes the cron run fail. */
  efir_test_wp_server_set_fault (server, EFIR_TEST_WP_FAULT_STATUS, 403, "application/json",
                                 "{\"code\":\"rest_forbidden\",\"message\":\"No.\"}", NULL, NULL);
  run_cli (f, &failing, "withdraw", episode_id, NULL);
  assert_printed_id (&failing);
  run_cli (f, &stopped, "outbox", "run", NULL);
  assert_failed (&stopped, 1);
  g_assert_nonnull (strstr (stopped.err, "outbox list"));

  run_cli (f, &resolve_usage, "outbox", "resolve", "1", NULL);
  assert_failed (&resolve_usage, 2);

  /* Deleted in Efir, a published episode's post stays on the site, which
   * the producer is told, and its job waiting for them is cancelled. */
  run_cli (f, &deleted, "episode", "delete", episode_id, NULL);
  assert_status (&deleted, 0);
  g_assert_nonnull (strstr (deleted.err, "post stays on the site"));
  g_assert_cmpuint (efir_test_wp_server_get_n_posts_created (server), ==, 1);
  run_cli (f, &outbox_after, "outbox", "list", "--json", NULL);
  assert_status (&outbox_after, 0);
  g_assert_nonnull (strstr (outbox_after.out, "\"state\" : \"cancelled\""));
  g_assert_null (strstr (outbox_after.out, "\"state\" : \"failed\""));
  g_unsetenv ("EFIR_SITE_PASSWORD");
}

/* An archive used only from efir-cli and cron keeps its daily backups: the
 * first command of a day that writes makes one, and a reading command
 * never reads the whole file for it. */
static void
test_daily_backup_on_write (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("efir-%s.db", day);
  g_autofree char *backup = g_build_filename (f->dir, "backups", name, NULL);
  g_auto(Run) added = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) listed_again = { 0 };

  run_cli (f, &added, "program", "add", "--name", "Çətin sual", NULL);
  assert_status (&added, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* Reading commands leave the backups as they are. */
  g_assert_cmpint (g_remove (backup), ==, 0);
  run_cli (f, &listed, "program", "list", NULL);
  assert_status (&listed, 0);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  run_cli (f, &listed_again, "episode", "list", NULL);
  assert_status (&listed_again, 0);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("EFIR_CLI");
  if (cli_path == NULL)
    cli_path = BUILD_ROOT "/src/cli/efir-cli";

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/program/add-list", test_program_add_list);
  ADD ("/cli/program/duplicate", test_program_duplicate);
  ADD ("/cli/program/bad-language", test_program_bad_language);
  ADD ("/cli/episode/new-list", test_episode_new_list);
  ADD ("/cli/episode/list-json", test_episode_list_json);
  ADD ("/cli/episode/import-export", test_episode_import_export);
  ADD ("/cli/episode/import-twice", test_episode_import_twice);
  ADD ("/cli/episode/import-cleans-links", test_episode_import_cleans_links);
  ADD ("/cli/episode/update-keeps-revision", test_episode_update_keeps_revision);
  ADD ("/cli/episode/export-errors", test_episode_export_errors);
  ADD ("/cli/episode/export-html", test_episode_export_html);
  ADD ("/cli/episode/update-partial-history", test_episode_update_partial_history);
  ADD ("/cli/episode/import-deep-nesting", test_episode_import_deep_nesting);
  ADD ("/cli/search/folded", test_search_folded);
  ADD ("/cli/maintenance/backup", test_backup);
  ADD ("/cli/maintenance/backup-refusals", test_backup_refusals);
  ADD ("/cli/maintenance/backup-named-after-database", test_backup_named_after_database);
  ADD ("/cli/maintenance/check-ok", test_check_ok);
  ADD ("/cli/maintenance/commands-skip-whole-check", test_commands_skip_whole_check);
  ADD ("/cli/maintenance/damaged-read-not-write", test_damaged_read_not_write);
  ADD ("/cli/maintenance/check-garbage", test_check_garbage);
  ADD ("/cli/maintenance/check-names-backup", test_check_names_backup);
  ADD ("/cli/links/clean", test_links_clean);
  ADD ("/cli/links/check", test_links_check);
  ADD ("/cli/share", test_share);
  ADD ("/cli/maintenance/check-too-new-no-backup", test_check_too_new_no_backup);
  ADD ("/cli/maintenance/check-emptied", test_check_emptied);
  ADD ("/cli/maintenance/read-only-archive", test_read_only_archive);
  ADD ("/cli/usage/empty-db-refused", test_empty_db_refused);
  ADD ("/cli/usage/tsv-escaped", test_tsv_escaped);
  ADD ("/cli/usage/double-dash", test_double_dash);
  ADD ("/cli/usage/errors", test_usage_errors);
  ADD ("/cli/usage/help", test_help);
  ADD ("/cli/usage/database-choice", test_database_choice);
  ADD ("/cli/publish/commands", test_publish_commands);
  ADD ("/cli/maintenance/daily-backup-on-write", test_daily_backup_on_write);
  ADD ("/cli/episode/delete-restore", test_episode_delete_restore);
#undef ADD

  return g_test_run ();
}
