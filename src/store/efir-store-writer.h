/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-store.h"

G_BEGIN_DECLS

/*
 * EfirStoreWriter saves and imports episodes on a thread of its own, with a connection
 * of its own, so that the main loop never waits on a COMMIT and its fsync
 * while the producer types. Saves run one at a time in the order asked
 * for, and each one's outcome is handed back on the main context of the
 * thread that made the writer.
 *
 * The store the writer was made from counts the writer's commits as its
 * own: they never show as "changed-elsewhere". A commit of another process
 * made while a save is under way still does, once the save is handed back.
 */

typedef struct
{
  /* The copy that was written, with the ids, stable id and save count the
   * save gave it: what the caller takes over into the episode it copied. */
  EfirEpisode *written;
  /* Real time of the episode's newest "edit" revision after the save (0
   * if it has none, or it was not asked about), and whether the save kept
   * one. */
  gint64       newest_revision;
  gboolean     revision_added;
  GError      *error;
} EfirStoreWriteResult;

/* @result is the writer's; it is freed when the function returns. */
typedef void (*EfirStoreWriteFunc) (EfirStoreWriteResult *result,
                                    gpointer              user_data);

#define EFIR_TYPE_STORE_WRITER (efir_store_writer_get_type ())
G_DECLARE_FINAL_TYPE (EfirStoreWriter, efir_store_writer, EFIR, STORE_WRITER, GObject)

EfirStoreWriter *efir_store_writer_new     (EfirStore          *store);
/* Saves @parts of @episode, a copy no one else touches any more (see
 * efir_episode_copy()), as efir_store_save_episode() does; then, when
 * @revision_due_before is not 0, keeps an "edit" revision of it unless the
 * newest is younger than that real time. */
void             efir_store_writer_save    (EfirStoreWriter    *self,
                                            EfirEpisode        *episode,
                                            EfirEpisodePart     parts,
                                            gint64              revision_due_before,
                                            EfirStoreWriteFunc  func,
                                            gpointer            user_data);
/* Imports an episode file as efir_store_import_episode_json() does; the
 * result's written is the episode stored. */
void             efir_store_writer_import  (EfirStoreWriter    *self,
                                            GBytes             *json,
                                            EfirStoreWriteFunc  func,
                                            gpointer            user_data);
/* Indexes the episodes saved since the search index last followed them,
 * as efir_store_refresh_search_index() does. */
void             efir_store_writer_refresh_search_index (EfirStoreWriter    *self,
                                                         EfirStoreWriteFunc  func,
                                                         gpointer            user_data);
/* Waits until every save asked for is written, and hands their outcomes
 * back before it returns: what a switch of episode or quitting does. */
void             efir_store_writer_wait    (EfirStoreWriter    *self);

G_END_DECLS
