/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

#include "efir-transcript-editor.h"

G_BEGIN_DECLS

/* The parts of the editor its tests drive as a producer would. */

GtkSourceView *efir_transcript_editor_get_view         (EfirTranscriptEditor *self);
GtkEditable   *efir_transcript_editor_get_find_entry   (EfirTranscriptEditor *self);
GtkEditable   *efir_transcript_editor_get_replace_entry (EfirTranscriptEditor *self);
GtkEditable   *efir_transcript_editor_get_time_entry   (EfirTranscriptEditor *self);
GtkLabel      *efir_transcript_editor_get_match_label  (EfirTranscriptEditor *self);
GtkSearchBar  *efir_transcript_editor_get_search_bar   (EfirTranscriptEditor *self);

G_END_DECLS
