/* lk-resolution.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include "lk-character.h"
#include "lk-model.h"
#include "lk-profile.h"
#include "lk-project.h"
#include "lk-template.h"

G_BEGIN_DECLS

#define LK_TYPE_RESOLUTION (lk_resolution_get_type ())

G_DECLARE_FINAL_TYPE (LkResolution, lk_resolution, LK, RESOLUTION, GObject)

/*
 * LkResolution
 *
 * What a character is generated with: character → project → profile → checkpoint,
 * template, and its own LoRA or none (base model only), with warnings.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_resolution_get_character:
 * @self: a #LkResolution
 *
 * Returns: (transfer none) (nullable): the character
 */
LkCharacter *lk_resolution_get_character (LkResolution *self);

/**
 * lk_resolution_get_project:
 * @self: a #LkResolution
 *
 * Returns: (transfer none) (nullable): the project, %NULL when the character has none
 */
LkProject *lk_resolution_get_project (LkResolution *self);

/**
 * lk_resolution_get_profile:
 * @self: a #LkResolution
 *
 * Returns: (transfer none) (nullable): the project's profile, %NULL when none
 */
LkProfile *lk_resolution_get_profile (LkResolution *self);

/**
 * lk_resolution_get_checkpoint:
 * @self: a #LkResolution
 *
 * Returns: (transfer none) (nullable): the profile's checkpoint, %NULL when none
 */
LkModel *lk_resolution_get_checkpoint (LkResolution *self);

/**
 * lk_resolution_get_template:
 * @self: a #LkResolution
 *
 * Returns: (transfer none) (nullable): the profile's template, %NULL when none
 */
LkTemplate *lk_resolution_get_template (LkResolution *self);

/**
 * lk_resolution_get_lora:
 * @self: a #LkResolution
 *
 * Returns: (transfer none) (nullable): the character's own current LoRA version, %NULL: the base model only
 */
LkModel *lk_resolution_get_lora (LkResolution *self);

/**
 * lk_resolution_get_strength_model:
 * @self: a #LkResolution
 *
 * Returns: the LoRA strength on the model
 */
double lk_resolution_get_strength_model (LkResolution *self);

/**
 * lk_resolution_get_strength_clip:
 * @self: a #LkResolution
 *
 * Returns: the LoRA strength on CLIP
 */
double lk_resolution_get_strength_clip (LkResolution *self);

/**
 * lk_resolution_get_trigger_sets:
 * @self: a #LkResolution
 *
 * Returns: (transfer none): the LoRA's trigger-word sets (#LkTriggerSet), "base" first
 */
GListModel *lk_resolution_get_trigger_sets (LkResolution *self);

/**
 * lk_resolution_get_warnings:
 * @self: a #LkResolution
 *
 * Returns: (transfer none): what the artist should know before generating, one sentence each
 */
const char * const *lk_resolution_get_warnings (LkResolution *self);

G_END_DECLS
