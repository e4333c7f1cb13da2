/* lk-test-pg.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lk-migrator.h"
#include "lk-paths.h"
#include "lk-test-files.h"
#include "lk-test-pg.h"

#define NOBODY_UID 65534
#define NOGROUP_GID 65534

gboolean
lk_test_pg_available (void)
{
  PGconn *conn = PQconnectdb ("connect_timeout=5");
  gboolean ok = PQstatus (conn) == CONNECTION_OK;

  PQfinish (conn);
  return ok;
}

/* Exits 77 (skipped) when there is no PostgreSQL server to test against. */
void
lk_test_pg_require (void)
{
  if (!lk_test_pg_available ())
    {
      g_printerr ("No PostgreSQL server is reachable with libpq's defaults (run under "
                  "pg_virtualenv); skipping.\n");
      exit (77);
    }
}

static PGconn *
connect_admin (void)
{
  PGconn *conn = PQconnectdb ("connect_timeout=5");

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (conn));
  PQclear (PQexec (conn, "SET client_min_messages = warning"));
  return conn;
}

LkTestDb *
lk_test_db_new (void)
{
  LkTestDb *db = g_new0 (LkTestDb, 1);
  PGconn *admin = connect_admin ();
  g_autofree char *sql = NULL;
  PGresult *res;

  db->name = g_strdup_printf ("lk_test_%08x%08x", g_random_int (), g_random_int ());
  sql = g_strdup_printf ("CREATE DATABASE %s", db->name);
  res = PQexec (admin, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("CREATE DATABASE failed: %s", PQerrorMessage (admin));
  PQclear (res);
  PQfinish (admin);

  db->conninfo = g_strdup_printf ("dbname=%s", db->name);
  return db;
}

void
lk_test_db_free (LkTestDb *db)
{
  PGconn *admin = connect_admin ();
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", db->name);

  PQclear (PQexec (admin, sql));
  PQfinish (admin);
  g_free (db->name);
  g_free (db->conninfo);
  g_free (db);
}

PGconn *
lk_test_db_connect (LkTestDb *db)
{
  PGconn *conn = PQconnectdb (db->conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", db->name, PQerrorMessage (conn));
  PQclear (PQexec (conn, "SET client_min_messages = warning"));
  return conn;
}

void
lk_test_db_exec (LkTestDb   *db,
                 const char *sql)
{
  PGconn *conn = lk_test_db_connect (db);
  PGresult *res = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("SQL failed: %s\n%s", PQerrorMessage (conn), sql);
  PQclear (res);
  PQfinish (conn);
}

void
lk_test_db_exec_file (LkTestDb   *db,
                      const char *path)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);
  lk_test_db_exec (db, sql);
}

/* The first column of the first row as text, NULL for SQL NULL or no row. */
char *
lk_test_db_query_value (LkTestDb   *db,
                        const char *sql)
{
  PGconn *conn = lk_test_db_connect (db);
  PGresult *res = PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("query failed: %s\n%s", PQerrorMessage (conn), sql);
  if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  PQfinish (conn);
  return value;
}

void
lk_test_db_migrate (LkTestDb *db)
{
  g_autoptr(LkMigrator) migrator = lk_migrator_new (NULL);
  g_autoptr(GError) error = NULL;
  PGconn *conn = lk_test_db_connect (db);

  lk_migrator_load (migrator, &error);
  g_assert_no_error (error);
  lk_migrator_migrate_sync (migrator, conn, NULL, NULL, &error);
  g_assert_no_error (error);
  PQfinish (conn);
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  g_error ("timed out after %u s waiting for an asynchronous result", GPOINTER_TO_UINT (user_data));
  return G_SOURCE_REMOVE;
}

void
lk_test_wait_for (gboolean *flag,
                  guint     timeout_seconds)
{
  guint timeout_id = g_timeout_add_seconds (timeout_seconds, wait_timeout_cb,
                                            GUINT_TO_POINTER (timeout_seconds));

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

void
lk_test_async_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LkTestAsync *async = user_data;

  g_assert_null (async->result);
  async->result = g_object_ref (result);
  async->done = TRUE;
}

GAsyncResult *
lk_test_async_wait (LkTestAsync *async,
                    guint        timeout_seconds)
{
  lk_test_wait_for (&async->done, timeout_seconds);
  async->done = FALSE;
  return g_steal_pointer (&async->result);
}

LkCatalog *
lk_test_open_demo_catalog (const char *conninfo,
                           const char *demo_lora_path)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (conninfo);
  g_autoptr(GFile) lora = g_file_new_for_path (demo_lora_path);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GError) error = NULL;
  LkTestAsync async = { 0 };

  lk_catalog_open_async (catalog, LK_CATALOG_OPEN_MIGRATE, NULL, lk_test_async_cb, &async);
  opened = lk_test_async_wait (&async, 30);
  lk_catalog_open_finish (catalog, opened, &error);
  g_assert_no_error (error);

  lk_catalog_install_demo_async (catalog, lora, NULL, lk_test_async_cb, &async);
  installed = lk_test_async_wait (&async, 30);
  lk_catalog_install_demo_finish (catalog, installed, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&catalog);
}

/* Throwaway cluster ---------------------------------------------------------------------- */

struct _LkTestCluster
{
  char *dir;
  char *bindir;
  char *conninfo;
};

