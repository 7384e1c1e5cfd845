/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the benchmarks share to summarise and print what they time:
 * samples in milliseconds, their percentiles, and the tables' layout. */

/* For g_array_sort() and qsort() over doubles. */
int         efir_bench_compare_doubles (gconstpointer  a,
                                        gconstpointer  b);

GArray     *efir_bench_samples_new     (void);
void        efir_bench_samples_add     (GArray        *samples,
                                        double         ms);
/* Nearest rank: the smallest sample with at least @p percent at or below
 * it; NAN when there is none. */
double      efir_bench_percentile      (GArray        *samples,
                                        double         p);
double      efir_bench_samples_min     (GArray        *samples);
double      efir_bench_samples_max     (GArray        *samples);

/* printf pads by bytes; Cyrillic and Azerbaijani letters take two. */
void        efir_bench_print_padded    (const char    *text,
                                        guint          width);
void        efir_bench_print_rule      (guint          width);
const char *efir_bench_verdict         (gboolean       met);

G_END_DECLS
