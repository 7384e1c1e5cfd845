/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-autosaver"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "efir-autosaver.h"

/* Types and properties --------------------------------------------------- */

/*
 * Why these numbers. One second of quiet is the pause between two sentences:
 * saving then costs nothing the producer notices and loses at most that
 * second to a power cut. Someone typing a transcript along with the video
 * never pauses that long, so the maximum delay bounds the loss for them too;
 * at 3 s it is a few words, and the writes it adds (20 a minute of one short
 * transaction of a few milliseconds each) are well under 1 % of the main
 * thread. The backoff after a failure keeps a full or failing disk from
 * being hammered while the error is on screen; it stops growing at 30 s so
 * that a problem fixed outside Efir (space freed, disk reconnected) is
 * noticed soon without anyone pressing Retry.
 */

#define USEC_PER_MSEC 1000

/* Entry.newest_revision before the store was asked, and when it has none. */
#define REVISION_UNKNOWN G_MININT64
#define REVISION_NONE    (G_MININT64 + 1)

/* An episode with edits to write: the one followed, or one left behind by a
 * switch whose save failed, kept (and retried) until it is written.
 */
typedef struct
{
  EfirAutosaver   *autosaver;  /* the owner */
  EfirEpisode     *episode;
  gulong           changed_id;
  EfirEpisodePart  dirty;
  /* Saved elsewhere while it had edits: not written until the producer
   * chooses. */
  gboolean         conflict;
  /* Real time of the episode's newest revision, cached after the first
   * save so that saves do not read the revision list each time.
   */
  gint64           newest_revision;
} Entry;

struct _EfirAutosaver
{
  GObject                   parent_instance;

  /* Owned */
  EfirStore                *store;
  Entry                    *current;
  GPtrArray                *left_behind;  /* of Entry */
  GError                   *error;
  GDateTime                *last_saved;

  /* Borrowed */
  const EfirAutosaverClock *clock;
  gpointer                  clock_data;

  EfirAutosaveState         state;
  gboolean                  saving;

  /* Monotonic times of the first and the last change since the last
   * attempt to save, when changed_since_attempt.
   */
  gboolean                  changed_since_attempt;
  gint64                    first_change;
  gint64                    last_change;

  /* Failed attempts in a row, and when the last one ended. */
  guint                     failures;
  gint64                    failed_at;

  guint                     timeout_id;
  gint64                    timeout_due;

  /* A save fell due while the store was still checking the archive. */
  gboolean                  waiting_for_check;

  /* Saves in a thread (efir_autosaver_write_in_thread()): the writer,
   * made with the first edit, and the round of saves under way. */
  gboolean                  in_thread;
  EfirStoreWriter          *writer;
  guint                     pending;
  gboolean                  round_saved_any;
  GError                   *round_error;
};

G_DEFINE_FINAL_TYPE (EfirAutosaver, efir_autosaver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EPISODE,
  PROP_STATE,
  PROP_ERROR,
  PROP_LAST_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue state_values[] = {
  { EFIR_AUTOSAVE_STATE_SAVED, "EFIR_AUTOSAVE_STATE_SAVED", "saved" },
  { EFIR_AUTOSAVE_STATE_DIRTY, "EFIR_AUTOSAVE_STATE_DIRTY", "dirty" },
  { EFIR_AUTOSAVE_STATE_SAVING, "EFIR_AUTOSAVE_STATE_SAVING", "saving" },
  { EFIR_AUTOSAVE_STATE_FAILED, "EFIR_AUTOSAVE_STATE_FAILED", "failed" },
  { EFIR_AUTOSAVE_STATE_CONFLICT, "EFIR_AUTOSAVE_STATE_CONFLICT", "conflict" },
  { 0, NULL, NULL },
};

GType
efir_autosave_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("EfirAutosaveState"),
                                           state_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* Helpers ---------------------------------------------------------------- */

static gint64
system_get_monotonic_time (gpointer clock_data)
{
  return g_get_monotonic_time ();
}

static gint64
system_get_real_time (gpointer clock_data)
{
  return g_get_real_time ();
}

static guint
system_add_timeout (gpointer    clock_data,
                    guint       delay_ms,
                    GSourceFunc func,
                    gpointer    func_data)
{
  guint id = g_timeout_add (delay_ms, func, func_data);

  g_source_set_name_by_id (id, "[efir] autosave");
  return id;
}

static void
system_remove_timeout (gpointer clock_data,
                       guint    timeout_id)
{
  g_source_remove (timeout_id);
}

static const EfirAutosaverClock system_clock = {
  system_get_monotonic_time,
  system_get_real_time,
  system_add_timeout,
  system_remove_timeout,
};

static void episode_changed_cb (EfirEpisode     *episode,
                                EfirEpisodePart  parts,
                                gpointer         user_data);

static Entry *
entry_new (EfirAutosaver *self,
           EfirEpisode   *episode)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->autosaver = self;
  entry->episode = g_object_ref (episode);
  entry->newest_revision = REVISION_UNKNOWN;
  entry->changed_id = g_signal_connect (episode, "changed", G_CALLBACK (episode_changed_cb), entry);

  return entry;
}

