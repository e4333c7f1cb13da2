/* lk-character-row.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-character.h"

G_BEGIN_DECLS

#define LK_TYPE_CHARACTER_ROW (lk_character_row_get_type ())

G_DECLARE_FINAL_TYPE (LkCharacterRow, lk_character_row, LK, CHARACTER_ROW, GtkWidget)

/**
 * lk_character_row_new:
 *
 * Creates a row of the characters list: the avatar with the name's initials, the name, the
 * project and a badge with the LoRA's name or "Base model only".
 *
 * Returns: (transfer full): a new #LkCharacterRow
 */
GtkWidget   *lk_character_row_new           (void);

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

G_END_DECLS
