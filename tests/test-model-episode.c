/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "efir-model.h"

/* Helpers ---------------------------------------------------------------- */

/* What EfirEpisode::changed said since the last reset. */
typedef struct
{
  guint           count;
  EfirEpisodePart last;
  EfirEpisodePart all;
} ChangedLog;

static void
episode_changed_cb (EfirEpisode     *episode,
                    EfirEpisodePart  parts,
                    ChangedLog      *log)
{
  g_assert_cmpuint (parts, !=, 0);
  g_assert_cmpuint (parts & ~EFIR_EPISODE_PART_ALL, ==, 0);

  log->count++;
  log->last = parts;
  log->all |= parts;
}

static void
changed_log_reset (ChangedLog *log)
{
  *log = (ChangedLog) { 0, };
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             guint      *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static EfirEpisode *
new_watched_episode (ChangedLog *log)
{
  EfirEpisode *episode = efir_episode_new ();

  changed_log_reset (log);
  g_signal_connect (episode, "changed", G_CALLBACK (episode_changed_cb), log);

  return episode;
}

static void
append_segments (EfirEpisode *episode,
                 guint        n)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Cümlə %u", i);

      g_ptr_array_add (segments, efir_segment_new (i * 2.5, i * 2.5 + 2.5, "Host", text));
    }

  efir_episode_set_transcript (episode, segments);
}

static GDateTime *
new_air_date (int offset_hours,
              int hour)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (offset_hours * 3600);

  return g_date_time_new (zone, 2024, 10, 4, hour, 0, 0);
}

/* An episode with every field set and every list filled. */
static EfirEpisode *
new_full_episode (void)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GDateTime) air_date = new_air_date (4, 20);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "Politoloq");
  g_autoptr(EfirQuote) quote = efir_quote_new ("Это вопрос интересов.", "Nəsimi Məmmədli", 1612.0);
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/difficultquestion/4521",
                                                         "telegram");
  const char *tags[] = { "Rusiya", "İran", NULL };

  efir_episode_set_id (episode, 5);
  efir_episode_set_program_id (episode, 2);
  efir_episode_set_program_name (episode, "Çətin sual");
  efir_episode_set_number (episode, 112);
  efir_episode_set_title (episode, "Azərbaycanı nə narahat edir?");
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  efir_episode_set_duration (episode, 1740);
  efir_episode_set_slug (episode, "azerbaycani-ne-narahat-edir");
  efir_episode_set_summary (episode, "**Nəsimi Məmmədli** danışır.");
  efir_episode_set_tags (episode, tags);
  efir_episode_set_status (episode, EFIR_EPISODE_STATUS_SCHEDULED);

  efir_episode_guest_set_person_id (guest, 9);
  efir_quote_set_pull_quote (quote, TRUE);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_list_store_append (efir_episode_get_social_links (episode), link);
  append_segments (episode, 3);

  return episode;
}

/* Tests ------------------------------------------------------------------ */

static void
test_defaults (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  g_assert_cmpint (efir_episode_get_id (episode), ==, 0);
  g_assert_cmpint (efir_episode_get_program_id (episode), ==, 0);
  g_assert_cmpstr (efir_episode_get_program_name (episode), ==, "");
  g_assert_cmpint (efir_episode_get_number (episode), ==, 0);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "");
  g_assert_null (efir_episode_get_air_date (episode));
  g_assert_cmpstr (efir_episode_get_video_url (episode), ==, "");
  g_assert_cmpint (efir_episode_get_duration (episode), ==, 0);
  g_assert_cmpstr (efir_episode_get_slug (episode), ==, "");
  g_assert_cmpstr (efir_episode_get_summary (episode), ==, "");
  g_assert_nonnull (efir_episode_get_tags (episode));
  g_assert_null (efir_episode_get_tags (episode)[0]);
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_DRAFT);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (efir_episode_get_guests (episode))) ==
                 EFIR_TYPE_EPISODE_GUEST);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (efir_episode_get_quotes (episode))) ==
                 EFIR_TYPE_QUOTE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (efir_episode_get_transcript (episode))) ==
                 EFIR_TYPE_SEGMENT);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (efir_episode_get_social_links (episode))) ==
                 EFIR_TYPE_SOCIAL_LINK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 0);
}

