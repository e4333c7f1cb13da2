/* lk-viewer.h
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
 * LK_VIEWER_MAX_PIXELS:
 *
 * The largest image the viewer decodes, in pixels. A bigger one (a decompression bomb, or a
 * 30000×30000 render) is refused with a reason instead of exhausting memory.
 */
#define LK_VIEWER_MAX_PIXELS (120 * 1000 * 1000)

#define LK_TYPE_VIEWER (lk_viewer_get_type ())
G_DECLARE_FINAL_TYPE (LkViewer, lk_viewer, LK, VIEWER, GtkWidget)

/**
 * lk_viewer_new:
 *
 * Creates a viewer showing nothing, for one output of a gallery at a time.
 *
 * Returns: (transfer floating): a new #LkViewer
 */
GtkWidget    *lk_viewer_new             (void);

/**
 * lk_viewer_set_thumbnailer:
 * @self: a viewer
 * @thumbnailer: (nullable): where to find the thumbnail shown while the full image loads
 */
void          lk_viewer_set_thumbnailer (LkViewer        *self,
                                         LkThumbnailer   *thumbnailer);

/**
 * lk_viewer_set_item:
 * @self: a viewer
 * @item: (nullable): the output to show, or %NULL to stop showing (and playing) anything
 *
 * Shows @item: an image fitted to the view, or a clip playing in a loop. The full image is
 * decoded in a worker thread; switching items cancels a decode in flight.
 */
void          lk_viewer_set_item        (LkViewer        *self,
                                         LkOutputItem    *item);

/**
 * lk_viewer_get_item:
 * @self: a viewer
 *
 * Returns: (transfer none) (nullable): the output shown
 */
LkOutputItem *lk_viewer_get_item        (LkViewer        *self);

/**
 * lk_viewer_set_position:
 * @self: a viewer
 * @position: the zero-based place of the output among those listed
 * @n_items: how many outputs are listed
 *
 * Updates the "3 of 40" counter.
 */
void          lk_viewer_set_position    (LkViewer        *self,
                                         guint            position,
                                         guint            n_items);

/**
 * lk_viewer_set_catalog:
 * @self: a viewer
 * @catalog: (nullable): the studio catalog, or %NULL when none is connected
 *
 * Lets the viewer ask @catalog which character the shown frame is filed under, warn when
 * the frame was made with a LoRA that is not that character's own, show the frame's stored
 * consistency score and add the frame to the character's reference images.
 */
void          lk_viewer_set_catalog     (LkViewer        *self,
                                         LkCatalog       *catalog);

/**
 * lk_viewer_set_review:
 * @self: a viewer
 * @verdict: the output's verdict
 * @rating: 1–5, or 0 for none
 * @reviewed_by: (nullable): who made the review, as the catalog records it
 * @reviewed_at: (nullable): when
 *
 * Shows the review of the output in the viewer's header, and who made it and when in the
 * side panel's Review group: reviews are shared by the studio's artists.
 */
void          lk_viewer_set_review      (LkViewer        *self,
                                         LkReviewVerdict  verdict,
                                         int              rating,
                                         const char      *reviewed_by,
                                         GDateTime       *reviewed_at);

/**
 * lk_viewer_set_character:
 * @self: a viewer
 * @character: (nullable): the character selected in the sidebar
 *
 * The character "Compare with Reference", the consistency score and "Use as Reference
 * Image" use for frames the catalog does not know; a recorded frame goes with its own
 * character.
 */
void          lk_viewer_set_character   (LkViewer        *self,
                                         LkCharacter     *character);

/**
 * lk_viewer_set_note:
 * @self: a viewer
 * @note: (nullable): the review note of the shown output
 *
 * Shows the stored review note of the shown output in the note field, without emitting
 * #LkViewer::note-changed.
 */
void          lk_viewer_set_note        (LkViewer        *self,
                                         const char      *note);

/**
 * lk_viewer_get_note:
 * @self: a viewer
 *
 * Returns: (transfer none) (nullable): the note last shown or applied, or %NULL
 */
const char   *lk_viewer_get_note        (LkViewer        *self);

/**
 * lk_viewer_get_zoom:
 * @self: a viewer
 *
 * Returns: the image's scale (1.0 is one image pixel per screen pixel), or 0 when the
 *   image is fitted to the view
 */
double        lk_viewer_get_zoom        (LkViewer        *self);

/**
 * lk_viewer_set_zoom:
 * @self: a viewer
 * @zoom: the scale, or 0 to fit the image to the view
 */
void          lk_viewer_set_zoom        (LkViewer        *self,
                                         double           zoom);

G_END_DECLS
