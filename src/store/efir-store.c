/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "efir-backup.h"
#include "efir-fold.h"
#include "efir-json.h"
#include "efir-migrations.h"
#include "efir-store-check.h"
#include "efir-store-private.h"

/* Types and properties --------------------------------------------------- */

/* What the store and its check task share (see "The check of every page"
 * below); reference-counted, so either may go first. */
typedef struct
{
  GMutex    lock;
  GCond     changed;
  gboolean  started;
  gboolean  verified;
  GError   *error;     /* the verdict, NULL when sound */
  gboolean  running;   /* the thread has not returned yet */
} CheckState;

struct _EfirStore
{
  GObject parent_instance;

  /* Owned */
  EfirDatabase *db;

  /* The check of every page runs in a task while the producer reads;
   * writes wait for its verdict (see efir_store_open()). */
  CheckState   *check;
  GCancellable *check_cancellable;
  gboolean      check_touched;

  gboolean      read_only;

  /* PRAGMA data_version as last read, 0 before the first read, and the
   * source that reads it while the store follows other processes. */
  gint64        data_version;
  GSource      *follow_source;
  /* Writes of the store's writer under way, and whether a change elsewhere
   * was seen as the first began. */
  guint         own_writes;
  gboolean      missed_change;
};

G_DEFINE_FINAL_TYPE (EfirStore, efir_store, G_TYPE_OBJECT)

enum {
  CHECKED,
  DAMAGED,
  CHANGED_ELSEWHERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define BACKUP_FOLDER "backups"

/* What a recovery adds to the damaged file's name, and what travels with
 * it: SQLite opens "<name>-wal" with "<name>", so the damaged file keeps
 * the last commits its WAL holds for whoever tries to rescue it, and the
 * backup put in its place never has another file's journal played into it.
 */
#define DAMAGED_SUFFIX_FORMAT ".damaged-%Y%m%d-%H%M%S"
static const char * const companion_suffixes[] = { "-wal", "-shm", "-journal" };

/* Helpers ---------------------------------------------------------------- */

static char *
backup_dir_for (const char *db_path)
{
  g_autofree char *folder = g_path_get_dirname (db_path);

  return g_build_filename (folder, BACKUP_FOLDER, NULL);
}

static gboolean
copy_file_synced (const char  *source,
                  const char  *dest,
                  GError     **error)
{
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_copy (source_file, dest_file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_filename_display_name (dest);

      g_set_error (error, EFIR_STORE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                     ? EFIR_STORE_ERROR_FULL
                     : EFIR_STORE_ERROR_SQLITE,
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return efir_backup_sync_path (dest, FALSE, error);
}

/* "<db>.damaged-YYYYMMDD-HHMMSS", with a counter if a recovery in the same
 * second already took that name: a damaged file is never overwritten.
 */
static char *
damaged_name_for (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *suffix = g_date_time_format (now, DAMAGED_SUFFIX_FORMAT);
  char *name = g_strconcat (db_path, suffix, NULL);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%s-%u", db_path, suffix, i);
    }

  return name;
}

static gboolean
rename_or_set_error (const char  *from,
                     const char  *to,
                     GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (from);
      g_autofree char *message = g_strdup_printf (_("Could not rename “%s”"), name);

      return efir_store_error_set_from_errno (error, saved_errno, message);
    }

  return TRUE;
}

/* A file of 0 bytes is what a first start cut short leaves, to be set up
 * as new; but where Efir has kept backups, an archive was, and its content
 * is gone. Setting it up as new would hide that, and its daily backups
 * would push the good ones out. */
static gboolean
check_not_emptied (const char  *path,
                   GError     **error)
{
  g_autofree char *backup = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size != 0)
    return TRUE;

  if (!(backup = efir_store_find_latest_backup (path)))
    return TRUE;

  name = g_filename_display_name (path);
  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
               _("The database “%s” is empty: what it held is gone. Efir has left it as it "
                 "is; open the latest good backup instead."),
               name);
  return FALSE;
}

/* Whether Efir may write the archive: the file, and its folder for the
 * -wal and -shm beside it. */
static gboolean
can_write (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return access (path, W_OK) == 0 && access (folder, W_OK) == 0;
}

static gboolean
refuse_write_cb (gpointer   data,
                 GError   **error)
{
  EfirStore *self = data;
  g_autofree char *name = g_filename_display_name (efir_database_get_path (self->db));

  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_READ_ONLY,
               _("The archive “%s” is open read-only: edits are off."),
               name);
  return FALSE;
}

/* Public API: names, for the store's files ------------------------------- */

char *
efir_store_clean_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  return g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
}

