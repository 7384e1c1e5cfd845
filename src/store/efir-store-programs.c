/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-programs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-json.h"
#include "efir-store-private.h"

/* Types ------------------------------------------------------------------ */

#define PROGRAM_COLUMNS \
  "id, name, language, time_zone, description, hosts, hashtags, social_accounts, share_templates"

/* Helpers ---------------------------------------------------------------- */

static const char *
program_name (gpointer item)
{
  return efir_program_get_name (item);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* {"x": "…", "telegram": "…"}, the platforms in alphabetical order. */
static char *
share_templates_to_json (EfirProgram *program)
{
  g_auto(GStrv) platforms = efir_program_dup_share_template_platforms (program);
  GString *out = g_string_new ("{");

  for (guint i = 0; platforms[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      efir_json_append_string (out, platforms[i]);
      g_string_append_c (out, ':');
      efir_json_append_string (out, efir_program_get_share_template (program, platforms[i]));
    }

  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static gboolean
read_share_templates (EfirStore    *self,
                      EfirProgram  *program,
                      const char   *json,
                      GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (json[0] == '\0' || g_str_equal (json, "{}"))
    return TRUE;

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT key, CAST (value AS TEXT) FROM json_each (?1)",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while (efir_database_step (db, stmt, &local_error))
    efir_program_set_share_template (program, column_text (stmt, 0), column_text (stmt, 1));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static EfirProgram *
program_from_row (EfirStore     *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(EfirProgram) program = efir_program_new (column_text (stmt, 1));
  g_auto(GStrv) hosts = NULL;
  g_auto(GStrv) hashtags = NULL;
  g_auto(GStrv) social_accounts = NULL;

  if (!(hosts = efir_store_strv_from_json (self, column_text (stmt, 5), error))
      || !(hashtags = efir_store_strv_from_json (self, column_text (stmt, 6), error))
      || !(social_accounts = efir_store_strv_from_json (self, column_text (stmt, 7), error))
      || !read_share_templates (self, program, column_text (stmt, 8), error))
    return NULL;

  efir_program_set_id (program, sqlite3_column_int64 (stmt, 0));
  /* The table's CHECK keeps the language one the model accepts. */
  efir_program_set_language (program, column_text (stmt, 2));
  efir_program_set_time_zone (program, column_text (stmt, 3));
  efir_program_set_description (program, column_text (stmt, 4));
  efir_program_set_hosts (program, (const char * const *) hosts);
  efir_program_set_hashtags (program, (const char * const *) hashtags);
  efir_program_set_social_accounts (program, (const char * const *) social_accounts);

  return g_steal_pointer (&program);
}

static void
set_not_found (GError     **error,
               const char  *name_or_id)
{
  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
               _("There is no programme “%s”."), name_or_id);
}

static void
set_duplicate_name (GError     **error,
                    const char  *name)
{
  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
               _("A programme called “%s” already exists."), name);
}

static EfirProgram *
find_by_id (EfirStore  *self,
            gint64      id,
            GError    **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, "SELECT " PROGRAM_COLUMNS " FROM programs WHERE id = ?1",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!efir_database_step (db, stmt, error))
    return NULL;

  return program_from_row (self, stmt, error);
}

static EfirProgram *
find_by_name (EfirStore   *self,
              const char  *name,
              GError     **error)
{
  gint64 id;

  if (!efir_store_lookup_program_locked (self, name, &id, error) || id == 0)
    return NULL;

  return find_by_id (self, id, error);
}

/* The programme, other than @except_id, whose name is one with @name. */
static gboolean
lookup_other_locked (EfirStore   *self,
                     const char  *name,
                     gint64       except_id,
                     gint64      *program_id,
                     GError     **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = efir_store_name_key (name);

  *program_id = 0;

  /* A handful of programmes: compared here, by the one rule for names. */
  if (!(stmt = efir_database_prepare (db, "SELECT id, name FROM programs ORDER BY id", error)))
    return FALSE;

  while (efir_database_step (db, stmt, &local_error))
    {
      g_autofree char *other = efir_store_name_key ((const char *) sqlite3_column_text (stmt, 1));
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id != except_id && g_str_equal (key, other))
        {
          *program_id = id;
          break;
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_program_locked (EfirStore    *self,
                      EfirProgram  *program,
                      gint64       *program_id,
                      GError      **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autofree char *hosts = efir_store_strv_to_json (efir_program_get_hosts (program));
  g_autofree char *hashtags = efir_store_strv_to_json (efir_program_get_hashtags (program));
  g_autofree char *social_accounts =
    efir_store_strv_to_json (efir_program_get_social_accounts (program));
  g_autofree char *share_templates = share_templates_to_json (program);
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id = efir_program_get_id (program);
  const char *name = efir_program_get_name (program);
  gint64 other_id;

  if (!lookup_other_locked (self, name, id, &other_id, error))
    return FALSE;
  if (other_id != 0)
    {
      set_duplicate_name (error, name);
      return FALSE;
    }

  if (id == 0)
    stmt = efir_database_prepare (db,
                                  "INSERT INTO programs (name, language, time_zone, description,"
                                  "  hosts, hashtags, social_accounts, share_templates,"
                                  "  created_at, modified_at)"
                                  " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?9, ?9)",
                                  error);
  else
    stmt = efir_database_prepare (db,
                                  "UPDATE programs SET name = ?2, language = ?3, time_zone = ?4,"
                                  "  description = ?5, hosts = ?6, hashtags = ?7,"
                                  "  social_accounts = ?8, share_templates = ?10, modified_at = ?9"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, efir_program_get_language (program), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, efir_program_get_time_zone (program), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, efir_program_get_description (program), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, hosts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hashtags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, social_accounts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
  sqlite3_bind_text (stmt, 10, share_templates, -1, SQLITE_STATIC);

  if (!efir_database_run (db, stmt, &local_error))
    {
      /* The name is the only unique column a producer types. */
      if (g_error_matches (local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT))
        set_duplicate_name (error, name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (id == 0)
    id = efir_database_last_insert_rowid (db);
  else if (efir_database_changes (db) == 0)
    {
      set_not_found (error, name);
      return FALSE;
    }

  *program_id = id;
  return TRUE;
}

/* Public API: for the store's other files -------------------------------- */

gboolean
efir_store_lookup_program_locked (EfirStore   *self,
                                  const char  *name,
                                  gint64      *program_id,
                                  GError     **error)
{
  return lookup_other_locked (self, name, 0, program_id, error);
}

gint64
efir_store_ensure_program_locked (EfirStore   *self,
                                  const char  *name,
                                  const char  *language,
                                  GError     **error)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autofree char *clean = efir_store_clean_name (name);
  gint64 program_id;

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                           _("The episode file does not say which programme it belongs to."));
      return 0;
    }

  if (!efir_store_lookup_program_locked (self, clean, &program_id, error))
    return 0;
  if (program_id != 0)
    return program_id;

  program = efir_program_new (clean);
  if (language != NULL)
    efir_program_set_language (program, language);
  if (!write_program_locked (self, program, &program_id, error))
    return 0;

  g_debug ("Added the programme “%s” (%" G_GINT64_FORMAT ")", name, program_id);

  return program_id;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_list_programs:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full): every programme, by name, as #EfirProgram
 */
GListModel *
efir_store_list_programs (EfirStore  *self,
                          GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GListStore) programs = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  programs = g_list_store_new (EFIR_TYPE_PROGRAM);
  items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT " PROGRAM_COLUMNS " FROM programs ORDER BY id",
                                      error)))
    return NULL;

  while (efir_database_step (db, stmt, &local_error))
    {
      EfirProgram *program = program_from_row (self, stmt, &local_error);

      if (program == NULL)
        break;
      g_ptr_array_add (items, program);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  efir_store_sort_by_name (items, program_name);
  g_list_store_splice (programs, 0, 0, items->pdata, items->len);

  return G_LIST_MODEL (g_steal_pointer (&programs));
}

