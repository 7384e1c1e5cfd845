/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a link points. The order is the order a page lists the platforms
 * in; WEBSITE is anything Efir does not know by name. */
typedef enum
{
  EFIR_SOCIAL_PLATFORM_WEBSITE,
  EFIR_SOCIAL_PLATFORM_YOUTUBE,
  EFIR_SOCIAL_PLATFORM_FACEBOOK,
  EFIR_SOCIAL_PLATFORM_INSTAGRAM,
  EFIR_SOCIAL_PLATFORM_X,
  EFIR_SOCIAL_PLATFORM_TELEGRAM,
  EFIR_SOCIAL_PLATFORM_TIKTOK,
} EfirSocialPlatform;

#define EFIR_SOCIAL_N_PLATFORMS (EFIR_SOCIAL_PLATFORM_TIKTOK + 1)

EfirSocialPlatform  efir_social_recognise                (const char         *url);

const char         *efir_social_platform_to_string       (EfirSocialPlatform  platform);
gboolean            efir_social_platform_from_string     (const char         *name,
                                                          EfirSocialPlatform *out_platform);
const char         *efir_social_platform_display_name    (EfirSocialPlatform  platform);
const char         *efir_social_platform_icon_name       (EfirSocialPlatform  platform);

G_END_DECLS
