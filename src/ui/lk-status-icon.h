/* lk-status-icon.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * LkStatus:
 * @LK_STATUS_NONE: nothing to show (not tested, or testing)
 * @LK_STATUS_OK: the test passed
 * @LK_STATUS_FAILED: the test failed
 *
 * The outcome a "Test" row shows next to its text.
 */
typedef enum
{
  LK_STATUS_NONE,
  LK_STATUS_OK,
  LK_STATUS_FAILED,
} LkStatus;

/**
 * lk_status_icon_show:
 * @icon: the row's status image
 * @status: the outcome to show
 *
 * Shows a green check or a red error sign, with an accessible name, or hides @icon. Only the
 * icon is coloured, so the row's buttons keep their look.
 */
void lk_status_icon_show (GtkImage *icon,
                          LkStatus  status);

G_END_DECLS
