/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-publish-renderer"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "efir-episode-json.h"
#include "efir-html-text.h"
#include "efir-page-renderer.h"
#include "efir-test-util.h"

#define EXAMPLE_UUID "3f2b8c1e-9d4a-4e6b-8a7c-1d2e3f4a5b6c"
#define WATCH "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

/* Helpers ---------------------------------------------------------------- */

static EfirEpisode *
load_example (void)
{
  g_autofree char *json = efir_test_read_fixture ("difficult-question-episode.json", NULL);
  g_autoptr(GError) error = NULL;
  EfirEpisode *episode;

  episode = efir_episode_from_json (json, -1, &error);
  g_assert_no_error (error);

  return episode;
}

static EfirProgram *
make_program (const char *language)
{
  static const char * const accounts[] = {
    "https://www.instagram.com/difficultquestion",
    "https://www.facebook.com/difficultquestion",
    "https://difficultquestion.example/",
    NULL
  };
  EfirProgram *program = efir_program_new ("Difficult Question");

  efir_program_set_language (program, language);
  efir_program_set_social_accounts (program, accounts);

  return program;
}

static char *
render (EfirEpisode *episode,
        EfirProgram *program,
        const char  *uuid,
        guint        wp_major,
        guint        wp_minor,
        gboolean     key_moments)
{
  EfirPageOptions options = { uuid, wp_major, wp_minor, key_moments };

  return efir_page_render (episode, program, &options);
}

static void
assert_contains (const char *html,
                 const char *needle)
{
  if (strstr (html, needle) == NULL)
    g_test_message ("not found: %s\nin:\n%s", needle, html);
  g_assert_nonnull (strstr (html, needle));
}

static void
assert_lacks (const char *html,
              const char *needle)
{
  if (strstr (html, needle) != NULL)
    g_test_message ("found: %s\nin:\n%s", needle, html);
  g_assert_null (strstr (html, needle));
}

static guint
count (const char *html,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (html, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The block grammar WordPress parses: every "<!-- wp:NAME {attrs} -->"
 * closed by "<!-- /wp:NAME -->" at its own depth, attributes that are a
 * JSON object, and no other comment. The whole page is one group. */
static void
assert_blocks_well_formed (const char *html)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  guint top_level_blocks = 0;
  const char *p = html;

  while ((p = strstr (p, "<!--")) != NULL)
    {
      const char *end = strstr (p, "-->");
      const char *q = p + 4;
      gboolean closer = FALSE;
      gboolean void_block = FALSE;
      g_autofree char *name = NULL;
      const char *name_start;

      g_assert_nonnull (end);
      g_assert_true (q[0] == ' ');
      q++;
      if (q[0] == '/')
        {
          closer = TRUE;
          q++;
        }
      g_assert_true (g_str_has_prefix (q, "wp:"));
      q += 3;
      name_start = q;
      while (g_ascii_islower (*q) || g_ascii_isdigit (*q) || *q == '-' || *q == '/')
        q++;
      g_assert_cmpint (q - name_start, >, 0);
      name = g_strndup (name_start, q - name_start);
      g_assert_true (*q == ' ');
      q++;

      if (*q == '{')
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *attrs = NULL;
          const char *attrs_end = end;

          g_assert_false (closer);
          while (attrs_end[-1] != '}')
            attrs_end--;
          attrs = g_strndup (q, attrs_end - q);
          g_assert_null (strstr (attrs, "--"));
          g_assert_null (strchr (attrs, '<'));
          g_assert_null (strchr (attrs, '>'));
          json_parser_load_from_data (parser, attrs, -1, &error);
          g_assert_no_error (error);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
          q = attrs_end + 1;
        }

      if (*q == '/')
        {
          void_block = TRUE;
          q++;
        }
      g_assert_true (q == end);

      if (closer)
        {
          g_assert_cmpuint (stack->len, >, 0);
          g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, name);
          g_ptr_array_remove_index (stack, stack->len - 1);
        }
      else if (!void_block)
        {
          if (stack->len == 0)
            top_level_blocks++;
          g_ptr_array_add (stack, g_steal_pointer (&name));
        }

      p = end + 3;
    }

  g_assert_cmpuint (stack->len, ==, 0);
  g_assert_cmpuint (top_level_blocks, ==, 1);
  g_assert_true (g_str_has_prefix (html, "<!-- wp:group "));
}

/* Every tag in the page is one the renderer writes, with the attributes it
 * writes: anything else came from a producer's field and would be markup
 * on the site. Links go to http or https; the one script is JSON-LD with
 * no "<" inside. */
