/* lk-sim-queue.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-queue"

#include "config.h"

#include <string.h>

#include "lk-sim-json.h"
#include "lk-sim-queue.h"

#define MAXIMUM_HISTORY_SIZE 10000

static const char * const sensitive_keys[] = { "auth_token_comfy_org", "api_key_comfy_org", NULL };

struct _LkSimQueue
{
  GPtrArray      *heap;      /* LkSimQueueItem, in heapq order */
  LkSimQueueItem *running;
  GHashTable     *history;   /* prompt id → JsonObject */
  GQueue          order;     /* prompt ids, oldest first */
};

/**
 * lk_sim_queue_item_new:
 * @number: (transfer full): the priority number node
 * @prompt_id: the prompt id
 * @prompt: (transfer full): the validated graph
 * @extra_data: (transfer full): extra_data with client_id
 * @outputs: (transfer full): the output ids to execute
 *
 * Returns: (transfer full): a queue item
 */
LkSimQueueItem *
lk_sim_queue_item_new (JsonNode   *number,
                       const char *prompt_id,
                       JsonObject *prompt,
                       JsonObject *extra_data,
                       GPtrArray  *outputs)
{
  LkSimQueueItem *item = g_new0 (LkSimQueueItem, 1);

  item->number = number;
  item->prompt_id = g_strdup (prompt_id);
  item->prompt = prompt;
  item->extra_data = extra_data;
  item->outputs = outputs;
  return item;
}

void
lk_sim_queue_item_free (LkSimQueueItem *item)
{
  if (item == NULL)
    return;

  json_node_unref (item->number);
  g_free (item->prompt_id);
  json_object_unref (item->prompt);
  json_object_unref (item->extra_data);
  g_ptr_array_unref (item->outputs);
  g_free (item);
}

/**
 * lk_sim_queue_item_to_json:
 * @item: a queue item
 * @strip_sensitive: leave the API-node credentials out of extra_data, as history does
 *
 * Returns: (transfer full): the 5-element tuple
 */
JsonNode *
lk_sim_queue_item_to_json (LkSimQueueItem *item,
                           gboolean        strip_sensitive)
{
  JsonArray *tuple = json_array_new ();
  JsonArray *outputs = json_array_new ();
  JsonObject *extra = json_object_ref (item->extra_data);

  if (strip_sensitive)
    {
      GList *names = json_object_get_members (item->extra_data);

      json_object_unref (extra);
      extra = json_object_new ();
      for (GList *l = names; l; l = l->next)
        if (!g_strv_contains (sensitive_keys, l->data))
          {
            JsonNode *value = json_object_get_member (item->extra_data, l->data);

            json_object_set_member (extra, l->data, json_node_ref (value));
          }
      g_list_free (names);
    }

  for (guint i = 0; i < item->outputs->len; i++)
    json_array_add_string_element (outputs, g_ptr_array_index (item->outputs, i));

  json_array_add_element (tuple, json_node_ref (item->number));
  json_array_add_string_element (tuple, item->prompt_id);
  json_array_add_object_element (tuple, json_object_ref (item->prompt));
  json_array_add_object_element (tuple, extra);
  json_array_add_array_element (tuple, outputs);
  return lk_sim_json_array_node (tuple);
}

static double
number_value (JsonNode *number)
{
  return json_node_get_value_type (number) == G_TYPE_INT64 ? (double)json_node_get_int (number)
                                                           : json_node_get_double (number);
}

/* Python's tuple comparison (number, prompt_id, …) */
static gboolean
item_less (LkSimQueueItem *a,
           LkSimQueueItem *b)
{
  double na = number_value (a->number), nb = number_value (b->number);

  if (na != nb)
    return na < nb;
  return strcmp (a->prompt_id, b->prompt_id) < 0;
}

#define HEAP(i) ((LkSimQueueItem *)g_ptr_array_index (heap, (i)))

