/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wp-publish"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "efir-autosaver.h"
#include "efir-episode-json.h"
#include "efir-page-renderer.h"
#include "efir-publisher.h"
#include "efir-slug.h"
#include "efir-store.h"
#include "efir-test-util.h"
#include "efir-wp-error.h"
#include "efir-wp-test-util.h"

/* The publishing engine against a real WordPress, started for this program
 * on loopback: what a producer relies on when Efir says "published". */

/* Types ------------------------------------------------------------------ */

typedef struct
{
  char          *dir;
  char          *db;
  EfirStore     *store;
  EfirPublisher *publisher;
  gint64         site_id;
  gint64         episode_id;
} Fixture;

static EfirTestWordPress *wp;

/* A PNG of one pixel: the smallest picture WordPress takes as an image. */
static const guint8 one_pixel_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
  0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* Helpers ---------------------------------------------------------------- */

/* The number of posts of any status, trash included, that carry @uuid's
 * marker: one per episode, whatever failed on the way. */
static int
count_marked_posts (const char *uuid)
{
  g_autofree char *marker = efir_page_marker_class (uuid);
  g_autofree char *out = efir_test_wordpress_evalf (wp, "global $wpdb;"
                                                        "echo $wpdb->get_var ($wpdb->prepare ("
                                                        "  \"SELECT COUNT(*) FROM $wpdb->posts WHERE post_type = 'post'"
                                                        "   AND post_content LIKE %%s\", '%%' . '%s' . '%%'));",
                                                        marker);

  return atoi (out);
}

static char *
post_field (gint64      remote_id,
            const char *field)
{
  return efir_test_wordpress_evalf (wp, "echo get_post (%" G_GINT64_FORMAT ")->%s;", remote_id, field);
}

static EfirPublication *
publication_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EfirPublication *publication = efir_store_get_publication (f->store, f->episode_id, f->site_id,
                                                             &error);

  g_assert_no_error (error);
  g_assert_nonnull (publication);

  return publication;
}

static EfirEpisode *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_load_episode (f->store, f->episode_id, &error);

  g_assert_no_error (error);

  return episode;
}

static void
save (Fixture     *f,
      EfirEpisode *episode)
{
  g_autoptr(GError) error = NULL;

  efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
}

static void
set_title (Fixture    *f,
           const char *title)
{
  g_autoptr(EfirEpisode) episode = load (f);

  efir_episode_set_title (episode, title);
  save (f, episode);
}

static gint64
enqueue (Fixture           *f,
         EfirPublishAction  action,
         GDateTime         *at)
{
  g_autoptr(GError) error = NULL;
  gint64 job_id = efir_publisher_enqueue (f->publisher, f->episode_id, 0, action, at, &error);

  g_assert_no_error (error);
  g_assert_cmpint (job_id, >, 0);

  return job_id;
}

/* Runs what is due with a publisher of its own, as a new "efir-cli outbox
 * run" would, and returns it for its request counts. */
static EfirPublisher *
run_due (Fixture *f,
         guint    expect_done,
         guint    expect_stopped)
{
  g_autoptr(EfirPublisher) publisher = efir_publisher_new (f->store);
  g_autoptr(GError) error = NULL;
  guint n_done = 0;
  guint n_stopped = 0;

  efir_publisher_run_due (publisher, &n_done, &n_stopped, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, expect_done);
  g_assert_cmpuint (n_stopped, ==, expect_stopped);

  return g_steal_pointer (&publisher);
}

static EfirOutboxJob *
job (Fixture *f,
     gint64   job_id)
{
  g_autoptr(GError) error = NULL;
  EfirOutboxJob *job = efir_store_get_job (f->store, job_id, &error);

  g_assert_no_error (error);

  return job;
}

static void
publish_now (Fixture *f)
{
  g_autoptr(EfirPublisher) publisher = NULL;

  enqueue (f, EFIR_PUBLISH_NOW, NULL);
  publisher = run_due (f, 1, 0);
}

/* A colleague edits the post in the site's editor. */
static void
edit_on_site (gint64      remote_id,
              const char *title)
{
  g_autofree char *out = NULL;

  /* WordPress stamps modified_gmt to the second: wait for the next one so
   * the edit is seen whatever the clock. */
  g_usleep (1100 * 1000);
  out = efir_test_wordpress_evalf (wp, "wp_update_post (['ID' => %" G_GINT64_FORMAT ", 'post_title' => '%s']);",
                                       remote_id, title);
}

