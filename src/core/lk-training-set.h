/* lk-training-set.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-reference-image.h"

G_BEGIN_DECLS

#define LK_TRAINING_ERROR (lk_training_error_quark ())

/**
 * LkTrainingError:
 * @LK_TRAINING_ERROR_INVALID: the set cannot be exported as it is (no images, a missing
 *   caption); the message says what to change
 * @LK_TRAINING_ERROR_EXPORT_FAILED: writing the export folder failed; the folder was left
 *   as it was
 * @LK_TRAINING_ERROR_NOT_CONFIGURED: no sd-scripts folder or Python is set
 * @LK_TRAINING_ERROR_TRAINER_FAILED: the trainer exited with an error
 * @LK_TRAINING_ERROR_TRAINER_KILLED: the trainer was killed by a signal
 * @LK_TRAINING_ERROR_NO_OUTPUT: the trainer finished without writing the LoRA file
 *
 * Errors of training: exporting a set and running the trainer.
 */
typedef enum
{
  LK_TRAINING_ERROR_INVALID,
  LK_TRAINING_ERROR_EXPORT_FAILED,
  LK_TRAINING_ERROR_NOT_CONFIGURED,
  LK_TRAINING_ERROR_TRAINER_FAILED,
  LK_TRAINING_ERROR_TRAINER_KILLED,
  LK_TRAINING_ERROR_NO_OUTPUT,
} LkTrainingError;

GQuark lk_training_error_quark (void);

/**
 * LkTrainingFindingKind:
 * @LK_TRAINING_FINDING_MISSING_CAPTION: an image has no caption (blocks the export)
 * @LK_TRAINING_FINDING_TRIGGER_MISSING: a caption lacks the trigger word
 * @LK_TRAINING_FINDING_TRIGGER_NOT_FIRST: a caption has the trigger word, but not first
 * @LK_TRAINING_FINDING_FIXED_TRAIT: a fixed trait of the character is in most captions
 * @LK_TRAINING_FINDING_EMPTY_OUTFIT: an outfit trigger has no image
 * @LK_TRAINING_FINDING_UNBALANCED_REPEATS: one concept gets far more steps per epoch than
 *   another
 * @LK_TRAINING_FINDING_FEW_IMAGES: too few images to learn a character from
 * @LK_TRAINING_FINDING_NO_CHECKPOINT: the character's profile names no base checkpoint, so
 *   the command has a placeholder
 *
 * What caption lint found.
 */
typedef enum
{
  LK_TRAINING_FINDING_MISSING_CAPTION,
  LK_TRAINING_FINDING_TRIGGER_MISSING,
  LK_TRAINING_FINDING_TRIGGER_NOT_FIRST,
  LK_TRAINING_FINDING_FIXED_TRAIT,
  LK_TRAINING_FINDING_EMPTY_OUTFIT,
  LK_TRAINING_FINDING_UNBALANCED_REPEATS,
  LK_TRAINING_FINDING_FEW_IMAGES,
  LK_TRAINING_FINDING_NO_CHECKPOINT,
} LkTrainingFindingKind;

/**
 * LkTrainingFinding:
 * @kind: what was found
 * @blocking: whether the set cannot be exported until it is fixed
 * @path: (nullable): the image it is about, %NULL for the whole set
 * @message: what is wrong, in plain words
 * @fix: what to do about it
 *
 * One finding of lk_training_set_lint().
 */
typedef struct
{
  LkTrainingFindingKind  kind;
  gboolean               blocking;
  char                  *path;
  char                  *message;
  char                  *fix;
} LkTrainingFinding;

/**
 * lk_training_finding_free:
 * @finding: a finding
 *
 * Frees @finding.
 */
void lk_training_finding_free (LkTrainingFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTrainingFinding, lk_training_finding_free)

#define LK_TYPE_TRAINING_SET (lk_training_set_get_type ())

G_DECLARE_FINAL_TYPE (LkTrainingSet, lk_training_set, LK, TRAINING_SET, GObject)

/*
 * LkTrainingSet
 *
 * What a LoRA of one character is trained on: images with one caption each (trigger word
 * first), repeats per concept (the base concept and any outfit triggers), the class word,
 * and the trainer's settings. It is exported to a folder in kohya's layout:
 *
 *   DIR/img/<repeats>_<trigger> <class>/NNNN-<name>.<ext> + NNNN-<name>.txt
 *   DIR/img/<repeats>_<trigger> <outfit>/…      (one folder per outfit trigger)
 *   DIR/model/            where train_network.py writes the LoRA
 *   DIR/log/              the trainer's logs
 *   DIR/dataset_config.toml
 *   DIR/command.txt       the train_network.py command line
 *
 * An image belongs to the first outfit whose trigger is among its caption's tags, else to
 * the base concept.
 */

/**
 * lk_training_set_new:
 * @character_name: the character, as the artist knows it
 * @trigger_word: the word the LoRA learns the character by
 * @class_word: what the character is ("1girl", "1boy", "knight")
 *
 * The output name starts as lk_training_set_default_output_name() of @character_name and
 * version 1; repeats 10, 10 epochs, network dim 32, alpha 16, resolution 1024.
 *
 * Returns: (transfer full): a new empty training set
 */
