/* test-catalog-session.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "lk-catalog-session.h"
#include "lk-conninfo.h"
#include "lk-local-server.h"
#include "lk-paths.h"
#include "lk-test-pg.h"

static char *self_path;

/* Waiting for the session ----------------------------------------------------------------- */

typedef struct
{
  LkCatalogSessionState state;
  gboolean              reached;
} StateWait;

static void
state_changed_cb (LkCatalogSession *session,
                  GParamSpec       *pspec,
                  StateWait        *wait)
{
  LkCatalogSessionState state = lk_catalog_session_get_state (session);

  if (state == wait->state)
    wait->reached = TRUE;
  else if (state == LK_CATALOG_SESSION_STATE_FAILED)
    g_error ("the session failed instead: %s", lk_catalog_session_get_error (session)->message);
}

static void
wait_for_state (LkCatalogSession      *session,
                LkCatalogSessionState  state,
                guint                  timeout_seconds)
{
  StateWait wait = { state, lk_catalog_session_get_state (session) == state };
  gulong id = g_signal_connect (session, "notify::state", G_CALLBACK (state_changed_cb), &wait);

  lk_test_wait_for (&wait.reached, timeout_seconds);
  g_signal_handler_disconnect (session, id);
}

typedef struct
{
  guint    count;
  guint    target;
  gboolean reached;
} Counter;

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          Counter    *counter)
{
  if (++counter->count >= counter->target)
    counter->reached = TRUE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gboolean   *changed)
{
  *changed = TRUE;
}

static void
wait_for_n_items (GListModel *model,
                  guint       n_items,
                  guint       timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) != n_items)
    {
      gboolean changed = FALSE;
      gulong id = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changed);

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      lk_test_wait_for (&changed, timeout_seconds);
      g_signal_handler_disconnect (model, id);
    }
}

static void
shutdown_session (LkCatalogSession *session)
{
  lk_catalog_session_shutdown (session);
  g_assert_null (lk_catalog_session_get_catalog (session));
}

/* A TCP port on 127.0.0.1 where nothing listens: bound once by us, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

/* Tests ----------------------------------------------------------------------------------- */

static void
test_good_conninfo_connects_and_migrates (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalogSession) session = lk_catalog_session_new (db->conninfo);
  g_autofree char *applied = NULL;
  LkCatalog *catalog;

  g_assert_cmpint (lk_catalog_session_get_state (session), ==, LK_CATALOG_SESSION_STATE_CONNECTING);
  g_assert_false (lk_catalog_session_get_embedded (session));
  g_assert_nonnull (strstr (lk_catalog_session_get_description (session), db->name));

  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 60);
  catalog = lk_catalog_session_get_catalog (session);
  g_assert_nonnull (catalog);
  g_assert_true (lk_catalog_get_connected (catalog));
  g_assert_null (lk_catalog_session_get_error (session));
  g_assert_null (lk_catalog_session_get_notice (session));
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), ==, 0);

  /* The session opened with migrations: the schema is there. */
  applied = lk_test_db_query_value (db, "SELECT count (*) > 0 FROM schema_migrations");
  g_assert_cmpstr (applied, ==, "t");

  /* Its catalog is live: a character added by someone else shows up. */
  {
    GListModel *characters = lk_catalog_get_characters (catalog);

    wait_for_n_items (characters, 0, 10);
    lk_test_db_exec (db, "INSERT INTO projects (name) VALUES ('Side Story');"
                         "INSERT INTO characters (name, project_id) "
                         "  SELECT 'Aoi Tanaka', id FROM projects WHERE name = 'Side Story'");
    wait_for_n_items (characters, 1, 20);
  }

  shutdown_session (session);
}

