/* lk-node-classes.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LkOutputKind:
 * @LK_OUTPUT_KIND_NONE: not an output node
 * @LK_OUTPUT_KIND_IMAGE: saves or previews still images
 * @LK_OUTPUT_KIND_VIDEO: saves videos or animations
 * @LK_OUTPUT_KIND_OTHER: an output node that makes neither (latents, text, audio)
 *
 * What an output node of ComfyUI produces.
 */
typedef enum
{
  LK_OUTPUT_KIND_NONE,
  LK_OUTPUT_KIND_IMAGE,
  LK_OUTPUT_KIND_VIDEO,
  LK_OUTPUT_KIND_OTHER,
} LkOutputKind;

/**
 * LkModelLoaderClass:
 * @class_type: the node class
 * @name_input: the input naming the model file (`ckpt_name`, `unet_name`)
 * @model_slot: the output slot of the MODEL
 * @clip_slot: the output slot of the CLIP, or -1 when the loader has none
 *
 * A node class that loads a base model: a checkpoint, or a diffusion model on its own.
 */
typedef struct
{
  const char *class_type;
  const char *name_input;
  int         model_slot;
  int         clip_slot;
} LkModelLoaderClass;

const LkModelLoaderClass *lk_node_classes_find_model_loader (const char *class_type);
gboolean                  lk_node_classes_is_lora_loader    (const char *class_type,
                                                             gboolean   *model_only);
gboolean                  lk_node_classes_is_sampler        (const char *class_type);
const char * const       *lk_node_classes_get_text_inputs   (const char *class_type);
LkOutputKind              lk_node_classes_get_output_kind   (const char *class_type);
const char               *lk_node_classes_get_model_folder  (const char *class_type,
                                                             const char *input_name);

G_END_DECLS
