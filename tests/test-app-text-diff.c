/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-text-diff"

#include "config.h"

#include "efir-text-diff.h"

/* Helpers ---------------------------------------------------------------- */

/* The diff as one string: " a", "-b", "+c", "~5" (five lines skipped). */
static char *
render (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      EfirTextDiffLine *line = lines->pdata[i];

      if (out->len > 0)
        g_string_append_c (out, '|');
      switch (line->kind)
        {
        case EFIR_TEXT_DIFF_SAME:
          g_string_append_printf (out, " %s", line->text);
          break;
        case EFIR_TEXT_DIFF_REMOVED:
          g_string_append_printf (out, "-%s", line->text);
          break;
        case EFIR_TEXT_DIFF_ADDED:
          g_string_append_printf (out, "+%s", line->text);
          break;
        case EFIR_TEXT_DIFF_SKIPPED:
          g_string_append_printf (out, "~%u", line->n_skipped);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}

static void
assert_diff (const char *before,
             const char *after,
             const char *expected)
{
  g_autoptr(GPtrArray) lines = efir_text_diff (before, after);
  g_autofree char *rendered = render (lines);

  g_assert_cmpstr (rendered, ==, expected);
}

/* Joins the lines a diff keeps from one side: the earlier text from the
 * unchanged and removed lines, the later from the unchanged and added.
 */
static char *
side (GPtrArray        *lines,
      EfirTextDiffKind  changed)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      EfirTextDiffLine *line = lines->pdata[i];

      if (line->kind == EFIR_TEXT_DIFF_SAME || line->kind == changed)
        g_string_append_printf (out, "%s\n", line->text);
    }

  return g_string_free (out, FALSE);
}

static guint
lcs_length (char  **a,
            guint   n,
            char  **b,
            guint   m)
{
  g_autofree guint *table = g_new0 (guint, (n + 1) * (m + 1));

  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      {
        guint *cell = &table[i * (m + 1) + j];

        if (g_str_equal (a[i], b[j]))
          *cell = table[(i + 1) * (m + 1) + j + 1] + 1;
        else
          *cell = MAX (table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
      }

  return table[0];
}

static char *
random_text (guint n_lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (out, "%c\n", 'a' + g_test_rand_int_range (0, 4));

  return g_string_free (out, FALSE);
}

static char *
transcript (guint n_lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (out, "[%02u:%02u:%02u] Host: line %u of the conversation\n",
                            i / 3600, (i / 60) % 60, i % 60, i);

  return g_string_free (out, FALSE);
}

/* Tests ------------------------------------------------------------------ */

static void
test_identical (void)
{
  g_autoptr(GPtrArray) lines = efir_text_diff ("Çətin sual\nİkinci sətir", "Çətin sual\nİkinci sətir");
  guint n_removed = 99, n_added = 99;

  assert_diff ("Çətin sual\nİkinci sətir", "Çətin sual\nİkinci sətir", " Çətin sual| İkinci sətir");
  efir_text_diff_count (lines, &n_removed, &n_added);
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_cmpuint (n_added, ==, 0);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) nothing = efir_text_diff (NULL, "");

  g_assert_cmpuint (nothing->len, ==, 0);
  assert_diff ("", "one\ntwo", "+one|+two");
  assert_diff ("one\n", NULL, "-one");
}

static void
test_line_breaks (void)
{
  /* A final line break and Windows line breaks are not changes. */
  assert_diff ("a\nb", "a\nb\n", " a| b");
  assert_diff ("a\r\nb\r\n", "a\nb", " a| b");
  /* An empty line in the middle is a line. */
  assert_diff ("a\n\nb", "a\nb", " a|-| b");
}

static void
test_changed_line (void)
{
  assert_diff ("Title\nOld summary\nEnd", "Title\nNew summary\nEnd",
               " Title|-Old summary|+New summary| End");
}

static void
test_removed_before_added (void)
{
  /* Within one changed region the reader sees the old lines, then the new. */
  assert_diff ("same\na\nb\nsame", "same\nx\ny\nz\nsame", " same|-a|-b|+x|+y|+z| same");
}

static void
test_shortest (void)
{
  /* Myers' own example: one of the shortest scripts, five changes. */
  g_autoptr(GPtrArray) lines = efir_text_diff ("A\nB\nC\nA\nB\nB\nA", "C\nB\nA\nB\nA\nC");
  g_autofree char *before = side (lines, EFIR_TEXT_DIFF_REMOVED);
  g_autofree char *after = side (lines, EFIR_TEXT_DIFF_ADDED);
  guint n_removed, n_added;

  efir_text_diff_count (lines, &n_removed, &n_added);
  g_assert_cmpuint (n_removed, ==, 3);
  g_assert_cmpuint (n_added, ==, 2);
  g_assert_cmpstr (before, ==, "A\nB\nC\nA\nB\nB\nA\n");
  g_assert_cmpstr (after, ==, "C\nB\nA\nB\nA\nC\n");
}

