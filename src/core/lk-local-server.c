/* lk-local-server.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-catalog-private.h"
#include "lk-local-server.h"
#include "lk-migrator.h"
#include "lk-paths.h"

#define DATABASE_NAME "lorakeet"
#define SETUP_DATABASE_NAME "lorakeet_setup"
#define SERVER_PORT "5432"

struct _LkLocalServer
{
  GObject  parent_instance;

  char    *bindir_override;
  char    *bindir;
  char    *root_dir;   /* lk_paths_dup_data_dir () */
  char    *data_dir;   /* root_dir/postgres */
  char    *socket_dir; /* lk_paths_dup_runtime_dir () */
  char    *conninfo;
  int      clients_fd; /* shared flock while this process uses the server */

  guint    created : 1;
  guint    reused : 1;
  guint    stopped : 1;
};

G_DEFINE_FINAL_TYPE (LkLocalServer, lk_local_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (lk-local-server-error-quark, lk_local_server_error)

static void
lk_local_server_finalize (GObject *object)
{
  LkLocalServer *self = (LkLocalServer *)object;

  /* Closing the descriptor drops our share; a later client may stop the server. */
  if (self->clients_fd >= 0)
    g_close (self->clients_fd, NULL);

  g_clear_pointer (&self->bindir_override, g_free);
  g_clear_pointer (&self->bindir, g_free);
  g_clear_pointer (&self->root_dir, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->socket_dir, g_free);
  g_clear_pointer (&self->conninfo, g_free);

  G_OBJECT_CLASS (lk_local_server_parent_class)->finalize (object);
}

static void
lk_local_server_class_init (LkLocalServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_local_server_finalize;
}

static void
lk_local_server_init (LkLocalServer *self)
{
  self->clients_fd = -1;
}

LkLocalServer *
lk_local_server_new (const char *bindir)
{
  LkLocalServer *self = g_object_new (LK_TYPE_LOCAL_SERVER, NULL);

  self->bindir_override = g_strdup (bindir);
  self->root_dir = lk_paths_dup_data_dir ();
  self->data_dir = g_build_filename (self->root_dir, "postgres", NULL);
  self->socket_dir = lk_paths_dup_runtime_dir ();

  return self;
}

static gboolean
has_server_programs (const char *dir)
{
  static const char * const programs[] = { "initdb", "pg_ctl", "postgres", NULL };

  if (dir == NULL)
    return FALSE;
  for (guint i = 0; programs[i]; i++)
    {
      g_autofree char *path = g_build_filename (dir, programs[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return FALSE;
    }
  return TRUE;
}

/* Debian's layout: /usr/lib/postgresql/<major>/bin, highest major first. */
static char *
find_debian_bindir (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  const char *name;
  int best = -1;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *bin = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      int major = (int)g_ascii_strtoll (name, NULL, 10);

      if (major > best && has_server_programs (bin))
        best = major;
    }

  if (best < 0)
    return NULL;
  return g_strdup_printf ("/usr/lib/postgresql/%d/bin", best);
}

char *
lk_local_server_find_bindir (const char  *bindir,
                             GError     **error)
{
  g_autofree char *found = NULL;

  if (bindir != NULL)
    {
      if (has_server_programs (bindir))
        return g_strdup (bindir);
    }
  else
    {
      g_autofree char *out = NULL;
      g_autofree char *initdb = NULL;
      int status = 0;

      const char *argv[] = { "pg_config", "--bindir", NULL };

      if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &out, NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL)
          && has_server_programs (g_strstrip (out)))
        return g_steal_pointer (&out);

      if ((found = find_debian_bindir ()) != NULL)
        return g_steal_pointer (&found);

      if ((initdb = g_find_program_in_path ("initdb")) != NULL)
        {
          g_autofree char *dir = g_path_get_dirname (initdb);

          if (has_server_programs (dir))
            return g_steal_pointer (&dir);
        }
    }

  g_set_error_literal (error, LK_LOCAL_SERVER_ERROR, LK_LOCAL_SERVER_ERROR_NO_PROGRAMS,
                       _("Lorakeet's own database needs the PostgreSQL server programs (initdb, "
                         "pg_ctl, postgres), which are not installed. Install the PostgreSQL "
                         "server package (on Debian and Ubuntu: postgresql), or set a studio "
                         "catalog connection in Preferences."));
  return NULL;
}

/* The environment for PostgreSQL's programs, without the PG* variables of the user's own
 * psql setup (PGPORT would change the socket name, PGDATA the cluster). */
static char **
clean_environment (void)
{
  char **env = g_get_environ ();
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; env[i]; i++)
    if (!g_str_has_prefix (env[i], "PG"))
      g_strv_builder_add (kept, env[i]);
  g_strfreev (env);

  return g_strv_builder_end (kept);
}

