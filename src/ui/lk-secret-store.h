/* lk-secret-store.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The studio catalog's password lives in the desktop keyring (the Secret Service), keyed by
 * the connection string it belongs to. The connection string kept in GSettings never holds
 * it: the application adds it when it opens the catalog. */

/**
 * lk_secret_store_split_password:
 * @conninfo: (nullable): a libpq connection string or URI, as the artist typed it
 * @password: (out) (transfer full) (optional) (nullable): the password it held, or %NULL
 *
 * Takes a password out of @conninfo so that the rest can be kept in GSettings.
 *
 * Returns: (transfer full) (nullable): @conninfo without its password (@conninfo itself,
 *   copied, when it held none or libpq cannot parse it)
 */
char     *lk_secret_store_split_password          (const char           *conninfo,
                                                   char                **password);

/**
 * lk_secret_store_add_password:
 * @conninfo: (nullable): a libpq connection string or URI without a password
 * @password: (nullable): the password to add
 *
 * Returns: (transfer full) (nullable): a connection string for libpq with @password in it;
 *   @conninfo copied when @password is %NULL or empty, or @conninfo cannot be parsed
 */
char     *lk_secret_store_add_password            (const char           *conninfo,
                                                   const char           *password);

/**
 * lk_secret_store_lookup_password_async:
 * @conninfo: the connection string the password belongs to (without it)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the password
 * @user_data: data for @callback
 *
 * Looks the catalog's password up in the keyring, off the main thread.
 */
void      lk_secret_store_lookup_password_async   (const char           *conninfo,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);

/**
 * lk_secret_store_lookup_password_finish:
 * @result: the result
 * @error: return location for a #GError (the keyring's, when it cannot be reached)
 *
 * Returns: (transfer full) (nullable): the password, or %NULL when none is stored (without an
 *   error) or the keyring failed (with @error set)
 */
char     *lk_secret_store_lookup_password_finish  (GAsyncResult         *result,
                                                   GError              **error);

/**
 * lk_secret_store_store_password_async:
 * @conninfo: the connection string the password belongs to (without it)
 * @password: (nullable): the password; %NULL or empty removes the stored one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring has it
 * @user_data: data for @callback
 *
 * Saves (or forgets) the catalog's password in the keyring.
 */
void      lk_secret_store_store_password_async    (const char           *conninfo,
                                                   const char           *password,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);

/**
 * lk_secret_store_store_password_finish:
 * @result: the result
 * @error: return location for a #GError whose message says the keyring could not be used
 *
 * Returns: %TRUE when the keyring holds the new password (or none, when asked to forget)
 */
gboolean  lk_secret_store_store_password_finish   (GAsyncResult         *result,
                                                   GError              **error);

/**
 * lk_secret_store_complete_conninfo_async:
 * @conninfo: (nullable): the connection string from GSettings; %NULL or empty for
 *   Lorakeet's own database
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the connection string to open
 * @user_data: data for @callback
 *
 * What the application calls before it opens the catalog: @conninfo with the keyring's
 * password added. A keyring that is missing or locked is not an error: libpq's own ways
 * (`~/.pgpass`, `PGPASSWORD`, service files) still apply.
 */
void      lk_secret_store_complete_conninfo_async (const char           *conninfo,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);

/**
 * lk_secret_store_complete_conninfo_finish:
 * @result: the result
 *
 * Returns: (transfer full) (nullable): the connection string to open (%NULL when the catalog
 *   is Lorakeet's own)
 */
char     *lk_secret_store_complete_conninfo_finish (GAsyncResult        *result);

G_END_DECLS
