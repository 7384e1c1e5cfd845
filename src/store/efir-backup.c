/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "efir-backup.h"
#include "efir-store-check.h"

/* Types ------------------------------------------------------------------ */

/* A daily backup of "<stem>.db" is "<stem>-YYYY-MM-DD.db". */
#define DATABASE_EXTENSION ".db"
#define BACKUP_NAME_DATE   "-####-##-##.db"
/* In the hidden name of a copy being written, before its process id. */
#define TMP_MARK           ".efir-backup-"

/* Pause between attempts when another process holds a lock on the source;
 * attempts stop after the connection's busy timeout.
 */
#define BUSY_PAUSE_MS 100

/* Pages copied between two looks at the cancellable: 4 MB of the usual
 * 4 KiB pages, a few milliseconds, so quitting during a backup of any
 * size is not held up. Every few steps the copy is written to disk, so
 * the sync before the copy takes its name has little left to do. */
#define BACKUP_STEP_PAGES 1024
#define BACKUP_SYNC_STEPS 8

/* Helpers ---------------------------------------------------------------- */

/* @message names the file: errno is a property of the file system, which
 * the producer can act on (free space, fix permissions).
 */
static guint
parse_digits (const char *digits,
              gsize       length)
{
  guint value = 0;

  for (gsize i = 0; i < length; i++)
    value = value * 10 + g_ascii_digit_value (digits[i]);

  return value;
}

/* "<stem>-YYYY-MM-DD.db" with a real date, and nothing else: the folder may
 * hold other files (a .tmp of a backup being written, a producer's own
 * copies, the backups of another database kept in the same folder) that
 * daily rotation must never delete. The date part has a fixed length, so
 * the stem is read off exactly: "efir-2024-2026-11-01.db" belongs to
 * efir-2024.db and never to efir.db.
 */
