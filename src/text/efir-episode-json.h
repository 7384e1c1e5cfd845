/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-episode.h"

G_BEGIN_DECLS

/*
 * The episode file: Efir's interchange format, version 1, read and written by
 * Import/Export and `efir-cli episode import/export`. See DESIGN.md.
 *
 * Database ids (of the episode, its programme and its guests' directory
 * entries) are not part of the file: the programme travels by name, guests by
 * name and role. A social link's platform is written when known; on reading,
 * a link without one gets "" and the caller recognises it from the URL.
 *
 * The air date is written with its offset ("2024-10-04T20:00:00+04:00",
 * "+00:00" for UTC, null when not set) and must carry one when read. Times in
 * seconds are written in the shortest form that reads back exactly.
 */

#define EFIR_EPISODE_JSON_FORMAT "efir-episode/1"

#define EFIR_EPISODE_JSON_ERROR (efir_episode_json_error_quark ())

typedef enum
{
  EFIR_EPISODE_JSON_ERROR_INVALID_JSON,  /* not JSON at all; the message names the line */
  EFIR_EPISODE_JSON_ERROR_WRONG_FORMAT,  /* JSON, but not an episode file of this version */
  EFIR_EPISODE_JSON_ERROR_INVALID_FIELD, /* a field has the wrong type or value; the message names it */
} EfirEpisodeJsonError;

GQuark       efir_episode_json_error_quark (void);

char        *efir_episode_to_json          (EfirEpisode  *episode,
                                            gboolean      pretty);
EfirEpisode *efir_episode_from_json        (const char   *data,
                                            gssize        length,
                                            GError      **error);

G_END_DECLS
