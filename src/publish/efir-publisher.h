/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-store.h"

G_BEGIN_DECLS

/*
 * EfirPublisher is the one way Efir talks to a site: the window and efir-cli
 * both sign in, queue and run publications through it. Every publication is
 * a job in the archive's outbox, written with the "publish" revision of what
 * it sends; running a job renders the page, compares the post on the site
 * with what Efir last saw, sends what changed (nothing when nothing did), and
 * stores the site's answer in the transaction that ends the job.
 *
 * The calls that reach a site block: efir-cli calls them as they are, the
 * window from a worker thread with a store of its own.
 */

#define EFIR_TYPE_PUBLISHER (efir_publisher_get_type ())
G_DECLARE_FINAL_TYPE (EfirPublisher, efir_publisher, EFIR, PUBLISHER, GObject)

typedef enum
{
  EFIR_PUBLISH_NOW,        /* publish, or submit for review without publish_posts */
  EFIR_PUBLISH_SCHEDULE,   /* publish at a time to come */
  EFIR_PUBLISH_DRAFT,      /* send to the site as a draft */
  EFIR_PUBLISH_WITHDRAW,   /* back to a draft on the site */
  EFIR_PUBLISH_TRASH,      /* to the site's trash */
} EfirPublishAction;

typedef enum
{
  EFIR_RESOLVE_KEEP_SITE,     /* the site's version stays; Efir's episode is left as it is */
  EFIR_RESOLVE_OVERWRITE,     /* Efir's version replaces the site's */
  EFIR_RESOLVE_AS_NEW_DRAFT,  /* Efir's version becomes a new draft post beside the site's */
} EfirResolution;

/* One version of an episode's page, as a reader reads it: the site's, or
 * Efir's, for the producer to compare in a conflict. */
typedef struct
{
  char      *title;      /* plain text */
  char      *text;       /* one line per paragraph (efir_html_to_text()) */
  char      *editor;     /* who saved it last; "" when the site does not say, and for Efir's */
  GDateTime *modified;   /* when, UTC; NULL when not known */
  char      *link;       /* the post's address; "" for none */
  gboolean   deleted;    /* the post is no longer on the site */
} EfirPageVersion;

void efir_page_version_free (EfirPageVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirPageVersion, efir_page_version_free)

/* The action a job of the outbox names ("publish", "withdraw", …). */
gboolean       efir_publish_action_from_string (const char         *name,
                                                EfirPublishAction  *action);

EfirPublisher *efir_publisher_new              (EfirStore          *store);

/* Discovers the site's API at @url, signs in with the application
 * password, checks what the account may do, keeps the password in the
 * keyring and the site in the archive. @notes gets sentences the producer
 * should read (the key moments left out, publishing only for review). */
