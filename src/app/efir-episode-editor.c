/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-editor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "efir-details-section.h"
#include "efir-episode-editor.h"
#include "efir-publication-panel.h"
#include "efir-guests-section.h"
#include "efir-quotes-section.h"
#include "efir-social-links-section.h"
#include "efir-summary-section.h"
#include "efir-transcript-editor.h"

/* Types and properties --------------------------------------------------- */

struct _EfirEpisodeEditor
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkBox                 *jump_bar;
  GtkMenuButton          *section_button;
  GtkScrolledWindow      *scroller;
  GtkBox                 *page;
  EfirDetailsSection     *details;
  EfirGuestsSection      *guests;
  EfirSummarySection     *summary;
  EfirQuotesSection      *quotes;
  AdwPreferencesGroup    *transcript_group;
  EfirTranscriptEditor   *transcript;
  EfirSocialLinksSection *social_links;
  AdwPreferencesGroup    *publication_group;
  GtkLabel               *publication_status_label;
  EfirPublicationPanel   *publication_panel;

  /* Owned */
  EfirEpisode            *episode;
  EfirProgram            *program;
  GSignalGroup           *episode_signals;
  GSignalGroup           *program_signals;

  /* Jump buttons, top to bottom, one per section */
  GtkToggleButton        *jumps[EFIR_EDITOR_N_SECTIONS];
  /* The section jumped to stays lit while the view rests where the jump
   * put it, even when the page is too short to bring it to the top. */
  int                     jump_section;
  double                  jump_value;

  /* The sections below the first screen wait, hidden, until the page's
   * first screen is drawn (see hide_lower_sections) */
  gboolean                lower_hidden;
  /* A jump to one of them asked for meanwhile, made once it is laid out */
  int                     pending_jump;
  const char             *pending_transcript_action;

  /* Borrowed */
  GdkFrameClock          *reveal_clock;   /* weak: the window's, watched meanwhile */
};

