/* lk-provenance.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-provenance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-provenance.h"
#include "lk-file-task.h"
#include "lk-workflow.h"

/* Links are followed at most this far (a text primitive feeding a concatenation feeding
 * the encoder is three); the model path may be long in video graphs. */
#define MAX_TEXT_HOPS 8
#define MAX_MODEL_HOPS 256

struct _LkProvenance
{
  GObject    parent_instance;

  /* Owned */
  char      *path;
  char      *summary;
  char      *checkpoint;
  GPtrArray *loras;
  char      *positive;
  char      *negative;
  char      *sampler_name;
  char      *scheduler;
  char      *job_tag;
  GPtrArray *warnings;
  guint64    seed;
  double     cfg;
  guint      steps;
  guint      width;
  guint      height;

  guint      has_metadata : 1;
  guint      has_seed : 1;
};

G_DEFINE_FINAL_TYPE (LkProvenance, lk_provenance, G_TYPE_OBJECT)

static void
lora_free (LkProvenanceLora *lora)
{
  g_free (lora->node_id);
  g_free (lora->name);
  g_free (lora);
}

static void
lk_provenance_finalize (GObject *object)
{
  LkProvenance *self = (LkProvenance *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->checkpoint, g_free);
  g_clear_pointer (&self->loras, g_ptr_array_unref);
  g_clear_pointer (&self->positive, g_free);
  g_clear_pointer (&self->negative, g_free);
  g_clear_pointer (&self->sampler_name, g_free);
  g_clear_pointer (&self->scheduler, g_free);
  g_clear_pointer (&self->job_tag, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_provenance_parent_class)->finalize (object);
}

static void
lk_provenance_class_init (LkProvenanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_provenance_finalize;
}

static void
lk_provenance_init (LkProvenance *self)
{
  self->loras = g_ptr_array_new_with_free_func ((GDestroyNotify)lora_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

static void
add_warning (LkProvenance *self,
             char         *warning)
{
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, warning);
}

/* Reading graph inputs ------------------------------------------------------------------- */

static gboolean
node_is_link (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  return json_array_get_length (array) == 2
         && JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0))
         && json_node_get_value_type (json_array_get_element (array, 0)) == G_TYPE_STRING;
}

static const char *
link_target (JsonNode *node)
{
  return json_array_get_string_element (json_node_get_array (node), 0);
}