LkTrainingSet *lk_training_set_new                 (const char      *character_name,
                                                    const char      *trigger_word,
                                                    const char      *class_word);

/**
 * lk_training_set_default_trigger:
 * @character_name: a character's name
 *
 * Returns: (transfer full): a trigger word made from the name: lower case, words joined by
 *   `_` ("Mei Kobayashi" → "mei_kobayashi")
 */
char          *lk_training_set_default_trigger     (const char      *character_name);

/**
 * lk_training_set_default_output_name:
 * @character_name: a character's name
 * @version: the LoRA version, from 1
 *
 * Returns: (transfer full): `<character>_v<N>` ("mei_kobayashi_v2")
 */
char          *lk_training_set_default_output_name (const char      *character_name,
                                                    guint            version);

/**
 * lk_training_set_traits_from_description:
 * @description: (nullable): a character's description
 *
 * Finds fixed traits a description states: "<colour> hair", "<colour> eyes".
 *
 * Returns: (transfer full): the traits, lower case, possibly empty
 */
char         **lk_training_set_traits_from_description (const char *description);

/**
 * lk_training_set_get_character_name:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none): the character's name
 */
const char    *lk_training_set_get_character_name  (LkTrainingSet   *self);

/**
 * lk_training_set_get_trigger_word:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none): the trigger word
 */
const char    *lk_training_set_get_trigger_word    (LkTrainingSet   *self);

/**
 * lk_training_set_get_class_word:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none): the class word
 */
const char    *lk_training_set_get_class_word      (LkTrainingSet   *self);

/**
 * lk_training_set_get_repeats:
 * @self: a #LkTrainingSet
 *
 * Returns: how often each image of the base concept is seen per epoch
 */
guint          lk_training_set_get_repeats         (LkTrainingSet   *self);

/**
 * lk_training_set_set_repeats:
 * @self: a #LkTrainingSet
 * @repeats: 1 or more
 *
 * Sets the `repeats` property.
 */
void           lk_training_set_set_repeats         (LkTrainingSet   *self,
                                                    guint            repeats);

/**
 * lk_training_set_get_epochs:
 * @self: a #LkTrainingSet
 *
 * Returns: the number of epochs
 */
guint          lk_training_set_get_epochs          (LkTrainingSet   *self);

/**
 * lk_training_set_set_epochs:
 * @self: a #LkTrainingSet
 * @epochs: 1 or more
 *
 * Sets the `epochs` property.
 */
void           lk_training_set_set_epochs          (LkTrainingSet   *self,
                                                    guint            epochs);

/**
 * lk_training_set_set_network:
 * @self: a #LkTrainingSet
 * @dim: the network dimension (rank), 1 or more
 * @alpha: the network alpha, 1 or more (usually half of @dim)
 *
 * Sets the `network-dim` and `network-alpha` properties.
 */
void           lk_training_set_set_network         (LkTrainingSet   *self,
                                                    guint            dim,
                                                    guint            alpha);

/**
 * lk_training_set_get_network_dim:
 * @self: a #LkTrainingSet
 *
 * Returns: the network dimension
 */
guint          lk_training_set_get_network_dim     (LkTrainingSet   *self);

/**
 * lk_training_set_get_network_alpha:
 * @self: a #LkTrainingSet
 *
 * Returns: the network alpha
 */
guint          lk_training_set_get_network_alpha   (LkTrainingSet   *self);

/**
 * lk_training_set_get_resolution:
 * @self: a #LkTrainingSet
 *
 * Returns: the training resolution in pixels (512, 768, 1024)
 */
guint          lk_training_set_get_resolution      (LkTrainingSet   *self);

/**
 * lk_training_set_set_resolution:
 * @self: a #LkTrainingSet
 * @resolution: 256 or more, a multiple of 64
 *
 * Sets the `resolution` property.
 */
void           lk_training_set_set_resolution      (LkTrainingSet   *self,
                                                    guint            resolution);

/**
 * lk_training_set_get_base_checkpoint:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none) (nullable): the checkpoint file the LoRA is trained on
 */
const char    *lk_training_set_get_base_checkpoint (LkTrainingSet   *self);

/**
 * lk_training_set_set_base_checkpoint:
 * @self: a #LkTrainingSet
 * @path: (nullable): the checkpoint file (from the character's profile)
 * @sdxl: whether it is an SDXL checkpoint (trained with `sdxl_train_network.py`)
 *
 * Sets the `base-checkpoint` property.
 */
void           lk_training_set_set_base_checkpoint (LkTrainingSet   *self,
                                                    const char      *path,
                                                    gboolean         sdxl);

/**
 * lk_training_set_get_output_name:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none): the LoRA's name, `<character>_v<N>`
 */
const char    *lk_training_set_get_output_name     (LkTrainingSet   *self);

/**
 * lk_training_set_set_output_name:
 * @self: a #LkTrainingSet
 * @name: the LoRA's name, without extension
 *
 * Sets the `output-name` property.
 */
