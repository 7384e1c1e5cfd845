/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * How the model keeps text. A string property is never NULL to its readers:
 * NULL and "" mean the same (not set) and are stored as NULL, so thousands of
 * transcript segments do not each own a copy of "". A list of strings works
 * the same way with an empty list.
 */

#define EFIR_MODEL_STRING(field) ((field) != NULL ? (const char *) (field) : "")

static inline const char * const *
efir_model_strv (char **field)
{
  static const char * const empty[] = { NULL };

  return field != NULL ? (const char * const *) field : empty;
}

/* Returns whether the value really changed, so callers notify only then. */
static inline gboolean
efir_model_set_string (char       **field,
                       const char  *value)
{
  char *copy;

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  /* Copy before freeing: @value may point into the old string. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;

  return TRUE;
}

static inline gboolean
efir_model_set_strv (char              ***field,
                     const char * const  *value)
{
  char **copy;

  if (value != NULL && value[0] == NULL)
    value = NULL;

  if (*field == NULL && value == NULL)
    return FALSE;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *) *field, value))
    return FALSE;

  copy = g_strdupv ((char **) value);
  g_strfreev (*field);
  *field = copy;

  return TRUE;
}

G_END_DECLS
