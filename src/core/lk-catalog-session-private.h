/* lk-catalog-session-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What lk-catalog-session.c (the object and its state) shares with
 * lk-catalog-session-attempt.c (opening the catalog, retrying while it cannot be reached). */

#pragma once

#include "lk-catalog-session.h"
#include "lk-local-server.h"

G_BEGIN_DECLS

struct _LkCatalogSession
{
  GObject                parent_instance;

  /* Owned */
  char                  *conninfo;
  char                  *description;
  LkCatalog             *catalog;
  LkLocalServer         *local_server;
  GCancellable          *attempt;
  GError                *error;
  char                  *notice;
  GMainContext          *context;
  GSource               *retry_source;

  gint64                 next_retry;
  guint                  n_failures;
  LkCatalogSessionState  state;
  guint                  shut_down : 1;
};


/* State setters: each notifies its property when the value changes. */
void _lk_catalog_session_set_state          (LkCatalogSession      *self,
                                             LkCatalogSessionState  state);
void _lk_catalog_session_set_error          (LkCatalogSession      *self,
                                             const GError          *error);
void _lk_catalog_session_set_next_retry     (LkCatalogSession      *self,
                                             gint64                 next_retry);
/* The attempt in flight, if any; "busy" follows it. */
void _lk_catalog_session_set_attempt        (LkCatalogSession      *self,
                                             GCancellable          *attempt);
void _lk_catalog_session_cancel_retry       (LkCatalogSession      *self);
/* Takes @catalog as the session's open catalog and follows its state. */
void _lk_catalog_session_set_catalog        (LkCatalogSession      *self,
                                             LkCatalog             *catalog);
/* The state of an open catalog follows the catalog's own properties. */
void _lk_catalog_session_update_from_catalog (LkCatalogSession     *self);
/* Leaves a server the session no longer needs, off the main thread (pg_ctl waits). */
void _lk_catalog_session_leave_server_in_background (LkLocalServer *server);

/* lk-catalog-session-attempt.c: starts opening the catalog (starting Lorakeet's own database
 * first when there is no connection string), unless shut down or already trying; failures
 * that may pass are retried after a growing delay. */
void _lk_catalog_session_start_attempt      (LkCatalogSession      *self,
                                             gboolean               by_user);

G_END_DECLS
