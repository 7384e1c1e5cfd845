/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EFIR_TYPE_PROGRAM (efir_program_get_type ())

G_DECLARE_FINAL_TYPE (EfirProgram, efir_program, EFIR, PROGRAM, GObject)

EfirProgram        *efir_program_new                 (const char         *name);

gboolean            efir_program_language_is_valid   (const char         *language);

gint64              efir_program_get_id              (EfirProgram        *self);
void                efir_program_set_id              (EfirProgram        *self,
                                                      gint64              id);
const char         *efir_program_get_name            (EfirProgram        *self);
void                efir_program_set_name            (EfirProgram        *self,
                                                      const char         *name);
const char         *efir_program_get_language        (EfirProgram        *self);
void                efir_program_set_language        (EfirProgram        *self,
                                                      const char         *language);
const char         *efir_program_get_time_zone       (EfirProgram        *self);
void                efir_program_set_time_zone       (EfirProgram        *self,
                                                      const char         *time_zone);
const char         *efir_program_get_description     (EfirProgram        *self);
void                efir_program_set_description     (EfirProgram        *self,
                                                      const char         *description);
const char * const *efir_program_get_hosts           (EfirProgram        *self);
void                efir_program_set_hosts           (EfirProgram        *self,
                                                      const char * const *hosts);
const char * const *efir_program_get_hashtags        (EfirProgram        *self);
void                efir_program_set_hashtags        (EfirProgram        *self,
                                                      const char * const *hashtags);
const char * const *efir_program_get_social_accounts (EfirProgram        *self);
void                efir_program_set_social_accounts (EfirProgram        *self,
                                                      const char * const *social_accounts);
const char         *efir_program_get_share_template  (EfirProgram        *self,
                                                      const char         *platform);
void                efir_program_set_share_template  (EfirProgram        *self,
                                                      const char         *platform,
                                                      const char         *template_text);
char              **efir_program_dup_share_template_platforms (EfirProgram *self);

G_END_DECLS
