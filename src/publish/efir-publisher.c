/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-publisher"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "efir-html-text.h"
#include "efir-page-renderer.h"
#include "efir-publisher.h"
#include "efir-site-secrets.h"
#include "efir-wp-client.h"
#include "efir-wp-error.h"

/* Types and properties --------------------------------------------------- */

struct _EfirPublisher
{
  GObject     parent_instance;

  /* Owned */
  EfirStore  *store;
  GHashTable *clients;      /* site id -> EfirWpClient */
  GHashTable *peeks;        /* "SITE:POST" -> the post's JsonObject, read for this run */
  gint64      retry_base;
  gint64      schedule_grace;
  guint       timeout;
};

G_DEFINE_FINAL_TYPE (EfirPublisher, efir_publisher, G_TYPE_OBJECT)

/* A transient failure is tried this many times in all, over about a day
 * with the backoff below, before the job stops for the producer. */
#define MAX_ATTEMPTS 12
#define RETRY_BASE_USEC (30 * G_TIME_SPAN_SECOND)
#define RETRY_CAP_USEC (G_TIME_SPAN_HOUR * 4)

/* A post still "future" this long after its time was missed by the site. */
#define MISSED_SCHEDULE_GRACE_USEC (2 * G_TIME_SPAN_MINUTE)

static const char *actions[] = {
  [EFIR_PUBLISH_NOW] = "publish",
  [EFIR_PUBLISH_SCHEDULE] = "schedule",
  [EFIR_PUBLISH_DRAFT] = "draft",
  [EFIR_PUBLISH_WITHDRAW] = "withdraw",
  [EFIR_PUBLISH_TRASH] = "trash",
};

/**
 * efir_publish_action_from_string:
 * @name: a job's action as the outbox keeps it ("publish", "schedule", …)
 * @action: (out): the action it names
 *
 * Returns: %FALSE when @name names no action
 */
gboolean
efir_publish_action_from_string (const char        *name,
                                 EfirPublishAction *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (name, actions[i]) == 0)
      {
        *action = (EfirPublishAction) i;
        return TRUE;
      }
  return FALSE;
}

/* Helpers ---------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

/* The site's address as Efir records it (and files its password under):
 * the API root without its REST part, "https://example.org/". */
static char *
home_from_api_root (const char *api_root)
{
  const char *query = strstr (api_root, "?rest_route=");

  if (query != NULL)
    return g_strndup (api_root, query - api_root);
  if (g_str_has_suffix (api_root, "wp-json/"))
    return g_strndup (api_root, strlen (api_root) - strlen ("wp-json/"));

  return g_strdup (api_root);
}

static gboolean
runner_alive (gint64 pid)
{
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;

  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static char *
format_gmt (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
}

static GDateTime *
parse_gmt (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_date_time_new_from_iso8601 (text, utc);
}

/* The version a site gave, as numbers: "6.1.1" -> 6, 1. */
static void
parse_version (const char *version,
               guint      *major,
               guint      *minor)
{
  g_auto(GStrv) parts = g_strsplit (version != NULL ? version : "", ".", 3);

  *major = parts[0] != NULL ? (guint) g_ascii_strtoull (parts[0], NULL, 10) : 0;
  *minor = parts[0] != NULL && parts[1] != NULL ? (guint) g_ascii_strtoull (parts[1], NULL, 10) : 0;
}

static const char *
error_nick (const GError *error)
{
  g_autoptr(GEnumClass) klass = NULL;

  if (error->domain == EFIR_WP_ERROR)
    {
      static const char *nicks[] = {
        "network", "timeout", "server", "rate-limited", "bad-request", "unauthorized",
        "forbidden", "not-found", "conflict", "invalid-response", "insecure", "tls", "no-api",
        "no-password", "keyring", "invalid",
      };

      if ((guint) error->code < G_N_ELEMENTS (nicks))
        return nicks[error->code];
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";

  return "other";
}

static EfirWpClient *
client_for_site (EfirPublisher  *self,
                 const EfirSite *site,
                 GCancellable   *cancellable,
                 GError        **error)
{
  EfirWpClient *client;
  char *password;

  if ((client = g_hash_table_lookup (self->clients, &site->id)) != NULL)
    return client;

  if (!(password = efir_site_secrets_lookup (site->url, site->user, cancellable, error)))
    return NULL;

  client = efir_wp_client_new (site->api_root, site->user, password, error);
  efir_site_secrets_free_password (password);
  if (client == NULL)
    return NULL;
  if (self->timeout > 0)
    g_object_set (client, "timeout", self->timeout, NULL);

  g_hash_table_insert (self->clients, g_memdup2 (&site->id, sizeof site->id), client);

  return client;
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member))
      || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static gint64
json_int (JsonObject *object,
          const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member))
      || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  return json_node_get_int (node);
}

/* WordPress gives rendered fields as {"raw": …, "rendered": …}. */
static const char *
json_rendered (JsonObject *object,
               const char *member,
               const char *which)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return "";

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_string (json_node_get_object (node), which);

  return json_string (object, member);
}

/* Takes what the site answered about a post into @publication. */
static void
take_post (EfirPublication *publication,
           JsonObject      *post)
{
  const char *link = json_string (post, "link");

  if (json_int (post, "id") > 0)
    publication->remote_id = json_int (post, "id");
  if (link[0] != '\0')
    {
      g_free (publication->link);
      publication->link = g_strdup (link);
    }
  g_free (publication->remote_status);
  publication->remote_status = g_strdup (json_string (post, "status"));
  g_free (publication->modified_gmt);
  publication->modified_gmt = g_strdup (json_string (post, "modified_gmt"));
  g_free (publication->date_gmt);
  publication->date_gmt = g_strdup (json_string (post, "date_gmt"));
}

static EfirEpisodeStatus
status_from_remote (const char *remote_status)
{
  if (g_strcmp0 (remote_status, "publish") == 0 || g_strcmp0 (remote_status, "private") == 0)
    return EFIR_EPISODE_STATUS_PUBLISHED;
  if (g_strcmp0 (remote_status, "future") == 0)
    return EFIR_EPISODE_STATUS_SCHEDULED;

  /* A draft or a post waiting for review is still the producer's to work on. */
  return EFIR_EPISODE_STATUS_READY;
}

/* The post of an episode on the site, found by its marker, then by its
 * slug: what a request that failed half-way may have left there. The
 * newest wins; @exclude_id is a post known to be another one's. */
static JsonObject *
find_post (EfirWpClient  *client,
           const char    *uuid,
           const char    *slug,
           gint64         exclude_id,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *marker = efir_page_marker_class (uuid);
  g_autoptr(JsonArray) found = NULL;
  JsonObject *best = NULL;

  if (!(found = efir_wp_client_find_posts (client, marker, NULL, cancellable, error)))
    return NULL;

  /* The search matches words anywhere in the post: keep only the posts
   * whose content holds the marker itself. */
  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonObject *post = json_array_get_object_element (found, i);

      if (strstr (json_rendered (post, "content", "raw"), marker) == NULL
          || json_int (post, "id") == exclude_id)
        continue;
      if (best == NULL || json_int (post, "id") > json_int (best, "id"))
        best = post;
    }

  if (best == NULL && slug != NULL && slug[0] != '\0')
    {
      g_clear_pointer (&found, json_array_unref);
      if (!(found = efir_wp_client_find_posts (client, NULL, slug, cancellable, error)))
        return NULL;

      for (guint i = 0; i < json_array_get_length (found) && best == NULL; i++)
        {
          JsonObject *post = json_array_get_object_element (found, i);

          /* A post of the same slug that another episode's marker claims
           * is not this one. */
          if (strstr (json_rendered (post, "content", "raw"), "efir-episode-") == NULL)
            best = post;
        }
    }

  return best != NULL ? json_object_ref (best) : NULL;
}

