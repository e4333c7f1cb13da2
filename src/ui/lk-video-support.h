/* lk-video-support.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * lk_video_support_dup_problem:
 * @display: the display the video would be shown on
 *
 * Tells whether #GtkVideo can show pictures on @display. When GL is available, GTK's
 * GStreamer backend wraps its sink in GStreamer's `glsinkbin`; if that plugin is not
 * installed, the clip plays into nowhere and stays black without any error. The answer is
 * worked out once per display.
 *
 * Returns: (transfer full) (nullable): a sentence naming what is missing and how to
 *   install it, or %NULL if videos can be shown
 */
char *lk_video_support_dup_problem (GdkDisplay *display);

G_END_DECLS
