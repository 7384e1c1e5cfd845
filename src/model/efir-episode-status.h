/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Where an episode stands on its way to the programme's site. The strings are
 * stored in the database and written to episode files, so they never change.
 */
typedef enum
{
  EFIR_EPISODE_STATUS_DRAFT,
  EFIR_EPISODE_STATUS_READY,
  EFIR_EPISODE_STATUS_SCHEDULED,
  EFIR_EPISODE_STATUS_PUBLISHED,
  EFIR_EPISODE_STATUS_FAILED,
} EfirEpisodeStatus;

#define EFIR_TYPE_EPISODE_STATUS (efir_episode_status_get_type ())

GType       efir_episode_status_get_type    (void) G_GNUC_CONST;
const char *efir_episode_status_to_string   (EfirEpisodeStatus  status);
gboolean    efir_episode_status_from_string (const char        *string,
                                             EfirEpisodeStatus *out);

G_END_DECLS
