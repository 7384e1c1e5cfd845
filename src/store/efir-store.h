/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "efir-model.h"
#include "efir-store-error.h"
#include "efir-store-publishing.h"

G_BEGIN_DECLS

/* EfirStore is the one door to an Efir database: it checks the file before
 * anything is written, applies migrations, keeps the writer connection of the
 * main thread and answers every entity query. Listing runs on that main
 * connection too, and efir_store_search(); the window searches through an
 * EfirSearchWorker, on a read connection of its own in a thread. A backup is SQLite's online backup, a consistent copy
 * taken while the archive stays in use; the check of every page on opening,
 * and the daily backup after it, run in a task on a read-only connection
 * of their own, cancelled when the store is disposed. */

#define EFIR_TYPE_STORE (efir_store_get_type ())
G_DECLARE_FINAL_TYPE (EfirStore, efir_store, EFIR, STORE, GObject)

typedef struct
{
  gint64  episode_id;
  double  rank;          /* lower is better, as FTS5's bm25; 0 for the
                          * newest-first hits of a query of one letter */
  char   *title;
  char   *snippet;       /* original text with the hit between \x01 and \x02;
                          * NULL past the first few hits, and for a query
                          * of one letter */
  char   *program_name;
  int     number;
} EfirSearchHit;

void efir_search_hit_free (EfirSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirSearchHit, efir_search_hit_free)

typedef struct
{
  gint64     id;
  gint64     episode_id;
  GDateTime *created;
  char      *reason;     /* "edit", "publish", "restore", "import" */
} EfirRevisionInfo;

void efir_revision_info_free (EfirRevisionInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirRevisionInfo, efir_revision_info_free)

typedef enum
{
  EFIR_STORE_OPEN_DEFAULT     = 0,
  /* The check of every page starts with efir_store_start_check(), or with
   * the first write or wait for it, not at once: a window starting up
   * draws its first frame without a thread reading the whole file beside
   * it. */
  EFIR_STORE_OPEN_DEFER_CHECK = 1 << 0,
  /* Read only, with nothing written beside the file either: what an
   * archive the producer may not write (a 0444 file, read-only media) is
   * opened as without asking. Every write is EFIR_STORE_ERROR_READ_ONLY. */
  EFIR_STORE_OPEN_READ_ONLY   = 1 << 1,
  /* No check of every page, and so no daily backup after it, for short
   * work such as a command of efir-cli: a write is refused only when a
   * page it reads or changes is damaged (SQLite checks those), so a
   * damaged page elsewhere may be written beside; the check that opening
   * does at once stays, and efir_store_wait_until_checked() still runs
   * the whole check. With EFIR_STORE_OPEN_DEFER_CHECK, as a window opens
   * its archive, efir_store_start_check() runs the check of every page and
   * the daily backup in the background, neither of which ever holds up a
   * save; once the check has found damage, every write is refused. */
  EFIR_STORE_OPEN_CHECK_TOUCHED = 1 << 2,
} EfirStoreOpenFlags;

/* Opening. The default path is $XDG_DATA_HOME/efir/efir.db. */
char          *efir_store_default_path         (void);
EfirStore     *efir_store_open                 (const char        *path,
                                                GError           **error);
EfirStore     *efir_store_open_full            (const char        *path,
                                                EfirStoreOpenFlags flags,
                                                GError           **error);
gboolean       efir_store_needs_upgrade        (const char        *path);
const char    *efir_store_get_path             (EfirStore         *self);
gboolean       efir_store_is_read_only         (EfirStore         *self);
/* efir_store_open() reads every page of an existing archive in a task,
 * cancelled when the store is disposed; writes wait for its verdict. This
 * waits too, and says whether it is sound. */
gboolean       efir_store_wait_until_checked   (EfirStore         *self,
                                                GError           **error);
void           efir_store_start_check          (EfirStore         *self);
/* Whether that check has given its verdict (signal "checked" when it
 * does): a write before then waits for it. */
gboolean       efir_store_is_checked           (EfirStore         *self);
/* The directory daily backups go to (beside the database, "backups/"). */
char          *efir_store_get_backup_dir       (EfirStore         *self);
gboolean       efir_store_backup               (EfirStore         *self,
                                                const char        *dest_path,
                                                GError           **error);
/* A backup by hand of db_path into a folder: STEM-YYYY-MM-DD-HHMMSS.db. */
char          *efir_store_backup_name          (const char        *db_path,
                                                GDateTime         *when);
/* Writes today's backup, STEM-YYYY-MM-DD.db for STEM.db, if there is none
 * yet and the archive changed since the newest; keeps this database's
 * newest of each of the last 3 days and 4 ISO weeks that have one. */
gboolean       efir_store_backup_daily         (EfirStore         *self,
                                                GError           **error);
