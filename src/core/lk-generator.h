/* lk-generator.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"
#include "lk-generator-job.h"
#include "lk-server-pool.h"
#include "lk-workflow-recipe.h"

G_BEGIN_DECLS

#define LK_GENERATOR_ERROR (lk_generator_error_quark ())

/**
 * LkGeneratorError:
 * @LK_GENERATOR_ERROR_CANNOT_GENERATE: the character has no profile or template to generate
 *   with, or its template cannot be edited
 * @LK_GENERATOR_ERROR_PREFLIGHT: a check before submitting found an error; nothing was sent
 * @LK_GENERATOR_ERROR_INVALID_REQUEST: the request itself is wrong (a seed out of range…)
 * @LK_GENERATOR_ERROR_NOT_FOUND: no unfinished job with that id is in the catalog
 * @LK_GENERATOR_ERROR_NOT_SENT: Lorakeet stopped before the job was sent
 *
 * Errors of the generation flow. The client's (%LK_COMFY_ERROR) and the catalog's
 * (%LK_CATALOG_ERROR) errors pass through unchanged.
 */
typedef enum
{
  LK_GENERATOR_ERROR_CANNOT_GENERATE,
  LK_GENERATOR_ERROR_PREFLIGHT,
  LK_GENERATOR_ERROR_INVALID_REQUEST,
  LK_GENERATOR_ERROR_NOT_FOUND,
  LK_GENERATOR_ERROR_NOT_SENT,
} LkGeneratorError;

GQuark lk_generator_error_quark (void);

/**
 * LkGenerateRequest:
 * @prompt: (nullable): the artist's positive text, after the trigger words and before the
 *   template's own text
 * @negative_prompt: (nullable): the artist's negative text
 * @seed_mode: %LK_SEED_MODE_RANDOM (the default): a new seed per variation;
 *   %LK_SEED_MODE_FIXED: @seed, then @seed + 1… for further variations; %LK_SEED_MODE_KEEP:
 *   the template's seed, then counting up
 * @seed: the first seed for %LK_SEED_MODE_FIXED, below %LK_WORKFLOW_SEED_LIMIT
 * @count: how many variations of each character, each with a seed of its own (at least 1)
 * @strength: the LoRA strength on model and CLIP, or a negative number for the character's
 *   own (the profile's, else the generator's default)
 * @server_url: (nullable): send the jobs to this server only; %NULL lets the pool choose the
 *   reachable server with the shortest queue for each job
 * @who: (nullable): who asked, recorded with the jobs (default: the user name)
 *
 * What one press of Generate asks for. Strings are copied. Initialise with
 * lk_generate_request_init().
 */
typedef struct
{
  const char *prompt;
  const char *negative_prompt;
  LkSeedMode  seed_mode;
  guint64     seed;
  guint       count;
  double      strength;
  const char *server_url;
  const char *who;
} LkGenerateRequest;

/**
 * lk_generate_request_init:
 * @request: a request to fill
 *
 * One variation, a random seed, the character's own strength, any server.
 */
void lk_generate_request_init (LkGenerateRequest *request);

#define LK_TYPE_GENERATOR (lk_generator_get_type ())

G_DECLARE_FINAL_TYPE (LkGenerator, lk_generator, LK, GENERATOR, GObject)

/**
 * lk_generator_new:
 * @catalog: an open catalog
 * @pool: the ComfyUI servers
 *
 * Creates the generation flow: character → project → profile → template → the character's
 * own LoRA or none → workflow edits → preflight against the chosen server → the job written
 * to the catalog → submitted → followed, with its state and outputs written to the catalog
 * as they come.
 *
 * Returns: (transfer full): a new #LkGenerator
 */
LkGenerator  *lk_generator_new                   (LkCatalog          *catalog,
                                                  LkServerPool       *pool);

/**
 * lk_generator_get_catalog:
 * @self: a #LkGenerator
 *
 * Returns: (transfer none): the catalog
 */
LkCatalog    *lk_generator_get_catalog           (LkGenerator        *self);

/**
 * lk_generator_get_pool:
 * @self: a #LkGenerator
 *
 * Returns: (transfer none): the servers
 */
LkServerPool *lk_generator_get_pool              (LkGenerator        *self);

/**
 * lk_generator_get_jobs:
 * @self: a #LkGenerator
 *
 * The jobs being followed, for a queue view; a job leaves once its outcome is recorded.
 *
 * Returns: (transfer none): a #GListModel of #LkGeneratorJob
 */
GListModel   *lk_generator_get_jobs              (LkGenerator        *self);

