/* test-comfy-client.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkComfyClient and LkServerPool against the ComfyUI simulator: real HTTP and WebSocket on
 * 127.0.0.1, the simulator in its own thread, the client on this thread's main context. Every
 * wait is bounded by a timeout that fails the test. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lk-download.h"
#include "lk-paths.h"
#include "lk-sim-test-files.h"
#include "lk-test-comfy.h"
#include "lk-test-files.h"

typedef struct
{
  char          *base;
  char          *downloads;
  LkComfySim    *sim;
  guint16        port;
  char          *url;
  LkComfyClient *client;
  gboolean       stopped;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->base = g_dir_make_tmp ("lk-comfy-client-XXXXXX", &error);
  g_assert_no_error (error);
  f->downloads = g_build_filename (f->base, "downloads", NULL);

  f->sim = lk_test_comfy_start_sim (f->base, 2, data, &f->port);
  f->url = g_strdup_printf ("http://127.0.0.1:%u", f->port);

  f->client = lk_comfy_client_new (f->url, &error);
  g_assert_no_error (error);
  lk_comfy_client_set_timings (f->client, 50, 2, 30);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  while (g_main_context_iteration (NULL, FALSE));
  if (!f->stopped)
    lk_comfy_sim_stop (f->sim);
  g_clear_object (&f->sim);
  lk_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->downloads);
  g_free (f->url);
}

static void
count_double_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* ---- tests ------------------------------------------------------------------------------ */

static void
test_txt2img_succeeds (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1001, 8, "mei");
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  g_autoptr(GAsyncResult) submitted = NULL;
  g_autoptr(GAsyncResult) downloaded = NULL;
  g_autoptr(LkComfyOutput) output = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) chunks = NULL;
  guint progress_notes = 0;
  const char *tag;

  g_signal_connect (job, "notify::progress", G_CALLBACK (count_double_cb), &progress_notes);
  lk_comfy_client_connect (f->client);
  lk_comfy_client_submit_async (f->client, job, NULL, lk_test_comfy_store_result_cb, &submitted);
  g_assert_true (lk_comfy_client_submit_finish (f->client, lk_test_comfy_wait_result (&submitted), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_job_get_state (job), >=, LK_JOB_QUEUED);
  g_assert_cmpstr (lk_job_get_prompt_id (job), ==, lk_job_get_id (job));
  g_assert_cmpstr (lk_job_get_server_url (job), ==, f->url);
  g_assert_cmpuint (lk_comfy_client_get_n_active_jobs (f->client), >=, 1);

  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job to finish");
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  g_assert_null (lk_job_get_error (job));
  g_assert_cmpfloat (lk_job_get_progress (job), ==, 1.0);
  g_assert_cmpuint (progress_notes, >=, 8);
  g_assert_nonnull (lk_job_get_started_at (job));
  g_assert_cmpuint (lk_comfy_client_get_n_active_jobs (f->client), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (job)), ==, 1);
  output = g_list_model_get_item (lk_job_get_outputs (job), 0);
  g_assert_true (g_str_has_prefix (lk_comfy_output_get_filename (output), "mei_"));
  g_assert_true (g_str_has_suffix (lk_comfy_output_get_filename (output), "_.png"));
  g_assert_cmpint (lk_comfy_output_get_kind (output), ==, LK_COMFY_OUTPUT_IMAGE);
  g_assert_cmpstr (lk_comfy_output_get_folder_type (output), ==, "output");

  /* fetched through /view, with the job's tag in the PNG */
  lk_comfy_client_download_async (f->client, output, f->downloads, NULL, lk_test_comfy_store_result_cb,
                                  &downloaded);
  file = lk_comfy_client_download_finish (f->client, lk_test_comfy_wait_result (&downloaded), &error);
  g_assert_no_error (error);
  g_assert_true (lk_paths_is_inside (f->downloads, g_file_peek_path (file)));
  g_assert_cmpstr (lk_comfy_output_get_path (output), ==, g_file_peek_path (file));
  chunks = lk_sim_test_png_text_chunks (g_file_peek_path (file));
  g_assert_nonnull (chunks);
  tag = g_hash_table_lookup (chunks, LK_COMFY_JOB_TAG_KEY);
  g_assert_nonnull (tag);
  g_assert_nonnull (strstr (tag, lk_job_get_id (job)));

  /* the server list shows what the server is */
  g_assert_nonnull (lk_comfy_client_get_version (f->client));
  g_assert_cmpint (lk_comfy_client_get_queue_remaining (f->client), ==, 0);
}