static void
test_random_against_lcs (void)
{
  for (guint round = 0; round < 300; round++)
    {
      g_autofree char *before = random_text (g_test_rand_int_range (0, 25));
      g_autofree char *after = random_text (g_test_rand_int_range (0, 25));
      g_auto(GStrv) a = g_strsplit (before, "\n", -1);
      g_auto(GStrv) b = g_strsplit (after, "\n", -1);
      /* Every line ends in a line break, so the last piece is empty. */
      guint n = before[0] != '\0' ? g_strv_length (a) - 1 : 0;
      guint m = after[0] != '\0' ? g_strv_length (b) - 1 : 0;
      g_autoptr(GPtrArray) lines = efir_text_diff (before, after);
      g_autofree char *rebuilt_before = side (lines, EFIR_TEXT_DIFF_REMOVED);
      g_autofree char *rebuilt_after = side (lines, EFIR_TEXT_DIFF_ADDED);
      guint lcs = lcs_length (a, n, b, m);
      guint n_removed, n_added;

      g_assert_cmpstr (rebuilt_before, ==, before);
      g_assert_cmpstr (rebuilt_after, ==, after);

      /* Not only a valid script: the shortest one. */
      efir_text_diff_count (lines, &n_removed, &n_added);
      g_assert_cmpuint (n_removed, ==, n - lcs);
      g_assert_cmpuint (n_added, ==, m - lcs);
    }
}

static void
test_long_transcript (void)
{
  g_autofree char *before = transcript (3000);
  g_auto(GStrv) rows = g_strsplit (before, "\n", -1);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) folded = NULL;
  g_autofree char *rendered = NULL;
  guint n_removed, n_added;

  /* An edited line at 1500 and a line inserted after 2000. */
  g_free (rows[1500]);
  rows[1500] = g_strdup ("[00:25:00] Host: an edited line");
  g_free (rows[2000]);
  rows[2000] = g_strdup ("[00:33:20] Host: line 2000 of the conversation\n[00:33:20] Guest: new");
  after = g_strjoinv ("\n", rows);

  lines = efir_text_diff (before, after);
  g_assert_cmpuint (lines->len, ==, 3002);
  efir_text_diff_count (lines, &n_removed, &n_added);
  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_cmpuint (n_added, ==, 2);

  folded = efir_text_diff_fold_unchanged (lines, 1);
  rendered = render (folded);
  g_assert_cmpstr (rendered, ==,
                   "~1499"
                   "| [00:24:59] Host: line 1499 of the conversation"
                   "|-[00:25:00] Host: line 1500 of the conversation"
                   "|+[00:25:00] Host: an edited line"
                   "| [00:25:01] Host: line 1501 of the conversation"
                   "|~498"
                   "| [00:33:20] Host: line 2000 of the conversation"
                   "|+[00:33:20] Guest: new"
                   "| [00:33:21] Host: line 2001 of the conversation"
                   "|~998");
}

static void
test_completely_rewritten (void)
{
  g_autofree char *before = transcript (3000);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = NULL;
  guint n_removed, n_added;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (after, "Другая строка %u\n", i);

  lines = efir_text_diff (before, after->str);
  efir_text_diff_count (lines, &n_removed, &n_added);
  g_assert_cmpuint (n_removed, ==, 3000);
  g_assert_cmpuint (n_added, ==, 3000);
}

static void
test_fold (void)
{
  g_autoptr(GPtrArray) lines = efir_text_diff ("1\n2\n3\n4\n5\n6\n7\n8\n9", "1\n2\n3\n4\nfive\n6\n7\n8\n9");
  g_autoptr(GPtrArray) folded = efir_text_diff_fold_unchanged (lines, 2);
  g_autoptr(GPtrArray) wide = efir_text_diff_fold_unchanged (lines, 3);
  g_autoptr(GPtrArray) same = efir_text_diff ("1\n2\n3", "1\n2\n3");
  g_autoptr(GPtrArray) folded_same = efir_text_diff_fold_unchanged (same, 2);
  g_autofree char *rendered = render (folded);
  g_autofree char *rendered_wide = render (wide);
  g_autofree char *rendered_same = render (folded_same);

  g_assert_cmpstr (rendered, ==, "~2| 3| 4|-5|+five| 6| 7|~2");
  /* Skipping one line would hide it behind a line as long as itself. */
  g_assert_cmpstr (rendered_wide, ==, " 1| 2| 3| 4|-5|+five| 6| 7| 8| 9");
  g_assert_cmpstr (rendered_same, ==, "~3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/text-diff/identical", test_identical);
  g_test_add_func ("/app/text-diff/empty", test_empty);
  g_test_add_func ("/app/text-diff/line-breaks", test_line_breaks);
  g_test_add_func ("/app/text-diff/changed-line", test_changed_line);
  g_test_add_func ("/app/text-diff/removed-before-added", test_removed_before_added);
  g_test_add_func ("/app/text-diff/shortest", test_shortest);
  g_test_add_func ("/app/text-diff/random-against-lcs", test_random_against_lcs);
  g_test_add_func ("/app/text-diff/long-transcript", test_long_transcript);
  g_test_add_func ("/app/text-diff/completely-rewritten", test_completely_rewritten);
  g_test_add_func ("/app/text-diff/fold", test_fold);

  return g_test_run ();
}