char **
lk_test_unprivileged_argv (const char * const *argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (geteuid () == 0)
    {
      g_strv_builder_add (builder, "setpriv");
      g_strv_builder_add (builder, "--reuid=" G_STRINGIFY (NOBODY_UID));
      g_strv_builder_add (builder, "--regid=" G_STRINGIFY (NOGROUP_GID));
      g_strv_builder_add (builder, "--clear-groups");
    }
  g_strv_builder_addv (builder, (const char **)argv);

  return g_strv_builder_end (builder);
}

static gboolean
run (const char * const  *argv,
     GError             **error)
{
  g_auto(GStrv) full = lk_test_unprivileged_argv (argv);
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync ("/", full, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s: ", argv[0], err ? err : "");
      return FALSE;
    }
  return TRUE;
}

LkTestCluster *
lk_test_cluster_new (GError **error)
{
  g_autoptr(LkTestCluster) cluster = g_new0 (LkTestCluster, 1);
  g_autofree char *initdb = NULL;
  g_autofree char *out = NULL;
  const char *pg_config[] = { "pg_config", "--bindir", NULL };

  if (!g_spawn_sync (NULL, (char **)pg_config, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     NULL, error))
    return NULL;
  cluster->bindir = g_strdup (g_strstrip (out));
  initdb = g_build_filename (cluster->bindir, "initdb", NULL);

  if (!(cluster->dir = g_dir_make_tmp ("lk-test-cluster-XXXXXX", error)))
    return NULL;
  if (geteuid () == 0 && chown (cluster->dir, NOBODY_UID, NOGROUP_GID) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "chown %s failed", cluster->dir);
      return NULL;
    }

  {
    g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);
    const char *argv[] = { initdb, "--pgdata", data, "--auth=trust", "--no-sync",
                           "--encoding=UTF8", "--locale=C", "--username=lorakeet_test", NULL };

    if (!run (argv, error))
      return NULL;
  }

  cluster->conninfo = g_strdup_printf ("host=%s port=54321 dbname=postgres user=lorakeet_test",
                                       cluster->dir);
  if (!lk_test_cluster_start (cluster, error))
    return NULL;

  return g_steal_pointer (&cluster);
}

const char *
lk_test_cluster_get_conninfo (LkTestCluster *cluster)
{
  return cluster->conninfo;
}

gboolean
lk_test_cluster_start (LkTestCluster  *cluster,
                       GError        **error)
{
  g_autofree char *pg_ctl = g_build_filename (cluster->bindir, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);
  g_autofree char *log = g_build_filename (cluster->dir, "log", NULL);
  g_autofree char *options = g_strdup_printf ("-c listen_addresses='' -c port=54321 "
                                              "-c unix_socket_directories=%s -c fsync=off",
                                              cluster->dir);
  const char *argv[] = { pg_ctl, "start", "--wait", "--silent", "--pgdata", data, "--log", log,
                         "-o", options, NULL };

  return run (argv, error);
}

gboolean
lk_test_cluster_stop (LkTestCluster  *cluster,
                      GError        **error)
{
  g_autofree char *pg_ctl = g_build_filename (cluster->bindir, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);
  const char *argv[] = { pg_ctl, "stop", "--wait", "--silent", "--mode=fast", "--pgdata", data,
                         NULL };

  return run (argv, error);
}

void
lk_test_cluster_free (LkTestCluster *cluster)
{
  if (cluster->conninfo != NULL)
    lk_test_cluster_stop (cluster, NULL);
  if (cluster->dir != NULL)
    lk_test_remove_tree (cluster->dir);
  g_free (cluster->dir);
  g_free (cluster->bindir);
  g_free (cluster->conninfo);
  g_free (cluster);
}

void
lk_test_rerun_unprivileged (const char *self_path,
                            const char *test_path,
                            const char *tmp_prefix)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *template = g_strconcat (tmp_prefix, "-XXXXXX", NULL);
  g_autofree char *expected = g_strconcat ("ok 1 ", test_path, NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (setpriv == NULL)
    {
      g_test_skip ("running as root without setpriv to become an unprivileged user");
      return;
    }

  {
    g_autofree char *sql_dir = lk_paths_dup_sql_dir ();
    g_autofree char *first = g_build_filename (sql_dir, "0001-studio-tables.sql", NULL);
    const char *probe[] = { "test", "-x", self_path, "-a", "-r", first, NULL };
    g_auto(GStrv) probe_argv = lk_test_unprivileged_argv (probe);
    int probe_status = 0;

    if (!g_spawn_sync ("/", probe_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &probe_status, NULL)
        || !g_spawn_check_wait_status (probe_status, NULL))
      {
        g_test_skip ("the build tree is not readable by the unprivileged user nobody");
        return;
      }
  }

  tmp = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chown (tmp, 65534, 65534), ==, 0);
  env = g_get_environ ();
  env = g_environ_setenv (env, "G_TEST_TMPDIR", tmp, TRUE);
  env = g_environ_setenv (env, "TMPDIR", tmp, TRUE);
  env = g_environ_setenv (env, "HOME", tmp, TRUE);
  {
    const char *inner[] = { self_path, "--tap", "-p", test_path, NULL };

    argv = lk_test_unprivileged_argv (inner);
  }

  g_spawn_sync ("/", argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("as nobody:\n%s", out);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, expected));
  g_assert_null (strstr (out, "# SKIP"));

  {
    const char *rm[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}
