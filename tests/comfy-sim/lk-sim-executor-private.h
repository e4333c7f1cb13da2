/* lk-sim-executor-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-sim-private.h"
#include "lk-sim-exec-list.h"
#include "lk-sim-nodes.h"

G_BEGIN_DECLS

typedef void (*Continuation) (LkSimExecutor *ex);

typedef enum
{
  TARGETED,                /* the submitter only, nothing without a client_id */
  TARGETED_OR_BROADCAST,   /* the submitter, or everyone without a client_id */
} Routing;

typedef struct
{
  GPtrArray *outputs;
  JsonNode  *ui;
} CacheEntry;

typedef struct
{
  const char *state;
  JsonNode   *value;
  JsonNode   *max;
} Progress;

typedef struct
{
  LkSimQueueItem  *item;            /* borrowed: the queue's running item */
  gboolean         has_client;
  char            *client_sid;      /* NULL when client_id is not a string */
  JsonArray       *messages;
  GHashTable      *signatures;      /* id → hex input signature */
  GHashTable      *cached;          /* ids whose outputs are cached */
  GHashTable      *values;          /* id → GPtrArray of outputs */
  LkSimExecList   *list;
  GPtrArray       *executed;
  GPtrArray       *progress_order;
  GHashTable      *progress;        /* id → Progress */
  char            *node_id;         /* the node in progress */
  LkSimNodeCall    call;
  LkSimNodeResult  result;
  int              step;
  gboolean         dropped;
} Run;

struct _LkSimExecutor
{
  LkComfySim   *sim;                /* borrowed: the simulator owns the executor */
  GHashTable   *cache;              /* signature → CacheEntry */
  GHashTable   *preview_prefixes;   /* node id → PreviewImage prefix */
  Run          *run;
  GSource      *source;
  Continuation  next;
  Continuation  stalled_at;
  GCancellable *cancellable;
  gint         *writers;            /* shared with the worker threads */
  gboolean      interrupted;
  char         *last_node;
};

void        _lk_sim_ex_emit             (LkSimExecutor *ex,
                                         Routing        routing,
                                         const char    *type,
                                         JsonNode      *data);
void        _lk_sim_ex_add_message      (LkSimExecutor *ex,
                                         const char    *event,
                                         JsonObject    *data,
                                         gboolean       broadcast);
JsonObject *_lk_sim_ex_prompt_data      (LkSimExecutor *ex);
void        _lk_sim_ex_set_progress     (LkSimExecutor *ex,
                                         const char    *id,
                                         const char    *state,
                                         JsonNode      *value,
                                         JsonNode      *max);
void        _lk_sim_ex_finish_progress  (LkSimExecutor *ex,
                                         const char    *id);
void        _lk_sim_ex_send_executed    (LkSimExecutor *ex,
                                         const char    *id,
                                         JsonNode      *ui);
void        _lk_sim_ex_send_preview     (LkSimExecutor *ex);
gboolean    _lk_sim_ex_previews_enabled (LkSimExecutor *ex);
JsonObject *_lk_sim_ex_history_entry    (LkSimExecutor *ex,
                                         gboolean       success);
const char *_lk_sim_ex_signature_of     (LkSimExecutor *ex,
                                         const char    *id,
                                         GHashTable    *visiting);

G_END_DECLS
