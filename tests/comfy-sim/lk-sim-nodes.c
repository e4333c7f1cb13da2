/* lk-sim-nodes.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-nodes"

#include "config.h"

#include <string.h>

#include "lk-sim-json.h"
#include "lk-sim-nodes.h"
#include "lk-sim-video.h"

/* More pixels than this in one batch is reported as the GPU running out of memory. */
#define MAX_BATCH_PIXELS (G_GINT64_CONSTANT (256) * 1024 * 1024)

static LkSimValue *
link_value (LkSimNodeCall *call,
            const char    *name)
{
  JsonNode *node = json_object_get_member (call->inputs, name);
  GPtrArray *outputs;
  JsonArray *link;
  gint64 slot;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  link = json_node_get_array (node);
  outputs = g_hash_table_lookup (call->values, json_array_get_string_element (link, 0));
  slot = json_array_get_int_element (link, 1);
  if (outputs == NULL)
    return NULL;
  if (slot < 0)
    slot += outputs->len;
  return slot >= 0 && slot < outputs->len ? g_ptr_array_index (outputs, slot) : NULL;
}

/* The coerced widget value, or the input's default when an optional one is absent. */
static JsonNode *
widget (LkSimNodeCall *call,
        const char    *name)
{
  JsonNode *node = json_object_get_member (call->inputs, name);
  const LkSimInputDef *input;
  JsonObject *options;

  if (node != NULL)
    return node;
  input = lk_sim_catalog_find_input (call->def, name, NULL);
  options = input ? lk_sim_catalog_input_options (call->catalog, input) : NULL;
  return options ? json_object_get_member (options, "default") : NULL;
}

static gint64
widget_int (LkSimNodeCall *call,
            const char    *name,
            gint64         fallback)
{
  JsonNode *node = widget (call, name);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64)json_node_get_double (node);
  return fallback;
}

static double
widget_double (LkSimNodeCall *call,
               const char    *name,
               double         fallback)
{
  JsonNode *node = widget (call, name);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return (double)json_node_get_int (node);
  return fallback;
}

static const char *
widget_string (LkSimNodeCall *call,
               const char    *name,
               const char    *fallback)
{
  JsonNode *node = widget (call, name);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return fallback;
}

static gboolean
widget_bool (LkSimNodeCall *call,
             const char    *name,
             gboolean       fallback)
{
  JsonNode *node = widget (call, name);

  return node ? lk_sim_py_truth (node) : fallback;
}

static LkSimValue *
sized_value (const char       *type,
             guint64           hash,
             const LkSimValue *like)
{
  LkSimValue *value = lk_sim_value_new (type, hash);

  if (like)
    {
      value->width = like->width;
      value->height = like->height;
      value->batch = like->batch;
    }
  return value;
}

static gboolean
check_pixels (int      width,
              int      height,
              int      batch,
              GError **error)
{
  if ((gint64)width * height * MAX (batch, 1) > MAX_BATCH_PIXELS)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_OUT_OF_MEMORY,
                   "Allocation on device 0 would exceed allowed memory. (out of memory)\n"
                   "Currently allocated     : 7.50 GiB\nRequested               : %.2f GiB",
                   (double)width * height * batch * 16 / (1024.0 * 1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

/* Model loaders fail at run time when a file vanished after validation. */
static gboolean
check_model_files (LkSimNodeCall  *call,
                   GError        **error)
{
  const LkSimInputDef *lists[2] = { call->def->required, call->def->optional };

  for (guint l = 0; l < 2; l++)
    for (const LkSimInputDef *in = lists[l]; in && in->name; in++)
      {
        const char *name;
        g_autofree char *path = NULL;

        if (in->source == NULL || in->source[0] == '@')
          continue;
        name = widget_string (call, in->name, NULL);
        if (name == NULL)
          continue;
        path = lk_sim_models_find (call->models, in->source, name);
        if (path == NULL)
          {
            g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_FILE_NOT_FOUND,
                         "Model in folder '%s' with filename '%s' not found.", in->source, name);
            return FALSE;
          }
      }
  return TRUE;
}

static gboolean
run_load_image (LkSimNodeCall    *call,
                LkSimNodeResult  *result,
                GError          **error)
{
  const char *image = widget_string (call, "image", "");
  const char *base = NULL;
  g_autofree char *name = lk_sim_annotated_path (call->dirs, image, &base);
  g_autofree char *path = g_build_filename (base ? base : call->dirs->input, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  LkSimValue *value, *mask;

  if (!(pixbuf = lk_sim_load_image (path, &local_error)))
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_OS,
                   "cannot identify image file '%s'", path);
      return FALSE;
    }

  value = lk_sim_value_new ("IMAGE", call->hash);
  value->pixels = gdk_pixbuf_get_has_alpha (pixbuf)
                  ? gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, gdk_pixbuf_get_width (pixbuf),
                                    gdk_pixbuf_get_height (pixbuf))
                  : g_object_ref (pixbuf);
  if (value->pixels != pixbuf)
    gdk_pixbuf_composite_color (pixbuf, value->pixels, 0, 0, gdk_pixbuf_get_width (pixbuf),
                                gdk_pixbuf_get_height (pixbuf), 0, 0, 1, 1, GDK_INTERP_NEAREST,
                                255, 0, 0, 1, 0, 0);
  value->width = gdk_pixbuf_get_width (pixbuf);
  value->height = gdk_pixbuf_get_height (pixbuf);
  mask = sized_value ("MASK", call->hash ^ 1, value);
  g_ptr_array_add (result->outputs, value);
  g_ptr_array_add (result->outputs, mask);
  return TRUE;
}

