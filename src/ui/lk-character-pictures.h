/* lk-character-pictures.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-catalog.h"
#include "lk-character-row.h"

G_BEGIN_DECLS

#define LK_TYPE_CHARACTER_PICTURES (lk_character_pictures_get_type ())

G_DECLARE_FINAL_TYPE (LkCharacterPictures, lk_character_pictures, LK, CHARACTER_PICTURES, GObject)

/**
 * lk_character_pictures_new:
 *
 * The pictures standing for characters in a list: the first reference image of each (a
 * reference sheet first), read in one query for every listed character and again when the
 * catalog's references change. Rows made with lk_character_pictures_new_row() are kept up to
 * date; a character without a usable picture keeps its initials.
 *
 * Returns: (transfer full): a new #LkCharacterPictures
 */
LkCharacterPictures *lk_character_pictures_new         (void);

/**
 * lk_character_pictures_set_catalog:
 * @self: a #LkCharacterPictures
 * @catalog: (nullable): the catalog to read from
 *
 * Forgets the pictures of the previous catalog and reads those of @catalog.
 */
void                 lk_character_pictures_set_catalog (LkCharacterPictures *self,
                                                        LkCatalog           *catalog);

/**
 * lk_character_pictures_set_project:
 * @self: a #LkCharacterPictures
 * @project_id: the project whose characters are listed, or 0 for every project
 */
void                 lk_character_pictures_set_project (LkCharacterPictures *self,
                                                        gint64               project_id);

/**
 * lk_character_pictures_reload:
 * @self: a #LkCharacterPictures
 *
 * Reads the pictures again, once per burst of calls, when the main loop is idle: for when
 * the characters listed change.
 */
void                 lk_character_pictures_reload      (LkCharacterPictures *self);

/**
 * lk_character_pictures_new_row:
 * @self: a #LkCharacterPictures
 *
 * Returns: (transfer floating): a new #LkCharacterRow whose picture @self keeps up to date
 */
GtkWidget           *lk_character_pictures_new_row     (LkCharacterPictures *self);

/**
 * lk_character_pictures_bind_row:
 * @self: a #LkCharacterPictures
 * @row: a row made by lk_character_pictures_new_row()
 * @character: (nullable): the character @row now shows, or %NULL when it is unbound
 */
void                 lk_character_pictures_bind_row    (LkCharacterPictures *self,
                                                        LkCharacterRow      *row,
                                                        LkCharacter         *character);

G_END_DECLS
