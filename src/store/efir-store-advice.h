/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * What a producer can do about an error of the store: one action per
 * error, and a sentence saying it, for efir-cli and the window alike. Only
 * a damaged file, or one that is not an Efir archive at all, is a reason
 * to open a backup: a full disk or a busy archive is not.
 */

typedef enum
{
  EFIR_STORE_ACTION_NONE,        /* nothing to do but keep the file and report the message */
  EFIR_STORE_ACTION_RETRY,       /* wait for the other program, then try again */
  EFIR_STORE_ACTION_FREE_SPACE,  /* free space on the disk, then try again */
  EFIR_STORE_ACTION_READ_ONLY,   /* read the archive with edits off */
  EFIR_STORE_ACTION_UPDATE_EFIR, /* a newer Efir wrote it: install that one */
  EFIR_STORE_ACTION_RESTORE,     /* open the latest good backup instead */
} EfirStoreAction;

EfirStoreAction efir_store_advice (const GError  *error,
                                   const char   **sentence);

G_END_DECLS
