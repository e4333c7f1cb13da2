/* lk-stack-page.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * lk_stack_show_page:
 * @stack: a #GtkStack
 * @name: the name of the page to show
 *
 * Shows the page @name and hides the other pages from assistive technologies too: GTK 4.8
 * keeps every page of a stack in the accessibility tree, so a screen reader (or a test)
 * would otherwise find the text of pages nobody sees.
 */
void lk_stack_show_page (GtkStack   *stack,
                         const char *name);

G_END_DECLS