static void
add_metadata (LkSimNodeCall *call,
              LkSimWriteJob *job)
{
  JsonNode *extra = json_object_get_member (call->extra_data, "extra_pnginfo");

  g_ptr_array_add (job->text_keys, g_strdup ("prompt"));
  g_ptr_array_add (job->text_values, lk_sim_json_dumps_object (call->prompt));

  if (extra && JSON_NODE_HOLDS_OBJECT (extra))
    {
      GList *names = json_object_get_members (json_node_get_object (extra));

      for (GList *l = names; l; l = l->next)
        {
          g_ptr_array_add (job->text_keys, g_strdup (l->data));
          g_ptr_array_add (job->text_values,
                           lk_sim_json_dumps (json_object_get_member (json_node_get_object (extra),
                                                                      l->data)));
        }
      g_list_free (names);
    }
}

/* extra_pnginfo.workflow.extra.VHS_MetadataImage, true unless it is literally false */
static gboolean
vhs_metadata_image (LkSimNodeCall *call)
{
  JsonNode *node = json_object_get_member (call->extra_data, "extra_pnginfo");
  static const char * const path[] = { "workflow", "extra", "VHS_MetadataImage" };

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return TRUE;
      node = json_object_get_member (json_node_get_object (node), path[i]);
    }
  return !(node && JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_BOOLEAN && !json_node_get_boolean (node));
}

static gboolean
run_writer (LkSimNodeCall    *call,
            LkSimNodeResult  *result,
            GError          **error)
{
  LkSimValue *images = link_value (call, "images");
  LkSimWriteJob *job;

  if (images == NULL)
    {
      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_EXCEPTION, "images is None");
      return FALSE;
    }

  switch (call->def->run)
    {
    case LK_SIM_RUN_SAVE_IMAGE:
    case LK_SIM_RUN_PREVIEW_IMAGE:
      job = lk_sim_write_job_new (LK_SIM_WRITE_PNG);
      if (call->def->run == LK_SIM_RUN_PREVIEW_IMAGE)
        {
          job->base_dir = g_strdup (call->dirs->temp);
          job->type_name = "temp";
          job->prefix = g_strdup (call->preview_prefix);
          job->compress_level = 1;
        }
      else
        {
          job->base_dir = g_strdup (call->dirs->output);
          job->prefix = g_strdup (widget_string (call, "filename_prefix", "ComfyUI"));
        }
      add_metadata (call, job);
      break;

    case LK_SIM_RUN_SAVE_WEBP:
      job = lk_sim_write_job_new (LK_SIM_WRITE_WEBP);
      job->base_dir = g_strdup (call->dirs->output);
      job->prefix = g_strdup (widget_string (call, "filename_prefix", "ComfyUI"));
      job->frame_rate = widget_double (call, "fps", 6.0);
      job->lossless = widget_bool (call, "lossless", TRUE);
      job->quality = (int)widget_int (call, "quality", 80);
      break;

    case LK_SIM_RUN_VIDEO_COMBINE:
      {
        const char *format = widget_string (call, "format", "");
        gboolean save_output = widget_bool (call, "save_output", TRUE);

        if (!g_strv_contains (lk_sim_video_formats (), format))
          {
            g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_EXCEPTION,
                         "Unsupported format: %s", format);
            return FALSE;
          }
        job = lk_sim_write_job_new (LK_SIM_WRITE_VIDEO);
        job->base_dir = g_strdup (save_output ? call->dirs->output : call->dirs->temp);
        job->type_name = save_output ? "output" : "temp";
        job->prefix = g_strdup (widget_string (call, "filename_prefix", "AnimateDiff"));
        job->format = g_strdup (format);
        job->frame_rate = widget_double (call, "frame_rate", 8.0);
        job->pingpong = widget_bool (call, "pingpong", FALSE);
        job->metadata_png = vhs_metadata_image (call);
        add_metadata (call, job);
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          g_ptr_array_add (job->text_keys, g_strdup ("CreationTime"));
          g_ptr_array_add (job->text_values, g_date_time_format (now, "%Y-%m-%d %H:%M:%S"));
        }
        result->n_frames = images->batch;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  job->images = lk_sim_value_ref (images);
  result->job = job;
  return TRUE;
}