char *
efir_store_name_key (const char *name)
{
  g_autofree char *clean = efir_store_clean_name (name);
  g_autofree char *folded = g_utf8_casefold (clean, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

gboolean
efir_store_name_is_blank (const char *name)
{
  g_autofree char *clean = efir_store_clean_name (name);

  return clean[0] == '\0';
}

/* Public API: JSON helpers shared by the store's files ------------------- */

EfirDatabase *
efir_store_get_database (EfirStore *self)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  return self->db;
}

/* Whole milliseconds, which every subtitle format writes, without printf:
 * formatting the 6,000 times of a three-hour transcript with "%.15g" took
 * more than half of the time of saving it. The decimal "s.mmm" reads back
 * as the double nearest to m / 1000, which is what dividing gave.
 */
static gboolean
append_milliseconds (GString *out,
                     double   value)
{
  char digits[24];
  gint64 millis;
  gsize n = 0;

  if (!(value >= 0 && value < 1e12))
    return FALSE;

  millis = (gint64) (value * 1000 + 0.5);
  if ((double) millis / 1000 != value)
    return FALSE;

  /* The fraction, without trailing zeros, then the whole seconds. */
  for (int i = 0, fraction = millis % 1000; i < 3; i++, fraction /= 10)
    if (n > 0 || fraction % 10 != 0)
      digits[n++] = '0' + fraction % 10;
  if (n > 0)
    digits[n++] = '.';

  millis /= 1000;
  do
    digits[n++] = '0' + millis % 10;
  while ((millis /= 10) > 0);

  while (n > 0)
    g_string_append_c (out, digits[--n]);

  return TRUE;
}

/* Text that reads back as the same double, so that a segment starting at
 * 4.2 is stored as 4.2 and loads back as exactly what was saved.
 */
void
efir_store_append_json_double (GString *out,
                               double   value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;

  if (append_milliseconds (out, value))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

char *
efir_store_strv_to_json (const char * const *strv)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      efir_json_append_string (out, strv[i]);
    }

  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

char **
efir_store_strv_from_json (EfirStore   *self,
                           const char  *json,
                           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (json == NULL || g_str_equal (json, "[]"))
    return g_strv_builder_end (builder);

  if (!(stmt = efir_database_prepare (self->db,
                                      "SELECT CAST (value AS TEXT) FROM json_each (?1) ORDER BY key",
                                      error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while (efir_database_step (self->db, stmt, &local_error))
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      g_strv_builder_add (builder, value != NULL ? value : "");
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

typedef struct
{
  char     *key;
  gpointer  item;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const SortEntry *entry_a = a;
  const SortEntry *entry_b = b;

  return strcmp (entry_a->key, entry_b->key);
}

void
efir_store_sort_by_name (GPtrArray   *items,
                         const char *(*get_name) (gpointer item))
{
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (items->len, 1));

  /* The folded name, then the name itself, so that names folding alike
   * still come in a fixed order; the same names keep the order they came
   * in, g_qsort_with_data() being stable.
   */
  for (guint i = 0; i < items->len; i++)
    {
      const char *name = get_name (items->pdata[i]);
      g_autofree char *folded = efir_fold (name, -1);

      entries[i].key = g_strconcat (folded, "\x01", name, NULL);
      entries[i].item = items->pdata[i];
    }

  g_qsort_with_data (entries, items->len, sizeof (SortEntry),
                     compare_sort_entries, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      items->pdata[i] = entries[i].item;
      g_free (entries[i].key);
    }
}

/* Public API ------------------------------------------------------------- */

void
efir_search_hit_free (EfirSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit->program_name);
  g_free (hit);
}

void
efir_revision_info_free (EfirRevisionInfo *info)
{
  if (info == NULL)
    return;

  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info->reason);
  g_free (info);
}

/**
 * efir_store_default_path:
 *
 * The database of the user's archive, $XDG_DATA_HOME/efir/efir.db. Its
 * folder is created (readable by the user alone) if missing.
 *
 * Returns: (transfer full): the path
 */
char *
efir_store_default_path (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "efir", NULL);

  /* A failure shows, better worded, when the database is opened there. */
  if (g_mkdir_with_parents (folder, 0700) != 0)
    g_debug ("Could not create %s: %s", folder, g_strerror (errno));

  return g_build_filename (folder, "efir.db", NULL);
}

/* The check of every page -------------------------------------------------
 *
 * A GTask in a thread of its own, with a read-only connection of its own:
 * PRAGMA quick_check, then today's backup. The task owns what it needs, the
 * path and a CheckState shared with the store, never the store itself, so
 * the store may be dropped at any moment: its dispose cancels the task,
 * which interrupts the read connection and stops the backup between two
 * steps.
 *
 * The verdict is set in the thread as soon as quick_check has one, before
 * the backup: a write waiting for it (the write gate, on any thread) goes
 * ahead then. The main context hears of it through a second task, whose
 * callback emits #EfirStore::damaged and #EfirStore::checked there, and
 * only there: the thread never runs the store's code.
 */

typedef struct
{
  CheckState *state;
  char       *path;
  char       *backup_dir;  /* NULL: no backup */
  gboolean    read_only;
  GTask      *verdict;     /* returns the verdict to the main context */
} CheckJob;

static void
check_state_clear (CheckState *state)
{
  g_mutex_clear (&state->lock);
  g_cond_clear (&state->changed);
  g_clear_error (&state->error);
}

static CheckState *
check_state_new (void)
{
  CheckState *state = g_atomic_rc_box_new0 (CheckState);

  g_mutex_init (&state->lock);
  g_cond_init (&state->changed);
  return state;
}

static void
check_state_unref (CheckState *state)
{
  g_atomic_rc_box_release_full (state, (GDestroyNotify) check_state_clear);
}

static void
check_state_set_verdict (CheckState   *state,
                         const GError *error)
{
  g_mutex_lock (&state->lock);
  if (!state->verified)
    {
      state->verified = TRUE;
      state->error = error != NULL ? g_error_copy (error) : NULL;
    }
  g_cond_broadcast (&state->changed);
  g_mutex_unlock (&state->lock);
}

static void
check_job_free (CheckJob *job)
{
  g_clear_pointer (&job->state, check_state_unref);
  g_clear_object (&job->verdict);
  g_free (job->path);
  g_free (job->backup_dir);
  g_free (job);
}

/* For tests: while held, the check waits before it reads, as it takes its
 * time on a large archive, and the daily backup before it copies; a
 * cancellation ends the wait. */
static GMutex check_hold_lock;
static GCond  check_hold_released;
static gboolean check_held;
static gboolean backup_held;

static void
check_hold_cancelled_cb (GCancellable *cancellable,
                         gpointer      data)
{
  g_mutex_lock (&check_hold_lock);
  g_cond_broadcast (&check_hold_released);
  g_mutex_unlock (&check_hold_lock);
}

void
efir_store_hold_check_for_tests (gboolean hold)
{
  g_mutex_lock (&check_hold_lock);
  check_held = hold;
  g_cond_broadcast (&check_hold_released);
  g_mutex_unlock (&check_hold_lock);
}

void
efir_store_hold_backup_for_tests (gboolean hold)
{
  g_mutex_lock (&check_hold_lock);
  backup_held = hold;
  g_cond_broadcast (&check_hold_released);
  g_mutex_unlock (&check_hold_lock);
}

static void
wait_while_held (const gboolean *held,
                 GCancellable   *cancellable)
{
  gulong handler_id = g_cancellable_connect (cancellable, G_CALLBACK (check_hold_cancelled_cb),
                                             NULL, NULL);

  g_mutex_lock (&check_hold_lock);
  while (*held && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&check_hold_released, &check_hold_lock);
  g_mutex_unlock (&check_hold_lock);
  g_cancellable_disconnect (cancellable, handler_id);
}

static void
check_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CheckJob *job = task_data;
  g_autoptr(EfirDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;

  wait_while_held (&check_held, cancellable);

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error)
      && (reader = efir_database_open (job->path,
                                       EFIR_DATABASE_READ_ONLY
                                         | (job->read_only ? EFIR_DATABASE_NO_SIDE_FILES : 0),
                                       &error)))
    efir_store_check_pages (reader, cancellable, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The check of every page of %s was cancelled", job->path);
  else
    g_debug ("Read every page of %s: %s", job->path, error != NULL ? error->message : "sound");

  check_state_set_verdict (job->state, error);
  if (error != NULL)
    g_task_return_error (job->verdict, g_error_copy (error));
  else
    g_task_return_boolean (job->verdict, TRUE);

  /* The producer's work comes first: without today's backup the archive
   * is still as safe as it was yesterday. */
  if (error == NULL && job->backup_dir != NULL)
    {
      g_autoptr(GDateTime) now = NULL;

      wait_while_held (&backup_held, cancellable);
      now = g_date_time_new_now_local ();
      if (!efir_backup_daily (reader, job->backup_dir, now, EFIR_BACKUP_KEEP_DAYS,
                              EFIR_BACKUP_KEEP_WEEKS, cancellable, &backup_error))
        g_debug ("No daily backup of %s: %s", job->path, backup_error->message);
    }
  g_clear_object (&reader);

  g_task_return_boolean (task, TRUE);

  /* Last: a store being finalized waits for this. */
  g_mutex_lock (&job->state->lock);
  job->state->running = FALSE;
  g_cond_broadcast (&job->state->changed);
  g_mutex_unlock (&job->state->lock);
}

