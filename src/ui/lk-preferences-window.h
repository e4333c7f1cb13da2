/* lk-preferences-window.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_PREFERENCES_WINDOW (lk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LkPreferencesWindow, lk_preferences_window, LK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/**
 * lk_preferences_window_new:
 * @settings: the application's #GSettings
 *
 * Creates the preferences window. Every row is bound to @settings, so a change takes effect
 * (and is saved) as it is made.
 *
 * Returns: (transfer full): a new #LkPreferencesWindow
 */
LkPreferencesWindow *lk_preferences_window_new (GSettings *settings);

G_END_DECLS
