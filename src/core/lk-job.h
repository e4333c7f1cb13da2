/* lk-job.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LkJobState:
 * @LK_JOB_PENDING: created (and recorded), not accepted by a server yet
 * @LK_JOB_QUEUED: in the server's queue
 * @LK_JOB_RUNNING: the server is running it
 * @LK_JOB_SUCCEEDED: finished; its outputs are listed
 * @LK_JOB_FAILED: refused by the server or failed while running; see the error
 * @LK_JOB_CANCELLED: removed from the queue or stopped while running
 * @LK_JOB_LOST: the server no longer knows it (it restarted, or stayed unreachable); it can be
 *   submitted again with lk_job_dup_for_retry()
 *
 * Where a generation job is. The last four are final.
 */
typedef enum
{
  LK_JOB_PENDING,
  LK_JOB_QUEUED,
  LK_JOB_RUNNING,
  LK_JOB_SUCCEEDED,
  LK_JOB_FAILED,
  LK_JOB_CANCELLED,
  LK_JOB_LOST,
} LkJobState;

#define LK_TYPE_JOB_STATE (lk_job_state_get_type ())
GType lk_job_state_get_type (void) G_GNUC_CONST;

#define LK_TYPE_JOB (lk_job_get_type ())

G_DECLARE_FINAL_TYPE (LkJob, lk_job, LK, JOB, GObject)

LkJob        *lk_job_new                  (JsonObject  *graph,
                                           JsonObject  *extra_pnginfo);
LkJob        *lk_job_new_for_prompt       (const char  *prompt_id,
                                           const char  *server_url);
LkJob        *lk_job_dup_for_retry        (LkJob       *self);
const char   *lk_job_get_id               (LkJob       *self);
LkJobState    lk_job_get_state            (LkJob       *self);
gboolean      lk_job_is_finished          (LkJob       *self);
double        lk_job_get_progress         (LkJob       *self);
const char   *lk_job_get_node             (LkJob       *self);
double        lk_job_get_node_value       (LkJob       *self);
double        lk_job_get_node_max         (LkJob       *self);
int           lk_job_get_queue_position   (LkJob       *self);
GBytes       *lk_job_get_preview          (LkJob       *self);
const char   *lk_job_get_preview_mime     (LkJob       *self);
GListModel   *lk_job_get_outputs          (LkJob       *self);
const GError *lk_job_get_error            (LkJob       *self);
const char   *lk_job_get_error_detail     (LkJob       *self);
const char   *lk_job_get_warning          (LkJob       *self);
const char   *lk_job_get_prompt_id        (LkJob       *self);
const char   *lk_job_get_server_url       (LkJob       *self);
gint64        lk_job_get_seed             (LkJob       *self);
void          lk_job_set_seed             (LkJob       *self,
                                           gint64       seed);
JsonObject   *lk_job_get_graph            (LkJob       *self);
JsonObject   *lk_job_get_extra_pnginfo    (LkJob       *self);
GDateTime    *lk_job_get_created_at       (LkJob       *self);
GDateTime    *lk_job_get_submitted_at     (LkJob       *self);
GDateTime    *lk_job_get_started_at       (LkJob       *self);
GDateTime    *lk_job_get_finished_at      (LkJob       *self);
const char   *lk_job_state_to_string      (LkJobState   state);
gboolean      lk_job_state_from_string    (const char  *text,
                                           LkJobState  *state);

G_END_DECLS