/* Whether the episode was sent to the site before this job: a request of
 * that one may have reached the site without its answer reaching Efir. */
static gboolean
has_earlier_job (EfirPublisher       *self,
                 const EfirOutboxJob *job)
{
  g_autoptr(GPtrArray) jobs = efir_store_list_jobs (self->store, job->episode_id, NULL);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      EfirOutboxJob *other = g_ptr_array_index (jobs, i);

      if (other->id < job->id && other->site_id == job->site_id && other->attempts > 0)
        return TRUE;
    }

  return FALSE;
}

static gint64
ensure_term (EfirPublisher  *self,
             EfirWpClient   *client,
             gint64          site_id,
             const char     *taxonomy,
             const char     *name,
             GCancellable   *cancellable,
             GError        **error)
{
  gint64 remote_id = 0;

  if (!efir_store_lookup_term (self->store, site_id, taxonomy, name, &remote_id, error))
    return 0;
  if (remote_id > 0)
    return remote_id;

  if ((remote_id = efir_wp_client_ensure_term (client, taxonomy, name, cancellable, error)) <= 0)
    return 0;

  if (!efir_store_save_term (self->store, site_id, taxonomy, name, remote_id, error))
    return 0;

  return remote_id;
}

/* The page as @site gets it: with the marker, the blocks its WordPress
 * version knows, and the key moments only where the account may send
 * them. Without a site, as the oldest supported WordPress shows it. */
static char *
render_for_site (EfirEpisode    *episode,
                 EfirProgram    *program,
                 const EfirSite *site)
{
  EfirPageOptions options = { 0 };

  options.uuid = efir_episode_get_uuid (episode);
  options.key_moments = site == NULL || site->unfiltered_html;
  if (site != NULL)
    parse_version (site->wp_version, &options.wp_major, &options.wp_minor);

  return efir_page_render (episode, program, &options);
}

static void
add_term_name (JsonArray  *names,
               const char *name)
{
  g_autofree char *escaped = NULL;

  if (is_blank (name))
    return;

  /* WordPress keeps a term's name in 200 characters and fails the whole
   * request beyond them: a "tag" that long is no tag a reader would use. */
  escaped = efir_page_term_name (name);
  if (g_utf8_strlen (escaped, -1) > 200)
    {
      g_debug ("Not made a tag: “%.40s…” is longer than WordPress keeps", name);
      return;
    }

  json_array_add_string_element (names, escaped);
}

/* The post's fields without the ids the site gives categories and tags:
 * what the producer sees change, and what the content hash covers. */
static JsonObject *
build_fields (EfirEpisode      *episode,
              EfirProgram      *program,
              const EfirSite   *site,
              const char       *category,
              const char       *status,
              const char       *date_gmt)
{
  JsonObject *fields = json_object_new ();
  g_autofree char *content = render_for_site (episode, program, site);
  g_autofree char *title = efir_page_title (episode);
  g_autofree char *excerpt = efir_page_excerpt (episode);
  g_autofree char *slug = efir_page_slug (episode);
  JsonArray *tags = json_array_new ();
  JsonArray *categories = json_array_new ();
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));

  /* The title and excerpt come escaped as HTML text: WordPress prints
   * them as HTML, and "<script>" in a title is to be read, not run. */
  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "content", content);
  json_object_set_string_member (fields, "excerpt", excerpt);
  json_object_set_string_member (fields, "slug", slug);
  json_object_set_string_member (fields, "status", status);
  if (date_gmt != NULL && date_gmt[0] != '\0')
    json_object_set_string_member (fields, "date_gmt", date_gmt);

  add_term_name (categories, category);
  for (const char * const *tag = efir_episode_get_tags (episode); *tag != NULL; tag++)
    add_term_name (tags, *tag);
  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);

      add_term_name (tags, efir_episode_guest_get_name (guest));
    }
  json_object_set_array_member (fields, "categories", categories);
  json_object_set_array_member (fields, "tags", tags);

  return fields;
}

static char *
hash_fields (JsonObject *fields,
             const char *image_hash)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), fields);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) text, -1);
  g_checksum_update (checksum, (const guchar *) "|", 1);
  g_checksum_update (checksum, (const guchar *) image_hash, -1);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Replaces the names of categories and tags with the site's ids. */
static gboolean
resolve_terms (EfirPublisher  *self,
               EfirWpClient   *client,
               gint64          site_id,
               JsonObject     *fields,
               GCancellable   *cancellable,
               GError        **error)
{
  static const char *taxonomies[] = { "categories", "tags" };

  for (guint t = 0; t < G_N_ELEMENTS (taxonomies); t++)
    {
      JsonArray *names = json_object_get_array_member (fields, taxonomies[t]);
      g_autoptr(JsonArray) ids = json_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      for (guint i = 0; i < json_array_get_length (names); i++)
        {
          const char *name = json_array_get_string_element (names, i);
          gint64 *id = g_new (gint64, 1);

          if ((*id = ensure_term (self, client, site_id, taxonomies[t], name, cancellable,
                                  error)) <= 0)
            {
              g_free (id);
              return FALSE;
            }

          if (g_hash_table_contains (seen, id))
            {
              g_free (id);
              continue;
            }
          json_array_add_int_element (ids, *id);
          g_hash_table_add (seen, id);
        }

      json_object_set_array_member (fields, taxonomies[t], json_array_ref (ids));
    }

  return TRUE;
}

/* The featured image: uploaded once, and again only when the file changed. */
static gboolean
ensure_image (EfirWpClient     *client,
              EfirEpisode      *episode,
              EfirPublication  *publication,
              const char       *image_hash,
              GBytes           *image,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *mime = NULL;
  gint64 media_id;

  if (image == NULL)
    return TRUE;
  if (publication->media_id > 0 && g_str_equal (publication->image_hash, image_hash))
    return TRUE;

  basename = g_path_get_basename (efir_episode_get_image (episode));
  mime = g_content_type_guess (basename, g_bytes_get_data (image, NULL), g_bytes_get_size (image),
                               NULL);
  {
    g_autofree char *mime_type = g_content_type_get_mime_type (mime);

    if ((media_id = efir_wp_client_upload_media (client, image, basename,
                                                 mime_type != NULL ? mime_type : "image/jpeg",
                                                 cancellable, error)) <= 0)
      return FALSE;
  }

  publication->media_id = media_id;
  g_free (publication->image_hash);
  publication->image_hash = g_strdup (image_hash);

  return TRUE;
}

static void
set_progress (EfirPublisher *self,
              EfirOutboxJob *job,
              const char    *progress)
{
  g_autoptr(GError) error = NULL;

  g_free (job->progress);
  job->progress = g_strdup (progress);
  if (!efir_store_update_job (self->store, job, &error))
    g_debug ("Job %" G_GINT64_FORMAT ": progress not stored: %s", job->id, error->message);
}

static char *
peek_key (gint64 site_id,
          gint64 remote_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, site_id, remote_id);
}

/* Before a run writes anything, it looks at every post it may update: one
 * request for up to 100 posts of a site, instead of one each. What is not
 * found that way is looked at alone when its job comes. */
