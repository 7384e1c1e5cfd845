/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-store.h"
#include "efir-store-writer.h"

G_BEGIN_DECLS

/* EfirSearchWorker searches a store's archive while the producer types:
 * each query runs in a thread on the worker's own read connection, a new
 * query interrupts the one still running, and only the newest query's hits
 * are handed back, on the main context of the thread that made the
 * worker, by the "finished" signal. */

#define EFIR_TYPE_SEARCH_WORKER (efir_search_worker_get_type ())
G_DECLARE_FINAL_TYPE (EfirSearchWorker, efir_search_worker, EFIR, SEARCH_WORKER, GObject)

EfirSearchWorker *efir_search_worker_new       (EfirStore        *store,
                                                guint             limit);
EfirStore        *efir_search_worker_get_store (EfirSearchWorker *self);
void              efir_search_worker_set_writer (EfirSearchWorker *self,
                                                 EfirStoreWriter  *writer);
/* Searches for @query, interrupting the search before it. */
void              efir_search_worker_search    (EfirSearchWorker *self,
                                                const char       *query);
/* Interrupts the running search: none finishes until the next. */
void              efir_search_worker_cancel    (EfirSearchWorker *self);
/* Whether a search has been asked for and has not finished. */
gboolean          efir_search_worker_is_busy   (EfirSearchWorker *self);

G_END_DECLS
