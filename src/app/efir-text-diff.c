/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-text-diff"

#include "config.h"

#include <string.h>

#include "efir-text-diff.h"

/* Types ------------------------------------------------------------------ */

/*
 * Myers' O(ND) difference algorithm in its linear-space form: find the
 * middle snake of the shortest edit script, split there, recurse. Lines are
 * compared as integers (each distinct line gets one), and each range first
 * loses its common prefix and suffix, so a three-hour transcript with a few
 * edited lines costs one pass over its lines plus the edited region.
 */

typedef struct
{
  EfirTextDiffKind kind;
  guint            index;  /* into the earlier lines, or the later ones when added */
} Op;

typedef struct
{
  const guint *a;
  const guint *b;
  GArray      *ops;
} Differ;

static void diff_range (Differ *differ,
                        guint   a_lo,
                        guint   a_hi,
                        guint   b_lo,
                        guint   b_hi);

/* Helpers ---------------------------------------------------------------- */

static GPtrArray *
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');
      gsize length = end != NULL ? (gsize) (end - p) : strlen (p);

      if (length > 0 && p[length - 1] == '\r')
        g_ptr_array_add (lines, g_strndup (p, length - 1));
      else
        g_ptr_array_add (lines, g_strndup (p, length));

      if (end == NULL)
        break;
      p = end + 1;
    }

  return lines;
}

static guint *
intern_lines (GHashTable *ids,
              GPtrArray  *lines)
{
  guint *out = g_new (guint, MAX (lines->len, 1));

  for (guint i = 0; i < lines->len; i++)
    {
      gpointer id = g_hash_table_lookup (ids, lines->pdata[i]);

      if (id == NULL)
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
          g_hash_table_insert (ids, lines->pdata[i], id);
        }
      out[i] = GPOINTER_TO_UINT (id);
    }

  return out;
}

static void
emit (Differ           *differ,
      EfirTextDiffKind  kind,
      guint             from,
      guint             to)
{
  for (guint i = from; i < to; i++)
    {
      Op op = { kind, i };

      g_array_append_val (differ->ops, op);
    }
}

/* Finds where the forward and the backward search for the shortest edit
 * script of a[a_lo, a_hi) into b[b_lo, b_hi) meet, and diffs the two halves
 * on either side of that point. Both ranges are non-empty and differ in
 * their first and in their last line.
 */
static void
bisect (Differ *differ,
        guint   a_lo,
        guint   a_hi,
        guint   b_lo,
        guint   b_hi)
{
  const guint *a = differ->a + a_lo;
  const guint *b = differ->b + b_lo;
  int n = a_hi - a_lo;
  int m = b_hi - b_lo;
  int max_d = (n + m + 1) / 2;
  int v_offset = max_d;
  int v_length = 2 * max_d + 2;
  int delta = n - m;
  gboolean front = (delta % 2 != 0);
  int k1_start = 0, k1_end = 0, k2_start = 0, k2_end = 0;
  g_autofree int *v1 = g_new (int, v_length);
  g_autofree int *v2 = g_new (int, v_length);
  int split_x = -1, split_y = -1;

  for (int i = 0; i < v_length; i++)
    v1[i] = v2[i] = -1;
  v1[v_offset + 1] = 0;
  v2[v_offset + 1] = 0;

  for (int d = 0; d < max_d && split_x < 0; d++)
    {
      for (int k1 = -d + k1_start; k1 <= d - k1_end && split_x < 0; k1 += 2)
        {
          int k1_offset = v_offset + k1;
          int x1, y1;

          if (k1 == -d || (k1 != d && v1[k1_offset - 1] < v1[k1_offset + 1]))
            x1 = v1[k1_offset + 1];
          else
            x1 = v1[k1_offset - 1] + 1;
          y1 = x1 - k1;
          while (x1 < n && y1 < m && a[x1] == b[y1])
            {
              x1++;
              y1++;
            }
          v1[k1_offset] = x1;

          if (x1 > n)
            k1_end += 2;
          else if (y1 > m)
            k1_start += 2;
          else if (front)
            {
              int k2_offset = v_offset + delta - k1;

              if (k2_offset >= 0 && k2_offset < v_length && v2[k2_offset] != -1
                  && x1 >= n - v2[k2_offset])
                {
                  split_x = x1;
                  split_y = y1;
                }
            }
        }

      for (int k2 = -d + k2_start; k2 <= d - k2_end && split_x < 0; k2 += 2)
        {
          int k2_offset = v_offset + k2;
          int x2, y2;

          if (k2 == -d || (k2 != d && v2[k2_offset - 1] < v2[k2_offset + 1]))
            x2 = v2[k2_offset + 1];
          else
            x2 = v2[k2_offset - 1] + 1;
          y2 = x2 - k2;
          while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1])
            {
              x2++;
              y2++;
            }
          v2[k2_offset] = x2;

          if (x2 > n)
            k2_end += 2;
          else if (y2 > m)
            k2_start += 2;
          else if (!front)
            {
              int k1_offset = v_offset + delta - k2;

              if (k1_offset >= 0 && k1_offset < v_length && v1[k1_offset] != -1)
                {
                  int x1 = v1[k1_offset];
                  int y1 = v_offset + x1 - k1_offset;

                  if (x1 >= n - x2)
                    {
                      split_x = x1;
                      split_y = y1;
                    }
                }
            }
        }
    }

  /* A split that leaves one half the whole problem would never end; the
   * algorithm does not produce one, and this keeps it so.
   */
  if (split_x < 0 || (split_x == 0 && split_y == 0) || (split_x == n && split_y == m))
    {
      emit (differ, EFIR_TEXT_DIFF_REMOVED, a_lo, a_hi);
      emit (differ, EFIR_TEXT_DIFF_ADDED, b_lo, b_hi);
      return;
    }

  diff_range (differ, a_lo, a_lo + split_x, b_lo, b_lo + split_y);
  diff_range (differ, a_lo + split_x, a_hi, b_lo + split_y, b_hi);
}

