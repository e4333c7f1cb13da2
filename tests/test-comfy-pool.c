/* test-comfy-pool.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkServerPool against two ComfyUI simulators and a server that is down. */

#include "config.h"

#include <string.h>

#include "lk-server-pool.h"
#include "lk-test-comfy.h"
#include "lk-test-files.h"

static void
test_pool_without_reachable_server (void)
{
  g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 3000, 2, "none");
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkComfyClient) used = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dead = lk_test_comfy_dead_server_url ();

  g_assert_nonnull (lk_server_pool_add (pool, dead, &error));
  lk_server_pool_submit_async (pool, job, NULL, lk_test_comfy_store_result_cb, &result);
  used = lk_server_pool_submit_finish (pool, lk_test_comfy_wait_result (&result), &error);

  g_assert_null (used);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER);
  g_assert_nonnull (strstr (error->message, dead));
  /* nothing was sent: the job can go elsewhere later */
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_PENDING);
  g_assert_null (lk_job_get_server_url (job));
}

static gboolean
both_finished (gpointer data)
{
  GPtrArray *jobs = data;

  for (guint i = 0; i < jobs->len; i++)
    {
      if (!lk_job_is_finished (g_ptr_array_index (jobs, i)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
pool_has_two_online (gpointer data)
{
  return lk_server_pool_get_n_online (data) == 2;
}

static void
test_pool_shares_jobs (void)
{
  g_autofree char *base = g_dir_make_tmp ("lk-comfy-pool-XXXXXX", NULL);
  g_autofree char *other_base = g_dir_make_tmp ("lk-comfy-pool-XXXXXX", NULL);
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  GAsyncResult *results[6] = { NULL };
  g_autofree char *dead_url = NULL;
  g_autofree char *other_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_url = NULL;
  LkComfySim *first;
  LkComfySim *other;
  guint16 first_port;
  guint16 other_port;
  guint on_first = 0, on_other = 0;
  const char *urls[4];

  /* a port nothing listens on: that server is down */
  dead_url = lk_test_comfy_dead_server_url ();

  first = lk_test_comfy_start_sim (base, 2, NULL, &first_port);
  first_url = g_strdup_printf ("http://127.0.0.1:%u", first_port);
  other = lk_test_comfy_start_sim (other_base, 2, NULL, &other_port);
  other_url = g_strdup_printf ("http://127.0.0.1:%u", other_port);

  urls[0] = dead_url;
  urls[1] = first_url;
  urls[2] = other_url;
  urls[3] = NULL;
  g_assert_true (lk_server_pool_set_urls (pool, urls, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pool)), ==, 3);
  lk_test_comfy_wait_until (pool_has_two_online, pool, "two servers online");

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(JsonObject) graph = lk_test_comfy_txt2img ("mei_working_v1.safetensors", 0.8, 2000 + i, 20, "pool");
      LkJob *job = lk_job_new (graph, NULL);

      g_ptr_array_add (jobs, job);
      lk_server_pool_submit_async (pool, job, NULL, lk_test_comfy_store_result_cb, &results[i]);
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      g_autoptr(LkComfyClient) used = NULL;

      used = lk_server_pool_submit_finish (pool, lk_test_comfy_wait_result (&results[i]), &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
      g_assert_cmpstr (lk_comfy_client_get_url (used), !=, dead_url);
    }

  lk_test_comfy_wait_until (both_finished, jobs, "every pool job");
  for (guint i = 0; i < jobs->len; i++)
    {
      LkJob *job = g_ptr_array_index (jobs, i);

      g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
      if (g_str_equal (lk_job_get_server_url (job), first_url))
        on_first++;
      else if (g_str_equal (lk_job_get_server_url (job), other_url))
        on_other++;
    }

  /* both servers got work; the dead one none */
  g_assert_cmpuint (on_first + on_other, ==, 6);
  g_assert_cmpuint (on_first, >=, 2);
  g_assert_cmpuint (on_other, >=, 2);
  g_assert_cmpint (lk_comfy_client_get_state (lk_server_pool_find (pool, dead_url)), ==,
                   LK_COMFY_SERVER_OFFLINE);

  g_clear_object (&pool);
  while (g_main_context_iteration (NULL, FALSE));
  lk_comfy_sim_stop (first);
  lk_comfy_sim_stop (other);
  g_object_unref (first);
  g_object_unref (other);
  lk_test_remove_tree (base);
  lk_test_remove_tree (other_base);
}

static void
test_pool_set_urls_keeps_clients (void)
{
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(GError) error = NULL;
  const char *first[] = { "http://127.0.0.1:1", "http://127.0.0.1:2/", NULL };
  const char *second[] = { "http://127.0.0.1:2", "http://127.0.0.1:3", "http://127.0.0.1:2", NULL };
  const char *bad[] = { "http://127.0.0.1:4", "ftp://example.com", NULL };
  LkComfyClient *kept;

  g_assert_true (lk_server_pool_set_urls (pool, first, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pool)), ==, 2);
  kept = lk_server_pool_find (pool, "http://127.0.0.1:2");
  g_assert_nonnull (kept);

  /* the server that stays keeps its client (and its connection and jobs) */
  g_assert_true (lk_server_pool_set_urls (pool, second, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pool)), ==, 2);
  g_assert_true (lk_server_pool_find (pool, "http://127.0.0.1:2") == kept);
  g_assert_null (lk_server_pool_find (pool, "http://127.0.0.1:1"));
  g_assert_nonnull (lk_server_pool_find (pool, "http://127.0.0.1:3"));

  /* a bad address changes nothing */
  g_assert_false (lk_server_pool_set_urls (pool, bad, &error));
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_URL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pool)), ==, 2);
  g_assert_null (lk_server_pool_pick (pool));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/comfy-pool/two-servers-share-jobs", test_pool_shares_jobs);
  g_test_add_func ("/comfy-pool/no-reachable-server", test_pool_without_reachable_server);
  g_test_add_func ("/comfy-pool/set-urls-keeps-clients", test_pool_set_urls_keeps_clients);

  return g_test_run ();
}
