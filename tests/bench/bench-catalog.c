/* bench-catalog.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* 10,000 characters listed with their resolved LoRA: LkCatalog's listing (one query, rows
 * turned into GObjects, handed back to the main loop), the server's own execution time
 * (EXPLAIN ANALYZE), and the same query through psql, as a user would otherwise run it. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "../lk-test-pg.h"
#include "lk-catalog.h"
#include "lk-catalog-private.h"

#define N_RUNS 9

static const char seed_sql[] =
  "INSERT INTO projects (name) SELECT 'Project ' || g FROM generate_series (1, 20) g;"
  "INSERT INTO ai_models (name, type, model_path) VALUES ('ckpt', 'checkpoint', 'ckpt.safetensors');"
  "INSERT INTO video_workflow_templates (name, workflow_template) "
  "  VALUES ('t', '{\"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {}}}');"
  "INSERT INTO generation_profiles (name, checkpoint_id, video_workflow_template_id) "
  "  SELECT 'profile', m.id, t.id FROM ai_models m, video_workflow_templates t;"
  "INSERT INTO project_profiles (project_id, profile_id) "
  "  SELECT p.id, gp.id FROM projects p, generation_profiles gp;"
  "INSERT INTO characters (name, project_id, description) "
  "  SELECT 'Character ' || g, 1 + g % 20, 'A character of the benchmark' "
  "  FROM generate_series (1, 10000) g;"
  "INSERT INTO ai_models (name, type, model_path) "
  "  SELECT 'lora_' || g, 'lora', 'lora_' || g || '.safetensors' FROM generate_series (1, 6000) g;"
  "INSERT INTO character_loras (character_id, project_id, model_id, is_current) "
  "  SELECT c.id, c.project_id, m.id, true FROM characters c "
  "  JOIN ai_models m ON m.name = 'lora_' || c.id;"
  "ANALYZE;";

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return (da > db) - (da < db);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *))compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LkTestDb) db = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autofree char *psql = g_find_program_in_path ("psql");
  g_autofree char *psql_sql = NULL;
  double catalog_ms[N_RUNS];
  double server_ms[N_RUNS];
  double psql_ms[N_RUNS];
  guint n_items = 0;
  Wait wait = { 0 };

  if (!lk_test_pg_available ())
    {
      g_printerr ("bench-catalog: no PostgreSQL server reachable; skipping\n");
      return 77;
    }

  db = lk_test_db_new ();
  lk_test_db_migrate (db);
  lk_test_db_exec (db, seed_sql);

  catalog = lk_catalog_new (db->conninfo);
  lk_catalog_open_async (catalog, LK_CATALOG_OPEN_NONE, NULL, wait_cb, &wait);
  lk_test_wait_for (&wait.done, 30);
  opened = wait.result;
  lk_catalog_open_finish (catalog, opened, &error);
  g_assert_no_error (error);

  /* LkCatalog, as the UI calls it; the first run warms the connection and the caches. */
  for (guint i = 0; i <= N_RUNS; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) characters = NULL;
      Wait w = { 0 };
      gint64 start = g_get_monotonic_time ();

      lk_catalog_list_characters_async (catalog, 0, NULL, wait_cb, &w);
      lk_test_wait_for (&w.done, 60);
      result = w.result;
      characters = lk_catalog_list_characters_finish (catalog, result, &error);
      g_assert_no_error (error);
      n_items = g_list_model_get_n_items (characters);
      if (i > 0)
        catalog_ms[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_assert_cmpuint (n_items, ==, 10000);

  /* The server's own execution time of the same query. */
  {
    PGconn *conn = lk_test_db_connect (db);
    g_autofree char *explain = g_strconcat ("EXPLAIN (ANALYZE, FORMAT JSON) ",
                                            _lk_catalog_characters_sql (), NULL);
    const char *values[] = { NULL };

    for (guint i = 0; i < N_RUNS; i++)
      {
        PGresult *res = PQexecParams (conn, explain, 1, NULL, values, NULL, NULL, 0);
        const char *plan = PQgetvalue (res, 0, 0);
        const char *at = strstr (plan, "\"Execution Time\": ");

        g_assert_nonnull (at);
        server_ms[i] = g_ascii_strtod (at + strlen ("\"Execution Time\": "), NULL);
        PQclear (res);
      }
    PQfinish (conn);
  }

  /* psql, started the way a user would run it, output discarded. */
  {
    g_autoptr(GString) sql = g_string_new (_lk_catalog_characters_sql ());

    g_string_replace (sql, "$1", "NULL", 0);
    psql_sql = g_string_free (g_steal_pointer (&sql), FALSE);
  }
  for (guint i = 0; psql != NULL && i < N_RUNS; i++)
    {
      const char *args[] = { psql, "-X", "-A", "-t", "-q", "-d", db->name, "-c", psql_sql,
                             "-o", "/dev/null", NULL };
      gint64 start = g_get_monotonic_time ();
      int status = 0;

      g_spawn_sync (NULL, (char **)args, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                    &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      psql_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  printf ("bench-catalog: %u characters listed with their resolved LoRA (one query), "
          "median of %d runs:\n", n_items, N_RUNS);
  printf ("  LkCatalog list (query + %u GObjects, back on the main loop): %.1f ms\n", n_items,
          median (catalog_ms, N_RUNS));
  printf ("  server execution time (EXPLAIN ANALYZE):                   %.1f ms\n",
          median (server_ms, N_RUNS));
  if (psql != NULL)
    printf ("  psql -c (process start, connect, query, print):            %.1f ms\n",
            median (psql_ms, N_RUNS));
  else
    printf ("  psql: not installed\n");
  fflush (stdout);

  lk_catalog_close (catalog);
  return 0;
}
