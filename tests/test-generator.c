/* test-generator.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkGenerator end to end: a scratch database with the demo studio on the harness's PostgreSQL,
 * the ComfyUI simulator in its own thread on 127.0.0.1 with the demo studio's model files, and
 * the generator on this thread's main context. Every wait is bounded by a timeout that fails
 * the test. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lk-comfy-output.h"
#include "lk-generator.h"
#include "lk-paths.h"
#include "lk-preflight.h"
#include "lk-test-generator.h"

/* ---- helpers -------------------------------------------------------------------------- */

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gint64
character_id (Fixture    *f,
              const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GError) error = NULL;

  lk_catalog_find_character_async (f->catalog, name, NULL, wait_cb, &result);
  character = lk_catalog_find_character_finish (f->catalog, lk_test_comfy_wait_result (&result),
                                                &error);
  g_assert_no_error (error);
  return lk_character_get_id (character);
}

static GPtrArray *
generate_full (Fixture                  *f,
               LkGenerator              *generator,
               const char               *name,
               const LkGenerateRequest  *request,
               GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkGenerateRequest defaults;

  if (request == NULL)
    {
      lk_generate_request_init (&defaults);
      request = &defaults;
    }

  lk_generator_generate_async (generator, character_id (f, name), request, NULL, wait_cb,
                               &result);
  return lk_generator_generate_finish (generator, lk_test_comfy_wait_result (&result), error);
}

static GPtrArray *
generate (Fixture                 *f,
          const char              *name,
          const LkGenerateRequest *request)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *jobs = generate_full (f, f->generator, name, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (jobs);
  return jobs;
}

static gboolean
job_finished_cb (gpointer data)
{
  return lk_generator_job_is_finished (data);
}

static void
wait_finished (LkGeneratorJob *job)
{
  lk_test_comfy_wait_until (job_finished_cb, job, "the job's outcome to be recorded");
}

static gboolean
job_running_cb (gpointer data)
{
  LkJob *job = lk_generator_job_get_job (data);

  return job != NULL && lk_test_comfy_job_running (job);
}

