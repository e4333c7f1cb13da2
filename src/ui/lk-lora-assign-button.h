/* lk-lora-assign-button.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

#define LK_TYPE_LORA_ASSIGN_BUTTON (lk_lora_assign_button_get_type ())

G_DECLARE_FINAL_TYPE (LkLoraAssignButton, lk_lora_assign_button, LK, LORA_ASSIGN_BUTTON, AdwBin)

/**
 * lk_lora_assign_button_new:
 * @catalog: the catalog to list LoRAs from and to assign in
 * @character_id: the character to give a LoRA
 *
 * An "Assign LoRA" button whose popover lists the catalog's LoRA models (read when it opens);
 * choosing one makes it the character's current LoRA in the character's project, at strength
 * 0.8, and emits #LkLoraAssignButton::assigned. A refusal is shown in a dialog.
 *
 * Returns: (transfer full): a new #LkLoraAssignButton
 */
GtkWidget *lk_lora_assign_button_new (LkCatalog *catalog,
                                      gint64     character_id);

G_END_DECLS