static void
assert_only_renderer_markup (const char *html)
{
  static const char * const tags[] = {
    "div", "p", "figure", "a", "cite", "strong", "em", "code", "pre", "br", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "details", "summary", "script",
  };
  guint scripts = 0;

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p, '<'))
    {
      g_autofree char *tag = NULL;
      const char *q = p + 1;
      const char *name_start;
      gboolean known = FALSE;

      if (g_str_has_prefix (p, "<!--"))
        {
          p = strstr (p, "-->");
          g_assert_nonnull (p);
          continue;
        }

      if (*q == '/')
        q++;
      name_start = q;
      while (g_ascii_isalnum (*q))
        q++;
      tag = g_strndup (name_start, q - name_start);
      for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
        known |= g_str_equal (tag, tags[i]);
      if (!known)
        g_test_message ("foreign tag at: %.80s", p);
      g_assert_true (known);

      /* Attributes: name="value", nothing else. */
      while (*q == ' ')
        {
          const char *attr_start = ++q;
          g_autofree char *attr = NULL;
          g_autofree char *value = NULL;
          const char *value_end;

          while (g_ascii_islower (*q))
            q++;
          attr = g_strndup (attr_start, q - attr_start);
          g_assert_true (g_str_equal (attr, "class") || g_str_equal (attr, "href")
                         || g_str_equal (attr, "start") || g_str_equal (attr, "type"));
          g_assert_true (q[0] == '=' && q[1] == '"');
          q += 2;
          value_end = strchr (q, '"');
          g_assert_nonnull (value_end);
          value = g_strndup (q, value_end - q);
          g_assert_null (strchr (value, '<'));
          g_assert_null (strchr (value, '>'));
          if (g_str_equal (attr, "href"))
            g_assert_true (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"));
          q = value_end + 1;
        }
      g_assert_cmpint (*q, ==, '>');

      if (g_str_equal (tag, "script") && p[1] != '/')
        {
          const char *content = q + 1;
          const char *close = strstr (content, "</script>");

          g_assert_true (g_str_has_prefix (p, "<script type=\"application/ld+json\">"));
          g_assert_nonnull (close);
          for (const char *c = content; c < close; c++)
            g_assert_cmpint (*c, !=, '<');
          scripts++;
          p = close;
          continue;
        }

      p = q;
    }

  g_assert_cmpuint (scripts, <=, 1);
}

/* The JSON-LD object, or NULL when the page has none. */
static JsonObject *
parse_key_moments (const char *html,
                   JsonParser *parser)
{
  const char *start = strstr (html, "<script type=\"application/ld+json\">");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  const char *end;

  if (start == NULL)
    return NULL;

  start += strlen ("<script type=\"application/ld+json\">");
  end = strstr (start, "</script>");
  g_assert_nonnull (end);
  json = g_strndup (start, end - start);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_page_sound (const char *html)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  assert_blocks_well_formed (html);
  assert_only_renderer_markup (html);
  parse_key_moments (html, parser);
}

/* Tests: the example episode --------------------------------------------- */