static char *
query (Fixture    *f,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static char *
query (Fixture    *f,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return lk_test_db_query_value (f->db, sql);
}

static void
assert_row (Fixture        *f,
            LkGeneratorJob *job,
            const char     *column,
            const char     *expected)
{
  g_autofree char *value = query (f, "SELECT %s FROM generation_jobs WHERE id = %" G_GINT64_FORMAT,
                                  column, lk_generator_job_get_id (job));

  g_assert_cmpstr (value, ==, expected);
}

static gint64
count_outputs (Fixture        *f,
               LkGeneratorJob *job)
{
  g_autofree char *value = query (f, "SELECT count (*) FROM generation_outputs WHERE job_id = %"
                                  G_GINT64_FORMAT, lk_generator_job_get_id (job));

  return g_ascii_strtoll (value, NULL, 10);
}

static JsonObject *
node_inputs (LkJob      *job,
             const char *node_id)
{
  JsonObject *node = json_object_get_object_member (lk_job_get_graph (job), node_id);

  g_assert_nonnull (node);
  return json_object_get_object_member (node, "inputs");
}

static void
assert_link (JsonObject *inputs,
             const char *input,
             const char *node,
             gint64      slot)
{
  JsonArray *link = json_object_get_array_member (inputs, input);

  g_assert_nonnull (link);
  g_assert_cmpstr (json_array_get_string_element (link, 0), ==, node);
  g_assert_cmpint (json_array_get_int_element (link, 1), ==, slot);
}

/* ---- tests ---------------------------------------------------------------------------- */

static void
test_mei_own_lora_outputs_recorded (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = generate (f, "Mei Kobayashi", NULL);
  LkGeneratorJob *job;
  LkJob *comfy_job;
  JsonObject *lora;
  g_autoptr(LkComfyOutput) output = NULL;
  g_autofree char *lora_id = NULL;
  g_autofree char *lora_name = NULL;
  g_autofree char *seed = NULL;
  const char *text;

  g_assert_cmpuint (jobs->len, ==, 1);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (lk_generator_job_get_id (job), >, 0);
  g_assert_cmpstr (lk_generator_job_get_server_url (job), ==, f->url);
  g_assert_null (lk_generator_job_get_error (job));
  wait_finished (job);
  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);

  /* what was submitted: her LoRA in the character's loader at 0.8, her trigger words first */
  comfy_job = lk_generator_job_get_job (job);
  lora = node_inputs (comfy_job, "10");
  g_assert_cmpstr (json_object_get_string_member (lora, "lora_name"), ==,
                   "mei_working_v1.safetensors");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (lora, "strength_model"), 0.8,
                                  1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (lora, "strength_clip"), 0.8,
                                  1e-6);
  text = json_object_get_string_member (node_inputs (comfy_job, "6"), "text");
  g_assert_true (g_str_has_prefix (text, "mei kobayashi, "));
  g_assert_nonnull (strstr (text, "office lady"));
  g_assert_nonnull (strstr (text, "tokyo street at night"));
  g_assert_true (strstr (text, "office lady") < strstr (text, "masterpiece"));

  /* what the catalog holds: the exact workflow, the LoRA version, the prompt id, the outcome */
  assert_row (f, job, "status", "succeeded");
  assert_row (f, job, "prompt_id", lk_job_get_prompt_id (comfy_job));
  assert_row (f, job, "server_url", f->url);
  assert_row (f, job, "workflow->'10'->'inputs'->>'lora_name'", "mei_working_v1.safetensors");
  lora_id = query (f, "SELECT lora_model_id FROM generation_jobs WHERE id = %" G_GINT64_FORMAT,
                   lk_generator_job_get_id (job));
  lora_name = query (f, "SELECT name FROM ai_models WHERE id = %s", lora_id);
  g_assert_cmpstr (lora_name, ==, "mei_working_v1");
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, lk_generator_job_get_seed (job));
  assert_row (f, job, "seed", seed);
  assert_row (f, job, "workflow->'3'->'inputs'->>'seed'", seed);
  assert_row (f, job, "finished_at IS NOT NULL", "t");

  /* her outputs: recorded, downloaded into the cache, announced */
  g_assert_cmpint (count_outputs (f, job), ==, 1);
  assert_row (f, job, "(SELECT kind FROM generation_outputs o WHERE o.job_id = generation_jobs.id)",
              "image");
  g_assert_cmpuint (g_list_model_get_n_items (lk_generator_job_get_outputs (job)), ==, 1);
  output = g_list_model_get_item (lk_generator_job_get_outputs (job), 0);
  g_assert_true (g_str_has_prefix (lk_comfy_output_get_filename (output), "anime_image"));
  g_assert_nonnull (lk_comfy_output_get_url (output));
  g_assert_nonnull (lk_comfy_output_get_path (output));
  g_assert_true (lk_paths_is_inside (f->downloads, lk_comfy_output_get_path (output)));
  g_assert_true (g_file_test (lk_comfy_output_get_path (output), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (f->ready->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->ready, 0), ==, lk_comfy_output_get_path (output));
  g_assert_cmpuint (g_list_model_get_n_items (lk_generator_get_jobs (f->generator)), ==, 0);
}

static void
test_rina_lora_bypassed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = generate (f, "Rina Suzuki", NULL);
  LkGeneratorJob *job = g_ptr_array_index (jobs, 0);
  LkJob *comfy_job = lk_generator_job_get_job (job);
  JsonObject *graph = lk_job_get_graph (comfy_job);
  g_autoptr(GList) ids = json_object_get_members (graph);

  wait_finished (job);
  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);

  /* no LoraLoader at all, never Mei's: the consumers take the checkpoint's outputs */
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonObject *node = json_object_get_object_member (graph, l->data);

      g_assert_cmpstr (json_object_get_string_member (node, "class_type"), !=, "LoraLoader");
    }
  assert_link (node_inputs (comfy_job, "3"), "model", "4", 0);
  assert_link (node_inputs (comfy_job, "6"), "clip", "4", 1);
  assert_link (node_inputs (comfy_job, "7"), "clip", "4", 1);
  g_assert_false (g_str_has_prefix (json_object_get_string_member (node_inputs (comfy_job, "6"),
                                                                   "text"), "mei"));

  assert_row (f, job, "status", "succeeded");
  assert_row (f, job, "lora_model_id IS NULL", "t");
  assert_row (f, job, "workflow ? '10'", "f");
  g_assert_cmpint (count_outputs (f, job), ==, 1);
}

