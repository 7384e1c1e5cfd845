/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-publishing"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "efir-store-private.h"

/* Types ------------------------------------------------------------------ */

static const char *job_states[] = {
  [EFIR_JOB_QUEUED] = "queued",
  [EFIR_JOB_RUNNING] = "running",
  [EFIR_JOB_RETRYING] = "retrying",
  [EFIR_JOB_DONE] = "done",
  [EFIR_JOB_FAILED] = "failed",
  [EFIR_JOB_CONFLICT] = "conflict",
  [EFIR_JOB_CANCELLED] = "cancelled",
};

/* How long a worker may hold a job before another may take it over, even
 * when the first still runs: longer than any request's timeouts add up to,
 * an image upload included. */
#define JOB_LEASE_USEC (10 * G_TIME_SPAN_MINUTE)

#define SITE_COLUMNS \
  "id, url, api_root, user, user_name, can_publish, unfiltered_html, wp_version"

#define PUBLICATION_COLUMNS                                                     \
  "episode_id, site_id, coalesce (remote_id, 0), link, remote_status, date_gmt," \
  " modified_gmt, coalesce (revision_id, 0), content_hash, coalesce (media_id, 0)," \
  " image_hash, diverged"

#define JOB_COLUMNS                                                              \
  "j.id, j.episode_id, j.site_id, j.action, j.publish_at, coalesce (j.revision_id, 0)," \
  " j.state, j.resolution, j.attempts, j.next_attempt_at, j.progress, j.error_code," \
  " j.last_error, j.site_version, j.created_at, j.modified_at, e.title,"           \
  " coalesce (e.number, 0), p.name, j.runner_pid, j.lease_until"

#define JOB_FROM \
  " FROM outbox AS j JOIN episodes AS e ON e.id = j.episode_id" \
  " JOIN programs AS p ON p.id = e.program_id"

/* Helpers ---------------------------------------------------------------- */

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static EfirSite *
site_from_row (sqlite3_stmt *stmt)
{
  EfirSite *site = g_new0 (EfirSite, 1);

  site->id = sqlite3_column_int64 (stmt, 0);
  site->url = dup_column (stmt, 1);
  site->api_root = dup_column (stmt, 2);
  site->user = dup_column (stmt, 3);
  site->user_name = dup_column (stmt, 4);
  site->can_publish = sqlite3_column_int (stmt, 5) != 0;
  site->unfiltered_html = sqlite3_column_int (stmt, 6) != 0;
  site->wp_version = dup_column (stmt, 7);

  return site;
}

static EfirPublication *
publication_from_row (sqlite3_stmt *stmt)
{
  EfirPublication *publication = efir_publication_new (sqlite3_column_int64 (stmt, 0),
                                                       sqlite3_column_int64 (stmt, 1));

  publication->remote_id = sqlite3_column_int64 (stmt, 2);
  g_free (publication->link);
  publication->link = dup_column (stmt, 3);
  g_free (publication->remote_status);
  publication->remote_status = dup_column (stmt, 4);
  g_free (publication->date_gmt);
  publication->date_gmt = dup_column (stmt, 5);
  g_free (publication->modified_gmt);
  publication->modified_gmt = dup_column (stmt, 6);
  publication->revision_id = sqlite3_column_int64 (stmt, 7);
  g_free (publication->content_hash);
  publication->content_hash = dup_column (stmt, 8);
  publication->media_id = sqlite3_column_int64 (stmt, 9);
  g_free (publication->image_hash);
  publication->image_hash = dup_column (stmt, 10);
  publication->diverged = sqlite3_column_int (stmt, 11) != 0;

  return publication;
}

static EfirOutboxJob *
job_from_row (sqlite3_stmt *stmt)
{
  EfirOutboxJob *job = g_new0 (EfirOutboxJob, 1);
  EfirJobState state = EFIR_JOB_QUEUED;

  /* The table's CHECK admits only the states named here. */
  efir_job_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &state);

  job->id = sqlite3_column_int64 (stmt, 0);
  job->episode_id = sqlite3_column_int64 (stmt, 1);
  job->site_id = sqlite3_column_int64 (stmt, 2);
  job->action = dup_column (stmt, 3);
  job->publish_at = dup_column (stmt, 4);
  job->revision_id = sqlite3_column_int64 (stmt, 5);
  job->state = state;
  job->resolution = dup_column (stmt, 7);
  job->attempts = sqlite3_column_int (stmt, 8);
  job->next_attempt_at = sqlite3_column_int64 (stmt, 9);
  job->progress = dup_column (stmt, 10);
  job->error_code = dup_column (stmt, 11);
  job->last_error = dup_column (stmt, 12);
  job->site_version = dup_column (stmt, 13);
  job->created_at = sqlite3_column_int64 (stmt, 14);
  job->modified_at = sqlite3_column_int64 (stmt, 15);
  job->episode_title = dup_column (stmt, 16);
  job->episode_number = sqlite3_column_int (stmt, 17);
  job->program_name = dup_column (stmt, 18);

  return job;
}

