/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The errors of the store layer. The UI maps each code to a sentence and an
 * action (retry, free disk space, open a backup); the messages set here are
 * already such sentences for the codes a producer can meet, so efir-cli and
 * logs can show them as they are.
 */

#define EFIR_STORE_ERROR (efir_store_error_quark ())

typedef enum
{
  EFIR_STORE_ERROR_SQLITE,         /* anything else; message carries SQLite's text and extended code */
  EFIR_STORE_ERROR_BUSY,           /* another connection kept the database locked past the timeout */
  EFIR_STORE_ERROR_CORRUPT,        /* quick_check failed, or SQLite reported SQLITE_CORRUPT/NOTADB */
  EFIR_STORE_ERROR_NOT_A_DATABASE, /* not an SQLite file, or another program's SQLite file */
  EFIR_STORE_ERROR_TOO_NEW,        /* user_version newer than this Efir knows */
  EFIR_STORE_ERROR_NOT_FOUND,      /* no such file, or no such row */
  EFIR_STORE_ERROR_CONFLICT,       /* a UNIQUE/PRIMARY KEY clash, or a row changed elsewhere */
  EFIR_STORE_ERROR_READ_ONLY,      /* the file, its folder or the connection cannot be written */
  EFIR_STORE_ERROR_FULL,           /* the disk (or max_page_count) is full */
  EFIR_STORE_ERROR_INVALID,        /* a request the store will not carry out, such as a search too long */
} EfirStoreError;

GQuark         efir_store_error_quark            (void);

/* "@message: what the system said", coded by what the producer can do about
 * it (a full disk, a folder that cannot be written, a missing file).
 * Returns FALSE, for "return efir_store_error_set_from_errno (…)". */
gboolean       efir_store_error_set_from_errno   (GError     **error,
                                                  int          saved_errno,
                                                  const char  *message);

G_END_DECLS
