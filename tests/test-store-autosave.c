/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-autosave"

#include "config.h"

#include "efir-autosaver.h"
#include "efir-database.h"
#include "efir-store-private.h"
#include "efir-test-util.h"

/* Fake clock ------------------------------------------------------------- */

/* Time moves only when a test says so, and timeouts fire in order of their
 * due time as it passes them: the timing rules are checked to the
 * millisecond without waiting and without depending on the machine's load.
 */

typedef struct
{
  guint       id;
  gint64      due;
  GSourceFunc func;
  gpointer    func_data;
} FakeTimeout;

typedef struct
{
  gint64     monotonic;
  gint64     real;
  GPtrArray *timeouts;
  guint      next_id;
} FakeClock;

static gint64
fake_get_monotonic_time (gpointer clock_data)
{
  FakeClock *clock = clock_data;

  return clock->monotonic;
}

static gint64
fake_get_real_time (gpointer clock_data)
{
  FakeClock *clock = clock_data;

  return clock->real;
}

static guint
fake_add_timeout (gpointer    clock_data,
                  guint       delay_ms,
                  GSourceFunc func,
                  gpointer    func_data)
{
  FakeClock *clock = clock_data;
  FakeTimeout *timeout = g_new0 (FakeTimeout, 1);

  timeout->id = ++clock->next_id;
  timeout->due = clock->monotonic + (gint64) delay_ms * 1000;
  timeout->func = func;
  timeout->func_data = func_data;
  g_ptr_array_add (clock->timeouts, timeout);

  return timeout->id;
}

static void
fake_remove_timeout (gpointer clock_data,
                     guint    timeout_id)
{
  FakeClock *clock = clock_data;

  for (guint i = 0; i < clock->timeouts->len; i++)
    {
      FakeTimeout *timeout = g_ptr_array_index (clock->timeouts, i);

      if (timeout->id == timeout_id)
        {
          g_ptr_array_remove_index (clock->timeouts, i);
          return;
        }
    }

  g_assert_not_reached ();
}

static const EfirAutosaverClock fake_clock = {
  fake_get_monotonic_time,
  fake_get_real_time,
  fake_add_timeout,
  fake_remove_timeout,
};

static void
fake_clock_advance (FakeClock *clock,
                    guint      ms)
{
  gint64 target = clock->monotonic + (gint64) ms * 1000;

  for (;;)
    {
      g_autofree FakeTimeout *next = NULL;
      guint next_index = 0;

      for (guint i = 0; i < clock->timeouts->len; i++)
        {
          FakeTimeout *timeout = g_ptr_array_index (clock->timeouts, i);

          if (timeout->due <= target && (next == NULL || timeout->due < next->due))
            {
              next = timeout;
              next_index = i;
            }
        }

      if (next == NULL)
        break;

      g_ptr_array_steal_index (clock->timeouts, next_index);
      if (next->due > clock->monotonic)
        {
          clock->real += next->due - clock->monotonic;
          clock->monotonic = next->due;
        }
      next->func (next->func_data);
    }

  clock->real += target - clock->monotonic;
  clock->monotonic = target;
}

/* Fixture ---------------------------------------------------------------- */

/* Far from 0, so that nothing can mistake a time for "unset". */
#define CLOCK_START (1000 * G_USEC_PER_SEC)

typedef struct
{
  char          *dir;
  char          *path;
  EfirStore     *store;
  /* A second connection, to see what reached the file. */
  EfirDatabase  *db;
  FakeClock      clock;
  EfirAutosaver *autosaver;
  gint64         program_id;
  EfirEpisode   *episode;
  GArray        *states;
  /* Milliseconds since CLOCK_START of every attempt to save. */
  GArray        *attempts;
} Fixture;

static void
state_notified_cb (EfirAutosaver *autosaver,
                   GParamSpec    *pspec,
                   Fixture       *fixture)
{
  EfirAutosaveState state = efir_autosaver_get_state (autosaver);

  g_array_append_val (fixture->states, state);
  if (state == EFIR_AUTOSAVE_STATE_SAVING)
    {
      guint ms = (guint) ((fixture->clock.monotonic - CLOCK_START) / 1000);

      g_array_append_val (fixture->attempts, ms);
    }
}