EfirSite      *efir_publisher_add_site         (EfirPublisher      *self,
                                                const char         *url,
                                                const char         *user,
                                                const char         *password,
                                                GPtrArray          *notes,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* The same in a worker thread with a connection of its own, for the
 * window. The password is copied and wiped from memory when done. With a
 * @site_id, that site is signed in to again, as @user: another account
 * takes the place of the one it had, with its publications. */
void           efir_publisher_add_site_async   (EfirPublisher      *self,
                                                gint64              site_id,
                                                const char         *url,
                                                const char         *user,
                                                const char         *password,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
/* @notes (nullable) gets the sentences of efir_publisher_add_site(). */
EfirSite      *efir_publisher_add_site_finish  (EfirPublisher      *self,
                                                GAsyncResult       *result,
                                                GPtrArray         **notes,
                                                GError            **error);

/* Signs out of a site: its password leaves the keyring (TRUE when it was
 * not there either); the site stays in the archive, to be signed in to
 * again. */
gboolean       efir_publisher_sign_out         (EfirPublisher      *self,
                                                gint64              site_id,
                                                GCancellable       *cancellable,
                                                GError            **error);
/* Forgets a site: its password leaves the keyring, and the archive forgets
 * the site with what it knew of its posts (the posts stay on the site). */
gboolean       efir_publisher_remove_site      (EfirPublisher      *self,
                                                gint64              site_id,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* The names of the site's categories, ordered by name. */
GPtrArray     *efir_publisher_list_categories  (EfirPublisher      *self,
                                                gint64              site_id,
                                                GCancellable       *cancellable,
                                                GError            **error);
void           efir_publisher_list_categories_async  (EfirPublisher      *self,
                                                      gint64              site_id,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
GPtrArray     *efir_publisher_list_categories_finish (EfirPublisher      *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* The site a publication of @episode goes to when none is named: its
 * programme's default site, or the only site there is. */
gint64         efir_publisher_pick_site        (EfirPublisher      *self,
                                                EfirEpisode        *episode,
                                                GError            **error);

/* The page exactly as a publication of @episode would send it. */
char          *efir_publisher_render_page      (EfirPublisher      *self,
                                                EfirEpisode        *episode,
                                                GError            **error);

/* Queues a job for @episode as stored (0 @site_id: efir_publisher_pick_site()).
 * @at is the time of a scheduled publication; a time that has passed is
 * refused. Returns the job's id. */
gint64         efir_publisher_enqueue          (EfirPublisher      *self,
                                                gint64              episode_id,
                                                gint64              site_id,
                                                EfirPublishAction   action,
                                                GDateTime          *at,
                                                GError            **error);

/* Runs every job that is due, one after the other, and looks at the
 * scheduled posts whose time has come. @n_done and @n_stopped count the
 * jobs that ended and those that stopped for the producer (failed or in
 * conflict); jobs to be retried count in neither. FALSE only when the
 * archive itself failed. */
gboolean       efir_publisher_run_due          (EfirPublisher      *self,
                                                guint              *n_done,
                                                guint              *n_stopped,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* The same in a worker thread with a connection of its own, for the
 * window: the jobs' progress is in the archive as it goes. */
void           efir_publisher_run_due_async    (EfirPublisher      *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean       efir_publisher_run_due_finish   (EfirPublisher      *self,
                                                GAsyncResult       *result,
                                                guint              *n_done,
                                                guint              *n_stopped,
                                                GError            **error);

/* Settles a job in conflict. Keeping the site's version ends the job at
 * once; the two others queue it again. */
gboolean       efir_publisher_resolve          (EfirPublisher      *self,
                                                gint64              job_id,
                                                EfirResolution      resolution,
                                                GError            **error);

/* The two sides of job @job_id in conflict. The site's is read from the
 * site now; when it changed again since the conflict, the job takes the
 * new one as the version an overwrite replaces, since it is the one the
 * producer sees. Efir's is the page the job sends, read from the archive. */
EfirPageVersion *efir_publisher_fetch_site_version        (EfirPublisher       *self,
                                                           gint64               job_id,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
void             efir_publisher_fetch_site_version_async  (EfirPublisher       *self,
                                                           gint64               job_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
EfirPageVersion *efir_publisher_fetch_site_version_finish (EfirPublisher       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
EfirPageVersion *efir_publisher_get_efir_version          (EfirPublisher       *self,
                                                           gint64               job_id,
                                                           GError             **error);

/* Links the site's posts that carry an episode's marker (or its slug) to
 * their episodes and refreshes what the archive knows of them. @notes gets
 * a sentence for each post linked and each missed schedule. */
gboolean       efir_publisher_pull             (EfirPublisher      *self,
                                                gint64              site_id,
                                                guint              *n_linked,
                                                GPtrArray          *notes,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* For tests and benchmarks: the HTTP requests sent with @method ("GET",
 * "POST", …; NULL for all) by this publisher to every site. */
guint          efir_publisher_count_requests   (EfirPublisher      *self,
                                                const char         *method);

/* For tests: how long a site may take to answer, in seconds (0: the
 * client's own default). */
void           efir_publisher_set_timeout      (EfirPublisher      *self,
                                                guint               seconds);

/* For tests and benchmarks: a job's next attempt comes after this many
 * microseconds at the least (the backoff's base). */
void           efir_publisher_set_retry_base   (EfirPublisher      *self,
                                                gint64              usec);

/* How long after its time a post the site still holds as scheduled is
 * looked at again, and flagged as missed if it is still not live, in
 * microseconds. Settable for tests and benchmarks. */
gint64         efir_publisher_get_schedule_grace (EfirPublisher  *self);
void           efir_publisher_set_schedule_grace (EfirPublisher  *self,
                                                  gint64          usec);

G_END_DECLS