/* Runs one of the server programs; on failure the error carries its output. */
static gboolean
run_program (LkLocalServer  *self,
             int            *exit_status,
             GError        **error,
             const char     *program,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = clean_environment ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (self->bindir, program, NULL));
  va_start (args, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, error))
    return FALSE;

  if (exit_status != NULL)
    {
      *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
      return TRUE;
    }

  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, LK_LOCAL_SERVER_ERROR, LK_LOCAL_SERVER_ERROR_FAILED,
                   _("Lorakeet's own database could not be set up: %s failed: %s"), program,
                   g_strstrip (err && *err ? err : out ? out : (char *)""));
      return FALSE;
    }

  return TRUE;
}

static char *
quote_conf (const char *value)
{
  g_autoptr(GString) quoted = g_string_new ("'");

  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (quoted, *p);
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');

  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static gboolean
make_private_dir (const char  *path,
                  GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0 || g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the private folder %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static int
open_lock (const char  *root,
           const char  *name,
           GError     **error)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot open %s: %s"), path, g_strerror (saved_errno));
    }
  return fd;
}

static gboolean
init_cluster (LkLocalServer  *self,
              GError        **error)
{
  g_autofree char *conf_path = g_build_filename (self->data_dir, "postgresql.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *with_include = NULL;

  if (!run_program (self, NULL, error, "initdb", "--pgdata", self->data_dir,
                    "--auth-local=peer", "--auth-host=reject", "--encoding=UTF8",
                    "--locale=C", "--no-instructions", NULL))
    return FALSE;

  if (!g_file_get_contents (conf_path, &conf, NULL, error))
    return FALSE;
  with_include = g_strconcat (conf, "\n# Lorakeet's settings (rewritten on every start)\n"
                              "include_if_exists = 'lorakeet.conf'\n", NULL);
  return g_file_set_contents (conf_path, with_include, -1, error);
}

/* Written on every start, since the runtime folder may move between sessions. */
static gboolean
write_settings (LkLocalServer  *self,
                GError        **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "lorakeet.conf", NULL);
  g_autofree char *socket_dir = quote_conf (self->socket_dir);
  g_autofree char *contents = NULL;

  contents = g_strdup_printf ("listen_addresses = ''\n"
                              "port = " SERVER_PORT "\n"
                              "unix_socket_directories = %s\n"
                              "unix_socket_permissions = 0700\n"
                              "max_connections = 40\n"
                              "shared_buffers = 32MB\n", socket_dir);
  return g_file_set_contents (path, contents, -1, error);
}

static char *
build_conninfo (const char *socket_dir,
                const char *dbname)
{
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  GString *quoted = g_string_new (NULL);

  /* libpq quoting: single quotes, with \ and ' escaped by a backslash. */
  for (guint i = 0; i < 2; i++)
    {
      const char *value = i == 0 ? socket_dir : g_get_user_name ();

      g_string_truncate (quoted, 0);
      g_string_append_c (quoted, '\'');
      for (const char *p = value; *p; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (quoted, '\\');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '\'');
      if (i == 0)
        host = g_strdup (quoted->str);
      else
        user = g_strdup (quoted->str);
    }
  g_string_free (quoted, TRUE);

  return g_strdup_printf ("host=%s port=" SERVER_PORT " dbname=%s user=%s", host, dbname, user);
}

/* The catalog database is created under another name, migrated and seeded, and only then
 * renamed, so an interrupted first start is simply redone. */
static gboolean
ensure_catalog_database (LkLocalServer  *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autofree char *admin_info = build_conninfo (self->socket_dir, "postgres");
  g_autofree char *setup_info = build_conninfo (self->socket_dir, SETUP_DATABASE_NAME);
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(PGconn) setup = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(LkMigrator) migrator = lk_migrator_new (NULL);

  if (!(admin = _lk_pg_connect (admin_info, error)))
    return FALSE;
  if (!(res = _lk_pg_exec (admin, "SELECT 1 FROM pg_database WHERE datname = '" DATABASE_NAME "'",
                           0, NULL, error)))
    return FALSE;
  if (PQntuples (res) == 1)
    return TRUE;

  self->created = TRUE;
  if (!_lk_pg_command (admin, "DROP DATABASE IF EXISTS " SETUP_DATABASE_NAME, 0, NULL, error)
      || !_lk_pg_command (admin, "CREATE DATABASE " SETUP_DATABASE_NAME, 0, NULL, error))
    return FALSE;

  if (!(setup = _lk_pg_connect (setup_info, error))
      || !lk_migrator_load (migrator, error)
      || !lk_migrator_migrate_sync (migrator, setup, NULL, cancellable, error)
      || !_lk_catalog_install_demo_sync (setup, NULL, cancellable, error))
    return FALSE;
  g_clear_pointer (&setup, PQfinish);

  return _lk_pg_command (admin, "ALTER DATABASE " SETUP_DATABASE_NAME " RENAME TO " DATABASE_NAME,
                         0, NULL, error);
}

