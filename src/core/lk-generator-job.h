/* lk-generator-job.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-job.h"
#include "lk-workflow.h"

G_BEGIN_DECLS

#define LK_TYPE_GENERATOR_JOB (lk_generator_job_get_type ())

G_DECLARE_FINAL_TYPE (LkGeneratorJob, lk_generator_job, LK, GENERATOR_JOB, GObject)

/*
 * LkGeneratorJob
 *
 * One generation as LkGenerator runs it: the character, the edited workflow and its preflight
 * checks, the catalog row that records it, and the ComfyUI job (#LkJob) once there is one.
 * Its state follows the ComfyUI job's, but a final state is reached only once the outcome and
 * the outputs are written to the catalog (and downloaded, when the generator downloads), so a
 * window or a script that waits for it sees everything in place.
 */

/**
 * lk_generator_job_get_id:
 * @self: a #LkGeneratorJob
 *
 * Returns: the catalog's job id (`generation_jobs.id`), 0 while not recorded
 */
gint64         lk_generator_job_get_id             (LkGeneratorJob *self);

/**
 * lk_generator_job_get_job:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): the ComfyUI job, for progress and previews; %NULL when
 *   no workflow could be made
 */
LkJob         *lk_generator_job_get_job            (LkGeneratorJob *self);

/**
 * lk_generator_job_get_character_id:
 * @self: a #LkGeneratorJob
 *
 * Returns: the character generated, 0 when unknown (a job recorded before a character was
 *   deleted)
 */
gint64         lk_generator_job_get_character_id   (LkGeneratorJob *self);

/**
 * lk_generator_job_get_character_name:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): the character's name
 */
const char    *lk_generator_job_get_character_name (LkGeneratorJob *self);

/**
 * lk_generator_job_get_server_url:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): the ComfyUI server chosen for the job
 */
const char    *lk_generator_job_get_server_url     (LkGeneratorJob *self);

/**
 * lk_generator_job_get_prompt_id:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): the prompt id the server knows the job by
 */
const char    *lk_generator_job_get_prompt_id      (LkGeneratorJob *self);

/**
 * lk_generator_job_get_seed:
 * @self: a #LkGeneratorJob
 *
 * Returns: the seed written into the workflow
 */
guint64        lk_generator_job_get_seed           (LkGeneratorJob *self);

/**
 * lk_generator_job_get_state:
 * @self: a #LkGeneratorJob
 *
 * Where the job is (the `state` property). Final states are reached once the catalog holds
 * the outcome and the outputs.
 *
 * Returns: the state
 */
LkJobState     lk_generator_job_get_state          (LkGeneratorJob *self);

/**
 * lk_generator_job_is_finished:
 * @self: a #LkGeneratorJob
 *
 * Returns: whether the state is final and recorded
 */
gboolean       lk_generator_job_is_finished        (LkGeneratorJob *self);

/**
 * lk_generator_job_get_error:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): why the job failed, was cancelled or lost, in words
 *   for the artist (the `error` property)
 */
const GError  *lk_generator_job_get_error          (LkGeneratorJob *self);

/**
 * lk_generator_job_get_warning:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): something that did not stop the job: an output with a
 *   name that could not be used, a catalog write that failed (the `warning` property)
 */
const char    *lk_generator_job_get_warning        (LkGeneratorJob *self);

/**
 * lk_generator_job_get_workflow:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): the workflow as edited for this job, with its list of
 *   changes; %NULL for a job found again in the catalog
 */
LkWorkflow    *lk_generator_job_get_workflow       (LkGeneratorJob *self);

/**
 * lk_generator_job_get_checks:
 * @self: a #LkGeneratorJob
 *
 * Returns: (transfer none) (nullable): the preflight checks (#LkCheck) run before submitting
 */
GListModel    *lk_generator_job_get_checks         (LkGeneratorJob *self);

/**
 * lk_generator_job_get_outputs:
 * @self: a #LkGeneratorJob
 *
 * The images and videos the job produced, each once, as recorded in the catalog. Each has a
 * local path (in the server's shared output folder, or downloaded into the cache) or at least
 * the URL it can be viewed at. Files reported under names that cannot be used safely are left
 * out (see lk_generator_job_get_warning()).
 *
 * Returns: (transfer none): a #GListModel of #LkComfyOutput
 */
GListModel    *lk_generator_job_get_outputs        (LkGeneratorJob *self);

G_END_DECLS