static gboolean
is_daily_backup_name (const char *name,
                      const char *stem)
{
  gsize stem_length = strlen (stem);
  const char *date;

  if (strlen (name) != stem_length + strlen (BACKUP_NAME_DATE)
      || strncmp (name, stem, stem_length) != 0)
    return FALSE;

  date = name + stem_length;
  for (gsize i = 0; BACKUP_NAME_DATE[i] != '\0'; i++)
    {
      if (BACKUP_NAME_DATE[i] == '#' ? !g_ascii_isdigit (date[i]) : date[i] != BACKUP_NAME_DATE[i])
        return FALSE;
    }

  /* "-YYYY-MM-DD.db" */
  return g_date_valid_dmy (parse_digits (date + 9, 2),
                           parse_digits (date + 6, 2),
                           parse_digits (date + 1, 4));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The daily backups of the database named by @stem in @backup_dir, oldest
 * first: the date in the name sorts as text.
 */
static GPtrArray *
list_daily_backups (const char  *backup_dir,
                    const char  *stem,
                    GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!(dir = g_dir_open (backup_dir, 0, error)))
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    {
      if (is_daily_backup_name (name, stem))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

gboolean
efir_backup_sync_path (const char  *path,
                       gboolean     is_folder,
                       GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *message = NULL;
  int fd;
  int saved_errno = 0;

  if ((fd = g_open (path, O_RDONLY | (is_folder ? O_DIRECTORY : 0), 0)) < 0)
    {
      saved_errno = errno;
      message = g_strdup_printf (_("Could not open “%s”"), name);
      return efir_store_error_set_from_errno (error, saved_errno, message);
    }

  /* Some file systems cannot sync a folder; the rename is as safe there as
   * they make it.
   */
  if (fsync (fd) != 0 && !(is_folder && (errno == EINVAL || errno == ENOTSUP)))
    saved_errno = errno;
  close (fd);

  if (saved_errno != 0)
    {
      message = g_strdup_printf (_("Could not write “%s” to disk"), name);
      return efir_store_error_set_from_errno (error, saved_errno, message);
    }

  return TRUE;
}

static gboolean
copy_database (EfirDatabase  *db,
               sqlite3       *dest,
               int            dest_fd,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3_backup *backup;
  int attempts = EFIR_DATABASE_BUSY_TIMEOUT_MS / BUSY_PAUSE_MS;
  g_autoptr(GError) local_error = NULL;
  guint n_steps = 0;
  int rc = SQLITE_OK;

  /* One read transaction on the source for every step: the copy is a
   * consistent snapshot even while the writer commits between two steps,
   * which would otherwise make it start over, and in WAL mode it never
   * blocks the writer. */
  if (!efir_database_begin_read (db, error))
    return FALSE;
  if (!efir_database_exec (db, "SELECT count(*) FROM sqlite_schema", error))
    {
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  if (!(backup = sqlite3_backup_init (dest, "main", efir_database_get_handle (db), "main")))
    {
      efir_store_error_set_from_sqlite (error, dest, sqlite3_errcode (dest));
      efir_database_rollback (db, NULL);
      return FALSE;
    }

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;

      rc = sqlite3_backup_step (backup, BACKUP_STEP_PAGES);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempts-- > 0)
        sqlite3_sleep (BUSY_PAUSE_MS);
      else if (rc != SQLITE_OK)
        break;
      else if (++n_steps % BACKUP_SYNC_STEPS == 0)
        fdatasync (dest_fd);
    }

  sqlite3_backup_finish (backup);
  efir_database_rollback (db, NULL);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A failed step leaves its error on the destination connection. */
  if (rc != SQLITE_DONE)
    {
      efir_store_error_set_from_sqlite (error, dest, rc);
      return FALSE;
    }

  return TRUE;
}

/* Writes the copy at @tmp_path and leaves it in rollback-journal mode: the
 * copy carries the source's WAL flag in its header, and a backup should be
 * one file that opens read-only with nothing beside it.
 */
static gboolean
write_copy (EfirDatabase  *db,
            const char    *tmp_path,
            int            tmp_fd,
            GCancellable  *cancellable,
            GError       **error)
{
  sqlite3 *dest = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (tmp_path, &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                        | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      efir_store_error_set_from_sqlite (error, dest, rc);
      goto out;
    }

  /* The copy is synced as it goes and once more, whole, before it takes
   * its name: SQLite's own syncs would only repeat that. */
  sqlite3_exec (dest, "PRAGMA synchronous = OFF", NULL, NULL, NULL);

  if (!copy_database (db, dest, tmp_fd, cancellable, error))
    goto out;

  rc = sqlite3_prepare_v2 (dest, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      efir_store_error_set_from_sqlite (error, dest, rc);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (dest);

  return ok;
}

/* The folder of @path as the file system knows it, links resolved, so
 * that two names of one file compare equal; NULL if it does not exist. */
static char *
real_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  char *real = realpath (folder, NULL);
  char *copy;

  if (real == NULL)
    return NULL;
  copy = g_strdup (real);
  free (real);

  return copy;
}

/* Whether @dest_path is the database at @db_path or a file SQLite keeps
 * beside it: writing a backup there would replace the live archive's
 * journal with a database. */
static gboolean
is_live_file (const char *db_path,
              const char *dest_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *db_folder = real_folder (db_path);
  g_autofree char *dest_folder = real_folder (dest_path);
  g_autofree char *db_base = g_path_get_basename (db_path);
  g_autofree char *dest_base = g_path_get_basename (dest_path);

  if (db_folder == NULL || dest_folder == NULL || strcmp (db_folder, dest_folder) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db_base, suffixes[i], NULL);

      if (strcmp (name, dest_base) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether @db holds an episode; an archive without one has nothing a
 * backup of it could keep that its older backups do not. */
static gboolean
holds_episodes (EfirDatabase  *db,
                GError       **error)
{
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, "SELECT EXISTS (SELECT 1 FROM episodes)", error))
      || !efir_database_step (db, stmt, error))
    return FALSE;

  return sqlite3_column_int (stmt, 0) != 0;
}

