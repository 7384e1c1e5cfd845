/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-editor-state.h"
#include "efir-model.h"
#include "efir-publication-panel.h"
#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_EPISODE_EDITOR (efir_episode_editor_get_type ())
G_DECLARE_FINAL_TYPE (EfirEpisodeEditor, efir_episode_editor, EFIR, EPISODE_EDITOR, GtkWidget)

GtkWidget   *efir_episode_editor_new                 (void);

EfirEpisode *efir_episode_editor_get_episode         (EfirEpisodeEditor *self);
void         efir_episode_editor_set_episode         (EfirEpisodeEditor *self,
                                                      EfirEpisode       *episode);
void         efir_episode_editor_set_program         (EfirEpisodeEditor *self,
                                                      EfirProgram       *program);
void         efir_episode_editor_set_store           (EfirEpisodeEditor *self,
                                                      EfirStore         *store);
void         efir_episode_editor_set_tag_suggestions (EfirEpisodeEditor *self,
                                                      GListModel        *suggestions);
void         efir_episode_editor_set_people          (EfirEpisodeEditor *self,
                                                      GListModel        *people);
void         efir_episode_editor_flush               (EfirEpisodeEditor *self);
gboolean     efir_episode_editor_has_pending_text    (EfirEpisodeEditor *self);
void         efir_episode_editor_show_section        (EfirEpisodeEditor *self,
                                                      EfirEditorSection  section);
void         efir_episode_editor_activate_transcript_action (EfirEpisodeEditor *self,
                                                             const char        *action_name);
void         efir_episode_editor_add_section_bindings (GtkWidgetClass   *widget_class,
                                                       const char       *action_name);
EfirPublicationPanel *efir_episode_editor_get_publication_panel (EfirEpisodeEditor *self);

G_END_DECLS