static void
add_site_as (Fixture    *f,
             const char *user,
             const char *password)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("EFIR_SITE_PASSWORD", password, TRUE);
  site = efir_publisher_add_site (f->publisher, wp->url, user, password, notes, NULL, &error);
  g_assert_no_error (error);
  f->site_id = site->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *json = efir_test_read_fixture ("difficult-question-episode.json", NULL);
  g_autofree char *title = NULL;
  g_autofree char *slug = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = efir_test_make_dir ("efir-wp-publish");
  f->db = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (f->db, &error);
  g_assert_no_error (error);
  f->publisher = efir_publisher_new (f->store);
  add_site_as (f, wp->admin_user, wp->admin_password);

  episode = efir_store_import_episode_json (f->store, json, -1, &error);
  g_assert_no_error (error);
  f->episode_id = efir_episode_get_id (episode);

  /* Every test's episode has a uuid of its own; a title of its own, and
   * the slug it gives as the editor would make it, keep the slugs of the
   * tests sharing one site apart too. */
  title = g_strdup_printf ("Çətin sual: %s", g_test_get_path ());
  slug = efir_slug_from_title (title);
  efir_episode_set_title (episode, title);
  efir_episode_set_slug (episode, slug);
  save (f, episode);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->publisher);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->db, g_free);
  g_unsetenv ("EFIR_SITE_PASSWORD");
}

/* Tests ------------------------------------------------------------------ */

static void
test_publish_and_update (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(EfirPublication) first = NULL;
  g_autoptr(EfirPublication) second = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autofree char *status = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *title = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *content = NULL;

  publish_now (f);
  first = publication_of (f);
  episode = load (f);

  g_assert_cmpint (first->remote_id, >, 0);
  g_assert_cmpstr (first->remote_status, ==, "publish");
  g_assert_true (g_str_has_prefix (first->link, wp->url));
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_PUBLISHED);

  status = post_field (first->remote_id, "post_status");
  g_assert_cmpstr (status, ==, "publish");
  /* An ASCII slug, never WordPress's percent-encoded Unicode. */
  slug = post_field (first->remote_id, "post_name");
  g_assert_true (g_str_has_prefix (slug, "cetin-sual"));
  g_assert_true (g_str_is_ascii (slug));
  g_assert_null (strchr (slug, '%'));
  content = post_field (first->remote_id, "post_content");
  g_assert_nonnull (strstr (content, "<!-- wp:embed"));
  g_assert_nonnull (strstr (content, "Political commentator Nasimi Mammadli"));

  /* The programme is the category, guests and tags are tags, made on the
   * site as they were missing. */
  terms = efir_test_wordpress_evalf (wp, "echo implode ('|', wp_get_post_categories (%" G_GINT64_FORMAT
                                         ", ['fields' => 'names'])), '/',"
                                         " implode ('|', wp_get_post_tags (%" G_GINT64_FORMAT ", ['fields' => 'names']));",
                                         first->remote_id, first->remote_id);
  g_assert_true (g_str_has_prefix (terms, "Difficult Question/"));
  g_assert_nonnull (strstr (terms, "Nasimi Mammadli"));
  g_assert_nonnull (strstr (terms, "hybrid threats"));

  /* Published again after an edit: the same post, changed. */
  set_title (f, "Çətin sual: yenilənmiş başlıq");
  publish_now (f);
  second = publication_of (f);
  g_assert_cmpint (second->remote_id, ==, first->remote_id);
  title = post_field (second->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Çətin sual: yenilənmiş başlıq");
  g_assert_cmpint (count_marked_posts (efir_episode_get_uuid (episode)), ==, 1);
}

