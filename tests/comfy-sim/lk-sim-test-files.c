/* lk-sim-test-files.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-test"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include "lk-sim-output.h"
#include "lk-sim-test-files.h"

static void
write_file (const char *base,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (base, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/**
 * lk_sim_test_make_install:
 * @base: an empty directory
 *
 * Lays out models/ (a checkpoint, two LoRAs, a VAE, a motion model) and input/cat.png.
 */
void
lk_sim_test_make_install (const char *base)
{
  g_autoptr(GdkPixbuf) cat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *input = g_build_filename (base, "input", NULL);
  g_autofree char *cat_path = g_build_filename (input, "cat.png", NULL);

  write_file (base, "models/checkpoints/v1-5-pruned-emaonly.safetensors", "checkpoint");
  write_file (base, "models/loras/mei.safetensors", "lora");
  write_file (base, "models/loras/styles/ink.safetensors", "lora");
  write_file (base, "models/loras/notes.txt", "not a model");
  write_file (base, "models/vae/vae-ft-mse.safetensors", "vae");
  write_file (base, "models/animatediff_models/mm_sd_v15.ckpt", "motion");

  gdk_pixbuf_fill (cat, 0x804020ff);
  g_assert_cmpint (g_mkdir_with_parents (input, 0755), ==, 0);
  g_assert_true (gdk_pixbuf_save (cat, cat_path, "png", NULL, NULL));
}

void
lk_sim_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir && (entry = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, entry, NULL);

          lk_sim_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* W2 of protocol §7: the default txt2img graph plus one LoRA */
#define TXT2IMG_NODES \
  "\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"v1-5-pruned-emaonly.safetensors\"}, \"_meta\": {\"title\": \"Load Checkpoint\"}}, " \
  "\"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"%s\", \"strength_model\": 0.8, \"strength_clip\": 1, \"model\": [\"4\", 0], \"clip\": [\"4\", 1]}}, " \
  "\"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"mei, 1girl, smiling\", \"clip\": [\"10\", 1]}}, " \
  "\"7\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"lowres\", \"clip\": [\"10\", 1]}}, " \
  "\"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 768, \"batch_size\": 1}}, " \
  "\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": %" G_GINT64_FORMAT ", \"steps\": %d, \"cfg\": 8, \"sampler_name\": \"euler\", \"scheduler\": \"normal\", \"denoise\": 1, \"model\": [\"10\", 0], \"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"5\", 0]}}, " \
  "\"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"3\", 0], \"vae\": [\"4\", 2]}}, " \
  "\"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"8\", 0], \"filename_prefix\": \"%s\"}}"

static char *
graph_body (const char *client_id,
            const char *nodes,
            const char *extra_fields)
{
  return g_strdup_printf ("{\"client_id\": \"%s\", \"prompt\": {%s}, "
                          "\"extra_data\": {\"extra_pnginfo\": {\"workflow\": {\"nodes\": [], \"extra\": {}}}}%s}",
                          client_id, nodes, extra_fields ? extra_fields : "");
}

/**
 * lk_sim_test_txt2img:
 * @client_id: the client id to send
 * @seed: KSampler seed
 * @steps: KSampler steps
 * @lora: LoraLoader lora_name
 * @prefix: SaveImage filename_prefix
 *
 * Returns: (transfer full): a POST /prompt body
 */
char *
lk_sim_test_txt2img (const char *client_id,
                     gint64      seed,
                     int         steps,
                     const char *lora,
                     const char *prefix)
{
  g_autofree char *nodes = g_strdup_printf (TXT2IMG_NODES, lora, seed, steps, prefix);

  return graph_body (client_id, nodes, NULL);
}

/* The same, one step, with a client-chosen priority "number" */
char *
lk_sim_test_txt2img_numbered (const char *client_id,
                              gint64      seed,
                              double      number)
{
  g_autofree char *nodes = g_strdup_printf (TXT2IMG_NODES, "mei.safetensors", seed, 1, "Q");
  g_autofree char *field = g_strdup_printf (", \"number\": %d", (int)number);

  return graph_body (client_id, nodes, field);
}