G_DEFINE_FINAL_TYPE (EfirEpisodeEditor, efir_episode_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EPISODE,
  PROP_HAS_PENDING_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Room left above a section's heading when the editor jumps to it; the
 * jump bar counts a section as the one being read from that line on.
 */
#define SECTION_HEADROOM 12

/* The first section that is seldom on the first screen of a page. */
#define FIRST_LOWER_SECTION EFIR_EDITOR_SECTION_QUOTES

/* The names of the sections in "editor.show-section", top to bottom. */
static const char * const section_names[EFIR_EDITOR_N_SECTIONS] = {
  "details", "guests", "summary", "quotes", "transcript", "social-links", "publication",
};

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
get_section_widget (EfirEpisodeEditor *self,
                    EfirEditorSection  section)
{
  switch (section)
    {
    case EFIR_EDITOR_SECTION_DETAILS:
      return GTK_WIDGET (self->details);
    case EFIR_EDITOR_SECTION_GUESTS:
      return GTK_WIDGET (self->guests);
    case EFIR_EDITOR_SECTION_SUMMARY:
      return GTK_WIDGET (self->summary);
    case EFIR_EDITOR_SECTION_QUOTES:
      return GTK_WIDGET (self->quotes);
    case EFIR_EDITOR_SECTION_TRANSCRIPT:
      return GTK_WIDGET (self->transcript_group);
    case EFIR_EDITOR_SECTION_SOCIAL_LINKS:
      return GTK_WIDGET (self->social_links);
    case EFIR_EDITOR_SECTION_PUBLICATION:
      return GTK_WIDGET (self->publication_group);
    case EFIR_EDITOR_N_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static double
get_section_top (EfirEpisodeEditor *self,
                 EfirEditorSection  section)
{
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);

  if (!gtk_widget_compute_point (get_section_widget (self, section), GTK_WIDGET (self->page),
                                 &top, &top))
    return 0;

  /* The page's own margin sits above the first section. */
  return top.y + gtk_widget_get_margin_top (GTK_WIDGET (self->page));
}

static void
update_publication_status (EfirEpisodeEditor *self)
{
  static const char * const classes[] = { "draft", "ready", "scheduled", "published", "failed" };
  EfirEpisodeStatus status = self->episode != NULL ? efir_episode_get_status (self->episode)
                                                   : EFIR_EPISODE_STATUS_DRAFT;
  GtkWidget *row;
  gboolean own_word;

  gtk_label_set_label (self->publication_status_label, efir_editor_state_status_label (status));
  /* Draft or ready is the producer's own word, which the panel below does
   * not say; scheduled, published or failed it says with the when, the
   * link or the why, and a badge beside would say it twice. */
  row = gtk_widget_get_ancestor (GTK_WIDGET (self->publication_status_label), ADW_TYPE_ACTION_ROW);
  own_word = status == EFIR_EPISODE_STATUS_DRAFT || status == EFIR_EPISODE_STATUS_READY;
  gtk_widget_set_visible (row, own_word);
  /* The group's list would stay, an empty line, around a hidden row. */
  gtk_widget_set_visible (gtk_widget_get_parent (row), own_word);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (i == status)
        gtk_widget_add_css_class (GTK_WIDGET (self->publication_status_label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->publication_status_label), classes[i]);
    }
}

static void
update_host_names (EfirEpisodeEditor *self)
{
  efir_quotes_section_set_host_names (self->quotes,
                                      self->program != NULL
                                        ? efir_program_get_hosts (self->program)
                                        : NULL);
}

/* Of the time an episode takes to its first frame, building and filling
 * the sections is a third, laying them out and drawing them over half. The
 * sections below the first screen (quotes, transcript, links, publication)
 * are built and filled with the rest, so the episode is whole and saved as
 * ever, but they join the page only once its first screen is drawn, a frame
 * later: reopened at start-up, an episode is on screen about 60 ms sooner.
 * They join in the same frame when the view would show them, and at once
 * when one is jumped to. */
static void
stop_waiting_to_reveal (EfirEpisodeEditor *self)
{
  if (self->reveal_clock != NULL)
    g_signal_handlers_disconnect_by_data (self->reveal_clock, self);
  g_clear_weak_pointer (&self->reveal_clock);
}

static void
set_lower_sections_visible (EfirEpisodeEditor *self,
                            gboolean           visible)
{
  self->lower_hidden = !visible;
  for (guint i = FIRST_LOWER_SECTION; i < EFIR_EDITOR_N_SECTIONS; i++)
    gtk_widget_set_visible (get_section_widget (self, i), visible);
}

/* Whether the view reaches below the last section shown. */
static gboolean
view_shows_below_upper_sections (EfirEpisodeEditor *self)
{
  GtkWidget *last = get_section_widget (self, FIRST_LOWER_SECTION - 1);
  graphene_point_t bottom = GRAPHENE_POINT_INIT (0, gtk_widget_get_height (last));

  if (!gtk_widget_compute_point (last, GTK_WIDGET (self->scroller), &bottom, &bottom))
    return FALSE;
  return bottom.y < gtk_widget_get_height (GTK_WIDGET (self->scroller));
}

/* After GTK's own layout of each frame: a resize asked for here is laid
 * out again before the frame is drawn. */
static void
frame_laid_out_cb (GdkFrameClock     *clock,
                   EfirEpisodeEditor *self)
{
  int section = self->pending_jump;
  const char *transcript_action = self->pending_transcript_action;

  if (self->lower_hidden)
    {
      if (view_shows_below_upper_sections (self))
        set_lower_sections_visible (self, TRUE);
      return;
    }

  stop_waiting_to_reveal (self);
  self->pending_jump = -1;
  self->pending_transcript_action = NULL;
  if (section >= 0)
    efir_episode_editor_show_section (self, section);
  if (transcript_action != NULL)
    efir_episode_editor_activate_transcript_action (self, transcript_action);
}

static gboolean
has_pending_jump (EfirEpisodeEditor *self)
{
  return self->pending_jump >= 0 || self->pending_transcript_action != NULL;
}

static void
frame_painted_cb (GdkFrameClock     *clock,
                  EfirEpisodeEditor *self)
{
  if (self->lower_hidden)
    set_lower_sections_visible (self, TRUE);
  else if (!has_pending_jump (self))
    stop_waiting_to_reveal (self);
}

static void
wait_to_reveal (EfirEpisodeEditor *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || clock == self->reveal_clock)
    return;

  stop_waiting_to_reveal (self);
  g_set_weak_pointer (&self->reveal_clock, clock);
  g_signal_connect_object (clock, "layout", G_CALLBACK (frame_laid_out_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (frame_painted_cb), self, 0);
}

/* An episode shown by an editor not on screen yet, as at start-up. */
static void
hide_lower_sections (EfirEpisodeEditor *self)
{
  set_lower_sections_visible (self, FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    wait_to_reveal (self);
}

/* A jump to a section not on the page yet: the sections join it now, and
 * the jump waiting (pending_jump, pending_transcript_action) is made once
 * they are laid out. */
static void
reveal_for_jump (EfirEpisodeEditor *self)
{
  set_lower_sections_visible (self, TRUE);
  wait_to_reveal (self);
}

/* Brings @section's heading to the top of the view, or as near as the page
 * allows, then as little further as @keep_in_view (NULL: nothing) needs to
 * be seen whole. The jump bar names @section while the view rests there. */
static void
scroll_to_section (EfirEpisodeEditor *self,
                   EfirEditorSection  section,
                   GtkWidget         *keep_in_view)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;

  gtk_adjustment_set_value (adjustment, get_section_top (self, section) - SECTION_HEADROOM);
  if (keep_in_view != NULL && gtk_widget_compute_bounds (keep_in_view, GTK_WIDGET (self->page), &bounds))
    gtk_adjustment_clamp_page (adjustment, bounds.origin.y - SECTION_HEADROOM,
                               bounds.origin.y + bounds.size.height + SECTION_HEADROOM);
  self->jump_section = section;
  self->jump_value = gtk_adjustment_get_value (adjustment);
  gtk_toggle_button_set_active (self->jumps[section], TRUE);
}

/* Callbacks -------------------------------------------------------------- */

static void
transcript_pending_changed_cb (EfirEpisodeEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PENDING_TEXT]);
}

