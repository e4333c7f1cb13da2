/* lk-node-classes.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What Lorakeet knows about ComfyUI's node classes without asking a server: which nodes load
 * models, which apply LoRAs, which sample, which encode prompts, which save images or videos.
 * The workflow engine finds its way through a template with these; a server's /object_info
 * (LkObjectInfo) is only needed for preflight.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-node-classes"

#include "config.h"

#include <string.h>

#include "lk-node-classes.h"

static const LkModelLoaderClass model_loaders[] = {
  { "CheckpointLoaderSimple", "ckpt_name", 0, 1 },
  { "CheckpointLoader", "ckpt_name", 0, 1 },
  { "CheckpointLoaderSimpleWithNoiseSelect", "ckpt_name", 0, 1 },
  { "unCLIPCheckpointLoader", "ckpt_name", 0, 1 },
  { "ImageOnlyCheckpointLoader", "ckpt_name", 0, -1 },
  { "UNETLoader", "unet_name", 0, -1 },
  { "UnetLoaderGGUF", "unet_name", 0, -1 },
};

static const char * const samplers[] = {
  "KSampler",
  "KSamplerAdvanced",
  "SamplerCustom",
  "SamplerCustomAdvanced",
};

typedef struct
{
  const char *class_type;
  const char *inputs[4];
} TextEncoder;

static const TextEncoder text_encoders[] = {
  { "CLIPTextEncode", { "text", NULL } },
  { "CLIPTextEncodeSDXL", { "text_g", "text_l", NULL } },
  { "CLIPTextEncodeSDXLRefiner", { "text", NULL } },
  { "CLIPTextEncodeSD3", { "clip_l", "clip_g", "t5xxl", NULL } },
  { "CLIPTextEncodeFlux", { "clip_l", "t5xxl", NULL } },
  { "CLIPTextEncodeHunyuanDiT", { "bert", "mt5xl", NULL } },
  { "TextEncodeHunyuanVideo_ImageToVideo", { "prompt", NULL } },
  /* FizzNodes: `text` is a frame schedule; the words for every frame go in `pre_text`. */
  { "BatchPromptSchedule", { "pre_text", NULL } },
};

typedef struct
{
  const char   *class_type;
  LkOutputKind  kind;
} OutputClass;

static const OutputClass output_classes[] = {
  { "SaveImage", LK_OUTPUT_KIND_IMAGE },
  { "PreviewImage", LK_OUTPUT_KIND_IMAGE },
  { "SaveImageWebsocket", LK_OUTPUT_KIND_IMAGE },
  { "VHS_VideoCombine", LK_OUTPUT_KIND_VIDEO },
  { "SaveAnimatedWEBP", LK_OUTPUT_KIND_VIDEO },
  { "SaveAnimatedPNG", LK_OUTPUT_KIND_VIDEO },
  { "SaveVideo", LK_OUTPUT_KIND_VIDEO },
  { "SaveWEBM", LK_OUTPUT_KIND_VIDEO },
  { "PreviewVideo", LK_OUTPUT_KIND_VIDEO },
  { "SaveLatent", LK_OUTPUT_KIND_OTHER },
  { "SaveAudio", LK_OUTPUT_KIND_OTHER },
  { "PreviewAny", LK_OUTPUT_KIND_OTHER },
};

typedef struct
{
  const char *class_type;  /* NULL: any class */
  const char *input_name;
  const char *folder;
} ModelFolder;

/* Class-specific entries come first: `clip_name` of CLIPVisionLoader is not a text encoder. */
static const ModelFolder model_folders[] = {
  { "CLIPVisionLoader", "clip_name", "clip_vision" },
  { "ADE_LoadAnimateDiffModel", "model_name", "animatediff_models" },
  { "ADE_AnimateDiffLoaderWithContext", "model_name", "animatediff_models" },
  { "ADE_AnimateDiffLoaderGen1", "model_name", "animatediff_models" },
  { "ADE_AnimateDiffLoRALoader", "name", "animatediff_motion_lora" },
  { "UpscaleModelLoader", "model_name", "upscale_models" },
  { NULL, "lora_name", "loras" },
  { NULL, "ckpt_name", "checkpoints" },
  { NULL, "unet_name", "diffusion_models" },
  { NULL, "vae_name", "vae" },
  { NULL, "clip_name", "text_encoders" },
  { NULL, "clip_name1", "text_encoders" },
  { NULL, "clip_name2", "text_encoders" },
  { NULL, "clip_name3", "text_encoders" },
  { NULL, "control_net_name", "controlnet" },
  { NULL, "style_model_name", "style_models" },
  { NULL, "gligen_name", "gligen" },
  { NULL, "hypernetwork_name", "hypernetworks" },
  { NULL, "config_name", "configs" },
};

