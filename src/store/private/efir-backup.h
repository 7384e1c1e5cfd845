/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-database.h"

G_BEGIN_DECLS

/*
 * Backups are whole, self-contained SQLite files (rollback journal, no -wal
 * beside them) written while Efir keeps working, and checked before they
 * take their final name. The daily backups of STEM.db are
 * STEM-YYYY-MM-DD.db (efir-YYYY-MM-DD.db for efir.db), so databases kept in
 * one folder share the backups' folder without sharing backups.
 */

/* How many daily backups Efir keeps: the newest of each of the last
 * three days with a backup, and the newest of each of the last four ISO
 * weeks with one; at most seven files, usually five or six. A day on which
 * nothing changed gets no backup, and does not count. */
#define EFIR_BACKUP_KEEP_DAYS  3
#define EFIR_BACKUP_KEEP_WEEKS 4

char    *efir_backup_stem             (const char    *db_path);
/* Writes @path to disk: a file's contents, or a folder's entries (a rename
 * in it) when @is_folder. */
gboolean efir_backup_sync_path        (const char    *path,
                                       gboolean       is_folder,
                                       GError       **error);
/* Both stop, with G_IO_ERROR_CANCELLED and nothing left behind, when
 * @cancellable is cancelled. */
gboolean efir_backup_to_file          (EfirDatabase  *db,
                                       const char    *dest_path,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean efir_backup_daily            (EfirDatabase  *db,
                                       const char    *backup_dir,
                                       GDateTime     *now,
                                       guint          keep_days,
                                       guint          keep_weeks,
                                       GCancellable  *cancellable,
                                       GError       **error);
void     efir_backup_usage            (const char    *db_path,
                                       const char    *backup_dir,
                                       guint         *n_backups,
                                       guint64       *n_bytes);
char    *efir_backup_find_latest_good (const char    *db_path,
                                       const char    *backup_dir);

G_END_DECLS
