/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-slug"

#include "config.h"

#include <string.h>

#include "efir-slug.h"

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  const char *title;
  const char *slug;
} SlugCase;

static void
assert_slug (const char *title,
             const char *expected)
{
  g_autofree char *slug = efir_slug_from_title (title);

  if (g_utf8_validate (title, -1, NULL))
    g_test_message ("slug of “%s”", title);
  g_assert_cmpstr (slug, ==, expected);
}

static void
run_cases (const SlugCase *cases,
           gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    assert_slug (cases[i].title, cases[i].slug);
}

static void
assert_is_slug (const char *slug)
{
  g_assert_cmpuint (strlen (slug), <=, EFIR_SLUG_MAX_LENGTH);
  if (slug[0] == '\0')
    return;

  g_assert_cmpint (slug[0], !=, '-');
  g_assert_cmpint (slug[strlen (slug) - 1], !=, '-');
  g_assert_null (strstr (slug, "--"));
  for (const char *p = slug; *p != '\0'; p++)
    g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
}

/* Tests ------------------------------------------------------------------ */

static void
test_slug_azerbaijani (void)
{
  static const SlugCase cases[] = {
    { "Çətin sual", "cetin-sual" },
    { "Əliyev İlham", "eliyev-ilham" },
    { "Qarabağ, Şuşa və Gəncə", "qarabag-susa-ve-gence" },
    { "Müsavat: ölkə harada?", "musavat-olke-harada" },
    { "IĞDIR qızıl", "igdir-qizil" },
    { "Ҹәлилабад", "celilabad" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_slug_russian (void)
{
  static const SlugCase cases[] = {
    { "Трудный вопрос", "trudnyy-vopros" },
    /* BGN's middle dot between т and с does not split the word. */
    { "Советский союз", "sovetskiy-soyuz" },
    { "Отставка министра", "otstavka-ministra" },
    { "Сергей Нарышкин в Баку", "sergey-naryshkin-v-baku" },
    { "Азербайджан и Россия: что дальше?", "azerbaydzhan-i-rossiya-chto-dalshe" },
    { "Объём ЁЛКА щука", "obyem-yelka-shchuka" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_slug_english (void)
{
  static const SlugCase cases[] = {
    { "What is Azerbaijan concerned about: foreign interference?",
      "what-is-azerbaijan-concerned-about-foreign-interference" },
    { "Don't panic — it's 2024!", "dont-panic-its-2024" },
    { "Azerbaijan’s “hybrid” threats", "azerbaijans-hybrid-threats" },
    { "  Leading and trailing  ", "leading-and-trailing" },
    { "Café naïve", "cafe-naive" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_slug_mixed (void)
{
  assert_slug ("Azərbaycan və Rusiya / Нарышкин в Баку", "azerbaycan-ve-rusiya-naryshkin-v-baku");
  assert_slug ("Episode 112: Çətin sual — Трудный вопрос",
               "episode-112-cetin-sual-trudnyy-vopros");
}

static void
test_slug_empty (void)
{
  assert_slug ("", "");
  assert_slug ("?!… — «»", "");
  assert_slug ("   ", "");
  assert_slug ("😀", "");
}

static void
test_slug_long (void)
{
  g_autofree char *slug = NULL;

  /* The example episode's full title: cut after the last whole word that
   * fits, never in the middle of "non-systemic".
   */
  assert_slug ("What is Azerbaijan concerned about: foreign interference, hybrid threats, "
               "or non-systemic opposition?",
               "what-is-azerbaijan-concerned-about-foreign-interference-hybrid-threats-or");

  /* Long Cyrillic title: the limit is in bytes of the transliteration. */
  slug = efir_slug_from_title ("Чрезвычайно длинный заголовок о щекотливых вопросах "
                               "внешней политики и гибридных угрозах");
  assert_is_slug (slug);
  g_assert_true (g_str_has_prefix (slug, "chrezvychayno-dlinnyy-zagolovok-o-"));
  g_clear_pointer (&slug, g_free);

  /* A single word longer than the limit can only be cut inside. */
  slug = efir_slug_from_title ("Supercalifragilisticexpialidocious"
                               "supercalifragilisticexpialidocious"
                               "supercalifragilisticexpialidocious");
  g_assert_cmpuint (strlen (slug), ==, EFIR_SLUG_MAX_LENGTH);
  assert_is_slug (slug);
}

static void
test_slug_cut_at_limit (void)
{
  g_autoptr(GString) title = g_string_new ("abcde");
  g_autofree char *slug = NULL;

  /* Sixteen words make exactly 75 bytes: all of them are kept. */
  for (guint i = 0; i < 15; i++)
    g_string_append (title, " abcd");
  g_string_append (title, " tail");

  slug = efir_slug_from_title (title->str);
  g_assert_cmpuint (strlen (slug), ==, EFIR_SLUG_MAX_LENGTH);
  assert_is_slug (slug);
  g_assert_true (g_str_has_suffix (slug, "-abcd"));
  g_clear_pointer (&slug, g_free);

  /* One byte more and the last word straddles the limit: it goes whole. */
  g_string_insert_c (title, 0, 'x');
  slug = efir_slug_from_title (title->str);
  g_assert_cmpuint (strlen (slug), ==, 71);
  assert_is_slug (slug);
  g_assert_true (g_str_has_prefix (slug, "xabcde-abcd-"));
}

static void
test_slug_invalid_utf8 (void)
{
  assert_slug ("Bad \xff bytes", "bad-bytes");
}

static gpointer
slug_in_thread (gpointer data)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *slug = efir_slug_from_title ("Трудный вопрос: Çətin sual");

      if (g_strcmp0 (slug, "trudnyy-vopros-cetin-sual") != 0)
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_slug_threads (void)
{
  GThread *threads[4];

  /* Publishing renders pages in a worker thread while the editor suggests
   * slugs on the main thread.
   */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("slug", slug_in_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/slug/azerbaijani", test_slug_azerbaijani);
  g_test_add_func ("/text/slug/russian", test_slug_russian);
  g_test_add_func ("/text/slug/english", test_slug_english);
  g_test_add_func ("/text/slug/mixed", test_slug_mixed);
  g_test_add_func ("/text/slug/empty", test_slug_empty);
  g_test_add_func ("/text/slug/long", test_slug_long);
  g_test_add_func ("/text/slug/cut-at-limit", test_slug_cut_at_limit);
  g_test_add_func ("/text/slug/invalid-utf8", test_slug_invalid_utf8);
  g_test_add_func ("/text/slug/threads", test_slug_threads);

  return g_test_run ();
}
