/* lk-gallery-view.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-catalog.h"
#include "lk-character.h"
#include "lk-output-item.h"
#include "lk-thumbnailer.h"

G_BEGIN_DECLS

/**
 * LkGalleryReviewFunc:
 * @item: the reviewed output
 * @verdict: its new verdict
 * @rating: its new rating, 1–5, or 0 for none
 * @note: (nullable): its review note
 * @output_id: the output's row in the catalog when the gallery knows it, else 0
 * @user_data: the data given with the handler
 *
 * Stores a review the artist just made (or undid) in the gallery, for instance in the
 * studio's catalog keyed by the file's content hash.
 */
typedef void (*LkGalleryReviewFunc) (LkOutputItem    *item,
                                     LkReviewVerdict  verdict,
                                     int              rating,
                                     const char      *note,
                                     gint64           output_id,
                                     gpointer         user_data);

#define LK_TYPE_GALLERY_VIEW (lk_gallery_view_get_type ())
G_DECLARE_FINAL_TYPE (LkGalleryView, lk_gallery_view, LK, GALLERY_VIEW, GtkWidget)

/**
 * lk_gallery_view_new:
 *
 * Creates the gallery: a grid of the outputs in #LkGalleryView:folder, newest first, and
 * a viewer for one of them.
 *
 * Returns: (transfer full): a new gallery view
 */
GtkWidget    *lk_gallery_view_new                (void);

/**
 * lk_gallery_view_get_folder:
 * @self: a gallery view
 *
 * Returns: (transfer none) (nullable): the output folder shown, or %NULL
 */
const char   *lk_gallery_view_get_folder         (LkGalleryView       *self);

/**
 * lk_gallery_view_set_folder:
 * @self: a gallery view
 * @folder: (nullable): ComfyUI's output folder; %NULL or "" shows the "No Output Folder"
 *   state
 *
 * Lists @folder (recursively, asynchronously) and keeps the grid live while ComfyUI writes.
 */
void          lk_gallery_view_set_folder         (LkGalleryView       *self,
                                                  const char          *folder);

/**
 * lk_gallery_view_get_thumbnail_size:
 * @self: a gallery view
 *
 * Returns: (transfer none): the freedesktop name of the thumbnail size ("large")
 */
const char   *lk_gallery_view_get_thumbnail_size (LkGalleryView       *self);

/**
 * lk_gallery_view_set_thumbnail_size:
 * @self: a gallery view
 * @size: a freedesktop size name: "normal", "large", "x-large" or "xx-large"
 *
 * Changes the thumbnail size of the tiles; an unknown name is ignored with a warning.
 */
void          lk_gallery_view_set_thumbnail_size (LkGalleryView       *self,
                                                  const char          *size);

/**
 * lk_gallery_view_get_model:
 * @self: a gallery view
 *
 * Returns: (transfer none): the outputs listed, after the view's filters
 */
GListModel   *lk_gallery_view_get_model          (LkGalleryView       *self);

/**
 * lk_gallery_view_open:
 * @self: a gallery view
 * @position: an item of lk_gallery_view_get_model()
 *
 * Shows the output at @position in the viewer.
 */
void          lk_gallery_view_open               (LkGalleryView       *self,
                                                  guint                position);

/**
 * lk_gallery_view_set_review_handler:
 * @self: a gallery view
 * @func: (nullable): called for every review made or undone
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets who stores the reviews. Without a handler the verdicts are only shown, and the
 * confirmation says they are not saved.
 */
void          lk_gallery_view_set_review_handler (LkGalleryView       *self,
                                                  LkGalleryReviewFunc  func,
                                                  gpointer             user_data,
                                                  GDestroyNotify       destroy);

/**
 * lk_gallery_view_set_review:
 * @self: a gallery view
 * @path: an output file
 * @verdict: its verdict
 * @rating: 1–5, or 0 for none
 * @note: (nullable): its review note
 * @reviewed_by: (nullable): who made the review
 * @reviewed_at: (nullable): when
 *
 * Shows a review known from elsewhere (the catalog, another artist) on the output's tile,
 * and with its author in the viewer, without calling the review handler.
 */
void          lk_gallery_view_set_review         (LkGalleryView       *self,
                                                  const char          *path,
                                                  LkReviewVerdict      verdict,
                                                  int                  rating,
                                                  const char          *note,
                                                  const char          *reviewed_by,
                                                  GDateTime           *reviewed_at);

/**
 * lk_gallery_view_set_catalog:
 * @self: a gallery view
 * @catalog: (nullable): the studio catalog, %NULL when none is connected
 *
 * Lets the viewer check the shown frame against @catalog and warn when it was made with a
 * LoRA that is not its character's own.
 */
void          lk_gallery_view_set_catalog        (LkGalleryView       *self,
                                                  LkCatalog           *catalog);

/**
 * lk_gallery_view_add_output:
 * @self: a gallery view
 * @path: an output file a job has just produced, inside #LkGalleryView:folder
 *
 * Shows @path at the top of the gallery at once, without waiting for the folder monitor
 * to notice it. A path outside the folder, or one already listed, is ignored.
 */
void          lk_gallery_view_add_output         (LkGalleryView       *self,
                                                  const char          *path);

/**
 * lk_gallery_view_get_character:
 * @self: a gallery view
 *
 * Returns: (transfer none) (nullable): the character the gallery's character filter
 *   follows, or %NULL
 */
LkCharacter  *lk_gallery_view_get_character      (LkGalleryView       *self);

/**
 * lk_gallery_view_set_character:
 * @self: a gallery view
 * @character: (nullable): the character selected in the sidebar, or %NULL
 *
 * Sets the character whose outputs the gallery shows, unless the artist turned on
 * "All Characters" in the filter bar. %NULL shows every output.
 */
void          lk_gallery_view_set_character      (LkGalleryView       *self,
                                                  LkCharacter         *character);

/**
 * lk_gallery_view_get_viewing:
 * @self: a #LkGalleryView
 *
 * Returns: whether the viewer is open rather than the grid
 */
gboolean      lk_gallery_view_get_viewing        (LkGalleryView       *self);

G_END_DECLS