/* On the store's main context, once the verdict is in. */
static void
check_verdict_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(EfirStore) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);

  if (g_task_propagate_boolean (G_TASK (result), &error) || self == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self != NULL && error == NULL)
        g_signal_emit (self, signals[CHECKED], 0);
      return;
    }

  g_signal_emit (self, signals[DAMAGED], 0, error);
  g_signal_emit (self, signals[CHECKED], 0);
}

static gboolean
wait_for_verdict (EfirStore  *self,
                  gboolean    start,
                  GError    **error)
{
  CheckState *state = self->check;
  gboolean ok;

  if (start)
    efir_store_start_check (self);

  g_mutex_lock (&state->lock);
  while (start && !state->verified)
    g_cond_wait (&state->changed, &state->lock);
  ok = state->error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (state->error));
  g_mutex_unlock (&state->lock);

  return ok;
}

/* The write gate. Opened for short work (EFIR_STORE_OPEN_CHECK_TOUCHED), a
 * write goes ahead unless a check asked for has found damage. */
static gboolean
efir_store_wait_verified (gpointer   data,
                          GError   **error)
{
  EfirStore *self = data;

  return wait_for_verdict (self, !self->check_touched, error);
}

/* An archive that cannot be written: no migration, no backup, and a
 * write gate that refuses every write; its pages are checked as usual. */
