/* lk-migrator.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define LK_TYPE_MIGRATOR (lk_migrator_get_type ())

G_DECLARE_FINAL_TYPE (LkMigrator, lk_migrator, LK, MIGRATOR, GObject)

/**
 * lk_migrator_new:
 * @sql_dir: (nullable): the folder of `NNNN-description.sql` files; %NULL for
 *   lk_paths_dup_sql_dir()
 *
 * Returns: (transfer full): a new migrator; call lk_migrator_load() before using it.
 */
LkMigrator *lk_migrator_new                (const char           *sql_dir);

/**
 * lk_migrator_load:
 * @self: a #LkMigrator
 * @error: return location for a #GError
 *
 * Reads the migration files (small, so this is fine on any thread). Versions must be unique.
 *
 * Returns: %TRUE when every file was read.
 */
gboolean    lk_migrator_load               (LkMigrator           *self,
                                            GError              **error);

/**
 * lk_migrator_get_latest_version:
 * @self: a loaded #LkMigrator
 *
 * Returns: the highest version this Lorakeet knows, 0 when there are no files.
 */
int         lk_migrator_get_latest_version (LkMigrator           *self);

/**
 * lk_migrator_get_schema_version_sync:
 * @self: a loaded #LkMigrator
 * @conn: a connection
 * @pending: (out) (optional) (transfer full): the names of the migrations not applied yet
 * @error: return location for a #GError
 *
 * Reads `schema_migrations`. Blocking: call it from a worker thread.
 *
 * Returns: the highest applied version (0 for a database Lorakeet never migrated), or -1
 *   with @error set.
 */
int         lk_migrator_get_schema_version_sync (LkMigrator      *self,
                                                 PGconn          *conn,
                                                 char          ***pending,
                                                 GError         **error);

/**
 * lk_migrator_migrate_sync:
 * @self: a loaded #LkMigrator
 * @conn: a connection, idle and outside any transaction
 * @applied: (out) (optional) (transfer full): the names of the migrations applied now
 * @cancellable: (nullable): checked between migrations
 * @error: return location for a #GError
 *
 * Applies the pending migrations in order, each in its own transaction and recorded in
 * `schema_migrations` (created when missing). Concurrent migrators wait for each other on
 * an advisory lock, so each migration runs exactly once. A database holding versions newer
 * than this Lorakeet's gives %LK_CATALOG_ERROR_SCHEMA_TOO_NEW and is left untouched.
 * Blocking: call it from a worker thread.
 *
 * Returns: %TRUE when the database is up to date.
 */
gboolean    lk_migrator_migrate_sync       (LkMigrator           *self,
                                            PGconn               *conn,
                                            char               ***applied,
                                            GCancellable         *cancellable,
                                            GError              **error);

/**
 * lk_migrator_migrate_async:
 * @self: a loaded #LkMigrator
 * @conninfo: (nullable): the libpq connection string
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Connects and runs lk_migrator_migrate_sync() in a worker thread.
 */
void        lk_migrator_migrate_async      (LkMigrator           *self,
                                            const char           *conninfo,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);

/**
 * lk_migrator_migrate_finish:
 * @self: a #LkMigrator
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the names of the migrations applied (possibly
 *   none), or %NULL with @error set.
 */
char      **lk_migrator_migrate_finish     (LkMigrator           *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