/* The same with a second output (12) wired to a LATENT: it fails alone, the prompt runs */
char *
lk_sim_test_txt2img_extra_output (const char *client_id,
                                  gint64      seed)
{
  g_autofree char *nodes = g_strdup_printf (TXT2IMG_NODES, "mei.safetensors", seed, 1, "B");
  g_autofree char *more = g_strconcat (nodes, ", \"12\": {\"class_type\": \"SaveImage\", \"inputs\": "
                                       "{\"images\": [\"5\", 0], \"filename_prefix\": \"bad\"}}", NULL);

  return graph_body (client_id, more, NULL);
}

/**
 * lk_sim_test_video_body:
 * @client_id: the client id
 * @seed: KSampler seed
 * @frames: the batch size, one frame each
 * @format: the VHS format
 *
 * W4 of protocol §7 with a LoRA: checkpoint → LoRA → AnimateDiff Gen1 loader → KSampler →
 * VAEDecode → VHS_VideoCombine (256×192).
 *
 * Returns: (transfer full): a POST /prompt body
 */
char *
lk_sim_test_video_body (const char *client_id,
                        gint64      seed,
                        int         frames,
                        const char *format)
{
  g_autofree char *nodes = g_strdup_printf (
    "\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"v1-5-pruned-emaonly.safetensors\"}}, "
    "\"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"mei.safetensors\", \"strength_model\": 0.8, \"strength_clip\": 0.8, \"model\": [\"4\", 0], \"clip\": [\"4\", 1]}}, "
    "\"94\": {\"class_type\": \"ADE_AnimateDiffUniformContextOptions\", \"inputs\": {\"context_length\": 16, \"context_stride\": 1, \"context_overlap\": 4, \"context_schedule\": \"uniform\", \"closed_loop\": false, \"fuse_method\": \"flat\"}}, "
    "\"93\": {\"class_type\": \"ADE_AnimateDiffLoaderWithContext\", \"inputs\": {\"model\": [\"10\", 0], \"context_options\": [\"94\", 0], \"model_name\": \"mm_sd_v15.ckpt\", \"beta_schedule\": \"sqrt_linear (AnimateDiff)\"}}, "
    "\"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"mei walking\", \"clip\": [\"10\", 1]}}, "
    "\"7\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"lowres\", \"clip\": [\"10\", 1]}}, "
    "\"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 256, \"height\": 192, \"batch_size\": %d}}, "
    "\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": %" G_GINT64_FORMAT ", \"steps\": 2, \"cfg\": 7.5, \"sampler_name\": \"euler_ancestral\", \"scheduler\": \"normal\", \"denoise\": 1, \"model\": [\"93\", 0], \"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"5\", 0]}}, "
    "\"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"3\", 0], \"vae\": [\"4\", 2]}}, "
    "\"30\": {\"class_type\": \"VHS_VideoCombine\", \"inputs\": {\"images\": [\"8\", 0], \"frame_rate\": 8, \"loop_count\": 0, \"filename_prefix\": \"AnimateDiff\", \"format\": \"%s\", \"pingpong\": false, \"save_output\": true, \"pix_fmt\": \"yuv420p\", \"crf\": 19, \"save_metadata\": true, \"trim_to_audio\": false}}",
    frames, seed, format);

  return graph_body (client_id, nodes, NULL);
}

/* Every node of @order comes after the nodes its inputs link to. */
void
lk_sim_test_assert_topological (const char *body,
                                GPtrArray  *order)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *prompt;

  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  prompt = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "prompt");

  for (guint i = 0; i < order->len; i++)
    {
      JsonObject *inputs = json_object_get_object_member (json_object_get_object_member (prompt, g_ptr_array_index (order, i)), "inputs");
      g_autoptr(GList) names = json_object_get_members (inputs);

      for (GList *l = names; l; l = l->next)
        {
          JsonNode *value = json_object_get_member (inputs, l->data);
          guint at;

          if (!JSON_NODE_HOLDS_ARRAY (value))
            continue;
          g_assert_true (g_ptr_array_find_with_equal_func (order, json_array_get_string_element (json_node_get_array (value), 0),
                                                           g_str_equal, &at));
          g_assert_cmpuint (at, <, i);
        }
    }
}

