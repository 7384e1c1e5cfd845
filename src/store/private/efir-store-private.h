/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-database.h"
#include "efir-store.h"

G_BEGIN_DECLS

/*
 * What the files of EfirStore share: efir-store.c opens the database and
 * owns the connection, efir-store-<entity>.c hold the queries of one entity
 * each. Functions ending in _locked run inside a write transaction their
 * caller began and ends, so that several of them make one change.
 */

EfirDatabase  *efir_store_get_database          (EfirStore           *self);
/* For tests: while held, the check of every page waits before it reads,
 * as on a large archive; cancelling it ends the wait. */
void           efir_store_hold_check_for_tests  (gboolean             hold);
void           efir_store_hold_backup_for_tests (gboolean             hold);

/* Changes of other processes, with a second connection of the store's own
 * (efir-store-writer.c). While a write of that connection is under way,
 * the store does not poll data_version: begin takes note of where it
 * stands, end takes the data_version after the write as its own and says
 * whether a change elsewhere was seen first. note_changed_elsewhere
 * announces one the writer saw. */
gboolean       efir_store_read_data_version     (EfirStore           *self,
                                                 gint64              *data_version);
void           efir_store_begin_own_write       (EfirStore           *self);
gboolean       efir_store_end_own_write         (EfirStore           *self);
void           efir_store_note_changed_elsewhere (EfirStore          *self);
/* Writes of @self wait for, or are refused by, the check of @from. */
void           efir_store_share_write_gate      (EfirStore           *self,
                                                 EfirStore           *from);

/* JSON text for the array columns (tags, hosts, transcripts.segments). */
void           efir_store_append_json_double    (GString             *out,
                                                 double               value);
char          *efir_store_strv_to_json          (const char * const  *strv);
char         **efir_store_strv_from_json        (EfirStore           *self,
                                                 const char          *json,
                                                 GError             **error);

/* Sorts @items (GObjects) by the name @get_name gives, as a producer
 * looks for it: folded, so "İlham" sorts with the i's and "Əliyev" with
 * the e's, not after "Z" as their bytes would.
 */
void           efir_store_sort_by_name          (GPtrArray           *items,
                                                 const char        *(*get_name) (gpointer item));

/* Names of programmes and people: one rule everywhere. A name is kept
 * trimmed and in NFC; two names are one when their keys are equal, which
 * differ in nothing but case. A blank name is no name. */
char          *efir_store_clean_name            (const char          *name);
char          *efir_store_name_key              (const char          *name);
gboolean       efir_store_name_is_blank         (const char          *name);

/* Programmes: the id of the one called @name, 0 when there is none. */
gboolean       efir_store_lookup_program_locked (EfirStore           *self,
                                                 const char          *name,
                                                 gint64              *program_id,
                                                 GError             **error);
/* The id of the programme called @name, added with defaults if missing,
 * in @language when it is not NULL. */
gint64         efir_store_ensure_program_locked (EfirStore           *self,
                                                 const char          *name,
                                                 const char          *language,
                                                 GError             **error);

/* People: the oldest directory entry named @name, added if missing. */
gint64         efir_store_ensure_person_locked  (EfirStore           *self,
                                                 const char          *name,
                                                 const char          *default_role,
                                                 GError             **error);

/* Episodes. Writes @parts of @episode (all of them when its id is 0) but
 * changes nothing in @episode itself: the ids a save hands out are given to
 * the objects by efir_store_apply_saved_ids() only once the transaction is
 * committed, so a rolled-back save leaves no id pointing at nothing.
 * @person_ids gets, for each guest position, the directory id the save
 * gave the guest, or 0.
 */
gboolean       efir_store_write_episode_locked  (EfirStore           *self,
                                                 EfirEpisode         *episode,
                                                 EfirEpisodePart      parts,
                                                 gint64              *episode_id,
                                                 GArray             **person_ids,
                                                 GError             **error);
void           efir_store_apply_saved_ids       (EfirEpisode         *episode,
                                                 gint64               episode_id,
                                                 GArray              *person_ids);

