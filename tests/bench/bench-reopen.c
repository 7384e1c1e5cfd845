/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-reopen"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "efir-application.h"
#include "efir-episode-editor.h"
#include "efir-summary-section.h"
#include "efir-title-row.h"
#include "efir-transcript-editor-private.h"
#include "efir-transcript-editor.h"
#include "efir-window.h"

/*
 * `efir` as main.c starts it, watched from inside: bench-editor spawns it
 * with settings in which Efir was closed on an episode (the archive's
 * newest, as a producer's every start, or a three-hour one), and it
 * reports the frame that first shows that episode in the editor, then
 * the frame that shows it whole, transcript included, then its resident
 * memory, and quits. The window reopens the episode after its first frame,
 * in an idle callback, so the `first-frame` report of `efir` says nothing
 * about when the producer can read it.
 *
 *   EFIR_BENCH_REOPEN_ID     the episode the settings name
 *   EFIR_BENCH_REOPEN_CHARS  the characters of its transcript's text
 *
 * Prints (times from g_get_monotonic_time (), in µs):
 * - `episode-shown <µs>` after the first frame that draws the editor's
 *   first screen of the episode: its sections from the details to the
 *   summary, the title laid out whole (the sections below wait for that
 *   frame to be drawn, unless the view would show them);
 * - `episode-drawn <µs>` after the first frame in which every section is
 *   on the page, the whole transcript in its view and editable;
 * - `rss-kb <VmRSS> <RssAnon> <RssFile>` of /proc/self/status a second
 *   later, once the text view has laid out the rest of the text in idle
 *   time as it does on a producer's screen.
 */

/* After the frame, before memory is read. */
#define SETTLE_MS 1000

typedef struct
{
  GApplication *app;
  EfirWindow   *window;
  gint64        episode_id;
  int           expected_chars;
  gboolean      first_screen_in_layout;
  gboolean      first_screen_reported;
  gboolean      shown_in_layout;
} Watch;

static Watch watch;

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The editor, if the episode is current and the editor on screen. The
 * editor is asked for only once the episode is current, since asking
 * builds it. */
static GtkWidget *
get_shown_editor (void)
{
  EfirEpisode *current = efir_window_get_current_episode (watch.window);
  GtkWidget *editor;

  if (current == NULL || efir_episode_get_id (current) != watch.episode_id)
    return NULL;

  editor = GTK_WIDGET (efir_window_get_editor (watch.window));
  return editor != NULL && gtk_widget_get_mapped (editor) ? editor : NULL;
}

/* The editor shows the episode's first screen: its first sections mapped,
 * the title's text view as tall as its text. */
static gboolean
first_screen_is_shown (void)
{
  GtkWidget *editor = get_shown_editor ();
  GtkWidget *title;
  GtkWidget *summary;
  int natural;

  if (editor == NULL)
    return FALSE;
  title = find_widget (editor, EFIR_TYPE_TITLE_ROW);
  summary = find_widget (editor, EFIR_TYPE_SUMMARY_SECTION);
  if (title == NULL || !gtk_widget_get_mapped (title) || summary == NULL || !gtk_widget_get_mapped (summary))
    return FALSE;

  title = find_widget (title, GTK_TYPE_TEXT_VIEW);
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (title),
                      NULL, &natural, NULL, NULL);
  return gtk_widget_get_height (title) > 0 && gtk_widget_get_height (title) >= natural;
}

/* The editor shows the episode whole: its transcript on the page, the
 * whole text in the view and editable. */
static gboolean
episode_is_shown (void)
{
  GtkWidget *editor = get_shown_editor ();
  GtkWidget *transcript;
  GtkTextView *view;

  if (editor == NULL)
    return FALSE;
  transcript = find_widget (editor, EFIR_TYPE_TRANSCRIPT_EDITOR);
  if (transcript == NULL || !gtk_widget_get_mapped (transcript))
    return FALSE;

  view = GTK_TEXT_VIEW (efir_transcript_editor_get_view (EFIR_TRANSCRIPT_EDITOR (transcript)));
  return gtk_text_view_get_editable (view) &&
         gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view)) == watch.expected_chars;
}

static gint64
status_kb (const char *status,
           const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\n%s:", key);
  const char *line = strstr (status, needle);

  return line != NULL ? g_ascii_strtoll (line + strlen (needle), NULL, 10) : -1;
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
settled_cb (gpointer user_data)
{
  g_autofree char *status = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    g_print ("rss-kb %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
             status_kb (status, "VmRSS"), status_kb (status, "RssAnon"),
             status_kb (status, "RssFile"));
  g_application_quit (watch.app);
  return G_SOURCE_REMOVE;
}

/* Checked after the window's own layout of each frame (connected after
 * it), so a frame laid out with the episode shown is the one painted next. */
static void
laid_out_cb (GdkFrameClock *clock,
             gpointer       user_data)
{
  if (!watch.first_screen_in_layout)
    watch.first_screen_in_layout = first_screen_is_shown ();
  if (!watch.shown_in_layout)
    watch.shown_in_layout = episode_is_shown ();
}

static void
painted_cb (GdkFrameClock *clock,
            gpointer       user_data)
{
  if (watch.first_screen_in_layout && !watch.first_screen_reported)
    {
      watch.first_screen_reported = TRUE;
      g_print ("episode-shown %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
    }
  if (!watch.shown_in_layout)
    return;

  g_print ("episode-drawn %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, laid_out_cb, NULL);
  g_signal_handlers_disconnect_by_func (clock, painted_cb, NULL);
  g_timeout_add (SETTLE_MS, settled_cb, NULL);
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, user_data);
  g_signal_connect (clock, "layout", G_CALLBACK (laid_out_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  if (watch.window != NULL || !EFIR_IS_WINDOW (window))
    return;
  watch.window = EFIR_WINDOW (window);
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
}

/* Main ------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EfirApplication) app = NULL;
  const char *id = g_getenv ("EFIR_BENCH_REOPEN_ID");
  const char *chars = g_getenv ("EFIR_BENCH_REOPEN_CHARS");

  if (id == NULL || chars == NULL)
    {
      g_printerr ("EFIR_BENCH_REOPEN_ID and EFIR_BENCH_REOPEN_CHARS name the episode\n");
      return 2;
    }
  watch.episode_id = g_ascii_strtoll (id, NULL, 10);
  watch.expected_chars = atoi (chars);

  /* As main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = efir_application_new ();
  watch.app = G_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
