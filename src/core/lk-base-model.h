/* lk-base-model.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Base-model families
 *
 * A LoRA only works with checkpoints of the architecture it was trained on. Lorakeet
 * reduces the many ways of naming a base model (kohya's `ss_base_model_version`,
 * ModelSpec's `modelspec.architecture`, checkpoint file names) to this small fixed
 * vocabulary of lowercase ASCII strings:
 *
 *   "sd15"  Stable Diffusion 1.x (1.4, 1.5 and their fine-tunes)
 *   "sd2"   Stable Diffusion 2.x (2.0, 2.1; 512 and 768-v)
 *   "sdxl"  Stable Diffusion XL and its fine-tunes (Pony, Illustrious, NoobAI, Animagine…)
 *   "sd3"   Stable Diffusion 3 and 3.5
 *   "flux"  FLUX.1 (dev, schnell) and its derivatives such as Chroma
 *
 * %NULL means "unknown": not recognised, or a family outside the vocabulary (FLUX.2,
 * Lumina, video models…). Code compares families with g_strcmp0() and treats %NULL as
 * "cannot tell", never as a mismatch.
 */
#define LK_BASE_MODEL_FAMILY_SD15 "sd15"
#define LK_BASE_MODEL_FAMILY_SD2  "sd2"
#define LK_BASE_MODEL_FAMILY_SDXL "sdxl"
#define LK_BASE_MODEL_FAMILY_SD3  "sd3"
#define LK_BASE_MODEL_FAMILY_FLUX "flux"

/**
 * lk_base_model_family_from_string:
 * @text: (nullable): a kohya `ss_base_model_version` ("sd_v1", "sdxl_base_v1-0", "flux1"…),
 *   a `modelspec.architecture` ("stable-diffusion-xl-v1-base/lora", "flux-1-dev"…), or a
 *   checkpoint file name or path ("sd_xl_base_1.0.safetensors", "ponyDiffusionV6XL",
 *   "v1-5-pruned-emaonly.safetensors", "flux1-dev-fp8.safetensors"…)
 *
 * Maps @text to a family of the vocabulary above. Matching ignores case, folders and the
 * file extension. Names that do not say their architecture (most SD 1.5 fine-tunes, such as
 * "anything-v5") give %NULL.
 *
 * Returns: (transfer none) (nullable): one of the `LK_BASE_MODEL_FAMILY_*` strings (static,
 *   so it may be compared by pointer too), or %NULL when unknown.
 */
const char *lk_base_model_family_from_string      (const char *text);

/**
 * lk_base_model_family_get_display_name:
 * @family: (nullable): a family of the vocabulary
 *
 * The name to show an artist for @family: "SD 1.5", "SD 2", "SDXL", "SD 3", "FLUX".
 *
 * Returns: (transfer none) (nullable): a translated string, or %NULL when @family is %NULL
 *   or not in the vocabulary.
 */
const char *lk_base_model_family_get_display_name (const char *family);

G_END_DECLS
