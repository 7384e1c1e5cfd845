/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-conflict"

#include "config.h"

#include <adwaita.h>

#include "efir-conflict-dialog.h"
#include "efir-episode-json.h"
#include "efir-resources.h"
#include "efir-slug.h"
#include "efir-test-util.h"
#include "efir-ui-test-util.h"
#include "efir-wp-test-util.h"

/* The conflict dialog against a real WordPress on loopback: a colleague
 * edits the post in the site's editor, the producer publishes again, and
 * settles it in the dialog; each choice leaves the site as it says. */

typedef struct
{
  char          *dir;
  EfirStore     *store;
  EfirPublisher *publisher;
  gint64         site_id;
  gint64         episode_id;
  gint64         remote_id;
  gint64         job_id;
  GtkWidget     *parent;
  GtkWidget     *dialog;       /* weak */
  int            resolution;   /* -1 until "resolved" */
} Fixture;

static EfirTestWordPress *wp;

/* Helpers ---------------------------------------------------------------- */

static char *
post_field (gint64      remote_id,
            const char *field)
{
  return efir_test_wordpress_evalf (wp, "echo get_post (%" G_GINT64_FORMAT ")->%s;", remote_id, field);
}

static void
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
}

static EfirEpisode *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode = efir_store_load_episode (f->store, f->episode_id, &error);

  g_assert_no_error (error);

  return episode;
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

static char *
buffer_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* How many lines of @view are marked as differing from the other side. */
static guint
count_marked_lines (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *differs = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                   "differs");
  guint n = 0;

  g_assert_nonnull (differs);
  for (int line = 0; line < gtk_text_buffer_get_line_count (buffer); line++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
      if (gtk_text_iter_has_tag (&iter, differs))
        n++;
    }

  return n;
}

static GtkWidget *
part (Fixture    *f,
      const char *id)
{
  GtkWidget *found;

  g_assert_nonnull (f->dialog);
  found = efir_ui_test_find_by_id (f->dialog, id);
  g_assert_nonnull (found);

  return found;
}

static gboolean
site_version_shown (gpointer data)
{
  Fixture *f = data;
  GtkStack *stack = GTK_STACK (efir_ui_test_find_by_id (f->dialog, "site_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0;
}

static void
resolved_cb (EfirConflictDialog *dialog,
             int                 resolution,
             Fixture            *f)
{
  f->resolution = resolution;
}

/* Publishes, lets a colleague change the title and add a paragraph in the
 * site's editor, changes the title in Efir and publishes again: the job
 * stops in conflict, and the dialog opens on it. */
static void
open_on_conflict (Fixture *f)
{
  g_autoptr(EfirEpisode) episode = load (f);
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *editor = NULL;
  g_autofree char *site_text = NULL;
  g_autofree char *efir_text = NULL;
  g_autofree char *title = NULL;
  const char *heading;

  efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL, &error);
  g_assert_no_error (error);
  run_due (f, 1, 0);
  {
    g_autoptr(EfirPublication) publication = publication_of (f);

    f->remote_id = publication->remote_id;
  }

  /* WordPress stamps modified_gmt to the second. The colleague may post
   * HTML unfiltered, as an editor of the site does: an author's save would
   * also turn the page's key moments into text, a change of its own. */
  g_usleep (1100 * 1000);
  out = efir_test_wordpress_evalf (wp, "wp_set_current_user (get_user_by ('login', '%s')->ID);"
                                       "$post = get_post (%" G_GINT64_FORMAT ");"
                                       "wp_update_post (['ID' => $post->ID, 'post_title' => 'Həmkarın başlığı',"
                                       "  'post_content' => wp_slash ($post->post_content"
                                       "  . \"\\n<!-- wp:paragraph -->\\n<p>Həmkarın əlavəsi</p>\\n"
                                       "<!-- /wp:paragraph -->\")]);",
                                       wp->admin_user, f->remote_id);
  editor = efir_test_wordpress_evalf (wp, "echo get_user_by ('login', '%s')->display_name;", wp->admin_user);

  efir_episode_set_title (episode, "Efirin başlığı");
  efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);
  f->job_id = efir_publisher_enqueue (f->publisher, f->episode_id, 0, EFIR_PUBLISH_NOW, NULL,
                                      &error);
  g_assert_no_error (error);
  run_due (f, 0, 1);
  job = efir_store_get_job (f->store, f->job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->state, ==, EFIR_JOB_CONFLICT);

  f->dialog = efir_conflict_dialog_new (GTK_WINDOW (f->parent), f->publisher, episode, f->job_id);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_signal_connect (f->dialog, "resolved", G_CALLBACK (resolved_cb), f);

  /* Efir's side at once, the site's once read from the site. */
  efir_text = buffer_text (part (f, "efir_text_view"));
  g_assert_true (g_str_has_prefix (efir_text, "Efirin başlığı\n"));
  g_assert_null (strstr (efir_text, "əlavəsi"));
  g_assert_null (strstr (efir_text, "<p>"));

  g_assert_true (efir_ui_test_wait_for (site_version_shown, f));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (part (f, "site_stack"))), ==,
                   "text");
  site_text = buffer_text (part (f, "site_text_view"));
  g_assert_true (g_str_has_prefix (site_text, "Həmkarın başlığı\n"));
  g_assert_nonnull (strstr (site_text, "\nHəmkarın əlavəsi"));
  g_assert_null (strstr (site_text, "<p>"));
  /* Only what changed is marked: the title on both sides, the added
   * paragraph on the site's; not the lines the site's typography would
   * print otherwise. */
  g_assert_cmpuint (count_marked_lines (part (f, "site_text_view")), ==, 2);
  g_assert_cmpuint (count_marked_lines (part (f, "efir_text_view")), ==, 1);
  heading = gtk_label_get_text (GTK_LABEL (part (f, "heading_label")));
  g_assert_true (g_str_has_prefix (heading, editor));

  /* Nothing was sent while the producer looks. */
  title = post_field (f->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Həmkarın başlığı");
  g_assert_cmpint (f->resolution, ==, -1);
}

