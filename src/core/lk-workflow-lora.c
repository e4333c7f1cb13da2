/* lk-workflow-lora.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Edits of the model part of a template: putting the character's LoRA into its loader, taking
 * the loader out when the character has none, adding loaders, choosing the checkpoint. Each
 * edit checks everything first and changes the graph only through the journal, so a failed
 * edit leaves no trace.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-lora"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lk-json-writer.h"
#include "lk-node-classes.h"
#include "lk-workflow-private.h"

/* The range ComfyUI's LoraLoader accepts. */
#define MAX_STRENGTH 100.0

static JsonNode *
new_link (const char *node_id,
          gint64      slot)
{
  JsonArray *array = json_array_sized_new (2);
  JsonNode *node = json_node_alloc ();

  json_array_add_string_element (array, node_id);
  json_array_add_int_element (array, slot);
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}

static char *
format_double (double value)
{
  GString *out = g_string_new (NULL);

  lk_json_write_double (out, value);
  return g_string_free (out, FALSE);
}

static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The %s name is empty or not UTF-8 text"), what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_strength (double   strength,
                GError **error)
{
  if (!isfinite (strength) || fabs (strength) > MAX_STRENGTH)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("A LoRA strength must lie between -%.0f and %.0f"), MAX_STRENGTH, MAX_STRENGTH);
      return FALSE;
    }

  return TRUE;
}

/* Refuses inputs that are fed by a link: Lorakeet edits literals, never other nodes' outputs. */
static gboolean
check_literal (LkWorkflow  *self,
               const char  *node_id,
               const char  *input,
               GError     **error)
{
  const char *source;

  if (_lk_workflow_input_link (self, node_id, input, &source, NULL))
    {
      g_autofree char *label = _lk_workflow_label (self, node_id);
      g_autofree char *source_label = _lk_workflow_label (self, source);

      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                   _("%s takes its %s from %s; write the value into %s itself in the template "
                     "so that Lorakeet can set it"), label, input, source_label, label);
      return FALSE;
    }

  return TRUE;
}

static char *
find_lora_loader (LkWorkflow  *self,
                  const char  *node_id,
                  gboolean    *model_only,
                  GError     **error)
{
  const char *class_type;
  char *target;

  target = node_id != NULL ? g_strdup (node_id) : _lk_workflow_character_lora (self);
  if (target == NULL)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           _("The template has no LoRA loader (LoraLoader or LoraLoaderModelOnly)"));
      return NULL;
    }

  class_type = lk_workflow_get_class_type (self, target);
  if (class_type == NULL || !lk_node_classes_is_lora_loader (class_type, model_only))
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                   _("The template has no LoRA loader with the id %s"), target);
      g_free (target);
      return NULL;
    }

  return target;
}

static void
append_strength_change (GString    *text,
                        const char *name,
                        JsonNode   *old_value,
                        double      new_value)
{
  g_autofree char *old_text = _lk_workflow_describe_value (old_value);
  g_autofree char *new_text = format_double (new_value);

  if (g_strcmp0 (old_text, new_text) == 0)
    return;
  if (text->len > 0)
    g_string_append (text, ", ");
  g_string_append_printf (text, "%s %s → %s", name, old_text, new_text);
}

