/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-model.h"
#include "efir-social-platform.h"

G_BEGIN_DECLS

const char *efir_share_default_template (EfirSocialPlatform  platform);
char       *efir_share_text             (EfirSocialPlatform  platform,
                                         const char         *template_text,
                                         EfirProgram        *program,
                                         EfirEpisode        *episode,
                                         const char         *link);

G_END_DECLS
