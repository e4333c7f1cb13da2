/* lk-character.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_CHARACTER (lk_character_get_type ())

G_DECLARE_FINAL_TYPE (LkCharacter, lk_character, LK, CHARACTER, GObject)

/*
 * LkCharacter
 *
 * A character, with its project, profile and resolved LoRA as listed.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_character_get_id:
 * @self: a #LkCharacter
 *
 * Returns: the row id
 */
gint64 lk_character_get_id (LkCharacter *self);

/**
 * lk_character_get_name:
 * @self: a #LkCharacter
 *
 * Returns: (transfer none) (nullable): the character's name
 */
const char *lk_character_get_name (LkCharacter *self);

/**
 * lk_character_get_description:
 * @self: a #LkCharacter
 *
 * Returns: (transfer none) (nullable): the description
 */
const char *lk_character_get_description (LkCharacter *self);

/**
 * lk_character_get_project_id:
 * @self: a #LkCharacter
 *
 * Returns: the project's id, 0 when none
 */
gint64 lk_character_get_project_id (LkCharacter *self);

/**
 * lk_character_get_project_name:
 * @self: a #LkCharacter
 *
 * Returns: (transfer none) (nullable): the project's name
 */
const char *lk_character_get_project_name (LkCharacter *self);

/**
 * lk_character_get_profile_id:
 * @self: a #LkCharacter
 *
 * Returns: the id of the project's profile, 0 when none
 */
gint64 lk_character_get_profile_id (LkCharacter *self);

/**
 * lk_character_get_profile_name:
 * @self: a #LkCharacter
 *
 * Returns: (transfer none) (nullable): the profile's name
 */
const char *lk_character_get_profile_name (LkCharacter *self);

/**
 * lk_character_get_has_lora:
 * @self: a #LkCharacter
 *
 * Returns: whether the character has a current LoRA of its own
 */
gboolean lk_character_get_has_lora (LkCharacter *self);

/**
 * lk_character_get_lora_model_id:
 * @self: a #LkCharacter
 *
 * Returns: the id of the current LoRA version (an ai_models row), 0 when none
 */
gint64 lk_character_get_lora_model_id (LkCharacter *self);

/**
 * lk_character_get_lora_name:
 * @self: a #LkCharacter
 *
 * Returns: (transfer none) (nullable): the name of the current LoRA version
 */
const char *lk_character_get_lora_name (LkCharacter *self);

/**
 * lk_character_get_lora_file:
 * @self: a #LkCharacter
 *
 * Returns: (transfer none) (nullable): the LoRA file as ComfyUI names it (model_path), else its file path
 */
const char *lk_character_get_lora_file (LkCharacter *self);

/**
 * lk_character_get_strength_model:
 * @self: a #LkCharacter
 *
 * Returns: the LoRA strength on the model (0.8 by default)
 */
double lk_character_get_strength_model (LkCharacter *self);

/**
 * lk_character_get_strength_clip:
 * @self: a #LkCharacter
 *
 * Returns: the LoRA strength on CLIP (0.8 by default)
 */
double lk_character_get_strength_clip (LkCharacter *self);

G_END_DECLS
