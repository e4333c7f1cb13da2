/* bench-generator.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* N jobs of the demo studio's Mei Kobayashi through LkGenerator, end to end: a scratch
 * database on the harness's PostgreSQL, the ComfyUI simulator in its own thread, the generator
 * on the main thread with ComfyUI's output folder shared (as on a studio machine, nothing is
 * downloaded). Each job is resolved, edited, checked against /object_info, recorded, sent and
 * followed until its outcome and outputs are recorded.
 *
 * The main thread's CPU time (getrusage RUSAGE_THREAD) is the client's cost: the generator, the
 * ComfyUI client and the catalog's main-loop side (its libpq work runs in its own thread and is
 * in the process figure, with the simulator's). Latency is measured from the moment an
 * `executed` message arrives on the socket to the catalog confirming the job's outputs are
 * stored (the generator's outputs-recorded signal). Prints a table; exits 77 without
 * PostgreSQL. Usage: bench-generator DEMO-LORA [N] */

#define _GNU_SOURCE
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "lk-comfy-sim.h"
#include "lk-generator.h"
#include "../lk-test-files.h"
#include "../lk-test-pg.h"
#include "lk-bench.h"

typedef struct
{
  GHashTable *executed_at;   /* prompt id → received_us of its first `executed` */
  GArray     *latencies;     /* µs */
  guint       ready;
} Bench;

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
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
event_cb (LkComfyClient *client,
          LkComfyEvent  *event,
          Bench         *bench)
{
  if (event->type != LK_COMFY_EVENT_EXECUTED || event->prompt_id == NULL
      || g_hash_table_contains (bench->executed_at, event->prompt_id))
    return;

  g_hash_table_insert (bench->executed_at, g_strdup (event->prompt_id),
                       g_memdup2 (&event->received_us, sizeof event->received_us));
}

