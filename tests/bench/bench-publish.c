/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-publish"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "efir-archive-generator.h"
#include "efir-bench-samples.h"
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
 * and the category and tag requests Efir made, as its client logged them. Rounds alternate between
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

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, efir_bench_compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The posts as the site holds them raw: what Efir sent, for curl to send
 * again as new posts, in the order Efir sent them. */
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

  /* In the order Efir made them, which is the order of their ids. */
  php = g_strdup_printf ("$out = []; $ids = [%s]; sort ($ids);"
                         "foreach ($ids as $id) { $p = get_post ($id);"
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

/* Every request Efir sends, as its client logs it ("POST URL"), in order:
 * the list curl sends again. */
static GPtrArray *recorded;

static GLogWriterOutput
log_written_cb (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (recorded != NULL && g_strcmp0 (domain, "efir-wp-client") == 0 && message != NULL
      && (g_str_has_prefix (message, "GET http") || g_str_has_prefix (message, "POST http"))
      && strchr (strchr (message, ' ') + 1, ' ') == NULL)
    g_ptr_array_add (recorded, g_strdup (message));

  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
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

/* The "search" parameter of a recorded term search: the name the creation
 * after it sends. */
static char *
search_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  if (uri == NULL || g_uri_get_query (uri) == NULL)
    return g_strdup ("");
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);

  return g_strdup (params != NULL && g_hash_table_lookup (params, "search") != NULL
                     ? g_hash_table_lookup (params, "search") : "");
}

/* Sends with one curl process, one request after the other over one
 * kept-alive connection, the requests Efir sent: the same addresses, the
 * same term names, and the posts as the site stored them (new posts again:
 * Efir's are there). Returns the seconds it took. */
static double
curl_round (const char *dir,
            GPtrArray  *requests,
            GPtrArray  *bodies,
            guint       round)
{
  g_autofree char *config_path = g_build_filename (dir, "curl.conf", NULL);
  g_autoptr(GString) config = g_string_new (NULL);
  g_autofree char *auth = g_strdup_printf ("%s:%s", wp->admin_user, wp->admin_password);
  g_autofree char *quoted_auth = config_quote (auth);
  g_autofree char *last_search = g_strdup ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  guint n_posts = 0;
  double start;

  for (guint i = 0; i < requests->len; i++)
    {
      const char *request = g_ptr_array_index (requests, i);
      const char *url = strchr (request, ' ') + 1;
      g_autofree char *quoted_url = config_quote (url);

      if (config->len > 0)
        g_string_append (config, "next\n");

      if (g_str_has_prefix (request, "GET "))
        {
          g_free (last_search);
          last_search = search_of (url);
          g_string_append_printf (config, "url = %s\nuser = %s\noutput = /dev/null\n", quoted_url,
                                  quoted_auth);
          continue;
        }

      if (g_str_has_suffix (url, "/posts"))
        {
          g_autofree char *body_path = g_strdup_printf ("%s/post-%u-%u.json", dir, round, n_posts);
          g_autofree char *data = g_strconcat ("@", body_path, NULL);
          g_autofree char *quoted_data = config_quote (data);

          g_assert_cmpuint (n_posts, <, bodies->len);
          g_file_set_contents (body_path, g_ptr_array_index (bodies, n_posts++), -1, &error);
          g_assert_no_error (error);
          g_string_append_printf (config, "url = %s\nuser = %s\n"
                                  "header = \"Content-Type: application/json\"\ndata-binary = %s\n"
                                  "output = /dev/null\n",
                                  quoted_url, quoted_auth, quoted_data);
        }
      else
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *body = NULL;
          g_autofree char *quoted_body = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, last_search);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          body = json_to_string (root, FALSE);
          quoted_body = config_quote (body);
          g_string_append_printf (config, "url = %s\nuser = %s\n"
                                  "header = \"Content-Type: application/json\"\ndata-binary = %s\n"
                                  "output = /dev/null\n",
                                  quoted_url, quoted_auth, quoted_body);
        }
    }

  g_file_set_contents (config_path, config->str, -1, &error);
  g_assert_no_error (error);

  start = now_seconds ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "curl", "--silent", "--config",
                              config_path, NULL);
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
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_free);
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

  recorded = requests;
  start = now_seconds ();
  efir_publisher_run_due (publisher, &n_done, &n_stopped, NULL, &error);
  result->efir_seconds = now_seconds () - start;
  recorded = NULL;
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, N_EPISODES);
  result->requests = efir_publisher_count_requests (publisher, NULL);

  bodies = read_back_posts (store, site->id);
  result->curl_seconds = curl_round (dir, requests, bodies, round);

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
  g_log_set_writer_func (log_written_cb, NULL, NULL);

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