static EfirScheduleEntry *
schedule_entry_from_row (sqlite3_stmt *stmt)
{
  EfirScheduleEntry *entry = g_new0 (EfirScheduleEntry, 1);

  entry->kind = (EfirScheduleKind) sqlite3_column_int (stmt, 0);
  entry->episode_id = sqlite3_column_int64 (stmt, 1);
  entry->site_id = sqlite3_column_int64 (stmt, 2);
  entry->job_id = sqlite3_column_int64 (stmt, 3);
  entry->at = dup_column (stmt, 4);
  entry->action = dup_column (stmt, 5);
  entry->link = dup_column (stmt, 6);
  entry->last_error = dup_column (stmt, 7);
  entry->title = dup_column (stmt, 8);
  entry->number = sqlite3_column_int (stmt, 9);
  entry->program_name = dup_column (stmt, 10);
  entry->program_time_zone = dup_column (stmt, 11);

  return entry;
}

/* Steps @stmt to its end, each row made into an item by @from_row. */
static GPtrArray *
collect_rows (EfirDatabase    *db,
              sqlite3_stmt    *stmt,
              gpointer       (*from_row) (sqlite3_stmt *stmt),
              GDestroyNotify   free_func,
              GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(GError) local_error = NULL;

  while (efir_database_step (db, stmt, &local_error))
    g_ptr_array_add (items, from_row (stmt));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* The first row of @stmt made into an item, NULL without an error when
 * there is none. */
static gpointer
first_row (EfirDatabase   *db,
           sqlite3_stmt   *stmt,
           gpointer      (*from_row) (sqlite3_stmt *stmt),
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (efir_database_step (db, stmt, &local_error))
    return from_row (stmt);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/* The first column of @stmt's first row, or 0 when there is no row. */
static gboolean
step_integer (EfirDatabase  *db,
              sqlite3_stmt  *stmt,
              gint64        *value,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *value = efir_database_step (db, stmt, &local_error) ? sqlite3_column_int64 (stmt, 0) : 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* A name as a producer matches it: "Siyasət " and "siyasət" are one tag. */
static char *
term_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);

  return g_utf8_casefold (normal != NULL ? normal : trimmed, -1);
}

static gboolean
set_status_locked (EfirStore          *self,
                   gint64              episode_id,
                   EfirEpisodeStatus   status,
                   GError            **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db, "UPDATE episodes SET status = ?2 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_text (stmt, 2, efir_episode_status_to_string (status), -1, SQLITE_STATIC);

  return efir_database_run (db, stmt, error);
}

static gboolean
write_job_locked (EfirStore            *self,
                  const EfirOutboxJob  *job,
                  GError              **error)
{
  EfirDatabase *db = efir_store_get_database (self);
  g_autoptr(EfirStatement) stmt = NULL;

  if (!(stmt = efir_database_prepare (db,
                                      "UPDATE outbox SET state = ?2, resolution = ?3,"
                                      "  next_attempt_at = ?4, progress = ?5, error_code = ?6,"
                                      "  last_error = ?7, site_version = ?8, modified_at = ?9,"
                                      "  runner_pid = CASE WHEN ?2 = 'running' THEN runner_pid ELSE 0 END,"
                                      "  lease_until = CASE WHEN ?2 = 'running' THEN lease_until ELSE 0 END"
                                      " WHERE id = ?1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job->id);
  sqlite3_bind_text (stmt, 2, efir_job_state_to_string (job->state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, job->resolution != NULL ? job->resolution : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, job->next_attempt_at);
  sqlite3_bind_text (stmt, 5, job->progress != NULL ? job->progress : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, job->error_code != NULL ? job->error_code : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, job->last_error != NULL ? job->last_error : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, job->site_version != NULL && job->site_version[0] != '\0'
                                ? job->site_version : "{}", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());

  if (!efir_database_run (db, stmt, error))
    return FALSE;

  if (efir_database_changes (db) == 0)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("Job %" PRId64 " is not in the outbox."), (int64_t) job->id);
      return FALSE;
    }

  return TRUE;
}

/* Public API ------------------------------------------------------------- */

const char *
efir_job_state_to_string (EfirJobState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (job_states), NULL);

  return job_states[state];
}

gboolean
efir_job_state_from_string (const char   *string,
                            EfirJobState *state)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (job_states); i++)
    {
      if (g_str_equal (string, job_states[i]))
        {
          *state = (EfirJobState) i;
          return TRUE;
        }
    }

  return FALSE;
}

