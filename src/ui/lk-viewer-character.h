/* lk-viewer-character.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

#define LK_TYPE_VIEWER_CHARACTER (lk_viewer_character_get_type ())
G_DECLARE_FINAL_TYPE (LkViewerCharacter, lk_viewer_character, LK, VIEWER_CHARACTER, GtkWidget)

/**
 * lk_viewer_character_set_catalog:
 * @self: a character group
 * @catalog: (nullable): the studio catalog holding the scores and reference images
 *
 * Sets where the frame's consistency score is read from and where "Use as Reference Image"
 * adds the frame.
 */
void lk_viewer_character_set_catalog (LkViewerCharacter *self,
                                      LkCatalog         *catalog);

/**
 * lk_viewer_character_set_frame:
 * @self: a character group
 * @path: (nullable): the shown frame's file, or %NULL when nothing is shown
 * @is_video: whether the frame is a clip (clips are neither scored nor references)
 * @character_id: the character the frame is filed under (or, for a frame the catalog does
 *   not know, the one selected in the sidebar), or 0 when unknown
 * @name: (nullable): that character's name, for the messages
 *
 * Shows the frame's stored consistency score for the character, hashing the file off the
 * main thread first (once per file), and enables "Use as Reference Image" when a catalog
 * and a character are known.
 */
void lk_viewer_character_set_frame   (LkViewerCharacter *self,
                                      const char        *path,
                                      gboolean           is_video,
                                      gint64             character_id,
                                      const char        *name);

/**
 * lk_viewer_character_describe_score:
 * @score: a stored consistency score (see #LkConsistencyScore)
 * @name: the character's name
 *
 * The score in plain words, as in "Consistency: 0.42 (typical for Mei)": below
 * %LK_VIEWER_CHARACTER_OUTLIER_SCORE the frame is typical for the character, from it on an
 * outlier.
 *
 * Returns: (transfer full): the sentence
 */
char *lk_viewer_character_describe_score (double      score,
                                          const char *name);

/**
 * LK_VIEWER_CHARACTER_OUTLIER_SCORE:
 *
 * The score from which a frame is called an outlier: between the 0.5–0.8 of the character
 * in another pose and scene and the 0.9 and more of someone else (see #LkConsistencyScore).
 */
#define LK_VIEWER_CHARACTER_OUTLIER_SCORE 0.85

G_END_DECLS