static void
remove_mei_lora (Fixture *f)
{
  g_autofree char *path = g_build_filename (lk_comfy_sim_get_models_dir (f->sim), "loras",
                                            "mei_working_v1.safetensors", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_preflight_refusal_recorded (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  LkGeneratorJob *job;
  g_autofree char *error = NULL;

  remove_mei_lora (f);
  jobs = generate (f, "Mei Kobayashi", NULL);
  job = g_ptr_array_index (jobs, 0);

  /* stopped before anything was sent, recorded with the reason */
  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_FAILED);
  g_assert_error (lk_generator_job_get_error (job), LK_GENERATOR_ERROR,
                  LK_GENERATOR_ERROR_PREFLIGHT);
  g_assert_nonnull (strstr (lk_generator_job_get_error (job)->message,
                            "mei_working_v1.safetensors"));
  g_assert_nonnull (strstr (lk_generator_job_get_error (job)->message, "not on"));
  g_assert_true (lk_preflight_has_errors (lk_generator_job_get_checks (job)));

  assert_row (f, job, "status", "failed");
  error = query (f, "SELECT error FROM generation_jobs WHERE id = %" G_GINT64_FORMAT,
                 lk_generator_job_get_id (job));
  g_assert_cmpstr (error, ==, lk_generator_job_get_error (job)->message);
  assert_row (f, job, "prompt_id IS NULL", "t");
}

static void
test_server_refusal_recorded (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) first = generate (f, "Mei Kobayashi", NULL);
  g_autoptr(GPtrArray) second = NULL;
  LkGeneratorJob *job;
  g_autofree char *error = NULL;

  wait_finished (g_ptr_array_index (first, 0));

  /* the server loses the file after Lorakeet read its lists: the server itself refuses */
  remove_mei_lora (f);
  second = generate (f, "Mei Kobayashi", NULL);
  job = g_ptr_array_index (second, 0);
  wait_finished (job);

  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_FAILED);
  g_assert_error (lk_generator_job_get_error (job), LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_MODEL);
  g_assert_nonnull (strstr (lk_generator_job_get_error (job)->message,
                            "mei_working_v1.safetensors"));
  assert_row (f, job, "status", "failed");
  error = query (f, "SELECT error FROM generation_jobs WHERE id = %" G_GINT64_FORMAT,
                 lk_generator_job_get_id (job));
  g_assert_cmpstr (error, ==, lk_generator_job_get_error (job)->message);
  g_assert_cmpint (count_outputs (f, job), ==, 0);
}

static void
test_socket_dropped_still_completes (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  LkGeneratorJob *job;

  lk_comfy_sim_set_step_ms (f->sim, 20);
  lk_comfy_sim_set_drop_sockets_after_step (f->sim, 3);
  jobs = generate (f, "Mei Kobayashi", NULL);
  job = g_ptr_array_index (jobs, 0);
  wait_finished (job);

  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  assert_row (f, job, "status", "succeeded");
  g_assert_cmpint (count_outputs (f, job), ==, 1);
}

static void
test_server_restarted_job_lost (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  LkGeneratorJob *job;
  g_autofree char *error = NULL;

  lk_comfy_sim_set_step_ms (f->sim, 100);
  jobs = generate (f, "Mei Kobayashi", NULL);
  job = g_ptr_array_index (jobs, 0);
  lk_test_comfy_wait_until (job_running_cb, job, "the job to run");

  lk_comfy_sim_restart (f->sim, 200);
  wait_finished (job);

  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_LOST);
  g_assert_error (lk_generator_job_get_error (job), LK_COMFY_ERROR, LK_COMFY_ERROR_LOST);
  assert_row (f, job, "status", "lost");
  error = query (f, "SELECT error FROM generation_jobs WHERE id = %" G_GINT64_FORMAT,
                 lk_generator_job_get_id (job));
  g_assert_nonnull (strstr (error, "Generate it again"));
}

