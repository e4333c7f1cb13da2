/* lk-server-pool.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-client.h"

G_BEGIN_DECLS

#define LK_TYPE_SERVER_POOL (lk_server_pool_get_type ())

G_DECLARE_FINAL_TYPE (LkServerPool, lk_server_pool, LK, SERVER_POOL, GObject)

LkServerPool  *lk_server_pool_new               (void);
gboolean       lk_server_pool_set_urls          (LkServerPool         *self,
                                                 const char * const   *urls,
                                                 GError              **error);
LkComfyClient *lk_server_pool_add               (LkServerPool         *self,
                                                 const char           *url,
                                                 GError              **error);
LkComfyClient *lk_server_pool_find              (LkServerPool         *self,
                                                 const char           *url);
void           lk_server_pool_set_authorization (LkServerPool         *self,
                                                 const char           *authorization);
guint          lk_server_pool_get_n_online      (LkServerPool         *self);
LkComfyClient *lk_server_pool_pick              (LkServerPool         *self);
void           lk_server_pool_submit_async      (LkServerPool         *self,
                                                 LkJob                *job,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkComfyClient *lk_server_pool_submit_finish     (LkServerPool         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           lk_server_pool_cancel_async      (LkServerPool         *self,
                                                 LkJob                *job,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       lk_server_pool_cancel_finish     (LkServerPool         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           lk_server_pool_reconcile_async   (LkServerPool         *self,
                                                 const char           *server_url,
                                                 const char           *prompt_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LkJob         *lk_server_pool_reconcile_finish  (LkServerPool         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
