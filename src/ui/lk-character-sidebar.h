/* lk-character-sidebar.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog-session.h"

G_BEGIN_DECLS

#define LK_TYPE_CHARACTER_SIDEBAR (lk_character_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (LkCharacterSidebar, lk_character_sidebar, LK, CHARACTER_SIDEBAR, GtkWidget)

/**
 * lk_character_sidebar_get_session:
 * @self: a #LkCharacterSidebar
 *
 * Returns: (transfer none) (nullable): the session whose catalog is listed
 */
LkCatalogSession *lk_character_sidebar_get_session             (LkCharacterSidebar *self);

/**
 * lk_character_sidebar_set_session:
 * @self: a #LkCharacterSidebar
 * @session: (nullable): a #LkCatalogSession
 *
 * Lists the characters of the session's catalog, live, with a project switcher and a
 * search; while there is no catalog it shows why (starting, or the reason it failed, with
 * a Retry button for the `catalog.retry` action).
 */
void              lk_character_sidebar_set_session             (LkCharacterSidebar *self,
                                                                LkCatalogSession   *session);

/**
 * lk_character_sidebar_get_selected_character:
 * @self: a #LkCharacterSidebar
 *
 * Returns: (transfer none) (nullable): the selected character (the `selected-character`
 *   property)
 */
LkCharacter      *lk_character_sidebar_get_selected_character  (LkCharacterSidebar *self);

/**
 * lk_character_sidebar_select_character:
 * @self: a #LkCharacterSidebar
 * @character_id: the catalog id of a character
 *
 * Selects the character, so that `selected-character` (and whatever follows it) becomes it,
 * and scrolls the list to it. A character of the catalog that the chosen project or the
 * search hides is shown by going back to "All Projects" and clearing the search. A character
 * not in the list yet (the catalog is still loading it) is selected as soon as it arrives,
 * unless the artist selects another one first.
 *
 * Returns: whether the character is selected now
 */
gboolean          lk_character_sidebar_select_character        (LkCharacterSidebar *self,
                                                                gint64              character_id);

/**
 * lk_character_sidebar_focus_search:
 * @self: a #LkCharacterSidebar
 *
 * Moves the keyboard focus to the search entry, selecting its text.
 */
void              lk_character_sidebar_focus_search            (LkCharacterSidebar *self);

G_END_DECLS