static void
test_txt2img_bypassed_lora_and_object_info (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img (NULL, 0, 1002, 3, "rina");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;
  JsonObject *seed;

  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job to finish");
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (job)), ==, 1);

  lk_comfy_client_get_object_info_async (f->client, FALSE, NULL, lk_test_comfy_store_result_cb, &first);
  info = lk_comfy_client_get_object_info_finish (f->client, lk_test_comfy_wait_result (&first), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (info, "LoraLoader"));

  /* KSampler's seed max is 2^64-1: read as a double, never as -1 */
  seed = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (
           json_object_get_object_member (json_object_get_object_member (info, "KSampler"), "input"),
           "required"), "seed"), 1);
  g_assert_cmpfloat (json_object_get_double_member (seed, "max"), >, 1.8e19);

  /* a second ask within the age limit is the same copy */
  lk_comfy_client_get_object_info_async (f->client, FALSE, NULL, lk_test_comfy_store_result_cb, &second);
  again = lk_comfy_client_get_object_info_finish (f->client, lk_test_comfy_wait_result (&second), &error);
  g_assert_true (again == info);
}

static void
test_validation_in_plain_words (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v2.safetensors", 0.8, 1003, 4, "mei");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;

  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_MODEL);
  g_assert_cmpstr (error->message, ==, "LoRA file mei_working_v2.safetensors is not on the server "
                                       "(it has: mei_working_v1.safetensors, rina_v3.safetensors)");
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_FAILED);
  g_assert_cmpstr (lk_job_get_error (job)->message, ==, error->message);
  g_assert_nonnull (strstr (lk_job_get_error_detail (job), "value_not_in_list"));
}

static void
test_validation_missing_node (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1004, 4, "mei");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(JsonObject) node = lk_test_comfy_parse_object ("{\"class_type\": \"ADE_AnimateDiffLoaderWithContext\", "
                                             "\"inputs\": {\"model\": [\"10\", 0], \"model_name\": "
                                             "\"mm_sd_v15.ckpt\", \"beta_schedule\": \"sqrt_linear "
                                             "(AnimateDiff)\"}}");

  json_object_set_object_member (graph, "93", g_steal_pointer (&node));
  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_NODE);
  g_assert_cmpstr (error->message, ==,
                   "Node type ADE_AnimateDiffLoaderWithContext is not installed on the server");
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_FAILED);
}

static void
count_state_cb (LkComfyClient *client,
                GParamSpec    *pspec,
                GHashTable    *seen)
{
  LkComfyServerState state = lk_comfy_client_get_state (client);

  g_hash_table_replace (seen, GINT_TO_POINTER (state),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, GINT_TO_POINTER (state))) + 1));
}

static void
test_socket_drop_mid_job (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1005, 12, "drop");
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;

  /* the server bug of v0.3.64 is on: a new socket opened before the old one closed gets
   * nothing, so the job only completes if the client waits for the close */
  lk_comfy_sim_set_reconnect_hazard (f->sim, TRUE);
  lk_comfy_sim_set_drop_sockets_after_step (f->sim, 3);
  g_signal_connect (f->client, "notify::state", G_CALLBACK (count_state_cb), seen);

  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job to finish after the drop");

  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (job)), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, GINT_TO_POINTER (LK_COMFY_SERVER_RESTARTING))), >=, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, GINT_TO_POINTER (LK_COMFY_SERVER_ONLINE))), >=, 2);
}

