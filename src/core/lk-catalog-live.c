/* lk-catalog-live.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The catalog's live side: the LISTEN connection watched on the main loop, reconnection
 * after an outage, and the live project and character lists refreshed on notifications. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-private.h"

#define LISTEN_CHANNEL "lorakeet_catalog"
#define REFRESH_DELAY_MS 60

/* Live models ---------------------------------------------------------------------------- */

static gboolean
refresh_work (PGconn          *conn,
              gpointer         task_data,
              GCancellable    *cancellable,
              gpointer        *result,
              GDestroyNotify  *result_free,
              GError         **error)
{
  gboolean *want = task_data;
  GPtrArray *lists = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  GPtrArray *projects = NULL;
  GPtrArray *characters = NULL;

  if (want[0] && !(projects = _lk_catalog_query_projects (conn, error)))
    goto fail;
  if (want[1] && !(characters = _lk_catalog_query_characters (conn, 0, error)))
    goto fail;

  g_ptr_array_add (lists, projects ? projects : g_ptr_array_new ());
  g_ptr_array_add (lists, characters ? characters : g_ptr_array_new ());
  *result = lists;
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;

fail:
  g_clear_pointer (&projects, g_ptr_array_unref);
  g_ptr_array_unref (lists);
  return FALSE;
}

static gint64
item_id (gpointer item)
{
  if (LK_IS_CHARACTER (item))
    return lk_character_get_id (item);
  return lk_project_get_id (item);
}

/* Applies a fresh listing to a live store: objects keep their identity (by row id) and are
 * updated in place; the store changes with a single items-changed when rows came or went
 * or moved. */
static void
merge_into_store (GListStore *store,
                  GPtrArray  *fresh)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) old_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           g_object_unref);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same_order = n_old == fresh->len;

  for (guint i = 0; i < n_old; i++)
    {
      gpointer item = g_list_model_get_item (model, i);
      gint64 *key = g_new (gint64, 1);

      *key = item_id (item);
      if (same_order && *key != item_id (g_ptr_array_index (fresh, i)))
        same_order = FALSE;
      g_hash_table_replace (old_by_id, key, item);
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      gpointer item = g_ptr_array_index (fresh, i);
      gint64 id = item_id (item);
      gpointer old = g_hash_table_lookup (old_by_id, &id);

      if (old != NULL)
        {
          if (LK_IS_CHARACTER (old))
            _lk_character_update_from (old, item);
          else
            _lk_project_update_from (old, item);
          g_ptr_array_add (merged, g_object_ref (old));
        }
      else
        g_ptr_array_add (merged, g_object_ref (item));
    }

  if (!same_order)
    g_list_store_splice (store, 0, n_old, merged->pdata, merged->len);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;

  self->refreshing = FALSE;

  if (!(lists = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("refreshing the live lists failed: %s", error->message);
      return;
    }

  if (self->want_projects)
    merge_into_store (self->projects, g_ptr_array_index (lists, 0));
  if (self->want_characters)
    merge_into_store (self->characters, g_ptr_array_index (lists, 1));

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      _lk_catalog_schedule_refresh (self);
    }
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  LkCatalog *self = user_data;
  gboolean *want = g_new0 (gboolean, 2);

  g_clear_pointer (&self->refresh_source, g_source_unref);

  want[0] = self->want_projects;
  want[1] = self->want_characters;
  self->refreshing = TRUE;

  _lk_catalog_run (self, refresh_timeout_cb, want, g_free, LK_CATALOG_WORK_READ, refresh_work,
                   self->cancellable, refresh_done_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* Coalesces bursts of notifications (a bulk update sends one per row) into one query. */
void
_lk_catalog_schedule_refresh (LkCatalog *self)
{
  if (!self->opened || (!self->want_projects && !self->want_characters))
    return;
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  if (self->refresh_source != NULL)
    return;

  self->refresh_source = g_timeout_source_new (REFRESH_DELAY_MS);
  g_source_set_callback (self->refresh_source, refresh_timeout_cb, self, NULL);
  g_source_attach (self->refresh_source, self->context);
}

static gboolean
table_affects_lists (const char *table)
{
  static const char * const tables[] = {
    "projects", "characters", "ai_models", "generation_profiles", "project_profiles",
    "character_loras", "model_details", "lora_lineages", NULL
  };

  return table == NULL || g_strv_contains (tables, table);
}

/* Listening ------------------------------------------------------------------------------ */

static void
handle_notification (LkCatalog  *self,
                     const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *table = NULL;
  gint64 id = 0;

  if (json_parser_load_from_data (parser, payload, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      table = json_object_get_string_member_with_default (object, "table", NULL);
      if (json_object_has_member (object, "id")
          && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "id")))
        id = json_object_get_int_member (object, "id");
    }

  if (table == NULL)
    {
      g_debug ("ignoring notification %s", payload);
      return;
    }

  _lk_catalog_emit_changed (self, table, id);
  if (table_affects_lists (table))
    _lk_catalog_schedule_refresh (self);
}

