/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * The parts of an episode that are saved separately. EfirEpisode::changed
 * carries a set of them so that the autosaver rewrites only what is dirty.
 */
typedef enum /*< flags >*/
{
  EFIR_EPISODE_PART_DETAILS      = 1 << 0, /* any scalar property, tags, status, program */
  EFIR_EPISODE_PART_GUESTS       = 1 << 1,
  EFIR_EPISODE_PART_QUOTES       = 1 << 2,
  EFIR_EPISODE_PART_TRANSCRIPT   = 1 << 3,
  EFIR_EPISODE_PART_SOCIAL_LINKS = 1 << 4,
  EFIR_EPISODE_PART_ALL          = 0x1f,
} EfirEpisodePart;

#define EFIR_TYPE_EPISODE_PART (efir_episode_part_get_type ())

GType efir_episode_part_get_type (void) G_GNUC_CONST;

G_END_DECLS