/**
 * lk_sim_test_png_text_chunks:
 * @path: a PNG file
 *
 * Returns: (transfer full) (nullable): keyword → text of every tEXt chunk, or %NULL if the
 *   file is not a PNG
 */
GHashTable *
lk_sim_test_png_text_chunks (const char *path)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guint8 *data = NULL;
  GHashTable *chunks;
  gsize length, at = 8;

  if (!g_file_get_contents (path, (char **)&data, &length, NULL) || length < 8
      || memcmp (data, signature, 8) != 0)
    return NULL;

  chunks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (at + 12 <= length)
    {
      guint32 size = ((guint32)data[at] << 24) | ((guint32)data[at + 1] << 16)
                     | ((guint32)data[at + 2] << 8) | data[at + 3];
      const char *kind = (const char *)data + at + 4;

      if (size > length - at - 12)
        break;
      if (memcmp (kind, "tEXt", 4) == 0)
        {
          const char *text = (const char *)data + at + 8;
          gsize key_len = strnlen (text, size);

          if (key_len < size)
            g_hash_table_insert (chunks, g_strndup (text, key_len),
                                 g_strndup (text + key_len + 1, size - key_len - 1));
        }
      at += 12 + size;
    }
  return chunks;
}

/* Do two images in @dir have the same pixels? (Their metadata chunks differ anyway.) */
gboolean
lk_sim_test_images_equal (const char *dir,
                          const char *a,
                          const char *b)
{
  g_autofree char *path_a = g_build_filename (dir, a, NULL);
  g_autofree char *path_b = g_build_filename (dir, b, NULL);
  g_autoptr(GdkPixbuf) image_a = lk_sim_load_image (path_a, NULL);
  g_autoptr(GdkPixbuf) image_b = lk_sim_load_image (path_b, NULL);
  gsize size_a, size_b;
  const guint8 *pixels_a, *pixels_b;

  g_assert_nonnull (image_a);
  g_assert_nonnull (image_b);
  if (gdk_pixbuf_get_width (image_a) != gdk_pixbuf_get_width (image_b)
      || gdk_pixbuf_get_height (image_a) != gdk_pixbuf_get_height (image_b))
    return FALSE;

  size_a = gdk_pixbuf_get_byte_length (image_a);
  size_b = gdk_pixbuf_get_byte_length (image_b);
  pixels_a = gdk_pixbuf_read_pixels (image_a);
  pixels_b = gdk_pixbuf_read_pixels (image_b);
  return size_a == size_b && memcmp (pixels_a, pixels_b, size_a) == 0;
}

gboolean
lk_sim_test_array_contains (JsonArray  *array,
                            const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

/**
 * lk_sim_test_decode_video:
 * @path: a video file
 * @frames: (out): decoded frames
 * @width: (out): frame width
 * @height: (out): frame height
 * @error: return location for a decoding error
 *
 * Decodes the whole file with filesrc ! decodebin ! videoconvert ! appsink.
 *
 * Returns: %TRUE if it decoded to the end
 */
gboolean
lk_sim_test_decode_video (const char  *path,
                          int         *frames,
                          int         *width,
                          int         *height,
                          GError     **error)
{
  g_autofree char *quoted = g_strescape (path, NULL);
  g_autofree char *description = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! "
                                                  "video/x-raw,format=RGB ! appsink name=sink sync=false",
                                                  quoted);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  gboolean ok = TRUE;

  gst_init (NULL, NULL);
  *frames = 0;
  if (!(pipeline = gst_parse_launch (description, error)))
    return FALSE;

  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 10 * GST_SECOND);
      GstStructure *caps;

      if (sample == NULL)
        break;
      caps = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
      gst_structure_get_int (caps, "width", width);
      gst_structure_get_int (caps, "height", height);
      (*frames)++;
    }

  if (!gst_app_sink_is_eos (GST_APP_SINK (sink)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s did not decode to the end", path);
      ok = FALSE;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}
