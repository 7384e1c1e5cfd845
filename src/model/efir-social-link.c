/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-social-link"

#include "config.h"

#include "efir-model-private.h"
#include "efir-social-link.h"

/* Types and properties --------------------------------------------------- */

/* Where the episode was shared: a post or video on another site. */
struct _EfirSocialLink
{
  GObject parent_instance;

  /* Owned */
  char *url;
  char *platform;
};

G_DEFINE_FINAL_TYPE (EfirSocialLink, efir_social_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_PLATFORM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Public API ------------------------------------------------------------- */

/**
 * efir_social_link_new:
 * @url: (nullable): the link
 * @platform: (nullable): the platform's short name, such as "youtube", or
 *   %NULL while it has not been recognised
 *
 * Returns: (transfer full): a new social link
 */
EfirSocialLink *
efir_social_link_new (const char *url,
                      const char *platform)
{
  return g_object_new (EFIR_TYPE_SOCIAL_LINK,
                       "url", url,
                       "platform", platform,
                       NULL);
}

/**
 * efir_social_link_copy:
 * @self: a social link
 *
 * Returns: (transfer full): a new social link with the same values
 */
EfirSocialLink *
efir_social_link_copy (EfirSocialLink *self)
{
  g_return_val_if_fail (EFIR_IS_SOCIAL_LINK (self), NULL);

  return efir_social_link_new (self->url, self->platform);
}

/**
 * efir_social_link_equal:
 * @a: a social link
 * @b: another social link
 *
 * Returns: whether @a and @b hold the same values
 */
gboolean
efir_social_link_equal (EfirSocialLink *a,
                        EfirSocialLink *b)
{
  g_return_val_if_fail (EFIR_IS_SOCIAL_LINK (a), FALSE);
  g_return_val_if_fail (EFIR_IS_SOCIAL_LINK (b), FALSE);

  return g_strcmp0 (a->url, b->url) == 0 &&
         g_strcmp0 (a->platform, b->platform) == 0;
}

const char *
efir_social_link_get_url (EfirSocialLink *self)
{
  g_return_val_if_fail (EFIR_IS_SOCIAL_LINK (self), NULL);

  return EFIR_MODEL_STRING (self->url);
}

void
efir_social_link_set_url (EfirSocialLink *self,
                          const char     *url)
{
  g_return_if_fail (EFIR_IS_SOCIAL_LINK (self));

  if (efir_model_set_string (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * efir_social_link_get_platform:
 * @self: a social link
 *
 * Returns: the platform's short name, or "" while it is not known
 */
const char *
efir_social_link_get_platform (EfirSocialLink *self)
{
  g_return_val_if_fail (EFIR_IS_SOCIAL_LINK (self), NULL);

  return EFIR_MODEL_STRING (self->platform);
}

void
efir_social_link_set_platform (EfirSocialLink *self,
                               const char     *platform)
{
  g_return_if_fail (EFIR_IS_SOCIAL_LINK (self));

  if (efir_model_set_string (&self->platform, platform))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLATFORM]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_social_link_finalize (GObject *object)
{
  EfirSocialLink *self = (EfirSocialLink *) object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->platform, g_free);

  G_OBJECT_CLASS (efir_social_link_parent_class)->finalize (object);
}

static void
efir_social_link_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EfirSocialLink *self = EFIR_SOCIAL_LINK (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, efir_social_link_get_url (self));
      break;

    case PROP_PLATFORM:
      g_value_set_string (value, efir_social_link_get_platform (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_social_link_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EfirSocialLink *self = EFIR_SOCIAL_LINK (object);

  switch (prop_id)
    {
    case PROP_URL:
      efir_social_link_set_url (self, g_value_get_string (value));
      break;

    case PROP_PLATFORM:
      efir_social_link_set_platform (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_social_link_class_init (EfirSocialLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_social_link_finalize;
  object_class->get_property = efir_social_link_get_property;
  object_class->set_property = efir_social_link_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_social_link_init (EfirSocialLink *self)
{
}