/* What tells two states of an archive apart without reading all of it:
 * each table's rows counted, and the moments they were last written, which
 * every write of Efir's sets (an episode's parts are written with the
 * episode's own modified_at). Times are summed modulo 2^32, which cannot
 * overflow; the search index's marks are left out, since they follow the
 * episodes. A backup from before a table existed differs by failing. */
static const char fingerprint_sql[] =
  "SELECT json_array ("
  "  (SELECT json_array (count(*), sum (modified_at % 4294967296), max (modified_at),"
  "                      sum (save_count), sum (ifnull (deleted_at, 0) % 4294967296))"
  "     FROM episodes),"
  "  (SELECT json_array (count(*), sum (modified_at % 4294967296)) FROM programs),"
  "  (SELECT json_array (count(*), sum (modified_at % 4294967296)) FROM people),"
  "  (SELECT json_array (count(*), max (id)) FROM revisions),"
  "  (SELECT json_array (count(*), sum (modified_at % 4294967296)) FROM sites),"
  "  (SELECT json_array (count(*), sum (updated_at % 4294967296)) FROM publications),"
  "  (SELECT json_array (count(*), sum (modified_at % 4294967296)) FROM outbox),"
  "  (SELECT count(*) FROM site_terms),"
  "  (SELECT group_concat (key || '=' || ifnull (value, ''), ';') FROM meta"
  "    WHERE key NOT BETWEEN 'search-stale:' AND 'search-stale;'),"
  "  (SELECT user_version FROM pragma_user_version))";

