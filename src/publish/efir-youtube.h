/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The length of every YouTube video id. */
#define EFIR_YOUTUBE_ID_LENGTH 11

char *efir_youtube_video_id   (const char *url);
char *efir_youtube_watch_url  (const char *video_id);
char *efir_youtube_moment_url (const char *video_id,
                               double      seconds);

G_END_DECLS
