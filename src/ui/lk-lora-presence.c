/* lk-lora-presence.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-comfy-client.h"
#include "lk-lora-presence.h"
#include "lk-object-info.h"

typedef struct
{
  char       *lora_name;
  GPtrArray  *lines;   /* one per server, in the pool's order */
  guint       pending;
} Presence;

typedef struct
{
  GTask *task;
  guint  index;
} ServerQuery;

static void
presence_free (Presence *presence)
{
  g_free (presence->lora_name);
  g_ptr_array_unref (presence->lines);
  g_free (presence);
}

static char *
describe_answer (LkComfyClient *client,
                 JsonObject    *object_info,
                 const char    *lora_name,
                 const GError  *error)
{
  const char *url = lk_comfy_client_get_url (client);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LkObjectInfo) info = NULL;

  if (object_info == NULL)
    /* Translators: a server that could not list its LoRAs, and why. */
    return g_strdup_printf (_("Unknown on %s: %s"), url, error->message);

  root = json_node_init_object (json_node_alloc (), object_info);
  info = lk_object_info_new_from_node (root, NULL);
  if (info == NULL || !lk_object_info_has_class (info, "LoraLoader"))
    return g_strdup_printf (_("%s has no LoraLoader node"), url);
  if (lk_object_info_find_option (info, "LoraLoader", "lora_name", lora_name) != NULL)
    return g_strdup_printf (_("Found on %s"), url);
  return g_strdup_printf (_("Not on %s: copy it into the server’s models/loras folder"), url);
}

static void
object_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ServerQuery *query = user_data;
  g_autoptr(GTask) task = query->task;
  Presence *presence = g_task_get_task_data (task);
  g_autoptr(JsonObject) object_info = NULL;
  g_autoptr(GError) error = NULL;
  guint index = query->index;

  g_free (query);
  object_info = lk_comfy_client_get_object_info_finish (LK_COMFY_CLIENT (object), result, &error);
  g_ptr_array_index (presence->lines, index) =
    describe_answer (LK_COMFY_CLIENT (object), object_info, presence->lora_name, error);

  if (--presence->pending > 0)
    return;

  g_ptr_array_add (presence->lines, NULL);
  g_task_return_pointer (task, g_strjoinv ("\n", (char **)presence->lines->pdata), g_free);
}

void
lk_lora_presence_describe_async (LkServerPool        *pool,
                                 const char          *lora_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Presence *presence;
  guint n;

  g_return_if_fail (LK_IS_SERVER_POOL (pool));
  g_return_if_fail (lora_name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_lora_presence_describe_async);

  n = g_list_model_get_n_items (G_LIST_MODEL (pool));
  if (n == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  presence = g_new0 (Presence, 1);
  presence->lora_name = g_strdup (lora_name);
  presence->lines = g_ptr_array_new_full (n + 1, g_free);
  g_ptr_array_set_size (presence->lines, n);
  presence->pending = n;
  g_task_set_task_data (task, presence, (GDestroyNotify)presence_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkComfyClient) client = g_list_model_get_item (G_LIST_MODEL (pool), i);
      ServerQuery *query = g_new0 (ServerQuery, 1);

      query->task = g_object_ref (task);
      query->index = i;
      lk_comfy_client_get_object_info_async (client, FALSE, cancellable, object_info_cb, query);
    }
}

char *
lk_lora_presence_describe_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
