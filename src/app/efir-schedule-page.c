/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-schedule-page"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-editor-state.h"
#include "efir-schedule-page.h"

/* Types and properties --------------------------------------------------- */

struct _EfirSchedulePage
{
  AdwBin            parent_instance;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkBox             *days;

  /* Owned */
  EfirStore        *store;
  EfirOutboxWorker *worker;
  guint             timeout_id;
  /* The producer's place before a reload, put back once the new rows are
   * laid out: until the frame after that, while restore_tick_id is set. */
  double            place;
  guint             restore_tick_id;
  /* The episode whose row had the keyboard focus, 0 for none, and the
   * rows of this reload by episode. */
  gint64            focused_episode;
  GHashTable       *rows;
};

G_DEFINE_FINAL_TYPE (EfirSchedulePage, efir_schedule_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKER,
  N_PROPS
};

enum {
  OPEN_EPISODE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* How far back the published episodes go. */
#define PUBLISHED_DAYS 14

/* Helpers ---------------------------------------------------------------- */

static GDateTime *
parse_gmt (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_date_time_new_from_iso8601 (text, utc);
}

/* "Asia/Baku" -> "Baku", "America/Argentina/Buenos_Aires" -> "Buenos Aires". */
static char *
zone_place (const char *zone)
{
  const char *slash = strrchr (zone, '/');

  return g_strdelimit (g_strdup (slash != NULL ? slash + 1 : zone), "_", ' ');
}

static const char *
state_label (const EfirScheduleEntry *entry,
             gboolean                 missed)
{
  if (missed)
    /* Translators: the state of a scheduled post the site did not publish at its time */
    return C_("schedule", "Missed");

  switch (entry->kind)
    {
    case EFIR_SCHEDULE_SCHEDULED:
      return C_("episode status", "Scheduled");
    case EFIR_SCHEDULE_PUBLISHED:
      return C_("episode status", "Published");
    case EFIR_SCHEDULE_WAITING:
      /* Translators: a publication queued or on its way to the site */
      return C_("schedule", "Sending");
    case EFIR_SCHEDULE_FAILED:
      return C_("episode status", "Failed");
    case EFIR_SCHEDULE_CONFLICT:
      /* Translators: the site's post was changed there; the producer chooses a version */
      return C_("schedule", "Conflict");
    default:
      g_assert_not_reached ();
    }
}

/* The .status-badge class of the episode list that goes with the state. */
static const char *
state_class (const EfirScheduleEntry *entry,
             gboolean                 missed)
{
  if (missed)
    return "failed";

  switch (entry->kind)
    {
    case EFIR_SCHEDULE_SCHEDULED:
      return "scheduled";
    case EFIR_SCHEDULE_PUBLISHED:
      return "published";
    case EFIR_SCHEDULE_WAITING:
      return "ready";
    case EFIR_SCHEDULE_FAILED:
    case EFIR_SCHEDULE_CONFLICT:
      return "failed";
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
create_row (EfirSchedulePage        *self,
            const EfirScheduleEntry *entry,
            GTimeZone               *viewer,
            GDateTime               *now)
{
  g_autofree char *heading = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *time = NULL;
  g_autofree char *program_time = NULL;
  g_autofree char *escaped_program = NULL;
  const char *title = entry->title[0] != '\0' ? entry->title : _("Untitled episode");
  gboolean missed = efir_schedule_page_is_missed (entry, now);
  GtkWidget *row;
  GtkWidget *times;
  GtkWidget *label;

  heading = entry->number > 0 ? g_strdup_printf ("%d. %s", entry->number, title) : g_strdup (title);
  escaped = g_markup_escape_text (heading, -1);
  escaped_program = g_markup_escape_text (entry->program_name, -1);
  time = efir_schedule_page_format_time (entry->at, entry->program_time_zone, viewer,
                                         &program_time);

  row = adw_action_row_new ();
  gtk_widget_add_css_class (row, "schedule-row");
  if (missed)
    gtk_widget_add_css_class (row, "missed");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_program);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "episode-id",
                          g_memdup2 (&entry->episode_id, sizeof entry->episode_id), g_free);

  times = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (times, GTK_ALIGN_CENTER);
  label = gtk_label_new (time);
  gtk_widget_set_name (label, "time");
  gtk_widget_add_css_class (label, "schedule-time");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (times), label);
  if (program_time != NULL)
    {
      label = gtk_label_new (program_time);
      gtk_widget_set_name (label, "program-time");
      gtk_widget_set_tooltip_text (label, _("The time in the programme’s time zone"));
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (times), label);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), times);

  if (missed)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Publish Now"));

      gtk_widget_set_name (button, "publish-now");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("The site did not publish this episode at its "
                                             "scheduled time"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "schedule.publish-now");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", entry->episode_id,
                                        entry->site_id);
      gtk_widget_add_css_class (button, "destructive-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  label = gtk_label_new (state_label (entry, missed));
  gtk_widget_set_name (label, "state");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "status-badge");
  gtk_widget_add_css_class (label, state_class (entry, missed));
  if (entry->last_error[0] != '\0')
    gtk_widget_set_tooltip_text (label, entry->last_error);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* Callbacks -------------------------------------------------------------- */

