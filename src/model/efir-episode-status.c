/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-status"

#include "config.h"

#include "efir-episode-status.h"

/* Types ------------------------------------------------------------------ */

/* The nicks double as the stored and exported names of each status. */
static const GEnumValue status_values[] = {
  { EFIR_EPISODE_STATUS_DRAFT, "EFIR_EPISODE_STATUS_DRAFT", "draft" },
  { EFIR_EPISODE_STATUS_READY, "EFIR_EPISODE_STATUS_READY", "ready" },
  { EFIR_EPISODE_STATUS_SCHEDULED, "EFIR_EPISODE_STATUS_SCHEDULED", "scheduled" },
  { EFIR_EPISODE_STATUS_PUBLISHED, "EFIR_EPISODE_STATUS_PUBLISHED", "published" },
  { EFIR_EPISODE_STATUS_FAILED, "EFIR_EPISODE_STATUS_FAILED", "failed" },
  { 0, NULL, NULL },
};

GType
efir_episode_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("EfirEpisodeStatus"),
                                           status_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_episode_status_to_string:
 * @status: a status
 *
 * Returns: (transfer none): the stable name of @status ("draft", "ready",
 *   "scheduled", "published" or "failed")
 */
const char *
efir_episode_status_to_string (EfirEpisodeStatus status)
{
  for (guint i = 0; status_values[i].value_nick != NULL; i++)
    {
      if (status_values[i].value == (gint) status)
        return status_values[i].value_nick;
    }

  g_return_val_if_reached (NULL);
}

/**
 * efir_episode_status_from_string:
 * @string: (nullable): a name written by efir_episode_status_to_string()
 * @out: (out) (optional): where to store the status
 *
 * Returns: %TRUE if @string names a status; @out is left alone otherwise
 */
gboolean
efir_episode_status_from_string (const char        *string,
                                 EfirEpisodeStatus *out)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; status_values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (status_values[i].value_nick, string))
        {
          if (out != NULL)
            *out = status_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}
