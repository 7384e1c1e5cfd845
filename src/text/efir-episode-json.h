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
  EFIR_EPISODE_JSON_ERROR_INCOMPLETE,    /* fields of the contract are missing; the message names them */
} EfirEpisodeJsonError;

/* No episode file nests lists and objects this deep; a deeper one is
 * refused before it is parsed, whose recursion it would exhaust. */
#define EFIR_EPISODE_JSON_MAX_DEPTH 64

/* The fields of the file, for a reader that needs to know which it gave. */
typedef enum /*< flags >*/
{
  EFIR_EPISODE_JSON_FIELD_PROGRAM      = 1 << 0,
  EFIR_EPISODE_JSON_FIELD_NUMBER       = 1 << 1,
  EFIR_EPISODE_JSON_FIELD_TITLE        = 1 << 2,
  EFIR_EPISODE_JSON_FIELD_AIR_DATE     = 1 << 3,
  EFIR_EPISODE_JSON_FIELD_VIDEO_URL    = 1 << 4,
  EFIR_EPISODE_JSON_FIELD_DURATION     = 1 << 5,
  EFIR_EPISODE_JSON_FIELD_GUESTS       = 1 << 6,
  EFIR_EPISODE_JSON_FIELD_SUMMARY      = 1 << 7,
  EFIR_EPISODE_JSON_FIELD_QUOTES       = 1 << 8,
  EFIR_EPISODE_JSON_FIELD_TRANSCRIPT   = 1 << 9,
  EFIR_EPISODE_JSON_FIELD_SOCIAL_LINKS = 1 << 10,
  EFIR_EPISODE_JSON_FIELD_TAGS         = 1 << 11,
  EFIR_EPISODE_JSON_FIELD_SLUG         = 1 << 12,
  EFIR_EPISODE_JSON_FIELD_STATUS       = 1 << 13,
} EfirEpisodeJsonField;

/* What DESIGN.md says every episode file has: all but the slug. */
#define EFIR_EPISODE_JSON_FIELDS_REQUIRED (0x3fff & ~EFIR_EPISODE_JSON_FIELD_SLUG)

typedef enum
{
  EFIR_EPISODE_JSON_READ_DEFAULT     = 0,
  /* A file without every required field is EFIR_EPISODE_JSON_ERROR_INCOMPLETE. */
  EFIR_EPISODE_JSON_READ_REQUIRE_ALL = 1 << 0,
} EfirEpisodeJsonReadFlags;

GQuark       efir_episode_json_error_quark (void);

char        *efir_episode_to_json          (EfirEpisode  *episode,
                                            gboolean      pretty);
EfirEpisode *efir_episode_from_json        (const char   *data,
                                            gssize        length,
                                            GError      **error);
EfirEpisode *efir_episode_from_json_full   (const char                *data,
                                            gssize                     length,
                                            EfirEpisodeJsonReadFlags   flags,
                                            EfirEpisodeJsonField      *fields,
                                            GError                   **error);

G_END_DECLS
