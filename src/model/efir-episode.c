/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode"

#include "config.h"

#include <string.h>

#include "efir-episode.h"
#include "efir-episode-guest.h"
#include "efir-model-private.h"
#include "efir-quote.h"
#include "efir-segment.h"
#include "efir-social-link.h"

/* Types and properties --------------------------------------------------- */

enum {
  LIST_GUESTS,
  LIST_QUOTES,
  LIST_TRANSCRIPT,
  LIST_SOCIAL_LINKS,
  N_LISTS
};

/* One list part of the episode. GListStore reports removals only after the
 * items are gone, so @items mirrors the store, holding its own reference to
 * each item: that is how we know which items to stop watching.
 */
typedef struct
{
  /* Borrowed */
  EfirEpisode     *episode;

  /* Owned */
  GListStore      *store;
  GPtrArray       *items;

  EfirEpisodePart  part;
} EpisodeList;

struct _EfirEpisode
{
  GObject parent_instance;

  /* Owned */
  gint64              id;
  gint64              program_id;
  char               *program_name;
  int                 number;
  char               *title;
  GDateTime          *air_date;
  char               *video_url;
  int                 duration;
  char               *slug;
  char               *image;
  char               *uuid;
  gint64              save_count;
  char               *summary;
  char              **tags;
  EfirEpisodeStatus   status;

  EpisodeList         lists[N_LISTS];

  guint               freeze_count;
  EfirEpisodePart     pending_parts;
};

G_DEFINE_FINAL_TYPE (EfirEpisode, efir_episode, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROGRAM_ID,
  PROP_PROGRAM_NAME,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_AIR_DATE,
  PROP_VIDEO_URL,
  PROP_DURATION,
  PROP_SLUG,
  PROP_IMAGE,
  PROP_UUID,
  PROP_SUMMARY,
  PROP_TAGS,
  PROP_STATUS,
  PROP_GUESTS,
  PROP_QUOTES,
  PROP_TRANSCRIPT,
  PROP_SOCIAL_LINKS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint notify_signal_id;

/* Helpers ---------------------------------------------------------------- */

static void
mark_changed (EfirEpisode     *self,
              EfirEpisodePart  parts)
{
  if (self->freeze_count > 0)
    {
      self->pending_parts |= parts;
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0, parts);
}

static void
details_changed (EfirEpisode *self,
                 guint        prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  mark_changed (self, EFIR_EPISODE_PART_DETAILS);
}

static void
set_string_property (EfirEpisode  *self,
                     char        **field,
                     const char   *value,
                     guint         prop_id)
{
  if (efir_model_set_string (field, value))
    details_changed (self, prop_id);
}

/* The offset is part of the value: the page prints the local time of the
 * broadcast, so 20:00+04:00 and 16:00Z are different air dates to a producer.
 */
static gboolean
air_date_equal (GDateTime *a,
                GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b) &&
         g_date_time_get_utc_offset (a) == g_date_time_get_utc_offset (b);
}

static gboolean
items_equal (guint    kind,
             gpointer a,
             gpointer b)
{
  switch (kind)
    {
    case LIST_GUESTS:
      return efir_episode_guest_equal (a, b);
    case LIST_QUOTES:
      return efir_quote_equal (a, b);
    case LIST_TRANSCRIPT:
      return efir_segment_equal (a, b);
    case LIST_SOCIAL_LINKS:
      return efir_social_link_equal (a, b);
    default:
      g_assert_not_reached ();
    }
}