/**
 * lk_sim_node_run:
 * @call: the node and its inputs
 * @result: (out caller-allocates): what it produced
 * @error: return location for the exception the node raises
 *
 * Runs one node of the simulated pipeline. Images and latents keep their sizes along the
 * chain; their content hash is the node's input signature, so it changes with the seed, the
 * prompt text and every other upstream value.
 *
 * Returns: %FALSE if the node raised
 */
gboolean
lk_sim_node_run (LkSimNodeCall    *call,
                 LkSimNodeResult  *result,
                 GError          **error)
{
  guint n_outputs = lk_sim_catalog_count_outputs (call->def);
  LkSimValue *value = NULL;

  memset (result, 0, sizeof *result);
  result->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_sim_value_unref);

  switch (call->def->run)
    {
    case LK_SIM_RUN_PASS:
      if (!check_model_files (call, error))
        return FALSE;
      for (guint i = 0; i < n_outputs; i++)
        g_ptr_array_add (result->outputs, lk_sim_value_new (call->def->outputs[i], call->hash + i));
      return TRUE;

    case LK_SIM_RUN_EMPTY_LATENT:
      value = lk_sim_value_new ("LATENT", call->hash);
      value->width = (int)widget_int (call, "width", 512);
      value->height = (int)widget_int (call, "height", 512);
      value->batch = (int)widget_int (call, "batch_size", 1);
      break;

    case LK_SIM_RUN_SAMPLER:
    case LK_SIM_RUN_SAMPLER_ADVANCED:
      value = sized_value ("LATENT", call->hash, link_value (call, "latent_image"));
      result->n_steps = (int)widget_int (call, "steps", 20);
      if (call->def->run == LK_SIM_RUN_SAMPLER_ADVANCED)
        {
          gint64 last = MIN (widget_int (call, "end_at_step", 10000), result->n_steps);

          result->n_steps = (int)MAX (last - widget_int (call, "start_at_step", 0), 0);
        }
      result->preview_hash = call->hash;
      result->preview_width = value->width;
      result->preview_height = value->height;
      break;

    case LK_SIM_RUN_VAE_DECODE:
      value = sized_value ("IMAGE", call->hash, link_value (call, "samples"));
      break;

    case LK_SIM_RUN_VAE_ENCODE:
      value = sized_value ("LATENT", call->hash, link_value (call, "pixels"));
      value->width &= ~7;
      value->height &= ~7;
      break;

    case LK_SIM_RUN_LATENT_UPSCALE:
      {
        LkSimValue *source = link_value (call, "samples");
        int width = (int)widget_int (call, "width", 512);
        int height = (int)widget_int (call, "height", 512);

        value = sized_value ("LATENT", call->hash, source);
        if (width == 0 && height == 0)
          break;
        if (width == 0 && value->height > 0)
          width = MAX (64, value->width * height / value->height);
        if (height == 0 && value->width > 0)
          height = MAX (64, value->height * width / value->width);
        value->width = width;
        value->height = height;
      }
      break;

    case LK_SIM_RUN_LOAD_IMAGE:
      return run_load_image (call, result, error);

    case LK_SIM_RUN_SAVE_IMAGE:
    case LK_SIM_RUN_PREVIEW_IMAGE:
    case LK_SIM_RUN_SAVE_WEBP:
    case LK_SIM_RUN_VIDEO_COMBINE:
      return run_writer (call, result, error);

    default:
      g_assert_not_reached ();
    }

  if (!check_pixels (value->width, value->height, value->batch, error))
    {
      lk_sim_value_unref (value);
      return FALSE;
    }
  g_ptr_array_add (result->outputs, value);
  return TRUE;
}