static EfirEpisode *
add_episode (Fixture    *fixture,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();

  efir_episode_set_program_id (episode, fixture->program_id);
  efir_episode_set_title (episode, title);
  g_assert_true (efir_store_save_episode (fixture->store, episode, EFIR_EPISODE_PART_ALL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_id (episode), >, 0);

  return g_steal_pointer (&episode);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirProgram) program = efir_program_new ("Çətin sual");

  fixture->dir = efir_test_make_dir ("efir-autosave");
  fixture->path = g_build_filename (fixture->dir, "efir.db", NULL);

  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (efir_store_save_program (fixture->store, program, &error));
  g_assert_no_error (error);
  fixture->program_id = efir_program_get_id (program);

  fixture->db = efir_database_open (fixture->path, EFIR_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  fixture->episode = add_episode (fixture, "Episode one");

  fixture->clock.monotonic = CLOCK_START;
  fixture->clock.real = g_get_real_time ();
  fixture->clock.timeouts = g_ptr_array_new_with_free_func (g_free);

  fixture->states = g_array_new (FALSE, FALSE, sizeof (EfirAutosaveState));
  fixture->attempts = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->autosaver = efir_autosaver_new_with_clock (fixture->store, &fake_clock, &fixture->clock);
  g_signal_connect (fixture->autosaver, "notify::state", G_CALLBACK (state_notified_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing is left for dispose to save: each test ends with its edits
   * written or knowingly failed.
   */
  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (fixture->autosaver);
  g_assert_cmpuint (fixture->clock.timeouts->len, ==, 0);

  g_clear_object (&fixture->episode);
  g_clear_object (&fixture->db);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->clock.timeouts, g_ptr_array_unref);
  g_clear_pointer (&fixture->states, g_array_unref);
  g_clear_pointer (&fixture->attempts, g_array_unref);

  efir_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Helpers ---------------------------------------------------------------- */

static char *
stored_text (Fixture    *fixture,
             const char *sql,
             gint64      episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStatement) stmt = efir_database_prepare (fixture->db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, episode_id);
  g_assert_true (efir_database_step (fixture->db, stmt, &error));
  g_assert_no_error (error);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
stored_title (Fixture     *fixture,
              EfirEpisode *episode)
{
  return stored_text (fixture, "SELECT title FROM episodes WHERE id = ?1",
                      efir_episode_get_id (episode));
}

static gint64
count_revisions (Fixture     *fixture,
                 EfirEpisode *episode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions =
    efir_store_list_revisions (fixture->store, efir_episode_get_id (episode), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = g_ptr_array_index (revisions, i);

      g_assert_cmpint (info->episode_id, ==, efir_episode_get_id (episode));
    }

  return revisions->len;
}

/* Makes every write of the store's own connection fail inside its
 * transaction, as a read-only file would, until allow_writes().
 */
static void
refuse_writes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  efir_database_exec (efir_store_get_database (fixture->store), "PRAGMA query_only = ON", &error);
  g_assert_no_error (error);
}

static void
allow_writes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  efir_database_exec (efir_store_get_database (fixture->store), "PRAGMA query_only = OFF", &error);
  g_assert_no_error (error);
}

static void
follow (Fixture     *fixture,
        EfirEpisode *episode)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (efir_autosaver_set_episode (fixture->autosaver, episode, &error));
  g_assert_no_error (error);
  g_assert_true (efir_autosaver_get_episode (fixture->autosaver) == episode);
}

static void
type_title (Fixture    *fixture,
            const char *word,
            guint       n)
{
  g_autofree char *title = g_strdup_printf ("%s %u", word, n);

  efir_episode_set_title (fixture->episode, title);
}

static void
assert_attempts (Fixture *fixture,
                 guint    n_expected,
                 ...)
{
  va_list args;

  g_assert_cmpuint (fixture->attempts->len, ==, n_expected);

  va_start (args, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (fixture->attempts, guint, i), ==, va_arg (args, guint));
  va_end (args);
}

/* Tests ------------------------------------------------------------------ */

static void
test_debounce (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  follow (fixture, fixture->episode);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_null (efir_autosaver_get_last_saved (fixture->autosaver));

  /* A burst: ten keystrokes 100 ms apart, the last at 900 ms. */
  for (guint i = 0; i < 10; i++)
    {
      type_title (fixture, "Draft", i);
      fake_clock_advance (&fixture->clock, 100);
    }
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_DIRTY);

  fake_clock_advance (&fixture->clock, 899);
  assert_attempts (fixture, 0);
  before = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (before, ==, "Episode one");

  fake_clock_advance (&fixture->clock, 1);
  assert_attempts (fixture, 1, 1900);
  after = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (after, ==, "Draft 9");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_null (efir_autosaver_get_error (fixture->autosaver));
  g_assert_nonnull (efir_autosaver_get_last_saved (fixture->autosaver));

  g_assert_cmpuint (fixture->states->len, ==, 3);
  g_assert_cmpint (g_array_index (fixture->states, EfirAutosaveState, 0), ==, EFIR_AUTOSAVE_STATE_DIRTY);
  g_assert_cmpint (g_array_index (fixture->states, EfirAutosaveState, 1), ==, EFIR_AUTOSAVE_STATE_SAVING);
  g_assert_cmpint (g_array_index (fixture->states, EfirAutosaveState, 2), ==, EFIR_AUTOSAVE_STATE_SAVED);

  /* Nothing more to write: no more writes. */
  fake_clock_advance (&fixture->clock, 60000);
  assert_attempts (fixture, 1, 1900);
  g_assert_cmpuint (fixture->clock.timeouts->len, ==, 0);
}

static void
test_max_delay (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *title = NULL;

  follow (fixture, fixture->episode);

  /* Typing without a pause of a second: a keystroke every 200 ms for 10 s. */
  for (guint i = 0; i < 50; i++)
    {
      type_title (fixture, "Typing", i);
      fake_clock_advance (&fixture->clock, 200);

      if (i == 16)
        {
          g_autofree char *saved = stored_title (fixture, fixture->episode);

          /* The save at 3 s came after the keystroke at 2.8 s. */
          g_assert_cmpstr (saved, ==, "Typing 14");
        }
    }

  /* Every 3 s from the first change not yet written, then 1 s after the
   * last keystroke (9.8 s).
   */
  assert_attempts (fixture, 3, 3000, 6000, 9000);
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 4, 3000, 6000, 9000, 10800);

  title = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (title, ==, "Typing 49");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
}

static void
test_switch_flushes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(EfirEpisode) other = add_episode (fixture, "Episode two");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_after = NULL;

  follow (fixture, fixture->episode);
  efir_episode_set_title (fixture->episode, "Edited just before the switch");

  /* No time passes: the switch itself writes. */
  follow (fixture, other);
  assert_attempts (fixture, 1, 0);
  first = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (first, ==, "Edited just before the switch");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_cmpuint (fixture->clock.timeouts->len, ==, 0);

  /* The episode followed now is the one saved... */
  efir_episode_set_title (other, "Second edited");
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 2, 0, 1000);
  second = stored_title (fixture, other);
  g_assert_cmpstr (second, ==, "Second edited");

  /* ...and the one left is not followed any more. */
  efir_episode_set_title (fixture->episode, "Not followed");
  fake_clock_advance (&fixture->clock, 10000);
  assert_attempts (fixture, 2, 0, 1000);
  first_after = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (first_after, ==, "Edited just before the switch");

  /* Clearing the episode flushes too. */
  efir_episode_set_title (other, "Closed");
  follow (fixture, NULL);
  assert_attempts (fixture, 3, 0, 1000, 11000);
}