static gpointer
item_copy (guint    kind,
           gpointer item)
{
  switch (kind)
    {
    case LIST_GUESTS:
      return efir_episode_guest_copy (item);
    case LIST_QUOTES:
      return efir_quote_copy (item);
    case LIST_TRANSCRIPT:
      return efir_segment_copy (item);
    case LIST_SOCIAL_LINKS:
      return efir_social_link_copy (item);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
lists_equal (guint        kind,
             EpisodeList *a,
             EpisodeList *b)
{
  if (a->items->len != b->items->len)
    return FALSE;

  for (guint i = 0; i < a->items->len; i++)
    {
      if (!items_equal (kind, g_ptr_array_index (a->items, i), g_ptr_array_index (b->items, i)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
details_equal (EfirEpisode *a,
               EfirEpisode *b)
{
  return a->program_id == b->program_id &&
         g_strcmp0 (a->program_name, b->program_name) == 0 &&
         a->number == b->number &&
         g_strcmp0 (a->title, b->title) == 0 &&
         air_date_equal (a->air_date, b->air_date) &&
         g_strcmp0 (a->video_url, b->video_url) == 0 &&
         a->duration == b->duration &&
         g_strcmp0 (a->slug, b->slug) == 0 &&
         g_strcmp0 (a->image, b->image) == 0 &&
         g_strcmp0 (a->summary, b->summary) == 0 &&
         g_strv_equal (efir_model_strv (a->tags), efir_model_strv (b->tags)) &&
         a->status == b->status;
}

static void list_item_notified_cb (GObject     *item,
                                   GParamSpec  *pspec,
                                   EpisodeList *list);

/* One handler per item: a single closure shared by all of them would be
 * cheaper still, but a GClosure counts only 255 invalidation notifiers and
 * a transcript has thousands of segments.
 */
static void
watch_item (EpisodeList *list,
            GObject     *item)
{
  g_signal_connect (item, "notify", G_CALLBACK (list_item_notified_cb), list);
}

/* Disconnects a single handler, so an item that sits twice in a list is still
 * watched after one of its places is removed.
 */
static void
unwatch_item (EpisodeList *list,
              GObject     *item)
{
  gulong handler_id;

  handler_id = g_signal_handler_find (item,
                                      G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA,
                                      notify_signal_id, 0, NULL,
                                      list_item_notified_cb, list);
  if (handler_id != 0)
    g_signal_handler_disconnect (item, handler_id);
}

/* Replaces the content of @list with copies of the items of @from, in one
 * splice so listeners see a single change.
 */
static void
replace_list (guint        kind,
              EpisodeList *list,
              EpisodeList *from)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_full (from->items->len, g_object_unref);

  for (guint i = 0; i < from->items->len; i++)
    g_ptr_array_add (copies, item_copy (kind, g_ptr_array_index (from->items, i)));

  g_list_store_splice (list->store, 0, list->items->len, copies->pdata, copies->len);
}

/* Callbacks -------------------------------------------------------------- */

static void
list_item_notified_cb (GObject     *item,
                       GParamSpec  *pspec,
                       EpisodeList *list)
{
  mark_changed (list->episode, list->part);
}

static void
list_items_changed_cb (GListModel  *model,
                       guint        position,
                       guint        removed,
                       guint        added,
                       EpisodeList *list)
{
  guint old_len = list->items->len;

  g_return_if_fail (position + removed <= old_len);

  for (guint i = 0; i < removed; i++)
    unwatch_item (list, g_ptr_array_index (list->items, position + i));
  g_ptr_array_remove_range (list->items, position, removed);

  if (added > 0)
    {
      guint len = list->items->len;

      /* Open a gap at @position and fill it, rather than inserting one by one:
       * replacing a transcript adds thousands of items at once.
       */
      g_ptr_array_set_size (list->items, len + added);
      memmove (&list->items->pdata[position + added],
               &list->items->pdata[position],
               (len - position) * sizeof (gpointer));

      for (guint i = 0; i < added; i++)
        {
          GObject *item = g_list_model_get_item (model, position + i);

          watch_item (list, item);
          list->items->pdata[position + i] = item;
        }
    }

  if (removed > 0 || added > 0)
    mark_changed (list->episode, list->part);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_episode_new:
 *
 * Returns: (transfer full): an empty draft, not stored yet (id 0)
 */
EfirEpisode *
efir_episode_new (void)
{
  return g_object_new (EFIR_TYPE_EPISODE, NULL);
}

gint64
efir_episode_get_id (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), 0);

  return self->id;
}

/**
 * efir_episode_set_id:
 * @self: an episode
 * @id: the database id, or 0 while not stored
 *
 * The id is not content: setting it notifies "id" but does not emit
 * EfirEpisode::changed.
 */
void
efir_episode_set_id (EfirEpisode *self,
                     gint64       id)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
efir_episode_get_program_id (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), 0);

  return self->program_id;
}

void
efir_episode_set_program_id (EfirEpisode *self,
                             gint64       program_id)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail (program_id >= 0);

  if (self->program_id == program_id)
    return;

  self->program_id = program_id;
  details_changed (self, PROP_PROGRAM_ID);
}

/**
 * efir_episode_get_program_name:
 * @self: an episode
 *
 * Returns: the name of the episode's programme, kept with the episode for
 *   display and for episode files
 */
const char *
efir_episode_get_program_name (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->program_name);
}

