/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-database.h"

G_BEGIN_DECLS

/*
 * The schema, one migration per version, the version kept in PRAGMA
 * user_version. The tables of version 1 are described in efir-migrations.c;
 * the entity queries of the store layer are written against them.
 */

guint    efir_migrations_latest_version (void);
gboolean efir_migrations_check          (EfirDatabase  *db,
                                         guint         *version,
                                         GError       **error);
gboolean efir_migrations_apply          (EfirDatabase  *db,
                                         GError       **error);

G_END_DECLS