/**
 * lk_workflow_set_lora:
 * @self: a #LkWorkflow
 * @node_id: (nullable): the LoRA loader to change, or %NULL for the character's loader
 *   (see %LK_WORKFLOW_ROLE_CHARACTER_LORA)
 * @lora_name: the LoRA file as the server names it (`mei_working_v1.safetensors`)
 * @strength_model: the strength on the model, between -100 and 100
 * @strength_clip: the strength on CLIP; ignored by `LoraLoaderModelOnly`
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Puts a LoRA into an existing loader. Fails, changing nothing, if the template has no
 * loader, if a value to change is fed by a link, or if the graph is not valid.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_lora (LkWorkflow  *self,
                      const char  *node_id,
                      const char  *lora_name,
                      double       strength_model,
                      double       strength_clip,
                      GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GString) text = NULL;
  JsonObject *inputs;
  JsonNode *old_model;
  JsonNode *old_clip;
  const char *old_name;
  gboolean model_only = FALSE;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error) ||
      !check_name (lora_name, _("LoRA file"), error) ||
      !check_strength (strength_model, error) ||
      !check_strength (strength_clip, error) ||
      !(target = find_lora_loader (self, node_id, &model_only, error)) ||
      !check_literal (self, target, "lora_name", error) ||
      !check_literal (self, target, "strength_model", error) ||
      (!model_only && !check_literal (self, target, "strength_clip", error)))
    return FALSE;

  inputs = _lk_workflow_get_inputs (self, target);
  old_name = _lk_workflow_input_string (self, target, "lora_name");
  old_model = json_object_get_member (inputs, "strength_model");
  old_clip = json_object_get_member (inputs, "strength_clip");

  /* The change in words, before the old values are replaced. */
  text = g_string_new (NULL);
  if (g_strcmp0 (old_name, lora_name) != 0)
    {
      g_autofree char *old_text = _lk_workflow_describe_value (json_object_get_member (inputs, "lora_name"));

      g_string_append_printf (text, "lora_name %s → %s", old_text, lora_name);
    }
  if (model_only || (strength_model == strength_clip && old_model != NULL && old_clip != NULL &&
                     json_node_equal (old_model, old_clip)))
    {
      append_strength_change (text, "strength", old_model, strength_model);
    }
  else
    {
      append_strength_change (text, "strength_model", old_model, strength_model);
      append_strength_change (text, "strength_clip", old_clip, strength_clip);
    }

  if (text->len == 0)
    return TRUE;

  _lk_workflow_begin (self, &mark);
  _lk_workflow_set_input (self, target, "lora_name", json_node_init_string (json_node_alloc (), lora_name));
  _lk_workflow_set_input (self, target, "strength_model",
                          json_node_init_double (json_node_alloc (), strength_model));
  if (!model_only)
    _lk_workflow_set_input (self, target, "strength_clip",
                            json_node_init_double (json_node_alloc (), strength_clip));
  label = _lk_workflow_label (self, target);
  _lk_workflow_add_change (self, "%s: %s", label, text->str);
  _lk_workflow_commit (self);

  return TRUE;
}

