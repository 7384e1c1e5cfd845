/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-section-state"

#include "config.h"

#include "efir-fold.h"
#include "efir-section-state.h"

/* Helpers ---------------------------------------------------------------- */

static EfirPerson *
person_new (gint64      id,
            const char *name,
            const char *role)
{
  EfirPerson *person = efir_person_new (name);

  efir_person_set_id (person, id);
  efir_person_set_default_role (person, role);

  return person;
}

static GListStore *
directory_new (void)
{
  GListStore *people = g_list_store_new (EFIR_TYPE_PERSON);
  g_autoptr(EfirPerson) eliyev = person_new (7, "Əli Əliyev", "Economist");
  g_autoptr(EfirPerson) mammadli = person_new (9, "Nəsimi Məmmədli", "Political commentator");
  g_autoptr(EfirPerson) ivanov = person_new (12, "Пётр Иванов", "Журналист");

  g_list_store_append (people, eliyev);
  g_list_store_append (people, mammadli);
  g_list_store_append (people, ivanov);

  return people;
}

static gboolean
matches (const char *query,
         const char *name)
{
  g_autofree char *folded = efir_fold (query, -1);
  g_autoptr(EfirPerson) person = efir_person_new (name);

  return efir_section_state_guest_matches (folded, person);
}

static GListStore *
quotes_new (guint n)
{
  GListStore *quotes = g_list_store_new (EFIR_TYPE_QUOTE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%c", 'a' + i);
      g_autoptr(EfirQuote) quote = efir_quote_new (text, NULL, -1);

      g_list_store_append (quotes, quote);
    }

  return quotes;
}

static char *
quotes_order (GListStore *quotes)
{
  GString *order = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (quotes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfirQuote) quote = g_list_model_get_item (G_LIST_MODEL (quotes), i);

      g_string_append (order, efir_quote_get_text (quote));
    }

  return g_string_free (order, FALSE);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
add_guest (EfirEpisode *episode,
           gint64       person_id,
           const char  *name)
{
  g_autoptr(EfirEpisodeGuest) guest = efir_episode_guest_new (name, NULL);

  efir_episode_guest_set_person_id (guest, person_id);
  g_list_store_append (efir_episode_get_guests (episode), guest);
}

/* Tests ------------------------------------------------------------------ */