static void
sift_down (GPtrArray *heap,
           guint      start,
           guint      pos)
{
  LkSimQueueItem *item = HEAP (pos);

  while (pos > start)
    {
      guint parent = (pos - 1) >> 1;

      if (!item_less (item, HEAP (parent)))
        break;
      heap->pdata[pos] = heap->pdata[parent];
      pos = parent;
    }
  heap->pdata[pos] = item;
}

static void
sift_up (GPtrArray *heap,
         guint      pos)
{
  guint end = heap->len, start = pos, child = 2 * pos + 1;
  LkSimQueueItem *item = HEAP (pos);

  while (child < end)
    {
      guint right = child + 1;

      if (right < end && !item_less (HEAP (child), HEAP (right)))
        child = right;
      heap->pdata[pos] = heap->pdata[child];
      pos = child;
      child = 2 * pos + 1;
    }
  heap->pdata[pos] = item;
  sift_down (heap, start, pos);
}

LkSimQueue *
lk_sim_queue_new (void)
{
  LkSimQueue *self = g_new0 (LkSimQueue, 1);

  self->heap = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_sim_queue_item_free);
  self->history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)json_object_unref);
  g_queue_init (&self->order);
  return self;
}

/**
 * lk_sim_queue_reset:
 * @self: a queue
 *
 * Forgets everything, as a restarted server does.
 */
void
lk_sim_queue_reset (LkSimQueue *self)
{
  g_ptr_array_set_size (self->heap, 0);
  g_clear_pointer (&self->running, lk_sim_queue_item_free);
  lk_sim_queue_clear_history (self);
}

void
lk_sim_queue_free (LkSimQueue *self)
{
  if (self == NULL)
    return;

  lk_sim_queue_reset (self);
  g_ptr_array_unref (self->heap);
  g_hash_table_unref (self->history);
  g_free (self);
}

/* heapq.heappush */
void
lk_sim_queue_push (LkSimQueue     *self,
                   LkSimQueueItem *item)
{
  g_ptr_array_add (self->heap, item);
  sift_down (self->heap, 0, self->heap->len - 1);
}

/**
 * lk_sim_queue_take:
 * @self: a queue
 *
 * heapq.heappop, and the item becomes the running one.
 *
 * Returns: (transfer none) (nullable): the running item, or %NULL if nothing is pending
 */
LkSimQueueItem *
lk_sim_queue_take (LkSimQueue *self)
{
  GPtrArray *heap = self->heap;
  LkSimQueueItem *last, *first;

  g_return_val_if_fail (self->running == NULL, NULL);

  if (heap->len == 0)
    return NULL;

  last = g_ptr_array_steal_index (heap, heap->len - 1);
  if (heap->len == 0)
    first = last;
  else
    {
      first = HEAP (0);
      heap->pdata[0] = last;
      sift_up (heap, 0);
    }

  self->running = first;
  return first;
}

LkSimQueueItem *
lk_sim_queue_get_running (LkSimQueue *self)
{
  return self->running;
}

/**
 * lk_sim_queue_steal_running:
 * @self: a queue
 *
 * Returns: (transfer full) (nullable): the running item, which is no longer running
 */
LkSimQueueItem *
lk_sim_queue_steal_running (LkSimQueue *self)
{
  return g_steal_pointer (&self->running);
}

guint
lk_sim_queue_n_pending (LkSimQueue *self)
{
  return self->heap->len;
}

/* queue_remaining: pending plus running */
guint
lk_sim_queue_remaining (LkSimQueue *self)
{
  return self->heap->len + (self->running ? 1 : 0);
}

/**
 * lk_sim_queue_delete:
 * @self: a queue
 * @prompt_id: a pending prompt
 * @wiped: (out): whether this removed the last pending item (ComfyUI then reports the change
 *   twice)
 *
 * Removes one pending prompt and re-heapifies, as delete_queue_item() does.
 *
 * Returns: %TRUE if it was pending
 */