static void
test_flush (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  follow (fixture, fixture->episode);

  /* Nothing to write: no write. */
  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  assert_attempts (fixture, 0);

  efir_episode_set_title (fixture->episode, "Closing the window");
  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  assert_attempts (fixture, 1, 0);
  title = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (title, ==, "Closing the window");

  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  fake_clock_advance (&fixture->clock, 60000);
  assert_attempts (fixture, 1, 0);
}

static void
test_new_episode (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autofree char *title = NULL;

  efir_episode_set_program_id (episode, fixture->program_id);
  follow (fixture, episode);
  efir_episode_set_title (episode, "Not stored yet");
  efir_episode_set_summary (episode, "Typed before the first save.");
  fake_clock_advance (&fixture->clock, 1000);

  assert_attempts (fixture, 1, 1000);
  g_assert_cmpint (efir_episode_get_id (episode), >, 0);
  title = stored_title (fixture, episode);
  g_assert_cmpstr (title, ==, "Not stored yet");

  /* Later saves update that row rather than inserting another. */
  efir_episode_set_title (episode, "Stored");
  fake_clock_advance (&fixture->clock, 1000);
  g_free (title);
  title = stored_text (fixture, "SELECT count(*) || ' ' || max(title) FROM episodes WHERE program_id = ?1"
                       " AND title <> 'Episode one'",
                       fixture->program_id);
  g_assert_cmpstr (title, ==, "1 Stored");
}

static void
test_accumulates_parts (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(EfirQuote) quote = efir_quote_new ("Sualın cavabı yoxdur.", "Host", 61.5);
  g_autofree char *summary = NULL;
  g_autofree char *quotes = NULL;

  follow (fixture, fixture->episode);

  /* Two parts changed within one pause are written together. */
  efir_episode_set_summary (fixture->episode, "A summary");
  fake_clock_advance (&fixture->clock, 300);
  g_list_store_append (efir_episode_get_quotes (fixture->episode), quote);
  fake_clock_advance (&fixture->clock, 300);
  efir_quote_set_speaker (quote, "Nasimi Mammadli");
  fake_clock_advance (&fixture->clock, 1000);

  assert_attempts (fixture, 1, 1600);
  summary = stored_text (fixture, "SELECT summary FROM episodes WHERE id = ?1",
                         efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (summary, ==, "A summary");
  quotes = stored_text (fixture, "SELECT group_concat (speaker || ': ' || text, '|') FROM quotes"
                        " WHERE episode_id = ?1",
                        efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (quotes, ==, "Nasimi Mammadli: Sualın cavabı yoxdur.");
}

/* The save of a new guest links them to the people directory, which changes
 * the episode while it is being saved: that change is saved in turn, once,
 * and then nothing more.
 */
static void
test_change_during_save (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nasimi Mammadli",
                                                              "Political commentator");
  g_autofree char *person = NULL;

  follow (fixture, fixture->episode);
  g_list_store_append (efir_episode_get_guests (fixture->episode), guest);
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 1, 1000);
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), >, 0);

  fake_clock_advance (&fixture->clock, 60000);
  assert_attempts (fixture, 2, 1000, 2000);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  person = stored_text (fixture, "SELECT person_id FROM episode_guests WHERE episode_id = ?1",
                        efir_episode_get_id (fixture->episode));
  g_assert_cmpint (g_ascii_strtoll (person, NULL, 10), ==,
                   efir_episode_guest_get_person_id (guest));
}

static void
test_failure_retries (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const guint backoff[] = { 2000, 4000, 8000, 16000, 30000, 30000, 30000 };
  const GError *error;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint now = 1000;

  follow (fixture, fixture->episode);
  refuse_writes (fixture);

  efir_episode_set_title (fixture->episode, "Must not be lost");
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 1, 1000);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_FAILED);
  error = efir_autosaver_get_error (fixture->autosaver);
  g_assert_nonnull (error);
  g_assert_true (error->domain == EFIR_STORE_ERROR);
  g_assert_null (efir_autosaver_get_last_saved (fixture->autosaver));
  before = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (before, ==, "Episode one");

  for (guint i = 0; i < G_N_ELEMENTS (backoff); i++)
    {
      guint n = fixture->attempts->len;

      fake_clock_advance (&fixture->clock, backoff[i] - 1);
      g_assert_cmpuint (fixture->attempts->len, ==, n);
      fake_clock_advance (&fixture->clock, 1);
      now += backoff[i];
      g_assert_cmpuint (fixture->attempts->len, ==, n + 1);
      g_assert_cmpuint (g_array_index (fixture->attempts, guint, n), ==, now);
      g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_FAILED);
      g_assert_nonnull (efir_autosaver_get_error (fixture->autosaver));
    }

  /* The disk is back: the next attempt writes the edit kept all along. */
  allow_writes (fixture);
  fake_clock_advance (&fixture->clock, 30000);
  g_assert_cmpuint (fixture->attempts->len, ==, 1 + G_N_ELEMENTS (backoff) + 1);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_null (efir_autosaver_get_error (fixture->autosaver));
  g_assert_nonnull (efir_autosaver_get_last_saved (fixture->autosaver));
  after = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (after, ==, "Must not be lost");

  /* A success starts the backoff over. */
  refuse_writes (fixture);
  efir_episode_set_title (fixture->episode, "Again");
  fake_clock_advance (&fixture->clock, 1000);
  now = g_array_index (fixture->attempts, guint, fixture->attempts->len - 1);
  fake_clock_advance (&fixture->clock, 2000);
  g_assert_cmpuint (g_array_index (fixture->attempts, guint, fixture->attempts->len - 1), ==,
                    now + 2000);
  allow_writes (fixture);
}