static void
test_restart_mid_job_is_lost (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1006, 300, "lost");
  g_autoptr(GAsyncResult) resubmitted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJob) retry = NULL;

  lk_comfy_sim_set_step_ms (f->sim, 20);
  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_running, job, "the job to run");

  /* the server restarts and forgets its queue */
  lk_comfy_sim_restart (f->sim, 300);
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job to be lost");

  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_LOST);
  g_assert_error (lk_job_get_error (job), LK_COMFY_ERROR, LK_COMFY_ERROR_LOST);
  g_assert_nonnull (strstr (lk_job_get_error (job)->message, "restarted"));

  /* and it can be sent again */
  lk_comfy_sim_set_step_ms (f->sim, 1);
  retry = lk_job_dup_for_retry (job);
  lk_comfy_client_submit_async (f->client, retry, NULL, lk_test_comfy_store_result_cb, &resubmitted);
  g_assert_true (lk_comfy_client_submit_finish (f->client, lk_test_comfy_wait_result (&resubmitted), &error));
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, retry, "the resubmitted job");
  g_assert_cmpint (lk_job_get_state (retry), ==, LK_JOB_SUCCEEDED);
}

static void
test_cancel_pending_and_running (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(JsonObject) graph_a = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1008, 400, "a");
  g_autoptr(JsonObject) graph_b = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1009, 400, "b");
  g_autoptr(GAsyncResult) cancelled_b = NULL;
  g_autoptr(GAsyncResult) cancelled_a = NULL;
  g_autoptr(GAsyncResult) queue_result = NULL;
  g_autoptr(LkComfyQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) a = NULL;
  g_autoptr(LkJob) b = NULL;

  lk_comfy_sim_set_step_ms (f->sim, 20);
  a = lk_test_comfy_submit_and_wait (f->client, graph_a, &error);
  g_assert_no_error (error);
  b = lk_test_comfy_submit_and_wait (f->client, graph_b, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_running, a, "the first job to run");
  g_assert_cmpint (lk_job_get_state (b), ==, LK_JOB_QUEUED);

  lk_comfy_client_cancel_async (f->client, b, NULL, lk_test_comfy_store_result_cb, &cancelled_b);
  g_assert_true (lk_comfy_client_cancel_finish (f->client, lk_test_comfy_wait_result (&cancelled_b), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_job_get_state (b), ==, LK_JOB_CANCELLED);
  g_assert_null (lk_job_get_error (b));

  lk_comfy_client_get_queue_async (f->client, NULL, lk_test_comfy_store_result_cb, &queue_result);
  queue = lk_comfy_client_get_queue_finish (f->client, lk_test_comfy_wait_result (&queue_result), &error);
  g_assert_cmpint (lk_comfy_queue_position (queue, lk_job_get_prompt_id (b), NULL, NULL), ==, -1);
  g_assert_cmpint (lk_comfy_queue_position (queue, lk_job_get_prompt_id (a), NULL, NULL), ==, 0);

  lk_comfy_client_cancel_async (f->client, a, NULL, lk_test_comfy_store_result_cb, &cancelled_a);
  g_assert_true (lk_comfy_client_cancel_finish (f->client, lk_test_comfy_wait_result (&cancelled_a), &error));
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, a, "the running job to stop");
  g_assert_cmpint (lk_job_get_state (a), ==, LK_JOB_CANCELLED);
  g_assert_null (lk_job_get_error (a));
}

static void
assert_tree_inside (const char *root,
                    const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_assert_true (lk_paths_is_inside (root, child));
      g_assert_false (g_file_test (child, G_FILE_TEST_IS_SYMLINK));
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        assert_tree_inside (root, child);
      else
        g_assert_cmpuint (strlen (name), <=, LK_DOWNLOAD_MAX_NAME);
    }
}

static void
test_hostile_output_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1010, 2, "hostile");
  g_autofree char *root = g_build_filename (f->downloads, "inner", NULL);
  g_autofree char *escaped = g_build_filename (f->downloads, "evil.png", NULL);
  g_autofree char *escaped_base = g_build_filename (f->base, "evil.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;
  GListModel *outputs;
  guint refused = 0;

  lk_comfy_sim_set_hostile_names (f->sim, LK_COMFY_SIM_HOSTILE_ALL);
  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job with hostile names");

  outputs = lk_job_get_outputs (job);
  g_assert_cmpuint (g_list_model_get_n_items (outputs), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
    {
      g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) download_error = NULL;

      lk_comfy_client_download_async (f->client, output, root, NULL, lk_test_comfy_store_result_cb, &result);
      file = lk_comfy_client_download_finish (f->client, lk_test_comfy_wait_result (&result), &download_error);
      if (file != NULL)
        g_assert_true (lk_paths_is_inside (root, g_file_peek_path (file)));
      else if (g_error_matches (download_error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNSAFE_NAME))
        refused++;
      else
        g_assert_true (download_error->domain == LK_COMFY_ERROR);
    }

  g_assert_cmpuint (refused, >=, 1);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (escaped_base, G_FILE_TEST_EXISTS));
  assert_tree_inside (root, root);
}

