/* lk-test-generator.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fixture of test-generator.c: a simulator holding the demo studio's model files, a
 * scratch database with the demo studio, and a generator whose clients retry quickly. */

#include "config.h"

#include "lk-test-files.h"
#include "lk-test-generator.h"

char *lk_test_generator_demo_lora;


static const char * const demo_models[] = {
  "checkpoints/realisticVisionV51_v51VAE.safetensors",
  "checkpoints/anything-v5-PrtRE.safetensors",
  "loras/mei_working_v1.safetensors",
  "animatediff_models/mm_sd_v15_v2.ckpt",
  NULL
};

LkComfySim *
lk_test_generator_start_sim (const char *base,
                             guint       step_ms,
                             char      **url)
{
  g_autoptr(GError) error = NULL;
  LkComfySim *sim;
  guint16 port = 0;

  for (guint i = 0; demo_models[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (base, "models", demo_models[i], NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_true (g_file_set_contents (path, "model", -1, NULL));
    }

  sim = lk_comfy_sim_new (base);
  lk_comfy_sim_set_step_ms (sim, step_ms);
  lk_comfy_sim_start_in_thread (sim, &port, &error);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%u", port);

  return sim;
}

static void
output_ready_cb (LkGenerator    *generator,
                 LkGeneratorJob *job,
                 const char     *path,
                 Fixture        *f)
{
  g_ptr_array_add (f->ready, g_strdup (path));
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static LkCatalog *
open_demo_catalog (LkTestDb *db)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (db->conninfo);
  g_autoptr(GFile) lora = g_file_new_for_path (lk_test_generator_demo_lora);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GError) error = NULL;

  lk_catalog_open_async (catalog, LK_CATALOG_OPEN_MIGRATE, NULL, wait_cb, &opened);
  lk_catalog_open_finish (catalog, lk_test_comfy_wait_result (&opened), &error);
  g_assert_no_error (error);

  lk_catalog_install_demo_async (catalog, lora, NULL, wait_cb, &installed);
  lk_catalog_install_demo_finish (catalog, lk_test_comfy_wait_result (&installed), &error);
  g_assert_no_error (error);

  return g_steal_pointer (&catalog);
}

LkGenerator *
lk_test_generator_make (Fixture    *f,
                        LkCatalog  *catalog,
                        const char *url,
                        const char *url2)
{
  const char *urls[] = { url, url2, NULL };
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(GError) error = NULL;
  LkGenerator *generator;

  lk_server_pool_set_urls (pool, urls, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pool)); i++)
    {
      g_autoptr(LkComfyClient) client = g_list_model_get_item (G_LIST_MODEL (pool), i);

      lk_comfy_client_set_timings (client, 50, 2, 30);
    }

  generator = lk_generator_new (catalog, pool);
  lk_generator_set_download_dir (generator, f->downloads);
  g_signal_connect (generator, "output-ready", G_CALLBACK (output_ready_cb), f);

  return generator;
}

void
lk_test_generator_setup (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->base = g_dir_make_tmp ("lk-generator-XXXXXX", &error);
  g_assert_no_error (error);
  f->downloads = g_build_filename (f->base, "cache", "downloads", NULL);
  f->ready = g_ptr_array_new_with_free_func (g_free);

  f->sim = lk_test_generator_start_sim (f->base, 2, &f->url);
  f->db = lk_test_db_new ();
  f->catalog = open_demo_catalog (f->db);
  f->generator = lk_test_generator_make (f, f->catalog, f->url, NULL);
  f->pool = g_object_ref (lk_generator_get_pool (f->generator));
}

void
lk_test_generator_teardown (Fixture       *f,
                            gconstpointer  data)
{
  if (f->generator != NULL)
    g_object_run_dispose (G_OBJECT (f->generator));
  g_clear_object (&f->generator);
  g_clear_object (&f->pool);
  if (f->catalog != NULL)
    lk_catalog_close (f->catalog);
  g_clear_object (&f->catalog);
  while (g_main_context_iteration (NULL, FALSE));

  lk_comfy_sim_stop (f->sim);
  g_clear_object (&f->sim);
  if (f->sim2 != NULL)
    lk_comfy_sim_stop (f->sim2);
  g_clear_object (&f->sim2);

  g_clear_pointer (&f->db, lk_test_db_free);
  lk_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->downloads);
  g_free (f->url);
  g_free (f->url2);
  g_ptr_array_unref (f->ready);
}
