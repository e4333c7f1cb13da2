/* lk-character-row.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-character.h"
#include "lk-thumbnailer.h"

G_BEGIN_DECLS

#define LK_TYPE_CHARACTER_ROW (lk_character_row_get_type ())

G_DECLARE_FINAL_TYPE (LkCharacterRow, lk_character_row, LK, CHARACTER_ROW, GtkWidget)

/**
 * lk_character_row_new:
 * @thumbnailer: (nullable): decodes the avatar's picture off the main thread; without one
 *   the avatar always shows initials
 *
 * Creates a row of the characters list: the avatar (the character's picture, else the
 * name's initials), the name, the project and a badge with the LoRA's name or "Base model
 * only".
 *
 * Returns: (transfer full): a new #LkCharacterRow
 */
GtkWidget   *lk_character_row_new           (LkThumbnailer  *thumbnailer);

/**
 * lk_character_row_get_character:
 * @self: a #LkCharacterRow
 *
 * Returns: (transfer none) (nullable): the character shown
 */
LkCharacter *lk_character_row_get_character (LkCharacterRow *self);

/**
 * lk_character_row_set_character:
 * @self: a #LkCharacterRow
 * @character: (nullable): the character to show; the row follows its changes
 */
void         lk_character_row_set_character (LkCharacterRow *self,
                                             LkCharacter    *character);

/**
 * lk_character_row_set_picture:
 * @self: a #LkCharacterRow
 * @path: (nullable): the image that stands for the character (its first reference image)
 *
 * Shows @path in the avatar once its thumbnail is ready, cropped to a square (a portrait's
 * top, a wide sheet's middle). The initials stay when @path is %NULL or cannot be decoded.
 * The avatar's accessible description names the picture while one is shown.
 */
void         lk_character_row_set_picture   (LkCharacterRow *self,
                                             const char     *path);

G_END_DECLS