static void
test_changed_title (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  guint notified = 0;

  g_signal_connect (episode, "notify::title", G_CALLBACK (notified_cb), &notified);

  efir_episode_set_title (episode, "Çətin sual");
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_DETAILS);
  g_assert_cmpuint (notified, ==, 1);

  /* The same title again, through the setter or the property, is no edit. */
  efir_episode_set_title (episode, "Çətin sual");
  g_object_set (episode, "title", "Çətin sual", NULL);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (episode, "title", "Трудный вопрос", NULL);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_changed_every_property (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(GDateTime) air_date = new_air_date (4, 20);
  const char *tags[] = { "Iran", NULL };

  efir_episode_set_program_id (episode, 3);
  efir_episode_set_program_name (episode, "Difficult Question");
  efir_episode_set_number (episode, 112);
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, "https://youtu.be/dQw4w9WgXcQ");
  efir_episode_set_duration (episode, 1740);
  efir_episode_set_slug (episode, "slug");
  efir_episode_set_summary (episode, "Summary");
  efir_episode_set_tags (episode, tags);
  efir_episode_set_status (episode, EFIR_EPISODE_STATUS_READY);

  g_assert_cmpuint (log.count, ==, 10);
  g_assert_cmpuint (log.all, ==, EFIR_EPISODE_PART_DETAILS);

  /* Setting them all again changes nothing. */
  changed_log_reset (&log);
  efir_episode_set_program_id (episode, 3);
  efir_episode_set_program_name (episode, "Difficult Question");
  efir_episode_set_number (episode, 112);
  efir_episode_set_air_date (episode, air_date);
  efir_episode_set_video_url (episode, "https://youtu.be/dQw4w9WgXcQ");
  efir_episode_set_duration (episode, 1740);
  efir_episode_set_slug (episode, "slug");
  efir_episode_set_summary (episode, "Summary");
  efir_episode_set_tags (episode, tags);
  efir_episode_set_status (episode, EFIR_EPISODE_STATUS_READY);
  g_assert_cmpuint (log.count, ==, 0);
}

static void
test_id_is_not_content (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  guint notified = 0;

  g_signal_connect (episode, "notify::id", G_CALLBACK (notified_cb), &notified);

  /* Storing a new episode gives it an id; that must not make it dirty again. */
  efir_episode_set_id (episode, 42);
  g_assert_cmpint (efir_episode_get_id (episode), ==, 42);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (log.count, ==, 0);
}

static void
test_air_date_offset (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(GDateTime) baku = new_air_date (4, 20);
  g_autoptr(GDateTime) baku_again = new_air_date (4, 20);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (baku);

  efir_episode_set_air_date (episode, baku);
  g_assert_cmpuint (log.count, ==, 1);

  efir_episode_set_air_date (episode, baku_again);
  g_assert_cmpuint (log.count, ==, 1);

  /* Same instant, other offset: the page would print another hour. */
  efir_episode_set_air_date (episode, utc);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpint (g_date_time_get_utc_offset (efir_episode_get_air_date (episode)), ==, 0);

  efir_episode_set_air_date (episode, NULL);
  g_assert_cmpuint (log.count, ==, 3);
  g_assert_null (efir_episode_get_air_date (episode));
  efir_episode_set_air_date (episode, NULL);
  g_assert_cmpuint (log.count, ==, 3);
}

static void
test_changed_guest_added (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nasimi Mammadli", "Political commentator");

  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_GUESTS);

  efir_episode_guest_set_role (guest, "Politoloq");
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_GUESTS);

  efir_episode_guest_set_person_id (guest, 4);
  g_assert_cmpuint (log.count, ==, 3);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_GUESTS);
}