/**
 * lk_generator_set_output_dir:
 * @self: a #LkGenerator
 * @output_dir: (nullable): ComfyUI's output folder as this machine sees it (local or mounted),
 *   or %NULL when it is only reachable over HTTP
 *
 * With an output folder, outputs are announced with #LkGenerator::output-ready as soon as the
 * server reports them, with their path in that folder; nothing is downloaded.
 */
void          lk_generator_set_output_dir        (LkGenerator        *self,
                                                  const char         *output_dir);

/**
 * lk_generator_get_output_dir:
 * @self: a #LkGenerator
 *
 * Returns: (transfer none) (nullable): the shared output folder
 */
const char   *lk_generator_get_output_dir        (LkGenerator        *self);

/**
 * lk_generator_set_download_dir:
 * @self: a #LkGenerator
 * @download_dir: (nullable): where outputs are downloaded when there is no shared output
 *   folder; %NULL for Lorakeet's cache (lk_download_dup_root())
 */
void          lk_generator_set_download_dir      (LkGenerator        *self,
                                                  const char         *download_dir);

/**
 * lk_generator_set_download:
 * @self: a #LkGenerator
 * @download: whether outputs are downloaded through `/view` when there is no shared output
 *   folder (the default); otherwise they are only given their URL
 */
void          lk_generator_set_download          (LkGenerator        *self,
                                                  gboolean            download);

/**
 * lk_generator_set_output_pattern:
 * @self: a #LkGenerator
 * @pattern: (nullable): the output name pattern (see lk_workflow_set_output_names()), %NULL
 *   for the studio's convention
 */
void          lk_generator_set_output_pattern    (LkGenerator        *self,
                                                  const char         *pattern);

/**
 * lk_generator_set_default_strength:
 * @self: a #LkGenerator
 * @strength: the LoRA strength when neither the request nor the profile gives one (0.8)
 */
void          lk_generator_set_default_strength  (LkGenerator        *self,
                                                  double              strength);

/**
 * lk_generator_set_use_trigger_words:
 * @self: a #LkGenerator
 * @use_trigger_words: whether the LoRA's trigger words open the positive prompt (the default)
 */
void          lk_generator_set_use_trigger_words (LkGenerator        *self,
                                                  gboolean            use_trigger_words);

/**
 * lk_generator_set_trigger_set:
 * @self: a #LkGenerator
 * @trigger_set: (nullable): the name of the trigger-word set to use, %NULL for "base" (the
 *   LoRA's first set)
 */
void          lk_generator_set_trigger_set       (LkGenerator        *self,
                                                  const char         *trigger_set);

/**
 * lk_generator_prepare_async:
 * @self: a #LkGenerator
 * @character_id: the character
 * @request: what to generate
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the prepared jobs
 * @user_data: data for @callback
 *
 * Everything generation does before recording and submitting, for a dry run: the character's
 * workflow for each variation, and its preflight checks against the server's `/object_info`
 * when a server can be reached (without one, the checks that need it are a warning). Nothing is
 * recorded or sent.
 */
void          lk_generator_prepare_async         (LkGenerator              *self,
                                                  gint64                    character_id,
                                                  const LkGenerateRequest  *request,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);

/**
 * lk_generator_prepare_finish:
 * @self: a #LkGenerator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkGeneratorJob): one pending job per variation, each
 *   with its workflow and checks
 */
