/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "efir-database.h"

G_BEGIN_DECLS

/*
 * The startup check: what state the database file is in, found out before
 * anything writes to it. A damaged file is left exactly as it was, so it can
 * still be rescued; Efir then offers the latest good backup instead.
 */

typedef enum
{
  EFIR_STORE_HEALTH_OK,             /* an Efir database this version can use */
  EFIR_STORE_HEALTH_MISSING,        /* no file: it will be created */
  EFIR_STORE_HEALTH_EMPTY,          /* a file of 0 bytes: it will be set up as new */
  EFIR_STORE_HEALTH_NOT_A_DATABASE, /* not SQLite, or another program's SQLite file */
  EFIR_STORE_HEALTH_CORRUPT,        /* SQLite refuses it or quick_check finds damage */
  EFIR_STORE_HEALTH_TOO_NEW,        /* written by a newer Efir */
  EFIR_STORE_HEALTH_UNREADABLE,     /* could not be read: permissions, locks, I/O errors */
} EfirStoreHealth;

/* All of efir_store_check_file() but reading every page: what can be
 * told in a few milliseconds of a file of any size. */
EfirStoreHealth efir_store_check_file_shallow (const char  *path,
                                               GError     **error);
/* PRAGMA quick_check on an open connection: reads every page. A
 * cancellation interrupts it: G_IO_ERROR_CANCELLED. */
gboolean        efir_store_check_pages        (EfirDatabase  *db,
                                               GCancellable  *cancellable,
                                               GError       **error);
EfirStoreHealth efir_store_check_file (const char  *path,
                                       GError     **error);
EfirStoreHealth efir_store_check_file_cancellable (const char    *path,
                                                   GCancellable  *cancellable,
                                                   GError       **error);

G_END_DECLS
