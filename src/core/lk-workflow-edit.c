/* lk-workflow-edit.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Edits of the numbers and names of a template: seed, size, batch and frame count, output
 * names. Like the LoRA and prompt edits, each one first works out every value it will write,
 * then writes them through the journal, so that a failure changes nothing.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-edit"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-node-classes.h"
#include "lk-output-name.h"
#include "lk-workflow-private.h"

#define MIN_SIDE 16
#define MAX_SIDE 16384
#define MAX_BATCH 4096
#define MAX_FRAMES 100000

static gboolean
is_string_literal (JsonNode *value)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_STRING;
}

/* Sets integer @input on @node_id, noting the change, unless it already holds @value. */
static void
set_int_input (LkWorkflow *self,
               const char *node_id,
               const char *input,
               gint64      value,
               const char *note)
{
  JsonNode *old = lk_workflow_get_input (self, node_id, input);
  g_autofree char *label = NULL;
  g_autofree char *old_text = NULL;

  if (old != NULL && JSON_NODE_HOLDS_VALUE (old) &&
      json_node_get_value_type (old) == G_TYPE_INT64 && json_node_get_int (old) == value)
    return;

  label = _lk_workflow_label (self, node_id);
  old_text = _lk_workflow_describe_value (old);
  _lk_workflow_set_input (self, node_id, input, json_node_init_int (json_node_alloc (), value));
  _lk_workflow_add_change (self, "%s: %s %s → %" G_GINT64_FORMAT "%s", label, input, old_text,
                           value, note ? note : "");
}

/**
 * lk_workflow_random_seed:
 *
 * Returns: a random seed in ComfyUI's range, below %LK_WORKFLOW_SEED_LIMIT
 */
guint64
lk_workflow_random_seed (void)
{
  guint64 high = g_random_int ();
  guint64 low = (guint64) g_random_int_range (0, 1 << 21);

  return (high << 21) | low;
}

/**
 * lk_workflow_set_seed:
 * @self: a #LkWorkflow
 * @seed: the seed, below %LK_WORKFLOW_SEED_LIMIT
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets every literal `seed` and `noise_seed` input (a refiner gets the same seed as the base
 * sampler), and the number node behind such an input when it is a link. ComfyUI writes no
 * new file for a graph it has run before, so each generation needs a seed of its own.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_seed (LkWorkflow  *self,
                      guint64      seed,
                      GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error))
    return FALSE;

  if (seed >= LK_WORKFLOW_SEED_LIMIT)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The seed %llu is too large; use a seed below %llu"),
                   (unsigned long long)seed, (unsigned long long)LK_WORKFLOW_SEED_LIMIT);
      return FALSE;
    }

  targets = _lk_workflow_seed_targets (self);
  if (targets->len == 0)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           _("The template has no seed to set"));
      return FALSE;
    }

  _lk_workflow_begin (self, &mark);
  for (guint i = 0; i < targets->len; i++)
    {
      LkInputRef *ref = g_ptr_array_index (targets, i);

      set_int_input (self, ref->node_id, ref->input, (gint64) seed, NULL);
    }
  _lk_workflow_commit (self);

  return TRUE;
}

/**
 * lk_workflow_get_seed:
 * @self: a #LkWorkflow
 * @seed: (out): the seed
 *
 * Reads the seed of the first node with one (the main sampler's, usually), to keep with the
 * job.
 *
 * Returns: %TRUE if the template has a whole, non-negative seed
 */
gboolean
lk_workflow_get_seed (LkWorkflow *self,
                      guint64    *seed)
{
  g_autoptr(GPtrArray) targets = NULL;
  LkInputRef *first;
  JsonNode *value;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (seed != NULL, FALSE);

  targets = _lk_workflow_seed_targets (self);
  if (targets->len == 0)
    return FALSE;

  first = g_ptr_array_index (targets, 0);
  value = lk_workflow_get_input (self, first->node_id, first->input);
  if (json_node_get_value_type (value) != G_TYPE_INT64 || json_node_get_int (value) < 0)
    return FALSE;

  *seed = (guint64) json_node_get_int (value);
  return TRUE;
}