static void
test_clean_name (void)
{
  const struct { const char *text; const char *clean; } cases[] = {
    { "  Əli   Əliyev ", "Əli Əliyev" },
    { "Nəsimi\tMəmmədli\n", "Nəsimi Məmmədli" },
    { "Пётр\u00a0Иванов", "Пётр Иванов" },
    { "   ", "" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = efir_section_state_clean_name (cases[i].text);

      g_assert_cmpstr (clean, ==, cases[i].clean);
    }

  {
    g_autofree char *clean = efir_section_state_clean_name (NULL);

    g_assert_cmpstr (clean, ==, "");
  }
}

/* The producer types without the Azerbaijani letters, or only a surname. */
static void
test_guest_matches_folded_word_starts (void)
{
  g_assert_true (matches ("eliyev", "Əli Əliyev"));
  g_assert_true (matches ("ELI", "Əli Əliyev"));
  g_assert_true (matches ("nes mem", "Nəsimi Məmmədli"));
  g_assert_true (matches ("nasimi mammadli", "Nəsimi Məmmədli"));
  g_assert_true (matches ("aliyev", "Əli Əliyev"));
  g_assert_true (matches ("məmm nəs", "Nəsimi Məmmədli"));
  g_assert_true (matches ("иван", "Пётр Иванов"));
  g_assert_true (matches ("петр", "Пётр Иванов"));
  g_assert_true (matches ("qasim", "Aynur Məmmədli-Qasımova"));

  /* Letters inside a word do not make a match; every word typed must match. */
  g_assert_false (matches ("liyev", "Əli Əliyev"));
  g_assert_false (matches ("eli mammadli", "Əli Əliyev"));
  g_assert_false (matches ("", "Əli Əliyev"));
  g_assert_false (matches ("   ", "Əli Əliyev"));
}

static void
test_find_person_by_typed_name (void)
{
  g_autoptr(GListStore) people = directory_new ();
  g_autoptr(EfirPerson) found = NULL;
  g_autoptr(EfirPerson) partial = NULL;
  g_autoptr(EfirPerson) unknown = NULL;

  found = efir_section_state_find_person (G_LIST_MODEL (people), "  eli   ELIYEV ");
  g_assert_nonnull (found);
  g_assert_cmpint (efir_person_get_id (found), ==, 7);

  g_clear_object (&found);
  found = efir_section_state_find_person (G_LIST_MODEL (people), "Nasimi Mammadli");
  g_assert_nonnull (found);
  g_assert_cmpint (efir_person_get_id (found), ==, 9);

  partial = efir_section_state_find_person (G_LIST_MODEL (people), "Əliyev");
  g_assert_null (partial);

  unknown = efir_section_state_find_person (G_LIST_MODEL (people), "Leyla Həsənova");
  g_assert_null (unknown);

  g_assert_null (efir_section_state_find_person (G_LIST_MODEL (people), "   "));
  g_assert_null (efir_section_state_find_person (NULL, "Əli Əliyev"));
}

static void
test_find_guest_duplicates (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));

  add_guest (episode, 7, "Əli Əliyev");
  add_guest (episode, 0, "Leyla Həsənova");

  /* The same directory entry, whatever it is called now. */
  g_assert_cmpint (efir_section_state_find_guest (guests, 7, "Ali Aliyev"), ==, 0);
  /* A typed name the same as a guest's, with or without the special letters. */
  g_assert_cmpint (efir_section_state_find_guest (guests, 0, "eli eliyev"), ==, 0);
  g_assert_cmpint (efir_section_state_find_guest (guests, 0, "Leyla  Hesenova"), ==, 1);
  g_assert_cmpint (efir_section_state_find_guest (guests, 0, "Leyla Hasanova"), ==, 1);
  /* The directory entry of a guest who was typed in before. */
  g_assert_cmpint (efir_section_state_find_guest (guests, 15, "Leyla Həsənova"), ==, 1);
  /* A namesake with another directory entry is someone else. */
  g_assert_cmpint (efir_section_state_find_guest (guests, 8, "Əli Əliyev"), ==, -1);
  g_assert_cmpint (efir_section_state_find_guest (guests, 0, "Nəsimi Məmmədli"), ==, -1);
  g_assert_cmpint (efir_section_state_find_guest (guests, 0, ""), ==, -1);
}