void
efir_episode_set_program_name (EfirEpisode *self,
                               const char  *program_name)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  set_string_property (self, &self->program_name, program_name, PROP_PROGRAM_NAME);
}

/**
 * efir_episode_get_number:
 * @self: an episode
 *
 * Returns: the episode's number within its programme, or 0 when it has none
 */
int
efir_episode_get_number (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), 0);

  return self->number;
}

void
efir_episode_set_number (EfirEpisode *self,
                         int          number)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail (number >= 0);

  if (self->number == number)
    return;

  self->number = number;
  details_changed (self, PROP_NUMBER);
}

const char *
efir_episode_get_title (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->title);
}

void
efir_episode_set_title (EfirEpisode *self,
                        const char  *title)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  set_string_property (self, &self->title, title, PROP_TITLE);
}

/**
 * efir_episode_get_air_date:
 * @self: an episode
 *
 * Returns: (transfer none) (nullable): when the episode airs, in the zone it
 *   was given in, or %NULL when not known yet
 */
GDateTime *
efir_episode_get_air_date (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return self->air_date;
}

/**
 * efir_episode_set_air_date:
 * @self: an episode
 * @air_date: (nullable): when the episode airs
 *
 * Two dates are the same when they name the same instant with the same UTC
 * offset; setting such a date again is not a change.
 */
void
efir_episode_set_air_date (EfirEpisode *self,
                           GDateTime   *air_date)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  if (air_date_equal (self->air_date, air_date))
    return;

  g_clear_pointer (&self->air_date, g_date_time_unref);
  if (air_date != NULL)
    self->air_date = g_date_time_ref (air_date);

  details_changed (self, PROP_AIR_DATE);
}

const char *
efir_episode_get_video_url (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->video_url);
}

void
efir_episode_set_video_url (EfirEpisode *self,
                            const char  *video_url)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  set_string_property (self, &self->video_url, video_url, PROP_VIDEO_URL);
}

/**
 * efir_episode_get_duration:
 * @self: an episode
 *
 * Returns: the length of the video in seconds, or 0 when not known
 */
int
efir_episode_get_duration (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), 0);

  return self->duration;
}

void
efir_episode_set_duration (EfirEpisode *self,
                           int          duration)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail (duration >= 0);

  if (self->duration == duration)
    return;

  self->duration = duration;
  details_changed (self, PROP_DURATION);
}

/**
 * efir_episode_get_slug:
 * @self: an episode
 *
 * Returns: the last part of the page's address chosen by the producer, or ""
 *   to have one made from the title
 */
const char *
efir_episode_get_slug (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->slug);
}

void
efir_episode_set_slug (EfirEpisode *self,
                       const char  *slug)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  set_string_property (self, &self->slug, slug, PROP_SLUG);
}

/**
 * efir_episode_get_image:
 * @self: an episode
 *
 * Returns: the path of the local picture that becomes the page's featured
 *   image, or "" for none
 */
const char *
efir_episode_get_image (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->image);
}

void
efir_episode_set_image (EfirEpisode *self,
                        const char  *image)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  set_string_property (self, &self->image, image, PROP_IMAGE);
}

