/* lk-workflow-graph.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finding the parts of a template. Node ids differ from one template to the next, so every part
 * is found by its class and by following links: the main sampler is the one fed by an empty
 * latent, the main model loader is where its `model` input leads, the prompts are the text
 * encoders behind its `positive` and `negative` inputs, and so on. Every walk is bounded, so
 * a graph that has not been validated cannot trap these functions.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-graph"

#include "config.h"

#include <string.h>

#include "lk-node-classes.h"
#include "lk-workflow-private.h"

/* Longer than any real chain of model patches or conditioning nodes. */
#define MAX_WALK 256

static const char * const default_text_inputs[] = { "text", NULL };

void
_lk_workflow_forget_analysis (LkWorkflow *self)
{
  g_clear_pointer (&self->samplers, g_ptr_array_unref);
  g_clear_pointer (&self->encoders[0], g_ptr_array_unref);
  g_clear_pointer (&self->encoders[1], g_ptr_array_unref);
}

GPtrArray *
_lk_workflow_consumers (LkWorkflow *self,
                        const char *source_id,
                        gint64      slot)
{
  GPtrArray *ids = _lk_workflow_sorted_ids (self);
  GPtrArray *refs = g_ptr_array_new_with_free_func (_lk_input_ref_free);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *node_id = g_ptr_array_index (ids, i);
      JsonObject *inputs = _lk_workflow_get_inputs (self, node_id);
      g_autoptr(GList) names = inputs ? json_object_get_members (inputs) : NULL;

      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *from;
          gint64 from_slot;

          if (_lk_workflow_parse_link (json_object_get_member (inputs, l->data), &from, &from_slot) &&
              strcmp (from, source_id) == 0 && (slot < 0 || from_slot == slot))
            {
              LkInputRef *ref = g_new0 (LkInputRef, 1);

              ref->node_id = g_strdup (node_id);
              ref->input = g_strdup (l->data);
              g_ptr_array_add (refs, ref);
            }
        }
    }

  return refs;
}

static gboolean
is_sampler (LkWorkflow *self,
            const char *node_id)
{
  const char *class_type = lk_workflow_get_class_type (self, node_id);

  if (class_type == NULL)
    return FALSE;
  if (lk_node_classes_is_sampler (class_type))
    return TRUE;

  /* Custom samplers ("KSampler (Efficient)", …) take the same three links. */
  return _lk_workflow_input_link (self, node_id, "positive", NULL, NULL) &&
         _lk_workflow_input_link (self, node_id, "negative", NULL, NULL) &&
         _lk_workflow_input_link (self, node_id, "latent_image", NULL, NULL);
}

static gboolean
is_model_loader (LkWorkflow *self,
                 const char *node_id)
{
  const char *class_type = lk_workflow_get_class_type (self, node_id);

  return class_type != NULL && lk_node_classes_find_model_loader (class_type) != NULL;
}

static gboolean
is_lora_loader (LkWorkflow *self,
                const char *node_id)
{
  const char *class_type = lk_workflow_get_class_type (self, node_id);

  return class_type != NULL && lk_node_classes_is_lora_loader (class_type, NULL);
}

static const char * const *
text_inputs (LkWorkflow *self,
             const char *node_id)
{
  const char *class_type = lk_workflow_get_class_type (self, node_id);
  const char * const *known;

  if (class_type == NULL)
    return NULL;
  if ((known = lk_node_classes_get_text_inputs (class_type)) != NULL)
    return known;

  /* An encoder Lorakeet does not know: a `text` input next to a CLIP link. */
  if (lk_workflow_get_input (self, node_id, "text") != NULL &&
      _lk_workflow_input_link (self, node_id, "clip", NULL, NULL))
    return default_text_inputs;

  return NULL;
}

char *
_lk_workflow_trace_model_loader (LkWorkflow *self,
                                 const char *node_id)
{
  const char *current = node_id;

  for (guint steps = 0; steps < MAX_WALK && current != NULL; steps++)
    {
      const char *next = NULL;

      if (is_model_loader (self, current))
        return g_strdup (current);

      if (!_lk_workflow_input_link (self, current, "model", &next, NULL))
        _lk_workflow_input_link (self, current, "guider", &next, NULL);
      current = next;
    }

  return NULL;
}