GPtrArray    *lk_generator_prepare_finish        (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/**
 * lk_generator_check_async:
 * @self: a #LkGenerator
 * @character_id: the character
 * @server_url: (nullable): the server to check against; %NULL for the pool's choice
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the checks
 * @user_data: data for @callback
 *
 * The studio's troubleshooting steps for one character: the template has a LoraLoader, the
 * character has a LoRA of their own, its file is where the catalog says and on the server, the
 * checkpoint is set, the strength is sane, every node type is installed, and the LoRA suits the
 * checkpoint's base model; then every other preflight check.
 */
void          lk_generator_check_async           (LkGenerator        *self,
                                                  gint64              character_id,
                                                  const char         *server_url,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);

/**
 * lk_generator_check_finish:
 * @self: a #LkGenerator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkCheck
 */
GListModel   *lk_generator_check_finish          (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/**
 * lk_generator_check_template_async:
 * @self: a #LkGenerator
 * @workflow_json: a workflow template in ComfyUI's API format
 * @server_url: (nullable): the server to check against; %NULL for the pool's choice
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the checks
 * @user_data: data for @callback
 *
 * Preflight for a template as it is, without a character: the graph, and against a server's
 * `/object_info` when one can be reached, its node types, model files and links. Errors: the
 * workflow engine's (%LK_WORKFLOW_ERROR) when @workflow_json is not an API-format workflow.
 */
void          lk_generator_check_template_async  (LkGenerator        *self,
                                                  const char         *workflow_json,
                                                  const char         *server_url,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);

/**
 * lk_generator_check_template_finish:
 * @self: a #LkGenerator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkCheck
 */
GListModel   *lk_generator_check_template_finish (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/**
 * lk_generator_generate_async:
 * @self: a #LkGenerator
 * @character_id: the character
 * @request: what to generate
 * @cancellable: (nullable): a #GCancellable; it stops further submissions, not jobs already
 *   sent (cancel those with lk_generator_cancel_async())
 * @callback: called once every variation is submitted, or refused
 * @user_data: data for @callback
 *
 * Generates @request's variations of a character. Each job goes to the reachable server with
 * the shortest queue, is checked against that server's `/object_info`, and is written to the
 * catalog (status pending, the exact workflow, seed, server, LoRA version) before anything is
 * sent. A job that fails preflight or that the server refuses is recorded as failed, with the
 * reason in plain words. The returned jobs are then followed until their outcome and outputs
 * are recorded.
 *
 * Errors: %LK_COMFY_ERROR_NO_SERVER when no server can be reached (nothing is recorded), and
 * the catalog's errors.
 */
void          lk_generator_generate_async        (LkGenerator              *self,
                                                  gint64                    character_id,
                                                  const LkGenerateRequest  *request,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);

/**
 * lk_generator_generate_project_async:
 * @self: a #LkGenerator
 * @project_id: the project
 * @request: what to generate for each character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every job is submitted, or refused
 * @user_data: data for @callback
 *
 * Like lk_generator_generate_async() for every character of a project, in name order. A
 * character that cannot be generated (no profile) gives a failed job that is not recorded; the
 * others go ahead.
 */
void          lk_generator_generate_project_async (LkGenerator             *self,
                                                  gint64                    project_id,
                                                  const LkGenerateRequest  *request,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);

/**
 * lk_generator_generate_finish:
 * @self: a #LkGenerator
 * @result: the result of lk_generator_generate_async() or
 *   lk_generator_generate_project_async()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkGeneratorJob): the jobs, in submission order;
 *   those refused already final
 */
GPtrArray    *lk_generator_generate_finish       (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/**
 * lk_generator_reconcile_async:
 * @self: a #LkGenerator
 * @job_id: a catalog job id, or 0 for every job the catalog holds as pending, queued or
 *   running
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once each job's present state is recorded
 * @user_data: data for @callback
 *
 * Finds out, from each job's server (`/history` and `/queue`, by prompt id or by the job's
 * tag), what became of jobs recorded by a Lorakeet that was closed or killed, and records it.
 * Nothing is submitted again: a job the server finished is recorded with its outputs, one it
 * forgot or never got is recorded as lost, one still waiting or running is followed from now
 * on. A job whose server cannot be reached is left as it is, for a later try. Jobs this
 * generator already follows are returned as they are.
 *
 * Errors: %LK_GENERATOR_ERROR_NOT_FOUND when @job_id is not an unfinished job.
 */
void          lk_generator_reconcile_async       (LkGenerator        *self,
                                                  gint64              job_id,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);

/**
 * lk_generator_reconcile_finish:
 * @self: a #LkGenerator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkGeneratorJob): the jobs whose server answered
 */
GPtrArray    *lk_generator_reconcile_finish      (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/**
 * lk_generator_cancel_async:
 * @self: a #LkGenerator
 * @job: a job of this generator
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called once the server was told
 * @user_data: data for @callback
 *
 * Cancels @job: deleted from its server's queue while waiting, interrupted when it is the one
 * running; it becomes cancelled once the server confirms (and is recorded so). A job that
 * finished first keeps its outcome.
 */
void          lk_generator_cancel_async          (LkGenerator        *self,
                                                  LkGeneratorJob     *job,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);

/**
 * lk_generator_cancel_finish:
 * @self: a #LkGenerator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the server was told (or nothing was needed)
 */
gboolean      lk_generator_cancel_finish         (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/**
 * lk_generator_flush_async:
 * @self: a #LkGenerator
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once written
 * @user_data: data for @callback
 *
 * Waits until every state change and output seen so far is written to the catalog, for a
 * program about to exit.
 */
void          lk_generator_flush_async           (LkGenerator        *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);

/**
 * lk_generator_flush_finish:
 * @self: a #LkGenerator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE once flushed
 */
gboolean      lk_generator_flush_finish          (LkGenerator        *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

G_END_DECLS