void
efir_site_free (EfirSite *site)
{
  if (site == NULL)
    return;

  g_free (site->url);
  g_free (site->api_root);
  g_free (site->user);
  g_free (site->user_name);
  g_free (site->wp_version);
  g_free (site);
}

EfirPublication *
efir_publication_new (gint64 episode_id,
                      gint64 site_id)
{
  EfirPublication *publication = g_new0 (EfirPublication, 1);

  publication->episode_id = episode_id;
  publication->site_id = site_id;
  publication->link = g_strdup ("");
  publication->remote_status = g_strdup ("");
  publication->date_gmt = g_strdup ("");
  publication->modified_gmt = g_strdup ("");
  publication->content_hash = g_strdup ("");
  publication->image_hash = g_strdup ("");

  return publication;
}

void
efir_publication_free (EfirPublication *publication)
{
  if (publication == NULL)
    return;

  g_free (publication->link);
  g_free (publication->remote_status);
  g_free (publication->date_gmt);
  g_free (publication->modified_gmt);
  g_free (publication->content_hash);
  g_free (publication->image_hash);
  g_free (publication);
}

void
efir_outbox_job_free (EfirOutboxJob *job)
{
  if (job == NULL)
    return;

  g_free (job->action);
  g_free (job->publish_at);
  g_free (job->resolution);
  g_free (job->progress);
  g_free (job->error_code);
  g_free (job->last_error);
  g_free (job->site_version);
  g_free (job->episode_title);
  g_free (job->program_name);
  g_free (job);
}

void
efir_schedule_entry_free (EfirScheduleEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->at);
  g_free (entry->action);
  g_free (entry->title);
  g_free (entry->program_name);
  g_free (entry->program_time_zone);
  g_free (entry->link);
  g_free (entry->last_error);
  g_free (entry);
}

gint64
efir_store_add_site (EfirStore       *self,
                     const EfirSite  *site,
                     GError         **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now = g_get_real_time ();
  gint64 site_id = 0;

  g_return_val_if_fail (EFIR_IS_STORE (self), 0);
  g_return_val_if_fail (site != NULL && site->url != NULL && site->user != NULL, 0);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return 0;

  if ((stmt = efir_database_prepare (db,
                                     "INSERT INTO sites (url, api_root, user, user_name, can_publish,"
                                     "  unfiltered_html, wp_version, created_at, modified_at)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
                                     " ON CONFLICT (url, user) DO UPDATE SET"
                                     "  api_root = excluded.api_root, user_name = excluded.user_name,"
                                     "  can_publish = excluded.can_publish,"
                                     "  unfiltered_html = excluded.unfiltered_html,"
                                     "  wp_version = excluded.wp_version, modified_at = excluded.modified_at"
                                     " RETURNING id",
                                     &local_error)))
    {
      sqlite3_bind_text (stmt, 1, site->url, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, site->api_root != NULL ? site->api_root : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, site->user, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, site->user_name != NULL ? site->user_name : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, site->can_publish ? 1 : 0);
      sqlite3_bind_int (stmt, 6, site->unfiltered_html ? 1 : 0);
      sqlite3_bind_text (stmt, 7, site->wp_version != NULL ? site->wp_version : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, now);

      if (efir_database_step (db, stmt, &local_error))
        site_id = sqlite3_column_int64 (stmt, 0);
      /* RETURNING gives its row before the statement ends: step it to the
       * end so the write is done before the commit. */
      while (local_error == NULL && efir_database_step (db, stmt, &local_error))
        ;
    }

  g_clear_pointer (&stmt, efir_statement_release);
  if (!efir_database_end (db, g_steal_pointer (&local_error), error))
    return 0;

  return site_id;
}