static void
entry_free (Entry *entry)
{
  g_clear_signal_handler (&entry->changed_id, entry->episode);
  g_clear_object (&entry->episode);
  g_free (entry);
}

static gint64
now_monotonic (EfirAutosaver *self)
{
  return self->clock->get_monotonic_time (self->clock_data);
}

/* Left-behind entries stay only while they are dirty; they are listed too
 * so that the answer does not depend on that.
 */
static gboolean
has_dirty (EfirAutosaver *self)
{
  if (self->current != NULL && self->current->dirty != 0)
    return TRUE;

  for (guint i = 0; i < self->left_behind->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->left_behind, i);

      if (entry->dirty != 0)
        return TRUE;
    }

  return FALSE;
}

static void
update_state (EfirAutosaver *self)
{
  EfirAutosaveState state;

  if (self->saving)
    state = EFIR_AUTOSAVE_STATE_SAVING;
  else if (self->current != NULL && self->current->conflict)
    state = EFIR_AUTOSAVE_STATE_CONFLICT;
  else if (!has_dirty (self))
    state = EFIR_AUTOSAVE_STATE_SAVED;
  /* Typing on after a failure does not hide it: the edits are still not
   * on disk.
   */
  else if (self->failures > 0)
    state = EFIR_AUTOSAVE_STATE_FAILED;
  else
    state = EFIR_AUTOSAVE_STATE_DIRTY;

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (EfirAutosaver *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static GDateTime *
date_time_new_from_real_time (gint64 real_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (real_time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_add (local, real_time % G_USEC_PER_SEC);
}

static gint64
retry_delay (guint failures)
{
  gint64 delay_ms = EFIR_AUTOSAVER_RETRY_FIRST_MS;

  for (guint i = 1; i < failures && delay_ms < EFIR_AUTOSAVER_RETRY_MAX_MS; i++)
    delay_ms *= 2;

  return MIN (delay_ms, EFIR_AUTOSAVER_RETRY_MAX_MS) * USEC_PER_MSEC;
}

/* The monotonic time the next save is due at, or G_MAXINT64 for none. */
static gint64
next_deadline (EfirAutosaver *self)
{
  gint64 deadline = G_MAXINT64;

  if (!has_dirty (self))
    return G_MAXINT64;

  /* A conflict waits for the producer, not for a timer. */
  if (self->current != NULL && self->current->conflict && self->left_behind->len == 0)
    return G_MAXINT64;

  if (self->changed_since_attempt)
    deadline = MIN (self->last_change + EFIR_AUTOSAVER_DEBOUNCE_MS * USEC_PER_MSEC,
                    self->first_change + EFIR_AUTOSAVER_MAX_DELAY_MS * USEC_PER_MSEC);

  if (self->failures > 0)
    deadline = MIN (deadline, self->failed_at + retry_delay (self->failures));

  return deadline;
}

static void
cancel_timeout (EfirAutosaver *self)
{
  if (self->timeout_id == 0)
    return;

  self->clock->remove_timeout (self->clock_data, self->timeout_id);
  self->timeout_id = 0;
}

static gboolean save_timeout_fired_cb (gpointer user_data);

static void
reschedule (EfirAutosaver *self)
{
  gint64 deadline;
  gint64 now;
  gint64 delay_ms;

  /* The save under way reschedules when it ends. */
  if (self->saving)
    return;

  deadline = next_deadline (self);
  if (deadline == G_MAXINT64)
    {
      cancel_timeout (self);
      return;
    }

  /* A timeout due no later than the deadline stays: it looks again when it
   * fires, so typing re-arms the timer about once a second, not once a
   * keystroke.
   */
  if (self->timeout_id != 0 && self->timeout_due <= deadline)
    return;

  cancel_timeout (self);

  now = now_monotonic (self);
  delay_ms = deadline > now ? (deadline - now + USEC_PER_MSEC - 1) / USEC_PER_MSEC : 0;
  self->timeout_due = now + delay_ms * USEC_PER_MSEC;
  self->timeout_id = self->clock->add_timeout (self->clock_data, (guint) delay_ms,
                                               save_timeout_fired_cb, self);
}

/* The store stamps revisions with the real time and the clock gives the
 * real time too, so the two compare.
 *
 * A revision that cannot be written is not an edit lost (the save before it
 * succeeded), so it is not shown as a failure; the next save tries again.
 */
static gboolean
revision_due (EfirAutosaver *self,
              Entry         *entry,
              gint64         now)
{
  return entry->newest_revision == REVISION_UNKNOWN || entry->newest_revision == REVISION_NONE
         || now - entry->newest_revision >= EFIR_AUTOSAVER_REVISION_INTERVAL;
}

/* Takes in what keeping a revision saw: one kept @now, or the newest
 * there was. */
static void
note_revision (Entry    *entry,
               gboolean  kept,
               gint64    newest,
               gint64    now)
{
  if (kept)
    entry->newest_revision = now;
  else if (newest != 0)
    entry->newest_revision = newest;
  else
    entry->newest_revision = REVISION_NONE;
}

static void
add_revision_if_due (EfirAutosaver *self,
                     Entry         *entry)
{
  g_autoptr(GError) error = NULL;
  gint64 now = self->clock->get_real_time (self->clock_data);
  gint64 newest = 0;
  gboolean kept;

  if (!revision_due (self, entry, now))
    return;

  kept = efir_store_keep_edit_revision (self->store, entry->episode,
                                        now - EFIR_AUTOSAVER_REVISION_INTERVAL, &newest, &error);
  if (error != NULL)
    g_debug ("No revision of episode %" G_GINT64_FORMAT " was kept: %s",
             efir_episode_get_id (entry->episode), error->message);
  else
    note_revision (entry, kept, newest, now);
}

static void
set_conflict_error (GError **error)
{
  g_set_error_literal (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT,
                       _("This episode was changed elsewhere while you edited it."));
}

static gboolean
save_entry (EfirAutosaver  *self,
            Entry          *entry,
            GError        **error)
{
  EfirEpisodePart parts = entry->dirty;
  gint64 started = g_get_monotonic_time ();

  /* Cleared before the write, so that a change made while it runs (the
   * store filling in ids) marks its part dirty again instead of being
   * forgotten.
   */
  entry->dirty = 0;

  if (!efir_store_save_episode (self->store, entry->episode, parts, error))
    {
      entry->dirty |= parts;
      return FALSE;
    }

  g_debug ("Saved episode %" G_GINT64_FORMAT " (parts 0x%x) in %.2f ms",
           efir_episode_get_id (entry->episode), (guint) parts,
           (g_get_monotonic_time () - started) / 1000.0);

  add_revision_if_due (self, entry);

  return TRUE;
}

/* A save handed to the writer. */
typedef struct
{
  EfirAutosaver   *autosaver;
  Entry           *entry;
  EfirEpisodePart  parts;
  gint64           now;  /* real time when it was asked for */
  gboolean         revision_asked;
} Save;

/* Takes into the producer's episode what the writer's save of its copy
 * gave that copy: ids, the stable id, the save count, and the directory
 * ids of new guests, for the guests still where they were. */
static void
take_over_saved (Entry       *entry,
                 EfirEpisode *written)
{
  EfirEpisode *episode = entry->episode;
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  GListModel *written_guests = G_LIST_MODEL (efir_episode_get_guests (written));
  guint n_guests = MIN (g_list_model_get_n_items (guests),
                        g_list_model_get_n_items (written_guests));

  if (efir_episode_get_uuid (episode)[0] == '\0')
    efir_episode_set_uuid (episode, efir_episode_get_uuid (written));
  efir_episode_set_id (episode, efir_episode_get_id (written));
  efir_episode_set_save_count (episode, efir_episode_get_save_count (written));

  for (guint i = 0; i < n_guests; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);
      g_autoptr(EfirEpisodeGuest) written_guest = g_list_model_get_item (written_guests, i);
      gint64 person_id = efir_episode_guest_get_person_id (written_guest);

      if (person_id != 0 && efir_episode_guest_get_person_id (guest) == 0
          && g_strcmp0 (efir_episode_guest_get_name (guest),
                        efir_episode_guest_get_name (written_guest)) == 0)
        efir_episode_guest_set_person_id (guest, person_id);
    }
}

static void
note_failure (EfirAutosaver *self,
              Entry         *entry,
              const GError  *error)
{
  if (g_error_matches (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT))
    entry->conflict = TRUE;
  if (self->round_error == NULL)
    self->round_error = g_error_copy (error);
}

/* Every save of the round has ended. */
static void
finish_round (EfirAutosaver *self)
{
  g_autoptr(GError) round_error = g_steal_pointer (&self->round_error);

  self->saving = FALSE;

  for (guint i = 0; i < self->left_behind->len;)
    {
      Entry *entry = g_ptr_array_index (self->left_behind, i);

      if (entry->dirty == 0)
        g_ptr_array_remove_index (self->left_behind, i);
      else
        i++;
    }

  if (self->round_saved_any)
    {
      g_clear_pointer (&self->last_saved, g_date_time_unref);
      self->last_saved = date_time_new_from_real_time (self->clock->get_real_time (self->clock_data));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SAVED]);
    }

  if (round_error != NULL)
    {
      self->failures++;
      self->failed_at = now_monotonic (self);
    }
  else
    {
      self->failures = 0;
    }
  set_error (self, round_error);

  update_state (self);
  reschedule (self);
}