static void
prefetch_peeks (EfirPublisher *self,
                gint64         now,
                GCancellable  *cancellable)
{
  g_autoptr(GPtrArray) jobs = efir_store_list_due_jobs (self->store, now, NULL);
  g_autoptr(GHashTable) by_site = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (self->peeks);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      EfirOutboxJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(EfirPublication) publication = efir_store_get_publication (self->store,
                                                                           job->episode_id,
                                                                           job->site_id, NULL);
      GArray *ids;

      if (publication == NULL || publication->remote_id == 0)
        continue;

      if (!(ids = g_hash_table_lookup (by_site, &job->site_id)))
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_site, g_memdup2 (&job->site_id, sizeof (gint64)), ids);
        }
      g_array_append_val (ids, publication->remote_id);
    }

  g_hash_table_iter_init (&iter, by_site);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 site_id = *(gint64 *) key;
      GArray *ids = value;
      g_autoptr(EfirSite) site = efir_store_get_site (self->store, site_id, NULL);
      EfirWpClient *client;

      if (site == NULL || !(client = client_for_site (self, site, cancellable, NULL)))
        continue;

      for (guint start = 0; start < ids->len; start += 100)
        {
          g_autoptr(JsonArray) posts = NULL;

          if (!(posts = efir_wp_client_peek_posts (client, &g_array_index (ids, gint64, start),
                                                   MIN (100, ids->len - start), cancellable, NULL)))
            break;

          for (guint i = 0; i < json_array_get_length (posts); i++)
            {
              JsonObject *post = json_array_get_object_element (posts, i);

              g_hash_table_insert (self->peeks, peek_key (site_id, json_int (post, "id")),
                                   json_object_ref (post));
            }
        }
    }
}

/* The post as it is on the site now: read for this run if it was, else
 * asked for. */
static JsonObject *
peek_post (EfirPublisher  *self,
           EfirWpClient   *client,
           gint64          site_id,
           gint64          remote_id,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autofree char *key = peek_key (site_id, remote_id);
  gpointer stored_key = NULL;
  gpointer found = NULL;

  /* Taken once: after this job writes, what was read is no longer true. */
  if (g_hash_table_steal_extended (self->peeks, key, &stored_key, &found))
    g_free (stored_key);

  if (found != NULL)
    return found;

  return efir_wp_client_peek_post (client, remote_id, cancellable, error);
}

/* What a job in conflict keeps of the site's post: the version the
 * producer chooses against. */
static char *
site_version_json (gint64      remote_id,
                   JsonObject *post)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, remote_id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, json_rendered (post, "title", "raw"));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, json_rendered (post, "content", "raw"));
  json_builder_set_member_name (builder, "modified_gmt");
  json_builder_add_string_value (builder, json_string (post, "modified_gmt"));
  json_builder_set_member_name (builder, "link");
  json_builder_add_string_value (builder, json_string (post, "link"));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Stops @job as a conflict: the site's post changed since Efir saw it. Both
 * versions are kept: Efir's in the job's revision, the site's in the job. */
static void
stop_as_conflict (EfirPublisher *self,
                  EfirWpClient  *client,
                  EfirOutboxJob *job,
                  gint64         remote_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(JsonObject) post = efir_wp_client_get_post (client, remote_id, cancellable, NULL);

  g_free (job->site_version);
  job->site_version = site_version_json (remote_id, post);
  g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_CONFLICT,
               _("The post was changed on the site since Efir last published it. Nothing "
                 "was sent: keep the site’s version, overwrite it, or save Efir’s as a new "
                 "draft."));
}

/* The post is no longer the episode's: the next send makes a new one,
 * with its picture uploaded anew. */
static void
forget_remote_post (EfirPublication *publication)
{
  publication->remote_id = 0;
  publication->media_id = 0;
  g_free (publication->image_hash);
  publication->image_hash = g_strdup ("");
  g_free (publication->link);
  publication->link = g_strdup ("");
  g_free (publication->remote_status);
  publication->remote_status = g_strdup ("");
  g_free (publication->modified_gmt);
  publication->modified_gmt = g_strdup ("");
}

static char *
deleted_version_json (gint64 remote_id)
{
  return g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"deleted\":true}", remote_id);
}

/* Stops @job as a conflict with a post deleted on the site. */
static void
stop_as_deleted (EfirOutboxJob  *job,
                 gint64          remote_id,
                 GError        **error)
{
  g_free (job->site_version);
  job->site_version = deleted_version_json (remote_id);
  g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_CONFLICT,
               _("The episode’s post was deleted on the site. Nothing was sent: put it back as "
                 "a new post (overwrite), save it as a new draft, or keep it off the site."));
}