/* The episode list the window shows (efir-episode-list.c): the ids of a
 * programme's episodes in broadcast order, newest first unless
 * @oldest_first, those of one status only unless @status is negative (an
 * EfirEpisodeStatus otherwise), with @n_all set to the number of the
 * programme's episodes of any status; and the light episodes (details and
 * guests) of @ids, in their order, NULL where an id is no longer stored.
 */
GArray        *efir_store_list_episode_ids      (EfirStore           *self,
                                                 gint64               program_id,
                                                 int                  status,
                                                 gboolean             oldest_first,
                                                 guint               *n_all,
                                                 GError             **error);
GPtrArray     *efir_store_load_light_episodes   (EfirStore           *self,
                                                 const gint64        *ids,
                                                 guint                n_ids,
                                                 GError             **error);

/* The message of EFIR_STORE_ERROR_NOT_FOUND for an episode. */
void           efir_store_set_episode_not_found (GError             **error,
                                                 gint64               episode_id);

/* The trash (efir-store-trash.c): deletes for good the episodes deleted
 * before @before, Unix time in microseconds; efir_store_trash_limit() is
 * that moment for a write at @now, EFIR_STORE_TRASH_DAYS days before it. */
gint64         efir_store_trash_limit           (gint64               now);
gboolean       efir_store_empty_trash_locked    (EfirStore           *self,
                                                 gint64               before,
                                                 guint               *n_deleted,
                                                 GError             **error);

/* Search. The schema's triggers mark an episode stale when its searched
 * text changes; efir_store_index_episode_locked() indexes it at once,
 * else the next search does (see efir-store-search.c for why and when).
 */
gboolean       efir_store_index_episode_locked  (EfirStore           *self,
                                                 gint64               episode_id,
                                                 GError             **error);
gboolean       efir_store_forget_search_locked  (EfirStore           *self,
                                                 gint64               episode_id,
                                                 GError             **error);

/* The FTS5 query efir_store_search() runs for the producer's words, or
 * NULL when they hold nothing to search for. Every word is an FTS5 string
 * (its quotes doubled) matched as a prefix; all words must match.
 */
char          *efir_store_search_match_expression (const char        *query);

/* The statement efir_store_search() runs once the index is up to date:
 * ?1 is efir_store_search_match_expression(), ?2 the limit (-1 for none).
 * Columns: episode id, rank (bm25, lower is better), title, snippet with
 * the hits between \x01 and \x02, programme name, number. Benchmarks run
 * it as it is.
 *
 * bm25 weights, in the column order of episode_search (title, summary,
 * quotes, guests, transcript): a word in the title counts most, then in
 * the guests, the quotes, the summary, and least in the transcript, whose
 * length would otherwise bury every other column. efir_bm25() is FTS5's
 * bm25() to the last bit, counting a row's hits in fewer steps (see
 * efir-search-tokenizer.c): half the time for a two-letter prefix.
 *
 * "ORDER BY rank" with the ranking function set through "rank MATCH" lets
 * FTS5 sort the hits itself and stop at the limit, so snippet(), which
 * tokenizes the matched text again (a whole transcript, for a word found
 * there), runs only for the hits returned. The same query ordered by a
 * bm25() column computes every match's snippet before sorting: four times
 * slower for common words in 10,000 episodes (54 ms against 14).
 */
/* How many of the best hits get a snippet. snippet() tokenises the whole
 * column again, up to a 6,000-word transcript per hit, so only the hits a
 * producer sees first get one; the rest are found by title. efir_snippet()
 * gives what snippet() gives, tokenizing each column with hits once
 * (snippet() went through a transcript twice) and scoring each window
 * from the hits near it (see efir-search-snippet.c). */
#define EFIR_STORE_SEARCH_SNIPPETS 6

/* The longest transcript, in bytes, that gets a snippet: snippet() took a
 * minute for a word in a 100 MB one. A three-hour transcript is about a
 * quarter of this. A longer one is found and ranked all the same. */
#define EFIR_STORE_SEARCH_SNIPPET_MAX_BYTES (1024 * 1024)

/* What a query may hold: the time of a search grows with the square of
 * its words (43,000 took six minutes). A longer one is refused. */
