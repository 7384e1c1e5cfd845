/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-people"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-store-private.h"

/* Helpers ---------------------------------------------------------------- */

static const char *
person_name (gpointer item)
{
  return efir_person_get_name (item);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
write_person_locked (EfirStore   *self,
                     EfirPerson  *person,
                     gint64      *person_id,
                     GError     **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;
  gint64 id = efir_person_get_id (person);
  const char *photo_path = efir_person_get_photo_path (person);

  if (id == 0)
    stmt = efir_database_prepare (db,
                                  "INSERT INTO people (name, default_role, bio, photo_path,"
                                  "  created_at, modified_at)"
                                  " VALUES (?2, ?3, ?4, ?5, ?6, ?6)",
                                  error);
  else
    stmt = efir_database_prepare (db,
                                  "UPDATE people SET name = ?2, default_role = ?3, bio = ?4,"
                                  "  photo_path = ?5, modified_at = ?6"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, efir_person_get_name (person), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, efir_person_get_default_role (person), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, efir_person_get_bio (person), -1, SQLITE_STATIC);
  if (photo_path[0] != '\0')
    sqlite3_bind_text (stmt, 5, photo_path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());

  if (!efir_database_run (db, stmt, error))
    return FALSE;

  if (id == 0)
    id = efir_database_last_insert_rowid (db);
  else if (efir_database_changes (db) == 0)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("“%s” is no longer in the guest directory."),
                   efir_person_get_name (person));
      return FALSE;
    }

  *person_id = id;
  return TRUE;
}

/* Public API: for the store's other files -------------------------------- */

gint64
efir_store_ensure_person_locked (EfirStore   *self,
                                 const char  *name,
                                 const char  *default_role,
                                 GError     **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirPerson) person = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = efir_store_clean_name (name);
  g_autofree char *key = efir_store_name_key (clean);
  gint64 person_id = 0;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    /* The oldest entry of that name: the one every earlier episode found.
     * Names are one when they differ only in case, spaces at either end
     * or the composition of their letters. */
    if (!(stmt = efir_database_prepare (db, "SELECT id, name FROM people ORDER BY id", error)))
      return 0;

    while (efir_database_step (db, stmt, &local_error))
      {
        g_autofree char *other = efir_store_name_key ((const char *) sqlite3_column_text (stmt, 1));

        if (g_str_equal (key, other))
          {
            person_id = sqlite3_column_int64 (stmt, 0);
            break;
          }
      }
  }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  if (person_id != 0)
    return person_id;

  person = efir_person_new (clean);
  efir_person_set_default_role (person, default_role);
  if (!write_person_locked (self, person, &person_id, error))
    return 0;

  return person_id;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_list_people:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the guest directory, by name, as #EfirPerson
 */
GListModel *
efir_store_list_people (EfirStore  *self,
                        GError    **error)
{
  EfirDatabase *db;
  g_autoptr(GListStore) people = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  people = g_list_store_new (EFIR_TYPE_PERSON);
  items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(stmt = efir_database_prepare (db,
                                      "SELECT id, name, default_role, bio, photo_path"
                                      "  FROM people ORDER BY id",
                                      error)))
    return NULL;

  while (efir_database_step (db, stmt, &local_error))
    {
      EfirPerson *person = efir_person_new (column_text (stmt, 1));

      efir_person_set_id (person, sqlite3_column_int64 (stmt, 0));
      efir_person_set_default_role (person, column_text (stmt, 2));
      efir_person_set_bio (person, column_text (stmt, 3));
      efir_person_set_photo_path (person, column_text (stmt, 4));
      g_ptr_array_add (items, person);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  efir_store_sort_by_name (items, person_name);
  g_list_store_splice (people, 0, 0, items->pdata, items->len);

  return G_LIST_MODEL (g_steal_pointer (&people));
}

/**
 * efir_store_save_person:
 * @self: a store
 * @person: a directory entry; with id 0 it is added and gets its id
 * @error: return location for a #GError
 *
 * Episodes keep the name and role their guests had on the day, so renaming
 * a person here does not change a page already written.
 *
 * Returns: %TRUE when saved
 */
gboolean
efir_store_save_person (EfirStore   *self,
                        EfirPerson  *person,
                        GError     **error)
{
  EfirDatabase *db;
  gint64 person_id;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (EFIR_IS_PERSON (person), FALSE);

  db = efir_store_get_database (self);

  {
    g_autofree char *clean = efir_store_clean_name (efir_person_get_name (person));

    if (!g_str_equal (clean, efir_person_get_name (person)))
      efir_person_set_name (person, clean);
  }

  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!write_person_locked (self, person, &person_id, error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  if (!efir_database_commit (db, error))
    return FALSE;

  efir_person_set_id (person, person_id);

  return TRUE;
}
