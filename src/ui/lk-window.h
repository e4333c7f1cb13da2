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
 * Creates a main window: the characters sidebar, the inspector with the Generate panel under
 * it, the gallery with the job queue under it, and the catalog's and the ComfyUI servers'
 * banners. Its size and maximized state are remembered in GSettings.
 *
 * Window actions: `win.generate` (Ctrl+Return) and `win.generate-again` (a string: the
 * absolute path of a frame whose settings fill the Generate panel; the frame's character, when
 * the catalog knows it, is selected in the sidebar first).
 *
 * A finished job shows a toast; while the window is not active it also sends a desktop
 * notification naming the character and the result, whose default action
 * (`app.present-window`) brings the window back. Those notifications are withdrawn once the
 * window is active again.
 *
 * Returns: (transfer full): a new #LkWindow
 */
LkWindow *lk_window_new (LkApplication *application);

G_END_DECLS