/* Shared with the cache: do not change the array. */
static GPtrArray *
find_samplers (LkWorkflow *self)
{
  if (self->samplers == NULL)
    {
      GPtrArray *ids = _lk_workflow_sorted_ids (self);

      self->samplers = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < ids->len; i++)
        if (is_sampler (self, g_ptr_array_index (ids, i)))
          g_ptr_array_add (self->samplers, g_strdup (g_ptr_array_index (ids, i)));
    }

  return g_ptr_array_ref (self->samplers);
}

/* Whether @sampler refines the latent of another sampler (a refiner, a hires-fix pass), found
 * by following its latent back through upscales and other latent nodes. */
static gboolean
samples_another_sampler (LkWorkflow *self,
                         const char *sampler)
{
  static const char * const latent_inputs[] = { "latent_image", "samples", "latent", "latents" };
  const char *current = NULL;

  if (!_lk_workflow_input_link (self, sampler, "latent_image", &current, NULL))
    return FALSE;

  for (guint steps = 0; steps < MAX_WALK && current != NULL; steps++)
    {
      const char *next = NULL;

      if (is_sampler (self, current))
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (latent_inputs) && next == NULL; i++)
        _lk_workflow_input_link (self, current, latent_inputs[i], &next, NULL);
      current = next;
    }

  return FALSE;
}

char *
_lk_workflow_main_sampler (LkWorkflow *self)
{
  g_autoptr(GPtrArray) samplers = find_samplers (self);

  /* A refiner's or a second pass's latent comes from another sampler; the main one's does not. */
  for (guint i = 0; i < samplers->len; i++)
    {
      const char *sampler = g_ptr_array_index (samplers, i);

      if (!samples_another_sampler (self, sampler))
        return g_strdup (sampler);
    }

  return samplers->len > 0 ? g_strdup (g_ptr_array_index (samplers, 0)) : NULL;
}

char *
_lk_workflow_main_model_loader (LkWorkflow *self)
{
  g_autofree char *sampler = _lk_workflow_main_sampler (self);
  GPtrArray *ids;
  char *loader;

  if (sampler != NULL && (loader = _lk_workflow_trace_model_loader (self, sampler)) != NULL)
    return loader;

  ids = _lk_workflow_sorted_ids (self);
  for (guint i = 0; i < ids->len; i++)
    if (is_model_loader (self, g_ptr_array_index (ids, i)))
      return g_strdup (g_ptr_array_index (ids, i));

  return NULL;
}

GPtrArray *
_lk_workflow_lora_chain (LkWorkflow *self,
                         const char *loader_id)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *ids = _lk_workflow_sorted_ids (self);
  const char *current = loader_id;

  while (current != NULL && chain->len < MAX_WALK)
    {
      const char *next = NULL;

      for (guint i = 0; i < ids->len && next == NULL; i++)
        {
          const char *candidate = g_ptr_array_index (ids, i);
          const char *source;
          gint64 slot;

          if (is_lora_loader (self, candidate) &&
              _lk_workflow_input_link (self, candidate, "model", &source, &slot) &&
              slot == 0 && strcmp (source, current) == 0 &&
              !g_ptr_array_find_with_equal_func (chain, candidate, g_str_equal, NULL))
            next = candidate;
        }

      if (next != NULL)
        g_ptr_array_add (chain, g_strdup (next));
      current = next;
    }

  return chain;
}

static gboolean
title_mentions_character (LkWorkflow *self,
                          const char *node_id)
{
  JsonObject *node = _lk_workflow_get_node (self, node_id);
  JsonNode *meta;
  JsonNode *title;
  const char *text;

  if (node == NULL || !(meta = json_object_get_member (node, "_meta")) ||
      !JSON_NODE_HOLDS_OBJECT (meta) ||
      !(title = json_object_get_member (json_node_get_object (meta), "title")) ||
      !JSON_NODE_HOLDS_VALUE (title) || json_node_get_value_type (title) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (title);
  for (const char *s = text; *s != '\0'; s++)
    if (g_ascii_strncasecmp (s, "character", 9) == 0)
      return TRUE;

  return FALSE;
}

char *
_lk_workflow_character_lora (LkWorkflow *self)
{
  GPtrArray *ids = _lk_workflow_sorted_ids (self);
  g_autofree char *main_loader = NULL;
  const char *first = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *node_id = g_ptr_array_index (ids, i);

      if (!is_lora_loader (self, node_id))
        continue;
      if (title_mentions_character (self, node_id))
        return g_strdup (node_id);
      if (first == NULL)
        first = node_id;
    }

  if (first == NULL)
    return NULL;

  if ((main_loader = _lk_workflow_main_model_loader (self)) != NULL)
    {
      g_autoptr(GPtrArray) chain = _lk_workflow_lora_chain (self, main_loader);

      if (chain->len > 0)
        return g_strdup (g_ptr_array_index (chain, 0));
    }

  return g_strdup (first);
}