static void
test_unchanged_sends_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(EfirPublication) before = NULL;
  g_autoptr(EfirPublication) after = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autofree char *revisions_before = NULL;
  g_autofree char *revisions_after = NULL;

  publish_now (f);
  before = publication_of (f);
  revisions_before = efir_test_wordpress_evalf (wp, "echo count (wp_get_post_revisions (%" G_GINT64_FORMAT "));",
                                                    before->remote_id);

  enqueue (f, EFIR_PUBLISH_NOW, NULL);
  publisher = run_due (f, 1, 0);

  /* One conditional read, and not a single write. */
  g_assert_cmpuint (efir_publisher_count_requests (publisher, NULL), ==, 1);
  g_assert_cmpuint (efir_publisher_count_requests (publisher, "GET"), ==, 1);
  after = publication_of (f);
  g_assert_cmpstr (after->modified_gmt, ==, before->modified_gmt);
  revisions_after = efir_test_wordpress_evalf (wp, "echo count (wp_get_post_revisions (%" G_GINT64_FORMAT "));",
                                                   after->remote_id);
  g_assert_cmpstr (revisions_after, ==, revisions_before);
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) baku = g_time_zone_new_identifier ("Asia/Baku");
  g_autoptr(GDateTime) now = g_date_time_new_now (baku);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) at = g_date_time_new (baku, g_date_time_get_year (tomorrow),
                                             g_date_time_get_month (tomorrow),
                                             g_date_time_get_day_of_month (tomorrow), 20, 0, 0);
  g_autoptr(GDateTime) at_utc = g_date_time_to_utc (at);
  g_autoptr(GDateTime) past = g_date_time_add_hours (now, -1);
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *date_gmt = NULL;
  g_autofree char *expected = g_date_time_format (at_utc, "%Y-%m-%d 16:00:00");

  /* A time that has passed is refused, not published by surprise. */
  g_assert_cmpint (efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_SCHEDULE,
                                           past, &error), ==, 0);
  g_assert_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID);

  enqueue (f, EFIR_PUBLISH_SCHEDULE, at);
  g_object_unref (run_due (f, 1, 0));
  publication = publication_of (f);
  episode = load (f);

  /* 20:00 in Baku is 16:00 UTC. */
  status = post_field (publication->remote_id, "post_status");
  date_gmt = post_field (publication->remote_id, "post_date_gmt");
  g_assert_cmpstr (status, ==, "future");
  g_assert_cmpstr (date_gmt, ==, expected);
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_SCHEDULED);
}

static void
test_missed_schedule (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) soon = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = g_date_time_add_hours (soon, 1);
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  guint n_linked;

  enqueue (f, EFIR_PUBLISH_SCHEDULE, at);
  g_object_unref (run_due (f, 1, 0));
  publication = publication_of (f);

  /* The site's cron never ran: the post is still "future" an hour after
   * its time. */
  out = efir_test_wordpress_evalf (wp, "global $wpdb; $wpdb->update ($wpdb->posts, ['post_date_gmt' => gmdate ('Y-m-d H:i:s', time () - 3600)],"
                                       " ['ID' => %" G_GINT64_FORMAT "]); clean_post_cache (%" G_GINT64_FORMAT ");",
                                       publication->remote_id, publication->remote_id);
  efir_publisher_pull (f->publisher, f->site_id, &n_linked, notes, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (notes, 0), "missed its scheduled time"));
  episode = load (f);
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_FAILED);
}

static void
test_draft_withdraw_trash (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autofree char *as_draft = NULL;
  g_autofree char *published = NULL;
  g_autofree char *withdrawn = NULL;
  g_autofree char *trashed = NULL;
  g_autoptr(EfirEpisode) episode = NULL;

  enqueue (f, EFIR_PUBLISH_DRAFT, NULL);
  g_object_unref (run_due (f, 1, 0));
  publication = publication_of (f);
  as_draft = post_field (publication->remote_id, "post_status");
  g_assert_cmpstr (as_draft, ==, "draft");

  publish_now (f);
  published = post_field (publication->remote_id, "post_status");
  g_assert_cmpstr (published, ==, "publish");

  enqueue (f, EFIR_PUBLISH_WITHDRAW, NULL);
  g_object_unref (run_due (f, 1, 0));
  withdrawn = post_field (publication->remote_id, "post_status");
  g_assert_cmpstr (withdrawn, ==, "draft");
  episode = load (f);
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_DRAFT);

  enqueue (f, EFIR_PUBLISH_TRASH, NULL);
  g_object_unref (run_due (f, 1, 0));
  trashed = post_field (publication->remote_id, "post_status");
  g_assert_cmpstr (trashed, ==, "trash");
}