/* The site's version a job in conflict keeps, or NULL. */
static JsonObject *
parse_site_version (const EfirOutboxJob *job)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (job->site_version == NULL || !json_parser_load_from_data (parser, job->site_version, -1, NULL)
      || !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static gboolean
site_version_is_deleted (const EfirOutboxJob *job)
{
  g_autoptr(JsonObject) version = parse_site_version (job);

  return version != NULL && json_object_get_boolean_member_with_default (version, "deleted", FALSE);
}

/* Sends the episode of @job to the site. */
static gboolean
run_send (EfirPublisher  *self,
          EfirOutboxJob  *job,
          const EfirSite *site,
          EfirWpClient   *client,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *category = NULL;
  g_autofree char *content_hash = NULL;
  g_autofree char *image_hash = g_strdup ("");
  g_autofree char *program_key = NULL;
  const char *status;
  gboolean as_new_draft = g_str_equal (job->resolution, "as-new-draft");
  gboolean overwrite = g_str_equal (job->resolution, "overwrite");

  if (!(episode = efir_store_load_revision (self->store, job->revision_id, error)))
    return FALSE;

  program_key = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_program_id (episode));
  if (!(program = efir_store_find_program (self->store, program_key, error)))
    return FALSE;
  if (!efir_store_get_program_site (self->store, efir_program_get_id (program), NULL, &category,
                                    error))
    return FALSE;
  if (category[0] == '\0')
    {
      g_free (category);
      category = g_strdup (efir_program_get_name (program));
    }

  {
    g_autoptr(GError) local_error = NULL;

    if (!(publication = efir_store_get_publication (self->store, job->episode_id, site->id,
                                                    &local_error)))
      {
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        publication = efir_publication_new (job->episode_id, site->id);
      }
  }

  /* Without publish_posts the account can only submit for review. */
  if (g_str_equal (job->action, "draft") || as_new_draft)
    status = "draft";
  else if (!site->can_publish)
    status = "pending";
  else if (g_str_equal (job->action, "schedule"))
    status = "future";
  else
    status = "publish";

  if (g_str_equal (status, "future"))
    {
      g_autoptr(GDateTime) at = parse_gmt (job->publish_at);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (at == NULL || g_date_time_compare (at, now) <= 0)
        {
          g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                       _("The time this episode was scheduled for passed before Efir could "
                         "reach the site. Nothing was published: choose a new time, or publish "
                         "it now."));
          return FALSE;
        }
    }

  if (efir_episode_get_image (episode)[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (efir_episode_get_image (episode));
      g_autoptr(GError) local_error = NULL;

      if (!(image = g_file_load_bytes (file, cancellable, NULL, &local_error)))
        {
          g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                       _("The episode’s image “%s” cannot be read: %s"),
                       efir_episode_get_image (episode), local_error->message);
          return FALSE;
        }
      g_free (image_hash);
      image_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image);
    }

  fields = build_fields (episode, program, site, category, status,
                         g_str_equal (status, "future") ? job->publish_at : NULL);
  content_hash = hash_fields (fields, image_hash);

  if (as_new_draft)
    {
      gint64 colleagues_id = publication->remote_id;

      /* The site's post stays as the colleague left it; Efir's version
       * becomes a post of its own, which the episode follows from now on. */
      forget_remote_post (publication);
      json_object_remove_member (fields, "slug");

      /* An earlier attempt may have made that post already. */
      if (job->attempts > 1)
        {
          g_autoptr(JsonObject) found = NULL;
          g_autoptr(GError) local_error = NULL;

          found = find_post (client, efir_episode_get_uuid (episode), NULL, colleagues_id,
                             cancellable, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (found != NULL)
            take_post (publication, found);
        }
    }
  else if (publication->remote_id > 0)
    {
      g_autoptr(JsonObject) seen = NULL;
      g_autoptr(GError) local_error = NULL;

      set_progress (self, job, _("Comparing with the site"));
      if (!(seen = peek_post (self, client, site->id, publication->remote_id, cancellable,
                             &local_error)))
        {
          if (!g_error_matches (local_error, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          /* Somebody deleted the post on the site: that is theirs to undo
           * unless the producer chose to put it back. */
          if (!overwrite || !site_version_is_deleted (job))
            {
              stop_as_deleted (job, publication->remote_id, error);
              return FALSE;
            }
          forget_remote_post (publication);
        }
      else if (!g_str_equal (json_string (seen, "modified_gmt"), publication->modified_gmt))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          const char *confirmed = "";

          /* Overwriting replaces the version the producer saw in the
           * conflict, not one a colleague saved since. */
          if (overwrite && json_parser_load_from_data (parser, job->site_version, -1, NULL))
            confirmed = json_string (json_node_get_object (json_parser_get_root (parser)),
                                     "modified_gmt");

          if (!overwrite || !g_str_equal (confirmed, json_string (seen, "modified_gmt")))
            {
              stop_as_conflict (self, client, job, publication->remote_id, cancellable, error);
              return FALSE;
            }
        }

      if (seen != NULL && !overwrite && g_str_equal (content_hash, publication->content_hash)
          && g_str_equal (json_string (seen, "status"), status))
        {
          /* Nothing changed on either side: nothing is sent. */
          take_post (publication, seen);
          return efir_store_save_publication (self->store, publication,
                                              status_from_remote (publication->remote_status),
                                              job->id, error);
        }
    }
  else if (job->attempts > 1 || has_earlier_job (self, job))
    {
      g_autoptr(JsonObject) found = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *slug = efir_page_slug (episode);

      /* An earlier attempt may have reached the site and lost its answer:
       * a post found by the episode's marker is that attempt's, and is
       * updated rather than made twice. */
      set_progress (self, job, _("Looking for an earlier attempt on the site"));
      found = find_post (client, efir_episode_get_uuid (episode), slug, 0, cancellable,
                         &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (found != NULL)
        take_post (publication, found);
    }

  set_progress (self, job, _("Preparing categories and tags"));
  if (!resolve_terms (self, client, site->id, fields, cancellable, error))
    return FALSE;

  if (image != NULL)
    {
      set_progress (self, job, _("Uploading the image"));
      if (!ensure_image (client, episode, publication, image_hash, image, cancellable, error))
        return FALSE;
      json_object_set_int_member (fields, "featured_media", publication->media_id);
    }

  set_progress (self, job, _("Sending the page"));
  if (publication->remote_id > 0)
    post = efir_wp_client_update_post (client, publication->remote_id, fields, cancellable, error);
  else
    post = efir_wp_client_create_post (client, fields, cancellable, error);
  if (post == NULL)
    return FALSE;

  take_post (publication, post);
  g_free (publication->content_hash);
  publication->content_hash = g_steal_pointer (&content_hash);
  publication->revision_id = job->revision_id;
  publication->diverged = FALSE;

  return efir_store_save_publication (self->store, publication,
                                      status_from_remote (publication->remote_status), job->id,
                                      error);
}

/* Withdraws or trashes the episode's post. */
static gboolean
run_take_down (EfirPublisher  *self,
               EfirOutboxJob  *job,
               const EfirSite *site,
               EfirWpClient   *client,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(EfirPublication) publication = NULL;
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean trash = g_str_equal (job->action, "trash");

  publication = efir_store_get_publication (self->store, job->episode_id, site->id, &local_error);
  if (publication == NULL || publication->remote_id == 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                     _("This episode is not on the site, so there is nothing to take down."));
      return FALSE;
    }

  set_progress (self, job, _("Comparing with the site"));
  if (!(seen = peek_post (self, client, site->id, publication->remote_id, cancellable,
                          &local_error)))
    {
      if (!g_error_matches (local_error, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Already gone from the site: what the producer asked for is so. */
      forget_remote_post (publication);
      return efir_store_save_publication (self->store, publication, EFIR_EPISODE_STATUS_DRAFT,
                                          job->id, error);
    }

  if (!g_str_equal (json_string (seen, "modified_gmt"), publication->modified_gmt)
      && !g_str_equal (job->resolution, "overwrite"))
    {
      stop_as_conflict (self, client, job, publication->remote_id, cancellable, error);
      return FALSE;
    }

  if (trash)
    post = efir_wp_client_trash_post (client, publication->remote_id, cancellable, error);
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_string_member (fields, "status", "draft");
      post = efir_wp_client_update_post (client, publication->remote_id, fields, cancellable,
                                         error);
    }
  if (post == NULL)
    return FALSE;

  take_post (publication, post);

  return efir_store_save_publication (self->store, publication, EFIR_EPISODE_STATUS_DRAFT,
                                      job->id, error);
}

static gint64
backoff (EfirPublisher *self,
         int            attempts,
         guint          retry_after)
{
  gint64 delay = self->retry_base;

  for (int i = 1; i < attempts && delay < RETRY_CAP_USEC; i++)
    delay *= 2;
  delay = MIN (delay, RETRY_CAP_USEC);
  /* Jitter, so that many jobs failed together do not return together. */
  delay = delay / 2 + g_random_int_range (0, (gint32) MIN (delay, G_MAXINT32 / 2) + 1);

  return MAX (delay, (gint64) retry_after * G_TIME_SPAN_SECOND);
}

/* Runs one claimed job to its next state. FALSE only when the archive
 * could not record it. */
static gboolean
run_job (EfirPublisher  *self,
         EfirOutboxJob  *job,
         guint          *n_done,
         guint          *n_stopped,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) failure = NULL;
  EfirWpClient *client = NULL;
  gboolean sent;

  if ((site = efir_store_get_site (self->store, job->site_id, &failure)))
    client = client_for_site (self, site, cancellable, &failure);

  if (client == NULL)
    sent = FALSE;
  else if (g_str_equal (job->action, "withdraw") || g_str_equal (job->action, "trash"))
    sent = run_take_down (self, job, site, client, cancellable, &failure);
  else
    sent = run_send (self, job, site, client, cancellable, &failure);

  if (sent)
    {
      (*n_done)++;
      return TRUE;
    }

  g_free (job->progress);
  job->progress = g_strdup ("");
  g_free (job->error_code);
  job->error_code = g_strdup (error_nick (failure));
  g_free (job->last_error);
  job->last_error = g_strdup (failure->message);

  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped by quitting, not by the site: run again next time. */
      job->state = EFIR_JOB_QUEUED;
      job->attempts--;
    }
  else if (efir_wp_error_is_transient (failure) && job->attempts < MAX_ATTEMPTS)
    {
      job->state = EFIR_JOB_RETRYING;
      job->next_attempt_at = g_get_real_time ()
                             + backoff (self, job->attempts,
                                        client != NULL ? efir_wp_client_get_retry_after (client) : 0);
    }
  else if (g_error_matches (failure, EFIR_WP_ERROR, EFIR_WP_ERROR_CONFLICT)
           && job->site_version != NULL && !g_str_equal (job->site_version, "{}"))
    {
      job->state = EFIR_JOB_CONFLICT;
      (*n_stopped)++;
    }
  else
    {
      job->state = EFIR_JOB_FAILED;
      (*n_stopped)++;
    }

  g_debug ("Job %" G_GINT64_FORMAT " (%s): %s", job->id, efir_job_state_to_string (job->state),
           failure->message);

  /* A job that failed leaves the episode's status to say so in the list. */
  if (job->state == EFIR_JOB_FAILED || job->state == EFIR_JOB_CONFLICT)
    efir_store_set_published_status (self->store, job->episode_id, EFIR_EPISODE_STATUS_FAILED,
                                     NULL);

  return efir_store_update_job (self->store, job, error);
}

