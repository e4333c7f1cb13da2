/* test-local-server.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lk-catalog.h"
#include "lk-local-server.h"
#include "lk-paths.h"
#include "lk-test-pg.h"

static char *self_path;

static gboolean
start_server (LkLocalServer  *server,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_local_server_start_async (server, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 60);
  return lk_local_server_start_finish (server, result, error);
}

static guint
count_demo_characters (const char *conninfo)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (conninfo);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GListModel) characters = NULL;
  g_autoptr(GError) error = NULL;
  LkTestAsync w1 = { 0 };
  LkTestAsync w2 = { 0 };

  lk_catalog_open_async (catalog, LK_CATALOG_OPEN_NONE, NULL, lk_test_async_cb, &w1);
  opened = lk_test_async_wait (&w1, 30);
  lk_catalog_open_finish (catalog, opened, &error);
  g_assert_no_error (error);

  lk_catalog_list_characters_async (catalog, 0, NULL, lk_test_async_cb, &w2);
  listed = lk_test_async_wait (&w2, 30);
  characters = lk_catalog_list_characters_finish (catalog, listed, &error);
  g_assert_no_error (error);
  lk_catalog_close (catalog);

  return g_list_model_get_n_items (characters);
}

static void
test_missing_programs_explained (void)
{
  g_autofree char *empty = g_dir_make_tmp ("lk-no-pg-XXXXXX", NULL);
  g_autoptr(LkLocalServer) server = lk_local_server_new (empty);
  g_autoptr(GError) error = NULL;

  g_assert_false (start_server (server, &error));
  g_assert_error (error, LK_LOCAL_SERVER_ERROR, LK_LOCAL_SERVER_ERROR_NO_PROGRAMS);
  g_assert_nonnull (strstr (error->message, "postgresql"));
  g_rmdir (empty);
}

static void
test_refuses_root (void)
{
  g_autoptr(LkLocalServer) server = lk_local_server_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bindir = lk_local_server_find_bindir (NULL, NULL);

  if (geteuid () != 0)
    {
      g_test_skip ("only meaningful as root");
      return;
    }
  if (bindir == NULL)
    {
      g_test_skip ("PostgreSQL's server programs are not installed");
      return;
    }

  g_assert_false (start_server (server, &error));
  g_assert_error (error, LK_LOCAL_SERVER_ERROR, LK_LOCAL_SERVER_ERROR_ROOT);
  g_assert_nonnull (strstr (error->message, "root"));
}

/* The second Lorakeet process: joins the running server and leaves it running. */
static int
run_second_client (void)
{
  g_autoptr(LkLocalServer) server = lk_local_server_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!start_server (server, &error))
    {
      g_printerr ("second client: %s\n", error->message);
      return 1;
    }
  if (!lk_local_server_get_reused (server) || lk_local_server_get_created (server))
    {
      g_printerr ("second client: expected to reuse the running server\n");
      return 1;
    }
  if (count_demo_characters (lk_local_server_get_conninfo (server)) != 5)
    return 1;
  if (!lk_local_server_stop_sync (server, &error) || lk_local_server_get_stopped (server))
    {
      g_printerr ("second client: must not stop a server another process uses\n");
      return 1;
    }
  return 0;
}

static gboolean
server_running (LkLocalServer *server)
{
  g_autofree char *pid = g_build_filename (lk_local_server_get_data_dir (server),
                                           "postmaster.pid", NULL);

  return g_file_test (pid, G_FILE_TEST_EXISTS);
}

static void
first_start_reuse_and_stop (void)
{
  g_autoptr(LkLocalServer) first = lk_local_server_new (NULL);
  g_autoptr(LkLocalServer) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = NULL;
  const char *argv[] = { self_path, "--second-client", NULL };
  g_auto(GStrv) env = NULL;
  int status = 0;
  GStatBuf st;

  /* First start: creates the cluster, the schema and the demo studio. */
  g_assert_true (start_server (first, &error));
  g_assert_no_error (error);
  g_assert_true (lk_local_server_get_created (first));
  g_assert_false (lk_local_server_get_reused (first));
  g_assert_cmpuint (count_demo_characters (lk_local_server_get_conninfo (first)), ==, 5);
  g_assert_nonnull (strstr (lk_local_server_get_conninfo (first), "host="));

  /* Unix socket only, in a private folder. */
  runtime = g_build_filename (g_get_user_runtime_dir (), "lorakeet", NULL);
  g_assert_cmpint (g_stat (runtime, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A second process (with this test's private folders) reuses it and leaves it running. */
  env = g_get_environ ();
  env = g_environ_setenv (env, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  env = g_environ_setenv (env, "HOME", g_get_home_dir (), TRUE);
  g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_true (server_running (first));

  /* The last client stops it cleanly. */
  g_assert_true (lk_local_server_stop_sync (first, &error));
  g_assert_no_error (error);
  g_assert_true (lk_local_server_get_stopped (first));
  g_assert_false (server_running (first));

  /* The next start finds the cluster and its catalog as they were. */
  again = lk_local_server_new (NULL);
  g_assert_true (start_server (again, &error));
  g_assert_false (lk_local_server_get_created (again));
  g_assert_cmpuint (count_demo_characters (lk_local_server_get_conninfo (again)), ==, 5);
  g_assert_true (lk_local_server_stop_sync (again, &error));
  g_assert_true (lk_local_server_get_stopped (again));
}

static void
test_first_start_reuse_and_stop (void)
{
  g_autofree char *bindir = lk_local_server_find_bindir (NULL, NULL);

  if (bindir == NULL)
    {
      g_test_skip ("PostgreSQL's server programs are not installed");
      return;
    }

  if (geteuid () != 0)
    first_start_reuse_and_stop ();
  else
    lk_test_rerun_unprivileged (self_path, "/local-server/first-start-reuse-and-stop", "lk-local-server");
}

int
main (int   argc,
      char *argv[])
{
  self_path = g_file_read_link ("/proc/self/exe", NULL);

  if (argc > 1 && g_str_equal (argv[1], "--second-client"))
    return run_second_client ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The demo LoRA of the build tree, when given. */
  if (argc > 1)
    {
      g_autofree char *file = g_canonicalize_filename (argv[1], NULL);
      g_autofree char *dir = g_path_get_dirname (file);

      g_setenv ("LORAKEET_DEMO_DIR", dir, TRUE);
    }

  g_test_add_func ("/local-server/missing-programs-explained", test_missing_programs_explained);
  g_test_add_func ("/local-server/refuses-root", test_refuses_root);
  g_test_add_func ("/local-server/first-start-reuse-and-stop", test_first_start_reuse_and_stop);

  return g_test_run ();
}
