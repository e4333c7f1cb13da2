/* bench-comfy-client.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* N jobs submitted at once to the ComfyUI simulator and followed to the end by one
 * LkComfyClient. The simulator runs in its own thread, the client on the main thread, so the
 * main thread's CPU time (getrusage RUSAGE_THREAD) is the client's cost. Latency is measured
 * from the moment an `executed` message arrives on the socket to the job's output list
 * holding its files, and to the job being final (after its history was read). Prints the
 * figures; asserts only that every job succeeded. */

#define _GNU_SOURCE
#include "config.h"

#include <sys/resource.h>
#include <glib/gstdio.h>

#include "lk-comfy-client.h"
#include "lk-comfy-sim.h"
#include "lk-bench.h"

typedef struct
{
  GHashTable *executed_at;   /* prompt id → received_us of its `executed` */
  GArray     *to_outputs;    /* µs */
  GArray     *to_final;      /* µs */
  guint       finished;
} Bench;

typedef struct
{
  Bench *bench;
  LkJob *job;
} Watch;

static double
thread_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
process_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
write_file (const char *base,
            const char *relative)
{
  g_autofree char *path = g_build_filename (base, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "model", -1, NULL));
}

static JsonObject *
graph_for (gint64 seed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = g_strdup_printf (
    "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": "
    "\"v1-5-pruned-emaonly.safetensors\"}},"
    " \"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"mei_working_v1.safetensors\", "
    "\"strength_model\": 0.8, \"strength_clip\": 1, \"model\": [\"4\", 0], \"clip\": [\"4\", 1]}},"
    " \"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"mei\", \"clip\": [\"10\", 1]}},"
    " \"7\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"lowres\", \"clip\": [\"10\", 1]}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 64, \"height\": 64, \"batch_size\": 1}},"
    " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": %" G_GINT64_FORMAT ", \"steps\": 4, "
    "\"cfg\": 8, \"sampler_name\": \"euler\", \"scheduler\": \"normal\", \"denoise\": 1, \"model\": [\"10\", 0], "
    "\"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"3\", 0], \"vae\": [\"4\", 2]}},"
    " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"8\", 0], \"filename_prefix\": \"bench\"}}}",
    seed);

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
event_cb (LkComfyClient *client,
          LkComfyEvent  *event,
          Bench         *bench)
{
  if (event->type == LK_COMFY_EVENT_EXECUTED && event->prompt_id != NULL
      && event->outputs != NULL && event->outputs->len > 0)
    g_hash_table_replace (bench->executed_at, g_strdup (event->prompt_id),
                          g_memdup2 (&event->received_us, sizeof (gint64)));
}

static void
outputs_changed_cb (GListModel *outputs,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Watch      *watch)
{
  gint64 *at = g_hash_table_lookup (watch->bench->executed_at, lk_job_get_prompt_id (watch->job));
  gint64 latency;

  /* only outputs that came with an `executed` message, not those made good from history */
  if (at == NULL || added == 0 || position != 0)
    return;

  latency = g_get_monotonic_time () - *at;
  g_array_append_val (watch->bench->to_outputs, latency);
}

static void
state_cb (LkJob      *job,
          GParamSpec *pspec,
          Watch      *watch)
{
  gint64 *at;
  gint64 latency;

  if (!lk_job_is_finished (job))
    return;

  watch->bench->finished++;
  if ((at = g_hash_table_lookup (watch->bench->executed_at, lk_job_get_prompt_id (job))))
    {
      latency = g_get_monotonic_time () - *at;
      g_array_append_val (watch->bench->to_final, latency);
    }
}

static double
percentile_ms (GArray *values,
               double  fraction)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, lk_bench_compare_us);
  index = MIN ((guint) (fraction * values->len), values->len - 1);

  return g_array_index (values, gint64, index) / 1000.0;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("the benchmark did not finish in time");
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkComfySim) sim = NULL;
  g_autoptr(LkComfyClient) client = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Watch *watches = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  guint n_jobs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  Bench bench = { 0 };
  double cpu_start, process_start, wall_start, cpu, process_cpu, wall;
  guint succeeded = 0;
  guint16 port;

  if (n_jobs == 0)
    n_jobs = 200;

  base = g_dir_make_tmp ("lorakeet-bench-XXXXXX", &error);
  g_assert_no_error (error);
  write_file (base, "models/checkpoints/v1-5-pruned-emaonly.safetensors");
  write_file (base, "models/loras/mei_working_v1.safetensors");

  sim = lk_comfy_sim_new (base);
  lk_comfy_sim_set_step_ms (sim, 1);
  lk_comfy_sim_start_in_thread (sim, &port, &error);
  g_assert_no_error (error);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = lk_comfy_client_new (url, &error);
  g_assert_no_error (error);
  lk_comfy_client_connect (client);
  while (lk_comfy_client_get_state (client) != LK_COMFY_SERVER_ONLINE)
    g_main_context_iteration (NULL, TRUE);

  bench.executed_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bench.to_outputs = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.to_final = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (client, "event", G_CALLBACK (event_cb), &bench);
  watches = g_new0 (Watch, n_jobs);
  g_timeout_add_seconds (600, timed_out_cb, NULL);

  cpu_start = thread_cpu_seconds ();
  process_start = process_cpu_seconds ();
  wall_start = g_get_monotonic_time () / 1e6;

  for (guint i = 0; i < n_jobs; i++)
    {
      g_autoptr(JsonObject) graph = graph_for (5000 + i);
      LkJob *job = lk_job_new (graph, NULL);

      watches[i].bench = &bench;
      watches[i].job = job;
      g_signal_connect (lk_job_get_outputs (job), "items-changed",
                        G_CALLBACK (outputs_changed_cb), &watches[i]);
      g_signal_connect (job, "notify::state", G_CALLBACK (state_cb), &watches[i]);
      g_ptr_array_add (jobs, job);
      lk_comfy_client_submit_async (client, job, NULL, NULL, NULL);
    }

  while (bench.finished < n_jobs)
    g_main_context_iteration (NULL, TRUE);

  cpu = thread_cpu_seconds () - cpu_start;
  process_cpu = process_cpu_seconds () - process_start;
  wall = g_get_monotonic_time () / 1e6 - wall_start;

  for (guint i = 0; i < jobs->len; i++)
    succeeded += lk_job_get_state (g_ptr_array_index (jobs, i)) == LK_JOB_SUCCEEDED;

  g_print ("# %u txt2img jobs (4 steps, 1 ms/step) submitted at once to the simulator, one client\n",
           n_jobs);
  g_print ("%-44s %10s\n", "measure", "value");
  g_print ("%-44s %10u\n", "jobs succeeded", succeeded);
  g_print ("%-44s %10.3f s\n", "wall time", wall);
  g_print ("%-44s %10.3f s\n", "client CPU (main thread)", cpu);
  g_print ("%-44s %10.3f ms\n", "client CPU per job", cpu * 1000 / n_jobs);
  g_print ("%-44s %10.3f s\n", "process CPU (client + simulator)", process_cpu);
  g_print ("%-44s %10.3f ms\n", "executed -> outputs listed, median", percentile_ms (bench.to_outputs, 0.5));
  g_print ("%-44s %10.3f ms\n", "executed -> outputs listed, 95th percentile", percentile_ms (bench.to_outputs, 0.95));
  g_print ("%-44s %10.3f ms\n", "executed -> job final (history read), median", percentile_ms (bench.to_final, 0.5));
  g_print ("%-44s %10.3f ms\n", "executed -> job final, 95th percentile", percentile_ms (bench.to_final, 0.95));

  g_assert_cmpuint (succeeded, ==, n_jobs);
  g_assert_cmpuint (bench.to_outputs->len, ==, n_jobs);

  for (guint i = 0; i < jobs->len; i++)
    {
      g_signal_handlers_disconnect_by_data (lk_job_get_outputs (g_ptr_array_index (jobs, i)), &watches[i]);
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (jobs, i), &watches[i]);
    }
  g_clear_object (&client);
  while (g_main_context_iteration (NULL, FALSE));
  lk_comfy_sim_stop (sim);
  g_hash_table_unref (bench.executed_at);
  g_array_unref (bench.to_outputs);
  g_array_unref (bench.to_final);

  {
    g_autofree char *rm = g_find_program_in_path ("rm");
    const char *rm_argv[] = { rm, "-rf", base, NULL };

    if (rm != NULL)
      g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return 0;
}