/* How many daily backups the archive has, and the room they take. */
void           efir_store_get_backup_usage     (EfirStore         *self,
                                                guint             *n_backups,
                                                guint64           *n_bytes);
/* PRAGMA integrity_check; TRUE when "ok". */
gboolean       efir_store_check_integrity      (EfirStore         *self,
                                                GError           **error);

/* For a database that cannot be opened: the newest backup of it (never of
 * another database sharing its folder) that passes quick_check, or NULL. */
char          *efir_store_find_latest_backup   (const char        *db_path);
/* Moves the damaged database aside (renamed with its -wal and -shm, never
 * rewritten: its bytes stay as they were) and puts a copy of the backup in
 * its place. Returns the path the damaged file now has. */
char          *efir_store_recover_from_backup  (const char        *db_path,
                                                const char        *backup_path,
                                                GError           **error);

/* Changes by other processes (efir-cli, a cron outbox run, another Efir):
 * efir_store_check_changed_elsewhere() emits "changed-elsewhere" when
 * another connection committed since it last looked; while following,
 * the store looks every EFIR_STORE_FOLLOW_INTERVAL_MS. */
#define EFIR_STORE_FOLLOW_INTERVAL_MS 500

gboolean       efir_store_check_changed_elsewhere (EfirStore      *self);
void           efir_store_set_cache_kb         (EfirStore         *self,
                                                guint              kb);
void           efir_store_follow_changes       (EfirStore         *self,
                                                gboolean           follow);

/* Programmes. */
GListModel    *efir_store_list_programs        (EfirStore         *self,
                                                GError           **error);
EfirProgram   *efir_store_find_program         (EfirStore         *self,
                                                const char        *name_or_id,
                                                GError           **error);
gboolean       efir_store_save_program         (EfirStore         *self,
                                                EfirProgram       *program,
                                                GError           **error);
/* Only a programme without episodes: EFIR_STORE_ERROR_INVALID says to move
 * or delete them first. can_delete asks without writing. */
gboolean       efir_store_can_delete_program   (EfirStore         *self,
                                                gint64             program_id,
                                                GError           **error);
gboolean       efir_store_delete_program       (EfirStore         *self,
                                                gint64             program_id,
                                                GError           **error);

/* The guest directory. */
GListModel    *efir_store_list_people          (EfirStore         *self,
                                                GError           **error);
gboolean       efir_store_save_person          (EfirStore         *self,
                                                EfirPerson        *person,
                                                GError           **error);
/* Only an entry no episode has as a guest: EFIR_STORE_ERROR_INVALID says
 * to merge it instead. can_delete asks without writing. */
gboolean       efir_store_can_delete_person    (EfirStore         *self,
                                                gint64             person_id,
                                                GError           **error);
gboolean       efir_store_delete_person        (EfirStore         *self,
                                                gint64             person_id,
                                                GError           **error);

/* Episodes. A list returns light episodes (details and guests, no
 * transcript); load returns the whole episode. program_id 0 lists all. */
GListModel    *efir_store_list_episodes        (EfirStore         *self,
                                                gint64             program_id,
                                                GError           **error);
/* One line of a listing of episodes, for efir-cli: what it prints, read
 * without building the episodes, in the order of efir_store_list_episodes(). */
typedef struct
{
  gint64             id;
  char              *program_name;
  int                number;
  char              *title;
  char              *air_date;  /* as the episode file writes it; NULL when undated */
  EfirEpisodeStatus  status;
} EfirEpisodeListing;

void efir_episode_listing_free (EfirEpisodeListing *listing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirEpisodeListing, efir_episode_listing_free)

/* Element type EfirEpisodeListing. */
GPtrArray     *efir_store_list_episode_listings (EfirStore        *self,
                                                gint64             program_id,
                                                GError           **error);
/* The number after the highest of the programme's episodes, 1 for its
 * first; and the tags its episodes carry, the most used first. */
gboolean       efir_store_next_episode_number  (EfirStore         *self,
                                                gint64             program_id,
                                                int               *number,
                                                GError           **error);
/* The id of an episode of the programme numbered @number other than
 * @except_episode_id, 0 when the number is free: two episodes never share
 * a number. */
gboolean       efir_store_find_episode_by_number (EfirStore       *self,
                                                gint64             program_id,
                                                int                number,
                                                gint64             except_episode_id,
                                                gint64            *episode_id,
                                                GError           **error);
char         **efir_store_list_tags            (EfirStore         *self,
                                                gint64             program_id,
                                                GError           **error);
EfirEpisode   *efir_store_load_episode         (EfirStore         *self,
                                                gint64             episode_id,
                                                GError           **error);
/* Reads a stored episode again into the same object, for what another
 * process wrote. */
gboolean       efir_store_reload_episode       (EfirStore         *self,
                                                EfirEpisode       *episode,
                                                GError           **error);
