/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "efir-bench-samples.h"

int
efir_bench_compare_doubles (gconstpointer a,
                            gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

GArray *
efir_bench_samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

void
efir_bench_samples_add (GArray *samples,
                        double  ms)
{
  g_array_append_val (samples, ms);
}

double
efir_bench_percentile (GArray *samples,
                       double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (samples->len == 0)
    return NAN;

  sorted = g_array_copy (samples);
  g_array_sort (sorted, efir_bench_compare_doubles);
  rank = (guint) ceil (p / 100.0 * sorted->len);
  return g_array_index (sorted, double, MAX (rank, 1) - 1);
}

double
efir_bench_samples_min (GArray *samples)
{
  return efir_bench_percentile (samples, 0);
}

double
efir_bench_samples_max (GArray *samples)
{
  return efir_bench_percentile (samples, 100);
}

void
efir_bench_print_padded (const char *text,
                         guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_print ("%s", text);
  for (glong i = length; i < (glong) width; i++)
    g_print (" ");
}

void
efir_bench_print_rule (guint width)
{
  for (guint i = 0; i < width; i++)
    g_print ("-");
  g_print ("\n");
}

const char *
efir_bench_verdict (gboolean met)
{
  return met ? "met" : "missed";
}
