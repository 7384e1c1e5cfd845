/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-publisher.h"
#include "efir-store.h"

G_BEGIN_DECLS

/*
 * EfirOutboxWorker runs the outbox of a window's archive while the window
 * is open: the jobs due at start-up, those queued since (kick), and each
 * retry or scheduled time as it comes, one run at a time, in a thread of
 * the publisher's. It has no widgets; the window follows it.
 *
 * Signals:
 *   job-finished (gint64 episode_id, gint64 job_id, const char *action,
 *                 int state, const char *link): a job of a run ended as
 *                 EFIR_JOB_DONE, EFIR_JOB_FAILED or EFIR_JOB_CONFLICT;
 *                 @link is the post's address, "" when there is none.
 *   went-live    (gint64 episode_id, const char *title, const char *link):
 *                 a post scheduled on a site is live now.
 */

#define EFIR_TYPE_OUTBOX_WORKER (efir_outbox_worker_get_type ())
G_DECLARE_FINAL_TYPE (EfirOutboxWorker, efir_outbox_worker, EFIR, OUTBOX_WORKER, GObject)

EfirOutboxWorker *efir_outbox_worker_new             (EfirStore        *store);
EfirPublisher    *efir_outbox_worker_get_publisher   (EfirOutboxWorker *self);

/* Runs what is due, without waiting: call once the first frame is drawn. */
void              efir_outbox_worker_start           (EfirOutboxWorker *self);
/* Runs what is due now (after a run in progress ends), and looks again at
 * the next time a job or a scheduled post is due. */
void              efir_outbox_worker_kick            (EfirOutboxWorker *self);

gboolean          efir_outbox_worker_get_busy        (EfirOutboxWorker *self);
/* The episode of the running job, 0 for none. */
gint64            efir_outbox_worker_get_episode_id  (EfirOutboxWorker *self);
/* What the running job is doing ("Sending the page"), "" for nothing. */
const char       *efir_outbox_worker_get_progress    (EfirOutboxWorker *self);

/* The application that tells the desktop of a post gone live (nullable). */
void              efir_outbox_worker_set_application (EfirOutboxWorker *self,
                                                      GApplication     *application);

/* The desktop notification of a scheduled post gone live. */
GNotification    *efir_outbox_worker_new_went_live_notification (gint64      episode_id,
                                                                 const char *title,
                                                                 const char *link);

G_END_DECLS
