/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-list"

#include "config.h"

#include <string.h>

#include "efir-episode-list.h"
#include "efir-store-private.h"

/* Types and properties --------------------------------------------------- */

/* Episodes read in one query when a view asks for one of them: a screen of
 * rows and some. The pages read last are kept, so that scrolling back and
 * forth does not read the same rows again; older ones are dropped, and
 * their episodes with them unless a row on screen still holds them.
 */
#define PAGE_SIZE 64u
#define MAX_PAGES 8u

struct _EfirEpisodeList
{
  GObject     parent_instance;

  EfirStore  *store;
  gint64      program_id;
  int         status;
  gboolean    oldest_first;

  GArray     *ids;        /* gint64, in the order shown */
  guint       n_all;
  GHashTable *alive;      /* episode id -> EfirEpisode, weakly: every
                           * episode of this list somebody holds */
  GHashTable *pages;      /* page number -> GPtrArray of its episodes */
  GQueue      recent;     /* page numbers, the last read first */
  gboolean    failing;    /* the last read failed, and said so */
  GPtrArray  *failed_page; /* the last page whose reading failed, kept
                             * for the caller that asked for it, not for
                             * the next */
};

enum {
  READ_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void efir_episode_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfirEpisodeList, efir_episode_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, efir_episode_list_model_init))

/* Helpers ---------------------------------------------------------------- */

static void
on_episode_finalized_cb (gpointer  data,
                         GObject  *where_the_object_was)
{
  EfirEpisodeList *self = data;
  GHashTableIter iter;
  gpointer episode;

  /* The object is past dispose, so its id is not asked for: the table is
   * searched for the pointer itself. */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &episode))
    if (episode == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}

static void
forget_alive (EfirEpisodeList *self)
{
  GHashTableIter iter;
  gpointer episode;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &episode))
    {
      g_object_weak_unref (episode, on_episode_finalized_cb, self);
      g_hash_table_iter_remove (&iter);
    }
}

static void
drop_pages (EfirEpisodeList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
remember (EfirEpisodeList *self,
          EfirEpisode     *episode)
{
  gint64 *id = g_new (gint64, 1);

  *id = efir_episode_get_id (episode);
  g_object_weak_ref (G_OBJECT (episode), on_episode_finalized_cb, self);
  g_hash_table_insert (self->alive, id, episode);
}

/* An episode deleted since the ids were read (by efir-cli, say) still
 * needs a row until the next refresh: an empty one that opens to "not in
 * the archive". */
static EfirEpisode *
placeholder_new (EfirEpisodeList *self,
                 gint64           episode_id)
{
  EfirEpisode *episode = efir_episode_new ();

  efir_episode_set_id (episode, episode_id);
  efir_episode_set_program_id (episode, self->program_id);
  return episode;
}

/* The episodes of @page: those read, and where reading failed (@error
 * set), placeholders that are not kept, so that the next look reads them
 * again. */
static GPtrArray *
read_page (EfirEpisodeList  *self,
           guint             page,
           GError          **error)
{
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) loaded = NULL;
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);
  const gint64 *ids = &g_array_index (self->ids, gint64, first);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (self->alive, &ids[i]))
      g_array_append_val (missing, ids[i]);

  if (missing->len > 0
      && !(loaded = efir_store_load_light_episodes (self->store, (const gint64 *) (gpointer) missing->data,
                                                    missing->len, error)))
    {
      for (guint i = 0; i < n; i++)
        {
          EfirEpisode *episode = g_hash_table_lookup (self->alive, &ids[i]);

          g_ptr_array_add (items, episode != NULL ? g_object_ref (episode)
                                                  : placeholder_new (self, ids[i]));
        }
      return items;
    }

  for (guint i = 0, next_loaded = 0; i < n; i++)
    {
      EfirEpisode *episode = g_hash_table_lookup (self->alive, &ids[i]);

      if (episode != NULL)
        {
          g_ptr_array_add (items, g_object_ref (episode));
          continue;
        }

      episode = loaded != NULL ? g_ptr_array_index (loaded, next_loaded) : NULL;
      next_loaded++;
      episode = episode != NULL ? g_object_ref (episode) : placeholder_new (self, ids[i]);
      remember (self, episode);
      g_ptr_array_add (items, episode);
    }

  return items;
}

static GPtrArray *
ensure_page (EfirEpisodeList *self,
             guint            page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  g_autoptr(GError) error = NULL;

  if (items != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return items;
    }

  items = read_page (self, page, &error);
  if (error != NULL)
    {
      /* Said once, not for every row the view asks for; the page is not
       * kept, so the rows are read again when next shown. */
      if (!self->failing)
        {
          self->failing = TRUE;
          g_signal_emit (self, signals[READ_FAILED], 0, error);
        }
      g_clear_pointer (&self->failed_page, g_ptr_array_unref);
      self->failed_page = items;
      return items;
    }

  self->failing = FALSE;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));

  return items;
}

static gboolean
ids_equal (const gint64 *a,
           const gint64 *b,
           guint         n)
{
  return n == 0 || memcmp (a, b, n * sizeof (gint64)) == 0;
}

/* Puts @ids in place of the list's and says what changed: the span between
 * the unchanged start and end, or, when one episode moved (its air date
 * changed), its removal and its insertion. A selection model looks for its
 * selected item among the items a change adds; announced as one change
 * from the top of the list to its end, a move would have it read every
 * episode in between. */
