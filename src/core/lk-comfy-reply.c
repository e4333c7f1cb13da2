/* lk-comfy-reply.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Parsing of ComfyUI's HTTP answers: `/history`, `/queue`, `/system_stats` and a successful
 * `POST /prompt`. Shapes differ between server versions (see the protocol notes); everything is
 * optional and unknown members are ignored. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-json.h"
#include "lk-comfy-output.h"
#include "lk-comfy-reply.h"

static gboolean
fail_shape (GError     **error,
            const char  *what)
{
  g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
               _("The server’s answer to %s has an unexpected shape"), what);
  return FALSE;
}

/* extra_data → (client_id, extra_pnginfo.lorakeet.job) */
static void
read_extra_data (JsonNode  *node,
                 char     **client_id,
                 char     **job_tag)
{
  JsonObject *extra;
  JsonObject *tag;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  extra = json_node_get_object (node);
  *client_id = lk_comfy_json_dup_id (extra, "client_id");
  tag = lk_comfy_json_get_object (lk_comfy_json_get_object (extra, "extra_pnginfo"),
                                  LK_COMFY_JOB_TAG_KEY);
  *job_tag = g_strdup (lk_comfy_json_get_string (tag, "job"));
}

/**
 * lk_comfy_history_entry_free:
 * @entry: (transfer full): an entry
 */
void
lk_comfy_history_entry_free (LkComfyHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->prompt_id);
  g_free (entry->status_str);
  g_clear_pointer (&entry->outputs, g_ptr_array_unref);
  g_clear_pointer (&entry->error_event, lk_comfy_event_unref);
  g_free (entry->client_id);
  g_free (entry->job_tag);
  g_free (entry);
}

static LkComfyEvent *
message_to_event (const char *name,
                  JsonNode   *data)
{
  g_autoptr(JsonObject) message = json_object_new ();
  g_autoptr(JsonNode) root = NULL;

  json_object_set_string_member (message, "type", name);
  json_object_set_member (message, "data", json_node_ref (data));
  root = json_node_init_object (json_node_alloc (), message);

  return lk_comfy_event_parse_json (root, NULL);
}

static void
read_status (LkComfyHistoryEntry *entry,
             JsonObject          *status)
{
  JsonArray *messages = lk_comfy_json_get_array (status, "messages");
  JsonNode *completed = json_object_get_member (status, "completed");
  gboolean failed = FALSE;

  entry->status_str = g_strdup (lk_comfy_json_get_string (status, "status_str"));
  if (completed != NULL && JSON_NODE_HOLDS_VALUE (completed)
      && json_node_get_value_type (completed) == G_TYPE_BOOLEAN)
    entry->completed = json_node_get_boolean (completed);

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonNode *pair_node = json_array_get_element (messages, i);
      JsonArray *pair;
      JsonNode *name_node;
      const char *name;

      if (!JSON_NODE_HOLDS_ARRAY (pair_node))
        continue;

      pair = json_node_get_array (pair_node);
      if (json_array_get_length (pair) < 2)
        continue;

      name_node = json_array_get_element (pair, 0);
      if (!JSON_NODE_HOLDS_VALUE (name_node) || json_node_get_value_type (name_node) != G_TYPE_STRING)
        continue;

      name = json_node_get_string (name_node);
      if (g_str_equal (name, "execution_error") || g_str_equal (name, "execution_interrupted"))
        {
          g_clear_pointer (&entry->error_event, lk_comfy_event_unref);
          entry->error_event = message_to_event (name, json_array_get_element (pair, 1));
          failed = TRUE;
          if (g_str_equal (name, "execution_interrupted"))
            entry->interrupted = TRUE;
        }
    }

  if (entry->status_str != NULL)
    entry->succeeded = g_str_equal (entry->status_str, "success") && !failed;
  else
    entry->succeeded = !failed;
}

