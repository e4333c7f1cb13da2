/* lk-migrator.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lk-catalog-pg.h"
#include "lk-migrator.h"
#include "lk-paths.h"

/* The advisory lock every Lorakeet migrator takes: "Lorakeet" in ASCII. */
#define LK_MIGRATION_LOCK_KEY "5508993567062779252"

typedef struct
{
  int   version;
  char *name;     /* file name without ".sql" */
  char *sql;
  char *checksum; /* SHA-256 of the file */
} Migration;

struct _LkMigrator
{
  GObject    parent_instance;

  char      *sql_dir;
  GPtrArray *migrations; /* of Migration, by version */
};

G_DEFINE_FINAL_TYPE (LkMigrator, lk_migrator, G_TYPE_OBJECT)

static void
migration_free (Migration *m)
{
  g_free (m->name);
  g_free (m->sql);
  g_free (m->checksum);
  g_free (m);
}

static void
lk_migrator_finalize (GObject *object)
{
  LkMigrator *self = (LkMigrator *)object;

  g_clear_pointer (&self->sql_dir, g_free);
  g_clear_pointer (&self->migrations, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_migrator_parent_class)->finalize (object);
}

static void
lk_migrator_class_init (LkMigratorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_migrator_finalize;
}

static void
lk_migrator_init (LkMigrator *self)
{
  self->migrations = g_ptr_array_new_with_free_func ((GDestroyNotify)migration_free);
}

LkMigrator *
lk_migrator_new (const char *sql_dir)
{
  LkMigrator *self = g_object_new (LK_TYPE_MIGRATOR, NULL);

  self->sql_dir = sql_dir ? g_strdup (sql_dir) : lk_paths_dup_sql_dir ();

  return self;
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  const Migration *ma = *(const Migration **)a;
  const Migration *mb = *(const Migration **)b;

  return (ma->version > mb->version) - (ma->version < mb->version);
}

/* "0002-lorakeet-catalog.sql" → 2; anything else (the demo seed, README) → -1. */
static int
parse_version (const char *file_name)
{
  if (!g_str_has_suffix (file_name, ".sql"))
    return -1;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (file_name[i]))
      return -1;
  if (file_name[4] != '-')
    return -1;

  return atoi (file_name);
}

gboolean
lk_migrator_load (LkMigrator  *self,
                  GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *file_name;

  g_return_val_if_fail (LK_IS_MIGRATOR (self), FALSE);

  g_ptr_array_set_size (self->migrations, 0);

  if (!(dir = g_dir_open (self->sql_dir, 0, error)))
    {
      g_prefix_error (error, _("Lorakeet's SQL migrations are missing (%s): "), self->sql_dir);
      return FALSE;
    }

  while ((file_name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      Migration *m;
      int version = parse_version (file_name);

      if (version <= 0)
        continue;

      path = g_build_filename (self->sql_dir, file_name, NULL);
      if (!g_file_get_contents (path, &contents, &length, error))
        return FALSE;

      m = g_new0 (Migration, 1);
      m->version = version;
      m->name = g_strndup (file_name, strlen (file_name) - strlen (".sql"));
      m->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents,
                                                 length);
      m->sql = g_steal_pointer (&contents);
      g_ptr_array_add (self->migrations, m);
    }

  g_ptr_array_sort (self->migrations, compare_migrations);

  for (guint i = 1; i < self->migrations->len; i++)
    {
      const Migration *a = g_ptr_array_index (self->migrations, i - 1);
      const Migration *b = g_ptr_array_index (self->migrations, i);

      if (a->version == b->version)
        {
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MIGRATION_FAILED,
                       _("Two migrations have version %d: %s and %s."), a->version, a->name,
                       b->name);
          return FALSE;
        }
    }

  return TRUE;
}

int
lk_migrator_get_latest_version (LkMigrator *self)
{
  const Migration *last;

  g_return_val_if_fail (LK_IS_MIGRATOR (self), 0);

  if (self->migrations->len == 0)
    return 0;

  last = g_ptr_array_index (self->migrations, self->migrations->len - 1);
  return last->version;
}

/* The applied versions, as a set; NULL with @error set on failure. */
static GHashTable *
read_applied (PGconn  *conn,
              int     *max_version,
              GError **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GHashTable) applied = g_hash_table_new (NULL, NULL);

  *max_version = 0;

  res = _lk_pg_exec (conn, "SELECT to_regclass ('schema_migrations') IS NOT NULL", 0, NULL,
                     error);
  if (res == NULL)
    return NULL;
  if (!_lk_pg_bool (res, 0, 0))
    return g_steal_pointer (&applied);
  g_clear_pointer (&res, PQclear);

  if (!(res = _lk_pg_exec (conn, "SELECT version FROM schema_migrations", 0, NULL, error)))
    return NULL;

  for (int i = 0; i < PQntuples (res); i++)
    {
      int version = (int)_lk_pg_int64 (res, i, 0);

      g_hash_table_add (applied, GINT_TO_POINTER (version));
      *max_version = MAX (*max_version, version);
    }

  return g_steal_pointer (&applied);
}