static void
test_cancel_pending_and_running (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  LkGeneratorJob *running;
  LkGeneratorJob *waiting;
  LkGenerateRequest request;

  lk_comfy_sim_set_step_ms (f->sim, 100);
  lk_generate_request_init (&request);
  request.count = 2;
  jobs = generate (f, "Mei Kobayashi", &request);
  running = g_ptr_array_index (jobs, 0);
  waiting = g_ptr_array_index (jobs, 1);
  lk_test_comfy_wait_until (job_running_cb, running, "the first job to run");
  g_assert_cmpint (lk_generator_job_get_state (waiting), ==, LK_JOB_QUEUED);

  lk_generator_cancel_async (f->generator, waiting, NULL, wait_cb, &second);
  g_assert_true (lk_generator_cancel_finish (f->generator, lk_test_comfy_wait_result (&second),
                                             &error));
  g_assert_no_error (error);
  wait_finished (waiting);
  g_assert_cmpint (lk_generator_job_get_state (waiting), ==, LK_JOB_CANCELLED);
  g_assert_cmpint (lk_generator_job_get_state (running), ==, LK_JOB_RUNNING);

  lk_generator_cancel_async (f->generator, running, NULL, wait_cb, &first);
  g_assert_true (lk_generator_cancel_finish (f->generator, lk_test_comfy_wait_result (&first),
                                             &error));
  g_assert_no_error (error);
  wait_finished (running);
  g_assert_cmpint (lk_generator_job_get_state (running), ==, LK_JOB_CANCELLED);

  assert_row (f, waiting, "status", "cancelled");
  assert_row (f, running, "status", "cancelled");
  assert_row (f, running, "finished_at IS NOT NULL", "t");
  g_assert_cmpint (count_outputs (f, running), ==, 0);
}

static void
test_two_servers_share_a_batch (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GHashTable) servers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *distinct = NULL;
  LkGenerateRequest request;

  f->sim2 = lk_test_generator_start_sim (f->base, 50, &f->url2);
  g_object_run_dispose (G_OBJECT (f->generator));
  g_clear_object (&f->generator);
  f->generator = lk_test_generator_make (f, f->catalog, f->url, f->url2);
  lk_comfy_sim_set_step_ms (f->sim, 50);

  lk_generate_request_init (&request);
  request.count = 4;
  jobs = generate (f, "Mei Kobayashi", &request);
  g_assert_cmpuint (jobs->len, ==, 4);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);

      wait_finished (job);
      g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
      g_assert_cmpint (count_outputs (f, job), ==, 1);
      g_hash_table_add (servers, (gpointer) lk_generator_job_get_server_url (job));
    }

  g_assert_cmpuint (g_hash_table_size (servers), ==, 2);
  distinct = query (f, "SELECT count (DISTINCT server_url) FROM generation_jobs");
  g_assert_cmpstr (distinct, ==, "2");
}

static gboolean
tree_has_file (const char *path,
               const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);

      if (strstr (entry, name) != NULL)
        return TRUE;
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK)
          && tree_has_file (child, name))
        return TRUE;
    }

  return FALSE;
}

static void
test_hostile_names_stay_in_cache (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *hostile = NULL;
  g_autofree char *parent = g_path_get_dirname (f->base);
  g_autofree char *outside = g_build_filename (parent, "evil.png", NULL);
  LkGeneratorJob *job;

  lk_comfy_sim_set_hostile_names (f->sim, LK_COMFY_SIM_HOSTILE_ALL);
  jobs = generate (f, "Mei Kobayashi", NULL);
  job = g_ptr_array_index (jobs, 0);
  wait_finished (job);

  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  g_assert_nonnull (lk_generator_job_get_warning (job));
  g_assert_nonnull (strstr (lk_generator_job_get_warning (job), "cannot be used safely"));

  /* nothing written outside the download folder, nothing climbing recorded */
  g_assert_false (tree_has_file (f->base, "evil"));
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < f->ready->len; i++)
    g_assert_true (lk_paths_is_inside (f->downloads, g_ptr_array_index (f->ready, i)));
  hostile = query (f, "SELECT count (*) FROM generation_outputs WHERE filename LIKE '%%..%%' "
                      "OR filename LIKE '/%%' OR filename LIKE '%%\\%%' "
                      "OR subfolder LIKE '%%..%%'");
  g_assert_cmpstr (hostile, ==, "0");
}