static void
collect_encoders (LkWorkflow *self,
                  const char *start,
                  const char *role_input,
                  GPtrArray  *found)
{
  static const char * const conditioning_inputs[] = {
    "conditioning", "conditioning_1", "conditioning_2", "conditioning_to", "conditioning_from",
  };
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_ptr_array_add (queue, g_strdup (start));

  for (guint steps = 0; queue->len > 0 && steps < MAX_WALK; steps++)
    {
      g_autofree char *node_id = g_ptr_array_steal_index (queue, 0);
      const char *class_type = lk_workflow_get_class_type (self, node_id);
      const char *source;

      if (class_type == NULL || !g_hash_table_add (seen, g_strdup (node_id)))
        continue;

      if (text_inputs (self, node_id) != NULL)
        {
          if (!g_ptr_array_find_with_equal_func (found, node_id, g_str_equal, NULL))
            g_ptr_array_add (found, g_strdup (node_id));
          continue;
        }

      /* A zeroed conditioning carries no prompt of its own. */
      if (strcmp (class_type, "ConditioningZeroOut") == 0)
        continue;

      /* Nodes that carry both (ControlNet apply, …): follow only this prompt's side. */
      if (lk_workflow_get_input (self, node_id, "positive") != NULL ||
          lk_workflow_get_input (self, node_id, "negative") != NULL)
        {
          if (_lk_workflow_input_link (self, node_id, role_input, &source, NULL))
            g_ptr_array_add (queue, g_strdup (source));
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (conditioning_inputs); i++)
        if (_lk_workflow_input_link (self, node_id, conditioning_inputs[i], &source, NULL))
          g_ptr_array_add (queue, g_strdup (source));
    }
}

static GPtrArray *
find_encoders (LkWorkflow *self,
               const char *role_input)
{
  g_autoptr(GPtrArray) samplers = find_samplers (self);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  gboolean positive = strcmp (role_input, "positive") == 0;

  for (guint i = 0; i < samplers->len; i++)
    {
      const char *sampler = g_ptr_array_index (samplers, i);
      const char *start = NULL;
      const char *guider;

      if (!_lk_workflow_input_link (self, sampler, role_input, &start, NULL) &&
          _lk_workflow_input_link (self, sampler, "guider", &guider, NULL) &&
          !_lk_workflow_input_link (self, guider, role_input, &start, NULL) && positive)
        _lk_workflow_input_link (self, guider, "conditioning", &start, NULL);

      if (start != NULL)
        collect_encoders (self, start, role_input, found);
    }

  return found;
}

GPtrArray *
_lk_workflow_text_encoders (LkWorkflow     *self,
                            LkWorkflowRole  which)
{
  g_assert (which == LK_WORKFLOW_ROLE_POSITIVE || which == LK_WORKFLOW_ROLE_NEGATIVE);

  if (self->encoders[0] == NULL)
    {
      GPtrArray *positive = find_encoders (self, "positive");
      GPtrArray *negative = find_encoders (self, "negative");

      /* An encoder reached from both sides is the positive prompt reused: never edit it as the
       * negative one. */
      for (guint i = negative->len; i > 0; i--)
        if (g_ptr_array_find_with_equal_func (positive, g_ptr_array_index (negative, i - 1),
                                              g_str_equal, NULL))
          g_ptr_array_remove_index (negative, i - 1);

      self->encoders[0] = positive;
      self->encoders[1] = negative;
    }

  return g_ptr_array_ref (self->encoders[which == LK_WORKFLOW_ROLE_POSITIVE ? 0 : 1]);
}