static const char *
literal_string (LkWorkflow *workflow,
                const char *node_id,
                const char *input)
{
  JsonNode *node = lk_workflow_get_input (workflow, node_id, input);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
literal_number (LkWorkflow *workflow,
                const char *node_id,
                const char *input,
                double     *value)
{
  JsonNode *node = lk_workflow_get_input (workflow, node_id, input);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* The text of an encoder: literal, or fed by a link to a primitive or string node whose own
 * text is literal. What cannot be resolved is named by the node it comes from. */
static char *
resolve_text (LkWorkflow *workflow,
              const char *node_id)
{
  static const char * const text_inputs[] = { "text", "text_g", "prompt", "value", "string",
                                              "Text", "STRING", NULL };
  const char *current = node_id;

  for (guint hop = 0; hop < MAX_TEXT_HOPS && current != NULL; hop++)
    {
      const char *next = NULL;

      for (guint i = 0; text_inputs[i] != NULL; i++)
        {
          JsonNode *node = lk_workflow_get_input (workflow, current, text_inputs[i]);

          if (node == NULL)
            continue;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            return g_strdup (json_node_get_string (node));
          if (node_is_link (node))
            {
              next = link_target (node);
              break;
            }
        }

      if (next == NULL)
        break;
      if (lk_workflow_get_class_type (workflow, next) == NULL)
        return g_strdup_printf (_("from node #%s"), next);
      current = next;
    }

  if (current == NULL || g_strcmp0 (current, node_id) == 0)
    return NULL;
  return g_strdup_printf (_("from node #%s"), current);
}

static gboolean
is_lora_loader (const char *class_type)
{
  return g_strcmp0 (class_type, "LoraLoader") == 0
         || g_strcmp0 (class_type, "LoraLoaderModelOnly") == 0;
}

/* Walks from the main sampler's `model` input up to the model loader, so only LoRAs that
 * really shaped the frame count (a bypassed loader left in the graph does not). */
static void
read_loras (LkProvenance *self,
            LkWorkflow   *workflow,
            const char   *sampler)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *link = lk_workflow_get_input (workflow, sampler, "model");

  for (guint hop = 0; hop < MAX_MODEL_HOPS && node_is_link (link); hop++)
    {
      const char *node_id = link_target (link);
      const char *class_type = lk_workflow_get_class_type (workflow, node_id);

      if (class_type == NULL || !g_hash_table_add (seen, (gpointer)node_id))
        break;

      if (is_lora_loader (class_type))
        {
          LkProvenanceLora *lora = g_new0 (LkProvenanceLora, 1);
          double value;

          lora->node_id = g_strdup (node_id);
          lora->name = g_strdup (literal_string (workflow, node_id, "lora_name"));
          lora->model_only = g_str_equal (class_type, "LoraLoaderModelOnly");
          if (literal_number (workflow, node_id, "strength_model", &value))
            lora->strength_model = value;
          if (!lora->model_only && literal_number (workflow, node_id, "strength_clip", &value))
            lora->strength_clip = value;
          /* Walking upstream meets the chain backwards. */
          g_ptr_array_insert (self->loras, 0, lora);
        }

      link = lk_workflow_get_input (workflow, node_id, "model");
    }
}

static char *
first_of (LkWorkflow     *workflow,
          LkWorkflowRole  role)
{
  g_auto(GStrv) ids = lk_workflow_find (workflow, role);

  return ids != NULL && ids[0] != NULL ? g_strdup (ids[0]) : NULL;
}

static void
read_graph (LkProvenance *self,
            LkWorkflow   *workflow)
{
  g_autofree char *loader = first_of (workflow, LK_WORKFLOW_ROLE_MODEL_LOADER);
  g_autofree char *sampler = first_of (workflow, LK_WORKFLOW_ROLE_SAMPLER);
  g_autofree char *positive = first_of (workflow, LK_WORKFLOW_ROLE_POSITIVE);
  g_autofree char *negative = first_of (workflow, LK_WORKFLOW_ROLE_NEGATIVE);
  g_autofree char *latent = first_of (workflow, LK_WORKFLOW_ROLE_LATENT);
  double value;

  if (loader != NULL)
    {
      const char *name = literal_string (workflow, loader, "ckpt_name");

      if (name == NULL)
        name = literal_string (workflow, loader, "unet_name");
      self->checkpoint = g_strdup (name);
    }

  if (sampler != NULL)
    {
      read_loras (self, workflow, sampler);
      self->sampler_name = g_strdup (literal_string (workflow, sampler, "sampler_name"));
      self->scheduler = g_strdup (literal_string (workflow, sampler, "scheduler"));
      if (literal_number (workflow, sampler, "steps", &value) && value >= 0 && value < G_MAXUINT)
        self->steps = (guint)value;
      if (literal_number (workflow, sampler, "cfg", &value))
        self->cfg = value;
    }

  if (positive != NULL)
    self->positive = resolve_text (workflow, positive);
  if (negative != NULL)
    self->negative = resolve_text (workflow, negative);

  self->has_seed = lk_workflow_get_seed (workflow, &self->seed);

  if (latent != NULL
      && literal_number (workflow, latent, "width", &value) && value >= 1 && value < G_MAXUINT)
    {
      guint width = (guint)value;

      if (literal_number (workflow, latent, "height", &value) && value >= 1 && value < G_MAXUINT)
        {
          self->width = width;
          self->height = (guint)value;
        }
    }
}

static void
read_job_tag (LkProvenance *self,
              const char   *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *job;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      add_warning (self, g_strdup_printf (_("The Lorakeet job tag is not readable: %s"),
                                          error->message));
      return;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  job = object != NULL ? json_object_get_string_member_with_default (object, "job", NULL) : NULL;
  if (job == NULL || !g_uuid_string_is_valid (job))
    {
      add_warning (self, g_strdup (_("The Lorakeet job tag does not name a job.")));
      return;
    }

  self->job_tag = g_ascii_strdown (job, -1);
}

LkProvenance *
lk_provenance_new_from_png_info (LkPngInfo  *info,
                                 const char *path)
{
  g_autoptr(LkProvenance) self = NULL;
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *warnings;
  const char *prompt;
  const char *tag;

  g_return_val_if_fail (LK_IS_PNG_INFO (info), NULL);

  self = g_object_new (LK_TYPE_PROVENANCE, NULL);
  self->path = g_strdup (path);
  self->width = lk_png_info_get_width (info);
  self->height = lk_png_info_get_height (info);

  warnings = lk_png_info_get_warnings (info);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    add_warning (self, g_strdup (warnings[i]));

  if ((tag = lk_png_info_get_text (info, "lorakeet")) != NULL)
    read_job_tag (self, tag);

  if ((prompt = lk_png_info_get_text (info, "prompt")) == NULL)
    {
      self->summary = g_strdup (_("This frame has no ComfyUI metadata: it was not saved by "
                                  "ComfyUI, or its metadata was removed."));
      return g_steal_pointer (&self);
    }

  if (!(workflow = lk_workflow_new_from_string (prompt, -1, &error)))
    {
      self->summary = g_strdup_printf (_("This frame's ComfyUI metadata cannot be read: %s"),
                                       error->message);
      return g_steal_pointer (&self);
    }

  self->has_metadata = TRUE;
  read_graph (self, workflow);

  return g_steal_pointer (&self);
}

/* Loading -------------------------------------------------------------------------------- */

GFile *
lk_provenance_dup_frame_file (GFile *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *png_name = NULL;
  g_autoptr(GFile) parent = NULL;
  const char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (basename == NULL || (dot = strrchr (basename, '.')) == NULL || dot == basename
      || g_ascii_strcasecmp (dot, ".png") == 0
      || (parent = g_file_get_parent (file)) == NULL)
    return g_object_ref (file);

  stem = g_strndup (basename, dot - basename);
  png_name = g_strconcat (stem, ".png", NULL);
  return g_file_get_child (parent, png_name);
}

LkProvenance *
lk_provenance_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) frame = NULL;
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  LkProvenance *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    path = g_file_get_uri (file);
  frame = lk_provenance_dup_frame_file (file);

  if (!(info = lk_png_info_load (frame, cancellable, &local_error)))
    {
      g_autofree char *frame_name = NULL;

      /* A video whose first-frame PNG is gone still plays; it just has no facts to show. */
      if (g_file_equal (frame, file)
          || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      frame_name = g_file_get_basename (frame);
      self = g_object_new (LK_TYPE_PROVENANCE, NULL);
      self->path = g_steal_pointer (&path);
      self->summary = g_strdup_printf (_("This video has no ComfyUI metadata: its first-frame "
                                         "image %s is not beside it."), frame_name);
      return self;
    }

  return lk_provenance_new_from_png_info (info, path);
}