static void
test_example_page (void)
{
  g_autoptr(EfirEpisode) episode = load_example ();
  g_autoptr(EfirProgram) program = make_program ("en");
  g_autofree char *html = render (episode, program, EXAMPLE_UUID, 0, 0, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *credit, *embed, *summary, *quotes, *transcript, *links, *follow, *moments;

  assert_page_sound (html);

  /* The marker by which the post is found again. */
  g_assert_true (g_str_has_prefix (html, "<!-- wp:group {\"className\":\"efir-episode-" EXAMPLE_UUID
                                         "\"} -->\n<div class=\"wp-block-group efir-episode-"
                                         EXAMPLE_UUID "\">"));
  g_assert_true (g_str_has_suffix (html, "</div>\n<!-- /wp:group -->\n"));

  credit = strstr (html, "<!-- wp:paragraph -->\n<p>Political commentator Nasimi Mammadli</p>\n"
                         "<!-- /wp:paragraph -->");
  embed = strstr (html,
                  "<!-- wp:embed {\"url\":\"" WATCH "\",\"type\":\"video\","
                  "\"providerNameSlug\":\"youtube\",\"responsive\":true,"
                  "\"className\":\"wp-embed-aspect-16-9 wp-has-aspect-ratio\"} -->\n"
                  "<figure class=\"wp-block-embed is-type-video is-provider-youtube "
                  "wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\">"
                  "<div class=\"wp-block-embed__wrapper\">\n" WATCH "\n</div></figure>\n"
                  "<!-- /wp:embed -->");
  summary = strstr (html, "<p>A temporary commission of the Milli Majlis");
  quotes = strstr (html, "<!-- wp:quote -->");
  transcript = strstr (html, "<!-- wp:html -->\n<details><summary>Transcript</summary>");
  links = strstr (html, "<h3>This episode on social networks</h3>");
  follow = strstr (html, "<h3>Follow us on social networks</h3>");
  moments = strstr (html, "<script type=\"application/ld+json\">");

  /* All there, in the programme's order. */
  g_assert_nonnull (credit);
  g_assert_nonnull (embed);
  g_assert_nonnull (summary);
  g_assert_nonnull (quotes);
  g_assert_nonnull (transcript);
  g_assert_nonnull (links);
  g_assert_nonnull (follow);
  g_assert_nonnull (moments);
  g_assert_true (credit < embed && embed < summary && summary < quotes && quotes < transcript
                 && transcript < links && links < follow && follow < moments);

  assert_contains (html, "Political commentator <strong>Nasimi Mammadli</strong> discusses");

  /* Each quote is cited with a link to its moment, in whole seconds. */
  assert_contains (html, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">"
                         "<!-- wp:paragraph -->\n<p>But if this is geopolitically motivated, it "
                         "means that the issue is not so much about threats as it is about "
                         "interests.</p>\n<!-- /wp:paragraph --><cite>Nasimi Mammadli, <a href=\""
                         WATCH "&amp;t=1612\">26:52</a></cite></blockquote>\n<!-- /wp:quote -->");
  assert_contains (html, "<cite>Nasimi Mammadli, <a href=\"" WATCH "&amp;t=903\">15:03</a></cite>");
  g_assert_cmpuint (count (html, "<!-- wp:quote -->"), ==, 2);

  /* The transcript: a moment link and the speaker on every line. */
  assert_contains (html, "<p><a href=\"" WATCH "&amp;t=0\">0:00</a> <strong>Host:</strong> "
                         "Good evening, this is Difficult Question.</p>");
  assert_contains (html, "<p><a href=\"" WATCH "&amp;t=15\">0:15</a> <strong>Nasimi "
                         "Mammadli:</strong> There are no specific threats");
  g_assert_cmpuint (count (html, "&amp;t=1612\">26:52</a> <strong>"), ==, 1);

  /* The episode's links named by their platform, then the programme's. */
  assert_contains (html, "<li><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;si="
                         "AbCdEf123&amp;feature=share\">YouTube</a></li>");
  assert_contains (html, "<li><a href=\"https://www.facebook.com/difficultquestion/videos/"
                         "1234567890/?mibextid=abc\">Facebook</a></li>");
  assert_contains (html, "<li><a href=\"https://t.me/difficultquestion/4521\">Telegram</a></li>");
  assert_contains (html, "<li><a href=\"https://www.instagram.com/difficultquestion\">"
                         "Instagram</a></li>");
  assert_contains (html, "<li><a href=\"https://difficultquestion.example/\">Website</a></li>");

  /* Key moments: the video and a clip per quote. */
  {
    JsonObject *video = parse_key_moments (html, parser);
    JsonArray *parts;
    JsonObject *clip;

    g_assert_nonnull (video);
    g_assert_cmpstr (json_object_get_string_member (video, "@context"), ==, "https://schema.org");
    g_assert_cmpstr (json_object_get_string_member (video, "@type"), ==, "VideoObject");
    g_assert_cmpstr (json_object_get_string_member (video, "name"), ==,
                     efir_episode_get_title (episode));
    g_assert_true (g_str_has_prefix (json_object_get_string_member (video, "description"),
                                     "A temporary commission"));
    g_assert_cmpstr (json_object_get_string_member (video, "uploadDate"), ==,
                     "2024-10-04T20:00:00+04:00");
    g_assert_cmpstr (json_object_get_string_member (video, "thumbnailUrl"), ==,
                     "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg");
    g_assert_cmpstr (json_object_get_string_member (video, "embedUrl"), ==,
                     "https://www.youtube.com/embed/dQw4w9WgXcQ");
    g_assert_cmpstr (json_object_get_string_member (video, "contentUrl"), ==, WATCH);
    g_assert_cmpstr (json_object_get_string_member (video, "duration"), ==, "PT29M");

    parts = json_object_get_array_member (video, "hasPart");
    g_assert_cmpuint (json_array_get_length (parts), ==, 2);
    clip = json_array_get_object_element (parts, 0);
    g_assert_cmpstr (json_object_get_string_member (clip, "@type"), ==, "Clip");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (clip, "name"),
                                     "But if this is geopolitically motivated"));
    g_assert_cmpint (json_object_get_int_member (clip, "startOffset"), ==, 1612);
    g_assert_cmpint (json_object_get_int_member (clip, "endOffset"), ==, 1620);
    g_assert_cmpstr (json_object_get_string_member (clip, "url"), ==, WATCH "&t=1612");
    clip = json_array_get_object_element (parts, 1);
    g_assert_cmpint (json_object_get_int_member (clip, "startOffset"), ==, 903);
    g_assert_cmpint (json_object_get_int_member (clip, "endOffset"), ==, 908);
    g_assert_cmpstr (json_object_get_string_member (clip, "url"), ==, WATCH "&t=903");
  }
}

