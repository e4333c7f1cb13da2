/* lk-test-comfy.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the tests of the ComfyUI client share: a simulator with a small model folder, bounded
 * waits on the main context, and the default txt2img graph. */

#include "config.h"

#include <glib/gstdio.h>

#include "lk-test-comfy.h"

static void
write_file (const char *base,
            const char *relative)
{
  g_autofree char *path = g_build_filename (base, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "model", -1, NULL));
}

LkComfySim *
lk_test_comfy_start_sim (const char  *base,
           guint        step_ms,
           const char  *disabled_node,
           guint16     *port)
{
  g_autoptr(GError) error = NULL;
  LkComfySim *sim;

  write_file (base, "models/checkpoints/v1-5-pruned-emaonly.safetensors");
  write_file (base, "models/loras/mei_working_v1.safetensors");
  write_file (base, "models/loras/rina_v3.safetensors");
  write_file (base, "models/animatediff_models/mm_sd_v15.ckpt");

  sim = lk_comfy_sim_new (base);
  lk_comfy_sim_set_step_ms (sim, step_ms);
  if (disabled_node != NULL)
    lk_comfy_sim_disable_node (sim, disabled_node);
  lk_comfy_sim_start_in_thread (sim, port, &error);
  g_assert_no_error (error);

  return sim;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
lk_test_comfy_wait_until (LkTestCondition   condition,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (LK_TEST_COMFY_WAIT_S, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("timed out waiting for %s", what);
  g_source_remove (source);
}

gboolean
lk_test_comfy_job_finished (gpointer data)
{
  return lk_job_is_finished (data);
}

gboolean
lk_test_comfy_job_running (gpointer data)
{
  return lk_job_get_state (data) == LK_JOB_RUNNING && lk_job_get_node_value (data) >= 2;
}

gboolean
lk_test_comfy_client_online (gpointer data)
{
  return lk_comfy_client_get_state (data) == LK_COMFY_SERVER_ONLINE;
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
lk_test_comfy_store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
lk_test_comfy_wait_result (GAsyncResult **slot)
{
  lk_test_comfy_wait_until (result_ready, slot, "an async result");
  return *slot;
}

JsonObject *
lk_test_comfy_parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The default lk_test_comfy_txt2img graph with a LoraLoader, or with it bypassed when @lora is NULL. */
JsonObject *
lk_test_comfy_txt2img (const char *lora,
         double      strength,
         gint64      seed,
         int         steps,
         const char *prefix)
{
  g_autofree char *text = NULL;
  const char *model = lora ? "10" : "4";
  char strength_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (strength_text, sizeof strength_text, strength);
  text = g_strdup_printf (
    "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": "
    "\"v1-5-pruned-emaonly.safetensors\"}},"
    "%s%s%s%s%s"
    " \"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"1girl, smiling\", \"clip\": [\"%s\", 1]}},"
    " \"7\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"lowres\", \"clip\": [\"%s\", 1]}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 768, \"batch_size\": 1}},"
    " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": %" G_GINT64_FORMAT ", \"steps\": %d, "
    "\"cfg\": 8, \"sampler_name\": \"euler\", \"scheduler\": \"normal\", \"denoise\": 1, \"model\": [\"%s\", 0], "
    "\"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"3\", 0], \"vae\": [\"4\", 2]}},"
    " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"8\", 0], \"filename_prefix\": \"%s\"}}}",
    lora ? " \"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"" : "",
    lora ? lora : "",
    lora ? "\", \"strength_model\": " : "",
    lora ? strength_text : "",
    lora ? ", \"strength_clip\": 1, \"model\": [\"4\", 0], \"clip\": [\"4\", 1]}}," : "",
    model, model, seed, steps, model, prefix);

  return lk_test_comfy_parse_object (text);
}

LkJob *
lk_test_comfy_submit_and_wait (LkComfyClient *client,
                 JsonObject    *graph,
                 GError       **error)
{
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  lk_comfy_client_submit_async (client, job, NULL, lk_test_comfy_store_result_cb, &result);
  lk_comfy_client_submit_finish (client, lk_test_comfy_wait_result (&result), error);

  return g_steal_pointer (&job);
}

char *
lk_test_comfy_dead_server_url (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, NULL);
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}
