/* lk-comfy-client.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-event.h"
#include "lk-comfy-output.h"
#include "lk-comfy-reply.h"
#include "lk-job.h"

G_BEGIN_DECLS

/**
 * LkComfyServerState:
 * @LK_COMFY_SERVER_DISCONNECTED: lk_comfy_client_connect() was not called
 * @LK_COMFY_SERVER_CONNECTING: the first connection is being made
 * @LK_COMFY_SERVER_ONLINE: connected; jobs can be sent
 * @LK_COMFY_SERVER_RESTARTING: the connection was lost and is being made again (the server may
 *   be restarting)
 * @LK_COMFY_SERVER_OFFLINE: the server cannot be reached; it is tried again later
 *
 * What the server list shows for one server.
 */
typedef enum
{
  LK_COMFY_SERVER_DISCONNECTED,
  LK_COMFY_SERVER_CONNECTING,
  LK_COMFY_SERVER_ONLINE,
  LK_COMFY_SERVER_RESTARTING,
  LK_COMFY_SERVER_OFFLINE,
} LkComfyServerState;

#define LK_TYPE_COMFY_SERVER_STATE (lk_comfy_server_state_get_type ())
GType lk_comfy_server_state_get_type (void) G_GNUC_CONST;

#define LK_TYPE_COMFY_CLIENT (lk_comfy_client_get_type ())

G_DECLARE_FINAL_TYPE (LkComfyClient, lk_comfy_client, LK, COMFY_CLIENT, GObject)

LkComfyClient      *lk_comfy_client_new                    (const char           *url,
                                                            GError              **error);
const char         *lk_comfy_client_get_url                (LkComfyClient        *self);
const char         *lk_comfy_client_get_client_id          (LkComfyClient        *self);
const char         *lk_comfy_client_get_authorization      (LkComfyClient        *self);
void                lk_comfy_client_set_authorization      (LkComfyClient        *self,
                                                            const char           *authorization);
gboolean            lk_comfy_client_set_tls_ca_file        (LkComfyClient        *self,
                                                            const char           *path,
                                                            GError              **error);
LkComfyServerState  lk_comfy_client_get_state              (LkComfyClient        *self);
int                 lk_comfy_client_get_queue_remaining    (LkComfyClient        *self);
const char         *lk_comfy_client_get_version            (LkComfyClient        *self);
const char         *lk_comfy_client_get_gpu_name           (LkComfyClient        *self);
gint64              lk_comfy_client_get_vram_total         (LkComfyClient        *self);
gint64              lk_comfy_client_get_vram_free          (LkComfyClient        *self);
const GError       *lk_comfy_client_get_last_error         (LkComfyClient        *self);
GListModel         *lk_comfy_client_get_jobs               (LkComfyClient        *self);
guint               lk_comfy_client_get_n_active_jobs      (LkComfyClient        *self);
void                lk_comfy_client_set_timings            (LkComfyClient        *self,
                                                            guint                 reconnect_ms,
                                                            guint                 watchdog_s,
                                                            guint                 lost_after_s);
void                lk_comfy_client_set_object_info_max_age (LkComfyClient       *self,
                                                            guint                 seconds);

void                lk_comfy_client_connect                (LkComfyClient        *self);
void                lk_comfy_client_disconnect             (LkComfyClient        *self);
void                lk_comfy_client_retry                  (LkComfyClient        *self);

void                lk_comfy_client_submit_async           (LkComfyClient        *self,
                                                            LkJob                *job,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            lk_comfy_client_submit_finish          (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                lk_comfy_client_cancel_async           (LkComfyClient        *self,
                                                            LkJob                *job,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            lk_comfy_client_cancel_finish          (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                lk_comfy_client_reconcile_async        (LkComfyClient        *self,
                                                            const char           *prompt_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
LkJob              *lk_comfy_client_reconcile_finish       (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
LkJob              *lk_comfy_client_find_job               (LkComfyClient        *self,
                                                            const char           *prompt_id);

void                lk_comfy_client_get_history_async      (LkComfyClient        *self,
                                                            const char           *prompt_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
LkComfyHistoryEntry *lk_comfy_client_get_history_finish    (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                lk_comfy_client_get_queue_async        (LkComfyClient        *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
LkComfyQueue       *lk_comfy_client_get_queue_finish       (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                lk_comfy_client_get_object_info_async  (LkComfyClient        *self,
                                                            gboolean              refresh,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
JsonObject         *lk_comfy_client_get_object_info_finish (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                lk_comfy_client_invalidate_object_info (LkComfyClient        *self);
void                lk_comfy_client_refresh_system_stats_async  (LkComfyClient   *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
LkComfySystemStats *lk_comfy_client_refresh_system_stats_finish (LkComfyClient   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                lk_comfy_client_download_async         (LkComfyClient        *self,
                                                            LkComfyOutput        *output,
                                                            const char           *root,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GFile              *lk_comfy_client_download_finish        (LkComfyClient        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
