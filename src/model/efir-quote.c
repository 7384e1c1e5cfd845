/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-quote"

#include "config.h"

#include <math.h>

#include "efir-model-private.h"
#include "efir-quote.h"

/* Types and properties --------------------------------------------------- */

#define NO_TIME (-1.0)

struct _EfirQuote
{
  GObject parent_instance;

  /* Owned */
  char     *text;
  char     *speaker;
  double    start_seconds;
  gboolean  pull_quote;
};

G_DEFINE_FINAL_TYPE (EfirQuote, efir_quote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SPEAKER,
  PROP_START_SECONDS,
  PROP_PULL_QUOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Public API ------------------------------------------------------------- */

/**
 * efir_quote_new:
 * @text: (nullable): the words quoted
 * @speaker: (nullable): who said them
 * @start_seconds: where they are said in the video, or -1 if not known
 *
 * Returns: (transfer full): a new quote, not a pull quote
 */
EfirQuote *
efir_quote_new (const char *text,
                const char *speaker,
                double      start_seconds)
{
  EfirQuote *self = g_object_new (EFIR_TYPE_QUOTE,
                                  "text", text,
                                  "speaker", speaker,
                                  NULL);

  efir_quote_set_start_seconds (self, start_seconds);

  return self;
}

/**
 * efir_quote_copy:
 * @self: a quote
 *
 * Returns: (transfer full): a new quote with the same values
 */
EfirQuote *
efir_quote_copy (EfirQuote *self)
{
  EfirQuote *copy;

  g_return_val_if_fail (EFIR_IS_QUOTE (self), NULL);

  copy = efir_quote_new (self->text, self->speaker, self->start_seconds);
  copy->pull_quote = self->pull_quote;

  return copy;
}

/**
 * efir_quote_equal:
 * @a: a quote
 * @b: another quote
 *
 * Returns: whether @a and @b hold the same values
 */
gboolean
efir_quote_equal (EfirQuote *a,
                  EfirQuote *b)
{
  g_return_val_if_fail (EFIR_IS_QUOTE (a), FALSE);
  g_return_val_if_fail (EFIR_IS_QUOTE (b), FALSE);

  return g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->speaker, b->speaker) == 0 &&
         a->start_seconds == b->start_seconds &&
         a->pull_quote == b->pull_quote;
}

const char *
efir_quote_get_text (EfirQuote *self)
{
  g_return_val_if_fail (EFIR_IS_QUOTE (self), NULL);

  return EFIR_MODEL_STRING (self->text);
}

void
efir_quote_set_text (EfirQuote  *self,
                     const char *text)
{
  g_return_if_fail (EFIR_IS_QUOTE (self));

  if (efir_model_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
efir_quote_get_speaker (EfirQuote *self)
{
  g_return_val_if_fail (EFIR_IS_QUOTE (self), NULL);

  return EFIR_MODEL_STRING (self->speaker);
}

void
efir_quote_set_speaker (EfirQuote  *self,
                        const char *speaker)
{
  g_return_if_fail (EFIR_IS_QUOTE (self));

  if (efir_model_set_string (&self->speaker, speaker))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEAKER]);
}

/**
 * efir_quote_get_start_seconds:
 * @self: a quote
 *
 * Returns: the time in the video where the quote starts, or -1 if not known
 */
double
efir_quote_get_start_seconds (EfirQuote *self)
{
  g_return_val_if_fail (EFIR_IS_QUOTE (self), NO_TIME);

  return self->start_seconds;
}

/**
 * efir_quote_set_start_seconds:
 * @self: a quote
 * @start_seconds: seconds from the start of the video; any negative value
 *   means the time is not known and is stored as -1
 */
void
efir_quote_set_start_seconds (EfirQuote *self,
                              double     start_seconds)
{
  g_return_if_fail (EFIR_IS_QUOTE (self));
  g_return_if_fail (isfinite (start_seconds));

  if (start_seconds < 0)
    start_seconds = NO_TIME;

  if (self->start_seconds == start_seconds)
    return;

  self->start_seconds = start_seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_SECONDS]);
}

/**
 * efir_quote_get_pull_quote:
 * @self: a quote
 *
 * Returns: whether the page shows this quote set apart, in large type
 */
gboolean
efir_quote_get_pull_quote (EfirQuote *self)
{
  g_return_val_if_fail (EFIR_IS_QUOTE (self), FALSE);

  return self->pull_quote;
}

void
efir_quote_set_pull_quote (EfirQuote *self,
                           gboolean   pull_quote)
{
  g_return_if_fail (EFIR_IS_QUOTE (self));

  pull_quote = !!pull_quote;

  if (self->pull_quote == pull_quote)
    return;

  self->pull_quote = pull_quote;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULL_QUOTE]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_quote_finalize (GObject *object)
{
  EfirQuote *self = (EfirQuote *) object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->speaker, g_free);

  G_OBJECT_CLASS (efir_quote_parent_class)->finalize (object);
}

static void
efir_quote_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfirQuote *self = EFIR_QUOTE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, efir_quote_get_text (self));
      break;

    case PROP_SPEAKER:
      g_value_set_string (value, efir_quote_get_speaker (self));
      break;

    case PROP_START_SECONDS:
      g_value_set_double (value, self->start_seconds);
      break;

    case PROP_PULL_QUOTE:
      g_value_set_boolean (value, self->pull_quote);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_quote_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EfirQuote *self = EFIR_QUOTE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      efir_quote_set_text (self, g_value_get_string (value));
      break;

    case PROP_SPEAKER:
      efir_quote_set_speaker (self, g_value_get_string (value));
      break;

    case PROP_START_SECONDS:
      efir_quote_set_start_seconds (self, g_value_get_double (value));
      break;

    case PROP_PULL_QUOTE:
      efir_quote_set_pull_quote (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_quote_class_init (EfirQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_quote_finalize;
  object_class->get_property = efir_quote_get_property;
  object_class->set_property = efir_quote_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START_SECONDS] =
    g_param_spec_double ("start-seconds", NULL, NULL,
                         NO_TIME, G_MAXDOUBLE, NO_TIME,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PULL_QUOTE] =
    g_param_spec_boolean ("pull-quote", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_quote_init (EfirQuote *self)
{
  self->start_seconds = NO_TIME;
}