static void
test_unreachable_fails_naming_the_host_and_retries (void)
{
  guint16 port = closed_port ();
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=anime "
                                               "connect_timeout=5", port);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *description = g_strdup_printf ("%s/anime", target);
  g_autoptr(LkCatalogSession) session = lk_catalog_session_new (conninfo);
  const GError *error;
  Counter scheduled = { 0, 2, FALSE };
  Counter state_changes = { 0, 1, FALSE };
  gulong id;

  g_assert_cmpstr (lk_catalog_session_get_description (session), ==, description);

  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 30);
  error = lk_catalog_session_get_error (session);
  g_assert_error ((GError *)error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_null (lk_catalog_session_get_catalog (session));
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), >, 0);

  /* It tries again by itself: the attempt clears the schedule and its failure sets a new
   * one, while the state stays "failed" rather than flickering. */
  id = g_signal_connect (session, "notify::next-retry", G_CALLBACK (count_cb), &scheduled);
  g_signal_connect (session, "notify::state", G_CALLBACK (count_cb), &state_changes);
  lk_test_wait_for (&scheduled.reached, 30);
  g_signal_handler_disconnect (session, id);
  g_signal_handlers_disconnect_by_data (session, &state_changes);
  g_assert_cmpuint (state_changes.count, ==, 0);
  g_assert_cmpint (lk_catalog_session_get_state (session), ==, LK_CATALOG_SESSION_STATE_FAILED);
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), >, 0);

  /* A retry on request goes through "connecting" and fails the same way. */
  lk_catalog_session_retry (session);
  g_assert_cmpint (lk_catalog_session_get_state (session), ==, LK_CATALOG_SESSION_STATE_CONNECTING);
  g_assert_null (lk_catalog_session_get_error (session));
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), ==, 0);
  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 30);
  g_assert_nonnull (strstr (lk_catalog_session_get_error (session)->message, target));

  shutdown_session (session);
}

static void
test_retry_connects_once_the_server_is_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTestCluster) cluster = lk_test_cluster_new (&error);
  g_autoptr(LkCatalogSession) session = NULL;
  LkCatalog *catalog;

  if (cluster == NULL)
    {
      g_test_skip_printf ("cannot run a throwaway PostgreSQL cluster: %s", error->message);
      return;
    }

  g_assert_true (lk_test_cluster_stop (cluster, &error));
  session = lk_catalog_session_new (lk_test_cluster_get_conninfo (cluster));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 30);
  g_assert_error ((GError *)lk_catalog_session_get_error (session), LK_CATALOG_ERROR,
                  LK_CATALOG_ERROR_UNREACHABLE);

  /* The artist starts the server and presses Retry. */
  g_assert_true (lk_test_cluster_start (cluster, &error));
  g_assert_no_error (error);
  lk_catalog_session_retry (session);
  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 60);
  catalog = lk_catalog_session_get_catalog (session);
  g_assert_nonnull (catalog);
  g_assert_null (lk_catalog_session_get_error (session));
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), ==, 0);

  /* An outage of the open catalog: offline with the catalog's reason, the same catalog kept,
   * and back by itself when the server returns. */
  g_assert_true (lk_test_cluster_stop (cluster, &error));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_OFFLINE, 30);
  g_assert_true (lk_catalog_session_get_catalog (session) == catalog);
  g_assert_error ((GError *)lk_catalog_session_get_error (session), LK_CATALOG_ERROR,
                  LK_CATALOG_ERROR_UNREACHABLE);

  g_assert_true (lk_test_cluster_start (cluster, &error));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 60);
  g_assert_true (lk_catalog_session_get_catalog (session) == catalog);
  g_assert_null (lk_catalog_session_get_error (session));

  shutdown_session (session);
}

static void
test_automatic_retry_connects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTestCluster) cluster = lk_test_cluster_new (&error);
  g_autoptr(LkCatalogSession) session = NULL;

  if (cluster == NULL)
    {
      g_test_skip_printf ("cannot run a throwaway PostgreSQL cluster: %s", error->message);
      return;
    }

  g_assert_true (lk_test_cluster_stop (cluster, &error));
  session = lk_catalog_session_new (lk_test_cluster_get_conninfo (cluster));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 30);

  /* Nobody presses Retry: the backoff gets there (1 + 2 + 5 + 10 s at most here). */
  g_assert_true (lk_test_cluster_start (cluster, &error));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 60);
  g_assert_nonnull (lk_catalog_session_get_catalog (session));

  shutdown_session (session);
}

static void
test_newer_schema_is_read_only (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalogSession) session = NULL;

  lk_test_db_migrate (db);
  lk_test_db_exec (db, "INSERT INTO schema_migrations (version, name, checksum) "
                       "VALUES (9999, '9999-from-the-future', 'x')");

  session = lk_catalog_session_new (db->conninfo);
  wait_for_state (session, LK_CATALOG_SESSION_STATE_READ_ONLY, 60);
  g_assert_nonnull (lk_catalog_session_get_catalog (session));
  g_assert_nonnull (strstr (lk_catalog_session_get_notice (session), "newer Lorakeet"));
  g_assert_null (lk_catalog_session_get_error (session));

  shutdown_session (session);
}

static void
test_invalid_conninfo_fails_without_retry (void)
{
  g_autoptr(LkCatalogSession) session = lk_catalog_session_new ("this is not a connection");
  const GError *error;

  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 10);
  error = lk_catalog_session_get_error (session);
  g_assert_error ((GError *)error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "not valid"));
  g_assert_nonnull (strstr (error->message, "\"this\""));
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), ==, 0);

  shutdown_session (session);
}

