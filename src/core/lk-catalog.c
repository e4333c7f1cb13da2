/* lk-catalog.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-private.h"
#include "lk-migrator.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkCatalog, lk_catalog, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNINFO,
  PROP_CONNECTED,
  PROP_READ_ONLY,
  PROP_NOTICE,
  PROP_ERROR,
  PROP_SERVER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static LkCatalogBackend *
backend_ref (LkCatalogBackend *backend)
{
  g_atomic_ref_count_inc (&backend->ref);
  return backend;
}

static void
backend_unref (LkCatalogBackend *backend)
{
  if (g_atomic_ref_count_dec (&backend->ref))
    {
      g_clear_pointer (&backend->conn, PQfinish);
      g_free (backend->conninfo);
      g_free (backend);
    }
}

static void
run_work (gpointer data,
          gpointer user_data)
{
  LkCatalogWork *work = data;
  LkCatalogBackend *backend = work->backend;
  GCancellable *cancellable = g_task_get_cancellable (work->task);
  gpointer task_data = g_task_get_task_data (work->task);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) error = NULL;
      gpointer result = NULL;
      GDestroyNotify result_free = NULL;

      if (g_task_return_error_if_cancelled (work->task))
        break;

      if (work->kind == LK_CATALOG_WORK_WRITE && g_atomic_int_get (&backend->read_only))
        {
          g_task_return_new_error (work->task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY, "%s",
                                   _("The studio catalog is read-only for this Lorakeet: it was "
                                     "prepared by a newer version. Update Lorakeet to make "
                                     "changes."));
          break;
        }

      if (g_atomic_int_compare_and_exchange (&backend->needs_reset, 1, 0))
        g_clear_pointer (&backend->conn, PQfinish);

      if (backend->conn == NULL
          && !(backend->conn = _lk_pg_connect (backend->conninfo, &error)))
        {
          g_task_return_error (work->task, g_steal_pointer (&error));
          break;
        }

      if (work->func (backend->conn, task_data, cancellable, &result, &result_free, &error))
        {
          if (result != NULL)
            g_task_return_pointer (work->task, result, result_free);
          else
            g_task_return_boolean (work->task, TRUE);
          break;
        }

      if (_lk_pg_connection_lost (backend->conn))
        {
          g_clear_pointer (&backend->conn, PQfinish);
          if (work->kind != LK_CATALOG_WORK_WRITE && attempt == 0)
            continue;
        }
      else
        {
          /* Never leave a failed transaction open for the next request. */
          if (PQtransactionStatus (backend->conn) != PQTRANS_IDLE)
            PQclear (PQexec (backend->conn, "ROLLBACK"));
        }

      g_task_return_error (work->task, g_steal_pointer (&error));
      break;
    }

  g_object_unref (work->task);
  backend_unref (work->backend);
  g_free (work);
}

void
_lk_catalog_queue (LkCatalog         *self,
                   GTask             *task,
                   LkCatalogWorkKind  kind,
                   LkCatalogWorkFunc  func)
{
  LkCatalogWork *work = g_new0 (LkCatalogWork, 1);

  g_assert (LK_IS_CATALOG (self));

  work->backend = backend_ref (self->backend);
  work->task = g_object_ref (task);
  work->kind = kind;
  work->func = func;
  g_thread_pool_push (self->pool, work, NULL);
}

void
(_lk_catalog_run) (LkCatalog           *self,
                   gpointer             source_tag,
                   const char          *task_name,
                   gpointer             task_data,
                   GDestroyNotify       task_data_free,
                   LkCatalogWorkKind    kind,
                   LkCatalogWorkFunc    func,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  /* Named first, so the g_task_set_source_tag() macro keeps the caller's name. */
  g_task_set_name (task, task_name);
  g_task_set_source_tag (task, source_tag);
  if (task_data != NULL)
    g_task_set_task_data (task, task_data, task_data_free);
  _lk_catalog_queue (self, task, kind, func);
}

