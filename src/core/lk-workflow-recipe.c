/* lk-workflow-recipe.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One generation's worth of edits, applied as a whole or not at all. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-recipe"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-workflow-private.h"
#include "lk-workflow-recipe.h"

/**
 * lk_workflow_recipe_init:
 * @recipe: a recipe to fill
 *
 * Sets @recipe to change nothing but what every generation needs: a random seed, the
 * studio's output names, and the default LoRA strength with trigger words on, ready for
 * @lora_name to be set.
 */
void
lk_workflow_recipe_init (LkWorkflowRecipe *recipe)
{
  g_return_if_fail (recipe != NULL);

  memset (recipe, 0, sizeof *recipe);
  recipe->lora_strength_model = LK_WORKFLOW_DEFAULT_STRENGTH;
  recipe->lora_strength_clip = LK_WORKFLOW_DEFAULT_STRENGTH;
  recipe->use_trigger_words = TRUE;
  recipe->seed_mode = LK_SEED_MODE_RANDOM;
}

static gboolean
apply_loras (LkWorkflow              *self,
             const LkWorkflowRecipe  *recipe,
             GError                 **error)
{
  g_autofree char *character_loader = _lk_workflow_character_lora (self);

  if (recipe->lora_name != NULL)
    {
      g_autofree char *added = NULL;

      if (character_loader != NULL)
        {
          if (!lk_workflow_set_lora (self, character_loader, recipe->lora_name,
                                     recipe->lora_strength_model, recipe->lora_strength_clip,
                                     error))
            return FALSE;
        }
      else if (!(added = lk_workflow_add_lora (self, recipe->lora_name,
                                               recipe->lora_strength_model,
                                               recipe->lora_strength_clip, error)))
        {
          return FALSE;
        }
    }
  else if (character_loader != NULL)
    {
      /* A character without a LoRA is drawn by the base model, never with the template's. */
      if (!lk_workflow_bypass_lora (self, character_loader, error))
        return FALSE;
    }

  for (guint i = 0; i < recipe->n_extra_loras; i++)
    {
      const LkLoraSpec *spec = &recipe->extra_loras[i];
      g_autofree char *added = lk_workflow_add_lora (self, spec->name, spec->strength_model,
                                                     spec->strength_clip, error);

      if (added == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_prompts (LkWorkflow              *self,
               const LkWorkflowRecipe  *recipe,
               GError                 **error)
{
  const char * const *lead_words = NULL;

  /* Trigger words belong to the LoRA: without one they would mean nothing. */
  if (recipe->lora_name != NULL && recipe->use_trigger_words)
    lead_words = recipe->trigger_words;

  if ((lead_words != NULL && lead_words[0] != NULL) || recipe->prompt != NULL ||
      recipe->replace_template_prompt)
    {
      if (!lk_workflow_set_prompt (self, LK_WORKFLOW_ROLE_POSITIVE, lead_words, recipe->prompt,
                                   !recipe->replace_template_prompt, error))
        return FALSE;
    }

  if (recipe->negative_prompt != NULL || recipe->replace_template_negative)
    {
      if (!lk_workflow_set_prompt (self, LK_WORKFLOW_ROLE_NEGATIVE, NULL, recipe->negative_prompt,
                                   !recipe->replace_template_negative, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_numbers (LkWorkflow              *self,
               const LkWorkflowRecipe  *recipe,
               GError                 **error)
{
  switch (recipe->seed_mode)
    {
    case LK_SEED_MODE_FIXED:
      if (!lk_workflow_set_seed (self, recipe->seed, error))
        return FALSE;
      break;

    case LK_SEED_MODE_RANDOM:
      {
        g_autoptr(GPtrArray) seeds = _lk_workflow_seed_targets (self);

        if (seeds->len > 0 && !lk_workflow_set_seed (self, lk_workflow_random_seed (), error))
          return FALSE;
      }
      break;

    case LK_SEED_MODE_KEEP:
    default:
      break;
    }

  if ((recipe->width != 0) != (recipe->height != 0))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                           _("Give both the width and the height, or neither"));
      return FALSE;
    }

  if (recipe->width != 0 && !lk_workflow_set_size (self, recipe->width, recipe->height, error))
    return FALSE;
  if (recipe->batch_size != 0 && !lk_workflow_set_batch_size (self, recipe->batch_size, error))
    return FALSE;
  if (recipe->frame_count != 0 && !lk_workflow_set_frame_count (self, recipe->frame_count, error))
    return FALSE;

  return TRUE;
}

/**
 * lk_workflow_apply_recipe:
 * @self: a #LkWorkflow
 * @recipe: what to change
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Applies one generation's edits in this order: checkpoint; the character's LoRA (injected
 * into the character's loader, or a loader inserted after the checkpoint when the template
 * has none, or the loader bypassed when the character has no LoRA); further LoRAs stacked
 * after it; the positive prompt (trigger words, the artist's text, the template's text);
 * the negative prompt; seed; size, batch and frame count; output names.
 *
 * Either every edit is made or, on error, none is: the graph and its list of changes are
 * left as they were. The result is validated before it is accepted.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_apply_recipe (LkWorkflow              *self,
                          const LkWorkflowRecipe  *recipe,
                          GError                 **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error))
    return FALSE;

  _lk_workflow_begin (self, &mark);

  if ((recipe->checkpoint != NULL && !lk_workflow_set_checkpoint (self, recipe->checkpoint, error)) ||
      !apply_loras (self, recipe, error) ||
      !apply_prompts (self, recipe, error) ||
      !apply_numbers (self, recipe, error) ||
      !lk_workflow_set_output_names (self, recipe->output_pattern, recipe->project,
                                     recipe->character, recipe->timestamp, error))
    {
      _lk_workflow_rollback (self, &mark);
      return FALSE;
    }

  /* Every edit keeps the graph valid; should one ever not, nothing is submitted. */
  problems = lk_workflow_validate (self);
  if (problems->len > 0)
    {
      const LkWorkflowProblem *first = g_ptr_array_index (problems, 0);

      g_critical ("Editing left the graph invalid: %s", first->message);
      _lk_workflow_rollback (self, &mark);
      self->valid_known = TRUE;
      self->valid = TRUE;
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_GRAPH,
                   _("Lorakeet could not edit this template correctly (%s); the template was "
                     "left unchanged"), first->message);
      return FALSE;
    }

  _lk_workflow_commit (self);
  return TRUE;
}
