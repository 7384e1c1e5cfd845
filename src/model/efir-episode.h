/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-episode-part.h"
#include "efir-episode-status.h"

G_BEGIN_DECLS

#define EFIR_TYPE_EPISODE (efir_episode_get_type ())

G_DECLARE_FINAL_TYPE (EfirEpisode, efir_episode, EFIR, EPISODE, GObject)

EfirEpisode        *efir_episode_new              (void);

gint64              efir_episode_get_id           (EfirEpisode        *self);
void                efir_episode_set_id           (EfirEpisode        *self,
                                                   gint64              id);
gint64              efir_episode_get_program_id   (EfirEpisode        *self);
void                efir_episode_set_program_id   (EfirEpisode        *self,
                                                   gint64              program_id);
const char         *efir_episode_get_program_name (EfirEpisode        *self);
void                efir_episode_set_program_name (EfirEpisode        *self,
                                                   const char         *program_name);
int                 efir_episode_get_number       (EfirEpisode        *self);
void                efir_episode_set_number       (EfirEpisode        *self,
                                                   int                 number);
const char         *efir_episode_get_title        (EfirEpisode        *self);
void                efir_episode_set_title        (EfirEpisode        *self,
                                                   const char         *title);
GDateTime          *efir_episode_get_air_date     (EfirEpisode        *self);
void                efir_episode_set_air_date     (EfirEpisode        *self,
                                                   GDateTime          *air_date);
const char         *efir_episode_get_video_url    (EfirEpisode        *self);
void                efir_episode_set_video_url    (EfirEpisode        *self,
                                                   const char         *video_url);
int                 efir_episode_get_duration     (EfirEpisode        *self);
void                efir_episode_set_duration     (EfirEpisode        *self,
                                                   int                 duration);
const char         *efir_episode_get_slug         (EfirEpisode        *self);
void                efir_episode_set_slug         (EfirEpisode        *self,
                                                   const char         *slug);
const char         *efir_episode_get_image        (EfirEpisode        *self);
void                efir_episode_set_image        (EfirEpisode        *self,
                                                   const char         *image);
const char         *efir_episode_get_uuid         (EfirEpisode        *self);
void                efir_episode_set_uuid         (EfirEpisode        *self,
                                                   const char         *uuid);
gint64              efir_episode_get_save_count   (EfirEpisode        *self);
void                efir_episode_set_save_count   (EfirEpisode        *self,
                                                   gint64              save_count);
const char         *efir_episode_get_summary      (EfirEpisode        *self);
void                efir_episode_set_summary      (EfirEpisode        *self,
                                                   const char         *summary);
const char * const *efir_episode_get_tags         (EfirEpisode        *self);
void                efir_episode_set_tags         (EfirEpisode        *self,
                                                   const char * const *tags);
EfirEpisodeStatus   efir_episode_get_status       (EfirEpisode        *self);
void                efir_episode_set_status       (EfirEpisode        *self,
                                                   EfirEpisodeStatus   status);

GListStore         *efir_episode_get_guests       (EfirEpisode        *self);
GListStore         *efir_episode_get_quotes       (EfirEpisode        *self);
GListStore         *efir_episode_get_transcript   (EfirEpisode        *self);
GListStore         *efir_episode_get_social_links (EfirEpisode        *self);
void                efir_episode_set_transcript   (EfirEpisode        *self,
                                                   GPtrArray          *segments);

void                efir_episode_freeze_changed   (EfirEpisode        *self);
void                efir_episode_thaw_changed     (EfirEpisode        *self);

EfirEpisodePart     efir_episode_diff             (EfirEpisode        *a,
                                                   EfirEpisode        *b);
void                efir_episode_assign           (EfirEpisode        *self,
                                                   EfirEpisode        *from);
EfirEpisode        *efir_episode_copy             (EfirEpisode        *self,
                                                   EfirEpisodePart     parts);

G_END_DECLS
