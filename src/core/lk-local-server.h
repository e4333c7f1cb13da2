/* lk-local-server.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_LOCAL_SERVER_ERROR (lk_local_server_error_quark ())

/**
 * LkLocalServerError:
 * @LK_LOCAL_SERVER_ERROR_NO_PROGRAMS: PostgreSQL's server programs are not installed
 * @LK_LOCAL_SERVER_ERROR_ROOT: running as root, which PostgreSQL refuses
 * @LK_LOCAL_SERVER_ERROR_FAILED: initdb, pg_ctl or the first setup failed; the message
 *   includes their output and the log file
 *
 * Errors of the embedded database.
 */
typedef enum
{
  LK_LOCAL_SERVER_ERROR_NO_PROGRAMS,
  LK_LOCAL_SERVER_ERROR_ROOT,
  LK_LOCAL_SERVER_ERROR_FAILED,
} LkLocalServerError;

GQuark lk_local_server_error_quark (void);

#define LK_TYPE_LOCAL_SERVER (lk_local_server_get_type ())

G_DECLARE_FINAL_TYPE (LkLocalServer, lk_local_server, LK, LOCAL_SERVER, GObject)

/**
 * lk_local_server_new:
 * @bindir: (nullable): the folder of initdb, pg_ctl and postgres; %NULL finds them
 *   (`pg_config --bindir`, then the highest `/usr/lib/postgresql/N/bin`, then `PATH`)
 *
 * The private PostgreSQL server Lorakeet runs when no catalog connection is configured:
 * data in `lk_paths_dup_data_dir()/postgres`, a Unix socket in `lk_paths_dup_runtime_dir()`
 * (mode 0700), no TCP. Every Lorakeet process of the user shares one running server; the
 * last one to stop it really stops it.
 *
 * Returns: (transfer full): a new #LkLocalServer
 */
LkLocalServer *lk_local_server_new          (const char           *bindir);

/**
 * lk_local_server_find_bindir:
 * @bindir: (nullable): a folder to use instead of searching
 * @error: return location for a %LK_LOCAL_SERVER_ERROR_NO_PROGRAMS error
 *
 * Finds PostgreSQL's server programs. Blocking (runs `pg_config`).
 *
 * Returns: (transfer full) (nullable): the folder holding initdb, pg_ctl and postgres
 */
char          *lk_local_server_find_bindir  (const char           *bindir,
                                             GError              **error);

/**
 * lk_local_server_start_async:
 * @self: a #LkLocalServer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server accepts connections
 * @user_data: data for @callback
 *
 * Starts the server, or joins the one another Lorakeet process already runs. On the very
 * first start this creates the database cluster, the catalog schema and the demo studio.
 */
void           lk_local_server_start_async  (LkLocalServer        *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/**
 * lk_local_server_start_finish:
 * @self: a #LkLocalServer
 * @result: the result given to the callback
 * @error: return location for a #GError (%LK_LOCAL_SERVER_ERROR, or
 *   %LK_CATALOG_ERROR when the first setup of the catalog failed)
 *
 * Returns: %TRUE when the server runs; lk_local_server_get_conninfo() then connects to it
 */
gboolean       lk_local_server_start_finish (LkLocalServer        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/**
 * lk_local_server_stop_sync:
 * @self: a #LkLocalServer
 * @error: return location for a #GError
 *
 * Leaves the server; when no other Lorakeet process uses it, stops it cleanly (fast
 * shutdown, waiting for it). Blocking for up to a few seconds: meant for application exit.
 *
 * Returns: %TRUE on success
 */
gboolean       lk_local_server_stop_sync    (LkLocalServer        *self,
                                             GError              **error);

/**
 * lk_local_server_stop_async:
 * @self: a #LkLocalServer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has been left (and stopped, if this was the last user)
 * @user_data: data for @callback
 *
 * Runs lk_local_server_stop_sync() in a thread, so the main loop goes on while pg_ctl waits.
 */
void           lk_local_server_stop_async   (LkLocalServer        *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);

/**
 * lk_local_server_stop_finish:
 * @self: a #LkLocalServer
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean       lk_local_server_stop_finish  (LkLocalServer        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/**
 * lk_local_server_get_conninfo:
 * @self: a started #LkLocalServer
 *
 * Returns: (transfer none) (nullable): the libpq connection string of the catalog database
 */
const char    *lk_local_server_get_conninfo (LkLocalServer        *self);

/**
 * lk_local_server_get_created:
 * @self: a started #LkLocalServer
 *
 * Returns: whether this start created the database (first start)
 */
gboolean       lk_local_server_get_created  (LkLocalServer        *self);

/**
 * lk_local_server_get_reused:
 * @self: a started #LkLocalServer
 *
 * Returns: whether the server was already running (started by another process)
 */
gboolean       lk_local_server_get_reused   (LkLocalServer        *self);

/**
 * lk_local_server_get_stopped:
 * @self: a #LkLocalServer
 *
 * Returns: whether lk_local_server_stop_sync() really stopped the server (it was the last
 *   client)
 */
gboolean       lk_local_server_get_stopped  (LkLocalServer        *self);

/**
 * lk_local_server_get_data_dir:
 * @self: a #LkLocalServer
 *
 * Returns: (transfer none): the cluster's data folder
 */
const char    *lk_local_server_get_data_dir (LkLocalServer        *self);

G_END_DECLS
