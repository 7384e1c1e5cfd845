/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-publication-state"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-editor-state.h"
#include "efir-publication-state.h"

void
efir_publication_view_free (EfirPublicationView *view)
{
  if (view == NULL)
    return;

  g_free (view->headline);
  g_free (view->detail);
  g_free (view->publish_label);
  g_free (view->link);
  g_clear_pointer (&view->scheduled, g_date_time_unref);
  g_free (view);
}

char *
efir_publication_state_format_when (const char *when,
                                    GTimeZone  *program_zone,
                                    GTimeZone  *viewer_zone)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autoptr(GDateTime) here = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *local_time = NULL;

  if (when == NULL || when[0] == '\0' || !(instant = g_date_time_new_from_iso8601 (when, utc)))
    return g_strdup ("");

  there = g_date_time_to_timezone (instant, program_zone);
  day = efir_editor_state_format_day (there);
  time = g_date_time_format (there, "%H:%M");
  here = g_date_time_to_timezone (instant, viewer_zone);
  if (g_date_time_get_utc_offset (here) == g_date_time_get_utc_offset (there))
    /* Translators: a day, then a time of day: "Fri, 4 October 2024, 20:00". */
    return g_strdup_printf (_("%s, %s"), day, time);

  if (g_date_time_get_year (here) == g_date_time_get_year (there)
      && g_date_time_get_day_of_year (here) == g_date_time_get_day_of_year (there))
    local_time = g_date_time_format (here, "%H:%M");
  else
    {
      g_autofree char *local_day = efir_editor_state_format_day (here);
      g_autofree char *hour = g_date_time_format (here, "%H:%M");

      local_time = g_strdup_printf (_("%s, %s"), local_day, hour);
    }
  /* Translators: the time in the programme's zone, then the same moment
   * on the viewer's clock: "Fri, 4 October 2024, 20:00 · 18:00 here". */
  return g_strdup_printf (_("%s, %s · %s here"), day, time, local_time);
}

static const char *
sending_headline (const char *action)
{
  if (g_strcmp0 (action, "schedule") == 0)
    return _("Scheduling…");
  if (g_strcmp0 (action, "draft") == 0)
    return _("Saving to the site as a draft…");
  if (g_strcmp0 (action, "withdraw") == 0)
    return _("Withdrawing from the site…");
  if (g_strcmp0 (action, "trash") == 0)
    return _("Moving the post to the site’s trash…");
  return _("Publishing…");
}

/* What the site holds, when no job needs the producer. */
static void
describe_publication (EfirPublicationView    *view,
                      const EfirPublication  *publication,
                      const EfirOutboxJob    *job,
                      GTimeZone              *program_zone,
                      GTimeZone              *viewer_zone)
{
  const char *status = publication != NULL ? publication->remote_status : NULL;

  if (publication == NULL || publication->remote_id == 0 || status == NULL || status[0] == '\0')
    {
      view->state = EFIR_PUBLICATION_NOT_ON_SITE;
      view->actions = EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_SCHEDULE | EFIR_PUBLICATION_CAN_DRAFT;
      view->headline = g_strdup (_("Not on the site yet"));
      return;
    }

  view->actions = EFIR_PUBLICATION_CAN_COMPARE;
  if (g_str_equal (status, "publish") || g_str_equal (status, "private"))
    {
      view->state = EFIR_PUBLICATION_PUBLISHED;
      view->actions |= EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_WITHDRAW | EFIR_PUBLICATION_CAN_TRASH;
      view->headline = g_strdup (_("Published"));
      if (publication->link != NULL && publication->link[0] != '\0')
        {
          view->link = g_strdup (publication->link);
          view->actions |= EFIR_PUBLICATION_CAN_VIEW;
          view->detail = g_strdup (publication->link);
        }
      g_free (view->publish_label);
      view->publish_label = g_strdup (_("_Update on Site"));
    }
  else if (g_str_equal (status, "future"))
    {
      g_autofree char *when = efir_publication_state_format_when (publication->date_gmt, program_zone, viewer_zone);

      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      view->state = EFIR_PUBLICATION_SCHEDULED;
      /* Schedule… suggests it again, to be moved. */
      view->scheduled = g_date_time_new_from_iso8601 (publication->date_gmt, utc);
      view->actions |= EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_SCHEDULE
                       | EFIR_PUBLICATION_CAN_WITHDRAW | EFIR_PUBLICATION_CAN_TRASH;
      /* Translators: %s is a day and a time, "Fri, 4 October 2024, 20:00". */
      view->headline = g_strdup_printf (_("Scheduled for %s"), when);
      g_free (view->publish_label);
      view->publish_label = g_strdup (_("_Publish Now"));
    }
  else if (g_str_equal (status, "pending"))
    {
      view->state = EFIR_PUBLICATION_PENDING;
      view->actions |= EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_DRAFT | EFIR_PUBLICATION_CAN_TRASH;
      view->headline = g_strdup (_("Waiting for review on the site"));
      view->detail = g_strdup (_("An editor of the site publishes it: this account may not."));
    }
  else if (g_str_equal (status, "trash"))
    {
      view->state = EFIR_PUBLICATION_TRASHED;
      view->actions |= EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_DRAFT;
      view->headline = g_strdup (_("In the site’s trash"));
      view->detail = g_strdup (_("The site empties its trash after a while. Publishing again brings the post back."));
    }
  else
    {
      gboolean withdrawn = job != NULL && job->state == EFIR_JOB_DONE && g_strcmp0 (job->action, "withdraw") == 0;

      view->state = withdrawn ? EFIR_PUBLICATION_WITHDRAWN : EFIR_PUBLICATION_DRAFT;
      view->actions |= EFIR_PUBLICATION_CAN_PUBLISH | EFIR_PUBLICATION_CAN_SCHEDULE
                       | EFIR_PUBLICATION_CAN_DRAFT | EFIR_PUBLICATION_CAN_TRASH;
      view->headline = g_strdup (withdrawn ? _("Withdrawn: a draft on the site") : _("A draft on the site"));
      view->detail = g_strdup (_("Only the site’s editors see it."));
    }

  if (publication->diverged)
    {
      g_autofree char *detail = g_steal_pointer (&view->detail);

      /* Translators: said of an episode whose post was changed on the site
       * and kept so; %s is what else the panel says, or nothing. */
      view->detail = g_strdup_printf (_("The site’s version was kept: it differs from this episode. %s"),
                                      detail != NULL ? detail : "");
      g_strchomp (view->detail);
    }
}

