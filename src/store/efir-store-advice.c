/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-store-advice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-episode-json.h"
#include "efir-store-advice.h"
#include "efir-store-error.h"

/* Public API ------------------------------------------------------------- */

/**
 * efir_store_advice:
 * @error: an error of the store, or of an episode file it read
 * @sentence: (out) (optional) (transfer none): what the producer can do,
 *   a whole translated sentence to show after @error's message
 *
 * Returns: the action that fits @error
 */
EfirStoreAction
efir_store_advice (const GError  *error,
                   const char   **sentence)
{
  EfirStoreAction action = EFIR_STORE_ACTION_NONE;
  const char *text = N_("The archive has not been changed. If this happens again, keep the "
                        "file as it is and report the message.");

  g_return_val_if_fail (error != NULL, EFIR_STORE_ACTION_NONE);

  if (error->domain == EFIR_EPISODE_JSON_ERROR)
    {
      action = EFIR_STORE_ACTION_NONE;
      text = N_("The archive has not been changed. Correct the episode file and try again.");
    }
  else if (error->domain == EFIR_STORE_ERROR)
    {
      switch ((EfirStoreError) error->code)
        {
        case EFIR_STORE_ERROR_BUSY:
          action = EFIR_STORE_ACTION_RETRY;
          text = N_("Another program is writing to the archive. Wait until it is done, then "
                    "try again.");
          break;

        case EFIR_STORE_ERROR_FULL:
          action = EFIR_STORE_ACTION_FREE_SPACE;
          text = N_("Nothing is wrong with the archive. Free some space on the disk, then try "
                    "again.");
          break;

        case EFIR_STORE_ERROR_READ_ONLY:
          action = EFIR_STORE_ACTION_READ_ONLY;
          text = N_("The archive can still be read, searched and exported with edits off. To "
                    "edit, move it to a folder you may write to.");
          break;

        case EFIR_STORE_ERROR_TOO_NEW:
          action = EFIR_STORE_ACTION_UPDATE_EFIR;
          text = N_("A newer Efir wrote this archive. Update Efir to open it; the file has "
                    "not been changed.");
          break;

        case EFIR_STORE_ERROR_CORRUPT:
        case EFIR_STORE_ERROR_NOT_A_DATABASE:
          action = EFIR_STORE_ACTION_RESTORE;
          text = N_("Open the latest good backup instead; the file as it is now is kept "
                    "beside it.");
          break;

        case EFIR_STORE_ERROR_NOT_FOUND:
        case EFIR_STORE_ERROR_CONFLICT:
        case EFIR_STORE_ERROR_SQLITE:
        default:
          break;
        }
    }

  if (sentence != NULL)
    *sentence = _(text);

  return action;
}
