/* lk-comfy-error.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_COMFY_ERROR (lk_comfy_error_quark ())

/**
 * LkComfyError:
 * @LK_COMFY_ERROR_UNREACHABLE: the server cannot be reached, or the connection was lost
 * @LK_COMFY_ERROR_FORBIDDEN: the server or a proxy in front of it refused access (401/403)
 * @LK_COMFY_ERROR_HTTP: the server answered with an unexpected HTTP status (500, 413…)
 * @LK_COMFY_ERROR_INVALID_RESPONSE: the server's answer cannot be understood
 * @LK_COMFY_ERROR_INVALID_URL: the server address is not an http(s) URL
 * @LK_COMFY_ERROR_VALIDATION: the server refused the workflow (HTTP 400)
 * @LK_COMFY_ERROR_MISSING_MODEL: a model file the workflow names (LoRA, checkpoint…) is not on
 *   the server
 * @LK_COMFY_ERROR_MISSING_NODE: a node type the workflow uses is not installed on the server
 * @LK_COMFY_ERROR_NO_OUTPUTS: the workflow has no output node
 * @LK_COMFY_ERROR_DUPLICATE: the server already knows this prompt id (HTTP 409)
 * @LK_COMFY_ERROR_EXECUTION: a node failed while the job ran
 * @LK_COMFY_ERROR_OUT_OF_MEMORY: the GPU ran out of memory while the job ran
 * @LK_COMFY_ERROR_INTERRUPTED: the job was stopped on the server
 * @LK_COMFY_ERROR_LOST: the server no longer knows the job (it restarted, or stayed unreachable)
 * @LK_COMFY_ERROR_NO_SERVER: no configured server is reachable
 * @LK_COMFY_ERROR_UNSAFE_NAME: a file name from the server cannot be used safely
 * @LK_COMFY_ERROR_OUTPUTS_DROPPED: the server accepted the job but dropped some of its outputs
 * @LK_COMFY_ERROR_BUSY: the job is not in a state that allows this (already submitted…)
 *
 * Errors of talking to ComfyUI. Messages are written for the artist; the server's own text
 * (traceback, HTTP body, `node_errors`) is kept as the job's error detail and logged.
 */
typedef enum
{
  LK_COMFY_ERROR_UNREACHABLE,
  LK_COMFY_ERROR_FORBIDDEN,
  LK_COMFY_ERROR_HTTP,
  LK_COMFY_ERROR_INVALID_RESPONSE,
  LK_COMFY_ERROR_INVALID_URL,
  LK_COMFY_ERROR_VALIDATION,
  LK_COMFY_ERROR_MISSING_MODEL,
  LK_COMFY_ERROR_MISSING_NODE,
  LK_COMFY_ERROR_NO_OUTPUTS,
  LK_COMFY_ERROR_DUPLICATE,
  LK_COMFY_ERROR_EXECUTION,
  LK_COMFY_ERROR_OUT_OF_MEMORY,
  LK_COMFY_ERROR_INTERRUPTED,
  LK_COMFY_ERROR_LOST,
  LK_COMFY_ERROR_NO_SERVER,
  LK_COMFY_ERROR_UNSAFE_NAME,
  LK_COMFY_ERROR_OUTPUTS_DROPPED,
  LK_COMFY_ERROR_BUSY,
} LkComfyError;

GQuark  lk_comfy_error_quark              (void);

GError *lk_comfy_error_from_node_errors   (JsonNode    *node_errors,
                                           JsonObject  *graph,
                                           char       **detail);
GError *lk_comfy_error_from_prompt_reply  (guint        http_status,
                                           JsonNode    *body,
                                           JsonObject  *graph,
                                           char       **detail);
GError *lk_comfy_error_from_execution     (const char  *node_id,
                                           const char  *node_type,
                                           const char  *exception_type,
                                           const char  *exception_message,
                                           JsonObject  *graph);
GError *lk_comfy_error_from_http_status   (guint        http_status,
                                           const char  *what);
GError *lk_comfy_error_from_tls           (const char           *url,
                                           GTlsCertificateFlags  peer_errors,
                                           const GError         *error);
char   *lk_comfy_error_list_names         (JsonArray   *names,
                                           guint        max_names);

G_END_DECLS
