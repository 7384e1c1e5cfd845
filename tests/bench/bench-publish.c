/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-publish"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <sqlite3.h>
#include <string.h>

#include "efir-archive-generator.h"
#include "efir-publisher.h"
#include "efir-store.h"
#include "efir-test-util.h"
#include "efir-wp-test-util.h"

/*
 * Publishing against a real WordPress on loopback, as a producer's evening
 * goes: 100 episodes of the generated archive published at once, then
 * published again unchanged.
 *
 * What Efir adds to what the site costs is measured against curl sending
 * the very same requests one after the other over one kept-alive
 * connection: the posts as Efir sent them (read back raw from the site),
 * and the category and tag requests Efir made (a search for each, and in
 * the first round, when the site had none, a creation). Rounds alternate between
 * Efir and curl so that a slow spell of the machine hits both.
 */

#define N_EPISODES 100
#define N_ROUNDS 3

typedef struct
{
  double efir_seconds;
  double curl_seconds;
  double again_seconds;
  guint  again_reads;
  guint  again_writes;
  guint  requests;
} Round;

static EfirTestWordPress *wp;

/* Helpers ---------------------------------------------------------------- */

static double
now_seconds (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The posts as the site holds them raw: what Efir sent, for curl to send
 * again as new posts. */
static GPtrArray *
read_back_posts (EfirStore *store,
                 gint64     site_id)
{
  g_autoptr(GPtrArray) publications = efir_store_list_publications (store, site_id, NULL);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *php = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);
  JsonArray *posts;

  for (guint i = 0; i < publications->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((EfirPublication *) g_ptr_array_index (publications, i))->remote_id);

  php = g_strdup_printf ("$out = [];"
                         "foreach ([%s] as $id) { $p = get_post ($id);"
                         "  $out[] = ['title' => $p->post_title, 'content' => $p->post_content,"
                         "   'excerpt' => $p->post_excerpt, 'slug' => $p->post_name . '-curl',"
                         "   'status' => 'publish', 'categories' => wp_get_post_categories ($id),"
                         "   'tags' => wp_get_post_tags ($id, ['fields' => 'ids'])]; }"
                         "echo json_encode ($out);",
                         ids->str);
  out = efir_test_wordpress_eval (wp, php, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  posts = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (posts); i++)
    g_ptr_array_add (bodies, json_to_string (json_array_get_element (posts, i), FALSE));

  return bodies;
}

/* The categories and tags the archive learnt from the site in this round,
 * as "categories\tname": each was one search of the site, and in the
 * first round one creation too. */
static GPtrArray *
read_term_names (const char *db_path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT taxonomy, name_key FROM site_terms", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup_printf ("%s\t%s", sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return names;
}

static char *
config_quote (const char *text)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Sends with one curl process, one request after the other over one
 * connection, the requests of a round: for each term a search and a
 * creation (refused as existing, as Efir's were not the first time), and
 * for each post a creation. Returns the seconds it took. */
static double
curl_round (const char *dir,
            GPtrArray  *terms,
            GPtrArray  *bodies,
            guint       round)
{
  g_autofree char *config_path = g_build_filename (dir, "curl.conf", NULL);
  g_autoptr(GString) config = g_string_new (NULL);
  g_autofree char *auth = g_strdup_printf ("%s:%s", wp->admin_user, wp->admin_password);
  g_autofree char *quoted_auth = config_quote (auth);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  double start;

  for (guint i = 0; i < terms->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (terms, i), "\t", 2);
      const char *route = parts[0];
      g_autofree char *escaped = g_uri_escape_string (parts[1], NULL, FALSE);
      g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\"}", parts[1]);
      g_autofree char *quoted_body = config_quote (body);

      g_string_append_printf (config,
                              "url = \"%swp-json/wp/v2/%s?search=%s&per_page=100&_fields=id,name\"\n"
                              "user = %s\noutput = /dev/null\nnext\n",
                              wp->url, route, escaped, quoted_auth);
      if (round == 0)
        g_string_append_printf (config,
                                "url = \"%swp-json/wp/v2/%s\"\nuser = %s\n"
                                "header = \"Content-Type: application/json\"\ndata-binary = %s\n"
                                "output = /dev/null\nnext\n",
                                wp->url, route, quoted_auth, quoted_body);
    }

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autofree char *body_path = g_strdup_printf ("%s/post-%u-%u.json", dir, round, i);
      g_autofree char *quoted_path = NULL;
      g_autofree char *data = NULL;

      g_file_set_contents (body_path, g_ptr_array_index (bodies, i), -1, &error);
      g_assert_no_error (error);
      data = g_strconcat ("@", body_path, NULL);
      quoted_path = config_quote (data);
      g_string_append_printf (config,
                              "url = \"%swp-json/wp/v2/posts\"\nuser = %s\n"
                              "header = \"Content-Type: application/json\"\ndata-binary = %s\n"
                              "output = /dev/null\n%s",
                              wp->url, quoted_auth, quoted_path, i + 1 < bodies->len ? "next\n" : "");
    }

  g_file_set_contents (config_path, config->str, -1, &error);
  g_assert_no_error (error);

  start = now_seconds ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "curl", "--silent",
                              "--config", config_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  return now_seconds () - start;
}