/**
 * efir_episode_get_uuid:
 * @self: an episode
 *
 * Returns: the episode's stable id, which marks its post on the site and
 *   survives export and import, or "" before it is first saved
 */
const char *
efir_episode_get_uuid (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->uuid);
}

/**
 * efir_episode_set_uuid:
 * @self: an episode
 * @uuid: (nullable): the stable id
 *
 * Like the id, the uuid is not content: setting it notifies "uuid" but does
 * not emit EfirEpisode::changed.
 */
void
efir_episode_set_uuid (EfirEpisode *self,
                       const char  *uuid)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  if (uuid != NULL && uuid[0] == '\0')
    uuid = NULL;

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

/**
 * efir_episode_get_save_count:
 * @self: an episode
 *
 * Returns: how many saves the stored episode had when this copy was read
 *   or last saved, 0 when it is not known
 */
gint64
efir_episode_get_save_count (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), 0);

  return self->save_count;
}

/**
 * efir_episode_set_save_count:
 * @self: an episode
 * @save_count: the stored episode's save count
 *
 * The store sets it on load and save, and refuses a save when the stored
 * episode has been saved since (by another process): like the id it is
 * not content, and neither notifies nor emits EfirEpisode::changed.
 */
void
efir_episode_set_save_count (EfirEpisode *self,
                             gint64       save_count)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  self->save_count = save_count;
}

/**
 * efir_episode_get_summary:
 * @self: an episode
 *
 * Returns: the page's text, in Markdown
 */
const char *
efir_episode_get_summary (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return EFIR_MODEL_STRING (self->summary);
}

void
efir_episode_set_summary (EfirEpisode *self,
                          const char  *summary)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  set_string_property (self, &self->summary, summary, PROP_SUMMARY);
}

/**
 * efir_episode_get_tags:
 * @self: an episode
 *
 * Returns: (transfer none): the page's tags, never %NULL
 */
const char * const *
efir_episode_get_tags (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return efir_model_strv (self->tags);
}

void
efir_episode_set_tags (EfirEpisode        *self,
                       const char * const *tags)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  if (efir_model_set_strv (&self->tags, tags))
    details_changed (self, PROP_TAGS);
}

EfirEpisodeStatus
efir_episode_get_status (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), EFIR_EPISODE_STATUS_DRAFT);

  return self->status;
}

void
efir_episode_set_status (EfirEpisode       *self,
                         EfirEpisodeStatus  status)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail ((guint) status <= EFIR_EPISODE_STATUS_FAILED);

  if (self->status == status)
    return;

  self->status = status;
  details_changed (self, PROP_STATUS);
}

/**
 * efir_episode_get_guests:
 * @self: an episode
 *
 * Returns: (transfer none): the guests in billing order, as
 *   #EfirEpisodeGuest items; edit the store to change them
 */
GListStore *
efir_episode_get_guests (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return self->lists[LIST_GUESTS].store;
}

/**
 * efir_episode_get_quotes:
 * @self: an episode
 *
 * Returns: (transfer none): the quotes in page order, as #EfirQuote items
 */
GListStore *
efir_episode_get_quotes (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return self->lists[LIST_QUOTES].store;
}

/**
 * efir_episode_get_transcript:
 * @self: an episode
 *
 * Returns: (transfer none): the transcript, as #EfirSegment items
 */
GListStore *
efir_episode_get_transcript (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return self->lists[LIST_TRANSCRIPT].store;
}

/**
 * efir_episode_get_social_links:
 * @self: an episode
 *
 * Returns: (transfer none): where the episode was shared, as
 *   #EfirSocialLink items
 */
GListStore *
efir_episode_get_social_links (EfirEpisode *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  return self->lists[LIST_SOCIAL_LINKS].store;
}

/**
 * efir_episode_set_transcript:
 * @self: an episode
 * @segments: (nullable) (element-type EfirSegment): the new transcript
 *
 * Replaces the whole transcript in one splice, so list views and the
 * autosaver see one change. The episode holds @segments' items themselves,
 * not copies.
 */