/**
 * efir_store_set_site_account:
 * @self: a store
 * @site_id: the site signed in to again
 * @site: the account now signed in, with what it may do
 * @error: return location for a #GError
 *
 * Puts @site's account in place of the site's: its publications, jobs
 * and programmes stay with it.
 *
 * Returns: %TRUE when stored; %EFIR_STORE_ERROR_CONFLICT when another
 *   entry of the site has that account already
 */
gboolean
efir_store_set_site_account (EfirStore       *self,
                             gint64           site_id,
                             const EfirSite  *site,
                             GError         **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (site != NULL && site->url != NULL && site->user != NULL, FALSE);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "UPDATE sites SET url = ?2, api_root = ?3, user = ?4,"
                                      "  user_name = ?5, can_publish = ?6, unfiltered_html = ?7,"
                                      "  wp_version = ?8, modified_at = ?9"
                                      " WHERE id = ?1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_text (stmt, 2, site->url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, site->api_root != NULL ? site->api_root : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, site->user, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, site->user_name != NULL ? site->user_name : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, site->can_publish ? 1 : 0);
  sqlite3_bind_int (stmt, 7, site->unfiltered_html ? 1 : 0);
  sqlite3_bind_text (stmt, 8, site->wp_version != NULL ? site->wp_version : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());

  if (!efir_database_run (db, stmt, &local_error))
    {
      if (g_error_matches (local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT))
        g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                     /* Translators: %s is a user name on a WordPress site */
                     _("Another entry of this site is signed in as “%s” already: sign in again "
                       "there, or remove one of the two."),
                     site->user);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (efir_database_changes (db) == 0)
    {
      g_set_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                   _("The site is no longer in the archive."));
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
efir_store_list_sites (EfirStore  *self,
                       GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db, "SELECT " SITE_COLUMNS " FROM sites ORDER BY id", error)))
    return NULL;

  return collect_rows (db, stmt, (gpointer) site_from_row, (GDestroyNotify) efir_site_free, error);
}

EfirSite *
efir_store_get_site (EfirStore  *self,
                     gint64      site_id,
                     GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  EfirSite *site;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db, "SELECT " SITE_COLUMNS " FROM sites WHERE id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, site_id);
  if ((site = first_row (db, stmt, (gpointer) site_from_row, &local_error)) == NULL
      && local_error == NULL)
    g_set_error (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                 _("Site %" PRId64 " is not set up in Efir. “efir-cli site list” shows the "
                   "sites there are."),
                 (int64_t) site_id);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return site;
}

gboolean
efir_store_remove_site (EfirStore  *self,
                        gint64      site_id,
                        GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!(stmt = efir_database_prepare (db, "DELETE FROM sites WHERE id = ?1", &local_error)))
    return efir_database_end (db, g_steal_pointer (&local_error), error);

  sqlite3_bind_int64 (stmt, 1, site_id);

  efir_database_run (db, stmt, &local_error);
  g_clear_pointer (&stmt, efir_statement_release);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