static EfirStore *
open_read_only (const char          *path,
                EfirStoreOpenFlags   flags,
                GError             **error)
{
  g_autoptr(EfirStore) self = NULL;
  g_autoptr(EfirDatabase) db = NULL;
  guint version = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist."), name);
      return NULL;
    }

  if (!(db = efir_database_open (path, EFIR_DATABASE_READ_ONLY | EFIR_DATABASE_NO_SIDE_FILES,
                                 error))
      || !efir_migrations_check (db, &version, error))
    return NULL;

  if (version < efir_migrations_latest_version ())
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_READ_ONLY,
                   _("The database “%s” needs an update before this Efir can read it, and it "
                     "cannot be written."),
                   name);
      return NULL;
    }

  self = g_object_new (EFIR_TYPE_STORE, NULL);
  self->db = g_steal_pointer (&db);
  self->read_only = TRUE;
  efir_database_set_write_gate (self->db, refuse_write_cb, self);
  if ((flags & (EFIR_STORE_OPEN_DEFER_CHECK | EFIR_STORE_OPEN_CHECK_TOUCHED)) == 0)
    efir_store_start_check (self);

  g_debug ("Opened %s read-only", path);

  return g_steal_pointer (&self);
}

/**
 * efir_store_open:
 * @path: the database file; created with its folder if missing
 * @error: return location for a #GError
 *
 * Opens the archive at @path, brings its schema up to date and makes
 * today's backup if there is none yet.
 *
 * A file that is damaged, not an Efir database or from a newer Efir is
 * refused before a single byte of it is written
 * (%EFIR_STORE_ERROR_CORRUPT, _NOT_A_DATABASE, _TOO_NEW): the caller can
 * then offer efir_store_find_latest_backup(). A backup that cannot be
 * written does not keep the archive from opening.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EfirStore *
efir_store_open (const char  *path,
                 GError     **error)
{
  return efir_store_open_full (path, EFIR_STORE_OPEN_DEFAULT, error);
}

/**
 * efir_store_needs_upgrade:
 * @path: the database file
 *
 * Whether opening @path will first bring its schema up to date, which
 * takes a while on a large archive: a window says so meanwhile. It reads
 * the file's header only, 100 bytes; where the last upgrade is still in
 * the write-ahead log, it says so once too often, never too seldom.
 *
 * Returns: %TRUE when @path is an Efir archive of an older version
 */
gboolean
efir_store_needs_upgrade (const char *path)
{
  guchar header[100];
  guint32 version;
  ssize_t n = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    return FALSE;
  n = read (fd, header, sizeof header);
  close (fd);

  if (n != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;

  /* The user_version, big-endian, at offset 60, is the schema version. */
  version = (guint32) header[60] << 24 | (guint32) header[61] << 16
            | (guint32) header[62] << 8 | header[63];
  return version > 0 && version < efir_migrations_latest_version ();
}

/**
 * efir_store_open_full:
 * @path: the database file, created if it does not exist
 * @flags: %EFIR_STORE_OPEN_DEFER_CHECK to start the check of every page
 *   only when efir_store_start_check() is called or a write needs it
 * @error: return location for a #GError
 *
 * Opens an archive as efir_store_open() does.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EfirStore *
efir_store_open_full (const char          *path,
                      EfirStoreOpenFlags   flags,
                      GError             **error)
{
  g_autoptr(EfirStore) self = NULL;
  g_autoptr(EfirDatabase) db = NULL;
  g_autoptr(GError) backup_error = NULL;
  gboolean existed;
  guint version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Reading every page of a large archive takes a second or more, so the
   * open looks only at what can be told at once (header, schema, version)
   * and the pages are read in a thread. Nothing is written before that
   * check has passed: every write transaction waits for it (the write gate
   * below), and a damaged file is then refused as at open. An upgrade is a
   * write, so an archive that needs one is checked in full first.
   */
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && !check_not_emptied (path, error))
    return NULL;

  if ((flags & EFIR_STORE_OPEN_READ_ONLY) != 0 || (existed && !can_write (path)))
    return open_read_only (path, flags, error);
  if (!(db = efir_database_open (path, EFIR_DATABASE_CREATE | EFIR_DATABASE_SHALLOW_CHECK, error)))
    return NULL;

  if (existed
      && efir_migrations_check (db, &version, NULL)
      && version < efir_migrations_latest_version ())
    {
      EfirStoreHealth health = efir_store_check_file (path, error);

      if (health != EFIR_STORE_HEALTH_OK && health != EFIR_STORE_HEALTH_EMPTY)
        return NULL;
    }

  if (!efir_migrations_apply (db, error))
    return NULL;

  self = g_object_new (EFIR_TYPE_STORE, NULL);
  self->db = g_steal_pointer (&db);
  efir_database_set_write_gate (self->db, efir_store_wait_verified, self);

  if (!existed)
    {
      /* A new archive has nothing to check. */
      check_state_set_verdict (self->check, NULL);
      if (!efir_store_backup_daily (self, &backup_error))
        g_debug ("No daily backup of %s: %s", path, backup_error->message);
      return g_steal_pointer (&self);
    }

  if ((flags & EFIR_STORE_OPEN_CHECK_TOUCHED) != 0)
    {
      /* SQLite checks each page it reads: a write that reads or changes a
       * damaged page fails with SQLITE_CORRUPT and is rolled back. Checking
       * the size of each cell too finds more of what a bad sector does. */
      self->check_touched = TRUE;
      if (!efir_database_exec (self->db, "PRAGMA cell_size_check = ON", error))
        return NULL;
    }
  else if ((flags & EFIR_STORE_OPEN_DEFER_CHECK) == 0)
    efir_store_start_check (self);

  return g_steal_pointer (&self);
}