void
efir_episode_set_transcript (EfirEpisode *self,
                             GPtrArray   *segments)
{
  EpisodeList *list;
  guint n_segments;

  g_return_if_fail (EFIR_IS_EPISODE (self));

  list = &self->lists[LIST_TRANSCRIPT];
  n_segments = segments != NULL ? segments->len : 0;

  if (list->items->len == 0 && n_segments == 0)
    return;

  g_list_store_splice (list->store, 0, list->items->len,
                       segments != NULL ? segments->pdata : NULL, n_segments);
}

/**
 * efir_episode_freeze_changed:
 * @self: an episode
 *
 * Holds back EfirEpisode::changed, and property notifications, until the
 * matching efir_episode_thaw_changed(). Calls nest.
 */
void
efir_episode_freeze_changed (EfirEpisode *self)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));

  g_object_freeze_notify (G_OBJECT (self));
  self->freeze_count++;
}

/**
 * efir_episode_thaw_changed:
 * @self: an episode
 *
 * Ends one efir_episode_freeze_changed(). When the last one ends, the held
 * notifications go out, then a single EfirEpisode::changed carrying every
 * part that changed meanwhile, if any did.
 */
void
efir_episode_thaw_changed (EfirEpisode *self)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail (self->freeze_count > 0);

  self->freeze_count--;
  g_object_thaw_notify (G_OBJECT (self));

  if (self->freeze_count == 0 && self->pending_parts != 0)
    {
      EfirEpisodePart parts = self->pending_parts;

      self->pending_parts = 0;
      g_signal_emit (self, signals[CHANGED], 0, parts);
    }
}

/**
 * efir_episode_diff:
 * @a: an episode
 * @b: another episode
 *
 * Compares the content of two episodes; the ids are not content.
 *
 * Returns: the parts in which @a and @b differ, 0 when they hold the same
 */
EfirEpisodePart
efir_episode_diff (EfirEpisode *a,
                   EfirEpisode *b)
{
  EfirEpisodePart parts = 0;

  g_return_val_if_fail (EFIR_IS_EPISODE (a), 0);
  g_return_val_if_fail (EFIR_IS_EPISODE (b), 0);

  if (!details_equal (a, b))
    parts |= EFIR_EPISODE_PART_DETAILS;

  for (guint kind = 0; kind < N_LISTS; kind++)
    {
      if (!lists_equal (kind, &a->lists[kind], &b->lists[kind]))
        parts |= a->lists[kind].part;
    }

  return parts;
}

/**
 * efir_episode_assign:
 * @self: an episode
 * @from: the episode to copy
 *
 * Makes @self hold the same content as @from, everything but the id; lists
 * get copies of @from's items. Emits one EfirEpisode::changed with the parts
 * that were different, and none if nothing was.
 */
void
efir_episode_assign (EfirEpisode *self,
                     EfirEpisode *from)
{
  g_return_if_fail (EFIR_IS_EPISODE (self));
  g_return_if_fail (EFIR_IS_EPISODE (from));

  if (self == from)
    return;

  efir_episode_freeze_changed (self);

  efir_episode_set_program_id (self, from->program_id);
  efir_episode_set_program_name (self, from->program_name);
  efir_episode_set_number (self, from->number);
  efir_episode_set_title (self, from->title);
  efir_episode_set_air_date (self, from->air_date);
  efir_episode_set_video_url (self, from->video_url);
  efir_episode_set_duration (self, from->duration);
  efir_episode_set_slug (self, from->slug);
  efir_episode_set_image (self, from->image);
  efir_episode_set_summary (self, from->summary);
  efir_episode_set_tags (self, efir_model_strv (from->tags));
  efir_episode_set_status (self, from->status);

  /* Lists that already hold the same are left alone, so rows bound to their
   * items in the editor stay put.
   */
  for (guint kind = 0; kind < N_LISTS; kind++)
    {
      if (!lists_equal (kind, &self->lists[kind], &from->lists[kind]))
        replace_list (kind, &self->lists[kind], &from->lists[kind]);
    }

  efir_episode_thaw_changed (self);
}