char *
_lk_workflow_latent_node (LkWorkflow *self)
{
  g_autofree char *sampler = _lk_workflow_main_sampler (self);
  GPtrArray *ids;
  const char *source;

  if (sampler != NULL &&
      _lk_workflow_input_link (self, sampler, "latent_image", &source, NULL) &&
      lk_workflow_get_class_type (self, source) != NULL &&
      (lk_workflow_get_input (self, source, "width") != NULL ||
       lk_workflow_get_input (self, source, "batch_size") != NULL ||
       lk_workflow_get_input (self, source, "length") != NULL))
    return g_strdup (source);

  ids = _lk_workflow_sorted_ids (self);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *node_id = g_ptr_array_index (ids, i);
      const char *class_type = lk_workflow_get_class_type (self, node_id);

      if (class_type != NULL && g_str_has_prefix (class_type, "Empty") &&
          strstr (class_type, "Latent") != NULL)
        return g_strdup (node_id);
    }

  return NULL;
}

static gboolean
is_number_literal (JsonNode *value)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         (json_node_get_value_type (value) == G_TYPE_INT64 ||
          json_node_get_value_type (value) == G_TYPE_DOUBLE);
}

static void
add_seed_target (GPtrArray  *targets,
                 const char *node_id,
                 const char *input)
{
  LkInputRef *ref;

  for (guint i = 0; i < targets->len; i++)
    {
      LkInputRef *other = g_ptr_array_index (targets, i);

      if (strcmp (other->node_id, node_id) == 0 && strcmp (other->input, input) == 0)
        return;
    }

  ref = g_new0 (LkInputRef, 1);
  ref->node_id = g_strdup (node_id);
  ref->input = g_strdup (input);
  g_ptr_array_add (targets, ref);
}

GPtrArray *
_lk_workflow_seed_targets (LkWorkflow *self)
{
  static const char * const names[] = { "seed", "noise_seed" };
  static const char * const source_names[] = { "seed", "noise_seed", "value", "int" };
  GPtrArray *ids = _lk_workflow_sorted_ids (self);
  GPtrArray *targets = g_ptr_array_new_with_free_func (_lk_input_ref_free);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *node_id = g_ptr_array_index (ids, i);

      if (lk_workflow_get_class_type (self, node_id) == NULL)
        continue;

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          JsonNode *value = lk_workflow_get_input (self, node_id, names[n]);
          const char *source;

          if (is_number_literal (value))
            {
              add_seed_target (targets, node_id, names[n]);
              continue;
            }

          /* A seed from a number node (PrimitiveInt, a seed widget node): set it there. */
          if (!_lk_workflow_parse_link (value, &source, NULL) ||
              lk_workflow_get_class_type (self, source) == NULL)
            continue;
          for (guint s = 0; s < G_N_ELEMENTS (source_names); s++)
            if (is_number_literal (lk_workflow_get_input (self, source, source_names[s])))
              {
                add_seed_target (targets, source, source_names[s]);
                break;
              }
        }
    }

  return targets;
}

/**
 * lk_workflow_get_kind:
 * @self: a #LkWorkflow
 *
 * Returns: %LK_WORKFLOW_KIND_VIDEO if any output node saves a video or an animation,
 *   otherwise %LK_WORKFLOW_KIND_IMAGE
 */
LkWorkflowKind
lk_workflow_get_kind (LkWorkflow *self)
{
  GPtrArray *ids;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), LK_WORKFLOW_KIND_IMAGE);

  ids = _lk_workflow_sorted_ids (self);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *class_type = lk_workflow_get_class_type (self, g_ptr_array_index (ids, i));

      if (class_type != NULL && lk_node_classes_get_output_kind (class_type) == LK_OUTPUT_KIND_VIDEO)
        return LK_WORKFLOW_KIND_VIDEO;
    }

  return LK_WORKFLOW_KIND_IMAGE;
}

static void
add_unique (GPtrArray  *list,
            const char *node_id)
{
  if (node_id != NULL && !g_ptr_array_find_with_equal_func (list, node_id, g_str_equal, NULL))
    g_ptr_array_add (list, g_strdup (node_id));
}