#define EFIR_STORE_SEARCH_MAX_WORDS 64
#define EFIR_STORE_SEARCH_MAX_CHARS 1000

/* EFIR_STORE_SEARCH_SQL for a query whose every word is one letter: the
 * newest episodes it matches, not the best. Every episode holds hundreds
 * of words starting with any letter, so ranking them all costs what the
 * words hold (40 to 270 ms over 10,000 episodes, for "a" to "и"), while
 * FTS5 reads the newest 50 from the prefix index and stops. Their rank is
 * 0, for bm25 of even one hit would first count every episode the letter
 * matches, and they have no snippet: one tokenises the whole transcript
 * again to choose among its hundreds of matches (10 ms a hit for "и").
 */
#define EFIR_STORE_SEARCH_NEWEST_SQL                                                \
  "SELECT hit.id, 0.0, e.title, NULL, p.name, coalesce (e.number, 0)"               \
  "  FROM (SELECT rowid AS id"                                                      \
  "          FROM episode_search"                                                   \
  "         WHERE episode_search MATCH ?1"                                          \
  "         ORDER BY rowid DESC"                                                    \
  "         LIMIT ?2) AS hit"                                                       \
  "  JOIN episodes AS e ON e.id = hit.id AND e.deleted_at IS NULL"                  \
  "  JOIN programs AS p ON p.id = e.program_id"                                     \
  " ORDER BY hit.id DESC"

/* Whether efir_store_search() looks for the newest episodes that match
 * @query rather than the best: when each of its words is one letter. */
gboolean       efir_store_search_wants_newest    (const char        *query);

/* For tests: while held, the next search of an EfirSearchWorker waits on
 * its connection until released or cancelled, as a long one runs. */
void           efir_search_worker_hold_for_tests (gboolean           hold);

/* efir_store_search() on any connection, as its index stands: for a
 * worker thread's own read connection. */
GPtrArray     *efir_store_search_database       (EfirDatabase        *db,
                                                 const char          *query,
                                                 guint                limit,
                                                 GCancellable        *cancellable,
                                                 GError             **error);

#define EFIR_STORE_SEARCH_SQL                                                       \
  "SELECT hit.id, hit.rank, e.title,"                                               \
  "       CASE WHEN hit.pos <= " G_STRINGIFY (EFIR_STORE_SEARCH_SNIPPETS) " THEN"    \
  "         (SELECT CASE WHEN length (CAST (transcript AS BLOB)) <= "               \
  G_STRINGIFY (EFIR_STORE_SEARCH_SNIPPET_MAX_BYTES) " THEN"                          \
  "                   efir_snippet (episode_search, -1, char (1), char (2), '…', 16)"\
  "                 END"                                                            \
  "            FROM episode_search"                                                 \
  "           WHERE episode_search MATCH ?1 AND rowid = hit.id)"                    \
  "       END,"                                                                     \
  "       p.name, coalesce (e.number, 0)"                                           \
  "  FROM (SELECT id, rank, row_number () OVER (ORDER BY rank) AS pos"              \
  "          FROM (SELECT rowid AS id, rank"                                        \
  "                  FROM episode_search"                                           \
  "                 WHERE episode_search MATCH ?1"                                  \
  "                   AND rank MATCH 'efir_bm25 (10.0, 2.0, 3.0, 5.0, 1.0)'"        \
  "                 ORDER BY rank"                                                  \
  "                 LIMIT ?2)) AS hit"                                              \
  "  JOIN episodes AS e ON e.id = hit.id AND e.deleted_at IS NULL"                  \
  "  JOIN programs AS p ON p.id = e.program_id"                                     \
  " ORDER BY hit.rank, hit.id"

/* Revisions: stores @episode's content as a revision of the episode
 * @episode_id and keeps the number of "edit" revisions within the cap.
 */
gint64         efir_store_add_revision_locked   (EfirStore           *self,
                                                 gint64               episode_id,
                                                 EfirEpisode         *episode,
                                                 const char          *reason,
                                                 GError             **error);

G_END_DECLS
