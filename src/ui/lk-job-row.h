/* lk-job-row.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-generator-job.h"

G_BEGIN_DECLS

#define LK_TYPE_JOB_ROW (lk_job_row_get_type ())

G_DECLARE_FINAL_TYPE (LkJobRow, lk_job_row, LK, JOB_ROW, GtkWidget)

/**
 * lk_job_row_new:
 *
 * Creates a row of the jobs queue: the character's name, the state in words, a progress bar,
 * the node running, the place in the queue, the live preview, the elapsed time and an
 * estimate of the time left, a Cancel button, and for a job that went wrong the reason in
 * plain words with the technical details in an expander.
 *
 * The Cancel button activates the action `jobs.cancel` with the catalog id of the job (an
 * `x`), which #LkJobsView installs.
 *
 * Returns: (transfer full): a new #LkJobRow
 */
GtkWidget      *lk_job_row_new          (void);

/**
 * lk_job_row_get_job:
 * @self: a #LkJobRow
 *
 * Returns: (transfer none) (nullable): the job shown
 */
LkGeneratorJob *lk_job_row_get_job      (LkJobRow       *self);

/**
 * lk_job_row_set_job:
 * @self: a #LkJobRow
 * @job: (nullable): the job to show; the row follows its changes until another is set
 *
 * Setting %NULL (when a list recycles the row) stops following and stops any preview being
 * decoded.
 */
void            lk_job_row_set_job      (LkJobRow       *self,
                                         LkGeneratorJob *job);

/**
 * lk_job_row_update_time:
 * @self: a #LkJobRow
 *
 * Refreshes the elapsed time and the estimate. The jobs view calls it once a second for
 * every row it shows while a job runs, so the rows share one timer.
 */
void            lk_job_row_update_time  (LkJobRow       *self);

/**
 * lk_job_row_is_timed:
 * @self: a #LkJobRow
 *
 * Returns: whether the job shown is running, so that its time changes every second
 */
gboolean        lk_job_row_is_timed     (LkJobRow       *self);

/**
 * lk_job_row_describe_state:
 * @job: a job
 *
 * Returns: (transfer full): the job's state in words for the artist ("Queued, 3rd in line",
 *   "Running", "Finished", "Failed"…)
 */
char           *lk_job_row_describe_state (LkGeneratorJob *job);

G_END_DECLS