/**
 * lk_workflow_bypass_lora:
 * @self: a #LkWorkflow
 * @node_id: (nullable): the LoRA loader to take out, or %NULL for the character's loader
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Removes a LoRA loader, as for a character without a LoRA: every input that took the
 * loader's MODEL now takes the loader's own `model` input, and every input that took its CLIP
 * the loader's `clip` input. Fails, changing nothing, if there is no such loader or its inputs
 * are not links.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_bypass_lora (LkWorkflow  *self,
                         const char  *node_id,
                         GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) consumers = NULL;
  g_autoptr(GString) rewired = NULL;
  const char *sources[2] = { NULL, NULL };
  gint64 slots[2] = { 0, 0 };
  gboolean model_only = FALSE;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error) ||
      !(target = find_lora_loader (self, node_id, &model_only, error)))
    return FALSE;

  label = _lk_workflow_label (self, target);
  if (!_lk_workflow_input_link (self, target, "model", &sources[0], &slots[0]) ||
      (!model_only && !_lk_workflow_input_link (self, target, "clip", &sources[1], &slots[1])))
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                   _("%s cannot be bypassed: its model and clip inputs must be links"), label);
      return FALSE;
    }

  consumers = _lk_workflow_consumers (self, target, -1);
  for (guint i = 0; i < consumers->len; i++)
    {
      LkInputRef *ref = g_ptr_array_index (consumers, i);
      gint64 slot;

      _lk_workflow_input_link (self, ref->node_id, ref->input, NULL, &slot);
      if (slot > (model_only ? 0 : 1))
        {
          g_autofree char *consumer = _lk_workflow_label (self, ref->node_id);

          g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_GRAPH,
                       _("%s, input %s, takes output %d of %s, which has no such output"),
                       consumer, ref->input, (int) slot, label);
          return FALSE;
        }
    }

  name = _lk_workflow_describe_value (lk_workflow_get_input (self, target, "lora_name"));
  rewired = g_string_new (NULL);

  _lk_workflow_begin (self, &mark);
  for (guint i = 0; i < consumers->len; i++)
    {
      LkInputRef *ref = g_ptr_array_index (consumers, i);
      g_autofree char *consumer = _lk_workflow_label (self, ref->node_id);
      g_autofree char *source = NULL;
      gint64 slot;

      _lk_workflow_input_link (self, ref->node_id, ref->input, NULL, &slot);
      source = _lk_workflow_label (self, sources[slot]);
      g_string_append_printf (rewired, "%s%s %s → %s", i > 0 ? ", " : "", consumer, ref->input,
                              source);
      _lk_workflow_set_input (self, ref->node_id, ref->input, new_link (sources[slot], slots[slot]));
    }
  _lk_workflow_remove_node (self, target);
  if (rewired->len > 0)
    _lk_workflow_add_change (self, _("%s (%s) bypassed: %s"), label, name, rewired->str);
  else
    _lk_workflow_add_change (self, _("%s (%s) removed"), label, name);
  _lk_workflow_commit (self);

  return TRUE;
}

/**
 * lk_workflow_add_lora:
 * @self: a #LkWorkflow
 * @lora_name: the LoRA file as the server names it
 * @strength_model: the strength on the model, between -100 and 100
 * @strength_clip: the strength on CLIP; unused when the new loader patches only the model
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Adds a LoRA loader at the end of the chain that starts at the main model loader: right
 * after the checkpoint when the template has no loader, after the last loader otherwise, so
 * that further LoRAs stack. Everything that took the model (and CLIP) from the previous end
 * of the chain now takes it from the new loader. The new loader is a `LoraLoader`, or a
 * `LoraLoaderModelOnly` when the chain carries no CLIP.
 *
 * Returns: (transfer full) (nullable): the new node's id, or %NULL with @error set
 */