gboolean
efir_store_set_program_site (EfirStore   *self,
                             gint64       program_id,
                             gint64       site_id,
                             const char  *category,
                             GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!(stmt = efir_database_prepare (db,
                                      "UPDATE programs SET default_site_id = ?2,"
                                      "  default_category = ?3, modified_at = ?4"
                                      " WHERE id = ?1",
                                      &local_error)))
    return efir_database_end (db, g_steal_pointer (&local_error), error);

  sqlite3_bind_int64 (stmt, 1, program_id);
  if (site_id > 0)
    sqlite3_bind_int64 (stmt, 2, site_id);
  sqlite3_bind_text (stmt, 3, category != NULL ? category : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  efir_database_run (db, stmt, &local_error);
  g_clear_pointer (&stmt, efir_statement_release);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

gboolean
efir_store_get_program_site (EfirStore   *self,
                             gint64       program_id,
                             gint64      *site_id,
                             char       **category,
                             GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT coalesce (default_site_id, 0), default_category"
                                      " FROM programs WHERE id = ?1",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, program_id);
  if (!efir_database_step (db, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                     _("Programme %" PRId64 " is not in the archive."), (int64_t) program_id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (site_id != NULL)
    *site_id = sqlite3_column_int64 (stmt, 0);
  if (category != NULL)
    *category = dup_column (stmt, 1);

  return TRUE;
}

EfirPublication *
efir_store_get_publication (EfirStore  *self,
                            gint64      episode_id,
                            gint64      site_id,
                            GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT " PUBLICATION_COLUMNS " FROM publications"
                                      " WHERE episode_id = ?1 AND site_id = ?2",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  sqlite3_bind_int64 (stmt, 2, site_id);

  return first_row (db, stmt, (gpointer) publication_from_row, error);
}

GPtrArray *
efir_store_list_publications (EfirStore  *self,
                              gint64      site_id,
                              GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT " PUBLICATION_COLUMNS " FROM publications"
                                      " WHERE ?1 = 0 OR site_id = ?1 ORDER BY episode_id",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, site_id);

  return collect_rows (db, stmt, (gpointer) publication_from_row,
                       (GDestroyNotify) efir_publication_free, error);
}

gboolean
efir_store_save_publication (EfirStore              *self,
                             const EfirPublication  *publication,
                             EfirEpisodeStatus       status,
                             gint64                  job_id,
                             GError                **error)
{
  EfirDatabase *db;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (publication != NULL, FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if ((stmt = efir_database_prepare (db,
                                       "INSERT OR REPLACE INTO publications (episode_id, site_id,"
                                       "  remote_id, link, remote_status, date_gmt, modified_gmt,"
                                       "  revision_id, content_hash, media_id, image_hash, diverged,"
                                       "  updated_at)"
                                       " VALUES (?1, ?2, nullif (?3, 0), ?4, ?5, ?6, ?7,"
                                       "  (SELECT id FROM revisions WHERE id = ?8), ?9, nullif (?10, 0),"
                                       "  ?11, ?12, ?13)",
                                       &local_error)))
      {
        sqlite3_bind_int64 (stmt, 1, publication->episode_id);
        sqlite3_bind_int64 (stmt, 2, publication->site_id);
        sqlite3_bind_int64 (stmt, 3, publication->remote_id);
        sqlite3_bind_text (stmt, 4, publication->link, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 5, publication->remote_status, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 6, publication->date_gmt, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 7, publication->modified_gmt, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 8, publication->revision_id);
        sqlite3_bind_text (stmt, 9, publication->content_hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 10, publication->media_id);
        sqlite3_bind_text (stmt, 11, publication->image_hash, -1, SQLITE_STATIC);
        sqlite3_bind_int (stmt, 12, publication->diverged ? 1 : 0);
        sqlite3_bind_int64 (stmt, 13, g_get_real_time ());
        efir_database_run (db, stmt, &local_error);
      }
  }

  if (local_error == NULL)
    set_status_locked (self, publication->episode_id, status, &local_error);

  if (local_error == NULL && job_id > 0)
    {
      g_autoptr(EfirOutboxJob) job = efir_store_get_job (self, job_id, &local_error);

      if (job != NULL)
        {
          job->state = EFIR_JOB_DONE;
          g_clear_pointer (&job->progress, g_free);
          g_clear_pointer (&job->error_code, g_free);
          g_clear_pointer (&job->last_error, g_free);
          write_job_locked (self, job, &local_error);
        }
    }

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

/**
 * efir_store_dup_published_link:
 * @self: a store
 * @episode_id: an episode
 *
 * Returns: (transfer full) (nullable): the address of the episode's live
 *   page on a site (the one published last), or %NULL when it is live
 *   nowhere or the archive could not say
 */
char *
efir_store_dup_published_link (EfirStore *self,
                               gint64     episode_id)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT link FROM publications"
                                      " WHERE episode_id = ?1 AND remote_status = 'publish'"
                                      "   AND link != ''"
                                      " ORDER BY updated_at DESC LIMIT 1",
                                      NULL)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);
  if (!efir_database_step (db, stmt, NULL))
    return NULL;

  return dup_column (stmt, 0);
}

gboolean
efir_store_find_episode_by_uuid (EfirStore   *self,
                                 const char  *uuid,
                                 gint64      *episode_id,
                                 GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db, "SELECT id FROM episodes WHERE uuid = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return step_integer (db, stmt, episode_id, error);
}