/* Writes the given parts of the episode in one transaction (a new episode,
 * id 0, is inserted whole and gets its id). Guests not yet in the directory
 * are added to it. The same transaction marks the episode for the search
 * index, which efir_store_search() brings up to date before it looks:
 * re-indexing a long transcript costs more than the rest of the save.
 * A stored episode saved elsewhere since it was read is not written:
 * EFIR_STORE_ERROR_CONFLICT. */
gboolean       efir_store_save_episode         (EfirStore         *self,
                                                EfirEpisode       *episode,
                                                EfirEpisodePart    parts,
                                                GError           **error);
gboolean       efir_store_delete_episode       (EfirStore         *self,
                                                gint64             episode_id,
                                                GError           **error);
/* The trash. A deleted episode stays EFIR_STORE_TRASH_DAYS days, out of
 * every list, count, suggestion and search, and can be restored as it was;
 * then the next write that changes episodes (a save, a deletion, a restore)
 * deletes it for good. efir_store_delete_episode() deletes at once. */
#define EFIR_STORE_TRASH_DAYS 30

typedef struct
{
  gint64     episode_id;
  char      *title;
  char      *program_name;
  int        number;      /* 0 for none */
  GDateTime *deleted;     /* UTC */
  gboolean   published;   /* a site holds a post of it, which stays there */
} EfirTrashEntry;

void efir_trash_entry_free (EfirTrashEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfirTrashEntry, efir_trash_entry_free)

gboolean       efir_store_trash_episode        (EfirStore         *self,
                                                gint64             episode_id,
                                                GError           **error);
gboolean       efir_store_restore_episode      (EfirStore         *self,
                                                gint64             episode_id,
                                                GError           **error);
GPtrArray     *efir_store_list_trash           (EfirStore         *self,
                                                gint64             program_id,
                                                GError           **error);
gboolean       efir_store_empty_trash          (EfirStore         *self,
                                                gint64             older_than,
                                                guint             *n_deleted,
                                                GError           **error);
gboolean       efir_store_episode_has_post     (EfirStore         *self,
                                                gint64             episode_id);

/* Imports episode JSON as a new episode. Unknown programmes and guests are
 * created. An episode of the same programme and number already there is
 * never overwritten: EFIR_STORE_ERROR_CONFLICT names it. */
EfirEpisode   *efir_store_import_episode_json  (EfirStore         *self,
                                                const char        *json,
                                                gssize             length,
                                                GError           **error);
typedef enum
{
  /* The file must give every field of the contract, and replaces them all. */
  EFIR_STORE_UPDATE_WHOLE   = 0,
  /* Only the fields the file gives change. */
  EFIR_STORE_UPDATE_PARTIAL = 1 << 0,
} EfirStoreUpdateFlags;

/* Replaces the content of an existing episode; a revision keeps the old. */
gboolean       efir_store_update_episode_json  (EfirStore         *self,
                                                gint64             episode_id,
                                                const char        *json,
                                                gssize             length,
                                                EfirStoreUpdateFlags flags,
                                                GError           **error);

/* Search: ranked, with snippets; every word of the query matches as a
 * prefix, folded so "cetin sual" finds "Çətin sual". Element type
 * EfirSearchHit. */
GPtrArray     *efir_store_search               (EfirStore         *self,
                                                const char        *query,
                                                guint              limit,
                                                GError           **error);
/* Re-indexes the episodes saved since the last search, as the next
 * search would first; for the app to call when the producer pauses. */
gboolean       efir_store_refresh_search_index (EfirStore         *self,
                                                GError           **error);

/* Revisions. Of the "edit" revisions of an episode, the newest this many
 * are kept; the others ("publish", "restore", "import") are never deleted. */
#define EFIR_STORE_MAX_EDIT_REVISIONS 50

gint64         efir_store_add_revision         (EfirStore         *self,
                                                EfirEpisode       *episode,
                                                const char        *reason,
                                                GError           **error);
gboolean       efir_store_keep_edit_revision   (EfirStore         *self,
                                                EfirEpisode       *episode,
                                                gint64             due_before,
                                                gint64            *newest,
                                                GError           **error);
GPtrArray     *efir_store_list_revisions       (EfirStore         *self,
                                                gint64             episode_id,
                                                GError           **error);
EfirEpisode   *efir_store_load_revision        (EfirStore         *self,
                                                gint64             revision_id,
                                                GError           **error);
/* Puts the revision's content into the stored episode (a revision of the
 * current content is kept first) and returns the episode as now stored. */
EfirEpisode   *efir_store_restore_revision     (EfirStore         *self,
                                                gint64             revision_id,
                                                GError           **error);

/* Merging the guest directory: two entries of one person become @keep_id,
 * with every episode's guest rows of either; see efir-store-merge.c. */
gboolean       efir_store_merge_people         (EfirStore         *self,
                                                gint64             keep_id,
                                                gint64             remove_id,
                                                GError           **error);

G_END_DECLS
