/* lk-stack-page.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-stack-page.h"

void
lk_stack_show_page (GtkStack   *stack,
                    const char *name)
{
  g_autoptr(GListModel) pages = NULL;
  guint n;

  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (name != NULL);

  gtk_stack_set_visible_child_name (stack, name);

  pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
  n = g_list_model_get_n_items (pages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      gboolean hidden = g_strcmp0 (gtk_stack_page_get_name (page), name) != 0;

      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_stack_page_get_child (page)),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, hidden,
                                   -1);
    }
}
