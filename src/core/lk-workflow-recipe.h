/* lk-workflow-recipe.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-workflow.h"

G_BEGIN_DECLS

/**
 * LK_WORKFLOW_DEFAULT_STRENGTH:
 *
 * The LoRA strength a character gets unless its profile says otherwise.
 */
#define LK_WORKFLOW_DEFAULT_STRENGTH 0.8

/**
 * LkSeedMode:
 * @LK_SEED_MODE_KEEP: keep the template's seed
 * @LK_SEED_MODE_RANDOM: a new random seed (below %LK_WORKFLOW_SEED_LIMIT)
 * @LK_SEED_MODE_FIXED: the seed given in the recipe
 *
 * How lk_workflow_apply_recipe() sets the seed.
 */
typedef enum
{
  LK_SEED_MODE_KEEP,
  LK_SEED_MODE_RANDOM,
  LK_SEED_MODE_FIXED,
} LkSeedMode;

/**
 * LkLoraSpec:
 * @name: the LoRA file as the server names it
 * @strength_model: its strength on the model
 * @strength_clip: its strength on CLIP
 *
 * A further LoRA to stack after the character's.
 */
typedef struct
{
  const char *name;
  double      strength_model;
  double      strength_clip;
} LkLoraSpec;

/**
 * LkWorkflowRecipe:
 * @checkpoint: (nullable): the checkpoint file, or %NULL to keep the template's
 * @lora_name: (nullable): the character's LoRA file, or %NULL if the character has none:
 *   then the character's loader is bypassed
 * @lora_strength_model: the LoRA's strength on the model
 * @lora_strength_clip: the LoRA's strength on CLIP
 * @trigger_words: (nullable) (array zero-terminated=1): the LoRA's trigger words
 * @use_trigger_words: whether the trigger words open the positive prompt; they are used only
 *   with @lora_name
 * @extra_loras: (nullable) (array length=n_extra_loras): LoRAs to stack after the character's
 * @n_extra_loras: the number of @extra_loras
 * @prompt: (nullable): the artist's positive text
 * @replace_template_prompt: drop the template's own positive text instead of keeping it last
 * @negative_prompt: (nullable): the artist's negative text
 * @replace_template_negative: drop the template's own negative text
 * @seed_mode: how to set the seed
 * @seed: the seed for %LK_SEED_MODE_FIXED
 * @width: the image width, or 0 to keep the template's
 * @height: the image height, or 0 to keep the template's
 * @batch_size: the batch size, or 0 to keep the template's
 * @frame_count: the frame count of a video template, or 0 to keep the template's
 * @output_pattern: (nullable): the output name pattern, %NULL for the studio's convention
 * @project: (nullable): the project's name, for `{project}`
 * @character: (nullable): the character's name, for `{character}`
 * @timestamp: (nullable): the time of the generation, %NULL for now
 *
 * Everything a generation changes in a template. Strings are borrowed. Initialise with
 * lk_workflow_recipe_init(), then set what applies.
 */
typedef struct
{
  const char          *checkpoint;

  const char          *lora_name;
  double               lora_strength_model;
  double               lora_strength_clip;
  const char * const  *trigger_words;
  gboolean             use_trigger_words;
  const LkLoraSpec    *extra_loras;
  guint                n_extra_loras;

  const char          *prompt;
  gboolean             replace_template_prompt;
  const char          *negative_prompt;
  gboolean             replace_template_negative;

  LkSeedMode           seed_mode;
  guint64              seed;

  guint                width;
  guint                height;
  guint                batch_size;
  guint                frame_count;

  const char          *output_pattern;
  const char          *project;
  const char          *character;
  GDateTime           *timestamp;
} LkWorkflowRecipe;

void     lk_workflow_recipe_init  (LkWorkflowRecipe        *recipe);
gboolean lk_workflow_apply_recipe (LkWorkflow              *self,
                                   const LkWorkflowRecipe  *recipe,
                                   GError                 **error);

G_END_DECLS