static void
test_failure_next_change (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  follow (fixture, fixture->episode);
  refuse_writes (fixture);

  efir_episode_set_title (fixture->episode, "Typed before the failure");
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 1, 1000);

  /* The producer types on: that change brings a retry a pause after it,
   * sooner than the backoff (due at 3000) would.
   */
  fake_clock_advance (&fixture->clock, 500);
  efir_episode_set_summary (fixture->episode, "Typed while failing");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_FAILED);
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 2, 1000, 2500);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_FAILED);

  allow_writes (fixture);
  efir_episode_set_title (fixture->episode, "Typed after the fix");
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 3, 1000, 2500, 3500);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);

  /* Every part changed while failing was written, not only the last one. */
  title = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (title, ==, "Typed after the fix");
  summary = stored_text (fixture, "SELECT summary FROM episodes WHERE id = ?1",
                         efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (summary, ==, "Typed while failing");
}

static void
test_retry_now (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  follow (fixture, fixture->episode);
  refuse_writes (fixture);

  efir_episode_set_title (fixture->episode, "Retried by hand");
  g_assert_false (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_true (error->domain == EFIR_STORE_ERROR);
  g_assert_cmpstr (error->message, ==, efir_autosaver_get_error (fixture->autosaver)->message);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_FAILED);

  allow_writes (fixture);
  efir_autosaver_retry (fixture->autosaver);
  assert_attempts (fixture, 2, 0, 0);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_null (efir_autosaver_get_error (fixture->autosaver));
  g_assert_cmpuint (fixture->clock.timeouts->len, ==, 0);
  title = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (title, ==, "Retried by hand");
}

static void
test_switch_failure_keeps_edits (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) other = add_episode (fixture, "Episode two");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  follow (fixture, fixture->episode);
  refuse_writes (fixture);

  efir_episode_set_title (fixture->episode, "Left behind");
  g_assert_false (efir_autosaver_set_episode (fixture->autosaver, other, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The switch happened, the edit stayed. */
  g_assert_true (efir_autosaver_get_episode (fixture->autosaver) == other);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_FAILED);

  /* Quitting now must not report success. */
  g_assert_false (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  efir_episode_set_title (other, "Edited after the switch");
  allow_writes (fixture);
  fake_clock_advance (&fixture->clock, 1000);
  assert_attempts (fixture, 3, 0, 0, 1000);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);

  first = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (first, ==, "Left behind");
  second = stored_title (fixture, other);
  g_assert_cmpstr (second, ==, "Edited after the switch");

  /* Written, it is let go. */
  efir_episode_set_title (fixture->episode, "Not followed");
  fake_clock_advance (&fixture->clock, 60000);
  assert_attempts (fixture, 3, 0, 0, 1000);
}

static void
test_switch_back_while_failing (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) other = add_episode (fixture, "Episode two");
  g_autofree char *title = NULL;

  follow (fixture, fixture->episode);
  refuse_writes (fixture);
  efir_episode_set_title (fixture->episode, "First try");
  g_assert_false (efir_autosaver_set_episode (fixture->autosaver, other, &error));
  g_clear_error (&error);

  /* Back to the episode whose edit waits: it is followed again, its edit
   * still waits, and new edits join it.
   */
  g_assert_false (efir_autosaver_set_episode (fixture->autosaver, fixture->episode, &error));
  g_clear_error (&error);
  efir_episode_set_summary (fixture->episode, "Second try");
  allow_writes (fixture);
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);

  title = stored_text (fixture, "SELECT title || ', ' || summary FROM episodes WHERE id = ?1",
                       efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (title, ==, "First try, Second try");
}