GListStore *
_lk_catalog_list_store_from (GPtrArray *items,
                             GType      item_type)
{
  GListStore *store = g_list_store_new (item_type);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

void
_lk_catalog_set_connected (LkCatalog    *self,
                           gboolean      connected,
                           const GError *error)
{
  if (self->connected != !!connected)
    {
      self->connected = !!connected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }

  if (self->error != error && (self->error == NULL || error == NULL
                               || !g_error_matches (self->error, error->domain, error->code)
                               || g_strcmp0 (self->error->message, error->message) != 0))
    {
      g_clear_error (&self->error);
      self->error = error ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
}

static void
set_notice (LkCatalog  *self,
            const char *notice)
{
  if (lk_set_str (&self->notice, notice))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

void
_lk_catalog_emit_changed (LkCatalog  *self,
                          const char *table,
                          gint64      id)
{
  g_signal_emit (self, signals[CHANGED], 0, table, id);
}

void
_lk_catalog_set_read_only (LkCatalog  *self,
                           gboolean    read_only,
                           const char *notice)
{
  g_atomic_int_set (&self->backend->read_only, !!read_only);
  if (self->read_only != !!read_only)
    {
      self->read_only = !!read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  set_notice (self, notice);
}

/* Opening -------------------------------------------------------------------------------- */

typedef struct
{
  LkCatalogOpenFlags  flags;
  gboolean            read_only;
  char               *notice;
  char               *server;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->notice);
  g_free (data->server);
  g_free (data);
}

static gboolean
open_work (PGconn          *conn,
           gpointer         task_data,
           GCancellable    *cancellable,
           gpointer        *result,
           GDestroyNotify  *result_free,
           GError         **error)
{
  OpenData *data = task_data;
  g_autoptr(LkMigrator) migrator = lk_migrator_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) pending = NULL;
  g_autoptr(PGresult) res = NULL;
  int version;

  data->server = _lk_pg_describe_target (NULL, conn);

  if (!lk_migrator_load (migrator, error))
    return FALSE;

  if ((data->flags & LK_CATALOG_OPEN_MIGRATE)
      && !lk_migrator_migrate_sync (migrator, conn, NULL, cancellable, &local_error))
    {
      if (!g_error_matches (local_error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_SCHEMA_TOO_NEW))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      data->read_only = TRUE;
      data->notice = g_strdup (local_error->message);
    }

  if ((version = lk_migrator_get_schema_version_sync (migrator, conn, &pending, error)) < 0)
    return FALSE;

  if (version > lk_migrator_get_latest_version (migrator))
    {
      data->read_only = TRUE;
      if (data->notice == NULL)
        data->notice = g_strdup_printf (_("The studio catalog was prepared by a newer Lorakeet "
                                          "(schema version %d; this Lorakeet knows up to %d). "
                                          "It is opened read-only: update Lorakeet to make "
                                          "changes."),
                                        version, lk_migrator_get_latest_version (migrator));
    }
  else if (pending != NULL && pending[0] != NULL)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_SCHEMA_OUTDATED,
                   _("The studio catalog at %s has not been prepared for this Lorakeet yet "
                     "(missing %s). Run “lorakeet-cli db migrate”."), data->server, pending[0]);
      return FALSE;
    }

  if ((res = _lk_pg_exec (conn, "SELECT current_setting ('transaction_read_only') = 'on'", 0,
                          NULL, error)) == NULL)
    return FALSE;
  if (_lk_pg_bool (res, 0, 0) && !data->read_only)
    {
      data->read_only = TRUE;
      data->notice = g_strdup (_("The studio catalog's server only allows reading (a standby "
                                 "or a read-only account): changes cannot be saved."));
    }

  return TRUE;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GTask) open_task = user_data;
  g_autoptr(GError) error = NULL;
  OpenData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (error->domain == LK_CATALOG_ERROR && error->code == LK_CATALOG_ERROR_UNREACHABLE)
        _lk_catalog_set_connected (self, FALSE, error);
      g_task_return_error (open_task, g_steal_pointer (&error));
      return;
    }

  if (lk_set_str (&self->server, data->server))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
  _lk_catalog_set_read_only (self, data->read_only, data->notice);

  self->opened = TRUE;
  self->reconnect_delay_ms = LK_CATALOG_RECONNECT_MIN_MS;
  _lk_catalog_start_listening (self, open_task);
}

