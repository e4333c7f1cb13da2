/* lk-comfy-client-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lk-backoff.h"
#include "lk-comfy-client.h"

G_BEGIN_DECLS

/* LkComfyClient is split by concern: lk-comfy-client.c (the object and plain HTTP routes),
 * lk-comfy-client-socket.c (the WebSocket, reconnecting, the watchdog) and
 * lk-comfy-client-jobs.c (submitting, tracking, recovering and cancelling jobs). */

/* A job the client follows. Keyed by its current prompt id in `jobs`. */
typedef struct
{
  LkJob    *job;
  guint     polled : 1;     /* submitted by another client id: its messages never reach us */
  guint     checking : 1;   /* a history/queue check is in flight */
  guint     recheck : 1;    /* another check was asked for meanwhile */
  guint     submitting : 1; /* POST /prompt has not been answered */
  guint     finishing : 1;  /* the end marker came; reading the history */
} LkTrackedJob;

struct _LkComfyClient
{
  GObject                  parent_instance;

  /* Owned */
  char                    *url;
  GUri                    *base_uri;
  char                    *server_key;
  char                    *authorization;
  char                    *client_id;
  SoupSession             *session;
  SoupSession             *ws_session;
  SoupWebsocketConnection *ws;
  GCancellable            *ws_cancellable;
  GCancellable            *cancellable;
  GHashTable              *jobs;           /* prompt id → LkTrackedJob */
  GListStore              *job_list;
  GPtrArray               *stash;          /* LkComfyEvent for prompts not known yet */
  JsonObject              *object_info;
  LkComfySystemStats      *stats;
  GError                  *last_error;
  char                    *running_prompt_id;
  GRand                   *rand;

  LkBackoff                backoff;
  gint64                   object_info_time;
  gint64                   last_message_us;
  gint64                   offline_since_us;
  guint                    object_info_max_age_s;
  guint                    watchdog_s;
  guint                    lost_after_s;
  guint                    reconnect_source;
  guint                    watchdog_source;
  guint                    poll_source;
  guint                    n_submitting;
  guint                    n_connects;
  int                      queue_remaining;
  LkComfyServerState       state;

  guint                    active : 1;     /* connect() was called and not disconnect() */
  guint                    connecting : 1;
};

enum {
  CLIENT_PROP_0,
  CLIENT_PROP_URL,
  CLIENT_PROP_CLIENT_ID,
  CLIENT_PROP_AUTHORIZATION,
  CLIENT_PROP_STATE,
  CLIENT_PROP_QUEUE_REMAINING,
  CLIENT_PROP_VERSION,
  CLIENT_PROP_GPU_NAME,
  CLIENT_PROP_VRAM_TOTAL,
  CLIENT_PROP_VRAM_FREE,
  CLIENT_PROP_LAST_ERROR,
  CLIENT_PROP_JOBS,
  _LK_COMFY_CLIENT_N_PROPS
};

extern GParamSpec *_lk_comfy_client_properties[_LK_COMFY_CLIENT_N_PROPS];

enum {
  CLIENT_SIGNAL_EVENT,
  _LK_COMFY_CLIENT_N_SIGNALS
};

extern guint _lk_comfy_client_signals[_LK_COMFY_CLIENT_N_SIGNALS];

/* An HTTP answer: status, body, and the body as JSON when it parsed. */
typedef struct
{
  guint     status;
  GBytes   *body;
  JsonNode *json;
} LkComfyHttpReply;

void              _lk_comfy_http_reply_free          (LkComfyHttpReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkComfyHttpReply, _lk_comfy_http_reply_free)

SoupMessage      *_lk_comfy_client_new_message       (LkComfyClient        *self,
                                                      const char           *method,
                                                      const char           *path,
                                                      const char           *query);
void              _lk_comfy_client_request_async     (LkComfyClient        *self,
                                                      const char           *method,
                                                      const char           *path,
                                                      const char           *query,
                                                      JsonNode             *body,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
LkComfyHttpReply *_lk_comfy_client_request_finish    (LkComfyClient        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              _lk_comfy_client_set_state         (LkComfyClient        *self,
                                                      LkComfyServerState    state);
void              _lk_comfy_client_set_queue_remaining (LkComfyClient      *self,
                                                      int                   queue_remaining);
void              _lk_comfy_client_set_last_error    (LkComfyClient        *self,
                                                      const GError         *error);
void              _lk_comfy_client_set_stats         (LkComfyClient        *self,
                                                      LkComfySystemStats   *stats);

/* lk-comfy-client-socket.c */
void              _lk_comfy_client_socket_start      (LkComfyClient        *self);
void              _lk_comfy_client_socket_stop       (LkComfyClient        *self);
void              _lk_comfy_client_socket_retry_now  (LkComfyClient        *self);
void              _lk_comfy_client_socket_update_watchdog (LkComfyClient   *self);

/* lk-comfy-client-jobs.c */
void              _lk_comfy_client_jobs_init         (LkComfyClient        *self);
void              _lk_comfy_client_jobs_dispose      (LkComfyClient        *self);
void              _lk_comfy_client_dispatch_event    (LkComfyClient        *self,
                                                      LkComfyEvent         *event);
LkTrackedJob     *_lk_comfy_client_lookup            (LkComfyClient        *self,
                                                      LkJob                *job);
LkTrackedJob     *_lk_comfy_client_track             (LkComfyClient        *self,
                                                      LkJob                *job,
                                                      gboolean              polled);
void              _lk_comfy_client_untrack           (LkComfyClient        *self,
                                                      LkJob                *job);
void              _lk_comfy_client_rekey             (LkComfyClient        *self,
                                                      LkJob                *job,
                                                      const char           *prompt_id);
void              _lk_comfy_client_replay_stash      (LkComfyClient        *self,
                                                      const char           *prompt_id);
void              _lk_comfy_client_check_job_async   (LkComfyClient        *self,
                                                      LkJob                *job,
                                                      LkJobState            not_found_state,
                                                      GError               *not_found,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          _lk_comfy_client_check_job_finish  (LkComfyClient        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              _lk_comfy_client_recover_all       (LkComfyClient        *self,
                                                      gboolean              polled_only);
void              _lk_comfy_client_lose_all          (LkComfyClient        *self,
                                                      GError               *error);
gboolean          _lk_comfy_client_has_live_jobs     (LkComfyClient        *self);

G_END_DECLS