static void
test_revision_first_save (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  EfirRevisionInfo *info;

  efir_database_exec (fixture->db, "DELETE FROM revisions", &error);
  g_assert_no_error (error);
  follow (fixture, fixture->episode);

  efir_episode_set_title (fixture->episode, "First draft");
  fake_clock_advance (&fixture->clock, 1000);
  revisions = efir_store_list_revisions (fixture->store, efir_episode_get_id (fixture->episode),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  info = g_ptr_array_index (revisions, 0);
  g_assert_cmpstr (info->reason, ==, "edit");
}

static void
test_revision_interval (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 revisions;

  /* A revision made just now, by anyone: the next one waits 5 minutes. */
  g_assert_cmpint (efir_store_add_revision (fixture->store, fixture->episode, "edit", &error), >, 0);
  g_assert_no_error (error);
  fixture->clock.real = MAX (fixture->clock.real, g_get_real_time ());
  revisions = count_revisions (fixture, fixture->episode);
  follow (fixture, fixture->episode);

  efir_episode_set_title (fixture->episode, "One minute in");
  fake_clock_advance (&fixture->clock, 60 * 1000);
  g_assert_cmpuint (fixture->attempts->len, ==, 1);
  g_assert_cmpint (count_revisions (fixture, fixture->episode), ==, revisions);

  /* A save just before the 5 minutes are up keeps none... */
  fake_clock_advance (&fixture->clock, (5 * 60 - 62) * 1000);
  efir_episode_set_title (fixture->episode, "Almost five minutes in");
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpuint (fixture->attempts->len, ==, 2);
  g_assert_cmpint (count_revisions (fixture, fixture->episode), ==, revisions);

  /* ...the first one after does. */
  fake_clock_advance (&fixture->clock, 1000);
  efir_episode_set_title (fixture->episode, "Five minutes in");
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpuint (fixture->attempts->len, ==, 3);
  g_assert_cmpint (count_revisions (fixture, fixture->episode), ==, revisions + 1);

  /* Twenty minutes of typing without a pause, saved every 3 s: four more
   * revisions at most, one per 5 minutes.
   */
  for (guint i = 0; i < 20 * 60 * 5; i++)
    {
      type_title (fixture, "Keystroke", i);
      fake_clock_advance (&fixture->clock, 200);
    }
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpuint (fixture->attempts->len, >=, 3 + 20 * 60 / 3);
  g_assert_cmpint (count_revisions (fixture, fixture->episode), >=, revisions + 1 + 3);
  g_assert_cmpint (count_revisions (fixture, fixture->episode), <=, revisions + 1 + 4);
}

static void
on_checked_cb (EfirStore *store,
               gboolean  *checked)
{
  *checked = TRUE;
}

/* Releases the held check after a while, unless the test does first: a
 * save that waited for it on the main thread then ends, and the test fails
 * instead of hanging. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean done;
} Watchdog;

static gpointer
release_check_later_cb (gpointer data)
{
  Watchdog *watchdog = data;
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mutex_lock (&watchdog->lock);
  while (!watchdog->done && g_cond_wait_until (&watchdog->cond, &watchdog->lock, until))
    ;
  g_mutex_unlock (&watchdog->lock);
  efir_store_hold_check_for_tests (FALSE);
  return NULL;
}

/* Reopened, an archive is checked page by page in a thread, which takes a
 * second or more on a large one, and writes wait for the verdict. A save
 * that falls due meanwhile waits without holding the main loop (a held
 * one would hang this test), keeps the edit, and is written as soon as the
 * check ends. */
static void
test_waits_for_check (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) reopened = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean checked = FALSE;
  Watchdog watchdog = { .done = FALSE };
  GThread *watchdog_thread;

  g_clear_object (&fixture->autosaver);
  g_clear_object (&fixture->store);
  efir_store_hold_check_for_tests (TRUE);
  g_mutex_init (&watchdog.lock);
  g_cond_init (&watchdog.cond);
  watchdog_thread = g_thread_new ("release-check", release_check_later_cb, &watchdog);
  fixture->store = efir_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "checked", G_CALLBACK (on_checked_cb), &checked);
  fixture->autosaver = efir_autosaver_new_with_clock (fixture->store, &fake_clock, &fixture->clock);
  g_signal_connect (fixture->autosaver, "notify::state", G_CALLBACK (state_notified_cb), fixture);

  reopened = efir_store_load_episode (fixture->store, efir_episode_get_id (fixture->episode), &error);
  g_assert_no_error (error);
  g_set_object (&fixture->episode, reopened);
  follow (fixture, fixture->episode);

  type_title (fixture, "Yazılır", 1);
  fake_clock_advance (&fixture->clock, 5000);
  g_assert_false (efir_store_is_checked (fixture->store));
  assert_attempts (fixture, 0);
  before = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (before, ==, "Episode one");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_DIRTY);

  efir_store_hold_check_for_tests (FALSE);
  while (!checked)
    g_main_context_iteration (NULL, TRUE);

  assert_attempts (fixture, 1, 5000);
  after = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (after, ==, "Yazılır 1");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_mutex_lock (&watchdog.lock);
  watchdog.done = TRUE;
  g_cond_signal (&watchdog.cond);
  g_mutex_unlock (&watchdog.lock);
  g_thread_join (watchdog_thread);
  g_mutex_clear (&watchdog.lock);
  g_cond_clear (&watchdog.cond);
}

/* A producer types into the summary of an episode with a three-hour
 * transcript: each save writes the summary only. Prints how long the saves
 * take; the figures depend on the disk, so nothing is asserted about them.
 */
