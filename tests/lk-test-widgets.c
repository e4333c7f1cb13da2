/* lk-test-widgets.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lk-test-widgets.h"

static void
count_below (GtkWidget  *widget,
             GType       type,
             const char *label_text,
             guint      *count)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    {
      if (label_text == NULL)
        (*count)++;
      else if (GTK_IS_LABEL (widget)
               && strstr (gtk_label_get_text (GTK_LABEL (widget)), label_text) != NULL)
        (*count)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    count_below (child, type, label_text, count);
}

guint
lk_test_count_widgets (GtkWidget  *root,
                       GType       type,
                       const char *label_text)
{
  guint n = 0;

  count_below (root, type, label_text, &n);
  return n;
}

gboolean
lk_test_wait_widgets (GtkWidget  *root,
                      GType       type,
                      const char *label_text,
                      guint       wanted,
                      guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (lk_test_count_widgets (root, type, label_text) >= wanted)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return FALSE;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (name == NULL || g_strcmp0 (tooltip, name) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), name) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0)
    return TRUE;
  return FALSE;
}

GtkWidget *
lk_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root)
      && is_named (root, name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lk_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lk_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
    }
  return found;
}
