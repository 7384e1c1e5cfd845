/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-guest"

#include "config.h"

#include "efir-episode-guest.h"
#include "efir-model-private.h"

/* Types and properties --------------------------------------------------- */

/* A guest as billed in one episode. The name and role are kept here as well
 * as in the directory: the page shows what the guest was called that day,
 * even if the directory entry is renamed later.
 */
struct _EfirEpisodeGuest
{
  GObject parent_instance;

  /* Owned */
  gint64  person_id;
  char   *name;
  char   *role;
};

G_DEFINE_FINAL_TYPE (EfirEpisodeGuest, efir_episode_guest, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON_ID,
  PROP_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Public API ------------------------------------------------------------- */

/**
 * efir_episode_guest_new:
 * @name: (nullable): the guest's name
 * @role: (nullable): the guest's role, such as "Political commentator"
 *
 * Returns: (transfer full): a guest not linked to the directory yet
 */
EfirEpisodeGuest *
efir_episode_guest_new (const char *name,
                        const char *role)
{
  return g_object_new (EFIR_TYPE_EPISODE_GUEST,
                       "name", name,
                       "role", role,
                       NULL);
}

/**
 * efir_episode_guest_copy:
 * @self: a guest
 *
 * Returns: (transfer full): a new guest with the same values
 */
EfirEpisodeGuest *
efir_episode_guest_copy (EfirEpisodeGuest *self)
{
  EfirEpisodeGuest *copy;

  g_return_val_if_fail (EFIR_IS_EPISODE_GUEST (self), NULL);

  copy = efir_episode_guest_new (self->name, self->role);
  copy->person_id = self->person_id;

  return copy;
}

/**
 * efir_episode_guest_equal:
 * @a: a guest
 * @b: another guest
 *
 * Returns: whether @a and @b hold the same values
 */
gboolean
efir_episode_guest_equal (EfirEpisodeGuest *a,
                          EfirEpisodeGuest *b)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_GUEST (a), FALSE);
  g_return_val_if_fail (EFIR_IS_EPISODE_GUEST (b), FALSE);

  return a->person_id == b->person_id &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->role, b->role) == 0;
}

/**
 * efir_episode_guest_get_person_id:
 * @self: a guest
 *
 * Returns: the id of the guest's directory entry, or 0 while the guest is not
 *   in the directory
 */
gint64
efir_episode_guest_get_person_id (EfirEpisodeGuest *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_GUEST (self), 0);

  return self->person_id;
}

void
efir_episode_guest_set_person_id (EfirEpisodeGuest *self,
                                  gint64            person_id)
{
  g_return_if_fail (EFIR_IS_EPISODE_GUEST (self));
  g_return_if_fail (person_id >= 0);

  if (self->person_id == person_id)
    return;

  self->person_id = person_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON_ID]);
}

const char *
efir_episode_guest_get_name (EfirEpisodeGuest *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_GUEST (self), NULL);

  return EFIR_MODEL_STRING (self->name);
}

void
efir_episode_guest_set_name (EfirEpisodeGuest *self,
                             const char       *name)
{
  g_return_if_fail (EFIR_IS_EPISODE_GUEST (self));

  if (efir_model_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
efir_episode_guest_get_role (EfirEpisodeGuest *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_GUEST (self), NULL);

  return EFIR_MODEL_STRING (self->role);
}

void
efir_episode_guest_set_role (EfirEpisodeGuest *self,
                             const char       *role)
{
  g_return_if_fail (EFIR_IS_EPISODE_GUEST (self));

  if (efir_model_set_string (&self->role, role))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_episode_guest_finalize (GObject *object)
{
  EfirEpisodeGuest *self = (EfirEpisodeGuest *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (efir_episode_guest_parent_class)->finalize (object);
}

static void
efir_episode_guest_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfirEpisodeGuest *self = EFIR_EPISODE_GUEST (object);

  switch (prop_id)
    {
    case PROP_PERSON_ID:
      g_value_set_int64 (value, self->person_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, efir_episode_guest_get_name (self));
      break;

    case PROP_ROLE:
      g_value_set_string (value, efir_episode_guest_get_role (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_episode_guest_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EfirEpisodeGuest *self = EFIR_EPISODE_GUEST (object);

  switch (prop_id)
    {
    case PROP_PERSON_ID:
      efir_episode_guest_set_person_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      efir_episode_guest_set_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      efir_episode_guest_set_role (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_episode_guest_class_init (EfirEpisodeGuestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_episode_guest_finalize;
  object_class->get_property = efir_episode_guest_get_property;
  object_class->set_property = efir_episode_guest_set_property;

  properties[PROP_PERSON_ID] =
    g_param_spec_int64 ("person-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_episode_guest_init (EfirEpisodeGuest *self)
{
}