gboolean
lk_sim_queue_delete (LkSimQueue *self,
                     const char *prompt_id,
                     gboolean   *wiped)
{
  GPtrArray *heap = self->heap;

  *wiped = FALSE;
  for (guint i = 0; i < heap->len; i++)
    if (strcmp (HEAP (i)->prompt_id, prompt_id) == 0)
      {
        if (heap->len == 1)
          *wiped = TRUE;
        g_ptr_array_remove_index (heap, i);
        for (guint j = heap->len / 2; j-- > 0; )
          sift_up (heap, j);
        return TRUE;
      }
  return FALSE;
}

void
lk_sim_queue_clear (LkSimQueue *self)
{
  g_ptr_array_set_size (self->heap, 0);
}

/**
 * lk_sim_queue_to_json:
 * @self: a queue
 *
 * Returns: (transfer full): the body of GET /queue; queue_pending is the raw heap array
 */
JsonNode *
lk_sim_queue_to_json (LkSimQueue *self)
{
  JsonObject *body = json_object_new ();
  JsonArray *running = json_array_new ();
  JsonArray *pending = json_array_new ();

  if (self->running)
    json_array_add_element (running, lk_sim_queue_item_to_json (self->running, FALSE));
  for (guint i = 0; i < self->heap->len; i++)
    json_array_add_element (pending, lk_sim_queue_item_to_json (self->heap->pdata[i], FALSE));

  json_object_set_array_member (body, "queue_running", running);
  json_object_set_array_member (body, "queue_pending", pending);
  return lk_sim_json_object_node (body);
}

/**
 * lk_sim_queue_add_history:
 * @self: a queue
 * @prompt_id: the finished prompt
 * @entry: (transfer full): its history entry
 */
void
lk_sim_queue_add_history (LkSimQueue *self,
                          const char *prompt_id,
                          JsonObject *entry)
{
  if (g_hash_table_size (self->history) > MAXIMUM_HISTORY_SIZE)
    {
      char *oldest = g_queue_pop_head (&self->order);

      g_hash_table_remove (self->history, oldest);
      g_free (oldest);
    }

  if (!g_hash_table_contains (self->history, prompt_id))
    g_queue_push_tail (&self->order, g_strdup (prompt_id));
  g_hash_table_replace (self->history, g_strdup (prompt_id), entry);
}

/**
 * lk_sim_queue_history:
 * @self: a queue
 * @prompt_id: (nullable): one prompt, or %NULL for the list
 * @max_items: the number of items, or -1 for all
 * @offset: the number of oldest items to skip, or -1 for "the newest @max_items"
 *
 * Returns: (transfer full): the body of GET /history or /history/{id}
 */
JsonNode *
lk_sim_queue_history (LkSimQueue *self,
                      const char *prompt_id,
                      gint64      max_items,
                      gint64      offset)
{
  JsonObject *out = json_object_new ();
  gint64 i = 0;

  if (prompt_id != NULL)
    {
      JsonObject *entry = g_hash_table_lookup (self->history, prompt_id);

      if (entry)
        json_object_set_object_member (out, prompt_id, json_object_ref (entry));
      return lk_sim_json_object_node (out);
    }

  if (offset < 0 && max_items >= 0)
    offset = (gint64)g_queue_get_length (&self->order) - max_items;

  for (GList *l = self->order.head; l; l = l->next, i++)
    if (i >= offset)
      {
        JsonObject *entry = g_hash_table_lookup (self->history, l->data);

        json_object_set_object_member (out, l->data, json_object_ref (entry));
        if (max_items >= 0 && (gint64)json_object_get_size (out) >= max_items)
          break;
      }

  return lk_sim_json_object_node (out);
}

void
lk_sim_queue_delete_history (LkSimQueue *self,
                             const char *prompt_id)
{
  GList *link = g_queue_find_custom (&self->order, prompt_id, (GCompareFunc)g_strcmp0);

  if (link == NULL)
    return;

  g_free (link->data);
  g_queue_delete_link (&self->order, link);
  g_hash_table_remove (self->history, prompt_id);
}

void
lk_sim_queue_clear_history (LkSimQueue *self)
{
  g_queue_clear_full (&self->order, g_free);
  g_hash_table_remove_all (self->history);
}
