/* lk-generator-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-generator.h"
#include "lk-object-info.h"

G_BEGIN_DECLS

/* LkGenerator is split by concern: lk-generator.c (the object, its settings, choosing a server
 * and reading its /object_info), lk-generator-prepare.c (from a character to an edited,
 * checked workflow), lk-generator-submit.c (recording and submitting), lk-generator-track.c
 * (following jobs into the catalog: states, outputs, downloads, cancel, flush) and
 * lk-generator-reconcile.c (jobs of an earlier run). */

/* How long a dry run or a check waits for a server before checking without one. */
#define LK_GENERATOR_PLAN_SERVER_WAIT_S 5

struct _LkGeneratorJob
{
  GObject       parent_instance;

  /* Owned */
  char         *character_name;
  char         *server_url;
  char         *prompt_id;
  LkJob        *job;
  LkWorkflow   *workflow;
  GListModel   *checks;
  GListStore   *outputs;
  GError       *error;
  char         *warning;
  char         *trigger_set;
  LkResolution *resolution;      /* for the catalog row */

  gint64        id;
  gint64        character_id;
  guint64       seed;
  LkJobState    state;

  /* Following (lk-generator-track.c) */
  LkGenerator  *generator;       /* borrowed while followed */
  gulong        state_handler;
  gulong        prompt_handler;
  gulong        outputs_handler;
  guint         n_outputs_seen;
  guint         pending_downloads;
  guint         pending_writes;
  LkJobState    recorded_state;
  char         *recorded_prompt_id;

  guint         followed : 1;
  guint         final_written : 1;  /* the final state is on its way to the catalog */
  guint         final_done : 1;     /* … and there */
  guint         cancel_requested : 1;
};

enum {
  GENERATOR_JOB_PROP_0,
  GENERATOR_JOB_PROP_ID,
  GENERATOR_JOB_PROP_JOB,
  GENERATOR_JOB_PROP_CHARACTER_ID,
  GENERATOR_JOB_PROP_CHARACTER_NAME,
  GENERATOR_JOB_PROP_SERVER_URL,
  GENERATOR_JOB_PROP_PROMPT_ID,
  GENERATOR_JOB_PROP_SEED,
  GENERATOR_JOB_PROP_STATE,
  GENERATOR_JOB_PROP_ERROR,
  GENERATOR_JOB_PROP_WARNING,
  _LK_GENERATOR_JOB_N_PROPS
};

LkGeneratorJob *_lk_generator_job_new              (gint64          character_id,
                                                    const char     *character_name);
void            _lk_generator_job_set_id           (LkGeneratorJob *self,
                                                    gint64          id);
void            _lk_generator_job_set_job          (LkGeneratorJob *self,
                                                    LkJob          *job);
void            _lk_generator_job_set_server_url   (LkGeneratorJob *self,
                                                    const char     *server_url);
void            _lk_generator_job_set_prompt_id    (LkGeneratorJob *self,
                                                    const char     *prompt_id);
void            _lk_generator_job_set_seed         (LkGeneratorJob *self,
                                                    guint64         seed);
void            _lk_generator_job_set_state        (LkGeneratorJob *self,
                                                    LkJobState      state);
void            _lk_generator_job_set_error        (LkGeneratorJob *self,
                                                    const GError   *error);
void            _lk_generator_job_add_warning      (LkGeneratorJob *self,
                                                    const char     *warning);
void            _lk_generator_job_set_workflow     (LkGeneratorJob *self,
                                                    LkWorkflow     *workflow,
                                                    GListModel     *checks);
void            _lk_generator_job_fail             (LkGeneratorJob *self,
                                                    const GError   *error);

struct _LkGenerator
{
  GObject        parent_instance;

  /* Owned */
  LkCatalog     *catalog;
  LkServerPool  *pool;
  GCancellable  *cancellable;
  char          *output_dir;
  char          *download_dir;
  char          *output_pattern;
  char          *trigger_set;
  GHashTable    *object_infos;    /* LkComfyClient → LkGeneratorInfo */
  GListStore    *jobs;            /* LkGeneratorJob followed */
  GHashTable    *followed;        /* catalog id (gint64 *) → LkGeneratorJob */
  GHashTable    *view_clients;    /* URL → LkComfyClient, for servers not in the pool */
  GQueue         flush_waiters;   /* GTask */

  double         default_strength;
  guint          pending_writes;