/**
 * lk_node_classes_find_model_loader:
 * @class_type: a node class
 *
 * Returns: (nullable): how @class_type loads a base model, or %NULL if it does not
 */
const LkModelLoaderClass *
lk_node_classes_find_model_loader (const char *class_type)
{
  g_return_val_if_fail (class_type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (model_loaders); i++)
    if (strcmp (model_loaders[i].class_type, class_type) == 0)
      return &model_loaders[i];

  return NULL;
}

/**
 * lk_node_classes_is_lora_loader:
 * @class_type: a node class
 * @model_only: (out) (optional): set to %TRUE for a loader that patches only the MODEL
 *
 * Returns: whether @class_type applies a LoRA to the base model (`LoraLoader`,
 *   `LoraLoaderModelOnly`)
 */
gboolean
lk_node_classes_is_lora_loader (const char *class_type,
                                gboolean   *model_only)
{
  gboolean only = FALSE;

  g_return_val_if_fail (class_type != NULL, FALSE);

  if (strcmp (class_type, "LoraLoaderModelOnly") == 0)
    only = TRUE;
  else if (strcmp (class_type, "LoraLoader") != 0)
    return FALSE;

  if (model_only != NULL)
    *model_only = only;
  return TRUE;
}

/**
 * lk_node_classes_is_sampler:
 * @class_type: a node class
 *
 * Returns: whether @class_type is one of ComfyUI's samplers (`KSampler`, `KSamplerAdvanced`,
 *   `SamplerCustom`, `SamplerCustomAdvanced`)
 */
gboolean
lk_node_classes_is_sampler (const char *class_type)
{
  g_return_val_if_fail (class_type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (samplers); i++)
    if (strcmp (samplers[i], class_type) == 0)
      return TRUE;

  return FALSE;
}

/**
 * lk_node_classes_get_text_inputs:
 * @class_type: a node class
 *
 * Returns: (transfer none) (nullable): the inputs holding the prompt text of a known text
 *   encoder, %NULL-terminated, or %NULL if @class_type is not one
 */
const char * const *
lk_node_classes_get_text_inputs (const char *class_type)
{
  g_return_val_if_fail (class_type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_encoders); i++)
    if (strcmp (text_encoders[i].class_type, class_type) == 0)
      return text_encoders[i].inputs;

  return NULL;
}

static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  gsize n = strlen (needle);

  for (const char *s = haystack; *s != '\0'; s++)
    if (g_ascii_strncasecmp (s, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/**
 * lk_node_classes_get_output_kind:
 * @class_type: a node class
 *
 * Tells output nodes apart from the rest and images from videos. Classes Lorakeet does not
 * know are judged by their name: `Save…` and `Preview…` nodes are outputs, and words such as
 * "Video", "Animated" or "WEBM" in the name make them video outputs.
 *
 * Returns: what an output node of @class_type produces
 */
LkOutputKind
lk_node_classes_get_output_kind (const char *class_type)
{
  static const char * const video_words[] = { "Video", "Animated", "WEBM", "GIF", "MP4" };

  g_return_val_if_fail (class_type != NULL, LK_OUTPUT_KIND_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (output_classes); i++)
    if (strcmp (output_classes[i].class_type, class_type) == 0)
      return output_classes[i].kind;

  if (!g_str_has_prefix (class_type, "Save") && !g_str_has_prefix (class_type, "Preview") &&
      !contains_ascii_nocase (class_type, "VideoCombine"))
    return LK_OUTPUT_KIND_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (video_words); i++)
    if (contains_ascii_nocase (class_type, video_words[i]))
      return LK_OUTPUT_KIND_VIDEO;

  if (contains_ascii_nocase (class_type, "Image"))
    return LK_OUTPUT_KIND_IMAGE;

  return LK_OUTPUT_KIND_OTHER;
}

/**
 * lk_node_classes_get_model_folder:
 * @class_type: a node class
 * @input_name: one of its inputs
 *
 * Names the folder below ComfyUI's `models/` that lists the files an input chooses from, for
 * messages such as "… is not in models/loras".
 *
 * Returns: (nullable): the folder key (`loras`, `checkpoints`, …), or %NULL if the input
 *   does not name a model file
 */
const char *
lk_node_classes_get_model_folder (const char *class_type,
                                  const char *input_name)
{
  g_return_val_if_fail (class_type != NULL, NULL);
  g_return_val_if_fail (input_name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (model_folders); i++)
    {
      const ModelFolder *entry = &model_folders[i];

      if (entry->class_type != NULL && strcmp (entry->class_type, class_type) != 0)
        continue;
      if (strcmp (entry->input_name, input_name) == 0)
        return entry->folder;
    }

  return NULL;
}