static void
test_shared_output_folder_announced (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  LkGeneratorJob *job;
  const char *path;

  lk_generator_set_output_dir (f->generator, lk_comfy_sim_get_output_dir (f->sim));
  jobs = generate (f, "Mei Kobayashi", NULL);
  job = g_ptr_array_index (jobs, 0);
  wait_finished (job);

  g_assert_cmpuint (f->ready->len, ==, 1);
  path = g_ptr_array_index (f->ready, 0);
  g_assert_true (lk_paths_is_inside (lk_comfy_sim_get_output_dir (f->sim), path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (f->downloads, G_FILE_TEST_EXISTS));
}

static void
test_variations_get_different_seeds (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GHashTable) seeds = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *distinct = NULL;
  LkGenerateRequest request;

  lk_generate_request_init (&request);
  request.count = 3;
  jobs = generate (f, "Mei Kobayashi", &request);
  g_assert_cmpuint (jobs->len, ==, 3);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);
      JsonObject *sampler = node_inputs (lk_generator_job_get_job (job), "3");
      gint64 *seed = g_new (gint64, 1);

      *seed = json_object_get_int_member (sampler, "seed");
      g_assert_cmpint (*seed, ==, (gint64) lk_generator_job_get_seed (job));
      g_assert_cmpuint (lk_generator_job_get_seed (job), <, LK_WORKFLOW_SEED_LIMIT);
      g_hash_table_add (seeds, seed);
      wait_finished (job);
      g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
      g_assert_cmpint (count_outputs (f, job), ==, 1);
    }

  g_assert_cmpuint (g_hash_table_size (seeds), ==, 3);
  distinct = query (f, "SELECT count (DISTINCT seed) FROM generation_jobs");
  g_assert_cmpstr (distinct, ==, "3");
  g_hash_table_foreach (seeds, (GHFunc) g_free, NULL);
}

static void
test_fixed_seed_counts_up (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;
  LkGenerateRequest request;

  lk_generate_request_init (&request);
  request.count = 2;
  request.seed_mode = LK_SEED_MODE_FIXED;
  request.seed = 1234;
  request.strength = 0.55;
  request.prompt = "smiling, red scarf";
  jobs = generate (f, "Mei Kobayashi", &request);

  g_assert_cmpuint (lk_generator_job_get_seed (g_ptr_array_index (jobs, 0)), ==, 1234);
  g_assert_cmpuint (lk_generator_job_get_seed (g_ptr_array_index (jobs, 1)), ==, 1235);
  for (guint i = 0; i < jobs->len; i++)
    {
      LkJob *job = lk_generator_job_get_job (g_ptr_array_index (jobs, i));

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (node_inputs (job, "10"),
                                                                     "strength_model"), 0.55, 1e-9);
      g_assert_nonnull (strstr (json_object_get_string_member (node_inputs (job, "6"), "text"),
                                "red scarf"));
      wait_finished (g_ptr_array_index (jobs, i));
    }

  request.count = 1;
  request.seed = LK_WORKFLOW_SEED_LIMIT;
  refused = generate_full (f, f->generator, "Mei Kobayashi", &request, &error);
  g_assert_error (error, LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_INVALID_REQUEST);
  g_assert_null (refused);
}

static void
test_project_every_character (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project = query (f, "SELECT id FROM projects WHERE name = 'Tokyo Debt Desire'");
  LkGenerateRequest request;

  lk_generate_request_init (&request);
  lk_generator_generate_project_async (f->generator, g_ascii_strtoll (project, NULL, 10),
                                       &request, NULL, wait_cb, &result);
  jobs = lk_generator_generate_finish (f->generator, lk_test_comfy_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 4);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);
      gboolean is_mei = g_strcmp0 (lk_generator_job_get_character_name (job), "Mei Kobayashi") == 0;
      g_autofree char *loras = NULL;

      wait_finished (job);
      g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
      /* only Mei has a LoRA; nobody else is ever given hers */
      loras = query (f, "SELECT count (*) FROM generation_jobs WHERE id = %" G_GINT64_FORMAT
                        " AND workflow::text LIKE '%%mei_working%%'",
                     lk_generator_job_get_id (job));
      g_assert_cmpstr (loras, ==, is_mei ? "1" : "0");
    }
}