static void
test_changed_quote_edited (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  GListStore *quotes = efir_episode_get_quotes (episode);
  g_autoptr(EfirQuote) first = efir_quote_new ("First", "Host", -1);
  g_autoptr(EfirQuote) second = efir_quote_new ("Second", "Guest", 903.5);
  g_autoptr(EfirQuote) item = NULL;

  g_list_store_append (quotes, first);
  g_list_store_append (quotes, second);
  changed_log_reset (&log);

  /* Edited as the editor does: through the item the list hands out. */
  item = g_list_model_get_item (G_LIST_MODEL (quotes), 1);
  efir_quote_set_text (item, "Taking preventive measures is quite natural.");
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_QUOTES);

  efir_quote_set_text (item, "Taking preventive measures is quite natural.");
  g_assert_cmpuint (log.count, ==, 1);

  efir_quote_set_pull_quote (first, TRUE);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_QUOTES);
}

static void
test_changed_social_link (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://t.me/difficultquestion/4521", NULL);

  g_list_store_append (efir_episode_get_social_links (episode), link);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_SOCIAL_LINKS);

  efir_social_link_set_platform (link, "telegram");
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_SOCIAL_LINKS);
}

static void
test_changed_segment_removed (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  GListModel *transcript = G_LIST_MODEL (efir_episode_get_transcript (episode));
  g_autoptr(EfirSegment) removed = NULL;
  g_autoptr(EfirSegment) first = NULL;
  g_autoptr(EfirSegment) last = NULL;

  append_segments (episode, 5);
  removed = g_list_model_get_item (transcript, 2);
  first = g_list_model_get_item (transcript, 0);
  last = g_list_model_get_item (transcript, 4);
  changed_log_reset (&log);

  g_list_store_remove (efir_episode_get_transcript (episode), 2);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_TRANSCRIPT);

  /* The removed segment lives on in our hands; it is no longer the
   * episode's, so editing it leaves the episode clean.
   */
  efir_segment_set_text (removed, "Not in the episode any more");
  g_assert_cmpuint (log.count, ==, 1);

  /* The segments around the gap are still watched. */
  efir_segment_set_text (first, "Edited");
  g_assert_cmpuint (log.count, ==, 2);
  efir_segment_set_end (last, 100);
  g_assert_cmpuint (log.count, ==, 3);
  g_assert_cmpuint (log.all, ==, EFIR_EPISODE_PART_TRANSCRIPT);
}

static void
test_removed_items_are_silent (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("A", "Host");
  g_autoptr(EfirQuote) quote = efir_quote_new ("Q", "A", 1);
  g_autoptr(EfirSocialLink) link = efir_social_link_new ("https://example.com/1", NULL);

  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_list_store_append (efir_episode_get_social_links (episode), link);

  g_list_store_remove_all (efir_episode_get_guests (episode));
  g_list_store_splice (efir_episode_get_quotes (episode), 0, 1, NULL, 0);
  g_list_store_remove (efir_episode_get_social_links (episode), 0);
  changed_log_reset (&log);

  efir_episode_guest_set_name (guest, "B");
  efir_quote_set_text (quote, "R");
  efir_social_link_set_url (link, "https://example.com/2");
  g_assert_cmpuint (log.count, ==, 0);
}

static void
test_same_item_twice (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  GListStore *guests = efir_episode_get_guests (episode);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("A", "Host");

  g_list_store_append (guests, guest);
  g_list_store_append (guests, guest);
  g_list_store_remove (guests, 0);
  changed_log_reset (&log);

  /* Still in the list once, so still watched. */
  efir_episode_guest_set_name (guest, "B");
  g_assert_cmpuint (log.count, ==, 1);

  g_list_store_remove (guests, 0);
  changed_log_reset (&log);
  efir_episode_guest_set_name (guest, "C");
  g_assert_cmpuint (log.count, ==, 0);
}

