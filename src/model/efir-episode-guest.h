/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EFIR_TYPE_EPISODE_GUEST (efir_episode_guest_get_type ())

G_DECLARE_FINAL_TYPE (EfirEpisodeGuest, efir_episode_guest, EFIR, EPISODE_GUEST, GObject)

EfirEpisodeGuest *efir_episode_guest_new           (const char       *name,
                                                    const char       *role);
EfirEpisodeGuest *efir_episode_guest_copy          (EfirEpisodeGuest *self);
gboolean          efir_episode_guest_equal         (EfirEpisodeGuest *a,
                                                    EfirEpisodeGuest *b);

gint64            efir_episode_guest_get_person_id (EfirEpisodeGuest *self);
void              efir_episode_guest_set_person_id (EfirEpisodeGuest *self,
                                                    gint64            person_id);
const char       *efir_episode_guest_get_name      (EfirEpisodeGuest *self);
void              efir_episode_guest_set_name      (EfirEpisodeGuest *self,
                                                    const char       *name);
const char       *efir_episode_guest_get_role      (EfirEpisodeGuest *self);
void              efir_episode_guest_set_role      (EfirEpisodeGuest *self,
                                                    const char       *role);

G_END_DECLS
