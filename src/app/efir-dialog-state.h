/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-model.h"
#include "efir-social.h"

G_BEGIN_DECLS

/*
 * What the history window, the programme settings and the guest directory
 * show and write, computed from the model without widgets, so that it is
 * tested without a display.
 */

/* History: every part of an episode a restore puts back, in the order of
 * the editor's sections. */
typedef enum
{
  EFIR_HISTORY_FIELD_TITLE,
  EFIR_HISTORY_FIELD_NUMBER,
  EFIR_HISTORY_FIELD_AIR_DATE,
  EFIR_HISTORY_FIELD_DURATION,
  EFIR_HISTORY_FIELD_VIDEO_URL,
  EFIR_HISTORY_FIELD_SLUG,
  EFIR_HISTORY_FIELD_TAGS,
  EFIR_HISTORY_FIELD_STATUS,
  EFIR_HISTORY_FIELD_GUESTS,
  EFIR_HISTORY_FIELD_SUMMARY,
  EFIR_HISTORY_FIELD_QUOTES,
  EFIR_HISTORY_FIELD_TRANSCRIPT,
  EFIR_HISTORY_FIELD_LINKS,
  EFIR_HISTORY_N_FIELDS
} EfirHistoryField;

/* Whether the desktop shows the time on the 24-hour clock (yes where it
 * does not say). */
gboolean    efir_dialog_state_clock_is_24h    (void);
const char *efir_dialog_state_revision_reason (const char         *reason);
char       *efir_dialog_state_revision_time   (GDateTime          *created,
                                               GDateTime          *now,
                                               gboolean            use_24h);
const char *efir_dialog_state_field_name      (EfirHistoryField    field);
char       *efir_dialog_state_field_text      (EfirEpisode        *episode,
                                               EfirHistoryField    field);
guint       efir_dialog_state_changed_fields  (EfirEpisode        *before,
                                               EfirEpisode        *after);
char       *efir_dialog_state_changes_label   (EfirEpisode        *before,
                                               EfirEpisode        *after);
char       *efir_dialog_state_diff_summary    (guint               n_removed,
                                               guint               n_added);

/* Programme settings */
guint       efir_dialog_state_language_index  (const char         *language);
const char *efir_dialog_state_language_code   (guint               index);
GStrv       efir_dialog_state_time_zones      (const char         *zone_table,
                                               const char         *current);
char       *efir_dialog_state_time_zone_label (const char         *identifier);
const char *efir_dialog_state_hashtags_problem (const char         *text);
GStrv       efir_dialog_state_add_hashtags    (const char * const *hashtags,
                                               const char         *text);

/* Share texts */
char       *efir_dialog_state_share_counter   (EfirSocialPlatform  platform,
                                               const char         *text,
                                               gboolean           *out_over);
char       *efir_dialog_state_share_note      (EfirSocialPlatform  platform,
                                               const char         *text);

/* Guest directory */
gboolean    efir_dialog_state_person_matches  (const char         *query,
                                               EfirPerson         *person);
guint       efir_dialog_state_name_to_keep    (EfirPerson         *a,
                                               EfirPerson         *b);

G_END_DECLS