static char *
read_fingerprint (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  char *fingerprint = NULL;

  if (sqlite3_prepare_v2 (handle, fingerprint_sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return fingerprint;
}

/* Whether the backup at @backup_path holds what @db holds now. Any doubt
 * (a backup that does not open, or from an older schema) says no. */
static gboolean
same_as_backup (EfirDatabase *db,
                const char   *backup_path)
{
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  sqlite3 *backup = NULL;

  if (sqlite3_open_v2 (backup_path, &backup, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    theirs = read_fingerprint (backup);
  sqlite3_close_v2 (backup);

  if (theirs == NULL || !efir_database_begin_read (db, NULL))
    return FALSE;
  ours = read_fingerprint (efir_database_get_handle (db));
  efir_database_rollback (db, NULL);

  return ours != NULL && g_str_equal (ours, theirs);
}

/* The date in a daily backup's name, as a GDate. */
static void
name_date (const char *name,
           gsize       stem_length,
           GDate      *date)
{
  const char *digits = name + stem_length;

  g_date_clear (date, 1);
  g_date_set_dmy (date, parse_digits (digits + 9, 2), parse_digits (digits + 6, 2),
                  parse_digits (digits + 1, 4));
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_backup_stem:
 * @db_path: a database file
 *
 * The part of a backup's name that says whose backup it is: the file name
 * of @db_path without its ".db", or the whole file name if it has none.
 * Backups of efir.db are "efir-…", as they always were.
 *
 * Returns: (transfer full): the stem
 */
char *
efir_backup_stem (const char *db_path)
{
  char *name;
  gsize length;

  g_return_val_if_fail (db_path != NULL, NULL);

  name = g_path_get_basename (db_path);
  length = strlen (name);

  /* A file named only ".db" keeps its name rather than lose all of it. */
  if (g_str_has_suffix (name, DATABASE_EXTENSION) && length > strlen (DATABASE_EXTENSION))
    name[length - strlen (DATABASE_EXTENSION)] = '\0';

  return name;
}

/**
 * efir_backup_to_file:
 * @db: the database to copy; a read-only connection will do
 * @dest_path: the backup file to write; replaced if it exists
 * @cancellable: (nullable): stops the copy between two steps
 * @error: return location for a #GError
 *
 * Copies @db with SQLite's online backup while others keep reading and
 * writing it. The copy is written beside @dest_path under a hidden name of
 * its own (".NAME.efir-backup-XXXXXX", readable by the user alone),
 * checked, synced to disk and only then renamed over @dest_path, so
 * @dest_path is at every moment either the old file or a complete, checked
 * new one. A copy that fails the check (the source is damaged) is deleted
 * and reported as %EFIR_STORE_ERROR_CORRUPT, and an existing @dest_path
 * stays. The archive's own file and the files beside it (-wal, -shm,
 * -journal) are refused as @dest_path (%EFIR_STORE_ERROR_CONFLICT).
 *
 * Call it outside a transaction of @db.
 *
 * Returns: %TRUE when @dest_path holds the new backup
 */
gboolean
efir_backup_to_file (EfirDatabase  *db,
                     const char    *dest_path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *tmp_journal = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) local_error = NULL;
  EfirStoreHealth health;
  int fd = -1;

  g_return_val_if_fail (EFIR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (!efir_database_in_transaction (db), FALSE);

  if (is_live_file (efir_database_get_path (db), dest_path))
    {
      g_autofree char *name = g_filename_display_name (dest_path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                   _("“%s” is a file of the archive itself; give the backup another name."),
                   name);
      return FALSE;
    }

  folder = g_path_get_dirname (dest_path);
  base = g_path_get_basename (dest_path);

  /* A name of Efir's own, made for this copy alone: a file the producer
   * keeps beside the backup, such as "keep.db.tmp", is never touched. It
   * names the process writing it, so that a copy left by one that died
   * half way is known as such (remove_abandoned_copies()). */
  tmp_path = g_strdup_printf ("%s%s.%s" TMP_MARK "%d-XXXXXX", folder, G_DIR_SEPARATOR_S, base, (int) getpid ());
  if ((fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600)) < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);
      /* Translators: follows "The backup failed: ", hence the small letter;
       * %s is a folder, and the system's reason comes after a colon. */
      g_autofree char *message = g_strdup_printf (_("could not write in the folder “%s”"), name);

      efir_store_error_set_from_errno (&local_error, saved_errno, message);
      g_clear_pointer (&tmp_path, g_free);
      goto failed;
    }
  tmp_journal = g_strconcat (tmp_path, "-journal", NULL);

  if (!write_copy (db, tmp_path, fd, cancellable, &local_error))
    goto failed;
  if (fd >= 0)
    close (fd);
  fd = -1;

  /* A damaged database copies into a damaged backup; taking its place
   * would rotate a good backup out.
   */
  health = efir_store_check_file_cancellable (tmp_path, cancellable, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto failed;
  if (health != EFIR_STORE_HEALTH_OK)
    {
      g_debug ("%s: %s", tmp_path, local_error != NULL ? local_error->message : "empty");
      g_clear_error (&local_error);
      g_set_error_literal (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
                           /* Translators: follows "The backup failed: ", hence the small letter. */
                           _("the copy did not pass its check, so the database itself "
                             "may be damaged."));
      goto failed;
    }

  if (!efir_backup_sync_path (tmp_path, FALSE, &local_error))
    goto failed;

  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dest_path);
      /* Translators: follows "The backup failed: ", hence the small letter;
       * %s is a file name, and the system's reason comes after a colon. */
      g_autofree char *message = g_strdup_printf (_("could not write “%s”"), name);

      efir_store_error_set_from_errno (&local_error, saved_errno, message);
      goto failed;
    }

  if (!efir_backup_sync_path (folder, TRUE, error))
    return FALSE;

  g_debug ("Backed up %s to %s", efir_database_get_path (db), dest_path);

  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  fd = -1;
  if (tmp_path != NULL)
    {
      g_unlink (tmp_path);
      g_unlink (tmp_journal);
    }
  /* Translators: the reason follows, such as "could not write
   * “efir-2026-11-27.db”: No space left on device". */
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("The backup failed: "));

  return FALSE;
}

/**
 * efir_backup_daily:
 * @db: the database to copy
 * @backup_dir: the folder of daily backups, created if missing
 * @now: the current time; its own time zone decides the date
 * @keep_days: how many of the newest daily backups of @db to keep, at
 *   least 1 (%EFIR_BACKUP_KEEP_DAYS)
 * @keep_weeks: for how many of the newest ISO weeks that have one to keep
 *   the newest backup of the week (%EFIR_BACKUP_KEEP_WEEKS)
 * @cancellable: (nullable): stops the backup
 * @error: return location for a #GError
 *
 * Writes @backup_dir/STEM-YYYY-MM-DD.db, STEM being efir_backup_stem() of
 * @db's file, unless today's backup exists or the newest backup holds what
 * @db holds (a day without change gets no backup of its own), then deletes
 * the daily backups of @db that neither rule keeps: at most
 * @keep_days + @keep_weeks files. Nothing is deleted when the new backup
 * could not be written or @db holds no episode, and today's backup never
 * is; the backups of other databases in @backup_dir, and every file not
 * named as a daily backup, are left alone.
 *
 * Returns: %TRUE when @db is backed up as it is today and rotation
 *   succeeded
 */
/* Whether the hidden copy @name (".NAME.efir-backup-PID-XXXXXX", or its
 * -journal) was left by a process that is gone: quit, killed or crashed
 * while it wrote, before it could delete its copy. */
static gboolean
is_abandoned_copy (const char *name)
{
  const char *mark = strstr (name, TMP_MARK);
  char *end = NULL;
  gint64 pid;

  if (name[0] != '.' || mark == NULL)
    return FALSE;

  pid = g_ascii_strtoll (mark + strlen (TMP_MARK), &end, 10);
  if (end == mark + strlen (TMP_MARK) || *end != '-' || pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return pid != getpid () && kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

/* The copies of this archive's backups that a process left half written
 * take room nobody would free: a quit during the first backup of a day
 * leaves one as big as the archive. */
static void
remove_abandoned_copies (const char *backup_dir,
                         const char *stem)
{
  g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", stem, "-", NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && is_abandoned_copy (name))
        {
          g_autofree char *path = g_build_filename (backup_dir, name, NULL);

          g_debug ("Deleting %s, a copy its process left half written", path);
          g_unlink (path);
        }
    }
}

gboolean
efir_backup_daily (EfirDatabase  *db,
                   const char    *backup_dir,
                   GDateTime     *now,
                   guint          keep_days,
                   guint          keep_weeks,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) weeks = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *date = NULL;
  g_autofree char *today = NULL;
  g_autofree char *today_path = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_days = 0;

  g_return_val_if_fail (EFIR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup_dir != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (keep_days > 0, FALSE);

  stem = efir_backup_stem (efir_database_get_path (db));
  date = g_date_time_format (now, "%Y-%m-%d");
  today = g_strconcat (stem, "-", date, DATABASE_EXTENSION, NULL);
  today_path = g_build_filename (backup_dir, today, NULL);

  if (g_mkdir_with_parents (backup_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (backup_dir);
      g_autofree char *message = g_strdup_printf (_("Could not create the folder “%s”"), name);

      return efir_store_error_set_from_errno (error, saved_errno, message);
    }

  remove_abandoned_copies (backup_dir, stem);
  if (!(names = list_daily_backups (backup_dir, stem, error)))
    return FALSE;

  if (!g_file_test (today_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *newest = NULL;

      if (names->len > 0)
        newest = g_build_filename (backup_dir, g_ptr_array_index (names, names->len - 1), NULL);

      if (newest != NULL && same_as_backup (db, newest))
        g_debug ("%s has not changed since %s: no backup today", efir_database_get_path (db),
                 newest);
      else if (!efir_backup_to_file (db, today_path, cancellable, error))
        return FALSE;
      else
        {
          g_ptr_array_add (names, g_strdup (today));
          g_ptr_array_sort (names, compare_names);
        }
    }

  /* An emptied archive, or a new one put in the place of an old one, would
   * otherwise push out within a week every backup that holds work. */
  if (!holds_episodes (db, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("%s holds no episode: no old backup is deleted", efir_database_get_path (db));
      return TRUE;
    }

  /* Newest first. A clock set wrong may have left a backup dated later
   * than today, so today's is kept, and counted, whatever its place. */
  weeks = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < names->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (names, i), today))
        {
          g_ptr_array_add (names, g_ptr_array_steal_index (names, i));
          break;
        }
    }
  for (guint i = names->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (names, i - 1);
      g_autofree char *path = NULL;
      gboolean keep = g_str_equal (name, today);
      GDate day;
      guint week;

      name_date (name, strlen (stem), &day);
      week = g_date_get_year (&day) * 100 + g_date_get_iso8601_week_of_year (&day);
      /* The first days of January may be in the last ISO week of the
       * year before, and the last of December in the first of the next. */
      if (g_date_get_month (&day) == G_DATE_JANUARY && g_date_get_iso8601_week_of_year (&day) > 50)
        week -= 100;
      else if (g_date_get_month (&day) == G_DATE_DECEMBER
               && g_date_get_iso8601_week_of_year (&day) == 1)
        week += 100;

      if (n_days < keep_days)
        {
          n_days++;
          keep = TRUE;
        }
      if (!g_hash_table_contains (weeks, GUINT_TO_POINTER (week))
          && g_hash_table_size (weeks) < keep_weeks)
        {
          g_hash_table_add (weeks, GUINT_TO_POINTER (week));
          keep = TRUE;
        }

      if (keep)
        continue;

      path = g_build_filename (backup_dir, name, NULL);
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *message = g_strdup_printf (_("Could not delete the old backup “%s”"), name);

          return efir_store_error_set_from_errno (error, saved_errno, message);
        }

      g_debug ("Deleted old backup %s", path);
    }

  return TRUE;
}

/**
 * efir_backup_usage:
 * @db_path: a database file
 * @backup_dir: the folder of daily backups
 * @n_backups: (out) (optional): how many daily backups @db_path has there
 * @n_bytes: (out) (optional): how much room they take, in bytes
 *
 * Counts the daily backups of @db_path that Efir keeps in @backup_dir,
 * and the room they take on disk. A missing folder holds none.
 */
void
efir_backup_usage (const char *db_path,
                   const char *backup_dir,
                   guint      *n_backups,
                   guint64    *n_bytes)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *stem = NULL;
  guint64 total = 0;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (backup_dir != NULL);

  stem = efir_backup_stem (db_path);
  names = list_daily_backups (backup_dir, stem, NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (backup_dir, g_ptr_array_index (names, i), NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        total += (guint64) st.st_blocks * 512;
    }

  if (n_backups != NULL)
    *n_backups = names != NULL ? names->len : 0;
  if (n_bytes != NULL)
    *n_bytes = total;
}

/**
 * efir_backup_find_latest_good:
 * @db_path: the database whose backup is wanted
 * @backup_dir: the folder of daily backups
 *
 * Looks for the newest daily backup of @db_path that opens read-only,
 * passes quick_check and that this Efir can open (efir_store_check_file()).
 * A newer backup of another database in the same folder is never taken.
 *
 * Returns: (transfer full) (nullable): its path, or %NULL if there is none
 */
char *
efir_backup_find_latest_good (const char *db_path,
                              const char *backup_dir)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (backup_dir != NULL, NULL);

  stem = efir_backup_stem (db_path);
  if (!(names = list_daily_backups (backup_dir, stem, NULL)))
    return NULL;

  for (guint i = names->len; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (backup_dir, g_ptr_array_index (names, i - 1), NULL);
      g_autoptr(GError) error = NULL;

      if (efir_store_check_file (path, &error) == EFIR_STORE_HEALTH_OK)
        return g_steal_pointer (&path);

      g_debug ("Skipping backup %s: %s", path, error != NULL ? error->message : "empty");
    }

  return NULL;
}
