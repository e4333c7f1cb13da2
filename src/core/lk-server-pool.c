/* lk-server-pool.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Several ComfyUI servers. The pool is a GListModel of its LkComfyClients, whose properties
 * (state, queue, version, GPU, VRAM) are what a server list shows. Sending jobs to them is in
 * lk-server-pool-jobs.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-server-pool-private.h"
#include "lk-util.h"

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkServerPool, lk_server_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
list_model_get_item_type (GListModel *model)
{
  return LK_TYPE_COMFY_CLIENT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return LK_SERVER_POOL (model)->clients->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  LkServerPool *self = LK_SERVER_POOL (model);

  if (position >= self->clients->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->clients, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
update_n_online (LkServerPool *self)
{
  guint n = 0;

  for (guint i = 0; i < self->clients->len; i++)
    {
      if (lk_comfy_client_get_state (g_ptr_array_index (self->clients, i)) == LK_COMFY_SERVER_ONLINE)
        n++;
    }

  if (n != self->n_online)
    {
      self->n_online = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ONLINE]);
    }
}

static void
client_state_cb (LkComfyClient *client,
                 GParamSpec    *pspec,
                 LkServerPool  *self)
{
  update_n_online (self);

  /* a job may be waiting for a server */
  if (self->current == NULL && self->wait_source != 0)
    _lk_server_pool_process_next (self);
}

static void
forget_client (gpointer data)
{
  LkComfyClient *client = data;

  lk_comfy_client_disconnect (client);
  g_object_unref (client);
}

static void
lk_server_pool_dispose (GObject *object)
{
  LkServerPool *self = (LkServerPool *)object;
  GTask *task;

  g_clear_handle_id (&self->wait_source, g_source_remove);

  while ((task = g_queue_pop_head (&self->waiting)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The server list was closed"));
      g_object_unref (task);
    }

  for (guint i = 0; self->clients && i < self->clients->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->clients, i), self);

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_hash_table_unref);

  G_OBJECT_CLASS (lk_server_pool_parent_class)->dispose (object);
}

static void
lk_server_pool_finalize (GObject *object)
{
  LkServerPool *self = (LkServerPool *)object;

  g_clear_pointer (&self->authorization, g_free);

  G_OBJECT_CLASS (lk_server_pool_parent_class)->finalize (object);
}