static void
test_large_episode (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *stored = NULL;
  g_autofree char *count = NULL;
  gint64 started;
  double whole;

  for (guint i = 0; i < 2700; i++)
    {
      g_autofree char *text =
        g_strdup_printf ("Segment %u: bu gün proqramın qonağı ilə çətin suallar barədə "
                         "danışırıq, sual %u cavab gözləyir.", i, i);

      g_ptr_array_add (segments, efir_segment_new (i * 4.0, i * 4.0 + 3.9, "Host", text));
    }
  follow (fixture, fixture->episode);
  efir_episode_freeze_changed (fixture->episode);
  efir_episode_set_transcript (fixture->episode, segments);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(EfirQuote) quote = efir_quote_new ("Sitat", "Qonaq", i * 60.0);

      g_list_store_append (efir_episode_get_quotes (fixture->episode), quote);
    }
  efir_episode_thaw_changed (fixture->episode);

  started = g_get_monotonic_time ();
  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  whole = (g_get_monotonic_time () - started) / 1000.0;

  for (guint i = 0; i < 50; i++)
    {
      double ms;

      g_string_append_printf (summary, "Sentence %u of the summary. ", i);
      efir_episode_set_summary (fixture->episode, summary->str);
      started = g_get_monotonic_time ();
      g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (durations, ms);
    }

  stored = stored_text (fixture, "SELECT summary FROM episodes WHERE id = ?1",
                        efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (stored, ==, summary->str);
  count = stored_text (fixture, "SELECT sum (json_array_length (segments)) FROM transcripts"
                       " WHERE episode_id = ?1",
                       efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (count, ==, "2700");

  {
    double sum = 0, max = 0;

    for (guint i = 0; i < durations->len; i++)
      {
        sum += g_array_index (durations, double, i);
        max = MAX (max, g_array_index (durations, double, i));
      }
    g_test_message ("saving the transcript (2700 segments) and quotes: %.1f ms; the summary only: "
                    "mean %.2f ms, max %.2f ms over %u saves",
                    whole, sum / durations->len, max, durations->len);
  }
}

/* Changes elsewhere ------------------------------------------------------ */

/* g_assert_cmpstr() of a string to free. */
#define assert_cmpstr_free(s1, cmp, s2)                \
  G_STMT_START                                         \
    {                                                  \
      g_autofree char *assert_text_ = (s1);            \
      g_assert_cmpstr (assert_text_, cmp, (s2));       \
    }                                                  \
  G_STMT_END

static void
test_decide_follow (void)
{
  /* Stored as read: nothing to do, edits or not. */
  g_assert_cmpint (efir_autosaver_decide_follow (3, 3, FALSE), ==, EFIR_AUTOSAVER_FOLLOW_NOTHING);
  g_assert_cmpint (efir_autosaver_decide_follow (3, 3, TRUE), ==, EFIR_AUTOSAVER_FOLLOW_NOTHING);
  /* Saved elsewhere: read again, unless that would drop edits. */
  g_assert_cmpint (efir_autosaver_decide_follow (3, 4, FALSE), ==, EFIR_AUTOSAVER_FOLLOW_RELOAD);
  g_assert_cmpint (efir_autosaver_decide_follow (3, 4, TRUE), ==, EFIR_AUTOSAVER_FOLLOW_CONFLICT);
  /* Deleted elsewhere: what is open stays. */
  g_assert_cmpint (efir_autosaver_decide_follow (3, 0, FALSE), ==, EFIR_AUTOSAVER_FOLLOW_NOTHING);
  g_assert_cmpint (efir_autosaver_decide_follow (3, 0, TRUE), ==, EFIR_AUTOSAVER_FOLLOW_NOTHING);
}

/* efir-cli, beside the window: saves @title into the stored episode. */
static void
save_elsewhere (Fixture    *fixture,
                EfirStore  *other,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) theirs = NULL;

  theirs = efir_store_load_episode (other, efir_episode_get_id (fixture->episode), &error);
  g_assert_no_error (error);
  efir_episode_set_title (theirs, title);
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_DETAILS, &error));
  g_assert_no_error (error);
}

static EfirStore *
open_other (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  EfirStore *other = efir_store_open (fixture->path, &error);

  g_assert_no_error (error);
  return other;
}