static EfirOutboxJob *
get_job_in_conflict (EfirPublisher  *self,
                     gint64          job_id,
                     GError        **error)
{
  g_autoptr(EfirOutboxJob) job = NULL;

  if (!(job = efir_store_get_job (self->store, job_id, error)))
    return NULL;

  if (job->state != EFIR_JOB_CONFLICT)
    {
      g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                   _("Job %" PRId64 " is not in conflict with the site: there is nothing to "
                     "settle."),
                   (int64_t) job_id);
      return NULL;
    }

  return g_steal_pointer (&job);
}

static const char *
post_field_text (JsonObject *post,
                 const char *member)
{
  const char *raw = json_rendered (post, member, "raw");

  return raw[0] != '\0' ? raw : json_rendered (post, member, "rendered");
}

/* Reads the site's post of @job as it is now (see
 * efir_publisher_fetch_site_version()). */
static EfirPageVersion *
fetch_site_version (EfirPublisher  *self,
                    gint64          job_id,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(EfirPageVersion) version = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now_kept = NULL;
  EfirWpClient *client;
  gint64 remote_id;

  if (!(job = get_job_in_conflict (self, job_id, error))
      || !(site = efir_store_get_site (self->store, job->site_id, error))
      || !(client = client_for_site (self, site, cancellable, error)))
    return NULL;

  kept = parse_site_version (job);
  if (kept == NULL || (remote_id = json_int (kept, "id")) <= 0)
    {
      g_set_error_literal (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                           _("Efir kept no version of the site’s post for this conflict."));
      return NULL;
    }

  version = g_new0 (EfirPageVersion, 1);
  if (!(post = efir_wp_client_get_post (client, remote_id, cancellable, &local_error)))
    {
      if (!g_error_matches (local_error, EFIR_WP_ERROR, EFIR_WP_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      version->title = g_strdup ("");
      version->text = g_strdup ("");
      version->editor = g_strdup ("");
      version->link = g_strdup ("");
      version->deleted = TRUE;
      if (!site_version_is_deleted (job))
        now_kept = deleted_version_json (remote_id);
    }
  else
    {
      /* The post as written, not as the theme prints it: WordPress's
       * typography (curly quotes, dashes) would differ from Efir's page on
       * every line nobody changed. */
      version->title = efir_html_to_text (post_field_text (post, "title"));
      version->text = efir_html_to_text (post_field_text (post, "content"));
      version->modified = parse_gmt (json_string (post, "modified_gmt"));
      version->link = g_strdup (json_string (post, "link"));
      if (!(version->editor = efir_wp_client_get_last_editor (client, remote_id, cancellable,
                                                              error)))
        {
          if (error != NULL && *error != NULL)
            return NULL;
          version->editor = g_strdup ("");
        }
      if (site_version_is_deleted (job)
          || !g_str_equal (json_string (kept, "modified_gmt"), json_string (post, "modified_gmt")))
        now_kept = site_version_json (remote_id, post);
    }

  /* Changed again since the conflict: an overwrite replaces what the
   * producer is shown now, not what the site had before. */
  if (now_kept != NULL)
    {
      g_free (job->site_version);
      job->site_version = g_steal_pointer (&now_kept);
      if (!efir_store_update_job (self->store, job, error))
        return NULL;
    }

  return g_steal_pointer (&version);
}

/* Looks at the posts the site should have published by now. */
static void
check_schedules (EfirPublisher *self,
                 gint64         site_id,
                 GPtrArray     *notes,
                 GCancellable  *cancellable)
{
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!(publications = efir_store_list_publications (self->store, site_id, NULL)))
    return;

  for (guint i = 0; i < publications->len; i++)
    {
      EfirPublication *publication = g_ptr_array_index (publications, i);
      g_autoptr(GDateTime) due = NULL;
      g_autoptr(EfirSite) site = NULL;
      g_autoptr(JsonObject) seen = NULL;
      EfirWpClient *client;

      if (!g_str_equal (publication->remote_status, "future")
          || !(due = parse_gmt (publication->date_gmt))
          || g_date_time_difference (now, due) < self->schedule_grace
          || !(site = efir_store_get_site (self->store, publication->site_id, NULL))
          || !(client = client_for_site (self, site, cancellable, NULL))
          || !(seen = efir_wp_client_peek_post (client, publication->remote_id, cancellable, NULL)))
        continue;

      take_post (publication, seen);
      if (g_str_equal (publication->remote_status, "future"))
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (due);
          g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

          efir_store_save_publication (self->store, publication, EFIR_EPISODE_STATUS_FAILED, 0,
                                       NULL);
          if (notes != NULL)
            g_ptr_array_add (notes,
                             g_strdup_printf (_("Episode %" PRId64 ": the site missed its "
                                                "scheduled time (%s) and has not published it. "
                                                "Publish it now."),
                                              (int64_t) publication->episode_id, when));
        }
      else
        efir_store_save_publication (self->store, publication,
                                     status_from_remote (publication->remote_status), 0, NULL);
    }
}

/* Public API ------------------------------------------------------------- */

EfirPublisher *
efir_publisher_new (EfirStore *store)
{
  EfirPublisher *self;

  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  self = g_object_new (EFIR_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);

  return self;
}

void
efir_publisher_set_timeout (EfirPublisher *self,
                            guint          seconds)
{
  g_return_if_fail (EFIR_IS_PUBLISHER (self));

  self->timeout = seconds;
}

guint
efir_publisher_count_requests (EfirPublisher *self,
                               const char    *method)
{
  GHashTableIter iter;
  gpointer client;
  guint n = 0;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), 0);

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, &client))
    n += efir_wp_client_get_n_requests (client, method);

  return n;
}

void
efir_publisher_set_retry_base (EfirPublisher *self,
                               gint64         usec)
{
  g_return_if_fail (EFIR_IS_PUBLISHER (self));

  self->retry_base = MAX (usec, 1);
}

gint64
efir_publisher_get_schedule_grace (EfirPublisher *self)
{
  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), 0);

  return self->schedule_grace;
}

void
efir_publisher_set_schedule_grace (EfirPublisher *self,
                                   gint64         usec)
{
  g_return_if_fail (EFIR_IS_PUBLISHER (self));

  self->schedule_grace = MAX (usec, 0);
}

/* Signs in to @url as @user and keeps the password in the keyring, then
 * the site in the archive: as a new one, or, with @site_id, in place of
 * the account that site was signed in as. */
