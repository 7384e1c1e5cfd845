/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-preview"

#include "config.h"

#include "efir-preview.h"

/* The preview's document, and what the producer reads when the preview
 * cannot be shown. Its web view is tested under a display, in
 * tests/ui/test-ui-preview.c. */

/* Tests ------------------------------------------------------------------ */

static void
test_document_keeps_page (void)
{
  const char *html = "<!-- wp:paragraph -->\n<p>Birinci &amp; <a href=\"https://example.org/x\">"
                     "link</a></p>\n<!-- /wp:paragraph -->";
  g_autofree char *document = efir_preview_document ("Çətin sual <№112>", html,
                                                     "https://i.ytimg.com/vi/AbCdEfGhIjK/hqdefault.jpg");

  /* The page goes in as the site gets it, byte for byte. */
  g_assert_nonnull (strstr (document, html));
  /* The title is text, not markup. */
  g_assert_nonnull (strstr (document, "<title>Çətin sual &lt;№112&gt;</title>"));
  g_assert_nonnull (strstr (document, "<h1 class=\"entry-title\">Çətin sual &lt;№112&gt;</h1>"));
  g_assert_nonnull (strstr (document,
                            "url(\"https://i.ytimg.com/vi/AbCdEfGhIjK/hqdefault.jpg\")"));
  /* The frame adds no script of its own. */
  g_assert_null (strstr (document, "<script"));
}

static void
test_document_refuses_odd_thumbnail (void)
{
  const char *odd[] = {
    "https://i.ytimg.com/vi/x\"); background: url(\"https://tracker.example/",
    "https://i.ytimg.com/vi/x)</style><img src=https://tracker.example/>",
    "javascript:alert(1)",
    "file:///etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *document = efir_preview_document ("Title", "<p>x</p>", odd[i]);

      g_assert_null (strstr (document, "tracker.example"));
      g_assert_null (strstr (document, "background-image"));
    }
}

static void
test_missing_module (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  /* As on a system where the preview's package is not installed. */
  g_setenv ("EFIR_PREVIEW_MODULE_DIR", "/nonexistent/efir-preview", TRUE);
  window = efir_preview_show (NULL, "Title", "<p>x</p>", NULL, NULL, &error);

  g_assert_null (window);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "WebKitGTK"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/preview/document-keeps-page", test_document_keeps_page);
  g_test_add_func ("/app/preview/document-refuses-odd-thumbnail",
                   test_document_refuses_odd_thumbnail);
  g_test_add_func ("/app/preview/missing-module", test_missing_module);

  return g_test_run ();
}