static void
diff_range (Differ *differ,
            guint   a_lo,
            guint   a_hi,
            guint   b_lo,
            guint   b_hi)
{
  guint n_suffix = 0;

  while (a_lo < a_hi && b_lo < b_hi && differ->a[a_lo] == differ->b[b_lo])
    {
      emit (differ, EFIR_TEXT_DIFF_SAME, a_lo, a_lo + 1);
      a_lo++;
      b_lo++;
    }

  while (a_hi - n_suffix > a_lo && b_hi - n_suffix > b_lo
         && differ->a[a_hi - n_suffix - 1] == differ->b[b_hi - n_suffix - 1])
    n_suffix++;

  if (a_lo == a_hi - n_suffix)
    emit (differ, EFIR_TEXT_DIFF_ADDED, b_lo, b_hi - n_suffix);
  else if (b_lo == b_hi - n_suffix)
    emit (differ, EFIR_TEXT_DIFF_REMOVED, a_lo, a_hi - n_suffix);
  else
    bisect (differ, a_lo, a_hi - n_suffix, b_lo, b_hi - n_suffix);

  emit (differ, EFIR_TEXT_DIFF_SAME, a_hi - n_suffix, a_hi);
}

static EfirTextDiffLine *
line_new (EfirTextDiffKind  kind,
          const char       *text,
          guint             n_skipped)
{
  EfirTextDiffLine *line = g_new0 (EfirTextDiffLine, 1);

  line->kind = kind;
  line->text = g_strdup (text);
  line->n_skipped = n_skipped;

  return line;
}

static EfirTextDiffLine *
line_copy (const EfirTextDiffLine *line)
{
  return line_new (line->kind, line->text, line->n_skipped);
}

/* Public API ------------------------------------------------------------- */

void
efir_text_diff_line_free (EfirTextDiffLine *line)
{
  if (line == NULL)
    return;

  g_free (line->text);
  g_free (line);
}

/**
 * efir_text_diff:
 * @before: (nullable): the earlier text
 * @after: (nullable): the later text
 *
 * Compares two texts line by line. A line break ends a line ("\r\n" too);
 * a final line break does not start another line, and an empty text has
 * no lines. Within each changed region the removed lines come before the
 * added ones, as a reader compares them.
 *
 * Returns: (transfer container) (element-type EfirTextDiffLine): every
 *   line of both texts in order, each once: unchanged, removed or added
 */
