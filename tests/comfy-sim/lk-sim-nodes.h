/* lk-sim-nodes.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-sim.h"
#include "lk-sim-catalog.h"
#include "lk-sim-output.h"

G_BEGIN_DECLS

/* What one node is given when it runs. */
typedef struct
{
  const char         *node_id;
  const LkSimNodeDef *def;
  LkSimCatalog       *catalog;
  JsonObject         *prompt;         /* the whole validated graph */
  JsonObject         *extra_data;
  JsonObject         *inputs;         /* this node's inputs */
  GHashTable         *values;         /* node id → GPtrArray of LkSimValue (upstream outputs) */
  guint64             hash;           /* the node's input signature, as a number */
  LkSimModels        *models;
  const LkSimDirs    *dirs;
  const char         *preview_prefix; /* PreviewImage's per-node "_temp_xxxxx" */
} LkSimNodeCall;

/* What it produced: outputs at once, or after @n_steps sampler steps / @n_frames video frames,
 * or through a file-writing @job whose result is the node's ui. */
typedef struct
{
  GPtrArray     *outputs;
  int            n_steps;
  int            n_frames;
  LkSimWriteJob *job;
  guint64        preview_hash;
  int            preview_width;
  int            preview_height;
} LkSimNodeResult;

gboolean  lk_sim_node_run            (LkSimNodeCall          *call,
                                      LkSimNodeResult        *result,
                                      GError                **error);
void      lk_sim_node_result_clear   (LkSimNodeResult        *result);
JsonNode *lk_sim_node_current_inputs (LkSimNodeCall          *call);
JsonNode *lk_sim_node_hostile_ui     (JsonNode               *ui,
                                      LkComfySimHostileNames  kind);

G_END_DECLS