static void
test_list_order (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  GListStore *guests = efir_episode_get_guests (episode);
  g_autoptr(EfirEpisodeGuest) a = efir_episode_guest_new ("A", NULL);
  g_autoptr(EfirEpisodeGuest) b = efir_episode_guest_new ("B", NULL);
  g_autoptr(EfirEpisodeGuest) c = efir_episode_guest_new ("C", NULL);
  g_autoptr(EfirEpisodeGuest) moved = NULL;

  g_list_store_append (guests, a);
  g_list_store_append (guests, b);
  g_list_store_append (guests, c);
  changed_log_reset (&log);

  /* A move, as drag and drop does it: out of one place, into another. */
  moved = g_list_model_get_item (G_LIST_MODEL (guests), 2);
  g_list_store_remove (guests, 2);
  g_list_store_insert (guests, 0, moved);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.all, ==, EFIR_EPISODE_PART_GUESTS);

  changed_log_reset (&log);
  efir_episode_guest_set_role (a, "1");
  efir_episode_guest_set_role (b, "2");
  efir_episode_guest_set_role (c, "3");
  g_assert_cmpuint (log.count, ==, 3);
}

static void
test_set_transcript (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  GListModel *transcript = G_LIST_MODEL (efir_episode_get_transcript (episode));
  g_autoptr(EfirSegment) old_segment = NULL;
  g_autoptr(EfirSegment) last = NULL;
  guint items_changed = 0;

  append_segments (episode, 10);
  old_segment = g_list_model_get_item (transcript, 3);
  g_signal_connect (transcript, "items-changed", G_CALLBACK (items_changed_cb), &items_changed);
  changed_log_reset (&log);

  /* A three-hour programme. */
  append_segments (episode, 3000);
  g_assert_cmpuint (g_list_model_get_n_items (transcript), ==, 3000);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_TRANSCRIPT);

  efir_segment_set_text (old_segment, "Gone");
  g_assert_cmpuint (log.count, ==, 1);

  last = g_list_model_get_item (transcript, 2999);
  g_assert_cmpstr (efir_segment_get_text (last), ==, "Cümlə 2999");
  efir_segment_set_speaker (last, "Nasimi Mammadli");
  g_assert_cmpuint (log.count, ==, 2);

  efir_episode_set_transcript (episode, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (transcript), ==, 0);
  g_assert_cmpuint (log.count, ==, 3);
  efir_segment_set_speaker (last, "Host");
  g_assert_cmpuint (log.count, ==, 3);

  /* Empty to empty is nothing at all. */
  efir_episode_set_transcript (episode, NULL);
  g_assert_cmpuint (items_changed, ==, 2);
  g_assert_cmpuint (log.count, ==, 3);
}

static void
test_freeze_thaw (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(EfirQuote) quote = efir_quote_new ("Q", "A", 1);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("A", "Host");
  guint notified = 0;

  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_signal_connect (episode, "notify::title", G_CALLBACK (notified_cb), &notified);
  changed_log_reset (&log);

  efir_episode_freeze_changed (episode);
  efir_episode_freeze_changed (episode);

  efir_episode_set_title (episode, "One");
  efir_episode_set_title (episode, "Two");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  efir_quote_set_text (quote, "Edited");
  append_segments (episode, 50);

  g_assert_cmpuint (log.count, ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  /* Still frozen once: nothing yet. */
  efir_episode_thaw_changed (episode);
  g_assert_cmpuint (log.count, ==, 0);

  efir_episode_thaw_changed (episode);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, (EFIR_EPISODE_PART_DETAILS |
                                   EFIR_EPISODE_PART_GUESTS |
                                   EFIR_EPISODE_PART_QUOTES |
                                   EFIR_EPISODE_PART_TRANSCRIPT));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (efir_episode_get_title (episode), ==, "Two");

  /* A freeze in which nothing changes ends in silence, and the next change
   * is reported on its own.
   */
  efir_episode_freeze_changed (episode);
  efir_episode_set_title (episode, "Two");
  efir_episode_thaw_changed (episode);
  g_assert_cmpuint (log.count, ==, 1);

  efir_episode_guest_set_name (guest, "B");
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_GUESTS);
}