static void
replace_ids (EfirEpisodeList *self,
             GArray          *ids)
{
  g_autoptr(GArray) old = self->ids;
  const gint64 *a = (const gint64 *) (gpointer) old->data;
  const gint64 *b = (const gint64 *) (gpointer) ids->data;
  guint prefix = 0, suffix = 0, removed, added;

  while (prefix < old->len && prefix < ids->len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < ids->len - prefix
         && a[old->len - 1 - suffix] == b[ids->len - 1 - suffix])
    suffix++;
  removed = old->len - prefix - suffix;
  added = ids->len - prefix - suffix;

  if (removed == 0 && added == 0)
    {
      self->ids = g_array_ref (ids);
      return;
    }

  drop_pages (self);

  if (removed == added && removed >= 2)
    {
      const gint64 *from = a + prefix, *to = b + prefix;
      guint k = removed;
      gboolean moved_down = from[0] == to[k - 1] && ids_equal (from + 1, to, k - 1);
      gboolean moved_up = from[k - 1] == to[0] && ids_equal (from, to + 1, k - 1);

      if (moved_down || moved_up)
        {
          guint leave = moved_down ? prefix : prefix + k - 1;
          guint arrive = moved_down ? prefix + k - 1 : prefix;

          /* In between, the list is the old one without the episode. */
          self->ids = g_array_copy (old);
          g_array_remove_index (self->ids, leave);
          g_list_model_items_changed (G_LIST_MODEL (self), leave, 1, 0);
          g_array_unref (self->ids);
          self->ids = g_array_ref (ids);
          g_list_model_items_changed (G_LIST_MODEL (self), arrive, 0, 1);
          return;
        }
    }

  self->ids = g_array_ref (ids);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

static gboolean
read_ids (EfirEpisodeList  *self,
          GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  guint n_all = 0;

  if (self->program_id == 0)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  else if (!(ids = efir_store_list_episode_ids (self->store, self->program_id, self->status,
                                                self->oldest_first, &n_all, error)))
    return FALSE;

  self->n_all = n_all;
  replace_ids (self, ids);
  return TRUE;
}

/* GListModel ------------------------------------------------------------- */

static GType
efir_episode_list_get_item_type (GListModel *model)
{
  return EFIR_TYPE_EPISODE;
}

static guint
efir_episode_list_get_n_items (GListModel *model)
{
  return EFIR_EPISODE_LIST (model)->ids->len;
}

static gpointer
efir_episode_list_get_item (GListModel *model,
                            guint       position)
{
  EfirEpisodeList *self = EFIR_EPISODE_LIST (model);
  GPtrArray *page;

  if (position >= self->ids->len)
    return NULL;

  page = ensure_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (page, position % PAGE_SIZE));
}

static void
efir_episode_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = efir_episode_list_get_item_type;
  iface->get_n_items = efir_episode_list_get_n_items;
  iface->get_item = efir_episode_list_get_item;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_episode_list_new:
 * @store: the store to read from
 *
 * Returns: (transfer full): an empty list; efir_episode_list_set_query()
 *   fills it
 */
EfirEpisodeList *
efir_episode_list_new (EfirStore *store)
{
  EfirEpisodeList *self;

  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  self = g_object_new (EFIR_TYPE_EPISODE_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

gboolean
efir_episode_list_set_query (EfirEpisodeList  *self,
                             gint64            program_id,
                             int               status,
                             gboolean          oldest_first,
                             GError          **error)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), FALSE);
  g_return_val_if_fail (program_id >= 0, FALSE);
  g_return_val_if_fail (status >= EFIR_EPISODE_LIST_ANY_STATUS && status <= EFIR_EPISODE_STATUS_FAILED,
                        FALSE);

  self->program_id = program_id;
  self->status = status;
  self->oldest_first = oldest_first;
  return read_ids (self, error);
}

gint64
efir_episode_list_get_program_id (EfirEpisodeList *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), 0);

  return self->program_id;
}

guint
efir_episode_list_get_n_all (EfirEpisodeList *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), 0);

  return self->n_all;
}

gboolean
efir_episode_list_refresh (EfirEpisodeList  *self,
                           GError          **error)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), FALSE);

  return read_ids (self, error);
}

gboolean
efir_episode_list_reload (EfirEpisodeList  *self,
                          GError          **error)
{
  guint n;

  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), FALSE);

  if (!read_ids (self, error))
    return FALSE;

  /* The objects held now keep what they showed; the rows get new ones. */
  forget_alive (self);
  drop_pages (self);
  n = self->ids->len;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
  return TRUE;
}

gboolean
efir_episode_list_find (EfirEpisodeList *self,
                        gint64           episode_id,
                        guint           *position)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == episode_id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

EfirEpisode *
efir_episode_list_lookup (EfirEpisodeList *self,
                          gint64           episode_id)
{
  guint position;

  g_return_val_if_fail (EFIR_IS_EPISODE_LIST (self), NULL);

  if (!efir_episode_list_find (self, episode_id, &position))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self), position);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_episode_list_dispose (GObject *object)
{
  EfirEpisodeList *self = EFIR_EPISODE_LIST (object);

  drop_pages (self);
  forget_alive (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_episode_list_parent_class)->dispose (object);
}

static void
efir_episode_list_finalize (GObject *object)
{
  EfirEpisodeList *self = EFIR_EPISODE_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->failed_page, g_ptr_array_unref);

  G_OBJECT_CLASS (efir_episode_list_parent_class)->finalize (object);
}

static void
efir_episode_list_class_init (EfirEpisodeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_episode_list_dispose;
  object_class->finalize = efir_episode_list_finalize;

  /**
   * EfirEpisodeList::read-failed:
   * @error: why
   *
   * Rows of the list could not be read from the archive: they show empty
   * until they are read again. Emitted once until a read succeeds.
   */
  signals[READ_FAILED] =
    g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
efir_episode_list_init (EfirEpisodeList *self)
{
  self->status = EFIR_EPISODE_LIST_ANY_STATUS;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}