static void
row_activated_cb (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  EfirSchedulePage *self)
{
  const gint64 *episode_id = g_object_get_data (G_OBJECT (row), "episode-id");

  if (episode_id != NULL)
    g_signal_emit (self, signals[OPEN_EPISODE], 0, *episode_id);
}

static gboolean
timeout_reached_cb (gpointer user_data)
{
  EfirSchedulePage *self = user_data;

  self->timeout_id = 0;
  efir_schedule_page_reload (self);

  return G_SOURCE_REMOVE;
}

static void
worker_busy_changed_cb (EfirOutboxWorker *worker,
                        GParamSpec       *pspec,
                        EfirSchedulePage *self)
{
  /* A run ended: what it sent, or failed to, shows. */
  if (!efir_outbox_worker_get_busy (worker))
    efir_schedule_page_reload (self);
}

static void
publish_now_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EfirSchedulePage *self = EFIR_SCHEDULE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 episode_id;
  gint64 site_id;

  g_variant_get (parameter, "(xx)", &episode_id, &site_id);

  if (!efir_publisher_enqueue (efir_outbox_worker_get_publisher (self->worker), episode_id,
                               site_id, EFIR_PUBLISH_NOW, NULL, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  efir_outbox_worker_kick (self->worker);
  efir_schedule_page_reload (self);
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_schedule_page_format_time:
 * @at_gmt: a time in UTC, "2024-10-04T16:00:00"
 * @program_zone: (nullable): the programme's time zone, "Asia/Baku"
 * @viewer: the viewer's time zone
 * @program_time: (out) (optional): "20:00 Baku" when the programme's zone
 *   shows another time than @viewer's, else %NULL
 *
 * Returns: (transfer full): the time in @viewer's zone, "18:00", or "" for
 *   a time that cannot be read
 */
char *
efir_schedule_page_format_time (const char  *at_gmt,
                                const char  *program_zone,
                                GTimeZone   *viewer,
                                char       **program_time)
{
  g_autoptr(GDateTime) at = parse_gmt (at_gmt);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (viewer != NULL, NULL);

  if (program_time != NULL)
    *program_time = NULL;
  if (at == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (at, viewer);

  if (program_time != NULL && program_zone != NULL && program_zone[0] != '\0')
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (program_zone);
      g_autoptr(GDateTime) there = zone != NULL ? g_date_time_to_timezone (at, zone) : NULL;

      if (there != NULL
          && g_date_time_get_utc_offset (there) != g_date_time_get_utc_offset (local))
        {
          g_autofree char *clock = g_date_time_format (there, "%H:%M");
          g_autofree char *place = zone_place (program_zone);

          /* Translators: a time and the place whose clock shows it, "20:00 Baku" */
          *program_time = g_strdup_printf (C_("time in a zone", "%s %s"), clock, place);
        }
    }

  return g_date_time_format (local, "%H:%M");
}

/**
 * efir_schedule_page_is_missed:
 * @entry: a row of the schedule
 * @now: the time now
 *
 * Whether @entry is a schedule whose time passed without the episode going
 * live: a post the site still holds as scheduled, or a scheduled
 * publication that failed (Efir was not running at its time, or the site
 * refused it).
 *
 * Returns: whether the row offers Publish Now
 */
gboolean
efir_schedule_page_is_missed (const EfirScheduleEntry *entry,
                              GDateTime               *now)
{
  g_autoptr(GDateTime) at = NULL;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->kind != EFIR_SCHEDULE_SCHEDULED
      && !(entry->kind == EFIR_SCHEDULE_FAILED && g_strcmp0 (entry->action, "schedule") == 0))
    return FALSE;

  return (at = parse_gmt (entry->at)) != NULL && g_date_time_compare (at, now) <= 0;
}

/**
 * efir_schedule_page_new:
 * @store: the window's archive
 * @worker: the window's outbox worker
 *
 * Returns: (transfer floating): the Schedule page
 */
GtkWidget *
efir_schedule_page_new (EfirStore        *store,
                        EfirOutboxWorker *worker)
{
  g_return_val_if_fail (EFIR_IS_STORE (store), NULL);
  g_return_val_if_fail (EFIR_IS_OUTBOX_WORKER (worker), NULL);

  return g_object_new (EFIR_TYPE_SCHEDULE_PAGE, "store", store, "worker", worker, NULL);
}

/* The rows are built anew, and laid out while the adjustment still has
 * the old ones' height: the place is set again as the height settles. */
static void
place_adjustment_changed_cb (GtkAdjustment    *adjustment,
                             EfirSchedulePage *self)
{
  double last = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->restore_tick_id != 0)
    gtk_adjustment_set_value (adjustment, MIN (self->place, MAX (last, 0)));
}