static void
check_same_content (EfirEpisode *a,
                    EfirEpisode *b)
{
  GListModel *lists_a[] = {
    G_LIST_MODEL (efir_episode_get_guests (a)),
    G_LIST_MODEL (efir_episode_get_quotes (a)),
    G_LIST_MODEL (efir_episode_get_transcript (a)),
    G_LIST_MODEL (efir_episode_get_social_links (a)),
  };
  GListModel *lists_b[] = {
    G_LIST_MODEL (efir_episode_get_guests (b)),
    G_LIST_MODEL (efir_episode_get_quotes (b)),
    G_LIST_MODEL (efir_episode_get_transcript (b)),
    G_LIST_MODEL (efir_episode_get_social_links (b)),
  };

  g_assert_cmpint (efir_episode_get_program_id (a), ==, efir_episode_get_program_id (b));
  g_assert_cmpstr (efir_episode_get_program_name (a), ==, efir_episode_get_program_name (b));
  g_assert_cmpint (efir_episode_get_number (a), ==, efir_episode_get_number (b));
  g_assert_cmpstr (efir_episode_get_title (a), ==, efir_episode_get_title (b));
  g_assert_true (g_date_time_equal (efir_episode_get_air_date (a), efir_episode_get_air_date (b)));
  g_assert_cmpint (g_date_time_get_utc_offset (efir_episode_get_air_date (a)), ==,
                   g_date_time_get_utc_offset (efir_episode_get_air_date (b)));
  g_assert_cmpstr (efir_episode_get_video_url (a), ==, efir_episode_get_video_url (b));
  g_assert_cmpint (efir_episode_get_duration (a), ==, efir_episode_get_duration (b));
  g_assert_cmpstr (efir_episode_get_slug (a), ==, efir_episode_get_slug (b));
  g_assert_cmpstr (efir_episode_get_summary (a), ==, efir_episode_get_summary (b));
  g_assert_true (g_strv_equal (efir_episode_get_tags (a), efir_episode_get_tags (b)));
  g_assert_cmpint (efir_episode_get_status (a), ==, efir_episode_get_status (b));

  for (guint l = 0; l < G_N_ELEMENTS (lists_a); l++)
    {
      guint n = g_list_model_get_n_items (lists_a[l]);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (lists_b[l]));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item_a = g_list_model_get_item (lists_a[l], i);
          g_autoptr(GObject) item_b = g_list_model_get_item (lists_b[l], i);

          /* Copies, so the restored episode and the revision stay apart. */
          g_assert_true (item_a != item_b);
        }
    }

  g_assert_cmpuint (efir_episode_diff (a, b), ==, 0);
}

static void
test_assign (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) from = new_full_episode ();
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(EfirQuote) from_quote = NULL;
  g_autoptr(EfirQuote) quote = NULL;
  g_autoptr(EfirEpisodeGuest) guest = NULL;

  efir_episode_set_id (episode, 77);
  changed_log_reset (&log);

  efir_episode_assign (episode, from);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_ALL);
  g_assert_cmpint (efir_episode_get_id (episode), ==, 77);
  check_same_content (episode, from);

  guest = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_guests (episode)), 0);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), ==, 9);
  quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (episode)), 0);
  g_assert_true (efir_quote_get_pull_quote (quote));

  /* The copies are watched; the originals belong to the other episode. */
  from_quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (from)), 0);
  efir_quote_set_text (from_quote, "Edited in the revision");
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (efir_quote_get_text (quote), ==, "Это вопрос интересов.");

  efir_quote_set_text (quote, "Edited in the episode");
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_QUOTES);
}