/* The titles of the episode's revisions, newest first. */
static char *
revision_titles (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GString) titles = g_string_new (NULL);

  revisions = efir_store_list_revisions (fixture->store, efir_episode_get_id (fixture->episode),
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < revisions->len; i++)
    {
      EfirRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autoptr(EfirEpisode) revision = efir_store_load_revision (fixture->store, info->id, &error);

      g_assert_no_error (error);
      g_string_append_printf (titles, "%s%s", i > 0 ? "|" : "", efir_episode_get_title (revision));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static void
test_follow_reloads (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_other (fixture);
  g_autofree char *save_count = NULL;
  GListStore *guests = efir_episode_get_guests (fixture->episode);

  g_assert_true (efir_autosaver_set_episode (fixture->autosaver, fixture->episode, &error));
  save_elsewhere (fixture, other, "Written by efir-cli");
  save_count = stored_text (fixture, "SELECT save_count FROM episodes WHERE id = ?1",
                            efir_episode_get_id (fixture->episode));

  g_assert_true (efir_autosaver_follow_store (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (fixture->episode), ==, "Written by efir-cli");
  g_assert_true (efir_episode_get_guests (fixture->episode) == guests);

  /* What was read is no edit: nothing is written back. */
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_cmpuint (fixture->clock.timeouts->len, ==, 0);
  fake_clock_advance (&fixture->clock, 5000);
  g_assert_cmpuint (fixture->attempts->len, ==, 0);
  assert_cmpstr_free (stored_text (fixture, "SELECT save_count FROM episodes WHERE id = ?1",
                                     efir_episode_get_id (fixture->episode)), ==, save_count);

  /* The next edit is saved over the version read. */
  efir_episode_set_summary (fixture->episode, "Mine, after theirs");
  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  assert_cmpstr_free (stored_text (fixture, "SELECT title FROM episodes WHERE id = ?1",
                                     efir_episode_get_id (fixture->episode)), ==,
                        "Written by efir-cli");
}

static void
test_follow_publication_status (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  efir_episode_set_status (fixture->episode, EFIR_EPISODE_STATUS_READY);
  g_assert_true (efir_autosaver_set_episode (fixture->autosaver, fixture->episode, &error));
  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));

  /* A cron outbox run publishes while the producer types. */
  efir_episode_set_title (fixture->episode, "Typed meanwhile");
  g_assert_true (efir_database_exec (fixture->db, "UPDATE episodes SET status = 'published'",
                                     &error));
  g_assert_no_error (error);

  g_assert_true (efir_autosaver_follow_store (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_episode_get_status (fixture->episode), ==, EFIR_EPISODE_STATUS_PUBLISHED);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_DIRTY);

  g_assert_true (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  assert_cmpstr_free (stored_text (fixture, "SELECT title || ' ' || status FROM episodes"
                                     " WHERE id = ?1", efir_episode_get_id (fixture->episode)),
                        ==, "Typed meanwhile published");
}

static void
test_conflict_keeps_both (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = open_other (fixture);
  gint64 id = efir_episode_get_id (fixture->episode);
  guint attempts;

  g_assert_true (efir_autosaver_set_episode (fixture->autosaver, fixture->episode, &error));

  /* Seen by following: both are kept, nothing is written. */
  efir_episode_set_title (fixture->episode, "Mine");
  save_elsewhere (fixture, other, "Theirs");
  g_assert_true (efir_autosaver_follow_store (fixture->autosaver, &error));
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_CONFLICT);
  g_assert_cmpstr (efir_episode_get_title (fixture->episode), ==, "Mine");
  fake_clock_advance (&fixture->clock, 60000);
  g_assert_cmpuint (fixture->attempts->len, ==, 0);
  g_assert_false (efir_autosaver_flush (fixture->autosaver, &error));
  g_assert_error (error, EFIR_STORE_ERROR, EFIR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  assert_cmpstr_free (stored_text (fixture, "SELECT title FROM episodes WHERE id = ?1", id),
                        ==, "Theirs");

  /* Keep Mine: written over theirs, which a revision keeps. */
  g_assert_true (efir_autosaver_keep_mine (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  assert_cmpstr_free (stored_text (fixture, "SELECT title FROM episodes WHERE id = ?1", id),
                        ==, "Mine");
  assert_cmpstr_free (revision_titles (fixture), ==, "Theirs");

  /* Met by a save first this time: the save writes nothing and says so,
   * and is not tried again. */
  efir_episode_set_title (fixture->episode, "Mine again");
  save_elsewhere (fixture, other, "Theirs again");
  attempts = fixture->attempts->len;
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpuint (fixture->attempts->len, ==, attempts + 1);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_CONFLICT);
  g_assert_error (efir_autosaver_get_error (fixture->autosaver), EFIR_STORE_ERROR,
                  EFIR_STORE_ERROR_CONFLICT);
  fake_clock_advance (&fixture->clock, 60000);
  g_assert_cmpuint (fixture->attempts->len, ==, attempts + 1);
  assert_cmpstr_free (stored_text (fixture, "SELECT title FROM episodes WHERE id = ?1", id),
                        ==, "Theirs again");

  /* Take Theirs: read again, with mine kept in a revision. */
  g_assert_true (efir_autosaver_take_theirs (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (efir_episode_get_title (fixture->episode), ==, "Theirs again");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  g_assert_null (efir_autosaver_get_error (fixture->autosaver));
  assert_cmpstr_free (revision_titles (fixture), ==, "Mine again|Theirs");
  assert_cmpstr_free (stored_text (fixture, "SELECT title FROM episodes WHERE id = ?1", id),
                        ==, "Theirs again");
}

/* In a thread ------------------------------------------------------------ */

/* The window's autosaver writes in a thread: a save due hands a copy to
 * the writer and returns; the outcome arrives on the main context. */

static void
fixture_set_up_in_thread (Fixture       *fixture,
                          gconstpointer  user_data)
{
  fixture_set_up (fixture, user_data);
  efir_autosaver_write_in_thread (fixture->autosaver);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* Runs the main context until the saves asked for are handed back, and
 * the looks after them too. */
static void
wait_until_handed_back (Fixture *fixture)
{
  while (efir_autosaver_get_state (fixture->autosaver) == EFIR_AUTOSAVE_STATE_SAVING)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* Saves made by the writer's connection never look like another
 * process's changes, which would make the window read its lists again. */
static void
test_in_thread_own_writes (Fixture       *fixture,
                           gconstpointer  user_data)
{
  guint changed_elsewhere = 0;

  g_signal_connect (fixture->store, "changed-elsewhere", G_CALLBACK (count_cb), &changed_elsewhere);
  efir_store_check_changed_elsewhere (fixture->store);
  follow (fixture, fixture->episode);

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *expected = g_strdup_printf ("Take %u", i);

      type_title (fixture, "Take", i);
      fake_clock_advance (&fixture->clock, 1000);
      /* Handed to the thread: the main loop goes on. */
      g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVING);

      wait_until_handed_back (fixture);
      g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
      title = stored_title (fixture, fixture->episode);
      g_assert_cmpstr (title, ==, expected);
      g_assert_false (efir_store_check_changed_elsewhere (fixture->store));
    }

  g_assert_cmpuint (changed_elsewhere, ==, 0);
  /* The first save kept a revision, as on the main thread. */
  g_assert_cmpint (count_revisions (fixture, fixture->episode), ==, 1);
}

/* While a save waits for the disk (here, another connection's write
 * lock), the window goes on; a commit of another process made meanwhile
 * is still announced, once. */
static void
test_in_thread_other_commit (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *program = NULL;
  guint changed_elsewhere = 0;

  g_signal_connect (fixture->store, "changed-elsewhere", G_CALLBACK (count_cb), &changed_elsewhere);
  efir_store_check_changed_elsewhere (fixture->store);
  follow (fixture, fixture->episode);
  type_title (fixture, "Before", 1);
  fake_clock_advance (&fixture->clock, 1000);
  wait_until_handed_back (fixture);

  efir_database_exec (fixture->db,
                      "BEGIN IMMEDIATE;"
                      "UPDATE programs SET description = 'Changed elsewhere';",
                      &error);
  g_assert_no_error (error);

  type_title (fixture, "While locked", 2);
  fake_clock_advance (&fixture->clock, 1000);
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (5000);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVING);
  g_assert_cmpuint (changed_elsewhere, ==, 0);

  efir_database_exec (fixture->db, "COMMIT", &error);
  g_assert_no_error (error);
  wait_until_handed_back (fixture);

  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  title = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (title, ==, "While locked 2");
  program = stored_text (fixture, "SELECT description FROM programs WHERE id = ?1", fixture->program_id);
  g_assert_cmpstr (program, ==, "Changed elsewhere");
  g_assert_cmpuint (changed_elsewhere, ==, 1);
  g_assert_false (efir_store_check_changed_elsewhere (fixture->store));
}

/* A switch of episode waits for the save under way and writes the rest:
 * what the producer typed is stored when the other episode shows. */
static void
test_in_thread_switch_waits (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirEpisode) other = add_episode (fixture, "Episode two");
  g_autofree char *first = NULL;
  g_autofree char *summary = NULL;

  follow (fixture, fixture->episode);
  type_title (fixture, "Under way", 1);
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVING);
  efir_episode_set_summary (fixture->episode, "Typed while it was written.");

  follow (fixture, other);
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
  first = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (first, ==, "Under way 1");
  summary = stored_text (fixture, "SELECT summary FROM episodes WHERE id = ?1",
                         efir_episode_get_id (fixture->episode));
  g_assert_cmpstr (summary, ==, "Typed while it was written.");
}

/* A new episode saved by the writer gets its row, its stable id and its
 * guests' directory entries, and the next save updates that row. */
static void
test_in_thread_new_episode (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new ("Nərgiz Şəkili", "Jurnalist");
  g_autofree char *count = NULL;

  efir_episode_set_program_id (episode, fixture->program_id);
  follow (fixture, episode);
  efir_episode_set_title (episode, "Yeni veriliş");
  g_list_store_append (efir_episode_get_guests (episode), guest);
  fake_clock_advance (&fixture->clock, 1000);
  g_assert_cmpint (efir_episode_get_id (episode), ==, 0);
  wait_until_handed_back (fixture);

  g_assert_cmpint (efir_episode_get_id (episode), >, 0);
  g_assert_cmpstr (efir_episode_get_uuid (episode), !=, "");
  g_assert_cmpint (efir_episode_guest_get_person_id (guest), >, 0);

  /* Linking the guest was a change of the guest part, saved once more. */
  fake_clock_advance (&fixture->clock, 1000);
  wait_until_handed_back (fixture);
  efir_episode_set_title (episode, "Adı dəyişdi");
  fake_clock_advance (&fixture->clock, 1000);
  wait_until_handed_back (fixture);

  count = stored_text (fixture,
                       "SELECT count(*) || ' ' || max(e.title) || ' ' || max(g.person_id = p.id)"
                       "  FROM episodes AS e"
                       "  JOIN episode_guests AS g ON g.episode_id = e.id"
                       "  JOIN people AS p ON p.name = g.name"
                       " WHERE e.program_id = ?1 AND e.title <> 'Episode one'",
                       fixture->program_id);
  g_assert_cmpstr (count, ==, "1 Adı dəyişdi 1");
  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_SAVED);
}