static void
scrolled_cb (EfirEpisodeEditor *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double tops[EFIR_EDITOR_N_SECTIONS];
  EfirEditorSection current;

  /* A section waiting to be shown is not on the page yet. */
  for (guint i = 0; i < EFIR_EDITOR_N_SECTIONS; i++)
    tops[i] = gtk_widget_get_visible (get_section_widget (self, i))
                ? get_section_top (self, i) - SECTION_HEADROOM
                : G_MAXDOUBLE;

  if (self->jump_section >= 0 && fabs (gtk_adjustment_get_value (adjustment) - self->jump_value) < 1.0)
    current = self->jump_section;
  else
    {
      self->jump_section = -1;
      current = efir_editor_state_section_at (tops, EFIR_EDITOR_N_SECTIONS,
                                          gtk_adjustment_get_value (adjustment),
                                          gtk_adjustment_get_page_size (adjustment),
                                          gtk_adjustment_get_upper (adjustment));
    }

  if (!gtk_toggle_button_get_active (self->jumps[current]))
    gtk_toggle_button_set_active (self->jumps[current], TRUE);
}

/* The one button shown where the row of sections does not fit names the
 * section being read. */
static void
jump_toggled_cb (EfirEpisodeEditor *self,
                 GtkToggleButton   *jump)
{
  if (gtk_toggle_button_get_active (jump))
    gtk_menu_button_set_label (self->section_button, gtk_button_get_label (GTK_BUTTON (jump)));
}

static void
episode_status_changed_cb (EfirEpisodeEditor *self)
{
  update_publication_status (self);
}

static void
program_hosts_changed_cb (EfirEpisodeEditor *self)
{
  update_host_names (self);
}

static void
show_section_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EfirEpisodeEditor *self = EFIR_EPISODE_EDITOR (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < EFIR_EDITOR_N_SECTIONS; i++)
    {
      if (g_str_equal (name, section_names[i]))
        {
          efir_episode_editor_show_section (self, i);
          return;
        }
    }
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_episode_editor_new:
 *
 * Creates the editor of an episode's page: details, guests, summary,
 * quotes, transcript, social links and publication, one under the other.
 *
 * Returns: (transfer floating): the editor, showing no episode
 */
GtkWidget *
efir_episode_editor_new (void)
{
  return g_object_new (EFIR_TYPE_EPISODE_EDITOR, NULL);
}

