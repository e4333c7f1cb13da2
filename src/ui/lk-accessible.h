/* lk-accessible.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * lk_accessible_name_unnamed_controls:
 * @root: a widget whose descendants are searched
 *
 * Names the controls GTK 4.8 builds inside its own widgets without an accessible name, so a
 * screen reader says more than "toggle button": the button inside each #GtkDropDown (which
 * takes the keyboard focus) gets the drop-down's name, and the button of an
 * #AdwPasswordEntryRow that shows or hides the text gets its tooltip ("Show Text"). Newer GTK names
 * them itself; this then changes nothing that is heard. Call it once the widgets are built.
 */
void lk_accessible_name_unnamed_controls (GtkWidget *root);

G_END_DECLS