static void
on_saved_cb (EfirStoreWriteResult *result,
             gpointer              user_data)
{
  Save *save = user_data;
  EfirAutosaver *self = save->autosaver;
  Entry *entry = save->entry;

  if (result->error != NULL)
    {
      entry->dirty |= save->parts;
      note_failure (self, entry, result->error);
    }
  else
    {
      take_over_saved (entry, result->written);
      self->round_saved_any = TRUE;
      if (save->revision_asked && result->error == NULL)
        note_revision (entry, result->revision_added, result->newest_revision, save->now);
    }

  g_free (save);
  if (--self->pending == 0)
    finish_round (self);
}

/* Hands @entry's edits to the writer: a copy of the parts to write, of
 * every part when a revision may be due, since a revision keeps them all.
 * The copy costs a few milliseconds for a three-hour transcript; the
 * commit it spares the main loop costs more, and its fsync much more. */
static void
ask_writer (EfirAutosaver *self,
            Entry         *entry)
{
  g_autoptr(EfirEpisode) copy = NULL;
  Save *save = g_new0 (Save, 1);

  save->autosaver = self;
  save->entry = entry;
  save->parts = entry->dirty;
  save->now = self->clock->get_real_time (self->clock_data);

  save->revision_asked = revision_due (self, entry, save->now);
  copy = efir_episode_copy (entry->episode,
                            save->revision_asked || efir_episode_get_id (entry->episode) == 0
                              ? EFIR_EPISODE_PART_ALL : save->parts);
  entry->dirty = 0;

  self->pending++;
  efir_store_writer_save (self->writer, copy, save->parts,
                          save->revision_asked ? save->now - EFIR_AUTOSAVER_REVISION_INTERVAL : 0,
                          on_saved_cb, save);
}