GPtrArray *
efir_text_diff (const char *before,
                const char *after)
{
  g_autoptr(GPtrArray) a_lines = split_lines (before);
  g_autoptr(GPtrArray) b_lines = split_lines (after);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *a = intern_lines (ids, a_lines);
  g_autofree guint *b = intern_lines (ids, b_lines);
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (Op));
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_text_diff_line_free);
  Differ differ = { a, b, ops };
  guint run_start = 0;

  diff_range (&differ, 0, a_lines->len, 0, b_lines->len);

  /* Each run of changes: its removed lines, then its added lines. */
  for (guint i = 0; i <= ops->len; i++)
    {
      Op *op = i < ops->len ? &g_array_index (ops, Op, i) : NULL;

      if (op != NULL && op->kind != EFIR_TEXT_DIFF_SAME)
        continue;

      for (guint j = run_start; j < i; j++)
        {
          Op *change = &g_array_index (ops, Op, j);

          if (change->kind == EFIR_TEXT_DIFF_REMOVED)
            g_ptr_array_add (lines, line_new (change->kind, a_lines->pdata[change->index], 0));
        }
      for (guint j = run_start; j < i; j++)
        {
          Op *change = &g_array_index (ops, Op, j);

          if (change->kind == EFIR_TEXT_DIFF_ADDED)
            g_ptr_array_add (lines, line_new (change->kind, b_lines->pdata[change->index], 0));
        }

      if (op != NULL)
        g_ptr_array_add (lines, line_new (EFIR_TEXT_DIFF_SAME, a_lines->pdata[op->index], 0));
      run_start = i + 1;
    }

  return lines;
}

/**
 * efir_text_diff_fold_unchanged:
 * @lines: (element-type EfirTextDiffLine): a diff from efir_text_diff()
 * @context: how many unchanged lines to keep next to each change
 *
 * Leaves out the unchanged lines far from any change, so that two edited
 * lines of a long transcript are not lost among thousands of others. Each
 * run left out becomes one %EFIR_TEXT_DIFF_SKIPPED line saying how many
 * lines it stands for; a single line is shown rather than skipped.
 *
 * Returns: (transfer container) (element-type EfirTextDiffLine): a new diff
 */
GPtrArray *
efir_text_diff_fold_unchanged (GPtrArray *lines,
                               guint      context)
{
  GPtrArray *folded;
  guint i = 0;

  g_return_val_if_fail (lines != NULL, NULL);

  folded = g_ptr_array_new_with_free_func ((GDestroyNotify) efir_text_diff_line_free);

  while (i < lines->len)
    {
      EfirTextDiffLine *line = lines->pdata[i];
      guint run_end = i;
      guint keep_head, keep_tail;

      if (line->kind != EFIR_TEXT_DIFF_SAME)
        {
          g_ptr_array_add (folded, line_copy (line));
          i++;
          continue;
        }

      while (run_end < lines->len
             && ((EfirTextDiffLine *) lines->pdata[run_end])->kind == EFIR_TEXT_DIFF_SAME)
        run_end++;

      keep_head = i > 0 ? context : 0;
      keep_tail = run_end < lines->len ? context : 0;

      if (run_end - i <= keep_head + keep_tail + 1)
        {
          for (; i < run_end; i++)
            g_ptr_array_add (folded, line_copy (lines->pdata[i]));
          continue;
        }

      for (guint j = i; j < i + keep_head; j++)
        g_ptr_array_add (folded, line_copy (lines->pdata[j]));
      g_ptr_array_add (folded, line_new (EFIR_TEXT_DIFF_SKIPPED, NULL,
                                         run_end - i - keep_head - keep_tail));
      for (guint j = run_end - keep_tail; j < run_end; j++)
        g_ptr_array_add (folded, line_copy (lines->pdata[j]));
      i = run_end;
    }

  return folded;
}

/**
 * efir_text_diff_count:
 * @lines: (element-type EfirTextDiffLine): a diff
 * @n_removed: (out) (optional): the number of removed lines
 * @n_added: (out) (optional): the number of added lines
 */
void
efir_text_diff_count (GPtrArray *lines,
                      guint     *n_removed,
                      guint     *n_added)
{
  guint removed = 0, added = 0;

  g_return_if_fail (lines != NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      EfirTextDiffLine *line = lines->pdata[i];

      if (line->kind == EFIR_TEXT_DIFF_REMOVED)
        removed++;
      else if (line->kind == EFIR_TEXT_DIFF_ADDED)
        added++;
    }

  if (n_removed != NULL)
    *n_removed = removed;
  if (n_added != NULL)
    *n_added = added;
}
