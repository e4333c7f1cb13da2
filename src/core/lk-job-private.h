/* lk-job-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-event.h"
#include "lk-comfy-reply.h"
#include "lk-job.h"

G_BEGIN_DECLS

struct _LkJob
{
  GObject      parent_instance;

  /* Owned */
  char        *id;
  char        *prompt_id;
  char        *server_url;
  JsonObject  *graph;
  JsonObject  *extra_pnginfo;
  GListStore  *outputs;
  GError      *error;
  char        *error_detail;
  char        *warning;
  char        *node;
  GBytes      *preview;
  char        *preview_mime;
  GHashTable  *cached_nodes;
  GHashTable  *finished_nodes;
  GDateTime   *created_at;
  GDateTime   *submitted_at;
  GDateTime   *started_at;
  GDateTime   *finished_at;
  GError      *run_error;        /* from execution_error, until the end */
  char        *run_error_detail;

  gint64       seed;
  double       progress;
  double       node_value;
  double       node_max;
  int          queue_position;
  LkJobState   state;

  guint        saw_end : 1;
  guint        saw_success : 1;
  guint        saw_interrupt : 1;
  guint        cancel_requested : 1;
};

enum {
  JOB_PROP_0,
  JOB_PROP_ID,
  JOB_PROP_STATE,
  JOB_PROP_PROGRESS,
  JOB_PROP_NODE,
  JOB_PROP_NODE_VALUE,
  JOB_PROP_NODE_MAX,
  JOB_PROP_QUEUE_POSITION,
  JOB_PROP_PREVIEW,
  JOB_PROP_PREVIEW_MIME,
  JOB_PROP_OUTPUTS,
  JOB_PROP_ERROR,
  JOB_PROP_ERROR_DETAIL,
  JOB_PROP_WARNING,
  JOB_PROP_PROMPT_ID,
  JOB_PROP_SERVER_URL,
  JOB_PROP_SEED,
  JOB_PROP_STARTED_AT,
  JOB_PROP_FINISHED_AT,
  _LK_JOB_N_PROPS
};

extern GParamSpec *_lk_job_properties[_LK_JOB_N_PROPS];

/* What the client that runs a job drives it with. Only the client (and the tests of the state
 * machine) call these. */

void      _lk_job_set_state              (LkJob               *self,
                                          LkJobState           state);
void      _lk_job_set_prompt_id          (LkJob               *self,
                                          const char          *prompt_id);
void      _lk_job_set_server_url         (LkJob               *self,
                                          const char          *server_url);
void      _lk_job_set_queue_position     (LkJob               *self,
                                          int                  position);
void      _lk_job_set_warning            (LkJob               *self,
                                          const char          *warning);
void      _lk_job_mark_submitted         (LkJob               *self);
void      _lk_job_finish_with_error      (LkJob               *self,
                                          LkJobState           state,
                                          GError              *error,
                                          const char          *detail);
void      _lk_job_handle_event           (LkJob               *self,
                                          LkComfyEvent        *event);
void      _lk_job_add_outputs            (LkJob               *self,
                                          GPtrArray           *outputs);
void      _lk_job_apply_history          (LkJob               *self,
                                          LkComfyHistoryEntry *entry);
void      _lk_job_finish_from_events     (LkJob               *self);
gboolean  _lk_job_get_saw_end            (LkJob               *self);
gboolean  _lk_job_get_cancel_requested   (LkJob               *self);
void      _lk_job_set_cancel_requested   (LkJob               *self,
                                          gboolean             requested);

G_END_DECLS
