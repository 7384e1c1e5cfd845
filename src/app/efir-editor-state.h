/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-model.h"

G_BEGIN_DECLS

/*
 * What the episode editor shows and writes, computed from the model without
 * widgets, so that it is tested without a display.
 */

#define EFIR_EDITOR_STATE_ERROR (efir_editor_state_error_quark ())

typedef enum
{
  EFIR_EDITOR_STATE_ERROR_INVALID_DATE,
  EFIR_EDITOR_STATE_ERROR_INVALID_TIME,
  EFIR_EDITOR_STATE_ERROR_INVALID_ZONE,
  EFIR_EDITOR_STATE_ERROR_INVALID_DURATION,
} EfirEditorStateError;

typedef enum
{
  EFIR_MARKDOWN_STYLE_BOLD,
  EFIR_MARKDOWN_STYLE_ITALIC,
  EFIR_MARKDOWN_STYLE_LINK,
} EfirMarkdownStyle;

/* The sections of the editor, top to bottom. */
typedef enum
{
  EFIR_EDITOR_SECTION_DETAILS,
  EFIR_EDITOR_SECTION_GUESTS,
  EFIR_EDITOR_SECTION_SUMMARY,
  EFIR_EDITOR_SECTION_QUOTES,
  EFIR_EDITOR_SECTION_TRANSCRIPT,
  EFIR_EDITOR_SECTION_SOCIAL_LINKS,
  EFIR_EDITOR_SECTION_PUBLICATION,
  EFIR_EDITOR_N_SECTIONS,
} EfirEditorSection;

GQuark              efir_editor_state_error_quark           (void);

/* Slug */
gboolean            efir_editor_state_slug_is_edited        (const char         *title,
                                                             const char         *slug);
gboolean            efir_editor_state_slug_follows_title    (const char         *title,
                                                             const char         *slug,
                                                             EfirEpisodeStatus   status);
char               *efir_editor_state_slug_for              (const char         *title,
                                                             const char         *current_slug,
                                                             gboolean            slug_edited);

/* Title */
char               *efir_editor_state_one_line              (const char         *text,
                                                             gssize              length);

/* Addresses */
gboolean            efir_editor_state_url_shows_error       (const char         *text);

/* Air date and duration */
GTimeZone          *efir_editor_state_zone_for              (const char         *zone_id);
char               *efir_editor_state_format_zone           (GTimeZone          *zone,
                                                             GDateTime          *when);
gboolean            efir_editor_state_parse_time            (const char         *hh_mm,
                                                             int                *out_hour,
                                                             int                *out_minute);
GDateTime          *efir_editor_state_air_date_from         (const GDate        *day,
                                                             const char         *hh_mm,
                                                             const char         *zone_id,
                                                             GError            **error);
char               *efir_editor_state_format_day            (GDateTime          *air_date);
char               *efir_editor_state_format_duration       (int                 seconds);
gboolean            efir_editor_state_parse_duration        (const char         *text,
                                                             int                *out_seconds,
                                                             GError            **error);

/* Tags */
char              **efir_editor_state_tags_add              (const char * const *tags,
                                                             const char         *text);
char              **efir_editor_state_tags_remove           (const char * const *tags,
                                                             const char         *tag);

/* Status */
const char         *efir_editor_state_status_label          (EfirEpisodeStatus   status);
guint               efir_editor_state_status_position       (EfirEpisodeStatus   status);
EfirEpisodeStatus   efir_editor_state_status_from_position  (guint               position);
gboolean            efir_editor_state_status_is_editable    (EfirEpisodeStatus   status);

/* Summary */
char               *efir_editor_state_word_count_label      (guint               words);
char               *efir_editor_state_markdown_wrap         (const char         *selection,
                                                             EfirMarkdownStyle   style,
                                                             int                *out_select_start,
                                                             int                *out_select_end);
guint               efir_editor_state_markdown_marker_around (const char        *before,
                                                              const char        *after,
                                                              EfirMarkdownStyle  style);

/* Sections */
EfirEditorSection   efir_editor_state_section_at            (const double       *tops,
                                                             guint               n_tops,
                                                             double              scroll_y,
                                                             double              page_size,
                                                             double              upper);

G_END_DECLS
