/* lk-inspector.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog.h"
#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_INSPECTOR (lk_inspector_get_type ())

G_DECLARE_FINAL_TYPE (LkInspector, lk_inspector, LK, INSPECTOR, GtkWidget)

/**
 * lk_inspector_get_catalog:
 * @self: a #LkInspector
 *
 * Returns: (transfer none) (nullable): the catalog characters are resolved in
 */
LkCatalog    *lk_inspector_get_catalog      (LkInspector  *self);

/**
 * lk_inspector_set_catalog:
 * @self: a #LkInspector
 * @catalog: (nullable): the catalog to resolve characters in
 */
void          lk_inspector_set_catalog      (LkInspector  *self,
                                             LkCatalog    *catalog);

/**
 * lk_inspector_get_character:
 * @self: a #LkInspector
 *
 * Returns: (transfer none) (nullable): the character shown
 */
LkCharacter  *lk_inspector_get_character    (LkInspector  *self);

/**
 * lk_inspector_set_character:
 * @self: a #LkInspector
 * @character: (nullable): the character to show, %NULL for the empty state
 *
 * Shows the character's description, project and profile (checkpoint, template, image or
 * video, LoRA strengths), its LoRA card and the warnings that would affect generating. What
 * the character is generated with is resolved in the catalog off the main thread; choosing
 * another character cancels it. Changes made by anyone in the catalog are followed.
 */
void          lk_inspector_set_character    (LkInspector  *self,
                                             LkCharacter  *character);

/**
 * lk_inspector_get_resolution:
 * @self: a #LkInspector
 *
 * Returns: (transfer none) (nullable): what the shown character is generated with, %NULL
 *   until it is resolved
 */
LkResolution *lk_inspector_get_resolution   (LkInspector  *self);

/**
 * lk_inspector_get_generator:
 * @self: a #LkInspector
 *
 * Returns: (transfer none) (nullable): the generator the checks and the workflow preview use
 */
LkGenerator  *lk_inspector_get_generator    (LkInspector  *self);

/**
 * lk_inspector_set_generator:
 * @self: a #LkInspector
 * @generator: (nullable): the application's generator, %NULL while there is none
 *
 * With a generator, the inspector runs its checks against the ComfyUI servers (each problem
 * with the action that fixes it), previews the workflow edits made for the character, and
 * says on which servers the character's LoRA file is.
 */
void          lk_inspector_set_generator    (LkInspector  *self,
                                             LkGenerator  *generator);

G_END_DECLS
