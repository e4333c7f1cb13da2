/* test-migrator.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-migrator.h"
#include "lk-paths.h"
#include "lk-test-pg.h"

static LkMigrator *
load_migrator (const char *sql_dir)
{
  LkMigrator *migrator = lk_migrator_new (sql_dir);
  g_autoptr(GError) error = NULL;

  lk_migrator_load (migrator, &error);
  g_assert_no_error (error);
  return migrator;
}

static char **
migrate (LkTestDb *db,
         GError  **error)
{
  g_autoptr(LkMigrator) migrator = load_migrator (NULL);
  PGconn *conn = lk_test_db_connect (db);
  char **applied = NULL;

  lk_migrator_migrate_sync (migrator, conn, &applied, NULL, error);
  PQfinish (conn);
  return applied;
}

static void
assert_value (LkTestDb   *db,
              const char *sql,
              const char *expected)
{
  g_autofree char *value = lk_test_db_query_value (db, sql);

  g_assert_cmpstr (value, ==, expected);
}

/* Every shipped migration: the files are numbered without gaps, so the latest is the count. */
static guint
shipped_migrations (void)
{
  g_autoptr(LkMigrator) migrator = load_migrator (NULL);

  return (guint)lk_migrator_get_latest_version (migrator);
}

static void
assert_migrations_recorded (LkTestDb *db)
{
  g_autofree char *value = lk_test_db_query_value (db, "SELECT count (*) FROM schema_migrations");

  g_assert_cmpuint (g_ascii_strtoull (value, NULL, 10), ==, shipped_migrations ());
}

static void
test_empty_database_gets_whole_schema (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) applied = migrate (db, &error);
  const char *tables[] = {
    "projects", "characters", "ai_models", "generation_profiles", "video_workflow_templates",
    "project_profiles", "model_details", "lora_lineages", "lora_trigger_sets", "character_loras",
    "character_reference_images", "generation_jobs", "generation_outputs", "output_reviews",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (applied), ==, shipped_migrations ());
  g_assert_cmpstr (applied[0], ==, "0001-studio-tables");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT to_regclass ('%s') IS NOT NULL", tables[i]);

      assert_value (db, sql, "t");
    }
  assert_migrations_recorded (db);
  assert_value (db, "SELECT bool_and (checksum ~ '^[0-9a-f]{64}$') FROM schema_migrations", "t");
  /* The schema is in the studio's shape: their SQL runs on it. */
  lk_test_db_exec (db, "SELECT workflow_template->'10'->>'class_type' FROM video_workflow_templates");
  lk_test_db_exec (db, "INSERT INTO projects (name) VALUES ('X')");
}

static void
test_studio_database_keeps_every_row (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "sql",
                                                    "studio-existing.sql", NULL);
  g_auto(GStrv) applied = NULL;
  const char *counts_sql =
    "SELECT (SELECT count (*) FROM projects) || '/' || (SELECT count (*) FROM characters) || '/' "
    "|| (SELECT count (*) FROM ai_models) || '/' || (SELECT count (*) FROM generation_profiles) "
    "|| '/' || (SELECT count (*) FROM video_workflow_templates)";
  const char *studio_join =
    "SELECT string_agg (c.name || ':' || m.file_path, ',' ORDER BY c.id) FROM characters c "
    "JOIN projects p ON p.id = c.project_id "
    "JOIN generation_profiles gp ON gp.name = 'tokyo_debt_realism' "
    "JOIN ai_models m ON m.id = gp.lora_id WHERE p.name LIKE '%Tokyo%'";
  g_autofree char *counts_before = NULL;
  g_autofree char *join_before = NULL;
  g_autofree char *rows_before = NULL;
  const char *rows_sql =
    "SELECT md5 (string_agg (t::text, ',' ORDER BY t::text)) FROM ("
    "  SELECT row_to_json (c)::text AS t FROM characters c UNION ALL "
    "  SELECT row_to_json (m)::text FROM ai_models m UNION ALL "
    "  SELECT row_to_json (p)::text FROM projects p UNION ALL "
    "  SELECT row_to_json (g)::text FROM generation_profiles g UNION ALL "
    "  SELECT row_to_json (v)::text FROM video_workflow_templates v) AS all_rows";

  lk_test_db_exec_file (db, fixture);
  counts_before = lk_test_db_query_value (db, counts_sql);
  join_before = lk_test_db_query_value (db, studio_join);
  rows_before = lk_test_db_query_value (db, rows_sql);

  applied = migrate (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (applied), ==, shipped_migrations ());

  /* No row lost or rewritten, the studio's own columns intact, their SQL still works. */
  assert_value (db, counts_sql, counts_before);
  assert_value (db, rows_sql, rows_before);
  assert_value (db, studio_join, join_before);
  assert_value (db, "SELECT age FROM characters WHERE name = 'Takeshi Sato'", "52");
  assert_value (db, "SELECT notes FROM ai_models WHERE id = 13", "trained 2025-09, 10 epochs");
  assert_value (db, "SELECT string_agg (workflow_template->'10'->>'class_type', ',' ORDER BY id) "
                    "FROM video_workflow_templates", "LoraLoader,LoraLoader");

  /* Backfill: the profile the old name rule picked, where it exists. */
  assert_value (db, "SELECT string_agg (project_id || '=' || profile_id, ',' ORDER BY project_id) "
                    "FROM project_profiles", "40=5,41=6,42=5");
  /* Mei's LoRA goes to Mei alone, as her current version. */
  assert_value (db, "SELECT string_agg (c.name || ':' || cl.model_id || ':' || cl.is_current, ',') "
                    "FROM character_loras cl JOIN characters c ON c.id = cl.character_id",
                "Mei Kobayashi:13:true");
  assert_value (db, "SELECT strength_model || '/' || strength_clip FROM character_loras",
                "0.8/0.8");
  assert_value (db, "SELECT l.name FROM model_details d JOIN lora_lineages l ON l.id = d.lineage_id "
                    "WHERE d.model_id = 13", "mei_working_v1");
}