static gboolean
plays_role (LkWorkflow     *self,
            const char     *node_id,
            LkWorkflowRole  role)
{
  const char *class_type = lk_workflow_get_class_type (self, node_id);

  if (class_type == NULL)
    return FALSE;

  switch (role)
    {
    case LK_WORKFLOW_ROLE_MODEL_LOADER:
      return is_model_loader (self, node_id);
    case LK_WORKFLOW_ROLE_LORA_LOADER:
      return is_lora_loader (self, node_id);
    case LK_WORKFLOW_ROLE_SAMPLER:
      return is_sampler (self, node_id);
    case LK_WORKFLOW_ROLE_SEED:
    case LK_WORKFLOW_ROLE_OUTPUT:
      return lk_node_classes_get_output_kind (class_type) != LK_OUTPUT_KIND_NONE;
    case LK_WORKFLOW_ROLE_CHARACTER_LORA:
    case LK_WORKFLOW_ROLE_POSITIVE:
    case LK_WORKFLOW_ROLE_NEGATIVE:
    case LK_WORKFLOW_ROLE_LATENT:
    default:
      return FALSE;
    }
}

/**
 * lk_workflow_find:
 * @self: a #LkWorkflow
 * @role: the part to look for
 *
 * Finds the nodes playing @role (see #LkWorkflowRole for how each is recognised). Where one
 * node matters most (the main model loader, the main sampler) it comes first; the others
 * follow in natural id order.
 *
 * Returns: (transfer full): the node ids, possibly none
 */
char **
lk_workflow_find (LkWorkflow     *self,
                  LkWorkflowRole  role)
{
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *ids;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);

  switch (role)
    {
    case LK_WORKFLOW_ROLE_POSITIVE:
    case LK_WORKFLOW_ROLE_NEGATIVE:
      {
        g_autoptr(GPtrArray) encoders = _lk_workflow_text_encoders (self, role);

        found = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 0; i < encoders->len; i++)
          add_unique (found, g_ptr_array_index (encoders, i));
      }
      break;

    case LK_WORKFLOW_ROLE_CHARACTER_LORA:
      {
        g_autofree char *loader = _lk_workflow_character_lora (self);

        found = g_ptr_array_new_with_free_func (g_free);
        add_unique (found, loader);
      }
      break;

    case LK_WORKFLOW_ROLE_LATENT:
      {
        g_autofree char *latent = _lk_workflow_latent_node (self);

        found = g_ptr_array_new_with_free_func (g_free);
        add_unique (found, latent);
      }
      break;

    case LK_WORKFLOW_ROLE_SEED:
      {
        g_autoptr(GPtrArray) targets = _lk_workflow_seed_targets (self);

        found = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 0; i < targets->len; i++)
          add_unique (found, ((LkInputRef *) g_ptr_array_index (targets, i))->node_id);
      }
      break;

    case LK_WORKFLOW_ROLE_MODEL_LOADER:
    case LK_WORKFLOW_ROLE_LORA_LOADER:
    case LK_WORKFLOW_ROLE_SAMPLER:
    case LK_WORKFLOW_ROLE_OUTPUT:
    default:
      found = g_ptr_array_new_with_free_func (g_free);
      if (role == LK_WORKFLOW_ROLE_MODEL_LOADER || role == LK_WORKFLOW_ROLE_LORA_LOADER)
        {
          g_autofree char *main_loader = _lk_workflow_main_model_loader (self);

          if (role == LK_WORKFLOW_ROLE_MODEL_LOADER)
            add_unique (found, main_loader);
          else if (main_loader != NULL)
            {
              g_autoptr(GPtrArray) chain = _lk_workflow_lora_chain (self, main_loader);

              for (guint i = 0; i < chain->len; i++)
                add_unique (found, g_ptr_array_index (chain, i));
            }
        }
      else if (role == LK_WORKFLOW_ROLE_SAMPLER)
        {
          g_autofree char *main_sampler = _lk_workflow_main_sampler (self);

          add_unique (found, main_sampler);
        }

      ids = _lk_workflow_sorted_ids (self);
      for (guint i = 0; i < ids->len; i++)
        if (plays_role (self, g_ptr_array_index (ids, i), role))
          add_unique (found, g_ptr_array_index (ids, i));
      break;
    }

  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}
