/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-episode-row"

#include "config.h"

#include <glib/gi18n.h>

#include "efir-episode-row.h"

/* Layout, in pixels: the status badge sits at the end of the title's first
 * line; the subtitle runs under both. The subtitle reads as a caption
 * (82 % of the font) and is dimmed as a dim-label is. */
#define COLUMN_SPACING  6
#define ROW_SPACING     2
#define TITLE_LINES     2
#define SUBTITLE_SCALE  0.82
#define SUBTITLE_ALPHA  0.55

/* Types and properties */

/* A row of the episode list draws its title and subtitle itself, with two
 * PangoLayouts, instead of holding a label for each: the list builds a
 * screenful of rows before the window's first frame, and two labels a row
 * cost that frame a noticeable part of its time. The badge stays a label,
 * coloured by the stylesheet for each status. */
struct _EfirEpisodeRow
{
  GtkWidget parent_instance;

  /* Children */
  GtkLabel *badge;

  /* Owned */
  PangoLayout          *title;      /* up to two lines, ellipsized */
  PangoLayout          *subtitle;   /* one line, ellipsized */
  PangoFontDescription *font;       /* the one the layouts were made with */
  GSignalGroup         *signals;
};

G_DEFINE_FINAL_TYPE (EfirEpisodeRow, efir_episode_row, GTK_TYPE_WIDGET)

/* Helpers */

static void
efir_episode_row_update (EfirEpisodeRow *self)
{
  g_autoptr(EfirEpisode) episode = g_signal_group_dup_target (self->signals);
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  EfirEpisodeStatus status;
  const char *css_classes[3] = { "status-badge", NULL, NULL };

  if (episode == NULL)
    return;

  status = efir_episode_get_status (episode);
  heading = efir_episode_row_heading (episode);
  subtitle = efir_episode_row_subtitle (episode);
  css_classes[1] = efir_episode_status_to_string (status);

  pango_layout_set_text (self->title, heading, -1);
  pango_layout_set_text (self->subtitle, subtitle, -1);
  gtk_label_set_label (self->badge, efir_episode_row_status (status));
  gtk_widget_set_css_classes (GTK_WIDGET (self->badge), css_classes);

  /* What is drawn is not a label, so it is told to assistive technology. */
  description = g_strdup_printf ("%s, %s", heading, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The title's width: the row's, less the badge and the space before it. */
static int
title_width (EfirEpisodeRow *self,
             int             width)
{
  int badge_width;

  gtk_widget_measure (GTK_WIDGET (self->badge), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &badge_width, NULL, NULL);
  return MAX (width - badge_width - COLUMN_SPACING, 1);
}

/* Lays both texts out for a row @width pixels wide (-1: unbounded) and
 * returns the height of the title and of the subtitle. */
static void
efir_episode_row_lay_out (EfirEpisodeRow *self,
                          int             width,
                          int            *title_height,
                          int            *subtitle_height)
{
  pango_layout_set_width (self->title, width < 0 ? -1 : title_width (self, width) * PANGO_SCALE);
  pango_layout_set_width (self->subtitle, width < 0 ? -1 : width * PANGO_SCALE);
  pango_layout_get_pixel_size (self->title, NULL, title_height);
  pango_layout_get_pixel_size (self->subtitle, NULL, subtitle_height);
}

static PangoLayout *
efir_episode_row_make_layout (EfirEpisodeRow *self,
                              double          scale,
                              int             lines)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (lines > 1)
    {
      /* Long Azerbaijani titles wrap to a second line before they are cut. */
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -lines);
    }
  if (scale != 1.0)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_scale_new (scale));
      pango_layout_set_attributes (layout, attributes);
    }
  return layout;
}

/* Callbacks */

static void
on_episode_changed_cb (EfirEpisodeRow *self)
{
  efir_episode_row_update (self);
}

/* Public API */

GtkWidget *
efir_episode_row_new (void)
{
  return g_object_new (EFIR_TYPE_EPISODE_ROW, NULL);
}

void
efir_episode_row_set_episode (EfirEpisodeRow *self,
                              EfirEpisode    *episode)
{
  g_return_if_fail (EFIR_IS_EPISODE_ROW (self));

  g_signal_group_set_target (self->signals, episode);
  efir_episode_row_update (self);
}

/* What the row shows now, as drawn. */
const char *
efir_episode_row_get_title_text (EfirEpisodeRow *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_ROW (self), NULL);

  return pango_layout_get_text (self->title);
}

const char *
efir_episode_row_get_subtitle_text (EfirEpisodeRow *self)
{
  g_return_val_if_fail (EFIR_IS_EPISODE_ROW (self), NULL);

  return pango_layout_get_text (self->subtitle);
}

char *
efir_episode_row_heading (EfirEpisode *episode)
{
  const char *title = efir_episode_get_title (episode);

  if (title[0] == '\0')
    title = _("Untitled episode");
  if (efir_episode_get_number (episode) > 0)
    return g_strdup_printf ("%d. %s", efir_episode_get_number (episode), title);
  return g_strdup (title);
}

char *
efir_episode_row_subtitle (EfirEpisode *episode)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  GDateTime *air_date = efir_episode_get_air_date (episode);
  g_autoptr(GString) text = g_string_new (NULL);

  if (air_date != NULL)
    {
      /* Translators: the day and time of a broadcast in the episode list,
       * as the programme announced it in its own time zone: "27 Nov 2026,
       * 20:00". A g_date_time_format() format. */
      g_autofree char *day = g_date_time_format (air_date, C_("episode list", "%-d %b %Y, %H:%M"));
      g_string_append (text, day);
    }
  else
    {
      g_string_append (text, _("No air date"));
    }

  for (guint i = 0, n = g_list_model_get_n_items (guests); i < n; i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);

      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, efir_episode_guest_get_name (guest));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
