/* lk-viewer-compare.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

#define LK_TYPE_VIEWER_COMPARE (lk_viewer_compare_get_type ())
G_DECLARE_FINAL_TYPE (LkViewerCompare, lk_viewer_compare, LK, VIEWER_COMPARE, GtkWidget)

/**
 * lk_viewer_compare_set_catalog:
 * @self: a compare pane
 * @catalog: (nullable): the studio catalog holding the reference images
 *
 * Sets where the character's reference images are listed from.
 */
void lk_viewer_compare_set_catalog   (LkViewerCompare *self,
                                      LkCatalog       *catalog);

/**
 * lk_viewer_compare_set_character:
 * @self: a compare pane
 * @character_id: the character the shown frame should show, or 0 when unknown
 * @name: (nullable): its name, for the messages
 *
 * Shows the character's first reference image, read asynchronously, or a message saying
 * how to add one (or that the frame's character is unknown).
 */
void lk_viewer_compare_set_character (LkViewerCompare *self,
                                      gint64           character_id,
                                      const char      *name);

G_END_DECLS
