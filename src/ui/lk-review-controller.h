/* lk-review-controller.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog-session.h"
#include "lk-gallery-view.h"

G_BEGIN_DECLS

#define LK_TYPE_REVIEW_CONTROLLER (lk_review_controller_get_type ())
G_DECLARE_FINAL_TYPE (LkReviewController, lk_review_controller, LK, REVIEW_CONTROLLER, GObject)

/**
 * lk_review_controller_new:
 * @view: the gallery whose reviews are stored
 * @session: the session of the studio catalog
 *
 * Stores the reviews the artist makes in @view in the catalog of @session, keyed by the
 * file's SHA-256, while the catalog is connected; undo puts the review that was there before
 * back. Shows the stored review of every output the gallery shows, and lets the viewer check
 * frames against the catalog. Without a connected catalog the gallery only marks its outputs
 * and says so.
 *
 * Returns: (transfer full): a new controller
 */
LkReviewController *lk_review_controller_new (LkGalleryView    *view,
                                              LkCatalogSession *session);

G_END_DECLS