static void
test_reconcile_after_the_process_was_killed (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1011, 150, "killed");
  g_autoptr(LkComfyClient) fresh = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) unknown_result = NULL;
  g_autoptr(GAsyncResult) history_result = NULL;
  g_autoptr(LkComfyHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autoptr(LkJob) found = NULL;
  g_autoptr(LkJob) unknown = NULL;
  g_autofree char *prompt_id = NULL;

  lk_comfy_sim_set_step_ms (f->sim, 10);
  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  prompt_id = g_strdup (lk_job_get_prompt_id (job));

  /* the process dies with the job queued: its client and socket are gone */
  g_clear_object (&f->client);
  g_clear_object (&job);

  fresh = lk_comfy_client_new (f->url, &error);
  lk_comfy_client_set_timings (fresh, 50, 2, 30);
  lk_comfy_client_connect (fresh);
  lk_comfy_client_reconcile_async (fresh, prompt_id, NULL, lk_test_comfy_store_result_cb, &result);
  found = lk_comfy_client_reconcile_finish (fresh, lk_test_comfy_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_job_get_prompt_id (found), ==, prompt_id);
  g_assert_true (lk_job_get_state (found) == LK_JOB_QUEUED
                 || lk_job_get_state (found) == LK_JOB_RUNNING);

  /* its messages go to the dead client id; the fresh client follows it by asking */
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, found, "the reconciled job");
  g_assert_cmpint (lk_job_get_state (found), ==, LK_JOB_SUCCEEDED);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (found)), ==, 1);

  /* one entry on the server: nothing was sent twice */
  lk_comfy_client_get_history_async (fresh, prompt_id, NULL, lk_test_comfy_store_result_cb, &history_result);
  entry = lk_comfy_client_get_history_finish (fresh, lk_test_comfy_wait_result (&history_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entry->outputs->len, ==, 1);

  /* a job that never reached the server is lost, and says so */
  lk_comfy_client_reconcile_async (fresh, "0b6c1f4e-0000-4000-8000-000000000000", NULL,
                                   lk_test_comfy_store_result_cb, &unknown_result);
  unknown = lk_comfy_client_reconcile_finish (fresh, lk_test_comfy_wait_result (&unknown_result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_job_get_state (unknown), ==, LK_JOB_LOST);
  g_assert_error (lk_job_get_error (unknown), LK_COMFY_ERROR, LK_COMFY_ERROR_LOST);
}

static void
test_reconcile_by_tag (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1015, 100, "tag");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) graph_node = json_node_init_object (json_node_alloc (), graph);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkComfyClient) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) found = NULL;
  g_autofree char *graph_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *job_id = g_uuid_string_random ();
  g_autofree char *url = g_strdup_printf ("%s/prompt", f->url);

  /* As a server that ignores client-chosen prompt ids would have it: the job was sent with
   * only its tag, and the answer (the server's id) never arrived. */
  lk_comfy_sim_set_step_ms (f->sim, 10);
  json_generator_set_root (generator, graph_node);
  graph_text = json_generator_to_data (generator, NULL);
  text = g_strdup_printf ("{\"prompt\": %s, \"client_id\": \"gone\", \"extra_data\": "
                          "{\"extra_pnginfo\": {\"" LK_COMFY_JOB_TAG_KEY "\": {\"job\": \"%s\"}}}}",
                          graph_text, job_id);
  body = g_bytes_new (text, strlen (text));
  message = soup_message_new ("POST", url);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  fresh = lk_comfy_client_new (f->url, &error);
  lk_comfy_client_set_timings (fresh, 50, 2, 30);
  lk_comfy_client_connect (fresh);
  lk_comfy_client_reconcile_async (fresh, job_id, NULL, lk_test_comfy_store_result_cb, &result);
  found = lk_comfy_client_reconcile_finish (fresh, lk_test_comfy_wait_result (&result), &error);
  g_assert_no_error (error);

  /* found by its tag, under the id the server chose */
  g_assert_cmpstr (lk_job_get_id (found), ==, job_id);
  g_assert_cmpstr (lk_job_get_prompt_id (found), !=, job_id);
  g_assert_nonnull (strstr ((const char *) g_bytes_get_data (answer, NULL), lk_job_get_prompt_id (found)));
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, found, "the job found by its tag");
  g_assert_cmpint (lk_job_get_state (found), ==, LK_JOB_SUCCEEDED);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (found)), ==, 1);
}