static EfirSite *
sign_in_to_site (EfirPublisher  *self,
                 gint64          site_id,
                 const char     *url,
                 const char     *user,
                 const char     *password,
                 GPtrArray      *notes,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autofree char *api_root = NULL;
  g_autofree char *version = NULL;
  g_autofree char *home = NULL;
  g_autoptr(EfirWpClient) client = NULL;
  g_autoptr(EfirWpUser) account = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(EfirSite) former = NULL;
  EfirSite site = { 0 };

  if (site_id != 0 && !(former = efir_store_get_site (self->store, site_id, error)))
    return NULL;

  if (!(api_root = efir_wp_discover_api_root (url, cancellable, error))
      || !(client = efir_wp_client_new (api_root, user, password, error))
      || !(account = efir_wp_client_verify (client, cancellable, error)))
    return NULL;

  version = efir_wp_client_get_version (client, cancellable, NULL);
  home = home_from_api_root (api_root);

  site.url = home;
  site.api_root = api_root;
  site.user = (char *) user;
  site.user_name = account->name;
  site.can_publish = account->can_publish;
  site.unfiltered_html = account->unfiltered_html;
  site.wp_version = version != NULL ? version : "";

  /* The keyring first: a site in the archive without its password would
   * fail at the first publication instead of now. */
  if (!efir_site_secrets_store (site.url, user, password, cancellable, &local_error))
    {
      const char *from_environment = g_getenv (EFIR_SITE_PASSWORD_ENV);

      /* A server without a keyring signs in with the password of each
       * run: the site is recorded, the password is not. */
      if (!g_error_matches (local_error, EFIR_WP_ERROR, EFIR_WP_ERROR_KEYRING)
          || from_environment == NULL || from_environment[0] == '\0')
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (notes != NULL)
        g_ptr_array_add (notes, g_strdup_printf (_("No keyring could keep the password (%s). "
                                                   "Efir will use %s at each run instead."),
                                                 local_error->message, EFIR_SITE_PASSWORD_ENV));
    }

  if (former == NULL)
    {
      if (!(site_id = efir_store_add_site (self->store, &site, error)))
        return NULL;
    }
  else
    {
      if (!efir_store_set_site_account (self->store, site_id, &site, error))
        return NULL;
      /* The account given up keeps no password of ours. */
      if (!g_str_equal (former->user, site.user) || !g_str_equal (former->url, site.url))
        efir_site_secrets_clear (former->url, former->user, cancellable, NULL);
    }

  g_hash_table_remove (self->clients, &site_id);

  if (notes != NULL && !account->can_publish)
    g_ptr_array_add (notes, g_strdup (_("This account may not publish on the site: Efir will "
                                        "submit episodes for review instead, and an editor of "
                                        "the site publishes them.")));
  if (notes != NULL && !account->unfiltered_html)
    g_ptr_array_add (notes, g_strdup (_("The site does not let this account add scripts to a "
                                        "page, so the key moments for search engines will be "
                                        "left out of its pages.")));

  return efir_store_get_site (self->store, site_id, error);
}

EfirSite *
efir_publisher_add_site (EfirPublisher  *self,
                         const char     *url,
                         const char     *user,
                         const char     *password,
                         GPtrArray      *notes,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (url != NULL && user != NULL && password != NULL, NULL);

  return sign_in_to_site (self, 0, url, user, password, notes, cancellable, error);
}

/* What the publisher of a worker thread takes over from the caller's. */
typedef struct
{
  char   *db_path;
  guint   timeout;
  gint64  retry_base;
  gint64  schedule_grace;
} WorkerSettings;

static void
worker_settings_init (WorkerSettings *settings,
                      EfirPublisher  *self)
{
  settings->db_path = g_strdup (efir_store_get_path (self->store));
  settings->timeout = self->timeout;
  settings->retry_base = self->retry_base;
  settings->schedule_grace = self->schedule_grace;
}

/* A publisher of the worker thread's own, on a connection of its own: the
 * caller's store stays with the main thread, and SQLite's locks keep the
 * two apart. Like a command of efir-cli, it checks only the pages it
 * touches: the window's own store checks the whole file, and a run
 * reading it all would cost every run that much. */
static EfirPublisher *
worker_publisher (const WorkerSettings  *settings,
                  GError               **error)
{
  g_autoptr(EfirStore) store = NULL;
  EfirPublisher *worker;

  if (!(store = efir_store_open_full (settings->db_path, EFIR_STORE_OPEN_CHECK_TOUCHED, error)))
    return NULL;

  worker = efir_publisher_new (store);
  worker->timeout = settings->timeout;
  worker->retry_base = settings->retry_base;
  worker->schedule_grace = settings->schedule_grace;

  return worker;
}

typedef struct
{
  WorkerSettings  settings;
  char           *url;
  char           *user;
  char           *password;
  gint64          site_id;
  GPtrArray      *notes;
} SiteTaskData;

static void
site_task_data_free (SiteTaskData *data)
{
  g_free (data->settings.db_path);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    efir_site_secrets_free_password (data->password);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_free (data);
}

static SiteTaskData *
site_task_data_new (EfirPublisher *self)
{
  SiteTaskData *data = g_new0 (SiteTaskData, 1);

  worker_settings_init (&data->settings, self);

  return data;
}

static void
add_site_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SiteTaskData *data = task_data;
  g_autoptr(EfirPublisher) worker = NULL;
  EfirSite *site;
  GError *error = NULL;

  if (!(worker = worker_publisher (&data->settings, &error))
      || !(site = sign_in_to_site (worker, data->site_id, data->url, data->user, data->password,
                                   data->notes, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, site, (GDestroyNotify) efir_site_free);
}

void
efir_publisher_add_site_async (EfirPublisher       *self,
                               gint64               site_id,
                               const char          *url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SiteTaskData *data;

  g_return_if_fail (EFIR_IS_PUBLISHER (self));
  g_return_if_fail (url != NULL && user != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, efir_publisher_add_site_async);

  data = site_task_data_new (self);
  data->site_id = site_id;
  data->url = g_strdup (url);
  data->user = g_strdup (user);
  data->password = efir_site_secrets_normalise (password);
  data->notes = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) site_task_data_free);
  g_task_run_in_thread (task, add_site_thread);
}

EfirSite *
efir_publisher_add_site_finish (EfirPublisher  *self,
                                GAsyncResult   *result,
                                GPtrArray     **notes,
                                GError        **error)
{
  SiteTaskData *data;
  EfirSite *site;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!(site = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  /* The main thread's clients signed in with the password before. */
  g_hash_table_remove (self->clients, &site->id);

  data = g_task_get_task_data (G_TASK (result));
  if (notes != NULL)
    *notes = g_ptr_array_ref (data->notes);

  return site;
}

gboolean
efir_publisher_sign_out (EfirPublisher  *self,
                         gint64          site_id,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), FALSE);

  if (!(site = efir_store_get_site (self->store, site_id, error)))
    return FALSE;

  g_hash_table_remove (self->clients, &site_id);

  /* Signed out already is signed out. */
  if (!efir_site_secrets_clear (site->url, site->user, cancellable, &local_error)
      && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
efir_publisher_remove_site (EfirPublisher  *self,
                            gint64          site_id,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), FALSE);

  /* A keyring that cannot be reached keeps the site from going: its
   * password would stay behind in it, out of the producer's sight. */
  if (!efir_publisher_sign_out (self, site_id, cancellable, error))
    return FALSE;

  return efir_store_remove_site (self->store, site_id, error);
}

GPtrArray *
efir_publisher_list_categories (EfirPublisher  *self,
                                gint64          site_id,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_autoptr(EfirSite) site = NULL;
  EfirWpClient *client;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);

  if (!(site = efir_store_get_site (self->store, site_id, error))
      || !(client = client_for_site (self, site, cancellable, error)))
    return NULL;

  return efir_wp_client_list_terms (client, "categories", cancellable, error);
}