/**
 * efir_store_find_program:
 * @self: a store
 * @name_or_id: a programme's id in decimal, or its exact name
 * @error: return location for a #GError
 *
 * A name made of digits alone is looked up as a name when no programme
 * has it as its id.
 *
 * Returns: (transfer full): the programme, or %NULL with
 *   %EFIR_STORE_ERROR_NOT_FOUND
 */
EfirProgram *
efir_store_find_program (EfirStore   *self,
                         const char  *name_or_id,
                         GError     **error)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 id;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  if (g_ascii_string_to_unsigned (name_or_id, 10, 1, G_MAXINT64, &id, NULL))
    program = find_by_id (self, (gint64) id, &local_error);

  if (program == NULL && local_error == NULL)
    program = find_by_name (self, name_or_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (program == NULL)
    set_not_found (error, name_or_id);

  return g_steal_pointer (&program);
}

/**
 * efir_store_save_program:
 * @self: a store
 * @program: a programme; with id 0 it is added and gets its id
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved; %EFIR_STORE_ERROR_CONFLICT when another
 *   programme has the name, %EFIR_STORE_ERROR_NOT_FOUND when the programme
 *   is no longer there
 */
gboolean
efir_store_save_program (EfirStore    *self,
                         EfirProgram  *program,
                         GError      **error)
{
  EfirDatabase *db;
  gint64 program_id;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (EFIR_IS_PROGRAM (program), FALSE);

  db = efir_store_get_database (self);

  /* Kept as the one rule for names keeps them. */
  {
    g_autofree char *clean = efir_store_clean_name (efir_program_get_name (program));

    if (!g_str_equal (clean, efir_program_get_name (program)))
      efir_program_set_name (program, clean);
  }

  if (efir_program_get_name (program)[0] == '\0')
    {
      g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                           _("A programme needs a name."));
      return FALSE;
    }

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!write_program_locked (self, program, &program_id, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  if (!efir_database_commit (db, error))
    return FALSE;

  efir_program_set_id (program, program_id);

  return TRUE;
}
