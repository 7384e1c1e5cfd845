/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EFIR_TYPE_SOCIAL_LINK (efir_social_link_get_type ())

G_DECLARE_FINAL_TYPE (EfirSocialLink, efir_social_link, EFIR, SOCIAL_LINK, GObject)

EfirSocialLink *efir_social_link_new          (const char     *url,
                                               const char     *platform);
EfirSocialLink *efir_social_link_copy         (EfirSocialLink *self);
gboolean        efir_social_link_equal        (EfirSocialLink *a,
                                               EfirSocialLink *b);

const char     *efir_social_link_get_url      (EfirSocialLink *self);
void            efir_social_link_set_url      (EfirSocialLink *self,
                                               const char     *url);
const char     *efir_social_link_get_platform (EfirSocialLink *self);
void            efir_social_link_set_platform (EfirSocialLink *self,
                                               const char     *platform);

G_END_DECLS