static void
test_example_options (void)
{
  g_autoptr(EfirEpisode) episode = load_example ();
  g_autoptr(EfirProgram) program = make_program ("en");
  g_autofree char *plain = render (episode, program, NULL, 0, 0, FALSE);
  g_autofree char *defaults = efir_page_render (episode, program, NULL);
  g_autofree char *again = render (episode, program, NULL, 0, 0, FALSE);

  assert_page_sound (plain);
  g_assert_true (g_str_has_prefix (plain, "<!-- wp:group -->\n<div class=\"wp-block-group\">"));
  assert_lacks (plain, "efir-episode-");
  assert_lacks (plain, "<script");
  assert_lacks (plain, "<!-- wp:html -->\n<script");

  /* NULL options are the oldest site, no marker, no key moments; the same
   * episode always gives the same page. */
  g_assert_cmpstr (defaults, ==, plain);
  g_assert_cmpstr (again, ==, plain);
}

/* The transcript folds away in a details block from WordPress 6.3, in
 * custom HTML before it. */
static void
test_transcript_by_version (void)
{
  static const struct
  {
    guint    major, minor;
    gboolean details_block;
  } cases[] = {
    { 0, 0, FALSE }, { 5, 9, FALSE }, { 6, 1, FALSE }, { 6, 2, FALSE },
    { 6, 3, TRUE }, { 6, 7, TRUE }, { 7, 0, TRUE },
  };
  g_autoptr(EfirEpisode) episode = load_example ();
  g_autoptr(EfirProgram) program = make_program ("en");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = render (episode, program, EXAMPLE_UUID, cases[i].major,
                                      cases[i].minor, TRUE);

      g_test_message ("WordPress %u.%u", cases[i].major, cases[i].minor);
      assert_page_sound (html);

      if (cases[i].details_block)
        {
          assert_contains (html, "<!-- wp:details -->\n<details class=\"wp-block-details\">"
                                 "<summary>Transcript</summary><!-- wp:paragraph -->\n<p><a href=\""
                                 WATCH "&amp;t=0\">0:00</a>");
          assert_contains (html, "Mammadli:</strong> But if this is geopolitically motivated, it "
                                 "means that the issue is not so much about threats as it is "
                                 "about interests.</p>\n<!-- /wp:paragraph --></details>\n"
                                 "<!-- /wp:details -->");
          assert_lacks (html, "<details>");
        }
      else
        {
          assert_contains (html, "<!-- wp:html -->\n<details><summary>Transcript</summary>\n<p>");
          assert_contains (html, "about interests.</p>\n</details>\n<!-- /wp:html -->");
          assert_lacks (html, "wp:details");
        }
      g_assert_cmpuint (count (html, "<summary>"), ==, 1);
    }
}

/* Headings and lists are written as the site's editor saves them. */
static void
test_markup_by_version (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *old = NULL;
  g_autofree char *v62 = NULL;
  g_autofree char *v66 = NULL;

  efir_episode_set_summary (episode, "## Background\n\n- Iran\n- Russia\n");
  old = render (episode, NULL, NULL, 6, 1, FALSE);
  v62 = render (episode, NULL, NULL, 6, 2, FALSE);
  v66 = render (episode, NULL, NULL, 6, 6, FALSE);

  assert_contains (old, "<!-- wp:heading -->\n<h2>Background</h2>\n<!-- /wp:heading -->");
  assert_contains (old, "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Iran</li>\n"
                        "<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Russia</li>\n"
                        "<!-- /wp:list-item --></ul>\n<!-- /wp:list -->");
  assert_contains (v62, "<h2 class=\"wp-block-heading\">Background</h2>");
  assert_contains (v62, "<ul><!-- wp:list-item -->");
  assert_contains (v66, "<ul class=\"wp-block-list\"><!-- wp:list-item -->");
  assert_page_sound (old);
  assert_page_sound (v62);
  assert_page_sound (v66);
}

/* Tests: parts of the page ----------------------------------------------- */

