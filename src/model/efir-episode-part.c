/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-part"

#include "config.h"

#include "efir-episode-part.h"

/* Types ------------------------------------------------------------------ */

static const GFlagsValue part_values[] = {
  { EFIR_EPISODE_PART_DETAILS, "EFIR_EPISODE_PART_DETAILS", "details" },
  { EFIR_EPISODE_PART_GUESTS, "EFIR_EPISODE_PART_GUESTS", "guests" },
  { EFIR_EPISODE_PART_QUOTES, "EFIR_EPISODE_PART_QUOTES", "quotes" },
  { EFIR_EPISODE_PART_TRANSCRIPT, "EFIR_EPISODE_PART_TRANSCRIPT", "transcript" },
  { EFIR_EPISODE_PART_SOCIAL_LINKS, "EFIR_EPISODE_PART_SOCIAL_LINKS", "social-links" },
  { EFIR_EPISODE_PART_ALL, "EFIR_EPISODE_PART_ALL", "all" },
  { 0, NULL, NULL },
};

GType
efir_episode_part_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_flags_register_static (g_intern_static_string ("EfirEpisodePart"),
                                            part_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}