/* Saved elsewhere while the producer typed: the writer's save is refused
 * as the main thread's would be, and both versions are kept. */
static void
test_in_thread_conflict (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfirStore) other = efir_store_open (fixture->path, &error);
  g_autoptr(EfirEpisode) theirs = NULL;
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  follow (fixture, fixture->episode);
  theirs = efir_store_load_episode (other, efir_episode_get_id (fixture->episode), &error);
  g_assert_no_error (error);
  efir_episode_set_title (theirs, "Theirs");
  g_assert_true (efir_store_save_episode (other, theirs, EFIR_EPISODE_PART_DETAILS, &error));
  g_assert_no_error (error);

  type_title (fixture, "Mine", 1);
  fake_clock_advance (&fixture->clock, 1000);
  wait_until_handed_back (fixture);

  g_assert_cmpint (efir_autosaver_get_state (fixture->autosaver), ==, EFIR_AUTOSAVE_STATE_CONFLICT);
  g_assert_cmpstr (efir_episode_get_title (fixture->episode), ==, "Mine 1");
  stored = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (stored, ==, "Theirs");

  g_assert_true (efir_autosaver_keep_mine (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_free (stored);
  stored = stored_title (fixture, fixture->episode);
  g_assert_cmpstr (stored, ==, "Mine 1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/autosave/decide-follow", test_decide_follow);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/autosave/debounce", test_debounce);
  ADD ("/store/autosave/max-delay", test_max_delay);
  ADD ("/store/autosave/switch-flushes", test_switch_flushes);
  ADD ("/store/autosave/flush", test_flush);
  ADD ("/store/autosave/new-episode", test_new_episode);
  ADD ("/store/autosave/accumulates-parts", test_accumulates_parts);
  ADD ("/store/autosave/change-during-save", test_change_during_save);
  ADD ("/store/autosave/failure-retries", test_failure_retries);
  ADD ("/store/autosave/failure-next-change", test_failure_next_change);
  ADD ("/store/autosave/retry-now", test_retry_now);
  ADD ("/store/autosave/switch-failure-keeps-edits", test_switch_failure_keeps_edits);
  ADD ("/store/autosave/switch-back-while-failing", test_switch_back_while_failing);
  ADD ("/store/autosave/revision-first-save", test_revision_first_save);
  ADD ("/store/autosave/revision-interval", test_revision_interval);
  ADD ("/store/autosave/waits-for-check", test_waits_for_check);
  ADD ("/store/autosave/large-episode", test_large_episode);
  ADD ("/store/autosave/follow-reloads", test_follow_reloads);
  ADD ("/store/autosave/follow-publication-status", test_follow_publication_status);
  ADD ("/store/autosave/conflict-keeps-both", test_conflict_keeps_both);

#undef ADD
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up_in_thread, func, fixture_tear_down)

  ADD ("/store/autosave/in-thread/own-writes", test_in_thread_own_writes);
  ADD ("/store/autosave/in-thread/other-commit", test_in_thread_other_commit);
  ADD ("/store/autosave/in-thread/switch-waits", test_in_thread_switch_waits);
  ADD ("/store/autosave/in-thread/new-episode", test_in_thread_new_episode);
  ADD ("/store/autosave/in-thread/conflict", test_in_thread_conflict);

#undef ADD

  return g_test_run ();
}
