/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-person"

#include "config.h"

#include "efir-model-private.h"
#include "efir-person.h"

/* Types and properties --------------------------------------------------- */

/* An entry of the guest directory: someone who has been or may be on air. */
struct _EfirPerson
{
  GObject parent_instance;

  /* Owned */
  gint64  id;
  char   *name;
  char   *default_role;
  char   *bio;
  char   *photo_path;
};

G_DEFINE_FINAL_TYPE (EfirPerson, efir_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DEFAULT_ROLE,
  PROP_BIO,
  PROP_PHOTO_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static void
set_string_property (EfirPerson  *self,
                     char       **field,
                     const char  *value,
                     guint        prop_id)
{
  if (efir_model_set_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_person_new:
 * @name: (nullable): the person's full name
 *
 * Returns: (transfer full): a directory entry not stored yet (id 0)
 */
EfirPerson *
efir_person_new (const char *name)
{
  return g_object_new (EFIR_TYPE_PERSON, "name", name, NULL);
}

gint64
efir_person_get_id (EfirPerson *self)
{
  g_return_val_if_fail (EFIR_IS_PERSON (self), 0);

  return self->id;
}

void
efir_person_set_id (EfirPerson *self,
                    gint64      id)
{
  g_return_if_fail (EFIR_IS_PERSON (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
efir_person_get_name (EfirPerson *self)
{
  g_return_val_if_fail (EFIR_IS_PERSON (self), NULL);

  return EFIR_MODEL_STRING (self->name);
}

void
efir_person_set_name (EfirPerson *self,
                      const char *name)
{
  g_return_if_fail (EFIR_IS_PERSON (self));

  set_string_property (self, &self->name, name, PROP_NAME);
}

/**
 * efir_person_get_default_role:
 * @self: a person
 *
 * Returns: the role proposed when the person is added to an episode, such as
 *   "Political commentator"; "" when none
 */
const char *
efir_person_get_default_role (EfirPerson *self)
{
  g_return_val_if_fail (EFIR_IS_PERSON (self), NULL);

  return EFIR_MODEL_STRING (self->default_role);
}

void
efir_person_set_default_role (EfirPerson *self,
                              const char *default_role)
{
  g_return_if_fail (EFIR_IS_PERSON (self));

  set_string_property (self, &self->default_role, default_role, PROP_DEFAULT_ROLE);
}

const char *
efir_person_get_bio (EfirPerson *self)
{
  g_return_val_if_fail (EFIR_IS_PERSON (self), NULL);

  return EFIR_MODEL_STRING (self->bio);
}

void
efir_person_set_bio (EfirPerson *self,
                     const char *bio)
{
  g_return_if_fail (EFIR_IS_PERSON (self));

  set_string_property (self, &self->bio, bio, PROP_BIO);
}

const char *
efir_person_get_photo_path (EfirPerson *self)
{
  g_return_val_if_fail (EFIR_IS_PERSON (self), NULL);

  return EFIR_MODEL_STRING (self->photo_path);
}

void
efir_person_set_photo_path (EfirPerson *self,
                            const char *photo_path)
{
  g_return_if_fail (EFIR_IS_PERSON (self));

  set_string_property (self, &self->photo_path, photo_path, PROP_PHOTO_PATH);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_person_finalize (GObject *object)
{
  EfirPerson *self = (EfirPerson *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->default_role, g_free);
  g_clear_pointer (&self->bio, g_free);
  g_clear_pointer (&self->photo_path, g_free);

  G_OBJECT_CLASS (efir_person_parent_class)->finalize (object);
}

static void
efir_person_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EfirPerson *self = EFIR_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, efir_person_get_name (self));
      break;

    case PROP_DEFAULT_ROLE:
      g_value_set_string (value, efir_person_get_default_role (self));
      break;

    case PROP_BIO:
      g_value_set_string (value, efir_person_get_bio (self));
      break;

    case PROP_PHOTO_PATH:
      g_value_set_string (value, efir_person_get_photo_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_person_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EfirPerson *self = EFIR_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      efir_person_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      efir_person_set_name (self, g_value_get_string (value));
      break;

    case PROP_DEFAULT_ROLE:
      efir_person_set_default_role (self, g_value_get_string (value));
      break;

    case PROP_BIO:
      efir_person_set_bio (self, g_value_get_string (value));
      break;

    case PROP_PHOTO_PATH:
      efir_person_set_photo_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_person_class_init (EfirPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_person_finalize;
  object_class->get_property = efir_person_get_property;
  object_class->set_property = efir_person_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_ROLE] =
    g_param_spec_string ("default-role", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BIO] =
    g_param_spec_string ("bio", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHOTO_PATH] =
    g_param_spec_string ("photo-path", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_person_init (EfirPerson *self)
{
}