static gboolean
start_locked (LkLocalServer  *self,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree char *version_file = g_build_filename (self->data_dir, "PG_VERSION", NULL);
  g_autofree char *log_file = g_build_filename (self->root_dir, "postgres.log", NULL);
  int status = 0;

  if (!g_file_test (version_file, G_FILE_TEST_EXISTS))
    {
      if (!make_private_dir (self->data_dir, error) || !init_cluster (self, error))
        return FALSE;
    }

  if (!run_program (self, &status, error, "pg_ctl", "status", "--pgdata", self->data_dir, NULL))
    return FALSE;

  self->reused = status == 0;
  if (!self->reused)
    {
      g_autoptr(GError) local_error = NULL;

      if (!write_settings (self, error))
        return FALSE;
      if (!run_program (self, NULL, &local_error, "pg_ctl", "start", "--wait", "--timeout=60",
                        "--silent", "--pgdata", self->data_dir, "--log", log_file, NULL))
        {
          g_set_error (error, LK_LOCAL_SERVER_ERROR, LK_LOCAL_SERVER_ERROR_FAILED,
                       _("%s See %s."), local_error->message, log_file);
          return FALSE;
        }
    }

  return ensure_catalog_database (self, cancellable, error);
}

static void
start_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LkLocalServer *self = source_object;
  g_autoptr(GError) error = NULL;
  int control_fd;
  gboolean ok;

  if (!(self->bindir = lk_local_server_find_bindir (self->bindir_override, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (geteuid () == 0)
    {
      g_task_return_new_error (task, LK_LOCAL_SERVER_ERROR, LK_LOCAL_SERVER_ERROR_ROOT, "%s",
                               _("Lorakeet's own database cannot run as root: PostgreSQL "
                                 "refuses it. Start Lorakeet as your normal user, or set a "
                                 "studio catalog connection (--db or LORAKEET_DB)."));
      return;
    }

  if (!make_private_dir (self->root_dir, &error) || !make_private_dir (self->socket_dir, &error)
      || (control_fd = open_lock (self->root_dir, "postgres.lock", &error)) < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->clients_fd < 0
      && (self->clients_fd = open_lock (self->root_dir, "postgres.clients", &error)) < 0)
    {
      g_close (control_fd, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Starting and stopping are serialised by the control lock; every process using the
   * server holds a shared lock on the clients file for as long as it does. */
  flock (control_fd, LOCK_EX);
  flock (self->clients_fd, LOCK_SH);
  ok = start_locked (self, cancellable, &error);
  if (ok)
    self->conninfo = build_conninfo (self->socket_dir, DATABASE_NAME);
  else
    flock (self->clients_fd, LOCK_UN);
  flock (control_fd, LOCK_UN);
  g_close (control_fd, NULL);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lk_local_server_start_async (LkLocalServer       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_LOCAL_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_local_server_start_async);
  g_task_run_in_thread (task, start_worker);
}

gboolean
lk_local_server_start_finish (LkLocalServer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lk_local_server_stop_sync (LkLocalServer  *self,
                           GError        **error)
{
  int control_fd;
  gboolean ok = TRUE;

  g_return_val_if_fail (LK_IS_LOCAL_SERVER (self), FALSE);

  if (self->clients_fd < 0 || self->conninfo == NULL)
    return TRUE;

  if ((control_fd = open_lock (self->root_dir, "postgres.lock", error)) < 0)
    return FALSE;

  flock (control_fd, LOCK_EX);
  /* Only the last client gets the clients file to itself. */
  if (flock (self->clients_fd, LOCK_EX | LOCK_NB) == 0)
    {
      ok = run_program (self, NULL, error, "pg_ctl", "stop", "--wait", "--timeout=60",
                        "--silent", "--mode=fast", "--pgdata", self->data_dir, NULL);
      self->stopped = ok;
    }
  g_close (self->clients_fd, NULL);
  self->clients_fd = -1;
  g_clear_pointer (&self->conninfo, g_free);
  flock (control_fd, LOCK_UN);
  g_close (control_fd, NULL);

  return ok;
}

static void
lk_local_server_stop_worker (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!lk_local_server_stop_sync (LK_LOCAL_SERVER (source_object), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lk_local_server_stop_async (LkLocalServer       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_LOCAL_SERVER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_local_server_stop_async);
  g_task_run_in_thread (task, lk_local_server_stop_worker);
}

gboolean
lk_local_server_stop_finish (LkLocalServer  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
lk_local_server_get_conninfo (LkLocalServer *self)
{
  g_return_val_if_fail (LK_IS_LOCAL_SERVER (self), NULL);
  return self->conninfo;
}

gboolean
lk_local_server_get_created (LkLocalServer *self)
{
  g_return_val_if_fail (LK_IS_LOCAL_SERVER (self), FALSE);
  return self->created;
}

gboolean
lk_local_server_get_reused (LkLocalServer *self)
{
  g_return_val_if_fail (LK_IS_LOCAL_SERVER (self), FALSE);
  return self->reused;
}

gboolean
lk_local_server_get_stopped (LkLocalServer *self)
{
  g_return_val_if_fail (LK_IS_LOCAL_SERVER (self), FALSE);
  return self->stopped;
}

const char *
lk_local_server_get_data_dir (LkLocalServer *self)
{
  g_return_val_if_fail (LK_IS_LOCAL_SERVER (self), NULL);
  return self->data_dir;
}
