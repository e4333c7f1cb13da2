/* lk-server-banner.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-server-pool.h"

G_BEGIN_DECLS

#define LK_TYPE_SERVER_BANNER (lk_server_banner_get_type ())

G_DECLARE_FINAL_TYPE (LkServerBanner, lk_server_banner, LK, SERVER_BANNER, GtkWidget)

/**
 * lk_server_banner_get_pool:
 * @self: a #LkServerBanner
 *
 * Returns: (transfer none) (nullable): the ComfyUI servers the banner watches
 */
LkServerPool *lk_server_banner_get_pool       (LkServerBanner *self);

/**
 * lk_server_banner_set_pool:
 * @self: a #LkServerBanner
 * @pool: (nullable): the ComfyUI servers to watch
 *
 * The banner shows while no server of @pool is online (or none is configured), with a Retry
 * button that tries every offline server at once, and hides by itself when one comes back.
 */
void          lk_server_banner_set_pool       (LkServerBanner *self,
                                               LkServerPool   *pool);

/**
 * lk_server_banner_get_server_url:
 * @self: a #LkServerBanner
 *
 * Returns: (transfer none) (nullable): the server chosen for the next job, %NULL for any
 */
const char   *lk_server_banner_get_server_url (LkServerBanner *self);

/**
 * lk_server_banner_set_server_url:
 * @self: a #LkServerBanner
 * @server_url: (nullable): the server chosen for the next job, %NULL for any online server
 *
 * With a chosen server, the banner shows while that server is offline, even if others are
 * online; then it names the server and offers, besides Retry, a Use Automatic button that
 * sets this property back to %NULL. Bind it both ways to the Generate panel's
 * `server-url`, so that the button switches the panel to Automatic.
 */
void          lk_server_banner_set_server_url (LkServerBanner *self,
                                               const char     *server_url);

/**
 * lk_server_banner_get_message:
 * @self: a #LkServerBanner
 *
 * Returns: (transfer none) (nullable): what the banner says, %NULL while it is hidden
 */
const char   *lk_server_banner_get_message    (LkServerBanner *self);

G_END_DECLS
