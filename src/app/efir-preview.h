/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "efir-publisher.h"

G_BEGIN_DECLS

/*
 * The page preview: the page exactly as a publication sends it, shown in
 * WebKit inside Efir. WebKit lives in a module of its own (libefir-preview),
 * loaded the first time a preview opens, so that starting Efir never waits
 * for it and Efir still runs where it is not installed.
 */

/* The document the preview shows: @html as the site's theme would frame
 * it, under @title, with the video's
 * @thumbnail_uri drawn where the site shows its player. */
char      *efir_preview_document     (const char     *title,
                                      const char     *html,
                                      const char     *thumbnail_uri);

/* Opens (or brings up again) the preview window of @parent on @html. The
 * page may load nothing from the network but @thumbnail_uri. NULL with
 * @error set, a sentence for the producer, when the preview module or
 * WebKit is missing. */
GtkWidget *efir_preview_show         (GtkWindow      *parent,
                                      const char     *title,
                                      const char     *html,
                                      const char     *base_uri,
                                      const char     *thumbnail_uri,
                                      GError        **error);

/* The same for @episode as a publication of it would render it. */
GtkWidget *efir_preview_show_episode (GtkWindow      *parent,
                                      EfirPublisher  *publisher,
                                      EfirEpisode    *episode,
                                      GError        **error);

G_END_DECLS
