/* bench-live-arrival.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How soon a frame ComfyUI has just written shows in the gallery. N jobs of the demo studio's
 * Mei Kobayashi run through LkGenerator against the ComfyUI simulator, with ComfyUI's output
 * folder shared (as on a studio machine) and an LkOutputStore listing that folder, as the
 * gallery does. On LkGenerator::output-ready the store is handed the path with
 * lk_output_store_add_path(), which is what the window does for the gallery; the folder
 * monitor may notice the file first, and either way counts. The time measured runs from the
 * client receiving ComfyUI's `executed` message to the item being in the store's model
 * (its items-changed). Goal: under 200 ms. Prints a table; exits 77 without PostgreSQL.
 * Usage: bench-live-arrival DEMO-LORA [N] */

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "lk-comfy-sim.h"
#include "lk-generator.h"
#include "lk-output-store.h"
#include "../lk-test-files.h"
#include "../lk-test-pg.h"
#include "lk-bench.h"

typedef struct
{
  LkOutputStore *store;
  GHashTable    *executed_at;  /* prompt id → received_us of its first `executed` */
  GHashTable    *waiting;      /* path → received_us of its job's `executed` */
  GHashTable    *arrived;      /* paths already in the store */
  GArray        *latencies;    /* µs */
} Bench;

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
bench_arrived (Bench      *bench,
               const char *path,
               gint64      now)
{
  const gint64 *executed;

  if (g_hash_table_contains (bench->arrived, path))
    return;

  if ((executed = g_hash_table_lookup (bench->waiting, path)) != NULL)
    {
      gint64 latency = MAX (0, now - *executed);

      g_array_append_val (bench->latencies, latency);
      g_hash_table_remove (bench->waiting, path);
    }
  g_hash_table_add (bench->arrived, g_strdup (path));
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
output_ready_cb (LkGenerator    *generator,
                 LkGeneratorJob *job,
                 const char     *path,
                 Bench          *bench)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  const gint64 *executed = g_hash_table_lookup (bench->executed_at,
                                                lk_generator_job_get_prompt_id (job));

  if (executed != NULL && !g_hash_table_contains (bench->arrived, canonical))
    g_hash_table_insert (bench->waiting, g_strdup (canonical),
                         g_memdup2 (executed, sizeof *executed));

  lk_output_store_add_path (bench->store, path);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LkOutputItem) item = g_list_model_get_item (model, i);

      bench_arrived (bench, lk_output_item_get_path (item), now);
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
  g_autofree char *output_dir = NULL;
  g_autoptr(LkComfySim) sim = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(LkOutputStore) store = NULL;
  g_autoptr(LkCharacter) mei = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) generated = NULL;
  g_autoptr(GFile) lora = NULL;
  LkTestDb *db;
  LkGenerateRequest request;
  Bench bench = { 0 };
  const char *urls[2] = { NULL, NULL };
  guint n_jobs = 60, succeeded = 0, n_waiting;
  guint16 port = 0;
  gint64 deadline;
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

  base = g_dir_make_tmp ("lk-bench-arrival-XXXXXX", &error);
  g_assert_no_error (error);
  lk_bench_write_model (base, "checkpoints/realisticVisionV51_v51VAE.safetensors");
  lk_bench_write_model (base, "loras/mei_working_v1.safetensors");

  sim = lk_comfy_sim_new (base);
  lk_comfy_sim_set_step_ms (sim, 0);
  lk_comfy_sim_start_in_thread (sim, &port, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  output_dir = g_canonicalize_filename (lk_comfy_sim_get_output_dir (sim), NULL);
  g_assert_cmpint (g_mkdir_with_parents (output_dir, 0755), ==, 0);

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

  /* The gallery's store, listed and monitoring before the first job starts. */
  store = lk_output_store_new (output_dir);
  lk_output_store_load_async (store, NULL, wait_cb, &loaded);
  lk_output_store_load_finish (store, wait_result (&loaded), &error);
  g_assert_no_error (error);

  urls[0] = url;
  lk_server_pool_set_urls (pool, urls, &error);
  g_assert_no_error (error);
  client = lk_server_pool_find (pool, url);
  generator = lk_generator_new (catalog, pool);
  lk_generator_set_output_dir (generator, output_dir);

  bench.store = store;
  bench.executed_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bench.waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bench.arrived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bench.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (client, "event", G_CALLBACK (event_cb), &bench);
  g_signal_connect (generator, "output-ready", G_CALLBACK (output_ready_cb), &bench);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &bench);

  lk_generate_request_init (&request);
  request.count = n_jobs;

  lk_generator_generate_async (generator, lk_character_get_id (mei), &request, NULL, wait_cb,
                               &generated);
  jobs = lk_generator_generate_finish (generator, wait_result (&generated), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);

      while (!lk_generator_job_is_finished (job))
        g_main_context_iteration (NULL, TRUE);
      succeeded += lk_generator_job_get_state (job) == LK_JOB_SUCCEEDED;
    }

  /* The last files may still be on their way into the store; give them a bounded while. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_hash_table_size (bench.waiting) > 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  n_waiting = g_hash_table_size (bench.waiting);

  g_array_sort (bench.latencies, lk_bench_compare_us);

  printf ("bench-live-arrival: %u jobs of Mei Kobayashi on one simulated server, ComfyUI's\n"
          "output folder shared and listed by an LkOutputStore as in the gallery\n\n", n_jobs);
  printf ("  %-58s %12s\n", "measure", "value");
  printf ("  %-58s %8u/%-3u\n", "jobs succeeded", succeeded, n_jobs);
  printf ("  %-58s %12u\n", "outputs timed", bench.latencies->len);
  printf ("  %-58s %12u\n", "outputs never in the store within 5 s", n_waiting);
  printf ("  %-58s %9.2f ms\n", "executed to item in the store, median (goal < 200 ms)",
          lk_bench_percentile_ms (bench.latencies, 0.5));
  printf ("  %-58s %9.2f ms\n", "executed to item in the store, p95",
          lk_bench_percentile_ms (bench.latencies, 0.95));
  printf ("  %-58s %9.2f ms\n", "executed to item in the store, max",
          lk_bench_percentile_ms (bench.latencies, 1.0));

  g_signal_handlers_disconnect_by_data (store, &bench);
  g_object_run_dispose (G_OBJECT (generator));
  lk_catalog_close (catalog);
  lk_comfy_sim_stop (sim);
  g_hash_table_unref (bench.executed_at);
  g_hash_table_unref (bench.waiting);
  g_hash_table_unref (bench.arrived);
  g_array_unref (bench.latencies);
  lk_test_db_free (db);
  lk_test_remove_tree (base);

  return succeeded == n_jobs && n_waiting == 0 ? 0 : 1;
}
