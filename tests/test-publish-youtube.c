/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-youtube"

#include "config.h"

#include <math.h>

#include "efir-youtube.h"

/* Tests ------------------------------------------------------------------ */

static void
test_video_id (void)
{
  static const struct
  {
    const char *url;
    const char *id;
  } cases[] = {
    { "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ" },
    { "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=AbCdEf123&feature=share", "dQw4w9WgXcQ" },
    { "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42", "dQw4w9WgXcQ" },
    { "http://youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ" },
    { "https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ" },
    { "https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ" },
    { "https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ" },
    { "https://youtu.be/dQw4w9WgXcQ?si=AbCdEf123&t=10", "dQw4w9WgXcQ" },
    { "https://www.youtube.com/shorts/a1B2c3D4e5_", "a1B2c3D4e5_" },
    { "https://youtube.com/shorts/a1B2c3D4e5_?feature=share", "a1B2c3D4e5_" },
    { "https://www.youtube.com/live/Ab-Cd_Ef-12?si=x", "Ab-Cd_Ef-12" },
    { "https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ" },
    { "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=5", "dQw4w9WgXcQ" },
    { "  https://youtu.be/dQw4w9WgXcQ \n", "dQw4w9WgXcQ" },
    /* Not a video of YouTube's. */
    { "https://www.youtube.com/@difficultquestion", NULL },
    { "https://www.youtube.com/watch?v=short", NULL },
    { "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><script>", NULL },
    { "https://youtu.be/dQw4w9WgXcQextra", NULL },
    { "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", NULL },
    { "https://evil.example/watch?v=dQw4w9WgXcQ", NULL },
    { "https://vimeo.com/76979871", NULL },
    { "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", NULL },
    { "ftp://youtube.com/watch?v=dQw4w9WgXcQ", NULL },
    { "youtube.com/watch?v=dQw4w9WgXcQ", NULL },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = efir_youtube_video_id (cases[i].url);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpstr (id, ==, cases[i].id);
    }

  g_assert_null (efir_youtube_video_id (NULL));
}

static void
test_moment_url (void)
{
  g_autofree char *watch = efir_youtube_watch_url ("dQw4w9WgXcQ");
  g_autofree char *whole = efir_youtube_moment_url ("dQw4w9WgXcQ", 1612);
  g_autofree char *fraction = efir_youtube_moment_url ("dQw4w9WgXcQ", 903.9);
  g_autofree char *negative = efir_youtube_moment_url ("dQw4w9WgXcQ", -3);
  g_autofree char *nan = efir_youtube_moment_url ("dQw4w9WgXcQ", NAN);

  g_assert_cmpstr (watch, ==, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  g_assert_cmpstr (whole, ==, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1612");
  /* A moment links to the second it falls in. */
  g_assert_cmpstr (fraction, ==, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=903");
  g_assert_cmpstr (negative, ==, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=0");
  g_assert_cmpstr (nan, ==, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/youtube/video-id", test_video_id);
  g_test_add_func ("/publish/youtube/moment-url", test_moment_url);

  return g_test_run ();
}