static void
test_assign_parts (void)
{
  ChangedLog log;
  g_autoptr(EfirEpisode) from = new_full_episode ();
  g_autoptr(EfirEpisode) episode = new_watched_episode (&log);
  g_autoptr(EfirQuote) quote = NULL;
  g_autoptr(EfirSegment) segment = NULL;

  efir_episode_assign (episode, from);
  segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (episode)), 0);
  changed_log_reset (&log);

  /* Nothing differs: no signal, and the lists keep their items. */
  efir_episode_assign (episode, from);
  g_assert_cmpuint (log.count, ==, 0);
  efir_episode_assign (episode, episode);
  g_assert_cmpuint (log.count, ==, 0);

  quote = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_quotes (from)), 0);
  efir_quote_set_start_seconds (quote, 1613.0);
  efir_episode_set_status (from, EFIR_EPISODE_STATUS_PUBLISHED);
  g_assert_cmpuint (efir_episode_diff (episode, from), ==,
                    EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_QUOTES);

  efir_episode_assign (episode, from);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_DETAILS | EFIR_EPISODE_PART_QUOTES);
  g_assert_cmpint (efir_episode_get_status (episode), ==, EFIR_EPISODE_STATUS_PUBLISHED);
  g_assert_cmpuint (efir_episode_diff (episode, from), ==, 0);

  /* The untouched transcript still holds, and watches, the same items. */
  efir_segment_set_text (segment, "Still watched");
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_TRANSCRIPT);

  /* Emptying is a change too. */
  g_clear_object (&from);
  from = efir_episode_new ();
  changed_log_reset (&log);
  efir_episode_assign (episode, from);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.last, ==, EFIR_EPISODE_PART_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (efir_episode_get_transcript (episode))), ==, 0);
  g_assert_null (efir_episode_get_air_date (episode));
}

static void
test_diff (void)
{
  g_autoptr(EfirEpisode) a = new_full_episode ();
  g_autoptr(EfirEpisode) b = efir_episode_new ();
  g_autoptr(EfirSocialLink) link = NULL;
  g_autoptr(EfirEpisodeGuest) guest = NULL;

  efir_episode_assign (b, a);
  efir_episode_set_id (b, 1000);
  g_assert_cmpuint (efir_episode_diff (a, b), ==, 0);

  link = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_social_links (b)), 0);
  efir_social_link_set_platform (link, NULL);
  g_assert_cmpuint (efir_episode_diff (a, b), ==, EFIR_EPISODE_PART_SOCIAL_LINKS);

  guest = efir_episode_guest_new ("Second", NULL);
  g_list_store_append (efir_episode_get_guests (b), guest);
  g_assert_cmpuint (efir_episode_diff (a, b), ==,
                    EFIR_EPISODE_PART_SOCIAL_LINKS | EFIR_EPISODE_PART_GUESTS);

  g_list_store_remove (efir_episode_get_transcript (b), 1);
  efir_episode_set_tags (b, NULL);
  g_assert_cmpuint (efir_episode_diff (a, b), ==,
                    EFIR_EPISODE_PART_ALL & ~EFIR_EPISODE_PART_QUOTES);
}

static void
test_outlived_by_its_lists (void)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(GListStore) guests = g_object_ref (efir_episode_get_guests (episode));
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("A", "Host");
  g_autoptr(EfirEpisodeGuest) later = efir_episode_guest_new ("B", "Guest");

  g_list_store_append (guests, guest);
  g_object_unref (episode);

  /* A list view may hold the store a little longer than the episode lives;
   * edits then must not reach the dead episode.
   */
  efir_episode_guest_set_name (guest, "Edited");
  g_list_store_append (guests, later);
  g_list_store_remove_all (guests);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (guests)), ==, 0);
}

