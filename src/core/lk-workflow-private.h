/* lk-workflow-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-workflow.h"

G_BEGIN_DECLS

/* Links name output slots; no node has anywhere near this many outputs. */
#define LK_WORKFLOW_MAX_SLOT 255

struct _LkWorkflow
{
  GObject     parent_instance;

  /* Owned */
  JsonObject *graph;       /* node id → {class_type, inputs, _meta} */
  GPtrArray  *changes;     /* char *, NULL-terminated, in the order the edits were made */
  GArray     *undo;        /* LkUndoEntry, while an edit is in progress */
  GPtrArray  *sorted_ids;  /* char *, natural order; NULL when nodes were added or removed */

  /* What lk-workflow-graph.c found, until links or nodes change (_lk_workflow_forget_analysis) */
  GPtrArray  *samplers;    /* char *, natural order */
  GPtrArray  *encoders[2]; /* char *: positive, negative */

  guint       edit_depth;
  guint       valid_known : 1;
  guint       valid : 1;
};

/* What one change of the graph replaced (lk-workflow-journal.c). */
typedef struct
{
  char     *node_id;
  char     *input;  /* NULL: the entry concerns the whole node */
  JsonNode *old;    /* NULL: there was nothing before */
} LkUndoEntry;

/* Where an edit started, to undo it if it fails. */
typedef struct
{
  guint undo_len;
  guint changes_len;
} LkWorkflowMark;

/* One input of one node that holds a link. */
typedef struct
{
  char *node_id;
  char *input;
} LkInputRef;

void        _lk_input_ref_free             (gpointer          data);

int         _lk_workflow_compare_ids       (const char       *a,
                                            const char       *b);
GPtrArray  *_lk_workflow_sorted_ids        (LkWorkflow       *self);
JsonObject *_lk_workflow_get_node          (LkWorkflow       *self,
                                            const char       *node_id);
JsonObject *_lk_workflow_get_inputs        (LkWorkflow       *self,
                                            const char       *node_id);
gboolean    _lk_workflow_parse_link        (JsonNode         *value,
                                            const char      **source_id,
                                            gint64           *slot);
gboolean    _lk_workflow_input_link        (LkWorkflow       *self,
                                            const char       *node_id,
                                            const char       *input,
                                            const char      **source_id,
                                            gint64           *slot);
const char *_lk_workflow_input_string      (LkWorkflow       *self,
                                            const char       *node_id,
                                            const char       *input);
char       *_lk_workflow_label             (LkWorkflow       *self,
                                            const char       *node_id);
char       *_lk_workflow_describe_value    (JsonNode         *value);
char       *_lk_workflow_new_node_id       (LkWorkflow       *self);
gboolean    _lk_workflow_require_valid     (LkWorkflow       *self,
                                            GError          **error);

/* Edits: every change of the graph goes through these, between begin and commit/rollback
 * (lk-workflow-journal.c). */
void        _lk_undo_entry_clear           (gpointer          data);
void        _lk_workflow_begin             (LkWorkflow       *self,
                                            LkWorkflowMark   *mark);
void        _lk_workflow_commit            (LkWorkflow       *self);
void        _lk_workflow_rollback          (LkWorkflow       *self,
                                            const LkWorkflowMark *mark);
void        _lk_workflow_set_input         (LkWorkflow       *self,
                                            const char       *node_id,
                                            const char       *input,
                                            JsonNode         *value);
void        _lk_workflow_add_node          (LkWorkflow       *self,
                                            const char       *node_id,
                                            JsonObject       *node);
void        _lk_workflow_remove_node       (LkWorkflow       *self,
                                            const char       *node_id);
void        _lk_workflow_add_change        (LkWorkflow       *self,
                                            const char       *format,
                                            ...) G_GNUC_PRINTF (2, 3);

/* Finding the parts (lk-workflow-graph.c); the ids returned are copies. Arrays of text
 * encoders are shared with the cache: do not change them. */
void        _lk_workflow_forget_analysis   (LkWorkflow       *self);
GPtrArray  *_lk_workflow_consumers         (LkWorkflow       *self,
                                            const char       *source_id,
                                            gint64            slot);
char       *_lk_workflow_trace_model_loader (LkWorkflow      *self,
                                            const char       *node_id);
char       *_lk_workflow_main_sampler      (LkWorkflow       *self);
char       *_lk_workflow_main_model_loader (LkWorkflow       *self);
GPtrArray  *_lk_workflow_lora_chain        (LkWorkflow       *self,
                                            const char       *loader_id);
char       *_lk_workflow_character_lora    (LkWorkflow       *self);
GPtrArray  *_lk_workflow_text_encoders     (LkWorkflow       *self,
                                            LkWorkflowRole    which);
char       *_lk_workflow_latent_node       (LkWorkflow       *self);
GPtrArray  *_lk_workflow_seed_targets      (LkWorkflow       *self);

G_END_DECLS
