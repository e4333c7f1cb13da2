/* lk-workflow-error.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_WORKFLOW_ERROR (lk_workflow_error_quark ())

/**
 * LkWorkflowError:
 * @LK_WORKFLOW_ERROR_INVALID_JSON: the text is not JSON (truncated, stray characters, …)
 * @LK_WORKFLOW_ERROR_NOT_UTF8: the text is not UTF-8, or holds a NUL character
 * @LK_WORKFLOW_ERROR_TOO_LARGE: the text is larger than Lorakeet accepts
 * @LK_WORKFLOW_ERROR_TOO_DEEP: arrays and objects are nested too deeply
 * @LK_WORKFLOW_ERROR_DUPLICATE_KEY: an object names the same key twice
 * @LK_WORKFLOW_ERROR_NUMBER_RANGE: a number cannot be kept exactly (beyond 64 bits, infinite)
 * @LK_WORKFLOW_ERROR_UI_FORMAT: a ComfyUI editor workflow, not an API-format graph
 * @LK_WORKFLOW_ERROR_NOT_A_GRAPH: valid JSON, but not a node id → node object map
 * @LK_WORKFLOW_ERROR_INVALID_GRAPH: the graph has problems (see lk_workflow_validate())
 * @LK_WORKFLOW_ERROR_NODE_NOT_FOUND: an edit needs a node the template does not have
 * @LK_WORKFLOW_ERROR_NOT_EDITABLE: the value to edit comes from a node Lorakeet cannot change
 * @LK_WORKFLOW_ERROR_INVALID_ARGUMENT: a value given to an edit is out of range or malformed
 * @LK_WORKFLOW_ERROR_BAD_OBJECT_INFO: a server's `/object_info` answer cannot be understood
 *
 * Errors of the workflow engine: loading, validating and editing templates, and reading the
 * server's node descriptions for preflight.
 */
typedef enum
{
  LK_WORKFLOW_ERROR_INVALID_JSON,
  LK_WORKFLOW_ERROR_NOT_UTF8,
  LK_WORKFLOW_ERROR_TOO_LARGE,
  LK_WORKFLOW_ERROR_TOO_DEEP,
  LK_WORKFLOW_ERROR_DUPLICATE_KEY,
  LK_WORKFLOW_ERROR_NUMBER_RANGE,
  LK_WORKFLOW_ERROR_UI_FORMAT,
  LK_WORKFLOW_ERROR_NOT_A_GRAPH,
  LK_WORKFLOW_ERROR_INVALID_GRAPH,
  LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
  LK_WORKFLOW_ERROR_NOT_EDITABLE,
  LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
  LK_WORKFLOW_ERROR_BAD_OBJECT_INFO,
} LkWorkflowError;

GQuark lk_workflow_error_quark (void);

G_END_DECLS
