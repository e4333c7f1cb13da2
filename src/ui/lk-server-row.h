/* lk-server-row.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_SERVER_ROW (lk_server_row_get_type ())

G_DECLARE_FINAL_TYPE (LkServerRow, lk_server_row, LK, SERVER_ROW, AdwActionRow)

/**
 * lk_server_row_new:
 * @url: a ComfyUI server address
 *
 * A row of the preferences' server list: the address, a Test button that asks the server's
 * `/system_stats` for its GPU and VRAM, and a Remove button that activates
 * `preferences.remove-server` with @url.
 *
 * Returns: (transfer full): a new #LkServerRow
 */
GtkWidget  *lk_server_row_new     (const char  *url);

/**
 * lk_server_row_get_url:
 * @self: a #LkServerRow
 *
 * Returns: (transfer none): the server address the row shows
 */
const char *lk_server_row_get_url (LkServerRow *self);

/**
 * lk_server_row_test:
 * @self: a #LkServerRow
 *
 * Connects to the server, off the main loop, and shows its GPU name and VRAM (total and
 * free), or what went wrong. A test already running is restarted.
 */
void        lk_server_row_test    (LkServerRow *self);

G_END_DECLS