static void
list_categories_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  SiteTaskData *data = task_data;
  g_autoptr(EfirPublisher) worker = NULL;
  GPtrArray *names;
  GError *error = NULL;

  if (!(worker = worker_publisher (&data->settings, &error))
      || !(names = efir_publisher_list_categories (worker, data->site_id, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, names, (GDestroyNotify) g_ptr_array_unref);
}

void
efir_publisher_list_categories_async (EfirPublisher       *self,
                                      gint64               site_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SiteTaskData *data;

  g_return_if_fail (EFIR_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, efir_publisher_list_categories_async);

  data = site_task_data_new (self);
  data->site_id = site_id;
  g_task_set_task_data (task, data, (GDestroyNotify) site_task_data_free);
  g_task_run_in_thread (task, list_categories_thread);
}

GPtrArray *
efir_publisher_list_categories_finish (EfirPublisher  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
efir_publisher_pick_site (EfirPublisher  *self,
                          EfirEpisode    *episode,
                          GError        **error)
{
  g_autoptr(GPtrArray) sites = NULL;
  gint64 site_id = 0;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), 0);

  if (!efir_store_get_program_site (self->store, efir_episode_get_program_id (episode), &site_id,
                                    NULL, error))
    return 0;
  if (site_id > 0)
    return site_id;

  if (!(sites = efir_store_list_sites (self->store, error)))
    return 0;

  if (sites->len == 1)
    return ((EfirSite *) g_ptr_array_index (sites, 0))->id;

  g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
               sites->len == 0
                 ? _("No site is set up yet. Add the programme’s site first (efir-cli site add).")
                 : _("Several sites are set up and the programme has no default site: name "
                     "the site to publish to."));
  return 0;
}

/**
 * efir_publisher_render_page:
 * @self: a publisher
 * @episode: an episode as stored
 * @error: return location for a #GError
 *
 * The page exactly as a publication of @episode would send it to its site
 * (see efir_publisher_pick_site()), or, with no site set up, as the oldest
 * WordPress Efir supports shows it.
 *
 * Returns: (transfer full): the block markup, or %NULL with @error set
 */
char *
efir_publisher_render_page (EfirPublisher  *self,
                            EfirEpisode    *episode,
                            GError        **error)
{
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *program_key = NULL;
  gint64 site_id;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (EFIR_IS_EPISODE (episode), NULL);

  program_key = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_program_id (episode));
  if (!(program = efir_store_find_program (self->store, program_key, error)))
    return NULL;

  /* No site to say otherwise is no failure: the page is still worth a look. */
  if ((site_id = efir_publisher_pick_site (self, episode, &local_error)) > 0
      && !(site = efir_store_get_site (self->store, site_id, error)))
    return NULL;

  return render_for_site (episode, program, site);
}

gint64
efir_publisher_enqueue (EfirPublisher      *self,
                        gint64              episode_id,
                        gint64              site_id,
                        EfirPublishAction   action,
                        GDateTime          *at,
                        GError            **error)
{
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autofree char *publish_at = NULL;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), 0);
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (actions), 0);
  g_return_val_if_fail (action != EFIR_PUBLISH_SCHEDULE || at != NULL, 0);

  if (!(episode = efir_store_load_episode (self->store, episode_id, error)))
    return 0;
  if (site_id == 0 && !(site_id = efir_publisher_pick_site (self, episode, error)))
    return 0;
  if (!(site = efir_store_get_site (self->store, site_id, error)))
    return 0;

  if (action == EFIR_PUBLISH_NOW || action == EFIR_PUBLISH_SCHEDULE || action == EFIR_PUBLISH_DRAFT)
    {
      if (is_blank (efir_episode_get_title (episode)))
        {
          g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                       _("The episode has no title yet. Give it one before it goes to the site."));
          return 0;
        }
    }

  if (action == EFIR_PUBLISH_SCHEDULE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (g_date_time_compare (at, now) <= 0)
        {
          g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M %Z");

          g_set_error (error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                       _("%s has already passed. Choose a time to come, or publish now."), when);
          return 0;
        }
      publish_at = format_gmt (at);
    }

  return efir_store_enqueue_job (self->store, episode, site_id, actions[action], publish_at,
                                 error);
}

gboolean
efir_publisher_run_due (EfirPublisher  *self,
                        guint          *n_done,
                        guint          *n_stopped,
                        GCancellable   *cancellable,
                        GError        **error)
{
  guint done = 0;
  guint stopped = 0;
  gint64 pid = getpid ();
  /* Only what is due now: a job that failed and was put off is not taken
   * again in the same run, however short its wait. */
  gint64 start = g_get_real_time ();

  prefetch_peeks (self, start, cancellable);

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), FALSE);

  for (;;)
    {
      g_autoptr(EfirOutboxJob) job = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (!(job = efir_store_claim_job (self->store, start, pid, runner_alive,
                                        &local_error)))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }

      if (!run_job (self, job, &done, &stopped, cancellable, error))
        return FALSE;
    }

  check_schedules (self, 0, NULL, cancellable);

  if (n_done != NULL)
    *n_done = done;
  if (n_stopped != NULL)
    *n_stopped = stopped;

  return TRUE;
}

typedef struct
{
  WorkerSettings settings;
  guint          n_done;
  guint          n_stopped;
} RunDueData;

static void
run_due_data_free (RunDueData *data)
{
  g_free (data->settings.db_path);
  g_free (data);
}

static void
run_due_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunDueData *data = task_data;
  g_autoptr(EfirPublisher) worker = NULL;
  GError *error = NULL;

  if (!(worker = worker_publisher (&data->settings, &error))
      || !efir_publisher_run_due (worker, &data->n_done, &data->n_stopped, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * efir_publisher_run_due_async:
 * @self: a publisher
 * @cancellable: (nullable): stops the run between two requests
 * @callback: called on the caller's main context when the run ends
 * @user_data: for @callback
 *
 * Runs efir_publisher_run_due() in a worker thread with a connection of its
 * own, for the window: nothing of it waits on the main thread. The jobs'
 * progress is in the archive (efir_store_list_jobs()) as it goes.
 */
void
efir_publisher_run_due_async (EfirPublisher       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunDueData *data;

  g_return_if_fail (EFIR_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, efir_publisher_run_due_async);

  data = g_new0 (RunDueData, 1);
  worker_settings_init (&data->settings, self);
  g_task_set_task_data (task, data, (GDestroyNotify) run_due_data_free);
  g_task_run_in_thread (task, run_due_thread);
}

gboolean
efir_publisher_run_due_finish (EfirPublisher  *self,
                               GAsyncResult   *result,
                               guint          *n_done,
                               guint          *n_stopped,
                               GError        **error)
{
  RunDueData *data;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_done != NULL)
    *n_done = data->n_done;
  if (n_stopped != NULL)
    *n_stopped = data->n_stopped;

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
efir_publisher_resolve (EfirPublisher   *self,
                        gint64           job_id,
                        EfirResolution   resolution,
                        GError         **error)
{
  g_autoptr(EfirOutboxJob) job = NULL;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), FALSE);

  if (!(job = get_job_in_conflict (self, job_id, error)))
    return FALSE;

  g_free (job->resolution);
  g_clear_pointer (&job->error_code, g_free);
  g_clear_pointer (&job->last_error, g_free);

  if (resolution == EFIR_RESOLVE_KEEP_SITE)
    {
      g_autoptr(EfirPublication) publication = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local_error = NULL;

      /* The site's version stays: Efir now takes it as the one it saw, so
       * the next publication is compared with it, and marks the episode as
       * different from the site. */
      if (!(publication = efir_store_get_publication (self->store, job->episode_id, job->site_id,
                                                      &local_error)))
        {
          if (local_error == NULL)
            g_set_error (&local_error, EFIR_WP_ERROR, EFIR_WP_ERROR_INVALID,
                         _("This episode is not on the site."));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (site_version_is_deleted (job))
        forget_remote_post (publication);
      else if (json_parser_load_from_data (parser, job->site_version, -1, NULL))
        {
          g_free (publication->modified_gmt);
          publication->modified_gmt
            = g_strdup (json_string (json_node_get_object (json_parser_get_root (parser)),
                                     "modified_gmt"));
        }
      publication->diverged = TRUE;
      job->resolution = g_strdup ("keep-site");
      if (!efir_store_update_job (self->store, job, error))
        return FALSE;

      return efir_store_save_publication (self->store, publication,
                                          status_from_remote (publication->remote_status),
                                          job->id, error);
    }

  job->resolution = g_strdup (resolution == EFIR_RESOLVE_OVERWRITE ? "overwrite" : "as-new-draft");
  job->state = EFIR_JOB_QUEUED;
  job->next_attempt_at = g_get_real_time ();

  return efir_store_update_job (self->store, job, error);
}

void
efir_page_version_free (EfirPageVersion *version)
{
  if (version == NULL)
    return;

  g_free (version->title);
  g_free (version->text);
  g_free (version->editor);
  g_clear_pointer (&version->modified, g_date_time_unref);
  g_free (version->link);
  g_free (version);
}

EfirPageVersion *
efir_publisher_fetch_site_version (EfirPublisher  *self,
                                   gint64          job_id,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);

  return fetch_site_version (self, job_id, cancellable, error);
}

