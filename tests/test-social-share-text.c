/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-social-share-text"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "efir-social.h"

/* Helpers ---------------------------------------------------------------- */

static EfirProgram *
make_program (const char *language)
{
  EfirProgram *program = efir_program_new ("Çətin sual");
  const char *hashtags[] = { "ÇətinSual", "#Efir", "Çətin sual", NULL };

  efir_program_set_language (program, language);
  efir_program_set_hashtags (program, hashtags);

  return program;
}

static EfirEpisode *
make_episode (void)
{
  EfirEpisode *episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nəsimi Məmmədli", "politoloq");
  g_autoptr(EfirEpisodeGuest) second = efir_episode_guest_new ("Ramid Namazov", "");
  g_autoptr(EfirQuote) first = efir_quote_new ("Birinci sitat.", "Ramid Namazov", 60.0);
  g_autoptr(EfirQuote) pull = efir_quote_new ("Bu, geosiyasi motivlidir.", "Nəsimi Məmmədli", 1612.5);

  efir_episode_set_title (episode, "Azərbaycanı nə narahat edir?");
  efir_episode_set_number (episode, 112);
  efir_episode_set_video_url (episode, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_guests (episode), second);
  efir_quote_set_pull_quote (pull, TRUE);
  g_list_store_append (efir_episode_get_quotes (episode), first);
  g_list_store_append (efir_episode_get_quotes (episode), pull);

  return episode;
}

/* Tests ------------------------------------------------------------------ */

static void
test_default_texts (void)
{
  g_autoptr(EfirProgram) program = make_program ("az");
  g_autoptr(EfirEpisode) episode = make_episode ();
  g_autofree char *x = efir_share_text (EFIR_SOCIAL_PLATFORM_X, NULL, program, episode, NULL);
  g_autofree char *instagram = efir_share_text (EFIR_SOCIAL_PLATFORM_INSTAGRAM, NULL, program,
                                                episode, "https://efir.az/112");
  g_autofree char *telegram = efir_share_text (EFIR_SOCIAL_PLATFORM_TELEGRAM, NULL, program,
                                               episode, "https://efir.az/112");

  /* The pull quote, in the programme's quotation marks; hashtags without
   * spaces; guests one per line. */
  g_assert_cmpstr (x, ==,
                   "Azərbaycanı nə narahat edir?\n"
                   "\n"
                   "Nəsimi Məmmədli, politoloq\n"
                   "Ramid Namazov\n"
                   "\n"
                   "«Bu, geosiyasi motivlidir.» — Nəsimi Məmmədli\n"
                   "\n"
                   "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
                   "\n"
                   "#ÇətinSual #Efir #Çətinsual");
  g_assert_cmpuint (efir_post_length_x (x), <=, 280);

  /* Instagram shows no link in a caption: none is put there. */
  g_assert_null (strstr (instagram, "https://"));
  g_assert_true (g_str_has_prefix (instagram, "Azərbaycanı nə narahat edir?\n\n"));
  g_assert_nonnull (strstr (telegram, "\n\nhttps://efir.az/112\n\n"));
}

static void
test_english_quotes_and_empty_fields (void)
{
  g_autoptr(EfirProgram) program = make_program ("en");
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirQuote) quote = efir_quote_new ("Threats or interests?", "", -1);
  g_autofree char *with_quote = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *custom = NULL;

  efir_episode_set_title (episode, "Difficult Question");
  bare = efir_share_text (EFIR_SOCIAL_PLATFORM_FACEBOOK, NULL, NULL, episode, NULL);
  /* Lines whose fields are all empty go, and so do the blank lines
   * they leave. */
  g_assert_cmpstr (bare, ==, "Difficult Question");

  g_list_store_append (efir_episode_get_quotes (episode), quote);
  with_quote = efir_share_text (EFIR_SOCIAL_PLATFORM_FACEBOOK, NULL, program, episode,
                                "https://efir.az/1");
  g_assert_cmpstr (with_quote, ==,
                   "Difficult Question\n\n“Threats or interests?”\n\nhttps://efir.az/1\n\n"
                   "#ÇətinSual #Efir #Çətinsual");

  custom = efir_share_text (EFIR_SOCIAL_PLATFORM_TELEGRAM,
                            "{program} №{number}: {title} {unknown}\n{guests}\nWatch: {link}",
                            program, episode, "https://efir.az/1");
  g_assert_cmpstr (custom, ==,
                   "Çətin sual №: Difficult Question {unknown}\nWatch: https://efir.az/1");
}

static void
test_x_too_long (void)
{
  g_autoptr(EfirProgram) program = make_program ("ru");
  g_autoptr(EfirEpisode) episode = make_episode ();
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *text = NULL;

  /* 150 Russian words of one letter and a space: 300 on X. */
  for (int i = 0; i < 150; i++)
    g_string_append (title, "я ");
  efir_episode_set_title (episode, title->str);

  text = efir_share_text (EFIR_SOCIAL_PLATFORM_X, NULL, program, episode, NULL);
  g_assert_cmpuint (efir_post_length_x (text), <=, 280);
  /* The quote, hashtags and guests went before the title was shortened;
   * the link stays. */
  g_assert_null (strstr (text, "«"));
  g_assert_null (strstr (text, "#"));
  g_assert_null (strstr (text, "politoloq"));
  g_assert_nonnull (strstr (text, "…\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ"));

  /* Telegram has room for all of it. */
  {
    g_autofree char *telegram = efir_share_text (EFIR_SOCIAL_PLATFORM_TELEGRAM, NULL, program,
                                                 episode, NULL);

    g_assert_nonnull (strstr (telegram, "«Bu, geosiyasi motivlidir.»"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/social/share-text/defaults", test_default_texts);
  g_test_add_func ("/social/share-text/english-and-empty", test_english_quotes_and_empty_fields);
  g_test_add_func ("/social/share-text/x-too-long", test_x_too_long);

  return g_test_run ();
}