static void
test_no_origin_header (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1012, 2, "origin");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;

  /* any Origin header on any request, the socket's included, gets 403 */
  lk_comfy_sim_set_origin_check (f->sim, LK_COMFY_SIM_ORIGIN_STRICT);
  lk_comfy_client_connect (f->client);
  lk_test_comfy_wait_until (lk_test_comfy_client_online, f->client, "the socket to open");

  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job to finish");
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
}

static void
test_server_error_answer (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1013, 2, "e500");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;

  lk_comfy_sim_set_route_failure (f->sim, "/prompt", 500);
  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_FAILED);
}

static void
test_server_gone_job_lost (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 1014, 300, "gone");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJob) job = NULL;

  lk_comfy_client_set_timings (f->client, 50, 1, 2);
  lk_comfy_sim_set_step_ms (f->sim, 20);
  job = lk_test_comfy_submit_and_wait (f->client, graph, &error);
  g_assert_no_error (error);
  lk_test_comfy_wait_until (lk_test_comfy_job_running, job, "the job to run");

  /* the server goes away and does not come back: the job must not stay running */
  lk_comfy_sim_stop (f->sim);
  f->stopped = TRUE;
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job to be given up");

  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_LOST);
  g_assert_error (lk_job_get_error (job), LK_COMFY_ERROR, LK_COMFY_ERROR_LOST);
  g_assert_nonnull (strstr (lk_job_get_error (job)->message, "unreachable"));
  g_assert_cmpint (lk_comfy_client_get_state (f->client), !=, LK_COMFY_SERVER_ONLINE);
  g_assert_nonnull (lk_comfy_client_get_last_error (f->client));
}

/* A bare server that records what the client sends: the WebSocket handshake and the
 * requests that follow a connection. */
typedef struct
{
  SoupServer *server;
  GPtrArray  *authorization;   /* "path value" of every request */
  guint       origins;
  guint       sockets;
  GPtrArray  *connections;
} Recorder;

static void
record (Recorder           *recorder,
        SoupServerMessage  *message,
        const char         *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  g_ptr_array_add (recorder->authorization,
                   g_strdup_printf ("%s %s", path, authorization ? authorization : "(none)"));
  if (soup_message_headers_get_one (headers, "Origin") != NULL)
    recorder->origins++;
}

static void
recorder_http_cb (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  static const char stats[] = "{\"system\": {\"comfyui_version\": \"0.3.64\"}, \"devices\": []}";

  record (user_data, message, path);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    stats, strlen (stats));
}

static void
recorder_ws_request_cb (SoupServer        *server,
                        SoupServerMessage *message,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  record (user_data, message, path);
}

static void
recorder_ws_cb (SoupServer              *server,
                SoupServerMessage       *message,
                const char              *path,
                SoupWebsocketConnection *connection,
                gpointer                 user_data)
{
  Recorder *recorder = user_data;

  recorder->sockets++;
  g_ptr_array_add (recorder->connections, g_object_ref (connection));
  soup_websocket_connection_send_text (connection, "{\"type\": \"status\", \"data\": {\"status\": "
                                       "{\"exec_info\": {\"queue_remaining\": 0}}, \"sid\": \"x\"}}");
}

static gboolean
stats_seen (gpointer data)
{
  return lk_comfy_client_get_version (data) != NULL;
}