/**
 * efir_store_find_episode_by_slug:
 * @self: a store
 * @slug: a post's slug on the site
 * @episode_id: (out): the one episode with that slug and no post on
 *   @site_id yet, or 0 when there is none, or more than one
 * @error: return location for a #GError
 *
 * For posts made before Efir marked them: a slug alone names an episode
 * only when no other episode shares it.
 */
gboolean
efir_store_find_episode_by_slug (EfirStore   *self,
                                 const char  *slug,
                                 gint64       site_id,
                                 gint64      *episode_id,
                                 GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  *episode_id = 0;
  if (slug == NULL || slug[0] == '\0')
    return TRUE;

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT min (e.id), count(*) FROM episodes AS e"
                                      " WHERE e.slug = ?1 AND NOT EXISTS (SELECT 1 FROM publications"
                                      "   WHERE episode_id = e.id AND site_id = ?2"
                                      "     AND remote_id IS NOT NULL)",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, site_id);
  if (efir_database_step (db, stmt, &local_error) && sqlite3_column_int (stmt, 1) == 1)
    *episode_id = sqlite3_column_int64 (stmt, 0);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
efir_store_set_published_status (EfirStore          *self,
                                 gint64              episode_id,
                                 EfirEpisodeStatus   status,
                                 GError            **error)
{
  EfirDatabase *db;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  set_status_locked (self, episode_id, status, &local_error);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

gint64
efir_store_enqueue_job (EfirStore    *self,
                        EfirEpisode  *episode,
                        gint64        site_id,
                        const char   *action,
                        const char   *publish_at,
                        GError      **error)
{
  EfirDatabase *db;
  g_autoptr(GError) local_error = NULL;
  gint64 episode_id;
  gint64 revision_id;
  gint64 job_id = 0;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (EFIR_IS_STORE (self), 0);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), 0);
  g_return_val_if_fail (action != NULL, 0);

  episode_id = efir_episode_get_id (episode);
  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return 0;

  revision_id = efir_store_add_revision_locked (self, episode_id, episode, "publish", &local_error);

  if (local_error == NULL)
    {
      g_autoptr(EfirStatement) stmt = NULL;

      /* A job not yet started is replaced, not run after the new one: the
       * producer's last word is what the site should get. */
      if ((stmt = efir_database_prepare (db,
                                         "UPDATE outbox SET state = 'cancelled', modified_at = ?3"
                                         " WHERE episode_id = ?1 AND site_id = ?2"
                                         "   AND state IN ('queued', 'retrying', 'failed', 'conflict')",
                                         &local_error)))
        {
          sqlite3_bind_int64 (stmt, 1, episode_id);
          sqlite3_bind_int64 (stmt, 2, site_id);
          sqlite3_bind_int64 (stmt, 3, now);
          efir_database_run (db, stmt, &local_error);
        }
    }

  if (local_error == NULL)
    {
      g_autoptr(EfirStatement) stmt = NULL;

      if ((stmt = efir_database_prepare (db,
                                         "INSERT INTO outbox (episode_id, site_id, action, publish_at,"
                                         "  revision_id, next_attempt_at, created_at, modified_at)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)",
                                         &local_error)))
        {
          sqlite3_bind_int64 (stmt, 1, episode_id);
          sqlite3_bind_int64 (stmt, 2, site_id);
          sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, publish_at != NULL ? publish_at : "", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, revision_id);
          sqlite3_bind_int64 (stmt, 6, now);
          if (efir_database_run (db, stmt, &local_error))
            job_id = efir_database_last_insert_rowid (db);
        }
    }

  if (!efir_database_end (db, g_steal_pointer (&local_error), error))
    return 0;

  return job_id;
}

EfirOutboxJob *
efir_store_get_job (EfirStore  *self,
                    gint64      job_id,
                    GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  EfirOutboxJob *job;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db, "SELECT " JOB_COLUMNS JOB_FROM " WHERE j.id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);
  if ((job = first_row (db, stmt, (gpointer) job_from_row, &local_error)) == NULL
      && local_error == NULL)
    g_set_error (&local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND,
                 _("Job %" PRId64 " is not in the outbox."), (int64_t) job_id);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return job;
}

GPtrArray *
efir_store_list_jobs (EfirStore  *self,
                      gint64      episode_id,
                      GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT " JOB_COLUMNS JOB_FROM
                                      " WHERE ?1 = 0 OR j.episode_id = ?1 ORDER BY j.id DESC",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, episode_id);

  return collect_rows (db, stmt, (gpointer) job_from_row, (GDestroyNotify) efir_outbox_job_free,
                       error);
}

