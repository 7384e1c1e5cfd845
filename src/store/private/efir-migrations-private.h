/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-migrations.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every Efir database: "Efir" in ASCII. It tells an
 * Efir database from another program's SQLite file given by mistake, into
 * which no Efir table must ever be written.
 */
#define EFIR_APPLICATION_ID 0x45666972

typedef struct
{
  guint       version;
  const char *sql;
} EfirMigration;

/* Apply @migrations (versions 1, 2, … in order) up to @target_version. The
 * upgrade tests build a database at each older version with it.
 */
gboolean efir_migrations_apply_list (EfirDatabase         *db,
                                     const EfirMigration  *migrations,
                                     guint                 n_migrations,
                                     guint                 target_version,
                                     GError              **error);
gboolean efir_migrations_apply_to   (EfirDatabase         *db,
                                     guint                 target_version,
                                     GError              **error);

G_END_DECLS