static void
save_or_ask (EfirAutosaver *self,
             Entry         *entry)
{
  g_autoptr(GError) error = NULL;

  if (entry->dirty == 0)
    return;

  if (entry->conflict)
    {
      set_conflict_error (&error);
      note_failure (self, entry, error);
    }
  else if (self->writer != NULL)
    ask_writer (self, entry);
  else if (save_entry (self, entry, &error))
    self->round_saved_any = TRUE;
  else
    note_failure (self, entry, error);
}

/* Starts writing every dirty episode; the left-behind ones first, their
 * edits being the oldest. With a writer the round ends when the last save
 * is handed back; without, before this returns.
 */
static void
start_round (EfirAutosaver *self)
{
  cancel_timeout (self);
  self->changed_since_attempt = FALSE;
  self->saving = TRUE;
  self->round_saved_any = FALSE;
  g_clear_error (&self->round_error);
  update_state (self);

  for (guint i = 0; i < self->left_behind->len; i++)
    save_or_ask (self, g_ptr_array_index (self->left_behind, i));
  if (self->current != NULL)
    save_or_ask (self, self->current);

  if (self->pending == 0)
    finish_round (self);
}

/* A round under way ends now: what a switch, quitting or an answer to a
 * change elsewhere waits for. */
static void
finish_pending (EfirAutosaver *self)
{
  if (self->writer != NULL && self->saving)
    efir_store_writer_wait (self->writer);
}

