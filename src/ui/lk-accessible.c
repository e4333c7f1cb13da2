/* lk-accessible.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lk-accessible.h"

/* The icon's tooltip says what a click does; its name follows it. */
static void
name_from_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
}

/* The show/hide button of a password row has an icon and a tooltip only. */
static void
name_password_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_get_tooltip_text (child) != NULL)
        {
          name_from_tooltip (child);
          g_signal_connect (child, "notify::tooltip-text", G_CALLBACK (name_from_tooltip), NULL);
          continue;
        }
      name_password_buttons (child);
    }
}

void
lk_accessible_name_unnamed_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child))
        {
          GtkWidget *button = gtk_widget_get_first_child (child);

          /* the button takes its name from the drop-down, whose label the .ui sets */
          if (GTK_IS_TOGGLE_BUTTON (button))
            gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL,
                                            -1);
          continue;
        }

      if (ADW_IS_PASSWORD_ENTRY_ROW (child))
        {
          name_password_buttons (child);
          continue;
        }

      lk_accessible_name_unnamed_controls (child);
    }
}
