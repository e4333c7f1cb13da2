/* lk-catalog-banner.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog-session.h"

G_BEGIN_DECLS

#define LK_TYPE_CATALOG_BANNER (lk_catalog_banner_get_type ())

G_DECLARE_FINAL_TYPE (LkCatalogBanner, lk_catalog_banner, LK, CATALOG_BANNER, GtkWidget)

/**
 * lk_catalog_banner_get_session:
 * @self: a #LkCatalogBanner
 *
 * Returns: (transfer none) (nullable): the session whose state the banner tells
 */
LkCatalogSession *lk_catalog_banner_get_session (LkCatalogBanner  *self);

/**
 * lk_catalog_banner_set_session:
 * @self: a #LkCatalogBanner
 * @session: (nullable): a #LkCatalogSession
 *
 * Shows a banner while the catalog is starting, offline, failed or read-only, with a Retry
 * button (the `catalog.retry` action) where trying again can help, and a countdown to the
 * next automatic attempt.
 */
void              lk_catalog_banner_set_session (LkCatalogBanner  *self,
                                                 LkCatalogSession *session);

/**
 * lk_catalog_banner_get_message:
 * @self: a #LkCatalogBanner
 *
 * Returns: (transfer none) (nullable): the text shown, %NULL while the banner is hidden
 */
const char       *lk_catalog_banner_get_message (LkCatalogBanner  *self);

G_END_DECLS