efir_episode_row_status (EfirEpisodeStatus status)
{
  switch (status)
    {
    case EFIR_EPISODE_STATUS_DRAFT:
      return C_("episode status", "Draft");
    case EFIR_EPISODE_STATUS_READY:
      return C_("episode status", "Ready");
    case EFIR_EPISODE_STATUS_SCHEDULED:
      return C_("episode status", "Scheduled");
    case EFIR_EPISODE_STATUS_PUBLISHED:
      return C_("episode status", "Published");
    case EFIR_EPISODE_STATUS_FAILED:
      return C_("episode status", "Failed");
    default:
      return "";
    }
}

/* GtkWidget overrides */

/* The title wraps, so its height depends on the width it is given. */
static GtkSizeRequestMode
efir_episode_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
efir_episode_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (widget);
  int badge_minimum;
  int badge_natural;

  gtk_widget_measure (GTK_WIDGET (self->badge), orientation, -1, &badge_minimum, &badge_natural, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The list gives its rows their width; the texts are cut to fit. */
      *minimum = badge_minimum + COLUMN_SPACING;
      *natural = badge_natural + COLUMN_SPACING;
    }
  else
    {
      int title_height;
      int subtitle_height;

      efir_episode_row_lay_out (self, for_size, &title_height, &subtitle_height);
      *minimum = *natural = MAX (title_height, badge_natural) + ROW_SPACING + subtitle_height;
    }
}

static void
efir_episode_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (widget);
  GtkAllocation badge;
  int title_height;
  int subtitle_height;

  gtk_widget_measure (GTK_WIDGET (self->badge), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &badge.width, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->badge), GTK_ORIENTATION_VERTICAL, badge.width,
                      NULL, &badge.height, NULL, NULL);
  badge.x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? 0 : width - badge.width;
  badge.y = 0;
  gtk_widget_size_allocate (GTK_WIDGET (self->badge), &badge, -1);

  efir_episode_row_lay_out (self, width, &title_height, &subtitle_height);
}

static void
efir_episode_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (widget);
  GdkRGBA color;
  GdkRGBA dimmed;
  int title_height;
  int badge_width;
  int badge_height;
  float title_x = 0;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dimmed = color;
  dimmed.alpha *= SUBTITLE_ALPHA;

  badge_width = gtk_widget_get_width (GTK_WIDGET (self->badge));
  badge_height = gtk_widget_get_height (GTK_WIDGET (self->badge));
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    title_x = badge_width + COLUMN_SPACING;
  pango_layout_get_pixel_size (self->title, NULL, &title_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (title_x, 0));
  gtk_snapshot_append_layout (snapshot, self->title, &color);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX (title_height, badge_height) + ROW_SPACING));
  gtk_snapshot_append_layout (snapshot, self->subtitle, &dimmed);
  gtk_snapshot_restore (snapshot);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->badge), snapshot);
}

/* A new font (a change of the text scale, say) makes the layouts measure
 * again; a change of state (hover, selection) does not. */
static void
efir_episode_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (widget);
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  GTK_WIDGET_CLASS (efir_episode_row_parent_class)->css_changed (widget, change);

  if (self->font == NULL || font == NULL || !pango_font_description_equal (self->font, font))
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = font != NULL ? pango_font_description_copy (font) : NULL;
      pango_layout_context_changed (self->title);
      pango_layout_context_changed (self->subtitle);
      gtk_widget_queue_resize (widget);
    }
}

static void
efir_episode_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (widget);

  pango_layout_context_changed (self->title);
  pango_layout_context_changed (self->subtitle);
  gtk_widget_queue_resize (widget);
}

/* GObject overrides */

static void
efir_episode_row_dispose (GObject *object)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (object);

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  if (self->badge != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->badge));
  self->badge = NULL;

  G_OBJECT_CLASS (efir_episode_row_parent_class)->dispose (object);
}

static void
efir_episode_row_finalize (GObject *object)
{
  EfirEpisodeRow *self = EFIR_EPISODE_ROW (object);

  g_clear_object (&self->title);
  g_clear_object (&self->subtitle);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (efir_episode_row_parent_class)->finalize (object);
}

static void
efir_episode_row_class_init (EfirEpisodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = efir_episode_row_dispose;
  object_class->finalize = efir_episode_row_finalize;

  widget_class->get_request_mode = efir_episode_row_get_request_mode;
  widget_class->measure = efir_episode_row_measure;
  widget_class->size_allocate = efir_episode_row_size_allocate;
  widget_class->snapshot = efir_episode_row_snapshot;
  widget_class->css_changed = efir_episode_row_css_changed;
  widget_class->direction_changed = efir_episode_row_direction_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
efir_episode_row_init (EfirEpisodeRow *self)
{
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  self->title = efir_episode_row_make_layout (self, 1.0, TITLE_LINES);
  self->subtitle = efir_episode_row_make_layout (self, SUBTITLE_SCALE, 1);

  self->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "status-badge");
  gtk_widget_set_parent (GTK_WIDGET (self->badge), GTK_WIDGET (self));

  self->signals = g_signal_group_new (EFIR_TYPE_EPISODE);
  /* "changed" covers title, number, air date, status and guests alike. */
  g_signal_group_connect_swapped (self->signals, "changed", G_CALLBACK (on_episode_changed_cb), self);
}
