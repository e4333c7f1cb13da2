/* lk-comfy-reply.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-event.h"

G_BEGIN_DECLS

/**
 * LK_COMFY_JOB_TAG_KEY:
 *
 * The `extra_pnginfo` key under which Lorakeet tags each submission with its job id
 * (`{"job": "<uuid>"}`). The server keeps it in the queue and the history, which finds a job
 * again on servers that ignore a client-chosen prompt id, and writes it into every PNG as a text
 * chunk, which says which job made a frame.
 */
#define LK_COMFY_JOB_TAG_KEY "lorakeet"

/**
 * LkComfyHistoryEntry:
 * @prompt_id: the prompt
 * @status_str: (nullable): `success` or `error`; %NULL on servers before 2024
 * @completed: the server's `completed` flag
 * @succeeded: whether the prompt ran to the end without error or interrupt
 * @interrupted: whether it was stopped
 * @outputs: (element-type LkComfyOutput): the files every node reported
 * @error_event: (nullable): the `execution_error` or `execution_interrupted` message
 * @client_id: (nullable): the `client_id` it was submitted with
 * @job_tag: (nullable): the Lorakeet job id it was tagged with
 *
 * One finished prompt in `/history`.
 */
typedef struct
{
  char         *prompt_id;
  char         *status_str;
  gboolean      completed;
  gboolean      succeeded;
  gboolean      interrupted;
  GPtrArray    *outputs;
  LkComfyEvent *error_event;
  char         *client_id;
  char         *job_tag;
} LkComfyHistoryEntry;

/**
 * LkComfyQueueItem:
 * @number: the queue priority
 * @prompt_id: the prompt
 * @client_id: (nullable): the `client_id` it was submitted with
 * @job_tag: (nullable): the Lorakeet job id it was tagged with
 *
 * One entry of `/queue`.
 */
typedef struct
{
  double  number;
  char   *prompt_id;
  char   *client_id;
  char   *job_tag;
} LkComfyQueueItem;

/**
 * LkComfyQueue:
 * @running: (element-type LkComfyQueueItem): what runs now
 * @pending: (element-type LkComfyQueueItem): what waits, in the order it will run
 *
 * The server's queue.
 */
typedef struct
{
  GPtrArray *running;
  GPtrArray *pending;
} LkComfyQueue;

/**
 * LkComfySystemStats:
 * @os: (nullable): `posix`, `nt`, or on newer servers `linux`, `win32`, `darwin`
 * @comfyui_version: (nullable): the server's version
 * @python_version: (nullable): its Python
 * @pytorch_version: (nullable): its PyTorch
 * @ram_total: bytes of RAM, -1 if unknown
 * @ram_free: bytes of free RAM, -1 if unknown
 * @gpu_name: (nullable): the primary device (`cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync`)
 * @gpu_type: (nullable): `cuda`, `mps`, `cpu`…
 * @vram_total: bytes of VRAM of the primary device, -1 if unknown
 * @vram_free: free bytes of VRAM, -1 if unknown
 *
 * What `/system_stats` says, for the server list.
 */
typedef struct
{
  char   *os;
  char   *comfyui_version;
  char   *python_version;
  char   *pytorch_version;
  gint64  ram_total;
  gint64  ram_free;
  char   *gpu_name;
  char   *gpu_type;
  gint64  vram_total;
  gint64  vram_free;
} LkComfySystemStats;

/**
 * LkComfyPromptReply:
 * @prompt_id: the id the server gave the prompt (may differ from the one asked for)
 * @number: its queue priority
 * @node_errors: (nullable): problems of outputs the server dropped, when it listed any
 *
 * A `200` answer to `POST /prompt`.
 */
typedef struct
{
  char     *prompt_id;
  double    number;
  JsonNode *node_errors;
} LkComfyPromptReply;

void                 lk_comfy_history_entry_free   (LkComfyHistoryEntry *entry);
GPtrArray           *lk_comfy_history_parse        (JsonNode            *root,
                                                    GError             **error);
LkComfyHistoryEntry *lk_comfy_history_find         (GPtrArray           *entries,
                                                    const char          *prompt_id,
                                                    const char          *job_tag);

void                 lk_comfy_queue_free           (LkComfyQueue        *queue);
LkComfyQueue        *lk_comfy_queue_parse          (JsonNode            *root,
                                                    GError             **error);
int                  lk_comfy_queue_position       (LkComfyQueue        *queue,
                                                    const char          *prompt_id,
                                                    const char          *job_tag,
                                                    const char         **found_prompt_id);

void                 lk_comfy_system_stats_free    (LkComfySystemStats  *stats);
LkComfySystemStats  *lk_comfy_system_stats_parse   (JsonNode            *root,
                                                    GError             **error);

void                 lk_comfy_prompt_reply_free    (LkComfyPromptReply  *reply);
LkComfyPromptReply  *lk_comfy_prompt_reply_parse   (JsonNode            *root,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkComfyHistoryEntry, lk_comfy_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkComfyQueue, lk_comfy_queue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkComfySystemStats, lk_comfy_system_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkComfyPromptReply, lk_comfy_prompt_reply_free)

G_END_DECLS