static void
test_languages (void)
{
  static const struct
  {
    const char *language;
    const char *transcript;
    const char *follow;
    const char *credit;
  } cases[] = {
    { "az", "<summary>Verilişin mətni</summary>", "<h3>Bizi sosial şəbəkələrdə izləyin</h3>",
      "<p>Politoloq Nəsimi Məmmədli, iqtisadçı Natiq Cəfərli və Elçin</p>" },
    { "ru", "<summary>Расшифровка</summary>", "<h3>Подписывайтесь на нас в социальных сетях</h3>",
      "<p>Политолог Нэсими Мамедли, экономист Натиг Джафарли и Эльчин</p>" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EfirEpisode) episode = load_example ();
      g_autoptr(EfirProgram) program = make_program (cases[i].language);
      GListStore *guests = efir_episode_get_guests (episode);
      g_autofree char *html = NULL;
      gboolean az = g_str_equal (cases[i].language, "az");
      g_autoptr(EfirEpisodeGuest) first =
        efir_episode_guest_new (az ? "Nəsimi Məmmədli" : "Нэсими Мамедли",
                                az ? "Politoloq" : "Политолог");
      g_autoptr(EfirEpisodeGuest) second =
        efir_episode_guest_new (az ? "Natiq Cəfərli" : "Натиг Джафарли",
                                az ? "iqtisadçı" : "экономист");
      g_autoptr(EfirEpisodeGuest) third = efir_episode_guest_new (az ? "Elçin" : "Эльчин", NULL);
      g_autoptr(EfirEpisodeGuest) unnamed = efir_episode_guest_new (NULL, "politoloq");

      g_list_store_remove_all (guests);
      g_list_store_append (guests, first);
      g_list_store_append (guests, second);
      g_list_store_append (guests, third);
      g_list_store_append (guests, unnamed);

      html = render (episode, program, EXAMPLE_UUID, 0, 0, TRUE);
      assert_page_sound (html);
      assert_contains (html, cases[i].transcript);
      assert_contains (html, cases[i].follow);
      assert_contains (html, cases[i].credit);
      assert_lacks (html, "Transcript");
      assert_lacks (html, "Follow us");
    }
}

static void
test_markdown (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *html = NULL;

  efir_episode_set_summary (episode,
                            "# Title\n\n"
                            "Text with [a link](https://example.com/a?b=1&c=2) and "
                            "[a bad one](javascript:alert(1)) and <b>raw</b> HTML.\n\n"
                            "3. three\n"
                            "4. four\n"
                            "   - nested\n\n"
                            "> quoted\n\n"
                            "    code <here>\n\n"
                            "<div>block</div>\n");
  html = render (episode, NULL, NULL, 0, 0, FALSE);
  assert_page_sound (html);

  assert_contains (html, "<!-- wp:heading -->\n<h2>Title</h2>\n<!-- /wp:heading -->");
  assert_contains (html, "<a href=\"https://example.com/a?b=1&amp;c=2\">a link</a>");
  assert_contains (html, "and a bad one and &lt;b&gt;raw&lt;/b&gt; HTML.</p>");
  assert_contains (html, "<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol start=\"3\">"
                         "<!-- wp:list-item -->\n<li>three</li>");
  assert_contains (html, "<li>four<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>nested</li>\n"
                         "<!-- /wp:list-item --></ul>\n<!-- /wp:list --></li>");
  assert_contains (html, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph "
                         "-->\n<p>quoted</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->");
  assert_contains (html, "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>code &lt;here&gt;"
                         "</code></pre>\n<!-- /wp:code -->");
  assert_contains (html, "<p>&lt;div&gt;block&lt;/div&gt;</p>");
}

/* A summary nested thousands deep is written without exhausting the
 * stack, and still as well-formed blocks. */
static void
test_markdown_deep (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *html = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (summary, "> ");
  g_string_append (summary, "deep\n\n");
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (summary, "%*s- level\n", i * 2, "");

  efir_episode_set_summary (episode, summary->str);
  html = render (episode, NULL, NULL, 0, 0, FALSE);
  assert_page_sound (html);
  g_assert_cmpuint (count (html, "<!-- wp:quote -->"), ==, 5000);
}

static void
test_video_links (void)
{
  g_autoptr(EfirEpisode) episode = load_example ();
  g_autofree char *other = NULL;
  g_autofree char *unsafe = NULL;
  g_autofree char *shorts = NULL;

  efir_episode_set_video_url (episode, "https://vimeo.com/76979871");
  other = render (episode, NULL, NULL, 0, 0, TRUE);
  assert_page_sound (other);
  assert_contains (other, "<p><a href=\"https://vimeo.com/76979871\">Watch the video</a></p>");
  assert_lacks (other, "wp:embed");
  /* Without YouTube there is no moment to link to, nor key moments. */
  assert_contains (other, "<cite>Nasimi Mammadli</cite>");
  assert_contains (other, "<p>0:15 <strong>Nasimi Mammadli:</strong>");
  assert_lacks (other, "<script");

  efir_episode_set_video_url (episode, "javascript:alert(1)");
  unsafe = render (episode, NULL, NULL, 0, 0, TRUE);
  assert_page_sound (unsafe);
  assert_lacks (unsafe, "Watch the video");
  assert_lacks (unsafe, "javascript");

  efir_episode_set_video_url (episode, "https://youtu.be/dQw4w9WgXcQ?si=xyz");
  shorts = render (episode, NULL, NULL, 0, 0, TRUE);
  assert_contains (shorts, "<!-- wp:embed {\"url\":\"" WATCH "\"");
}