void
lk_provenance_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  lk_file_task_run (file, (LkFileReadFunc)lk_provenance_load, g_object_unref, lk_provenance_load_async,
                    cancellable, callback, user_data);
}

LkProvenance *
lk_provenance_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  return lk_file_task_finish (result, lk_provenance_load_async, error);
}

/* Accessors ------------------------------------------------------------------------------ */

const char *
lk_provenance_get_path (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->path;
}

gboolean
lk_provenance_get_has_metadata (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), FALSE);
  return self->has_metadata;
}

const char *
lk_provenance_get_summary (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->summary;
}

const char *
lk_provenance_get_checkpoint (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->checkpoint;
}

guint
lk_provenance_get_n_loras (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), 0);
  return self->loras->len;
}

const LkProvenanceLora *
lk_provenance_get_lora (LkProvenance *self,
                        guint         index)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  g_return_val_if_fail (index < self->loras->len, NULL);
  return g_ptr_array_index (self->loras, index);
}

gboolean
lk_provenance_get_seed (LkProvenance *self,
                        guint64      *seed)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), FALSE);
  if (seed != NULL)
    *seed = self->seed;
  return self->has_seed;
}

const char *
lk_provenance_get_positive (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->positive;
}

const char *
lk_provenance_get_negative (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->negative;
}

const char *
lk_provenance_get_sampler_name (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->sampler_name;
}

const char *
lk_provenance_get_scheduler (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->scheduler;
}

guint
lk_provenance_get_steps (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), 0);
  return self->steps;
}

double
lk_provenance_get_cfg (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), 0);
  return self->cfg;
}

gboolean
lk_provenance_get_size (LkProvenance *self,
                        guint        *width,
                        guint        *height)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), FALSE);
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
  return self->width > 0 && self->height > 0;
}

const char *
lk_provenance_get_job_tag (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return self->job_tag;
}

const char * const *
lk_provenance_get_warnings (LkProvenance *self)
{
  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);
  return (const char * const *)self->warnings->pdata;
}

/* JSON ----------------------------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
lk_provenance_to_json (LkProvenance *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LK_IS_PROVENANCE (self), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "path", self->path);
  json_builder_set_member_name (builder, "has_metadata");
  json_builder_add_boolean_value (builder, self->has_metadata);
  add_string (builder, "summary", self->summary);
  add_string (builder, "checkpoint", self->checkpoint);

  json_builder_set_member_name (builder, "loras");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->loras->len; i++)
    {
      LkProvenanceLora *lora = g_ptr_array_index (self->loras, i);

      json_builder_begin_object (builder);
      add_string (builder, "node", lora->node_id);
      add_string (builder, "name", lora->name);
      json_builder_set_member_name (builder, "strength_model");
      json_builder_add_double_value (builder, lora->strength_model);
      json_builder_set_member_name (builder, "strength_clip");
      if (lora->model_only)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, lora->strength_clip);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "seed");
  if (self->has_seed)
    json_builder_add_int_value (builder, (gint64)self->seed);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "positive", self->positive);
  add_string (builder, "negative", self->negative);

  json_builder_set_member_name (builder, "sampler");
  json_builder_begin_object (builder);
  add_string (builder, "name", self->sampler_name);
  add_string (builder, "scheduler", self->scheduler);
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, self->steps);
  json_builder_set_member_name (builder, "cfg");
  json_builder_add_double_value (builder, self->cfg);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, self->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, self->height);
  add_string (builder, "job", self->job_tag);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < self->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
