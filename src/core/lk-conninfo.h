/* lk-conninfo.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * lk_conninfo_describe:
 * @conninfo: (nullable): a libpq connection string or URI; %NULL for Lorakeet's own database
 *
 * Says for the artist where a catalog is: "Lorakeet's own database", "db.studio:5432/anime",
 * "anime on the local socket", "service “studio”". libpq's PGHOST, PGPORT and PGDATABASE fill
 * in what @conninfo leaves out. Never shows a password.
 *
 * Returns: (transfer full): the description ("an invalid connection string" when libpq
 *   cannot parse it: the text itself is never echoed, it may hold a password)
 */
char     *lk_conninfo_describe (const char  *conninfo);

/**
 * lk_conninfo_check:
 * @conninfo: (nullable): a libpq connection string or URI; %NULL is valid (Lorakeet's own
 *   database)
 * @error: return location for a %G_IO_ERROR_INVALID_ARGUMENT error naming the problem
 *
 * Checks the syntax of @conninfo without connecting.
 *
 * Returns: %TRUE when libpq can parse @conninfo
 */
gboolean  lk_conninfo_check    (const char  *conninfo,
                                GError     **error);

G_END_DECLS