/**
 * efir_store_start_check:
 * @self: an #EfirStore
 *
 * Starts the check of every page in a task of its own, unless it has
 * started already or there is nothing to check. It is cancelled when the
 * store is disposed.
 */
void
efir_store_start_check (EfirStore *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;
  GWeakRef *ref;

  g_return_if_fail (EFIR_IS_STORE (self));

  g_mutex_lock (&self->check->lock);
  if (self->check->started || self->check->verified)
    {
      g_mutex_unlock (&self->check->lock);
      return;
    }
  self->check->started = TRUE;
  self->check->running = TRUE;
  g_mutex_unlock (&self->check->lock);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);

  job = g_new0 (CheckJob, 1);
  job->state = g_atomic_rc_box_acquire (self->check);
  job->path = g_strdup (efir_database_get_path (self->db));
  job->backup_dir = self->read_only ? NULL : backup_dir_for (job->path);
  job->read_only = self->read_only;
  job->verdict = g_task_new (NULL, NULL, check_verdict_cb, ref);
  g_task_set_source_tag (job->verdict, efir_store_start_check);

  /* No source object: a reference to the store would keep it from being
   * disposed, and so the task from being cancelled, until the end. */
  g_debug ("Checking every page of %s", job->path);
  task = g_task_new (NULL, self->check_cancellable, NULL, NULL);
  g_task_set_source_tag (task, efir_store_start_check);
  g_task_set_name (task, "efir-store-check");
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread_cb);
}

/**
 * efir_store_is_checked:
 * @self: an #EfirStore
 *
 * Whether a write goes ahead at once instead of waiting for the check of
 * every page: its verdict is in, or, opened with
 * %EFIR_STORE_OPEN_CHECK_TOUCHED, none is waited for. #EfirStore::checked
 * says when the verdict comes.
 *
 * Returns: %TRUE when a write does not wait
 */
gboolean
efir_store_is_checked (EfirStore *self)
{
  gboolean checked;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  g_mutex_lock (&self->check->lock);
  checked = self->check->verified || self->check_touched;
  g_mutex_unlock (&self->check->lock);

  return checked;
}

/**
 * efir_store_wait_until_checked:
 * @self: an #EfirStore
 * @error: return location for a #GError
 *
 * Waits for the check of every page that efir_store_open() started.
 *
 * Returns: %TRUE when the file is sound
 */
gboolean
efir_store_wait_until_checked (EfirStore  *self,
                               GError    **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return wait_for_verdict (self, TRUE, error);
}

/**
 * efir_store_is_read_only:
 * @self: an #EfirStore
 *
 * Returns: whether the archive was opened read-only, with edits off
 */
gboolean
efir_store_is_read_only (EfirStore *self)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  return self->read_only;
}

const char *
efir_store_get_path (EfirStore *self)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  return efir_database_get_path (self->db);
}

char *
efir_store_get_backup_dir (EfirStore *self)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  return backup_dir_for (efir_database_get_path (self->db));
}

/**
 * efir_store_get_backup_usage:
 * @self: a store
 * @n_backups: (out) (optional): how many daily backups the archive has
 * @n_bytes: (out) (optional): the room they take on disk, in bytes
 *
 * Counts the daily backups Efir keeps of this archive (not the copies made
 * by hand), for the producer to see what they cost: at most
 * %EFIR_BACKUP_KEEP_DAYS + %EFIR_BACKUP_KEEP_WEEKS files.
 */