GPtrArray *
efir_store_list_due_jobs (EfirStore  *self,
                          gint64      now,
                          GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT " JOB_COLUMNS JOB_FROM
                                      " WHERE j.state IN ('queued', 'retrying') AND j.next_attempt_at <= ?1"
                                      " ORDER BY j.next_attempt_at, j.id",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);

  return collect_rows (db, stmt, (gpointer) job_from_row, (GDestroyNotify) efir_outbox_job_free,
                       error);
}

/**
 * efir_store_list_schedule:
 * @self: a store
 * @published_since: Unix time in microseconds
 * @error: return location for a #GError
 *
 * What the Schedule shows, in one query: each arm reads an index
 * (publications_schedule, outbox_due), so an archive of thousands of
 * published episodes costs the rows shown, not the archive.
 *
 * Returns: (transfer container) (element-type EfirScheduleEntry): the
 *   entries by time, the earliest first, or %NULL with @error set
 */
GPtrArray *
efir_store_list_schedule (EfirStore  *self,
                          gint64      published_since,
                          GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *since_gmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  since = g_date_time_new_from_unix_utc (published_since / G_USEC_PER_SEC);
  since_gmt = g_date_time_format (since, "%Y-%m-%dT%H:%M:%S");

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (
          db,
          "SELECT s.kind, s.episode_id, s.site_id, s.job_id, s.at, s.action, s.link,"
          "       s.last_error, e.title, coalesce (e.number, 0), p.name, p.time_zone"
          " FROM ("
          "  SELECT 0 AS kind, episode_id, site_id, 0 AS job_id, date_gmt AS at,"
          "         '' AS action, link, '' AS last_error"
          "  FROM publications WHERE remote_status = 'future'"
          "  UNION ALL"
          "  SELECT 1, episode_id, site_id, 0, date_gmt, '', link, ''"
          "  FROM publications WHERE remote_status IN ('publish', 'private') AND date_gmt >= ?1"
          "  UNION ALL"
          "  SELECT CASE j.state WHEN 'failed' THEN 3 WHEN 'conflict' THEN 4 ELSE 2 END,"
          "         j.episode_id, j.site_id, j.id,"
          "         CASE WHEN j.action = 'schedule' AND j.publish_at != '' THEN j.publish_at"
          "              ELSE strftime ('%Y-%m-%dT%H:%M:%S', j.modified_at / 1000000, 'unixepoch')"
          "         END,"
          "         j.action,"
          "         coalesce ((SELECT link FROM publications AS q"
          "                    WHERE q.episode_id = j.episode_id AND q.site_id = j.site_id), ''),"
          "         j.last_error"
          "  FROM outbox AS j INDEXED BY outbox_due"
          "  WHERE j.state IN ('queued', 'running', 'retrying', 'failed', 'conflict')"
          /* A job the producer has since replaced says nothing any more. */
          "    AND NOT EXISTS (SELECT 1 FROM outbox AS later"
          "                    WHERE later.episode_id = j.episode_id AND later.id > j.id"
          "                      AND later.site_id = j.site_id)"
          " ) AS s"
          " JOIN episodes AS e ON e.id = s.episode_id"
          " JOIN programs AS p ON p.id = e.program_id"
          " WHERE e.deleted_at IS NULL"
          " ORDER BY s.at, s.episode_id, s.kind",
          error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, since_gmt, -1, SQLITE_TRANSIENT);

  return collect_rows (db, stmt, (gpointer) schedule_entry_from_row,
                       (GDestroyNotify) efir_schedule_entry_free, error);
}

gint64
efir_store_get_next_job_time (EfirStore  *self,
                              GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  gint64 next = 0;

  g_return_val_if_fail (EFIR_IS_STORE (self), 0);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT coalesce (min (next_attempt_at), 0) FROM outbox"
                                      " WHERE state IN ('queued', 'retrying')",
                                      error)))
    return 0;

  if (!step_integer (db, stmt, &next, error))
    return 0;

  return next;
}

EfirOutboxJob *
efir_store_get_running_job (EfirStore  *self,
                            gint64      pid,
                            GError    **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT " JOB_COLUMNS JOB_FROM
                                      " WHERE j.state = 'running' AND j.runner_pid = ?1"
                                      " ORDER BY j.modified_at DESC LIMIT 1",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pid);

  return first_row (db, stmt, (gpointer) job_from_row, error);
}

