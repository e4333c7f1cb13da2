/* lk-comfy-event.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LkComfyEventType:
 * @LK_COMFY_EVENT_UNKNOWN: a message type Lorakeet does not use (`logs`, custom nodes'…)
 * @LK_COMFY_EVENT_STATUS: the server's queue changed; `queue_remaining` is pending + running
 * @LK_COMFY_EVENT_EXECUTION_START: a prompt started
 * @LK_COMFY_EVENT_EXECUTION_CACHED: nodes whose results are reused (`nodes`)
 * @LK_COMFY_EVENT_EXECUTING: a node started (`node`), or with `node` %NULL the end marker:
 *   the prompt is over (success, error or interrupt) and its history is written
 * @LK_COMFY_EVENT_PROGRESS: step `value` of `max` of `node`
 * @LK_COMFY_EVENT_PROGRESS_STATE: the state of every node run so far (`node_states`)
 * @LK_COMFY_EVENT_EXECUTED: a node finished with output files (`outputs`)
 * @LK_COMFY_EVENT_EXECUTION_SUCCESS: the prompt succeeded (its history is not written yet)
 * @LK_COMFY_EVENT_EXECUTION_ERROR: a node failed (`node`, `node_type`, `exception_*`,
 *   `traceback`)
 * @LK_COMFY_EVENT_EXECUTION_INTERRUPTED: the prompt was stopped
 * @LK_COMFY_EVENT_FEATURE_FLAGS: the server's answer to the client's feature flags
 * @LK_COMFY_EVENT_PREVIEW: a binary preview frame (`image`, `image_mime`)
 * @LK_COMFY_EVENT_PROGRESS_TEXT: a binary text frame (`node`, `text`)
 *
 * The messages of ComfyUI's `/ws` WebSocket.
 */
typedef enum
{
  LK_COMFY_EVENT_UNKNOWN,
  LK_COMFY_EVENT_STATUS,
  LK_COMFY_EVENT_EXECUTION_START,
  LK_COMFY_EVENT_EXECUTION_CACHED,
  LK_COMFY_EVENT_EXECUTING,
  LK_COMFY_EVENT_PROGRESS,
  LK_COMFY_EVENT_PROGRESS_STATE,
  LK_COMFY_EVENT_EXECUTED,
  LK_COMFY_EVENT_EXECUTION_SUCCESS,
  LK_COMFY_EVENT_EXECUTION_ERROR,
  LK_COMFY_EVENT_EXECUTION_INTERRUPTED,
  LK_COMFY_EVENT_FEATURE_FLAGS,
  LK_COMFY_EVENT_PREVIEW,
  LK_COMFY_EVENT_PROGRESS_TEXT,
} LkComfyEventType;

#define LK_TYPE_COMFY_EVENT_TYPE (lk_comfy_event_type_get_type ())
GType lk_comfy_event_type_get_type (void) G_GNUC_CONST;

/**
 * LkComfyNodeState:
 * @node: the node id
 * @value: steps done
 * @max: steps in all
 * @finished: whether the node is done
 *
 * One node of a `progress_state` message.
 */
typedef struct
{
  char     *node;
  double    value;
  double    max;
  gboolean  finished;
} LkComfyNodeState;

/**
 * LkComfyEvent:
 * @type: what happened
 * @type_name: the message's `type` as sent
 * @prompt_id: (nullable): the prompt it concerns
 * @node: (nullable): the node it concerns; %NULL in the end marker
 * @display_node: (nullable): the node the UI shows for it
 * @sid: (nullable): the session id (first `status` only)
 * @timestamp: server time in ms, 0 when absent
 * @queue_remaining: `status`: pending + running prompts; -1 when absent
 * @value: `progress`: steps done
 * @max: `progress`: steps in all
 * @nodes: (nullable): `execution_cached`: the cached node ids
 * @node_states: (nullable) (element-type LkComfyNodeState): `progress_state`
 * @outputs: (nullable) (element-type LkComfyOutput): `executed`: the files reported
 * @node_type: (nullable): `execution_error`/`_interrupted`: the node's class
 * @exception_type: (nullable): `execution_error`: the Python exception type
 * @exception_message: (nullable): `execution_error`: its text
 * @traceback: (nullable): `execution_error`: the traceback, one string
 * @image: (nullable): `preview`: the encoded image
 * @image_mime: (nullable): `preview`: `image/jpeg` or `image/png`
 * @text: (nullable): `progress_text`
 * @data: (nullable): the message's `data` object, for what is not parsed
 * @received_us: g_get_monotonic_time() when the frame arrived
 *
 * One WebSocket message, parsed. Read-only once made; shared by reference.
 */
typedef struct
{
  LkComfyEventType  type;
  char             *type_name;
  char             *prompt_id;
  char             *node;
  char             *display_node;
  char             *sid;
  gint64            timestamp;
  int               queue_remaining;
  double            value;
  double            max;
  GStrv             nodes;
  GPtrArray        *node_states;
  GPtrArray        *outputs;
  char             *node_type;
  char             *exception_type;
  char             *exception_message;
  char             *traceback;
  GBytes           *image;
  char             *image_mime;
  char             *text;
  JsonNode         *data;
  gint64            received_us;

  /*< private >*/
  gatomicrefcount   ref_count;
} LkComfyEvent;

#define LK_TYPE_COMFY_EVENT (lk_comfy_event_get_type ())

GType         lk_comfy_event_get_type          (void) G_GNUC_CONST;
LkComfyEvent *lk_comfy_event_ref               (LkComfyEvent *event);
void          lk_comfy_event_unref             (LkComfyEvent *event);
LkComfyEvent *lk_comfy_event_parse_text        (const char   *text,
                                                gsize         length,
                                                GError      **error);
LkComfyEvent *lk_comfy_event_parse_json        (JsonNode     *root,
                                                GError      **error);
LkComfyEvent *lk_comfy_event_parse_binary      (GBytes       *frame,
                                                GError      **error);
gboolean      lk_comfy_event_is_end_marker     (const LkComfyEvent *event);
char         *lk_comfy_event_build_feature_flags (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkComfyEvent, lk_comfy_event_unref)

G_END_DECLS
