/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-social-post-length"

#include "config.h"

#include <locale.h>

#include "efir-social.h"

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  const char *text;
  guint       weighted;
} XCase;

static void
run_x_cases (const XCase *cases,
             gsize        n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_test_message ("X length of “%s”", cases[i].text);
      g_assert_cmpuint (efir_post_length_x (cases[i].text), ==, cases[i].weighted);
      g_assert_cmpuint (efir_post_length (EFIR_SOCIAL_PLATFORM_X, cases[i].text), ==,
                        cases[i].weighted);
    }
}

/* Tests ------------------------------------------------------------------ */

static void
test_x_latin (void)
{
  g_autofree char *full = g_strnfill (280, 'a');
  g_autofree char *over = g_strnfill (281, 'a');
  const XCase cases[] = {
    { "", 0 },
    { "Difficult Question, episode 112", 31 },
    { "Tonight at 20:00!", 17 },
    { full, 280 },
    { over, 281 },
  };

  run_x_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_x_azerbaijani_and_cyrillic (void)
{
  const XCase cases[] = {
    /* Every letter of the Azerbaijani Latin alphabet that English lacks. */
    { "Çətin sual", 10 },
    { "ə ğ ı ö ü ç ş İ Ə Ğ Ş", 21 },
    { "Qarabağ, Şuşa və Gəncə", 22 },
    /* Russian and Azerbaijani Cyrillic. */
    { "Трудный вопрос", 14 },
    { "Ёлка, щука, ъ ы ь э ю я", 23 },
    { "Ҹәтин суал", 10 },
    /* The same letter written as a base and a combining accent counts
     * once, as X counts it after normal form C. */
    { "Cafe\xcc\x81", 4 },
    /* Typographic punctuation is light, the ellipsis is not. */
    { "«Sual» — “cavab”", 16 },
    { "Davamı…", 8 },
    /* Chinese and Japanese weigh two. */
    { "日本語", 6 },
  };

  run_x_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_x_emoji (void)
{
  const XCase cases[] = {
    { "👍", 2 },
    /* A skin tone belongs to its emoji. */
    { "👍🏽", 2 },
    { "👋🏻👋🏿", 4 },
    /* A family of four, joined by ZWJ, is one emoji. */
    { "👨‍👩‍👧‍👦", 2 },
    { "🧑🏽‍💻", 2 },
    { "🏳️‍🌈", 2 },
    /* Flags: two regional indicators; Scotland: a tag sequence. */
    { "🇦🇿", 2 },
    { "🇦🇿🇷🇺", 4 },
    { "🏴󠁧󠁢󠁳󠁣󠁴󠁿", 2 },
    /* A keycap. */
    { "1️⃣", 2 },
    { "#⃣", 2 },
    { "❤️", 2 },
    { "❤", 2 },
    /* © is a letter unless it asks to be drawn as an emoji. */
    { "©", 1 },
    { "©️", 2 },
    { "Efir 🎙️ canlı 🔴", 16 },
  };

  run_x_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_x_links (void)
{
  const XCase cases[] = {
    { "https://efir.az", 23 },
    { "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL9tY0BWXOZFuFEG_GtOBZ8-8wbkH-NVAr", 23 },
    /* The full stop after a link is the sentence's. */
    { "Watch https://www.youtube.com/watch?v=dQw4w9WgXcQ and https://efir.az/112.", 58 },
    { "Baxın: https://youtu.be/dQw4w9WgXcQ\nhttps://t.me/cetinsual/1234 #ÇətinSual", 7 + 23 + 1 + 23 + 11 },
    { "(http://efir.az)", 25 },
    /* Without "http", as twitter-text finds them: a generic domain, or a
     * country's with a path; not a country's alone, nor an e-mail. */
    { "youtube.com/watch?v=dQw4w9WgXcQ", 23 },
    { "Bax: efir.az/112", 5 + 23 },
    { "efir.az", 7 },
    { "Yazın: info@efir.com", 20 },
    { "Sayt example.org.", 5 + 23 + 1 },
  };

  run_x_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_other_platforms (void)
{
  /* Telegram counts UTF-16 units: an emoji outside the first plane is two. */
  g_assert_cmpuint (efir_post_length (EFIR_SOCIAL_PLATFORM_TELEGRAM, "Çətin 👍"), ==, 8);
  g_assert_cmpuint (efir_post_length (EFIR_SOCIAL_PLATFORM_TELEGRAM, "Трудный вопрос"), ==, 14);
  /* The others count characters, links as written. */
  g_assert_cmpuint (efir_post_length (EFIR_SOCIAL_PLATFORM_INSTAGRAM, "Çətin 👍"), ==, 7);
  g_assert_cmpuint (efir_post_length (EFIR_SOCIAL_PLATFORM_FACEBOOK, "https://efir.az"), ==, 15);
  g_assert_cmpuint (efir_post_length (EFIR_SOCIAL_PLATFORM_TIKTOK, "Sual"), ==, 4);

  g_assert_cmpuint (efir_post_length_limit (EFIR_SOCIAL_PLATFORM_X), ==, 280);
  g_assert_cmpuint (efir_post_length_limit (EFIR_SOCIAL_PLATFORM_TELEGRAM), ==, 4096);
  g_assert_cmpuint (efir_post_length_limit (EFIR_SOCIAL_PLATFORM_INSTAGRAM), ==, 2200);
  g_assert_cmpuint (efir_post_length_limit (EFIR_SOCIAL_PLATFORM_TIKTOK), ==, 2200);
  g_assert_cmpuint (efir_post_length_limit (EFIR_SOCIAL_PLATFORM_FACEBOOK), ==, 63206);
  g_assert_cmpuint (efir_post_length_limit (EFIR_SOCIAL_PLATFORM_WEBSITE), ==, 0);
  g_assert_cmpuint (EFIR_TELEGRAM_CAPTION_LIMIT, ==, 1024);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/social/post-length/x/latin", test_x_latin);
  g_test_add_func ("/social/post-length/x/azerbaijani-cyrillic", test_x_azerbaijani_and_cyrillic);
  g_test_add_func ("/social/post-length/x/emoji", test_x_emoji);
  g_test_add_func ("/social/post-length/x/links", test_x_links);
  g_test_add_func ("/social/post-length/other-platforms", test_other_platforms);

  return g_test_run ();
}