/**
 * efir_episode_editor_get_episode:
 * @self: an episode editor
 *
 * Returns: (transfer none) (nullable): the episode being edited
 */
EfirEpisode *
efir_episode_editor_get_episode (EfirEpisodeEditor *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_EDITOR (self), NULL);

  return self->episode;
}

/**
 * efir_episode_editor_set_episode:
 * @self: an episode editor
 * @episode: (nullable): the episode to edit
 *
 * Shows @episode in every section and writes the producer's edits to it as
 * they are made. Showing an episode never changes it; an edit half made in
 * the episode shown before (a tag or a link being typed, the transcript
 * being edited) is written to that episode first.
 */
void
efir_episode_editor_set_episode (EfirEpisodeEditor *self,
                                 EfirEpisode       *episode)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));
  g_return_if_fail (episode == NULL || EFIR_IS_EPISODE (episode));

  if (self->episode == episode)
    return;

  /* Fields turn insensitive without an episode; GTK warns when a text
   * field loses the focus that way, so it is taken away first.
   */
  if (episode == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_root_set_focus (root, NULL);
    }

  /* Each section hands its unfinished edit to the old episode while it
   * still holds it, so they switch before the editor lets go of it.
   */
  efir_details_section_set_episode (self->details, episode);
  efir_guests_section_set_episode (self->guests, episode);
  efir_summary_section_set_episode (self->summary, episode);
  efir_quotes_section_set_episode (self->quotes, episode);
  efir_transcript_editor_set_episode (self->transcript, episode);
  efir_social_links_section_set_episode (self->social_links, episode);

  g_set_object (&self->episode, episode);
  g_signal_group_set_target (self->episode_signals, episode);
  update_publication_status (self);

  if (episode != NULL && !self->lower_hidden && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    hide_lower_sections (self);

  /* Another episode opens at its top. */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
}

/**
 * efir_episode_editor_get_publication_panel:
 * @self: an episode editor
 *
 * Returns: (transfer none): the "Publication" section's panel, which the
 *   window keeps in step with the outbox
 */
EfirPublicationPanel *
efir_episode_editor_get_publication_panel (EfirEpisodeEditor *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_EDITOR (self), NULL);

  return self->publication_panel;
}

/**
 * efir_episode_editor_set_program:
 * @self: an episode editor
 * @program: (nullable): the programme of the episode
 *
 * The programme gives the time zone of the air date, the language of the
 * title and the hosts offered as speakers of quotes.
 */
void
efir_episode_editor_set_program (EfirEpisodeEditor *self,
                                 EfirProgram       *program)
{
  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));
  g_return_if_fail (program == NULL || EFIR_IS_PROGRAM (program));

  if (!g_set_object (&self->program, program))
    return;

  g_signal_group_set_target (self->program_signals, program);

  efir_details_section_set_program (self->details, program);
  update_host_names (self);
}

/**
 * efir_episode_editor_set_store:
 * @self: an episode editor
 * @store: (nullable): the archive the episode is in
 *
 * The archive tells which numbers the programme's other episodes have.
 */
void
efir_episode_editor_set_store (EfirEpisodeEditor *self,
                               EfirStore         *store)
{
  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));

  efir_details_section_set_store (self->details, store);
}

/**
 * efir_episode_editor_set_tag_suggestions:
 * @self: an episode editor
 * @suggestions: (nullable): a list of #GtkStringObject, the tags used
 *   elsewhere in the archive
 *
 * The tag entry completes from @suggestions.
 */
void
efir_episode_editor_set_tag_suggestions (EfirEpisodeEditor *self,
                                         GListModel        *suggestions)
{
  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));

  efir_details_section_set_tag_suggestions (self->details, suggestions);
}

/**
 * efir_episode_editor_set_people:
 * @self: an episode editor
 * @people: (nullable): the guest directory, of #EfirPerson
 *
 * The guests section suggests these people while a name is typed.
 */
void
efir_episode_editor_set_people (EfirEpisodeEditor *self,
                                GListModel        *people)
{
  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));

  efir_guests_section_set_people (self->guests, people);
}

/**
 * efir_episode_editor_flush:
 * @self: an episode editor
 *
 * Writes to the episode what is still waiting in a widget (the transcript
 * is read back into segments when typing pauses). Call it before saving on
 * close and quit.
 */