static void
test_featured_image (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *image = g_build_filename (f->dir, "kadr.png", NULL);
  g_autoptr(EfirEpisode) episode = load (f);
  g_autoptr(EfirPublication) first = NULL;
  g_autoptr(EfirPublication) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thumbnail = NULL;
  g_autofree char *attachments = NULL;
  g_autofree char *attachments_after = NULL;

  g_file_set_contents (image, (const char *) one_pixel_png, sizeof one_pixel_png, &error);
  g_assert_no_error (error);
  efir_episode_set_image (episode, image);
  save (f, episode);

  publish_now (f);
  first = publication_of (f);
  g_assert_cmpint (first->media_id, >, 0);
  thumbnail = efir_test_wordpress_evalf (wp, "echo get_post_thumbnail_id (%" G_GINT64_FORMAT ");", first->remote_id);
  g_assert_cmpint (g_ascii_strtoll (thumbnail, NULL, 10), ==, first->media_id);
  attachments = efir_test_wordpress_evalf (wp, "%s", "echo count (get_posts (['post_type' => 'attachment', 'numberposts' => -1,"
                                                     " 'post_status' => 'any']));");

  /* Published again with the same picture: it is not uploaded again. */
  set_title (f, "Çətin sual: şəkil eyni qaldı");
  publish_now (f);
  second = publication_of (f);
  g_assert_cmpint (second->media_id, ==, first->media_id);
  attachments_after = efir_test_wordpress_evalf (wp, "%s", "echo count (get_posts (['post_type' => 'attachment',"
                                                           " 'numberposts' => -1, 'post_status' => 'any']));");
  g_assert_cmpstr (attachments_after, ==, attachments);
}

/* Publishes, lets a colleague edit the post on the site, publishes again:
 * the job stops as a conflict and the site keeps the colleague's edit. */
static gint64
make_conflict (Fixture *f)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirOutboxJob) stopped = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autofree char *title = NULL;
  gint64 job_id;

  publish_now (f);
  publication = publication_of (f);
  edit_on_site (publication->remote_id, "Həmkarın başlığı");

  set_title (f, "Efirin başlığı");
  job_id = enqueue (f, EFIR_PUBLISH_NOW, NULL);
  g_object_unref (run_due (f, 0, 1));

  stopped = job (f, job_id);
  g_assert_cmpint (stopped->state, ==, EFIR_JOB_CONFLICT);
  g_assert_nonnull (strstr (stopped->site_version, "Həmkarın başlığı"));
  g_assert_nonnull (strstr (stopped->last_error, "changed on the site"));
  title = post_field (publication->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Həmkarın başlığı");
  /* Efir's version is kept as it was. */
  episode = load (f);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Efirin başlığı");

  return job_id;
}

static void
test_conflict_keep_site (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirOutboxJob) settled = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 job_id = make_conflict (f);

  efir_publisher_resolve (f->publisher, job_id, EFIR_RESOLVE_KEEP_SITE, &error);
  g_assert_no_error (error);
  settled = job (f, job_id);
  g_assert_cmpint (settled->state, ==, EFIR_JOB_DONE);

  publication = publication_of (f);
  g_assert_true (publication->diverged);
  title = post_field (publication->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Həmkarın başlığı");
  episode = load (f);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Efirin başlığı");

  /* The site's version is now the one Efir saw: the next publication is
   * no conflict. */
  publish_now (f);
}