/* Writes every dirty episode, waiting until they are written. Returns the
 * first failure.
 */
static gboolean
save_all (EfirAutosaver  *self,
          GError        **error)
{
  start_round (self);
  finish_pending (self);
  g_assert (!self->saving);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  return TRUE;
}

static Entry *
take_left_behind (EfirAutosaver *self,
                  EfirEpisode   *episode)
{
  for (guint i = 0; i < self->left_behind->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->left_behind, i);

      if (entry->episode == episode)
        return g_ptr_array_steal_index (self->left_behind, i);
    }

  return NULL;
}

/* Callbacks -------------------------------------------------------------- */

static void
episode_changed_cb (EfirEpisode     *episode,
                    EfirEpisodePart  parts,
                    gpointer         user_data)
{
  Entry *entry = user_data;
  EfirAutosaver *self = entry->autosaver;
  gint64 now = now_monotonic (self);

  entry->dirty |= parts;

  /* Made with the first edit, not at start-up: its thread and connection
   * are ready by the time the first save is due. */
  efir_autosaver_get_writer (self);

  if (!self->changed_since_attempt)
    {
      self->changed_since_attempt = TRUE;
      self->first_change = now;
    }
  self->last_change = now;

  update_state (self);
  reschedule (self);
}

static gboolean
save_timeout_fired_cb (gpointer user_data)
{
  EfirAutosaver *self = user_data;

  self->timeout_id = 0;

  if (now_monotonic (self) < next_deadline (self))
    reschedule (self);
  /* Writes wait for the store's check of a freshly opened archive, which
   * takes a second or more on a large one: waiting for it here, on the
   * main thread, would freeze the window while the producer types. The
   * edits stay in the episode and are written when the store says the
   * verdict is in, on this thread. An explicit flush (a switch, quitting)
   * still waits. */
  else if (!efir_store_is_checked (self->store))
    {
      self->waiting_for_check = TRUE;
      efir_store_start_check (self->store);
    }
  else
    start_round (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_checked_cb (EfirAutosaver *self)
{
  if (!self->waiting_for_check)
    return;

  self->waiting_for_check = FALSE;
  if (has_dirty (self) && !self->saving)
    start_round (self);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_autosaver_new:
 * @store: the store to write to
 *
 * Returns: (transfer full): an autosaver following no episode yet
 */
EfirAutosaver *
efir_autosaver_new (EfirStore *store)
{
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);

  return g_object_new (EFIR_TYPE_AUTOSAVER, "store", store, NULL);
}

/**
 * efir_autosaver_new_with_clock:
 * @store: the store to write to
 * @clock: where the autosaver takes its time and timeouts from
 * @clock_data: passed to @clock's functions
 *
 * For tests. @clock and @clock_data must outlive the autosaver.
 *
 * Returns: (transfer full): an autosaver following no episode yet
 */
EfirAutosaver *
efir_autosaver_new_with_clock (EfirStore                *store,
                               const EfirAutosaverClock *clock,
                               gpointer                  clock_data)
{
  EfirAutosaver *self;

  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);
  g_return_val_if_fail (clock != NULL, NULL);

  self = efir_autosaver_new (store);
  self->clock = clock;
  self->clock_data = clock_data;

  return self;
}

/**
 * efir_autosaver_write_in_thread:
 * @self: an #EfirAutosaver
 *
 * From now on, saves are written by an #EfirStoreWriter, in a thread with
 * a connection of its own, and the main loop goes on while they are: the
 * state is %EFIR_AUTOSAVE_STATE_SAVING until they are handed back. A
 * switch of episode, a flush and quitting still wait for them.
 */
void
efir_autosaver_write_in_thread (EfirAutosaver *self)
{
  g_return_if_fail (EFIR_IS_AUTOSAVER (self));

  self->in_thread = TRUE;
}

/**
 * efir_autosaver_get_writer:
 * @self: an #EfirAutosaver
 *
 * The writer the autosaver writes with, made now if need be, for other
 * writes that should not hold up the window (an import). Saves are waited
 * for before anything asked of it later.
 *
 * Returns: (transfer none) (nullable): the writer, or %NULL when the
 *   autosaver writes on the main thread or the archive is read-only
 */
EfirStoreWriter *
efir_autosaver_get_writer (EfirAutosaver *self)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), NULL);

  if (self->in_thread && self->writer == NULL && !efir_store_is_read_only (self->store))
    self->writer = efir_store_writer_new (self->store);
  return self->writer;
}