static gboolean
model_not_empty (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
job_has_id_and_server (gpointer data)
{
  LkGeneratorJob *job = data;
  LkJob *comfy_job = lk_generator_job_get_job (job);

  return comfy_job != NULL && lk_job_get_server_url (comfy_job) != NULL;
}

static gboolean
sim_has_prompt (gpointer data)
{
  g_autoptr(JsonObject) state = lk_comfy_sim_dup_state (data);

  return json_object_get_int_member_with_default (state, "queue_remaining", 0) > 0;
}

static void
test_reconcile_after_kill (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(LkGeneratorJob) job = NULL;
  g_autoptr(LkCatalog) catalog2 = NULL;
  g_autoptr(LkGenerator) generator2 = NULL;
  g_autoptr(GAsyncResult) generated = NULL;
  g_autoptr(GAsyncResult) reconciled = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *prompt_id = NULL;
  g_autofree char *expected = NULL;
  LkGeneratorJob *again;
  LkGenerateRequest request;
  GListModel *jobs;

  /* the server holds the job: it is not run before the second Lorakeet looks */
  lk_comfy_sim_set_stalled (f->sim, TRUE);

  lk_generate_request_init (&request);
  lk_generator_generate_async (f->generator, character_id (f, "Mei Kobayashi"), &request, NULL,
                               wait_cb, &generated);

  /* the moment the job is recorded and being sent, the first Lorakeet dies */
  jobs = lk_generator_get_jobs (f->generator);
  lk_test_comfy_wait_until (model_not_empty, jobs, "a job followed");
  job = g_list_model_get_item (jobs, 0);
  lk_test_comfy_wait_until (job_has_id_and_server, job, "the job to be sent");
  prompt_id = g_strdup (lk_job_get_id (lk_generator_job_get_job (job)));
  g_object_run_dispose (G_OBJECT (f->generator));
  g_clear_object (&f->generator);
  g_clear_object (&f->pool);

  lk_test_comfy_wait_until (sim_has_prompt, f->sim, "the server to have the job");
  rows = query (f, "SELECT status || ' ' || prompt_id FROM generation_jobs");
  expected = g_strdup_printf ("pending %s", prompt_id);
  g_assert_cmpstr (rows, ==, expected);

  /* the next start finds it on the server by the id it recorded */
  catalog2 = lk_catalog_new (f->db->conninfo);
  {
    g_autoptr(GAsyncResult) opened = NULL;

    lk_catalog_open_async (catalog2, LK_CATALOG_OPEN_NONE, NULL, wait_cb, &opened);
    lk_catalog_open_finish (catalog2, lk_test_comfy_wait_result (&opened), &error);
    g_assert_no_error (error);
  }
  generator2 = lk_test_generator_make (f, catalog2, f->url, NULL);
  lk_generator_reconcile_async (generator2, 0, NULL, wait_cb, &reconciled);
  found = lk_generator_reconcile_finish (generator2, lk_test_comfy_wait_result (&reconciled),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  again = g_ptr_array_index (found, 0);
  g_assert_cmpint (lk_generator_job_get_id (again), ==, lk_generator_job_get_id (job));
  g_assert_cmpint (lk_generator_job_get_state (again), >=, LK_JOB_QUEUED);
  g_free (rows);
  rows = query (f, "SELECT status FROM generation_jobs");
  g_assert_true (g_str_equal (rows, "queued") || g_str_equal (rows, "running"));

  /* released, it runs once and its outcome lands on the same row */
  lk_comfy_sim_set_stalled (f->sim, FALSE);
  wait_finished (again);
  g_assert_cmpint (lk_generator_job_get_state (again), ==, LK_JOB_SUCCEEDED);
  g_free (rows);
  rows = query (f, "SELECT count (*) || ' ' || string_agg (status, ',') FROM generation_jobs");
  g_assert_cmpstr (rows, ==, "1 succeeded");
  g_assert_cmpint (count_outputs (f, again), ==, 1);

  /* a second reconcile finds nothing left to do */
  g_clear_object (&reconciled);
  g_clear_pointer (&found, g_ptr_array_unref);
  lk_generator_reconcile_async (generator2, 0, NULL, wait_cb, &reconciled);
  found = lk_generator_reconcile_finish (generator2, lk_test_comfy_wait_result (&reconciled),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  g_object_run_dispose (G_OBJECT (generator2));
  lk_catalog_close (catalog2);
}

static void
test_dry_run_and_checks (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) prepared = NULL;
  g_autoptr(GAsyncResult) checked = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  LkGenerateRequest request;
  LkGeneratorJob *job;
  gboolean base_model_only = FALSE;

  lk_generate_request_init (&request);
  lk_generator_prepare_async (f->generator, character_id (f, "Mei Kobayashi"), &request, NULL,
                              wait_cb, &prepared);
  jobs = lk_generator_prepare_finish (f->generator, lk_test_comfy_wait_result (&prepared), &error);
  g_assert_no_error (error);
  job = g_ptr_array_index (jobs, 0);
  g_assert_nonnull (lk_generator_job_get_workflow (job));
  g_assert_false (lk_preflight_has_errors (lk_generator_job_get_checks (job)));
  g_assert_cmpint (lk_generator_job_get_id (job), ==, 0);
  rows = query (f, "SELECT count (*) FROM generation_jobs");
  g_assert_cmpstr (rows, ==, "0");

  lk_generator_check_async (f->generator, character_id (f, "Rina Suzuki"), NULL, NULL, wait_cb,
                            &checked);
  checks = lk_generator_check_finish (f->generator, lk_test_comfy_wait_result (&checked), &error);
  g_assert_no_error (error);
  g_assert_false (lk_preflight_has_errors (checks));
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (lk_check_get_id (check), "lora-assigned"))
        {
          g_assert_cmpint (lk_check_get_level (check), ==, LK_CHECK_LEVEL_WARNING);
          base_model_only = strstr (lk_check_get_message (check), "base model only") != NULL;
        }
    }
  g_assert_true (base_model_only);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTest options] DEMO-LORA\n", argv[0]);
      return 1;
    }
  lk_test_generator_demo_lora = g_canonicalize_filename (argv[1], NULL);
  lk_test_pg_require ();