static LkComfyHistoryEntry *
parse_entry (const char *prompt_id,
             JsonObject *object)
{
  LkComfyHistoryEntry *entry = g_new0 (LkComfyHistoryEntry, 1);
  JsonArray *prompt = lk_comfy_json_get_array (object, "prompt");
  JsonObject *outputs = lk_comfy_json_get_object (object, "outputs");
  JsonObject *status = lk_comfy_json_get_object (object, "status");

  entry->prompt_id = g_strdup (prompt_id);
  entry->outputs = g_ptr_array_new_with_free_func (g_object_unref);

  if (prompt != NULL && json_array_get_length (prompt) > 3)
    read_extra_data (json_array_get_element (prompt, 3), &entry->client_id, &entry->job_tag);

  if (outputs != NULL)
    {
      GList *members = json_object_get_members (outputs);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autoptr(GPtrArray) files = NULL;

          files = lk_comfy_outputs_from_ui (l->data, lk_comfy_json_get_object (outputs, l->data));
          g_ptr_array_extend_and_steal (entry->outputs, g_steal_pointer (&files));
        }
      g_list_free (members);
    }

  if (status != NULL)
    {
      read_status (entry, status);
    }
  else
    {
      /* before 2024 there was no status: an entry meant the prompt had finished */
      entry->completed = TRUE;
      entry->succeeded = TRUE;
    }

  return entry;
}

/**
 * lk_comfy_history_parse:
 * @root: the answer to `GET /history/{id}` or `GET /history?max_items=N`
 * @error: return location for a #GError
 *
 * Reads history entries. `{}` (an unknown or unfinished prompt) gives an empty array.
 *
 * Returns: (transfer full) (element-type LkComfyHistoryEntry): the entries, oldest first, or
 *   %NULL with @error set
 */
GPtrArray *
lk_comfy_history_parse (JsonNode  *root,
                        GError   **error)
{
  GPtrArray *entries;
  JsonObject *object;
  GList *members;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_shape (error, "/history");
      return NULL;
    }

  object = json_node_get_object (root);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_comfy_history_entry_free);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *entry = lk_comfy_json_get_object (object, l->data);

      if (entry != NULL)
        g_ptr_array_add (entries, parse_entry (l->data, entry));
    }
  g_list_free (members);

  return entries;
}

/**
 * lk_comfy_history_find:
 * @entries: (element-type LkComfyHistoryEntry): parsed entries
 * @prompt_id: (nullable): a prompt id
 * @job_tag: (nullable): a Lorakeet job id, for servers that chose their own prompt id
 *
 * Returns: (transfer none) (nullable): the entry with that prompt id, else the newest one
 *   tagged with @job_tag
 */
LkComfyHistoryEntry *
lk_comfy_history_find (GPtrArray  *entries,
                       const char *prompt_id,
                       const char *job_tag)
{
  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; prompt_id != NULL && i < entries->len; i++)
    {
      LkComfyHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->prompt_id, prompt_id) == 0)
        return entry;
    }

  for (guint i = entries->len; job_tag != NULL && i > 0; i--)
    {
      LkComfyHistoryEntry *entry = g_ptr_array_index (entries, i - 1);

      if (g_strcmp0 (entry->job_tag, job_tag) == 0)
        return entry;
    }

  return NULL;
}

static void
queue_item_free (gpointer data)
{
  LkComfyQueueItem *item = data;

  g_free (item->prompt_id);
  g_free (item->client_id);
  g_free (item->job_tag);
  g_free (item);
}

/**
 * lk_comfy_queue_free:
 * @queue: (transfer full): a queue
 */
void
lk_comfy_queue_free (LkComfyQueue *queue)
{
  if (queue == NULL)
    return;

  g_clear_pointer (&queue->running, g_ptr_array_unref);
  g_clear_pointer (&queue->pending, g_ptr_array_unref);
  g_free (queue);
}