  guint          download : 1;
  guint          use_trigger_words : 1;
  guint          disposed : 1;
};

/* What a character is generated with, worked out once for all its variations. */
typedef struct
{
  LkResolution   *resolution;
  LkWorkflow     *template;      /* parsed once, copied per variation */
  LkComfyClient  *client;        /* nullable: none asked for, or none reachable */
  LkObjectInfo   *object_info;   /* nullable */
  GError         *error;         /* why the character cannot be generated */
  double          strength_model;
  double          strength_clip;
} LkGeneratorPlan;

void            _lk_generator_plan_free            (LkGeneratorPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkGeneratorPlan, _lk_generator_plan_free)

/* lk-generator.c */
GCancellable   *_lk_generator_get_cancellable      (LkGenerator        *self);
gboolean        _lk_generator_is_disposed          (LkGenerator        *self);
gboolean        _lk_generator_return_if_closed     (GTask              *task);
void            _lk_generator_choose_server_async  (LkGenerator        *self,
                                                    const char         *server_url,
                                                    guint               wait_s,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
LkComfyClient  *_lk_generator_choose_server_finish (LkGenerator        *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void            _lk_generator_object_info_async    (LkGenerator        *self,
                                                    LkComfyClient      *client,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
LkObjectInfo   *_lk_generator_object_info_finish   (LkGenerator        *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void            _lk_generator_emit_output_ready    (LkGenerator        *self,
                                                    LkGeneratorJob     *job,
                                                    const char         *path);
void            _lk_generator_emit_outputs_recorded (LkGenerator       *self,
                                                    LkGeneratorJob     *job,
                                                    guint               n_outputs);

/* lk-generator-prepare.c */
typedef struct
{
  char        *prompt;
  char        *negative_prompt;
  LkSeedMode   seed_mode;
  guint64      seed;
  guint        count;
  double       strength;
  char        *server_url;
  char        *who;
} LkGeneratorRequest;

LkGeneratorRequest *_lk_generator_request_copy     (const LkGenerateRequest *request);
void            _lk_generator_request_free         (LkGeneratorRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkGeneratorRequest, _lk_generator_request_free)

char           *_lk_generator_model_file           (LkModel            *model);
const char     *_lk_generator_character_name       (LkResolution       *resolution);
void            _lk_generator_prepare_start        (LkGenerator              *self,
                                                    gint64                    character_id,
                                                    const LkGenerateRequest  *request,
                                                    gboolean                  check,
                                                    GTask                    *task);
void            _lk_generator_plan_async           (LkGenerator        *self,
                                                    gint64              character_id,
                                                    gboolean            with_server,
                                                    const char         *server_url,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
LkGeneratorPlan *_lk_generator_plan_finish         (LkGenerator        *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
GPtrArray      *_lk_generator_plan_variations      (LkGenerator        *self,
                                                    LkGeneratorPlan    *plan,
                                                    const LkGeneratorRequest *request,
                                                    GError            **error);
void            _lk_generator_preflight            (LkGenerator        *self,
                                                    LkGeneratorPlan    *plan,
                                                    LkGeneratorJob     *job,
                                                    LkObjectInfo       *object_info,
                                                    const char         *server_url);
GError         *_lk_generator_preflight_error      (LkGeneratorJob     *job);
GListModel     *_lk_generator_character_checks     (LkGenerator        *self,
                                                    LkGeneratorPlan    *plan,
                                                    LkGeneratorJob     *prepared);

/* lk-generator-track.c */
void            _lk_generator_follow               (LkGenerator        *self,
                                                    LkGeneratorJob     *job);
void            _lk_generator_write_async          (LkGenerator        *self,
                                                    LkGeneratorJob     *job,
                                                    const char         *status,
                                                    const char         *prompt_id,
                                                    const char         *error_message,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean        _lk_generator_write_finish         (LkGenerator        *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void            _lk_generator_fail_unsent          (LkGenerator        *self,
                                                    LkGeneratorJob     *job,
                                                    LkJobState          state,
                                                    const GError       *error);
LkGeneratorJob *_lk_generator_find_followed        (LkGenerator        *self,
                                                    gint64              job_id);
LkComfyClient  *_lk_generator_client_for           (LkGenerator        *self,
                                                    const char         *url);
void            _lk_generator_track_dispose        (LkGenerator        *self);

G_END_DECLS
