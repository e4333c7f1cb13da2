/* lk-server-pool-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-server-pool.h"

G_BEGIN_DECLS

struct _LkServerPool
{
  GObject     parent_instance;

  /* Owned */
  GPtrArray  *clients;
  GHashTable *extra;        /* url → client, for reconciling on servers no longer listed */
  char       *authorization;
  GQueue      waiting;      /* GTask, in submission order */
  GTask      *current;
  guint       wait_source;

  guint       n_online;
};

LkComfyClient *_lk_server_pool_make_client  (LkServerPool  *self,
                                             const char    *url,
                                             GError       **error);
void           _lk_server_pool_process_next (LkServerPool  *self);

G_END_DECLS
