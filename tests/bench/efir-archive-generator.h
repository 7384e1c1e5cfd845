/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "efir-model.h"

G_BEGIN_DECLS

/*
 * A realistic archive for the benchmarks, written through the store's own
 * API so that it has the indexes, JSON columns and search rows a producer's
 * database has.
 *
 * Three programmes ("Çətin sual" in Azerbaijani, "Трудный вопрос" in
 * Russian, "Difficult Question" in English); a guest directory of 300
 * people; episodes spread across the programmes, each in its programme's
 * language, with 1–3 guests, 2–5 quotes, a summary of about 120 words, tags,
 * social links and a 40-minute transcript of about 6,000 words in timed
 * segments of about 20 words. The text is drawn from word lists of each
 * language, most frequent words first, so that folding (ə ı ş ç ğ ö ü İ ё)
 * matters to what search finds.
 *
 * The same seed gives the same archive.
 */

/* Creates the database @db_path, which must not exist yet, and fills it. */
gboolean     efir_archive_generate          (const char *db_path,
                                             guint       n_episodes,
                                             guint32     seed,
                                             GError    **error);

/* A new (unsaved, id 0) Azerbaijani episode of the programme @program_id
 * with a three-hour transcript: about 3,000 segments, 30,000 words.
 */
EfirEpisode *efir_archive_make_long_episode (gint64      program_id,
                                             guint32     seed);

/* Saves that episode in the programme “Çətin sual” of the archive at
 * @db_path, as a start reopening it finds it. */
EfirEpisode *efir_archive_add_long_episode  (const char *db_path,
                                             guint32     seed,
                                             GError    **error);

/* The characters of @episode's transcript as the editor's text view holds
 * them. */
int          efir_archive_transcript_chars  (EfirEpisode *episode);

G_END_DECLS