static gboolean
reconnect_timeout_cb (gpointer user_data)
{
  LkCatalog *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  _lk_catalog_start_listening (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (LkCatalog *self)
{
  if (self->reconnect_source != NULL || !self->opened)
    return;

  self->reconnect_source = g_timeout_source_new (self->reconnect_delay_ms);
  g_source_set_callback (self->reconnect_source, reconnect_timeout_cb, self, NULL);
  g_source_attach (self->reconnect_source, self->context);
  self->reconnect_delay_ms = MIN (self->reconnect_delay_ms * 2, LK_CATALOG_RECONNECT_MAX_MS);
}

void
_lk_catalog_stop_listening (LkCatalog *self)
{
  if (self->listen_source != NULL)
    {
      g_source_destroy (self->listen_source);
      g_clear_pointer (&self->listen_source, g_source_unref);
    }
  g_clear_pointer (&self->listen_conn, PQfinish);
}

static void
connection_lost (LkCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strdup (self->listen_conn ? PQerrorMessage (self->listen_conn) : "");

  g_strstrip (reason);
  g_debug ("live-update connection lost: %s", reason);
  _lk_catalog_stop_listening (self);
  g_atomic_int_set (&self->backend->needs_reset, 1);

  error = g_error_new (LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE,
                       _("Lost the connection to the studio catalog at %s. Reconnecting…"),
                       self->server ? self->server : "?");
  _lk_catalog_set_connected (self, FALSE, error);
  schedule_reconnect (self);
}

static gboolean
listen_readable_cb (int           fd,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  LkCatalog *self = user_data;
  PGnotify *notify;

  if (!PQconsumeInput (self->listen_conn))
    {
      connection_lost (self);
      return G_SOURCE_REMOVE;
    }

  while ((notify = PQnotifies (self->listen_conn)) != NULL)
    {
      handle_notification (self, notify->extra);
      PQfreemem (notify);
      if (self->listen_conn == NULL)
        return G_SOURCE_REMOVE;
    }

  if (PQstatus (self->listen_conn) != CONNECTION_OK)
    {
      connection_lost (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
listen_connect_worker (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *conninfo = task_data;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;

  if (!(conn = _lk_pg_connect (conninfo, &error))
      || !_lk_pg_command (conn, "LISTEN " LISTEN_CHANNEL, 0, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  PQsetnonblocking (conn, 1);
  g_task_return_pointer (task, g_steal_pointer (&conn), (GDestroyNotify)PQfinish);
}

static void
listen_connected_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GTask) open_task = user_data;
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  gboolean was_outage = self->error != NULL;

  self->listen_connecting = FALSE;

  if (!(conn = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (open_task)
            g_task_return_error (open_task, g_steal_pointer (&error));
          return;
        }

      _lk_catalog_set_connected (self, FALSE, error);
      if (open_task != NULL)
        {
          self->opened = FALSE;
          g_task_return_error (open_task, g_steal_pointer (&error));
        }
      else
        schedule_reconnect (self);
      return;
    }

  if (!self->opened)
    {
      PQfinish (conn);
      return;
    }

  _lk_catalog_stop_listening (self);
  self->listen_conn = conn;
  self->listen_source = g_unix_fd_source_new (PQsocket (conn), G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->listen_source, G_SOURCE_FUNC (listen_readable_cb), self, NULL);
  g_source_attach (self->listen_source, self->context);
  self->reconnect_delay_ms = LK_CATALOG_RECONNECT_MIN_MS;
  _lk_catalog_set_connected (self, TRUE, NULL);

  if (was_outage)
    {
      /* Notifications sent while we were away are lost: everything may have changed. */
      g_atomic_int_set (&self->backend->needs_reset, 1);
      _lk_catalog_emit_changed (self, NULL, 0);
    }
  _lk_catalog_schedule_refresh (self);

  if (open_task != NULL)
    g_task_return_boolean (open_task, TRUE);
}

void
_lk_catalog_start_listening (LkCatalog *self,
                             GTask     *open_task)
{
  g_autoptr(GTask) task = NULL;

  if (self->listen_connecting)
    return;

  self->listen_connecting = TRUE;
  task = g_task_new (self, self->cancellable, listen_connected_cb,
                     open_task ? g_object_ref (open_task) : NULL);
  g_task_set_source_tag (task, _lk_catalog_start_listening);
  g_task_set_task_data (task, g_strdup (self->conninfo), g_free);
  g_task_run_in_thread (task, listen_connect_worker);
}

