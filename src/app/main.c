/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "efir-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EfirApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("EFIR_LOCALEDIR");

  /* A run from the build tree finds the translations built there. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = efir_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