void
efir_store_get_backup_usage (EfirStore *self,
                             guint     *n_backups,
                             guint64   *n_bytes)
{
  g_autofree char *backup_dir = NULL;

  g_return_if_fail (EFIR_IS_STORE (self));

  backup_dir = efir_store_get_backup_dir (self);
  efir_backup_usage (efir_database_get_path (self->db), backup_dir, n_backups, n_bytes);
}

/**
 * efir_store_backup:
 * @self: a store
 * @dest_path: the file to write; replaced if it exists
 * @error: return location for a #GError
 *
 * Copies the archive, while it stays in use, to @dest_path, which is
 * either left as it was or replaced by a complete, checked copy.
 *
 * Returns: %TRUE when @dest_path holds the backup
 */
gboolean
efir_store_backup (EfirStore   *self,
                   const char  *dest_path,
                   GError     **error)
{
  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return efir_backup_to_file (self->db, dest_path, NULL, error);
}

/**
 * efir_store_backup_name:
 * @db_path: a database file
 * @when: when the backup is made
 *
 * The name for a backup of @db_path made at @when into a folder of the
 * producer's choosing: "STEM-YYYY-MM-DD-HHMMSS.db", named after the
 * database as its daily backups are. With the time in it, such a copy is
 * never taken for a daily backup, so rotation never deletes it.
 *
 * Returns: (transfer full): the file name
 */
char *
efir_store_backup_name (const char *db_path,
                        GDateTime  *when)
{
  g_autofree char *stem = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  stem = efir_backup_stem (db_path);
  stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");

  return g_strconcat (stem, "-", stamp, ".db", NULL);
}

gboolean
efir_store_backup_daily (EfirStore  *self,
                         GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *backup_dir = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  backup_dir = efir_store_get_backup_dir (self);

  return efir_backup_daily (self->db, backup_dir, now, EFIR_BACKUP_KEEP_DAYS,
                            EFIR_BACKUP_KEEP_WEEKS, NULL, error);
}

/**
 * efir_store_check_integrity:
 * @self: a store
 * @error: return location for a #GError
 *
 * Runs PRAGMA integrity_check, which reads the whole file and also checks
 * every index against its table: slower than the check on opening, for
 * `efir-cli check` and for when something looks wrong.
 *
 * Returns: %TRUE when SQLite finds nothing wrong; otherwise
 *   %EFIR_STORE_ERROR_CORRUPT, or the error that kept the check from running
 */
gboolean
efir_store_check_integrity (EfirStore  *self,
                            GError    **error)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *verdict;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  if (!(stmt = efir_database_prepare (self->db, "PRAGMA integrity_check(10)", error)))
    return FALSE;

  if (!efir_database_step (self->db, stmt, &local_error))
    {
      if (local_error != NULL
          && !g_error_matches (local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  else
    {
      verdict = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (verdict, "ok") == 0)
        return TRUE;

      do
        g_debug ("%s: integrity_check: %s", efir_store_get_path (self),
                 (const char *) sqlite3_column_text (stmt, 0));
      while (efir_database_step (self->db, stmt, NULL));
    }

  name = g_filename_display_name (efir_store_get_path (self));
  g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
               _("The database “%s” is damaged. Open the latest good backup instead."),
               name);
  return FALSE;
}

/**
 * efir_store_find_latest_backup:
 * @db_path: a database that could not be opened
 *
 * Returns: (transfer full) (nullable): the newest daily backup of @db_path
 *   that passes its check, or %NULL
 */
char *
efir_store_find_latest_backup (const char *db_path)
{
  g_autofree char *backup_dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  backup_dir = backup_dir_for (db_path);

  return efir_backup_find_latest_good (db_path, backup_dir);
}

/**
 * efir_store_recover_from_backup:
 * @db_path: the damaged database, which no connection may have open
 * @backup_path: a good backup, as efir_store_find_latest_backup() gives
 * @error: return location for a #GError
 *
 * Puts a copy of @backup_path in the place of @db_path, which must be
 * damaged, empty or not an Efir archive: a sound one is refused
 * (%EFIR_STORE_ERROR_CONFLICT) and left as it is. The damaged file
 * is not rewritten: it gets the name "@db_path.damaged-YYYYMMDD-HHMMSS",
 * its -wal and -shm files go with it, and its bytes stay as they were.
 *
 * The copy is written and synced beside the database first. The damaged
 * file is then given its new name as a second link, and the copy renamed
 * over @db_path: at every moment @db_path is the damaged file or the
 * restored copy, never missing, so a power cut in between can never make
 * Efir start a new, empty archive.
 *
 * Returns: (transfer full): the path the damaged file now has, or %NULL
 *   with @error set, in which case @db_path is as it was
 */
