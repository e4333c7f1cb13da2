/* lk-gallery-tile.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-catalog.h"
#include "lk-output-item.h"
#include "lk-thumbnailer.h"

G_BEGIN_DECLS

#define LK_TYPE_GALLERY_TILE (lk_gallery_tile_get_type ())
G_DECLARE_FINAL_TYPE (LkGalleryTile, lk_gallery_tile, LK, GALLERY_TILE, GtkWidget)

/**
 * lk_gallery_tile_new:
 * @thumbnailer: the thumbnailer that fills the tile
 * @size: the thumbnail size to ask for
 *
 * Creates an empty tile for the gallery grid. Nothing is decoded until an item is set.
 *
 * Returns: (transfer full): a new tile
 */
GtkWidget    *lk_gallery_tile_new         (LkThumbnailer   *thumbnailer,
                                           LkThumbnailSize  size);

/**
 * lk_gallery_tile_set_item:
 * @self: a tile
 * @item: (nullable): the output to show, or %NULL when the tile is unbound
 *
 * Shows @item: at once when its thumbnail is in memory, otherwise after an asynchronous
 * load that the tile owns. Setting another item (or %NULL) cancels a load in flight.
 */
void          lk_gallery_tile_set_item    (LkGalleryTile   *self,
                                           LkOutputItem    *item);

/**
 * lk_gallery_tile_get_item:
 * @self: a tile
 *
 * Returns: (transfer none) (nullable): the output shown
 */
LkOutputItem *lk_gallery_tile_get_item    (LkGalleryTile   *self);

/**
 * lk_gallery_tile_set_size:
 * @self: a tile
 * @size: the thumbnail size
 *
 * Changes the thumbnail size; the current item is loaded again at the new size.
 */
void          lk_gallery_tile_set_size    (LkGalleryTile   *self,
                                           LkThumbnailSize  size);

/**
 * lk_gallery_tile_set_review:
 * @self: a tile
 * @verdict: the verdict to mark the tile with
 * @rating: 1–5, or 0 for none
 *
 * Shows the review of the tile's output as a badge.
 */
void          lk_gallery_tile_set_review  (LkGalleryTile   *self,
                                           LkReviewVerdict  verdict,
                                           int              rating);

/**
 * lk_gallery_tile_get_broken_reason:
 * @self: a tile
 *
 * Returns: (transfer none) (nullable): why the output cannot be shown, or %NULL
 */
const char   *lk_gallery_tile_get_broken_reason (LkGalleryTile *self);

/**
 * lk_gallery_format_duration:
 * @usec: a clip length in microseconds
 *
 * Returns: (transfer full): the length as a badge shows it ("0:04", "1:02:03")
 */
char         *lk_gallery_format_duration  (gint64           usec);

G_END_DECLS
