/* lk-reference-strip.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

#define LK_TYPE_REFERENCE_STRIP (lk_reference_strip_get_type ())

G_DECLARE_FINAL_TYPE (LkReferenceStrip, lk_reference_strip, LK, REFERENCE_STRIP, AdwPreferencesGroup)

/*
 * LkReferenceStrip
 *
 * A row of the character's reference images as thumbnails, with an "Add Reference Image"
 * button (a file chooser, the portal inside Flatpak) and a drop target for image files.
 * Files are added as training images; one too small to train on is added as a reference
 * sheet instead, and the strip says so. Problems (not a picture, a duplicate) are shown
 * under the strip. Follows changes other clients make through the catalog's `changed`
 * signal.
 */

/**
 * lk_reference_strip_new:
 *
 * Returns: (transfer full): a new strip without catalog or character
 */
GtkWidget   *lk_reference_strip_new           (void);

/**
 * lk_reference_strip_set_catalog:
 * @self: a #LkReferenceStrip
 * @catalog: (nullable): the catalog the images are read from and added to
 */
void         lk_reference_strip_set_catalog   (LkReferenceStrip *self,
                                               LkCatalog        *catalog);

/**
 * lk_reference_strip_get_character:
 * @self: a #LkReferenceStrip
 *
 * Returns: (transfer none) (nullable): the character shown
 */
LkCharacter *lk_reference_strip_get_character (LkReferenceStrip *self);

/**
 * lk_reference_strip_set_character:
 * @self: a #LkReferenceStrip
 * @character: (nullable): the character whose references to show (the `character`
 *   property)
 */
void         lk_reference_strip_set_character (LkReferenceStrip *self,
                                               LkCharacter      *character);

/**
 * lk_reference_strip_add_files:
 * @self: a #LkReferenceStrip
 * @files: (element-type GFile): image files
 *
 * Adds @files to the character's references, as a drop or the file chooser does.
 */
void         lk_reference_strip_add_files     (LkReferenceStrip *self,
                                               GSList           *files);

G_END_DECLS