char *
efir_store_recover_from_backup (const char  *db_path,
                                const char  *backup_path,
                                GError     **error)
{
  g_autofree char *damaged = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean linked = FALSE;
  guint n_moved = 0;
  EfirStoreHealth health;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (efir_store_check_file (backup_path, &local_error) != EFIR_STORE_HEALTH_OK)
    {
      g_autofree char *name = g_filename_display_name (backup_path);

      if (local_error != NULL)
        g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
                     /* Translators: %s is a file name, then the reason. */
                     _("The backup “%s” cannot be used either: %s"), name, local_error->message);
      else
        g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CORRUPT,
                     /* Translators: %s is a file name. */
                     _("The backup “%s” cannot be used either: the file is empty."), name);
      return NULL;
    }

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (db_path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist."), name);
      return NULL;
    }

  /* Only a damaged file gives way to a backup: a busy archive, one on a
   * full disk or one from a newer Efir holds work no backup has. */
  health = efir_store_check_file (db_path, &local_error);
  if (health == EFIR_STORE_HEALTH_OK)
    {
      g_autofree char *name = g_filename_display_name (db_path);

      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                   _("The database “%s” is not damaged, so no backup was put in its place."),
                   name);
      return NULL;
    }
  if (health != EFIR_STORE_HEALTH_CORRUPT && health != EFIR_STORE_HEALTH_NOT_A_DATABASE
      && health != EFIR_STORE_HEALTH_EMPTY)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* Translators: the reason follows, a whole sentence. */
                                  _("No backup was put in place of the database: "));
      return NULL;
    }
  g_clear_error (&local_error);

  folder = g_path_get_dirname (db_path);
  tmp_path = g_strconcat (db_path, ".restore.tmp", NULL);
  damaged = damaged_name_for (db_path);

  /* A backup written before backups were private may be 0644. */
  if (!copy_file_synced (backup_path, tmp_path, &local_error))
    goto failed;
  g_chmod (tmp_path, 0600);

  if (link (db_path, damaged) == 0)
    linked = TRUE;
  else if (!rename_or_set_error (db_path, damaged, &local_error))
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++, n_moved++)
    {
      g_autofree char *from = g_strconcat (db_path, companion_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (damaged, companion_suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && !rename_or_set_error (from, to, &local_error))
        goto failed;
    }

  if (!rename_or_set_error (tmp_path, db_path, &local_error))
    goto failed;

  if (!efir_backup_sync_path (folder, TRUE, &local_error))
    g_debug ("%s", local_error->message);

  g_debug ("Recovered %s from %s; the damaged file is now %s", db_path, backup_path, damaged);

  return g_steal_pointer (&damaged);

failed:
  /* Put back what was moved, newest first, so the damaged database is
   * whole where it was and the next attempt starts from the same place.
   */
  while (n_moved-- > 0)
    {
      g_autofree char *from = g_strconcat (damaged, companion_suffixes[n_moved], NULL);
      g_autofree char *to = g_strconcat (db_path, companion_suffixes[n_moved], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  if (linked)
    g_unlink (damaged);
  else if (g_file_test (damaged, G_FILE_TEST_EXISTS) && !g_file_test (db_path, G_FILE_TEST_EXISTS))
    g_rename (damaged, db_path);
  g_unlink (tmp_path);

  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              /* Translators: the reason follows, a whole sentence. */
                              _("The backup could not be restored: "));
  return NULL;
}

/* Changes of other processes -------------------------------------------- */

gboolean
efir_store_read_data_version (EfirStore *self,
                              gint64    *data_version)
{
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stmt = efir_database_prepare (self->db, "PRAGMA data_version", &local_error))
      || !efir_database_step (self->db, stmt, &local_error))
    {
      /* The next poll asks again; a busy or damaged file is said by the
       * write or the read that meets it. */
      g_debug ("No data version of %s: %s", efir_database_get_path (self->db),
               local_error != NULL ? local_error->message : "no row");
      return FALSE;
    }

  *data_version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * efir_store_check_changed_elsewhere:
 * @self: an #EfirStore
 *
 * Asks SQLite whether another connection (efir-cli, a cron outbox run,
 * another Efir) committed a change since the last time, and emits
 * #EfirStore::changed-elsewhere if so. The store's own writes never count.
 * The first call only takes note of where the archive stands.
 *
 * Returns: whether the archive was changed elsewhere
 */
gboolean
efir_store_check_changed_elsewhere (EfirStore *self)
{
  gint64 data_version;
  gboolean first;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  /* The writer's commits would look like another process's. */
  if (self->own_writes > 0)
    return FALSE;

  if (!efir_store_read_data_version (self, &data_version) || data_version == self->data_version)
    return FALSE;

  first = self->data_version == 0;
  self->data_version = data_version;
  if (first)
    return FALSE;

  g_signal_emit (self, signals[CHANGED_ELSEWHERE], 0);
  return TRUE;
}

void
efir_store_begin_own_write (EfirStore *self)
{
  gint64 data_version;

  /* While another write is under way, the writer's looks cover what
   * the store does not see. */
  if (self->own_writes++ > 0 || !efir_store_read_data_version (self, &data_version))
    return;

  if (self->data_version != 0 && data_version != self->data_version)
    self->missed_change = TRUE;
  self->data_version = data_version;
}

