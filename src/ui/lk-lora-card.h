/* lk-lora-card.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog.h"
#include "lk-resolution.h"
#include "lk-server-pool.h"

G_BEGIN_DECLS

#define LK_TYPE_LORA_CARD (lk_lora_card_get_type ())

G_DECLARE_FINAL_TYPE (LkLoraCard, lk_lora_card, LK, LORA_CARD, AdwPreferencesGroup)

/**
 * lk_lora_card_set_resolution:
 * @self: a #LkLoraCard
 * @resolution: (nullable): what a character is generated with, %NULL while unknown
 *
 * Shows the resolution's LoRA: file, size, short SHA-256, base model, network dim/alpha,
 * training resolution and epochs, the most frequent training tags and the trigger words,
 * from the catalog and, where the file is readable here, from its header (read off the main
 * thread); or "Base model only" when the character has no LoRA.
 */
void lk_lora_card_set_resolution (LkLoraCard   *self,
                                  LkResolution *resolution);

/**
 * lk_lora_card_set_catalog:
 * @self: a #LkLoraCard
 * @catalog: (nullable): the catalog edited trigger words are saved to
 */
void lk_lora_card_set_catalog    (LkLoraCard   *self,
                                  LkCatalog    *catalog);

/**
 * lk_lora_card_set_pool:
 * @self: a #LkLoraCard
 * @pool: (nullable): the ComfyUI servers asked whether they have the LoRA file
 */
void lk_lora_card_set_pool       (LkLoraCard   *self,
                                  LkServerPool *pool);

G_END_DECLS
