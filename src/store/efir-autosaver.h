/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "efir-store.h"
#include "efir-store-writer.h"

G_BEGIN_DECLS

/*
 * EfirAutosaver writes what a producer types without being asked: it follows
 * the episode open in the editor, collects the parts EfirEpisode::changed
 * reports, and saves them in one transaction when typing pauses. It saves at
 * once when told to (episode switch, window close, quit), and it never drops
 * an edit: a failed write keeps the parts dirty and is tried again.
 */

/* A save follows the last change by this much... */
#define EFIR_AUTOSAVER_DEBOUNCE_MS       1000
/* ...but never comes later than this after the first unsaved change. */
#define EFIR_AUTOSAVER_MAX_DELAY_MS      3000
/* After a failure: 2 s, 4 s, 8 s, … up to 30 s between attempts. */
#define EFIR_AUTOSAVER_RETRY_FIRST_MS    2000
#define EFIR_AUTOSAVER_RETRY_MAX_MS      30000
/* An "edit" revision is kept at most this often per episode. */
#define EFIR_AUTOSAVER_REVISION_INTERVAL (5 * G_TIME_SPAN_MINUTE)

typedef enum
{
  EFIR_AUTOSAVE_STATE_SAVED,  /* everything typed is on disk */
  EFIR_AUTOSAVE_STATE_DIRTY,  /* edits wait for a pause in typing */
  EFIR_AUTOSAVE_STATE_SAVING, /* a write is under way */
  EFIR_AUTOSAVE_STATE_FAILED, /* the last write failed; edits are kept and retried */
  EFIR_AUTOSAVE_STATE_CONFLICT, /* the episode was saved elsewhere while it had edits:
                                 * both are kept, nothing is written until the producer
                                 * keeps one (efir_autosaver_keep_mine/take_theirs) */
} EfirAutosaveState;

/* What following a change elsewhere does to the open episode. */
typedef enum
{
  EFIR_AUTOSAVER_FOLLOW_NOTHING,  /* its content is stored as it was read */
  EFIR_AUTOSAVER_FOLLOW_RELOAD,   /* read again in place: no edit of ours is lost */
  EFIR_AUTOSAVER_FOLLOW_CONFLICT, /* edits of ours and another save: keep both, ask */
} EfirAutosaverFollow;

#define EFIR_TYPE_AUTOSAVE_STATE (efir_autosave_state_get_type ())

GType efir_autosave_state_get_type (void) G_GNUC_CONST;

/*
 * Where the autosaver takes its time from. The default is the main context
 * and GLib's clocks; tests pass a clock whose time they move by hand so that
 * they check the timing rules without waiting for them.
 *
 * Times are in microseconds, as g_get_monotonic_time() and g_get_real_time()
 * give them. add_timeout() calls @func (@func_data) once, @delay_ms after
 * now; its return value is ignored. It returns a non-zero id that
 * remove_timeout() accepts until the timeout has fired.
 */
typedef struct
{
  gint64 (*get_monotonic_time) (gpointer     clock_data);
  gint64 (*get_real_time)      (gpointer     clock_data);
  guint  (*add_timeout)        (gpointer     clock_data,
                                guint        delay_ms,
                                GSourceFunc  func,
                                gpointer     func_data);
  void   (*remove_timeout)     (gpointer     clock_data,
                                guint        timeout_id);
} EfirAutosaverClock;

#define EFIR_TYPE_AUTOSAVER (efir_autosaver_get_type ())
G_DECLARE_FINAL_TYPE (EfirAutosaver, efir_autosaver, EFIR, AUTOSAVER, GObject)

EfirAutosaver     *efir_autosaver_new            (EfirStore                 *store);
EfirAutosaver     *efir_autosaver_new_with_clock (EfirStore                 *store,
                                                  const EfirAutosaverClock  *clock,
                                                  gpointer                   clock_data);

void               efir_autosaver_write_in_thread (EfirAutosaver            *self);
EfirStoreWriter   *efir_autosaver_get_writer     (EfirAutosaver             *self);

EfirStore         *efir_autosaver_get_store      (EfirAutosaver             *self);
EfirEpisode       *efir_autosaver_get_episode    (EfirAutosaver             *self);
gboolean           efir_autosaver_set_episode    (EfirAutosaver             *self,
                                                  EfirEpisode               *episode,
                                                  GError                   **error);

EfirAutosaveState  efir_autosaver_get_state      (EfirAutosaver             *self);
const GError      *efir_autosaver_get_error      (EfirAutosaver             *self);
GDateTime         *efir_autosaver_get_last_saved (EfirAutosaver             *self);

gboolean           efir_autosaver_flush          (EfirAutosaver             *self,
                                                  GError                   **error);
void               efir_autosaver_retry          (EfirAutosaver             *self);

/* The open episode, read with @read_save_count and stored now with
 * @stored_save_count (0: no longer stored), with edits not yet written or
 * not: what to do. */
EfirAutosaverFollow efir_autosaver_decide_follow (gint64                     read_save_count,
                                                  gint64                     stored_save_count,
                                                  gboolean                   has_edits);
/* For EfirStore::changed-elsewhere: reads the open episode again in place
 * when it has no edits, or goes to EFIR_AUTOSAVE_STATE_CONFLICT; a
 * publication status written by the publish layer is shown either way. */
gboolean           efir_autosaver_follow_store   (EfirAutosaver             *self,
                                                  GError                   **error);
/* The two ways out of a conflict; a revision keeps the version given up. */
gboolean           efir_autosaver_keep_mine      (EfirAutosaver             *self,
                                                  GError                   **error);
gboolean           efir_autosaver_take_theirs    (EfirAutosaver             *self,
                                                  GError                   **error);

G_END_DECLS
