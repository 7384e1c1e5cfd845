/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "efir-social-platform.h"

G_BEGIN_DECLS

/* A Telegram post with a video or a photo carries its text as a caption,
 * which is shorter than a message. */
#define EFIR_TELEGRAM_CAPTION_LIMIT 1024

guint efir_post_length        (EfirSocialPlatform  platform,
                               const char         *text);
guint efir_post_length_limit  (EfirSocialPlatform  platform);
guint efir_post_length_x      (const char         *text);

G_END_DECLS