EfirStore *
efir_autosaver_get_store (EfirAutosaver *self)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), NULL);

  return self->store;
}

/**
 * efir_autosaver_get_episode:
 * @self: an #EfirAutosaver
 *
 * Returns: (transfer none) (nullable): the episode followed
 */
EfirEpisode *
efir_autosaver_get_episode (EfirAutosaver *self)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), NULL);

  return self->current != NULL ? self->current->episode : NULL;
}

/**
 * efir_autosaver_set_episode:
 * @self: an #EfirAutosaver
 * @episode: (nullable): the episode to follow from now on
 * @error: return location for a #GError
 *
 * Saves the edits waiting to be written at once, then follows @episode.
 *
 * The switch happens even when that save fails: the edits of the episode
 * left are kept, with the episode, and written by the next retry; until
 * then the state stays %EFIR_AUTOSAVE_STATE_FAILED. Keep one #EfirEpisode
 * per stored episode while it may have such edits, so that two copies do
 * not overwrite each other.
 *
 * Returns: %TRUE if nothing waits to be written any more
 */
gboolean
efir_autosaver_set_episode (EfirAutosaver  *self,
                            EfirEpisode    *episode,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean saved = TRUE;

  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), FALSE);
  g_return_val_if_fail (episode == NULL || EFIR_IS_EPISODE (episode), FALSE);
  finish_pending (self);
  g_return_val_if_fail (!self->saving, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (episode == efir_autosaver_get_episode (self))
    return TRUE;

  if (has_dirty (self))
    saved = save_all (self, &local_error);

  if (self->current != NULL)
    {
      Entry *entry = g_steal_pointer (&self->current);

      if (entry->dirty != 0)
        g_ptr_array_add (self->left_behind, entry);
      else
        entry_free (entry);
    }

  if (episode != NULL)
    {
      self->current = take_left_behind (self, episode);
      if (self->current == NULL)
        self->current = entry_new (self, episode);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
  update_state (self);
  reschedule (self);

  if (!saved)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

EfirAutosaveState
efir_autosaver_get_state (EfirAutosaver *self)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), EFIR_AUTOSAVE_STATE_SAVED);

  return self->state;
}

/**
 * efir_autosaver_get_error:
 * @self: an #EfirAutosaver
 *
 * Returns: (transfer none) (nullable): why the last attempt to save failed,
 *   or %NULL when it succeeded
 */
const GError *
efir_autosaver_get_error (EfirAutosaver *self)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), NULL);

  return self->error;
}

/**
 * efir_autosaver_get_last_saved:
 * @self: an #EfirAutosaver
 *
 * Returns: (transfer none) (nullable): when edits were last written, in
 *   local time, or %NULL if they have not been yet
 */
GDateTime *
efir_autosaver_get_last_saved (EfirAutosaver *self)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), NULL);

  return self->last_saved;
}

/**
 * efir_autosaver_flush:
 * @self: an #EfirAutosaver
 * @error: return location for a #GError
 *
 * Writes every edit waiting to be written, now: on episode switch, window
 * close and quit. Not to be called from a handler of the autosaver's own
 * notifications while it saves.
 *
 * Returns: %TRUE if nothing waits to be written any more
 */
gboolean
efir_autosaver_flush (EfirAutosaver  *self,
                      GError        **error)
{
  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), FALSE);
  finish_pending (self);
  g_return_val_if_fail (!self->saving, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!has_dirty (self))
    return TRUE;

  return save_all (self, error);
}

/**
 * efir_autosaver_retry:
 * @self: an #EfirAutosaver
 *
 * Tries at once to write what a failure left unsaved, instead of waiting
 * for the next attempt: the Retry of the error the UI shows. The outcome is
 * in #EfirAutosaver:state and #EfirAutosaver:error.
 */
void
efir_autosaver_retry (EfirAutosaver *self)
{
  g_return_if_fail (EFIR_IS_AUTOSAVER (self));
  finish_pending (self);
  g_return_if_fail (!self->saving);

  if (has_dirty (self))
    start_round (self);
}