/* The empty-latent node and a check that @inputs are literals on it. */
static char *
find_latent (LkWorkflow          *self,
             const char * const  *inputs,
             GError             **error)
{
  g_autofree char *latent = _lk_workflow_latent_node (self);

  if (latent == NULL)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           _("The template has no empty latent image to size; its size may come "
                             "from an input image"));
      return NULL;
    }

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      JsonNode *value = lk_workflow_get_input (self, latent, inputs[i]);
      g_autofree char *label = _lk_workflow_label (self, latent);
      const char *source;

      if (_lk_workflow_parse_link (value, &source, NULL))
        {
          g_autofree char *source_label = _lk_workflow_label (self, source);

          g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                       _("%s takes its %s from %s, so Lorakeet cannot set it"),
                       label, inputs[i], source_label);
          return NULL;
        }
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
          json_node_get_value_type (value) == G_TYPE_STRING)
        {
          g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                       _("%s has no number %s to set"), label, inputs[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&latent);
}

/**
 * lk_workflow_set_size:
 * @self: a #LkWorkflow
 * @width: the image width, a multiple of 8 between 16 and 16384
 * @height: the image height, likewise
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets the size of the empty latent the main sampler starts from.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_size (LkWorkflow  *self,
                      guint        width,
                      guint        height,
                      GError     **error)
{
  static const char * const inputs[] = { "width", "height", NULL };
  g_autofree char *latent = NULL;
  g_autofree char *label = NULL;
  g_autofree char *old_width = NULL;
  g_autofree char *old_height = NULL;
  g_autofree char *new_width = NULL;
  g_autofree char *new_height = NULL;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error))
    return FALSE;

  if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE ||
      width % 8 != 0 || height % 8 != 0)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("Width and height must be multiples of 8 between %d and %d"),
                   MIN_SIDE, MAX_SIDE);
      return FALSE;
    }

  if (!(latent = find_latent (self, inputs, error)))
    return FALSE;

  old_width = _lk_workflow_describe_value (lk_workflow_get_input (self, latent, "width"));
  old_height = _lk_workflow_describe_value (lk_workflow_get_input (self, latent, "height"));
  new_width = g_strdup_printf ("%u", width);
  new_height = g_strdup_printf ("%u", height);
  if (g_strcmp0 (old_width, new_width) == 0 && g_strcmp0 (old_height, new_height) == 0)
    return TRUE;

  label = _lk_workflow_label (self, latent);
  _lk_workflow_begin (self, &mark);
  _lk_workflow_set_input (self, latent, "width", json_node_init_int (json_node_alloc (), width));
  _lk_workflow_set_input (self, latent, "height", json_node_init_int (json_node_alloc (), height));
  _lk_workflow_add_change (self, _("%s: size %s×%s → %s×%s"), label, old_width, old_height,
                           new_width, new_height);
  _lk_workflow_commit (self);

  return TRUE;
}

/**
 * lk_workflow_set_batch_size:
 * @self: a #LkWorkflow
 * @batch_size: how many images one run makes, 1 to 4096
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets the batch size of the empty latent. In an AnimateDiff template the batch is the
 * frame count: use lk_workflow_set_frame_count() there.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_batch_size (LkWorkflow  *self,
                            guint        batch_size,
                            GError     **error)
{
  static const char * const inputs[] = { "batch_size", NULL };
  g_autofree char *latent = NULL;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error))
    return FALSE;

  if (batch_size < 1 || batch_size > MAX_BATCH)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The batch size must lie between 1 and %d"), MAX_BATCH);
      return FALSE;
    }

  if (!(latent = find_latent (self, inputs, error)))
    return FALSE;

  if (lk_workflow_get_kind (self) == LK_WORKFLOW_KIND_VIDEO &&
      lk_workflow_get_input (self, latent, "length") == NULL)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                           _("In this video template the batch size is the number of frames; "
                             "set the frame count instead"));
      return FALSE;
    }

  _lk_workflow_begin (self, &mark);
  set_int_input (self, latent, "batch_size", batch_size, NULL);
  _lk_workflow_commit (self);

  return TRUE;
}

/**
 * lk_workflow_set_frame_count:
 * @self: a #LkWorkflow
 * @frame_count: how many frames to make, 1 to 100000
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets the number of frames of a video template: the `length` of a video latent, or the
 * batch size of the empty latent in an AnimateDiff template.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_frame_count (LkWorkflow  *self,
                             guint        frame_count,
                             GError     **error)
{
  static const char * const length_inputs[] = { "length", NULL };
  static const char * const batch_inputs[] = { "batch_size", NULL };
  g_autofree char *latent = NULL;
  g_autofree char *candidate = NULL;
  const char *input;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error))
    return FALSE;

  if (frame_count < 1 || frame_count > MAX_FRAMES)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The frame count must lie between 1 and %d"), MAX_FRAMES);
      return FALSE;
    }

  if (lk_workflow_get_kind (self) != LK_WORKFLOW_KIND_VIDEO)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                           _("This template makes images, so it has no frame count"));
      return FALSE;
    }

  candidate = _lk_workflow_latent_node (self);
  input = candidate != NULL && lk_workflow_get_input (self, candidate, "length") != NULL
    ? "length" : "batch_size";
  if (!(latent = find_latent (self, strcmp (input, "length") == 0 ? length_inputs : batch_inputs,
                              error)))
    return FALSE;

  _lk_workflow_begin (self, &mark);
  set_int_input (self, latent, input, frame_count, strcmp (input, "batch_size") == 0
                                                   ? _(" (frames)") : NULL);
  _lk_workflow_commit (self);

  return TRUE;
}

/**
 * lk_workflow_set_output_names:
 * @self: a #LkWorkflow
 * @pattern: (nullable): the output name pattern (see lk_output_name_expand()), or %NULL for
 *   %LK_OUTPUT_NAME_DEFAULT_PATTERN
 * @project: (nullable): the project's name, for `{project}`
 * @character: (nullable): the character's name, for `{character}`
 * @timestamp: (nullable): the time of the generation, or %NULL for now
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets the `filename_prefix` of every image and video output node: `{kind}` becomes `image`
 * or `video` according to the node, so `anime_image_{timestamp}` and
 * `anime_video_{timestamp}` with the default pattern.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_output_names (LkWorkflow  *self,
                              const char  *pattern,
                              const char  *project,
                              const char  *character,
                              GDateTime   *timestamp,
                              GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *image_name = NULL;
  g_autofree char *video_name = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_auto(GStrv) outputs = NULL;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error))
    return FALSE;

  if (pattern == NULL)
    pattern = LK_OUTPUT_NAME_DEFAULT_PATTERN;
  if (timestamp == NULL)
    timestamp = now = g_date_time_new_now_local ();

  if (!(image_name = lk_output_name_expand (pattern, "image", project, character, timestamp, error)) ||
      !(video_name = lk_output_name_expand (pattern, "video", project, character, timestamp, error)))
    return FALSE;

  outputs = lk_workflow_find (self, LK_WORKFLOW_ROLE_OUTPUT);
  for (guint i = 0; outputs[i] != NULL; i++)
    {
      LkOutputKind kind = lk_node_classes_get_output_kind (lk_workflow_get_class_type (self, outputs[i]));
      JsonNode *value = lk_workflow_get_input (self, outputs[i], "filename_prefix");
      const char *source;

      if (value == NULL || (kind != LK_OUTPUT_KIND_IMAGE && kind != LK_OUTPUT_KIND_VIDEO))
        continue;

      if (_lk_workflow_parse_link (value, &source, NULL) || !is_string_literal (value))
        {
          g_autofree char *label = _lk_workflow_label (self, outputs[i]);

          g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                       _("The filename_prefix of %s is not plain text, so Lorakeet cannot name "
                         "its files"), label);
          return FALSE;
        }
      g_ptr_array_add (targets, outputs[i]);
    }

  if (targets->len == 0)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           _("The template has no output node that saves files under a "
                             "filename_prefix"));
      return FALSE;
    }

  _lk_workflow_begin (self, &mark);
  for (guint i = 0; i < targets->len; i++)
    {
      const char *node_id = g_ptr_array_index (targets, i);
      LkOutputKind kind = lk_node_classes_get_output_kind (lk_workflow_get_class_type (self, node_id));
      const char *name = kind == LK_OUTPUT_KIND_VIDEO ? video_name : image_name;
      g_autofree char *label = NULL;
      g_autofree char *old_text = NULL;

      if (g_strcmp0 (_lk_workflow_input_string (self, node_id, "filename_prefix"), name) == 0)
        continue;

      label = _lk_workflow_label (self, node_id);
      old_text = _lk_workflow_describe_value (lk_workflow_get_input (self, node_id, "filename_prefix"));
      _lk_workflow_set_input (self, node_id, "filename_prefix",
                              json_node_init_string (json_node_alloc (), name));
      _lk_workflow_add_change (self, "%s: filename_prefix %s → %s", label, old_text, name);
    }
  _lk_workflow_commit (self);

  return TRUE;
}