static void
test_move (void)
{
  g_autoptr(GListStore) quotes = quotes_new (5);
  g_autofree char *order = NULL;
  guint changes = 0;

  g_signal_connect (quotes, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  g_assert_cmpuint (efir_section_state_move (quotes, 1, 1), ==, 2);
  order = quotes_order (quotes);
  g_assert_cmpstr (order, ==, "acbde");
  g_assert_cmpuint (changes, ==, 1);
  g_clear_pointer (&order, g_free);

  g_assert_cmpuint (efir_section_state_move (quotes, 4, -3), ==, 1);
  order = quotes_order (quotes);
  g_assert_cmpstr (order, ==, "aecbd");
  g_clear_pointer (&order, g_free);

  g_assert_cmpuint (efir_section_state_move (quotes, 0, 4), ==, 4);
  order = quotes_order (quotes);
  g_assert_cmpstr (order, ==, "ecbda");
  g_clear_pointer (&order, g_free);
}

static void
test_move_stops_at_the_ends (void)
{
  g_autoptr(GListStore) quotes = quotes_new (3);
  g_autofree char *order = NULL;
  guint changes = 0;

  g_signal_connect (quotes, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  g_assert_cmpuint (efir_section_state_move (quotes, 0, -1), ==, 0);
  g_assert_cmpuint (efir_section_state_move (quotes, 2, 1), ==, 2);
  g_assert_cmpuint (changes, ==, 0);

  g_assert_cmpuint (efir_section_state_move (quotes, 1, G_MININT), ==, 0);
  g_assert_cmpuint (efir_section_state_move (quotes, 0, G_MAXINT), ==, 2);
  order = quotes_order (quotes);
  g_assert_cmpstr (order, ==, "acb");
}

static void
test_pull_quote_is_exclusive (void)
{
  g_autoptr(GListStore) quotes = quotes_new (3);
  g_autoptr(EfirQuote) first = g_list_model_get_item (G_LIST_MODEL (quotes), 0);
  g_autoptr(EfirQuote) second = g_list_model_get_item (G_LIST_MODEL (quotes), 1);
  g_autoptr(EfirQuote) third = g_list_model_get_item (G_LIST_MODEL (quotes), 2);

  /* Two pull quotes can come from an old import; choosing one settles it. */
  efir_quote_set_pull_quote (first, TRUE);
  efir_quote_set_pull_quote (third, TRUE);

  efir_section_state_set_pull_quote (quotes, second);
  g_assert_false (efir_quote_get_pull_quote (first));
  g_assert_true (efir_quote_get_pull_quote (second));
  g_assert_false (efir_quote_get_pull_quote (third));

  efir_section_state_set_pull_quote (quotes, third);
  g_assert_false (efir_quote_get_pull_quote (second));
  g_assert_true (efir_quote_get_pull_quote (third));

  efir_section_state_set_pull_quote (quotes, NULL);
  g_assert_false (efir_quote_get_pull_quote (third));
}

static void
test_speakers (void)
{
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  const char * const hosts[] = { "Sevinc Osmanqızı", " nesimi  memmedli ", "", NULL };
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) speakers = NULL;
  g_auto(GStrv) guests_only = NULL;

  none = efir_section_state_speakers (episode, NULL);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  add_guest (episode, 9, "Nəsimi Məmmədli");
  add_guest (episode, 0, "  ");
  add_guest (episode, 7, "Əli  Əliyev");

  /* The hosts first: a host who is also billed as a guest is offered once,
   * as a host. */
  speakers = efir_section_state_speakers (episode, hosts);
  g_assert_cmpstrv (speakers, ((const char * const[]) { "Sevinc Osmanqızı", "nesimi memmedli",
                                                        "Əli Əliyev", NULL }));

  guests_only = efir_section_state_speakers (episode, NULL);
  g_assert_cmpstrv (guests_only, ((const char * const[]) { "Nəsimi Məmmədli", "Əli Əliyev", NULL }));
}

static void
test_time (void)
{
  g_autofree char *none = efir_section_state_format_time (-1);
  g_autofree char *some = efir_section_state_format_time (903.5);
  double seconds = 0;

  g_assert_true (efir_section_state_parse_time ("00:15:03.5", &seconds));
  g_assert_cmpfloat (seconds, ==, 903.5);
  g_assert_true (efir_section_state_parse_time (" 15:03 ", &seconds));
  g_assert_cmpfloat (seconds, ==, 903);
  g_assert_true (efir_section_state_parse_time ("", &seconds));
  g_assert_cmpfloat (seconds, ==, -1);
  g_assert_true (efir_section_state_parse_time ("  ", &seconds));
  g_assert_cmpfloat (seconds, ==, -1);

  seconds = 42;
  g_assert_false (efir_section_state_parse_time ("15:3x", &seconds));
  g_assert_false (efir_section_state_parse_time ("00:75:00", &seconds));
  g_assert_cmpfloat (seconds, ==, 42);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (some, ==, "00:15:03.5");
}

static void
test_excerpt (void)
{
  const struct { const char *text; guint max; const char *excerpt; } cases[] = {
    { "Qısa söz.", 20, "Qısa söz." },
    { "  Two\nlines  ", 20, "Two lines" },
    { "Sanksiyalar heç nəyi dəyişməyəcək", 20, "Sanksiyalar heç…" },
    { "Sanksiyalar", 6, "Sanks…" },
    { "", 10, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *excerpt = efir_section_state_excerpt (cases[i].text, cases[i].max);

      g_assert_cmpstr (excerpt, ==, cases[i].excerpt);
      g_assert_cmpint (g_utf8_strlen (excerpt, -1), <=, cases[i].max);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/section-state/clean-name", test_clean_name);
  g_test_add_func ("/app/section-state/guest-matches-folded-word-starts", test_guest_matches_folded_word_starts);
  g_test_add_func ("/app/section-state/find-person-by-typed-name", test_find_person_by_typed_name);
  g_test_add_func ("/app/section-state/find-guest-duplicates", test_find_guest_duplicates);
  g_test_add_func ("/app/section-state/move", test_move);
  g_test_add_func ("/app/section-state/move-stops-at-the-ends", test_move_stops_at_the_ends);
  g_test_add_func ("/app/section-state/pull-quote-is-exclusive", test_pull_quote_is_exclusive);
  g_test_add_func ("/app/section-state/speakers", test_speakers);
  g_test_add_func ("/app/section-state/time", test_time);
  g_test_add_func ("/app/section-state/excerpt", test_excerpt);

  return g_test_run ();
}