/* Changes elsewhere ------------------------------------------------------ */

/**
 * efir_autosaver_decide_follow:
 * @read_save_count: the open episode's save count as read or last saved
 * @stored_save_count: its save count in the archive now, 0 if it is gone
 * @has_edits: whether it has edits not yet written
 *
 * An episode deleted elsewhere stays open with what it shows: its save
 * says it is gone, and nothing the producer typed is dropped unasked.
 *
 * Returns: what following the change does to the open episode
 */
EfirAutosaverFollow
efir_autosaver_decide_follow (gint64   read_save_count,
                              gint64   stored_save_count,
                              gboolean has_edits)
{
  if (stored_save_count == 0 || stored_save_count == read_save_count)
    return EFIR_AUTOSAVER_FOLLOW_NOTHING;

  return has_edits ? EFIR_AUTOSAVER_FOLLOW_CONFLICT : EFIR_AUTOSAVER_FOLLOW_RELOAD;
}

/* Changes @entry's episode without making it an edit to save. */
static void
assign_quietly (Entry       *entry,
                EfirEpisode *stored)
{
  g_signal_handler_block (entry->episode, entry->changed_id);
  efir_episode_assign (entry->episode, stored);
  efir_episode_set_save_count (entry->episode, efir_episode_get_save_count (stored));
  g_signal_handler_unblock (entry->episode, entry->changed_id);
}

/* The status beyond draft and ready is the publish layer's, which writes
 * it without a save (see efir-store-publishing.c): it is shown as soon as
 * it is stored, and an editor save never writes over it. Draft or ready
 * is the producer's while an edit of the details waits. */
static void
follow_status (Entry       *entry,
               EfirEpisode *stored)
{
  EfirEpisodeStatus status = efir_episode_get_status (stored);

  if (status == efir_episode_get_status (entry->episode))
    return;
  if ((entry->dirty & EFIR_EPISODE_PART_DETAILS) != 0
      && (status == EFIR_EPISODE_STATUS_DRAFT || status == EFIR_EPISODE_STATUS_READY))
    return;

  g_signal_handler_block (entry->episode, entry->changed_id);
  efir_episode_set_status (entry->episode, status);
  g_signal_handler_unblock (entry->episode, entry->changed_id);
}

static EfirEpisode *
load_current (EfirAutosaver  *self,
              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  EfirEpisode *stored;

  stored = efir_store_load_episode (self->store, efir_episode_get_id (self->current->episode),
                                    &local_error);
  if (stored == NULL && !g_error_matches (local_error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return stored;
}

/**
 * efir_autosaver_follow_store:
 * @self: an #EfirAutosaver
 * @error: return location for a #GError
 *
 * Brings the open episode up to what another process stored (see
 * efir_autosaver_decide_follow()): read again in place without edits, so
 * what is bound to it stays bound; with edits, both are kept and the state
 * becomes %EFIR_AUTOSAVE_STATE_CONFLICT.
 *
 * Returns: %FALSE if the episode could not be read
 */
gboolean
efir_autosaver_follow_store (EfirAutosaver  *self,
                             GError        **error)
{
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  Entry *entry;

  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), FALSE);
  finish_pending (self);
  g_return_val_if_fail (!self->saving, FALSE);

  entry = self->current;
  if (entry == NULL || efir_episode_get_id (entry->episode) == 0)
    return TRUE;

  if (!(stored = load_current (self, &local_error)))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  switch (efir_autosaver_decide_follow (efir_episode_get_save_count (entry->episode),
                                        efir_episode_get_save_count (stored),
                                        entry->dirty != 0 || entry->conflict))
    {
    case EFIR_AUTOSAVER_FOLLOW_RELOAD:
      assign_quietly (entry, stored);
      break;

    case EFIR_AUTOSAVER_FOLLOW_CONFLICT:
      entry->conflict = TRUE;
      follow_status (entry, stored);
      update_state (self);
      reschedule (self);
      break;

    case EFIR_AUTOSAVER_FOLLOW_NOTHING:
    default:
      follow_status (entry, stored);
      break;
    }

  return TRUE;
}

static void
end_conflict (EfirAutosaver *self)
{
  self->current->conflict = FALSE;
  self->failures = 0;
  set_error (self, NULL);
}