static void
test_authorization_and_no_origin (void)
{
  Recorder recorder = { 0 };
  g_autoptr(LkComfyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint port;

  recorder.authorization = g_ptr_array_new_with_free_func (g_free);
  recorder.connections = g_ptr_array_new_with_free_func (g_object_unref);
  recorder.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (recorder.server, "/ws", recorder_ws_request_cb, &recorder, NULL);
  soup_server_add_websocket_handler (recorder.server, "/ws", NULL, NULL, recorder_ws_cb,
                                     &recorder, NULL);
  soup_server_add_handler (recorder.server, "/system_stats", recorder_http_cb, &recorder, NULL);
  soup_server_listen_local (recorder.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (recorder.server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  client = lk_comfy_client_new (url, &error);
  g_assert_no_error (error);
  lk_comfy_client_set_authorization (client, "Bearer s3cret");
  lk_comfy_client_connect (client);
  lk_test_comfy_wait_until (lk_test_comfy_client_online, client, "the socket to open");
  lk_test_comfy_wait_until (stats_seen, client, "the system stats");

  g_assert_cmpuint (recorder.sockets, ==, 1);
  g_assert_cmpuint (recorder.authorization->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (recorder.authorization, 0), ==, "/ws Bearer s3cret");
  g_assert_cmpstr (g_ptr_array_index (recorder.authorization, 1), ==, "/system_stats Bearer s3cret");
  g_assert_cmpuint (recorder.origins, ==, 0);
  g_assert_cmpstr (lk_comfy_client_get_version (client), ==, "0.3.64");

  g_clear_object (&client);
  while (g_main_context_iteration (NULL, FALSE));
  g_ptr_array_unref (recorder.connections);
  g_ptr_array_unref (recorder.authorization);
  soup_server_disconnect (recorder.server);
  g_object_unref (recorder.server);
}

/* ---- TLS ------------------------------------------------------------------------------- */

static const char tls_script[] =
  "set -e\n"
  "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key "
  "-out ca.pem -days 2 -subj /CN=Lorakeet-Test-CA "
  "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign\n"
  "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key "
  "-out server.csr -subj /CN=127.0.0.1\n"
  "printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext\n"
  "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem "
  "-days 2 -extfile server.ext\n";

static gboolean
has_last_error (gpointer data)
{
  return lk_comfy_client_get_last_error (data) != NULL;
}

static void
test_https_and_wss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkComfySim) sim = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(LkComfyClient) untrusting = NULL;
  g_autoptr(LkComfyClient) client = NULL;
  g_autoptr(JsonObject) graph = NULL;
  g_autoptr(LkJob) refused = NULL;
  g_autoptr(LkJob) job = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *base = NULL;
  g_autofree char *certs = NULL;
  g_autofree char *checkpoint = NULL;
  g_autofree char *checkpoints = NULL;
  g_autofree char *server_pem = NULL;
  g_autofree char *server_key = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *url = NULL;
  const char *argv[] = { "/bin/sh", "-c", tls_script, NULL };
  const GError *last;
  guint progress_notes = 0;
  guint16 port = 0;
  int status = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  base = g_dir_make_tmp ("lk-comfy-tls-XXXXXX", &error);
  g_assert_no_error (error);
  certs = g_build_filename (base, "certs", NULL);
  g_assert_cmpint (g_mkdir_with_parents (certs, 0700), ==, 0);
  g_spawn_sync (certs, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  server_pem = g_build_filename (certs, "server.pem", NULL);
  server_key = g_build_filename (certs, "server.key", NULL);
  ca_pem = g_build_filename (certs, "ca.pem", NULL);

  checkpoints = g_build_filename (base, "models", "checkpoints", NULL);
  checkpoint = g_build_filename (checkpoints, "v1-5-pruned-emaonly.safetensors", NULL);
  g_assert_cmpint (g_mkdir_with_parents (checkpoints, 0755), ==, 0);
  g_assert_true (g_file_set_contents (checkpoint, "model", -1, NULL));

  certificate = g_tls_certificate_new_from_files (server_pem, server_key, &error);
  g_assert_no_error (error);
  sim = lk_comfy_sim_new (base);
  lk_comfy_sim_set_step_ms (sim, 2);
  lk_comfy_sim_set_tls_certificate (sim, certificate);
  lk_comfy_sim_start_in_thread (sim, &port, &error);
  g_assert_no_error (error);
  g_assert_true (lk_comfy_sim_get_tls (sim));
  url = g_strdup_printf ("https://127.0.0.1:%u", port);

  /* without the studio's authority: the socket and a submission both say why */
  untrusting = lk_comfy_client_new (url, &error);
  g_assert_no_error (error);
  lk_comfy_client_set_timings (untrusting, 50, 2, 30);
  lk_comfy_client_connect (untrusting);
  lk_test_comfy_wait_until (has_last_error, untrusting, "the socket to fail");
  last = lk_comfy_client_get_last_error (untrusting);
  g_assert_error (last, LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (last->message, "is not trusted"));
  g_assert_nonnull (strstr (last->message, url));
  g_assert_nonnull (strstr (last->message, "unknown certificate authority"));
  g_assert_cmpint (lk_comfy_client_get_state (untrusting), !=, LK_COMFY_SERVER_ONLINE);

  graph = lk_test_comfy_txt2img (NULL, 0, 7, 4, "tls");
  refused = lk_test_comfy_submit_and_wait (untrusting, graph, &error);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "is not trusted"));
  g_assert_nonnull (strstr (error->message, "certificate authority to this computer"));
  g_clear_error (&error);
  lk_comfy_client_disconnect (untrusting);

  /* a file that holds no certificate is refused and changes nothing */
  client = lk_comfy_client_new (url, &error);
  g_assert_no_error (error);
  g_assert_false (lk_comfy_client_set_tls_ca_file (client, checkpoint, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* with it: https for the routes, wss for the progress */
  g_assert_true (lk_comfy_client_set_tls_ca_file (client, ca_pem, &error));
  g_assert_no_error (error);
  lk_comfy_client_set_timings (client, 50, 2, 30);
  lk_comfy_client_connect (client);
  lk_test_comfy_wait_until (lk_test_comfy_client_online, client, "the wss socket to open");

  job = lk_job_new (graph, NULL);
  g_signal_connect (job, "notify::progress", G_CALLBACK (count_double_cb), &progress_notes);
  {
    g_autoptr(GAsyncResult) submitted = NULL;

    lk_comfy_client_submit_async (client, job, NULL, lk_test_comfy_store_result_cb, &submitted);
    g_assert_true (lk_comfy_client_submit_finish (client, lk_test_comfy_wait_result (&submitted),
                                                  &error));
    g_assert_no_error (error);
  }
  lk_test_comfy_wait_until (lk_test_comfy_job_finished, job, "the job over https to finish");
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  g_assert_cmpfloat (lk_job_get_progress (job), ==, 1.0);
  g_assert_cmpuint (progress_notes, >=, 4);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (job)), ==, 1);
  g_assert_nonnull (lk_comfy_client_get_version (client));

  g_clear_object (&client);
  g_clear_object (&untrusting);
  while (g_main_context_iteration (NULL, FALSE));
  lk_comfy_sim_stop (sim);
  g_clear_object (&sim);
  lk_test_remove_tree (base);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/comfy-client/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("lk_test_comfy_txt2img/succeeds-with-progress-and-outputs", test_txt2img_succeeds, NULL);
  ADD ("lk_test_comfy_txt2img/bypassed-lora-and-object-info", test_txt2img_bypassed_lora_and_object_info, NULL);
  ADD ("validation/missing-lora-in-plain-words", test_validation_in_plain_words, NULL);
  ADD ("validation/missing-node-in-plain-words", test_validation_missing_node,
       "ADE_AnimateDiffLoaderWithContext");
  ADD ("socket/drop-mid-job-still-completes", test_socket_drop_mid_job, NULL);
  ADD ("socket/restart-mid-job-is-lost", test_restart_mid_job_is_lost, NULL);
  ADD ("socket/server-gone-job-is-lost", test_server_gone_job_lost, NULL);
  ADD ("cancel/pending-and-running", test_cancel_pending_and_running, NULL);
  ADD ("download/hostile-output-names", test_hostile_output_names, NULL);
  ADD ("reconcile/after-the-process-was-killed", test_reconcile_after_the_process_was_killed, NULL);
  ADD ("reconcile/finds-a-job-by-its-tag", test_reconcile_by_tag, NULL);
  ADD ("http/no-origin-header", test_no_origin_header, NULL);
  ADD ("http/server-error-answer", test_server_error_answer, NULL);

#undef ADD

  g_test_add_func ("/comfy-client/http/authorization-and-no-origin-everywhere",
                   test_authorization_and_no_origin);
  g_test_add_func ("/comfy-client/tls/https-and-wss-with-the-studio-ca", test_https_and_wss);

  return g_test_run ();
}