static void
test_pull_quote (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirQuote) quote = efir_quote_new ("Quite natural.", "Nasimi Mammadli", 3723.9);
  g_autofree char *html = NULL;

  efir_episode_set_video_url (episode, WATCH);
  efir_quote_set_pull_quote (quote, TRUE);
  g_list_store_append (efir_episode_get_quotes (episode), quote);

  html = render (episode, NULL, NULL, 0, 0, FALSE);
  assert_page_sound (html);
  assert_contains (html, "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote>"
                         "<p>Quite natural.</p><cite>Nasimi Mammadli, <a href=\"" WATCH
                         "&amp;t=3723\">1:02:03</a></cite></blockquote></figure>\n"
                         "<!-- /wp:pullquote -->");
}

static void
test_social_links (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  GListStore *links = efir_episode_get_social_links (episode);
  static const struct
  {
    const char *url;
    const char *platform;
    const char *expected;
  } cases[] = {
    { "https://x.com/dq/status/1", "", ">X</a>" },
    { "https://twitter.com/dq/status/2", "", ">X</a>" },
    { "https://m.facebook.com/dq", "", ">Facebook</a>" },
    { "https://vm.tiktok.com/abc", "", ">TikTok</a>" },
    { "https://www.instagram.com/p/abc", "instagram", ">Instagram</a>" },
    { "https://example.org/dq", "", ">Website</a>" },
    /* A platform Efir does not know is named from the address. */
    { "https://vk.com/dq", "vk", ">Website</a>" },
    { "https://youtu.be/dQw4w9WgXcQ", "vk", ">YouTube</a>" },
    { "https://t.me/dq", "telegram", ">Telegram</a>" },
  };
  g_autofree char *html = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EfirSocialLink) link = efir_social_link_new (cases[i].url, cases[i].platform);

      g_list_store_append (links, link);
    }
  {
    g_autoptr(EfirSocialLink) bad = efir_social_link_new ("javascript:alert(1)", "x");

    g_list_store_append (links, bad);
  }

  html = render (episode, NULL, NULL, 0, 0, FALSE);
  assert_page_sound (html);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_contains (html, cases[i].expected);
  g_assert_cmpuint (count (html, "<li>"), ==, G_N_ELEMENTS (cases));
  assert_lacks (html, "javascript");
  /* Without a programme there are no accounts of its own. */
  assert_lacks (html, "Follow us");
}

static void
test_empty_episode (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *html = render (episode, NULL, "abc", 0, 0, TRUE);

  g_assert_cmpstr (html, ==,
                   "<!-- wp:group {\"className\":\"efir-episode-abc\"} -->\n"
                   "<div class=\"wp-block-group efir-episode-abc\"></div>\n"
                   "<!-- /wp:group -->\n");
}

/* Tests: excerpt, slug, marker ------------------------------------------- */

static void
test_excerpt (void)
{
  g_autoptr(EfirEpisode) episode = load_example ();
  g_autofree char *excerpt = efir_page_excerpt (episode);
  g_autofree char *short_excerpt = NULL;
  g_autofree char *escaped = NULL;
  g_auto(GStrv) words = g_strsplit (excerpt, " ", -1);

  /* The example's two paragraphs are longer than 55 words together. */
  g_assert_true (g_str_has_prefix (excerpt, "A temporary commission of the Milli Majlis against "
                                            "foreign interference"));
  g_assert_cmpuint (g_strv_length (words), ==, 55);
  g_assert_true (g_str_has_suffix (excerpt, "…"));
  assert_contains (excerpt, "visited Baku. Political commentator Nasimi Mammadli discusses");
  assert_lacks (excerpt, "*");

  efir_episode_set_summary (episode, "# Heading\n\nShort *and* [linked](https://a.example) "
                                     "text.\n\n- a list\n");
  short_excerpt = efir_page_excerpt (episode);
  g_assert_cmpstr (short_excerpt, ==, "Short and linked text.");

  /* Exactly as many words as an excerpt holds: cut only if more follow. */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *whole = NULL;
    g_autofree char *cut = NULL;
    g_autofree char *more = NULL;

    for (guint i = 0; i < 55; i++)
      g_string_append_printf (text, "w%u\n", i);
    efir_episode_set_summary (episode, text->str);
    whole = efir_page_excerpt (episode);
    g_assert_true (g_str_has_suffix (whole, " w53 w54"));

    more = g_strconcat (text->str, "\nSecond paragraph.", NULL);
    efir_episode_set_summary (episode, more);
    cut = efir_page_excerpt (episode);
    g_assert_true (g_str_has_suffix (cut, " w53 w54…"));
  }

  efir_episode_set_summary (episode, "Tom & Jerry <script>alert(1)</script>");
  escaped = efir_page_excerpt (episode);
  g_assert_cmpstr (escaped, ==, "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;");

  efir_episode_set_summary (episode, NULL);
  g_free (excerpt);
  excerpt = efir_page_excerpt (episode);
  g_assert_cmpstr (excerpt, ==, "");
}