void
efir_episode_editor_flush (EfirEpisodeEditor *self)
{
  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));

  efir_transcript_editor_flush (self->transcript);
}

/**
 * efir_episode_editor_has_pending_text:
 * @self: an episode editor
 *
 * Whether a section holds text that is not in the episode yet, and so not
 * in the archive either: the transcript is read back only when typing
 * pauses. The window says "Saving…" meanwhile.
 *
 * Returns: whether text waits to be written to the episode
 */
gboolean
efir_episode_editor_has_pending_text (EfirEpisodeEditor *self)
{
  gboolean pending;

  g_return_val_if_fail (EFIR_IS_EPISODE_EDITOR (self), FALSE);

  g_object_get (self->transcript, "has-pending-text", &pending, NULL);

  return pending;
}

/**
 * efir_episode_editor_show_section:
 * @self: an episode editor
 * @section: a section
 *
 * Scrolls @section to the top of the view and moves the focus to its first
 * field, with the cursor after its text and nothing selected.
 */
void
efir_episode_editor_show_section (EfirEpisodeEditor *self,
                                  EfirEditorSection  section)
{
  GtkWidget *widget;
  GtkWidget *focus;
  GtkRoot *root;

  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));
  g_return_if_fail (section < EFIR_EDITOR_N_SECTIONS);

  /* A section not on the page yet has no place to scroll to: it joins
   * now, and the jump is made once it is laid out. */
  if (self->lower_hidden && section >= FIRST_LOWER_SECTION)
    {
      self->pending_jump = section;
      reveal_for_jump (self);
      return;
    }

  widget = get_section_widget (self, section);

  /* Focus first: the view scrolls to the focused field, and the section's
   * heading then goes to the top.
   */
  gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);

  /* GTK selects the whole text of a field the keyboard focuses, so the
   * next key typed would replace a title or a guest's role; a jump is
   * not a request to retype it. The cursor goes to the end instead. */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (GTK_IS_EDITABLE (focus) && gtk_widget_is_ancestor (focus, widget))
    gtk_editable_set_position (GTK_EDITABLE (focus), -1);

  scroll_to_section (self, section, NULL);
}

/**
 * efir_episode_editor_activate_transcript_action:
 * @self: an episode editor
 * @action_name: (type utf8): "transcript.go-to-time" or
 *   "transcript.find-replace", a string that lives for ever
 *
 * Brings the transcript into view and activates @action_name there, as
 * Ctrl+L and Ctrl+H do in the transcript: the focus goes to its "Go to
 * time" field, or to its search with the replacement shown.
 */
void
efir_episode_editor_activate_transcript_action (EfirEpisodeEditor *self,
                                                const char        *action_name)
{
  GtkRoot *root;

  g_return_if_fail (EFIR_IS_EPISODE_EDITOR (self));
  g_return_if_fail (action_name != NULL);

  /* As a jump to a section not on the page yet. */
  if (self->lower_hidden)
    {
      self->pending_transcript_action = action_name;
      reveal_for_jump (self);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->transcript), action_name, NULL);

  /* The field focused (the time, at the foot of the transcript) stays in
   * view even when the view is too short for the whole transcript. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  scroll_to_section (self, EFIR_EDITOR_SECTION_TRANSCRIPT, root != NULL ? gtk_root_get_focus (root) : NULL);
}

/**
 * efir_episode_editor_add_section_bindings:
 * @widget_class: the class of a widget holding an editor, or the editor's
 * @action_name: an action of that widget taking a section's name, as
 *   "editor.show-section" does
 *
 * Binds Alt+1 to Alt+7, the sections top to bottom, to @action_name.
 */
void
efir_episode_editor_add_section_bindings (GtkWidgetClass *widget_class,
                                          const char     *action_name)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  for (guint i = 0; i < EFIR_EDITOR_N_SECTIONS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         action_name, "s", section_names[i]);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_episode_editor_map (GtkWidget *widget)
{
  EfirEpisodeEditor *self = EFIR_EPISODE_EDITOR (widget);

  GTK_WIDGET_CLASS (efir_episode_editor_parent_class)->map (widget);

  if (self->lower_hidden || has_pending_jump (self))
    wait_to_reveal (self);
}

