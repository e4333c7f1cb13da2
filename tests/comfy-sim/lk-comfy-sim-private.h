/* lk-comfy-sim-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lk-comfy-sim.h"
#include "lk-sim-catalog.h"
#include "lk-sim-models.h"
#include "lk-sim-output.h"
#include "lk-sim-queue.h"

G_BEGIN_DECLS

typedef struct _LkSimHub LkSimHub;
typedef struct _LkSimExecutor LkSimExecutor;

struct _LkComfySim
{
  GObject                 parent_instance;

  /* Configuration, fixed once started */
  char                   *base_dir;
  char                   *models_dir;
  char                   *output_dir;
  char                   *input_dir;
  char                   *temp_dir;
  char                   *listen_address;
  guint16                 listen_port;
  GTlsCertificate        *tls_certificate;
  char                   *preview_method;
  guint                   preview_size;
  guint                   max_resolution;
  guint64                 max_upload_size;
  GPtrArray              *disabled_nodes;
  LkSimDirs               dirs;

  /* Failure switches and tunables: touched only in the simulator's context once started */
  guint                   step_ms;
  guint                   drop_ws_after_step;
  GHashTable             *fail_routes;       /* "/history" → status */
  guint                   history_delay_ms;
  LkComfySimHostileNames  hostile_names;
  char                   *reject_prompts;
  LkComfySimOriginCheck   origin_check;

  /* Running state, in the simulator's context */
  GMainContext           *context;
  SoupServer             *server;
  LkSimModels            *models;
  LkSimCatalog           *catalog;
  LkSimQueue             *queue;
  LkSimHub               *hub;
  LkSimExecutor          *executor;
  gint64                  number;            /* the server's prompt counter */
  guint16                 bound_port;
  GSource                *relisten_source;
  GSource                *kick_source;

  /* The optional private thread */
  GThread                *thread;
  GMainLoop              *loop;
  GMutex                  mutex;
  GCond                   cond;
  gboolean                thread_ready;
  GError                 *thread_error;

  guint                   started : 1;
  guint                   stalled : 1;
  guint                   reconnect_hazard : 1;
};

/* lk-comfy-sim.c */
void        _lk_comfy_sim_queue_updated   (LkComfySim        *self);
JsonNode   *_lk_comfy_sim_queue_info      (LkComfySim        *self);
void        _lk_comfy_sim_do_restart      (LkComfySim        *self,
                                           guint              refuse_ms);
GSource    *_lk_comfy_sim_timeout         (LkComfySim        *self,
                                           guint              ms,
                                           GSourceFunc        func,
                                           gpointer           data,
                                           GDestroyNotify     notify);

/* lk-comfy-sim-control.c */
gboolean    _lk_comfy_sim_apply_control   (LkComfySim        *self,
                                           JsonObject        *control,
                                           gint64            *restart_ms,
                                           GError           **error);
JsonObject *_lk_comfy_sim_control_state   (LkComfySim        *self);
guint       _lk_comfy_sim_route_failure   (LkComfySim        *self,
                                           const char        *route);

/* lk-sim-routes.c */
void        _lk_sim_routes_install        (LkComfySim        *self);
void        _lk_sim_reply_json            (SoupServerMessage *msg,
                                           guint              status,
                                           JsonNode          *body);
void        _lk_sim_reply_empty           (SoupServerMessage *msg,
                                           guint              status);
void        _lk_sim_reply_text            (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *text);
void        _lk_sim_reply_server_error    (SoupServerMessage *msg);

/* lk-sim-view.c */
void        _lk_sim_handle_view           (LkComfySim        *self,
                                           SoupServerMessage *msg,
                                           GHashTable        *query);
void        _lk_sim_handle_upload         (LkComfySim        *self,
                                           SoupServerMessage *msg);

/* lk-sim-hub.c */
LkSimHub   *lk_sim_hub_new                (LkComfySim        *sim);
void        lk_sim_hub_free               (LkSimHub          *hub);
void        lk_sim_hub_install            (LkSimHub          *hub,
                                           SoupServer        *server);
void        lk_sim_hub_send               (LkSimHub          *hub,
                                           const char        *sid,
                                           const char        *type,
                                           JsonNode          *data);
void        lk_sim_hub_send_binary        (LkSimHub          *hub,
                                           const char        *sid,
                                           GBytes            *frame);
gboolean    lk_sim_hub_wants_metadata     (LkSimHub          *hub,
                                           const char        *sid);
void        lk_sim_hub_drop_all           (LkSimHub          *hub,
                                           gboolean           abrupt);
guint       lk_sim_hub_count              (LkSimHub          *hub);
guint       lk_sim_hub_count_routed       (LkSimHub          *hub);

/* lk-sim-executor.c */
LkSimExecutor *lk_sim_executor_new        (LkComfySim        *sim);
void        lk_sim_executor_free          (LkSimExecutor     *executor);
void        lk_sim_executor_kick          (LkSimExecutor     *executor);
void        lk_sim_executor_interrupt     (LkSimExecutor     *executor);
void        lk_sim_executor_reset         (LkSimExecutor     *executor);
void        lk_sim_executor_release       (LkSimExecutor     *executor);
void        lk_sim_executor_wait_writers  (LkSimExecutor     *executor,
                                           guint              timeout_ms);
const char *lk_sim_executor_get_client    (LkSimExecutor     *executor);
const char *lk_sim_executor_get_last_node (LkSimExecutor     *executor);

G_END_DECLS
