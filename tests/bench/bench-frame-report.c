/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-frame-report"

#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtk/gtk.h>

/*
 * Loaded into another GTK 4 program with LD_PRELOAD, so that bench-editor
 * can time a reference editor (GNOME Text Editor) as it times Efir: it
 * watches the first window the program presents and prints, in
 * g_get_monotonic_time ()'s clock, as bench-reopen does,
 *
 *   first-frame <µs>   after the window's first frame;
 *   text-drawn <µs>    after the first frame laid out with a text view on
 *                      screen holding at least EFIR_BENCH_DRAWN_CHARS
 *                      characters: the file it opened, whole;
 *
 * then quits the process a moment later, once the parent has read its
 * memory.
 */

/* After the report, before the process goes. */
#define LINGER_MS 300

static GtkWidget *watched;
static int        expected_chars = -1;
static gboolean   first_reported;
static gboolean   text_in_layout;
static gboolean   text_reported;

/* Helpers ---------------------------------------------------------------- */

static gboolean
shows_text (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_TEXT_VIEW (widget) &&
      gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget))) >= expected_chars)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child))
        return TRUE;
    }
  return FALSE;
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
linger_done_cb (gpointer user_data)
{
  _exit (0);
}

/* After the window's own layout of each frame. */
static void
laid_out_cb (GdkFrameClock *clock,
             gpointer       user_data)
{
  if (!text_in_layout)
    text_in_layout = shows_text (watched);
}

static void
painted_cb (GdkFrameClock *clock,
            gpointer       user_data)
{
  if (!first_reported)
    {
      first_reported = TRUE;
      g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
    }
  if (text_in_layout && !text_reported)
    {
      text_reported = TRUE;
      g_print ("text-drawn %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      g_timeout_add (LINGER_MS, linger_done_cb, NULL);
    }
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, user_data);
  g_signal_connect_after (clock, "layout", G_CALLBACK (laid_out_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), NULL);
}

/* Interposed --------------------------------------------------------------- */

void
gtk_window_present (GtkWindow *window)
{
  static void (*present) (GtkWindow *window);

  if (present == NULL)
    present = (void (*) (GtkWindow *)) dlsym (RTLD_NEXT, "gtk_window_present");

  if (watched == NULL)
    {
      const char *chars = g_getenv ("EFIR_BENCH_DRAWN_CHARS");

      watched = GTK_WIDGET (window);
      expected_chars = chars != NULL ? atoi (chars) : 0;
      g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
    }
  present (window);
}