/* Focus moving to a new row would make the viewport scroll to it, with
 * an animation that ends far from the producer's place. */
static void
scroll_to_focus (EfirSchedulePage *self,
                 gboolean          scroll)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);

  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), scroll);
}

static gboolean
place_restored_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  EfirSchedulePage *self = EFIR_SCHEDULE_PAGE (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  /* The first tick comes before the new rows' layout, the second after. */
  if (gdk_frame_clock_get_frame_counter (clock) == (gint64) GPOINTER_TO_SIZE (user_data))
    return G_SOURCE_CONTINUE;

  place_adjustment_changed_cb (adjustment, self);
  self->restore_tick_id = 0;
  scroll_to_focus (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
keep_place (EfirSchedulePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  const gint64 *episode_id = NULL;

  if (row != NULL && gtk_widget_is_ancestor (row, GTK_WIDGET (self->days)))
    episode_id = g_object_get_data (G_OBJECT (row), "episode-id");
  self->focused_episode = episode_id != NULL ? *episode_id : 0;
  scroll_to_focus (self, FALSE);

  self->place = gtk_adjustment_get_value (adjustment);
  if (self->restore_tick_id != 0 || self->place <= 0 || clock == NULL)
    return;

  self->restore_tick_id =
    gtk_widget_add_tick_callback (GTK_WIDGET (self), place_restored_cb,
                                  GSIZE_TO_POINTER (gdk_frame_clock_get_frame_counter (clock)),
                                  NULL);
}

void
efir_schedule_page_reload (EfirSchedulePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GTimeZone) viewer = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -PUBLISHED_DAYS);
  g_autofree char *day_key = NULL;
  GtkWidget *list = NULL;
  GtkWidget *child;
  GtkWidget *row;
  gint64 next_missed = 0;

  g_return_if_fail (EFIR_IS_SCHEDULE_PAGE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  keep_place (self);
  g_hash_table_remove_all (self->rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days))) != NULL)
    gtk_box_remove (self->days, child);

  entries = efir_store_list_schedule (self->store, g_date_time_to_unix (since) * G_USEC_PER_SEC,
                                      &error);
  if (entries == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      scroll_to_focus (self, TRUE);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      EfirScheduleEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) at = parse_gmt (entry->at);
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *key = NULL;

      if (at == NULL)
        continue;

      local = g_date_time_to_timezone (at, viewer);
      key = g_date_time_format (local, "%Y-%m-%d");

      if (list == NULL || g_strcmp0 (key, day_key) != 0)
        {
          g_autofree char *heading = efir_editor_state_format_day (local);
          GtkWidget *group = adw_preferences_group_new ();

          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), heading);
          list = gtk_list_box_new ();
          gtk_widget_set_name (list, "day");
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          heading, -1);
          g_signal_connect_object (list, "row-activated", G_CALLBACK (row_activated_cb), self, 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
          gtk_box_append (self->days, group);
          g_free (day_key);
          day_key = g_steal_pointer (&key);
        }

      row = create_row (self, entry, viewer, now);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      /* A first row of the episode's wins, as its first in time. */
      if (!g_hash_table_contains (self->rows, &entry->episode_id))
        g_hash_table_insert (self->rows, g_memdup2 (&entry->episode_id, sizeof (gint64)), row);

      /* The row of a schedule to come turns into a missed one when its
       * time passes without the site publishing. */
      if (entry->kind == EFIR_SCHEDULE_SCHEDULED && g_date_time_compare (at, now) > 0
          && next_missed == 0)
        next_missed = g_date_time_difference (at, now);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_widget_get_first_child (GTK_WIDGET (self->days)) != NULL
                                      ? "schedule" : "empty");

  if (next_missed > 0)
    self->timeout_id = g_timeout_add (MIN (next_missed / 1000 + 1000, G_MAXINT / 2),
                                      timeout_reached_cb, self);

  /* The keyboard focus stays on the episode it was on. */
  if (self->focused_episode != 0
      && (row = g_hash_table_lookup (self->rows, &self->focused_episode)) != NULL)
    gtk_widget_grab_focus (row);
  if (self->restore_tick_id == 0)
    scroll_to_focus (self, TRUE);
}