/**
 * efir_episode_copy:
 * @self: an #EfirEpisode
 * @parts: the list parts to copy with the details
 *
 * A copy that shares nothing with @self, so that another thread may read
 * it while the producer goes on changing @self: its id, stable id, save
 * count and details, and of the lists those in @parts; the others are
 * left empty. The autosaver hands such a copy to the store's writer.
 *
 * Returns: (transfer full): the copy
 */
EfirEpisode *
efir_episode_copy (EfirEpisode     *self,
                   EfirEpisodePart  parts)
{
  EfirEpisode *copy;

  g_return_val_if_fail (EFIR_IS_EPISODE (self), NULL);

  copy = efir_episode_new ();
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->save_count = self->save_count;
  copy->program_id = self->program_id;
  copy->program_name = g_strdup (self->program_name);
  copy->number = self->number;
  copy->title = g_strdup (self->title);
  copy->air_date = self->air_date != NULL ? g_date_time_ref (self->air_date) : NULL;
  copy->video_url = g_strdup (self->video_url);
  copy->duration = self->duration;
  copy->slug = g_strdup (self->slug);
  copy->image = g_strdup (self->image);
  copy->summary = g_strdup (self->summary);
  copy->tags = g_strdupv (self->tags);
  copy->status = self->status;

  for (guint kind = 0; kind < N_LISTS; kind++)
    {
      if ((self->lists[kind].part & parts) != 0)
        replace_list (kind, &copy->lists[kind], &self->lists[kind]);
    }

  return copy;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_episode_dispose (GObject *object)
{
  EfirEpisode *self = (EfirEpisode *) object;

  /* Someone else may still hold a store or its items; they must not reach
   * back into a dead episode.
   */
  for (guint kind = 0; kind < N_LISTS; kind++)
    {
      EpisodeList *list = &self->lists[kind];

      if (list->store != NULL)
        g_signal_handlers_disconnect_by_func (list->store, list_items_changed_cb, list);

      if (list->items != NULL)
        {
          for (guint i = 0; i < list->items->len; i++)
            unwatch_item (list, g_ptr_array_index (list->items, i));
        }

      g_clear_pointer (&list->items, g_ptr_array_unref);
      g_clear_object (&list->store);
    }

  G_OBJECT_CLASS (efir_episode_parent_class)->dispose (object);
}

static void
efir_episode_finalize (GObject *object)
{
  EfirEpisode *self = (EfirEpisode *) object;

  g_clear_pointer (&self->program_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->air_date, g_date_time_unref);
  g_clear_pointer (&self->video_url, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->image, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (efir_episode_parent_class)->finalize (object);
}

static void
efir_episode_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EfirEpisode *self = EFIR_EPISODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PROGRAM_ID:
      g_value_set_int64 (value, self->program_id);
      break;

    case PROP_PROGRAM_NAME:
      g_value_set_string (value, efir_episode_get_program_name (self));
      break;

    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;

    case PROP_TITLE:
      g_value_set_string (value, efir_episode_get_title (self));
      break;

    case PROP_AIR_DATE:
      g_value_set_boxed (value, self->air_date);
      break;

    case PROP_VIDEO_URL:
      g_value_set_string (value, efir_episode_get_video_url (self));
      break;

    case PROP_DURATION:
      g_value_set_int (value, self->duration);
      break;

    case PROP_SLUG:
      g_value_set_string (value, efir_episode_get_slug (self));
      break;

    case PROP_IMAGE:
      g_value_set_string (value, efir_episode_get_image (self));
      break;

    case PROP_UUID:
      g_value_set_string (value, efir_episode_get_uuid (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, efir_episode_get_summary (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, efir_episode_get_tags (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_GUESTS:
      g_value_set_object (value, self->lists[LIST_GUESTS].store);
      break;

    case PROP_QUOTES:
      g_value_set_object (value, self->lists[LIST_QUOTES].store);
      break;

    case PROP_TRANSCRIPT:
      g_value_set_object (value, self->lists[LIST_TRANSCRIPT].store);
      break;

    case PROP_SOCIAL_LINKS:
      g_value_set_object (value, self->lists[LIST_SOCIAL_LINKS].store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_episode_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EfirEpisode *self = EFIR_EPISODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      efir_episode_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRAM_ID:
      efir_episode_set_program_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRAM_NAME:
      efir_episode_set_program_name (self, g_value_get_string (value));
      break;

    case PROP_NUMBER:
      efir_episode_set_number (self, g_value_get_int (value));
      break;

    case PROP_TITLE:
      efir_episode_set_title (self, g_value_get_string (value));
      break;

    case PROP_AIR_DATE:
      efir_episode_set_air_date (self, g_value_get_boxed (value));
      break;

    case PROP_VIDEO_URL:
      efir_episode_set_video_url (self, g_value_get_string (value));
      break;

    case PROP_DURATION:
      efir_episode_set_duration (self, g_value_get_int (value));
      break;

    case PROP_SLUG:
      efir_episode_set_slug (self, g_value_get_string (value));
      break;

    case PROP_IMAGE:
      efir_episode_set_image (self, g_value_get_string (value));
      break;

    case PROP_UUID:
      efir_episode_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_SUMMARY:
      efir_episode_set_summary (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      efir_episode_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_STATUS:
      efir_episode_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_episode_class_init (EfirEpisodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_episode_dispose;
  object_class->finalize = efir_episode_finalize;
  object_class->get_property = efir_episode_get_property;
  object_class->set_property = efir_episode_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROGRAM_ID] =
    g_param_spec_int64 ("program-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROGRAM_NAME] =
    g_param_spec_string ("program-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AIR_DATE] =
    g_param_spec_boxed ("air-date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIDEO_URL] =
    g_param_spec_string ("video-url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IMAGE] =
    g_param_spec_string ("image", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       EFIR_TYPE_EPISODE_STATUS,
                       EFIR_EPISODE_STATUS_DRAFT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The lists themselves never change, only their content: read-only, for
   * GtkBuilder expressions.
   */
  properties[PROP_GUESTS] =
    g_param_spec_object ("guests", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUOTES] =
    g_param_spec_object ("quotes", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRANSCRIPT] =
    g_param_spec_object ("transcript", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOCIAL_LINKS] =
    g_param_spec_object ("social-links", NULL, NULL,
                         G_TYPE_LIST_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfirEpisode::changed:
   * @self: the episode
   * @parts: the #EfirEpisodePart flags of what changed
   *
   * Emitted after any content really changed: a property other than "id",
   * the items of a list, or a property of an item in a list.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__FLAGS,
                  G_TYPE_NONE, 1, EFIR_TYPE_EPISODE_PART);
  g_signal_set_va_marshaller (signals[CHANGED],
                              G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__FLAGSv);

  notify_signal_id = g_signal_lookup ("notify", G_TYPE_OBJECT);
}

static void
efir_episode_init (EfirEpisode *self)
{
  static const struct {
    GType (*get_type) (void);
    EfirEpisodePart part;
  } kinds[N_LISTS] = {
    [LIST_GUESTS] = { efir_episode_guest_get_type, EFIR_EPISODE_PART_GUESTS },
    [LIST_QUOTES] = { efir_quote_get_type, EFIR_EPISODE_PART_QUOTES },
    [LIST_TRANSCRIPT] = { efir_segment_get_type, EFIR_EPISODE_PART_TRANSCRIPT },
    [LIST_SOCIAL_LINKS] = { efir_social_link_get_type, EFIR_EPISODE_PART_SOCIAL_LINKS },
  };

  for (guint kind = 0; kind < N_LISTS; kind++)
    {
      EpisodeList *list = &self->lists[kind];

      list->episode = self;
      list->part = kinds[kind].part;
      list->store = g_list_store_new (kinds[kind].get_type ());
      list->items = g_ptr_array_new_with_free_func (g_object_unref);

      g_signal_connect (list->store, "items-changed", G_CALLBACK (list_items_changed_cb), list);
    }
}
