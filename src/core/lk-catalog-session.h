/* lk-catalog-session.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

/**
 * LkCatalogSessionState:
 * @LK_CATALOG_SESSION_STATE_CONNECTING: starting Lorakeet's own database or opening the
 *   catalog; nothing to show yet
 * @LK_CATALOG_SESSION_STATE_CONNECTED: the catalog is open and up to date
 * @LK_CATALOG_SESSION_STATE_READ_ONLY: the catalog is open but refuses changes (a newer
 *   schema, a standby server or a read-only account)
 * @LK_CATALOG_SESSION_STATE_OFFLINE: the catalog was open and lost its server; it shows its
 *   last known contents and reconnects by itself
 * @LK_CATALOG_SESSION_STATE_FAILED: the catalog could not be opened; see the `error`
 *   property and the `next-retry` property
 *
 * What the window tells the artist about the studio catalog.
 */
typedef enum
{
  LK_CATALOG_SESSION_STATE_CONNECTING,
  LK_CATALOG_SESSION_STATE_CONNECTED,
  LK_CATALOG_SESSION_STATE_READ_ONLY,
  LK_CATALOG_SESSION_STATE_OFFLINE,
  LK_CATALOG_SESSION_STATE_FAILED,
} LkCatalogSessionState;

#define LK_TYPE_CATALOG_SESSION_STATE (lk_catalog_session_state_get_type ())
GType lk_catalog_session_state_get_type (void) G_GNUC_CONST;

#define LK_TYPE_CATALOG_SESSION (lk_catalog_session_get_type ())

G_DECLARE_FINAL_TYPE (LkCatalogSession, lk_catalog_session, LK, CATALOG_SESSION, GObject)

/**
 * lk_catalog_session_new:
 * @conninfo: (nullable): a libpq connection string or URI of a studio catalog; %NULL or ""
 *   uses Lorakeet's own database (an #LkLocalServer started on demand)
 *
 * Creates a session and starts connecting at once: it starts or joins the local server when
 * needed, then opens the catalog with migrations. A first open that fails because the server
 * cannot be reached is tried again after 1, 2, 5, 10 and then every 30 seconds; an outage
 * of an open catalog is handled by the catalog itself (the state is then
 * %LK_CATALOG_SESSION_STATE_OFFLINE until it is back).
 *
 * Returns: (transfer full): a new #LkCatalogSession bound to the thread-default main context
 */
LkCatalogSession      *lk_catalog_session_new            (const char        *conninfo);

/**
 * lk_catalog_session_get_conninfo:
 * @self: a #LkCatalogSession
 *
 * Returns: (transfer none) (nullable): the configured connection string, %NULL for
 *   Lorakeet's own database
 */
const char            *lk_catalog_session_get_conninfo   (LkCatalogSession  *self);

/**
 * lk_catalog_session_set_conninfo:
 * @self: a #LkCatalogSession
 * @conninfo: (nullable): a connection string, %NULL or "" for Lorakeet's own database
 *
 * Switches to another catalog when @conninfo differs from the current one: the current
 * catalog is closed (and the local server left when it is no longer needed) and the new one
 * is opened as lk_catalog_session_new() describes.
 */
void                   lk_catalog_session_set_conninfo   (LkCatalogSession  *self,
                                                          const char        *conninfo);

/**
 * lk_catalog_session_get_embedded:
 * @self: a #LkCatalogSession
 *
 * Returns: whether the session uses Lorakeet's own database
 */
gboolean               lk_catalog_session_get_embedded   (LkCatalogSession  *self);

/**
 * lk_catalog_session_get_state:
 * @self: a #LkCatalogSession
 *
 * Returns: the session's state (the `state` property)
 */
LkCatalogSessionState  lk_catalog_session_get_state      (LkCatalogSession  *self);

/**
 * lk_catalog_session_get_catalog:
 * @self: a #LkCatalogSession
 *
 * The open catalog (the `catalog` property). It is set once the first open succeeds and
 * stays while the catalog is offline; it changes when the connection string changes or a
 * retry replaced an offline catalog.
 *
 * Returns: (transfer none) (nullable): the catalog, %NULL until one is open
 */
LkCatalog             *lk_catalog_session_get_catalog    (LkCatalogSession  *self);

/**
 * lk_catalog_session_get_error:
 * @self: a #LkCatalogSession
 *
 * Returns: (transfer none) (nullable): why the catalog cannot be used, written for the
 *   artist (the `error` property); %NULL while connecting or connected
 */
const GError          *lk_catalog_session_get_error      (LkCatalogSession  *self);

/**
 * lk_catalog_session_get_notice:
 * @self: a #LkCatalogSession
 *
 * Returns: (transfer none) (nullable): why the catalog is read-only (the `notice`
 *   property), %NULL when it is not
 */
const char            *lk_catalog_session_get_notice     (LkCatalogSession  *self);

/**
 * lk_catalog_session_get_description:
 * @self: a #LkCatalogSession
 *
 * Where the catalog is, for the artist: "Lorakeet's own database", "db.studio:5432/anime",
 * "anime on the local socket" (the `description` property).
 *
 * Returns: (transfer none): the description
 */
const char            *lk_catalog_session_get_description (LkCatalogSession *self);

/**
 * lk_catalog_session_get_next_retry:
 * @self: a #LkCatalogSession
 *
 * When the next automatic attempt to open the catalog is due (the `next-retry` property),
 * on the g_get_monotonic_time() clock, so that the UI can count down.
 *
 * Returns: the time in microseconds, 0 when no attempt is scheduled
 */
gint64                 lk_catalog_session_get_next_retry (LkCatalogSession  *self);

/**
 * lk_catalog_session_get_busy:
 * @self: a #LkCatalogSession
 *
 * Returns: whether an attempt to open a catalog is under way (the `busy` property): also
 *   while an offline or failed catalog is being tried again
 */
gboolean               lk_catalog_session_get_busy       (LkCatalogSession  *self);

/**
 * lk_catalog_session_retry:
 * @self: a #LkCatalogSession
 *
 * Tries to open the catalog now, when it failed or is offline. A scheduled automatic
 * attempt is replaced by this one. An offline catalog stays in place until the new one is
 * open. Does nothing while connecting or connected.
 */
void                   lk_catalog_session_retry          (LkCatalogSession  *self);

/**
 * lk_catalog_session_shutdown_async:
 * @self: a #LkCatalogSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Closes the catalog and leaves the local server (which stops when this was its last
 * client), off the main thread. The session stays closed afterwards.
 */
void                   lk_catalog_session_shutdown_async (LkCatalogSession  *self,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);

/**
 * lk_catalog_session_shutdown_finish:
 * @self: a #LkCatalogSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the local server (if any) was left cleanly
 */
gboolean               lk_catalog_session_shutdown_finish (LkCatalogSession *self,
                                                           GAsyncResult     *result,
                                                           GError          **error);

/**
 * lk_catalog_session_shutdown:
 * @self: a #LkCatalogSession
 *
 * Runs lk_catalog_session_shutdown_async() and iterates the thread-default main context
 * until it is done, so that windows still being drawn stay responsive. Meant for
 * application exit. Errors are logged.
 */
void                   lk_catalog_session_shutdown       (LkCatalogSession  *self);

G_END_DECLS
