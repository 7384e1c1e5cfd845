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

/* What GtkCalendar wrote with strftime() under LC_TIME: the label whose
 * text is @format of one of @n days is renamed. */
static gboolean
rename_label (GtkLabel           *label,
              const char         *format,
              guint               n,
              const char         *context,
              const char * const *names)
{
  const char *text = gtk_label_get_label (label);

  for (guint i = 0; i < n; i++)
    {
      struct tm tm = { .tm_year = 124, .tm_mday = 1 };
      char buffer[128] = "";
      g_autofree char *written = NULL;

      /* 1 January 2024 was a Monday; day i of the week is 7 January + i. */
      if (g_str_equal (format, "%a"))
        {
          tm.tm_mday = 7 + i;
          tm.tm_wday = i;
        }
      else
        tm.tm_mon = i;
      /* Literal formats, for the compiler to check. */
      if ((g_str_equal (format, "%a") ? strftime (buffer, sizeof buffer, "%a", &tm)
           : g_str_equal (format, "%B") ? strftime (buffer, sizeof buffer, "%B", &tm)
           : strftime (buffer, sizeof buffer, "%OB", &tm)) == 0)
        continue;
      written = g_locale_to_utf8 (buffer, -1, NULL, NULL, NULL);
      if (written != NULL && g_strcmp0 (text, written) == 0)
        {
          gtk_label_set_label (label, g_dpgettext2 (GETTEXT_PACKAGE, context, names[i]));
          return TRUE;
        }
    }
  return FALSE;
}

static void
rename_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          GtkLabel *label = GTK_LABEL (child);

          /* GTK 4.8 heads the page with the alternative (nominative) month
           * name where the C library has one, and with %B otherwise. */
          if (!rename_label (label, "%OB", G_N_ELEMENTS (month_names), "month standalone", month_names)
              && !rename_label (label, "%B", G_N_ELEMENTS (month_names), "month standalone", month_names))
            rename_label (label, "%a", G_N_ELEMENTS (weekday_names), "short day name", weekday_names);
        }
      rename_labels (child);
    }
}

void
efir_calendar_names_apply (GtkCalendar *calendar)
{
  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  rename_labels (GTK_WIDGET (calendar));
}
