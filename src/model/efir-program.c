/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-program"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "efir-model-private.h"
#include "efir-program.h"

/* Types and properties --------------------------------------------------- */

#define DEFAULT_LANGUAGE  "az"
#define DEFAULT_TIME_ZONE "Asia/Baku"

struct _EfirProgram
{
  GObject parent_instance;

  /* Owned */
  gint64  id;
  char   *name;
  char   *language;
  char   *time_zone;
  char   *description;
  char  **hosts;
  char  **hashtags;
  char  **social_accounts;
  /* platform name → template text; only platforms with their own. */
  GHashTable *share_templates;
};

G_DEFINE_FINAL_TYPE (EfirProgram, efir_program, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LANGUAGE,
  PROP_TIME_ZONE,
  PROP_DESCRIPTION,
  PROP_HOSTS,
  PROP_HASHTAGS,
  PROP_SOCIAL_ACCOUNTS,
  PROP_SHARE_TEMPLATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_program_new:
 * @name: (nullable): the programme's name, as viewers know it
 *
 * Returns: (transfer full): a programme not stored yet (id 0)
 */
EfirProgram *
efir_program_new (const char *name)
{
  return g_object_new (EFIR_TYPE_PROGRAM, "name", name, NULL);
}

/**
 * efir_program_language_is_valid:
 * @language: (nullable): a language code
 *
 * Returns: whether @language is one the programme pages are written in:
 *   "az", "ru" or "en"
 */
gboolean
efir_program_language_is_valid (const char *language)
{
  return g_strcmp0 (language, "az") == 0 ||
         g_strcmp0 (language, "ru") == 0 ||
         g_strcmp0 (language, "en") == 0;
}

gint64
efir_program_get_id (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), 0);

  return self->id;
}

/**
 * efir_program_set_id:
 * @self: a programme
 * @id: the database id, or 0 while not stored
 */
void
efir_program_set_id (EfirProgram *self,
                     gint64       id)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
efir_program_get_name (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return EFIR_MODEL_STRING (self->name);
}

void
efir_program_set_name (EfirProgram *self,
                       const char  *name)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (efir_model_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
efir_program_get_language (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return self->language;
}

/**
 * efir_program_set_language:
 * @self: a programme
 * @language: (nullable): "az", "ru" or "en"; %NULL or "" for the default, "az"
 */
void
efir_program_set_language (EfirProgram *self,
                           const char  *language)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (language == NULL || language[0] == '\0')
    language = DEFAULT_LANGUAGE;

  g_return_if_fail (efir_program_language_is_valid (language));

  if (efir_model_set_string (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
efir_program_get_time_zone (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return self->time_zone;
}

/**
 * efir_program_set_time_zone:
 * @self: a programme
 * @time_zone: (nullable): an IANA zone id such as "Europe/Moscow"; %NULL or
 *   "" for the default, "Asia/Baku"
 *
 * The id is not checked here: that needs the system's zone database, and the
 * model does no I/O.
 */
void
efir_program_set_time_zone (EfirProgram *self,
                            const char  *time_zone)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (time_zone == NULL || time_zone[0] == '\0')
    time_zone = DEFAULT_TIME_ZONE;

  if (efir_model_set_string (&self->time_zone, time_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

const char *
efir_program_get_description (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return EFIR_MODEL_STRING (self->description);
}

void
efir_program_set_description (EfirProgram *self,
                              const char  *description)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (efir_model_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * efir_program_get_hosts:
 * @self: a programme
 *
 * Returns: (transfer none): the names of the presenters, never %NULL
 */
const char * const *
efir_program_get_hosts (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return efir_model_strv (self->hosts);
}

void
efir_program_set_hosts (EfirProgram        *self,
                        const char * const *hosts)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (efir_model_set_strv (&self->hosts, hosts))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTS]);
}

/**
 * efir_program_get_hashtags:
 * @self: a programme
 *
 * Returns: (transfer none): the hashtags every share text carries, never %NULL
 */
const char * const *
efir_program_get_hashtags (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return efir_model_strv (self->hashtags);
}

void
efir_program_set_hashtags (EfirProgram        *self,
                           const char * const *hashtags)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (efir_model_set_strv (&self->hashtags, hashtags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HASHTAGS]);
}

/**
 * efir_program_get_social_accounts:
 * @self: a programme
 *
 * Returns: (transfer none): the URLs of the programme's own pages on social
 *   networks, shown under "Follow us"; never %NULL
 */
const char * const *
efir_program_get_social_accounts (EfirProgram *self)
{
  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  return efir_model_strv (self->social_accounts);
}

void
efir_program_set_social_accounts (EfirProgram        *self,
                                  const char * const *social_accounts)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));

  if (efir_model_set_strv (&self->social_accounts, social_accounts))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOCIAL_ACCOUNTS]);
}