static void
test_conninfo_described_for_the_artist (void)
{
  struct { const char *conninfo; const char *description; } cases[] = {
    { NULL, "Lorakeet’s own database" },
    { "host=db.studio port=5433 dbname=anime user=mei password=secret", "db.studio:5433/anime" },
    { "postgresql://mei:secret@db.studio/anime", "db.studio:5432/anime" },
    { "host=/run/postgresql dbname=anime", "anime on the local socket" },
    { "service=studio", "service “studio”" },
    { "password=secret and nonsense", "an invalid connection string" },
  };

  const char *variables[] = { "PGHOST", "PGPORT", "PGDATABASE" };
  char *saved[G_N_ELEMENTS (variables)];

  /* The harness's PG* variables must not fill in what these strings leave out. */
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      saved[i] = g_strdup (g_getenv (variables[i]));
      g_unsetenv (variables[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *description = lk_conninfo_describe (cases[i].conninfo);

      g_assert_cmpstr (description, ==, cases[i].description);
      g_assert_null (strstr (description, "secret"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      if (saved[i] != NULL)
        g_setenv (variables[i], saved[i], TRUE);
      g_free (saved[i]);
    }
}

static void
test_changing_conninfo_reconnects (void)
{
  g_autoptr(LkTestDb) first = lk_test_db_new ();
  g_autoptr(LkTestDb) second = lk_test_db_new ();
  g_autoptr(LkCatalogSession) session = lk_catalog_session_new (first->conninfo);
  g_autoptr(LkCatalog) old = NULL;
  Counter catalog_changes = { 0, 2, FALSE };
  gulong id;

  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 60);
  old = g_object_ref (lk_catalog_session_get_catalog (session));

  id = g_signal_connect (session, "notify::catalog", G_CALLBACK (count_cb), &catalog_changes);
  lk_catalog_session_set_conninfo (session, second->conninfo);
  g_assert_cmpint (lk_catalog_session_get_state (session), ==, LK_CATALOG_SESSION_STATE_CONNECTING);
  g_assert_null (lk_catalog_session_get_catalog (session));
  g_assert_false (lk_catalog_get_connected (old));
  g_assert_nonnull (strstr (lk_catalog_session_get_description (session), second->name));

  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 60);
  g_assert_true (lk_catalog_session_get_catalog (session) != old);
  g_assert_cmpstr (lk_catalog_get_conninfo (lk_catalog_session_get_catalog (session)), ==,
                   second->conninfo);
  g_assert_cmpuint (catalog_changes.count, ==, 2);
  g_signal_handler_disconnect (session, id);

  /* The same string again changes nothing. */
  lk_catalog_session_set_conninfo (session, second->conninfo);
  g_assert_cmpint (lk_catalog_session_get_state (session), ==, LK_CATALOG_SESSION_STATE_CONNECTED);

  shutdown_session (session);
}

/* A studio catalog is all the session opens: it never starts Lorakeet's own server on the way,
 * not even for a moment while it is being constructed. */
static void
studio_catalog_leaves_own_server_alone (void)
{
  g_autoptr(GSocketListener) silent = g_socket_listener_new ();
  g_autoptr(LkLocalServer) probe = lk_local_server_new (NULL);
  g_autoptr(LkCatalogSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  guint16 port;

  /* It accepts and never answers: the attempt lasts the whole connect_timeout, time enough for
   * a start of Lorakeet's own server to have made its data folder. */
  port = g_socket_listener_add_any_inet_port (silent, NULL, &error);
  g_assert_no_error (error);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=anime connect_timeout=2", port);

  session = lk_catalog_session_new (conninfo);
  g_assert_false (lk_catalog_session_get_embedded (session));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 30);
  g_assert_false (g_file_test (lk_local_server_get_data_dir (probe), G_FILE_TEST_EXISTS));

  shutdown_session (session);
}

static void
test_studio_catalog_leaves_own_server_alone (void)
{
  g_autofree char *bindir = lk_local_server_find_bindir (NULL, NULL);

  if (bindir == NULL)
    {
      g_test_skip ("PostgreSQL's server programs are not installed");
      return;
    }

  /* As root Lorakeet's own server stops before making anything: only an ordinary user shows. */
  if (geteuid () != 0)
    studio_catalog_leaves_own_server_alone ();
  else
    lk_test_rerun_unprivileged (self_path, "/catalog-session/remote/leaves-own-server-alone",
                                "lk-cs");
}

static void
test_embedded_refused_as_root (void)
{
  g_autoptr(LkCatalogSession) session = NULL;
  g_autofree char *bindir = lk_local_server_find_bindir (NULL, NULL);

  if (geteuid () != 0 || bindir == NULL)
    {
      g_test_skip ("only meaningful as root with PostgreSQL's server programs installed");
      return;
    }

  session = lk_catalog_session_new (NULL);
  g_assert_true (lk_catalog_session_get_embedded (session));
  g_assert_cmpstr (lk_catalog_session_get_description (session), ==, "Lorakeet’s own database");
  wait_for_state (session, LK_CATALOG_SESSION_STATE_FAILED, 30);
  g_assert_error ((GError *)lk_catalog_session_get_error (session), LK_LOCAL_SERVER_ERROR,
                  LK_LOCAL_SERVER_ERROR_ROOT);
  /* Retrying cannot help: nothing is scheduled. */
  g_assert_cmpint (lk_catalog_session_get_next_retry (session), ==, 0);

  shutdown_session (session);
}

static void
embedded_starts_and_stops (void)
{
  g_autoptr(LkCatalogSession) session = lk_catalog_session_new ("");
  g_autoptr(LkLocalServer) probe = NULL;
  g_autofree char *pid_file = NULL;

  g_assert_true (lk_catalog_session_get_embedded (session));
  wait_for_state (session, LK_CATALOG_SESSION_STATE_CONNECTED, 120);
  wait_for_n_items (lk_catalog_get_characters (lk_catalog_session_get_catalog (session)), 5, 30);

  probe = lk_local_server_new (NULL);
  pid_file = g_build_filename (lk_local_server_get_data_dir (probe), "postmaster.pid", NULL);
  g_assert_true (g_file_test (pid_file, G_FILE_TEST_EXISTS));

  /* The last client leaves: the server stops. */
  shutdown_session (session);
  g_assert_false (g_file_test (pid_file, G_FILE_TEST_EXISTS));
}

static void
test_embedded_starts_and_stops (void)
{
  g_autofree char *bindir = lk_local_server_find_bindir (NULL, NULL);

  if (bindir == NULL)
    {
      g_test_skip ("PostgreSQL's server programs are not installed");
      return;
    }

  if (geteuid () != 0)
    embedded_starts_and_stops ();
  else
    lk_test_rerun_unprivileged (self_path, "/catalog-session/embedded/starts-and-stops", "lk-cs");
}

int
main (int   argc,
      char *argv[])
{
  self_path = g_file_read_link ("/proc/self/exe", NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The demo LoRA of the build tree, when given. */
  if (argc > 1)
    {
      g_autofree char *file = g_canonicalize_filename (argv[1], NULL);
      g_autofree char *dir = g_path_get_dirname (file);

      g_setenv ("LORAKEET_DEMO_DIR", dir, TRUE);
    }

  g_test_add_func ("/catalog-session/conninfo/described-for-the-artist",
                   test_conninfo_described_for_the_artist);
  g_test_add_func ("/catalog-session/conninfo/invalid-fails-without-retry",
                   test_invalid_conninfo_fails_without_retry);
  g_test_add_func ("/catalog-session/remote/unreachable-fails-naming-the-host-and-retries",
                   test_unreachable_fails_naming_the_host_and_retries);
  g_test_add_func ("/catalog-session/remote/leaves-own-server-alone",
                   test_studio_catalog_leaves_own_server_alone);
  g_test_add_func ("/catalog-session/embedded/refused-as-root", test_embedded_refused_as_root);
  g_test_add_func ("/catalog-session/embedded/starts-and-stops", test_embedded_starts_and_stops);

  if (lk_test_pg_available ())
    {
      g_test_add_func ("/catalog-session/remote/good-conninfo-connects-and-migrates",
                       test_good_conninfo_connects_and_migrates);
      g_test_add_func ("/catalog-session/remote/newer-schema-is-read-only",
                       test_newer_schema_is_read_only);
      g_test_add_func ("/catalog-session/conninfo/changing-it-reconnects",
                       test_changing_conninfo_reconnects);
    }
  else
    g_printerr ("No PostgreSQL server is reachable with libpq's defaults (run under "
                "pg_virtualenv): the tests needing one are left out.\n");

  g_test_add_func ("/catalog-session/remote/retry-connects-once-the-server-is-back",
                   test_retry_connects_once_the_server_is_back);
  g_test_add_func ("/catalog-session/remote/automatic-retry-connects",
                   test_automatic_retry_connects);

  return g_test_run ();
}
