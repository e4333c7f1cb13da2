/* lk-workflow.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lk-workflow-error.h"

G_BEGIN_DECLS

/**
 * LK_WORKFLOW_MAX_SIZE:
 *
 * The largest template text Lorakeet reads, in bytes. Real templates are a few kilobytes;
 * even with embedded images they stay far below this.
 */
#define LK_WORKFLOW_MAX_SIZE (16 * 1024 * 1024)

/**
 * LK_WORKFLOW_SEED_LIMIT:
 *
 * Seeds Lorakeet writes are below this (2^53): ComfyUI takes seeds up to 2^64 − 1, but JSON
 * readers in browsers and in json-glib lose digits beyond 2^53.
 */
#define LK_WORKFLOW_SEED_LIMIT G_GUINT64_CONSTANT (9007199254740992)

#define LK_TYPE_WORKFLOW (lk_workflow_get_type ())
G_DECLARE_FINAL_TYPE (LkWorkflow, lk_workflow, LK, WORKFLOW, GObject)

/**
 * LkWorkflowKind:
 * @LK_WORKFLOW_KIND_IMAGE: the template saves still images
 * @LK_WORKFLOW_KIND_VIDEO: the template saves at least one video or animation
 *
 * What a template makes.
 */
typedef enum
{
  LK_WORKFLOW_KIND_IMAGE,
  LK_WORKFLOW_KIND_VIDEO,
} LkWorkflowKind;

/**
 * LkWorkflowRole:
 * @LK_WORKFLOW_ROLE_MODEL_LOADER: nodes loading a base model (checkpoint or diffusion model);
 *   the one the main sampler uses comes first
 * @LK_WORKFLOW_ROLE_LORA_LOADER: `LoraLoader` and `LoraLoaderModelOnly` nodes, those chained
 *   after the main model loader first, in chain order
 * @LK_WORKFLOW_ROLE_CHARACTER_LORA: the LoRA loader that receives the character's LoRA: the
 *   first whose title mentions "character", else the first after the main model loader
 * @LK_WORKFLOW_ROLE_SAMPLER: sampler nodes; the main one (fed by the empty latent) first
 * @LK_WORKFLOW_ROLE_POSITIVE: text encoders reached from the samplers' `positive` links
 * @LK_WORKFLOW_ROLE_NEGATIVE: text encoders reached from the samplers' `negative` links
 * @LK_WORKFLOW_ROLE_LATENT: the empty-latent node setting size, batch and frame count
 * @LK_WORKFLOW_ROLE_SEED: nodes holding the seed: those with a literal `seed` or `noise_seed`
 *   input, and the number nodes such an input is linked to
 * @LK_WORKFLOW_ROLE_OUTPUT: output nodes (`SaveImage`, `VHS_VideoCombine`, …)
 *
 * The parts of a template Lorakeet looks for. Nodes are found by class and by following
 * links, never by a fixed id.
 */
typedef enum
{
  LK_WORKFLOW_ROLE_MODEL_LOADER,
  LK_WORKFLOW_ROLE_LORA_LOADER,
  LK_WORKFLOW_ROLE_CHARACTER_LORA,
  LK_WORKFLOW_ROLE_SAMPLER,
  LK_WORKFLOW_ROLE_POSITIVE,
  LK_WORKFLOW_ROLE_NEGATIVE,
  LK_WORKFLOW_ROLE_LATENT,
  LK_WORKFLOW_ROLE_SEED,
  LK_WORKFLOW_ROLE_OUTPUT,
} LkWorkflowRole;

/**
 * LkWorkflowProblem:
 * @node_id: (nullable): the node the problem is in, %NULL for the graph as a whole
 * @class_type: (nullable): that node's class, when it has one
 * @input: (nullable): the input concerned
 * @message: a sentence naming node, class and input, and what is wrong
 *
 * One thing lk_workflow_validate() found wrong with a graph.
 */
typedef struct
{
  char *node_id;
  char *class_type;
  char *input;
  char *message;
} LkWorkflowProblem;

#define LK_TYPE_WORKFLOW_PROBLEM (lk_workflow_problem_get_type ())

GType              lk_workflow_problem_get_type     (void) G_GNUC_CONST;
LkWorkflowProblem *lk_workflow_problem_copy         (const LkWorkflowProblem *problem);
void               lk_workflow_problem_free         (LkWorkflowProblem       *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkWorkflowProblem, lk_workflow_problem_free)

