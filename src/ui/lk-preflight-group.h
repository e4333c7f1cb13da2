/* lk-preflight-group.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-character.h"
#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_PREFLIGHT_GROUP (lk_preflight_group_get_type ())

G_DECLARE_FINAL_TYPE (LkPreflightGroup, lk_preflight_group, LK, PREFLIGHT_GROUP, AdwPreferencesGroup)

/**
 * lk_preflight_group_new:
 *
 * Returns: (transfer floating): a new group without generator or character
 */
GtkWidget    *lk_preflight_group_new           (void);

/**
 * lk_preflight_group_set_generator:
 * @self: a #LkPreflightGroup
 * @generator: (nullable): the generator whose checks and workflow edits are shown
 */
void          lk_preflight_group_set_generator (LkPreflightGroup *self,
                                                LkGenerator      *generator);

/**
 * lk_preflight_group_get_generator:
 * @self: a #LkPreflightGroup
 *
 * Returns: (transfer none) (nullable): the generator
 */
LkGenerator  *lk_preflight_group_get_generator (LkPreflightGroup *self);

/**
 * lk_preflight_group_set_character:
 * @self: a #LkPreflightGroup
 * @character: (nullable): the character to check
 *
 * Runs the generator's checks for @character (off the main loop) and lists every problem with
 * the action that fixes it — pick a workflow template for the character's profile, assign a
 * LoRA, open the LoRA's folder, retry the servers — and a preview of what Lorakeet changes in
 * the template for this character.
 */
void          lk_preflight_group_set_character (LkPreflightGroup *self,
                                                LkCharacter      *character);

/**
 * lk_preflight_group_set_resolution:
 * @self: a #LkPreflightGroup
 * @resolution: (nullable): what the character is generated with, as the inspector resolved it
 *
 * Lets the fixes point at the right places (the LoRA file's folder). Does not rerun the
 * checks.
 */
void          lk_preflight_group_set_resolution (LkPreflightGroup *self,
                                                 LkResolution     *resolution);

/**
 * lk_preflight_group_reload:
 * @self: a #LkPreflightGroup
 *
 * Runs the checks again (the catalog or the servers changed).
 */
void          lk_preflight_group_reload        (LkPreflightGroup *self);

G_END_DECLS
