/* lk-catalog-error.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_CATALOG_ERROR (lk_catalog_error_quark ())

/**
 * LkCatalogError:
 * @LK_CATALOG_ERROR_UNREACHABLE: the database server cannot be reached, or the connection
 *   was lost
 * @LK_CATALOG_ERROR_SCHEMA_TOO_NEW: the catalog was migrated by a newer Lorakeet; it is
 *   opened read-only
 * @LK_CATALOG_ERROR_SCHEMA_OUTDATED: the catalog has not been migrated for this Lorakeet yet
 * @LK_CATALOG_ERROR_NOT_FOUND: no row matches (a character, a model…)
 * @LK_CATALOG_ERROR_AMBIGUOUS: a name matches several rows; the message lists them
 * @LK_CATALOG_ERROR_READ_ONLY: a change was asked of a read-only catalog
 * @LK_CATALOG_ERROR_INVALID_DATA: a row or a file holds something Lorakeet cannot use
 * @LK_CATALOG_ERROR_QUERY_FAILED: the server refused a request
 * @LK_CATALOG_ERROR_MIGRATION_FAILED: a migration could not be applied (nothing of it was)
 *
 * Errors of the studio catalog. Messages are written for the artist; libpq's own text is
 * included where it says what went wrong, and logged with g_debug().
 */
typedef enum
{
  LK_CATALOG_ERROR_UNREACHABLE,
  LK_CATALOG_ERROR_SCHEMA_TOO_NEW,
  LK_CATALOG_ERROR_SCHEMA_OUTDATED,
  LK_CATALOG_ERROR_NOT_FOUND,
  LK_CATALOG_ERROR_AMBIGUOUS,
  LK_CATALOG_ERROR_READ_ONLY,
  LK_CATALOG_ERROR_INVALID_DATA,
  LK_CATALOG_ERROR_QUERY_FAILED,
  LK_CATALOG_ERROR_MIGRATION_FAILED,
} LkCatalogError;

GQuark lk_catalog_error_quark (void);

G_END_DECLS