static void
outputs_recorded_cb (LkGenerator    *generator,
                     LkGeneratorJob *job,
                     guint           n_outputs,
                     Bench          *bench)
{
  gint64 now = g_get_monotonic_time ();
  const gint64 *executed = g_hash_table_lookup (bench->executed_at,
                                                lk_generator_job_get_prompt_id (job));

  if (executed != NULL)
    {
      gint64 latency = now - *executed;

      g_array_append_val (bench->latencies, latency);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *demo_lora = NULL;
  g_autoptr(LkComfySim) sim = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(LkCharacter) mei = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) generated = NULL;
  g_autoptr(GFile) lora = NULL;
  LkTestDb *db;
  LkGenerateRequest request;
  Bench bench = { 0 };
  const char *urls[2] = { NULL, NULL };
  guint n_jobs = 200, succeeded = 0;
  guint16 port = 0;
  double cpu_thread, cpu_process, wall_s, submit_s;
  gint64 start_us, submitted_us;
  LkComfyClient *client;

  if (argc < 2)
    {
      g_printerr ("usage: %s DEMO-LORA [N]\n", argv[0]);
      return 1;
    }
  demo_lora = g_canonicalize_filename (argv[1], NULL);
  if (argc > 2)
    n_jobs = (guint) MAX (1, atoi (argv[2]));
  if (!lk_test_pg_available ())
    {
      g_printerr ("No PostgreSQL server is reachable with libpq's defaults (run under "
                  "pg_virtualenv); skipping.\n");
      return 77;
    }

  base = g_dir_make_tmp ("lk-bench-generator-XXXXXX", &error);
  g_assert_no_error (error);
  lk_bench_write_model (base, "checkpoints/realisticVisionV51_v51VAE.safetensors");
  lk_bench_write_model (base, "loras/mei_working_v1.safetensors");

  sim = lk_comfy_sim_new (base);
  lk_comfy_sim_set_step_ms (sim, 0);
  lk_comfy_sim_start_in_thread (sim, &port, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  db = lk_test_db_new ();
  catalog = lk_catalog_new (db->conninfo);
  lk_catalog_open_async (catalog, LK_CATALOG_OPEN_MIGRATE, NULL, wait_cb, &opened);
  lk_catalog_open_finish (catalog, wait_result (&opened), &error);
  g_assert_no_error (error);
  lora = g_file_new_for_path (demo_lora);
  lk_catalog_install_demo_async (catalog, lora, NULL, wait_cb, &installed);
  lk_catalog_install_demo_finish (catalog, wait_result (&installed), &error);
  g_assert_no_error (error);
  lk_catalog_find_character_async (catalog, "Mei Kobayashi", NULL, wait_cb, &found);
  mei = lk_catalog_find_character_finish (catalog, wait_result (&found), &error);
  g_assert_no_error (error);

  urls[0] = url;
  lk_server_pool_set_urls (pool, urls, &error);
  g_assert_no_error (error);
  client = lk_server_pool_find (pool, url);
  generator = lk_generator_new (catalog, pool);
  lk_generator_set_output_dir (generator, lk_comfy_sim_get_output_dir (sim));

  bench.executed_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bench.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (client, "event", G_CALLBACK (event_cb), &bench);
  g_signal_connect (generator, "outputs-recorded", G_CALLBACK (outputs_recorded_cb), &bench);

  lk_generate_request_init (&request);
  request.count = n_jobs;

  cpu_thread = thread_cpu_seconds ();
  cpu_process = process_cpu_seconds ();
  start_us = g_get_monotonic_time ();

  lk_generator_generate_async (generator, lk_character_get_id (mei), &request, NULL, wait_cb,
                               &generated);
  jobs = lk_generator_generate_finish (generator, wait_result (&generated), &error);
  g_assert_no_error (error);
  submitted_us = g_get_monotonic_time ();

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);

      while (!lk_generator_job_is_finished (job))
        g_main_context_iteration (NULL, TRUE);
      succeeded += lk_generator_job_get_state (job) == LK_JOB_SUCCEEDED;
    }

  wall_s = (g_get_monotonic_time () - start_us) / 1e6;
  submit_s = (submitted_us - start_us) / 1e6;
  cpu_thread = thread_cpu_seconds () - cpu_thread;
  cpu_process = process_cpu_seconds () - cpu_process;
  g_array_sort (bench.latencies, lk_bench_compare_us);

  printf ("bench-generator: %u jobs of Mei Kobayashi through LkGenerator, one simulated server,\n"
          "the catalog on PostgreSQL, ComfyUI's output folder shared\n\n", n_jobs);
  printf ("  %-58s %12s\n", "measure", "value");
  printf ("  %-58s %8u/%-3u\n", "jobs succeeded and recorded", succeeded, n_jobs);
  printf ("  %-58s %10.2f s\n", "wall time, first submission to last outcome", wall_s);
  printf ("  %-58s %10.2f s\n", "submitting all (resolve, edit, check, record, send)",
          submit_s);
  printf ("  %-58s %9.2f ms\n", "client CPU per job (main thread)", cpu_thread * 1000 / n_jobs);
  printf ("  %-58s %9.2f ms\n", "process CPU per job (with catalog thread and simulator)",
          cpu_process * 1000 / n_jobs);
  printf ("  %-58s %9.2f ms\n", "executed to outputs recorded, median (goal < 20 ms)",
          lk_bench_percentile_ms (bench.latencies, 0.5));
  printf ("  %-58s %9.2f ms\n", "executed to outputs recorded, p95",
          lk_bench_percentile_ms (bench.latencies, 0.95));
  printf ("  %-58s %9.2f ms\n", "executed to outputs recorded, max",
          lk_bench_percentile_ms (bench.latencies, 1.0));
  printf ("  %-58s %12u\n", "latency samples", bench.latencies->len);

  g_object_run_dispose (G_OBJECT (generator));
  lk_catalog_close (catalog);
  lk_comfy_sim_stop (sim);
  g_hash_table_unref (bench.executed_at);
  g_array_unref (bench.latencies);
  lk_test_db_free (db);
  lk_test_remove_tree (base);

  return succeeded == n_jobs ? 0 : 1;
}