/* Loading, saving and reading (lk-workflow.c) */
LkWorkflow        *lk_workflow_new_from_string      (const char              *data,
                                                     gssize                   length,
                                                     GError                 **error);
LkWorkflow        *lk_workflow_new_from_node        (JsonNode                *root,
                                                     GError                 **error);
LkWorkflow        *lk_workflow_new_from_file        (GFile                   *file,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);
void               lk_workflow_new_from_file_async  (GFile                   *file,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
LkWorkflow        *lk_workflow_new_from_file_finish (GAsyncResult            *result,
                                                     GError                 **error);
LkWorkflow        *lk_workflow_copy                 (LkWorkflow              *self);
char              *lk_workflow_to_string            (LkWorkflow              *self,
                                                     gboolean                 pretty);
void               lk_workflow_write                (LkWorkflow              *self,
                                                     GString                 *out,
                                                     gboolean                 pretty,
                                                     guint                    indent);
JsonNode          *lk_workflow_dup_root             (LkWorkflow              *self);

guint              lk_workflow_get_n_nodes          (LkWorkflow              *self);
char             **lk_workflow_dup_node_ids         (LkWorkflow              *self);
const char        *lk_workflow_get_class_type       (LkWorkflow              *self,
                                                     const char              *node_id);
JsonNode          *lk_workflow_get_input            (LkWorkflow              *self,
                                                     const char              *node_id,
                                                     const char              *input);
const char * const *lk_workflow_get_changes         (LkWorkflow              *self);
void               lk_workflow_clear_changes        (LkWorkflow              *self);

/* Validation (lk-workflow-validate.c) */
GPtrArray         *lk_workflow_validate             (LkWorkflow              *self);
gboolean           lk_workflow_check                (LkWorkflow              *self,
                                                     GError                 **error);

/* Understanding the graph (lk-workflow-graph.c) */
LkWorkflowKind     lk_workflow_get_kind             (LkWorkflow              *self);
char             **lk_workflow_find                 (LkWorkflow              *self,
                                                     LkWorkflowRole           role);

/* LoRAs and the model (lk-workflow-lora.c) */
gboolean           lk_workflow_set_lora             (LkWorkflow              *self,
                                                     const char              *node_id,
                                                     const char              *lora_name,
                                                     double                   strength_model,
                                                     double                   strength_clip,
                                                     GError                 **error);
gboolean           lk_workflow_bypass_lora          (LkWorkflow              *self,
                                                     const char              *node_id,
                                                     GError                 **error);
char              *lk_workflow_add_lora             (LkWorkflow              *self,
                                                     const char              *lora_name,
                                                     double                   strength_model,
                                                     double                   strength_clip,
                                                     GError                 **error);
gboolean           lk_workflow_set_checkpoint       (LkWorkflow              *self,
                                                     const char              *model_name,
                                                     GError                 **error);

/* Prompts (lk-workflow-prompt.c) */
gboolean           lk_workflow_set_prompt           (LkWorkflow              *self,
                                                     LkWorkflowRole           which,
                                                     const char * const      *lead_words,
                                                     const char              *text,
                                                     gboolean                 keep_template_text,
                                                     GError                 **error);

/* Seed, size, outputs (lk-workflow-edit.c) */
gboolean           lk_workflow_set_seed             (LkWorkflow              *self,
                                                     guint64                  seed,
                                                     GError                 **error);
gboolean           lk_workflow_get_seed             (LkWorkflow              *self,
                                                     guint64                 *seed);
guint64            lk_workflow_random_seed          (void);
gboolean           lk_workflow_set_size             (LkWorkflow              *self,
                                                     guint                    width,
                                                     guint                    height,
                                                     GError                 **error);
gboolean           lk_workflow_set_batch_size       (LkWorkflow              *self,
                                                     guint                    batch_size,
                                                     GError                 **error);
gboolean           lk_workflow_set_frame_count      (LkWorkflow              *self,
                                                     guint                    frame_count,
                                                     GError                 **error);
gboolean           lk_workflow_set_output_names     (LkWorkflow              *self,
                                                     const char              *pattern,
                                                     const char              *project,
                                                     const char              *character,
                                                     GDateTime               *timestamp,
                                                     GError                 **error);

G_END_DECLS