static void
parse_queue_list (GPtrArray *into,
                  JsonArray *list)
{
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *tuple_node = json_array_get_element (list, i);
      LkComfyQueueItem *item;
      JsonArray *tuple;
      char *prompt_id;

      if (!JSON_NODE_HOLDS_ARRAY (tuple_node))
        continue;

      /* [number, prompt_id, prompt, extra_data, outputs_to_execute, …]: read 0–4 only */
      tuple = json_node_get_array (tuple_node);
      if (json_array_get_length (tuple) < 2
          || !(prompt_id = lk_comfy_json_node_dup_id (json_array_get_element (tuple, 1))))
        continue;

      item = g_new0 (LkComfyQueueItem, 1);
      item->prompt_id = prompt_id;
      lk_comfy_json_node_get_number (json_array_get_element (tuple, 0), &item->number);
      if (json_array_get_length (tuple) > 3)
        read_extra_data (json_array_get_element (tuple, 3), &item->client_id, &item->job_tag);
      g_ptr_array_add (into, item);
    }
}

static int
compare_queue_items (gconstpointer a,
                     gconstpointer b)
{
  const LkComfyQueueItem *item_a = *(LkComfyQueueItem * const *) a;
  const LkComfyQueueItem *item_b = *(LkComfyQueueItem * const *) b;

  /* the server's heap order: (number, prompt_id) */
  if (item_a->number != item_b->number)
    return item_a->number < item_b->number ? -1 : 1;

  return strcmp (item_a->prompt_id, item_b->prompt_id);
}

/**
 * lk_comfy_queue_parse:
 * @root: the answer to `GET /queue`
 * @error: return location for a #GError
 *
 * Reads the queue. `queue_pending` comes in heap order; it is sorted here into the order the
 * server will run it.
 *
 * Returns: (transfer full) (nullable): the queue, or %NULL with @error set
 */
LkComfyQueue *
lk_comfy_queue_parse (JsonNode  *root,
                      GError   **error)
{
  LkComfyQueue *queue;
  JsonObject *object;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_shape (error, "/queue");
      return NULL;
    }

  object = json_node_get_object (root);
  queue = g_new0 (LkComfyQueue, 1);
  queue->running = g_ptr_array_new_with_free_func (queue_item_free);
  queue->pending = g_ptr_array_new_with_free_func (queue_item_free);
  parse_queue_list (queue->running, lk_comfy_json_get_array (object, "queue_running"));
  parse_queue_list (queue->pending, lk_comfy_json_get_array (object, "queue_pending"));
  g_ptr_array_sort (queue->pending, compare_queue_items);

  return queue;
}

static gboolean
item_matches (LkComfyQueueItem *item,
              const char       *prompt_id,
              const char       *job_tag)
{
  return (prompt_id != NULL && g_str_equal (item->prompt_id, prompt_id))
         || (job_tag != NULL && g_strcmp0 (item->job_tag, job_tag) == 0);
}

/**
 * lk_comfy_queue_position:
 * @queue: a queue
 * @prompt_id: (nullable): a prompt id
 * @job_tag: (nullable): a Lorakeet job id, for servers that chose their own prompt id
 * @found_prompt_id: (out) (optional) (transfer none): the prompt id of the entry found
 *
 * Returns: 0 if the prompt is running, its place (1 = next) if it waits, -1 if it is not in
 *   the queue
 */
int
lk_comfy_queue_position (LkComfyQueue  *queue,
                         const char    *prompt_id,
                         const char    *job_tag,
                         const char   **found_prompt_id)
{
  g_return_val_if_fail (queue != NULL, -1);

  for (guint i = 0; i < queue->running->len; i++)
    {
      LkComfyQueueItem *item = g_ptr_array_index (queue->running, i);

      if (item_matches (item, prompt_id, job_tag))
        {
          if (found_prompt_id)
            *found_prompt_id = item->prompt_id;
          return 0;
        }
    }

  for (guint i = 0; i < queue->pending->len; i++)
    {
      LkComfyQueueItem *item = g_ptr_array_index (queue->pending, i);

      if (item_matches (item, prompt_id, job_tag))
        {
          if (found_prompt_id)
            *found_prompt_id = item->prompt_id;
          return (int) i + 1;
        }
    }

  return -1;
}

