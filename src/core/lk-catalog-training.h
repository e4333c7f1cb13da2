/* lk-catalog-training.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

/**
 * LkOutfitTrigger:
 * @trigger: the outfit's trigger word ("mei_office_suit")
 * @repeats: how often each of its images is repeated per epoch
 *
 * One outfit concept of a character's LoRA, stored with the character: images whose caption
 * holds the trigger are trained in their own concept folder with their own repeats.
 */
typedef struct
{
  char  *trigger;
  guint  repeats;
} LkOutfitTrigger;

/**
 * lk_outfit_trigger_free:
 * @outfit: an outfit trigger
 *
 * Frees @outfit.
 */
void lk_outfit_trigger_free (LkOutfitTrigger *outfit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkOutfitTrigger, lk_outfit_trigger_free)

/**
 * LkTrainingInfo:
 * @character_id: the character
 * @character_name: its name
 * @trigger_word: the stored trigger word, else one made from the name
 * @class_word: the stored class word, else "1girl"
 * @traits: (array zero-terminated=1): the stored fixed traits, else those the description
 *   states
 * @checkpoint_path: (nullable): the base checkpoint file of the character's profile
 * @checkpoint_family: (nullable): its base-model family ("sd15", "sdxl"…)
 * @next_version: the version the next LoRA gets: one more than the highest `_v<N>` of the
 *   character's LoRA files, lineages and running or succeeded training runs (an export that
 *   was never trained, or whose run failed, gives its number back), 1 when there is none
 * @outfits: (element-type LkOutfitTrigger): the character's stored outfit triggers, by
 *   trigger word
 *
 * What a new training set of a character starts from.
 */
typedef struct
{
  gint64     character_id;
  char      *character_name;
  char      *trigger_word;
  char      *class_word;
  char     **traits;
  char      *checkpoint_path;
  char      *checkpoint_family;
  guint      next_version;
  GPtrArray *outfits;
} LkTrainingInfo;

/**
 * lk_training_info_free:
 * @info: an info
 *
 * Frees @info.
 */
void lk_training_info_free (LkTrainingInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTrainingInfo, lk_training_info_free)

/**
 * lk_catalog_get_training_info_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads what a training set of the character needs: its caption words, its profile's
 * checkpoint and the next LoRA version.
 */
void            lk_catalog_get_training_info_async     (LkCatalog           *self,
                                                        gint64               character_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_get_training_info_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the info, or %NULL with @error set
 *   (%LK_CATALOG_ERROR_NOT_FOUND for an unknown character)
 */
LkTrainingInfo *lk_catalog_get_training_info_finish    (LkCatalog           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/**
 * lk_catalog_set_training_words_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @trigger_word: the trigger word
 * @class_word: the class word
 * @traits: (nullable): the fixed traits
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores how the character is captioned, for the next training sets.
 */
void            lk_catalog_set_training_words_async    (LkCatalog           *self,
                                                        gint64               character_id,
                                                        const char          *trigger_word,
                                                        const char          *class_word,
                                                        const char * const  *traits,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_set_training_words_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when stored
 */
gboolean        lk_catalog_set_training_words_finish   (LkCatalog           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/**
 * lk_catalog_set_outfit_trigger_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @trigger: the outfit's trigger word: one word, no spaces or commas, not the character's own
 *   trigger word
 * @repeats: its repeats (1–1000)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores an outfit trigger of the character, or changes the repeats of a stored one, so
 * every training set of the character trains that outfit as its own concept.
 */
void            lk_catalog_set_outfit_trigger_async    (LkCatalog           *self,
                                                        gint64               character_id,
                                                        const char          *trigger,
                                                        guint                repeats,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_set_outfit_trigger_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when stored; %LK_CATALOG_ERROR_INVALID_DATA for a trigger that is not one
 *   word, is the character's own trigger or has repeats out of range (the message says
 *   which), %LK_CATALOG_ERROR_NOT_FOUND for an unknown character
 */
gboolean        lk_catalog_set_outfit_trigger_finish   (LkCatalog           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/**
 * lk_catalog_remove_outfit_trigger_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @trigger: the outfit's trigger word
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes a stored outfit trigger of the character. Its images stay; their captions are
 * trained with the character's base concept from then on.
 */
void            lk_catalog_remove_outfit_trigger_async (LkCatalog           *self,
                                                        gint64               character_id,
                                                        const char          *trigger,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_remove_outfit_trigger_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when removed; %LK_CATALOG_ERROR_NOT_FOUND when the character has no such
 *   outfit trigger
 */
gboolean        lk_catalog_remove_outfit_trigger_finish (LkCatalog          *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

/**
 * lk_catalog_register_trained_lora_async:
 * @self: a #LkCatalog
 * @character_id: the character the LoRA was trained for
 * @lora_path: the `.safetensors` file the trainer wrote
 * @lora_folder: (nullable): the LoRA folder the ComfyUI servers use; the file is copied
 *   there (unless it is already inside) so the servers find it
 * @who: (nullable): who trained it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Registers the trained LoRA like a scanned one (safetensors metadata, SHA-256, lineage,
 * suggested trigger words), then makes it the character's current LoRA at strength 0.8.
 * The file is read, hashed and copied off the main thread. A file already in the folder
 * under the same name but with other content is not overwritten.
 */
void            lk_catalog_register_trained_lora_async (LkCatalog           *self,
                                                        gint64               character_id,
                                                        const char          *lora_path,
                                                        const char          *lora_folder,
                                                        const char          *who,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_register_trained_lora_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the character's resolution with its new LoRA, or %NULL
 */
LkResolution   *lk_catalog_register_trained_lora_finish (LkCatalog          *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

/**
 * lk_catalog_add_training_run_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @output_name: the LoRA's name (`<character>_v<N>`)
 * @export_dir: the exported folder
 * @command: the trainer's command line
 * @who: (nullable): who exported it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Records an export in `training_runs` (status "exported"). Once its run is marked
 * "running", its version number is taken even before the LoRA exists.
 */
void            lk_catalog_add_training_run_async      (LkCatalog           *self,
                                                        gint64               character_id,
                                                        const char          *output_name,
                                                        const char          *export_dir,
                                                        const char * const  *command,
                                                        const char          *who,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_add_training_run_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the run's id, or 0 with @error set
 */
gint64          lk_catalog_add_training_run_finish     (LkCatalog           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/**
 * lk_catalog_update_training_run_async:
 * @self: a #LkCatalog
 * @run_id: the run
 * @status: "running", "succeeded", "failed", "cancelled" or "interrupted"
 * @log_path: (nullable): the trainer's log; %NULL keeps the recorded one
 * @model_id: the registered LoRA, or 0
 * @error_message: (nullable): why it failed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Records how a run went; a final status also records when it finished.
 */
void            lk_catalog_update_training_run_async   (LkCatalog           *self,
                                                        gint64               run_id,
                                                        const char          *status,
                                                        const char          *log_path,
                                                        gint64               model_id,
                                                        const char          *error_message,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/**
 * lk_catalog_update_training_run_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when recorded; %LK_CATALOG_ERROR_NOT_FOUND for an unknown run
 */
gboolean        lk_catalog_update_training_run_finish  (LkCatalog           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
