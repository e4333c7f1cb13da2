/* lk-viewer-job.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-catalog-outputs.h"

G_BEGIN_DECLS

#define LK_TYPE_VIEWER_JOB (lk_viewer_job_get_type ())
G_DECLARE_FINAL_TYPE (LkViewerJob, lk_viewer_job, LK, VIEWER_JOB, GtkWidget)

/**
 * lk_viewer_job_new:
 *
 * Creates the "Job" group of the viewer's side panel: the catalog's record of the job that
 * made the shown frame (number and status, character and project, profile, who submitted it
 * and when, the ComfyUI server, and the error of a failed job). Hidden until
 * lk_viewer_job_set_check() gives it a record.
 *
 * Returns: (transfer floating): a new group
 */
GtkWidget *lk_viewer_job_new       (void);

/**
 * lk_viewer_job_set_check:
 * @self: a job group
 * @check: (nullable): what the catalog says about the shown frame, or %NULL when it is not
 *   known (no catalog, or not asked yet)
 *
 * Shows @check's job record. A frame the catalog has no job for says so; %NULL hides the
 * group. Nothing of @check is kept.
 */
void       lk_viewer_job_set_check (LkViewerJob        *self,
                                    const LkFrameCheck *check);

/**
 * lk_viewer_job_describe_status:
 * @status: a job status as the catalog stores it (`succeeded`, `failed`, …)
 *
 * Returns: the status in words for the artist, translated; @status itself when unknown
 */
const char *lk_viewer_job_describe_status (const char *status);

G_END_DECLS