static void
efir_episode_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfirEpisodeEditor *self = EFIR_EPISODE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;

    case PROP_HAS_PENDING_TEXT:
      g_value_set_boolean (value, efir_episode_editor_has_pending_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_episode_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfirEpisodeEditor *self = EFIR_EPISODE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EPISODE:
      efir_episode_editor_set_episode (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_episode_editor_dispose (GObject *object)
{
  EfirEpisodeEditor *self = EFIR_EPISODE_EDITOR (object);
  GtkWidget *child;

  if (self->episode_signals != NULL)
    g_signal_group_set_target (self->episode_signals, NULL);
  if (self->program_signals != NULL)
    g_signal_group_set_target (self->program_signals, NULL);
  stop_waiting_to_reveal (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), EFIR_TYPE_EPISODE_EDITOR);
  /* The jump bar and the separator are not template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->episode_signals);
  g_clear_object (&self->program_signals);
  g_clear_object (&self->episode);
  g_clear_object (&self->program);

  G_OBJECT_CLASS (efir_episode_editor_parent_class)->dispose (object);
}

static void
efir_episode_editor_class_init (EfirEpisodeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = efir_episode_editor_get_property;
  object_class->set_property = efir_episode_editor_set_property;
  object_class->dispose = efir_episode_editor_dispose;

  widget_class->map = efir_episode_editor_map;

  /**
   * EfirEpisodeEditor:episode: (nullable)
   *
   * The episode being edited.
   */
  properties[PROP_EPISODE] =
    g_param_spec_object ("episode", NULL, NULL,
                         EFIR_TYPE_EPISODE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EfirEpisodeEditor:has-pending-text:
   *
   * Whether a section holds text the episode does not have yet; see
   * efir_episode_editor_has_pending_text().
   */
  properties[PROP_HAS_PENDING_TEXT] =
    g_param_spec_boolean ("has-pending-text", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EFIR_TYPE_DETAILS_SECTION);
  g_type_ensure (EFIR_TYPE_GUESTS_SECTION);
  g_type_ensure (EFIR_TYPE_SUMMARY_SECTION);
  g_type_ensure (EFIR_TYPE_QUOTES_SECTION);
  g_type_ensure (EFIR_TYPE_TRANSCRIPT_EDITOR);
  g_type_ensure (EFIR_TYPE_SOCIAL_LINKS_SECTION);
  g_type_ensure (EFIR_TYPE_PUBLICATION_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-episode-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, jump_bar);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, section_button);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, page);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, details);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, guests);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, summary);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, quotes);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, transcript_group);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, transcript);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, social_links);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, publication_group);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, publication_status_label);
  gtk_widget_class_bind_template_child (widget_class, EfirEpisodeEditor, publication_panel);

  gtk_widget_class_install_action (widget_class, "editor.show-section", "s",
                                   show_section_activated_cb);

  efir_episode_editor_add_section_bindings (widget_class, "editor.show-section");
}

static void
efir_episode_editor_init (EfirEpisodeEditor *self)
{
  GtkAdjustment *adjustment;
  guint i = 0;

  self->jump_section = -1;
  self->pending_jump = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->jump_bar));
       child != NULL && i < EFIR_EDITOR_N_SECTIONS;
       child = gtk_widget_get_next_sibling (child))
    {
      self->jumps[i++] = GTK_TOGGLE_BUTTON (child);
      g_signal_connect_object (child, "toggled", G_CALLBACK (jump_toggled_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_assert (i == EFIR_EDITOR_N_SECTIONS);

  self->episode_signals = g_signal_group_new (EFIR_TYPE_EPISODE);
  g_signal_group_connect_swapped (self->episode_signals, "notify::status",
                                  G_CALLBACK (episode_status_changed_cb), self);

  self->program_signals = g_signal_group_new (EFIR_TYPE_PROGRAM);
  g_signal_group_connect_swapped (self->program_signals, "notify::hosts",
                                  G_CALLBACK (program_hosts_changed_cb), self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->transcript, "notify::has-pending-text",
                           G_CALLBACK (transcript_pending_changed_cb), self, G_CONNECT_SWAPPED);

  update_publication_status (self);
  gtk_toggle_button_set_active (self->jumps[EFIR_EDITOR_SECTION_DETAILS], TRUE);
}