static void
run_round (guint  round,
           Round *result)
{
  g_autofree char *dir = efir_test_make_dir ("efir-bench-publish");
  g_autofree char *db = g_build_filename (dir, "efir.db", NULL);
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirPublisher) publisher = NULL;
  g_autoptr(EfirPublisher) again = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GListModel) episodes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_done = 0;
  guint n_stopped = 0;
  double start;

  /* A new archive each round (another seed, so other posts), the same
   * site: the categories and tags made by the first round are found by
   * the next ones, as a producer's second evening finds them. */
  efir_archive_generate (db, N_EPISODES, 17 + round, &error);
  g_assert_no_error (error);
  store = efir_store_open (db, &error);
  g_assert_no_error (error);
  publisher = efir_publisher_new (store);
  site = efir_publisher_add_site (publisher, wp->url, wp->admin_user, wp->admin_password, NULL,
                                  NULL, &error);
  g_assert_no_error (error);

  episodes = efir_store_list_episodes (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (episodes, i);

      efir_publisher_enqueue (publisher, efir_episode_get_id (episode), site->id, EFIR_PUBLISH_NOW,
                              NULL, &error);
      g_assert_no_error (error);
    }

  start = now_seconds ();
  efir_publisher_run_due (publisher, &n_done, &n_stopped, NULL, &error);
  result->efir_seconds = now_seconds () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, N_EPISODES);
  result->requests = efir_publisher_count_requests (publisher, NULL);

  bodies = read_back_posts (store, site->id);
  terms = read_term_names (db);
  result->curl_seconds = curl_round (dir, terms, bodies, round);

  /* The same 100 again, unchanged. */
  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr(EfirEpisode) episode = g_list_model_get_item (episodes, i);

      efir_publisher_enqueue (publisher, efir_episode_get_id (episode), site->id, EFIR_PUBLISH_NOW,
                              NULL, &error);
      g_assert_no_error (error);
    }
  again = efir_publisher_new (store);
  start = now_seconds ();
  efir_publisher_run_due (again, &n_done, &n_stopped, NULL, &error);
  result->again_seconds = now_seconds () - start;
  g_assert_no_error (error);
  result->again_reads = efir_publisher_count_requests (again, "GET");
  result->again_writes = efir_publisher_count_requests (again, NULL) - result->again_reads;

  g_clear_object (&again);
  g_clear_object (&publisher);
  g_clear_object (&store);
  efir_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Round rounds[N_ROUNDS] = { 0 };
  double efir[N_ROUNDS], curl[N_ROUNDS], ratio[N_ROUNDS], again[N_ROUNDS];
  guint max_reads = 0;
  guint max_writes = 0;

  g_test_init (&argc, &argv, NULL);

  fprintf (stderr, "Starting a WordPress on loopback…\n");
  wp = efir_test_wordpress_start (FALSE, &error);
  g_assert_no_error (error);
  g_setenv ("EFIR_SITE_PASSWORD", wp->admin_password, TRUE);

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      run_round (i, &rounds[i]);
      efir[i] = rounds[i].efir_seconds;
      curl[i] = rounds[i].curl_seconds;
      ratio[i] = rounds[i].efir_seconds / rounds[i].curl_seconds;
      again[i] = rounds[i].again_seconds;
      max_reads = MAX (max_reads, rounds[i].again_reads);
      max_writes = MAX (max_writes, rounds[i].again_writes);
      fprintf (stderr, "round %u: efir %.2f s (%u requests), curl %.2f s, again %.2f s "
               "(%u reads, %u writes)\n",
               i + 1, efir[i], rounds[i].requests, curl[i], again[i], rounds[i].again_reads,
               rounds[i].again_writes);
    }

  printf ("\nPublishing %d episodes to WordPress %s on loopback, %d rounds (medians)\n\n",
          N_EPISODES, wp->version, N_ROUNDS);
  printf ("| figure | measured | target |\n|---|---|---|\n");
  printf ("| publish %d, Efir | %.2f s | |\n", N_EPISODES, median (efir, N_ROUNDS));
  printf ("| the same requests, curl | %.2f s | |\n", median (curl, N_ROUNDS));
  printf ("| Efir / curl | %.2fx | ≤ 1.1x: %s |\n", median (ratio, N_ROUNDS),
          median (ratio, N_ROUNDS) <= 1.1 ? "met" : "NOT met");
  printf ("| republish %d unchanged | %.2f s | < 2 s: %s |\n", N_EPISODES, median (again, N_ROUNDS),
          median (again, N_ROUNDS) < 2.0 ? "met" : "NOT met");
  printf ("| requests republishing unchanged (most in a round) | %u reads, %u writes | ≤ %d reads, 0 writes: %s |\n",
          max_reads, max_writes, N_EPISODES,
          max_reads <= N_EPISODES && max_writes == 0 ? "met" : "NOT met");

  efir_test_wordpress_stop (wp);

  return 0;
}