static void
test_finalized (void)
{
  EfirEpisode *episode = new_full_episode ();
  EfirEpisode *from = new_full_episode ();
  GListStore *quotes = efir_episode_get_quotes (episode);
  EfirSegment *segment = g_list_model_get_item (G_LIST_MODEL (efir_episode_get_transcript (episode)), 0);
  EfirQuote *quote = g_list_model_get_item (G_LIST_MODEL (quotes), 0);

  /* Leak checkers cannot see through GObject's signal tables, so watch the
   * objects go: the episode's own references, and the ones its watching of
   * items takes, must all be given back.
   */
  efir_episode_assign (episode, from);
  g_object_add_weak_pointer (G_OBJECT (episode), (gpointer *) &episode);
  g_object_add_weak_pointer (G_OBJECT (from), (gpointer *) &from);
  g_object_add_weak_pointer (G_OBJECT (quotes), (gpointer *) &quotes);
  g_object_add_weak_pointer (G_OBJECT (segment), (gpointer *) &segment);
  g_object_add_weak_pointer (G_OBJECT (quote), (gpointer *) &quote);
  g_object_unref (segment);

  /* Out of the list, the segment is gone: the mirror gave its reference up. */
  g_list_store_remove_all (efir_episode_get_transcript (episode));
  g_assert_null (segment);

  g_object_unref (episode);
  g_object_unref (from);
  g_assert_null (episode);
  g_assert_null (from);
  g_assert_null (quotes);

  /* Held by us alone now. */
  g_assert_nonnull (quote);
  g_object_unref (quote);
  g_assert_null (quote);
}

static void
test_status_strings (void)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (EFIR_TYPE_EPISODE_STATUS);
  const char *names[] = { "draft", "ready", "scheduled", "published", "failed" };
  EfirEpisodeStatus status = EFIR_EPISODE_STATUS_FAILED;

  g_assert_cmpuint (enum_class->n_values, ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      EfirEpisodeStatus parsed;

      g_assert_cmpstr (efir_episode_status_to_string (i), ==, names[i]);
      g_assert_true (efir_episode_status_from_string (names[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, names[i]);
    }

  g_assert_false (efir_episode_status_from_string ("Draft", &status));
  g_assert_false (efir_episode_status_from_string ("", &status));
  g_assert_false (efir_episode_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, EFIR_EPISODE_STATUS_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/episode/defaults", test_defaults);
  g_test_add_func ("/model/episode/changed/title", test_changed_title);
  g_test_add_func ("/model/episode/changed/every-property", test_changed_every_property);
  g_test_add_func ("/model/episode/changed/id-is-not-content", test_id_is_not_content);
  g_test_add_func ("/model/episode/changed/air-date-offset", test_air_date_offset);
  g_test_add_func ("/model/episode/changed/guest-added", test_changed_guest_added);
  g_test_add_func ("/model/episode/changed/quote-edited", test_changed_quote_edited);
  g_test_add_func ("/model/episode/changed/social-link", test_changed_social_link);
  g_test_add_func ("/model/episode/changed/segment-removed", test_changed_segment_removed);
  g_test_add_func ("/model/episode/changed/removed-items-are-silent", test_removed_items_are_silent);
  g_test_add_func ("/model/episode/changed/same-item-twice", test_same_item_twice);
  g_test_add_func ("/model/episode/changed/list-order", test_list_order);
  g_test_add_func ("/model/episode/set-transcript", test_set_transcript);
  g_test_add_func ("/model/episode/freeze-thaw", test_freeze_thaw);
  g_test_add_func ("/model/episode/assign", test_assign);
  g_test_add_func ("/model/episode/assign-parts", test_assign_parts);
  g_test_add_func ("/model/episode/diff", test_diff);
  g_test_add_func ("/model/episode/outlived-by-its-lists", test_outlived_by_its_lists);
  g_test_add_func ("/model/episode/finalized", test_finalized);
  g_test_add_func ("/model/episode-status/strings", test_status_strings);

  return g_test_run ();
}