char *
lk_workflow_add_lora (LkWorkflow  *self,
                      const char  *lora_name,
                      double       strength_model,
                      double       strength_clip,
                      GError     **error)
{
  g_autofree char *main_loader = NULL;
  g_autofree char *node_id = NULL;
  g_autofree char *end_label = NULL;
  g_autofree char *strength_text = NULL;
  g_autofree char *model_text = NULL;
  g_autofree char *clip_text = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) model_consumers = NULL;
  g_autoptr(GPtrArray) clip_consumers = NULL;
  const LkModelLoaderClass *loader_class;
  const char *end;
  const char *class_type;
  gboolean model_only;
  int model_slot = 0;
  int clip_slot = 1;
  JsonObject *node;
  JsonObject *inputs;
  JsonObject *meta;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lk_workflow_require_valid (self, error) ||
      !check_name (lora_name, _("LoRA file"), error) ||
      !check_strength (strength_model, error) ||
      !check_strength (strength_clip, error))
    return NULL;

  if (!(main_loader = _lk_workflow_main_model_loader (self)))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           _("The template has no checkpoint loader to attach a LoRA to"));
      return NULL;
    }

  chain = _lk_workflow_lora_chain (self, main_loader);
  end = chain->len > 0 ? g_ptr_array_index (chain, chain->len - 1) : main_loader;
  class_type = lk_workflow_get_class_type (self, end);

  if ((loader_class = lk_node_classes_find_model_loader (class_type)) != NULL)
    {
      model_slot = loader_class->model_slot;
      clip_slot = loader_class->clip_slot;
      model_only = clip_slot < 0;
    }
  else
    {
      lk_node_classes_is_lora_loader (class_type, &model_only);
      clip_slot = model_only ? -1 : 1;
    }

  model_consumers = _lk_workflow_consumers (self, end, model_slot);
  clip_consumers = clip_slot >= 0 ? _lk_workflow_consumers (self, end, clip_slot)
                                  : g_ptr_array_new_with_free_func (_lk_input_ref_free);
  node_id = _lk_workflow_new_node_id (self);

  inputs = json_object_new ();
  json_object_set_string_member (inputs, "lora_name", lora_name);
  json_object_set_double_member (inputs, "strength_model", strength_model);
  if (!model_only)
    json_object_set_double_member (inputs, "strength_clip", strength_clip);
  json_object_set_member (inputs, "model", new_link (end, model_slot));
  if (!model_only)
    json_object_set_member (inputs, "clip", new_link (end, clip_slot));

  meta = json_object_new ();
  json_object_set_string_member (meta, "title", model_only ? "LoraLoaderModelOnly" : "Load LoRA");

  node = json_object_new ();
  json_object_set_object_member (node, "inputs", inputs);
  json_object_set_string_member (node, "class_type", model_only ? "LoraLoaderModelOnly" : "LoraLoader");
  json_object_set_object_member (node, "_meta", meta);

  end_label = _lk_workflow_label (self, end);
  model_text = format_double (strength_model);
  clip_text = format_double (strength_clip);
  strength_text = model_only || strength_model == strength_clip
    ? g_strdup (model_text)
    : g_strdup_printf ("%s / %s", model_text, clip_text);

  _lk_workflow_begin (self, &mark);
  for (guint i = 0; i < model_consumers->len; i++)
    {
      LkInputRef *ref = g_ptr_array_index (model_consumers, i);

      _lk_workflow_set_input (self, ref->node_id, ref->input, new_link (node_id, 0));
    }
  for (guint i = 0; i < clip_consumers->len; i++)
    {
      LkInputRef *ref = g_ptr_array_index (clip_consumers, i);

      _lk_workflow_set_input (self, ref->node_id, ref->input, new_link (node_id, 1));
    }
  _lk_workflow_add_node (self, node_id, node);
  _lk_workflow_add_change (self, _("%s #%s added after %s: %s, strength %s"),
                           model_only ? "LoraLoaderModelOnly" : "LoraLoader", node_id,
                           end_label, lora_name, strength_text);
  _lk_workflow_commit (self);

  return g_steal_pointer (&node_id);
}

/**
 * lk_workflow_set_checkpoint:
 * @self: a #LkWorkflow
 * @model_name: the checkpoint (or diffusion model) file as the server names it
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets the model file of the main model loader, the one whose model the main sampler uses
 * (a refiner keeps its own).
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_checkpoint (LkWorkflow  *self,
                            const char  *model_name,
                            GError     **error)
{
  g_autofree char *loader = NULL;
  g_autofree char *label = NULL;
  g_autofree char *old_text = NULL;
  const LkModelLoaderClass *loader_class;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error) ||
      !check_name (model_name, _("checkpoint"), error))
    return FALSE;

  if (!(loader = _lk_workflow_main_model_loader (self)))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           _("The template has no checkpoint loader"));
      return FALSE;
    }

  loader_class = lk_node_classes_find_model_loader (lk_workflow_get_class_type (self, loader));
  if (!check_literal (self, loader, loader_class->name_input, error))
    return FALSE;

  if (g_strcmp0 (_lk_workflow_input_string (self, loader, loader_class->name_input), model_name) == 0)
    return TRUE;

  label = _lk_workflow_label (self, loader);
  old_text = _lk_workflow_describe_value (lk_workflow_get_input (self, loader, loader_class->name_input));

  _lk_workflow_begin (self, &mark);
  _lk_workflow_set_input (self, loader, loader_class->name_input,
                          json_node_init_string (json_node_alloc (), model_name));
  _lk_workflow_add_change (self, "%s: %s %s → %s", label, loader_class->name_input, old_text,
                           model_name);
  _lk_workflow_commit (self);

  return TRUE;
}
