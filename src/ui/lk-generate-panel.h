/* lk-generate-panel.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog-session.h"
#include "lk-character.h"
#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_GENERATE_PANEL (lk_generate_panel_get_type ())

G_DECLARE_FINAL_TYPE (LkGeneratePanel, lk_generate_panel, LK, GENERATE_PANEL, GtkWidget)

/**
 * lk_generate_panel_set_generator:
 * @self: a #LkGeneratePanel
 * @generator: (nullable): the generation flow, %NULL while no catalog is open
 */
void         lk_generate_panel_set_generator  (LkGeneratePanel  *self,
                                               LkGenerator      *generator);

/**
 * lk_generate_panel_get_generator:
 * @self: a #LkGeneratePanel
 *
 * Returns: (transfer none) (nullable): the generation flow
 */
LkGenerator *lk_generate_panel_get_generator  (LkGeneratePanel  *self);

/**
 * lk_generate_panel_set_session:
 * @self: a #LkGeneratePanel
 * @session: (nullable): the catalog session, whose state says whether jobs can be recorded
 */
void         lk_generate_panel_set_session    (LkGeneratePanel  *self,
                                               LkCatalogSession *session);

/**
 * lk_generate_panel_set_character:
 * @self: a #LkGeneratePanel
 * @character: (nullable): the character to generate, %NULL when none is selected
 *
 * Also sets the LoRA strength to the character's own (its profile's, else 0.8).
 */
void         lk_generate_panel_set_character  (LkGeneratePanel  *self,
                                               LkCharacter      *character);

/**
 * lk_generate_panel_get_character:
 * @self: a #LkGeneratePanel
 *
 * Returns: (transfer none) (nullable): the character to generate
 */
LkCharacter *lk_generate_panel_get_character  (LkGeneratePanel  *self);

/**
 * lk_generate_panel_get_server_url:
 * @self: a #LkGeneratePanel
 *
 * Returns: (transfer none) (nullable): the chosen server, %NULL for Automatic
 */
const char  *lk_generate_panel_get_server_url (LkGeneratePanel  *self);

/**
 * lk_generate_panel_set_server_url:
 * @self: a #LkGeneratePanel
 * @server_url: (nullable): one of the generator's servers, %NULL for Automatic
 *
 * Chooses the server jobs go to, as the panel's server menu does. Jobs go to a chosen server
 * only, never elsewhere while it is offline. A URL that is not one of the generator's servers
 * chooses Automatic.
 */
void         lk_generate_panel_set_server_url (LkGeneratePanel  *self,
                                               const char       *server_url);

/**
 * lk_generate_panel_get_blocker:
 * @self: a #LkGeneratePanel
 *
 * Returns: (transfer none) (nullable): why Generate is unavailable, in the artist's words
 *   (the `blocker` property); %NULL when it is available
 */
const char  *lk_generate_panel_get_blocker    (LkGeneratePanel  *self);

/**
 * lk_generate_panel_get_can_generate:
 * @self: a #LkGeneratePanel
 *
 * Returns: whether lk_generate_panel_generate() would send jobs now
 */
gboolean     lk_generate_panel_get_can_generate (LkGeneratePanel *self);

/**
 * lk_generate_panel_generate:
 * @self: a #LkGeneratePanel
 *
 * Sends the panel's request for its character, as the Generate button does. A failure is
 * shown in the panel in plain words; nothing happens while a blocker stands.
 */
void         lk_generate_panel_generate       (LkGeneratePanel  *self);

/**
 * lk_generate_panel_apply_settings:
 * @self: a #LkGeneratePanel
 * @positive: (nullable): the positive prompt, %NULL to keep the current one
 * @negative: (nullable): the negative prompt, %NULL to keep the current one
 * @has_seed: whether @seed is known; then the seed becomes fixed to it
 * @seed: the seed
 * @strength: the LoRA strength, or a negative value to keep the current one
 *
 * Fills the panel from an earlier frame's settings ("Generate Again with These Settings").
 */
void         lk_generate_panel_apply_settings (LkGeneratePanel  *self,
                                               const char       *positive,
                                               const char       *negative,
                                               gboolean          has_seed,
                                               guint64           seed,
                                               double            strength);

G_END_DECLS
