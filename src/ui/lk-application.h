/* lk-application.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog-session.h"
#include "lk-generator.h"
#include "lk-server-pool.h"
#include "lk-thumbnailer.h"

G_BEGIN_DECLS

#define LK_TYPE_APPLICATION (lk_application_get_type ())

G_DECLARE_FINAL_TYPE (LkApplication, lk_application, LK, APPLICATION, AdwApplication)

/**
 * lk_application_new:
 *
 * Creates the application. When no D-Bus session bus can be reached the application runs
 * non-unique instead of failing to register, so Lorakeet still starts in bare sessions.
 *
 * Returns: (transfer full): a new #LkApplication
 */
LkApplication *lk_application_new          (void);

/**
 * lk_application_get_settings:
 * @self: a #LkApplication
 *
 * Returns: (transfer none): the application's #GSettings
 */
GSettings     *lk_application_get_settings (LkApplication *self);

/**
 * lk_application_get_session:
 * @self: a #LkApplication
 *
 * The connection to the studio catalog, shared by every window. It is created at startup
 * from, in this order, the `--db` option, the `LORAKEET_DB` variable or the
 * `database-conninfo` preference (followed while running), else Lorakeet's own database.
 *
 * Returns: (transfer none): the session, %NULL before startup
 */
LkCatalogSession *lk_application_get_session (LkApplication *self);

/**
 * lk_application_get_server_pool:
 * @self: a #LkApplication
 *
 * The ComfyUI servers of the `comfyui-servers` preference (or the `LORAKEET_COMFYUI`
 * variable, a comma-separated list, which wins), kept in sync when the preference changes.
 *
 * Returns: (transfer none): the servers, %NULL before startup
 */
LkServerPool     *lk_application_get_server_pool (LkApplication *self);

/**
 * lk_application_get_generator:
 * @self: a #LkApplication
 *
 * The generation flow shared by every window, on the session's catalog and the server pool.
 * It is replaced when the session's catalog changes (#LkApplication:generator is notified)
 * and configured from the output folder and output name pattern preferences.
 *
 * Returns: (transfer none) (nullable): the generator, %NULL while no catalog is open
 */
LkGenerator      *lk_application_get_generator   (LkApplication *self);

/**
 * lk_application_get_thumbnailer:
 * @self: a #LkApplication
 *
 * The thumbnailer shared by every widget that shows thumbnails (the gallery, the characters'
 * pictures), made on first use: one pool of decoding threads for the machine's cores and one
 * bound on the thumbnails kept in memory.
 *
 * Returns: (transfer none): the thumbnailer
 */
LkThumbnailer    *lk_application_get_thumbnailer (LkApplication *self);

/**
 * lk_application_dup_default_thumbnailer:
 *
 * The thumbnailer of the running #LkApplication (lk_application_get_thumbnailer()), for
 * widgets that have no other way to reach it. A program that does not run an
 * #LkApplication (a test building one widget) gets a new thumbnailer of its own.
 *
 * Returns: (transfer full): a thumbnailer
 */
LkThumbnailer    *lk_application_dup_default_thumbnailer (void);

G_END_DECLS