/**
 * efir_autosaver_keep_mine:
 * @self: an #EfirAutosaver
 * @error: return location for a #GError
 *
 * Ends a conflict with the producer's version: the other is kept as a
 * revision, then the producer's whole episode is written over it.
 *
 * Returns: %TRUE when written
 */
gboolean
efir_autosaver_keep_mine (EfirAutosaver  *self,
                          GError        **error)
{
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  Entry *entry;

  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), FALSE);
  finish_pending (self);
  g_return_val_if_fail (!self->saving, FALSE);

  entry = self->current;
  if (entry == NULL || !entry->conflict)
    return TRUE;

  if (!(stored = load_current (self, &local_error)))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  else
    {
      if (efir_store_add_revision (self->store, stored, "edit", error) == 0)
        return FALSE;
      efir_episode_set_save_count (entry->episode, efir_episode_get_save_count (stored));
    }

  end_conflict (self);
  entry->dirty = EFIR_EPISODE_PART_ALL;
  return save_all (self, error);
}

/**
 * efir_autosaver_take_theirs:
 * @self: an #EfirAutosaver
 * @error: return location for a #GError
 *
 * Ends a conflict with the version stored elsewhere: the producer's edits
 * are kept as a revision, then the episode is read again in place.
 *
 * Returns: %TRUE when read again
 */
gboolean
efir_autosaver_take_theirs (EfirAutosaver  *self,
                            GError        **error)
{
  g_autoptr(EfirEpisode) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  Entry *entry;

  g_return_val_if_fail (EFIR_IS_AUTOSAVER (self), FALSE);
  finish_pending (self);
  g_return_val_if_fail (!self->saving, FALSE);

  entry = self->current;
  if (entry == NULL || !entry->conflict)
    return TRUE;

  if (!(stored = load_current (self, &local_error)))
    {
      if (local_error == NULL)
        set_conflict_error (&local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (efir_store_add_revision (self->store, entry->episode, "edit", error) == 0)
    return FALSE;

  assign_quietly (entry, stored);
  entry->dirty = 0;
  end_conflict (self);
  update_state (self);
  reschedule (self);
  return TRUE;
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_autosaver_dispose (GObject *object)
{
  EfirAutosaver *self = EFIR_AUTOSAVER (object);

  /* The application flushes before it lets go, and shows a failure; this
   * is the last chance for edits that reach here all the same.
   */
  finish_pending (self);
  if (self->store != NULL && !self->saving && has_dirty (self))
    {
      g_autoptr(GError) error = NULL;

      if (!save_all (self, &error))
        g_warning ("Edits could not be saved: %s", error->message);
    }
  g_clear_object (&self->writer);

  cancel_timeout (self);
  g_clear_pointer (&self->current, entry_free);
  g_ptr_array_set_size (self->left_behind, 0);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_autosaver_parent_class)->dispose (object);
}

static void
efir_autosaver_finalize (GObject *object)
{
  EfirAutosaver *self = EFIR_AUTOSAVER (object);

  g_clear_pointer (&self->left_behind, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_error (&self->round_error);
  g_clear_pointer (&self->last_saved, g_date_time_unref);

  G_OBJECT_CLASS (efir_autosaver_parent_class)->finalize (object);
}

static void
efir_autosaver_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfirAutosaver *self = EFIR_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EPISODE:
      g_value_set_object (value, efir_autosaver_get_episode (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_LAST_SAVED:
      g_value_set_boxed (value, self->last_saved);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_autosaver_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfirAutosaver *self = EFIR_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      if (self->store != NULL)
        g_signal_connect_object (self->store, "checked", G_CALLBACK (on_store_checked_cb), self,
                                 G_CONNECT_SWAPPED);
      break;

    case PROP_EPISODE:
      /* A failure shows in "state" and "error". */
      efir_autosaver_set_episode (self, g_value_get_object (value), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_autosaver_class_init (EfirAutosaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = efir_autosaver_dispose;
  object_class->finalize = efir_autosaver_finalize;
  object_class->get_property = efir_autosaver_get_property;
  object_class->set_property = efir_autosaver_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EFIR_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         EFIR_TYPE_EPISODE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       EFIR_TYPE_AUTOSAVE_STATE,
                       EFIR_AUTOSAVE_STATE_SAVED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_SAVED] =
    g_param_spec_boxed ("last-saved", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
efir_autosaver_init (EfirAutosaver *self)
{
  self->clock = &system_clock;
  self->left_behind = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->state = EFIR_AUTOSAVE_STATE_SAVED;
}