#define ADD(path, func) \
  g_test_add ("/generator/" path, Fixture, NULL, lk_test_generator_setup, func, \
              lk_test_generator_teardown)

  ADD ("mei/own-lora-at-0.8-and-outputs-recorded", test_mei_own_lora_outputs_recorded);
  ADD ("rina/lora-bypassed-consumers-rewired", test_rina_lora_bypassed);
  ADD ("validation/preflight-refusal-recorded-in-plain-words", test_preflight_refusal_recorded);
  ADD ("validation/server-refusal-recorded-in-plain-words", test_server_refusal_recorded);
  ADD ("recovery/socket-dropped-mid-job-still-completes", test_socket_dropped_still_completes);
  ADD ("recovery/server-restarted-mid-job-is-lost", test_server_restarted_job_lost);
  ADD ("cancel/pending-and-running", test_cancel_pending_and_running);
  ADD ("pool/two-servers-share-a-batch", test_two_servers_share_a_batch);
  ADD ("outputs/hostile-names-never-leave-the-cache", test_hostile_names_stay_in_cache);
  ADD ("outputs/shared-folder-announced-without-download", test_shared_output_folder_announced);
  ADD ("batch/variations-get-different-seeds", test_variations_get_different_seeds);
  ADD ("batch/fixed-seed-counts-up-with-request-options", test_fixed_seed_counts_up);
  ADD ("batch/every-character-of-a-project", test_project_every_character);
  ADD ("reconcile/killed-before-answer-neither-lost-nor-duplicated", test_reconcile_after_kill);
  ADD ("prepare/dry-run-records-nothing-and-checks-warn", test_dry_run_and_checks);

#undef ADD

  return g_test_run ();
}