gboolean
efir_store_end_own_write (EfirStore *self)
{
  gboolean missed = self->missed_change;
  gint64 data_version;

  g_return_val_if_fail (self->own_writes > 0, FALSE);

  self->own_writes--;
  self->missed_change = FALSE;
  if (efir_store_read_data_version (self, &data_version))
    self->data_version = data_version;

  return missed;
}

void
efir_store_note_changed_elsewhere (EfirStore *self)
{
  gint64 data_version;

  if (efir_store_read_data_version (self, &data_version))
    self->data_version = data_version;
  g_signal_emit (self, signals[CHANGED_ELSEWHERE], 0);
}

void
efir_store_share_write_gate (EfirStore *self,
                             EfirStore *from)
{
  efir_database_set_write_gate (self->db, efir_store_wait_verified, from);
}

static gboolean
follow_timeout_cb (gpointer user_data)
{
  efir_store_check_changed_elsewhere (EFIR_STORE (user_data));

  return G_SOURCE_CONTINUE;
}

/**
 * efir_store_follow_changes:
 * @self: an #EfirStore
 * @follow: whether to follow
 *
 * While following, the store checks every %EFIR_STORE_FOLLOW_INTERVAL_MS on
 * the thread-default main context whether the archive was changed
 * elsewhere (efir_store_check_changed_elsewhere()): a query of a few
 * microseconds, which reads no page.
 */
/**
 * efir_store_set_cache_kb:
 * @self: an #EfirStore
 * @kb: the most SQLite keeps of the file's pages, in KiB
 *
 * A window's connection reads a page of the list, an episode, the tags of
 * a programme: pages read once, which the system keeps in its own cache of
 * the file anyway. SQLite's default of 2 MB would hold them for the life
 * of the window.
 */
void
efir_store_set_cache_kb (EfirStore *self,
                         guint      kb)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EFIR_IS_STORE (self));

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kb);
  if (!efir_database_exec (self->db, sql, &error))
    g_debug ("The page cache keeps its size: %s", error->message);
}

void
efir_store_follow_changes (EfirStore *self,
                           gboolean   follow)
{
  g_return_if_fail (EFIR_IS_STORE (self));

  if (follow == (self->follow_source != NULL))
    return;

  if (!follow)
    {
      g_source_destroy (self->follow_source);
      g_clear_pointer (&self->follow_source, g_source_unref);
      return;
    }

  efir_store_check_changed_elsewhere (self);
  self->follow_source = g_timeout_source_new (EFIR_STORE_FOLLOW_INTERVAL_MS);
  g_source_set_callback (self->follow_source, follow_timeout_cb, self, NULL);
  g_source_set_static_name (self->follow_source, "[efir] follow changes");
  g_source_attach (self->follow_source, g_main_context_get_thread_default ());
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_store_dispose (GObject *object)
{
  EfirStore *self = EFIR_STORE (object);
  g_autoptr(GError) cancelled = NULL;

  /* Nothing waits for a check whose store is gone: writes after this are
   * refused, and the thread stops within milliseconds. */
  g_cancellable_cancel (self->check_cancellable);
  g_cancellable_set_error_if_cancelled (self->check_cancellable, &cancelled);
  check_state_set_verdict (self->check, cancelled);

  G_OBJECT_CLASS (efir_store_parent_class)->dispose (object);
}

static void
efir_store_finalize (GObject *object)
{
  EfirStore *self = EFIR_STORE (object);

  efir_store_follow_changes (self, FALSE);
  /* The task, cancelled in dispose, holds nothing of the store; waiting
   * the few milliseconds it takes to notice means no half-written backup
   * is left behind by a process that exits next. */
  g_mutex_lock (&self->check->lock);
  while (self->check->running)
    g_cond_wait (&self->check->changed, &self->check->lock);
  g_mutex_unlock (&self->check->lock);

  g_clear_pointer (&self->check, check_state_unref);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (efir_store_parent_class)->finalize (object);
}

static void
efir_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfirStore *self = EFIR_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->db != NULL ? efir_database_get_path (self->db) : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_store_class_init (EfirStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_store_dispose;
  object_class->finalize = efir_store_finalize;
  object_class->get_property = efir_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirStore::damaged:
   * @error: what the check of every page found
   *
   * The archive turned out to be damaged after it was opened; nothing has
   * been written to it and every write is refused.
   */
  signals[DAMAGED] =
    g_signal_new ("damaged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * EfirStore::checked:
   *
   * The check of every page has given its verdict (after
   * #EfirStore::damaged if the file is damaged), on the main context of
   * the thread that started it: writes no longer wait for it.
   */
  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EfirStore::changed-elsewhere:
   *
   * Another process committed a change to the archive: whatever shows
   * what is stored should read it again.
   */
  signals[CHANGED_ELSEWHERE] =
    g_signal_new ("changed-elsewhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
efir_store_init (EfirStore *self)
{
  self->check = check_state_new ();
  self->check_cancellable = g_cancellable_new ();
}