EfirPublicationView *
efir_publication_view_new (const EfirSite         *site,
                           const EfirPublication  *publication,
                           const EfirOutboxJob    *job,
                           GTimeZone              *program_zone,
                           GTimeZone              *viewer_zone)
{
  EfirPublicationView *view = g_new0 (EfirPublicationView, 1);

  view->publish_label = g_strdup (_("_Publish"));
  if (site == NULL)
    {
      view->state = EFIR_PUBLICATION_NO_SITE;
      view->headline = g_strdup (_("No site to publish to"));
      view->detail = g_strdup (_("Add the programme’s site in Preferences, under Sites, to publish from Efir."));
      return view;
    }

  if (job != NULL && (job->state == EFIR_JOB_QUEUED || job->state == EFIR_JOB_RUNNING
                      || job->state == EFIR_JOB_RETRYING))
    {
      view->state = EFIR_PUBLICATION_SENDING;
      view->job_id = job->id;
      view->headline = g_strdup (sending_headline (job->action));
      if (job->state == EFIR_JOB_RETRYING && job->last_error != NULL && job->last_error[0] != '\0')
        /* Translators: %s says why the last attempt failed. */
        view->detail = g_strdup_printf (_("%s Efir tries again by itself."), job->last_error);
      else if (job->progress != NULL && job->progress[0] != '\0')
        view->detail = g_strdup (job->progress);
      return view;
    }

  if (job != NULL && job->state == EFIR_JOB_CONFLICT)
    {
      view->state = EFIR_PUBLICATION_CONFLICT;
      view->job_id = job->id;
      view->actions = EFIR_PUBLICATION_CAN_RESOLVE | EFIR_PUBLICATION_CAN_COMPARE;
      view->headline = g_strdup (_("Changed on the site"));
      view->detail = g_strdup (_("Someone edited the post on the site since Efir sent it. "
                                 "Nothing is sent until you choose which version stays."));
      return view;
    }

  describe_publication (view, publication, job, program_zone, viewer_zone);
  if (job != NULL && job->state == EFIR_JOB_FAILED)
    {
      view->state = EFIR_PUBLICATION_FAILED;
      view->job_id = job->id;
      view->actions |= EFIR_PUBLICATION_CAN_RETRY;
      g_free (view->headline);
      view->headline = g_strdup (_("Not sent"));
      g_free (view->detail);
      view->detail = g_strdup (job->last_error != NULL && job->last_error[0] != '\0'
                               ? job->last_error : _("The site did not take it."));
    }
  return view;
}
