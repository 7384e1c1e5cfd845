/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "efir-model.h"

G_BEGIN_DECLS

typedef struct _EfirStore EfirStore;

/*
 * What the archive keeps of publishing: the sites Efir signs in to, what
 * each site holds of each episode (a publication), the outbox of jobs, and
 * the site's categories and tags as Efir found or made them. These are
 * records, not objects: only the publish layer writes them, and the window
 * follows them through that layer.
 *
 * A site's password is never here: it is in the keyring.
 */

typedef struct
{
  gint64    id;
  char     *url;              /* the home address, as the producer gave it, normalised */
  char     *api_root;         /* where the REST API answers: …/wp-json/ or …/?rest_route=/ */
  char     *user;             /* the login the application password belongs to */
  char     *user_name;        /* the name WordPress shows for it */
  gboolean  can_publish;      /* publish_posts: otherwise "publish" submits for review */
  gboolean  unfiltered_html;  /* may send the key moments' <script> */
  char     *wp_version;       /* "6.1.1", or "" when the site does not say */
} EfirSite;

void efir_site_free (EfirSite *site);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirSite, efir_site_free)

typedef struct
{
  gint64    episode_id;
  gint64    site_id;
  gint64    remote_id;        /* the post's id on the site, 0 for none yet */
  char     *link;
  char     *remote_status;    /* publish, future, draft, pending, private, trash, or "" */
  char     *date_gmt;         /* the post's date in UTC, "2024-10-04T16:00:00" */
  char     *modified_gmt;     /* the post's modified_gmt as Efir last saw it */
  gint64    revision_id;      /* the revision last sent, 0 for none */
  char     *content_hash;     /* of what was last sent */
  gint64    media_id;         /* the featured image on the site, 0 for none */
  char     *image_hash;       /* of the image file that became media_id */
  gboolean  diverged;         /* the producer kept the site's version over Efir's */
} EfirPublication;

EfirPublication *efir_publication_new  (gint64           episode_id,
                                        gint64           site_id);
void             efir_publication_free (EfirPublication *publication);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirPublication, efir_publication_free)

/* Jobs run queued -> running -> done, or -> retrying (a transient failure,
 * tried again at next_attempt_at) -> running …, or stop as failed or
 * conflict for the producer to act on; cancelled when a newer job of the
 * same episode and site replaced it before it ran. */
typedef enum
{
  EFIR_JOB_QUEUED,
  EFIR_JOB_RUNNING,
  EFIR_JOB_RETRYING,
  EFIR_JOB_DONE,
  EFIR_JOB_FAILED,
  EFIR_JOB_CONFLICT,
  EFIR_JOB_CANCELLED,
} EfirJobState;

const char *efir_job_state_to_string   (EfirJobState  state);
gboolean    efir_job_state_from_string (const char   *string,
                                        EfirJobState *state);

typedef struct
{
  gint64        id;
  gint64        episode_id;
  gint64        site_id;
  char         *action;         /* publish, schedule, draft, withdraw, trash */
  char         *publish_at;     /* for schedule: UTC, "2024-10-04T16:00:00" */
  gint64        revision_id;    /* the "publish" revision of what is sent */
  EfirJobState  state;
  char         *resolution;     /* "", keep-site, overwrite, as-new-draft */
  int           attempts;
  gint64        next_attempt_at; /* Unix time in microseconds */
  char         *progress;       /* what the running job is doing, for the window */
  char         *error_code;     /* the EfirWpError nick of the last failure, or "" */
  char         *last_error;     /* the sentence of the last failure */
  char         *site_version;   /* for a conflict: the site's post as JSON */
  gint64        created_at;
  gint64        modified_at;
  /* Joined from the episode, for lists. */
  char         *episode_title;
  int           episode_number;
  char         *program_name;
} EfirOutboxJob;

void efir_outbox_job_free (EfirOutboxJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirOutboxJob, efir_outbox_job_free)

/* What the Schedule lists of one episode on one site: a post scheduled
 * there, one published there lately, or the job that stopped or waits
 * before it got there. */
typedef enum
{
  EFIR_SCHEDULE_SCHEDULED,  /* the site holds a post to publish at @at */
  EFIR_SCHEDULE_PUBLISHED,  /* the site published the post at @at */
  EFIR_SCHEDULE_WAITING,    /* a job is queued, running or waiting to retry */
  EFIR_SCHEDULE_FAILED,     /* the last job failed */
  EFIR_SCHEDULE_CONFLICT,   /* the last job waits for the producer to settle a conflict */
} EfirScheduleKind;

typedef struct
{
  EfirScheduleKind  kind;
  gint64            episode_id;
  gint64            site_id;
  gint64            job_id;          /* the job of a waiting, failed or conflict row, else 0 */
  char             *at;              /* UTC, "2024-10-04T16:00:00": the post's time, a
                                      * scheduled job's time, or when the job last changed */
  char             *action;          /* the job's action, or "" */
  char             *title;
  int               number;
  char             *program_name;
  char             *program_time_zone;
  char             *link;            /* the post's address, or "" */
  char             *last_error;      /* why the job stopped, or "" */
} EfirScheduleEntry;

void efir_schedule_entry_free (EfirScheduleEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirScheduleEntry, efir_schedule_entry_free)

/* Whether the worker with this process id still runs; a job claimed by one
 * that does not (killed, crashed) is taken over at once. */
typedef gboolean (*EfirRunnerAliveFunc) (gint64 pid);

/* Sites. Adding a site with the url and user of one already there updates
 * it and returns its id. */
gint64           efir_store_add_site             (EfirStore        *self,
                                                  const EfirSite   *site,
                                                  GError          **error);