typedef struct
{
  WorkerSettings settings;
  gint64         job_id;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->settings.db_path);
  g_free (data);
}

static void
fetch_site_version_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  FetchData *data = task_data;
  g_autoptr(EfirPublisher) worker = NULL;
  EfirPageVersion *version = NULL;
  GError *error = NULL;

  if (!(worker = worker_publisher (&data->settings, &error))
      || !(version = fetch_site_version (worker, data->job_id, cancellable, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, version, (GDestroyNotify) efir_page_version_free);
}

/**
 * efir_publisher_fetch_site_version_async:
 *
 * efir_publisher_fetch_site_version() in a worker thread, for the window.
 */
void
efir_publisher_fetch_site_version_async (EfirPublisher       *self,
                                         gint64               job_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (EFIR_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, efir_publisher_fetch_site_version_async);

  data = g_new0 (FetchData, 1);
  worker_settings_init (&data->settings, self);
  data->job_id = job_id;
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_site_version_thread);
}

EfirPageVersion *
efir_publisher_fetch_site_version_finish (EfirPublisher  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * efir_publisher_get_efir_version:
 * @self: a publisher
 * @job_id: a job in conflict
 * @error: return location for a #GError
 *
 * Efir's side of a conflict: the page the job sends (its revision, which
 * edits made since do not change), as the site would get it.
 *
 * Returns: (transfer full): the version, or %NULL with @error set
 */
EfirPageVersion *
efir_publisher_get_efir_version (EfirPublisher  *self,
                                 gint64          job_id,
                                 GError        **error)
{
  g_autoptr(EfirOutboxJob) job = NULL;
  g_autoptr(EfirEpisode) episode = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirSite) site = NULL;
  g_autofree char *program_key = NULL;
  g_autofree char *html = NULL;
  EfirPageVersion *version;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), NULL);

  if (!(job = efir_store_get_job (self->store, job_id, error))
      || !(episode = efir_store_load_revision (self->store, job->revision_id, error))
      || !(site = efir_store_get_site (self->store, job->site_id, error)))
    return NULL;

  program_key = g_strdup_printf ("%" G_GINT64_FORMAT, efir_episode_get_program_id (episode));
  if (!(program = efir_store_find_program (self->store, program_key, error)))
    return NULL;

  html = render_for_site (episode, program, site);
  version = g_new0 (EfirPageVersion, 1);
  version->title = g_strdup (efir_episode_get_title (episode));
  version->text = efir_html_to_text (html);
  version->editor = g_strdup ("");
  version->link = g_strdup ("");

  return version;
}

gboolean
efir_publisher_pull (EfirPublisher  *self,
                     gint64          site_id,
                     guint          *n_linked,
                     GPtrArray      *notes,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(EfirSite) site = NULL;
  EfirWpClient *client;
  guint total_pages = 1;
  guint linked = 0;

  g_return_val_if_fail (EFIR_IS_PUBLISHER (self), FALSE);

  if (!(site = efir_store_get_site (self->store, site_id, error))
      || !(client = client_for_site (self, site, cancellable, error)))
    return FALSE;

  for (guint page = 1; page <= total_pages; page++)
    {
      g_autoptr(JsonArray) posts = NULL;

      if (!(posts = efir_wp_client_list_posts (client, page, 100, &total_pages, cancellable, error)))
        return FALSE;

      for (guint i = 0; i < json_array_get_length (posts); i++)
        {
          JsonObject *post = json_array_get_object_element (posts, i);
          const char *content = json_rendered (post, "content", "raw");
          const char *marker = strstr (content, "efir-episode-");
          g_autofree char *uuid = NULL;
          g_autoptr(EfirPublication) publication = NULL;
          g_autoptr(GError) local_error = NULL;
          gint64 episode_id = 0;

          if (marker != NULL)
            {
              uuid = g_strndup (marker + strlen ("efir-episode-"), 36);
              if (!g_uuid_string_is_valid (uuid))
                continue;
              if (!efir_store_find_episode_by_uuid (self->store, uuid, &episode_id, error))
                return FALSE;
            }
          /* A post made before Efir marked its pages: its slug names the
           * episode when only one has it. */
          else if (!efir_store_find_episode_by_slug (self->store, json_string (post, "slug"),
                                                     site_id, &episode_id, error))
            return FALSE;

          if (episode_id == 0)
            continue;

          if (!(publication = efir_store_get_publication (self->store, episode_id, site_id,
                                                          &local_error)))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              publication = efir_publication_new (episode_id, site_id);
            }

          /* The post Efir already follows wins over another one carrying
           * the same marker (a draft saved beside it in a conflict). */
          if (publication->remote_id > 0 && publication->remote_id != json_int (post, "id"))
            continue;

          if (publication->remote_id == 0)
            {
              linked++;
              if (notes != NULL)
                g_ptr_array_add (notes, g_strdup_printf (_("Episode %" PRId64 " is post %" PRId64
                                                           " on the site: %s"),
                                                         (int64_t) episode_id,
                                                         (int64_t) json_int (post, "id"),
                                                         json_string (post, "link")));
            }
          take_post (publication, post);
          if (!efir_store_save_publication (self->store, publication,
                                            status_from_remote (publication->remote_status), 0,
                                            error))
            return FALSE;
        }
    }

  check_schedules (self, site_id, notes, cancellable);

  if (n_linked != NULL)
    *n_linked = linked;

  return TRUE;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_publisher_dispose (GObject *object)
{
  EfirPublisher *self = (EfirPublisher *) object;

  g_clear_pointer (&self->peeks, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_publisher_parent_class)->dispose (object);
}

static void
efir_publisher_class_init (EfirPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_publisher_dispose;
}

static void
efir_publisher_init (EfirPublisher *self)
{
  self->clients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->peeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) json_object_unref);
  self->retry_base = RETRY_BASE_USEC;
  self->schedule_grace = MISSED_SCHEDULE_GRACE_USEC;
}