void
lk_catalog_open_async (LkCatalog           *self,
                       LkCatalogOpenFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) open_task = NULL;
  OpenData *data = g_new0 (OpenData, 1);

  g_return_if_fail (LK_IS_CATALOG (self));

  open_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (open_task, lk_catalog_open_async);

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  data->flags = flags;
  _lk_catalog_run (self, lk_catalog_open_async, data, (GDestroyNotify)open_data_free,
                   LK_CATALOG_WORK_SETUP, open_work,
                   cancellable, opened_cb, g_steal_pointer (&open_task));
}

gboolean
lk_catalog_open_finish (LkCatalog     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lk_catalog_close (LkCatalog *self)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  self->opened = FALSE;
  g_cancellable_cancel (self->cancellable);
  _lk_catalog_stop_listening (self);
  if (self->reconnect_source != NULL)
    g_source_destroy (self->reconnect_source);
  g_clear_pointer (&self->reconnect_source, g_source_unref);
  if (self->refresh_source != NULL)
    g_source_destroy (self->refresh_source);
  g_clear_pointer (&self->refresh_source, g_source_unref);
  _lk_catalog_set_connected (self, FALSE, NULL);
}

/* Object --------------------------------------------------------------------------------- */

static void
lk_catalog_dispose (GObject *object)
{
  LkCatalog *self = (LkCatalog *)object;

  lk_catalog_close (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lk_catalog_parent_class)->dispose (object);
}

static void
lk_catalog_finalize (GObject *object)
{
  LkCatalog *self = (LkCatalog *)object;

  /* Work items hold references to the catalog, so none is queued any more; the pool
   * thread may be the one finalizing us, hence no waiting. */
  g_thread_pool_free (self->pool, FALSE, FALSE);
  g_clear_pointer (&self->backend, backend_unref);
  g_clear_object (&self->projects);
  g_clear_object (&self->characters);
  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (lk_catalog_parent_class)->finalize (object);
}

static void
lk_catalog_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkCatalog *self = LK_CATALOG (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, self->conninfo);
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LkCatalog *self = LK_CATALOG (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      self->conninfo = g_value_dup_string (value);
      self->backend->conninfo = g_strdup (self->conninfo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_class_init (LkCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_catalog_dispose;
  object_class->finalize = lk_catalog_finalize;
  object_class->get_property = lk_catalog_get_property;
  object_class->set_property = lk_catalog_set_property;

  properties[PROP_CONNINFO] =
    g_param_spec_string ("conninfo", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkCatalog::changed:
   * @self: the catalog
   * @table: (nullable): the table a row changed in, %NULL after a reconnection (anything
   *   may have changed)
   * @id: the row's key, 0 when unknown
   *
   * A row was changed by this or another client.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
lk_catalog_init (LkCatalog *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->backend = g_new0 (LkCatalogBackend, 1);
  g_atomic_ref_count_init (&self->backend->ref);
  /* One worker thread: requests run in the order they were made, on one connection. */
  self->pool = g_thread_pool_new (run_work, NULL, 1, FALSE, NULL);
  self->projects = g_list_store_new (LK_TYPE_PROJECT);
  self->characters = g_list_store_new (LK_TYPE_CHARACTER);
  self->reconnect_delay_ms = LK_CATALOG_RECONNECT_MIN_MS;
}

LkCatalog *
lk_catalog_new (const char *conninfo)
{
  return g_object_new (LK_TYPE_CATALOG, "conninfo", conninfo, NULL);
}

const char *
lk_catalog_get_conninfo (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);
  return self->conninfo;
}

gboolean
lk_catalog_get_connected (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), FALSE);
  return self->connected;
}

gboolean
lk_catalog_get_read_only (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), FALSE);
  return self->read_only;
}

const char *
lk_catalog_get_notice (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);
  return self->notice;
}

const GError *
lk_catalog_get_error (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);
  return self->error;
}

const char *
lk_catalog_get_server (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);
  return self->server;
}

GListModel *
lk_catalog_get_projects (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);

  if (!self->want_projects)
    {
      self->want_projects = TRUE;
      _lk_catalog_schedule_refresh (self);
    }
  return G_LIST_MODEL (self->projects);
}

GListModel *
lk_catalog_get_characters (LkCatalog *self)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);

  if (!self->want_characters)
    {
      self->want_characters = TRUE;
      _lk_catalog_schedule_refresh (self);
    }
  return G_LIST_MODEL (self->characters);
}
