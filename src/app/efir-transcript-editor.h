/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "efir-model.h"
#include "efir-transcript-state.h"

G_BEGIN_DECLS

#define EFIR_TYPE_TRANSCRIPT_EDITOR (efir_transcript_editor_get_type ())

G_DECLARE_FINAL_TYPE (EfirTranscriptEditor, efir_transcript_editor, EFIR, TRANSCRIPT_EDITOR, GtkWidget)

GtkWidget   *efir_transcript_editor_new          (void);

EfirEpisode *efir_transcript_editor_get_episode  (EfirTranscriptEditor *self);
void         efir_transcript_editor_set_episode  (EfirTranscriptEditor *self,
                                                  EfirEpisode          *episode);
void         efir_transcript_editor_flush        (EfirTranscriptEditor *self);

GPtrArray   *efir_transcript_editor_get_problems (EfirTranscriptEditor *self);

G_END_DECLS
