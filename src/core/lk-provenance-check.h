/* lk-provenance-check.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-provenance.h"

G_BEGIN_DECLS

/**
 * LkLoraVerdict:
 * @LK_LORA_VERDICT_OK: the frame was made with the character's own LoRA (or, for a character
 *   without one, with the base model only)
 * @LK_LORA_VERDICT_UNKNOWN: nothing to compare: the frame has no ComfyUI metadata
 * @LK_LORA_VERDICT_OTHER_CHARACTER: the frame was made with another character's LoRA
 * @LK_LORA_VERDICT_UNEXPECTED_LORA: the character has no LoRA, yet the frame was made with one
 * @LK_LORA_VERDICT_MISSING_LORA: the character has a LoRA, yet the frame was made without it
 *
 * Whether a frame shows the character it is filed under, as far as its LoRA tells.
 */
typedef enum
{
  LK_LORA_VERDICT_OK,
  LK_LORA_VERDICT_UNKNOWN,
  LK_LORA_VERDICT_OTHER_CHARACTER,
  LK_LORA_VERDICT_UNEXPECTED_LORA,
  LK_LORA_VERDICT_MISSING_LORA,
} LkLoraVerdict;

/**
 * lk_lora_name_key:
 * @name: a LoRA file name or path as ComfyUI, the catalog or a server writes it
 *   ("chars\\Mei_Working_v1.safetensors", "/srv/loras/mei_working_v1.safetensors")
 *
 * The name LoRA names are compared by: the file name without folders (either separator),
 * case-folded.
 *
 * Returns: (transfer full) (nullable): the key, %NULL for an empty name
 */
char          *lk_lora_name_key          (const char    *name);

/**
 * lk_lora_name_equal:
 * @a: (nullable): a LoRA name
 * @b: (nullable): another
 *
 * Returns: whether @a and @b name the same file (see lk_lora_name_key())
 */
gboolean       lk_lora_name_equal        (const char    *a,
                                          const char    *b);

/**
 * lk_provenance_check_lora:
 * @provenance: the frame's provenance
 * @character_name: the character the frame is filed under
 * @character_loras: (nullable) (array zero-terminated=1): every LoRA file of that character
 *   (all versions; the current one first), %NULL or empty for a character without a LoRA
 * @owners: (nullable) (element-type utf8 utf8): lk_lora_name_key() of each character LoRA
 *   in the catalog → the name of the character it belongs to
 * @message: (out) (optional) (transfer full): a sentence for the artist when the verdict is
 *   not %LK_LORA_VERDICT_OK, such as "This frame was made with mei_working_v1.safetensors,
 *   which is Mei Kobayashi's LoRA, but it is filed under Rina Suzuki."
 *
 * Checks that a frame was made with its character's own LoRA. A LoRA that belongs to no
 * character (a style LoRA) next to the character's own is fine; another character's LoRA
 * never is.
 *
 * Returns: the verdict
 */
LkLoraVerdict  lk_provenance_check_lora  (LkProvenance        *provenance,
                                          const char          *character_name,
                                          const char * const  *character_loras,
                                          GHashTable          *owners,
                                          char               **message);

/**
 * lk_lora_verdict_to_string:
 * @verdict: a verdict
 *
 * Returns: (transfer none): a stable name for scripts: "ok", "unknown", "other-character",
 *   "unexpected-lora", "missing-lora"
 */
const char    *lk_lora_verdict_to_string (LkLoraVerdict  verdict);

G_END_DECLS