static void
choose (Fixture    *f,
        const char *button,
        int         resolution)
{
  g_signal_emit_by_name (part (f, button), "clicked");
  efir_ui_test_iterate_until_idle ();

  g_assert_cmpint (f->resolution, ==, resolution);
  g_assert_null (f->dialog);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *json = efir_test_read_fixture ("difficult-question-episode.json", NULL);
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *slug = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) error = NULL;

  f->resolution = -1;
  f->dir = efir_test_make_dir ("efir-ui-conflict");
  path = g_build_filename (f->dir, "efir.db", NULL);
  f->store = efir_store_open (path, &error);
  g_assert_no_error (error);
  f->publisher = efir_publisher_new (f->store);

  g_setenv ("EFIR_SITE_PASSWORD", wp->admin_password, TRUE);
  site = efir_publisher_add_site (f->publisher, wp->url, wp->admin_user, wp->admin_password,
                                  notes, NULL, &error);
  g_assert_no_error (error);
  f->site_id = site->id;

  episode = efir_store_import_episode_json (f->store, json, -1, &error);
  g_assert_no_error (error);
  f->episode_id = efir_episode_get_id (episode);
  /* A slug of each test's own on the shared site. */
  title = g_strdup_printf ("Çətin sual: %s", g_test_get_path ());
  slug = efir_slug_from_title (title);
  efir_episode_set_title (episode, title);
  efir_episode_set_slug (episode, slug);
  efir_store_save_episode (f->store, episode, EFIR_EPISODE_PART_ALL, &error);
  g_assert_no_error (error);

  f->parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->parent));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  efir_ui_test_iterate_until_idle ();
  g_assert_null (f->dialog);

  g_clear_object (&f->publisher);
  g_clear_object (&f->store);
  efir_test_remove_tree (f->dir);
  g_free (f->dir);
  g_unsetenv ("EFIR_SITE_PASSWORD");
}

/* Tests ------------------------------------------------------------------ */

static void
test_keep_site (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  open_on_conflict (f);
  choose (f, "keep_site_button", EFIR_RESOLVE_KEEP_SITE);
  run_due (f, 0, 0);

  /* The colleague's version stays; Efir's is kept in Efir, marked. */
  job = efir_store_get_job (f->store, f->job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->state, ==, EFIR_JOB_DONE);
  publication = publication_of (f);
  g_assert_true (publication->diverged);
  title = post_field (f->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Həmkarın başlığı");
  episode = load (f);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Efirin başlığı");
}

static void
test_overwrite (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *content = NULL;

  open_on_conflict (f);
  choose (f, "overwrite_button", EFIR_RESOLVE_OVERWRITE);
  run_due (f, 1, 0);

  title = post_field (f->remote_id, "post_title");
  g_assert_cmpstr (title, ==, "Efirin başlığı");
  content = post_field (f->remote_id, "post_content");
  g_assert_null (strstr (content, "Həmkarın əlavəsi"));
}

static void
test_new_draft (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EfirPublication) after = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *old_content = NULL;
  g_autofree char *new_title = NULL;
  g_autofree char *new_status = NULL;

  open_on_conflict (f);
  choose (f, "new_draft_button", EFIR_RESOLVE_AS_NEW_DRAFT);
  run_due (f, 1, 0);

  /* The colleague's post as they left it, Efir's beside it as a draft. */
  after = publication_of (f);
  g_assert_cmpint (after->remote_id, !=, f->remote_id);
  old_title = post_field (f->remote_id, "post_title");
  old_content = post_field (f->remote_id, "post_content");
  new_title = post_field (after->remote_id, "post_title");
  new_status = post_field (after->remote_id, "post_status");
  g_assert_cmpstr (old_title, ==, "Həmkarın başlığı");
  g_assert_nonnull (strstr (old_content, "Həmkarın əlavəsi"));
  g_assert_cmpstr (new_title, ==, "Efirin başlığı");
  g_assert_cmpstr (new_status, ==, "draft");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  efir_register_resource ();

  wp = efir_test_wordpress_start (FALSE, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/conflict/keep-site", Fixture, NULL,
              fixture_set_up, test_keep_site, fixture_tear_down);
  g_test_add ("/ui/conflict/overwrite", Fixture, NULL,
              fixture_set_up, test_overwrite, fixture_tear_down);
  g_test_add ("/ui/conflict/new-draft", Fixture, NULL,
              fixture_set_up, test_new_draft, fixture_tear_down);

  status = g_test_run ();
  efir_test_wordpress_stop (wp);

  return status;
}
