/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-social-links"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "efir-social.h"

/* Helpers ---------------------------------------------------------------- */

#define YT EFIR_SOCIAL_PLATFORM_YOUTUBE
#define FB EFIR_SOCIAL_PLATFORM_FACEBOOK
#define IG EFIR_SOCIAL_PLATFORM_INSTAGRAM
#define X  EFIR_SOCIAL_PLATFORM_X
#define TG EFIR_SOCIAL_PLATFORM_TELEGRAM
#define TT EFIR_SOCIAL_PLATFORM_TIKTOK
#define WEB EFIR_SOCIAL_PLATFORM_WEBSITE

typedef struct
{
  const char         *pasted;
  const char         *cleaned;
  EfirSocialPlatform  platform;
  const char         *removed;  /* the names taken away, joined by "," */
} LinkCase;

/* Links of the shapes producers paste: from the share buttons of each
 * app, from the address bar of a phone, with and without tracking. */
static const LinkCase cases[] = {
  /* YouTube */
  { "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT, "" },
  { "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT, "feature" },
  { "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1234s&si=AbCdEf12345",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1234s", YT, "si" },
  { "https://youtu.be/dQw4w9WgXcQ?si=Xy_Z123abc",
    "https://youtu.be/dQw4w9WgXcQ", YT, "si" },
  { "https://youtu.be/dQw4w9WgXcQ?t=95",
    "https://youtu.be/dQw4w9WgXcQ?t=95", YT, "" },
  { "http://youtu.be/dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ", YT, "" },
  { "https://www.youtube.com/shorts/aBcD123xYz0?feature=share",
    "https://www.youtube.com/shorts/aBcD123xYz0", YT, "feature" },
  { "https://www.youtube.com/live/Q1w2E3r4T5y?si=qwerty&pp=ygUFZWZpcg%3D%3D",
    "https://www.youtube.com/live/Q1w2E3r4T5y", YT, "si,pp" },
  { "https://www.youtube.com/embed/dQw4w9WgXcQ?start=60&rel=0",
    "https://www.youtube.com/embed/dQw4w9WgXcQ?start=60", YT, "rel" },
  { "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT, "feature" },
  { "https://WWW.YouTube.COM/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT, "" },
  { "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL9tY0BWXOZFuFEG_GtOBZ8-8wbkH-NVAr&index=3&ab_channel=Efir",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL9tY0BWXOZFuFEG_GtOBZ8-8wbkH-NVAr&index=3", YT,
    "ab_channel" },
  { "https://www.youtube.com/playlist?list=PL9tY0BWXOZFuFEG_GtOBZ8-8wbkH-NVAr&si=zz",
    "https://www.youtube.com/playlist?list=PL9tY0BWXOZFuFEG_GtOBZ8-8wbkH-NVAr", YT, "si" },
  { "https://www.youtube.com/@cetinsual?si=abc",
    "https://www.youtube.com/@cetinsual", YT, "si" },
  { "youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtube.com/watch?v=dQw4w9WgXcQ", YT, "" },
  { "https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=30",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=30", YT, "" },
  { "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?utm_source=site",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", YT, "utm_source" },
  { "https://music.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
    "https://music.youtube.com/watch?v=dQw4w9WgXcQ", YT, "feature" },
  { "  https://youtu.be/dQw4w9WgXcQ\n",
    "https://youtu.be/dQw4w9WgXcQ", YT, "" },

  /* Facebook */
  { "https://www.facebook.com/watch/?v=1234567890123456",
    "https://www.facebook.com/watch/?v=1234567890123456", FB, "" },
  { "https://www.facebook.com/watch/?v=1234567890123456&mibextid=Nif5oz&rdid=AbC",
    "https://www.facebook.com/watch/?v=1234567890123456", FB, "mibextid,rdid" },
  { "https://www.facebook.com/cetinsual/videos/1234567890123456/?fbclid=IwAR0abc",
    "https://www.facebook.com/cetinsual/videos/1234567890123456/", FB, "fbclid" },
  { "https://www.facebook.com/reel/987654321098765?s=yWDuG2&fs=e&mibextid=wwXIfr",
    "https://www.facebook.com/reel/987654321098765", FB, "s,fs,mibextid" },
  { "https://www.facebook.com/cetinsual/posts/pfbid02AbCdEf?__cft__[0]=AZ&__tn__=%2CO%2CP-R",
    "https://www.facebook.com/cetinsual/posts/pfbid02AbCdEf", FB, "__cft__[0],__tn__" },
  { "https://www.facebook.com/permalink.php?story_fbid=1234567890&id=100064&ref=embed_post",
    "https://www.facebook.com/permalink.php?story_fbid=1234567890&id=100064", FB, "ref" },
  { "https://fb.watch/nB3xYz_AbC/?mibextid=Nif5oz",
    "https://fb.watch/nB3xYz_AbC/", FB, "mibextid" },
  { "https://www.facebook.com/share/v/1AbCdEfGhI/?mibextid=qi2Omg",
    "https://www.facebook.com/share/v/1AbCdEfGhI/", FB, "mibextid" },
  { "https://www.facebook.com/share/p/15xYzAbC9d/",
    "https://www.facebook.com/share/p/15xYzAbC9d/", FB, "" },
  { "https://www.facebook.com/share/r/1Qw2Er3Ty4/?mibextid=xfxF2i",
    "https://www.facebook.com/share/r/1Qw2Er3Ty4/", FB, "mibextid" },
  { "https://m.facebook.com/story.php?story_fbid=pfbid0XyZ&id=100064572&mibextid=Nif5oz",
    "https://www.facebook.com/story.php?story_fbid=pfbid0XyZ&id=100064572", FB, "mibextid" },
  { "https://web.facebook.com/cetinsual/videos/1234567890123456/?_rdc=1&_rdr",
    "https://www.facebook.com/cetinsual/videos/1234567890123456/", FB, "_rdc,_rdr" },
  { "https://mbasic.facebook.com/cetinsual",
    "https://www.facebook.com/cetinsual", FB, "" },
  { "http://facebook.com/cetinsual",
    "https://facebook.com/cetinsual", FB, "" },
  { "https://www.Facebook.com/CetinSual",
    "https://www.facebook.com/CetinSual", FB, "" },
  { "https://www.facebook.com/photo.php?fbid=10159&set=a.101&type=3",
    "https://www.facebook.com/photo.php?fbid=10159&set=a.101", FB, "type" },
  { "https://fb.com/cetinsual",
    "https://fb.com/cetinsual", FB, "" },

  /* Instagram */
  { "https://www.instagram.com/p/C1a2B3c4D5e/",
    "https://www.instagram.com/p/C1a2B3c4D5e/", IG, "" },
  { "https://www.instagram.com/p/C1a2B3c4D5e/?igshid=MzRlODBiNWFlZA==",
    "https://www.instagram.com/p/C1a2B3c4D5e/", IG, "igshid" },
  { "https://www.instagram.com/reel/C9xYz8AbCdE/?igsh=MWQ1ZGUxMzBkMA==",
    "https://www.instagram.com/reel/C9xYz8AbCdE/", IG, "igsh" },
  { "https://www.instagram.com/reel/C9xYz8AbCdE/?utm_source=ig_web_copy_link&igsh=MzRl",
    "https://www.instagram.com/reel/C9xYz8AbCdE/", IG, "utm_source,igsh" },
  { "https://www.instagram.com/tv/CAbCdEfGhIj/?hl=ru",
    "https://www.instagram.com/tv/CAbCdEfGhIj/", IG, "hl" },
  { "https://instagram.com/cetinsual?igshid=YmMyMTA2M2Y=",
    "https://instagram.com/cetinsual", IG, "igshid" },
  { "https://www.instagram.com/p/C1a2B3c4D5e/?img_index=2&igsh=abc",
    "https://www.instagram.com/p/C1a2B3c4D5e/?img_index=2", IG, "igsh" },
  { "HTTPS://WWW.INSTAGRAM.COM/p/C1a2B3c4D5e/",
    "https://www.instagram.com/p/C1a2B3c4D5e/", IG, "" },
  { "instagram.com/p/C1a2B3c4D5e",
    "https://instagram.com/p/C1a2B3c4D5e", IG, "" },

  /* X and Twitter */
  { "https://x.com/cetinsual/status/1790000000000000000",
    "https://x.com/cetinsual/status/1790000000000000000", X, "" },
  { "https://x.com/cetinsual/status/1790000000000000000?s=46&t=AbCdEfGhIjKlMnOp",
    "https://x.com/cetinsual/status/1790000000000000000", X, "s,t" },
  { "https://twitter.com/cetinsual/status/1690000000000000000?s=20",
    "https://twitter.com/cetinsual/status/1690000000000000000", X, "s" },
  { "https://mobile.twitter.com/cetinsual/status/1690000000000000000",
    "https://twitter.com/cetinsual/status/1690000000000000000", X, "" },
  { "https://twitter.com/cetinsual/status/1690000000000000000?ref_src=twsrc%5Etfw",
    "https://twitter.com/cetinsual/status/1690000000000000000", X, "ref_src" },
  { "https://X.com/CetinSual",
    "https://x.com/CetinSual", X, "" },
  { "http://www.twitter.com/cetinsual",
    "https://www.twitter.com/cetinsual", X, "" },
  { "https://x.com/i/status/1790000000000000000",
    "https://x.com/i/status/1790000000000000000", X, "" },

  /* Telegram */
  { "https://t.me/cetinsual/1234",
    "https://t.me/cetinsual/1234", TG, "" },
  { "https://t.me/s/cetinsual",
    "https://t.me/s/cetinsual", TG, "" },
  { "https://t.me/s/cetinsual/1234",
    "https://t.me/s/cetinsual/1234", TG, "" },
  { "https://t.me/cetinsual/1234?single",
    "https://t.me/cetinsual/1234?single", TG, "" },
  { "https://t.me/cetinsual/1234?comment=567&utm_source=share",
    "https://t.me/cetinsual/1234?comment=567", TG, "utm_source" },
  { "http://telegram.me/cetinsual",
    "https://telegram.me/cetinsual", TG, "" },
  { "t.me/cetinsual",
    "https://t.me/cetinsual", TG, "" },
  { "https://T.ME/cetinsual/99",
    "https://t.me/cetinsual/99", TG, "" },

  /* TikTok */
  { "https://www.tiktok.com/@cetinsual/video/7312345678901234567",
    "https://www.tiktok.com/@cetinsual/video/7312345678901234567", TT, "" },
  { "https://www.tiktok.com/@cetinsual/video/7312345678901234567?is_from_webapp=1&sender_device=pc",
    "https://www.tiktok.com/@cetinsual/video/7312345678901234567", TT, "is_from_webapp,sender_device" },
  { "https://www.tiktok.com/@cetinsual/video/7312345678901234567?_r=1&_t=8kAbCdEf",
    "https://www.tiktok.com/@cetinsual/video/7312345678901234567", TT, "_r,_t" },
  { "https://vm.tiktok.com/ZMabc123/",
    "https://vm.tiktok.com/ZMabc123/", TT, "" },
  { "https://vt.tiktok.com/ZSxyz789/?utm_campaign=share",
    "https://vt.tiktok.com/ZSxyz789/", TT, "utm_campaign" },
  { "https://m.tiktok.com/v/7312345678901234567.html",
    "https://www.tiktok.com/v/7312345678901234567.html", TT, "" },
  { "https://www.tiktok.com/@cetinsual?lang=az",
    "https://www.tiktok.com/@cetinsual", TT, "lang" },

  /* Redirect links */
  { "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature%3Dshare&h=AT0abc",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT, "feature" },
  { "https://lm.facebook.com/l.php?u=https%3A%2F%2Fefir.az%2Fepisode%2F112%3Ffbclid%3DIwAR1&h=AT",
    "https://efir.az/episode/112", WEB, "fbclid" },
  { "https://www.youtube.com/redirect?event=video_description&redir_token=QUFF&q=https%3A%2F%2Ft.me%2Fcetinsual&v=dQw4w9WgXcQ",
    "https://t.me/cetinsual", TG, "" },
  { "https://l.instagram.com/?u=https%3A%2F%2Fefir.az%2F%3Futm_source%3Dig&e=AT",
    "https://efir.az/", WEB, "utm_source" },
  { "https://www.google.com/url?sa=t&url=x&q=https://www.facebook.com/watch/%3Fv%3D12345&usg=AOv",
    "https://www.facebook.com/watch/?v=12345", FB, "" },
  { "https://t.co/AbCdEf1234",
    "https://t.co/AbCdEf1234", WEB, "" },

  /* Any other site */
  { "https://efir.az/episode/112?utm_source=facebook&utm_medium=social&utm_campaign=ep112",
    "https://efir.az/episode/112", WEB, "utm_source,utm_medium,utm_campaign" },
  { "https://efir.az/episode/112?page=2&fbclid=IwAR0xyz",
    "https://efir.az/episode/112?page=2", WEB, "fbclid" },
  { "https://news.example.com/article?id=55&ref=home&si=1",
    "https://news.example.com/article?id=55&ref=home&si=1", WEB, "" },
  { "http://efir.az/page",
    "http://efir.az/page", WEB, "" },
  { "HTTP://EFIR.AZ/Page?Q=1",
    "http://efir.az/Page?Q=1", WEB, "" },
  { "https://efir.az/a?gclid=Cj0KCQ&x=1#section-2",
    "https://efir.az/a?x=1#section-2", WEB, "gclid" },
  { "https://ÇƏTİNSUAL.AZ/verilis/112",
    "https://çəti̇nsual.az/verilis/112", WEB, "" },
  { "https://пример.рф/выпуск/112?utm_source=tg",
    "https://пример.рф/выпуск/112", WEB, "utm_source" },
  { "https://xn--e1afmkfd.xn--p1ai/news",
    "https://xn--e1afmkfd.xn--p1ai/news", WEB, "" },
  { "https://efir.az:8443/episode?utm_term=x",
    "https://efir.az:8443/episode", WEB, "utm_term" },
  { "efir.az/episode/112",
    "https://efir.az/episode/112", WEB, "" },
  { "https://efir.az/?",
    "https://efir.az/", WEB, "" },
  { "https://www.youtube.com.evil.example/watch?v=1&si=2",
    "https://www.youtube.com.evil.example/watch?v=1&si=2", WEB, "" },
  { "https://notyoutube.com/watch?v=1&feature=x",
    "https://notyoutube.com/watch?v=1&feature=x", WEB, "" },
};

static char *
join_removed (const EfirLinkCleanup *cleanup)
{
  return g_strjoinv (",", cleanup->removed);
}

/* Tests ------------------------------------------------------------------ */

static void
test_clean_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 80);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (cases[i].pasted);
      g_autoptr(EfirLinkCleanup) again = NULL;
      g_autofree char *removed = NULL;

      g_test_message ("cleaning “%s”", cases[i].pasted);
      g_assert_nonnull (cleanup);
      g_assert_cmpstr (cleanup->url, ==, cases[i].cleaned);
      g_assert_cmpint (cleanup->platform, ==, cases[i].platform);
      removed = join_removed (cleanup);
      g_assert_cmpstr (removed, ==, cases[i].removed);
      g_assert_cmpint (efir_link_cleanup_removed_any (cleanup), ==,
                       cases[i].removed[0] != '\0' || cleanup->unwrapped_from != NULL);

      /* Recognised as pasted, and a clean link stays as it is. */
      if (cleanup->unwrapped_from == NULL)
        g_assert_cmpint (efir_social_recognise (cases[i].pasted), ==, cases[i].platform);
      again = efir_link_clean (cleanup->url);
      g_assert_nonnull (again);
      g_assert_cmpstr (again->url, ==, cleanup->url);
      g_assert_null (again->removed[0]);
      g_assert_null (again->unwrapped_from);
    }
}

static void
test_clean_not_links (void)
{
  const char *not_links[] = {
    "", "   ", "hello world", "https://", "ftp://efir.az/file",
    "javascript://alert(1)", "https://efir .az/", "https://efir.az/a b",
    "https://efir.az:http/", "mailto:producer@efir.az",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (not_links); i++)
    {
      g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (not_links[i]);

      g_test_message ("“%s” is no link", not_links[i]);
      if (g_str_equal (not_links[i], "mailto:producer@efir.az"))
        {
          /* Taken for an address without its scheme, as a browser would;
           * what matters is that nothing is lost. */
          continue;
        }
      g_assert_null (cleanup);
    }

  g_assert_null (efir_link_clean (NULL));
  g_assert_null (efir_link_clean ("https://efir.az/\xff"));
  g_assert_cmpint (efir_social_recognise (NULL), ==, WEB);
  g_assert_cmpint (efir_social_recognise ("not a link"), ==, WEB);
}

static void
test_clean_describe (void)
{
  g_autoptr(EfirLinkCleanup) tracked =
    efir_link_clean ("https://youtu.be/dQw4w9WgXcQ?si=abc&feature=share");
  g_autoptr(EfirLinkCleanup) wrapped =
    efir_link_clean ("https://l.facebook.com/l.php?u=https%3A%2F%2Fefir.az%2F%3Ffbclid%3D1");
  g_autoptr(EfirLinkCleanup) clean = efir_link_clean ("HTTP://YouTu.be/dQw4w9WgXcQ");
  g_autofree char *tracked_text = efir_link_cleanup_describe (tracked);
  g_autofree char *wrapped_text = efir_link_cleanup_describe (wrapped);
  g_autofree char *clean_text = efir_link_cleanup_describe (clean);

  g_assert_cmpstr (tracked_text, ==, "Removed si, feature.");
  g_assert_cmpstr (wrapped->unwrapped_from, ==, "l.facebook.com");
  g_assert_cmpstr (wrapped_text, ==, "Taken out of a redirect through l.facebook.com. Removed fbclid.");
  g_assert_false (efir_link_cleanup_removed_any (clean));
  g_assert_cmpstr (clean_text, ==, "");
}

static void
test_redirect_depth (void)
{
  g_autofree char *inner = g_uri_escape_string ("https://efir.az/?utm_source=x", NULL, FALSE);
  g_autofree char *middle = g_strdup_printf ("https://www.youtube.com/redirect?q=%s", inner);
  g_autofree char *middle_escaped = g_uri_escape_string (middle, NULL, FALSE);
  g_autofree char *outer = g_strdup_printf ("https://l.facebook.com/l.php?u=%s", middle_escaped);
  g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (outer);

  g_assert_cmpstr (cleanup->url, ==, "https://efir.az/");
  g_assert_cmpstr (cleanup->unwrapped_from, ==, "l.facebook.com");

  /* A chain of five redirects is no link anyone meant to keep. */
  {
    g_autofree char *chain = g_strdup ("https://efir.az/");

    for (int i = 0; i < 5; i++)
      {
        g_autofree char *escaped = g_uri_escape_string (chain, NULL, FALSE);

        g_free (chain);
        chain = g_strdup_printf ("https://www.google.com/url?q=%s", escaped);
      }
    g_assert_null (efir_link_clean (chain));
  }

  /* A search link is not a redirect: its "q" is words, not an address. */
  {
    g_autoptr(EfirLinkCleanup) search = efir_link_clean ("https://www.google.com/url?q=efir");

    g_assert_cmpstr (search->url, ==, "https://www.google.com/url?q=efir");
    g_assert_null (search->unwrapped_from);
  }
}

static void
test_platform_names (void)
{
  const char *names[] = { "website", "youtube", "facebook", "instagram", "x", "telegram", "tiktok" };

  for (int i = 0; i < EFIR_SOCIAL_N_PLATFORMS; i++)
    {
      EfirSocialPlatform platform = WEB;

      g_assert_cmpstr (efir_social_platform_to_string (i), ==, names[i]);
      g_assert_true (efir_social_platform_from_string (names[i], &platform));
      g_assert_cmpint (platform, ==, i);
      g_assert_nonnull (efir_social_platform_icon_name (i));
    }

  {
    EfirSocialPlatform platform = YT;

    g_assert_false (efir_social_platform_from_string ("myspace", &platform));
    g_assert_false (efir_social_platform_from_string (NULL, &platform));
    g_assert_cmpint (platform, ==, YT);
  }

  g_assert_cmpstr (efir_social_platform_display_name (YT), ==, "YouTube");
  g_assert_cmpstr (efir_social_platform_display_name (X), ==, "X");
  g_assert_cmpstr (efir_social_platform_display_name (WEB), ==, "Website");
}

static void
test_is_web_address (void)
{
  g_assert_true (efir_link_is_web_address ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s"));
  g_assert_true (efir_link_is_web_address ("http://example.org"));
  g_assert_true (efir_link_is_web_address ("HTTPS://EXAMPLE.ORG/"));
  g_assert_true (efir_link_is_web_address ("https://az.wikipedia.org/wiki/Çətin_sual"));

  g_assert_false (efir_link_is_web_address (""));
  g_assert_false (efir_link_is_web_address (NULL));
  g_assert_false (efir_link_is_web_address ("youtube.com/watch?v=x"));
  g_assert_false (efir_link_is_web_address ("ftp://example.org/file"));
  g_assert_false (efir_link_is_web_address ("javascript:alert(1)"));
  g_assert_false (efir_link_is_web_address ("https://"));
  g_assert_false (efir_link_is_web_address ("https://example.org/a b"));
  g_assert_false (efir_link_is_web_address (" https://example.org"));
  g_assert_false (efir_link_is_web_address ("https://example.org/%zz"));
}

static void
test_clean_account (void)
{
  g_autofree char *full = efir_link_clean_url ("  https://www.youtube.com/@cetinsual ");
  g_autofree char *bare = efir_link_clean_url ("facebook.com/cetinsual");
  g_autofree char *words = efir_link_clean_url ("our facebook page");
  g_autofree char *empty = efir_link_clean_url ("");
  g_autofree char *ftp = efir_link_clean_url ("ftp://example.com/");

  g_assert_cmpstr (full, ==, "https://www.youtube.com/@cetinsual");
  g_assert_cmpstr (bare, ==, "https://facebook.com/cetinsual");
  g_assert_null (words);
  g_assert_null (empty);
  g_assert_null (ftp);
}

static void
test_split (void)
{
  g_auto(GStrv) two = efir_link_split ("https://a.example\n https://b.example\t\n");
  g_auto(GStrv) one = efir_link_split ("https://a.example");
  g_auto(GStrv) none = efir_link_split ("  \n");
  g_auto(GStrv) broken = efir_link_split ("https://a.example\xff");
  g_auto(GStrv) on_one_line = efir_link_split ("https://a.example facebook.com/dq");
  g_auto(GStrv) words = efir_link_split ("not a url\nhttps://t.me/dq");

  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "https://a.example");
  g_assert_cmpstr (two[1], ==, "https://b.example");
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (broken), ==, 0);
  /* Several addresses on one line are several links; words are one entry,
   * kept as typed for the producer to mend. */
  g_assert_cmpuint (g_strv_length (on_one_line), ==, 2);
  g_assert_cmpstr (on_one_line[1], ==, "facebook.com/dq");
  g_assert_cmpuint (g_strv_length (words), ==, 2);
  g_assert_cmpstr (words[0], ==, "not a url");
  g_assert_cmpstr (words[1], ==, "https://t.me/dq");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/social/links/clean-table", test_clean_table);
  g_test_add_func ("/social/links/not-links", test_clean_not_links);
  g_test_add_func ("/social/links/describe", test_clean_describe);
  g_test_add_func ("/social/links/redirect-depth", test_redirect_depth);
  g_test_add_func ("/social/links/platform-names", test_platform_names);
  g_test_add_func ("/social/links/is-web-address", test_is_web_address);
  g_test_add_func ("/social/links/clean-account", test_clean_account);
  g_test_add_func ("/social/links/split", test_split);

  return g_test_run ();
}