static void
test_conflict_overwrite (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 job_id = make_conflict (f);

  efir_publisher_resolve (f->publisher, job_id, EFIR_RESOLVE_OVERWRITE, &error);
  g_assert_no_error (error);
  g_object_unref (run_due (f, 1, 0));

  publication = publication_of (f);
  title = post_field (publication->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Efirin başlığı");
}

static void
test_conflict_overwrite_after_another_edit (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 job_id = make_conflict (f);

  /* Overwriting replaces the version the producer saw, not one saved on
   * the site since. */
  publication = publication_of (f);
  edit_on_site (publication->remote_id, "Həmkarın ikinci başlığı");
  efir_publisher_resolve (f->publisher, job_id, EFIR_RESOLVE_OVERWRITE, &error);
  g_assert_no_error (error);
  g_object_unref (run_due (f, 0, 1));

  title = post_field (publication->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Həmkarın ikinci başlığı");
}

static void
test_conflict_as_new_draft (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(EfirPublication) before = NULL;
  g_autoptr(EfirPublication) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *new_title = NULL;
  g_autofree char *new_status = NULL;
  gint64 job_id = make_conflict (f);
  gint64 old_id;

  before = publication_of (f);
  old_id = before->remote_id;
  efir_publisher_resolve (f->publisher, job_id, EFIR_RESOLVE_AS_NEW_DRAFT, &error);
  g_assert_no_error (error);
  g_object_unref (run_due (f, 1, 0));

  after = publication_of (f);
  g_assert_cmpint (after->remote_id, !=, old_id);
  old_title = post_field (old_id, "post_title");
  new_title = post_field (after->remote_id, "post_title");
  new_status = post_field (after->remote_id, "post_status");
  g_assert_cmpstr (old_title, ==, "Həmkarın başlığı");
  g_assert_cmpstr (new_title, ==, "Efirin başlığı");
  g_assert_cmpstr (new_status, ==, "draft");
}

/* The conflict as the producer is shown it: the site's version, read from
 * the site, with who saved it and when, beside Efir's. */
static void
test_conflict_versions (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirPageVersion) site = NULL;
  g_autoptr(EfirPageVersion) again = NULL;
  g_autoptr(EfirPageVersion) efir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *editor = NULL;
  g_autofree char *out = NULL;
  g_autofree char *title = NULL;
  gint64 job_id = make_conflict (f);

  publication = publication_of (f);
  editor = efir_test_wordpress_evalf (wp, "echo get_user_by ('login', '%s')->display_name;", wp->author_user);

  /* A named colleague adds a paragraph in the site's editor. */
  g_usleep (1100 * 1000);
  out = efir_test_wordpress_evalf (wp, "wp_set_current_user (get_user_by ('login', '%s')->ID);"
                                       "$post = get_post (%" G_GINT64_FORMAT ");"
                                       "wp_update_post (['ID' => $post->ID, 'post_content' => wp_slash ($post->post_content"
                                       "  . \"\\n<!-- wp:paragraph -->\\n<p>Həmkarın &amp; əlavəsi</p>\\n"
                                       "<!-- /wp:paragraph -->\")]);",
                                       wp->author_user, publication->remote_id);

  site = efir_publisher_fetch_site_version (f->publisher, job_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (site->deleted);
  g_assert_cmpstr (site->title, ==, "Həmkarın başlığı");
  g_assert_nonnull (strstr (site->text, "\nHəmkarın & əlavəsi"));
  g_assert_cmpstr (site->editor, ==, editor);
  g_assert_nonnull (site->modified);
  g_assert_true (g_str_has_prefix (site->link, wp->url));
  /* Text, not markup. */
  g_assert_null (strstr (site->text, "<p>"));
  g_assert_null (strstr (site->text, "wp:paragraph"));

  efir = efir_publisher_get_efir_version (f->publisher, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (efir->title, ==, "Efirin başlığı");
  g_assert_null (strstr (efir->text, "əlavəsi"));
  g_assert_null (strstr (efir->text, "<"));
  g_assert_cmpstr (efir->editor, ==, "");

  /* Asked again, the site answers the same. */
  again = efir_publisher_fetch_site_version (f->publisher, job_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->text, ==, site->text);

  /* The version shown is the one an overwrite replaces: it goes through,
   * though the site changed after the conflict. */
  efir_publisher_resolve (f->publisher, job_id, EFIR_RESOLVE_OVERWRITE, &error);
  g_assert_no_error (error);
  g_object_unref (run_due (f, 1, 0));
  title = post_field (publication->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Efirin başlığı");
}

static void
test_deleted_on_site (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EfirPublication) first = NULL;
  g_autoptr(EfirPublication) again = NULL;
  g_autoptr(EfirOutboxJob) stopped = NULL;
  g_autoptr(EfirEpisode) episode = load (f);
  g_autoptr(EfirPageVersion) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *status = NULL;
  gint64 job_id;

  publish_now (f);
  first = publication_of (f);

  /* An editor of the site deletes the post for good. */
  out = efir_test_wordpress_evalf (wp, "wp_delete_post (%" G_GINT64_FORMAT ", true);", first->remote_id);
  set_title (f, "Efirin başlığı");
  job_id = enqueue (f, EFIR_PUBLISH_NOW, NULL);
  g_object_unref (run_due (f, 0, 1));

  /* Not put back behind their back: the producer decides. */
  stopped = job (f, job_id);
  g_assert_cmpint (stopped->state, ==, EFIR_JOB_CONFLICT);
  g_assert_nonnull (strstr (stopped->last_error, "deleted on the site"));
  g_assert_cmpint (count_marked_posts (efir_episode_get_uuid (episode)), ==, 0);
  site = efir_publisher_fetch_site_version (f->publisher, job_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (site->deleted);

  /* Put back as a new post. */
  efir_publisher_resolve (f->publisher, job_id, EFIR_RESOLVE_OVERWRITE, &error);
  g_assert_no_error (error);
  g_object_unref (run_due (f, 1, 0));
  again = publication_of (f);
  g_assert_cmpint (again->remote_id, !=, first->remote_id);
  status = post_field (again->remote_id, "post_status");
  g_assert_cmpstr (status, ==, "publish");
  g_assert_cmpint (count_marked_posts (efir_episode_get_uuid (episode)), ==, 1);
}

static void
test_pull (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(EfirPublication) published = NULL;
  g_autoptr(EfirEpisode) episode = load (f);
  g_autofree char *json = efir_episode_to_json (episode, TRUE);
  g_autofree char *other_db = g_build_filename (f->dir, "colleague.db", NULL);
  g_autoptr(EfirStore) other = NULL;
  g_autoptr(EfirPublisher) other_publisher = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(EfirEpisode) copy = NULL;
  g_autoptr(EfirPublication) linked = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_linked = 0;

  publish_now (f);
  published = publication_of (f);

  /* A colleague's archive holds the same episode, never published from it. */
  other = efir_store_open (other_db, &error);
  g_assert_no_error (error);
  copy = efir_store_import_episode_json (other, json, -1, &error);
  g_assert_no_error (error);
  other_publisher = efir_publisher_new (other);
  site = efir_publisher_add_site (other_publisher, wp->url, wp->admin_user, wp->admin_password,
                                  NULL, NULL, &error);
  g_assert_no_error (error);

  efir_publisher_pull (other_publisher, site->id, &n_linked, notes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_linked, ==, 1);
  linked = efir_store_get_publication (other, efir_episode_get_id (copy), site->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (linked);
  g_assert_cmpint (linked->remote_id, ==, published->remote_id);
  g_assert_cmpstr (linked->remote_status, ==, "publish");
}

static void
test_contributor_submits_for_review (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;

  efir_store_remove_site (f->store, f->site_id, &error);
  g_assert_no_error (error);
  add_site_as (f, wp->contributor_user, wp->contributor_password);

  publish_now (f);
  publication = publication_of (f);
  status = post_field (publication->remote_id, "post_status");
  g_assert_cmpstr (status, ==, "pending");
}

static void
test_key_moments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *admin_content = NULL;
  g_autofree char *author_content = NULL;

  publish_now (f);
  publication = publication_of (f);
  admin_content = post_field (publication->remote_id, "post_content");
  g_assert_nonnull (strstr (admin_content, "application/ld+json"));
  g_assert_nonnull (strstr (admin_content, "\"Clip\""));

  /* An author's scripts are stripped by the site: they are left out. */
  efir_store_remove_site (f->store, f->site_id, &error);
  g_assert_no_error (error);
  add_site_as (f, wp->author_user, wp->author_password);
  set_title (f, "Çətin sual: müəllifin səhifəsi");
  publish_now (f);
  g_clear_pointer (&publication, efir_publication_free);
  publication = publication_of (f);
  author_content = post_field (publication->remote_id, "post_content");
  g_assert_null (strstr (author_content, "ld+json"));
}

static void
test_injection (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *vectors_text = efir_test_read_fixture ("injection-vectors.txt", NULL);
  g_auto(GStrv) vectors = g_strsplit (vectors_text, "\n", -1);
  g_autoptr(EfirEpisode) episode = load (f);
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GRegex) handler = g_regex_new ("<[a-z][^>]*\\son[a-z]+\\s*=", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) script_url = g_regex_new ("(href|src)\\s*=\\s*[\"']?\\s*(javascript|data|vbscript):",
                                              G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) script = g_regex_new ("<script(?![^>]*application/ld\\+json)",
                                          G_REGEX_CASELESS, 0, NULL);
  g_autofree char *rendered = NULL;
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  GListModel *quotes = G_LIST_MODEL (efir_episode_get_quotes (episode));
  GListModel *segments = G_LIST_MODEL (efir_episode_get_transcript (episode));
  g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, 0);
  g_autoptr(EfirQuote) quote = g_list_model_get_item (quotes, 0);
  g_autoptr(EfirSegment) segment = g_list_model_get_item (segments, 0);
  g_autoptr(EfirSocialLink) link = NULL;

  for (guint i = 0; vectors[i] != NULL; i++)
    {
      if (vectors[i][0] != '\0')
        g_string_append_printf (all, "%s\n\n", vectors[i]);
    }

  /* Every vector in every field a producer types into. */
  efir_episode_set_title (episode, all->str);
  efir_episode_set_summary (episode, all->str);
  efir_episode_set_tags (episode, (const char * const *) vectors);
  efir_episode_guest_set_name (guest, all->str);
  efir_episode_guest_set_role (guest, all->str);
  efir_quote_set_text (quote, all->str);
  efir_quote_set_speaker (quote, all->str);
  efir_segment_set_text (segment, all->str);
  efir_segment_set_speaker (segment, all->str);
  link = efir_social_link_new ("javascript:alert(1)//https://t.me/x", NULL);
  g_list_store_append (efir_episode_get_social_links (episode), link);
  save (f, episode);

  publish_now (f);
  publication = publication_of (f);

  /* What the site shows its readers: the post as rendered, title and
   * excerpt included. */
  rendered = efir_test_wordpress_evalf (wp, "$p = get_post (%" G_GINT64_FORMAT ");"
                                            "echo apply_filters ('the_title', $p->post_title, $p->ID), \"\\n\","
                                            " apply_filters ('the_content', $p->post_content), \"\\n\","
                                            " apply_filters ('the_excerpt', $p->post_excerpt);",
                                            publication->remote_id);

  g_assert_false (g_regex_match (script, rendered, 0, NULL));
  g_assert_false (g_regex_match (handler, rendered, 0, NULL));
  g_assert_false (g_regex_match (script_url, rendered, 0, NULL));
  for (guint i = 0; vectors[i] != NULL; i++)
    {
      if (strchr (vectors[i], '<') != NULL)
        g_assert_null (strstr (rendered, vectors[i]));
    }
}

/* Tests with a second process ---------------------------------------------- */

static GSubprocess *
spawn_cli (Fixture            *f,
           const char * const *args,
           GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("EFIR_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "EFIR_SITE_PASSWORD", wp->admin_password, TRUE);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

static int
run_cli (Fixture            *f,
         const char * const *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = spawn_cli (f, args, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_kill_mid_job (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EfirEpisode) episode = load (f);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autofree char *out = NULL;
  const char *run_args[] = { "outbox", "run", NULL };
  const char *uuid = efir_episode_get_uuid (episode);
  gint64 deadline;

  /* The site stores the post, then takes its time to answer: the worker
   * is killed between the two, as a power cut would. */
  out = efir_test_wordpress_evalf (wp, "%s", "file_put_contents (WPMU_PLUGIN_DIR . '/efir-slow.php',"
                                             " '<?php add_action (\"rest_after_insert_post\", function () { sleep (4); });');");
  enqueue (f, EFIR_PUBLISH_NOW, NULL);

  process = spawn_cli (f, run_args, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (count_marked_posts (uuid) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_assert_cmpint (count_marked_posts (uuid), ==, 1);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  g_free (efir_test_wordpress_evalf (wp, "%s", "unlink (WPMU_PLUGIN_DIR . '/efir-slow.php');"));

  /* The rerun takes over the dead worker's job, finds the post its
   * request left and updates it: one post, never two. */
  g_assert_cmpint (run_cli (f, run_args), ==, 0);
  g_assert_cmpint (count_marked_posts (uuid), ==, 1);
  publication = publication_of (f);
  g_assert_cmpint (publication->remote_id, >, 0);
  g_assert_cmpstr (publication->remote_status, ==, "publish");
}

static void
test_autosave_keeps_publication (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(EfirAutosaver) autosaver = efir_autosaver_new (f->store);
  g_autoptr(EfirEpisode) open = load (f);
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->episode_id);
  const char *publish_args[] = { "publish", id, NULL };
  const char *run_args[] = { "outbox", "run", NULL };

  /* The window has the episode open, as a draft... */
  efir_autosaver_set_episode (autosaver, open, &error);
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_status (open), ==, EFIR_EPISODE_STATUS_DRAFT);

  /* ...while cron publishes it from another process... */
  g_assert_cmpint (run_cli (f, publish_args), ==, 0);
  g_assert_cmpint (run_cli (f, run_args), ==, 0);

  /* ...and the producer goes on typing. */
  efir_episode_set_title (open, "Çətin sual: yazmağa davam");
  efir_autosaver_flush (autosaver, &error);
  g_assert_no_error (error);

  stored = load (f);
  g_assert_cmpstr (efir_episode_get_title (stored), ==, "Çətin sual: yazmağa davam");
  g_assert_cmpint (efir_episode_get_status (stored), ==, EFIR_EPISODE_STATUS_PUBLISHED);
  publication = publication_of (f);
  g_assert_cmpint (publication->remote_id, >, 0);
  g_assert_cmpstr (publication->remote_status, ==, "publish");
}

static void
test_password_only_in_keyring (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *password = g_strdup (wp->author_password);
  g_autofree char *compact = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_getenv ("EFIR_TEST_SESSION") == NULL)
    {
      g_test_skip ("Needs the throwaway keyring of build-aux/test-session");
      return;
    }

  /* Signed in through the keyring alone, then published with it. */
  g_unsetenv ("EFIR_SITE_PASSWORD");
  efir_store_remove_site (f->store, f->site_id, &error);
  g_assert_no_error (error);
  site = efir_publisher_add_site (f->publisher, wp->url, wp->author_user, password, notes, NULL,
                                  &error);
  g_assert_no_error (error);
  f->site_id = site->id;
  publish_now (f);

  /* Never in the archive, its side files or its backups. */
  g_clear_object (&f->publisher);
  g_clear_object (&f->store);
  compact = g_strdup (password);
  g_strdelimit (compact, " ", '\0');
  for (const char *name = NULL; ; )
    {
      g_autoptr(GDir) folder = g_dir_open (f->dir, 0, &error);

      g_assert_no_error (error);
      while ((name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *path = g_build_filename (f->dir, name, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          g_clear_pointer (&contents, g_free);
          g_file_get_contents (path, &contents, &length, &error);
          g_assert_no_error (error);
          g_assert_null (g_strstr_len (contents, length, password));
          g_assert_null (g_strstr_len (contents, length, compact));
        }
      break;
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  wp = efir_test_wordpress_start (FALSE, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/wordpress/publish/once", test_publish_and_update);
  ADD ("/wordpress/publish/unchanged", test_unchanged_sends_nothing);
  ADD ("/wordpress/publish/schedule", test_schedule);
  ADD ("/wordpress/publish/missed-schedule", test_missed_schedule);
  ADD ("/wordpress/publish/draft-withdraw-trash", test_draft_withdraw_trash);
  ADD ("/wordpress/publish/featured-image", test_featured_image);
  ADD ("/wordpress/publish/conflict/keep-site", test_conflict_keep_site);
  ADD ("/wordpress/publish/conflict/overwrite", test_conflict_overwrite);
  ADD ("/wordpress/publish/conflict/overwrite-after-another-edit",
       test_conflict_overwrite_after_another_edit);
  ADD ("/wordpress/publish/conflict/as-new-draft", test_conflict_as_new_draft);
  ADD ("/wordpress/publish/conflict/versions", test_conflict_versions);
  ADD ("/wordpress/publish/deleted-on-site", test_deleted_on_site);
  ADD ("/wordpress/publish/pull", test_pull);
  ADD ("/wordpress/publish/contributor", test_contributor_submits_for_review);
  ADD ("/wordpress/publish/key-moments", test_key_moments);
  ADD ("/wordpress/publish/injection", test_injection);
  ADD ("/wordpress/publish/kill-mid-job", test_kill_mid_job);
  ADD ("/wordpress/publish/autosave-keeps-publication", test_autosave_keeps_publication);
  ADD ("/wordpress/publish/password-only-in-keyring", test_password_only_in_keyring);

#undef ADD

  status = g_test_run ();
  efir_test_wordpress_stop (wp);

  return status;
}