int
lk_migrator_get_schema_version_sync (LkMigrator   *self,
                                     PGconn       *conn,
                                     char       ***pending,
                                     GError      **error)
{
  g_autoptr(GHashTable) applied = NULL;
  int max_version;

  g_return_val_if_fail (LK_IS_MIGRATOR (self), -1);
  g_return_val_if_fail (conn != NULL, -1);

  if (!(applied = read_applied (conn, &max_version, error)))
    return -1;

  if (pending != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < self->migrations->len; i++)
        {
          const Migration *m = g_ptr_array_index (self->migrations, i);

          if (!g_hash_table_contains (applied, GINT_TO_POINTER (m->version)))
            g_strv_builder_add (builder, m->name);
        }
      *pending = g_strv_builder_end (builder);
    }

  return max_version;
}

static gboolean
apply_one (PGconn           *conn,
           const Migration  *m,
           GError          **error)
{
  g_autofree char *version = g_strdup_printf ("%d", m->version);
  const char *values[] = { version, m->name, m->checksum };
  g_autoptr(GError) local_error = NULL;

  if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error))
    return FALSE;

  if (!_lk_pg_exec_script (conn, m->sql, &local_error)
      || !_lk_pg_command (conn,
                          "INSERT INTO schema_migrations (version, name, checksum) "
                          "VALUES ($1, $2, $3)", 3, values, &local_error)
      || !_lk_pg_command (conn, "COMMIT", 0, NULL, &local_error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      if (local_error->code == LK_CATALOG_ERROR_UNREACHABLE)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_MIGRATION_FAILED,
                     _("Migration %s could not be applied, so the catalog was left as it "
                       "was: %s"), m->name, local_error->message);
      return FALSE;
    }

  g_debug ("applied migration %s", m->name);
  return TRUE;
}

static gboolean
migrate_locked (LkMigrator    *self,
                PGconn        *conn,
                GStrvBuilder  *applied_names,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GHashTable) applied = NULL;
  int max_version;

  if (!_lk_pg_command (conn,
                       "CREATE TABLE IF NOT EXISTS schema_migrations ("
                       "  version integer PRIMARY KEY,"
                       "  name text NOT NULL,"
                       "  applied_at timestamptz NOT NULL DEFAULT now (),"
                       "  checksum text NOT NULL)", 0, NULL, error))
    return FALSE;

  if (!(applied = read_applied (conn, &max_version, error)))
    return FALSE;

  if (max_version > lk_migrator_get_latest_version (self))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_SCHEMA_TOO_NEW,
                   _("The studio catalog was prepared by a newer Lorakeet (schema version %d; "
                     "this Lorakeet knows up to %d). It is opened read-only: update Lorakeet "
                     "to make changes."), max_version, lk_migrator_get_latest_version (self));
      return FALSE;
    }

  for (guint i = 0; i < self->migrations->len; i++)
    {
      const Migration *m = g_ptr_array_index (self->migrations, i);

      if (g_hash_table_contains (applied, GINT_TO_POINTER (m->version)))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!apply_one (conn, m, error))
        return FALSE;
      if (applied_names != NULL)
        g_strv_builder_add (applied_names, m->name);
    }

  return TRUE;
}

gboolean
lk_migrator_migrate_sync (LkMigrator     *self,
                          PGconn         *conn,
                          char         ***applied,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *key[] = { LK_MIGRATION_LOCK_KEY };
  gboolean ok;

  g_return_val_if_fail (LK_IS_MIGRATOR (self), FALSE);
  g_return_val_if_fail (conn != NULL, FALSE);

  /* A session lock, so each migration can still commit on its own. */
  if (!_lk_pg_command (conn, "SELECT pg_advisory_lock ($1::bigint)", 1, key, error))
    return FALSE;

  ok = migrate_locked (self, conn, names, cancellable, error);

  if (!_lk_pg_connection_lost (conn))
    PQclear (PQexecParams (conn, "SELECT pg_advisory_unlock ($1::bigint)", 1, NULL, key,
                           NULL, NULL, 0));

  if (ok && applied != NULL)
    *applied = g_strv_builder_end (names);

  return ok;
}

static void
migrate_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LkMigrator *self = source_object;
  const char *conninfo = task_data;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  char **applied = NULL;

  if (!(conn = _lk_pg_connect (conninfo, &error))
      || !lk_migrator_migrate_sync (self, conn, &applied, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, applied, (GDestroyNotify)g_strfreev);
}

void
lk_migrator_migrate_async (LkMigrator          *self,
                           const char          *conninfo,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_MIGRATOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_migrator_migrate_async);
  g_task_set_task_data (task, g_strdup (conninfo), g_free);
  g_task_run_in_thread (task, migrate_worker);
}

char **
lk_migrator_migrate_finish (LkMigrator    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