static void
lk_server_pool_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkServerPool *self = LK_SERVER_POOL (object);

  switch (prop_id)
    {
    case PROP_N_ONLINE:
      g_value_set_uint (value, self->n_online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_server_pool_class_init (LkServerPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_server_pool_dispose;
  object_class->finalize = lk_server_pool_finalize;
  object_class->get_property = lk_server_pool_get_property;

  properties[PROP_N_ONLINE] = g_param_spec_uint ("n-online", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_server_pool_init (LkServerPool *self)
{
  self->clients = g_ptr_array_new_with_free_func (forget_client);
  self->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, forget_client);
  g_queue_init (&self->waiting);
}

/**
 * lk_server_pool_new:
 *
 * Returns: (transfer full): an empty pool
 */
LkServerPool *
lk_server_pool_new (void)
{
  return g_object_new (LK_TYPE_SERVER_POOL, NULL);
}

LkComfyClient *
_lk_server_pool_make_client (LkServerPool  *self,
             const char    *url,
             GError       **error)
{
  LkComfyClient *client;

  if (!(client = lk_comfy_client_new (url, error)))
    return NULL;

  lk_comfy_client_set_authorization (client, self->authorization);
  g_signal_connect (client, "notify::state", G_CALLBACK (client_state_cb), self);
  lk_comfy_client_connect (client);

  return client;
}

/**
 * lk_server_pool_find:
 * @self: a #LkServerPool
 * @url: a server URL
 *
 * Returns: (transfer none) (nullable): the listed client for @url (a trailing slash does not
 *   matter)
 */
LkComfyClient *
lk_server_pool_find (LkServerPool *self,
                     const char   *url)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  g_return_val_if_fail (LK_IS_SERVER_POOL (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (url));
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  for (guint i = 0; i < self->clients->len; i++)
    {
      LkComfyClient *client = g_ptr_array_index (self->clients, i);

      if (g_str_equal (lk_comfy_client_get_url (client), trimmed))
        return client;
    }

  return NULL;
}

/**
 * lk_server_pool_add:
 * @self: a #LkServerPool
 * @url: a server URL
 * @error: return location for a #GError
 *
 * Adds a server (or returns the one listed under @url) and starts connecting to it.
 *
 * Returns: (transfer none) (nullable): its client, or %NULL if @url is not a server address
 */
LkComfyClient *
lk_server_pool_add (LkServerPool  *self,
                    const char    *url,
                    GError       **error)
{
  LkComfyClient *client;

  g_return_val_if_fail (LK_IS_SERVER_POOL (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if ((client = lk_server_pool_find (self, url)))
    return client;

  if (!(client = _lk_server_pool_make_client (self, url, error)))
    return NULL;

  g_ptr_array_add (self->clients, client);
  g_list_model_items_changed (G_LIST_MODEL (self), self->clients->len - 1, 0, 1);
  update_n_online (self);

  return client;
}

/**
 * lk_server_pool_set_urls:
 * @self: a #LkServerPool
 * @urls: (array zero-terminated=1): the servers, in order of preference for ties
 * @error: return location for a #GError
 *
 * Makes the pool list exactly @urls, keeping the clients (and their jobs) of servers that stay.
 * Nothing changes if one of @urls is not a server address.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_server_pool_set_urls (LkServerPool        *self,
                         const char * const  *urls,
                         GError             **error)
{
  g_autoptr(GPtrArray) clients = NULL;
  guint old_len;

  g_return_val_if_fail (LK_IS_SERVER_POOL (self), FALSE);
  g_return_val_if_fail (urls != NULL, FALSE);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(LkComfyClient) probe = NULL;

      if (!(probe = lk_comfy_client_new (urls[i], error)))
        return FALSE;
    }

  old_len = self->clients->len;
  clients = g_ptr_array_new_with_free_func (forget_client);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(LkComfyClient) probe = lk_comfy_client_new (urls[i], NULL);
      const char *url = lk_comfy_client_get_url (probe);
      LkComfyClient *client = NULL;
      gboolean duplicate = FALSE;

      for (guint j = 0; j < clients->len && !duplicate; j++)
        duplicate = g_str_equal (lk_comfy_client_get_url (g_ptr_array_index (clients, j)), url);
      if (duplicate)
        continue;

      /* a server that stays keeps its client, its connection and its jobs */
      for (guint j = 0; j < self->clients->len && client == NULL; j++)
        {
          if (g_str_equal (lk_comfy_client_get_url (g_ptr_array_index (self->clients, j)), url))
            client = g_ptr_array_steal_index (self->clients, j);
        }

      g_ptr_array_add (clients, client ? client : _lk_server_pool_make_client (self, url, NULL));
    }

  /* the servers that go stop reconnecting */
  for (guint i = 0; i < self->clients->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->clients, i), self);
  g_ptr_array_unref (self->clients);

  self->clients = g_steal_pointer (&clients);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->clients->len);
  update_n_online (self);

  return TRUE;
}

/**
 * lk_server_pool_set_authorization:
 * @self: a #LkServerPool
 * @authorization: (nullable): the Authorization header for every server (a proxy's token)
 */
void
lk_server_pool_set_authorization (LkServerPool *self,
                                  const char   *authorization)
{
  g_return_if_fail (LK_IS_SERVER_POOL (self));

  lk_set_str (&self->authorization, authorization);
  for (guint i = 0; i < self->clients->len; i++)
    lk_comfy_client_set_authorization (g_ptr_array_index (self->clients, i), authorization);
}

/**
 * lk_server_pool_get_n_online:
 * @self: a #LkServerPool
 *
 * Returns: how many servers are online
 */
guint
lk_server_pool_get_n_online (LkServerPool *self)
{
  g_return_val_if_fail (LK_IS_SERVER_POOL (self), 0);
  return self->n_online;
}
