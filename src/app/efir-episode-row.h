/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "efir-model.h"

G_BEGIN_DECLS

#define EFIR_TYPE_EPISODE_ROW (efir_episode_row_get_type ())
G_DECLARE_FINAL_TYPE (EfirEpisodeRow, efir_episode_row, EFIR, EPISODE_ROW, GtkWidget)

GtkWidget *efir_episode_row_new         (void);
void       efir_episode_row_set_episode (EfirEpisodeRow *self,
                                         EfirEpisode    *episode);
/* The texts the row draws: its heading and the line under it. */
const char *efir_episode_row_get_title_text    (EfirEpisodeRow *self);
const char *efir_episode_row_get_subtitle_text (EfirEpisodeRow *self);

/* What a row shows, computed without widgets. */
char       *efir_episode_row_heading    (EfirEpisode    *episode);
char       *efir_episode_row_subtitle   (EfirEpisode    *episode);
const char *efir_episode_row_status     (EfirEpisodeStatus status);

G_END_DECLS