/**
 * lk_comfy_system_stats_free:
 * @stats: (transfer full): stats
 */
void
lk_comfy_system_stats_free (LkComfySystemStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->os);
  g_free (stats->comfyui_version);
  g_free (stats->python_version);
  g_free (stats->pytorch_version);
  g_free (stats->gpu_name);
  g_free (stats->gpu_type);
  g_free (stats);
}

/**
 * lk_comfy_system_stats_parse:
 * @root: the answer to `GET /system_stats`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stats, or %NULL with @error set
 */
LkComfySystemStats *
lk_comfy_system_stats_parse (JsonNode  *root,
                             GError   **error)
{
  LkComfySystemStats *stats;
  JsonObject *system;
  JsonArray *devices;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_shape (error, "/system_stats");
      return NULL;
    }

  system = lk_comfy_json_get_object (json_node_get_object (root), "system");
  devices = lk_comfy_json_get_array (json_node_get_object (root), "devices");

  stats = g_new0 (LkComfySystemStats, 1);
  stats->os = g_strdup (lk_comfy_json_get_string (system, "os"));
  stats->comfyui_version = g_strdup (lk_comfy_json_get_string (system, "comfyui_version"));
  stats->python_version = g_strdup (lk_comfy_json_get_string (system, "python_version"));
  stats->pytorch_version = g_strdup (lk_comfy_json_get_string (system, "pytorch_version"));
  stats->ram_total = lk_comfy_json_get_int (system, "ram_total", -1);
  stats->ram_free = lk_comfy_json_get_int (system, "ram_free", -1);
  stats->vram_total = -1;
  stats->vram_free = -1;

  /* the primary device comes first */
  if (devices != NULL && json_array_get_length (devices) > 0
      && JSON_NODE_HOLDS_OBJECT (json_array_get_element (devices, 0)))
    {
      JsonObject *device = json_node_get_object (json_array_get_element (devices, 0));

      stats->gpu_name = g_strdup (lk_comfy_json_get_string (device, "name"));
      stats->gpu_type = g_strdup (lk_comfy_json_get_string (device, "type"));
      stats->vram_total = lk_comfy_json_get_int (device, "vram_total", -1);
      stats->vram_free = lk_comfy_json_get_int (device, "vram_free", -1);
    }

  return stats;
}

/**
 * lk_comfy_prompt_reply_free:
 * @reply: (transfer full): a reply
 */
void
lk_comfy_prompt_reply_free (LkComfyPromptReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->prompt_id);
  g_clear_pointer (&reply->node_errors, json_node_unref);
  g_free (reply);
}

/**
 * lk_comfy_prompt_reply_parse:
 * @root: a `200` answer to `POST /prompt`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the reply, or %NULL with @error set when it names no
 *   prompt id
 */
LkComfyPromptReply *
lk_comfy_prompt_reply_parse (JsonNode  *root,
                             GError   **error)
{
  g_autofree char *prompt_id = NULL;
  LkComfyPromptReply *reply;
  JsonObject *object;
  JsonNode *node_errors;

  g_return_val_if_fail (root != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (root))
    prompt_id = lk_comfy_json_dup_id (json_node_get_object (root), "prompt_id");

  if (prompt_id == NULL || *prompt_id == '\0')
    {
      fail_shape (error, "/prompt");
      return NULL;
    }

  object = json_node_get_object (root);
  reply = g_new0 (LkComfyPromptReply, 1);
  reply->prompt_id = g_steal_pointer (&prompt_id);
  lk_comfy_json_get_number (object, "number", &reply->number);

  node_errors = json_object_get_member (object, "node_errors");
  if (node_errors != NULL && JSON_NODE_HOLDS_OBJECT (node_errors)
      && json_object_get_size (json_node_get_object (node_errors)) > 0)
    reply->node_errors = json_node_ref (node_errors);

  return reply;
}
