/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-segment"

#include "config.h"

#include <math.h>

#include "efir-model-private.h"
#include "efir-segment.h"

/* Types and properties --------------------------------------------------- */

/* A three-hour programme has some 3000 segments, so this stays four fields
 * wide: no id (a segment is known by its position) and a speaker name shared
 * with every other segment of the same speaker.
 */
struct _EfirSegment
{
  GObject parent_instance;

  /* Owned */
  double  start;
  double  end;
  char   *speaker; /* interned GRefString, or NULL */
  char   *text;
};

G_DEFINE_FINAL_TYPE (EfirSegment, efir_segment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_SPEAKER,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ---------------------------------------------------------------- */

static gboolean
set_time (double *field,
          double  value)
{
  if (*field == value)
    return FALSE;

  *field = value;
  return TRUE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_segment_new:
 * @start: where the segment starts, in seconds from the start of the video
 * @end: where it ends
 * @speaker: (nullable): who speaks
 * @text: (nullable): what is said
 *
 * Returns: (transfer full): a new transcript segment
 */
EfirSegment *
efir_segment_new (double      start,
                  double      end,
                  const char *speaker,
                  const char *text)
{
  EfirSegment *self = g_object_new (EFIR_TYPE_SEGMENT, NULL);

  /* The setters rather than g_object_new()'s property list: a transcript
   * import makes thousands of these, and nobody is listening yet.
   */
  efir_segment_set_start (self, start);
  efir_segment_set_end (self, end);
  efir_segment_set_speaker (self, speaker);
  efir_segment_set_text (self, text);

  return self;
}

/**
 * efir_segment_copy:
 * @self: a segment
 *
 * Returns: (transfer full): a new segment with the same values
 */
EfirSegment *
efir_segment_copy (EfirSegment *self)
{
  g_return_val_if_fail (EFIR_IS_SEGMENT (self), NULL);

  return efir_segment_new (self->start, self->end, self->speaker, self->text);
}

/**
 * efir_segment_equal:
 * @a: a segment
 * @b: another segment
 *
 * Returns: whether @a and @b hold the same values
 */
gboolean
efir_segment_equal (EfirSegment *a,
                    EfirSegment *b)
{
  g_return_val_if_fail (EFIR_IS_SEGMENT (a), FALSE);
  g_return_val_if_fail (EFIR_IS_SEGMENT (b), FALSE);

  return a->start == b->start &&
         a->end == b->end &&
         g_strcmp0 (a->speaker, b->speaker) == 0 &&
         g_strcmp0 (a->text, b->text) == 0;
}

double
efir_segment_get_start (EfirSegment *self)
{
  g_return_val_if_fail (EFIR_IS_SEGMENT (self), 0);

  return self->start;
}

/**
 * efir_segment_set_start:
 * @self: a segment
 * @start: seconds from the start of the video, not negative
 */
void
efir_segment_set_start (EfirSegment *self,
                        double       start)
{
  g_return_if_fail (EFIR_IS_SEGMENT (self));
  g_return_if_fail (isfinite (start) && start >= 0);

  if (set_time (&self->start, start))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

double
efir_segment_get_end (EfirSegment *self)
{
  g_return_val_if_fail (EFIR_IS_SEGMENT (self), 0);

  return self->end;
}

/**
 * efir_segment_set_end:
 * @self: a segment
 * @end: seconds from the start of the video, not negative
 */
void
efir_segment_set_end (EfirSegment *self,
                      double       end)
{
  g_return_if_fail (EFIR_IS_SEGMENT (self));
  g_return_if_fail (isfinite (end) && end >= 0);

  if (set_time (&self->end, end))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

const char *
efir_segment_get_speaker (EfirSegment *self)
{
  g_return_val_if_fail (EFIR_IS_SEGMENT (self), NULL);

  return EFIR_MODEL_STRING (self->speaker);
}

void
efir_segment_set_speaker (EfirSegment *self,
                          const char  *speaker)
{
  g_return_if_fail (EFIR_IS_SEGMENT (self));

  if (speaker != NULL && speaker[0] == '\0')
    speaker = NULL;

  if (g_strcmp0 (self->speaker, speaker) == 0)
    return;

  g_clear_pointer (&self->speaker, g_ref_string_release);
  if (speaker != NULL)
    self->speaker = g_ref_string_new_intern (speaker);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEAKER]);
}

const char *
efir_segment_get_text (EfirSegment *self)
{
  g_return_val_if_fail (EFIR_IS_SEGMENT (self), NULL);

  return EFIR_MODEL_STRING (self->text);
}

void
efir_segment_set_text (EfirSegment *self,
                       const char  *text)
{
  g_return_if_fail (EFIR_IS_SEGMENT (self));

  if (efir_model_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_segment_finalize (GObject *object)
{
  EfirSegment *self = (EfirSegment *) object;

  g_clear_pointer (&self->speaker, g_ref_string_release);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (efir_segment_parent_class)->finalize (object);
}

static void
efir_segment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EfirSegment *self = EFIR_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_double (value, self->start);
      break;

    case PROP_END:
      g_value_set_double (value, self->end);
      break;

    case PROP_SPEAKER:
      g_value_set_string (value, efir_segment_get_speaker (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, efir_segment_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_segment_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EfirSegment *self = EFIR_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_START:
      efir_segment_set_start (self, g_value_get_double (value));
      break;

    case PROP_END:
      efir_segment_set_end (self, g_value_get_double (value));
      break;

    case PROP_SPEAKER:
      efir_segment_set_speaker (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      efir_segment_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_segment_class_init (EfirSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = efir_segment_finalize;
  object_class->get_property = efir_segment_get_property;
  object_class->set_property = efir_segment_set_property;

  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_segment_init (EfirSegment *self)
{
}
