/* lk-jobs-view.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_JOBS_VIEW (lk_jobs_view_get_type ())

G_DECLARE_FINAL_TYPE (LkJobsView, lk_jobs_view, LK, JOBS_VIEW, GtkWidget)

/*
 * LkJobsView
 *
 * The queue of generation jobs, newest first: each job's progress, the node running, its live
 * preview, the time it has run and an estimate of the time left, a Cancel button, and for a job
 * that went wrong the reason in plain words with the details in an expander. Jobs stay listed
 * after they finish, until "Clear Finished".
 *
 * Signals:
 *   job-finished (LkGeneratorJob *job): emitted once for each job listed that reaches a final
 *   state (succeeded, failed, cancelled or lost); lk_jobs_view_describe_finished() words it.
 *
 * Actions: `jobs.cancel` (an `x`: the catalog id of the job) and `jobs.clear-finished`.
 */

/**
 * lk_jobs_view_new:
 *
 * Returns: (transfer full): a new #LkJobsView without a generator
 */
GtkWidget   *lk_jobs_view_new                (void);

/**
 * lk_jobs_view_get_generator:
 * @self: a #LkJobsView
 *
 * Returns: (transfer none) (nullable): the generator whose jobs are listed
 */
LkGenerator *lk_jobs_view_get_generator      (LkJobsView     *self);

/**
 * lk_jobs_view_set_generator:
 * @self: a #LkJobsView
 * @generator: (nullable): the generator whose jobs to list (the "generator" property)
 *
 * The jobs of another generator (another catalog) are forgotten; those @generator follows are
 * listed, and every job it starts following from now on.
 */
void         lk_jobs_view_set_generator      (LkJobsView     *self,
                                              LkGenerator    *generator);

/**
 * lk_jobs_view_get_jobs:
 * @self: a #LkJobsView
 *
 * Returns: (transfer none): a #GListModel of the #LkGeneratorJob listed, newest first,
 *   finished ones included until cleared
 */
GListModel  *lk_jobs_view_get_jobs           (LkJobsView     *self);

/**
 * lk_jobs_view_clear_finished:
 * @self: a #LkJobsView
 *
 * Removes the finished jobs from the list (what the "Clear Finished" button does).
 */
void         lk_jobs_view_clear_finished     (LkJobsView     *self);

/**
 * lk_jobs_view_describe_finished:
 * @job: a job in a final state
 *
 * Words for a toast or a desktop notification about a finished job: "Finished generating Mei
 * Kobayashi", "Generating Mei Kobayashi failed: " and the reason in plain words, "Generating Mei
 * Kobayashi was cancelled", or that the job was lost.
 *
 * Returns: (transfer full): the sentence
 */
char        *lk_jobs_view_describe_finished  (LkGeneratorJob *job);

G_END_DECLS
