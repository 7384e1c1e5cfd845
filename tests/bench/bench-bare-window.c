/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-bench-bare-window"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

/*
 * The floor bench-editor compares Efir's start-up with: an AdwApplication
 * whose activate presents an empty AdwApplicationWindow, nothing else.
 * It reports its first frame as `efir` does with EFIR_REPORT_FIRST_FRAME=1
 * (see efir-application.c), always, and quits after it when
 * EFIR_EXIT_AFTER_FIRST_FRAME=1.
 */

/* The default size of Efir's main window (efir-window.ui and the
 * window-width/-height keys), so that both processes paint as many pixels.
 */
#define WINDOW_WIDTH  1200
#define WINDOW_HEIGHT 800

/* Callbacks -------------------------------------------------------------- */

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        gpointer       user_data)
{
  GApplication *app = user_data;

  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, user_data);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (g_strcmp0 (g_getenv ("EFIR_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_application_quit (app);
}

/* The frame clock exists once the window is realized, which it is by map. */
static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, user_data);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted_cb), user_data);
}

static void
activated_cb (GApplication *app,
              gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

/* Main ------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  setlocale (LC_ALL, "");

  /* Non-unique, as `efir --db PATH` is: neither asks the session bus for
   * its name before its window appears.
   */
  app = adw_application_new ("io.github.efir.BenchBareWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activated_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
