/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "efir-application.h"
#include "efir-episode-editor.h"
#include "efir-session.h"
#include "efir-store.h"

G_BEGIN_DECLS

#define EFIR_TYPE_WINDOW (efir_window_get_type ())
G_DECLARE_FINAL_TYPE (EfirWindow, efir_window, EFIR, WINDOW, AdwApplicationWindow)

/* store is NULL when the database could not be opened; open_error then says
 * why and the window offers the latest good backup instead. A store opened
 * with EFIR_STORE_OPEN_DEFER_CHECK is checked once the window has painted
 * its first frame (the "first-frame" signal). */
EfirWindow        *efir_window_new                 (EfirApplication *application,
                                                    EfirStore       *store,
                                                    const char      *db_path,
                                                    const GError    *open_error);
EfirEpisodeEditor *efir_window_get_editor          (EfirWindow      *self);
EfirEpisode       *efir_window_get_current_episode (EfirWindow      *self);
EfirSession       *efir_window_get_session         (EfirWindow      *self);
void               efir_window_open_episode        (EfirWindow      *self,
                                                    gint64           episode_id);
/* Preferences, with the window's publisher: a site signed in or out
 * there is at once so for the window's publications. */
void               efir_window_show_preferences    (EfirWindow      *self);
/* What a drop of an episode file does: the file is read, then imported
 * in the background; a toast says how it went. */
void               efir_window_import              (EfirWindow      *self,
                                                    GFile           *file);

G_END_DECLS