/* Signing in to a site again as another account keeps the site. */
gboolean         efir_store_set_site_account     (EfirStore        *self,
                                                  gint64            site_id,
                                                  const EfirSite   *site,
                                                  GError          **error);
GPtrArray       *efir_store_list_sites           (EfirStore        *self,
                                                  GError          **error);
EfirSite        *efir_store_get_site             (EfirStore        *self,
                                                  gint64            site_id,
                                                  GError          **error);
gboolean         efir_store_remove_site          (EfirStore        *self,
                                                  gint64            site_id,
                                                  GError          **error);
/* A programme's default site (0 for none) and category ("" for none). */
gboolean         efir_store_set_program_site     (EfirStore        *self,
                                                  gint64            program_id,
                                                  gint64            site_id,
                                                  const char       *category,
                                                  GError          **error);
gboolean         efir_store_get_program_site     (EfirStore        *self,
                                                  gint64            program_id,
                                                  gint64           *site_id,
                                                  char            **category,
                                                  GError          **error);

/* Publications. get returns NULL without an error when the site holds
 * nothing of the episode. */
EfirPublication *efir_store_get_publication      (EfirStore        *self,
                                                  gint64            episode_id,
                                                  gint64            site_id,
                                                  GError          **error);
GPtrArray       *efir_store_list_publications    (EfirStore        *self,
                                                  gint64            site_id,
                                                  GError          **error);
/* Writes @publication and the episode's status in one transaction; with a
 * @job_id, that job is marked done in it too, so what the site answered
 * and the end of the job are never stored apart. */
gboolean         efir_store_save_publication     (EfirStore              *self,
                                                  const EfirPublication  *publication,
                                                  EfirEpisodeStatus       status,
                                                  gint64                  job_id,
                                                  GError                **error);
/* The address of the episode's live page, NULL when it is live nowhere. */
char            *efir_store_dup_published_link   (EfirStore        *self,
                                                  gint64            episode_id);
gboolean         efir_store_find_episode_by_uuid (EfirStore        *self,
                                                  const char       *uuid,
                                                  gint64           *episode_id,
                                                  GError          **error);
gboolean         efir_store_find_episode_by_slug (EfirStore        *self,
                                                  const char       *slug,
                                                  gint64            site_id,
                                                  gint64           *episode_id,
                                                  GError          **error);
/* Sets the status of the episode as the site has it, without a job. */
gboolean         efir_store_set_published_status (EfirStore         *self,
                                                  gint64             episode_id,
                                                  EfirEpisodeStatus  status,
                                                  GError           **error);

/* The outbox. Enqueueing stores @episode as a "publish" revision and the
 * job that sends it in one transaction, and cancels the episode's jobs for
 * the site that have not started. Returns the job's id. */
gint64           efir_store_enqueue_job          (EfirStore        *self,
                                                  EfirEpisode      *episode,
                                                  gint64            site_id,
                                                  const char       *action,
                                                  const char       *publish_at,
                                                  GError          **error);
EfirOutboxJob   *efir_store_get_job              (EfirStore        *self,
                                                  gint64            job_id,
                                                  GError          **error);
/* Element type EfirOutboxJob, newest first; @episode_id 0 for all. */
GPtrArray       *efir_store_list_jobs            (EfirStore        *self,
                                                  gint64            episode_id,
                                                  GError          **error);
/* The jobs waiting to run that are due at @now, the first due first. */
GPtrArray       *efir_store_list_due_jobs        (EfirStore        *self,
                                                  gint64            now,
                                                  GError          **error);
/* Takes the next job due at @now (queued, or retrying with its time come,
 * or running in a worker that is gone or whose lease ran out), marks it
 * running for @pid with a lease and counts the attempt. NULL without an
 * error when nothing is due. */
EfirOutboxJob   *efir_store_claim_job            (EfirStore          *self,
                                                  gint64              now,
                                                  gint64              pid,
                                                  EfirRunnerAliveFunc runner_alive,
                                                  GError            **error);
/* Writes the job's state, progress, error and next attempt as in @job. */
gboolean         efir_store_update_job           (EfirStore            *self,
                                                  const EfirOutboxJob  *job,
                                                  GError              **error);

/* The schedule of every programme and site, by @at, the earliest first:
 * the posts scheduled on a site, those published since @published_since
 * (Unix time in microseconds), and the jobs waiting, failed or in
 * conflict that are the last of their episode and site. Episodes in the
 * trash are left out. Element type EfirScheduleEntry. */
GPtrArray       *efir_store_list_schedule        (EfirStore        *self,
                                                  gint64            published_since,
                                                  GError          **error);
/* When the first job waiting to run is due (Unix time in microseconds);
 * 0 when none waits. */
gint64           efir_store_get_next_job_time    (EfirStore        *self,
                                                  GError          **error);
/* The job that process @pid runs now, NULL without an error for none. */
EfirOutboxJob   *efir_store_get_running_job      (EfirStore        *self,
                                                  gint64            pid,
                                                  GError          **error);

/* The site's categories and tags, by name as a producer would match them
 * (trimmed, case folded). lookup sets 0 when the name is not known. */
gboolean         efir_store_lookup_term          (EfirStore        *self,
                                                  gint64            site_id,
                                                  const char       *taxonomy,
                                                  const char       *name,
                                                  gint64           *remote_id,
                                                  GError          **error);
gboolean         efir_store_save_term            (EfirStore        *self,
                                                  gint64            site_id,
                                                  const char       *taxonomy,
                                                  const char       *name,
                                                  gint64            remote_id,
                                                  GError          **error);

G_END_DECLS