static void
test_slug (void)
{
  static const struct
  {
    const char *title;
    const char *slug;
    int         number;
    const char *expected;
  } cases[] = {
    { "Çətin sual: Azərbaycan nədən narahatdır?", NULL, 1, "cetin-sual-azerbaycan-neden-narahatdir" },
    { "Трудный вопрос: чем обеспокоен Азербайджан?", NULL, 1,
      "trudnyy-vopros-chem-obespokoyen-azerbaydzhan" },
    { "What is Azerbaijan concerned about?", "my-own-slug", 1, "my-own-slug" },
    { "Whatever", "Çətin sual", 1, "cetin-sual" },
    { "???", NULL, 112, "episode-112" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EfirEpisode) episode = efir_episode_new ();
      g_autofree char *slug = NULL;

      efir_episode_set_title (episode, cases[i].title);
      efir_episode_set_slug (episode, cases[i].slug);
      efir_episode_set_number (episode, cases[i].number);
      slug = efir_page_slug (episode);
      g_assert_cmpstr (slug, ==, cases[i].expected);
      for (const char *p = slug; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
    }
}

static void
test_marker_class (void)
{
  g_autofree char *marker = efir_page_marker_class (EXAMPLE_UUID);
  g_autofree char *upper = efir_page_marker_class ("3F2B8C1E-9D4A-4E6B-8A7C-1D2E3F4A5B6C");
  g_autofree char *hostile = efir_page_marker_class ("a\"b <script>--></c");

  g_assert_cmpstr (marker, ==, "efir-episode-" EXAMPLE_UUID);
  g_assert_cmpstr (upper, ==, marker);
  g_assert_cmpstr (hostile, ==, "efir-episode-abscript--c");
  g_assert_null (efir_page_marker_class (NULL));
  g_assert_null (efir_page_marker_class ("\"<>"));
}

static void
test_title (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *title = NULL;

  efir_episode_set_title (episode, "Q&A: <script>alert(\"1\")</script>");
  title = efir_page_title (episode);
  g_assert_cmpstr (title, ==, "Q&amp;A: &lt;script&gt;alert(\"1\")&lt;/script&gt;");
}

/* Tests: injection ------------------------------------------------------- */

static GPtrArray *
read_vectors (void)
{
  g_autofree char *text = efir_test_read_fixture ("injection-vectors.txt", NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *vectors = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (vectors, g_strdup (lines[i]));

  return vectors;
}

/* Every field a producer fills, set to @vector. */
static EfirEpisode *
hostile_episode (const char *vector,
                 const char *video_url)
{
  EfirEpisode *episode = efir_episode_new ();
  const char *tags[] = { vector, "Iran", NULL };
  g_autofree char *in_url = g_strconcat ("https://example.com/", vector, NULL);
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new (vector, vector);
  g_autoptr(EfirQuote) quote = efir_quote_new (vector, vector, 12.5);
  g_autoptr(EfirQuote) pull = efir_quote_new (vector, vector, 20);
  g_autoptr(EfirSegment) segment = efir_segment_new (12.5, 20, vector, vector);
  g_autoptr(EfirSocialLink) link = efir_social_link_new (vector, vector);
  g_autoptr(EfirSocialLink) url_link = efir_social_link_new (in_url, vector);
  g_autoptr(EfirSocialLink) bare_link = efir_social_link_new (in_url, NULL);
  g_autofree char *summary = g_strdup_printf ("%s\n\n- %s\n\n## %s\n\n> %s\n\n[%s](%s) `%s` "
                                              "[x](%s)\n", vector, vector, vector, vector,
                                              vector, vector, vector, in_url);

  efir_episode_set_title (episode, vector);
  efir_episode_set_program_name (episode, vector);
  efir_episode_set_slug (episode, vector);
  efir_episode_set_video_url (episode, video_url != NULL ? video_url : vector);
  efir_episode_set_summary (episode, summary);
  efir_episode_set_tags (episode, tags);
  efir_quote_set_pull_quote (pull, TRUE);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_guests (episode), guest);
  g_list_store_append (efir_episode_get_quotes (episode), quote);
  g_list_store_append (efir_episode_get_quotes (episode), pull);
  g_list_store_append (efir_episode_get_transcript (episode), segment);
  g_list_store_append (efir_episode_get_social_links (episode), link);
  g_list_store_append (efir_episode_get_social_links (episode), url_link);
  g_list_store_append (efir_episode_get_social_links (episode), bare_link);

  return episode;
}

static EfirProgram *
hostile_program (const char *vector)
{
  g_autofree char *in_url = g_strconcat ("https://example.com/", vector, NULL);
  const char *accounts[] = { vector, in_url, NULL };
  EfirProgram *program = efir_program_new (vector);

  efir_program_set_description (program, vector);
  efir_program_set_social_accounts (program, accounts);

  return program;
}

static void
test_injection (void)
{
  g_autoptr(GPtrArray) vectors = read_vectors ();

  g_assert_cmpuint (vectors->len, >=, 25);

  for (guint i = 0; i < vectors->len; i++)
    {
      const char *vector = g_ptr_array_index (vectors, i);
      g_autoptr(EfirProgram) program = hostile_program (vector);
      const char *video_urls[] = { NULL, WATCH };

      g_test_message ("vector: %s", vector);

      for (gsize v = 0; v < G_N_ELEMENTS (video_urls); v++)
        {
          g_autoptr(EfirEpisode) episode = hostile_episode (vector, video_urls[v]);
          g_autofree char *old = render (episode, program, vector, 0, 0, TRUE);
          g_autofree char *current = render (episode, program, vector, 6, 6, TRUE);
          g_autofree char *title = efir_page_title (episode);
          g_autofree char *excerpt = efir_page_excerpt (episode);
          g_autofree char *slug = efir_page_slug (episode);
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *video;

          assert_page_sound (old);
          assert_page_sound (current);

          g_assert_null (strpbrk (title, "<>"));
          g_assert_null (strpbrk (excerpt, "<>"));
          for (const char *p = slug; *p != '\0'; p++)
            g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');

          /* The key moments carry the producer's text as JSON strings. */
          video = parse_key_moments (current, parser);
          if (video_urls[v] != NULL)
            {
              g_assert_nonnull (video);
              g_assert_cmpstr (json_object_get_string_member (video, "name"), ==, vector);
              g_assert_cmpuint (json_array_get_length (json_object_get_array_member (video,
                                                                                     "hasPart")),
                                ==, 2);
            }
        }
    }
}

/* The page as a reader reads it, for the two sides of a conflict. */
static void
test_html_to_text (void)
{
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  text = efir_html_to_text ("<!-- wp:heading -->\n<h2 class=\"x\">Birinci   sual</h2>\n"
                            "<!-- /wp:heading -->\n<p>Sülh &amp; <strong>müharibə</strong>"
                            "&#8212;<a href=\"https://example.org/\">link</a></p>\n"
                            "<script type=\"application/ld+json\">{\"a\": \"<p>no</p>\"}</script>"
                            "<style>p { color: red; }</style>"
                            "<ul><li>Bir</li><li>İki<br>Üç</li></ul><p>\n</p>"
                            "<blockquote><p>“Söz”</p><cite>Nəsimi</cite></blockquote>");
  g_assert_cmpstr (text, ==,
                   "Birinci sual\nSülh & müharibə—link\nBir\nİki\nÜç\n“Söz”\nNəsimi");

  empty = efir_html_to_text ("<!-- wp:paragraph --><p> </p><!-- /wp:paragraph -->");
  g_assert_cmpstr (empty, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/renderer/example/page", test_example_page);
  g_test_add_func ("/publish/renderer/example/options", test_example_options);
  g_test_add_func ("/publish/renderer/version/transcript", test_transcript_by_version);
  g_test_add_func ("/publish/renderer/version/markup", test_markup_by_version);
  g_test_add_func ("/publish/renderer/languages", test_languages);
  g_test_add_func ("/publish/renderer/markdown", test_markdown);
  g_test_add_func ("/publish/renderer/markdown-deep", test_markdown_deep);
  g_test_add_func ("/publish/renderer/video-links", test_video_links);
  g_test_add_func ("/publish/renderer/pull-quote", test_pull_quote);
  g_test_add_func ("/publish/renderer/social-links", test_social_links);
  g_test_add_func ("/publish/renderer/empty", test_empty_episode);
  g_test_add_func ("/publish/renderer/excerpt", test_excerpt);
  g_test_add_func ("/publish/renderer/slug", test_slug);
  g_test_add_func ("/publish/renderer/marker-class", test_marker_class);
  g_test_add_func ("/publish/renderer/title", test_title);
  g_test_add_func ("/publish/renderer/injection", test_injection);
  g_test_add_func ("/publish/renderer/html-to-text", test_html_to_text);

  return g_test_run ();
}
