/* lk-catalog-triggers.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-trigger-set.h"

G_BEGIN_DECLS

/**
 * lk_catalog_set_trigger_words_async:
 * @self: an open #LkCatalog
 * @lora_id: the id of a LoRA in `ai_models`
 * @set_name: (nullable): the trigger set to write, %NULL for "base"
 * @words: (array zero-terminated=1): the new trigger words, in order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the words are saved
 * @user_data: data for @callback
 *
 * Replaces the words of one trigger set of the LoRA's lineage (every epoch of the same
 * training run shares them), creating the set when it does not exist. A LoRA that belongs to
 * no lineage yet is given one named after it. Each word is trimmed; empty words and
 * repetitions are dropped. Every open window follows the change through the catalog's
 * notifications.
 *
 * Errors: %LK_CATALOG_ERROR_NOT_FOUND when @lora_id is not in the catalog,
 * %LK_CATALOG_ERROR_INVALID_DATA when it is not a LoRA or a word is too long, and the
 * catalog's usual errors (read-only, unreachable).
 */
void          lk_catalog_set_trigger_words_async  (LkCatalog           *self,
                                                   gint64               lora_id,
                                                   const char          *set_name,
                                                   const char * const  *words,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/**
 * lk_catalog_set_trigger_words_finish:
 * @self: an #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the trigger set as saved, or %NULL with @error set
 */
LkTriggerSet *lk_catalog_set_trigger_words_finish (LkCatalog           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/**
 * lk_trigger_words_parse:
 * @text: (nullable): words as an artist types them, separated by commas or new lines
 *
 * Splits @text into trigger words: each one trimmed, empty ones and repetitions dropped, the
 * order kept. Used for the editable trigger-word rows and the command line alike.
 *
 * Returns: (transfer full): a %NULL-terminated array of words (empty for %NULL)
 */
char        **lk_trigger_words_parse              (const char          *text);

G_END_DECLS
