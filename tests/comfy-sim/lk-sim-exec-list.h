/* lk-sim-exec-list.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-sim-catalog.h"

G_BEGIN_DECLS

/* comfy_execution.graph.ExecutionList: which nodes must run for the requested outputs (cached
 * nodes are skipped, output nodes never are) and in which order. */
typedef struct _LkSimExecList LkSimExecList;

LkSimExecList *lk_sim_exec_list_new      (JsonObject    *prompt,
                                          LkSimCatalog  *catalog,
                                          GHashTable    *cached);
void           lk_sim_exec_list_free     (LkSimExecList *self);
void           lk_sim_exec_list_add      (LkSimExecList *self,
                                          const char    *node_id);
const char    *lk_sim_exec_list_next     (LkSimExecList *self);
void           lk_sim_exec_list_complete (LkSimExecList *self,
                                          const char    *node_id);
guint          lk_sim_exec_list_pending  (LkSimExecList *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimExecList, lk_sim_exec_list_free)

G_END_DECLS
