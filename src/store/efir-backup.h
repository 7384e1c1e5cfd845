/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-database.h"

G_BEGIN_DECLS

/*
 * Backups are whole, self-contained SQLite files (rollback journal, no -wal
 * beside them) written while Efir keeps working, and checked before they
 * take their final name. Daily backups are efir-YYYY-MM-DD.db in one folder.
 */

/* How many daily backups Efir keeps. */
#define EFIR_BACKUP_KEEP_DAYS 7

gboolean efir_backup_to_file          (EfirDatabase  *db,
                                       const char    *dest_path,
                                       GError       **error);
gboolean efir_backup_daily            (EfirDatabase  *db,
                                       const char    *backup_dir,
                                       GDateTime     *now,
                                       guint          keep,
                                       GError       **error);
char    *efir_backup_find_latest_good (const char    *backup_dir);

G_END_DECLS
