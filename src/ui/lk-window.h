/* lk-window.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-application.h"

G_BEGIN_DECLS

#define LK_TYPE_WINDOW (lk_window_get_type ())

G_DECLARE_FINAL_TYPE (LkWindow, lk_window, LK, WINDOW, AdwApplicationWindow)

/**
 * lk_window_new:
 * @application: the #LkApplication
 *
 * Creates a main window: the characters sidebar, the inspector and the gallery. Its size and
 * maximized state are remembered in GSettings.
 *
 * Returns: (transfer full): a new #LkWindow
 */
LkWindow *lk_window_new (LkApplication *application);

G_END_DECLS