static void
test_studio_database_ambiguous_first_name_gets_nothing (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "sql",
                                                    "studio-existing.sql", NULL);
  g_auto(GStrv) applied = NULL;

  lk_test_db_exec_file (db, fixture);
  /* A second Mei in a project that also uses the Tokyo profile: nobody can tell whose the
   * LoRA is, so nobody gets it. */
  lk_test_db_exec (db, "INSERT INTO characters (name, project_id) VALUES ('mei tanaka', 42)");
  applied = migrate (db, &error);
  g_assert_no_error (error);

  assert_value (db, "SELECT count (*) FROM character_loras", "0");
  assert_value (db, "SELECT count (*) FROM project_profiles", "3");
}

static void
test_twice_applies_nothing (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) first = migrate (db, &error);
  g_auto(GStrv) second = NULL;

  g_assert_no_error (error);
  lk_test_db_exec (db, "INSERT INTO projects (name) VALUES ('Kept')");
  second = migrate (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (first), ==, shipped_migrations ());
  g_assert_cmpuint (g_strv_length (second), ==, 0);
  assert_migrations_recorded (db);
  assert_value (db, "SELECT name FROM projects", "Kept");
}

typedef struct
{
  LkTestDb  *db;
  char     **applied;
  GError    *error;
} RaceData;

static gpointer
race_thread (gpointer user_data)
{
  RaceData *data = user_data;

  data->applied = migrate (data->db, &data->error);
  return NULL;
}

static void
test_concurrent_migrators_apply_each_once (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  RaceData a = { db, NULL, NULL };
  RaceData b = { db, NULL, NULL };
  GThread *ta = g_thread_new ("migrator-a", race_thread, &a);
  GThread *tb = g_thread_new ("migrator-b", race_thread, &b);

  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  /* One of them did all the work, the other found nothing left to do. */
  g_assert_cmpuint (g_strv_length (a.applied) + g_strv_length (b.applied), ==,
                    shipped_migrations ());
  g_assert_true (g_strv_length (a.applied) == 0 || g_strv_length (b.applied) == 0);
  assert_migrations_recorded (db);
  g_strfreev (a.applied);
  g_strfreev (b.applied);
}

static void
test_newer_schema_is_refused (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) applied = migrate (db, &error);

  g_assert_no_error (error);
  lk_test_db_exec (db, "INSERT INTO schema_migrations (version, name, checksum) "
                       "VALUES (9999, '9999-from-the-future', 'x')");
  g_clear_pointer (&applied, g_strfreev);
  applied = migrate (db, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (applied);
}

static void
test_failed_migration_leaves_nothing (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_dir = lk_paths_dup_sql_dir ();
  g_autofree char *dir = g_dir_make_tmp ("lk-sql-XXXXXX", &error);
  g_autoptr(GDir) source = g_dir_open (sql_dir, 0, NULL);
  g_autoptr(LkMigrator) migrator = NULL;
  g_autofree char *broken = g_build_filename (dir, "0900-broken.sql", NULL);
  const char *name;
  PGconn *conn;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (source)) != NULL)
    {
      g_autofree char *from = g_build_filename (sql_dir, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      g_file_get_contents (from, &contents, NULL, NULL);
      g_file_set_contents (to, contents, -1, NULL);
    }
  g_file_set_contents (broken, "CREATE TABLE half_done (id int);\nSELECT no_such_function ();\n",
                       -1, NULL);

  migrator = load_migrator (dir);
  conn = lk_test_db_connect (db);
  lk_migrator_migrate_sync (migrator, conn, NULL, NULL, &error);
  PQfinish (conn);

  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MIGRATION_FAILED);
  g_assert_nonnull (strstr (error->message, "0900-broken"));
  /* The migrations before it were applied and kept; the broken one left no trace. */
  assert_migrations_recorded (db);
  assert_value (db, "SELECT to_regclass ('half_done') IS NULL", "t");

  {
    g_autoptr(GDir) created = g_dir_open (dir, 0, NULL);

    while ((name = g_dir_read_name (created)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  lk_test_pg_require ();

  g_test_add_func ("/migrator/empty-database/creates-whole-schema",
                   test_empty_database_gets_whole_schema);
  g_test_add_func ("/migrator/studio-database/keeps-every-row-and-backfills",
                   test_studio_database_keeps_every_row);
  g_test_add_func ("/migrator/studio-database/ambiguous-first-name-gets-no-lora",
                   test_studio_database_ambiguous_first_name_gets_nothing);
  g_test_add_func ("/migrator/twice/applies-nothing-the-second-time", test_twice_applies_nothing);
  g_test_add_func ("/migrator/concurrent/each-migration-applied-once",
                   test_concurrent_migrators_apply_each_once);
  g_test_add_func ("/migrator/newer-schema/is-refused", test_newer_schema_is_refused);
  g_test_add_func ("/migrator/failure/leaves-nothing-half-done", test_failed_migration_leaves_nothing);

  return g_test_run ();
}
