/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A line diff for the history window: what an earlier version of a field
 * says against what it says now. Pure and display-free.
 */

typedef enum
{
  EFIR_TEXT_DIFF_SAME,
  EFIR_TEXT_DIFF_REMOVED,  /* in the earlier text only */
  EFIR_TEXT_DIFF_ADDED,    /* in the later text only */
  EFIR_TEXT_DIFF_SKIPPED,  /* a run of unchanged lines left out of a folded diff */
} EfirTextDiffKind;

typedef struct
{
  EfirTextDiffKind  kind;
  char             *text;       /* the line without its line break; NULL when skipped */
  guint             n_skipped;  /* how many unchanged lines a skipped line stands for */
} EfirTextDiffLine;

void       efir_text_diff_line_free      (EfirTextDiffLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirTextDiffLine, efir_text_diff_line_free)

GPtrArray *efir_text_diff                (const char       *before,
                                          const char       *after);
GPtrArray *efir_text_diff_fold_unchanged (GPtrArray        *lines,
                                          guint             context);
void       efir_text_diff_count          (GPtrArray        *lines,
                                          guint            *n_removed,
                                          guint            *n_added);

G_END_DECLS
