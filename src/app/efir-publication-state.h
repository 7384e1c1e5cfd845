/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "efir-store-publishing.h"

G_BEGIN_DECLS

/* What the editor's publication panel says and offers for an episode,
 * computed without widgets from what the archive knows: the site, what
 * the site holds of the episode, and the episode's latest job. */

typedef enum
{
  EFIR_PUBLICATION_NO_SITE,      /* no site to publish to yet */
  EFIR_PUBLICATION_NOT_ON_SITE,
  EFIR_PUBLICATION_SENDING,      /* a job waits or runs */
  EFIR_PUBLICATION_DRAFT,
  EFIR_PUBLICATION_PENDING,      /* submitted for review */
  EFIR_PUBLICATION_SCHEDULED,
  EFIR_PUBLICATION_PUBLISHED,
  EFIR_PUBLICATION_WITHDRAWN,
  EFIR_PUBLICATION_TRASHED,
  EFIR_PUBLICATION_FAILED,
  EFIR_PUBLICATION_CONFLICT,
} EfirPublicationState;

/* The panel's buttons; those that do not apply are hidden. */
typedef enum
{
  EFIR_PUBLICATION_CAN_PUBLISH  = 1 << 0,
  EFIR_PUBLICATION_CAN_SCHEDULE = 1 << 1,
  EFIR_PUBLICATION_CAN_DRAFT    = 1 << 2,
  EFIR_PUBLICATION_CAN_WITHDRAW = 1 << 3,
  EFIR_PUBLICATION_CAN_TRASH    = 1 << 4,
  EFIR_PUBLICATION_CAN_RETRY    = 1 << 5,
  EFIR_PUBLICATION_CAN_RESOLVE  = 1 << 6,
  EFIR_PUBLICATION_CAN_VIEW     = 1 << 7,
  EFIR_PUBLICATION_CAN_COMPARE  = 1 << 8, /* it was sent: what changed since */
} EfirPublicationActions;

typedef struct
{
  EfirPublicationState    state;
  EfirPublicationActions  actions;
  char                   *headline;       /* "Published", "Scheduled for …" */
  char                   *detail;         /* the link, why it failed, what the job does */
  char                   *publish_label;  /* "Publish", or "Update on Site" once live */
  char                   *link;           /* the live page, or NULL */
  gint64                  job_id;         /* the job in conflict or failed, 0 for none */
  GDateTime              *scheduled;      /* when the site publishes it, or NULL */
} EfirPublicationView;

void efir_publication_view_free (EfirPublicationView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirPublicationView, efir_publication_view_free)

/* @site NULL: there is no site to publish to. @publication NULL: the site
 * holds nothing of the episode. @job: the episode's newest job for the
 * site, or NULL. The times are written in @program_zone, with
 * @viewer_zone's beside them when that differs. */
EfirPublicationView *efir_publication_view_new (const EfirSite         *site,
                                                const EfirPublication  *publication,
                                                const EfirOutboxJob    *job,
                                                GTimeZone              *program_zone,
                                                GTimeZone              *viewer_zone);

/* "Fri, 4 October 2024, 20:00", and " · 18:00 here" when @viewer_zone's
 * clock says otherwise. @when is in UTC, "2024-10-04T16:00:00". */
char *efir_publication_state_format_when (const char *when,
                                          GTimeZone  *program_zone,
                                          GTimeZone  *viewer_zone);

G_END_DECLS
