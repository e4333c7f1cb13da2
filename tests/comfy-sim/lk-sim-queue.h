/* lk-sim-queue.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One queued prompt: the tuple (number, prompt_id, prompt, extra_data, outputs_to_execute). */
typedef struct
{
  JsonNode   *number;       /* an int, or a float when the client chose it */
  char       *prompt_id;
  JsonObject *prompt;
  JsonObject *extra_data;
  GPtrArray  *outputs;
} LkSimQueueItem;

LkSimQueueItem *lk_sim_queue_item_new     (JsonNode       *number,
                                           const char     *prompt_id,
                                           JsonObject     *prompt,
                                           JsonObject     *extra_data,
                                           GPtrArray      *outputs);
void            lk_sim_queue_item_free    (LkSimQueueItem *item);
JsonNode       *lk_sim_queue_item_to_json (LkSimQueueItem *item,
                                           gboolean        strip_sensitive);

/* PromptQueue: a heapq-ordered list of pending prompts, the running one, and the history. */
typedef struct _LkSimQueue LkSimQueue;

LkSimQueue     *lk_sim_queue_new            (void);
void            lk_sim_queue_free           (LkSimQueue     *self);
void            lk_sim_queue_reset          (LkSimQueue     *self);
void            lk_sim_queue_push           (LkSimQueue     *self,
                                             LkSimQueueItem *item);
LkSimQueueItem *lk_sim_queue_take           (LkSimQueue     *self);
LkSimQueueItem *lk_sim_queue_get_running    (LkSimQueue     *self);
LkSimQueueItem *lk_sim_queue_steal_running  (LkSimQueue     *self);
guint           lk_sim_queue_n_pending      (LkSimQueue     *self);
guint           lk_sim_queue_remaining      (LkSimQueue     *self);
gboolean        lk_sim_queue_delete         (LkSimQueue     *self,
                                             const char     *prompt_id,
                                             gboolean       *wiped);
void            lk_sim_queue_clear          (LkSimQueue     *self);
JsonNode       *lk_sim_queue_to_json        (LkSimQueue     *self);

void            lk_sim_queue_add_history    (LkSimQueue     *self,
                                             const char     *prompt_id,
                                             JsonObject     *entry);
JsonNode       *lk_sim_queue_history        (LkSimQueue     *self,
                                             const char     *prompt_id,
                                             gint64          max_items,
                                             gint64          offset);
void            lk_sim_queue_delete_history (LkSimQueue     *self,
                                             const char     *prompt_id);
void            lk_sim_queue_clear_history  (LkSimQueue     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimQueueItem, lk_sim_queue_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimQueue, lk_sim_queue_free)

G_END_DECLS
