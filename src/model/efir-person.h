/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EFIR_TYPE_PERSON (efir_person_get_type ())

G_DECLARE_FINAL_TYPE (EfirPerson, efir_person, EFIR, PERSON, GObject)

EfirPerson *efir_person_new              (const char *name);

gint64      efir_person_get_id           (EfirPerson *self);
void        efir_person_set_id           (EfirPerson *self,
                                          gint64      id);
const char *efir_person_get_name         (EfirPerson *self);
void        efir_person_set_name         (EfirPerson *self,
                                          const char *name);
const char *efir_person_get_default_role (EfirPerson *self);
void        efir_person_set_default_role (EfirPerson *self,
                                          const char *default_role);
const char *efir_person_get_bio          (EfirPerson *self);
void        efir_person_set_bio          (EfirPerson *self,
                                          const char *bio);
const char *efir_person_get_photo_path   (EfirPerson *self);
void        efir_person_set_photo_path   (EfirPerson *self,
                                          const char *photo_path);

G_END_DECLS
