/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-store.h"

G_BEGIN_DECLS

/*
 * EfirEpisodeList is the episode list of one programme as the window shows
 * it: a GListModel of light episodes (details and guests) that holds only
 * the ids of the episodes in memory, in the order and with the status
 * filter the store's index gives, and reads the episodes themselves from
 * the store a page at a time, when a view asks for them. A 10,000-episode
 * archive costs the window 80 KB of ids and the rows on screen.
 *
 * One episode is one object while anybody holds it: the row on screen and
 * the window, which keeps the open episode's row in step with what is
 * typed, see the same EfirEpisode.
 */

#define EFIR_TYPE_EPISODE_LIST (efir_episode_list_get_type ())
G_DECLARE_FINAL_TYPE (EfirEpisodeList, efir_episode_list, EFIR, EPISODE_LIST, GObject)

/* A status filter that lets every episode through. */
#define EFIR_EPISODE_LIST_ANY_STATUS (-1)

EfirEpisodeList *efir_episode_list_new            (EfirStore        *store);
/* Shows the episodes of @program_id (none when 0) of @status (an
 * EfirEpisodeStatus, or EFIR_EPISODE_LIST_ANY_STATUS), newest first unless
 * @oldest_first. */
gboolean         efir_episode_list_set_query      (EfirEpisodeList  *self,
                                                   gint64            program_id,
                                                   int               status,
                                                   gboolean          oldest_first,
                                                   GError          **error);
gint64           efir_episode_list_get_program_id (EfirEpisodeList  *self);
/* Episodes of the programme whatever the filter lets through. */
guint            efir_episode_list_get_n_all      (EfirEpisodeList  *self);
/* Reads which episodes there are and their order again, after a save that
 * added one or changed an air date, number or status; "items-changed"
 * covers only what moved. */
gboolean         efir_episode_list_refresh        (EfirEpisodeList  *self,
                                                   GError          **error);
/* As refresh, and reads every episode again, after a change of many
 * episodes (a merge of two guests). */
gboolean         efir_episode_list_reload         (EfirEpisodeList  *self,
                                                   GError          **error);
gboolean         efir_episode_list_find           (EfirEpisodeList  *self,
                                                   gint64            episode_id,
                                                   guint            *position);
/* The object the list shows for @episode_id, read if nobody holds it;
 * NULL when the list does not have it. (transfer full) */
EfirEpisode     *efir_episode_list_lookup         (EfirEpisodeList  *self,
                                                   gint64            episode_id);

G_END_DECLS