/**
 * efir_program_get_share_template:
 * @self: a programme
 * @platform: a platform's name, such as "x"
 *
 * Returns: the programme's own template for posts on @platform, or "" when
 *   it uses the default one
 */
const char *
efir_program_get_share_template (EfirProgram *self,
                                 const char  *platform)
{
  const char *text;

  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);
  g_return_val_if_fail (platform != NULL, NULL);

  text = g_hash_table_lookup (self->share_templates, platform);

  return text != NULL ? text : "";
}

/**
 * efir_program_set_share_template:
 * @self: a programme
 * @platform: a platform's name, such as "x"
 * @template_text: (nullable): the template; %NULL or "" for the default
 */
void
efir_program_set_share_template (EfirProgram *self,
                                 const char  *platform,
                                 const char  *template_text)
{
  g_return_if_fail (EFIR_IS_PROGRAM (self));
  g_return_if_fail (platform != NULL);

  if (g_strcmp0 (efir_program_get_share_template (self, platform),
                 template_text != NULL ? template_text : "") == 0)
    return;

  if (template_text == NULL || template_text[0] == '\0')
    g_hash_table_remove (self->share_templates, platform);
  else
    g_hash_table_insert (self->share_templates, g_strdup (platform), g_strdup (template_text));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARE_TEMPLATES]);
}

/**
 * efir_program_dup_share_template_platforms:
 * @self: a programme
 *
 * Returns: (transfer full): the names of the platforms the programme has
 *   its own template for, in alphabetical order
 */
char **
efir_program_dup_share_template_platforms (EfirProgram *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (EFIR_IS_PROGRAM (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->share_templates, NULL);
  qsort (keys, g_hash_table_size (self->share_templates), sizeof (char *), compare_names);
  g_strv_builder_addv (builder, keys);

  return g_strv_builder_end (builder);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_program_finalize (GObject *object)
{
  EfirProgram *self = (EfirProgram *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->hosts, g_strfreev);
  g_clear_pointer (&self->hashtags, g_strfreev);
  g_clear_pointer (&self->social_accounts, g_strfreev);
  g_clear_pointer (&self->share_templates, g_hash_table_unref);

  G_OBJECT_CLASS (efir_program_parent_class)->finalize (object);
}

static void
efir_program_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EfirProgram *self = EFIR_PROGRAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, efir_program_get_name (self));
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, efir_program_get_description (self));
      break;

    case PROP_HOSTS:
      g_value_set_boxed (value, efir_program_get_hosts (self));
      break;

    case PROP_HASHTAGS:
      g_value_set_boxed (value, efir_program_get_hashtags (self));
      break;

    case PROP_SOCIAL_ACCOUNTS:
      g_value_set_boxed (value, efir_program_get_social_accounts (self));
      break;

    case PROP_SHARE_TEMPLATES:
      g_value_set_boxed (value, self->share_templates);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_program_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EfirProgram *self = EFIR_PROGRAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      efir_program_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      efir_program_set_name (self, g_value_get_string (value));
      break;

    case PROP_LANGUAGE:
      efir_program_set_language (self, g_value_get_string (value));
      break;

    case PROP_TIME_ZONE:
      efir_program_set_time_zone (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      efir_program_set_description (self, g_value_get_string (value));
      break;

    case PROP_HOSTS:
      efir_program_set_hosts (self, g_value_get_boxed (value));
      break;

    case PROP_HASHTAGS:
      efir_program_set_hashtags (self, g_value_get_boxed (value));
      break;

    case PROP_SOCIAL_ACCOUNTS:
      efir_program_set_social_accounts (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_program_class_init (EfirProgramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_program_finalize;
  object_class->get_property = efir_program_get_property;
  object_class->set_property = efir_program_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         DEFAULT_LANGUAGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL,
                         DEFAULT_TIME_ZONE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HOSTS] =
    g_param_spec_boxed ("hosts", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Read only: set one platform's with efir_program_set_share_template(). */
  properties[PROP_SHARE_TEMPLATES] =
    g_param_spec_boxed ("share-templates", NULL, NULL,
                        G_TYPE_HASH_TABLE,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HASHTAGS] =
    g_param_spec_boxed ("hashtags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOCIAL_ACCOUNTS] =
    g_param_spec_boxed ("social-accounts", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_program_init (EfirProgram *self)
{
  self->language = g_strdup (DEFAULT_LANGUAGE);
  self->time_zone = g_strdup (DEFAULT_TIME_ZONE);
  self->share_templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