void
lk_sim_node_result_clear (LkSimNodeResult *result)
{
  g_clear_pointer (&result->outputs, g_ptr_array_unref);
  g_clear_pointer (&result->job, lk_sim_write_job_free);
}

/**
 * lk_sim_node_current_inputs:
 * @call: the node that failed
 *
 * Returns: (transfer full): `current_inputs` of execution_error: each input name with a list
 *   of its values, objects written as Python would str() them
 */
JsonNode *
lk_sim_node_current_inputs (LkSimNodeCall *call)
{
  JsonObject *inputs = json_object_new ();
  GList *names = json_object_get_members (call->inputs);

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (call->inputs, l->data);
      JsonArray *list = json_array_new ();

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          LkSimValue *linked = link_value (call, l->data);

          if (linked)
            {
              g_autofree char *text = g_strdup_printf ("<%s object>", linked->type);

              json_array_add_string_element (list, text);
            }
          else
            json_array_add_null_element (list);
        }
      else if (lk_sim_catalog_find_input (call->def, l->data, NULL) == NULL)
        {
          json_array_unref (list);
          continue;
        }
      else
        json_array_add_element (list, json_node_copy (value));
      json_object_set_array_member (inputs, l->data, list);
    }
  g_list_free (names);

  return lk_sim_json_object_node (inputs);
}

static JsonObject *
hostile_item (JsonObject             *like,
              LkComfySimHostileNames  kind)
{
  JsonObject *item = json_object_new ();
  GList *names = json_object_get_members (like);
  g_autofree char *long_name = NULL;
  g_autofree char *long_file = NULL;

  for (GList *l = names; l; l = l->next)
    json_object_set_member (item, l->data, json_node_copy (json_object_get_member (like, l->data)));
  g_list_free (names);

  switch (kind)
    {
    case LK_COMFY_SIM_HOSTILE_DOTDOT:
      json_object_set_string_member (item, "filename", "../../evil.png");
      break;
    case LK_COMFY_SIM_HOSTILE_ABSOLUTE:
      json_object_set_string_member (item, "filename", "/etc/passwd");
      break;
    case LK_COMFY_SIM_HOSTILE_NUL:
      /* C0 80 is written as \u0000 by the JSON writer */
      json_object_set_string_member (item, "filename", "evil\xc0\x80.png");
      break;
    case LK_COMFY_SIM_HOSTILE_LONG:
      long_name = g_strnfill (4092, 'a');
      long_file = g_strconcat (long_name, ".png", NULL);
      json_object_set_string_member (item, "filename", long_file);
      break;
    case LK_COMFY_SIM_HOSTILE_SUBFOLDER:
      json_object_set_string_member (item, "subfolder", "..");
      break;
    case LK_COMFY_SIM_HOSTILE_BACKSLASH:
      json_object_set_string_member (item, "filename", "..\\..\\evil.png");
      break;
    case LK_COMFY_SIM_HOSTILE_NONE:
    case LK_COMFY_SIM_HOSTILE_ALL:
    default:
      break;
    }
  return item;
}

/**
 * lk_sim_node_hostile_ui:
 * @ui: (transfer full): a node's ui dict
 * @kind: which hostile names to report
 *
 * Returns: (transfer full): the ui with its file items replaced by hostile ones
 */
JsonNode *
lk_sim_node_hostile_ui (JsonNode               *ui,
                        LkComfySimHostileNames  kind)
{
  JsonObject *object;
  GList *names;

  if (kind == LK_COMFY_SIM_HOSTILE_NONE || ui == NULL || !JSON_NODE_HOLDS_OBJECT (ui))
    return ui;

  object = json_node_get_object (ui);
  names = json_object_get_members (object);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);
      JsonArray *items, *hostile;
      JsonObject *first;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        continue;
      items = json_node_get_array (member);
      if (json_array_get_length (items) == 0)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0)))
        continue;
      first = json_array_get_object_element (items, 0);
      if (!json_object_has_member (first, "filename"))
        continue;

      hostile = json_array_new ();
      if (kind == LK_COMFY_SIM_HOSTILE_ALL)
        for (int k = LK_COMFY_SIM_HOSTILE_DOTDOT; k < LK_COMFY_SIM_HOSTILE_ALL; k++)
          json_array_add_object_element (hostile, hostile_item (first, k));
      else
        for (guint i = 0; i < json_array_get_length (items); i++)
          {
            JsonObject *item = json_array_get_object_element (items, i);

            json_array_add_object_element (hostile, hostile_item (item, kind));
          }
      json_object_set_array_member (object, l->data, hostile);
    }
  g_list_free (names);

  return ui;
}