void           lk_training_set_set_output_name     (LkTrainingSet   *self,
                                                    const char      *name);

/**
 * lk_training_set_get_traits:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none): the character's fixed traits ("blue hair")
 */
const char * const *lk_training_set_get_traits     (LkTrainingSet   *self);

/**
 * lk_training_set_set_traits:
 * @self: a #LkTrainingSet
 * @traits: (nullable): fixed traits of the character
 *
 * Sets the `traits` property.
 */
void           lk_training_set_set_traits          (LkTrainingSet   *self,
                                                    const char * const *traits);

/**
 * lk_training_set_add_outfit:
 * @self: a #LkTrainingSet
 * @trigger: an outfit trigger word ("mei_office_suit")
 * @repeats: the repeats of its images
 *
 * Adds an outfit concept, or changes its repeats.
 */
void           lk_training_set_add_outfit          (LkTrainingSet   *self,
                                                    const char      *trigger,
                                                    guint            repeats);

/**
 * lk_training_set_dup_outfits:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer full): the outfit triggers, in the order they were added
 */
char         **lk_training_set_dup_outfits         (LkTrainingSet   *self);

/**
 * lk_training_set_get_images:
 * @self: a #LkTrainingSet
 *
 * Returns: (transfer none): a #GListModel of #LkReferenceImage
 */
GListModel    *lk_training_set_get_images          (LkTrainingSet   *self);

/**
 * lk_training_set_add_image:
 * @self: a #LkTrainingSet
 * @image: a training image; its caption is edited in place
 *
 * Adds @image at the end.
 */
void           lk_training_set_add_image           (LkTrainingSet   *self,
                                                    LkReferenceImage *image);

/**
 * lk_training_set_dup_concept_folder:
 * @self: a #LkTrainingSet
 * @image: an image of the set
 *
 * Returns: (transfer full): the kohya folder name of @image's concept, as
 *   `<repeats>_<trigger> <class>` ("10_mei_kobayashi 1girl")
 */
char          *lk_training_set_dup_concept_folder  (LkTrainingSet   *self,
                                                    LkReferenceImage *image);

/**
 * lk_training_set_dup_dataset_config:
 * @self: a #LkTrainingSet
 * @export_dir: the absolute export folder
 *
 * Returns: (transfer full): the `dataset_config.toml` text: a `[general]` table
 *   (`caption_extension = ".txt"`, `keep_tokens = 1` so shuffling keeps the trigger first)
 *   and one dataset at the set's resolution with one subset per concept
 */
char          *lk_training_set_dup_dataset_config  (LkTrainingSet   *self,
                                                    const char      *export_dir);

/**
 * lk_training_set_dup_command:
 * @self: a #LkTrainingSet
 * @export_dir: the absolute export folder
 * @python: (nullable): the Python of sd-scripts; %NULL for `python`
 * @scripts_dir: (nullable): the sd-scripts folder; %NULL for a bare script name
 *
 * Returns: (transfer full): the trainer's argument vector: `python train_network.py` (or
 *   `sdxl_train_network.py`) with the base checkpoint, the dataset config, the output
 *   folder and name, the network module, dim and alpha, the epochs and the logging folder
 */
char         **lk_training_set_dup_command         (LkTrainingSet   *self,
                                                    const char      *export_dir,
                                                    const char      *python,
                                                    const char      *scripts_dir);

/**
 * lk_training_set_lint:
 * @self: a #LkTrainingSet
 *
 * Checks the captions and repeats before an export: a missing caption (blocking), the
 * trigger word missing or not first, a fixed trait in more than half the captions (it then
 * soaks up what the trigger should learn), an outfit trigger without images, concepts whose
 * steps per epoch differ more than threefold, fewer than 10 images, no base checkpoint.
 *
 * Returns: (transfer full) (element-type LkTrainingFinding): the findings, in image order
 */
GPtrArray     *lk_training_set_lint                (LkTrainingSet   *self);

/**
 * lk_training_set_export_async:
 * @self: a #LkTrainingSet
 * @export_dir: the folder to create or replace
 * @python: (nullable): the Python of sd-scripts, for `command.txt`
 * @scripts_dir: (nullable): the sd-scripts folder, for `command.txt`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes the set in kohya's layout (see #LkTrainingSet) off the main thread. The folder is
 * built beside @export_dir under a temporary name and renamed into place, so a failed or
 * cancelled export leaves @export_dir as it was (an earlier export's `model/` and `log/`
 * are carried over). A set with blocking lint findings is refused with
 * %LK_TRAINING_ERROR_INVALID.
 */
void           lk_training_set_export_async        (LkTrainingSet       *self,
                                                    const char          *export_dir,
                                                    const char          *python,
                                                    const char          *scripts_dir,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/**
 * lk_training_set_export_finish:
 * @self: a #LkTrainingSet
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the trainer's argument vector for the exported folder (as
 *   lk_training_set_dup_command()), or %NULL with @error set
 */
char         **lk_training_set_export_finish       (LkTrainingSet       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
