/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-calendar-names"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "efir-calendar-names.h"

/* A month's name as a calendar heads its page: "October", "Октябрь". */
static const char * const month_names[] = {
  NC_("month standalone", "January"), NC_("month standalone", "February"),
  NC_("month standalone", "March"), NC_("month standalone", "April"),
  NC_("month standalone", "May"), NC_("month standalone", "June"),
  NC_("month standalone", "July"), NC_("month standalone", "August"),
  NC_("month standalone", "September"), NC_("month standalone", "October"),
  NC_("month standalone", "November"), NC_("month standalone", "December"),
};

/* Sunday first, as struct tm counts. The context is the one the editor's
 * dates already use. */
static const char * const weekday_names[] = {
  NC_("short day name", "Sun"), NC_("short day name", "Mon"), NC_("short day name", "Tue"),
  NC_("short day name", "Wed"), NC_("short day name", "Thu"), NC_("short day name", "Fri"),
  NC_("short day name", "Sat"),
};

/* Maps what @format writes under LC_TIME for each of @n months or days to
 * its name in @context. Written with literal formats, for the compiler to
 * check them. */
static void
add_names (GHashTable         *names_by_text,
           char                format,
           guint               n,
           const char         *context,
           const char * const *names)
{
  for (guint i = 0; i < n; i++)
    {
      /* 1 January 2024 was a Monday; day i of the week is 7 January + i. */
      struct tm tm = { .tm_year = 124, .tm_mon = format == 'a' ? 0 : (int) i,
                       .tm_mday = format == 'a' ? 7 + (int) i : 1, .tm_wday = format == 'a' ? (int) i : 0 };
      char buffer[128] = "";
      size_t length = format == 'a' ? strftime (buffer, sizeof buffer, "%a", &tm)
                      : format == 'B' ? strftime (buffer, sizeof buffer, "%B", &tm)
                      : strftime (buffer, sizeof buffer, "%OB", &tm);
      char *written = length > 0 ? g_locale_to_utf8 (buffer, -1, NULL, NULL, NULL) : NULL;

      if (written != NULL)
        g_hash_table_insert (names_by_text, written,
                             (gpointer) g_dpgettext2 (GETTEXT_PACKAGE, context, names[i]));
    }
}

static void
rename_labels (GtkWidget  *widget,
               GHashTable *names_by_text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name;

      if (GTK_IS_LABEL (child)
          && (name = g_hash_table_lookup (names_by_text, gtk_label_get_label (GTK_LABEL (child)))) != NULL)
        gtk_label_set_label (GTK_LABEL (child), name);
      rename_labels (child, names_by_text);
    }
}

void
efir_calendar_names_apply (GtkCalendar *calendar)
{
  g_autoptr(GHashTable) names_by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  /* GTK 4.8 heads the page with the alternative (nominative) month name
   * where the C library has one ("O" format), and with %B otherwise; the
   * days are %a. */
  add_names (names_by_text, 'a', G_N_ELEMENTS (weekday_names), "short day name", weekday_names);
  add_names (names_by_text, 'B', G_N_ELEMENTS (month_names), "month standalone", month_names);
  add_names (names_by_text, 'O', G_N_ELEMENTS (month_names), "month standalone", month_names);
  rename_labels (GTK_WIDGET (calendar), names_by_text);
}