EfirOutboxJob *
efir_store_claim_job (EfirStore            *self,
                      gint64                now,
                      gint64                pid,
                      EfirRunnerAliveFunc   runner_alive,
                      GError              **error)
{
  EfirDatabase *db;
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), NULL);

  db = efir_store_get_database (self);
  /* Under the write lock, so that the window's worker and a cron run
   * never both take one job. */
  if (!efir_database_begin_immediate (db, error))
    return NULL;

  {
    g_autoptr(EfirStatement) stmt = NULL;

    if ((stmt = efir_database_prepare (db,
                                       "SELECT " JOB_COLUMNS JOB_FROM
                                       " WHERE (j.state IN ('queued', 'retrying') AND j.next_attempt_at <= ?1)"
                                       "    OR j.state = 'running'"
                                       " ORDER BY j.next_attempt_at, j.id",
                                       &local_error)))
      {
        sqlite3_bind_int64 (stmt, 1, now);

        while (job == NULL && efir_database_step (db, stmt, &local_error))
          {
            gint64 runner_pid = sqlite3_column_int64 (stmt, 19);
            gint64 lease_until = sqlite3_column_int64 (stmt, 20);
            gboolean running = g_str_equal ((const char *) sqlite3_column_text (stmt, 6), "running");

            /* A running job is another worker's while that worker lives
             * and its lease holds. */
            if (running && lease_until > now && runner_pid != pid
                && (runner_alive == NULL || runner_alive (runner_pid)))
              continue;

            job = job_from_row (stmt);
          }
      }
  }

  if (job != NULL && local_error == NULL)
    {
      g_autoptr(EfirStatement) stmt = NULL;

      if ((stmt = efir_database_prepare (db,
                                         "UPDATE outbox SET state = 'running', attempts = attempts + 1,"
                                         "  runner_pid = ?2, lease_until = ?3, modified_at = ?4"
                                         " WHERE id = ?1",
                                         &local_error)))
        {
          sqlite3_bind_int64 (stmt, 1, job->id);
          sqlite3_bind_int64 (stmt, 2, pid);
          sqlite3_bind_int64 (stmt, 3, now + JOB_LEASE_USEC);
          sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
          if (efir_database_run (db, stmt, &local_error))
            {
              job->state = EFIR_JOB_RUNNING;
              job->attempts++;
            }
        }
    }

  if (!efir_database_end (db, g_steal_pointer (&local_error), error))
    return NULL;

  return g_steal_pointer (&job);
}

gboolean
efir_store_update_job (EfirStore            *self,
                       const EfirOutboxJob  *job,
                       GError              **error)
{
  EfirDatabase *db;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  write_job_locked (self, job, &local_error);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}

gboolean
efir_store_lookup_term (EfirStore   *self,
                        gint64       site_id,
                        const char  *taxonomy,
                        const char  *name,
                        gint64      *remote_id,
                        GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autofree char *key = term_key (name);

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!(stmt = efir_database_prepare (db,
                                      "SELECT remote_id FROM site_terms"
                                      " WHERE site_id = ?1 AND taxonomy = ?2 AND name_key = ?3",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_text (stmt, 2, taxonomy, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  return step_integer (db, stmt, remote_id, error);
}

gboolean
efir_store_save_term (EfirStore   *self,
                      gint64       site_id,
                      const char  *taxonomy,
                      const char  *name,
                      gint64       remote_id,
                      GError     **error)
{
  EfirDatabase *db;
  g_autoptr(EfirStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = term_key (name);

  g_return_val_if_fail (EFIR_IS_STORE (self), FALSE);

  db = efir_store_get_database (self);
  if (!efir_database_begin_immediate (db, error))
    return FALSE;

  if (!(stmt = efir_database_prepare (db,
                                      "INSERT OR REPLACE INTO site_terms (site_id, taxonomy, name_key,"
                                      "  remote_id) VALUES (?1, ?2, ?3, ?4)",
                                      &local_error)))
    return efir_database_end (db, g_steal_pointer (&local_error), error);

  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_text (stmt, 2, taxonomy, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, remote_id);

  efir_database_run (db, stmt, &local_error);
  g_clear_pointer (&stmt, efir_statement_release);

  return efir_database_end (db, g_steal_pointer (&local_error), error);
}
