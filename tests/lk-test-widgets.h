/* lk-test-widgets.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finding widgets in a real window the way an artist sees them, for the display tests. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Mapped widgets of @type below @root (itself included); with @label_text, only labels whose
 * text contains it. */
guint      lk_test_count_widgets (GtkWidget  *root,
                                  GType       type,
                                  const char *label_text);

/* Iterates the main context until lk_test_count_widgets() reaches @wanted, or @seconds pass. */
gboolean   lk_test_wait_widgets  (GtkWidget  *root,
                                  GType       type,
                                  const char *label_text,
                                  guint       wanted,
                                  guint       seconds);

/* The first mapped widget of @type below @root (itself included) whose tooltip, button label
 * or preferences-row title is @name (any, when @name is NULL), or NULL. */
GtkWidget *lk_test_find_widget   (GtkWidget  *root,
                                  GType       type,
                                  const char *name);

/* The toplevel window of @type (the newest one), or NULL. */
GtkWidget *lk_test_find_toplevel (GType       type);

/* Saves what @widget shows as @dir/@name (PNG), rendered by its window's renderer, after
 * letting the main loop run 400 ms so transitions finish; says why in the test log when there
 * is nothing to render, or when @dir is NULL. */
void       lk_test_save_screenshot (GtkWidget  *widget,
                                    const char *dir,
                                    const char *name);

/* Starts a display test: g_test_init() (with isolated folders when @isolate_dirs), then GTK and
 * libadwaita. Exits 1 printing "usage: PROGRAM [GTest options] @usage" when fewer than
 * @n_args arguments follow the options, and 77 (skipped) when there is no display. */
void       lk_test_init_display    (int        *argc,
                                    char     ***argv,
                                    gboolean    isolate_dirs,
                                    int         n_args,
                                    const char *usage);

G_END_DECLS