/* GObject overrides ------------------------------------------------------ */

static void
efir_schedule_page_constructed (GObject *object)
{
  EfirSchedulePage *self = (EfirSchedulePage *) object;

  G_OBJECT_CLASS (efir_schedule_page_parent_class)->constructed (object);

  g_signal_connect_object (self->worker, "notify::busy", G_CALLBACK (worker_busy_changed_cb),
                           self, 0);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (place_adjustment_changed_cb), self, 0);
  efir_schedule_page_reload (self);
}

static void
efir_schedule_page_dispose (GObject *object)
{
  EfirSchedulePage *self = (EfirSchedulePage *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (efir_schedule_page_parent_class)->dispose (object);
}

static void
efir_schedule_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfirSchedulePage *self = EFIR_SCHEDULE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_schedule_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EfirSchedulePage *self = EFIR_SCHEDULE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
efir_schedule_page_class_init (EfirSchedulePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = efir_schedule_page_constructed;
  object_class->dispose = efir_schedule_page_dispose;
  object_class->get_property = efir_schedule_page_get_property;
  object_class->set_property = efir_schedule_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EFIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, EFIR_TYPE_OUTBOX_WORKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_EPISODE] =
    g_signal_new ("open-episode", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/efir/Efir/efir-schedule-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfirSchedulePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfirSchedulePage, stack);
  gtk_widget_class_bind_template_child (widget_class, EfirSchedulePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EfirSchedulePage, days);

  gtk_widget_class_install_action (widget_class, "schedule.publish-now", "(xx)",
                                   publish_now_activated_cb);
}

static void
efir_schedule_page_init (EfirSchedulePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
